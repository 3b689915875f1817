//! Script replay: feeds psql's sequence of lines, statements and meta-commands to a session and
//! renders what psql would print.

use crate::console::{set_expanded, set_timing};
use crate::engine::session::Session;
use crate::psqlscan::{Scanner, ScriptItem};
use crate::render::describe::{describe_relation, schemas_view, tables_view};
use crate::render::expanded::{Display, render_timing, render_view_as};
use crate::render::psql::{render_error, render_notice, result_view};

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
    let mut replay = Replay {
        session,
        settings,
        out,
        scanner: Scanner::new(),
        restricted: None,
        stopped: false,
    };
    for line in script.lines() {
        if replay.stopped {
            return;
        }
        replay.line(line);
    }
    if let Some(item) = replay.scanner.finish() {
        replay.item(item);
    }
}

/// psql reading a script: its query buffer, what it has printed, and its restricted mode.
struct Replay<'a> {
    session: &'a mut Session,
    settings: &'a mut PsqlSettings,
    out: &'a mut String,
    scanner: Scanner,
    /// `\restrict KEY` (what pg_dump writes first since 15.14): until `\unrestrict KEY`, psql
    /// refuses every other meta-command, so a dump cannot run shell commands through them.
    restricted: Option<String>,
    /// psql gave up on the script (a `\connect` that failed).
    stopped: bool,
}

impl Replay<'_> {
    /// Reads one input line: echoes it (unless it is COPY data) and runs what it completes.
    fn line(&mut self, line: &str) {
        if self.scanner.skips(line) {
            return;
        }
        if !self.scanner.in_copy() {
            self.out.push_str(line);
            self.out.push('\n');
        }
        for item in self.scanner.feed(line) {
            self.item(item);
        }
    }

    fn item(&mut self, item: ScriptItem) {
        if self.stopped {
            return;
        }
        let (session, settings, out) = (&mut *self.session, &*self.settings, &mut *self.out);
        match item {
            ScriptItem::Echo(line) => {
                out.push_str(&line);
                out.push('\n');
            }
            ScriptItem::Statement(text) => run_statement(session, &text, None, settings, out, None),
            ScriptItem::Meta { name, args } if name == "copy" && self.restricted.is_none() => {
                run_slash_copy(session, &args, settings, out)
            }
            ScriptItem::CopyIn { statement, data, ended } => {
                // `\copy ... from stdin` sends the COPY it stands for.
                let statement = crate::psqlcopy::sent_statement(statement);
                // A COPY fksim lacks (0A000) still has its data lines skipped: PostgreSQL would
                // have read them as data.
                let refused = match session.parse(&statement) {
                    Ok(stmt) => session.copy_refusal(&stmt).is_some(),
                    Err(e) => e.sqlstate() != "0A000" || !e.message.contains("fksim"),
                };
                if !refused {
                    return run_statement(session, &statement, Some(data), settings, out, None);
                }
                // The server refused the COPY before asking for data: psql reads the data
                // lines as SQL, and `\.` as a meta-command.
                run_statement(session, &statement, None, settings, out, None);
                let end = ended.then_some("\\.");
                for line in data.iter().map(String::as_str).chain(end) {
                    self.line(line);
                }
            }
            ScriptItem::Meta { name, args } if name == "restrict" || name == "unrestrict" => {
                out.push_str(&restrict(&mut self.restricted, &name, &args));
            }
            ScriptItem::Meta { .. } if self.restricted.is_some() => {
                out.push_str("backslash commands are restricted; only \\unrestrict is allowed\n");
            }
            ScriptItem::Meta { name, args } if name == "c" || name == "connect" => {
                let target = args.split_whitespace().next().filter(|a| *a != "-");
                match session.connect(target) {
                    Ok(()) if !settings.quiet => out.push_str(&format!(
                        "You are now connected to database \"{}\" as user \"postgres\".\n",
                        session.cluster.current
                    )),
                    Ok(()) => {}
                    // Without a connection psql stops reading the script.
                    Err(e) => {
                        out.push_str(&format!("\\connect: {}\n", e.message));
                        self.stopped = true;
                    }
                }
            }
            ScriptItem::Meta { name, args } => run_meta(session, &name, &args, self.settings, out),
        }
    }
}

