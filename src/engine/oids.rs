//! Object identifiers: the OIDs fksim gives relations, constraints, their indexes and triggers,
//! and namespaces (growing in creation order, as PostgreSQL's OID counter does), and `regclass`,
//! whose values are relation OIDs that print as the relation's name.
//!
//! Tables and constraints draw their ids from one counter (see `Database::next_table_id`), so
//! the OID of each is `FIRST_OID + STRIDE * id` and the slots after it are free for what belongs
//! to it: a unique constraint's index, a foreign key's four triggers, a table's indexes. The
//! numbers differ from a PostgreSQL server's (which differ between servers too); their order
//! and uniqueness are PostgreSQL's.
//!
//! Expression evaluation has no catalog at hand, so statements install a snapshot of the
//! relations' names ([`before_statement`]), rebuilt only when they changed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::engine::catalog::{ConstraintId, TableId};
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::error::{Error, Result};

/// The first OID PostgreSQL gives a user object.
pub const FIRST_OID: i64 = 16384;
/// The OIDs each table or constraint id owns.
const STRIDE: i64 = 8;
/// Where OIDs derived from names (sequences, views) live, clear of the others.
const NAMED_OIDS: i64 = 3_000_000_000;

/// The OIDs of the system catalogs a query names (`'pg_constraint'::regclass`).
pub const CATALOG_OIDS: &[(&str, i64)] = &[
    ("pg_type", 1247),
    ("pg_attribute", 1249),
    ("pg_proc", 1255),
    ("pg_class", 1259),
    ("pg_constraint", 2606),
    ("pg_index", 2610),
    ("pg_namespace", 2615),
    ("pg_trigger", 2620),
];

/// A table's OID.
pub fn table_oid(id: TableId) -> i64 {
    FIRST_OID + STRIDE * i64::from(id.0)
}

/// A constraint's OID (`pg_constraint.oid`).
pub fn constraint_oid(id: ConstraintId) -> i64 {
    FIRST_OID + STRIDE * id.0 as i64
}

/// The OID of the index a PRIMARY KEY or UNIQUE constraint made.
pub fn constraint_index_oid(id: ConstraintId) -> i64 {
    constraint_oid(id) + 1
}

/// The OID of a foreign key's `k`-th internal trigger (0, 1: on the referenced table; 2, 3: on
/// the referencing one).
pub fn ri_trigger_oid(id: ConstraintId, k: i64) -> i64 {
    constraint_oid(id) + 2 + k
}

/// An OID for an object known by name only, stable while the name is.
fn named_oid(kind: &str, schema: &str, name: &str) -> i64 {
    let mut h = rustc_hash::FxHasher::default();
    (kind, schema, name).hash(&mut h);
    NAMED_OIDS + (h.finish() % 1_000_000_000) as i64
}

/// The OID of an index of a table: a constraint's index follows the constraint, a CREATE INDEX
/// one has its own creation id.
pub fn index_oid(t: &Table, name: &str) -> i64 {
    if let Some(u) = t.uniques.iter().find(|u| u.name == name) {
        return constraint_index_oid(u.id);
    }
    match t.indexes.iter().find(|i| i.name == name) {
        Some(i) => constraint_index_oid(i.id),
        None => named_oid("index", &t.schema, name),
    }
}

/// A namespace's OID: PostgreSQL's fixed ones for its own schemas, then one per user schema.
pub fn namespace_oid(db: &Database, schema: &str) -> i64 {
    match schema {
        "pg_catalog" => 11,
        "pg_toast" => 99,
        "public" => 2200,
        "information_schema" => 13000,
        s => FIRST_OID + STRIDE * db.schemas.get_index_of(s).map_or(0, |i| i as i64) + 7,
    }
}

/// The OID of a sequence.
pub fn sequence_oid(key: &str) -> i64 {
    let (schema, name) = key.split_once('.').unwrap_or(("public", key));
    named_oid("sequence", schema, name)
}

/// The OID of a view.
pub fn view_oid(schema: &str, name: &str) -> i64 {
    named_oid("view", schema, name)
}

/// The relations regclass values name: (OID, schema, name).
#[derive(Debug, Default)]
struct Relations {
    /// What it was built from (see [`fingerprint`]).
    fingerprint: u64,
    /// OID → (schema, name).
    by_oid: HashMap<i64, (String, String)>,
    /// (schema, name) → OID.
    by_name: HashMap<(String, String), i64>,
    /// The schemas an unqualified name is looked up in, `pg_catalog` first.
    path: Vec<String>,
}

thread_local! {
    static RELATIONS: RefCell<Rc<Relations>> = RefCell::new(Rc::new(Relations::default()));
    /// The counts (see [`counts`]) at the start of the last statement, when that statement could
    /// not rename relations: while they hold, the snapshot needs no check.
    static UNCHANGED: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// A cheap signature of the catalog's size: what a statement that creates or drops a relation
/// through a function it calls would change.
fn counts(db: &Database) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    (db.tables.len(), db.schemas.len(), db.views.list.len(), db.search_path.len()).hash(&mut h);
    db.sequences.borrow().map.len().hash(&mut h);
    h.finish()
}

