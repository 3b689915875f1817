//! PL/pgSQL's control statements at parse time: loops (LOOP, WHILE, FOR over integers or rows,
//! FOREACH), EXIT/CONTINUE, CASE, nested blocks with EXCEPTION handlers, GET DIAGNOSTICS and
//! dynamic EXECUTE.

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

use super::{Into, Parser, PlKind, PlStmt, PlVar};
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Query, Statement};
use crate::sql::lex::fold;

/// A loop and what drives it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlLoop {
    /// `<<label>>` written before it.
    pub label: Option<String>,
    /// What repeats it.
    pub kind: LoopKind,
    /// Its statements.
    pub body: Vec<PlStmt>,
}

/// The kinds of loop.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopKind {
    /// LOOP ... END LOOP: until EXIT.
    Plain,
    /// WHILE condition LOOP.
    While(Expr),
    /// `FOR i IN [REVERSE] a..b [BY c] LOOP`.
    Range {
        /// The integer loop variable (declared by the loop).
        var: String,
        /// Lower bound as written (upper with REVERSE).
        from: Expr,
        /// The other bound.
        to: Expr,
        /// BY step (1 when absent).
        step: Option<Expr>,
        /// REVERSE given: counts down.
        reverse: bool,
    },
    /// FOR target[, ...] IN query LOOP.
    Query {
        /// The record or the variables each row goes to.
        targets: Vec<String>,
        /// The query.
        query: Box<Query>,
        /// Its text, for CONTEXT lines.
        text: String,
    },
    /// FOR target IN EXECUTE string [USING ...] LOOP.
    Dynamic {
        /// The record or the variables each row goes to.
        targets: Vec<String>,
        /// The query string.
        command: Expr,
        /// `$n` values.
        using: Vec<Expr>,
    },
    /// FOREACH x IN ARRAY expr LOOP.
    ForEach {
        /// The element variable.
        var: String,
        /// The array.
        array: Expr,
    },
}

/// `[<<label>>] [DECLARE ...] BEGIN ... [EXCEPTION ...] END`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlNested {
    /// `<<label>>` written before it.
    pub label: Option<String>,
    /// Its own variables.
    pub declarations: Vec<PlVar>,
    /// Its statements.
    pub body: Vec<PlStmt>,
    /// `WHEN conditions THEN statements`, in order; empty without EXCEPTION.
    pub handlers: Vec<Handler>,
}

/// One `WHEN cond [OR cond] THEN` of an EXCEPTION section.
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// Condition names (lower case) or `SQLSTATE 'xxxxx'` codes, upper case.
    pub conditions: Vec<String>,
    /// What runs when one matches.
    pub body: Vec<PlStmt>,
}

