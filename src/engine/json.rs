//! JSON text: validation with PostgreSQL's errors, jsonb's canonical form, and the operators on it.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// A parsed JSON document; numbers keep the text they print as.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// null
    Null,
    /// true / false
    Bool(bool),
    /// A number, as jsonb prints it.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object; for jsonb, keys unique and in jsonb order.
    Object(Vec<(String, Json)>),
}

/// Parses JSON text with PostgreSQL's `invalid input syntax for type json` errors.
pub fn parse(text: &str) -> Result<Json> {
    let mut p = Parser { chars: text.chars().collect(), at: 0, text };
    p.skip_ws();
    let v = p.value()?;
    p.skip_ws();
    if p.at < p.chars.len() {
        let tok = p.token_at(p.at);
        return Err(p.error(
            format!("Expected end of input, but found \"{tok}\"."),
            p.at + tok.chars().count(),
        ));
    }
    Ok(v)
}

/// The canonical jsonb text of `text` (keys sorted by length then bytes, last duplicate wins).
pub fn canonical(text: &str) -> Result<String> {
    Ok(to_text(&normalize(parse(text)?)))
}

/// Sorts and deduplicates object keys the jsonb way, recursively.
pub fn normalize(v: Json) -> Json {
    match v {
        Json::Array(items) => Json::Array(items.into_iter().map(normalize).collect()),
        Json::Object(pairs) => {
            let mut out: Vec<(String, Json)> = Vec::new();
            for (k, v) in pairs {
                let v = normalize(v);
                match out.iter_mut().find(|(ok, _)| *ok == k) {
                    Some(slot) => slot.1 = v,
                    None => out.push((k, v)),
                }
            }
            out.sort_by(|a, b| {
                a.0.len().cmp(&b.0.len()).then_with(|| a.0.as_bytes().cmp(b.0.as_bytes()))
            });
            Json::Object(out)
        }
        other => other,
    }
}

/// jsonb's output text.
pub fn to_text(v: &Json) -> String {
    let mut s = String::new();
    write(v, &mut s);
    s
}

fn write(v: &Json, s: &mut String) {
    match v {
        Json::Null => s.push_str("null"),
        Json::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => s.push_str(n),
        Json::String(t) => quote(t, s),
        Json::Array(items) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write(item, s);
            }
            s.push(']');
        }
        Json::Object(pairs) => {
            s.push('{');
            for (i, (k, item)) in pairs.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                quote(k, s);
                s.push_str(": ");
                write(item, s);
            }
            s.push('}');
        }
    }
}

/// PostgreSQL's `escape_json`.
fn quote(t: &str, s: &mut String) {
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
}

/// `doc -> key` / `doc -> index`: the element, or None (SQL NULL).
pub fn get(doc: &Json, key: &Json) -> Option<Json> {
    match (doc, key) {
        (Json::Object(pairs), Json::String(k)) => {
            pairs.iter().rev().find(|(pk, _)| pk == k).map(|(_, v)| v.clone())
        }
        (Json::Array(items), Json::Number(n)) => {
            let i: i64 = n.parse().ok()?;
            let idx = if i < 0 { items.len() as i64 + i } else { i };
            usize::try_from(idx).ok().and_then(|i| items.get(i)).cloned()
        }
        _ => None,
    }
}

/// `->>`: strings without quotes, null as SQL NULL, everything else as its text.
pub fn as_text(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        other => Some(to_text(other)),
    }
}

/// jsonb `@>`.
pub fn contains(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Object(pa), Json::Object(pb)) => {
            pb.iter().all(|(k, vb)| pa.iter().any(|(ka, va)| ka == k && contains(va, vb)))
        }
        (Json::Array(ia), Json::Array(ib)) => {
            ib.iter().all(|vb| ia.iter().any(|va| contains(va, vb)))
        }
        (Json::Array(ia), scalar) if !matches!(scalar, Json::Object(_)) => {
            ia.iter().any(|va| va == scalar)
        }
        (Json::Number(x), Json::Number(y)) => {
            x.parse::<Decimal>().ok().zip(y.parse::<Decimal>().ok()).is_some_and(|(x, y)| x == y)
                || x == y
        }
        (x, y) => x == y,
    }
}

/// jsonb `?`: a top-level key or string array element.
pub fn has_key(a: &Json, key: &str) -> bool {
    match a {
        Json::Object(pairs) => pairs.iter().any(|(k, _)| k == key),
        Json::Array(items) => items.iter().any(|i| matches!(i, Json::String(s) if s == key)),
        Json::String(s) => s == key,
        _ => false,
    }
}

