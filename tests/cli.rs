//! The binary as users meet it: input piped into `fksim`, `run` in its three outputs, `graph`.

use std::io::Write;
use std::process::{Command, Stdio};

fn fksim(args: &[&str], stdin: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fksim"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fksim starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin takes the script");
    }
    let out = child.wait_with_output().expect("fksim finishes");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

const BOTH: &str = "CREATE TABLE customers (id int PRIMARY KEY);\n\
    CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\n\
    INSERT INTO orders VALUES (1, 42);\n\
    INSERT INTO customers VALUES (42);\nINSERT INTO orders VALUES (1, 42);\n\
    DELETE FROM customers WHERE id = 42;\n";

#[test]
fn piped_input_gets_errors_directions_and_fixes_without_prompts_or_colour() {
    let (out, _, ok) = fksim(&[], BOTH);
    assert!(ok);
    assert!(!out.contains("fksim=>") && !out.contains('\u{1b}'), "{out}");
    assert!(
        out.contains("DETAIL:  Key (customer_id)=(42) is not present in table \"customers\"."),
        "{out}"
    );
    assert!(out.contains("Direction 1") && out.contains("Direction 2"), "{out}");
    assert!(out.contains("INSERT INTO customers (id) VALUES (42);"), "{out}");
    assert!(out.contains("ON DELETE CASCADE;"), "{out}");
}

#[test]
fn the_suggested_fix_pasted_back_works() {
    let (out, _, _) = fksim(
        &[],
        "CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\nINSERT INTO orders VALUES (1, 42);\n",
    );
    let fix = out
        .lines()
        .find(|l| l.trim_start().starts_with("INSERT INTO customers"))
        .map(str::trim)
        .expect("a parent-first fix");
    let script = format!(
        "CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);\n{fix}\nINSERT INTO orders VALUES (1, 42);\nSELECT count(*) FROM orders;\n"
    );
    let (again, _, _) = fksim(&[], &script);
    assert!(!again.contains("ERROR"), "{again}");
    assert!(again.contains("     1\n"), "{again}");
}

#[test]
fn psql_output_has_no_teaching() {
    let (out, _, ok) = fksim(&["run", "--psql", "-"], BOTH);
    assert!(ok);
    assert!(
        !out.contains("why:") && !out.contains("fixes:") && !out.contains("Direction"),
        "{out}"
    );
    assert!(out.starts_with("CREATE TABLE customers (id int PRIMARY KEY);\n"), "{out}");
}

#[test]
fn run_trace_shows_the_tree() {
    let (out, _, _) = fksim(&["run", "--trace", "-"], BOTH);
    assert!(
        out.contains("queued orders_customer_id_fkey check parent exists, at end of statement"),
        "{out}"
    );
    assert!(
        out.contains(
            "check orders_customer_id_fkey: look up customers (42) → not found → VIOLATION"
        ),
        "{out}"
    );
}

#[test]
fn meta_commands_and_quit() {
    let (out, _, ok) = fksim(&[], "CREATE TABLE t (id int PRIMARY KEY);\n\\dt\n\\q\nSELECT 1;\n");
    assert!(ok);
    assert!(out.contains("List of relations"), "{out}");
    assert!(!out.contains("?column?"), "nothing runs after \\q: {out}");
    let (out, _, _) = fksim(&[], "\\nonsense\n\\d nope\n");
    assert!(
        out.contains("invalid command \\nonsense")
            && out.contains("Did not find any relation named \"nope\"."),
        "{out}"
    );
}

