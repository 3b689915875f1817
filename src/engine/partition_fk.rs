//! A partition's own foreign key taken over as the copy of its parent's: when a partitioned
//! table gets a foreign key (ADD, or ATTACH of a table that has one), a partition that already
//! has the same key keeps its constraint, under its own name, instead of getting a second one
//! (PostgreSQL's tryAttachPartitionForeignKey).

use std::rc::Rc;

use crate::engine::catalog::{CloneRole, ConstraintId, ForeignKey, TableId};
use crate::engine::database::{Database, Undo};
use crate::engine::exec::Exec;
use crate::engine::partition::{descendants, is_partitioned};
use crate::error::Result;

/// Turns each partition's own constraint that matches a foreign key of its partitioned
/// ancestor into that key's copy; its own copies on the partitions below follow it.
pub fn adopt_equivalent(exec: &mut Exec<'_>) -> Result<()> {
    let adoptions = find_adoptions(exec.db);
    if adoptions.is_empty() {
        return Ok(());
    }
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    for (own, top) in adoptions {
        let followers: Vec<ConstraintId> = exec
            .db
            .fks
            .values()
            .filter(|f| f.cloned == Some((own, CloneRole::Referencing)))
            .map(|f| f.id)
            .collect();
        for id in followers.into_iter().chain([own]) {
            if let Some(f) = exec.db.fks.get_mut(&id).map(Rc::make_mut) {
                f.cloned = Some((top, CloneRole::Referencing));
            }
        }
    }
    Ok(())
}

/// (partition's own constraint, ancestor's constraint) pairs to join, each partition's first
/// matching constraint for each ancestor key that has no copy there yet.
fn find_adoptions(db: &Database) -> Vec<(ConstraintId, ConstraintId)> {
    let mut found: Vec<(ConstraintId, ConstraintId)> = Vec::new();
    for top in db.fks.values().filter(|f| f.cloned.is_none() && is_partitioned(db, f.child)) {
        for d in descendants(db, top.child) {
            let copied = db.fks.values().any(|f| {
                f.child == d && f.cloned == Some((top.id, CloneRole::Referencing))
            });
            if copied {
                continue;
            }
            let own = db.fks.values().find(|f| {
                f.child == d
                    && f.cloned.is_none()
                    && !found.iter().any(|(o, _)| *o == f.id)
                    && same_key(db, f, top)
            });
            if let Some(own) = own {
                found.push((own.id, top.id));
            }
        }
    }
    found
}

/// Same referenced table and columns, same referencing columns (by name), same match type,
/// actions and timing, and already valid.
fn same_key(db: &Database, own: &ForeignKey, top: &ForeignKey) -> bool {
    own.parent == top.parent
        && own.parent_columns == top.parent_columns
        && column_names(db, own.child, &own.child_columns)
            == column_names(db, top.child, &top.child_columns)
        && own.match_full == top.match_full
        && own.on_delete == top.on_delete
        && own.on_update == top.on_update
        && own.deferrable == top.deferrable
        && own.initially_deferred == top.initially_deferred
        && own.validated
}

fn column_names(db: &Database, table: TableId, columns: &[usize]) -> Vec<String> {
    let Ok(t) = db.table(table) else { return Vec::new() };
    columns.iter().filter_map(|&c| t.columns.get(c).map(|c| c.name.clone())).collect()
}
