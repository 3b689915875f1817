//! Every exercise, from the answers its file carries: the natural solution and each different
//! valid one pass the checker; each wrong answer, each data-only "fix" (patching today's rows
//! instead of the rule) and the untouched starting state fail it. Then the checker's failure
//! messages, and `\goal`, `\reset` and the held-back fixes through the console.

use std::path::Path;

use fksim::console::Console;
use fksim::exercise::{self, Exercise};

fn exercise(prefix: &str) -> Exercise {
    exercise::all().into_iter().find(|e| e.id.starts_with(prefix)).expect("the exercise exists")
}

/// The reasons `sql` fails exercise `prefix`; panics when it passes.
fn reasons(prefix: &str, sql: &str) -> Vec<String> {
    match exercise::check(&exercise(prefix), sql) {
        Ok(()) => panic!("exercise {prefix}: {sql:?} passes"),
        Err(r) => r,
    }
}

#[test]
fn every_exercise_file_parses_and_carries_its_answers() {
    assert_eq!(exercise::all().len(), exercise::FILES.len());
    for (id, text) in exercise::FILES {
        let ex = exercise::parse(id, text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(ex.hints.len() >= 2, "{id} has fewer than two hints");
        assert!(!ex.alternatives.is_empty(), "{id} has no different valid solution");
        assert!(!ex.data_only.is_empty(), "{id} has no data-only answer");
        assert!(!ex.wrong.is_empty(), "{id} has no wrong answer");
    }
}

#[test]
fn solutions_and_alternatives_pass() {
    for ex in exercise::all() {
        if let Err(reasons) = exercise::check(&ex, &ex.solution) {
            panic!("{}: the solution fails: {reasons:#?}", ex.id);
        }
        for (i, alt) in ex.alternatives.iter().enumerate() {
            if let Err(reasons) = exercise::check(&ex, alt) {
                panic!("{}: alternative {} fails: {reasons:#?}", ex.id, i + 1);
            }
        }
    }
}

#[test]
fn wrong_and_data_only_answers_fail() {
    for ex in exercise::all() {
        let answers = ex
            .wrong
            .iter()
            .map(|s| ("wrong", s))
            .chain(ex.data_only.iter().map(|s| ("data-only", s)));
        for (kind, sql) in answers.chain(std::iter::once(("nothing", &String::new()))) {
            match exercise::check(&ex, sql) {
                Ok(()) => panic!("{}: the {kind} answer passes:\n{sql}", ex.id),
                // Every failure is labelled with its check (or says what the SQL did).
                Err(reasons) => {
                    for r in &reasons {
                        assert!(
                            r.contains(": "),
                            "{}: a failure of the {kind} answer has no label: {r}",
                            ex.id
                        );
                        assert!(!r.contains("25P02"), "{}: {r}", ex.id);
                    }
                }
            }
        }
    }
}

/// `fksim check scenarios/exercises` runs each file as an exercise.
#[test]
fn check_command_proves_every_exercise_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/exercises");
    for file in fksim::scenario::sql_files(&dir) {
        let text = std::fs::read_to_string(&file).expect("readable");
        assert!(exercise::is_exercise_file(&text));
        let (checked, failures) = exercise::check_file(&file, &text);
        assert!(checked > 0);
        assert!(failures.is_empty(), "{}: {failures:#?}", file.display());
    }
}

#[test]
fn check_command_reports_a_wrong_answer_that_passes() {
    let text = "-- title: t\n-- goal: g\n--- setup\nCREATE TABLE p (id int PRIMARY KEY);\n\
                --- check\n-- p exists\nSELECT count(*) FROM p;  -- expect: value 0\n\
                --- solution\nSELECT 1;\n--- wrong\nSELECT 2;\n";
    let (_, failures) = exercise::check_file(Path::new("x.sql"), text);
    let lines: Vec<(usize, &str)> = failures.iter().map(|f| (f.line, f.message.as_str())).collect();
    assert_eq!(
        lines,
        [
            (10, "this wrong answer passes the checker"),
            (5, "the untouched starting state passes the checker")
        ]
    );
    let broken = text.replace("SELECT 2;", "SELEC 2;");
    let (_, failures) = exercise::check_file(Path::new("x.sql"), &broken);
    assert!(
        failures[0].message.starts_with("this wrong answer fails before the checks run: your SQL failed at line 1, `SELEC 2`: ERROR 42601"),
        "{failures:?}"
    );
    let (_, failures) = exercise::check_file(Path::new("x.sql"), "--- setup\n--- nonsense\n");
    assert!(failures[0].message.contains("unknown section `--- nonsense`"), "{failures:?}");
}

