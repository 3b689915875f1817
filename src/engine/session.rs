//! A session: runs statements one at a time with PostgreSQL's transaction rules — implicit
//! transactions, BEGIN/COMMIT/ROLLBACK, savepoints, the aborted state, SET CONSTRAINTS.

use crate::engine::alter;
use crate::engine::cancel::Cancel;
use crate::engine::catalog::{ConstraintId, TableId};
use crate::engine::database::Database;
use crate::engine::ddl;
use crate::engine::dml;
use crate::engine::exec::{Exec, Savepoint, Transaction};
use crate::engine::expr::EvalContext;
use crate::engine::ri;
use crate::engine::routines;
use crate::engine::settings::Settings;
use crate::engine::triggers;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{ObjectName, Statement};
use crate::trace::TraceSink;

/// What one statement produced: the notices it raised and its result (rows for queries and
/// RETURNING, nothing for other commands) or its error.
#[derive(Debug)]
pub struct Outcome {
    /// NOTICEs and WARNINGs, in order.
    pub notices: Vec<Notice>,
    /// Rows, nothing, or the error.
    pub result: Result<Option<ResultSet>>,
    /// The command tag the server sends when the statement succeeds (`INSERT 0 1`,
    /// `DELETE 3`, `ROLLBACK` for a COMMIT of an aborted block); None after an error and for
    /// an empty statement. psql prints it unless quiet, for queries only after RETURNING.
    pub tag: Option<String>,
    /// What `COPY ... TO stdout` wrote: data lines, each ending in a newline.
    pub copy_out: Option<String>,
}

/// One connection's worth of state: the database and the transaction in progress.
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// The data.
    pub db: Database,
    /// The transaction in progress (an implicit one between statements outside a block).
    pub txn: Transaction,
    /// Trace events, when tracing is on.
    pub trace: TraceSink,
    /// The cancel flag every statement polls: Ctrl-C raises it from another thread.
    pub cancel: Cancel,
    /// Keep a copy of the data as it was when a foreign-key check failed, before the rollback
    /// (the teaching layer counts from it; off for plain psql replays, where nothing reads it).
    pub keep_failure_state: bool,
    /// The data at the last foreign-key failure, when `keep_failure_state` is on.
    pub failure_state: Option<Box<Database>>,
    /// The other databases of the cluster, and the name of this one.
    pub cluster: crate::engine::databases::Cluster,
    /// The memory budget in bytes (0: the process's, `--memory-limit` or half the machine's
    /// memory): a statement that would take the session past it fails with 53200.
    pub memory_limit: usize,
    last_xid: u64,
    /// What deferred triggers raised at COMMIT or SET CONSTRAINTS, for the statement's notices.
    late_notices: Vec<Notice>,
}

impl Session {
    /// A session on an empty database.
    pub fn new() -> Self {
        // The parser sees the types of the session that last parsed or ran (see types.rs): a
        // new session starts with none.
        let mut s = Session { db: Database::new(), ..Default::default() };
        s.db.install_types();
        s.cluster.current = "fksim".to_string();
        s.start_transaction();
        s
    }

    /// `\connect [name]`: a new connection, to another database CREATE DATABASE made or to
    /// this one again. The open transaction is rolled back and the parameters start afresh.
    pub fn connect(&mut self, name: Option<&str>) -> Result<()> {
        let name = name.unwrap_or(&self.cluster.current).to_string();
        if self.txn.in_block {
            self.rollback_all();
        }
        self.cluster.connect(&name, &mut self.db)?;
        self.db.install_types();
        self.txn.local_settings = None;
        let mut settings = self.db.settings.clone();
        settings.reset_all();
        self.db.replace_settings(settings);
        self.start_transaction();
        Ok(())
    }

