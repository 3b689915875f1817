//! Window functions, executing side: PostgreSQL's WindowAgg. The rows (after grouping and
//! HAVING) are sorted for each distinct window in the order the planner stacks them, each
//! window's values computed per partition, peer group and frame; rows come out in the last
//! sort's order.

use std::cmp::Ordering;

use crate::engine::aggcollect::SortKey;
use crate::engine::aggregate::{AggState, input};
use crate::engine::eval::{eval, truth};
use crate::engine::expr::{Bound, EvalContext};
use crate::engine::order::compare_key;
use crate::engine::pgsort::pg_qsort;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::engine::window::{Frame, FrameEdge, WinFunc, WindowCall};
use crate::error::{Error, Result};
use crate::sql::ast::FrameUnits;

/// A row being windowed: the row, its aggregate results, the window results so far.
struct WinRow {
    row: Vec<Value>,
    aggs: Vec<Value>,
    results: Vec<Value>,
    /// The current window's partition and order key values.
    keys: Vec<Value>,
}

/// The key list of one window's sort: partition keys ascending, then the order keys not
/// already among them.
fn sort_list(w: &WindowCall) -> Vec<SortKey> {
    let mut out: Vec<SortKey> = w
        .partition
        .iter()
        .map(|p| SortKey { key: p.clone(), desc: false, nulls_first: false })
        .collect();
    for o in &w.order {
        if !out.iter().any(|k| k.key == o.key) {
            out.push(o.clone());
        }
    }
    out
}

