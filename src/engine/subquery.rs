//! Subqueries (`IN (SELECT ...)`, `EXISTS (...)`, `(SELECT ...)`). Uncorrelated ones run once
//! when the statement starts, as PostgreSQL's InitPlans are, and are put in as values.
//! Correlated ones (reading columns of the query around them) become SubPlans: run again for
//! each outer row, with that row's values in place of the outer references, their results
//! cached per distinct set of values.

use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::engine::database::Database;
use crate::engine::eval::eval;
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::query::{column_name, run_query};
use crate::engine::types::DataType;
use crate::engine::value::{Value, compare};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    Correlated, Expr, FromItem, Literal, Query, QueryBody, SelectItem, Statement, SubLink,
};
use crate::sql::walk;

/// A value as an expression that binds back to exactly it.
pub fn constant(v: &Value, ty: &DataType) -> Expr {
    if v.is_null() {
        Expr::Cast { expr: Box::new(Expr::Literal(Literal::Null)), to: ty.clone(), pos: None }
    } else {
        Expr::Literal(Literal::Typed(ty.clone(), v.to_text(ty)))
    }
}

/// Runs a subquery whose outer references (if any) are already replaced.
pub(crate) fn run(db: &Database, q: &Query, ctx: &EvalContext) -> Result<ResultSet> {
    let mut q = q.clone();
    materialize_query(db, ctx, &mut q)?;
    run_query(db, &q, ctx)
}

/// The columns the FROM list of a query makes visible; None when it has items other than tables
/// and joins of tables.
fn from_scope(db: &Database, ctx: &EvalContext, from: &[FromItem]) -> Result<Option<Scope>> {
    fn item(db: &Database, ctx: &EvalContext, i: &FromItem, out: &mut Scope) -> Result<bool> {
        match i {
            FromItem::Table { name, alias } if let Some(rs) = ctx.cte(name) => {
                let qualifier = alias.as_ref().unwrap_or(&name.name);
                out.columns.extend(Scope::qualified(qualifier, &rs.columns).columns);
                Ok(true)
            }
            FromItem::Table { name, alias }
                if let Some(v) = crate::engine::views::find(db, name) =>
            {
                let qualifier = alias.as_ref().unwrap_or(&v.name);
                out.columns.extend(Scope::qualified(qualifier, &v.columns).columns);
                Ok(true)
            }
            FromItem::Table { name, alias } if crate::engine::pgcatalog::names_catalog(name) => {
                let c = crate::engine::pgcatalog::find_catalog(db, name, alias.as_deref());
                out.columns.extend(c.into_iter().flat_map(|c| c.scope.columns));
                Ok(true)
            }
            FromItem::Table { name, alias } => {
                let t = db.table(db.resolve(name)?)?;
                out.columns.extend(table_scope(t, alias.as_deref()).columns);
                Ok(true)
            }
            FromItem::Join { left, right, .. } => {
                Ok(item(db, ctx, left, out)? && item(db, ctx, right, out)?)
            }
            // Its column's name is what a correlated reference is told apart by.
            FromItem::Function { .. } => {
                out.columns.push(crate::engine::srf::function_column(i, DataType::Unknown));
                Ok(true)
            }
            // Rows of constants (what `fnlateral.rs` makes of calls' results) read nothing
            // outside: their columns are known by running them.
            FromItem::Subquery { query, alias, columns, lateral: false }
                if constants_only(query) =>
            {
                let rs = run(db, query, ctx)?;
                let named: Vec<(String, DataType)> = rs
                    .columns
                    .into_iter()
                    .enumerate()
                    .map(|(i, (n, t))| (columns.get(i).cloned().unwrap_or(n), t))
                    .collect();
                out.columns.extend(Scope::qualified(alias, &named).columns);
                Ok(true)
            }
            FromItem::Subquery { .. } => Ok(false),
        }
    }
    let mut scope = Scope::default();
    for i in from {
        if !item(db, ctx, i, &mut scope)? {
            return Ok(None);
        }
    }
    Ok(Some(scope))
}