    /// Sets the memory budget in bytes (0: the process's default); see `engine::memory`.
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.memory_limit = bytes;
    }

    /// The memory budget in force, in bytes.
    pub fn memory_budget(&self) -> usize {
        match self.memory_limit {
            0 => crate::engine::memory::process_limit(),
            n => n,
        }
    }

    /// What the session holds between statements (tables, indexes, undo), estimated.
    pub fn memory_held(&self) -> usize {
        crate::engine::memory::held_by(&self.db, self.txn.undo.len())
    }

    /// A session for the teaching console: it keeps the data at a foreign-key failure.
    pub fn teaching() -> Self {
        Session { keep_failure_state: true, ..Session::new() }
    }

    /// True inside BEGIN ... COMMIT.
    pub fn in_transaction_block(&self) -> bool {
        self.txn.in_block
    }

    /// True when a failed statement has aborted the transaction block.
    pub fn is_aborted(&self) -> bool {
        self.txn.aborted
    }

    /// Why the server would refuse `COPY ... FROM stdin` before asking for its data (psql
    /// then reads the data lines as SQL): an aborted transaction, a missing table or column.
    /// None for any other statement.
    pub fn copy_refusal(&self, stmt: &Statement) -> Option<Error> {
        let Statement::Copy(c) = stmt else { return None };
        if c.query.is_some() {
            return None;
        }
        if self.txn.aborted {
            return Some(Error::in_failed_transaction());
        }
        crate::engine::copy::resolve_target(&self.db, c).err()
    }

    /// Runs an INSERT, UPDATE or DELETE and undoes it again, whatever happened (`\\whatif`):
    /// the outcome and trace events are what it would have done.
    pub fn what_if(&mut self, stmt: &Statement) -> Outcome {
        if self.txn.aborted {
            return Outcome {
                notices: Vec::new(),
                result: Err(Error::in_failed_transaction()),
                tag: None,
                copy_out: None,
            };
        }
        if !matches!(stmt, Statement::Insert(_) | Statement::Update(_) | Statement::Delete(_)) {
            return Outcome {
                notices: Vec::new(),
                result: Err(Error::unsupported("\\whatif runs an INSERT, UPDATE or DELETE")),
                tag: None,
                copy_out: None,
            };
        }
        self.txn.deferred.mark();
        let (mark, deferred, modes) =
            (self.txn.undo.mark(), self.txn.deferred.clone(), self.txn.modes.clone());
        let deferred_count = deferred.count();
        let mut exec = self.exec();
        let mut result = run_statement(&mut exec, stmt)
            .and_then(|rows| triggers::fire_queued(&mut exec).map(|()| rows));
        // What the statement deferred is checked as COMMIT would check it.
        if result.is_ok() && exec.txn.deferred.count() > deferred_count {
            result = ri::fire_deferred(&mut exec, true, "at COMMIT").map(|()| None);
        }
        let notices = std::mem::take(&mut exec.notices);
        self.rollback_to(mark);
        self.txn.deferred = deferred;
        self.txn.modes = modes;
        Outcome { notices, result, tag: None, copy_out: None }
    }

    /// A statement failed before it reached the engine (a syntax error): inside a block that
    /// aborts the transaction, as in PostgreSQL.
    pub fn note_failed_statement(&mut self) {
        if self.txn.in_block {
            self.txn.aborted = true;
        }
    }

    fn start_transaction(&mut self) {
        if let Some(mut before) = self.txn.local_settings.take() {
            before.keep_placeholders(&self.db.settings);
            self.db.replace_settings(*before);
        }
        self.last_xid += 1;
        self.txn = Transaction { xid: self.last_xid, ..Default::default() };
    }

    fn rollback_all(&mut self) {
        while let Some(u) = self.txn.undo.pop() {
            self.db.apply_undo(u);
        }
        self.start_transaction();
    }

    fn rollback_to(&mut self, undo_len: usize) {
        while self.txn.undo.len() > undo_len {
            if let Some(u) = self.txn.undo.pop() {
                self.db.apply_undo(u);
            }
        }
    }

    fn exec(&mut self) -> Exec<'_> {
        let xid = self.txn.xid;
        let sequences = self.db.sequences.clone();
        let search_path = self.db.search_path.clone();
        let current_user = crate::engine::roles::current_user(&self.db);
        Exec {
            db: &mut self.db,
            txn: &mut self.txn,
            queue: Default::default(),
            trace: &mut self.trace,
            notices: Vec::new(),
            ctx: EvalContext {
                now: now_micros(),
                xid,
                cancel: self.cancel.clone(),
                sequences,
                search_path,
                ctes: Default::default(),
                current_user,
            },
            cascade_depth: 0,
            statement_triggers: Vec::new(),
            trigger_depth: 0,
            atomic: false,
            processed: 0,
            origins: Vec::new(),
            with_check: None,
            moving_row: false,
            transitions: Vec::new(),
        }
    }

    /// Parses a statement as this session's catalog reads it (its enum types and domains).
    pub fn parse(&self, text: &str) -> Result<Statement> {
        self.db.install_types();
        crate::sql::parse_statement(text)
    }

    /// Parses `COPY ... FROM stdin` with its data lines, as [`Session::parse`] does.
    pub fn parse_copy(&self, text: &str, data: Vec<String>) -> Result<Statement> {
        self.db.install_types();
        crate::sql::parse_with_copy_data(text, data)
    }

    /// Runs one statement.
    pub fn execute(&mut self, stmt: &Statement) -> Outcome {
        // PL/pgSQL bodies parsed while this statement runs see this session's types.
        self.db.install_types();
        let reads = matches!(
            stmt,
            Statement::Query(_)
                | Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
                | Statement::Copy(_)
        );
        crate::engine::oids::before_statement(&self.db, reads);
        self.install_time_zone();
        let mut notices = Vec::new();
        let mut processed = 0;
        let aborted = self.txn.aborted;
        let window = crate::engine::memory::Window::open(self.memory_budget(), self.memory_held());
        let result = self.execute_inner(stmt, &mut notices, &mut processed);
        notices.append(&mut self.late_notices);
        drop(window);
        // Its rows print in the zone in force after it (SET TIME ZONE included).
        self.install_time_zone();
        let tag = match &result {
            Ok(Some(rows))
                if matches!(stmt, Statement::Query(_))
                    || matches!(stmt, Statement::WithData { statement, .. } if matches!(**statement, Statement::Query(_))) =>
            {
                Some(format!("SELECT {}", rows.rows.len()))
            }
            Ok(_) => command_tag(stmt, processed, aborted),
            Err(_) => None,
        };
        // COPY TO stdout's rows are data lines, not a result table.
        let (result, copy_out) = match result {
            Ok(Some(rows)) if matches!(stmt, Statement::Copy(_)) => {
                let text = rows
                    .rows
                    .into_iter()
                    .filter_map(|r| r.into_iter().next())
                    .map(|v| format!("{}\n", v.to_text(&DataType::Text)))
                    .collect();
                (Ok(None), Some(text))
            }
            other => (other, None),
        };
        // The server sends only what client_min_messages lets through, as it stands after
        // the statement (so `SET client_min_messages` silences its own successors only).
        notices.retain(|n| self.db.settings.sends(n.severity));
        Outcome { notices, result, tag, copy_out }
    }

    /// Makes the TimeZone setting the zone timestamptz values use on this thread.
    fn install_time_zone(&self) {
        crate::engine::timezone::install(self.db.settings.time_zone());
    }

    fn execute_inner(
        &mut self,
        stmt: &Statement,
        notices: &mut Vec<Notice>,
        processed: &mut u64,
    ) -> Result<Option<ResultSet>> {
        if self.txn.aborted
            && !matches!(
                stmt,
                Statement::Rollback
                    | Statement::Commit
                    | Statement::RollbackTo(_)
                    | Statement::Empty
            )
        {
            return Err(Error::in_failed_transaction());
        }
        match stmt {
            Statement::Empty => Ok(None),
            Statement::Begin => {
                if self.txn.in_block {
                    notices.push(Notice::warning("there is already a transaction in progress"));
                } else {
                    self.txn.in_block = true;
                }
                Ok(None)
            }
            Statement::Commit => {
                if !self.txn.in_block {
                    notices.push(Notice::warning("there is no transaction in progress"));
                    return Ok(None);
                }
                if self.txn.aborted {
                    self.rollback_all();
                    return Ok(None);
                }
                self.commit()
            }
            Statement::Rollback => {
                if !self.txn.in_block {
                    notices.push(Notice::warning("there is no transaction in progress"));
                }
                self.rollback_all();
                Ok(None)
            }
            Statement::Savepoint(name) => self.in_block_only("SAVEPOINT", |s| {
                let sp = Savepoint {
                    name: name.clone(),
                    undo_len: s.txn.undo.mark(),
                    deferred: {
                        s.txn.deferred.mark();
                        s.txn.deferred.clone()
                    },
                    modes: s.txn.modes.clone(),
                };
                s.txn.savepoints.push(sp);
                Ok(None)
            }),
            Statement::RollbackTo(name) => self.in_block_only("ROLLBACK TO SAVEPOINT", |s| {
                let i = s.find_savepoint(name)?;
                let sp = s.txn.savepoints[i].clone();
                s.rollback_to(sp.undo_len);
                s.txn.deferred = sp.deferred;
                s.txn.modes = sp.modes;
                s.txn.savepoints.truncate(i + 1);
                s.txn.aborted = false;
                Ok(None)
            }),
            Statement::Release(name) => self.in_block_only("RELEASE SAVEPOINT", |s| {
                let i = s.find_savepoint(name)?;
                s.txn.savepoints.truncate(i);
                Ok(None)
            }),
            Statement::SetConstraints { names, deferred } => {
                if !self.txn.in_block {
                    notices.push(Notice::warning(
                        "SET CONSTRAINTS can only be used in transaction blocks",
                    ));
                }
                let mark = self.txn.undo.mark();
                let r = self.set_constraints(names.as_deref(), *deferred);
                self.finish_statement(r, mark)
            }
            Statement::Set { name, args, local } => {
                if name == "role" {
                    let mark = self.txn.undo.mark();
                    if let Err(e) = crate::engine::roles::check_set_role(&self.db, args.as_deref())
                    {
                        return self.finish_statement(Err(e), mark);
                    }
                }
                if *local && !self.txn.in_block {
                    notices
                        .push(Notice::warning("SET LOCAL can only be used in transaction blocks"));
                    // It would last until the end of a transaction that ends right away.
                    let mut scratch = self.db.settings.clone();
                    return scratch.set(name, args.as_deref()).map(|_| None);
                }
                let mark = self.txn.undo.mark();
                let r =
                    self.change_settings(*local, |s| s.set(name, args.as_deref())).map(|_| None);
                self.finish_statement(r, mark)
            }
            Statement::SetConfig { name, value, local, column } => {
                let mark = self.txn.undo.mark();
                if name == "role" {
                    let arg = [crate::engine::settings::SetArg::Str(value.clone())];
                    if let Err(e) = crate::engine::roles::check_set_role(&self.db, Some(&arg)) {
                        return self.finish_statement(Err(e), mark);
                    }
                }
                let r = self.change_settings(*local, |s| s.set_text(name, value)).map(|shown| {
                    Some(ResultSet {
                        columns: vec![(column.clone(), DataType::Text)],
                        rows: vec![vec![Value::Text(shown)]],
                    })
                });
                self.finish_statement(r, mark)
            }
            Statement::Reset(name) => {
                let mark = self.txn.undo.mark();
                let r = self
                    .change_settings(false, |s| match name {
                        Some(n) => s.reset(n),
                        None => {
                            s.reset_all();
                            Ok(())
                        }
                    })
                    .map(|()| None);
                self.finish_statement(r, mark)
            }
            Statement::CreateDatabase { name } => {
                let mark = self.txn.undo.mark();
                let r = self.cluster.create(name, self.txn.in_block).map(|()| None);
                self.finish_statement(r, mark)
            }
            Statement::DropDatabase { name, if_exists } => {
                let mark = self.txn.undo.mark();
                let r =
                    self.cluster.drop(name, *if_exists, self.txn.in_block, notices).map(|()| None);
                self.finish_statement(r, mark)
            }
            Statement::AlterDatabaseOwner { name, role } => {
                let mark = self.txn.undo.mark();
                let r = self
                    .cluster
                    .check_exists(name)
                    .and_then(|()| match role {
                        Some(role) => self.db.admin.check_role(role, false),
                        None => Ok(()),
                    })
                    .map(|()| None);
                self.finish_statement(r, mark)
            }
            Statement::Show(name) => {
                let mark = self.txn.undo.mark();
                let r = self.db.settings.show(name).map(|(column, value)| {
                    Some(ResultSet {
                        columns: vec![(column, DataType::Text)],
                        rows: vec![vec![Value::Text(value)]],
                    })
                });
                self.finish_statement(r, mark)
            }
            other => {
                let mark = self.txn.undo.mark();
                let mut exec = self.exec();
                let r = run_statement(&mut exec, other).and_then(|rows| {
                    // Read before AFTER triggers run statements of their own.
                    *processed = exec.processed;
                    triggers::fire_queued(&mut exec).map(|()| rows)
                });
                notices.append(&mut exec.notices);
                self.finish_statement(r, mark)
            }
        }
    }

    /// Applies `change` to the run-time parameters (see [`change_settings`]).
    fn change_settings<T>(
        &mut self,
        local: bool,
        change: impl FnOnce(&mut Settings) -> Result<T>,
    ) -> Result<T> {
        change_settings(&mut self.db, &mut self.txn, local, change)
    }

    /// Ends a statement: undo it on failure (aborting a block), commit it outside a block.
    fn finish_statement(
        &mut self,
        r: Result<Option<ResultSet>>,
        mark: usize,
    ) -> Result<Option<ResultSet>> {
        match r {
            Err(e) => {
                self.note_failure_state(&e);
                if self.txn.in_block {
                    self.rollback_to(mark);
                    self.txn.aborted = true;
                } else {
                    self.rollback_all();
                }
                Err(e)
            }
            Ok(rows) if !self.txn.in_block => {
                self.commit()?;
                Ok(rows)
            }
            Ok(rows) => Ok(rows),
        }
    }

    /// COMMIT: run what was deferred; on failure everything rolls back.
    fn commit(&mut self) -> Result<Option<ResultSet>> {
        if !self.txn.deferred.is_empty() {
            let mut exec = self.exec();
            let r = ri::fire_deferred(&mut exec, true, "COMMIT");
            let mut raised = std::mem::take(&mut exec.notices);
            self.late_notices.append(&mut raised);
            if let Err(e) = r {
                self.note_failure_state(&e);
                self.rollback_all();
                return Err(e);
            }
        }
        self.start_transaction();
        Ok(None)
    }

    /// Copies the data as the failing check saw it, before any rollback.
    fn note_failure_state(&mut self, e: &Error) {
        if self.keep_failure_state && e.violation.is_some() {
            self.failure_state = Some(Box::new(self.db.clone()));
        }
    }

    fn in_block_only(
        &mut self,
        what: &str,
        f: impl FnOnce(&mut Self) -> Result<Option<ResultSet>>,
    ) -> Result<Option<ResultSet>> {
        if !self.txn.in_block {
            return Err(Error::new(
                "25P01",
                format!("{what} can only be used in transaction blocks"),
            ));
        }
        let r = f(self);
        if r.is_err() {
            self.txn.aborted = true;
        }
        r
    }

    fn find_savepoint(&self, name: &str) -> Result<usize> {
        self.txn
            .savepoints
            .iter()
            .rposition(|s| s.name == name)
            .ok_or_else(|| Error::new("3B001", format!("savepoint \"{name}\" does not exist")))
    }

    fn set_constraints(
        &mut self,
        names: Option<&[ObjectName]>,
        deferred: bool,
    ) -> Result<Option<ResultSet>> {
        match names {
            None => {
                self.txn.modes.all = Some(deferred);
                self.txn.modes.named.clear();
            }
            Some(names) => {
                let mut ids = Vec::new();
                for n in names {
                    ids.extend(self.find_constraints_to_set(n, deferred)?);
                }
                for id in ids {
                    self.txn.modes.named.insert(id, deferred);
                }
            }
        }
        if !deferred {
            let mut exec = self.exec();
            let r = ri::fire_deferred(&mut exec, false, "SET CONSTRAINTS");
            let mut raised = std::mem::take(&mut exec.notices);
            self.late_notices.append(&mut raised);
            r?;
        }
        Ok(None)
    }

    /// The deferrable foreign keys one name of SET CONSTRAINTS names, as PostgreSQL's
    /// `AfterTriggerSetState` finds them: a qualified name in its schema only, a bare one in
    /// the first search-path schema holding any constraint of that name. A non-deferrable
    /// match is an error only for DEFERRED; IMMEDIATE is what it already is, so it is skipped.
    fn find_constraints_to_set(
        &self,
        name: &ObjectName,
        deferred: bool,
    ) -> Result<Vec<ConstraintId>> {
        let schemas: Vec<&String> = match &name.schema {
            Some(s) if self.db.schemas.contains(s) => vec![s],
            Some(s) => return Err(Error::undefined_schema(s)),
            None => self.db.search_path.iter().collect(),
        };
        for schema in schemas {
            let in_schema =
                |table: TableId| self.db.tables.get(&table).is_some_and(|t| &t.schema == schema);
            let fks: Vec<_> = self
                .db
                .fks
                .values()
                .filter(|fk| fk.name == name.name && in_schema(fk.child))
                .collect();
            // Check constraints are never deferrable; fksim checks unique ones immediately.
            let uniques = self.db.tables.values().filter(|t| &t.schema == schema).flat_map(|t| {
                t.uniques.iter().filter(|u| u.name == name.name).map(|u| u.deferrable)
            });
            let (mut other, mut deferrable_unique) = (false, false);
            for d in uniques {
                deferrable_unique |= d;
                other |= !d;
            }
            other |= self
                .db
                .tables
                .values()
                .any(|t| &t.schema == schema && t.checks.iter().any(|c| c.name == name.name));
            let triggers = crate::engine::constraint_triggers::named(&self.db, schema, &name.name);
            if fks.is_empty() && !other && !deferrable_unique && triggers.is_empty() {
                continue;
            }
            let fixed = fks.iter().any(|fk| !fk.deferrable) || triggers.iter().any(|t| !t.1);
            if deferred && (other || fixed) {
                return Err(Error::new(
                    "42809",
                    format!("constraint \"{}\" is not deferrable", name.name),
                ));
            }
            if deferred && deferrable_unique {
                return Err(Error::unsupported(
                    "deferring a unique constraint is not supported by fksim",
                ));
            }
            let named: Vec<ConstraintId> =
                fks.iter().filter(|fk| fk.deferrable).map(|fk| fk.id).collect();
            let with_copies = crate::engine::partition_fk::with_copies(&self.db, named);
            return Ok(with_copies
                .into_iter()
                .chain(triggers.iter().filter(|t| t.1).map(|t| t.0))
                .collect());
        }
        Err(Error::new("42704", format!("constraint \"{}\" does not exist", name.name)))
    }
}

