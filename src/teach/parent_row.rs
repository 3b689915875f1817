//! The parent row a direction-1 fix inserts: the key the refused row names, and for every
//! other column that needs a value a placeholder chosen to satisfy the parent's own keys (an
//! existing row for its own foreign keys, an unused value for its unique columns) and types
//! (within a length limit, an enum label), marked by a trailing SQL comment.

use crate::engine::catalog::ForeignKey;
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::teach::sqltext::{literal, quote_ident, table_name};

/// `INSERT INTO parent (key columns, required columns) VALUES (...);` for the row of `fk`'s
/// referenced table with `key`; `nth` rows of that table were planned before it in the same
/// fix (placeholders of unique columns step past them).
pub fn parent_insert(db: &Database, fk: &ForeignKey, key: &[Value], nth: usize) -> Option<String> {
    let parent = db.tables.get(&fk.parent)?;
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for (&c, v) in fk.parent_columns.iter().zip(key) {
        cols.push(quote_ident(&parent.columns[c].name));
        vals.push(literal(v, &parent.columns[c].data_type));
    }
    let mut marked = Vec::new();
    for (i, col) in parent.columns.iter().enumerate() {
        let required = col.not_null && col.default.is_none() && col.identity.is_none();
        if fk.parent_columns.contains(&i) || !required {
            continue;
        }
        cols.push(quote_ident(&col.name));
        vals.push(placeholder(db, parent, fk, key, i, nth));
        marked.push(col.name.clone());
    }
    let comment = if marked.is_empty() {
        String::new()
    } else {
        format!(" -- placeholder values: {}", marked.join(", "))
    };
    Some(format!(
        "INSERT INTO {} ({}) VALUES ({});{comment}",
        table_name(parent),
        cols.join(", "),
        vals.join(", ")
    ))
}

/// A value for column `c` of `parent` that its own constraints accept.
fn placeholder(
    db: &Database,
    parent: &Table,
    fk: &ForeignKey,
    key: &[Value],
    c: usize,
    nth: usize,
) -> String {
    let ty = &parent.columns[c].data_type;
    // A column of the parent's own foreign key: the key of a row that exists, or (a
    // self-reference onto the columns being inserted) the new row itself.
    for own in db.fks_of(parent.id) {
        let Some(at) = own.child_columns.iter().position(|&x| x == c) else { continue };
        let Some(target) = db.tables.get(&own.parent) else { continue };
        let existing = target.heap.ids().find_map(|id| target.heap.key(id, &own.parent_columns));
        if let Some(k) = existing {
            return literal(&k[at], ty);
        }
        if own.parent == parent.id
            && let Some(p) = fk.parent_columns.iter().position(|&x| x == own.parent_columns[at])
        {
            return literal(&key[p], ty);
        }
    }
    let unique = parent.uniques.iter().any(|u| u.columns.contains(&c));
    let in_use = |v: &Value| {
        parent.heap.ids().any(|id| parent.heap.key(id, &[c]).is_some_and(|k| &k[0] == v))
    };
    match ty {
        DataType::SmallInt | DataType::Integer | DataType::BigInt if unique => {
            let max = parent
                .heap
                .ids()
                .filter_map(|id| match parent.heap.key(id, &[c])?.first()? {
                    Value::Int(i) => Some(*i),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            max.saturating_add(1 + nth as i64).to_string()
        }
        // 1 rather than 0: CHECKs on amounts and counts ask for positive numbers.
        t if t.is_numeric() => "1".into(),
        DataType::Boolean => "false".into(),
        DataType::Uuid => "gen_random_uuid()".into(),
        DataType::Json | DataType::Jsonb => "'{}'".into(),
        DataType::Date | DataType::Timestamp | DataType::Timestamptz => "now()".into(),
        DataType::Enum(e) => e
            .labels
            .first()
            .map(|l| format!("'{}'", l.replace('\'', "''")))
            .unwrap_or_else(|| "NULL".into()),
        _ => {
            let limit = match ty {
                DataType::Varchar(Some(n)) | DataType::Char(Some(n)) => *n as usize,
                _ => usize::MAX,
            };
            let name = &parent.columns[c].name;
            let text = |k: usize| {
                let suffix = if k == 0 { String::new() } else { k.to_string() };
                let keep = limit.saturating_sub(suffix.len()).max(1);
                format!("{}{suffix}", name.chars().take(keep).collect::<String>())
            };
            let mut k = if unique { nth } else { 0 };
            while unique && k < nth + 1000 && in_use(&Value::Text(text(k))) {
                k += 1;
            }
            format!("'{}'", text(k).replace('\'', "''"))
        }
    }
}
