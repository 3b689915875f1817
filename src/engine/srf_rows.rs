//! The rows one set-returning call makes, produced as they are needed: a series is never held
//! whole, so `INSERT ... SELECT generate_series(1, 10000000)` streams.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::json::{self, Json};
use crate::engine::srf::{IntKind, SrfFunc};
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// The rows of one call, in order.
#[derive(Debug, Clone)]
pub enum SrfRows {
    /// An integer series: the next value (None once past `stop` or the type's range).
    Int { next: Option<i64>, stop: i64, step: i64, kind: IntKind },
    /// A numeric series.
    Numeric { next: Option<Decimal>, stop: Decimal, step: Decimal },
    /// Values already computed (the elements or keys of one JSON document).
    Values(std::vec::IntoIter<Value>),
}

/// 22023, as PostgreSQL's JSON and series functions report a wrong argument.
fn invalid(message: impl Into<String>) -> Error {
    Error::new("22023", message)
}

/// Starts a call on its evaluated arguments. Any NULL argument makes no rows (the functions are
/// strict); a zero step, or JSON of the wrong shape, is PostgreSQL's error.
pub fn start(func: SrfFunc, args: &[Value]) -> Result<SrfRows> {
    if args.iter().any(Value::is_null) {
        return Ok(SrfRows::Values(Vec::new().into_iter()));
    }
    match func {
        SrfFunc::IntSeries(kind) => {
            let int = |i: usize| match args.get(i) {
                Some(Value::Int(v)) => Ok(*v),
                None => Ok(1),
                Some(_) => Err(Error::internal("generate_series over a non-integer")),
            };
            let (start, stop, step) = (int(0)?, int(1)?, int(2)?);
            if step == 0 {
                return Err(invalid("step size cannot equal zero"));
            }
            Ok(SrfRows::Int { next: Some(start), stop, step, kind })
        }
        SrfFunc::NumericSeries => {
            let num = |i: usize| match args.get(i) {
                Some(v) => v
                    .as_decimal()
                    .ok_or_else(|| Error::internal("generate_series over a non-numeric value")),
                None => Ok(Decimal::ONE),
            };
            let (start, stop, step) = (num(0)?, num(1)?, num(2)?);
            if step.is_zero() {
                return Err(invalid("step size cannot equal zero"));
            }
            Ok(SrfRows::Numeric { next: Some(start), stop, step })
        }
        SrfFunc::Unnest => {
            let elements = crate::engine::arrays::parse_elements(&text_of(args))?;
            let values = elements.into_iter().map(|e| e.map_or(Value::Null, Value::Text));
            Ok(SrfRows::Values(values.collect::<Vec<_>>().into_iter()))
        }
        SrfFunc::GenerateSubscripts => {
            let n = crate::engine::arrays::parse_elements(&text_of(args))?.len() as i64;
            let stop = if args.get(1) == Some(&Value::Int(1)) { n } else { 0 };
            Ok(SrfRows::Int { next: Some(1), stop, step: 1, kind: IntKind::Int4 })
        }
        _ => {
            json_rows(func, args.first().map(|v| v.to_text(&crate::engine::types::DataType::Text)))
                .map(|v| SrfRows::Values(v.into_iter()))
        }
    }
}

/// The first argument's text (an array's).
fn text_of(args: &[Value]) -> String {
    args.first().map(|v| v.to_text(&crate::engine::types::DataType::Text)).unwrap_or_default()
}

/// The elements or keys of a JSON document.
fn json_rows(func: SrfFunc, text: Option<String>) -> Result<Vec<Value>> {
    let text = text.unwrap_or_default();
    match func {
        SrfFunc::JsonbArrayElements | SrfFunc::JsonbArrayElementsText => {
            match json::parse(&text)? {
                Json::Array(items) => Ok(items
                    .iter()
                    .map(|item| match func {
                        SrfFunc::JsonbArrayElements => Value::Jsonb(json::to_text(item)),
                        _ => json::as_text(item).map_or(Value::Null, Value::Text),
                    })
                    .collect()),
                Json::Object(_) => Err(invalid("cannot extract elements from an object")),
                _ => Err(invalid("cannot extract elements from a scalar")),
            }
        }
        SrfFunc::JsonbObjectKeys => match json::parse(&text)? {
            Json::Object(pairs) => Ok(pairs.into_iter().map(|(k, _)| Value::Text(k)).collect()),
            Json::Array(_) => Err(invalid("cannot call jsonb_object_keys on an array")),
            _ => Err(invalid("cannot call jsonb_object_keys on a scalar")),
        },
        SrfFunc::JsonArrayElements | SrfFunc::JsonArrayElementsText => {
            let name = if func == SrfFunc::JsonArrayElements {
                "json_array_elements"
            } else {
                "json_array_elements_text"
            };
            let Some(raw) = json::raw_members(&text) else {
                return Err(invalid(format!("cannot call {name} on a scalar")));
            };
            if raw.object {
                return Err(invalid(format!("cannot call {name} on a non-array")));
            }
            raw.members
                .into_iter()
                .map(|(_, item)| {
                    if func == SrfFunc::JsonArrayElements {
                        return Ok(Value::Json(item.to_string()));
                    }
                    Ok(match json::parse(item)? {
                        Json::Null => Value::Null,
                        Json::String(s) => Value::Text(s),
                        _ => Value::Text(item.to_string()),
                    })
                })
                .collect()
        }
        SrfFunc::JsonObjectKeys => match json::raw_members(&text) {
            Some(raw) if raw.object => {
                Ok(raw.members.into_iter().filter_map(|(k, _)| k.map(Value::Text)).collect())
            }
            Some(_) => Err(invalid("cannot call json_object_keys on an array")),
            None => Err(invalid("cannot call json_object_keys on a scalar")),
        },
        SrfFunc::IntSeries(_)
        | SrfFunc::NumericSeries
        | SrfFunc::Unnest
        | SrfFunc::GenerateSubscripts => Err(Error::internal("a series is not a JSON function")),
    }
}

