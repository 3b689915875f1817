//! One rule action as PostgreSQL's rewriter makes it (rewriteRuleAction): a single statement
//! whose FROM gains the original statement's rows — OLD and NEW as a derived table of the
//! images fksim computed — and whose WHERE gains the rule's condition; an action that reads
//! neither OLD nor NEW of an UPDATE or DELETE without WHERE runs once, not joined.

use crate::engine::rules::Images;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, InsertSource, Literal, Query, QueryBody, SelectItem, Statement,
};
use crate::sql::rule::RuleEvent;
use crate::sql::walk;

/// The name of the derived table of the original's rows.
const ROWS: &str = "*rule*";

/// True when the action or the condition reads OLD or NEW.
pub(crate) fn reads_images(action: &Statement, condition: Option<&Expr>) -> Result<bool> {
    let mut found = false;
    let mut seek = |x: &mut Expr| -> Result<bool> {
        if let Expr::Column { table: Some(rec), .. } = x
            && (rec == "old" || rec == "new")
        {
            found = true;
        }
        Ok(false)
    };
    walk::statement_deep(&mut action.clone(), &mut seek)?;
    if let Some(c) = condition {
        walk::expr(&mut c.clone(), &mut seek)?;
    }
    Ok(found)
}

/// OLD.x / NEW.x read as the derived table's columns.
fn redirect(x: &mut Expr) -> Result<bool> {
    let Expr::Column { table: Some(rec), name, pos } = x else { return Ok(false) };
    if rec != "old" && rec != "new" {
        return Ok(false);
    }
    *x = Expr::Column { table: Some(ROWS.into()), name: format!("{rec}.{name}"), pos: *pos };
    Ok(true)
}

fn and(a: Option<Expr>, b: Option<Expr>) -> Option<Expr> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Expr::Binary {
            op: BinaryOp::And,
            left: Box::new(a),
            right: Box::new(b),
            pos: None,
        }),
        (a, b) => a.or(b),
    }
}

/// The derived table of the original's rows (one row of nulls when there are none: the
/// caller's WHERE then gains `false`).
fn rows_item(
    event: RuleEvent,
    images: &[Images],
    columns: &[(String, DataType)],
) -> Result<FromItem> {
    let parts: &[&str] = match event {
        RuleEvent::Insert => &["new"],
        RuleEvent::Delete => &["old"],
        _ => &["old", "new"],
    };
    let names =
        parts.iter().flat_map(|p| columns.iter().map(move |(c, _)| format!("{p}.{c}"))).collect();
    let row = |im: Option<&Images>| -> Vec<Expr> {
        parts
            .iter()
            .flat_map(|p| {
                let vals =
                    im.and_then(|im| if *p == "old" { im.old.as_ref() } else { im.new.as_ref() });
                columns.iter().enumerate().map(move |(i, (_, t))| {
                    constant(vals.and_then(|v| v.get(i)).unwrap_or(&Value::Null), t)
                })
            })
            .collect()
    };
    let rows: Vec<Vec<Expr>> = if images.is_empty() {
        vec![row(None)]
    } else {
        images.iter().map(|im| row(Some(im))).collect()
    };
    let mut query = crate::engine::rules::select_query(Vec::new())?;
    query.body = QueryBody::Values(rows);
    Ok(FromItem::Subquery {
        query: Box::new(query),
        alias: ROWS.into(),
        columns: names,
        lateral: false,
    })
}

/// `SELECT items FROM from WHERE selection`.
fn select(items: Vec<SelectItem>, from: Vec<FromItem>, selection: Option<Expr>) -> Result<Query> {
    let mut q = crate::engine::rules::select_query(Vec::new())?;
    if let QueryBody::Select(s) = &mut q.body {
        s.items = items;
        s.from = from;
        s.selection = selection;
    }
    Ok(q)
}

/// The action as one statement over the original's rows (`joined`) or on its own.
pub(crate) fn statement(
    action: &Statement,
    condition: Option<&Expr>,
    event: RuleEvent,
    images: &[Images],
    columns: &[(String, DataType)],
    joined: bool,
) -> Result<Statement> {
    let mut stmt = action.clone();
    walk::statement_deep(&mut stmt, &mut redirect)?;
    let mut cond = condition.cloned();
    if let Some(c) = &mut cond {
        walk::expr(c, &mut redirect)?;
    }
    let mut from = Vec::new();
    if joined {
        from.push(rows_item(event, images, columns)?);
        if images.is_empty() {
            cond = and(cond, Some(Expr::Literal(Literal::Bool(false))));
        }
    }
    match &mut stmt {
        Statement::Update(u) => {
            u.from.extend(from);
            u.selection = and(u.selection.take(), cond);
        }
        Statement::Delete(d) => {
            d.using.extend(from);
            d.selection = and(d.selection.take(), cond);
        }
        Statement::Insert(i) => {
            if from.is_empty() && cond.is_none() {
                return Ok(stmt);
            }
            let has_default =
                |rows: &Vec<Vec<Expr>>| rows.iter().flatten().any(|e| *e == Expr::Default);
            i.source = match std::mem::replace(&mut i.source, InsertSource::DefaultValues) {
                InsertSource::Values(rows) if rows.len() == 1 && !has_default(&rows) => {
                    let items = rows
                        .into_iter()
                        .flatten()
                        .map(|expr| SelectItem::Expr { expr, alias: None })
                        .collect();
                    InsertSource::Query(Box::new(select(items, from, cond)?))
                }
                InsertSource::Query(mut q) if matches!(q.body, QueryBody::Select(_)) => {
                    if let QueryBody::Select(s) = &mut q.body {
                        s.from.extend(from);
                        s.selection = and(s.selection.take(), cond);
                    }
                    InsertSource::Query(q)
                }
                InsertSource::Values(rows) if !has_default(&rows) => {
                    let mut inner = crate::engine::rules::select_query(Vec::new())?;
                    inner.body = QueryBody::Values(rows);
                    wrapped(inner, from, cond)?
                }
                InsertSource::Query(q) => wrapped(*q, from, cond)?,
                _ => {
                    return Err(Error::unsupported(
                        "DEFAULT in a rule action's INSERT over the original statement's rows is not supported by fksim",
                    ));
                }
            };
        }
        _ => {}
    }
    Ok(stmt)
}

/// `SELECT q.* FROM (q) q, rows WHERE cond` for an action query that does not read OLD or NEW.
fn wrapped(q: Query, mut from: Vec<FromItem>, cond: Option<Expr>) -> Result<InsertSource> {
    let mut probe = Statement::Query(q.clone());
    let mut reads = false;
    walk::statement_deep(&mut probe, &mut |x| {
        if matches!(x, Expr::Column { table: Some(t), .. } if t == ROWS) {
            reads = true;
        }
        Ok(false)
    })?;
    if reads {
        return Err(Error::unsupported(
            "a rule action's VALUES list or set operation reading OLD or NEW is not supported by fksim",
        ));
    }
    let alias = "*values*".to_string();
    from.insert(
        0,
        FromItem::Subquery {
            query: Box::new(q),
            alias: alias.clone(),
            columns: Vec::new(),
            lateral: false,
        },
    );
    Ok(InsertSource::Query(Box::new(select(
        vec![SelectItem::QualifiedWildcard(alias)],
        from,
        cond,
    )?)))
}