/// jsonb `||`.
pub fn concat(a: Json, b: Json) -> Json {
    match (a, b) {
        (Json::Object(mut pa), Json::Object(pb)) => {
            pa.extend(pb);
            normalize(Json::Object(pa))
        }
        (Json::Array(mut ia), Json::Array(ib)) => {
            ia.extend(ib);
            Json::Array(ia)
        }
        (Json::Array(mut ia), other) => {
            ia.push(other);
            Json::Array(ia)
        }
        (other, Json::Array(ib)) => Json::Array(std::iter::once(other).chain(ib).collect()),
        (x, y) => Json::Array(vec![x, y]),
    }
}

/// The members of a json (not jsonb) array or object exactly as written.
pub struct RawMembers<'a> {
    /// True for an object, false for an array.
    pub object: bool,
    /// Each member: its key (objects only) and its value's text, duplicates and order kept.
    pub members: Vec<(Option<String>, &'a str)>,
}

/// Splits valid json text into its top-level members without normalising them, as PostgreSQL's
/// json functions see them; None for a scalar.
pub fn raw_members(text: &str) -> Option<RawMembers<'_>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    let object = match b.get(i)? {
        b'{' => true,
        b'[' => false,
        _ => return None,
    };
    let mut members = Vec::new();
    i += 1;
    loop {
        i = skip_ws(b, i);
        let mut name = None;
        if object {
            if b.get(i) != Some(&b'"') {
                break;
            }
            let end = value_end(b, i);
            name = match parse(text.get(i..end)?) {
                Ok(Json::String(n)) => Some(n),
                _ => None,
            };
            i = skip_ws(b, skip_ws(b, end) + 1);
        } else if b.get(i) == Some(&b']') {
            break;
        }
        let end = value_end(b, i);
        members.push((name, text.get(i..end)?));
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    Some(RawMembers { object, members })
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Where the (valid) JSON value starting at byte `i` ends.
fn value_end(b: &[u8], mut i: usize) -> usize {
    let (mut depth, mut in_str) = (0usize, false);
    while let Some(c) = b.get(i) {
        match (in_str, c) {
            (true, b'\\') => i += 1,
            (true, b'"') if depth == 0 => return i + 1,
            (true, b'"') | (false, b'"') => in_str = !in_str,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') if depth <= 1 => return if depth == 0 { i } else { i + 1 },
            (false, b'}' | b']') => depth -= 1,
            (false, b',' | b':' | b' ' | b'\t' | b'\n' | b'\r') if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// A recursive-descent JSON reader over characters.
struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }

    /// PostgreSQL's error, with the CONTEXT line showing the input up to the bad token.
    fn error(&self, detail: String, upto: usize) -> Error {
        let shown: String = self.chars[..upto.min(self.chars.len())].iter().collect();
        let line_start = shown.rfind('\n').map_or(0, |i| i + 1);
        let line_no = shown.matches('\n').count() + 1;
        let mut context = shown[line_start..].to_string();
        if upto < self.chars.len() {
            context.push_str("...");
        }
        let _ = self.text;
        Error::new("22P02", "invalid input syntax for type json")
            .with_detail(detail)
            .with_context(format!("JSON data, line {line_no}: {context}"))
    }

    fn eof(&self) -> Error {
        self.error("The input string ended unexpectedly.".into(), self.chars.len())
    }

    /// The token starting at `i`, as PostgreSQL's lexer would cut it for an error message.
    fn token_at(&self, i: usize) -> String {
        let c = self.chars[i];
        if c.is_alphanumeric() || c == '-' || c == '.' || c == '+' {
            self.chars[i..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '_'))
                .collect()
        } else {
            c.to_string()
        }
    }

    fn invalid(&self, i: usize) -> Error {
        let tok = self.token_at(i);
        self.error(format!("Token \"{tok}\" is invalid."), i + tok.chars().count())
    }

    fn value(&mut self) -> Result<Json> {
        let Some(&c) = self.chars.get(self.at) else { return Err(self.eof()) };
        match c {
            '{' => self.object(),
            '[' => self.array(),
            '"' => Ok(Json::String(self.string()?)),
            '-' | '0'..='9' => self.number(),
            _ => {
                let tok = self.token_at(self.at);
                let v = match tok.as_str() {
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    "null" => Json::Null,
                    _ => return Err(self.invalid(self.at)),
                };
                self.at += tok.len();
                Ok(v)
            }
        }
    }

    fn expect(&mut self, want: char, what: &str) -> Result<()> {
        self.skip_ws();
        match self.chars.get(self.at) {
            None => Err(self.eof()),
            Some(&c) if c == want => {
                self.at += 1;
                Ok(())
            }
            Some(_) => {
                let tok = self.token_at(self.at);
                Err(self.error(
                    format!("Expected {what}, but found \"{tok}\"."),
                    self.at + tok.chars().count(),
                ))
            }
        }
    }

    fn object(&mut self) -> Result<Json> {
        self.at += 1;
        let mut pairs = Vec::new();
        self.skip_ws();
        if self.chars.get(self.at) == Some(&'}') {
            self.at += 1;
            return Ok(Json::Object(pairs));
        }
        loop {
            self.skip_ws();
            match self.chars.get(self.at) {
                None => return Err(self.eof()),
                Some('"') => {}
                Some(_) => {
                    let tok = self.token_at(self.at);
                    return Err(self.error(
                        format!("Expected string, but found \"{tok}\"."),
                        self.at + tok.chars().count(),
                    ));
                }
            }
            let key = self.string()?;
            self.expect(':', "\":\"")?;
            self.skip_ws();
            let v = self.value()?;
            pairs.push((key, v));
            self.skip_ws();
            match self.chars.get(self.at) {
                None => return Err(self.eof()),
                Some(',') => self.at += 1,
                Some('}') => {
                    self.at += 1;
                    return Ok(Json::Object(pairs));
                }
                Some(_) => {
                    let tok = self.token_at(self.at);
                    return Err(self.error(
                        format!("Expected \",\" or \"}}\", but found \"{tok}\"."),
                        self.at + tok.chars().count(),
                    ));
                }
            }
        }
    }

    fn array(&mut self) -> Result<Json> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.chars.get(self.at) == Some(&']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.chars.get(self.at) {
                None => return Err(self.eof()),
                Some(',') => self.at += 1,
                Some(']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                Some(_) => {
                    let tok = self.token_at(self.at);
                    return Err(self.error(
                        format!("Expected \",\" or \"]\", but found \"{tok}\"."),
                        self.at + tok.chars().count(),
                    ));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String> {
        self.at += 1;
        let mut s = String::new();
        loop {
            let Some(&c) = self.chars.get(self.at) else { return Err(self.eof()) };
            self.at += 1;
            match c {
                '"' => return Ok(s),
                '\\' => {
                    let Some(&e) = self.chars.get(self.at) else { return Err(self.eof()) };
                    self.at += 1;
                    match e {
                        '"' => s.push('"'),
                        '\\' => s.push('\\'),
                        '/' => s.push('/'),
                        'b' => s.push('\u{8}'),
                        'f' => s.push('\u{c}'),
                        'n' => s.push('\n'),
                        'r' => s.push('\r'),
                        't' => s.push('\t'),
                        'u' => {
                            let hex: String = self.chars.iter().skip(self.at).take(4).collect();
                            let code =
                                u32::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == 4);
                            let Some(code) = code else {
                                return Err(self.error(
                                    "\"\\u\" must be followed by four hexadecimal digits.".into(),
                                    self.at + hex.len(),
                                ));
                            };
                            self.at += 4;
                            match char::from_u32(code) {
                                Some('\0') | None => {
                                    return Err(Error::new(
                                        "22P05",
                                        "unsupported Unicode escape sequence",
                                    ));
                                }
                                Some(ch) => s.push(ch),
                            }
                        }
                        other => {
                            return Err(self.error(
                                format!("Escape sequence \"\\{other}\" is invalid."),
                                self.at,
                            ));
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.error(
                        format!("Character with value 0x{:02x} must be escaped.", c as u32),
                        self.at,
                    ));
                }
                c => s.push(c),
            }
        }
    }

    fn number(&mut self) -> Result<Json> {
        let start = self.at;
        let tok = self.token_at(self.at);
        let ok = {
            let t = tok.strip_prefix('-').unwrap_or(&tok);
            let (mantissa, exp) = match t.find(['e', 'E']) {
                Some(i) => (&t[..i], Some(&t[i + 1..])),
                None => (t, None),
            };
            let (int, frac) = match mantissa.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (mantissa, None),
            };
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            digits(int)
                && (int == "0" || !int.starts_with('0'))
                && frac.is_none_or(digits)
                && exp.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
        };
        if !ok {
            return Err(self.invalid(start));
        }
        self.at += tok.chars().count();
        // jsonb keeps numbers as numeric: print them as numeric prints them.
        let parsed = if tok.contains(['e', 'E']) {
            Decimal::from_scientific(&tok)
        } else {
            tok.parse::<Decimal>()
        };
        let text = parsed
            .map(|d| if d.is_zero() { d.abs().to_string() } else { d.to_string() })
            .unwrap_or(tok);
        Ok(Json::Number(text))
    }
}
