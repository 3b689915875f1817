//! Script replay: feeds psql's sequence of lines, statements and meta-commands to a session and
//! renders what psql would print.

use crate::console::{set_expanded, set_timing};
use crate::engine::session::Session;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::render::describe::{describe_table, schemas_view, tables_view};
use crate::render::expanded::{Display, render_timing, render_view_as};
use crate::render::psql::{render_error, render_notice, result_view};
use crate::sql::parse_statement;

/// The psql settings that change what a replay prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct PsqlSettings {
    /// `-q`: no command tags, no `\x`/`\timing` confirmations, no "Did not find" messages.
    pub quiet: bool,
    /// `\x`; the width stays 0, as for psql writing to a file.
    pub display: Display,
    /// `\timing`.
    pub timing: bool,
}

/// Replays `script` as `psql -X -a -q < script` would, appending psql's output to `out`.
pub fn run_psql(session: &mut Session, script: &str, out: &mut String) {
    let mut settings = PsqlSettings { quiet: true, ..Default::default() };
    run_psql_with(session, script, &mut settings, out);
}

/// Replays `script` as psql with `settings` would (`quiet: false` is `psql -X -a`, which
/// prints command tags as interactive psql does).
pub fn run_psql_with(
    session: &mut Session,
    script: &str,
    settings: &mut PsqlSettings,
    out: &mut String,
) {
    // `\restrict KEY` (what pg_dump writes first since 15.14): until `\unrestrict KEY`, psql
    // refuses every other meta-command, so a dump cannot run shell commands through them.
    let mut restricted: Option<String> = None;
    for item in scan_script(script) {
        match item {
            ScriptItem::Echo(line) => {
                out.push_str(&line);
                out.push('\n');
            }
            ScriptItem::Statement(text) => run_statement(session, &text, settings, out),
            ScriptItem::Meta { name, args } if name == "restrict" || name == "unrestrict" => {
                out.push_str(&restrict(&mut restricted, &name, &args));
            }
            ScriptItem::Meta { .. } if restricted.is_some() => {
                out.push_str("backslash commands are restricted; only \\unrestrict is allowed\n");
            }
            ScriptItem::Meta { name, args } => run_meta(session, &name, &args, settings, out),
        }
    }
}

/// Runs one statement's text and renders its notices, rows or error, its command tag unless
/// quiet, and the time it took under `\timing`.
fn run_statement(session: &mut Session, text: &str, settings: &PsqlSettings, out: &mut String) {
    let started = std::time::Instant::now();
    match parse_statement(text) {
        Ok(stmt) => {
            let outcome = session.execute(&stmt);
            for n in &outcome.notices {
                out.push_str(&render_notice(n));
            }
            let returned_rows = matches!(outcome.result, Ok(Some(_)));
            match outcome.result {
                Ok(Some(rows)) => {
                    out.push_str(&render_view_as(&result_view(&rows), &settings.display))
                }
                Ok(None) => {}
                Err(e) => out.push_str(&render_error(&e, text)),
            }
            // A query's rows stand for its tag; INSERT/UPDATE/DELETE ... RETURNING print both.
            if let Some(tag) = outcome.tag
                && !settings.quiet
                && (!returned_rows || crate::render::psql::tag_follows_rows(&tag))
            {
                out.push_str(&tag);
                out.push('\n');
            }
        }
        Err(e) => {
            session.note_failed_statement();
            out.push_str(&render_error(&e, text));
        }
    }
    if settings.timing {
        out.push_str(&render_timing(started.elapsed().as_secs_f64() * 1000.0));
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

/// psql meta-commands in a script. What psql reports on standard error for a relation it
/// cannot find is silenced by `-q`.
fn run_meta(
    session: &mut Session,
    name: &str,
    args: &str,
    settings: &mut PsqlSettings,
    out: &mut String,
) {
    let args = args.trim();
    match name {
        "echo" => {
            out.push_str(args);
            out.push('\n');
        }
        "d" | "dt" if args.is_empty() => match tables_view(&session.db) {
            Some(view) => out.push_str(&render_view_as(&view, &settings.display)),
            None if !settings.quiet => out.push_str("Did not find any relations.\n"),
            None => {}
        },
        "d" => {
            for pattern in args.split_whitespace() {
                match describe_table(&session.db, pattern) {
                    Some(text) => out.push_str(&text),
                    None if !settings.quiet => {
                        out.push_str(&format!("Did not find any relation named \"{pattern}\".\n"))
                    }
                    None => {}
                }
            }
        }
        "dn" => out.push_str(&render_view_as(&schemas_view(&session.db), &settings.display)),
        "dp" | "z" | "du" | "dg" | "ddp" => {
            if let Some(view) = crate::render::access::meta_view(&session.db, name, args) {
                out.push_str(&render_view_as(&view, &settings.display));
            }
        }
        "x" => match set_expanded(&mut settings.display.expanded, args) {
            Ok(text) if !settings.quiet => out.push_str(&text),
            Ok(_) => {}
            Err(complaint) => out.push_str(&complaint),
        },
        "timing" => {
            out.push_str(&set_timing(&mut settings.timing, args));
            if !settings.quiet {
                out.push_str(if settings.timing { "Timing is on.\n" } else { "Timing is off.\n" });
            }
        }
        _ => {
            out.push_str(&format!("invalid command \\{name}\nTry \\? for help.\n"));
        }
    }
}
