//! Row changes inside a statement: NOT NULL, CHECK and unique checks row by row, undo logging,
//! and handing every change to the referential-integrity module.

use std::collections::HashMap;

use crate::engine::catalog::{ColumnDefault, ConstraintId, TableId};
use crate::engine::database::{Database, Undo};
use crate::engine::eval::{eval, truth};
use crate::engine::expr::{Binder, EvalContext, Scope, ScopeColumn};
use crate::engine::ri::RowChange;
use crate::engine::ri_chain;
use crate::engine::routines::TriggerOp;
use crate::engine::runs::RunList;
use crate::engine::storage::{Row, RowId, Xid, key_of};
use crate::engine::triggers::{self, Queued};
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Cause, Error, Notice, Result};
use crate::trace::{TraceEvent, TraceSink};

/// A savepoint: where to cut the undo log and the deferred-check queue back to.
#[derive(Debug, Clone)]
pub struct Savepoint {
    /// Its name.
    pub name: String,
    /// Undo log length when it was set.
    pub undo_len: usize,
    /// The deferred checks pending when it was set: ROLLBACK TO puts them back as they were,
    /// even those a SET CONSTRAINTS ... IMMEDIATE after it fired (PostgreSQL un-marks the
    /// events an aborted subtransaction fired).
    pub deferred: RunList<Queued>,
    /// SET CONSTRAINTS state when it was set.
    pub modes: ConstraintModes,
}

/// SET CONSTRAINTS state: which deferrable constraints are currently deferred.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConstraintModes {
    /// SET CONSTRAINTS ALL: Some(true) deferred, Some(false) immediate.
    pub all: Option<bool>,
    /// Per-constraint settings made after the last ALL.
    pub named: HashMap<ConstraintId, bool>,
}

/// The current transaction (an implicit one per statement outside BEGIN ... COMMIT).
#[derive(Debug, Clone, Default)]
pub struct Transaction {
    /// Its number; rows it writes carry it.
    pub xid: Xid,
    /// Inside BEGIN ... COMMIT.
    pub in_block: bool,
    /// A statement failed inside the block: only ROLLBACK is accepted.
    pub aborted: bool,
    /// Everything to undo on rollback, oldest first.
    pub undo: RunList<Undo>,
    /// Savepoints, oldest first.
    pub savepoints: Vec<Savepoint>,
    /// Deferred referential checks and constraint-trigger calls waiting for COMMIT, in queue
    /// order.
    pub deferred: RunList<Queued>,
    /// SET CONSTRAINTS state.
    pub modes: ConstraintModes,
    /// The chains of referential actions that queued deferred checks, by constraint and key:
    /// a check failing at COMMIT names the chain that produced its row.
    pub deferred_causes: HashMap<(ConstraintId, Vec<Value>), std::rc::Rc<[Cause]>>,
    /// The parameters as they were before this transaction's first `SET LOCAL` (or local
    /// set_config), to restore at its end.
    pub local_settings: Option<Box<crate::engine::settings::Settings>>,
}

