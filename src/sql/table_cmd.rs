//! `TABLE name [ORDER BY ...] [LIMIT ...]`: PostgreSQL's short form of `SELECT * FROM name`,
//! which sqlparser does not read at the start of a statement.

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::Statement;
use crate::sql::lex::Tokens;

/// The statement a leading `TABLE name` stands for; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    if !tokens.is_word(0, "table") || !matches!(tokens.items.get(1), Some((Token::Word(_), _, _))) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let start = tokens.items[0].1;
    let end = start + tokens.items[0].2.chars().count();
    let prefix: String = chars[..start].iter().collect();
    let rest: String = chars[end..].iter().collect();
    const SELECT: &str = "SELECT * FROM";
    let rewritten = format!("{prefix}{SELECT}{rest}");
    // Positions count in the rewritten text; the user's is the one shown.
    let added = SELECT.len() - (end - start);
    Some(crate::sql::parse_statement(&rewritten).map_err(|mut e| {
        e.position =
            e.position.map(|p| if p >= start + SELECT.len() { p - added } else { p.min(start) });
        e
    }))
}