#[test]
fn seed_in_place_needs_initially_deferred() {
    // DEFERRABLE alone leaves the check immediate: the seed's first INSERT is refused. One
    // line says so; the statements the aborted transaction skipped add nothing.
    let r =
        reasons("01", "ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE;");
    assert_eq!(r.len(), 1, "{r:#?}");
    assert!(
        r[0].starts_with("the vendor's seed loads unchanged: `INSERT INTO orders VALUES (501, 910), (502, 911)`: expected ok, got ERROR 23503:"),
        "{r:#?}"
    );
}

#[test]
fn an_open_transaction_at_the_end_is_rolled_back() {
    let sql = "BEGIN;\nALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;\n";
    let r = reasons("01", sql);
    assert!(
        r[0].starts_with("your SQL ends inside the transaction opened at line 1, with no COMMIT: psql rolls it back"),
        "{r:#?}"
    );
    // With COMMIT it passes.
    assert_eq!(exercise::check(&exercise("01"), &format!("{sql}COMMIT;\n")), Ok(()));
}

#[test]
fn learner_error_names_line_and_statement() {
    let r = reasons("03", "SELECT 1;\n\nALTER TABLE posts DROP CONSTRAINT no_such_key;\n");
    assert_eq!(
        r,
        [
            "your SQL failed at line 3, `ALTER TABLE posts DROP CONSTRAINT no_such_key`: ERROR 42704: constraint \"no_such_key\" of relation \"posts\" does not exist"
        ]
    );
}

#[test]
fn an_empty_result_says_no_rows() {
    let r = reasons("06", "ALTER TABLE public.profiles DROP CONSTRAINT profiles_id_fkey;");
    assert!(
        r.contains(&"signing up creates the profile: `SELECT first_name FROM public.profiles WHERE id = 501`: expected one value (Barbara), got no rows".to_string()),
        "{r:#?}"
    );
}

#[test]
fn data_only_fix_fails_on_the_fresh_rows() {
    let ex = exercise("03");
    let r = reasons("03", &ex.data_only[0]);
    assert!(
        r[0].starts_with("deleting an author works: `DELETE FROM authors WHERE id = 501`: expected ok, got ERROR 23503:"),
        "{r:#?}"
    );
}

#[test]
fn a_refusal_before_commit_is_said_as_such() {
    // The key is immediate: the INSERT is refused, and COMMIT only rolls back.
    let script = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\n\
                  -- an orphan is refused at COMMIT\nBEGIN;\nINSERT INTO c VALUES (9);\n\
                  COMMIT;  -- expect: error 23503\n";
    let (_, failures) = fksim::scenario::check_script(Path::new("t.sql"), script);
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].message,
        "an orphan is refused at COMMIT: `COMMIT`: expected error 23503 here, but it came earlier: `INSERT INTO c VALUES (9)` was refused (ERROR 23503: insert or update on table \"c\" violates foreign key constraint \"c_p_id_fkey\"), and COMMIT rolled the transaction back"
    );
}

#[test]
fn a_count_that_fails_says_what_failed_before_it() {
    let r = reasons("04", "");
    let first = &r[0];
    assert!(first.starts_with("a department and its first employee can be created together in one transaction (the department first, the employee first, or either after SET CONSTRAINTS ALL DEFERRED: one of these ways must work): `SELECT count(*) > 0"), "{first}");
    assert!(first.contains("expected t, got f (before it in this check: `INSERT INTO departments VALUES (501, 9001)` failed with ERROR 23503:"), "{first}");
    assert!(first.contains("COMMIT rolled the transaction back"), "{first}");
}

