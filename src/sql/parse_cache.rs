//! Statements parsed before, by the shape of their tokens: a statement whose tokens differ from
//! an earlier one's only in the values of number and string literals (`... WHERE id = 98` and
//! `... WHERE id = 99`) is fksim's statement made for that one with its own literals put in,
//! with neither sqlparser's parser nor the conversion run again; where that statement could not
//! be kept, it is sqlparser's tree for that one with its literals put in, converted afresh.
//!
//! Exactly right or not at all: a tree is kept only when every literal token of its statement
//! was found, by its place in the text, as a value in the parts of the tree this module walks
//! (assignments, WHERE, the select list and RETURNING, through operators, parentheses, IS NULL,
//! BETWEEN and casts) holding the token's own value — so sqlparser used the literal as a value
//! and nothing else. fksim's statement is kept only when converting that tree with each literal
//! replaced by a marker put every marker, once, into a literal of fksim's statement (as written,
//! or negated: `-5`) and nowhere else, and the conversion read nothing of the session (its user
//! types or settings). A statement reuses a template only when its token list equals the
//! template's, token for token and place for place, but for literal values of the same kind.
//! A shape gets its template the second time it is seen. A text whose statement a template
//! made is then kept by `text_cache`, which finds texts alike but for their numbers' digits
//! without tokenizing them.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use sqlparser::ast as sp;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan};

use crate::error::Result;
use crate::sql::ast::{Expr, Literal, Statement};
use crate::sql::expr::Cx;
use crate::sql::{text_cache, walk};

/// How many shapes one thread keeps (all are dropped when it is full).
const CAPACITY: usize = 256;

/// Longer statements are not kept (what a template holds stays small).
const LONGEST: usize = 4096;

/// What a literal is replaced by to find where conversion puts it: this, then the token's index.
const MARK: char = '\u{1}';

/// One shape of statement.
enum Entry {
    /// Seen once: no template made yet.
    Seen,
    /// Its statements cannot share a tree (a literal is not only a value).
    Unfit,
    /// Its template.
    Kept(Box<Template>),
}

/// sqlparser's tree for one shape of statement, the tokens it was parsed from, and fksim's
/// statement made of it when that can be kept.
struct Template {
    /// The tokens of the statement parsed (whitespace included).
    raw: Vec<TokenWithSpan>,
    /// What sqlparser made of them.
    tree: sp::Statement,
    /// What conversion made of the tree, when kept.
    made: Option<Made>,
}

/// fksim's statement for a template's shape, and where its literals go.
#[derive(Clone)]
pub(super) struct Made {
    /// The statement, its literals those of the statement the template was made from.
    pub(super) statement: Statement,
    /// For each literal of `statement`, in the order `walk::statement` meets them: the token it
    /// is written by (an index into the template's tokens) and whether it is negated, or None
    /// for one conversion put in itself.
    pub(super) slots: Vec<Option<(usize, bool)>>,
}

thread_local! {
    /// Hash of the shape (`shape_hash`) → what is known of it.
    static CACHE: RefCell<HashMap<u64, Entry>> = RefCell::new(HashMap::default());
}

/// fksim's statement for the text `raw` was made of, when a template with a kept statement
/// fits it.
pub fn reuse(text: &str, raw: &[TokenWithSpan]) -> Option<Statement> {
    let hash = shape_hash(text, raw)?;
    CACHE.with(|c| {
        let cache = c.borrow();
        let Some(Entry::Kept(t)) = cache.get(&hash) else { return None };
        let made = t.made.as_ref()?;
        let statement = same_shape(&t.raw, raw).then(|| made.with_literals(token_value(raw)))?;
        text_cache::remember(text, raw, made, &statement);
        Some(statement)
    })
}

