//! PostgreSQL's plan for UNION / INTERSECT / EXCEPT \[ALL\] (prepunion.c): the arms one Append
//! reads, hashed or sorted (choose_hashed_setop), which input fills a HashSetOp's table, and so
//! the order the rows come out in. The executor (`compound.rs`) and EXPLAIN both follow it.

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::explain::{base_table, plan_query, refuse};
use crate::engine::explain_upper::{self as upper, SortSpec};
use crate::engine::expr::{Binder, Bound, EvalContext};
use crate::engine::groupplan::{
    self, CPU_OPERATOR_COST, CPU_TUPLE_COST, RelEstimate, Strategy, type_width,
};
use crate::engine::hashagg;
use crate::engine::query::bind_select_list;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::render::explain::{Names, PlanNode};
use crate::sql::ast::{Expr, Literal, Query, QueryBody, SetOp};

/// The arms one Append reads for `q` (plan_union_children): under a UNION, child UNIONs fold
/// in (a UNION ALL too); under a UNION ALL only UNION ALLs do. Anything else is one arm.
pub(crate) fn union_arms(q: &Query) -> Vec<&Query> {
    union_tree(q).0
}

/// How the arms of a set operation pair up as written: PostgreSQL types the output node by
/// node, each pair's columns resolved before the next pair sees them.
pub(crate) enum ArmTree {
    /// The arm at this place of the list.
    Arm(usize),
    /// A set operation of two parts.
    Pair(Box<ArmTree>, Box<ArmTree>),
}

/// [`union_arms`], with how they pair up.
pub(crate) fn union_tree(q: &Query) -> (Vec<&Query>, ArmTree) {
    fn walk<'q>(q: &'q Query, top_all: bool, out: &mut Vec<&'q Query>) -> ArmTree {
        match &q.body {
            QueryBody::SetOp { op: SetOp::Union, all, left, right }
                if plain(q) && (*all == top_all || *all) =>
            {
                let left = walk(left, top_all, out);
                ArmTree::Pair(Box::new(left), Box::new(walk(right, top_all, out)))
            }
            _ => {
                out.push(q);
                ArmTree::Arm(out.len() - 1)
            }
        }
    }
    let mut out = Vec::new();
    let tree = match &q.body {
        QueryBody::SetOp { op: SetOp::Union, all, left, right } => {
            let left = walk(left, *all, &mut out);
            ArmTree::Pair(Box::new(left), Box::new(walk(right, *all, &mut out)))
        }
        _ => walk(q, false, &mut out),
    };
    (out, tree)
}

/// A query with nothing around its body (no WITH, ORDER BY, LIMIT or OFFSET of its own).
fn plain(q: &Query) -> bool {
    q.with.is_empty() && q.order_by.is_empty() && q.limit.is_none() && q.offset.is_none()
}

/// What the planner knows of one arm that reads one table: its rows, the distinct rows it
/// yields (estimate_num_groups over its select list), its width and its column types.
struct Arm {
    rows: f64,
    groups: f64,
    width: u64,
    types: Vec<DataType>,
    /// Its select list, bound against the table, with the scope naming the table.
    list: Vec<Bound>,
    /// The select list's output names.
    names: Vec<String>,
    scope: crate::engine::expr::Scope,
}

/// A query `SELECT list FROM table [WHERE ...]` with nothing else (no WITH, DISTINCT,
/// grouping, ORDER BY or LIMIT; no aggregate, window, set-returning call or subquery in its
/// list), bound: its table, the scope naming it, its WHERE and its select list.
pub(crate) struct OneTable<'d> {
    pub table: &'d crate::engine::table::Table,
    pub scope: crate::engine::expr::Scope,
    pub filter: Option<Bound>,
    pub list: Vec<(String, Bound, DataType)>,
}

/// `q` bound as a [`OneTable`]; None for other shapes.
pub(crate) fn one_table<'d>(
    db: &'d Database,
    ctx: &EvalContext,
    q: &Query,
) -> Option<OneTable<'d>> {
    let QueryBody::Select(s) = &q.body else { return None };
    if !plain(q) || s.distinct || !s.distinct_on.is_empty() || !s.group_by.is_empty() {
        return None;
    }
    if s.having.is_some() {
        return None;
    }
    let [item] = &s.from[..] else { return None };
    let (table, alias) = base_table(db, ctx, item).ok()??;
    let scope = table_scope(table, alias.as_deref());
    let filter = match &s.selection {
        Some(e) => Some(Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE").ok()?),
        None => None,
    };
    let list = plain_list(&s.items, &scope)?;
    Some(OneTable { table, scope, filter, list })
}

