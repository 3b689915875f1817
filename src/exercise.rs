//! Workshop exercises: a goal, a starting state, hints one at a time, and a checker that runs
//! the learner's SQL on the starting state and then the exercise's own expectations.
//!
//! An exercise file is SQL with headed sections: `-- title:`, `-- goal:` and `-- hint:` lines,
//! then `--- setup` (the starting state), `--- check` (statements with `-- expect:`
//! annotations, run after the learner's SQL; the comment above each is the reason shown when
//! it fails), `--- solution` and `--- wrong` (a reference answer and a tempting wrong one,
//! both exercised by the tests).

use std::path::Path;

use crate::engine::session::Session;
use crate::error::Error;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::scenario::check_in_session;

/// The exercises, compiled in so they work from anywhere.
pub const FILES: &[(&str, &str)] = &[
    ("01_seed_order", include_str!("../scenarios/exercises/01_seed_order.sql")),
    ("02_keep_the_audit_log", include_str!("../scenarios/exercises/02_keep_the_audit_log.sql")),
    ("03_keep_posts", include_str!("../scenarios/exercises/03_keep_posts.sql")),
    ("04_mutual_references", include_str!("../scenarios/exercises/04_mutual_references.sql")),
    (
        "05_orphans_block_validate",
        include_str!("../scenarios/exercises/05_orphans_block_validate.sql"),
    ),
    ("06_profiles_on_signup", include_str!("../scenarios/exercises/06_profiles_on_signup.sql")),
    ("07_unassigned_team", include_str!("../scenarios/exercises/07_unassigned_team.sql")),
    ("08_tenant_keeps_posts", include_str!("../scenarios/exercises/08_tenant_keeps_posts.sql")),
];

/// One exercise, read from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// Its file stem.
    pub id: String,
    /// Title.
    pub title: String,
    /// The goal, as paragraphs of text.
    pub goal: String,
    /// Hints, to reveal one at a time.
    pub hints: Vec<String>,
    /// The starting state.
    pub setup: String,
    /// The checker's expectations.
    pub check: String,
    /// A reference solution.
    pub solution: String,
    /// A tempting wrong answer.
    pub wrong: String,
}

/// Parses an exercise file.
pub fn parse(id: &str, text: &str) -> Exercise {
    let mut ex = Exercise {
        id: id.into(),
        title: String::new(),
        goal: String::new(),
        hints: Vec::new(),
        setup: String::new(),
        check: String::new(),
        solution: String::new(),
        wrong: String::new(),
    };
    let mut section: Option<&str> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("--- ") {
            section = Some(name.trim());
            continue;
        }
        let target = match section {
            None => {
                if let Some(t) = line.strip_prefix("-- title:") {
                    ex.title = t.trim().into();
                } else if let Some(g) = line.strip_prefix("-- goal:") {
                    ex.goal.push_str(g.trim());
                    ex.goal.push('\n');
                } else if let Some(h) = line.strip_prefix("-- hint:") {
                    ex.hints.push(h.trim().into());
                }
                continue;
            }
            Some("setup") => &mut ex.setup,
            Some("check") => &mut ex.check,
            Some("solution") => &mut ex.solution,
            Some(_) => &mut ex.wrong,
        };
        target.push_str(line);
        target.push('\n');
    }
    ex
}

/// All exercises in order.
pub fn all() -> Vec<Exercise> {
    FILES.iter().map(|(id, text)| parse(id, text)).collect()
}

/// Exercise `n` (1-based).
pub fn get(n: usize) -> Option<Exercise> {
    FILES.get(n.checked_sub(1)?).map(|(id, text)| parse(id, text))
}

/// Runs a script, stopping at the first error: (line it ended on, error).
pub fn run_all(session: &mut Session, script: &str) -> Result<(), (usize, Error)> {
    let mut line = 0;
    for item in scan_script(script) {
        match item {
            ScriptItem::Echo(_) => line += 1,
            ScriptItem::Meta { .. } => {}
            ScriptItem::Statement(text) => {
                let result =
                    session.parse(&text).and_then(|stmt| session.execute(&stmt).result.map(|_| ()));
                if let Err(e) = result {
                    return Err((line, e));
                }
            }
            ScriptItem::CopyIn { statement, data, .. } => {
                line += data.len() + 1;
                let result = session
                    .parse_copy(&statement, data)
                    .and_then(|stmt| session.execute(&stmt).result.map(|_| ()));
                if let Err(e) = result {
                    return Err((line, e));
                }
            }
        }
    }
    Ok(())
}

/// The session an exercise starts from.
pub fn start(ex: &Exercise) -> Result<Session, Error> {
    let mut session = Session::new();
    run_all(&mut session, &ex.setup).map_err(|(_, e)| e)?;
    Ok(session)
}

/// The checker's verdict on a session where the learner has worked: Ok, or the reasons it fails.
pub fn verdict(ex: &Exercise, session: &Session) -> Result<(), Vec<String>> {
    let mut trial = session.clone();
    let (_, failures) = check_in_session(&mut trial, Path::new(&ex.id), &ex.check);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.into_iter().map(|f| f.message).collect())
    }
}

/// Checks the learner's SQL (a whole file) from the starting state.
pub fn check(ex: &Exercise, learner_sql: &str) -> Result<(), Vec<String>> {
    let mut session =
        start(ex).map_err(|e| vec![format!("the exercise's own setup failed: {}", e.message)])?;
    if let Err((line, e)) = run_all(&mut session, learner_sql) {
        return Err(vec![format!(
            "your SQL failed at line {line}: ERROR {}: {}",
            e.sqlstate(),
            e.message
        )]);
    }
    verdict(ex, &session)
}
