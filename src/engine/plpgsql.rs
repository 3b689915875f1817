//! Runs PL/pgSQL: trigger functions, functions with arguments and DO blocks — NEW/OLD, arguments
//! and variables put into statements as values, IF/RAISE/RETURN/assignment/`INTO`, SQL
//! statements with their own after-trigger queue, and PostgreSQL's `CONTEXT:` lines on errors.

use std::collections::HashMap;

use crate::engine::builtins::signature as call_signature;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, Scope};
use crate::engine::routines::{Function, Trigger, TriggerOp, function_label, in_function_context};
use crate::engine::session::run_own_query;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Notice, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Expr, Literal, Statement};
use crate::sql::ast::{FunctionBody, Returns};
use crate::sql::plpgsql::{PlBlock, PlKind, PlStmt, RaiseLevel};
use crate::sql::walk;

pub(crate) mod control;
mod returns;
pub(crate) use control::Locals;

/// How deep trigger functions may call each other before PostgreSQL's stack limit would stop them.
const MAX_DEPTH: usize = 64;

/// A running function's state.
pub(crate) struct Frame {
    /// The trigger's table columns: names and types of NEW and OLD.
    columns: Vec<(String, DataType)>,
    /// NEW (None: not assigned, as in a DELETE trigger).
    new: Option<Vec<Value>>,
    /// OLD.
    old: Option<Vec<Value>>,
    /// Declared variables and TG_* values.
    vars: HashMap<String, (Value, DataType)>,
    /// `PL/pgSQL function public.f()` as PostgreSQL names it in CONTEXT.
    signature: String,
    /// What RETURN gives: a row (trigger functions), a value of this type, or nothing (void).
    returns: Returns,
    /// Record variables, the errors handlers caught, ROW_COUNT.
    locals: Locals,
}

/// What a statement list ended with.
enum Flow {
    /// Fell off the end.
    Continue,
    /// RETURN in a trigger function, with the row it names (None for NULL).
    Return(Option<Vec<Value>>),
    /// RETURN in any other function, with its value (NULL for void).
    ReturnValue(Value),
    /// EXIT or CONTINUE, leaving statements until the loop (or block) it names.
    Exit {
        /// The label it names (the innermost loop when None).
        label: Option<String>,
        /// CONTINUE: the loop goes on with its next round.
        continue_loop: bool,
    },
}

impl Frame {
    fn record(&self, name: &str) -> Option<&Option<Vec<Value>>> {
        match name {
            "new" => Some(&self.new),
            "old" => Some(&self.old),
            _ => None,
        }
    }

    /// Replaces NEW.x, OLD.x and variables in `e` by their values.
    fn substitute(&self, e: &mut Expr) -> Result<bool> {
        let Expr::Column { table, name, .. } = e else { return Ok(false) };
        let replacement = match table.as_deref() {
            Some(rec) => match self.record(rec) {
                None => match self.record_field(rec, name) {
                    Some(r) => r?,
                    None => return Ok(false),
                },
                Some(None) => {
                    return Err(Error::new(
                        "55000",
                        format!("record \"{rec}\" is not assigned yet"),
                    )
                    .with_detail(
                        "The tuple structure of a not-yet-assigned record is indeterminate.",
                    ));
                }
                Some(Some(values)) => {
                    let i = self.columns.iter().position(|(c, _)| c == name).ok_or_else(|| {
                        Error::new("42703", format!("record \"{rec}\" has no field \"{name}\""))
                    })?;
                    constant(&values[i], &self.columns[i].1)
                }
            },
            None => match self.vars.get(name.as_str()) {
                Some((v, ty)) => constant(v, ty),
                // NEW or OLD as a whole: NULL where there is none (a statement-level trigger,
                // OLD of an INSERT), else the row as record_out writes it.
                None => match self.record(name) {
                    None => match self.locals.records.get(name.as_str()) {
                        Some(Some((fields, values))) => constant(
                            &Value::Text(crate::engine::fnresult::record_text(values, fields)),
                            &DataType::Text,
                        ),
                        // An unassigned record as a whole is NULL.
                        Some(None) => constant(&Value::Null, &DataType::Text),
                        None => return Ok(false),
                    },
                    Some(None) => constant(&Value::Null, &DataType::Text),
                    Some(Some(values)) => constant(
                        &Value::Text(crate::engine::fnresult::record_text(values, &self.columns)),
                        &DataType::Text,
                    ),
                },
            },
        };
        *e = replacement;
        Ok(true)
    }

