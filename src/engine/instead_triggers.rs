//! `INSTEAD OF {INSERT | UPDATE | DELETE} ON view FOR EACH ROW` triggers: an INSERT, UPDATE or
//! DELETE on the view calls the trigger for each row instead of changing anything itself; what
//! the function does (an INSERT into the base table, checked against its foreign keys as any
//! statement is) is the change. RETURNING shows the row the function returned (NEW, or OLD for
//! DELETE); a function returning NULL skips the row.

use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::routines::{Trigger, TriggerOp, VIEW_TRIGGER, trigger_function};
use crate::engine::rules::{Images, change_images, insert_images, substitute_columns};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{CreateTrigger, SelectItem, Statement};

/// The view a CREATE TRIGGER is on, after PostgreSQL's checks of the trigger kind against the
/// relation kind; None for a table (a table's INSTEAD OF trigger is refused here).
pub fn check_relation(db: &Database, t: &CreateTrigger) -> Result<Option<(String, String)>> {
    if let Some(id) = db.lookup(&t.table) {
        if t.instead {
            let name = db.table(id)?.name.clone();
            return Err(Error::new("42809", format!("\"{name}\" is a table"))
                .with_detail("Tables cannot have INSTEAD OF triggers."));
        }
        return Ok(None);
    }
    let Some(v) = crate::engine::views::find(db, &t.table) else { return Ok(None) };
    if !t.transitions.is_empty() {
        return Err(Error::new("42809", format!("\"{}\" is a view", v.name))
            .with_detail("Triggers on views cannot have transition tables."));
    }
    if !t.instead && t.for_each_row {
        return Err(Error::new("42809", format!("\"{}\" is a view", v.name))
            .with_detail("Views cannot have row-level BEFORE or AFTER triggers."));
    }
    if !t.instead {
        // BEFORE / AFTER ... FOR EACH STATEMENT: they fire when an INSTEAD OF row trigger
        // handles the statement.
        return Ok(Some((v.schema.clone(), v.name.clone())));
    }
    if !t.for_each_row {
        return Err(Error::new("0A000", "INSTEAD OF triggers must be FOR EACH ROW"));
    }
    if t.when.is_some() {
        return Err(Error::new("0A000", "INSTEAD OF triggers cannot have WHEN conditions"));
    }
    if t.on_update.as_ref().is_some_and(|c| !c.is_empty()) {
        return Err(Error::new("0A000", "INSTEAD OF triggers cannot have column lists"));
    }
    Ok(Some((v.schema.clone(), v.name.clone())))
}

/// CREATE TRIGGER ... INSTEAD OF ... ON view FOR EACH ROW.
pub fn create(exec: &mut Exec<'_>, t: &CreateTrigger, view: (String, String)) -> Result<()> {
    if exec.db.triggers.iter().any(|x| x.view.as_ref() == Some(&view) && x.name == t.name) {
        return Err(Error::new(
            "42710",
            format!("trigger \"{}\" for relation \"{}\" already exists", t.name, view.1),
        ));
    }
    let function = trigger_function(exec.db, &t.function)?;
    let trigger = Trigger {
        name: t.name.clone(),
        table: VIEW_TRIGGER,
        before: t.before,
        on_insert: t.on_insert,
        on_update: t.on_update.as_ref().map(|_| Vec::new()),
        on_delete: t.on_delete,
        on_truncate: t.on_truncate,
        when: if t.instead { None } else { t.when.clone() },
        function,
        args: t.args.clone(),
        enabled: true,
        row: t.instead,
        old_table: None,
        new_table: None,
        view: Some(view),
        constraint: None,
        parent: None,
    };
    save(exec);
    exec.db.triggers.push(trigger);
    Ok(())
}

/// DROP TRIGGER [IF EXISTS] name ON view.
pub fn drop(
    exec: &mut Exec<'_>,
    name: &str,
    view: &(String, String),
    if_exists: bool,
) -> Result<()> {
    let mine = |t: &Trigger| t.view.as_ref() == Some(view) && t.name == name;
    if !exec.db.triggers.iter().any(mine) {
        if if_exists {
            exec.notices.push(crate::error::Notice::notice(format!(
                "trigger \"{name}\" for relation \"{}\" does not exist, skipping",
                view.1
            )));
            return Ok(());
        }
        return Err(Error::new(
            "42704",
            format!("trigger \"{name}\" for table \"{}\" does not exist", view.1),
        ));
    }
    save(exec);
    exec.db.triggers.retain(|t| !mine(t));
    Ok(())
}

fn save(exec: &mut Exec<'_>) {
    exec.txn.undo.push(crate::engine::database::Undo::Routines(Box::new((
        exec.db.functions.clone(),
        exec.db.triggers.clone(),
    ))));
}

