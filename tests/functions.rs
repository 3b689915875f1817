//! A function PostgreSQL has but fksim does not evaluate is a feature fksim lacks (0A000 naming
//! it), never PostgreSQL's "does not exist" (42883), which stays for names PostgreSQL lacks too.
//! PostgreSQL runs these calls, so no conformance script can show the difference.

use fksim::engine::session::Session;
use fksim::sql::parse_statement;

/// The SQLSTATE and message `sql` fails with in a fresh session.
fn failure(sql: &str) -> (String, String) {
    let mut s = Session::new();
    // A small memory budget: a statement that would hold too much fails soon (53200).
    s.set_memory_limit(64 << 20);
    let stmt = parse_statement(sql).expect("the statement parses");
    match s.execute(&stmt).result {
        Err(e) => (e.sqlstate().to_string(), e.message.clone()),
        Ok(rows) => panic!("expected {sql} to fail, got {rows:?}"),
    }
}

fn assert_fails(sql: &str, sqlstate: &str, message: &str) {
    assert_eq!(failure(sql), (sqlstate.to_string(), message.to_string()), "{sql}");
}

#[test]
fn builtins_fksim_lacks_are_unsupported() {
    assert_fails(
        "SELECT pg_typeof(1)",
        "0A000",
        "function pg_typeof(integer) is not supported by fksim",
    );
    assert_fails("SELECT cbrt(1.5)", "0A000", "function cbrt(numeric) is not supported by fksim");
    assert_fails(
        "SELECT pg_catalog.reverse('abc')",
        "0A000",
        "function pg_catalog.reverse(unknown) is not supported by fksim",
    );
    assert_fails(
        "SELECT gcd(1, 2)",
        "0A000",
        "function gcd(integer, integer) is not supported by fksim",
    );
    assert_fails("SELECT unnest(1)", "42883", "function unnest(integer) does not exist");
    assert_fails(
        "SELECT * FROM lower('x')",
        "0A000",
        "function lower(unknown) in FROM is not supported by fksim",
    );
}

#[test]
fn timestamp_series_are_unsupported_not_missing() {
    assert_fails(
        "SELECT generate_series('2024-01-01'::date, '2024-01-03', '1 day')",
        "0A000",
        "function generate_series(date, unknown, unknown) is not supported by fksim",
    );
}

#[test]
fn names_postgres_lacks_do_not_exist() {
    assert_fails("SELECT nosuchfunc(1)", "42883", "function nosuchfunc(integer) does not exist");
    assert_fails(
        "SELECT * FROM nosuchfunc(1)",
        "42883",
        "function nosuchfunc(integer) does not exist",
    );
    assert_fails(
        "SELECT public.round(1.5)",
        "42883",
        "function public.round(numeric) does not exist",
    );
}

#[test]
fn set_returning_functions_in_group_by_are_unsupported() {
    assert_fails(
        "SELECT 1 FROM generate_series(1, 2) GROUP BY generate_series(1, 2)",
        "0A000",
        "set-returning functions in GROUP BY are not supported by fksim",
    );
}

#[test]
fn a_huge_select_list_series_is_refused_but_streams_into_insert() {
    assert_fails("SELECT generate_series(1, 100000000000)", "53200", "out of memory");
    // INSERT ... SELECT takes the series row by row: an error on the fourth row stops it there,
    // long before a materialised series of 10^11 rows would have been made.
    let mut s = Session::new();
    let mut out = String::new();
    fksim::runner::run_psql(
        &mut s,
        "CREATE TABLE t (n int CHECK (n < 4));\nINSERT INTO t SELECT generate_series(1, 100000000000);\n",
        &mut out,
    );
    assert!(out.contains("violates check constraint \"t_n_check\""), "{out}");
}
