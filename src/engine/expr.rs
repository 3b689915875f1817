//! Expressions: binding names and types against a row scope into bound trees (`eval.rs`
//! evaluates them, `calls.rs` binds function calls, `srf.rs` set-returning ones).

use crate::engine::builtins;
use crate::engine::calls::{AggCall, Call, Func};
use crate::engine::cancel::Cancel;
use crate::engine::column_hint;
use crate::engine::ops;
use crate::engine::srf::SrfCall;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, Expr, Literal, Pos, UnaryOp};

/// One column visible to an expression.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeColumn {
    /// The table name or alias that qualifies it.
    pub qualifier: Option<String>,
    /// Column name.
    pub name: String,
    /// Its type.
    pub data_type: DataType,
}

/// The columns an expression can see, in row order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scope {
    /// Visible columns; a row bound against this scope has one value per entry.
    pub columns: Vec<ScopeColumn>,
    /// With a USING or NATURAL join inside: what names without qualifier and `*` see
    /// (`using_join.rs`).
    pub using: Option<Box<crate::engine::using_join::UsingView>>,
}

/// A bound expression: names resolved to row positions, literals typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// A constant.
    Const(Value),
    /// A string literal whose type is still unknown, with its position for conversion errors.
    Literal(String, Pos),
    /// The value at this row position.
    Column(usize),
    /// A unary operator.
    Unary(UnaryOp, Box<Bound>, DataType),
    /// A binary operator other than AND/OR.
    Binary(BinaryOp, Box<Bound>, DataType, Box<Bound>, DataType, DataType),
    /// AND (three-valued).
    And(Box<Bound>, Box<Bound>),
    /// OR (three-valued).
    Or(Box<Bound>, Box<Bound>),
    /// `IS [NOT] NULL`.
    IsNull(Box<Bound>, bool),
    /// `IS [NOT] TRUE/FALSE`: (expr, value tested, negated).
    IsBool(Box<Bound>, bool, bool),
    /// `IS [NOT] DISTINCT FROM`.
    IsDistinct(Box<Bound>, Box<Bound>, bool),
    /// `[NOT] IN (list)`: the list items already coerced to the tested type.
    InList(Box<Bound>, Vec<Bound>, bool),
    /// CASE WHEN cond THEN value ... ELSE value END (operand form rewritten to conditions).
    Case(Vec<(Bound, Bound)>, Option<Box<Bound>>),
    /// A cast.
    Cast(Box<Bound>, DataType, DataType),
    /// A scalar function.
    Func(Func, Vec<Bound>, DataType),
    /// The result of the aggregate at this index (grouped queries only).
    Agg(usize),
    /// The value of a correlated subquery, which the caller puts at this row position (after
    /// the scope's columns) before evaluating: see `subquery::SubPlans`.
    SubPlan(usize),
}

/// What binding needs besides the scope.
#[derive(Debug, Default)]
pub struct Binder {
    /// Aggregates found, when aggregates are allowed here.
    pub aggregates: Option<Vec<AggCall>>,
    /// Set-returning calls found, when they are allowed here (a select list and its ORDER BY).
    pub srfs: Option<Vec<SrfCall>>,
    /// The clause being bound, as PostgreSQL names it in "... are not allowed in WHERE"; empty
    /// where fksim does not name it (a place PostgreSQL may allow what fksim refuses).
    pub clause: &'static str,
    /// Binding an aggregate's arguments, where another aggregate would be nested.
    pub in_aggregate: bool,
    /// Correlated subqueries found, where the caller runs them (WHERE and select lists).
    pub subplans: Option<Vec<crate::engine::subquery::SubPlan>>,
    /// Window function calls found, when they are allowed here (a select list and its ORDER BY).
    pub windows: Option<Vec<crate::engine::window::WindowCall>>,
}

