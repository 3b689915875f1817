//! Writing SQL back out for suggestions: identifiers, literals, table names and FOREIGN KEY clauses.

use crate::engine::catalog::{Action, ForeignKey};
use crate::engine::database::{DEFAULT_SCHEMA, Database};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// Words that must be quoted to be used as names.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
];

/// An identifier as PostgreSQL's `quote_ident` writes it.
pub fn quote_ident(name: &str) -> String {
    let simple = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name);
    if simple { name.to_string() } else { format!("\"{}\"", name.replace('"', "\"\"")) }
}

/// A table's name for SQL: schema-qualified unless it lives in `public`.
pub fn table_name(t: &Table) -> String {
    if t.schema == DEFAULT_SCHEMA {
        quote_ident(&t.name)
    } else {
        format!("{}.{}", quote_ident(&t.schema), quote_ident(&t.name))
    }
}

/// A value as an SQL literal of type `ty`.
pub fn literal(v: &Value, ty: &DataType) -> String {
    match v {
        Value::Null => "NULL".into(),
        Value::Int(_) | Value::Numeric(_) | Value::Float(_) => v.to_text(ty),
        Value::Bool(b) => b.to_string(),
        other => format!("'{}'", other.to_text(ty).replace('\'', "''")),
    }
}

/// `FOREIGN KEY (cols) REFERENCES parent (cols) [MATCH FULL] ON DELETE ... [ON UPDATE ...]
/// [DEFERRABLE ...]` for `fk` with its ON DELETE action replaced; `deferred` Some(true) makes it
/// DEFERRABLE INITIALLY DEFERRED.
pub fn fk_clause(
    db: &Database,
    fk: &ForeignKey,
    on_delete: &Action,
    deferred: Option<bool>,
) -> String {
    let (Some(child), Some(parent)) = (db.tables.get(&fk.child), db.tables.get(&fk.parent)) else {
        return String::new();
    };
    let cols = |t: &Table, cs: &[usize]| {
        cs.iter().map(|&c| quote_ident(&t.columns[c].name)).collect::<Vec<_>>().join(", ")
    };
    let mut s = format!(
        "FOREIGN KEY ({}) REFERENCES {} ({})",
        cols(child, &fk.child_columns),
        table_name(parent),
        cols(parent, &fk.parent_columns)
    );
    if fk.match_full {
        s.push_str(" MATCH FULL");
    }
    let action = |a: &Action| match a {
        Action::SetNull(c) | Action::SetDefault(c) if c.len() < fk.child_columns.len() => {
            format!("{} ({})", a.sql(), cols(child, c))
        }
        other => other.sql().to_string(),
    };
    if *on_delete != Action::NoAction {
        s.push_str(&format!(" ON DELETE {}", action(on_delete)));
    }
    if fk.on_update != Action::NoAction {
        s.push_str(&format!(" ON UPDATE {}", action(&fk.on_update)));
    }
    let deferrable = deferred.unwrap_or(fk.deferrable);
    let initially_deferred = deferred.unwrap_or(fk.initially_deferred);
    if deferrable {
        s.push_str(if initially_deferred {
            " DEFERRABLE INITIALLY DEFERRED"
        } else {
            " DEFERRABLE"
        });
    }
    s
}

/// From how many referencing rows a recreated key is added NOT VALID and validated apart:
/// ADD CONSTRAINT checks every row under a lock that blocks writes to both tables, VALIDATE
/// CONSTRAINT under one that lets them go on.
pub const LARGE_TABLE_ROWS: usize = 10_000;

/// `fk` dropped and added again with ON DELETE `on_delete`, in one atomic ALTER TABLE (no
/// moment without the key); on a large referencing table added NOT VALID, then validated.
pub fn recreate_fk(db: &Database, fk: &ForeignKey, on_delete: &Action) -> String {
    let Some(child) = db.tables.get(&fk.child) else { return String::new() };
    let (t, n) = (table_name(child), quote_ident(&fk.name));
    let clause = fk_clause(db, fk, on_delete, None);
    if child.heap.len() >= LARGE_TABLE_ROWS {
        format!(
            "ALTER TABLE {t} DROP CONSTRAINT {n}, ADD CONSTRAINT {n} {clause} NOT VALID;\nALTER TABLE {t} VALIDATE CONSTRAINT {n};"
        )
    } else {
        format!("ALTER TABLE {t} DROP CONSTRAINT {n}, ADD CONSTRAINT {n} {clause};")
    }
}