/// One statement at work: the database, its transaction, the statement's queue of
/// end-of-statement referential events, and what it has to say.
pub struct Exec<'a> {
    /// The data.
    pub db: &'a mut Database,
    /// The transaction.
    pub txn: &'a mut Transaction,
    /// The after-trigger queue: referential events and AFTER triggers to fire at the end of
    /// this statement.
    pub queue: RunList<Queued>,
    /// Trace events.
    pub trace: &'a mut TraceSink,
    /// NOTICEs and WARNINGs to print.
    pub notices: Vec<Notice>,
    /// now() and friends.
    pub ctx: EvalContext,
    /// How deep inside referential actions the current change is (0: the statement's own rows).
    pub cascade_depth: usize,
    /// How many trigger functions are running inside each other.
    pub trigger_depth: usize,
    /// Rows the statement inserted, updated or deleted itself (not through actions or
    /// triggers): the count in its command tag, `DELETE 3`.
    pub processed: u64,
    /// The referential actions that queued work on `queue`: what a later failure names as the
    /// chain that produced its row.
    pub origins: Vec<ri_chain::Origin>,
    /// The tables and events whose statement triggers referential actions have fired in the
    /// running statement (they fire once per statement).
    pub statement_triggers: crate::engine::statement_triggers::Fired,
    /// Row security's WITH CHECK conditions for the rows the running INSERT or UPDATE writes.
    pub with_check: Option<Box<crate::engine::rls::WithCheck>>,
    /// The row being deleted is moving to another partition: the partitions' copies of keys
    /// referencing it stay quiet (the move fires as an update of the statement's target).
    pub moving_row: bool,
    /// Inside a function, a trigger or a transaction block: a procedure may not COMMIT or
    /// ROLLBACK here (PostgreSQL's atomic execution context).
    pub atomic: bool,
    /// The rows this query level changed on tables whose triggers read transition tables.
    pub transitions: Vec<crate::engine::transition_tables::Capture>,
}