/// What evaluation needs besides the row.
#[derive(Debug, Clone, Default)]
pub struct EvalContext {
    /// now(): the transaction's start, microseconds since 2000-01-01.
    pub now: i64,
    /// The running transaction: what its scans may prune is what older ones deleted.
    pub xid: crate::engine::heap::Xid,
    /// The statement's cancel flag, polled by row loops.
    pub cancel: Cancel,
    /// The sequences nextval / currval / setval act on.
    pub sequences: crate::engine::sequences::SharedSequences,
    /// The schemas an unqualified sequence name is looked up in.
    pub search_path: Vec<String>,
    /// The rows of the WITH queries in scope.
    pub ctes: crate::engine::compound::Ctes,
    /// current_user: the role the statement runs as (a SECURITY DEFINER function's owner
    /// while it runs); empty for the session user.
    pub current_user: String,
}

impl EvalContext {
    /// The rows of the WITH query an unqualified table name in FROM stands for, if any.
    pub fn cte(
        &self,
        name: &crate::sql::ast::ObjectName,
    ) -> Option<&std::rc::Rc<crate::render::psql::ResultSet>> {
        if name.schema.is_some() {
            return None;
        }
        self.ctes.get(&name.name)
    }
}

impl Scope {
    /// The columns of a named row source (a WITH query, a view), all qualified by `qualifier`.
    pub fn qualified(qualifier: &str, columns: &[(String, DataType)]) -> Scope {
        Scope {
            columns: columns
                .iter()
                .map(|(n, t)| ScopeColumn {
                    qualifier: Some(qualifier.to_string()),
                    name: n.clone(),
                    data_type: t.clone(),
                })
                .collect(),
            using: None,
        }
    }

    /// Resolves a column reference, with PostgreSQL's errors for unknown or ambiguous names.
    pub fn resolve(
        &self,
        qualifier: Option<&str>,
        name: &str,
        pos: Pos,
    ) -> Result<(usize, DataType)> {
        if let Some(u) = &self.using
            && let Some(v) = crate::engine::using_join::find_visible(u, qualifier, name, pos)?
            && let Some(i) = crate::engine::using_join::first_column(&v.value)
        {
            return Ok((i, v.data_type.clone()));
        }
        let mut found = None;
        for (i, c) in self.columns.iter().enumerate() {
            if c.name == name && (qualifier.is_none() || c.qualifier.as_deref() == qualifier) {
                if found.is_some() {
                    return Err(Error::new(
                        "42702",
                        format!("column reference \"{name}\" is ambiguous"),
                    )
                    .at(pos));
                }
                found = Some((i, c.data_type.clone()));
            }
        }
        if let Some(f) = found {
            return Ok(f);
        }
        // The system column a partitioned table's rows carry.
        if name == "tableoid" {
            let hidden = crate::engine::partition_tree::TABLEOID;
            if let Some(i) = self.columns.iter().position(|c| {
                c.name == hidden && (qualifier.is_none() || c.qualifier.as_deref() == qualifier)
            }) {
                return Ok((i, DataType::Regclass));
            }
        }
        match qualifier {
            Some(q) if !self.columns.iter().any(|c| c.qualifier.as_deref() == Some(q)) => {
                Err(Error::new("42P01", format!("missing FROM-clause entry for table \"{q}\""))
                    .at(pos))
            }
            Some(q) => Err(with_hint(
                Error::undefined_qualified_column(q, name).at(pos),
                column_hint::hint(&self.columns, qualifier, name),
            )),
            None => Err(with_hint(
                Error::undefined_column(name).at(pos),
                column_hint::hint(&self.columns, None, name),
            )),
        }
    }
}

fn with_hint(e: Error, hint: Option<String>) -> Error {
    match hint {
        Some(h) => e.with_hint(h),
        None => e,
    }
}

/// The type of an integer or decimal literal as PostgreSQL gives it: integer, bigint, numeric.
pub fn number_literal(text: &str) -> Result<(Value, DataType)> {
    if let Ok(i) = text.parse::<i64>() {
        // The type comes from the digits as written: `-2147483648` is the negated bigint
        // constant 2147483648, as PostgreSQL's grammar folds it.
        let magnitude = text.trim_start_matches('-').parse::<i64>().unwrap_or(i64::MAX);
        let ty =
            if i32::try_from(magnitude).is_ok() { DataType::Integer } else { DataType::BigInt };
        return Ok((Value::Int(i), ty));
    }
    let v = Value::parse(text, &DataType::Numeric(None))?;
    Ok((v, DataType::Numeric(None)))
}

