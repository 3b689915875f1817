//! Which unique constraints and unique indexes arbitrate an `INSERT ... ON CONFLICT`, as
//! PostgreSQL's infer_arbiter_indexes picks them, and the row already holding a proposed key.

use crate::engine::database::Database;
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::Binder;
use crate::engine::index_def::{KeyOf, find_in_unique_index, index_key};
use crate::engine::storage::{RowId, key_of};
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::deparse::deparse_expr;
use crate::sql::ast::{
    BinaryOp, ConflictAction, ConflictElement, ConflictTarget, Expr, OnConflict,
};

/// One arbiter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arbiter {
    /// A primary key or unique constraint (position in `Table::uniques`).
    Constraint(usize),
    /// A CREATE UNIQUE INDEX index (position in `Table::indexes`).
    Index(usize),
}

/// Every unique constraint, then every unique index: what ON CONFLICT without a target
/// (DO NOTHING) checks.
fn all(t: &Table) -> Vec<Arbiter> {
    let indexes = t.indexes.iter().enumerate().filter(|(_, ix)| ix.entries.is_some());
    (0..t.uniques.len())
        .map(Arbiter::Constraint)
        .chain(indexes.map(|(i, _)| Arbiter::Index(i)))
        .collect()
}

fn no_match() -> Error {
    Error::new(
        "42P10",
        "there is no unique or exclusion constraint matching the ON CONFLICT specification",
    )
}

/// The arbiters of an ON CONFLICT clause on `t`.
pub fn infer(db: &Database, t: &Table, oc: &OnConflict) -> Result<Vec<Arbiter>> {
    match &oc.target {
        ConflictTarget::Any => {
            if matches!(oc.action, ConflictAction::Update { .. }) {
                return Err(Error::new(
                    "42601",
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                )
                .with_hint("For example, ON CONFLICT (column_name)."));
            }
            Ok(all(t))
        }
        ConflictTarget::Constraint(name) => {
            if let Some(i) = t.uniques.iter().position(|u| &u.name == name) {
                return Ok(vec![Arbiter::Constraint(i)]);
            }
            let other = t.checks.iter().any(|c| &c.name == name)
                || db.fks.values().any(|fk| fk.child == t.id && &fk.name == name);
            if other {
                return Err(Error::new(
                    "55000",
                    "constraint in ON CONFLICT clause has no associated index",
                ));
            }
            Err(Error::new(
                "42704",
                format!("constraint \"{name}\" for table \"{}\" does not exist", t.name),
            ))
        }
        ConflictTarget::Columns { elements, predicate } => {
            infer_from_elements(t, elements, predicate.as_ref())
        }
    }
}

/// `(elements) [WHERE predicate]`: each unique constraint or index whose key columns are
/// exactly these columns and whose key expressions exactly these expressions, and whose
/// predicate (a partial index's) is implied by the WHERE.
fn infer_from_elements(
    t: &Table,
    elements: &[ConflictElement],
    predicate: Option<&Expr>,
) -> Result<Vec<Arbiter>> {
    let scope = table_scope(t, None);
    let mut columns = Vec::new();
    let mut exprs = Vec::new();
    for e in elements {
        let expr = match e {
            ConflictElement::Column(c) => {
                &Expr::Column { table: None, name: c.name.clone(), pos: c.pos }
            }
            ConflictElement::Expr(e) => e,
        };
        Binder::for_clause("ON CONFLICT").bind(expr, &scope)?;
        match expr {
            Expr::Column { name, .. } => {
                columns.push(t.column_index(name).ok_or_else(|| Error::undefined_column(name))?)
            }
            e => exprs.push(deparse_expr(e)),
        }
    }
    columns.sort_unstable();
    columns.dedup();
    let mut implied = Vec::new();
    if let Some(p) = predicate {
        Binder::for_clause("WHERE").bind_condition(p, &scope, "WHERE")?;
        conjuncts(p, &mut implied);
    }
    let mut found = Vec::new();
    for (i, u) in t.uniques.iter().enumerate() {
        let mut have = u.columns.clone();
        have.sort_unstable();
        have.dedup();
        if exprs.is_empty() && have == columns {
            found.push(Arbiter::Constraint(i));
        }
    }
    for (i, ix) in t.indexes.iter().enumerate() {
        if ix.entries.is_none() {
            continue;
        }
        let mut have = Vec::new();
        let mut have_exprs = Vec::new();
        for k in &ix.shape.keys {
            match &k.key {
                KeyOf::Column(c) => have.push(*c),
                KeyOf::Expr(e, _) => have_exprs.push(deparse_expr(e)),
            }
        }
        have.sort_unstable();
        have.dedup();
        let same_exprs = exprs.iter().all(|e| have_exprs.contains(e))
            && have_exprs.iter().all(|e| exprs.contains(e));
        let mut needed = Vec::new();
        if let Some(p) = &ix.shape.predicate {
            conjuncts(p, &mut needed);
        }
        if have == columns && same_exprs && needed.iter().all(|n| implied.contains(n)) {
            found.push(Arbiter::Index(i));
        }
    }
    if found.is_empty() {
        return Err(no_match());
    }
    Ok(found)
}

/// The AND-ed terms of a condition, as text: a partial index's predicate is implied when
/// each of its terms is among the WHERE's.
fn conjuncts(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Binary { op: BinaryOp::And, left, right, .. } => {
            conjuncts(left, out);
            conjuncts(right, out);
        }
        e => out.push(deparse_expr(e)),
    }
}

/// The live row an arbiter finds holding the key `values` would take, if any.
pub fn find_holder(
    exec: &Exec<'_>,
    t: &Table,
    a: Arbiter,
    values: &[Value],
) -> Result<Option<RowId>> {
    Ok(match a {
        Arbiter::Constraint(u) => {
            if t.uniques[u].deferrable {
                return Err(Error::new(
                    "55000",
                    "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters",
                ));
            }
            let key = key_of(values, &t.uniques[u].columns);
            if key.iter().any(Value::is_null) { None } else { t.find_unique(u, &key) }
        }
        Arbiter::Index(i) => match index_key(t, &t.indexes[i], values, &exec.ctx)? {
            Some(key) => find_in_unique_index(t, i, &key),
            None => None,
        },
    })
}
