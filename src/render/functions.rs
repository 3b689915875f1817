//! `\df`: the functions and procedures visible on the search path, as psql lists them.

use crate::engine::database::Database;
use crate::engine::routines::Function;
use crate::render::deparse::deparse_default;
use crate::render::psql::TableView;
use crate::sql::ast::ArgMode;

/// `\df [pattern]`: schema, name, result type, arguments and kind of each function the
/// pattern (`name`, `schema.name`, `*` for any characters) matches, or of each visible one.
pub fn functions_view(db: &Database, pattern: Option<&str>) -> TableView {
    let rows: Vec<Vec<String>> = listed(db, pattern)
        .map(|f| {
            vec![
                f.schema.clone(),
                f.name.clone(),
                result_type(db, f),
                arguments(f),
                kind(f).to_string(),
            ]
        })
        .collect();
    list("List of functions", "Type", rows)
}

/// psql's `\\da [pattern]`: the aggregate functions.
pub fn aggregates_view(db: &Database, pattern: Option<&str>) -> TableView {
    let rows: Vec<Vec<String>> = listed(db, pattern)
        .filter(|f| matches!(f.body, crate::sql::ast::FunctionBody::Aggregate(_)))
        .map(|f| {
            let args = if f.args.is_empty() { "*".to_string() } else { arguments(f) };
            vec![f.schema.clone(), f.name.clone(), result_type(db, f), args, String::new()]
        })
        .collect();
    list("List of aggregate functions", "Description", rows)
}

/// `\df` / `\da`'s table: Schema, Name, Result data type, Argument data types and `last`, in
/// psql's order (schema, name, argument types).
fn list(title: &str, last: &str, mut rows: Vec<Vec<String>>) -> TableView {
    rows.sort_by(|a, b| (&a[0], &a[1], &a[3]).cmp(&(&b[0], &b[1], &b[3])));
    TableView {
        title: Some(title.into()),
        headers: ["Schema", "Name", "Result data type", "Argument data types", last]
            .map(String::from)
            .to_vec(),
        right_align: vec![false; 5],
        rows,
        footers: Vec::new(),
        row_count: true,
    }
}

/// The functions a pattern (`name`, `schema.name`, with `*` and `?`) picks; without one, those
/// visible on the search path.
fn listed<'d>(db: &'d Database, pattern: Option<&str>) -> impl Iterator<Item = &'d Function> {
    let (schema_pattern, name_pattern) = match pattern.map(|p| p.trim_matches('"')) {
        Some(p) => match p.split_once('.') {
            Some((s, n)) => (Some(s.to_string()), Some(n.to_string())),
            None => (None, Some(p.to_string())),
        },
        None => (None, None),
    };
    db.functions
        .values()
        .filter(move |f| match &schema_pattern {
            Some(s) => glob(s, &f.schema),
            None => visible(db, f),
        })
        .filter(move |f| name_pattern.as_deref().is_none_or(|n| glob(n, &f.name)))
}

/// pg_function_is_visible: its schema is on the search path, before any other of that name.
fn visible(db: &Database, f: &Function) -> bool {
    let first =
        db.search_path.iter().find(|s| !crate::engine::overload::family(db, s, &f.name).is_empty());
    first == Some(&f.schema)
}

/// psql's pattern: `*` any characters, `?` one; the rest as written.
pub(crate) fn glob(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// "Result data type": pg_get_function_result (empty for a procedure).
fn result_type(db: &Database, f: &Function) -> String {
    if f.procedure {
        return String::new();
    }
    crate::engine::fnresult::result_name(db, f)
}

/// "Argument data types": pg_get_function_arguments, OUT ones and defaults included (the
/// columns of RETURNS TABLE are not arguments).
fn arguments(f: &Function) -> String {
    f.declared
        .iter()
        .map(|a| {
            let mode = match a.mode {
                ArgMode::In if f.procedure => "IN ",
                ArgMode::In => "",
                ArgMode::Out => "OUT ",
                ArgMode::InOut => "INOUT ",
                ArgMode::Variadic => "VARIADIC ",
            };
            let name = a.name.as_ref().map(|n| format!("{n} ")).unwrap_or_default();
            let default = a
                .default
                .as_ref()
                .map(|d| format!(" DEFAULT {}", deparse_default(d, &a.data_type)))
                .unwrap_or_default();
            format!("{mode}{name}{}{default}", a.data_type.pg_name())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Type": proc or func (trigger functions too).
fn kind(f: &Function) -> &'static str {
    if f.procedure { "proc" } else { "func" }
}
