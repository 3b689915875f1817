//! Table inheritance (`CREATE TABLE ... INHERITS`): the columns a child takes from its parents
//! (and the columns `CREATE TABLE t (LIKE source)` copies).
//! Keys are not inherited (PostgreSQL's rule: a parent's primary key, unique and foreign keys
//! do not cover its children). Reading a parent would also read its children's rows, which
//! fksim does not do: it refuses to scan a parent that has children.

use crate::engine::catalog::{Column, TableId};
use crate::engine::database::Database;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::ObjectName;

/// The columns a table inheriting from `parents` starts with, followed by its own (`own`):
/// the parents' columns in order, a column of the same name in several places merged into one
/// (with PostgreSQL's NOTICE for a locally written one), a type conflict an error. Also the
/// parents' ids.
pub fn inherited_columns(
    db: &Database,
    parents: &[ObjectName],
    own: Vec<Column>,
    notices: &mut Vec<Notice>,
) -> Result<(Vec<Column>, Vec<TableId>)> {
    let mut columns: Vec<Column> = Vec::new();
    let mut ids = Vec::new();
    for name in parents {
        // PostgreSQL names the missing parent without a position.
        let id = db
            .lookup(name)
            .ok_or_else(|| Error::undefined_table(&crate::engine::database::display_name(name)))?;
        let parent = db.table(id)?;
        if parent.temporary {
            return Err(Error::new(
                "42809",
                format!("cannot inherit from temporary relation \"{}\"", parent.name),
            ));
        }
        ids.push(id);
        for c in &parent.columns {
            match columns.iter_mut().find(|m| m.name == c.name) {
                Some(merged) => {
                    notices.push(Notice::notice(format!(
                        "merging multiple inherited definitions of column \"{}\"",
                        c.name
                    )));
                    check_same_type(merged, c)?;
                    merged.not_null |= c.not_null;
                }
                None => columns.push(Column { identity: None, ..c.clone() }),
            }
        }
    }
    for c in own {
        match columns.iter_mut().find(|m| m.name == c.name) {
            Some(merged) => {
                notices.push(Notice::notice(format!(
                    "merging column \"{}\" with inherited definition",
                    c.name
                )));
                check_same_type(merged, &c)?;
                merged.not_null |= c.not_null;
                if c.default.is_some() {
                    merged.default = c.default;
                }
            }
            None => columns.push(c),
        }
    }
    Ok((columns, ids))
}

fn check_same_type(merged: &Column, other: &Column) -> Result<()> {
    if merged.data_type == other.data_type {
        return Ok(());
    }
    Err(Error::new("42804", format!("column \"{}\" has a type conflict", merged.name)).with_detail(
        format!("{} versus {}", merged.data_type.pg_name(), other.data_type.pg_name()),
    ))
}

/// The tables that inherit from `id`.
pub fn children_of(db: &Database, id: TableId) -> Vec<TableId> {
    db.tables.values().filter(|t| t.inherits.contains(&id)).map(|t| t.id).collect()
}

/// Whether any table inherits from `id` (asked on every scan: no list made).
pub fn has_children(db: &Database, id: TableId) -> bool {
    db.tables.values().any(|t| t.inherits.contains(&id))
}

/// Resolves a table a statement reads rows of (FROM, UPDATE, DELETE): scanning a parent that
/// has children would have to read theirs too, which is refused as a limit.
pub fn resolve_scanned(db: &Database, name: &ObjectName) -> Result<TableId> {
    let id = db.resolve(name)?;
    refuse_parent_scan(db, id)?;
    Ok(id)
}

fn refuse_parent_scan(db: &Database, id: TableId) -> Result<()> {
    if !has_children(db, id) {
        return Ok(());
    }
    let name = db.table(id).map(|t| t.name.clone()).unwrap_or_default();
    Err(Error::unsupported(format!(
        "reading table \"{name}\", which has inheritance children, is not supported by fksim"
    )))
}

/// The columns `CREATE TABLE t (LIKE source [INCLUDING DEFAULTS])` starts with: the source's
/// names, types and NOT NULL markings; its defaults only when asked for, its identity never
/// (INCLUDING IDENTITY is not written).
pub fn like_columns(db: &Database, source: &ObjectName, defaults: bool) -> Result<Vec<Column>> {
    let id = db.lookup(source).ok_or_else(|| {
        Error::undefined_table(&crate::engine::database::display_name(source)).at(source.pos)
    })?;
    Ok(db
        .table(id)?
        .columns
        .iter()
        .map(|c| Column {
            identity: None,
            default: if defaults && c.identity.is_none() { c.default.clone() } else { None },
            ..c.clone()
        })
        .collect())
}
