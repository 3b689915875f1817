//! The planner's side of GROUP BY and DISTINCT without ORDER BY: PostgreSQL 15's estimates
//! for a never-analyzed table, its choice of a hashed or a sorted plan, and the group order
//! that choice produces.

use std::cmp::Ordering;
use std::ops::Range;

use crate::engine::access::plan_scan;
use crate::engine::calls::{AggCall, AggKind, Func};
use crate::engine::database::Database;
use crate::engine::expr::Bound;
use crate::engine::hashagg;
use crate::engine::pghash;
use crate::engine::selectivity::{flatten_and, has_aggregate, qual_cost};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::{Value, sort_cmp};
use crate::sql::ast::{Expr, FromItem, Literal, Query};

/// `DEFAULT_NUM_DISTINCT`: distinct values assumed for a column without statistics.
const DEFAULT_NUM_DISTINCT: f64 = 200.0;
/// `cpu_operator_cost`, `cpu_tuple_cost`, `seq_page_cost`: the default cost settings.
pub(crate) const CPU_OPERATOR_COST: f64 = 0.0025;
pub(crate) const CPU_TUPLE_COST: f64 = 0.01;
const SEQ_PAGE_COST: f64 = 1.0;
/// `STD_FUZZ_FACTOR`: add_path treats costs within 1% as equal.
const FUZZ: f64 = 1.01;

/// What the planner knows of the one table a grouped query reads, after its WHERE clause.
#[derive(Debug, Clone)]
pub struct RelEstimate {
    /// `rel->tuples`: estimate_rel_size's row count.
    pub(crate) tuples: f64,
    /// `rel->pages`.
    pub(crate) pages: f64,
    /// `rel->rows`: tuples times the WHERE clause's selectivity.
    rows: f64,
    /// Columns with a single-column unique index (`vardata->isunique`).
    pub(crate) unique: Vec<bool>,
    /// Each column's type.
    pub(crate) types: Vec<DataType>,
    /// What reading the table costs: its cheapest access path for the WHERE clause.
    scan_total: f64,
    /// The btree indexes' columns (primary key, unique constraints, CREATE INDEX).
    indexes: Vec<Vec<usize>>,
    /// Each table's non-deferrable primary key and the columns that are that table's: GROUP
    /// BY drops the table's other columns once it names the whole key
    /// (remove_useless_groupby_columns).
    pub(crate) primary: Vec<(Vec<usize>, Range<usize>)>,
    /// A join of two tables: the groups are estimated over each table's own columns.
    pub(crate) join: Option<Box<crate::engine::join_group::JoinRel>>,
}

/// How the groups come out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    /// HashAggregate: simplehash iteration order from a table sized for this many groups.
    Hashed(u64),
    /// Sort + GroupAggregate/Group/Unique: ascending by the keys, NULLs last.
    Sorted,
    /// fksim cannot say: first-seen order.
    AsSeen,
}

/// The node on top of the grouping: it changes the costs a little.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// GROUP BY with aggregates (Agg): the number of aggregates, whether one of them has
    /// DISTINCT (which only the sorted plan can do), what their arguments and FILTERs cost per
    /// row, and the memory their transition values take per group (`transitionSpace`).
    /// `width` is the input rows' width: the columns the keys and the aggregates read.
    Aggregate { aggregates: usize, distinct: bool, arg_cost: f64, space: u64, width: u64 },
    /// GROUP BY without aggregates (Group) or SELECT DISTINCT (Unique).
    Plain,
}

