//! After a 23503: which direction it was, in one sentence, and the fixes that apply to this
//! schema as runnable SQL.

use std::collections::HashSet;

use crate::engine::catalog::{Action, ColumnDefault, ForeignKey, TableId};
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::error::{Error, ViolationKind};
use crate::teach::sqltext::{fk_clause, literal, quote_ident, table_name};

/// One way out, with the SQL to run when there is some.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What to do, in a sentence.
    pub title: String,
    /// Runnable SQL, one statement per line; run it, then the failed statement again.
    pub sql: Option<String>,
}

/// What the teaching output says after a 23503.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Direction 1 or 2 (0 for MATCH FULL's mixed NULLs).
    pub direction: u8,
    /// What happened, in one sentence.
    pub summary: String,
    /// The fixes that apply, best first.
    pub fixes: Vec<Fix>,
    /// Warnings (CASCADE deletes silently, with its row counts).
    pub warnings: Vec<String>,
}

/// The diagnosis of `err`, when it is a foreign-key violation whose constraint still exists.
pub fn diagnose(db: &Database, err: &Error) -> Option<Diagnosis> {
    let v = err.violation.as_ref()?;
    let fk = db.fks.get(&v.constraint)?;
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    let child_cols: Vec<&str> =
        fk.child_columns.iter().map(|&c| child.columns[c].name.as_str()).collect();
    let parent_cols: Vec<&str> =
        fk.parent_columns.iter().map(|&c| parent.columns[c].name.as_str()).collect();
    Some(match v.kind {
        ViolationKind::NotPresent => {
            not_present(db, fk, child, parent, &child_cols, &parent_cols, &v.key)
        }
        ViolationKind::StillReferenced => {
            still_referenced(db, fk, child, parent, &child_cols, &parent_cols, &v.key)
        }
        ViolationKind::MixedNulls => Diagnosis {
            direction: 0,
            summary: format!(
                "{} is MATCH FULL: the key ({}) must be all NULL or all set, and this row mixes them.",
                fk.name,
                child_cols.join(", ")
            ),
            fixes: vec![Fix { title: "Set every key column, or none of them.".into(), sql: None }],
            warnings: Vec::new(),
        },
    })
}

/// A placeholder a NOT NULL column without default can take in a suggested INSERT.
fn placeholder(table: &Table, c: usize) -> String {
    let ty = &table.columns[c].data_type;
    if ty.is_numeric() {
        "0".into()
    } else {
        match ty {
            crate::engine::types::DataType::Boolean => "false".into(),
            crate::engine::types::DataType::Uuid => "gen_random_uuid()".into(),
            crate::engine::types::DataType::Json | crate::engine::types::DataType::Jsonb => {
                "'{}'".into()
            }
            crate::engine::types::DataType::Date
            | crate::engine::types::DataType::Timestamp
            | crate::engine::types::DataType::Timestamptz => "now()".into(),
            _ => format!("'{}'", table.columns[c].name),
        }
    }
}

