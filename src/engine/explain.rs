//! `EXPLAIN (COSTS OFF)`: the plan fksim runs a statement with, built from the same decisions
//! its executor makes (access paths from `access.rs`, the hashed side of a join from `join.rs`,
//! hashed or sorted grouping from `groupplan.rs`), in PostgreSQL's node names. Shapes fksim
//! cannot describe faithfully are refused with 0A000 rather than guessed.

use crate::engine::access::{AccessPath, choose_path, index_columns, is_index_clause};
use crate::engine::database::Database;
use crate::engine::exec::{Exec, table_scope};
use crate::engine::explain_upper as upper;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::groupplan::{self, RelEstimate, Shape, Strategy};
use crate::engine::join_group;
use crate::engine::order::{OrderKey, bind_distinct_on, bind_order_item};
use crate::engine::query::{Relation, bind_select_list, unique_columns};
use crate::engine::selectivity::flatten_and;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::explain::{Names, PlanNode, deparse, deparse_and, plan_lines};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, InsertSource, ObjectName, Query, QueryBody, Select, SelectItem,
    Statement,
};

/// The `QUERY PLAN` rows of `stmt`.
pub fn explain(exec: &Exec<'_>, stmt: &Statement) -> Result<ResultSet> {
    // The binder refuses subqueries it meets outside the shapes the executor runs them in.
    let plan = plan_statement(exec.db, &exec.ctx, stmt).map_err(|e| {
        if e.sqlstate() == "0A000" && e.message.starts_with("subqueries") {
            refuse("subqueries in this position")
        } else {
            e
        }
    })?;
    Ok(ResultSet {
        columns: vec![("QUERY PLAN".to_string(), DataType::Text)],
        rows: plan_lines(&plan).into_iter().map(|l| vec![Value::Text(l)]).collect(),
    })
}

pub(crate) fn refuse(what: &str) -> Error {
    Error::unsupported(format!("EXPLAIN of {what} is not supported by fksim"))
}

pub(crate) fn plan_statement(
    db: &Database,
    ctx: &EvalContext,
    stmt: &Statement,
) -> Result<PlanNode> {
    match stmt {
        Statement::Query(q) => plan_query(db, ctx, q),
        Statement::Delete(d) if d.using.is_empty() => {
            let (t, scan) = plan_target(db, &d.table, d.alias.as_deref(), d.selection.as_ref())?;
            Ok(PlanNode::new(format!("Delete on {}", target(t, d.alias.as_deref())), vec![scan]))
        }
        Statement::Update(u) if u.from.is_empty() => {
            let (t, scan) = plan_target(db, &u.table, u.alias.as_deref(), u.selection.as_ref())?;
            Ok(PlanNode::new(format!("Update on {}", target(t, u.alias.as_deref())), vec![scan]))
        }
        Statement::Insert(i) if i.on_conflict.is_none() => {
            let t = db.table(db.resolve(&i.table)?)?;
            let source = match &i.source {
                InsertSource::Values(rows) if rows.len() == 1 => PlanNode::new("Result", vec![]),
                InsertSource::Values(_) => PlanNode::new("Values Scan on \"*VALUES*\"", vec![]),
                InsertSource::DefaultValues => PlanNode::new("Result", vec![]),
                InsertSource::Query(q) => plan_query(db, ctx, q)?,
            };
            Ok(PlanNode::new(format!("Insert on {}", target(t, i.alias.as_deref())), vec![source]))
        }
        Statement::Insert(_) => Err(refuse("INSERT ... ON CONFLICT")),
        Statement::Delete(_) => Err(refuse("DELETE ... USING")),
        Statement::Update(_) => Err(refuse("UPDATE ... FROM")),
        _ => Err(refuse("this statement")),
    }
}

/// `orders` or `orders o`: the relation as a plan node names it.
pub(crate) fn target(t: &Table, alias: Option<&str>) -> String {
    match alias {
        Some(a) if a != t.name => format!("{} {a}", t.name),
        _ => t.name.clone(),
    }
}

