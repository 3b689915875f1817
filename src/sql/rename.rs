//! Parses the renames and moves sqlparser does not read as PostgreSQL writes them:
//! `ALTER INDEX [IF EXISTS] name RENAME TO new` and `ALTER TABLE ... SET SCHEMA s`.

use crate::error::Result;
use crate::sql::ast::{AlterOp, Statement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the statements this module owns; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    if !c.eat("alter") {
        return None;
    }
    if c.eat("index") {
        let if_exists = c.eat_all(&["if", "exists"]);
        let index = c.object_name().ok()?;
        if !c.eat_all(&["rename", "to"]) {
            return None;
        }
        return Some(c.ident().and_then(|to| {
            c.finish()?;
            Ok(Statement::AlterIndexRename { index, to: to.name, if_exists })
        }));
    }
    if !c.eat("table") {
        return None;
    }
    let if_exists = c.eat_all(&["if", "exists"]);
    c.eat("only");
    let table = c.object_name().ok()?;
    if !c.eat_all(&["set", "schema"]) {
        return None;
    }
    Some(c.ident().and_then(|schema| {
        c.finish()?;
        Ok(Statement::AlterTable { table, if_exists, ops: vec![AlterOp::SetSchema(schema)] })
    }))
}
