//! Operators on values: result types of `+ - * / % || = < ...`, their evaluation and PostgreSQL's errors.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::json;
use crate::engine::types::DataType;
use crate::engine::value::{cast, check_int, compare, int_out_of_range, type_name, Value};
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
        B::Plus | B::Minus | B::Multiply | B::Divide if cl == Category::Number && cr == Category::Number => numeric_result(l, r),
        B::Modulo if cl == Category::Number && cr == Category::Number => match numeric_result(l, r) {
            DataType::Real | DataType::Double => return Err(err()),
            t => t,
        },
        B::Plus if *l == DataType::Date && is_int4(r) => DataType::Date,
        B::Plus if is_int4(l) && *r == DataType::Date => DataType::Date,
        B::Minus if *l == DataType::Date && is_int4(r) => DataType::Date,
        B::Minus if *l == DataType::Date && *r == DataType::Date => DataType::Integer,
        B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq if cl == cr && cl != Category::Json => DataType::Boolean,
        B::Concat if cl == Category::Jsonb && cr == Category::Jsonb => DataType::Jsonb,
        B::Concat if l.is_text() || r.is_text() => DataType::Text,
        B::Like | B::NotLike | B::ILike | B::NotILike if l.is_text() && r.is_text() => DataType::Boolean,
        B::JsonGet if matches!(cl, Category::Json | Category::Jsonb) && json_key => l.clone(),
        B::JsonGetText if matches!(cl, Category::Json | Category::Jsonb) && json_key => DataType::Text,
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
            return (((int.len() - 1) / 4) as i64, int.get(..lead).and_then(|g| g.parse().ok()).unwrap_or(0));
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
            let mut q = a.checked_div(b).ok_or_else(overflow)?.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
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
        BinaryOp::Divide | BinaryOp::Modulo if b == 0 => return Err(Error::new("22012", "division by zero")),
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
    let r = if real { apply(f64::from(a as f32), f64::from(b as f32)).map(|r| f64::from(r as f32)) } else { apply(a, b) };
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
            '\\' => Like::Char(chars.next().ok_or_else(|| Error::new("22025", "LIKE pattern must not end with escape character"))?),
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

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Where the (valid) JSON value starting at byte `i` ends.
fn value_end(b: &[u8], mut i: usize) -> usize {
    let (mut depth, mut in_str) = (0usize, false);
    while let Some(c) = b.get(i) {
        match (in_str, c) {
            (true, b'\\') => i += 1,
            (true, b'"') if depth == 0 => return i + 1,
            (true, b'"') | (false, b'"') => in_str = !in_str,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') if depth <= 1 => return if depth == 0 { i } else { i + 1 },
            (false, b'}' | b']') => depth -= 1,
            (false, b',' | b':' | b' ' | b'\t' | b'\n' | b'\r') if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// `json -> key` / `json -> index` on json (not jsonb) text: the member exactly as written,
/// the last one for a duplicated key, as PostgreSQL's json functions return it.
fn json_raw_get<'a>(text: &'a str, key: &Value) -> Option<&'a str> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    let open = *b.get(i)?;
    let mut members = Vec::new();
    i += 1;
    loop {
        i = skip_ws(b, i);
        let mut name = None;
        if open == b'{' {
            if b.get(i) != Some(&b'"') {
                break;
            }
            let end = value_end(b, i);
            name = match json::parse(text.get(i..end)?) {
                Ok(json::Json::String(n)) => Some(n),
                _ => None,
            };
            i = skip_ws(b, skip_ws(b, end) + 1);
        } else if open != b'[' || b.get(i) == Some(&b']') {
            break;
        }
        let end = value_end(b, i);
        members.push((name, text.get(i..end)?));
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            break;
        }
        i += 1;
    }
    match key {
        Value::Text(k) if open == b'{' => members.iter().rev().find(|(n, _)| n.as_deref() == Some(k.as_str())).map(|m| m.1),
        Value::Int(n) if open == b'[' => {
            let idx = if *n < 0 { members.len() as i64 + n } else { *n };
            members.get(usize::try_from(idx).ok()?).map(|m| m.1)
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
    let got = || if scalar && matches!(r, Value::Int(0 | -1)) { Some(doc.clone()) } else { json::get(&doc, &key) };
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

/// Evaluates `l op r` (NULL in → NULL out for every operator here), with PostgreSQL's runtime
/// errors: `integer out of range` (22003), `division by zero` (22012), ...
pub fn eval_binary(op: BinaryOp, l: &Value, lt: &DataType, r: &Value, rt: &DataType) -> Result<Value> {
    use BinaryOp as B;
    if l.is_null() || r.is_null() {
        return Ok(Value::Null);
    }
    let ty = binary_result_type(op, lt, rt)?;
    if matches!(op, B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq) {
        let ord = match unpad(l, lt, r, rt) {
            Some((a, b)) => compare(&a, &b),
            None => compare(l, r),
        };
        let ord = ord.ok_or_else(|| no_operator(op.symbol(), lt, rt))?;
        return Ok(Value::Bool(match op {
            B::Eq => ord == Ordering::Equal,
            B::NotEq => ord != Ordering::Equal,
            B::Lt => ord == Ordering::Less,
            B::LtEq => ord != Ordering::Greater,
            B::Gt => ord == Ordering::Greater,
            _ => ord != Ordering::Less,
        }));
    }
    match op {
        B::Plus | B::Minus | B::Multiply | B::Divide | B::Modulo => match (l, r, &ty) {
            (Value::Date(d), Value::Int(n), _) | (Value::Int(n), Value::Date(d), _) => {
                let days = if op == B::Minus { i64::from(*d) - n } else { i64::from(*d) + n };
                Ok(Value::Date(i32::try_from(days).map_err(|_| Error::new("22008", "date out of range"))?))
            }
            (Value::Date(a), Value::Date(b), _) => Ok(Value::Int(i64::from(*a) - i64::from(*b))),
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
            let m = like(&s, &p)?;
            Ok(Value::Bool(if matches!(op, B::NotLike | B::NotILike) { !m } else { m }))
        }
        B::JsonGet | B::JsonGetText | B::JsonContains | B::JsonHasKey => eval_json(op, l, lt, r, rt),
        B::And | B::Or => match (l, r) {
            (Value::Bool(a), Value::Bool(b)) => Ok(Value::Bool(if op == B::And { *a && *b } else { *a || *b })),
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
        (UnaryOp::Minus, Value::Int(i)) => check_int(i.checked_neg().ok_or_else(|| int_out_of_range(t))?, t)?,
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
        left.and_then(|l| types.iter().skip(1).filter(|t| **t != DataType::Unknown).find_map(|t| binary_result_type(BinaryOp::Eq, l, t).err()))
            .unwrap_or_else(|| no_operator("=", p, t))
    };
    let mut ptype = first;
    for &t in known.iter().skip(1) {
        let ((pc, prank), (nc, nrank)) = (pg_category(ptype), pg_category(t));
        if pc != nc {
            if context == "IN" {
                return Err(in_error(ptype, t));
            }
            return Err(Error::new("42804", format!("{context} types {} and {} cannot be matched", type_name(ptype), type_name(t))));
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
        return Err(Error::new("42846", format!("{what} could not convert type {} to {}", type_name(t), type_name(ptype))));
    }
    if context == "IN" && *ptype == DataType::Json {
        return Err(no_operator("=", ptype, ptype));
    }
    // The type modifier survives only when every item has the very same type.
    Ok(if types.iter().all(|t| t == ptype) { ptype.clone() } else { ptype.base() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::tests::{show, ty};

    fn binary_op(name: &str) -> BinaryOp {
        use BinaryOp as B;
        match name {
            "+" => B::Plus,
            "-" => B::Minus,
            "*" => B::Multiply,
            "/" => B::Divide,
            "%" => B::Modulo,
            "=" => B::Eq,
            "<>" => B::NotEq,
            "<" => B::Lt,
            "<=" => B::LtEq,
            ">" => B::Gt,
            ">=" => B::GtEq,
            "CONCAT" => B::Concat,
            "LIKE" => B::Like,
            "NOT LIKE" => B::NotLike,
            "ILIKE" => B::ILike,
            "NOT ILIKE" => B::NotILike,
            "->" => B::JsonGet,
            "->>" => B::JsonGetText,
            "@>" => B::JsonContains,
            _ => B::JsonHasKey,
        }
    }

    /// `'l'::lt op 'r'::rt`: value and `pg_typeof` as PostgreSQL 15 gives them.
    const BINARY: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        ("integer", "2147483647", "+", "integer", "1", "ERROR:  22003: integer out of range", ""),
        ("smallint", "32767", "+", "smallint", "1", "ERROR:  22003: smallint out of range", ""),
        ("smallint", "1", "+", "smallint", "2", "3", "smallint"), ("smallint", "1", "+", "integer", "2", "3", "integer"),
        ("integer", "1", "+", "bigint", "2", "3", "bigint"),
        ("bigint", "9223372036854775807", "*", "bigint", "2", "ERROR:  22003: bigint out of range", ""),
        ("integer", "7", "/", "integer", "2", "3", "integer"), ("integer", "-7", "/", "integer", "2", "-3", "integer"),
        ("integer", "-7", "%", "integer", "2", "-1", "integer"), ("integer", "7", "%", "integer", "-2", "1", "integer"),
        ("integer", "1", "/", "integer", "0", "ERROR:  22012: division by zero", ""),
        ("integer", "1", "%", "integer", "0", "ERROR:  22012: division by zero", ""),
        ("integer", "-2147483648", "/", "integer", "-1", "ERROR:  22003: integer out of range", ""),
        ("bigint", "-9223372036854775808", "%", "bigint", "-1", "0", "bigint"),
        ("numeric", "10", "/", "numeric", "3", "3.3333333333333333", "numeric"),
        ("numeric", "1.0", "/", "numeric", "3", "0.33333333333333333333", "numeric"),
        ("integer", "1", "/", "numeric", "3", "0.33333333333333333333", "numeric"),
        ("numeric", "12345678901234567890", "/", "numeric", "0.0001", "123456789012345678900000.0000", "numeric"),
        ("numeric", "0.001", "/", "numeric", "7", "0.00014285714285714286", "numeric"),
        ("numeric", "100000", "/", "numeric", "3.0", "33333.333333333333", "numeric"),
        ("numeric", "99999", "/", "numeric", "1", "99999.000000000000", "numeric"),
        ("numeric", "2", "/", "numeric", "3", "0.66666666666666666667", "numeric"),
        ("numeric", "1", "/", "numeric", "8", "0.12500000000000000000", "numeric"),
        ("numeric", "10000", "/", "numeric", "3", "3333.3333333333333333", "numeric"),
        ("numeric", "9999", "/", "numeric", "3", "3333.0000000000000000", "numeric"),
        ("numeric", "1", "/", "numeric", "10000", "0.000100000000000000000000", "numeric"),
        ("numeric", "123.456", "/", "numeric", "0.5", "246.9120000000000000", "numeric"),
        ("numeric", "7.5", "/", "numeric", "2.5", "3.0000000000000000", "numeric"),
        ("numeric", "-1", "/", "numeric", "3", "-0.33333333333333333333", "numeric"),
        ("numeric", "1", "/", "numeric", "0", "ERROR:  22012: division by zero", ""),
        ("numeric", "1", "%", "numeric", "0", "ERROR:  22012: division by zero", ""), ("numeric", "10.5", "%", "numeric", "3", "1.5", "numeric"),
        ("numeric", "10", "%", "numeric", "3.00", "1.00", "numeric"), ("numeric", "-10.5", "%", "numeric", "3", "-1.5", "numeric"),
        ("numeric", "1.5", "*", "numeric", "2.25", "3.375", "numeric"), ("numeric", "1.50", "*", "numeric", "2.0", "3.000", "numeric"),
        ("numeric", "1.5", "+", "numeric", "2.25", "3.75", "numeric"), ("numeric", "1.50", "-", "numeric", "1.5", "0.00", "numeric"),
        ("integer", "2", "*", "numeric", "1.50", "3.00", "numeric"), ("integer", "1", "+", "real", "1.5", "2.5", "double precision"),
        ("real", "1.5", "+", "real", "2.25", "3.75", "real"), ("real", "0.1", "+", "real", "0.2", "0.3", "real"),
        ("float8", "0.1", "+", "float8", "0.2", "0.30000000000000004", "double precision"),
        ("real", "3e38", "*", "real", "10", "ERROR:  22003: value out of range: overflow", ""),
        ("float8", "1e-300", "*", "float8", "1e-300", "ERROR:  22003: value out of range: underflow", ""),
        ("float8", "1e300", "*", "float8", "1e300", "ERROR:  22003: value out of range: overflow", ""),
        ("float8", "1", "/", "float8", "0", "ERROR:  22012: division by zero", ""),
        ("float8", "0", "/", "float8", "0", "ERROR:  22012: division by zero", ""),
        ("float8", "1.5", "%", "integer", "1", "ERROR:  42883: operator does not exist: double precision % integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("numeric", "1.5", "+", "float8", "1", "2.5", "double precision"),
        ("float8", "1", "/", "float8", "3", "0.3333333333333333", "double precision"),
        ("integer", "10", "/", "float8", "4", "2.5", "double precision"), ("integer", "1", "=", "numeric", "1.00", "t", "boolean"),
        ("integer", "1", "<", "float8", "1.5", "t", "boolean"), ("numeric", "1.5", ">=", "real", "1.5", "t", "boolean"),
        ("text", "abc", "<", "text", "abd", "t", "boolean"), ("text", "B", "<", "text", "a", "t", "boolean"),
        ("char(3)", "a", "=", "text", "a", "t", "boolean"), ("char(3)", "a", "=", "char(5)", "a", "t", "boolean"),
        ("varchar(5)", "a ", "=", "char(3)", "a", "t", "boolean"), ("text", "a ", "=", "char(3)", "a", "f", "boolean"),
        ("char(3)", "a", "<", "char(3)", "a", "f", "boolean"), ("boolean", "false", "<", "boolean", "true", "t", "boolean"),
        ("integer", "1", "=", "text", "1", "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("integer", "1", "=", "boolean", "true", "ERROR:  42883: operator does not exist: integer = boolean | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("json", "{}", "=", "json", "{}", "ERROR:  42883: operator does not exist: json = json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("jsonb", "{\"a\":1, \"b\":2}", "=", "jsonb", "{\"b\":2,\"a\":1}", "t", "boolean"),
        ("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "<", "uuid", "b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "t", "boolean"),
        ("date", "2024-01-05", "<", "timestamp", "2024-01-05 10:00:00", "t", "boolean"),
        ("date", "2024-01-05", "=", "timestamp", "2024-01-05", "t", "boolean"), ("date", "2024-01-05", "+", "integer", "30", "2024-02-04", "date"),
        ("integer", "30", "+", "date", "2024-01-05", "2024-02-04", "date"), ("date", "2024-03-01", "-", "date", "2024-02-01", "29", "integer"),
        ("date", "2024-03-01", "-", "integer", "1", "2024-02-29", "date"),
        ("date", "2024-03-01", "+", "bigint", "1", "ERROR:  42883: operator does not exist: date + bigint | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("date", "2024-03-01", "*", "integer", "1", "ERROR:  42883: operator does not exist: date * integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("text", "a", "CONCAT", "integer", "1", "a1", "text"), ("integer", "1", "CONCAT", "text", "a", "1a", "text"),
        ("varchar(3)", "ab", "CONCAT", "text", "c", "abc", "text"), ("char(3)", "a", "CONCAT", "text", "b", "ab", "text"),
        ("boolean", "true", "CONCAT", "text", "x", "truex", "text"), ("numeric", "1.50", "CONCAT", "text", "x", "1.50x", "text"),
        ("real", "1.5", "CONCAT", "text", "x", "1.5x", "text"),
        ("integer", "1", "CONCAT", "integer", "2", "ERROR:  42883: operator does not exist: integer || integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("json", "{}", "CONCAT", "json", "{}", "ERROR:  42883: operator does not exist: json || json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("jsonb", "{\"a\":1}", "CONCAT", "jsonb", "{\"b\":2, \"a\":3}", "{\"a\": 3, \"b\": 2}", "jsonb"),
        ("jsonb", "[1,2]", "CONCAT", "jsonb", "[3]", "[1, 2, 3]", "jsonb"), ("jsonb", "{\"a\":1}", "CONCAT", "text", "x", "{\"a\": 1}x", "text"),
        ("text", "abc", "LIKE", "text", "a%", "t", "boolean"), ("text", "abc", "LIKE", "text", "a_c", "t", "boolean"),
        ("text", "abc", "LIKE", "text", "_b", "f", "boolean"), ("text", "a%c", "LIKE", "text", "a\\%c", "t", "boolean"),
        ("text", "abc", "LIKE", "text", "a\\%c", "f", "boolean"),
        ("text", "ab", "LIKE", "text", "a\\", "ERROR:  22025: LIKE pattern must not end with escape character", ""),
        ("text", "ABC", "ILIKE", "text", "a%", "t", "boolean"), ("text", "ABC", "NOT LIKE", "text", "a%", "t", "boolean"),
        ("text", "ABC", "NOT ILIKE", "text", "a%", "f", "boolean"), ("char(3)", "a", "LIKE", "text", "a", "f", "boolean"),
        ("char(3)", "a", "LIKE", "text", "a__", "t", "boolean"),
        ("text", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "LIKE", "text", "%a%a%a%a%a%a%a%a%c", "f", "boolean"),
        ("text", "xaybzc", "LIKE", "text", "%a%b%c", "t", "boolean"), ("text", "", "LIKE", "text", "%", "t", "boolean"),
        ("integer", "1", "LIKE", "text", "1", "ERROR:  42883: operator does not exist: integer ~~ text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("json", "{\"a\": [1,  2], \"a\": 3}", "->", "text", "a", "3", "json"), ("json", "{\"a\": [1,  2]}", "->", "text", "a", "[1,  2]", "json"),
        ("json", "{\"a\": [1,  2]}", "->>", "text", "a", "[1,  2]", "text"), ("json", "{\"a\": \"x\\\"y\"}", "->>", "text", "a", "x\"y", "text"),
        ("json", "{\"a\": null}", "->>", "text", "a", "", "text"), ("json", "{\"a\": null}", "->", "text", "a", "null", "json"),
        ("json", "[1, \"x\", {\"b\" : 2}]", "->", "integer", "-1", "{\"b\" : 2}", "json"),
        ("json", "[1, \"x\", {\"b\" : 2}]", "->", "integer", "5", "", "json"), ("json", "[1, \"x\"]", "->>", "integer", "1", "x", "text"),
        ("json", "{\"a\":1}", "->", "integer", "0", "", "json"), ("json", "[1]", "->", "text", "a", "", "json"),
        ("jsonb", "{\"a\": {\"b\": [1, 2]}}", "->", "text", "a", "{\"b\": [1, 2]}", "jsonb"),
        ("jsonb", "{\"a\": {\"b\": [1, 2]}}", "->>", "text", "a", "{\"b\": [1, 2]}", "text"),
        ("jsonb", "{\"a\": \"x\"}", "->>", "text", "a", "x", "text"), ("jsonb", "[1,2]", "->", "integer", "-1", "2", "jsonb"),
        ("jsonb", "[1,2]", "->", "integer", "-3", "", "jsonb"),
        ("jsonb", "{\"a\":1}", "->", "bigint", "1", "ERROR:  42883: operator does not exist: jsonb -> bigint | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("jsonb", "{\"a\":1}", "->", "smallint", "1", "", "jsonb"),
        ("jsonb", "{\"a\":1, \"b\":[1,2,3]}", "@>", "jsonb", "{\"b\":[3]}", "t", "boolean"),
        ("jsonb", "{\"a\":1, \"b\":[1,2,3]}", "@>", "jsonb", "{\"a\":2}", "f", "boolean"), ("jsonb", "[1,2]", "@>", "jsonb", "1", "t", "boolean"),
        ("jsonb", "{\"a\":1}", "?", "text", "a", "t", "boolean"), ("jsonb", "[\"a\"]", "?", "text", "a", "t", "boolean"),
        ("jsonb", "\"a\"", "?", "text", "a", "t", "boolean"), ("jsonb", "{\"a\":1}", "?", "text", "b", "f", "boolean"),
        ("json", "{\"a\":1}", "?", "text", "a", "ERROR:  42883: operator does not exist: json ? text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.", ""),
        ("jsonb", "5", "->", "integer", "0", "5", "jsonb"), ("jsonb", "\"a\"", "->", "integer", "-1", "\"a\"", "jsonb"),
        ("jsonb", "5", "->>", "integer", "0", "5", "text"), ("jsonb", "5", "->", "integer", "1", "", "jsonb"),
        ("json", "5", "->", "integer", "0", "", "json"), ("jsonb", "{\"a\":1}", "->", "integer", "0", "", "jsonb"),
    ];

    #[test]
    fn binary_operators_match_postgres() {
        let mut bad = Vec::new();
        for (lt, lv, op, rt, rv, want, want_ty) in BINARY {
            let (lt, rt, op) = (ty(lt), ty(rt), binary_op(op));
            let lit = |v: &str, t: &DataType| cast(Value::Text(v.to_string()), &DataType::Unknown, t, true);
            let got = lit(lv, &lt).and_then(|l| lit(rv, &rt).map(|r| (l, r))).and_then(|(l, r)| {
                let t = binary_result_type(op, &lt, &rt)?;
                Ok((eval_binary(op, &l, &lt, &r, &rt)?.to_text(&t), t.pg_name()))
            });
            let (got, got_ty) = match got {
                Ok((v, t)) => (v, t),
                Err(e) => (show(Err(e)), String::new()),
            };
            if got != *want || got_ty != *want_ty {
                bad.push(format!("{lv}::{lt} {op:?} {rv}::{rt}: got {got:?} ({got_ty}), want {want:?} ({want_ty})"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn common_types_match_postgres() {
        // (context, types in PostgreSQL's order (CASE: ELSE first), pg_typeof or error)
        let cases: &[(&str, &[&str], &str)] = &[
            ("COALESCE", &["smallint", "integer"], "integer"),
            ("COALESCE", &["integer", "bigint"], "bigint"),
            ("COALESCE", &["integer", "numeric"], "numeric"),
            ("COALESCE", &["integer", "real"], "real"),
            ("COALESCE", &["numeric", "real"], "real"),
            ("COALESCE", &["real", "float8"], "double precision"),
            ("COALESCE", &["float8", "integer"], "double precision"),
            ("COALESCE", &["unknown", "integer"], "integer"),
            ("COALESCE", &["unknown", "unknown"], "unknown"),
            ("COALESCE", &["varchar", "text"], "character varying"),
            ("COALESCE", &["text", "varchar"], "text"),
            ("COALESCE", &["char(2)", "varchar"], "bpchar"),
            ("COALESCE", &["varchar(3)", "varchar(5)"], "character varying"),
            ("COALESCE", &["varchar(3)", "varchar(3)"], "character varying(3)"),
            ("COALESCE", &["varchar(3)", "unknown"], "character varying"),
            ("COALESCE", &["date", "timestamp"], "timestamp without time zone"),
            ("COALESCE", &["timestamptz", "timestamp"], "timestamp with time zone"),
            ("COALESCE", &["date", "timestamptz"], "timestamp with time zone"),
            ("COALESCE", &["integer", "text"], "ERROR:  42804: COALESCE types integer and text cannot be matched"),
            ("COALESCE", &["numeric", "real", "boolean"], "ERROR:  42804: COALESCE types real and boolean cannot be matched"),
            ("COALESCE", &["char(3)", "integer"], "ERROR:  42804: COALESCE types character and integer cannot be matched"),
            ("COALESCE", &["varchar(3)", "integer"], "ERROR:  42804: COALESCE types character varying and integer cannot be matched"),
            ("COALESCE", &["json", "jsonb"], "ERROR:  42846: COALESCE could not convert type jsonb to json"),
            ("COALESCE", &["uuid", "jsonb"], "ERROR:  42846: COALESCE could not convert type jsonb to uuid"),
            ("COALESCE", &["numeric(5,2)", "text"], "ERROR:  42804: COALESCE types numeric and text cannot be matched"),
            ("COALESCE", &["integer", "date"], "ERROR:  42804: COALESCE types integer and date cannot be matched"),
            ("CASE", &["text", "integer"], "ERROR:  42804: CASE types text and integer cannot be matched"),
            ("CASE", &["integer", "text", "numeric"], "ERROR:  42804: CASE types integer and text cannot be matched"),
            ("CASE", &["jsonb", "json"], "ERROR:  42846: CASE/WHEN could not convert type json to jsonb"),
            ("VALUES", &["integer", "text"], "ERROR:  42804: VALUES types integer and text cannot be matched"),
            ("VALUES", &["json", "jsonb"], "ERROR:  42846: VALUES could not convert type jsonb to json"),
            ("UNION", &["integer", "text"], "ERROR:  42804: UNION types integer and text cannot be matched"),
            ("IN", &["integer", "text"], "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts."),
            ("IN", &["integer", "numeric", "text", "boolean"], "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts."),
            ("IN", &["integer", "boolean", "text"], "ERROR:  42883: operator does not exist: integer = boolean | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts."),
            ("IN", &["json", "jsonb"], "ERROR:  42883: operator does not exist: json = jsonb | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts."),
            ("IN", &["json", "json"], "ERROR:  42883: operator does not exist: json = json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts."),
        ];
        for (context, types, want) in cases {
            let types: Vec<DataType> = types.iter().map(|t| if *t == "unknown" { DataType::Unknown } else { ty(t) }).collect();
            assert_eq!(show(common_type(context, &types).map(|t| t.pg_name())), *want, "{context} {types:?}");
        }
    }

    #[test]
    fn unary_operators_match_postgres() {
        let neg = |v: Value, t: &str| show(eval_unary(UnaryOp::Minus, &v, &ty(t)).map(|v| v.to_text(&ty(t))));
        assert_eq!(neg(Value::Int(-2147483648), "integer"), "ERROR:  22003: integer out of range");
        assert_eq!(neg(Value::Int(-32768), "smallint"), "ERROR:  22003: smallint out of range");
        assert_eq!(neg(Value::Int(-2147483648), "bigint"), "2147483648");
        assert_eq!(neg(Value::Numeric(Decimal::new(250, 2)), "numeric"), "-2.50");
        assert_eq!(neg(Value::Numeric(Decimal::new(0, 1)), "numeric"), "0.0");
        assert_eq!(neg(Value::Float(0.0), "float8"), "-0");
        assert_eq!(
            neg(Value::Text("a".into()), "varchar(5)"),
            "ERROR:  42883: operator does not exist: - character varying | HINT:  No operator matches the given name and argument type. You might need to add an explicit type cast."
        );
        assert_eq!(
            show(unary_result_type(UnaryOp::Minus, &DataType::Unknown).map(|t| t.pg_name())),
            "ERROR:  42725: operator is not unique: - unknown | HINT:  Could not choose a best candidate operator. You might need to add explicit type casts."
        );
        assert_eq!(
            show(unary_result_type(UnaryOp::Not, &ty("varchar(5)")).map(|t| t.pg_name())),
            "ERROR:  42804: argument of NOT must be type boolean, not type character varying"
        );
        assert_eq!(show(eval_unary(UnaryOp::Not, &Value::Bool(true), &DataType::Boolean).map(|v| v.to_text(&DataType::Boolean))), "f");
    }
}