/// The scan an UPDATE or DELETE finds its rows with.
fn plan_target<'d>(
    db: &'d Database,
    name: &ObjectName,
    alias: Option<&str>,
    selection: Option<&Expr>,
) -> Result<(&'d Table, PlanNode)> {
    let t = db.table(db.resolve(name)?)?;
    let scope = table_scope(t, alias);
    let filter = bind_where(selection, &scope)?;
    let scan = scan_node(t, alias, filter.as_ref(), &scope, None)?;
    Ok((t, scan))
}

fn bind_where(selection: Option<&Expr>, scope: &Scope) -> Result<Option<Bound>> {
    selection.map(|e| Binder::for_clause("WHERE").bind_condition(e, scope, "WHERE")).transpose()
}

/// How a table is read for `filter` (bound against the table's own columns): the access path
/// fksim's executor takes. `used` lists the columns the query reads, when an index holding
/// all of them may serve an Index Only Scan.
pub(crate) fn scan_node(
    t: &Table,
    alias: Option<&str>,
    filter: Option<&Bound>,
    scope: &Scope,
    used: Option<&[usize]>,
) -> Result<PlanNode> {
    let names = Names { scope, qualify: false };
    let mut terms = Vec::new();
    if let Some(f) = filter {
        flatten_and(f, &mut terms);
    }
    let text =
        |terms: &[&Bound]| deparse_and(terms, &names).ok_or_else(|| refuse("this condition"));
    let on = target(t, alias);
    let path = choose_path(t, filter);
    let split = |index: &str| {
        let cols = index_columns(t, index).unwrap_or_default();
        let (ix, rest): (Vec<&Bound>, Vec<&Bound>) =
            terms.iter().partition(|b| is_index_clause(b, cols));
        (cols, ix, rest)
    };
    Ok(match &path {
        AccessPath::SeqScan => {
            let mut terms = terms.clone();
            terms.sort_by(|a, b| eval_cost(a).total_cmp(&eval_cost(b)));
            let node = PlanNode::new(format!("Seq Scan on {on}"), vec![]);
            if terms.is_empty() { node } else { node.detail("Filter", text(&terms)?) }
        }
        AccessPath::IndexScan { index, .. } => {
            let (cols, ix, rest) = split(index);
            let only = used.is_some_and(|u| u.iter().all(|c| cols.contains(c)));
            let kind = if only { "Index Only Scan" } else { "Index Scan" };
            let mut node = PlanNode::new(format!("{kind} using {index} on {on}"), vec![]);
            if !ix.is_empty() {
                node = node.detail("Index Cond", text(&ix)?);
            }
            if !rest.is_empty() {
                let mut rest = rest;
                rest.sort_by(|a, b| eval_cost(a).total_cmp(&eval_cost(b)));
                node = node.detail("Filter", text(&rest)?);
            }
            node
        }
        AccessPath::BitmapHeapScan { index } => {
            let (_, ix, rest) = split(index);
            let cond = text(&ix)?;
            let inner = PlanNode::new(format!("Bitmap Index Scan on {index}"), vec![])
                .detail("Index Cond", cond.clone());
            let mut node = PlanNode::new(format!("Bitmap Heap Scan on {on}"), vec![inner])
                .detail("Recheck Cond", cond);
            if !rest.is_empty() {
                let mut rest = rest;
                rest.sort_by(|a, b| eval_cost(a).total_cmp(&eval_cost(b)));
                node.details.push(format!("Filter: {}", text(&rest)?));
            }
            node
        }
    })
}

/// order_qual_clauses: a node's filter runs its cheapest terms first (a stable sort by
/// cost_qual_eval, where IS NULL and NOT cost nothing of their own).
fn eval_cost(b: &Bound) -> f64 {
    match b {
        Bound::IsNull(e, _) | Bound::Unary(crate::sql::ast::UnaryOp::Not, e, _) => eval_cost(e),
        other => crate::engine::selectivity::qual_cost(other),
    }
}

pub(crate) fn base_table<'d>(
    db: &'d Database,
    ctx: &EvalContext,
    item: &FromItem,
) -> Result<Option<(&'d Table, Option<String>)>> {
    match item {
        FromItem::Table { name, alias }
            if ctx.cte(name).is_none() && !crate::engine::pgcatalog::names_catalog(name) =>
        {
            let t = db.table(crate::engine::inherit::resolve_scanned(db, name)?)?;
            Ok(Some((t, alias.clone())))
        }
        _ => Ok(None),
    }
}

