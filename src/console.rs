//! The teaching front end shared by the REPL and `fksim run`: PostgreSQL's text for results and
//! errors, then what it does not say (trace trees, diagnoses, what-if runs), and the
//! meta-commands.

use std::path::{Path, PathBuf};

use colored::Colorize;

use crate::engine::session::Session;
use crate::exercise::{self, Exercise};
use crate::presets;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::render::describe::{describe_relation, schemas_view, tables_view};
use crate::render::expanded::{Display, Expanded, render_timing, render_view_as};
use crate::render::graph::{GraphFormat, render_graph};
use crate::render::psql::{render_error, render_notice, result_view};
use crate::render::teach::render_diagnosis;
use crate::render::trace::render_trace;
use crate::sql::parse_statement;
use crate::teach::context::FailureContext;
use crate::teach::diagnose::{Diagnosis, diagnose};
use crate::teach::prove::prove_fixes;

/// How deep `\i` may nest before fksim refuses (a file including itself).
const MAX_INCLUDE_DEPTH: usize = 16;

/// The help `\?` prints.
const HELP: &str = "\
General
  \\q                 leave
  \\? | \\h            this help
  Ctrl-C             cancel the running statement; at the prompt, clear the line
Formatting
  \\x [on|off|auto]   expanded display: each row as a block of column | value lines
  \\timing [on|off]   print how long each statement took
Looking
  \\d [NAME]          describe a table (or list tables)
  \\dt                list tables
  \\dn                list schemas
  \\graph             the foreign-key graph, each edge with its actions
  \\fkindex           foreign keys without an index on their columns, with the fixes
Teaching
  \\trace on|off      show every check, cascade and deferred re-check as it happens
  \\whatif STATEMENT  run an INSERT/UPDATE/DELETE, show what it would do, then undo it
Input
  \\i FILE            run a file
  \\ir FILE           run a file relative to the current one
  \\echo TEXT         print text
Exercises
  \\goal              the exercise's goal again
  \\check             run the exercise's checker on your database
  \\hint              the next hint (the fixes after an error are shown once all are used)
Database
  \\preset NAME       load a ready-made schema (supabase)
  \\reset             start again: in an exercise from its starting state, else from an
                     empty database
";

/// Where the teaching output goes when kept apart from psql's text (`fksim serve`): the
/// console fills it statement by statement and the caller takes it.
#[derive(Debug, Default, Clone)]
pub struct Aside {
    /// Trace trees.
    pub trace: String,
    /// Diagnoses and notes.
    pub teaching: String,
    /// The SQL of the fixes a diagnosis showed, to copy.
    pub fixes: Vec<String>,
    /// The SQLSTATE and message of the statement's error.
    pub error: Option<(String, String)>,
}

/// A session with its teaching options.
pub struct Console {
    /// The database session.
    pub session: Session,
    /// Print trace trees.
    pub trace: bool,
    /// Echo script lines (replays), as `psql -a` does.
    pub echo: bool,
    /// `\q` was given.
    pub quit: bool,
    /// Print psql's command tags (`INSERT 0 1`) after statements, as interactive psql does.
    pub tags: bool,
    /// `\timing`: print `Time: ... ms` after each statement.
    pub timing: bool,
    /// `\x` and the screen width results are laid out for.
    pub display: Display,
    /// Directory of the file being run, for `\ir`.
    dir: PathBuf,
    /// `\i` nesting.
    depth: usize,
    /// The exercise being worked on, and how many hints were shown.
    pub exercise: Option<(Exercise, usize)>,
    /// The statements of the open transaction block that succeeded, BEGIN excluded (a fix
    /// after a failure in the block is proven by running them again).
    block: Vec<String>,
    /// The unindexed-key notes already given: each is said once a session, not after every
    /// DELETE.
    noted: std::collections::HashSet<String>,
    /// The last 23503 diagnosed, with where it failed, as the teaching output showed it
    /// (examples/fixcheck.rs runs its fixes in PostgreSQL).
    pub last_diagnosis: Option<(FailureContext, Diagnosis)>,
    /// When set, teaching output goes here instead of after psql's text.
    pub aside: Option<Aside>,
    /// No file access: `\i`, `\ir`, `\o` and `COPY` to or from a file are refused (serve).
    pub sandbox: bool,
    /// pg_dump's `\restrict KEY`: until `\unrestrict KEY` only that meta-command runs.
    restricted: Option<String>,
    /// `\copy ... to FILE`: where COPY TO STDOUT's lines go instead of the output.
    copy_sink: Option<String>,
}

