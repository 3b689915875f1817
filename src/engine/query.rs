//! SELECT: FROM (tables, joins, set-returning functions), WHERE, grouping, the select list and
//! its set-returning functions, DISTINCT; rows come back in the order PostgreSQL's plan meets
//! them unless sorted (`order.rs` sorts and limits, `aggregate.rs` groups, `join.rs` joins).

use crate::engine::access::{AccessPath, choose_path, filter_rows};
use crate::engine::aggregate::Grouper;
use crate::engine::colscan::{HeapRows, RowSink, columns_read, join_reader};
use crate::engine::compound;
use crate::engine::database::Database;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, coerce};
use crate::engine::fastexpr::FastExpr;
use crate::engine::from_stream::FromRows;
use crate::engine::groupplan::{self, RelEstimate, Shape, Strategy};
use crate::engine::join::{RowSource, bind_join, join, join_streamed};
use crate::engine::ops;
use crate::engine::order::{
    OrderKey, apply_limit, bind_distinct_on, bind_order_item, order_output, sort_keyed,
    sort_keyed_limited,
};
use crate::engine::srf;
use crate::engine::storage::RowId;
use crate::engine::subquery::SubPlans;
use crate::engine::table::{ScanOrder, Table};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    Expr, FromItem, JoinKind, Literal, OrderBy, Query, QueryBody, Select, SelectItem,
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
    /// A base table's estimate as a join input, restricted by the WHERE terms on it alone
    /// (weighs the hashed side of a join).
    pub side: Option<Box<crate::engine::joinplan::SideEstimate>>,
}

