//! One table: its definition, its heap, and the indexes kept in step with every row change.

use std::cell::{OnceCell, RefCell};

use indexmap::IndexMap;

use crate::engine::catalog::{Column, ConstraintId, TableId, UniqueConstraint};
use crate::engine::heap::Xid;
use crate::engine::pages::{Pages, Tid};
use crate::engine::storage::{Heap, MultiIndex, Row, RowId, UniqueIndex, key_of};
use crate::engine::tuples::tuple_size;
use crate::engine::value::Value;
use crate::sql::ast::Expr;

/// The rows a lookup found (a parent's few children kept on the stack).
pub type FoundRows = smallvec::SmallVec<[RowId; 16]>;

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConstraint {
    /// Creation order.
    pub id: ConstraintId,
    /// Constraint name.
    pub name: String,
    /// The condition as written.
    pub expr: Expr,
}

/// A user index made by CREATE INDEX (fksim's own lookups never depend on these).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    /// Creation order, from the counter tables and constraints share (its OID's source).
    pub id: crate::engine::catalog::ConstraintId,
    /// Index name.
    pub name: String,
    /// Key column positions when every key is a plain column and there is no predicate:
    /// what the planner may use (empty for an expression or partial index).
    pub columns: Vec<usize>,
    /// CREATE UNIQUE INDEX.
    pub unique: bool,
    /// The access method (`btree`, `gist`, ...): the planner uses btree indexes only.
    pub method: String,
    /// Keys, INCLUDE columns, predicate and options, as written.
    pub shape: crate::engine::index_def::IndexShape,
    /// A unique index's keys and their rows (None for a non-unique index).
    pub entries: Option<crate::engine::index_def::UniqueEntries>,
}

/// A table with its rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its id.
    pub id: TableId,
    /// Schema name.
    pub schema: String,
    /// Table name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// A temporary table (CREATE TEMP TABLE): its keys may only reference, and be referenced
    /// from, temporary tables.
    pub temporary: bool,
    /// The tables it inherits from (INHERITS), whose columns it starts with.
    pub inherits: Vec<TableId>,
    /// `PARTITION BY`: a partitioned table, which keeps no rows of its own.
    pub partition_key: Option<crate::engine::partition::PartitionKey>,
    /// `PARTITION OF`: the table this one is a partition of, and its bound.
    pub partition_of: Option<crate::engine::partition::PartitionOf>,
    /// PRIMARY KEY and UNIQUE constraints, in creation order.
    pub uniques: Vec<UniqueConstraint>,
    /// One unique index per entry of `uniques`, same order.
    unique_indexes: Vec<UniqueIndex>,
    /// For each foreign key whose referencing table this is: an index on the referencing
    /// columns, built the first time a referenced row changes (inserting children never needs
    /// it) and kept in step from then on.
    fk_indexes:
        IndexMap<ConstraintId, (Vec<usize>, OnceCell<MultiIndex>), rustc_hash::FxBuildHasher>,
    /// CHECK constraints.
    pub checks: Vec<CheckConstraint>,
    /// Indexes made by CREATE INDEX.
    pub indexes: Vec<IndexDef>,
    /// The rows.
    pub heap: Heap,
    /// Where PostgreSQL would store each row version: pages, line pointers, free space. In a
    /// cell because reading a page may prune it, as in PostgreSQL, through a shared reference.
    pub pages: RefCell<Pages>,
    /// pg_class's `relpages` and `reltuples` once an index build on a non-empty table has
    /// set them (None: never set, the planner then assumes at least 10 pages).
    pub class_stats: Option<(f64, f64)>,
    /// `ALTER TABLE ... DISABLE TRIGGER ALL`: the foreign keys' internal triggers on this table
    /// (checks of its own rows, actions for rows referencing it) do not fire.
    pub ri_triggers_disabled: bool,
}

impl Table {
    /// An empty table.
    pub fn new(id: TableId, schema: String, name: String, columns: Vec<Column>) -> Self {
        Table {
            id,
            schema,
            name,
            columns,
            temporary: false,
            inherits: Vec::new(),
            partition_key: None,
            partition_of: None,
            uniques: Vec::new(),
            unique_indexes: Vec::new(),
            fk_indexes: IndexMap::default(),
            checks: Vec::new(),
            indexes: Vec::new(),
            heap: Heap::default(),
            pages: RefCell::new(Pages::new()),
            class_stats: None,
            ri_triggers_disabled: false,
        }
    }

    /// Position of a column by name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The primary key, if any.
    pub fn primary_key(&self) -> Option<&UniqueConstraint> {
        self.uniques.iter().find(|u| u.primary)
    }

