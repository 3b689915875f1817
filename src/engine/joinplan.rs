//! Which side of a two-relation equi-join PostgreSQL hashes: both hash joins costed as
//! costsize.c costs them (initial_cost_hashjoin and final_cost_hashjoin), over each side's
//! row estimate after the WHERE terms that concern it alone, for tables without statistics.

use crate::engine::access::{is_constant, plan_scan};
use crate::engine::database::Database;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::groupplan::{RelEstimate, clamp_row_est};
use crate::engine::query::Relation;
use crate::engine::selectivity::flatten_and;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::sql::ast::{BinaryOp, Expr, FromItem, JoinKind};

const CPU_OPERATOR_COST: f64 = 0.0025;
const CPU_TUPLE_COST: f64 = 0.01;
/// `STD_FUZZ_FACTOR`: add_path treats costs within 1% as equal.
const FUZZ: f64 = 1.01;

/// The planner's view of one input of a join: the table's estimate restricted by the WHERE
/// terms that concern this side alone, and what its cheapest scan costs.
#[derive(Debug, Clone)]
pub struct SideEstimate {
    /// Tuples, rows after the side's own terms, ndistinct per column.
    pub rel: RelEstimate,
    /// The scan's startup cost.
    pub startup: f64,
    /// The scan's total cost.
    pub total: f64,
    /// A WHERE term equates one of this side's join keys with a constant: PostgreSQL's
    /// equivalence classes then restrict both sides by it and drop the join clause.
    pub key_constant: bool,
}

/// The side estimate of a base table read with `filter` (bound against its own columns).
pub fn side_of_table(t: &Table, filter: &[Bound]) -> SideEstimate {
    let terms: Vec<&Bound> = filter.iter().collect();
    let rel = RelEstimate::of_table(t, &terms);
    let joined = filter.iter().cloned().reduce(|a, b| Bound::And(Box::new(a), Box::new(b)));
    let scan = plan_scan(t, joined.as_ref());
    SideEstimate { rel, startup: scan.startup, total: scan.total, key_constant: false }
}

/// The base table a FROM item names, when it is one (not a WITH query, view, catalog or
/// partitioned table).
pub fn base_table<'d>(db: &'d Database, ctx: &EvalContext, item: &FromItem) -> Option<&'d Table> {
    let FromItem::Table { name, .. } = item else { return None };
    if ctx.cte(name).is_some()
        || crate::engine::pgcatalog::names_catalog(name)
        || crate::engine::views::find(db, name).is_some()
        || crate::engine::partition::names_partitioned(db, name)
    {
        return None;
    }
    db.table(crate::engine::inherit::resolve_scanned(db, name).ok()?).ok()
}

/// Gives `left` and `right` (base tables `lt`, `rt` when they are) the estimates the planner
/// makes of them for the join `kind` on `on` under `selection`: the WHERE terms on one side
/// restrict it where the join lets them (a preserved side always; a nullable side when the
/// term is strict, which makes PostgreSQL reduce the outer join).
#[allow(clippy::too_many_arguments)]
pub fn estimate_sides(
    lt: Option<&Table>,
    rt: Option<&Table>,
    left: &mut Relation,
    right: &mut Relation,
    kind: JoinKind,
    on: Option<&Expr>,
    selection: Option<&Expr>,
) {
    let (Some(lt), Some(rt)) = (lt, rt) else { return };
    let Some((lterms, rterms, constant)) =
        side_terms(&left.scope, &right.scope, kind, on, selection)
    else {
        return;
    };
    let mut l = side_of_table(lt, &lterms);
    let mut r = side_of_table(rt, &rterms);
    l.key_constant = constant;
    r.key_constant = constant;
    left.side = Some(Box::new(l));
    right.side = Some(Box::new(r));
}

