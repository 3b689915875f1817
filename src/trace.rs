//! The events the engine emits while it works; renderers decide how to show them.

use crate::engine::catalog::ConstraintId;

/// When a queued referential check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckTiming {
    /// At the end of the statement (PostgreSQL's AFTER ROW triggers).
    EndOfStatement,
    /// At COMMIT (or when SET CONSTRAINTS makes it immediate).
    Deferred,
}

/// One thing the engine did, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceEvent {
    /// A row was inserted, updated or deleted (`cascade_depth` 0: by the statement itself).
    Row { table: String, op: &'static str, values: String, cascade_depth: usize },
    /// A referential check or action was queued.
    Queued {
        constraint: ConstraintId,
        name: String,
        what: String,
        timing: CheckTiming,
        depth: usize,
    },
    /// A queued check ran: what it looked up and what it found.
    CheckFired { name: String, lookup: String, found: bool, passed: bool, depth: usize },
    /// A queued check ran and needed no lookup, or found its answer elsewhere: `reason` says
    /// why it passed (a NULL in the key under MATCH SIMPLE; NO ACTION finding another row
    /// that supplies the key).
    CheckPassed { name: String, reason: String, depth: usize },
    /// A referential action ran (CASCADE / SET NULL / SET DEFAULT) touching `rows` rows.
    Action { name: String, action: &'static str, table: String, rows: usize, depth: usize },
    /// A user trigger's function ran for a row.
    Trigger { name: String, table: String, timing: &'static str, op: &'static str, depth: usize },
    /// The deferred checks ran (COMMIT or SET CONSTRAINTS ... IMMEDIATE).
    DeferredChecks { count: usize, reason: &'static str },
    /// Every one of the deferred checks that ran passed (COMMIT then commits).
    DeferredPassed { count: usize, reason: &'static str },
}

/// Where events go: nowhere unless tracing is on.
#[derive(Debug, Clone, Default)]
pub struct TraceSink {
    /// Whether events are kept.
    pub enabled: bool,
    /// The events kept so far (the caller drains them).
    pub events: Vec<TraceEvent>,
}

impl TraceSink {
    /// Records an event when tracing is on; `make` is not called otherwise.
    #[inline]
    pub fn emit(&mut self, make: impl FnOnce() -> TraceEvent) {
        if self.enabled {
            self.events.push(make());
        }
    }
}