    /// Adds a unique constraint and builds its index; returns the rows that collide
    /// (first holder, duplicate) when existing rows violate it.
    pub fn add_unique(&mut self, constraint: UniqueConstraint) -> Result<(), (RowId, RowId)> {
        let mut index = UniqueIndex::default();
        index.reserve(&self.heap, &constraint.columns, self.heap.len());
        for id in self.heap.ids() {
            index.insert(&self.heap, &constraint.columns, id).map_err(|first| (first, id))?;
        }
        self.uniques.push(constraint);
        self.unique_indexes.push(index);
        Ok(())
    }

    /// Removes a unique constraint by name.
    pub fn drop_unique(&mut self, name: &str) {
        if let Some(i) = self.uniques.iter().position(|u| u.name == name) {
            self.uniques.remove(i);
            self.unique_indexes.remove(i);
        }
    }

    /// Registers the referencing-side index of a foreign key (built when first looked up).
    pub fn add_fk_index(&mut self, fk: ConstraintId, columns: Vec<usize>) {
        self.fk_indexes.insert(fk, (columns, OnceCell::new()));
    }

    /// Whether a foreign key's referencing-side index is registered here.
    pub fn has_fk_index(&self, fk: ConstraintId) -> bool {
        self.fk_indexes.contains_key(&fk)
    }

    /// Forgets a foreign key's referencing-side index.
    pub fn drop_fk_index(&mut self, fk: ConstraintId) {
        self.fk_indexes.shift_remove(&fk);
    }

    /// The live row holding `key` in the unique constraint at position `unique`.
    pub fn find_unique(&self, unique: usize, key: &[Value]) -> Option<RowId> {
        let columns = &self.uniques.get(unique)?.columns;
        self.unique_indexes.get(unique).and_then(|ix| ix.get(&self.heap, columns, key))
    }

    /// Live rows whose referencing columns of foreign key `fk` equal `key`, in scan order.
    pub fn find_referencing(&self, fk: ConstraintId, key: &[Value]) -> FoundRows {
        let Some((columns, ix)) = self.fk_indexes.get(&fk) else { return FoundRows::new() };
        let index = ix.get_or_init(|| MultiIndex::build(&self.heap, columns));
        let mut rows = FoundRows::new();
        for row in index.get(key) {
            rows.push(row);
        }
        rows
    }

    /// The rows referencing `key` through `fk`, as the RI query PostgreSQL runs on this table
    /// meets them: a sequential scan (every page read, rows in page order) unless an index
    /// leads with the referencing columns (the pages of the rows found, in the order of the
    /// slots its entries point to).
    pub fn scan_referencing(&self, fk: ConstraintId, key: &[Value], current: Xid) -> FoundRows {
        let mut rows = self.find_referencing(fk, key);
        let indexed = self.fk_indexes.get(&fk).is_some_and(|(columns, _)| {
            let leads = |c: &[usize]| c.len() >= columns.len() && c[..columns.len()] == columns[..];
            self.uniques.iter().any(|u| leads(&u.columns))
                || self.indexes.iter().any(|i| leads(&i.columns))
        });
        if indexed {
            self.visit_pages_of(&rows, current);
            let pages = self.pages.borrow();
            rows.sort_by_key(|&r| pages.root_tid(r));
        } else {
            self.visit_all_pages(current);
            let pages = self.pages.borrow();
            if !pages.in_slot_order() {
                rows.sort_by_key(|&r| pages.tid(r));
            }
        }
        rows
    }

    /// The live rows whose columns equal the given constants, found through a unique index or a
    /// referencing-side index that every column of covers, in slot order; None when no index
    /// covers them (the caller scans). NULL keys find nothing, as `=` does.
    pub fn find_equal(&self, equal: &[(usize, &Value)]) -> Option<Vec<RowId>> {
        let key_of = |columns: &[usize]| -> Option<Vec<Value>> {
            columns
                .iter()
                .map(|c| equal.iter().find(|(e, _)| e == c).map(|(_, v)| (*v).clone()))
                .collect()
        };
        let mut rows = if let Some((u, key)) =
            self.uniques.iter().enumerate().find_map(|(u, c)| Some((u, key_of(&c.columns)?)))
        {
            if key.iter().any(Value::is_null) {
                return Some(Vec::new());
            }
            self.find_unique(u, &key).into_iter().collect()
        } else {
            let (fk, key) =
                self.fk_indexes.iter().find_map(|(fk, (c, _))| Some((*fk, key_of(c)?)))?;
            if key.iter().any(Value::is_null) {
                return Some(Vec::new());
            }
            self.find_referencing(fk, &key).into_vec()
        };
        rows.sort_unstable();
        Some(rows)
    }