/// The WHERE terms of each side (bound against that side's columns), and whether a term
/// equates a join key with a constant; None when a term cannot be bound on its own.
fn side_terms(
    ls: &Scope,
    rs: &Scope,
    kind: JoinKind,
    on: Option<&Expr>,
    selection: Option<&Expr>,
) -> Option<(Vec<Bound>, Vec<Bound>, bool)> {
    let mut scope = ls.clone();
    scope.columns.extend(rs.columns.iter().cloned());
    let width = ls.columns.len();
    let cond = on.and_then(|e| Binder::for_clause("JOIN").bind_condition(e, &scope, "JOIN").ok());
    let pairs: Vec<(usize, usize)> =
        cond.as_ref().map(|c| key_pairs(c, width)).unwrap_or_default();
    // WHERE terms, then the ON clause's terms on one side (which restrict that side where it
    // is not preserved by the join: both sides of an inner join).
    let mut exprs = Vec::new();
    if let Some(e) = selection {
        flatten_expr_and(e, &mut exprs);
    }
    let wheres = exprs.len();
    if let Some(e) = on {
        flatten_expr_and(e, &mut exprs);
    }
    let (mut lterms, mut rterms, mut constant) = (Vec::new(), Vec::new(), false);
    for (i, e) in exprs.into_iter().enumerate() {
        let Ok(b) = Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE") else {
            continue;
        };
        let mut cols = Vec::new();
        collect_columns(&b, &mut cols);
        if cols.is_empty() {
            continue;
        }
        let strict = is_strict(&b);
        let left_only = cols.iter().all(|&c| c < width);
        let right_only = cols.iter().all(|&c| c >= width);
        let (preserved_left, preserved_right) = if i < wheres {
            (
                matches!(kind, JoinKind::Inner | JoinKind::Left) || strict,
                matches!(kind, JoinKind::Inner | JoinKind::Right) || strict,
            )
        } else {
            (
                matches!(kind, JoinKind::Inner | JoinKind::Right),
                matches!(kind, JoinKind::Inner | JoinKind::Left),
            )
        };
        // `key = constant`: the equivalence class gives the other side's key the same
        // constant.
        if let Bound::Binary(BinaryOp::Eq, l, lt, r, rt, ty) = &b
            && (i < wheres || kind == JoinKind::Inner)
        {
            let key_const = match (&**l, &**r) {
                (Bound::Column(c), k) | (k, Bound::Column(c)) if is_constant(k) => Some((*c, k)),
                _ => None,
            };
            for &(a, z) in &pairs {
                let Some((c, k)) = key_const else { break };
                let other = if c == a { z } else if c == z { a } else { continue };
                constant = true;
                let (col, side) = if other < width {
                    (other, &mut lterms)
                } else {
                    (other - width, &mut rterms)
                };
                side.push(Bound::Binary(
                    BinaryOp::Eq,
                    Box::new(Bound::Column(col)),
                    lt.clone(),
                    Box::new(k.clone()),
                    rt.clone(),
                    ty.clone(),
                ));
            }
        }
        if left_only && preserved_left {
            lterms.push(Binder::for_clause("WHERE").bind_condition(e, ls, "WHERE").ok()?);
        } else if right_only && preserved_right {
            rterms.push(Binder::for_clause("WHERE").bind_condition(e, rs, "WHERE").ok()?);
        }
    }
    Some((lterms, rterms, constant))
}

/// The columns of the two sides a join condition equates (hash clause candidates).
fn key_pairs(cond: &Bound, width: usize) -> Vec<(usize, usize)> {
    let mut terms = Vec::new();
    flatten_and(cond, &mut terms);
    let mut out = Vec::new();
    for t in terms {
        if let Bound::Binary(BinaryOp::Eq, a, _, b, _, _) = t
            && let (Bound::Column(x), Bound::Column(y)) = (&**a, &**b)
            && (*x < width) != (*y < width)
        {
            out.push((*x, *y));
        }
    }
    out
}

/// A term that is false or NULL whenever its columns are all NULL: comparisons and IN lists
/// of columns with constants, IS NOT NULL, and ANDs of them.
fn is_strict(b: &Bound) -> bool {
    match b {
        Bound::Binary(op, ..) => !matches!(op, BinaryOp::Concat),
        Bound::InList(..) => true,
        Bound::IsNull(_, negated) => *negated,
        Bound::And(l, r) => is_strict(l) || is_strict(r),
        Bound::Or(l, r) => is_strict(l) && is_strict(r),
        _ => false,
    }
}

fn flatten_expr_and<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Binary { op: BinaryOp::And, left, right, .. } => {
            flatten_expr_and(left, out);
            flatten_expr_and(right, out);
        }
        other => out.push(other),
    }
}

fn collect_columns(b: &Bound, out: &mut Vec<usize>) {
    match b {
        Bound::Column(c) => out.push(*c),
        Bound::Const(_) | Bound::Literal(..) | Bound::Agg(_) | Bound::SubPlan(_) => {}
        Bound::Unary(_, e, _) | Bound::IsNull(e, _) | Bound::IsBool(e, ..) | Bound::Cast(e, ..) => {
            collect_columns(e, out)
        }
        Bound::Binary(_, l, _, r, _, _)
        | Bound::And(l, r)
        | Bound::Or(l, r)
        | Bound::IsDistinct(l, r, _) => {
            collect_columns(l, out);
            collect_columns(r, out);
        }
        Bound::InList(e, items, _) => {
            collect_columns(e, out);
            items.iter().for_each(|i| collect_columns(i, out));
        }
        Bound::Case(arms, other) => {
            for (c, v) in arms {
                collect_columns(c, out);
                collect_columns(v, out);
            }
            if let Some(o) = other {
                collect_columns(o, out);
            }
        }
        Bound::Func(_, args, _) => args.iter().for_each(|a| collect_columns(a, out)),
    }
}

/// What the planner knows of a join input, from its estimate or, for a relation fksim has no
/// estimate for, from its row count.
struct Input<'a> {
    rows: f64,
    startup: f64,
    total: f64,
    rel: Option<&'a RelEstimate>,
    unique: &'a [bool],
}

fn input(r: &Relation) -> Input<'_> {
    match &r.side {
        Some(s) => Input {
            rows: s.rel.rows(),
            startup: s.startup,
            total: s.total,
            rel: Some(&s.rel),
            unique: &r.unique,
        },
        None => {
            let rows = clamp_row_est(r.estimate);
            Input { rows, startup: 0.0, total: rows * CPU_TUPLE_COST, rel: None, unique: &r.unique }
        }
    }
}

