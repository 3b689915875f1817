//! INSERT, UPDATE and DELETE through a view: PostgreSQL's automatically updatable views (one
//! table or view in FROM, no grouping, DISTINCT, set operations, WITH, LIMIT or aggregates)
//! become the same statement on the relation under the view, so its keys and triggers fire.

use crate::engine::database::Database;
use crate::engine::views::{View, find};
use crate::error::{Error, Result};
use crate::sql::ast::{
    BinaryOp, ConflictAction, ConflictTarget, Delete, Expr, FromItem, Ident, Insert, ObjectName,
    QueryBody, SelectItem, Statement, Update,
};
use crate::sql::walk;

/// The statement on the relation under the view, when `stmt` writes through a view, with the
/// view's CHECK OPTION to verify on the rows it writes.
pub fn rewrite(db: &Database, stmt: &Statement) -> Result<Option<(Statement, Option<ViewCheck>)>> {
    let (mut stmt, view) = match stmt {
        Statement::Insert(i) if let Some(v) = find(db, &i.table) => {
            (Statement::Insert(insert(db, v, i)?), v)
        }
        Statement::Update(u) if let Some(v) = find(db, &u.table) => {
            (Statement::Update(update(db, v, u)?), v)
        }
        Statement::Delete(d) if let Some(v) = find(db, &d.table) => {
            (Statement::Delete(delete(db, v, d)?), v)
        }
        _ => return Ok(None),
    };
    let returning = match &mut stmt {
        Statement::Insert(i) => Some(&mut i.returning),
        Statement::Update(u) => Some(&mut u.returning),
        _ => None,
    };
    let check = match (returning, view.check_option) {
        (Some(returning), Some(_)) => {
            let s = simple(db, view, Action::Update)?;
            let condition =
                s.condition.clone().unwrap_or(Expr::Literal(crate::sql::ast::Literal::Bool(true)));
            let user = std::mem::take(returning);
            let had_returning = !user.is_empty();
            returning.push(SelectItem::Wildcard);
            returning.push(SelectItem::Expr { expr: condition, alias: Some("check".into()) });
            returning.extend(user);
            Some(ViewCheck { view: view.name.clone(), base_width: s.base_width, had_returning })
        }
        _ => None,
    };
    Ok(Some((stmt, check)))
}

/// A view's CHECK OPTION, verified on the RETURNING rows of the rewritten statement: the base
/// row, then whether the view's condition holds, then the user's own RETURNING columns.
#[derive(Debug)]
pub struct ViewCheck {
    /// The view, as the error names it.
    view: String,
    /// Columns of the base relation's row.
    base_width: usize,
    /// The statement had a RETURNING list of its own.
    had_returning: bool,
}

/// Verifies the rows a statement with a CHECK OPTION wrote and gives back its own RETURNING
/// rows.
pub fn finish_check(
    check: ViewCheck,
    result: Option<crate::render::psql::ResultSet>,
) -> Result<Option<crate::render::psql::ResultSet>> {
    let Some(mut rs) = result else { return Ok(None) };
    let n = check.base_width;
    for row in &rs.rows {
        if row.get(n) != Some(&crate::engine::value::Value::Bool(true)) {
            let types: Vec<_> = rs.columns[..n].iter().map(|(_, t)| t.clone()).collect();
            return Err(Error::new(
                "44000",
                format!("new row violates check option for view \"{}\"", check.view),
            )
            .with_detail(format!(
                "Failing row contains ({}).",
                crate::engine::exec::describe_row(types.iter(), &row[..n])
            )));
        }
    }
    if !check.had_returning {
        return Ok(None);
    }
    rs.columns.drain(..=n);
    for row in rs.rows.iter_mut() {
        row.drain(..=n);
    }
    Ok(Some(rs))
}

/// The kind of change, for the error wording.
#[derive(Clone, Copy)]
enum Action {
    Insert,
    Update,
    Delete,
}

/// A simple view taken apart: the relation under it, each view column's expression in terms
/// of that relation's columns, and the view's WHERE.
struct Simple {
    /// The relation written.
    base: ObjectName,
    /// (view column, its expression over the base relation's columns).
    columns: Vec<(String, Expr)>,
    /// The view's WHERE condition.
    condition: Option<Expr>,
    /// Columns of the base relation.
    base_width: usize,
}

fn not_updatable(v: &View, action: Action, detail: &str) -> Error {
    let (what, verb, cmd) = match action {
        Action::Insert => ("insert into", "inserting into", "INSERT"),
        Action::Update => ("update", "updating", "UPDATE"),
        Action::Delete => ("delete from", "deleting from", "DELETE"),
    };
    Error::new("55000", format!("cannot {what} view \"{}\"", v.name))
        .with_detail(detail)
        .with_hint(format!(
            "To enable {verb} the view, provide an INSTEAD OF {cmd} trigger or an unconditional ON {cmd} DO INSTEAD rule."
        ))
}

