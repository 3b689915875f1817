//! Script replay: feeds psql's sequence of lines, statements and meta-commands to a session and
//! renders what psql would print.

use crate::engine::session::Session;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::render::describe::{describe_table, list_tables};
use crate::render::psql::{render_error, render_notice, render_table};
use crate::sql::parse_statement;

/// Replays `script` as `psql -X -a -q < script` would, appending psql's output to `out`.
pub fn run_psql(session: &mut Session, script: &str, out: &mut String) {
    // `\restrict KEY` (what pg_dump writes first since 15.14): until `\unrestrict KEY`, psql
    // refuses every other meta-command, so a dump cannot run shell commands through them.
    let mut restricted: Option<String> = None;
    for item in scan_script(script) {
        match item {
            ScriptItem::Echo(line) => {
                out.push_str(&line);
                out.push('\n');
            }
            ScriptItem::Statement(text) => run_statement(session, &text, out),
            ScriptItem::Meta { name, args } if name == "restrict" || name == "unrestrict" => {
                out.push_str(&restrict(&mut restricted, &name, &args));
            }
            ScriptItem::Meta { .. } if restricted.is_some() => {
                out.push_str("backslash commands are restricted; only \\unrestrict is allowed\n");
            }
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

/// psql's `\restrict KEY` and `\unrestrict KEY`: what they print (they print nothing when
/// they succeed), updating the key restricted mode was entered with.
fn restrict(restricted: &mut Option<String>, name: &str, args: &str) -> String {
    let mut words = args.split_whitespace();
    let Some(key) = words.next() else {
        return format!("\\{name}: missing required argument\n");
    };
    let mut out: String =
        words.map(|extra| format!("\\{name}: extra argument \"{extra}\" ignored\n")).collect();
    match (name, restricted.as_deref()) {
        ("restrict", None) => *restricted = Some(key.to_string()),
        ("restrict", Some(_)) => {
            return "backslash commands are restricted; only \\unrestrict is allowed\n".into();
        }
        (_, None) => out.push_str("\\unrestrict: not currently in restricted mode\n"),
        (_, Some(k)) if k == key => *restricted = None,
        (_, Some(_)) => out.push_str("\\unrestrict: wrong key\n"),
    }
    out
}

/// psql meta-commands in a script. What psql writes to standard error for a relation it cannot
/// find does not reach `psql -a -q`'s output, so nothing is printed then.
fn run_meta(session: &mut Session, name: &str, args: &str, out: &mut String) {
    let args = args.trim();
    match name {
        "echo" => {
            out.push_str(args);
            out.push('\n');
        }
        "d" | "dt" if args.is_empty() => {
            out.push_str(&list_tables(&session.db).unwrap_or_default())
        }
        "d" => {
            for pattern in args.split_whitespace() {
                out.push_str(&describe_table(&session.db, pattern).unwrap_or_default());
            }
        }
        _ => {
            out.push_str(&format!("invalid command \\{name}\nTry \\? for help.\n"));
        }
    }
}
