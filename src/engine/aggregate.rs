//! Grouping and aggregates: rows are fed one at a time into their group's accumulators, so a
//! `count(*)` over a million rows holds one group, not the rows.

use std::cmp::Ordering;

use indexmap::{IndexMap, IndexSet};
use rust_decimal::Decimal;
use rustc_hash::FxBuildHasher;

use crate::engine::calls::{AggCall, AggKind};
use crate::engine::eval::eval;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::fastexpr::{Cells, Scalar};
use crate::engine::fastgroup::{FastGroups, FastInput};
use crate::engine::groupplan::{self, RelEstimate, Strategy};
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::Result;
use crate::sql::ast::{BinaryOp, Expr};

/// One aggregate's running state for one group.
#[derive(Clone)]
enum Acc {
    /// count(*) and count(x): rows counted.
    Count(i64),
    /// min / max: the best value so far.
    Best(Option<Value>),
    /// sum / avg: the running sum (in the accumulating type) and how many values it holds.
    Sum(Option<Value>, i64),
    /// sum / avg of integers: the exact running sum while it stays far inside numeric's range
    /// (then it goes on as `Sum`), and how many values it holds.
    IntSum(i128, i64),
    /// DISTINCT: the distinct non-NULL values, aggregated at the end.
    Distinct(IndexSet<Value>),
    /// A collecting aggregate (`aggcollect.rs`): each input's arguments and ORDER BY keys.
    Collect(Vec<Vec<Value>>),
}

/// The type sum and avg accumulate in: double for floats, numeric otherwise.
fn sum_type(a: &AggCall) -> DataType {
    match &a.arg_type {
        DataType::Real | DataType::Double => DataType::Double,
        _ => DataType::Numeric(None),
    }
}

impl Acc {
    fn new(a: &AggCall) -> Acc {
        if matches!(a.kind, AggKind::Collect(_)) {
            return Acc::Collect(Vec::new());
        }
        if a.distinct {
            return Acc::Distinct(IndexSet::new());
        }
        match a.kind {
            AggKind::CountStar | AggKind::Count => Acc::Count(0),
            AggKind::Min | AggKind::Max => Acc::Best(None),
            AggKind::Sum | AggKind::Avg if a.arg_type.is_integer() => Acc::IntSum(0, 0),
            AggKind::Sum | AggKind::Avg => Acc::Sum(None, 0),
            AggKind::Collect(_) => Acc::Collect(Vec::new()),
        }
    }

    /// An integer sum as the numeric one it stands for.
    fn int_sum_as_numeric(sum: i128, n: i64) -> Acc {
        match n {
            0 => Acc::Sum(None, 0),
            // Within numeric's range: `add` switches before the sum leaves 2^95.
            _ => Acc::Sum(Decimal::try_from_i128_with_scale(sum, 0).ok().map(Value::Numeric), n),
        }
    }

    /// Adds one input (its arguments, then its ORDER BY keys).
    fn add_input(&mut self, a: &AggCall, mut input: Vec<Value>) -> Result<()> {
        if let Acc::Collect(rows) = self {
            rows.push(input);
            return Ok(());
        }
        let v = if input.is_empty() { Value::Null } else { input.swap_remove(0) };
        self.add(a, v)
    }

    fn add(&mut self, a: &AggCall, v: Value) -> Result<()> {
        if v.is_null() && a.kind != AggKind::CountStar {
            return Ok(());
        }
        match self {
            Acc::IntSum(sum, n) => match v {
                Value::Int(x) if sum.unsigned_abs() < 1 << 95 => {
                    *sum += i128::from(x);
                    *n += 1;
                }
                v => {
                    *self = Acc::int_sum_as_numeric(*sum, *n);
                    return self.add(a, v);
                }
            },
            Acc::Count(n) => *n += 1,
            Acc::Best(best) => {
                let want = if a.kind == AggKind::Min { Ordering::Less } else { Ordering::Greater };
                let better = |b| crate::engine::array_order::compare_as(&v, b, &a.arg_type);
                if best.as_ref().is_none_or(|b| better(b) == Some(want)) {
                    *best = Some(v);
                }
            }
            Acc::Sum(acc, n) => {
                let ty = sum_type(a);
                let v = cast(v, &a.arg_type, &ty, false)?;
                *acc = Some(match acc.take() {
                    None => v,
                    Some(s) => ops::eval_binary(BinaryOp::Plus, &s, &ty, &v, &ty)?,
                });
                *n += 1;
            }
            Acc::Distinct(set) => {
                set.insert(v);
            }
            Acc::Collect(rows) => rows.push(vec![v]),
        }
        Ok(())
    }

