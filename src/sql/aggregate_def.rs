//! CREATE AGGREGATE (new and old style) and DROP AGGREGATE, read from tokens: sqlparser has
//! neither.

use sqlparser::tokenizer::Token;

use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{ObjectName, Statement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// `CREATE [OR REPLACE] AGGREGATE name (argtypes) (SFUNC = f, STYPE = t, ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateAggregate {
    /// The aggregate's name.
    pub name: ObjectName,
    /// OR REPLACE given.
    pub or_replace: bool,
    /// The types of its arguments.
    pub args: Vec<DataType>,
    /// The transition function: (state, args...) -> state.
    pub sfunc: ObjectName,
    /// The state's type.
    pub stype: DataType,
    /// The state's first value as written, None for NULL.
    pub initcond: Option<String>,
    /// The function turning the last state into the result, when given.
    pub finalfunc: Option<ObjectName>,
}

/// Recognises the aggregate statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    if c.eat_all(&["drop", "aggregate"]) {
        // DROP AGGREGATE reads as DROP FUNCTION does.
        let start = tokens.items.get(1).map(|t| t.1)?;
        let chars: Vec<char> = text.chars().collect();
        let rest: String = chars[start + "aggregate".len()..].iter().collect();
        let prefix: String = chars[..start].iter().collect();
        return Some(crate::sql::parse_statement(&format!("{prefix}FUNCTION{rest}")).map(
            |s| match s {
                Statement::DropFunction { names, if_exists, cascade, procedure, .. } => {
                    Statement::DropFunction {
                        names,
                        if_exists,
                        cascade,
                        procedure,
                        aggregate: true,
                    }
                }
                other => other,
            },
        ));
    }
    let or_replace = if c.eat_all(&["create", "aggregate"]) {
        false
    } else if c.eat_all(&["create", "or", "replace", "aggregate"]) {
        true
    } else {
        return None;
    };
    Some(create(&mut c, or_replace).and_then(|s| c.finish().map(|()| s)))
}

/// The text of the tokens up to a `,` or `)` outside parentheses.
fn item_text(c: &mut Cursor) -> String {
    let from = c.i;
    let mut depth = 0usize;
    while let Some(tok) = c.peek() {
        match tok {
            Token::Comma | Token::RParen if depth == 0 => break,
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        c.advance();
    }
    c.source_since(from)
}

fn create(c: &mut Cursor, or_replace: bool) -> Result<Statement> {
    let name = c.object_name()?;
    c.expect_token(&Token::LParen)?;
    let mut args = Vec::new();
    let mut old_style = false;
    if c.is_word("basetype") || c.is_word("sfunc") {
        old_style = true;
    } else if !c.eat_token(&Token::Mul) && !c.is_word_at(0, ")") {
        loop {
            if c.peek() == Some(&Token::RParen) {
                break;
            }
            args.push(crate::sql::parse_type(&item_text(c))?);
            if !c.eat_token(&Token::Comma) {
                break;
            }
        }
    }
    if !old_style {
        c.expect_token(&Token::RParen)?;
        c.expect_token(&Token::LParen)?;
    }
    let (mut sfunc, mut stype, mut initcond, mut finalfunc) = (None, None, None, None);
    loop {
        let option = c.ident()?;
        c.expect_token(&Token::Eq)?;
        match option.name.as_str() {
            "sfunc" => sfunc = Some(c.object_name()?),
            "stype" => stype = Some(crate::sql::parse_type(&item_text(c))?),
            "basetype" => {
                let ty = item_text(c);
                if ty.trim() != "\"any\"" {
                    args.push(crate::sql::parse_type(&ty)?);
                }
            }
            "initcond" => initcond = Some(c.string()?),
            "finalfunc" => finalfunc = Some(c.object_name()?),
            // Options that change nothing fksim does: parallel combining, planner hints.
            "combinefunc" | "parallel" | "sspace" | "finalfunc_modify" | "finalfunc_extra"
            | "sortop" | "serialfunc" | "deserialfunc" => {
                item_text(c);
            }
            other => {
                return Err(Error::unsupported(format!(
                    "the aggregate option {} is not supported by fksim",
                    other.to_uppercase()
                )));
            }
        }
        if !c.eat_token(&Token::Comma) {
            break;
        }
    }
    c.expect_token(&Token::RParen)?;
    let Some(stype) = stype else {
        return Err(Error::new("42P13", "aggregate stype must be specified"));
    };
    let Some(sfunc) = sfunc else {
        return Err(Error::new("42P13", "aggregate sfunc must be specified"));
    };
    Ok(Statement::CreateAggregate(Box::new(CreateAggregate {
        name,
        or_replace,
        args,
        sfunc,
        stype,
        initcond,
        finalfunc,
    })))
}

/// A stored aggregate: the functions it folds with, by catalog key.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateDef {
    /// The transition function.
    pub sfunc: (String, String),
    /// The state's type.
    pub stype: DataType,
    /// The state's first value as written, None for NULL.
    pub initcond: Option<String>,
    /// The final function, when given.
    pub finalfunc: Option<(String, String)>,
}
