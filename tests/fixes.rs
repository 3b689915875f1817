//! The fix SQL a diagnosis offers works: run it, and the statement that failed succeeds.

use fksim::engine::session::Session;
use fksim::error::Error;
use fksim::runner::run_psql;
use fksim::sql::parse_statement;
use fksim::teach::context::FailureContext;
use fksim::teach::diagnose::{Fix, diagnose};
use fksim::teach::prove::prove_fixes;

fn run(s: &mut Session, sql: &str) -> String {
    let mut out = String::new();
    run_psql(s, sql, &mut out);
    out
}

/// Runs `failing`, which must fail with 23503, and returns the error.
fn fail(s: &mut Session, failing: &str) -> Error {
    let stmt = parse_statement(failing).expect("the failing statement parses");
    match s.execute(&stmt).result {
        Err(e) if e.sqlstate() == "23503" => e,
        other => panic!("expected a 23503 from {failing}, got {other:?}"),
    }
}

/// For each fix with SQL: a fresh session from `setup`, the failure, the fix, the statement again.
fn every_fix_works(setup: &str, failing: &str, direction: u8, expected_fixes: usize) {
    let mut s = Session::new();
    run(&mut s, setup);
    let err = fail(&mut s, failing);
    let ctx = FailureContext::autocommit(failing);
    let mut d = diagnose(&s.db, &err, &ctx).expect("a diagnosis");
    prove_fixes(&s, &ctx, &mut d);
    assert!(d.dropped.is_empty(), "{d:?}");
    assert_eq!(d.direction, direction, "{d:?}");
    let with_sql: Vec<&Fix> = d.fixes.iter().filter(|f| f.sql.is_some()).collect();
    assert_eq!(with_sql.len(), expected_fixes, "{d:?}");
    for fix in with_sql {
        let mut s = Session::new();
        run(&mut s, setup);
        let out = run(&mut s, &format!("{}\n", fix.sql.as_deref().unwrap_or_default()));
        assert!(!out.contains("ERROR"), "fix {:?} failed: {out}", fix.title);
        let work = fix.instead.clone().unwrap_or_else(|| vec![failing.to_string()]).join("\n");
        let again = run(&mut s, &format!("{work}\n"));
        assert!(
            !again.contains("ERROR"),
            "after fix {:?} the statement still fails: {again}",
            fix.title
        );
    }
}

const SHOP: &str = "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, vip boolean NOT NULL);\n\
    CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\n\
    CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders ON DELETE CASCADE);\n\
    INSERT INTO customers VALUES (1, 'ann', true);\nINSERT INTO orders VALUES (10, 1);\nINSERT INTO items VALUES (100, 10);\n";

#[test]
fn direction_one_parent_first() {
    every_fix_works(SHOP, "INSERT INTO orders VALUES (11, 42);", 1, 1);
}

#[test]
fn direction_two_children_first_cascade_or_set_null() {
    every_fix_works(SHOP, "DELETE FROM customers WHERE id = 1;", 2, 3);
}

#[test]
fn direction_two_not_null_child_offers_no_set_null() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p);\nINSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1, 1);\n";
    every_fix_works(setup, "DELETE FROM p;", 2, 2);
}

#[test]
fn set_default_offered_only_when_the_default_parent_exists() {
    let setup = "CREATE TABLE teams (id int PRIMARY KEY);\nCREATE TABLE players (id int PRIMARY KEY, team_id int NOT NULL DEFAULT 0 REFERENCES teams);\n\
        INSERT INTO teams VALUES (0), (1);\nINSERT INTO players VALUES (1, 1);\n";
    every_fix_works(setup, "DELETE FROM teams WHERE id = 1;", 2, 3);
    let without_default_parent = "CREATE TABLE teams (id int PRIMARY KEY);\nCREATE TABLE players (id int PRIMARY KEY, team_id int NOT NULL DEFAULT 0 REFERENCES teams);\n\
        INSERT INTO teams VALUES (1);\nINSERT INTO players VALUES (1, 1);\n";
    every_fix_works(without_default_parent, "DELETE FROM teams WHERE id = 1;", 2, 2);
}

#[test]
fn circular_references_get_deferrable() {
    let setup = "CREATE TABLE a (id int PRIMARY KEY, b_id int);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\n\
        ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;\n";
    let mut s = Session::new();
    run(&mut s, setup);
    let err = fail(&mut s, "INSERT INTO a VALUES (1, 1);");
    let ctx = FailureContext::autocommit("INSERT INTO a VALUES (1, 1);");
    let d = diagnose(&s.db, &err, &ctx).expect("a diagnosis");
    let deferrable = d
        .fixes
        .iter()
        .find_map(|f| f.sql.as_deref().filter(|q| q.contains("DEFERRABLE INITIALLY DEFERRED")))
        .expect("a DEFERRABLE fix");
    let out = run(
        &mut s,
        &format!(
            "{deferrable}\nBEGIN;\nINSERT INTO a VALUES (1, 1);\nINSERT INTO b VALUES (1, 1);\nCOMMIT;\nSELECT count(*) FROM a;\n"
        ),
    );
    assert!(!out.contains("ERROR"), "{out}");
    assert!(out.contains("     1\n"), "{out}");
}

#[test]
fn auth_users_gets_the_trigger_pattern() {
    let setup = "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id int PRIMARY KEY);\nCREATE TABLE profiles (id int PRIMARY KEY REFERENCES auth.users ON DELETE CASCADE);\n";
    let mut s = Session::new();
    run(&mut s, setup);
    let err = fail(&mut s, "INSERT INTO profiles VALUES (7);");
    let ctx = FailureContext::autocommit("INSERT INTO profiles VALUES (7);");
    let d = diagnose(&s.db, &err, &ctx).expect("a diagnosis");
    let trigger = d
        .fixes
        .iter()
        .find_map(|f| f.sql.as_deref().filter(|q| q.contains("CREATE TRIGGER")))
        .expect("the trigger pattern");
    let out = run(
        &mut s,
        &format!("{trigger}\nINSERT INTO auth.users VALUES (7);\nSELECT count(*) FROM profiles;\n"),
    );
    assert!(!out.contains("ERROR"), "{out}");
    assert!(out.contains("     1\n"), "{out}");
}

/// A key UPDATE is judged by ON UPDATE: with ON DELETE CASCADE already there, the fixes are
/// ON UPDATE CASCADE and ON UPDATE SET NULL, never an ON DELETE rewrite (which still fails).
#[test]
fn key_update_gets_on_update_fixes() {
    let setup = "CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);\n\
        INSERT INTO customers VALUES (1), (2);\nINSERT INTO orders VALUES (10, 1), (11, 1), (12, 2);\n";
    every_fix_works(setup, "UPDATE customers SET id = 100 WHERE id = 1;", 2, 2);
}

/// A multi-row DELETE: clearing the children of every targeted row, not just the reported one.
#[test]
fn multi_row_delete_clears_every_targeted_row() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p);\n\
        INSERT INTO p VALUES (1), (2), (3);\nINSERT INTO c VALUES (1, 1), (2, 2);\n";
    every_fix_works(setup, "DELETE FROM p WHERE id < 3;", 2, 2);
}
