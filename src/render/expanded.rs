//! psql's expanded display (`\x`): one record per block, a column per line, and the choice
//! `\x auto` makes between that and the aligned table; and `\timing`'s `Time:` line.

use crate::render::psql::{TableView, render_view, text_width};

/// The `\x` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expanded {
    /// Aligned tables (psql's default).
    #[default]
    Off,
    /// Every result as records.
    On,
    /// Records when the aligned table would be wider than the screen.
    Auto,
}

/// How results are laid out: psql's `\x` and the width of the screen they go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Display {
    /// The `\x` setting.
    pub expanded: Expanded,
    /// Columns of the terminal, 0 when output is not a terminal (then `\x auto` never
    /// expands, as psql's `output_columns` is 0 for a file or pipe).
    pub columns: usize,
}

/// A table as psql prints it under `display`: aligned, or expanded records.
pub fn render_view_as(view: &TableView, display: &Display) -> String {
    let expand = match display.expanded {
        Expanded::Off => false,
        Expanded::On => true,
        // print_aligned_text: only with a known screen width, more than one column, and a
        // header or a row wider than the screen.
        Expanded::Auto => {
            display.columns > 0 && view.headers.len() > 1 && {
                let (header_width, total_width) = aligned_widths(view);
                display.columns < header_width || display.columns < total_width
            }
        }
    };
    if expand { render_expanded(view) } else { render_view(view) }
}

/// print_aligned_text's `total_header_width` and `width_total` for border 1: the widths of
/// the header line and of the widest line, separators included.
fn aligned_widths(view: &TableView) -> (usize, usize) {
    let n = view.headers.len();
    let separators = (n * 3).saturating_sub(1);
    let mut header_total = separators;
    let mut total = separators;
    for (i, h) in view.headers.iter().enumerate() {
        let header = text_width(h);
        let widest = view.rows.iter().filter_map(|r| r.get(i)).map(|c| text_width(c)).max();
        header_total += header;
        total += widest.unwrap_or(0).max(header);
    }
    (header_total, total)
}

