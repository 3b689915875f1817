//! Parses the view statements from tokens (sqlparser lacks `WITH CHECK OPTION`, `WITH [NO]
//! DATA` and REFRESH's options); the view's query itself goes through the ordinary parser.

use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::Statement;
use crate::sql::ast_view::{CheckOption, CreateView, ViewStatement};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the view statements; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let stmt = if c.eat("create") {
        let or_replace = c.eat_all(&["or", "replace"]);
        let temporary = c.eat("temp") || c.eat("temporary");
        let materialized = c.eat("materialized");
        if c.is_word("recursive") && c.is_word_at(1, "view") {
            return Some(Err(Error::unsupported(
                "CREATE RECURSIVE VIEW is not supported by fksim",
            )));
        }
        if !c.eat("view") {
            return None;
        }
        create(&mut c, or_replace, temporary, materialized)
    } else if c.eat("drop") {
        let materialized = c.eat("materialized");
        if !c.eat("view") {
            return None;
        }
        drop(&mut c, materialized)
    } else if c.eat("alter") {
        let materialized = c.eat("materialized");
        if !c.eat("view") {
            return None;
        }
        let if_exists = c.eat_all(&["if", "exists"]);
        let Ok(name) = c.object_name() else { return None };
        if !materialized
            && (c.is_word("set") || c.is_word("reset"))
            && c.tokens.is(c.i + 1, &Token::LParen)
        {
            let reset = c.eat("reset");
            c.eat("set");
            return Some(options(&mut c).map(|options| {
                Statement::View(ViewStatement::SetOptions { name, reset, if_exists, options })
            }));
        }
        if !c.eat_all(&["rename", "to"]) {
            // OWNER TO and the rest belong to the access-control statements.
            return None;
        }
        c.ident().map(|new| ViewStatement::Rename {
            name,
            new_name: new.name,
            materialized,
            if_exists,
        })
    } else if c.eat_all(&["refresh", "materialized", "view"]) {
        let concurrently = c.eat("concurrently");
        c.object_name().and_then(|name| {
            let with_data = with_data(&mut c)?;
            Ok(ViewStatement::Refresh { name, with_data, concurrently })
        })
    } else {
        return None;
    };
    Some(stmt.and_then(|s| c.finish().map(|()| Statement::View(s))))
}

/// `WITH [NO] DATA` (absent: with data).
fn with_data(c: &mut Cursor) -> Result<bool> {
    if c.eat_all(&["with", "no", "data"]) {
        Ok(false)
    } else {
        c.eat_all(&["with", "data"]);
        Ok(true)
    }
}

fn drop(c: &mut Cursor, materialized: bool) -> Result<ViewStatement> {
    let if_exists = c.eat_all(&["if", "exists"]);
    let names = c.list(Cursor::object_name)?;
    let cascade = c.eat("cascade");
    if !cascade {
        c.eat("restrict");
    }
    Ok(ViewStatement::Drop { names, materialized, if_exists, cascade })
}

fn create(
    c: &mut Cursor,
    or_replace: bool,
    temporary: bool,
    materialized: bool,
) -> Result<ViewStatement> {
    let if_not_exists = materialized && c.eat_all(&["if", "not", "exists"]);
    let name = c.object_name()?;
    let mut columns = Vec::new();
    if c.eat_token(&Token::LParen) {
        columns = c.list(|c| c.ident().map(|i| i.name))?;
        c.expect_token(&Token::RParen)?;
    }
    let mut view_options = Vec::new();
    if !materialized && c.eat("with") {
        view_options = options(c)?;
    }
    if c.is_word("with") || c.is_word("using") || c.is_word("tablespace") {
        return Err(Error::unsupported(format!(
            "{} options are not supported by fksim",
            if materialized { "materialized view" } else { "view" }
        ))
        .at(c.pos()));
    }
    c.expect("as")?;
    let start = c.i;
    // The query runs to a top-level WITH ... CHECK OPTION / WITH [NO] DATA, or the end.
    let mut end = c.tokens.items.len();
    let mut depth = 0usize;
    for i in start..c.tokens.items.len() {
        match &c.tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::SemiColon if depth == 0 => {
                end = i;
                break;
            }
            _ if depth == 0
                && i > start
                && c.tokens.is_word(i, "with")
                && ["check", "cascaded", "local", "data", "no"]
                    .iter()
                    .any(|w| c.tokens.is_word(i + 1, w)) =>
            {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let query = query_between(c, start, end)?;
    c.i = end;
    let mut check_option = None;
    let mut data = true;
    if materialized {
        data = with_data(c)?;
    } else if c.eat("with") {
        check_option = Some(if c.eat("local") {
            CheckOption::Local
        } else {
            c.eat("cascaded");
            CheckOption::Cascaded
        });
        c.expect("check")?;
        c.expect("option")?;
    }
    Ok(ViewStatement::Create(Box::new(CreateView {
        name,
        columns,
        query,
        or_replace,
        temporary,
        materialized,
        if_not_exists,
        check_option,
        with_data: data,
        options: view_options,
    })))
}

/// A view's `( name [= value], ... )` list, values as written (`security_barrier` alone: `true`).
fn options(c: &mut Cursor) -> Result<Vec<(String, String)>> {
    c.expect_token(&Token::LParen)?;
    let list = c.list(|c| {
        let name = c.ident()?.name;
        if !c.eat_token(&Token::Eq) {
            return Ok((name, "true".to_string()));
        }
        let value = match c.peek() {
            Some(Token::Number(n, _)) => n.clone(),
            Some(Token::SingleQuotedString(s)) => s.clone(),
            _ => return c.ident().map(|i| (name, i.name)),
        };
        c.advance();
        Ok((name, value))
    })?;
    c.expect_token(&Token::RParen)?;
    Ok(list)
}

/// The query between tokens `start` and `end`, parsed with the rest of the statement blanked
/// out so that its positions stay those of the whole statement.
fn query_between(c: &Cursor, start: usize, end: usize) -> Result<crate::sql::ast::Query> {
    let from = c.tokens.items.get(start).map_or(usize::MAX, |t| t.1);
    let to = c.tokens.items.get(end).map_or(usize::MAX, |t| t.1);
    let blanked: String = c
        .text
        .chars()
        .enumerate()
        .map(|(i, ch)| if (i < from || i >= to) && ch != '\n' { ' ' } else { ch })
        .collect();
    match crate::sql::parse_statement(&format!("{blanked};"))? {
        Statement::Query(q) => Ok(q),
        Statement::Empty => Err(c.syntax_error()),
        _ => Err(Error::unsupported("a view's query must be a SELECT or VALUES in fksim")),
    }
}
