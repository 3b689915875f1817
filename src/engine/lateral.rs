//! Subqueries in FROM and LATERAL items: `(SELECT ...) alias`, `LATERAL (SELECT ... WHERE
//! o.customer_id = c.id ... LIMIT 3) o` and functions in FROM whose arguments read the items
//! before them. A lateral item runs again for each row of what is to its left, as
//! PostgreSQL's nested loop does: left rows in order, each one's inner rows after it.

use crate::engine::database::Database;
use crate::engine::eval::{eval, holds};
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, ScopeColumn};
use crate::engine::join::bind_join;
use crate::engine::query::Relation;
use crate::engine::srf;
use crate::engine::subquery::{correlate, run, substitute};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Expr, FromItem, JoinKind, Query};

/// Whether `item` reads the FROM items before it: a LATERAL subquery, or a function whose
/// arguments name columns (functions in FROM are lateral without the keyword).
pub fn is_lateral(item: &FromItem) -> bool {
    match item {
        FromItem::Subquery { lateral, .. } => *lateral,
        FromItem::Function { args, .. } => args.iter().any(crate::sql::walk::names_column),
        _ => false,
    }
}

/// A subquery's result as a relation named `alias` (its columns renamed by `columns`).
fn relation_of(rs: ResultSet, alias: &str, columns: &[String]) -> Relation {
    let scope = Scope {
        columns: rs
            .columns
            .iter()
            .enumerate()
            .map(|(i, (n, t))| ScopeColumn {
                qualifier: Some(alias.to_string()),
                name: columns.get(i).cloned().unwrap_or_else(|| n.clone()),
                data_type: t.clone(),
            })
            .collect(),
        using: None,
    };
    let width = scope.columns.len();
    let estimate = rs.rows.len() as f64;
    Relation { scope, rows: rs.rows, unique: vec![false; width], estimate, side: None }
}

/// A subquery in FROM that reads nothing to its left.
pub fn subquery_relation(
    db: &Database,
    query: &Query,
    alias: &str,
    columns: &[String],
    ctx: &EvalContext,
) -> Result<Relation> {
    let rs = run(db, query, ctx)?;
    if columns.len() > rs.columns.len() {
        return Err(Error::new(
            "42P10",
            format!(
                "table \"{alias}\" has {} columns available but {} columns specified",
                rs.columns.len(),
                columns.len()
            ),
        ));
    }
    Ok(relation_of(rs, alias, columns))
}

/// `left` joined with the lateral `item` (`kind` INNER, LEFT or CROSS, `on` its condition).
pub fn lateral_join(
    db: &Database,
    left: Relation,
    item: &FromItem,
    kind: JoinKind,
    on: Option<&Expr>,
    ctx: &EvalContext,
) -> Result<Relation> {
    let inner = Inner::new(db, &left.scope, item, ctx)?;
    if matches!(kind, JoinKind::Right | JoinKind::Full) {
        let first = match &inner {
            Inner::Query { written, .. } => written.first(),
            Inner::Function { .. } => None,
        };
        if let Some(Expr::Column { table, name, pos }) = first {
            let table = match table {
                Some(t) => t.clone(),
                None => left
                    .scope
                    .columns
                    .iter()
                    .find(|c| c.name == *name)
                    .and_then(|c| c.qualifier.clone())
                    .unwrap_or_default(),
            };
            return Err(Error::new(
                "42P10",
                format!("invalid reference to FROM-clause entry for table \"{table}\""),
            )
            .with_detail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
            .at(*pos));
        }
        if let Inner::Function { .. } = inner {
            return Err(Error::unsupported(
                "a function in FROM reading the left side of a RIGHT or FULL JOIN is not supported by fksim",
            ));
        }
        let right = inner.rows(db, &[], ctx)?;
        let width = right.0.columns.len();
        let right = Relation {
            scope: right.0,
            rows: right.1,
            unique: vec![false; width],
            estimate: 0.0,
            side: None,
        };
        return crate::engine::join::join(left, right, kind, on, None, ctx);
    }
    let nulls = vec![Value::Null; left.scope.columns.len()];
    let shape = inner.rows(db, &nulls, ctx)?.0;
    let (scope, cond) = bind_join(&left.scope, &shape, on)?;
    let width = shape.columns.len();
    let mut rows = Vec::new();
    for l in &left.rows {
        ctx.cancel.check()?;
        let (_, inner_rows) = inner.rows(db, l, ctx)?;
        let mut matched = false;
        for r in inner_rows {
            let mut row = l.clone();
            row.extend(r);
            if holds(cond.as_ref(), &row, ctx)? {
                matched = true;
                ctx.cancel.check()?;
                rows.push(row);
            }
        }
        if !matched && kind == JoinKind::Left {
            let mut row = l.clone();
            row.extend(std::iter::repeat_n(Value::Null, width));
            rows.push(row);
        }
    }
    let width = scope.columns.len();
    let estimate = rows.len() as f64;
    Ok(Relation { scope, rows, unique: vec![false; width], estimate, side: None })
}

/// A lateral item ready to run for each left row.
enum Inner<'a> {
    /// A subquery, its references to the left replaced by `Expr::Outer(n)`, with those
    /// references bound against the left.
    Query {
        /// The subquery with `Expr::Outer` references.
        query: Box<Query>,
        /// The references, bound against the left.
        refs: Vec<(Bound, DataType)>,
        /// The references as written.
        written: Vec<Expr>,
        /// The subquery's alias.
        alias: &'a str,
        /// Its column aliases.
        columns: &'a [String],
    },
    /// A function in FROM.
    Function { item: &'a FromItem, outer: Scope },
}

impl<'a> Inner<'a> {
    fn new(db: &Database, outer: &Scope, item: &'a FromItem, ctx: &EvalContext) -> Result<Self> {
        match item {
            FromItem::Subquery { query, alias, columns, .. } => {
                let mut query = (**query).clone();
                let written = correlate(db, ctx, &mut query, outer)?;
                let mut binder = Binder::for_clause("FROM");
                let refs = written.iter().map(|r| binder.bind(r, outer)).collect::<Result<_>>()?;
                Ok(Inner::Query { query: Box::new(query), refs, written, alias, columns })
            }
            FromItem::Function { .. } => Ok(Inner::Function { item, outer: outer.clone() }),
            _ => Err(Error::internal("not a lateral FROM item")),
        }
    }

    /// The item's scope and rows for one left row.
    fn rows(
        &self,
        db: &Database,
        row: &[Value],
        ctx: &EvalContext,
    ) -> Result<(Scope, Vec<Vec<Value>>)> {
        match self {
            Inner::Query { query, refs, alias, columns, .. } => {
                let mut values = Vec::with_capacity(refs.len());
                for (b, t) in refs {
                    values.push((eval(b, row, &[], ctx)?, t.clone()));
                }
                let q = substitute(query, &values)?;
                let rel = relation_of(run(db, &q, ctx)?, alias, columns);
                Ok((rel.scope, rel.rows))
            }
            Inner::Function { item, outer } => {
                let (scope, rows) = srf::from_function_over(item, outer, row, ctx, usize::MAX)?;
                let rows = rows.map(|v| Ok(vec![v])).collect::<Result<Vec<_>>>()?;
                Ok((scope, rows))
            }
        }
    }
}
