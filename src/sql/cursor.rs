//! A cursor over a statement's tokens, for the utility statements fksim parses itself
//! (SET/SHOW/RESET and the access-control statements) instead of through sqlparser.

use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::{Ident, ObjectName};
use crate::sql::lex::{Tokens, fold};

/// Position in a token list, with PostgreSQL-style syntax errors at the current token.
pub struct Cursor<'a> {
    /// The statement's tokens.
    pub tokens: &'a Tokens,
    /// The statement's text (for the end-of-input position).
    pub text: &'a str,
    /// Index of the current token.
    pub i: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the first token.
    pub fn new(tokens: &'a Tokens, text: &'a str) -> Self {
        Cursor { tokens, text, i: 0 }
    }

    /// The current token.
    pub fn peek(&self) -> Option<&Token> {
        self.tokens.items.get(self.i).map(|(t, _, _)| t)
    }

    /// The 1-based position of the current token.
    pub fn pos(&self) -> Option<usize> {
        self.tokens.items.get(self.i).map(|(_, start, _)| start + 1)
    }

    /// True when token `i + ahead` is the bare (unquoted) word `word`, case-insensitively.
    pub fn is_word_at(&self, ahead: usize, word: &str) -> bool {
        self.tokens.is_word(self.i + ahead, word)
    }

    /// True when the current token is the bare word `word`.
    pub fn is_word(&self, word: &str) -> bool {
        self.is_word_at(0, word)
    }

    /// Consumes the bare word `word` if it is next.
    pub fn eat(&mut self, word: &str) -> bool {
        let yes = self.is_word(word);
        if yes {
            self.i += 1;
        }
        yes
    }

    /// Consumes the words of `words` if they all come next, in order.
    pub fn eat_all(&mut self, words: &[&str]) -> bool {
        let yes = words.iter().enumerate().all(|(k, w)| self.is_word_at(k, w));
        if yes {
            self.i += words.len();
        }
        yes
    }

    /// Consumes the bare word `word` or fails with a syntax error at the current token.
    pub fn expect(&mut self, word: &str) -> Result<()> {
        if self.eat(word) { Ok(()) } else { Err(self.syntax_error()) }
    }

    /// Steps over the current token.
    pub fn advance(&mut self) {
        self.i += 1;
    }

    /// Consumes `tok` if it is next.
    pub fn eat_token(&mut self, tok: &Token) -> bool {
        let yes = self.tokens.is(self.i, tok);
        if yes {
            self.i += 1;
        }
        yes
    }

    /// Consumes `tok` or fails with a syntax error.
    pub fn expect_token(&mut self, tok: &Token) -> Result<()> {
        if self.eat_token(tok) { Ok(()) } else { Err(self.syntax_error()) }
    }

    /// An identifier (folded unless quoted).
    pub fn ident(&mut self) -> Result<Ident> {
        match self.tokens.items.get(self.i) {
            Some((Token::Word(w), start, _)) => {
                self.i += 1;
                Ok(Ident { name: fold(&w.value, w.quote_style.is_some()), pos: Some(start + 1) })
            }
            _ => Err(self.syntax_error()),
        }
    }

    /// A name of one or more dotted parts, folded.
    pub fn dotted(&mut self) -> Result<Vec<Ident>> {
        let mut parts = vec![self.ident()?];
        while self.tokens.is(self.i, &Token::Period) {
            self.i += 1;
            parts.push(self.ident()?);
        }
        Ok(parts)
    }

    /// `[schema.]name`.
    pub fn object_name(&mut self) -> Result<ObjectName> {
        let start = self.i;
        let mut parts = self.dotted()?;
        let pos = parts[0].pos;
        match parts.len() {
            1 => Ok(ObjectName { schema: None, name: parts.remove(0).name, pos }),
            2 => {
                let schema = parts.remove(0).name;
                Ok(ObjectName { schema: Some(schema), name: parts.remove(0).name, pos })
            }
            _ => {
                let dotted: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
                self.i = start;
                Err(Error::new(
                    "42601",
                    format!(
                        "improper qualified name (too many dotted names): {}",
                        dotted.join(".")
                    ),
                )
                .at(pos))
            }
        }
    }

    /// A comma-separated list of `item`s.
    pub fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let mut out = vec![item(self)?];
        while self.eat_token(&Token::Comma) {
            out.push(item(self)?);
        }
        Ok(out)
    }

    /// A quoted string literal.
    pub fn string(&mut self) -> Result<String> {
        match self.peek() {
            Some(
                Token::SingleQuotedString(s)
                | Token::EscapedStringLiteral(s)
                | Token::NationalStringLiteral(s),
            ) => {
                let s = s.clone();
                self.i += 1;
                Ok(s)
            }
            Some(Token::DollarQuotedString(d)) => {
                let s = d.value.clone();
                self.i += 1;
                Ok(s)
            }
            _ => Err(self.syntax_error()),
        }
    }

    /// Skips a parenthesised group (an argument list), returning its source text.
    pub fn skip_parens(&mut self) -> Result<String> {
        let from = self.i;
        self.expect_token(&Token::LParen)?;
        let mut depth = 1;
        while depth > 0 {
            match self.peek() {
                Some(Token::LParen) => depth += 1,
                Some(Token::RParen) => depth -= 1,
                None => return Err(self.syntax_error()),
                _ => {}
            }
            self.i += 1;
        }
        let parts: Vec<&str> =
            self.tokens.items[from..self.i].iter().map(|(_, _, s)| s.as_str()).collect();
        Ok(parts.concat())
    }

    /// The source text of the tokens from `from` up to the current one.
    pub fn source_since(&self, from: usize) -> String {
        self.tokens.items[from..self.i]
            .iter()
            .map(|(_, _, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Succeeds when only an optional `;` is left.
    pub fn finish(&mut self) -> Result<()> {
        self.eat_token(&Token::SemiColon);
        if self.i < self.tokens.items.len() { Err(self.syntax_error()) } else { Ok(()) }
    }

    /// True when nothing but an optional `;` is left.
    pub fn at_end(&self) -> bool {
        self.i >= self.tokens.items.len()
            || (self.tokens.is(self.i, &Token::SemiColon) && self.i + 1 >= self.tokens.items.len())
    }

    /// `syntax error at or near` the current token (or at end of input).
    pub fn syntax_error(&self) -> Error {
        match self.tokens.items.get(self.i) {
            None => Error::syntax_at_end(Some(self.text.trim_end().chars().count() + 1)),
            Some((_, start, source)) => Error::syntax_near(source, Some(start + 1)),
        }
    }
}
