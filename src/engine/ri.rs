//! All referential-integrity rules: which changes queue which checks and actions, when they
//! fire (end of statement, SET CONSTRAINTS, COMMIT), the lookups they make, and the actions
//! CASCADE / SET NULL / SET DEFAULT / RESTRICT / NO ACTION, as PostgreSQL 15's ri_triggers.c.

use smallvec::SmallVec;

use crate::engine::cancel::Cancel;
use crate::engine::catalog::{Action, CloneRole, ConstraintId, ForeignKey, TableId};
use crate::engine::constraint_triggers;
use crate::engine::database::Database;
use crate::engine::exec::{ConstraintModes, Exec, Transaction, describe_key};
use crate::engine::ri_chain;
use crate::engine::routines::TriggerOp;
use crate::engine::runs::{Absorb, RunList, join_runs};
use crate::engine::statement_triggers;
use crate::engine::storage::{Key, RowId, Xid, has_null, key_of};
use crate::engine::table::Table;
use crate::engine::triggers::{Queued, fire_queued};
use crate::engine::value::{Value, cast};
use crate::error::{Cause, Error, FailedAt, Result, Violation, ViolationKind};
use crate::trace::{CheckTiming, TraceEvent, TraceSink};

/// A queued referential event: PostgreSQL's RI trigger events.
#[derive(Debug, Clone, PartialEq)]
pub enum RiEvent {
    /// A referencing row was inserted, or its key changed: its parent must exist
    /// (RI_FKey_check_ins / RI_FKey_check_upd).
    CheckParent {
        /// The foreign key.
        fk: ConstraintId,
        /// The row versions to check, consecutive slots checked in order (a version no
        /// longer live when the check fires is skipped).
        rows: std::ops::Range<u32>,
    },
    /// A referenced row was deleted (`new_key` None) or its key changed: the constraint's
    /// ON DELETE / ON UPDATE action runs (RI_FKey_*_del / RI_FKey_*_upd).
    ParentChanged {
        /// The foreign key.
        fk: ConstraintId,
        /// The referenced key the row had, in the foreign key's referenced-column order (kept in
        /// place: a cascade down a long chain holds one per row until the statement ends).
        old_key: EventKey,
        /// The key it has now, for ON UPDATE.
        new_key: Option<Key>,
    },
}

/// A referenced key as an event keeps it: one column in place, more allocated.
pub type EventKey = SmallVec<[Value; 1]>;

/// The key at `columns` of a row's values, as an event keeps it.
pub fn event_key(values: &[Value], columns: &[usize]) -> EventKey {
    match columns {
        [c] => smallvec::smallvec![values[*c].clone()],
        _ => columns.iter().map(|&c| values[c].clone()).collect(),
    }
}

impl Absorb for RiEvent {
    /// Checks of the same constraint on the next slots join into one range.
    fn absorb(&mut self, next: &Self) -> bool {
        match (self, next) {
            (
                RiEvent::CheckParent { fk, rows },
                RiEvent::CheckParent { fk: next_fk, rows: next_rows },
            ) if fk == next_fk => join_runs(rows, next_rows),
            _ => false,
        }
    }

    fn weight(&self) -> usize {
        match self {
            RiEvent::CheckParent { rows, .. } => rows.len(),
            RiEvent::ParentChanged { .. } => 1,
        }
    }
}

impl RiEvent {
    /// The constraint the event belongs to.
    pub fn constraint(&self) -> ConstraintId {
        match self {
            RiEvent::CheckParent { fk, .. } | RiEvent::ParentChanged { fk, .. } => *fk,
        }
    }
}

