//! Direct-mapped indexes for integer keys: slot `key - base` of a vector holds the row (or
//! rows). Ids handed out in order fill it front to back, so checking and indexing a new key touches the
//! same few cache lines, as appending to a B-tree's last leaf does, where a hash table would
//! miss the cache on every row.

use crate::engine::heap::RowId;
use crate::engine::value::Value;

/// A slot's content: `Default` is the empty slot.
pub trait Slot: Default {
    /// True when the slot holds nothing.
    fn vacant(&self) -> bool;
}

/// One row, or none (`u32::MAX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OneRow(u32);

impl Default for OneRow {
    fn default() -> Self {
        OneRow(u32::MAX)
    }
}

impl Slot for OneRow {
    fn vacant(&self) -> bool {
        self.0 == u32::MAX
    }
}

impl OneRow {
    /// The row held.
    pub fn row(self) -> Option<RowId> {
        (!self.vacant()).then_some(RowId(self.0))
    }

    /// Holding `row`.
    pub fn of(row: RowId) -> Self {
        OneRow(row.0)
    }
}

impl Slot for crate::engine::storage::Rows {
    fn vacant(&self) -> bool {
        self.is_empty()
    }
}

/// Integer keys → slots, while the keys stay dense enough (at least one in eight slots used).
/// A key too far from the others for a [`DenseMap`]: the caller switches to hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooSparse;

#[derive(Debug, Clone, Default)]
pub struct DenseMap<T> {
    base: i64,
    slots: Vec<T>,
    count: usize,
}

/// The integer a key value equals, if any: `Value`'s equality meets integers, integral
/// numerics and integral floats by value.
#[inline]
pub fn exact_int(v: &Value) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    match v {
        Value::Int(i) => Some(*i),
        Value::Numeric(d) if d.fract().is_zero() => d.to_i64(),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
        _ => None,
    }
}

impl<T: Slot> DenseMap<T> {
    fn offset(&self, key: i64) -> Option<usize> {
        let off = i128::from(key) - i128::from(self.base);
        (0..self.slots.len() as i128).contains(&off).then_some(off as usize)
    }

    /// The slot of `key`, if the map spans it.
    #[inline]
    pub fn get(&self, key: i64) -> Option<&T> {
        self.offset(key).map(|o| &self.slots[o])
    }

    /// Changes the slot of `key` with `f`, making room for it first; [`TooSparse`] when the
    /// key is too far from the others for this map (the caller switches to hashing).
    #[inline]
    pub fn update<R>(&mut self, key: i64, f: impl FnOnce(&mut T) -> R) -> Result<R, TooSparse> {
        if self.slots.is_empty() {
            self.base = key;
        }
        let limit = 8 * (self.count as i128 + 1) + 1024;
        let off = i128::from(key) - i128::from(self.base);
        let len = self.slots.len() as i128;
        let at = if off < 0 {
            // Room below as well, so keys arriving in descending order stay amortised O(1).
            let grow = (-off).max(len);
            if len + grow > limit || i128::from(self.base) - grow < i128::from(i64::MIN) {
                return Err(TooSparse);
            }
            let mut slots: Vec<T> =
                std::iter::repeat_with(T::default).take(grow as usize).collect();
            slots.append(&mut self.slots);
            self.slots = slots;
            self.base -= grow as i64;
            (off + grow) as usize
        } else {
            if off >= len {
                if off + 1 > limit {
                    return Err(TooSparse);
                }
                self.slots.resize_with(off as usize + 1, T::default);
            }
            off as usize
        };
        Ok(self.change(at, f))
    }

    /// Changes the slot of `key` with `f` if the map spans it (never grows).
    pub fn update_existing<R>(&mut self, key: i64, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let at = self.offset(key)?;
        Some(self.change(at, f))
    }

