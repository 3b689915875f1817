//! Script replay: feeds psql's sequence of lines, statements and meta-commands to a session and
//! renders what psql would print.

use crate::engine::session::Session;
use crate::psqlscan::{scan_script, ScriptItem};
use crate::render::psql::{render_error, render_notice, render_table};
use crate::sql::parse_statement;

/// Replays `script` as `psql -X -a -q < script` would, appending psql's output to `out`.
pub fn run_psql(session: &mut Session, script: &str, out: &mut String) {
    for item in scan_script(script) {
        match item {
            ScriptItem::Echo(line) => {
                out.push_str(&line);
                out.push('\n');
            }
            ScriptItem::Statement(text) => run_statement(session, &text, out),
            ScriptItem::Meta { name, args } => run_meta(session, &name, &args, out),
        }
    }
}

/// Runs one statement's text and renders its notices, rows or error.
pub fn run_statement(session: &mut Session, text: &str, out: &mut String) {
    let stmt = match parse_statement(text) {
        Ok(s) => s,
        Err(e) => {
            session.note_failed_statement();
            out.push_str(&render_error(&e, text));
            return;
        }
    };
    let outcome = session.execute(&stmt);
    for n in &outcome.notices {
        out.push_str(&render_notice(n));
    }
    match outcome.result {
        Ok(Some(rows)) => out.push_str(&render_table(&rows)),
        Ok(None) => {}
        Err(e) => out.push_str(&render_error(&e, text)),
    }
}

/// psql meta-commands in a script.
fn run_meta(_session: &mut Session, name: &str, args: &str, out: &mut String) {
    match name {
        "echo" => {
            out.push_str(args);
            out.push('\n');
        }
        _ => {
            out.push_str(&format!("invalid command \\{name}\nTry \\? for help.\n"));
        }
    }
}