/// A row change, as the referential rules need to see it.
pub enum RowChange<'a> {
    /// A row was inserted into slot `new`.
    Insert { new: RowId },
    /// A row with these values was deleted.
    Delete { old: &'a [Value] },
    /// A row was replaced: its old values and writer, and the new version's slot.
    Update { old: &'a [Value], old_xmin: Xid, new: RowId },
}

/// The events a row change triggers, in PostgreSQL's trigger order: the action triggers of
/// constraints referencing this table ("RI_ConstraintTrigger_a_*") before the check triggers of
/// its own foreign keys ("RI_ConstraintTrigger_c_*"), each by creation order. Each goes to
/// `sink` with its constraint.
fn each_row_event(
    db: &Database,
    xid: Xid,
    table: TableId,
    change: &RowChange<'_>,
    moving: bool,
    mut sink: impl FnMut(&ForeignKey, RiEvent),
) -> Result<()> {
    // The events of a change to `table` are exactly the RI triggers on it; DISABLE TRIGGER ALL
    // turned them off.
    if db.table(table)?.ri_triggers_disabled {
        return Ok(());
    }
    let new_values: Option<Vec<Value>> = match change {
        RowChange::Update { new, .. } => db.table(table)?.heap.row(*new),
        RowChange::Insert { .. } | RowChange::Delete { .. } => None,
    };
    for fk in db.fks_referencing(table) {
        // A partition's copy of a foreign key only checks its own rows; the actions run
        // through the constraint of the referencing table's root.
        if fk.cloned.is_some_and(|(_, role)| role == CloneRole::Referencing) {
            continue;
        }
        match change {
            RowChange::Insert { .. } => {}
            // A row moving to another partition: the copies' work is the move's update.
            RowChange::Delete { .. } if moving && fk.cloned.is_some() => {}
            RowChange::Delete { old } => {
                // RI_FKey_pk_upd_check_required (for deletes too): a NULL old key was never
                // referenced, so no event is queued (nor pending).
                let old_key = event_key(old, &fk.parent_columns);
                if has_null(&old_key) {
                    continue;
                }
                sink(fk, RiEvent::ParentChanged { fk: fk.id, old_key, new_key: None });
            }
            RowChange::Update { old, .. } => {
                let old_key = event_key(old, &fk.parent_columns);
                let new_key = new_values.as_deref().map(|v| key_of(v, &fk.parent_columns));
                // RI_FKey_pk_upd_check_required: a NULL old key was never referenced; an
                // unchanged key needs nothing.
                if has_null(&old_key)
                    || new_key.as_ref().is_some_and(|n| keys_same_image(n, &old_key))
                {
                    continue;
                }
                sink(fk, RiEvent::ParentChanged { fk: fk.id, old_key, new_key });
            }
        }
    }
    for fk in db.fks_of(table) {
        if fk.cloned.is_some_and(|(_, role)| role == CloneRole::Referenced) {
            continue;
        }
        match change {
            RowChange::Delete { .. } => {}
            RowChange::Insert { new } => {
                sink(fk, RiEvent::CheckParent { fk: fk.id, rows: new.0..new.0 + 1 })
            }
            RowChange::Update { old, old_xmin, new } => {
                let Some(values) = new_values.as_deref() else { continue };
                if fk_update_needs_check(fk, old, *old_xmin, values, xid) {
                    sink(fk, RiEvent::CheckParent { fk: fk.id, rows: new.0..new.0 + 1 });
                }
            }
        }
    }
    Ok(())
}

/// The events a row change triggers, in trigger order (see `each_row_event`), for merging with
/// user AFTER triggers.
pub fn row_events(
    exec: &Exec<'_>,
    table: TableId,
    change: &RowChange<'_>,
) -> Result<SmallVec<[RiEvent; 2]>> {
    let mut events = SmallVec::new();
    each_row_event(exec.db, exec.txn.xid, table, change, exec.moving_row, |_, e| events.push(e))?;
    Ok(events)
}

/// The name of the PostgreSQL trigger behind an event, which decides its place among user
/// triggers: `RI_ConstraintTrigger_a_<oid>` (actions, on the referenced table) or `_c_` (checks).
pub fn trigger_name(exec: &Exec<'_>, event: &RiEvent) -> String {
    let kind = match event {
        RiEvent::CheckParent { .. } => 'c',
        RiEvent::ParentChanged { .. } => 'a',
    };
    let _ = exec;
    format!("RI_ConstraintTrigger_{kind}_{:010}", event.constraint().0)
}

/// RI_FKey_fk_upd_check_required: does an update of a referencing row need its parent checked?
fn fk_update_needs_check(
    fk: &ForeignKey,
    old: &[Value],
    old_xmin: Xid,
    new: &[Value],
    xid: Xid,
) -> bool {
    let new_key = key_of(new, &fk.child_columns);
    match classify_key(fk, &new_key) {
        // MATCH SIMPLE: any NULL means no check; MATCH FULL: all NULL is fine.
        KeyCheck::Skip => return false,
        // MATCH FULL with some NULLs fails whatever changed (a NOT VALID constraint lets such
        // rows exist), but only when the check fires: the row may be fixed before then.
        KeyCheck::MixedNulls => return true,
        KeyCheck::Lookup => {}
    }
    // A row our own transaction wrote may have skipped its check (deferred, or a NULL
    // that was later filled): always check it.
    if old_xmin == xid {
        return true;
    }
    !keys_identical(&key_of(old, &fk.child_columns), &new_key)
}

/// Binary equality of keys, as ri_KeysEqual (NULLs equal NULLs here).
fn keys_identical(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// ri_KeysEqual on the referenced side compares the keys' images, not by `=`: `-0` to `0`
/// (float) or `1.0` to `1.00` (numeric) is a key change that fires the ON UPDATE action.
pub fn keys_same_image(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            (Value::Numeric(x), Value::Numeric(y)) => x == y && x.scale() == y.scale(),
            _ => x == y,
        })
}

/// True when events of this constraint wait for COMMIT now.
fn is_deferred(modes: &ConstraintModes, fk: &ForeignKey, event: &RiEvent) -> bool {
    // Only the check triggers and NO ACTION's trigger are deferrable; RESTRICT and the
    // actions always fire at the end of the statement.
    let deferrable_trigger = match event {
        RiEvent::CheckParent { .. } => true,
        RiEvent::ParentChanged { new_key, .. } => {
            let action = if new_key.is_some() { &fk.on_update } else { &fk.on_delete };
            *action == Action::NoAction
        }
    };
    if !fk.deferrable || !deferrable_trigger {
        return false;
    }
    if let Some(&d) = modes.named.get(&fk.id) {
        return d;
    }
    modes.all.unwrap_or(fk.initially_deferred)
}

