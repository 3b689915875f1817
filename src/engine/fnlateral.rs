//! User functions returning rows called with arguments that differ from row to row:
//! `FROM t, LATERAL f(t.id)`, `FROM t CROSS JOIN f(t.id)`, `SELECT f(t.id), g(t.id) FROM t`.
//! Before the statement runs, the rows the calls' arguments come from are read for their
//! argument lists; each function runs once for each distinct list; and the calls become one
//! LATERAL subquery over those results that, for each row, gives the rows of its own
//! arguments — the rows (and their order) PostgreSQL's nested loop or ProjectSet gives. Calls of
//! one select list run in lockstep, the shorter ones padded with NULLs (PostgreSQL 10+).

use std::collections::HashSet;

use crate::engine::exec::Exec;
use crate::engine::fnresult::{call_rows_as, record_text, returns_rows, returns_set, rows_query};
use crate::engine::routines::Function;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::sql::arrays::{empty_query, empty_select};
use crate::sql::ast::{Expr, FromItem, Query, QueryBody, Returns, Select, SelectItem, Statement};
use crate::sql::walk;

/// The relation the results are read from inside the subquery (a name no query can write).
const RESULTS: &str = "fksim call results";

/// One call to run for each argument list.
pub struct Call {
    /// The function.
    pub function: Function,
    /// Its arguments as written (defaults filled in), in declaration order.
    pub args: Vec<Expr>,
    /// The columns each of its rows gives.
    pub columns: Vec<(String, DataType)>,
    /// Its rows shown as one record column (`SELECT f(t.id)` of a function returning rows).
    pub as_record: bool,
}

/// Where the argument lists come from: the FROM items to the calls' left (with the query's
/// WITH queries), and the WHERE condition of a select list's rows.
pub struct Source {
    /// The WITH queries the items may name.
    pub with: Vec<crate::sql::ast::Cte>,
    /// The FROM items.
    pub from: Vec<FromItem>,
    /// The rows' condition.
    pub selection: Option<Expr>,
}

/// The LATERAL subquery `alias(names)` that gives, for a row of `source`, the rows of `calls`
/// for that row's arguments.
pub fn lateral_item(
    exec: &mut Exec<'_>,
    calls: &[Call],
    source: Source,
    alias: String,
    names: Vec<String>,
) -> Result<FromItem> {
    let args: Vec<Expr> = calls.iter().flat_map(|c| c.args.iter().cloned()).collect();
    let mut probe = empty_select();
    probe.items = args.iter().map(|a| SelectItem::Expr { expr: a.clone(), alias: None }).collect();
    probe.from = source.from;
    probe.selection = source.selection;
    let mut query = empty_query();
    query.with = source.with;
    query.body = QueryBody::Select(Box::new(probe));
    // Calls without arguments run once.
    let lists = if args.is_empty() {
        crate::render::psql::ResultSet { columns: Vec::new(), rows: vec![Vec::new()] }
    } else {
        crate::engine::session::run_own_query(exec, &Statement::Query(query))
            .map_err(|e| outer_refusal(e, calls))?
            .ok_or_else(|| Error::internal("the argument query gave no rows"))?
    };
    let arg_types: Vec<DataType> = lists.columns.iter().map(|c| c.1.clone()).collect();
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for list in lists.rows {
        exec.ctx.cancel.check()?;
        if !seen.insert(format!("{list:?}")) {
            continue;
        }
        let mut results = Vec::new();
        let mut offset = 0;
        for c in calls {
            let mut typed = Vec::new();
            for (i, declared) in c.function.args.iter().enumerate().take(c.args.len()) {
                let (v, ty) = (list[offset + i].clone(), &arg_types[offset + i]);
                typed.push(cast(v, ty, &declared.data_type, false)?);
            }
            offset += c.args.len();
            results.push(call_results(exec, c, typed)?);
        }
        // A call returning one row gives it beside every row of the set-returning ones.
        let set = |c: &Call| returns_set(&c.function);
        let lengths = calls.iter().zip(&results).filter(|(c, _)| set(c)).map(|(_, r)| r.len());
        let longest = if calls.iter().any(set) { lengths.max().unwrap_or(0) } else { 1 };
        for i in 0..longest {
            let mut row = list.clone();
            for (c, r) in calls.iter().zip(&results) {
                match if set(c) { r.get(i) } else { r.first() } {
                    Some(values) => row.extend(values.iter().cloned()),
                    None => row.extend(std::iter::repeat_n(Value::Null, c.columns.len())),
                }
            }
            rows.push(row);
        }
    }
    let result_types = calls.iter().flat_map(|c| c.columns.iter().map(|(_, t)| t.clone()));
    let columns: Vec<(String, DataType)> = arg_types
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, t)| (format!("arg {i}"), t))
        .chain(result_types.enumerate().map(|(i, t)| (format!("column {i}"), t)))
        .collect();
    let column = |name: &str| Expr::Column {
        table: Some(RESULTS.to_string()),
        name: name.to_string(),
        pos: None,
    };
    let mut select = empty_select();
    select.from = vec![FromItem::Subquery {
        query: Box::new(rows_query(&columns, &rows)),
        alias: RESULTS.to_string(),
        columns: columns.iter().map(|c| c.0.clone()).collect(),
        lateral: false,
    }];
    let pairs = args.into_iter().enumerate().map(|(i, a)| (column(&format!("arg {i}")), a));
    select.selection = crate::engine::fnrows::all_not_distinct(pairs);
    select.items = names
        .iter()
        .enumerate()
        .map(|(i, n)| SelectItem::Expr {
            expr: column(&format!("column {i}")),
            alias: Some(n.clone()),
        })
        .collect();
    let mut query: Query = empty_query();
    query.body = QueryBody::Select(Box::new(select));
    Ok(FromItem::Subquery { query: Box::new(query), alias, columns: names, lateral: true })
}

