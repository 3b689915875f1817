//! The system catalogs a query may read (`pg_constraint` here; the relation catalogs in
//! `pgcatalog_rel.rs`, `information_schema` in `infoschema.rs`), generated read-only from
//! fksim's own catalog when a FROM item names them.

use crate::engine::catalog::{Action, ConstraintId, TableId};
use crate::engine::database::Database;
use crate::engine::expr::{Scope, ScopeColumn};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::sql::ast::ObjectName;

/// A catalog's columns and rows.
pub struct CatalogRelation {
    /// Column names and types, as the FROM item will see them.
    pub scope: Scope,
    /// The rows, in PostgreSQL's heap order (creation order).
    pub rows: Vec<Vec<Value>>,
}

/// True when the name means a catalog fksim generates: an unqualified name finds `pg_catalog`
/// first, as PostgreSQL searches it before the search path.
pub fn names_catalog(name: &ObjectName) -> bool {
    match name.schema.as_deref() {
        None | Some("pg_catalog") => PG_CATALOGS.contains(&name.name.as_str()),
        Some("information_schema") => INFORMATION_SCHEMA.contains(&name.name.as_str()),
        Some(_) => false,
    }
}

/// The `pg_catalog` relations fksim generates.
const PG_CATALOGS: &[&str] = &[
    "pg_constraint",
    "pg_class",
    "pg_namespace",
    "pg_attribute",
    "pg_index",
    "pg_indexes",
    "pg_type",
    "pg_proc",
    "pg_trigger",
    "pg_rules",
];

/// The `information_schema` views fksim generates.
const INFORMATION_SCHEMA: &[&str] = &[
    "table_constraints",
    "referential_constraints",
    "key_column_usage",
    "constraint_column_usage",
    "tables",
    "columns",
];

/// The columns and rows of the catalog a name means.
fn generate(db: &Database, name: &ObjectName) -> Option<crate::engine::pgcatalog_rel::Generated> {
    use crate::engine::pgcatalog_rel as rel;
    if name.schema.as_deref() == Some("information_schema") {
        return crate::engine::infoschema::view(db, &name.name);
    }
    Some(match name.name.as_str() {
        "pg_constraint" => (pg_constraint_columns(), pg_constraint_rows(db)),
        "pg_class" => rel::pg_class(db),
        "pg_namespace" => rel::pg_namespace(db),
        "pg_attribute" => rel::pg_attribute(db),
        "pg_index" => rel::pg_index(db),
        "pg_indexes" => crate::engine::index_def::pg_indexes(db),
        "pg_type" => rel::pg_type(db),
        "pg_proc" => rel::pg_proc(db),
        "pg_trigger" => rel::pg_trigger(db),
        "pg_rules" => crate::render::ruledef::pg_rules(db),
        _ => return None,
    })
}

/// The catalog this name means, if it names one (see [`names_catalog`]).
pub fn find_catalog(
    db: &Database,
    name: &ObjectName,
    alias: Option<&str>,
) -> Option<CatalogRelation> {
    if !names_catalog(name) {
        return None;
    }
    let (columns, rows) = generate(db, name)?;
    crate::engine::catfuncs::install(db);
    let qualifier = Some(alias.unwrap_or(&name.name).to_string());
    let scope = Scope {
        columns: columns
            .into_iter()
            .map(|(n, t)| ScopeColumn {
                qualifier: qualifier.clone(),
                name: (*n).to_string(),
                data_type: t,
            })
            .collect(),
        using: None,
    };
    Some(CatalogRelation { scope, rows })
}

/// pg_constraint's columns that fksim can give (the `name` and `"char"` columns as
/// text, the key arrays int2[]).
fn pg_constraint_columns() -> Vec<(&'static str, DataType)> {
    let key = || DataType::Array(Box::new(DataType::SmallInt));
    let mut cols = PG_CONSTRAINT.to_vec();
    cols.extend([
        ("connamespace", DataType::Oid),
        ("conindid", DataType::Oid),
        ("conparentid", DataType::Oid),
        ("conkey", key()),
        ("confkey", key()),
        ("confdelsetcols", key()),
    ]);
    cols
}

/// The scalar columns of pg_constraint.
const PG_CONSTRAINT: &[(&str, DataType)] = &[
    ("oid", DataType::Oid),
    ("conname", DataType::Text),
    ("contype", DataType::Text),
    ("condeferrable", DataType::Boolean),
    ("condeferred", DataType::Boolean),
    ("convalidated", DataType::Boolean),
    ("conrelid", DataType::Oid),
    ("confrelid", DataType::Oid),
    ("confupdtype", DataType::Text),
    ("confdeltype", DataType::Text),
    ("confmatchtype", DataType::Text),
    ("conislocal", DataType::Boolean),
    ("coninhcount", DataType::Integer),
    ("connoinherit", DataType::Boolean),
];