impl Exec<'_> {
    /// Inserts a complete row (values already of the column types), checking NOT NULL, CHECK and
    /// unique constraints now and queueing its foreign-key checks.
    /// BEFORE triggers run first and may change the row or skip it (None).
    pub fn insert_row(&mut self, table: TableId, values: Vec<Value>) -> Result<Option<RowId>> {
        match self.prepare_insert(table, values)? {
            Some(values) => self.insert_prepared(table, values).map(Some),
            None => Ok(None),
        }
    }

    /// The first half of an insert, as ExecInsert runs it before an ON CONFLICT arbiter is
    /// consulted: BEFORE ROW triggers (None when one skips the row), then row security, NOT
    /// NULL, domains and CHECK constraints.
    pub fn prepare_insert(
        &mut self,
        table: TableId,
        values: Vec<Value>,
    ) -> Result<Option<Vec<Value>>> {
        let Some(values) = triggers::before_row(self, table, TriggerOp::Insert, None, values)?
        else {
            return Ok(None);
        };
        self.check_row(table, &values)?;
        Ok(Some(values))
    }

    /// The second half of an insert: stores a row `prepare_insert` passed, and queues its AFTER
    /// ROW events (foreign-key checks included).
    pub fn insert_prepared(&mut self, table: TableId, values: Vec<Value>) -> Result<RowId> {
        let row = self.store_row(table, values, None)?;
        self.txn.undo.push(Undo::Inserts { table, rows: row.0..row.0 + 1 });
        self.emit_row(table, "INSERT", row);
        triggers::after_row(self, table, RowChange::Insert { new: row })?;
        Ok(row)
    }

    /// Deletes a live row and queues the referential actions its key triggers. False when
    /// there was nothing to delete or a BEFORE trigger skipped the row.
    pub fn delete_row(&mut self, table: TableId, row: RowId) -> Result<bool> {
        if !self.db.table(table)?.heap.is_live(row) {
            return Ok(false);
        }
        if triggers::has_before(self, table) {
            let Some(current) = self.db.table(table)?.heap.row(row) else { return Ok(false) };
            if triggers::before_row(
                self,
                table,
                TriggerOp::Delete,
                Some(&current),
                current.clone(),
            )?
            .is_none()
            {
                return Ok(false);
            }
        }
        self.emit_row(table, "DELETE", row);
        let xid = self.txn.xid;
        let t = self.db.table_mut(table)?;
        let Some(old) = t.delete_row(row) else { return Ok(false) };
        t.pages.get_mut().delete(row, xid);
        // Queueing only reads the old row; it is logged for undo whatever queueing says.
        let queued = triggers::after_row(self, table, RowChange::Delete { old: &old.values });
        self.txn.undo.push(Undo::Delete { table, row, data: old });
        queued.map(|()| true)
    }

    /// Replaces a live row with `values` (a new version, where PostgreSQL's heap_update would put
    /// it), checking constraints and queueing referential work. Returns the new slot.
    pub fn update_row(
        &mut self,
        table: TableId,
        row: RowId,
        values: Vec<Value>,
    ) -> Result<Option<RowId>> {
        if !self.db.table(table)?.heap.is_live(row) {
            return Ok(None);
        }
        let values = if triggers::has_before(self, table) {
            let Some(current) = self.db.table(table)?.heap.row(row) else { return Ok(None) };
            let Some(values) =
                triggers::before_row(self, table, TriggerOp::Update, Some(&current), values)?
            else {
                return Ok(None);
            };
            values
        } else {
            values
        };
        let xid = self.txn.xid;
        let t = self.db.table_mut(table)?;
        let Some(old) = t.delete_row(row) else { return Ok(None) };
        let old_values = old.values.clone();
        let old_xmin = old.xmin;
        self.txn.undo.push(Undo::Delete { table, row, data: old });
        self.check_row(table, &values)?;
        let t = self.db.table_mut(table)?;
        t.pages.get_mut().delete(row, xid);
        let hot_allowed = t.is_hot_update(&old_values, &values);
        // (The unique check of a new index entry reads the old version's page, but cannot prune
        // it: the statement's own scan still holds that page.)
        let new = self.store_row(table, values, Some((row, hot_allowed)))?;
        self.txn.undo.push(Undo::Inserts { table, rows: new.0..new.0 + 1 });
        self.emit_row(table, "UPDATE", new);
        triggers::after_row(self, table, RowChange::Update { old: &old_values, old_xmin, new })?;
        Ok(Some(new))
    }

    /// NOT NULL and CHECK constraints of a row about to be stored, in PostgreSQL's order (unique
    /// keys are checked as the row is stored).
    fn check_row(&mut self, table: TableId, values: &[Value]) -> Result<()> {
        // Row security is checked before the table's own constraints, as ExecInsert does.
        crate::engine::rls::check_new_row(self, table, values)?;
        let t = self.db.table(table)?;
        for (c, v) in t.columns.iter().zip(values) {
            if let Some(d) = &c.domain {
                crate::engine::domains::check_value(d, v, &self.ctx)?;
            }
            if c.not_null && v.is_null() {
                return Err(Error::new(
                    "23502",
                    format!("null value in column \"{}\" of relation \"{}\" violates not-null constraint", c.name, t.name),
                )
                .with_detail(format!("Failing row contains ({}).", describe_row(t.columns.iter().map(|c| &c.data_type), values))));
            }
        }
        if !t.checks.is_empty() {
            let scope = table_scope(t, None);
            for check in &t.checks {
                let bound = Binder::for_clause("check constraints").bind_condition(
                    &check.expr,
                    &scope,
                    "CHECK",
                )?;
                if truth(&eval(&bound, values, &[], &self.ctx)?) == Some(false) {
                    return Err(Error::new(
                        "23514",
                        format!(
                            "new row for relation \"{}\" violates check constraint \"{}\"",
                            t.name, check.name
                        ),
                    )
                    .with_detail(format!(
                        "Failing row contains ({}).",
                        describe_row(t.columns.iter().map(|c| &c.data_type), values)
                    )));
                }
            }
        }
        Ok(())
    }

    /// Writes a checked row into the heap and its indexes; a duplicate key is refused there, as
    /// PostgreSQL's unique indexes refuse it.
    fn store_row(
        &mut self,
        table: TableId,
        values: Vec<Value>,
        prior: Option<(RowId, bool)>,
    ) -> Result<RowId> {
        let row = self.store_in_constraint_indexes(table, values, prior)?;
        crate::engine::index_def::enter_row(self, table, row)?;
        Ok(row)
    }

    fn store_in_constraint_indexes(
        &mut self,
        table: TableId,
        values: Vec<Value>,
        prior: Option<(RowId, bool)>,
    ) -> Result<RowId> {
        let xid = self.txn.xid;
        let t = self.db.table_mut(table)?;
        t.insert_row(Row { values, xmin: xid }, prior).map_err(|(u, row)| {
            let uc = &t.uniques[u];
            let cols = uc
                .columns
                .iter()
                .map(|&i| t.columns[i].name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let vals = describe_key(
                uc.columns.iter().map(|&i| &t.columns[i].data_type),
                &key_of(&row.values, &uc.columns),
            );
            Error::new(
                "23505",
                format!("duplicate key value violates unique constraint \"{}\"", uc.name),
            )
            .with_detail(format!("Key ({cols})=({vals}) already exists."))
        })
    }

    /// The value a column gets from its DEFAULT (NULL without one), cast to the column type.
    pub fn default_value(&mut self, table: TableId, column: usize) -> Result<Value> {
        let t = self.db.table(table)?;
        let col = &t.columns[column];
        let ty = col.data_type.clone();
        // A column of a domain without a default of its own takes the domain's.
        let default = col.default.clone().or_else(|| {
            col.domain.as_ref().and_then(|d| d.default.clone()).map(ColumnDefault::Expr)
        });
        match default {
            None => Ok(Value::Null),
            Some(ColumnDefault::Sequence(seq)) => {
                // nextval() checks its sequence's privileges; an identity column's does not.
                if col.identity.is_none() {
                    crate::engine::roles::check_sequence_usage(self.db, &seq)?;
                }
                let next = self.db.sequences.borrow_mut().nextval(&seq)?;
                cast(Value::Int(next), &DataType::BigInt, &ty, false)
            }
            Some(ColumnDefault::Expr(mut e)) => {
                crate::engine::fncall::expand_expr(self, &mut e)?;
                let (b, bt) =
                    Binder::for_clause("DEFAULT expressions").bind(&e, &Scope::default())?;
                let v = eval(&b, &[], &[], &self.ctx)?;
                cast(v, &bt, &ty, false)
            }
        }
    }

    fn emit_row(&mut self, table: TableId, op: &'static str, row: RowId) {
        let depth = self.cascade_depth + self.trigger_depth;
        let db = &*self.db;
        self.trace.emit(|| {
            let (name, values) = db
                .tables
                .get(&table)
                .map(|t| {
                    let vals = t
                        .heap
                        .row(row)
                        .map(|r| describe_row(t.columns.iter().map(|c| &c.data_type), &r))
                        .unwrap_or_default();
                    (t.name.clone(), vals)
                })
                .unwrap_or_default();
            TraceEvent::Row { table: name, op, values, cascade_depth: depth }
        });
    }
}

