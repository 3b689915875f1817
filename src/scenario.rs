//! Scenario files: the `-- expect:` annotations beside their statements, and `fksim check`,
//! which replays them and reports every expectation that no longer holds.

use std::path::{Path, PathBuf};

use crate::engine::session::{Outcome, Session};
use crate::error::Error;
use crate::psqlscan::{Scanner, ScriptItem};
use crate::render::psql::ResultSet;
use crate::sql::ast::{ObjectName, Statement};

/// What a statement is expected to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// `-- expect: ok`
    Ok,
    /// `-- expect: error 23503 [constraint_name]`
    Error { sqlstate: String, constraint: Option<String> },
    /// `-- expect: value TEXT`: the query returns one row of one column printing as TEXT.
    Value(String),
    /// `-- expect: valid TABLE`, on a line of its own: every foreign key of TABLE has been
    /// validated (none is left NOT VALID).
    Valid(String),
}

impl Expect {
    /// True for the expectations a statement meets by succeeding.
    fn is_success(&self) -> bool {
        matches!(self, Expect::Ok | Expect::Value(_))
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Ok => f.write_str("ok"),
            Expect::Error { sqlstate, constraint: None } => write!(f, "error {sqlstate}"),
            Expect::Error { sqlstate, constraint: Some(c) } => write!(f, "error {sqlstate} {c}"),
            Expect::Value(v) => write!(f, "value {v}"),
            Expect::Valid(t) => write!(f, "valid {t}"),
        }
    }
}

/// The expectation written on a line, if any (`-- expect: ...` anywhere in a trailing comment).
pub fn expectation(line: &str) -> Option<Result<Expect, String>> {
    let at = line.find("-- expect:")?;
    let words: Vec<&str> = line[at + "-- expect:".len()..].split_whitespace().collect();
    Some(match words.as_slice() {
        ["ok", ..] => Ok(Expect::Ok),
        ["value", rest @ ..] => Ok(Expect::Value(rest.join(" "))),
        ["valid", table] => Ok(Expect::Valid(table.to_string())),
        ["error", code, rest @ ..] if code.len() == 5 => Ok(Expect::Error {
            sqlstate: code.to_string(),
            constraint: rest.first().map(|c| c.to_string()),
        }),
        _ => Err(format!(
            "cannot read the expectation \"{}\" (use `ok`, `error SQLSTATE [constraint]`, `value TEXT` or `valid TABLE`)",
            words.join(" ")
        )),
    })
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file.
    pub file: PathBuf,
    /// 1-based line of the annotation.
    pub line: usize,
    /// What went wrong.
    pub message: String,
}

/// Replays `script` and checks every annotated statement; returns (expectations checked, failures).
pub fn check_script(file: &Path, script: &str) -> (usize, Vec<Failure>) {
    check_in_session(&mut Session::new(), file, script)
}

/// The label of the statement on line `line` (1-based): the nearest block of comment lines
/// above it, statements between skipped (a check's heading covers all its statements); a
/// `--- section` line ends the search.
fn label_above(lines: &[&str], line: usize) -> Option<String> {
    let is_comment = |l: &str| {
        let t = l.trim_start();
        t.starts_with("--") && !t.starts_with("-- expect:")
    };
    let mut i = line.checked_sub(1)?;
    while i > 0 && !is_comment(lines[i - 1]) {
        i -= 1;
    }
    let mut parts = Vec::new();
    while i > 0 && is_comment(lines[i - 1]) && !lines[i - 1].starts_with("--- ") {
        parts.push(lines[i - 1].trim_start().trim_start_matches('-').trim().to_string());
        i -= 1;
    }
    parts.reverse();
    let text = parts.join(" ");
    (!text.is_empty()).then_some(text)
}

/// A statement as a failure quotes it: on one line, cut short when long.
pub fn quote_statement(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = one_line.trim_end_matches(';');
    match one_line.char_indices().nth(96) {
        Some((at, _)) => format!("`{} ...`", &one_line[..at]),
        None => format!("`{one_line}`"),
    }
}

/// An error as a failure quotes it.
pub fn quote_error(e: &Error) -> String {
    format!("ERROR {}: {}", e.sqlstate(), e.message)
}

/// What a query returned, when it was not the one value expected.
fn describe_shape(result: &Option<ResultSet>) -> String {
    match result {
        None => "no rows (the statement is not a query)".into(),
        Some(r) if r.columns.len() != 1 => format!("{} columns", r.columns.len()),
        Some(r) if r.rows.is_empty() => "no rows".into(),
        Some(r) => format!("{} rows", r.rows.len()),
    }
}

/// Statements and meta-commands of a script, each with the (1-based) line it ends on.
pub fn items_with_lines(script: &str) -> Vec<(usize, ScriptItem)> {
    let lines: Vec<&str> = script.lines().collect();
    let mut scanner = Scanner::new();
    let mut items: Vec<(usize, ScriptItem)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        items.extend(scanner.feed(l).into_iter().map(|it| (i + 1, it)));
    }
    items.extend(scanner.finish().map(|it| (lines.len(), it)));
    items
}

