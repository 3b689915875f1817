//! Queries made of queries: `WITH [RECURSIVE]` (each query's rows named for the ones after it)
//! and `UNION / INTERSECT / EXCEPT [ALL]`.

use std::rc::Rc;

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use crate::engine::database::Database;
use crate::engine::derived_plan::{self, CtePlan};
use crate::engine::expr::{EvalContext, leftmost_pos};
use crate::engine::ops;
use crate::engine::order::order_output;
use crate::engine::query::run_query;
use crate::engine::setop_plan::{self, ArmTree};
use crate::engine::subquery::materialize_query;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Cte, Expr, FromItem, Literal, Pos, Query, QueryBody, SelectItem, SetOp};
use crate::sql::walk;

/// The named results of the WITH queries a query can see, innermost last, with how
/// PostgreSQL reads each (for the group order over them).
#[derive(Debug, Clone, Default)]
pub struct Ctes(Rc<Vec<(String, Rc<ResultSet>, CtePlan)>>);

impl Ctes {
    /// The rows named `name`, if a WITH query of this statement has that name.
    pub fn get(&self, name: &str) -> Option<&Rc<ResultSet>> {
        self.0.iter().rev().find(|(n, ..)| n == name).map(|(_, rs, _)| rs)
    }

    /// How the rows named `name` are read.
    pub fn plan(&self, name: &str) -> Option<&CtePlan> {
        self.0.iter().rev().find(|(n, ..)| n == name).map(|(.., p)| p)
    }

    /// These and one more, named `name`.
    pub fn with(&self, name: &str, rs: ResultSet) -> Ctes {
        self.with_plan(name, rs, CtePlan::Unknown)
    }

    /// These and one more, named `name`, read as `plan` says.
    pub fn with_plan(&self, name: &str, rs: ResultSet, plan: CtePlan) -> Ctes {
        let mut list = (*self.0).clone();
        list.push((name.to_string(), Rc::new(rs), plan));
        Ctes(Rc::new(list))
    }
}

/// Runs a query with subqueries not yet replaced (a WITH query's or a set operand's).
fn run_fresh(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    let mut q = q.clone();
    materialize_query(db, ctx, &mut q)?;
    run_query(db, &q, ctx)
}

/// A query with a WITH clause: each WITH query runs once, in order, and the body reads their rows.
pub fn run_with(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    let mut ctx = ctx.clone();
    for cte in &q.with {
        let rs = run_cte(db, cte, &ctx)?;
        let plan = derived_plan::plan_cte(db, &ctx, cte, derived_plan::count_reads(q, &cte.name));
        ctx.ctes = ctx.ctes.with_plan(&cte.name, rs, plan);
    }
    let mut body = q.clone();
    body.with.clear();
    run_fresh(db, &body, &ctx)
}

/// The rows of one WITH query (not a data-modifying one), its columns named.
pub fn run_cte(db: &Database, cte: &Cte, ctx: &EvalContext) -> Result<ResultSet> {
    if cte.dml.is_some() {
        return Err(Error::unsupported("a data-modifying statement in WITH below the top level"));
    }
    if cte.recursive && reads(&cte.query, &cte.name) {
        run_recursive(db, cte, ctx)
    } else {
        rename(run_fresh(db, &cte.query, ctx)?, cte)
    }
}

/// True when `q` reads a relation called `name` (a recursive WITH query reading itself).
fn reads(q: &Query, name: &str) -> bool {
    fn item(i: &FromItem, name: &str) -> bool {
        match i {
            FromItem::Table { name: n, .. } => n.schema.is_none() && n.name == name,
            FromItem::Join { left, right, .. } => item(left, name) || item(right, name),
            FromItem::Function { .. } => false,
            FromItem::Subquery { query, .. } => reads(query, name),
        }
    }
    let mut found = false;
    let mut q = q.clone();
    let _ = walk::query(&mut q, &mut |e| {
        if let crate::sql::ast::Expr::Exists { query, .. }
        | crate::sql::ast::Expr::Subquery(query)
        | crate::sql::ast::Expr::InSubquery { query, .. } = e
        {
            found |= reads(query, name);
        }
        Ok(false)
    });
    found
        || match &q.body {
            QueryBody::Select(s) => s.from.iter().any(|i| item(i, name)),
            QueryBody::Values(_) => false,
            QueryBody::SetOp { left, right, .. } => reads(left, name) || reads(right, name),
        }
}

/// Gives a WITH query's columns the names its column list says.
pub fn rename(mut rs: ResultSet, cte: &Cte) -> Result<ResultSet> {
    if cte.columns.len() > rs.columns.len() {
        return Err(Error::new(
            "42P10",
            format!(
                "WITH query \"{}\" has {} columns available but {} columns specified",
                cte.name,
                rs.columns.len(),
                cte.columns.len()
            ),
        ));
    }
    for (c, name) in rs.columns.iter_mut().zip(&cte.columns) {
        c.0 = name.clone();
    }
    Ok(rs)
}

