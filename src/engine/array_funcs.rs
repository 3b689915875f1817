//! The array functions and operators of one-dimensional arrays: subscripts and slices,
//! `@>` `<@` `&&` `||`, array_length / cardinality / array_position(s) / array_append /
//! array_prepend / array_cat / array_remove / array_replace / array_to_string /
//! string_to_array / array_upper / array_lower / array_dims / array_ndims, with PostgreSQL's
//! results for NULLs and empty arrays. Elements compare by their output text.

use crate::engine::arrays::{format_elements, parse_elements};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::BinaryOp;

/// An array function or operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayFn {
    /// `a[i]`
    Subscript,
    /// `a[lo:hi]`
    Slice,
    /// `a @> b`
    Contains,
    /// `a <@ b`
    Contained,
    /// `a && b`
    Overlap,
    /// array_cat(a, b), `a || b`
    Cat,
    /// array_append(a, e), `a || e`
    Append,
    /// array_prepend(e, a), `e || a`
    Prepend,
    /// array_length(a, dim)
    Length,
    /// cardinality(a)
    Cardinality,
    /// array_position(a, e [, start])
    Position,
    /// array_positions(a, e)
    Positions,
    /// array_remove(a, e)
    Remove,
    /// array_replace(a, from, to)
    Replace,
    /// array_to_string(a, delimiter [, null text])
    ToText,
    /// string_to_array(text, delimiter [, null text])
    FromText,
    /// array_upper(a, dim)
    Upper,
    /// array_lower(a, dim)
    Lower,
    /// array_dims(a)
    Dims,
    /// array_ndims(a)
    Ndims,
    /// `ARRAY(subquery)`: its argument already is the array.
    Identity,
    /// An array's sort key (`array_order.rs`).
    SortKey,
    /// `SET a[i] = x` (`array_assign.rs`).
    Assign,
    /// `SET a[lo:hi] = array`.
    AssignSlice,
}

/// What one argument becomes before the function sees it.
pub enum ArgAs {
    /// A value of this type.
    Value(DataType),
    /// An element of this type, as its output text.
    Element(DataType),
}

/// The internal call a binary operator on arrays stands for, if it is one.
pub fn operator_function(op: BinaryOp, l: &DataType, r: &DataType) -> Option<&'static str> {
    let array = |t: &DataType| matches!(t, DataType::Array(_));
    match op {
        BinaryOp::JsonContains if array(l) || array(r) => Some("array @>"),
        BinaryOp::Concat if array(l) && (array(r) || *r == DataType::Unknown) => Some("array_cat"),
        BinaryOp::Concat if array(r) && *l == DataType::Unknown => Some("array_cat"),
        BinaryOp::Concat if array(l) => Some("array_append"),
        BinaryOp::Concat if array(r) => Some("array_prepend"),
        _ => None,
    }
}

