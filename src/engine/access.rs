//! Access paths for one table: the choice PostgreSQL's planner makes, for a table never
//! vacuumed or analyzed, between a sequential scan, a bitmap heap scan and an index scan for a
//! WHERE clause, and the order each meets rows in. That order decides which row an error names
//! when several break a constraint, and the order of rows a query without ORDER BY prints.
//!
//! The costs are costsize.c's and btcostestimate's with the default settings, over the estimates
//! plancat.c makes without statistics (at least 10 pages, tuples from the column widths) and
//! selfuncs.c's default selectivities.

use std::cmp::Ordering;

use crate::engine::expr::Bound;
use crate::engine::heap::Xid;
use crate::engine::storage::RowId;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::{Value, sort_cmp};
use crate::sql::ast::BinaryOp;

const SEQ_PAGE_COST: f64 = 1.0;
const RANDOM_PAGE_COST: f64 = 4.0;
const CPU_TUPLE_COST: f64 = 0.01;
const CPU_INDEX_TUPLE_COST: f64 = 0.005;
const CPU_OPERATOR_COST: f64 = 0.0025;
/// selfuncs.h: `DEFAULT_EQ_SEL`, `DEFAULT_INEQ_SEL`, `DEFAULT_RANGE_INEQ_SEL`, `DEFAULT_UNK_SEL`.
const DEFAULT_EQ_SEL: f64 = 0.005;
const DEFAULT_INEQ_SEL: f64 = 1.0 / 3.0;
const DEFAULT_RANGE_INEQ_SEL: f64 = 0.005;
const DEFAULT_UNK_SEL: f64 = 0.005;
const DEFAULT_NUM_DISTINCT: f64 = 200.0;
/// A heap page's room for tuples (BLCKSZ less the page header), and each tuple's fixed cost
/// (its aligned header and line pointer).
const USABLE_BYTES_PER_PAGE: u64 = 8168;
const OVERHEAD_BYTES_PER_TUPLE: u64 = 28;

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
    Compare { column: usize, op: BinaryOp, null: bool },
    /// `column IN (constants)`: the number of non-NULL items, and of items.
    In { column: usize, values: usize, items: usize },
    /// `column IS [NOT] NULL`.
    IsNull { column: usize, negated: bool },
    /// Anything else: the index cannot use it; its selectivity.
    Other(f64),
}

impl Qual {
    fn column(&self) -> Option<usize> {
        match self {
            Qual::Compare { column, .. }
            | Qual::In { column, .. }
            | Qual::IsNull { column, .. } => Some(*column),
            Qual::Other(_) => None,
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

/// The estimates plancat.c makes for a table without statistics.
struct Estimates {
    /// Pages: the table's, but at least 10 while it was never vacuumed.
    pages: f64,
    /// Tuples: pages times the tuples of the average width that fit one.
    tuples: f64,
}

impl Estimates {
    fn of(table: &Table) -> Self {
        let width: u64 = table.columns.iter().map(|c| average_width(&c.data_type)).sum();
        let per_tuple = width + OVERHEAD_BYTES_PER_TUPLE;
        let pages = table.pages.borrow().count().max(10) as f64;
        // An integer division, as in table_block_relation_estimate_size.
        let density = (USABLE_BYTES_PER_PAGE / per_tuple) as f64;
        Estimates { pages, tuples: (density * pages).round_ties_even() }
    }
}

/// `get_typavgwidth`: a fixed-width type's size; a variable one's from its length limit, or 32.
fn average_width(t: &DataType) -> u64 {
    // UTF8's longest character is 4 bytes; a varlena header is 4 more.
    let limited = |n: u32| u64::from(n) * 4 + 4;
    match t {
        DataType::Boolean => 1,
        DataType::SmallInt => 2,
        DataType::Integer | DataType::Real | DataType::Date => 4,
        DataType::BigInt | DataType::Double | DataType::Timestamp | DataType::Timestamptz => 8,
        DataType::Uuid => 16,
        DataType::Char(Some(n)) => limited(*n),
        DataType::Varchar(Some(n)) => {
            let max = limited(*n);
            if max <= 32 { max } else { 32 + (max.min(1000) - 32) / 2 }
        }
        // numeric(p, s): its largest value's size (numeric_maximum_size).
        DataType::Numeric(Some((p, _))) => 8 + u64::from((p + 6) / 4) * 2,
        _ => 32,
    }
}

/// The top-level AND terms of a condition.
fn conjuncts<'b>(b: &'b Bound, out: &mut Vec<&'b Bound>) {
    match b {
        Bound::And(l, r) => {
            conjuncts(l, out);
            conjuncts(r, out);
        }
        other => out.push(other),
    }
}

/// True when `b` reads no column: the planner treats it as a constant of the scan.
fn is_constant(b: &Bound) -> bool {
    match b {
        Bound::Const(_) | Bound::Literal(..) => true,
        Bound::Column(_) | Bound::Agg(_) => false,
        Bound::Cast(e, ..) | Bound::Unary(_, e, _) => is_constant(e),
        Bound::Binary(_, l, _, r, _, _) => is_constant(l) && is_constant(r),
        Bound::Func(_, args, _) => args.iter().all(is_constant),
        _ => false,
    }
}

fn is_null_const(b: &Bound) -> bool {
    matches!(b, Bound::Const(Value::Null))
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
                Qual::Compare { column: *c, op: *op, null: is_null_const(other) }
            }
            (other, Bound::Column(c)) if is_constant(other) => {
                Qual::Compare { column: *c, op: commute(*op), null: is_null_const(other) }
            }
            _ => other_qual(b),
        },
        Bound::InList(e, items, false) if items.iter().all(is_constant) => match &**e {
            Bound::Column(c) => Qual::In {
                column: *c,
                values: items.iter().filter(|i| !is_null_const(i)).count(),
                items: items.len(),
            },
            _ => other_qual(b),
        },
        Bound::IsNull(e, negated) => match &**e {
            Bound::Column(c) => Qual::IsNull { column: *c, negated: *negated },
            _ => other_qual(b),
        },
        _ => other_qual(b),
    }
}

