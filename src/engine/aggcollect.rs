//! The aggregates that keep their inputs and fold them once the group is complete:
//! string_agg, array_agg, json(b)_agg, json(b)_object_agg, bool_and / bool_or / every, and the
//! ORDER BY / DISTINCT inside an aggregate call, with PostgreSQL's output formats.

use std::cmp::Ordering;

use crate::engine::calls::AggCall;
use crate::engine::expr::{Bound, coerce};
use crate::engine::json::{self, Json};
use crate::engine::jsonbuild::{json_kind, to_json};
use crate::engine::order::compare_key;
use crate::engine::pgsort::pg_qsort;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// Which collecting aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collector {
    /// string_agg(text, delimiter)
    StringAgg,
    /// array_agg(x)
    ArrayAgg,
    /// json_agg(x)
    JsonAgg,
    /// jsonb_agg(x)
    JsonbAgg,
    /// json_object_agg(key, value)
    JsonObjectAgg,
    /// jsonb_object_agg(key, value)
    JsonbObjectAgg,
    /// bool_and(b) / every(b)
    BoolAnd,
    /// bool_or(b)
    BoolOr,
    /// A user aggregate (CREATE AGGREGATE): folded by `user_aggregate.rs`.
    User,
}

/// One `ORDER BY` item inside an aggregate call (or a window's ORDER BY).
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    /// The sort expression.
    pub key: Bound,
    /// DESC.
    pub desc: bool,
    /// NULLS FIRST (the default for DESC).
    pub nulls_first: bool,
}

impl Collector {
    /// The collecting aggregate called `name`, if it is one.
    pub fn named(name: &str) -> Option<Collector> {
        Some(match name {
            "string_agg" => Collector::StringAgg,
            "array_agg" => Collector::ArrayAgg,
            "json_agg" => Collector::JsonAgg,
            "jsonb_agg" => Collector::JsonbAgg,
            "json_object_agg" => Collector::JsonObjectAgg,
            "jsonb_object_agg" => Collector::JsonbObjectAgg,
            "bool_and" | "every" => Collector::BoolAnd,
            "bool_or" => Collector::BoolOr,
            _ => return None,
        })
    }

    /// The result type for these arguments (untyped literals coerced in place), or None when
    /// no such function exists.
    pub fn result_type(self, args: &mut [(Bound, DataType)]) -> Option<DataType> {
        let to = |a: &mut (Bound, DataType), t: &DataType| -> Option<()> {
            if a.1 == DataType::Unknown {
                let (b, ty) = coerce(a.0.clone(), a.1.clone(), t, None).ok()?;
                *a = (b, ty);
            }
            Some(())
        };
        match (self, args) {
            (Collector::StringAgg, [x, d]) => {
                to(x, &DataType::Text)?;
                to(d, &DataType::Text)?;
                (x.1.is_text() && d.1.is_text()).then_some(DataType::Text)
            }
            (Collector::ArrayAgg, [x]) => {
                to(x, &DataType::Text)?;
                match &x.1 {
                    DataType::Array(_) => None,
                    t => Some(DataType::Array(Box::new(t.base()))),
                }
            }
            (Collector::JsonAgg, [x]) => to(x, &DataType::Text).map(|_| DataType::Json),
            (Collector::JsonbAgg, [x]) => to(x, &DataType::Text).map(|_| DataType::Jsonb),
            (Collector::JsonObjectAgg | Collector::JsonbObjectAgg, [k, v]) => {
                to(k, &DataType::Text)?;
                to(v, &DataType::Text)?;
                Some(if self == Collector::JsonObjectAgg {
                    DataType::Json
                } else {
                    DataType::Jsonb
                })
            }
            (Collector::BoolAnd | Collector::BoolOr, [x]) => {
                to(x, &DataType::Boolean)?;
                (x.1 == DataType::Boolean).then_some(DataType::Boolean)
            }
            (Collector::User, [_, ..]) => Some(DataType::Unknown),
            _ => None,
        }
    }
}

