//! Runs PL/pgSQL trigger functions: NEW/OLD and variables put into statements as values,
//! IF/RAISE/RETURN/assignment, SQL statements with their own after-trigger queue, and
//! PostgreSQL's `CONTEXT:` lines on errors.

use std::collections::HashMap;

use crate::engine::eval::{eval, truth};
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, Scope};
use crate::engine::routines::{Function, Trigger, TriggerOp};
use crate::engine::session::run_statement;
use crate::engine::triggers::fire_queued;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{Expr, Literal, Statement};
use crate::sql::plpgsql::{PlKind, PlStmt, RaiseLevel};
use crate::sql::walk;

/// How deep trigger functions may call each other before PostgreSQL's stack limit would stop them.
const MAX_DEPTH: usize = 64;

/// A running function's state.
struct Frame {
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
}

/// What a statement list ended with.
enum Flow {
    /// Fell off the end.
    Continue,
    /// RETURN with the row it names (None for NULL).
    Return(Option<Vec<Value>>),
}

/// A value as an expression the binder reads back exactly.
fn value_expr(v: &Value, ty: &DataType) -> Expr {
    if v.is_null() {
        Expr::Cast { expr: Box::new(Expr::Literal(Literal::Null)), to: ty.clone(), pos: None }
    } else {
        Expr::Literal(Literal::Typed(ty.clone(), v.to_text(ty)))
    }
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
                None => return Ok(false),
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
                    value_expr(&values[i], &self.columns[i].1)
                }
            },
            None => match self.vars.get(name.as_str()) {
                Some((v, ty)) => value_expr(v, ty),
                None => return Ok(false),
            },
        };
        *e = replacement;
        Ok(true)
    }

    /// Evaluates an expression of the function (a condition, a RAISE argument, a value).
    fn eval(&self, exec: &Exec<'_>, e: &Expr) -> Result<(Value, DataType)> {
        let mut e = e.clone();
        walk::expr(&mut e, &mut |x| self.substitute(x))?;
        let (bound, ty) = Binder::default().bind(&e, &Scope::default())?;
        Ok((eval(&bound, &[], &[], &exec.ctx)?, ty))
    }
}

/// `public.f()` or `f()`: qualified when its schema is not on the search path in force.
fn signature(exec: &Exec<'_>, f: &Function) -> String {
    if exec.db.search_path.contains(&f.schema) {
        format!("{}()", f.name)
    } else {
        format!("{}.{}()", f.schema, f.name)
    }
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
    };
    Ok(truth(&frame.eval(exec, cond)?.0) == Some(true))
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
    if exec.trigger_depth >= MAX_DEPTH {
        return Err(Error::new("54001", "stack depth limit exceeded")
            .with_hint("Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the platform's stack depth limit is adequate."));
    }
    let table = exec.db.table(t.table)?;
    let mut vars = HashMap::new();
    vars.insert("tg_op".to_string(), (Value::Text(op.name().to_string()), DataType::Text));
    vars.insert("tg_name".to_string(), (Value::Text(t.name.clone()), DataType::Text));
    vars.insert("tg_table_name".to_string(), (Value::Text(table.name.clone()), DataType::Text));
    vars.insert("tg_table_schema".to_string(), (Value::Text(table.schema.clone()), DataType::Text));
    vars.insert(
        "tg_when".to_string(),
        (Value::Text(if t.before { "BEFORE" } else { "AFTER" }.to_string()), DataType::Text),
    );
    let columns = table.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect();
    let table_name = table.name.clone();
    let (trace_name, trace_table, depth) =
        (t.name.clone(), table.name.clone(), exec.cascade_depth + exec.trigger_depth);
    let timing = if t.before { "BEFORE" } else { "AFTER" };
    exec.trace.emit(|| crate::trace::TraceEvent::Trigger {
        name: trace_name,
        table: trace_table,
        timing,
        op: op.name(),
        depth,
    });
    let saved_path = exec.db.search_path.clone();
    if let Some(path) = &function.search_path {
        exec.db.search_path = path.clone();
    }
    let mut frame = Frame {
        columns,
        new: new.map(<[Value]>::to_vec),
        old: old.map(<[Value]>::to_vec),
        vars,
        signature: signature(exec, &function),
    };
    exec.trigger_depth += 1;
    let deferred = exec.txn.deferred.mark();
    let result = (|| {
        for v in &function.body.declarations {
            let value = match &v.default {
                Some(e) => {
                    let (val, ty) = frame.eval(exec, e).map_err(|e| e.with_context(format!("PL/pgSQL function {} during statement block local variable initialization", frame.signature)))?;
                    cast(val, &ty, &v.data_type, false)?
                }
                None => Value::Null,
            };
            frame.vars.insert(v.name.clone(), (value, v.data_type.clone()));
        }
        match run_block(exec, &mut frame, &function.body.body)? {
            Flow::Return(row) => Ok(row),
            Flow::Continue => {
                Err(Error::new("2F005", "control reached end of trigger procedure without RETURN")
                    .with_context(format!("PL/pgSQL function {}", frame.signature)))
            }
        }
    })();
    exec.trigger_depth -= 1;
    exec.db.search_path = saved_path;
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

