//! Evaluating bound expressions over one row.

use crate::engine::calls::Func;
use crate::engine::expr::{Bound, EvalContext};
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, compare};
use crate::error::Result;
use crate::sql::ast::UnaryOp;

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
        Bound::Column(i) | Bound::SubPlan(i) => row.get(*i).cloned().unwrap_or(Value::Null),
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
        Bound::Cast(e, from, to) => {
            let v = cast(eval(e, row, aggs, ctx)?, from, to, true)?;
            // A cast to a domain checks its constraints (`'x'::my_domain`).
            if let DataType::Domain(d) = to {
                crate::engine::domains::check_value(d, &v, ctx)?;
            }
            v
        }
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

/// Whether `cond` (none: always) is true for `row`, as WHERE and JOIN ... ON keep rows.
pub fn holds(cond: Option<&Bound>, row: &[Value], ctx: &EvalContext) -> Result<bool> {
    match cond {
        Some(c) => Ok(truth(&eval(c, row, &[], ctx)?) == Some(true)),
        None => Ok(true),
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
        Func::Catalog(c) => {
            let values =
                args.iter().map(|a| eval(a, row, aggs, ctx)).collect::<Result<Vec<_>>>()?;
            crate::engine::catfuncs::eval(c, &values)
        }
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
        Func::Scalar(crate::engine::scalars::Scalar::CurrentUser)
            if !ctx.current_user.is_empty() =>
        {
            Value::Text(ctx.current_user.clone())
        }
        Func::Scalar(s) => {
            let values =
                args.iter().map(|a| eval(a, row, aggs, ctx)).collect::<Result<Vec<_>>>()?;
            crate::engine::scalars::eval(s, values, ty)?
        }
        Func::Now => Value::Timestamptz(ctx.now),
        Func::GenRandomUuid => Value::Uuid(random_uuid()),
        Func::NextVal | Func::CurrVal | Func::SetVal => {
            let written = match arg(0)? {
                Value::Text(s) => s,
                _ => return Ok(Value::Null),
            };
            let mut seqs = ctx.sequences.borrow_mut();
            let name = seqs.resolve_text(&written, &ctx.search_path)?;
            Value::Int(match f {
                Func::NextVal => seqs.nextval(&name)?,
                Func::CurrVal => seqs.currval(&name)?,
                _ => {
                    let n = match arg(1)? {
                        Value::Int(n) => n,
                        _ => return Ok(Value::Null),
                    };
                    let called = !matches!(arg(2), Ok(Value::Bool(false)));
                    seqs.setval(&name, n, called)?
                }
            })
        }
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
