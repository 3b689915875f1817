//! The memory budget: what a session may hold, and the accounting that refuses a statement
//! that would hold more with PostgreSQL's `ERROR:  out of memory` (53200) instead of letting
//! the process die.
//!
//! Accounting is by the allocator itself: [`Counting`] wraps the system allocator and keeps,
//! per thread, the net bytes allocated (one thread-local add per allocation). A statement runs
//! inside a [`Window`] that fixes a ceiling on that count: the budget less what the session
//! already holds (its tables, indexes and undo, estimated from their row counts, see
//! [`held_by`]). Everything the statement builds — rows it inserts, undo, queued trigger
//! events, sorts, hash tables, join results, series, big strings, work tables — counts, and
//! the engine's per-row poll ([`check`], called by `Cancel::check`) turns a count past the
//! ceiling into the error; the statement is then rolled back like any failed one. Single
//! large requests whose size is known first (`repeat`, `lpad`) ask [`reserve`] before they
//! allocate. What the statement was building, for the DETAIL, is named by [`building`].

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::engine::database::Database;
use crate::error::{Error, Result};

/// The system allocator, counting per thread the bytes it hands out and takes back.
pub struct Counting;

thread_local! {
    /// Net bytes this thread has allocated (may go negative: it frees what others made).
    static NET: Cell<isize> = const { Cell::new(0) };
    /// The count past which the running statement is over its budget (`isize::MAX`: none).
    static CEILING: Cell<isize> = const { Cell::new(isize::MAX) };
    /// The budget of the running statement's session, for the DETAIL.
    static LIMIT: Cell<usize> = const { Cell::new(0) };
    /// What the running statement is building, innermost last.
    static BUILDING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

#[inline]
fn count(delta: isize) {
    let _ = NET.try_with(|n| n.set(n.get().wrapping_add(delta)));
}

// SAFETY: every call is passed on unchanged to `System`; only a thread-local counter is added.
unsafe impl GlobalAlloc for Counting {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: the caller's contract is System's.
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: the caller's contract is System's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The budget `--memory-limit` set for this process (0: the machine's default).
static PROCESS_LIMIT: AtomicUsize = AtomicUsize::new(0);

/// The least room a statement gets even when the session's estimate says it holds its whole
/// budget already (so DELETE, DROP and small queries still run).
const MIN_ROOM: usize = 4 << 20;

/// The default budget on this machine: half its physical memory (MemTotal in /proc/meminfo),
/// 4 GB where that cannot be read.
pub fn machine_default() -> usize {
    static DEFAULT: OnceLock<usize> = OnceLock::new();
    *DEFAULT.get_or_init(|| {
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|text| {
                let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
                let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(kb.saturating_mul(1024) / 2)
            })
            .unwrap_or(4 << 30)
    })
}

/// Sets the budget of every session that sets none itself (`--memory-limit`); 0 restores the
/// machine's default.
pub fn set_process_limit(bytes: usize) {
    PROCESS_LIMIT.store(bytes, Ordering::Relaxed);
}

/// The budget of a session that sets none itself.
pub fn process_limit() -> usize {
    match PROCESS_LIMIT.load(Ordering::Relaxed) {
        0 => machine_default(),
        n => n,
    }
}

/// Parses a size as `--memory-limit` takes it: bytes (`1048576`) or a number with a unit,
/// PostgreSQL's (`kB`, `MB`, `GB`, `TB`, powers of 1024; any case, `B` optional after the
/// letter, a space allowed).
pub fn parse_size(text: &str) -> std::result::Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (number, unit) = (t[..split].trim(), t[split..].trim());
    let number: f64 = number.parse().map_err(|_| {
        format!("invalid size \"{text}\": expected bytes or a number with kB, MB, GB")
    })?;
    let scale: f64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1024.0,
        "m" | "mb" => 1024.0 * 1024.0,
        "g" | "gb" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("invalid size \"{text}\": unknown unit \"{unit}\"")),
    };
    let bytes = number * scale;
    if !bytes.is_finite() || bytes < 1.0 || bytes > usize::MAX as f64 {
        return Err(format!("invalid size \"{text}\""));
    }
    Ok(bytes as usize)
}

