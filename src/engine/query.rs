//! SELECT: FROM (tables, joins, set-returning functions), WHERE, GROUP BY and aggregates, the
//! select list and its set-returning functions, ORDER BY, LIMIT/OFFSET. Rows come back in the
//! order PostgreSQL's scan meets them unless sorted.

use std::cmp::Ordering;

use crate::engine::access::{choose_path, scan_rows};
use crate::engine::calls::{AggCall, AggKind};
use crate::engine::database::Database;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, ScopeColumn, coerce};
use crate::engine::groupplan::{self, RelEstimate, Shape, Strategy};
use crate::engine::ops;
use crate::engine::pghash;
use crate::engine::pgsort;
use crate::engine::srf;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, compare, sort_cmp};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, JoinKind, Literal, Query, QueryBody, Select, SelectItem,
};

/// Rows with the scope that names their columns.
#[derive(Debug, Clone, Default)]
pub struct Relation {
    /// Column names and types.
    pub scope: Scope,
    /// The rows.
    pub rows: Vec<Vec<Value>>,
    /// Per column: a base table's single-column unique key (what makes the planner hash
    /// that side of an equi-join).
    pub unique: Vec<bool>,
    /// The planner's row estimate for a base table (sizes a hash join's table).
    pub estimate: f64,
}

/// Most rows one statement may produce or hold (a guard against statements that would take
/// the machine's memory).
pub const MAX_ROWS: usize = 50_000_000;

/// Runs a query.
pub fn run_query(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    match &q.body {
        QueryBody::Values(rows) => {
            let (columns, mut out) = values_rows(rows, ctx)?;
            let columns: Vec<(String, DataType)> = columns
                .into_iter()
                .enumerate()
                .map(|(i, t)| (format!("column{}", i + 1), t))
                .collect();
            if !q.order_by.is_empty() {
                let scope = Scope {
                    columns: columns
                        .iter()
                        .map(|(n, t)| ScopeColumn {
                            qualifier: None,
                            name: n.clone(),
                            data_type: t.clone(),
                        })
                        .collect(),
                };
                let mut keyed = Vec::new();
                for row in out {
                    let mut keys = Vec::new();
                    for ob in &q.order_by {
                        let b = order_expr_on_output(&ob.expr, &scope)?;
                        keys.push(eval(&b, &row, &[], ctx)?);
                    }
                    keyed.push((keys, row));
                }
                sort_keyed(&mut keyed, q);
                out = keyed.into_iter().map(|(_, r)| r).collect();
            }
            let out = apply_limit(out, q, ctx)?;
            Ok(ResultSet { columns, rows: out })
        }
        QueryBody::Select(select) => run_select(db, select, q, ctx),
    }
}

/// Evaluates a VALUES list: the column types are the common types of each column.
pub fn values_rows(
    rows: &[Vec<Expr>],
    ctx: &EvalContext,
) -> Result<(Vec<DataType>, Vec<Vec<Value>>)> {
    let scope = Scope::default();
    let width = rows.first().map_or(0, Vec::len);
    let mut bound = Vec::new();
    for row in rows {
        if row.len() != width {
            return Err(Error::new("42601", "VALUES lists must all be the same length"));
        }
        let mut b = Vec::new();
        for e in row {
            b.push(Binder::for_clause("VALUES").bind(e, &scope)?);
        }
        bound.push(b);
    }
    let mut types = Vec::new();
    for c in 0..width {
        let col: Vec<DataType> = bound.iter().map(|r| r[c].1.clone()).collect();
        let t = ops::common_type("VALUES", &col)?;
        types.push(if t == DataType::Unknown { DataType::Text } else { t });
    }
    let mut out = Vec::new();
    for row in bound {
        let mut vals = Vec::new();
        for (c, (b, t)) in row.into_iter().enumerate() {
            let (b, _) = coerce(b, t, &types[c], None)?;
            vals.push(eval(&b, &[], &[], ctx)?);
        }
        out.push(vals);
    }
    Ok((types, out))
}

/// Produces the rows of a FROM list (a cross product of its items).
pub fn from_relation(db: &Database, from: &[FromItem], ctx: &EvalContext) -> Result<Relation> {
    let mut rel = Relation { rows: vec![Vec::new()], ..Default::default() };
    for item in from {
        let right = from_item(db, item, ctx)?;
        rel = join(rel, right, JoinKind::Cross, None, ctx)?;
    }
    Ok(rel)
}

