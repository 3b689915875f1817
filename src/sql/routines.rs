//! Converts CREATE/DROP FUNCTION and CREATE/DROP TRIGGER into fksim's AST, compiling the
//! body (PL/pgSQL or SQL) as PostgreSQL's validators do at CREATE time; DO blocks.

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use sqlparser::tokenizer::Token;

use crate::engine::types::DataType;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::sql::ast::{
    ArgMode, CreateFunction, CreateTrigger, FunctionArg, FunctionBody, FunctionRef, Returns,
    Statement,
};
use crate::sql::ast_routine::UncheckedBody;
use crate::sql::expr::{Cx, unsupported};
use crate::sql::lex::Tokens;
use crate::sql::plpgsql::{PlBlock, parse_body, shift_position};

impl Cx<'_> {
    /// CREATE FUNCTION in plpgsql or sql, with arguments and a result.
    pub fn create_function(&self, f: &sp::CreateFunction) -> Result<Statement> {
        let name = self.object_name(&f.name)?;
        let mut args = Vec::new();
        for a in f.args.iter().flatten() {
            let mode = match a.mode {
                None | Some(sp::ArgMode::In) => ArgMode::In,
                Some(sp::ArgMode::Out) => ArgMode::Out,
                Some(sp::ArgMode::InOut) => ArgMode::InOut,
                Some(sp::ArgMode::Variadic) => ArgMode::Variadic,
            };
            args.push(FunctionArg {
                name: a.name.as_ref().map(|i| self.ident(i).name),
                data_type: self.data_type(&a.data_type, name.pos)?.0,
                default: a.default_expr.as_ref().map(|e| self.expr(e)).transpose()?,
                mode,
            });
        }
        if let Some(v) = args.iter().find(|a| a.mode == ArgMode::Variadic) {
            if !matches!(v.data_type, DataType::Array(_)) {
                return Err(Error::new("42P13", "VARIADIC parameter must be an array"));
            }
            if args.last().is_some_and(|a| a.mode != ArgMode::Variadic) {
                return Err(Error::new(
                    "42P13",
                    "VARIADIC parameter must be the last input parameter",
                ));
            }
        }
        let returns = self.function_returns(f, &args, &name)?;
        // A body in SQL-standard form (`RETURN expr`, `BEGIN ATOMIC ... END`) is in sql.
        let standard = matches!(
            f.function_body,
            Some(
                sp::CreateFunctionBody::Return(_)
                    | sp::CreateFunctionBody::AsReturnExpr(_)
                    | sp::CreateFunctionBody::BeginAtomic(_)
            )
        );
        let language = f
            .language
            .as_ref()
            .map(|l| l.value.to_lowercase())
            .unwrap_or_else(|| if standard { "sql".into() } else { String::new() });
        let body =
            match &f.function_body {
                Some(
                    sp::CreateFunctionBody::AsBeforeOptions { body, .. }
                    | sp::CreateFunctionBody::AsAfterOptions(body),
                ) => match body {
                    sp::Expr::Value(v) => match &v.value {
                        sp::Value::DollarQuotedString(d) => d.value.clone(),
                        sp::Value::SingleQuotedString(s) | sp::Value::EscapedStringLiteral(s) => {
                            s.clone()
                        }
                        _ => return Err(unsupported("this function body", name.pos)),
                    },
                    _ => return Err(unsupported("this function body", name.pos)),
                },
                Some(
                    sp::CreateFunctionBody::Return(e) | sp::CreateFunctionBody::AsReturnExpr(e),
                ) if language == "sql" => format!("SELECT {e}"),
                Some(
                    sp::CreateFunctionBody::BeginAtomic(b) | sp::CreateFunctionBody::AsBeginEnd(b),
                ) if language == "sql" => {
                    b.statements.iter().map(|s| format!("{s};\n")).collect::<String>()
                }
                Some(_) => return Err(unsupported("SQL-standard function bodies", name.pos)),
                None => return Err(Error::new("42P13", "no function body specified")),
            };
        // Where the body's text starts in the statement: errors in it point from there.
        let offset = body_offset(self.tokens, &body);
        let at = offset.unwrap_or(0);
        let unchecked = |sql: bool, text: String, error: Error| {
            FunctionBody::Unchecked(Box::new(UncheckedBody { sql, text, error, offset: at }))
        };
        let mut body_at = Vec::new();
        let body = match language.as_str() {
            "plpgsql" => match parse_body(&body) {
                Ok(block) => FunctionBody::PlPgSql(PlBlock { offset: at, ..block }),
                Err(e) => unchecked(false, body, e),
            },
            "sql" if returns == Returns::Trigger => {
                return Err(Error::new("42P13", "SQL functions cannot return type trigger"));
            }
            "sql" => match parse_sql_body(&body) {
                Ok(statements) => {
                    if let Some(offset) = offset {
                        body_at = statements.iter().map(|(_, _, from)| offset + from).collect();
                    }
                    FunctionBody::Sql(statements.into_iter().map(|(s, t, _)| (s, t)).collect())
                }
                Err(e) => unchecked(true, body, e),
            },
            "" => return Err(Error::new("42P13", "no language specified")),
            other => {
                return Err(unsupported(
                    format!("LANGUAGE {other} (fksim runs plpgsql and sql)"),
                    None,
                ));
            }
        };
        let mut search_path = None;
        for p in &f.set_params {
            let param = self.simple_name(&p.name)?;
            if param != "search_path" {
                return Err(unsupported(format!("SET {param} on a function"), name.pos));
            }
            let mut schemas = Vec::new();
            if let sp::FunctionSetValue::Values(values) = &p.value {
                for v in values {
                    match v {
                        sp::Expr::Value(v) => match &v.value {
                            sp::Value::SingleQuotedString(s) => schemas.extend(
                                s.split(',')
                                    .map(|p| p.trim().trim_matches('"').to_string())
                                    .filter(|p| !p.is_empty()),
                            ),
                            other => schemas.push(other.to_string()),
                        },
                        sp::Expr::Identifier(i) => schemas.push(self.ident(i).name),
                        other => {
                            return Err(unsupported(
                                format!("search_path value {other}"),
                                name.pos,
                            ));
                        }
                    }
                }
            }
            search_path = Some(schemas);
        }
        Ok(Statement::CreateFunction(CreateFunction {
            name,
            or_replace: f.or_replace,
            security_definer: matches!(f.security, Some(sp::FunctionSecurity::Definer)),
            search_path,
            stable: matches!(
                f.behavior,
                Some(sp::FunctionBehavior::Stable | sp::FunctionBehavior::Immutable)
            ),
            strict: matches!(
                f.called_on_null,
                Some(
                    sp::FunctionCalledOnNull::Strict
                        | sp::FunctionCalledOnNull::ReturnsNullOnNullInput
                )
            ),
            args,
            returns,
            body,
            procedure: false,
            body_at,
        }))
    }

    /// CREATE [CONSTRAINT] TRIGGER: BEFORE / AFTER / INSTEAD OF, row- or statement-level.
    pub fn create_trigger(&self, t: &sp::CreateTrigger) -> Result<Statement> {
        let table = self.object_name(&t.table_name)?;
        let name = self.simple_name(&t.name)?;
        let before = matches!(t.period, Some(sp::TriggerPeriod::Before));
        let instead = matches!(t.period, Some(sp::TriggerPeriod::InsteadOf));
        let for_each_row = matches!(
            t.trigger_object,
            Some(
                sp::TriggerObjectKind::For(sp::TriggerObject::Row)
                    | sp::TriggerObjectKind::ForEach(sp::TriggerObject::Row)
            )
        );
        let transitions = t
            .referencing
            .iter()
            .map(|r| {
                let new = matches!(r.refer_type, sp::TriggerReferencingType::NewTable);
                Ok((new, self.simple_name(&r.transition_relation_name)?))
            })
            .collect::<Result<Vec<_>>>()?;
        if t.statements.is_some() {
            return Err(Error::syntax_at_end(None));
        }
        let constraint = if t.is_constraint {
            crate::sql::constraint_trigger::timing(self.tokens, t, for_each_row)?
        } else {
            None
        };
        let (mut on_insert, mut on_update, mut on_delete, mut on_truncate) =
            (false, None, false, false);
        for e in &t.events {
            match e {
                sp::TriggerEvent::Insert => on_insert = true,
                sp::TriggerEvent::Update(cols) => {
                    on_update = Some(cols.iter().map(|c| self.ident(c)).collect())
                }
                sp::TriggerEvent::Delete => on_delete = true,
                sp::TriggerEvent::Truncate if for_each_row => {
                    return Err(Error::new(
                        "0A000",
                        "TRUNCATE FOR EACH ROW triggers are not supported",
                    ));
                }
                sp::TriggerEvent::Truncate => on_truncate = true,
            }
        }
        let Some(exec) = &t.exec_body else { return Err(Error::syntax_at_end(None)) };
        Ok(Statement::CreateTrigger(CreateTrigger {
            name,
            before,
            on_insert,
            on_update,
            on_delete,
            on_truncate,
            table,
            when: t.condition.as_ref().map(|c| self.expr(c)).transpose()?,
            function: self.object_name(&exec.func_desc.name)?,
            args: trigger_args(self.tokens),
            for_each_row,
            transitions,
            instead,
            constraint,
        }))
    }

    /// DROP TRIGGER.
    pub fn drop_trigger(&self, d: &sp::DropTrigger) -> Result<Statement> {
        let Some(table) = &d.table_name else { return Err(Error::syntax_at_end(None)) };
        Ok(Statement::DropTrigger {
            name: self.simple_name(&d.trigger_name)?,
            table: self.object_name(table)?,
            if_exists: d.if_exists,
        })
    }

    /// DROP FUNCTION.
    pub fn drop_function(&self, d: &sp::DropFunction) -> Result<Statement> {
        let mut names = Vec::new();
        for f in &d.func_desc {
            let name = self.object_name(&f.name)?;
            let arg_types = match &f.args {
                None => None,
                Some(args) => Some(
                    args.iter()
                        .filter(|a| !matches!(a.mode, Some(sp::ArgMode::Out)))
                        .map(|a| Ok(self.data_type(&a.data_type, name.pos)?.0))
                        .collect::<Result<Vec<_>>>()?,
                ),
            };
            names.push(FunctionRef { name, arg_types });
        }
        Ok(Statement::DropFunction {
            names,
            if_exists: d.if_exists,
            cascade: matches!(d.drop_behavior, Some(sp::DropBehavior::Cascade)),
            procedure: false,
            aggregate: false,
        })
    }
}

