//! Query rows one at a time, for INSERT ... SELECT: PostgreSQL pulls each row from the SELECT
//! and inserts it before the next, so fksim never holds the generated rows as a whole.

use std::ops::RangeInclusive;

use crate::engine::database::Database;
use crate::engine::expr::{Binder, Bound, EvalContext, eval, truth};
use crate::engine::query::{bind_select_list, from_relation, run_query, series};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::{FromItem, Query, QueryBody};

/// Where the rows come from.
enum Source {
    /// generate_series: one integer per row, made as it is needed.
    Series(RangeInclusive<i64>),
    /// FROM rows read at the start (the statement's snapshot), filtered and projected per row.
    Input(Vec<Vec<Value>>),
    /// Rows already in their final form (a query that sorts, groups, or limits).
    Output(Vec<Vec<Value>>),
}

/// A query's rows, produced one at a time.
pub struct RowStream {
    source: Source,
    filter: Option<Bound>,
    list: Vec<Bound>,
    /// Output column names and types.
    pub columns: Vec<(String, DataType)>,
}

impl RowStream {
    /// Rows already computed.
    pub fn from_rows(columns: Vec<(String, DataType)>, rows: Vec<Vec<Value>>) -> Self {
        RowStream { source: Source::Output(rows), filter: None, list: Vec::new(), columns }
    }

    /// How many rows the stream will produce, when that is known before it runs (no WHERE to
    /// filter them): room the target table may make ahead.
    pub fn known_rows(&self) -> usize {
        match (&self.source, &self.filter) {
            (Source::Series(range), None) => {
                range.end().saturating_sub(*range.start()).saturating_add(1).try_into().unwrap_or(0)
            }
            (Source::Input(rows), None) | (Source::Output(rows), _) => rows.len(),
            (_, Some(_)) => 0,
        }
    }

    /// Hands each row to `f` in order; stops at the first error.
    pub fn for_each(
        self,
        ctx: &EvalContext,
        mut f: impl FnMut(Vec<Value>) -> Result<()>,
    ) -> Result<()> {
        let RowStream { source, filter, list, .. } = self;
        let project = |input: &[Value]| -> Result<Option<Vec<Value>>> {
            ctx.cancel.check()?;
            if let Some(c) = &filter
                && truth(&eval(c, input, &[], ctx)?) != Some(true)
            {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(list.len());
            for b in list.iter() {
                out.push(eval(b, input, &[], ctx)?);
            }
            Ok(Some(out))
        };
        match source {
            Source::Output(rows) => rows.into_iter().try_for_each(|r| {
                ctx.cancel.check()?;
                f(r)
            }),
            Source::Input(rows) => rows.iter().try_for_each(|r| project(r)?.map_or(Ok(()), &mut f)),
            Source::Series(range) => range
                .into_iter()
                .try_for_each(|i| project(&[Value::Int(i)])?.map_or(Ok(()), &mut f)),
        }
    }
}

/// The rows of a query as a stream: a plain SELECT ... FROM ... WHERE is evaluated row by row;
/// anything that needs all rows first (aggregates, DISTINCT, ORDER BY, LIMIT) runs whole.
pub fn stream_query(db: &Database, q: &Query, ctx: &EvalContext) -> Result<RowStream> {
    let whole =
        |db: &Database| run_query(db, q, ctx).map(|rs| RowStream::from_rows(rs.columns, rs.rows));
    let QueryBody::Select(s) = &q.body else { return whole(db) };
    if s.distinct
        || !s.group_by.is_empty()
        || s.having.is_some()
        || !q.order_by.is_empty()
        || q.limit.is_some()
        || q.offset.is_some()
    {
        return whole(db);
    }
    // FROM first, then WHERE, then the select list: the order errors come out in.
    let (scope, source) = match s.from.as_slice() {
        [item @ FromItem::Function { .. }] => {
            let (scope, range) = series(item, ctx)?;
            (scope, Source::Series(range))
        }
        from => {
            let rel = from_relation(db, from, ctx)?;
            (rel.scope, Source::Input(rel.rows))
        }
    };
    let filter = match &s.selection {
        Some(e) => Some(Binder::default().bind_condition(e, &scope, "WHERE")?),
        None => None,
    };
    let mut binder = Binder { aggregates: Some(Vec::new()) };
    let list = bind_select_list(&s.items, &scope, &mut binder)?;
    if binder.aggregates.is_some_and(|a| !a.is_empty()) {
        return whole(db);
    }
    let columns = list.iter().map(|(n, _, t)| (n.clone(), t.clone())).collect();
    Ok(RowStream { source, filter, list: list.into_iter().map(|(_, b, _)| b).collect(), columns })
}