#[test]
fn graph_exports_dot_and_mermaid() {
    let dir = std::env::temp_dir().join(format!("fksim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("schema.sql");
    std::fs::write(&file, "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE DEFERRABLE);\n").expect("write");
    let path = file.to_string_lossy().into_owned();
    let (dot, _, ok) = fksim(&["graph", &path, "--format", "dot"], "");
    assert!(ok);
    assert!(dot.starts_with("digraph foreign_keys {") && dot.contains("\"c\" -> \"p\" [label=\"p_id → id\\nON DELETE CASCADE, ON UPDATE NO ACTION, DEFERRABLE\"];"), "{dot}");
    let (mermaid, _, _) = fksim(&["graph", &path, "--format", "mermaid"], "");
    assert!(
        mermaid.starts_with("flowchart LR")
            && mermaid.contains("c -- \"p_id → id<br/>ON DELETE CASCADE"),
        "{mermaid}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_preset_fails_cleanly() {
    let (_, err, ok) = fksim(&["--preset", "nope", "run", "-"], "SELECT 1;\n");
    assert!(!ok);
    assert!(err.contains("unknown preset \"nope\""), "{err}");
}

#[test]
fn check_reports_broken_expectations_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("fksim-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("story.sql");
    std::fs::write(&file, "CREATE TABLE p (id int PRIMARY KEY);\n\nCREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\nINSERT INTO c VALUES (1, 1);  -- expect: ok\nINSERT INTO p VALUES (1);  -- expect: ok\nINSERT INTO c VALUES (2, 2);  -- expect: error 23503 c_p_id_fkey\n").expect("write");
    let (out, _, ok) = fksim(&["check", &dir.to_string_lossy()], "");
    assert!(!ok);
    assert!(
        out.contains("story.sql:4: `INSERT INTO c VALUES (1, 1)`: expected ok, got ERROR 23503"),
        "{out}"
    );
    assert!(out.contains("3 expectations in 1 files: 1 failed"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_scenarios_hold() {
    let scenarios = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let (out, _, ok) = fksim(&["check", scenarios], "");
    assert!(ok, "{out}");
    assert!(out.ends_with("all hold\n"), "{out}");
}

/// Exercise files are checked as exercises: solutions pass, wrong answers fail.
#[test]
fn the_exercises_hold() {
    let exercises = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/exercises");
    let (out, _, ok) = fksim(&["check", exercises], "");
    assert!(ok, "{out}");
    assert!(out.ends_with("in 8 files: all hold\n"), "{out}");
}

#[test]
fn tour_and_step_play_through_without_a_terminal() {
    let (out, _, ok) = fksim(&["tour"], "");
    assert!(ok);
    assert!(
        out.contains("1/19: child before parent")
            && out.contains("19/19: TRUNCATE and DROP blocked by a key"),
        "{}",
        &out[..out.len().min(400)]
    );
    assert!(out.contains("why: Direction 1"), "the tour explains its errors");
}

#[test]
fn exercises_list_start_and_check() {
    let (list, _, ok) = fksim(&["exercise", "list"], "");
    assert!(ok && list.lines().count() >= 8, "{list}");
    let (out, _, _) = fksim(&["exercise", "start", "3"], "\\hint\n\\check\n");
    assert!(
        out.contains("Exercise 3:") && out.contains("hint 1/3:") && out.contains("FAIL:"),
        "{out}"
    );
    let dir = std::env::temp_dir().join(format!("fksim-ex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("good.sql");
    std::fs::write(&good, "ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;\nALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors ON DELETE SET NULL;\n").expect("write");
    let (out, _, ok) = fksim(&["exercise", "check", "3", &good.to_string_lossy()], "");
    assert!(ok && out.contains("PASS"), "{out}");
    let (_, err, ok) = fksim(&["exercise", "check", "99", &good.to_string_lossy()], "");
    assert!(!ok && err.contains("there is no exercise 99"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn slash_copy_at_the_prompt_reads_its_data_lines_and_files() {
    let file = std::env::temp_dir().join(format!("fksim_cli_copy_{}.txt", std::process::id()));
    let path = file.display();
    let script = format!(
        "CREATE TABLE t (a int PRIMARY KEY, b text);\n\
         \\copy t from stdin\n1\tx\n2\ty\n\\.\n\
         \\copy t to stdout\n\
         \\copy t to {path}\n\
         CREATE TABLE u (a int REFERENCES t, b text);\n\
         \\copy u from {path}\n\
         \\copy u from stdin\n5\tz\n\\.\n\
         SELECT count(*) FROM u;\n"
    );
    let (out, _, ok) = fksim(&[], &script);
    let written = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    assert!(ok);
    assert!(!out.contains("syntax error") && !out.contains("invalid command"), "{out}");
    assert!(out.contains("1\tx\n2\ty\n"), "{out}");
    assert_eq!(written, "1\tx\n2\ty\n");
    assert!(out.contains("DETAIL:  Key (a)=(5) is not present in table \"t\"."), "{out}");
    assert!(out.contains("     2\n"), "{out}");
}
