//! The SQL front end: the only place sqlparser types exist. Text in, `ast::Statement` out.

mod admin;
pub mod aggregate_def;
pub mod array_assign;
pub mod arrays;
pub mod ast;
pub mod ast_admin;
pub mod ast_index;
pub mod ast_routine;
pub mod ast_view;
pub mod ast_window;
mod cas;
mod conflict;
mod constraint_trigger;
mod copy;
mod cursor;
pub mod database;
mod ddl;
mod domain;
mod explain;
mod expr;
mod lex;
mod maintenance;
mod parse_cache;
pub mod partition;
pub mod plpgsql;
mod procedure;
mod query;
mod rename;
mod routine_result;
mod routines;
pub mod rule;
pub mod sandbox;
mod schema;
mod sequence;
mod setting;
mod table_cmd;
mod text_cache;
mod view;
pub mod walk;
pub(crate) mod window;

use sqlparser::ast as sp;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use ast::Statement;
use expr::{Cx, unsupported};
use lex::{Positions, Tokens};

/// Parses one statement as psql sends it (text up to and including its `;`, or the rest of the
/// input at end of file) into fksim's own tree. Errors are PostgreSQL-style: syntax errors are
/// 42601 `syntax error at or near "x"` with the position of the offending token, statements
/// outside fksim's subset are 0A000 naming what is missing. Only whitespace/comments → `Empty`.
pub fn parse_statement(text: &str) -> Result<Statement> {
    // A text alike an earlier one's but for the digits of its numbers: not tokenized again.
    if let Some(statement) = text_cache::reuse(text) {
        return Ok(statement);
    }
    let raw = lex::tokenize(text)?;
    // A statement of a shape converted before: that statement with this one's literals (no
    // pre-parsing pass below acts on a query or DML statement by the value of a literal).
    if let Some(statement) = parse_cache::reuse(text, &raw) {
        return Ok(statement);
    }
    let mut tokens = Tokens::of(text, raw);
    if tokens.items.iter().all(|(t, _, _)| *t == Token::SemiColon) {
        return Ok(Statement::Empty);
    }
    if let Some(e) = lex::enforced_error(&tokens, text) {
        return Err(e);
    }
    if let Some(result) = lex::set_constraints(&tokens, text) {
        return result;
    }
    if let Some(result) = setting::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = sequence::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = partition::parse_attach_index(&tokens, text) {
        return result;
    }
    if let Some(result) = schema::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = domain::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = database::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = rule::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = view::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = maintenance::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = rename::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = admin::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = aggregate_def::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = table_cmd::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = procedure::parse(&tokens, text) {
        return result;
    }
    if let Some(result) = routines::parse_do(&tokens) {
        return result;
    }
    if let Some(result) = routines::parse_alter_function(&tokens, text) {
        return result;
    }
    if let Some(e) = array_assign::refuse_insert_targets(&tokens) {
        return Err(e);
    }
    let blanked = routines::blank_trigger_args(text, &tokens)
        .or_else(|| array_assign::blank_targets(text, &tokens));
    let text_for_parser = blanked.as_deref().unwrap_or(text);
    let (cleaned, alter_constraints) = cas::extract_alter_constraints(text_for_parser, &tokens)?;
    let (cleaned, actions, references) = lex::extract_action_columns(&cleaned, &tokens);
    let cleaned = conflict::blank_target_exprs(&cleaned, &tokens).unwrap_or(cleaned);
    let raw = std::mem::take(&mut tokens.raw);
    let cx = Cx {
        positions: Positions::new(text),
        tokens: &tokens,
        actions,
        references,
        alter_constraints,
        read_session: Default::default(),
    };
    // Text the passes above left as it was is parsed from the tokens already made of it.
    let converted = if cleaned == text {
        parse_cache::parse_with(text, raw, &cx)
    } else {
        Parser::new(&PostgreSqlDialect {})
            .try_with_sql(&cleaned)
            .and_then(|mut p| p.parse_statements())
            .map(|statements| convert_all(&cx, &statements))
    };
    converted.map_err(|e| match unsupported_kind(&tokens) {
        Some(kind) => Error::unsupported(format!("{kind} is not supported by fksim")),
        None => lex::syntax_error(&e, text, &tokens),
    })?
}