fn from_item(db: &Database, item: &FromItem, ctx: &EvalContext) -> Result<Relation> {
    match item {
        FromItem::Table { name, alias } => {
            if let Some(c) = crate::engine::pgcatalog::find_catalog(db, name, alias.as_deref()) {
                let (unique, estimate) = (vec![false; c.scope.columns.len()], c.rows.len() as f64);
                return Ok(Relation { scope: c.scope, rows: c.rows, unique, estimate });
            }
            let t = db.table(crate::engine::inherit::resolve_scanned(db, name)?)?;
            let scope = table_scope(t, alias.as_deref());
            t.visit_all_pages(ctx.xid);
            let unique = (0..t.columns.len())
                .map(|c| {
                    t.uniques.iter().any(|u| u.columns == [c])
                        || t.indexes.iter().any(|i| i.unique && i.columns == [c])
                })
                .collect();
            Ok(Relation {
                scope,
                rows: t
                    .scan_ids()
                    .into_iter()
                    .map(|id| {
                        ctx.cancel.check()?;
                        Ok(t.heap.row(id))
                    })
                    .filter_map(Result::transpose)
                    .collect::<Result<_>>()?,
                unique,
                estimate: RelEstimate::of_table(t, &[]).rows(),
            })
        }
        FromItem::Function { .. } => {
            let (scope, rows) = srf::from_function(item, ctx, MAX_ROWS)?;
            let rows = rows
                .map(|v| {
                    ctx.cancel.check()?;
                    Ok(vec![v])
                })
                .collect::<Result<Vec<Vec<Value>>>>()?;
            let estimate = rows.len() as f64;
            Ok(Relation { scope, rows, unique: vec![false], estimate })
        }
        FromItem::Join { left, right, kind, on } => {
            let l = from_item(db, left, ctx)?;
            let r = from_item(db, right, ctx)?;
            join(l, r, *kind, on.as_ref(), ctx)
        }
    }
}

fn join(
    left: Relation,
    right: Relation,
    kind: JoinKind,
    on: Option<&Expr>,
    ctx: &EvalContext,
) -> Result<Relation> {
    let mut scope = left.scope.clone();
    scope.columns.extend(right.scope.columns.iter().cloned());
    let cond = match on {
        Some(e) => {
            Some(Binder::for_clause("JOIN conditions").bind_condition(e, &scope, "JOIN/ON")?)
        }
        None => None,
    };
    let total = left.rows.len().saturating_mul(right.rows.len().max(1));
    if total > MAX_ROWS {
        return Err(Error::too_large(format!(
            "a join of {} by {} rows is more than fksim holds per statement ({MAX_ROWS})",
            left.rows.len(),
            right.rows.len()
        )));
    }
    // An equi-join whose left key alone is unique is a hash join that hashes the left side and
    // probes with the right (PostgreSQL's planner hashes the side whose key is unique): rows
    // come in the right side's order. For LEFT JOIN that is a Hash Right Join, which emits the
    // left rows nothing matched last, in its hash table's order. Otherwise fksim keeps the
    // left side's order, as a hash join probing with the left side does.
    let width = left.scope.columns.len();
    let hashed_left_key = match &cond {
        Some(Bound::Binary(BinaryOp::Eq, a, _, b, _, _)) => match (&**a, &**b) {
            (Bound::Column(x), Bound::Column(y)) => {
                let (l, r) = if x < y { (*x, *y) } else { (*y, *x) };
                (l < width
                    && r >= width
                    && left.unique.get(l).copied().unwrap_or(false)
                    && !right.unique.get(r - width).copied().unwrap_or(false))
                .then_some(l)
            }
            _ => None,
        },
        _ => None,
    };
    let joined = |l: &Vec<Value>, r: &Vec<Value>| -> Result<Option<Vec<Value>>> {
        ctx.cancel.check()?;
        let mut row = l.clone();
        row.extend(r.iter().cloned());
        let keep = match &cond {
            Some(c) => truth(&eval(c, &row, &[], ctx)?) == Some(true),
            None => true,
        };
        Ok(keep.then_some(row))
    };
    let mut rows = Vec::new();
    if let Some(key) = hashed_left_key.filter(|_| matches!(kind, JoinKind::Inner | JoinKind::Left))
    {
        let mut matched = vec![false; left.rows.len()];
        for r in &right.rows {
            for (i, l) in left.rows.iter().enumerate() {
                if let Some(row) = joined(l, r)? {
                    matched[i] = true;
                    rows.push(row);
                }
            }
        }
        if kind == JoinKind::Left {
            let ty = &left.scope.columns[key].data_type;
            let buckets = hash_join_buckets(left.estimate);
            let mut unmatched: Vec<(u32, usize)> = Vec::new();
            for (i, l) in left.rows.iter().enumerate() {
                if !matched[i] {
                    let hash = pghash::hash_value(&l[key], ty).unwrap_or(0);
                    unmatched.push((hash & (buckets - 1), i));
                }
            }
            // Bucket by bucket; within one, the last row inserted first.
            unmatched.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            for (_, i) in unmatched {
                let mut row = left.rows[i].clone();
                row.extend(std::iter::repeat_n(Value::Null, right.scope.columns.len()));
                rows.push(row);
            }
        }
        return Ok(Relation { scope, rows, ..Default::default() });
    }
    for l in &left.rows {
        let mut matched = false;
        for r in &right.rows {
            if let Some(row) = joined(l, r)? {
                matched = true;
                rows.push(row);
            }
        }
        if !matched && kind == JoinKind::Left {
            let mut row = l.clone();
            row.extend(std::iter::repeat_n(Value::Null, right.scope.columns.len()));
            rows.push(row);
        }
    }
    Ok(Relation { scope, rows, ..Default::default() })
}

