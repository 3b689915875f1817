//! CALL: runs a procedure with its argument values, refuses a function (`f(integer) is not a
//! procedure`), and words a missing one as PostgreSQL does (`procedure p(integer) does not
//! exist`).

use crate::engine::exec::Exec;
use crate::engine::fncall::{call as call_function, call_signature_of, call_values, user_function};
use crate::engine::session::run_own_query;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{Expr, Query, QueryBody, SelectItem, Statement};

/// `CALL p(args)`, read as the query `SELECT p(args)`.
pub fn call(exec: &mut Exec<'_>, q: &Query) -> Result<Option<ResultSet>> {
    if let QueryBody::Select(s) = &q.body
        && let [SelectItem::Expr { expr: Expr::Function { schema, name, args, pos, .. }, .. }] =
            s.items.as_slice()
        && let Some(f) =
            user_function(exec.db, schema.as_deref(), name, args, *pos).map_err(as_procedure)?
    {
        if !f.procedure {
            return Err(Error::new(
                "42809",
                format!("{} is not a procedure", call_signature_of(&f)),
            )
            .with_hint("To call a function, use SELECT.")
            .at(pos.map(call_position)));
        }
        let values = call_values(exec, &f, args, *pos).map_err(as_procedure)?;
        if f.declared.iter().any(|a| a.mode.is_output()) {
            // INOUT arguments: CALL returns their values as a row.
            let rows = crate::engine::fnresult::call_rows(exec, &f, values)?;
            let columns = crate::engine::fnresult::output_columns(&f);
            return Ok(Some(ResultSet { columns, rows }));
        }
        call_function(exec, &f, values)?;
        return Ok(None);
    }
    let stmt = Statement::Query(q.clone());
    run_own_query(exec, &stmt).map(|_| None).map_err(as_procedure)
}

/// The query reads `SELECT` where the statement says `CALL`: positions move back by two.
fn call_position(p: usize) -> usize {
    p.saturating_sub(2).max(1)
}

/// An error of the call's query as the CALL's: its position, and "procedure" where it says
/// "function".
fn as_procedure(mut e: Error) -> Error {
    e.position = e.position.map(call_position);
    if e.sqlstate() == "42883" && e.message.starts_with("function ") {
        e.message = format!("procedure {}", &e.message["function ".len()..]);
        if e.hint.is_some() {
            e.hint = Some(
                "No procedure matches the given name and argument types. You might need to add explicit type casts."
                    .to_string(),
            );
        }
    }
    e
}

/// Runs `run` with transaction control refused inside it when `atomic` (a function or a
/// trigger runs atomically; a procedure keeps its caller's context).
pub fn with_atomic<T>(
    exec: &mut Exec<'_>,
    atomic: bool,
    run: impl FnOnce(&mut Exec<'_>) -> Result<T>,
) -> Result<T> {
    let saved = exec.atomic;
    exec.atomic |= atomic;
    let result = run(exec);
    exec.atomic = saved;
    result
}

/// `COMMIT` / `ROLLBACK` in a procedure or DO block: ends the transaction (its deferred checks
/// run first at COMMIT) and the rest of the procedure runs in a new one. Refused inside a
/// transaction block or a function, as PostgreSQL refuses it.
pub fn end_transaction(exec: &mut Exec<'_>, commit: bool) -> Result<()> {
    if exec.atomic || exec.txn.in_block {
        return Err(Error::new("2D000", "invalid transaction termination"));
    }
    if commit {
        if !exec.txn.deferred.is_empty() {
            crate::engine::ri::fire_deferred(exec, true, "COMMIT")?;
        }
    } else {
        while let Some(u) = exec.txn.undo.pop() {
            exec.db.apply_undo(u);
        }
    }
    if let Some(mut before) = exec.txn.local_settings.take() {
        before.keep_placeholders(&exec.db.settings);
        exec.db.replace_settings(*before);
    }
    let xid = exec.txn.xid;
    *exec.txn = crate::engine::exec::Transaction { xid, ..Default::default() };
    Ok(())
}