/// The 0-based char offset in the statement where the string constant `body` (the body of
/// CREATE FUNCTION or DO) starts: errors in the body point there, as PostgreSQL's do.
fn body_offset(tokens: &Tokens, body: &str) -> Option<usize> {
    tokens.items.iter().find_map(|(tok, start, _)| match tok {
        Token::DollarQuotedString(d) if d.value == body => {
            Some(start + d.tag.as_ref().map_or(0, |t| t.chars().count()) + 2)
        }
        Token::SingleQuotedString(s) if s == body => Some(start + 1),
        _ => None,
    })
}

/// A LANGUAGE sql body: its statements, parsed one by one, each with the char offset in the
/// body where it starts (an error's position counts from the body's start).
fn parse_sql_body(body: &str) -> Result<Vec<(Statement, String, usize)>> {
    let mut out = Vec::new();
    let mut from = 0;
    for item in scan_script(body) {
        if let ScriptItem::Statement(text) = item {
            let text = text.trim().trim_end_matches(';').trim_end().to_string();
            let first_line = text.lines().next().unwrap_or_default();
            let at =
                body.get(from..).and_then(|rest| rest.find(first_line)).map_or(from, |i| from + i);
            from = at + first_line.len();
            let start = body[..at].chars().count();
            match crate::sql::parse_statement(&text).map_err(|e| shift_position(e, start))? {
                Statement::Empty => {}
                s @ (Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
                | Statement::Query(_)) => out.push((s, text, start)),
                _ => {
                    return Err(Error::unsupported(format!(
                        "this statement in an SQL function is not supported by fksim: {text}"
                    )));
                }
            }
        }
    }
    Ok(out)
}

