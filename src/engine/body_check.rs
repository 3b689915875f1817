//! What CREATE FUNCTION, CREATE PROCEDURE and DO check in a body before it runs, as
//! PostgreSQL does when `check_function_bodies` is on.

use crate::engine::database::Database;
use crate::error::{Error, Result};
use crate::sql::plpgsql::{PlBlock, PlKind, PlStmt, VarShape};

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
