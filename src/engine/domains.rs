//! Domains: CREATE / DROP DOMAIN, and the checks a domain puts on the values of its columns
//! (NOT NULL, CHECK on VALUE), with PostgreSQL's errors.

use std::rc::Rc;

use crate::engine::database::Undo;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, EvalContext, Scope, ScopeColumn};
use crate::engine::types::{DataType, DomainType};
use crate::engine::value::Value;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{DomainConstraint, ObjectName};

/// The scope a domain CHECK sees: VALUE, of the base type.
fn value_scope(base: &DataType) -> Scope {
    Scope {
        columns: vec![ScopeColumn {
            qualifier: None,
            name: "value".to_string(),
            data_type: base.clone(),
        }],
        using: None,
    }
}

/// CREATE DOMAIN.
pub fn create(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    base: &DataType,
    constraints: &[DomainConstraint],
) -> Result<()> {
    // PostgreSQL points at no name when CREATE TYPE / DOMAIN has no schema to create in.
    let schema = exec.db.creation_schema(name).map_err(Error::without_position)?;
    if exec.db.types.exists(&schema, &name.name) {
        return Err(Error::new("42710", format!("type \"{}\" already exists", name.name)));
    }
    let mut d = DomainType {
        schema,
        name: name.name.clone(),
        base: base.clone(),
        not_null: false,
        default: None,
        checks: Vec::new(),
    };
    for c in constraints {
        match c {
            DomainConstraint::Default(e) => d.default = Some(e.clone()),
            DomainConstraint::NotNull(n) => d.not_null = *n,
            DomainConstraint::Check { name, expr } => {
                Binder::for_clause("check constraints").bind_condition(
                    expr,
                    &value_scope(base),
                    "CHECK",
                )?;
                let name = name.clone().unwrap_or_else(|| {
                    crate::engine::catalog::choose_name(&d.name, None, "check", |n| {
                        d.checks.iter().any(|(k, _)| k == n)
                    })
                });
                d.checks.push((name, expr.clone()));
            }
        }
    }
    let mut types = exec.db.types.clone();
    types.domains.insert((d.schema.clone(), d.name.clone()), Rc::new(d));
    exec.txn.undo.push(Undo::Types(Box::new(exec.db.types.clone())));
    exec.db.replace_types(types);
    Ok(())
}

/// DROP DOMAIN: refused while a column uses it (fksim has no CASCADE for types).
pub fn drop(exec: &mut Exec<'_>, names: &[ObjectName], if_exists: bool) -> Result<()> {
    let mut found = Vec::new();
    for n in names {
        match exec.db.types.find(n.schema.as_deref(), &n.name, &exec.db.search_path) {
            Some(DataType::Domain(d)) => found.push(d),
            _ if if_exists => exec
                .notices
                .push(Notice::notice(format!("type \"{}\" does not exist, skipping", n.name))),
            _ => return Err(Error::new("42704", format!("type \"{}\" does not exist", n.name))),
        }
    }
    for d in &found {
        check_unused(exec.db, &d.shown_name(), |c| {
            (c.domain.as_ref() == Some(d)).then(|| DataType::Domain(d.clone()))
        })?;
    }
    let mut types = exec.db.types.clone();
    for d in found {
        types.domains.remove(&(d.schema.clone(), d.name.clone()));
    }
    exec.txn.undo.push(Undo::Types(Box::new(exec.db.types.clone())));
    exec.db.replace_types(types);
    Ok(())
}

/// DROP TYPE / DROP DOMAIN of a type columns still use is refused: fksim has no CASCADE for
/// types, and the columns keep them. `uses` gives the type a column has through it (the type
/// itself, or an array of it); PostgreSQL lists the columns of the array type first.
pub fn check_unused(
    db: &crate::engine::database::Database,
    name: &str,
    uses: impl Fn(&crate::engine::catalog::Column) -> Option<DataType>,
) -> Result<()> {
    let mut found: Vec<(bool, String)> = db
        .tables
        .values()
        .flat_map(|t| {
            t.columns.iter().filter_map(|c| uses(c).map(|used| (t, c, used))).collect::<Vec<_>>()
        })
        .map(|(t, c, used)| {
            let text = format!("column {} of table {} depends on type {used}", c.name, t.name);
            (!matches!(used, DataType::Array(_)), text)
        })
        .collect();
    found.sort_by_key(|(direct, _)| *direct);
    let users: Vec<String> = found.into_iter().map(|(_, text)| text).collect();
    if users.is_empty() {
        return Ok(());
    }
    Err(Error::new("2BP01", format!("cannot drop type {name} because other objects depend on it"))
        .with_detail(users.join("\n"))
        .with_hint("Use DROP ... CASCADE to drop the dependent objects too."))
}

/// Checks a value against its column's domain: NOT NULL, then each CHECK in order.
pub fn check_value(d: &Rc<DomainType>, v: &Value, ctx: &EvalContext) -> Result<()> {
    check_as(d, &d.shown_name(), v, ctx)
}

/// Checks `d`'s constraints (its base domains' first), naming the domain `name` the value was
/// cast to, as PostgreSQL's errors do.
fn check_as(d: &Rc<DomainType>, name: &str, v: &Value, ctx: &EvalContext) -> Result<()> {
    if let DataType::Domain(inner) = &d.base {
        check_as(inner, name, v, ctx)?;
    }
    if v.is_null() && d.not_null {
        return Err(Error::new("23502", format!("domain {name} does not allow null values")));
    }
    for (check, expr) in &d.checks {
        let bound = Binder::for_clause("check constraints").bind_condition(
            expr,
            &value_scope(&d.base.base()),
            "CHECK",
        )?;
        if truth(&eval(&bound, std::slice::from_ref(v), &[], ctx)?) == Some(false) {
            return Err(Error::new(
                "23514",
                format!("value for domain {name} violates check constraint \"{check}\""),
            ));
        }
    }
    Ok(())
}
