//! Operators on values: result types of `+ - * / % || = < ...`, their evaluation and PostgreSQL's errors.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::json;
use crate::engine::types::DataType;
use crate::engine::value::{cast, check_int, compare, int_out_of_range, Value};
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, UnaryOp};

/// The operator families a type belongs to (PostgreSQL's type categories, roughly).
#[derive(PartialEq, Eq, Clone, Copy)]
enum Category {
    Number,
    Text,
    Bool,
    Uuid,
    Json,
    Jsonb,
    DateTime,
}

fn category(t: &DataType) -> Category {
    match t {
        t if t.is_numeric() => Category::Number,
        DataType::Boolean => Category::Bool,
        DataType::Uuid => Category::Uuid,
        DataType::Json => Category::Json,
        DataType::Jsonb => Category::Jsonb,
        DataType::Date | DataType::Timestamp | DataType::Timestamptz => Category::DateTime,
        _ => Category::Text,
    }
}

/// 42883 `operator does not exist: integer + text`.
fn no_operator(op: &str, l: &DataType, r: &DataType) -> Error {
    Error::new("42883", format!("operator does not exist: {} {op} {}", l.pg_name(), r.pg_name()))
        .with_hint("No operator matches the given name and argument types. You might need to add explicit type casts.")
}

/// The wider of two numeric types, as PostgreSQL's arithmetic operators resolve.
fn numeric_result(l: &DataType, r: &DataType) -> DataType {
    use DataType as D;
    match (l, r) {
        (D::Real, D::Real) => D::Real,
        (D::Real | D::Double, _) | (_, D::Real | D::Double) => D::Double,
        (D::Numeric(_), _) | (_, D::Numeric(_)) => D::Numeric(None),
        (D::BigInt, _) | (_, D::BigInt) => D::BigInt,
        (D::Integer, _) | (_, D::Integer) => D::Integer,
        _ => D::SmallInt,
    }
}

/// The result type of `l op r`, or PostgreSQL's 42883 error
/// `operator does not exist: integer + text` with its HINT
/// ("No operator matches the given name and argument types. You might need to add explicit type casts.").
/// Not called for AND/OR (the caller handles three-valued logic). `Unknown` operands (string
/// literals) have been coerced to the other side's type by the caller; both Unknown means text.
pub fn binary_result_type(op: BinaryOp, l: &DataType, r: &DataType) -> Result<DataType> {
    use BinaryOp as B;
    let (cl, cr) = (category(l), category(r));
    let err = || no_operator(op.symbol(), l, r);
    Ok(match op {
        B::Plus | B::Minus | B::Multiply | B::Divide if cl == Category::Number && cr == Category::Number => numeric_result(l, r),
        B::Modulo if cl == Category::Number && cr == Category::Number => match numeric_result(l, r) {
            DataType::Real | DataType::Double => return Err(err()),
            t => t,
        },
        B::Plus if *l == DataType::Date && r.is_integer() => DataType::Date,
        B::Plus if l.is_integer() && *r == DataType::Date => DataType::Date,
        B::Minus if *l == DataType::Date && r.is_integer() => DataType::Date,
        B::Minus if *l == DataType::Date && *r == DataType::Date => DataType::Integer,
        B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq if cl == cr && cl != Category::Json => DataType::Boolean,
        B::Concat if cl == Category::Jsonb && cr == Category::Jsonb => DataType::Jsonb,
        B::Concat if l.is_text() || r.is_text() => DataType::Text,
        B::Like | B::NotLike | B::ILike | B::NotILike if l.is_text() && r.is_text() => DataType::Boolean,
        B::JsonGet if matches!(cl, Category::Json | Category::Jsonb) && (r.is_text() || r.is_integer()) => l.clone(),
        B::JsonGetText if matches!(cl, Category::Json | Category::Jsonb) && (r.is_text() || r.is_integer()) => DataType::Text,
        B::JsonContains if cl == Category::Jsonb && cr == Category::Jsonb => DataType::Boolean,
        B::JsonHasKey if cl == Category::Jsonb && r.is_text() => DataType::Boolean,
        B::And | B::Or if *l == DataType::Boolean && *r == DataType::Boolean => DataType::Boolean,
        _ => return Err(err()),
    })
}

