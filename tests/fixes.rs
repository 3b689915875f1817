//! The fix SQL a diagnosis offers works: run it, and the statement that failed succeeds.

use fksim::console::Console;
use fksim::engine::session::Session;
use fksim::error::Error;
use fksim::runner::run_psql;
use fksim::sql::parse_statement;
use fksim::teach::context::FailureContext;
use fksim::teach::diagnose::{Diagnosis, Fix, diagnose};
use fksim::teach::prove::{fix_script, prove_fixes};

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

/// Runs `setup` then `failing` (a script that ends in a 23503) through the teaching console;
/// every fix it shows, applied as it says (first steps, placement, work) to a fresh console in
/// the same state, must leave no error. Returns the diagnosis.
fn console_fixes_work(setup: &str, failing: &str) -> Diagnosis {
    let state = |out: &mut String| {
        let mut c = Console::new(false, false);
        c.run_script(setup, out);
        assert!(!out.contains("ERROR"), "setup failed: {out}");
        c.run_script(failing, out);
        c
    };
    let mut out = String::new();
    let mut c = state(&mut out);
    let (ctx, d) = c.last_diagnosis.take().unwrap_or_else(|| panic!("no diagnosis: {out}"));
    let with_sql: Vec<&Fix> = d.fixes.iter().filter(|f| f.sql.is_some()).collect();
    assert!(!with_sql.is_empty(), "no fix with SQL: {out}");
    for fix in with_sql {
        let mut c = state(&mut String::new());
        let mut after = String::new();
        c.run_script(&(fix_script(&ctx, &d, fix).join("\n") + "\n"), &mut after);
        assert!(
            !after.contains("ERROR") && !after.contains("WARNING"),
            "fix {:?} did not make the work succeed:\n{}\n{after}",
            fix.title,
            fix_script(&ctx, &d, fix).join("\n")
        );
    }
    d
}

/// The SQL of the fix whose title starts with `title`.
fn fix_sql<'a>(d: &'a Diagnosis, title: &str) -> Option<&'a str> {
    d.fixes.iter().find(|f| f.title.starts_with(title)).and_then(|f| f.sql.as_deref())
}

#[test]
fn multi_row_insert_gets_every_missing_parent() {
    let d = console_fixes_work(SHOP, "INSERT INTO orders VALUES (11, 42), (12, 43), (13, 42);\n");
    let sql = fix_sql(&d, "Insert the customers row").expect("the parent-first fix");
    assert!(sql.contains("(42, ") && sql.contains("(43, "), "{sql}");
    assert_eq!(sql.lines().count(), 1, "one multi-row INSERT: {sql}");
    assert!(sql.contains("-- placeholder values: name, vip"), "{sql}");
}

#[test]
fn failure_in_a_block_starts_with_rollback_and_reruns_the_block() {
    let d = console_fixes_work(
        SHOP,
        "BEGIN;\nINSERT INTO customers VALUES (2, 'bo', false);\nINSERT INTO orders VALUES (11, 42);\n",
    );
    assert_eq!(d.first, vec!["ROLLBACK;".to_string()]);
}

#[test]
fn parent_written_earlier_in_the_block_goes_inside_it() {
    // The child row that blocks the delete was written in the same block: deleting it first
    // only works inside the block.
    let d = console_fixes_work(
        SHOP,
        "BEGIN;\nINSERT INTO customers VALUES (2, 'bo', false);\nINSERT INTO orders VALUES (11, 2);\nDELETE FROM customers WHERE id = 2;\n",
    );
    assert!(d.fixes.iter().any(|f| f.inside_block), "{d:?}");
}

const DEFERRED: &str = "CREATE TABLE p (id int PRIMARY KEY);\n\
    CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\n\
    INSERT INTO p VALUES (1);\n";

#[test]
fn deferred_check_failing_at_commit() {
    let d = console_fixes_work(
        DEFERRED,
        "BEGIN;\nINSERT INTO c VALUES (1, 1);\nINSERT INTO c VALUES (2, 7), (3, 8);\nCOMMIT;\n",
    );
    assert!(d.first.is_empty(), "COMMIT already ended the block: {d:?}");
    let sql = fix_sql(&d, "Insert the p row").expect("the parent-first fix");
    assert!(sql.contains("(7)") && sql.contains("(8)"), "{sql}");
}

#[test]
fn deferred_check_failing_at_set_constraints_immediate() {
    let d = console_fixes_work(
        DEFERRED,
        "BEGIN;\nINSERT INTO c VALUES (2, 7);\nSET CONSTRAINTS ALL IMMEDIATE;\n",
    );
    assert_eq!(d.first, vec!["ROLLBACK;".to_string()]);
}

const TREE: &str = "CREATE TABLE employees (id int PRIMARY KEY, manager_id int REFERENCES employees);\n\
    INSERT INTO employees VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 2), (6, 5), (7, 1);\n";

