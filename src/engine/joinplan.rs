//! Which side of a two-relation equi-join PostgreSQL hashes: both hash joins costed as
//! costsize.c costs them (initial_cost_hashjoin and final_cost_hashjoin), over each side's
//! row estimate after the WHERE terms that concern it alone, for tables without statistics.

use crate::engine::access::{is_constant, pages_fetched, plan_scan};
use crate::engine::database::Database;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::groupplan::{RelEstimate, clamp_row_est};
use crate::engine::query::Relation;
use crate::engine::selectivity::{flatten_and, qual_cost};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::sql::ast::{BinaryOp, Expr, FromItem, JoinKind};

const CPU_OPERATOR_COST: f64 = 0.0025;
const CPU_TUPLE_COST: f64 = 0.01;
const CPU_INDEX_TUPLE_COST: f64 = 0.005;
const RANDOM_PAGE_COST: f64 = 4.0;
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
    /// The btree indexes a nested loop may probe: leading column, uniqueness, pages.
    indexes: Vec<(usize, bool, f64)>,
    /// What the side's own WHERE terms cost per row.
    qual_cost: f64,
    /// The join's kind once WHERE's strict terms on a nullable side reduced it.
    pub kind: Option<JoinKind>,
    /// `IS NULL` on the nullable side's join key: an anti join, which hashes that side.
    pub anti: bool,
    /// The index path the side's own terms pick, with those terms: PostgreSQL's scan of the
    /// side meets its rows in that path's order (None: a sequential scan).
    pub index_path: Option<(crate::engine::access::AccessPath, Bound)>,
}

/// The side estimate of a base table read with `filter` (bound against its own columns).
pub fn side_of_table(t: &Table, filter: &[Bound]) -> SideEstimate {
    let terms: Vec<&Bound> = filter.iter().collect();
    let rel = RelEstimate::of_table(t, &terms);
    let joined = filter.iter().cloned().reduce(|a, b| Bound::And(Box::new(a), Box::new(b)));
    let scan = plan_scan(t, joined.as_ref());
    let indexes = crate::engine::access::indexes(t)
        .iter()
        .filter_map(|i| i.columns.first().map(|&c| (c, i.unique && i.columns.len() == 1, i.pages)))
        .collect();
    let qual_cost = filter.iter().map(qual_cost).sum();
    let index_path = match (scan.path, joined) {
        (crate::engine::access::AccessPath::SeqScan, _) | (_, None) => None,
        (path, Some(terms)) => Some((path, terms)),
    };
    SideEstimate {
        rel,
        startup: scan.startup,
        total: scan.total,
        key_constant: false,
        indexes,
        qual_cost,
        kind: None,
        anti: false,
        index_path,
    }
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
    let Some(SideTerms { left: lterms, right: rterms, constant, kind: reduced, anti }) =
        side_terms(&left.scope, &right.scope, kind, on, selection)
    else {
        return;
    };
    let mut l = side_of_table(lt, &lterms);
    let mut r = side_of_table(rt, &rterms);
    l.key_constant = constant;
    r.key_constant = constant;
    l.kind = Some(reduced);
    l.anti = anti;
    left.side = Some(Box::new(l));
    right.side = Some(Box::new(r));
}

/// What the WHERE and ON terms say of a join's two sides.
struct SideTerms {
    /// The left side's own terms, bound against its columns.
    left: Vec<Bound>,
    /// The right side's.
    right: Vec<Bound>,
    /// A join key is equal to a constant.
    constant: bool,
    /// The join's kind after reduce_outer_joins.
    kind: JoinKind,
    /// An anti join (IS NULL on the nullable side's key).
    anti: bool,
}