/// Parses and converts the statement of `text` (unchanged by any pre-parsing pass; `raw` its
/// tokens, whitespace included), from sqlparser's tree for its shape when one is kept. No
/// template is borrowed while conversion runs (it may parse).
pub fn parse_with(
    text: &str,
    raw: Vec<TokenWithSpan>,
    cx: &Cx,
) -> std::result::Result<Result<Statement>, ParserError> {
    let Some(hash) = shape_hash(text, &raw) else {
        return Ok(super::convert_all(cx, &parse_tokens(raw)?));
    };
    let mut entry = CACHE.with(|c| c.borrow_mut().remove(&hash));
    if let Some(Entry::Kept(t)) = &mut entry
        && let Some(literals) = literals_if_same_shape(&t.raw, &raw)
    {
        // The template's own values are replaced in place: no copy of the tree.
        statement_values(&mut t.tree, &mut |v| {
            if let Some((_, value)) = literals.iter().find(|(at, _)| *at == v.span.start) {
                v.value = value.clone();
            }
        });
        let result = super::convert_all(cx, std::slice::from_ref(&t.tree));
        keep(hash, entry);
        return Ok(result);
    }
    let second = matches!(entry, Some(Entry::Seen));
    let kept_raw = second.then(|| raw.clone());
    let statements = match parse_tokens(raw) {
        Ok(statements) => statements,
        Err(e) => {
            keep(hash, entry);
            return Err(e);
        }
    };
    let result = super::convert_all(cx, &statements);
    let entry = match (entry, kept_raw) {
        (None, _) => Entry::Seen,
        (Some(Entry::Seen), Some(raw)) => template_of(raw, statements, &result, cx)
            .map_or(Entry::Unfit, |t| Entry::Kept(Box::new(t))),
        // Another shape with the same hash keeps its place.
        (Some(other), _) => other,
    };
    keep(hash, Some(entry));
    Ok(result)
}

/// Puts an entry (back) in the cache.
fn keep(hash: u64, entry: Option<Entry>) {
    let Some(entry) = entry else { return };
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.insert(hash, entry);
    });
}

/// sqlparser's parse of tokens already made.
fn parse_tokens(raw: Vec<TokenWithSpan>) -> std::result::Result<Vec<sp::Statement>, ParserError> {
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

/// A hash of the tokens, the values of abstracted literals left out, for DML and queries; None
/// for other statements.
fn shape_hash(text: &str, raw: &[TokenWithSpan]) -> Option<u64> {
    use sqlparser::keywords::Keyword;
    if text.len() > LONGEST {
        return None;
    }
    let first = raw.iter().find(|t| !matches!(t.token, Token::Whitespace(_)))?;
    let dml = matches!(&first.token, Token::Word(w) if w.quote_style.is_none()
        && matches!(w.keyword, Keyword::SELECT | Keyword::UPDATE | Keyword::DELETE | Keyword::INSERT));
    if !dml {
        return None;
    }
    let mut h = FxHasher::default();
    for t in raw {
        match &t.token {
            Token::Number(_, long) => (1u8, long).hash(&mut h),
            Token::SingleQuotedString(_) => 2u8.hash(&mut h),
            other => other.hash(&mut h),
        }
        t.span.hash(&mut h);
    }
    Some(h.finish())
}

/// Whether `new` equals the template's tokens token for token, literals aside (same kind,
/// same place).
fn same_shape(template: &[TokenWithSpan], new: &[TokenWithSpan]) -> bool {
    template.len() == new.len()
        && template.iter().zip(new).all(|(t, n)| {
            t.span == n.span
                && match (&t.token, &n.token) {
                    (Token::Number(_, a), Token::Number(_, b)) => a == b,
                    (Token::SingleQuotedString(_), Token::SingleQuotedString(_)) => true,
                    (a, b) => a == b,
                }
        })
}

/// The literals of `new` (place, value) when it has the template's shape (`same_shape`).
fn literals_if_same_shape(
    template: &[TokenWithSpan],
    new: &[TokenWithSpan],
) -> Option<Vec<(Location, sp::Value)>> {
    same_shape(template, new).then(|| {
        new.iter().filter_map(|n| Some((n.span.start, literal_value(&n.token)?))).collect()
    })
}

/// A template of the one statement parsed from `raw`, when every literal token of it is a value
/// of the tree, found by this module's walk, holding the token's own value; with fksim's
/// statement (`converted`) when `made_of` can keep it.
fn template_of(
    raw: Vec<TokenWithSpan>,
    statements: Vec<sp::Statement>,
    converted: &Result<Statement>,
    cx: &Cx,
) -> Option<Template> {
    let [mut tree] = <[sp::Statement; 1]>::try_from(statements).ok()?;
    let mut literals: Vec<(Location, sp::Value, bool)> =
        raw.iter().filter_map(|t| Some((t.span.start, literal_value(&t.token)?, false))).collect();
    let mut exact = true;
    statement_values(&mut tree, &mut |v| {
        if let Some((_, value, seen)) = literals.iter_mut().find(|(at, _, _)| *at == v.span.start) {
            exact &= *value == v.value;
            *seen = true;
        }
    });
    if !(exact && literals.iter().all(|(_, _, seen)| *seen)) {
        return None;
    }
    let made = match converted {
        Ok(statement) if !cx.read_session.get() => made_of(&raw, &tree, statement, cx),
        _ => None,
    };
    Some(Template { raw, tree, made })
}

/// fksim's statement for the shape of `tree` (parsed from `raw`, converted to `converted`) with
/// the place of each literal in it, when conversion puts each literal into a literal of its own
/// and nowhere else: the tree is converted again with markers for its literals, and the markers
/// replaced by the literals must give `converted` again.
fn made_of(
    raw: &[TokenWithSpan],
    tree: &sp::Statement,
    converted: &Statement,
    cx: &Cx,
) -> Option<Made> {
    let mut marked = tree.clone();
    statement_values(&mut marked, &mut |v| {
        let Some(k) = raw.iter().position(|t| t.span.start == v.span.start) else { return };
        v.value = match &v.value {
            sp::Value::Number(_, long) => sp::Value::Number(format!("{MARK}{k}"), *long),
            sp::Value::SingleQuotedString(_) => sp::Value::SingleQuotedString(format!("{MARK}{k}")),
            other => other.clone(),
        };
    });
    let statement = super::convert_all(cx, std::slice::from_ref(&marked)).ok()?;
    if cx.read_session.get() {
        return None;
    }
    let mut slots = Vec::new();
    let mut sound = true;
    let _ = walk::read::statement(&statement, &mut |e| {
        if let Expr::Literal(l) = e {
            match slot_of(l) {
                Some(slot) => slots.push(slot),
                None => sound = false,
            }
        }
        Ok(false)
    });
    // Each literal token written into exactly one literal.
    let mut found: Vec<usize> = slots.iter().flatten().map(|(k, _)| *k).collect();
    found.sort_unstable();
    let literals: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, t)| literal_value(&t.token).is_some())
        .map(|(k, _)| k)
        .collect();
    let made = Made { statement, slots };
    (sound && found == literals && made.with_literals(token_value(raw)) == *converted)
        .then_some(made)
}

