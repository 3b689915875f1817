//! Calls of STABLE user functions whose arguments come from the rows of the one table a
//! statement reads (`using (is_member(team_id))` in a policy): before the statement runs, the
//! function is called once for each distinct argument list that table's rows give, and the call
//! becomes a lookup of those results — what PostgreSQL may do for a STABLE function, as its
//! result cannot change within a statement.

use std::collections::HashMap;

use crate::engine::catalog::TableId;
use crate::engine::eval::eval;
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::Binder;
use crate::engine::fncall::call;
use crate::engine::routines::Function;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, Expr, FromItem, QueryBody, Returns, Statement};

/// The one table a statement reads its rows from, with the name its columns are qualified by:
/// an UPDATE's or DELETE's target, a query with a single table in FROM.
pub fn base_table(exec: &Exec<'_>, stmt: &Statement) -> Option<(TableId, String)> {
    let (name, alias) = match stmt {
        Statement::Update(u) => (&u.table, &u.alias),
        Statement::Delete(d) => (&d.table, &d.alias),
        Statement::Query(q) => match &q.body {
            QueryBody::Select(s) => match s.from.as_slice() {
                [FromItem::Table { name, alias }] => (name, alias),
                _ => return None,
            },
            QueryBody::Values(_) | QueryBody::SetOp { .. } => return None,
        },
        _ => return None,
    };
    let table = exec.db.lookup(name)?;
    Some((table, alias.clone().unwrap_or_else(|| name.name.clone())))
}

/// `f(args)` over the rows of `base`: a CASE that gives, for each distinct argument list the
/// rows hold, the function's result for it.
pub fn per_row(
    exec: &mut Exec<'_>,
    f: &Function,
    args: &[Expr],
    base: &(TableId, String),
) -> Result<Expr> {
    let refused = || {
        Error::unsupported(format!(
            "calling {}() with arguments that differ from row to row is not supported by fksim unless it is STABLE or IMMUTABLE and they come from the statement's one table",
            f.name
        ))
    };
    let (table, qualifier) = base;
    let t = exec.db.table(*table)?;
    let scope = table_scope(t, Some(qualifier));
    let bound = args
        .iter()
        .map(|a| Binder::default().bind(a, &scope))
        .collect::<Result<Vec<_>>>()
        .map_err(|_| refused())?;
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut lists: Vec<Vec<Value>> = Vec::new();
    for (_, row) in t.heap.iter() {
        exec.ctx.cancel.check()?;
        let values =
            bound.iter().map(|(b, _)| eval(b, &row, &[], &exec.ctx)).collect::<Result<Vec<_>>>()?;
        if seen.insert(format!("{values:?}"), ()).is_none() {
            lists.push(values);
        }
    }
    let result_type = match &f.returns {
        Returns::Value(ty) => ty.clone(),
        _ => DataType::Text,
    };
    let mut whens = Vec::new();
    for values in lists {
        let mut typed = Vec::new();
        for ((v, (_, ty)), a) in values.iter().zip(&bound).zip(&f.args) {
            typed.push(cast(v.clone(), ty, &a.data_type, false)?);
        }
        let result = call(exec, f, typed)?;
        let pairs = args.iter().zip(values.iter().zip(&bound));
        let matches = all_not_distinct(pairs.map(|(a, (v, (_, ty)))| (a.clone(), constant(v, ty))));
        match matches {
            Some(m) => whens.push((m, constant(&result, &result_type))),
            None => return Ok(constant(&result, &result_type)),
        }
    }
    let otherwise = Box::new(constant(&Value::Null, &result_type));
    if whens.is_empty() {
        return Ok(*otherwise);
    }
    Ok(Expr::Case { operand: None, whens, else_result: Some(otherwise) })
}

/// `l1 IS NOT DISTINCT FROM r1 AND l2 IS NOT DISTINCT FROM r2 ...`; None for no pairs.
pub(crate) fn all_not_distinct(pairs: impl Iterator<Item = (Expr, Expr)>) -> Option<Expr> {
    pairs
        .map(|(l, r)| Expr::IsDistinctFrom { left: Box::new(l), right: Box::new(r), negated: true })
        .reduce(|l, r| Expr::Binary {
            op: BinaryOp::And,
            left: Box::new(l),
            right: Box::new(r),
            pos: None,
        })
}
