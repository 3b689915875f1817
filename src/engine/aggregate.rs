//! Grouping and aggregates: rows are fed one at a time into their group's accumulators, so a
//! `count(*)` over a million rows holds one group, not the rows.

use std::cmp::Ordering;

use indexmap::{IndexMap, IndexSet};

use crate::engine::calls::{AggCall, AggKind};
use crate::engine::eval::eval;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::groupplan::{self, RelEstimate};
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, compare};
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
            AggKind::Sum | AggKind::Avg => Acc::Sum(None, 0),
            AggKind::Collect(_) => Acc::Collect(Vec::new()),
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
            Acc::Count(n) => *n += 1,
            Acc::Best(best) => {
                let want = if a.kind == AggKind::Min { Ordering::Less } else { Ordering::Greater };
                if best.as_ref().is_none_or(|b| compare(&v, b) == Some(want)) {
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

/// The input `a` takes from one row (its arguments, then its ORDER BY keys), or None when its
/// FILTER rejects the row.
pub fn input(
    a: &AggCall,
    row: &[Value],
    aggs: &[Value],
    ctx: &EvalContext,
) -> Result<Option<Vec<Value>>> {
    if let Some(f) = &a.filter
        && crate::engine::eval::truth(&eval(f, row, aggs, ctx)?) != Some(true)
    {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(1 + a.more.len() + a.order_by.len());
    out.push(match &a.arg {
        Some(b) => eval(b, row, aggs, ctx)?,
        None => Value::Bool(true),
    });
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

/// The groups of a grouped query, filled one row at a time.
pub struct Grouper<'a> {
    keys: Vec<(Bound, DataType)>,
    aggregates: &'a [AggCall],
    /// Per group key: the group's first row and its accumulators.
    groups: IndexMap<Vec<Value>, (Vec<Value>, Vec<Acc>)>,
    /// The groups of the rows, in the order they came (HashAggregate's table is built so):
    /// each group's first row, and the first row of an existing group after it (an insert
    /// that may grow the table); later repeats change nothing, so a count over millions of
    /// rows keeps a few entries, not one a row.
    row_groups: Vec<usize>,
    /// True when the last row recorded in `row_groups` started a group.
    after_new: bool,
    /// Columns of the input rows (a group of no rows shows NULLs).
    width: usize,
}

impl<'a> Grouper<'a> {
    /// Binds the GROUP BY expressions against `scope`.
    pub fn new(group_by: &[Expr], scope: &Scope, aggregates: &'a [AggCall]) -> Result<Self> {
        let mut keys = Vec::new();
        for g in group_by {
            keys.push(Binder::for_clause("GROUP BY").bind(g, scope)?);
        }
        let width = scope.columns.len();
        Ok(Grouper {
            keys,
            aggregates,
            groups: IndexMap::new(),
            row_groups: Vec::new(),
            after_new: false,
            width,
        })
    }

    /// Adds one input row to its group.
    pub fn push(&mut self, row: Vec<Value>, ctx: &EvalContext) -> Result<()> {
        let mut key = Vec::with_capacity(self.keys.len());
        for (k, _) in &self.keys {
            key.push(eval(k, &row, &[], ctx)?);
        }
        let mut args = Vec::with_capacity(self.aggregates.len());
        for a in self.aggregates {
            args.push(input(a, &row, &[], ctx)?);
        }
        let entry = self.groups.entry(key);
        let new = matches!(entry, indexmap::map::Entry::Vacant(_));
        if new || std::mem::take(&mut self.after_new) {
            self.row_groups.push(entry.index());
        }
        self.after_new |= new;
        let aggregates = self.aggregates;
        let (_, accs) = entry.or_insert_with(|| (row, aggregates.iter().map(Acc::new).collect()));
        for ((acc, a), v) in accs.iter_mut().zip(aggregates).zip(args) {
            if let Some(v) = v {
                acc.add_input(a, v)?;
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
        let strategy = groupplan::group_strategy(plan, &self.keys, self.aggregates);
        let types: Vec<DataType> = self.keys.iter().map(|(_, t)| t.clone()).collect();
        let keys: Vec<Vec<Value>> = self.groups.keys().cloned().collect();
        let order = groupplan::arrange(strategy, &keys, &types, &self.row_groups);
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