/// Direction 1: the referencing row names a key that is not there.
fn not_present(
    db: &Database,
    fk: &ForeignKey,
    child: &Table,
    parent: &Table,
    child_cols: &[&str],
    parent_cols: &[&str],
    key: &[Value],
) -> Diagnosis {
    let key_types: Vec<_> = fk.child_columns.iter().map(|&c| &child.columns[c].data_type).collect();
    let key_text: Vec<String> = key.iter().zip(&key_types).map(|(v, t)| literal(v, t)).collect();
    let summary = format!(
        "Direction 1: the row written to {} points at {}({}) = ({}), and no such row exists there, so \"{}\" refused it.",
        table_name(child),
        table_name(parent),
        parent_cols.join(", "),
        key_text.join(", "),
        fk.name
    );
    let mut fixes = Vec::new();
    // The parent first: its key columns from the failed row, placeholders for other required columns.
    let mut cols: Vec<String> = parent_cols.iter().map(|c| quote_ident(c)).collect();
    let mut vals = key_text.clone();
    for (i, col) in parent.columns.iter().enumerate() {
        if !fk.parent_columns.contains(&i) && col.not_null && col.default.is_none() {
            cols.push(quote_ident(&col.name));
            vals.push(placeholder(parent, i));
        }
    }
    fixes.push(Fix {
        title: format!(
            "Insert the {} row first, then run your statement again:",
            table_name(parent)
        ),
        sql: Some(format!(
            "INSERT INTO {} ({}) VALUES ({});",
            table_name(parent),
            cols.join(", "),
            vals.join(", ")
        )),
    });
    if fk.child_columns.iter().all(|&c| !child.columns[c].not_null) {
        fixes.push(Fix {
            title: format!(
                "If the link is optional, write NULL into {}: a foreign key never checks NULL{}.",
                child_cols.join(", "),
                if fk.match_full { " (MATCH FULL: all key columns NULL)" } else { "" }
            ),
            sql: None,
        });
    }
    let types: Vec<String> = fk
        .child_columns
        .iter()
        .zip(&fk.parent_columns)
        .map(|(&c, &p)| {
            format!(
                "{} {} → {} {}",
                child.columns[c].name,
                child.columns[c].data_type,
                parent.columns[p].name,
                parent.columns[p].data_type
            )
        })
        .collect();
    fixes.push(Fix {
        title: format!(
            "Check that {} really refers to {}({}): {}.",
            child_cols.join(", "),
            table_name(parent),
            parent_cols.join(", "),
            types.join(", ")
        ),
        sql: None,
    });
    if references_back(db, fk.parent, fk.child) {
        let clause = fk_clause(db, fk, &fk.on_delete, Some(true));
        fixes.push(Fix {
            title: format!("{} and {} reference each other: make the check wait for COMMIT and insert both in one transaction:", table_name(child), table_name(parent)),
            sql: Some(format!(
                "ALTER TABLE {t} DROP CONSTRAINT {n};\nALTER TABLE {t} ADD CONSTRAINT {n} {clause};",
                t = table_name(child),
                n = quote_ident(&fk.name)
            )),
        });
    }
    if parent.schema == "auth" && parent.name == "users" {
        fixes.push(Fix { title: "Supabase: let a trigger on auth.users create the row, so the user always exists first:".into(), sql: Some(trigger_pattern(child, child_cols)) });
    }
    Diagnosis { direction: 1, summary, fixes, warnings: Vec::new() }
}

/// Direction 2: a referenced row is going while rows still point at it.
fn still_referenced(
    db: &Database,
    fk: &ForeignKey,
    child: &Table,
    parent: &Table,
    child_cols: &[&str],
    parent_cols: &[&str],
    key: &[Value],
) -> Diagnosis {
    let key_types: Vec<_> =
        fk.parent_columns.iter().map(|&c| &parent.columns[c].data_type).collect();
    let key_text: Vec<String> = key.iter().zip(&key_types).map(|(v, t)| literal(v, t)).collect();
    let children = child.find_referencing(fk.id, key).len();
    let summary = format!(
        "Direction 2: {}({}) = ({}) is still referenced by {} row{} of {}, and \"{}\" is {}, so the change was refused.",
        table_name(parent),
        parent_cols.join(", "),
        key_text.join(", "),
        children,
        if children == 1 { "" } else { "s" },
        table_name(child),
        fk.name,
        fk.on_delete.sql()
    );
    let condition = child_cols
        .iter()
        .zip(&key_text)
        .map(|(c, v)| format!("{} = {v}", quote_ident(c)))
        .collect::<Vec<_>>()
        .join(" AND ");
    let recreate = |action: &Action| {
        format!(
            "ALTER TABLE {t} DROP CONSTRAINT {n};\nALTER TABLE {t} ADD CONSTRAINT {n} {};",
            fk_clause(db, fk, action, None),
            t = table_name(child),
            n = quote_ident(&fk.name)
        )
    };
    let mut fixes = vec![
        Fix {
            title:
                "Delete (or re-point) the referencing rows first, then run your statement again:"
                    .into(),
            sql: Some(format!("DELETE FROM {} WHERE {condition};", table_name(child))),
        },
        Fix {
            title: "Or let deletes of the parent take the children along (ON DELETE CASCADE):"
                .into(),
            sql: Some(recreate(&Action::Cascade)),
        },
    ];
    if fk.child_columns.iter().all(|&c| !child.columns[c].not_null) {
        fixes.push(Fix {
            title: format!(
                "Or keep the children and clear their link (ON DELETE SET NULL; {} is nullable):",
                child_cols.join(", ")
            ),
            sql: Some(recreate(&Action::SetNull(fk.child_columns.clone()))),
        });
    }
    if let Some(defaults) = default_key(child, fk) {
        let exists = crate::engine::ri::find_parent(parent, fk, &defaults).ok().flatten().is_some();
        if exists {
            fixes.push(Fix {
                title: "Or point the children at the default parent row (ON DELETE SET DEFAULT):"
                    .into(),
                sql: Some(recreate(&Action::SetDefault(fk.child_columns.clone()))),
            });
        }
    }
    let mut warnings = Vec::new();
    let (rows, tables) = cascade_count(db, fk, key);
    warnings.push(format!(
        "CASCADE deletes silently: with it, this statement would also delete {rows} row{} ({}) and print nothing about them.",
        if rows == 1 { "" } else { "s" },
        tables
    ));
    Diagnosis { direction: 2, summary, fixes, warnings }
}

