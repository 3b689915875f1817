//! Row changes on partitioned tables: an UPDATE whose new row leaves its partition moves it
//! (a delete from the old partition, an insert routed from the statement's target), as
//! PostgreSQL's ExecCrossPartitionUpdate does.

use crate::engine::catalog::TableId;
use crate::engine::exec::Exec;
use crate::engine::partition::{ancestors, check_partition_constraint, fits, route};
use crate::engine::partition_map::convert_row;
use crate::engine::storage::RowId;
use crate::engine::value::Value;
use crate::error::Result;

/// Updates `row` of `leaf` (a row of the statement's `target`, which is `leaf` itself or a
/// partitioned table above it) to `values` (in `target`'s column order); returns the table and
/// slot of the new version.
pub fn update_row(
    exec: &mut Exec<'_>,
    target: TableId,
    leaf: TableId,
    row: RowId,
    values: Vec<Value>,
) -> Result<Option<(TableId, RowId)>> {
    // A table that is no partition keeps the row where it is (the values needed once).
    if exec.db.table(leaf)?.partition_of.is_none() {
        let in_leaf = convert_row(exec.db, target, leaf, values);
        return Ok(exec.update_row(leaf, row, in_leaf)?.map(|r| (leaf, r)));
    }
    let in_leaf = convert_row(exec.db, target, leaf, values.clone());
    if fits(exec.db, leaf, &in_leaf)? {
        return Ok(exec.update_row(leaf, row, in_leaf)?.map(|r| (leaf, r)));
    }
    if target == leaf || !ancestors(exec.db, leaf).contains(&target) {
        check_partition_constraint(exec.db, leaf, &in_leaf)?;
    }
    let (into, moved_values) = route(exec.db, target, &values)?;
    let Some(old) = exec.db.table(leaf)?.heap.row(row) else { return Ok(None) };
    let old = convert_row(exec.db, leaf, target, old);
    exec.moving_row = true;
    let deleted = exec.delete_row(leaf, row);
    exec.moving_row = false;
    if !deleted? {
        return Ok(None);
    }
    let moved = exec.insert_row(into, moved_values)?.map(|r| (into, r));
    crate::engine::ri_move::queue_partition_move(exec, target, leaf, &old, &values)?;
    Ok(moved)
}
