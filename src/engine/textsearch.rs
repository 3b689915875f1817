//! The input forms of bytea (hex and escape) and tsvector (lexemes with positions), each
//! normalised to the text PostgreSQL prints for it, which fksim stores.

use crate::error::{Error, Result};

/// bytea input: `\x` hex digits (pairs, whitespace between them allowed) or the escape
/// format (`\\`, `\ooo` octal, other bytes as they are); stored as lower-case hex, `\x...`.
pub fn parse_bytea(text: &str) -> Result<String> {
    let mut out = String::from("\\x");
    if let Some(hex) = text.strip_prefix("\\x").or_else(|| text.strip_prefix("\\X")) {
        let mut digits = hex.chars().filter(|c| !c.is_ascii_whitespace()).peekable();
        while let Some(a) = digits.next() {
            let b = digits.next();
            match (a.to_digit(16), b.and_then(|b| b.to_digit(16))) {
                (Some(_), Some(_)) => {
                    out.push(a.to_ascii_lowercase());
                    out.extend(b.map(|b| b.to_ascii_lowercase()));
                }
                (Some(_), None) if b.is_none() => {
                    return Err(Error::new(
                        "22023",
                        "invalid hexadecimal data: odd number of digits",
                    ));
                }
                (None, _) => return Err(invalid_hex_digit(a)),
                (_, None) => return Err(invalid_hex_digit(b.unwrap_or(a))),
            }
        }
        return Ok(out);
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'\\') => {
                i += 2;
                b'\\'
            }
            b'\\' => {
                let octal = bytes
                    .get(i + 1..i + 4)
                    .filter(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)) && d[0] <= b'3');
                let Some(d) = octal else {
                    return Err(Error::new("22P02", "invalid input syntax for type bytea"));
                };
                i += 4;
                (d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0')
            }
            b => {
                i += 1;
                b
            }
        };
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}

fn invalid_hex_digit(c: char) -> Error {
    Error::new("22023", format!("invalid hexadecimal digit: \"{c}\""))
}

/// tsvector input: whitespace-separated lexemes, quoted with `'...'` when they hold spaces,
/// each with optional positions (`word:1,3A`). Output sorts the lexemes by their bytes,
/// merges duplicates and their positions, and quotes every lexeme.
pub fn parse_tsvector(text: &str) -> Result<String> {
    let syntax = || Error::new("42601", format!("syntax error in tsvector: \"{text}\""));
    let mut lexemes: Vec<(String, Vec<(u32, char)>)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut word = String::new();
        if chars[i] == '\'' {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(syntax()),
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        word.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some('\\') => {
                        word.extend(chars.get(i + 1));
                        i += 2;
                    }
                    Some(&c) => {
                        word.push(c);
                        i += 1;
                    }
                }
            }
        } else {
            while let Some(&c) = chars.get(i) {
                if c.is_whitespace() || c == ':' {
                    break;
                }
                if c == '\\' {
                    word.extend(chars.get(i + 1));
                    i += 2;
                    continue;
                }
                word.push(c);
                i += 1;
            }
        }
        let mut positions = Vec::new();
        if chars.get(i) == Some(&':') {
            i += 1;
            loop {
                let start = i;
                while chars.get(i).is_some_and(char::is_ascii_digit) {
                    i += 1;
                }
                let n: u32 =
                    chars[start..i].iter().collect::<String>().parse().map_err(|_| syntax())?;
                let weight = match chars.get(i).map(char::to_ascii_uppercase) {
                    Some(w @ ('A' | 'B' | 'C')) => {
                        i += 1;
                        w
                    }
                    Some('D') => {
                        i += 1;
                        'D'
                    }
                    _ => 'D',
                };
                positions.push((n.clamp(1, 16383), weight));
                if chars.get(i) == Some(&',') {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        if word.is_empty() {
            return Err(syntax());
        }
        match lexemes.iter_mut().find(|(w, _)| *w == word) {
            Some((_, p)) => p.extend(positions),
            None => lexemes.push((word, positions)),
        }
    }
    lexemes.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let shown: Vec<String> = lexemes
        .into_iter()
        .map(|(w, mut p)| {
            p.sort();
            p.dedup_by_key(|x| x.0);
            let mut s = format!("'{}'", w.replace('\'', "''"));
            if !p.is_empty() {
                let list: Vec<String> = p
                    .iter()
                    .map(|(n, w)| if *w == 'D' { n.to_string() } else { format!("{n}{w}") })
                    .collect();
                s.push(':');
                s.push_str(&list.join(","));
            }
            s
        })
        .collect();
    Ok(shown.join(" "))
}

/// to_tsvector with the `simple` configuration: each word lower-cased, with its position.
/// Text whose words PostgreSQL's parser would split further (hyphens, e-mail addresses, URLs,
/// file paths, ...) is refused, as are the stemming configurations.
pub fn to_tsvector(config: &str, text: &str) -> Result<String> {
    if !matches!(config, "simple" | "pg_catalog.simple") {
        return Err(Error::unsupported(format!(
            "text search configuration \"{config}\" is not supported by fksim (only simple)"
        )));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        let ends_sentence = c == '.' && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if !(c.is_whitespace() || ends_sentence || ",;!?()\"'".contains(c)) {
            return Err(Error::unsupported(format!(
                "to_tsvector of text containing \"{c}\" is not supported by fksim"
            )));
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let listed: Vec<String> =
        words.iter().enumerate().map(|(i, w)| format!("{w}:{}", i + 1)).collect();
    parse_tsvector(&listed.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytea_forms() {
        assert_eq!(parse_bytea("\\xDEAD beef").ok().as_deref(), Some("\\xdeadbeef"));
        assert_eq!(parse_bytea("ab\\\\\\001").ok().as_deref(), Some("\\x61625c01"));
        assert!(parse_bytea("\\xabc").is_err());
    }

    #[test]
    fn tsvector_normalises() {
        assert_eq!(parse_tsvector("b a a").ok().as_deref(), Some("'a' 'b'"));
        assert_eq!(
            parse_tsvector("b:3 a:2B,1 'c d'").ok().as_deref(),
            Some("'a':1,2B 'b':3 'c d'")
        );
    }
}
