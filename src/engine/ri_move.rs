//! A row that an UPDATE moves to another partition: PostgreSQL 15 does the referenced side's
//! work as one update of the statement's target table, not as the delete from the old
//! partition (ExecCrossPartitionUpdateForeignKey).

use crate::engine::catalog::{CloneRole, TableId};
use crate::engine::exec::Exec;
use crate::engine::partition::ancestors;
use crate::engine::ri::{RiEvent, event_key, keys_same_image, queue};
use crate::engine::storage::{has_null, key_of};
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// Queues the update events of the keys referencing `target` for a row of `leaf` that moved
/// from `old` to `new`. A key referencing a table between the two cannot be kept: refused.
pub fn queue_partition_move(
    exec: &mut Exec<'_>,
    target: TableId,
    leaf: TableId,
    old: &[Value],
    new: &[Value],
) -> Result<()> {
    let between: Vec<TableId> =
        ancestors(exec.db, leaf).into_iter().skip(1).take_while(|&t| t != target).collect();
    if let Some(fk) =
        exec.db.fks.values().find(|f| f.cloned.is_none() && between.contains(&f.parent))
    {
        let (pointed, root) =
            (exec.db.table(fk.parent)?.name.clone(), exec.db.table(target)?.name.clone());
        return Err(Error::new(
            "0A000",
            "cannot move tuple across partitions when a non-root ancestor of the source partition is directly referenced in a foreign key",
        )
        .with_detail(format!(
            "A foreign key points to ancestor \"{pointed}\" but not the root ancestor \"{root}\"."
        ))
        .with_hint(format!("Consider defining the foreign key on table \"{root}\".")));
    }
    let events: Vec<RiEvent> = exec
        .db
        .fks_referencing(target)
        .filter(|f| f.cloned.is_none_or(|(_, role)| role == CloneRole::Referenced))
        .filter_map(|fk| {
            let old_key = event_key(old, &fk.parent_columns);
            let new_key = key_of(new, &fk.parent_columns);
            // RI_FKey_pk_upd_check_required, as for any update of the referenced row.
            if has_null(&old_key) || keys_same_image(&new_key, &old_key) {
                return None;
            }
            Some(RiEvent::ParentChanged { fk: fk.id, old_key, new_key: Some(new_key) })
        })
        .collect();
    for event in events {
        queue(exec, event)?;
    }
    Ok(())
}
