//! A partition's columns need not be in its parent's order (an attached table made with its
//! columns in another order, or with columns dropped since): PostgreSQL matches them by name
//! (its tuple conversion maps). These are the conversions of rows and column positions
//! between the layouts of two tables of one partition tree.

use std::borrow::Cow;

use crate::engine::catalog::{Action, ForeignKey, TableId};
use crate::engine::database::Database;
use crate::engine::value::Value;

/// For each column of `to`, the position of the column of the same name in `from`; None when
/// both have the same columns in the same order (no conversion needed).
pub fn column_map(db: &Database, from: TableId, to: TableId) -> Option<Vec<Option<usize>>> {
    if from == to {
        return None;
    }
    let (Ok(f), Ok(t)) = (db.table(from), db.table(to)) else { return None };
    let same = f.columns.len() == t.columns.len()
        && f.columns.iter().zip(&t.columns).all(|(a, b)| a.name == b.name);
    if same {
        return None;
    }
    Some(t.columns.iter().map(|c| f.column_index(&c.name)).collect())
}

/// A row converted with a map from `column_map` (a column `from` lacks reads NULL).
pub fn convert(map: &Option<Vec<Option<usize>>>, row: Vec<Value>) -> Vec<Value> {
    match map {
        None => row,
        Some(m) => {
            m.iter().map(|p| p.and_then(|i| row.get(i).cloned()).unwrap_or(Value::Null)).collect()
        }
    }
}

/// A row of `from` in the layout of `to`.
pub fn convert_row(db: &Database, from: TableId, to: TableId, row: Vec<Value>) -> Vec<Value> {
    convert(&column_map(db, from, to), row)
}

/// Column positions of `from` as the positions of the same columns in `to`.
pub fn map_positions(db: &Database, from: TableId, to: TableId, cols: &[usize]) -> Vec<usize> {
    if from == to {
        return cols.to_vec();
    }
    let (Ok(f), Ok(t)) = (db.table(from), db.table(to)) else { return cols.to_vec() };
    cols.iter()
        .map(|&c| f.columns.get(c).and_then(|col| t.column_index(&col.name)).unwrap_or(c))
        .collect()
}

/// `fk` with its referencing columns (and SET NULL / SET DEFAULT lists) as positions of
/// `child`, a partition of its referencing table, which then becomes its referencing table.
pub fn on_child(db: &Database, fk: &ForeignKey, child: TableId) -> ForeignKey {
    let map = |cols: &[usize]| map_positions(db, fk.child, child, cols);
    let action = |a: &Action| match a {
        Action::SetNull(cols) => Action::SetNull(map(cols)),
        Action::SetDefault(cols) => Action::SetDefault(map(cols)),
        other => other.clone(),
    };
    ForeignKey {
        child,
        child_columns: map(&fk.child_columns),
        on_delete: action(&fk.on_delete),
        on_update: action(&fk.on_update),
        ..fk.clone()
    }
}

/// `fk` with its referenced columns as positions of `parent`, a partition of its referenced
/// table (borrowed unchanged when the layouts agree).
pub fn on_parent<'a>(db: &Database, fk: &'a ForeignKey, parent: TableId) -> Cow<'a, ForeignKey> {
    if column_map(db, fk.parent, parent).is_none() {
        return Cow::Borrowed(fk);
    }
    let parent_columns = map_positions(db, fk.parent, parent, &fk.parent_columns);
    Cow::Owned(ForeignKey { parent, parent_columns, ..fk.clone() })
}
