//! What a GROUP BY item names: a select-list position (`GROUP BY 1`), an output column's name
//! when no input column has it (`SELECT a AS k ... GROUP BY k`), or an expression of the input,
//! as PostgreSQL's findTargetlistEntrySQL92 decides.

use crate::engine::expr::Scope;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Literal, SelectItem};

/// The GROUP BY items with positions and output names replaced by the select-list expressions
/// they stand for.
pub fn resolve(group_by: &[Expr], items: &[SelectItem], scope: &Scope) -> Result<Vec<Expr>> {
    group_by.iter().map(|g| resolve_one(g, items, scope)).collect()
}

fn resolve_one(g: &Expr, items: &[SelectItem], scope: &Scope) -> Result<Expr> {
    match g {
        Expr::Literal(Literal::Number(n)) => {
            let item =
                n.parse::<usize>().ok().and_then(|i| i.checked_sub(1)).and_then(|i| items.get(i));
            match item {
                Some(SelectItem::Expr { expr, .. }) => Ok(expr.clone()),
                Some(_) => Err(Error::unsupported(
                    "GROUP BY a position of a * in the select list is not supported by fksim",
                )),
                None => {
                    Err(Error::new("42P10", format!("GROUP BY position {n} is not in select list")))
                }
            }
        }
        // An input column of that name wins over an output column (SQL92's rule for GROUP BY).
        Expr::Column { table: None, name, pos }
            if !scope.columns.iter().any(|c| &c.name == name) =>
        {
            let mut named = items.iter().filter_map(|i| match i {
                SelectItem::Expr { expr, alias: Some(a) } if a == name => Some(expr),
                _ => None,
            });
            match (named.next(), named.next()) {
                (Some(first), Some(second)) if first != second => {
                    Err(Error::new("42702", format!("GROUP BY \"{name}\" is ambiguous")).at(*pos))
                }
                (Some(first), _) => Ok(first.clone()),
                (None, _) => Ok(g.clone()),
            }
        }
        _ => Ok(g.clone()),
    }
}
