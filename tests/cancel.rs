//! A cancelled statement fails with 57014 wherever it is stopped — scanning, inserting from a
//! query, cascading, checking deferred keys at COMMIT, running a trigger function — and
//! leaves nothing behind: undone, and inside a block the block is aborted, as in PostgreSQL.
//! A deadline that has already passed stands in for Ctrl-C arriving mid-statement: it trips
//! on the 1024th poll, deep inside the statement's row loops (`tests/pty.rs` presses Ctrl-C).

use std::time::Instant;

use fksim::engine::session::{Outcome, Session};
use fksim::runner::run_psql;
use fksim::sql::parse_statement;

fn run(s: &mut Session, sql: &str) -> String {
    let mut out = String::new();
    run_psql(s, sql, &mut out);
    assert!(!out.contains("ERROR"), "setup failed: {out}");
    out
}

fn execute(s: &mut Session, sql: &str) -> Outcome {
    let stmt = parse_statement(sql).expect("the statement parses");
    s.execute(&stmt)
}

fn count(s: &mut Session, sql: &str) -> String {
    let mut out = String::new();
    run_psql(s, sql, &mut out);
    out.lines().nth(3).unwrap_or_default().trim().to_string()
}

/// Runs `sql` with a deadline already past: it must fail with 57014 after doing some work.
fn timed_out(s: &mut Session, sql: &str) -> fksim::error::Error {
    s.cancel.set_deadline(Some(Instant::now()));
    let outcome = execute(s, sql);
    s.cancel.set_deadline(None);
    assert!(outcome.tag.is_none(), "a cancelled statement has no command tag");
    match outcome.result {
        Err(e) => {
            assert_eq!(e.sqlstate(), "57014", "{e:?}");
            assert_eq!(e.message, "canceling statement due to statement timeout");
            e
        }
        Ok(_) => panic!("{sql} was not cancelled"),
    }
}

#[test]
fn a_cancel_request_stops_the_next_statement_with_psqls_words() {
    let mut s = Session::new();
    run(&mut s, "CREATE TABLE big (v int PRIMARY KEY);\nINSERT INTO big VALUES (0);\n");
    s.cancel.request();
    let outcome =
        execute(&mut s, "INSERT INTO big SELECT value FROM generate_series(1, 100000) AS value;");
    let e = outcome.result.expect_err("cancelled");
    assert_eq!(
        (e.sqlstate(), e.message.as_str()),
        ("57014", "canceling statement due to user request")
    );
    s.cancel.clear();
    assert_eq!(count(&mut s, "SELECT count(*) FROM big;\n"), "1");
}

#[test]
fn a_cancelled_insert_from_a_query_leaves_no_row() {
    let mut s = Session::new();
    run(&mut s, "CREATE TABLE big (v int PRIMARY KEY);\nINSERT INTO big VALUES (0);\n");
    timed_out(&mut s, "INSERT INTO big SELECT value FROM generate_series(1, 100000) AS value;");
    assert_eq!(count(&mut s, "SELECT count(*) FROM big;\n"), "1");
    // The key space is free again: the cancelled rows left no index entries either.
    run(&mut s, "INSERT INTO big SELECT value FROM generate_series(1, 5000) AS value;\n");
    assert_eq!(count(&mut s, "SELECT count(*) FROM big;\n"), "5001");
}

#[test]
fn a_cancelled_cascade_undoes_the_parent_and_every_child() {
    let mut s = Session::new();
    run(
        &mut s,
        "CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE);
         INSERT INTO parent VALUES (1), (2);
         INSERT INTO child SELECT g, 1 + g % 2 FROM generate_series(1, 5000) AS g;\n",
    );
    let e = timed_out(&mut s, "DELETE FROM parent;");
    // Stopped inside the cascade: the error carries the RI query's CONTEXT, as in PostgreSQL.
    assert!(e.context.iter().any(|c| c.contains("DELETE FROM ONLY")), "{e:?}");
    assert_eq!(count(&mut s, "SELECT count(*) FROM parent;\n"), "2");
    assert_eq!(count(&mut s, "SELECT count(*) FROM child;\n"), "5000");
}

#[test]
fn a_cancelled_commit_rolls_the_transaction_back() {
    let mut s = Session::new();
    run(
        &mut s,
        "CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (id int PRIMARY KEY,
           parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
         BEGIN;
         INSERT INTO child SELECT g, g FROM generate_series(1, 3000) AS g;
         INSERT INTO parent SELECT g FROM generate_series(1, 3000) AS g;\n",
    );
    // Only the deferred checks run at COMMIT: the poll that trips is one of theirs.
    timed_out(&mut s, "COMMIT;");
    assert!(!s.in_transaction_block());
    assert_eq!(count(&mut s, "SELECT count(*) FROM child;\n"), "0");
    assert_eq!(count(&mut s, "SELECT count(*) FROM parent;\n"), "0");
}

#[test]
fn a_cancel_inside_a_block_aborts_the_block() {
    let mut s = Session::new();
    run(&mut s, "CREATE TABLE t (v int);\nBEGIN;\nINSERT INTO t VALUES (1);\n");
    timed_out(&mut s, "INSERT INTO t SELECT g FROM generate_series(1, 5000) AS g;");
    assert!(s.is_aborted(), "the block is aborted");
    let after = execute(&mut s, "SELECT 1;");
    assert_eq!(after.result.err().map(|e| e.sqlstate()), Some("25P02"));
    let rollback = execute(&mut s, "ROLLBACK;");
    assert_eq!(rollback.tag.as_deref(), Some("ROLLBACK"));
    assert_eq!(count(&mut s, "SELECT count(*) FROM t;\n"), "0");
}

#[test]
fn a_cancel_stops_a_trigger_functions_work_too() {
    let mut s = Session::new();
    run(
        &mut s,
        "CREATE TABLE t (v int);
         CREATE TABLE audit (v int);
         CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN INSERT INTO audit VALUES (NEW.v); RETURN NEW; END $$;
         CREATE TRIGGER log_it AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION log_it();
         INSERT INTO t VALUES (0);\n",
    );
    // 600 rows poll 600 times; their 600 AFTER triggers pass the 1024th poll.
    timed_out(&mut s, "INSERT INTO t SELECT g FROM generate_series(1, 600) AS g;");
    assert_eq!(count(&mut s, "SELECT count(*) FROM t;\n"), "1");
    assert_eq!(count(&mut s, "SELECT count(*) FROM audit;\n"), "1");
}