impl Console {
    /// A console on an empty database.
    pub fn new(trace: bool, echo: bool) -> Self {
        Console {
            session: Session::teaching(),
            trace,
            echo,
            quit: false,
            tags: false,
            timing: false,
            display: Display::default(),
            dir: PathBuf::from("."),
            depth: 0,
            exercise: None,
            block: Vec::new(),
            noted: Default::default(),
            last_diagnosis: None,
            aside: None,
            sandbox: false,
            restricted: None,
            copy_sink: None,
        }
    }

    /// Sets the directory `\ir` resolves against.
    pub fn set_dir(&mut self, dir: &Path) {
        self.dir = dir.to_path_buf();
    }

    /// Runs a whole script, appending the teaching output to `out`.
    pub fn run_script(&mut self, script: &str, out: &mut String) {
        for item in scan_script(script) {
            // A cancelled statement stops the script it came from, as Ctrl-C stops psql's \i.
            if self.quit || self.session.cancel.is_requested() {
                break;
            }
            self.run_item(item, out);
        }
    }

    /// Runs one statement, meta-command or echoed line.
    pub fn run_item(&mut self, item: ScriptItem, out: &mut String) {
        match item {
            ScriptItem::Echo(line) if self.echo => {
                let shown = if line.trim_start().starts_with("--") {
                    line.dimmed().to_string()
                } else {
                    line
                };
                out.push_str(&shown);
                out.push('\n');
            }
            ScriptItem::Echo(_) => {}
            ScriptItem::Statement(text) => self.run_statement(&text, out),
            ScriptItem::CopyIn { statement, data, .. } => self.run_copy(&statement, data, out),
            ScriptItem::Meta { name, args } => self.run_meta(&name, &args, out),
        }
    }

    /// Runs a statement: trace tree, notices, rows or error, and the diagnosis of a 23503.
    pub fn run_statement(&mut self, text: &str, out: &mut String) {
        let started = crate::stopwatch::Stopwatch::start();
        self.run_parsed(text, started, self.session.parse(text), out);
    }

    /// Runs `COPY ... FROM stdin` with the data lines read after it.
    pub fn run_copy(&mut self, text: &str, data: Vec<String>, out: &mut String) {
        let text = crate::psqlcopy::sent_statement(text.to_string());
        let started = crate::stopwatch::Stopwatch::start();
        self.run_parsed(&text, started, self.session.parse_copy(&text, data), out);
    }

    /// psql's `\copy` from or to a file, or to standard output (`from stdin` comes with its
    /// data lines as a `CopyIn`).
    fn slash_copy(&mut self, args: &str, out: &mut String) {
        let copy = match crate::psqlcopy::parse(args) {
            Ok(c) => c,
            Err(message) => return out.push_str(&format!("{message}\n")),
        };
        match (copy.from, copy.file) {
            (true, Some(path)) => match crate::psqlcopy::read_file(&path) {
                Ok(lines) => self.run_copy(&copy.sql, lines, out),
                Err(message) => out.push_str(&format!("{message}\n")),
            },
            (false, Some(path)) => {
                // psql opens the file before it sends the COPY.
                if let Err(e) = std::fs::write(&path, "") {
                    let message = crate::psqlcopy::io_message(&path, &e);
                    return out.push_str(&format!("{message}\n"));
                }
                self.copy_sink = Some(String::new());
                self.run_statement(&copy.sql, out);
                let lines = self.copy_sink.take().unwrap_or_default();
                if let Err(e) = std::fs::write(&path, lines) {
                    out.push_str(&format!("{}\n", crate::psqlcopy::io_message(&path, &e)));
                }
            }
            (_, None) => self.run_statement(&copy.sql, out),
        }
    }