/// The replay of one script: the transaction it is in, and what failed so far.
struct Replay<'a> {
    session: &'a mut Session,
    lines: Vec<&'a str>,
    file: PathBuf,
    checked: usize,
    failures: Vec<Failure>,
    /// The statement that aborted the open transaction block, and its error.
    aborted_by: Option<(String, Error)>,
    /// A failure was already reported in this aborted block: the statements it skips
    /// (25P02) add nothing.
    abort_reported: bool,
    /// The label of the check being replayed, and the statements without an expectation
    /// that failed in it (what happened before the expectation that did not hold): the
    /// statement quoted (empty for a note) and what it did.
    group: (Option<String>, Vec<(String, String)>),
}

/// `check_script` on an existing session (exercises run their checks after the learner's SQL).
/// A failure names its check (the comment heading above the statement), the statement and
/// what happened.
pub fn check_in_session(session: &mut Session, file: &Path, script: &str) -> (usize, Vec<Failure>) {
    let mut replay = Replay {
        session,
        lines: script.lines().collect(),
        file: file.to_path_buf(),
        checked: 0,
        failures: Vec::new(),
        aborted_by: None,
        abort_reported: false,
        group: (None, Vec::new()),
    };
    let mut scanner = Scanner::new();
    for (i, l) in script.lines().enumerate() {
        for item in scanner.feed(l) {
            replay.run_item(i + 1, item);
        }
        // `-- expect: valid TABLE` on a line of its own checks the state at that point.
        if l.trim_start().starts_with("-- expect:") {
            replay.expect_state(i + 1);
        }
    }
    let last = replay.lines.len();
    if let Some(item) = scanner.finish() {
        replay.run_item(last, item);
    }
    (replay.checked, replay.failures)
}

