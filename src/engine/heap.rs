//! A table's rows, column by column: integers packed as `i32` (or `i64` once one needs it),
//! other values as `Value`s, NULLs and dead versions as bitmaps, and who wrote each slot as runs.
//! Slots are numbered in the order versions are written (an UPDATE's new version takes the next
//! one); where PostgreSQL would store each, and so the order scans meet them, is `pages.rs`'s.

use smallvec::SmallVec;

use crate::engine::fastexpr::{Cells, Scalar};
use crate::engine::value::Value;

/// A row version's slot in its table's heap, numbered in write order (an UPDATE writes a new
/// slot); `Table::tid` says where PostgreSQL would have stored it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(pub u32);

/// A transaction number; rows remember which transaction wrote them (PostgreSQL's xmin).
pub type Xid = u64;

/// One row version taken out of (or going into) the heap.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Column values in table order.
    pub values: Vec<Value>,
    /// The transaction that wrote this version.
    pub xmin: Xid,
}

/// A set of slots, one bit each.
#[derive(Debug, Clone, Default)]
struct Bits(Vec<u64>);

impl Bits {
    #[inline]
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    #[inline]
    fn set(&mut self, i: usize, on: bool) {
        let w = i / 64;
        if w >= self.0.len() {
            if !on {
                return;
            }
            self.0.resize(w + 1, 0);
        }
        if on {
            self.0[w] |= 1 << (i % 64);
        } else {
            self.0[w] &= !(1 << (i % 64));
        }
    }
}

/// One column's values by slot.
#[derive(Debug, Clone)]
enum Data {
    /// Integers that all fit 32 bits.
    I32(Vec<i32>),
    /// Integers.
    I64(Vec<i64>),
    /// Anything else.
    Values(Vec<Value>),
}

#[derive(Debug, Clone)]
struct Column {
    data: Data,
    nulls: Bits,
}

impl Column {
    /// A column of `len` NULL slots.
    fn nulls(len: usize) -> Self {
        let mut nulls = Bits::default();
        (0..len).for_each(|i| nulls.set(i, true));
        Column { data: Data::I32(vec![0; len]), nulls }
    }

    /// Adds NULL slots up to `len` slots in all.
    fn grow(&mut self, len: usize) {
        let from = match &self.data {
            Data::I32(v) => v.len(),
            Data::I64(v) => v.len(),
            Data::Values(v) => v.len(),
        };
        (from..len).for_each(|i| self.put(i, Value::Null));
    }

    fn is_null(&self, i: usize) -> bool {
        self.nulls.get(i)
    }

    /// Calls `f` with the value in slot `i` (no copy of stored text).
    #[inline]
    fn with<R>(&self, i: usize, f: impl FnOnce(&Value) -> R) -> R {
        if self.is_null(i) {
            return f(&Value::Null);
        }
        match &self.data {
            Data::I32(v) => f(&Value::Int(i64::from(v[i]))),
            Data::I64(v) => f(&Value::Int(v[i])),
            Data::Values(v) => f(&v[i]),
        }
    }

    fn get(&self, i: usize) -> Value {
        self.with(i, Value::clone)
    }

    /// The value in slot `i` as a compiled expression reads it (None for other kinds).
    #[inline(always)]
    fn scalar(&self, i: usize) -> Option<Scalar> {
        if self.is_null(i) {
            return Some(Scalar::Null);
        }
        match &self.data {
            Data::I32(v) => v.get(i).map(|&x| Scalar::Int(i64::from(x))),
            Data::I64(v) => v.get(i).map(|&x| Scalar::Int(x)),
            Data::Values(v) => match v.get(i)? {
                Value::Int(x) => Some(Scalar::Int(*x)),
                Value::Bool(b) => Some(Scalar::Bool(*b)),
                _ => None,
            },
        }
    }

    /// Copies slot `i` into `place` (text into the place's own buffer).
    #[inline(always)]
    fn copy_into(&self, i: usize, place: &mut Value) {
        if self.is_null(i) {
            *place = Value::Null;
            return;
        }
        match &self.data {
            Data::I32(v) => *place = Value::Int(i64::from(v[i])),
            Data::I64(v) => *place = Value::Int(v[i]),
            Data::Values(v) => place.assign_from(&v[i]),
        }
    }

    /// Moves the value out of slot `i`, leaving a NULL.
    fn take(&mut self, i: usize) -> Value {
        if self.is_null(i) {
            return Value::Null;
        }
        let v = match &mut self.data {
            Data::I32(v) => Value::Int(i64::from(v[i])),
            Data::I64(v) => Value::Int(v[i]),
            Data::Values(v) => std::mem::replace(&mut v[i], Value::Null),
        };
        self.nulls.set(i, true);
        v
    }