/// PostgreSQL's CheckTableNotInUse: DDL on a table with deferred trigger events pending in this
/// transaction is refused (55006), naming the command.
pub fn check_not_pending(exec: &Exec<'_>, table: TableId, command: &str) -> Result<()> {
    let pending = exec.txn.deferred.iter().any(|q| match q {
        Queued::Ri(e) => exec.db.fks.get(&e.constraint()).is_some_and(|fk| match e {
            RiEvent::CheckParent { .. } => fk.child == table,
            RiEvent::ParentChanged { .. } => fk.parent == table,
        }),
        Queued::After(call) => call.table == table,
        Queued::Fired | Queued::Acted(_) => false,
    });
    if pending {
        let name = exec.db.table(table)?.name.clone();
        return Err(Error::new(
            "55006",
            format!("cannot {command} \"{name}\" because it has pending trigger events"),
        ));
    }
    Ok(())
}

/// Puts an event on the statement's after-trigger queue, or on the transaction's deferred
/// list when its constraint is deferred now.
pub fn queue(exec: &mut Exec<'_>, event: RiEvent) -> Result<()> {
    let depth = exec.cascade_depth + exec.trigger_depth;
    let Exec { db, txn, queue, trace, .. } = exec;
    let Some(fk) = db.fks.get(&event.constraint()) else { return Ok(()) };
    push_event(fk, event, txn, queue, trace, depth);
    Ok(())
}

/// Queues the events of a row change, in trigger order, as they are found.
pub fn queue_row_events(exec: &mut Exec<'_>, table: TableId, change: &RowChange<'_>) -> Result<()> {
    let depth = exec.cascade_depth + exec.trigger_depth;
    let Exec { db, txn, queue, trace, moving_row, .. } = exec;
    let xid = txn.xid;
    each_row_event(db, xid, table, change, *moving_row, |fk, e| {
        push_event(fk, e, txn, queue, trace, depth)
    })
}

/// Puts an event of `fk` on the statement's queue or the deferred list, and traces it.
fn push_event(
    fk: &ForeignKey,
    event: RiEvent,
    txn: &mut Transaction,
    queue: &mut RunList<Queued>,
    trace: &mut TraceSink,
    depth: usize,
) {
    let deferred = is_deferred(&txn.modes, fk, &event);
    trace.emit(|| TraceEvent::Queued {
        constraint: event.constraint(),
        name: fk.name.clone(),
        what: match &event {
            RiEvent::CheckParent { .. } => "check parent exists".to_string(),
            RiEvent::ParentChanged { new_key: None, .. } => "ON DELETE".to_string(),
            RiEvent::ParentChanged { .. } => "ON UPDATE".to_string(),
        },
        timing: if deferred { CheckTiming::Deferred } else { CheckTiming::EndOfStatement },
        depth,
    });
    if deferred {
        txn.deferred.push(Queued::Ri(event));
    } else {
        queue.push(Queued::Ri(event));
    }
}

/// Fires the deferred events that are no longer deferred (all of them at COMMIT).
pub fn fire_deferred(exec: &mut Exec<'_>, all: bool, reason: &'static str) -> Result<()> {
    let pending = exec.txn.deferred.take();
    let (now, later): (Vec<Queued>, Vec<Queued>) = pending.into_iter().partition(|q| {
        all || match q {
            Queued::Ri(e) => exec
                .db
                .fks
                .get(&e.constraint())
                .is_none_or(|fk| !is_deferred(&exec.txn.modes, fk, e)),
            Queued::After(call) => {
                !constraint_triggers::call_deferred(exec.db, &exec.txn.modes, call)
            }
            Queued::Fired | Queued::Acted(_) => false,
        }
    });
    later.into_iter().for_each(|e| exec.txn.deferred.push(e));
    let count = now.iter().map(Absorb::weight).sum();
    exec.trace.emit(|| TraceEvent::DeferredChecks { count, reason });
    now.into_iter().for_each(|q| exec.queue.push(q));
    // The teaching layer says where it failed: the transaction's fate depends on it.
    let place = if reason.contains("COMMIT") { FailedAt::Commit } else { FailedAt::SetConstraints };
    fire_queued(exec).map_err(|mut e| {
        if let Some(v) = e.violation.as_mut() {
            v.place = place;
            // The row the check judged may have been written by an action earlier on.
            if v.causes.is_empty() {
                v.causes = ri_chain::deferred_chain(exec, v.constraint, &v.key);
            }
        }
        e
    })?;
    if count > 0 {
        exec.trace.emit(|| TraceEvent::DeferredPassed { count, reason });
    }
    Ok(())
}

