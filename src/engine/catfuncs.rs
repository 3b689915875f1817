//! The catalog functions queries over the system catalogs call: `pg_get_constraintdef`,
//! `pg_get_indexdef`, `format_type`, `obj_description`, `col_description`.
//!
//! Expression evaluation has no catalog at hand, so reading a system catalog in FROM installs a
//! snapshot of what these functions answer (as `types::install` does for the parser); the
//! functions look their argument up in it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::engine::admin::ObjectKey;
use crate::engine::database::Database;
use crate::engine::pgcatalog_rel::{
    qualified, table_indexes, table_regclass, type_modifier, type_oid,
};
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// A catalog function fksim evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogFn {
    /// pg_get_constraintdef(oid [, pretty])
    ConstraintDef,
    /// pg_get_indexdef(oid)
    IndexDef,
    /// format_type(oid, typmod)
    FormatType,
    /// obj_description(oid [, catalog])
    ObjDescription,
    /// col_description(oid, attnum)
    ColDescription,
}

/// What the catalog functions answer, taken when a system catalog was last read.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Constraint OID → its definition.
    constraint_defs: HashMap<i64, String>,
    /// Index regclass → CREATE INDEX statement.
    index_defs: HashMap<String, String>,
    /// (type OID, typmod) → the type's name with its modifier.
    type_names: HashMap<(i64, i64), String>,
    /// Relation regclass or constraint OID (as text) → comment.
    comments: HashMap<String, String>,
    /// (relation regclass, attnum) → column comment.
    column_comments: HashMap<(String, i64), String>,
}

thread_local! {
    static SNAPSHOT: RefCell<Rc<Snapshot>> = RefCell::new(Rc::new(Snapshot::default()));
}

/// The function a call names, with its result type, when fksim evaluates it here.
pub fn resolve(name: &str, types: &[DataType]) -> Option<(CatalogFn, DataType)> {
    let f = match (name, types.len()) {
        ("pg_get_constraintdef", 1 | 2) => CatalogFn::ConstraintDef,
        ("pg_get_indexdef", 1) => CatalogFn::IndexDef,
        ("format_type", 2) => CatalogFn::FormatType,
        ("obj_description", 1 | 2) => CatalogFn::ObjDescription,
        ("col_description", 2) => CatalogFn::ColDescription,
        _ => return None,
    };
    Some((f, DataType::Text))
}

/// The enums and domains of the database, by name.
pub fn user_types(db: &Database) -> Vec<(String, DataType)> {
    let mut out: Vec<(String, DataType)> = db
        .types
        .enums
        .iter()
        .map(|(n, e)| (n.clone(), DataType::Enum(e.clone())))
        .chain(db.types.domains.iter().map(|(n, d)| (n.clone(), DataType::Domain(d.clone()))))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn oid_arg(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Text(s) => Some(s.clone()),
        _ => None,
    }
}

/// Evaluates a catalog function on its argument values.
pub fn eval(f: CatalogFn, args: &[Value]) -> Value {
    let Some(first) = args.first().and_then(oid_arg) else {
        return Value::Null;
    };
    SNAPSHOT.with(|s| {
        let s = s.borrow();
        let found = match f {
            CatalogFn::ConstraintDef => {
                first.parse::<i64>().ok().and_then(|o| s.constraint_defs.get(&o).cloned())
            }
            CatalogFn::IndexDef => s.index_defs.get(&first).cloned(),
            CatalogFn::FormatType => {
                let oid = first.parse::<i64>().unwrap_or(0);
                let typmod = match args.get(1) {
                    Some(Value::Int(m)) => *m,
                    _ => -1,
                };
                s.type_names
                    .get(&(oid, typmod))
                    .or_else(|| s.type_names.get(&(oid, -1)))
                    .cloned()
                    .or_else(|| Some("???".to_string()))
            }
            CatalogFn::ObjDescription => s.comments.get(&first).cloned(),
            CatalogFn::ColDescription => match args.get(1) {
                Some(Value::Int(n)) => s.column_comments.get(&(first, *n)).cloned(),
                _ => None,
            },
        };
        found.map_or(Value::Null, Value::Text)
    })
}

