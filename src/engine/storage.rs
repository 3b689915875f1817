//! The indexes of one table, kept in step with its heap: unique indexes that hold row slots
//! only, and the referencing-side indexes of foreign keys.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use rustc_hash::{FxHashMap as HashMap, FxHasher};

use crate::engine::dense::{DenseMap, OneRow, exact_int};
pub use crate::engine::heap::{Heap, Row, RowId, Xid};
use crate::engine::value::Value;

/// A key: the values of a constraint's columns.
pub type Key = Vec<Value>;

/// Extracts the key at `columns` from a row.
pub fn key_of(values: &[Value], columns: &[usize]) -> Key {
    columns.iter().map(|&c| values[c].clone()).collect()
}

/// True when any key column is NULL (such keys are never indexed: NULLs match nothing).
pub fn has_null(key: &[Value]) -> bool {
    key.iter().any(Value::is_null)
}

/// The hash of a key (consistent with `Value`'s equality).
fn hash_key(key: &[Value]) -> u64 {
    let mut h = FxHasher::default();
    key.iter().for_each(|v| v.hash(&mut h));
    h.finish()
}

/// The hash of the key of slot `id` at `columns`, read in place: equal to `hash_key` of it.
fn hash_slot(heap: &Heap, id: RowId, columns: &[usize]) -> u64 {
    let mut h = FxHasher::default();
    columns.iter().for_each(|&c| heap.with_value(id, c, |v| v.hash(&mut h)));
    h.finish()
}

/// A unique index: the one live row holding each key. Keys of one integer column are mapped
/// directly while they stay dense; others (and sparse integers) are hashed, with entries that
/// are row slots only (four bytes): keys are read from the heap to hash and compare, so
/// indexing a row allocates nothing. NULL-containing keys are not stored.
#[derive(Debug, Clone)]
pub enum UniqueIndex {
    /// One integer column, dense keys.
    Dense(DenseMap<OneRow>),
    /// Anything else.
    Hash(HashTable<RowId>),
}

impl Default for UniqueIndex {
    fn default() -> Self {
        UniqueIndex::Dense(DenseMap::default())
    }
}

impl UniqueIndex {
    /// The row of `heap` holding `key` (values in `columns` order).
    pub fn get(&self, heap: &Heap, columns: &[usize], key: &[Value]) -> Option<RowId> {
        if has_null(key) {
            return None;
        }
        match self {
            UniqueIndex::Dense(d) => exact_int(key.first()?).and_then(|k| d.get(k)?.row()),
            UniqueIndex::Hash(t) => {
                let same = |&id: &RowId| {
                    columns.iter().zip(key).all(|(&c, k)| heap.with_value(id, c, |v| v == k))
                };
                t.find(hash_key(key), same).copied()
            }
        }
    }

    /// Records live row `id` of `heap` under its key at `columns`; returns the row already
    /// holding the key instead, if any.
    pub fn insert(&mut self, heap: &Heap, columns: &[usize], id: RowId) -> Result<(), RowId> {
        if columns.iter().any(|&c| heap.with_value(id, c, Value::is_null)) {
            return Ok(());
        }
        if let UniqueIndex::Dense(d) = self {
            let key = match columns {
                [c] => heap.with_value(id, *c, |v| match v {
                    Value::Int(k) => Some(*k),
                    _ => None,
                }),
                _ => None,
            };
            let put = |slot: &mut OneRow| match slot.row() {
                Some(holder) => Err(holder),
                None => {
                    *slot = OneRow::of(id);
                    Ok(())
                }
            };
            match key.map(|k| d.update(k, put)) {
                Some(Ok(done)) => return done,
                _ => self.switch_to_hash(heap, columns),
            }
        }
        let UniqueIndex::Hash(t) = self else { return Ok(()) };
        let same = |&other: &RowId| {
            columns
                .iter()
                .all(|&c| heap.with_value(other, c, |a| heap.with_value(id, c, |b| a == b)))
        };
        match t.entry(hash_slot(heap, id, columns), same, |&other| hash_slot(heap, other, columns))
        {
            hashbrown::hash_table::Entry::Occupied(e) => Err(*e.get()),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(id);
                Ok(())
            }
        }
    }

    /// Switches a dense index to hashing (a key that is not a dense integer arrived).
    fn switch_to_hash(&mut self, heap: &Heap, columns: &[usize]) {
        let UniqueIndex::Dense(d) = self else { return };
        let mut t = HashTable::new();
        for (k, slot) in d.drain() {
            if let Some(row) = slot.row() {
                t.insert_unique(hash_key(&[Value::Int(k)]), row, |&other| {
                    hash_slot(heap, other, columns)
                });
            }
        }
        *self = UniqueIndex::Hash(t);
    }

    /// Forgets live row `id` of `heap` (call before the row leaves the heap).
    pub fn remove(&mut self, heap: &Heap, columns: &[usize], id: RowId) {
        match self {
            UniqueIndex::Dense(d) => {
                if let Some(k) = columns.first().and_then(|&c| heap.with_value(id, c, exact_int)) {
                    d.update_existing(k, |slot| {
                        if slot.row() == Some(id) {
                            *slot = OneRow::default();
                        }
                    });
                }
            }
            UniqueIndex::Hash(t) => {
                if let Ok(e) = t.find_entry(hash_slot(heap, id, columns), |&other| other == id) {
                    e.remove();
                }
            }
        }
    }

    /// Makes room for `extra` more rows.
    pub fn reserve(&mut self, heap: &Heap, columns: &[usize], extra: usize) {
        match self {
            UniqueIndex::Dense(d) => d.reserve(extra),
            UniqueIndex::Hash(t) => t.reserve(extra, |&other| hash_slot(heap, other, columns)),
        }
    }

    /// Empties the index.
    pub fn clear(&mut self) {
        *self = UniqueIndex::default();
    }
}

