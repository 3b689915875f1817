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
    /// interval: months, days and microseconds, kept apart as PostgreSQL keeps them
    Interval(crate::engine::interval::Interval),
}

/// The name PostgreSQL's `format_type_be` gives a type in error messages: no modifier, and
/// `character` for bpchar (`operator does not exist: character = integer`).
pub(crate) fn type_name(ty: &DataType) -> String {
    match ty {
        DataType::Char(_) => "character".into(),
        other => other.base().pg_name(),
    }
}

/// `invalid input syntax for type X: "text"` (22P02).
fn bad_input(ty: &DataType, text: &str) -> Error {
    Error::new(
        "22P02",
        format!("invalid input syntax for type {}: \"{text}\"", ty.base().pg_name()),
    )
}

/// Trims the whitespace C's `isspace` knows, as PostgreSQL's input functions do.
fn pg_trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'))
}

/// fksim's numeric is a 96-bit decimal: no NaN or Infinity.
fn numeric_special() -> Error {
    Error::unsupported("numeric NaN and Infinity are not supported by fksim")
}

fn numeric_overflow() -> Error {
    Error::new("22003", "value overflows numeric format")
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
    let scale = s.min(28);
    let mut r = d.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(scale);
    // The value must round to an absolute value below 10^(p - s).
    let max = i64::from(p) - i64::from(s);
    let over = !r.is_zero()
        && match max {
            29.. => false,
            0..=28 => 10i128
                .checked_pow(max as u32)
                .and_then(|l| Decimal::try_from_i128_with_scale(l, 0).ok())
                .is_some_and(|l| r.abs() >= l),
            -28..=-1 => Decimal::try_new(1, (-max) as u32).is_ok_and(|l| r.abs() >= l),
            _ => true,
        };
    if over {
        let limit = if max != 0 { format!("10^{max}") } else { "1".to_string() };
        return Err(Error::new("22003", "numeric field overflow")
            .with_detail(format!("A field with precision {p}, scale {s} must round to an absolute value less than {limit}.")));
    }
    Ok(r)
}

/// Builds `±digits × 10^-scale` (digits ASCII), rounding half away from zero to what a
/// 96-bit decimal holds (at most 28 decimals); None when the integer part does not fit.
fn decimal_from_digits(neg: bool, digits: &str, scale: i64) -> Option<Decimal> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Decimal::try_new(0, scale.clamp(0, 28) as u32).ok();
    }
    let (digits, mut scale) = if scale < 0 {
        if digits.len() as i64 - scale > 40 {
            return None;
        }
        (format!("{digits}{}", "0".repeat((-scale) as usize)), 0)
    } else {
        (digits.to_string(), scale)
    };
    let len = digits.len() as i64;
    if len - scale > 29 {
        return None;
    }
    let cut = (scale - 28).max(len - 29).clamp(0, scale) as usize;
    let padded = if cut >= digits.len() {
        format!("{}{digits}", "0".repeat(cut + 1 - digits.len()))
    } else {
        digits
    };
    let keep = padded.len() - cut;
    let round_up = padded.as_bytes().get(keep).is_some_and(|b| *b >= b'5');
    let mut m: u128 = padded.get(..keep)?.parse::<u128>().ok()? + u128::from(round_up);
    scale -= cut as i64;
    const MAX: u128 = (1 << 96) - 1;
    while m > MAX && scale > 0 {
        m = (m + 5) / 10;
        scale -= 1;
    }
    let m = i128::try_from(m).ok()?;
    Decimal::try_from_i128_with_scale(if neg { -m } else { m }, scale as u32).ok()
}

/// PostgreSQL's numeric input: `[sign] digits [. digits] [e [sign] digits]`, keeping the
/// written scale (`1.50` stays `1.50`, `1.50e1` is `15.0`).
fn parse_numeric(text: &str, ty: &DataType) -> Result<Decimal> {
    let t = pg_trim(text);
    if matches!(t.to_ascii_lowercase().trim_start_matches(['+', '-']), "nan" | "infinity" | "inf") {
        return Err(numeric_special());
    }
    let bad = || bad_input(ty, text);
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return Err(bad());
    }
    let exp: i64 = match exp {
        None => 0,
        Some(e) => {
            let ed = e.strip_prefix(['+', '-']).unwrap_or(e);
            if ed.is_empty() || !all_digits(ed) {
                return Err(bad());
            }
            let v = ed.parse::<i64>().unwrap_or(i64::MAX).min(100_000);
            if e.starts_with('-') { -v } else { v }
        }
    };
    decimal_from_digits(neg, &format!("{int}{frac}"), frac.len() as i64 - exp)
        .ok_or_else(numeric_overflow)
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
        if !explicit && !s.chars().skip(limit).all(|c| c == ' ') {
            return Err(Error::new("22001", format!("value too long for type {}", ty.pg_name())));
        }
        return Ok(s.chars().take(limit).collect());
    }
    if pad && len < limit { Ok(format!("{s}{}", " ".repeat(limit - len))) } else { Ok(s) }
}

