//! Arrays (`text[]`, `integer[]`, ...) as fksim stores them: the text
//! PostgreSQL prints (`{a,"b c",NULL}`), made from literals and ARRAY[...], read back into
//! elements for `= ANY (array)`.

use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// The elements of an array literal (`{a,"b,c",NULL}`), None for NULL.
pub fn parse_elements(text: &str) -> Result<Vec<Option<String>>> {
    let malformed = |detail: &str| {
        Error::new("22P02", format!("malformed array literal: \"{text}\"")).with_detail(detail)
    };
    let inner = text
        .trim()
        .strip_prefix('{')
        .ok_or_else(|| malformed("Array value must start with \"{\" or dimension information."))?
        .strip_suffix('}')
        .ok_or_else(|| malformed("Unexpected end of input."))?;
    if inner.contains(['{', '}']) {
        return Err(Error::unsupported("multidimensional arrays are not supported by fksim"));
    }
    let mut out = Vec::new();
    if inner.trim().is_empty() {
        return Ok(out);
    }
    let (mut cur, mut quoted_any) = (String::new(), false);
    let (mut quoted, mut escaped) = (false, false);
    let mut finish = |cur: &mut String, quoted_any: &mut bool| {
        let word = std::mem::take(cur);
        let element = if *quoted_any { Some(word) } else { Some(word.trim().to_string()) };
        let is_null =
            !*quoted_any && element.as_deref().is_some_and(|w| w.eq_ignore_ascii_case("null"));
        out.push(if is_null { None } else { element });
        *quoted_any = false;
    };
    for c in inner.chars() {
        match c {
            _ if escaped => {
                cur.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            '"' => {
                // White space before an element's opening quote is not part of it.
                if !quoted_any && cur.trim().is_empty() {
                    cur.clear();
                }
                quoted = !quoted;
                quoted_any = true;
            }
            ',' if !quoted => finish(&mut cur, &mut quoted_any),
            c if quoted_any && !quoted && c.is_whitespace() => {}
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(malformed("Unexpected end of input."));
    }
    finish(&mut cur, &mut quoted_any);
    Ok(out)
}

/// An element as array_out writes it: in double quotes when it is empty, reads as NULL, or
/// holds a brace, comma, quote, backslash or white space.
fn quote_element(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.eq_ignore_ascii_case("null")
        && !s.chars().any(|c| matches!(c, '{' | '}' | ',' | '"' | '\\') || c.is_whitespace());
    if plain {
        return s.to_string();
    }
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The array text of elements already in their type's output form.
pub fn format_elements(elements: &[Option<String>]) -> String {
    let shown: Vec<String> = elements
        .iter()
        .map(|e| e.as_deref().map_or_else(|| "NULL".to_string(), quote_element))
        .collect();
    format!("{{{}}}", shown.join(","))
}

/// An array literal read as an array of `element`: each element through the element type's
/// input (with its errors), then printed back.
pub fn parse(text: &str, element: &DataType) -> Result<String> {
    if crate::engine::array_dims::sub_arrays(text)?.is_some() {
        return crate::engine::array_dims::parse_nested(text, element);
    }
    let mut out = Vec::new();
    for e in parse_elements(text)? {
        out.push(match e {
            None => None,
            Some(s) => Some(Value::parse(&s, element)?.to_text(element)),
        });
    }
    Ok(format_elements(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_round_trip() {
        let e = parse_elements("{a, \"b,c\" ,NULL,\"NULL\",\"\"}").ok();
        assert_eq!(
            e,
            Some(vec![
                Some("a".into()),
                Some("b,c".into()),
                None,
                Some("NULL".into()),
                Some(String::new())
            ])
        );
        assert_eq!(format_elements(&e.unwrap_or_default()), "{a,\"b,c\",NULL,\"NULL\",\"\"}");
        assert!(parse_elements("a").is_err());
    }

    #[test]
    fn typed_elements_are_normalised() {
        assert_eq!(parse("{1, 02}", &DataType::Integer).ok().as_deref(), Some("{1,2}"));
        assert!(parse("{x}", &DataType::Integer).is_err());
    }
}