/// `get_typavgwidth`: fixed widths as they are; variable ones from their maximum (4 bytes a
/// character in UTF8) or 32.
pub(crate) fn type_width(ty: &DataType) -> i32 {
    let from_max = |max: i64| -> i32 {
        if max <= 32 {
            max as i32
        } else if max < 1000 {
            (32 + (max - 32) / 2) as i32
        } else {
            32 + (1000 - 32) / 2
        }
    };
    match ty {
        DataType::Boolean => 1,
        DataType::SmallInt => 2,
        DataType::Integer | DataType::Real | DataType::Date => 4,
        DataType::BigInt | DataType::Double | DataType::Timestamp | DataType::Timestamptz => 8,
        DataType::Uuid => 16,
        // numeric_maximum_size: header plus enough base-10000 digits for the precision.
        DataType::Numeric(Some((p, _))) => from_max(8 + i64::from((p + 6) / 4) * 2),
        DataType::Varchar(Some(n)) => from_max(i64::from(*n) * 4 + 4),
        // bpchar's maximum is its average: it is always padded.
        DataType::Char(Some(n)) => (i64::from(*n) * 4 + 4).min(i64::from(i32::MAX)) as i32,
        _ => 32,
    }
}

/// `clamp_row_est`.
pub(crate) fn clamp_row_est(n: f64) -> f64 {
    if n <= 1.0 { 1.0 } else { n.round_ties_even() }
}

impl RelEstimate {
    /// The estimate for a FROM list that is one table (joins and functions are not modelled).
    /// HAVING conditions without aggregates count as WHERE conditions: the planner moves
    /// them there.
    pub fn of_from(
        db: &Database,
        from: &[FromItem],
        filter: Option<&Bound>,
        having: Option<&Bound>,
    ) -> Option<Self> {
        let [FromItem::Table { name, .. }] = from else { return None };
        let table = db.table(db.resolve(name).ok()?).ok()?;
        Some(Self::of_scan(table, filter, having))
    }

    /// The estimate for `table` read with `filter`, HAVING's conditions without aggregates
    /// counting as WHERE conditions.
    pub(crate) fn of_scan(table: &Table, filter: Option<&Bound>, having: Option<&Bound>) -> Self {
        let mut rel = Self::of_table(table, &where_clauses(filter, having));
        // The grouping reads the table the cheapest way: a bitmap heap scan, say.
        rel.scan_total = rel.scan_total.min(plan_scan(table, filter).total);
        rel
    }

    /// This estimate read by a path costing `total` when that is cheaper (as `of_scan`).
    pub(crate) fn with_scan_total(mut self, total: f64) -> Self {
        self.scan_total = self.scan_total.min(total);
        self
    }

    /// This estimate seen through a select list of plain columns: output column i is the
    /// table's column `columns[i]` (a subquery in FROM the planner pulls up).
    pub(crate) fn project(mut self, columns: &[usize]) -> Self {
        self.unique =
            columns.iter().map(|&c| self.unique.get(c).copied().unwrap_or(false)).collect();
        self.types = columns.iter().filter_map(|&c| self.types.get(c).cloned()).collect();
        let out = |c: &usize| columns.iter().position(|o| o == c);
        self.indexes = (self.indexes.iter())
            .filter_map(|ix| ix.iter().map(out).collect::<Option<Vec<usize>>>())
            .collect();
        self.primary = (self.primary.iter())
            .filter_map(|(pk, _)| pk.iter().map(out).collect::<Option<Vec<usize>>>())
            .map(|pk| (pk, 0..columns.len()))
            .collect();
        self
    }

    /// The GROUP BY keys the planner keeps (their places in `keys`): a table's other columns
    /// go once the keys name its whole primary key (remove_useless_groupby_columns).
    pub fn kept_group_keys(&self, keys: &[(Bound, DataType)]) -> Vec<usize> {
        let column = |i: usize| match keys.get(i) {
            Some((Bound::Column(c), _)) => Some(*c),
            _ => None,
        };
        let named: Vec<usize> = (0..keys.len()).filter_map(column).collect();
        (0..keys.len())
            .filter(|&i| {
                let Some(c) = column(i) else { return true };
                !self.primary.iter().any(|(pk, table)| {
                    table.contains(&c) && !pk.contains(&c) && pk.iter().all(|p| named.contains(p))
                })
            })
            .collect()
    }

