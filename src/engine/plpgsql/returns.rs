//! PL/pgSQL results beyond one value: OUT arguments, RETURN NEXT and RETURN QUERY [EXECUTE].

use super::control::dynamic_statement;
use super::{Frame, run_sql, spi_error};
use crate::engine::exec::Exec;
use crate::engine::routines::Function;
use crate::engine::session::run_own_query;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, type_name};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Expr, Query, Returns, Statement};

/// The column types of a set-returning function's rows; None when it returns no set.
fn set_columns(returns: &Returns) -> Option<Vec<DataType>> {
    match returns {
        Returns::SetOf(ty) => Some(vec![ty.clone()]),
        Returns::Rows(r) if r.set => Some(r.columns.iter().map(|c| c.1.clone()).collect()),
        _ => None,
    }
}

impl Frame {
    /// Declares the OUT arguments as variables (NULL until set); INOUT ones hold their input.
    pub(super) fn declare_outputs(&mut self, f: &Function) {
        for a in f.declared.iter().filter(|a| a.mode.is_output()) {
            let Some(name) = &a.name else { continue };
            if !a.mode.is_input() {
                self.vars.insert(name.clone(), (Value::Null, a.data_type.clone()));
            }
            self.locals.outputs.push(name.clone());
        }
    }

    /// The values of the OUT variables: the row a function with OUT arguments returns.
    pub(super) fn output_row(&self) -> Vec<Value> {
        self.locals
            .outputs
            .iter()
            .map(|n| self.vars.get(n).map_or(Value::Null, |v| v.0.clone()))
            .collect()
    }
}

/// `RETURN NEXT [expr]`.
pub(super) fn return_next(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    expr: Option<&Expr>,
) -> Result<()> {
    let Some(columns) = set_columns(&frame.returns) else {
        return Err(Error::new("42804", "cannot use RETURN NEXT in a non-SETOF function"));
    };
    let row = match expr {
        None if !frame.locals.outputs.is_empty() => frame.output_row(),
        None => return Err(Error::new("42804", "RETURN NEXT must have a parameter")),
        Some(_) if !frame.locals.outputs.is_empty() => {
            return Err(Error::new(
                "42804",
                "RETURN NEXT cannot have a parameter in function with OUT parameters",
            ));
        }
        Some(e) => row_of(exec, frame, e, &columns, "RETURN NEXT")?,
    };
    frame.locals.result_rows.push(row);
    Ok(())
}

/// The row `RETURN [NEXT] expr` gives: a record variable's fields, or one value.
fn row_of(
    exec: &mut Exec<'_>,
    frame: &Frame,
    e: &Expr,
    columns: &[DataType],
    what: &str,
) -> Result<Vec<Value>> {
    if let Expr::Column { table: None, name, .. } = e
        && let Some(slot) = frame.locals.records.get(name.as_str())
    {
        let Some((fields, values)) = slot else {
            return Err(Error::new("55000", format!("record \"{name}\" is not assigned yet"))
                .with_detail(
                    "The tuple structure of a not-yet-assigned record is indeterminate.",
                ));
        };
        if fields.len() != columns.len() {
            return Err(Error::new("42804", format!("wrong record type supplied in {what}"))
                .with_detail(format!(
                    "Number of returned columns ({}) does not match expected column count ({}).",
                    fields.len(),
                    columns.len()
                )));
        }
        let mut row = Vec::new();
        for ((v, (_, ty)), target) in values.iter().zip(fields).zip(columns) {
            row.push(cast(v.clone(), ty, target, false)?);
        }
        return Ok(row);
    }
    let (v, ty) = frame.eval(exec, e)?;
    match columns {
        [target] => Ok(vec![cast(v, &ty, target, false)?]),
        _ => Err(Error::new(
            "42804",
            "cannot return non-composite value from function returning composite type",
        )),
    }
}

/// `RETURN expr` in a function returning one row of a table's type: that row.
pub(super) fn return_row(exec: &mut Exec<'_>, frame: &mut Frame, e: &Expr) -> Result<()> {
    let Returns::Rows(r) = &frame.returns else { return Ok(()) };
    let columns: Vec<DataType> = r.columns.iter().map(|c| c.1.clone()).collect();
    let row = row_of(exec, frame, e, &columns, "RETURN")?;
    frame.locals.result_rows = vec![row];
    Ok(())
}

/// `RETURN QUERY query`: its rows, checked against the result's columns as PostgreSQL does.
pub(super) fn return_query(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    query: &Query,
    text: &str,
) -> Result<()> {
    let mut stmt = Statement::Query(query.clone());
    let rows = run_sql(exec, frame, &mut stmt).map_err(|e| spi_error(e, text))?;
    add_rows(frame, rows).map_err(|e| e.with_context(format!("SQL statement \"{text}\"")))
}

/// `RETURN QUERY EXECUTE string [USING values]`.
pub(super) fn return_query_execute(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    command: &Expr,
    using: &[Expr],
) -> Result<()> {
    let (text, stmt) = dynamic_statement(exec, frame, command, using)?;
    let rows = run_own_query(exec, &stmt).map_err(|e| spi_error(e, &text))?;
    add_rows(frame, rows)
}

/// Adds a query's rows to the result: the same number of columns, each of the declared type.
fn add_rows(frame: &mut Frame, rows: Option<ResultSet>) -> Result<()> {
    let Some(columns) = set_columns(&frame.returns) else {
        return Err(Error::new("42804", "cannot use RETURN QUERY in a non-SETOF function"));
    };
    let Some(rs) = rows else {
        return Err(Error::new("42601", "cannot open a non-SELECT query as a cursor"));
    };
    let mismatch = |detail: String| {
        Error::new("42804", "structure of query does not match function result type")
            .with_detail(detail)
    };
    if rs.columns.len() != columns.len() {
        return Err(mismatch(format!(
            "Number of returned columns ({}) does not match expected column count ({}).",
            rs.columns.len(),
            columns.len()
        )));
    }
    for (i, ((_, got), want)) in rs.columns.iter().zip(&columns).enumerate() {
        if *got != DataType::Unknown && type_name(got) != type_name(want) {
            return Err(mismatch(format!(
                "Returned type {} does not match expected type {} in column {}.",
                type_name(got),
                type_name(want),
                i + 1
            )));
        }
    }
    for row in rs.rows {
        let mut out = Vec::new();
        for ((v, (_, ty)), target) in row.into_iter().zip(&rs.columns).zip(&columns) {
            out.push(cast(v, ty, target, false)?);
        }
        frame.locals.result_rows.push(out);
    }
    Ok(())
}
