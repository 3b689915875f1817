//! `CREATE SCHEMA name element ...`: the schema elements (CREATE TABLE, VIEW, INDEX, SEQUENCE,
//! TRIGGER, GRANT) written after the name, which sqlparser does not parse.

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::Statement;
use crate::sql::lex::{self, Tokens};

/// Recognises `CREATE SCHEMA [IF NOT EXISTS] name element ...` with at least one element; None
/// for anything else (a plain CREATE SCHEMA goes through sqlparser).
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    if !(tokens.is_word(0, "create") && tokens.is_word(1, "schema")) {
        return None;
    }
    let if_not_exists =
        tokens.is_word(2, "if") && tokens.is_word(3, "not") && tokens.is_word(4, "exists");
    let at = if if_not_exists { 5 } else { 2 };
    let name = match tokens.items.get(at) {
        Some((Token::Word(w), _, _)) if !w.value.eq_ignore_ascii_case("authorization") => {
            lex::fold(&w.value, w.quote_style.is_some())
        }
        _ => return None,
    };
    let starts = element_starts(tokens, at + 1);
    if starts.is_empty() {
        return None;
    }
    let end = tokens
        .items
        .iter()
        .rposition(|(t, _, _)| *t != Token::SemiColon)
        .map_or(text.chars().count(), |i| {
            tokens.items.get(i + 1).map_or(text.chars().count(), |(_, start, _)| *start)
        });
    let mut elements = Vec::new();
    for (k, &first) in starts.iter().enumerate() {
        let from = tokens.items[first].1;
        let to = starts.get(k + 1).map_or(end, |&next| tokens.items[next].1);
        match super::parse_statement(&only_span(text, from, to)) {
            Ok(element) => elements.push(element),
            Err(e) => return Some(Err(e)),
        }
    }
    // PostgreSQL creates the tables before the views, and those before indexes, triggers and
    // grants, whatever order they were written in.
    elements.sort_by_key(rank);
    Some(Ok(Statement::CreateSchema { name, if_not_exists, elements }))
}

/// The tokens (from `from` on) that start an element: CREATE or GRANT outside parentheses.
fn element_starts(tokens: &Tokens, from: usize) -> Vec<usize> {
    let mut depth = 0usize;
    let mut starts = Vec::new();
    for i in from..tokens.items.len() {
        match &tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && (tokens.is_word(i, "create") || tokens.is_word(i, "grant")) => {
                starts.push(i)
            }
            _ => {}
        }
    }
    starts
}

/// `text` with everything outside the characters `from..to` blanked (line breaks kept), so an
/// element's error positions are those in the whole statement, as psql shows them.
fn only_span(text: &str, from: usize, to: usize) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if (from..to).contains(&i) || c == '\n' { c } else { ' ' })
        .collect()
}

/// The order PostgreSQL runs schema elements in (transformCreateSchemaStmt).
fn rank(element: &Statement) -> u8 {
    match element {
        Statement::CreateSequence { .. } => 0,
        Statement::CreateTable(_) => 1,
        Statement::View(_) => 2,
        Statement::CreateIndex { .. } => 3,
        _ => 4,
    }
}