pub(crate) fn plan_query(db: &Database, ctx: &EvalContext, q: &Query) -> Result<PlanNode> {
    if !q.with.is_empty() {
        return Err(refuse("WITH queries"));
    }
    let s = match &q.body {
        QueryBody::Select(s) => s,
        QueryBody::Values(rows) if q.order_by.is_empty() && q.limit.is_none() => {
            let title = if rows.len() == 1 { "Result" } else { "Values Scan on \"*VALUES*\"" };
            return Ok(PlanNode::new(title, vec![]));
        }
        QueryBody::SetOp { .. } => return crate::engine::setop_plan::explain(db, ctx, q),
        _ => return Err(refuse("VALUES with ORDER BY or LIMIT")),
    };
    let (scope, input, single) = match &s.from[..] {
        [] if s.selection.is_none() => (Scope::default(), PlanNode::new("Result", vec![]), None),
        [item] => match (base_table(db, ctx, item)?, item) {
            (Some((t, alias)), _) => {
                let scope = table_scope(t, alias.as_deref());
                if let Some(Expr::Exists { query, negated }) = &s.selection {
                    let node = plan_exists(db, ctx, t, alias.as_deref(), query, *negated)?;
                    (scope, node, None)
                } else {
                    (scope, PlanNode::new("", vec![]), Some((t, alias)))
                }
            }
            (None, FromItem::Join { left, right, kind, on, using }) => {
                if using.is_some() {
                    return Err(refuse("JOIN ... USING"));
                }
                let (scope, node) = crate::engine::explain_join::plan_join(
                    db,
                    ctx,
                    (left, right),
                    *kind,
                    on.as_ref(),
                    s.selection.as_ref(),
                )?;
                (scope, node, None)
            }
            _ => return Err(refuse("this FROM clause")),
        },
        // `FROM a, b WHERE a.x = b.y AND ...`: the inner join on WHERE's equalities between the
        // two tables, as PostgreSQL plans it.
        [left @ FromItem::Table { .. }, right @ FromItem::Table { .. }] => {
            let split = s
                .selection
                .as_ref()
                .and_then(|w| join_group::split_where(db, ctx, (left, right), w));
            let Some((on, rest)) = split else { return Err(refuse("this FROM clause")) };
            let (scope, node) = crate::engine::explain_join::plan_join(
                db,
                ctx,
                (left, right),
                crate::sql::ast::JoinKind::Inner,
                Some(&on),
                rest.as_ref(),
            )?;
            (scope, node, None)
        }
        _ => return Err(refuse("this FROM clause")),
    };
    let qualify = single.is_none() && !s.from.is_empty();
    let names = Names { scope: &scope, qualify };
    let mut binder = Binder::for_select_list();
    let list = bind_select_list(&s.items, &scope, &mut binder)?;
    let mut order = Vec::new();
    let mut order_keys = Vec::new();
    for ob in &q.order_by {
        let k = bind_order_item(&ob.expr, &list, &scope, &mut binder)?;
        let key = match &k {
            OrderKey::Output(i) => list[*i].1.clone(),
            OrderKey::Expr(b) => b.clone(),
        };
        order_keys.push(k);
        order.push((key, ob.desc, ob.nulls_first));
    }
    let having = match &s.having {
        Some(h) => Some(binder.without_srfs("HAVING", |b| b.bind_condition(h, &scope, "HAVING"))?),
        None => None,
    };
    let distinct_on: Vec<Bound> =
        bind_distinct_on(&s.distinct_on, &order_keys, &list, &scope, &mut binder)?
            .into_iter()
            .map(|k| match k {
                OrderKey::Output(i) => list[i].1.clone(),
                OrderKey::Expr(b) => b,
            })
            .collect();
    let windows = binder.windows.take().unwrap_or_default();
    let window_keys = upper::window_keys(&windows)?;
    let mut group_keys = Vec::new();
    for g in &crate::engine::group_by::resolve(&s.group_by, &s.items, &scope)? {
        group_keys.push(Binder::for_clause("GROUP BY").bind(g, &scope)?);
    }
    let aggregates = binder.aggregates.take().unwrap_or_default();
    let having_line = match &having {
        Some(h) => Some(format!("Filter: {}", upper::having_filter(h, &aggregates, &names)?)),
        None => None,
    };
    if binder.subplans.as_ref().is_some_and(|p| !p.is_empty()) {
        return Err(refuse("subqueries in the select list"));
    }
    let grouped = !aggregates.is_empty() || !group_keys.is_empty() || having.is_some();
    if !windows.is_empty() && grouped {
        return Err(refuse("window functions over a grouped query"));
    }
    if !distinct_on.is_empty() && (grouped || !windows.is_empty()) {
        return Err(refuse("DISTINCT ON with aggregates or window functions"));
    }
    // The joined columns the query reads: PostgreSQL removes a LEFT JOIN that reads none of
    // its right table's, joined on a unique key.
    let used = {
        let filter = bind_where(s.selection.as_ref(), &scope).ok().flatten();
        let aggs = aggregates.iter().flat_map(crate::engine::colscan::aggregate_exprs);
        let exprs = (list.iter().map(|l| &l.1))
            .chain(&filter)
            .chain(&having)
            .chain(order.iter().map(|o| &o.0))
            .chain(group_keys.iter().map(|k| &k.0))
            .chain(&distinct_on)
            .chain(aggs);
        crate::engine::colscan::columns_read(usize::MAX, exprs)
    };
    let removed = single.is_none().then(|| join_group::join_removed(db, ctx, &s.from, &used));
    let input = match removed.flatten() {
        // The left table's scan is all that is left of the join.
        Some((t, alias)) => {
            let own = table_scope(t, alias);
            let filter = bind_where(s.selection.as_ref(), &own)?;
            scan_node(t, alias, filter.as_ref(), &own, Some(&used))?
        }
        None => input,
    };
    // The order the rows come in (an index read in order, a sort, a sorted grouping).
    let mut sorted_by: Vec<upper::SortSpec> = Vec::new();
    let mut node = match single {
        None => input,
        Some((t, alias)) => {
            let filter = bind_where(s.selection.as_ref(), &scope)?;
            let mut used = Vec::new();
            let wildcard = s.items.iter().any(|i| !matches!(i, SelectItem::Expr { .. }));
            if wildcard {
                used.extend(0..t.columns.len());
            }
            for b in
                list.iter().map(|l| &l.1).chain(filter.as_ref()).chain(order.iter().map(|o| &o.0))
            {
                columns_of(b, &mut used);
            }
            for (b, _) in &group_keys {
                columns_of(b, &mut used);
            }
            for a in &aggregates {
                if let Some(b) = &a.arg {
                    columns_of(b, &mut used);
                }
            }
            for w in &windows {
                for b in w.args.iter().chain(&w.partition).chain(w.order.iter().map(|k| &k.key)) {
                    columns_of(b, &mut used);
                }
            }
            for b in &distinct_on {
                columns_of(b, &mut used);
            }
            // A sort by a key's leading columns with nothing filtered: PostgreSQL reads the
            // key's index in order instead of sorting (the same rows, in the same order).
            // Window functions want their window's order, DISTINCT ON a sort of its own.
            let wanted = if windows.is_empty() { &order } else { &window_keys };
            if filter.is_none() && !grouped && !s.distinct && !wanted.is_empty() {
                if let Some(index) = ordering_index(t, wanted) {
                    if !distinct_on.is_empty() {
                        return Err(refuse("DISTINCT ON read through an index"));
                    }
                    sorted_by.clone_from(wanted);
                    let cols = index_columns(t, &index).unwrap_or_default();
                    let only = used.iter().all(|c| cols.contains(c));
                    let kind = if only { "Index Only Scan" } else { "Index Scan" };
                    PlanNode::new(
                        format!("{kind} using {index} on {}", target(t, alias.as_deref())),
                        vec![],
                    )
                } else {
                    scan_node(t, alias.as_deref(), None, &scope, None)?
                }
            } else {
                scan_node(t, alias.as_deref(), filter.as_ref(), &scope, Some(&used))?
            }
        }
    };
    let key_text = |keys: &[&Bound]| -> Result<String> {
        let parts: Option<Vec<String>> = keys.iter().map(|k| deparse(k, &names)).collect();
        Ok(parts.ok_or_else(|| refuse("this expression"))?.join(", "))
    };
    let rel = || {
        let filter = bind_where(s.selection.as_ref(), &scope).ok().flatten();
        let selection = (s.selection.as_ref(), filter.as_ref());
        let used = Some(&used[..]);
        crate::engine::derived_plan::estimate(db, ctx, &s.from, selection, having.as_ref(), used)
    };
    if grouped {
        if group_keys.is_empty() {
            node = PlanNode::new("Aggregate", vec![node]);
            node.details.extend(having_line.clone());
        } else {
            let rel = rel();
            if let Some(r) = &rel {
                let kept = r.kept_group_keys(&group_keys);
                group_keys = kept.iter().filter_map(|&i| group_keys.get(i).cloned()).collect();
            }
            let strategy = groupplan::group_strategy(
                rel.as_ref().map(|r| (r, groupplan::limit_hint(q))),
                &group_keys,
                &aggregates,
            );
            let keys: Vec<&Bound> = group_keys.iter().map(|k| &k.0).collect();
            node = grouping_node(strategy, &keys, node, !aggregates.is_empty(), &key_text)?;
            node.details.extend(having_line);
            if strategy == Strategy::Sorted {
                sorted_by = keys.into_iter().map(|k| (k.clone(), false, None)).collect();
            }
        }
    } else if !windows.is_empty() {
        let served = upper::sorted_prefix(&window_keys, &sorted_by);
        node = upper::window_node(&window_keys, node, served, &names)?;
        sorted_by = window_keys;
    } else if !distinct_on.is_empty() {
        let keys = upper::distinct_on_keys(&order, &distinct_on);
        let sort =
            PlanNode::new("Sort", vec![node]).detail("Sort Key", upper::sort_keys(&keys, &names)?);
        node = PlanNode::new("Unique", vec![sort]);
        sorted_by = keys;
    } else if s.distinct {
        let keys: Vec<(Bound, DataType)> =
            list.iter().map(|(_, b, t)| (b.clone(), t.clone())).collect();
        let strategy = match rel() {
            Some(r) => r.choose(&keys, Shape::Plain, groupplan::limit_hint(q)),
            None => Strategy::AsSeen,
        };
        let keys: Vec<&Bound> = keys.iter().map(|k| &k.0).collect();
        node = grouping_node(strategy, &keys, node, false, &key_text)?;
        if strategy == Strategy::Sorted {
            sorted_by = keys.into_iter().map(|k| (k.clone(), false, None)).collect();
        }
    }
    if !order.is_empty() && !upper::sorted_prefix(&order, &sorted_by) {
        node =
            PlanNode::new("Sort", vec![node]).detail("Sort Key", upper::sort_keys(&order, &names)?);
    }
    if upper::limit_needed(q) {
        node = PlanNode::new("Limit", vec![node]);
    }
    Ok(node)
}

