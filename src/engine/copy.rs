//! COPY in PostgreSQL's text format: `FROM stdin` turns data lines into inserted rows (tabs
//! between columns, `\N` for NULL, backslash escapes), `TO stdout` writes rows the same way.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::dml::{complete_row, target_columns};
use crate::engine::exec::Exec;
use crate::engine::routines::TriggerOp;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Copy, CopyDirection, CopyFormat};

/// Runs a COPY: rows inserted (FROM stdin, counted in `exec.processed`) or the rows to write,
/// one text column of data lines (TO stdout).
pub fn copy(exec: &mut Exec<'_>, c: &Copy) -> Result<Option<ResultSet>> {
    match &c.direction {
        CopyDirection::FromStdin(lines) => copy_from(exec, c, lines).map(|()| None),
        CopyDirection::ToStdout => copy_to(exec, c).map(Some),
    }
}

/// The table and the columns a COPY names (PostgreSQL gives no position for their errors).
pub fn resolve_target(db: &Database, c: &Copy) -> Result<(TableId, Vec<usize>)> {
    let table = db.resolve(&c.table).map_err(Error::without_position)?;
    let targets = target_columns(db.table(table)?, &c.columns).map_err(Error::without_position)?;
    Ok((table, targets))
}

fn copy_from(exec: &mut Exec<'_>, c: &Copy, lines: &[String]) -> Result<()> {
    let (table, targets) = resolve_target(exec.db, c)?;
    let t = exec.db.table(table)?;
    let name = t.name.clone();
    let columns: Vec<(String, DataType)> = targets
        .iter()
        .map(|&i| (t.columns[i].name.clone(), t.columns[i].data_type.clone()))
        .collect();
    exec.db.table_mut(table)?.reserve(lines.len());
    crate::engine::statement_triggers::before(exec, table, TriggerOp::Insert)?;
    let mut inserted = 0;
    let records = crate::engine::copy_csv::records(lines, &c.format, split_fields, unescape_field)
        .map_err(|e| crate::engine::copy_csv::name_context(e, &name))?;
    for record in records {
        exec.ctx.cancel.check()?;
        let line = &record.text;
        let context = format!("COPY {name}, line {}", record.line);
        let fields = record.fields;
        if fields.len() > columns.len() {
            return Err(Error::new("22P04", "extra data after last expected column")
                .with_context(format!("{context}: \"{line}\"")));
        }
        // Each field is converted in column order; a short line fails at its first missing one.
        let mut given = Vec::with_capacity(columns.len());
        let mut fields = fields.into_iter();
        for (column, ty) in &columns {
            let Some(field) = fields.next() else {
                return Err(Error::new("22P04", format!("missing data for column \"{column}\""))
                    .with_context(format!("{context}: \"{line}\"")));
            };
            given.push(Some(match field {
                None => Value::Null,
                Some(text) => Value::parse(&text, ty).map_err(|e| {
                    e.with_context(format!("{context}, column {column}: \"{text}\""))
                })?,
            }));
        }
        let values = complete_row(exec, table, &targets, given)?;
        let (target, values) = crate::engine::partition::insert_target(exec.db, table, values)
            .map_err(|e| e.with_context(format!("{context}: \"{line}\"")))?;
        if exec.insert_row(target, values).map_err(|e| e.with_context(context.clone()))?.is_some() {
            inserted += 1;
        }
    }
    exec.processed = inserted;
    crate::engine::statement_triggers::after(exec, table, TriggerOp::Insert)
}

