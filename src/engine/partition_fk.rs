//! A partition's own foreign key taken over as the copy of its parent's: when a partitioned
//! table gets a foreign key (ADD, or ATTACH of a table that has one), a partition that already
//! has the same key keeps its constraint, under its own name, instead of getting a second one
//! (PostgreSQL's tryAttachPartitionForeignKey).

use std::rc::Rc;

use crate::engine::catalog::{CloneRole, ConstraintId, ForeignKey, TableId};
use crate::engine::database::{Database, Undo};
use crate::engine::exec::Exec;
use crate::engine::partition::{descendants, is_partitioned};
use crate::error::{Error, Result};

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
            let copied = db
                .fks
                .values()
                .any(|f| f.child == d && f.cloned == Some((top.id, CloneRole::Referencing)));
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

/// ALTER CONSTRAINT on a copy is refused: the constraint it derives from is the one to alter.
pub fn refuse_altering_copy(
    db: &Database,
    fk: ConstraintId,
    name: &str,
    table: TableId,
) -> Result<()> {
    let Some((top, _)) = db.fks.get(&fk).and_then(|f| f.cloned) else { return Ok(()) };
    let Some(top) = db.fks.get(&top) else { return Ok(()) };
    let relation = db.table(table)?.name.clone();
    let top_relation = db.table(top.child)?.name.clone();
    Err(Error::new(
        "42809",
        format!("cannot alter constraint \"{name}\" on relation \"{relation}\""),
    )
    .with_detail(format!(
        "Constraint \"{name}\" is derived from constraint \"{}\" of relation \"{top_relation}\".",
        top.name
    ))
    .with_hint("You may alter the constraint it derives from, instead."))
}

/// PostgreSQL 15 cannot add a NOT VALID foreign key to a partitioned table.
pub fn refuse_not_valid(db: &Database, table: TableId, fk: &ForeignKey) -> Result<()> {
    if fk.validated || !is_partitioned(db, table) {
        return Ok(());
    }
    Err(Error::new(
        "42809",
        format!(
            "cannot add NOT VALID foreign key on partitioned table \"{}\" referencing relation \"{}\"",
            db.table(table)?.name,
            db.table(fk.parent)?.name
        ),
    )
    .with_detail("This feature is not yet supported on partitioned tables."))
}

/// A table referenced by a foreign key of the partitioned table (or of one above it) cannot
/// become its partition; when a partition of the table is the referenced one, PostgreSQL
/// stops at that table being open.
pub fn refuse_attaching_referenced(db: &Database, parent: TableId, table: TableId) -> Result<()> {
    let mut above = crate::engine::partition::ancestors(db, parent);
    above.push(parent);
    let below = descendants(db, table);
    for fk in db.fks.values().filter(|f| f.cloned.is_none() && above.contains(&f.child)) {
        if fk.parent == table {
            return Err(Error::new(
                "0A000",
                format!(
                    "cannot attach table \"{}\" as a partition because it is referenced by foreign key \"{}\"",
                    db.table(table)?.name,
                    fk.name
                ),
            ));
        }
        if below.contains(&fk.parent) {
            return Err(Error::new(
                "55006",
                format!(
                    "cannot ALTER TABLE \"{}\" because it is being used by active queries in this session",
                    db.table(fk.parent)?.name
                ),
            ));
        }
    }
    Ok(())
}

/// The constraint a cloned foreign key was copied from one level up (pg_constraint's
/// `conparentid`): a partition's copy comes from its parent table's copy (or the original when
/// the parent is the original's table); a copy toward a referenced partition from the copy
/// toward that partition's parent (or the original).
pub fn parent_constraint(db: &Database, fk: &ForeignKey) -> Option<ConstraintId> {
    let (top_id, role) = fk.cloned?;
    let top = db.fks.get(&top_id)?;
    let level_up = |id: TableId| db.table(id).ok()?.partition_of.as_ref().map(|p| p.parent);
    let found = match role {
        CloneRole::Referencing => {
            let up = level_up(fk.child)?;
            if up == top.child {
                return Some(top_id);
            }
            db.fks.values().find(|f| f.cloned == Some((top_id, role)) && f.child == up)
        }
        CloneRole::Referenced => {
            let up = level_up(fk.parent)?;
            if up == top.parent {
                return Some(top_id);
            }
            db.fks.values().find(|f| f.cloned == Some((top_id, role)) && f.parent == up)
        }
    };
    found.map(|f| f.id)
}

/// The foreign keys onto a partitioned table that one of the `named` tables being dropped is
/// a partition of (the first `named` of `ids`; the whole tree and the referencing table stay):
/// each key's id with its dependency line. PostgreSQL makes the key depend on each partition.
pub fn keys_onto_partitions(
    db: &Database,
    ids: &[TableId],
    named: usize,
) -> Vec<(ConstraintId, (String, String))> {
    let mut out: Vec<(ConstraintId, (String, String))> = Vec::new();
    for &id in ids.iter().take(named) {
        for fk in db.fks.values() {
            let Some((top_id, CloneRole::Referenced)) = fk.cloned else { continue };
            let Some(top) = db.fks.get(&top_id) else { continue };
            // Each key is reported once, on the first table it depends on.
            if fk.parent != id
                || ids.contains(&top.parent)
                || ids.contains(&top.child)
                || out.iter().any(|(k, _)| *k == top_id)
            {
                continue;
            }
            let on = format!("table {}", label(db, id));
            out.push((
                top_id,
                (format!("constraint {} on table {}", top.name, label(db, top.child)), on),
            ));
        }
    }
    out
}

fn label(db: &Database, id: TableId) -> String {
    crate::engine::ddl::relation_label(db, id)
}

/// `ids` and the copies made of them, at every level below (what SET CONSTRAINTS reaches
/// through conparentid, as AfterTriggerSetState does).
pub fn with_copies(db: &Database, mut ids: Vec<ConstraintId>) -> Vec<ConstraintId> {
    loop {
        let more: Vec<ConstraintId> = db
            .fks
            .values()
            .filter(|f| !ids.contains(&f.id))
            .filter(|f| parent_constraint(db, f).is_some_and(|p| ids.contains(&p)))
            .map(|f| f.id)
            .collect();
        if more.is_empty() {
            return ids;
        }
        ids.extend(more);
    }
}
