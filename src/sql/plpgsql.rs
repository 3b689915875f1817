//! PL/pgSQL, the subset trigger functions use: its tree, and the parser that builds it from a
//! function body at CREATE FUNCTION time (as PostgreSQL's validator does).

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Query, Statement};
use crate::sql::lex::{Tokens, fold};

mod control;
pub use control::{Handler, LoopKind, PlLoop, PlNested, condition_code};

/// A function body: its variables and statements.
#[derive(Debug, Clone, PartialEq)]
pub struct PlBlock {
    /// DECLARE section.
    pub declarations: Vec<PlVar>,
    /// BEGIN ... END.
    pub body: Vec<PlStmt>,
    /// Where the body starts in its CREATE FUNCTION or DO statement (0-based char offset):
    /// errors found in it when it is compiled point there.
    pub offset: usize,
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
    /// `record`, `t%ROWTYPE` or `t.c%TYPE` instead of a plain type.
    pub shape: VarShape,
}

/// How a variable's type was written.
#[derive(Debug, Clone, PartialEq)]
pub enum VarShape {
    /// A type name (`data_type`).
    Scalar,
    /// `record` or `table%ROWTYPE`: a row whose fields `name.field` reads.
    Record,
    /// A table's name used as a type (its row type): a record of that table's columns; and
    /// the 1-based position of the name in the body.
    RowOf(String, usize),
    /// `table.column%TYPE`: that column's type, looked up when the function runs.
    TypeOf {
        /// The table as written (maybe schema-qualified).
        table: String,
        /// The column.
        column: String,
    },
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
    /// An SQL statement; `text` is as written, for `SQL statement "..."` in CONTEXT. `into`:
    /// the variables `SELECT ... INTO` / `RETURNING ... INTO` fill from its first row.
    Sql { statement: Box<Statement>, text: String, into: Option<Into> },
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
        /// USING DETAIL / HINT / ERRCODE / MESSAGE.
        using: Box<RaiseUsing>,
    },
    /// `RAISE;` inside an EXCEPTION handler: the caught error again.
    Reraise,
    /// `RETURN [expr]`
    Return(Option<Expr>),
    /// `COMMIT` / `ROLLBACK` in a procedure or DO block called outside a transaction block.
    Transaction {
        /// COMMIT (true) or ROLLBACK.
        commit: bool,
    },
    /// `RETURN NEXT [expr]`: one more row of a set-returning function's result.
    ReturnNext(Option<Expr>),
    /// `RETURN QUERY query`: the query's rows added to the result.
    ReturnQuery { query: Box<Query>, text: String },
    /// `RETURN QUERY EXECUTE string [USING values]`.
    ReturnQueryExecute { command: Expr, using: Vec<Expr> },
    /// NULL;
    Null,
    /// A loop of any kind.
    Loop(Box<PlLoop>),
    /// `EXIT` / `CONTINUE [label] [WHEN cond]`.
    Exit {
        /// The loop or block it names (the innermost loop when absent).
        label: Option<String>,
        /// CONTINUE (true) or EXIT.
        continue_loop: bool,
        /// Only when this holds.
        when: Option<Expr>,
    },
    /// A nested block, with its EXCEPTION handlers.
    Block(Box<PlNested>),
    /// `CASE [subject] WHEN ... THEN ... [ELSE ...] END CASE`.
    Case {
        /// The value compared with each WHEN's values (None: each WHEN is a condition).
        subject: Option<Expr>,
        /// WHEN values (or one condition) and their statements.
        branches: Vec<(Vec<Expr>, Vec<PlStmt>)>,
        /// ELSE statements (None: no match is error 20000).
        otherwise: Option<Vec<PlStmt>>,
    },
    /// `GET [STACKED] DIAGNOSTICS var = item, ...`: (variable, item) pairs.
    GetDiagnostics {
        /// STACKED: about the error a handler caught.
        stacked: bool,
        /// (variable, item name) pairs.
        items: Vec<(String, String)>,
    },
    /// `EXECUTE string [INTO targets] [USING values]`.
    Execute {
        /// The command string.
        command: Expr,
        /// Where its first row goes.
        into: Option<Into>,
        /// `$1`, `$2`, ... values.
        using: Vec<Expr>,
    },
}