/// `get_variable_numdistinct` of a column: its value and whether it is the default guess.
fn ndistinct(side: &Input<'_>, col: usize) -> (f64, bool) {
    match side.rel {
        Some(rel) => {
            let unique = rel.unique.get(col).copied().unwrap_or(false);
            let boolean = rel.types.get(col) == Some(&DataType::Boolean);
            let nd = rel.column_ndistinct(col);
            (nd, !unique && !boolean && rel.tuples >= 200.0)
        }
        None => (200.0, true),
    }
}

/// `estimate_hash_bucket_stats` without statistics: a tenth of the table for a default
/// ndistinct, else one bucket's share of the distinct values the side's rows keep.
fn bucket_size(side: &Input<'_>, col: usize, buckets: f64) -> f64 {
    let (mut nd, default) = ndistinct(side, col);
    if default {
        return 0.1;
    }
    if let Some(rel) = side.rel
        && rel.tuples > 0.0
    {
        nd = clamp_row_est(nd * rel.rows() / rel.tuples);
    }
    let frac = if nd > buckets { 1.0 / buckets } else { 1.0 / nd };
    frac.clamp(1.0e-6, 1.0)
}

/// A hash join probing with `outer` and hashing `inner` on `keys` (outer column, inner
/// column): (startup, total) as initial_cost_hashjoin and final_cost_hashjoin make them.
fn hash_join_cost(outer: &Input<'_>, inner: &Input<'_>, keys: &[(usize, usize)]) -> (f64, f64) {
    let n = keys.len() as f64;
    let mut startup = outer.startup + inner.total;
    let mut run = outer.total - outer.startup;
    startup += (CPU_OPERATOR_COST * n + CPU_TUPLE_COST) * inner.rows;
    run += CPU_OPERATOR_COST * n * outer.rows;
    let buckets = f64::from(crate::engine::join::hash_join_buckets(inner.rows));
    let bucket = keys.iter().map(|&(_, i)| bucket_size(inner, i, buckets)).fold(1.0, f64::min);
    // eqjoinsel without statistics: 1 / the larger ndistinct, per clause.
    let selec: f64 = keys
        .iter()
        .map(|&(o, i)| 1.0 / ndistinct(outer, o).0.max(ndistinct(inner, i).0))
        .product();
    let inner_unique = keys.iter().any(|&(_, i)| inner.unique.get(i).copied().unwrap_or(false));
    let per_tuple = CPU_OPERATOR_COST * n;
    let tuples = if inner_unique {
        // The probe stops at the first match; the semi-join factors of an inner join are its
        // own selectivity, so a matched row scans 2 / (inner rows + 1) of its bucket.
        let matched = (outer.rows * selec).round_ties_even();
        let scan_frac = 2.0 / (inner.rows.max(1.0) + 1.0);
        run += per_tuple * matched * clamp_row_est(inner.rows * bucket * scan_frac) * 0.5;
        run += per_tuple * (outer.rows - matched) * clamp_row_est(inner.rows / buckets) * 0.05;
        matched
    } else {
        run += per_tuple * outer.rows * clamp_row_est(inner.rows * bucket) * 0.5;
        clamp_row_est(selec * outer.rows * inner.rows)
    };
    run += CPU_TUPLE_COST * tuples;
    (startup, startup + run)
}

/// Whether the hash join of `left` and `right` on `keys` (left column, right column) hashes
/// the left side. PostgreSQL costs probing with the first FROM item first, then the other
/// way; the second wins only when add_path finds it fuzzily cheaper.
pub fn choose_hash_left(left: &Relation, right: &Relation, keys: &[(usize, usize)]) -> bool {
    let (l, r) = (input(left), input(right));
    // A join key equal to a constant: the join clause is gone and a nested loop runs with the
    // smaller side outermost, each of its rows meeting the other side in scan order (a
    // single parent row then yields its children as scanned: the same order as hashing it).
    if left.side.as_ref().is_some_and(|s| s.key_constant) {
        return l.rows < r.rows;
    }
    let swapped: Vec<(usize, usize)> = keys.iter().map(|&(a, b)| (b, a)).collect();
    let first = hash_join_cost(&l, &r, keys);
    let second = hash_join_cost(&r, &l, &swapped);
    second_wins(first, second)
}

/// add_path between two paths without pathkeys: the second replaces the first when it is
/// fuzzily cheaper in total, or the same in total and fuzzily cheaper to start; between two
/// the same within the fuzz, the first stays unless the second is cheaper by more than
/// rounding.
fn second_wins(first: (f64, f64), second: (f64, f64)) -> bool {
    let (fs, ft) = first;
    let (ss, st) = second;
    if st > ft * FUZZ {
        return false;
    }
    if ft > st * FUZZ {
        return true;
    }
    if ss > fs * FUZZ {
        return false;
    }
    if fs > ss * FUZZ {
        return true;
    }
    st < ft / 1.000_000_000_1
}