    /// A CTE Scan's estimate (set_cte_size_estimates, cost_ctescan): `tuples` rows expected
    /// of the WITH query, of `types`, no column known unique, filtered by `clauses`.
    pub(crate) fn of_cte_scan(tuples: f64, types: Vec<DataType>, clauses: &[&Bound]) -> Self {
        let mut rel = RelEstimate {
            tuples,
            pages: 0.0,
            rows: tuples,
            unique: vec![false; types.len()],
            types,
            scan_total: tuples * CPU_TUPLE_COST,
            indexes: Vec::new(),
            primary: Vec::new(),
            join: None,
        };
        if !clauses.is_empty() {
            rel.rows = clamp_row_est(tuples * rel.clauselist_selectivity(clauses));
            let qual_cost: f64 = clauses.iter().map(|c| qual_cost(c)).sum();
            rel.scan_total = tuples * (CPU_TUPLE_COST + qual_cost);
        }
        rel
    }

    /// A join's estimate (`join_group.rs`): its rows, its cheapest path's total cost, and its
    /// two tables' columns side by side.
    pub(crate) fn of_join(join: crate::engine::join_group::JoinRel, rows: f64, total: f64) -> Self {
        let (l, r, width) = (&join.left, &join.right, join.width);
        let shifted = |(pk, cols): &(Vec<usize>, Range<usize>)| {
            (pk.iter().map(|c| c + width).collect(), cols.start + width..cols.end + width)
        };
        RelEstimate {
            tuples: rows,
            pages: 0.0,
            rows,
            unique: l.unique.iter().chain(&r.unique).copied().collect(),
            types: l.types.iter().chain(&r.types).cloned().collect(),
            scan_total: total,
            indexes: Vec::new(),
            primary: l.primary.iter().cloned().chain(r.primary.iter().map(shifted)).collect(),
            join: Some(Box::new(join)),
        }
    }

    /// `estimate_rel_size` for a table never vacuumed or analyzed (relpages 0): at least 10
    /// pages, holding as many tuples as fit at the columns' average widths; then the WHERE
    /// clause's selectivity (`clauselist_selectivity` without statistics).
    pub fn of_table(table: &Table, clauses: &[&Bound]) -> Self {
        let types: Vec<DataType> = table.columns.iter().map(|c| c.data_type.clone()).collect();
        let widths: Vec<i32> = types.iter().map(type_width).collect();
        // table_block_relation_estimate_size: a 24-byte page header, 24-byte tuple headers
        // and 4-byte line pointers; integer division, as in C.
        let tuple_width = widths.iter().map(|&w| i64::from(w)).sum::<i64>() + 28;
        let width_density = (8168 / tuple_width.max(1)) as f64;
        let current = table.pages.borrow().count() as f64;
        // Once an index build has recorded the table's size, its density stands and the
        // table is as big as it is (no 10-page floor).
        let (density, pages) = match table.class_stats {
            Some((relpages, reltuples)) if relpages > 0.0 => (reltuples / relpages, current),
            _ => (width_density, current.max(10.0)),
        };
        let tuples = (density * pages).round_ties_even();
        let mut unique = vec![false; widths.len()];
        let single_unique = table
            .uniques
            .iter()
            .map(|u| &u.columns)
            .chain(table.indexes.iter().filter(|i| i.unique).map(|i| &i.columns));
        for cols in single_unique {
            if let [c] = cols.as_slice()
                && let Some(u) = unique.get_mut(*c)
            {
                *u = true;
            }
        }
        let indexes = table
            .uniques
            .iter()
            .map(|u| u.columns.clone())
            .chain(table.indexes.iter().map(|i| i.columns.clone()))
            .collect();
        let primary = (table.uniques.iter())
            .filter(|u| u.primary && !u.deferrable)
            .map(|u| (u.columns.clone(), 0..widths.len()))
            .collect();
        let mut rel = RelEstimate {
            tuples,
            pages,
            rows: tuples,
            unique,
            types,
            scan_total: pages * SEQ_PAGE_COST + tuples * CPU_TUPLE_COST,
            indexes,
            primary,
            join: None,
        };
        if !clauses.is_empty() {
            rel.rows = clamp_row_est(tuples * rel.clauselist_selectivity(clauses));
            let qual_cost: f64 = clauses.iter().map(|c| qual_cost(c)).sum();
            rel.scan_total = pages * SEQ_PAGE_COST + tuples * (CPU_TUPLE_COST + qual_cost);
        }
        rel
    }

