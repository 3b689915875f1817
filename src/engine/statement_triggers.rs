//! Statement-level triggers (`FOR EACH STATEMENT`, the default): BEFORE ones as a statement
//! starts, AFTER ones queued behind the events of its rows. The statements PostgreSQL's
//! referential actions run (a cascade's DELETE, SET NULL's UPDATE) fire them too, even when
//! they change no row, but once per table and event in the statement that set the actions
//! off: BEFORE at the first action, AFTER behind the last.

use crate::engine::catalog::TableId;
use crate::engine::exec::Exec;
use crate::engine::plpgsql;
use crate::engine::routines::{Trigger, TriggerOp};
use crate::engine::triggers::{AfterCall, Queued};
use crate::error::Result;

/// The (table, event) pairs whose BEFORE STATEMENT triggers a referential action has fired
/// in the running statement.
pub type Fired = Vec<(TableId, TriggerOp)>;

/// The enabled statement-level triggers of `table` with this timing that fire for `op`, in
/// name order.
fn triggers_of(exec: &Exec<'_>, table: TableId, before: bool, op: TriggerOp) -> Vec<Trigger> {
    if exec.db.triggers.is_empty() {
        // Most databases: nothing to filter or sort (a cascade asks once per row it changes).
        return Vec::new();
    }
    let mut list: Vec<Trigger> = exec
        .db
        .triggers
        .iter()
        .filter(|t| {
            t.table == table
                && t.enabled
                && !t.row
                && t.before == before
                && t.fires_on(op, |_| true)
        })
        .cloned()
        .collect();
    list.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    list
}

/// Runs the BEFORE STATEMENT triggers of a statement on `table`.
pub fn before(exec: &mut Exec<'_>, table: TableId, op: TriggerOp) -> Result<()> {
    for t in triggers_of(exec, table, true, op) {
        if plpgsql::when_holds(exec, &t, None, None)? {
            plpgsql::run_trigger(exec, &t, op, None, None)?;
        }
    }
    Ok(())
}

/// Queues the AFTER STATEMENT triggers of a statement on `table`, behind its rows' events.
pub fn after(exec: &mut Exec<'_>, table: TableId, op: TriggerOp) -> Result<()> {
    for t in triggers_of(exec, table, false, op) {
        if plpgsql::when_holds(exec, &t, None, None)? {
            exec.queue.push(Queued::After(Box::new(AfterCall {
                table,
                trigger: t.name.clone(),
                op,
                old: None,
                new: None,
            })));
        }
    }
    Ok(())
}

/// [`before`] for the statement of a referential action: once per table and event.
pub fn before_action(exec: &mut Exec<'_>, table: TableId, op: TriggerOp) -> Result<()> {
    if exec.statement_triggers.contains(&(table, op)) {
        return Ok(());
    }
    exec.statement_triggers.push((table, op));
    before(exec, table, op)
}

/// [`after`] for the statement of a referential action: what an earlier action on the same
/// table and event queued is taken back, so the triggers fire once, behind the last.
pub fn after_action(exec: &mut Exec<'_>, table: TableId, op: TriggerOp) -> Result<()> {
    let list = triggers_of(exec, table, false, op);
    if list.is_empty() {
        return Ok(());
    }
    for i in 0..exec.queue.len() {
        let earlier = matches!(
            exec.queue.get(i),
            Some(Queued::After(c)) if c.table == table
                && c.op == op
                && c.old.is_none()
                && c.new.is_none()
                && list.iter().any(|t| t.name == c.trigger)
        );
        if earlier {
            exec.queue.replace(i, Queued::Fired);
        }
    }
    after(exec, table, op)
}