/// The function `name(types)` resolves to among the array functions: what each argument
/// becomes, and the result type.
pub fn resolve(name: &str, types: &[DataType]) -> Option<(ArrayFn, Vec<ArgAs>, DataType)> {
    use DataType as T;
    let int = |t: &T| t.is_integer() || *t == T::Unknown;
    let text = |t: &T| t.is_text();
    let value = |t: &T| ArgAs::Value(t.clone());
    let element = |t: &T| ArgAs::Element(t.clone());
    let elem = |t: &T| match t {
        T::Array(e) => Some((**e).clone()),
        _ => None,
    };
    let first = types.first().and_then(elem);
    let arr = first.clone().map(|e| T::Array(Box::new(e)));
    let (f, args, result) = match (name, types, first, arr) {
        (crate::sql::arrays::SUBSCRIPT, [_, i], Some(e), Some(a)) if int(i) => {
            (ArrayFn::Subscript, vec![value(&a), value(&T::Integer)], e)
        }
        (crate::sql::arrays::SLICE, [_, lo, hi], Some(_), Some(a)) if int(lo) && int(hi) => {
            (ArrayFn::Slice, vec![value(&a), value(&T::Integer), value(&T::Integer)], a)
        }
        ("array @>" | crate::sql::arrays::CONTAINED | crate::sql::arrays::OVERLAP, [l, r], ..) => {
            let common = common_array(l, r)?;
            let f = match name {
                "array @>" => ArrayFn::Contains,
                crate::sql::arrays::CONTAINED => ArrayFn::Contained,
                _ => ArrayFn::Overlap,
            };
            (f, vec![value(&common), value(&common)], T::Boolean)
        }
        ("array_cat", [l, r], ..) => {
            let common = common_array(l, r)?;
            (ArrayFn::Cat, vec![value(&common), value(&common)], common)
        }
        ("array_append", [_, _], Some(e), Some(a)) => {
            (ArrayFn::Append, vec![value(&a), element(&e)], a)
        }
        ("array_prepend", [x, T::Array(e)], ..) if !matches!(x, T::Array(_)) => {
            let a = T::Array(e.clone());
            (ArrayFn::Prepend, vec![element(e), value(&a)], a)
        }
        ("array_length" | "array_upper" | "array_lower", [_, d], Some(_), Some(a)) if int(d) => {
            let f = match name {
                "array_length" => ArrayFn::Length,
                "array_upper" => ArrayFn::Upper,
                _ => ArrayFn::Lower,
            };
            (f, vec![value(&a), value(&T::Integer)], T::Integer)
        }
        ("cardinality", [_], Some(_), Some(a)) => {
            (ArrayFn::Cardinality, vec![value(&a)], T::Integer)
        }
        ("array_ndims", [_], Some(_), Some(a)) => (ArrayFn::Ndims, vec![value(&a)], T::Integer),
        ("array_dims", [_], Some(_), Some(a)) => (ArrayFn::Dims, vec![value(&a)], T::Text),
        ("array_position", [_, _] | [_, _, _], Some(e), Some(a))
            if types.get(2).is_none_or(int) =>
        {
            let mut args = vec![value(&a), element(&e)];
            if types.len() == 3 {
                args.push(value(&T::Integer));
            }
            (ArrayFn::Position, args, T::Integer)
        }
        ("array_positions", [_, _], Some(e), Some(a)) => {
            (ArrayFn::Positions, vec![value(&a), element(&e)], T::Array(Box::new(T::Integer)))
        }
        ("array_remove", [_, _], Some(e), Some(a)) => {
            (ArrayFn::Remove, vec![value(&a), element(&e)], a)
        }
        ("array_replace", [_, _, _], Some(e), Some(a)) => {
            (ArrayFn::Replace, vec![value(&a), element(&e), element(&e)], a)
        }
        ("array_to_string", [_, d] | [_, d, _], Some(_), Some(a))
            if text(d) && types.get(2).is_none_or(text) =>
        {
            let mut args = vec![value(&a), value(&T::Text)];
            if types.len() == 3 {
                args.push(value(&T::Text));
            }
            (ArrayFn::ToText, args, T::Text)
        }
        ("string_to_array", [_, _] | [_, _, _], ..) if types.iter().all(text) => {
            let args = types.iter().map(|_| value(&T::Text)).collect();
            (ArrayFn::FromText, args, T::Array(Box::new(T::Text)))
        }
        (crate::sql::array_assign::ASSIGN, [_, i, _], Some(e), Some(a)) if int(i) => {
            (ArrayFn::Assign, vec![value(&a), value(&T::Integer), element(&e)], a)
        }
        (crate::sql::array_assign::ASSIGN_SLICE, [_, lo, hi, _], Some(_), Some(a))
            if int(lo) && int(hi) =>
        {
            let args = vec![value(&a), value(&T::Integer), value(&T::Integer), value(&a)];
            (ArrayFn::AssignSlice, args, a)
        }
        (crate::engine::array_order::SORT_KEY, [_, c], Some(_), Some(a)) if int(c) => {
            (ArrayFn::SortKey, vec![value(&a), value(&T::Integer)], T::Text)
        }
        (crate::sql::arrays::OF_SUBQUERY, [t], ..) => {
            (ArrayFn::Identity, vec![value(t)], t.clone())
        }
        _ => return None,
    };
    Some((f, args, result))
}

/// The array type two array arguments share (an untyped literal takes the other's).
fn common_array(l: &DataType, r: &DataType) -> Option<DataType> {
    match (l, r) {
        (DataType::Array(a), DataType::Array(b)) if a == b => Some(l.clone()),
        (DataType::Array(a), DataType::Array(b)) => {
            let e =
                crate::engine::ops::common_type("ARRAY", &[(**a).clone(), (**b).clone()]).ok()?;
            Some(DataType::Array(Box::new(e)))
        }
        (DataType::Array(_), DataType::Unknown) => Some(l.clone()),
        (DataType::Unknown, DataType::Array(_)) => Some(r.clone()),
        _ => None,
    }
}

