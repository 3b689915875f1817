//! The interactive REPL: psql's prompts and line handling over rustyline, with history in the
//! user's data directory and tab completion of keywords, schemas, tables and columns.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use crate::console::Console;
use crate::psqlscan::Scanner;

/// Words offered by tab completion besides the catalog's names.
const KEYWORDS: &[&str] = &[
    "ALTER",
    "AND",
    "BEGIN",
    "CASCADE",
    "CHECK",
    "COMMIT",
    "CONSTRAINT",
    "CREATE",
    "DEFAULT",
    "DEFERRABLE",
    "DEFERRED",
    "DELETE",
    "DROP",
    "FOREIGN",
    "FROM",
    "FUNCTION",
    "IMMEDIATE",
    "INITIALLY",
    "INSERT",
    "INTO",
    "KEY",
    "NOT",
    "NULL",
    "ON",
    "OR",
    "PRIMARY",
    "REFERENCES",
    "RELEASE",
    "RESTRICT",
    "ROLLBACK",
    "SAVEPOINT",
    "SCHEMA",
    "SELECT",
    "SET",
    "TABLE",
    "TRIGGER",
    "TRUNCATE",
    "UNIQUE",
    "UPDATE",
    "VALUES",
    "WHERE",
    "ACTION",
    "CONSTRAINTS",
    "NO",
    "MATCH",
    "FULL",
    "SIMPLE",
    "VALIDATE",
    "VALID",
    "INDEX",
    "RETURNING",
    "ORDER",
    "BY",
    "GROUP",
    "LIMIT",
    "EXISTS",
    "IF",
];

/// Completion over keywords and the names in the catalog (refreshed after every statement).
struct FkHelper {
    names: Arc<Mutex<Vec<String>>>,
}

impl Completer for FkHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '\\'))
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        if word.is_empty() {
            return Ok((start, Vec::new()));
        }
        let lower = word.to_lowercase();
        let mut out: Vec<Pair> = Vec::new();
        let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        for n in names.iter().filter(|n| n.starts_with(&lower)) {
            out.push(Pair { display: n.clone(), replacement: n.clone() });
        }
        let upper = word.chars().next().is_some_and(char::is_uppercase);
        for k in KEYWORDS.iter().filter(|k| k.to_lowercase().starts_with(&lower)) {
            let r = if upper { k.to_string() } else { k.to_lowercase() };
            out.push(Pair { display: r.clone(), replacement: r });
        }
        out.sort_by(|a, b| a.display.cmp(&b.display));
        out.dedup_by(|a, b| a.display == b.display);
        Ok((start, out))
    }
}

impl Hinter for FkHelper {
    type Hint = String;
}
impl Highlighter for FkHelper {}
impl Validator for FkHelper {}
impl Helper for FkHelper {}

/// The names tab completion offers: schemas, tables (bare and qualified), columns.
fn catalog_names(console: &Console) -> Vec<String> {
    let db = &console.session.db;
    let mut names: Vec<String> = db.schemas.iter().cloned().collect();
    for t in db.tables.values() {
        names.push(t.name.clone());
        names.push(format!("{}.{}", t.schema, t.name));
        names.extend(t.columns.iter().map(|c| c.name.clone()));
    }
    names.extend(
        [
            "\\d",
            "\\dt",
            "\\dn",
            "\\graph",
            "\\fkindex",
            "\\trace",
            "\\whatif",
            "\\preset",
            "\\reset",
            "\\echo",
            "\\i",
            "\\ir",
            "\\q",
            "\\?",
            "\\x",
            "\\timing",
        ]
        .map(String::from),
    );
    names.sort();
    names.dedup();
    names
}

/// psql's prompt: `=>`, `=*>` inside a transaction, `=!>` in an aborted one, `-#` to continue.
/// What psql says when a `COPY ... FROM stdin` starts reading lines from the terminal.
const COPY_PROMPT: &str = "Enter data to be copied followed by a newline.\n\
End with a backslash and a period on a line by itself, or an EOF signal.\n";

fn prompt(console: &Console, continuing: bool) -> String {
    if continuing {
        "fksim-# ".into()
    } else if console.session.is_aborted() {
        "fksim=!> ".into()
    } else if console.session.in_transaction_block() {
        "fksim=*> ".into()
    } else {
        "fksim=> ".into()
    }
}

/// Where the history file lives.
fn history_path() -> Option<PathBuf> {
    let dir = dirs::data_dir()?.join("fksim");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// The screen width psql lays results out for (`\x auto`): `COLUMNS` when set, else the
/// terminal's; 0 when output is not a terminal.
fn screen_columns(editor: &mut Editor<FkHelper, DefaultHistory>) -> usize {
    let (width, _) = match editor.dimensions() {
        Some(d) => d,
        None => return 0,
    };
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .unwrap_or(usize::from(width))
}

/// Runs the REPL until `\q` or Ctrl-D.
pub fn run(mut console: Console) -> std::io::Result<()> {
    // Ctrl-C while a statement runs cancels it; at the prompt rustyline clears the line.
    crate::interrupt::install(false);
    console.tags = true;
    let names = Arc::new(Mutex::new(catalog_names(&console)));
    // psql lists the candidates rather than cycling through them.
    let config =
        Config::builder().completion_type(CompletionType::List).auto_add_history(false).build();
    let mut editor: Editor<FkHelper, DefaultHistory> =
        Editor::with_config(config).map_err(std::io::Error::other)?;
    editor.set_helper(Some(FkHelper { names: Arc::clone(&names) }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!(
        "fksim {} — PostgreSQL 15 foreign keys, shown step by step. \\? for help, \\q to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut scanner = Scanner::new();
    let mut stdout = std::io::stdout();
    while !console.quit {
        let shown =
            if scanner.in_copy() { ">> ".to_string() } else { prompt(&console, scanner.pending()) };
        match editor.readline(&shown) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                console.display.columns = screen_columns(&mut editor);
                let mut out = String::new();
                let was_copying = scanner.in_copy();
                let cancel = console.session.cancel.clone();
                let busy = crate::interrupt::busy(&cancel);
                for item in scanner.feed(&line) {
                    // After a cancel the rest of the line is dropped, as psql drops the rest
                    // of its query buffer.
                    if cancel.is_requested() {
                        break;
                    }
                    console.run_item(item, &mut out);
                }
                drop(busy);
                if scanner.in_copy() && !was_copying {
                    out.push_str(COPY_PROMPT);
                }
                stdout.write_all(out.as_bytes())?;
                stdout.flush()?;
                if let Ok(mut n) = names.lock() {
                    *n = catalog_names(&console);
                }
            }
            Err(ReadlineError::Interrupted) => scanner.reset(),
            // End of input ends COPY data as `\.` would; then the REPL goes on.
            Err(ReadlineError::Eof) if scanner.in_copy() => {
                let mut out = String::new();
                if let Some(item) = scanner.finish() {
                    console.run_item(item, &mut out);
                }
                stdout.write_all(out.as_bytes())?;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(std::io::Error::other(e)),
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}
