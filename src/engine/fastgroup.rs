//! A grouped query's per-row work compiled once: when every GROUP BY key and every aggregate's
//! argument and FILTER is an integer expression `fastexpr` compiles, a row (a heap slot read in
//! place, or a joined row) finds its group through a map of integer keys and its inputs without
//! a `Value` made, cloned or hashed. Anything the fast path cannot be sure of (a new group, a
//! value that is not an integer, an overflow) is left to `Grouper::push_ref`, which then does
//! exactly what it did before; the fast path changes nothing until it knows the whole row's
//! answer.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::engine::calls::{AggCall, AggKind};
use crate::engine::expr::Bound;
use crate::engine::fastexpr::{Cells, Node, Scalar, compile, operand};
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// A group key of integers (None for NULL).
pub type IntKey = SmallVec<[Option<i64>; 2]>;

/// What one aggregate takes from one row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FastInput {
    /// Nothing: its FILTER rejects the row.
    Skip,
    /// Its argument's value (`true` for count(*)).
    Value(Scalar),
}

/// One aggregate compiled: its argument (None for count(*)) and FILTER.
struct FastAgg {
    arg: Option<Node>,
    filter: Option<Node>,
}

/// The compiled keys and aggregates of a grouping, and the groups found so far by key.
pub struct FastGroups {
    keys: Vec<Node>,
    aggs: Vec<FastAgg>,
    index: FxHashMap<IntKey, usize>,
    /// The current row's key and inputs (kept to reuse their room).
    key: IntKey,
    inputs: SmallVec<[FastInput; 4]>,
}

impl FastGroups {
    /// The compiled form of a grouping by `keys` computing `aggregates`, if every part of it
    /// has one.
    pub fn compile(keys: &[(Bound, DataType)], aggregates: &[AggCall]) -> Option<FastGroups> {
        let keys = keys
            .iter()
            .map(|(b, t)| if t.is_integer() { compile(b) } else { None })
            .collect::<Option<Vec<_>>>()?;
        let aggs = aggregates
            .iter()
            .map(|a| {
                let plain = !a.distinct
                    && a.more.is_empty()
                    && a.order_by.is_empty()
                    && a.user.is_none()
                    && !matches!(a.kind, AggKind::Collect(_));
                if !plain {
                    return None;
                }
                let arg = match &a.arg {
                    Some(b) => Some(compile(b)?),
                    None => None,
                };
                let filter = match &a.filter {
                    Some(b) => Some(compile(b)?),
                    None => None,
                };
                Some(FastAgg { arg, filter })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FastGroups {
            keys,
            aggs,
            index: FxHashMap::default(),
            key: IntKey::new(),
            inputs: SmallVec::new(),
        })
    }

    /// Evaluates one row's key and inputs; false when the fast path cannot tell.
    #[inline]
    pub fn evaluate<C: Cells + ?Sized>(&mut self, row: &C) -> bool {
        self.key.clear();
        for k in &self.keys {
            match operand(k, row) {
                Some(Scalar::Int(i)) => self.key.push(Some(i)),
                Some(Scalar::Null) => self.key.push(None),
                _ => return false,
            }
        }
        self.inputs.clear();
        for a in &self.aggs {
            if let Some(f) = &a.filter {
                match operand(f, row) {
                    Some(Scalar::Bool(true)) => {}
                    Some(_) => {
                        self.inputs.push(FastInput::Skip);
                        continue;
                    }
                    None => return false,
                }
            }
            let v = match &a.arg {
                Some(n) => match operand(n, row) {
                    Some(s) => s,
                    None => return false,
                },
                None => Scalar::Bool(true),
            };
            self.inputs.push(FastInput::Value(v));
        }
        true
    }

    /// The group of the key last evaluated, if one was recorded (`first` when there are no
    /// keys: the one group, once it exists).
    #[inline]
    pub fn group(&self, first: Option<usize>) -> Option<usize> {
        match self.keys.is_empty() {
            true => first,
            false => self.index.get(&self.key).copied(),
        }
    }

    /// The inputs of the row last evaluated, one per aggregate.
    pub fn inputs(&self) -> &[FastInput] {
        &self.inputs
    }

    /// Records that the group of `key` (as the general path computed it) is group `index`.
    pub fn record(&mut self, key: &[Value], index: usize) {
        if self.keys.is_empty() {
            return;
        }
        let key: Option<IntKey> = key
            .iter()
            .map(|v| match v {
                Value::Int(i) => Some(Some(*i)),
                Value::Null => Some(None),
                _ => None,
            })
            .collect();
        if let Some(key) = key {
            self.index.insert(key, index);
        }
    }
}