/// PostgreSQL's `select_div_scale`: at least 16 significant digits, never fewer decimals than
/// either input shows.
fn div_scale(a: &Decimal, b: &Decimal) -> u32 {
    // The weight (in base-10000 digits) and leading base-10000 digit of a value.
    fn weight_and_first(d: &Decimal) -> (i64, i64) {
        let s = d.abs().to_string();
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let int = int.trim_start_matches('0');
        if !int.is_empty() {
            let lead = (int.len() - 1) % 4 + 1;
            return (((int.len() - 1) / 4) as i64, int[..lead].parse().unwrap_or(0));
        }
        match frac.find(|c| c != '0') {
            None => (0, 0),
            Some(k) => {
                let g = k / 4;
                let mut group: String = frac.chars().skip(g * 4).take(4).collect();
                while group.len() < 4 {
                    group.push('0');
                }
                (-(g as i64) - 1, group.parse().unwrap_or(0))
            }
        }
    }
    let (w1, f1) = weight_and_first(a);
    let (w2, f2) = weight_and_first(b);
    let mut qweight = w1 - w2;
    if f1 <= f2 {
        qweight -= 1;
    }
    let rscale = (16 - qweight * 4).max(i64::from(a.scale())).max(i64::from(b.scale())).max(0);
    rscale.min(28) as u32
}

/// Numeric arithmetic with PostgreSQL's result scales.
fn numeric_op(op: BinaryOp, a: Decimal, b: Decimal) -> Result<Decimal> {
    let overflow = || Error::new("22003", "value overflows numeric format");
    let zero = || Error::new("22012", "division by zero");
    Ok(match op {
        BinaryOp::Plus => a.checked_add(b).ok_or_else(overflow)?,
        BinaryOp::Minus => a.checked_sub(b).ok_or_else(overflow)?,
        BinaryOp::Multiply => a.checked_mul(b).ok_or_else(overflow)?,
        BinaryOp::Divide => {
            if b.is_zero() {
                return Err(zero());
            }
            let scale = div_scale(&a, &b);
            let mut q = a.checked_div(b).ok_or_else(overflow)?.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
            q.rescale(scale);
            q
        }
        BinaryOp::Modulo => {
            if b.is_zero() {
                return Err(zero());
            }
            a.checked_rem(b).ok_or_else(overflow)?
        }
        _ => return Err(Error::internal("not an arithmetic operator")),
    })
}

/// Integer arithmetic, range-checked against the result type.
fn int_op(op: BinaryOp, a: i64, b: i64, ty: &DataType) -> Result<Value> {
    let r = match op {
        BinaryOp::Plus => a.checked_add(b),
        BinaryOp::Minus => a.checked_sub(b),
        BinaryOp::Multiply => a.checked_mul(b),
        BinaryOp::Divide | BinaryOp::Modulo if b == 0 => return Err(Error::new("22012", "division by zero")),
        BinaryOp::Divide => a.checked_div(b),
        BinaryOp::Modulo => Some(a.checked_rem(b).unwrap_or(0)),
        _ => return Err(Error::internal("not an arithmetic operator")),
    };
    check_int(r.ok_or_else(|| int_out_of_range(ty))?, ty)
}

/// Float arithmetic with PostgreSQL's overflow and division errors.
fn float_op(op: BinaryOp, a: f64, b: f64, ty: &DataType) -> Result<Value> {
    let r = match op {
        BinaryOp::Plus => a + b,
        BinaryOp::Minus => a - b,
        BinaryOp::Multiply => a * b,
        BinaryOp::Divide if b == 0.0 => return Err(Error::new("22012", "division by zero")),
        BinaryOp::Divide => a / b,
        _ => return Err(Error::internal("not an arithmetic operator")),
    };
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(Error::new("22003", "value out of range: overflow"));
    }
    Ok(Value::Float(if *ty == DataType::Real { f64::from(r as f32) } else { r }))
}

