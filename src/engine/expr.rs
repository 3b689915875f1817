//! Expressions: binding names and types against a row scope, then evaluating over rows.

use crate::engine::cancel::Cancel;
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, compare};
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
}

/// Aggregate functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggKind {
    /// count(*)
    CountStar,
    /// count(x)
    Count,
    /// sum(x)
    Sum,
    /// min(x)
    Min,
    /// max(x)
    Max,
    /// avg(x)
    Avg,
}

/// An aggregate call found while binding a grouped query.
#[derive(Debug, Clone, PartialEq)]
pub struct AggCall {
    /// Which aggregate.
    pub kind: AggKind,
    /// Its argument (None for count(*)).
    pub arg: Option<Bound>,
    /// The argument's type.
    pub arg_type: DataType,
    /// DISTINCT given.
    pub distinct: bool,
}

/// Scalar functions fksim evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// coalesce(a, b, ...)
    Coalesce,
    /// nullif(a, b)
    NullIf,
    /// lower(text)
    Lower,
    /// upper(text)
    Upper,
    /// length(text)
    Length,
    /// abs(number)
    Abs,
    /// now() / current_timestamp
    Now,
    /// gen_random_uuid()
    GenRandomUuid,
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
}

/// What binding needs besides the scope.
#[derive(Debug, Default)]
pub struct Binder {
    /// Aggregates found, when aggregates are allowed here.
    pub aggregates: Option<Vec<AggCall>>,
}

/// What evaluation needs besides the row.
#[derive(Debug, Clone, Default)]
pub struct EvalContext {
    /// now(): the transaction's start, microseconds since 2000-01-01.
    pub now: i64,
    /// The statement's cancel flag, polled by row loops.
    pub cancel: Cancel,
}

