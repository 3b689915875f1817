//! `ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY ...]`, which sqlparser
//! does not parse: read from the tokens with PostgreSQL 15's grammar checks, then hidden from
//! sqlparser as a `DROP CONSTRAINT name` of the same length so the other operations keep
//! their positions.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::lex::{Tokens, error_at_token};

/// One `ALTER CONSTRAINT` operation as PostgreSQL's `processCASbits` leaves it: a property not
/// written is false, so `ALTER CONSTRAINT c INITIALLY IMMEDIATE` also makes c NOT DEFERRABLE.
#[derive(Debug, Clone)]
pub struct AlterConstraintSpec {
    /// 0-based char offset of the constraint name (where sqlparser's DROP CONSTRAINT names it).
    pub name_at: usize,
    /// DEFERRABLE, or implied by INITIALLY DEFERRED.
    pub deferrable: bool,
    /// INITIALLY DEFERRED.
    pub initially_deferred: bool,
}

/// The constraint attribute keywords of gram.y's `ConstraintAttributeElem`.
#[derive(Clone, Copy, PartialEq)]
enum Elem {
    Deferrable,
    NotDeferrable,
    InitiallyDeferred,
    InitiallyImmediate,
    NotValid,
    NoInherit,
}

/// Finds every top-level `ALTER CONSTRAINT` of an ALTER TABLE and returns the text with each
/// turned into `DROP  CONSTRAINT name` (attributes blanked), and the specs. Statements of
/// another kind come back unchanged.
pub fn extract_alter_constraints(
    text: &str,
    tokens: &Tokens,
) -> Result<(String, Vec<AlterConstraintSpec>)> {
    let mut specs = Vec::new();
    if !(tokens.is_kw(0, Keyword::ALTER) && tokens.is_kw(1, Keyword::TABLE)) {
        return Ok((text.to_string(), specs));
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mut depth = 0usize;
    let mut i = 2;
    while i < tokens.items.len() {
        match tokens.items[i].0 {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0
            || !(tokens.is_kw(i, Keyword::ALTER) && tokens.is_kw(i + 1, Keyword::CONSTRAINT))
        {
            i += 1;
            continue;
        }
        let name_at = match tokens.items.get(i + 2) {
            Some((Token::Word(w), off, _)) if !is_reserved_here(w.keyword) => *off,
            _ => return Err(error_at_token(tokens, i + 2, text)),
        };
        let (elems, end) = read_elems(tokens, i + 3, text)?;
        if !(end >= tokens.items.len()
            || tokens.is(end, &Token::Comma)
            || tokens.is(end, &Token::SemiColon))
        {
            return Err(error_at_token(tokens, end, text));
        }
        let has = |e: Elem| elems.contains(&e);
        // processCASbits: the FOREIGN KEY form refuses NOT VALID and NO INHERIT here.
        if has(Elem::NotValid) {
            return Err(Error::unsupported("FOREIGN KEY constraints cannot be marked NOT VALID"));
        }
        if has(Elem::NoInherit) {
            return Err(Error::unsupported("FOREIGN KEY constraints cannot be marked NO INHERIT"));
        }
        specs.push(AlterConstraintSpec {
            name_at,
            deferrable: has(Elem::Deferrable) || has(Elem::InitiallyDeferred),
            initially_deferred: has(Elem::InitiallyDeferred),
        });
        // "ALTER" → "DROP ", the attributes → blanks: same length, same positions.
        let at = tokens.items[i].1;
        for (k, c) in "DROP ".chars().enumerate() {
            if let Some(slot) = chars.get_mut(at + k) {
                *slot = c;
            }
        }
        let blank_from = tokens.items.get(i + 3).map_or(chars.len(), |t| t.1);
        let blank_to = tokens.items.get(end).map_or(chars.len(), |t| t.1);
        for c in chars.iter_mut().take(blank_to).skip(blank_from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    Ok((chars.into_iter().collect(), specs))
}

/// Keywords that cannot name a constraint where gram.y expects a `name`.
fn is_reserved_here(kw: Keyword) -> bool {
    matches!(kw, Keyword::DEFERRABLE | Keyword::INITIALLY | Keyword::NOT | Keyword::CONSTRAINT)
}

/// Reads `ConstraintAttributeSpec` from token `i`: the elements, and the index after them.
/// Conflicts are gram.y's errors, at the element that conflicts.
fn read_elems(tokens: &Tokens, mut i: usize, text: &str) -> Result<(Vec<Elem>, usize)> {
    let mut elems: Vec<Elem> = Vec::new();
    loop {
        let (elem, len) = if tokens.is_kw(i, Keyword::DEFERRABLE) {
            (Elem::Deferrable, 1)
        } else if tokens.is_kw(i, Keyword::NOT) && tokens.is_kw(i + 1, Keyword::DEFERRABLE) {
            (Elem::NotDeferrable, 2)
        } else if tokens.is_kw(i, Keyword::NOT) && tokens.is_word(i + 1, "valid") {
            (Elem::NotValid, 2)
        } else if tokens.is_kw(i, Keyword::NO) && tokens.is_kw(i + 1, Keyword::INHERIT) {
            (Elem::NoInherit, 2)
        } else if tokens.is_kw(i, Keyword::INITIALLY) {
            if tokens.is_kw(i + 1, Keyword::DEFERRED) {
                (Elem::InitiallyDeferred, 2)
            } else if tokens.is_kw(i + 1, Keyword::IMMEDIATE) {
                (Elem::InitiallyImmediate, 2)
            } else {
                return Err(error_at_token(tokens, i + 1, text));
            }
        } else if tokens.is_kw(i, Keyword::NOT) || tokens.is_kw(i, Keyword::NO) {
            return Err(error_at_token(tokens, i + 1, text));
        } else {
            return Ok((elems, i));
        };
        let pos = tokens.items.get(i).map(|t| t.1 + 1);
        let has = |e: Elem| elems.contains(&e) || elem == e;
        if has(Elem::NotDeferrable) && has(Elem::InitiallyDeferred) {
            return Err(Error::new(
                "42601",
                "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
            )
            .at(pos));
        }
        if (has(Elem::NotDeferrable) && has(Elem::Deferrable))
            || (has(Elem::InitiallyDeferred) && has(Elem::InitiallyImmediate))
        {
            return Err(Error::new("42601", "conflicting constraint properties").at(pos));
        }
        elems.push(elem);
        i += len;
    }
}
