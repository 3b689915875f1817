//! Where a 23503 happened and what the transaction looks like afterwards: the statement, SET
//! CONSTRAINTS or COMMIT; what was rolled back or aborted; and the steps around a fix.

use crate::error::FailedAt;

/// What the console saw around a failure: the failing text, the transaction block it ran in
/// and the transaction's state after it.
#[derive(Debug, Clone, PartialEq)]
pub struct FailureContext {
    /// The statement that failed (COMMIT or SET CONSTRAINTS when a deferred check failed).
    pub statement: String,
    /// Where the failing check ran.
    pub place: FailedAt,
    /// It ran inside BEGIN ... (false: an autocommit statement).
    pub in_block: bool,
    /// The statements of the block that succeeded before the failure, BEGIN excluded.
    pub block: Vec<String>,
    /// The transaction is aborted now: only ROLLBACK (or ROLLBACK TO SAVEPOINT) is accepted.
    pub aborted: bool,
}

impl FailureContext {
    /// An autocommit statement that failed on its own.
    pub fn autocommit(statement: &str) -> Self {
        FailureContext {
            statement: statement.to_string(),
            place: FailedAt::EndOfStatement,
            in_block: false,
            block: Vec::new(),
            aborted: false,
        }
    }

    /// Where it failed and what that undid, in a sentence.
    pub fn where_text(&self) -> String {
        let n = self.block.len();
        let earlier = match n {
            0 => "nothing else ran in it".to_string(),
            1 => "the 1 statement before it in the block, valid rows included".to_string(),
            _ => format!("the {n} statements before it in the block, valid rows included"),
        };
        match (self.place, self.in_block) {
            (FailedAt::Commit, false) => "At the statement's own COMMIT (autocommit): the key is deferred, so its check waited until then; the statement was rolled back, nothing else changed.".to_string(),
            (FailedAt::Commit, true) => format!(
                "At COMMIT: the deferred checks ran and one failed, so PostgreSQL rolled the whole transaction back ({earlier}). There is no transaction left to ROLLBACK."
            ),
            (FailedAt::SetConstraints, _) => format!(
                "At SET CONSTRAINTS ... IMMEDIATE, which ran the checks deferred so far. The transaction is aborted: every command is refused until ROLLBACK{}.",
                rollback_undoes(n, &earlier)
            ),
            (FailedAt::EndOfStatement, true) => format!(
                "At the end of the statement, inside a transaction block. The transaction is aborted: every command is refused until ROLLBACK{}.",
                rollback_undoes(n, &earlier)
            ),
            (FailedAt::EndOfStatement, false) => {
                "At the end of the statement (autocommit): the statement was rolled back, nothing else changed.".to_string()
            }
        }
    }

    /// What to run before a fix (ROLLBACK while the transaction is aborted).
    pub fn first_steps(&self) -> Vec<String> {
        if self.aborted { vec!["ROLLBACK;".to_string()] } else { Vec::new() }
    }

    /// The work to run again after a fix, in order: the block (from BEGIN) and the statement,
    /// or the statement alone.
    pub fn work(&self) -> Vec<String> {
        if !self.in_block {
            return vec![self.statement.clone()];
        }
        let mut work = vec!["BEGIN;".to_string()];
        work.extend(self.block.iter().cloned());
        work.push(self.statement.clone());
        work
    }

    /// What to do after a fix, in a sentence.
    pub fn then_text(&self) -> String {
        if !self.in_block {
            return "run your statement again.".to_string();
        }
        let n = self.block.len();
        let what = match self.place {
            FailedAt::Commit => "COMMIT",
            _ => "the statement that failed",
        };
        match n {
            0 => format!("run the transaction again: BEGIN, then {what}."),
            _ => format!(
                "run the transaction again from BEGIN: its {n} earlier statement{} undone, then {what}.",
                if n == 1 { " was" } else { "s were" }
            ),
        }
    }
}

/// What ROLLBACK takes with it besides the failed statement, as the end of a sentence.
fn rollback_undoes(statements_before: usize, earlier: &str) -> String {
    if statements_before == 0 {
        format!(" ({earlier})")
    } else {
        format!(", and ROLLBACK also undoes {earlier}")
    }
}