    /// `started` is when the statement's parse began: `\timing` counts it, as psql's counts
    /// the server's parse.
    fn run_parsed(
        &mut self,
        text: &str,
        started: crate::stopwatch::Stopwatch,
        parsed: crate::error::Result<crate::sql::ast::Statement>,
        out: &mut String,
    ) {
        let refused = self.sandbox.then(|| crate::sql::sandbox::file_access(text)).flatten();
        let parsed = match refused {
            Some(e) => Err(e),
            None => parsed,
        };
        let stmt = match parsed {
            Ok(s) => s,
            Err(e) => {
                self.session.note_failed_statement();
                out.push_str(&colour_error(&render_error(&e, text)));
                self.aside_error(&e);
                self.push_timing(started, out);
                return;
            }
        };
        let target = match &stmt {
            crate::sql::ast::Statement::Delete(d) => Some(&d.table),
            crate::sql::ast::Statement::Update(u) => Some(&u.table),
            _ => None,
        };
        let mut notes = target
            .and_then(|t| self.session.db.lookup(t))
            .map(|id| crate::teach::scan::unindexed_notes(&self.session.db, id))
            .unwrap_or_default();
        notes.retain(|n| self.noted.insert(n.clone()));
        self.session.trace.enabled = self.trace;
        let was_in_block = self.session.in_transaction_block();
        let outcome = self.session.execute(&stmt);
        let elapsed_ms = started.elapsed_ms();
        let events = std::mem::take(&mut self.session.trace.events);
        self.session.trace.enabled = false;
        let trace = render_trace(&events);
        match &mut self.aside {
            Some(aside) => aside.trace.push_str(&trace),
            None => out.push_str(&trace),
        }
        for n in &outcome.notices {
            out.push_str(&render_notice(n));
        }
        let returned_rows = matches!(outcome.result, Ok(Some(_)));
        if let Some(lines) = &outcome.copy_out {
            match &mut self.copy_sink {
                Some(sink) => sink.push_str(lines),
                None => out.push_str(lines),
            }
        }
        let failed = match outcome.result {
            Ok(Some(rows)) => {
                out.push_str(&render_view_as(&result_view(&rows), &self.display));
                None
            }
            Ok(None) => None,
            Err(e) => {
                out.push_str(&colour_error(&render_error(&e, text)));
                self.aside_error(&e);
                Some(e)
            }
        };
        // psql prints the tag of a command, and of a query only for INSERT/UPDATE/DELETE
        // ... RETURNING (a SELECT's rows say it all).
        if let Some(tag) = &outcome.tag
            && self.tags
            && (!returned_rows || crate::render::psql::tag_follows_rows(tag))
        {
            out.push_str(tag);
            out.push('\n');
        }
        if self.timing {
            out.push_str(&render_timing(elapsed_ms));
        }
        let mut teaching = String::new();
        if let Some(e) = failed {
            let ctx = FailureContext {
                statement: text.trim().to_string(),
                place: crate::error::FailedAt::EndOfStatement,
                in_block: was_in_block,
                block: self.block.clone(),
                aborted: self.session.is_aborted(),
            };
            let at_failure = self.session.failure_state.take();
            let db = at_failure.as_deref().unwrap_or(&self.session.db);
            if let Some(mut d) = diagnose(db, &e, &ctx) {
                prove_fixes(&self.session, &ctx, &mut d);
                self.push_diagnosis(&d, &mut teaching);
                self.last_diagnosis = Some((ctx, d));
            }
        }
        self.note_block(&stmt, text, was_in_block);
        for n in notes {
            teaching.push_str(&format!("{} {n}\n", "note:".blue().bold()));
        }
        match &mut self.aside {
            Some(aside) => aside.teaching.push_str(&teaching),
            None => out.push_str(&teaching),
        }
    }