/// Applies `change` to the run-time parameters, undoably; a LOCAL change (or set_config's
/// is_local) also lasts only until the transaction ends.
pub(crate) fn change_settings<T>(
    db: &mut Database,
    txn: &mut Transaction,
    local: bool,
    change: impl FnOnce(&mut Settings) -> Result<T>,
) -> Result<T> {
    let before = db.settings.clone();
    let mut after = before.clone();
    let out = change(&mut after)?;
    if local && txn.local_settings.is_none() {
        txn.local_settings = Some(Box::new(before.clone()));
    }
    txn.undo.push(crate::engine::database::Undo::Settings(Box::new(before)));
    db.replace_settings(after);
    Ok(out)
}

/// The command tag PostgreSQL sends for a statement that succeeded: what `psql` prints after it
/// when not quiet. `processed` counts the rows of INSERT, UPDATE and DELETE; a COMMIT that
/// ended an aborted block reports `ROLLBACK`.
fn command_tag(stmt: &Statement, processed: u64, was_aborted: bool) -> Option<String> {
    let tag = match stmt {
        Statement::Empty => return None,
        Statement::Insert(_) => return Some(format!("INSERT 0 {processed}")),
        Statement::Update(_) => return Some(format!("UPDATE {processed}")),
        Statement::Delete(_) => return Some(format!("DELETE {processed}")),
        Statement::Query(_) => return Some(format!("SELECT {processed}")),
        Statement::Copy(_) => return Some(format!("COPY {processed}")),
        Statement::CreateDatabase { .. } => "CREATE DATABASE",
        Statement::DropDatabase { .. } => "DROP DATABASE",
        Statement::AlterDatabaseOwner { .. } => "ALTER DATABASE",
        Statement::WithData { statement, .. } => {
            return command_tag(statement, processed, was_aborted);
        }
        Statement::CreateTable(_) => "CREATE TABLE",
        Statement::DropTable { .. } => "DROP TABLE",
        Statement::CreateIndex(_) => "CREATE INDEX",
        Statement::DropIndex { .. } => "DROP INDEX",
        Statement::CreateSchema { .. } => "CREATE SCHEMA",
        Statement::DropSchema { .. } => "DROP SCHEMA",
        Statement::AlterTable { .. } => "ALTER TABLE",
        Statement::AlterIndexRename { .. } => "ALTER INDEX",
        Statement::AttachIndexPartition { .. } => "ALTER INDEX",
        Statement::Truncate { .. } => "TRUNCATE TABLE",
        Statement::Begin => "BEGIN",
        Statement::Commit if was_aborted => "ROLLBACK",
        Statement::Commit => "COMMIT",
        Statement::Rollback | Statement::RollbackTo(_) => "ROLLBACK",
        Statement::Savepoint(_) => "SAVEPOINT",
        Statement::Release(_) => "RELEASE",
        Statement::SetConstraints { .. } => "SET CONSTRAINTS",
        Statement::CreateFunction(_) => "CREATE FUNCTION",
        Statement::DropFunction { aggregate: true, .. } => "DROP AGGREGATE",
        Statement::DropFunction { .. } => "DROP FUNCTION",
        Statement::Do(_) => "DO",
        Statement::Call(_) => "CALL",
        Statement::AlterFunction { .. } => "ALTER FUNCTION",
        Statement::CreateTrigger(_) => "CREATE TRIGGER",
        Statement::DropTrigger { .. } => "DROP TRIGGER",
        Statement::Rule(r) => crate::engine::rules::command_tag(r),
        Statement::Set { .. } => "SET",
        Statement::Show(_) => "SHOW",
        Statement::Explain(_) => "EXPLAIN",
        Statement::Reset(_) => "RESET",
        Statement::SetConfig { .. } => return Some("SELECT 1".to_string()),
        Statement::Admin(a) => return Some(admin_tag(a)),
        Statement::View(v) => return Some(v.tag(processed as usize)),
        Statement::CreateSequence { .. } => "CREATE SEQUENCE",
        Statement::AlterSequence { .. } => "ALTER SEQUENCE",
        Statement::DropSequence { .. } => "DROP SEQUENCE",
        Statement::CreateEnum { .. } => "CREATE TYPE",
        Statement::CreateDomain { .. } => "CREATE DOMAIN",
        Statement::CreateAggregate(_) => "CREATE AGGREGATE",
        Statement::DropDomain { .. } => "DROP DOMAIN",
        Statement::DropType { .. } => "DROP TYPE",
    };
    Some(tag.to_string())
}