/// One pg_constraint row: PRIMARY KEY `p`, UNIQUE `u`, CHECK `c`, FOREIGN KEY `f`; the action
/// and match columns are a blank for the kinds that have none, as in PostgreSQL.
fn pg_constraint_rows(db: &Database) -> Vec<Vec<Value>> {
    use crate::engine::oids::{constraint_index_oid, constraint_oid};
    use crate::engine::pgcatalog_rel::{namespace_oid, regclass_of};
    let text = |s: &str| Value::Text(s.to_string());
    let key = |cols: &[usize]| {
        let items: Vec<String> = cols.iter().map(|c| (c + 1).to_string()).collect();
        Value::Text(format!("{{{}}}", items.join(",")))
    };
    let row = |id: ConstraintId, name: &str, kind: &str, on: Option<TableId>, valid: bool| {
        let ns = on
            .and_then(|id| db.table(id).ok())
            .map_or(namespace_oid(db, "information_schema"), |t| namespace_oid(db, &t.schema));
        vec![
            Value::Int(constraint_oid(id)),
            text(name),
            text(kind),
            Value::Bool(false),
            Value::Bool(false),
            Value::Bool(valid),
            regclass_of(db, on),
            regclass_of(db, None),
            text(" "),
            text(" "),
            text(" "),
            Value::Bool(true),
            Value::Int(0),
            Value::Bool(kind != "c"),
            Value::Int(ns),
            Value::Int(0),
            Value::Int(0),
            Value::Null,
            Value::Null,
            Value::Null,
        ]
    };
    // The CHECK constraints of information_schema's domains are in every database.
    let mut rows: Vec<(ConstraintId, Vec<Value>)> =
        [("cardinal_number_domain_check", 13_001), ("yes_or_no_check", 13_002)]
            .iter()
            .map(|(name, oid)| {
                let mut r = row(ConstraintId(0), name, "c", None, true);
                r[0] = Value::Int(*oid);
                (ConstraintId(0), r)
            })
            .collect();
    for t in db.tables.values() {
        for u in &t.uniques {
            let mut r = row(u.id, &u.name, if u.primary { "p" } else { "u" }, Some(t.id), true);
            r[3] = Value::Bool(u.deferrable);
            r[4] = Value::Bool(u.initially_deferred);
            r[15] = Value::Int(constraint_index_oid(u.id));
            r[17] = key(&u.columns);
            rows.push((u.id, r));
        }
        for c in &t.checks {
            let mut r = row(c.id, &c.name, "c", Some(t.id), true);
            r[17] = key(&check_columns(t, &c.expr));
            rows.push((c.id, r));
        }
    }
    for fk in db.fks.values() {
        let mut r = row(fk.id, &fk.name, "f", Some(fk.child), fk.validated);
        r[3] = Value::Bool(fk.deferrable);
        r[4] = Value::Bool(fk.initially_deferred);
        r[7] = regclass_of(db, Some(fk.parent));
        r[8] = text(action_code(&fk.on_update));
        r[9] = text(action_code(&fk.on_delete));
        r[10] = text(if fk.match_full { "f" } else { "s" });
        if let Ok(p) = db.table(fk.parent) {
            let mut want = fk.parent_columns.clone();
            want.sort_unstable();
            if let Some(u) = p.uniques.iter().find(|u| {
                let mut have = u.columns.clone();
                have.sort_unstable();
                have == want
            }) {
                r[15] = Value::Int(constraint_index_oid(u.id));
            }
        }
        if let Some(parent) = crate::engine::partition_fk::parent_constraint(db, fk) {
            r[16] = Value::Int(crate::engine::oids::constraint_oid(parent));
        }
        r[17] = key(&fk.child_columns);
        r[18] = key(&fk.parent_columns);
        if let Action::SetNull(cols) | Action::SetDefault(cols) = &fk.on_delete
            && !cols.is_empty()
            && cols != &fk.child_columns
        {
            r[19] = key(cols);
        }
        rows.push((fk.id, r));
    }
    for t in &db.triggers {
        let Some(c) = t.constraint else { continue };
        let mut r = row(c.id, &t.name, "t", Some(t.table), true);
        r[3] = Value::Bool(c.deferrable);
        r[4] = Value::Bool(c.initially_deferred);
        rows.push((c.id, r));
    }
    rows.sort_by_key(|(id, _)| *id);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The columns a CHECK expression reads, in table order (pg_constraint's `conkey`).
pub fn check_columns(t: &crate::engine::table::Table, e: &crate::sql::ast::Expr) -> Vec<usize> {
    let mut e = e.clone();
    let mut used = vec![false; t.columns.len()];
    let _ = crate::sql::walk::expr(&mut e, &mut |x| {
        if let crate::sql::ast::Expr::Column { name, .. } = x
            && let Some(i) = t.columns.iter().position(|c| &c.name == name)
        {
            used[i] = true;
        }
        Ok(false)
    });
    used.iter().enumerate().filter(|(_, u)| **u).map(|(i, _)| i).collect()
}

/// A relation's name as regclass prints it: quoted unless it is a plain lower-case identifier.
pub fn relation_display_name(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain { name.to_string() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

/// pg_constraint's one-letter code for a referential action.
fn action_code(a: &Action) -> &'static str {
    match a {
        Action::NoAction => "a",
        Action::Restrict => "r",
        Action::Cascade => "c",
        Action::SetNull(_) => "n",
        Action::SetDefault(_) => "d",
    }
}