/// SQL LIKE with `%`, `_` and backslash escapes.
fn like(s: &[char], p: &[char]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some('%') => (0..=s.len()).any(|i| like(&s[i..], &p[1..])),
        Some('_') => !s.is_empty() && like(&s[1..], &p[1..]),
        Some('\\') if p.len() > 1 => s.first() == Some(&p[1]) && like(&s[1..], &p[2..]),
        Some(c) => s.first() == Some(c) && like(&s[1..], &p[1..]),
    }
}

/// Evaluates `l op r` (NULL in → NULL out for every operator here), with PostgreSQL's runtime
/// errors: `integer out of range` (22003), `division by zero` (22012), ...
pub fn eval_binary(op: BinaryOp, l: &Value, lt: &DataType, r: &Value, rt: &DataType) -> Result<Value> {
    use BinaryOp as B;
    if l.is_null() || r.is_null() {
        return Ok(Value::Null);
    }
    let ty = binary_result_type(op, lt, rt)?;
    let cmp = |want: fn(Ordering) -> bool| -> Result<Value> {
        let ord = compare(l, r).ok_or_else(|| no_operator(op.symbol(), lt, rt))?;
        Ok(Value::Bool(want(ord)))
    };
    match op {
        B::Eq => cmp(|o| o == Ordering::Equal),
        B::NotEq => cmp(|o| o != Ordering::Equal),
        B::Lt => cmp(|o| o == Ordering::Less),
        B::LtEq => cmp(|o| o != Ordering::Greater),
        B::Gt => cmp(|o| o == Ordering::Greater),
        B::GtEq => cmp(|o| o != Ordering::Less),
        B::Plus | B::Minus | B::Multiply | B::Divide | B::Modulo => match (l, r, &ty) {
            (Value::Date(d), Value::Int(n), _) | (Value::Int(n), Value::Date(d), _) if op != B::Minus || matches!(l, Value::Date(_)) => {
                let days = if op == B::Minus { i64::from(*d) - n } else { i64::from(*d) + n };
                Ok(Value::Date(i32::try_from(days).map_err(|_| Error::new("22008", "date out of range"))?))
            }
            (Value::Date(a), Value::Date(b), _) => Ok(Value::Int(i64::from(*a) - i64::from(*b))),
            (Value::Int(a), Value::Int(b), t) if t.is_integer() => int_op(op, *a, *b, t),
            (_, _, DataType::Numeric(_)) => {
                let (a, b) = (l.as_decimal(), r.as_decimal());
                Ok(Value::Numeric(numeric_op(op, a.unwrap_or_default(), b.unwrap_or_default())?))
            }
            (_, _, t) => float_op(op, l.as_f64().unwrap_or(0.0), r.as_f64().unwrap_or(0.0), t),
        },
        B::Concat if ty == DataType::Jsonb => {
            let (Value::Jsonb(a), Value::Jsonb(b)) = (l, r) else { return Err(Error::internal("jsonb operands")) };
            Ok(Value::Jsonb(json::to_text(&json::concat(json::parse(a)?, json::parse(b)?))))
        }
        B::Concat => {
            let text = |v: &Value, t: &DataType| cast(v.clone(), t, &DataType::Text, true).map(|v| v.to_text(&DataType::Text));
            Ok(Value::Text(text(l, lt)? + &text(r, rt)?))
        }
        B::Like | B::NotLike | B::ILike | B::NotILike => {
            let (s, p) = (l.to_text(lt), r.to_text(rt));
            let (s, p) = if matches!(op, B::ILike | B::NotILike) { (s.to_lowercase(), p.to_lowercase()) } else { (s, p) };
            let m = like(&s.chars().collect::<Vec<_>>(), &p.chars().collect::<Vec<_>>());
            Ok(Value::Bool(if matches!(op, B::NotLike | B::NotILike) { !m } else { m }))
        }
        B::JsonGet | B::JsonGetText | B::JsonContains | B::JsonHasKey => {
            let doc = json::parse(&l.to_text(lt))?;
            let key = match r {
                Value::Int(i) => json::Json::Number(i.to_string()),
                other => json::Json::String(other.to_text(rt)),
            };
            Ok(match op {
                B::JsonGet => match json::get(&doc, &key) {
                    Some(v) if ty == DataType::Jsonb => Value::Jsonb(json::to_text(&v)),
                    Some(v) => Value::Json(json::to_text(&v)),
                    None => Value::Null,
                },
                B::JsonGetText => json::get(&doc, &key).and_then(|v| json::as_text(&v)).map_or(Value::Null, Value::Text),
                B::JsonContains => Value::Bool(json::contains(&doc, &json::parse(&r.to_text(rt))?)),
                _ => Value::Bool(json::has_key(&doc, &r.to_text(rt))),
            })
        }
        B::And | B::Or => match (l, r) {
            (Value::Bool(a), Value::Bool(b)) => Ok(Value::Bool(if op == B::And { *a && *b } else { *a || *b })),
            _ => Err(Error::internal("AND/OR on non-booleans")),
        },
    }
}

