//! Rows and indexes of one table: an append-only heap in PostgreSQL's scan order, hash indexes on keys.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rustc_hash::{FxHashMap as HashMap, FxHasher};

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

/// The hash of a key, from its values in key order (consistent with `Value`'s equality),
/// folded to the 32 bits an index entry keeps.
fn hash_key<'a>(values: impl Iterator<Item = &'a Value>) -> u32 {
    let mut h = FxHasher::default();
    for v in values {
        v.hash(&mut h);
    }
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

/// The table hash of a kept 32-bit key hash: spread over 64 bits, so the bucket (low bits) and
/// the tag (top bits) both depend on all of it.
fn spread(h: u32) -> u64 {
    u64::from(h).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// True when the row's values at `columns` equal `key`.
fn row_has_key(row: &[Value], columns: &[usize], key: &[Value]) -> bool {
    columns.iter().zip(key).all(|(&c, k)| row[c] == *k)
}

/// A unique index: the one live row holding each key. An entry is the row's slot and its key's
/// hash; keys are read from the heap only to confirm a match, so indexing a row allocates
/// nothing and growing the index never touches the rows. NULL-containing keys are not stored.
#[derive(Debug, Clone, Default)]
pub struct UniqueIndex {
    table: HashTable<(u32, RowId)>,
}

impl UniqueIndex {
    /// The row of `heap` holding `key` (values in `columns` order).
    pub fn get(&self, heap: &Heap, columns: &[usize], key: &[Value]) -> Option<RowId> {
        if has_null(key) {
            return None;
        }
        let h = hash_key(key.iter());
        let same = |&(eh, id): &(u32, RowId)| eh == h && heap.get(id).is_some_and(|r| row_has_key(&r.values, columns, key));
        self.table.find(spread(h), same).map(|&(_, id)| id)
    }

    /// Records live row `id` of `heap` under its key at `columns`; returns the row already
    /// holding the key instead, if any.
    pub fn insert(&mut self, heap: &Heap, columns: &[usize], id: RowId) -> Result<(), RowId> {
        let Some(row) = heap.get(id) else { return Ok(()) };
        let values = &row.values;
        if columns.iter().any(|&c| values[c].is_null()) {
            return Ok(());
        }
        let h = hash_key(columns.iter().map(|&c| &values[c]));
        let same = |&(eh, other): &(u32, RowId)| eh == h && heap.get(other).is_some_and(|r| columns.iter().all(|&c| r.values[c] == values[c]));
        match self.table.entry(spread(h), same, |&(eh, _)| spread(eh)) {
            hashbrown::hash_table::Entry::Occupied(e) => Err(e.get().1),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert((h, id));
                Ok(())
            }
        }
    }

    /// Forgets live row `id` of `heap` (call before the row leaves the heap).
    pub fn remove(&mut self, heap: &Heap, columns: &[usize], id: RowId) {
        let Some(row) = heap.get(id) else { return };
        let h = hash_key(columns.iter().map(|&c| &row.values[c]));
        if let Ok(e) = self.table.find_entry(spread(h), |&(_, other)| other == id) {
            e.remove();
        }
    }

    /// Makes room for `extra` more rows.
    pub fn reserve(&mut self, extra: usize) {
        self.table.reserve(extra, |&(eh, _)| spread(eh));
    }

    /// Empties the index.
    pub fn clear(&mut self) {
        self.table.clear();
    }
}

/// A non-unique index: key → live rows holding it, in slot (scan) order. Every foreign key has
/// one on its referencing columns, so finding the children of a parent never scans.
#[derive(Debug, Clone, Default)]
pub struct MultiIndex {
    map: HashMap<Key, Vec<RowId>>,
}

impl MultiIndex {
    /// Rows holding `key`, in scan order.
    pub fn get(&self, key: &[Value]) -> &[RowId] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }

    /// Adds `row` under its key at `columns` of `values` (keys with a NULL are not stored).
    pub fn insert(&mut self, values: &[Value], columns: &[usize], row: RowId) {
        if columns.iter().any(|&c| values[c].is_null()) {
            return;
        }
        let rows = match columns {
            [c] => match self.map.get_mut(std::slice::from_ref(&values[*c])) {
                Some(rows) => rows,
                None => self.map.entry(vec![values[*c].clone()]).or_default(),
            },
            _ => self.map.entry(key_of(values, columns)).or_default(),
        };
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

    /// Removes `row` from under its key at `columns` of `values`.
    pub fn remove(&mut self, values: &[Value], columns: &[usize], row: RowId) {
        let found = match columns {
            [c] => self.map.get_mut(std::slice::from_ref(&values[*c])),
            _ => self.map.get_mut(key_of(values, columns).as_slice()),
        };
        let Some(rows) = found else { return };
        if let Ok(at) = rows.binary_search(&row) {
            rows.remove(at);
        }
        if rows.is_empty() {
            let key = key_of(values, columns);
            self.map.remove(&key);
        }
    }

    /// Empties the index.
    pub fn clear(&mut self) {
        self.map.clear();
    }
}