impl Binder {
    /// A binder for a clause that allows neither aggregates nor set-returning functions.
    pub fn for_clause(clause: &'static str) -> Self {
        Binder {
            aggregates: None,
            srfs: None,
            clause,
            in_aggregate: false,
            subplans: None,
            windows: None,
        }
    }

    /// A binder for a select list, its ORDER BY and HAVING: aggregates and set-returning
    /// functions are collected.
    pub fn for_select_list() -> Self {
        Binder {
            aggregates: Some(Vec::new()),
            srfs: Some(Vec::new()),
            clause: "SELECT",
            in_aggregate: false,
            subplans: Some(Vec::new()),
            windows: Some(Vec::new()),
        }
    }

    /// Binds `f` as `clause`, where set-returning functions are not allowed (HAVING).
    pub fn without_srfs<T>(
        &mut self,
        clause: &'static str,
        f: impl FnOnce(&mut Binder) -> Result<T>,
    ) -> Result<T> {
        let (srfs, outer) = (self.srfs.take(), std::mem::replace(&mut self.clause, clause));
        let windows = self.windows.take();
        let out = f(self);
        (self.srfs, self.clause, self.windows) = (srfs, outer, windows);
        out
    }

    /// How many set-returning calls have been collected so far.
    pub fn srf_count(&self) -> usize {
        self.srfs.as_ref().map_or(0, Vec::len)
    }

    /// PostgreSQL's 0A000 for a set-returning call where this binder allows none.
    pub fn srf_not_allowed(&self, pos: Pos) -> Error {
        match self.clause {
            "FROM" => {
                Error::unsupported("set-returning functions must appear at top level of FROM")
            }
            // PostgreSQL runs them below the grouping; fksim does not.
            "GROUP BY" => {
                Error::unsupported("set-returning functions in GROUP BY are not supported by fksim")
            }
            "" => Error::unsupported("set-returning functions here are not supported by fksim"),
            clause => {
                Error::unsupported(format!("set-returning functions are not allowed in {clause}"))
            }
        }
        .at(pos)
    }

    /// Refuses the set-returning calls collected since `before` inside `what` (CASE, COALESCE,
    /// an aggregate's arguments), pointing at the last one as PostgreSQL does.
    pub(crate) fn refuse_srfs_since(&self, before: usize, message: String) -> Result<()> {
        match self.srfs.as_ref().and_then(|s| s.get(before..)).and_then(<[SrfCall]>::last) {
            Some(call) => Err(Error::unsupported(message)
                .with_hint(
                    "You might be able to move the set-returning function into a LATERAL FROM item.",
                )
                .at(call.pos)),
            None => Ok(()),
        }
    }