/// The result type of a unary operator (`NOT` needs boolean, `-`/`+` a number).
pub fn unary_result_type(op: UnaryOp, t: &DataType) -> Result<DataType> {
    match op {
        UnaryOp::Not if matches!(t, DataType::Boolean | DataType::Unknown) => Ok(DataType::Boolean),
        UnaryOp::Not => Err(Error::new("42804", format!("argument of NOT must be type boolean, not type {}", t.pg_name()))),
        UnaryOp::Minus | UnaryOp::Plus if t.is_numeric() => Ok(t.clone()),
        UnaryOp::Minus | UnaryOp::Plus => Err(Error::new(
            "42883",
            format!("operator does not exist: {} {}", if op == UnaryOp::Minus { "-" } else { "+" }, t.pg_name()),
        )
        .with_hint("No operator matches the given name and argument type. You might need to add an explicit type cast.")),
    }
}

/// Evaluates a unary operator.
pub fn eval_unary(op: UnaryOp, v: &Value, t: &DataType) -> Result<Value> {
    unary_result_type(op, t)?;
    Ok(match (op, v) {
        (_, Value::Null) => Value::Null,
        (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
        (UnaryOp::Plus, v) => v.clone(),
        (UnaryOp::Minus, Value::Int(i)) => check_int(i.checked_neg().ok_or_else(|| int_out_of_range(t))?, t)?,
        (UnaryOp::Minus, Value::Numeric(d)) => Value::Numeric(-*d),
        (UnaryOp::Minus, Value::Float(f)) => Value::Float(-f),
        _ => return Err(Error::internal("unary operator on a value of another type")),
    })
}

/// The common type two branches or list items resolve to (CASE, COALESCE, IN, UNION-like
/// contexts), as PostgreSQL's `select_common_type`: integers widen, integer+numeric → numeric,
/// unknown takes the other side, text-like mix → text; otherwise 42804
/// `CASE types integer and text cannot be matched` (`context` is "CASE", "COALESCE", ...).
pub fn common_type(context: &str, types: &[DataType]) -> Result<DataType> {
    let mut known = types.iter().filter(|t| **t != DataType::Unknown);
    let Some(first) = known.next() else { return Ok(DataType::Unknown) };
    let mut result = first.clone();
    for t in known {
        if category(t) != category(&result) {
            return Err(Error::new("42804", format!("{context} types {} and {} cannot be matched", result.pg_name(), t.pg_name())));
        }
        result = match (&result, t) {
            (a, b) if a == b => a.clone(),
            (a, b) if a.is_numeric() => numeric_result(a, b),
            (DataType::Varchar(_), DataType::Varchar(_)) => DataType::Varchar(None),
            (a, _) if a.is_text() => DataType::Text,
            (DataType::Timestamptz, _) | (_, DataType::Timestamptz) => DataType::Timestamptz,
            (DataType::Date, b) | (b, DataType::Date) => b.clone(),
            (a, _) => a.clone(),
        };
    }
    Ok(result)
}