    /// The diagnosis of a failure. In an exercise its fixes (and the warnings about them) are
    /// held back until every hint was shown: they would give the answer away.
    fn push_diagnosis(&mut self, d: &Diagnosis, out: &mut String) {
        let hints_left =
            self.exercise.as_ref().map_or(0, |(ex, shown)| ex.hints.len().saturating_sub(*shown));
        if hints_left == 0 || (d.fixes.is_empty() && d.dropped.is_empty()) {
            out.push_str(&render_diagnosis(d));
            if let Some(aside) = &mut self.aside {
                aside.fixes.extend(d.fixes.iter().filter_map(|f| f.sql.clone()));
            }
            return;
        }
        let held =
            Diagnosis { fixes: Vec::new(), dropped: Vec::new(), warnings: Vec::new(), ..d.clone() };
        out.push_str(&render_diagnosis(&held));
        out.push_str(&format!(
            "{} held back in an exercise until its hints are used: \\hint gives the next one ({hints_left} left)\n",
            "fixes:".cyan().bold(),
        ));
    }

    /// `\reset`: an exercise starts over from its setup; otherwise the database is emptied.
    fn reset(&mut self, out: &mut String) {
        // The new session keeps the cancel flag Ctrl-C is wired to.
        let cancel = self.session.cancel.clone();
        let restarted = self.exercise.as_ref().map(|(ex, _)| exercise::start(ex));
        match restarted {
            Some(Ok(session)) => {
                self.session = session;
                out.push_str("exercise reset: back to its starting state\n");
            }
            Some(Err(e)) => {
                out.push_str(&colour_error(&render_error(&e, "")));
                return;
            }
            None => {
                self.session = Session::teaching();
                out.push_str("database reset: empty\n");
            }
        }
        self.session.cancel = cancel;
        self.block.clear();
    }

    /// Keeps a statement's error apart when teaching output is.
    fn aside_error(&mut self, e: &crate::error::Error) {
        if let Some(aside) = &mut self.aside {
            aside.error = Some((e.sqlstate().to_string(), e.message.clone()));
        }
    }

    /// `Time: ...` when `\timing` is on.
    fn push_timing(&self, started: crate::stopwatch::Stopwatch, out: &mut String) {
        if self.timing {
            out.push_str(&render_timing(started.elapsed_ms()));
        }
    }

    /// Keeps the open block's statements: cleared when the block ends, cut back by ROLLBACK TO
    /// SAVEPOINT to where the savepoint was set, left alone by a failed statement.
    fn note_block(&mut self, stmt: &crate::sql::ast::Statement, text: &str, was_in_block: bool) {
        use crate::sql::ast::Statement;
        if !self.session.in_transaction_block() || !was_in_block {
            self.block.clear();
            return;
        }
        if self.session.is_aborted() {
            return;
        }
        match stmt {
            Statement::RollbackTo(name) => {
                let set_at = self.block.iter().rposition(
                    |t| matches!(parse_statement(t), Ok(Statement::Savepoint(n)) if &n == name),
                );
                if let Some(i) = set_at {
                    self.block.truncate(i + 1);
                }
            }
            _ => self.block.push(text.trim().to_string()),
        }
    }

