//! Rows and indexes of one table: an append-only heap in PostgreSQL's scan order, hash indexes on keys.

use rustc_hash::FxHashMap as HashMap;

use crate::engine::value::Value;

/// A row's slot in its table's heap. An UPDATE writes a new slot, so slot order is the order a
/// never-vacuumed PostgreSQL heap returns rows in (updated rows move to the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(pub u32);

/// A transaction number; rows remember which transaction wrote them (PostgreSQL's xmin).
pub type Xid = u64;

/// A key: the values of a constraint's columns.
pub type Key = Vec<Value>;

/// One stored row version.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Column values in table order.
    pub values: Vec<Value>,
    /// The transaction that wrote this version.
    pub xmin: Xid,
}

/// The heap: slots in insertion order; `None` is a deleted (dead) version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Heap {
    slots: Vec<Option<Row>>,
    live: usize,
}

impl Heap {
    /// Appends a row and returns its slot.
    pub fn push(&mut self, row: Row) -> RowId {
        let id = RowId(self.slots.len() as u32);
        self.slots.push(Some(row));
        self.live += 1;
        id
    }

    /// The live row in `id`, if any.
    /// The slot the next pushed row will take.
    pub fn next_slot(&self) -> u32 {
        self.slots.len() as u32
    }

    pub fn get(&self, id: RowId) -> Option<&Row> {
        self.slots.get(id.0 as usize).and_then(Option::as_ref)
    }

    /// Takes the row out of its slot (the slot stays, dead).
    pub fn take(&mut self, id: RowId) -> Option<Row> {
        let row = self.slots.get_mut(id.0 as usize).and_then(Option::take);
        if row.is_some() {
            self.live -= 1;
        }
        row
    }

    /// Puts a row back into its old slot (undo of a delete).
    pub fn restore(&mut self, id: RowId, row: Row) {
        let i = id.0 as usize;
        if i >= self.slots.len() {
            self.slots.resize(i + 1, None);
        }
        if self.slots[i].is_none() {
            self.live += 1;
        }
        self.slots[i] = Some(row);
    }

    /// Live rows in scan order.
    pub fn iter(&self) -> impl Iterator<Item = (RowId, &Row)> {
        self.slots.iter().enumerate().filter_map(|(i, r)| r.as_ref().map(|r| (RowId(i as u32), r)))
    }

    /// Number of live rows.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when no row is live.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Drops every row (TRUNCATE).
    pub fn clear(&mut self) {
        self.slots.clear();
        self.live = 0;
    }
}

/// Extracts the key at `columns` from a row.
pub fn key_of(values: &[Value], columns: &[usize]) -> Key {
    columns.iter().map(|&c| values[c].clone()).collect()
}

/// True when any key column is NULL (such keys are never indexed: NULLs match nothing).
pub fn has_null(key: &[Value]) -> bool {
    key.iter().any(Value::is_null)
}

/// A unique index: key → the one live row holding it. NULL-containing keys are not stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UniqueIndex {
    map: HashMap<Key, RowId>,
}

impl UniqueIndex {
    /// The row holding `key`.
    pub fn get(&self, key: &[Value]) -> Option<RowId> {
        self.map.get(key).copied()
    }

    /// Records `key` → `row`; returns the row already holding the key instead, if any.
    pub fn insert(&mut self, key: Key, row: RowId) -> Result<(), RowId> {
        if has_null(&key) {
            return Ok(());
        }
        match self.map.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Err(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(row);
                Ok(())
            }
        }
    }

    /// Forgets `key` if it points at `row`.
    pub fn remove(&mut self, key: &[Value], row: RowId) {
        if self.map.get(key) == Some(&row) {
            self.map.remove(key);
        }
    }

    /// Empties the index.
    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// A non-unique index: key → live rows holding it, in slot (scan) order. Every foreign key has
/// one on its referencing columns, so finding the children of a parent never scans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MultiIndex {
    map: HashMap<Key, Vec<RowId>>,
}

impl MultiIndex {
    /// Rows holding `key`, in scan order.
    pub fn get(&self, key: &[Value]) -> &[RowId] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }

    /// Adds `row` under `key` (keys with a NULL are not stored).
    pub fn insert(&mut self, key: Key, row: RowId) {
        if has_null(&key) {
            return;
        }
        let rows = self.map.entry(key).or_default();
        match rows.last() {
            Some(&last) if last > row => {
                if let Err(at) = rows.binary_search(&row) {
                    rows.insert(at, row);
                }
            }
            Some(&last) if last == row => {}
            _ => rows.push(row),
        }
    }

    /// Removes `row` from `key`.
    pub fn remove(&mut self, key: &[Value], row: RowId) {
        if let Some(rows) = self.map.get_mut(key) {
            if let Ok(at) = rows.binary_search(&row) {
                rows.remove(at);
            }
            if rows.is_empty() {
                self.map.remove(key);
            }
        }
    }

    /// Empties the index.
    pub fn clear(&mut self) {
        self.map.clear();
    }
}