/// Runs one statement's text (with the data lines of a `COPY ... FROM stdin`) and renders its
/// notices, rows or error, its command tag unless quiet, and the time it took under `\timing`.
fn run_statement(
    session: &mut Session,
    text: &str,
    copy_data: Option<Vec<String>>,
    settings: &PsqlSettings,
    out: &mut String,
    copy_to: Option<&mut String>,
) {
    let started = crate::stopwatch::Stopwatch::start();
    let parsed = match copy_data {
        Some(data) => session.parse_copy(text, data),
        None => session.parse(text),
    };
    match parsed {
        Ok(stmt) => {
            let outcome = session.execute(&stmt);
            for n in &outcome.notices {
                out.push_str(&render_notice(n));
            }
            let returned_rows = matches!(outcome.result, Ok(Some(_)));
            if let Some(lines) = &outcome.copy_out {
                copy_to.unwrap_or(out).push_str(lines);
            }
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
        out.push_str(&render_timing(started.elapsed_ms()));
    }
}

/// psql's `\copy`: the COPY it stands for, its data read from a file, or written to
/// standard output or a file (from the script's own lines: a `CopyIn`).
fn run_slash_copy(session: &mut Session, args: &str, settings: &PsqlSettings, out: &mut String) {
    let copy = match crate::psqlcopy::parse(args) {
        Ok(c) => c,
        Err(message) => return out.push_str(&format!("{message}\n")),
    };
    match (copy.from, copy.file) {
        (true, None) => run_statement(session, &copy.sql, None, settings, out, None),
        (true, Some(path)) => match crate::psqlcopy::read_file(&path) {
            Ok(lines) => run_statement(session, &copy.sql, Some(lines), settings, out, None),
            Err(message) => out.push_str(&format!("{message}\n")),
        },
        (false, None) => run_statement(session, &copy.sql, None, settings, out, None),
        (false, Some(path)) => {
            // psql opens the file before it sends the COPY.
            if let Err(e) = std::fs::write(&path, "") {
                return out.push_str(&format!("{}\n", crate::psqlcopy::io_message(&path, &e)));
            }
            let mut lines = String::new();
            run_statement(session, &copy.sql, None, settings, out, Some(&mut lines));
            if let Err(e) = std::fs::write(&path, lines) {
                out.push_str(&format!("{}\n", crate::psqlcopy::io_message(&path, &e)));
            }
        }
    }
}

/// psql's `\restrict KEY` and `\unrestrict KEY`: what they print (they print nothing when
/// they succeed), updating the key restricted mode was entered with.
pub(crate) fn restrict(restricted: &mut Option<String>, name: &str, args: &str) -> String {
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
    // psql's describe commands are catalog queries: an aborted transaction refuses them.
    if (name.starts_with('d') || name == "z") && session.is_aborted() {
        return out.push_str(&render_error(&crate::error::Error::in_failed_transaction(), ""));
    }
    let views = crate::render::viewdef::meta(&session.db, name, args, settings.quiet, || {
        tables_view(&session.db)
    });
    match name {
        _ if let Some(text) = views => out.push_str(&text),
        "echo" => {
            out.push_str(args);
            out.push('\n');
        }
        "d" | "dt" if args.is_empty() => match tables_view(&session.db) {
            Some(view) => out.push_str(&render_view_as(&view, &settings.display)),
            None if !settings.quiet => out.push_str("Did not find any relations.\n"),
            None => {}
        },
        "d" | "d+" => {
            // psql drops semicolons ending the pattern (`\d t;`).
            for pattern in args.split_whitespace().map(|p| p.trim_end_matches(';')) {
                match describe_relation(&session.db, pattern, name == "d+") {
                    Some(text) => out.push_str(&text),
                    None if !settings.quiet => {
                        out.push_str(&format!("Did not find any relation named \"{pattern}\".\n"))
                    }
                    None => {}
                }
            }
        }
        "dn" => out.push_str(&render_view_as(&schemas_view(&session.db), &settings.display)),
        "dp" | "z" | "du" | "dg" | "ddp" | "df" | "da" | "dT" => {
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
            // "Try \\? for help." follows only in an interactive session.
            out.push_str(&format!("invalid command \\{name}\n"));
        }
    }
}
