//! Calls of functions the expression engine does not evaluate itself, resolved when a
//! statement starts: user SQL functions whose body is one expression are inlined (as
//! PostgreSQL's planner inlines them, so they see each row); other user functions run once with
//! their constant arguments (a STABLE one with per-row arguments once per distinct argument
//! list, see `fnrows.rs`); the functions that read or change the session (`current_setting`,
//! `set_config`, `current_user`, ...) are put in as values; extension functions map to the
//! built-ins that do the same.

use crate::engine::builtins;
use crate::engine::database::Database;
use crate::engine::eval::eval;
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, Scope};
use crate::engine::overload;
use crate::engine::query::column_name;
use crate::engine::roles;
use crate::engine::routines::Function;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::sql::ast::{
    Expr, FromItem, FunctionBody, Query, QueryBody, Returns, SelectItem, Statement,
};
use crate::sql::walk;

/// How deep inlined functions may nest (a function calling itself would never end).
const MAX_DEPTH: usize = 64;

/// Functions of installed extensions, by extension: (name, the built-in that does the same).
const EXTENSION_FUNCTIONS: &[(&str, &[(&str, &str)])] = &[
    ("uuid-ossp", &[("uuid_generate_v4", "gen_random_uuid")]),
    ("pgcrypto", &[("gen_random_uuid", "gen_random_uuid")]),
];

