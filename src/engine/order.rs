//! ORDER BY, DISTINCT ON and LIMIT / OFFSET: binding their items, PostgreSQL's sort, and the
//! rows they keep.

use std::cmp::Ordering;

use crate::engine::eval::eval;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, ScopeColumn};
use crate::engine::pgsort;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, sort_cmp};
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Literal, Query};

/// The query's ORDER BY (over its output columns) and LIMIT / OFFSET applied to `rows`.
pub fn order_output(
    mut rows: Vec<Vec<Value>>,
    columns: &[(String, DataType)],
    q: &Query,
    ctx: &EvalContext,
) -> Result<Vec<Vec<Value>>> {
    if !q.order_by.is_empty() {
        let scope = Scope {
            columns: columns
                .iter()
                .map(|(n, t)| ScopeColumn {
                    qualifier: None,
                    name: n.clone(),
                    data_type: t.clone(),
                })
                .collect(),
            using: None,
        };
        let mut keyed = Vec::new();
        for row in rows {
            let mut keys = Vec::new();
            for ob in &q.order_by {
                let b = order_expr_on_output(&ob.expr, &scope)?;
                keys.push(eval(&b, &row, &[], ctx)?);
            }
            keyed.push((keys, row));
        }
        sort_keyed_limited(&mut keyed, q);
        rows = keyed.into_iter().map(|(_, r)| r).collect();
    }
    apply_limit(rows, q, ctx)
}

/// Binds `DISTINCT ON (exprs)`; with ORDER BY, its leftmost items must be those expressions.
pub(crate) fn bind_distinct_on(
    exprs: &[Expr],
    order: &[OrderKey],
    list: &[(String, Bound, DataType)],
    scope: &Scope,
    binder: &mut Binder,
) -> Result<Vec<OrderKey>> {
    let mut keys = Vec::new();
    for e in exprs {
        keys.push(bind_order_item(e, list, scope, binder)?);
    }
    let bound = |k: &OrderKey| match k {
        OrderKey::Output(i) => list[*i].1.clone(),
        OrderKey::Expr(b) => b.clone(),
    };
    // transformDistinctOnClause: the ORDER BY items that are DISTINCT ON expressions come
    // first; once one is not, no DISTINCT ON expression may follow or be left out.
    let mismatch = |e: &Expr| {
        let pos = match e {
            Expr::Column { pos, .. } | Expr::Function { pos, .. } => *pos,
            _ => None,
        };
        Err(Error::new(
            "42P10",
            "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
        )
        .at(pos))
    };
    let distinct: Vec<Bound> = keys.iter().map(bound).collect();
    let (mut skipped, mut taken) = (false, Vec::new());
    for o in order {
        let b = bound(o);
        match distinct.iter().position(|d| *d == b) {
            Some(i) if skipped => return mismatch(&exprs[i]),
            Some(_) => taken.push(b),
            None => skipped = true,
        }
    }
    for (d, e) in distinct.iter().zip(exprs) {
        if skipped && !taken.contains(d) {
            return mismatch(e);
        }
    }
    Ok(keys)
}

/// One ORDER BY (or DISTINCT ON) item, bound.
pub(crate) enum OrderKey {
    /// A select-list column, by position.
    Output(usize),
    /// An expression over the input row.
    Expr(Bound),
}

/// The key of output column `i`: an array's sort key made from its expression.
fn output_key(list: &[(String, Bound, DataType)], i: usize) -> Result<OrderKey> {
    match &list[i] {
        (_, b, t @ DataType::Array(_)) => {
            Ok(OrderKey::Expr(crate::engine::array_order::sortable(b.clone(), t)?))
        }
        _ => Ok(OrderKey::Output(i)),
    }
}

/// Binds one ORDER BY item: a select-list position or name, or an expression.
pub(crate) fn bind_order_item(
    e: &Expr,
    list: &[(String, Bound, DataType)],
    scope: &Scope,
    binder: &mut Binder,
) -> Result<OrderKey> {
    if let Expr::Literal(Literal::Number(n)) = e {
        let i: usize = n.parse().unwrap_or(0);
        if i == 0 || i > list.len() {
            return Err(Error::new(
                "42P10",
                format!("ORDER BY position {n} is not in select list"),
            ));
        }
        return output_key(list, i - 1);
    }
    if let Expr::Column { table: None, name, pos } = e {
        let matches: Vec<usize> =
            list.iter().enumerate().filter(|(_, (n, _, _))| n == name).map(|(i, _)| i).collect();
        if matches.len() == 1 && !scope.columns.iter().any(|c| &c.name == name) {
            return output_key(list, matches[0]);
        }
        // Output columns of one name with different values: PostgreSQL cannot choose.
        if let Some(&i) = matches.first()
            && matches.iter().any(|&j| list[j].1 != list[i].1)
        {
            return Err(Error::new("42702", format!("ORDER BY \"{name}\" is ambiguous")).at(*pos));
        }
        if let Some(&i) = matches.first()
            && (scope.columns.iter().filter(|c| &c.name == name).count() == 1 || matches.len() == 1)
        {
            return output_key(list, i);
        }
    }
    let (b, t) = binder.bind(e, scope)?;
    Ok(OrderKey::Expr(crate::engine::array_order::sortable(b, &t)?))
}