/// The WHERE terms of each side (bound against that side's columns), and whether a term
/// equates a join key with a constant; None when a term cannot be bound on its own.
fn side_terms(
    ls: &Scope,
    rs: &Scope,
    kind: JoinKind,
    on: Option<&Expr>,
    selection: Option<&Expr>,
) -> Option<SideTerms> {
    let mut scope = ls.clone();
    scope.columns.extend(rs.columns.iter().cloned());
    let width = ls.columns.len();
    let cond = on.and_then(|e| Binder::for_clause("JOIN").bind_condition(e, &scope, "JOIN").ok());
    let pairs: Vec<(usize, usize)> = cond.as_ref().map(|c| key_pairs(c, width)).unwrap_or_default();
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
    // reduce_outer_joins: a strict WHERE term on a nullable side keeps no null-extended row.
    let (mut left_strict, mut right_strict, mut anti) = (false, false, false);
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
        if i < wheres && strict {
            left_strict |= left_only;
            right_strict |= right_only;
        }
        if i < wheres
            && let Bound::IsNull(e, false) = &b
            && let Bound::Column(c) = **e
            && pairs.iter().any(|&(x, y)| c == x || c == y)
        {
            anti |=
                (kind == JoinKind::Left && c >= width) || (kind == JoinKind::Right && c < width);
        }
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
                let other = if c == a {
                    z
                } else if c == z {
                    a
                } else {
                    continue;
                };
                constant = true;
                let (col, side) =
                    if other < width { (other, &mut lterms) } else { (other - width, &mut rterms) };
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
    let reduced = match (kind, left_strict, right_strict) {
        (JoinKind::Left, _, true) | (JoinKind::Right, true, _) | (JoinKind::Full, true, true) => {
            JoinKind::Inner
        }
        (JoinKind::Full, true, false) => JoinKind::Left,
        (JoinKind::Full, false, true) => JoinKind::Right,
        (k, ..) => k,
    };
    Some(SideTerms { left: lterms, right: rterms, constant, kind: reduced, anti })
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

/// The terms of an AND tree of expressions.
pub(crate) fn flatten_expr_and<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Binary { op: BinaryOp::And, left, right, .. } => {
            flatten_expr_and(left, out);
            flatten_expr_and(right, out);
        }
        other => out.push(other),
    }
}

/// Every column position `b` reads.
pub(crate) fn collect_columns(b: &Bound, out: &mut Vec<usize>) {
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

/// What the planner knows of a join input: its rows and costs, and for each of its columns
/// the base table estimate it comes from (which ndistinct and bucket sizes read).
pub(crate) struct Input<'a> {
    pub(crate) rows: f64,
    pub(crate) startup: f64,
    pub(crate) total: f64,
    /// Per column: the base relation's estimate and the column's position in it.
    pub(crate) origin: Vec<Option<(&'a RelEstimate, usize)>>,
    /// Per column: a single-column unique key of a base relation input.
    pub(crate) unique: Vec<bool>,
    /// A base relation input: its indexes and own quals, for a nested loop probing it.
    pub(crate) side: Option<&'a SideEstimate>,
}

impl<'a> Input<'a> {
    /// A base relation's input.
    pub(crate) fn of_side(s: &'a SideEstimate, unique: &[bool]) -> Self {
        Input {
            rows: s.rel.rows(),
            startup: s.startup,
            total: s.total,
            origin: (0..s.rel.types.len()).map(|c| Some((&s.rel, c))).collect(),
            unique: unique.to_vec(),
            side: Some(s),
        }
    }
}

fn input(r: &Relation) -> Input<'_> {
    match &r.side {
        Some(s) => Input::of_side(s, &r.unique),
        None => {
            let rows = clamp_row_est(r.estimate);
            let total = rows * CPU_TUPLE_COST;
            let width = r.scope.columns.len();
            Input {
                rows,
                startup: 0.0,
                total,
                origin: vec![None; width],
                unique: r.unique.clone(),
                side: None,
            }
        }
    }
}

/// `get_variable_numdistinct` of a column: its value and whether it is the default guess.
fn ndistinct(side: &Input<'_>, col: usize) -> (f64, bool) {
    match side.origin.get(col).copied().flatten() {
        Some((rel, col)) => {
            let unique = rel.unique.get(col).copied().unwrap_or(false);
            let boolean = rel.types.get(col) == Some(&DataType::Boolean);
            let nd = rel.column_ndistinct(col);
            (nd, !unique && !boolean && rel.tuples >= 200.0)
        }
        None => (200.0, true),
    }
}