/// RAISE's USING options.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RaiseUsing {
    /// DETAIL
    pub detail: Option<Expr>,
    /// HINT
    pub hint: Option<Expr>,
    /// ERRCODE: a condition name or SQLSTATE.
    pub errcode: Option<Expr>,
    /// MESSAGE: the message instead of the format.
    pub message: Option<Expr>,
}

/// The targets of `INTO [STRICT] a, b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Into {
    /// `(record, name)` of each target (`NEW.col` has a record).
    pub targets: Vec<(Option<String>, String)>,
    /// STRICT: exactly one row, or an error.
    pub strict: bool,
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

/// Parses a function body. Errors carry positions inside `body` (1-based); the caller shifts
/// them to where the body stands in its statement ([`shift_position`]).
pub fn parse_body(body: &str) -> Result<PlBlock> {
    let tokens = Tokens::new(body).map_err(|e| e.at(None))?;
    let mut p = Parser { t: &tokens, chars: body.chars().collect(), i: 0 };
    let label = p.label()?;
    let declarations = if p.kw(Keyword::DECLARE) { p.declarations()? } else { Vec::new() };
    p.expect_kw(Keyword::BEGIN)?;
    let line = p.line(p.i);
    let (mut body, handlers) = p.block_body()?;
    if !handlers.is_empty() || label.is_some() {
        let nested = PlNested { label, declarations: Vec::new(), body, handlers };
        body = vec![PlStmt { line, kind: PlKind::Block(Box::new(nested)) }];
    }
    p.expect_kw(Keyword::END)?;
    if !p.t.is(p.i, &Token::SemiColon) && p.word_at(p.i).is_some() {
        p.i += 1;
    }
    p.eat(&Token::SemiColon);
    if p.i < tokens.items.len() {
        return Err(p.syntax_error());
    }
    Ok(PlBlock { declarations, body, offset: 0 })
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
        self.syntax_error_at(self.i)
    }

    /// Moves the position of an error in the text starting at token `from` into the body.
    fn in_body(&self, from: usize) -> impl Fn(Error) -> Error + '_ {
        move |e| {
            let start = self.t.items.get(from).map_or(0, |(_, s, _)| *s);
            shift_position(e, start)
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
            let type_text = self.text(type_start, type_end);
            let lower = type_text.to_lowercase();
            let (data_type, shape) = if lower == "record" || lower.ends_with("%rowtype") {
                (DataType::Text, VarShape::Record)
            } else if let Some(col) = lower.strip_suffix("%type") {
                let col: String = col.chars().filter(|c| !c.is_whitespace() && *c != '"').collect();
                match col.rsplit_once('.') {
                    Some((table, column)) => (
                        DataType::Text,
                        VarShape::TypeOf { table: table.to_string(), column: column.to_string() },
                    ),
                    None => {
                        return Err(Error::unsupported(format!(
                            "{type_text} (a variable's %TYPE) is not supported by fksim"
                        )));
                    }
                }
            } else {
                let constant = lower.starts_with("constant ");
                let text = if constant { &type_text[9..] } else { type_text.as_str() };
                match crate::sql::parse_type(text.trim()) {
                    Ok(t) => (t, VarShape::Scalar),
                    // Not a type fksim knows: maybe a table's row type, looked up when it runs.
                    Err(e) if e.sqlstate() == "42704" && is_plain_name(text.trim()) => {
                        let at = self.t.items.get(type_start).map_or(0, |(_, s, _)| *s) + 1;
                        (DataType::Text, VarShape::RowOf(text.trim().to_string(), at))
                    }
                    Err(e) => return Err(e),
                }
            };
            let default = if type_end < end || self.t.is_kw(end, Keyword::DEFAULT) {
                self.i = type_end.min(end) + 1;
                let from = self.i;
                let to = self.until(&[]);
                if from == to {
                    let mut e = self.syntax_error_at(to);
                    e.message = e.message.replace("syntax error", "missing expression");
                    return Err(e);
                }
                Some(
                    crate::sql::parse_expression(&self.text_for_sql(from, to))
                        .map_err(self.in_body(from))?,
                )
            } else {
                None
            };
            self.expect_semicolon()?;
            vars.push(PlVar { name, data_type, default, shape });
        }
        Ok(vars)
    }

    /// After RETURN: `NEXT [expr]`, `QUERY query` or `QUERY EXECUTE string [USING ...]`.
    fn return_set(&mut self) -> Result<Option<PlKind>> {
        if self.t.is_word(self.i, "next") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&[]);
            self.expect_semicolon()?;
            let expr = if from == to {
                None
            } else {
                Some(
                    crate::sql::parse_expression(&self.text_for_sql(from, to))
                        .map_err(self.in_body(from))?,
                )
            };
            return Ok(Some(PlKind::ReturnNext(expr)));
        }
        if !self.t.is_word(self.i, "query") {
            return Ok(None);
        }
        self.i += 1;
        if self.t.is_word(self.i, "execute") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&["using"]);
            let command = crate::sql::parse_expression(&self.text_for_sql(from, to))
                .map_err(self.in_body(from))?;
            let using = if self.kw(Keyword::USING) { self.expr_list(&[])? } else { Vec::new() };
            self.expect_semicolon()?;
            return Ok(Some(PlKind::ReturnQueryExecute { command, using }));
        }
        let from = self.i;
        let to = self.until(&[]);
        let text = self.text(from, to);
        let parsed = self.text_for_sql(from, to);
        self.expect_semicolon()?;
        match crate::sql::parse_statement(&parsed)? {
            Statement::Query(q) => Ok(Some(PlKind::ReturnQuery { query: Box::new(q), text })),
            _ => Err(Error::new("42601", "cannot open a non-SELECT query as a cursor")),
        }
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
        let line = self.line(start);
        if let Some(stmt) = self.control(line)? {
            return Ok(stmt);
        }
        let kind = if self.kw(Keyword::IF) {
            self.if_statement()?
        } else if self.kw(Keyword::RETURN) {
            if let Some(kind) = self.return_set()? {
                return Ok(PlStmt { line, kind });
            }
            let from = self.i;
            let to = self.until(&[]);
            self.expect_semicolon()?;
            PlKind::Return(if from == to {
                None
            } else {
                Some(
                    crate::sql::parse_expression(&self.text_for_sql(from, to))
                        .map_err(self.in_body(from))?,
                )
            })
        } else if self.kw(Keyword::RAISE) {
            self.raise()?
        } else if self.t.is_word(self.i, "perform") {
            self.i += 1;
            let from = self.i;
            let to = self.until(&[]);
            let text = self.text(from, to);
            let parsed = self.text_for_sql(from, to);
            self.expect_semicolon()?;
            match crate::sql::parse_statement(&format!("SELECT {parsed}"))? {
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
                expr: crate::sql::parse_expression(&self.text_for_sql(from, to))
                    .map_err(self.in_body(from))?,
            }
        } else {
            let to = self.until(&[]);
            let text = self.text(start, to);
            self.expect_semicolon()?;
            let (into, parse_text) = self.split_into(start, to)?;
            if into.is_some() && !self.t.is_word(start, "select") {
                let has_returning = (start..to).any(|j| self.t.is_word(j, "returning"));
                if !has_returning {
                    return Err(Error::new(
                        "42601",
                        "INTO used with a command that cannot return data",
                    ));
                }
            }
            let statement = crate::sql::parse_statement(&parse_text).map_err(|e| {
                if into.is_none() { self.in_body(start)(e) } else { e.without_position() }
            })?;
            match statement {
                Statement::Commit | Statement::Rollback if into.is_none() => {
                    let commit = statement == Statement::Commit;
                    return Ok(PlStmt { line, kind: PlKind::Transaction { commit } });
                }
                Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
                | Statement::Call(_)
                | Statement::Query(_) => {}
                _ => {
                    return Err(Error::unsupported(format!(
                        "this statement in a PL/pgSQL function is not supported by fksim: {text}"
                    )));
                }
            }
            PlKind::Sql { statement: Box::new(statement), text, into }
        };
        Ok(PlStmt { line, kind })
    }

    /// Finds `INTO [STRICT] targets` in the statement spanning tokens `from..to` (after
    /// RETURNING for INSERT/UPDATE/DELETE, the first at depth 0 for SELECT) and returns them
    /// with the statement's text without them.
    fn split_into(&self, from: usize, to: usize) -> Result<(Option<Into>, String)> {
        let select = self.t.is_word(from, "select");
        let mut depth = 0usize;
        let mut seen_returning = false;
        let mut at = None;
        for j in from..to {
            match &self.t.items[j].0 {
                Token::LParen => depth += 1,
                Token::RParen => depth = depth.saturating_sub(1),
                _ if depth == 0 && self.t.is_word(j, "returning") => seen_returning = true,
                _ if depth == 0 && self.t.is_word(j, "into") && (select || seen_returning) => {
                    at = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let Some(at) = at else { return Ok((None, self.text_for_sql(from, to))) };
        let mut j = at + 1;
        let strict = self.t.is_word(j, "strict");
        if strict {
            j += 1;
        }
        let word = |i: usize| match self.t.items.get(i) {
            Some((Token::Word(w), _, _)) => Some(fold(&w.value, w.quote_style.is_some())),
            _ => None,
        };
        let mut targets = Vec::new();
        loop {
            let Some(first) = word(j) else { return Err(self.syntax_error_at(j)) };
            if self.t.is(j + 1, &Token::Period) {
                let Some(field) = word(j + 2) else { return Err(self.syntax_error_at(j + 2)) };
                targets.push((Some(first), field));
                j += 3;
            } else {
                targets.push((None, first));
                j += 1;
            }
            if j < to && self.t.is(j, &Token::Comma) {
                j += 1;
            } else {
                break;
            }
        }
        let text = format!("{} {}", self.text_for_sql(from, at), self.text_for_sql(j, to));
        Ok((Some(Into { targets, strict }), text))
    }

    fn syntax_error_at(&self, i: usize) -> Error {
        match self.t.items.get(i) {
            Some((_, start, source)) => Error::syntax_near(source, Some(start + 1)),
            None => Error::syntax_at_end(Some(self.chars.len() + 1)),
        }
    }

    /// The source text of tokens `from..to` for the SQL parser: `TG_ARGV[n]` becomes the
    /// variable `"tg_argv[n]"` (fksim has no arrays to index).
    fn text_for_sql(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        let mut last = from;
        let mut j = from;
        while j < to {
            let argv = self.t.is_word(j, "tg_argv")
                && self.t.is(j + 1, &Token::LBracket)
                && self.t.is(j + 3, &Token::RBracket);
            if let (true, Some((Token::Number(n, _), _, _))) = (argv, self.t.items.get(j + 2)) {
                out.push_str(&self.raw(last, j));
                out.push_str(&format!("\"tg_argv[{n}]\" "));
                j += 4;
                last = j;
            } else {
                j += 1;
            }
        }
        out.push_str(&self.raw(last, to));
        out.trim_end().to_string()
    }

    /// The characters from token `from` up to token `to`.
    fn raw(&self, from: usize, to: usize) -> String {
        let start = self.t.items.get(from).map_or(self.chars.len(), |(_, s, _)| *s);
        let end = self.t.items.get(to).map_or(self.chars.len(), |(_, s, _)| *s);
        self.chars[start.min(end)..end].iter().collect()
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
            let cond = crate::sql::parse_expression(&self.text_for_sql(from, to))
                .map_err(self.in_body(from))?;
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
        // `RAISE;` in a handler re-throws the error it caught.
        if self.eat(&Token::SemiColon) {
            return Ok(PlKind::Reraise);
        }
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
        let text = |e: String| Expr::Literal(crate::sql::ast::Literal::String(e, None));
        let (mut detail, mut hint, mut errcode, mut message) = (None, None, None, None);
        let mut format = String::new();
        let mut args = Vec::new();
        match self.t.items.get(self.i) {
            Some((Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s), _, _)) => {
                format = s.clone();
                self.i += 1;
                while self.eat(&Token::Comma) {
                    args.push(self.raise_operand()?);
                }
            }
            // `RAISE condition_name`, or `RAISE SQLSTATE 'xxxxx'`: that code, its name as
            // the message unless USING MESSAGE gives one.
            Some((Token::Word(_), _, _)) if self.t.is_word(self.i, "sqlstate") => {
                let Some((Token::SingleQuotedString(code), _, _)) = self.t.items.get(self.i + 1)
                else {
                    return Err(self.syntax_error_at(self.i + 1));
                };
                errcode = Some(text(code.clone()));
                format = code.clone();
                self.i += 2;
            }
            Some((Token::Word(_), _, _)) if !self.t.is_kw(self.i, Keyword::USING) => {
                let name = self.word_at(self.i).unwrap_or_default();
                if condition_code(&name).is_none() {
                    return Err(Error::new(
                        "42704",
                        format!("unrecognized exception condition \"{name}\""),
                    ));
                }
                errcode = Some(text(name.clone()));
                format = name;
                self.i += 1;
            }
            _ => {}
        }
        if self.kw(Keyword::USING) {
            loop {
                let option = self.word_at(self.i).ok_or_else(|| self.syntax_error())?;
                self.i += 1;
                if !(self.eat(&Token::Eq) || self.eat(&Token::Assignment)) {
                    return Err(self.syntax_error());
                }
                let value = Some(self.raise_operand()?);
                match option.as_str() {
                    "detail" => detail = value,
                    "hint" => hint = value,
                    "errcode" => errcode = value,
                    "message" => message = value,
                    other => {
                        return Err(Error::unsupported(format!(
                            "RAISE ... USING {} is not supported by fksim",
                            other.to_uppercase()
                        )));
                    }
                }
                if !self.eat(&Token::Comma) {
                    break;
                }
            }
        }
        self.expect_semicolon()?;
        let placeholders = format.matches('%').count() - 2 * format.matches("%%").count();
        if message.is_none() && placeholders != args.len() {
            let msg = if placeholders > args.len() {
                "too few parameters specified for RAISE"
            } else {
                "too many parameters specified for RAISE"
            };
            return Err(Error::new("42601", msg));
        }
        let using = Box::new(RaiseUsing { detail, hint, errcode, message });
        Ok(PlKind::Raise { level, format, args, using })
    }

    /// One RAISE argument or USING value: an expression up to a comma, USING or `;`.
    fn raise_operand(&mut self) -> Result<Expr> {
        let from = self.i;
        let mut depth = 0usize;
        while let Some((tok, _, _)) = self.t.items.get(self.i) {
            match tok {
                Token::LParen | Token::LBracket => depth += 1,
                Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
                Token::SemiColon | Token::Comma if depth == 0 => break,
                _ if depth == 0 && self.t.is_kw(self.i, Keyword::USING) => break,
                _ => {}
            }
            self.i += 1;
        }
        crate::sql::parse_expression(&self.text_for_sql(from, self.i))
    }
}

/// `name` or `schema.name`: a type text that could be a table's name.
fn is_plain_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|p| {
            !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '"')
        })
}

/// An error at a position inside a text that stands at 0-based char `offset` of a larger one:
/// the same error at its position in the larger text.
pub fn shift_position(mut e: Error, offset: usize) -> Error {
    if let Some(p) = e.position {
        e.position = Some(p + offset);
    }
    e
}