/// Brings the snapshot up to date before a statement. A query or a row change (`reads`) leaves
/// relation names alone, so after one the full check is skipped while the counts hold (bulk
/// INSERTs stay cheap); any other statement may rename, create or drop relations.
pub fn before_statement(db: &Database, reads: bool) {
    let now = counts(db);
    if UNCHANGED.with(|u| u.get()) != Some(now) {
        install(db);
    }
    UNCHANGED.with(|u| u.set(reads.then_some(now)));
}

/// Every relation with its OID: tables, their indexes, views, sequences, and the catalogs.
fn each_relation(db: &Database, mut f: impl FnMut(i64, &str, &str)) {
    for t in db.tables.values() {
        f(table_oid(t.id), &t.schema, &t.name);
        for u in &t.uniques {
            f(constraint_index_oid(u.id), &t.schema, &u.name);
        }
        for i in &t.indexes {
            f(constraint_index_oid(i.id), &t.schema, &i.name);
        }
    }
    for (schema, name) in db.views.list.keys() {
        f(view_oid(schema, name), schema, name);
    }
    for key in db.sequences.borrow().map.keys() {
        let (schema, name) = key.split_once('.').unwrap_or(("public", key.as_str()));
        f(sequence_oid(key), schema, name);
    }
    for (name, oid) in CATALOG_OIDS {
        f(*oid, "pg_catalog", name);
    }
}

/// A hash of everything the snapshot holds, to rebuild it only when something changed.
fn fingerprint(db: &Database) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    db.search_path.hash(&mut h);
    // Sequences sit in a HashMap: their hashes are summed, which ignores the order.
    let mut sum = 0u64;
    each_relation(db, |oid, schema, name| {
        let mut one = rustc_hash::FxHasher::default();
        (oid, schema, name).hash(&mut one);
        sum = sum.wrapping_add(one.finish());
    });
    sum.hash(&mut h);
    h.finish()
}

/// Makes `db`'s relations the ones regclass input and output see on this thread.
pub fn install(db: &Database) {
    let print = fingerprint(db);
    if RELATIONS.with(|r| r.borrow().fingerprint == print) {
        return;
    }
    let mut rel = Relations { fingerprint: print, ..Relations::default() };
    each_relation(db, |oid, schema, name| {
        rel.by_oid.insert(oid, (schema.to_string(), name.to_string()));
        rel.by_name.insert((schema.to_string(), name.to_string()), oid);
    });
    rel.path = std::iter::once("pg_catalog".to_string())
        .chain(db.search_path.iter().filter(|s| *s != "pg_catalog").cloned())
        .collect();
    RELATIONS.with(|r| *r.borrow_mut() = Rc::new(rel));
}

impl Relations {
    /// The OID an unqualified name finds along the path.
    fn find_unqualified(&self, name: &str) -> Option<i64> {
        self.path.iter().find_map(|s| self.by_name.get(&(s.clone(), name.to_string())).copied())
    }
}

/// regclassout: the relation's name, schema-qualified when the search path would not find it
/// (quoted where an identifier must be); the number itself for an OID that is no relation.
pub fn regclass_out(oid: i64) -> String {
    use crate::engine::pgcatalog::relation_display_name as show;
    RELATIONS.with(|r| {
        let r = r.borrow();
        match r.by_oid.get(&oid) {
            Some((_, name)) if r.find_unqualified(name) == Some(oid) => show(name),
            Some((schema, name)) => format!("{}.{}", show(schema), show(name)),
            None if oid == 0 => "-".to_string(),
            None => oid.to_string(),
        }
    })
}

/// regclassin: a relation name (`t`, `s.t`, `"T"`) looked up as the search path finds it, or
/// an OID written as a number; 42P01 when no relation has the name.
pub fn regclass_in(text: &str) -> Result<i64> {
    let text = text.trim();
    if text == "-" {
        return Ok(0);
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().map_err(|_| {
            Error::new("22003", format!("value \"{text}\" is out of range for type oid"))
        });
    }
    let (schema, name) = split_name(text);
    RELATIONS.with(|r| {
        let r = r.borrow();
        let found = match &schema {
            Some(s) => r.by_name.get(&(s.clone(), name.clone())).copied(),
            None => r.find_unqualified(&name),
        };
        found.ok_or_else(|| {
            let shown = schema.map_or_else(|| name.clone(), |s| format!("{s}.{name}"));
            Error::undefined_table(&shown)
        })
    })
}

/// A written relation name split at the dot outside quotes, each part folded as an identifier:
/// an unquoted part to lower case, a quoted one as written.
pub fn split_name(text: &str) -> (Option<String>, String) {
    let fold = |part: &str| match part.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => part.to_lowercase(),
    };
    let mut in_quotes = false;
    let dot = text.char_indices().find_map(|(i, c)| {
        in_quotes ^= c == '"';
        (c == '.' && !in_quotes).then_some(i)
    });
    match dot {
        Some(i) => (Some(fold(&text[..i])), fold(&text[i + 1..])),
        None => (None, fold(text)),
    }
}