    /// A backslash command.
    pub fn run_meta(&mut self, name: &str, args: &str, out: &mut String) {
        let args = args.trim();
        if name == "restrict" || name == "unrestrict" {
            return out.push_str(&crate::runner::restrict(&mut self.restricted, name, args));
        }
        if self.restricted.is_some() {
            return out
                .push_str("backslash commands are restricted; only \\unrestrict is allowed\n");
        }
        // psql's describe commands are catalog queries: an aborted transaction refuses them.
        if (name.starts_with('d') || name == "z") && self.session.is_aborted() {
            let e = crate::error::Error::in_failed_transaction();
            return out.push_str(&colour_error(&render_error(&e, "")));
        }
        let views = crate::render::viewdef::meta(&self.session.db, name, args, false, || {
            tables_view(&self.session.db)
        });
        match name {
            _ if let Some(text) = views => out.push_str(&text),
            "q" | "quit" => self.quit = true,
            "?" | "h" | "help" => out.push_str(HELP),
            "echo" => {
                out.push_str(args);
                out.push('\n');
            }
            "c" | "connect" => {
                match self.session.connect(args.split_whitespace().next().filter(|a| *a != "-")) {
                    Ok(()) => out.push_str(&format!(
                        "You are now connected to database \"{}\" as user \"postgres\".\n",
                        self.session.cluster.current
                    )),
                    Err(e) => out.push_str(&colour_error(&format!(
                        "\\connect: {}\nPrevious connection kept\n",
                        e.message
                    ))),
                }
            }
            "d" | "dt" if args.is_empty() => out.push_str(
                &tables_view(&self.session.db)
                    .map(|v| render_view_as(&v, &self.display))
                    .unwrap_or_else(|| "Did not find any relations.\n".into()),
            ),
            "x" => match set_expanded(&mut self.display.expanded, args) {
                Ok(text) | Err(text) => out.push_str(&text),
            },
            "timing" => {
                out.push_str(&set_timing(&mut self.timing, args));
                out.push_str(if self.timing { "Timing is on.\n" } else { "Timing is off.\n" });
            }
            "d" | "d+" => {
                for pattern in args.split_whitespace() {
                    match describe_relation(&self.session.db, pattern, name == "d+") {
                        Some(text) => out.push_str(&text),
                        None => out
                            .push_str(&format!("Did not find any relation named \"{pattern}\".\n")),
                    }
                }
            }
            "dn" => out.push_str(&render_view_as(&schemas_view(&self.session.db), &self.display)),
            "i" | "ir" | "include" | "include_relative" | "o" | "out" | "w" | "write" | "copy"
            | "!" | "cd" | "s"
                if self.sandbox =>
            {
                out.push_str(&format!(
                    "\\{name}: not available here: this sandbox has no file or shell access\n"
                ))
            }
            "dp" | "z" | "du" | "dg" | "ddp" | "df" | "da" | "dT" => {
                if let Some(view) = crate::render::access::meta_view(&self.session.db, name, args) {
                    out.push_str(&render_view_as(&view, &self.display));
                }
            }
            "i" | "ir" => self.include(name == "ir", args, out),
            "copy" => self.slash_copy(args, out),
            "trace" => {
                self.trace = match args {
                    "on" => true,
                    "off" => false,
                    _ => !self.trace,
                };
                out.push_str(&format!("trace is {}\n", if self.trace { "on" } else { "off" }));
            }
            "whatif" => self.what_if(args, out),
            "graph" => out.push_str(&render_graph(&self.session.db, GraphFormat::Ascii)),
            "fkindex" => out.push_str(&crate::teach::fkindex::report(&self.session.db)),
            "preset" => match presets::apply(&mut self.session, args) {
                Ok(()) => out.push_str(&format!("preset {args} loaded\n")),
                Err(e) => out.push_str(&colour_error(&render_error(&e, ""))),
            },
            "check" | "hint" | "goal" if self.exercise.is_none() => out
                .push_str(&format!("\\{name} works inside an exercise: fksim exercise start N\n")),
            "check" => {
                if let Some((ex, _)) = &self.exercise {
                    out.push_str(&render_verdict(exercise::verdict(ex, &self.session)));
                }
            }
            "goal" => {
                if let Some((ex, _)) = &self.exercise {
                    out.push_str(&format!("{}\n\n{}", ex.title.bold(), ex.goal));
                }
            }
            "hint" => {
                if let Some((ex, shown)) = &mut self.exercise {
                    match ex.hints.get(*shown) {
                        Some(h) => {
                            *shown += 1;
                            out.push_str(&format!(
                                "{} {h}\n",
                                format!("hint {}/{}:", *shown, ex.hints.len()).cyan().bold()
                            ));
                        }
                        None => out.push_str(
                            "no more hints; the diagnosis after an error now shows its fixes\n",
                        ),
                    }
                }
            }
            "reset" => self.reset(out),
            _ => out.push_str(&format!("invalid command \\{name}\nTry \\? for help.\n")),
        }
    }

