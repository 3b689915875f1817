//! Visits every expression of a statement, outermost first: `read` to search one by reference,
//! the top-level functions to rewrite them (PL/pgSQL puts `NEW.x` and variables in as values
//! this way).

use crate::error::Result;
use crate::sql::ast::{Expr, FromItem, InsertSource, Query, QueryBody, SelectItem, Statement};

/// The walk, written once: `walkers!(mut)` visits `&mut Expr`, `walkers!()` visits `&Expr`.
macro_rules! walkers {
    ($($m:tt)?) => {
        /// The visitor: returns true when it replaced the node (its children are then not visited).
        pub type Visitor<'a> = dyn FnMut(&$($m)? Expr) -> Result<bool> + 'a;

        /// Visits the expressions of a DML statement or query; other statements have none to visit.
        pub fn statement(s: &$($m)? Statement, f: &mut Visitor<'_>) -> Result<()> {
            match s {
                Statement::Insert(i) => {
                    match &$($m)? i.source {
                        InsertSource::Values(rows) => {
                            rows.into_iter().flatten().try_for_each(|e| expr(e, f))?
                        }
                        InsertSource::Query(q) => query(q, f)?,
                        InsertSource::DefaultValues => {}
                    }
                    items(&$($m)? i.returning, f)
                }
                Statement::Update(u) => {
                    (&$($m)? u.assignments).into_iter().try_for_each(|(_, e)| expr(e, f))?;
                    opt(&$($m)? u.selection, f)?;
                    items(&$($m)? u.returning, f)
                }
                Statement::Delete(d) => {
                    opt(&$($m)? d.selection, f)?;
                    items(&$($m)? d.returning, f)
                }
                Statement::Query(q) => query(q, f),
                _ => Ok(()),
            }
        }

        /// Visits the expressions of a statement and of the queries inside it that `statement` leaves
        /// to themselves — WITH queries and subqueries in FROM — as a function's parameters reach them.
        pub fn statement_deep(s: &$($m)? Statement, f: &mut Visitor<'_>) -> Result<()> {
            statement(s, f)?;
            match s {
                Statement::Query(q) => nested(q, f),
                Statement::Insert(i) => match &$($m)? i.source {
                    InsertSource::Query(q) => nested(q, f),
                    _ => Ok(()),
                },
                _ => Ok(()),
            }
        }

        /// The WITH queries and FROM subqueries of `q`, each visited whole.
        fn nested(q: &$($m)? Query, f: &mut Visitor<'_>) -> Result<()> {
            for cte in &$($m)? q.with {
                query(&$($m)? cte.query, f)?;
                nested(&$($m)? cte.query, f)?;
            }
            match &$($m)? q.body {
                QueryBody::Select(s) => (&$($m)? s.from).into_iter().try_for_each(|i| nested_item(i, f)),
                QueryBody::SetOp { left, right, .. } => {
                    nested(left, f)?;
                    nested(right, f)
                }
                QueryBody::Values(_) => Ok(()),
            }
        }

        fn nested_item(item: &$($m)? FromItem, f: &mut Visitor<'_>) -> Result<()> {
            match item {
                FromItem::Subquery { query: q, .. } => {
                    query(q, f)?;
                    nested(q, f)
                }
                FromItem::Join { left, right, .. } => {
                    nested_item(left, f)?;
                    nested_item(right, f)
                }
                FromItem::Table { .. } | FromItem::Function { .. } => Ok(()),
            }
        }

        fn opt(e: &$($m)? Option<Expr>, f: &mut Visitor<'_>) -> Result<()> {
            match e {
                Some(e) => expr(e, f),
                None => Ok(()),
            }
        }

        fn items(list: &$($m)? [SelectItem], f: &mut Visitor<'_>) -> Result<()> {
            list.into_iter().try_for_each(|i| match i {
                SelectItem::Expr { expr: e, .. } => expr(e, f),
                _ => Ok(()),
            })
        }

        fn from_item(item: &$($m)? FromItem, f: &mut Visitor<'_>) -> Result<()> {
            match item {
                FromItem::Table { .. } => Ok(()),
                FromItem::Function { args, .. } => args.into_iter().try_for_each(|e| expr(e, f)),
                FromItem::Join { left, right, on, .. } => {
                    from_item(left, f)?;
                    from_item(right, f)?;
                    opt(on, f)
                }
                // A subquery in FROM runs as a query of its own (its expressions are its own).
                FromItem::Subquery { .. } => Ok(()),
            }
        }

        /// Visits the expressions of a query.
        pub fn query(q: &$($m)? Query, f: &mut Visitor<'_>) -> Result<()> {
            match &$($m)? q.body {
                QueryBody::Select(s) => {
                    items(&$($m)? s.items, f)?;
                    (&$($m)? s.from).into_iter().try_for_each(|i| from_item(i, f))?;
                    opt(&$($m)? s.selection, f)?;
                    (&$($m)? s.group_by).into_iter().try_for_each(|e| expr(e, f))?;
                    opt(&$($m)? s.having, f)?;
                }
                QueryBody::Values(rows) => rows.into_iter().flatten().try_for_each(|e| expr(e, f))?,
                QueryBody::SetOp { left, right, .. } => {
                    query(left, f)?;
                    query(right, f)?;
                }
            }
            (&$($m)? q.order_by).into_iter().try_for_each(|o| expr(&$($m)? o.expr, f))?;
            opt(&$($m)? q.limit, f)?;
            opt(&$($m)? q.offset, f)
        }

        /// Visits an expression and, unless the visitor replaced it, its children.
        pub fn expr(e: &$($m)? Expr, f: &mut Visitor<'_>) -> Result<()> {
            if f(e)? {
                return Ok(());
            }
            match e {
                Expr::Literal(_)
                | Expr::Column { .. }
                | Expr::Default
                | Expr::Param(_)
                | Expr::Outer(_) => Ok(()),
                // The subquery's own expressions belong to it; the outer references to this query.
                Expr::Correlated(c) => {
                    if let crate::sql::ast::SubLink::In { expr: x, .. } = &$($m)? c.kind {
                        expr(x, f)?;
                    }
                    (&$($m)? c.outer).into_iter().try_for_each(|e| expr(e, f))
                }
                Expr::NamedArg { value, .. } => expr(value, f),
                Expr::Call(c) => {
                    expr(&$($m)? c.call, f)?;
                    (&$($m)? c.order_by).into_iter().try_for_each(|o| expr(&$($m)? o.expr, f))?;
                    opt(&$($m)? c.filter, f)?;
                    if let Some(w) = &$($m)? c.over {
                        (&$($m)? w.partition_by).into_iter().try_for_each(|e| expr(e, f))?;
                        (&$($m)? w.order_by).into_iter().try_for_each(|o| expr(&$($m)? o.expr, f))?;
                    }
                    Ok(())
                }
                Expr::Unary { expr: x, .. }
                | Expr::IsNull { expr: x, .. }
                | Expr::IsBool { expr: x, .. }
                | Expr::Cast { expr: x, .. } => expr(x, f),
                Expr::Binary { left, right, .. } | Expr::IsDistinctFrom { left, right, .. } => {
                    expr(left, f)?;
                    expr(right, f)
                }
                Expr::InList { expr: x, list, .. } => {
                    expr(x, f)?;
                    list.into_iter().try_for_each(|e| expr(e, f))
                }
                Expr::InSubquery { expr: x, query: q, .. } => {
                    expr(x, f)?;
                    query(q, f)
                }
                Expr::Exists { query: q, .. } | Expr::Subquery(q) => query(q, f),
                Expr::Between { expr: x, low, high, .. } => {
                    expr(x, f)?;
                    expr(low, f)?;
                    expr(high, f)
                }
                Expr::Case { operand, whens, else_result } => {
                    if let Some(o) = operand {
                        expr(o, f)?;
                    }
                    for (w, t) in whens {
                        expr(w, f)?;
                        expr(t, f)?;
                    }
                    match else_result {
                        Some(x) => expr(x, f),
                        None => Ok(()),
                    }
                }
                Expr::Function { args, .. } => args.into_iter().try_for_each(|e| expr(e, f)),
            }
        }
    };
}

walkers!(mut);

/// The same walk by reference: for searching a statement without a copy of it.
pub mod read {
    use crate::error::Result;
    use crate::sql::ast::{Expr, FromItem, InsertSource, Query, QueryBody, SelectItem, Statement};

    walkers!();
}

/// Whether `e` reads a column (in FROM: of an item before it, which makes the item LATERAL).
pub fn names_column(e: &Expr) -> bool {
    let mut found = false;
    let _ = read::expr(e, &mut |x| {
        found |= matches!(x, Expr::Column { .. });
        Ok(found)
    });
    found
}
