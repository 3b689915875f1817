//! Joins of two relations: hash joins for equi-joins (inner, left, right, full), emitting rows in
//! the order PostgreSQL's hash join does, and nested loops for the conditions nothing else serves.

use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::engine::access::is_constant;
use crate::engine::eval::holds;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::fastexpr::FastExpr;
use crate::engine::joinplan::JoinChoice;
use crate::engine::pghash;
use crate::engine::query::Relation;
use crate::engine::selectivity::flatten_and;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::{BinaryOp, Expr, JoinKind, JoinUsing};

/// A hash key: the values of the key columns of one row.
type Key = SmallVec<[Value; 2]>;

/// The scope of `left` joined with `right`, and the join condition bound against it.
pub fn bind_join(left: &Scope, right: &Scope, on: Option<&Expr>) -> Result<(Scope, Option<Bound>)> {
    let mut scope = left.clone();
    scope.columns.extend(right.columns.iter().cloned());
    scope.using = crate::engine::using_join::combine(left, right);
    let cond = match on {
        Some(e) => {
            Some(Binder::for_clause("JOIN conditions").bind_condition(e, &scope, "JOIN/ON")?)
        }
        None => None,
    };
    Ok((scope, cond))
}

/// Joins two relations into one.
pub fn join(
    left: Relation,
    right: Relation,
    kind: JoinKind,
    on: Option<&Expr>,
    using: Option<&JoinUsing>,
    ctx: &EvalContext,
) -> Result<Relation> {
    let (scope, cond) =
        crate::engine::using_join::bind(&left.scope, &right.scope, on, using, kind)?;
    let mut rows = Vec::new();
    let _b = crate::engine::memory::building("the rows of a join");
    join_rows(&left, &right, kind, cond.as_ref(), ctx, &mut |row| {
        rows.push(row);
        Ok(())
    })?;
    Ok(Relation { scope, rows, ..Default::default() })
}