    /// Binds `expr` against `scope`, giving the bound tree and its type.
    pub fn bind(&mut self, expr: &Expr, scope: &Scope) -> Result<(Bound, DataType)> {
        match expr {
            Expr::Literal(lit) => bind_literal(lit),
            Expr::Column { table, name, pos } => scope.resolve_bound(table.as_deref(), name, *pos),
            Expr::Unary { op, expr, pos } => {
                let before = self.srf_count();
                let (b, t) = self.bind(expr, scope)?;
                let (b, t) = if t == DataType::Unknown && *op == UnaryOp::Not {
                    coerce(b, t, &DataType::Boolean, None)?
                } else {
                    (b, t)
                };
                let rt = ops::unary_result_type(*op, &t).map_err(|e| e.at(*pos))?;
                if *op == UnaryOp::Not && self.srf_count() > before {
                    return Err(returns_set("NOT", expr));
                }
                Ok((Bound::Unary(*op, Box::new(b), t), rt))
            }
            Expr::Binary { op: BinaryOp::And, left, right, .. }
            | Expr::Binary { op: BinaryOp::Or, left, right, .. } => {
                let is_and = matches!(expr, Expr::Binary { op: BinaryOp::And, .. });
                let l = self.bind_condition(left, scope, if is_and { "AND" } else { "OR" })?;
                let r = self.bind_condition(right, scope, if is_and { "AND" } else { "OR" })?;
                let b = if is_and {
                    Bound::And(Box::new(l), Box::new(r))
                } else {
                    Bound::Or(Box::new(l), Box::new(r))
                };
                Ok((b, DataType::Boolean))
            }
            Expr::Binary { op, left, right, pos } => {
                let (l, lt) = self.bind(left, scope)?;
                let (r, rt) = self.bind(right, scope)?;
                if let Some(name) = crate::engine::array_funcs::operator_function(*op, &lt, &rt)
                    && let Some(sig) =
                        crate::engine::scalars::resolve(name, &[lt.clone(), rt.clone()])
                {
                    return crate::engine::scalars::apply(sig, vec![(l, lt), (r, rt)]);
                }
                let (l, lt, r, rt) = coerce_pair(l, lt, r, rt, *op)?;
                if let Some(b) = crate::engine::array_order::bind_comparison(*op, &l, &lt, &r, &rt)?
                {
                    return Ok(b);
                }
                let ty = ops::binary_result_type(*op, &lt, &rt).map_err(|e| e.at(*pos))?;
                Ok((Bound::Binary(*op, Box::new(l), lt, Box::new(r), rt, ty.clone()), ty))
            }
            Expr::IsNull { expr, negated } => {
                let (b, _) = self.bind(expr, scope)?;
                Ok((Bound::IsNull(Box::new(b), *negated), DataType::Boolean))
            }
            Expr::IsBool { expr, value, negated } => {
                let test = match (negated, value) {
                    (false, true) => "IS TRUE",
                    (true, true) => "IS NOT TRUE",
                    (false, false) => "IS FALSE",
                    (true, false) => "IS NOT FALSE",
                };
                let b = self.bind_condition(expr, scope, test)?;
                Ok((Bound::IsBool(Box::new(b), *value, *negated), DataType::Boolean))
            }
            Expr::IsDistinctFrom { left, right, negated } => {
                let (l, lt) = self.bind(left, scope)?;
                let (r, rt) = self.bind(right, scope)?;
                let (l, lt, r, rt) = coerce_pair(l, lt, r, rt, BinaryOp::Eq)?;
                ops::binary_result_type(BinaryOp::Eq, &lt, &rt)?;
                Ok((Bound::IsDistinct(Box::new(l), Box::new(r), *negated), DataType::Boolean))
            }
            Expr::InList { expr, list, negated } => {
                let (b, t) = self.bind(expr, scope)?;
                let mut items = Vec::new();
                let mut types = vec![t.clone()];
                for item in list {
                    let (ib, it) = self.bind(item, scope)?;
                    types.push(it.clone());
                    items.push((ib, it));
                }
                let common = ops::common_type("IN", &types)?;
                let (b, _) = coerce(b, t, &common, None)?;
                let items = items
                    .into_iter()
                    .map(|(ib, it)| coerce(ib, it, &common, None).map(|x| x.0))
                    .collect::<Result<Vec<_>>>()?;
                Ok((Bound::InList(Box::new(b), items, *negated), DataType::Boolean))
            }
            Expr::Between { expr, low, high, negated } => {
                let ge = Expr::Binary {
                    op: BinaryOp::GtEq,
                    left: expr.clone(),
                    right: low.clone(),
                    pos: None,
                };
                let le = Expr::Binary {
                    op: BinaryOp::LtEq,
                    left: expr.clone(),
                    right: high.clone(),
                    pos: None,
                };
                let both = Expr::Binary {
                    op: BinaryOp::And,
                    left: Box::new(ge),
                    right: Box::new(le),
                    pos: None,
                };
                let e = if *negated {
                    Expr::Unary { op: UnaryOp::Not, expr: Box::new(both), pos: None }
                } else {
                    both
                };
                self.bind(&e, scope)
            }
            Expr::Case { operand, whens, else_result } => {
                let before = self.srf_count();
                let out =
                    self.bind_case(operand.as_deref(), whens, else_result.as_deref(), scope)?;
                self.refuse_srfs_since(
                    before,
                    "set-returning functions are not allowed in CASE".to_string(),
                )?;
                Ok(out)
            }
            Expr::Cast { expr, to, pos } => {
                let (b, t) = self.bind(expr, scope)?;
                if let Bound::Literal(s, at) = &b {
                    let base = to.base();
                    let v = Value::parse(s, &base)
                        .and_then(|v| cast(v, &base, to, true))
                        .map_err(|e| e.at(*at))?;
                    // A domain's constraints are checked when the cast runs.
                    if let DataType::Domain(_) = to {
                        return Ok((
                            Bound::Cast(Box::new(Bound::Const(v)), base, to.clone()),
                            to.clone(),
                        ));
                    }
                    return Ok((Bound::Const(v), to.clone()));
                }
                if let (Bound::Const(v), DataType::Domain(_)) = (&b, to)
                    && (t == DataType::Unknown || v.is_null())
                {
                    let base = to.base();
                    let v = cast(v.clone(), &t, &base, true).map_err(|e| e.at(*pos))?;
                    return Ok((
                        Bound::Cast(Box::new(Bound::Const(v)), base, to.clone()),
                        to.clone(),
                    ));
                }
                if let Bound::Const(v) = &b
                    && (t == DataType::Unknown || v.is_null())
                {
                    let v = cast(v.clone(), &t, to, true).map_err(|e| e.at(*pos))?;
                    return Ok((Bound::Const(v), to.clone()));
                }
                Ok((Bound::Cast(Box::new(b), t, to.clone()), to.clone()))
            }
            Expr::Function { schema: Some(schema), name, args, pos, .. }
                if schema != "pg_catalog" =>
            {
                // fksim's functions all live in pg_catalog.
                let mut types = Vec::new();
                for a in args {
                    types.push(self.bind(a, scope)?.1);
                }
                let called = builtins::called_name(Some(schema), name);
                Err(builtins::no_matching_function(&called, &types, *pos))
            }
            Expr::Function { schema, name, args, star, distinct, pos } => {
                let call = Call {
                    schema: schema.as_deref(),
                    name,
                    star: *star,
                    distinct: *distinct,
                    pos: *pos,
                };
                self.bind_function(&call, args, scope)
            }
            Expr::Call(c) => crate::engine::window::bind_call(self, c, scope),
            Expr::Default => Err(Error::syntax_near("DEFAULT", None)),
            Expr::Param(n) => Err(Error::new("42P02", format!("there is no parameter ${n}"))),
            Expr::NamedArg { name, .. } => Err(Error::unsupported(format!(
                "the argument {name} => ... of a built-in function is not supported by fksim"
            ))),
            Expr::InSubquery { .. } | Expr::Exists { .. } | Expr::Subquery(_) | Expr::Outer(_) => {
                Err(Error::unsupported("subqueries are not supported by fksim"))
            }
            Expr::Correlated(c) => {
                let Some(n) = self.subplans.as_ref().map(Vec::len) else {
                    return Err(Error::unsupported(format!(
                        "correlated subqueries in {} are not supported by fksim",
                        if self.clause.is_empty() { "this place" } else { self.clause }
                    )));
                };
                let plan = crate::engine::subquery::SubPlan::bind(c, self, scope)?;
                let ty = plan.result_type();
                if let Some(plans) = self.subplans.as_mut() {
                    plans.push(plan);
                }
                Ok((Bound::SubPlan(scope.columns.len() + n), ty))
            }
        }
    }