/// A select list bound against `scope`, when it has no aggregate, window, set-returning call
/// or subquery.
fn plain_list(
    items: &[crate::sql::ast::SelectItem],
    scope: &crate::engine::expr::Scope,
) -> Option<Vec<(String, Bound, DataType)>> {
    let mut binder = Binder::for_select_list();
    let list = bind_select_list(items, scope, &mut binder).ok()?;
    let extra = binder.aggregates.as_ref().is_some_and(|a| !a.is_empty())
        || binder.windows.as_ref().is_some_and(|w| !w.is_empty())
        || binder.srfs.as_ref().is_some_and(|s| !s.is_empty())
        || binder.subplans.as_ref().is_some_and(|p| !p.is_empty());
    (!extra).then_some(list)
}

/// The estimate for an arm `SELECT list FROM table [WHERE ...]`, or `SELECT list` alone (a
/// Result node: one row, one group); None for other shapes.
fn arm(db: &Database, ctx: &EvalContext, q: &Query) -> Option<Arm> {
    let (scope, list, rows, groups) = match one_table(db, ctx, q) {
        Some(OneTable { table, scope, filter, list }) => {
            let rel = RelEstimate::of_scan(table, filter.as_ref(), None);
            let keys: Vec<(Bound, DataType)> =
                list.iter().map(|(_, b, t)| (b.clone(), t.clone())).collect();
            let rows = rel.rows();
            let groups = rel.estimate_num_groups(&keys, rows);
            (scope, list, rows, groups)
        }
        None => {
            let QueryBody::Select(s) = &q.body else { return None };
            let bare = s.from.is_empty() && s.selection.is_none() && s.group_by.is_empty();
            if !plain(q) || !bare || s.having.is_some() || s.distinct || !s.distinct_on.is_empty() {
                return None;
            }
            let scope = crate::engine::expr::Scope::default();
            let list = plain_list(&s.items, &scope)?;
            (scope, list, 1.0, 1.0)
        }
    };
    Some(Arm {
        rows,
        groups,
        width: list.iter().map(|(_, _, t)| type_width(t).max(0) as u64).sum(),
        types: list.iter().map(|l| l.2.clone()).collect(),
        names: list.iter().map(|l| l.0.clone()).collect(),
        list: list.into_iter().map(|l| l.1).collect(),
        scope,
    })
}

/// How a set operation is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SetOpPlan {
    /// Hashed (with the table's size), sorted, or unknown to fksim (first-seen order).
    pub strategy: Strategy,
    /// INTERSECT with the right input first: it has fewer distinct rows.
    pub swap: bool,
}

/// The plan PostgreSQL makes for the set operation `q` (not a UNION ALL, which only appends).
pub(crate) fn plan(db: &Database, ctx: &EvalContext, q: &Query) -> SetOpPlan {
    let unknown = SetOpPlan { strategy: Strategy::AsSeen, swap: false };
    let QueryBody::SetOp { op, all, left, right } = &q.body else { return unknown };
    let limit = groupplan::limit_hint(q);
    if *op == SetOp::Union {
        let arms: Option<Vec<Arm>> = union_arms(q).into_iter().map(|a| arm(db, ctx, a)).collect();
        let Some(arms) = arms else { return unknown };
        let Some(first) = arms.first() else { return unknown };
        // make_union_unique: as many groups as rows, the worst case.
        let n: f64 = arms.iter().map(|a| a.rows).sum();
        let k = first.types.len() as f64;
        let strategy = if hashed(n, n, k, first.width, n, limit) {
            Strategy::Hashed(hashagg::choose_num_buckets(n, 0, first.width, 0))
        } else {
            Strategy::Sorted
        };
        return SetOpPlan { strategy, swap: false };
    }
    let (Some(l), Some(r)) = (arm(db, ctx, left), arm(db, ctx, right)) else { return unknown };
    // generate_nonunion_paths: EXCEPT hashes its left input; INTERSECT the one with fewer
    // groups (the left one on a tie).
    let swap = *op == SetOp::Intersect && l.groups > r.groups;
    let (groups, out_rows) = match op {
        SetOp::Except => (l.groups, if *all { l.rows } else { l.groups }),
        _ => {
            let g = l.groups.min(r.groups);
            (g, if *all { l.rows.min(r.rows) } else { g })
        }
    };
    let k = l.types.len() as f64;
    let strategy = if hashed(l.rows + r.rows, groups, k, l.width, out_rows, limit) {
        Strategy::Hashed((groups as u64).max(1))
    } else {
        Strategy::Sorted
    };
    SetOpPlan { strategy, swap }
}

