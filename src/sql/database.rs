//! CREATE / DROP / ALTER DATABASE as pg_dump's `-C` and `--clean` preambles write them, read
//! from tokens (sqlparser lacks PostgreSQL's `WITH TEMPLATE = ... LOCALE_PROVIDER = ...`).

use crate::error::{Error, Result};
use crate::sql::ast::Statement;
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the database statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let stmt = if c.eat_all(&["create", "database"]) {
        // The options (template, encoding, locale, owner, ...) change nothing fksim shows.
        c.ident().map(|name| {
            while !c.at_end() {
                c.advance();
            }
            Statement::CreateDatabase { name: name.name }
        })
    } else if c.eat_all(&["drop", "database"]) {
        let if_exists = c.eat_all(&["if", "exists"]);
        c.ident().and_then(|name| {
            if c.eat("with") {
                c.skip_parens()?;
            }
            Ok(Statement::DropDatabase { name: name.name, if_exists })
        })
    } else if c.is_word("alter") && c.is_word_at(1, "database") && c.is_word_at(3, "owner") {
        c.eat_all(&["alter", "database"]);
        c.ident().and_then(|name| {
            c.expect("owner")?;
            c.expect("to")?;
            let role = c.ident()?;
            Ok(Statement::AlterDatabaseOwner { name: name.name, role: Some(role.name) })
        })
    } else if c.is_word("alter")
        && c.is_word_at(1, "database")
        && (c.is_word_at(3, "set") || c.is_word_at(3, "reset"))
    {
        // A default for the database's later sessions: this one is not changed.
        c.eat_all(&["alter", "database"]);
        c.ident().map(|name| {
            while !c.at_end() {
                c.advance();
            }
            Statement::AlterDatabaseOwner { name: name.name, role: None }
        })
    } else {
        return None;
    };
    Some(stmt.and_then(|s| c.finish().map(|()| s)))
}

/// `\connect` to a database this session does not know: psql's words (it then gives up on a
/// script).
pub fn connect_failure(name: &str) -> Error {
    Error::new(
        "3D000",
        format!(
            "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{name}\" does not exist"
        ),
    )
}
