//! What a CREATE FUNCTION returns (its RETURNS clause, or the row its OUT arguments make), and
//! `(f(args)).field`, a field of the row a call returns.

use sqlparser::ast as sp;

use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{FunctionArg, Returns, RowKind, RowType};
use crate::sql::expr::{Cx, unsupported};

impl Cx<'_> {
    /// What a CREATE FUNCTION returns: its RETURNS clause, or the row its OUT arguments make.
    pub(super) fn function_returns(
        &self,
        f: &sp::CreateFunction,
        args: &[FunctionArg],
        name: &crate::sql::ast::ObjectName,
    ) -> Result<Returns> {
        let outs: Vec<(String, DataType)> = args
            .iter()
            .enumerate()
            .filter(|(_, a)| a.mode.is_output())
            .map(|(i, a)| {
                (a.name.clone().unwrap_or_else(|| format!("column{}", i + 1)), a.data_type.clone())
            })
            .collect();
        // OUT arguments make the result: their one type, or a record of them.
        let from_outs = |set: bool| match outs.as_slice() {
            [(_, ty)] if set => Returns::SetOf(ty.clone()),
            [(_, ty)] => Returns::Value(ty.clone()),
            _ => Returns::Rows(RowType { set, columns: outs.clone(), kind: RowKind::Out }),
        };
        let is_record = |t: &sp::DataType| t.to_string().eq_ignore_ascii_case("record");
        let written = match &f.return_type {
            None if outs.is_empty() => {
                return Err(Error::new("42P13", "function result type must be specified"));
            }
            None => return Ok(from_outs(false)),
            Some(sp::FunctionReturnType::DataType(sp::DataType::Trigger)) => Returns::Trigger,
            // An event trigger's function is kept as a function returning nothing: fksim
            // records event triggers and never fires them.
            Some(sp::FunctionReturnType::DataType(t))
                if t.to_string().eq_ignore_ascii_case("void")
                    || t.to_string().eq_ignore_ascii_case("event_trigger") =>
            {
                Returns::Void
            }
            Some(sp::FunctionReturnType::DataType(sp::DataType::Table(columns))) => {
                let mut out = Vec::new();
                for c in columns.iter().flatten() {
                    out.push((self.ident(&c.name).name, self.data_type(&c.data_type, name.pos)?.0));
                }
                return Ok(Returns::Rows(RowType {
                    set: true,
                    columns: out,
                    kind: RowKind::Table,
                }));
            }
            Some(sp::FunctionReturnType::DataType(t)) if is_record(t) => {
                if outs.is_empty() {
                    let kind = RowKind::Record;
                    return Ok(Returns::Rows(RowType { set: false, columns: Vec::new(), kind }));
                }
                return Ok(from_outs(false));
            }
            Some(sp::FunctionReturnType::SetOf(t)) if is_record(t) => {
                if outs.is_empty() {
                    let kind = RowKind::Record;
                    return Ok(Returns::Rows(RowType { set: true, columns: Vec::new(), kind }));
                }
                return Ok(from_outs(true));
            }
            Some(sp::FunctionReturnType::DataType(t)) => self.result_type(t, false, name)?,
            Some(sp::FunctionReturnType::SetOf(t)) => self.result_type(t, true, name)?,
        };
        if !outs.is_empty() {
            // `RETURNS integer` (or `SETOF integer`) with one OUT integer says it twice.
            match (&written, outs.as_slice()) {
                (Returns::Value(t), [(_, ty)]) if t == ty => return Ok(from_outs(false)),
                (Returns::SetOf(t), [(_, ty)]) if t == ty => return Ok(from_outs(true)),
                _ => {}
            }
            let wanted = match outs.as_slice() {
                [(_, ty)] => ty.pg_name(),
                _ => "record".to_string(),
            };
            return Err(Error::new(
                "42P13",
                format!("function result type must be {wanted} because of OUT parameters"),
            ));
        }
        Ok(written)
    }

    /// `RETURNS [SETOF] type`: a type fksim knows, else (maybe) a table's row type, which the
    /// engine looks up at CREATE.
    fn result_type(
        &self,
        t: &sp::DataType,
        set: bool,
        name: &crate::sql::ast::ObjectName,
    ) -> Result<Returns> {
        match self.data_type(t, name.pos) {
            Ok((ty, _)) if set => Ok(Returns::SetOf(ty)),
            Ok((ty, _)) => Ok(Returns::Value(ty)),
            Err(e) if e.sqlstate() == "42704" => match t {
                sp::DataType::Custom(table, mods) if mods.is_empty() => {
                    let relation = self.object_name(table)?;
                    Ok(Returns::Rows(RowType {
                        set,
                        columns: Vec::new(),
                        kind: RowKind::Relation(relation),
                    }))
                }
                _ => Err(e),
            },
            Err(e) => Err(e),
        }
    }
}

/// `(f(args)).field`: a field of the row a function call returns.
pub fn is_call_field(root: &sp::Expr, chain: &[sp::AccessExpr]) -> bool {
    let mut root = root;
    while let sp::Expr::Nested(inner) = root {
        root = inner;
    }
    matches!(root, sp::Expr::Function(_))
        && matches!(chain, [sp::AccessExpr::Dot(sp::Expr::Identifier(_))])
}

impl Cx<'_> {
    /// `(f(args)).field` as the scalar subquery `(SELECT field FROM f(args))`, which is what it
    /// gives for a function returning one row.
    pub fn call_field(
        &self,
        root: &sp::Expr,
        chain: &[sp::AccessExpr],
    ) -> Result<crate::sql::ast::Expr> {
        use crate::sql::ast::{Expr, FromItem, Query, QueryBody, Select, SelectItem};
        let mut root = root;
        while let sp::Expr::Nested(inner) = root {
            root = inner;
        }
        let [sp::AccessExpr::Dot(sp::Expr::Identifier(field))] = chain else {
            return Err(unsupported("this field selection", None));
        };
        let Expr::Function { schema, name, args, pos, .. } = self.expr(root)? else {
            return Err(unsupported(format!("the expression {root}"), self.pos_of(root)));
        };
        let column = Expr::Column {
            table: None,
            name: self.ident(field).name,
            pos: self.positions.of(field.span.start),
        };
        let select = Select {
            distinct: false,
            distinct_on: Vec::new(),
            items: vec![SelectItem::Expr { expr: column, alias: None }],
            from: vec![FromItem::Function {
                schema,
                name,
                args,
                alias: None,
                column_alias: None,
                column_defs: Vec::new(),
                pos,
            }],
            selection: None,
            group_by: Vec::new(),
            having: None,
        };
        Ok(Expr::Subquery(Box::new(Query {
            with: Vec::new(),
            body: QueryBody::Select(Box::new(select)),
            order_by: Vec::new(),
            limit: None,
            offset: None,
        })))
    }
}
