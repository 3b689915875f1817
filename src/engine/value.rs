//! Values: PostgreSQL's input and output text for each type, casts, comparison and hashing.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::types::DataType;
use crate::engine::{datetime, json};
use crate::error::{Error, Result};

/// One SQL value. The column's `DataType` says how to read it; integers of every width are `Int`.
#[derive(Debug, Clone)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// boolean
    Bool(bool),
    /// smallint, integer, bigint (range checked against the column type on the way in)
    Int(i64),
    /// numeric
    Numeric(Decimal),
    /// real, double precision
    Float(f64),
    /// text, varchar, char
    Text(String),
    /// uuid
    Uuid(u128),
    /// json: the input text, kept verbatim
    Json(String),
    /// jsonb: the canonical text PostgreSQL prints (`{"a": 1, "bb": [1, 2]}`)
    Jsonb(String),
    /// date: days since 2000-01-01
    Date(i32),
    /// timestamp: microseconds since 2000-01-01 00:00:00
    Timestamp(i64),
    /// timestamptz: microseconds since 2000-01-01 00:00:00 UTC
    Timestamptz(i64),
}

/// `invalid input syntax for type X: "text"` (22P02).
fn bad_input(ty: &DataType, text: &str) -> Error {
    Error::new("22P02", format!("invalid input syntax for type {}: \"{text}\"", ty.base().pg_name()))
}

/// `integer out of range` and friends (22003).
pub fn int_out_of_range(ty: &DataType) -> Error {
    Error::new("22003", format!("{} out of range", ty.pg_name()))
}

/// The range of an integer type.
fn int_range(ty: &DataType) -> (i64, i64) {
    match ty {
        DataType::SmallInt => (i64::from(i16::MIN), i64::from(i16::MAX)),
        DataType::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    }
}

/// Checks an integer against its type's range.
pub fn check_int(v: i64, ty: &DataType) -> Result<Value> {
    let (lo, hi) = int_range(ty);
    if v < lo || v > hi { Err(int_out_of_range(ty)) } else { Ok(Value::Int(v)) }
}

