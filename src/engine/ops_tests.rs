//! Unit tests of `ops.rs`: expected strings taken from PostgreSQL 15.
use super::*;
use crate::engine::value::tests::{show, ty};

fn binary_op(name: &str) -> BinaryOp {
    use BinaryOp as B;
    match name {
        "+" => B::Plus,
        "-" => B::Minus,
        "*" => B::Multiply,
        "/" => B::Divide,
        "%" => B::Modulo,
        "=" => B::Eq,
        "<>" => B::NotEq,
        "<" => B::Lt,
        "<=" => B::LtEq,
        ">" => B::Gt,
        ">=" => B::GtEq,
        "CONCAT" => B::Concat,
        "LIKE" => B::Like,
        "NOT LIKE" => B::NotLike,
        "ILIKE" => B::ILike,
        "NOT ILIKE" => B::NotILike,
        "->" => B::JsonGet,
        "->>" => B::JsonGetText,
        "@>" => B::JsonContains,
        _ => B::JsonHasKey,
    }
}

/// `'l'::lt op 'r'::rt`: value and `pg_typeof` as PostgreSQL 15 gives them.
const BINARY: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("integer", "2147483647", "+", "integer", "1", "ERROR:  22003: integer out of range", ""),
    ("smallint", "32767", "+", "smallint", "1", "ERROR:  22003: smallint out of range", ""),
    ("smallint", "1", "+", "smallint", "2", "3", "smallint"),
    ("smallint", "1", "+", "integer", "2", "3", "integer"),
    ("integer", "1", "+", "bigint", "2", "3", "bigint"),
    ("bigint", "9223372036854775807", "*", "bigint", "2", "ERROR:  22003: bigint out of range", ""),
    ("integer", "7", "/", "integer", "2", "3", "integer"),
    ("integer", "-7", "/", "integer", "2", "-3", "integer"),
    ("integer", "-7", "%", "integer", "2", "-1", "integer"),
    ("integer", "7", "%", "integer", "-2", "1", "integer"),
    ("integer", "1", "/", "integer", "0", "ERROR:  22012: division by zero", ""),
    ("integer", "1", "%", "integer", "0", "ERROR:  22012: division by zero", ""),
    ("integer", "-2147483648", "/", "integer", "-1", "ERROR:  22003: integer out of range", ""),
    ("bigint", "-9223372036854775808", "%", "bigint", "-1", "0", "bigint"),
    ("numeric", "10", "/", "numeric", "3", "3.3333333333333333", "numeric"),
    ("numeric", "1.0", "/", "numeric", "3", "0.33333333333333333333", "numeric"),
    ("integer", "1", "/", "numeric", "3", "0.33333333333333333333", "numeric"),
    (
        "numeric",
        "12345678901234567890",
        "/",
        "numeric",
        "0.0001",
        "123456789012345678900000.0000",
        "numeric",
    ),
    ("numeric", "0.001", "/", "numeric", "7", "0.00014285714285714286", "numeric"),
    ("numeric", "100000", "/", "numeric", "3.0", "33333.333333333333", "numeric"),
    ("numeric", "99999", "/", "numeric", "1", "99999.000000000000", "numeric"),
    ("numeric", "2", "/", "numeric", "3", "0.66666666666666666667", "numeric"),
    ("numeric", "1", "/", "numeric", "8", "0.12500000000000000000", "numeric"),
    ("numeric", "10000", "/", "numeric", "3", "3333.3333333333333333", "numeric"),
    ("numeric", "9999", "/", "numeric", "3", "3333.0000000000000000", "numeric"),
    ("numeric", "1", "/", "numeric", "10000", "0.000100000000000000000000", "numeric"),
    ("numeric", "123.456", "/", "numeric", "0.5", "246.9120000000000000", "numeric"),
    ("numeric", "7.5", "/", "numeric", "2.5", "3.0000000000000000", "numeric"),
    ("numeric", "-1", "/", "numeric", "3", "-0.33333333333333333333", "numeric"),
    ("numeric", "1", "/", "numeric", "0", "ERROR:  22012: division by zero", ""),
    ("numeric", "1", "%", "numeric", "0", "ERROR:  22012: division by zero", ""),
    ("numeric", "10.5", "%", "numeric", "3", "1.5", "numeric"),
    ("numeric", "10", "%", "numeric", "3.00", "1.00", "numeric"),
    ("numeric", "-10.5", "%", "numeric", "3", "-1.5", "numeric"),
    ("numeric", "1.5", "*", "numeric", "2.25", "3.375", "numeric"),
    ("numeric", "1.50", "*", "numeric", "2.0", "3.000", "numeric"),
    ("numeric", "1.5", "+", "numeric", "2.25", "3.75", "numeric"),
    ("numeric", "1.50", "-", "numeric", "1.5", "0.00", "numeric"),
    ("integer", "2", "*", "numeric", "1.50", "3.00", "numeric"),
    ("integer", "1", "+", "real", "1.5", "2.5", "double precision"),
    ("real", "1.5", "+", "real", "2.25", "3.75", "real"),
    ("real", "0.1", "+", "real", "0.2", "0.3", "real"),
    ("float8", "0.1", "+", "float8", "0.2", "0.30000000000000004", "double precision"),
    ("real", "3e38", "*", "real", "10", "ERROR:  22003: value out of range: overflow", ""),
    (
        "float8",
        "1e-300",
        "*",
        "float8",
        "1e-300",
        "ERROR:  22003: value out of range: underflow",
        "",
    ),
    ("float8", "1e300", "*", "float8", "1e300", "ERROR:  22003: value out of range: overflow", ""),
    ("float8", "1", "/", "float8", "0", "ERROR:  22012: division by zero", ""),
    ("float8", "0", "/", "float8", "0", "ERROR:  22012: division by zero", ""),
    (
        "float8",
        "1.5",
        "%",
        "integer",
        "1",
        "ERROR:  42883: operator does not exist: double precision % integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("numeric", "1.5", "+", "float8", "1", "2.5", "double precision"),
    ("float8", "1", "/", "float8", "3", "0.3333333333333333", "double precision"),
    ("integer", "10", "/", "float8", "4", "2.5", "double precision"),
    ("integer", "1", "=", "numeric", "1.00", "t", "boolean"),
    ("integer", "1", "<", "float8", "1.5", "t", "boolean"),
    ("numeric", "1.5", ">=", "real", "1.5", "t", "boolean"),
    ("text", "abc", "<", "text", "abd", "t", "boolean"),
    ("text", "B", "<", "text", "a", "t", "boolean"),
    ("char(3)", "a", "=", "text", "a", "t", "boolean"),
    ("char(3)", "a", "=", "char(5)", "a", "t", "boolean"),
    ("varchar(5)", "a ", "=", "char(3)", "a", "t", "boolean"),
    ("text", "a ", "=", "char(3)", "a", "f", "boolean"),
    ("char(3)", "a", "<", "char(3)", "a", "f", "boolean"),
    ("boolean", "false", "<", "boolean", "true", "t", "boolean"),
    (
        "integer",
        "1",
        "=",
        "text",
        "1",
        "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    (
        "integer",
        "1",
        "=",
        "boolean",
        "true",
        "ERROR:  42883: operator does not exist: integer = boolean | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    (
        "json",
        "{}",
        "=",
        "json",
        "{}",
        "ERROR:  42883: operator does not exist: json = json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("jsonb", "{\"a\":1, \"b\":2}", "=", "jsonb", "{\"b\":2,\"a\":1}", "t", "boolean"),
    (
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "<",
        "uuid",
        "b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "t",
        "boolean",
    ),
    ("date", "2024-01-05", "<", "timestamp", "2024-01-05 10:00:00", "t", "boolean"),
    ("date", "2024-01-05", "=", "timestamp", "2024-01-05", "t", "boolean"),
    ("date", "2024-01-05", "+", "integer", "30", "2024-02-04", "date"),
    ("integer", "30", "+", "date", "2024-01-05", "2024-02-04", "date"),
    ("date", "2024-03-01", "-", "date", "2024-02-01", "29", "integer"),
    ("date", "2024-03-01", "-", "integer", "1", "2024-02-29", "date"),
    (
        "date",
        "2024-03-01",
        "+",
        "bigint",
        "1",
        "ERROR:  42883: operator does not exist: date + bigint | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    (
        "date",
        "2024-03-01",
        "*",
        "integer",
        "1",
        "ERROR:  42883: operator does not exist: date * integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("text", "a", "CONCAT", "integer", "1", "a1", "text"),
    ("integer", "1", "CONCAT", "text", "a", "1a", "text"),
    ("varchar(3)", "ab", "CONCAT", "text", "c", "abc", "text"),
    ("char(3)", "a", "CONCAT", "text", "b", "ab", "text"),
    ("boolean", "true", "CONCAT", "text", "x", "truex", "text"),
    ("numeric", "1.50", "CONCAT", "text", "x", "1.50x", "text"),
    ("real", "1.5", "CONCAT", "text", "x", "1.5x", "text"),
    (
        "integer",
        "1",
        "CONCAT",
        "integer",
        "2",
        "ERROR:  42883: operator does not exist: integer || integer | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    (
        "json",
        "{}",
        "CONCAT",
        "json",
        "{}",
        "ERROR:  42883: operator does not exist: json || json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    (
        "jsonb",
        "{\"a\":1}",
        "CONCAT",
        "jsonb",
        "{\"b\":2, \"a\":3}",
        "{\"a\": 3, \"b\": 2}",
        "jsonb",
    ),
    ("jsonb", "[1,2]", "CONCAT", "jsonb", "[3]", "[1, 2, 3]", "jsonb"),
    ("jsonb", "{\"a\":1}", "CONCAT", "text", "x", "{\"a\": 1}x", "text"),
    ("text", "abc", "LIKE", "text", "a%", "t", "boolean"),
    ("text", "abc", "LIKE", "text", "a_c", "t", "boolean"),
    ("text", "abc", "LIKE", "text", "_b", "f", "boolean"),
    ("text", "a%c", "LIKE", "text", "a\\%c", "t", "boolean"),
    ("text", "abc", "LIKE", "text", "a\\%c", "f", "boolean"),
    (
        "text",
        "ab",
        "LIKE",
        "text",
        "a\\",
        "ERROR:  22025: LIKE pattern must not end with escape character",
        "",
    ),
    ("text", "ABC", "ILIKE", "text", "a%", "t", "boolean"),
    ("text", "ABC", "NOT LIKE", "text", "a%", "t", "boolean"),
    ("text", "ABC", "NOT ILIKE", "text", "a%", "f", "boolean"),
    ("char(3)", "a", "LIKE", "text", "a", "f", "boolean"),
    ("char(3)", "a", "LIKE", "text", "a__", "t", "boolean"),
    (
        "text",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "LIKE",
        "text",
        "%a%a%a%a%a%a%a%a%c",
        "f",
        "boolean",
    ),
    ("text", "xaybzc", "LIKE", "text", "%a%b%c", "t", "boolean"),
    ("text", "", "LIKE", "text", "%", "t", "boolean"),
    (
        "integer",
        "1",
        "LIKE",
        "text",
        "1",
        "ERROR:  42883: operator does not exist: integer ~~ text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("json", "{\"a\": [1,  2], \"a\": 3}", "->", "text", "a", "3", "json"),
    ("json", "{\"a\": [1,  2]}", "->", "text", "a", "[1,  2]", "json"),
    ("json", "{\"a\": [1,  2]}", "->>", "text", "a", "[1,  2]", "text"),
    ("json", "{\"a\": \"x\\\"y\"}", "->>", "text", "a", "x\"y", "text"),
    ("json", "{\"a\": null}", "->>", "text", "a", "", "text"),
    ("json", "{\"a\": null}", "->", "text", "a", "null", "json"),
    ("json", "[1, \"x\", {\"b\" : 2}]", "->", "integer", "-1", "{\"b\" : 2}", "json"),
    ("json", "[1, \"x\", {\"b\" : 2}]", "->", "integer", "5", "", "json"),
    ("json", "[1, \"x\"]", "->>", "integer", "1", "x", "text"),
    ("json", "{\"a\":1}", "->", "integer", "0", "", "json"),
    ("json", "[1]", "->", "text", "a", "", "json"),
    ("jsonb", "{\"a\": {\"b\": [1, 2]}}", "->", "text", "a", "{\"b\": [1, 2]}", "jsonb"),
    ("jsonb", "{\"a\": {\"b\": [1, 2]}}", "->>", "text", "a", "{\"b\": [1, 2]}", "text"),
    ("jsonb", "{\"a\": \"x\"}", "->>", "text", "a", "x", "text"),
    ("jsonb", "[1,2]", "->", "integer", "-1", "2", "jsonb"),
    ("jsonb", "[1,2]", "->", "integer", "-3", "", "jsonb"),
    (
        "jsonb",
        "{\"a\":1}",
        "->",
        "bigint",
        "1",
        "ERROR:  42883: operator does not exist: jsonb -> bigint | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("jsonb", "{\"a\":1}", "->", "smallint", "1", "", "jsonb"),
    ("jsonb", "{\"a\":1, \"b\":[1,2,3]}", "@>", "jsonb", "{\"b\":[3]}", "t", "boolean"),
    ("jsonb", "{\"a\":1, \"b\":[1,2,3]}", "@>", "jsonb", "{\"a\":2}", "f", "boolean"),
    ("jsonb", "[1,2]", "@>", "jsonb", "1", "t", "boolean"),
    ("jsonb", "{\"a\":1}", "?", "text", "a", "t", "boolean"),
    ("jsonb", "[\"a\"]", "?", "text", "a", "t", "boolean"),
    ("jsonb", "\"a\"", "?", "text", "a", "t", "boolean"),
    ("jsonb", "{\"a\":1}", "?", "text", "b", "f", "boolean"),
    (
        "json",
        "{\"a\":1}",
        "?",
        "text",
        "a",
        "ERROR:  42883: operator does not exist: json ? text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        "",
    ),
    ("jsonb", "5", "->", "integer", "0", "5", "jsonb"),
    ("jsonb", "\"a\"", "->", "integer", "-1", "\"a\"", "jsonb"),
    ("jsonb", "5", "->>", "integer", "0", "5", "text"),
    ("jsonb", "5", "->", "integer", "1", "", "jsonb"),
    ("json", "5", "->", "integer", "0", "", "json"),
    ("jsonb", "{\"a\":1}", "->", "integer", "0", "", "jsonb"),
];

#[test]
fn binary_operators_match_postgres() {
    let mut bad = Vec::new();
    for (lt, lv, op, rt, rv, want, want_ty) in BINARY {
        let (lt, rt, op) = (ty(lt), ty(rt), binary_op(op));
        let lit =
            |v: &str, t: &DataType| cast(Value::Text(v.to_string()), &DataType::Unknown, t, true);
        let got = lit(lv, &lt).and_then(|l| lit(rv, &rt).map(|r| (l, r))).and_then(|(l, r)| {
            let t = binary_result_type(op, &lt, &rt)?;
            Ok((eval_binary(op, &l, &lt, &r, &rt)?.to_text(&t), t.pg_name()))
        });
        let (got, got_ty) = match got {
            Ok((v, t)) => (v, t),
            Err(e) => (show(Err(e)), String::new()),
        };
        if got != *want || got_ty != *want_ty {
            bad.push(format!(
                "{lv}::{lt} {op:?} {rv}::{rt}: got {got:?} ({got_ty}), want {want:?} ({want_ty})"
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn common_types_match_postgres() {
    // (context, types in PostgreSQL's order (CASE: ELSE first), pg_typeof or error)
    let cases: &[(&str, &[&str], &str)] = &[
        ("COALESCE", &["smallint", "integer"], "integer"),
        ("COALESCE", &["integer", "bigint"], "bigint"),
        ("COALESCE", &["integer", "numeric"], "numeric"),
        ("COALESCE", &["integer", "real"], "real"),
        ("COALESCE", &["numeric", "real"], "real"),
        ("COALESCE", &["real", "float8"], "double precision"),
        ("COALESCE", &["float8", "integer"], "double precision"),
        ("COALESCE", &["unknown", "integer"], "integer"),
        ("COALESCE", &["unknown", "unknown"], "unknown"),
        ("COALESCE", &["varchar", "text"], "character varying"),
        ("COALESCE", &["text", "varchar"], "text"),
        ("COALESCE", &["char(2)", "varchar"], "bpchar"),
        ("COALESCE", &["varchar(3)", "varchar(5)"], "character varying"),
        ("COALESCE", &["varchar(3)", "varchar(3)"], "character varying(3)"),
        ("COALESCE", &["varchar(3)", "unknown"], "character varying"),
        ("COALESCE", &["date", "timestamp"], "timestamp without time zone"),
        ("COALESCE", &["timestamptz", "timestamp"], "timestamp with time zone"),
        ("COALESCE", &["date", "timestamptz"], "timestamp with time zone"),
        (
            "COALESCE",
            &["integer", "text"],
            "ERROR:  42804: COALESCE types integer and text cannot be matched",
        ),
        (
            "COALESCE",
            &["numeric", "real", "boolean"],
            "ERROR:  42804: COALESCE types real and boolean cannot be matched",
        ),
        (
            "COALESCE",
            &["char(3)", "integer"],
            "ERROR:  42804: COALESCE types character and integer cannot be matched",
        ),
        (
            "COALESCE",
            &["varchar(3)", "integer"],
            "ERROR:  42804: COALESCE types character varying and integer cannot be matched",
        ),
        (
            "COALESCE",
            &["json", "jsonb"],
            "ERROR:  42846: COALESCE could not convert type jsonb to json",
        ),
        (
            "COALESCE",
            &["uuid", "jsonb"],
            "ERROR:  42846: COALESCE could not convert type jsonb to uuid",
        ),
        (
            "COALESCE",
            &["numeric(5,2)", "text"],
            "ERROR:  42804: COALESCE types numeric and text cannot be matched",
        ),
        (
            "COALESCE",
            &["integer", "date"],
            "ERROR:  42804: COALESCE types integer and date cannot be matched",
        ),
        (
            "CASE",
            &["text", "integer"],
            "ERROR:  42804: CASE types text and integer cannot be matched",
        ),
        (
            "CASE",
            &["integer", "text", "numeric"],
            "ERROR:  42804: CASE types integer and text cannot be matched",
        ),
        (
            "CASE",
            &["jsonb", "json"],
            "ERROR:  42846: CASE/WHEN could not convert type json to jsonb",
        ),
        (
            "VALUES",
            &["integer", "text"],
            "ERROR:  42804: VALUES types integer and text cannot be matched",
        ),
        (
            "VALUES",
            &["json", "jsonb"],
            "ERROR:  42846: VALUES could not convert type jsonb to json",
        ),
        (
            "UNION",
            &["integer", "text"],
            "ERROR:  42804: UNION types integer and text cannot be matched",
        ),
        (
            "IN",
            &["integer", "text"],
            "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        ),
        (
            "IN",
            &["integer", "numeric", "text", "boolean"],
            "ERROR:  42883: operator does not exist: integer = text | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        ),
        (
            "IN",
            &["integer", "boolean", "text"],
            "ERROR:  42883: operator does not exist: integer = boolean | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        ),
        (
            "IN",
            &["json", "jsonb"],
            "ERROR:  42883: operator does not exist: json = jsonb | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        ),
        (
            "IN",
            &["json", "json"],
            "ERROR:  42883: operator does not exist: json = json | HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.",
        ),
    ];
    for (context, types, want) in cases {
        let types: Vec<DataType> =
            types.iter().map(|t| if *t == "unknown" { DataType::Unknown } else { ty(t) }).collect();
        assert_eq!(
            show(common_type(context, &types).map(|t| t.pg_name())),
            *want,
            "{context} {types:?}"
        );
    }
}

#[test]
fn unary_operators_match_postgres() {
    let neg =
        |v: Value, t: &str| show(eval_unary(UnaryOp::Minus, &v, &ty(t)).map(|v| v.to_text(&ty(t))));
    assert_eq!(neg(Value::Int(-2147483648), "integer"), "ERROR:  22003: integer out of range");
    assert_eq!(neg(Value::Int(-32768), "smallint"), "ERROR:  22003: smallint out of range");
    assert_eq!(neg(Value::Int(-2147483648), "bigint"), "2147483648");
    assert_eq!(neg(Value::Numeric(Decimal::new(250, 2)), "numeric"), "-2.50");
    assert_eq!(neg(Value::Numeric(Decimal::new(0, 1)), "numeric"), "0.0");
    assert_eq!(neg(Value::Float(0.0), "float8"), "-0");
    assert_eq!(
        neg(Value::Text("a".into()), "varchar(5)"),
        "ERROR:  42883: operator does not exist: - character varying | HINT:  No operator matches the given name and argument type. You might need to add an explicit type cast."
    );
    assert_eq!(
        show(unary_result_type(UnaryOp::Minus, &DataType::Unknown).map(|t| t.pg_name())),
        "ERROR:  42725: operator is not unique: - unknown | HINT:  Could not choose a best candidate operator. You might need to add explicit type casts."
    );
    assert_eq!(
        show(unary_result_type(UnaryOp::Not, &ty("varchar(5)")).map(|t| t.pg_name())),
        "ERROR:  42804: argument of NOT must be type boolean, not type character varying"
    );
    assert_eq!(
        show(
            eval_unary(UnaryOp::Not, &Value::Bool(true), &DataType::Boolean)
                .map(|v| v.to_text(&DataType::Boolean))
        ),
        "f"
    );
}
