//! The REPL as a person uses it, through a pseudo-terminal: statements typed at the prompt,
//! command tags, `\timing`, `\x`, Ctrl-C at a half-typed line, and Ctrl-C pressed while a
//! 40-million-row INSERT runs — the statement is cancelled with psql's words and the session,
//! its tables and their rows, stays.

use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::session::PtySession;

/// What rustyline writes when it hands a line over (bracketed paste switched off): the
/// statement runs from here on, with the terminal back in cooked mode.
const LINE_TAKEN: &str = "\u{1b}[?2004l";

fn spawn() -> PtySession {
    let home = std::env::temp_dir().join(format!("fksim-pty-{}", std::process::id()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fksim"));
    cmd.env("NO_COLOR", "1").env("XDG_DATA_HOME", &home).env("HOME", &home).env("COLUMNS", "80");
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).expect("fksim starts in a pty");
    p.exp_string("fksim=> ").expect("the prompt");
    p
}

/// Types `line` and Enter, and waits for `expected` and then the prompt `prompt`.
fn type_line(p: &mut PtySession, line: &str, expected: &str, prompt: &str) -> String {
    p.send_line(line).expect("typing");
    let shown = p.exp_string(expected).unwrap_or_else(|e| panic!("{line}: no {expected:?}: {e}"));
    p.exp_string(prompt).unwrap_or_else(|e| panic!("{line}: no prompt {prompt:?}: {e}"));
    shown
}

/// Presses Ctrl-C while `statement` runs; returns how long the cancel took to show.
fn cancel_mid_statement(p: &mut PtySession, statement: &str, prompt: &str) -> Duration {
    p.send_line(statement).expect("typing");
    p.exp_string(LINE_TAKEN).expect("the statement starts");
    // Well inside the statement: 40 million rows take seconds even in a release build.
    std::thread::sleep(Duration::from_millis(400));
    let pressed = Instant::now();
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("Cancel request sent").expect("psql's acknowledgement");
    p.exp_string("ERROR:  canceling statement due to user request").expect("psql's 57014 message");
    let took = pressed.elapsed();
    p.exp_string(prompt).expect("the prompt is back");
    took
}

#[test]
fn ctrl_c_cancels_the_statement_and_keeps_the_session() {
    let mut p = spawn();
    type_line(&mut p, "CREATE TABLE big (v int PRIMARY KEY);", "CREATE TABLE", "fksim=> ");
    type_line(&mut p, "INSERT INTO big VALUES (1), (2);", "INSERT 0 2", "fksim=> ");

    let insert = "INSERT INTO big SELECT value FROM generate_series(3, 40000000) AS value;";
    let took = cancel_mid_statement(&mut p, insert, "fksim=> ");
    eprintln!("cancel of a 40M-row INSERT ... SELECT shown after {took:?}");

    // The table and its two rows are there; nothing of the cancelled statement is.
    type_line(&mut p, "SELECT count(*), max(v) FROM big;", "     2 |   2", "fksim=> ");

    // Inside a transaction block the block is aborted, as in PostgreSQL.
    type_line(&mut p, "BEGIN;", "BEGIN", "fksim=*> ");
    type_line(&mut p, "DELETE FROM big WHERE v = 2;", "DELETE 1", "fksim=*> ");
    cancel_mid_statement(&mut p, insert, "fksim=!> ");
    type_line(&mut p, "COMMIT;", "ROLLBACK", "fksim=> ");
    type_line(&mut p, "SELECT count(*) FROM big;", "     2", "fksim=> ");

    // After a cancel the next statements run as usual.
    type_line(&mut p, "UPDATE big SET v = v + 10;", "UPDATE 2", "fksim=> ");
    p.send_line("\\q").expect("typing");
    p.exp_eof().expect("fksim leaves on \\q");
}

#[test]
fn ctrl_c_at_a_half_typed_line_clears_it() {
    let mut p = spawn();
    p.send("SELECT 'never run'").expect("typing");
    p.flush().expect("typing");
    p.exp_string("never run").expect("the typed text is shown");
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("fksim=> ").expect("a fresh prompt");
    // Had the text survived, this would continue it (`fksim-#`) instead of running alone.
    let shown = type_line(&mut p, "SELECT 2 AS two;", " two ", "fksim=> ");
    assert!(!shown.contains("never run"), "{shown}");
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("fksim leaves on Ctrl-D");
}

#[test]
fn tags_timing_and_expanded_display_at_the_prompt() {
    let mut p = spawn();
    type_line(
        &mut p,
        "CREATE TABLE users (id int PRIMARY KEY, email text, name text);",
        "CREATE TABLE",
        "fksim=> ",
    );
    type_line(
        &mut p,
        "INSERT INTO users VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', NULL);",
        "INSERT 0 2",
        "fksim=> ",
    );
    type_line(&mut p, "\\timing on", "Timing is on.", "fksim=> ");
    p.send_line("DELETE FROM users WHERE id = 2;").expect("typing");
    p.exp_string("DELETE 1").expect("the tag");
    p.exp_regex(r"Time: \d+\.\d{3} ms").expect("the time");
    p.exp_string("fksim=> ").expect("the prompt");
    type_line(&mut p, "\\timing off", "Timing is off.", "fksim=> ");
    type_line(&mut p, "\\x", "Expanded display is on.", "fksim=> ");
    p.send_line("SELECT * FROM users;").expect("typing");
    p.exp_string("-[ RECORD 1 ]----------\r\nid    | 1\r\nemail | ann@example.com\r\nname  | Ann")
        .expect("the record, names aligned on the widest");
    p.exp_string("fksim=> ").expect("the prompt");
    type_line(&mut p, "SELECT * FROM users WHERE false;", "(0 rows)", "fksim=> ");
    type_line(&mut p, "\\x auto", "Expanded display is used automatically.", "fksim=> ");
    // COLUMNS=80: a narrow result stays a table.
    type_line(&mut p, "SELECT id FROM users;", " id \r\n----", "fksim=> ");
    p.send_line("\\q").expect("typing");
    p.exp_eof().expect("fksim leaves");
}
