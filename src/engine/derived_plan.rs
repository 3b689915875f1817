//! What the planner knows of a FROM list that is one subquery or one WITH query, for the group
//! order of a GROUP BY or DISTINCT over it: a plain one-table subquery (and a plain WITH query
//! read once, which PostgreSQL 15 inlines) is pulled up onto its table; any other WITH query,
//! a data-modifying one too, is read by a CTE Scan that expects the rows its plan estimates.

use std::rc::Rc;

use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext};
use crate::engine::groupplan::{RelEstimate, where_clauses as clauses};
use crate::engine::setop_plan::one_table;
use crate::engine::table::Table;
use crate::sql::ast::{Cte, Expr, FromItem, Query, QueryBody, Statement};
use crate::sql::walk;

/// How PostgreSQL reads a WITH query's rows.
#[derive(Debug, Clone, Default)]
pub enum CtePlan {
    /// fksim does not model it (its groups come in first-seen order).
    #[default]
    Unknown,
    /// Folded into the query that reads it, as a subquery in FROM.
    Inlined(Rc<Query>),
    /// A CTE Scan of the rows its plan is expected to return.
    Scan(f64),
}

/// The estimate for the FROM list `from` of a grouped or DISTINCT query whose WHERE is
/// `selection` (`filter` bound): a table's, a pulled-up subquery's, a CTE Scan's, or a
/// join's (`join_group.rs`, `used` the joined columns the query reads); None when not
/// modelled.
pub fn estimate(
    db: &Database,
    ctx: &EvalContext,
    from: &[FromItem],
    (selection, filter): (Option<&Expr>, Option<&Bound>),
    having: Option<&Bound>,
    used: Option<&[usize]>,
) -> Option<RelEstimate> {
    match from {
        [FromItem::Join { .. }] | [FromItem::Table { .. }, FromItem::Table { .. }] => {
            crate::engine::join_group::estimate(db, ctx, from, selection, having, used)
        }
        [FromItem::Subquery { query, lateral: false, .. }] => {
            pulled_up(db, ctx, query, filter, having)
        }
        [FromItem::Table { name, .. }] if ctx.cte(name).is_some() => {
            match ctx.ctes.plan(&name.name)? {
                CtePlan::Inlined(q) => pulled_up(db, ctx, q, filter, having),
                CtePlan::Scan(rows) => {
                    let rs = ctx.cte(name)?;
                    let types = rs.columns.iter().map(|(_, t)| t.clone()).collect();
                    Some(RelEstimate::of_cte_scan(*rows, types, &clauses(filter, having)))
                }
                CtePlan::Unknown => None,
            }
        }
        _ => RelEstimate::of_from(db, from, filter, having),
    }
}

/// A subquery that reads one table and only selects its columns: its table, the table's
/// columns its outputs are, and its WHERE bound against the table.
fn simple<'d>(
    db: &'d Database,
    ctx: &EvalContext,
    q: &Query,
) -> Option<(&'d Table, Vec<usize>, Option<Bound>)> {
    let one = one_table(db, ctx, q)?;
    if one.filter.as_ref().is_some_and(volatile_bound) {
        return None;
    }
    let columns = (one.list.iter())
        .map(|(_, b, _)| match b {
            Bound::Column(c) => Some(*c),
            _ => None,
        })
        .collect::<Option<Vec<usize>>>()?;
    Some((one.table, columns, one.filter))
}

/// A condition with a subquery or a volatile call: not modelled.
fn volatile_bound(b: &Bound) -> bool {
    let mut cols = Vec::new();
    matches!(b, Bound::SubPlan(_)) || crate::engine::groupplan::collect_columns(b, &mut cols)
}

/// The subquery `q` pulled up (pull_up_simple_subquery): its table read with its WHERE and
/// the outer query's conditions together, its outputs the table's columns.
fn pulled_up(
    db: &Database,
    ctx: &EvalContext,
    q: &Query,
    filter: Option<&Bound>,
    having: Option<&Bound>,
) -> Option<RelEstimate> {
    let (t, columns, inner) = simple(db, ctx, q)?;
    let mut all: Vec<Bound> = inner.into_iter().collect();
    for c in clauses(filter, having) {
        all.push(to_table(c, &columns)?);
    }
    let combined = all.into_iter().reduce(|a, b| Bound::And(Box::new(a), Box::new(b)));
    Some(RelEstimate::of_scan(t, combined.as_ref(), None).project(&columns))
}

