//! Statements parsed before, by the shape of their tokens: a statement whose tokens differ from
//! an earlier one's only in the values of number and string literals (`... WHERE id = 98` and
//! `... WHERE id = 99`) takes a copy of sqlparser's tree for that one with its own literals put
//! in, instead of going through sqlparser's parser again.
//!
//! Exactly right or not at all: a tree is kept only when every literal token of its statement
//! was found, by its place in the text, as a value in the parts of the tree this module walks
//! (assignments, WHERE, the select list and RETURNING, through operators, parentheses, IS NULL,
//! BETWEEN and casts) holding the token's own value — so sqlparser used the literal as a value
//! and nothing else. A statement reuses a tree only when its token list equals the tree's,
//! token for token and place for place, but for literal values of the same kind. What is made
//! of the tree (fksim's own statement, with every check that depends on a literal) is made
//! from it afresh each time.

use std::cell::RefCell;
use std::fmt::Write;

use rustc_hash::FxHashMap as HashMap;
use sqlparser::ast as sp;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan};

use crate::sql::lex::Tokens;

/// How many shapes one thread keeps (all are dropped when it is full).
const CAPACITY: usize = 256;

/// Longer statements are not kept (what a template holds stays small).
const LONGEST: usize = 4096;

/// sqlparser's tree for one shape of statement, and the tokens it was parsed from.
struct Template {
    /// The tokens of the statement parsed (whitespace included).
    raw: Vec<TokenWithSpan>,
    /// What sqlparser made of them.
    statement: sp::Statement,
}

thread_local! {
    /// Shape key (the text with its literals replaced by markers) → template.
    static CACHE: RefCell<HashMap<String, Template>> = RefCell::new(HashMap::default());
}

/// Parses the statement `tokens` were made of (`text`, unchanged by any pre-parsing pass; `raw`
/// its tokens, whitespace included) as sqlparser does, from a template when one fits, and hands
/// the statements to `convert`. No template is borrowed while `convert` runs (it may parse).
pub fn parse_with<R>(
    text: &str,
    tokens: &Tokens,
    raw: Vec<TokenWithSpan>,
    convert: impl FnOnce(&[sp::Statement]) -> R,
) -> Result<R, ParserError> {
    let Some(key) = shape_key(text, tokens) else { return Ok(convert(&parse_tokens(raw)?)) };
    let mut template = CACHE.with(|c| c.borrow_mut().remove(&key));
    if let Some(t) = &mut template
        && let Some(literals) = literals_if_same_shape(&t.raw, &raw)
    {
        // The template's own values are replaced in place: no copy of the tree.
        statement_values(&mut t.statement, &mut |v| {
            if let Some((_, value)) = literals.iter().find(|(at, _)| *at == v.span.start) {
                v.value = value.clone();
            }
        });
        let result = convert(std::slice::from_ref(&t.statement));
        keep(key, template);
        return Ok(result);
    }
    let statements = parse_tokens(raw.clone())?;
    let result = convert(&statements);
    if let Ok([statement]) = <[sp::Statement; 1]>::try_from(statements) {
        keep(key, template_of(raw, statement));
    }
    Ok(result)
}

/// Puts a template (back) in the cache.
fn keep(key: String, template: Option<Template>) {
    let Some(template) = template else { return };
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.insert(key, template);
    });
}

/// sqlparser's parse of tokens already made.
fn parse_tokens(raw: Vec<TokenWithSpan>) -> Result<Vec<sp::Statement>, ParserError> {
    Parser::new(&PostgreSqlDialect {}).with_tokens_with_locations(raw).parse_statements()
}

/// The value sqlparser makes of a literal token, for the tokens this module abstracts.
fn literal_value(token: &Token) -> Option<sp::Value> {
    match token {
        Token::Number(n, long) => Some(sp::Value::Number(n.clone(), *long)),
        Token::SingleQuotedString(s) => Some(sp::Value::SingleQuotedString(s.clone())),
        _ => None,
    }
}

