//! User functions that return rows (`RETURNS SETOF`, `RETURNS TABLE`, OUT arguments, a table's
//! row type): their columns, running them for their rows, and a call in FROM becoming the rows
//! it returned, as the call runs once when the statement starts (see `fncall.rs`).

use crate::engine::database::{Database, display_name};
use crate::engine::exec::Exec;
use crate::engine::routines::Function;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    Expr, FromItem, FunctionBody, Literal, Query, QueryBody, Returns, RowKind, RowType, Select,
    SelectItem, Statement,
};
use crate::sql::walk;

/// `Returns` with a table's row type (`RETURNS SETOF orders`) filled in with its columns;
/// 42704 when no such table exists.
pub fn resolve_returns(db: &Database, returns: &Returns) -> Result<Returns> {
    let Returns::Rows(RowType { set, kind: RowKind::Relation(name), .. }) = returns else {
        return Ok(returns.clone());
    };
    let Some(id) = db.lookup(name) else {
        return Err(Error::new("42704", format!("type \"{}\" does not exist", display_name(name))));
    };
    let table = db.table(id)?;
    let columns = table.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect();
    let mut resolved = name.clone();
    resolved.schema = Some(table.schema.clone());
    resolved.name = table.name.clone();
    Ok(Returns::Rows(RowType { set: *set, columns, kind: RowKind::Relation(resolved) }))
}

/// True when the function returns rows or a set (not one plain value).
pub fn returns_rows(f: &Function) -> bool {
    matches!(f.returns, Returns::SetOf(_) | Returns::Rows(_))
}

/// True when a call may return any number of rows.
pub fn returns_set(f: &Function) -> bool {
    matches!(f.returns, Returns::SetOf(_) | Returns::Rows(RowType { set: true, .. }))
}

/// The columns a call in FROM gives: the row's, or one named after the function (after its one
/// OUT argument, when it has one).
pub fn output_columns(f: &Function) -> Vec<(String, DataType)> {
    let single = |ty: &DataType| {
        let outs: Vec<_> = f.declared.iter().filter(|a| a.mode.is_output()).collect();
        let name = match outs.as_slice() {
            [a] => a.name.clone().unwrap_or_else(|| f.name.clone()),
            _ => f.name.clone(),
        };
        vec![(name, ty.clone())]
    };
    match &f.returns {
        Returns::Rows(r) => r.columns.clone(),
        Returns::Value(ty) | Returns::SetOf(ty) => single(ty),
        Returns::Void => single(&DataType::Text),
        Returns::Trigger => Vec::new(),
    }
}

/// Calls `f` for its rows, each cast to the result's column types. A function returning one
/// row that finds none gives one row of NULLs, as PostgreSQL's does.
pub fn call_rows(exec: &mut Exec<'_>, f: &Function, args: Vec<Value>) -> Result<Vec<Vec<Value>>> {
    let columns = output_columns(f);
    let rows = crate::engine::procedures::with_atomic(exec, true, |exec| row_body(exec, f, args))?;
    if !returns_set(f) && rows.is_empty() {
        return Ok(vec![vec![Value::Null; columns.len()]]);
    }
    Ok(if returns_set(f) { rows } else { rows.into_iter().take(1).collect() })
}

fn row_body(exec: &mut Exec<'_>, f: &Function, args: Vec<Value>) -> Result<Vec<Vec<Value>>> {
    let columns = output_columns(f);
    let rows = match &f.body {
        FunctionBody::PlPgSql(_) => crate::engine::plpgsql::call_function_rows(exec, f, args)?,
        FunctionBody::Sql(_) => {
            let rs = crate::engine::fncall::run_sql_function(exec, f, args)?;
            let rs = rs.unwrap_or(ResultSet { columns: Vec::new(), rows: Vec::new() });
            let mut out = Vec::new();
            for row in rs.rows {
                out.push(cast_row(exec.db, f, row, &rs.columns, &columns)?);
            }
            out
        }
    };
    Ok(rows)
}

/// A row an SQL function's last query gave, cast to the declared columns.
fn cast_row(
    db: &Database,
    f: &Function,
    row: Vec<Value>,
    from: &[(String, DataType)],
    to: &[(String, DataType)],
) -> Result<Vec<Value>> {
    if row.len() != to.len() {
        return Err(Error::new(
            "42P13",
            format!("return type mismatch in function declared to return {}", result_name(db, f)),
        )
        .with_detail(format!("Final statement returns {} columns.", row.len())));
    }
    row.into_iter()
        .zip(from)
        .zip(to)
        .map(|((v, (_, ty)), (_, target))| cast(v, ty, target, false))
        .collect()
}

