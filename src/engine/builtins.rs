//! The functions PostgreSQL has that fksim knows by name, and the errors for a call fksim cannot
//! run: 0A000 when PostgreSQL would run it, PostgreSQL's own 42883/42725 when it would not.

use crate::engine::types::DataType;
use crate::engine::value::type_name;
use crate::error::{Error, Result};
use crate::sql::ast::Pos;

/// Built-in functions of PostgreSQL 15 that fksim does not evaluate, sorted: the common ones of
/// `pg_proc` (string, math, date/time, JSON, array, aggregate, window and system functions),
/// and the SQL-syntax functions sqlparser reads as calls (`greatest`, `current_date`, ...).
/// A call to one of them is a feature fksim lacks, never a function that does not exist.
#[rustfmt::skip]
const POSTGRES_ONLY: &[&str] = &[
    "abbrev", "acos", "acosd", "acosh", "age", "array_agg",
    "array_fill",
    "array_to_json",
    "ascii", "asin", "asind", "asinh", "atan", "atan2", "atan2d",
    "atand", "atanh", "bit_and", "bit_count", "bit_length", "bit_or", "bit_xor", "bool_and",
    "bool_or", "btrim", "cbrt", "ceil", "ceiling", "char_length",
    "character_length", "chr", "clock_timestamp", "col_description", "concat", "concat_ws",
    "convert", "convert_from", "convert_to", "corr", "cos", "cosd", "cosh", "cot", "cotd",
    "covar_pop", "covar_samp", "cume_dist", "current_catalog", "current_database", "current_date",
    "current_query", "current_role", "current_schema", "current_schemas", "current_setting",
    "current_time", "current_user", "date_bin", "date_part", "date_trunc", "daterange",
    "decode", "degrees", "dense_rank", "div", "encode", "every", "exp", "factorial", "first_value",
    "floor", "format", "format_type", "gcd", "get_bit", "get_byte",
    "greatest", "has_column_privilege", "has_database_privilege", "has_function_privilege",
    "has_schema_privilege", "has_sequence_privilege", "has_table_privilege", "host",
    "inet_client_addr", "inet_server_addr", "initcap", "int4range", "int8range", "isempty",
    "isfinite", "json_agg", "json_array_length", "json_build_array", "json_build_object",
    "json_each", "json_each_text", "json_extract_path", "json_extract_path_text", "json_object",
    "json_object_agg", "json_populate_record", "json_populate_recordset", "json_strip_nulls",
    "json_to_record", "json_to_recordset", "json_typeof", "jsonb_agg", "jsonb_array_length",
    "jsonb_build_array", "jsonb_build_object", "jsonb_each", "jsonb_each_text",
    "jsonb_extract_path", "jsonb_extract_path_text", "jsonb_insert", "jsonb_object",
    "jsonb_object_agg", "jsonb_path_exists", "jsonb_path_match", "jsonb_path_query",
    "jsonb_path_query_array", "jsonb_path_query_first", "jsonb_populate_record",
    "jsonb_populate_recordset", "jsonb_pretty", "jsonb_set", "jsonb_set_lax", "jsonb_strip_nulls",
    "jsonb_to_record", "jsonb_to_recordset", "jsonb_typeof", "justify_days", "justify_hours",
    "justify_interval", "lag", "last_value", "lastval", "lcm", "lead", "least", "left", "ln",
    "localtime", "localtimestamp", "log", "log10", "lower_inc", "lower_inf", "ltrim",
    "make_date", "make_interval", "make_time", "make_timestamp", "make_timestamptz", "md5",
    "min_scale", "mod", "mode", "normalize", "nth_value", "ntile", "num_nonnulls",
    "num_nulls", "numrange", "obj_description", "octet_length", "overlay", "percent_rank",
    "percentile_cont", "percentile_disc", "pg_advisory_lock", "pg_advisory_unlock",
    "pg_advisory_unlock_all", "pg_advisory_xact_lock", "pg_backend_pid", "pg_cancel_backend",
    "pg_column_size", "pg_current_xact_id", "pg_database_size", "pg_get_constraintdef",
    "pg_get_expr", "pg_get_functiondef", "pg_get_indexdef", "pg_get_serial_sequence",
    "pg_get_triggerdef", "pg_get_userbyid", "pg_get_viewdef", "pg_indexes_size",
    "pg_is_in_recovery", "pg_notify", "pg_postmaster_start_time", "pg_relation_size",
    "pg_size_pretty", "pg_sleep", "pg_sleep_for", "pg_sleep_until", "pg_table_is_visible",
    "pg_table_size", "pg_terminate_backend", "pg_total_relation_size", "pg_try_advisory_lock",
    "pg_try_advisory_xact_lock", "pg_typeof", "phraseto_tsquery", "pi", "plainto_tsquery",
    "position", "pow", "power", "quote_ident", "quote_literal", "quote_nullable", "radians",
    "random", "range_agg", "rank", "regexp_count", "regexp_instr", "regexp_like", "regexp_match",
    "regexp_matches", "regexp_replace", "regexp_split_to_array", "regexp_split_to_table",
    "regexp_substr", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2",
    "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "replace", "reverse", "right",
    "round", "row_number", "row_to_json", "rtrim", "scale", "session_user", "set_config",
    "setseed", "setweight", "sha224", "sha256", "sha384", "sha512", "sign", "sin",
    "sind", "sinh", "split_part", "sqrt", "starts_with", "statement_timestamp", "stddev",
    "stddev_pop", "stddev_samp", "string_agg", "string_to_table", "strpos",
    "substr", "substring", "tan", "tand", "tanh", "timeofday", "timezone", "to_ascii", "to_char",
    "to_date", "to_hex", "to_json", "to_jsonb", "to_number", "to_regclass", "to_regtype",
    "to_timestamp", "to_tsquery", "to_tsvector", "transaction_timestamp", "translate",
    "trim_array", "trim_scale", "trunc", "ts_headline", "ts_rank", "ts_rank_cd", "tsrange",
    "tstzrange", "txid_current", "unistr", "upper_inc", "upper_inf", "user", "var_pop",
    "var_samp", "variance", "version", "websearch_to_tsquery", "width_bucket", "xmlagg",
];