    /// `get_variable_numdistinct` without statistics: booleans 2, unique columns every row,
    /// small tables every row, else 200.
    pub(crate) fn column_ndistinct(&self, col: usize) -> f64 {
        if self.types.get(col) == Some(&DataType::Boolean) {
            return 2.0;
        }
        if self.unique.get(col).copied().unwrap_or(false) || self.tuples < DEFAULT_NUM_DISTINCT {
            return clamp_row_est(self.tuples);
        }
        DEFAULT_NUM_DISTINCT
    }

    /// `estimate_num_groups` for keys over this one table (or, for a join, over its two):
    /// booleans count 2; the other keys' columns multiply their ndistinct, clamped to the
    /// table (a tenth of it for several columns), scaled down for the WHERE clause, and
    /// clamped to the input rows.
    pub fn estimate_num_groups(&self, keys: &[(Bound, DataType)], input_rows: f64) -> f64 {
        let input_rows = clamp_row_est(input_rows);
        let Some((booleans, vars)) = group_vars(keys) else { return input_rows };
        let numdistinct = match &self.join {
            Some(join) => booleans * join.vars_distinct(&vars),
            None => {
                let nd: Vec<f64> = vars.iter().map(|&c| self.column_ndistinct(c)).collect();
                booleans * self.rel_distinct(&nd)
            }
        };
        numdistinct.ceil().min(input_rows).max(1.0)
    }

    /// One relation's share of estimate_num_groups: the product of its grouped columns'
    /// ndistinct `nd`, clamped and scaled down for its WHERE clause (1 without columns).
    pub(crate) fn rel_distinct(&self, nd: &[f64]) -> f64 {
        if nd.is_empty() || self.tuples <= 0.0 {
            return 1.0;
        }
        let mut reldistinct: f64 = nd.iter().product();
        let relmax = nd.iter().copied().fold(0.0, f64::max);
        let mut clamp = self.tuples;
        if nd.len() > 1 {
            clamp *= 0.1;
            if clamp < relmax {
                clamp = relmax.min(self.tuples);
            }
        }
        reldistinct = reldistinct.min(clamp);
        // Dell'Era's approximation of the distinct values a random subset keeps.
        if reldistinct > 0.0 && self.rows < self.tuples {
            reldistinct *=
                1.0 - ((self.tuples - self.rows) / self.tuples).powf(self.tuples / reldistinct);
        }
        clamp_row_est(reldistinct)
    }

    /// The row estimate of the scan under the grouping.
    pub fn rows(&self) -> f64 {
        self.rows
    }

    /// The input rows' width (`plan_width` of the scan): the columns the query reads are
    /// not known here, so the grouping keys' widths stand for them.
    fn key_width(&self, keys: &[(Bound, DataType)]) -> u64 {
        keys.iter().map(|(_, ty)| type_width(ty).max(0) as u64).sum()
    }

    /// The width of the rows a grouping reads (the scan's or join's target): the columns its
    /// keys and its aggregates' arguments and FILTERs read.
    fn columns_width(&self, keys: &[(Bound, DataType)], aggregates: &[AggCall]) -> u64 {
        let mut cols = Vec::new();
        for (k, _) in keys {
            collect_columns(k, &mut cols);
        }
        for a in aggregates {
            for b in a.arg.iter().chain(a.more.iter().map(|(b, _)| b)).chain(&a.filter) {
                collect_columns(b, &mut cols);
            }
        }
        cols.sort_unstable();
        cols.dedup();
        cols.iter().filter_map(|&c| self.types.get(c)).map(|t| type_width(t).max(0) as u64).sum()
    }

