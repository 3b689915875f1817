//! Parses `CREATE [OR REPLACE] RULE` and `DROP RULE` from tokens (sqlparser has neither); the
//! rule's condition and commands go through the ordinary parser, positions kept.

use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::{Expr, ObjectName, QueryBody, Statement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// The event a rule rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleEvent {
    /// ON INSERT.
    Insert,
    /// ON UPDATE.
    Update,
    /// ON DELETE.
    Delete,
    /// ON SELECT (a view's `_RETURN` rule).
    Select,
}

impl RuleEvent {
    /// The event's keyword.
    pub fn word(self) -> &'static str {
        match self {
            RuleEvent::Insert => "INSERT",
            RuleEvent::Update => "UPDATE",
            RuleEvent::Delete => "DELETE",
            RuleEvent::Select => "SELECT",
        }
    }
}

/// `CREATE [OR REPLACE] RULE name AS ON event TO table [WHERE cond] DO [ALSO|INSTEAD] actions`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRule {
    /// The rule's name.
    pub name: String,
    /// OR REPLACE.
    pub or_replace: bool,
    /// The event.
    pub event: RuleEvent,
    /// The table (or view).
    pub table: ObjectName,
    /// WHERE condition over NEW and OLD.
    pub condition: Option<Expr>,
    /// DO INSTEAD.
    pub instead: bool,
    /// The commands (none for NOTHING), each with its text.
    pub actions: Vec<(Statement, String)>,
}

/// The rule statements.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleStatement {
    /// CREATE RULE.
    Create(CreateRule),
    /// `DROP RULE [IF EXISTS] name ON table [CASCADE | RESTRICT]`.
    Drop {
        /// The rule.
        name: String,
        /// Its table.
        table: ObjectName,
        /// IF EXISTS.
        if_exists: bool,
    },
}

/// Recognises the rule statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let stmt = if c.eat("create") {
        let or_replace = c.eat_all(&["or", "replace"]);
        if !c.eat("rule") {
            return None;
        }
        create(&mut c, or_replace)
    } else if c.eat_all(&["drop", "rule"]) {
        let if_exists = c.eat_all(&["if", "exists"]);
        c.ident().and_then(|name| {
            c.expect("on")?;
            let table = c.object_name()?;
            if !c.eat("cascade") {
                c.eat("restrict");
            }
            c.finish()?;
            Ok(RuleStatement::Drop { name: name.name, table, if_exists })
        })
    } else {
        return None;
    };
    Some(stmt.map(|s| Statement::Rule(Box::new(s))))
}

fn create(c: &mut Cursor, or_replace: bool) -> Result<RuleStatement> {
    let name = c.ident()?.name;
    c.expect("as")?;
    c.expect("on")?;
    let event = if c.eat("insert") {
        RuleEvent::Insert
    } else if c.eat("update") {
        RuleEvent::Update
    } else if c.eat("delete") {
        RuleEvent::Delete
    } else if c.eat("select") {
        RuleEvent::Select
    } else {
        return Err(c.syntax_error());
    };
    c.expect("to")?;
    let table = c.object_name()?;
    let mut condition = None;
    if c.eat("where") {
        let start = c.i;
        let end = top_level(c, start, |c, i| c.tokens.is_word(i, "do"));
        condition = Some(condition_between(c, start, end)?);
        c.i = end;
    }
    c.expect("do")?;
    let instead = c.eat("instead");
    if !instead {
        c.eat("also");
    }
    let mut actions = Vec::new();
    if c.eat("nothing") {
        c.finish()?;
    } else if c.eat_token(&Token::LParen) {
        loop {
            let start = c.i;
            let end = top_level(c, start, |c, i| {
                matches!(c.tokens.items[i].0, Token::SemiColon | Token::RParen)
            });
            if end > start {
                actions.push(command_between(c, start, end)?);
            }
            c.i = end;
            if c.eat_token(&Token::RParen) {
                break;
            }
            c.expect_token(&Token::SemiColon)?;
        }
        c.finish()?;
    } else {
        let start = c.i;
        let end = top_level(c, start, |c, i| matches!(c.tokens.items[i].0, Token::SemiColon));
        actions.push(command_between(c, start, end)?);
        c.i = end;
        c.finish()?;
    }
    Ok(RuleStatement::Create(CreateRule {
        name,
        or_replace,
        event,
        table,
        condition,
        instead,
        actions,
    }))
}

/// The first token from `start` at parenthesis depth 0 that `stop` accepts (or the end).
fn top_level(c: &Cursor, start: usize, stop: impl Fn(&Cursor, usize) -> bool) -> usize {
    let mut depth = 0usize;
    for i in start..c.tokens.items.len() {
        match &c.tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen if depth > 0 => depth -= 1,
            _ if depth == 0 && stop(c, i) => return i,
            _ => {}
        }
    }
    c.tokens.items.len()
}

/// The statement text between two tokens with everything else blanked (positions unchanged).
fn text_between(c: &Cursor, start: usize, end: usize) -> String {
    let from = c.tokens.items.get(start).map_or(usize::MAX, |t| t.1);
    let to = c.tokens.items.get(end).map_or(usize::MAX, |t| t.1);
    c.text
        .chars()
        .enumerate()
        .map(|(i, ch)| if (i < from || i >= to) && ch != '\n' { ' ' } else { ch })
        .collect()
}

fn condition_between(c: &Cursor, start: usize, end: usize) -> Result<Expr> {
    let blanked = text_between(c, start, end);
    // `SELECT WHERE cond` keeps every character of the condition where it was.
    let from = c.tokens.items.get(start).map_or(0, |t| t.1);
    let prefix = "SELECT 1 WHERE ";
    if from < prefix.len() {
        return Err(c.syntax_error());
    }
    let text: String =
        format!("{prefix}{}", blanked.chars().skip(prefix.len()).collect::<String>());
    match crate::sql::parse_statement(&format!("{text};"))? {
        Statement::Query(q) => match q.body {
            QueryBody::Select(s) => s.selection.ok_or_else(|| c.syntax_error()),
            _ => Err(c.syntax_error()),
        },
        _ => Err(c.syntax_error()),
    }
}

fn command_between(c: &Cursor, start: usize, end: usize) -> Result<(Statement, String)> {
    let blanked = text_between(c, start, end);
    let stmt = crate::sql::parse_statement(&format!("{blanked};"))?;
    match stmt {
        // A SELECT is an ON SELECT rule's action (the engine refuses it elsewhere).
        Statement::Insert(_)
        | Statement::Update(_)
        | Statement::Delete(_)
        | Statement::Query(_) => Ok((stmt, blanked.trim().to_string())),
        _ => Err(Error::unsupported(
            "rule actions other than INSERT, UPDATE, DELETE and NOTHING are not supported by fksim",
        )),
    }
}
