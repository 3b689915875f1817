//! PL/pgSQL, the subset trigger functions use: its tree, and the parser that builds it from a
//! function body at CREATE FUNCTION time (as PostgreSQL's validator does).

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Query, Statement};
use crate::sql::lex::{Tokens, fold};

/// A function body: its variables and statements.
#[derive(Debug, Clone, PartialEq)]
pub struct PlBlock {
    /// DECLARE section.
    pub declarations: Vec<PlVar>,
    /// BEGIN ... END.
    pub body: Vec<PlStmt>,
}

/// A declared variable.
#[derive(Debug, Clone, PartialEq)]
pub struct PlVar {
    /// Its name.
    pub name: String,
    /// Its type.
    pub data_type: DataType,
    /// Its initial value (NULL when absent).
    pub default: Option<Expr>,
}

/// One statement with the body line it starts on (for `line N` in CONTEXT).
#[derive(Debug, Clone, PartialEq)]
pub struct PlStmt {
    /// Line number within the body, as PostgreSQL counts it.
    pub line: usize,
    /// What it does.
    pub kind: PlKind,
}

/// The statements of the subset.
#[derive(Debug, Clone, PartialEq)]
pub enum PlKind {
    /// An SQL statement; `text` is as written, for `SQL statement "..."` in CONTEXT.
    Sql { statement: Box<Statement>, text: String },
    /// PERFORM query.
    Perform { query: Box<Query>, text: String },
    /// [record.]name := expr (`NEW.col := ...` changes the row a BEFORE trigger returns)
    Assign { record: Option<String>, name: String, expr: Expr },
    /// IF ... THEN ... [ELSIF ...] [ELSE ...] END IF
    If { branches: Vec<(Expr, Vec<PlStmt>)>, otherwise: Vec<PlStmt> },
    /// RAISE level 'format', args [USING DETAIL/HINT/ERRCODE = ...]
    Raise {
        level: RaiseLevel,
        format: String,
        args: Vec<Expr>,
        detail: Option<String>,
        hint: Option<String>,
        errcode: Option<String>,
    },
    /// `RETURN [expr]`
    Return(Option<Expr>),
    /// NULL;
    Null,
}

/// RAISE levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaiseLevel {
    /// DEBUG / LOG: not shown to the client.
    Debug,
    /// INFO
    Info,
    /// NOTICE
    Notice,
    /// WARNING
    Warning,
    /// EXCEPTION: aborts.
    Exception,
}

/// Parses a function body.
pub fn parse_body(body: &str) -> Result<PlBlock> {
    let tokens = Tokens::new(body).map_err(|e| e.at(None))?;
    let mut p = Parser { t: &tokens, chars: body.chars().collect(), i: 0 };
    let declarations = if p.kw(Keyword::DECLARE) { p.declarations()? } else { Vec::new() };
    p.expect_kw(Keyword::BEGIN)?;
    let body = p.statements(&["end"])?;
    p.expect_kw(Keyword::END)?;
    p.eat(&Token::SemiColon);
    if p.i < tokens.items.len() {
        return Err(p.syntax_error());
    }
    Ok(PlBlock { declarations, body })
}

struct Parser<'a> {
    t: &'a Tokens,
    chars: Vec<char>,
    i: usize,
}

