//! The fksim command line: `fksim` opens the REPL (or reads piped input), `fksim run FILE`
//! replays a script, `fksim graph FILE` draws its foreign keys.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use fksim::console::Console;
use fksim::engine::session::Session;
use fksim::presets;
use fksim::render::graph::{GraphFormat, render_graph};
use fksim::render::psql::render_error;
use fksim::runner::run_psql;

/// A foreign-key behaviour simulator that behaves like PostgreSQL 15 and shows its work.
#[derive(Parser)]
#[command(name = "fksim", version, about)]
struct Cli {
    /// Start from a ready-made database (`supabase`: an `auth` schema with `auth.users`).
    #[arg(long, global = true, value_name = "NAME")]
    preset: Option<String>,
    /// Most memory a session may hold (`512MB`, `2GB`, bytes); a statement that would take
    /// more fails with `out of memory` (53200). Default: half the machine's memory.
    #[arg(long, global = true, value_name = "SIZE", value_parser = fksim::engine::memory::parse_size)]
    memory_limit: Option<usize>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Replay a SQL script (`-` for standard input), explaining what happens.
    Run {
        /// The script.
        file: String,
        /// Print exactly what `psql -X -a -q < FILE` prints against PostgreSQL 15.
        #[arg(long)]
        psql: bool,
        /// Show every referential step as a tree.
        #[arg(long, conflicts_with = "psql")]
        trace: bool,
        /// Pause after each statement (Enter continues, q stops); implies --trace.
        #[arg(long, conflicts_with = "psql")]
        step: bool,
    },
    /// The guided walk through the core scenarios, a statement at a time.
    Tour,
    /// Workshop exercises: list, start one in the REPL, or check a solution file.
    Exercise {
        #[command(subcommand)]
        action: ExerciseAction,
    },
    /// Replay scenario files (a directory: all its .sql) and report every `-- expect:` that fails.
    Check {
        /// Files or directories.
        #[arg(default_value = "scenarios")]
        paths: Vec<String>,
    },
    /// Run scripts through psql against a live PostgreSQL and through fksim; show differences.
    Verify {
        /// The scripts.
        #[arg(required = true)]
        files: Vec<String>,
        /// Connection URL (default: the standard PG* variables).
        #[arg(long)]
        db: Option<String>,
    },
    /// Run a script and draw the foreign-key graph of the schema it builds.
    Graph {
        /// The script.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "ascii")]
        format: Format,
    },
    /// The workshop in a browser: a sandbox per participant, the instructor's view behind a
    /// token printed at start. Ctrl-C stops it.
    Serve {
        /// Address to listen on (`0.0.0.0:8080` for the room).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// At most this many sandboxes at once (more are refused with 503).
        #[arg(long, default_value_t = 100)]
        max_sessions: usize,
        /// Drop a sandbox after this many seconds without a request.
        #[arg(long, default_value_t = 1800)]
        idle_secs: u64,
        /// A statement running longer is cancelled (57014).
        #[arg(long, default_value_t = 5000)]
        statement_ms: u64,
        /// A statement going through more rows is cancelled (54000).
        #[arg(long, default_value_t = 1_000_000)]
        row_limit: u64,
        /// The statements of one request stop being run after this many seconds.
        #[arg(long, default_value_t = 20)]
        request_secs: u64,
        /// Largest request body, in bytes.
        #[arg(long, default_value_t = 65536)]
        max_body: usize,
        /// Most memory one sandbox may hold (`256MB`, `1GB`, bytes): a statement that would
        /// take it past this fails with 53200.
        #[arg(long, default_value = "256MB", value_parser = fksim::engine::memory::parse_size)]
        session_memory: usize,
    },
}