/// The INSTEAD OF triggers (`row`), or the statement-level ones with this timing, of a view
/// for an event, in name order.
fn triggers_of(
    db: &Database,
    view: &(String, String),
    op: TriggerOp,
    row: bool,
    before: bool,
) -> Vec<Trigger> {
    let mut list: Vec<Trigger> = db
        .triggers
        .iter()
        .filter(|t| {
            t.view.as_ref() == Some(view)
                && t.enabled
                && t.row == row
                && (row || t.before == before)
                && t.fires_on(op, |_| true)
        })
        .cloned()
        .collect();
    list.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    list
}

/// Runs a statement on a view through its INSTEAD OF triggers; None when the view has none for
/// the statement's event (or the statement is not on a view).
pub fn apply(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<Option<ResultSet>>> {
    if !exec.db.triggers.iter().any(|t| t.view.is_some()) {
        return Ok(None);
    }
    let (name, op, returning) = match stmt {
        Statement::Insert(i) => (&i.table, TriggerOp::Insert, &i.returning),
        Statement::Update(u) => (&u.table, TriggerOp::Update, &u.returning),
        Statement::Delete(d) => (&d.table, TriggerOp::Delete, &d.returning),
        _ => return Ok(None),
    };
    if exec.db.lookup(name).is_some() {
        return Ok(None);
    }
    let Some(v) = crate::engine::views::find(exec.db, name) else { return Ok(None) };
    let (view, columns) = ((v.schema.clone(), v.name.clone()), v.columns.clone());
    let triggers = triggers_of(exec.db, &view, op, true, false);
    if triggers.is_empty() {
        return Ok(None);
    }
    statement_level(exec, &view, op, true)?;
    let images = images(exec, stmt, &columns)?;
    let mut out = Vec::new();
    let mut processed = 0;
    for im in images {
        let mut new = im.new.clone();
        let mut skipped = false;
        for t in &triggers {
            let returned = crate::engine::plpgsql::run_trigger(
                exec,
                t,
                op,
                im.old.as_deref(),
                new.as_deref(),
            )?;
            match returned {
                None => {
                    skipped = true;
                    break;
                }
                Some(row) if op != TriggerOp::Delete => new = Some(row),
                Some(_) => {}
            }
        }
        if skipped {
            continue;
        }
        processed += 1;
        if !returning.is_empty() {
            let row = if op == TriggerOp::Delete { im.old.clone() } else { new.clone() };
            out.push(row.unwrap_or_default());
        }
    }
    statement_level(exec, &view, op, false)?;
    exec.processed = processed;
    if returning.is_empty() {
        return Ok(Some(None));
    }
    returning_rows(exec, &view.1, &columns, returning, out).map(|r| Some(Some(r)))
}

/// The view's BEFORE (or AFTER) STATEMENT triggers, around the statement its INSTEAD OF
/// triggers handle.
fn statement_level(
    exec: &mut Exec<'_>,
    view: &(String, String),
    op: TriggerOp,
    before: bool,
) -> Result<()> {
    for t in triggers_of(exec.db, view, op, false, before) {
        if crate::engine::plpgsql::when_holds(exec, &t, None, None)? {
            crate::engine::plpgsql::run_trigger(exec, &t, op, None, None)?;
        }
    }
    Ok(())
}

/// The rows the statement hands its triggers: NEW for INSERT, OLD (and NEW) for the others.
fn images(
    exec: &mut Exec<'_>,
    stmt: &Statement,
    columns: &[(String, DataType)],
) -> Result<Vec<Images>> {
    match stmt {
        Statement::Insert(ins) => insert_images(exec, ins, columns),
        other => change_images(exec, other, columns),
    }
}

/// RETURNING evaluated over the rows the triggers returned.
fn returning_rows(
    exec: &Exec<'_>,
    view: &str,
    columns: &[(String, DataType)],
    items: &[SelectItem],
    rows: Vec<Vec<Value>>,
) -> Result<ResultSet> {
    let mut list = Vec::new();
    for i in items {
        match i {
            SelectItem::Wildcard => list.extend(columns.iter().map(|(c, _)| SelectItem::Expr {
                expr: crate::sql::ast::Expr::Column { table: None, name: c.clone(), pos: None },
                alias: None,
            })),
            other => list.push(other.clone()),
        }
    }
    let mut result: Option<ResultSet> = None;
    for row in rows {
        let r = substitute_columns(exec, view, columns, &row, &list)?;
        match &mut result {
            Some(all) => all.rows.extend(r.rows),
            None => result = Some(r),
        }
    }
    match result {
        Some(r) => Ok(r),
        // No row: the columns' names and types still show.
        None => {
            let empty = vec![Value::Null; columns.len()];
            let mut r = substitute_columns(exec, view, columns, &empty, &list)?;
            r.rows.clear();
            Ok(r)
        }
    }
}