/// The text with each abstracted literal replaced by a marker of its kind and length, for DML
/// and queries in ASCII text (where token offsets are byte offsets); None for anything else.
fn shape_key(text: &str, tokens: &Tokens) -> Option<String> {
    use sqlparser::keywords::Keyword;
    let dml = [Keyword::SELECT, Keyword::UPDATE, Keyword::DELETE, Keyword::INSERT]
        .iter()
        .any(|&kw| tokens.is_kw(0, kw));
    if !dml || text.len() > LONGEST || !text.is_ascii() {
        return None;
    }
    let mut key = String::with_capacity(text.len() + 8);
    let mut done = 0;
    for (token, start, source) in &tokens.items {
        let marker = match token {
            Token::Number(..) => '\u{1}',
            Token::SingleQuotedString(_) => '\u{2}',
            _ => continue,
        };
        key.push_str(text.get(done..*start)?);
        key.push(marker);
        let _ = write!(key, "{}", source.len());
        key.push(marker);
        done = start + source.len();
    }
    key.push_str(text.get(done..)?);
    Some(key)
}

/// The literals of `new` (place, value) when its tokens equal the template's token for token,
/// literals aside (same kind, same place); None when they differ anywhere else.
fn literals_if_same_shape(
    template: &[TokenWithSpan],
    new: &[TokenWithSpan],
) -> Option<Vec<(Location, sp::Value)>> {
    if template.len() != new.len() {
        return None;
    }
    let mut literals = Vec::new();
    for (t, n) in template.iter().zip(new) {
        if t.span != n.span {
            return None;
        }
        match (&t.token, &n.token) {
            (Token::Number(_, a), Token::Number(_, b)) if a == b => {}
            (Token::SingleQuotedString(_), Token::SingleQuotedString(_)) => {}
            (a, b) if a == b => continue,
            _ => return None,
        }
        literals.push((n.span.start, literal_value(&n.token)?));
    }
    Some(literals)
}

/// A template of `statement` parsed from `raw`, when every literal token of it is a value of
/// the tree, found by this module's walk, holding the token's own value.
fn template_of(raw: Vec<TokenWithSpan>, mut statement: sp::Statement) -> Option<Template> {
    let mut literals: Vec<(Location, sp::Value, bool)> =
        raw.iter().filter_map(|t| Some((t.span.start, literal_value(&t.token)?, false))).collect();
    let mut exact = true;
    statement_values(&mut statement, &mut |v| {
        if let Some((_, value, seen)) = literals.iter_mut().find(|(at, _, _)| *at == v.span.start) {
            exact &= *value == v.value;
            *seen = true;
        }
    });
    (exact && literals.iter().all(|(_, _, seen)| *seen)).then_some(Template { raw, statement })
}

/// Calls `f` on every value in the parts of a statement this module knows.
fn statement_values(s: &mut sp::Statement, f: &mut dyn FnMut(&mut sp::ValueWithSpan)) {
    match s {
        sp::Statement::Update(u) => {
            u.assignments.iter_mut().for_each(|a| expr_values(&mut a.value, f));
            u.selection.iter_mut().for_each(|e| expr_values(e, f));
            u.returning.iter_mut().flatten().for_each(|i| item_values(i, f));
        }
        sp::Statement::Delete(d) => {
            d.selection.iter_mut().for_each(|e| expr_values(e, f));
            d.returning.iter_mut().flatten().for_each(|i| item_values(i, f));
        }
        sp::Statement::Query(q) => {
            if let sp::SetExpr::Select(s) = q.body.as_mut() {
                s.projection.iter_mut().for_each(|i| item_values(i, f));
                s.selection.iter_mut().for_each(|e| expr_values(e, f));
            }
        }
        _ => {}
    }
}

/// The values of a select-list or RETURNING item.
fn item_values(item: &mut sp::SelectItem, f: &mut dyn FnMut(&mut sp::ValueWithSpan)) {
    match item {
        sp::SelectItem::UnnamedExpr(e) | sp::SelectItem::ExprWithAlias { expr: e, .. } => {
            expr_values(e, f)
        }
        _ => {}
    }
}