/// What a call names.
pub(crate) enum Target {
    /// A built-in the binder evaluates (or refuses) itself.
    Builtin,
    /// A function reading or changing the session.
    Session,
    /// A function of an extension, done by this built-in.
    Alias(&'static str),
    /// A user-defined function, by (schema, name).
    User((String, String)),
}

const SESSION_FUNCTIONS: &[&str] = &[
    "current_setting",
    "set_config",
    "current_user",
    "current_role",
    "session_user",
    "user",
    "pg_notify",
    "pg_get_serial_sequence",
];

pub(crate) fn classify(db: &Database, schema: Option<&str>, name: &str) -> Target {
    if matches!(schema, None | Some("pg_catalog")) && SESSION_FUNCTIONS.contains(&name) {
        return Target::Session;
    }
    for (ext, functions) in EXTENSION_FUNCTIONS {
        let Some(ext_schema) = db.admin.extensions.get(*ext) else { continue };
        let visible = match schema {
            Some(s) => s == ext_schema,
            None => db.search_path.contains(ext_schema),
        };
        if let Some((_, builtin)) = functions.iter().find(|(f, _)| *f == name).filter(|_| visible) {
            return Target::Alias(builtin);
        }
    }
    let key = match schema {
        Some("pg_catalog") => return Target::Builtin,
        Some(s) => Some((s.to_string(), name.to_string())),
        // pg_catalog comes first on every search path: a built-in name is the built-in.
        None if builtins::is_postgres_function(name) => return Target::Builtin,
        None => db
            .search_path
            .iter()
            .find_map(|s| overload::family(db, s, name).first().map(|(k, _)| (*k).clone())),
    };
    // A qualified name may be one of several overloads.
    let key = key.and_then(|k| overload::family(db, &k.0, &k.1).first().map(|(k, _)| (*k).clone()));
    match key {
        Some(k) => Target::User(k),
        None => Target::Builtin,
    }
}

/// `e` with each call of a user or session function replaced by a NULL of its result type,
/// and each extension function by the built-in that does it: what an expression stored now
/// (a policy, a CHECK, a DEFAULT) is bound with, before any call can run.
pub fn stand_in_calls(db: &Database, e: &Expr) -> Result<Expr> {
    let mut e = e.clone();
    walk::expr(&mut e, &mut |x| {
        let Expr::Function { schema, name, .. } = x else { return Ok(false) };
        let ty = match classify(db, schema.as_deref(), name) {
            Target::Builtin => return Ok(false),
            Target::Alias(builtin) => {
                *schema = None;
                *name = builtin.to_string();
                return Ok(false);
            }
            Target::Session => DataType::Text,
            Target::User(key) => match db.functions.get(&key).map(|f| &f.returns) {
                Some(Returns::Value(ty)) => ty.clone(),
                _ => DataType::Text,
            },
        };
        *x = constant(&Value::Null, &ty);
        Ok(true)
    })?;
    Ok(e)
}

/// True when `e` holds a call this module resolves.
fn has_calls(exec: &Exec<'_>, e: &mut Expr) -> Result<bool> {
    let mut found = false;
    walk::expr(e, &mut |x| {
        if let Expr::Function { schema, name, .. } = x {
            found |= !matches!(classify(exec.db, schema.as_deref(), name), Target::Builtin);
        }
        Ok(found)
    })?;
    Ok(found)
}

/// The statement with the calls this module resolves put in, or None when it has none.
pub fn expand(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<Statement>> {
    if !crate::engine::subquery::worth_rewriting(stmt) || nothing_to_resolve(stmt) {
        return Ok(None);
    }
    let mut copy = stmt.clone();
    let from_calls = crate::engine::fnresult::expand_statement(exec, &mut copy)?;
    // FROM subqueries and WITH queries run as queries of their own: their calls first.
    let nested = match &mut copy {
        Statement::Query(q) => expand_nested(exec, q)?,
        Statement::Insert(i) => match &mut i.source {
            crate::sql::ast::InsertSource::Query(q) => expand_nested(exec, q)?,
            _ => false,
        },
        _ => false,
    };
    let mut found = false;
    walk::statement(&mut copy, &mut |x| {
        found = found || has_calls(exec, x)?;
        Ok(true)
    })?;
    if !found {
        return Ok((from_calls || nested).then_some(copy));
    }
    if let Statement::Query(q) = &mut copy {
        name_call_columns(exec, q)?;
    }
    let base = crate::engine::fnrows::base_table(exec, &copy);
    walk::statement(&mut copy, &mut |x| visit(exec, x, 0, &base))?;
    Ok(Some(copy))
}

/// True when `expand` would find nothing to do, seen without a copy of the statement: no call
/// and no subquery in its expressions, no WITH query, and only tables in its FROM lists (the
/// places `fnresult` and `expand_nested` look for calls to resolve).
fn nothing_to_resolve(stmt: &Statement) -> bool {
    fn tables_only(item: &FromItem) -> bool {
        match item {
            FromItem::Table { .. } => true,
            FromItem::Join { left, right, .. } => tables_only(left) && tables_only(right),
            FromItem::Subquery { .. } | FromItem::Function { .. } => false,
        }
    }
    fn plain_query(q: &Query) -> bool {
        q.with.is_empty()
            && match &q.body {
                QueryBody::Select(s) => s.from.iter().all(tables_only),
                QueryBody::SetOp { left, right, .. } => plain_query(left) && plain_query(right),
                QueryBody::Values(_) => true,
            }
    }
    let plain = match stmt {
        Statement::Query(q) => plain_query(q),
        Statement::Insert(i) => match &i.source {
            crate::sql::ast::InsertSource::Query(q) => plain_query(q),
            _ => true,
        },
        _ => true,
    };
    let mut found = false;
    let walked = walk::read::statement(stmt, &mut |e| {
        found |= matches!(
            e,
            Expr::Function { .. }
                | Expr::Exists { .. }
                | Expr::Subquery(_)
                | Expr::InSubquery { .. }
                | Expr::Correlated(_)
        );
        Ok(found)
    });
    plain && walked.is_ok() && !found
}

/// A select-list call keeps the name PostgreSQL gives its column.
fn name_call_columns(exec: &Exec<'_>, q: &mut Query) -> Result<()> {
    if let QueryBody::Select(s) = &mut q.body {
        for item in &mut s.items {
            if let SelectItem::Expr { expr, alias: alias @ None } = item
                && has_calls(exec, expr)?
            {
                *alias = Some(column_name(expr));
            }
        }
    }
    Ok(())
}

/// Resolves the calls of the WITH queries and FROM subqueries of `q`, at any depth; true when
/// one had any.
fn expand_nested(exec: &mut Exec<'_>, q: &mut Query) -> Result<bool> {
    let mut changed = false;
    for cte in &mut q.with {
        changed |= expand_own_query(exec, &mut cte.query)?;
    }
    match &mut q.body {
        QueryBody::Select(s) => {
            for item in &mut s.from {
                changed |= expand_from_item(exec, item)?;
            }
        }
        QueryBody::SetOp { left, right, .. } => {
            changed |= expand_nested(exec, left)?;
            changed |= expand_nested(exec, right)?;
        }
        QueryBody::Values(_) => {}
    }
    Ok(changed)
}

fn expand_from_item(exec: &mut Exec<'_>, item: &mut FromItem) -> Result<bool> {
    match item {
        FromItem::Subquery { query, .. } => expand_own_query(exec, query),
        FromItem::Join { left, right, .. } => {
            Ok(expand_from_item(exec, left)? | expand_from_item(exec, right)?)
        }
        FromItem::Table { .. } | FromItem::Function { .. } => Ok(false),
    }
}

/// A query that runs on its own (a FROM subquery, a WITH query) with its calls resolved.
fn expand_own_query(exec: &mut Exec<'_>, q: &mut Query) -> Result<bool> {
    let nested = expand_nested(exec, q)?;
    let mut found = false;
    walk::query(q, &mut |x| {
        found = found || has_calls(exec, x)?;
        Ok(true)
    })?;
    if !found {
        return Ok(nested);
    }
    name_call_columns(exec, q)?;
    walk::query(q, &mut |x| visit(exec, x, 0, &None))?;
    Ok(true)
}

/// Resolves the calls in one expression (a DEFAULT, a policy, a PL/pgSQL expression).
pub fn expand_expr(exec: &mut Exec<'_>, e: &mut Expr) -> Result<()> {
    if has_calls(exec, e)? { walk::expr(e, &mut |x| visit(exec, x, 0, &None)) } else { Ok(()) }
}

/// The table a statement's rows come from, when it has one (see `fnrows`).
type Base = Option<(crate::engine::catalog::TableId, String)>;

fn visit(exec: &mut Exec<'_>, e: &mut Expr, depth: usize, base: &Base) -> Result<bool> {
    let Expr::Function { schema, name, args, pos, .. } = e else { return Ok(false) };
    for a in args.iter_mut() {
        walk::expr(a, &mut |x| visit(exec, x, depth, base))?;
    }
    let replacement = match classify(exec.db, schema.as_deref(), name) {
        Target::Builtin => return Ok(true),
        Target::Alias(builtin) => {
            *schema = None;
            *name = builtin.to_string();
            return Ok(true);
        }
        Target::Session => {
            let values = constant_args(exec, args, name)?;
            let (v, ty) = session_function(exec, name, &values)?;
            constant(&v, &ty)
        }
        Target::User(key) => {
            let key = overload::choose(exec.db, &key, args, *pos)?;
            let Some(f) = exec.db.functions.get(&key).cloned() else { return Ok(true) };
            if let FunctionBody::Aggregate(def) = &f.body {
                crate::engine::user_aggregate::rewrite_call(exec.db, def, args, name)?;
                *schema = None;
                return Ok(true);
            }
            if depth >= MAX_DEPTH {
                return Err(Error::new("54001", "stack depth limit exceeded"));
            }
            if f.procedure {
                return Err(Error::new(
                    "42809",
                    format!("{} is a procedure", call_signature_of(&f)),
                )
                .with_hint("To call a procedure, use CALL.")
                .at(*pos));
            }
            if crate::engine::fnresult::returns_rows(&f) {
                *e = record_call(exec, &f, args, *pos)?;
                return Ok(true);
            }
            let args = full_args(&f, args, *pos)?;
            match inline_body(&f) {
                Some(body) => {
                    let mut body = body.clone();
                    walk::expr(&mut body, &mut |x| substitute(x, &f, &args))?;
                    let mut out = match &f.returns {
                        Returns::Value(ty) => {
                            Expr::Cast { expr: Box::new(body), to: ty.clone(), pos: None }
                        }
                        _ => body,
                    };
                    walk::expr(&mut out, &mut |x| visit(exec, x, depth + 1, base))?;
                    out
                }
                None => match constant_args(exec, &args, &f.name) {
                    Ok(values) => {
                        let mut typed = Vec::new();
                        for (((v, ty), a), e) in values.into_iter().zip(&f.args).zip(&args) {
                            typed.push(cast_arg(v, &ty, &a.data_type, e)?);
                        }
                        let v = call(exec, &f, typed)?;
                        match &f.returns {
                            Returns::Value(ty) => constant(&v, ty),
                            _ => constant(&Value::Null, &DataType::Text),
                        }
                    }
                    Err(e) => match base {
                        Some(base) if f.stable && e.sqlstate() == "0A000" => {
                            crate::engine::fnrows::per_row(exec, &f, &args, base)?
                        }
                        _ => return Err(e),
                    },
                },
            }
        }
    };
    *e = replacement;
    Ok(true)
}

/// The user function a call names, when it names one.
pub fn user_function(
    db: &Database,
    schema: Option<&str>,
    name: &str,
    args: &[Expr],
    pos: crate::sql::ast::Pos,
) -> Result<Option<Function>> {
    match classify(db, schema, name) {
        Target::User(key) => Ok(db.functions.get(&overload::choose(db, &key, args, pos)?).cloned()),
        _ => Ok(None),
    }
}

/// `f(integer)`: the function's name and argument types, as PostgreSQL's messages write it.
pub fn call_signature_of(f: &Function) -> String {
    builtins::signature(&f.name, &f.arg_types())
}

/// The values of a call's arguments (defaults filled in, cast to the argument types); they
/// must not differ from row to row.
pub fn call_values(
    exec: &mut Exec<'_>,
    f: &Function,
    written: &[Expr],
    pos: crate::sql::ast::Pos,
) -> Result<Vec<Value>> {
    let args = prepared_args(exec, f, written, pos)?;
    let values = constant_args(exec, &args, &f.name)?;
    let mut typed = Vec::new();
    for (((v, ty), a), e) in values.into_iter().zip(&f.args).zip(&args) {
        typed.push(cast_arg(v, &ty, &a.data_type, e)?);
    }
    Ok(typed)
}

/// A call's arguments in declaration order (defaults filled in), the calls in them resolved.
pub fn prepared_args(
    exec: &mut Exec<'_>,
    f: &Function,
    written: &[Expr],
    pos: crate::sql::ast::Pos,
) -> Result<Vec<Expr>> {
    let mut args = full_args(f, written, pos)?;
    for a in &mut args {
        walk::expr(a, &mut |x| visit(exec, x, 1, &None))?;
    }
    Ok(args)
}

/// An argument's value cast to the declared type; a string literal that is no value of it is
/// pointed at, as PostgreSQL points at it.
fn cast_arg(v: Value, ty: &DataType, to: &DataType, written: &Expr) -> Result<Value> {
    cast(v, ty, to, false).map_err(|e| match written {
        Expr::Literal(crate::sql::ast::Literal::String(_, pos)) => e.at(*pos),
        _ => e,
    })
}

/// A call of a function returning one row, in an expression: the row as a record's text. A
/// set-returning one is taken only as a select-list item of its own (see `fnresult`).
fn record_call(
    exec: &mut Exec<'_>,
    f: &Function,
    written: &[Expr],
    pos: crate::sql::ast::Pos,
) -> Result<Expr> {
    if crate::engine::fnresult::returns_set(f) {
        return Err(Error::unsupported(format!(
            "calling the set-returning function {}() inside an expression is not supported by fksim",
            f.name
        ))
        .at(pos));
    }
    let values = call_values(exec, f, written, pos)?;
    let (rows, columns) = crate::engine::fnresult::call_rows_as(exec, f, values, None)?;
    let row = rows.into_iter().next().unwrap_or_default();
    if row.iter().all(Value::is_null) && matches!(f.returns, Returns::Rows(_)) {
        return Ok(constant(&Value::Null, &DataType::Text));
    }
    Ok(constant(
        &Value::Text(crate::engine::fnresult::record_text(&row, &columns)),
        &DataType::Text,
    ))
}

/// The call's arguments with the defaults of those it leaves out; PostgreSQL's 42883 when the
/// count fits no declaration.
fn full_args(f: &Function, written: &[Expr], pos: crate::sql::ast::Pos) -> Result<Vec<Expr>> {
    if f.returns == Returns::Trigger {
        return Err(Error::unsupported("trigger functions can only be called as triggers")
            .with_context(format!("compilation of PL/pgSQL function \"{}\" near line 1", f.name)));
    }
    let args = &positional(f, &pack_variadic(f, written), pos)?;
    let required = f.args.iter().take_while(|a| a.default.is_none()).count();
    // Only an argument that does not depend on a row has a type before the statement runs.
    let fits = args.iter().zip(&f.args).all(|(a, d)| {
        Binder::default()
            .bind(a, &Scope::default())
            .ok()
            .is_none_or(|(_, t)| castable(&t, &d.data_type))
    });
    if args.len() > f.args.len() || args.len() < required || !fits {
        return Err(no_such_call(f, written, pos));
    }
    let mut out = args.to_vec();
    out.extend(f.args[args.len()..].iter().filter_map(|a| a.default.clone()));
    Ok(out)
}

/// A call of a VARIADIC function with its trailing arguments gathered into the array its last
/// argument takes (`f(1, 2, 3)` → `f(ARRAY[1, 2, 3])`).
fn pack_variadic(f: &Function, written: &[Expr]) -> Vec<Expr> {
    let fixed = f.args.len().saturating_sub(1);
    let variadic = f.args.last().is_some_and(|a| a.mode == crate::sql::ast::ArgMode::Variadic);
    if !variadic
        || written.len() <= fixed
        || written.iter().any(|a| matches!(a, Expr::NamedArg { .. }))
    {
        return written.to_vec();
    }
    let mut out = written[..fixed].to_vec();
    out.push(Expr::Function {
        schema: None,
        name: "array".to_string(),
        args: written[fixed..].to_vec(),
        star: false,
        distinct: false,
        pos: None,
    });
    out
}

/// The arguments of a call in declaration order: those given by name (`a => 1`, after the
/// positional ones) go to their place; the missing ones before the last given take their
/// defaults.
fn positional(f: &Function, args: &[Expr], pos: crate::sql::ast::Pos) -> Result<Vec<Expr>> {
    if !args.iter().any(|a| matches!(a, Expr::NamedArg { .. })) {
        return Ok(args.to_vec());
    }
    let mut slots: Vec<Option<Expr>> = vec![None; f.args.len()];
    for (i, a) in args.iter().enumerate() {
        let (slot, value) = match a {
            Expr::NamedArg { name, value } => {
                match f.args.iter().position(|d| d.name.as_deref() == Some(name.as_str())) {
                    Some(slot) => (slot, (**value).clone()),
                    None => return Err(no_such_call(f, args, pos)),
                }
            }
            positional if i < slots.len() => (i, positional.clone()),
            _ => return Err(no_such_call(f, args, pos)),
        };
        if slots[slot].replace(value).is_some() {
            return Err(no_such_call(f, args, pos));
        }
    }
    let given = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    slots
        .into_iter()
        .zip(&f.args)
        .take(given)
        .map(|(s, d)| s.or_else(|| d.default.clone()).ok_or_else(|| no_such_call(f, args, pos)))
        .collect()
}

/// PostgreSQL's 42883 for a call no declaration of the function takes.
fn no_such_call(f: &Function, args: &[Expr], pos: crate::sql::ast::Pos) -> Error {
    let shown: Vec<DataType> = args
        .iter()
        .map(|a| {
            let a = match a {
                Expr::NamedArg { value, .. } => value,
                other => other,
            };
            Binder::default().bind(a, &Scope::default()).map(|b| b.1).unwrap_or(DataType::Text)
        })
        .collect();
    builtins::unknown_function(None, &f.name, &shown, pos)
}

/// True when a value of type `from` is taken by an argument of type `to` without a cast
/// written (PostgreSQL's implicit casts, as far as fksim's types go).
pub(crate) fn castable(from: &DataType, to: &DataType) -> bool {
    let rank = |t: &DataType| match t {
        DataType::SmallInt => Some(0),
        DataType::Integer => Some(1),
        DataType::BigInt => Some(2),
        DataType::Numeric(_) => Some(3),
        DataType::Real => Some(4),
        DataType::Double => Some(5),
        _ => None,
    };
    let stringy =
        |t: &DataType| matches!(t, DataType::Text | DataType::Varchar(_) | DataType::Char(_));
    *from == DataType::Unknown
        || from.base() == to.base()
        || (stringy(from) && stringy(to))
        || matches!((rank(from), rank(to)), (Some(a), Some(b)) if a <= b)
}

/// An SQL function's body when it is one `SELECT expr` without FROM: what a call inlines to.
pub(crate) fn inline_body(f: &Function) -> Option<&Expr> {
    // PostgreSQL does not inline what must run as another role or with its own settings.
    if f.security_definer || f.search_path.is_some() {
        return None;
    }
    let FunctionBody::Sql(statements) = &f.body else { return None };
    let [(Statement::Query(q), _)] = statements.as_slice() else { return None };
    q.lone_expression().map(|(e, _)| e)
}

/// Puts argument `i` (cast to its declared type) where the body names it or writes `$i`.
pub(crate) fn substitute(e: &mut Expr, f: &Function, args: &[Expr]) -> Result<bool> {
    let index = match e {
        Expr::Param(n) => n.checked_sub(1),
        Expr::Column { table: None, name, .. } => {
            f.args.iter().position(|a| a.name.as_deref() == Some(name.as_str()))
        }
        Expr::Column { table: Some(t), name, .. } if *t == f.name => {
            f.args.iter().position(|a| a.name.as_deref() == Some(name.as_str()))
        }
        _ => None,
    };
    let Some((i, arg)) = index.and_then(|i| args.get(i).map(|a| (i, a))) else { return Ok(false) };
    *e = Expr::Cast { expr: Box::new(arg.clone()), to: f.args[i].data_type.clone(), pos: None };
    Ok(true)
}

/// The values of arguments that must not depend on a row.
fn constant_args(exec: &Exec<'_>, args: &[Expr], function: &str) -> Result<Vec<(Value, DataType)>> {
    let mut out = Vec::new();
    for a in args {
        let (bound, ty) = Binder::default().bind(a, &Scope::default()).map_err(|e| {
            if matches!(e.sqlstate(), "42703" | "42P01") {
                Error::unsupported(format!(
                    "calling {function}() with arguments that differ from row to row is not supported by fksim unless it is STABLE or IMMUTABLE and they come from the statement's one table"
                ))
            } else {
                e
            }
        })?;
        out.push((eval(&bound, &[], &[], &exec.ctx)?, ty));
    }
    Ok(out)
}

/// Calls a user function with argument values of its argument types.
pub fn call(exec: &mut Exec<'_>, f: &Function, args: Vec<Value>) -> Result<Value> {
    crate::engine::procedures::with_atomic(exec, !f.procedure, |exec| call_body(exec, f, args))
}

fn call_body(exec: &mut Exec<'_>, f: &Function, args: Vec<Value>) -> Result<Value> {
    match &f.body {
        FunctionBody::PlPgSql(_) => crate::engine::plpgsql::call_function(exec, f, args),
        FunctionBody::Sql(_) => {
            let last = run_sql_function(exec, f, args)?;
            let first =
                last.and_then(|rs| rs.rows.into_iter().next().map(|r| (r, rs.columns))).and_then(
                    |(row, cols)| Some((row.into_iter().next()?, cols.into_iter().next()?.1)),
                );
            match (&f.returns, first) {
                (Returns::Value(target), Some((v, ty))) => cast(v, &ty, target, false),
                _ => Ok(Value::Null),
            }
        }
        FunctionBody::Aggregate(_) => Err(aggregate_misuse(f)),
        FunctionBody::Unchecked(u) => Err(crate::engine::body_check::unchecked_error(f, u, true)),
    }
}

/// A user aggregate called where only a plain function can run.
pub fn aggregate_misuse(f: &Function) -> Error {
    Error::unsupported(format!(
        "calling aggregate {} outside a query is not supported by fksim",
        f.name
    ))
}

/// Runs an SQL function's statements with argument values; the last one's rows are its result.
pub fn run_sql_function(
    exec: &mut Exec<'_>,
    f: &Function,
    args: Vec<Value>,
) -> Result<Option<crate::render::psql::ResultSet>> {
    let FunctionBody::Sql(statements) = &f.body else {
        return Err(Error::internal("a PL/pgSQL function reached the SQL function runner"));
    };
    let params: Vec<Expr> =
        args.iter().zip(&f.args).map(|(v, a)| constant(v, &a.data_type)).collect();
    crate::engine::routines::in_function_context(exec, f, |exec| {
        run_sql_body(exec, f, statements, &params)
    })
}

/// Runs an SQL function's statements; the last one's rows are the result.
fn run_sql_body(
    exec: &mut Exec<'_>,
    f: &Function,
    statements: &[(Statement, String)],
    params: &[Expr],
) -> Result<Option<crate::render::psql::ResultSet>> {
    let mut last = None;
    for (n, (stmt, _)) in statements.iter().enumerate() {
        let mut stmt = stmt.clone();
        walk::statement_deep(&mut stmt, &mut |x| substitute(x, f, params))?;
        // The function's statements are not the caller's: its command tag counts its own rows.
        let processed = exec.processed;
        let result = crate::engine::session::run_own_query(exec, &stmt);
        exec.processed = processed;
        last = result.map_err(|e| {
            e.with_context(format!("SQL function \"{}\" statement {}", f.name, n + 1))
        })?;
    }
    Ok(last)
}

/// current_setting, set_config, current_user and friends.
fn session_function(
    exec: &mut Exec<'_>,
    name: &str,
    args: &[(Value, DataType)],
) -> Result<(Value, DataType)> {
    let text = |i: usize| match args.get(i) {
        Some((Value::Null, _)) | None => None,
        Some((v, ty)) => Some(v.to_text(ty)),
    };
    match (name, args.len()) {
        ("current_user" | "current_role" | "user", 0) => {
            Ok((Value::Text(roles::current_user(exec.db)), DataType::Text))
        }
        ("session_user", 0) => {
            Ok((Value::Text(crate::engine::admin::SESSION_USER.to_string()), DataType::Text))
        }
        ("current_setting", 1 | 2) => {
            let Some(setting) = text(0) else { return Ok((Value::Null, DataType::Text)) };
            let missing_ok = matches!(args.get(1), Some((Value::Bool(true), _)));
            match exec.db.settings.show(&setting) {
                Ok((_, v)) => Ok((Value::Text(v), DataType::Text)),
                Err(_) if missing_ok => Ok((Value::Null, DataType::Text)),
                Err(e) => Err(e),
            }
        }
        ("set_config", 3) => {
            let (Some(setting), value) = (text(0), text(1).unwrap_or_default()) else {
                return Err(Error::new("22004", "SET requires parameter name"));
            };
            let local = matches!(args.get(2), Some((Value::Bool(true), _)));
            if setting.eq_ignore_ascii_case("role") {
                roles::check_set_role(
                    exec.db,
                    Some(&[crate::engine::settings::SetArg::Str(value.clone())]),
                )?;
            }
            let shown = crate::engine::session::change_settings(exec.db, exec.txn, local, |s| {
                s.set_text(&setting, &value)
            })?;
            Ok((Value::Text(shown), DataType::Text))
        }
        // A notification goes to listeners in other sessions, which an in-memory database
        // has none of; what the caller sees is the void result and the channel check.
        ("pg_notify", 2) if args.iter().all(|(_, ty)| ty.is_text()) => match text(0) {
            Some(channel) if !channel.is_empty() => Ok((Value::Null, DataType::Text)),
            _ => Err(Error::new("22023", "channel name cannot be empty")),
        },
        ("pg_get_serial_sequence", 2) => match (text(0), text(1)) {
            (Some(table), Some(column)) => {
                let owned = crate::engine::sequences::owned_by_column(exec.db, &table, &column)?;
                Ok((owned.map_or(Value::Null, Value::Text), DataType::Text))
            }
            _ => Ok((Value::Null, DataType::Text)),
        },
        _ => {
            let types: Vec<DataType> = args.iter().map(|a| a.1.clone()).collect();
            Err(builtins::unknown_function(None, name, &types, None))
        }
    }
}
