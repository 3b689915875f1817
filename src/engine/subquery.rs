//! Uncorrelated subqueries (`IN (SELECT ...)`, `EXISTS (...)`, `(SELECT ...)`): run once when the
//! statement starts, as PostgreSQL's InitPlans are, and put in as values.

use crate::engine::database::Database;
use crate::engine::expr::EvalContext;
use crate::engine::query::run_query;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Literal, Query, Statement};
use crate::sql::walk;

/// A value as an expression that binds back to exactly it.
pub fn constant(v: &crate::engine::value::Value, ty: &crate::engine::types::DataType) -> Expr {
    if v.is_null() {
        Expr::Cast { expr: Box::new(Expr::Literal(Literal::Null)), to: ty.clone(), pos: None }
    } else {
        Expr::Literal(Literal::Typed(ty.clone(), v.to_text(ty)))
    }
}

/// Runs a subquery; a reference to the outer query shows up as a missing FROM entry.
fn run(db: &Database, q: &Query, ctx: &EvalContext) -> Result<crate::render::psql::ResultSet> {
    let mut q = q.clone();
    materialize_query(db, ctx, &mut q)?;
    run_query(db, &q, ctx).map_err(|e| {
        if e.sqlstate() == "42P01" && e.message.starts_with("missing FROM-clause entry") {
            Error::unsupported("correlated subqueries are not supported by fksim").at(e.position)
        } else {
            e
        }
    })
}

fn replace(db: &Database, ctx: &EvalContext, e: &mut Expr) -> Result<bool> {
    let replacement = match e {
        Expr::InSubquery { expr, query, negated, pos } => {
            let rs = run(db, query, ctx)?;
            let [(_, ty)] = rs.columns.as_slice() else {
                return Err(Error::new("42601", "subquery has too many columns").at(*pos));
            };
            let list = rs.rows.iter().map(|r| constant(&r[0], ty)).collect();
            let mut inner = (**expr).clone();
            walk::expr(&mut inner, &mut |x| replace(db, ctx, x))?;
            Expr::InList { expr: Box::new(inner), list, negated: *negated }
        }
        Expr::Exists { query, negated } => {
            let rs = run(db, query, ctx)?;
            Expr::Literal(Literal::Bool(rs.rows.is_empty() == *negated))
        }
        Expr::Subquery(query) => {
            let rs = run(db, query, ctx)?;
            let [(_, ty)] = rs.columns.as_slice() else {
                return Err(Error::new("42601", "subquery must return only one column"));
            };
            match rs.rows.as_slice() {
                [] => constant(&crate::engine::value::Value::Null, ty),
                [row] => constant(&row[0], ty),
                _ => {
                    return Err(Error::new(
                        "21000",
                        "more than one row returned by a subquery used as an expression",
                    ));
                }
            }
        }
        _ => return Ok(false),
    };
    *e = replacement;
    Ok(true)
}

/// Replaces the subqueries of an expression by their results.
pub fn materialize_expr(db: &Database, ctx: &EvalContext, e: &mut Expr) -> Result<()> {
    walk::expr(e, &mut |x| replace(db, ctx, x))
}

/// Replaces the subqueries of a query by their results.
pub fn materialize_query(db: &Database, ctx: &EvalContext, q: &mut Query) -> Result<()> {
    walk::query(q, &mut |e| replace(db, ctx, e))
}

/// The statement with its subqueries run, or None when it has none (the common case: no copy).
pub fn materialize(
    db: &Database,
    ctx: &EvalContext,
    stmt: &Statement,
) -> Result<Option<Statement>> {
    let mut found = false;
    let mut probe = |e: &mut Expr| -> Result<bool> {
        found |= matches!(e, Expr::InSubquery { .. } | Expr::Exists { .. } | Expr::Subquery(_));
        Ok(found)
    };
    if !worth_rewriting(stmt) {
        return Ok(None);
    }
    let mut copy = stmt.clone();
    walk::statement(&mut copy, &mut probe)?;
    if !found {
        return Ok(None);
    }
    walk::statement(&mut copy, &mut |e| replace(db, ctx, e))?;
    Ok(Some(copy))
}

/// True for the statements whose expressions a rewrite before execution looks at: DML and
/// queries, except an INSERT of many VALUES rows (a data load), which is not copied to be
/// searched.
pub fn worth_rewriting(stmt: &Statement) -> bool {
    match stmt {
        Statement::Insert(i) => {
            !matches!(&i.source, crate::sql::ast::InsertSource::Values(rows) if rows.len() > 1000)
        }
        Statement::Update(_) | Statement::Delete(_) | Statement::Query(_) => true,
        _ => false,
    }
}