/// Runs one referential event: a parent check or a referenced row's action.
pub fn fire(exec: &mut Exec<'_>, event: &RiEvent) -> Result<()> {
    if let RiEvent::CheckParent { fk, rows } = event {
        // The most frequent event: checked in place, without copying the constraint.
        let depth = exec.cascade_depth + exec.trigger_depth;
        let Some(f) = exec.db.fks.get(fk) else { return Ok(()) };
        let child = f.child;
        return check_parents_exist(
            exec.db,
            exec.trace,
            &exec.ctx.cancel,
            depth,
            f,
            rows.clone(),
            exec.ctx.xid,
        )
        .map_err(|e| crate::engine::rls::hide_key(exec, child, e));
    }
    let Some(fk) = exec.db.fks.get(&event.constraint()).cloned() else { return Ok(()) };
    match event {
        RiEvent::CheckParent { .. } => Ok(()),
        RiEvent::ParentChanged { old_key, new_key: None, .. } => {
            apply_action(exec, &fk, &fk.on_delete, old_key, None)
        }
        RiEvent::ParentChanged { old_key, new_key: Some(new_key), .. } => {
            apply_action(exec, &fk, &fk.on_update, old_key, Some(new_key))
        }
    }
}

/// RI_FKey_check, for a run of referencing rows in slot order: each row's key must be present
/// in the referenced table.
fn check_parents_exist(
    db: &Database,
    trace: &mut TraceSink,
    cancel: &Cancel,
    depth: usize,
    fk: &ForeignKey,
    rows: std::ops::Range<u32>,
    current: Xid,
) -> Result<()> {
    let child = db.table(fk.child)?;
    let parent = db.table(fk.parent)?;
    // The lookup runs as the referenced table's owner, once a key is looked up at all.
    let refused = crate::engine::ri_acl::check_parent_query(db, fk, false).err();
    // A partitioned referenced table's rows are in its leaf partitions.
    let lookup: Result<Vec<(&Table, ParentLookup<'_>)>> =
        crate::engine::partition::leaves(db, fk.parent)
            .into_iter()
            .map(|id| {
                let t = db.table(id)?;
                let on_leaf = crate::engine::partition_map::on_parent(db, fk, id);
                Ok((t, ParentLookup::new(t, &on_leaf)?))
            })
            .collect();
    for row in rows {
        cancel.check()?;
        // A row version that is no longer live was deleted or updated since; only the latest
        // version is checked.
        let checked = child.heap.with_key(RowId(row), &fk.child_columns, |key| {
            match classify_key(fk, key) {
                KeyCheck::Skip => {
                    trace.emit(|| TraceEvent::CheckPassed {
                        name: fk.name.clone(),
                        reason: format!(
                            "key ({}) has a NULL, not looked up ({})",
                            describe_key(
                                fk.child_columns.iter().map(|&c| &child.columns[c].data_type),
                                key
                            ),
                            if fk.match_full { "MATCH FULL, all NULL" } else { "MATCH SIMPLE" }
                        ),
                        depth,
                    });
                    return Ok(());
                }
                KeyCheck::MixedNulls => return Err(match_full_error(child, fk)),
                KeyCheck::Lookup => {}
            }
            if let Some(e) = &refused {
                return Err(e.clone());
            }
            let parent_row = lookup
                .as_ref()
                .map_err(Clone::clone)?
                .iter()
                .find_map(|(t, l)| l.find(key).map(|r| (*t, r)));
            // The index fetch reads the parent row's page (and may prune it).
            if let Some((t, p)) = parent_row {
                t.visit_pages_of(&[p], current);
            }
            let found = parent_row.is_some();
            trace.emit(|| TraceEvent::CheckFired {
                name: fk.name.clone(),
                lookup: format!(
                    "{} ({})",
                    parent.name,
                    describe_key(
                        fk.child_columns.iter().map(|&c| &child.columns[c].data_type),
                        key
                    )
                ),
                found,
                passed: found,
                depth,
            });
            if found { Ok(()) } else { Err(not_present_error(child, parent, fk, key)) }
        });
        match checked {
            Some(outcome) => outcome?,
            // Deferred checks meet this often: the row was changed again before COMMIT.
            None => trace.emit(|| TraceEvent::CheckPassed {
                name: fk.name.clone(),
                reason: format!(
                    "the {} row queued here was updated or deleted since, so it is not checked (an update queued a check of its new version)",
                    child.name
                ),
                depth,
            }),
        }
    }
    Ok(())
}

/// The 23503 of direction 1: "Key (...)=(...) is not present in table".
pub fn not_present_error(child: &Table, parent: &Table, fk: &ForeignKey, key: &[Value]) -> Error {
    let cols = fk
        .child_columns
        .iter()
        .map(|&c| child.columns[c].name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let vals = describe_key(fk.child_columns.iter().map(|&c| &child.columns[c].data_type), key);
    Error::new(
        "23503",
        format!(
            "insert or update on table \"{}\" violates foreign key constraint \"{}\"",
            child.name, fk.name
        ),
    )
    .with_detail(format!("Key ({cols})=({vals}) is not present in table \"{}\".", parent.name))
    .with_violation(Violation {
        constraint: fk.id,
        kind: ViolationKind::NotPresent,
        key: key.to_vec(),
        new_key: None,
        place: FailedAt::EndOfStatement,
        causes: Vec::new(),
    })
}

/// The 23503 of MATCH FULL with a partly NULL key.
fn match_full_error(child: &Table, fk: &ForeignKey) -> Error {
    Error::new(
        "23503",
        format!(
            "insert or update on table \"{}\" violates foreign key constraint \"{}\"",
            child.name, fk.name
        ),
    )
    .with_detail("MATCH FULL does not allow mixing of null and nonnull key values.")
    .with_violation(Violation {
        constraint: fk.id,
        kind: ViolationKind::MixedNulls,
        key: Vec::new(),
        new_key: None,
        place: FailedAt::EndOfStatement,
        causes: Vec::new(),
    })
}

/// What a referencing key needs: nothing (NULLs under MATCH SIMPLE, all NULL under MATCH
/// FULL), a lookup, or the MATCH FULL error.
enum KeyCheck {
    Skip,
    Lookup,
    MixedNulls,
}

fn classify_key(fk: &ForeignKey, key: &[Value]) -> KeyCheck {
    let nulls = key.iter().filter(|v| v.is_null()).count();
    if nulls == key.len() || (nulls > 0 && !fk.match_full) {
        KeyCheck::Skip
    } else if nulls > 0 {
        KeyCheck::MixedNulls
    } else {
        KeyCheck::Lookup
    }
}

/// The live referenced row holding `key` (given in the foreign key's referenced-column order).
pub fn find_parent(parent: &Table, fk: &ForeignKey, key: &[Value]) -> Result<Option<RowId>> {
    Ok(ParentLookup::new(parent, fk)?.find(key))
}

/// Lookups of referenced rows through the unique index behind a foreign key, resolved once for
/// a run of checks.
struct ParentLookup<'a> {
    parent: &'a Table,
    unique: usize,
    /// Key positions in the index's column order; None when they are already in it.
    order: Option<SmallVec<[usize; 4]>>,
    /// The key is a unique index made by CREATE UNIQUE INDEX (position in `indexes`), not
    /// a constraint's.
    by_index: bool,
}

impl<'a> ParentLookup<'a> {
    fn new(parent: &'a Table, fk: &ForeignKey) -> Result<Self> {
        let (unique, order, by_index) = match matching_unique(parent, &fk.parent_columns) {
            Some((unique, order)) => (unique, order, false),
            None => {
                match crate::engine::index_def::matching_unique_index(parent, &fk.parent_columns) {
                    Some((unique, order)) => (unique, order, true),
                    None => {
                        return Err(Error::internal(format!(
                            "no unique index behind foreign key \"{}\"",
                            fk.name
                        )));
                    }
                }
            }
        };
        let in_order = order.iter().enumerate().all(|(i, &o)| i == o);
        Ok(ParentLookup { parent, unique, order: (!in_order).then_some(order), by_index })
    }

    /// The live row holding `key` (in the foreign key's referenced-column order). Integer
    /// widths, numerics and text kinds meet by value: Value's equality and hash agree across them.
    fn find(&self, key: &[Value]) -> Option<RowId> {
        let reordered;
        let key = match &self.order {
            None => key,
            Some(order) => {
                reordered = order.iter().map(|&i| key[i].clone()).collect::<Key>();
                &reordered[..]
            }
        };
        if self.by_index {
            crate::engine::index_def::find_in_unique_index(self.parent, self.unique, key)
        } else {
            self.parent.find_unique(self.unique, key)
        }
    }
}

/// The unique constraint over exactly these columns (in any order), with the permutation that
/// turns a key in `columns` order into the constraint's order.
pub fn matching_unique(t: &Table, columns: &[usize]) -> Option<(usize, SmallVec<[usize; 4]>)> {
    t.uniques.iter().enumerate().find_map(|(i, u)| {
        if u.columns.len() != columns.len() {
            return None;
        }
        let order: Option<SmallVec<[usize; 4]>> =
            u.columns.iter().map(|c| columns.iter().position(|x| x == c)).collect();
        order.map(|o| (i, o))
    })
}

/// Runs the ON DELETE / ON UPDATE action for one referenced key that went away or changed.
fn apply_action(
    exec: &mut Exec<'_>,
    fk: &ForeignKey,
    action: &Action,
    old_key: &[Value],
    new_key: Option<&Key>,
) -> Result<()> {
    crate::engine::ri_acl::check_action_query(exec.db, fk, action, new_key.is_some())?;
    match action {
        Action::NoAction | Action::Restrict => {
            // NO ACTION first looks for another row that now supplies the same key
            // (ri_Check_Pk_Match); RESTRICT does not look.
            if *action == Action::NoAction {
                let parent = exec.db.table(fk.parent)?;
                // A partitioned referenced table's rows are in its leaf partitions.
                let mut found = false;
                for leaf in crate::engine::partition::leaves(exec.db, fk.parent) {
                    let on_leaf = crate::engine::partition_map::on_parent(exec.db, fk, leaf);
                    found =
                        found || find_parent(exec.db.table(leaf)?, &on_leaf, old_key)?.is_some();
                }
                if found {
                    let depth = exec.cascade_depth + exec.trigger_depth;
                    exec.trace.emit(|| TraceEvent::CheckPassed {
                        name: fk.name.clone(),
                        reason: format!(
                            "another row of {} now has key ({}), so nothing references a missing row (NO ACTION)",
                            parent.name,
                            describe_key(
                                fk.parent_columns.iter().map(|&c| &parent.columns[c].data_type),
                                old_key
                            )
                        ),
                        depth,
                    });
                    return Ok(());
                }
            }
            let child = exec.db.table(fk.child)?;
            let parent = exec.db.table(fk.parent)?;
            let found = !referencing_rows(exec, fk, old_key)?.is_empty();
            let name = fk.name.clone();
            // Direction 2 looks for referencing rows: found means refused.
            let lookup = format!(
                "{} rows still referencing ({})",
                child.name,
                describe_key(
                    fk.parent_columns.iter().map(|&c| &parent.columns[c].data_type),
                    old_key
                )
            );
            let depth = exec.cascade_depth + exec.trigger_depth;
            exec.trace.emit(|| TraceEvent::CheckFired {
                name,
                lookup,
                found,
                passed: !found,
                depth,
            });
            if found {
                let e = still_referenced_error(exec.db, fk, old_key, new_key);
                return Err(crate::engine::rls::hide_key(exec, fk.parent, e));
            }
            Ok(())
        }
        Action::Cascade => {
            let op = if new_key.is_some() { TriggerOp::Update } else { TriggerOp::Delete };
            statement_triggers::before_action(exec, fk.child, op).map_err(|e| {
                e.with_context(ri_query_context(exec.db, fk, action, new_key.is_some()))
            })?;
            let rows = referencing_rows(exec, fk, old_key)?;
            trace_action(exec, fk, "CASCADE", rows.len());
            exec.cascade_depth += 1;
            let result = (|| {
                for (table, row) in rows {
                    exec.ctx.cancel.check()?;
                    match new_key {
                        None => {
                            exec.delete_row(table, row)?;
                        }
                        Some(new_key) => {
                            // The row as the referencing table's (a partition's columns may be in
                            // another order).
                            let mut values = crate::engine::partition_map::convert_row(
                                exec.db,
                                table,
                                fk.child,
                                current_values(exec, table, row)?,
                            );
                            for (i, &c) in fk.child_columns.iter().enumerate() {
                                let parent_ty = exec.db.table(fk.parent)?.columns
                                    [fk.parent_columns[i]]
                                    .data_type
                                    .clone();
                                let child_ty =
                                    exec.db.table(fk.child)?.columns[c].data_type.clone();
                                values[c] = cast(new_key[i].clone(), &parent_ty, &child_ty, false)?;
                            }
                            crate::engine::partition_dml::update_row(
                                exec, fk.child, table, row, values,
                            )?;
                        }
                    }
                }
                Ok(())
            })();
            exec.cascade_depth -= 1;
            result.map_err(|e: Error| {
                e.with_context(ri_query_context(exec.db, fk, action, new_key.is_some()))
            })?;
            statement_triggers::after_action(exec, fk.child, op)
        }
        Action::SetNull(columns) | Action::SetDefault(columns) => {
            let set_null = matches!(action, Action::SetNull(_));
            statement_triggers::before_action(exec, fk.child, TriggerOp::Update).map_err(|e| {
                e.with_context(ri_query_context(exec.db, fk, action, new_key.is_some()))
            })?;
            let rows = referencing_rows(exec, fk, old_key)?;
            trace_action(exec, fk, action.sql(), rows.len());
            exec.cascade_depth += 1;
            let result = (|| {
                for (table, row) in rows {
                    exec.ctx.cancel.check()?;
                    // The row as the referencing table's (a partition's columns may be in
                    // another order).
                    let mut values = crate::engine::partition_map::convert_row(
                        exec.db,
                        table,
                        fk.child,
                        current_values(exec, table, row)?,
                    );
                    // The action updates the referencing table as a whole: a partition's rows
                    // get the partitioned table's defaults, not the partition's own.
                    for &c in columns {
                        values[c] =
                            if set_null { Value::Null } else { exec.default_value(fk.child, c)? };
                    }
                    crate::engine::partition_dml::update_row(exec, fk.child, table, row, values)?;
                }
                Ok(())
            })();
            exec.cascade_depth -= 1;
            result.map_err(|e: Error| {
                e.with_context(ri_query_context(exec.db, fk, action, new_key.is_some()))
            })?;
            statement_triggers::after_action(exec, fk.child, TriggerOp::Update)?;
            // A row whose default equals the vanished key was "updated" to the same values,
            // so no check fired for it: PostgreSQL re-runs the NO ACTION test (ri_restrict).
            if set_null {
                Ok(())
            } else {
                apply_action(exec, fk, &Action::NoAction, old_key, new_key)
            }
        }
    }
}

/// The rows referencing `key` through `fk`, in the referencing table or, when it is
/// partitioned, in each of its leaf partitions in bound order.
fn referencing_rows(
    exec: &Exec<'_>,
    fk: &ForeignKey,
    key: &[Value],
) -> Result<SmallVec<[(TableId, RowId); 16]>> {
    let mut out = SmallVec::new();
    for leaf in crate::engine::partition::leaves(exec.db, fk.child) {
        for row in exec.db.table(leaf)?.scan_referencing(fk.id, key, exec.ctx.xid) {
            out.push((leaf, row));
        }
    }
    Ok(out)
}

fn current_values(exec: &Exec<'_>, table: TableId, row: RowId) -> Result<Vec<Value>> {
    exec.db.table(table)?.heap.row(row).ok_or_else(|| Error::internal("referencing row vanished"))
}

fn trace_action(exec: &mut Exec<'_>, fk: &ForeignKey, action: &'static str, rows: usize) {
    let depth = exec.cascade_depth + exec.trigger_depth;
    let table = exec.db.table(fk.child).map(|t| t.name.as_str()).unwrap_or_default();
    exec.trace.emit(|| TraceEvent::Action {
        name: fk.name.clone(),
        action,
        table: table.to_string(),
        rows,
        depth,
    });
}

/// The 23503 of direction 2: "Key (...)=(...) is still referenced from table".
pub fn still_referenced_error(
    db: &Database,
    fk: &ForeignKey,
    old_key: &[Value],
    new_key: Option<&Key>,
) -> Error {
    let (Ok(child), Ok(parent)) = (db.table(fk.child), db.table(fk.parent)) else {
        return Error::internal("foreign key tables vanished");
    };
    let cols = fk
        .parent_columns
        .iter()
        .map(|&c| parent.columns[c].name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let vals =
        describe_key(fk.parent_columns.iter().map(|&c| &parent.columns[c].data_type), old_key);
    Error::new(
        "23503",
        format!("update or delete on table \"{}\" violates foreign key constraint \"{}\" on table \"{}\"", parent.name, fk.name, child.name),
    )
    .with_detail(format!("Key ({cols})=({vals}) is still referenced from table \"{}\".", child.name))
    .with_violation(Violation {
        constraint: fk.id,
        kind: ViolationKind::StillReferenced,
        key: old_key.to_vec(),
        new_key: new_key.cloned(),
        place: FailedAt::EndOfStatement,
        causes: Vec::new(),
    })
}

/// The SQL statement PostgreSQL's RI trigger runs for an action, as its CONTEXT line shows it.
pub(crate) fn ri_query_context(
    db: &Database,
    fk: &ForeignKey,
    action: &Action,
    on_update: bool,
) -> String {
    let (Ok(child), Ok(parent)) = (db.table(fk.child), db.table(fk.parent)) else {
        return String::new();
    };
    let relname =
        format!("{}.{}", quote_ident_always(&child.schema), quote_ident_always(&child.name));
    let n = fk.child_columns.len();
    let param_base = if matches!(action, Action::Cascade) && on_update { n } else { 0 };
    let quals = fk
        .child_columns
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let pk_ty = &parent.columns[fk.parent_columns[i]].data_type;
            let fk_ty = &child.columns[c].data_type;
            ri_generate_qual(
                &format!("${}", param_base + i + 1),
                pk_ty,
                &quote_ident_always(&child.columns[c].name),
                fk_ty,
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = match action {
        Action::Cascade if !on_update => format!("DELETE FROM ONLY {relname} WHERE {quals}"),
        Action::Cascade => {
            let sets = fk
                .child_columns
                .iter()
                .enumerate()
                .map(|(i, &c)| {
                    format!("{} = ${}", quote_ident_always(&child.columns[c].name), i + 1)
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("UPDATE ONLY {relname} SET {sets} WHERE {quals}")
        }
        Action::SetNull(cols) | Action::SetDefault(cols) => {
            let what = if matches!(action, Action::SetNull(_)) { "NULL" } else { "DEFAULT" };
            let sets = cols
                .iter()
                .map(|&c| format!("{} = {what}", quote_ident_always(&child.columns[c].name)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("UPDATE ONLY {relname} SET {sets} WHERE {quals}")
        }
        Action::NoAction | Action::Restrict => {
            format!("SELECT 1 FROM {} x WHERE {quals} FOR KEY SHARE OF x", only(child, relname))
        }
    };
    format!("SQL statement \"{sql}\"")
}

/// ri_GenerateQual / generate_operator_clause: `$1 OPERATOR(pg_catalog.=) "col"`, with the casts
/// PostgreSQL adds when an operand's type differs from the equality operator's.
pub(crate) fn ri_generate_qual(
    param: &str,
    pk_ty: &crate::engine::types::DataType,
    column: &str,
    fk_ty: &crate::engine::types::DataType,
) -> String {
    use crate::engine::types::DataType as T;
    // The operator comes from the referenced column's operator class: text_ops serve text,
    // varchar and (after a cast) char; integer_ops have cross-type members for int2/4/8.
    let op_type = |t: &T| -> Option<&'static str> {
        match t {
            T::Varchar(_) => Some("text"),
            _ => None,
        }
    };
    let left = match op_type(pk_ty) {
        Some(cast_to) => format!("{param}::pg_catalog.{cast_to}"),
        None => param.to_string(),
    };
    let right = if pk_ty.is_text() && !matches!(fk_ty, T::Text) && fk_ty.is_text() {
        format!("{column}::pg_catalog.text")
    } else if matches!(pk_ty, T::Numeric(_)) && fk_ty.is_integer() {
        format!("{column}::pg_catalog.\"numeric\"")
    } else {
        column.to_string()
    };
    format!("{left} OPERATOR(pg_catalog.=) {right}")
}

/// Double-quotes an identifier as ri_triggers.c's quoteOneName does (always).
pub(crate) fn quote_ident_always(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `ONLY relname`, as the RI queries read a table; a partitioned one is read whole.
pub(crate) fn only(t: &Table, relname: String) -> String {
    if t.partition_key.is_some() { relname } else { format!("ONLY {relname}") }
}

/// Checks every existing referencing row against the referenced table (ALTER TABLE ADD
/// CONSTRAINT without NOT VALID, and VALIDATE CONSTRAINT); the first violating row in scan
/// order is reported as an insert would be. `child` stands in for the stored table when the
/// constraint is being added to a copy of it (ADD CONSTRAINT, which the error then carries).
pub fn validate_existing_rows(db: &Database, fk: &ForeignKey, child: Option<&Table>) -> Result<()> {
    let adding = child.is_some();
    let child = match child {
        Some(c) => c,
        None => db.table(fk.child)?,
    };
    let parent = if fk.parent == child.id { child } else { db.table(fk.parent)? };
    if parent.partition_key.is_some() || child.partition_key.is_some() {
        return validate_partitioned(db, fk, child, parent);
    }
    let Some(first) = refused_rows(parent, child, fk).next() else { return Ok(()) };
    let (key, mixed) = first?;
    let err = if mixed {
        match_full_error(child, fk)
    } else {
        not_present_error(child, parent, fk, &key)
    };
    // The diagnosis says the rows were there before; a key being added is not in the catalog.
    Err(err.with_cause(|| Cause::ExistingRows { adding: adding.then(|| Box::new(fk.clone())) }))
}

/// `validate_existing_rows` when either side is partitioned: each leaf partition's rows,
/// looked up in every leaf partition of the referenced table.
fn validate_partitioned(
    db: &Database,
    fk: &ForeignKey,
    child: &Table,
    parent: &Table,
) -> Result<()> {
    let holders = holding_tables(db, parent)?;
    for c in holding_tables(db, child)? {
        // Each partition's columns as its own (they may be in another order).
        let on_c = if c.id == child.id {
            fk.clone()
        } else {
            crate::engine::partition_map::on_child(db, fk, c.id)
        };
        for id in c.heap.ids() {
            let Some(key) = c.heap.key(id, &on_c.child_columns) else { continue };
            match classify_key(fk, &key) {
                KeyCheck::Skip => {}
                KeyCheck::MixedNulls => return Err(match_full_error(c, &on_c)),
                KeyCheck::Lookup => {
                    let mut found = false;
                    for h in &holders {
                        let on_h = crate::engine::partition_map::on_parent(db, fk, h.id);
                        found |= find_parent(h, &on_h, &key)?.is_some();
                    }
                    if !found {
                        return Err(not_present_error(c, parent, &on_c, &key));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The tables holding a table's rows: itself, or its leaf partitions.
fn holding_tables<'a>(db: &'a Database, t: &'a Table) -> Result<Vec<&'a Table>> {
    if t.partition_key.is_none() {
        return Ok(vec![t]);
    }
    crate::engine::partition::leaves(db, t.id).into_iter().map(|id| db.table(id)).collect()
}

/// The keys of the rows of `child` that `fk` refuses, in scan order, each with whether it is
/// MATCH FULL's mix of NULLs (else its key has no referenced row): what VALIDATE meets.
pub fn refused_rows<'a>(
    parent: &'a Table,
    child: &'a Table,
    fk: &'a ForeignKey,
) -> impl Iterator<Item = Result<(SmallVec<[Value; 2]>, bool)>> + 'a {
    child.heap.ids().filter_map(move |id| {
        let key = child.heap.key(id, &fk.child_columns)?;
        match classify_key(fk, &key) {
            KeyCheck::Skip => None,
            KeyCheck::MixedNulls => Some(Ok((key, true))),
            KeyCheck::Lookup => match find_parent(parent, fk, &key) {
                Ok(Some(_)) => None,
                Ok(None) => Some(Ok((key, false))),
                Err(e) => Some(Err(e)),
            },
        }
    })
}