    /// `\i FILE` / `\ir FILE`.
    fn include(&mut self, relative: bool, file: &str, out: &mut String) {
        if file.is_empty() {
            out.push_str(&format!(
                "\\{}: missing required argument\n",
                if relative { "ir" } else { "i" }
            ));
            return;
        }
        let path = if relative { self.dir.join(file) } else { PathBuf::from(file) };
        if self.depth >= MAX_INCLUDE_DEPTH {
            out.push_str(&format!("{}: too many nested \\i commands\n", path.display()));
            return;
        }
        match read_limited(&path) {
            Ok(bytes) => {
                let script = String::from_utf8_lossy(&bytes).into_owned();
                let saved = std::mem::replace(
                    &mut self.dir,
                    path.parent().map(Path::to_path_buf).unwrap_or_default(),
                );
                self.depth += 1;
                self.run_script(&script, out);
                self.depth -= 1;
                self.dir = saved;
            }
            Err(e) => out.push_str(&format!("{}: {e}\n", path.display())),
        }
    }

    /// `\whatif STATEMENT`: what it would delete, null out, set to default or be blocked by.
    fn what_if(&mut self, text: &str, out: &mut String) {
        let stmt = match self.session.parse(text) {
            Ok(s) => s,
            Err(e) => {
                out.push_str(&colour_error(&render_error(&e, text)));
                return;
            }
        };
        self.session.trace.enabled = true;
        let outcome = self.session.what_if(&stmt);
        let events = std::mem::take(&mut self.session.trace.events);
        self.session.trace.enabled = false;
        out.push_str(&format!(
            "{} {}\n",
            "what if:".cyan().bold(),
            text.trim().trim_end_matches(';')
        ));
        out.push_str(&render_trace(&events));
        // Each action, and in all per action and table when one ran more than once.
        let mut totals: Vec<(String, String, usize, usize)> = Vec::new();
        for e in &events {
            if let crate::trace::TraceEvent::Action { name, action, table, rows, .. } = e {
                out.push_str(&format!(
                    "  {action} via {name}: {rows} row{} of {table}\n",
                    if *rows == 1 { "" } else { "s" }
                ));
                match totals.iter_mut().find(|t| &t.0 == action && &t.1 == table) {
                    Some(t) => {
                        t.2 += rows;
                        t.3 += 1;
                    }
                    None => totals.push((action.to_string(), table.clone(), *rows, 1)),
                }
            }
        }
        for (action, table, rows, times) in totals.iter().filter(|t| t.3 > 1) {
            out.push_str(&format!(
                "  in all, {action}: {rows} row{} of {table} ({times} times)\n",
                if *rows == 1 { "" } else { "s" }
            ));
        }
        match outcome.result {
            Ok(_) => {
                out.push_str(&format!("{}\n", "it would succeed; undone, nothing changed".green()))
            }
            Err(e) => {
                // A deferred key fails at COMMIT, not at the statement: in a block the
                // statement itself is accepted.
                let at_commit =
                    e.violation.as_ref().is_some_and(|v| v.place == crate::error::FailedAt::Commit);
                let in_block = self.session.in_transaction_block();
                let head = match (at_commit, in_block) {
                    (true, true) => "the statement would succeed; COMMIT would then fail:",
                    (true, false) => "it would fail at its own COMMIT (the key is deferred):",
                    _ => "it would fail:",
                };
                out.push_str(&format!("{}\n", head.red().bold()));
                out.push_str(&colour_error(&render_error(&e, text)));
                if at_commit && in_block {
                    // Nothing failed yet: the transaction may still make the key hold before
                    // COMMIT, so no fix is offered as if the statement had been refused.
                    out.push_str(&format!(
                        "{} nothing is refused yet: the deferred check runs at COMMIT (or at SET CONSTRAINTS ... IMMEDIATE). Before then, make the key hold again in this transaction, or ROLLBACK.\n",
                        "where:".cyan().bold()
                    ));
                    return;
                }
                let ctx = FailureContext::autocommit(text.trim());
                if let Some(mut d) = diagnose(&self.session.db, &e, &ctx) {
                    prove_fixes(&self.session, &ctx, &mut d);
                    self.push_diagnosis(&d, out);
                }
            }
        }
    }
}