impl Parser<'_> {
    /// `<<label>>` at the current token, consumed.
    pub(super) fn label(&mut self) -> Result<Option<String>> {
        if !self.t.is(self.i, &Token::ShiftLeft) {
            return Ok(None);
        }
        let name = self.word_at(self.i + 1).ok_or_else(|| self.syntax_error_at(self.i + 1))?;
        if !self.t.is(self.i + 2, &Token::ShiftRight) {
            return Err(self.syntax_error_at(self.i + 2));
        }
        self.i += 3;
        Ok(Some(name))
    }

    /// The folded word at token `i`.
    pub(super) fn word_at(&self, i: usize) -> Option<String> {
        match self.t.items.get(i) {
            Some((Token::Word(w), _, _)) => Some(fold(&w.value, w.quote_style.is_some())),
            _ => None,
        }
    }

    /// The control statements this module parses, when the current token starts one.
    pub(super) fn control(&mut self, line: usize) -> Result<Option<PlStmt>> {
        let label = self.label()?;
        let kind = if self.t.is_kw(self.i, Keyword::DECLARE) || self.t.is_kw(self.i, Keyword::BEGIN)
        {
            PlKind::Block(Box::new(self.nested(label)?))
        } else if self.t.is_word(self.i, "loop") {
            self.i += 1;
            self.loop_rest(label, LoopKind::Plain)?
        } else if self.t.is_word(self.i, "while") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&["loop"]);
            let cond = crate::sql::parse_expression(&self.text_for_sql(from, to))?;
            self.i += 1;
            self.loop_rest(label, LoopKind::While(cond))?
        } else if self.t.is_kw(self.i, Keyword::FOR) {
            self.i += 1;
            let kind = self.for_head()?;
            self.loop_rest(label, kind)?
        } else if self.t.is_word(self.i, "foreach") {
            self.i += 1;
            let var = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
            self.i += 1;
            if self.t.is_word(self.i, "slice") {
                return Err(Error::unsupported("FOREACH ... SLICE is not supported by fksim"));
            }
            if !(self.kw(Keyword::IN) && self.kw(Keyword::ARRAY)) {
                return Err(self.syntax_error());
            }
            let from = self.i;
            let to = self.until(&["loop"]);
            let array = crate::sql::parse_expression(&self.text_for_sql(from, to))?;
            self.i += 1;
            self.loop_rest(label, LoopKind::ForEach { var, array })?
        } else if label.is_some() {
            return Err(self.syntax_error());
        } else if self.t.is_word(self.i, "exit") || self.t.is_word(self.i, "continue") {
            let continue_loop = self.t.is_word(self.i, "continue");
            self.i += 1;
            let mut target = None;
            if !self.t.is_kw(self.i, Keyword::WHEN) && !self.t.is(self.i, &Token::SemiColon) {
                target = Some(self.word_at(self.i).ok_or_else(|| self.syntax_error())?);
                self.i += 1;
            }
            let when = if self.kw(Keyword::WHEN) {
                let from = self.i;
                let to = self.until(&[]);
                Some(crate::sql::parse_expression(&self.text_for_sql(from, to))?)
            } else {
                None
            };
            self.expect_semicolon()?;
            PlKind::Exit { label: target, continue_loop, when }
        } else if self.t.is_kw(self.i, Keyword::CASE) {
            self.i += 1;
            self.case_statement()?
        } else if self.t.is_word(self.i, "get") {
            self.i += 1;
            self.get_diagnostics()?
        } else if self.t.is_word(self.i, "execute") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&["into", "using"]);
            let command = crate::sql::parse_expression(&self.text_for_sql(from, to))?;
            let (mut into, mut using) = (None, Vec::new());
            loop {
                if self.t.is_word(self.i, "into") && into.is_none() {
                    self.i += 1;
                    into = Some(self.parse_into_targets()?);
                } else if self.kw(Keyword::USING) {
                    using = self.expr_list(&["into"])?;
                } else {
                    break;
                }
            }
            self.expect_semicolon()?;
            PlKind::Execute { command, into, using }
        } else {
            return Ok(None);
        };
        Ok(Some(PlStmt { line, kind }))
    }

    /// Expressions separated by commas up to `;` or a stop word.
    pub(super) fn expr_list(&mut self, stops: &[&str]) -> Result<Vec<Expr>> {
        let mut out = Vec::new();
        loop {
            let from = self.i;
            let mut depth = 0usize;
            while let Some((tok, _, _)) = self.t.items.get(self.i) {
                match tok {
                    Token::LParen | Token::LBracket => depth += 1,
                    Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
                    Token::SemiColon | Token::Comma if depth == 0 => break,
                    _ if depth == 0 && stops.iter().any(|w| self.t.is_word(self.i, w)) => break,
                    _ => {}
                }
                self.i += 1;
            }
            out.push(crate::sql::parse_expression(&self.text_for_sql(from, self.i))?);
            if !self.eat(&Token::Comma) {
                return Ok(out);
            }
        }
    }

    /// `[STRICT] a, b` after INTO.
    fn parse_into_targets(&mut self) -> Result<Into> {
        let strict = self.t.is_word(self.i, "strict");
        if strict {
            self.i += 1;
        }
        let mut targets = Vec::new();
        loop {
            let first = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
            if self.t.is(self.i + 1, &Token::Period) {
                let field = self.word_at(self.i + 2).ok_or_else(|| self.syntax_error())?;
                targets.push((Some(first), field));
                self.i += 3;
            } else {
                targets.push((None, first));
                self.i += 1;
            }
            if !self.eat(&Token::Comma) {
                return Ok(Into { targets, strict });
            }
        }
    }

    /// `body END LOOP [label];` after the loop's head.
    fn loop_rest(&mut self, label: Option<String>, kind: LoopKind) -> Result<PlKind> {
        let body = self.statements(&["end"])?;
        self.expect_kw(Keyword::END)?;
        if !self.t.is_word(self.i, "loop") {
            return Err(self.syntax_error());
        }
        self.i += 1;
        if self.word_at(self.i).is_some() {
            self.i += 1;
        }
        self.expect_semicolon()?;
        Ok(PlKind::Loop(Box::new(PlLoop { label, kind, body })))
    }

    /// `targets IN ... LOOP` of a FOR; leaves the LOOP keyword consumed.
    fn for_head(&mut self) -> Result<LoopKind> {
        let mut targets = vec![self.word_at(self.i).ok_or_else(|| self.syntax_error())?];
        self.i += 1;
        while self.eat(&Token::Comma) {
            targets.push(self.word_at(self.i).ok_or_else(|| self.syntax_error())?);
            self.i += 1;
        }
        self.expect_kw(Keyword::IN)?;
        if self.t.is_word(self.i, "execute") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&["using", "loop"]);
            let command = crate::sql::parse_expression(&self.text_for_sql(from, to))?;
            let using =
                if self.kw(Keyword::USING) { self.expr_list(&["loop"])? } else { Vec::new() };
            if !self.t.is_word(self.i, "loop") {
                return Err(self.syntax_error());
            }
            self.i += 1;
            return Ok(LoopKind::Dynamic { targets, command, using });
        }
        let query_start =
            ["select", "with", "values", "table"].iter().any(|w| self.t.is_word(self.i, w))
                || self.t.is(self.i, &Token::LParen) && self.t.is_word(self.i + 1, "select");
        let from = self.i;
        let to = self.until(&["loop"]);
        if !self.t.is_word(to, "loop") {
            return Err(self.syntax_error());
        }
        self.i = to + 1;
        if query_start {
            let text = self.text(from, to);
            return match crate::sql::parse_statement(&self.text_for_sql(from, to))? {
                Statement::Query(q) => Ok(LoopKind::Query { targets, query: Box::new(q), text }),
                _ => Err(self.syntax_error_at(from)),
            };
        }
        if targets.len() != 1 {
            return Err(self.syntax_error_at(from));
        }
        let mut reverse = false;
        let mut start = from;
        if self.t.is_word(from, "reverse") {
            reverse = true;
            start += 1;
        }
        let raw = self.text_for_sql(start, to);
        let Some(dots) = raw.find("..") else {
            return Err(self.syntax_error_at(to));
        };
        let (lower, rest) = (&raw[..dots], &raw[dots + 2..]);
        let (upper, step) = match split_word(rest, "by") {
            Some((u, s)) => (u, Some(crate::sql::parse_expression(s)?)),
            None => (rest, None),
        };
        Ok(LoopKind::Range {
            var: targets.remove(0),
            from: crate::sql::parse_expression(lower)?,
            to: crate::sql::parse_expression(upper)?,
            step,
            reverse,
        })
    }

    /// A nested block from DECLARE or BEGIN to `END [label];`.
    fn nested(&mut self, label: Option<String>) -> Result<PlNested> {
        let declarations =
            if self.kw(Keyword::DECLARE) { self.declarations()? } else { Vec::new() };
        self.expect_kw(Keyword::BEGIN)?;
        let (body, handlers) = self.block_body()?;
        self.expect_kw(Keyword::END)?;
        if !self.t.is(self.i, &Token::SemiColon) && self.word_at(self.i).is_some() {
            self.i += 1;
        }
        self.expect_semicolon()?;
        Ok(PlNested { label, declarations, body, handlers })
    }

    /// The statements after BEGIN and the EXCEPTION section, up to (not including) END.
    pub(super) fn block_body(&mut self) -> Result<(Vec<PlStmt>, Vec<Handler>)> {
        let body = self.statements(&["end", "exception"])?;
        let mut handlers = Vec::new();
        if self.kw(Keyword::EXCEPTION) {
            while self.kw(Keyword::WHEN) {
                let mut conditions = Vec::new();
                loop {
                    if self.t.is_word(self.i, "sqlstate") {
                        let Some((Token::SingleQuotedString(code), _, _)) =
                            self.t.items.get(self.i + 1)
                        else {
                            return Err(self.syntax_error_at(self.i + 1));
                        };
                        conditions.push(code.to_uppercase());
                        self.i += 2;
                    } else {
                        let name = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
                        if name != "others" && condition_code(&name).is_none() {
                            return Err(Error::new(
                                "42704",
                                format!("unrecognized exception condition \"{name}\""),
                            ));
                        }
                        conditions.push(name);
                        self.i += 1;
                    }
                    if !self.kw(Keyword::OR) {
                        break;
                    }
                }
                self.expect_kw(Keyword::THEN)?;
                let body = self.statements(&["when", "end"])?;
                handlers.push(Handler { conditions, body });
            }
            if handlers.is_empty() {
                return Err(self.syntax_error());
            }
        }
        Ok((body, handlers))
    }

    /// `CASE [subject] WHEN ... THEN ... [ELSE ...] END CASE;` after CASE.
    fn case_statement(&mut self) -> Result<PlKind> {
        let subject = if self.t.is_kw(self.i, Keyword::WHEN) {
            None
        } else {
            let from = self.i;
            let to = self.until(&["when"]);
            Some(crate::sql::parse_expression(&self.text_for_sql(from, to))?)
        };
        let mut branches = Vec::new();
        while self.kw(Keyword::WHEN) {
            let values = if subject.is_some() {
                self.expr_list(&["then"])?
            } else {
                let from = self.i;
                let to = self.until(&["then"]);
                vec![crate::sql::parse_expression(&self.text_for_sql(from, to))?]
            };
            self.expect_kw(Keyword::THEN)?;
            let body = self.statements(&["when", "else", "end"])?;
            branches.push((values, body));
        }
        let otherwise =
            if self.kw(Keyword::ELSE) { Some(self.statements(&["end"])?) } else { None };
        self.expect_kw(Keyword::END)?;
        self.expect_kw(Keyword::CASE)?;
        self.expect_semicolon()?;
        Ok(PlKind::Case { subject, branches, otherwise })
    }

    /// `[CURRENT | STACKED] DIAGNOSTICS var = item, ...;` after GET.
    fn get_diagnostics(&mut self) -> Result<PlKind> {
        let stacked = self.t.is_word(self.i, "stacked");
        if stacked || self.t.is_kw(self.i, Keyword::CURRENT) {
            self.i += 1;
        }
        if !self.t.is_word(self.i, "diagnostics") {
            return Err(self.syntax_error());
        }
        self.i += 1;
        let mut items = Vec::new();
        loop {
            let target = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
            self.i += 1;
            if !(self.eat(&Token::Eq) || self.eat(&Token::Assignment)) {
                return Err(self.syntax_error());
            }
            let item = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
            let known: &[&str] = if stacked {
                &[
                    "returned_sqlstate",
                    "message_text",
                    "pg_exception_detail",
                    "pg_exception_hint",
                    "pg_exception_context",
                    "constraint_name",
                    "table_name",
                    "column_name",
                    "schema_name",
                    "pg_datatype_name",
                ]
            } else {
                &["row_count", "pg_context", "pg_routine_oid"]
            };
            if !known.contains(&item.as_str()) {
                return Err(Error::syntax_near(&self.t.items[self.i].2, None));
            }
            self.i += 1;
            items.push((target, item));
            if !self.eat(&Token::Comma) {
                break;
            }
        }
        self.expect_semicolon()?;
        Ok(PlKind::GetDiagnostics { stacked, items })
    }
}