/// numeric(p,s): rounds to the scale and checks the precision, as `apply_typmod` does.
pub fn apply_numeric_typmod(d: Decimal, typmod: Option<(u32, u32)>) -> Result<Decimal> {
    let Some((p, s)) = typmod else { return Ok(d) };
    let mut r = d.round_dp_with_strategy(s, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(s);
    let int_digits = r.abs().trunc().to_string().trim_start_matches('0').len() as u32;
    let max = p - s;
    if int_digits > max {
        let limit = if max > 0 { format!("10^{max}") } else { "1".to_string() };
        return Err(Error::new("22003", "numeric field overflow")
            .with_detail(format!("A field with precision {p}, scale {s} must round to an absolute value less than {limit}.")));
    }
    Ok(r)
}

/// Applies a character type's length: `explicit` casts truncate, assignments refuse anything
/// but trailing spaces; char(n) pads.
fn apply_length(s: String, ty: &DataType, explicit: bool) -> Result<String> {
    let (limit, pad) = match ty {
        DataType::Varchar(Some(n)) => (*n as usize, false),
        DataType::Char(Some(n)) => (*n as usize, true),
        _ => return Ok(s),
    };
    let len = s.chars().count();
    if len > limit {
        let cut: String = s.chars().take(limit).collect();
        if !explicit && !s.chars().skip(limit).all(|c| c == ' ') {
            return Err(Error::new("22001", format!("value too long for type {}", ty.pg_name())));
        }
        return Ok(cut);
    }
    if pad && len < limit { Ok(format!("{s}{}", " ".repeat(limit - len))) } else { Ok(s) }
}

/// PostgreSQL's boolean input.
fn parse_bool(t: &str) -> Option<bool> {
    let v = t.trim().to_ascii_lowercase();
    let prefix_of = |word: &str, min: usize| v.len() >= min && word.starts_with(v.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || v == "on" || v == "1" {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 3) || v == "0" {
        Some(false)
    } else {
        None
    }
}

/// PostgreSQL's uuid input: optional braces, hyphens allowed after any group of four digits.
fn parse_uuid(t: &str) -> Option<u128> {
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    let braces = chars.first() == Some(&'{');
    if braces {
        i += 1;
    }
    let mut v: u128 = 0;
    for byte in 0..16 {
        let hi = chars.get(i)?.to_digit(16)?;
        let lo = chars.get(i + 1)?.to_digit(16)?;
        v = (v << 8) | u128::from(hi * 16 + lo);
        i += 2;
        if chars.get(i) == Some(&'-') && byte % 2 == 1 && byte < 15 {
            i += 1;
        }
    }
    if braces {
        if chars.get(i) != Some(&'}') {
            return None;
        }
        i += 1;
    }
    (i == chars.len()).then_some(v)
}

/// Float input: decimal forms plus Infinity/NaN spellings.
fn parse_float(t: &str) -> Option<f64> {
    let v = t.trim();
    match v.to_ascii_lowercase().as_str() {
        "infinity" | "+infinity" | "inf" | "+inf" => Some(f64::INFINITY),
        "-infinity" | "-inf" => Some(f64::NEG_INFINITY),
        "nan" => Some(f64::NAN),
        l if l.contains("inf") || l.contains("nan") => None,
        _ => v.parse::<f64>().ok(),
    }
}

/// PostgreSQL's shortest-exact float output (`1e+20`, `1.5e-05`, `0.1`).
fn format_float(x: f64, single: bool) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let sci = if single { format!("{:e}", x as f32) } else { format!("{x:e}") };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let limit = if single { 6 } else { 15 };
    if exp < -4 || exp >= limit {
        format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else if single {
        format!("{}", x as f32)
    } else {
        format!("{x}")
    }
}

fn format_uuid(v: u128) -> String {
    let h = format!("{v:032x}");
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

impl Value {
    /// True for SQL NULL.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Parses `text` with the input function of `ty`, as PostgreSQL does for a quoted literal
    /// (`'42'::integer`, or a string assigned to a column).
    /// Errors: `invalid input syntax for type integer: "abc"` (22P02),
    /// `value "99999999999" is out of range for type integer` (22003), and so on.
    /// Applies the type modifier too (varchar(n) length, numeric(p,s) rounding, char(n) padding).
    pub fn parse(text: &str, ty: &DataType) -> Result<Value> {
        Ok(match ty {
            DataType::SmallInt | DataType::Integer | DataType::BigInt => {
                let t = text.trim();
                let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
                if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                    return Err(bad_input(ty, text));
                }
                let out = || Error::new("22003", format!("value \"{text}\" is out of range for type {}", ty.pg_name()));
                let v: i64 = t.parse().map_err(|_| out())?;
                let (lo, hi) = int_range(ty);
                if v < lo || v > hi {
                    return Err(out());
                }
                Value::Int(v)
            }
            DataType::Numeric(typmod) => {
                let t = text.trim();
                let parsed = if t.contains(['e', 'E']) { Decimal::from_scientific(t).ok() } else { t.strip_prefix('+').unwrap_or(t).parse::<Decimal>().ok() };
                let valid = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
                match parsed {
                    Some(d) if valid => Value::Numeric(apply_numeric_typmod(d, *typmod)?),
                    _ if valid => return Err(Error::new("22003", "value overflows numeric format")),
                    _ => return Err(bad_input(ty, text)),
                }
            }
            DataType::Real | DataType::Double => {
                let v = parse_float(text).ok_or_else(|| bad_input(ty, text))?;
                if v.is_infinite() && !text.to_ascii_lowercase().contains("inf") || (*ty == DataType::Real && v.is_finite() && (v as f32).is_infinite()) {
                    return Err(Error::new("22003", format!("\"{}\" is out of range for type {}", text.trim(), ty.pg_name())));
                }
                Value::Float(if *ty == DataType::Real { f64::from(v as f32) } else { v })
            }
            DataType::Text | DataType::Unknown => Value::Text(text.to_string()),
            DataType::Varchar(_) | DataType::Char(_) => Value::Text(apply_length(text.to_string(), ty, false)?),
            DataType::Boolean => Value::Bool(parse_bool(text).ok_or_else(|| bad_input(ty, text))?),
            DataType::Uuid => Value::Uuid(parse_uuid(text.trim()).ok_or_else(|| bad_input(ty, text))?),
            DataType::Json => {
                json::parse(text)?;
                Value::Json(text.to_string())
            }
            DataType::Jsonb => Value::Jsonb(json::canonical(text)?),
            DataType::Date => Value::Date(datetime::parse_date(text)?),
            DataType::Timestamp => Value::Timestamp(datetime::parse_timestamp(text, false)?),
            DataType::Timestamptz => Value::Timestamptz(datetime::parse_timestamp(text, true)?),
        })
    }

    /// PostgreSQL's text output of this value read as `ty`; NULL gives the empty string
    /// (what psql prints for it).
    pub fn to_text(&self, ty: &DataType) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => if *b { "t" } else { "f" }.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Numeric(d) => if d.is_zero() { d.abs().to_string() } else { d.to_string() },
            Value::Float(f) => format_float(*f, *ty == DataType::Real),
            Value::Text(s) | Value::Json(s) | Value::Jsonb(s) => s.clone(),
            Value::Uuid(u) => format_uuid(*u),
            Value::Date(d) => datetime::format_date(*d),
            Value::Timestamp(t) => datetime::format_timestamp(*t, false),
            Value::Timestamptz(t) => datetime::format_timestamp(*t, true),
        }
    }

    /// The value as a Decimal, for numeric arithmetic and comparison.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Int(i) => Some(Decimal::from(*i)),
            Value::Numeric(d) => Some(*d),
            Value::Float(f) => Decimal::from_f64(*f),
            _ => None,
        }
    }

    /// The value as an f64, for float arithmetic and comparison.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Numeric(d) => d.to_f64(),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
}