/// The scope a query's subqueries see as their outer query.
fn query_scope(db: &Database, ctx: &EvalContext, q: &Query) -> Result<Scope> {
    Ok(match &q.body {
        QueryBody::Select(s) => from_scope(db, ctx, &s.from)?.unwrap_or_default(),
        QueryBody::Values(_) | QueryBody::SetOp { .. } => Scope::default(),
    })
}

/// Replaces the references of `q` to `outer` (names its own FROM list does not resolve) by
/// `Expr::Outer(n)`; returns the references, in order of first appearance.
pub(crate) fn correlate(
    db: &Database,
    ctx: &EvalContext,
    q: &mut Query,
    outer: &Scope,
) -> Result<Vec<Expr>> {
    let QueryBody::Select(s) = &q.body else { return Ok(Vec::new()) };
    if !q.with.is_empty() {
        return Ok(Vec::new());
    }
    let Some(inner) = from_scope(db, ctx, &s.from)? else { return Ok(Vec::new()) };
    let mut refs: Vec<Expr> = Vec::new();
    walk::query(q, &mut |e| {
        let Expr::Column { table, name, .. } = e else { return Ok(false) };
        let qualifies = |scope: &Scope| {
            table.as_ref().is_some_and(|t| {
                scope.columns.iter().any(|c| c.qualifier.as_deref() == Some(t.as_str()))
            })
        };
        // A name of the outer query's tables that the subquery does not have is an outer
        // reference, even when its column is missing (the error names the column then).
        let outer_table = qualifies(outer) && !qualifies(&inner);
        if inner.resolve(table.as_deref(), name, None).is_ok()
            || (outer.resolve(table.as_deref(), name, None).is_err() && !outer_table)
        {
            return Ok(false);
        }
        let n = match refs.iter().position(
            |r| matches!(r, Expr::Column { table: t, name: m, .. } if t == table && m == name),
        ) {
            Some(n) => n,
            None => {
                refs.push(e.clone());
                refs.len() - 1
            }
        };
        *e = Expr::Outer(n);
        Ok(true)
    })?;
    Ok(refs)
}