/// The command tag of an access-control or bookkeeping statement.
fn admin_tag(a: &crate::sql::ast_admin::Admin) -> String {
    use crate::sql::ast_admin::Admin;
    let tag = match a {
        Admin::OwnerTo { object, .. } => return format!("ALTER {}", object.kind.sql()),
        Admin::Comment { .. } => "COMMENT",
        Admin::Grant(g) => {
            if g.grant {
                "GRANT"
            } else {
                "REVOKE"
            }
        }
        Admin::GrantRole { grant, .. } => {
            if *grant {
                "GRANT ROLE"
            } else {
                "REVOKE ROLE"
            }
        }
        Admin::DefaultPrivileges { .. } => "ALTER DEFAULT PRIVILEGES",
        Admin::CreateExtension { .. } => "CREATE EXTENSION",
        Admin::DropExtension { .. } => "DROP EXTENSION",
        Admin::RowSecurity { .. } | Admin::ReplicaIdentity { .. } => "ALTER TABLE",
        Admin::CreatePolicy(_) => "CREATE POLICY",
        Admin::DropPolicy { .. } => "DROP POLICY",
        Admin::AlterPolicy { .. } => "ALTER POLICY",
        Admin::CreatePublication { .. } => "CREATE PUBLICATION",
        Admin::AlterPublication { .. } => "ALTER PUBLICATION",
        Admin::DropPublication { .. } => "DROP PUBLICATION",
        Admin::CreateRole { .. } => "CREATE ROLE",
        Admin::DropRole { .. } => "DROP ROLE",
        Admin::DropOwned { .. } => "DROP OWNED",
        Admin::Maintain { vacuum, .. } => {
            return (if *vacuum { "VACUUM" } else { "ANALYZE" }).into();
        }
        Admin::Checkpoint => "CHECKPOINT",
        Admin::Discard(kind) => return format!("DISCARD {kind}"),
        Admin::Listen(_) => "LISTEN",
        Admin::Unlisten(_) => "UNLISTEN",
        Admin::Notify { .. } => "NOTIFY",
        Admin::AlterRole { .. } => "ALTER ROLE",
        Admin::AlterExtension { .. } => "ALTER EXTENSION",
        Admin::CreateSchemaOwned { .. } => "CREATE SCHEMA",
        Admin::CreateObject { kind, .. } => return format!("CREATE {}", kind.sql()),
        Admin::TriggerState { .. } => "ALTER TABLE",
        Admin::AlterEventTrigger { .. } => "ALTER EVENT TRIGGER",
        Admin::DropObject { kind, .. } => return format!("DROP {}", kind.sql()),
    };
    tag.to_string()
}