/// Puts collected inputs (each: the arguments, then the ORDER BY keys) in the order the
/// aggregate folds them: sorted by its ORDER BY (by its argument under DISTINCT), DISTINCT
/// keeping the first of each run of equal arguments.
pub fn arrange(a: &AggCall, mut rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let n = 1 + a.more.len();
    if !a.order_by.is_empty() {
        pg_qsort(&mut rows, &mut |x, y| {
            for (i, k) in a.order_by.iter().enumerate() {
                let o = compare_key(&x[n + i], &y[n + i], k.desc, k.nulls_first);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
    } else if a.distinct {
        pg_qsort(&mut rows, &mut |x, y| {
            (0..n)
                .map(|i| compare_key(&x[i], &y[i], false, false))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    if a.distinct {
        rows.dedup_by(|b, a| a[..n] == b[..n]);
    }
    rows
}

/// Folds the arranged inputs of a collecting aggregate into its result.
pub fn fold(c: Collector, a: &AggCall, rows: &[Vec<Value>]) -> Result<Value> {
    let arg_type = &a.arg_type;
    Ok(match c {
        Collector::User => crate::engine::user_aggregate::fold(a, rows)?,
        Collector::StringAgg => {
            let mut out: Option<String> = None;
            for r in rows {
                let Value::Text(s) = &r[0] else { continue };
                match &mut out {
                    None => out = Some(s.clone()),
                    Some(o) => {
                        if let Value::Text(d) = &r[1] {
                            o.push_str(d);
                        }
                        o.push_str(s);
                    }
                }
            }
            out.map_or(Value::Null, Value::Text)
        }
        Collector::ArrayAgg => {
            if rows.is_empty() {
                return Ok(Value::Null);
            }
            let elements: Vec<Option<String>> =
                rows.iter().map(|r| (!r[0].is_null()).then(|| r[0].to_text(arg_type))).collect();
            Value::Text(crate::engine::arrays::format_elements(&elements))
        }
        Collector::JsonAgg | Collector::JsonbAgg => {
            if rows.is_empty() {
                return Ok(Value::Null);
            }
            let items = rows
                .iter()
                .map(|r| element(&r[0], arg_type, c == Collector::JsonAgg))
                .collect::<Result<Vec<String>>>()?;
            let text = format!("[{}]", items.join(", "));
            if c == Collector::JsonAgg { Value::Json(text) } else { Value::Jsonb(text) }
        }
        Collector::JsonObjectAgg | Collector::JsonbObjectAgg => {
            if rows.is_empty() {
                return Ok(Value::Null);
            }
            let key_type = arg_type;
            let value_type = a.more.first().map_or(DataType::Text, |m| m.1.clone());
            let json = c == Collector::JsonObjectAgg;
            let mut parts = Vec::new();
            let mut pairs = Vec::new();
            for r in rows {
                if r[0].is_null() {
                    return Err(Error::new("22023", "field name must not be null"));
                }
                let key = r[0].to_text(key_type);
                if json {
                    let mut k = String::new();
                    k.push_str(&json::to_text(&Json::String(key)));
                    parts.push(format!("{k} : {}", element(&r[1], &value_type, true)?));
                } else {
                    pairs.push((key, to_json(json_kind(&value_type), r[1].clone())?));
                }
            }
            if json {
                Value::Json(format!("{{ {} }}", parts.join(", ")))
            } else {
                Value::Jsonb(json::to_text(&json::normalize(Json::Object(pairs))))
            }
        }
        Collector::BoolAnd | Collector::BoolOr => {
            let mut out = None;
            for r in rows {
                if let Value::Bool(b) = r[0] {
                    out = Some(match (out, c) {
                        (None, _) => b,
                        (Some(o), Collector::BoolAnd) => o && b,
                        (Some(o), _) => o || b,
                    });
                }
            }
            out.map_or(Value::Null, Value::Bool)
        }
    })
}

/// One value as an element of json_agg (`json`: json's text, kept verbatim) or jsonb_agg.
fn element(v: &Value, ty: &DataType, json: bool) -> Result<String> {
    if json && let Value::Json(t) = v {
        return Ok(t.clone());
    }
    let j = to_json(json_kind(ty), v.clone())?;
    Ok(json::to_text(&if json { j } else { json::normalize(j) }))
}
