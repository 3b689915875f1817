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
    Ok(call_rows_as(exec, f, args, None)?.0)
}

/// Calls `f` for its rows, cast to `defs` (a call's column definition list) or else to the
/// declared columns; with the columns the rows have (a `record` function called without a
/// list has those its last query gave).
pub fn call_rows_as(
    exec: &mut Exec<'_>,
    f: &Function,
    args: Vec<Value>,
    defs: Option<&[(String, DataType)]>,
) -> Result<(Vec<Vec<Value>>, Columns)> {
    let target = defs.map_or_else(|| output_columns(f), <[_]>::to_vec);
    let (rows, columns) = crate::engine::procedures::with_atomic(exec, true, |exec| {
        row_body(exec, f, args, &target)
    })?;
    if !returns_set(f) && rows.is_empty() {
        return Ok((vec![vec![Value::Null; columns.len()]], columns));
    }
    Ok((if returns_set(f) { rows } else { rows.into_iter().take(1).collect() }, columns))
}

type Columns = Vec<(String, DataType)>;

fn row_body(
    exec: &mut Exec<'_>,
    f: &Function,
    args: Vec<Value>,
    columns: &[(String, DataType)],
) -> Result<(Vec<Vec<Value>>, Columns)> {
    let rows = match &f.body {
        // A record's columns are the call's column definition list.
        FunctionBody::PlPgSql(_) if is_record(f) => {
            let mut typed = f.clone();
            if let Returns::Rows(r) = &mut typed.returns {
                r.columns = columns.to_vec();
            }
            crate::engine::plpgsql::call_function_rows(exec, &typed, args)?
        }
        FunctionBody::PlPgSql(_) => crate::engine::plpgsql::call_function_rows(exec, f, args)?,
        FunctionBody::Aggregate(_) => return Err(crate::engine::fncall::aggregate_misuse(f)),
        FunctionBody::Unchecked(u) => {
            return Err(crate::engine::body_check::unchecked_error(f, u, false));
        }
        FunctionBody::Sql(_) => {
            let rs = crate::engine::fncall::run_sql_function(exec, f, args)?;
            let rs = rs.unwrap_or(ResultSet { columns: Vec::new(), rows: Vec::new() });
            if columns.is_empty() && is_record(f) {
                return Ok((rs.rows, rs.columns));
            }
            if is_record(f) {
                check_record_shape(f, &rs.columns, columns)?;
            }
            let mut out = Vec::new();
            for row in rs.rows {
                out.push(cast_row(exec.db, f, row, &rs.columns, columns)?);
            }
            out
        }
    };
    Ok((rows, columns.to_vec()))
}

/// True for `RETURNS [SETOF] record` without OUT arguments.
pub fn is_record(f: &Function) -> bool {
    matches!(f.returns, Returns::Rows(RowType { kind: RowKind::Record, .. }))
}

/// PostgreSQL's check of an SQL function's last query against a call's column definition list.
fn check_record_shape(
    f: &Function,
    from: &[(String, DataType)],
    to: &[(String, DataType)],
) -> Result<()> {
    let mismatch = |detail: String| {
        Err(Error::new("42P13", "return type mismatch in function declared to return record")
            .with_detail(detail)
            .with_context(format!("SQL function \"{}\" during {}", f.name, stage(f))))
    };
    if from.len() > to.len() {
        return mismatch("Final statement returns too many columns.".into());
    }
    if from.len() < to.len() {
        return mismatch("Final statement returns too few columns.".into());
    }
    for (i, ((_, have), (_, want))) in from.iter().zip(to).enumerate() {
        if have != want
            && !crate::engine::fncall::castable(have, want)
            && !matches!(want, DataType::Text | DataType::Varchar(_))
        {
            return mismatch(format!(
                "Final statement returns {} instead of {} at column {}.",
                have.pg_name(),
                want.pg_name(),
                i + 1
            ));
        }
    }
    Ok(())
}