    /// Replaces NEW.x, OLD.x, variables and `$n` in `e` by their values.
    fn substitute_all(&self, e: &mut Expr) -> Result<bool> {
        if let Expr::Param(n) = e {
            let Some((v, ty)) = self.vars.get(&format!("${n}")) else {
                return Err(Error::new("42P02", format!("there is no parameter ${n}")));
            };
            *e = constant(v, ty);
            return Ok(true);
        }
        self.substitute(e)
    }

    /// Evaluates an expression of the function (a condition, a RAISE argument, a value).
    fn eval(&self, exec: &mut Exec<'_>, e: &Expr) -> Result<(Value, DataType)> {
        let mut e = e.clone();
        walk::expr(&mut e, &mut |x| self.substitute_all(x))?;
        crate::engine::rls::secure_subqueries(exec, &mut e)?;
        crate::engine::fncall::expand_expr(exec, &mut e)?;
        crate::engine::subquery::materialize_expr(exec.db, &exec.ctx, &mut e)?;
        let (bound, ty) = Binder::default().bind(&e, &Scope::default())?;
        Ok((eval(&bound, &[], &[], &exec.ctx)?, ty))
    }

    /// Sets a variable or a field of NEW/OLD to a value, cast to its type.
    fn assign(&mut self, record: Option<&str>, name: &str, v: Value, ty: &DataType) -> Result<()> {
        match record {
            Some(rec) if rec != "new" && rec != "old" && self.locals.records.contains_key(rec) => {
                if let Some(r) = self.assign_field(rec, name, v, ty) {
                    r?;
                }
            }
            Some(rec) => {
                let i = self.columns.iter().position(|(c, _)| c == name).ok_or_else(|| {
                    Error::new("42703", format!("record \"{rec}\" has no field \"{name}\""))
                })?;
                let v = cast(v, ty, &self.columns[i].1, false)?;
                let slot = match rec {
                    "new" => &mut self.new,
                    "old" => &mut self.old,
                    _ => {
                        return Err(Error::new(
                            "42P01",
                            format!("missing FROM-clause entry for table \"{rec}\""),
                        ));
                    }
                };
                match slot {
                    Some(values) => values[i] = v,
                    None => {
                        return Err(Error::new(
                            "55000",
                            format!("record \"{rec}\" is not assigned yet"),
                        ));
                    }
                }
            }
            None => {
                let Some((_, target)) = self.vars.get(name).cloned() else {
                    return Err(Error::new("42601", format!("\"{name}\" is not a known variable")));
                };
                let v = cast(v, ty, &target, false)?;
                self.vars.insert(name.to_string(), (v, target));
            }
        }
        Ok(())
    }
}

/// `public.f(integer)` or `f(integer)`: qualified when its schema is not on the search path in
/// force.
fn signature(exec: &Exec<'_>, f: &Function) -> String {
    let name = function_label(exec.db, &(f.schema.clone(), f.name.clone()), None);
    // format_procedure separates the argument types with a bare comma.
    call_signature(&name, &f.arg_types()).replace(", ", ",")
}

/// Does the trigger's WHEN condition hold for these row images?
pub fn when_holds(
    exec: &mut Exec<'_>,
    t: &Trigger,
    old: Option<&[Value]>,
    new: Option<&[Value]>,
) -> Result<bool> {
    let Some(cond) = &t.when else { return Ok(true) };
    let table = exec.db.table(t.table)?;
    let frame = Frame {
        columns: table.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect(),
        new: new.map(<[Value]>::to_vec),
        old: old.map(<[Value]>::to_vec),
        vars: HashMap::new(),
        signature: String::new(),
        returns: Returns::Trigger,
        locals: Locals::default(),
    };
    Ok(truth(&frame.eval(exec, cond)?.0) == Some(true))
}

/// The name, schema and columns of the relation a trigger is on (a table, or an INSTEAD OF
/// trigger's view).
fn trigger_relation(
    db: &crate::engine::database::Database,
    t: &Trigger,
) -> Result<(String, String, crate::engine::rules::Columns)> {
    if let Some((schema, name)) = &t.view {
        let v = db.views.get(schema, name).ok_or_else(|| Error::undefined_table(name))?;
        return Ok((name.clone(), schema.clone(), v.columns.clone()));
    }
    let table = db.table(t.table)?;
    let columns = table.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect();
    Ok((table.name.clone(), table.schema.clone(), columns))
}

