//! Constraint triggers (`CREATE CONSTRAINT TRIGGER`): user AFTER ... FOR EACH ROW triggers with a
//! `pg_constraint` entry (contype `t`), deferrable as foreign keys are. A deferred one's calls
//! wait on the transaction's deferred list beside the referential checks, in the order they were
//! queued, and fire with them at COMMIT or at `SET CONSTRAINTS ... IMMEDIATE`.

use crate::engine::catalog::{ConstraintId, TableId};
use crate::engine::database::Database;
use crate::engine::exec::{ConstraintModes, Exec};
use crate::engine::routines::Trigger;
use crate::engine::triggers::{AfterCall, Queued};
use crate::sql::ast_routine::TriggerTiming;

/// The constraint behind a constraint trigger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TriggerConstraint {
    /// Its `pg_constraint` id, which SET CONSTRAINTS names it by.
    pub id: ConstraintId,
    /// DEFERRABLE.
    pub deferrable: bool,
    /// INITIALLY DEFERRED.
    pub initially_deferred: bool,
}

/// Gives a trigger made by CREATE CONSTRAINT TRIGGER its constraint.
pub fn attach(exec: &mut Exec<'_>, mut trigger: Trigger, timing: Option<TriggerTiming>) -> Trigger {
    if let Some(t) = timing {
        trigger.constraint = Some(TriggerConstraint {
            id: exec.db.next_constraint_id(),
            deferrable: t.deferrable,
            initially_deferred: t.initially_deferred,
        });
    }
    trigger
}

/// True when the constraint's calls wait for COMMIT now (SET CONSTRAINTS, then its default).
fn is_deferred(modes: &ConstraintModes, c: &TriggerConstraint) -> bool {
    if !c.deferrable {
        return false;
    }
    if let Some(&d) = modes.named.get(&c.id) {
        return d;
    }
    modes.all.unwrap_or(c.initially_deferred)
}

/// True when a queued call belongs to a constraint trigger that is deferred now.
pub fn call_deferred(db: &Database, modes: &ConstraintModes, call: &AfterCall) -> bool {
    db.triggers
        .iter()
        .find(|t| t.table == call.table && t.name == call.trigger)
        .and_then(|t| t.constraint.as_ref())
        .is_some_and(|c| is_deferred(modes, c))
}

/// Puts a user AFTER trigger's call on the statement's queue, or on the transaction's deferred
/// list when it is a constraint trigger deferred now.
pub fn queue(exec: &mut Exec<'_>, call: Queued) {
    match &call {
        Queued::After(c) if call_deferred(exec.db, &exec.txn.modes, c) => {
            exec.txn.deferred.push(call)
        }
        _ => exec.queue.push(call),
    }
}

/// The constraint triggers SET CONSTRAINTS finds under `name` in `schema`: (id, deferrable).
pub fn named(db: &Database, schema: &str, name: &str) -> Vec<(ConstraintId, bool)> {
    let in_schema = |table: TableId| db.tables.get(&table).is_some_and(|t| t.schema == schema);
    db.triggers
        .iter()
        .filter(|t| t.name == name && in_schema(t.table))
        .filter_map(|t| t.constraint.map(|c| (c.id, c.deferrable)))
        .collect()
}

/// `pg_get_triggerdef`'s words for a constraint trigger's timing, before FOR EACH ROW.
pub fn timing_words(c: &TriggerConstraint) -> &'static str {
    match (c.deferrable, c.initially_deferred) {
        (true, true) => "DEFERRABLE INITIALLY DEFERRED ",
        (true, false) => "DEFERRABLE INITIALLY IMMEDIATE ",
        _ => "NOT DEFERRABLE INITIALLY IMMEDIATE ",
    }
}
