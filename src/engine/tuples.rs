//! The bytes a row version takes on a PostgreSQL heap page: header, null bitmap, each value
//! aligned as its type requires (heap_compute_data_size), all MAXALIGNed.

use crate::engine::types::DataType;
use crate::engine::value::Value;

/// MAXALIGN.
fn max_align(n: u32) -> u32 {
    n.div_ceil(8) * 8
}

/// The aligned size a row takes on a page (heap_form_tuple's t_len, MAXALIGNed): the header
/// with its null bitmap, then each value aligned as its type requires; short text and numeric
/// values take a one-byte header and no alignment.
pub fn tuple_size<'t>(types: impl IntoIterator<Item = &'t DataType>, values: &[Value]) -> u32 {
    // The data starts MAXALIGNed, so its alignment does not depend on the header.
    let mut data = 0u32;
    let mut has_null = false;
    for (t, v) in types.into_iter().zip(values) {
        let (align, size) = match (t, v) {
            (_, Value::Null) => {
                has_null = true;
                continue;
            }
            (DataType::Integer | DataType::Real | DataType::Date, _) => (4, 4),
            (
                DataType::BigInt | DataType::Double | DataType::Timestamp | DataType::Timestamptz,
                _,
            ) => (8, 8),
            (DataType::Boolean, _) => (1, 1),
            (DataType::SmallInt, _) => (2, 2),
            (DataType::Uuid, _) => (1, 16),
            _ => {
                // Short values take a one-byte header and no alignment.
                let len = varlena_data_size(t, v);
                if len < 127 { (1, 1 + len) } else { (4, 4 + len) }
            }
        };
        data = data.div_ceil(align) * align + size;
    }
    let bitmap = if has_null { (values.len() as u32).div_ceil(8) } else { 0 };
    max_align(max_align(23 + bitmap) + data)
}

/// The bytes a variable-length value stores after its header.
fn varlena_data_size(t: &DataType, v: &Value) -> u32 {
    match v {
        Value::Text(s) => {
            let pad = match t {
                DataType::Char(Some(n)) => (*n as usize).saturating_sub(s.chars().count()),
                _ => 0,
            };
            (s.len() + pad) as u32
        }
        Value::Json(s) => s.len() as u32,
        // jsonb's binary form: about its text, with its headers.
        Value::Jsonb(s) => s.len() as u32 + 4,
        // NumericShort: a 2-byte header and the base-10000 digits between the first and last
        // non-zero ones.
        Value::Numeric(d) => {
            let text = d.abs().to_string();
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            let int = int.trim_start_matches('0');
            let int_groups = int.len().div_ceil(4);
            let frac = frac.trim_end_matches('0');
            let mut digits: Vec<u32> = Vec::new();
            let padded_int = format!("{:0>width$}", int, width = int_groups * 4);
            for c in padded_int.as_bytes().chunks(4) {
                digits.push(std::str::from_utf8(c).ok().and_then(|s| s.parse().ok()).unwrap_or(0));
            }
            let padded_frac = format!("{:0<width$}", frac, width = frac.len().div_ceil(4) * 4);
            for c in padded_frac.as_bytes().chunks(4) {
                digits.push(std::str::from_utf8(c).ok().and_then(|s| s.parse().ok()).unwrap_or(0));
            }
            let first = digits.iter().position(|&d| d != 0);
            let last = digits.iter().rposition(|&d| d != 0);
            let n = match (first, last) {
                (Some(f), Some(l)) => l - f + 1,
                _ => 0,
            };
            2 + 2 * n as u32
        }
        // Other values stored as varlena (none today) are taken as short.
        _ => 8,
    }
}