/// Converts `value` of type `from` to type `to`. `explicit` is true for `::`/CAST (varchar(n)
/// truncates silently) and false for assignment to a column (varchar(n) too long is
/// `value too long for type character varying(5)`, 22001). Numeric scale is rounded,
/// precision overflow is `numeric field overflow` (22003) with PostgreSQL's DETAIL,
/// integer range is `integer out of range` / `smallint out of range` / `bigint out of range`.
/// Unknown-typed values (string literals) go through `Value::parse`. Impossible casts give
/// `cannot cast type boolean to integer` (42846).
pub fn cast(value: Value, from: &DataType, to: &DataType, explicit: bool) -> Result<Value> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    if *from == DataType::Unknown {
        let text = value.to_text(from);
        return Value::parse(&text, to);
    }
    let impossible = || Error::new("42846", format!("cannot cast type {} to {}", from.pg_name(), to.pg_name()));
    let from_text = from.is_text();
    Ok(match to {
        DataType::Text | DataType::Varchar(_) | DataType::Char(_) | DataType::Unknown => {
            let mut s = match &value {
                Value::Bool(b) => if *b { "true" } else { "false" }.to_string(),
                v => v.to_text(from),
            };
            if matches!(from, DataType::Char(_)) && !matches!(to, DataType::Char(_)) {
                s.truncate(s.trim_end_matches(' ').len());
            }
            Value::Text(apply_length(s, to, explicit)?)
        }
        _ if from_text => Value::parse(&value.to_text(from), to)?,
        DataType::SmallInt | DataType::Integer | DataType::BigInt => match &value {
            Value::Int(i) => check_int(*i, to)?,
            Value::Numeric(d) => {
                let r = d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
                check_int(r.to_i64().ok_or_else(|| int_out_of_range(to))?, to)?
            }
            Value::Float(f) => {
                let r = f.round_ties_even();
                if !r.is_finite() || r < i64::MIN as f64 || r >= i64::MAX as f64 {
                    return Err(int_out_of_range(to));
                }
                check_int(r as i64, to)?
            }
            Value::Bool(b) if *to == DataType::Integer && explicit => Value::Int(i64::from(*b)),
            _ => return Err(impossible()),
        },
        DataType::Numeric(typmod) => match &value {
            Value::Int(_) | Value::Numeric(_) => Value::Numeric(apply_numeric_typmod(value.as_decimal().unwrap_or_default(), *typmod)?),
            Value::Float(f) if f.is_finite() => {
                let d = Decimal::from_str_exact(&format_float(*f, *from == DataType::Real)).or_else(|_| Decimal::from_scientific(&format_float(*f, *from == DataType::Real)));
                Value::Numeric(apply_numeric_typmod(d.map_err(|_| Error::new("22003", "value overflows numeric format"))?, *typmod)?)
            }
            Value::Float(_) => return Err(Error::new("0A000", "cannot convert infinity or NaN to numeric")),
            _ => return Err(impossible()),
        },
        DataType::Real | DataType::Double => match value.as_f64() {
            Some(f) if *to == DataType::Real => {
                if f.is_finite() && (f as f32).is_infinite() {
                    return Err(Error::new("22003", "value out of range: overflow"));
                }
                Value::Float(f64::from(f as f32))
            }
            Some(f) => Value::Float(f),
            None => return Err(impossible()),
        },
        DataType::Boolean => match &value {
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) if *from == DataType::Integer && explicit => Value::Bool(*i != 0),
            _ => return Err(impossible()),
        },
        DataType::Uuid => match value {
            Value::Uuid(u) => Value::Uuid(u),
            _ => return Err(impossible()),
        },
        DataType::Json => match value {
            Value::Json(s) | Value::Jsonb(s) => Value::Json(s),
            _ => return Err(impossible()),
        },
        DataType::Jsonb => match value {
            Value::Jsonb(s) => Value::Jsonb(s),
            Value::Json(s) => Value::Jsonb(json::canonical(&s)?),
            _ => return Err(impossible()),
        },
        DataType::Date => match value {
            Value::Date(d) => Value::Date(d),
            Value::Timestamp(t) | Value::Timestamptz(t) => Value::Date(datetime::timestamp_to_date(t)),
            _ => return Err(impossible()),
        },
        DataType::Timestamp | DataType::Timestamptz => {
            let usecs = match value {
                Value::Date(d) => datetime::date_to_timestamp(d),
                Value::Timestamp(t) | Value::Timestamptz(t) => t,
                _ => return Err(impossible()),
            };
            if *to == DataType::Timestamp { Value::Timestamp(usecs) } else { Value::Timestamptz(usecs) }
        }
    })
}