/// Where a literal of the marked conversion comes from: Some(None) for one conversion put in
/// itself, Some(Some((token, negated))) for a marker, None for a marker anywhere else in it.
fn slot_of(l: &Literal) -> Option<Option<(usize, bool)>> {
    let (text, number) = match l {
        Literal::Number(n) => (n.as_str(), true),
        Literal::String(s, _) => (s.as_str(), false),
        Literal::Typed(_, s) => return (!s.contains(MARK)).then_some(None),
        Literal::Null | Literal::Bool(_) => return Some(None),
    };
    let (negated, rest) = match text.strip_prefix('-') {
        Some(rest) if number => (true, rest),
        _ => (false, text),
    };
    match rest.strip_prefix(MARK) {
        Some(k) => Some(Some((k.parse().ok()?, negated))),
        None => (!text.contains(MARK)).then_some(None),
    }
}

impl Made {
    /// The statement with its literals' values put in: `value(k)` is the text of the literal
    /// slot `k` names (a token of the template's shape; for `text_cache`, a number of the text).
    pub(super) fn with_literals<'a>(&self, value: impl Fn(usize) -> Option<&'a str>) -> Statement {
        let mut statement = self.statement.clone();
        let mut slots = self.slots.iter();
        let _ = walk::statement(&mut statement, &mut |e| {
            if let Expr::Literal(l) = e
                && let Some(Some((k, negated))) = slots.next()
                && let Some(v) = value(*k)
            {
                match l {
                    Literal::Number(n) => {
                        n.clear();
                        if *negated {
                            n.push('-');
                        }
                        n.push_str(v);
                    }
                    Literal::String(s, _) => v.clone_into(s),
                    _ => {}
                }
            }
            Ok(false)
        });
        statement
    }
}

/// The value of literal token `k` of `raw`, for `Made::with_literals`.
fn token_value<'a>(raw: &'a [TokenWithSpan]) -> impl Fn(usize) -> Option<&'a str> {
    |k| match &raw.get(k)?.token {
        Token::Number(v, _) | Token::SingleQuotedString(v) => Some(v.as_str()),
        _ => None,
    }
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

