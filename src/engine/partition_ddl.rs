//! DDL of partitioned tables: `CREATE TABLE ... PARTITION OF`, `ATTACH` / `DETACH PARTITION`,
//! and the copies PostgreSQL keeps of a partitioned table's foreign keys (one per partition of
//! the referencing table, one per partition of the referenced table).

use std::rc::Rc;

use crate::engine::catalog::{
    CloneRole, ConstraintId, ForeignKey, TableId, UniqueConstraint, choose_name,
};
use crate::engine::constraints::{build_unique, constraint_name_taken};
use crate::engine::database::{Database, Undo};
use crate::engine::exec::{Exec, describe_key};
use crate::engine::partition::{
    PartitionBound, PartitionOf, bounds_overlap, children, descendants, fits, is_partitioned,
    leaves, resolve_bound,
};
use crate::engine::table::{CheckConstraint, Table};
use crate::error::{Error, Result};
use crate::sql::ast::{AlterOp, CreateTable, Ident, ObjectName};
use crate::sql::partition::BoundSpec;

/// `CREATE TABLE name PARTITION OF parent bound [PARTITION BY ...]`: the parent's columns,
/// CHECK constraints and keys, under the partition's own names.
pub fn create_partition(exec: &mut Exec<'_>, ct: &CreateTable, schema: String) -> Result<()> {
    let Some(of) = &ct.partition_of else { return Err(Error::internal("not a partition")) };
    if !ct.columns.is_empty() || !ct.inherits.is_empty() {
        return Err(Error::unsupported(
            "column or constraint definitions in CREATE TABLE ... PARTITION OF are not supported by fksim",
        ));
    }
    // PostgreSQL reports a missing parent without a position.
    let parent_id = exec.db.lookup(&of.parent).ok_or_else(|| {
        Error::undefined_table(&crate::engine::database::display_name(&of.parent))
    })?;
    let parent = exec.db.table(parent_id)?;
    let bound = resolve_bound(parent, &of.bound, &ct.name.name, &exec.ctx)?;
    let columns = parent.columns.clone();
    let temporary = parent.temporary;
    let id = exec.db.next_table_id();
    let mut table = Table::new(id, schema, ct.name.name.clone(), columns);
    table.temporary = temporary;
    check_new_bound(exec.db, parent_id, &table.name, &bound, &of.bound, None)?;
    copy_definitions(exec.db, parent_id, &mut table)?;
    table.partition_of = Some(PartitionOf { parent: parent_id, bound });
    if let Some(spec) = &ct.partition_by {
        table.partition_key = Some(crate::engine::partition::partition_key(&table, spec)?);
        crate::engine::partition::check_unique_covers_key(&table)?;
    }
    exec.txn.undo.push(Undo::Table { id, before: None });
    let name =
        ObjectName { schema: Some(table.schema.clone()), name: table.name.clone(), pos: None };
    exec.db.insert_table(table);
    reconcile_foreign_keys(exec)?;
    crate::engine::partition_triggers::reconcile(exec)?;
    // The partition's own constraints come after the copies of its parent's, as separate
    // constraints (PostgreSQL adds them as an ALTER TABLE would).
    let own: Vec<AlterOp> = ct.constraints.iter().cloned().map(AlterOp::AddConstraint).collect();
    if own.is_empty() {
        return Ok(());
    }
    crate::engine::alter::alter_table(exec, &name, false, &own)
}

