//! Procedures at the parser boundary: `CREATE [OR REPLACE] PROCEDURE` and `DROP PROCEDURE` are
//! read as the void functions they run as, and `CALL name(args)` becomes a call statement.

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::{FunctionBody, Statement};
use crate::sql::lex::Tokens;

/// Recognises the procedure statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    // Most statements are none of these: no copy of their text.
    if !["call", "create", "drop"].iter().any(|w| tokens.is_word(0, w)) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let slice = |from: usize, to: usize| -> String { chars[from.min(to)..to].iter().collect() };
    let start = |i: usize| tokens.items.get(i).map_or(chars.len(), |t| t.1);
    let end = |i: usize| tokens.items.get(i).map_or(chars.len(), |t| t.1 + t.2.chars().count());
    if tokens.is_word(0, "call") {
        // CALL p(args) runs as SELECT p(args) whose row is dropped.
        // Positions in it are two characters on from the text's (CALL -> SELECT).
        let query = format!("{}SELECT{}", slice(0, start(0)), slice(end(0), chars.len()));
        return Some(crate::sql::parse_statement(&query).map(|s| match s {
            Statement::Query(q) => Statement::Call(Box::new(q)),
            other => other,
        }));
    }
    let at = if tokens.is_word(0, "create") && tokens.is_word(1, "procedure") {
        1
    } else if tokens.is_word(0, "create")
        && tokens.is_word(1, "or")
        && tokens.is_word(2, "replace")
        && tokens.is_word(3, "procedure")
    {
        3
    } else if tokens.is_word(0, "drop") && tokens.is_word(1, "procedure") {
        let rewritten = format!("{}FUNCTION{}", slice(0, start(1)), slice(end(1), chars.len()));
        return Some(crate::sql::parse_statement(&rewritten).map(as_procedure));
    } else {
        return None;
    };
    // The argument list's closing parenthesis: `RETURNS void` goes after it.
    let open = (at + 1..tokens.items.len()).find(|&i| tokens.is(i, &Token::LParen))?;
    let mut depth = 0usize;
    let mut close = None;
    for i in open..tokens.items.len() {
        match tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    // INOUT arguments make the row CALL returns; without them it returns nothing.
    let outputs = (open..close).any(|i| tokens.is_word(i, "inout") || tokens.is_word(i, "out"));
    let returns = if outputs { "" } else { " RETURNS void" };
    let rewritten = format!(
        "{}FUNCTION{}{returns}{}",
        slice(0, start(at)),
        slice(end(at), end(close)),
        slice(end(close), chars.len())
    );
    // An error's position counts in the rewritten text; the user's text is the one shown.
    let (function_end, list_end) = (start(at) + 8, start(at) + 8 + end(close) - end(at));
    let added = returns.len();
    let to_user = |p: usize| match p {
        p if p < function_end => p,
        p if p < list_end => p + 1,
        p => (p + 1).saturating_sub(added).max(list_end + 1),
    };
    Some(match crate::sql::parse_statement(&rewritten) {
        Ok(Statement::CreateFunction(mut f)) => {
            f.procedure = true;
            f.body_at = f.body_at.iter().map(|p| to_user(*p)).collect();
            match &mut f.body {
                FunctionBody::PlPgSql(block) => block.offset = to_user(block.offset),
                FunctionBody::Unchecked(u) => u.offset = to_user(u.offset),
                _ => {}
            }
            Ok(Statement::CreateFunction(f))
        }
        Ok(other) => Ok(other),
        Err(mut e) => {
            e.position = e.position.map(to_user);
            Err(e)
        }
    })
}

/// The function statement read from a procedure's text, marked as about a procedure.
fn as_procedure(stmt: Statement) -> Statement {
    match stmt {
        Statement::CreateFunction(mut f) => {
            f.procedure = true;
            Statement::CreateFunction(f)
        }
        Statement::DropFunction { names, if_exists, cascade, .. } => {
            Statement::DropFunction { names, if_exists, cascade, procedure: true, aggregate: false }
        }
        other => other,
    }
}
