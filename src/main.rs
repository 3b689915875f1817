//! The fksim command line: `fksim` opens the REPL, `fksim run FILE` replays a script.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use fksim::engine::session::Session;
use fksim::presets;
use fksim::render::psql::render_error;
use fksim::runner::run_psql;

/// A foreign-key behaviour simulator that behaves like PostgreSQL 15 and shows its work.
#[derive(Parser)]
#[command(name = "fksim", version, about)]
struct Cli {
    /// Start from a ready-made database (`supabase`: an `auth` schema with `auth.users`).
    #[arg(long, global = true, value_name = "NAME")]
    preset: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Replay a SQL script (`-` for standard input).
    Run {
        /// The script.
        file: String,
        /// Print exactly what `psql -X -a -q < FILE` prints against PostgreSQL 15.
        #[arg(long)]
        psql: bool,
    },
}

fn read_input(file: &str) -> Result<String, String> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("fksim: could not read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(file).map_err(|e| format!("fksim: {file}: {e}"))?
    };
    // psql would stop at invalid UTF-8 with an encoding error per statement; fksim replaces
    // the bad bytes so the rest of the script still runs.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn replay(file: &str, preset: Option<&str>) -> ExitCode {
    let script = match read_input(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut session = Session::new();
    if let Some(name) = preset {
        if let Err(e) = presets::apply(&mut session, name) {
            eprint!("fksim: preset {name}: {}", render_error(&e, ""));
            return ExitCode::FAILURE;
        }
    }
    let mut out = String::new();
    run_psql(&mut session, &script, &mut out);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Run { file, psql: _ }) => replay(&file, cli.preset.as_deref()),
        None if !std::io::stdin().is_terminal() => replay("-", cli.preset.as_deref()),
        None => {
            eprintln!("fksim: the interactive REPL is not built yet; pipe a script in or use `fksim run FILE`");
            ExitCode::FAILURE
        }
    }
}