/// Runs a query.
pub fn run_query(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    if !q.with.is_empty() {
        return compound::run_with(db, q, ctx);
    }
    match &q.body {
        QueryBody::Values(rows) => {
            let (columns, out) = values_rows(rows, ctx)?;
            let columns: Vec<(String, DataType)> = columns
                .into_iter()
                .enumerate()
                .map(|(i, t)| (format!("column{}", i + 1), t))
                .collect();
            let out = order_output(out, &columns, q, ctx)?;
            Ok(ResultSet { columns, rows: out })
        }
        QueryBody::Select(select) => run_select(db, select, q, ctx),
        QueryBody::SetOp { .. } => compound::run_set_op(db, q, ctx),
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
    if let [item] = from {
        return from_item(db, item, ctx);
    }
    let mut rel = Relation { rows: vec![Vec::new()], ..Default::default() };
    for item in from {
        if crate::engine::lateral::is_lateral(item) {
            rel = crate::engine::lateral::lateral_join(db, rel, item, JoinKind::Cross, None, ctx)?;
            continue;
        }
        let right = from_item(db, item, ctx)?;
        rel = join(rel, right, JoinKind::Cross, None, None, ctx)?;
    }
    Ok(rel)
}

/// Every live row of a table, as a sequential scan meets them, with their slots.
pub fn table_relation(
    t: &Table,
    alias: Option<&str>,
    ctx: &EvalContext,
) -> Result<(Relation, Vec<RowId>)> {
    let (mut rel, all) = table_shape(t, alias, ctx);
    let mut ids = Vec::new();
    for id in all {
        ctx.cancel.check()?;
        if let Some(row) = t.heap.row(id) {
            ids.push(id);
            rel.rows.push(row);
        }
    }
    Ok((rel, ids))
}

/// A table as a relation without its rows, and the slots a sequential scan meets (its pages
/// read, as the scan does).
fn table_shape(t: &Table, alias: Option<&str>, ctx: &EvalContext) -> (Relation, ScanOrder) {
    let scope = table_scope(t, alias);
    t.visit_all_pages(ctx.xid);
    let unique = unique_columns(t);
    let estimate = RelEstimate::of_table(t, &[]).rows();
    let side = Some(Box::new(crate::engine::joinplan::side_of_table(t, &[])));
    (Relation { scope, rows: Vec::new(), unique, estimate, side }, t.scan_order())
}

/// Per column of `t`: whether a single-column unique key covers it.
pub(crate) fn unique_columns(t: &Table) -> Vec<bool> {
    (0..t.columns.len())
        .map(|c| {
            t.uniques.iter().any(|u| u.columns == [c])
                || t.indexes.iter().any(|i| i.unique && i.columns == [c])
        })
        .collect()
}

fn from_item(db: &Database, item: &FromItem, ctx: &EvalContext) -> Result<Relation> {
    match item {
        FromItem::Table { name, alias } if let Some(rs) = ctx.cte(name) => {
            let scope = Scope::qualified(alias.as_ref().unwrap_or(&name.name), &rs.columns);
            let width = rs.columns.len();
            Ok(Relation {
                scope,
                rows: rs.rows.clone(),
                unique: vec![false; width],
                estimate: rs.rows.len() as f64,
                side: None,
            })
        }
        FromItem::Table { name, alias } => {
            if let Some(c) = crate::engine::pgcatalog::find_catalog(db, name, alias.as_deref()) {
                let (unique, estimate) = (vec![false; c.scope.columns.len()], c.rows.len() as f64);
                return Ok(Relation { scope: c.scope, rows: c.rows, unique, estimate, side: None });
            }
            if let Some(rel) = crate::engine::views::relation(db, name, alias.as_deref(), ctx)? {
                return Ok(rel);
            }
            let id = crate::engine::inherit::resolve_scanned(db, name)?;
            if crate::engine::partition::is_partitioned(db, id) {
                let alias = alias.as_deref().unwrap_or(&name.name);
                return crate::engine::partition::scan_partitions(db, id, alias, ctx);
            }
            table_relation(db.table(id)?, alias.as_deref(), ctx).map(|(rel, _)| rel)
        }
        FromItem::Function { .. } => {
            if let Some(rel) = crate::engine::partition_tree::function_relation(db, item, ctx)? {
                return Ok(rel);
            }
            let (scope, rows) = srf::from_function(item, ctx, usize::MAX)?;
            let _b = crate::engine::memory::building("the rows of a set-returning function");
            let rows = rows
                .map(|v| {
                    ctx.cancel.check()?;
                    Ok(vec![v])
                })
                .collect::<Result<Vec<Vec<Value>>>>()?;
            let estimate = rows.len() as f64;
            Ok(Relation { scope, rows, unique: vec![false], estimate, side: None })
        }
        FromItem::Join { using: Some(_), right, .. }
            if crate::engine::lateral::is_lateral(right) =>
        {
            Err(Error::unsupported("JOIN LATERAL ... USING is not supported by fksim"))
        }
        FromItem::Join { left, right, kind, on, .. }
            if crate::engine::lateral::is_lateral(right) =>
        {
            let l = from_item(db, left, ctx)?;
            crate::engine::lateral::lateral_join(db, l, right, *kind, on.as_ref(), ctx)
        }
        FromItem::Join { left, right, kind, on, using } => {
            let l = from_item(db, left, ctx)?;
            let r = from_item(db, right, ctx)?;
            join(l, r, *kind, on.as_ref(), using.as_deref(), ctx)
        }
        FromItem::Subquery { lateral: true, .. } => {
            let unit = Relation { rows: vec![Vec::new()], ..Default::default() };
            crate::engine::lateral::lateral_join(db, unit, item, JoinKind::Cross, None, ctx)
        }
        FromItem::Subquery { query, alias, columns, .. } => {
            crate::engine::lateral::subquery_relation(db, query, alias, columns, ctx)
        }
    }
}

/// The output name PostgreSQL gives an unaliased select-list expression (FigureColname).
pub fn column_name(e: &Expr) -> String {
    match e {
        Expr::Column { name, .. } => name.clone(),
        // A subscript is named after what it subscripts; ARRAY(subquery) is `array`.
        Expr::Function { name, args, .. }
            if name == crate::sql::arrays::SUBSCRIPT || name == crate::sql::arrays::SLICE =>
        {
            args.first().map_or_else(|| "?column?".to_string(), column_name)
        }
        Expr::Function { name, .. } if name == crate::sql::arrays::OF_SUBQUERY => "array".into(),
        // `x = ANY (array)` is an operator to PostgreSQL, not a named call.
        Expr::Function { name, .. } if name.contains(' ') => "?column?".to_string(),
        Expr::Function { name, .. } => name.clone(),
        Expr::Call(c) => column_name(&c.call),
        // A name that itself came from a type gives way to the outer cast's (FigureColname's
        // strength 1): `'t'::regclass::text` is `text`.
        Expr::Cast { expr, to, .. } => match column_name(expr).as_str() {
            "?column?" => cast_type_name(to),
            _ if named_by_type(expr) => cast_type_name(to),
            n => n.to_string(),
        },
        Expr::Case { .. } => "case".to_string(),
        Expr::Exists { .. } => "exists".to_string(),
        // A scalar subquery is named after its one column, as FigureColname names it.
        Expr::Subquery(q) => match &q.body {
            crate::sql::ast::QueryBody::Select(s) => match s.items.as_slice() {
                [SelectItem::Expr { alias: Some(a), .. }] => a.clone(),
                [SelectItem::Expr { expr, .. }] => column_name(expr),
                _ => "?column?".to_string(),
            },
            _ => "?column?".to_string(),
        },
        // `date '...'` is a cast in PostgreSQL's raw parse tree.
        Expr::Literal(Literal::Typed(t, _)) => cast_type_name(t),
        _ => "?column?".to_string(),
    }
}

/// True when an expression's column name is its type's: a typed literal, or a cast of one.
fn named_by_type(e: &Expr) -> bool {
    match e {
        Expr::Literal(Literal::Typed(..)) => true,
        Expr::Cast { expr, .. } => column_name(expr) == "?column?" || named_by_type(expr),
        _ => false,
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
        DataType::Bytea => "bytea",
        DataType::Interval => "interval",
        DataType::TsVector => "tsvector",
        DataType::Array(e) => return cast_type_name(e),
        DataType::Domain(d) => return d.name.clone(),
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
                for c in scope.visible() {
                    out.push((c.name, c.value, c.data_type));
                }
            }
            SelectItem::QualifiedWildcard(q) => {
                let mut any = false;
                for (i, c) in scope.columns.iter().enumerate() {
                    if c.qualifier.as_deref() == Some(q.as_str())
                        && !crate::engine::partition_tree::is_hidden(&c.name)
                    {
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
    // Where the rows come from, and the columns they have.
    let mut planned =
        crate::engine::joinorder::run_planned(db, &s.from, s.selection.as_ref(), ctx)?;
    let (scope, source) = match &s.from[..] {
        // Several tables joined in the order PostgreSQL's plan joins them.
        _ if planned.is_some() => {
            let rel = planned.take().unwrap_or_default();
            (rel.scope, Source::Rows(rel.rows))
        }
        [FromItem::Table { name, alias }]
            if ctx.cte(name).is_none()
                && !crate::engine::pgcatalog::names_catalog(name)
                && crate::engine::views::find(db, name).is_none()
                && !crate::engine::partition::names_partitioned(db, name) =>
        {
            let t = db.table(crate::engine::inherit::resolve_scanned(db, name)?)?;
            if crate::engine::partition_tree::reads_tableoid(s) {
                let (rel, _) = table_relation(t, alias.as_deref(), ctx)?;
                let rel = crate::engine::partition_tree::with_tableoid(db, t.id, rel);
                (rel.scope, Source::Rows(rel.rows))
            } else {
                (table_scope(t, alias.as_deref()), Source::Table(t))
            }
        }
        [FromItem::Join { left, right, kind, on, using }]
            if !crate::engine::lateral::is_lateral(right) =>
        {
            // The top join hands its rows straight on: only the rows WHERE keeps are held. A
            // base table on the left is read from its heap as the join probes with it.
            let (l, ids) = match &**left {
                FromItem::Table { name, alias }
                    if ctx.cte(name).is_none()
                        && !crate::engine::pgcatalog::names_catalog(name)
                        && crate::engine::views::find(db, name).is_none()
                        && !crate::engine::partition::names_partitioned(db, name) =>
                {
                    let t = db.table(crate::engine::inherit::resolve_scanned(db, name)?)?;
                    let (l, ids) = table_shape(t, alias.as_deref(), ctx);
                    (l, Some((t, ids)))
                }
                item => (from_item(db, item, ctx)?, None),
            };
            let (mut l, mut r) = (l, from_item(db, right, ctx)?);
            {
                // A USING join is estimated as the ON equalities it stands for.
                let equivalent = using
                    .as_deref()
                    .and_then(|u| crate::engine::using_join::on_equivalent(&l.scope, &r.scope, u));
                let rt = crate::engine::joinplan::base_table(db, ctx, right);
                let lt = ids.as_ref().map(|(t, _)| *t);
                let (on, sel) = (on.as_ref().or(equivalent.as_ref()), s.selection.as_ref());
                crate::engine::joinplan::estimate_sides(lt, rt, &mut l, &mut r, *kind, on, sel);
            }
            // A base table on the left that its own WHERE terms read through an index: its
            // rows come in that scan's order (a bitmap scan's follows HOT chains' roots).
            let ids = match (ids, l.side.as_ref().and_then(|s| s.index_path.as_ref())) {
                (Some((t, _)), Some((path, terms)))
                    if matches!(kind, JoinKind::Inner | JoinKind::Left) =>
                {
                    Some((
                        t,
                        ScanOrder::Listed(filter_rows(t, Some(terms), path, ctx)?.into_iter()),
                    ))
                }
                (ids, _) => ids,
            };
            let (scope, cond) = crate::engine::using_join::bind(
                &l.scope,
                &r.scope,
                on.as_ref(),
                using.as_deref(),
                *kind,
            )?;
            (scope, Source::Join(Box::new((l, r)), ids, *kind, cond))
        }
        from => match crate::engine::from_stream::plan(db, from, ctx)? {
            FromRows::Function(scope, rows) => (scope, Source::Function(rows)),
            FromRows::Rows(input) => (input.scope, Source::Rows(input.rows)),
            FromRows::Cross(l, r) => {
                let (scope, _) = bind_join(&l.scope, &r.scope, None)?;
                (scope, Source::Join(Box::new((l, r)), None, JoinKind::Cross, None))
            }
        },
    };
    let mut where_binder = Binder { subplans: Some(Vec::new()), ..Binder::for_clause("WHERE") };
    let filter = match &s.selection {
        Some(e) => Some(where_binder.bind_condition(e, &scope, "WHERE")?),
        None => None,
    };
    let mut where_plans = SubPlans::new(db, &mut where_binder);
    let mut binder = Binder::for_select_list();
    let mut list = bind_select_list(&s.items, &scope, &mut binder)?;
    let mut order = Vec::new();
    for ob in &q.order_by {
        order.push(bind_order_item(&ob.expr, &list, &scope, &mut binder)?);
    }
    let having = match &s.having {
        Some(h) => Some(binder.without_srfs("HAVING", |b| b.bind_condition(h, &scope, "HAVING"))?),
        None => None,
    };
    let mut distinct_on = bind_distinct_on(&s.distinct_on, &order, &list, &scope, &mut binder)?;
    let aggregates = binder.aggregates.take().unwrap_or_default();
    let (windows, window_refs) = crate::engine::window::take_windows(
        &mut binder,
        aggregates.len(),
        &mut list,
        &mut order,
        &mut distinct_on,
    );
    let srfs = binder.srfs.take().unwrap_or_default();
    let mut plans = SubPlans::new(db, &mut binder);
    if !windows.is_empty() && !plans.is_empty() {
        return Err(Error::unsupported(
            "window functions beside correlated subqueries are not supported by fksim",
        ));
    }
    if !srfs.is_empty() && !plans.is_empty() {
        return Err(Error::unsupported(
            "set-returning functions beside correlated subqueries are not supported by fksim",
        ));
    }
    let group_by = crate::engine::group_by::resolve(&s.group_by, &s.items, &scope)?;
    let grouped = !aggregates.is_empty() || !group_by.is_empty() || having.is_some();
    if grouped {
        let keys = group_by
            .iter()
            .map(|g| Binder::for_clause("GROUP BY").bind(g, &scope).map(|(b, _)| b))
            .collect::<Result<Vec<_>>>()?;
        let outputs: Vec<&Bound> = list
            .iter()
            .map(|(_, b, _)| b)
            .chain(order.iter().filter_map(|o| match o {
                OrderKey::Expr(b) => Some(b),
                OrderKey::Output(_) => None,
            }))
            .chain(having.as_ref())
            .collect();
        let order_exprs: Vec<Expr> = q.order_by.iter().map(|o| o.expr.clone()).collect();
        crate::engine::group_by::check_grouped(db, s, &order_exprs, &scope, &keys, &outputs)?;
    }
    // Grouped queries take their rows one at a time; others keep the rows WHERE keeps.
    let mut sink = match grouped {
        true => RowSink::Grouped(Box::new(Grouper::new(&group_by, &scope, &aggregates)?)),
        false => RowSink::Kept(Vec::new()),
    };
    // A table's rows are read in place, only the columns the query reads when nothing else
    // (a subquery, a window, a set-returning call) looks at its rows.
    let narrow =
        (where_plans.is_empty() && plans.is_empty() && windows.is_empty() && srfs.is_empty()).then(
            || {
                let order_exprs = order.iter().chain(&distinct_on).filter_map(|o| match o {
                    OrderKey::Expr(b) => Some(b),
                    OrderKey::Output(_) => None,
                });
                let grouping = match &sink {
                    RowSink::Grouped(g) => Some(g.exprs()),
                    RowSink::Kept(_) => None,
                };
                let exprs = (filter.iter().chain(having.iter()))
                    .chain(list.iter().map(|(_, b, _)| b))
                    .chain(order_exprs)
                    .chain(grouping.into_iter().flatten());
                columns_read(usize::MAX, exprs)
            },
        );
    // The columns read, for a LEFT JOIN PostgreSQL removes under a grouping (join_group.rs).
    let used = (grouped || s.distinct).then(|| narrow.clone()).flatten();
    let _held = crate::engine::memory::building(if grouped {
        "the groups of an aggregate"
    } else {
        "the rows of a query's result"
    });
    let test = filter.as_ref().map(FastExpr::new);
    match source {
        Source::Table(t) if where_plans.is_empty() => {
            let path = choose_path(t, filter.as_ref());
            crate::engine::colscan::scan_table(t, filter.as_ref(), &path, narrow, &mut sink, ctx)?;
        }
        // A filter with correlated subqueries is a sequential scan's, row by row.
        Source::Table(t) => {
            for id in filter_rows(t, None, &AccessPath::SeqScan, ctx)? {
                if let Some(mut row) = t.heap.row(id)
                    && keep(test.as_ref(), &mut where_plans, &mut row, ctx)?
                {
                    sink.push(&mut row, ctx)?;
                }
            }
        }
        Source::Join(sides, left_rows, kind, cond) => {
            let (l, mut r) = *sides;
            let width = l.scope.columns.len();
            if let Some(read) = &narrow {
                let cond_columns = columns_read(usize::MAX, cond.iter());
                crate::engine::join::blank_unread(&mut r, width, &[&read[..], &cond_columns[..]]);
            }
            let (l, r) = (&l, &r);
            let mut heap_rows = left_rows.map(|(t, ids)| {
                HeapRows::new(join_reader(&t.heap, narrow.as_deref(), cond.as_ref(), width), ids)
            });
            let left_rows = heap_rows.as_mut().map(|it| it as RowSource<'_>);
            // Without subqueries in it, the WHERE is the join's to test.
            let (post, test) = match where_plans.is_empty() {
                true => (test.as_ref(), None),
                false => (None, test.as_ref()),
            };
            join_streamed(l, left_rows, r, kind, cond.as_ref(), post, ctx, &mut |row| {
                if keep(test, &mut where_plans, row, ctx)? {
                    sink.push(row, ctx)?;
                }
                Ok(())
            })?;
        }
        Source::Rows(input) => {
            for mut row in input {
                if keep(test.as_ref(), &mut where_plans, &mut row, ctx)? {
                    sink.push(&mut row, ctx)?;
                }
            }
        }
        Source::Function(rows) => {
            for value in rows {
                let mut row = vec![value];
                if keep(test.as_ref(), &mut where_plans, &mut row, ctx)? {
                    sink.push(&mut row, ctx)?;
                }
            }
        }
    }
    // Without ORDER BY, groups come out in the order PostgreSQL's plan for them produces.
    // (Only grouping and DISTINCT consult it: a plain query does not plan its table again.)
    let rel = if grouped || s.distinct {
        crate::engine::derived_plan::estimate(
            db,
            ctx,
            &s.from,
            (s.selection.as_ref(), filter.as_ref()),
            having.as_ref(),
            used.as_deref(),
        )
    } else {
        None
    };
    // Each output row: the row the expressions see, and the aggregate results beside it.
    let groups: Vec<(Vec<Value>, Vec<Value>)> = match sink {
        RowSink::Grouped(g) => g.finish(rel.as_ref().map(|r| (r, groupplan::limit_hint(q))))?,
        RowSink::Kept(rows) => rows.into_iter().map(|r| (r, Vec::new())).collect(),
    };
    let (groups, having) = match windows.is_empty() {
        true => (groups, having),
        false => {
            let w =
                crate::engine::winexec::apply(groups, &windows, having.as_ref(), &window_refs, ctx);
            (w?, None)
        }
    };
    let mut keyed = Vec::new();
    for (row, aggs) in &groups {
        ctx.cancel.check()?;
        let extended;
        let row = if plans.is_empty() {
            row
        } else {
            extended = {
                let mut r = row.clone();
                plans.extend(&mut r, aggs, ctx)?;
                r
            };
            &extended
        };
        if let Some(h) = &having
            && truth(&eval(h, row, aggs, ctx)?) != Some(true)
        {
            continue;
        }
        // The select list's set-returning calls run after grouping and HAVING, before
        // DISTINCT, ORDER BY and LIMIT.
        srf::expand(&srfs, row, aggs, ctx, usize::MAX, &mut |row| {
            let mut out = Vec::with_capacity(list.len());
            for (_, b, _) in &list {
                out.push(eval(b, row, aggs, ctx)?);
            }
            let mut keys = Vec::with_capacity(order.len() + distinct_on.len());
            for o in order.iter().chain(&distinct_on) {
                keys.push(match o {
                    OrderKey::Output(i) => out[*i].clone(),
                    OrderKey::Expr(b) => eval(b, row, aggs, ctx)?,
                });
            }
            ctx.cancel.check()?;
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
    if s.distinct_on.len() > q.order_by.len() {
        // PostgreSQL sorts by the ORDER BY, then the DISTINCT ON expressions (the keys hold
        // both, in that order; one it already names sorts nothing twice).
        let more = s.distinct_on.iter().map(|e| OrderBy {
            expr: e.clone(),
            desc: false,
            nulls_first: None,
        });
        let by = Query { order_by: q.order_by.iter().cloned().chain(more).collect(), ..q.clone() };
        sort_keyed(&mut keyed, &by);
    } else if !distinct_on.is_empty() {
        // The Unique between the Sort and the Limit keeps the LIMIT from bounding the sort.
        sort_keyed(&mut keyed, q);
    } else if !q.order_by.is_empty() {
        sort_keyed_limited(&mut keyed, q);
    }
    if !distinct_on.is_empty() {
        // The first row of each run of equal DISTINCT ON values (NULLs equal).
        let at = q.order_by.len();
        keyed.dedup_by(|b, a| a.0[at..] == b.0[at..]);
    }
    let out = apply_limit(keyed.into_iter().map(|(_, r)| r).collect(), q, ctx)?;
    Ok(ResultSet { columns: list.into_iter().map(|(n, _, t)| (n, t)).collect(), rows: out })
}

/// Where a SELECT's rows come from.
enum Source<'t> {
    /// One table, read by the access path its WHERE clause chooses.
    Table(&'t Table),
    /// Two relations joined on a condition; the left one's rows in its table's heap (its
    /// slots) when it is a base table.
    Join(Box<(Relation, Relation)>, Option<(&'t Table, ScanOrder)>, JoinKind, Option<Bound>),
    /// Rows already made (a WITH query, a catalog, no FROM).
    Rows(Vec<Vec<Value>>),
    /// A set-returning function's rows, made as they are read.
    Function(crate::engine::srf_rows::SrfRows),
}

/// Whether `row` passes `filter`, its correlated subqueries run for it first.
fn keep(
    filter: Option<&FastExpr<'_>>,
    plans: &mut SubPlans<'_>,
    row: &mut Vec<Value>,
    ctx: &EvalContext,
) -> Result<bool> {
    ctx.cancel.check()?;
    if filter.is_none() {
        return Ok(true);
    }
    let width = row.len();
    plans.extend(row, &[], ctx)?;
    let keep = filter.map_or(Ok(true), |f| f.holds(row, ctx))?;
    row.truncate(width);
    Ok(keep)
}
