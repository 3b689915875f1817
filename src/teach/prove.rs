//! Every fix proven before it is shown: on a copy of the session at the failure, run the steps
//! before it (ROLLBACK), the fix, then the work that failed; a fix after which anything fails
//! is dropped. A copy of the whole session, not `\whatif`'s undo mark: the steps and the work
//! carry their own BEGIN, COMMIT and ROLLBACK, which an undo mark inside one transaction cannot.

use crate::engine::session::Session;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::sql::parse_statement;
use crate::teach::context::FailureContext;
use crate::teach::diagnose::Diagnosis;

/// Drops from `d` every fix whose SQL fails, or after which the failed work still fails, on a
/// copy of `session` (the session right after the failure). Each dropped fix is named in
/// `d.dropped` with what failed.
pub fn prove_fixes(session: &Session, ctx: &FailureContext, d: &mut Diagnosis) {
    let mut kept = Vec::new();
    for mut fix in std::mem::take(&mut d.fixes) {
        let Some(sql) = &fix.sql else {
            kept.push(fix);
            continue;
        };
        let work = fix.instead.clone().unwrap_or_else(|| ctx.work());
        let outcome = try_fix(session, &d.first, sql, &work);
        // Rows written earlier in the block come back with it: try the fix inside the
        // block, just before the statement that failed.
        let inside = || {
            let mut inside = work.clone();
            let at = inside.len().saturating_sub(1);
            inside.insert(at, sql.clone());
            try_fix(session, &d.first, "", &inside)
        };
        match outcome {
            Ok(()) => kept.push(fix),
            Err(_) if ctx.in_block && fix.instead.is_none() && inside().is_ok() => {
                fix.inside_block = true;
                kept.push(fix);
            }
            Err(why) => d.dropped.push(format!("{} — {why}", fix.title.trim_end_matches(':'))),
        }
    }
    d.fixes = kept;
}

/// Runs first steps, fix and work on a copy; the first statement that fails, as text.
pub fn try_fix(
    session: &Session,
    first: &[String],
    fix: &str,
    work: &[String],
) -> Result<(), String> {
    let mut sandbox = session.clone();
    sandbox.trace.enabled = false;
    sandbox.keep_failure_state = false;
    sandbox.failure_state = None;
    let script = [first.join("\n"), fix.to_string(), work.join("\n")].join("\n");
    for item in scan_script(&script) {
        let ScriptItem::Statement(text) = item else { continue };
        let stmt = parse_statement(&text).map_err(|e| format!("{}: {}", text.trim(), e.message))?;
        let outcome = sandbox.execute(&stmt);
        if let Err(e) = outcome.result {
            return Err(format!("{} fails: {}", text.trim(), e.message));
        }
        if sandbox.is_aborted() {
            return Err(format!("{} leaves the transaction aborted", text.trim()));
        }
    }
    Ok(())
}