/// Takes the snapshot the catalog functions answer from (called when a catalog is read).
pub fn install(db: &Database) {
    let mut s = Snapshot::default();
    for fk in db.fks.values() {
        s.constraint_defs.insert(fk.id.0 as i64, crate::render::describe::constraint_def(db, fk));
    }
    for t in db.tables.values() {
        let names = |cols: &[usize]| {
            cols.iter()
                .filter_map(|&c| t.columns.get(c).map(|c| quote_ident(&c.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for u in &t.uniques {
            let kind = if u.primary { "PRIMARY KEY" } else { "UNIQUE" };
            s.constraint_defs.insert(u.id.0 as i64, format!("{kind} ({})", names(&u.columns)));
        }
        for c in &t.checks {
            s.constraint_defs.insert(
                c.id.0 as i64,
                format!("CHECK ({})", crate::render::describe::deparse_condition(&c.expr)),
            );
        }
        for ix in table_indexes(t) {
            s.index_defs.insert(
                qualified(&t.schema, &ix.name),
                crate::engine::index_def::index_statement(
                    t, &ix.name, ix.unique, &ix.method, &ix.shape,
                ),
            );
        }
        for c in &t.columns {
            let key = (type_oid(&c.data_type), type_modifier(&c.data_type));
            s.type_names.entry(key).or_insert_with(|| c.data_type.pg_name());
            let base = c.data_type.base();
            s.type_names.entry((type_oid(&base), -1)).or_insert_with(|| base.pg_name());
        }
    }
    for (oid, name) in [
        (21, "smallint"),
        (23, "integer"),
        (20, "bigint"),
        (25, "text"),
        (16, "boolean"),
        (26, "oid"),
        (1043, "character varying"),
        (1700, "numeric"),
        (2205, "regclass"),
    ] {
        s.type_names.entry((oid, -1)).or_insert_with(|| name.to_string());
    }
    for (name, t) in user_types(db) {
        s.type_names.insert((type_oid(&t), -1), name);
    }
    for (key, text) in &db.admin.comments {
        match key {
            ObjectKey::Table(id) => {
                if let Ok(t) = db.table(*id) {
                    s.comments.insert(table_regclass(t), text.clone());
                }
            }
            ObjectKey::Column(id, col) => {
                if let Ok(t) = db.table(*id)
                    && let Some(i) = t.columns.iter().position(|c| &c.name == col)
                {
                    s.column_comments.insert((table_regclass(t), i as i64 + 1), text.clone());
                }
            }
            ObjectKey::Constraint(id, name) => {
                if let Some(oid) = constraint_oid(db, *id, name) {
                    s.comments.insert(oid.to_string(), text.clone());
                }
            }
            ObjectKey::Named(..) => {}
        }
    }
    SNAPSHOT.with(|cell| *cell.borrow_mut() = Rc::new(s));
}

/// The OID of a table's constraint by name.
fn constraint_oid(
    db: &Database,
    table: crate::engine::catalog::TableId,
    name: &str,
) -> Option<i64> {
    if let Some(fk) = db.fks.values().find(|f| f.child == table && f.name == name) {
        return Some(fk.id.0 as i64);
    }
    let t = db.table(table).ok()?;
    t.uniques
        .iter()
        .find(|u| u.name == name)
        .map(|u| u.id.0 as i64)
        .or_else(|| t.checks.iter().find(|c| c.name == name).map(|c| c.id.0 as i64))
}

/// An identifier as PostgreSQL's `quote_ident` writes it.
pub fn quote_ident(name: &str) -> String {
    crate::engine::pgcatalog::relation_display_name(name)
}

/// The `pg_type` name of a type (`int4`, `varchar`, `_int4` for an array of int4).
pub fn udt_name(t: &DataType) -> String {
    match t {
        DataType::Array(e) => format!("_{}", udt_name(e)),
        DataType::Enum(e) => e.name.clone(),
        DataType::Domain(d) => d.name.clone(),
        other => crate::engine::pgcatalog_rel::builtin_type_name(type_oid(other))
            .unwrap_or("unknown")
            .to_string(),
    }
}
