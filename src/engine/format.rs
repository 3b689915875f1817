//! `format()`, `quote_ident()`, `quote_literal()` and `quote_nullable()`: the string builders
//! dynamic SQL (`EXECUTE format(...)`) uses, with PostgreSQL's quoting and errors.

use crate::error::{Error, Result};

/// An identifier quoted when PostgreSQL's quote_ident would quote it.
pub fn quote_ident(name: &str) -> String {
    crate::teach::sqltext::quote_ident(name)
}

/// A string as a literal: `'it''s'`, and `E'...'` with doubled backslashes when it has one.
pub fn quote_literal(s: &str) -> String {
    let body = s.replace('\'', "''");
    if s.contains('\\') {
        format!("E'{}'", body.replace('\\', "\\\\"))
    } else {
        format!("'{body}'")
    }
}

/// format(fmt, args...) on argument output texts (None for NULL): `%s`, `%I`, `%L`, `%%`,
/// and `%n$s` positions.
pub fn format(fmt: &str, args: &[Option<String>]) -> Result<String> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    let mut next = 0usize;
    let too_few = || Error::new("22023", "too few arguments for format()");
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        if !digits.is_empty() {
            if chars.peek() == Some(&'$') {
                chars.next();
                let n: usize = digits.parse().unwrap_or(0);
                if n == 0 {
                    return Err(Error::new(
                        "22023",
                        "format specifies argument 0, but arguments are numbered from 1",
                    ));
                }
                next = n - 1;
            } else {
                return Err(Error::unsupported("format() widths are not supported by fksim"));
            }
        }
        let Some(kind) = chars.next() else {
            return Err(Error::new("22023", "unterminated format() type specifier")
                .with_hint("For a single \"%\" use \"%%\"."));
        };
        if kind == '%' {
            out.push('%');
            continue;
        }
        let arg = args.get(next).ok_or_else(too_few)?;
        next += 1;
        match (kind, arg) {
            ('s', Some(s)) => out.push_str(s),
            ('s', None) => {}
            ('I', Some(s)) => out.push_str(&quote_ident(s)),
            ('I', None) => {
                return Err(Error::new(
                    "22004",
                    "null values cannot be formatted as an SQL identifier",
                ));
            }
            ('L', Some(s)) => out.push_str(&quote_literal(s)),
            ('L', None) => out.push_str("NULL"),
            (other, _) => {
                return Err(Error::new(
                    "22023",
                    format!("unrecognized format() type specifier \"{other}\""),
                )
                .with_hint("For a single \"%\" use \"%%\"."));
            }
        }
    }
    Ok(out)
}
