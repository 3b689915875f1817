//! `INSERT ... ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE ...]`: the arbiter
//! unique constraints, and what happens to a row proposed for insertion that conflicts there.

use rustc_hash::FxHashSet;

use crate::engine::catalog::TableId;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::{Binder, Bound, Scope, ScopeColumn};
use crate::engine::storage::RowId;
use crate::engine::types::DataType;
use crate::engine::upsert_arbiter::{self, Arbiter};
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{ConflictAction, Expr, OnConflict};

/// One `SET column = value` (None: DEFAULT), the value bound with its type.
type Assignment = (usize, Option<(Bound, DataType)>);

/// Binds the value assigned to a column (by position) against a scope.
pub type BindValue<'a> = dyn FnMut(&Expr, &Scope, usize) -> Result<(Bound, DataType)> + 'a;

/// The ON CONFLICT clause of one INSERT, bound.
pub struct Upsert {
    /// The unique constraints and indexes whose conflicts it handles.
    arbiters: Vec<Arbiter>,
    /// DO UPDATE's assignments (column, value bound over the existing row then EXCLUDED; None
    /// for DEFAULT) and WHERE; None for DO NOTHING.
    update: Option<(Vec<Assignment>, Option<Bound>)>,
    /// Rows this statement inserted or updated: DO UPDATE may not touch one twice.
    touched: FxHashSet<RowId>,
}

/// What to do with a proposed row.
pub enum Outcome {
    /// No conflict: insert it.
    Insert(Vec<Value>),
    /// It conflicted and nothing is done.
    Skip,
    /// It conflicted: this existing row becomes these values.
    Update(RowId, Vec<Value>),
}

impl Upsert {
    /// Binds an ON CONFLICT clause for `table`. `bind_value` binds an assigned expression for a
    /// column (as UPDATE's SET does).
    pub fn bind(
        exec: &Exec<'_>,
        table: TableId,
        oc: &OnConflict,
        alias: Option<&str>,
        bind_value: &mut BindValue<'_>,
    ) -> Result<Upsert> {
        let t = exec.db.table(table)?;
        let arbiters = upsert_arbiter::infer(exec.db, t, oc)?;
        let update = match &oc.action {
            ConflictAction::Nothing => None,
            ConflictAction::Update { assignments, selection } => {
                // The existing row's columns, then EXCLUDED's: the row proposed for insertion.
                let mut scope = table_scope(t, alias);
                let excluded: Vec<ScopeColumn> = scope
                    .columns
                    .iter()
                    .map(|c| ScopeColumn { qualifier: Some("excluded".into()), ..c.clone() })
                    .collect();
                scope.columns.extend(excluded);
                let mut sets = Vec::new();
                for (col, e) in assignments {
                    let i = t.column_index(&col.name).ok_or_else(|| {
                        Error::new(
                            "42703",
                            format!(
                                "column \"{}\" of relation \"{}\" does not exist",
                                col.name, t.name
                            ),
                        )
                        .at(col.pos)
                    })?;
                    sets.push((
                        i,
                        match e {
                            Expr::Default => None,
                            e => Some(bind_value(e, &scope, i)?),
                        },
                    ));
                }
                let filter = match selection {
                    Some(e) => {
                        Some(Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE")?)
                    }
                    None => None,
                };
                Some((sets, filter))
            }
        };
        Ok(Upsert { arbiters, update, touched: FxHashSet::default() })
    }

    /// Decides what becomes of `values`, proposed for insertion into `table`. `assign`
    /// converts an assigned value to its column (as UPDATE does) and `default` gives a
    /// column's default.
    pub fn resolve(
        &mut self,
        exec: &mut Exec<'_>,
        table: TableId,
        values: Vec<Value>,
        assign: &dyn Fn(Value, &DataType, usize) -> Result<Value>,
    ) -> Result<Outcome> {
        let t = exec.db.table(table)?;
        let mut existing = None;
        for &a in &self.arbiters {
            existing = upsert_arbiter::find_holder(exec, t, a, &values)?;
            if existing.is_some() {
                break;
            }
        }
        let Some(existing) = existing else { return Ok(Outcome::Insert(values)) };
        let Some((sets, filter)) = &self.update else { return Ok(Outcome::Skip) };
        if self.touched.contains(&existing) {
            return Err(Error::new(
                "21000",
                "ON CONFLICT DO UPDATE command cannot affect row a second time",
            )
            .with_hint(
                "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.",
            ));
        }
        let Some(mut row) = t.heap.row(existing) else { return Ok(Outcome::Insert(values)) };
        let width = row.len();
        row.extend(values);
        if let Some(f) = filter
            && truth(&eval(f, &row, &[], &exec.ctx)?) != Some(true)
        {
            return Ok(Outcome::Skip);
        }
        let mut new = row[..width].to_vec();
        for (col, e) in sets {
            new[*col] = match e {
                None => exec.default_value(table, *col)?,
                Some((b, bt)) => assign(eval(b, &row, &[], &exec.ctx)?, bt, *col)?,
            };
        }
        Ok(Outcome::Update(existing, new))
    }

    /// Notes a row this statement wrote.
    pub fn touch(&mut self, row: RowId) {
        self.touched.insert(row);
    }
}