    /// Binds an expression that must be boolean (WHERE, AND, OR ...) and a single value:
    /// PostgreSQL's `coerce_to_boolean`, `context` naming the place in its errors.
    pub fn bind_condition(&mut self, expr: &Expr, scope: &Scope, context: &str) -> Result<Bound> {
        let before = self.srf_count();
        let b = self.bind_boolean(expr, scope, context)?;
        if self.srf_count() > before {
            return Err(returns_set(context, expr));
        }
        Ok(b)
    }

    /// Binds an expression that must be boolean, sets allowed (a CASE operand's comparison).
    fn bind_boolean(&mut self, expr: &Expr, scope: &Scope, context: &str) -> Result<Bound> {
        let (b, t) = self.bind(expr, scope)?;
        match t {
            DataType::Boolean => Ok(b),
            DataType::Unknown => Ok(coerce(b, t, &DataType::Boolean, None)?.0),
            other => Err(Error::new(
                "42804",
                format!(
                    "argument of {context} must be type boolean, not type {}",
                    crate::engine::value::type_name(&other)
                ),
            )
            .at(leftmost_pos(expr))),
        }
    }

    fn bind_case(
        &mut self,
        operand: Option<&Expr>,
        whens: &[(Expr, Expr)],
        else_result: Option<&Expr>,
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        let mut conds = Vec::new();
        let mut results = Vec::new();
        for (cond, result) in whens {
            let c = match operand {
                Some(op) => {
                    let eq = Expr::Binary {
                        op: BinaryOp::Eq,
                        left: Box::new(op.clone()),
                        right: Box::new(cond.clone()),
                        pos: None,
                    };
                    self.bind_boolean(&eq, scope, "CASE/WHEN")?
                }
                None => self.bind_condition(cond, scope, "CASE/WHEN")?,
            };
            conds.push(c);
            results.push(self.bind(result, scope)?);
        }
        let else_bound = match else_result {
            Some(e) => Some(self.bind(e, scope)?),
            None => None,
        };
        // PostgreSQL resolves the ELSE result first, then the THEN results in order.
        let mut types: Vec<DataType> = else_bound.iter().map(|(_, t)| t.clone()).collect();
        let mut exprs: Vec<&Expr> = else_result.into_iter().collect();
        types.extend(results.iter().map(|r| r.1.clone()));
        exprs.extend(whens.iter().map(|(_, r)| r));
        let mut common = common_type_of("CASE", &types, &exprs)?;
        if common == DataType::Unknown {
            common = DataType::Text;
        }
        let mut arms = Vec::new();
        for (c, (r, rt)) in conds.into_iter().zip(results) {
            arms.push((c, coerce(r, rt, &common, None)?.0));
        }
        let else_b = match else_bound {
            Some((e, et)) => Some(Box::new(coerce(e, et, &common, None)?.0)),
            None => None,
        };
        Ok((Bound::Case(arms, else_b), common))
    }
}

