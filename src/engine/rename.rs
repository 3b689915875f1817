//! Renames and moves: ALTER TABLE ... RENAME TO / RENAME COLUMN / RENAME CONSTRAINT /
//! SET SCHEMA and ALTER INDEX ... RENAME. Keys hold column positions and so follow by
//! themselves; what holds names (CHECK and index expressions, policies, views, owned
//! sequences) is rewritten, as PostgreSQL's catalogs, which refer by number, make it look.

use std::rc::Rc;

use crate::engine::alter::save_table;
use crate::engine::catalog::{ColumnDefault, TableId};
use crate::engine::database::Undo;
use crate::engine::exec::Exec;
use crate::engine::index_def::KeyOf;
use crate::engine::sequences;
use crate::engine::views::{RelationRef, rename_in_query};
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{Expr, Ident, ObjectName, Query, SelectItem};

/// `ALTER TABLE t RENAME TO new`: the table keeps its constraints, indexes and sequences;
/// views reading it follow.
pub fn rename_table(exec: &mut Exec<'_>, id: TableId, to: &str) -> Result<()> {
    let schema = exec.db.table(id)?.schema.clone();
    move_to(exec, id, &schema, to)
}

/// `ALTER TABLE t SET SCHEMA s`.
pub fn set_schema(exec: &mut Exec<'_>, id: TableId, schema: &Ident) -> Result<()> {
    if !exec.db.schemas.contains(&schema.name) {
        return Err(Error::new("3F000", format!("schema \"{}\" does not exist", schema.name)));
    }
    let name = exec.db.table(id)?.name.clone();
    move_to(exec, id, &schema.name, &name)
}

fn move_to(exec: &mut Exec<'_>, id: TableId, schema: &str, name: &str) -> Result<()> {
    let t = exec.db.table(id)?;
    let old = (t.schema.clone(), t.name.clone());
    if old.0 == schema && old.1 == name {
        return Ok(());
    }
    if exec.db.relation_name_taken(schema, name) {
        return Err(if old.0 == schema {
            Error::new("42P07", format!("relation \"{name}\" already exists"))
        } else {
            Error::new(
                "42P07",
                format!("relation \"{name}\" already exists in schema \"{schema}\""),
            )
        });
    }
    // SET SCHEMA takes the sequences its serial and identity columns own along.
    let moving: Vec<(String, String)> = if old.0 == schema {
        Vec::new()
    } else {
        owned_sequences(exec, id)?
            .into_iter()
            .map(|k| (k.clone(), sequences::key(schema, sequences::bare(&k))))
            .collect()
    };
    for (_, to) in &moving {
        let seq = sequences::bare(to);
        if exec.db.sequences.borrow().map.contains_key(to)
            || exec.db.relation_name_taken(schema, seq)
        {
            return Err(Error::new(
                "42P07",
                format!("relation \"{seq}\" already exists in schema \"{schema}\""),
            ));
        }
    }
    save_table(exec, id)?;
    crate::engine::views::save(exec);
    sequences::save_catalog(exec, moving.clone());
    exec.db.move_table(id, schema, name);
    let new = (schema.to_string(), name.to_string());
    for v in exec.db.views.list.values_mut() {
        rename_in_query(&mut v.query, &old, &new);
    }
    {
        let mut seqs = exec.db.sequences.borrow_mut();
        for s in seqs.map.values_mut() {
            if let Some((t, _)) = s.owned_by.as_mut().filter(|(t, _)| *t == old.1) {
                *t = name.to_string();
            }
        }
    }
    for (from, to) in &moving {
        rekey_sequence(exec, from, to)?;
    }
    Ok(())
}

/// The keys of the sequences a table's columns own (serial, identity, OWNED BY).
fn owned_sequences(exec: &Exec<'_>, id: TableId) -> Result<Vec<String>> {
    let t = exec.db.table(id)?;
    let prefix = sequences::key(&t.schema, "");
    let seqs = exec.db.sequences.borrow();
    let mut keys: Vec<String> = seqs
        .map
        .iter()
        .filter(|(k, s)| {
            k.starts_with(&prefix) && s.owned_by.as_ref().is_some_and(|(tb, _)| *tb == t.name)
        })
        .map(|(k, _)| k.clone())
        .collect();
    keys.sort();
    Ok(keys)
}

