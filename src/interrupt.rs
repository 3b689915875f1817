//! Ctrl-C in the interactive front ends (REPL, `tour`, `run --step`, `exercise start`): SIGINT
//! cancels the statement that is running, as psql's does, and leaves fksim when none is.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::engine::cancel::Cancel;

/// The cancel flag of the work in progress, when there is some.
static RUNNING: Mutex<Option<Cancel>> = Mutex::new(None);

/// Whether the handler could be installed (once per process).
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// What Ctrl-C does when nothing runs: leave (the tour waiting for Enter) or nothing (the
/// REPL between a statement's output and its next prompt: the session must survive).
static EXIT_WHEN_IDLE: AtomicBool = AtomicBool::new(true);

/// Installs the SIGINT handler (once; later calls only change `exit_when_idle`). At the
/// REPL's prompt the terminal is in raw mode and rustyline reads Ctrl-C as a key (it clears
/// the line), so the handler only sees the Ctrl-C pressed while fksim works or waits in
/// cooked mode.
pub fn install(exit_when_idle: bool) -> bool {
    EXIT_WHEN_IDLE.store(exit_when_idle, Ordering::Relaxed);
    *INSTALLED.get_or_init(|| ctrlc::set_handler(on_sigint).is_ok())
}

/// Runs on ctrlc's own thread, not in signal context, so it may lock and print.
fn on_sigint() {
    let running = RUNNING.lock().ok().and_then(|r| r.clone());
    match running {
        Some(cancel) => {
            cancel.request();
            // psql's words on standard error, before the statement's ERROR arrives.
            eprintln!("Cancel request sent");
        }
        // Nothing to cancel: leave as the default action would, unless the session must live.
        None if EXIT_WHEN_IDLE.load(Ordering::Relaxed) => std::process::exit(130),
        None => {}
    }
}

/// While alive, Ctrl-C raises `cancel` instead of ending the process.
pub struct Busy(());

impl Drop for Busy {
    fn drop(&mut self) {
        if let Ok(mut r) = RUNNING.lock() {
            *r = None;
        }
    }
}

/// Marks the start of work Ctrl-C should cancel (one line of REPL input, one statement of the
/// tour): clears an earlier request and routes SIGINT to `cancel` until the guard drops.
pub fn busy(cancel: &Cancel) -> Busy {
    cancel.clear();
    if let Ok(mut r) = RUNNING.lock() {
        *r = Some(cancel.clone());
    }
    Busy(())
}
