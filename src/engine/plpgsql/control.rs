//! Runs PL/pgSQL's control statements: loops and EXIT/CONTINUE, CASE, nested blocks whose
//! EXCEPTION handlers undo the block's changes as PostgreSQL's subtransactions do, GET
//! DIAGNOSTICS, dynamic EXECUTE, and the record variables `FOR rec IN SELECT` fills.

use std::collections::HashMap;

use super::{Flow, Frame, run_block, run_sql, spi_error};
use crate::engine::eval::truth;
use crate::engine::exec::Exec;
use crate::engine::session::run_own_query;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{BinaryOp, Expr, ObjectName, Statement};
use crate::sql::plpgsql::{Into, LoopKind, PlLoop, PlNested, PlVar, VarShape, condition_code};
use crate::sql::walk;

/// A row held by a record variable: its fields and values.
pub(crate) type Row = (Vec<(String, DataType)>, Vec<Value>);

/// What a running function keeps besides its plain variables.
#[derive(Default)]
pub(crate) struct Locals {
    /// Record variables (`record`, `t%ROWTYPE`, FOR loop targets); None until assigned.
    pub records: HashMap<String, Option<Row>>,
    /// The errors the handlers now running caught, innermost last (GET STACKED DIAGNOSTICS).
    pub caught: Vec<Error>,
    /// ROW_COUNT of the last SQL statement.
    pub row_count: u64,
    /// The rows RETURN NEXT and RETURN QUERY gave so far (set-returning functions).
    pub result_rows: Vec<Vec<Value>>,
    /// The OUT and INOUT arguments: the variables whose values make the result row.
    pub outputs: Vec<String>,
}

impl Frame {
    /// The value of `rec.field` when `rec` is a record variable.
    pub(super) fn record_field(&self, rec: &str, field: &str) -> Option<Result<Expr>> {
        let slot = self.locals.records.get(rec)?;
        Some(match slot {
            None => Err(Error::new("55000", format!("record \"{rec}\" is not assigned yet"))
                .with_detail("The tuple structure of a not-yet-assigned record is indeterminate.")),
            Some((fields, values)) => match fields.iter().position(|(n, _)| n == field) {
                Some(i) => Ok(constant(&values[i], &fields[i].1)),
                None => {
                    Err(Error::new("42703", format!("record \"{rec}\" has no field \"{field}\"")))
                }
            },
        })
    }

    /// Sets `rec.field` of a record variable; None when `rec` is not one.
    pub(super) fn assign_field(
        &mut self,
        rec: &str,
        field: &str,
        v: Value,
        ty: &DataType,
    ) -> Option<Result<()>> {
        let slot = self.locals.records.get_mut(rec)?;
        Some(match slot {
            None => Err(Error::new("55000", format!("record \"{rec}\" is not assigned yet"))),
            Some((fields, values)) => match fields.iter().position(|(n, _)| n == field) {
                Some(i) => cast(v, ty, &fields[i].1, false).map(|v| values[i] = v),
                None => {
                    Err(Error::new("42703", format!("record \"{rec}\" has no field \"{field}\"")))
                }
            },
        })
    }

    /// Stores one result row into INTO targets: a single record variable takes the whole row,
    /// otherwise the columns go to the targets in order (missing ones NULL).
    pub(super) fn store_row(
        &mut self,
        targets: &[(Option<String>, String)],
        columns: &[(String, DataType)],
        row: Option<&Vec<Value>>,
    ) -> Result<()> {
        if let [(None, name)] = targets
            && self.locals.records.contains_key(name)
        {
            let values = row.cloned().unwrap_or_else(|| vec![Value::Null; columns.len()]);
            self.locals.records.insert(name.clone(), Some((columns.to_vec(), values)));
            return Ok(());
        }
        for (i, (record, name)) in targets.iter().enumerate() {
            let (v, ty) = match (row.and_then(|r| r.get(i)), columns.get(i)) {
                (Some(v), Some((_, ty))) => (v.clone(), ty.clone()),
                _ => (Value::Null, DataType::Text),
            };
            self.assign(record.as_deref(), name, v, &ty)?;
        }
        Ok(())
    }