/// The positions of the argument list of `EXECUTE {FUNCTION|PROCEDURE} name(...)` in a CREATE
/// TRIGGER: (index of `(`, index of `)`).
fn trigger_arg_span(tokens: &Tokens) -> Option<(usize, usize)> {
    let exec = (0..tokens.items.len()).find(|&i| {
        tokens.is_word(i, "execute")
            && (tokens.is_word(i + 1, "function") || tokens.is_word(i + 1, "procedure"))
    })?;
    let open = (exec + 2..tokens.items.len()).find(|&i| tokens.is(i, &Token::LParen))?;
    let close = (open..tokens.items.len()).find(|&i| tokens.is(i, &Token::RParen))?;
    Some((open, close))
}

/// CREATE TRIGGER's text with the trigger function's arguments blanked out (positions kept):
/// sqlparser reads them as argument types, where PostgreSQL takes literals.
pub fn blank_trigger_args(text: &str, tokens: &Tokens) -> Option<String> {
    if !(tokens.is_word(0, "create")
        && (1..5).any(|i| tokens.is_word(i, "trigger"))
        && !(1..5).any(|i| tokens.is_word(i, "event")))
    {
        return None;
    }
    let (open, close) = trigger_arg_span(tokens)?;
    if close == open + 1 {
        return None;
    }
    let from = tokens.items[open].1 + 1;
    let to = tokens.items[close].1;
    Some(
        text.chars()
            .enumerate()
            .map(|(i, c)| if (from..to).contains(&i) && c != '\n' { ' ' } else { c })
            .collect(),
    )
}