/// The buckets of a hash join's table for `rows` estimated inner rows
/// (ExecChooseHashTableSize: one tuple a bucket, at least 1024, a power of two).
fn hash_join_buckets(rows: f64) -> u32 {
    (rows.ceil().clamp(1024.0, f64::from(1u32 << 30)) as u32).next_power_of_two()
}

/// The output name PostgreSQL gives an unaliased select-list expression (FigureColname).
pub fn column_name(e: &Expr) -> String {
    match e {
        Expr::Column { name, .. } => name.clone(),
        Expr::Function { name, .. } => name.clone(),
        Expr::Cast { expr, to, .. } => match column_name(expr).as_str() {
            "?column?" => cast_type_name(to),
            n => n.to_string(),
        },
        Expr::Case { .. } => "case".to_string(),
        Expr::Exists { .. } => "exists".to_string(),
        Expr::Literal(Literal::Bool(_)) => "bool".to_string(),
        _ => "?column?".to_string(),
    }
}

fn cast_type_name(t: &DataType) -> String {
    match t {
        DataType::SmallInt => "int2",
        DataType::Integer => "int4",
        DataType::BigInt => "int8",
        DataType::Numeric(_) => "numeric",
        DataType::Real => "float4",
        DataType::Double => "float8",
        DataType::Text => "text",
        DataType::Varchar(_) => "varchar",
        DataType::Char(_) => "bpchar",
        DataType::Boolean => "bool",
        DataType::Uuid => "uuid",
        DataType::Regclass => "regclass",
        DataType::Oid => "oid",
        DataType::Inet => "inet",
        DataType::Cidr => "cidr",
        DataType::Json => "json",
        DataType::Jsonb => "jsonb",
        DataType::Date => "date",
        DataType::Timestamp => "timestamp",
        DataType::Timestamptz => "timestamptz",
        DataType::Unknown => "unknown",
        DataType::Enum(e) => return e.name.clone(),
    }
    .to_string()
}

/// Binds a select list (or RETURNING list) against `scope`: names, bound expressions, types.
pub fn bind_select_list(
    items: &[SelectItem],
    scope: &Scope,
    binder: &mut Binder,
) -> Result<Vec<(String, Bound, DataType)>> {
    let mut out = Vec::new();
    for item in items {
        match item {
            SelectItem::Wildcard => {
                if scope.columns.is_empty() {
                    return Err(Error::new(
                        "42601",
                        "SELECT * with no tables specified is not valid",
                    ));
                }
                for (i, c) in scope.columns.iter().enumerate() {
                    out.push((c.name.clone(), Bound::Column(i), c.data_type.clone()));
                }
            }
            SelectItem::QualifiedWildcard(q) => {
                let mut any = false;
                for (i, c) in scope.columns.iter().enumerate() {
                    if c.qualifier.as_deref() == Some(q.as_str()) {
                        any = true;
                        out.push((c.name.clone(), Bound::Column(i), c.data_type.clone()));
                    }
                }
                if !any {
                    return Err(Error::new(
                        "42P01",
                        format!("missing FROM-clause entry for table \"{q}\""),
                    ));
                }
            }
            SelectItem::Expr { expr, alias } => {
                let (b, t) = binder.bind(expr, scope)?;
                let (b, t) = if t == DataType::Unknown {
                    coerce(b, t, &DataType::Text, None)?
                } else {
                    (b, t)
                };
                out.push((alias.clone().unwrap_or_else(|| column_name(expr)), b, t));
            }
        }
    }
    Ok(out)
}