/// The scope of one table's row: its columns, qualified by `alias` or the table name.
pub fn table_scope(t: &crate::engine::table::Table, alias: Option<&str>) -> Scope {
    let qualifier = Some(alias.unwrap_or(&t.name).to_string());
    Scope {
        columns: t
            .columns
            .iter()
            .map(|c| ScopeColumn {
                qualifier: qualifier.clone(),
                name: c.name.clone(),
                data_type: c.data_type.clone(),
            })
            .collect(),
        using: None,
    }
}

/// A row as PostgreSQL's "Failing row contains (...)" shows it: NULL as `null`, long values cut at 64 bytes.
pub fn describe_row<'t>(types: impl Iterator<Item = &'t DataType>, values: &[Value]) -> String {
    types
        .zip(values)
        .map(|(t, v)| {
            if v.is_null() {
                return "null".to_string();
            }
            let s = v.to_text(t);
            if s.len() <= 64 {
                s
            } else {
                let mut end = 64;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}...", &s[..end])
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Key values as PostgreSQL's DETAIL lines show them: `42, abc`, NULL as `null`.
pub fn describe_key<'t>(types: impl Iterator<Item = &'t DataType>, key: &[Value]) -> String {
    types
        .zip(key)
        .map(|(t, v)| if v.is_null() { "null".to_string() } else { v.to_text(t) })
        .collect::<Vec<_>>()
        .join(", ")
}
