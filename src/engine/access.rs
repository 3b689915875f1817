//! Access paths for one table: the choice PostgreSQL's planner makes, for a table never
//! vacuumed or analyzed, between a sequential scan, a bitmap heap scan and an index scan for a
//! WHERE clause, and the order each meets rows in. That order decides which row an error names
//! when several break a constraint, and the order of rows a query without ORDER BY prints.
//!
//! The costs are costsize.c's and btcostestimate's with the default settings, over the estimates
//! plancat.c makes without statistics (at least 10 pages, tuples from the column widths) and
//! selfuncs.c's default selectivities.

use std::cmp::Ordering;

use smallvec::SmallVec;

use crate::engine::colscan::{RowReader, columns_read};
use crate::engine::expr::{Bound, EvalContext};
use crate::engine::fastexpr::FastExpr;
use crate::engine::groupplan::{RelEstimate, clamp_row_est};
use crate::engine::heap::Xid;
use crate::engine::selectivity::{flatten_and, qual_cost};
use crate::engine::storage::RowId;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::{Value, sort_cmp};
use crate::error::Result;
use crate::sql::ast::BinaryOp;

const SEQ_PAGE_COST: f64 = 1.0;
const RANDOM_PAGE_COST: f64 = 4.0;
const CPU_TUPLE_COST: f64 = 0.01;
const CPU_INDEX_TUPLE_COST: f64 = 0.005;
const CPU_OPERATOR_COST: f64 = 0.0025;

/// How a scan reaches a table's rows.
#[derive(Debug, Clone, PartialEq)]
pub enum AccessPath {
    /// Every live row, in slot order.
    SeqScan,
    /// The rows an index finds, in the heap order of the slots its entries point to: a HOT
    /// chain's root, not its newest version.
    BitmapHeapScan {
        /// The index's name.
        index: String,
    },
    /// The rows an index finds, in key order (equal keys by the slot their entry points to).
    IndexScan {
        /// The index's name.
        index: String,
        /// The index's columns, in key order.
        columns: Vec<usize>,
    },
}

/// One top-level AND term of a WHERE clause, as the planner sees it.
#[derive(Debug)]
enum Qual {
    /// `column op constant` with a btree operator (=, <, <=, >, >=), column on either side.
    Compare { column: usize, op: BinaryOp },
    /// `column IN (constants)`, with its number of items (one index scan each).
    In { column: usize, items: usize },
    /// `column IS [NOT] NULL`.
    IsNull { column: usize, negated: bool },
    /// Anything else: the index cannot use it.
    Other,
}

impl Qual {
    fn column(&self) -> Option<usize> {
        match self {
            Qual::Compare { column, .. }
            | Qual::In { column, .. }
            | Qual::IsNull { column, .. } => Some(*column),
            Qual::Other => None,
        }
    }

    /// Equality-like for btree's boundary rule (btcostestimate): =, IN and IS NULL let the next
    /// index column bound the scan too.
    fn is_equality(&self) -> bool {
        matches!(
            self,
            Qual::Compare { op: BinaryOp::Eq, .. }
                | Qual::In { .. }
                | Qual::IsNull { negated: false, .. }
        )
    }
}

/// True when `b` reads no column: the planner treats it as a constant of the scan.
pub(crate) fn is_constant(b: &Bound) -> bool {
    match b {
        Bound::Const(_) | Bound::Literal(..) => true,
        Bound::Column(_) | Bound::Agg(_) => false,
        Bound::Cast(e, ..) | Bound::Unary(_, e, _) => is_constant(e),
        Bound::Binary(_, l, _, r, _, _) => is_constant(l) && is_constant(r),
        Bound::Func(_, args, _) => args.iter().all(is_constant),
        _ => false,
    }
}

/// The operator with its operands swapped (`1 < id` is `id > 1`).
fn commute(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::LtEq => BinaryOp::GtEq,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::GtEq => BinaryOp::LtEq,
        other => other,
    }
}