/// A term no index serves, with its default selectivity (selfuncs.c without statistics).
fn other_qual(b: &Bound) -> Qual {
    Qual::Other(other_selectivity(b))
}

fn other_selectivity(b: &Bound) -> f64 {
    match b {
        Bound::Const(Value::Bool(true)) => 1.0,
        Bound::Const(Value::Bool(false) | Value::Null) => 0.0,
        Bound::Binary(BinaryOp::NotEq, ..) => 1.0 - DEFAULT_EQ_SEL,
        Bound::IsNull(_, true) => 1.0 - DEFAULT_UNK_SEL,
        Bound::And(l, r) => other_selectivity(l) * other_selectivity(r),
        Bound::Or(l, r) => {
            let (a, b) = (other_selectivity(l), other_selectivity(r));
            a + b - a * b
        }
        Bound::Binary(BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq, ..) => {
            DEFAULT_INEQ_SEL
        }
        _ => DEFAULT_EQ_SEL,
    }
}

/// What evaluating a condition costs per row (cost_qual_eval): one operator cost per operator
/// or function, half the list per `IN` (it stops at the first match, on average halfway).
fn qual_cost(b: &Bound) -> f64 {
    match b {
        Bound::Const(_) | Bound::Literal(..) | Bound::Column(_) | Bound::Agg(_) => 0.0,
        Bound::And(l, r) | Bound::Or(l, r) => qual_cost(l) + qual_cost(r),
        Bound::Unary(_, e, _) | Bound::IsNull(e, _) | Bound::IsBool(e, ..) => {
            CPU_OPERATOR_COST + qual_cost(e)
        }
        Bound::Binary(_, l, _, r, _, _) | Bound::IsDistinct(l, r, _) => {
            CPU_OPERATOR_COST + qual_cost(l) + qual_cost(r)
        }
        Bound::InList(e, items, _) => {
            CPU_OPERATOR_COST * items.len() as f64 * 0.5
                + qual_cost(e)
                + items.iter().map(qual_cost).sum::<f64>()
        }
        Bound::Case(arms, other) => {
            arms.iter().map(|(c, v)| qual_cost(c) + qual_cost(v)).sum::<f64>()
                + other.as_deref().map_or(0.0, qual_cost)
        }
        // A cast between types is a function call unless it only relabels.
        Bound::Cast(e, ..) => CPU_OPERATOR_COST + qual_cost(e),
        Bound::Func(_, args, _) => CPU_OPERATOR_COST + args.iter().map(qual_cost).sum::<f64>(),
    }
}

/// Selectivity of the equality `column = constant` (var_eq_const without statistics).
fn eq_selectivity(table: &Table, column: usize, est: &Estimates) -> f64 {
    let unique_alone = table.uniques.iter().any(|u| u.columns == [column])
        || table.indexes.iter().any(|i| i.unique && i.columns == [column]);
    let distinct = if unique_alone {
        est.tuples
    } else if table.columns[column].data_type == DataType::Boolean {
        2.0
    } else if est.tuples < DEFAULT_NUM_DISTINCT {
        est.tuples.max(1.0)
    } else {
        DEFAULT_NUM_DISTINCT
    };
    (1.0 / distinct).clamp(0.0, 1.0)
}