/// PostgreSQL's boolean input (`parse_bool_with_len`): unique prefixes of true/false/yes/no,
/// on, of(f), 1 and 0, any case, surrounding whitespace ignored.
fn parse_bool(t: &str) -> Option<bool> {
    let v = pg_trim(t).to_ascii_lowercase();
    let prefix_of = |word: &str, min: usize| v.len() >= min && word.starts_with(v.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || v == "on" || v == "1" {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0" {
        Some(false)
    } else {
        None
    }
}

/// PostgreSQL's uuid input: optional braces, a hyphen allowed after any group of four digits,
/// no surrounding whitespace.
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

/// float4/float8 input: decimal forms plus PostgreSQL's Infinity/NaN spellings; values that
/// overflow or underflow to zero are `"1e400" is out of range for type double precision`.
fn parse_float(text: &str, ty: &DataType) -> Result<f64> {
    let t = pg_trim(text);
    match t.to_ascii_lowercase().as_str() {
        "infinity" | "+infinity" | "inf" | "+inf" => return Ok(f64::INFINITY),
        "-infinity" | "-inf" => return Ok(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => return Ok(f64::NAN),
        _ => {}
    }
    let bad = || bad_input(ty, text);
    if !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E')) {
        return Err(bad());
    }
    let real = *ty == DataType::Real;
    let v = if real {
        t.parse::<f32>().map(f64::from).map_err(|_| bad())?
    } else {
        t.parse::<f64>().map_err(|_| bad())?
    };
    let mantissa_nonzero =
        t.split(['e', 'E']).next().is_some_and(|m| m.bytes().any(|b| (b'1'..=b'9').contains(&b)));
    if v.is_infinite() || (v == 0.0 && mantissa_nonzero) {
        return Err(Error::new(
            "22003",
            format!("\"{t}\" is out of range for type {}", ty.pg_name()),
        ));
    }
    Ok(v)
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

/// float → numeric as PostgreSQL does it: through `%.15g` (`%.6g` for real), so
/// `(0.1 + 0.2)::numeric` is `0.3`.
fn float_to_numeric(f: f64, single: bool) -> Result<Decimal> {
    if !f.is_finite() {
        return Err(numeric_special());
    }
    let sci = format!("{:.*e}", if single { 5 } else { 14 }, f);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    parse_numeric(&format!("{mantissa}e{exp}"), &DataType::Numeric(None))
}

/// A numeric as the nearest f64 (correctly rounded, so equal numbers give equal floats).
fn decimal_to_f64(d: &Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// Narrows a float8 to float4 with `value out of range: overflow`/`underflow`.
fn to_real(f: f64) -> Result<f64> {
    let g = f as f32;
    if g.is_infinite() && f.is_finite() {
        return Err(Error::new("22003", "value out of range: overflow"));
    }
    if g == 0.0 && f != 0.0 {
        return Err(Error::new("22003", "value out of range: underflow"));
    }
    Ok(f64::from(g))
}

fn format_uuid(v: u128) -> String {
    let h = format!("{v:032x}");
    let part = |a: usize, b: usize| h.get(a..b).unwrap_or("");
    format!("{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

/// `jsonb::integer`, `jsonb::numeric`, `jsonb::boolean`...: the scalar inside, or
/// `cannot cast jsonb string to type integer` (22023).
fn cast_jsonb_scalar(text: &str, to: &DataType) -> Result<Value> {
    let kind = match json::parse(text)? {
        json::Json::Number(n) if *to != DataType::Boolean => {
            let d = parse_numeric(&n, &DataType::Numeric(None))?;
            return cast(Value::Numeric(d), &DataType::Numeric(None), to, true);
        }
        json::Json::Bool(b) if *to == DataType::Boolean => return Ok(Value::Bool(b)),
        json::Json::Null => "null",
        json::Json::Bool(_) => "boolean",
        json::Json::Number(_) => "numeric",
        json::Json::String(_) => "string",
        json::Json::Array(_) => "array",
        json::Json::Object(_) => "object",
    };
    Err(Error::new("22023", format!("cannot cast jsonb {kind} to type {}", type_name(to))))
}

impl Value {
    /// Makes `self` a copy of `src`, reusing its own text buffer when both are text (a row
    /// read again and again into the same place allocates nothing).
    #[inline]
    pub fn assign_from(&mut self, src: &Value) {
        match (self, src) {
            (Value::Text(dst), Value::Text(src)) => dst.clone_from(src),
            (place, src) => *place = src.clone(),
        }
    }

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
                let t = pg_trim(text);
                let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(bad_input(ty, text));
                }
                let out = || {
                    Error::new(
                        "22003",
                        format!("value \"{text}\" is out of range for type {}", ty.pg_name()),
                    )
                };
                let v: i64 = t.parse().map_err(|_| out())?;
                let (lo, hi) = int_range(ty);
                if v < lo || v > hi {
                    return Err(out());
                }
                Value::Int(v)
            }
            DataType::Numeric(typmod) => {
                Value::Numeric(apply_numeric_typmod(parse_numeric(text, ty)?, *typmod)?)
            }
            DataType::Real | DataType::Double => Value::Float(parse_float(text, ty)?),
            DataType::Text | DataType::Unknown => Value::Text(text.to_string()),
            DataType::Varchar(_) | DataType::Char(_) => {
                Value::Text(apply_length(text.to_string(), ty, false)?)
            }
            DataType::Boolean => Value::Bool(parse_bool(text).ok_or_else(|| bad_input(ty, text))?),
            DataType::Uuid => Value::Uuid(parse_uuid(text).ok_or_else(|| bad_input(ty, text))?),
            DataType::Bytea => Value::Text(crate::engine::textsearch::parse_bytea(text)?),
            DataType::Interval => Value::Interval(crate::engine::interval::parse(text)?),
            DataType::TsVector => Value::Text(crate::engine::textsearch::parse_tsvector(text)?),
            DataType::Array(e) => Value::Text(crate::engine::arrays::parse(text, e)?),
            DataType::Domain(d) => Value::parse(text, &d.base)?,
            DataType::Regclass => Value::Int(crate::engine::oids::regclass_in(text)?),
            DataType::Inet | DataType::Cidr => {
                Value::Text(crate::engine::inet::parse_network(text, *ty == DataType::Cidr)?)
            }
            DataType::Oid => {
                // oidin takes -2147483648..4294967295; a negative value wraps around.
                let t = pg_trim(text);
                let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(bad_input(ty, text));
                }
                match t.parse::<i64>() {
                    Ok(v) if (-2_147_483_648..=4_294_967_295).contains(&v) => {
                        Value::Int(v.rem_euclid(1 << 32))
                    }
                    _ => {
                        return Err(Error::new(
                            "22003",
                            format!("value \"{text}\" is out of range for type oid"),
                        ));
                    }
                }
            }
            DataType::Json => {
                json::parse(text)?;
                Value::Json(text.to_string())
            }
            DataType::Jsonb => Value::Jsonb(json::canonical(text)?),
            DataType::Date => Value::Date(datetime::parse_date(text)?),
            DataType::Timestamp => Value::Timestamp(datetime::parse_timestamp(text, false)?),
            DataType::Timestamptz => Value::Timestamptz(datetime::parse_timestamp(text, true)?),
            DataType::Enum(e) => match e.labels.iter().position(|l| l == text) {
                Some(i) => Value::Int(i as i64),
                None => {
                    return Err(Error::new(
                        "22P02",
                        format!("invalid input value for enum {}: \"{text}\"", e.shown_name()),
                    ));
                }
            },
        })
    }

    /// PostgreSQL's text output of this value read as `ty`; NULL gives the empty string
    /// (what psql prints for it).
    pub fn to_text(&self, ty: &DataType) -> String {
        if let (Value::Int(oid), DataType::Regclass) = (self, ty) {
            return crate::engine::oids::regclass_out(*oid);
        }
        if let (Value::Int(i), DataType::Enum(e)) = (self, ty) {
            return usize::try_from(*i)
                .ok()
                .and_then(|i| e.labels.get(i))
                .cloned()
                .unwrap_or_default();
        }
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => if *b { "t" } else { "f" }.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Numeric(d) => {
                if d.is_zero() {
                    d.abs().to_string()
                } else {
                    d.to_string()
                }
            }
            Value::Float(f) => format_float(*f, *ty == DataType::Real),
            Value::Text(s) | Value::Json(s) | Value::Jsonb(s) => s.clone(),
            Value::Uuid(u) => format_uuid(*u),
            Value::Date(d) => datetime::format_date(*d),
            Value::Timestamp(t) => datetime::format_timestamp(*t, false),
            Value::Timestamptz(t) => datetime::format_timestamp(*t, true),
            Value::Interval(i) => i.to_text(),
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
            Value::Numeric(d) => Some(decimal_to_f64(d)),
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
        // The literal takes the type without its modifier, then the modifier is applied as a cast.
        let base = to.base();
        let v = Value::parse(&value.to_text(from), &base)?;
        return if base == *to { Ok(v) } else { cast(v, &base, to, explicit) };
    }
    // A domain's values are its base type's (its constraints are checked where rows are).
    if let DataType::Domain(d) = to {
        return cast(value, from, &d.base, explicit);
    }
    if let DataType::Domain(d) = from {
        return cast(value, &d.base, to, explicit);
    }
    let impossible = || {
        Error::new("42846", format!("cannot cast type {} to {}", type_name(from), type_name(to)))
    };
    if let (DataType::Array(fe), DataType::Array(te)) = (from, to)
        && fe != te
    {
        return crate::engine::array_funcs::cast(&value.to_text(from), fe, te, explicit);
    }
    if let DataType::Enum(_) = from
        && !to.is_text()
        && from != to
    {
        return Err(impossible());
    }
    Ok(match to {
        DataType::Enum(_) if from == to => value,
        DataType::Enum(_) if from.is_text() => Value::parse(&value.to_text(from), to)?,
        DataType::Enum(_) => return Err(impossible()),
        DataType::Bytea | DataType::TsVector | DataType::Array(_) | DataType::Interval
            if from == to =>
        {
            value
        }
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
        _ if from.is_text() => Value::parse(&value.to_text(from), to)?,
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
            Value::Jsonb(s) if explicit => cast_jsonb_scalar(s, to)?,
            _ => return Err(impossible()),
        },
        DataType::Numeric(typmod) => {
            let d = match &value {
                Value::Int(i) => Decimal::from(*i),
                Value::Numeric(d) => *d,
                Value::Float(f) => float_to_numeric(*f, *from == DataType::Real)?,
                Value::Jsonb(s) if explicit => return cast_jsonb_scalar(s, to),
                _ => return Err(impossible()),
            };
            Value::Numeric(apply_numeric_typmod(d, *typmod)?)
        }
        DataType::Real | DataType::Double => {
            let real = *to == DataType::Real;
            let f = match &value {
                Value::Float(f) => *f,
                Value::Int(i) if real => f64::from(*i as f32),
                Value::Int(i) => *i as f64,
                Value::Numeric(d) if real => d.to_string().parse::<f32>().map_or(0.0, f64::from),
                Value::Numeric(d) => decimal_to_f64(d),
                Value::Jsonb(s) if explicit => return cast_jsonb_scalar(s, to),
                _ => return Err(impossible()),
            };
            Value::Float(if real { to_real(f)? } else { f })
        }
        DataType::Boolean => match &value {
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) if *from == DataType::Integer && explicit => Value::Bool(*i != 0),
            Value::Jsonb(s) if explicit => cast_jsonb_scalar(s, to)?,
            _ => return Err(impossible()),
        },
        DataType::Oid => match value {
            Value::Int(i)
                if matches!(
                    from,
                    DataType::Oid | DataType::Regclass | DataType::SmallInt | DataType::Integer
                ) =>
            {
                Value::Int(i.rem_euclid(1 << 32))
            }
            Value::Int(i) if (0..=4_294_967_295).contains(&i) => Value::Int(i),
            Value::Int(_) => return Err(Error::new("22003", "OID out of range")),
            _ => return Err(impossible()),
        },
        DataType::Inet | DataType::Cidr => match value {
            Value::Text(s) if matches!(from, DataType::Inet | DataType::Cidr) => {
                Value::Text(crate::engine::inet::parse_network(&s, *to == DataType::Cidr)?)
            }
            _ => return Err(impossible()),
        },
        DataType::Regclass => match value {
            Value::Int(i)
                if from.is_integer() || matches!(from, DataType::Oid | DataType::Regclass) =>
            {
                Value::Int(i)
            }
            _ => return Err(impossible()),
        },
        DataType::Uuid => match value {
            Value::Uuid(u) => Value::Uuid(u),
            _ => return Err(impossible()),
        },
        DataType::Bytea
        | DataType::TsVector
        | DataType::Array(_)
        | DataType::Domain(_)
        | DataType::Interval => {
            return Err(impossible());
        }
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
            Value::Timestamp(t) => Value::Date(datetime::timestamp_to_date(t)),
            Value::Timestamptz(t) => Value::Date(datetime::timestamp_to_date(
                t + crate::engine::timezone::session_offset(t) * 1_000_000,
            )),
            _ => return Err(impossible()),
        },
        DataType::Timestamp | DataType::Timestamptz => {
            // Between local and absolute times the session zone's offset applies.
            let zoned = *to == DataType::Timestamptz;
            let usecs = match value {
                Value::Date(d) if zoned => crate::engine::timezone::session_local_to_instant(
                    datetime::date_to_timestamp(d),
                ),
                Value::Date(d) => datetime::date_to_timestamp(d),
                Value::Timestamp(t) if zoned => {
                    crate::engine::timezone::session_local_to_instant(t)
                }
                Value::Timestamptz(t) if !zoned => {
                    t + crate::engine::timezone::session_offset(t) * 1_000_000
                }
                Value::Timestamp(t) | Value::Timestamptz(t) => t,
                _ => return Err(impossible()),
            };
            if *to == DataType::Timestamp {
                Value::Timestamp(usecs)
            } else {
                Value::Timestamptz(usecs)
            }
        }
    })
}

