//! Converts CREATE/DROP FUNCTION and CREATE/DROP TRIGGER into fksim's AST, compiling the
//! PL/pgSQL body as PostgreSQL's validator does at CREATE time.

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast::{CreateFunction, CreateTrigger, Statement};
use crate::sql::expr::{Cx, unsupported};
use crate::sql::plpgsql::parse_body;

impl Cx<'_> {
    /// CREATE FUNCTION: only trigger functions in plpgsql.
    pub fn create_function(&self, f: &sp::CreateFunction) -> Result<Statement> {
        let name = self.object_name(&f.name)?;
        if f.args.as_ref().is_some_and(|a| !a.is_empty()) {
            return Err(unsupported("functions with arguments", name.pos));
        }
        if !matches!(f.return_type, Some(sp::FunctionReturnType::DataType(sp::DataType::Trigger))) {
            return Err(unsupported("functions that do not return trigger", name.pos));
        }
        let language = f.language.as_ref().map(|l| l.value.to_lowercase()).unwrap_or_default();
        match language.as_str() {
            "plpgsql" => {}
            "" => return Err(Error::new("42P13", "no language specified")),
            other => {
                return Err(unsupported(format!("LANGUAGE {other} (fksim runs plpgsql)"), None));
            }
        }
        let body = match &f.function_body {
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
            _ => return Err(Error::new("42P13", "no function body specified")),
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
            body: parse_body(&body)?,
        }))
    }

    /// CREATE TRIGGER: row-level BEFORE/AFTER triggers.
    pub fn create_trigger(&self, t: &sp::CreateTrigger) -> Result<Statement> {
        let table = self.object_name(&t.table_name)?;
        let name = self.simple_name(&t.name)?;
        let before = match t.period {
            Some(sp::TriggerPeriod::Before) => true,
            Some(sp::TriggerPeriod::After) => false,
            _ => return Err(unsupported("INSTEAD OF triggers", table.pos)),
        };
        let for_each_row = matches!(
            t.trigger_object,
            Some(
                sp::TriggerObjectKind::For(sp::TriggerObject::Row)
                    | sp::TriggerObjectKind::ForEach(sp::TriggerObject::Row)
            )
        );
        if !for_each_row || t.is_constraint || !t.referencing.is_empty() || t.statements.is_some() {
            return Err(unsupported(
                "statement-level, constraint and transition-table triggers",
                table.pos,
            ));
        }
        let (mut on_insert, mut on_update, mut on_delete) = (false, None, false);
        for e in &t.events {
            match e {
                sp::TriggerEvent::Insert => on_insert = true,
                sp::TriggerEvent::Update(cols) => {
                    on_update = Some(cols.iter().map(|c| self.ident(c)).collect())
                }
                sp::TriggerEvent::Delete => on_delete = true,
                sp::TriggerEvent::Truncate => {
                    return Err(unsupported("TRUNCATE triggers", table.pos));
                }
            }
        }
        let Some(exec) = &t.exec_body else { return Err(Error::syntax_at_end(None)) };
        if exec.func_desc.args.as_ref().is_some_and(|a| !a.is_empty()) {
            return Err(unsupported("trigger function arguments", table.pos));
        }
        Ok(Statement::CreateTrigger(CreateTrigger {
            name,
            before,
            on_insert,
            on_update,
            on_delete,
            table,
            when: t.condition.as_ref().map(|c| self.expr(c)).transpose()?,
            function: self.object_name(&exec.func_desc.name)?,
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
        Ok(Statement::DropFunction {
            names: d.func_desc.iter().map(|f| self.object_name(&f.name)).collect::<Result<_>>()?,
            if_exists: d.if_exists,
            cascade: matches!(d.drop_behavior, Some(sp::DropBehavior::Cascade)),
        })
    }
}
