//! `CREATE [OR REPLACE] RULE "_RETURN" AS ON SELECT TO rel DO INSTEAD SELECT ...`: PostgreSQL
//! 15's view rule. On an empty plain table it turns the table into a view (pg_dump's old way
//! of writing views); on a view with OR REPLACE it replaces the view's query; anything else is
//! refused with DefineQueryRewrite's errors, in its order.

use crate::engine::exec::Exec;
use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::Statement;
use crate::sql::ast_view::{CreateView, ViewStatement};
use crate::sql::rule::CreateRule;

/// The name a view's SELECT rule must have.
const RETURN: &str = "_RETURN";

/// CREATE RULE ... ON SELECT.
pub fn create(exec: &mut Exec<'_>, r: &CreateRule) -> Result<()> {
    let query = match r.actions.as_slice() {
        [] => {
            return Err(Error::new("0A000", "INSTEAD NOTHING rules on SELECT are not implemented")
                .with_hint("Use views instead."));
        }
        [_, _, ..] => {
            return Err(Error::new(
                "0A000",
                "multiple actions for rules on SELECT are not implemented",
            ));
        }
        [(Statement::Query(q), _)] if r.instead => q,
        _ => return Err(Error::new("0A000", "rules on SELECT must have action INSTEAD SELECT")),
    };
    if r.condition.is_some() {
        return Err(Error::new(
            "0A000",
            "event qualifications are not implemented for rules on SELECT",
        ));
    }
    let db = &*exec.db;
    let view = crate::engine::views::find(db, &r.table);
    let table = db.lookup(&r.table);
    let (rel, columns): (String, Vec<(String, DataType)>) = match (view, table) {
        (Some(v), _) => (v.name.clone(), v.columns.clone()),
        (None, Some(id)) => {
            let t = db.table(id)?;
            (
                t.name.clone(),
                t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect(),
            )
        }
        (None, None) => return Err(Error::undefined_table(&r.table.name)),
    };
    if let Some(id) = table {
        crate::engine::roles::check_table_owner(db, id)?;
    }
    let result = crate::engine::views::run_view_query(db, query, &exec.ctx)?;
    check_result_list(&result.columns, &columns)?;
    if view.is_some() && !r.or_replace {
        return Err(Error::new("0A000", format!("\"{rel}\" is already a view")));
    }
    // Before 7.3 the name was _RETviewname; PostgreSQL still takes it.
    if r.name != RETURN && r.name != format!("_RET{rel}") {
        return Err(Error::new(
            "42P17",
            format!("view rule for \"{rel}\" must be named \"{RETURN}\""),
        ));
    }
    if let Some(id) = table {
        check_convertible(exec, id, &rel)?;
        crate::engine::ddl::drop_tables(exec, std::slice::from_ref(&r.table), false, false)?;
    }
    let create = CreateView {
        name: r.table.clone(),
        columns: Vec::new(),
        query: query.clone(),
        or_replace: true,
        temporary: false,
        materialized: false,
        if_not_exists: false,
        check_option: None,
        with_data: true,
        // A view keeps its options when its "_RETURN" rule is replaced.
        options: crate::engine::views::find(exec.db, &r.table)
            .map(|v| v.options.clone())
            .unwrap_or_default(),
    };
    crate::engine::views::run(exec, &ViewStatement::Create(Box::new(create))).map(|_| ())
}

/// checkRuleResultList: the SELECT's columns are the relation's, by name and type, in order.
fn check_result_list(got: &[(String, DataType)], want: &[(String, DataType)]) -> Result<()> {
    let invalid = |m: String| Error::new("42P17", m);
    for (i, (name, ty)) in got.iter().enumerate() {
        let Some((col, col_ty)) = want.get(i) else {
            return Err(invalid("SELECT rule's target list has too many entries".into()));
        };
        if name != col {
            return Err(invalid(format!(
                "SELECT rule's target entry {} has different column name from column \"{col}\"",
                i + 1
            ))
            .with_detail(format!("SELECT target entry is named \"{name}\".")));
        }
        let ty = if *ty == DataType::Unknown { DataType::Text } else { ty.clone() };
        if ty.base() != col_ty.base() {
            return Err(invalid(format!(
                "SELECT rule's target entry {} has different type from column \"{col}\"",
                i + 1
            ))
            .with_detail(format!(
                "SELECT target entry has type {}, but column has type {}.",
                ty.pg_name(),
                col_ty.pg_name()
            )));
        }
    }
    if got.len() < want.len() {
        return Err(invalid("SELECT rule's target list has too few entries".into()));
    }
    Ok(())
}

/// The table conversion's conditions, in PostgreSQL's order.
fn check_convertible(
    exec: &Exec<'_>,
    id: crate::engine::catalog::TableId,
    rel: &str,
) -> Result<()> {
    let db = &*exec.db;
    let t = db.table(id)?;
    let refuse = |why: &str| {
        Error::new("0A000", format!("could not convert table \"{rel}\" to a view because {why}"))
    };
    if t.partition_key.is_some() {
        return Err(Error::new(
            "0A000",
            format!("cannot convert partitioned table \"{rel}\" to a view"),
        ));
    }
    if t.partition_of.is_some() {
        return Err(Error::new("0A000", format!("cannot convert partition \"{rel}\" to a view")));
    }
    if !t.heap.is_empty() {
        return Err(refuse("it is not empty"));
    }
    let has_triggers = db.triggers.iter().any(|g| g.table == id)
        || db.fks.values().any(|fk| fk.parent == id || fk.child == id);
    if has_triggers {
        return Err(refuse("it has triggers").with_hint(
            "In particular, the table cannot be involved in any foreign key relationships.",
        ));
    }
    if !t.uniques.is_empty() || !t.indexes.is_empty() {
        return Err(refuse("it has indexes"));
    }
    if !crate::engine::inherit::children_of(db, id).is_empty() {
        return Err(refuse("it has child tables"));
    }
    if db.admin.row_security.get(&id).is_some_and(|&(enabled, _)| enabled) {
        return Err(refuse("it has row security enabled"));
    }
    Ok(())
}