/// Whether `name` is one of the internal calls array syntax makes (`a[i]`, `a <@ b`, ...).
pub fn is_internal(name: &str) -> bool {
    use crate::sql::array_assign::{ASSIGN, ASSIGN_SLICE};
    use crate::sql::arrays::{CONTAINED, OF_SUBQUERY, OVERLAP, SLICE, SUBSCRIPT};
    [SUBSCRIPT, SLICE, CONTAINED, OVERLAP, OF_SUBQUERY, "array @>", ASSIGN, ASSIGN_SLICE]
        .contains(&name)
}

/// PostgreSQL's error for array syntax on arguments it does not fit.
pub fn misuse(name: &str, types: &[DataType], pos: crate::sql::ast::Pos) -> Error {
    use crate::engine::value::type_name;
    let t = |i: usize| types.get(i).map_or_else(String::new, type_name);
    use crate::sql::array_assign::{ASSIGN, ASSIGN_SLICE};
    // PostgreSQL reports a subscript count that does not fit without a place.
    if name == ASSIGN && types.len() != 3 && matches!(types.first(), Some(DataType::Array(_))) {
        return Error::new("2202E", "wrong number of array subscripts");
    }
    match name {
        crate::sql::arrays::SUBSCRIPT | crate::sql::arrays::SLICE | ASSIGN | ASSIGN_SLICE
            if !matches!(types.first(), Some(DataType::Array(_))) =>
        {
            Error::new(
                "42804",
                format!("cannot subscript type {} because it does not support subscripting", t(0)),
            )
        }
        crate::sql::arrays::SUBSCRIPT | crate::sql::arrays::SLICE | ASSIGN | ASSIGN_SLICE => {
            Error::new("42804", "array subscript must have type integer")
        }
        _ => {
            let op = match name {
                crate::sql::arrays::CONTAINED => "<@",
                crate::sql::arrays::OVERLAP => "&&",
                _ => "@>",
            };
            Error::new("42883", format!("operator does not exist: {} {op} {}", t(0), t(1))).with_hint(
                "No operator matches the given name and argument types. You might need to add explicit type casts.",
            )
        }
    }
    .at(pos)
}

/// An array's text cast element by element to another element type.
pub fn cast(text: &str, from: &DataType, to: &DataType, explicit: bool) -> Result<Value> {
    let mut out = Vec::new();
    for e in parse_elements(text)? {
        out.push(match e {
            None => None,
            Some(s) => {
                let v = crate::engine::value::cast(Value::parse(&s, from)?, from, to, explicit)?;
                Some(v.to_text(to))
            }
        });
    }
    Ok(Value::Text(format_elements(&out)))
}

/// Which functions give a result from NULL arguments (the others are strict).
pub fn is_strict(f: ArrayFn) -> bool {
    !matches!(
        f,
        ArrayFn::Cat
            | ArrayFn::Append
            | ArrayFn::Prepend
            | ArrayFn::Position
            | ArrayFn::Positions
            | ArrayFn::Remove
            | ArrayFn::Replace
            | ArrayFn::ToText
            | ArrayFn::FromText
            | ArrayFn::Assign
            | ArrayFn::AssignSlice
    )
}

type Elements = Vec<Option<String>>;

