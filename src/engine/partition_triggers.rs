//! Row triggers of partitioned tables. PostgreSQL 15 clones each row-level trigger of a
//! partitioned table onto every partition (the existing ones, those made later with PARTITION
//! OF and attached ones), so a row written to a partition fires it there; the clone records its
//! parent trigger (`tgparentid`), goes with the parent trigger and on DETACH, cannot be dropped
//! on its own, and follows the parent's ENABLE / DISABLE. Statement triggers are not cloned.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::partition::{children, is_partitioned};
use crate::engine::routines::Trigger;
use crate::error::{Error, Result};

/// A clone's parent trigger is gone, no longer a row trigger, or its table is no longer the
/// clone's table's parent.
fn stale(db: &Database, t: &Trigger) -> bool {
    let Some(parent) = t.parent else { return false };
    let attached = db.table(t.table).ok().and_then(|x| x.partition_of.as_ref()).map(|o| o.parent);
    attached != Some(parent)
        || !db.triggers.iter().any(|p| p.table == parent && p.name == t.name && p.row)
}

/// The clone of `t` for `child`: its UPDATE OF columns are matched by name.
fn clone_for(db: &Database, t: &Trigger, child: TableId) -> Result<Trigger> {
    let (from, to) = (db.table(t.table)?, db.table(child)?);
    let on_update = t.on_update.as_ref().map(|cols| {
        cols.iter()
            .filter_map(|&c| from.columns.get(c).and_then(|col| to.column_index(&col.name)))
            .collect()
    });
    Ok(Trigger { table: child, parent: Some(t.table), on_update, ..t.clone() })
}

/// Makes the clones match the partition trees as they are now: drops those whose parent
/// trigger or partition link is gone, and clones each row trigger of a partitioned table onto
/// each of its partitions that lacks it (a trigger of that name of the partition's own is
/// PostgreSQL's "already exists" error).
pub fn reconcile(exec: &mut Exec<'_>) -> Result<()> {
    let mut saved = false;
    while let Some(i) = exec.db.triggers.iter().position(|t| stale(exec.db, t)) {
        if !saved {
            crate::engine::routines::save(exec);
            saved = true;
        }
        exec.db.triggers.remove(i);
    }
    loop {
        let mut missing = None;
        'find: for t in exec.db.triggers.iter().filter(|t| t.row && t.view.is_none()) {
            if !is_partitioned(exec.db, t.table) {
                continue;
            }
            for child in children(exec.db, t.table) {
                match exec.db.triggers.iter().find(|c| c.table == child && c.name == t.name) {
                    Some(c) if c.parent == Some(t.table) => {}
                    Some(_) => {
                        return Err(Error::new(
                            "42710",
                            format!(
                                "trigger \"{}\" for relation \"{}\" already exists",
                                t.name,
                                exec.db.table(child)?.name
                            ),
                        ));
                    }
                    None => {
                        missing = Some(clone_for(exec.db, t, child)?);
                        break 'find;
                    }
                }
            }
        }
        let Some(clone) = missing else { return Ok(()) };
        if !saved {
            crate::engine::routines::save(exec);
            saved = true;
        }
        exec.db.triggers.push(clone);
    }
}

/// DROP TRIGGER on a clone: PostgreSQL refuses and points at the trigger it was cloned from.
pub fn check_drop(db: &Database, table: TableId, name: &str) -> Result<()> {
    let Some(parent) = db.triggers.iter().find(|t| t.table == table && t.name == name) else {
        return Ok(());
    };
    let Some(parent) = parent.parent else { return Ok(()) };
    let (on, from) = (&db.table(table)?.name, &db.table(parent)?.name);
    Err(Error::new(
        "2BP01",
        format!(
            "cannot drop trigger {name} on table {on} because trigger {name} on table {from} requires it"
        ),
    )
    .with_hint(format!("You can drop trigger {name} on table {from} instead.")))
}

/// The table whose own trigger a clone comes from (the top of the chain of clones), which
/// `\d` names after the clone's definition.
pub fn origin(db: &Database, t: &Trigger) -> Option<TableId> {
    let mut at = t.parent?;
    while let Some(up) = db.triggers.iter().find(|p| p.table == at && p.name == t.name) {
        match up.parent {
            Some(next) => at = next,
            None => break,
        }
    }
    Some(at)
}

/// The clones below `table` of its triggers named in `names` (for ENABLE / DISABLE, which
/// PostgreSQL applies to them too).
pub fn is_clone_below(db: &Database, table: TableId, names: &[String], t: &Trigger) -> bool {
    t.parent.is_some()
        && names.contains(&t.name)
        && crate::engine::partition::ancestors(db, t.table).contains(&table)
        && t.table != table
}
