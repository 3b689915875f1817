//! `\fkindex`: the foreign keys whose referencing columns no index starts with, read from the
//! catalogs (`pg_constraint`'s keys against `pg_index`'s columns, as linters query them), each
//! with the CREATE INDEX that fixes it and what the missing index costs.

use crate::engine::database::Database;
use crate::engine::pgcatalog_rel::table_indexes;
use crate::teach::sqltext::{quote_ident, table_name};

/// One foreign key without a usable index.
pub struct Unindexed {
    /// The constraint's name.
    pub constraint: String,
    /// The referencing table, as SQL names it.
    pub child: String,
    /// The referenced table, as SQL names it.
    pub parent: String,
    /// The referencing columns, quoted as needed.
    pub columns: Vec<String>,
}

impl Unindexed {
    /// The statement that adds the missing index.
    pub fn fix(&self) -> String {
        format!("CREATE INDEX ON {} ({});", self.child, self.columns.join(", "))
    }
}

/// The foreign keys no index serves, by referencing table and constraint name. An index
/// serves a key when its leading columns are the key's columns, in any order (PostgreSQL's
/// lookup of the referencing rows can then use it).
pub fn unindexed(db: &Database) -> Vec<Unindexed> {
    let mut out = Vec::new();
    for fk in db.fks.values() {
        let (Some(child), Some(parent)) = (db.tables.get(&fk.child), db.tables.get(&fk.parent))
        else {
            continue;
        };
        let n = fk.child_columns.len();
        let served = table_indexes(child).iter().any(|ix| {
            ix.columns.len() >= n && fk.child_columns.iter().all(|c| ix.columns[..n].contains(c))
        });
        if served {
            continue;
        }
        out.push(Unindexed {
            constraint: fk.name.clone(),
            child: table_name(child),
            parent: table_name(parent),
            columns: fk
                .child_columns
                .iter()
                .filter_map(|&c| child.columns.get(c).map(|c| quote_ident(&c.name)))
                .collect(),
        });
    }
    out.sort_by(|a, b| (&a.child, &a.constraint).cmp(&(&b.child, &b.constraint)));
    out
}

/// The report `\fkindex` prints.
pub fn report(db: &Database) -> String {
    let list = unindexed(db);
    if list.is_empty() {
        let n = db.fks.len();
        return if n == 0 {
            "There are no foreign keys.\n".to_string()
        } else {
            format!(
                "Each of the {n} foreign key{} has an index on its referencing columns.\n",
                if n == 1 { "" } else { "s" }
            )
        };
    }
    let mut s = format!(
        "{} foreign key{} without an index on the referencing columns:\n",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    for u in &list {
        s.push_str(&format!(
            "  {} ({}) → {}   constraint \"{}\"\n",
            u.child,
            u.columns.join(", "),
            u.parent,
            u.constraint
        ));
    }
    s.push_str(
        "Every DELETE on a referenced table, and every UPDATE of its key, looks up the rows that\n\
         reference it. Without an index PostgreSQL reads the whole referencing table for each\n\
         such row (fksim's own lookups are always indexed, so it only says so). The fixes:\n",
    );
    for u in &list {
        s.push_str(&format!("  {}\n", u.fix()));
    }
    s
}
