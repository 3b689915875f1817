//! `UPDATE ... SET a[i] = x` and `SET a[lo:hi] = array`, which sqlparser does not read: the
//! subscripts are blanked out of the text it parses, then read back from the tokens and bound
//! as a call that makes the new array (the engine's `array_assign.rs`).

use sqlparser::tokenizer::Token;

use crate::error::Result;
use crate::sql::ast::{Expr, Ident, Literal};
use crate::sql::expr::Cx;
use crate::sql::lex::Tokens;

/// The call name of `SET a[i] = x`: (array, subscripts..., value).
pub const ASSIGN: &str = "array assign";
/// The call name of `SET a[lo:hi] = array`: (array, lo, hi, value).
pub const ASSIGN_SLICE: &str = "array assign slice";

/// The `[...]` groups written right after token `i` (token indexes of each `[` and its `]`).
fn subscript_groups(tokens: &Tokens, mut i: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    while tokens.is(i + 1, &Token::LBracket) {
        let open = i + 1;
        let mut depth = 0;
        let mut close = None;
        for (k, (t, _, _)) in tokens.items.iter().enumerate().skip(open) {
            match t {
                Token::LBracket => depth += 1,
                Token::RBracket => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        groups.push((open, close));
        i = close;
    }
    groups
}

/// The statement text with the subscripts of SET targets blanked (same length, lines kept), or
/// None when it has none.
pub fn blank_targets(text: &str, tokens: &Tokens) -> Option<String> {
    let mut spans = Vec::new();
    let mut in_set = false;
    let mut depth = 0i32;
    for i in 0..tokens.items.len() {
        match &tokens.items[i].0 {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth -= 1,
            _ => {}
        }
        if tokens.is_word(i, "set") {
            in_set = true;
            depth = 0;
            continue;
        }
        if tokens.is_word(i, "where") || tokens.is_word(i, "from") || tokens.is_word(i, "returning")
        {
            in_set = false;
        }
        let target = in_set
            && depth == 0
            && i > 0
            && (tokens.is_word(i - 1, "set") || tokens.is(i - 1, &Token::Comma))
            && matches!(tokens.items[i].0, Token::Word(_));
        if !target {
            continue;
        }
        let groups = subscript_groups(tokens, i);
        if let (Some(first), Some(last)) = (groups.first(), groups.last()) {
            let from = tokens.items[first.0].1;
            let to = tokens.items[last.1].1 + 1;
            spans.push((from, to));
        }
    }
    if spans.is_empty() {
        return None;
    }
    let blank = |i: usize| spans.iter().any(|(f, t)| (*f..*t).contains(&i));
    Some(
        text.chars()
            .enumerate()
            .map(|(i, c)| if blank(i) && c != '\n' { ' ' } else { c })
            .collect(),
    )
}

/// fksim's refusal of `INSERT INTO t (a[1]) ...`: subscripts in an INSERT's column list.
pub fn refuse_insert_targets(tokens: &Tokens) -> Option<crate::error::Error> {
    if !(tokens.is_word(0, "insert") && tokens.is_word(1, "into")) {
        return None;
    }
    let open = (2..tokens.items.len()).find(|&i| tokens.is(i, &Token::LParen))?;
    let before_list = (2..open).all(|i| {
        matches!(tokens.items[i].0, Token::Word(_) | Token::Period)
            && !tokens.is_word(i, "values")
            && !tokens.is_word(i, "select")
    });
    let close = (open..tokens.items.len()).find(|&i| tokens.is(i, &Token::RParen))?;
    let subscripted = (open..close).any(|i| tokens.is(i, &Token::LBracket));
    (before_list && subscripted).then(|| {
        crate::error::Error::unsupported(
            "assigning to array elements in an INSERT's column list is not supported by fksim",
        )
    })
}

impl Cx<'_> {
    /// `value` as the new value of `column` when the target was written with subscripts
    /// (`a[i]` or `a[lo:hi]`); `value` itself otherwise.
    pub(crate) fn subscripted_assignment(&self, column: &Ident, value: Expr) -> Result<Expr> {
        let Some(start) = column.pos.map(|p| p - 1) else { return Ok(value) };
        let Some(i) = self.tokens.items.iter().position(|(_, at, _)| *at == start) else {
            return Ok(value);
        };
        let groups = subscript_groups(self.tokens, i);
        if groups.is_empty() {
            return Ok(value);
        }
        let target = Expr::Column { table: None, name: column.name.clone(), pos: column.pos };
        let mut args = vec![target];
        let mut slice = false;
        for (open, close) in &groups {
            let colon = (open + 1..*close).find(|k| self.tokens.is(*k, &Token::Colon));
            match colon {
                Some(c) => {
                    slice = true;
                    args.push(self.bound_between(*open, c, "-2147483648")?);
                    args.push(self.bound_between(c, *close, "2147483647")?);
                }
                None => args.push(self.bound_between(*open, *close, "")?),
            }
        }
        args.push(value);
        let name = if slice { ASSIGN_SLICE } else { ASSIGN };
        Ok(self.call(name, args, column.pos))
    }

    /// The expression written between tokens `from` and `to` (both excluded), parsed in place
    /// so its positions are the statement's; `omitted` when there is none.
    fn bound_between(&self, from: usize, to: usize, omitted: &str) -> Result<Expr> {
        if to == from + 1 {
            return Ok(Expr::Literal(Literal::Number(omitted.to_string())));
        }
        // The tokens between, each at its own offset (one line: offsets are what errors keep).
        let mut only = String::new();
        let mut len = 0;
        for (_, at, src) in &self.tokens.items[from + 1..to] {
            while len < *at {
                only.push(' ');
                len += 1;
            }
            only.push_str(src);
            len += src.chars().count();
        }
        crate::sql::parse_expression(&only)
    }
}