impl Replay<'_> {
    fn run_item(&mut self, line: usize, item: ScriptItem) {
        let Some((text, parsed)) = parse_item(self.session, item) else { return };
        let (outcome, is_commit) = match parsed {
            Ok(stmt) => (self.session.execute(&stmt), matches!(stmt, Statement::Commit)),
            Err(e) => {
                self.session.note_failed_statement();
                (Outcome { notices: Vec::new(), result: Err(e), tag: None, copy_out: None }, false)
            }
        };
        // A COMMIT that rolled back (the block was aborted) did not do what it says.
        let rolled_back = is_commit && outcome.tag.as_deref() == Some("ROLLBACK");
        let label = label_above(&self.lines, line);
        if label != self.group.0 {
            self.group = (label, Vec::new());
        }
        let expect = self.lines.get(line.saturating_sub(1)).and_then(|l| expectation(l));
        let quoted = quote_statement(&text);
        match (expect, &outcome.result) {
            (None, Err(e)) if e.sqlstate() != "25P02" => {
                self.group.1.push((quoted.clone(), format!(" failed with {}", quote_error(e))))
            }
            (None, Ok(_)) if rolled_back => {
                self.group.1.push((String::new(), "COMMIT rolled the transaction back".into()))
            }
            (None, _) => {}
            (Some(Err(msg)), _) => {
                self.checked += 1;
                self.fail(line, msg);
            }
            (Some(Ok(expect)), _) => {
                self.checked += 1;
                if let Some(problem) = self.judge(&expect, &outcome, rolled_back) {
                    self.fail(line, format!("{quoted}: {problem}"));
                }
            }
        }
        if let Err(e) = &outcome.result
            && e.sqlstate() != "25P02"
            && self.session.is_aborted()
            && self.aborted_by.is_none()
        {
            self.aborted_by = Some((quoted, e.clone()));
        }
        if !self.session.in_transaction_block() {
            self.aborted_by = None;
            self.abort_reported = false;
        }
    }

    /// What is wrong with `outcome` for `expect`, if anything.
    fn judge(&mut self, expect: &Expect, outcome: &Outcome, rolled_back: bool) -> Option<String> {
        match (expect, &outcome.result) {
            (Expect::Valid(table), _) => self.invalid_keys(table),
            (Expect::Ok, Ok(_)) if rolled_back => self.once_per_abort(
                "expected ok, but COMMIT rolled back the transaction, aborted earlier",
                "",
            ),
            (Expect::Ok, Ok(_)) => None,
            (Expect::Value(want), Ok(rows)) => {
                let got =
                    rows.as_ref().and_then(|r| match (r.rows.as_slice(), r.columns.as_slice()) {
                        ([row], [(_, ty)]) => row.first().map(|v| v.to_text(ty)),
                        _ => None,
                    });
                match got {
                    Some(g) if g == *want => None,
                    Some(g) => Some(format!("expected {want}, got {g}")),
                    None => {
                        Some(format!("expected one value ({want}), got {}", describe_shape(rows)))
                    }
                }
            }
            (_, Err(e)) if e.sqlstate() == "25P02" && expect.is_success() => self
                .once_per_abort("not run: the transaction was aborted earlier", "; ROLLBACK first"),
            (Expect::Ok | Expect::Value(_), Err(e)) => {
                Some(format!("expected {expect}, got {}", quote_error(e)))
            }
            (Expect::Error { .. }, Ok(_)) => {
                Some(match (outcome.tag.as_deref(), &self.aborted_by) {
                    (Some("ROLLBACK"), Some((stmt, first))) => format!(
                        "expected {expect} here, but it came earlier: {stmt} was refused ({}), and COMMIT rolled the transaction back",
                        quote_error(first)
                    ),
                    (Some(tag), _) => {
                        format!("expected {expect}, but the statement succeeded ({tag})")
                    }
                    (None, _) => format!("expected {expect}, but the statement succeeded"),
                })
            }
            (Expect::Error { sqlstate, constraint }, Err(e)) => {
                let named =
                    constraint.as_ref().is_none_or(|c| e.message.contains(&format!("\"{c}\"")));
                (e.sqlstate() != sqlstate || !named)
                    .then(|| format!("expected {expect}, got {}", quote_error(e)))
            }
        }
    }

    /// What an aborted block did to a statement expected to succeed, said once per block:
    /// `head`, the statement that aborted the block, `tail`.
    fn once_per_abort(&mut self, head: &str, tail: &str) -> Option<String> {
        if std::mem::replace(&mut self.abort_reported, true) {
            return None;
        }
        let by = match &self.aborted_by {
            Some((stmt, first)) => format!(" by {stmt} ({})", quote_error(first)),
            None => String::new(),
        };
        Some(format!("{head}{by}{tail}"))
    }

    /// A standalone `-- expect:` line: an assertion about the state, not a statement.
    fn expect_state(&mut self, line: usize) {
        let Some(expect) = self.lines.get(line - 1).and_then(|l| expectation(l)) else { return };
        self.checked += 1;
        let label = label_above(&self.lines, line);
        if label != self.group.0 {
            self.group = (label, Vec::new());
        }
        match expect {
            Ok(Expect::Valid(table)) => {
                if let Some(problem) = self.invalid_keys(&table) {
                    self.fail(line, problem);
                }
            }
            Ok(other) => self.fail(line, format!("`{other}` needs a statement on its line")),
            Err(msg) => self.fail(line, msg),
        }
    }

    /// `valid TABLE`: the foreign keys of TABLE that are NOT VALID, if any.
    fn invalid_keys(&self, table: &str) -> Option<String> {
        let (schema, name) = match table.split_once('.') {
            Some((s, n)) => (Some(s.to_string()), n.to_string()),
            None => (None, table.to_string()),
        };
        let db = &self.session.db;
        let Some(id) = db.lookup(&ObjectName { schema, name, pos: None }) else {
            return Some(format!("table {table} does not exist"));
        };
        let invalid: Vec<String> =
            db.fks_of(id).filter(|fk| !fk.validated).map(|fk| fk.name.clone()).collect();
        let keys = db.fks_of(id).count();
        match (keys, invalid.as_slice()) {
            (0, _) => Some(format!("{table} has no foreign key")),
            (_, []) => None,
            (_, [name]) => Some(format!(
                "the foreign key {name} of {table} is still NOT VALID (VALIDATE CONSTRAINT checks it)"
            )),
            (_, names) => Some(format!(
                "the foreign keys {} of {table} are still NOT VALID (VALIDATE CONSTRAINT checks them)",
                names.join(", ")
            )),
        }
    }

    /// Records a failure: its check's label, then the problem, then what failed before it.
    fn fail(&mut self, line: usize, problem: String) {
        let mut message = match &self.group.0 {
            Some(label) => format!("{label}: {problem}"),
            None => problem,
        };
        // What failed earlier in the check, unless the problem already quotes it.
        let before: Vec<String> = self
            .group
            .1
            .iter()
            .filter(|(stmt, _)| stmt.is_empty() || !message.contains(stmt.as_str()))
            .map(|(stmt, what)| format!("{stmt}{what}"))
            .collect();
        if !before.is_empty() {
            message.push_str(&format!(" (before it in this check: {})", before.join("; ")));
        }
        if self.session.is_aborted() {
            self.abort_reported = true;
        }
        self.failures.push(Failure { file: self.file.clone(), line, message });
    }
}

/// The `.sql` files a path names: the file itself, or a directory's files (not recursing).
pub fn sql_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    }
}

/// A script item that is a statement (a COPY with its data lines included), as written and as
/// parsed with the session's types; None for echoes and meta-commands.
pub fn parse_item(
    session: &Session,
    item: ScriptItem,
) -> Option<(String, Result<Statement, Error>)> {
    match item {
        ScriptItem::Statement(text) => {
            let parsed = session.parse(&text);
            Some((text, parsed))
        }
        ScriptItem::CopyIn { statement, data, .. } => {
            let parsed = session.parse_copy(&statement, data);
            Some((statement, parsed))
        }
        ScriptItem::Echo(_) | ScriptItem::Meta { .. } => None,
    }
}
