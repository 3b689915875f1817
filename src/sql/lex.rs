//! Token-level work around sqlparser: positions, PostgreSQL-style syntax errors, and the two
//! PostgreSQL forms sqlparser does not know (`SET CONSTRAINTS`, `ON DELETE SET NULL (cols)`).

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::ParserError;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

use crate::error::{Error, Result};
use crate::sql::ast::{Ident, ObjectName, Pos, Statement};

/// Maps sqlparser's line/column locations to PostgreSQL's 1-based character offsets.
pub struct Positions {
    /// Character offset at which each line starts.
    line_starts: Vec<usize>,
}

impl Positions {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Positions {
        let mut line_starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        Positions { line_starts }
    }

    /// The 1-based character offset of `loc`, or None for sqlparser's empty location.
    pub fn of(&self, loc: Location) -> Pos {
        if loc.line == 0 || loc.column == 0 {
            return None;
        }
        let start = *self.line_starts.get(usize::try_from(loc.line).ok()? - 1)?;
        Some(start + usize::try_from(loc.column).ok()?)
    }
}

/// The statement's tokens without whitespace and comments, each with its character offset
/// (0-based) and the source text it came from.
pub struct Tokens {
    /// (token, 0-based char offset, source text of the token)
    pub items: Vec<(Token, usize, String)>,
    /// Every token as the tokenizer returned it (whitespace included), for a parser of the
    /// same text to take instead of tokenizing it again.
    pub raw: Vec<TokenWithSpan>,
}

impl Tokens {
    /// Tokenizes `text` as PostgreSQL does (closely enough for statement shapes and error tokens).
    pub fn new(text: &str) -> Result<Tokens> {
        Ok(Tokens::of(text, tokenize(text)?))
    }

    /// The tokens of `text`, `raw` being sqlparser's tokens of it.
    pub fn of(text: &str, raw: Vec<TokenWithSpan>) -> Tokens {
        let positions = Positions::new(text);
        // In ASCII text a character offset is a byte offset: no character table needed.
        let ascii = text.is_ascii();
        let chars: Vec<char> = if ascii { Vec::new() } else { text.chars().collect() };
        let len = if ascii { text.len() } else { chars.len() };
        let starts: Vec<usize> =
            raw.iter().map(|t| positions.of(t.span.start).map_or(len, |p| p - 1)).collect();
        let mut items = Vec::with_capacity(raw.len());
        for (i, t) in raw.iter().enumerate() {
            if matches!(t.token, Token::Whitespace(_) | Token::EOF) {
                continue;
            }
            let start = starts[i].min(len);
            let end = starts.get(i + 1).copied().unwrap_or(len).clamp(start, len);
            let source = if ascii {
                text[start..end].trim_end().to_string()
            } else {
                chars[start..end].iter().collect::<String>().trim_end().to_string()
            };
            items.push((t.token.clone(), start, source));
        }
        Tokens { items, raw }
    }

    /// True when token `i` is the keyword `kw`.
    pub fn is_kw(&self, i: usize, kw: Keyword) -> bool {
        matches!(self.items.get(i), Some((Token::Word(w), _, _)) if w.keyword == kw && w.quote_style.is_none())
    }

    /// The index of the first token starting at or after 0-based char offset `offset`.
    pub fn index_from(&self, offset: usize) -> usize {
        self.items.partition_point(|(_, start, _)| *start < offset)
    }