    /// Stores a statement's rows into INTO targets, with STRICT's row-count errors.
    pub(super) fn store_into(&mut self, into: &Into, rows: Option<ResultSet>) -> Result<()> {
        let (columns, data) = rows.map(|r| (r.columns, r.rows)).unwrap_or_default();
        if into.strict && data.len() != 1 {
            let (code, msg) = if data.is_empty() {
                ("P0002", "query returned no rows")
            } else {
                ("P0003", "query returned more than one row")
            };
            return Err(Error::new(code, msg));
        }
        self.store_row(&into.targets, &columns, data.first())
    }

    /// Checks a variable of a domain type against the domain's constraints after it was set.
    pub(super) fn check_domain(&self, exec: &Exec<'_>, name: &str) -> Result<()> {
        if let Some((v, DataType::Domain(d))) = self.vars.get(name) {
            crate::engine::domains::check_value(d, v, &exec.ctx)?;
        }
        Ok(())
    }

    /// Declares a block's variables (records unassigned), returning what they shadowed.
    pub(super) fn declare(
        &mut self,
        exec: &mut Exec<'_>,
        declarations: &[PlVar],
    ) -> Result<Vec<Shadowed>> {
        let mut shadowed = Vec::new();
        for v in declarations {
            shadowed.push(Shadowed {
                name: v.name.clone(),
                var: self.vars.remove(&v.name),
                record: self.locals.records.remove(&v.name),
            });
            let data_type = match &v.shape {
                VarShape::Record => {
                    self.locals.records.insert(v.name.clone(), None);
                    continue;
                }
                VarShape::RowOf(table) => {
                    if exec.db.resolve(&object_name(table)).is_err() {
                        return Err(Error::new(
                            "42704",
                            format!("type \"{table}\" does not exist"),
                        ));
                    }
                    self.locals.records.insert(v.name.clone(), None);
                    continue;
                }
                VarShape::Scalar => v.data_type.clone(),
                VarShape::TypeOf { table, column } => column_type(exec, table, column)?,
            };
            let value = match &v.default {
                Some(e) => {
                    let (val, ty) = self.eval(exec, e).map_err(|e| {
                        e.with_context(format!(
                            "PL/pgSQL function {} during statement block local variable initialization",
                            self.signature
                        ))
                    })?;
                    cast(val, &ty, &data_type, false)?
                }
                None => Value::Null,
            };
            self.vars.insert(v.name.clone(), (value, data_type));
            self.check_domain(exec, &v.name).map_err(|e| {
                e.with_context(format!(
                    "PL/pgSQL function {} during statement block local variable initialization",
                    self.signature
                ))
            })?;
        }
        Ok(shadowed)
    }

    /// Puts back what a block's declarations shadowed.
    pub(super) fn restore(&mut self, shadowed: Vec<Shadowed>) {
        for s in shadowed.into_iter().rev() {
            self.vars.remove(&s.name);
            self.locals.records.remove(&s.name);
            if let Some(v) = s.var {
                self.vars.insert(s.name.clone(), v);
            }
            if let Some(r) = s.record {
                self.locals.records.insert(s.name, r);
            }
        }
    }
}

/// A variable a nested declaration hid, to put back when the block ends.
pub(super) struct Shadowed {
    /// Its name.
    name: String,
    /// The plain variable it was.
    var: Option<(Value, DataType)>,
    /// The record variable it was.
    record: Option<Option<Row>>,
}

/// The type of `table.column` for `%TYPE`.
/// A table's name as a function's text wrote it (maybe schema-qualified).
fn object_name(table: &str) -> ObjectName {
    match table.split_once('.') {
        Some((s, t)) => ObjectName { schema: Some(s.to_string()), name: t.to_string(), pos: None },
        None => ObjectName { schema: None, name: table.to_string(), pos: None },
    }
}