impl Scope {
    /// Resolves a column reference, with PostgreSQL's errors for unknown or ambiguous names.
    pub fn resolve(
        &self,
        qualifier: Option<&str>,
        name: &str,
        pos: Pos,
    ) -> Result<(usize, DataType)> {
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
        match qualifier {
            Some(q) if !self.columns.iter().any(|c| c.qualifier.as_deref() == Some(q)) => {
                Err(Error::new("42P01", format!("missing FROM-clause entry for table \"{q}\""))
                    .at(pos))
            }
            Some(q) => Err(Error::undefined_column(&format!("{q}.{name}")).at(pos)),
            None => Err(Error::undefined_column(name).at(pos)),
        }
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
    /// Binds `expr` against `scope`, giving the bound tree and its type.
    pub fn bind(&mut self, expr: &Expr, scope: &Scope) -> Result<(Bound, DataType)> {
        match expr {
            Expr::Literal(lit) => bind_literal(lit),
            Expr::Column { table, name, pos } => {
                let (i, ty) = scope.resolve(table.as_deref(), name, *pos)?;
                Ok((Bound::Column(i), ty))
            }
            Expr::Unary { op, expr, pos } => {
                let (b, t) = self.bind(expr, scope)?;
                let (b, t) = if t == DataType::Unknown && *op == UnaryOp::Not {
                    coerce(b, t, &DataType::Boolean, None)?
                } else {
                    (b, t)
                };
                let rt = ops::unary_result_type(*op, &t).map_err(|e| e.at(*pos))?;
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
                let (l, lt, r, rt) = coerce_pair(l, lt, r, rt, *op)?;
                let ty = ops::binary_result_type(*op, &lt, &rt).map_err(|e| e.at(*pos))?;
                Ok((Bound::Binary(*op, Box::new(l), lt, Box::new(r), rt, ty.clone()), ty))
            }
            Expr::IsNull { expr, negated } => {
                let (b, _) = self.bind(expr, scope)?;
                Ok((Bound::IsNull(Box::new(b), *negated), DataType::Boolean))
            }
            Expr::IsBool { expr, value, negated } => {
                let b = self.bind_condition(expr, scope, "IS TRUE")?;
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
                self.bind_case(operand.as_deref(), whens, else_result.as_deref(), scope)
            }
            Expr::Cast { expr, to, pos } => {
                let (b, t) = self.bind(expr, scope)?;
                if let Bound::Literal(s, at) = &b {
                    let base = to.base();
                    let v = Value::parse(s, &base)
                        .and_then(|v| cast(v, &base, to, true))
                        .map_err(|e| e.at(*at))?;
                    return Ok((Bound::Const(v), to.clone()));
                }
                if let Bound::Const(v) = &b
                    && (t == DataType::Unknown || v.is_null())
                {
                    let v = cast(v.clone(), &t, to, true).map_err(|e| e.at(*pos))?;
                    return Ok((Bound::Const(v), to.clone()));
                }
                Ok((Bound::Cast(Box::new(b), t, to.clone()), to.clone()))
            }
            Expr::Function { name, args, star, distinct, pos } => {
                self.bind_function(name, args, *star, *distinct, *pos, scope)
            }
            Expr::Default => Err(Error::syntax_near("DEFAULT", None)),
            Expr::Param(n) => Err(Error::new("42P02", format!("there is no parameter ${n}"))),
            Expr::InSubquery { .. } | Expr::Exists { .. } | Expr::Subquery(_) => {
                Err(Error::unsupported("subqueries are not supported by fksim"))
            }
        }
    }

    /// Binds an expression that must be boolean (WHERE, AND, OR ...).
    pub fn bind_condition(&mut self, expr: &Expr, scope: &Scope, context: &str) -> Result<Bound> {
        let (b, t) = self.bind(expr, scope)?;
        match t {
            DataType::Boolean => Ok(b),
            DataType::Unknown => Ok(coerce(b, t, &DataType::Boolean, None)?.0),
            other => Err(Error::new(
                "42804",
                format!("argument of {context} must be type boolean, not type {}", other.pg_name()),
            )),
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
                    self.bind_condition(&eq, scope, "CASE")?
                }
                None => self.bind_condition(cond, scope, "CASE")?,
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
        let mut common = ops::common_type("CASE", &types).map_err(|e| {
            let culprit =
                (1..types.len()).find(|&i| ops::common_type("CASE", &types[..=i]).is_err());
            e.at(culprit.and_then(|i| expr_pos(exprs[i])))
        })?;
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

    fn bind_function(
        &mut self,
        name: &str,
        args: &[Expr],
        star: bool,
        distinct: bool,
        pos: Pos,
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        let agg = match name {
            "count" if star => Some(AggKind::CountStar),
            "count" => Some(AggKind::Count),
            "sum" => Some(AggKind::Sum),
            "min" => Some(AggKind::Min),
            "max" => Some(AggKind::Max),
            "avg" => Some(AggKind::Avg),
            _ => None,
        };
        if let Some(kind) = agg {
            return self.bind_aggregate(kind, args, distinct, pos, scope);
        }
        let mut bound = Vec::new();
        for a in args {
            bound.push(self.bind(a, scope)?);
        }
        let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
        let (func, ty) = match (name, types.as_slice()) {
            ("coalesce", [_, ..]) => (Func::Coalesce, ops::common_type("COALESCE", &types)?),
            ("nullif", [a, _]) => (Func::NullIf, a.clone()),
            ("lower", [t]) if t.is_text() => (Func::Lower, DataType::Text),
            ("upper", [t]) if t.is_text() => (Func::Upper, DataType::Text),
            ("length", [t]) if t.is_text() => (Func::Length, DataType::Integer),
            ("abs", [t]) if t.is_numeric() => (Func::Abs, t.clone()),
            ("now", []) | ("current_timestamp", []) => (Func::Now, DataType::Timestamptz),
            ("gen_random_uuid", []) => (Func::GenRandomUuid, DataType::Uuid),
            _ => {
                let sig =
                    types
                        .iter()
                        .map(|t| {
                            if *t == DataType::Unknown {
                                "unknown".to_string()
                            } else {
                                t.pg_name()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                return Err(Error::new("42883", format!("function {name}({sig}) does not exist"))
                    .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.")
                    .at(pos));
            }
        };
        let ty = if ty == DataType::Unknown { DataType::Text } else { ty };
        let args = match func {
            Func::Coalesce => bound
                .into_iter()
                .map(|(b, t)| coerce(b, t, &ty, None).map(|x| x.0))
                .collect::<Result<Vec<_>>>()?,
            // char(n) arguments lose their padding on the way to text, as length(bpchar) ignores it.
            _ => bound
                .into_iter()
                .map(|(b, t)| match t {
                    DataType::Unknown => coerce(b, t, &DataType::Text, None).map(|x| x.0),
                    DataType::Char(_) => Ok(Bound::Cast(Box::new(b), t, DataType::Text)),
                    _ => Ok(b),
                })
                .collect::<Result<Vec<_>>>()?,
        };
        Ok((Bound::Func(func, args, ty.clone()), ty))
    }

    fn bind_aggregate(
        &mut self,
        kind: AggKind,
        args: &[Expr],
        distinct: bool,
        pos: Pos,
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        if self.aggregates.is_none() {
            return Err(
                Error::new("42803", "aggregate functions are not allowed in this context").at(pos)
            );
        }
        let (arg, arg_type) = match (kind, args) {
            (AggKind::CountStar, _) => (None, DataType::BigInt),
            (_, [a]) => {
                // Aggregates inside aggregate arguments are not allowed: bind with a plain binder.
                let (b, t) = Binder::default().bind(a, scope)?;
                (Some(b), t)
            }
            _ => {
                return Err(Error::new(
                    "42883",
                    "aggregate called with the wrong number of arguments",
                )
                .at(pos));
            }
        };
        let ty = match kind {
            AggKind::CountStar | AggKind::Count => DataType::BigInt,
            AggKind::Sum => match &arg_type {
                DataType::SmallInt | DataType::Integer => DataType::BigInt,
                DataType::BigInt | DataType::Numeric(_) => DataType::Numeric(None),
                DataType::Real => DataType::Real,
                DataType::Double => DataType::Double,
                other => {
                    return Err(Error::new(
                        "42883",
                        format!("function sum({}) does not exist", other.pg_name()),
                    )
                    .at(pos));
                }
            },
            AggKind::Avg => match &arg_type {
                t if t.is_integer() || matches!(t, DataType::Numeric(_)) => DataType::Numeric(None),
                DataType::Real | DataType::Double => DataType::Double,
                other => {
                    return Err(Error::new(
                        "42883",
                        format!("function avg({}) does not exist", other.pg_name()),
                    )
                    .at(pos));
                }
            },
            AggKind::Min | AggKind::Max => arg_type.base(),
        };
        let list = self.aggregates.get_or_insert_with(Vec::new);
        list.push(AggCall { kind, arg, arg_type, distinct });
        Ok((Bound::Agg(list.len() - 1), ty))
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

/// Where PostgreSQL points for an error about an expression, when fksim knows it.
pub fn expr_pos(e: &Expr) -> Pos {
    match e {
        Expr::Column { pos, .. }
        | Expr::Binary { pos, .. }
        | Expr::Cast { pos, .. }
        | Expr::Function { pos, .. }
        | Expr::Unary { pos, .. } => *pos,
        Expr::Literal(Literal::String(_, pos)) => *pos,
        _ => None,
    }
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
    let like =
        matches!(op, BinaryOp::Like | BinaryOp::NotLike | BinaryOp::ILike | BinaryOp::NotILike);
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

/// The value of a column reference or constant, without evaluating (or copying) it.
fn leaf<'a>(b: &'a Bound, row: &'a [Value]) -> Option<&'a Value> {
    match b {
        Bound::Const(v) => Some(v),
        Bound::Column(i) => Some(row.get(*i).unwrap_or(&Value::Null)),
        _ => None,
    }
}

/// Evaluates a bound expression over one row (`aggs`: aggregate results for grouped rows).
pub fn eval(b: &Bound, row: &[Value], aggs: &[Value], ctx: &EvalContext) -> Result<Value> {
    Ok(match b {
        Bound::Const(v) => v.clone(),
        Bound::Literal(s, _) => Value::Text(s.clone()),
        Bound::Column(i) => row.get(*i).cloned().unwrap_or(Value::Null),
        Bound::Agg(i) => aggs.get(*i).cloned().unwrap_or(Value::Null),
        Bound::Unary(op, e, t) => ops::eval_unary(*op, &eval(e, row, aggs, ctx)?, t)?,
        Bound::Binary(op, l, lt, r, rt, ty) => {
            // Columns and constants are read in place, not copied.
            let (lv, rv);
            let left = match leaf(l, row) {
                Some(v) => v,
                None => {
                    lv = eval(l, row, aggs, ctx)?;
                    &lv
                }
            };
            let right = match leaf(r, row) {
                Some(v) => v,
                None => {
                    rv = eval(r, row, aggs, ctx)?;
                    &rv
                }
            };
            ops::eval_binary_as(*op, left, lt, right, rt, ty)?
        }
        Bound::And(l, r) => match truth(&eval(l, row, aggs, ctx)?) {
            Some(false) => Value::Bool(false),
            lv => match (lv, truth(&eval(r, row, aggs, ctx)?)) {
                (_, Some(false)) => Value::Bool(false),
                (Some(true), Some(true)) => Value::Bool(true),
                _ => Value::Null,
            },
        },
        Bound::Or(l, r) => match truth(&eval(l, row, aggs, ctx)?) {
            Some(true) => Value::Bool(true),
            lv => match (lv, truth(&eval(r, row, aggs, ctx)?)) {
                (_, Some(true)) => Value::Bool(true),
                (Some(false), Some(false)) => Value::Bool(false),
                _ => Value::Null,
            },
        },
        Bound::IsNull(e, negated) => Value::Bool(eval(e, row, aggs, ctx)?.is_null() != *negated),
        Bound::IsBool(e, value, negated) => {
            Value::Bool((truth(&eval(e, row, aggs, ctx)?) == Some(*value)) != *negated)
        }
        Bound::IsDistinct(l, r, negated) => {
            let (a, b) = (eval(l, row, aggs, ctx)?, eval(r, row, aggs, ctx)?);
            let distinct = match (a.is_null(), b.is_null()) {
                (true, true) => false,
                (false, false) => compare(&a, &b) != Some(std::cmp::Ordering::Equal),
                _ => true,
            };
            Value::Bool(distinct != *negated)
        }
        Bound::InList(e, list, negated) => {
            let v = eval(e, row, aggs, ctx)?;
            if v.is_null() {
                return Ok(Value::Null);
            }
            let mut saw_null = false;
            for item in list {
                let iv = eval(item, row, aggs, ctx)?;
                if iv.is_null() {
                    saw_null = true;
                } else if compare(&v, &iv) == Some(std::cmp::Ordering::Equal) {
                    return Ok(Value::Bool(!*negated));
                }
            }
            if saw_null { Value::Null } else { Value::Bool(*negated) }
        }
        Bound::Case(arms, else_b) => {
            for (c, r) in arms {
                if truth(&eval(c, row, aggs, ctx)?) == Some(true) {
                    return eval(r, row, aggs, ctx);
                }
            }
            match else_b {
                Some(e) => eval(e, row, aggs, ctx)?,
                None => Value::Null,
            }
        }
        Bound::Cast(e, from, to) => cast(eval(e, row, aggs, ctx)?, from, to, true)?,
        Bound::Func(f, args, ty) => eval_func(*f, args, ty, row, aggs, ctx)?,
    })
}

/// SQL truth of a boolean value (NULL → None).
pub fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

fn eval_func(
    f: Func,
    args: &[Bound],
    ty: &DataType,
    row: &[Value],
    aggs: &[Value],
    ctx: &EvalContext,
) -> Result<Value> {
    let arg = |i: usize| -> Result<Value> {
        args.get(i).map_or(Ok(Value::Null), |a| eval(a, row, aggs, ctx))
    };
    Ok(match f {
        Func::Coalesce => {
            for a in args {
                let v = eval(a, row, aggs, ctx)?;
                if !v.is_null() {
                    return Ok(v);
                }
            }
            Value::Null
        }
        Func::NullIf => {
            let (a, b) = (arg(0)?, arg(1)?);
            if !a.is_null() && !b.is_null() && compare(&a, &b) == Some(std::cmp::Ordering::Equal) {
                Value::Null
            } else {
                a
            }
        }
        Func::Lower | Func::Upper | Func::Length => match arg(0)? {
            Value::Text(s) => match f {
                Func::Lower => Value::Text(s.to_lowercase()),
                Func::Upper => Value::Text(s.to_uppercase()),
                _ => Value::Int(s.chars().count() as i64),
            },
            _ => Value::Null,
        },
        Func::Abs => {
            let v = arg(0)?;
            if v.is_null() {
                return Ok(Value::Null);
            }
            match compare(&v, &Value::Int(0)) {
                Some(std::cmp::Ordering::Less) => ops::eval_unary(UnaryOp::Minus, &v, ty)?,
                _ => v,
            }
        }
        Func::Now => Value::Timestamptz(ctx.now),
        Func::GenRandomUuid => Value::Uuid(random_uuid()),
    })
}

/// A version-4 UUID from a small xorshift generator seeded by the clock.
fn random_uuid() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut s = STATE.load(Ordering::Relaxed);
    if s == 0 {
        s = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0x9E37_79B9, |d| d.as_nanos() as u64)
            | 1;
    }
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let v = (u128::from(next()) << 64) | u128::from(next());
    STATE.store(s, Ordering::Relaxed);
    (v & !(0xF000u128 << 64) | (0x4000u128 << 64)) & !(0xC000u128 << 48) | (0x8000u128 << 48)
}