/// Splits `text` at the first standalone word `word` (case-insensitive) outside parentheses.
fn split_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let lower = text.to_lowercase();
    let mut depth = 0i32;
    let bytes = lower.as_bytes();
    for (i, c) in lower.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && lower[i..].starts_with(word) => {
                let before = i == 0 || !(bytes[i - 1] as char).is_alphanumeric();
                let after =
                    bytes.get(i + word.len()).is_none_or(|b| !(*b as char).is_alphanumeric());
                if before && after {
                    return Some((&text[..i], &text[i + word.len()..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The SQLSTATE of a PL/pgSQL condition name (the ones schemas and lessons use); a class name
/// gives the class code (`23000`).
pub fn condition_code(name: &str) -> Option<&'static str> {
    Some(match name {
        "integrity_constraint_violation" => "23000",
        "restrict_violation" => "23001",
        "not_null_violation" => "23502",
        "foreign_key_violation" => "23503",
        "unique_violation" => "23505",
        "check_violation" => "23514",
        "exclusion_violation" => "23P01",
        "data_exception" => "22000",
        "division_by_zero" => "22012",
        "numeric_value_out_of_range" => "22003",
        "invalid_text_representation" => "22P02",
        "string_data_right_truncation" => "22001",
        "null_value_not_allowed" => "22004",
        "invalid_datetime_format" => "22007",
        "datetime_field_overflow" => "22008",
        "raise_exception" => "P0001",
        "no_data_found" => "P0002",
        "too_many_rows" => "P0003",
        "assert_failure" => "P0004",
        "plpgsql_error" => "P0000",
        "undefined_table" => "42P01",
        "undefined_column" => "42703",
        "undefined_function" => "42883",
        "duplicate_table" => "42P07",
        "duplicate_object" => "42710",
        "insufficient_privilege" => "42501",
        "syntax_error" => "42601",
        "feature_not_supported" => "0A000",
        "invalid_parameter_value" => "22023",
        "serialization_failure" => "40001",
        "deadlock_detected" => "40P01",
        "lock_not_available" => "55P03",
        "object_in_use" => "55006",
        "query_canceled" => "57014",
        "cardinality_violation" => "21000",
        "invalid_transaction_termination" => "2D000",
        _ => return None,
    })
}
