//! A direct-mapped index for integer keys: slot `key - base` of a vector holds the row. Ids
//! handed out in order fill it front to back, so checking and indexing a new key touches the
//! same few cache lines, as appending to a B-tree's last leaf does, where a hash table would
//! miss the cache on every row.

use crate::engine::heap::RowId;
use crate::engine::value::Value;

const EMPTY: u32 = u32::MAX;

/// Integer keys → rows, while the keys stay dense enough (at least one in eight slots used).
#[derive(Debug, Clone, Default)]
pub struct DenseIndex {
    base: i64,
    slots: Vec<u32>,
    count: usize,
}

/// The integer a key value equals, if any: `Value`'s equality meets integers, integral
/// numerics and integral floats by value.
pub fn exact_int(v: &Value) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    match v {
        Value::Int(i) => Some(*i),
        Value::Numeric(d) if d.fract().is_zero() => d.to_i64(),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(*f as i64),
        _ => None,
    }
}

impl DenseIndex {
    fn offset(&self, key: i64) -> Option<usize> {
        let off = i128::from(key) - i128::from(self.base);
        (0..self.slots.len() as i128).contains(&off).then_some(off as usize)
    }

    /// The row holding `key`.
    pub fn get(&self, key: i64) -> Option<RowId> {
        self.offset(key).map(|o| self.slots[o]).filter(|&r| r != EMPTY).map(RowId)
    }

    /// Records `key` → `row`: Ok(Err(holder)) when the key is taken, Err(()) when the key is
    /// too far from the others for this index (the caller switches to hashing).
    pub fn insert(&mut self, key: i64, row: RowId) -> Result<Result<(), RowId>, ()> {
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
                return Err(());
            }
            let mut slots = vec![EMPTY; grow as usize];
            slots.append(&mut self.slots);
            self.slots = slots;
            self.base -= grow as i64;
            (off + grow) as usize
        } else {
            if off >= len {
                if off + 1 > limit {
                    return Err(());
                }
                self.slots.resize(off as usize + 1, EMPTY);
            }
            off as usize
        };
        match self.slots[at] {
            EMPTY => {
                self.slots[at] = row.0;
                self.count += 1;
                Ok(Ok(()))
            }
            holder => Ok(Err(RowId(holder))),
        }
    }

    /// Forgets `key` if `row` holds it.
    pub fn remove(&mut self, key: i64, row: RowId) {
        if let Some(o) = self.offset(key) {
            if self.slots[o] == row.0 {
                self.slots[o] = EMPTY;
                self.count -= 1;
            }
        }
    }

    /// Every (key, row), for switching to hashing.
    pub fn entries(&self) -> impl Iterator<Item = (i64, RowId)> + '_ {
        self.slots.iter().enumerate().filter(|&(_, &r)| r != EMPTY).map(|(o, &r)| (self.base + o as i64, RowId(r)))
    }

    /// Makes room for `extra` more keys above the highest.
    pub fn reserve(&mut self, extra: usize) {
        self.slots.reserve(extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascending_descending_and_taken_keys() {
        let mut d = DenseIndex::default();
        for k in (1..=5000).rev() {
            assert_eq!(d.insert(k, RowId(k as u32)), Ok(Ok(())));
        }
        for k in 5001..=10_000 {
            assert_eq!(d.insert(k, RowId(k as u32)), Ok(Ok(())));
        }
        assert_eq!(d.insert(77, RowId(1)), Ok(Err(RowId(77))));
        assert_eq!(d.get(10_000), Some(RowId(10_000)));
        assert_eq!(d.get(0), None);
        assert_eq!(d.get(10_001), None);
        d.remove(77, RowId(5));
        assert_eq!(d.get(77), Some(RowId(77)), "only the holder's removal forgets a key");
        d.remove(77, RowId(77));
        assert_eq!(d.get(77), None);
        assert_eq!(d.entries().count(), 9_999);
    }

    #[test]
    fn sparse_or_extreme_keys_ask_for_hashing() {
        let mut d = DenseIndex::default();
        assert_eq!(d.insert(i64::MIN, RowId(0)), Ok(Ok(())));
        assert_eq!(d.insert(i64::MAX, RowId(1)), Err(()));
        assert_eq!(d.insert(i64::MIN + 3, RowId(2)), Ok(Ok(())));
        assert_eq!(d.get(i64::MIN + 3), Some(RowId(2)));
        let mut d = DenseIndex::default();
        assert_eq!(d.insert(1, RowId(0)), Ok(Ok(())));
        assert_eq!(d.insert(1_000_000, RowId(1)), Err(()));
        assert_eq!(d.insert(-1_000_000, RowId(1)), Err(()));
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