/// The result type as `\df` and PostgreSQL's messages name it.
pub fn result_name(db: &Database, f: &Function) -> String {
    match &f.returns {
        Returns::Trigger => "trigger".into(),
        Returns::Void => "void".into(),
        Returns::Value(ty) => ty.pg_name(),
        Returns::SetOf(ty) => format!("SETOF {}", ty.pg_name()),
        Returns::Rows(RowType { set, kind: RowKind::Out, .. }) => {
            if *set {
                "SETOF record".into()
            } else {
                "record".into()
            }
        }
        Returns::Rows(RowType { kind: RowKind::Table, columns, .. }) => {
            let cols: Vec<String> =
                columns.iter().map(|(n, t)| format!("{n} {}", t.pg_name())).collect();
            format!("TABLE({})", cols.join(", "))
        }
        Returns::Rows(RowType { set, kind: RowKind::Relation(name), .. }) => {
            // Qualified only when its schema is not on the search path, as format_type does.
            let name = match &name.schema {
                Some(s) if !db.search_path.contains(s) => format!("{s}.{}", name.name),
                _ => name.name.clone(),
            };
            if *set { format!("SETOF {name}") } else { name }
        }
    }
}

/// A row as PostgreSQL prints a record: `(1,abc)`, fields quoted when they must be.
pub fn record_text(values: &[Value], columns: &[(String, DataType)]) -> String {
    let fields: Vec<String> = values
        .iter()
        .zip(columns)
        .map(|(v, (_, ty))| {
            if v.is_null() {
                return String::new();
            }
            let text = v.to_text(ty);
            let plain = !text.is_empty()
                && !text
                    .chars()
                    .any(|c| matches!(c, '"' | '\\' | '(' | ')' | ',') || c.is_whitespace());
            if plain {
                text
            } else {
                format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\"\""))
            }
        })
        .collect();
    format!("({})", fields.join(","))
}

/// What fksim says of a call returning rows whose arguments differ from row to row (a LATERAL
/// call, or one in the select list of a query over a table): it runs calls once, before the
/// statement.
fn per_row_refusal(e: Error, name: &str) -> Error {
    if e.sqlstate() != "0A000" {
        return e;
    }
    Error::unsupported(format!(
        "calling {name}(), a function returning rows, with arguments that differ from row to row is not supported by fksim"
    ))
    .at(e.position)
}

/// The rows as a query: VALUES of typed constants, or a SELECT of none.
fn rows_query(columns: &[(String, DataType)], rows: &[Vec<Value>]) -> Query {
    let body = if rows.is_empty() {
        QueryBody::Select(Box::new(Select {
            distinct: false,
            distinct_on: Vec::new(),
            items: columns
                .iter()
                .map(|(_, ty)| SelectItem::Expr { expr: constant(&Value::Null, ty), alias: None })
                .collect(),
            from: Vec::new(),
            selection: Some(Expr::Literal(Literal::Bool(false))),
            group_by: Vec::new(),
            having: None,
        }))
    } else {
        QueryBody::Values(
            rows.iter()
                .map(|row| row.iter().zip(columns).map(|(v, (_, ty))| constant(v, ty)).collect())
                .collect(),
        )
    };
    Query { with: Vec::new(), body, order_by: Vec::new(), limit: None, offset: None }
}

/// A user function called in FROM, run now: the subquery of its rows that stands in for it.
/// None when `item` is not such a call.
fn expand_item(exec: &mut Exec<'_>, item: &FromItem) -> Result<Option<FromItem>> {
    let FromItem::Function { schema, name, args, alias, column_alias, pos } = item else {
        return Ok(None);
    };
    let found = crate::engine::fncall::user_function(exec.db, schema.as_deref(), name, args, *pos)?;
    let Some(f) = found else { return Ok(None) };
    let values = crate::engine::fncall::call_values(exec, &f, args, *pos)
        .map_err(|e| per_row_refusal(e, &f.name))?;
    let mut columns = output_columns(&f);
    let rows = if returns_rows(&f) {
        call_rows(exec, &f, values)?
    } else {
        vec![vec![crate::engine::fncall::call(exec, &f, values)?]]
    };
    // A one-column result takes the relation's alias as its column name.
    if let [(only, _)] = columns.as_mut_slice()
        && !matches!(f.returns, Returns::Rows(_))
        && let Some(a) = column_alias.as_ref().or(alias.as_ref())
    {
        *only = a.clone();
    } else if let (Some(first), Some(a)) = (columns.first_mut(), column_alias) {
        first.0 = a.clone();
    }
    Ok(Some(FromItem::Subquery {
        query: Box::new(rows_query(&columns, &rows)),
        alias: alias.clone().unwrap_or_else(|| name.clone()),
        columns: columns.iter().map(|c| c.0.clone()).collect(),
        lateral: false,
    }))
}