fn column_type(exec: &Exec<'_>, table: &str, column: &str) -> Result<DataType> {
    let id = exec.db.resolve(&object_name(table))?;
    let t = exec.db.table(id)?;
    t.columns.iter().find(|c| c.name == column).map(|c| c.data_type.clone()).ok_or_else(|| {
        Error::new(
            "42703",
            format!("column \"{column}\" of relation \"{}\" does not exist", t.name),
        )
    })
}

/// What a loop's body said: go on, or leave the loop with this flow.
fn after_body(flow: Flow, label: &Option<String>) -> Option<Flow> {
    match flow {
        Flow::Continue => None,
        Flow::Exit { label: None, continue_loop } => {
            if continue_loop {
                None
            } else {
                Some(Flow::Continue)
            }
        }
        Flow::Exit { label: Some(l), continue_loop } if Some(&l) == label.as_ref() => {
            if continue_loop {
                None
            } else {
                Some(Flow::Continue)
            }
        }
        other => Some(other),
    }
}

/// Runs a loop.
pub(super) fn run_loop(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    l: &PlLoop,
    at: &dyn Fn(&str) -> String,
) -> Result<Flow> {
    match &l.kind {
        LoopKind::Plain => loop {
            exec.ctx.cancel.check()?;
            if let Some(flow) = after_body(run_block(exec, frame, &l.body)?, &l.label) {
                return Ok(flow);
            }
        },
        LoopKind::While(cond) => loop {
            exec.ctx.cancel.check()?;
            let (v, _) = frame.eval(exec, cond).map_err(|e| e.with_context(at("WHILE")))?;
            if truth(&v) != Some(true) {
                return Ok(Flow::Continue);
            }
            if let Some(flow) = after_body(run_block(exec, frame, &l.body)?, &l.label) {
                return Ok(flow);
            }
        },
        LoopKind::Range { var, from, to, step, reverse } => {
            let what = "FOR with integer loop variable";
            let int = |frame: &Frame, exec: &mut Exec<'_>, e: &Expr, bound: &str| {
                let (v, ty) = frame.eval(exec, e)?;
                match cast(v, &ty, &DataType::Integer, false)? {
                    Value::Int(n) => Ok(n),
                    _ => Err(Error::new(
                        "22004",
                        format!("{bound} bound of FOR loop cannot be null"),
                    )),
                }
            };
            let lo = int(frame, exec, from, "lower").map_err(|e| e.with_context(at(what)))?;
            let hi = int(frame, exec, to, "upper").map_err(|e| e.with_context(at(what)))?;
            let by = match step {
                Some(s) => {
                    let n =
                        int(frame, exec, s, "BY value").map_err(|e| e.with_context(at(what)))?;
                    if n <= 0 {
                        return Err(Error::new(
                            "22023",
                            "BY value of FOR loop must be greater than zero",
                        )
                        .with_context(at(what)));
                    }
                    n
                }
                None => 1,
            };
            let saved = frame.vars.remove(var);
            let mut i = lo;
            let mut result = Ok(Flow::Continue);
            while if *reverse { i >= hi } else { i <= hi } {
                if let Err(e) = exec.ctx.cancel.check() {
                    result = Err(e);
                    break;
                }
                frame.vars.insert(var.clone(), (Value::Int(i), DataType::Integer));
                match run_block(exec, frame, &l.body) {
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                    Ok(flow) => {
                        if let Some(flow) = after_body(flow, &l.label) {
                            result = Ok(flow);
                            break;
                        }
                    }
                }
                i = if *reverse { i - by } else { i + by };
            }
            frame.vars.remove(var);
            if let Some(v) = saved {
                frame.vars.insert(var.clone(), v);
            }
            result
        }
        LoopKind::Query { targets, query, text } => {
            let what = "FOR over SELECT rows";
            let mut stmt = Statement::Query((**query).clone());
            let rows = run_sql(exec, frame, &mut stmt)
                .map_err(|e| spi_error(e, text).with_context(at(what)))?;
            row_loop(exec, frame, l, targets, rows, &|s| at(s), what)
        }
        LoopKind::Dynamic { targets, command, using } => {
            let what = "FOR over EXECUTE statement";
            let (text, stmt) = dynamic_statement(exec, frame, command, using)
                .map_err(|e| e.with_context(at(what)))?;
            let rows = run_own_query(exec, &stmt)
                .map_err(|e| spi_error(e, &text).with_context(at(what)))?;
            row_loop(exec, frame, l, targets, rows, &|s| at(s), what)
        }
        LoopKind::ForEach { var, array } => {
            let what = "FOREACH over array";
            let (v, ty) = frame.eval(exec, array).map_err(|e| e.with_context(at(what)))?;
            let DataType::Array(element) = &ty else {
                return Err(Error::new(
                    "42804",
                    format!("FOREACH expression must yield an array, not type {}", ty.pg_name()),
                )
                .with_context(at(what)));
            };
            let Value::Text(text) = v else {
                return Err(Error::new("22004", "FOREACH expression must not be null")
                    .with_context(at(what)));
            };
            let elements = crate::engine::arrays::parse_elements(&text)?;
            for e in elements {
                exec.ctx.cancel.check()?;
                let value = match e {
                    Some(s) => cast(Value::Text(s), &DataType::Text, element, false)?,
                    None => Value::Null,
                };
                frame.assign(None, var, value, element).map_err(|e| e.with_context(at(what)))?;
                if let Some(flow) = after_body(run_block(exec, frame, &l.body)?, &l.label) {
                    return Ok(flow);
                }
            }
            Ok(Flow::Continue)
        }
    }
}

