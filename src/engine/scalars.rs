//! The everyday scalar built-ins beyond `calls.rs`'s core: string functions, rounding,
//! time zones and date parts, JSON building. Their signatures as PostgreSQL resolves them and
//! their evaluation, with PostgreSQL's results and errors.

use rust_decimal::Decimal;

use crate::engine::expr::{Bound, coerce};
use crate::engine::json;
use crate::engine::jsonbuild::{JsonKind, json_kind};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// A built-in scalar function evaluated here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// octet_length(text)
    OctetLength,
    /// char_length(text), character_length(text)
    CharLength,
    /// btrim / ltrim / rtrim (text [, characters]); TRIM(...)
    Trim { leading: bool, trailing: bool },
    /// substring(text, from [, for]), substr
    Substring,
    /// strpos(text, text); POSITION(a IN b)
    Strpos,
    /// concat(any, ...)
    Concat,
    /// concat_ws(separator, any, ...)
    ConcatWs,
    /// format(text, any, ...)
    Format,
    /// quote_ident(text)
    QuoteIdent,
    /// quote_literal(text) / quote_nullable(text) (`nullable`: NULL gives `NULL`)
    QuoteLiteral { nullable: bool },
    /// replace(text, from, to)
    Replace,
    /// md5(text)
    Md5,
    /// left(text, n)
    Left,
    /// right(text, n)
    Right,
    /// split_part(text, delimiter, n)
    SplitPart,
    /// regexp_replace(text, pattern, replacement [, flags])
    RegexpReplace,
    /// `text ~ pattern` and its case-insensitive / negated forms
    RegexMatch { case_insensitive: bool, negated: bool },
    /// greatest(...)
    Greatest,
    /// least(...)
    Least,
    /// round(numeric [, scale]) and round(double precision)
    Round,
    /// `timezone(zone, timestamp[tz])`
    Timezone,
    /// `date_trunc(unit, timestamp[tz])`
    DateTrunc,
    /// EXTRACT(field FROM ...): numeric
    Extract,
    /// date_part(field, ...): double precision
    DatePart,
    /// current_user, session_user, current_role, user
    CurrentUser,
    /// jsonb_build_object / json_build_object (`json`: json's spacing)
    BuildObject { json: bool },
    /// to_jsonb(any) / to_json(any): the argument's type says how its value becomes JSON
    ToJson(JsonKind),
    /// jsonb_set(target, path, new [, create_missing])
    JsonbSet,
    /// A boolean's output text (`t`/`f`), as concat writes it (a cast to text says `true`).
    BoolText,
    /// ARRAY[...]: the elements' output texts make the array's text.
    ArrayOf,
    /// ARRAY[...] of arrays: one dimension more (`array_dims::stack`).
    StackArrays,
    /// to_tsvector('simple', text)
    ToTsVector,
    /// `x = ANY (array)` (`all`: `x = ALL`; `negated`: `<>`), comparing output texts.
    InArray { all: bool, negated: bool },
    /// An array function or operator (`array_funcs.rs`).
    Array(crate::engine::array_funcs::ArrayFn),
    /// repeat(text, n)
    Repeat,
    /// lpad / rpad (text, length [, fill])
    Pad { left: bool },
}

/// What a call's arguments must become before the function sees them.
enum Param {
    /// Coerced to this type (untyped literals take it).
    To(DataType),
    /// Coerced to this type, then its output text (an array element).
    Element(DataType),
    /// Cast to text, whatever its type (concat's "any").
    AsText,
    /// Turned into JSON (build_object's values).
    AsJson,
}

/// A resolved call: the function, what each argument becomes, and the result type.
pub struct Signature {
    scalar: Scalar,
    params: Vec<Param>,
    result: DataType,
}

