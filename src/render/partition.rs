//! What psql's `\d` adds for partitioned tables and partitions: the "Partition of:" and
//! "Partition key:" lines, the partition count, and which foreign keys it lists (the
//! constraints of the table and its ancestors, not PostgreSQL's per-partition copies).

use crate::engine::catalog::ForeignKey;
use crate::engine::database::Database;
use crate::engine::partition::{ancestors, bound_sql, children, key_sql};
use crate::engine::table::Table;

/// The `\d` title's word: "Partitioned table" or "Table".
pub fn title_word(table: &Table) -> &'static str {
    if table.partition_key.is_some() { "Partitioned table" } else { "Table" }
}

/// The `\dt` Type column.
pub fn list_type(table: &Table) -> &'static str {
    if table.partition_key.is_some() { "partitioned table" } else { "table" }
}

/// "Partition of: parent FOR VALUES ..." and "Partition key: RANGE (a)", right after the
/// columns.
pub fn head_footers(db: &Database, table: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(of) = &table.partition_of {
        let parent = db
            .tables
            .get(&of.parent)
            .map(|p| crate::render::describe::qualified_if_hidden(db, &p.schema, &p.name))
            .unwrap_or_default();
        out.push(format!("Partition of: {parent} {}", bound_sql(db, table)));
    }
    if let Some(key) = key_sql(table) {
        out.push(format!("Partition key: {key}"));
    }
    out
}

/// "Number of partitions: N (Use \d+ to list them.)" at the end.
pub fn tail_footers(db: &Database, table: &Table) -> Vec<String> {
    if table.partition_key.is_none() {
        return Vec::new();
    }
    let n = children(db, table.id).len();
    if n == 0 {
        return vec!["Number of partitions: 0".to_string()];
    }
    vec![format!("Number of partitions: {n} (Use \\d+ to list them.)")]
}

/// The foreign keys "Foreign-key constraints:" lists: the table's own, then those of the
/// tables it is a partition of (by name), never the per-partition copies. The flag says
/// whether the key is the table's own.
pub fn own_foreign_keys<'a>(db: &'a Database, table: &Table) -> Vec<(bool, &'a ForeignKey)> {
    let mut out: Vec<(bool, &ForeignKey)> = Vec::new();
    for id in ancestors(db, table.id) {
        out.extend(db.fks_of(id).filter(|fk| fk.cloned.is_none()).map(|fk| (id == table.id, fk)));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out
}

/// The foreign keys "Referenced by:" lists: those referencing the table or a table it is a
/// partition of, by name, never the per-partition copies.
pub fn referencing_foreign_keys<'a>(db: &'a Database, table: &Table) -> Vec<&'a ForeignKey> {
    let mut out: Vec<&ForeignKey> = Vec::new();
    for id in ancestors(db, table.id) {
        out.extend(db.fks_referencing(id).filter(|fk| fk.cloned.is_none()));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