    /// Stores `value` in slot `i` (the slot exists, or `i` is the next one), widening the
    /// column's representation when the value needs it.
    #[inline]
    fn put(&mut self, i: usize, value: Value) {
        self.nulls.set(i, value.is_null());
        match (&mut self.data, value) {
            (Data::I32(v), Value::Int(x)) if i32::try_from(x).is_ok() => store(v, i, x as i32),
            (Data::I32(v), Value::Null) => store(v, i, 0),
            (Data::I64(v), Value::Int(x)) => store(v, i, x),
            (Data::I64(v), Value::Null) => store(v, i, 0),
            (Data::Values(v), value) => store(v, i, value),
            (_, value) => {
                self.widen(&value);
                self.put(i, value);
            }
        }
    }

    /// Changes the representation to one that holds `value`.
    fn widen(&mut self, value: &Value) {
        let wide = match (&self.data, value) {
            (Data::I32(v), Value::Int(_)) => Data::I64(v.iter().map(|&x| i64::from(x)).collect()),
            (Data::I32(v), _) => {
                Data::Values(v.iter().map(|&x| Value::Int(i64::from(x))).collect())
            }
            (Data::I64(v), _) => Data::Values(v.iter().map(|&x| Value::Int(x)).collect()),
            (Data::Values(_), _) => return,
        };
        self.data = wide;
        if let Data::Values(v) = &mut self.data {
            for (i, slot) in v.iter_mut().enumerate() {
                if self.nulls.get(i) {
                    *slot = Value::Null;
                }
            }
        }
    }
}

/// Writes slot `i`, appending when it is the next one.
fn store<T>(v: &mut Vec<T>, i: usize, x: T) {
    if i == v.len() {
        v.push(x);
    } else {
        v[i] = x;
    }
}

/// The heap.
#[derive(Debug, Clone, Default)]
pub struct Heap {
    columns: Vec<Column>,
    /// Slots ever used (live or dead).
    slots: usize,
    live: Bits,
    live_count: usize,
    /// The writer of each slot, as runs: (first slot, xid), ascending. A slot's writer never
    /// changes (undo puts a row back with the xmin it had).
    writers: Vec<(u32, Xid)>,
}

impl Heap {
    /// About how many bytes the heap's columns take (their vectors' capacity; a text value's
    /// characters beyond its `Value` not counted): the memory budget's estimate, no row read.
    pub fn approx_bytes(&self) -> usize {
        let value = std::mem::size_of::<Value>();
        let columns: usize = self
            .columns
            .iter()
            .map(|c| {
                let data = match &c.data {
                    Data::I32(v) => v.capacity() * 4,
                    Data::I64(v) => v.capacity() * 8,
                    Data::Values(v) => v.capacity() * value,
                };
                data + c.nulls.0.capacity() * 8
            })
            .sum();
        columns + self.live.0.capacity() * 8 + self.writers.capacity() * 16
    }

    /// Appends a row and returns its slot.
    pub fn push(&mut self, row: Row) -> RowId {
        let slot = self.slots;
        if self.writers.last().is_none_or(|&(_, x)| x != row.xmin) {
            self.writers.push((slot as u32, row.xmin));
        }
        self.write(slot, row.values);
        self.slots += 1;
        RowId(slot as u32)
    }

    /// Stores `values` in `slot`: an existing one, or the next (`slots` not yet counting it).
    fn write(&mut self, slot: usize, values: Vec<Value>) {
        // A row wider than the heap (ALTER TABLE ... ADD COLUMN) adds columns, NULL elsewhere.
        while self.columns.len() < values.len() {
            self.columns.push(Column::nulls(self.slots));
        }
        let width = values.len();
        for (c, v) in self.columns.iter_mut().zip(values) {
            c.put(slot, v);
        }
        for c in self.columns.iter_mut().skip(width) {
            c.put(slot, Value::Null);
        }
        self.live.set(slot, true);
        self.live_count += 1;
    }

    /// True when slot `id` holds a live row.
    #[inline]
    pub fn is_live(&self, id: RowId) -> bool {
        self.live.get(id.0 as usize)
    }

    /// The live row in `id`, if any, as values.
    pub fn row(&self, id: RowId) -> Option<Vec<Value>> {
        let i = id.0 as usize;
        self.is_live(id).then(|| self.columns.iter().map(|c| c.get(i)).collect())
    }

