//! The exercise checker: the learner's SQL on the starting state, run as psql runs a file,
//! then the exercise's checks on rows the learner never saw; and `fksim check` on an exercise
//! file, which proves its checker (the solutions pass, the wrong answers fail).

use std::path::Path;

use crate::engine::session::Session;
use crate::error::Error;
use crate::exercise::{Exercise, section_line};
use crate::scenario::{Failure, check_in_session, items_with_lines, quote_error, quote_statement};
use crate::sql::parse_statement;

/// Runs a script on a session as psql runs a file, but stopping at the first error: Err with
/// the (1-based) line of the statement that failed, the statement and its error; Ok with the
/// line of the BEGIN of a transaction the script leaves open, if it does.
fn run_script(
    session: &mut Session,
    script: &str,
) -> Result<Option<usize>, (usize, String, Error)> {
    let mut opened_at = None;
    for (line, item) in items_with_lines(script) {
        let Some((text, parsed)) = crate::scenario::parse_item(session, item) else { continue };
        let was_in_block = session.in_transaction_block();
        let result = parsed.and_then(|stmt| session.execute(&stmt).result.map(|_| ()));
        if let Err(e) = result {
            session.note_failed_statement();
            return Err((line, text, e));
        }
        if !was_in_block && session.in_transaction_block() {
            opened_at = Some(line);
        }
    }
    Ok(opened_at.filter(|_| session.in_transaction_block()))
}

/// The session an exercise starts from (a teaching session: diagnoses count from the state
/// at a failure).
pub fn start(ex: &Exercise) -> Result<Session, Error> {
    let mut session = Session::teaching();
    run_script(&mut session, &ex.setup).map_err(|(_, _, e)| e)?;
    Ok(session)
}

/// Runs the learner's file: a statement that fails is reported (Err); a transaction left
/// open at the end is rolled back, as psql's end of input does, and said (Ok(Some(note))).
fn run_learner(session: &mut Session, sql: &str) -> Result<Option<String>, String> {
    let opened_at = run_script(session, sql).map_err(|(line, text, e)| {
        format!("your SQL failed at line {line}, {}: {}", quote_statement(&text), quote_error(&e))
    })?;
    let Some(opened_at) = opened_at else { return Ok(None) };
    let rollback = parse_statement("ROLLBACK").map_err(|e| e.message.clone())?;
    session.execute(&rollback).result.map_err(|e| e.message.clone())?;
    Ok(Some(format!(
        "your SQL ends inside the transaction opened at line {opened_at}, with no COMMIT: psql rolls it back at the end of the file, so nothing done in it was kept"
    )))
}

/// The checks on a copy of `session`: expectations checked, and failures with their line in
/// the exercise file.
fn run_checks(ex: &Exercise, session: &Session) -> (usize, Vec<Failure>) {
    let mut trial = session.clone();
    let (n, mut failures) = check_in_session(&mut trial, Path::new(&ex.id), &ex.check);
    let offset = section_line(ex, "check", 0);
    for f in &mut failures {
        f.line += offset;
    }
    (n, failures)
}

/// The checker's verdict on a session where the learner has worked (`\check`): Ok, or the
/// reasons it fails. Work in an open or aborted transaction is not judged: one line says to
/// end it first.
pub fn verdict(ex: &Exercise, session: &Session) -> Result<(), Vec<String>> {
    if session.is_aborted() {
        return Err(vec![
            "your transaction is aborted (a statement in it failed): ROLLBACK first, then \\check"
                .into(),
        ]);
    }
    if session.in_transaction_block() {
        return Err(vec![
            "a transaction is open: COMMIT it (or ROLLBACK) first; the checker tests committed work"
                .into(),
        ]);
    }
    messages(run_checks(ex, session).1)
}

/// Checks the learner's SQL (a whole file) from the starting state.
pub fn check(ex: &Exercise, learner_sql: &str) -> Result<(), Vec<String>> {
    messages(judge(ex, learner_sql, 0).1)
}

/// The verdict for people: Ok, or each failure's message.
fn messages(failures: Vec<Failure>) -> Result<(), Vec<String>> {
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.into_iter().map(|f| f.message).collect())
    }
}

/// `check` with the failures' lines: in the exercise file for the checks, `at` (the heading
/// of the section that holds the SQL) for the SQL itself.
fn judge(ex: &Exercise, sql: &str, at: usize) -> (usize, Vec<Failure>) {
    let fail = |message: String| Failure { file: ex.id.clone().into(), line: at, message };
    let mut session = match start(ex) {
        Ok(s) => s,
        Err(e) => {
            let message = format!("the exercise's own setup failed: {}", e.message);
            return (0, vec![Failure { line: section_line(ex, "setup", 0), ..fail(message) }]);
        }
    };
    let note = match run_learner(&mut session, sql) {
        Ok(note) => note,
        Err(message) => return (0, vec![fail(message)]),
    };
    let (n, mut failures) = run_checks(ex, &session);
    if let Some(note) = note
        && !failures.is_empty()
    {
        failures.insert(0, fail(note));
    }
    (n, failures)
}

/// `fksim check` on an exercise file: the solution and every alternative pass the checker,
/// every wrong and data-only answer and the untouched starting state fail it. Returns
/// (expectations checked, failures).
pub fn check_file(file: &Path, text: &str) -> (usize, Vec<Failure>) {
    let id = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ex = match crate::exercise::parse(&id, text) {
        Ok(ex) => ex,
        Err(message) => {
            return (1, vec![Failure { file: file.to_path_buf(), line: 1, message }]);
        }
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    let must_pass = std::iter::once(("solution", 0, &ex.solution))
        .chain(ex.alternatives.iter().enumerate().map(|(i, sql)| ("alternative", i, sql)));
    for (name, i, sql) in must_pass {
        let (n, fails) = judge(&ex, sql, section_line(&ex, name, i));
        checked += n.max(1);
        failures.extend(
            fails.into_iter().map(|f| Failure { message: format!("{name}: {}", f.message), ..f }),
        );
    }
    let must_fail = ex
        .wrong
        .iter()
        .enumerate()
        .map(|(i, sql)| ("wrong", i, sql.as_str()))
        .chain(ex.data_only.iter().enumerate().map(|(i, sql)| ("data-only", i, sql.as_str())))
        .chain(std::iter::once(("check", 0, "")));
    for (name, i, sql) in must_fail {
        checked += 1;
        let line = section_line(&ex, name, i);
        let what = if sql.is_empty() {
            "the untouched starting state".to_string()
        } else {
            format!("this {name} answer")
        };
        let fails = judge(&ex, sql, line).1;
        // A wrong answer must be refused by the checks, not by an error in its own SQL (the
        // only failures at its own line): that would prove nothing about the checker.
        let problem = match fails.first() {
            None => Some(format!("{what} passes the checker")),
            Some(first) if fails.iter().all(|f| f.line == line) => {
                Some(format!("{what} fails before the checks run: {}", first.message))
            }
            Some(_) => None,
        };
        if let Some(message) = problem {
            failures.push(Failure { file: file.to_path_buf(), line, message });
        }
    }
    for f in &mut failures {
        f.file = file.to_path_buf();
    }
    (checked, failures)
}
