//! The inference target of `INSERT ... ON CONFLICT (elements) [WHERE predicate]`: sqlparser
//! reads plain column names only, so expression elements (`lower(email)`) are swapped for
//! placeholder names before it parses and read back from the original tokens afterwards.

use sqlparser::ast as sp;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::{ConflictElement, ConflictTarget, Ident};
use crate::sql::expr::Cx;
use crate::sql::lex::Tokens;

/// The placeholder's first character: a quoted name no real column starts with.
const MARK: char = '\u{1}';

/// The token ranges `[from, to)` of each element of the first `ON CONFLICT ( ... )` list.
fn elements(tokens: &Tokens) -> Vec<(usize, usize)> {
    let Some(open) = (1..tokens.items.len()).find(|&i| {
        tokens.is_kw(i - 1, Keyword::ON)
            && tokens.is_kw(i, Keyword::CONFLICT)
            && tokens.is(i + 1, &Token::LParen)
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 2;
    for i in open + 2..tokens.items.len() {
        match tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen if depth == 0 => {
                out.push((start, i));
                return out;
            }
            Token::RParen => depth -= 1,
            Token::Comma if depth == 0 => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The text with every ON CONFLICT element that is not a lone name replaced by a quoted
/// placeholder name of the same width (positions unchanged); None when there is none.
pub fn blank_target_exprs(text: &str, tokens: &Tokens) -> Option<String> {
    let elements = elements(tokens);
    // Most statements have no ON CONFLICT list: no copy of their text.
    if elements.iter().all(|&(from, to)| to <= from + 1) {
        return None;
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mut changed = false;
    for (n, (from, to)) in elements.into_iter().enumerate() {
        if to <= from + 1 {
            continue;
        }
        let start = tokens.items[from].1;
        let last = &tokens.items[to - 1];
        let end = last.1 + last.2.chars().count();
        let name: Vec<char> = format!("\"{MARK}{n}\"").chars().collect();
        if end > chars.len() || end - start < name.len() {
            continue;
        }
        for (k, c) in chars[start..end].iter_mut().enumerate() {
            *c = name.get(k).copied().unwrap_or(if *c == '\n' { '\n' } else { ' ' });
        }
        changed = true;
    }
    changed.then(|| chars.into_iter().collect())
}

impl Cx<'_> {
    /// `(elements) [WHERE predicate]` as written, placeholders read back as expressions.
    pub fn conflict_columns(
        &self,
        columns: &[sp::Ident],
        predicate: Option<&sp::Expr>,
    ) -> Result<ConflictTarget> {
        let spans = elements(self.tokens);
        let mut out = Vec::new();
        for c in columns {
            let placeholder = match c.value.strip_prefix(MARK) {
                Some(n) if c.quote_style.is_some() => {
                    n.parse::<usize>().ok().and_then(|n| spans.get(n))
                }
                _ => None,
            };
            match placeholder {
                Some(&(from, to)) => {
                    out.push(ConflictElement::Expr(self.expr_of_tokens(from, to)?))
                }
                // PostgreSQL reports a plain column at the list's `(`.
                _ => {
                    let paren =
                        spans.first().and_then(|&(from, _)| self.tokens.items.get(from - 1));
                    let pos = paren.map(|(_, off, _)| off + 1);
                    out.push(ConflictElement::Column(Ident { pos, ..self.ident(c) }))
                }
            }
        }
        let predicate = predicate.map(|p| self.expr(p)).transpose()?;
        Ok(ConflictTarget::Columns { elements: out, predicate })
    }

    /// Tokens `[from, to)` parsed as one expression, its positions those of the statement.
    fn expr_of_tokens(&self, from: usize, to: usize) -> Result<crate::sql::ast::Expr> {
        let mut text = String::new();
        let mut len = 0;
        for (_, off, source) in &self.tokens.items[from..to] {
            while len < *off {
                text.push(' ');
                len += 1;
            }
            text.push_str(source);
            len += source.chars().count();
        }
        crate::sql::parse_expression(&text)
    }
}
