//! The catalog functions queries over the system catalogs call: `pg_get_constraintdef`,
//! `pg_get_indexdef`, `format_type`, `obj_description`, `col_description`,
//! `pg_describe_object`, `to_regclass`.
//!
//! Expression evaluation has no catalog at hand, so reading a system catalog in FROM installs a
//! snapshot of what these functions answer (as `types::install` does for the parser); the
//! functions look their argument up in it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::engine::admin::ObjectKey;
use crate::engine::database::Database;
use crate::engine::oids::{CATALOG_OIDS, constraint_oid, index_oid, regclass_out, table_oid};
use crate::engine::pgcatalog_rel::{table_indexes, type_modifier, type_oid};
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
    /// pg_describe_object(classid, objid, objsubid)
    DescribeObject,
    /// to_regclass(text): the relation's OID, or NULL
    ToRegclass,
    /// pg_get_expr(expr, relation [, pretty]): fksim's catalogs hold the expression's text.
    GetExpr,
}

/// What the catalog functions answer, taken when a system catalog was last read.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Constraint OID → its definition.
    constraint_defs: HashMap<i64, String>,
    /// Index OID → CREATE INDEX statement.
    index_defs: HashMap<i64, String>,
    /// (type OID, typmod) → the type's name with its modifier.
    type_names: HashMap<(i64, i64), String>,
    /// Relation or constraint OID → comment.
    comments: HashMap<i64, String>,
    /// (relation OID, attnum) → column comment.
    column_comments: HashMap<(i64, i64), String>,
    /// (catalog OID, object OID, sub-id) → what pg_describe_object says of it.
    descriptions: HashMap<(i64, i64, i64), String>,
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
        ("pg_describe_object", 3) => CatalogFn::DescribeObject,
        ("to_regclass", 1) => return Some((CatalogFn::ToRegclass, DataType::Regclass)),
        ("pg_get_expr", 2 | 3) => CatalogFn::GetExpr,
        _ => return None,
    };
    Some((f, DataType::Text))
}