fn classify(b: &Bound) -> Qual {
    let btree = |op: &BinaryOp| {
        matches!(op, BinaryOp::Eq | BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq)
    };
    match b {
        Bound::Binary(op, l, _, r, _, _) if btree(op) => match (&**l, &**r) {
            (Bound::Column(c), other) if is_constant(other) => {
                Qual::Compare { column: *c, op: *op }
            }
            (other, Bound::Column(c)) if is_constant(other) => {
                Qual::Compare { column: *c, op: commute(*op) }
            }
            _ => Qual::Other,
        },
        Bound::InList(e, items, false) if items.iter().all(is_constant) => match &**e {
            Bound::Column(c) => Qual::In { column: *c, items: items.len() },
            _ => Qual::Other,
        },
        Bound::IsNull(e, negated) => match &**e {
            Bound::Column(c) => Qual::IsNull { column: *c, negated: *negated },
            _ => Qual::Other,
        },
        _ => Qual::Other,
    }
}

/// Whether an index on `columns` can apply the WHERE term `b` (an index clause: EXPLAIN's
/// `Index Cond`), as cost_index_paths picks them.
pub(crate) fn is_index_clause(b: &Bound, columns: &[usize]) -> bool {
    classify(b).column().is_some_and(|c| columns.contains(&c))
}

/// The columns of the btree index called `name` on `table`.
pub(crate) fn index_columns<'t>(table: &'t Table, name: &str) -> Option<&'t [usize]> {
    indexes(table).into_iter().find(|i| i.name == name).map(|i| i.columns)
}

/// Heap pages a scan of `tuples` rows touches (index_pages_fetched: Mackert and Lohman, with
/// the whole table fitting in effective_cache_size).
pub(crate) fn pages_fetched(tuples: f64, pages: f64) -> f64 {
    let t = pages.max(1.0);
    let fetched = 2.0 * t * tuples / (2.0 * t + tuples);
    if fetched >= t { t } else { fetched.ceil() }
}

/// One index the planner may use: its name, columns, uniqueness, and the pages it holds.
pub(crate) struct IndexInfo<'t> {
    pub(crate) name: &'t str,
    pub(crate) columns: &'t [usize],
    pub(crate) unique: bool,
    pub(crate) pages: f64,
}

pub(crate) fn indexes(table: &Table) -> Vec<IndexInfo<'_>> {
    // A btree holds an entry for every version that is not a HOT update: a metapage, and a leaf
    // page once it has one; about 400 small entries to a leaf.
    let entries = table.heap.slot_count() - table.pages.borrow().hot_count();
    let pages = if entries == 0 { 1.0 } else { 1.0 + (entries as f64 / 400.0).ceil() };
    let pages = if pages > 2.0 { pages + 1.0 } else { pages };
    let uniques = table.uniques.iter().map(|u| IndexInfo {
        name: &u.name,
        columns: &u.columns,
        unique: true,
        pages,
    });
    let others = table.indexes.iter().filter(|i| i.method == "btree").map(|i| IndexInfo {
        name: &i.name,
        columns: &i.columns,
        unique: i.unique,
        pages,
    });
    uniques.chain(others).collect()
}

/// A path with its costs, as costsize.c computes them.
struct Costed<'i> {
    path: Candidate<'i>,
    startup: f64,
    total: f64,
}

/// An [`AccessPath`] being costed, naming its index without a copy (only the chosen one is made).
#[derive(Clone, Copy)]
enum Candidate<'i> {
    Seq,
    Bitmap(&'i IndexInfo<'i>),
    Index(&'i IndexInfo<'i>),
}

impl Candidate<'_> {
    fn path(self) -> AccessPath {
        match self {
            Candidate::Seq => AccessPath::SeqScan,
            Candidate::Bitmap(i) => AccessPath::BitmapHeapScan { index: i.name.to_string() },
            Candidate::Index(i) => {
                AccessPath::IndexScan { index: i.name.to_string(), columns: i.columns.to_vec() }
            }
        }
    }
}

