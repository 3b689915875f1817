//! What a GROUP BY item names: a select-list position (`GROUP BY 1`), an output column's name
//! when no input column has it (`SELECT a AS k ... GROUP BY k`), or an expression of the input,
//! as PostgreSQL's findTargetlistEntrySQL92 decides.

use std::collections::HashMap;

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::expr::{Bound, Scope};
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, FromItem, Literal, Select, SelectItem};

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

/// 42803 for a grouped query whose output, ORDER BY or HAVING reads a column of one of its
/// base tables outside the GROUP BY expressions and aggregates, unless the GROUP BY holds that
/// table's whole primary key (PostgreSQL's functional dependency). Columns of subqueries,
/// functions and outer queries are not judged here.
pub fn check_grouped(
    db: &Database,
    s: &Select,
    order_by: &[Expr],
    scope: &Scope,
    keys: &[Bound],
    outputs: &[&Bound],
) -> Result<()> {
    let tables = base_tables(db, &s.from);
    for b in outputs {
        let Some(i) = ungrouped(b, keys) else { continue };
        let Some(c) = scope.columns.get(i) else { continue };
        let Some(q) = &c.qualifier else { continue };
        let Some(&id) = tables.get(q.as_str()) else { continue };
        let Ok(t) = db.table(id) else { continue };
        let grouped = |col: usize| {
            let name = &t.columns[col].name;
            keys.iter().any(|k| {
                matches!(k, Bound::Column(j) if scope.columns.get(*j)
                    .is_some_and(|g| g.qualifier.as_deref() == Some(q) && &g.name == name))
            })
        };
        if t.uniques.iter().any(|u| u.primary && u.columns.iter().all(|&col| grouped(col))) {
            continue;
        }
        let exprs = s.items.iter().filter_map(|i| match i {
            SelectItem::Expr { expr, .. } => Some(expr),
            _ => None,
        });
        let pos = exprs.chain(order_by).chain(&s.having).find_map(|e| column_pos(e, q, &c.name));
        return Err(Error::new(
            "42803",
            format!(
                "column \"{q}.{}\" must appear in the GROUP BY clause or be used in an aggregate function",
                c.name
            ),
        )
        .at(pos));
    }
    Ok(())
}

/// The base tables of a FROM list by the name that qualifies their columns.
fn base_tables<'a>(db: &Database, from: &'a [FromItem]) -> HashMap<&'a str, TableId> {
    let mut out = HashMap::new();
    let mut stack: Vec<&FromItem> = from.iter().collect();
    while let Some(f) = stack.pop() {
        match f {
            FromItem::Table { name, alias } => {
                if let Ok(id) = db.resolve(name) {
                    out.insert(alias.as_deref().unwrap_or(name.name.as_str()), id);
                }
            }
            FromItem::Join { left, right, .. } => stack.extend([left.as_ref(), right.as_ref()]),
            _ => {}
        }
    }
    out
}

/// The first input column `b` reads outside the grouping keys and aggregates.
fn ungrouped(b: &Bound, keys: &[Bound]) -> Option<usize> {
    if keys.contains(b) {
        return None;
    }
    let any = |items: &mut dyn Iterator<Item = &Bound>| {
        for e in items {
            if let Some(i) = ungrouped(e, keys) {
                return Some(i);
            }
        }
        None
    };
    match b {
        Bound::Column(i) => Some(*i),
        Bound::Const(_) | Bound::Literal(..) | Bound::Agg(_) | Bound::SubPlan(_) => None,
        Bound::Unary(_, e, _) | Bound::Cast(e, ..) | Bound::IsNull(e, _) | Bound::IsBool(e, ..) => {
            ungrouped(e, keys)
        }
        Bound::Binary(_, l, _, r, ..)
        | Bound::And(l, r)
        | Bound::Or(l, r)
        | Bound::IsDistinct(l, r, _) => any(&mut [l.as_ref(), r.as_ref()].into_iter()),
        Bound::InList(e, items, _) => any(&mut std::iter::once(e.as_ref()).chain(items)),
        Bound::Case(arms, other) => {
            any(&mut arms.iter().flat_map(|(c, r)| [c, r]).chain(other.iter().map(|o| o.as_ref())))
        }
        Bound::Func(_, args, _) => any(&mut args.iter()),
    }
}

/// Where `expr` first names column `name` of `qualifier` (written with or without it).
fn column_pos(expr: &Expr, qualifier: &str, name: &str) -> Option<usize> {
    let mut found = None;
    let mut e = expr.clone();
    let _ = crate::sql::walk::expr(&mut e, &mut |x| {
        if found.is_none()
            && let Expr::Column { table, name: n, pos } = x
            && n == name
            && table.as_deref().is_none_or(|t| t == qualifier)
        {
            found = *pos;
        }
        Ok(false)
    });
    found
}