#[derive(Subcommand)]
enum ExerciseAction {
    /// The exercises, numbered.
    List,
    /// Open the REPL on exercise N's starting state (`\check`, `\hint`).
    Start {
        /// Its number.
        n: usize,
    },
    /// Check a file of SQL against exercise N.
    Check {
        /// Its number.
        n: usize,
        /// Your SQL.
        file: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Ascii,
    Dot,
    Mermaid,
    Svg,
}

fn read_input(file: &str) -> Result<String, String> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("fksim: could not read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(file).map_err(|e| format!("fksim: {file}: {e}"))?
    };
    // psql would stop at invalid UTF-8 with an encoding error per statement; fksim replaces
    // the bad bytes so the rest of the script still runs.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn write_out(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn with_preset(session: &mut Session, preset: Option<&str>) -> Result<(), ExitCode> {
    if let Some(name) = preset
        && let Err(e) = presets::apply(session, name)
    {
        eprint!("fksim: preset {name}: {}", render_error(&e, ""));
        return Err(ExitCode::FAILURE);
    }
    Ok(())
}

/// `fksim check`: every expectation of every scenario, failures with file and line.
fn check(paths: &[String]) -> ExitCode {
    let (mut files, mut checked, mut failed) = (0, 0, 0);
    for p in paths {
        for file in fksim::scenario::sql_files(Path::new(p)) {
            let script = match read_input(&file.to_string_lossy()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    failed += 1;
                    continue;
                }
            };
            files += 1;
            // An exercise file is checked as an exercise: its solutions pass, its wrong answers
            // fail; its check section alone, on the unsolved setup, would fail by design.
            let (n, failures) = if fksim::exercise::is_exercise_file(&script) {
                fksim::exercise::check_file(&file, &script)
            } else {
                fksim::scenario::check_script(&file, &script)
            };
            checked += n;
            for f in &failures {
                println!("{}:{}: {}", f.file.display(), f.line, f.message);
            }
            failed += failures.len();
        }
    }
    println!(
        "{checked} expectations in {files} files: {}",
        if failed == 0 { "all hold".to_string() } else { format!("{failed} failed") }
    );
    if failed == 0 && files > 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `fksim exercise ...`.
