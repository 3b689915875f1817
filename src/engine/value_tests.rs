//! Unit tests of `value.rs`: expected strings taken from PostgreSQL 15.
use super::*;

/// A type as written after `::` in the oracle queries.
pub(crate) fn ty(name: &str) -> DataType {
    let arg = |s: &str| {
        s.split_once('(')
            .and_then(|(_, r)| r.strip_suffix(')'))
            .map(|a| a.split(',').filter_map(|n| n.trim().parse::<u32>().ok()).collect::<Vec<_>>())
    };
    match name.split('(').next().unwrap_or("") {
        "smallint" => DataType::SmallInt,
        "integer" | "int" => DataType::Integer,
        "bigint" => DataType::BigInt,
        "numeric" => DataType::Numeric(arg(name).and_then(|a| Some((*a.first()?, *a.get(1)?)))),
        "real" => DataType::Real,
        "float8" => DataType::Double,
        "varchar" => DataType::Varchar(arg(name).and_then(|a| a.first().copied())),
        "char" => DataType::Char(arg(name).and_then(|a| a.first().copied())),
        "boolean" | "bool" => DataType::Boolean,
        "uuid" => DataType::Uuid,
        "json" => DataType::Json,
        "jsonb" => DataType::Jsonb,
        "date" => DataType::Date,
        "timestamp" => DataType::Timestamp,
        "timestamptz" => DataType::Timestamptz,
        _ => DataType::Text,
    }
}

/// psql's rendering of a result: the text, or `ERROR:  code: message | DETAIL:  ...`.
pub(crate) fn show(r: Result<String>) -> String {
    match r {
        Ok(s) => s,
        Err(e) => {
            let mut s = format!("ERROR:  {}: {}", e.sqlstate, e.message);
            if let Some(d) = &e.detail {
                s.push_str(&format!(" | DETAIL:  {d}"));
            }
            if let Some(h) = &e.hint {
                s.push_str(&format!(" | HINT:  {h}"));
            }
            s
        }
    }
}