/// The signature PostgreSQL would resolve `name(types)` to, among the functions here.
pub fn resolve(name: &str, types: &[DataType]) -> Option<Signature> {
    use DataType as T;
    let text = |t: &T| t.is_text();
    let int = |t: &T| t.is_integer() || *t == T::Unknown;
    let time = |t: &T| matches!(t, T::Timestamp | T::Timestamptz | T::Date);
    let sig = |scalar, params: Vec<Param>, result| Some(Signature { scalar, params, result });
    let texts = |n: usize| (0..n).map(|_| Param::To(T::Text)).collect::<Vec<_>>();
    match (name, types) {
        ("octet_length", [t]) if text(t) => sig(Scalar::OctetLength, texts(1), T::Integer),
        ("char_length" | "character_length", [t]) if text(t) => {
            sig(Scalar::CharLength, texts(1), T::Integer)
        }
        ("btrim" | "ltrim" | "rtrim", [a] | [a, _]) if text(a) && types.iter().all(text) => {
            let (leading, trailing) = (name != "rtrim", name != "ltrim");
            sig(Scalar::Trim { leading, trailing }, texts(types.len()), T::Text)
        }
        ("substring" | "substr", [s, f] | [s, f, _])
            if text(s) && int(f) && types.get(2).is_none_or(int) =>
        {
            let mut params = texts(1);
            params.extend(types[1..].iter().map(|_| Param::To(T::Integer)));
            sig(Scalar::Substring, params, T::Text)
        }
        ("strpos" | "position", [a, b]) if text(a) && text(b) => {
            sig(Scalar::Strpos, texts(2), T::Integer)
        }
        ("concat", _) => {
            sig(Scalar::Concat, types.iter().map(|_| Param::AsText).collect(), T::Text)
        }
        ("format", [f, ..]) if text(f) => {
            let mut params = texts(1);
            params.extend(types[1..].iter().map(|_| Param::AsText));
            sig(Scalar::Format, params, T::Text)
        }
        ("quote_ident", [t]) if text(t) => sig(Scalar::QuoteIdent, texts(1), T::Text),
        ("quote_literal" | "quote_nullable", [_]) => {
            let nullable = name == "quote_nullable";
            sig(Scalar::QuoteLiteral { nullable }, vec![Param::AsText], T::Text)
        }
        ("concat_ws", [sep, ..]) if text(sep) => {
            let mut params = texts(1);
            params.extend(types[1..].iter().map(|_| Param::AsText));
            sig(Scalar::ConcatWs, params, T::Text)
        }
        ("replace", [a, b, c]) if text(a) && text(b) && text(c) => {
            sig(Scalar::Replace, texts(3), T::Text)
        }
        ("md5", [t]) if text(t) => sig(Scalar::Md5, texts(1), T::Text),
        ("left" | "right", [s, n]) if text(s) && int(n) => {
            let scalar = if name == "left" { Scalar::Left } else { Scalar::Right };
            sig(scalar, vec![Param::To(T::Text), Param::To(T::Integer)], T::Text)
        }
        ("split_part", [a, b, n]) if text(a) && text(b) && int(n) => {
            let mut params = texts(2);
            params.push(Param::To(T::Integer));
            sig(Scalar::SplitPart, params, T::Text)
        }
        ("regexp_replace", [_, _, _] | [_, _, _, _]) if types.iter().all(text) => {
            sig(Scalar::RegexpReplace, texts(types.len()), T::Text)
        }
        ("greatest" | "least", [_, ..]) => {
            let common = crate::engine::ops::common_type(&name.to_uppercase(), types).ok()?;
            let common = if common == T::Unknown { T::Text } else { common };
            let scalar = if name == "greatest" { Scalar::Greatest } else { Scalar::Least };
            sig(scalar, types.iter().map(|_| Param::To(common.clone())).collect(), common)
        }
        // round(integer) and round('2.5') resolve to round(double precision), as PostgreSQL's
        // preferred numeric type makes them.
        ("round", [T::Numeric(_)]) => {
            sig(Scalar::Round, vec![Param::To(T::Numeric(None))], T::Numeric(None))
        }
        ("round", [t]) if t.is_numeric() || *t == T::Unknown => {
            sig(Scalar::Round, vec![Param::To(T::Double)], T::Double)
        }
        ("round", [t, s]) if (t.is_numeric() || *t == T::Unknown) && int(s) => sig(
            Scalar::Round,
            vec![Param::To(T::Numeric(None)), Param::To(T::Integer)],
            T::Numeric(None),
        ),
        ("timezone", [z, t]) if text(z) && matches!(t, T::Timestamptz | T::Unknown) => {
            sig(Scalar::Timezone, vec![Param::To(T::Text), Param::To(T::Timestamptz)], T::Timestamp)
        }
        ("timezone", [z, T::Timestamp]) if text(z) => {
            sig(Scalar::Timezone, vec![Param::To(T::Text), Param::To(T::Timestamp)], T::Timestamptz)
        }
        ("date_trunc", [u, T::Timestamp]) if text(u) => {
            sig(Scalar::DateTrunc, vec![Param::To(T::Text), Param::To(T::Timestamp)], T::Timestamp)
        }
        ("date_trunc", [u, T::Timestamptz | T::Date]) if text(u) => sig(
            Scalar::DateTrunc,
            vec![Param::To(T::Text), Param::To(T::Timestamptz)],
            T::Timestamptz,
        ),
        ("extract" | "date_part", [u, t]) if text(u) && time(t) => {
            let (scalar, result) = match name {
                "extract" => (Scalar::Extract, T::Numeric(None)),
                _ => (Scalar::DatePart, T::Double),
            };
            sig(scalar, vec![Param::To(T::Text), Param::To(t.clone())], result)
        }
        ("current_user" | "session_user" | "current_role" | "user", []) => {
            sig(Scalar::CurrentUser, Vec::new(), T::Text)
        }
        ("jsonb_build_object" | "json_build_object", _) => {
            let json = name == "json_build_object";
            // Keys become text the way values become JSON (`true`, not `t`).
            let params = (0..types.len()).map(|_| Param::AsJson).collect();
            sig(Scalar::BuildObject { json }, params, if json { T::Json } else { T::Jsonb })
        }
        ("to_jsonb" | "to_json", [t]) => {
            let result = if name == "to_json" { T::Json } else { T::Jsonb };
            let kind = json_kind(t);
            let param = if kind == JsonKind::Text { Param::AsText } else { Param::To(t.clone()) };
            sig(Scalar::ToJson(kind), vec![param], result)
        }
        ("to_tsvector", [c, t]) if text(c) && text(t) => {
            sig(Scalar::ToTsVector, texts(2), T::TsVector)
        }
        ("array", [_, ..]) => {
            let common = crate::engine::ops::common_type("ARRAY", types).ok()?;
            let common = if common == T::Unknown { T::Text } else { common };
            if let T::Array(_) = &common {
                let params = types.iter().map(|_| Param::To(common.clone())).collect();
                return sig(Scalar::StackArrays, params, common);
            }
            let params = types.iter().map(|_| Param::Element(common.clone())).collect();
            sig(Scalar::ArrayOf, params, T::Array(Box::new(common)))
        }
        ("= any" | "<> any" | "= all" | "<> all", [l, r]) => {
            let element = match (l, r) {
                (_, T::Array(e)) => (**e).clone(),
                (T::Unknown, _) => T::Text,
                (l, _) => l.clone(),
            };
            let scalar =
                Scalar::InArray { all: name.ends_with("all"), negated: name.starts_with("<>") };
            let array = T::Array(Box::new(element.clone()));
            sig(scalar, vec![Param::Element(element), Param::To(array)], T::Boolean)
        }
        ("jsonb_set", [j, p, n] | [j, p, n, _])
            if matches!(j, T::Jsonb | T::Unknown)
                && text(p)
                && matches!(n, T::Jsonb | T::Unknown)
                && types.get(3).is_none_or(|b| matches!(b, T::Boolean | T::Unknown)) =>
        {
            let mut params = vec![Param::To(T::Jsonb), Param::To(T::Text), Param::To(T::Jsonb)];
            if types.len() == 4 {
                params.push(Param::To(T::Boolean));
            }
            sig(Scalar::JsonbSet, params, T::Jsonb)
        }
        ("repeat", [s, n]) if text(s) && int(n) => {
            sig(Scalar::Repeat, vec![Param::To(T::Text), Param::To(T::Integer)], T::Text)
        }
        ("lpad" | "rpad", [s, n] | [s, n, _])
            if text(s) && int(n) && types[2..].iter().all(text) =>
        {
            let mut params = vec![Param::To(T::Text), Param::To(T::Integer)];
            if types.len() == 3 {
                params.push(Param::To(T::Text));
            }
            sig(Scalar::Pad { left: name == "lpad" }, params, T::Text)
        }
        _ => {
            use crate::engine::array_funcs::{ArgAs, resolve};
            let (f, args, result) = resolve(name, types)?;
            let params = args
                .into_iter()
                .map(|a| match a {
                    ArgAs::Value(t) => Param::To(t),
                    ArgAs::Element(t) => Param::Element(t),
                })
                .collect();
            sig(Scalar::Array(f), params, result)
        }
    }
}

