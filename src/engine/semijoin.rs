//! `x IN (uncorrelated subquery)` as PostgreSQL runs it: the sublink becomes a semi join (a
//! Hash Semi Join, or a Hash Join over the subquery's distinct rows) that the outer table
//! probes, read by the path its other conditions choose, so its rows keep that path's order.
//! fksim tests the subquery's values as an IN list; this keeps that list from choosing an
//! index scan the semi join would not make.

use crate::sql::ast::Expr;

/// The IN list's tested expression, hidden from the access-path planner (which only takes a
/// bare column for an index condition): `CASE ELSE x END` is `x`.
pub fn probe_key(x: Expr) -> Expr {
    match x {
        Expr::Column { .. } => {
            Expr::Case { operand: None, whens: Vec::new(), else_result: Some(Box::new(x)) }
        }
        other => other,
    }
}