fn bind_literal(lit: &Literal) -> Result<(Bound, DataType)> {
    Ok(match lit {
        Literal::Null => (Bound::Const(Value::Null), DataType::Unknown),
        Literal::Bool(b) => (Bound::Const(Value::Bool(*b)), DataType::Boolean),
        Literal::Number(n) => {
            let (v, t) = number_literal(n)?;
            (Bound::Const(v), t)
        }
        Literal::String(s, pos) => (Bound::Literal(s.clone(), *pos), DataType::Unknown),
        Literal::Typed(t, s) => (Bound::Const(Value::parse(s, t)?), t.clone()),
    })
}

/// Converts a bound expression of type `from` to type `to` implicitly (literals are converted
/// now, other expressions get a cast node).
pub fn coerce(b: Bound, from: DataType, to: &DataType, pos: Pos) -> Result<(Bound, DataType)> {
    if from == *to || *to == DataType::Unknown {
        return Ok((b, from));
    }
    match b {
        Bound::Const(v) => {
            Ok((Bound::Const(cast(v, &from, to, true).map_err(|e| e.at(pos))?), to.clone()))
        }
        // The literal takes the type without its modifier; length and precision are the
        // assignment's business, and PostgreSQL reports those without a position.
        Bound::Literal(s, at) => {
            let base = to.base();
            Ok((Bound::Const(Value::parse(&s, &base).map_err(|e| e.at(at))?), base))
        }
        other => Ok((Bound::Cast(Box::new(other), from, to.clone()), to.clone())),
    }
}

