//! Building JSON from SQL values: to_json(b), json(b)_build_object, jsonb_set.

use crate::engine::json::{self, Json};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// How a value of some SQL type becomes JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// Numbers print bare (NaN and infinities as strings).
    Number,
    /// true / false
    Bool,
    /// json / jsonb embed as they are.
    Json,
    /// date, as `"2020-01-01"`
    Date,
    /// timestamp, ISO 8601 with a `T`
    Timestamp,
    /// timestamptz, ISO 8601 with a `T` and the offset
    Timestamptz,
    /// Anything else: its text, as a JSON string (the argument is cast to text first).
    Text,
}

pub fn json_kind(t: &DataType) -> JsonKind {
    match t {
        t if t.is_numeric() => JsonKind::Number,
        DataType::Boolean => JsonKind::Bool,
        DataType::Json | DataType::Jsonb => JsonKind::Json,
        DataType::Date => JsonKind::Date,
        DataType::Timestamp => JsonKind::Timestamp,
        DataType::Timestamptz => JsonKind::Timestamptz,
        _ => JsonKind::Text,
    }
}

/// A value as JSON, the way to_jsonb converts its type.
pub fn to_json(kind: JsonKind, v: Value) -> Result<Json> {
    use crate::engine::datetime::{format_date, format_timestamp};
    let iso = |s: String| s.replacen(' ', "T", 1);
    Ok(match (kind, v) {
        (_, Value::Null) => Json::Null,
        (JsonKind::Bool, Value::Bool(b)) => Json::Bool(b),
        (JsonKind::Number, Value::Float(f)) if !f.is_finite() => {
            Json::String(Value::Float(f).to_text(&DataType::Double))
        }
        (JsonKind::Number, v) => Json::Number(v.to_text(&DataType::Numeric(None))),
        (JsonKind::Json, Value::Json(t) | Value::Jsonb(t)) => json::parse(&t)?,
        (JsonKind::Date, Value::Date(d)) => Json::String(format_date(d)),
        (JsonKind::Timestamp, Value::Timestamp(t)) => Json::String(iso(format_timestamp(t, false))),
        (JsonKind::Timestamptz, Value::Timestamptz(t)) => {
            Json::String(iso(format_timestamp(t, false)) + "+00:00")
        }
        (_, Value::Text(s)) => Json::String(s),
        (_, other) => Json::String(other.to_text(&DataType::Text)),
    })
}

/// jsonb_build_object / json_build_object over alternating keys (text) and values (jsonb).
pub fn build_object(args: &[Value], json_spacing: bool) -> Result<Value> {
    let name = if json_spacing { "json_build_object" } else { "jsonb_build_object" };
    if !args.len().is_multiple_of(2) {
        return Err(Error::new("22023", "argument list must have even number of elements")
            .with_hint(format!(
                "The arguments of {name}() must consist of alternating keys and values."
            )));
    }
    let mut pairs = Vec::new();
    for (i, pair) in args.chunks(2).enumerate() {
        let key = match &pair[0] {
            Value::Jsonb(k) => match json::parse(k)? {
                Json::String(s) => s,
                other => json::to_text(&other),
            },
            _ => {
                return Err(Error::new(
                    "22004",
                    format!("argument {}: key must not be null", 2 * i + 1),
                ));
            }
        };
        let value = match &pair[1] {
            Value::Jsonb(t) => json::parse(t)?,
            _ => Json::Null,
        };
        pairs.push((key, value));
    }
    if !json_spacing {
        return Ok(Value::Jsonb(json::to_text(&json::normalize(Json::Object(pairs)))));
    }
    // json keeps the pairs as given, written `"k" : v`.
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{} : {}", json::to_text(&Json::String(k.clone())), json::to_text(v)))
        .collect();
    Ok(Value::Json(format!("{{{}}}", body.join(", "))))
}

/// jsonb_set(target, path, new [, create_missing]).
pub fn jsonb_set(args: &[Value]) -> Result<Value> {
    let (Some(Value::Jsonb(target)), Some(Value::Text(path)), Some(Value::Jsonb(new))) =
        (args.first(), args.get(1), args.get(2))
    else {
        return Ok(Value::Null);
    };
    let create = !matches!(args.get(3), Some(Value::Bool(false)));
    let path = crate::engine::arrays::parse_elements(path)?
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            p.ok_or_else(|| {
                Error::new("22004", format!("path element at position {} is null", i + 1))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut doc = json::parse(target)?;
    set_path(&mut doc, &path, json::parse(new)?, create);
    Ok(Value::Jsonb(json::to_text(&json::normalize(doc))))
}

fn set_path(doc: &mut Json, path: &[String], new: Json, create: bool) {
    let Some((key, rest)) = path.split_first() else { return };
    let slot = match doc {
        Json::Object(pairs) => match pairs.iter().position(|(k, _)| k == key) {
            Some(i) => Some(&mut pairs[i].1),
            None if rest.is_empty() && create => {
                pairs.push((key.clone(), new));
                return;
            }
            None => None,
        },
        Json::Array(items) => {
            let len = items.len() as i64;
            match key.parse::<i64>() {
                Ok(i) if (0..len).contains(&i) => items.get_mut(i as usize),
                Ok(i) if i < 0 && i >= -len => items.get_mut((len + i) as usize),
                Ok(i) if rest.is_empty() && create => {
                    if i < 0 {
                        items.insert(0, new)
                    } else {
                        items.push(new)
                    }
                    return;
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(slot) = slot {
        if rest.is_empty() {
            *slot = new;
        } else {
            set_path(slot, rest, new, create);
        }
    }
}
