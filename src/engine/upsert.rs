//! `INSERT ... ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE ...]`: the arbiter
//! unique constraints, and what happens to a row proposed for insertion that conflicts there.

use rustc_hash::FxHashSet;

use crate::engine::catalog::TableId;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::{Binder, Bound, Scope, ScopeColumn};
use crate::engine::storage::{RowId, key_of};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{ConflictAction, ConflictTarget, Expr, OnConflict};

/// One `SET column = value` (None: DEFAULT), the value bound with its type.
type Assignment = (usize, Option<(Bound, DataType)>);

/// Binds the value assigned to a column (by position) against a scope.
pub type BindValue<'a> = dyn FnMut(&Expr, &Scope, usize) -> Result<(Bound, DataType)> + 'a;

/// The ON CONFLICT clause of one INSERT, bound.
pub struct Upsert {
    /// Positions (in `Table::uniques`) of the unique constraints whose conflicts it handles.
    arbiters: Vec<usize>,
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
        let arbiters: Vec<usize> = match &oc.target {
            ConflictTarget::Any => {
                if matches!(oc.action, ConflictAction::Update { .. }) {
                    return Err(Error::new(
                        "42601",
                        "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                    )
                    .with_hint("For example, ON CONFLICT (column_name)."));
                }
                (0..t.uniques.len()).collect()
            }
            ConflictTarget::Columns(cols) => {
                let mut wanted = Vec::new();
                for c in cols {
                    let i = t
                        .column_index(&c.name)
                        .ok_or_else(|| Error::undefined_column(&c.name).at(c.pos))?;
                    wanted.push(i);
                }
                wanted.sort_unstable();
                wanted.dedup();
                let found: Vec<usize> = t
                    .uniques
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| {
                        let mut have = u.columns.clone();
                        have.sort_unstable();
                        have == wanted
                    })
                    .map(|(i, _)| i)
                    .collect();
                if found.is_empty() {
                    return Err(Error::new(
                        "42P10",
                        "there is no unique or exclusion constraint matching the ON CONFLICT specification",
                    ));
                }
                found
            }
            ConflictTarget::Constraint(name) => {
                match t.uniques.iter().position(|u| &u.name == name) {
                    Some(i) => vec![i],
                    None => {
                        return Err(Error::new(
                            "42704",
                            format!(
                                "constraint \"{name}\" for table \"{}\" does not exist",
                                t.name
                            ),
                        ));
                    }
                }
            }
        };
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
        let existing = self.arbiters.iter().find_map(|&u| {
            let key = key_of(&values, &t.uniques[u].columns);
            if key.iter().any(Value::is_null) { None } else { t.find_unique(u, &key) }
        });
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