/// clauselist_selectivity over index-usable terms: a product, except that a lower and an upper
/// bound on one column make a range, which without statistics is DEFAULT_RANGE_INEQ_SEL.
fn selectivity(table: &Table, quals: &[&Qual], est: &Estimates) -> f64 {
    let mut product = 1.0;
    let mut bounds: Vec<(usize, bool, bool)> = Vec::new();
    for q in quals {
        match q {
            Qual::Compare { null: true, .. } => product = 0.0,
            Qual::Compare { column, op: BinaryOp::Eq, .. } => {
                product *= eq_selectivity(table, *column, est)
            }
            Qual::Compare { column, op, .. } => {
                let low = matches!(op, BinaryOp::Gt | BinaryOp::GtEq);
                match bounds.iter_mut().find(|b| b.0 == *column) {
                    Some(b) if low => b.1 = true,
                    Some(b) => b.2 = true,
                    None => bounds.push((*column, low, !low)),
                }
            }
            Qual::In { column, values, .. } => {
                product *= (*values as f64 * eq_selectivity(table, *column, est)).min(1.0)
            }
            Qual::IsNull { negated: false, .. } => product *= DEFAULT_UNK_SEL,
            Qual::IsNull { negated: true, .. } => product *= 1.0 - DEFAULT_UNK_SEL,
            Qual::Other(s) => product *= s,
        }
    }
    for (_, low, high) in bounds {
        product *= if low && high { DEFAULT_RANGE_INEQ_SEL } else { DEFAULT_INEQ_SEL };
    }
    product
}

/// clamp_row_est: at least one row, a whole number.
fn clamp_rows(rows: f64) -> f64 {
    if rows <= 1.0 { 1.0 } else { rows.round_ties_even() }
}

/// Heap pages a scan of `tuples` rows touches (index_pages_fetched: Mackert and Lohman, with
/// the whole table fitting in effective_cache_size).
fn pages_fetched(tuples: f64, pages: f64) -> f64 {
    let t = pages.max(1.0);
    let fetched = 2.0 * t * tuples / (2.0 * t + tuples);
    if fetched >= t { t } else { fetched.ceil() }
}

/// One index the planner may use: its name, columns, uniqueness, and the pages it holds.
struct IndexInfo<'t> {
    name: &'t str,
    columns: &'t [usize],
    unique: bool,
    pages: f64,
}

fn indexes(table: &Table) -> Vec<IndexInfo<'_>> {
    // A btree holds an entry for every version that is not a HOT update: a metapage, and a leaf
    // page once it has one; about 400 small entries to a leaf.
    let entries = table.heap.slot_count() - table.heap.hot_count();
    let pages = if entries == 0 { 1.0 } else { 1.0 + (entries as f64 / 400.0).ceil() };
    let pages = if pages > 2.0 { pages + 1.0 } else { pages };
    let uniques = table.uniques.iter().map(|u| IndexInfo {
        name: &u.name,
        columns: &u.columns,
        unique: true,
        pages,
    });
    let others = table.indexes.iter().map(|i| IndexInfo {
        name: &i.name,
        columns: &i.columns,
        unique: i.unique,
        pages,
    });
    uniques.chain(others).collect()
}

/// A path with its costs, as costsize.c computes them.
struct Costed {
    path: AccessPath,
    startup: f64,
    total: f64,
}