/// print_aligned_vertical for border 1 in the ascii line style: a `-[ RECORD n ]` rule per
/// row, then `header | value` lines; multi-line values continue with `+` at the end of a
/// line. No `(N rows)` footer unless there are no rows at all.
fn render_expanded(view: &TableView) -> String {
    let mut out = String::new();
    if let Some(title) = &view.title {
        out.push_str(title);
        out.push('\n');
    }
    if view.rows.is_empty() {
        // footers_with_default: the table's own footers, else `(0 rows)`.
        for f in &view.footers {
            out.push_str(f);
            out.push('\n');
        }
        if view.footers.is_empty() && view.row_count {
            out.push_str("(0 rows)\n");
        }
        out.push('\n');
        return out;
    }
    let headers: Vec<Vec<&str>> = view.headers.iter().map(|h| h.split('\n').collect()).collect();
    let hwidth = headers.iter().flatten().map(|l| text_width(l)).max().unwrap_or(0);
    let cells: Vec<Vec<Vec<&str>>> =
        view.rows.iter().map(|r| r.iter().map(|c| c.split('\n').collect()).collect()).collect();
    let dwidth = cells.iter().flatten().flatten().map(|l| text_width(l)).max().unwrap_or(0);
    let multiline = cells.iter().flatten().any(|lines| lines.len() > 1);
    for (record, row) in cells.iter().enumerate() {
        out.push_str(&record_rule(record + 1, hwidth, dwidth));
        for (header, lines) in headers.iter().zip(row) {
            let (mut h, mut d) = (0, 0);
            while h < header.len() || d < lines.len() {
                match header.get(h) {
                    Some(text) => {
                        out.push_str(text);
                        out.push_str(&" ".repeat(hwidth - text_width(text).min(hwidth)));
                        out.push(if h + 1 < header.len() { '+' } else { ' ' });
                    }
                    None => out.push_str(&" ".repeat(hwidth + 1)),
                }
                h += 1;
                out.push('|');
                if let Some(text) = lines.get(d) {
                    out.push(' ');
                    out.push_str(text);
                    // Only a result with a multi-line value marks continued lines.
                    if d + 1 < lines.len() && multiline {
                        out.push_str(&" ".repeat(dwidth - text_width(text).min(dwidth)));
                        out.push('+');
                    }
                }
                d += 1;
                out.push('\n');
            }
        }
    }
    if !view.footers.is_empty() {
        out.push('\n');
        for f in &view.footers {
            out.push_str(f);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// print_aligned_vertical_line: `-[ RECORD n ]` padded with `-` to the header width, the
/// `-+-` where the header column ends when the label leaves room for it, then `-` over the
/// values.
fn record_rule(record: usize, hwidth: usize, dwidth: usize) -> String {
    let label = format!("[ RECORD {record} ]");
    let mut line = format!("-{label}");
    let mut reclen = label.len() as isize + 1;
    for _ in reclen.max(0) as usize..hwidth {
        line.push('-');
    }
    reclen -= hwidth as isize;
    for piece in ["-", "+", "-"] {
        if reclen <= 0 {
            line.push_str(piece);
        }
        reclen -= 1;
    }
    for _ in reclen.max(0) as usize..dwidth {
        line.push('-');
    }
    line.push('\n');
    line
}

/// psql's `PrintTiming`: milliseconds with three decimals, and from a second on the same
/// duration as `mm:ss.sss`, `hh:mm:ss.sss` or `d hh:mm:ss.sss`.
pub fn render_timing(ms: f64) -> String {
    if ms < 1000.0 {
        return format!("Time: {ms:.3} ms\n");
    }
    let mut seconds = ms / 1000.0;
    let mut minutes = (seconds / 60.0).floor();
    seconds -= 60.0 * minutes;
    if minutes < 60.0 {
        return format!("Time: {ms:.3} ms ({:02}:{seconds:06.3})\n", minutes as i64);
    }
    let mut hours = (minutes / 60.0).floor();
    minutes -= 60.0 * hours;
    if hours < 24.0 {
        return format!(
            "Time: {ms:.3} ms ({:02}:{:02}:{seconds:06.3})\n",
            hours as i64, minutes as i64
        );
    }
    let days = (hours / 24.0).floor();
    hours -= 24.0 * days;
    format!(
        "Time: {ms:.3} ms ({days:.0} d {:02}:{:02}:{seconds:06.3})\n",
        hours as i64, minutes as i64
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(headers: &[&str], rows: &[&[&str]]) -> TableView {
        TableView {
            title: None,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            right_align: vec![false; headers.len()],
            rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
            footers: Vec::new(),
            row_count: true,
        }
    }

    #[test]
    fn the_rule_breaks_at_the_header_column_when_the_label_is_shorter() {
        assert_eq!(record_rule(1, 5, 15), "-[ RECORD 1 ]----------\n");
        assert_eq!(record_rule(1, 20, 3), "-[ RECORD 1 ]--------+----\n");
        assert_eq!(record_rule(1, 12, 3), "-[ RECORD 1 ]+----\n");
    }

    #[test]
    fn auto_expands_only_what_is_wider_than_the_screen() {
        let v = view(&["id", "email"], &[&["1", "ann@example.com"]]);
        let narrow = Display { expanded: Expanded::Auto, columns: 10 };
        let wide = Display { expanded: Expanded::Auto, columns: 80 };
        let pipe = Display { expanded: Expanded::Auto, columns: 0 };
        assert!(render_view_as(&v, &narrow).starts_with("-[ RECORD 1 ]"));
        assert_eq!(render_view_as(&v, &wide), render_view(&v));
        assert_eq!(render_view_as(&v, &pipe), render_view(&v));
    }

    #[test]
    fn timing_past_a_second_adds_the_clock_form() {
        assert_eq!(render_timing(1.2344), "Time: 1.234 ms\n");
        assert_eq!(render_timing(61_500.0), "Time: 61500.000 ms (01:01.500)\n");
        assert_eq!(render_timing(3_723_000.0), "Time: 3723000.000 ms (01:02:03.000)\n");
    }
}