/// Computes the window calls over `groups` (HAVING applied first): each row's aggregate
/// results get the window results appended, rows in WindowAgg's output order. `order_refs`
/// are the query's ORDER BY expressions (they number sort keys first, as in PostgreSQL).
pub fn apply(
    groups: Vec<(Vec<Value>, Vec<Value>)>,
    windows: &[WindowCall],
    having: Option<&Bound>,
    order_refs: &[Bound],
    ctx: &EvalContext,
) -> Result<Vec<(Vec<Value>, Vec<Value>)>> {
    let mut rows = Vec::with_capacity(groups.len());
    for (row, aggs) in groups {
        ctx.cancel.check()?;
        if let Some(h) = having
            && truth(&eval(h, &row, &aggs, ctx)?) != Some(true)
        {
            continue;
        }
        rows.push(WinRow {
            row,
            aggs,
            results: vec![Value::Null; windows.len()],
            keys: Vec::new(),
        });
    }
    // The distinct windows (same partition, order and frame), in order of appearance.
    let mut clauses: Vec<(Vec<SortKey>, &WindowCall, Vec<usize>)> = Vec::new();
    for (i, w) in windows.iter().enumerate() {
        match clauses.iter_mut().find(|(_, c, _)| {
            c.partition == w.partition
                && c.order == w.order
                && c.frame == w.frame
                && c.named == w.named
        }) {
            Some(c) => c.2.push(i),
            None => clauses.push((sort_list(w), w, vec![i])),
        }
    }
    // PostgreSQL numbers sort expressions by first use (ORDER BY first) and stacks the
    // windows by common_prefix_cmp: longer and "greater" sort lists lower in the plan.
    let mut refs: Vec<Bound> = order_refs.to_vec();
    let mut numbering: Vec<&(Vec<SortKey>, &WindowCall, Vec<usize>)> = clauses.iter().collect();
    numbering.sort_by_key(|(_, w, _)| w.named.unwrap_or(usize::MAX));
    for (list, _, _) in numbering {
        for k in list {
            if !refs.contains(&k.key) {
                refs.push(k.key.clone());
            }
        }
    }
    let reference = |k: &SortKey| refs.iter().position(|r| *r == k.key).unwrap_or(0);
    pg_qsort(&mut clauses, &mut |a, b| {
        for (x, y) in a.0.iter().zip(&b.0) {
            let o = reference(y).cmp(&reference(x));
            let o = o.then((x.desc as u8).cmp(&(y.desc as u8)).reverse());
            let o = o.then((x.nulls_first as u8).cmp(&(y.nulls_first as u8)).reverse());
            if o != Ordering::Equal {
                return o;
            }
        }
        b.0.len().cmp(&a.0.len())
    });
    for (list, w, members) in &clauses {
        for r in &mut rows {
            ctx.cancel.check()?;
            r.keys =
                list.iter().map(|k| eval(&k.key, &r.row, &r.aggs, ctx)).collect::<Result<_>>()?;
        }
        if !list.is_empty() {
            pg_qsort(&mut rows, &mut |a, b| {
                for (i, k) in list.iter().enumerate() {
                    let o = compare_key(&a.keys[i], &b.keys[i], k.desc, k.nulls_first);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
        }
        let parts = w.partition.len();
        let order_at: Vec<usize> =
            w.order.iter().map(|o| list.iter().position(|k| k.key == o.key).unwrap_or(0)).collect();
        let mut start = 0;
        while start < rows.len() {
            let mut end = start + 1;
            while end < rows.len() && rows[end].keys[..parts] == rows[start].keys[..parts] {
                end += 1;
            }
            let part = &mut rows[start..end];
            let peers = peer_groups(part, &order_at);
            for &m in members {
                compute(&windows[m], m, part, &peers, &order_at, ctx)?;
            }
            start = end;
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut aggs = r.aggs;
            aggs.extend(r.results);
            (r.row, aggs)
        })
        .collect())
}

/// The peer group number of each row of a partition (rows equal on every ORDER BY key).
fn peer_groups(part: &[WinRow], order_at: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(part.len());
    let mut g = 0;
    for i in 0..part.len() {
        if i > 0 && order_at.iter().any(|&k| part[i].keys[k] != part[i - 1].keys[k]) {
            g += 1;
        }
        out.push(g);
    }
    out
}

/// Computes window `m` for the rows of one partition.
fn compute(
    w: &WindowCall,
    m: usize,
    part: &mut [WinRow],
    peers: &[usize],
    order_at: &[usize],
    ctx: &EvalContext,
) -> Result<()> {
    let n = part.len();
    // Where each peer group starts and ends.
    let groups = peers.last().map_or(0, |g| g + 1);
    let mut group_start = vec![0; groups];
    let mut group_end = vec![0; groups];
    for (i, &g) in peers.iter().enumerate().rev() {
        group_start[g] = i;
    }
    for (i, &g) in peers.iter().enumerate() {
        group_end[g] = i + 1;
    }
    let arg = |r: &WinRow, i: usize| -> Result<Value> {
        match w.args.get(i) {
            Some(b) => eval(b, &r.row, &r.aggs, ctx),
            None => Ok(Value::Null),
        }
    };
    match &w.func {
        WinFunc::RowNumber => {
            for (i, r) in part.iter_mut().enumerate() {
                r.results[m] = Value::Int(i as i64 + 1);
            }
        }
        WinFunc::Rank | WinFunc::DenseRank | WinFunc::PercentRank | WinFunc::CumeDist => {
            for i in 0..n {
                let g = peers[i];
                part[i].results[m] = match w.func {
                    WinFunc::Rank => Value::Int(group_start[g] as i64 + 1),
                    WinFunc::DenseRank => Value::Int(g as i64 + 1),
                    WinFunc::PercentRank if n > 1 => {
                        Value::Float(group_start[g] as f64 / (n - 1) as f64)
                    }
                    WinFunc::PercentRank => Value::Float(0.0),
                    _ => Value::Float(group_end[g] as f64 / n as f64),
                };
            }
        }
        WinFunc::Ntile => {
            let buckets = match arg(&part[0], 0)? {
                Value::Int(b) if b <= 0 => {
                    return Err(Error::new("2201G", "argument of ntile must be greater than zero"));
                }
                Value::Int(b) => Some(b as usize),
                _ => None,
            };
            for (i, r) in part.iter_mut().enumerate() {
                r.results[m] = match buckets {
                    None => Value::Null,
                    Some(b) => {
                        let (per, extra) = (n / b, n % b);
                        let big = extra * (per + 1);
                        let bucket =
                            if i < big { i / (per + 1) } else { extra + (i - big) / per.max(1) };
                        Value::Int(bucket as i64 + 1)
                    }
                };
            }
        }
        WinFunc::Lag | WinFunc::Lead => {
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let offset = if w.args.len() > 1 { arg(&part[i], 1)? } else { Value::Int(1) };
                let Value::Int(off) = offset else {
                    out.push(Value::Null);
                    continue;
                };
                let target = if w.func == WinFunc::Lag { i as i64 - off } else { i as i64 + off };
                out.push(match usize::try_from(target).ok().filter(|t| *t < n) {
                    Some(t) => arg(&part[t], 0)?,
                    None => arg(&part[i], 2)?,
                });
            }
            for (r, v) in part.iter_mut().zip(out) {
                r.results[m] = v;
            }
        }
        WinFunc::FirstValue | WinFunc::LastValue | WinFunc::NthValue => {
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let (s, e) = frame_bounds(
                    &w.frame,
                    part,
                    i,
                    peers,
                    &group_start,
                    &group_end,
                    order_at,
                    w,
                    ctx,
                )?;
                let pick = match w.func {
                    WinFunc::FirstValue => (s < e).then_some(s),
                    WinFunc::LastValue => (s < e).then(|| e - 1),
                    _ => match arg(&part[i], 1)? {
                        Value::Int(k) if k <= 0 => {
                            return Err(Error::new(
                                "2201W",
                                "argument of nth_value must be greater than zero",
                            ));
                        }
                        Value::Int(k) => Some(s + k as usize - 1).filter(|t| *t < e),
                        _ => None,
                    },
                };
                out.push(match pick {
                    Some(t) => arg(&part[t], 0)?,
                    None => Value::Null,
                });
            }
            for (r, v) in part.iter_mut().zip(out) {
                r.results[m] = v;
            }
        }
        WinFunc::Agg(a) => {
            let inputs: Vec<Option<Vec<Value>>> =
                part.iter().map(|r| input(a, &r.row, &r.aggs, ctx)).collect::<Result<_>>()?;
            let mut out = Vec::with_capacity(n);
            // A frame that starts at the partition's start grows: one running state.
            let mut running = AggState::new(a);
            let mut added = 0;
            let mut last: Option<((usize, usize), Value)> = None;
            for i in 0..n {
                ctx.cancel.check()?;
                let (s, e) = frame_bounds(
                    &w.frame,
                    part,
                    i,
                    peers,
                    &group_start,
                    &group_end,
                    order_at,
                    w,
                    ctx,
                )?;
                if let Some((bounds, v)) = &last
                    && *bounds == (s, e)
                {
                    out.push(v.clone());
                    continue;
                }
                let v = if s == 0 && e >= added {
                    for x in inputs[added..e].iter().flatten() {
                        running.add(a, x.clone())?;
                    }
                    added = e;
                    running.result(a)?
                } else {
                    let mut st = AggState::new(a);
                    for x in inputs[s.min(e)..e].iter().flatten() {
                        st.add(a, x.clone())?;
                    }
                    st.result(a)?
                };
                last = Some(((s, e), v.clone()));
                out.push(v);
            }
            for (r, v) in part.iter_mut().zip(out) {
                r.results[m] = v;
            }
        }
    }
    Ok(())
}

