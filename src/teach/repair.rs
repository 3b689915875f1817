//! Completing a data fix on a copy of the state, when the fix alone leaves the failed work
//! failing: a parent-first INSERT gains the other missing parent rows (a multi-row statement, a
//! second key, the parent's own key), a children-first DELETE the deletes below and beside it
//! (more targeted rows, grandchildren, a tree). Then what the completed fix deletes beyond the
//! rows it names (its cascades), to warn about.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::session::Session;
use crate::engine::value::Value;
use crate::error::{Error, Severity, ViolationKind};
use crate::psqlscan::{ScriptItem, scan_script};
use crate::sql::parse_statement;
use crate::teach::parent_row::parent_insert;
use crate::teach::sqltext::{literal, quote_ident, table_name};

/// How many statements a completion may add before fksim gives up on it.
const MAX_ADDED: usize = 24;

/// A statement that failed on the copy: which entry of the script held it, its text, the error.
pub type Failed = (usize, String, Error);

/// Runs `script` (entries of one or more statements) on a copy of `session`: the copy when
/// every statement succeeded, else the first that failed.
pub fn run_on_copy(session: &Session, script: &[String]) -> Result<Session, Failed> {
    let mut sandbox = session.clone();
    sandbox.trace.enabled = false;
    sandbox.keep_failure_state = false;
    sandbox.failure_state = None;
    for (i, text) in script.iter().enumerate() {
        for item in scan_script(text) {
            let ScriptItem::Statement(text) = item else { continue };
            let text = text.trim().to_string();
            let stmt = match parse_statement(&text) {
                Ok(s) => s,
                Err(e) => return Err((i, text, e)),
            };
            let outcome = sandbox.execute(&stmt);
            if let Err(e) = outcome.result {
                return Err((i, text, e));
            }
            // "there is no transaction in progress": a step out of place, though no error.
            if let Some(w) = outcome.notices.iter().find(|n| n.severity == Severity::Warning) {
                return Err((i, text, Error::new("01000", w.message.clone())));
            }
            if sandbox.is_aborted() {
                let e = Error::new("25P02", "it leaves the transaction aborted");
                return Err((i, text, e));
            }
        }
    }
    Ok(sandbox)
}

/// The data fix `fix` (INSERT or DELETE statements, one a line) completed so that `before`,
/// the fix and `after` all succeed on a copy of `session`; None when it cannot be.
pub fn complete_data_fix(
    session: &Session,
    before: &[String],
    fix: &str,
    after: &[String],
) -> Option<String> {
    let lines: Vec<String> = fix.lines().map(str::to_string).collect();
    let inserts = lines.iter().all(|l| l.starts_with("INSERT INTO "));
    let deletes = lines.iter().all(|l| l.starts_with("DELETE FROM "));
    if lines.is_empty() || !(inserts || deletes) {
        return None;
    }
    let mut fix = lines;
    for _ in 0..=MAX_ADDED {
        let script: Vec<String> =
            before.iter().chain(fix.iter()).chain(after.iter()).cloned().collect();
        let (at, _, err) = match run_on_copy(session, &script) {
            Ok(_) => return Some(merge_inserts(&fix).join("\n")),
            Err(failed) => failed,
        };
        let v = err.violation.as_ref()?;
        if at < before.len() {
            return None;
        }
        // The state before the statement that failed: the rows placeholders must respect.
        let state = run_on_copy(session, &script[..at]).ok()?;
        let db = &state.db;
        let fk = db.fks.get(&v.constraint)?;
        let added = match (v.kind, inserts, &v.new_key) {
            (ViolationKind::NotPresent, true, _) => {
                let nth = fix.iter().filter(|l| same_table_insert(l, db, fk.parent)).count();
                parent_insert(db, fk, &v.key, nth)?
            }
            (ViolationKind::StillReferenced, false, None) => {
                let child = db.tables.get(&fk.child)?;
                let parent = db.tables.get(&fk.parent)?;
                let cond: Vec<String> = fk
                    .child_columns
                    .iter()
                    .zip(&fk.parent_columns)
                    .zip(&v.key)
                    .map(|((&c, &p), k)| {
                        format!(
                            "{} = {}",
                            quote_ident(&child.columns[c].name),
                            literal(k, &parent.columns[p].data_type)
                        )
                    })
                    .collect();
                format!("DELETE FROM {} WHERE {};", table_name(child), cond.join(" AND "))
            }
            _ => return None,
        };
        if fix.contains(&added) {
            return None;
        }
        // A statement of the fix failed: what it needs goes before it; the work failed: the
        // fix needs one more row.
        match at - before.len() {
            i if i < fix.len() => fix.insert(i, added),
            _ => fix.push(added),
        }
    }
    None
}

/// Does `line` insert into table `t`?
fn same_table_insert(line: &str, db: &Database, t: TableId) -> bool {
    db.tables.get(&t).is_some_and(|t| line.starts_with(&format!("INSERT INTO {} (", table_name(t))))
}

/// Adjacent INSERTs into the same columns, with the same placeholder comment, as one
/// multi-row INSERT.
fn merge_inserts(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let split = |l: &str| {
            let (head, rest) = l.split_once(" VALUES (")?;
            let (vals, tail) = rest.rsplit_once(");")?;
            Some((head.to_string(), vals.to_string(), tail.to_string()))
        };
        if let (Some(prev), Some((head, vals, tail))) = (out.last_mut(), split(line))
            && let Some((ph, pv, pt)) = split(prev)
            && ph == head
            && pt == tail
            && head.starts_with("INSERT INTO ")
        {
            *prev = format!("{ph} VALUES ({pv}), ({vals});{pt}");
            continue;
        }
        out.push(line.clone());
    }
    out
}

/// What running `before` then `fix` deletes beyond the tables `fix` deletes from: per table,
/// the rows its cascades take along (for a warning).
pub fn cascaded_deletes(session: &Session, before: &[String], fix: &str) -> Vec<(String, usize)> {
    let count = |s: &mut Session, t: &str| -> Option<i64> {
        let stmt = parse_statement(&format!("SELECT count(*) FROM {t}")).ok()?;
        let rows = s.execute(&stmt).result.ok()??;
        match rows.rows.first()?.first()? {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    };
    let Ok(mut start) = run_on_copy(session, before) else { return Vec::new() };
    let names: Vec<String> = start.db.tables.values().map(table_name).collect();
    let counts: Vec<Option<i64>> = names.iter().map(|t| count(&mut start, t)).collect();
    let Ok(mut end) = run_on_copy(&start, &[fix.to_string()]) else { return Vec::new() };
    let mut out = Vec::new();
    for (t, before) in names.iter().zip(counts) {
        let named = fix.lines().any(|l| l.starts_with(&format!("DELETE FROM {t} ")));
        if let (Some(b), Some(a)) = (before, count(&mut end, t))
            && b > a
            && !named
        {
            out.push((t.clone(), (b - a) as usize));
        }
    }
    out
}