/// `q` with each `Expr::Outer(n)` replaced by `values[n]`.
pub(crate) fn substitute(q: &Query, values: &[(Value, DataType)]) -> Result<Query> {
    let mut q = q.clone();
    walk::query(&mut q, &mut |e| {
        if let Expr::Outer(n) = e {
            let (v, t) = values.get(*n).ok_or_else(|| Error::internal("outer reference"))?;
            *e = constant(v, t);
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(q)
}

fn replace(db: &Database, ctx: &EvalContext, e: &mut Expr, outer: &Scope) -> Result<bool> {
    let (query, kind) = match e {
        Expr::InSubquery { expr, query, negated, .. } => {
            (query, SubLink::In { expr: expr.clone(), negated: *negated })
        }
        Expr::Exists { query, negated } => (query, SubLink::Exists { negated: *negated }),
        Expr::Subquery(query) => (query, SubLink::Scalar),
        Expr::Function { name, args, .. } if name == crate::sql::arrays::OF_SUBQUERY => {
            match args.as_mut_slice() {
                [Expr::Subquery(query)] => (query, SubLink::Array),
                _ => return Ok(false),
            }
        }
        _ => return Ok(false),
    };
    let mut correlated = (**query).clone();
    let refs = correlate(db, ctx, &mut correlated, outer)?;
    if !refs.is_empty() {
        if let SubLink::In { expr, .. } = &kind {
            let mut inner = (**expr).clone();
            walk::expr(&mut inner, &mut |x| replace(db, ctx, x, outer))?;
        }
        // The result's type: the subquery run once with NULL for every outer reference.
        let nulls = refs
            .iter()
            .map(|r| match r {
                Expr::Column { table, name, pos } => {
                    Ok((Value::Null, outer.resolve(table.as_deref(), name, *pos)?.1))
                }
                _ => Err(Error::internal("outer reference")),
            })
            .collect::<Result<Vec<_>>>()?;
        let rs = run(db, &substitute(&correlated, &nulls)?, ctx)?;
        let result = match (&kind, rs.columns.as_slice()) {
            (SubLink::Exists { .. }, _) => DataType::Boolean,
            (SubLink::Array, [(_, ty)]) => DataType::Array(Box::new(ty.clone())),
            (_, [(_, ty)]) => ty.clone(),
            (SubLink::In { .. }, _) => {
                return Err(Error::new("42601", "subquery has too many columns"));
            }
            _ => return Err(Error::new("42601", "subquery must return only one column")),
        };
        *e =
            Expr::Correlated(Box::new(Correlated { kind, query: correlated, outer: refs, result }));
        return Ok(true);
    }
    let rs = run(db, query, ctx)?;
    let replacement = match kind {
        SubLink::In { expr, negated } => {
            let [(_, ty)] = rs.columns.as_slice() else {
                let pos = match e {
                    Expr::InSubquery { pos, .. } => *pos,
                    _ => None,
                };
                return Err(Error::new("42601", "subquery has too many columns").at(pos));
            };
            let list = rs.rows.iter().map(|r| constant(&r[0], ty)).collect();
            let mut inner = *expr;
            walk::expr(&mut inner, &mut |x| replace(db, ctx, x, outer))?;
            if !negated {
                inner = crate::engine::semijoin::probe_key(inner);
            }
            Expr::InList { expr: Box::new(inner), list, negated }
        }
        SubLink::Exists { negated } => Expr::Literal(Literal::Bool(rs.rows.is_empty() == negated)),
        SubLink::Scalar => {
            let [(_, ty)] = rs.columns.as_slice() else {
                return Err(Error::new("42601", "subquery must return only one column"));
            };
            match rs.rows.as_slice() {
                [] => constant(&Value::Null, ty),
                [row] => constant(&row[0], ty),
                _ => return Err(more_than_one_row()),
            }
        }
        SubLink::Array => {
            let [(_, ty)] = rs.columns.as_slice() else {
                return Err(Error::new("42601", "subquery must return only one column"));
            };
            constant(&array_of(&rs.rows, ty), &DataType::Array(Box::new(ty.clone())))
        }
    };
    *e = replacement;
    Ok(true)
}

/// `ARRAY(subquery)`'s value: the first column of each row, in order.
fn array_of(rows: &[Vec<Value>], ty: &DataType) -> Value {
    let elements: Vec<Option<String>> =
        rows.iter().map(|r| r.first().filter(|v| !v.is_null()).map(|v| v.to_text(ty))).collect();
    Value::Text(crate::engine::arrays::format_elements(&elements))
}

fn more_than_one_row() -> Error {
    Error::new("21000", "more than one row returned by a subquery used as an expression")
}

/// Names the select items that are subqueries as PostgreSQL does (the subquery's column,
/// `exists`), before they are replaced by values.
fn name_subquery_items(items: &mut [SelectItem]) {
    for item in items {
        let SelectItem::Expr { expr, alias: alias @ None } = item else { continue };
        *alias = match expr {
            Expr::Exists { .. } => Some("exists".to_string()),
            Expr::Function { name, .. } if name == crate::sql::arrays::OF_SUBQUERY => {
                Some("array".to_string())
            }
            Expr::Subquery(q) => match &q.body {
                QueryBody::SetOp { left, .. } => match &left.body {
                    QueryBody::Select(s) => match s.items.first() {
                        Some(SelectItem::Expr { alias: Some(a), .. }) => Some(a.clone()),
                        Some(SelectItem::Expr { expr, .. }) => Some(column_name(expr)),
                        _ => None,
                    },
                    _ => None,
                },
                QueryBody::Select(s) => match s.items.first() {
                    Some(SelectItem::Expr { alias: Some(a), .. }) => Some(a.clone()),
                    Some(SelectItem::Expr { expr, .. }) => Some(column_name(expr)),
                    _ => None,
                },
                QueryBody::Values(_) => Some("column1".to_string()),
            },
            _ => None,
        };
    }
}

/// Replaces the uncorrelated subqueries of an expression that stands alone (a PL/pgSQL
/// expression, a policy condition with its row put in) by their results.
pub fn materialize_expr(db: &Database, ctx: &EvalContext, e: &mut Expr) -> Result<()> {
    walk::expr(e, &mut |x| replace(db, ctx, x, &Scope::default()))
}

/// Replaces the subqueries of a query by their results (or by SubPlans when correlated).
pub fn materialize_query(db: &Database, ctx: &EvalContext, q: &mut Query) -> Result<()> {
    // A WITH clause's names exist only once its queries have run (`compound::run_with`), and a
    // set operation's operands are queries of their own: both are done when they run.
    if !q.with.is_empty() || matches!(q.body, QueryBody::SetOp { .. }) {
        return Ok(());
    }
    let outer = query_scope(db, ctx, q)?;
    if let QueryBody::Select(s) = &mut q.body {
        name_subquery_items(&mut s.items);
    }
    walk::query(q, &mut |e| replace(db, ctx, e, &outer))
}

/// The statement with its subqueries run, or None when it has none (the common case: no copy).
pub fn materialize(
    db: &Database,
    ctx: &EvalContext,
    stmt: &Statement,
) -> Result<Option<Statement>> {
    let mut found = false;
    let mut probe = |e: &Expr| -> Result<bool> {
        found |= matches!(e, Expr::InSubquery { .. } | Expr::Exists { .. } | Expr::Subquery(_));
        Ok(found)
    };
    match stmt {
        // Run with its WITH queries (`compound::run_with`).
        Statement::Query(q) if !q.with.is_empty() || matches!(q.body, QueryBody::SetOp { .. }) => {
            return Ok(None);
        }
        _ if !worth_rewriting(stmt) => return Ok(None),
        _ => {}
    }
    walk::read::statement(stmt, &mut probe)?;
    if !found {
        return Ok(None);
    }
    let mut copy = stmt.clone();
    match &mut copy {
        Statement::Query(q) => materialize_query(db, ctx, q)?,
        Statement::Update(u) => {
            let outer = table_scope(db.table(db.resolve(&u.table)?)?, u.alias.as_deref());
            walk::statement(&mut copy, &mut |e| replace(db, ctx, e, &outer))?;
        }
        Statement::Delete(d) => {
            let outer = table_scope(db.table(db.resolve(&d.table)?)?, d.alias.as_deref());
            walk::statement(&mut copy, &mut |e| replace(db, ctx, e, &outer))?;
        }
        _ => {
            // INSERT ... SELECT: the query's subqueries may read its FROM items.
            if let Statement::Insert(i) = &mut copy
                && let crate::sql::ast::InsertSource::Query(q) = &mut i.source
            {
                materialize_query(db, ctx, q)?;
            }
            walk::statement(&mut copy, &mut |e| replace(db, ctx, e, &Scope::default()))?
        }
    }
    Ok(Some(copy))
}

/// A correlated subquery bound in its outer query.
#[derive(Debug, Clone)]
pub struct SubPlan {
    /// The subquery and how its result is used.
    spec: Rc<Correlated>,
    /// Its outer references, bound against the outer query's row.
    outer: Vec<(Bound, DataType)>,
    /// For IN: the value looked for.
    tested: Option<Bound>,
}

impl SubPlan {
    /// Binds a correlated subquery's outer references (and IN's tested value) against `scope`.
    pub fn bind(c: &Correlated, binder: &mut Binder, scope: &Scope) -> Result<SubPlan> {
        let mut outer = Vec::new();
        for e in &c.outer {
            outer.push(binder.bind(e, scope)?);
        }
        let tested = match &c.kind {
            SubLink::In { expr, .. } => Some(binder.bind(expr, scope)?.0),
            _ => None,
        };
        Ok(SubPlan { spec: Rc::new(c.clone()), outer, tested })
    }

    /// The type of the value it stands for.
    pub fn result_type(&self) -> DataType {
        match self.spec.kind {
            SubLink::Scalar | SubLink::Array => self.spec.result.clone(),
            _ => DataType::Boolean,
        }
    }
}

/// A subquery's result rows.
type Rows = Vec<Vec<Value>>;

/// The correlated subqueries of one clause, with the results found so far.
pub struct SubPlans<'d> {
    db: &'d Database,
    plans: Vec<SubPlan>,
    /// Per plan: the rows it returned, by the values of its outer references.
    cache: Vec<FxHashMap<Vec<Value>, Rc<Rows>>>,
}

impl<'d> SubPlans<'d> {
    /// The plans a binder collected (none: nothing to do per row).
    pub fn new(db: &'d Database, binder: &mut Binder) -> Self {
        let plans = binder.subplans.take().unwrap_or_default();
        let cache = plans.iter().map(|_| FxHashMap::default()).collect();
        SubPlans { db, plans, cache }
    }

    /// True when the clause has no correlated subquery.
    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// Appends each subplan's value for `row` (bound against a scope of `row.len()` columns).
    pub fn extend(
        &mut self,
        row: &mut Vec<Value>,
        aggs: &[Value],
        ctx: &EvalContext,
    ) -> Result<()> {
        let width = row.len();
        for i in 0..self.plans.len() {
            let plan = &self.plans[i];
            let mut key = Vec::with_capacity(plan.outer.len());
            for (b, _) in &plan.outer {
                key.push(eval(b, &row[..width], aggs, ctx)?);
            }
            let rows = match self.cache[i].get(&key) {
                Some(rows) => rows.clone(),
                None => {
                    let values: Vec<(Value, DataType)> = key
                        .iter()
                        .cloned()
                        .zip(plan.outer.iter().map(|(_, t)| t.clone()))
                        .collect();
                    let rs = run(self.db, &substitute(&plan.spec.query, &values)?, ctx)?;
                    let rows = Rc::new(rs.rows);
                    self.cache[i].insert(key, rows.clone());
                    rows
                }
            };
            let v = match &plan.spec.kind {
                SubLink::Exists { negated } => Value::Bool(rows.is_empty() == *negated),
                SubLink::Scalar => match rows.as_slice() {
                    [] => Value::Null,
                    [r] => r[0].clone(),
                    _ => return Err(more_than_one_row()),
                },
                SubLink::Array => match &plan.spec.result {
                    DataType::Array(ty) => array_of(&rows, ty),
                    _ => Value::Null,
                },
                SubLink::In { negated, .. } => {
                    let tested = match &plan.tested {
                        Some(b) => eval(b, &row[..width], aggs, ctx)?,
                        None => Value::Null,
                    };
                    // `x IN (...)`: true on an equal row, else NULL if x or any row is NULL.
                    let found = if rows.is_empty() {
                        Some(false)
                    } else if tested.is_null() {
                        None
                    } else if rows
                        .iter()
                        .any(|r| compare(&tested, &r[0]) == Some(std::cmp::Ordering::Equal))
                    {
                        Some(true)
                    } else if rows.iter().any(|r| r[0].is_null()) {
                        None
                    } else {
                        Some(false)
                    };
                    match found {
                        Some(b) => Value::Bool(b != *negated),
                        None => Value::Null,
                    }
                }
            };
            row.push(v);
        }
        Ok(())
    }
}

/// True for the statements whose expressions a rewrite before execution looks at: DML and
/// queries, except an INSERT of many VALUES rows (a data load), which is not copied to be
/// searched.
pub fn worth_rewriting(stmt: &Statement) -> bool {
    match stmt {
        Statement::Insert(i) => {
            !matches!(&i.source, crate::sql::ast::InsertSource::Values(rows) if rows.len() > 1000)
        }
        Statement::Update(_) | Statement::Delete(_) | Statement::Query(_) => true,
        _ => false,
    }
}

/// True for a query without FROM items or column references: rows of constants.
fn constants_only(q: &Query) -> bool {
    let mut columns = false;
    let walked = walk::read::query(q, &mut |e| {
        columns |= matches!(e, Expr::Column { .. } | Expr::Outer(_) | Expr::Subquery(_));
        Ok(false)
    });
    let no_from = match &q.body {
        QueryBody::Values(_) => true,
        QueryBody::Select(s) => s.from.is_empty(),
        QueryBody::SetOp { .. } => false,
    };
    walked.is_ok() && !columns && no_from && q.with.is_empty()
}
