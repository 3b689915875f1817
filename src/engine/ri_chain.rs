//! The chain of causes behind a 23503, as the engine keeps it: which referential action
//! (CASCADE, SET NULL, SET DEFAULT) queued the work a failing check judged, and the actions
//! before it, back to the statement's own rows; kept for deferred checks until COMMIT. The
//! teaching layer turns it into sentences (`crate::teach::cause`).

use smallvec::SmallVec;

use crate::engine::catalog::{Action, ConstraintId};
use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::ri::{RiEvent, fire};
use crate::engine::storage::RowId;
use crate::engine::triggers::Queued;
use crate::engine::value::Value;
use crate::error::{Cause, Error, Result};

/// A referential action that ran while the statement's queue fired: the queue entries it
/// added, its event, and where it stands in its chain.
#[derive(Debug, Clone)]
pub struct Origin {
    queued: std::ops::Range<usize>,
    event: RiEvent,
    /// The origin of the entry whose firing ran it (an index into the origins).
    parent: Option<usize>,
    /// Links from the statement's own rows to here: 1 for an action the statement's rows ran.
    depth: usize,
    /// The outermost links of its chain (at most `CHAIN_ENDS`, outermost first): a long chain
    /// is named by its ends without walking it.
    head: SmallVec<[usize; CHAIN_ENDS]>,
}

/// Fires queue entry `at`. An action (CASCADE, SET NULL, SET DEFAULT) that queues work is kept
/// as that work's origin; a 23503 gets the chain of actions that led to it.
pub fn fire_at(exec: &mut Exec<'_>, at: usize, event: &RiEvent) -> Result<()> {
    if !writes_rows(exec.db, event) {
        return fire(exec, event).map_err(|e| with_origins(exec, at, e));
    }
    // Sealed on both sides, so what the action queues is never merged with other entries.
    let start = exec.queue.mark();
    let deferred = exec.txn.deferred.mark();
    let result = fire(exec, event);
    let end = exec.queue.mark();
    if end > start {
        let parent = origin_of(exec, at);
        let (depth, mut head) = match parent {
            Some(p) => (exec.origins[p].depth + 1, exec.origins[p].head.clone()),
            None => (1, SmallVec::new()),
        };
        if head.len() < CHAIN_ENDS {
            head.push(exec.origins.len());
        }
        exec.origins.push(Origin { queued: start..end, event: event.clone(), parent, depth, head });
    }
    if exec.txn.deferred.len() > deferred
        && exec.txn.deferred_causes.len() < MAX_DEFERRED_CAUSES
        && let Some(cause) = action_cause(exec.db, event)
    {
        let mut causes = vec![cause];
        causes.extend(chain(exec, at));
        remember_deferred(exec, deferred, &causes);
    }
    result.map_err(|e| {
        // A failure inside the action (its own re-check, a trigger of a row it changed) has
        // the action as its innermost link.
        let e = match action_cause(exec.db, event) {
            Some(cause) => e.with_cause(|| cause),
            None => e,
        };
        with_origins(exec, at, e)
    })
}

/// Links of a chain kept at each end; the middle of a longer chain (a deep self-reference) is
/// counted, not listed.
const CHAIN_ENDS: usize = 3;

/// Adds to a 23503 raised by queue entry `at` the actions that queued it, innermost first.
pub fn with_origins(exec: &Exec<'_>, at: usize, err: Error) -> Error {
    if err.violation.is_none() {
        return err;
    }
    chain(exec, at).into_iter().fold(err, |e, cause| e.with_cause(|| cause))
}

/// Keys of deferred checks kept with the chain that queued them, per transaction: past that
/// (a cascade through thousands of rows with a deferred key on each) the rest go
/// unexplained rather than slow the statement down.
const MAX_DEFERRED_CAUSES: usize = 1_000;