/// `estimate_hash_bucket_stats` without statistics: a tenth of the table for a default
/// ndistinct, else one bucket's share of the distinct values its base relation's rows keep.
fn bucket_size(side: &Input<'_>, col: usize, buckets: f64) -> f64 {
    let (mut nd, default) = ndistinct(side, col);
    if default {
        return 0.1;
    }
    if let Some((rel, _)) = side.origin.get(col).copied().flatten()
        && rel.tuples > 0.0
    {
        nd = clamp_row_est(nd * rel.rows() / rel.tuples);
    }
    let frac = if nd > buckets { 1.0 / buckets } else { 1.0 / nd };
    frac.clamp(1.0e-6, 1.0)
}

/// A hash join probing with `outer` and hashing `inner` on `keys` (outer column, inner
/// column): (startup, total) as initial_cost_hashjoin and final_cost_hashjoin make them.
pub(crate) fn hash_join_cost(
    outer: &Input<'_>,
    inner: &Input<'_>,
    keys: &[(usize, usize)],
) -> (f64, f64) {
    let n = keys.len() as f64;
    let mut startup = outer.startup + inner.total;
    let mut run = outer.total - outer.startup;
    startup += (CPU_OPERATOR_COST * n + CPU_TUPLE_COST) * inner.rows;
    run += CPU_OPERATOR_COST * n * outer.rows;
    let buckets = f64::from(crate::engine::join::hash_join_buckets(inner.rows));
    let bucket = keys.iter().map(|&(_, i)| bucket_size(inner, i, buckets)).fold(1.0, f64::min);
    let selec = join_selectivity(outer, inner, keys);
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

/// How a two-relation equi-join runs: the side it hashes (or, for a nested loop probing an
/// index, the inner side), and whether an inner row's matches come in the order they were
/// stored (an index scan) rather than the hash bucket's last-stored-first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JoinChoice {
    /// The left side is the hashed (inner) one.
    pub hash_left: bool,
    /// A nested loop over an index of the inner side.
    pub nested: bool,
    /// That nested loop reads the inner side with a bitmap heap scan.
    pub bitmap: bool,
}

/// The join PostgreSQL picks for `left` and `right` on `keys` (left column, right column):
/// paths costed in the order add_paths_to_joinrel makes them (the first FROM item outermost,
/// then the other way round; a nested loop before the hash join), the fuzzily cheapest kept.
pub fn choose_join(
    left: &Relation,
    right: &Relation,
    keys: &[(usize, usize)],
    kind: JoinKind,
) -> JoinChoice {
    let (l, r) = (input(left), input(right));
    let kind = left.side.as_ref().and_then(|s| s.kind).unwrap_or(kind);
    // An anti join (PostgreSQL 15 has no right anti join) hashes the nullable side.
    if left.side.as_ref().is_some_and(|s| s.anti) {
        return JoinChoice { hash_left: kind == JoinKind::Right, nested: false, bitmap: false };
    }
    // A join key equal to a constant: the join clause is gone and a nested loop runs with the
    // smaller side outermost, each of its rows meeting the other side in scan order (a
    // single parent row then yields its children as scanned: the same order as hashing it).
    if left.side.as_ref().is_some_and(|s| s.key_constant) {
        return JoinChoice { hash_left: l.rows < r.rows, nested: false, bitmap: false };
    }
    let swapped: Vec<(usize, usize)> = keys.iter().map(|&(a, b)| (b, a)).collect();
    let mut paths: Vec<(JoinChoice, (f64, f64))> = Vec::new();
    let hash = |hash_left| JoinChoice { hash_left, nested: false, bitmap: false };
    let nest = |hash_left, bitmap| JoinChoice { hash_left, nested: true, bitmap };
    // A nested loop keeps its outer side's rows: it serves a join preserving that side.
    if matches!(kind, JoinKind::Inner | JoinKind::Left)
        && let Some((c, bitmap)) = nested_loop_cost(&l, &r, keys)
    {
        add_path(&mut paths, nest(false, bitmap), c);
    }
    add_path(&mut paths, hash(false), hash_join_cost(&l, &r, keys));
    if matches!(kind, JoinKind::Inner | JoinKind::Right)
        && let Some((c, bitmap)) = nested_loop_cost(&r, &l, &swapped)
    {
        add_path(&mut paths, nest(true, bitmap), c);
    }
    add_path(&mut paths, hash(true), hash_join_cost(&r, &l, &swapped));
    paths.iter().min_by(|a, b| a.1.1.total_cmp(&b.1.1)).map_or(hash(false), |p| p.0)
}