/// Parses `COPY ... FROM stdin` and attaches the data lines psql read after it (up to, not
/// including, the `\.` line); any other statement is parsed as `parse_statement` does.
pub fn parse_with_copy_data(text: &str, data: Vec<String>) -> Result<Statement> {
    let mut stmt = parse_statement(text)?;
    if let Statement::Copy(ast::Copy { direction: ast::CopyDirection::FromStdin(lines), .. }) =
        &mut stmt
    {
        *lines = data;
    }
    Ok(stmt)
}

/// For `DELETE FROM table [alias] [WHERE ...]`: the text from the table name to the end of the
/// WHERE clause (no RETURNING, no `;`), so a suggestion can select the same rows. None for
/// other statements and for DELETE ... USING.
pub fn delete_rows_text(text: &str) -> Option<String> {
    use sqlparser::keywords::Keyword;
    let tokens = Tokens::new(text).ok()?;
    if !(tokens.is_kw(0, Keyword::DELETE) && tokens.is_kw(1, Keyword::FROM)) {
        return None;
    }
    let start = tokens.items.get(2)?.1;
    let mut end = text.chars().count();
    let mut depth = 0usize;
    for (i, (tok, off, _)) in tokens.items.iter().enumerate().skip(2) {
        match tok {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::SemiColon if depth == 0 => {
                end = *off;
                break;
            }
            _ if depth == 0 && tokens.is_kw(i, Keyword::USING) => return None,
            _ if depth == 0 && tokens.is_kw(i, Keyword::RETURNING) => {
                end = *off;
                break;
            }
            _ => {}
        }
    }
    let rows: String = text.chars().skip(start).take(end.saturating_sub(start)).collect();
    Some(rows.trim().to_string())
}

/// PostgreSQL statement kinds fksim does not run and sqlparser cannot read: a statement that
/// starts with one is a 0A000 naming its kind, not a syntax error at a word PostgreSQL accepts.
const UNSUPPORTED_KINDS: &[&[&str]] = &[
    &["create", "operator"],
    &["create", "conversion"],
    &["create", "foreign"],
    &["create", "language"],
    &["create", "or", "replace", "language"],
    &["create", "procedure"],
    &["create", "or", "replace", "procedure"],
    &["create", "server"],
    &["create", "statistics"],
    &["create", "subscription"],
    &["create", "tablespace"],
    &["create", "text", "search"],
    &["create", "transform"],
    &["create", "user", "mapping"],
    &["create", "access", "method"],
    &["alter", "aggregate"],
    &["alter", "operator"],
    &["alter", "group"],
    &["alter", "database"],
    &["alter", "system"],
    &["alter", "event", "trigger"],
    &["alter", "text", "search"],
    &["alter", "foreign"],
    &["alter", "server"],
    &["reassign", "owned"],
    &["import", "foreign", "schema"],
    &["refresh", "materialized", "view"],
    &["cluster"],
    &["reindex"],
    &["load"],
];

/// The kind of statement the tokens start with, in upper case, when fksim does not support it.
fn unsupported_kind(tokens: &Tokens) -> Option<String> {
    let kind = UNSUPPORTED_KINDS
        .iter()
        .find(|words| words.iter().enumerate().all(|(i, w)| tokens.is_word(i, w)))?;
    Some(kind.join(" ").to_uppercase())
}

/// Parses a lone expression (a PL/pgSQL condition, RETURN value or RAISE argument).
pub fn parse_expression(text: &str) -> Result<ast::Expr> {
    let tokens = Tokens::new(text)?;
    let dialect = PostgreSqlDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(text)
        .map_err(|e| lex::syntax_error(&e, text, &tokens))?;
    let expr = parser.parse_expr().map_err(|e| lex::syntax_error(&e, text, &tokens))?;
    if parser.peek_token().token != Token::EOF {
        let next = parser.peek_token();
        return Err(lex::syntax_error(
            &sqlparser::parser::ParserError::ParserError(format!(
                "Expected: end of expression, found: {}{}",
                next.token, next.span.start
            )),
            text,
            &tokens,
        ));
    }
    let cx = Cx {
        positions: Positions::new(text),
        tokens: &tokens,
        actions: Vec::new(),
        references: Vec::new(),
        alter_constraints: Vec::new(),
        read_session: Default::default(),
    };
    cx.expr(&expr)
}