/// `WITH RECURSIVE name AS (seed UNION [ALL] step)`: the seed's rows, then the step run over the
/// rows the previous round added until it adds none (UNION: only rows not seen before).
fn run_recursive(db: &Database, cte: &Cte, ctx: &EvalContext) -> Result<ResultSet> {
    let QueryBody::SetOp { op: SetOp::Union, all, left, right } = &cte.query.body else {
        return Err(Error::new(
            "42P19",
            format!(
                "recursive query \"{}\" does not have the form non-recursive-term UNION [ALL] recursive-term",
                cte.name
            ),
        ));
    };
    let seed = rename(run_fresh(db, left, ctx)?, cte)?;
    let columns = seed.columns.clone();
    let mut seen: IndexMap<Vec<Value>, (), FxBuildHasher> = IndexMap::default();
    let mut result = Vec::new();
    let mut add = |rows: Vec<Vec<Value>>, result: &mut Vec<Vec<Value>>| {
        let mut added = Vec::new();
        for row in rows {
            if *all || seen.insert(row.clone(), ()).is_none() {
                result.push(row.clone());
                added.push(row);
            }
        }
        added
    };
    let _b = crate::engine::memory::building(format!(
        "the work table of recursive query \"{}\"",
        cte.name
    ));
    let mut working = add(seed.rows, &mut result);
    while !working.is_empty() {
        ctx.cancel.check()?;
        let mut step_ctx = ctx.clone();
        step_ctx.ctes = ctx.ctes.with(
            &cte.name,
            ResultSet { columns: columns.clone(), rows: std::mem::take(&mut working) },
        );
        let step = run_fresh(db, right, &step_ctx)?;
        if step.columns.len() != columns.len() {
            return Err(column_count(SetOp::Union));
        }
        let rows = convert(step.rows, &step.columns, &columns, &[])?;
        working = add(rows, &mut result);
    }
    Ok(ResultSet { columns, rows: result })
}

fn column_count(op: SetOp) -> Error {
    Error::new("42601", format!("each {} query must have the same number of columns", op_name(op)))
}

fn op_name(op: SetOp) -> &'static str {
    match op {
        SetOp::Union => "UNION",
        SetOp::Intersect => "INTERSECT",
        SetOp::Except => "EXCEPT",
    }
}

/// Rows of `from` types converted to `to` types, column by column.
fn convert(
    rows: Vec<Vec<Value>>,
    from: &[(String, DataType)],
    to: &[(String, DataType)],
    untyped: &[Option<Pos>],
) -> Result<Vec<Vec<Value>>> {
    if from.iter().zip(to).all(|(a, b)| a.1 == b.1) {
        return Ok(rows);
    }
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .zip(from.iter().zip(to))
                .enumerate()
                .map(|(i, (v, (f, t)))| {
                    // A quoted literal read as the column's type fails at its place in the text.
                    let at = untyped.get(i).copied().flatten().flatten();
                    cast(v, &f.1, &t.1, false).map_err(|e| if at.is_some() { e.at(at) } else { e })
                })
                .collect()
        })
        .collect()
}

/// Two parts of a set operation.
fn pair(left: ArmTree, right: ArmTree) -> ArmTree {
    ArmTree::Pair(Box::new(left), Box::new(right))
}

/// For each of the `width` output columns of a set operation's arm: the place of the untyped
/// literal (NULL or a quoted string) it is, if it is one, in a SELECT with nothing around it.
/// PostgreSQL keeps such a column's type unknown until the set operation picks one.
fn untyped_literals(arm: &Query, width: usize) -> Vec<Option<Pos>> {
    let mut out = vec![None; width];
    let QueryBody::Select(s) = &arm.body else { return out };
    let wrapped = !arm.with.is_empty() || !arm.order_by.is_empty() || arm.limit.is_some();
    if wrapped || arm.offset.is_some() || s.distinct || !s.distinct_on.is_empty() {
        return out;
    }
    if !s.group_by.is_empty() || s.having.is_some() || s.items.len() != width {
        return out;
    }
    for (slot, item) in out.iter_mut().zip(&s.items) {
        *slot = match item {
            SelectItem::Expr { expr: Expr::Literal(Literal::Null), .. } => Some(None),
            SelectItem::Expr { expr: Expr::Literal(Literal::String(_, at)), .. } => Some(*at),
            _ => None,
        };
    }
    out
}

