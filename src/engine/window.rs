//! Window functions, binding side: `f(...) OVER (PARTITION BY ... ORDER BY ... frame)` and the
//! FILTER / ORDER BY clauses of aggregate calls, with PostgreSQL's errors for where they may
//! not appear. `winexec.rs` computes them.

use crate::engine::aggcollect::{Collector, SortKey};
use crate::engine::calls::{AggCall, AggKind, Call, aggregate_call};
use crate::engine::expr::{Binder, Bound, Scope, coerce};
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{CallClauses, Expr, FrameBound, FrameUnits, OrderBy};

/// Window results are bound as `Bound::Agg(WINDOW_BASE + k)` until `renumber` moves them
/// after the query's aggregates.
pub const WINDOW_BASE: usize = 1 << 40;

/// The window functions PostgreSQL has (besides aggregates used as windows).
const WINDOW_FUNCTIONS: &[&str] = &[
    "cume_dist",
    "dense_rank",
    "first_value",
    "lag",
    "last_value",
    "lead",
    "nth_value",
    "ntile",
    "percent_rank",
    "rank",
    "row_number",
];

/// Whether `name` is a window function (not an aggregate).
pub fn is_window_function(name: &str) -> bool {
    WINDOW_FUNCTIONS.contains(&name)
}

/// What a window call computes.
#[derive(Debug, Clone, PartialEq)]
pub enum WinFunc {
    /// row_number()
    RowNumber,
    /// rank()
    Rank,
    /// dense_rank()
    DenseRank,
    /// percent_rank()
    PercentRank,
    /// cume_dist()
    CumeDist,
    /// ntile(n)
    Ntile,
    /// lag(x [, offset [, default]])
    Lag,
    /// lead(x [, offset [, default]])
    Lead,
    /// first_value(x)
    FirstValue,
    /// last_value(x)
    LastValue,
    /// nth_value(x, n)
    NthValue,
    /// An aggregate over the frame.
    Agg(Box<AggCall>),
}

/// One end of a bound frame.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameEdge {
    /// UNBOUNDED PRECEDING
    UnboundedPreceding,
    /// `n PRECEDING` (the offset and its type)
    Preceding(Bound),
    /// CURRENT ROW
    CurrentRow,
    /// `n FOLLOWING`
    Following(Bound),
    /// UNBOUNDED FOLLOWING
    UnboundedFollowing,
}

/// A bound frame clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// ROWS, RANGE or GROUPS.
    pub units: FrameUnits,
    /// Start.
    pub start: FrameEdge,
    /// End.
    pub end: FrameEdge,
}

impl Default for Frame {
    fn default() -> Self {
        Frame {
            units: FrameUnits::Range,
            start: FrameEdge::UnboundedPreceding,
            end: FrameEdge::CurrentRow,
        }
    }
}

/// A bound window function call.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowCall {
    /// The function.
    pub func: WinFunc,
    /// Its arguments (non-aggregate functions), coerced.
    pub args: Vec<Bound>,
    /// PARTITION BY keys.
    pub partition: Vec<Bound>,
    /// ORDER BY keys.
    pub order: Vec<SortKey>,
    /// The frame.
    pub frame: Frame,
    /// Written `OVER w`: w's place in the WINDOW clause.
    pub named: Option<usize>,
}