/// The body of a FOR over rows, once per row; FOUND says whether there was one.
fn row_loop(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    l: &PlLoop,
    targets: &[String],
    rows: Option<ResultSet>,
    at: &dyn Fn(&str) -> String,
    what: &str,
) -> Result<Flow> {
    let (columns, data) = rows.map(|r| (r.columns, r.rows)).unwrap_or_default();
    let targets: Vec<(Option<String>, String)> =
        targets.iter().map(|t| (None, t.clone())).collect();
    if let [(None, name)] = targets.as_slice()
        && !frame.vars.contains_key(name)
        && !frame.locals.records.contains_key(name)
    {
        return Err(Error::new(
            "42601",
            "loop variable of loop over rows must be a record variable or list of scalar variables",
        ));
    }
    let found = !data.is_empty();
    let mut result = Flow::Continue;
    for row in &data {
        exec.ctx.cancel.check()?;
        frame.store_row(&targets, &columns, Some(row)).map_err(|e| e.with_context(at(what)))?;
        if let Some(flow) = after_body(run_block(exec, frame, &l.body)?, &l.label) {
            result = flow;
            break;
        }
    }
    frame.vars.insert("found".to_string(), (Value::Bool(found), DataType::Boolean));
    Ok(result)
}

/// The command string of an EXECUTE, parsed, with USING values in place of `$n`.
pub(super) fn dynamic_statement(
    exec: &mut Exec<'_>,
    frame: &Frame,
    command: &Expr,
    using: &[Expr],
) -> Result<(String, Statement)> {
    let (v, ty) = frame.eval(exec, command)?;
    let text = match v {
        Value::Null => {
            return Err(Error::new("22004", "query string argument of EXECUTE is null"));
        }
        v => v.to_text(&ty),
    };
    let mut values = Vec::new();
    for u in using {
        values.push(frame.eval(exec, u)?);
    }
    let trimmed = text.trim().trim_end_matches(';');
    let mut stmt = crate::sql::parse_statement(trimmed).map_err(|e| spi_error(e, &text))?;
    walk::statement(&mut stmt, &mut |x| {
        if let Expr::Param(n) = x {
            let Some((v, ty)) = values.get(n.wrapping_sub(1)) else {
                return Err(Error::new("42P02", format!("there is no parameter ${n}")));
            };
            *x = constant(v, ty);
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok((text, stmt))
}

/// EXECUTE string [INTO ...] [USING ...]: runs as its own query, not seeing the function's
/// variables; sets ROW_COUNT (not FOUND, as in PostgreSQL).
pub(super) fn run_execute(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    command: &Expr,
    into: Option<&Into>,
    using: &[Expr],
    at: &dyn Fn(&str) -> String,
) -> Result<()> {
    let (text, stmt) = dynamic_statement(exec, frame, command, using)
        .map_err(|e| e.with_context(at("EXECUTE")))?;
    let processed_before = std::mem::take(&mut exec.processed);
    let rows =
        run_own_query(exec, &stmt).map_err(|e| spi_error(e, &text).with_context(at("EXECUTE")))?;
    frame.locals.row_count = match &rows {
        Some(r) => r.rows.len() as u64,
        None => exec.processed,
    };
    exec.processed = processed_before;
    if let Some(into) = into {
        frame.store_into(into, rows).map_err(|e| e.with_context(at("EXECUTE")))?;
    }
    Ok(())
}

/// Does a handler's condition catch an error with this SQLSTATE? OTHERS catches everything but
/// a cancel; a class code (`23000`) catches its class.
fn catches(condition: &str, sqlstate: &str) -> bool {
    let code = match condition {
        "others" => return sqlstate != "57014",
        name => condition_code(name).unwrap_or(name),
    };
    if sqlstate == "57014" && condition != "query_canceled" {
        return false;
    }
    code == sqlstate || (code.ends_with("000") && sqlstate.starts_with(&code[..2]))
}

/// A nested block: its variables, its statements, and when an EXCEPTION handler catches an
/// error, the block's changes undone (a subtransaction rolled back) before the handler runs.
pub(super) fn run_nested(exec: &mut Exec<'_>, frame: &mut Frame, b: &PlNested) -> Result<Flow> {
    let shadowed = frame.declare(exec, &b.declarations)?;
    let result = if b.handlers.is_empty() {
        run_block(exec, frame, &b.body)
    } else {
        let undo_len = exec.txn.undo.mark();
        exec.txn.deferred.mark();
        let deferred = exec.txn.deferred.clone();
        let modes = exec.txn.modes.clone();
        let vars_before = frame.vars.clone();
        match run_block(exec, frame, &b.body) {
            Err(e) => match b
                .handlers
                .iter()
                .find(|h| h.conditions.iter().any(|c| catches(c, e.sqlstate())))
            {
                None => Err(e),
                Some(h) => {
                    while exec.txn.undo.len() > undo_len {
                        if let Some(u) = exec.txn.undo.pop() {
                            exec.db.apply_undo(u);
                        }
                    }
                    exec.txn.deferred = deferred;
                    exec.txn.modes = modes;
                    // Variables keep the values they had when the error struck; only the
                    // names the block declared are the block's.
                    let _ = vars_before;
                    let saved =
                        (frame.vars.get("sqlstate").cloned(), frame.vars.get("sqlerrm").cloned());
                    let text = |s: &str| (Value::Text(s.to_string()), DataType::Text);
                    frame.vars.insert("sqlstate".to_string(), text(e.sqlstate()));
                    frame.vars.insert("sqlerrm".to_string(), text(&e.message));
                    frame.locals.caught.push(e);
                    let result = run_block(exec, frame, &h.body);
                    frame.locals.caught.pop();
                    for (name, v) in [("sqlstate", saved.0), ("sqlerrm", saved.1)] {
                        match v {
                            Some(v) => frame.vars.insert(name.to_string(), v),
                            None => frame.vars.remove(name),
                        };
                    }
                    result
                }
            },
            ok => ok,
        }
    };
    frame.restore(shadowed);
    match result? {
        Flow::Exit { label: Some(l), continue_loop: false } if Some(&l) == b.label.as_ref() => {
            Ok(Flow::Continue)
        }
        flow => Ok(flow),
    }
}

/// CASE: the first WHEN that matches runs; none and no ELSE is error 20000.
pub(super) fn run_case(
    exec: &mut Exec<'_>,
    frame: &mut Frame,
    subject: Option<&Expr>,
    branches: &[(Vec<Expr>, Vec<crate::sql::plpgsql::PlStmt>)],
    otherwise: Option<&Vec<crate::sql::plpgsql::PlStmt>>,
    at: &dyn Fn(&str) -> String,
) -> Result<Flow> {
    let subject = match subject {
        Some(s) => Some(frame.eval(exec, s).map_err(|e| e.with_context(at("CASE")))?),
        None => None,
    };
    for (values, body) in branches {
        for v in values {
            let cond = match &subject {
                Some((sv, sty)) => Expr::Binary {
                    op: BinaryOp::Eq,
                    left: Box::new(constant(sv, sty)),
                    right: Box::new(v.clone()),
                    pos: None,
                },
                None => v.clone(),
            };
            let (t, _) = frame.eval(exec, &cond).map_err(|e| e.with_context(at("CASE")))?;
            if truth(&t) == Some(true) {
                return run_block(exec, frame, body);
            }
        }
    }
    match otherwise {
        Some(body) => run_block(exec, frame, body),
        None => Err(Error::new("20000", "case not found")
            .with_hint("CASE statement is missing ELSE part.")
            .with_context(at("CASE"))),
    }
}

/// GET [STACKED] DIAGNOSTICS.
pub(super) fn get_diagnostics(
    frame: &mut Frame,
    stacked: bool,
    items: &[(String, String)],
    at: &dyn Fn(&str) -> String,
) -> Result<()> {
    for (target, item) in items {
        let (v, ty) = if stacked {
            let Some(e) = frame.locals.caught.last() else {
                return Err(Error::new(
                    "0Z002",
                    "GET STACKED DIAGNOSTICS cannot be used outside an exception handler",
                )
                .with_context(at("GET STACKED DIAGNOSTICS")));
            };
            let text = match item.as_str() {
                "returned_sqlstate" => e.sqlstate().to_string(),
                "message_text" => e.message.clone(),
                "pg_exception_detail" => e.detail.clone().unwrap_or_default(),
                "pg_exception_hint" => e.hint.clone().unwrap_or_default(),
                "pg_exception_context" => e.context.join("\n"),
                _ => String::new(),
            };
            (Value::Text(text), DataType::Text)
        } else {
            match item.as_str() {
                "row_count" => (Value::Int(frame.locals.row_count as i64), DataType::BigInt),
                _ => (Value::Text(String::new()), DataType::Text),
            }
        };
        let what = if stacked { "GET STACKED DIAGNOSTICS" } else { "GET DIAGNOSTICS" };
        frame.assign(None, target, v, &ty).map_err(|e| e.with_context(at(what)))?;
    }
    Ok(())
}

/// `RAISE;`: the error the innermost running handler caught.
pub(super) fn reraise(frame: &Frame, at: &dyn Fn(&str) -> String) -> Error {
    match frame.locals.caught.last() {
        Some(e) => e.clone(),
        None => Error::new(
            "0Z002",
            "RAISE without parameters cannot be used outside an exception handler",
        )
        .with_context(at("RAISE")),
    }
}

/// USING ERRCODE's value: a condition name or a five-character SQLSTATE.
pub(super) fn errcode(code: &str) -> Result<&str> {
    if let Some(c) = condition_code(code) {
        return Ok(c);
    }
    if code.len() == 5 && code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        return Ok(code);
    }
    if code.len() == 5 {
        return Err(Error::new("42601", format!("invalid SQLSTATE code \"{code}\"")));
    }
    Err(Error::new("42704", format!("unrecognized exception condition \"{code}\"")))
}