/// A mid-level manager: the reports have reports, so deleting the reports alone still fails.
#[test]
fn mid_level_manager_in_a_self_referencing_tree() {
    let d = console_fixes_work(TREE, "DELETE FROM employees WHERE id = 2;\n");
    let sql = fix_sql(&d, "Delete (or re-point)").expect("the children-first fix");
    assert!(sql.lines().count() > 1, "the whole subtree, deepest first: {sql}");
}

#[test]
fn cascade_warning_counts_a_whole_tree() {
    let d = console_fixes_work(TREE, "DELETE FROM employees WHERE id = 1;\n");
    assert!(
        d.warnings.iter().any(|w| w.contains("also delete 6 rows")),
        "ON DELETE CASCADE deletes all 6 below the root: {:?}",
        d.warnings
    );
}

#[test]
fn deleting_children_warns_about_their_own_cascades() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\n\
        CREATE TABLE g (id int PRIMARY KEY, c_id int REFERENCES c ON DELETE CASCADE);\n\
        INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1, 1), (2, 1);\nINSERT INTO g VALUES (1, 1), (2, 1), (3, 2);\n";
    let d = console_fixes_work(setup, "DELETE FROM p;\n");
    assert!(d.warnings.iter().any(|w| w.contains("also deletes 3 rows of g")), "{:?}", d.warnings);
}

#[test]
fn multi_row_delete_through_grandchildren() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\n\
        CREATE TABLE g (id int PRIMARY KEY, c_id int REFERENCES c);\n\
        INSERT INTO p VALUES (1), (2);\nINSERT INTO c VALUES (1, 1), (2, 2);\nINSERT INTO g VALUES (1, 1), (2, 2);\n";
    let d = console_fixes_work(setup, "DELETE FROM p WHERE id IN (1, 2);\n");
    let sql = fix_sql(&d, "Delete (or re-point)").expect("the children-first fix");
    assert!(sql.starts_with("DELETE FROM g "), "grandchildren first: {sql}");
}

/// Placeholders satisfy the parent's own foreign key, unique columns, length limit and CHECK.
#[test]
fn placeholders_satisfy_the_parents_constraints() {
    let setup = "CREATE TABLE owners (id int PRIMARY KEY);\nINSERT INTO owners VALUES (5);\n\
        CREATE TABLE shops (id int PRIMARY KEY, code varchar(3) NOT NULL UNIQUE, rank int NOT NULL UNIQUE, \
        qty int NOT NULL CHECK (qty > 0), owner_id int NOT NULL REFERENCES owners);\n\
        INSERT INTO shops VALUES (1, 'cod', 1, 1, 5);\n\
        CREATE TABLE sales (id int PRIMARY KEY, shop_id int REFERENCES shops);\n";
    let d = console_fixes_work(setup, "INSERT INTO sales VALUES (1, 2), (2, 3);\n");
    let sql = fix_sql(&d, "Insert the shops row").expect("the parent-first fix");
    assert!(sql.contains("-- placeholder values: code, rank, qty, owner_id"), "{sql}");
}

/// An int parent cannot hold a bigint child's 3000000000: that insert is never offered.
#[test]
fn key_out_of_the_parents_range_is_not_offered() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id bigint REFERENCES p);\n\
        INSERT INTO p VALUES (1);\n";
    let mut c = Console::new(false, false);
    let mut out = String::new();
    c.run_script(&format!("{setup}INSERT INTO c VALUES (1, 3000000000);\n"), &mut out);
    let (_, d) = c.last_diagnosis.take().expect("a diagnosis");
    assert!(fix_sql(&d, "Insert the p row").is_none(), "{d:?}");
    assert!(d.dropped.iter().any(|w| w.contains("out of range")), "{d:?}");
}

/// Two tables whose keys are both NOT NULL onto each other: neither row can go first.
#[test]
fn circular_not_null_pair_offers_no_impossible_insert() {
    let setup = "CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL);\n\
        CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a);\n\
        ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b;\n";
    let d = console_fixes_work(setup, "INSERT INTO a VALUES (1, 1);\n");
    assert!(fix_sql(&d, "Insert the b row").is_none(), "{d:?}");
}

/// On a large referencing table the recreated key is added NOT VALID, then validated: no long
/// lock that blocks writes, and still no moment without the key.
#[test]
fn large_table_gets_not_valid_then_validate() {
    let setup = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\n\
        INSERT INTO p VALUES (1), (2);\nINSERT INTO c SELECT g, 1 + g % 2 FROM generate_series(1, 10000) AS g;\n";
    let d = console_fixes_work(setup, "DELETE FROM p WHERE id = 1;\n");
    let sql = fix_sql(&d, "Or let deletes").expect("the ON DELETE CASCADE fix");
    assert!(sql.contains(" NOT VALID;\nALTER TABLE c VALIDATE CONSTRAINT c_p_id_fkey;"), "{sql}");
}