/// Binds a call with clauses (`Expr::Call`).
pub fn bind_call(b: &mut Binder, c: &CallClauses, scope: &Scope) -> Result<(Bound, DataType)> {
    let Expr::Function { schema, name, args, star, distinct, pos } = &c.call else {
        return Err(Error::internal("a call's clauses without a call"));
    };
    if schema.as_deref().is_some_and(|s| s != "pg_catalog") {
        return b.bind(&c.call, scope);
    }
    let call =
        Call { schema: schema.as_deref(), name, star: *star, distinct: *distinct, pos: *pos };
    let kind = match name.as_str() {
        "count" if *star => Some(AggKind::CountStar),
        "count" => Some(AggKind::Count),
        "sum" => Some(AggKind::Sum),
        "min" => Some(AggKind::Min),
        "max" => Some(AggKind::Max),
        "avg" => Some(AggKind::Avg),
        crate::engine::user_aggregate::CALL_NAME => Some(AggKind::Collect(Collector::User)),
        other => Collector::named(other).map(AggKind::Collect),
    };
    let user = kind == Some(AggKind::Collect(Collector::User));
    let window = is_window_function(name);
    let refuse = |code: &'static str, m: String| Err(Error::new(code, m).at(*pos));
    if c.over.is_none() {
        let Some(kind) = kind else {
            if window {
                return refuse("42809", format!("window function {name} requires an OVER clause"));
            }
            if c.filter.is_some() {
                return refuse(
                    "42809",
                    format!("FILTER specified, but {name} is not an aggregate function"),
                );
            }
            return refuse(
                "42809",
                format!("ORDER BY specified, but {name} is not an aggregate function"),
            );
        };
        let (bound, ty) = match user {
            true => b.bind_user_aggregate(&call, args, scope)?,
            false => b.bind_aggregate(kind, &call, args, scope)?,
        };
        if let Bound::Agg(i) = bound {
            let (filter, order_by) = clauses_of(b, c, scope)?;
            if let Some(a) = b.aggregates.as_mut().and_then(|l| l.get_mut(i)) {
                if a.distinct
                    && let Some((o, _)) = c.order_by.iter().zip(&order_by).find(|(_, k)| {
                        a.arg.as_ref() != Some(&k.key) && !a.more.iter().any(|m| m.0 == k.key)
                    })
                {
                    return Err(Error::new(
                        "42P10",
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                    )
                    .at(crate::engine::expr::leftmost_pos(&o.expr)));
                }
                a.filter = filter;
                a.order_by = order_by;
            }
        }
        return Ok((bound, ty));
    }
    if kind.is_none() && !window {
        return refuse(
            "42809",
            format!(
                "OVER specified, but {name} is not a window function nor an aggregate function"
            ),
        );
    }
    if user {
        return refuse(
            "0A000",
            "user-defined aggregates as window functions are not supported by fksim".into(),
        );
    }
    if window && c.filter.is_some() {
        return refuse(
            "0A000",
            "FILTER is not implemented for non-aggregate window functions".into(),
        );
    }
    if !c.order_by.is_empty() {
        return refuse(
            "0A000",
            "aggregate ORDER BY is not implemented for window functions".into(),
        );
    }
    if *distinct {
        return refuse("0A000", "DISTINCT is not implemented for window functions".into());
    }
    let Some(mut windows) = b.windows.take() else {
        let message = if b.in_aggregate {
            return refuse(
                "42803",
                "aggregate function calls cannot contain window function calls".into(),
            );
        } else if b.clause == NESTED {
            "window function calls cannot be nested".to_string()
        } else if b.clause.is_empty() {
            "window functions are not allowed in this context".to_string()
        } else {
            format!("window functions are not allowed in {}", b.clause)
        };
        return refuse("42P20", message);
    };
    let out = bind_window(b, c, &call, kind, args, scope);
    if let Ok((w, _)) = &out {
        windows.push(w.clone());
    }
    let k = windows.len().saturating_sub(1);
    b.windows = Some(windows);
    let (_, ty) = out?;
    Ok((Bound::Agg(WINDOW_BASE + k), ty))
}

/// The clause name that makes nested window calls PostgreSQL's "cannot be nested" error.
const NESTED: &str = " window function arguments";

/// FILTER and ORDER BY of an aggregate call, bound as its arguments are.
fn clauses_of(
    b: &mut Binder,
    c: &CallClauses,
    scope: &Scope,
) -> Result<(Option<Bound>, Vec<SortKey>)> {
    let mut inner = Binder {
        aggregates: None,
        srfs: None,
        clause: b.clause,
        in_aggregate: true,
        subplans: None,
        windows: None,
    };
    let filter = match &c.filter {
        Some(f) => {
            let mut plain = Binder { in_aggregate: false, clause: "FILTER", ..inner };
            let out = plain.bind_condition(f, scope, "FILTER")?;
            inner = Binder { in_aggregate: true, clause: b.clause, ..plain };
            Some(out)
        }
        None => None,
    };
    let order_by = sort_keys(&mut inner, &c.order_by, scope)?;
    Ok((filter, order_by.into_iter().map(|(k, _)| k).collect()))
}