    /// Number of columns the heap stores (the width of the rows `row` returns).
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// Copies columns `columns` of live slot `id` into `row` (one place per heap column),
    /// leaving its other places as they are; text is copied into the place's own buffer.
    /// False when the slot holds no live row.
    #[inline]
    pub fn read_into(&self, id: RowId, columns: &[usize], row: &mut [Value]) -> bool {
        if !self.is_live(id) {
            return false;
        }
        let i = id.0 as usize;
        for &c in columns {
            if let (Some(col), Some(place)) = (self.columns.get(c), row.get_mut(c)) {
                col.copy_into(i, place);
            }
        }
        true
    }

    /// Slot `id` (live or not) for a compiled expression to read in place.
    #[inline]
    pub fn slot(&self, id: RowId) -> Slot<'_> {
        Slot { heap: self, i: id.0 as usize }
    }

    /// Calls `f` with column `c` of slot `id` (live or not), without copying it.
    #[inline]
    pub fn with_value<R>(&self, id: RowId, c: usize, f: impl FnOnce(&Value) -> R) -> R {
        match self.columns.get(c) {
            Some(col) if (id.0 as usize) < self.slots => col.with(id.0 as usize, f),
            _ => f(&Value::Null),
        }
    }

    /// Calls `f` with each live slot holding an integer in column `c` and that integer, in
    /// slot order, read from the column in place (NULLs skipped); false as soon as a value is
    /// not an integer.
    #[inline]
    pub fn each_int(&self, c: usize, mut f: impl FnMut(RowId, i64)) -> bool {
        let Some(col) = self.columns.get(c) else { return true };
        match &col.data {
            Data::I32(v) => self.each_set(col, |i| {
                if let Some(&x) = v.get(i) {
                    f(RowId(i as u32), i64::from(x));
                }
                true
            }),
            Data::I64(v) => self.each_set(col, |i| {
                if let Some(&x) = v.get(i) {
                    f(RowId(i as u32), x);
                }
                true
            }),
            Data::Values(v) => self.each_set(col, |i| match v.get(i) {
                Some(Value::Int(x)) => {
                    f(RowId(i as u32), *x);
                    true
                }
                Some(Value::Null) | None => true,
                Some(_) => false,
            }),
        }
    }

    /// Calls `f` with each live slot whose value in `col` is not NULL, a word of the bitmaps
    /// at a time, until it returns false (then false).
    #[inline]
    fn each_set(&self, col: &Column, mut f: impl FnMut(usize) -> bool) -> bool {
        for (w, &live) in self.live.0.iter().enumerate() {
            let mut bits = live & !col.nulls.0.get(w).copied().unwrap_or(0);
            while bits != 0 {
                let i = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if !f(i) {
                    return false;
                }
            }
        }
        true
    }

    /// The key of live row `id` at `columns` (on the stack for keys of up to two columns).
    pub fn key(&self, id: RowId, columns: &[usize]) -> Option<SmallVec<[Value; 2]>> {
        if !self.is_live(id) {
            return None;
        }
        let mut key = SmallVec::new();
        for &c in columns {
            key.push(self.with_value(id, c, Value::clone));
        }
        Some(key)
    }

    /// Calls `f` with the key of live row `id` at `columns` (read in place for one column).
    pub fn with_key<R>(
        &self,
        id: RowId,
        columns: &[usize],
        f: impl FnOnce(&[Value]) -> R,
    ) -> Option<R> {
        if !self.is_live(id) {
            return None;
        }
        match columns {
            [c] => Some(self.with_value(id, *c, |v| f(std::slice::from_ref(v)))),
            _ => self.key(id, columns).map(|k| f(&k)),
        }
    }

    /// The transaction that wrote slot `id`.
    pub fn xmin(&self, id: RowId) -> Xid {
        let at = self.writers.partition_point(|&(first, _)| first <= id.0).saturating_sub(1);
        self.writers.get(at).map_or(0, |&(_, x)| x)
    }

    /// Takes the row out of its slot (the slot stays, dead).
    pub fn take(&mut self, id: RowId) -> Option<Row> {
        if !self.is_live(id) {
            return None;
        }
        let i = id.0 as usize;
        let values = self.columns.iter_mut().map(|c| c.take(i)).collect();
        self.live.set(i, false);
        self.live_count -= 1;
        Some(Row { values, xmin: self.xmin(id) })
    }

    /// Puts a row back into its old slot (undo of a delete).
    pub fn restore(&mut self, id: RowId, row: Row) {
        let i = id.0 as usize;
        if i >= self.slots {
            // Not reached in undo order (slots are only ever added); kept exact all the same:
            // the slots up to this one are added dead, and the row goes into its own slot.
            self.columns.iter_mut().for_each(|c| c.grow(i));
            self.slots = i;
            self.push(row);
            return;
        }
        if self.is_live(id) {
            self.live_count -= 1;
        }
        self.write(i, row.values);
    }

    /// Forgets column `c` of every row (ALTER TABLE ... DROP COLUMN).
    pub fn remove_column(&mut self, c: usize) {
        if c < self.columns.len() {
            self.columns.remove(c);
        }
    }

    /// Gives column `c` (the next one) these values, NULL in every other slot.
    pub fn add_column(&mut self, c: usize, values: Vec<(RowId, Value)>) {
        while self.columns.len() <= c {
            self.columns.push(Column::nulls(self.slots));
        }
        for (id, v) in values {
            if (id.0 as usize) < self.slots {
                self.columns[c].put(id.0 as usize, v);
            }
        }
    }

    /// Replaces the value of column `c` in a live row (ALTER COLUMN TYPE; the caller keeps
    /// the indexes right).
    pub fn set_value(&mut self, id: RowId, c: usize, value: Value) {
        if self.is_live(id) && c < self.columns.len() {
            self.columns[c].put(id.0 as usize, value);
        }
    }

    /// Live slots in scan order.
    pub fn ids(&self) -> impl Iterator<Item = RowId> + '_ {
        (0..self.slots as u32).map(RowId).filter(|&id| self.is_live(id))
    }

    /// Live rows in scan order, as values.
    pub fn iter(&self) -> impl Iterator<Item = (RowId, Vec<Value>)> + '_ {
        self.ids().filter_map(|id| Some((id, self.row(id)?)))
    }

    /// Number of live rows.
    pub fn len(&self) -> usize {
        self.live_count
    }

    /// True when no row is live.
    pub fn is_empty(&self) -> bool {
        self.live_count == 0
    }

    /// Makes room for `extra` more rows.
    pub fn reserve(&mut self, extra: usize) {
        for c in &mut self.columns {
            match &mut c.data {
                Data::I32(v) => v.reserve(extra),
                Data::I64(v) => v.reserve(extra),
                Data::Values(v) => v.reserve(extra),
            }
        }
    }

    /// Slots ever written, live or dead (the versions a never-vacuumed table still holds).
    pub fn slot_count(&self) -> usize {
        self.slots
    }

    /// Drops every row (TRUNCATE).
    pub fn clear(&mut self) {
        *self = Heap { columns: Vec::new(), ..Heap::default() };
    }
}