/// Evaluates an array function on its argument values; `ty` is its result type.
pub fn eval(f: ArrayFn, args: Vec<Value>, ty: &DataType) -> Result<Value> {
    if is_strict(f) && args.iter().any(Value::is_null) {
        return Ok(Value::Null);
    }
    let text = |i: usize| match args.get(i) {
        Some(Value::Text(s)) => Some(s.as_str()),
        _ => None,
    };
    let int = |i: usize| match args.get(i) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    };
    let elements =
        |i: usize| -> Result<Option<Elements>> { text(i).map(parse_elements).transpose() };
    let array = |e: Elements| Value::Text(format_elements(&e));
    let element = |i: usize| text(i).map(str::to_string);
    let one_dim = |d: Option<i64>| d == Some(1);
    Ok(match f {
        ArrayFn::Identity => args.into_iter().next().unwrap_or(Value::Null),
        ArrayFn::Assign => {
            crate::engine::array_assign::assign_element(elements(0)?, int(1), element(2))?
        }
        ArrayFn::AssignSlice => {
            crate::engine::array_assign::assign_slice(elements(0)?, (int(1), int(2)), elements(3)?)?
        }
        ArrayFn::SortKey => match (text(0), int(1)) {
            (Some(a), Some(c)) => crate::engine::array_order::sort_key(a, c)?,
            _ => Value::Null,
        },
        ArrayFn::Subscript => {
            let e = elements(0)?.unwrap_or_default();
            match int(1).and_then(|i| usize::try_from(i - 1).ok()).and_then(|i| e.get(i)) {
                Some(Some(s)) => Value::parse(s, ty)?,
                _ => Value::Null,
            }
        }
        ArrayFn::Slice => {
            let e = elements(0)?.unwrap_or_default();
            let (lo, hi) = (int(1).unwrap_or(1).max(1), int(2).unwrap_or(0).min(e.len() as i64));
            if lo > hi {
                array(Vec::new())
            } else {
                array(e[(lo - 1) as usize..hi as usize].to_vec())
            }
        }
        ArrayFn::Contains | ArrayFn::Contained | ArrayFn::Overlap => {
            let (a, b) = (elements(0)?.unwrap_or_default(), elements(1)?.unwrap_or_default());
            let has = |set: &Elements, x: &Option<String>| x.is_some() && set.contains(x);
            Value::Bool(match f {
                ArrayFn::Contains => b.iter().all(|x| has(&a, x)),
                ArrayFn::Contained => a.iter().all(|x| has(&b, x)),
                _ => a.iter().any(|x| has(&b, x)),
            })
        }
        ArrayFn::Cat => match (elements(0)?, elements(1)?) {
            (None, None) => Value::Null,
            (Some(a), None) | (None, Some(a)) => array(a),
            (Some(mut a), Some(b)) => {
                a.extend(b);
                array(a)
            }
        },
        ArrayFn::Append => {
            let mut a = elements(0)?.unwrap_or_default();
            a.push(element(1));
            array(a)
        }
        ArrayFn::Prepend => {
            let mut a = vec![element(0)];
            a.extend(elements(1)?.unwrap_or_default());
            array(a)
        }
        ArrayFn::Length | ArrayFn::Upper => match elements(0)?.unwrap_or_default().len() {
            n if n > 0 && one_dim(int(1)) => Value::Int(n as i64),
            _ => Value::Null,
        },
        ArrayFn::Lower => match elements(0)?.unwrap_or_default().len() {
            n if n > 0 && one_dim(int(1)) => Value::Int(1),
            _ => Value::Null,
        },
        ArrayFn::Cardinality => Value::Int(elements(0)?.unwrap_or_default().len() as i64),
        ArrayFn::Ndims => match elements(0)?.unwrap_or_default().len() {
            0 => Value::Null,
            _ => Value::Int(1),
        },
        ArrayFn::Dims => match elements(0)?.unwrap_or_default().len() {
            0 => Value::Null,
            n => Value::Text(format!("[1:{n}]")),
        },
        ArrayFn::Position | ArrayFn::Positions => {
            let Some(a) = elements(0)? else { return Ok(Value::Null) };
            let wanted = element(1);
            let from = match (f, args.get(2)) {
                (ArrayFn::Position, Some(Value::Null)) => {
                    return Err(Error::new("22004", "initial position must not be null"));
                }
                _ => int(2).unwrap_or(1).max(1) as usize,
            };
            let mut found = a.iter().enumerate().skip(from - 1).filter(|(_, x)| **x == wanted);
            match f {
                ArrayFn::Position => {
                    found.next().map_or(Value::Null, |(i, _)| Value::Int(i as i64 + 1))
                }
                _ => array(found.map(|(i, _)| Some((i + 1).to_string())).collect()),
            }
        }
        ArrayFn::Remove => match elements(0)? {
            None => Value::Null,
            Some(a) => {
                let gone = element(1);
                array(a.into_iter().filter(|x| *x != gone).collect())
            }
        },
        ArrayFn::Replace => match elements(0)? {
            None => Value::Null,
            Some(a) => {
                let (from, to) = (element(1), element(2));
                array(a.into_iter().map(|x| if x == from { to.clone() } else { x }).collect())
            }
        },
        ArrayFn::ToText => match (elements(0)?, text(1)) {
            (Some(a), Some(sep)) => {
                let null = text(2);
                let shown: Vec<&str> = a.iter().filter_map(|x| x.as_deref().or(null)).collect();
                Value::Text(shown.join(sep))
            }
            _ => Value::Null,
        },
        ArrayFn::FromText => match text(0) {
            None => Value::Null,
            Some("") => array(Vec::new()),
            Some(s) => {
                let parts: Vec<String> = match text(1) {
                    None => s.chars().map(String::from).collect(),
                    Some("") => vec![s.to_string()],
                    Some(sep) => s.split(sep).map(str::to_string).collect(),
                };
                let null = text(2);
                array(parts.into_iter().map(|p| (Some(p.as_str()) != null).then_some(p)).collect())
            }
        },
    })
}
