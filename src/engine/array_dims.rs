//! Multidimensional array literals (`'{{1,2},{3,4}}'::int[]`): read, checked to be
//! rectangular as PostgreSQL's array_in checks them, each element through its type's input,
//! and printed back. fksim keeps them as their text; the array functions work on one
//! dimension (`arrays.rs`), and comparisons on the elements in storage order.

use crate::engine::arrays::parse_elements;
use crate::engine::types::DataType;
use crate::error::{Error, Result};

/// The sub-arrays of a literal whose elements are arrays (`{{1,2},{3,4}}` → `{1,2}`,
/// `{3,4}`); None when its elements are not arrays.
pub fn sub_arrays(text: &str) -> Result<Option<Vec<String>>> {
    let malformed = |detail: &str| {
        Error::new("22P02", format!("malformed array literal: \"{text}\"")).with_detail(detail)
    };
    let trimmed = text.trim();
    let Some(inner) = trimmed.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
        return Ok(None);
    };
    if !inner.trim_start().starts_with('{') {
        return Ok(None);
    }
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    let (mut children, mut current, mut between) = (Vec::new(), String::new(), String::new());
    for c in inner.chars() {
        if depth > 0 {
            current.push(c);
        }
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '{' => {
                if depth == 0 {
                    if !between.trim().is_empty() && between.trim() != "," {
                        return Err(malformed("Unexpected array element."));
                    }
                    between.clear();
                    current.push(c);
                }
                depth += 1;
            }
            '}' => {
                if depth == 0 {
                    return Err(malformed("Unexpected \"}\" character."));
                }
                depth -= 1;
                if depth == 0 {
                    children.push(std::mem::take(&mut current));
                }
            }
            c if depth == 0 => between.push(c),
            _ => {}
        }
    }
    if depth != 0 || quoted {
        return Err(malformed("Unexpected end of input."));
    }
    if !between.trim().is_empty() {
        return Err(malformed("Unexpected array element."));
    }
    Ok(Some(children))
}

/// The shape of a sub-array (its length at each level) with its text normalised.
fn normalise(text: &str, element: &DataType, whole: &str) -> Result<(Vec<usize>, String)> {
    let malformed = |detail: &str| {
        Error::new("22P02", format!("malformed array literal: \"{whole}\"")).with_detail(detail)
    };
    match sub_arrays(text)? {
        Some(children) => {
            let mut shape = None;
            let mut shown = Vec::new();
            for c in &children {
                let (s, t) = normalise(c, element, whole)?;
                if shape.as_ref().is_some_and(|x| *x != s) {
                    return Err(malformed(
                        "Multidimensional arrays must have sub-arrays with matching dimensions.",
                    ));
                }
                shape = Some(s);
                shown.push(t);
            }
            let mut out = vec![children.len()];
            out.extend(shape.unwrap_or_default());
            Ok((out, format!("{{{}}}", shown.join(","))))
        }
        None => {
            let elements = parse_elements(text)?;
            if elements.is_empty() {
                return Err(malformed("Unexpected \"}\" character."));
            }
            let text = crate::engine::arrays::parse(text, element)?;
            Ok((vec![elements.len()], text))
        }
    }
}

/// The dimensions of an array's text (`{{1,2},{3,4}}` → 2, 2).
fn dims_of(text: &str) -> Result<Vec<usize>> {
    match sub_arrays(text)? {
        Some(children) => {
            let mut out = vec![children.len()];
            out.extend(children.first().map(|c| dims_of(c)).transpose()?.unwrap_or_default());
            Ok(out)
        }
        None => Ok(vec![parse_elements(text)?.len()]),
    }
}

/// `ARRAY[a, b, ...]` whose elements are arrays: one dimension more. A NULL sub-array has no
/// dimensions, so it matches no other.
pub fn stack(parts: &[Option<&str>]) -> Result<String> {
    let mut shape = None;
    for p in parts {
        let dims = p.map(dims_of).transpose()?.unwrap_or_default();
        if shape.as_ref().is_some_and(|s| *s != dims) {
            return Err(Error::new(
                "2202E",
                "multidimensional arrays must have array expressions with matching dimensions",
            ));
        }
        shape = Some(dims);
    }
    let parts: Vec<&str> = parts.iter().flatten().copied().collect();
    Ok(format!("{{{}}}", parts.join(",")))
}

/// A multidimensional literal normalised.
pub fn parse_nested(text: &str, element: &DataType) -> Result<String> {
    Ok(normalise(text, element, text)?.1)
}

/// All elements of an array, in storage order, whatever its dimensions.
pub fn flat_elements(text: &str) -> Result<Vec<Option<String>>> {
    match sub_arrays(text)? {
        None => parse_elements(text),
        Some(children) => {
            let mut out = Vec::new();
            for c in children {
                out.extend(flat_elements(&c)?);
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangular_literals_round_trip() {
        let int = DataType::Integer;
        assert_eq!(parse_nested("{{1, 02},{3,4}}", &int).ok().as_deref(), Some("{{1,2},{3,4}}"));
        assert!(parse_nested("{{1,2},{3}}", &int).is_err());
        assert!(sub_arrays("{{1,2},3}").is_err());
        assert_eq!(flat_elements("{{1,2},{3,NULL}}").ok().map(|e| e.len()), Some(4));
    }
}