/// The enums and domains of the database: ((schema, name), type), by schema and name.
pub fn user_types(db: &Database) -> Vec<((String, String), DataType)> {
    let mut out: Vec<((String, String), DataType)> = db
        .types
        .enums
        .iter()
        .map(|(n, e)| (n.clone(), DataType::Enum(e.clone())))
        .chain(db.types.domains.iter().map(|(n, d)| (n.clone(), DataType::Domain(d.clone()))))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn oid_arg(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Evaluates a catalog function on its argument values.
pub fn eval(f: CatalogFn, args: &[Value]) -> Value {
    if f == CatalogFn::ToRegclass {
        return match args.first() {
            Some(Value::Text(name)) => {
                crate::engine::oids::regclass_in(name).map_or(Value::Null, Value::Int)
            }
            _ => Value::Null,
        };
    }
    if f == CatalogFn::GetExpr {
        return match args.first() {
            Some(Value::Text(t)) => Value::Text(t.clone()),
            _ => Value::Null,
        };
    }
    let Some(first) = args.first().and_then(oid_arg) else {
        return Value::Null;
    };
    let int_arg = |i: usize| match args.get(i) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    };
    SNAPSHOT.with(|s| {
        let s = s.borrow();
        let found = match f {
            CatalogFn::ConstraintDef => s.constraint_defs.get(&first).cloned(),
            CatalogFn::IndexDef => s.index_defs.get(&first).cloned(),
            CatalogFn::DescribeObject => {
                let (Some(objid), Some(sub)) = (int_arg(1), int_arg(2)) else { return Value::Null };
                s.descriptions.get(&(first, objid, sub)).cloned()
            }
            CatalogFn::ToRegclass | CatalogFn::GetExpr => None,
            CatalogFn::FormatType => {
                let oid = first;
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
            CatalogFn::ColDescription => {
                int_arg(1).and_then(|n| s.column_comments.get(&(first, n)).cloned())
            }
        };
        found.map_or(Value::Null, Value::Text)
    })
}

/// Takes the snapshot the catalog functions answer from (called when a catalog is read).
pub fn install(db: &Database) {
    crate::engine::oids::install(db);
    let mut s = Snapshot::default();
    for fk in db.fks.values() {
        s.constraint_defs
            .insert(constraint_oid(fk.id), crate::render::describe::constraint_def(db, fk));
    }
    describe_objects(db, &mut s.descriptions);
    for t in db.tables.values() {
        let names = |cols: &[usize]| {
            cols.iter()
                .filter_map(|&c| t.columns.get(c).map(|c| quote_ident(&c.name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for u in &t.uniques {
            let kind = if u.primary { "PRIMARY KEY" } else { "UNIQUE" };
            s.constraint_defs.insert(
                constraint_oid(u.id),
                format!("{kind} ({}){}", names(&u.columns), u.deferral_suffix()),
            );
        }
        for c in &t.checks {
            s.constraint_defs.insert(
                constraint_oid(c.id),
                format!("CHECK ({})", crate::render::describe::deparse_condition(db, &c.expr)),
            );
        }
        for ix in table_indexes(t) {
            s.index_defs.insert(
                index_oid(t, &ix.name),
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
    for (_, t) in user_types(db) {
        s.type_names.insert((type_oid(&t), -1), t.pg_name());
    }
    for (key, text) in &db.admin.comments {
        match key {
            ObjectKey::Table(id) => {
                if let Ok(t) = db.table(*id) {
                    s.comments.insert(table_oid(t.id), text.clone());
                }
            }
            ObjectKey::Column(id, col) => {
                if let Ok(t) = db.table(*id)
                    && let Some(i) = t.columns.iter().position(|c| &c.name == col)
                {
                    s.column_comments.insert((table_oid(t.id), i as i64 + 1), text.clone());
                }
            }
            ObjectKey::Constraint(id, name) => {
                if let Some(oid) = named_constraint_oid(db, *id, name) {
                    s.comments.insert(oid, text.clone());
                }
            }
            ObjectKey::Named(..) => {}
        }
    }
    SNAPSHOT.with(|cell| *cell.borrow_mut() = Rc::new(s));
}

/// The OID of a table's constraint by name.
fn named_constraint_oid(
    db: &Database,
    table: crate::engine::catalog::TableId,
    name: &str,
) -> Option<i64> {
    if let Some(fk) = db.fks.values().find(|f| f.child == table && f.name == name) {
        return Some(constraint_oid(fk.id));
    }
    let t = db.table(table).ok()?;
    t.uniques
        .iter()
        .find(|u| u.name == name)
        .map(|u| constraint_oid(u.id))
        .or_else(|| t.checks.iter().find(|c| c.name == name).map(|c| constraint_oid(c.id)))
}

/// What pg_describe_object says of the relations, their columns, constraints and triggers,
/// and the schemas (getObjectDescription: names qualified as regclass prints them).
fn describe_objects(db: &Database, out: &mut HashMap<(i64, i64, i64), String>) {
    let class = CATALOG_OIDS.iter().find(|c| c.0 == "pg_class").map_or(1259, |c| c.1);
    let (constraint, trigger, namespace) = (2606, 2620, 2615);
    for t in db.tables.values() {
        let toid = table_oid(t.id);
        let table = format!("table {}", regclass_out(toid));
        for (i, c) in t.columns.iter().enumerate() {
            out.insert((class, toid, i as i64 + 1), format!("column {} of {table}", c.name));
        }
        for ix in table_indexes(t) {
            let ioid = index_oid(t, &ix.name);
            out.insert((class, ioid, 0), format!("index {}", regclass_out(ioid)));
        }
        for u in &t.uniques {
            out.insert(
                (constraint, constraint_oid(u.id), 0),
                format!("constraint {} on {table}", u.name),
            );
        }
        for c in &t.checks {
            out.insert(
                (constraint, constraint_oid(c.id), 0),
                format!("constraint {} on {table}", c.name),
            );
        }
        out.insert((class, toid, 0), table);
    }
    for fk in db.fks.values() {
        let Ok(child) = db.table(fk.child) else { continue };
        let on = format!("table {}", regclass_out(table_oid(child.id)));
        out.insert(
            (constraint, constraint_oid(fk.id), 0),
            format!("constraint {} on {on}", fk.name),
        );
        for k in 0..4 {
            let holder = if k < 2 { fk.parent } else { fk.child };
            let oid = crate::engine::oids::ri_trigger_oid(fk.id, k);
            let kind = if k < 2 { "a" } else { "c" };
            out.insert(
                (trigger, oid, 0),
                format!(
                    "trigger RI_ConstraintTrigger_{kind}_{oid} on table {}",
                    regclass_out(table_oid(holder))
                ),
            );
        }
    }
    for s in &db.schemas {
        out.insert(
            (namespace, crate::engine::oids::namespace_oid(db, s), 0),
            format!("schema {s}"),
        );
    }
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