/// `ALTER TABLE t RENAME [COLUMN] a TO b`.
pub fn rename_column(exec: &mut Exec<'_>, id: TableId, from: &Ident, to: &Ident) -> Result<()> {
    let t = exec.db.table(id)?;
    let Some(c) = t.column_index(&from.name) else {
        return Err(Error::new("42703", format!("column \"{}\" does not exist", from.name)));
    };
    if t.column_index(&to.name).is_some() {
        return Err(Error::new(
            "42701",
            format!("column \"{}\" of relation \"{}\" already exists", to.name, t.name),
        ));
    }
    let table_name = t.name.clone();
    save_table(exec, id)?;
    let (old, new) = (from.name.as_str(), to.name.as_str());
    let t = exec.db.table_mut(id)?;
    t.columns[c].name = new.to_string();
    for check in &mut t.checks {
        rename_columns_in(&mut check.expr, old, new);
    }
    for ix in &mut t.indexes {
        for k in &mut ix.shape.keys {
            if let KeyOf::Expr(e, _) = &mut k.key {
                rename_columns_in(e, old, new);
            }
        }
        if let Some(p) = &mut ix.shape.predicate {
            rename_columns_in(p, old, new);
        }
    }
    if exec.db.admin.policies.iter().any(|p| p.table == id) {
        exec.txn.undo.push(Undo::Admin(Box::new(exec.db.admin.clone())));
        for p in exec.db.admin.policies.iter_mut().filter(|p| p.table == id) {
            for e in p.using.iter_mut().chain(p.check.iter_mut()) {
                rename_columns_in(e, old, new);
            }
        }
    }
    crate::engine::views::save(exec);
    for v in exec.db.views.list.values_mut() {
        let mut reads = false;
        for u in &mut v.uses {
            if let RelationRef::Table(t, cols) = u
                && *t == id
            {
                reads = true;
                for col in cols.iter_mut().flatten().filter(|col| *col == old) {
                    *col = new.to_string();
                }
            }
        }
        if reads {
            rename_columns_in_view(&mut v.query, old, new);
        }
    }
    sequences::save_catalog(exec, Vec::new());
    let mut seqs = exec.db.sequences.borrow_mut();
    for s in seqs.map.values_mut() {
        if let Some((_, col)) =
            s.owned_by.as_mut().filter(|(t, col)| *t == table_name && col == old)
        {
            *col = new.to_string();
        }
    }
    Ok(())
}

/// Renames the references to column `old` in an expression of the table's own row.
fn rename_columns_in(e: &mut Expr, old: &str, new: &str) {
    let _ = crate::sql::walk::expr(e, &mut |node: &mut Expr| {
        if let Expr::Column { name, .. } = node
            && name == old
        {
            *name = new.to_string();
        }
        Ok(false)
    });
}

/// A view's query after a column it reads was renamed: its references follow, and a
/// select-list item that named the column keeps its output name as an alias.
fn rename_columns_in_view(q: &mut Query, old: &str, new: &str) {
    if let crate::sql::ast::QueryBody::Select(s) = &mut q.body {
        for item in &mut s.items {
            if let SelectItem::Expr { expr: Expr::Column { name, .. }, alias: alias @ None } = item
                && name == old
            {
                *alias = Some(old.to_string());
            }
        }
    }
    let _ = crate::sql::walk::query(q, &mut |node: &mut Expr| {
        if let Expr::Column { name, .. } = node
            && name == old
        {
            *name = new.to_string();
        }
        Ok(false)
    });
}

/// `ALTER TABLE t RENAME CONSTRAINT a TO b` (a key constraint's index is renamed with it).
pub fn rename_constraint(exec: &mut Exec<'_>, id: TableId, from: &Ident, to: &Ident) -> Result<()> {
    let t = exec.db.table(id)?;
    let (old, new) = (from.name.as_str(), to.name.as_str());
    let fk = exec.db.fks_of(id).find(|fk| fk.name == old).map(|fk| fk.id);
    let unique = t.uniques.iter().position(|u| u.name == old);
    let check = t.checks.iter().position(|c| c.name == old);
    if fk.is_none() && unique.is_none() && check.is_none() {
        return Err(Error::new(
            "42704",
            format!("constraint \"{old}\" for table \"{}\" does not exist", t.name),
        ));
    }
    let taken = exec.db.fks_of(id).any(|fk| fk.name == new)
        || t.uniques.iter().any(|u| u.name == new)
        || t.checks.iter().any(|c| c.name == new);
    if taken {
        return Err(Error::new(
            "42710",
            format!("constraint \"{new}\" for relation \"{}\" already exists", t.name),
        ));
    }
    if unique.is_some() && exec.db.relation_name_taken(&t.schema, new) {
        return Err(Error::new("42P07", format!("relation \"{new}\" already exists")));
    }
    if let Some(fk) = fk {
        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
        if let Some(rc) = exec.db.fks.get_mut(&fk) {
            let mut renamed = (**rc).clone();
            renamed.name = new.to_string();
            *rc = Rc::new(renamed);
        }
        return Ok(());
    }
    save_table(exec, id)?;
    let t = exec.db.table_mut(id)?;
    if let Some(u) = unique {
        t.uniques[u].name = new.to_string();
    } else if let Some(c) = check {
        t.checks[c].name = new.to_string();
    }
    Ok(())
}