#[test]
fn validation_is_checked_on_the_catalog() {
    let r = reasons(
        "05",
        "UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers);",
    );
    assert_eq!(
        r,
        [
            "the constraint is validated: the foreign key orders_customer_fk of orders is still NOT VALID (VALIDATE CONSTRAINT checks it)"
        ]
    );
}

/// A console on exercise `prefix`, as `fksim exercise start` opens it.
fn console_on(prefix: &str) -> Console {
    colored::control::set_override(false);
    let ex = exercise(prefix);
    let mut console = Console::new(false, false);
    console.session = exercise::start(&ex).expect("setup runs");
    console.exercise = Some((ex, 0));
    console
}

fn run(console: &mut Console, script: &str) -> String {
    let mut out = String::new();
    console.run_script(script, &mut out);
    out
}

#[test]
fn goal_shows_the_goal_again() {
    let mut c = console_on("03");
    let out = run(&mut c, "\\goal\n");
    assert_eq!(
        out,
        "Keep posts when their author leaves\n\nDeleting an author must work, and must keep their posts on the site, unattributed.\n"
    );
}

#[test]
fn reset_restarts_the_exercise_and_empties_the_database_outside_one() {
    let mut c = console_on("03");
    let out = run(&mut c, "DELETE FROM posts;\n\\reset\nSELECT count(*) FROM posts;\n");
    assert!(out.contains("exercise reset: back to its starting state\n"), "{out}");
    assert!(out.ends_with(" count \n-------\n     3\n(1 row)\n\n"), "{out}");
    let mut plain = Console::new(false, false);
    let out = run(&mut plain, "CREATE TABLE t (id int);\n\\reset\n\\dt\n");
    assert_eq!(out, "database reset: empty\nDid not find any relations.\n");
    assert!(run(&mut plain, "\\?\n").contains("in an exercise from its starting state"));
}

#[test]
fn fixes_are_held_back_until_the_hints_are_used() {
    let mut c = console_on("03");
    let out = run(&mut c, "DELETE FROM authors WHERE id = 1;\n");
    assert!(out.contains("why: "), "{out}");
    assert!(!out.contains("ON DELETE SET NULL"), "a fix gives the answer away:\n{out}");
    assert!(
        out.contains("fixes: held back in an exercise until its hints are used: \\hint gives the next one (3 left)\n"),
        "{out}"
    );
    let out = run(&mut c, "\\hint\n\\hint\n\\hint\n\\hint\nDELETE FROM authors WHERE id = 1;\n");
    assert!(out.contains("no more hints; the diagnosis after an error now shows its fixes\n"));
    assert!(out.contains("ON DELETE SET NULL"), "{out}");
    assert!(!out.contains("held back"), "{out}");
}

#[test]
fn check_in_the_console_says_rollback_first_once() {
    let mut c = console_on("01");
    let out = run(&mut c, "BEGIN;\nINSERT INTO orders VALUES (1, 5);\n\\check\n");
    assert!(
        out.ends_with("FAIL:\n  - your transaction is aborted (a statement in it failed): ROLLBACK first, then \\check\n"),
        "{out}"
    );
    let out = run(&mut c, "ROLLBACK;\nBEGIN;\n\\check\n");
    assert!(out.contains("a transaction is open: COMMIT it (or ROLLBACK) first"), "{out}");
    let out = run(
        &mut c,
        "ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;\nCOMMIT;\n\\check\n",
    );
    assert!(out.ends_with("PASS: every check holds.\n"), "{out}");
}

#[test]
fn an_aborted_block_is_one_rollback_first_line() {
    let script = "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\n\
                  -- a block of checks\nBEGIN;\nINSERT INTO c VALUES (9);\n\
                  SELECT 1;  -- expect: ok\nSELECT 2;  -- expect: value 2\nCOMMIT;  -- expect: ok\n";
    let (checked, failures) = fksim::scenario::check_script(Path::new("t.sql"), script);
    assert_eq!(checked, 3);
    let messages: Vec<&str> = failures.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "a block of checks: `SELECT 1`: not run: the transaction was aborted earlier by `INSERT INTO c VALUES (9)` (ERROR 23503: insert or update on table \"c\" violates foreign key constraint \"c_p_id_fkey\"); ROLLBACK first"
        ]
    );
}
