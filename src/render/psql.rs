//! psql-exact output: aligned result tables, `(N rows)`, and ERROR/DETAIL/HINT/CONTEXT/LINE text.

use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice, Severity};

/// A result set as the engine returns it: named, typed columns and rows of values.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSet {
    /// Column names and types, in order.
    pub columns: Vec<(String, DataType)>,
    /// Rows; each has one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// A table ready for psql's aligned printer: text cells, alignment, optional title and footers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableView {
    /// Centered above the table (`Table "public.orders"`), when present.
    pub title: Option<String>,
    /// Column headers.
    pub headers: Vec<String>,
    /// Per column: right-aligned (numbers) or left-aligned.
    pub right_align: Vec<bool>,
    /// Cells, one Vec per row.
    pub rows: Vec<Vec<String>>,
    /// Lines printed after the table (`Indexes:` and the like).
    pub footers: Vec<String>,
    /// Print `(N rows)` after the table (and after the footers).
    pub row_count: bool,
}

/// The table psql prints for a result (aligned format, border 1, header, `(N rows)` and the
/// blank line after it), exactly as `psql -X -a -q` prints it.
pub fn render_table(result: &ResultSet) -> String {
    render_view(&result_view(result))
}

/// A result set as cells for psql's printers: values as text, numbers right-aligned.
pub fn result_view(result: &ResultSet) -> TableView {
    TableView {
        title: None,
        headers: result.columns.iter().map(|(n, _)| n.clone()).collect(),
        // psql right-aligns the numeric types, oid among them.
        right_align: result
            .columns
            .iter()
            .map(|(_, t)| t.base().is_numeric() || *t == crate::engine::types::DataType::Oid)
            .collect(),
        rows: result
            .rows
            .iter()
            .map(|r| {
                r.iter().zip(&result.columns).map(|(v, (_, t))| shown_text(v.to_text(t))).collect()
            })
            .collect(),
        footers: Vec::new(),
        row_count: true,
    }
}

/// A value's text as psql's pg_wcsformat lays it out: tabs out to the next multiple of eight
/// columns of their line, other control characters (but newline) as `\r` or `\xNN`.
fn shown_text(text: String) -> String {
    if !text.contains(|c: char| c.is_control() && c != '\n') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => loop {
                out.push(' ');
                column += 1;
                if column % 8 == 0 {
                    break;
                }
            },
            '\r' => {
                out.push_str("\\r");
                column += 2;
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02X}", c as u32));
                column += 4;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Display width of a string, as psql counts it for alignment.
pub fn text_width(s: &str) -> usize {
    width(s)
}

/// psql's pg_wcswidth: each character's width summed — 0 for combining marks, 2 for East Asian
/// wide and full-width characters (emoji among them), 1 for the rest (control characters too).
fn width(s: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    if s.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return s.len();
    }
    s.chars().map(|c| c.width().unwrap_or(1)).sum()
}