/// When PostgreSQL checks an SQL function's result against its call in FROM: while inlining
/// it (a STABLE set-returning one whose body is one SELECT, as `inline_set_returning_function`
/// takes), else when it starts.
fn stage(f: &Function) -> &'static str {
    let one_select = matches!(&f.body, FunctionBody::Sql(s)
        if matches!(s.as_slice(), [(Statement::Query(_), _)]));
    let inlined = f.stable && returns_set(f) && !f.security_definer && f.search_path.is_none();
    if inlined && one_select { "inlining" } else { "startup" }
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
        Returns::Rows(RowType { set, kind: RowKind::Out | RowKind::Record, .. }) => {
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
pub(crate) fn rows_query(columns: &[(String, DataType)], rows: &[Vec<Value>]) -> Query {
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
/// None when `item` is not such a call. Arguments naming columns of the items to its left
/// (`left`, under the query's `with`) make it a LATERAL subquery of its results per row
/// (`fnlateral.rs`).
fn expand_item(
    exec: &mut Exec<'_>,
    item: &FromItem,
    left: &[FromItem],
    with: &[crate::sql::ast::Cte],
) -> Result<Option<FromItem>> {
    let FromItem::Function { schema, name, args, alias, column_alias, column_defs, pos } = item
    else {
        return Ok(None);
    };
    let found = crate::engine::fncall::user_function(exec.db, schema.as_deref(), name, args, *pos)?;
    let Some(f) = found else { return Ok(None) };
    let mut columns = match (is_record(&f), column_defs.first()) {
        (true, None) => {
            return Err(Error::new(
                "42601",
                "a column definition list is required for functions returning \"record\"",
            )
            .at(*pos));
        }
        (false, Some((_, _, at))) => {
            return Err(Error::new(
                "42601",
                "a column definition list is only allowed for functions returning \"record\"",
            )
            .at(*at));
        }
        (true, Some(_)) => column_defs.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect(),
        (false, None) => output_columns(&f),
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
    let relation = alias.clone().unwrap_or_else(|| name.clone());
    let names: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    if args.iter().any(walk::names_column) {
        let args = crate::engine::fncall::prepared_args(exec, &f, args, *pos)?;
        let call = crate::engine::fnlateral::Call { function: f, args, columns, as_record: false };
        let source = crate::engine::fnlateral::Source {
            with: with.to_vec(),
            from: left.to_vec(),
            selection: None,
        };
        let item = crate::engine::fnlateral::lateral_item(exec, &[call], source, relation, names)
            .map_err(|e| per_row_refusal(e, name))?;
        return Ok(Some(item));
    }
    let values = crate::engine::fncall::call_values(exec, &f, args, *pos)
        .map_err(|e| per_row_refusal(e, &f.name))?;
    let rows = if returns_rows(&f) {
        call_rows_as(exec, &f, values, Some(&columns))?.0
    } else {
        vec![vec![crate::engine::fncall::call(exec, &f, values)?]]
    };
    Ok(Some(FromItem::Subquery {
        query: Box::new(rows_query(&columns, &rows)),
        alias: relation,
        columns: names,
        lateral: false,
    }))
}

/// Expands the user function calls in one FROM item; `left` are the items before it that a
/// call may read.
fn expand_from_item(
    exec: &mut Exec<'_>,
    item: &mut FromItem,
    left: &[FromItem],
    with: &[crate::sql::ast::Cte],
) -> Result<bool> {
    if let Some(new) = expand_item(exec, item, left, with)? {
        *item = new;
        return Ok(true);
    }
    match item {
        FromItem::Join { left: l, right, .. } => {
            let changed = expand_from_item(exec, l, &[], with)?;
            let before = [(**l).clone()];
            Ok(expand_from_item(exec, right, &before, with)? || changed)
        }
        FromItem::Subquery { query, .. } => expand_query(exec, query),
        _ => Ok(false),
    }
}

/// Replaces the user functions called in the FROM lists of `q` (and of its subqueries) by
/// their rows. True when it replaced any.
pub fn expand_query(exec: &mut Exec<'_>, q: &mut Query) -> Result<bool> {
    let mut changed = false;
    for cte in &mut q.with {
        changed |= expand_query(exec, &mut cte.query)?;
    }
    match &mut q.body {
        QueryBody::Select(s) => {
            for i in 0..s.from.len() {
                let (left, rest) = s.from.split_at_mut(i);
                changed |= expand_from_item(exec, &mut rest[0], left, &q.with)?;
            }
            changed |= crate::engine::fnlateral::expand_select_list(exec, &q.with, s)?;
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
