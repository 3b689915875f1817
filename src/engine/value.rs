//! Values: PostgreSQL's input and output text for each type, casts, comparison and hashing.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;

use crate::engine::types::DataType;
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
        let _ = (text, ty);
        Err(Error::unsupported("value input is not implemented yet"))
    }

    /// PostgreSQL's text output of this value read as `ty`; NULL gives the empty string
    /// (what psql prints for it).
    pub fn to_text(&self, ty: &DataType) -> String {
        let _ = ty;
        format!("{self:?}")
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
    let _ = (from, explicit);
    if value.is_null() {
        return Ok(Value::Null);
    }
    let _ = to;
    Err(Error::unsupported("casts are not implemented yet"))
}

/// SQL comparison of two non-NULL values of comparable types (integers, numerics and floats
/// compare across kinds); `None` when either is NULL or the kinds cannot be compared.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    let _ = (a, b);
    None
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
    /// Consistent with `eq`: numbers that compare equal hash equal.
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
    }
}
