//! The system catalogs a query may read (`pg_catalog.pg_constraint` so far), generated read-only
//! from fksim's own catalog when a FROM item names them.

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
    name.schema.as_deref().is_none_or(|s| s == "pg_catalog") && name.name == "pg_constraint"
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

/// pg_constraint's columns that fksim can give (the `name` and `"char"` columns as
/// text, the relation columns as regclass, `oid` a creation counter; the other OID columns
/// and the key arrays are missing).
const PG_CONSTRAINT: &[(&str, DataType)] = &[
    ("oid", DataType::Oid),
    ("conname", DataType::Text),
    ("contype", DataType::Text),
    ("condeferrable", DataType::Boolean),
    ("condeferred", DataType::Boolean),
    ("convalidated", DataType::Boolean),
    ("conrelid", DataType::Regclass),
    ("confrelid", DataType::Regclass),
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
    let relation = |id: Option<TableId>| match id.and_then(|id| db.table(id).ok()) {
        Some(t) if t.schema == "public" => text(&relation_display_name(&t.name)),
        Some(t) => text(&format!(
            "{}.{}",
            relation_display_name(&t.schema),
            relation_display_name(&t.name)
        )),
        // regclass prints the zero OID of "no relation" as a dash.
        None => text("-"),
    };
    let row = |id: ConstraintId, name: &str, kind: &str, on: Option<TableId>, valid: bool| {
        vec![
            Value::Int(id.0 as i64),
            text(name),
            text(kind),
            Value::Bool(false),
            Value::Bool(false),
            Value::Bool(valid),
            relation(on),
            relation(None),
            text(" "),
            text(" "),
            text(" "),
            Value::Bool(true),
            Value::Int(0),
            Value::Bool(kind != "c"),
        ]
    };
    // The CHECK constraints of information_schema's domains are in every database.
    let mut rows: Vec<(ConstraintId, Vec<Value>)> =
        ["cardinal_number_domain_check", "yes_or_no_check"]
            .iter()
            .map(|name| (ConstraintId(0), row(ConstraintId(0), name, "c", None, true)))
            .collect();
    for t in db.tables.values() {
        for u in &t.uniques {
            rows.push((
                u.id,
                row(u.id, &u.name, if u.primary { "p" } else { "u" }, Some(t.id), true),
            ));
        }
        for c in &t.checks {
            rows.push((c.id, row(c.id, &c.name, "c", Some(t.id), true)));
        }
    }
    for fk in db.fks.values() {
        let mut r = row(fk.id, &fk.name, "f", Some(fk.child), fk.validated);
        r[3] = Value::Bool(fk.deferrable);
        r[4] = Value::Bool(fk.initially_deferred);
        r[7] = relation(Some(fk.parent));
        r[8] = text(action_code(&fk.on_update));
        r[9] = text(action_code(&fk.on_delete));
        r[10] = text(if fk.match_full { "f" } else { "s" });
        rows.push((fk.id, r));
    }
    rows.sort_by_key(|(id, _)| *id);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The name a `'text'::regclass` stands for, as PostgreSQL prints it: an unquoted name folds
/// to lower case, `public.` is dropped (it is on the search path), and a name that needs quotes
/// keeps them. (The relation is not looked up: a name that does not exist is not an error.)
pub fn regclass_name(text: &str) -> String {
    let fold = |part: &str| match part.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => part.to_lowercase(),
    };
    let text = text.trim();
    // Split at the dot outside quotes: `shop.lines`, `"a.b"`.
    let mut in_quotes = false;
    let dot = text.char_indices().find_map(|(i, c)| {
        in_quotes ^= c == '"';
        (c == '.' && !in_quotes).then_some(i)
    });
    match dot {
        Some(i) if fold(&text[..i]) == "public" => relation_display_name(&fold(&text[i + 1..])),
        Some(i) => format!(
            "{}.{}",
            relation_display_name(&fold(&text[..i])),
            relation_display_name(&fold(&text[i + 1..]))
        ),
        None => relation_display_name(&fold(text)),
    }
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