fn run_block(exec: &mut Exec<'_>, frame: &mut Frame, body: &[PlStmt]) -> Result<Flow> {
    for stmt in body {
        let at = |what: &str| {
            format!("PL/pgSQL function {} line {} at {what}", frame.signature, stmt.line)
        };
        match &stmt.kind {
            PlKind::Null => {}
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
                if let Flow::Return(row) = run_block(exec, frame, chosen.unwrap_or(otherwise))? {
                    return Ok(Flow::Return(row));
                }
            }
            PlKind::Assign { record, name, expr } => {
                let (v, ty) =
                    frame.eval(exec, expr).map_err(|e| e.with_context(at("assignment")))?;
                match record {
                    Some(rec) => {
                        let i =
                            frame.columns.iter().position(|(c, _)| c == name).ok_or_else(|| {
                                Error::new(
                                    "42703",
                                    format!("record \"{rec}\" has no field \"{name}\""),
                                )
                                .with_context(at("assignment"))
                            })?;
                        let target = frame.columns[i].1.clone();
                        let v = cast(v, &ty, &target, false)
                            .map_err(|e| e.with_context(at("assignment")))?;
                        let slot = match rec.as_str() {
                            "new" => &mut frame.new,
                            "old" => &mut frame.old,
                            _ => {
                                return Err(Error::new(
                                    "42P01",
                                    format!("missing FROM-clause entry for table \"{rec}\""),
                                )
                                .with_context(at("assignment")));
                            }
                        };
                        match slot {
                            Some(values) => values[i] = v,
                            None => {
                                return Err(Error::new(
                                    "55000",
                                    format!("record \"{rec}\" is not assigned yet"),
                                )
                                .with_context(at("assignment")));
                            }
                        }
                    }
                    None => {
                        let Some((_, target)) = frame.vars.get(name).cloned() else {
                            return Err(Error::new(
                                "42601",
                                format!("\"{name}\" is not a known variable"),
                            )
                            .with_context(at("assignment")));
                        };
                        let v = cast(v, &ty, &target, false)
                            .map_err(|e| e.with_context(at("assignment")))?;
                        frame.vars.insert(name.clone(), (v, target));
                    }
                }
            }
            PlKind::Raise { level, format, args, detail, hint, errcode } => {
                let mut values = Vec::new();
                for a in args {
                    let (v, ty) = frame.eval(exec, a).map_err(|e| e.with_context(at("RAISE")))?;
                    values.push(if v.is_null() { "<NULL>".to_string() } else { v.to_text(&ty) });
                }
                let message = render_format(format, &values);
                match level {
                    RaiseLevel::Exception => {
                        let mut e = Error::new("P0001", message).with_context(at("RAISE"));
                        if let Some(code) = errcode {
                            e = e.with_code(code);
                        }
                        e.detail = detail.clone();
                        e.hint = hint.clone();
                        return Err(e);
                    }
                    RaiseLevel::Debug => {}
                    other => {
                        let mut n = match other {
                            RaiseLevel::Info => Notice::info(message),
                            RaiseLevel::Warning => Notice::warning(message),
                            _ => Notice::notice(message),
                        };
                        n.detail = detail.clone();
                        n.hint = hint.clone();
                        exec.notices.push(n);
                    }
                }
            }
            PlKind::Perform { query, text } => {
                let mut stmt = Statement::Query((**query).clone());
                run_sql(exec, frame, &mut stmt)
                    .map_err(|e| spi_error(e, text).with_context(at("PERFORM")))?;
            }
            PlKind::Sql { statement, text } => {
                if matches!(**statement, Statement::Query(_)) {
                    return Err(Error::new("42601", "query has no destination for result data")
                        .with_hint(
                            "If you want to discard the results of a SELECT, use PERFORM instead.",
                        )
                        .with_context(at("SQL statement")));
                }
                let mut stmt = (**statement).clone();
                run_sql(exec, frame, &mut stmt)
                    .map_err(|e| spi_error(e, text).with_context(at("SQL statement")))?;
            }
        }
    }
    Ok(Flow::Continue)
}

/// Runs an SQL statement of the function as its own query: its after-trigger queue (foreign-key
/// checks included) fires when it ends, inside the function.
fn run_sql(exec: &mut Exec<'_>, frame: &Frame, stmt: &mut Statement) -> Result<()> {
    walk::statement(stmt, &mut |x| frame.substitute(x))?;
    let outer = std::mem::take(&mut exec.queue);
    let outer_origins = std::mem::take(&mut exec.origins);
    let result = run_statement(exec, stmt).and_then(|_| fire_queued(exec));
    exec.queue = outer;
    exec.origins = outer_origins;
    result.map(|_| ())
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