/// GROUP BY or DISTINCT as the executor groups: a hash table, or a sort and a pass over runs.
fn grouping_node(
    strategy: Strategy,
    keys: &[&Bound],
    input: PlanNode,
    aggregates: bool,
    key_text: &dyn Fn(&[&Bound]) -> Result<String>,
) -> Result<PlanNode> {
    let text = key_text(keys)?;
    Ok(match strategy {
        Strategy::Hashed(_) => {
            PlanNode::new("HashAggregate", vec![input]).detail("Group Key", text)
        }
        Strategy::Sorted => {
            let sort = PlanNode::new("Sort", vec![input]).detail("Sort Key", text.clone());
            if aggregates {
                PlanNode::new("GroupAggregate", vec![sort]).detail("Group Key", text)
            } else {
                PlanNode::new("Unique", vec![sort])
            }
        }
        Strategy::AsSeen => return Err(refuse("grouping over this FROM clause")),
    })
}

/// The index whose leading columns are the ORDER BY's, all ascending with NULLs last.
fn ordering_index(t: &Table, order: &[(Bound, bool, Option<bool>)]) -> Option<String> {
    let cols: Option<Vec<usize>> = order
        .iter()
        .map(|(b, desc, nulls_first)| match b {
            Bound::Column(c) if !desc && nulls_first.is_none_or(|f| !f) => Some(*c),
            _ => None,
        })
        .collect();
    let cols = cols?;
    let names = t
        .uniques
        .iter()
        .map(|u| (&u.name, &u.columns))
        .chain(t.indexes.iter().filter(|i| i.method == "btree").map(|i| (&i.name, &i.columns)));
    names
        .into_iter()
        .find(|(_, c)| c.len() >= cols.len() && c[..cols.len()] == cols[..])
        .map(|(n, _)| n.clone())
}