/// Parses a type name (a PL/pgSQL variable's type).
pub fn parse_type(text: &str) -> Result<crate::engine::types::DataType> {
    let tokens = Tokens::new(text)?;
    let dialect = PostgreSqlDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(text)
        .map_err(|e| lex::syntax_error(&e, text, &tokens))?;
    let ty = parser.parse_data_type().map_err(|e| lex::syntax_error(&e, text, &tokens))?;
    let cx = Cx {
        positions: Positions::new(text),
        tokens: &tokens,
        actions: Vec::new(),
        references: Vec::new(),
        alter_constraints: Vec::new(),
        read_session: Default::default(),
    };
    Ok(cx.data_type(&ty, None)?.0)
}

/// What psql sent as one statement: nothing, or one statement.
fn convert_all(cx: &Cx, statements: &[sp::Statement]) -> Result<Statement> {
    match statements {
        [] => Ok(Statement::Empty),
        [statement] => convert(cx, statement),
        _ => Err(Error::internal("psql hands over one statement at a time")),
    }
}

/// Dispatches on the statement kind.
fn convert(cx: &Cx, s: &sp::Statement) -> Result<Statement> {
    Ok(match s {
        sp::Statement::CreateTable(c) => cx.create_table(c)?,
        sp::Statement::Drop { object_type, if_exists, names, cascade, .. } => {
            cx.drop(object_type, *if_exists, names, *cascade)?
        }
        sp::Statement::CreateIndex(ci) => cx.create_index(ci)?,
        sp::Statement::CreateSchema { schema_name, if_not_exists, .. } => {
            cx.create_schema(schema_name, *if_not_exists)?
        }
        sp::Statement::AlterTable(a) => cx.alter_table(a)?,
        sp::Statement::Truncate(t) => cx.truncate(t)?,
        sp::Statement::Insert(i) => Statement::Insert(cx.insert(i)?),
        sp::Statement::Update(u) => Statement::Update(cx.update(u)?),
        sp::Statement::Delete(d) => Statement::Delete(cx.delete(d)?),
        sp::Statement::Query(q) => cx.query_statement(q)?,
        sp::Statement::Explain { analyze, verbose, format, options, statement, .. } => {
            explain::explain(
                *analyze,
                *verbose,
                format.is_some(),
                options.as_deref(),
                convert(cx, statement)?,
            )?
        }
        sp::Statement::StartTransaction { statements, exception: None, .. }
            if statements.is_empty() =>
        {
            Statement::Begin
        }
        sp::Statement::Commit { chain: false, .. } => Statement::Commit,
        sp::Statement::Rollback { chain: false, savepoint: None } => Statement::Rollback,
        sp::Statement::Rollback { chain: false, savepoint: Some(name) } => {
            Statement::RollbackTo(cx.ident(name).name)
        }
        sp::Statement::Savepoint { name } => Statement::Savepoint(cx.ident(name).name),
        sp::Statement::ReleaseSavepoint { name } => Statement::Release(cx.ident(name).name),
        sp::Statement::CreateFunction(f) => cx.create_function(f)?,
        sp::Statement::CreateTrigger(t) => cx.create_trigger(t)?,
        sp::Statement::DropTrigger(d) => cx.drop_trigger(d)?,
        sp::Statement::DropFunction(d) => cx.drop_function(d)?,
        sp::Statement::Copy { source, to, target, options, legacy_options, .. } => {
            cx.copy(source, *to, target, options, legacy_options)?
        }
        _ if unsupported_kind(cx.tokens).is_some() => {
            let kind = unsupported_kind(cx.tokens).unwrap_or_default();
            return Err(Error::unsupported(format!("{kind} is not supported by fksim")));
        }
        other => {
            let text = other.to_string();
            let words: Vec<&str> = text.split_whitespace().take(2).collect();
            return Err(unsupported(format!("the statement {}", words.join(" ")), None));
        }
    })
}

#[cfg(test)]
mod tests;
