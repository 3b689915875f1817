//! When row triggers fire: BEFORE triggers around each row change, and the statement's
//! after-trigger queue, where user AFTER triggers and the referential-integrity triggers run in
//! PostgreSQL's order (by trigger name; the RI ones are `RI_ConstraintTrigger_a/c_<oid>`).

use crate::engine::catalog::TableId;
use crate::engine::constraint_triggers;
use crate::engine::exec::Exec;
use crate::engine::plpgsql;
use crate::engine::ri::{self, RiEvent, RowChange};
use crate::engine::ri_chain;
use crate::engine::routines::{Trigger, TriggerOp};
use crate::engine::runs::Absorb;
use crate::engine::transition_tables;
use crate::engine::value::Value;
use crate::error::Result;

/// A user AFTER trigger waiting in the queue, with the row images it will see.
#[derive(Debug, Clone, PartialEq)]
pub struct AfterCall {
    /// The trigger's table.
    pub table: TableId,
    /// The trigger's name.
    pub trigger: String,
    /// What happened to the row.
    pub op: TriggerOp,
    /// OLD.
    pub old: Option<Vec<Value>>,
    /// NEW.
    pub new: Option<Vec<Value>>,
}

/// One entry of the after-trigger queue.
#[derive(Debug, Clone, PartialEq)]
pub enum Queued {
    /// A referential-integrity trigger event.
    Ri(RiEvent),
    /// A user AFTER trigger.
    After(Box<AfterCall>),
    /// An entry that has fired (taken out of the queue to run).
    Fired,
    /// A referential action that has fired and queued work, kept in its place for the chain
    /// of causes a later failure names (`ri_chain`).
    Acted(RiEvent),
}

impl Absorb for Queued {
    fn absorb(&mut self, next: &Self) -> bool {
        match (self, next) {
            (Queued::Ri(e), Queued::Ri(next)) => e.absorb(next),
            _ => false,
        }
    }

    fn weight(&self) -> usize {
        match self {
            Queued::Ri(e) => e.weight(),
            Queued::After(_) => 1,
            Queued::Fired | Queued::Acted(_) => 0,
        }
    }
}

/// The triggers of `table` with this timing that fire for `op`, in name order.
fn triggers_for(
    exec: &Exec<'_>,
    table: TableId,
    before: bool,
    op: TriggerOp,
    old: Option<&[Value]>,
    new: Option<&[Value]>,
) -> Vec<Trigger> {
    let changed = |c: usize| match (old, new) {
        (Some(o), Some(n)) => o
            .get(c)
            .zip(n.get(c))
            .is_none_or(|(a, b)| a.is_null() != b.is_null() || (!a.is_null() && a != b)),
        _ => true,
    };
    let mut list: Vec<Trigger> = exec
        .db
        .triggers
        .iter()
        .filter(|t| {
            t.table == table && t.enabled && t.row && t.before == before && t.fires_on(op, changed)
        })
        .cloned()
        .collect();
    list.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    list
}

/// True when `table` has BEFORE row triggers (without them a change needs no row images).
pub fn has_before(exec: &Exec<'_>, table: TableId) -> bool {
    exec.db.triggers.iter().any(|t| t.table == table && t.enabled && t.row && t.before)
}

/// Runs the BEFORE triggers of a row change. Returns the row to store (for DELETE: the old row,
/// to go ahead), or None when a trigger returned NULL and the row is skipped.
pub fn before_row(
    exec: &mut Exec<'_>,
    table: TableId,
    op: TriggerOp,
    old: Option<&[Value]>,
    new: Vec<Value>,
) -> Result<Option<Vec<Value>>> {
    if !has_before(exec, table) {
        return Ok(Some(new));
    }
    let new_image = (op != TriggerOp::Delete).then_some(new.as_slice());
    let list = triggers_for(exec, table, true, op, old, new_image);
    let mut row = new;
    for t in list {
        let new_image = (op != TriggerOp::Delete).then_some(row.as_slice());
        if !plpgsql::when_holds(exec, &t, old, new_image)? {
            continue;
        }
        match plpgsql::run_trigger(exec, &t, op, old, new_image)? {
            Some(returned) if op != TriggerOp::Delete => row = returned,
            Some(_) => {}
            None => return Ok(None),
        }
    }
    Ok(Some(row))
}

/// Queues what a row change sets off after it: referential events and user AFTER triggers,
/// merged in trigger-name order.
pub fn after_row(exec: &mut Exec<'_>, table: TableId, change: RowChange<'_>) -> Result<()> {
    if !exec.db.triggers.is_empty() {
        transition_tables::capture(exec, table, &change)?;
    }
    if !exec.db.triggers.iter().any(|t| t.table == table && t.enabled && t.row && !t.before) {
        return ri::queue_row_events(exec, table, &change);
    }
    let ri_events = ri::row_events(exec, table, &change)?;
    let (op, old, new) = match change {
        RowChange::Insert { new } => (TriggerOp::Insert, None, exec.db.table(table)?.heap.row(new)),
        RowChange::Delete { old } => (TriggerOp::Delete, Some(old.to_vec()), None),
        RowChange::Update { old, new, .. } => {
            (TriggerOp::Update, Some(old.to_vec()), exec.db.table(table)?.heap.row(new))
        }
    };
    let mut merged: Vec<(String, Queued)> =
        ri_events.into_iter().map(|e| (ri::trigger_name(exec, &e), Queued::Ri(e))).collect();
    for t in triggers_for(exec, table, false, op, old.as_deref(), new.as_deref()) {
        // PostgreSQL evaluates an AFTER trigger's WHEN as the event is queued.
        if plpgsql::when_holds(exec, &t, old.as_deref(), new.as_deref())? {
            merged.push((
                t.name.clone(),
                Queued::After(Box::new(AfterCall {
                    table,
                    trigger: t.name.clone(),
                    op,
                    old: old.clone(),
                    new: new.clone(),
                })),
            ));
        }
    }
    merged.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    for (_, q) in merged {
        match q {
            Queued::Ri(e) => ri::queue(exec, e)?,
            other => constraint_triggers::queue(exec, other),
        }
    }
    Ok(())
}

/// Fires the statement's after-trigger queue in order, including what firing adds to it
/// (referential actions queue their rows' events here, as PostgreSQL's RI queries do).
pub fn fire_queued(exec: &mut Exec<'_>) -> Result<()> {
    let mut i = 0;
    while i < exec.queue.len() {
        exec.ctx.cancel.check()?;
        // What is fired is never extended by what firing queues.
        exec.queue.seal(i + 1);
        let Some(next) = exec.queue.replace(i, Queued::Fired) else { break };
        match next {
            Queued::Fired | Queued::Acted(_) => {}
            Queued::Ri(e) => ri_chain::fire_at(exec, i, e)?,
            Queued::After(call) => {
                let trigger = exec
                    .db
                    .triggers
                    .iter()
                    .find(|t| t.table == call.table && t.name == call.trigger)
                    .cloned();
                if let Some(t) = trigger {
                    transition_tables::with_tables(exec, &t, call.op, |exec| {
                        plpgsql::run_trigger(
                            exec,
                            &t,
                            call.op,
                            call.old.as_deref(),
                            call.new.as_deref(),
                        )
                    })
                    .map_err(|e| ri_chain::with_origins(exec, i, e))?;
                }
            }
        }
        i += 1;
    }
    exec.queue.take();
    exec.origins.clear();
    exec.statement_triggers.clear();
    exec.transitions.clear();
    Ok(())
}