/// A non-unique index: key → live rows holding it, in slot (scan) order. Every foreign key has
/// one on its referencing columns, so finding the children of a parent never scans. Keys of one
/// integer column are mapped directly while dense, others hashed.
#[derive(Debug, Clone)]
pub enum MultiIndex {
    /// One integer column, dense keys.
    Dense(DenseMap<Rows>),
    /// Anything else.
    Hash(HashMap<Key, Rows>),
}

impl Default for MultiIndex {
    fn default() -> Self {
        MultiIndex::Dense(DenseMap::default())
    }
}

/// The live rows holding one key, in slot (scan) order: a single row is kept in place (every
/// key of a self-referencing chain, most of a near-unique column), more in a deque, where
/// cascades and SET NULL take them from the front in constant time.
#[derive(Debug, Clone, Default)]
pub enum Rows {
    /// No row.
    #[default]
    Empty,
    /// One row.
    One(RowId),
    /// Any number of rows, ascending.
    Many(VecDeque<RowId>),
}

impl Rows {
    /// Room for `n` rows (one needs none).
    fn with_capacity(n: usize) -> Rows {
        if n > 1 { Rows::Many(VecDeque::with_capacity(n)) } else { Rows::Empty }
    }

    /// True when no row holds the key.
    pub fn is_empty(&self) -> bool {
        match self {
            Rows::Empty => true,
            Rows::One(_) => false,
            Rows::Many(rows) => rows.is_empty(),
        }
    }

    /// The rows, ascending.
    pub fn iter(&self) -> impl Iterator<Item = RowId> + '_ {
        let (one, many) = match self {
            Rows::Empty => (None, None),
            Rows::One(row) => (Some(*row), None),
            Rows::Many(rows) => (None, Some(rows)),
        };
        one.into_iter().chain(many.into_iter().flatten().copied())
    }

    /// Adds `row`, the highest so far, at the back.
    #[inline]
    fn push_last(&mut self, row: RowId) {
        match self {
            Rows::Many(rows) => rows.push_back(row),
            _ => *self = Rows::One(row),
        }
    }

    /// Adds `row` in its place (new rows go to the back).
    fn add_in_order(&mut self, row: RowId) {
        match self {
            Rows::Empty => *self = Rows::One(row),
            Rows::One(held) if *held == row => {}
            Rows::One(held) => {
                let pair = if *held < row { [*held, row] } else { [row, *held] };
                *self = Rows::Many(VecDeque::from(pair.to_vec()));
            }
            Rows::Many(rows) => match rows.back() {
                Some(&last) if last > row => {
                    if let Err(at) = rows.binary_search(&row) {
                        rows.insert(at, row);
                    }
                }
                Some(&last) if last == row => {}
                _ => rows.push_back(row),
            },
        }
    }

    /// Takes `row` out.
    fn remove(&mut self, row: RowId) {
        match self {
            Rows::One(held) if *held == row => *self = Rows::Empty,
            Rows::Many(rows) => {
                if let Ok(at) = rows.binary_search(&row) {
                    rows.remove(at);
                }
            }
            Rows::Empty | Rows::One(_) => {}
        }
    }
}

impl MultiIndex {
    /// The index of every live row of `heap` at `columns`, keys read in place: the same index
    /// as inserting the rows one by one in slot order, built in one pass when the keys are one
    /// integer column dense enough to be mapped directly.
    pub fn build(heap: &Heap, columns: &[usize]) -> MultiIndex {
        if let [c] = columns
            && let Some(index) = Self::build_dense(heap, *c)
        {
            return index;
        }
        let mut index = MultiIndex::default();
        for id in heap.ids() {
            heap.with_key(id, columns, |key| index.insert(key, id));
        }
        index
    }