/// compare_path_costs_fuzzily: Some(true) when `a` is better, Some(false) when `b` is, None
/// when they are the same within `fuzz`.
fn fuzzy_better(a: &Costed<'_>, b: &Costed<'_>, fuzz: f64) -> Option<bool> {
    if a.total > b.total * fuzz {
        return Some(false);
    }
    if b.total > a.total * fuzz {
        return Some(true);
    }
    if a.startup > b.startup * fuzz {
        return Some(false);
    }
    if b.startup > a.startup * fuzz {
        return Some(true);
    }
    None
}

/// add_path: keeps the paths no other path beats on cost. An index scan's sorted output counts
/// only when it is useful (ORDER BY, merge joins: truncate_useless_pathkeys), which no access
/// path chosen here needs, so every path compares on cost alone; between two the same within
/// 1%, the older stays unless the newer is cheaper by more than rounding.
fn add_path<'i>(kept: &mut SmallVec<[Costed<'i>; 4]>, new: Costed<'i>) {
    let mut accept = true;
    kept.retain(|old| {
        if !accept {
            return true;
        }
        let better = match fuzzy_better(&new, old, 1.01) {
            None => fuzzy_better(&new, old, 1.000_000_000_1) == Some(true),
            Some(b) => b,
        };
        accept = better;
        !better
    });
    if accept {
        kept.push(new);
    }
}

/// A term of the WHERE clause, as written and as the index matcher sees it.
struct Term<'b> {
    bound: &'b Bound,
    qual: Qual,
}

