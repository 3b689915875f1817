//! Statement cancellation: the one flag Ctrl-C (and a statement time limit) raise and every
//! long-running loop of the engine polls, turning it into SQLSTATE 57014.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::time::Instant;

use crate::error::{Error, Result};

/// How many polls pass between two readings of the clock when a deadline is set: a clock read
/// costs some twenty nanoseconds, too much for every row of a bulk insert.
const POLLS_PER_CLOCK_READ: u32 = 1024;

/// A cancel request another thread (the SIGINT handler) may raise while a statement runs, and
/// an optional deadline (a statement time limit). Clones share the request flag.
///
/// The engine calls [`Cancel::check`] once per row in its row loops (scans, INSERT ... SELECT,
/// UPDATE and DELETE, referential checks and actions, trigger queues, deferred checks at
/// COMMIT); a raised flag becomes an error there, and the statement fails through the ordinary
/// path: undone, and inside a transaction block the block is aborted, as in PostgreSQL.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    shared: Arc<Shared>,
    deadline: Option<Instant>,
    /// The most rows (polls) a statement may go through (`fksim serve --row-limit`).
    row_limit: Option<u64>,
}

/// What clones of a `Cancel` share: the request, and the polls counted toward the next clock
/// reading (shared, so a statement that hands copies to its parts still counts them all).
#[derive(Debug, Default)]
struct Shared {
    requested: AtomicBool,
    polls: AtomicU32,
    /// Polls since the row limit was last set (counted only while one is set).
    rows: AtomicU64,
}

impl Cancel {
    /// A handle with no request raised and no deadline.
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Asks the running statement to stop (safe from any thread).
    pub fn request(&self) {
        self.shared.requested.store(true, Ordering::Relaxed);
    }

    /// True when a cancel was requested and not yet cleared.
    pub fn is_requested(&self) -> bool {
        self.shared.requested.load(Ordering::Relaxed)
    }

    /// Forgets a request: the front end does this before it runs the next line of input.
    pub fn clear(&self) {
        self.shared.requested.store(false, Ordering::Relaxed);
    }

    /// Sets (or with `None` removes) the instant after which statements fail with
    /// `canceling statement due to statement timeout`.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.deadline = deadline;
        self.shared.polls.store(0, Ordering::Relaxed);
    }

    /// Sets (or with `None` removes) how many rows a statement may go through — scanned,
    /// written, checked or cascaded to — before it fails with 54000; restarts the count.
    pub fn set_row_limit(&mut self, limit: Option<u64>) {
        self.row_limit = limit;
        self.shared.rows.store(0, Ordering::Relaxed);
    }

    /// The engine's poll: an error once a cancel was requested, the deadline passed, the
    /// row limit was reached or the statement outgrew the session's memory budget. Without a deadline or row limit one relaxed atomic load, so row
    /// loops may call it for every row.
    #[inline]
    pub fn check(&self) -> Result<()> {
        self.check_rows(1)
    }

    /// [`Self::check`] for a loop that polls once per `rows` rows (a scan's tightest loops):
    /// the rows all count toward the row limit.
    #[inline]
    pub fn check_rows(&self, rows: u64) -> Result<()> {
        if self.shared.requested.load(Ordering::Relaxed) {
            return Err(Error::query_canceled());
        }
        if let Some(limit) = self.row_limit
            && self.shared.rows.fetch_add(rows, Ordering::Relaxed) >= limit
        {
            return Err(Error::too_large(format!(
                "statement went through more than {limit} rows, the row limit of this sandbox"
            )));
        }
        if let Some(deadline) = self.deadline {
            let n = self.shared.polls.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
            if n.is_multiple_of(POLLS_PER_CLOCK_READ) && Instant::now() >= deadline {
                return Err(Error::statement_timeout());
            }
        }
        // The session's memory budget (memory.rs): two thread-local reads.
        crate::engine::memory::check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_from_a_clone_stops_the_original() {
        let cancel = Cancel::new();
        assert!(cancel.check().is_ok());
        let other = cancel.clone();
        std::thread::spawn(move || other.request()).join().ok();
        let err = cancel.check().err().map(|e| (e.sqlstate(), e.message.clone()));
        assert_eq!(err, Some(("57014", "canceling statement due to user request".to_string())));
        cancel.clear();
        assert!(cancel.check().is_ok());
    }

    #[test]
    fn the_row_limit_stops_the_poll_after_it() {
        let mut cancel = Cancel::new();
        cancel.set_row_limit(Some(3));
        let polls: Vec<bool> = (0..5).map(|_| cancel.check().is_ok()).collect();
        assert_eq!(polls, [true, true, true, false, false]);
        assert_eq!(cancel.check().err().map(|e| e.sqlstate()), Some("54000"));
        cancel.set_row_limit(None);
        assert!(cancel.check().is_ok());
    }

    #[test]
    fn a_past_deadline_is_noticed_within_a_round_of_polls() {
        let mut cancel = Cancel::new();
        cancel.set_deadline(Some(Instant::now()));
        let failed = (0..=POLLS_PER_CLOCK_READ).find_map(|_| cancel.check().err());
        assert_eq!(
            failed.map(|e| e.message.clone()).as_deref(),
            Some("canceling statement due to statement timeout")
        );
    }
}
