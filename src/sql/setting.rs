//! `SET`, `SHOW`, `RESET` and pg_dump's `SELECT pg_catalog.set_config(...)`, parsed from tokens:
//! sqlparser's SET does not keep how each value was written, which decides search_path's quoting.

use sqlparser::tokenizer::Token;

use crate::engine::settings::SetArg;
use crate::error::{Error, Result};
use crate::sql::ast::Statement;
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises SET (but not SET CONSTRAINTS or SET TRANSACTION), SHOW, RESET and a lone
/// `SELECT set_config(...)`; None for any other statement.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    if c.eat("set") {
        if c.is_word("constraints") || c.is_word("transaction") || c.is_word_at(1, "transaction") {
            return None;
        }
        return Some(set(&mut c));
    }
    if c.eat("show") {
        return Some(show(&mut c));
    }
    if c.eat("reset") {
        return Some(reset(&mut c));
    }
    if c.is_word("select") {
        return set_config(&mut c);
    }
    None
}

/// A parameter name: `TIME ZONE` is `timezone`; placeholders are dotted (`app.user_id`).
fn parameter(c: &mut Cursor) -> Result<String> {
    if c.eat_all(&["time", "zone"]) {
        return Ok("timezone".to_string());
    }
    Ok(c.dotted()?.into_iter().map(|p| p.name).collect::<Vec<_>>().join("."))
}

fn set(c: &mut Cursor) -> Result<Statement> {
    let local = c.eat("local");
    if !local {
        c.eat("session");
    }
    if c.eat_all(&["session", "authorization"]) || c.is_word("authorization") {
        let what = c.source_since(0);
        return Err(Error::unsupported(format!("{what} is not supported by fksim")));
    }
    let time_zone = c.is_word("time") && c.is_word_at(1, "zone");
    // `SET ROLE name` takes no TO.
    let role = c.is_word("role") && !c.is_word_at(1, "to");
    let name = parameter(c)?;
    if !time_zone && !role && !c.eat_token(&Token::Eq) {
        c.expect("to")?;
    }
    if c.eat("default") {
        c.finish()?;
        return Ok(Statement::Set { name, args: None, local });
    }
    let args = c.list(set_arg)?;
    c.finish()?;
    Ok(Statement::Set { name, args: Some(args), local })
}

/// One value of SET: a word, a string or a (signed) number.
fn set_arg(c: &mut Cursor) -> Result<SetArg> {
    let negative = c.eat_token(&Token::Minus);
    match c.peek() {
        Some(Token::Number(n, _)) => {
            let n = if negative { format!("-{n}") } else { n.clone() };
            c.i += 1;
            Ok(SetArg::Number(n))
        }
        _ if negative => Err(c.syntax_error()),
        Some(Token::Word(_)) => Ok(SetArg::Word(c.ident()?.name)),
        _ => c.string().map(SetArg::Str),
    }
}

fn show(c: &mut Cursor) -> Result<Statement> {
    if c.eat("all") {
        c.finish()?;
        return Err(Error::unsupported("SHOW ALL is not supported by fksim"));
    }
    let name = parameter(c)?;
    c.finish()?;
    Ok(Statement::Show(name))
}

fn reset(c: &mut Cursor) -> Result<Statement> {
    if c.eat("all") {
        c.finish()?;
        return Ok(Statement::Reset(None));
    }
    let name = parameter(c)?;
    c.finish()?;
    Ok(Statement::Reset(Some(name)))
}

/// `SELECT [pg_catalog.]set_config('name', 'value', true|false) [[AS] column];` and nothing
/// more; other uses of set_config go through the query engine.
fn set_config(c: &mut Cursor) -> Option<Result<Statement>> {
    c.expect("select").ok()?;
    if c.is_word("pg_catalog") && c.tokens.is(c.i + 1, &Token::Period) {
        c.i += 2;
    }
    c.expect("set_config").ok()?;
    c.expect_token(&Token::LParen).ok()?;
    let name = c.string().ok()?;
    c.expect_token(&Token::Comma).ok()?;
    let value = c.string().ok()?;
    c.expect_token(&Token::Comma).ok()?;
    let local = if c.eat("true") {
        true
    } else if c.eat("false") {
        false
    } else {
        return None;
    };
    c.expect_token(&Token::RParen).ok()?;
    let mut column = "set_config".to_string();
    let has_as = c.eat("as");
    if matches!(c.peek(), Some(Token::Word(_))) && (has_as || !c.is_word("from")) {
        column = c.ident().ok()?.name;
    } else if has_as {
        return None;
    }
    c.finish().ok()?;
    Some(Ok(Statement::SetConfig { name, value, local, column }))
}