/// choose_hashed_setop: hash unless the table would not fit in hash_mem or sorting the
/// Append and reading its runs costs less (cost_agg against cost_sort + cost_group, at the
/// LIMIT's fraction of the output when there is one).
fn hashed(n: f64, groups: f64, k: f64, width: u64, out_rows: f64, limit: Option<f64>) -> bool {
    const HASH_MEM: f64 = 8.0 * 1024.0 * 1024.0;
    let entry = (width.div_ceil(8) * 8 + 16) as f64;
    if entry * groups > HASH_MEM {
        return false;
    }
    let hash_startup = CPU_OPERATOR_COST * k * n;
    let hash_total = hash_startup + CPU_TUPLE_COST * groups;
    let sn = n.max(2.0);
    let sort_startup = 2.0 * CPU_OPERATOR_COST * sn * sn.log2();
    let sort_total = sort_startup + CPU_OPERATOR_COST * sn + CPU_OPERATOR_COST * n * k;
    let fraction = limit.map_or(0.0, |l| if l >= 1.0 { l / out_rows } else { l });
    if fraction > 0.0 && fraction < 1.0 {
        let at = |s: f64, t: f64| s + fraction * (t - s);
        return at(hash_startup, hash_total) < at(sort_startup, sort_total);
    }
    hash_total < sort_total || (hash_total == sort_total && hash_startup < sort_startup)
}

/// UNION, INTERSECT [ALL] and EXCEPT [ALL] over rows already converted to `types`, in the
/// order `plan` gives: every row of `first` is a group of the table (for UNION every row of
/// `second` too); `second` otherwise only counts against the groups `first` made.
pub(crate) fn combine(
    (op, all): (SetOp, bool),
    first: Vec<Vec<Value>>,
    second: Vec<Vec<Value>>,
    types: &[DataType],
    strategy: Strategy,
) -> Vec<Vec<Value>> {
    let mut counts: IndexMap<Vec<Value>, (usize, usize), FxBuildHasher> = IndexMap::default();
    let mut row_groups = Vec::with_capacity(first.len());
    for row in first {
        let entry = counts.entry(row);
        row_groups.push(entry.index());
        entry.or_default().0 += 1;
    }
    for row in second {
        if op == SetOp::Union {
            let entry = counts.entry(row);
            row_groups.push(entry.index());
            entry.or_default().1 += 1;
        } else if let Some(c) = counts.get_mut(&row) {
            c.1 += 1;
        }
    }
    let keys: Vec<Vec<Value>> = counts.keys().cloned().collect();
    let order = groupplan::arrange(strategy, &keys, types, &row_groups);
    type Group = (Vec<Value>, (usize, usize));
    let mut slots: Vec<Option<Group>> = counts.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for g in order {
        let Some((row, (l, r))) = slots.get_mut(g).and_then(Option::take) else { continue };
        let n = match (op, all) {
            (SetOp::Union, _) => 1,
            (SetOp::Intersect, false) => usize::from(l > 0 && r > 0),
            (SetOp::Intersect, true) => l.min(r),
            (SetOp::Except, false) => usize::from(l > 0 && r == 0),
            (SetOp::Except, true) => l.saturating_sub(r),
        };
        out.extend(std::iter::repeat_n(row, n));
    }
    out
}

