//! Scenario files: the `-- expect:` annotations beside their statements, and `fksim check`,
//! which replays them and reports every expectation that no longer holds.

use std::path::{Path, PathBuf};

use crate::engine::session::Session;
use crate::psqlscan::{Scanner, ScriptItem};

/// What a statement is expected to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// `-- expect: ok`
    Ok,
    /// `-- expect: error 23503 [constraint_name]`
    Error { sqlstate: String, constraint: Option<String> },
    /// `-- expect: value TEXT`: the query returns one row of one column printing as TEXT.
    Value(String),
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Ok => f.write_str("ok"),
            Expect::Error { sqlstate, constraint: None } => write!(f, "error {sqlstate}"),
            Expect::Error { sqlstate, constraint: Some(c) } => write!(f, "error {sqlstate} {c}"),
            Expect::Value(v) => write!(f, "value {v}"),
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
        ["error", code, rest @ ..] if code.len() == 5 => Ok(Expect::Error {
            sqlstate: code.to_string(),
            constraint: rest.first().map(|c| c.to_string()),
        }),
        _ => Err(format!(
            "cannot read the expectation \"{}\" (use `ok`, `error SQLSTATE [constraint]` or `value TEXT`)",
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

/// The comment lines just above line `line` (1-based): what an expectation is about.
fn reason_above(lines: &[&str], line: usize) -> Option<String> {
    let mut i = line.checked_sub(1)?;
    let mut parts = Vec::new();
    while i > 0
        && lines[i - 1].trim_start().starts_with("--")
        && !lines[i - 1].contains("-- expect:")
    {
        parts.push(lines[i - 1].trim_start().trim_start_matches('-').trim().to_string());
        i -= 1;
    }
    parts.reverse();
    let text = parts.join(" ");
    (!text.is_empty()).then_some(text)
}

/// `check_script` on an existing session (exercises run their checks after the learner's SQL).
/// A failure's message starts with the comment above the statement, when there is one.
pub fn check_in_session(session: &mut Session, file: &Path, script: &str) -> (usize, Vec<Failure>) {
    let lines: Vec<&str> = script.lines().collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    let fail = |line: usize, message: String| Failure { file: file.to_path_buf(), line, message };
    // Statements with the (1-based) line they end on.
    let mut scanner = Scanner::new();
    let mut items: Vec<(usize, ScriptItem)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        items.extend(scanner.feed(l).into_iter().map(|it| (i + 1, it)));
    }
    items.extend(scanner.finish().map(|it| (lines.len(), it)));
    for (line, item) in items {
        match item {
            ScriptItem::Echo(_) | ScriptItem::Meta { .. } => {}
            item @ (ScriptItem::Statement(_) | ScriptItem::CopyIn { .. }) => {
                let parsed = match item {
                    ScriptItem::CopyIn { statement, data, .. } => {
                        session.parse_copy(&statement, data)
                    }
                    ScriptItem::Statement(text) => session.parse(&text),
                    _ => continue,
                };
                let outcome = match parsed {
                    Ok(stmt) => session.execute(&stmt).result,
                    Err(e) => {
                        session.note_failed_statement();
                        Err(e)
                    }
                };
                let Some(expect) = lines.get(line.saturating_sub(1)).and_then(|l| expectation(l))
                else {
                    continue;
                };
                checked += 1;
                let expect = match expect {
                    Ok(e) => e,
                    Err(msg) => {
                        failures.push(fail(line, msg));
                        continue;
                    }
                };
                let problem = match (&expect, &outcome) {
                    (Expect::Ok, Ok(_)) => None,
                    (Expect::Value(want), Ok(rows)) => {
                        let got = rows.as_ref().and_then(|r| {
                            match (r.rows.as_slice(), r.columns.as_slice()) {
                                ([row], [(_, ty)]) => row.first().map(|v| v.to_text(ty)),
                                _ => None,
                            }
                        });
                        match got {
                            Some(g) if g == *want => None,
                            Some(g) => Some(format!("expected {want}, got {g}")),
                            None => Some(format!(
                                "expected one value ({want}), got another shape of result"
                            )),
                        }
                    }
                    (Expect::Ok | Expect::Value(_), Err(e)) => Some(format!(
                        "expected {expect}, got error {}: {}",
                        e.sqlstate(),
                        e.message
                    )),
                    (Expect::Error { .. }, Ok(_)) => {
                        Some(format!("expected {expect}, but the statement succeeded"))
                    }
                    (Expect::Error { sqlstate, constraint }, Err(e)) => {
                        let named = constraint
                            .as_ref()
                            .is_none_or(|c| e.message.contains(&format!("\"{c}\"")));
                        (e.sqlstate() != sqlstate || !named).then(|| {
                            format!("expected {expect}, got error {}: {}", e.sqlstate(), e.message)
                        })
                    }
                };
                if let Some(p) = problem {
                    let message = match reason_above(&lines, line) {
                        Some(reason) => format!("{reason}: {p}"),
                        None => p,
                    };
                    failures.push(fail(line, message));
                }
            }
        }
    }
    (checked, failures)
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