fn exercise(action: ExerciseAction) -> ExitCode {
    use fksim::exercise;
    let find = |n: usize| {
        let ex = exercise::get(n);
        if ex.is_none() {
            eprintln!("fksim: there is no exercise {n}; `fksim exercise list` shows them");
        }
        ex
    };
    match action {
        ExerciseAction::List => {
            let mut out = String::new();
            for (i, ex) in exercise::all().iter().enumerate() {
                out.push_str(&format!("{:>2}. {}\n", i + 1, ex.title));
            }
            write_out(&out)
        }
        ExerciseAction::Start { n } => {
            let Some(ex) = find(n) else { return ExitCode::FAILURE };
            let session = match exercise::start(&ex) {
                Ok(s) => s,
                Err(e) => {
                    eprint!("fksim: {}", render_error(&e, ""));
                    return ExitCode::FAILURE;
                }
            };
            println!(
                "Exercise {n}: {}\n\n{}\n\\d shows the tables, \\hint gives a hint, \\check runs the checker, \\goal shows the goal again, \\reset starts the exercise over.\n",
                ex.title, ex.goal
            );
            let mut console = Console::new(false, false);
            console.session = session;
            console.exercise = Some((ex, 0));
            if std::io::stdin().is_terminal() {
                if let Err(e) = fksim::repl::run(console) {
                    eprintln!("fksim: {e}");
                    return ExitCode::FAILURE;
                }
                return ExitCode::SUCCESS;
            }
            let script = read_input("-").unwrap_or_default();
            let mut out = String::new();
            console.run_script(&script, &mut out);
            write_out(&out)
        }
        ExerciseAction::Check { n, file } => {
            let Some(ex) = find(n) else { return ExitCode::FAILURE };
            let sql = match read_input(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let verdict = exercise::check(&ex, &sql);
            let passed = verdict.is_ok();
            let code = write_out(&fksim::console::render_verdict(verdict));
            if passed { code } else { ExitCode::FAILURE }
        }
    }
}

/// `fksim verify`: PostgreSQL's output against fksim's, file by file.
fn verify(files: &[String], db: Option<String>) -> ExitCode {
    let server = fksim::verify::Server { url: db };
    let mut differ = 0;
    for (n, f) in files.iter().enumerate() {
        match fksim::verify::verify_file(&server, Path::new(f), n) {
            Ok(None) => println!("{f}: identical"),
            Ok(Some(diff)) => {
                differ += 1;
                print!("{diff}");
            }
            Err(e) => {
                eprintln!("fksim verify: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if differ == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    colored::control::set_override(colour);
    let preset = cli.preset.as_deref();
    if let Some(bytes) = cli.memory_limit {
        fksim::engine::memory::set_process_limit(bytes);
    }
    let (file, psql, trace, echo) = match cli.command {
        Some(Command::Graph { file, format }) => {
            let script = match read_input(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let mut console = Console::new(false, false);
            if let Err(code) = with_preset(&mut console.session, preset) {
                return code;
            }
            let mut ignored = String::new();
            console.run_script(&script, &mut ignored);
            let format = match format {
                Format::Ascii => GraphFormat::Ascii,
                Format::Dot => GraphFormat::Dot,
                Format::Mermaid => GraphFormat::Mermaid,
                Format::Svg => GraphFormat::Svg,
            };
            return write_out(&render_graph(&console.session.db, format));
        }
        Some(Command::Run { file, step: true, .. }) => {
            let script = match read_input(&file) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };

            let mut console = Console::new(true, true);
            if let Err(code) = with_preset(&mut console.session, preset) {
                return code;
            }
            fksim::tour::step(&mut console, &script, &mut std::io::stdout());
            return ExitCode::SUCCESS;
        }
        Some(Command::Tour) => {
            fksim::tour::tour(&mut std::io::stdout());
            return ExitCode::SUCCESS;
        }
        Some(Command::Check { paths }) => return check(&paths),
        Some(Command::Serve {
            listen,
            max_sessions,
            idle_secs,
            statement_ms,
            row_limit,
            request_secs,
            max_body,
            session_memory,
        }) => {
            use std::time::Duration;
            colored::control::set_override(false);
            let options = fksim::serve::Options {
                listen,
                max_sessions,
                idle: Duration::from_secs(idle_secs),
                limits: fksim::serve::Limits {
                    statement_time: Duration::from_millis(statement_ms),
                    rows: row_limit,
                    request_time: Duration::from_secs(request_secs),
                    memory: session_memory,
                },
                max_body,
            };
            return match fksim::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("fksim serve: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Exercise { action }) => return exercise(action),
        Some(Command::Verify { files, db }) => return verify(&files, db),
        Some(Command::Run { file, psql, trace, step: false }) => (file, psql, trace, true),
        None if !std::io::stdin().is_terminal() => ("-".to_string(), false, false, false),
        None => {
            let mut console = Console::new(false, false);
            if let Err(code) = with_preset(&mut console.session, preset) {
                return code;
            }
            return match fksim::repl::run(console) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("fksim: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    };
    let script = match read_input(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    if psql {
        let mut session = Session::new();
        if let Err(code) = with_preset(&mut session, preset) {
            return code;
        }
        run_psql(&mut session, &script, &mut out);
        // The process ends next: the OS reclaims the data at once, where dropping it would
        // free a million rows one by one.
        std::mem::forget(session);
    } else {
        let mut console = Console::new(trace, echo);
        if let Some(dir) = Path::new(&file).parent() {
            console.set_dir(dir);
        }
        if let Err(code) = with_preset(&mut console.session, preset) {
            return code;
        }
        console.run_script(&script, &mut out);
        std::mem::forget(console);
    }
    write_out(&out)
}
