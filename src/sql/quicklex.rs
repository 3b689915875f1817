//! A fast path for sqlparser's tokenizer: plain ASCII statements made of words, integers,
//! simple quoted strings and a few punctuation marks are split here, into exactly the tokens
//! and spans sqlparser's `Tokenizer` (PostgreSQL dialect, unescaping) makes of them; anything
//! else (`None`) goes to sqlparser. Point statements spend most of their parse time tokenizing.

use sqlparser::tokenizer::{Location, Span, Token, TokenWithSpan, Whitespace};

/// The tokens of `text` with their spans, as `Tokenizer::tokenize_with_location` returns
/// them, or None when the text holds anything this fast path leaves to sqlparser.
pub fn tokenize(text: &str) -> Option<Vec<TokenWithSpan>> {
    // Columns count characters; in ASCII text they are bytes.
    if !text.is_ascii() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let (mut line, mut line_start) = (1u64, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let token = match bytes[i] {
            b' ' => {
                i += 1;
                Token::Whitespace(Whitespace::Space)
            }
            b'\t' => {
                i += 1;
                Token::Whitespace(Whitespace::Tab)
            }
            b'\n' => {
                i += 1;
                Token::Whitespace(Whitespace::Newline)
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                // `$` in a word, a string prefix (E'', X'', U&'') or a word after `.` that
                // sqlparser reads with other rules: its job.
                if matches!(bytes.get(i), Some(b'$' | b'\'' | b'"' | b'&')) {
                    return None;
                }
                if out.is_empty() && text[start..i].eq_ignore_ascii_case("copy") {
                    return None;
                }
                Token::make_word(&text[start..i], None)
            }
            b'0'..=b'9' => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                // Decimals, exponents, `1_000`, `0x1F`, `10L`, `t.1`: sqlparser's.
                if bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || b"._$".contains(b))
                    || start > 0 && bytes[start - 1] == b'.'
                {
                    return None;
                }
                Token::Number(text[start..i].to_string(), false)
            }
            b'\'' => {
                let mut value = String::new();
                i += 1;
                loop {
                    let run = i;
                    while i < bytes.len() && !matches!(bytes[i], b'\'' | b'\\' | b'\n') {
                        i += 1;
                    }
                    value.push_str(&text[run..i]);
                    match bytes.get(i) {
                        Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => {
                            value.push('\'');
                            i += 2;
                        }
                        Some(b'\'') => {
                            i += 1;
                            break;
                        }
                        // Backslashes, newlines inside a string, no end: sqlparser's.
                        _ => return None,
                    }
                }
                Token::SingleQuotedString(value)
            }
            b'(' => punct(&mut i, Token::LParen),
            b')' => punct(&mut i, Token::RParen),
            b',' => punct(&mut i, Token::Comma),
            b';' => punct(&mut i, Token::SemiColon),
            b'*' => punct(&mut i, Token::Mul),
            b'=' if followed_by_plain(bytes, i) => punct(&mut i, Token::Eq),
            b'<' if followed_by_plain(bytes, i) => punct(&mut i, Token::Lt),
            b'>' if followed_by_plain(bytes, i) => punct(&mut i, Token::Gt),
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                && matches!(out.last(), Some(TokenWithSpan { token: Token::Word(_), .. })) =>
            {
                punct(&mut i, Token::Period)
            }
            b':' if bytes.get(i + 1) == Some(&b':') => {
                i += 2;
                Token::DoubleColon
            }
            _ => return None,
        };
        let at = |pos: usize, line: u64, line_start: usize| {
            Location::new(line, (pos - line_start + 1) as u64)
        };
        let from = at(start, line, line_start);
        if bytes[i - 1] == b'\n' {
            line += 1;
            line_start = i;
        }
        out.push(TokenWithSpan { token, span: Span::new(from, at(i, line, line_start)) });
    }
    Some(out)
}

/// A one-character token.
fn punct(i: &mut usize, token: Token) -> Token {
    *i += 1;
    token
}

/// An operator character followed by something that cannot extend it (`=>`, `<=`, `<>`...).
fn followed_by_plain(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1).is_none_or(|b| {
        b.is_ascii_alphanumeric() || matches!(b, b' ' | b'\t' | b'\n' | b'\'' | b'(' | b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::tokenize;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::Tokenizer;

    /// What sqlparser makes of `text`, for comparison.
    fn slow(text: &str) -> Option<Vec<sqlparser::tokenizer::TokenWithSpan>> {
        Tokenizer::new(&PostgreSqlDialect {}, text).tokenize_with_location().ok()
    }

    fn same(text: &str) -> bool {
        match tokenize(text) {
            Some(fast) => {
                let slow = slow(text).unwrap_or_default();
                assert_eq!(fast, slow, "tokens of {text:?}");
                for (f, s) in fast.iter().zip(&slow) {
                    assert_eq!(f.span, s.span, "spans of {text:?}");
                }
                true
            }
            None => false,
        }
    }

    #[test]
    fn point_statements_take_the_fast_path() {
        for text in [
            "UPDATE orders SET note = 'x' WHERE id = 98;",
            "SELECT name FROM customers WHERE id = 8;",
            "DELETE FROM customers WHERE id = 14;",
            "select a, b from t where a > 1 and b < 2;",
            "SELECT 'it''s', '' FROM t\n  WHERE t.id = 1;",
            "SELECT count(*) FROM t;",
            "SELECT x::text FROM t;",
            "insert into t values (1, 'a'), (2, NULL);",
            "",
            "  \n\t;",
        ] {
            assert!(same(text), "{text:?} should take the fast path");
        }
    }

    #[test]
    fn everything_else_is_sqlparsers() {
        for text in [
            "SELECT 1.5;",
            "SELECT 1e5;",
            "SELECT E'a\\nb';",
            "SELECT x'1F';",
            "SELECT U&'d';",
            "SELECT 'a\nb';",
            "SELECT 'a\\b';",
            "SELECT 'open;",
            "SELECT \"Quoted\" FROM t;",
            "SELECT $1;",
            "SELECT $$x$$;",
            "SELECT a$b FROM t;",
            "SELECT 1 -- c\n;",
            "SELECT a >= b, a <> b, a => b, a <= b, a == b;",
            "SELECT t.1 FROM t;",
            "SELECT 0x10, 10L, 1_000;",
            "COPY t FROM stdin;",
            "SELECT café FROM t;",
            "SELECT 1\r\n;",
            "SELECT a._b FROM t;",
        ] {
            // Either the fast path declines, or it agrees with sqlparser.
            same(text);
        }
    }

    #[test]
    fn agrees_with_sqlparser_on_every_conformance_statement() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut fast = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "sql") {
                continue;
            }
            let Ok(script) = std::fs::read_to_string(&path) else { continue };
            for item in crate::psqlscan::scan_script(&script) {
                if let crate::psqlscan::ScriptItem::Statement(text) = item {
                    fast += usize::from(same(&text));
                }
            }
        }
        assert!(fast > 1000, "only {fast} statements took the fast path");
    }
}