/// The trigger function's arguments as PostgreSQL stores them: each literal or word as text.
fn trigger_args(tokens: &Tokens) -> Vec<String> {
    let Some((open, close)) = trigger_arg_span(tokens) else { return Vec::new() };
    tokens.items[open + 1..close]
        .iter()
        .filter_map(|(tok, _, _)| match tok {
            Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s) => Some(s.clone()),
            Token::Number(n, _) => Some(n.clone()),
            Token::Word(w) => Some(crate::sql::lex::fold(&w.value, w.quote_style.is_some())),
            _ => None,
        })
        .collect()
}

/// `DO [LANGUAGE plpgsql] 'body' [LANGUAGE plpgsql]`.
pub fn parse_do(tokens: &Tokens) -> Option<Result<Statement>> {
    if !tokens.is_word(0, "do") {
        return None;
    }
    let mut body = None;
    let mut i = 1;
    while let Some((tok, _, source)) = tokens.items.get(i) {
        match tok {
            Token::SemiColon => break,
            Token::Word(w) if w.value.eq_ignore_ascii_case("language") => {
                let lang = match tokens.items.get(i + 1) {
                    Some((Token::Word(w), _, _)) => w.value.to_lowercase(),
                    Some((Token::SingleQuotedString(s), _, _)) => s.to_lowercase(),
                    _ => return Some(Err(Error::syntax_at_end(None))),
                };
                if lang != "plpgsql" {
                    return Some(Err(Error::unsupported(format!(
                        "DO with LANGUAGE {lang} is not supported by fksim"
                    ))));
                }
                i += 2;
                continue;
            }
            Token::DollarQuotedString(d) if body.is_none() => body = Some(d.value.clone()),
            Token::SingleQuotedString(s) if body.is_none() => body = Some(s.clone()),
            _ => return Some(Err(Error::syntax_near(source, None))),
        }
        i += 1;
    }
    let Some(body) = body else {
        return Some(Err(Error::new("42601", "no inline code specified")));
    };
    let offset = body_offset(tokens, &body).unwrap_or(0);
    Some(
        parse_body(&body)
            .map(|block| Statement::Do(PlBlock { offset, ..block }))
            .map_err(|e| shift_position(e, offset)),
    )
}

