//! Assignments to array elements and slices (`UPDATE t SET a[i] = x`, `SET a[lo:hi] = array`),
//! as PostgreSQL's array_set_element / array_set_slice do them for arrays whose lower bound is
//! 1: an element past the end extends the array, the gap filled with NULLs; a NULL or empty
//! array becomes one. Results whose lower bound would not be 1 (`a[0] = x`) are refused.

use crate::engine::arrays::format_elements;
use crate::engine::value::Value;
use crate::error::{Error, Result};

type Elements = Vec<Option<String>>;

/// fksim's arrays all start at 1; one that would start elsewhere is not kept.
fn lower_bound_refused() -> Error {
    Error::unsupported("arrays whose lower bound is not 1 are not supported by fksim")
}

/// `a[i] = x`: `array` (None for NULL) with element `i` set to `value` (None for NULL).
pub fn assign_element(
    array: Option<Elements>,
    index: Option<i64>,
    value: Option<String>,
) -> Result<Value> {
    let Some(i) = index else {
        return Err(Error::new("22004", "array subscript in assignment must not be null"));
    };
    let mut a = array.unwrap_or_default();
    let Some(slot) = usize::try_from(i).ok().filter(|&i| i >= 1).map(|i| i - 1) else {
        return Err(lower_bound_refused());
    };
    if a.is_empty() && slot > 0 {
        return Err(lower_bound_refused());
    }
    if slot >= a.len() {
        a.resize(slot + 1, None);
    }
    a[slot] = value;
    Ok(Value::Text(format_elements(&a)))
}

/// `a[lo:hi] = source`: the slice replaced by the first elements of `source`. An omitted bound
/// (the int4 extremes the parser puts in) is the array's own.
pub fn assign_slice(
    array: Option<Elements>,
    bounds: (Option<i64>, Option<i64>),
    source: Option<Elements>,
) -> Result<Value> {
    let (Some(lo), Some(hi)) = bounds else {
        return Err(Error::new("22004", "array subscript in assignment must not be null"));
    };
    let mut a = array.unwrap_or_default();
    // A NULL source leaves the array as it was.
    let Some(source) = source else { return Ok(Value::Text(format_elements(&a))) };
    let (omitted_lo, omitted_hi) = (lo == i64::from(i32::MIN), hi == i64::from(i32::MAX));
    if a.is_empty() && (omitted_lo || omitted_hi) {
        return Err(Error::new("2202E", "array slice subscript must provide both boundaries")
            .with_detail(
                "When assigning to a slice of an empty array value, slice boundaries must be fully specified.",
            ));
    }
    let lo = if omitted_lo { 1 } else { lo };
    let hi = if omitted_hi { a.len() as i64 } else { hi };
    if hi < lo {
        return Err(Error::new("2202E", "upper bound cannot be less than lower bound"));
    }
    if lo < 1 || (a.is_empty() && lo > 1) {
        return Err(lower_bound_refused());
    }
    let (from, to) = ((lo - 1) as usize, hi as usize);
    if source.len() < to - from {
        return Err(Error::new("2202E", "source array too small"));
    }
    if to > a.len() {
        a.resize(to, None);
    }
    a.splice(from..to, source.into_iter().take(to - from));
    Ok(Value::Text(format_elements(&a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: Result<Value>) -> String {
        match v {
            Ok(Value::Text(s)) => s,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn elements_extend_with_nulls() {
        let a = Some(vec![Some("1".to_string())]);
        assert_eq!(text(assign_element(a.clone(), Some(3), Some("7".into()))), "{1,NULL,7}");
        assert_eq!(text(assign_element(None, Some(1), Some("5".into()))), "{5}");
        assert!(assign_element(a, Some(0), None).is_err());
    }

    #[test]
    fn slices_replace_and_extend() {
        let a = Some(vec![Some("1".to_string()), Some("2".to_string())]);
        let src = Some(vec![Some("8".to_string()), Some("9".to_string())]);
        assert_eq!(text(assign_slice(a.clone(), (Some(2), Some(3)), src.clone())), "{1,8,9}");
        assert!(assign_slice(a, (Some(1), Some(3)), src).is_err());
    }
}