/// Binds ORDER BY items as sort keys.
fn sort_keys(b: &mut Binder, items: &[OrderBy], scope: &Scope) -> Result<Vec<(SortKey, DataType)>> {
    let mut out = Vec::new();
    for o in items {
        let (key, ty) = b.bind(&o.expr, scope)?;
        let (key, ty) = if ty == DataType::Unknown {
            coerce(key, ty, &DataType::Text, None)?
        } else {
            (crate::engine::array_order::sortable(key, &ty)?, ty)
        };
        out.push((SortKey { key, desc: o.desc, nulls_first: o.nulls_first.unwrap_or(o.desc) }, ty));
    }
    Ok(out)
}

/// Binds a window call's function, arguments, partition, order and frame.
fn bind_window(
    b: &mut Binder,
    c: &CallClauses,
    call: &Call<'_>,
    kind: Option<AggKind>,
    args: &[Expr],
    scope: &Scope,
) -> Result<(WindowCall, DataType)> {
    let Some(spec) = &c.over else { return Err(Error::internal("a window call without OVER")) };
    let outer = std::mem::replace(&mut b.clause, NESTED);
    let bound: Result<Vec<(Bound, DataType)>> = args.iter().map(|a| b.bind(a, scope)).collect();
    let filter = match (&c.filter, bound.is_ok()) {
        (Some(f), true) => Some(b.bind_condition(f, scope, "FILTER")),
        _ => None,
    };
    b.clause = "window definitions";
    let keys = (|| -> Result<_> {
        let mut partition = Vec::new();
        for p in &spec.partition_by {
            partition.push(b.bind(p, scope)?.0);
        }
        Ok((partition, sort_keys(b, &spec.order_by, scope)?))
    })();
    b.clause = outer;
    let mut bound = bound?;
    let filter = filter.transpose()?;
    let (partition, order) = keys?;
    let (func, ty, args) = match kind {
        Some(kind) => {
            let (mut a, ty) = aggregate_call(kind, call, bound)?;
            a.filter = filter;
            (WinFunc::Agg(Box::new(a)), ty, Vec::new())
        }
        None => window_function(call, &mut bound)?,
    };
    let frame = frame_of(spec.frame.as_ref(), &order, scope, b)?;
    let order = order.into_iter().map(|(k, _)| k).collect();
    Ok((WindowCall { func, args, partition, order, frame, named: spec.named }, ty))
}

/// A non-aggregate window function: what it is, its type and its coerced arguments.
fn window_function(
    call: &Call<'_>,
    bound: &mut [(Bound, DataType)],
) -> Result<(WinFunc, DataType, Vec<Bound>)> {
    let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
    let no_such = || crate::engine::builtins::no_matching_function(call.name, &types, call.pos);
    let int = |a: &mut (Bound, DataType)| -> Result<()> {
        if a.1 == DataType::Unknown || a.1.is_integer() {
            *a = coerce(a.0.clone(), a.1.clone(), &DataType::Integer, None)?;
            Ok(())
        } else {
            Err(no_such())
        }
    };
    let text = |a: &mut (Bound, DataType)| -> Result<()> {
        if a.1 == DataType::Unknown {
            *a = coerce(a.0.clone(), a.1.clone(), &DataType::Text, None)?;
        }
        Ok(())
    };
    let (func, ty) = match (call.name, &mut *bound) {
        ("row_number", []) => (WinFunc::RowNumber, DataType::BigInt),
        ("rank", []) => (WinFunc::Rank, DataType::BigInt),
        ("dense_rank", []) => (WinFunc::DenseRank, DataType::BigInt),
        ("percent_rank", []) => (WinFunc::PercentRank, DataType::Double),
        ("cume_dist", []) => (WinFunc::CumeDist, DataType::Double),
        ("ntile", [n]) => {
            int(n)?;
            (WinFunc::Ntile, DataType::Integer)
        }
        ("lag" | "lead", [x, rest @ ..]) if rest.len() <= 2 => {
            let f = if call.name == "lag" { WinFunc::Lag } else { WinFunc::Lead };
            if let [off, ..] = rest {
                int(off)?;
            }
            let ty = match rest {
                [_, d] => {
                    let t = ops::common_type(call.name, &[x.1.clone(), d.1.clone()])?;
                    let t = if t == DataType::Unknown { DataType::Text } else { t };
                    *d = coerce(d.0.clone(), d.1.clone(), &t, None)?;
                    *x = coerce(x.0.clone(), x.1.clone(), &t, None)?;
                    t
                }
                _ => {
                    text(x)?;
                    x.1.clone()
                }
            };
            (f, ty)
        }
        ("first_value", [x]) | ("last_value", [x]) => {
            text(x)?;
            let f =
                if call.name == "first_value" { WinFunc::FirstValue } else { WinFunc::LastValue };
            (f, x.1.clone())
        }
        ("nth_value", [x, n]) => {
            text(x)?;
            int(n)?;
            (WinFunc::NthValue, x.1.clone())
        }
        _ => return Err(no_such()),
    };
    Ok((func, ty.base(), bound.iter().map(|b| b.0.clone()).collect()))
}

