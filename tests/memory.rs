//! The memory budget (issue 18): under a small budget every statement that would hold too much
//! ends in a clean `out of memory` (53200) and the session goes on with its committed rows,
//! while work PostgreSQL streams (a count over a series or a cross join) completes.

use fksim::engine::session::Session;
use fksim::runner::run_psql;

/// The budget of the in-process sessions: far below what the refused statements would hold.
const BUDGET: usize = 16 << 20;

/// A session under [`BUDGET`] holding one committed row.
fn session() -> Session {
    let mut session = Session::new();
    session.set_memory_limit(BUDGET);
    let mut out = String::new();
    run_psql(
        &mut session,
        "CREATE TABLE keep (id int PRIMARY KEY);\nINSERT INTO keep VALUES (7);\n",
        &mut out,
    );
    session
}

/// Runs `input` in a fresh session under the budget; checks the committed row is still there
/// and the session answers; returns what `input` printed.
fn run(input: &str) -> String {
    let mut session = session();
    let mut out = String::new();
    run_psql(&mut session, input, &mut out);
    let mut after = String::new();
    run_psql(&mut session, "ROLLBACK;\nSELECT id FROM keep;\n", &mut after);
    assert!(
        after.ends_with(" id \n----\n  7\n(1 row)\n\n"),
        "session lost after {input:?}: {after}"
    );
    out
}

/// Asserts `out` ends in the out-of-memory error with a DETAIL naming `what`.
fn refused(out: &str, what: &str) {
    assert!(out.contains("ERROR:  out of memory\nDETAIL:  Failed"), "not refused: {out}");
    assert!(out.contains(what), "DETAIL does not name {what:?}: {out}");
    assert!(out.contains("memory limit of 16 MB"), "DETAIL does not give the limit: {out}");
}

#[test]
fn a_count_over_a_series_streams() {
    // Held whole, five million rows would take hundreds of MB.
    let out = run("SELECT count(*) FROM generate_series(1, 5000000) AS value;\n");
    assert!(out.contains(" 5000000\n(1 row)"), "{out}");
    let out = run("SELECT count(*), max(v) FROM generate_series(1, 3000000) v WHERE v % 3 = 0;\n");
    assert!(out.contains(" 1000000 | 3000000\n(1 row)"), "{out}");
}

#[test]
fn a_count_over_a_cross_join_streams() {
    let out = run("SELECT count(*) FROM generate_series(1, 2000) a, generate_series(1, 2000) b;\n");
    assert!(out.contains(" 4000000\n(1 row)"), "{out}");
}

#[test]
fn a_sorted_cross_join_is_refused() {
    let out = run(
        "SELECT * FROM generate_series(1, 3000) a, generate_series(1, 3000) b ORDER BY a DESC LIMIT 1;\n",
    );
    refused(&out, "the rows of a query's result");
    let out = run(
        "SELECT count(*) FROM generate_series(1, 3000) a CROSS JOIN generate_series(1, 3000) b, keep;\n",
    );
    refused(&out, "the rows of a join");
}

#[test]
fn endless_recursion_in_a_with_query_is_refused() {
    let out = run(
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r;\n",
    );
    refused(&out, "the work table of recursive query \"r\"");
}

#[test]
fn a_huge_insert_is_refused_and_rolled_back() {
    let mut session = session();
    let mut out = String::new();
    run_psql(
        &mut session,
        "CREATE TABLE big (n int, s text);\nINSERT INTO big SELECT g, g || ' a fairly long text that makes each row take a hundred bytes or so' FROM generate_series(1, 50000000) g;\nSELECT count(*) FROM big;\n",
        &mut out,
    );
    refused(&out, "the rows of table \"big\"");
    assert!(out.ends_with(" count \n-------\n     0\n(1 row)\n\n"), "{out}");
    // In a block: the block is aborted, ROLLBACK leaves the committed row.
    let mut out = String::new();
    run_psql(
        &mut session,
        "BEGIN;\nINSERT INTO keep VALUES (8);\nINSERT INTO big SELECT g, 'a fairly long text that makes each row take a hundred bytes or so' || g FROM generate_series(1, 50000000) g;\nCOMMIT;\nSELECT id FROM keep;\n",
        &mut out,
    );
    refused(&out, "the rows of table \"big\"");
    assert!(out.ends_with(" id \n----\n  7\n(1 row)\n\n"), "{out}");
}