/// Arguments naming a table the calls' own query does not have read an outer query's row
/// (`(SELECT count(*) FROM f(t.id))`): the calls cannot run before the statement then.
fn outer_refusal(e: Error, calls: &[Call]) -> Error {
    let Some(c) = calls.first().filter(|_| e.sqlstate() == "42P01") else { return e };
    Error::unsupported(format!(
        "calling {}(), a function returning rows, with arguments from an outer query is not supported by fksim",
        c.function.name
    ))
    .at(e.position)
}

/// `*` in a select list as the FROM items it reads (`t.*, u.*`), so that the item the calls
/// become is not among them; left alone when an item is a join (whose USING columns `*`
/// merges).
fn star_as_items(s: &mut Select) {
    let mut names = Vec::new();
    for item in &s.from {
        match item {
            FromItem::Table { name, alias } => {
                names.push(alias.clone().unwrap_or(name.name.clone()))
            }
            FromItem::Subquery { alias, .. } => names.push(alias.clone()),
            FromItem::Function { name, alias, .. } => {
                names.push(alias.clone().unwrap_or(name.clone()))
            }
            FromItem::Join { .. } => return,
        }
    }
    let mut items = Vec::new();
    for item in std::mem::take(&mut s.items) {
        match item {
            SelectItem::Wildcard => {
                items.extend(names.iter().cloned().map(SelectItem::QualifiedWildcard))
            }
            other => items.push(other),
        }
    }
    s.items = items;
}

/// The rows one call gives for one argument list.
fn call_results(exec: &mut Exec<'_>, c: &Call, args: Vec<Value>) -> Result<Vec<Vec<Value>>> {
    if !returns_rows(&c.function) {
        return Ok(vec![vec![crate::engine::fncall::call(exec, &c.function, args)?]]);
    }
    let defs = (!c.as_record).then_some(c.columns.as_slice());
    let (rows, columns) = call_rows_as(exec, &c.function, args, defs)?;
    if !c.as_record {
        return Ok(rows);
    }
    Ok(rows
        .iter()
        .map(|row| {
            if row.iter().all(Value::is_null) && !returns_set(&c.function) {
                vec![Value::Null]
            } else {
                vec![Value::Text(record_text(row, &columns))]
            }
        })
        .collect())
}

/// `SELECT f(args), ... FROM ...` with `f` a set-returning user function (or one returning a
/// row, called with arguments that differ from row to row): the calls' rows become a LATERAL
/// FROM item and each call a column of it — a row of the select list for each row the calls
/// return, in lockstep. Rows of a record type show as records (`(1,abc)`).
pub fn expand_select_list(
    exec: &mut Exec<'_>,
    with: &[crate::sql::ast::Cte],
    s: &mut Select,
) -> Result<bool> {
    let mut found = Vec::new();
    for (i, item) in s.items.iter().enumerate() {
        if let SelectItem::Expr { expr: Expr::Function { schema, name, args, pos, .. }, .. } = item
            && let Some(f) =
                crate::engine::fncall::user_function(exec.db, schema.as_deref(), name, args, *pos)?
            && (returns_set(&f) || (returns_rows(&f) && args.iter().any(walk::names_column)))
        {
            found.push((i, f));
        }
    }
    if found.is_empty() {
        return Ok(false);
    }
    let mut builtin = false;
    for item in &mut s.items {
        if let SelectItem::Expr { expr, .. } = item {
            walk::expr(expr, &mut |x| {
                builtin |= matches!(x, Expr::Function { schema: None, name, .. } if crate::engine::srf::is_srf_name(name));
                Ok(false)
            })?;
        }
    }
    if builtin {
        return Err(Error::unsupported(
            "set-returning user functions beside built-in set-returning functions in one select list are not supported by fksim",
        ));
    }
    let mut calls = Vec::new();
    let mut names = Vec::new();
    let mut per_row = false;
    for (k, (i, f)) in found.into_iter().enumerate() {
        let SelectItem::Expr { expr: Expr::Function { args, pos, .. }, alias } = &s.items[i] else {
            continue;
        };
        per_row |= args.iter().any(walk::names_column);
        let column = alias.clone().unwrap_or_else(|| f.name.clone());
        let as_record = matches!(f.returns, Returns::Rows(_));
        let ty = match (&f.returns, as_record) {
            (Returns::SetOf(ty), false) => ty.clone(),
            _ => DataType::Text,
        };
        let args = crate::engine::fncall::prepared_args(exec, &f, args, *pos)?;
        calls.push(Call { function: f, args, columns: vec![(column.clone(), ty)], as_record });
        let internal = format!("call {k}");
        s.items[i] = SelectItem::Expr {
            expr: Expr::Column {
                table: Some(SELECT_LIST.into()),
                name: internal.clone(),
                pos: None,
            },
            alias: Some(column),
        };
        names.push(internal);
    }
    let source = if per_row {
        Source { with: with.to_vec(), from: s.from.clone(), selection: s.selection.clone() }
    } else {
        Source { with: Vec::new(), from: Vec::new(), selection: None }
    };
    let item = lateral_item(exec, &calls, source, SELECT_LIST.into(), names)?;
    star_as_items(s);
    s.from.push(item);
    Ok(true)
}

/// The relation a select list's calls are read from (a name no query can write).
const SELECT_LIST: &str = "fksim select list calls";