    fn finish(self, a: &AggCall) -> Result<Value> {
        Ok(match self {
            Acc::IntSum(sum, n) => Acc::int_sum_as_numeric(sum, n).finish(a)?,
            Acc::Count(n) => Value::Int(n),
            Acc::Best(best) => best.unwrap_or(Value::Null),
            Acc::Sum(None, _) => Value::Null,
            Acc::Sum(Some(sum), n) => {
                let ty = sum_type(a);
                if a.kind == AggKind::Avg {
                    let n = cast(Value::Int(n), &DataType::BigInt, &ty, false)?;
                    ops::eval_binary(BinaryOp::Divide, &sum, &ty, &n, &ty)?
                } else {
                    let out = match &a.arg_type {
                        DataType::SmallInt | DataType::Integer => DataType::BigInt,
                        other => other.base(),
                    };
                    cast(sum, &ty, &out, false)?
                }
            }
            Acc::Distinct(set) => {
                let plain = AggCall { distinct: false, ..a.clone() };
                let mut acc = Acc::new(&plain);
                for v in set {
                    acc.add(&plain, v)?;
                }
                acc.finish(&plain)?
            }
            Acc::Collect(rows) => match a.kind {
                AggKind::Collect(c) => crate::engine::aggcollect::fold(
                    c,
                    a,
                    &crate::engine::aggcollect::arrange(a, rows),
                )?,
                _ => Value::Null,
            },
        })
    }
}

/// One aggregate's running state, for window frames (`window.rs`).
#[derive(Clone)]
pub struct AggState(Acc);

impl AggState {
    /// The state of no rows.
    pub fn new(a: &AggCall) -> AggState {
        AggState(Acc::new(a))
    }

    /// Adds one input made by `input`.
    pub fn add(&mut self, a: &AggCall, input: Vec<Value>) -> Result<()> {
        self.0.add_input(a, input)
    }

    /// The aggregate's value over the inputs added so far.
    pub fn result(&self, a: &AggCall) -> Result<Value> {
        self.0.clone().finish(a)
    }
}

/// The first argument `a` takes from one row (`true` for count(*)), or None when its FILTER
/// rejects the row.
fn argument(
    a: &AggCall,
    row: &[Value],
    aggs: &[Value],
    ctx: &EvalContext,
) -> Result<Option<Value>> {
    if let Some(f) = &a.filter
        && crate::engine::eval::truth(&eval(f, row, aggs, ctx)?) != Some(true)
    {
        return Ok(None);
    }
    Ok(Some(match &a.arg {
        Some(Bound::Column(c)) => row.get(*c).cloned().unwrap_or(Value::Null),
        Some(b) => eval(b, row, aggs, ctx)?,
        None => Value::Bool(true),
    }))
}

/// The input `a` takes from one row (its arguments, then its ORDER BY keys), or None when its
/// FILTER rejects the row.
pub fn input(
    a: &AggCall,
    row: &[Value],
    aggs: &[Value],
    ctx: &EvalContext,
) -> Result<Option<Vec<Value>>> {
    let Some(first) = argument(a, row, aggs, ctx)? else { return Ok(None) };
    let mut out = Vec::with_capacity(1 + a.more.len() + a.order_by.len());
    out.push(first);
    if matches!(a.kind, AggKind::Collect(_)) {
        for (b, _) in &a.more {
            out.push(eval(b, row, aggs, ctx)?);
        }
        for k in &a.order_by {
            out.push(eval(&k.key, row, aggs, ctx)?);
        }
    }
    Ok(Some(out))
}

/// What one aggregate takes from one row.
enum Input {
    /// Nothing: its FILTER rejects the row.
    Skip,
    /// The argument of a plain aggregate (`true` for count(*)).
    One(Value),
    /// A collecting aggregate's arguments and ORDER BY keys.
    Many(Vec<Value>),
}

impl Input {
    fn of(a: &AggCall, row: &[Value], ctx: &EvalContext) -> Result<Input> {
        if matches!(a.kind, AggKind::Collect(_)) {
            return Ok(input(a, row, &[], ctx)?.map_or(Input::Skip, Input::Many));
        }
        Ok(argument(a, row, &[], ctx)?.map_or(Input::Skip, Input::One))
    }
}