#[test]
fn recursion_in_a_trigger_is_postgresql_s_stack_depth_error() {
    let out = run(concat!(
        "CREATE TABLE t (n int);\n",
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (NEW.n + 1); RETURN NEW; END $$;\n",
        "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n",
        "INSERT INTO t VALUES (1);\n",
        "SELECT count(*) FROM t;\n",
    ));
    assert!(out.contains("ERROR:  stack depth limit exceeded"), "{out}");
    assert!(out.ends_with(" count \n-------\n     0\n(1 row)\n\n"), "{out}");
}

#[test]
fn a_million_item_in_list_completes_or_is_refused() {
    let list: Vec<String> = (0..1_000_000).map(|i| i.to_string()).collect();
    let out = run(&format!("SELECT 999999 IN ({});\n", list.join(",")));
    assert!(
        out.ends_with(" ?column? \n----------\n t\n(1 row)\n\n")
            || out.contains("ERROR:  out of memory"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
}

#[test]
fn big_strings_end_in_an_error() {
    // Each ends in an error (fksim refuses the function or the memory), never a crash.
    for sql in [
        "SELECT length(repeat('x', 500000000));\n",
        "SELECT length(lpad('x', 500000000, 'y'));\n",
        "SELECT length(string_agg(g::text, ',')) FROM generate_series(1, 50000000) g;\n",
    ] {
        let out = run(sql);
        assert!(out.contains("ERROR:  "), "{sql}: {out}");
    }
    // Strings doubled in a recursive query: the work table outgrows the budget.
    let out = run(concat!(
        "WITH RECURSIVE s(t, n) AS (SELECT 'x'::text, 1 UNION ALL SELECT t || t, n + 1 FROM s WHERE n < 40)\n",
        "SELECT max(length(t)) FROM s;\n",
    ));
    assert!(out.contains("ERROR:  out of memory"), "{out}");
}

#[test]
fn statements_within_the_budget_still_run() {
    let out = run(concat!(
        "CREATE TABLE p (id int PRIMARY KEY);\n",
        "CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p);\n",
        "INSERT INTO p SELECT generate_series(1, 10000);\n",
        "INSERT INTO c SELECT g, g FROM generate_series(1, 10000) g;\n",
        "DELETE FROM p WHERE id = 5;\n",
        "SELECT count(*) FROM c JOIN p ON p.id = c.p;\n",
    ));
    assert!(out.contains("violates foreign key constraint"), "{out}");
    assert!(out.ends_with(" 10000\n(1 row)\n\n"), "{out}");
}

#[test]
fn the_cli_takes_memory_limit() {
    let dir = std::env::temp_dir().join(format!("fksim-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let file = dir.join("oom.sql");
    std::fs::write(
        &file,
        concat!(
            "CREATE TABLE keep (id int);\nINSERT INTO keep VALUES (7);\n",
            "SELECT * FROM generate_series(1, 2000) a, generate_series(1, 500) b ORDER BY 1 DESC, 2 DESC LIMIT 1;\n",
            "SELECT id FROM keep;\n",
        ),
    )
    .unwrap_or_default();
    let run = |limit: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_fksim"))
            .args(["--memory-limit", limit, "run", "--psql"])
            .arg(&file)
            .output()
            .map(|o| (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned()))
            .unwrap_or_default()
    };
    let (ok, out) = run("16MB");
    assert!(ok, "{out}");
    assert!(out.contains("ERROR:  out of memory\nDETAIL:  Failed while building"), "{out}");
    assert!(out.contains("memory limit of 16 MB"), "{out}");
    assert!(out.ends_with(" id \n----\n  7\n(1 row)\n\n"), "{out}");
    let (ok, out) = run("1GB");
    assert!(ok, "{out}");
    assert!(out.contains(" 2000 | 500\n(1 row)"), "{out}");
    let (ok, _) = run("lots");
    assert!(!ok, "a size that is not one is refused");
    let _ = std::fs::remove_dir_all(&dir);
}
