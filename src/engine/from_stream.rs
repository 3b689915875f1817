//! A SELECT's FROM list as a stream: a set-returning function alone is read a row at a time,
//! and a list of several items is a nested loop over its last item, so only the items
//! themselves are held, never their product (`count(*)` over two series of 7000 rows holds
//! 14000 rows, not 49 million). Rows come in the order of the left-deep cross join
//! `from_relation` builds: the first item's rows outermost.

use crate::engine::database::Database;
use crate::engine::expr::{EvalContext, Scope};
use crate::engine::query::{Relation, from_relation};
use crate::engine::srf;
use crate::engine::srf_rows::SrfRows;
use crate::error::Result;
use crate::sql::ast::FromItem;

/// How the rows of a FROM list are read.
pub enum FromRows {
    /// One set-returning function: its column, and its rows made as they are read.
    Function(Scope, SrfRows),
    /// Rows made whole first (a WITH query, a catalog, no FROM at all).
    Rows(Relation),
    /// The cross product of the items before the last (made whole) and the last: a nested
    /// loop hands its rows on one at a time.
    Cross(Relation, Relation),
}

/// Reads the items of `from` (first to last, as errors come) and says how to loop over them.
pub fn plan(db: &Database, from: &[FromItem], ctx: &EvalContext) -> Result<FromRows> {
    match from {
        [item @ FromItem::Function { name, .. }] if name != "pg_partition_tree" => {
            let (scope, rows) = srf::from_function(item, ctx, usize::MAX)?;
            Ok(FromRows::Function(scope, rows))
        }
        [.., last] if from.len() > 1 && !crate::engine::lateral::is_lateral(last) => {
            let (first, last) = from.split_at(from.len() - 1);
            let left = {
                let _b = crate::engine::memory::building("the rows of a cross join");
                from_relation(db, first, ctx)?
            };
            let right = from_relation(db, last, ctx)?;
            Ok(FromRows::Cross(left, right))
        }
        _ => from_relation(db, from, ctx).map(FromRows::Rows),
    }
}