const AGGREGATES: &[&str] = &[
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "array_agg",
    "string_agg",
    "json_agg",
    "jsonb_agg",
    "bool_and",
    "bool_or",
    "every",
    "json_object_agg",
    "jsonb_object_agg",
    "stddev",
    "variance",
];

fn simple(db: &Database, v: &View, action: Action) -> Result<Simple> {
    if v.materialized {
        return Err(Error::new("42809", format!("cannot change materialized view \"{}\"", v.name)));
    }
    let q = &v.query;
    let s = match &q.body {
        QueryBody::SetOp { .. } => {
            return Err(not_updatable(
                v,
                action,
                "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.",
            ));
        }
        QueryBody::Values(_) => {
            return Err(not_updatable(
                v,
                action,
                "Views that do not select from a single table or view are not automatically updatable.",
            ));
        }
        QueryBody::Select(s) => s,
    };
    let reason = if s.distinct || !s.distinct_on.is_empty() {
        Some("Views containing DISTINCT are not automatically updatable.")
    } else if !s.group_by.is_empty() {
        Some("Views containing GROUP BY are not automatically updatable.")
    } else if s.having.is_some() {
        Some("Views containing HAVING are not automatically updatable.")
    } else if !q.with.is_empty() {
        Some("Views containing WITH are not automatically updatable.")
    } else if q.limit.is_some() || q.offset.is_some() {
        Some("Views containing LIMIT or OFFSET are not automatically updatable.")
    } else if s.items.iter().any(has_aggregate) {
        Some("Views that return aggregate functions are not automatically updatable.")
    } else {
        None
    };
    if let Some(r) = reason {
        return Err(not_updatable(v, action, r));
    }
    let (base, alias) = match &s.from[..] {
        [FromItem::Table { name, alias }] => (name.clone(), alias.clone()),
        _ => {
            return Err(not_updatable(
                v,
                action,
                "Views that do not select from a single table or view are not automatically updatable.",
            ));
        }
    };
    let qualifier = alias.unwrap_or_else(|| base.name.clone());
    let base_columns: Vec<String> = match find(db, &base) {
        Some(bv) => bv.columns.iter().map(|(n, _)| n.clone()).collect(),
        None => {
            let t = db.table(db.resolve(&base)?)?;
            t.columns.iter().map(|c| c.name.clone()).collect()
        }
    };
    let mut exprs = Vec::new();
    for item in &s.items {
        match item {
            SelectItem::Wildcard | SelectItem::QualifiedWildcard(_) => {
                exprs.extend(base_columns.iter().map(|n| Expr::Column {
                    table: None,
                    name: n.clone(),
                    pos: None,
                }))
            }
            SelectItem::Expr { expr, .. } => exprs.push(unqualify(expr, &qualifier)?),
        }
    }
    let columns = v.columns.iter().map(|(n, _)| n.clone()).zip(exprs).collect();
    let condition = s.selection.as_ref().map(|c| unqualify(c, &qualifier)).transpose()?;
    let base_width = base_columns.len();
    Ok(Simple { base, columns, condition, base_width })
}

fn has_aggregate(item: &SelectItem) -> bool {
    let SelectItem::Expr { expr, .. } = item else { return false };
    let mut found = false;
    let mut copy = expr.clone();
    let _ = walk::expr(&mut copy, &mut |e: &mut Expr| {
        if let Expr::Function { name, .. } = e
            && AGGREGATES.contains(&name.as_str())
        {
            found = true;
        }
        Ok(false)
    });
    found
}

/// The expression with references to the base relation's name or alias made unqualified.
fn unqualify(e: &Expr, qualifier: &str) -> Result<Expr> {
    let mut out = e.clone();
    walk::expr(&mut out, &mut |e: &mut Expr| {
        if let Expr::Column { table, .. } = e
            && table.as_deref() == Some(qualifier)
        {
            *table = None;
        }
        Ok(false)
    })?;
    Ok(out)
}

impl Simple {
    /// The base column a view column writes, or PostgreSQL's error for a computed column.
    fn target(&self, v: &View, column: &Ident, action: Action) -> Result<Ident> {
        let Some((_, e)) = self.columns.iter().find(|(n, _)| *n == column.name) else {
            return Err(Error::new(
                "42703",
                format!("column \"{}\" of relation \"{}\" does not exist", column.name, v.name),
            )
            .at(column.pos));
        };
        match e {
            Expr::Column { name, .. } => Ok(Ident { name: name.clone(), pos: column.pos }),
            _ => Err(Error::new(
                "0A000",
                format!(
                    "cannot {} column \"{}\" of view \"{}\"",
                    if matches!(action, Action::Insert) { "insert into" } else { "update" },
                    column.name,
                    v.name
                ),
            )
            .with_detail(
                "View columns that are not columns of their base relation are not updatable.",
            )),
        }
    }

    /// The user's expression over the view's columns, over the base relation's instead.
    fn map(&self, e: &Expr, view: &str) -> Result<Expr> {
        let mut out = e.clone();
        walk::expr(&mut out, &mut |e: &mut Expr| {
            if let Expr::Column { table, name, .. } = e
                && table.as_deref().is_none_or(|t| t == view)
                && let Some((_, x)) = self.columns.iter().find(|(n, _)| n == name)
            {
                *e = x.clone();
                return Ok(true);
            }
            Ok(false)
        })?;
        Ok(out)
    }