/// `ops::common_type` of expressions (`types` theirs), an error pointing at the first one whose
/// type does not match those before it, as `select_common_type` reports it.
pub(crate) fn common_type_of(
    context: &str,
    types: &[DataType],
    exprs: &[&Expr],
) -> Result<DataType> {
    ops::common_type(context, types).map_err(|e| {
        let culprit = (1..types.len()).find(|&i| ops::common_type(context, &types[..=i]).is_err());
        e.at(culprit.and_then(|i| leftmost_pos(exprs.get(i)?)))
    })
}

/// Where PostgreSQL points for an error about an expression, when fksim knows it.
pub fn expr_pos(e: &Expr) -> Pos {
    match e {
        Expr::Column { pos, .. }
        | Expr::Binary { pos, .. }
        | Expr::Cast { pos, .. }
        | Expr::Function { pos, .. }
        | Expr::Unary { pos, .. } => *pos,
        Expr::Literal(Literal::String(_, pos)) => *pos,
        Expr::Call(c) => c.pos,
        _ => None,
    }
}

/// Where PostgreSQL's `exprLocation` puts an expression: the leftmost of an operator and its
/// first operand, as the caret under `argument of AND must not return a set` shows.
pub(crate) fn leftmost_pos(e: &Expr) -> Pos {
    let min = |a: Pos, b: Pos| match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    match e {
        Expr::Binary { left, pos, .. } => min(*pos, leftmost_pos(left)),
        Expr::Cast { expr, pos, .. } => min(*pos, leftmost_pos(expr)),
        Expr::IsNull { expr, .. }
        | Expr::IsBool { expr, .. }
        | Expr::InList { expr, .. }
        | Expr::Between { expr, .. } => leftmost_pos(expr),
        Expr::IsDistinctFrom { left, .. } => leftmost_pos(left),
        other => expr_pos(other),
    }
}

/// 42804: a set-returning call where one value is needed (`generate_series(1, 3) > 1 AND x`).
fn returns_set(context: &str, expr: &Expr) -> Error {
    Error::new("42804", format!("argument of {context} must not return a set"))
        .at(leftmost_pos(expr))
}

/// Resolves untyped literals on one side of an operator to the other side's type.
fn coerce_pair(
    l: Bound,
    lt: DataType,
    r: Bound,
    rt: DataType,
    op: BinaryOp,
) -> Result<(Bound, DataType, Bound, DataType)> {
    let json_op = matches!(op, BinaryOp::JsonGet | BinaryOp::JsonGetText | BinaryOp::JsonHasKey);
    let like = matches!(
        op,
        BinaryOp::Like
            | BinaryOp::NotLike
            | BinaryOp::ILike
            | BinaryOp::NotILike
            | BinaryOp::Regex
            | BinaryOp::RegexI
            | BinaryOp::NotRegex
            | BinaryOp::NotRegexI
    );
    match (&lt, &rt) {
        (DataType::Unknown, DataType::Unknown) => {
            let (l, lt) = coerce(l, lt, &DataType::Text, None)?;
            let (r, rt) = coerce(r, rt, &DataType::Text, None)?;
            Ok((l, lt, r, rt))
        }
        // LIKE needs text: next to anything else the literal stays unknown, and no operator matches.
        (DataType::Unknown, other) | (other, DataType::Unknown) if like && !other.is_text() => {
            Ok((l, lt, r, rt))
        }
        (DataType::Unknown, other) if !json_op => {
            let target = if op == BinaryOp::Concat && *other != DataType::Jsonb {
                DataType::Text
            } else {
                other.clone()
            };
            let (l, lt) = coerce(l, lt, &target, None)?;
            Ok((l, lt, r, rt))
        }
        (other, DataType::Unknown) => {
            let target = if (op == BinaryOp::Concat && *other != DataType::Jsonb) || json_op {
                DataType::Text
            } else if op == BinaryOp::JsonContains {
                DataType::Jsonb
            } else {
                other.clone()
            };
            let (r, rt) = coerce(r, rt, &target, None)?;
            Ok((l, lt, r, rt))
        }
        _ => Ok((l, lt, r, rt)),
    }
}