/// SQL comparison of two non-NULL values of comparable types (integers, numerics and floats
/// compare across kinds); `None` when either is NULL or the kinds cannot be compared.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    use Value as V;
    match (a, b) {
        (V::Int(x), V::Int(y)) => Some(x.cmp(y)),
        (V::Float(_), V::Int(_) | V::Numeric(_) | V::Float(_)) | (V::Int(_) | V::Numeric(_), V::Float(_)) => {
            let (x, y) = (a.as_f64()?, b.as_f64()?);
            // PostgreSQL sorts NaN above every other value and equal to itself.
            Some(match (x.is_nan(), y.is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => x.partial_cmp(&y)?,
            })
        }
        (V::Int(_) | V::Numeric(_), V::Int(_) | V::Numeric(_)) => Some(a.as_decimal()?.cmp(&b.as_decimal()?)),
        (V::Text(x), V::Text(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        (V::Uuid(x), V::Uuid(y)) => Some(x.cmp(y)),
        (V::Jsonb(x), V::Jsonb(y)) | (V::Json(x), V::Json(y)) => Some(x.cmp(y)),
        (V::Date(x), V::Date(y)) => Some(x.cmp(y)),
        (V::Date(x), V::Timestamp(y) | V::Timestamptz(y)) => Some(datetime::date_to_timestamp(*x).cmp(y)),
        (V::Timestamp(x) | V::Timestamptz(x), V::Date(y)) => Some(x.cmp(&datetime::date_to_timestamp(*y))),
        (V::Timestamp(x) | V::Timestamptz(x), V::Timestamp(y) | V::Timestamptz(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// The total order ORDER BY uses: NULLs sort last ascending (PostgreSQL's default), text by
/// bytes (collation C).
pub fn sort_cmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => compare(a, b).unwrap_or(Ordering::Equal),
    }
}

impl PartialEq for Value {
    /// Key equality as indexes need it: NULL equals NULL here (callers skip NULL keys where SQL
    /// says so); numbers compare by value across Int/Numeric/Float.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            _ => compare(self, other) == Some(Ordering::Equal),
        }
    }
}

impl Eq for Value {}

impl Hash for Value {
    /// Consistent with `eq`: numbers that compare equal hash equal (through their f64 value).
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Value::Null => 0u8.hash(state),
            Value::Bool(b) => b.hash(state),
            Value::Int(_) | Value::Numeric(_) | Value::Float(_) => {
                let f = self.as_f64().unwrap_or(0.0);
                let f = if f == 0.0 || f.is_nan() { 0.0 } else { f };
                1u8.hash(state);
                f.to_bits().hash(state);
            }
            Value::Text(s) | Value::Json(s) | Value::Jsonb(s) => s.hash(state),
            Value::Uuid(u) => u.hash(state),
            Value::Date(d) => datetime::date_to_timestamp(*d).hash(state),
            Value::Timestamp(t) | Value::Timestamptz(t) => t.hash(state),
        }
    }
}