    fn change<R>(&mut self, at: usize, f: impl FnOnce(&mut T) -> R) -> R {
        let slot = &mut self.slots[at];
        let was = slot.vacant();
        let r = f(slot);
        match (was, slot.vacant()) {
            (true, false) => self.count += 1,
            (false, true) => self.count -= 1,
            _ => {}
        }
        r
    }

    /// The map whose slot `k - base` is `slots[k - base]`; None when the keys are too sparse
    /// for a map, or there are none (the caller hashes them).
    pub fn from_slots(base: i64, slots: Vec<T>) -> Option<Self> {
        let count = slots.iter().filter(|s| !s.vacant()).count();
        let limit = 8 * (count as i128 + 1) + 1024;
        (count > 0 && (slots.len() as i128) <= limit).then_some(DenseMap { base, slots, count })
    }

    /// Every key with its occupied slot, taken out (for switching to hashing).
    pub fn drain(&mut self) -> impl Iterator<Item = (i64, T)> + '_ {
        let base = self.base;
        self.count = 0;
        self.slots
            .drain(..)
            .enumerate()
            .filter(|(_, t)| !t.vacant())
            .map(move |(o, t)| (base + o as i64, t))
    }

    /// Makes room for `extra` more keys above the highest.
    pub fn reserve(&mut self, extra: usize) {
        self.slots.reserve(extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(d: &mut DenseMap<OneRow>, k: i64, row: u32) -> Result<Option<RowId>, TooSparse> {
        d.update(k, |s| match s.row() {
            Some(holder) => Some(holder),
            None => {
                *s = OneRow::of(RowId(row));
                None
            }
        })
    }

    #[test]
    fn ascending_descending_and_taken_keys() {
        let mut d = DenseMap::<OneRow>::default();
        for k in (1..=5000).rev() {
            assert_eq!(put(&mut d, k, k as u32), Ok(None));
        }
        for k in 5001..=10_000 {
            assert_eq!(put(&mut d, k, k as u32), Ok(None));
        }
        assert_eq!(put(&mut d, 77, 1), Ok(Some(RowId(77))));
        assert_eq!(d.get(10_000).and_then(|s| s.row()), Some(RowId(10_000)));
        assert_eq!(d.get(0).and_then(|s| s.row()), None);
        assert_eq!(d.get(10_001).and_then(|s| s.row()), None);
        d.update_existing(77, |s| *s = OneRow::default());
        assert_eq!(d.get(77).and_then(|s| s.row()), None);
        assert_eq!(d.drain().count(), 9_999);
    }

    #[test]
    fn sparse_or_extreme_keys_ask_for_hashing() {
        let mut d = DenseMap::<OneRow>::default();
        assert_eq!(put(&mut d, i64::MIN, 0), Ok(None));
        assert_eq!(put(&mut d, i64::MAX, 1), Err(TooSparse));
        assert_eq!(put(&mut d, i64::MIN + 3, 2), Ok(None));
        assert_eq!(d.get(i64::MIN + 3).and_then(|s| s.row()), Some(RowId(2)));
        let mut d = DenseMap::<OneRow>::default();
        assert_eq!(d.update(1, |v| *v = OneRow::of(RowId(0))), Ok(()));
        assert_eq!(d.update(1_000_000, |v| *v = OneRow::of(RowId(1))), Err(TooSparse));
        assert_eq!(d.update(-1_000_000, |v| *v = OneRow::of(RowId(1))), Err(TooSparse));
    }

    #[test]
    fn keys_equal_by_value_find_integers() {
        use rust_decimal::Decimal;
        assert_eq!(exact_int(&Value::Numeric(Decimal::new(4200, 2))), Some(42));
        assert_eq!(exact_int(&Value::Numeric(Decimal::new(4201, 2))), None);
        assert_eq!(exact_int(&Value::Float(-3.0)), Some(-3));
        assert_eq!(exact_int(&Value::Float(0.5)), None);
        assert_eq!(exact_int(&Value::Text("1".into())), None);
    }
}