/// What `f` returns with no template at hand (the templates kept are put back after).
#[cfg(test)]
pub(super) fn without_templates<T>(f: impl FnOnce() -> T) -> T {
    let saved = CACHE.with(|c| c.replace(HashMap::default()));
    let result = f();
    CACHE.with(|c| c.replace(saved));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `parse_statement` makes of `text` with no template at hand.
    fn uncached(text: &str) -> Result<Statement> {
        let texts = text_cache::take();
        let statement = without_templates(|| crate::sql::parse_statement(text));
        text_cache::restore(texts);
        statement
    }

    /// Whether the shape of `text` has a template with fksim's statement kept.
    fn made(text: &str) -> bool {
        let raw = crate::sql::lex::tokenize(text).expect("tokenizes");
        let hash = shape_hash(text, &raw).expect("a shape");
        CACHE.with(|c| matches!(c.borrow().get(&hash), Some(Entry::Kept(t)) if t.made.is_some()))
    }

    /// Each text, parsed twice after the ones before it (a template for it when the shapes
    /// agree), comes out as it does with no template.
    fn same_as_uncached(texts: &[&str]) {
        for text in texts {
            for _ in 0..2 {
                let cached = crate::sql::parse_statement(text);
                assert_eq!(format!("{cached:?}"), format!("{:?}", uncached(text)), "{text}");
            }
        }
    }

    #[test]
    fn literals_of_a_known_shape_are_put_in() {
        same_as_uncached(&[
            "UPDATE orders SET note = 'x' WHERE id = 98;",
            "UPDATE orders SET note = 'y' WHERE id = 99;",
            "UPDATE orders SET note = 'y''' WHERE id = 9;",
            "SELECT name FROM customers WHERE id = 8;",
            "SELECT name FROM customers WHERE id = 1e5;",
            "SELECT name FROM customers WHERE id = -5 OR id = - 6;",
            "SELECT name FROM customers WHERE id = -7 OR id = - 8;",
            "DELETE FROM customers WHERE id BETWEEN 14 AND (2 + -3) RETURNING id, 'a';",
            "DELETE FROM customers WHERE id BETWEEN 15 AND (7 + -1) RETURNING id, 'b';",
            "SELECT a::text, 'q' AS b FROM t WHERE c IS NOT NULL AND d = 'e';",
            "SELECT a::text, 'r' AS b FROM t WHERE c IS NOT NULL AND d = 'f';",
        ]);
        assert!(made("UPDATE orders SET note = 'z' WHERE id = 97;"));
        assert!(made("SELECT name FROM customers WHERE id = 7;"));
        assert!(made("DELETE FROM customers WHERE id BETWEEN 16 AND (8 + -1) RETURNING id, 'c';"));
    }

    #[test]
    fn a_template_is_kept_only_when_every_literal_was_found() {
        let shape = "SELECT CAST(a AS varchar(10)) FROM t WHERE b = 'q' LIMIT 5;";
        let raw = crate::sql::lex::tokenize(shape).unwrap();
        let tree = Parser::parse_sql(&PostgreSqlDialect {}, shape).unwrap();
        let cx_tokens = crate::sql::lex::Tokens::new(shape).unwrap();
        let cx = Cx {
            positions: crate::sql::lex::Positions::new(shape),
            tokens: &cx_tokens,
            actions: Vec::new(),
            references: Vec::new(),
            alter_constraints: Vec::new(),
            read_session: Default::default(),
        };
        assert!(template_of(raw, tree, &Ok(Statement::Empty), &cx).is_none());
        same_as_uncached(&[
            shape,
            "SELECT CAST(a AS varchar(12)) FROM t WHERE b = 'r' LIMIT 6;",
            "SELECT a FROM t ORDER BY 1;",
            "SELECT a FROM t ORDER BY 2;",
            "SELECT -5, 'a' FROM t;",
            "SELECT -6, 'b' FROM t;",
            "SELECT DATE '2024-01-01' FROM t WHERE a = 1;",
            "SELECT DATE '2024-01-02' FROM t WHERE a = 2;",
        ]);
        assert!(!made("SELECT a FROM t ORDER BY 3;"));
    }

    #[test]
    fn statements_differing_in_more_than_literals_do_not_share() {
        same_as_uncached(&[
            "SELECT a FROM t WHERE b = 12;",
            "SELECT a FROM t WHERE b = '1';",
            "SELECT a FROM t WHERE c = 12;",
            "select a FROM t WHERE b = 12;",
            "SELECT a FROM t WHERE b = 12 ;",
        ]);
    }
}
