//! ALTER COLUMN ... TYPE: converting a column's stored values, and re-checking the foreign keys
//! over it as PostgreSQL does when it rebuilds them.

use crate::engine::alter::save_table;
use std::rc::Rc;

use crate::engine::catalog::{ForeignKey, TableId};
use crate::engine::constraints::check_key_types;
use crate::engine::database::Undo;
use crate::engine::dml::assign;
use crate::engine::exec::Exec;
use crate::engine::types::DataType;
use crate::error::{Error, Result};

/// Changes column `c` of table `id` to type `to`: every stored value takes the assignment cast
/// (PostgreSQL rewrites the table), then each foreign key from or to the column is checked
/// again, as PostgreSQL drops and re-creates them (their rows still match: the values did not
/// change, only their type).
pub fn alter_column_type(exec: &mut Exec<'_>, id: TableId, c: usize, to: &DataType) -> Result<()> {
    let t = exec.db.table(id)?;
    let column = &t.columns[c];
    crate::engine::views::check_type_change(exec.db, id, &column.name)?;
    let from = column.data_type.clone();
    let no_cast = || {
        Error::new(
            "42804",
            format!(
                "column \"{}\" cannot be cast automatically to type {}",
                column.name,
                to.pg_name()
            ),
        )
        .with_hint(format!(
            "You might need to specify \"USING {}::{}\".",
            column.name,
            to.pg_name()
        ))
    };
    // No assignment cast from the text types to the others, whatever the values.
    if from.is_text() && !to.is_text() && !matches!(to, DataType::Json | DataType::Jsonb) {
        return Err(no_cast());
    }
    let mut values = Vec::new();
    for row in t.heap.ids() {
        let v = t.heap.with_value(row, c, Clone::clone);
        let converted = assign(v.clone(), &from, to, &column.name)
            .map_err(|e| if e.sqlstate() == "42804" { no_cast() } else { e })?;
        if converted != v {
            values.push((row, converted));
        }
    }
    let mut changed = t.columns.clone();
    changed[c].data_type = to.clone();
    for fk in exec.db.fks_of(id).filter(|fk| fk.child_columns.contains(&c)) {
        let parent = if fk.parent == id { &changed } else { &exec.db.table(fk.parent)?.columns };
        for (&cc, &pc) in fk.child_columns.iter().zip(&fk.parent_columns) {
            check_key_types(&fk.name, &changed[cc], &parent[pc])?;
        }
    }
    for fk in exec.db.fks_referencing(id).filter(|fk| fk.parent_columns.contains(&c)) {
        let child = if fk.child == id { &changed } else { &exec.db.table(fk.child)?.columns };
        for (&cc, &pc) in fk.child_columns.iter().zip(&fk.parent_columns) {
            check_key_types(&fk.name, &child[cc], &changed[pc])?;
        }
    }
    save_table(exec, id)?;
    let t = exec.db.table_mut(id)?;
    t.columns[c].data_type = to.clone();
    t.rewrite_column(c, values);
    recreate_foreign_keys(exec, id, c)
}

/// PostgreSQL drops and re-creates the foreign keys over an altered column: they come back
/// with new OIDs, so their triggers now fire after the table's other keys'.
fn recreate_foreign_keys(exec: &mut Exec<'_>, id: TableId, c: usize) -> Result<()> {
    let affected: Vec<_> = exec
        .db
        .fks
        .values()
        .filter(|fk| {
            (fk.child == id && fk.child_columns.contains(&c))
                || (fk.parent == id && fk.parent_columns.contains(&c))
        })
        .cloned()
        .collect();
    if affected.is_empty() {
        return Ok(());
    }
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    for fk in affected {
        if fk.child != id {
            save_table(exec, fk.child)?;
        }
        exec.db.fks.shift_remove(&fk.id);
        let new_id = exec.db.next_constraint_id();
        let child = exec.db.table_mut(fk.child)?;
        child.drop_fk_index(fk.id);
        child.add_fk_index(new_id, fk.child_columns.clone());
        exec.db.fks.insert(new_id, Rc::new(ForeignKey { id: new_id, ..(*fk).clone() }));
    }
    Ok(())
}