/// The output column types of a set operation, node by node as PostgreSQL resolves them: each
/// pair's common type, an unknown one (untyped literals on both sides) as text. With each type,
/// where the expression it was taken from stands (`at`: each arm's select-list places); a pair
/// whose types cannot be matched is reported there on its right side, as `select_common_type`
/// reports the expression it could not match.
fn output_types(
    context: &str,
    tree: &ArmTree,
    arms: &[Vec<DataType>],
    at: &[Vec<Pos>],
) -> Result<Vec<(DataType, Pos)>> {
    match tree {
        ArmTree::Arm(i) => {
            let places = at.get(*i).map(Vec::as_slice).unwrap_or_default();
            let types = arms.get(*i).map(Vec::as_slice).unwrap_or_default();
            Ok(types
                .iter()
                .enumerate()
                .map(|(k, t)| (t.clone(), places.get(k).copied().flatten()))
                .collect())
        }
        ArmTree::Pair(left, right) => {
            let left = output_types(context, left, arms, at)?;
            let right = output_types(context, right, arms, at)?;
            left.into_iter()
                .zip(right)
                .map(|((l, lpos), (r, rpos))| {
                    let t = ops::common_type(context, &[l.clone(), r]).map_err(|e| e.at(rpos))?;
                    // The expression whose type won: the left one unless the right one's is
                    // preferred.
                    let pos = if t == l { lpos } else { rpos };
                    Ok((if t == DataType::Unknown { DataType::Text } else { t }, pos))
                })
                .collect()
        }
    }
}

/// Where each select-list expression of a plain SELECT arm stands (None where fksim does not
/// know it, or for an arm of another shape).
fn item_places(arm: &Query, width: usize) -> Vec<Pos> {
    let QueryBody::Select(s) = &arm.body else { return vec![None; width] };
    if s.items.len() != width {
        return vec![None; width];
    }
    s.items
        .iter()
        .map(|item| match item {
            SelectItem::Expr { expr, .. } => leftmost_pos(expr),
            _ => None,
        })
        .collect()
}

/// `left op [ALL] right`, then the query's ORDER BY and LIMIT, in the order PostgreSQL's plan
/// emits the rows (`setop_plan.rs`): a UNION reads all the arms one Append would.
pub fn run_set_op(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    let QueryBody::SetOp { op, all, left, right } = &q.body else {
        return Err(Error::internal("not a set operation"));
    };
    let (arms, tree) = match (op, all) {
        (SetOp::Union, false) => setop_plan::union_tree(q),
        _ => (vec![&**left, &**right], pair(ArmTree::Arm(0), ArmTree::Arm(1))),
    };
    let mut results = Vec::with_capacity(arms.len());
    for arm in &arms {
        results.push(run_fresh(db, arm, ctx)?);
    }
    let width = results[0].columns.len();
    if results.iter().any(|r| r.columns.len() != width) {
        return Err(column_count(*op));
    }
    let untyped: Vec<Vec<Option<Pos>>> = arms.iter().map(|a| untyped_literals(a, width)).collect();
    let declared: Vec<Vec<DataType>> = results
        .iter()
        .zip(&untyped)
        .map(|(r, u)| {
            r.columns
                .iter()
                .zip(u)
                .map(|(c, u)| if u.is_some() { DataType::Unknown } else { c.1.clone() })
                .collect()
        })
        .collect();
    let places: Vec<Vec<Pos>> = arms.iter().map(|a| item_places(a, width)).collect();
    let types = output_types(op_name(*op), &tree, &declared, &places)?;
    let columns: Vec<(String, DataType)> =
        results[0].columns.iter().zip(types).map(|(c, (t, _))| (c.0.clone(), t)).collect();
    let mut inputs = Vec::with_capacity(results.len());
    for (r, untyped) in results.into_iter().zip(&untyped) {
        inputs.push(convert(r.rows, &r.columns, &columns, untyped)?);
    }
    let rows = match (op, all) {
        (SetOp::Union, true) => inputs.into_iter().flatten().collect(),
        _ => {
            let plan = setop_plan::plan(db, ctx, q);
            let types: Vec<DataType> = columns.iter().map(|c| c.1.clone()).collect();
            let (first, second) = match (*op, inputs.len()) {
                (SetOp::Union, _) => (inputs.into_iter().flatten().collect(), Vec::new()),
                (_, 2) => {
                    let right = inputs.pop().unwrap_or_default();
                    let left = inputs.pop().unwrap_or_default();
                    if plan.swap { (right, left) } else { (left, right) }
                }
                _ => return Err(Error::internal("a set operation of two inputs")),
            };
            setop_plan::combine((*op, *all), first, second, &types, plan.strategy)
        }
    };
    let rows = order_output(rows, &columns, q, ctx)?;
    Ok(ResultSet { columns, rows })
}