/// The largest file `\i` reads: bigger inputs are refused rather than held in memory.
const MAX_INCLUDE_BYTES: u64 = 64 << 20;

/// Reads a file for `\i`, refusing anything past `MAX_INCLUDE_BYTES` (devices like /dev/zero too).
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_INCLUDE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INCLUDE_BYTES {
        return Err(std::io::Error::other(format!(
            "file is larger than {} MiB",
            MAX_INCLUDE_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// psql's `ParseVariableBool`: a prefix of true/false/yes/no, on/off (two letters at least),
/// 1 or 0, in any case.
pub fn parse_bool(value: &str) -> Option<bool> {
    let v = value.to_ascii_lowercase();
    let prefix_of = |word: &str, min: usize| v.len() >= min && word.starts_with(v.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || v == "1" {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0" {
        Some(false)
    } else {
        None
    }
}

/// `\x [on|off|auto]`: psql's message, or its complaint (Err) about the value.
pub fn set_expanded(expanded: &mut Expanded, args: &str) -> Result<String, String> {
    *expanded = if args.is_empty() {
        // psql negates the setting: auto toggles to off.
        if *expanded == Expanded::Off { Expanded::On } else { Expanded::Off }
    } else if "auto".starts_with(&args.to_ascii_lowercase()) {
        Expanded::Auto
    } else {
        match parse_bool(args) {
            Some(true) => Expanded::On,
            Some(false) => Expanded::Off,
            None => {
                return Err(format!(
                    "unrecognized value \"{args}\" for \"expanded\"\nAvailable values are: on, off, auto.\n"
                ));
            }
        }
    };
    Ok(match expanded {
        Expanded::Off => "Expanded display is off.\n",
        Expanded::On => "Expanded display is on.\n",
        Expanded::Auto => "Expanded display is used automatically.\n",
    }
    .to_string())
}

/// `\timing [on|off]`: psql's complaint about a value it cannot read (the setting is then
/// left as it was); psql reports the setting after either.
pub fn set_timing(timing: &mut bool, args: &str) -> String {
    if args.is_empty() {
        *timing = !*timing;
        return String::new();
    }
    match parse_bool(args) {
        Some(on) => {
            *timing = on;
            String::new()
        }
        None => format!("unrecognized value \"{args}\" for \"\\timing\": Boolean expected\n"),
    }
}

/// The checker's answer, for people.
pub fn render_verdict(v: Result<(), Vec<String>>) -> String {
    match v {
        Ok(()) => format!("{}\n", "PASS: every check holds.".green().bold()),
        Err(reasons) => {
            let mut s = format!("{}\n", "FAIL:".red().bold());
            for r in reasons {
                s.push_str(&format!("  - {r}\n"));
            }
            s
        }
    }
}

/// PostgreSQL's error text with its `ERROR:` label in red.
fn colour_error(text: &str) -> String {
    match text.strip_prefix("ERROR:") {
        Some(rest) => format!("{}{rest}", "ERROR:".red().bold()),
        None => text.to_string(),
    }
}