    /// The index on integer column `c`, read in place, each key's rows allocated once (a
    /// single row not at all); None when a key is not an integer or the keys are too sparse
    /// for a [`DenseMap`].
    fn build_dense(heap: &Heap, c: usize) -> Option<MultiIndex> {
        let (mut min, mut max, mut keys) = (i64::MAX, i64::MIN, 0usize);
        let ints = heap.each_int(c, |_, k| (min, max, keys) = (min.min(k), max.max(k), keys + 1));
        if !ints || keys == 0 {
            return None;
        }
        let span = usize::try_from(max.checked_sub(min)?).ok()?.checked_add(1)?;
        // More slots than a map of this many keys may have: hashed (before allocating them).
        if span > 8 * (keys + 1) + 1024 {
            return None;
        }
        let mut counts = vec![0u32; span];
        heap.each_int(c, |_, k| counts[(k - min) as usize] += 1);
        let mut slots: Vec<Rows> =
            counts.iter().map(|&n| Rows::with_capacity(n as usize)).collect();
        drop(counts);
        // Slot order: each key's rows come out ascending, as `add_in_order` keeps them (a key
        // counted once has an empty place, more a deque with room for all).
        heap.each_int(c, |id, k| slots[(k - min) as usize].push_last(id));
        DenseMap::from_slots(min, slots).map(MultiIndex::Dense)
    }

    /// Rows holding `key`, in scan order.
    pub fn get(&self, key: &[Value]) -> impl Iterator<Item = RowId> + '_ {
        let rows = match self {
            MultiIndex::Dense(d) => match key {
                [k] => exact_int(k).and_then(|k| d.get(k)),
                _ => None,
            },
            MultiIndex::Hash(map) => map.get(key),
        };
        rows.into_iter().flat_map(Rows::iter)
    }

    /// Adds `row` under `key` (keys with a NULL are not stored).
    pub fn insert(&mut self, key: &[Value], row: RowId) {
        if has_null(key) {
            return;
        }
        if let MultiIndex::Dense(d) = self {
            let added = match key {
                [Value::Int(k)] => d.update(*k, |rows| rows.add_in_order(row)).is_ok(),
                _ => false,
            };
            if added {
                return;
            }
            let map = d.drain().map(|(k, rows)| (vec![Value::Int(k)], rows)).collect();
            *self = MultiIndex::Hash(map);
        }
        let MultiIndex::Hash(map) = self else { return };
        let rows = match map.get_mut(key) {
            Some(rows) => rows,
            None => map.entry(key.to_vec()).or_default(),
        };
        rows.add_in_order(row);
    }

    /// Removes `row` from under `key`.
    pub fn remove(&mut self, key: &[Value], row: RowId) {
        match self {
            MultiIndex::Dense(d) => {
                if let [k] = key
                    && let Some(k) = exact_int(k)
                {
                    d.update_existing(k, |rows| rows.remove(row));
                }
            }
            MultiIndex::Hash(map) => {
                let Some(rows) = map.get_mut(key) else { return };
                rows.remove(row);
                if rows.is_empty() {
                    map.remove(key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heap of one column holding `keys`, then with the rows at `taken` deleted.
    fn heap_of(keys: &[Value], taken: &[u32]) -> Heap {
        let mut h = Heap::default();
        for k in keys {
            h.push(Row { values: vec![k.clone()], xmin: 1 });
        }
        for &t in taken {
            h.take(RowId(t));
        }
        h
    }

    /// The index built in one pass finds, for every key, the rows inserting them one by one does.
    fn same_as_row_by_row(keys: &[Value], taken: &[u32], probes: &[Value]) {
        let heap = heap_of(keys, taken);
        let built = MultiIndex::build(&heap, &[0]);
        let mut one_by_one = MultiIndex::default();
        for id in heap.ids() {
            heap.with_key(id, &[0], |key| one_by_one.insert(key, id));
        }
        for p in probes {
            let key = std::slice::from_ref(p);
            assert_eq!(built.get(key).collect::<Vec<_>>(), one_by_one.get(key).collect::<Vec<_>>());
        }
    }

    #[test]
    fn one_pass_build_finds_what_row_by_row_inserts_find() {
        let dense: Vec<Value> = (0..500).map(|i| Value::Int(i % 37 + 3)).collect();
        let probes: Vec<Value> = (0..45).map(Value::Int).collect();
        same_as_row_by_row(&dense, &[0, 5, 40, 499], &probes);
        // One row a key (a self-reference's chain): kept in place, not in a deque.
        let unique: Vec<Value> = (0..200).rev().map(Value::Int).collect();
        same_as_row_by_row(&unique, &[3, 7], &probes);
        assert!(matches!(MultiIndex::build(&heap_of(&dense, &[]), &[0]), MultiIndex::Dense(_)));
        let sparse =
            [Value::Int(1), Value::Int(i64::MAX), Value::Null, Value::Int(1), Value::Int(-9)];
        same_as_row_by_row(&sparse, &[], &[Value::Int(1), Value::Int(i64::MAX), Value::Int(-9)]);
        let text = [Value::Text("a".into()), Value::Int(2), Value::Text("a".into())];
        same_as_row_by_row(&text, &[], &[Value::Text("a".into()), Value::Int(2)]);
        same_as_row_by_row(&[Value::Null, Value::Null], &[], &[Value::Int(0)]);
        same_as_row_by_row(&[], &[], &[Value::Int(0)]);
    }
}