/// The costs of an index scan and a bitmap heap scan through `index` (None when no term of
/// the condition concerns it).
fn cost_index_paths<'i>(
    index: &'i IndexInfo<'i>,
    terms: &[Term<'_>],
    all_quals_cost: f64,
    rel: &RelEstimate,
) -> Option<[Costed<'i>; 2]> {
    // Index clauses: terms on any of its columns (btree can filter by later columns in the
    // index); the boundary ones, which limit the part of the index read, stop after the first
    // column without an equality.
    let mut clauses: SmallVec<[&Bound; 4]> = SmallVec::new();
    let mut boundary: SmallVec<[&Bound; 4]> = SmallVec::new();
    let mut bounded = true;
    let mut all_equal = true;
    let mut saop_or_null = false;
    let mut sa_scans = 1.0;
    for &col in index.columns {
        let here: SmallVec<[&Term<'_>; 4]> =
            terms.iter().filter(|t| t.qual.column() == Some(col)).collect();
        let equal_here = here.iter().any(|t| t.qual.is_equality());
        if bounded {
            for t in &here {
                boundary.push(t.bound);
                match t.qual {
                    Qual::In { items, .. } => {
                        sa_scans *= items as f64;
                        saop_or_null = true;
                    }
                    Qual::IsNull { .. } => saop_or_null = true,
                    _ => {}
                }
            }
        }
        all_equal &= equal_here;
        bounded &= equal_here;
        clauses.extend(here.iter().map(|t| t.bound));
    }
    if clauses.is_empty() {
        return None;
    }
    let (tuples, pages) = (rel.tuples, rel.pages);
    let index_selectivity = rel.clauselist_selectivity(&clauses);
    // btcostestimate: a unique index with every column equal finds one tuple.
    let mut index_tuples = if index.unique && all_equal && !saop_or_null {
        1.0
    } else {
        (rel.clauselist_selectivity(&boundary) * tuples / sa_scans).round_ties_even()
    };
    index_tuples = index_tuples.min(tuples).max(1.0);
    // genericcostestimate: the index pages read, at random; each entry's CPU.
    let index_pages = if index.pages > 1.0 && tuples > 1.0 {
        (index_tuples * index.pages / tuples).ceil()
    } else {
        1.0
    };
    let mut index_cost = if sa_scans > 1.0 {
        pages_fetched(index_pages * sa_scans, index.pages) * RANDOM_PAGE_COST
    } else {
        index_pages * RANDOM_PAGE_COST
    };
    let op_cost = CPU_OPERATOR_COST * clauses.len() as f64;
    index_cost += index_tuples * sa_scans * (CPU_INDEX_TUPLE_COST + op_cost);
    // The descent from the root: comparisons, and a charge per level; the first descent is
    // startup cost.
    let height = if index.pages > 2.0 { 1.0 } else { 0.0 };
    let mut descent = (height + 1.0) * 50.0 * CPU_OPERATOR_COST;
    if tuples > 1.0 {
        descent += tuples.log2().ceil() * CPU_OPERATOR_COST;
    }
    index_cost += sa_scans * descent;

    let tuples_fetched = clamp_row_est(index_selectivity * tuples);
    let fetched = pages_fetched(tuples_fetched, pages);

    // cost_index: every heap page fetched at random (no correlation known); the terms the
    // index did not apply are evaluated per tuple.
    let index_only_cost = CPU_OPERATOR_COST * clauses.len() as f64;
    let rest_cost = (all_quals_cost - index_only_cost).max(0.0);
    let plain =
        index_cost + fetched * RANDOM_PAGE_COST + (CPU_TUPLE_COST + rest_cost) * tuples_fetched;

    // cost_bitmap_heap_scan: pages between random and sequential cost, every term rechecked.
    let bitmap_pages = fetched.min(pages).ceil();
    let per_page = if bitmap_pages >= 2.0 {
        RANDOM_PAGE_COST - (RANDOM_PAGE_COST - SEQ_PAGE_COST) * (bitmap_pages / pages).sqrt()
    } else {
        RANDOM_PAGE_COST
    };
    let bitmap_startup = index_cost + 0.1 * CPU_OPERATOR_COST * rel.rows();
    let bitmap = bitmap_startup
        + bitmap_pages * per_page
        + (CPU_TUPLE_COST + all_quals_cost) * tuples_fetched;

    Some([
        Costed { path: Candidate::Index(index), startup: descent, total: plain },
        Costed { path: Candidate::Bitmap(index), startup: bitmap_startup, total: bitmap },
    ])
}

/// The plan PostgreSQL makes to read this table for `filter` (bound against the table's own
/// columns): the access path and what it costs.
#[derive(Debug, Clone)]
pub struct ScanPlan {
    /// How the rows are reached.
    pub path: AccessPath,
    /// Cost before the first row.
    pub startup: f64,
    /// Cost of all rows.
    pub total: f64,
}

/// The cheapest way PostgreSQL finds to read this table for `filter`.
pub fn plan_scan(table: &Table, filter: Option<&Bound>) -> ScanPlan {
    let mut bounds = Vec::new();
    if let Some(f) = filter {
        flatten_and(f, &mut bounds);
    }
    let rel = RelEstimate::of_table(table, &bounds);
    let all_quals_cost = filter.map_or(0.0, qual_cost);
    let seq = Costed {
        path: Candidate::Seq,
        startup: 0.0,
        total: rel.pages * SEQ_PAGE_COST + rel.tuples * (CPU_TUPLE_COST + all_quals_cost),
    };
    let terms: SmallVec<[Term<'_>; 4]> =
        bounds.iter().map(|&b| Term { bound: b, qual: classify(b) }).collect();
    // set_plain_rel_pathlist's order: the sequential scan, each index's scan, then one bitmap
    // heap scan (the cheapest index's).
    let indexes = if terms.iter().any(|t| !matches!(t.qual, Qual::Other)) {
        indexes(table)
    } else {
        Vec::new()
    };
    let mut kept = SmallVec::new();
    add_path(&mut kept, seq);
    if !indexes.is_empty() {
        let mut bitmap: Option<Costed<'_>> = None;
        for index in &indexes {
            let Some([plain, heap]) = cost_index_paths(index, &terms, all_quals_cost, &rel) else {
                continue;
            };
            add_path(&mut kept, plain);
            if bitmap.as_ref().is_none_or(|b| heap.total < b.total) {
                bitmap = Some(heap);
            }
        }
        if let Some(b) = bitmap {
            add_path(&mut kept, b);
        }
    }
    // set_cheapest: the lowest total cost, then the lowest startup cost.
    let best = kept
        .into_iter()
        .min_by(|a, b| a.total.total_cmp(&b.total).then(a.startup.total_cmp(&b.startup)));
    match best {
        Some(c) => ScanPlan { path: c.path.path(), startup: c.startup, total: c.total },
        None => ScanPlan { path: AccessPath::SeqScan, startup: 0.0, total: 0.0 },
    }
}

/// The access path PostgreSQL picks for `filter` on this table.
pub fn choose_path(table: &Table, filter: Option<&Bound>) -> AccessPath {
    plan_scan(table, filter).path
}

/// The rows `filter` may keep when `path` reads them through an index: those an index finds
/// for the filter's equalities to constants, in slot order; None when the whole table must be
/// read (a sequential scan, which also visits every page, or no index fksim keeps covers them).
pub fn index_candidates(
    table: &Table,
    filter: Option<&Bound>,
    path: &AccessPath,
) -> Option<Vec<RowId>> {
    if *path == AccessPath::SeqScan {
        return None;
    }
    let mut terms = Vec::new();
    flatten_and(filter?, &mut terms);
    let same_kind = |a: &DataType, b: &DataType| {
        (a.is_integer() && b.is_integer())
            || (a.base() == b.base() && !a.is_numeric() && !matches!(a, DataType::Char(_)))
    };
    let equal: Vec<(usize, &Value)> = terms
        .iter()
        .filter_map(|t| match t {
            Bound::Binary(BinaryOp::Eq, l, lt, r, rt, _) => match (&**l, &**r) {
                (Bound::Column(c), Bound::Const(v)) | (Bound::Const(v), Bound::Column(c))
                    if same_kind(lt, rt) =>
                {
                    Some((*c, v))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    if equal.is_empty() {
        return None;
    }
    table.find_equal(&equal)
}

/// The rows of `table` that satisfy `filter`, in the order `path` meets them: the index's
/// candidates when it has them, every live row otherwise.
pub fn filter_rows(
    table: &Table,
    filter: Option<&Bound>,
    path: &AccessPath,
    ctx: &EvalContext,
) -> Result<Vec<RowId>> {
    let mut ids = Vec::new();
    // The filter reads its own columns of each row, in place.
    let mut reader = RowReader::new(&table.heap, columns_read(table.heap.width(), filter));
    let test = filter.map(FastExpr::new);
    let mut keep = |id: RowId| -> Result<()> {
        ctx.cancel.check()?;
        if let Some(row) = reader.read(id)
            && test.as_ref().map_or(Ok(true), |t| t.holds(row, ctx))?
        {
            ids.push(id);
        }
        Ok(())
    };
    match index_candidates(table, filter, path) {
        Some(candidates) => candidates.into_iter().try_for_each(&mut keep)?,
        None if filter.is_none() => {
            for id in table.heap.ids() {
                ctx.cancel.check()?;
                ids.push(id);
            }
        }
        None => table.heap.ids().try_for_each(keep)?,
    }
    scan_rows(table, path, &mut ids, ctx.xid);
    Ok(ids)
}

/// Puts `rows` (found in slot order) in the order `path` meets them, and lets the scan read
/// (and perhaps prune) the pages it reads: every page for a sequential scan, the pages the
/// index entries lead to otherwise.
pub fn scan_rows(table: &Table, path: &AccessPath, rows: &mut [RowId], current: Xid) {
    let heap = &table.heap;
    match path {
        AccessPath::SeqScan => table.visit_all_pages(current),
        _ => table.visit_pages_of(rows, current),
    }
    let pages = table.pages.borrow();
    match path {
        AccessPath::SeqScan => {
            if !pages.in_slot_order() {
                rows.sort_by_key(|&r| pages.tid(r));
            }
        }
        AccessPath::BitmapHeapScan { .. } => rows.sort_by_key(|&r| pages.root_tid(r)),
        AccessPath::IndexScan { columns, .. } => rows.sort_by(|&a, &b| {
            columns
                .iter()
                .map(|&c| heap.with_value(a, c, |x| heap.with_value(b, c, |y| sort_cmp(x, y))))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or_else(|| pages.root_tid(a).cmp(&pages.root_tid(b)))
        }),
    }
}