/// Converts the bound arguments as the signature says: the call, ready to evaluate.
pub fn apply(sig: Signature, args: Vec<(Bound, DataType)>) -> Result<(Bound, DataType)> {
    let mut out = Vec::with_capacity(args.len());
    for ((b, t), param) in args.into_iter().zip(&sig.params) {
        out.push(match param {
            Param::To(to) => match t {
                // char(n) loses its padding on the way to text.
                DataType::Char(_) if *to == DataType::Text => {
                    Bound::Cast(Box::new(b), t, DataType::Text)
                }
                _ => coerce(b, t, to, None)?.0,
            },
            Param::Element(e) => {
                let (b, t) = coerce(b, t, e, None)?;
                output_text(b, t)
            }
            Param::AsText if t.is_text() && t != DataType::Char(None) => {
                coerce(b, t, &DataType::Text, None)?.0
            }
            Param::AsText if t == DataType::Boolean => Bound::Func(
                crate::engine::calls::Func::Scalar(Scalar::BoolText),
                vec![b],
                DataType::Text,
            ),
            Param::AsText => Bound::Cast(Box::new(b), t, DataType::Text),
            Param::AsJson => {
                let kind = json_kind(&t);
                let inner = match kind {
                    JsonKind::Text => Bound::Cast(Box::new(b), t, DataType::Text),
                    _ => b,
                };
                let func = crate::engine::calls::Func::Scalar(Scalar::ToJson(kind));
                Bound::Func(func, vec![inner], DataType::Jsonb)
            }
        });
    }
    let ty = sig.result;
    Ok((Bound::Func(crate::engine::calls::Func::Scalar(sig.scalar), out, ty.clone()), ty))
}

