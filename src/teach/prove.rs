//! Every fix proven before it is shown: on a copy of the session at the failure, run the steps
//! before it (ROLLBACK), the fix, then the work that failed; a fix after which anything fails
//! is dropped. A copy of the whole session, not `\whatif`'s undo mark: the steps and the work
//! carry their own BEGIN, COMMIT and ROLLBACK, which an undo mark inside one transaction cannot.

use crate::engine::session::Session;
use crate::teach::context::FailureContext;
use crate::teach::diagnose::{Diagnosis, Fix};
use crate::teach::repair::{cascaded_deletes, complete_data_fix, run_on_copy};

/// Drops from `d` every fix whose SQL fails, or after which the failed work still fails, on a
/// copy of `session` (the session right after the failure), unless it can be completed (a data
/// fix missing rows, see `repair`). Each dropped fix is named in `d.dropped` with what failed;
/// what a kept DELETE fix cascades to becomes a warning.
pub fn prove_fixes(session: &Session, ctx: &FailureContext, d: &mut Diagnosis) {
    let mut kept = Vec::new();
    for mut fix in std::mem::take(&mut d.fixes) {
        let Some(sql) = fix.sql.clone() else {
            kept.push(fix);
            continue;
        };
        let work = fix.instead.clone().unwrap_or_else(|| ctx.work());
        // Rows written earlier in the block come back with it: the fix may have to go inside
        // the block, just before the statement that failed.
        let last = work.len().saturating_sub(1);
        let mut inside_before = d.first.clone();
        inside_before.extend(work[..last].iter().cloned());
        let inside_after = work[last..].to_vec();
        let may_go_inside = ctx.in_block && fix.instead.is_none();
        let outcome = try_fix(session, &d.first, &sql, &work);
        let placed = if outcome.is_ok() {
            Some((sql, false))
        } else if may_go_inside && try_fix(session, &inside_before, &sql, &inside_after).is_ok() {
            Some((sql, true))
        } else if let Some(done) = complete_data_fix(session, &d.first, &sql, &work) {
            Some((done, false))
        } else if may_go_inside
            && let Some(done) = complete_data_fix(session, &inside_before, &sql, &inside_after)
        {
            Some((done, true))
        } else if let Some(instead) = complete_instead(session, &d.first, &sql, &work) {
            fix.instead = Some(instead);
            Some((sql, false))
        } else {
            None
        };
        match (placed, outcome) {
            (Some((sql, inside)), _) => {
                let before = if inside { &inside_before } else { &d.first };
                if sql.starts_with("DELETE FROM ") {
                    for (table, rows) in cascaded_deletes(session, before, &sql) {
                        d.warnings.push(format!(
                            "Deleting the referencing rows also deletes {rows} row{} of {table}: a cascade of their own, silently.",
                            if rows == 1 { "" } else { "s" }
                        ));
                    }
                }
                fix.sql = Some(sql);
                fix.inside_block = inside;
                kept.push(fix);
            }
            (None, Err(why)) => {
                d.dropped.push(format!("{} — {why}", fix.title.trim_end_matches(':')))
            }
            (None, Ok(())) => {}
        }
    }
    d.fixes = kept;
}

/// A fix that changes how the work is written (BEGIN, the statement, the parent rows, COMMIT):
/// the work with its parent rows completed, when the fix alone leaves keys missing.
fn complete_instead(
    session: &Session,
    first: &[String],
    sql: &str,
    work: &[String],
) -> Option<Vec<String>> {
    let n = work.len();
    if n < 2 || work[n - 1] != "COMMIT;" {
        return None;
    }
    let mut before = first.to_vec();
    before.push(sql.to_string());
    before.extend(work[..n - 2].iter().cloned());
    let done = complete_data_fix(session, &before, &work[n - 2], &work[n - 1..])?;
    let mut instead = work.to_vec();
    instead[n - 2] = done;
    Some(instead)
}

/// Runs first steps, fix and work on a copy; the first statement that fails, as text.
pub fn try_fix(
    session: &Session,
    first: &[String],
    fix: &str,
    work: &[String],
) -> Result<(), String> {
    let script: Vec<String> = first
        .iter()
        .cloned()
        .chain(std::iter::once(fix.to_string()))
        .chain(work.iter().cloned())
        .collect();
    match run_on_copy(session, &script) {
        Ok(_) => Ok(()),
        Err((_, text, e)) => Err(format!("{text} fails: {}", e.message)),
    }
}

/// What to run after a failure to apply `fix`, in order: the diagnosis's first steps, the fix
/// (inside the block, just before the failed statement, when it must go there), then the work
/// that failed (or the work the fix says to run instead).
pub fn fix_script(ctx: &FailureContext, d: &Diagnosis, fix: &Fix) -> Vec<String> {
    let sql = fix.sql.clone().unwrap_or_default();
    let mut steps = d.first.clone();
    let mut work = fix.instead.clone().unwrap_or_else(|| ctx.work());
    if fix.inside_block {
        let at = work.len().saturating_sub(1);
        work.insert(at, sql);
    } else {
        steps.push(sql);
    }
    steps.extend(work);
    steps
}