fn expand_from_item(exec: &mut Exec<'_>, item: &mut FromItem) -> Result<bool> {
    if let Some(new) = expand_item(exec, item)? {
        *item = new;
        return Ok(true);
    }
    match item {
        FromItem::Join { left, right, .. } => {
            let l = expand_from_item(exec, left)?;
            Ok(expand_from_item(exec, right)? || l)
        }
        FromItem::Subquery { query, .. } => expand_query(exec, query),
        _ => Ok(false),
    }
}

/// Replaces the user functions called in the FROM lists of `q` (and of its subqueries) by
/// their rows. True when it replaced any.
pub fn expand_query(exec: &mut Exec<'_>, q: &mut Query) -> Result<bool> {
    let mut changed = expand_select_list(exec, q)?;
    for cte in &mut q.with {
        changed |= expand_query(exec, &mut cte.query)?;
    }
    match &mut q.body {
        QueryBody::Select(s) => {
            for item in &mut s.from {
                changed |= expand_from_item(exec, item)?;
            }
        }
        QueryBody::SetOp { left, right, .. } => {
            changed |= expand_query(exec, left)?;
            changed |= expand_query(exec, right)?;
        }
        QueryBody::Values(_) => {}
    }
    // Subqueries in expressions have FROM lists of their own.
    walk::query(q, &mut |e| expand_subqueries(exec, e, &mut changed))?;
    Ok(changed)
}

/// The walker's visit: a subquery in an expression is expanded whole (and not walked again).
fn expand_subqueries(exec: &mut Exec<'_>, e: &mut Expr, changed: &mut bool) -> Result<bool> {
    match e {
        Expr::Exists { query, .. } | Expr::Subquery(query) | Expr::InSubquery { query, .. } => {
            *changed |= expand_query(exec, query)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Replaces the user functions called in FROM anywhere in a statement by their rows.
pub fn expand_statement(exec: &mut Exec<'_>, stmt: &mut Statement) -> Result<bool> {
    let mut changed = false;
    match stmt {
        Statement::Query(q) => return expand_query(exec, q),
        Statement::Insert(i) => {
            if let crate::sql::ast::InsertSource::Query(q) = &mut i.source {
                changed |= expand_query(exec, q)?;
            }
        }
        _ => {}
    }
    walk::statement(stmt, &mut |e| expand_subqueries(exec, e, &mut changed))?;
    Ok(changed)
}

/// `SELECT f(args), ...` with `f` a set-returning user function: its rows become a FROM item
/// joined to the query's, and the call a column of it — a row of the select list for each row
/// the function returns, as PostgreSQL's ProjectSet gives when it is the list's one set-returning
/// call. Rows of a record type show as records (`(1,abc)`).
pub fn expand_select_list(exec: &mut Exec<'_>, q: &mut Query) -> Result<bool> {
    let QueryBody::Select(s) = &mut q.body else { return Ok(false) };
    let mut found = None;
    for (i, item) in s.items.iter().enumerate() {
        if let SelectItem::Expr { expr: Expr::Function { schema, name, args, pos, .. }, .. } = item
            && let Some(f) =
                crate::engine::fncall::user_function(exec.db, schema.as_deref(), name, args, *pos)?
            && returns_set(&f)
        {
            if found.is_some() {
                return Err(Error::unsupported(
                    "more than one set-returning user function in a select list is not supported by fksim",
                )
                .at(*pos));
            }
            found = Some((i, f));
        }
    }
    let Some((i, f)) = found else { return Ok(false) };
    let SelectItem::Expr { expr: Expr::Function { args, pos, .. }, alias } = &s.items[i] else {
        return Ok(false);
    };
    let column = alias.clone().unwrap_or_else(|| f.name.clone());
    let values = crate::engine::fncall::call_values(exec, &f, args, *pos)
        .map_err(|e| per_row_refusal(e, &f.name))?;
    let rows = call_rows(exec, &f, values)?;
    let (ty, rows) = match &f.returns {
        Returns::Rows(r) => (
            DataType::Text,
            rows.iter().map(|row| vec![Value::Text(record_text(row, &r.columns))]).collect(),
        ),
        Returns::SetOf(ty) => (ty.clone(), rows),
        _ => return Ok(false),
    };
    let relation = f.name.clone();
    s.from.push(FromItem::Subquery {
        query: Box::new(rows_query(&[(column.clone(), ty)], &rows)),
        alias: relation.clone(),
        columns: vec![column.clone()],
        lateral: false,
    });
    s.items[i] = SelectItem::Expr {
        expr: Expr::Column { table: Some(relation), name: column.clone(), pos: None },
        alias: Some(column),
    };
    Ok(true)
}