/// A new bound must not overlap a sibling's, and the default partition must not hold rows
/// the new partition would take.
fn check_new_bound(
    db: &Database,
    parent: TableId,
    name: &str,
    bound: &PartitionBound,
    spec: &BoundSpec,
    attaching: Option<TableId>,
) -> Result<()> {
    if let (PartitionBound::Hash { modulus, remainder }, BoundSpec::Hash { pos, .. }) =
        (bound, spec)
    {
        let hash = (*modulus, *remainder);
        return crate::engine::partition_hash::check_new(db, parent, name, hash, *pos, attaching);
    }
    for sibling in children(db, parent) {
        if Some(sibling) == attaching {
            continue;
        }
        let s = db.table(sibling)?;
        let Some(sof) = &s.partition_of else { continue };
        if bounds_overlap(bound, &sof.bound) {
            return Err(Error::new(
                "42P17",
                format!("partition \"{name}\" would overlap partition \"{}\"", s.name),
            )
            .at(crate::engine::partition::overlap_pos(spec, bound, &sof.bound)));
        }
        if sof.bound == PartitionBound::Default && *bound != PartitionBound::Default {
            let p = db.table(parent)?;
            let key = p.partition_key.as_ref().map(|k| k.columns.clone()).unwrap_or_default();
            for leaf in leaves(db, sibling) {
                let lt = db.table(leaf)?;
                let map = crate::engine::partition_map::column_map(db, leaf, parent);
                for rid in lt.heap.ids() {
                    let Some(row) = lt.heap.row(rid) else { continue };
                    let row = crate::engine::partition_map::convert(&map, row);
                    let probe = PartitionOf { parent, bound: bound.clone() };
                    if bound_takes(&probe, &key, &row) {
                        return Err(Error::new(
                            "23514",
                            format!(
                                "updated partition constraint for default partition \"{}\" would be violated by some row",
                                s.name
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn bound_takes(of: &PartitionOf, key: &[usize], row: &[crate::engine::value::Value]) -> bool {
    let k: Vec<_> = key.iter().map(|&c| row[c].clone()).collect();
    crate::engine::partition::bound_accepts(&of.bound, &k)
}

/// Gives a new partition its parent's CHECK constraints and keys (under its own names).
fn copy_definitions(db: &mut Database, parent: TableId, table: &mut Table) -> Result<()> {
    let p = db.table(parent)?.clone();
    for c in &p.checks {
        if !table.checks.iter().any(|k| k.name == c.name) {
            let id = db.next_constraint_id();
            table.checks.push(CheckConstraint { id, ..c.clone() });
        }
    }
    for u in &p.uniques {
        // The key's columns where the partition has them (maybe in another order).
        let cols: Vec<usize> =
            u.columns.iter().filter_map(|&c| table.column_index(&p.columns[c].name)).collect();
        let covered = table.uniques.iter().any(|x| {
            let mut a = x.columns.clone();
            let mut b = cols.clone();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        });
        if covered {
            continue;
        }
        let names: Vec<Ident> = u
            .columns
            .iter()
            .map(|&c| Ident { name: p.columns[c].name.clone(), pos: None })
            .collect();
        for n in &names {
            if table.column_index(&n.name).is_some_and(|c| !table.columns[c].not_null) {
                return Err(Error::new(
                    "42P16",
                    format!("column \"{}\" in child table must be marked NOT NULL", n.name),
                ));
            }
        }
        let id = db.next_constraint_id();
        let unique = UniqueConstraint {
            deferrable: u.deferrable,
            initially_deferred: u.initially_deferred,
            ..build_unique(db, table, id, None, &names, u.primary, None)?
        };
        let name = unique.name.clone();
        table.add_unique(unique).map_err(|(_, dup)| {
            let key = table.heap.row(dup).unwrap_or_default();
            let vals = describe_key(
                cols.iter().map(|&c| &table.columns[c].data_type),
                &cols
                    .iter()
                    .map(|&c| key.get(c).cloned().unwrap_or(crate::engine::value::Value::Null))
                    .collect::<Vec<_>>(),
            );
            Error::new("23505", format!("could not create unique index \"{name}\"")).with_detail(
                format!(
                    "Key ({})=({vals}) is duplicated.",
                    names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
    }
    Ok(())
}

/// `ALTER TABLE parent ATTACH PARTITION name bound`.
pub fn attach(
    exec: &mut Exec<'_>,
    parent: TableId,
    name: &ObjectName,
    spec: &BoundSpec,
) -> Result<()> {
    // PostgreSQL reports a missing partition without a position.
    let id = exec.db.resolve(name).map_err(|e| e.without_position())?;
    let p = exec.db.table(parent)?;
    let t = exec.db.table(id)?;
    if p.partition_key.is_none() {
        return Err(Error::new("42809", format!("table \"{}\" is not partitioned", p.name)));
    }
    if t.partition_of.is_some() {
        return Err(Error::new("42P17", format!("\"{}\" is already a partition", t.name)));
    }
    {
        // Columns match by name, in any order (MergeAttributesIntoExisting).
        if let Some(c) = t.columns.iter().find(|c| p.column_index(&c.name).is_none()) {
            return Err(Error::new(
                "42804",
                format!(
                    "table \"{}\" contains column \"{}\" not found in parent \"{}\"",
                    t.name, c.name, p.name
                ),
            )
            .with_detail("The new partition may contain only the columns present in parent."));
        }
        for pc in &p.columns {
            match t.column_index(&pc.name).map(|i| &t.columns[i]) {
                None => {
                    return Err(Error::new(
                        "42804",
                        format!("child table is missing column \"{}\"", pc.name),
                    ));
                }
                Some(c) if c.data_type != pc.data_type => {
                    return Err(Error::new(
                        "42804",
                        format!(
                            "child table \"{}\" has different type for column \"{}\"",
                            t.name, pc.name
                        ),
                    ));
                }
                Some(c) if pc.not_null && !c.not_null => {
                    return Err(Error::new(
                        "42804",
                        format!("column \"{}\" in child table must be marked NOT NULL", pc.name),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let bound = resolve_bound(p, spec, &t.name, &exec.ctx)?;
    check_new_bound(exec.db, parent, &t.name, &bound, spec, Some(id))?;
    let key = p.partition_key.as_ref().map(|k| k.columns.clone()).unwrap_or_default();
    let mut table = t.clone();
    let parent_name = p.name.clone();
    let _ = parent_name;
    crate::engine::alter::save_table(exec, id)?;
    copy_definitions(exec.db, parent, &mut table)?;
    table.partition_of = Some(PartitionOf { parent, bound });
    let of = table.partition_of.clone();
    // The rows must all fit the bound (the default partition: no sibling may take them).
    let name_of = table.name.clone();
    exec.db.insert_table(table);
    // The keys it gained reach its own partitions too (AttachPartitionEnsureIndexes).
    for d in descendants(exec.db, id) {
        let Some(up) = exec.db.table(d)?.partition_of.as_ref().map(|o| o.parent) else {
            continue;
        };
        crate::engine::alter::save_table(exec, d)?;
        let mut below = exec.db.table(d)?.clone();
        copy_definitions(exec.db, up, &mut below)?;
        exec.db.insert_table(below);
    }
    for leaf in leaves(exec.db, id) {
        let lt = exec.db.table(leaf)?;
        let map = crate::engine::partition_map::column_map(exec.db, leaf, id);
        for rid in lt.heap.ids() {
            let Some(row) = lt.heap.row(rid) else { continue };
            let row = crate::engine::partition_map::convert(&map, row);
            if !fits(exec.db, id, &row)? {
                return Err(Error::new(
                    "23514",
                    format!(
                        "partition constraint of relation \"{}\" is violated by some row",
                        lt.name
                    ),
                ));
            }
        }
    }
    let _ = (key, of, name_of);
    crate::engine::partition_fk::refuse_attaching_referenced(exec.db, parent, id)?;
    reconcile_foreign_keys(exec)?;
    crate::engine::partition_triggers::reconcile(exec)
}

/// `ALTER TABLE parent DETACH PARTITION name`: refused while rows of it are referenced
/// through a foreign key to the parent.
pub fn detach(exec: &mut Exec<'_>, parent: TableId, name: &ObjectName) -> Result<()> {
    let id = exec.db.resolve(name).map_err(|e| e.without_position())?;
    let t = exec.db.table(id)?;
    let p = exec.db.table(parent)?;
    if t.partition_of.as_ref().is_none_or(|o| o.parent != parent) {
        return Err(Error::new(
            "42P01",
            format!("relation \"{}\" is not a partition of relation \"{}\"", t.name, p.name),
        ));
    }
    // Each foreign key reaching this partition through its parent must find no rows
    // referencing it.
    let mut under = vec![id];
    under.extend(descendants(exec.db, id));
    for fk in exec.db.fks.values() {
        if fk.cloned.map(|(_, r)| r) != Some(CloneRole::Referenced) || !under.contains(&fk.parent) {
            continue;
        }
        let pt = exec.db.table(fk.parent)?;
        // A partitioned partition's rows are its leaves', read in its column order.
        let rows = leaves(exec.db, fk.parent).into_iter().flat_map(|leaf| {
            let map = crate::engine::partition_map::column_map(exec.db, leaf, fk.parent);
            let lt = exec.db.table(leaf).ok();
            lt.into_iter().flat_map(move |lt| {
                let map = map.clone();
                lt.heap
                    .ids()
                    .filter_map(move |rid| lt.heap.row(rid))
                    .map(move |r| crate::engine::partition_map::convert(&map, r))
            })
        });
        for row in rows {
            let key: Vec<_> = fk.parent_columns.iter().map(|&c| row[c].clone()).collect();
            let referenced = leaves(exec.db, fk.child).into_iter().any(|leaf| {
                exec.db.table(leaf).is_ok_and(|ct| !ct.find_referencing(fk.id, &key).is_empty())
            });
            if referenced {
                let vals =
                    describe_key(fk.parent_columns.iter().map(|&c| &pt.columns[c].data_type), &key);
                let child = exec.db.table(fk.child)?;
                // PostgreSQL names the referencing columns here.
                let cols = fk
                    .child_columns
                    .iter()
                    .map(|&c| child.columns[c].name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Error::new(
                    "23503",
                    format!(
                        "removing partition \"{}\" violates foreign key constraint \"{}\"",
                        t.name, fk.name
                    ),
                )
                .with_detail(format!(
                    "Key ({cols})=({vals}) is still referenced from table \"{}\".",
                    child.name
                )));
            }
        }
    }
    crate::engine::alter::save_table(exec, id)?;
    exec.db.table_mut(id)?.partition_of = None;
    // The detached table keeps its copies of the parent's foreign keys as keys of its own.
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    for fk in exec.db.fks.values_mut() {
        if fk.child == id && fk.cloned.is_some_and(|(_, r)| r == CloneRole::Referencing) {
            *fk = Rc::new(ForeignKey { cloned: None, ..(**fk).clone() });
        }
    }
    reconcile_foreign_keys(exec)?;
    crate::engine::partition_triggers::reconcile(exec)
}

/// Makes the cloned constraints match the partitions as they are now: a foreign key of a
/// partitioned table has a copy (same name) on each partition; a foreign key to a partitioned
/// table has one (named like a new constraint of the referencing table) toward each partition
/// of it. Copies of constraints or partitions that are gone are dropped.
pub fn reconcile_foreign_keys(exec: &mut Exec<'_>) -> Result<()> {
    let db = &*exec.db;
    if !db.tables.values().any(|t| t.partition_key.is_some())
        && !db.fks.values().any(|f| f.cloned.is_some())
    {
        return Ok(());
    }
    crate::engine::partition_fk::adopt_equivalent(exec)?;
    let db = &*exec.db;
    let mut wanted: Vec<(ConstraintId, CloneRole, TableId, TableId)> = Vec::new();
    for top in db.fks.values().filter(|f| f.cloned.is_none()) {
        if is_partitioned(db, top.parent) {
            for d in descendants(db, top.parent) {
                wanted.push((top.id, CloneRole::Referenced, top.child, d));
            }
        }
        if is_partitioned(db, top.child) {
            for d in descendants(db, top.child) {
                wanted.push((top.id, CloneRole::Referencing, d, top.parent));
            }
        }
    }
    let have = |f: &ForeignKey| f.cloned.map(|(top, role)| (top, role, f.child, f.parent));
    let stale: Vec<ConstraintId> = db
        .fks
        .values()
        .filter(|f| have(f).is_some_and(|k| !wanted.contains(&k)))
        .map(|f| f.id)
        .collect();
    let missing: Vec<(ConstraintId, CloneRole, TableId, TableId)> = wanted
        .iter()
        .filter(|k| !db.fks.values().any(|f| have(f).as_ref() == Some(*k)))
        .cloned()
        .collect();
    if stale.is_empty() && missing.is_empty() {
        return ensure_indexes(exec);
    }
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    for id in stale {
        exec.db.fks.shift_remove(&id);
    }
    for (top_id, role, child, parent) in missing {
        let Some(top) = exec.db.fks.get(&top_id).cloned() else { continue };
        let name = match role {
            CloneRole::Referencing => top.name.clone(),
            CloneRole::Referenced => {
                let c = exec.db.table(child)?;
                let addition = top
                    .child_columns
                    .iter()
                    .map(|&i| c.columns[i].name.as_str())
                    .collect::<Vec<_>>()
                    .join("_");
                choose_name(&c.name, Some(&addition), "fkey", |n| {
                    constraint_name_taken(exec.db, &[], &c.schema, n, &[])
                })
            }
        };
        let id = exec.db.next_constraint_id();
        // The copy names its own table's columns by their positions there.
        let shaped = match role {
            CloneRole::Referencing => crate::engine::partition_map::on_child(exec.db, &top, child),
            CloneRole::Referenced => {
                crate::engine::partition_map::on_parent(exec.db, &top, parent).into_owned()
            }
        };
        let clone = ForeignKey { id, name, child, parent, cloned: Some((top_id, role)), ..shaped };
        // An attached table's rows must meet the key it now has.
        if role == CloneRole::Referencing {
            crate::engine::ri::validate_existing_rows(exec.db, &clone, None)?;
        }
        exec.db.fks.insert(id, Rc::new(clone));
    }
    ensure_indexes(exec)
}

/// Every constraint's referencing rows must be findable: the referencing-side index of each
/// foreign key on each table holding its rows.
fn ensure_indexes(exec: &mut Exec<'_>) -> Result<()> {
    let mut needed: Vec<(TableId, ConstraintId, Vec<usize>)> = Vec::new();
    for f in exec.db.fks.values() {
        for leaf in leaves(exec.db, f.child) {
            if exec.db.table(leaf).is_ok_and(|t| !t.has_fk_index(f.id)) {
                let columns = crate::engine::partition_map::map_positions(
                    exec.db,
                    f.child,
                    leaf,
                    &f.child_columns,
                );
                needed.push((leaf, f.id, columns));
            }
        }
    }
    for (table, fk, cols) in needed {
        crate::engine::alter::save_table(exec, table)?;
        exec.db.table_mut(table)?.add_fk_index(fk, cols);
    }
    Ok(())
}

/// `ALTER INDEX parent_index ATTACH PARTITION partition_index`: fksim keeps each partition's
/// key with the partition, so this only checks that both indexes exist.
pub fn attach_index(exec: &mut Exec<'_>, index: &ObjectName, partition: &ObjectName) -> Result<()> {
    for name in [index, partition] {
        let schema = match &name.schema {
            Some(s) => s.clone(),
            None => exec.db.search_path.first().cloned().unwrap_or_default(),
        };
        let found = exec.db.tables.values().any(|t| {
            t.schema == schema
                && (t.uniques.iter().any(|u| u.name == name.name)
                    || t.indexes.iter().any(|i| i.name == name.name))
        });
        if !found {
            return Err(Error::new(
                "42P01",
                format!(
                    "relation \"{}\" does not exist",
                    crate::engine::database::display_name(name)
                ),
            ));
        }
    }
    Ok(())
}

/// Adds the partitions of the listed partitioned tables (DROP TABLE and TRUNCATE reach them).
pub fn add_partitions(db: &Database, ids: &mut Vec<TableId>) {
    let named = ids.clone();
    for id in named {
        for d in descendants(db, id) {
            if !ids.contains(&d) {
                ids.push(d);
            }
        }
    }
}