    /// Hashed or sorted: add_path keeps the sorted path (it has pathkeys) unless the hashed
    /// one is fuzzily cheaper, and the cheapest total cost wins (cost_agg, cost_sort,
    /// cost_group, create_upper_unique_path; the scan costed as a sequential scan). Under a
    /// LIMIT of `limit` rows the cheapest fraction wins instead, which favours grouping the
    /// rows an index scan returns already sorted.
    pub fn choose(&self, keys: &[(Bound, DataType)], shape: Shape, limit: Option<f64>) -> Strategy {
        if keys.iter().any(|(_, ty)| matches!(ty, DataType::Json | DataType::Jsonb)) {
            return Strategy::AsSeen;
        }
        if let Shape::Aggregate { distinct: true, .. } = shape {
            return Strategy::Sorted;
        }
        let n = self.rows;
        let groups = self.estimate_num_groups(keys, n);
        let k = keys.len() as f64;
        let scan_total = self.scan_total;
        let (per_row, per_group_hashed, per_group_sorted, aggregates) = match shape {
            Shape::Aggregate { aggregates, .. } => (
                CPU_OPERATOR_COST * (aggregates as f64 + k),
                CPU_TUPLE_COST,
                CPU_TUPLE_COST,
                aggregates,
            ),
            Shape::Plain => (CPU_OPERATOR_COST * k, CPU_TUPLE_COST, 0.0, 0),
        };
        let (arg_cost, space, width) = match shape {
            Shape::Aggregate { arg_cost, space, width, .. } => (arg_cost, space, width),
            Shape::Plain => (0.0, 0, self.key_width(keys)),
        };
        let per_row = per_row + arg_cost;
        let entry = hashagg::entry_size(aggregates, width, space);
        let (spill_startup, spill_total) = hashagg::spill_cost(groups, entry, n, width);
        let hash_startup = scan_total + per_row * n + spill_startup;
        let hash_total = scan_total + per_row * n + per_group_hashed * groups + spill_total;
        let sort_rows = n.max(2.0);
        let sort_startup = scan_total + 2.0 * CPU_OPERATOR_COST * sort_rows * sort_rows.log2();
        let sorted_total =
            sort_startup + CPU_OPERATOR_COST * sort_rows + per_row * n + per_group_sorted * groups;
        let hashed_survives = hash_total * FUZZ < sorted_total
            || (sorted_total <= hash_total * FUZZ && sort_startup > hash_startup * FUZZ);
        if let Some(limit) = limit
            && self.index_sorts(keys)
        {
            // get_cheapest_fractional_path: startup + fraction of the rest. A full index
            // scan of a never-analyzed table costs about two and a half times the hashed
            // plan (random page fetches), with next to no startup cost.
            let fraction = (limit / groups).min(1.0);
            let index_cost = 0.15 + fraction * 2.5 * hash_total;
            let hash_cost = hash_startup + fraction * (hash_total - hash_startup);
            if index_cost < hash_cost {
                return Strategy::Sorted;
            }
        }
        if hashed_survives && hash_total < sorted_total {
            Strategy::Hashed(hashagg::choose_num_buckets(groups, aggregates, width, space))
        } else {
            Strategy::Sorted
        }
    }
}

/// WHERE's conditions and HAVING's without aggregates (the planner moves those to WHERE).
pub(crate) fn where_clauses<'b>(
    filter: Option<&'b Bound>,
    having: Option<&'b Bound>,
) -> Vec<&'b Bound> {
    let mut out = Vec::new();
    if let Some(f) = filter {
        flatten_and(f, &mut out);
    }
    if let Some(h) = having {
        let mut more = Vec::new();
        flatten_and(h, &mut more);
        out.extend(more.into_iter().filter(|c| !has_aggregate(c)));
    }
    out
}