/// `b` (over the subquery's outputs) over the table's columns; None for what has no columns
/// to move (aggregates, subqueries).
fn to_table(b: &Bound, columns: &[usize]) -> Option<Bound> {
    let r = |x: &Bound| to_table(x, columns).map(Box::new);
    Some(match b {
        Bound::Column(i) => Bound::Column(*columns.get(*i)?),
        Bound::Const(_) | Bound::Literal(..) => b.clone(),
        Bound::Agg(_) | Bound::SubPlan(_) => return None,
        Bound::Unary(op, x, t) => Bound::Unary(*op, r(x)?, t.clone()),
        Bound::IsNull(x, n) => Bound::IsNull(r(x)?, *n),
        Bound::IsBool(x, a, n) => Bound::IsBool(r(x)?, *a, *n),
        Bound::Cast(x, f, t) => Bound::Cast(r(x)?, f.clone(), t.clone()),
        Bound::Binary(op, x, xt, y, yt, t) => {
            Bound::Binary(*op, r(x)?, xt.clone(), r(y)?, yt.clone(), t.clone())
        }
        Bound::And(x, y) => Bound::And(r(x)?, r(y)?),
        Bound::Or(x, y) => Bound::Or(r(x)?, r(y)?),
        Bound::IsDistinct(x, y, n) => Bound::IsDistinct(r(x)?, r(y)?, *n),
        Bound::InList(x, list, n) => Bound::InList(
            r(x)?,
            list.iter().map(|i| to_table(i, columns)).collect::<Option<_>>()?,
            *n,
        ),
        Bound::Case(whens, other) => Bound::Case(
            whens
                .iter()
                .map(|(w, t)| Some((to_table(w, columns)?, to_table(t, columns)?)))
                .collect::<Option<_>>()?,
            match other {
                Some(o) => Some(r(o)?),
                None => None,
            },
        ),
        Bound::Func(f, args, t) => Bound::Func(
            *f,
            args.iter().map(|a| to_table(a, columns)).collect::<Option<_>>()?,
            t.clone(),
        ),
    })
}

/// How the plain WITH query `cte` is read, `refs` being how often the statement names it
/// (SS_process_ctes: a query read once is inlined, unless recursive or volatile).
pub fn plan_cte(db: &Database, ctx: &EvalContext, cte: &Cte, refs: usize) -> CtePlan {
    if cte.recursive || cte.dml.is_some() {
        return CtePlan::Unknown;
    }
    match simple(db, ctx, &cte.query) {
        Some(_) if refs == 1 && !volatile(&cte.query) => {
            CtePlan::Inlined(Rc::new(cte.query.clone()))
        }
        Some((t, _, filter)) => {
            CtePlan::Scan(RelEstimate::of_scan(t, filter.as_ref(), None).rows())
        }
        None => CtePlan::Unknown,
    }
}

/// True when `q` calls a function whose value changes from call to call.
fn volatile(q: &Query) -> bool {
    let mut found = false;
    let _ = walk::query(&mut q.clone(), &mut |e| {
        if let Expr::Function { name, .. } = e {
            found |= matches!(
                name.as_str(),
                "random" | "nextval" | "gen_random_uuid" | "clock_timestamp" | "setval"
            );
        }
        Ok(false)
    });
    found
}

/// The rows a data-modifying WITH query's plan expects to return: its target table's rows
/// under its WHERE (an UPDATE or DELETE of one table with RETURNING).
pub fn plan_dml(db: &Database, dml: &Statement) -> CtePlan {
    let (name, alias, selection, returning, joined) = match dml {
        Statement::Update(u) => {
            (&u.table, &u.alias, &u.selection, &u.returning, !u.from.is_empty())
        }
        Statement::Delete(d) => {
            (&d.table, &d.alias, &d.selection, &d.returning, !d.using.is_empty())
        }
        _ => return CtePlan::Unknown,
    };
    if returning.is_empty() || joined {
        return CtePlan::Unknown;
    }
    let Some(t) = db.resolve(name).ok().and_then(|id| db.table(id).ok()) else {
        return CtePlan::Unknown;
    };
    let scope = table_scope(t, alias.as_deref());
    let filter = match selection {
        Some(e) => match Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE") {
            Ok(b) if !volatile_bound(&b) => Some(b),
            _ => return CtePlan::Unknown,
        },
        None => None,
    };
    CtePlan::Scan(RelEstimate::of_scan(t, filter.as_ref(), None).rows())
}

/// How often `q` (its WITH queries, FROM lists and subqueries) names the relation `name`.
pub fn count_reads(q: &Query, name: &str) -> usize {
    fn item(i: &FromItem, name: &str) -> usize {
        match i {
            FromItem::Table { name: n, .. } => usize::from(n.schema.is_none() && n.name == name),
            FromItem::Join { left, right, .. } => item(left, name) + item(right, name),
            FromItem::Function { .. } => 0,
            FromItem::Subquery { query, .. } => count_reads(query, name),
        }
    }
    let mut n: usize = q.with.iter().map(|c| count_reads(&c.query, name)).sum();
    let _ = walk::query(&mut q.clone(), &mut |e| match e {
        Expr::Exists { query, .. } | Expr::Subquery(query) | Expr::InSubquery { query, .. } => {
            n += count_reads(query, name);
            Ok(true)
        }
        _ => Ok(false),
    });
    n + match &q.body {
        QueryBody::Select(s) => s.from.iter().map(|i| item(i, name)).sum(),
        QueryBody::Values(_) => 0,
        QueryBody::SetOp { left, right, .. } => count_reads(left, name) + count_reads(right, name),
    }
}
