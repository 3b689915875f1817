//! Parses CREATE / ALTER / DROP SEQUENCE, identity columns added by ALTER TABLE, and enum
//! types from tokens, the way pg_dump writes them.

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::{AlterOp, SequenceOptions, Statement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the sequence statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let stmt = if c.eat_all(&["create", "sequence"]) {
        create(&mut c)
    } else if c.eat_all(&["alter", "sequence"]) {
        alter(&mut c)
    } else if c.eat_all(&["drop", "sequence"]) {
        drop(&mut c)
    } else if c.eat_all(&["create", "type"]) {
        create_enum(&mut c)?
    } else if c.eat_all(&["drop", "type"]) {
        let if_exists = c.eat_all(&["if", "exists"]);
        c.list(Cursor::object_name).map(|names| {
            if !c.eat("cascade") {
                c.eat("restrict");
            }
            Statement::DropType { names, if_exists }
        })
    } else if c.eat_all(&["alter", "table"]) {
        add_identity(&mut c)?
    } else {
        return None;
    };
    Some(stmt.and_then(|s| c.finish().map(|()| s)))
}

fn create(c: &mut Cursor) -> Result<Statement> {
    let if_not_exists = c.eat_all(&["if", "not", "exists"]);
    let name = c.object_name()?;
    let options = options(c)?;
    Ok(Statement::CreateSequence { name, if_not_exists, options })
}

fn alter(c: &mut Cursor) -> Result<Statement> {
    let if_exists = c.eat_all(&["if", "exists"]);
    let name = c.object_name()?;
    if c.eat_all(&["rename", "to"]) {
        let options = SequenceOptions { rename: Some(c.ident()?.name), ..Default::default() };
        return Ok(Statement::AlterSequence { name, if_exists, options });
    }
    if c.eat_all(&["set", "schema"]) {
        let options = SequenceOptions { set_schema: Some(c.ident()?.name), ..Default::default() };
        return Ok(Statement::AlterSequence { name, if_exists, options });
    }
    let options = options(c)?;
    Ok(Statement::AlterSequence { name, if_exists, options })
}

fn drop(c: &mut Cursor) -> Result<Statement> {
    let if_exists = c.eat_all(&["if", "exists"]);
    let names = c.list(Cursor::object_name)?;
    let cascade = c.eat("cascade");
    if !cascade {
        c.eat("restrict");
    }
    Ok(Statement::DropSequence { names, if_exists, cascade })
}

/// `ALTER TABLE [IF EXISTS] [ONLY] t ALTER [COLUMN] c ADD GENERATED ... AS IDENTITY [(...)]`,
/// as pg_dump writes it (sqlparser lacks `SEQUENCE NAME`); None for any other ALTER TABLE.
fn add_identity(c: &mut Cursor) -> Option<Result<Statement>> {
    let if_exists = c.eat_all(&["if", "exists"]);
    c.eat("only");
    let table = c.object_name().ok()?;
    if !c.eat("alter") {
        return None;
    }
    c.eat("column");
    let column = c.ident().ok()?;
    if !c.eat_all(&["add", "generated"]) {
        return None;
    }
    Some(identity_rest(c).map(|(always, options)| Statement::AlterTable {
        table,
        if_exists,
        ops: vec![AlterOp::AddIdentity { column, always, options }],
    }))
}

/// `CREATE TYPE name AS ENUM ('a', ...)`; None for other kinds of type (sqlparser's turn).
fn create_enum(c: &mut Cursor) -> Option<Result<Statement>> {
    let name = c.object_name().ok()?;
    if !c.eat_all(&["as", "enum"]) {
        return None;
    }
    let labels = (|| {
        c.expect_token(&Token::LParen)?;
        let labels = if c.eat_token(&Token::RParen) {
            Vec::new()
        } else {
            let l = c.list(Cursor::string)?;
            c.expect_token(&Token::RParen)?;
            l
        };
        Ok(labels)
    })();
    Some(labels.map(|labels| Statement::CreateEnum { name, labels }))
}

/// After GENERATED: `{ALWAYS | BY DEFAULT} AS IDENTITY [(options)]`.
fn identity_rest(c: &mut Cursor) -> Result<(bool, SequenceOptions)> {
    let always = if c.eat("always") {
        true
    } else {
        c.expect("by")?;
        c.expect("default")?;
        false
    };
    c.expect("as")?;
    c.expect("identity")?;
    let options = if c.eat_token(&Token::LParen) {
        let o = options(c)?;
        c.expect_token(&Token::RParen)?;
        o
    } else {
        SequenceOptions::default()
    };
    Ok((always, options))
}

/// The sequence options, in any order (also used inside an identity column's parentheses).
pub fn options(c: &mut Cursor) -> Result<SequenceOptions> {
    let mut o = SequenceOptions::default();
    loop {
        if c.eat("as") {
            o.data_type = Some(type_name(c)?);
        } else if c.eat("increment") {
            c.eat("by");
            o.increment = Some(number(c)?);
        } else if c.eat("start") {
            c.eat("with");
            o.start = Some(number(c)?);
        } else if c.eat("restart") {
            c.eat("with");
            o.restart = Some(number(c)?);
        } else if c.eat("minvalue") {
            o.min = Some(Some(number(c)?));
        } else if c.eat("maxvalue") {
            o.max = Some(Some(number(c)?));
        } else if c.eat_all(&["no", "minvalue"]) {
            o.min = Some(None);
        } else if c.eat_all(&["no", "maxvalue"]) {
            o.max = Some(None);
        } else if c.eat_all(&["no", "cycle"]) {
            o.cycle = Some(false);
        } else if c.eat("cycle") {
            o.cycle = Some(true);
        } else if c.eat("cache") {
            number(c)?;
        } else if c.eat_all(&["owned", "by"]) {
            o.owned_by = Some(if c.eat("none") { None } else { Some(c.dotted()?) });
        } else if c.eat_all(&["sequence", "name"]) {
            o.name = Some(c.object_name()?);
        } else {
            return Ok(o);
        }
    }
}

/// `smallint`, `integer`/`int`, `bigint`, possibly `pg_catalog.`-qualified.
fn type_name(c: &mut Cursor) -> Result<String> {
    let parts = c.dotted()?;
    Ok(parts.last().map(|p| p.name.clone()).unwrap_or_default())
}

/// A possibly negative integer.
fn number(c: &mut Cursor) -> Result<i64> {
    let negative = c.eat_token(&Token::Minus);
    match c.peek() {
        Some(Token::Number(s, _)) => {
            let n: i64 = s.parse().map_err(|_| c.syntax_error())?;
            c.advance();
            Ok(if negative { -n } else { n })
        }
        _ => Err(c.syntax_error()),
    }
}