/// A size as the DETAIL prints it (`64 MB`).
pub fn pretty(bytes: usize) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 10 * 1024 && unit + 1 < UNITS.len() {
        value /= 1024;
        unit += 1;
    }
    format!("{value} {}", UNITS[unit])
}

/// What a session holds between statements, estimated without reading a row: each table's
/// heap columns, an entry a row for each index, the undo log.
pub fn held_by(db: &Database, undo_entries: usize) -> usize {
    let mut bytes = undo_entries.saturating_mul(64);
    for t in db.tables.values() {
        let indexes = t.indexes.len() + t.uniques.len();
        bytes = bytes
            .saturating_add(t.heap.approx_bytes())
            .saturating_add(t.heap.slot_count().saturating_mul(indexes * 16));
    }
    bytes
}

/// The budget of one statement: while it lives, the thread's allocations count against
/// `limit` less what the session holds. Dropping it restores the enclosing window (if any).
pub struct Window {
    ceiling: isize,
    limit: usize,
}

impl Window {
    /// Opens a window for a statement of a session with budget `limit` already holding `held`.
    pub fn open(limit: usize, held: usize) -> Window {
        let room = limit.saturating_sub(held).max(MIN_ROOM.min(limit));
        let now = NET.with(Cell::get);
        let ceiling = now.saturating_add(isize::try_from(room).unwrap_or(isize::MAX));
        Window { ceiling: CEILING.replace(ceiling), limit: LIMIT.replace(limit) }
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        CEILING.set(self.ceiling);
        LIMIT.set(self.limit);
    }
}

/// Names what the statement builds until the guard is dropped (the DETAIL of the error says
/// it). Call it per phase, not per row.
pub fn building(what: impl Into<String>) -> Building {
    let what = what.into();
    let _ = BUILDING.try_with(|b| b.borrow_mut().push(what));
    Building(())
}

/// Guard of [`building`].
pub struct Building(());

impl Drop for Building {
    fn drop(&mut self) {
        let _ = BUILDING.try_with(|b| b.borrow_mut().pop());
    }
}

/// The engine's poll: 53200 once the running statement holds more than its window allows.
#[inline]
pub fn check() -> Result<()> {
    if NET.with(Cell::get) > CEILING.with(Cell::get) {
        return Err(out_of_memory(None));
    }
    Ok(())
}

/// Asks for `bytes` more before allocating them at once (a string of known length): 53200,
/// naming `what`, when they would not fit.
pub fn reserve(bytes: usize, what: &str) -> Result<()> {
    let now = NET.with(Cell::get);
    let want = now.saturating_add(isize::try_from(bytes).unwrap_or(isize::MAX));
    if want > CEILING.with(Cell::get) {
        let _b = building(what);
        return Err(out_of_memory(Some(bytes)));
    }
    Ok(())
}

/// The error: PostgreSQL's message; the DETAIL says what fksim was building and the budget.
fn out_of_memory(request: Option<usize>) -> Error {
    let what = BUILDING
        .try_with(|b| b.borrow().last().cloned())
        .ok()
        .flatten()
        .unwrap_or_else(|| "the statement's rows".to_string());
    let limit = pretty(LIMIT.with(Cell::get));
    let detail = match request {
        Some(n) => format!(
            "Failed on request of size {n} while building {what}: over this session's memory limit of {limit}."
        ),
        None => {
            format!("Failed while building {what}: over this session's memory limit of {limit}.")
        }
    };
    Error::new("53200", "out of memory").with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512MB"), Ok(512 << 20));
        assert_eq!(parse_size("2GB"), Ok(2 << 30));
        assert_eq!(parse_size("64 mb"), Ok(64 << 20));
        assert_eq!(parse_size("100kB"), Ok(100 << 10));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert_eq!(pretty(64 << 20), "64 MB");
    }

    #[test]
    fn window_trips_and_restores() {
        {
            let _w = Window::open(1 << 20, 0);
            let big: Vec<u8> = vec![1; 8 << 20];
            assert_eq!(check().map_err(|e| e.sqlstate), Err("53200"));
            drop(big);
            assert!(check().is_ok());
            assert!(reserve(16 << 20, "a string").is_err());
        }
        let big: Vec<u8> = vec![1; 8 << 20];
        assert!(check().is_ok());
        drop(big);
    }
}