    /// The first unique constraint (position) that `values` would duplicate, with the row holding it.
    pub fn find_unique_conflict(&self, values: &[Value]) -> Option<(usize, RowId)> {
        self.uniques.iter().zip(&self.unique_indexes).enumerate().find_map(|(i, (u, ix))| {
            let holder = match u.columns.as_slice() {
                [c] => ix.get(&self.heap, &u.columns, std::slice::from_ref(&values[*c])),
                cols => ix.get(&self.heap, cols, &key_of(values, cols)),
            };
            holder.map(|h| (i, h))
        })
    }

    /// Stores a row and indexes it, as PostgreSQL does: the heap first, then each unique index
    /// in creation order. A key already taken there undoes both and hands the row back with the
    /// unique constraint (position) it broke; its tuple stays on its page, dead. `prior` is the
    /// version an UPDATE replaces, and whether the update may be HOT (no indexed column
    /// changed): it is when the new version fits on the old one's page.
    pub fn insert_row(
        &mut self,
        row: Row,
        prior: Option<(RowId, bool)>,
    ) -> Result<RowId, (usize, Row)> {
        let size = tuple_size(self.columns.iter().map(|c| &c.data_type), &row.values);
        let id = self.heap.push(row);
        match prior {
            None => self.pages.get_mut().insert(id, size),
            Some((old, hot_allowed)) => {
                self.pages.get_mut().update(old, id, size, hot_allowed);
            }
        }
        for u in 0..self.uniques.len() {
            if self.unique_indexes[u].insert(&self.heap, &self.uniques[u].columns, id).is_err() {
                for (done, ix) in self.uniques[..u].iter().zip(self.unique_indexes.iter_mut()) {
                    ix.remove(&self.heap, &done.columns, id);
                }
                self.pages.get_mut().abort_insert(id);
                let row = self.heap.take(id).unwrap_or(Row { values: Vec::new(), xmin: 0 });
                return Err((u, row));
            }
        }
        self.index_referencing(id);
        Ok(id)
    }

    /// Where a row version is, as a sequential scan meets it.
    pub fn tid(&self, id: RowId) -> Tid {
        self.pages.borrow().tid(id)
    }

    /// Live rows in the order a sequential scan meets them: page by page, line pointer by line
    /// pointer (slot order until pruning lets a page reuse a line pointer).
    pub fn scan_ids(&self) -> Vec<RowId> {
        let mut ids: Vec<RowId> = self.heap.ids().collect();
        let pages = self.pages.borrow();
        if !pages.in_slot_order() {
            ids.sort_by_key(|&id| pages.tid(id));
        }
        ids
    }

    /// The slots a sequential scan meets, in its order, without listing them while the pages
    /// hold their rows in slot order (dead slots included: readers skip them).
    pub fn scan_order(&self) -> ScanOrder {
        match self.pages.borrow().in_slot_order() {
            true => ScanOrder::Slots(0..self.heap.slot_count() as u32),
            false => ScanOrder::Listed(self.scan_ids().into_iter()),
        }
    }

    /// A sequential scan reads every page, pruning those that need it.
    pub fn visit_all_pages(&self, current: Xid) {
        self.pages.borrow_mut().visit_all(current);
    }

    /// An index or bitmap scan reads the pages these rows are on (where their index entries
    /// point, and where their newest version is).
    pub fn visit_pages_of(&self, rows: &[RowId], current: Xid) {
        let mut pages = self.pages.borrow_mut();
        if !pages.any_due(current) {
            return;
        }
        for &r in rows {
            let root = pages.root_tid(r).page;
            pages.visit(root, current);
            let page = pages.tid(r).page;
            pages.visit(page, current);
        }
    }