impl SrfRows {
    /// How many rows are still to come.
    pub fn remaining(&self) -> u128 {
        match self {
            SrfRows::Int { next: Some(next), stop, step, .. } => {
                let (next, stop, step) = (i128::from(*next), i128::from(*stop), i128::from(*step));
                if (step > 0 && next <= stop) || (step < 0 && next >= stop) {
                    ((stop - next) / step + 1).unsigned_abs()
                } else {
                    0
                }
            }
            SrfRows::Numeric { next: Some(next), stop, step } => {
                if (step.is_sign_positive() && next <= stop)
                    || (step.is_sign_negative() && next >= stop)
                {
                    (*stop - *next)
                        .checked_div(*step)
                        .and_then(|n| n.floor().to_u128())
                        .map_or(u128::MAX, |n| n.saturating_add(1))
                } else {
                    0
                }
            }
            SrfRows::Int { next: None, .. } | SrfRows::Numeric { next: None, .. } => 0,
            SrfRows::Values(v) => v.len() as u128,
        }
    }
}

impl Iterator for SrfRows {
    type Item = Value;

    fn next(&mut self) -> Option<Value> {
        match self {
            SrfRows::Int { next, stop, step, kind } => {
                let cur = (*next)?;
                if (*step > 0 && cur > *stop) || (*step < 0 && cur < *stop) {
                    *next = None;
                    return None;
                }
                // The next value past the type's range ends the series, as PostgreSQL stops
                // rather than overflow.
                *next = cur.checked_add(*step).filter(|v| match kind {
                    IntKind::Int4 => i32::try_from(*v).is_ok(),
                    IntKind::Int8 => true,
                });
                Some(Value::Int(cur))
            }
            SrfRows::Numeric { next, stop, step } => {
                let cur = (*next)?;
                if (step.is_sign_positive() && cur > *stop)
                    || (step.is_sign_negative() && cur < *stop)
                {
                    *next = None;
                    return None;
                }
                *next = cur.checked_add(*step);
                Some(Value::Numeric(cur))
            }
            SrfRows::Values(v) => v.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(args: &[i64], kind: IntKind) -> SrfRows {
        let args: Vec<Value> = args.iter().map(|&i| Value::Int(i)).collect();
        start(SrfFunc::IntSeries(kind), &args).expect("a series")
    }

    #[test]
    fn a_series_is_made_as_it_is_read() {
        let mut rows = ints(&[1, i64::MAX], IntKind::Int8);
        assert_eq!(rows.remaining(), i64::MAX as u128);
        assert_eq!(rows.by_ref().take(3).collect::<Vec<_>>().len(), 3);
        assert_eq!(rows.remaining(), i64::MAX as u128 - 3);
    }

    #[test]
    fn a_series_stops_short_of_its_type_overflowing() {
        let last = |args: &[i64], kind| ints(args, kind).last();
        assert_eq!(last(&[2147483640, 2147483647, 5], IntKind::Int4), Some(Value::Int(2147483645)));
        assert_eq!(last(&[i64::MAX - 1, i64::MAX, 1], IntKind::Int8), Some(Value::Int(i64::MAX)));
        assert_eq!(ints(&[-5, -1, -1], IntKind::Int4).count(), 0);
        assert_eq!(ints(&[10, 1, -3], IntKind::Int4).remaining(), 4);
    }

    #[test]
    fn null_arguments_make_no_rows_and_a_zero_step_is_refused() {
        let rows = start(SrfFunc::IntSeries(IntKind::Int4), &[Value::Int(1), Value::Null]);
        assert_eq!(rows.map(Iterator::count).ok(), Some(0));
        let e = start(SrfFunc::NumericSeries, &[Value::Int(1), Value::Int(2), Value::Int(0)]);
        assert_eq!(
            e.err().map(|e| e.message.clone()).as_deref(),
            Some("step size cannot equal zero")
        );
    }
}
