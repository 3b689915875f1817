//! CALL: runs a procedure (stored as a void function) through its call as a query, drops the
//! row, and words a missing one as PostgreSQL does (`procedure p(integer) does not exist`).

use crate::engine::exec::Exec;
use crate::engine::session::run_own_query;
use crate::error::Result;
use crate::render::psql::ResultSet;
use crate::sql::ast::{Query, Statement};

/// `CALL p(args)`.
pub fn call(exec: &mut Exec<'_>, q: &Query) -> Result<Option<ResultSet>> {
    let stmt = Statement::Query(q.clone());
    // The query reads `SELECT` where the statement says `CALL`: positions move back by two.
    let result = run_own_query(exec, &stmt).map_err(|mut e| {
        e.position = e.position.map(|p| p.saturating_sub(2).max(1));
        e
    });
    match result {
        Ok(_) => Ok(None),
        Err(mut e) if e.sqlstate() == "42883" && e.message.starts_with("function ") => {
            e.message = format!("procedure {}", &e.message["function ".len()..]);
            if e.hint.is_some() {
                e.hint = Some(
                    "No procedure matches the given name and argument types. You might need to add explicit type casts."
                        .to_string(),
                );
            }
            Err(e)
        }
        Err(e) => Err(e),
    }
}