/// The equality terms of `cond` between a column of the left side (`< width`) and one of the
/// right side whose values the hash table can compare: (left column, right column).
fn hash_keys(cond: &Bound, width: usize, types: &[&DataType]) -> Vec<(usize, usize)> {
    let mut terms = Vec::new();
    flatten_and(cond, &mut terms);
    let hashable = |t: &DataType| !matches!(t, DataType::Char(_) | DataType::Json);
    terms
        .into_iter()
        .filter_map(|t| match t {
            Bound::Binary(BinaryOp::Eq, a, _, b, _, _) => match (&**a, &**b) {
                (Bound::Column(x), Bound::Column(y)) => {
                    let (l, r) = if x < y { (*x, *y) } else { (*y, *x) };
                    (l < width
                        && r >= width
                        && types.get(l).is_some_and(|t| hashable(t))
                        && types.get(r).is_some_and(|t| hashable(t)))
                    .then_some((l, r - width))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The rows of `left` joined with `right` on `cond` (bound against both sides' columns), handed
/// to `emit` one at a time in the order PostgreSQL's plan produces them.
///
/// An equi-join is a hash join. PostgreSQL hashes the side whose key is unique (parents joined
/// with their children come in the children's order); otherwise fksim hashes the right side and
/// probes with the left. The probe side's unmatched rows of an outer join come out where they
/// are met; the hashed side's come last, bucket by bucket, the last row inserted first.
/// Anything else is a nested loop, the only join that holds the product of its inputs.
pub fn join_rows(
    left: &Relation,
    right: &Relation,
    kind: JoinKind,
    cond: Option<&Bound>,
    ctx: &EvalContext,
    emit: &mut dyn FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    join_streamed(left, None, right, kind, cond, None, ctx, &mut |row| emit(std::mem::take(row)))
}

/// Rows read one at a time, each borrowed until the next is read.
pub trait RowCursor {
    /// The next row, if any.
    fn next_row(&mut self) -> Option<Result<&[Value]>>;
}

/// The left side's rows, read one at a time (a base table's heap) instead of held.
pub type RowSource<'a> = &'a mut dyn RowCursor;

/// [`join_rows`] with the left side's rows coming from `left_rows` when given (`left` then only
/// describes them): a hash join probing with the left side reads them one at a time, so only
/// the hashed side is held; any other plan collects them first. Each joined row is handed to
/// `emit` in one buffer, which it may take or leave to be reused for the next row.
///
/// `post`, the WHERE over the joined rows, is tested before a row is handed on: for an inner
/// hash join whose WHERE reads only the hashed side's columns and calls no function, once per
/// hashed row (its answer is the same for every row that row joins with).
#[allow(clippy::too_many_arguments)]
pub fn join_streamed(
    left: &Relation,
    left_rows: Option<RowSource<'_>>,
    right: &Relation,
    kind: JoinKind,
    cond: Option<&Bound>,
    post: Option<&FastExpr<'_>>,
    ctx: &EvalContext,
    emit: &mut dyn FnMut(&mut Vec<Value>) -> Result<()>,
) -> Result<()> {
    let Some(test) = post else {
        return join_with(left, left_rows, right, kind, cond, None, Post::None, ctx, emit);
    };
    let width = left.scope.columns.len();
    let keys = join_keys(left, right, cond);
    let hash_right = !keys.is_empty() && !choose_join(left, right, &keys, cond, kind).hash_left;
    let memo = kind == JoinKind::Inner
        && hash_right
        && left_rows.is_some()
        && reads_only_from(test.bound(), width);
    if memo {
        return join_with(
            left,
            left_rows,
            right,
            kind,
            cond,
            None,
            Post::PerHashedRow(test),
            ctx,
            emit,
        );
    }
    // `LEFT JOIN r ON r.k = l.x WHERE r.k IS NULL`: a hashed row's key is never NULL, so the
    // WHERE keeps exactly the probing rows nothing matched (PostgreSQL's anti join).
    let anti = kind == JoinKind::Left
        && hash_right
        && matches!(test.bound(), Bound::IsNull(e, false)
            if matches!(**e, Bound::Column(c) if keys.iter().any(|&(_, r)| r + width == c)));
    if anti {
        return join_with(left, left_rows, right, kind, cond, None, Post::Anti, ctx, emit);
    }
    let mut filtered = |row: &mut Vec<Value>| match test.holds(row, ctx)? {
        true => emit(row),
        false => Ok(()),
    };
    join_with(left, left_rows, right, kind, cond, None, Post::None, ctx, &mut filtered)
}

/// What of the WHERE over the joined rows the join itself takes care of.
#[derive(Clone, Copy)]
enum Post<'a> {
    /// Nothing: every joined row is handed on.
    None,
    /// A WHERE reading only the hashed side's columns, tested once per hashed row.
    PerHashedRow(&'a FastExpr<'a>),
    /// A WHERE keeping only the probing rows nothing matched (an outer join's IS NULL test of
    /// a hashed key column).
    Anti,
}

/// Sets to NULL the columns of `rel`'s rows that nothing reads (their places in the joined row,
/// `offset` on, in none of `read`), so that joining a row copies only what is read.
pub fn blank_unread(rel: &mut Relation, offset: usize, read: &[&[usize]]) {
    let unread: Vec<usize> = (0..rel.scope.columns.len())
        .filter(|c| !read.iter().any(|cols| cols.contains(&(offset + c))))
        .collect();
    if unread.is_empty() {
        return;
    }
    for row in &mut rel.rows {
        for &c in &unread {
            if let Some(v) = row.get_mut(c) {
                *v = Value::Null;
            }
        }
    }
}

/// True when `b` reads columns at `width` or after only, and calls no function or subquery
/// (its value is then the same for every row agreeing on those columns).
fn reads_only_from(b: &Bound, width: usize) -> bool {
    let all = |bs: &mut dyn Iterator<Item = &Bound>| {
        let mut ok = true;
        for b in bs {
            ok &= reads_only_from(b, width);
        }
        ok
    };
    match b {
        Bound::Column(c) => *c >= width,
        Bound::Const(_) | Bound::Literal(..) => true,
        Bound::Func(..) | Bound::Agg(_) | Bound::SubPlan(_) => false,
        Bound::Unary(_, e, _) | Bound::IsNull(e, _) | Bound::IsBool(e, ..) | Bound::Cast(e, ..) => {
            reads_only_from(e, width)
        }
        Bound::Binary(_, l, _, r, _, _)
        | Bound::And(l, r)
        | Bound::Or(l, r)
        | Bound::IsDistinct(l, r, _) => reads_only_from(l, width) && reads_only_from(r, width),
        Bound::InList(e, items, _) => reads_only_from(e, width) && all(&mut items.iter()),
        Bound::Case(arms, other) => {
            other.as_deref().is_none_or(|o| reads_only_from(o, width))
                && all(&mut arms.iter().flat_map(|(c, r)| [c, r]))
        }
    }
}

/// [`join_rows`] as a plan already chose it (`choice`), for an equi-join.
pub fn join_forced(
    left: &Relation,
    right: &Relation,
    kind: JoinKind,
    cond: Option<&Bound>,
    choice: JoinChoice,
    ctx: &EvalContext,
    emit: &mut dyn FnMut(&mut Vec<Value>) -> Result<()>,
) -> Result<()> {
    join_with(left, None, right, kind, cond, Some(choice), Post::None, ctx, emit)
}

#[allow(clippy::too_many_arguments)]
fn join_with(
    left: &Relation,
    left_rows: Option<RowSource<'_>>,
    right: &Relation,
    kind: JoinKind,
    cond: Option<&Bound>,
    forced: Option<JoinChoice>,
    post: Post<'_>,
    ctx: &EvalContext,
    emit: &mut dyn FnMut(&mut Vec<Value>) -> Result<()>,
) -> Result<()> {
    let width = left.scope.columns.len();
    let keys = join_keys(left, right, cond);
    let collect = |rows: RowSource<'_>| -> Result<Relation> {
        let mut held = Vec::new();
        while let Some(row) = rows.next_row() {
            held.push(row?.to_vec());
        }
        Ok(Relation { rows: held, ..left.clone() })
    };
    if keys.is_empty() {
        return match left_rows {
            Some(rows) => nested_loop(&collect(rows)?, right, kind, cond, ctx, emit),
            None => nested_loop(left, right, kind, cond, ctx, emit),
        };
    }
    let choice = forced.unwrap_or_else(|| choose_join(left, right, &keys, cond, kind));
    let hash_left = choice.hash_left;
    if hash_left && let Some(rows) = left_rows {
        return join_with(&collect(rows)?, None, right, kind, cond, forced, post, ctx, emit);
    }
    let (build, probe) = if hash_left { (left, right) } else { (right, left) };
    let build_cols: Vec<usize> = keys.iter().map(|&(l, r)| if hash_left { l } else { r }).collect();
    let probe_cols: Vec<usize> = keys.iter().map(|&(l, r)| if hash_left { r } else { l }).collect();
    let (probe_outer, build_outer) = match kind {
        JoinKind::Inner | JoinKind::Cross => (false, false),
        JoinKind::Left => (!hash_left, hash_left),
        JoinKind::Right => (hash_left, !hash_left),
        JoinKind::Full => (true, true),
    };
    let hashing = crate::engine::memory::building("the hash table of a hash join");
    let table = HashTable::build(&build.rows, &build_cols, ctx)?;
    let (lw, rw) = (width, right.scope.columns.len());
    // Each joined row is made in `out`, in place when `emit` left the last one there.
    let mut out: Vec<Value> = Vec::new();
    let combine = move |out: &mut Vec<Value>, p: &[Value], b: &[Value]| {
        let (l, r) = if hash_left { (b, p) } else { (p, b) };
        if out.len() == lw + rw {
            let (ol, or) = out.split_at_mut(lw);
            ol.iter_mut().zip(l).for_each(|(o, v)| o.assign_from(v));
            or.iter_mut().zip(r).for_each(|(o, v)| o.assign_from(v));
        } else {
            out.clear();
            out.reserve(lw + rw);
            out.extend_from_slice(l);
            out.extend_from_slice(r);
        }
    };
    drop(hashing);
    let mut matched = vec![false; if build_outer { build.rows.len() } else { 0 }];
    let build_nulls = vec![Value::Null; build.scope.columns.len()];
    let mut key: Key = Key::new();
    // A condition of integer key equalities only holds for every row the table finds.
    let keys_only = cond.is_some_and(|c| {
        let mut terms = Vec::new();
        flatten_and(c, &mut terms);
        terms.len() == keys.len()
    }) && matches!(table, HashTable::Ints(_))
        && probe_cols.iter().all(|&c| probe.scope.columns[c].data_type.is_integer());
    let test = cond.filter(|_| !keys_only).map(FastExpr::new);
    let build_where = match post {
        Post::PerHashedRow(w) => Some(w),
        _ => None,
    };
    let anti = matches!(post, Post::Anti);
    // The WHERE's answer for each hashed row, once known (build_where reads only its columns).
    let mut verdicts: Vec<Option<bool>> =
        vec![None; if build_where.is_some() { build.rows.len() } else { 0 }];
    let mut probe_one = |p: &[Value]| -> Result<()> {
        ctx.cancel.check()?;
        let mut any = false;
        if let Some(candidates) = table.get(p, &probe_cols, &mut key) {
            // A bucket's chain holds the last row inserted first; an index, in slot order.
            let order: &mut dyn Iterator<Item = &usize> =
                if choice.nested { &mut candidates.iter() } else { &mut candidates.iter().rev() };
            for &i in order {
                if test.is_none() && anti {
                    any = true;
                    break;
                }
                combine(&mut out, p, &build.rows[i]);
                if !test.as_ref().map_or(Ok(true), |t| t.holds(&out, ctx))? {
                    continue;
                }
                any = true;
                if build_outer {
                    matched[i] = true;
                }
                if anti {
                    break;
                }
                if let Some(w) = build_where {
                    let keep = match verdicts[i] {
                        Some(k) => k,
                        None => *verdicts[i].insert(w.holds(&out, ctx)?),
                    };
                    if !keep {
                        continue;
                    }
                }
                emit(&mut out)?;
            }
        }
        if !any && probe_outer {
            combine(&mut out, p, &build_nulls);
            emit(&mut out)?;
        }
        Ok(())
    };
    match left_rows {
        // Probing with the left side (hash_left is false here): straight from its source.
        Some(rows) => {
            while let Some(p) = rows.next_row() {
                probe_one(p?)?;
            }
        }
        None => {
            for p in &probe.rows {
                probe_one(p)?;
            }
        }
    }
    if build_outer {
        let key_types: Vec<&DataType> =
            build_cols.iter().map(|&c| &build.scope.columns[c].data_type).collect();
        let planned = build.side.as_ref().map_or(build.estimate, |s| s.rel.rows());
        let buckets = hash_join_buckets(planned.max(build.rows.len() as f64));
        let mut unmatched: Vec<(u32, usize)> = Vec::new();
        for (i, row) in build.rows.iter().enumerate() {
            if !matched[i] {
                unmatched.push((join_hash(row, &build_cols, &key_types) & (buckets - 1), i));
            }
        }
        // Bucket by bucket; within one, the last row inserted first.
        unmatched.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let nulls = vec![Value::Null; probe.scope.columns.len()];
        for (_, i) in unmatched {
            combine(&mut out, &nulls, &build.rows[i]);
            emit(&mut out)?;
        }
    }
    Ok(())
}

/// A hash join's table: build row positions by key. A one-column key whose hashed values are
/// all integers is hashed as `i64`s (no `Value` cloned or hashed per probe).
enum HashTable {
    Ints(FxHashMap<i64, Vec<usize>>),
    Values(FxHashMap<Key, Vec<usize>>),
}

impl HashTable {
    /// Hashes `rows` on `cols`; rows with a NULL key match nothing (the equality is strict), so
    /// they are not hashed.
    fn build(rows: &[Vec<Value>], cols: &[usize], ctx: &EvalContext) -> Result<HashTable> {
        let ints = cols.len() == 1
            && rows.iter().all(|r| matches!(r[cols[0]], Value::Int(_) | Value::Null));
        if ints {
            let mut table: FxHashMap<i64, Vec<usize>> = FxHashMap::default();
            for (i, row) in rows.iter().enumerate() {
                ctx.cancel.check()?;
                if let Value::Int(k) = row[cols[0]] {
                    table.entry(k).or_default().push(i);
                }
            }
            return Ok(HashTable::Ints(table));
        }
        let mut table: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
        for (i, row) in rows.iter().enumerate() {
            ctx.cancel.check()?;
            let key: Key = cols.iter().map(|&c| row[c].clone()).collect();
            if !key.iter().any(Value::is_null) {
                table.entry(key).or_default().push(i);
            }
        }
        Ok(HashTable::Values(table))
    }

    /// The build rows whose key equals probe row `p`'s at `cols` (`key` is room to make it in).
    #[inline]
    fn get(&self, p: &[Value], cols: &[usize], key: &mut Key) -> Option<&Vec<usize>> {
        match self {
            HashTable::Ints(table) => match &p[cols[0]] {
                Value::Int(k) => table.get(k),
                Value::Null => None,
                // Another kind of number equal to an integer finds that integer's rows.
                other => {
                    let k = match other {
                        Value::Numeric(d) if d.fract().is_zero() => d.to_i64()?,
                        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => *f as i64,
                        _ => return None,
                    };
                    (Value::Int(k) == *other).then(|| table.get(&k)).flatten()
                }
            },
            HashTable::Values(table) => {
                key.clear();
                key.extend(cols.iter().map(|&c| p[c].clone()));
                table.get(key)
            }
        }
    }
}

/// The hash join's keys for `cond` between `left` and `right`: (left column, right column)
/// pairs; empty when the join is a nested loop.
pub(crate) fn join_keys(
    left: &Relation,
    right: &Relation,
    cond: Option<&Bound>,
) -> Vec<(usize, usize)> {
    let width = left.scope.columns.len();
    let types: Vec<&DataType> =
        left.scope.columns.iter().chain(&right.scope.columns).map(|c| &c.data_type).collect();
    cond.map(|c| hash_keys(c, width, &types)).unwrap_or_default()
}

/// The join on `keys`: the side hashed (or probed through its index), weighed by cost when
/// both sides are base tables with estimates.
pub(crate) fn choose_join(
    left: &Relation,
    right: &Relation,
    keys: &[(usize, usize)],
    cond: Option<&Bound>,
    kind: JoinKind,
) -> JoinChoice {
    if left.side.is_some() && right.side.is_some() {
        return crate::engine::joinplan::choose_join(left, right, keys, kind);
    }
    let unique = |rel: &Relation, col: usize| rel.unique.get(col).copied().unwrap_or(false);
    let left_unique = keys.iter().any(|&(l, _)| unique(left, l));
    let right_unique = keys.iter().any(|&(_, r)| unique(right, r));
    // A side narrowed by an equality to a constant is estimated at a few rows: PostgreSQL hashes
    // that one instead.
    let narrowed = cond.is_some_and(|c| narrowed_right(c, left.scope.columns.len()));
    let hash_left = left_unique && !right_unique && !narrowed;
    JoinChoice { hash_left, nested: false, bitmap: false }
}

/// True when a term of `cond` compares a right-side column (`>= width`) with a constant by
/// equality or `IN`: the planner's estimate for that side drops to a handful of rows.
fn narrowed_right(cond: &Bound, width: usize) -> bool {
    let mut terms = Vec::new();
    flatten_and(cond, &mut terms);
    let right_column = |b: &Bound| matches!(b, Bound::Column(c) if *c >= width);
    terms.iter().any(|t| match t {
        Bound::Binary(BinaryOp::Eq, a, _, b, _, _) => {
            (right_column(a) && is_constant(b)) || (right_column(b) && is_constant(a))
        }
        Bound::InList(e, _, false) => right_column(e),
        _ => false,
    })
}

/// ExecHashGetHashValue: per key column, rotate left one bit and xor the column's hash (a NULL
/// contributes nothing).
fn join_hash(row: &[Value], cols: &[usize], types: &[&DataType]) -> u32 {
    let mut hash = 0u32;
    for (&c, ty) in cols.iter().zip(types) {
        hash = hash.rotate_left(1);
        if !row[c].is_null() {
            hash ^= pghash::hash_value(&row[c], ty).unwrap_or(0);
        }
    }
    hash
}

/// The buckets of a hash join's table for `rows` estimated inner rows
/// (ExecChooseHashTableSize: one tuple a bucket, at least 1024, a power of two).
pub(crate) fn hash_join_buckets(rows: f64) -> u32 {
    (rows.ceil().clamp(1024.0, f64::from(1u32 << 30)) as u32).next_power_of_two()
}

/// Every pair of rows tested: the left side's order, each left row's matches in the right
/// side's order; an outer join's right rows nothing matched come last.
fn nested_loop(
    left: &Relation,
    right: &Relation,
    kind: JoinKind,
    cond: Option<&Bound>,
    ctx: &EvalContext,
    emit: &mut dyn FnMut(&mut Vec<Value>) -> Result<()>,
) -> Result<()> {
    let right_outer = matches!(kind, JoinKind::Right | JoinKind::Full);
    let mut right_matched = vec![false; if right_outer { right.rows.len() } else { 0 }];
    for l in &left.rows {
        let mut matched = false;
        for (i, r) in right.rows.iter().enumerate() {
            ctx.cancel.check()?;
            let mut row = l.clone();
            row.extend(r.iter().cloned());
            if !holds(cond, &row, ctx)? {
                continue;
            }
            matched = true;
            if right_outer {
                right_matched[i] = true;
            }
            emit(&mut row)?;
        }
        if !matched && matches!(kind, JoinKind::Left | JoinKind::Full) {
            let mut row = l.clone();
            row.extend(std::iter::repeat_n(Value::Null, right.scope.columns.len()));
            emit(&mut row)?;
        }
    }
    for (i, r) in right.rows.iter().enumerate() {
        if right_outer && !right_matched[i] {
            let mut row = vec![Value::Null; left.scope.columns.len()];
            row.extend(r.iter().cloned());
            emit(&mut row)?;
        }
    }
    Ok(())
}
