//! The chain of causes behind a 23503, as the engine keeps it: which referential action
//! (CASCADE, SET NULL, SET DEFAULT) queued the work a failing check judged, and the actions
//! before it, back to the statement's own rows; kept for deferred checks until COMMIT. The
//! teaching layer turns it into sentences (`crate::teach::cause`).

use crate::engine::catalog::{Action, ConstraintId};
use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::ri::{RiEvent, fire};
use crate::engine::storage::RowId;
use crate::engine::triggers::Queued;
use crate::engine::value::Value;
use crate::error::{Cause, Error, Result};

/// A referential action that ran while the statement's queue fired and queued work: the queue
/// entries it added and where it stands in its chain. Its event stays in the queue, in its own
/// entry (`Queued::Acted`): a cascade down a 100,000-row self-reference keeps 100,000 of these.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The queue entries it added.
    queued: std::ops::Range<u32>,
    /// Its own queue entry.
    fired: u32,
    /// The origin of the entry whose firing ran it (an index into the origins), or `NONE`.
    parent: u32,
    /// Links from the statement's own rows to here: 1 for an action the statement's rows ran.
    depth: u32,
    /// Its ancestor `CHAIN_ENDS` links from the statement's rows (itself in a shorter chain):
    /// from there the parents name a long chain's outer end without walking it.
    anchor: u32,
}

/// No parent: the statement's own rows ran the action.
const NONE: u32 = u32::MAX;

/// Fires queue entry `at`. An action (CASCADE, SET NULL, SET DEFAULT) that queues work is kept
/// as that work's origin; a 23503 gets the chain of actions that led to it.
pub fn fire_at(exec: &mut Exec<'_>, at: usize, event: RiEvent) -> Result<()> {
    if !writes_rows(exec.db, &event) {
        return fire(exec, &event).map_err(|e| with_origins(exec, at, e));
    }
    // Sealed on both sides, so what the action queues is never merged with other entries.
    let start = exec.queue.mark();
    let deferred = exec.txn.deferred.mark();
    let result = fire(exec, &event);
    let end = exec.queue.mark();
    // The action as a link: named only when a deferred check it queued or a failure needs it.
    let remember =
        exec.txn.deferred.len() > deferred && exec.txn.deferred_causes.len() < MAX_DEFERRED_CAUSES;
    let cause = (remember || result.is_err()).then(|| action_cause(exec.db, &event)).flatten();
    if end > start
        && let (Ok(queued_start), Ok(queued_end), Ok(fired), Ok(this)) = (
            u32::try_from(start),
            u32::try_from(end),
            u32::try_from(at),
            u32::try_from(exec.origins.len()),
        )
    {
        let parent = origin_of(exec, at);
        let (depth, anchor) = match parent.map(|p| &exec.origins[p]) {
            Some(p) if p.depth as usize >= CHAIN_ENDS => (p.depth + 1, p.anchor),
            Some(p) => (p.depth + 1, this),
            None => (1, this),
        };
        let parent = parent.map_or(NONE, |p| p as u32);
        exec.origins.push(Origin {
            queued: queued_start..queued_end,
            fired,
            parent,
            depth,
            anchor,
        });
        exec.queue.replace(at, Queued::Acted(event));
    }
    if remember && let Some(cause) = cause.clone() {
        let mut causes = vec![cause];
        causes.extend(chain(exec, at));
        remember_deferred(exec, deferred, &causes);
    }
    result.map_err(|e| {
        // A failure inside the action (its own re-check, a trigger of a row it changed) has
        // the action as its innermost link.
        let e = match cause {
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
    let at = u32::try_from(at).ok()?;
    // Most often the entry is the latest action's (a cascade down a chain of rows).
    let last = exec.origins.len().checked_sub(1)?;
    let i = if exec.origins[last].queued.start <= at {
        last
    } else {
        exec.origins.partition_point(|o| o.queued.start <= at).checked_sub(1)?
    };
    exec.origins[i].queued.contains(&at).then_some(i)
}

/// The actions that queued entry `at`, innermost first; the middle of a long chain counted,
/// its ends named without walking it.
fn chain(exec: &Exec<'_>, at: usize) -> Vec<Cause> {
    let Some(first) = origin_of(exec, at) else { return Vec::new() };
    let depth = exec.origins[first].depth as usize;
    let long = depth > 2 * CHAIN_ENDS;
    // The innermost links by their parents (all of a short chain), then a long chain's
    // outermost ones from its anchor.
    let mut links = ancestors(exec, first, if long { CHAIN_ENDS } else { depth });
    let mut causes: Vec<Cause> = Vec::new();
    if long {
        links.extend(ancestors(exec, exec.origins[first].anchor as usize, CHAIN_ENDS));
    }
    for (n, &i) in links.iter().enumerate() {
        if long && n == CHAIN_ENDS {
            causes.push(Cause::Omitted { links: depth - 2 * CHAIN_ENDS });
        }
        let event = match exec.queue.get(exec.origins[i].fired as usize) {
            Some(Queued::Acted(event)) => event,
            _ => continue,
        };
        causes.extend(action_cause(exec.db, event));
    }
    causes
}

/// Origin `from` and its parents, `count` of them at most, innermost first.
fn ancestors(exec: &Exec<'_>, from: usize, count: usize) -> Vec<usize> {
    let mut links = Vec::with_capacity(count);
    let mut next = Some(from);
    while let Some(i) = next.filter(|_| links.len() < count) {
        links.push(i);
        next = exec.origins.get(i).map(|o| o.parent).filter(|&p| p != NONE).map(|p| p as usize);
    }
    links
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
