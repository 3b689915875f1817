//! Query rows one at a time, for INSERT ... SELECT: PostgreSQL pulls each row from the SELECT
//! and inserts it before the next, so fksim never holds the generated rows as a whole, neither
//! a series in FROM nor one in the select list.

use crate::engine::database::Database;
use crate::engine::expr::{Binder, Bound, EvalContext};
use crate::engine::fastexpr::FastExpr;
use crate::engine::query::{bind_select_list, from_relation, run_query};
use crate::engine::srf::{self, SrfCall};
use crate::engine::srf_rows::SrfRows;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::{FromItem, Query, QueryBody};

/// Where the rows come from.
enum Source {
    /// A set-returning function in FROM: one value per row, made as it is needed.
    Function(SrfRows),
    /// FROM rows read at the start (the statement's snapshot), filtered and projected per row.
    Input(Vec<Vec<Value>>),
    /// Rows already in their final form (a query that sorts, groups, or limits).
    Output(Vec<Vec<Value>>),
}

/// A query's rows, produced one at a time.
pub struct RowStream {
    source: Source,
    filter: Option<Bound>,
    /// The select list's set-returning calls, run over each row that passes the filter.
    srfs: Vec<SrfCall>,
    list: Vec<Bound>,
    /// Output column names and types.
    pub columns: Vec<(String, DataType)>,
}

impl RowStream {
    /// Rows already computed.
    pub fn from_rows(columns: Vec<(String, DataType)>, rows: Vec<Vec<Value>>) -> Self {
        RowStream {
            source: Source::Output(rows),
            filter: None,
            srfs: Vec::new(),
            list: Vec::new(),
            columns,
        }
    }

    /// How many rows the stream will produce, when that is known before it runs (no WHERE to
    /// filter them, no set-returning call to multiply them): room the target table may make
    /// ahead.
    pub fn known_rows(&self) -> usize {
        match (&self.source, &self.filter) {
            (Source::Output(rows), _) => rows.len(),
            (_, Some(_)) => 0,
            _ if !self.srfs.is_empty() => 0,
            (Source::Function(rows), None) => rows.remaining().try_into().unwrap_or(0),
            (Source::Input(rows), None) => rows.len(),
        }
    }

    /// Hands each row to `f` in order; stops at the first error.
    pub fn for_each(
        self,
        ctx: &EvalContext,
        mut f: impl FnMut(Vec<Value>) -> Result<()>,
    ) -> Result<()> {
        let RowStream { source, filter, srfs, list, .. } = self;
        let source = match source {
            Source::Output(rows) => {
                return rows.into_iter().try_for_each(|r| {
                    ctx.cancel.check()?;
                    f(r)
                });
            }
            other => other,
        };
        // Compiled once: integer arithmetic, comparisons and CASE skip the tree walk per row.
        let list: Vec<FastExpr<'_>> = list.iter().map(FastExpr::new).collect();
        let filter = filter.as_ref().map(FastExpr::new);
        let mut emit = |row: &[Value]| -> Result<()> {
            let mut out = Vec::with_capacity(list.len());
            for b in list.iter() {
                out.push(b.eval(row, ctx)?);
            }
            f(out)
        };
        let mut project = |input: &[Value]| -> Result<()> {
            ctx.cancel.check()?;
            if let Some(c) = &filter
                && !c.holds(input, ctx)?
            {
                return Ok(());
            }
            srf::expand(&srfs, input, &[], ctx, usize::MAX, &mut emit)
        };
        match source {
            Source::Input(rows) => rows.iter().try_for_each(|r| project(r)),
            Source::Function(rows) => rows.into_iter().try_for_each(|v| project(&[v])),
            Source::Output(_) => Ok(()),
        }
    }
}

/// The rows of a query as a stream: a plain SELECT ... FROM ... WHERE is evaluated row by row,
/// set-returning functions in its select list included; anything that needs all rows first
/// (aggregates, DISTINCT, ORDER BY, LIMIT) runs whole.
pub fn stream_query(db: &Database, q: &Query, ctx: &EvalContext) -> Result<RowStream> {
    let whole =
        |db: &Database| run_query(db, q, ctx).map(|rs| RowStream::from_rows(rs.columns, rs.rows));
    let QueryBody::Select(s) = &q.body else { return whole(db) };
    if s.distinct
        || !s.distinct_on.is_empty()
        || !q.with.is_empty()
        || !s.group_by.is_empty()
        || s.having.is_some()
        || !q.order_by.is_empty()
        || s.selection.as_ref().is_some_and(correlated)
        || q.limit.is_some()
        || q.offset.is_some()
        || crate::engine::window::has_window(s.items.iter().filter_map(|i| match i {
            crate::sql::ast::SelectItem::Expr { expr, .. } => Some(expr),
            _ => None,
        }))
    {
        return whole(db);
    }
    // FROM first, then WHERE, then the select list: the order errors come out in.
    let (scope, source) = match s.from.as_slice() {
        [item @ FromItem::Function { .. }] => {
            let (scope, rows) = srf::from_function(item, ctx, usize::MAX)?;
            (scope, Source::Function(rows))
        }
        from => {
            let rel = from_relation(db, from, ctx)?;
            (rel.scope, Source::Input(rel.rows))
        }
    };
    let filter = match &s.selection {
        Some(e) => Some(Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE")?),
        None => None,
    };
    let mut binder = Binder::for_select_list();
    let list = bind_select_list(&s.items, &scope, &mut binder)?;
    if binder.aggregates.is_some_and(|a| !a.is_empty()) {
        return whole(db);
    }
    let srfs = binder.srfs.unwrap_or_default();
    let columns = list.iter().map(|(n, _, t)| (n.clone(), t.clone())).collect();
    Ok(RowStream {
        source,
        filter,
        srfs,
        list: list.into_iter().map(|(_, b, _)| b).collect(),
        columns,
    })
}

/// True when `e` holds a correlated subquery (a WHERE streamed here cannot run one).
fn correlated(e: &crate::sql::ast::Expr) -> bool {
    let mut found = false;
    let _ = crate::sql::walk::expr(&mut e.clone(), &mut |x| {
        found |= matches!(x, crate::sql::ast::Expr::Correlated(_));
        Ok(found)
    });
    found
}