/// compare_path_costs_fuzzily: Some(true) when `a` is better, Some(false) when `b` is, None
/// when they are the same within `fuzz`.
fn fuzzy_better(a: &Costed, b: &Costed, fuzz: f64) -> Option<bool> {
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
fn add_path(kept: &mut Vec<Costed>, new: Costed) {
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

/// The costs of an index scan and a bitmap heap scan through `index` (None when no term of
/// the condition concerns it).
fn cost_index_paths(
    table: &Table,
    index: &IndexInfo<'_>,
    quals: &[Qual],
    all_quals_cost: f64,
    rel_rows: f64,
    est: &Estimates,
) -> Option<[Costed; 2]> {
    // Index clauses: terms on any of its columns (btree can filter by later columns in the
    // index); the boundary ones, which limit the part of the index read, stop after the first
    // column without an equality.
    let mut clauses: Vec<&Qual> = Vec::new();
    let mut boundary: Vec<&Qual> = Vec::new();
    let mut bounded = true;
    let mut all_equal = true;
    let mut saop_or_null = false;
    let mut sa_scans = 1.0;
    for &col in index.columns {
        let here: Vec<&Qual> = quals.iter().filter(|q| q.column() == Some(col)).collect();
        let equal_here = here.iter().any(|q| q.is_equality());
        if bounded {
            for q in &here {
                boundary.push(q);
                match q {
                    Qual::In { items, .. } => {
                        sa_scans *= *items as f64;
                        saop_or_null = true;
                    }
                    Qual::IsNull { .. } => saop_or_null = true,
                    _ => {}
                }
            }
        }
        all_equal &= equal_here;
        bounded &= equal_here;
        clauses.extend(here);
    }
    if clauses.is_empty() {
        return None;
    }
    let index_selectivity = selectivity(table, &clauses, est);
    // btcostestimate: a unique index with every column equal finds one tuple.
    let mut index_tuples = if index.unique && all_equal && !saop_or_null {
        1.0
    } else {
        (selectivity(table, &boundary, est) * est.tuples / sa_scans).round_ties_even()
    };
    index_tuples = index_tuples.min(est.tuples).max(1.0);
    // genericcostestimate: the index pages read, at random; each entry's CPU.
    let index_pages = if index.pages > 1.0 && est.tuples > 1.0 {
        (index_tuples * index.pages / est.tuples).ceil()
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
    if est.tuples > 1.0 {
        descent += est.tuples.log2().ceil() * CPU_OPERATOR_COST;
    }
    index_cost += sa_scans * descent;

    let tuples_fetched = clamp_rows(index_selectivity * est.tuples);
    let fetched = pages_fetched(tuples_fetched, est.pages);

    // cost_index: every heap page fetched at random (no correlation known); the terms the
    // index did not apply are evaluated per tuple.
    let index_only_cost: f64 = clauses.iter().map(|_| CPU_OPERATOR_COST).sum();
    let rest_cost = (all_quals_cost - index_only_cost).max(0.0);
    let plain =
        index_cost + fetched * RANDOM_PAGE_COST + (CPU_TUPLE_COST + rest_cost) * tuples_fetched;

    // cost_bitmap_heap_scan: pages between random and sequential cost, every term rechecked.
    let bitmap_pages = fetched.min(est.pages).ceil();
    let per_page = if bitmap_pages >= 2.0 {
        RANDOM_PAGE_COST - (RANDOM_PAGE_COST - SEQ_PAGE_COST) * (bitmap_pages / est.pages).sqrt()
    } else {
        RANDOM_PAGE_COST
    };
    let bitmap_startup = index_cost + 0.1 * CPU_OPERATOR_COST * rel_rows;
    let bitmap = bitmap_startup
        + bitmap_pages * per_page
        + (CPU_TUPLE_COST + all_quals_cost) * tuples_fetched;

    Some([
        Costed {
            path: AccessPath::IndexScan {
                index: index.name.to_string(),
                columns: index.columns.to_vec(),
            },
            startup: descent,
            total: plain,
        },
        Costed {
            path: AccessPath::BitmapHeapScan { index: index.name.to_string() },
            startup: bitmap_startup,
            total: bitmap,
        },
    ])
}

/// The access path PostgreSQL picks for `filter` (bound against the table's own columns) on
/// this table: the cheapest, an index path winning a near tie for its sorted output.
pub fn choose_path(table: &Table, filter: Option<&Bound>) -> AccessPath {
    let Some(filter) = filter else { return AccessPath::SeqScan };
    let mut terms = Vec::new();
    conjuncts(filter, &mut terms);
    let quals: Vec<Qual> = terms.iter().map(|t| classify(t)).collect();
    if quals.iter().all(|q| matches!(q, Qual::Other(_))) {
        return AccessPath::SeqScan;
    }
    let est = Estimates::of(table);
    let all_quals_cost = qual_cost(filter);
    let all: Vec<&Qual> = quals.iter().collect();
    let rel_rows = clamp_rows(selectivity(table, &all, &est) * est.tuples);
    // set_plain_rel_pathlist's order: the sequential scan, each index's scan, then one bitmap
    // heap scan (the cheapest index's).
    let mut kept = Vec::new();
    add_path(
        &mut kept,
        Costed {
            path: AccessPath::SeqScan,
            startup: 0.0,
            total: est.pages * SEQ_PAGE_COST + est.tuples * (CPU_TUPLE_COST + all_quals_cost),
        },
    );
    let mut bitmap: Option<Costed> = None;
    for index in indexes(table) {
        let Some([plain, heap]) =
            cost_index_paths(table, &index, &quals, all_quals_cost, rel_rows, &est)
        else {
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
    // set_cheapest: the lowest total cost, then the lowest startup cost.
    kept.into_iter()
        .min_by(|a, b| a.total.total_cmp(&b.total).then(a.startup.total_cmp(&b.startup)))
        .map_or(AccessPath::SeqScan, |c| c.path)
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
        AccessPath::BitmapHeapScan { .. } => rows.sort_by_key(|&r| pages.tid(heap.root(r))),
        AccessPath::IndexScan { columns, .. } => rows.sort_by(|&a, &b| {
            columns
                .iter()
                .map(|&c| heap.with_value(a, c, |x| heap.with_value(b, c, |y| sort_cmp(x, y))))
                .find(|o| *o != Ordering::Equal)
                .unwrap_or_else(|| pages.tid(heap.root(a)).cmp(&pages.tid(heap.root(b))))
        }),
    }
}