/// SQL comparison of two non-NULL values of comparable types (integers, numerics and floats
/// compare across kinds); `None` when either is NULL or the kinds cannot be compared.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    use Value as V;
    match (a, b) {
        (V::Int(x), V::Int(y)) => Some(x.cmp(y)),
        (V::Float(_), V::Int(_) | V::Numeric(_) | V::Float(_))
        | (V::Int(_) | V::Numeric(_), V::Float(_)) => {
            let (x, y) = (a.as_f64()?, b.as_f64()?);
            // PostgreSQL sorts NaN above every other value and equal to itself.
            Some(match (x.is_nan(), y.is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => x.partial_cmp(&y)?,
            })
        }
        (V::Int(_) | V::Numeric(_), V::Int(_) | V::Numeric(_)) => {
            Some(a.as_decimal()?.cmp(&b.as_decimal()?))
        }
        (V::Text(x), V::Text(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        (V::Uuid(x), V::Uuid(y)) => Some(x.cmp(y)),
        (V::Jsonb(x), V::Jsonb(y)) | (V::Json(x), V::Json(y)) => Some(x.cmp(y)),
        (V::Date(x), V::Date(y)) => Some(x.cmp(y)),
        (V::Interval(x), V::Interval(y)) => Some(x.sort_key().cmp(&y.sort_key())),
        (V::Date(x), V::Timestamp(y) | V::Timestamptz(y)) => {
            Some(datetime::date_to_timestamp(*x).cmp(y))
        }
        (V::Timestamp(x) | V::Timestamptz(x), V::Date(y)) => {
            Some(x.cmp(&datetime::date_to_timestamp(*y)))
        }
        (V::Timestamp(x) | V::Timestamptz(x), V::Timestamp(y) | V::Timestamptz(y)) => {
            Some(x.cmp(y))
        }
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
            (Value::Int(a), Value::Int(b)) => a == b,
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
            // Numbers hash by value across kinds: integral values as that integer, others by f64.
            Value::Int(i) => i.hash(state),
            Value::Numeric(d) => match d.fract().is_zero().then(|| d.to_i64()).flatten() {
                Some(i) => i.hash(state),
                None => d.to_f64().unwrap_or(0.0).to_bits().hash(state),
            },
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    (*f as i64).hash(state);
                } else if f.is_nan() {
                    0u64.hash(state);
                } else {
                    f.to_bits().hash(state);
                }
            }
            Value::Text(s) | Value::Json(s) | Value::Jsonb(s) => s.hash(state),
            Value::Uuid(u) => u.hash(state),
            // Intervals equal as spans ('1 day' = '24 hours') hash alike.
            Value::Interval(i) => i.sort_key().hash(state),
            Value::Date(d) => datetime::date_to_timestamp(*d).hash(state),
            Value::Timestamp(t) | Value::Timestamptz(t) => t.hash(state),
        }
    }
}

#[cfg(test)]
#[path = "value_tests.rs"]
pub(crate) mod tests;