    /// True when token `i` is the unquoted word `word` (for words sqlparser has no keyword for).
    pub fn is_word(&self, i: usize, word: &str) -> bool {
        matches!(self.items.get(i), Some((Token::Word(w), _, _)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(word))
    }

    /// True when token `i` is `tok`.
    pub fn is(&self, i: usize, tok: &Token) -> bool {
        matches!(self.items.get(i), Some((t, _, _)) if t == tok)
    }
}

/// sqlparser's tokens of `text`, whitespace included; a tokenizer failure is PostgreSQL's 42601.
pub fn tokenize(text: &str) -> Result<Vec<TokenWithSpan>> {
    Tokenizer::new(&PostgreSqlDialect {}, text).tokenize_with_location().map_err(|e| {
        let pos = Positions::new(text).of(e.location);
        Error::new("42601", tokenizer_message(&e.message, text, pos)).at(pos)
    })
}

/// PostgreSQL's wording for a tokenizer failure (an unterminated string or comment).
fn tokenizer_message(message: &str, text: &str, pos: Pos) -> String {
    if message.contains("Unterminated string") || message.contains("Unterminated encoded string") {
        let rest: String = text.chars().skip(pos.unwrap_or(1) - 1).collect();
        format!("unterminated quoted string at or near \"{}\"", rest.trim_end())
    } else if message.contains("Unterminated dollar") {
        "unterminated dollar-quoted string".to_string()
    } else if message.contains("comment") {
        "unterminated /* comment".to_string()
    } else if message.contains("delimited") || message.contains("quoted identifier") {
        "unterminated quoted identifier".to_string()
    } else {
        "syntax error".to_string()
    }
}

/// Turns a sqlparser error into PostgreSQL's `syntax error at or near "tok"` (42601), pointing
/// at the token sqlparser stopped on; at the end of the text it is `syntax error at end of input`.
pub fn syntax_error(err: &ParserError, text: &str, tokens: &Tokens) -> Error {
    let msg = err.to_string();
    if matches!(err, ParserError::RecursionLimitExceeded) {
        return Error::new("54001", "stack depth limit exceeded")
            .with_hint("Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the platform's stack depth limit is adequate.");
    }
    let location = parse_location(&msg);
    let offset = location.and_then(|loc| Positions::new(text).of(loc)).map(|p| p - 1);
    let found_eof = msg.contains("found: EOF");
    let token = offset.and_then(|o| tokens.items.iter().find(|(_, start, _)| *start >= o));
    match token {
        Some((_, start, source)) if !found_eof => Error::syntax_near(source, Some(start + 1)),
        _ => Error::syntax_at_end(Some(text.trim_end().chars().count() + 1)),
    }
}

/// The `at Line: L, Column: C` part of a sqlparser message.
fn parse_location(msg: &str) -> Option<Location> {
    let at = msg.rfind(" at Line: ")?;
    let rest = &msg[at + " at Line: ".len()..];
    let (line, col) = rest.split_once(", Column: ")?;
    let line: u64 = line.trim().parse().ok()?;
    let col: u64 = col.trim().trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?;
    Some(Location::new(line, col))
}

/// Folds an identifier as PostgreSQL does: unquoted names go to lower case.
pub fn fold(value: &str, quoted: bool) -> String {
    if quoted { value.to_string() } else { value.to_lowercase() }
}

/// `[NOT] ENFORCED` on a constraint is PostgreSQL 18 syntax: PostgreSQL 15 knows no such word
/// there and stops with a syntax error at it. The word stays a plain name where a column or
/// constraint name may stand (after `(`, `,`, COLUMN, ADD, TO, CONSTRAINT).
pub fn enforced_error(tokens: &Tokens, text: &str) -> Option<Error> {
    let table_ddl = (tokens.is_word(0, "create") || tokens.is_word(0, "alter"))
        && (1..4).any(|i| tokens.is_word(i, "table"));
    if !table_ddl {
        return None;
    }
    let i = (1..tokens.items.len()).find(|&i| {
        tokens.is_word(i, "enforced")
            && !(tokens.is(i - 1, &Token::LParen)
                || tokens.is(i - 1, &Token::Comma)
                || ["column", "add", "to", "constraint"].iter().any(|w| tokens.is_word(i - 1, w)))
    })?;
    Some(error_at_token(tokens, i, text))
}

/// Recognises `SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}`, which sqlparser
/// does not parse. Returns None when the statement is something else.
pub fn set_constraints(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    if !(tokens.is_kw(0, Keyword::SET) && tokens.is_word(1, "constraints")) {
        return None;
    }
    let mut i = 2;
    let names = if tokens.is_kw(i, Keyword::ALL) {
        i += 1;
        None
    } else {
        let mut names = Vec::new();
        loop {
            let mut parts = Vec::new();
            let mut start = None;
            while let Some((Token::Word(w), off, _)) = tokens.items.get(i) {
                start.get_or_insert(*off + 1);
                parts.push(fold(&w.value, w.quote_style.is_some()));
                i += 1;
                if !tokens.is(i, &Token::Period) {
                    break;
                }
                i += 1;
            }
            let name = match parts.len() {
                1 => ObjectName { schema: None, name: parts.remove(0), pos: start },
                2 => {
                    ObjectName { schema: Some(parts.remove(0)), name: parts.remove(0), pos: start }
                }
                _ => return Some(Err(error_at_token(tokens, i, text))),
            };
            names.push(name);
            if tokens.is(i, &Token::Comma) {
                i += 1;
            } else {
                break;
            }
        }
        Some(names)
    };
    let deferred = if tokens.is_kw(i, Keyword::DEFERRED) {
        true
    } else if tokens.is_kw(i, Keyword::IMMEDIATE) {
        false
    } else {
        return Some(Err(error_at_token(tokens, i, text)));
    };
    i += 1;
    if tokens.is(i, &Token::SemiColon) {
        i += 1;
    }
    if i < tokens.items.len() {
        return Some(Err(error_at_token(tokens, i, text)));
    }
    Some(Ok(Statement::SetConstraints { names, deferred }))
}

/// `syntax error at or near` token `i` (or at end of input).
pub fn error_at_token(tokens: &Tokens, i: usize, text: &str) -> Error {
    match tokens.items.get(i) {
        Some((_, start, source)) => Error::syntax_near(source, Some(start + 1)),
        None => Error::syntax_at_end(Some(text.trim_end().chars().count() + 1)),
    }
}

/// A `SET NULL (cols)` / `SET DEFAULT (cols)` column list, cut out of the text before sqlparser
/// sees it.
#[derive(Debug, Clone)]
pub struct ActionColumns {
    /// Offset of the `REFERENCES` keyword this action belongs to.
    pub references_at: usize,
    /// True for ON DELETE, false for ON UPDATE.
    pub on_delete: bool,
    /// The listed columns.
    pub columns: Vec<Ident>,
    /// Position of the `ON` keyword (PostgreSQL reports errors about the list there).
    pub pos: Pos,
}

/// Finds every `ON {DELETE|UPDATE} SET {NULL|DEFAULT} (cols)` and returns the text with those
/// column lists blanked out (positions unchanged), plus the lists and the offsets of each
/// `REFERENCES` keyword.
pub fn extract_action_columns(
    text: &str,
    tokens: &Tokens,
) -> (String, Vec<ActionColumns>, Vec<usize>) {
    // The text's characters, taken only once a list is there to blank.
    let mut chars: Option<Vec<char>> = None;
    let mut found = Vec::new();
    let mut references = Vec::new();
    let mut i = 0;
    while i < tokens.items.len() {
        if tokens.is_kw(i, Keyword::REFERENCES) {
            references.push(tokens.items[i].1);
        }
        let is_action = tokens.is_kw(i, Keyword::ON)
            && (tokens.is_kw(i + 1, Keyword::DELETE) || tokens.is_kw(i + 1, Keyword::UPDATE))
            && tokens.is_kw(i + 2, Keyword::SET)
            && (tokens.is_kw(i + 3, Keyword::NULL) || tokens.is_kw(i + 3, Keyword::DEFAULT))
            && tokens.is(i + 4, &Token::LParen);
        if !is_action {
            i += 1;
            continue;
        }
        let Some(&references_at) = references.last() else {
            i += 1;
            continue;
        };
        let mut columns = Vec::new();
        let mut j = i + 5;
        while let Some((tok, off, _)) = tokens.items.get(j) {
            match tok {
                Token::Word(w) => columns.push(Ident {
                    name: fold(&w.value, w.quote_style.is_some()),
                    pos: Some(off + 1),
                }),
                Token::Comma => {}
                _ => break,
            }
            j += 1;
        }
        if !tokens.is(j, &Token::RParen) {
            i += 1;
            continue;
        }
        let (from, to) = (tokens.items[i + 4].1, tokens.items[j].1);
        let chars = chars.get_or_insert_with(|| text.chars().collect());
        for c in chars.iter_mut().take(to + 1).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
        found.push(ActionColumns {
            references_at,
            on_delete: tokens.is_kw(i + 1, Keyword::DELETE),
            columns,
            pos: Some(tokens.items[i].1 + 1),
        });
        i = j + 1;
    }
    let text = chars.map_or_else(|| text.to_string(), |c| c.into_iter().collect());
    (text, found, references)
}