/// Every column position `b` reads.
pub(crate) use crate::engine::joinplan::collect_columns as columns_of;

/// A relation stub for a base table: what the join's choice of hashed side reads.
pub(crate) fn relation_of(t: &Table, scope: Scope) -> Relation {
    Relation {
        scope,
        rows: Vec::new(),
        unique: unique_columns(t),
        estimate: RelEstimate::of_table(t, &[]).rows(),
        side: Some(Box::new(crate::engine::joinplan::side_of_table(t, &[]))),
    }
}

/// `FROM outer WHERE [NOT] EXISTS (SELECT ... FROM inner WHERE inner.col = outer.col)`: the
/// semi or anti join PostgreSQL plans, probing with the outer table in its scan order — the
/// order fksim's row-by-row subquery meets the outer rows in.
fn plan_exists(
    db: &Database,
    ctx: &EvalContext,
    outer: &Table,
    outer_alias: Option<&str>,
    query: &Query,
    negated: bool,
) -> Result<PlanNode> {
    let shape = || refuse("this EXISTS subquery");
    let QueryBody::Select(sub) = &query.body else { return Err(shape()) };
    let sub: &Select = sub;
    let [item] = &sub.from[..] else { return Err(shape()) };
    let Some((inner, inner_alias)) = base_table(db, ctx, item)? else { return Err(shape()) };
    if !query.with.is_empty()
        || !sub.group_by.is_empty()
        || sub.having.is_some()
        || query.limit.is_some()
    {
        return Err(shape());
    }
    let Some(Expr::Binary { op: BinaryOp::Eq, left, right, .. }) = &sub.selection else {
        return Err(shape());
    };
    let os = table_scope(outer, outer_alias);
    let is = table_scope(inner, inner_alias.as_deref());
    // Inner names hide outer ones, as in the subquery.
    let side = |e: &Expr| -> Option<(bool, usize)> {
        let Expr::Column { table, name, .. } = e else { return None };
        let find = |s: &Scope| {
            s.columns.iter().position(|c| {
                c.name == *name && table.as_ref().is_none_or(|t| c.qualifier.as_deref() == Some(t))
            })
        };
        find(&is).map(|c| (true, c)).or_else(|| find(&os).map(|c| (false, c)))
    };
    let (Some(a), Some(b)) = (side(left), side(right)) else { return Err(shape()) };
    let ((_, ic), (_, oc)) = match (a, b) {
        ((true, _), (false, _)) => (a, b),
        ((false, _), (true, _)) => (b, a),
        _ => return Err(shape()),
    };
    let mut scope = os.clone();
    scope.columns.extend(is.columns.iter().cloned());
    let names = Names { scope: &scope, qualify: true };
    let inner_col = Bound::Column(os.columns.len() + ic);
    let text = |b: &Bound| deparse(b, &names).ok_or_else(shape);
    let cond = format!("({} = {})", text(&Bound::Column(oc))?, text(&inner_col)?);
    let probe = scan_node(outer, outer_alias, None, &os, None)?;
    let inner_scan = scan_node(inner, inner_alias.as_deref(), None, &is, None)?;
    let unique = unique_columns(inner).get(ic).copied().unwrap_or(false);
    let build = if negated || unique {
        inner_scan
    } else {
        // EXISTS over a non-unique column: the inner rows made unique, then an inner join.
        PlanNode::new("HashAggregate", vec![inner_scan]).detail("Group Key", text(&inner_col)?)
    };
    let title = if negated { "Hash Anti Join" } else { "Hash Join" };
    Ok(PlanNode::new(title, vec![probe, PlanNode::new("Hash", vec![build])])
        .detail("Hash Cond", cond))
}

/// What CREATE INDEX leaves in pg_class (index_update_stats): the table's pages and live rows,
/// unless it is empty (its size then stays unknown). The planner reads them from then on.
pub fn record_index_build(t: &mut Table) {
    let rows = t.heap.len();
    if rows > 0 {
        t.class_stats = Some((t.pages.borrow().count() as f64, rows as f64));
    }
}