/// Appends `n` copies of `c` (padding, rules) without a string made for them.
fn push_repeated(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// psql's `print_aligned_text` for border 1: the general printer behind results and `\d`.
pub fn render_view(view: &TableView) -> String {
    let ncols = view.headers.len();
    let cells: Vec<Vec<Vec<&str>>> =
        view.rows.iter().map(|r| r.iter().map(|c| c.split('\n').collect()).collect()).collect();
    let mut widths: Vec<usize> =
        view.headers.iter().map(|h| h.split('\n').map(width).max().unwrap_or(0)).collect();
    for row in &cells {
        for (i, lines) in row.iter().enumerate().take(ncols) {
            widths[i] = widths[i].max(lines.iter().map(|l| width(l)).max().unwrap_or(0));
        }
    }
    let mut out = String::new();
    if let Some(title) = &view.title {
        let total = widths.iter().sum::<usize>() + 3 * ncols.saturating_sub(1) + 2;
        let tw = width(title);
        if tw < total {
            out.push_str(&" ".repeat((total - tw) / 2));
        }
        out.push_str(title);
        out.push('\n');
    }
    if ncols > 0 {
        for (i, (h, &w)) in view.headers.iter().zip(&widths).enumerate() {
            let extra = w - width(h).min(w);
            out.push_str(if i == 0 { " " } else { " | " });
            push_repeated(&mut out, ' ', extra / 2);
            out.push_str(h);
            push_repeated(&mut out, ' ', extra - extra / 2);
        }
        out.push_str(" \n");
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            push_repeated(&mut out, '-', w + 2);
        }
        out.push('\n');
    } else {
        out.push_str("--\n");
    }
    for row in &cells {
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let line = &mut out;
            for (i, &w) in widths.iter().enumerate().take(ncols) {
                let lines = row.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let text = lines.get(k).copied().unwrap_or("");
                let more = k + 1 < lines.len();
                if i == 0 {
                    line.push(' ');
                } else {
                    let prev_more = row.get(i - 1).is_some_and(|p| k + 1 < p.len());
                    line.push_str(if prev_more { "+| " } else { " | " });
                    // The "+" replaced the space the previous cell's padding ended with.
                }
                let pad = w - width(text).min(w);
                let right = view.right_align.get(i).copied().unwrap_or(false);
                let last = i + 1 == ncols;
                if right {
                    push_repeated(line, ' ', pad);
                    line.push_str(text);
                } else {
                    line.push_str(text);
                    if !last || more {
                        push_repeated(line, ' ', pad);
                    }
                }
                if last && more {
                    line.push('+');
                }
            }
            out.push('\n');
        }
    }
    for f in &view.footers {
        out.push_str(f);
        out.push('\n');
    }
    if view.row_count {
        let n = view.rows.len();
        if n == 1 {
            out.push_str("(1 row)\n");
        } else {
            out.push_str(&format!("({n} rows)\n"));
        }
    }
    out.push('\n');
    out
}

/// The text psql prints for an error from `query` (the statement text as sent): `ERROR:  msg`,
/// the `LINE n:` excerpt and caret when the error has a position, then DETAIL, HINT, CONTEXT.
pub fn render_error(error: &Error, query: &str) -> String {
    let mut out = format!("ERROR:  {}\n", error.message);
    match (error.position, &error.internal) {
        (Some(pos), _) => out.push_str(&error_position(query, pos)),
        (None, Some((internal, pos))) => out.push_str(&error_position(internal, *pos)),
        (None, None) => {}
    }
    if let Some(d) = &error.detail {
        out.push_str(&format!("DETAIL:  {d}\n"));
    }
    if let Some(h) = &error.hint {
        out.push_str(&format!("HINT:  {h}\n"));
    }
    if let Some((internal, _)) = &error.internal {
        out.push_str(&format!("QUERY:  {internal}\n"));
    }
    if !error.context.is_empty() {
        out.push_str(&format!("CONTEXT:  {}\n", error.context.join("\n")));
    }
    out
}

/// The text psql prints for a NOTICE or WARNING.
pub fn render_notice(notice: &Notice) -> String {
    let label = match notice.severity {
        Severity::Info => "INFO",
        Severity::Notice => "NOTICE",
        Severity::Warning => "WARNING",
    };
    let mut out = format!("{label}:  {}\n", notice.message);
    push_fields(&mut out, notice.detail.as_deref(), notice.hint.as_deref(), &notice.context);
    out
}

/// DETAIL, HINT and CONTEXT lines, in libpq's order.
fn push_fields(out: &mut String, detail: Option<&str>, hint: Option<&str>, context: &[String]) {
    if let Some(d) = detail {
        out.push_str(&format!("DETAIL:  {d}\n"));
    }
    if let Some(h) = hint {
        out.push_str(&format!("HINT:  {h}\n"));
    }
    if !context.is_empty() {
        out.push_str(&format!("CONTEXT:  {}\n", context.join("\n")));
    }
}

/// Screen columns psql shows around an error position (libpq's DISPLAY_SIZE and MIN_RIGHT_CUT).
const DISPLAY_SIZE: usize = 60;
const MIN_RIGHT_CUT: usize = 10;

