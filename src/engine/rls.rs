//! Row-level security and table privileges, as a statement run by a role other than the
//! superuser meets them: privileges checked per table, policies' USING conditions added to the
//! statement where it reads each table, and WITH CHECK conditions tested on every row it
//! writes. Referential checks and actions never pass through here: PostgreSQL runs them
//! without row security, so a key a role cannot see still counts.

use crate::engine::admin::Policy;
use crate::engine::catalog::TableId;
use crate::engine::eval::{eval, truth};
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::{Binder, Bound};
use crate::engine::roles::{
    bypasses_rls, check_table_privilege, current_user, is_superuser, owns_table, roles_of,
};
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, InsertSource, JoinKind, Literal, Query, QueryBody, Statement,
};
use crate::sql::walk;

/// The command a policy is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// SELECT (and the reads of UPDATE and DELETE with a WHERE).
    Select,
    /// INSERT
    Insert,
    /// UPDATE
    Update,
    /// DELETE
    Delete,
}

impl Command {
    fn name(self) -> &'static str {
        match self {
            Command::Select => "select",
            Command::Insert => "insert",
            Command::Update => "update",
            Command::Delete => "delete",
        }
    }
}

/// The WITH CHECK conditions the rows a statement writes into one table must pass.
#[derive(Debug, Clone)]
pub struct WithCheck {
    /// The table written.
    pub table: TableId,
    /// The groups of conditions, each of which must hold: the command's policies, and the
    /// SELECT policies when the statement also reads the row (RETURNING, a WHERE of UPDATE).
    pub groups: Vec<CheckGroup>,
}

/// The conditions of one command's policies.
#[derive(Debug, Clone)]
pub struct CheckGroup {
    /// The permissive policies' conditions: one must hold.
    pub permissive: Vec<Condition>,
    /// The restrictive policies' conditions, with their names: each must hold.
    pub restrictive: Vec<(String, Condition)>,
}

/// A policy condition ready for the rows written.
#[derive(Debug, Clone)]
pub enum Condition {
    /// Bound once, evaluated over each row.
    Bound(Bound),
    /// Calling a user function with the row's values: put together for each row.
    PerRow(Expr),
}

/// True when row security filters what the current role does to `table`: enabled on it, the
/// role not a superuser, and not its owner unless FORCE was given.
fn applies(exec: &Exec<'_>, table: TableId) -> Result<bool> {
    let Some(&(enabled, forced)) = exec.db.admin.row_security.get(&table) else { return Ok(false) };
    let applies = enabled
        && !bypasses_rls(exec.db)
        && (forced || !owns_table(exec.db, table, &current_user(exec.db)));
    // `SET row_security = off` (pg_dump's header sets it) turns the filtering into an error.
    if applies && exec.db.settings.show("row_security").is_ok_and(|(_, v)| v == "off") {
        let name = &exec.db.table(table)?.name;
        return Err(Error::new(
            "42501",
            format!("query would be affected by row-level security policy for table \"{name}\""),
        ));
    }
    Ok(applies)
}

/// The policies of `table` for `cmd` that apply to the current role: (permissive, restrictive).
fn policies(exec: &Exec<'_>, table: TableId, cmd: Command) -> (Vec<Policy>, Vec<Policy>) {
    let roles = roles_of(exec.db, &current_user(exec.db));
    let (mut permissive, mut restrictive) = (Vec::new(), Vec::new());
    for p in exec.db.admin.policies.iter().filter(|p| p.table == table) {
        let for_cmd = p.command == "all" || p.command == cmd.name();
        let for_role = p.roles.is_empty() || p.roles.iter().any(|r| roles.contains(r));
        if for_cmd && for_role {
            if p.permissive { permissive.push(p.clone()) } else { restrictive.push(p.clone()) }
        }
    }
    (permissive, restrictive)
}

fn and(l: Expr, r: Expr) -> Expr {
    Expr::Binary { op: BinaryOp::And, left: Box::new(l), right: Box::new(r), pos: None }
}

fn or(l: Expr, r: Expr) -> Expr {
    Expr::Binary { op: BinaryOp::Or, left: Box::new(l), right: Box::new(r), pos: None }
}

/// A policy condition with its bare column names qualified by the table's name in the query.
fn qualified(e: &Expr, qualifier: &str) -> Result<Expr> {
    let mut e = e.clone();
    walk::expr(&mut e, &mut |x| match x {
        Expr::Column { table: table @ None, .. } => {
            *table = Some(qualifier.to_string());
            Ok(true)
        }
        // A subquery's names are its own.
        Expr::Subquery(_) | Expr::Exists { .. } => Ok(true),
        Expr::InSubquery { expr, .. } => {
            **expr = qualified(expr, qualifier)?;
            Ok(true)
        }
        _ => Ok(false),
    })?;
    Ok(e)
}