fn run_select(db: &Database, s: &Select, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    let bind_where = |scope: &Scope| match &s.selection {
        Some(e) => Binder::for_clause("WHERE").bind_condition(e, scope, "WHERE").map(Some),
        None => Ok(None),
    };
    let (scope, filter, rows) = match &s.from[..] {
        [FromItem::Table { name, alias }] if !crate::engine::pgcatalog::names_catalog(name) => {
            let t = db.table(crate::engine::inherit::resolve_scanned(db, name)?)?;
            let scope = table_scope(t, alias.as_deref());
            let filter = bind_where(&scope)?;
            let rows = scan_table(t, filter.as_ref(), ctx)?;
            (scope, filter, rows)
        }
        from => {
            let input = from_relation(db, from, ctx)?;
            let filter = bind_where(&input.scope)?;
            let mut rows = Vec::new();
            for row in input.rows {
                ctx.cancel.check()?;
                if let Some(f) = &filter
                    && truth(&eval(f, &row, &[], ctx)?) != Some(true)
                {
                    continue;
                }
                rows.push(row);
            }
            (input.scope, filter, rows)
        }
    };
    let mut binder = Binder::for_select_list();
    let list = bind_select_list(&s.items, &scope, &mut binder)?;
    let mut order = Vec::new();
    for ob in &q.order_by {
        order.push(bind_order_item(&ob.expr, &list, &scope, &mut binder)?);
    }
    let having = match &s.having {
        Some(h) => Some(binder.without_srfs("HAVING", |b| b.bind_condition(h, &scope, "HAVING"))?),
        None => None,
    };
    let aggregates = binder.aggregates.take().unwrap_or_default();
    let srfs = binder.srfs.take().unwrap_or_default();
    let grouped = !aggregates.is_empty() || !s.group_by.is_empty() || having.is_some();
    // Without ORDER BY, groups come out in the order PostgreSQL's plan for them produces.
    let rel = RelEstimate::of_from(db, &s.from, filter.as_ref(), having.as_ref());
    // Each output row: the row the expressions see, and the aggregate results beside it.
    let groups: Vec<(Vec<Value>, Vec<Value>)> = if grouped {
        let plan = rel.as_ref().map(|r| (r, groupplan::limit_hint(q)));
        group_rows(rows, &s.group_by, &scope, &aggregates, plan, ctx)?
    } else {
        rows.into_iter().map(|r| (r, Vec::new())).collect()
    };
    let mut keyed = Vec::new();
    for (row, aggs) in &groups {
        ctx.cancel.check()?;
        if let Some(h) = &having
            && truth(&eval(h, row, aggs, ctx)?) != Some(true)
        {
            continue;
        }
        // The select list's set-returning calls run after grouping and HAVING, before
        // DISTINCT, ORDER BY and LIMIT.
        srf::expand(&srfs, row, aggs, ctx, MAX_ROWS, &mut |row| {
            let mut out = Vec::with_capacity(list.len());
            for (_, b, _) in &list {
                out.push(eval(b, row, aggs, ctx)?);
            }
            let mut keys = Vec::with_capacity(order.len());
            for o in &order {
                keys.push(match o {
                    OrderKey::Output(i) => out[*i].clone(),
                    OrderKey::Expr(b) => eval(b, row, aggs, ctx)?,
                });
            }
            if keyed.len() == MAX_ROWS {
                return Err(Error::too_large(format!(
                    "the query produces more than {MAX_ROWS} rows, more than fksim holds per statement"
                )));
            }
            keyed.push((keys, out));
            Ok(())
        })?;
    }
    if s.distinct {
        let keys: Vec<(Bound, DataType)> =
            list.iter().map(|(_, b, t)| (b.clone(), t.clone())).collect();
        let strategy = match &rel {
            Some(r) if !grouped => r.choose(&keys, Shape::Plain, groupplan::limit_hint(q)),
            _ => Strategy::AsSeen,
        };
        keyed = groupplan::distinct_rows(keyed, strategy, &keys);
    }
    if !q.order_by.is_empty() {
        sort_keyed(&mut keyed, q);
    }
    let out = apply_limit(keyed.into_iter().map(|(_, r)| r).collect(), q, ctx)?;
    Ok(ResultSet { columns: list.into_iter().map(|(n, _, t)| (n, t)).collect(), rows: out })
}

