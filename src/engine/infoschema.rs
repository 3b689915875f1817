//! The `information_schema` views about keys, generated from fksim's catalog:
//! `table_constraints`, `referential_constraints`, `key_column_usage`,
//! `constraint_column_usage`, `tables` and `columns` (its everyday columns).
//!
//! Their columns are domains in PostgreSQL (`sql_identifier`, `character_data`,
//! `cardinal_number`, `yes_or_no`); psql prints them as the text or integer they hold, which is
//! how they are typed here. PostgreSQL's NOT NULL pseudo-constraints (`2200_16385_1_not_null`,
//! named after OIDs) are left out of `table_constraints`.

use crate::engine::catalog::Action;
use crate::engine::database::Database;
use crate::engine::pgcatalog_rel::Generated;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// The catalog name the views give (PostgreSQL gives the database's name).
const CATALOG: &str = "fksim";

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn yes_no(b: bool) -> Value {
    text(if b { "YES" } else { "NO" })
}

fn ident(names: &[&'static str]) -> Vec<(&'static str, DataType)> {
    names.iter().map(|n| (*n, DataType::Text)).collect()
}

/// The view of this name, if fksim has it.
pub fn view(db: &Database, name: &str) -> Option<Generated> {
    Some(match name {
        "table_constraints" => table_constraints(db),
        "referential_constraints" => referential_constraints(db),
        "key_column_usage" => key_column_usage(db),
        "constraint_column_usage" => constraint_column_usage(db),
        "tables" => tables(db),
        "columns" => columns(db),
        _ => return None,
    })
}

/// One key-like constraint of a table: (name, type, columns, deferrable, deferred).
struct Con<'a> {
    oid: u64,
    table: &'a Table,
    name: &'a str,
    kind: &'static str,
    columns: Vec<usize>,
    deferrable: bool,
    deferred: bool,
}

/// Every constraint, in OID order.
fn constraints(db: &Database) -> Vec<Con<'_>> {
    let mut out = Vec::new();
    for t in db.tables.values() {
        for u in &t.uniques {
            out.push(Con {
                oid: u.id.0,
                table: t,
                name: &u.name,
                kind: if u.primary { "PRIMARY KEY" } else { "UNIQUE" },
                columns: u.columns.clone(),
                deferrable: false,
                deferred: false,
            });
        }
        for c in &t.checks {
            out.push(Con {
                oid: c.id.0,
                table: t,
                name: &c.name,
                kind: "CHECK",
                columns: crate::engine::pgcatalog::check_columns(t, &c.expr),
                deferrable: false,
                deferred: false,
            });
        }
    }
    for fk in db.fks.values() {
        if let Ok(t) = db.table(fk.child) {
            out.push(Con {
                oid: fk.id.0,
                table: t,
                name: &fk.name,
                kind: "FOREIGN KEY",
                columns: fk.child_columns.clone(),
                deferrable: fk.deferrable,
                deferred: fk.initially_deferred,
            });
        }
    }
    out.sort_by_key(|c| c.oid);
    out
}

fn table_constraints(db: &Database) -> Generated {
    let cols = ident(&[
        "constraint_catalog",
        "constraint_schema",
        "constraint_name",
        "table_catalog",
        "table_schema",
        "table_name",
        "constraint_type",
        "is_deferrable",
        "initially_deferred",
        "enforced",
        "nulls_distinct",
    ]);
    let rows = constraints(db)
        .into_iter()
        .map(|c| {
            let distinct = match c.kind {
                "UNIQUE" | "PRIMARY KEY" => yes_no(true),
                _ => Value::Null,
            };
            vec![
                text(CATALOG),
                text(&c.table.schema),
                text(c.name),
                text(CATALOG),
                text(&c.table.schema),
                text(&c.table.name),
                text(c.kind),
                yes_no(c.deferrable),
                yes_no(c.deferred),
                yes_no(true),
                distinct,
            ]
        })
        .collect();
    (cols, rows)
}

fn rule(a: &Action) -> &'static str {
    match a {
        Action::NoAction => "NO ACTION",
        Action::Restrict => "RESTRICT",
        Action::Cascade => "CASCADE",
        Action::SetNull(_) => "SET NULL",
        Action::SetDefault(_) => "SET DEFAULT",
    }
}

/// The unique constraint of the referenced table a foreign key rests on.
fn unique_for<'a>(
    db: &'a Database,
    fk: &crate::engine::catalog::ForeignKey,
) -> Option<(&'a Table, usize)> {
    let t = db.table(fk.parent).ok()?;
    let mut want = fk.parent_columns.clone();
    want.sort_unstable();
    let i = t.uniques.iter().position(|u| {
        let mut have = u.columns.clone();
        have.sort_unstable();
        have == want
    })?;
    Some((t, i))
}

fn referential_constraints(db: &Database) -> Generated {
    let cols = ident(&[
        "constraint_catalog",
        "constraint_schema",
        "constraint_name",
        "unique_constraint_catalog",
        "unique_constraint_schema",
        "unique_constraint_name",
        "match_option",
        "update_rule",
        "delete_rule",
    ]);
    let mut fks: Vec<_> = db.fks.values().collect();
    fks.sort_by_key(|f| f.id);
    let rows = fks
        .into_iter()
        .filter_map(|fk| {
            let child = db.table(fk.child).ok()?;
            let (schema, uname) = match unique_for(db, fk) {
                Some((t, i)) => (text(&t.schema), text(&t.uniques[i].name)),
                None => (Value::Null, Value::Null),
            };
            Some(vec![
                text(CATALOG),
                text(&child.schema),
                text(&fk.name),
                text(CATALOG),
                schema,
                uname,
                text(if fk.match_full { "FULL" } else { "NONE" }),
                text(rule(&fk.on_update)),
                text(rule(&fk.on_delete)),
            ])
        })
        .collect();
    (cols, rows)
}

