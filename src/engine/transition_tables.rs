//! Transition tables (`REFERENCING OLD TABLE AS o NEW TABLE AS n` on AFTER triggers): the old
//! and new images of every row a statement changed on the table, which the trigger function
//! reads as tables. The statements a foreign key's actions run (a cascade's DELETE, SET NULL's
//! UPDATE) collect into one table per relation and event for the statement that set them off,
//! read by the trigger that fires once behind the last of them, as PostgreSQL's do.

use crate::engine::catalog::TableId;
use crate::engine::exec::Exec;
use crate::engine::ri::RowChange;
use crate::engine::routines::{Trigger, TriggerOp};
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast_routine::CreateTrigger;

/// The rows one statement level changed on one table by one event.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// The table.
    pub table: Option<TableId>,
    /// The event.
    pub op: Option<TriggerOp>,
    /// Old images (UPDATE, DELETE), in the order the rows changed.
    pub old: Vec<Vec<Value>>,
    /// New images (INSERT, UPDATE).
    pub new: Vec<Vec<Value>>,
}

fn invalid(message: &str) -> Error {
    Error::new("42P17", message)
}

/// Gives a new trigger its transition tables, after PostgreSQL's checks of the REFERENCING
/// clause against the trigger's timing and events.
pub fn attach(mut trigger: Trigger, t: &CreateTrigger) -> Result<Trigger> {
    for (new, name) in &t.transitions {
        if t.before || t.instead {
            return Err(invalid(
                "transition table name can only be specified for an AFTER trigger",
            ));
        }
        if t.on_truncate {
            return Err(Error::new(
                "0A000",
                "TRUNCATE triggers with transition tables are not supported",
            ));
        }
        let events = [t.on_insert, t.on_update.is_some(), t.on_delete];
        if events.iter().filter(|e| **e).count() != 1 {
            return Err(Error::new(
                "0A000",
                "transition tables cannot be specified for triggers with more than one event",
            ));
        }
        if t.on_update.as_ref().is_some_and(|c| !c.is_empty()) {
            return Err(Error::new(
                "0A000",
                "transition tables cannot be specified for triggers with column lists",
            ));
        }
        if *new {
            if !(t.on_insert || t.on_update.is_some()) {
                return Err(invalid(
                    "NEW TABLE can only be specified for an INSERT or UPDATE trigger",
                ));
            }
            if trigger.new_table.is_some() {
                return Err(invalid("NEW TABLE cannot be specified multiple times"));
            }
            trigger.new_table = Some(name.clone());
        } else {
            if !(t.on_delete || t.on_update.is_some()) {
                return Err(invalid(
                    "OLD TABLE can only be specified for a DELETE or UPDATE trigger",
                ));
            }
            if trigger.old_table.is_some() {
                return Err(invalid("OLD TABLE cannot be specified multiple times"));
            }
            trigger.old_table = Some(name.clone());
        }
    }
    if trigger.old_table.is_some() && trigger.old_table == trigger.new_table {
        return Err(invalid("OLD TABLE name and NEW TABLE name cannot be the same"));
    }
    Ok(trigger)
}

fn wants(t: &Trigger) -> bool {
    t.old_table.is_some() || t.new_table.is_some()
}

/// Records a row change on `table` when one of its triggers reads transition tables for it.
pub fn capture(exec: &mut Exec<'_>, table: TableId, change: &RowChange<'_>) -> Result<()> {
    let op = match change {
        RowChange::Insert { .. } => TriggerOp::Insert,
        RowChange::Update { .. } => TriggerOp::Update,
        RowChange::Delete { .. } => TriggerOp::Delete,
    };
    if !exec
        .db
        .triggers
        .iter()
        .any(|t| t.table == table && t.enabled && wants(t) && t.fires_on(op, |_| true))
    {
        return Ok(());
    }
    let (old, new) = match change {
        RowChange::Insert { new } => (None, exec.db.table(table)?.heap.row(*new)),
        RowChange::Delete { old } => (Some(old.to_vec()), None),
        RowChange::Update { old, new, .. } => {
            (Some(old.to_vec()), exec.db.table(table)?.heap.row(*new))
        }
    };
    let at = match exec.transitions.iter().position(|c| c.table == Some(table) && c.op == Some(op))
    {
        Some(i) => i,
        None => {
            exec.transitions.push(Capture {
                table: Some(table),
                op: Some(op),
                ..Default::default()
            });
            exec.transitions.len() - 1
        }
    };
    let c = &mut exec.transitions[at];
    c.old.extend(old);
    c.new.extend(new);
    Ok(())
}

/// Runs `f` (a trigger's call) with the trigger's transition tables readable by their names.
pub fn with_tables<T>(
    exec: &mut Exec<'_>,
    t: &Trigger,
    op: TriggerOp,
    f: impl FnOnce(&mut Exec<'_>) -> Result<T>,
) -> Result<T> {
    if !wants(t) {
        return f(exec);
    }
    let columns: Vec<_> = exec
        .db
        .table(t.table)?
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.data_type.clone()))
        .collect();
    let captured = exec.transitions.iter().find(|c| c.table == Some(t.table) && c.op == Some(op));
    let rows = |old: bool| captured.map(|c| if old { c.old.clone() } else { c.new.clone() });
    let saved = exec.ctx.ctes.clone();
    for (name, old) in [(&t.old_table, true), (&t.new_table, false)] {
        if let Some(name) = name {
            let rs = ResultSet { columns: columns.clone(), rows: rows(old).unwrap_or_default() };
            exec.ctx.ctes = exec.ctx.ctes.with(name, rs);
        }
    }
    let r = f(exec);
    exec.ctx.ctes = saved;
    r
}

/// `pg_get_triggerdef`'s REFERENCING clause (with its trailing space), or nothing.
pub fn referencing_words(t: &Trigger) -> String {
    let mut out = String::new();
    if let Some(o) = &t.old_table {
        out.push_str(&format!("OLD TABLE AS {o} "));
    }
    if let Some(n) = &t.new_table {
        out.push_str(&format!("NEW TABLE AS {n} "));
    }
    if out.is_empty() { out } else { format!("REFERENCING {out}") }
}