/// The groups of a grouped query, filled one row at a time.
pub struct Grouper<'a> {
    keys: Vec<(Bound, DataType)>,
    aggregates: &'a [AggCall],
    /// Per group key: the group's first row and its accumulators.
    groups: IndexMap<Vec<Value>, (Vec<Value>, Vec<Acc>), FxBuildHasher>,
    /// The current row's group key and aggregate inputs (kept to reuse their room).
    key: Vec<Value>,
    inputs: Vec<Input>,
    /// The groups of the rows, in the order they came (HashAggregate's table is built so):
    /// each group's first row, and the first row of an existing group after it (an insert
    /// that may grow the table); later repeats change nothing, so a count over millions of
    /// rows keeps a few entries, not one a row.
    row_groups: Vec<usize>,
    /// True when the last row recorded in `row_groups` started a group.
    after_new: bool,
    /// Columns of the input rows (a group of no rows shows NULLs).
    width: usize,
    /// Each input row's group, in arrival order, kept when an aggregate collects its inputs
    /// under GROUP BY: a sorted plan's Sort decides the order those inputs come in
    /// (`groupsort.rs`), and each collected input carries its row's place here.
    arrivals: Option<Vec<u32>>,
    /// The keys and aggregates compiled, when they all are integer expressions.
    fast: Option<FastGroups>,
}

impl<'a> Grouper<'a> {
    /// Binds the GROUP BY expressions against `scope`.
    pub fn new(group_by: &[Expr], scope: &Scope, aggregates: &'a [AggCall]) -> Result<Self> {
        let mut keys = Vec::new();
        for g in group_by {
            keys.push(Binder::for_clause("GROUP BY").bind(g, scope)?);
        }
        let width = scope.columns.len();
        // A collecting aggregate is never compiled: every row then comes through push_ref.
        let collects = aggregates.iter().any(|a| matches!(a.kind, AggKind::Collect(_)));
        let arrivals = (!keys.is_empty() && collects).then(Vec::new);
        let fast = FastGroups::compile(&keys, aggregates);
        Ok(Grouper {
            fast,
            keys,
            aggregates,
            groups: IndexMap::default(),
            key: Vec::new(),
            inputs: Vec::new(),
            row_groups: Vec::new(),
            after_new: false,
            width,
            arrivals,
        })
    }

    /// The expressions evaluated for each row: the GROUP BY keys, the aggregates' inputs.
    pub fn exprs(&self) -> impl Iterator<Item = &Bound> {
        let aggregates = self.aggregates.iter().flat_map(crate::engine::colscan::aggregate_exprs);
        self.keys.iter().map(|(b, _)| b).chain(aggregates)
    }

    /// True when every aggregate is a plain `count(*)` and there is no GROUP BY: the result
    /// depends on how many rows come, not on what they hold.
    pub fn counts_only(&self) -> bool {
        self.keys.is_empty()
            && self.aggregates.iter().all(|a| {
                a.kind == AggKind::CountStar
                    && a.filter.is_none()
                    && !a.distinct
                    && a.order_by.is_empty()
            })
    }

    /// Adds `n` copies of `row` when [`Self::counts_only`] holds, as `n` calls of
    /// [`Self::push_ref`] would (the group's first row and its first repeat recorded, then the
    /// counts raised).
    pub fn push_counted(&mut self, row: &[Value], n: usize, ctx: &EvalContext) -> Result<()> {
        for _ in 0..n.min(2) {
            self.push_ref(row, ctx)?;
        }
        let more = i64::try_from(n.saturating_sub(2)).unwrap_or(i64::MAX);
        if let Some((_, (_, accs))) = self.groups.get_index_mut(0) {
            for acc in accs.iter_mut() {
                if let Acc::Count(c) = acc {
                    *c += more;
                }
            }
        }
        Ok(())
    }

    /// Adds one input row to its group.
    pub fn push(&mut self, row: Vec<Value>, ctx: &EvalContext) -> Result<()> {
        self.push_ref(&row, ctx)
    }

    /// Adds one row to its group through the compiled keys and aggregates, reading its columns
    /// from `cells` (a heap slot or a row): false, with nothing changed, when the fast path
    /// cannot (a new group, a value it does not handle) and the row must go to
    /// [`Self::push_ref`].
    #[inline]
    pub fn push_fast<C: Cells + ?Sized>(&mut self, cells: &C) -> Result<bool> {
        let Some(fast) = &mut self.fast else { return Ok(false) };
        if !fast.evaluate(cells) {
            return Ok(false);
        }
        let first = (!self.groups.is_empty()).then_some(0);
        let Some(index) = fast.group(first) else { return Ok(false) };
        if std::mem::take(&mut self.after_new) {
            self.row_groups.push(index);
        }
        let Some((_, (_, accs))) = self.groups.get_index_mut(index) else { return Ok(true) };
        for ((acc, a), input) in accs.iter_mut().zip(self.aggregates).zip(fast.inputs()) {
            match (acc, *input) {
                (_, FastInput::Skip) => {}
                (_, FastInput::Value(Scalar::Null)) if a.kind != AggKind::CountStar => {}
                (Acc::Count(n), _) => *n += 1,
                (Acc::IntSum(sum, n), FastInput::Value(Scalar::Int(x)))
                    if sum.unsigned_abs() < 1 << 95 =>
                {
                    *sum += i128::from(x);
                    *n += 1;
                }
                (acc, FastInput::Value(s)) => acc.add(a, s.value())?,
            }
        }
        Ok(true)
    }