/// Calls a trigger's function for one row. Returns the row it returned (RETURN NEW / OLD), or
/// None for RETURN NULL.
pub fn run_trigger(
    exec: &mut Exec<'_>,
    t: &Trigger,
    op: TriggerOp,
    old: Option<&[Value]>,
    new: Option<&[Value]>,
) -> Result<Option<Vec<Value>>> {
    let function = exec.db.functions.get(&t.function).cloned().ok_or_else(|| {
        Error::new("42883", format!("function {}.{}() does not exist", t.function.0, t.function.1))
    })?;
    let (table_name, table_schema, columns) = trigger_relation(exec.db, t)?;
    let mut vars = HashMap::new();
    let text = |s: &str| (Value::Text(s.to_string()), DataType::Text);
    vars.insert("tg_op".to_string(), text(op.name()));
    vars.insert("tg_name".to_string(), text(&t.name));
    vars.insert("tg_table_name".to_string(), text(&table_name));
    vars.insert("tg_relname".to_string(), text(&table_name));
    vars.insert("tg_table_schema".to_string(), text(&table_schema));
    let timing = match (t.before, t.view.is_some() && t.row) {
        (true, _) => "BEFORE",
        (false, true) => "INSTEAD OF",
        (false, false) => "AFTER",
    };
    vars.insert("tg_when".to_string(), text(timing));
    vars.insert("tg_level".to_string(), text(if t.row { "ROW" } else { "STATEMENT" }));
    vars.insert("tg_nargs".to_string(), (Value::Int(t.args.len() as i64), DataType::Integer));
    for (i, a) in t.args.iter().enumerate() {
        vars.insert(format!("tg_argv[{i}]"), text(a));
    }
    let (trace_name, trace_table, depth) =
        (t.name.clone(), table_name.clone(), exec.cascade_depth + exec.trigger_depth);
    exec.trace.emit(|| crate::trace::TraceEvent::Trigger {
        name: trace_name,
        table: trace_table,
        timing,
        op: op.name(),
        depth,
    });
    let mut frame = Frame {
        columns,
        new: new.map(<[Value]>::to_vec),
        old: old.map(<[Value]>::to_vec),
        vars,
        signature: String::new(),
        returns: Returns::Trigger,
        locals: Locals::default(),
    };
    let deferred = exec.txn.deferred.mark();
    let result = crate::engine::procedures::with_atomic(exec, true, |exec| {
        run_function(exec, &function, &mut frame)
    })
    .and_then(|flow| match flow {
        Flow::Return(row) => Ok(row),
        _ => Err(Error::new("2F005", "control reached end of trigger procedure without RETURN")
            .with_context(format!("PL/pgSQL function {}", frame.signature))),
    });
    // A foreign key the function's statements broke, now or at COMMIT: the trigger is a link
    // of the chain.
    let cause = crate::error::Cause::Trigger {
        trigger: t.name.clone(),
        function: frame.signature.clone(),
        table: table_name,
        timing,
        op: op.name(),
    };
    if exec.txn.deferred.len() > deferred {
        crate::engine::ri_chain::remember_deferred(exec, deferred, std::slice::from_ref(&cause));
    }
    result.map_err(|e| e.with_cause(|| cause))
}

/// Calls a PL/pgSQL function with argument values (already of its argument types).
pub fn call_function(exec: &mut Exec<'_>, function: &Function, args: Vec<Value>) -> Result<Value> {
    let (flow, frame) = start_function(exec, function, args)?;
    match flow {
        Flow::ReturnValue(v) => Ok(v),
        _ if frame.returns == Returns::Void => Ok(Value::Null),
        _ if frame.locals.outputs.len() == 1 => Ok(frame.output_row().remove(0)),
        _ => Err(Error::new("2F005", "control reached end of function without RETURN")
            .with_context(format!("PL/pgSQL function {}", frame.signature))),
    }
}

/// Calls a PL/pgSQL function that returns rows: what RETURN NEXT and RETURN QUERY gave, or the
/// row of its OUT arguments (or of its RETURN).
pub fn call_function_rows(
    exec: &mut Exec<'_>,
    function: &Function,
    args: Vec<Value>,
) -> Result<Vec<Vec<Value>>> {
    let (flow, mut frame) = start_function(exec, function, args)?;
    let set = crate::engine::fnresult::returns_set(function);
    if set || !frame.locals.result_rows.is_empty() {
        return Ok(std::mem::take(&mut frame.locals.result_rows));
    }
    if !frame.locals.outputs.is_empty() {
        return Ok(vec![frame.output_row()]);
    }
    match flow {
        Flow::ReturnValue(_) => Ok(Vec::new()),
        _ => Err(Error::new("2F005", "control reached end of function without RETURN")
            .with_context(format!("PL/pgSQL function {}", frame.signature))),
    }
}