    /// Whether an update from `old` to `new` is HOT in PostgreSQL (heap_update): no column of any
    /// index changed, compared as stored: NULL equals NULL, `1.0` differs from `1.00`. Its new
    /// version then stays in the old one's chain, and index and bitmap scans keep meeting the row
    /// at the chain's root.
    pub fn is_hot_update(&self, old: &[Value], new: &[Value]) -> bool {
        let same = |&c: &usize| match (old.get(c), new.get(c)) {
            (Some(Value::Numeric(a)), Some(Value::Numeric(b))) => a == b && a.scale() == b.scale(),
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        self.uniques.iter().all(|u| u.columns.iter().all(same))
            && self.indexes.iter().all(|i| i.shape.all_used(self, same))
    }

    /// Removes a row from the heap and its indexes, returning it.
    pub fn delete_row(&mut self, id: RowId) -> Option<Row> {
        if !self.heap.is_live(id) {
            return None;
        }
        self.unindex_row(id);
        self.heap.take(id)
    }

    /// Puts a deleted row back (undo): its deleter rolled back.
    pub fn restore_row(&mut self, id: RowId, row: Row) {
        self.heap.restore(id, row);
        self.pages.get_mut().undelete(id);
        self.index_row(id);
        for entries in self.indexes.iter_mut().filter_map(|i| i.entries.as_mut()) {
            entries.restore(id);
        }
    }

    /// Takes back a row its own statement or transaction inserted (undo): the tuple stays on
    /// its page, dead to everyone.
    pub fn unwrite_row(&mut self, id: RowId) {
        self.delete_row(id);
        self.pages.get_mut().abort_insert(id);
    }

    /// Makes room for `extra` more rows in the heap and the unique indexes.
    pub fn reserve(&mut self, extra: usize) {
        self.heap.reserve(extra);
        for (u, ix) in self.uniques.iter().zip(self.unique_indexes.iter_mut()) {
            ix.reserve(&self.heap, &u.columns, extra);
        }
    }

    /// Gives column `c` of each listed row a new value (ALTER COLUMN TYPE), its index entries
    /// moved with it.
    pub fn rewrite_column(&mut self, c: usize, values: Vec<(RowId, Value)>) {
        for (id, v) in values {
            self.unindex_row(id);
            self.heap.set_value(id, c, v);
            self.index_row(id);
        }
    }

    /// Removes column `c` from the definition and every row; the keys and indexes left (none
    /// may use `c`) keep pointing at their columns.
    pub fn remove_column(&mut self, c: usize) {
        self.columns.remove(c);
        self.heap.remove_column(c);
        let shift = |p: &mut usize| {
            if *p > c {
                *p -= 1;
            }
        };
        for u in &mut self.uniques {
            u.columns.iter_mut().for_each(shift);
        }
        for (columns, _) in self.fk_indexes.values_mut() {
            columns.iter_mut().for_each(shift);
        }
        for ix in &mut self.indexes {
            ix.columns.iter_mut().for_each(shift);
            ix.shape.shift_columns_after(c);
        }
        if let Some(key) = &mut self.partition_key {
            key.columns.iter_mut().for_each(shift);
        }
    }

    /// Removes every row (TRUNCATE).
    pub fn truncate(&mut self) {
        self.heap.clear();
        *self.pages.get_mut() = Pages::new();
        self.unique_indexes.iter_mut().for_each(UniqueIndex::clear);
        for entries in self.indexes.iter_mut().filter_map(|i| i.entries.as_mut()) {
            *entries = Default::default();
        }
        self.fk_indexes.values_mut().for_each(|(_, ix)| *ix = OnceCell::new());
    }

    /// Indexes a row put back by undo (its keys were unique when it was taken out).
    fn index_row(&mut self, id: RowId) {
        for (u, ix) in self.uniques.iter().zip(self.unique_indexes.iter_mut()) {
            let _ = ix.insert(&self.heap, &u.columns, id);
        }
        self.index_referencing(id);
    }

    /// Adds a row to the referencing-side indexes that have been built.
    fn index_referencing(&mut self, id: RowId) {
        for (columns, ix) in self.fk_indexes.values_mut() {
            let Some(ix) = ix.get_mut() else { continue };
            let Some(key) = self.heap.key(id, columns) else { continue };
            ix.insert(&key, id);
        }
    }

    fn unindex_row(&mut self, id: RowId) {
        for (u, ix) in self.uniques.iter().zip(self.unique_indexes.iter_mut()) {
            ix.remove(&self.heap, &u.columns, id);
        }
        for (columns, ix) in self.fk_indexes.values_mut() {
            let Some(ix) = ix.get_mut() else { continue };
            self.heap.with_key(id, columns, |key| ix.remove(key, id));
        }
    }
}

/// Slots in the order a scan meets them: a range of slots, or a list.
#[derive(Debug)]
pub enum ScanOrder {
    /// Every slot of the range, in slot order.
    Slots(std::ops::Range<u32>),
    /// These slots, in this order.
    Listed(std::vec::IntoIter<RowId>),
}

impl Iterator for ScanOrder {
    type Item = RowId;

    #[inline]
    fn next(&mut self) -> Option<RowId> {
        match self {
            ScanOrder::Slots(range) => range.next().map(RowId),
            ScanOrder::Listed(ids) => ids.next(),
        }
    }
}