/// libpq's `reportErrorPosition`: the `LINE n:` excerpt and the caret under position `pos`
/// (1-based, in characters).
fn error_position(query: &str, pos: usize) -> String {
    let chars: Vec<char> = query.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let Some(loc) = pos.checked_sub(1) else { return String::new() };
    // scr[i]: screen column of character i; every character is one column wide here.
    let (mut ibeg, mut iend, mut line) = (0usize, None, 1usize);
    let mut cno = 0;
    while cno < chars.len() {
        let c = chars[cno];
        if c == '\r' || c == '\n' {
            if cno < loc {
                if c == '\r' || cno == 0 || chars[cno - 1] != '\r' {
                    line += 1;
                }
                ibeg = cno + 1;
            } else {
                iend = Some(cno);
                break;
            }
        }
        cno += 1;
    }
    let mut iend = iend.unwrap_or(cno);
    if loc > cno {
        return String::new();
    }
    let (mut beg_trunc, mut end_trunc) = (false, false);
    if iend - ibeg > DISPLAY_SIZE {
        if ibeg + DISPLAY_SIZE >= loc + MIN_RIGHT_CUT {
            while iend - ibeg > DISPLAY_SIZE {
                iend -= 1;
            }
            end_trunc = true;
        } else {
            while loc + MIN_RIGHT_CUT < iend {
                iend -= 1;
                end_trunc = true;
            }
            while iend - ibeg > DISPLAY_SIZE {
                ibeg += 1;
                beg_trunc = true;
            }
        }
    }
    let prefix = format!("LINE {line}: {}", if beg_trunc { "..." } else { "" });
    let excerpt: String = chars[ibeg..iend].iter().collect();
    let caret = width(&prefix) + loc - ibeg;
    format!("{prefix}{excerpt}{}\n{}^\n", if end_trunc { "..." } else { "" }, " ".repeat(caret))
}

/// Whether psql prints a command's tag after the rows it returned: only for INSERT, UPDATE and
/// DELETE ... RETURNING (a query's or SHOW's rows say it all).
pub fn tag_follows_rows(tag: &str) -> bool {
    ["INSERT", "UPDATE", "DELETE"].iter().any(|t| tag.starts_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_table_as_psql_prints_it() {
        let rs = ResultSet {
            columns: vec![
                ("id".into(), DataType::Integer),
                ("team_id".into(), DataType::Integer),
                ("name".into(), DataType::Text),
            ],
            rows: vec![
                vec![Value::Int(1), Value::Int(0), Value::Text("ann".into())],
                vec![Value::Int(22), Value::Null, Value::Null],
            ],
        };
        assert_eq!(
            render_table(&rs),
            " id | team_id | name \n----+---------+------\n  1 |       0 | ann\n 22 |         | \n(2 rows)\n\n"
        );
    }

    #[test]
    fn title_is_centred_over_the_table() {
        let view = TableView {
            title: Some("List of relations".into()),
            headers: vec!["Schema".into(), "Name".into()],
            right_align: vec![false, false],
            rows: vec![vec!["public".into(), "orders".into()]],
            footers: vec![],
            row_count: true,
        };
        assert_eq!(
            render_view(&view),
            "List of relations\n Schema |  Name  \n--------+--------\n public | orders\n(1 row)\n\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_position() {
        let q = "CREATE TABLE bad2 (tenant_id int, author_id int,\n  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON UPDATE SET NULL (author_id));";
        let pos = q.find("ON UPDATE").map(|p| p + 1).unwrap_or(0);
        let err = Error::new(
            "0A000",
            "a column list with SET NULL is only supported for ON DELETE actions",
        )
        .at(Some(pos));
        assert_eq!(
            render_error(&err, q),
            "ERROR:  a column list with SET NULL is only supported for ON DELETE actions\n\
             LINE 2: ...REIGN KEY (tenant_id, author_id) REFERENCES users ON UPDATE ...\n\
             \x20                                                            ^\n"
        );
    }

    #[test]
    fn short_statement_caret() {
        let err = Error::syntax_near("WHERE", Some(15));
        assert_eq!(
            render_error(&err, "SELECT * FROM WHERE;"),
            "ERROR:  syntax error at or near \"WHERE\"\nLINE 1: SELECT * FROM WHERE;\n                      ^\n"
        );
    }
}