/// The functions fksim evaluates (scalar, aggregate and set-returning), sorted.
#[rustfmt::skip]
const EVALUATED: &[&str] = &[
    "abs", "array_append", "array_cat", "array_dims", "array_length", "array_lower", "array_ndims",
    "array_position", "array_positions", "array_prepend", "array_remove", "array_replace",
    "array_to_string", "array_upper", "avg", "cardinality", "coalesce", "count",
    "current_timestamp", "currval", "gen_random_uuid", "generate_series", "generate_subscripts",
    "json_array_elements", "json_array_elements_text", "json_object_keys", "jsonb_array_elements",
    "jsonb_array_elements_text", "jsonb_object_keys", "length", "lower", "lpad", "max", "min",
    "nextval", "now", "nullif", "repeat", "rpad", "setval", "string_to_array", "sum", "unnest",
    "upper",
];

/// True when PostgreSQL has a built-in function of this name that fksim does not evaluate.
pub fn is_postgres_only(name: &str) -> bool {
    POSTGRES_ONLY.binary_search(&name).is_ok()
}

/// True when PostgreSQL has a built-in function of this name, evaluated by fksim or not.
pub fn is_postgres_function(name: &str) -> bool {
    is_postgres_only(name) || EVALUATED.binary_search(&name).is_ok()
}

/// `name(integer, unknown)`: a call's signature as PostgreSQL prints it in function errors,
/// `called` being the name as written (schema-qualified or not).
pub fn signature(called: &str, types: &[DataType]) -> String {
    let args = types.iter().map(type_name).collect::<Vec<_>>().join(", ");
    format!("{called}({args})")
}

/// The name of a call as written: `lower`, `pg_catalog.lower`.
pub fn called_name(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => format!("{s}.{name}"),
        None => name.to_string(),
    }
}

/// A call fksim found no function for. A built-in fksim lacks is 0A000 naming it; any other
/// name is PostgreSQL's 42883 (no function of that name exists in PostgreSQL either).
pub fn unknown_function(schema: Option<&str>, name: &str, types: &[DataType], pos: Pos) -> Error {
    let called = called_name(schema, name);
    if matches!(schema, None | Some("pg_catalog")) && is_postgres_only(name) {
        return unsupported_function(&called, types, pos);
    }
    no_matching_function(&called, types, pos)
}

/// 0A000: PostgreSQL has this function, fksim does not evaluate it (or not for these types).
pub fn unsupported_function(called: &str, types: &[DataType], pos: Pos) -> Error {
    Error::unsupported(format!("function {} is not supported by fksim", signature(called, types)))
        .at(pos)
}

/// 42883: PostgreSQL has no function of this name taking these argument types.
pub fn no_matching_function(called: &str, types: &[DataType], pos: Pos) -> Error {
    Error::new("42883", format!("function {} does not exist", signature(called, types)))
        .with_hint(
            "No function matches the given name and argument types. \
             You might need to add explicit type casts.",
        )
        .at(pos)
}

/// 42725: more than one function of this name accepts these argument types equally well
/// (`generate_series('1', '3')`).
pub fn ambiguous_function<T>(called: &str, types: &[DataType], pos: Pos) -> Result<T> {
    Err(Error::new("42725", format!("function {} is not unique", signature(called, types)))
    .with_hint(
        "Could not choose a best candidate function. You might need to add explicit type casts.",
    )
    .at(pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_for_binary_search() {
        assert!(POSTGRES_ONLY.windows(2).all(|w| w[0] < w[1]));
        assert!(EVALUATED.windows(2).all(|w| w[0] < w[1]));
        assert!(!EVALUATED.iter().any(|n| is_postgres_only(n)));
    }

    #[test]
    fn a_lacking_builtin_is_unsupported_and_an_unknown_name_does_not_exist() {
        let e = unknown_function(None, "pg_typeof", &[DataType::Integer], Some(8));
        assert_eq!(
            (e.sqlstate(), e.message.as_str()),
            ("0A000", "function pg_typeof(integer) is not supported by fksim")
        );
        let e = unknown_function(None, "nosuchfunc", &[DataType::Integer], Some(8));
        assert_eq!(
            (e.sqlstate(), e.message.as_str()),
            ("42883", "function nosuchfunc(integer) does not exist")
        );
        let e = unknown_function(Some("public"), "round", &[DataType::Char(Some(3))], None);
        assert_eq!(e.message, "function public.round(character) does not exist");
    }
}