/// One slot of a heap, its columns read in place by compiled expressions (`fastexpr.rs`).
pub struct Slot<'h> {
    heap: &'h Heap,
    i: usize,
}

impl Cells for Slot<'_> {
    #[inline(always)]
    fn cell(&self, c: usize) -> Option<Scalar> {
        self.heap.columns.get(c)?.scalar(self.i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: Vec<Value>, xmin: Xid) -> Row {
        Row { values, xmin }
    }

    #[test]
    fn columns_widen_and_rows_come_back_as_stored() {
        let mut h = Heap::default();
        let a = h.push(row(vec![Value::Int(1), Value::Null], 7));
        let b = h.push(row(vec![Value::Int(5_000_000_000), Value::Text("x".into())], 7));
        let c = h.push(row(vec![Value::Null, Value::Int(3)], 8));
        assert_eq!(h.row(a), Some(vec![Value::Int(1), Value::Null]));
        assert_eq!(h.row(b), Some(vec![Value::Int(5_000_000_000), Value::Text("x".into())]));
        assert_eq!(h.row(c), Some(vec![Value::Null, Value::Int(3)]));
        assert_eq!((h.xmin(a), h.xmin(b), h.xmin(c)), (7, 7, 8));
        let taken = h.take(b).expect("live");
        assert_eq!(taken.values[0], Value::Int(5_000_000_000));
        assert_eq!((h.row(b), h.len()), (None, 2));
        h.restore(b, taken);
        assert_eq!(h.ids().collect::<Vec<_>>(), vec![a, b, c]);
        assert_eq!(h.xmin(b), 7);
    }

    #[test]
    fn added_columns_and_slots_past_the_end() {
        let mut h = Heap::default();
        let a = h.push(row(vec![Value::Int(1)], 1));
        h.add_column(1, vec![(a, Value::Int(9))]);
        assert_eq!(h.row(a), Some(vec![Value::Int(1), Value::Int(9)]));
        h.restore(RowId(4), row(vec![Value::Int(2), Value::Null], 2));
        assert_eq!(h.ids().collect::<Vec<_>>(), vec![a, RowId(4)]);
        assert_eq!(h.row(RowId(4)), Some(vec![Value::Int(2), Value::Null]));
        assert_eq!(h.push(row(vec![Value::Int(3), Value::Int(3)], 2)), RowId(5));
    }
}