/// GROUP BY's plan: `plan` is the table's estimate and the LIMIT, when fksim models them.
pub fn group_strategy(
    plan: Option<(&RelEstimate, Option<f64>)>,
    keys: &[(Bound, DataType)],
    aggregates: &[AggCall],
) -> Strategy {
    // Aggregates with DISTINCT or ORDER BY inside only run in a sorted GroupAggregate.
    if !keys.is_empty() && aggregates.iter().any(|a| a.distinct || !a.order_by.is_empty()) {
        return Strategy::Sorted;
    }
    match plan {
        Some((r, limit)) if !keys.is_empty() => {
            let shape = if aggregates.is_empty() {
                Shape::Plain
            } else {
                let distinct = aggregates.iter().any(|a| a.distinct || !a.order_by.is_empty());
                let arg_cost = aggregates.iter().map(agg_arg_cost).sum();
                let space = aggregates.iter().map(transition_space).sum();
                let width = r.columns_width(keys, aggregates);
                Shape::Aggregate { aggregates: aggregates.len(), distinct, arg_cost, space, width }
            };
            r.choose(keys, shape, limit)
        }
        _ => Strategy::AsSeen,
    }
}

/// What an aggregate's arguments and FILTER cost per input row (get_agg_clause_costs).
fn agg_arg_cost(a: &AggCall) -> f64 {
    let args = a.arg.iter().chain(a.more.iter().map(|(b, _)| b)).chain(&a.filter);
    args.map(qual_cost).sum()
}

/// The memory an aggregate's transition value takes per group beside its state
/// (get_agg_clause_costs): nothing when passed by value, 8 kB for an `internal` state (a
/// private memory context), else the state type's average width plus a Datum.
fn transition_space(a: &AggCall) -> u64 {
    use crate::engine::aggcollect::Collector;
    const INTERNAL: u64 = 8192;
    let by_ref = |ty: &DataType| (type_width(ty).max(0) as u64).div_ceil(8) * 8 + 8;
    let wide = matches!(a.arg_type, DataType::BigInt | DataType::Numeric(_));
    match &a.kind {
        AggKind::CountStar | AggKind::Count => 0,
        AggKind::Sum if wide => INTERNAL,
        AggKind::Sum => 0,
        // avg of int2/int4/float: an int8[] or float8[] state.
        AggKind::Avg if wide => INTERNAL,
        AggKind::Avg => 32 + 8,
        AggKind::Min | AggKind::Max => match &a.arg_type {
            DataType::Boolean
            | DataType::SmallInt
            | DataType::Integer
            | DataType::BigInt
            | DataType::Real
            | DataType::Double
            | DataType::Date
            | DataType::Timestamp
            | DataType::Timestamptz => 0,
            other => by_ref(other),
        },
        AggKind::Collect(Collector::BoolAnd | Collector::BoolOr) => 0,
        AggKind::Collect(Collector::User) => 0,
        AggKind::Collect(_) => INTERNAL,
    }
}

/// The columns GROUP BY keys read and the factor their boolean keys give; None when a key
/// without columns calls a volatile function (every row its own group).
fn group_vars(keys: &[(Bound, DataType)]) -> Option<(f64, Vec<usize>)> {
    let mut booleans = 1.0;
    let mut vars: Vec<usize> = Vec::new();
    for (k, ty) in keys {
        if *ty == DataType::Boolean {
            booleans *= 2.0;
            continue;
        }
        let mut here = Vec::new();
        let volatile = collect_columns(k, &mut here);
        if here.is_empty() && volatile {
            return None;
        }
        for v in here {
            if !vars.contains(&v) {
                vars.push(v);
            }
        }
    }
    Some((booleans, vars))
}

/// The rows a constant LIMIT (plus OFFSET) asks for: the planner's tuple_fraction.
pub fn limit_hint(q: &Query) -> Option<f64> {
    let count = |e: &Option<Expr>| match e {
        Some(Expr::Literal(Literal::Number(n))) => n.parse::<f64>().ok(),
        _ => None,
    };
    count(&q.limit).map(|l| l + count(&q.offset).unwrap_or(0.0))
}

