//! What CREATE FUNCTION, CREATE PROCEDURE and DO check in a body before it runs, as
//! PostgreSQL does when `check_function_bodies` is on.

use crate::engine::database::Database;
use crate::engine::dml::target_columns;
use crate::engine::exec::Exec;
use crate::engine::fncall::{Target, classify, substitute};
use crate::engine::routines::Function;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, FunctionBody, Returns, Statement};
use crate::sql::ast_routine::UncheckedBody;
use crate::sql::plpgsql::{PlBlock, PlKind, PlStmt, VarShape, shift_position};
use crate::sql::walk;

/// Is `check_function_bodies` on (the default; pg_dump turns it off)?
pub fn bodies_checked(db: &Database) -> bool {
    db.settings.show("check_function_bodies").is_ok_and(|(_, v)| v == "on")
}

/// Compiles a PL/pgSQL body as PostgreSQL's validator does: the types its DECLARE sections
/// name must exist (names inside its SQL are looked up only when it runs). An error points
/// at the type inside the statement.
pub fn check_plpgsql(db: &Database, block: &PlBlock) -> Result<()> {
    check_declarations(db, block, &block.declarations)?;
    check_statements(db, block, &block.body)
}

fn check_declarations(
    db: &Database,
    block: &PlBlock,
    declarations: &[crate::sql::plpgsql::PlVar],
) -> Result<()> {
    for v in declarations {
        if let VarShape::RowOf(table, at) = &v.shape {
            let name = crate::engine::plpgsql::control::object_name(table);
            if db.resolve(&name).is_err() {
                return Err(Error::new("42704", format!("type \"{table}\" does not exist"))
                    .at(Some(block.offset + at)));
            }
        }
    }
    Ok(())
}

fn check_statements(db: &Database, block: &PlBlock, body: &[PlStmt]) -> Result<()> {
    for s in body {
        if let PlKind::Block(nested) = &s.kind {
            check_declarations(db, block, &nested.declarations)?;
            check_statements(db, block, &nested.body)?;
        }
    }
    Ok(())
}

/// The errors PostgreSQL's parse analysis raises for a name or a type; a body's other
/// failures (division by zero, a missing row, what fksim's planner does not show) can only
/// happen when it runs.
const ANALYSIS_ERRORS: [&str; 8] =
    ["42P01", "42703", "42883", "42702", "42725", "3F000", "42704", "42804"];

/// Analyses a LANGUAGE sql body as PostgreSQL's validator does: every table, column and
/// function its statements name must exist — nothing runs. `body_at[i]` is where statement
/// `i` starts in the CREATE text, where the error points.
pub fn check_sql(exec: &mut Exec<'_>, f: &Function, body_at: &[usize]) -> Result<()> {
    let FunctionBody::Sql(statements) = &f.body else { return Ok(()) };
    // An argument stands for a value of its type, any one: NULL is.
    let params: Vec<Expr> = f.args.iter().map(|a| constant(&Value::Null, &a.data_type)).collect();
    crate::engine::routines::in_function_context(exec, f, |exec| {
        for (i, (stmt, _)) in statements.iter().enumerate() {
            let mut stmt = stmt.clone();
            walk::statement_deep(&mut stmt, &mut |x| substitute(x, f, &params))?;
            walk::statement_deep(&mut stmt, &mut |x| stand_in(exec.db, x))?;
            match analyse(exec, &stmt) {
                Err(e) if ANALYSIS_ERRORS.contains(&e.sqlstate()) => {
                    return Err(match body_at.get(i) {
                        Some(at) => shift_position(e, *at),
                        None => e.without_position(),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    })
}

/// A call the binder does not resolve itself (a user or session function) becomes a value of
/// its result type: it exists, and analysing must not run it.
fn stand_in(db: &Database, e: &mut Expr) -> Result<bool> {
    let Expr::Function { schema, name, .. } = e else { return Ok(false) };
    let result = match classify(db, schema.as_deref(), name) {
        Target::Builtin => return Ok(false),
        Target::Alias(builtin) => {
            *schema = None;
            *name = builtin.to_string();
            return Ok(false);
        }
        Target::Session => DataType::Text,
        Target::User((schema, name)) => {
            match crate::engine::overload::family(db, &schema, &name)
                .first()
                .map(|(_, f)| &f.returns)
            {
                Some(Returns::Value(t)) => t.clone(),
                _ => DataType::Text,
            }
        }
    };
    *e = constant(&Value::Null, &result);
    Ok(true)
}

/// Binds one statement of a body without running it: the plan EXPLAIN makes, and the columns
/// an INSERT or UPDATE writes.
fn analyse(exec: &Exec<'_>, stmt: &Statement) -> Result<()> {
    let written = match stmt {
        Statement::Insert(i) => Some((&i.table, i.columns.clone())),
        Statement::Update(u) => {
            Some((&u.table, u.assignments.iter().map(|(c, _)| c.clone()).collect()))
        }
        _ => None,
    };
    if let Some((table, columns)) = written {
        let t = exec.db.table(exec.db.resolve(table)?)?;
        if let Err(e) = target_columns(t, &columns)
            && e.sqlstate() == "42703"
        {
            return Err(e);
        }
    }
    crate::engine::explain::plan_statement(exec.db, &exec.ctx, stmt).map(|_| ())
}

/// What calling a body stored unchecked (`check_function_bodies = off`) raises: its compile
/// error, pointing into the body as PostgreSQL's first call does. `scalar`: called in an
/// expression, where PostgreSQL tries to inline an SQL function.
pub fn unchecked_error(f: &Function, u: &UncheckedBody, scalar: bool) -> Error {
    let mut e = u.error.clone();
    let at = e.position.take();
    if let Some(p) = at {
        e.internal = Some((u.text.clone(), p));
    }
    if u.sql {
        let inlined = scalar && !f.security_definer && f.search_path.is_none();
        let when = if inlined { "inlining" } else { "startup" };
        e.with_context(format!("SQL function \"{}\" during {when}", f.name))
    } else {
        let line = 1 + u.text.chars().take(at.unwrap_or(0)).filter(|c| *c == '\n').count();
        e.with_context(format!("compilation of PL/pgSQL function \"{}\" near line {line}", f.name))
    }
}