/// `ALTER INDEX [IF EXISTS] name RENAME TO new` (a key constraint's index renames the
/// constraint with it).
pub fn rename_index(
    exec: &mut Exec<'_>,
    index: &ObjectName,
    to: &str,
    if_exists: bool,
) -> Result<()> {
    let schemas = match &index.schema {
        Some(s) => vec![s.clone()],
        None => exec.db.search_path.clone(),
    };
    let found = schemas.iter().find_map(|s| {
        exec.db.tables.values().filter(|t| &t.schema == s).find_map(|t| {
            let user = t.indexes.iter().position(|i| i.name == index.name);
            let constraint = t.uniques.iter().position(|u| u.name == index.name);
            (user.is_some() || constraint.is_some()).then_some((t.id, user, constraint))
        })
    });
    let Some((id, user, constraint)) = found else {
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                index.name
            )));
            return Ok(());
        }
        return Err(Error::undefined_table(&index.name));
    };
    crate::engine::roles::check_table_owner(exec.db, id)?;
    let schema = exec.db.table(id)?.schema.clone();
    if exec.db.relation_name_taken(&schema, to) {
        return Err(Error::new("42P07", format!("relation \"{to}\" already exists")));
    }
    save_table(exec, id)?;
    let t = exec.db.table_mut(id)?;
    if let Some(i) = user {
        t.indexes[i].name = to.to_string();
    } else if let Some(u) = constraint {
        t.uniques[u].name = to.to_string();
    }
    Ok(())
}

/// `ALTER SEQUENCE s RENAME TO n`: the column defaults that draw from it follow.
pub fn rename_sequence(exec: &mut Exec<'_>, seq: &str, to: &str) -> Result<()> {
    let schema = seq.split_once('.').map_or("", |(s, _)| s).to_string();
    let new_key = crate::engine::sequences::key(&schema, to);
    if exec.db.sequences.borrow().map.contains_key(&new_key)
        || exec.db.relation_name_taken(&schema, to)
    {
        return Err(Error::new("42P07", format!("relation \"{to}\" already exists")));
    }
    sequences::save_catalog(exec, vec![(seq.to_string(), new_key.clone())]);
    rekey_sequence(exec, seq, &new_key)
}

/// `ALTER SEQUENCE s SET SCHEMA n`: a sequence no column owns moves alone.
pub fn move_sequence(exec: &mut Exec<'_>, seq: &str, schema: &str) -> Result<()> {
    if !exec.db.schemas.contains(schema) {
        return Err(Error::new("3F000", format!("schema \"{schema}\" does not exist")));
    }
    let name = sequences::bare(seq).to_string();
    let new_key = sequences::key(schema, &name);
    if new_key == seq {
        return Ok(());
    }
    let owner = exec.db.sequences.borrow().map.get(seq).and_then(|s| s.owned_by.clone());
    if let Some((table, _)) = owner {
        return Err(Error::new("0A000", "cannot move an owned sequence into another schema")
            .with_detail(format!("Sequence \"{name}\" is linked to table \"{table}\".")));
    }
    if exec.db.sequences.borrow().map.contains_key(&new_key)
        || exec.db.relation_name_taken(schema, &name)
    {
        return Err(Error::new(
            "42P07",
            format!("relation \"{name}\" already exists in schema \"{schema}\""),
        ));
    }
    sequences::save_catalog(exec, vec![(seq.to_string(), new_key.clone())]);
    rekey_sequence(exec, seq, &new_key)
}

/// A sequence under another key, the column defaults drawing from it following.
fn rekey_sequence(exec: &mut Exec<'_>, seq: &str, new_key: &str) -> Result<()> {
    exec.db.sequences.borrow_mut().rekey(seq, new_key);
    let users: Vec<TableId> = exec
        .db
        .tables
        .values()
        .filter(|t| t.columns.iter().any(|c| draws_from(&c.default, seq)))
        .map(|t| t.id)
        .collect();
    for id in users {
        save_table(exec, id)?;
        for c in &mut exec.db.table_mut(id)?.columns {
            if draws_from(&c.default, seq) {
                c.default = Some(ColumnDefault::Sequence(new_key.to_string()));
            }
        }
    }
    Ok(())
}

fn draws_from(default: &Option<ColumnDefault>, seq: &str) -> bool {
    matches!(default, Some(ColumnDefault::Sequence(s)) if s == seq)
}