/// SELECT DISTINCT: each distinct row (the second of each pair; the first is its ORDER BY
/// keys) once, in the order of the plan `strategy` names.
pub fn distinct_rows<K>(
    keyed: Vec<(K, Vec<Value>)>,
    strategy: Strategy,
    keys: &[(Bound, DataType)],
) -> Vec<(K, Vec<Value>)> {
    let mut firsts: indexmap::IndexMap<Vec<Value>, K> = indexmap::IndexMap::new();
    let mut row_groups = Vec::with_capacity(keyed.len());
    for (order_keys, row) in keyed {
        let entry = firsts.entry(row);
        row_groups.push(entry.index());
        entry.or_insert(order_keys);
    }
    let distinct: Vec<Vec<Value>> = firsts.keys().cloned().collect();
    let types: Vec<DataType> = keys.iter().map(|(_, t)| t.clone()).collect();
    let order = arrange(strategy, &distinct, &types, &row_groups);
    let mut slots: Vec<Option<(K, Vec<Value>)>> =
        firsts.into_iter().map(|(row, order_keys)| Some((order_keys, row))).collect();
    order.into_iter().filter_map(|g| slots.get_mut(g).and_then(Option::take)).collect()
}

impl RelEstimate {
    /// True when some index's leading columns are the keys, in order (every key a column).
    fn index_sorts(&self, keys: &[(Bound, DataType)]) -> bool {
        let cols: Option<Vec<usize>> = keys
            .iter()
            .map(|(b, _)| match b {
                Bound::Column(c) => Some(*c),
                _ => None,
            })
            .collect();
        cols.is_some_and(|cols| self.indexes.iter().any(|ix| ix.starts_with(&cols)))
    }
}

/// The order the groups come out in. `keys[g]` is group g's key; `row_groups` gives each
/// input row's group, in scan order.
pub fn arrange(
    strategy: Strategy,
    keys: &[Vec<Value>],
    types: &[DataType],
    row_groups: &[usize],
) -> Vec<usize> {
    match strategy {
        Strategy::Hashed(nbuckets) => {
            let hashes: Option<Vec<u32>> =
                keys.iter().map(|k| pghash::hash_key(k, types)).collect();
            match hashes {
                Some(h) => hashagg::hash_agg_order(row_groups.iter().map(|&g| (h[g], g)), nbuckets),
                None => (0..keys.len()).collect(),
            }
        }
        Strategy::Sorted => {
            let mut order: Vec<usize> = (0..keys.len()).collect();
            order.sort_by(|&a, &b| {
                keys[a]
                    .iter()
                    .zip(&keys[b])
                    .map(|(x, y)| sort_cmp(x, y))
                    .find(|o| *o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal)
            });
            order
        }
        Strategy::AsSeen => (0..keys.len()).collect(),
    }
}

/// The columns a grouping key uses (`pull_var_clause`); true when it calls a volatile function.
pub(crate) fn collect_columns(b: &Bound, out: &mut Vec<usize>) -> bool {
    match b {
        Bound::Column(c) => {
            out.push(*c);
            false
        }
        Bound::Func(Func::GenRandomUuid, ..) => true,
        Bound::Func(_, args, _) => {
            // Every argument's columns count, so no short-circuit.
            let mut volatile = false;
            for a in args {
                volatile |= collect_columns(a, out);
            }
            volatile
        }
        Bound::Unary(_, e, _)
        | Bound::Cast(e, _, _)
        | Bound::IsNull(e, _)
        | Bound::IsBool(e, ..) => collect_columns(e, out),
        Bound::Binary(_, l, _, r, _, _)
        | Bound::And(l, r)
        | Bound::Or(l, r)
        | Bound::IsDistinct(l, r, _) => {
            let a = collect_columns(l, out);
            collect_columns(r, out) || a
        }
        Bound::InList(e, items, _) => {
            items.iter().fold(collect_columns(e, out), |v, i| collect_columns(i, out) || v)
        }
        Bound::Case(arms, other) => {
            let mut v = other.as_ref().is_some_and(|o| collect_columns(o, out));
            for (c, r) in arms {
                v |= collect_columns(c, out);
                v |= collect_columns(r, out);
            }
            v
        }
        Bound::Const(_) | Bound::Literal(..) | Bound::Agg(_) => false,
        // A subquery's value per row: volatile as far as grouping is concerned.
        Bound::SubPlan(_) => true,
    }
}