/// Binds a frame clause (the default when none is written), with PostgreSQL's checks.
fn frame_of(
    frame: Option<&crate::sql::ast::WindowFrame>,
    order: &[(SortKey, DataType)],
    scope: &Scope,
    b: &mut Binder,
) -> Result<Frame> {
    let Some(f) = frame else { return Ok(Frame::default()) };
    let (start_pos, end_pos) = f.pos;
    let at = |code: &'static str, m: &'static str, p| Err(Error::new(code, m).at(p));
    match (&f.start, &f.end) {
        (FrameBound::UnboundedFollowing, _) => {
            return at("42P20", "frame start cannot be UNBOUNDED FOLLOWING", start_pos);
        }
        (_, FrameBound::UnboundedPreceding) => {
            return at("42P20", "frame end cannot be UNBOUNDED PRECEDING", end_pos);
        }
        (FrameBound::CurrentRow, FrameBound::Preceding(_)) => {
            return at(
                "42P20",
                "frame starting from current row cannot have preceding rows",
                end_pos,
            );
        }
        (FrameBound::Following(_), FrameBound::Preceding(_) | FrameBound::CurrentRow) => {
            return at(
                "42P20",
                "frame starting from following row cannot have preceding rows",
                end_pos,
            );
        }
        _ => {}
    }
    let offset_pos = match f.start {
        FrameBound::Preceding(_) | FrameBound::Following(_) => start_pos,
        _ => end_pos,
    };
    let offset_type = match f.units {
        FrameUnits::Rows | FrameUnits::Groups => {
            if f.units == FrameUnits::Groups && order.is_empty() {
                return at("42P20", "GROUPS mode requires an ORDER BY clause", f.window_pos);
            }
            DataType::BigInt
        }
        FrameUnits::Range => {
            let has_offset = matches!(f.start, FrameBound::Preceding(_) | FrameBound::Following(_))
                || matches!(f.end, FrameBound::Preceding(_) | FrameBound::Following(_));
            if has_offset {
                match order {
                    [(_, t)] if t.is_numeric() => t.base(),
                    [(_, t)]
                        if matches!(
                            t.base(),
                            DataType::Date
                                | DataType::Timestamp
                                | DataType::Timestamptz
                                | DataType::Interval
                        ) =>
                    {
                        return Err(Error::unsupported(
                            "RANGE with offset PRECEDING/FOLLOWING over dates and times is not supported by fksim",
                        )
                        .at(offset_pos));
                    }
                    [(_, t)] => {
                        return Err(Error::unsupported(format!(
                            "RANGE with offset PRECEDING/FOLLOWING is not supported for column type {}",
                            crate::engine::value::type_name(t)
                        ))
                        .at(offset_pos));
                    }
                    _ => {
                        return at(
                            "42P20",
                            "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                            f.window_pos,
                        );
                    }
                }
            } else {
                DataType::BigInt
            }
        }
    };
    let edge = |e: &FrameBound| -> Result<FrameEdge> {
        let offset = |x: &Expr| -> Result<Bound> {
            let mut inner = Binder::for_clause("window frame");
            inner.in_aggregate = b.in_aggregate;
            let (v, t) = inner.bind(x, scope)?;
            Ok(coerce(v, t, &offset_type, None)?.0)
        };
        Ok(match e {
            FrameBound::UnboundedPreceding => FrameEdge::UnboundedPreceding,
            FrameBound::UnboundedFollowing => FrameEdge::UnboundedFollowing,
            FrameBound::CurrentRow => FrameEdge::CurrentRow,
            FrameBound::Preceding(x) => FrameEdge::Preceding(offset(x)?),
            FrameBound::Following(x) => FrameEdge::Following(offset(x)?),
        })
    };
    Ok(Frame { units: f.units, start: edge(&f.start)?, end: edge(&f.end)? })
}

