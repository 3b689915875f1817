//! Arrays compared by their elements' values, not their text (`'{10}'::int[] > '{9}'::int[]`):
//! a sort key whose byte order is PostgreSQL's array order (`array_cmp`: element by element,
//! NULL after every value, a shorter array before a longer one it begins), used by the
//! comparison operators and ORDER BY.

use crate::engine::expr::Bound;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::BinaryOp;

/// The internal call of an array's sort key (its second argument: the element category).
pub const SORT_KEY: &str = "array sort key";

/// How an element type's values are encoded in the key.
fn category(elem: &DataType) -> i64 {
    match elem.base() {
        t if t.is_integer() => 0,
        DataType::Numeric(_) | DataType::Real | DataType::Double => 1,
        DataType::Date => 2,
        DataType::Timestamp => 3,
        DataType::Timestamptz => 4,
        _ => 5,
    }
}

/// The sort key of an array's text: each element as `\u{2}` + its order-preserving form +
/// `\u{1}`, a NULL as `\u{3}` (after every value, as PostgreSQL sorts NULL elements).
pub fn sort_key(text: &str, category: i64) -> Result<Value> {
    let mut key = String::new();
    // Multidimensional arrays compare element by element in storage order, as array_cmp does.
    for e in crate::engine::array_dims::flat_elements(text)? {
        match e {
            None => key.push('\u{3}'),
            Some(s) => {
                key.push('\u{2}');
                key.push_str(&element_key(&s, category));
                key.push('\u{1}');
            }
        }
    }
    Ok(Value::Text(key))
}

/// An element's text in a form whose byte order is its value's order: integers and times as
/// fixed-width offset hex, numbers through their f64 bits, the rest as their text (collation C).
fn element_key(s: &str, category: i64) -> String {
    let int = |n: i64| format!("{:016x}", (n as u64) ^ (1 << 63));
    let typed = |ty: DataType| Value::parse(s, &ty).ok();
    let key = match category {
        0 => s.trim().parse::<i64>().ok().map(int),
        1 => s.trim().parse::<f64>().ok().map(|f| {
            let bits = f.to_bits();
            let k = if f.is_sign_negative() { !bits } else { bits | (1 << 63) };
            format!("{k:016x}")
        }),
        2 => match typed(DataType::Date) {
            Some(Value::Date(d)) => Some(int(i64::from(d))),
            _ => None,
        },
        3 | 4 => {
            let ty = if category == 3 { DataType::Timestamp } else { DataType::Timestamptz };
            match typed(ty) {
                Some(Value::Timestamp(t) | Value::Timestamptz(t)) => Some(int(t)),
                _ => None,
            }
        }
        _ => None,
    };
    key.unwrap_or_else(|| s.to_string())
}

/// `b` (of type `ty`) as a value that sorts as PostgreSQL sorts it: an array's sort key, any
/// other value itself.
pub fn sortable(b: Bound, ty: &DataType) -> Result<Bound> {
    let DataType::Array(elem) = ty else { return Ok(b) };
    let types = [ty.clone(), DataType::Integer];
    let sig = crate::engine::scalars::resolve(SORT_KEY, &types)
        .ok_or_else(|| Error::internal("array sort key"))?;
    let category = Bound::Const(Value::Int(category(elem)));
    Ok(crate::engine::scalars::apply(sig, vec![(b, ty.clone()), (category, DataType::Integer)])?.0)
}

/// Two non-NULL values of type `ty` compared as PostgreSQL compares them (arrays by their
/// elements; see `value::compare` for the rest).
pub fn compare_as(a: &Value, b: &Value, ty: &DataType) -> Option<std::cmp::Ordering> {
    if let (DataType::Array(elem), Value::Text(x), Value::Text(y)) = (ty, a, b) {
        let c = category(elem);
        return crate::engine::value::compare(&sort_key(x, c).ok()?, &sort_key(y, c).ok()?);
    }
    crate::engine::value::compare(a, b)
}

/// `l op r` for two arrays compared by a comparison operator: their sort keys compared.
pub fn bind_comparison(
    op: BinaryOp,
    l: &Bound,
    lt: &DataType,
    r: &Bound,
    rt: &DataType,
) -> Result<Option<(Bound, DataType)>> {
    use BinaryOp as B;
    let comparison = matches!(op, B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq);
    if !comparison || !matches!((lt, rt), (DataType::Array(_), DataType::Array(_))) {
        return Ok(None);
    }
    let (l, r) = (sortable(l.clone(), lt)?, sortable(r.clone(), rt)?);
    let (t, b) = (DataType::Text, DataType::Boolean);
    Ok(Some((Bound::Binary(op, Box::new(l), t.clone(), Box::new(r), t, b.clone()), b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str, elem: &DataType) -> String {
        match sort_key(text, category(elem)) {
            Ok(Value::Text(k)) => k,
            _ => String::new(),
        }
    }

    #[test]
    fn elements_compare_by_value() {
        let int = DataType::Integer;
        assert!(key("{10}", &int) > key("{9}", &int));
        assert!(key("{-1}", &int) < key("{0}", &int));
        assert!(key("{1,2}", &int) < key("{1,2,0}", &int));
        assert!(key("{1,NULL}", &int) > key("{1,5}", &int));
        assert!(key("{1.5}", &DataType::Double) < key("{10}", &DataType::Double));
        assert!(key("{b}", &DataType::Text) > key("{abc}", &DataType::Text));
        assert!(key("{ab}", &DataType::Text) < key("{abc}", &DataType::Text));
    }
}