/// The constant default values of the referencing columns, if every one has one.
fn default_key(child: &Table, fk: &ForeignKey) -> Option<Vec<Value>> {
    fk.child_columns
        .iter()
        .map(|&c| match &child.columns[c].default {
            Some(ColumnDefault::Expr(crate::sql::ast::Expr::Literal(
                crate::sql::ast::Literal::Number(n),
            ))) => crate::engine::expr::number_literal(n).ok().map(|(v, _)| v),
            Some(ColumnDefault::Expr(crate::sql::ast::Expr::Literal(
                crate::sql::ast::Literal::String(s, _),
            ))) => Value::parse(s, &child.columns[c].data_type).ok(),
            _ => None,
        })
        .collect()
}

/// Does `from` reference `to` (directly or through other tables)?
fn references_back(db: &Database, from: TableId, to: TableId) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(t) = stack.pop() {
        if t == to {
            return true;
        }
        if seen.insert(t) {
            stack.extend(db.fks_of(t).map(|fk| fk.parent));
        }
    }
    false
}

/// How many rows a cascade of `fk` from `key` would delete, and from which tables.
fn cascade_count(db: &Database, fk: &ForeignKey, key: &[Value]) -> (usize, String) {
    let mut per_table: Vec<(String, usize)> = Vec::new();
    let mut frontier: Vec<(&ForeignKey, Vec<Value>)> = vec![(fk, key.to_vec())];
    let mut total = 0;
    while let Some((f, k)) = frontier.pop() {
        let Some(child) = db.tables.get(&f.child) else { continue };
        for row in child.find_referencing(f.id, &k) {
            if !child.heap.is_live(row) {
                continue;
            }
            total += 1;
            match per_table.iter_mut().find(|(n, _)| *n == table_name(child)) {
                Some(e) => e.1 += 1,
                None => per_table.push((table_name(child), 1)),
            }
            if total > 1_000_000 {
                break;
            }
            for next in db.fks_referencing(f.child).filter(|n| n.on_delete == Action::Cascade) {
                if let Some(key) = child.heap.key(row, &next.parent_columns) {
                    frontier.push((next, key.into_vec()));
                }
            }
        }
    }
    let tables =
        per_table.iter().map(|(t, n)| format!("{n} from {t}")).collect::<Vec<_>>().join(", ");
    (total, if tables.is_empty() { "none now".into() } else { tables })
}

/// The Supabase trigger that creates the profile row when a user signs up.
fn trigger_pattern(child: &Table, child_cols: &[&str]) -> String {
    // search_path = '' inside the function: every name must carry its schema.
    let t = format!("{}.{}", quote_ident(&child.schema), quote_ident(&child.name));
    let col = child_cols.first().copied().unwrap_or("id");
    format!(
        "CREATE FUNCTION public.handle_new_user() RETURNS trigger\nLANGUAGE plpgsql SECURITY DEFINER SET search_path = ''\nAS $$\nBEGIN\n  INSERT INTO {t} ({c}) VALUES (new.id);\n  RETURN new;\nEND;\n$$;\nCREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users\n  FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();",
        c = quote_ident(col)
    )
}