/// Moves window results bound as `Agg(WINDOW_BASE + k)` to `Agg(aggregates + k)`.
pub fn renumber(b: &mut Bound, aggregates: usize) {
    let r = |x: &mut Bound| renumber(x, aggregates);
    match b {
        Bound::Agg(i) if *i >= WINDOW_BASE => *i = *i - WINDOW_BASE + aggregates,
        Bound::Const(_)
        | Bound::Literal(..)
        | Bound::Column(_)
        | Bound::Agg(_)
        | Bound::SubPlan(_) => {}
        Bound::Unary(_, x, _)
        | Bound::IsNull(x, _)
        | Bound::IsBool(x, _, _)
        | Bound::Cast(x, _, _) => r(x),
        Bound::Binary(_, x, _, y, _, _)
        | Bound::And(x, y)
        | Bound::Or(x, y)
        | Bound::IsDistinct(x, y, _) => {
            r(x);
            r(y);
        }
        Bound::InList(x, list, _) => {
            r(x);
            list.iter_mut().for_each(r);
        }
        Bound::Case(whens, other) => {
            for (w, t) in whens {
                r(w);
                r(t);
            }
            if let Some(o) = other {
                r(o);
            }
        }
        Bound::Func(_, args, _) => args.iter_mut().for_each(r),
    }
}

/// Whether a select list or ORDER BY has a window call (such queries are not streamed).
pub fn has_window<'a>(mut exprs: impl Iterator<Item = &'a Expr>) -> bool {
    exprs.any(|e| {
        let mut found = false;
        let mut e = e.clone();
        let _ = crate::sql::walk::expr(&mut e, &mut |x| {
            if let Expr::Call(c) = x
                && c.over.is_some()
            {
                found = true;
            }
            Ok(found)
        });
        found
    })
}

/// After a select list and its ORDER BY are bound: the window calls found, their results
/// renumbered after the aggregates in every bound expression, and the ORDER BY expressions
/// (which number sort keys first when PostgreSQL stacks windows).
pub(crate) fn take_windows(
    binder: &mut Binder,
    aggregates: usize,
    list: &mut [(String, Bound, DataType)],
    order: &mut [crate::engine::order::OrderKey],
    distinct_on: &mut [crate::engine::order::OrderKey],
) -> (Vec<WindowCall>, Vec<Bound>) {
    use crate::engine::order::OrderKey;
    let windows = binder.windows.take().unwrap_or_default();
    if windows.is_empty() {
        return (windows, Vec::new());
    }
    let refs = order
        .iter()
        .map(|k| match k {
            OrderKey::Output(i) => list
                .get(*i)
                .map_or(Bound::Const(crate::engine::value::Value::Null), |l| l.1.clone()),
            OrderKey::Expr(b) => b.clone(),
        })
        .collect();
    for (_, b, _) in list.iter_mut() {
        renumber(b, aggregates);
    }
    for k in order.iter_mut().chain(distinct_on.iter_mut()) {
        if let OrderKey::Expr(b) = k {
            renumber(b, aggregates);
        }
    }
    (windows, refs)
}