fn order_expr_on_output(e: &Expr, scope: &Scope) -> Result<Bound> {
    if let Expr::Literal(Literal::Number(n)) = e {
        let i: usize = n.parse().unwrap_or(0);
        if i == 0 || i > scope.columns.len() {
            return Err(Error::new(
                "42P10",
                format!("ORDER BY position {n} is not in select list"),
            ));
        }
        let ty = &scope.columns[i - 1].data_type;
        return crate::engine::array_order::sortable(Bound::Column(i - 1), ty);
    }
    let (b, t) = Binder::default().bind(e, scope)?;
    crate::engine::array_order::sortable(b, &t)
}

/// Compares two values as an ORDER BY item does (NULLs placed by `nulls_first`).
pub fn compare_key(x: &Value, y: &Value, desc: bool, nulls_first: bool) -> Ordering {
    match (x.is_null(), y.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => {
            if nulls_first {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (false, true) => {
            if nulls_first {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (false, false) => {
            let o = sort_cmp(x, y);
            if desc { o.reverse() } else { o }
        }
    }
}

/// ORDER BY, with PostgreSQL's quicksort: rows that tie on every key keep no promised order,
/// and this reproduces the one PostgreSQL leaves (given the same input order).
pub(crate) fn sort_keyed(keyed: &mut [(Vec<Value>, Vec<Value>)], q: &Query) {
    pgsort::pg_qsort(keyed, &mut keyed_cmp(q));
}

/// ORDER BY right under LIMIT: the Sort knows the rows the Limit will take (LIMIT plus
/// OFFSET) and keeps only those, in a bounded heap once the input is over twice as many.
pub(crate) fn sort_keyed_limited(keyed: &mut Vec<(Vec<Value>, Vec<Value>)>, q: &Query) {
    match crate::engine::groupplan::limit_hint(q) {
        Some(b) if b >= 1.0 && b.fract() == 0.0 && b < (i32::MAX / 2) as f64 => {
            pgsort::pg_sort_bounded(keyed, b as usize, &mut keyed_cmp(q));
        }
        _ => sort_keyed(keyed, q),
    }
}

/// A row beside its ORDER BY keys (the keys first, in ORDER BY order).
type Keyed = (Vec<Value>, Vec<Value>);

/// Compares two rows' ORDER BY keys.
fn keyed_cmp(q: &Query) -> impl FnMut(&Keyed, &Keyed) -> Ordering {
    move |(a, _), (b, _)| {
        for (i, ob) in q.order_by.iter().enumerate() {
            let nulls_first = ob.nulls_first.unwrap_or(ob.desc);
            let (x, y) = (&a[i], &b[i]);
            let ord = compare_key(x, y, ob.desc, nulls_first);
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    }
}

/// OFFSET, then LIMIT.
pub(crate) fn apply_limit(
    rows: Vec<Vec<Value>>,
    q: &Query,
    ctx: &EvalContext,
) -> Result<Vec<Vec<Value>>> {
    let eval_count = |e: &Option<Expr>, what: &'static str| -> Result<Option<usize>> {
        let Some(e) = e else { return Ok(None) };
        let (b, t) = Binder::for_clause(what).bind(e, &Scope::default())?;
        let v = cast(eval(&b, &[], &[], ctx)?, &t, &DataType::BigInt, false)?;
        match v {
            Value::Null => Ok(None),
            Value::Int(n) if n < 0 => {
                Err(Error::new("2201W", format!("{what} must not be negative")))
            }
            Value::Int(n) => Ok(Some(n as usize)),
            _ => Ok(None),
        }
    };
    let offset = eval_count(&q.offset, "OFFSET")?.unwrap_or(0);
    let limit = eval_count(&q.limit, "LIMIT")?;
    Ok(rows.into_iter().skip(offset).take(limit.unwrap_or(usize::MAX)).collect())
}