fn copy_to(exec: &mut Exec<'_>, c: &Copy) -> Result<ResultSet> {
    if let Some(q) = &c.query {
        let result = crate::engine::query::run_query(exec.db, q, &exec.ctx)?;
        let (names, types): (Vec<String>, Vec<DataType>) = result.columns.into_iter().unzip();
        let mut lines = Vec::with_capacity(result.rows.len());
        for row in &result.rows {
            exec.ctx.cancel.check()?;
            lines.push(vec![Value::Text(format_line(row.iter().zip(&types), &c.format))]);
        }
        return Ok(finish_copy_to(exec, lines, names, &c.format));
    }
    let (table, targets) = resolve_target(exec.db, c)?;
    let t = exec.db.table(table)?;
    t.visit_all_pages(exec.ctx.xid);
    let mut rows = Vec::new();
    for id in t.scan_ids() {
        exec.ctx.cancel.check()?;
        let Some(row) = t.heap.row(id) else { continue };
        let values = targets.iter().map(|&i| (&row[i], &t.columns[i].data_type));
        rows.push(vec![Value::Text(format_line(values, &c.format))]);
    }
    let names = targets.iter().map(|&i| t.columns[i].name.clone()).collect();
    Ok(finish_copy_to(exec, rows, names, &c.format))
}

/// One row as a COPY TO line, in the text format or CSV.
fn format_line<'v>(
    values: impl Iterator<Item = (&'v Value, &'v DataType)>,
    format: &CopyFormat,
) -> String {
    if format.csv {
        let values: Vec<Option<String>> = values
            .map(|(v, ty)| match v {
                Value::Null => None,
                v => Some(v.to_text(ty)),
            })
            .collect();
        return crate::engine::copy_csv::write_csv(&values, format);
    }
    let fields: Vec<String> = values
        .map(|(v, ty)| match v {
            Value::Null => format.null.clone(),
            v => escape_field(&v.to_text(ty), format.delimiter),
        })
        .collect();
    fields.join(&format.delimiter.to_string())
}

/// COPY TO's result: its row count for the tag, and the HEADER line before the rows.
fn finish_copy_to(
    exec: &mut Exec<'_>,
    mut rows: Vec<Vec<Value>>,
    names: Vec<String>,
    format: &CopyFormat,
) -> ResultSet {
    exec.processed = rows.len() as u64;
    if format.header {
        let header = if format.csv {
            let names: Vec<Option<String>> = names.into_iter().map(Some).collect();
            crate::engine::copy_csv::write_csv(&names, format)
        } else {
            names.join(&format.delimiter.to_string())
        };
        rows.insert(0, vec![Value::Text(header)]);
    }
    ResultSet { columns: vec![(String::new(), DataType::Text)], rows }
}

/// The fields of one data line: None for `\N`, otherwise the text with escapes resolved.
fn split_fields(line: &str) -> Vec<Option<String>> {
    line.split('\t').map(|raw| (raw != "\\N").then(|| unescape_field(raw))).collect()
}

/// Resolves the text format's backslash escapes: `\b \f \n \r \t \v`, octal `\NNN`, hex
/// `\xHH`; any other escaped character stands for itself.
fn unescape_field(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = raw.chars().peekable();
    // Octal and hex escapes give bytes, which together must form UTF-8.
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if !bytes.is_empty() {
            out.push_str(&String::from_utf8_lossy(bytes));
            bytes.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut bytes, &mut out);
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            flush(&mut bytes, &mut out);
            out.push('\\');
            break;
        };
        match e {
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&d @ '0'..='7') => {
                            v = v * 8 + (d as u32 - '0' as u32);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                bytes.push((v & 0xff) as u8);
                continue;
            }
            'x' if chars.peek().is_some_and(|d| d.is_ascii_hexdigit()) => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match chars.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                bytes.push(v as u8);
                continue;
            }
            _ => {}
        }
        flush(&mut bytes, &mut out);
        out.push(match e {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            other => other,
        });
    }
    flush(&mut bytes, &mut out);
    out
}

/// A value's text as COPY TO writes it: backslash, tab, newline, carriage return and the
/// other control characters C escapes, escaped.
fn escape_field(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c == delimiter && c != '\t' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_on_tabs_with_nulls_and_escapes() {
        assert_eq!(
            split_fields("1\t\\N\ta\\tb\\\\c\\nd\t\\101\\x42"),
            vec![Some("1".into()), None, Some("a\tb\\c\nd".into()), Some("AB".into()),]
        );
        assert_eq!(split_fields(""), vec![Some(String::new())]);
    }

    #[test]
    fn escaping_round_trips() {
        let text = "a\tb\\c\nd\re";
        assert_eq!(unescape_field(&escape_field(text, '\t')), text);
    }
}
