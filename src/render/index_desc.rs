//! psql's `\d INDEX`: the index's columns (key or INCLUDE, with their definitions) and the
//! footer naming its kind, method, table and predicate.

use crate::engine::database::Database;
use crate::engine::index_def::index_columns;
use crate::engine::pgcatalog_rel::table_indexes;
use crate::render::deparse::deparse_expr;
use crate::render::psql::{TableView, render_view};

/// `\d NAME` for an index (None when no index has that name on the search path).
pub fn describe_index(db: &Database, schema: Option<&str>, name: &str) -> Option<String> {
    let schemas: Vec<&String> = match schema {
        Some(s) => db.schemas.iter().filter(|n| n.as_str() == s).collect(),
        None => db.search_path.iter().collect(),
    };
    let (table, ix) = schemas.iter().find_map(|s| {
        db.tables
            .values()
            .filter(|t| &&t.schema == s)
            .find_map(|t| table_indexes(t).into_iter().find(|i| i.name == name).map(|i| (t, i)))
    })?;
    let rows = index_columns(table, &ix.shape)
        .into_iter()
        .map(|(col, ty, key, def)| {
            vec![col, ty.pg_name(), if key { "yes" } else { "no" }.to_string(), def]
        })
        .collect();
    let mut footer = String::new();
    if ix.primary {
        footer.push_str("primary key, ");
    } else if ix.unique {
        footer.push_str("unique");
        if ix.shape.nulls_not_distinct {
            footer.push_str(" nulls not distinct");
        }
        footer.push_str(", ");
    }
    footer.push_str(&format!("{}, for table \"{}.{}\"", ix.method, table.schema, table.name));
    if let Some(p) = &ix.shape.predicate {
        footer.push_str(&format!(", predicate ({})", deparse_expr(p)));
    }
    let view = TableView {
        title: Some(format!("Index \"{}.{}\"", table.schema, ix.name)),
        headers: ["Column", "Type", "Key?", "Definition"].map(String::from).to_vec(),
        right_align: vec![false; 4],
        rows,
        footers: vec![footer],
        row_count: false,
    };
    Some(render_view(&view))
}