    /// The user's WHERE and the view's, both to hold.
    fn condition(&self, user: Option<&Expr>, view: &str) -> Result<Option<Expr>> {
        let user = user.map(|e| self.map(e, view)).transpose()?;
        Ok(match (user, self.condition.clone()) {
            (Some(u), Some(c)) => Some(Expr::Binary {
                op: BinaryOp::And,
                left: Box::new(c),
                right: Box::new(u),
                pos: None,
            }),
            (u, c) => u.or(c),
        })
    }

    /// A RETURNING list over the view's columns, over the base relation's.
    fn returning(&self, items: &[SelectItem], view: &str) -> Result<Vec<SelectItem>> {
        let mut out = Vec::new();
        for item in items {
            match item {
                SelectItem::Wildcard => out.extend(self.all()),
                SelectItem::QualifiedWildcard(q) if q == view => out.extend(self.all()),
                SelectItem::QualifiedWildcard(q) => {
                    out.push(SelectItem::QualifiedWildcard(q.clone()))
                }
                SelectItem::Expr { expr, alias } => out.push(SelectItem::Expr {
                    expr: self.map(expr, view)?,
                    alias: Some(
                        alias.clone().unwrap_or_else(|| crate::engine::query::column_name(expr)),
                    ),
                }),
            }
        }
        Ok(out)
    }

    fn all(&self) -> Vec<SelectItem> {
        self.columns
            .iter()
            .map(|(n, e)| SelectItem::Expr { expr: e.clone(), alias: Some(n.clone()) })
            .collect()
    }
}

fn insert(db: &Database, v: &View, i: &Insert) -> Result<Insert> {
    let s = simple(db, v, Action::Insert)?;
    let view = i.alias.clone().unwrap_or_else(|| v.name.clone());
    let written: Vec<Ident> = if i.columns.is_empty() {
        let width = match &i.source {
            crate::sql::ast::InsertSource::Values(rows) => {
                rows.iter().map(Vec::len).max().unwrap_or(0)
            }
            _ => s.columns.len(),
        };
        s.columns.iter().take(width).map(|(n, _)| Ident { name: n.clone(), pos: None }).collect()
    } else {
        i.columns.clone()
    };
    let columns = written.iter().map(|c| s.target(v, c, Action::Insert)).collect::<Result<_>>()?;
    let on_conflict = match &i.on_conflict {
        None => None,
        Some(oc)
            if matches!(oc.target, ConflictTarget::Any)
                && matches!(oc.action, ConflictAction::Nothing) =>
        {
            Some(oc.clone())
        }
        Some(_) => {
            return Err(Error::unsupported(
                "INSERT ... ON CONFLICT with a target through a view is not supported by fksim",
            ));
        }
    };
    Ok(Insert {
        table: s.base.clone(),
        alias: None,
        columns,
        source: i.source.clone(),
        on_conflict,
        overriding_system: i.overriding_system,
        returning: s.returning(&i.returning, &view)?,
    })
}

fn update(db: &Database, v: &View, u: &Update) -> Result<Update> {
    let s = simple(db, v, Action::Update)?;
    if !u.from.is_empty() {
        return Err(Error::unsupported("UPDATE ... FROM through a view is not supported by fksim"));
    }
    let view = u.alias.clone().unwrap_or_else(|| v.name.clone());
    let mut assignments = Vec::new();
    for (col, e) in &u.assignments {
        assignments.push((s.target(v, col, Action::Update)?, s.map(e, &view)?));
    }
    Ok(Update {
        table: s.base.clone(),
        alias: None,
        assignments,
        from: Vec::new(),
        selection: s.condition(u.selection.as_ref(), &view)?,
        returning: s.returning(&u.returning, &view)?,
    })
}

fn delete(db: &Database, v: &View, d: &Delete) -> Result<Delete> {
    let s = simple(db, v, Action::Delete)?;
    if !d.using.is_empty() {
        return Err(Error::unsupported(
            "DELETE ... USING through a view is not supported by fksim",
        ));
    }
    let view = d.alias.clone().unwrap_or_else(|| v.name.clone());
    Ok(Delete {
        table: s.base.clone(),
        alias: None,
        using: Vec::new(),
        selection: s.condition(d.selection.as_ref(), &view)?,
        returning: s.returning(&d.returning, &view)?,
    })
}

/// WITH CHECK OPTION needs an automatically updatable view: PostgreSQL's refusal otherwise.
pub fn check_option_allowed(db: &Database, v: &View) -> Result<()> {
    match simple(db, v, Action::Insert) {
        Err(e) if e.sqlstate() == "55000" => Err(Error::new(
            "0A000",
            "WITH CHECK OPTION is supported only on automatically updatable views",
        )
        .with_hint(e.detail.clone().unwrap_or_default())),
        _ => Ok(()),
    }
}