/// A value's output text: a boolean as `t`/`f`, anything else as its cast to text says.
fn output_text(b: Bound, t: DataType) -> Bound {
    match t {
        DataType::Text | DataType::Varchar(_) | DataType::Unknown => b,
        DataType::Boolean => Bound::Func(
            crate::engine::calls::Func::Scalar(Scalar::BoolText),
            vec![b],
            DataType::Text,
        ),
        t => Bound::Cast(Box::new(b), t, DataType::Text),
    }
}

/// Evaluates a call on its argument values.
pub fn eval(f: Scalar, args: Vec<Value>, ty: &DataType) -> Result<Value> {
    let strict = !matches!(
        f,
        Scalar::Concat
            | Scalar::ConcatWs
            | Scalar::Format
            | Scalar::QuoteLiteral { nullable: true }
            | Scalar::Greatest
            | Scalar::Least
            | Scalar::BuildObject { .. }
            | Scalar::ToJson(_)
            | Scalar::ArrayOf
            | Scalar::StackArrays
            | Scalar::Array(_)
    );
    if strict && args.iter().any(Value::is_null) {
        return Ok(Value::Null);
    }
    let text = |i: usize| match args.get(i) {
        Some(Value::Text(s)) => s.as_str(),
        _ => "",
    };
    let int = |i: usize| match args.get(i) {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    Ok(match f {
        Scalar::OctetLength => Value::Int(text(0).len() as i64),
        Scalar::CharLength => Value::Int(text(0).chars().count() as i64),
        Scalar::Trim { leading, trailing } => {
            let set: Vec<char> = if args.len() > 1 { text(1).chars().collect() } else { vec![' '] };
            let mut s = text(0);
            if leading {
                s = s.trim_start_matches(|c| set.contains(&c));
            }
            if trailing {
                s = s.trim_end_matches(|c| set.contains(&c));
            }
            Value::Text(s.to_string())
        }
        Scalar::Substring => {
            let start = int(1);
            let end = match args.get(2) {
                Some(_) if int(2) < 0 => {
                    return Err(Error::new("22011", "negative substring length not allowed"));
                }
                Some(_) => start.saturating_add(int(2)),
                None => i64::MAX,
            };
            let from = start.max(1) - 1;
            let n = (end.max(1) - 1).saturating_sub(from).max(0);
            let (from, n) = (usize::try_from(from).unwrap_or(0), usize::try_from(n).unwrap_or(0));
            let s: String = text(0).chars().skip(from).take(n).collect();
            Value::Text(s)
        }
        Scalar::Strpos => Value::Int(match text(0).find(text(1)) {
            Some(at) => text(0)[..at].chars().count() as i64 + 1,
            None => 0,
        }),
        Scalar::Concat => Value::Text(args.iter().filter_map(as_text).collect()),
        Scalar::Format => match args.first() {
            Some(Value::Text(f)) => {
                let rest: Vec<Option<String>> =
                    args[1..].iter().map(|a| as_text(a).map(str::to_string)).collect();
                Value::Text(crate::engine::format::format(f, &rest)?)
            }
            _ => Value::Null,
        },
        Scalar::QuoteIdent => Value::Text(crate::engine::format::quote_ident(text(0))),
        Scalar::QuoteLiteral { .. } => match args.first() {
            Some(Value::Text(s)) => Value::Text(crate::engine::format::quote_literal(s)),
            _ => Value::Text("NULL".to_string()),
        },
        Scalar::ConcatWs => match args.first() {
            Some(Value::Text(sep)) => Value::Text(
                args[1..].iter().filter_map(as_text).collect::<Vec<_>>().join(sep.as_str()),
            ),
            _ => Value::Null,
        },
        Scalar::Replace if text(1).is_empty() => Value::Text(text(0).to_string()),
        Scalar::Replace => Value::Text(text(0).replace(text(1), text(2))),
        Scalar::Md5 => Value::Text(crate::engine::textfuncs::md5_hex(text(0).as_bytes())),
        Scalar::Left | Scalar::Right => {
            let chars: Vec<char> = text(0).chars().collect();
            let len = chars.len() as i64;
            let n = int(1);
            let keep = if n < 0 { (len + n).max(0) } else { n.min(len) } as usize;
            Value::Text(match f {
                Scalar::Left => chars[..keep].iter().collect(),
                _ => chars[chars.len() - keep..].iter().collect(),
            })
        }
        Scalar::SplitPart => {
            let n = int(2);
            if n == 0 {
                return Err(Error::new("22023", "field position must not be zero"));
            }
            let parts: Vec<&str> =
                if text(1).is_empty() { vec![text(0)] } else { text(0).split(text(1)).collect() };
            let index = if n > 0 { n - 1 } else { parts.len() as i64 + n };
            let part = usize::try_from(index).ok().and_then(|i| parts.get(i)).copied();
            Value::Text(part.unwrap_or("").to_string())
        }
        Scalar::RegexpReplace => {
            let flags = if args.len() > 3 { text(3) } else { "" };
            let re = crate::engine::textfuncs::regex(text(1), flags.contains('i'))?;
            let replacement = crate::engine::textfuncs::replacement(text(2));
            let limit = if flags.contains('g') { 0 } else { 1 };
            Value::Text(re.replacen(text(0), limit, replacement.as_str()).into_owned())
        }
        Scalar::RegexMatch { case_insensitive, negated } => Value::Bool(
            crate::engine::textfuncs::regex(text(1), case_insensitive)?.is_match(text(0))
                != negated,
        ),
        Scalar::Greatest | Scalar::Least => {
            let want = if f == Scalar::Greatest {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Less
            };
            let mut best = Value::Null;
            for v in args.into_iter().filter(|v| !v.is_null()) {
                if best.is_null()
                    || crate::engine::array_order::compare_as(&v, &best, ty) == Some(want)
                {
                    best = v;
                }
            }
            best
        }
        Scalar::Round => round(&args)?,
        Scalar::Timezone => {
            let tz = crate::engine::timezone::zone_argument(text(0))?;
            match args.get(1) {
                Some(Value::Timestamptz(t)) => {
                    Value::Timestamp(t + crate::engine::timezone::offset_in(&tz, *t) * 1_000_000)
                }
                Some(Value::Timestamp(t)) => {
                    Value::Timestamptz(crate::engine::timezone::local_to_instant_in(&tz, *t))
                }
                _ => Value::Null,
            }
        }
        Scalar::DateTrunc => {
            // A timestamptz is truncated on the session zone's wall clock.
            let (usecs, zone) = match args.get(1) {
                Some(Value::Timestamp(t)) => (*t, false),
                Some(Value::Timestamptz(t)) => {
                    (t + crate::engine::timezone::session_offset(*t) * 1_000_000, true)
                }
                _ => return Ok(Value::Null),
            };
            let t = crate::engine::dateparts::truncate(&text(0).to_lowercase(), usecs).ok_or_else(
                || {
                    Error::new(
                        "22023",
                        format!("unit \"{}\" not recognized for type {}", text(0), ty.pg_name()),
                    )
                },
            )?;
            if zone {
                Value::Timestamptz(crate::engine::timezone::session_local_to_instant(t))
            } else {
                Value::Timestamp(t)
            }
        }
        Scalar::Extract | Scalar::DatePart => {
            let part = crate::engine::dateparts::date_part(
                &text(0).to_lowercase(),
                &args[1],
                f == Scalar::Extract,
            )?;
            match f {
                Scalar::Extract => Value::Numeric(part),
                _ => Value::Float(part.to_string().parse().unwrap_or(0.0)),
            }
        }
        // eval.rs answers from the statement's context; this is the session user's.
        Scalar::CurrentUser => Value::Text(crate::engine::admin::SESSION_USER.into()),
        Scalar::BuildObject { json } => crate::engine::jsonbuild::build_object(&args, json)?,
        Scalar::ToJson(kind) => match args.into_iter().next() {
            None | Some(Value::Null) => Value::Null,
            Some(v) => {
                let text = json::to_text(&crate::engine::jsonbuild::to_json(kind, v)?);
                if *ty == DataType::Json { Value::Json(text) } else { Value::Jsonb(text) }
            }
        },
        Scalar::JsonbSet => crate::engine::jsonbuild::jsonb_set(&args)?,
        Scalar::ToTsVector => {
            Value::Text(crate::engine::textsearch::to_tsvector(text(0), text(1))?)
        }
        Scalar::ArrayOf => {
            let elements: Vec<Option<String>> =
                args.iter().map(|v| as_text(v).map(str::to_string)).collect();
            Value::Text(crate::engine::arrays::format_elements(&elements))
        }
        Scalar::StackArrays => {
            let parts: Vec<Option<&str>> = args.iter().map(as_text).collect();
            Value::Text(crate::engine::array_dims::stack(&parts)?)
        }
        Scalar::InArray { all, negated } => {
            let elements = crate::engine::arrays::parse_elements(text(1))?;
            let mut saw_null = false;
            let mut decided = None;
            for e in &elements {
                match e {
                    None => saw_null = true,
                    // = ANY: one match decides; <> ALL: one match decides the other way.
                    Some(s) if (s == text(0)) != negated => {
                        if !all {
                            decided = Some(true);
                            break;
                        }
                    }
                    Some(_) if all => {
                        decided = Some(false);
                        break;
                    }
                    Some(_) => {}
                }
            }
            match decided {
                Some(b) => Value::Bool(b),
                None if saw_null => Value::Null,
                None => Value::Bool(all),
            }
        }
        Scalar::Array(f) => crate::engine::array_funcs::eval(f, args, ty)?,
        Scalar::Repeat => Value::Text(crate::engine::textfuncs::repeat(text(0), int(1))?),
        Scalar::Pad { left } => {
            let fill = if args.len() == 3 { text(2) } else { " " };
            Value::Text(crate::engine::textfuncs::pad(text(0), int(1), fill, left)?)
        }
        Scalar::BoolText => match args.first() {
            Some(Value::Bool(b)) => Value::Text(if *b { "t" } else { "f" }.into()),
            _ => Value::Null,
        },
    })
}

fn as_text(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s),
        _ => None,
    }
}

fn round(args: &[Value]) -> Result<Value> {
    Ok(match args {
        [Value::Float(f)] => Value::Float(f.round_ties_even()),
        [Value::Numeric(d)] => Value::Numeric(round_numeric(*d, 0)),
        [Value::Numeric(d), Value::Int(s)] => Value::Numeric(round_numeric(*d, *s)),
        _ => Value::Null,
    })
}

/// numeric rounding: half away from zero, the result carrying `scale` digits (none when
/// rounding to tens or more).
fn round_numeric(d: Decimal, scale: i64) -> Decimal {
    use rust_decimal::RoundingStrategy::MidpointAwayFromZero;
    if scale >= 0 {
        let scale = scale.min(28) as u32;
        let mut r = d.round_dp_with_strategy(scale, MidpointAwayFromZero);
        r.rescale(scale);
        return r;
    }
    let factor = Decimal::from(10u64.saturating_pow((-scale).min(19) as u32));
    let mut r = (d / factor).round_dp_with_strategy(0, MidpointAwayFromZero) * factor;
    r.rescale(0);
    r
}