/// `'input'::type` as PostgreSQL 15 prints it (expected strings from psql). Not covered:
/// more than 28 decimals (`0.12345678901234567890123456789` rounds to 28 here).
const PARSE: &[(&str, &str, &str)] = &[
    ("integer", " 12 ", "12"),
    ("smallint", "+5", "5"),
    ("bigint", "-0", "0"),
    ("integer", "abc", "ERROR:  22P02: invalid input syntax for type integer: \"abc\""),
    ("integer", "", "ERROR:  22P02: invalid input syntax for type integer: \"\""),
    ("integer", "1.5", "ERROR:  22P02: invalid input syntax for type integer: \"1.5\""),
    (
        "integer",
        "99999999999",
        "ERROR:  22003: value \"99999999999\" is out of range for type integer",
    ),
    ("smallint", "40000", "ERROR:  22003: value \"40000\" is out of range for type smallint"),
    (
        "bigint",
        "99999999999999999999",
        "ERROR:  22003: value \"99999999999999999999\" is out of range for type bigint",
    ),
    ("bigint", "-9223372036854775808", "-9223372036854775808"),
    ("numeric", "12.50", "12.50"),
    ("numeric", "-0.25", "-0.25"),
    ("numeric", "-0.0", "0.0"),
    ("numeric", "1.50e1", "15.0"),
    ("numeric", "1e5", "100000"),
    ("numeric", "1e-3", "0.001"),
    ("numeric", ".5", "0.5"),
    ("numeric", "5.", "5"),
    ("numeric", " +3.20 ", "3.20"),
    ("numeric", "1E+2", "100"),
    ("numeric", "0.000e-2", "0.00000"),
    ("numeric", "1-2", "ERROR:  22P02: invalid input syntax for type numeric: \"1-2\""),
    ("numeric", "abc", "ERROR:  22P02: invalid input syntax for type numeric: \"abc\""),
    ("numeric", ".", "ERROR:  22P02: invalid input syntax for type numeric: \".\""),
    ("numeric", "1e", "ERROR:  22P02: invalid input syntax for type numeric: \"1e\""),
    ("numeric(5,1)", "12.5", "12.5"),
    ("numeric(5,2)", "12.345", "12.35"),
    ("numeric(5,2)", "12.355", "12.36"),
    ("numeric(5,2)", "-12.355", "-12.36"),
    (
        "numeric(5,2)",
        "999.995",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 5, scale 2 must round to an absolute value less than 10^3.",
    ),
    ("numeric(3,3)", "0.5", "0.500"),
    (
        "numeric(3,3)",
        "1",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 3, scale 3 must round to an absolute value less than 1.",
    ),
    (
        "numeric(3,3)",
        "0.9995",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 3, scale 3 must round to an absolute value less than 1.",
    ),
    ("numeric(2,3)", "0.05", "0.050"),
    (
        "numeric(2,3)",
        "0.5",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 2, scale 3 must round to an absolute value less than 10^-1.",
    ),
    (
        "numeric(5,0)",
        "123456",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 5, scale 0 must round to an absolute value less than 10^5.",
    ),
    (
        "numeric(5,0)",
        "99999.5",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 5, scale 0 must round to an absolute value less than 10^5.",
    ),
    ("numeric", "79228162514264337593543950335", "79228162514264337593543950335"),
    ("boolean", "t", "t"),
    ("boolean", "TRUE", "t"),
    ("boolean", " yes ", "t"),
    ("boolean", "of", "f"),
    ("boolean", "off", "f"),
    ("boolean", "on", "t"),
    ("boolean", "o", "ERROR:  22P02: invalid input syntax for type boolean: \"o\""),
    ("boolean", "1", "t"),
    ("boolean", "0", "f"),
    ("boolean", "n", "f"),
    ("boolean", "tr", "t"),
    ("boolean", "truex", "ERROR:  22P02: invalid input syntax for type boolean: \"truex\""),
    ("boolean", "2", "ERROR:  22P02: invalid input syntax for type boolean: \"2\""),
    ("uuid", "{A0EEBC99-9C0B4EF8-BB6D6BB9BD380A11}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
    ("uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
    ("uuid", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
    (
        "uuid",
        " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "ERROR:  22P02: invalid input syntax for type uuid: \" a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"",
    ),
    (
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        "ERROR:  22P02: invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"",
    ),
    (
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "ERROR:  22P02: invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111\"",
    ),
    ("varchar(5)", "abcdef", "abcde"),
    ("varchar(5)", "abc   ", "abc  "),
    ("char(5)", "abc", "abc  "),
    ("char(5)", "abcdefg  ", "abcde"),
    ("float8", "1.5", "1.5"),
    ("float8", "0.1", "0.1"),
    ("float8", "1e20", "1e+20"),
    ("float8", "1e15", "1e+15"),
    ("float8", "1e14", "100000000000000"),
    ("float8", "123456789012345678", "1.2345678901234568e+17"),
    ("float8", "0.0001", "0.0001"),
    ("float8", "0.00001", "1e-05"),
    ("float8", "-0", "-0"),
    ("float8", "1e-400", "ERROR:  22003: \"1e-400\" is out of range for type double precision"),
    ("float8", " 1e400 ", "ERROR:  22003: \"1e400\" is out of range for type double precision"),
    ("float8", "1e308", "1e+308"),
    ("float8", "4.9e-324", "5e-324"),
    ("float8", "Infinity", "Infinity"),
    ("float8", "-inf", "-Infinity"),
    ("float8", "nan", "NaN"),
    (
        "float8",
        "infinityx",
        "ERROR:  22P02: invalid input syntax for type double precision: \"infinityx\"",
    ),
    ("float8", "abc", "ERROR:  22P02: invalid input syntax for type double precision: \"abc\""),
    ("real", "1.1", "1.1"),
    ("real", "16777217", "1.6777216e+07"),
    ("real", "1e39", "ERROR:  22003: \"1e39\" is out of range for type real"),
    ("real", "1e-50", "ERROR:  22003: \"1e-50\" is out of range for type real"),
    ("real", "1e-45", "1e-45"),
    ("real", "3.4028235e38", "3.4028235e+38"),
    ("real", "0.1", "0.1"),
    ("real", "1e6", "1e+06"),
    ("real", "123456", "123456"),
    ("real", "1234567", "1.234567e+06"),
    ("real", "3.14159265358979", "3.1415927"),
    ("real", "x", "ERROR:  22P02: invalid input syntax for type real: \"x\""),
    (
        "jsonb",
        "{\"b\":1,\"a\":[1,2],\"aa\":{\"y\":true,\"x\":null}}",
        "{\"a\": [1, 2], \"b\": 1, \"aa\": {\"x\": null, \"y\": true}}",
    ),
    ("jsonb", "{\"a\":1,\"a\":2}", "{\"a\": 2}"),
    (
        "jsonb",
        "{\"a\": 1.50, \"b\": 1e2, \"c\": -0, \"d\": 1.0e1, \"e\": 0.00}",
        "{\"a\": 1.50, \"b\": 100, \"c\": 0, \"d\": 10, \"e\": 0.00}",
    ),
    ("jsonb", "\"tab\\there \\u00e9 \\u0001 \\/\"", "\"tab\\there é \\u0001 /\""),
    ("jsonb", "  [1, 2 ,\"x\"]  ", "[1, 2, \"x\"]"),
    (
        "jsonb",
        "{\"bb\":1,\"a\":2,\"ccc\":3,\"b\":4}",
        "{\"a\": 2, \"b\": 4, \"bb\": 1, \"ccc\": 3}",
    ),
    ("json", "{\"b\":1,  \"a\":2}", "{\"b\":1,  \"a\":2}"),
    (
        "jsonb",
        "{\"a\":1",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  The input string ended unexpectedly.",
    ),
    (
        "jsonb",
        "x",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  Token \"x\" is invalid.",
    ),
    (
        "jsonb",
        "",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  The input string ended unexpectedly.",
    ),
    (
        "json",
        "{\"a\" 1}",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  Expected \":\", but found \"1\".",
    ),
    (
        "json",
        "tru",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  Token \"tru\" is invalid.",
    ),
    (
        "json",
        "1 2",
        "ERROR:  22P02: invalid input syntax for type json | DETAIL:  Expected end of input, but found \"2\".",
    ),
    ("date", "2024-01-05", "2024-01-05"),
    ("timestamp", "2024-01-05 10:00:00", "2024-01-05 10:00:00"),
    ("timestamptz", "2024-01-05 10:00:00.5", "2024-01-05 10:00:00.5+00"),
    ("date", "x", "ERROR:  22007: invalid input syntax for type date: \"x\""),
    ("date", "2024-02-30", "ERROR:  22008: date/time field value out of range: \"2024-02-30\""),
    ("float8", "123456789012345.6", "123456789012345.6"),
    ("float8", "1234567890123456.7", "1.2345678901234568e+15"),
    ("float8", "1.7976931348623157e308", "1.7976931348623157e+308"),
    ("float8", "0.000123", "0.000123"),
    ("float8", "-1.5e-7", "-1.5e-07"),
    ("float8", "100", "100"),
    ("real", "1.17549435e-38", "1.1754944e-38"),
    ("real", "999999", "999999"),
    ("real", "9999999", "9.999999e+06"),
    ("real", "-0.00012345", "-0.00012345"),
];

#[test]
fn parse_and_output_match_postgres() {
    let mut bad = Vec::new();
    for (t, input, want) in PARSE {
        let ty = ty(t);
        let got = show(
            cast(Value::Text(input.to_string()), &DataType::Unknown, &ty, true)
                .map(|v| v.to_text(&ty)),
        );
        if got != *want {
            bad.push(format!("'{input}'::{t}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn assignment_casts() {
    let assign = |v: Value, from: &str, to: &str| {
        show(cast(v, &ty(from), &ty(to), false).map(|v| v.to_text(&ty(to))))
    };
    let text = |s: &str| Value::Text(s.to_string());
    assert_eq!(
        assign(text("abcdef"), "text", "varchar(5)"),
        "ERROR:  22001: value too long for type character varying(5)"
    );
    assert_eq!(assign(text("abc     "), "text", "varchar(5)"), "abc  ");
    assert_eq!(
        assign(text("abcd"), "text", "char(3)"),
        "ERROR:  22001: value too long for type character(3)"
    );
    assert_eq!(assign(text("ab  "), "text", "char(3)"), "ab ");
    assert_eq!(
        show(Value::parse("abcdef", &ty("varchar(5)")).map(|v| v.to_text(&ty("text")))),
        "ERROR:  22001: value too long for type character varying(5)"
    );
    assert_eq!(
        assign(Value::Numeric(Decimal::new(99996, 2)), "numeric", "numeric(4,1)"),
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 4, scale 1 must round to an absolute value less than 10^3."
    );
    assert_eq!(
        assign(Value::Int(40000), "integer", "smallint"),
        "ERROR:  22003: smallint out of range"
    );
    assert_eq!(assign(Value::Float(2.5), "float8", "integer"), "2");
    assert_eq!(assign(Value::Numeric(Decimal::new(35, 1)), "numeric", "integer"), "4");
    assert_eq!(assign(Value::Numeric(Decimal::new(150, 2)), "numeric", "text"), "1.50");
    assert_eq!(assign(Value::Bool(true), "boolean", "text"), "true");
    assert_eq!(
        assign(Value::Int(123456), "integer", "varchar(5)"),
        "ERROR:  22001: value too long for type character varying(5)"
    );
    assert_eq!(
        assign(Value::Bool(true), "boolean", "integer"),
        "ERROR:  42846: cannot cast type boolean to integer"
    );
    assert_eq!(
        assign(Value::Int(1), "integer", "boolean"),
        "ERROR:  42846: cannot cast type integer to boolean"
    );
    assert_eq!(
        assign(Value::Jsonb("1".into()), "jsonb", "integer"),
        "ERROR:  42846: cannot cast type jsonb to integer"
    );
}

/// `'literal'::from::to` as PostgreSQL 15 prints it. Not covered: float Infinity/NaN to
/// numeric (PostgreSQL 15 has numeric Infinity; fksim refuses with 0A000).
const CASTS: &[(&str, &str, &str, &str)] = &[
    ("2.5", "numeric", "integer", "3"),
    ("-2.5", "numeric", "integer", "-3"),
    ("2.5", "float8", "integer", "2"),
    ("3.5", "float8", "integer", "4"),
    ("-3.5", "float8", "smallint", "-4"),
    ("1e10", "float8", "integer", "ERROR:  22003: integer out of range"),
    ("nan", "float8", "integer", "ERROR:  22003: integer out of range"),
    ("9.3e18", "float8", "bigint", "ERROR:  22003: bigint out of range"),
    ("2147483648", "bigint", "integer", "ERROR:  22003: integer out of range"),
    ("32768", "integer", "smallint", "ERROR:  22003: smallint out of range"),
    ("1e20", "numeric", "bigint", "ERROR:  22003: bigint out of range"),
    ("0.30000000000000004", "float8", "numeric", "0.3"),
    ("1.1", "real", "numeric", "1.1"),
    ("123456789", "real", "numeric", "123457000"),
    ("1e20", "float8", "numeric", "100000000000000000000"),
    ("1.5e-5", "float8", "numeric", "0.000015"),
    ("123456789012345678", "float8", "numeric", "123456789012346000"),
    ("0.1", "float8", "numeric(5,3)", "0.100"),
    ("12.345", "numeric", "numeric(4,2)", "12.35"),
    (
        "123.45",
        "numeric",
        "numeric(4,2)",
        "ERROR:  22003: numeric field overflow | DETAIL:  A field with precision 4, scale 2 must round to an absolute value less than 10^2.",
    ),
    ("7", "integer", "numeric(5,2)", "7.00"),
    ("1e300", "float8", "real", "ERROR:  22003: value out of range: overflow"),
    ("1e-300", "float8", "real", "ERROR:  22003: value out of range: underflow"),
    ("0.1", "float8", "real", "0.1"),
    ("0.1", "real", "float8", "0.10000000149011612"),
    ("16777217", "integer", "real", "1.6777216e+07"),
    ("9007199254740993", "bigint", "float8", "9.007199254740992e+15"),
    ("0.1", "numeric", "float8", "0.1"),
    ("0.1", "numeric", "real", "0.1"),
    ("true", "boolean", "text", "true"),
    ("false", "boolean", "varchar(3)", "fal"),
    ("true", "boolean", "integer", "1"),
    ("5", "integer", "boolean", "t"),
    ("0", "integer", "boolean", "f"),
    ("1", "bigint", "boolean", "ERROR:  42846: cannot cast type bigint to boolean"),
    ("true", "boolean", "smallint", "ERROR:  42846: cannot cast type boolean to smallint"),
    ("true", "boolean", "numeric", "ERROR:  42846: cannot cast type boolean to numeric"),
    ("1", "numeric", "boolean", "ERROR:  42846: cannot cast type numeric to boolean"),
    ("1", "integer", "uuid", "ERROR:  42846: cannot cast type integer to uuid"),
    ("2024-01-05", "date", "integer", "ERROR:  42846: cannot cast type date to integer"),
    ("2024-01-05", "date", "text", "2024-01-05"),
    ("2024-01-05", "date", "timestamp", "2024-01-05 00:00:00"),
    ("2024-01-05 10:00:00", "timestamp", "date", "2024-01-05"),
    ("2024-01-05 10:00:00", "timestamp", "timestamptz", "2024-01-05 10:00:00+00"),
    ("2024-01-05", "date", "timestamptz", "2024-01-05 00:00:00+00"),
    ("1.5", "float8", "text", "1.5"),
    ("1.5", "real", "text", "1.5"),
    ("12.50", "numeric", "text", "12.50"),
    ("12.50", "numeric", "varchar(3)", "12."),
    ("abc", "char(5)", "text", "abc"),
    ("abc", "char(5)", "varchar", "abc"),
    ("abc", "char(5)", "char(2)", "ab"),
    ("abc", "char(5)", "char(7)", "abc    "),
    ("abcdef", "text", "char(3)", "abc"),
    ("42", "text", "integer", "42"),
    ("x", "text", "integer", "ERROR:  22P02: invalid input syntax for type integer: \"x\""),
    (" 1.5 ", "text", "numeric(3,2)", "1.50"),
    (
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "text",
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    ),
    (
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "uuid",
        "text",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    ),
    ("{\"b\":1,\"a\":[1,2]}", "json", "jsonb", "{\"a\": [1, 2], \"b\": 1}"),
    ("{\"b\":1,  \"a\":2}", "json", "text", "{\"b\":1,  \"a\":2}"),
    ("{\"b\":1,\"a\":2}", "jsonb", "json", "{\"a\": 2, \"b\": 1}"),
    ("{\"b\":1,\"a\":2}", "jsonb", "text", "{\"a\": 2, \"b\": 1}"),
    ("{\"b\":1}", "text", "jsonb", "{\"b\": 1}"),
    ("1", "jsonb", "integer", "1"),
    ("1.5", "jsonb", "integer", "2"),
    ("2.5", "jsonb", "numeric", "2.5"),
    ("2.5", "jsonb", "numeric(2,1)", "2.5"),
    ("true", "jsonb", "boolean", "t"),
    ("1e2", "jsonb", "float8", "100"),
    ("1", "jsonb", "real", "1"),
    ("\"a\"", "jsonb", "integer", "ERROR:  22023: cannot cast jsonb string to type integer"),
    ("null", "jsonb", "integer", "ERROR:  22023: cannot cast jsonb null to type integer"),
    ("{}", "jsonb", "boolean", "ERROR:  22023: cannot cast jsonb object to type boolean"),
    ("[1]", "jsonb", "numeric", "ERROR:  22023: cannot cast jsonb array to type numeric"),
    ("1", "jsonb", "boolean", "ERROR:  22023: cannot cast jsonb numeric to type boolean"),
    ("true", "jsonb", "integer", "ERROR:  22023: cannot cast jsonb boolean to type integer"),
    ("1e10", "jsonb", "integer", "ERROR:  22003: integer out of range"),
    ("1", "json", "integer", "ERROR:  42846: cannot cast type json to integer"),
    ("1", "jsonb", "uuid", "ERROR:  42846: cannot cast type jsonb to uuid"),
    ("1", "integer", "jsonb", "ERROR:  42846: cannot cast type integer to jsonb"),
    ("1", "integer", "json", "ERROR:  42846: cannot cast type integer to json"),
    ("1", "integer", "date", "ERROR:  42846: cannot cast type integer to date"),
];

#[test]
fn explicit_casts_match_postgres() {
    let mut bad = Vec::new();
    for (input, from, to, want) in CASTS {
        let (from, to) = (ty(from), ty(to));
        let v = cast(Value::Text(input.to_string()), &DataType::Unknown, &from, true)
            .and_then(|v| cast(v, &from, &to, true));
        let got = show(v.map(|v| v.to_text(&to)));
        if got != *want {
            bad.push(format!("'{input}'::{from}::{to}: got {got:?}, want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn equal_values_hash_alike() {
    use std::collections::hash_map::DefaultHasher;
    let h = |v: &Value| {
        let mut s = DefaultHasher::new();
        v.hash(&mut s);
        s.finish()
    };
    let groups = [
        vec![Value::Int(1), Value::Numeric(Decimal::new(100, 2)), Value::Float(1.0)],
        vec![Value::Int(0), Value::Numeric(Decimal::new(0, 3)), Value::Float(-0.0)],
        vec![
            Value::Numeric(Decimal::new(15, 1)),
            Value::Float(1.5),
            Value::Numeric(Decimal::new(1500, 3)),
        ],
        vec![
            Value::Int(9_007_199_254_740_993),
            Value::Numeric(Decimal::from(9_007_199_254_740_993i64)),
        ],
        vec![Value::Float(f64::NAN), Value::Float(-f64::NAN)],
        vec![Value::Date(1), Value::Timestamp(86_400_000_000)],
    ];
    for g in &groups {
        for a in g {
            for b in g {
                assert_eq!(a, b);
                assert_eq!(h(a), h(b), "{a:?} {b:?}");
            }
        }
    }
    assert_ne!(Value::Int(1), Value::Text("1".into()));
    assert_ne!(Value::Int(9_007_199_254_740_993), Value::Int(9_007_199_254_740_992));
    assert_eq!(compare(&Value::Text("B".into()), &Value::Text("a".into())), Some(Ordering::Less));
    assert_eq!(compare(&Value::Float(f64::NAN), &Value::Float(1e300)), Some(Ordering::Greater));
    assert_eq!(
        compare(&Value::Int(2), &Value::Numeric(Decimal::new(15, 1))),
        Some(Ordering::Greater)
    );
    assert_eq!(compare(&Value::Int(1), &Value::Bool(true)), None);
    assert_eq!(compare(&Value::Null, &Value::Null), None);
    assert_eq!(sort_cmp(&Value::Null, &Value::Int(1)), Ordering::Greater);
    assert_eq!(compare(&Value::Bool(false), &Value::Bool(true)), Some(Ordering::Less));
}