/// The keys the deferred checks queued since `from` (on the deferred list) will judge at
/// COMMIT, each kept with `causes`, the chain (innermost first) that queued them.
pub fn remember_deferred(exec: &mut Exec<'_>, from: usize, causes: &[Cause]) {
    /// Rows of one deferred check kept with a chain; a bigger batch is left unexplained.
    const MAX_ROWS: u32 = MAX_DEFERRED_CAUSES as u32;
    if exec.txn.deferred_causes.len() >= MAX_DEFERRED_CAUSES {
        return;
    }
    let mut keys = Vec::new();
    for q in (from..exec.txn.deferred.len()).filter_map(|i| exec.txn.deferred.get(i)) {
        let Queued::Ri(e) = q else { continue };
        match e {
            RiEvent::ParentChanged { fk, old_key, .. } => keys.push((*fk, old_key.to_vec())),
            RiEvent::CheckParent { fk, rows } => {
                let Some(f) = exec.db.fks.get(fk) else { continue };
                let Ok(child) = exec.db.table(f.child) else { continue };
                for row in rows.start..rows.end.min(rows.start.saturating_add(MAX_ROWS)) {
                    if let Some(key) = child.heap.key(RowId(row), &f.child_columns) {
                        keys.push((*fk, key.to_vec()));
                    }
                }
            }
        }
    }
    let causes: std::rc::Rc<[Cause]> = causes.into();
    for key in keys {
        exec.txn.deferred_causes.insert(key, causes.clone());
    }
}

/// The origin whose action queued entry `at`. Origins are kept in queue order, their ranges
/// disjoint: a binary search.
fn origin_of(exec: &Exec<'_>, at: usize) -> Option<usize> {
    let i = exec.origins.partition_point(|o| o.queued.start <= at).checked_sub(1)?;
    exec.origins[i].queued.contains(&at).then_some(i)
}

/// The actions that queued entry `at`, innermost first; the middle of a long chain counted,
/// its ends named without walking it.
fn chain(exec: &Exec<'_>, at: usize) -> Vec<Cause> {
    let Some(first) = origin_of(exec, at) else { return Vec::new() };
    let depth = exec.origins[first].depth;
    let long = depth > 2 * CHAIN_ENDS;
    // The innermost links by their parents: all of a short chain.
    let mut links = Vec::new();
    let mut next = Some(first);
    while let Some(i) = next.filter(|_| !long || links.len() < CHAIN_ENDS) {
        links.push(i);
        next = exec.origins[i].parent;
    }
    let mut causes: Vec<Cause> =
        links.iter().filter_map(|&i| action_cause(exec.db, &exec.origins[i].event)).collect();
    if long {
        causes.push(Cause::Omitted { links: depth - 2 * CHAIN_ENDS });
        let head = &exec.origins[first].head;
        causes.extend(
            head.iter().rev().filter_map(|&i| action_cause(exec.db, &exec.origins[i].event)),
        );
    }
    causes
}

/// The event as a link of a chain of causes, when it runs an action that writes rows.
fn action_cause(db: &Database, event: &RiEvent) -> Option<Cause> {
    let RiEvent::ParentChanged { fk, old_key, new_key } = event else { return None };
    writes_rows(db, event).then(|| Cause::Action {
        constraint: *fk,
        old_key: old_key.to_vec(),
        new_key: new_key.as_ref().map(|k| k.to_vec()),
    })
}

/// Does firing `event` run an action that writes rows (CASCADE, SET NULL, SET DEFAULT)?
fn writes_rows(db: &Database, event: &RiEvent) -> bool {
    let RiEvent::ParentChanged { fk, new_key, .. } = event else { return false };
    db.fks.get(fk).is_some_and(|f| {
        let action = if new_key.is_some() { &f.on_update } else { &f.on_delete };
        !matches!(action, Action::NoAction | Action::Restrict)
    })
}

/// The chain kept for the deferred check of `key` in `constraint`, if an action or trigger
/// queued it (empty otherwise).
pub fn deferred_chain(exec: &Exec<'_>, constraint: ConstraintId, key: &[Value]) -> Vec<Cause> {
    exec.txn
        .deferred_causes
        .get(&(constraint, key.to_vec()))
        .map(|c| c.to_vec())
        .unwrap_or_default()
}