/// `ALTER FUNCTION name[(types)] action ...`: SECURITY DEFINER/INVOKER and SET/RESET
/// search_path change how it runs; volatility, STRICT, LEAKPROOF, PARALLEL and COST change
/// nothing fksim models and are accepted. (OWNER TO is an access statement, parsed elsewhere.)
pub fn parse_alter_function(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = crate::sql::cursor::Cursor::new(tokens, text);
    if !c.eat_all(&["alter", "function"]) {
        return None;
    }
    Some(alter_function(&mut c))
}

fn alter_function(c: &mut crate::sql::cursor::Cursor) -> Result<Statement> {
    let name = c.object_name()?;
    let arg_types = if c.peek() == Some(&Token::LParen) {
        let args = c.skip_parens()?;
        Some(argument_types(&args)?)
    } else {
        None
    };
    let (mut security_definer, mut search_path, mut stable) = (None, None, None);
    const IGNORED: [&str; 8] =
        ["immutable", "stable", "volatile", "strict", "leakproof", "called", "returns", "not"];
    while !c.at_end() {
        if c.eat("external") || c.eat("security") {
            if c.eat("definer") {
                security_definer = Some(true);
            } else {
                c.expect("invoker")?;
                security_definer = Some(false);
            }
        } else if c.eat("set") {
            if !c.eat("search_path") {
                return Err(Error::unsupported(
                    "ALTER FUNCTION ... SET of a parameter other than search_path is not supported by fksim",
                ));
            }
            if !c.eat_token(&Token::Eq) {
                c.expect("to")?;
            }
            let mut schemas = Vec::new();
            while !c.at_end() && !IGNORED.iter().any(|w| c.is_word(w)) {
                match c.peek() {
                    Some(Token::Comma) => c.i += 1,
                    Some(Token::SingleQuotedString(_)) => schemas.extend(
                        c.string()?
                            .split(',')
                            .map(|p| p.trim().trim_matches('"').to_string())
                            .filter(|p| !p.is_empty()),
                    ),
                    _ => schemas.push(c.ident()?.name),
                }
            }
            search_path = Some(Some(schemas));
        } else if c.eat("reset") {
            if !(c.eat("search_path") || c.eat("all")) {
                return Err(c.syntax_error());
            }
            search_path = Some(None);
        } else if c.eat("stable") || c.eat("immutable") {
            stable = Some(true);
        } else if c.eat("volatile") {
            stable = Some(false);
        } else if c.eat("parallel") || c.eat("cost") || c.eat("rows") {
            c.advance();
        } else if IGNORED.iter().any(|w| c.eat(w)) {
            // `CALLED ON NULL INPUT`, `RETURNS NULL ON NULL INPUT`, `NOT LEAKPROOF`: words only.
            while c.eat("on") || c.eat("null") || c.eat("input") || c.eat("leakproof") {}
        } else if c.is_word("rename") || c.is_word("depends") || c.is_word("no") {
            let what = c.source_since(0);
            return Err(Error::unsupported(format!("{what} is not supported by fksim")));
        } else {
            return Err(c.syntax_error());
        }
    }
    Ok(Statement::AlterFunction {
        function: FunctionRef { name, arg_types },
        security_definer,
        search_path,
        stable,
    })
}

/// The types of a written argument list `(a uuid, text)`: names and modes left out.
fn argument_types(list: &str) -> Result<Vec<crate::engine::types::DataType>> {
    let inner = list.trim().trim_start_matches('(').trim_end_matches(')');
    let mut out = Vec::new();
    for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let part = part.strip_prefix("in ").unwrap_or(part);
        match crate::sql::parse_type(part) {
            Ok(t) => out.push(t),
            // `name type`: the first word names the argument.
            Err(e) => match part.split_once(char::is_whitespace) {
                Some((_, ty)) => out.push(crate::sql::parse_type(ty.trim())?),
                None => return Err(e),
            },
        }
    }
    Ok(out)
}
