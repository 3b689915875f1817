//! `ALTER TABLE ... {ENABLE | DISABLE} TRIGGER {name | USER | ALL}`: which of a table's triggers
//! fire. ALL includes the foreign keys' internal triggers, so a disabled table takes rows whose
//! parents are missing and lets parents go from under their children, as in PostgreSQL (pg_dump's
//! `--disable-triggers` data loads rely on it); nothing checks those rows again until a new
//! constraint or VALIDATE does.

use crate::engine::catalog::TableId;
use crate::engine::database::Undo;
use crate::engine::exec::Exec;
use crate::error::{Error, Result};
use crate::sql::ast_admin::TriggerSet;

/// Enables or disables the triggers `which` names on `table`.
pub fn set(exec: &mut Exec<'_>, table: TableId, which: &TriggerSet, enable: bool) -> Result<()> {
    crate::engine::roles::check_table_owner(exec.db, table)?;
    if let TriggerSet::Named(name) = which
        && !exec.db.triggers.iter().any(|t| t.table == table && t.name == name.name)
    {
        return Err(Error::new(
            "42704",
            format!(
                "trigger \"{}\" for table \"{}\" does not exist",
                name.name,
                exec.db.table(table)?.name
            ),
        ));
    }
    exec.txn
        .undo
        .push(Undo::Routines(Box::new((exec.db.functions.clone(), exec.db.triggers.clone()))));
    let names: Vec<String> = exec
        .db
        .triggers
        .iter()
        .filter(|t| t.table == table)
        .filter(|t| match which {
            TriggerSet::Named(name) => t.name == name.name,
            TriggerSet::All | TriggerSet::User => true,
        })
        .map(|t| t.name.clone())
        .collect();
    // A partitioned table's clones on its partitions follow it.
    let below: Vec<bool> = exec
        .db
        .triggers
        .iter()
        .map(|t| crate::engine::partition_triggers::is_clone_below(exec.db, table, &names, t))
        .collect();
    for (t, below) in exec.db.triggers.iter_mut().zip(below) {
        if below || (t.table == table && names.contains(&t.name)) {
            t.enabled = enable;
        }
    }
    if *which == TriggerSet::All && exec.db.table(table)?.ri_triggers_disabled == enable {
        crate::engine::alter::save_table(exec, table)?;
        exec.db.table_mut(table)?.ri_triggers_disabled = !enable;
    }
    Ok(())
}