/// EXPLAIN of a set operation: Append of its arms under the HashAggregate (UNION), the
/// Unique over a Sort, or the HashSetOp over Subquery Scans (INTERSECT / EXCEPT), then the
/// query's ORDER BY and LIMIT.
pub(crate) fn explain(db: &Database, ctx: &EvalContext, q: &Query) -> Result<PlanNode> {
    let QueryBody::SetOp { op, all, left, right } = &q.body else {
        return Err(refuse("this query"));
    };
    let shape = || refuse("set operations over anything but one-table SELECTs of the same types");
    let arms: Vec<&Query> =
        if *op == SetOp::Union { union_arms(q) } else { vec![&**left, &**right] };
    let estimates: Option<Vec<Arm>> = arms.iter().map(|a| arm(db, ctx, a)).collect();
    // A UNION ALL arm may be a set operation of its own; the others are one-table SELECTs.
    let leaf_arms = match (&estimates, op, all) {
        (Some(e), ..) => Some(e),
        (None, SetOp::Union, true) => None,
        (None, ..) => return Err(shape()),
    };
    if let Some(e) = leaf_arms
        && e.iter().any(|a| a.types != e[0].types)
    {
        return Err(shape());
    }
    let mut children = Vec::new();
    for a in &arms {
        children.push(match &a.body {
            QueryBody::SetOp { .. } if plain(a) => explain(db, ctx, a)?,
            QueryBody::Select(_) if arm(db, ctx, a).is_some() => plan_query(db, ctx, a)?,
            _ => return Err(shape()),
        });
    }
    let first = leaf_arms.and_then(|e| e.first());
    let names = first.map(|f| Names { scope: &f.scope, qualify: true });
    let keys: Vec<SortSpec> = match first {
        Some(f) => f.list.iter().map(|b| (b.clone(), false, None)).collect(),
        None => Vec::new(),
    };
    let key_text = |keys: &[SortSpec]| -> Result<String> {
        let names = names.as_ref().ok_or_else(shape)?;
        // A key that is not a plain column shows in parentheses of its own: `((a.id + 1))`.
        let mut parts = Vec::new();
        for k in keys {
            let text = upper::sort_keys(std::slice::from_ref(k), names)?;
            parts.push(match k.0 {
                Bound::Column(_) => text,
                _ => {
                    let bare = upper::sort_keys(&[(k.0.clone(), false, None)], names)?;
                    format!("({bare}){}", &text[bare.len()..])
                }
            });
        }
        Ok(parts.join(", "))
    };
    let mut sorted_by: Vec<SortSpec> = Vec::new();
    let mut node = match (op, all) {
        (SetOp::Union, true) => PlanNode::new("Append", children),
        (SetOp::Union, false) => {
            let append = PlanNode::new("Append", children);
            match plan(db, ctx, q).strategy {
                Strategy::Hashed(_) => PlanNode::new("HashAggregate", vec![append])
                    .detail("Group Key", key_text(&keys)?),
                Strategy::Sorted => {
                    let sort =
                        PlanNode::new("Sort", vec![append]).detail("Sort Key", key_text(&keys)?);
                    sorted_by.clone_from(&keys);
                    PlanNode::new("Unique", vec![sort])
                }
                Strategy::AsSeen => return Err(shape()),
            }
        }
        _ => {
            let p = plan(db, ctx, q);
            if !matches!(p.strategy, Strategy::Hashed(_)) {
                return Err(refuse("a sorted INTERSECT or EXCEPT"));
            }
            let mut subs: Vec<PlanNode> = children
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    PlanNode::new(format!("Subquery Scan on \"*SELECT* {}\"", i + 1), vec![c])
                })
                .collect();
            if p.swap {
                subs.reverse();
            }
            let name = if *op == SetOp::Intersect { "Intersect" } else { "Except" };
            let all = if *all { " All" } else { "" };
            PlanNode::new(format!("HashSetOp {name}{all}"), vec![PlanNode::new("Append", subs)])
        }
    };
    if !q.order_by.is_empty() {
        let first = first.ok_or_else(shape)?;
        let mut order = Vec::new();
        for ob in &q.order_by {
            // ORDER BY of a set operation names an output column, by name or position.
            let at = match &ob.expr {
                Expr::Literal(Literal::Number(n)) => {
                    n.parse::<usize>().ok().and_then(|n| n.checked_sub(1))
                }
                Expr::Column { table: None, name, .. } => {
                    first.names.iter().position(|n| n == name)
                }
                _ => None,
            };
            let b = at.and_then(|i| first.list.get(i)).ok_or_else(|| refuse("this ORDER BY"))?;
            order.push((b.clone(), ob.desc, ob.nulls_first));
        }
        if !upper::sorted_prefix(&order, &sorted_by) {
            node = PlanNode::new("Sort", vec![node]).detail("Sort Key", key_text(&order)?);
        }
    }
    if upper::limit_needed(q) {
        node = PlanNode::new("Limit", vec![node]);
    }
    Ok(node)
}