/// The condition the rows of `table` read for `cmd` must meet (None: row security does not
/// apply): one permissive USING holds and every restrictive one; no permissive policy, no rows.
fn using(exec: &Exec<'_>, table: TableId, cmd: Command, qualifier: &str) -> Result<Option<Expr>> {
    if !applies(exec, table)? {
        return Ok(None);
    }
    let (permissive, restrictive) = policies(exec, table, cmd);
    let deny = || Expr::Literal(Literal::Bool(false));
    let mut cond = permissive
        .iter()
        .map(|p| p.using.as_ref().map_or_else(|| Ok(deny()), |u| qualified(u, qualifier)))
        .reduce(|a, b| Ok(or(a?, b?)))
        .unwrap_or_else(|| Ok(deny()))?;
    for p in &restrictive {
        let u = p.using.as_ref().map_or_else(|| Ok(deny()), |u| qualified(u, qualifier))?;
        cond = and(cond, u);
    }
    Ok(Some(cond))
}

/// The statement with its privileges checked and the USING conditions of row security added
/// where it reads tables; None when nothing was added.
pub fn apply(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<Statement>> {
    if is_superuser(exec.db) {
        return Ok(None);
    }
    let mut copy = stmt.clone();
    let changed = match &mut copy {
        Statement::Query(q) => query(exec, q)?,
        Statement::Insert(i) => {
            let table = exec.db.resolve(&i.table)?;
            check_table_privilege(exec.db, table, "insert")?;
            if !i.returning.is_empty() {
                check_table_privilege(exec.db, table, "select")?;
            }
            let mut changed = false;
            if let InsertSource::Query(q) = &mut i.source {
                changed |= query(exec, q)?;
            }
            changed
        }
        Statement::Update(u) => {
            let table = exec.db.resolve(&u.table)?;
            let reads = u.selection.is_some() || !u.returning.is_empty();
            let qualifier = u.alias.clone().unwrap_or_else(|| u.table.name.clone());
            write_target(exec, table, Command::Update, reads, &qualifier, &mut u.selection)?
        }
        Statement::Delete(d) => {
            let table = exec.db.resolve(&d.table)?;
            let reads = d.selection.is_some() || !d.returning.is_empty();
            let qualifier = d.alias.clone().unwrap_or_else(|| d.table.name.clone());
            write_target(exec, table, Command::Delete, reads, &qualifier, &mut d.selection)?
        }
        _ => false,
    };
    // Subqueries in any expression read their tables too.
    let mut nested = false;
    walk::statement(&mut copy, &mut |e| {
        if let Expr::Subquery(q)
        | Expr::Exists { query: q, .. }
        | Expr::InSubquery { query: q, .. } = e
        {
            nested |= query(exec, q)?;
        }
        Ok(false)
    })?;
    Ok((changed || nested).then_some(copy))
}

/// Privileges and USING conditions for the tables the subqueries of `e` read.
pub fn secure_subqueries(exec: &Exec<'_>, e: &mut Expr) -> Result<()> {
    if is_superuser(exec.db) {
        return Ok(());
    }
    walk::expr(e, &mut |x| {
        if let Expr::Subquery(q)
        | Expr::Exists { query: q, .. }
        | Expr::InSubquery { query: q, .. } = x
        {
            query(exec, q)?;
        }
        Ok(false)
    })
}

/// Privileges and USING conditions for the table an UPDATE or DELETE changes.
fn write_target(
    exec: &Exec<'_>,
    table: TableId,
    cmd: Command,
    reads: bool,
    qualifier: &str,
    selection: &mut Option<Expr>,
) -> Result<bool> {
    check_table_privilege(exec.db, table, cmd.name())?;
    if reads {
        check_table_privilege(exec.db, table, "select")?;
    }
    let mut added = using(exec, table, cmd, qualifier)?;
    if reads && let Some(read) = using(exec, table, Command::Select, qualifier)? {
        added = Some(match added {
            Some(a) => and(a, read),
            None => read,
        });
    }
    let Some(cond) = added else { return Ok(false) };
    *selection = Some(match selection.take() {
        Some(s) => and(cond, s),
        None => cond,
    });
    Ok(true)
}

/// Privileges and USING conditions for every table a query reads (not its subqueries').
fn query(exec: &Exec<'_>, q: &mut Query) -> Result<bool> {
    let QueryBody::Select(s) = &mut q.body else { return Ok(false) };
    let mut filters = Vec::new();
    let mut rewritten = false;
    for item in &mut s.from {
        rewritten |= from_item(exec, item, &mut filters)?;
    }
    let Some(cond) = filters.into_iter().reduce(and) else { return Ok(rewritten) };
    s.selection = Some(match s.selection.take() {
        Some(w) => and(cond, w),
        None => cond,
    });
    Ok(true)
}

/// Checks the tables of a FROM item; conditions for tables that every row of the result
/// comes from go to `filters` (the WHERE clause), those of a LEFT JOIN's right side to its ON.
/// True when the item itself was rewritten (a subquery's or a view's conditions put in).
fn from_item(exec: &Exec<'_>, item: &mut FromItem, filters: &mut Vec<Expr>) -> Result<bool> {
    match item {
        FromItem::Table { name, alias } => {
            let Some(table) = exec.db.lookup(name) else {
                return invoker_view(exec, item);
            };
            check_table_privilege(exec.db, table, "select")?;
            let qualifier = alias.clone().unwrap_or_else(|| name.name.clone());
            filters.extend(using(exec, table, Command::Select, &qualifier)?);
            Ok(false)
        }
        FromItem::Function { .. } => Ok(false),
        FromItem::Subquery { query: q, .. } => query(exec, q),
        FromItem::Join { left, right, kind, on, .. } => {
            let mut rewritten = from_item(exec, left, filters)?;
            if *kind == JoinKind::Left {
                let mut inner = Vec::new();
                rewritten |= from_item(exec, right, &mut inner)?;
                if let Some(cond) = inner.into_iter().reduce(and) {
                    *on = Some(match on.take() {
                        Some(o) => and(o, cond),
                        None => cond,
                    });
                    rewritten = true;
                }
                Ok(rewritten)
            } else {
                Ok(from_item(exec, right, filters)? || rewritten)
            }
        }
    }
}

/// A view with `security_invoker` reads its tables as the querying role: their privileges are
/// checked and their row security applied inside it (the view then reads as its query, under
/// its name and column names). Other views read as their owner, the superuser in fksim.
fn invoker_view(exec: &Exec<'_>, item: &mut FromItem) -> Result<bool> {
    let FromItem::Table { name, alias } = item else { return Ok(false) };
    let Some(v) = crate::engine::views::find(exec.db, name) else { return Ok(false) };
    if v.materialized || !crate::engine::view_options::security_invoker(v) {
        return Ok(false);
    }
    let mut q = v.query.clone();
    if !query(exec, &mut q)? {
        return Ok(false);
    }
    *item = FromItem::Subquery {
        query: Box::new(q),
        alias: alias.clone().unwrap_or_else(|| v.name.clone()),
        columns: v.columns.iter().map(|(c, _)| c.clone()).collect(),
        lateral: false,
    };
    Ok(true)
}

/// The WITH CHECK conditions for rows `cmd` writes into `table` (USING where a policy has no
/// WITH CHECK), bound; None when row security does not apply.
pub fn with_check(
    exec: &mut Exec<'_>,
    table: TableId,
    cmd: Command,
    reads: bool,
) -> Result<Option<WithCheck>> {
    if !applies(exec, table)? {
        return Ok(None);
    }
    let mut groups = vec![check_group(exec, table, cmd)?];
    if reads {
        groups.push(check_group(exec, table, Command::Select)?);
    }
    Ok(Some(WithCheck { table, groups }))
}

/// The bound conditions of `cmd`'s policies for new rows: WITH CHECK, else USING (SELECT
/// policies have only USING).
fn check_group(exec: &mut Exec<'_>, table: TableId, cmd: Command) -> Result<CheckGroup> {
    let (permissive, restrictive) = policies(exec, table, cmd);
    let mut bind = |p: &Policy| -> Result<Condition> {
        let condition = if cmd == Command::Select { None } else { p.check.as_ref() };
        let mut e = match condition.or(p.using.as_ref()) {
            Some(e) => e.clone(),
            None => Expr::Literal(Literal::Bool(false)),
        };
        // Subqueries of the policy read their tables under row security too, once.
        secure_subqueries(exec, &mut e)?;
        let unexpanded = e.clone();
        match crate::engine::fncall::expand_expr(exec, &mut e) {
            Err(err) if err.sqlstate() == "0A000" => return Ok(Condition::PerRow(unexpanded)),
            other => other?,
        }
        crate::engine::subquery::materialize_expr(exec.db, &exec.ctx, &mut e)?;
        let t = exec.db.table(table)?;
        Binder::for_clause("POLICY")
            .bind_condition(&e, &table_scope(t, None), "POLICY")
            .map(Condition::Bound)
    };
    let permissive = permissive.iter().map(&mut bind).collect::<Result<Vec<_>>>()?;
    let restrictive =
        restrictive.iter().map(|p| Ok((p.name.clone(), bind(p)?))).collect::<Result<Vec<_>>>()?;
    Ok(CheckGroup { permissive, restrictive })
}

/// PostgreSQL's 42501 when a row written by the statement fails its WITH CHECK conditions.
pub fn check_new_row(exec: &mut Exec<'_>, table: TableId, row: &[Value]) -> Result<()> {
    if exec.with_check.as_deref().is_none_or(|wc| wc.table != table) {
        return Ok(());
    }
    // Taken out while a condition may call functions that write rows of their own.
    let Some(wc) = exec.with_check.take() else { return Ok(()) };
    let result = check_groups(exec, &wc, row);
    exec.with_check = Some(wc);
    result
}

fn check_groups(exec: &mut Exec<'_>, wc: &WithCheck, row: &[Value]) -> Result<()> {
    let name = exec.db.table(wc.table)?.name.clone();
    for group in &wc.groups {
        let mut any = false;
        for c in &group.permissive {
            if holds(exec, wc.table, c, row)? {
                any = true;
                break;
            }
        }
        if !any {
            return Err(Error::new(
                "42501",
                format!("new row violates row-level security policy for table \"{name}\""),
            ));
        }
        for (policy, c) in &group.restrictive {
            if !holds(exec, wc.table, c, row)? {
                return Err(Error::new(
                    "42501",
                    format!(
                        "new row violates row-level security policy \"{policy}\" for table \"{name}\""
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Does the condition hold for this row?
fn holds(exec: &mut Exec<'_>, table: TableId, c: &Condition, row: &[Value]) -> Result<bool> {
    let value = match c {
        Condition::Bound(b) => eval(b, row, &[], &exec.ctx)?,
        Condition::PerRow(e) => {
            let t = exec.db.table(table)?;
            let mut e = e.clone();
            walk::expr(&mut e, &mut |x| {
                let Expr::Column { table: qualifier, name, .. } = x else { return Ok(false) };
                if qualifier.as_ref().is_some_and(|q| *q != t.name) {
                    return Ok(false);
                }
                let Some(i) = t.column_index(name) else { return Ok(false) };
                *x = crate::engine::subquery::constant(&row[i], &t.columns[i].data_type);
                Ok(true)
            })?;
            crate::engine::fncall::expand_expr(exec, &mut e)?;
            crate::engine::subquery::materialize_expr(exec.db, &exec.ctx, &mut e)?;
            let (bound, _) = Binder::for_clause("POLICY").bind(&e, &Default::default())?;
            eval(&bound, &[], &[], &exec.ctx)?
        }
    };
    Ok(truth(&value) == Some(true))
}

/// Runs an INSERT or UPDATE of `stmt` with the WITH CHECK conditions of its target in force for
/// the rows it writes itself (not for the rows its triggers' statements or referential actions
/// write).
pub fn run_writing<T>(
    exec: &mut Exec<'_>,
    stmt: &Statement,
    run: impl FnOnce(&mut Exec<'_>) -> Result<T>,
) -> Result<T> {
    let target = match stmt {
        Statement::Insert(i) => Some((&i.table, Command::Insert, !i.returning.is_empty())),
        Statement::Update(u) => {
            let reads = u.selection.is_some() || !u.returning.is_empty();
            Some((&u.table, Command::Update, reads))
        }
        _ => None,
    };
    let check = match target {
        Some((name, cmd, reads)) if !is_superuser(exec.db) => match exec.db.lookup(name) {
            Some(table) => with_check(exec, table, cmd, reads)?,
            None => None,
        },
        _ => None,
    };
    let outer = std::mem::replace(&mut exec.with_check, check.map(Box::new));
    let result = run(exec);
    exec.with_check = outer;
    result
}

/// ri_ReportViolation's rule: a key is left out of a 23503's DETAIL ("Key is not present in
/// table ...") when the current role may not read it — row security applies to the table whose
/// key it is, or the role lacks SELECT on it.
pub fn hide_key(exec: &Exec<'_>, table: TableId, mut e: Error) -> Error {
    let readable = !applies(exec, table).unwrap_or(true)
        && check_table_privilege(exec.db, table, "select").is_ok();
    if !readable
        && let Some(detail) = &e.detail
        && let Some(rest) = detail.strip_prefix("Key (").and_then(|d| d.split_once(") is "))
    {
        e.detail = Some(format!("Key is {}", rest.1));
    }
    e
}
