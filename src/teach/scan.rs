//! Where PostgreSQL would scan: a delete or key update on a referenced table looks up its
//! referencing rows, and without an index on the referencing columns PostgreSQL reads the whole
//! child table for every row (fksim never does; its own lookups are always indexed).

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::teach::sqltext::{quote_ident, table_name};

/// One note per foreign key onto `parent` whose referencing columns no index starts with,
/// each with the CREATE INDEX that fixes it (as Supabase's unindexed-foreign-keys lint says).
pub fn unindexed_notes(db: &Database, parent: TableId) -> Vec<String> {
    let mut notes = Vec::new();
    for fk in db.fks_referencing(parent) {
        let Some(child) = db.tables.get(&fk.child) else { continue };
        let leads = |cols: &[usize]| {
            cols.len() >= fk.child_columns.len()
                && fk.child_columns.iter().all(|c| cols[..fk.child_columns.len()].contains(c))
        };
        let indexed = child.indexes.iter().any(|i| leads(&i.columns))
            || child.uniques.iter().any(|u| leads(&u.columns));
        if indexed {
            continue;
        }
        let cols: Vec<String> =
            fk.child_columns.iter().map(|&c| quote_ident(&child.columns[c].name)).collect();
        notes.push(format!(
            "PostgreSQL scans all of {t} for each row here: \"{}\" has no index on {t} ({c}). CREATE INDEX ON {t} ({c});",
            fk.name,
            t = table_name(child),
            c = cols.join(", ")
        ));
    }
    notes
}
