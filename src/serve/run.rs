//! One request's SQL on a sandbox's console: item by item under the statement limits, psql's
//! own text kept apart from what fksim adds (trace trees, diagnoses and their fixes).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::sessions::{Progress, lock};
use crate::console::{Aside, Console, render_verdict};
use crate::psqlscan::{ScriptItem, scan_script};

/// The limits every statement of a sandbox runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A statement running longer fails with 57014 (statement timeout).
    pub statement_time: Duration,
    /// A statement going through more rows fails with 54000.
    pub rows: u64,
    /// A request's statements stop being run after this long (the rest is skipped).
    pub request_time: Duration,
    /// Most memory one sandbox may hold, in bytes: a statement that would take it past this
    /// fails with 53200 (`engine::memory`).
    pub memory: usize,
}

/// The default of `fksim serve --session-memory`: 256 MB a sandbox.
pub const DEFAULT_SESSION_MEMORY: usize = 256 << 20;

/// An error, as the page and scripts see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorJson {
    /// The SQLSTATE.
    pub sqlstate: String,
    /// PostgreSQL's message.
    pub message: String,
}

/// One statement or meta-command of a request and what it printed.
#[derive(Debug, Default, Serialize)]
pub struct Item {
    /// The statement's text, or the meta-command (`\hint`).
    pub input: String,
    /// What `psql -X -a -q` prints for it: the echoed lines, then its rows or error.
    pub psql: String,
    /// The trace tree (when `\trace on`).
    pub trace: String,
    /// fksim's teaching output: the diagnosis and notes, the what-if run, hints, verdicts.
    pub teaching: String,
    /// The SQL of each fix the diagnosis showed, to copy into the input.
    pub fixes: Vec<String>,
    /// The statement's error.
    pub error: Option<ErrorJson>,
}

/// The answer to `POST /api/sessions/{id}/run`.
#[derive(Debug, Default, Serialize)]
pub struct Reply {
    /// Exactly what `psql -X -a -q` prints for the whole text.
    pub psql: String,
    /// Everything fksim adds, in order (trace trees, diagnoses, notes, meta-command output).
    pub teaching: String,
    /// Statement by statement.
    pub items: Vec<Item>,
    /// The last error met, if any.
    pub error: Option<ErrorJson>,
    /// Set when the request ran out of time and its remaining statements were not run.
    pub stopped: Option<String>,
}

/// Meta-commands that are fksim's own (their output is teaching output, not psql's).
const TEACHING_META: &[&str] =
    &["trace", "whatif", "graph", "check", "hint", "goal", "preset", "reset", "?", "h", "help"];

/// Per-session memory, after every statement: each statement already runs under the
/// sandbox's budget (a statement that would pass it fails with 53200); this says when the
/// sandbox holds most of it, so the participant knows why the next statement may fail.
fn over_memory_budget(console: &Console) -> Option<String> {
    let (held, budget) = (console.session.memory_held(), console.session.memory_budget());
    (held > budget / 10 * 9).then(|| {
        format!(
            "this sandbox holds about {} of its {} memory limit; DROP or TRUNCATE tables to make room",
            crate::engine::memory::pretty(held),
            crate::engine::memory::pretty(budget)
        )
    })
}

/// Runs `script` on `console` under `limits`, recording progress for the instructor.
pub fn run(
    console: &mut Console,
    progress: &Mutex<Progress>,
    script: &str,
    limits: &Limits,
) -> Reply {
    let started = Instant::now();
    let mut reply = Reply::default();
    let mut echoed = String::new();
    for item in scan_script(script) {
        let input = match &item {
            ScriptItem::Echo(_) => {
                console.run_item(item, &mut echoed);
                continue;
            }
            ScriptItem::Statement(text) => text.trim().to_string(),
            ScriptItem::CopyIn { statement, .. } => statement.trim().to_string(),
            ScriptItem::Meta { name, args } => format!("\\{name} {args}").trim_end().to_string(),
        };
        if started.elapsed() >= limits.request_time {
            reply.stopped = Some(format!(
                "this request ran past {} s: the statements from `{input}` on were not run",
                limits.request_time.as_secs()
            ));
            break;
        }
        let teaching_meta = matches!(&item, ScriptItem::Meta { name, .. } if TEACHING_META.contains(&name.as_str()));
        let mut out = String::new();
        console.aside = Some(Aside::default());
        let cancel = &mut console.session.cancel;
        cancel.clear();
        cancel.set_deadline(Some(Instant::now() + limits.statement_time));
        cancel.set_row_limit(Some(limits.rows));
        console.session.set_memory_limit(limits.memory);
        match &item {
            ScriptItem::Meta { name, .. } if name == "check" && console.exercise.is_some() => {
                out.push_str(&check(console, progress).1)
            }
            _ => console.run_item(item, &mut out),
        }
        console.session.cancel.set_deadline(None);
        console.session.cancel.set_row_limit(None);
        let aside = console.aside.take().unwrap_or_default();
        let mut done = Item {
            psql: std::mem::take(&mut echoed),
            trace: aside.trace,
            fixes: aside.fixes,
            error: aside.error.map(|(sqlstate, message)| ErrorJson { sqlstate, message }),
            ..Default::default()
        };
        if teaching_meta {
            done.teaching = out;
        } else {
            done.psql.push_str(&out);
        }
        done.teaching.push_str(&aside.teaching);
        if let Some(why) = over_memory_budget(console) {
            done.teaching.push_str(&format!("sandbox: {why}\n"));
        }
        {
            let mut p = lock(progress);
            p.statements += 1;
            if let Some(e) = &done.error {
                p.last_error = Some((e.sqlstate.clone(), e.message.clone(), input.clone()));
            }
        }
        done.input = input;
        reply.psql.push_str(&done.psql);
        reply.teaching.push_str(&done.trace);
        reply.teaching.push_str(&done.teaching);
        if done.error.is_some() {
            reply.error = done.error.clone();
        }
        reply.items.push(done);
        if console.quit {
            console.quit = false;
            break;
        }
    }
    if !echoed.is_empty() {
        reply.psql.push_str(&echoed);
        reply.items.push(Item { psql: echoed, ..Default::default() });
    }
    reply
}

/// The exercise checker's verdict on the console's database: passed, and the text. A pass
/// is recorded for the instructor.
pub fn check(console: &Console, progress: &Mutex<Progress>) -> (bool, String) {
    let Some((ex, _)) = &console.exercise else {
        return (false, "no exercise started: pick one first\n".to_string());
    };
    let verdict = crate::exercise::verdict(ex, &console.session);
    let passed = verdict.is_ok();
    if passed {
        let mut p = lock(progress);
        if let Some((n, _)) = p.exercise.clone() {
            p.passed.insert(n);
        }
    }
    (passed, render_verdict(verdict))
}