/// The join's row estimate (calc_joinrel_size_estimate: both sides' rows times the clauses'
/// selectivity, at least the left side's rows for a left join) and the total cost of the path
/// `choose_join` picks.
pub fn join_size_and_cost(
    left: &Relation,
    right: &Relation,
    keys: &[(usize, usize)],
    kind: JoinKind,
) -> (f64, f64) {
    let (l, r) = (input(left), input(right));
    let planned = left.side.as_ref().and_then(|s| s.kind).unwrap_or(kind);
    let mut rows = l.rows * r.rows * join_selectivity(&l, &r, keys);
    if planned == JoinKind::Left {
        rows = rows.max(l.rows);
    }
    let choice = choose_join(left, right, keys, kind);
    let swapped: Vec<(usize, usize)> = keys.iter().map(|&(a, b)| (b, a)).collect();
    let (outer, inner, keys) = match choice.hash_left {
        true => (&r, &l, &swapped[..]),
        false => (&l, &r, keys),
    };
    let total = match choice.nested {
        true => nested_loop_cost(outer, inner, keys).map_or(0.0, |((_, total), _)| total),
        false => hash_join_cost(outer, inner, keys).1,
    };
    (clamp_row_est(rows), total)
}

/// A nested loop probing an index of `inner` on its key, once per `outer` row (cost_index
/// with a loop count, btcostestimate, initial_cost_nestloop and final_cost_nestloop).
pub(crate) fn nested_loop_cost(
    outer: &Input<'_>,
    inner: &Input<'_>,
    keys: &[(usize, usize)],
) -> Option<((f64, f64), bool)> {
    let side = inner.side?;
    let rel = &side.rel;
    let (key, index_unique, index_pages) =
        keys.iter().find_map(|&(_, i)| side.indexes.iter().find(|x| x.0 == i).copied())?;
    let tuples = rel.tuples;
    // get_loop_count: the index path is costed for as many probes as the smallest base
    // relation supplying its parameter has rows.
    let loops = keys
        .iter()
        .filter_map(|&(o, _)| outer.origin.get(o).copied().flatten().map(|(r, _)| r.rows()))
        .reduce(f64::min)
        .unwrap_or(outer.rows)
        .max(1.0);
    // The index clause `key = $outer`: one entry through a unique index, else 1/ndistinct.
    let (nd, _) = ndistinct(inner, key);
    let unique_key = rel.unique.get(key).copied().unwrap_or(false);
    let selectivity = if unique_key && tuples >= 1.0 { 1.0 / tuples } else { 1.0 / nd };
    let mut index_tuples =
        if index_unique { 1.0 } else { (selectivity * tuples).round_ties_even() };
    index_tuples = index_tuples.min(tuples).max(1.0);
    let index_page_reads = if index_pages > 1.0 && tuples > 1.0 {
        (index_tuples * index_pages / tuples).ceil()
    } else {
        1.0
    };
    let mut index_total = if loops > 1.0 {
        pages_fetched(index_page_reads * loops, index_pages) * RANDOM_PAGE_COST / loops
    } else {
        index_page_reads * RANDOM_PAGE_COST
    };
    index_total += index_tuples * (CPU_INDEX_TUPLE_COST + CPU_OPERATOR_COST);
    let height = if index_pages > 2.0 { 1.0 } else { 0.0 };
    let mut descent = (height + 1.0) * 50.0 * CPU_OPERATOR_COST;
    if tuples > 1.0 {
        descent += tuples.log2().ceil() * CPU_OPERATOR_COST;
    }
    let index_startup = descent;
    index_total += descent;
    let fetched = clamp_row_est(selectivity * tuples);
    let heap_pages = pages_fetched(fetched * loops, rel.pages) * RANDOM_PAGE_COST / loops;
    let index_scan =
        (index_startup, index_total + heap_pages + (CPU_TUPLE_COST + side.qual_cost) * fetched);
    // The rows one probe yields: the inner side's rows times the join clauses' selectivity.
    let selec = join_selectivity(outer, inner, keys);
    let probe_rows = clamp_row_est(inner.rows * selec);
    // A bitmap heap scan through the same index (cost_bitmap_heap_scan): the index read
    // whole before the first row, the pages its entries lead to read between random and
    // sequential cost, the index clause rechecked.
    let bitmap_index = index_total + 0.1 * CPU_OPERATOR_COST * probe_rows;
    let t = rel.pages.max(1.0);
    let pages = pages_fetched(fetched * loops, rel.pages) / loops;
    let pages = if pages >= t { t } else { pages.ceil() };
    let per_page = if pages >= 2.0 {
        RANDOM_PAGE_COST - (RANDOM_PAGE_COST - 1.0) * (pages / t).sqrt()
    } else {
        RANDOM_PAGE_COST
    };
    let recheck = CPU_TUPLE_COST + side.qual_cost + CPU_OPERATOR_COST;
    let bitmap = (bitmap_index, bitmap_index + pages * per_page + recheck * fetched);
    let inner_unique = keys.iter().any(|&(_, i)| inner.unique.get(i).copied().unwrap_or(false));
    let cost = |(inner_startup, inner_total): (f64, f64)| {
        let inner_run = inner_total - inner_startup;
        let startup = outer.startup + inner_startup;
        let mut run = outer.total - outer.startup;
        if outer.rows > 1.0 {
            run += (outer.rows - 1.0) * inner_startup;
        }
        let tuples_out = if inner_unique {
            let matched = (outer.rows * selec).round_ties_even();
            let scan_frac = 2.0 / (inner.rows.max(1.0) + 1.0);
            run += inner_run * scan_frac;
            if matched > 1.0 {
                run += (matched - 1.0) * inner_run * scan_frac;
            }
            run += (outer.rows - matched) * inner_run / probe_rows;
            matched * probe_rows * scan_frac
        } else {
            run += inner_run;
            if outer.rows > 1.0 {
                run += (outer.rows - 1.0) * inner_run;
            }
            outer.rows * probe_rows
        };
        run += CPU_TUPLE_COST * tuples_out;
        (startup, startup + run)
    };
    // add_path keeps the bitmap scan beside the index scan (made first) only when it is
    // fuzzily cheaper.
    let (a, b) = (cost(index_scan), cost(bitmap));
    Some(if bitmap.1 * FUZZ < index_scan.1 && b.1 < a.1 { (b, true) } else { (a, false) })
}

/// eqjoinsel without statistics: 1 / the larger ndistinct, per clause.
pub(crate) fn join_selectivity(
    outer: &Input<'_>,
    inner: &Input<'_>,
    keys: &[(usize, usize)],
) -> f64 {
    keys.iter().map(|&(o, i)| 1.0 / ndistinct(outer, o).0.max(ndistinct(inner, i).0)).product()
}

/// add_path for paths without pathkeys or parameters: a new path is rejected when a kept one
/// is fuzzily as cheap (in total, then to start), and removes the kept ones it beats.
pub(crate) fn add_path<T>(paths: &mut Vec<(T, (f64, f64))>, choice: T, cost: (f64, f64)) {
    let mut accept = true;
    paths.retain(|(_, old)| {
        if !accept {
            return true;
        }
        let better = second_wins(*old, cost);
        accept = better;
        !better
    });
    if accept {
        paths.push((choice, cost));
    }
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
