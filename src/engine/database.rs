//! The database: schemas, tables by name, foreign keys in creation order, sequences, and undo.

use std::collections::HashMap;

use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use rustc_hash::FxBuildHasher;

use crate::engine::admin::AdminCatalog;
use crate::engine::catalog::{ConstraintId, ForeignKey, TableId};
use crate::engine::routines::{Function, Trigger};
use crate::engine::runs::{Absorb, join_runs};
use crate::engine::settings::Settings;
use crate::engine::storage::{Row, RowId};
use crate::engine::table::Table;
use crate::error::{Error, Result};
use crate::sql::ast::ObjectName;

/// The schema unqualified names resolve to (PostgreSQL's default search_path).
pub const DEFAULT_SCHEMA: &str = "public";

/// Everything stored.
#[derive(Debug, Clone, Default)]
pub struct Database {
    /// Schema names in creation order.
    pub schemas: IndexSet<String>,
    /// Tables by id.
    pub tables: IndexMap<TableId, Table, FxBuildHasher>,
    /// Where in `tables` the table last looked up by id was: a statement asks for the same table
    /// several times a row (checked against the id found there, so never wrong).
    last_table: std::cell::Cell<usize>,
    /// (schema, name) → table (probed with a borrowed `NameKey`, no key built).
    names: hashbrown::HashMap<(String, String), TableId, FxBuildHasher>,
    /// Foreign keys, in creation order.
    pub fks: IndexMap<ConstraintId, Rc<ForeignKey>, FxBuildHasher>,
    /// Sequences (CREATE SEQUENCE and serial columns), shared with expression evaluation.
    pub sequences: crate::engine::sequences::SharedSequences,
    /// Trigger functions by (schema, name).
    pub functions: IndexMap<(String, String), Function>,
    /// Triggers, in creation order (they fire in name order).
    pub triggers: Vec<Trigger>,
    /// Where unqualified names are looked up (`public` by default; a function's
    /// `SET search_path` while it runs).
    pub search_path: Vec<String>,
    /// Run-time parameters (`SET`); search_path above follows its `search_path`.
    pub settings: Settings,
    /// Roles, owners, grants, comments, policies, publications, extensions.
    pub admin: AdminCatalog,
    /// Enum types and domains.
    pub types: crate::engine::types::UserTypes,
    /// Views and materialized views.
    pub views: crate::engine::views::Views,
    /// Rules (CREATE RULE), in creation order.
    pub rules: Vec<crate::engine::rules::Rule>,
    /// Tables and constraints take their ids from this one counter, so each id (and the OID
    /// made from it, see `oids.rs`) is unique across both and grows in creation order.
    next_constraint: u64,
}

/// A (schema, name) key of `Database::names` made of borrowed strings: it hashes as the
/// owned pair does (a tuple hashes its parts in order, `String` as `str`).
#[derive(Hash)]
struct NameKey<'a>(&'a str, &'a str);