/// Runs a function with its arguments and OUT variables set: how it ended, and its frame.
fn start_function(
    exec: &mut Exec<'_>,
    function: &Function,
    args: Vec<Value>,
) -> Result<(Flow, Frame)> {
    let mut vars = HashMap::new();
    for (i, (a, v)) in function.args.iter().zip(args).enumerate() {
        if let Some(name) = &a.name {
            vars.insert(name.clone(), (v.clone(), a.data_type.clone()));
        }
        vars.insert(format!("${}", i + 1), (v, a.data_type.clone()));
    }
    let mut frame = Frame {
        columns: Vec::new(),
        new: None,
        old: None,
        vars,
        signature: String::new(),
        returns: function.returns.clone(),
        locals: Locals::default(),
    };
    frame.declare_outputs(function);
    let flow = run_function(exec, function, &mut frame)?;
    Ok((flow, frame))
}

/// Runs a DO block.
pub fn run_do(exec: &mut Exec<'_>, block: &PlBlock) -> Result<()> {
    crate::engine::body_check::check_plpgsql(exec.db, block)?;
    let function = Function {
        schema: String::new(),
        name: String::new(),
        search_path: None,
        security_definer: false,
        stable: false,
        strict: false,
        owner: String::new(),
        args: Vec::new(),
        declared: Vec::new(),
        returns: Returns::Void,
        body: FunctionBody::PlPgSql(block.clone()),
        procedure: false,
    };
    let mut frame = Frame {
        columns: Vec::new(),
        new: None,
        old: None,
        vars: HashMap::new(),
        signature: "inline_code_block".to_string(),
        returns: Returns::Void,
        locals: Locals::default(),
    };
    run_function(exec, &function, &mut frame).map(|_| ())
}

/// Runs a function's body in `frame`: its search path and (SECURITY DEFINER) role in force,
/// its variables initialised.
fn run_function(exec: &mut Exec<'_>, function: &Function, frame: &mut Frame) -> Result<Flow> {
    let FunctionBody::PlPgSql(body) = &function.body else {
        return Err(Error::internal("an SQL function reached the PL/pgSQL interpreter"));
    };
    if exec.trigger_depth >= MAX_DEPTH {
        return Err(Error::new("54001", "stack depth limit exceeded")
            .with_hint("Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the platform's stack depth limit is adequate."));
    }
    in_function_context(exec, function, |exec| {
        // CONTEXT lines name the function as seen from its own search path.
        if !function.name.is_empty() {
            frame.signature = signature(exec, function);
        }
        frame.vars.insert("found".to_string(), (Value::Bool(false), DataType::Boolean));
        exec.trigger_depth += 1;
        let result = (|| {
            frame.declare(exec, &body.declarations)?;
            run_block(exec, frame, &body.body)
        })();
        exec.trigger_depth -= 1;
        result
    })
}