/// The rows of one table that satisfy `selection`, in the order PostgreSQL's plan meets them.
fn scan_table(t: &Table, filter: Option<&Bound>, ctx: &EvalContext) -> Result<Vec<Vec<Value>>> {
    let mut ids = Vec::new();
    for (id, row) in t.heap.iter() {
        ctx.cancel.check()?;
        if let Some(f) = filter
            && truth(&eval(f, &row, &[], ctx)?) != Some(true)
        {
            continue;
        }
        ids.push(id);
    }
    scan_rows(t, &choose_path(t, filter), &mut ids, ctx.xid);
    Ok(ids.into_iter().filter_map(|id| t.heap.row(id)).collect())
}

enum OrderKey {
    Output(usize),
    Expr(Bound),
}

fn bind_order_item(
    e: &Expr,
    list: &[(String, Bound, DataType)],
    scope: &Scope,
    binder: &mut Binder,
) -> Result<OrderKey> {
    if let Expr::Literal(Literal::Number(n)) = e {
        let i: usize = n.parse().unwrap_or(0);
        if i == 0 || i > list.len() {
            return Err(Error::new(
                "42P10",
                format!("ORDER BY position {n} is not in select list"),
            ));
        }
        return Ok(OrderKey::Output(i - 1));
    }
    if let Expr::Column { table: None, name, .. } = e {
        let matches: Vec<usize> =
            list.iter().enumerate().filter(|(_, (n, _, _))| n == name).map(|(i, _)| i).collect();
        if matches.len() == 1 && !scope.columns.iter().any(|c| &c.name == name) {
            return Ok(OrderKey::Output(matches[0]));
        }
        if let Some(&i) = matches.first()
            && (scope.columns.iter().filter(|c| &c.name == name).count() == 1 || matches.len() == 1)
        {
            return Ok(OrderKey::Output(i));
        }
    }
    let (b, _) = binder.bind(e, scope)?;
    Ok(OrderKey::Expr(b))
}

fn order_expr_on_output(e: &Expr, scope: &Scope) -> Result<Bound> {
    if let Expr::Literal(Literal::Number(n)) = e {
        let i: usize = n.parse().unwrap_or(0);
        if i == 0 || i > scope.columns.len() {
            return Err(Error::new(
                "42P10",
                format!("ORDER BY position {n} is not in select list"),
            ));
        }
        return Ok(Bound::Column(i - 1));
    }
    Ok(Binder::default().bind(e, scope)?.0)
}