/// The frame of row `i`: positions `[start, end)` within the partition.
#[allow(clippy::too_many_arguments)]
fn frame_bounds(
    f: &Frame,
    part: &[WinRow],
    i: usize,
    peers: &[usize],
    group_start: &[usize],
    group_end: &[usize],
    order_at: &[usize],
    w: &WindowCall,
    ctx: &EvalContext,
) -> Result<(usize, usize)> {
    let n = part.len();
    let offset = |b: &Bound, start: bool| -> Result<Value> {
        let v = eval(b, &part[i].row, &part[i].aggs, ctx)?;
        let which = if start { "starting" } else { "ending" };
        if v.is_null() {
            return Err(Error::new("22004", format!("frame {which} offset must not be null")));
        }
        let negative = match &v {
            Value::Int(x) => *x < 0,
            Value::Numeric(d) => d.is_sign_negative() && !d.is_zero(),
            Value::Float(x) => *x < 0.0,
            _ => false,
        };
        if negative {
            let what = if f.units == FrameUnits::Range {
                "invalid preceding or following size in window function"
            } else {
                ""
            };
            if what.is_empty() {
                return Err(Error::new(
                    "22013",
                    format!("frame {which} offset must not be negative"),
                ));
            }
            return Err(Error::new("22013", what));
        }
        Ok(v)
    };
    let count = |v: &Value| match v {
        Value::Int(x) => *x as usize,
        _ => 0,
    };
    let edge = |e: &FrameEdge, start: bool| -> Result<usize> {
        Ok(match (f.units, e) {
            (_, FrameEdge::UnboundedPreceding) => 0,
            (_, FrameEdge::UnboundedFollowing) => n,
            (FrameUnits::Rows, FrameEdge::CurrentRow) => {
                if start {
                    i
                } else {
                    i + 1
                }
            }
            (FrameUnits::Rows, FrameEdge::Preceding(b)) => {
                let k = count(&offset(b, start)?);
                if start { i.saturating_sub(k) } else { (i + 1).saturating_sub(k) }
            }
            (FrameUnits::Rows, FrameEdge::Following(b)) => {
                let k = count(&offset(b, start)?);
                if start { (i + k).min(n) } else { (i + 1 + k).min(n) }
            }
            (_, FrameEdge::CurrentRow) => {
                let g = peers[i];
                if start { group_start[g] } else { group_end[g] }
            }
            (FrameUnits::Groups, FrameEdge::Preceding(b) | FrameEdge::Following(b)) => {
                let k = count(&offset(b, start)?) as i64;
                let k = if matches!(e, FrameEdge::Preceding(_)) { -k } else { k };
                let g = peers[i] as i64 + k;
                let last = group_start.len() as i64;
                if start {
                    if g < 0 {
                        0
                    } else if g >= last {
                        n
                    } else {
                        group_start[g as usize]
                    }
                } else if g < 0 {
                    0
                } else if g >= last {
                    n
                } else {
                    group_end[g as usize]
                }
            }
            (FrameUnits::Range, FrameEdge::Preceding(b) | FrameEdge::Following(b)) => {
                let delta = offset(b, start)?;
                let key = &w.order[0];
                let at = order_at.first().copied().unwrap_or(0);
                let cur = &part[i].keys[at];
                if cur.is_null() {
                    let g = peers[i];
                    return Ok(if start { group_start[g] } else { group_end[g] });
                }
                // The bound value: "preceding" is toward the start of the sort order.
                let toward_start = matches!(e, FrameEdge::Preceding(_));
                let sub = toward_start != key.desc;
                let limit = shift(cur, &delta, sub)?;
                // Rows whose key is at or past `limit` in sort order (start) / not past it (end).
                let within = |v: &Value| -> Ordering {
                    if v.is_null() {
                        return if key.nulls_first { Ordering::Less } else { Ordering::Greater };
                    }
                    compare_key(v, &limit, key.desc, key.nulls_first)
                };
                if start {
                    (0..n).find(|&j| within(&part[j].keys[at]) != Ordering::Less).unwrap_or(n)
                } else {
                    (0..n)
                        .rev()
                        .find(|&j| within(&part[j].keys[at]) != Ordering::Greater)
                        .map_or(0, |j| j + 1)
                }
            }
        })
    };
    let s = edge(&f.start, true)?;
    let e = edge(&f.end, false)?;
    Ok((s, e.max(s)))
}

/// `v - delta` (sub) or `v + delta` for RANGE offsets on numbers.
fn shift(v: &Value, delta: &Value, sub: bool) -> Result<Value> {
    let ty = DataType::Numeric(None);
    let as_num = |x: &Value| -> Result<Value> {
        match x {
            Value::Float(_) => Ok(x.clone()),
            Value::Int(_) => cast(x.clone(), &DataType::BigInt, &ty, false),
            _ => Ok(x.clone()),
        }
    };
    let (a, b) = (as_num(v)?, as_num(delta)?);
    let op = if sub { crate::sql::ast::BinaryOp::Minus } else { crate::sql::ast::BinaryOp::Plus };
    let t = |x: &Value| if matches!(x, Value::Float(_)) { DataType::Double } else { ty.clone() };
    crate::engine::ops::eval_binary(op, &a, &t(&a), &b, &t(&b))
}