/// The values of an expression, through the forms this module knows.
fn expr_values(e: &mut sp::Expr, f: &mut dyn FnMut(&mut sp::ValueWithSpan)) {
    match e {
        sp::Expr::Value(v) => f(v),
        sp::Expr::BinaryOp { left, right, .. } => {
            expr_values(left, f);
            expr_values(right, f);
        }
        sp::Expr::UnaryOp { expr, .. }
        | sp::Expr::Nested(expr)
        | sp::Expr::IsNull(expr)
        | sp::Expr::IsNotNull(expr)
        | sp::Expr::Cast { expr, .. } => expr_values(expr, f),
        sp::Expr::Between { expr, low, high, .. } => {
            expr_values(expr, f);
            expr_values(low, f);
            expr_values(high, f);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What sqlparser makes of `text` on its own.
    fn direct(text: &str) -> Vec<sp::Statement> {
        Parser::parse_sql(&PostgreSqlDialect {}, text).expect("parses")
    }

    /// What this module makes of `text`.
    fn cached(text: &str) -> Vec<sp::Statement> {
        let mut tokens = Tokens::new(text).expect("tokenizes");
        let raw = std::mem::take(&mut tokens.raw);
        parse_with(text, &tokens, raw, <[sp::Statement]>::to_vec).expect("parses")
    }

    /// Each text, parsed after the one before it (a template for it when the shapes agree),
    /// comes out as sqlparser alone makes it.
    fn same_as_sqlparser(texts: &[&str]) {
        for text in texts {
            assert_eq!(cached(text), direct(text), "{text}");
            assert_eq!(
                cached(text).iter().map(ToString::to_string).collect::<Vec<_>>(),
                direct(text).iter().map(ToString::to_string).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn literals_of_a_known_shape_are_put_in() {
        same_as_sqlparser(&[
            "UPDATE orders SET note = 'x' WHERE id = 98;",
            "UPDATE orders SET note = 'y' WHERE id = 99;",
            "UPDATE orders SET note = 'yy' WHERE id = 9;",
            "SELECT name FROM customers WHERE id = 8;",
            "SELECT name FROM customers WHERE id = 1e5;",
            "DELETE FROM customers WHERE id BETWEEN 14 AND (2 + -3) RETURNING id, 'a';",
            "DELETE FROM customers WHERE id BETWEEN 15 AND (7 + -1) RETURNING id, 'b';",
        ]);
    }

    #[test]
    fn a_parsed_statement_becomes_a_template() {
        let text = "UPDATE t SET note = 'x' WHERE id = 98;";
        cached(text);
        let key = shape_key(text, &Tokens::new(text).unwrap()).unwrap();
        assert_eq!(key, "UPDATE t SET note = \u{2}3\u{2} WHERE id = \u{1}2\u{1};");
        assert!(CACHE.with(|c| c.borrow().contains_key(&key)));
    }

    #[test]
    fn a_template_is_kept_only_when_every_literal_was_found() {
        let shape = "SELECT CAST(a AS varchar(10)) FROM t WHERE b = 'q' LIMIT 5;";
        assert!(template_of(Tokens::new(shape).unwrap().raw, direct(shape).remove(0)).is_none());
        let plain = "SELECT a FROM t WHERE b = 'q' AND c IS NULL;";
        assert!(template_of(Tokens::new(plain).unwrap().raw, direct(plain).remove(0)).is_some());
        same_as_sqlparser(&[
            shape,
            "SELECT CAST(a AS varchar(12)) FROM t WHERE b = 'r' LIMIT 6;",
            "SELECT a FROM t ORDER BY 1;",
            "SELECT a FROM t ORDER BY 2;",
            "SELECT -5, 'a' FROM t;",
            "SELECT -6, 'b' FROM t;",
        ]);
    }

    #[test]
    fn statements_differing_in_more_than_literals_do_not_share() {
        same_as_sqlparser(&[
            "SELECT a FROM t WHERE b = 12;",
            "SELECT a FROM t WHERE b = '1';",
            "SELECT a FROM t WHERE c = 12;",
            "select a FROM t WHERE b = 12;",
        ]);
    }
}