/// ORDER BY, with PostgreSQL's quicksort: rows that tie on every key keep no promised order,
/// and this reproduces the one PostgreSQL leaves (given the same input order).
fn sort_keyed(keyed: &mut [(Vec<Value>, Vec<Value>)], q: &Query) {
    pgsort::pg_qsort(keyed, &mut |(a, _), (b, _)| {
        for (i, ob) in q.order_by.iter().enumerate() {
            let nulls_first = ob.nulls_first.unwrap_or(ob.desc);
            let (x, y) = (&a[i], &b[i]);
            let ord = match (x.is_null(), y.is_null()) {
                (true, true) => Ordering::Equal,
                (true, false) => {
                    if nulls_first {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }
                }
                (false, true) => {
                    if nulls_first {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                }
                (false, false) => {
                    let o = sort_cmp(x, y);
                    if ob.desc { o.reverse() } else { o }
                }
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
}

fn apply_limit(rows: Vec<Vec<Value>>, q: &Query, ctx: &EvalContext) -> Result<Vec<Vec<Value>>> {
    let eval_count = |e: &Option<Expr>, what: &'static str| -> Result<Option<usize>> {
        let Some(e) = e else { return Ok(None) };
        let (b, t) = Binder::for_clause(what).bind(e, &Scope::default())?;
        let v = cast(eval(&b, &[], &[], ctx)?, &t, &DataType::BigInt, false)?;
        match v {
            Value::Null => Ok(None),
            Value::Int(n) if n < 0 => {
                Err(Error::new("2201W", format!("{what} must not be negative")))
            }
            Value::Int(n) => Ok(Some(n as usize)),
            _ => Ok(None),
        }
    };
    let offset = eval_count(&q.offset, "OFFSET")?.unwrap_or(0);
    let limit = eval_count(&q.limit, "LIMIT")?;
    Ok(rows.into_iter().skip(offset).take(limit.unwrap_or(usize::MAX)).collect())
}

fn group_rows(
    rows: Vec<Vec<Value>>,
    group_by: &[Expr],
    scope: &Scope,
    aggregates: &[AggCall],
    plan: Option<(&RelEstimate, Option<f64>)>,
    ctx: &EvalContext,
) -> Result<Vec<(Vec<Value>, Vec<Value>)>> {
    let mut keys_bound = Vec::new();
    for g in group_by {
        keys_bound.push(Binder::for_clause("GROUP BY").bind(g, scope)?);
    }
    // Per group key: the group's first row, and every row's aggregate arguments.
    type Group = (Vec<Value>, Vec<Vec<Value>>);
    let mut groups: indexmap::IndexMap<Vec<Value>, Group> = indexmap::IndexMap::new();
    let mut row_groups = Vec::with_capacity(rows.len());
    for row in rows {
        let mut key = Vec::new();
        for (k, _) in &keys_bound {
            key.push(eval(k, &row, &[], ctx)?);
        }
        let mut args = Vec::new();
        for a in aggregates {
            args.push(match &a.arg {
                Some(b) => eval(b, &row, &[], ctx)?,
                None => Value::Bool(true),
            });
        }
        let entry = groups.entry(key);
        row_groups.push(entry.index());
        entry.or_insert_with(|| (row.clone(), Vec::new())).1.push(args);
    }
    if groups.is_empty() && group_by.is_empty() {
        let nulls = vec![Value::Null; scope.columns.len()];
        groups.insert(Vec::new(), (nulls, Vec::new()));
    }
    let strategy = groupplan::group_strategy(plan, &keys_bound, aggregates);
    let types: Vec<DataType> = keys_bound.iter().map(|(_, t)| t.clone()).collect();
    let keys: Vec<Vec<Value>> = groups.keys().cloned().collect();
    let order = groupplan::arrange(strategy, &keys, &types, &row_groups);
    let mut slots: Vec<Option<Group>> = groups.into_values().map(Some).collect();
    let mut out = Vec::new();
    for (first, arg_rows) in
        order.into_iter().filter_map(|g| slots.get_mut(g).and_then(Option::take))
    {
        let mut results = Vec::new();
        for (i, a) in aggregates.iter().enumerate() {
            results.push(aggregate(a, arg_rows.iter().map(|r| &r[i]))?);
        }
        out.push((first, results));
    }
    Ok(out)
}

fn aggregate<'v>(a: &AggCall, values: impl Iterator<Item = &'v Value>) -> Result<Value> {
    let mut vals: Vec<&Value> =
        values.filter(|v| a.kind == AggKind::CountStar || !v.is_null()).collect();
    if a.distinct {
        let mut seen = std::collections::HashSet::new();
        vals.retain(|v| seen.insert((*v).clone()));
    }
    Ok(match a.kind {
        AggKind::CountStar | AggKind::Count => Value::Int(vals.len() as i64),
        AggKind::Min | AggKind::Max => {
            let want = if a.kind == AggKind::Min { Ordering::Less } else { Ordering::Greater };
            let mut best: Option<&Value> = None;
            for v in vals {
                if best.is_none_or(|b| compare(v, b) == Some(want)) {
                    best = Some(v);
                }
            }
            best.cloned().unwrap_or(Value::Null)
        }
        AggKind::Sum | AggKind::Avg => {
            if vals.is_empty() {
                return Ok(Value::Null);
            }
            let acc_ty = match &a.arg_type {
                DataType::Real | DataType::Double => DataType::Double,
                _ => DataType::Numeric(None),
            };
            let mut acc = cast(Value::Int(0), &DataType::Integer, &acc_ty, false)?;
            for v in &vals {
                let v = cast((*v).clone(), &a.arg_type, &acc_ty, false)?;
                acc = ops::eval_binary(BinaryOp::Plus, &acc, &acc_ty, &v, &acc_ty)?;
            }
            if a.kind == AggKind::Avg {
                let n = cast(Value::Int(vals.len() as i64), &DataType::BigInt, &acc_ty, false)?;
                acc = ops::eval_binary(BinaryOp::Divide, &acc, &acc_ty, &n, &acc_ty)?;
                acc
            } else {
                let out_ty = match &a.arg_type {
                    DataType::SmallInt | DataType::Integer => DataType::BigInt,
                    other => other.base(),
                };
                cast(acc, &acc_ty, &out_ty, false)?
            }
        }
    })
}
