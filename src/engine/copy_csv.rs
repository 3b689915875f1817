//! COPY's data lines under its options: CSV records (quoted fields, doubled or escaped quotes,
//! newlines inside quotes, the empty unquoted field as NULL) and the text format with another
//! delimiter or NULL string, read and written as PostgreSQL's copyfromparse.c / copyto.c do.

use crate::error::{Error, Result};
use crate::sql::ast::CopyFormat;

/// One input row: the line number it starts on (1-based, the header counted), its text, and
/// its fields (None for NULL).
pub struct Record {
    /// The line it starts on.
    pub line: usize,
    /// Its text as written (lines joined by newlines when a quoted field spans them).
    pub text: String,
    /// Its fields.
    pub fields: Vec<Option<String>>,
}

/// The records of COPY FROM's data lines, the header line skipped.
pub fn records(
    lines: &[String],
    f: &CopyFormat,
    split_text: fn(&str) -> Vec<Option<String>>,
    unescape: fn(&str) -> String,
) -> Result<Vec<Record>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = usize::from(f.header);
    while i < lines.len() {
        let start = i;
        let (text, fields) = if f.csv {
            let mut text = lines[i].clone();
            loop {
                match split_csv(&text, f) {
                    Some(fields) => break (text, fields),
                    None if i + 1 < lines.len() => {
                        i += 1;
                        text.push('\n');
                        text.push_str(&lines[i]);
                    }
                    None => {
                        // PostgreSQL's record runs on into the end-of-data marker psql sent.
                        text.push_str("\n\\.\n");
                        return Err(Error::new("22P04", "unterminated CSV quoted field")
                            .with_context_line(start + 1, &text));
                    }
                }
            }
        } else if f.delimiter == '\t' && f.null == "\\N" {
            (lines[i].clone(), split_text(&lines[i]))
        } else {
            let fields = lines[i]
                .split(f.delimiter)
                .map(|raw| (raw != f.null).then(|| unescape(raw)))
                .collect();
            (lines[i].clone(), fields)
        };
        out.push(Record { line: start + 1, text, fields });
        i += 1;
    }
    Ok(out)
}

trait LineContext {
    fn with_context_line(self, line: usize, text: &str) -> Self;
}

impl LineContext for Error {
    /// A placeholder the caller replaces with `COPY t, line n: "..."`.
    fn with_context_line(self, line: usize, text: &str) -> Self {
        self.with_context(format!("\u{0}{line}\u{0}{text}"))
    }
}

/// Rewrites the placeholder context of a record error into PostgreSQL's `COPY t, line n: "..."`.
pub fn name_context(mut e: Error, table: &str) -> Error {
    for c in &mut e.context {
        if let Some(rest) = c.strip_prefix('\u{0}')
            && let Some((line, text)) = rest.split_once('\u{0}')
        {
            *c = format!("COPY {table}, line {line}: \"{text}\"");
        }
    }
    e
}

/// The fields of one CSV record, None when a quoted field is still open at its end.
fn split_csv(text: &str, f: &CopyFormat) -> Option<Vec<Option<String>>> {
    let mut fields = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut value = String::new();
        let (mut quoted, mut in_quote) = (false, false);
        let mut ended_by_delimiter = false;
        while let Some(c) = chars.next() {
            if in_quote {
                if c == f.escape && chars.peek().is_some_and(|n| *n == f.quote || *n == f.escape) {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                } else if c == f.quote {
                    in_quote = false;
                } else {
                    value.push(c);
                }
            } else if c == f.delimiter {
                ended_by_delimiter = true;
                break;
            } else if c == f.quote {
                quoted = true;
                in_quote = true;
            } else {
                value.push(c);
            }
        }
        if in_quote {
            return None;
        }
        fields.push(if !quoted && value == f.null { None } else { Some(value) });
        if !ended_by_delimiter {
            return Some(fields);
        }
    }
}

/// One CSV output line: values quoted when they hold the delimiter, the quote, a line break,
/// or equal the NULL string.
pub fn write_csv(values: &[Option<String>], f: &CopyFormat) -> String {
    values
        .iter()
        .map(|v| match v {
            None => f.null.clone(),
            Some(s) => {
                let needs = s.is_empty() && f.null.is_empty()
                    || *s == f.null
                    || s == "\\."
                    || s.chars()
                        .any(|c| c == f.delimiter || c == f.quote || c == '\n' || c == '\r');
                if needs {
                    let mut out = String::with_capacity(s.len() + 2);
                    out.push(f.quote);
                    for c in s.chars() {
                        if c == f.quote || c == f.escape {
                            out.push(f.escape);
                        }
                        out.push(c);
                    }
                    out.push(f.quote);
                    out
                } else {
                    s.clone()
                }
            }
        })
        .collect::<Vec<_>>()
        .join(&f.delimiter.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv() -> CopyFormat {
        CopyFormat { csv: true, delimiter: ',', null: String::new(), ..CopyFormat::default() }
    }

    #[test]
    fn csv_fields_quotes_and_nulls() {
        assert_eq!(
            split_csv(r#"1,,"","a,b","say ""hi""""#, &csv()),
            Some(vec![
                Some("1".into()),
                None,
                Some(String::new()),
                Some("a,b".into()),
                Some("say \"hi\"".into())
            ])
        );
        assert_eq!(split_csv("1,\"open", &csv()), None);
    }

    #[test]
    fn csv_output_quotes_what_it_must() {
        let out =
            write_csv(&[Some("a,b".into()), None, Some(String::new()), Some("x".into())], &csv());
        assert_eq!(out, "\"a,b\",,\"\",x");
    }
}