/// `WITH ...` where a WITH query changes rows: each WITH query in order (a data-modifying one
/// names its RETURNING rows), then the statement reading them.
fn run_with_data(
    exec: &mut Exec<'_>,
    with: &[crate::sql::ast::Cte],
    statement: &Statement,
) -> Result<Option<ResultSet>> {
    let saved = exec.ctx.ctes.clone();
    let result = (|| {
        for cte in with {
            let (rs, plan) = match &cte.dml {
                // Without RETURNING it still runs; it names no rows.
                Some(dml) => {
                    let plan = crate::engine::derived_plan::plan_dml(exec.db, dml);
                    match run_statement(exec, dml)? {
                        Some(rs) => (crate::engine::compound::rename(rs, cte)?, plan),
                        None => (ResultSet { columns: Vec::new(), rows: Vec::new() }, plan),
                    }
                }
                None => {
                    (crate::engine::compound::run_cte(exec.db, cte, &exec.ctx)?, Default::default())
                }
            };
            exec.ctx.ctes = exec.ctx.ctes.with_plan(&cte.name, rs, plan);
        }
        run_statement(exec, statement)
    })();
    exec.ctx.ctes = saved;
    result
}

/// Runs a DDL or DML statement (its after-trigger queue is the caller's to fire).
pub fn run_statement(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<ResultSet>> {
    // Row security as the statement was written: what it checks on the rows it writes, and
    // the conditions it adds where it reads.
    crate::engine::rls::run_writing(exec, stmt, |exec| {
        let secured = crate::engine::rls::apply(exec, stmt)?;
        let stmt = secured.as_ref().unwrap_or(stmt);
        if let Some(rewritten) = crate::engine::fncall::expand(exec, stmt)? {
            return run_expanded(exec, &rewritten);
        }
        run_expanded(exec, stmt)
    })
}

/// Runs a statement of a function as its own query: its after-trigger queue (foreign-key checks
/// included) fires when it ends, inside the function.
pub fn run_own_query(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<ResultSet>> {
    let outer = std::mem::take(&mut exec.queue);
    let outer_origins = std::mem::take(&mut exec.origins);
    let outer_transitions = std::mem::take(&mut exec.transitions);
    let result =
        run_statement(exec, stmt).and_then(|rows| triggers::fire_queued(exec).map(|()| rows));
    exec.queue = outer;
    exec.origins = outer_origins;
    exec.transitions = outer_transitions;
    result
}

/// Runs a statement whose function calls are resolved.
fn run_expanded(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<ResultSet>> {
    if let Some(result) = crate::engine::rules::apply(exec, stmt)? {
        return Ok(result);
    }
    if let Some(result) = crate::engine::instead_triggers::apply(exec, stmt)? {
        return Ok(result);
    }
    if crate::engine::views::table_statement_on_view(exec, stmt)? {
        return Ok(None);
    }
    if let Some((rewritten, check)) = crate::engine::view_dml::rewrite(exec.db, stmt)? {
        let result = run_expanded(exec, &rewritten)?;
        return match check {
            Some(check) => crate::engine::view_dml::finish_check(check, result),
            None => Ok(result),
        };
    }
    if let Some(rewritten) = crate::engine::subquery::materialize(exec.db, &exec.ctx, stmt)? {
        return run_expanded(exec, &rewritten);
    }
    match stmt {
        Statement::View(v) => {
            exec.processed = crate::engine::views::run(exec, v)? as u64;
            Ok(None)
        }
        Statement::CreateTable(ct) => ddl::create_table(exec, ct).map(|()| None),
        Statement::DropTable { names, if_exists, cascade } => {
            ddl::drop_tables(exec, names, *if_exists, *cascade).map(|()| None)
        }
        Statement::CreateIndex(ci) => {
            crate::engine::index_def::create_index(exec, ci).map(|()| None)
        }
        Statement::DropIndex { names, if_exists } => {
            ddl::drop_indexes(exec, names, *if_exists).map(|()| None)
        }
        Statement::CreateSchema { name, if_not_exists, elements } => {
            ddl::create_schema(exec, name, *if_not_exists, elements).map(|()| None)
        }
        Statement::DropSchema { names, if_exists, cascade } => {
            ddl::drop_schemas(exec, names, *if_exists, *cascade).map(|()| None)
        }
        Statement::AlterIndexRename { index, to, if_exists } => {
            crate::engine::rename::rename_index(exec, index, to, *if_exists).map(|()| None)
        }
        Statement::AlterTable { table, if_exists, ops } => {
            alter::alter_table(exec, table, *if_exists, ops).map(|()| None)
        }
        Statement::AttachIndexPartition { index, partition } => {
            crate::engine::partition_ddl::attach_index(exec, index, partition).map(|()| None)
        }
        Statement::Truncate { tables, cascade, restart_identity } => {
            ddl::truncate(exec, tables, *cascade, *restart_identity).map(|()| None)
        }
        Statement::Insert(i) => dml::insert(exec, i),
        Statement::Update(u) => dml::update(exec, u),
        Statement::Delete(d) => dml::delete(exec, d),
        Statement::Query(q) => dml::select(exec, q),
        Statement::Explain(inner) => crate::engine::explain::explain(exec, inner).map(Some),
        Statement::Copy(c) => crate::engine::copy::copy(exec, c),
        Statement::CreateDomain { name, base, constraints } => {
            crate::engine::domains::create(exec, name, base, constraints).map(|()| None)
        }
        Statement::DropDomain { names, if_exists } => {
            crate::engine::domains::drop(exec, names, *if_exists).map(|()| None)
        }
        Statement::WithData { with, statement } => run_with_data(exec, with, statement),
        Statement::CreateFunction(f) => routines::create_function(exec, f).map(|()| None),
        Statement::CreateAggregate(a) => {
            crate::engine::user_aggregate::create(exec, a).map(|()| None)
        }
        Statement::DropFunction { names, if_exists, cascade, procedure, aggregate } => {
            let kind = routines::RoutineKind { procedure: *procedure, aggregate: *aggregate };
            routines::drop_functions(exec, names, *if_exists, *cascade, kind).map(|()| None)
        }
        Statement::CreateTrigger(t) => routines::create_trigger(exec, t).map(|()| None),
        Statement::Do(block) => crate::engine::plpgsql::run_do(exec, block).map(|()| None),
        Statement::Call(q) => crate::engine::procedures::call(exec, q),
        Statement::AlterFunction { function, security_definer, search_path, stable } => {
            let change = routines::FunctionChange {
                security_definer: *security_definer,
                search_path: search_path.clone(),
                stable: *stable,
            };
            routines::alter_function(exec, function, &change).map(|()| None)
        }
        Statement::Rule(r) => crate::engine::rules::execute(exec, r).map(|()| None),
        Statement::DropTrigger { name, table, if_exists } => {
            routines::drop_trigger(exec, name, table, *if_exists).map(|()| None)
        }
        Statement::Admin(a) => crate::engine::admin::execute(exec, a).map(|()| None),
        Statement::CreateSequence { name, if_not_exists, options } => {
            crate::engine::sequences::create(exec, name, *if_not_exists, options).map(|()| None)
        }
        Statement::AlterSequence { name, if_exists, options } => {
            crate::engine::sequences::alter(exec, name, *if_exists, options).map(|()| None)
        }
        Statement::CreateEnum { name, labels } => {
            crate::engine::sequences::create_enum(exec, name, labels).map(|()| None)
        }
        Statement::DropType { names, if_exists } => {
            crate::engine::sequences::drop_types(exec, names, *if_exists).map(|()| None)
        }
        Statement::DropSequence { names, if_exists, cascade } => {
            crate::engine::sequences::drop(exec, names, *if_exists, *cascade).map(|()| None)
        }
        _ => Err(Error::internal("transaction statement reached the executor")),
    }
}

/// Microseconds since 2000-01-01 00:00:00 UTC (PostgreSQL's epoch).
fn now_micros() -> i64 {
    const PG_EPOCH_UNIX_SECS: i64 = 946_684_800;
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    d.as_micros() as i64 - PG_EPOCH_UNIX_SECS * 1_000_000
}
