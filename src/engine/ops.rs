//! Operators on values: result types of `+ - * / % || = < ...`, their evaluation and PostgreSQL's errors.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::json;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, check_int, compare, int_out_of_range, type_name};
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
    Enum,
    Bytea,
    TsVector,
    Array,
    Interval,
}

fn category(t: &DataType) -> Category {
    match t {
        t if t.is_numeric() => Category::Number,
        DataType::Boolean => Category::Bool,
        DataType::Uuid => Category::Uuid,
        DataType::Oid | DataType::Regclass => Category::Number,
        DataType::Enum(_) => Category::Enum,
        DataType::Json => Category::Json,
        DataType::Jsonb => Category::Jsonb,
        DataType::Date | DataType::Timestamp | DataType::Timestamptz => Category::DateTime,
        DataType::Bytea => Category::Bytea,
        DataType::Interval => Category::Interval,
        DataType::TsVector => Category::TsVector,
        DataType::Array(_) => Category::Array,
        DataType::Domain(d) => category(&d.base),
        _ => Category::Text,
    }
}

/// 42883 `operator does not exist: integer + text`.
fn no_operator(op: &str, l: &DataType, r: &DataType) -> Error {
    Error::new("42883", format!("operator does not exist: {} {op} {}", type_name(l), type_name(r)))
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

/// An int4 argument (smallint widens to it; bigint does not narrow).
fn is_int4(t: &DataType) -> bool {
    matches!(t, DataType::SmallInt | DataType::Integer)
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
    let json_key = r.is_text() || is_int4(r);
    Ok(match op {
        B::Plus | B::Minus | B::Multiply | B::Divide
            if cl == Category::Number && cr == Category::Number =>
        {
            numeric_result(l, r)
        }
        B::Modulo if cl == Category::Number && cr == Category::Number => match numeric_result(l, r)
        {
            DataType::Real | DataType::Double => return Err(err()),
            t => t,
        },
        // Date and time arithmetic with intervals: a date moves as its midnight does.
        B::Plus | B::Minus
            if matches!(l, DataType::Timestamp | DataType::Date) && *r == DataType::Interval =>
        {
            DataType::Timestamp
        }
        B::Plus | B::Minus if *l == DataType::Timestamptz && *r == DataType::Interval => {
            DataType::Timestamptz
        }
        B::Plus
            if *l == DataType::Interval && matches!(r, DataType::Timestamp | DataType::Date) =>
        {
            DataType::Timestamp
        }
        B::Plus if *l == DataType::Interval && *r == DataType::Timestamptz => DataType::Timestamptz,
        B::Plus | B::Minus if *l == DataType::Interval && *r == DataType::Interval => {
            DataType::Interval
        }
        // interval * float8, float8 * interval, interval / float8: numbers convert.
        B::Multiply
            if (*l == DataType::Interval && cr == Category::Number)
                || (cl == Category::Number && *r == DataType::Interval) =>
        {
            DataType::Interval
        }
        B::Divide if *l == DataType::Interval && cr == Category::Number => DataType::Interval,
        B::Minus
            if matches!(
                (l, r),
                (DataType::Timestamp, DataType::Timestamp)
                    | (DataType::Timestamptz, DataType::Timestamptz)
            ) =>
        {
            DataType::Interval
        }
        B::Plus if *l == DataType::Date && is_int4(r) => DataType::Date,
        B::Plus if is_int4(l) && *r == DataType::Date => DataType::Date,
        B::Minus if *l == DataType::Date && is_int4(r) => DataType::Date,
        B::Minus if *l == DataType::Date && *r == DataType::Date => DataType::Integer,
        B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq
            if cl == cr && cl != Category::Json =>
        {
            DataType::Boolean
        }
        B::Concat if cl == Category::Jsonb && cr == Category::Jsonb => DataType::Jsonb,
        B::Concat if l.is_text() || r.is_text() => DataType::Text,
        B::Like
        | B::NotLike
        | B::ILike
        | B::NotILike
        | B::Regex
        | B::RegexI
        | B::NotRegex
        | B::NotRegexI
            if l.is_text() && r.is_text() =>
        {
            DataType::Boolean
        }
        B::JsonGet if matches!(cl, Category::Json | Category::Jsonb) && json_key => l.clone(),
        B::JsonGetText if matches!(cl, Category::Json | Category::Jsonb) && json_key => {
            DataType::Text
        }
        B::JsonContains if cl == Category::Jsonb && cr == Category::Jsonb => DataType::Boolean,
        B::JsonHasKey if cl == Category::Jsonb && r.is_text() => DataType::Boolean,
        B::And | B::Or if *l == DataType::Boolean && *r == DataType::Boolean => DataType::Boolean,
        _ => return Err(err()),
    })
}

/// PostgreSQL's `select_div_scale`: at least 16 significant digits, never fewer decimals than
/// either input shows (capped at the 28 decimals a 96-bit decimal holds).
fn div_scale(a: &Decimal, b: &Decimal) -> u32 {
    // The weight (in base-10000 digits) and leading base-10000 digit of a value.
    fn weight_and_first(d: &Decimal) -> (i64, i64) {
        let s = d.abs().to_string();
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let int = int.trim_start_matches('0');
        if !int.is_empty() {
            let lead = (int.len() - 1) % 4 + 1;
            return (
                ((int.len() - 1) / 4) as i64,
                int.get(..lead).and_then(|g| g.parse().ok()).unwrap_or(0),
            );
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

/// Numeric arithmetic with PostgreSQL's result scales (+ - %: the larger scale, *: the sum,
/// /: `select_div_scale`).
fn numeric_op(op: BinaryOp, a: Decimal, b: Decimal) -> Result<Decimal> {
    let overflow = || Error::new("22003", "value overflows numeric format");
    let zero = || Error::new("22012", "division by zero");
    let mut r = match op {
        BinaryOp::Plus => a.checked_add(b).ok_or_else(overflow)?,
        BinaryOp::Minus => a.checked_sub(b).ok_or_else(overflow)?,
        BinaryOp::Multiply => a.checked_mul(b).ok_or_else(overflow)?,
        BinaryOp::Divide | BinaryOp::Modulo if b.is_zero() => return Err(zero()),
        BinaryOp::Divide => {
            let scale = div_scale(&a, &b);
            let mut q = a
                .checked_div(b)
                .ok_or_else(overflow)?
                .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
            q.rescale(scale);
            q
        }
        BinaryOp::Modulo => a.checked_rem(b).ok_or_else(overflow)?,
        _ => return Err(Error::internal("not an arithmetic operator")),
    };
    let want = match op {
        BinaryOp::Multiply => a.scale() + b.scale(),
        BinaryOp::Divide => r.scale(),
        _ => a.scale().max(b.scale()),
    };
    if r.scale() < want.min(28) {
        r.rescale(want.min(28));
    }
    Ok(r)
}

/// Integer arithmetic, range-checked against the result type.
fn int_op(op: BinaryOp, a: i64, b: i64, ty: &DataType) -> Result<Value> {
    let r = match op {
        BinaryOp::Plus => a.checked_add(b),
        BinaryOp::Minus => a.checked_sub(b),
        BinaryOp::Multiply => a.checked_mul(b),
        BinaryOp::Divide | BinaryOp::Modulo if b == 0 => {
            return Err(Error::new("22012", "division by zero"));
        }
        BinaryOp::Divide => a.checked_div(b),
        BinaryOp::Modulo => Some(a.checked_rem(b).unwrap_or(0)),
        _ => return Err(Error::internal("not an arithmetic operator")),
    };
    check_int(r.ok_or_else(|| int_out_of_range(ty))?, ty)
}

/// Float arithmetic (in single precision for real) with PostgreSQL's overflow, underflow and
/// division errors (`float8_mul`, `float8_div`...).
fn float_op(op: BinaryOp, a: f64, b: f64, ty: &DataType) -> Result<Value> {
    let real = *ty == DataType::Real;
    let apply = |x: f64, y: f64| -> Option<f64> {
        Some(match op {
            BinaryOp::Plus => x + y,
            BinaryOp::Minus => x - y,
            BinaryOp::Multiply => x * y,
            BinaryOp::Divide => x / y,
            _ => return None,
        })
    };
    let r = if real {
        apply(f64::from(a as f32), f64::from(b as f32)).map(|r| f64::from(r as f32))
    } else {
        apply(a, b)
    };
    let r = r.ok_or_else(|| Error::internal("not an arithmetic operator"))?;
    if op == BinaryOp::Divide && b == 0.0 && !a.is_nan() {
        return Err(Error::new("22012", "division by zero"));
    }
    if r.is_infinite() && a.is_finite() && (b.is_finite() || op == BinaryOp::Divide) {
        return Err(Error::new("22003", "value out of range: overflow"));
    }
    let underflow = match op {
        BinaryOp::Multiply => a != 0.0 && b != 0.0,
        BinaryOp::Divide => a != 0.0 && !b.is_infinite(),
        _ => false,
    };
    if r == 0.0 && underflow {
        return Err(Error::new("22003", "value out of range: underflow"));
    }
    Ok(Value::Float(r))
}

/// One element of a LIKE pattern.
#[derive(PartialEq)]
enum Like {
    Any,
    One,
    Char(char),
}

/// SQL LIKE with `%`, `_` and backslash escapes; a pattern ending in the escape is
/// `LIKE pattern must not end with escape character` (22025).
fn like(s: &str, pattern: &str) -> Result<bool> {
    let mut pat = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        pat.push(match c {
            '%' => Like::Any,
            '_' => Like::One,
            '\\' => Like::Char(chars.next().ok_or_else(|| {
                Error::new("22025", "LIKE pattern must not end with escape character")
            })?),
            c => Like::Char(c),
        });
    }
    let s: Vec<char> = s.chars().collect();
    // Greedy matching that backtracks only to the last `%`.
    let (mut si, mut pi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while let Some(c) = s.get(si) {
        match pat.get(pi) {
            Some(Like::Any) => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(Like::One) => (si, pi) = (si + 1, pi + 1),
            Some(Like::Char(p)) if p == c => (si, pi) = (si + 1, pi + 1),
            _ => match star {
                Some((sp, ss)) => {
                    star = Some((sp, ss + 1));
                    (si, pi) = (ss + 1, sp + 1);
                }
                None => return Ok(false),
            },
        }
    }
    Ok(pat.iter().skip(pi).all(|p| *p == Like::Any))
}

/// `json -> key` / `json -> index` on json (not jsonb) text: the member exactly as written,
/// the last one for a duplicated key, as PostgreSQL's json functions return it.
fn json_raw_get<'a>(text: &'a str, key: &Value) -> Option<&'a str> {
    let raw = json::raw_members(text)?;
    match key {
        Value::Text(k) if raw.object => {
            raw.members.iter().rev().find(|(n, _)| n.as_deref() == Some(k.as_str())).map(|m| m.1)
        }
        Value::Int(n) if !raw.object => {
            let idx = if *n < 0 { raw.members.len() as i64 + n } else { *n };
            raw.members.get(usize::try_from(idx).ok()?).map(|m| m.1)
        }
        _ => None,
    }
}

/// The JSON operators `->`, `->>`, `@>` and `?`.
fn eval_json(op: BinaryOp, l: &Value, lt: &DataType, r: &Value, rt: &DataType) -> Result<Value> {
    use BinaryOp as B;
    let text = l.to_text(lt);
    if *lt == DataType::Json && matches!(op, B::JsonGet | B::JsonGetText) {
        let Some(raw) = json_raw_get(&text, r) else { return Ok(Value::Null) };
        return Ok(match (op, json::parse(raw)?) {
            (B::JsonGet, _) => Value::Json(raw.to_string()),
            (_, json::Json::Null) => Value::Null,
            (_, json::Json::String(s)) => Value::Text(s),
            _ => Value::Text(raw.to_string()),
        });
    }
    let doc = json::parse(&text)?;
    let key = match r {
        Value::Int(i) => json::Json::Number(i.to_string()),
        other => json::Json::String(other.to_text(rt)),
    };
    // A jsonb scalar is stored as a one-element array: `'5'::jsonb -> 0` is 5.
    let scalar = !matches!(doc, json::Json::Array(_) | json::Json::Object(_));
    let got = || {
        if scalar && matches!(r, Value::Int(0 | -1)) {
            Some(doc.clone())
        } else {
            json::get(&doc, &key)
        }
    };
    Ok(match op {
        B::JsonGet => got().map_or(Value::Null, |v| Value::Jsonb(json::to_text(&v))),
        B::JsonGetText => got().and_then(|v| json::as_text(&v)).map_or(Value::Null, Value::Text),
        B::JsonContains => Value::Bool(json::contains(&doc, &json::parse(&r.to_text(rt))?)),
        _ => Value::Bool(json::has_key(&doc, &r.to_text(rt))),
    })
}

/// character(n) compares without its padding: both sides lose trailing spaces against
/// character, character varying or unknown (`bpchareq`); against text only the character side
/// does (it is cast to text).
fn unpad(l: &Value, lt: &DataType, r: &Value, rt: &DataType) -> Option<(Value, Value)> {
    let (lc, rc) = (matches!(lt, DataType::Char(_)), matches!(rt, DataType::Char(_)));
    if !lc && !rc {
        return None;
    }
    let trim = |v: &Value, yes: bool| match v {
        Value::Text(s) if yes => Value::Text(s.trim_end_matches(' ').to_string()),
        other => other.clone(),
    };
    let both = *lt != DataType::Text && *rt != DataType::Text;
    Some((trim(l, lc || both), trim(r, rc || both)))
}

/// Whether comparison `op` holds for operands that compare as `ord`.
fn ordered_as(op: BinaryOp, ord: Ordering) -> bool {
    match op {
        BinaryOp::Eq => ord == Ordering::Equal,
        BinaryOp::NotEq => ord != Ordering::Equal,
        BinaryOp::Lt => ord == Ordering::Less,
        BinaryOp::LtEq => ord != Ordering::Greater,
        BinaryOp::Gt => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

/// Evaluates `l op r` (NULL in → NULL out for every operator here), with PostgreSQL's runtime
/// errors: `integer out of range` (22003), `division by zero` (22012), ...
pub fn eval_binary(
    op: BinaryOp,
    l: &Value,
    lt: &DataType,
    r: &Value,
    rt: &DataType,
) -> Result<Value> {
    if l.is_null() || r.is_null() {
        return Ok(Value::Null);
    }
    eval_binary_as(op, l, lt, r, rt, &binary_result_type(op, lt, rt)?)
}

/// `eval_binary` with the result type already resolved (when the expression was bound).
pub fn eval_binary_as(
    op: BinaryOp,
    l: &Value,
    lt: &DataType,
    r: &Value,
    rt: &DataType,
    ty: &DataType,
) -> Result<Value> {
    use BinaryOp as B;
    if l.is_null() || r.is_null() {
        return Ok(Value::Null);
    }
    // Integer arithmetic, the commonest case, straight away.
    if let (Value::Int(a), Value::Int(b), B::Plus | B::Minus | B::Multiply | B::Divide | B::Modulo) =
        (l, r, op)
        && ty.is_integer()
    {
        return int_op(op, *a, *b, ty);
    }
    let comparison = matches!(op, B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq);
    if comparison && let (Value::Int(a), Value::Int(b)) = (l, r) {
        return Ok(Value::Bool(ordered_as(op, a.cmp(b))));
    }
    let ty = ty.clone();
    if comparison {
        let ord = match unpad(l, lt, r, rt) {
            Some((a, b)) => compare(&a, &b),
            None => compare(l, r),
        };
        let ord = ord.ok_or_else(|| no_operator(op.symbol(), lt, rt))?;
        return Ok(Value::Bool(ordered_as(op, ord)));
    }
    match op {
        B::Plus | B::Minus | B::Multiply | B::Divide | B::Modulo => match (l, r, &ty) {
            (Value::Date(d), Value::Int(n), _) | (Value::Int(n), Value::Date(d), _) => {
                let days = if op == B::Minus { i64::from(*d) - n } else { i64::from(*d) + n };
                Ok(Value::Date(
                    i32::try_from(days).map_err(|_| Error::new("22008", "date out of range"))?,
                ))
            }
            (Value::Date(a), Value::Date(b), _) => Ok(Value::Int(i64::from(*a) - i64::from(*b))),
            (Value::Interval(iv), n, _) | (n, Value::Interval(iv), _)
                if matches!(op, B::Multiply | B::Divide) =>
            {
                let factor = n.as_f64().ok_or_else(|| Error::internal("interval factor"))?;
                let scaled = if op == B::Multiply {
                    crate::engine::interval::multiply(*iv, factor)?
                } else {
                    crate::engine::interval::divide(*iv, factor)?
                };
                Ok(Value::Interval(scaled))
            }
            (_, Value::Interval(_), _)
            | (Value::Interval(_), _, _)
            | (_, _, DataType::Interval) => {
                crate::engine::interval::eval(op == B::Minus, l, r, &ty)
            }
            (Value::Int(a), Value::Int(b), t) if t.is_integer() => int_op(op, *a, *b, t),
            (_, _, DataType::Numeric(_)) => match (l.as_decimal(), r.as_decimal()) {
                (Some(a), Some(b)) => Ok(Value::Numeric(numeric_op(op, a, b)?)),
                _ => Err(Error::internal("numeric operands")),
            },
            (_, _, t) => match (l.as_f64(), r.as_f64()) {
                (Some(a), Some(b)) => float_op(op, a, b, t),
                _ => Err(Error::internal("float operands")),
            },
        },
        B::Concat if ty == DataType::Jsonb => {
            let (Value::Jsonb(a), Value::Jsonb(b)) = (l, r) else {
                return Err(Error::internal("jsonb operands"));
            };
            Ok(Value::Jsonb(json::to_text(&json::concat(json::parse(a)?, json::parse(b)?))))
        }
        B::Concat => {
            let text = |v: &Value, t: &DataType| {
                cast(v.clone(), t, &DataType::Text, true).map(|v| v.to_text(&DataType::Text))
            };
            Ok(Value::Text(text(l, lt)? + &text(r, rt)?))
        }
        B::Like | B::NotLike | B::ILike | B::NotILike => {
            let (s, p) = (l.to_text(lt), r.to_text(rt));
            let (s, p) = if matches!(op, B::ILike | B::NotILike) {
                (s.to_lowercase(), p.to_lowercase())
            } else {
                (s, p)
            };
            let m = like(&s, &p)?;
            Ok(Value::Bool(if matches!(op, B::NotLike | B::NotILike) { !m } else { m }))
        }
        B::Regex | B::RegexI | B::NotRegex | B::NotRegexI => {
            let scalar = crate::engine::scalars::Scalar::RegexMatch {
                case_insensitive: matches!(op, B::RegexI | B::NotRegexI),
                negated: matches!(op, B::NotRegex | B::NotRegexI),
            };
            let args = vec![Value::Text(l.to_text(lt)), Value::Text(r.to_text(rt))];
            crate::engine::scalars::eval(scalar, args, &DataType::Boolean)
        }
        B::JsonGet | B::JsonGetText | B::JsonContains | B::JsonHasKey => {
            eval_json(op, l, lt, r, rt)
        }
        B::And | B::Or => match (l, r) {
            (Value::Bool(a), Value::Bool(b)) => {
                Ok(Value::Bool(if op == B::And { *a && *b } else { *a || *b }))
            }
            _ => Err(Error::internal("AND/OR on non-booleans")),
        },
        _ => Err(Error::internal("comparison handled above")),
    }
}

/// The result type of a unary operator (`NOT` needs boolean, `-`/`+` a number).
pub fn unary_result_type(op: UnaryOp, t: &DataType) -> Result<DataType> {
    let symbol = if op == UnaryOp::Minus { "-" } else { "+" };
    match op {
        UnaryOp::Not if matches!(t, DataType::Boolean | DataType::Unknown) => Ok(DataType::Boolean),
        UnaryOp::Not => Err(Error::new("42804", format!("argument of NOT must be type boolean, not type {}", type_name(t)))),
        UnaryOp::Minus | UnaryOp::Plus if t.is_numeric() => Ok(t.base()),
        UnaryOp::Minus | UnaryOp::Plus if *t == DataType::Unknown => Err(Error::new("42725", format!("operator is not unique: {symbol} unknown"))
            .with_hint("Could not choose a best candidate operator. You might need to add explicit type casts.")),
        UnaryOp::Minus | UnaryOp::Plus => Err(Error::new("42883", format!("operator does not exist: {symbol} {}", type_name(t)))
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
        (UnaryOp::Minus, Value::Int(i)) => {
            check_int(i.checked_neg().ok_or_else(|| int_out_of_range(t))?, t)?
        }
        (UnaryOp::Minus, Value::Numeric(d)) => Value::Numeric(-*d),
        (UnaryOp::Minus, Value::Float(f)) => Value::Float(-f),
        _ => return Err(Error::internal("unary operator on a value of another type")),
    })
}

/// PostgreSQL's type category letter (`typcategory`) and the rank implicit casts climb within
/// it (int2 → int4 → int8 → numeric → float4 → float8; date → timestamp → timestamptz).
/// Within S (strings) and U (uuid, json, jsonb) nothing climbs.
fn pg_category(t: &DataType) -> (char, u8) {
    use DataType as D;
    match t {
        D::SmallInt => ('N', 1),
        D::Integer => ('N', 2),
        D::BigInt => ('N', 3),
        D::Numeric(_) => ('N', 4),
        D::Real => ('N', 5),
        D::Double => ('N', 6),
        D::Boolean => ('B', 0),
        D::Date => ('D', 1),
        D::Timestamp => ('D', 2),
        D::Timestamptz => ('D', 3),
        D::Uuid | D::Json | D::Jsonb => ('U', 0),
        _ => ('S', 0),
    }
}

/// The common type two branches or list items resolve to (CASE, COALESCE, IN, UNION-like
/// contexts), as PostgreSQL's `select_common_type`: integers widen, integer+numeric → numeric,
/// unknown takes the other side, text-like mix → text; otherwise 42804
/// `CASE types integer and text cannot be matched` (`context` is "CASE", "COALESCE", ...).
pub fn common_type(context: &str, types: &[DataType]) -> Result<DataType> {
    let known: Vec<&DataType> = types.iter().filter(|t| **t != DataType::Unknown).collect();
    let Some(&first) = known.first() else { return Ok(DataType::Unknown) };
    // IN without a common type falls back to one `=` per item: the first item without one is
    // reported.
    let in_error = |p: &DataType, t: &DataType| {
        let left = types.first().filter(|l| **l != DataType::Unknown);
        left.and_then(|l| {
            types
                .iter()
                .skip(1)
                .filter(|t| **t != DataType::Unknown)
                .find_map(|t| binary_result_type(BinaryOp::Eq, l, t).err())
        })
        .unwrap_or_else(|| no_operator("=", p, t))
    };
    let mut ptype = first;
    for &t in known.iter().skip(1) {
        let ((pc, prank), (nc, nrank)) = (pg_category(ptype), pg_category(t));
        if pc != nc {
            if context == "IN" {
                return Err(in_error(ptype, t));
            }
            return Err(Error::new(
                "42804",
                format!(
                    "{context} types {} and {} cannot be matched",
                    type_name(ptype),
                    type_name(t)
                ),
            ));
        }
        if nrank > prank {
            ptype = t;
        }
    }
    // uuid, json and jsonb share a category but none converts to another implicitly.
    if let Some(&t) = known.iter().find(|t| pg_category(t).0 == 'U' && t.base() != ptype.base()) {
        if context == "IN" {
            return Err(in_error(ptype, t));
        }
        let what = if context == "CASE" { "CASE/WHEN" } else { context };
        return Err(Error::new(
            "42846",
            format!("{what} could not convert type {} to {}", type_name(t), type_name(ptype)),
        ));
    }
    if context == "IN" && *ptype == DataType::Json {
        return Err(no_operator("=", ptype, ptype));
    }
    // The type modifier survives only when every item has the very same type.
    Ok(if types.iter().all(|t| t == ptype) { ptype.clone() } else { ptype.base() })
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