impl hashbrown::Equivalent<(String, String)> for NameKey<'_> {
    fn equivalent(&self, key: &(String, String)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

/// One change to undo on ROLLBACK, ROLLBACK TO SAVEPOINT, or a failed statement.
#[derive(Debug, Clone)]
pub enum Undo {
    /// Rows were inserted into consecutive slots `rows` (one statement's run): remove them.
    Inserts { table: TableId, rows: std::ops::Range<u32> },
    /// A row was deleted (or replaced by an update): put it back.
    Delete { table: TableId, row: RowId, data: Row },
    /// A table's definition changed, or it was created or dropped: restore its earlier state
    /// (`None`: it did not exist).
    Table { id: TableId, before: Option<Box<Table>> },
    /// The foreign-key list changed: restore it.
    ForeignKeys(Box<IndexMap<ConstraintId, Rc<ForeignKey>, FxBuildHasher>>),
    /// The schema list changed: restore it.
    Schemas(Box<IndexSet<String>>),
    /// Functions or triggers changed: restore both.
    Routines(Box<Routines>),
    /// A run-time parameter changed (SET is undone with its transaction): restore them all.
    Settings(Box<Settings>),
    /// The access and documentation catalog changed: restore it.
    Admin(Box<AdminCatalog>),
    /// Enum types or domains changed: restore them.
    Types(Box<crate::engine::types::UserTypes>),
    /// Views changed: restore them.
    Views(Box<crate::engine::views::Views>),
    /// Rules changed: restore them.
    Rules(Box<Vec<crate::engine::rules::Rule>>),
    /// Sequences were restarted (TRUNCATE ... RESTART IDENTITY): restore their state, as
    /// PostgreSQL's rollback returns to the sequences' earlier storage.
    Sequences(Box<HashMap<String, crate::engine::sequences::Sequence>>),
    /// Sequences were created, dropped, renamed or re-owned: restore their definitions, each
    /// keeping the counter it has now (nextval is never undone), `renamed` as (old, new) keys.
    SequenceCatalog {
        /// The definitions before.
        before: Box<HashMap<String, crate::engine::sequences::Sequence>>,
        /// Keys a sequence had before and has now.
        renamed: Vec<(String, String)>,
    },
    /// ALTER SEQUENCE rewrote one sequence: its definition and counter return together.
    SequenceState(String, Box<crate::engine::sequences::Sequence>),
}

/// The functions (by schema and name) and triggers, saved together by [`Undo::Routines`].
pub type Routines = (IndexMap<(String, String), Function>, Vec<Trigger>);

impl Absorb for Undo {
    /// An insert into the next slot of the same table widens the run before it.
    fn absorb(&mut self, next: &Self) -> bool {
        match (self, next) {
            (
                Undo::Inserts { table, rows },
                Undo::Inserts { table: next_table, rows: next_rows },
            ) if table == next_table => join_runs(rows, next_rows),
            _ => false,
        }
    }
}

impl Database {
    /// An empty database with the `public` schema.
    pub fn new() -> Self {
        let mut db = Database::default();
        db.schemas.insert(DEFAULT_SCHEMA.to_string());
        db.search_path = vec![DEFAULT_SCHEMA.to_string()];
        db
    }

    /// Installs `settings` and the search path they name. Only schemas that exist now are kept
    /// in the path, so the first one is where CREATE puts an unqualified name, as PostgreSQL's
    /// creation namespace is the first existing schema (`$user` usually is not one).
    pub fn replace_settings(&mut self, settings: Settings) {
        self.set_search_path(
            settings.search_path().into_iter().filter(|s| self.schemas.contains(s)).collect(),
        );
        self.settings = settings;
    }

    /// Changes the search path, where the parser and `format_type` see it too.
    pub fn set_search_path(&mut self, path: Vec<String>) {
        crate::engine::types::install_path(&path);
        self.search_path = path;
    }

    /// Makes this database's enum types, domains and search path the ones the parser sees.
    pub fn install_types(&self) {
        crate::engine::types::install(&self.types);
        crate::engine::types::install_path(&self.search_path);
    }

    /// Installs the enum types and domains, where the parser sees them too.
    pub fn replace_types(&mut self, types: crate::engine::types::UserTypes) {
        crate::engine::types::install(&types);
        self.types = types;
    }

    /// The schema an unqualified CREATE puts its object in: the first on the search path, or
    /// PostgreSQL's 3F000 when the path names none (pg_dump's `search_path = ''`).
    pub fn creation_schema(&self, name: &ObjectName) -> Result<String> {
        match (&name.schema, self.search_path.first()) {
            (Some(s), _) => Ok(s.clone()),
            (None, Some(s)) => Ok(s.clone()),
            (None, None) => {
                Err(Error::new("3F000", "no schema has been selected to create in").at(name.pos))
            }
        }
    }

    /// A fresh table id.
    pub fn next_table_id(&mut self) -> TableId {
        self.next_constraint += 1;
        TableId(self.next_constraint as u32)
    }

    /// A fresh constraint id (creation order).
    pub fn next_constraint_id(&mut self) -> ConstraintId {
        self.next_constraint += 1;
        ConstraintId(self.next_constraint)
    }

    /// The schema a name lives in.
    pub fn schema_of(name: &ObjectName) -> &str {
        name.schema.as_deref().unwrap_or(DEFAULT_SCHEMA)
    }

    /// Finds a table by name: a qualified name in its schema, an unqualified one along the
    /// search path.
    pub fn lookup(&self, name: &ObjectName) -> Option<TableId> {
        let schemas = match &name.schema {
            Some(s) => std::slice::from_ref(s),
            None => self.search_path.as_slice(),
        };
        schemas.iter().find_map(|s| self.lookup_in(s, &name.name))
    }

    /// The table named `name` in `schema` (no search path).
    pub fn lookup_in(&self, schema: &str, name: &str) -> Option<TableId> {
        self.names.get(&NameKey(schema, name)).copied()
    }

    /// Finds a table by name or fails with 42P01 at the name's position.
    pub fn resolve(&self, name: &ObjectName) -> Result<TableId> {
        self.lookup(name).ok_or_else(|| Error::undefined_table(&display_name(name)).at(name.pos))
    }

    /// True when a relation (table or index-backed constraint name) uses `name` in `schema`.
    pub fn relation_name_taken(&self, schema: &str, name: &str) -> bool {
        self.lookup_in(schema, name).is_some()
            || self.views.get(schema, name).is_some()
            || self.tables.values().filter(|t| t.schema == schema).any(|t| {
                t.uniques.iter().any(|u| u.name == name) || t.indexes.iter().any(|i| i.name == name)
            })
    }

    /// The table with `id`.
    pub fn table(&self, id: TableId) -> Result<&Table> {
        self.position(id)
            .and_then(|i| self.tables.get_index(i))
            .map(|(_, table)| table)
            .ok_or_else(|| vanished(id))
    }

    /// The table with `id`, mutably.
    pub fn table_mut(&mut self, id: TableId) -> Result<&mut Table> {
        self.position(id)
            .and_then(|i| self.tables.get_index_mut(i))
            .map(|(_, table)| table)
            .ok_or_else(|| vanished(id))
    }

    /// Where table `id` is in `tables`: the last place found when it is still there.
    fn position(&self, id: TableId) -> Option<usize> {
        let last = self.last_table.get();
        if self.tables.get_index(last).is_some_and(|(&at, _)| at == id) {
            return Some(last);
        }
        let i = self.tables.get_index_of(&id)?;
        self.last_table.set(i);
        Some(i)
    }

    /// Adds a table (registering its name).
    pub fn insert_table(&mut self, table: Table) {
        self.names.insert((table.schema.clone(), table.name.clone()), table.id);
        self.tables.insert(table.id, table);
    }

    /// Gives a table another schema and name (ALTER TABLE RENAME, SET SCHEMA).
    pub fn move_table(&mut self, id: TableId, schema: &str, name: &str) {
        let Some(t) = self.tables.get_mut(&id) else { return };
        self.names.remove(&(t.schema.clone(), t.name.clone()));
        t.schema = schema.to_string();
        t.name = name.to_string();
        self.names.insert((schema.to_string(), name.to_string()), id);
    }

    /// Removes a table, returning it.
    pub fn remove_table(&mut self, id: TableId) -> Option<Table> {
        let table = self.tables.shift_remove(&id)?;
        self.names.remove(&(table.schema.clone(), table.name.clone()));
        Some(table)
    }

    /// Foreign keys whose referenced (parent) table is `parent`, in creation order.
    pub fn fks_referencing(&self, parent: TableId) -> impl Iterator<Item = &ForeignKey> {
        self.fks.values().map(|fk| &**fk).filter(move |fk| fk.parent == parent)
    }

    /// Foreign keys whose referencing (child) table is `child`, in creation order.
    pub fn fks_of(&self, child: TableId) -> impl Iterator<Item = &ForeignKey> {
        self.fks.values().map(|fk| &**fk).filter(move |fk| fk.child == child)
    }

    /// Applies one undo entry.
    pub fn apply_undo(&mut self, undo: Undo) {
        match undo {
            Undo::Inserts { table, rows } => {
                if let Some(t) = self.tables.get_mut(&table) {
                    for row in rows.rev() {
                        t.unwrite_row(RowId(row));
                    }
                }
            }
            Undo::Delete { table, row, data } => {
                if let Some(t) = self.tables.get_mut(&table) {
                    t.restore_row(row, data);
                }
            }
            Undo::Table { id, before } => {
                self.remove_table(id);
                if let Some(table) = before {
                    let pos = self.tables.len();
                    self.insert_table(*table);
                    // Keep creation order stable for \dt and friends.
                    if let Some(idx) = self.tables.get_index_of(&id) {
                        let target =
                            self.tables.keys().position(|k| *k > id).unwrap_or(pos).min(idx);
                        self.tables.move_index(idx, target);
                    }
                }
            }
            Undo::ForeignKeys(before) => self.fks = *before,
            Undo::Schemas(before) => self.schemas = *before,
            Undo::Routines(before) => (self.functions, self.triggers) = *before,
            Undo::Settings(before) => self.replace_settings(*before),
            Undo::Types(before) => self.replace_types(*before),
            Undo::Admin(before) => self.admin = *before,
            Undo::Views(before) => self.views = *before,
            Undo::Rules(before) => self.rules = *before,
            Undo::Sequences(before) => self.sequences.borrow_mut().map = *before,
            Undo::SequenceCatalog { before, renamed } => {
                self.sequences.borrow_mut().restore_catalog(*before, &renamed)
            }
            Undo::SequenceState(key, before) => {
                self.sequences.borrow_mut().map.insert(key, *before);
            }
        }
    }
}

/// A name as PostgreSQL prints it in "relation ... does not exist": qualified only if written so.
pub fn display_name(name: &ObjectName) -> String {
    match &name.schema {
        Some(s) => format!("{s}.{}", name.name),
        None => name.name.clone(),
    }
}

/// The error for a table id no longer in the catalog (a bug kept harmless).
fn vanished(id: TableId) -> Error {
    Error::internal(format!("table {} vanished", id.0))
}