fn key_column_usage(db: &Database) -> Generated {
    let mut cols = ident(&[
        "constraint_catalog",
        "constraint_schema",
        "constraint_name",
        "table_catalog",
        "table_schema",
        "table_name",
        "column_name",
    ]);
    cols.push(("ordinal_position", DataType::Integer));
    cols.push(("position_in_unique_constraint", DataType::Integer));
    let mut rows = Vec::new();
    for c in constraints(db) {
        if c.kind == "CHECK" {
            continue;
        }
        let fk =
            if c.kind == "FOREIGN KEY" { db.fks.values().find(|f| f.id.0 == c.oid) } else { None };
        for (i, &col) in c.columns.iter().enumerate() {
            let Some(column) = c.table.columns.get(col) else { continue };
            // A foreign key column's place in the referenced unique constraint.
            let in_unique = fk.and_then(|fk| {
                let target = *fk.parent_columns.get(i)?;
                let (t, u) = unique_for(db, fk)?;
                let pos = t.uniques[u].columns.iter().position(|&x| x == target)?;
                Some(Value::Int(pos as i64 + 1))
            });
            rows.push(vec![
                text(CATALOG),
                text(&c.table.schema),
                text(c.name),
                text(CATALOG),
                text(&c.table.schema),
                text(&c.table.name),
                text(&column.name),
                Value::Int(i as i64 + 1),
                in_unique.unwrap_or(Value::Null),
            ]);
        }
    }
    (cols, rows)
}

fn constraint_column_usage(db: &Database) -> Generated {
    let cols = ident(&[
        "table_catalog",
        "table_schema",
        "table_name",
        "column_name",
        "constraint_catalog",
        "constraint_schema",
        "constraint_name",
    ]);
    let mut rows = Vec::new();
    for c in constraints(db) {
        // A foreign key uses the referenced table's columns; the others their own.
        let (t, columns) = match c.kind {
            "FOREIGN KEY" => match db.fks.values().find(|f| f.id.0 == c.oid) {
                Some(fk) => match db.table(fk.parent) {
                    Ok(p) => (p, fk.parent_columns.clone()),
                    Err(_) => continue,
                },
                None => continue,
            },
            _ => (c.table, c.columns.clone()),
        };
        let mut columns = columns;
        columns.sort_unstable();
        columns.dedup();
        for col in columns {
            let Some(column) = t.columns.get(col) else { continue };
            rows.push(vec![
                text(CATALOG),
                text(&t.schema),
                text(&t.name),
                text(&column.name),
                text(CATALOG),
                text(&c.table.schema),
                text(c.name),
            ]);
        }
    }
    (cols, rows)
}

fn tables(db: &Database) -> Generated {
    let cols = ident(&[
        "table_catalog",
        "table_schema",
        "table_name",
        "table_type",
        "self_referencing_column_name",
        "reference_generation",
        "user_defined_type_catalog",
        "user_defined_type_schema",
        "user_defined_type_name",
        "is_insertable_into",
        "is_typed",
        "commit_action",
    ]);
    let rows = db
        .tables
        .values()
        .map(|t| {
            vec![
                text(CATALOG),
                text(&t.schema),
                text(&t.name),
                text(if t.temporary { "LOCAL TEMPORARY" } else { "BASE TABLE" }),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                yes_no(true),
                yes_no(false),
                if t.temporary { text("PRESERVE") } else { Value::Null },
            ]
        })
        .collect();
    (cols, rows)
}

/// information_schema's `data_type`: the SQL standard's name of a type.
fn sql_type_name(t: &DataType) -> String {
    match t {
        DataType::Array(_) => "ARRAY".into(),
        DataType::Enum(_) | DataType::Domain(_) => "USER-DEFINED".into(),
        DataType::Char(_) => "character".into(),
        DataType::Regclass => "regclass".into(),
        other => other.base().pg_name(),
    }
}

fn columns(db: &Database) -> Generated {
    let mut cols = ident(&["table_catalog", "table_schema", "table_name", "column_name"]);
    cols.push(("ordinal_position", DataType::Integer));
    cols.extend(ident(&["column_default", "is_nullable", "data_type"]));
    cols.push(("character_maximum_length", DataType::Integer));
    cols.push(("numeric_precision", DataType::Integer));
    cols.push(("numeric_scale", DataType::Integer));
    cols.extend(ident(&["udt_name", "is_identity"]));
    let mut rows = Vec::new();
    for t in db.tables.values() {
        for (i, c) in t.columns.iter().enumerate() {
            let (len, precision, scale) = match &c.data_type {
                DataType::Varchar(Some(n)) | DataType::Char(Some(n)) => {
                    (Value::Int(*n as i64), Value::Null, Value::Null)
                }
                DataType::SmallInt => (Value::Null, Value::Int(16), Value::Int(0)),
                DataType::Integer => (Value::Null, Value::Int(32), Value::Int(0)),
                DataType::BigInt => (Value::Null, Value::Int(64), Value::Int(0)),
                DataType::Numeric(Some((p, s))) => {
                    (Value::Null, Value::Int(*p as i64), Value::Int(*s as i64))
                }
                _ => (Value::Null, Value::Null, Value::Null),
            };
            let udt = crate::engine::catfuncs::udt_name(&c.data_type);
            rows.push(vec![
                text(CATALOG),
                text(&t.schema),
                text(&t.name),
                text(&c.name),
                Value::Int(i as i64 + 1),
                Value::Null,
                yes_no(!c.not_null),
                text(&sql_type_name(&c.data_type)),
                len,
                precision,
                scale,
                text(&udt),
                yes_no(c.identity.is_some()),
            ]);
        }
    }
    (cols, rows)
}