    /// Adds one input row to its group, copying it only when it starts one.
    pub fn push_ref(&mut self, row: &[Value], ctx: &EvalContext) -> Result<()> {
        if self.push_fast(row)? {
            return Ok(());
        }
        self.key.clear();
        for (k, _) in &self.keys {
            self.key.push(eval(k, row, &[], ctx)?);
        }
        self.inputs.clear();
        for a in self.aggregates {
            self.inputs.push(Input::of(a, row, ctx)?);
        }
        // Without GROUP BY there is one group, found without hashing its empty key.
        let found = match self.keys.is_empty() && !self.groups.is_empty() {
            true => Some(0),
            false => self.groups.get_index_of(&self.key[..]),
        };
        let (index, new) = match found {
            Some(i) => (i, false),
            None => {
                let accs = self.aggregates.iter().map(Acc::new).collect();
                let index = self.groups.insert_full(self.key.clone(), (row.to_vec(), accs)).0;
                if let Some(fast) = &mut self.fast {
                    fast.record(&self.key, index);
                }
                (index, true)
            }
        };
        if new || std::mem::take(&mut self.after_new) {
            self.row_groups.push(index);
        }
        self.after_new |= new;
        let place = self.arrivals.as_mut().map(|all| {
            all.push(index as u32);
            Value::Int(all.len() as i64 - 1)
        });
        let Some((_, (_, accs))) = self.groups.get_index_mut(index) else { return Ok(()) };
        for ((acc, a), v) in accs.iter_mut().zip(self.aggregates).zip(self.inputs.drain(..)) {
            match v {
                Input::Skip => {}
                Input::One(v) => acc.add(a, v)?,
                Input::Many(mut v) => {
                    v.extend(place.clone());
                    acc.add_input(a, v)?
                }
            }
        }
        Ok(())
    }

    /// Each group's first row and aggregate results, in the order PostgreSQL's plan for the
    /// grouping produces them.
    pub fn finish(
        mut self,
        plan: Option<(&RelEstimate, Option<f64>)>,
    ) -> Result<Vec<(Vec<Value>, Vec<Value>)>> {
        if self.groups.is_empty() && self.keys.is_empty() {
            let accs = self.aggregates.iter().map(Acc::new).collect();
            self.groups.insert(Vec::new(), (vec![Value::Null; self.width], accs));
        }
        // The keys the planner groups by: none a table's primary key already decides.
        let kept = match plan {
            Some((r, _)) => r.kept_group_keys(&self.keys),
            None => (0..self.keys.len()).collect(),
        };
        let group_keys: Vec<(Bound, DataType)> =
            kept.iter().filter_map(|&i| self.keys.get(i).cloned()).collect();
        let strategy = groupplan::group_strategy(plan, &group_keys, self.aggregates);
        let types: Vec<DataType> = group_keys.iter().map(|(_, t)| t.clone()).collect();
        let keys: Vec<Vec<Value>> = (self.groups.keys())
            .map(|k| kept.iter().filter_map(|&i| k.get(i).cloned()).collect())
            .collect();
        let order = groupplan::arrange(strategy, &keys, &types, &self.row_groups);
        if let Some(arrivals) = &self.arrivals {
            // Collected inputs in the order the plan feeds them, then without their places.
            let rank = (strategy == Strategy::Sorted)
                .then(|| crate::engine::groupsort::sorted_ranks(arrivals, &keys));
            for (_, accs) in self.groups.values_mut() {
                for acc in accs.iter_mut() {
                    if let Acc::Collect(rows) = acc {
                        crate::engine::groupsort::reorder(rows, rank.as_deref());
                    }
                }
            }
        }
        let mut slots: Vec<Option<(Vec<Value>, Vec<Acc>)>> =
            self.groups.into_values().map(Some).collect();
        let mut out = Vec::new();
        for (first, accs) in
            order.into_iter().filter_map(|g| slots.get_mut(g).and_then(Option::take))
        {
            let mut results = Vec::with_capacity(accs.len());
            for (acc, a) in accs.into_iter().zip(self.aggregates) {
                results.push(acc.finish(a)?);
            }
            out.push((first, results));
        }
        Ok(out)
    }
}