impl Parser<'_> {
    fn kw(&mut self, k: Keyword) -> bool {
        let hit = self.t.is_kw(self.i, k);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn eat(&mut self, tok: &Token) -> bool {
        let hit = self.t.is(self.i, tok);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn syntax_error(&self) -> Error {
        match self.t.items.get(self.i) {
            Some((_, _, source)) => Error::syntax_near(source, None),
            None => Error::syntax_at_end(None),
        }
    }

    fn expect_kw(&mut self, k: Keyword) -> Result<()> {
        if self.kw(k) { Ok(()) } else { Err(self.syntax_error()) }
    }

    /// The body line token `i` is on (line 1 is the one the body starts on).
    fn line(&self, i: usize) -> usize {
        let start = self.t.items.get(i).map_or(self.chars.len(), |(_, s, _)| *s);
        self.chars[..start.min(self.chars.len())].iter().filter(|c| **c == '\n').count() + 1
    }

    /// The source text from token `from` up to (not including) token `to`.
    fn text(&self, from: usize, to: usize) -> String {
        let start = self.t.items.get(from).map_or(self.chars.len(), |(_, s, _)| *s);
        let end = self.t.items.get(to).map_or(self.chars.len(), |(_, s, _)| *s);
        self.chars[start.min(end)..end].iter().collect::<String>().trim_end().to_string()
    }

    /// Advances to the next token at paren depth 0 that is `;` or one of `stops`; returns its index.
    fn until(&mut self, stops: &[&str]) -> usize {
        let mut depth = 0usize;
        while let Some((tok, _, _)) = self.t.items.get(self.i) {
            match tok {
                Token::LParen => depth += 1,
                Token::RParen => depth = depth.saturating_sub(1),
                Token::SemiColon if depth == 0 => break,
                _ if depth == 0 && stops.iter().any(|w| self.t.is_word(self.i, w)) => break,
                _ => {}
            }
            self.i += 1;
        }
        self.i
    }

    fn expect_semicolon(&mut self) -> Result<()> {
        if self.eat(&Token::SemiColon) { Ok(()) } else { Err(self.syntax_error()) }
    }

    fn declarations(&mut self) -> Result<Vec<PlVar>> {
        let mut vars = Vec::new();
        while !self.t.is_kw(self.i, Keyword::BEGIN) {
            let Some((Token::Word(w), _, _)) = self.t.items.get(self.i) else {
                return Err(self.syntax_error());
            };
            let name = fold(&w.value, w.quote_style.is_some());
            self.i += 1;
            let type_start = self.i;
            let end = self.until(&["default"]);
            let mut type_end = end;
            // `name type := expr` / `= expr`
            for j in type_start..end {
                if self.t.is(j, &Token::Assignment) || self.t.is(j, &Token::Eq) {
                    type_end = j;
                    break;
                }
            }
            let data_type = crate::sql::parse_type(&self.text(type_start, type_end))?;
            let default = if type_end < end || self.t.is_kw(end, Keyword::DEFAULT) {
                self.i = type_end.min(end) + 1;
                let from = self.i;
                let to = self.until(&[]);
                Some(crate::sql::parse_expression(&self.text(from, to))?)
            } else {
                None
            };
            self.expect_semicolon()?;
            vars.push(PlVar { name, data_type, default });
        }
        Ok(vars)
    }

    fn statements(&mut self, stops: &[&str]) -> Result<Vec<PlStmt>> {
        let mut out = Vec::new();
        loop {
            if self.i >= self.t.items.len() {
                return Err(self.syntax_error());
            }
            if stops.iter().any(|w| self.t.is_word(self.i, w)) {
                return Ok(out);
            }
            out.push(self.statement()?);
        }
    }

    fn statement(&mut self) -> Result<PlStmt> {
        let start = self.i;
        const UNSUPPORTED: [&str; 12] = [
            "for",
            "foreach",
            "while",
            "loop",
            "exit",
            "continue",
            "case",
            "execute",
            "get",
            "exception",
            "declare",
            "begin",
        ];
        if let Some(word) = UNSUPPORTED.iter().find(|w| self.t.is_word(start, w)) {
            return Err(Error::unsupported(format!(
                "PL/pgSQL {} is not supported by fksim",
                word.to_uppercase()
            )));
        }
        let line = self.line(start);
        let kind = if self.kw(Keyword::IF) {
            self.if_statement()?
        } else if self.kw(Keyword::RETURN) {
            let from = self.i;
            let to = self.until(&[]);
            self.expect_semicolon()?;
            PlKind::Return(if from == to {
                None
            } else {
                Some(crate::sql::parse_expression(&self.text(from, to))?)
            })
        } else if self.kw(Keyword::RAISE) {
            self.raise()?
        } else if self.t.is_word(self.i, "perform") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&[]);
            let text = self.text(from, to);
            self.expect_semicolon()?;
            match crate::sql::parse_statement(&format!("SELECT {text}"))? {
                Statement::Query(q) => {
                    PlKind::Perform { query: Box::new(q), text: format!("SELECT {text}") }
                }
                _ => return Err(Error::syntax_near("PERFORM", None)),
            }
        } else if self.t.is_kw(self.i, Keyword::NULL) && self.t.is(self.i + 1, &Token::SemiColon) {
            self.i += 2;
            PlKind::Null
        } else if let Some((record, name, skip)) = self.assignment_target() {
            self.i += skip;
            let from = self.i;
            let to = self.until(&[]);
            self.expect_semicolon()?;
            PlKind::Assign {
                record,
                name,
                expr: crate::sql::parse_expression(&self.text(from, to))?,
            }
        } else {
            let to = self.until(&[]);
            let text = self.text(start, to);
            self.expect_semicolon()?;
            if self.t.is_word(start, "select") && (start..to).any(|j| self.t.is_word(j, "into")) {
                return Err(Error::unsupported(
                    "SELECT ... INTO in PL/pgSQL is not supported by fksim",
                ));
            }
            if (start..to).any(|j| self.t.is_word(j, "returning"))
                && (start..to).any(|j| self.t.is_word(j, "into"))
            {
                return Err(Error::unsupported(
                    "RETURNING ... INTO in PL/pgSQL is not supported by fksim",
                ));
            }
            let statement = crate::sql::parse_statement(&text).map_err(|e| e.at(None))?;
            match statement {
                Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
                | Statement::Query(_) => {}
                _ => {
                    return Err(Error::unsupported(format!(
                        "this statement in a PL/pgSQL function is not supported by fksim: {text}"
                    )));
                }
            }
            PlKind::Sql { statement: Box::new(statement), text }
        };
        Ok(PlStmt { line, kind })
    }

    /// `name :=` or `record.name :=` at the current token: (record, name, tokens to skip).
    fn assignment_target(&self) -> Option<(Option<String>, String, usize)> {
        let word = |i: usize| match self.t.items.get(i) {
            Some((Token::Word(w), _, _)) => Some(fold(&w.value, w.quote_style.is_some())),
            _ => None,
        };
        let assign = |i: usize| self.t.is(i, &Token::Assignment) || self.t.is(i, &Token::Eq);
        let first = word(self.i)?;
        if assign(self.i + 1) {
            return Some((None, first, 2));
        }
        if self.t.is(self.i + 1, &Token::Period) && assign(self.i + 3) {
            return Some((Some(first), word(self.i + 2)?, 4));
        }
        None
    }

    fn if_statement(&mut self) -> Result<PlKind> {
        let mut branches = Vec::new();
        loop {
            let from = self.i;
            let to = self.until(&["then"]);
            let cond = crate::sql::parse_expression(&self.text(from, to))?;
            self.expect_kw(Keyword::THEN)?;
            let body = self.statements(&["elsif", "elseif", "else", "end"])?;
            branches.push((cond, body));
            if self.t.is_word(self.i, "elsif") || self.t.is_word(self.i, "elseif") {
                self.i += 1;
            } else {
                break;
            }
        }
        let otherwise =
            if self.kw(Keyword::ELSE) { self.statements(&["end"])? } else { Vec::new() };
        self.expect_kw(Keyword::END)?;
        self.expect_kw(Keyword::IF)?;
        self.expect_semicolon()?;
        Ok(PlKind::If { branches, otherwise })
    }

    fn raise(&mut self) -> Result<PlKind> {
        let level = if self.kw(Keyword::EXCEPTION) {
            RaiseLevel::Exception
        } else if self.t.is_word(self.i, "notice") {
            self.i += 1;
            RaiseLevel::Notice
        } else if self.t.is_word(self.i, "warning") {
            self.i += 1;
            RaiseLevel::Warning
        } else if self.t.is_word(self.i, "info") {
            self.i += 1;
            RaiseLevel::Info
        } else if self.t.is_word(self.i, "debug") || self.t.is_word(self.i, "log") {
            self.i += 1;
            RaiseLevel::Debug
        } else {
            RaiseLevel::Exception
        };
        let format = match self.t.items.get(self.i) {
            Some((Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s), _, _)) => {
                s.clone()
            }
            _ => {
                return Err(Error::unsupported(
                    "RAISE without a format string is not supported by fksim",
                ));
            }
        };
        self.i += 1;
        let mut args = Vec::new();
        while self.eat(&Token::Comma) {
            let from = self.i;
            let to = self.until(&["using"]);
            let mut end = to;
            let mut depth = 0usize;
            for j in from..to {
                match &self.t.items[j].0 {
                    Token::LParen => depth += 1,
                    Token::RParen => depth = depth.saturating_sub(1),
                    Token::Comma if depth == 0 => {
                        end = j;
                        break;
                    }
                    _ => {}
                }
            }
            args.push(crate::sql::parse_expression(&self.text(from, end))?);
            self.i = end;
        }
        let (mut detail, mut hint, mut errcode) = (None, None, None);
        if self.kw(Keyword::USING) {
            loop {
                let Some((Token::Word(w), _, _)) = self.t.items.get(self.i) else {
                    return Err(self.syntax_error());
                };
                let option = w.value.to_lowercase();
                self.i += 1;
                if !(self.eat(&Token::Eq) || self.eat(&Token::Assignment)) {
                    return Err(self.syntax_error());
                }
                let value = match self.t.items.get(self.i) {
                    Some((Token::SingleQuotedString(s), _, _)) => s.clone(),
                    _ => {
                        return Err(Error::unsupported(
                            "RAISE ... USING with an expression is not supported by fksim",
                        ));
                    }
                };
                self.i += 1;
                match option.as_str() {
                    "detail" => detail = Some(value),
                    "hint" => hint = Some(value),
                    "errcode" => errcode = Some(value),
                    other => {
                        return Err(Error::unsupported(format!(
                            "RAISE ... USING {other} is not supported by fksim"
                        )));
                    }
                }
                if !self.eat(&Token::Comma) {
                    break;
                }
            }
        }
        self.expect_semicolon()?;
        if format.matches('%').count() - 2 * format.matches("%%").count() != args.len() {
            let msg = if format.matches('%').count() > args.len() {
                "too few parameters specified for RAISE"
            } else {
                "too many parameters specified for RAISE"
            };
            return Err(Error::new("42601", msg));
        }
        Ok(PlKind::Raise { level, format, args, detail, hint, errcode })
    }
}
