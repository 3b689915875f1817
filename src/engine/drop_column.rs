//! ALTER TABLE ... DROP COLUMN: PostgreSQL's dependency rules. What belongs to the column
//! goes with it silently (its indexes, the keys, checks and the table's own foreign keys
//! that use it, the sequence it owns); foreign keys of other tables and views that read it
//! need CASCADE. The column then vanishes from `*`, INSERT's default column list and `\d`.

use crate::engine::alter::save_table;
use crate::engine::catalog::TableId;
use crate::engine::database::Undo;
use crate::engine::ddl::{cascade_notice, depends_error, relation_label};
use crate::engine::exec::Exec;
use crate::engine::index_def::mentions_column;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::Ident;

/// `ALTER TABLE t DROP [COLUMN] [IF EXISTS] c [CASCADE]`.
pub fn drop_column(
    exec: &mut Exec<'_>,
    id: TableId,
    name: &Ident,
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let t = exec.db.table(id)?;
    let Some(c) = t.column_index(&name.name) else {
        let msg = format!("column \"{}\" of relation \"{}\" does not exist", name.name, t.name);
        if if_exists {
            exec.notices.push(Notice::notice(format!("{msg}, skipping")));
            return Ok(());
        }
        return Err(Error::new("42703", msg));
    };
    let inherited = crate::engine::inherit::has_children(exec.db, id);
    if !t.inherits.is_empty() || inherited {
        return Err(Error::unsupported(
            "ALTER TABLE ... DROP COLUMN of an inheriting table is not supported by fksim",
        ));
    }
    // A partition's columns are its parent's.
    if t.partition_of.is_some() {
        return Err(Error::new("42P16", format!("cannot drop inherited column \"{}\"", name.name)));
    }
    if let Some(key) = &t.partition_key
        && key.columns.contains(&c)
    {
        return Err(Error::new(
            "42P16",
            format!(
                "cannot drop column \"{}\" because it is part of the partition key of relation \"{}\"",
                name.name, t.name
            ),
        ));
    }
    drop_from(exec, id, c, cascade)?;
    // The partitions lose it too, once the copies of the keys through it are gone.
    let below = crate::engine::partition::descendants(exec.db, id);
    if !below.is_empty() {
        crate::engine::partition_ddl::reconcile_foreign_keys(exec)?;
    }
    for d in below {
        if let Some(c) = exec.db.table(d)?.column_index(&name.name) {
            drop_from(exec, d, c, cascade)?;
        }
    }
    Ok(())
}

/// Drops column `c` of table `id` with what depends on it.
fn drop_from(exec: &mut Exec<'_>, id: TableId, c: usize, cascade: bool) -> Result<()> {
    let t = exec.db.table(id)?;
    let name = Ident { name: t.columns[c].name.clone(), pos: None };
    let table = relation_label(exec.db, id);
    let column = name.name.clone();
    let on = format!("column {column} of table {table}");
    // Foreign keys of other tables onto the column, then the views reading it.
    let foreign: Vec<_> = exec
        .db
        .fks
        .values()
        .filter(|fk| fk.parent == id && fk.parent_columns.contains(&c))
        .filter(|fk| !(fk.child == id && fk.child_columns.contains(&c)))
        .map(|fk| (fk.id, fk.child, fk.name.clone()))
        .collect();
    let views = crate::engine::view_deps::column_dependents(exec.db, id, &column);
    let mut deps: Vec<(String, String)> = foreign
        .iter()
        .map(|(_, child, fk)| {
            (format!("constraint {fk} on table {}", relation_label(exec.db, *child)), on.clone())
        })
        .collect();
    deps.extend(views.iter().map(|(k, on)| (crate::engine::views::label(exec.db, k), on.clone())));
    if !deps.is_empty() {
        if !cascade {
            return Err(depends_error(Some(&on), &deps));
        }
        let what: Vec<String> = deps.iter().map(|(o, _)| o.clone()).collect();
        exec.notices.push(cascade_notice(&what));
    }
    // The table's own foreign keys through the column go silently.
    let own: Vec<_> = exec
        .db
        .fks
        .values()
        .filter(|fk| fk.child == id && fk.child_columns.contains(&c))
        .map(|fk| (fk.id, fk.child))
        .collect();
    let gone: Vec<_> = foreign.iter().map(|(fk, child, _)| (*fk, *child)).chain(own).collect();
    if !gone.is_empty() {
        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
        for (fk, child) in gone {
            if child != id {
                save_table(exec, child)?;
            }
            exec.db.fks.shift_remove(&fk);
            exec.db.table_mut(child)?.drop_fk_index(fk);
        }
    }
    if !views.is_empty() {
        crate::engine::views::save(exec);
        for (k, _) in &views {
            exec.db.views.list.shift_remove(k);
        }
    }
    shift_foreign_keys(exec, id, c);
    drop_owned_sequence(exec, id, &column);
    save_table(exec, id)?;
    let t = exec.db.table_mut(id)?;
    let unique_names: Vec<String> =
        t.uniques.iter().filter(|u| u.columns.contains(&c)).map(|u| u.name.clone()).collect();
    for u in unique_names {
        t.drop_unique(&u);
    }
    t.checks.retain(|k| !mentions_column(&k.expr, &column));
    let used: Vec<bool> = t.indexes.iter().map(|i| i.shape.used_columns(t).contains(&c)).collect();
    let mut keep = used.into_iter();
    t.indexes.retain(|_| !keep.next().unwrap_or(false));
    t.remove_column(c);
    Ok(())
}

/// The sequence a serial or identity column owns is dropped with it.
fn drop_owned_sequence(exec: &mut Exec<'_>, id: TableId, column: &str) {
    let Ok(t) = exec.db.table(id) else { return };
    let prefix = crate::engine::sequences::key(&t.schema, "");
    let owned = |k: &String, s: &crate::engine::sequences::Sequence| {
        k.starts_with(&prefix)
            && s.owned_by.as_ref().is_some_and(|(tb, col)| *tb == t.name && col == column)
    };
    if !exec.db.sequences.borrow().map.iter().any(|(k, s)| owned(k, s)) {
        return;
    }
    let before = exec.db.sequences.borrow().map.clone();
    exec.txn.undo.push(Undo::Sequences(Box::new(before)));
    exec.db.sequences.borrow_mut().map.retain(|k, s| !owned(k, s));
}

/// The foreign keys left on the table (as referencing or referenced side) point at their
/// columns' new positions.
fn shift_foreign_keys(exec: &mut Exec<'_>, id: TableId, c: usize) {
    use crate::engine::catalog::Action;
    let touched = exec.db.fks.values().any(|fk| fk.child == id || fk.parent == id);
    if !touched {
        return;
    }
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    let shift = |cols: &mut Vec<usize>| {
        for p in cols.iter_mut().filter(|p| **p > c) {
            *p -= 1;
        }
    };
    for rc in exec.db.fks.values_mut() {
        if rc.child != id && rc.parent != id {
            continue;
        }
        let mut fk = (**rc).clone();
        if fk.child == id {
            shift(&mut fk.child_columns);
            for a in [&mut fk.on_delete, &mut fk.on_update] {
                if let Action::SetNull(cols) | Action::SetDefault(cols) = a {
                    shift(cols);
                }
            }
        }
        if fk.parent == id {
            shift(&mut fk.parent_columns);
        }
        *rc = std::rc::Rc::new(fk);
    }
}
