//! CREATE DOMAIN and DROP DOMAIN, read from tokens (sqlparser's CREATE DOMAIN lacks NOT NULL).

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::{DomainConstraint, Statement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the domain statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let stmt = if c.eat_all(&["create", "domain"]) {
        create(&mut c)
    } else if c.eat_all(&["drop", "domain"]) {
        let if_exists = c.eat_all(&["if", "exists"]);
        c.list(Cursor::object_name).map(|names| {
            if !c.eat("cascade") {
                c.eat("restrict");
            }
            Statement::DropDomain { names, if_exists }
        })
    } else {
        return None;
    };
    Some(stmt.and_then(|s| c.finish().map(|()| s)))
}

/// Words that end a domain's type or DEFAULT expression.
const STOPS: &[&str] = &["collate", "default", "constraint", "not", "null", "check"];

/// The source text from the current token up to the next stop word outside parentheses.
fn segment(c: &mut Cursor, first: bool) -> String {
    let from = c.i;
    let mut depth = 0usize;
    while !c.at_end() {
        let stop = depth == 0 && STOPS.iter().any(|w| c.is_word(w)) && !(first && c.i == from);
        if stop {
            break;
        }
        match c.peek() {
            Some(Token::LParen) => depth += 1,
            Some(Token::RParen) => depth = depth.saturating_sub(1),
            _ => {}
        }
        c.advance();
    }
    c.source_since(from)
}

fn create(c: &mut Cursor) -> Result<Statement> {
    let name = c.object_name()?;
    c.eat("as");
    let base = crate::sql::parse_type(&segment(c, false))?;
    let mut constraints = Vec::new();
    while !c.at_end() {
        if c.eat("collate") {
            c.ident()?;
        } else if c.eat("default") {
            constraints
                .push(DomainConstraint::Default(crate::sql::parse_expression(&segment(c, true))?));
        } else {
            let name = if c.eat("constraint") { Some(c.ident()?.name) } else { None };
            if c.eat_all(&["not", "null"]) {
                constraints.push(DomainConstraint::NotNull(true));
            } else if c.eat("null") {
                constraints.push(DomainConstraint::NotNull(false));
            } else if c.eat("check") {
                // The check as written (token texts lose the spaces between words).
                let from = c.i;
                c.skip_parens()?;
                let chars: Vec<char> = c.text.chars().collect();
                let start = c.tokens.items[from].1;
                let end = c.tokens.items.get(c.i).map_or(chars.len(), |t| t.1).max(start);
                let written: String = chars[start..end].iter().collect();
                let expr = crate::sql::parse_expression(written.trim_end())?;
                constraints.push(DomainConstraint::Check { name, expr });
            } else {
                return Err(c.syntax_error());
            }
        }
    }
    Ok(Statement::CreateDomain { name, base, constraints })
}