fn run_block(exec: &mut Exec<'_>, frame: &mut Frame, body: &[PlStmt]) -> Result<Flow> {
    for stmt in body {
        let signature = frame.signature.clone();
        let at =
            |what: &str| format!("PL/pgSQL function {} line {} at {what}", signature, stmt.line);
        match &stmt.kind {
            PlKind::Null => {}
            PlKind::Loop(l) => match control::run_loop(exec, frame, l, &at)? {
                Flow::Continue => {}
                flow => return Ok(flow),
            },
            PlKind::Block(b) => match control::run_nested(exec, frame, b)? {
                Flow::Continue => {}
                flow => return Ok(flow),
            },
            PlKind::Exit { label, continue_loop, when } => {
                let go = match when {
                    Some(cond) => {
                        let what = if *continue_loop { "CONTINUE" } else { "EXIT" };
                        let (v, _) =
                            frame.eval(exec, cond).map_err(|e| e.with_context(at(what)))?;
                        truth(&v) == Some(true)
                    }
                    None => true,
                };
                if go {
                    return Ok(Flow::Exit { label: label.clone(), continue_loop: *continue_loop });
                }
            }
            PlKind::Case { subject, branches, otherwise } => {
                match control::run_case(
                    exec,
                    frame,
                    subject.as_ref(),
                    branches,
                    otherwise.as_ref(),
                    &at,
                )? {
                    Flow::Continue => {}
                    flow => return Ok(flow),
                }
            }
            PlKind::GetDiagnostics { stacked, items } => {
                control::get_diagnostics(frame, *stacked, items, &at)?;
            }
            PlKind::Execute { command, into, using } => {
                control::run_execute(exec, frame, command, into.as_ref(), using, &at)?;
            }
            PlKind::Transaction { commit } => {
                crate::engine::procedures::end_transaction(exec, *commit)
                    .map_err(|e| e.with_context(at(if *commit { "COMMIT" } else { "ROLLBACK" })))?
            }
            PlKind::ReturnNext(expr) => returns::return_next(exec, frame, expr.as_ref())
                .map_err(|e| e.with_context(at("RETURN NEXT")))?,
            PlKind::ReturnQuery { query, text } => returns::return_query(exec, frame, query, text)
                .map_err(|e| e.with_context(at("RETURN QUERY")))?,
            PlKind::ReturnQueryExecute { command, using } => {
                returns::return_query_execute(exec, frame, command, using)
                    .map_err(|e| e.with_context(at("RETURN QUERY")))?
            }
            PlKind::Return(expr) if frame.returns != Returns::Trigger => {
                let set = matches!(
                    &frame.returns,
                    Returns::SetOf(_) | Returns::Rows(crate::sql::ast::RowType { set: true, .. })
                );
                let value = match (expr, &frame.returns) {
                    (None, Returns::Void) => Value::Null,
                    (Some(_), Returns::Void) => {
                        return Err(Error::new(
                            "42804",
                            "RETURN cannot have a parameter in function returning void",
                        )
                        .with_context(at("RETURN")));
                    }
                    (Some(_), _) if !frame.locals.outputs.is_empty() => {
                        return Err(Error::new(
                            "42804",
                            "RETURN cannot have a parameter in function with OUT parameters",
                        )
                        .with_context(at("RETURN")));
                    }
                    (Some(_), _) if set => {
                        return Err(Error::new(
                            "42804",
                            "RETURN cannot have a parameter in function returning set",
                        )
                        .with_hint("Use RETURN NEXT or RETURN QUERY.")
                        .with_context(at("RETURN")));
                    }
                    (None, _) if frame.locals.outputs.len() == 1 => frame.output_row().remove(0),
                    (None, _) => Value::Null,
                    (Some(e), Returns::Rows(_)) => {
                        returns::return_row(exec, frame, e)
                            .map_err(|e| e.with_context(at("RETURN")))?;
                        Value::Null
                    }
                    (Some(e), returns) => {
                        let (v, ty) =
                            frame.eval(exec, e).map_err(|e| e.with_context(at("RETURN")))?;
                        match returns {
                            Returns::Value(target) => cast(v, &ty, target, false)
                                .map_err(|e| e.with_context(at("RETURN")))?,
                            _ => v,
                        }
                    }
                };
                return Ok(Flow::ReturnValue(value));
            }
            PlKind::Return(expr) => {
                let row = match expr {
                    None => None,
                    Some(Expr::Column { table: None, name, .. })
                        if frame.record(name).is_some() =>
                    {
                        frame.record(name).cloned().flatten()
                    }
                    Some(Expr::Literal(Literal::Null)) => None,
                    Some(_) => return Err(Error::new(
                        "42804",
                        "cannot return non-composite value from function returning composite type",
                    )
                    .with_context(at("RETURN"))),
                };
                return Ok(Flow::Return(row));
            }
            PlKind::If { branches, otherwise } => {
                let mut chosen = None;
                for (cond, body) in branches {
                    let (v, _) = frame.eval(exec, cond).map_err(|e| e.with_context(at("IF")))?;
                    if truth(&v) == Some(true) {
                        chosen = Some(body);
                        break;
                    }
                }
                match run_block(exec, frame, chosen.unwrap_or(otherwise))? {
                    Flow::Continue => {}
                    flow => return Ok(flow),
                }
            }
            PlKind::Assign { record, name, expr } => {
                let (v, ty) =
                    frame.eval(exec, expr).map_err(|e| e.with_context(at("assignment")))?;
                frame
                    .assign(record.as_deref(), name, v, &ty)
                    .and_then(|()| match record {
                        None => frame.check_domain(exec, name),
                        Some(_) => Ok(()),
                    })
                    .map_err(|e| e.with_context(at("assignment")))?;
            }
            PlKind::Reraise => return Err(control::reraise(frame, &at)),
            PlKind::Raise { level, format, args, using } => {
                let mut values = Vec::new();
                for a in args {
                    let (v, ty) = frame.eval(exec, a).map_err(|e| e.with_context(at("RAISE")))?;
                    values.push(if v.is_null() { "<NULL>".to_string() } else { v.to_text(&ty) });
                }
                let mut text_of = |e: &Option<Expr>| -> Result<Option<String>> {
                    let Some(e) = e else { return Ok(None) };
                    let (v, ty) = frame.eval(exec, e).map_err(|e| e.with_context(at("RAISE")))?;
                    if v.is_null() {
                        return Err(Error::new("22004", "RAISE option cannot be null")
                            .with_context(at("RAISE")));
                    }
                    Ok(Some(v.to_text(&ty)))
                };
                let (detail, hint) = (text_of(&using.detail)?, text_of(&using.hint)?);
                let (errcode, message_option) =
                    (text_of(&using.errcode)?, text_of(&using.message)?);
                let message = message_option.unwrap_or_else(|| render_format(format, &values));
                match level {
                    RaiseLevel::Exception => {
                        let mut e = Error::new("P0001", message).with_context(at("RAISE"));
                        if let Some(code) = &errcode {
                            e = e.with_code(
                                control::errcode(code).map_err(|e| e.with_context(at("RAISE")))?,
                            );
                        }
                        e.detail = detail;
                        e.hint = hint;
                        return Err(e);
                    }
                    RaiseLevel::Debug => {}
                    other => {
                        let mut n = match other {
                            RaiseLevel::Info => Notice::info(message),
                            RaiseLevel::Warning => Notice::warning(message),
                            _ => Notice::notice(message),
                        };
                        n.detail = detail;
                        n.hint = hint;
                        exec.notices.push(n);
                    }
                }
            }
            PlKind::Perform { query, text } => {
                let mut stmt = Statement::Query((**query).clone());
                let rows = run_sql(exec, frame, &mut stmt)
                    .map_err(|e| spi_error(e, text).with_context(at("PERFORM")))?;
                let found = rows.is_some_and(|r| !r.rows.is_empty());
                frame.vars.insert("found".to_string(), (Value::Bool(found), DataType::Boolean));
            }
            PlKind::Sql { statement, text, into } => {
                if matches!(**statement, Statement::Query(_)) && into.is_none() {
                    return Err(Error::new("42601", "query has no destination for result data")
                        .with_hint(
                            "If you want to discard the results of a SELECT, use PERFORM instead.",
                        )
                        .with_context(at("SQL statement")));
                }
                let mut stmt = (**statement).clone();
                let processed_before = std::mem::take(&mut exec.processed);
                let rows = run_sql(exec, frame, &mut stmt)
                    .map_err(|e| spi_error(e, text).with_context(at("SQL statement")))?;
                frame.locals.row_count = match &rows {
                    Some(r) => r.rows.len() as u64,
                    None => exec.processed,
                };
                let found = frame.locals.row_count > 0;
                exec.processed = processed_before;
                frame.vars.insert("found".to_string(), (Value::Bool(found), DataType::Boolean));
                if let Some(into) = into {
                    frame
                        .store_into(into, rows)
                        .map_err(|e| e.with_context(at("SQL statement")))?;
                }
            }
        }
    }
    Ok(Flow::Continue)
}

/// Puts the frame's values into an SQL statement of the function and runs it as its own query.
fn run_sql(exec: &mut Exec<'_>, frame: &Frame, stmt: &mut Statement) -> Result<Option<ResultSet>> {
    walk::statement(stmt, &mut |x| frame.substitute_all(x))?;
    run_own_query(exec, stmt)
}

/// What PostgreSQL's SPI error callback does to an error from a function's query: a position
/// becomes an internal position in that query; without one, the query becomes a CONTEXT line.
fn spi_error(mut e: Error, text: &str) -> Error {
    match e.position.take() {
        Some(p) if e.internal.is_none() => {
            e.internal = Some((text.to_string(), p));
            e
        }
        _ => e.with_context(format!("SQL statement \"{text}\"")),
    }
}

/// RAISE's format: each `%` takes the next argument, `%%` is a percent sign.
fn render_format(format: &str, args: &[String]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if chars.peek() == Some(&'%') {
                chars.next();
                out.push('%');
            } else {
                out.push_str(args.next().map(String::as_str).unwrap_or(""));
            }
        } else {
            out.push(c);
        }
    }
    out
}
