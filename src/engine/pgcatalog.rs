//! The system catalogs a query may read (`pg_catalog.pg_constraint` so far), generated read-only
//! from fksim's own catalog when a FROM item names them.

use crate::engine::catalog::{Action, ConstraintId};
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
    name.schema.as_deref().is_none_or(|s| s == "pg_catalog") && name.name == "pg_constraint"
}

/// The catalog this name means, if it names one (see [`names_catalog`]).
pub fn find_catalog(db: &Database, name: &ObjectName, alias: Option<&str>) -> Option<CatalogRelation> {
    if !names_catalog(name) {
        return None;
    }
    let (columns, rows) = (PG_CONSTRAINT, pg_constraint_rows(db));
    let qualifier = Some(alias.unwrap_or(&name.name).to_string());
    let scope = Scope {
        columns: columns
            .iter()
            .map(|(n, t)| ScopeColumn {
                qualifier: qualifier.clone(),
                name: (*n).to_string(),
                data_type: t.clone(),
            })
            .collect(),
    };
    Some(CatalogRelation { scope, rows })
}

/// pg_constraint's columns that fksim can give (the `oid`, `name` and `"char"` columns as
/// integer and text; the columns holding other relations' OIDs and key arrays are missing).
const PG_CONSTRAINT: &[(&str, DataType)] = &[
    ("oid", DataType::BigInt),
    ("conname", DataType::Text),
    ("contype", DataType::Text),
    ("condeferrable", DataType::Boolean),
    ("condeferred", DataType::Boolean),
    ("convalidated", DataType::Boolean),
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
    let text = |s: &str| Value::Text(s.to_string());
    let row = |id: ConstraintId, name: &str, kind: &str, deferral: (bool, bool), valid: bool| {
        vec![
            Value::Int(id.0 as i64),
            text(name),
            text(kind),
            Value::Bool(deferral.0),
            Value::Bool(deferral.1),
            Value::Bool(valid),
            text(" "),
            text(" "),
            text(" "),
            Value::Bool(true),
            Value::Int(0),
            Value::Bool(kind != "c"),
        ]
    };
    // The CHECK constraints of information_schema's domains are in every database.
    let mut rows: Vec<(ConstraintId, Vec<Value>)> = ["cardinal_number_domain_check", "yes_or_no_check"]
        .iter()
        .map(|name| (ConstraintId(0), row(ConstraintId(0), name, "c", (false, false), true)))
        .collect();
    for t in db.tables.values() {
        for u in &t.uniques {
            rows.push((u.id, row(u.id, &u.name, if u.primary { "p" } else { "u" }, (false, false), true)));
        }
        for c in &t.checks {
            rows.push((c.id, row(c.id, &c.name, "c", (false, false), true)));
        }
    }
    for fk in db.fks.values() {
        let mut r = row(fk.id, &fk.name, "f", (fk.deferrable, fk.initially_deferred), fk.validated);
        r[6] = text(action_code(&fk.on_update));
        r[7] = text(action_code(&fk.on_delete));
        r[8] = text(if fk.match_full { "f" } else { "s" });
        rows.push((fk.id, r));
    }
    rows.sort_by_key(|(id, _)| *id);
    rows.into_iter().map(|(_, r)| r).collect()
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
