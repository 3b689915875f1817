//! ALTER TABLE: adding, validating and dropping constraints, and the column changes around them.

use crate::engine::catalog::{CloneRole, ColumnDefault, TableId};
use crate::engine::database::Undo;
use crate::engine::ddl::{add_constraint_to, build_column, column_constraints_as_table};
use crate::engine::exec::Exec;
use crate::engine::ri;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{AlterOp, ObjectName};

/// ALTER TABLE name op, op, ... — all operations or none.
pub fn alter_table(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    if_exists: bool,
    ops: &[AlterOp],
) -> Result<()> {
    let Some(id) = exec.db.lookup(name) else {
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                name.name
            )));
            return Ok(());
        }
        return Err(Error::undefined_table(&crate::engine::database::display_name(name)));
    };
    crate::engine::roles::check_table_owner(exec.db, id)?;
    ri::check_not_pending(exec, id, "ALTER TABLE")?;
    for op in ops {
        alter_one(exec, id, op)?;
    }
    crate::engine::partition_ddl::reconcile_foreign_keys(exec)
}

pub(crate) fn save_table(exec: &mut Exec<'_>, id: TableId) -> Result<()> {
    let before = exec.db.table(id)?.clone();
    exec.txn.undo.push(Undo::Table { id, before: Some(Box::new(before)) });
    Ok(())
}

fn column_of(exec: &Exec<'_>, id: TableId, name: &crate::sql::ast::Ident) -> Result<usize> {
    let t = exec.db.table(id)?;
    t.column_index(&name.name).ok_or_else(|| {
        Error::new(
            "42703",
            format!("column \"{}\" of relation \"{}\" does not exist", name.name, t.name),
        )
    })
}

/// `ALTER CONSTRAINT name ...`: a foreign key's deferrability. A pending `SET CONSTRAINTS`
/// for it stays in force (PostgreSQL keeps it by trigger, and the triggers stay).
fn alter_constraint(
    exec: &mut Exec<'_>,
    id: TableId,
    name: &str,
    deferrable: bool,
    initially_deferred: bool,
) -> Result<()> {
    let Some(fk_id) = exec.db.fks_of(id).find(|fk| fk.name == name).map(|fk| fk.id) else {
        let t = exec.db.table(id)?;
        let other =
            t.uniques.iter().any(|u| u.name == name) || t.checks.iter().any(|c| c.name == name);
        return Err(if other {
            Error::new(
                "42809",
                format!(
                    "constraint \"{name}\" of relation \"{}\" is not a foreign key constraint",
                    t.name
                ),
            )
        } else {
            Error::new(
                "42704",
                format!("constraint \"{name}\" of relation \"{}\" does not exist", t.name),
            )
        });
    };
    crate::engine::partition_fk::refuse_altering_copy(exec.db, fk_id, name, id)?;
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    // The copies on partitions change with the constraint they were made from.
    let copies: Vec<_> = exec
        .db
        .fks
        .values()
        .filter(|f| f.id == fk_id || f.cloned.is_some_and(|(top, _)| top == fk_id))
        .map(|f| f.id)
        .collect();
    for copy in copies {
        if let Some(f) = exec.db.fks.get_mut(&copy).map(std::rc::Rc::make_mut) {
            f.deferrable = deferrable;
            f.initially_deferred = initially_deferred;
        }
    }
    Ok(())
}

/// `ADD CONSTRAINT name {PRIMARY KEY | UNIQUE} USING INDEX index` as the constraint on the
/// index's columns that it becomes, the index itself taken off the table (the constraint's
/// index replaces it, under the constraint's name). None for any other constraint.
fn using_index(
    table: &mut crate::engine::table::Table,
    c: &crate::sql::ast::TableConstraint,
    notices: &mut Vec<Notice>,
) -> Result<Option<crate::sql::ast::TableConstraint>> {
    use crate::sql::ast::{Ident, TableConstraint, TableConstraintKind};
    let TableConstraintKind::UsingIndex { primary, index } = &c.kind else { return Ok(None) };
    let Some(at) = table.indexes.iter().position(|i| i.name == index.name) else {
        return Err(
            Error::new("42704", format!("index \"{}\" does not exist", index.name)).at(index.pos)
        );
    };
    if !table.indexes[at].unique {
        return Err(Error::new("42809", format!("\"{}\" is not a unique index", index.name))
            .with_detail("Cannot create a primary key or unique constraint using such an index.")
            .at(index.pos));
    }
    let ix = table.indexes.remove(at);
    let name = c.name.clone().unwrap_or_else(|| ix.name.clone());
    if name != ix.name {
        notices.push(Notice::notice(format!(
            "ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"{}\" to \"{name}\"",
            ix.name
        )));
    }
    let cols: Vec<Ident> = ix
        .columns
        .iter()
        .map(|&i| Ident { name: table.columns[i].name.clone(), pos: None })
        .collect();
    let kind = if *primary {
        TableConstraintKind::PrimaryKey(cols)
    } else {
        TableConstraintKind::Unique(cols)
    };
    Ok(Some(TableConstraint { name: Some(name), kind, pos: c.pos, deferral: c.deferral }))
}

fn alter_one(exec: &mut Exec<'_>, id: TableId, op: &AlterOp) -> Result<()> {
    match op {
        AlterOp::AddConstraint(c) => {
            save_table(exec, id)?;
            exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
            let mut table = exec.db.table(id)?.clone();
            let resolved = using_index(&mut table, c, &mut exec.notices)?;
            let c = resolved.as_ref().unwrap_or(c);
            let mut fks = Vec::new();
            let mut names = Vec::new();
            // ALTER TABLE reports no position for errors in a CHECK expression.
            add_constraint_to(exec.db, &mut table, c, &mut fks, &mut names).map_err(|e| match c
                .kind
            {
                crate::sql::ast::TableConstraintKind::Check(_) => e.without_position(),
                _ => e,
            })?;
            for fk in &fks {
                crate::engine::partition_fk::refuse_not_valid(exec.db, id, fk)?;
                if fk.validated {
                    ri::validate_existing_rows(exec.db, fk, Some(&table))?;
                }
                table.add_fk_index(fk.id, fk.child_columns.clone());
            }
            *exec.db.table_mut(id)? = table;
            for fk in fks {
                exec.db.fks.insert(fk.id, std::rc::Rc::new(fk));
            }
            Ok(())
        }
        AlterOp::DropConstraint { name, if_exists, cascade } => {
            drop_constraint(exec, id, name, *if_exists, *cascade)
        }
        AlterOp::AlterConstraint { name, deferrable, initially_deferred } => {
            alter_constraint(exec, id, name, *deferrable, *initially_deferred)
        }
        AlterOp::ValidateConstraint(name) => {
            let fk = exec.db.fks_of(id).find(|fk| &fk.name == name).cloned();
            match fk {
                Some(fk) => {
                    if !fk.validated {
                        ri::validate_existing_rows(exec.db, &fk, None)?;
                        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
                        if let Some(f) = exec.db.fks.get_mut(&fk.id).map(std::rc::Rc::make_mut) {
                            f.validated = true;
                        }
                    }
                    Ok(())
                }
                None => {
                    let t = exec.db.table(id)?;
                    if t.uniques.iter().any(|u| &u.name == name)
                        || t.checks.iter().any(|c| &c.name == name)
                    {
                        return Ok(());
                    }
                    Err(Error::new(
                        "42704",
                        format!("constraint \"{name}\" of relation \"{}\" does not exist", t.name),
                    ))
                }
            }
        }
        AlterOp::AddColumn { column, if_not_exists } => {
            let t = exec.db.table(id)?;
            if t.column_index(&column.name.name).is_some() {
                if *if_not_exists {
                    exec.notices.push(Notice::notice(format!(
                        "column \"{}\" of relation \"{}\" already exists, skipping",
                        column.name.name, t.name
                    )));
                    return Ok(());
                }
                return Err(Error::new(
                    "42701",
                    format!(
                        "column \"{}\" of relation \"{}\" already exists",
                        column.name.name, t.name
                    ),
                ));
            }
            for c in &column.constraints {
                if let crate::sql::ast::ColumnConstraintKind::Default(e) = &c.kind {
                    crate::engine::ddl::check_default(exec, e).map_err(Error::without_position)?;
                }
            }
            let mut col = build_column(&t.name, column);
            let not_null = col.not_null;
            let col_name = col.name.clone();
            let table_name = t.name.clone();
            let table_schema = t.schema.clone();
            save_table(exec, id)?;
            if let Some(ColumnDefault::Sequence(written)) = &col.default {
                let seq = crate::engine::ddl::qualify_sequence(exec.db, &table_schema, written);
                col.default = Some(ColumnDefault::Sequence(seq.clone()));
                let seq = &seq;
                let owner = (table_name.clone(), col_name.clone());
                let options = column
                    .constraints
                    .iter()
                    .find_map(|k| match &k.kind {
                        crate::sql::ast::ColumnConstraintKind::Identity { options, .. } => {
                            Some(options.clone())
                        }
                        _ => None,
                    })
                    .unwrap_or_default();
                crate::engine::sequences::save_catalog(exec, Vec::new());
                exec.db.sequences.borrow_mut().ensure(
                    seq,
                    &options,
                    &col.data_type.pg_name(),
                    owner,
                )?;
            }
            exec.db.table_mut(id)?.columns.push(col);
            let new_col = exec.db.table(id)?.columns.len() - 1;
            let rows: Vec<_> = exec.db.table(id)?.heap.ids().collect();
            let mut values = Vec::with_capacity(rows.len());
            for r in rows {
                let v = exec.default_value(id, new_col)?;
                if not_null && v.is_null() {
                    return Err(Error::new(
                        "23502",
                        format!(
                            "column \"{col_name}\" of relation \"{table_name}\" contains null values"
                        ),
                    ));
                }
                values.push((r, v));
            }
            exec.db.table_mut(id)?.heap.add_column(new_col, values);
            // The column's own keys, checks and references are added as ADD CONSTRAINT adds them.
            for c in column_constraints_as_table(column) {
                alter_one(exec, id, &AlterOp::AddConstraint(c))?;
            }
            Ok(())
        }
        AlterOp::AddIdentity { column, always, options } => {
            let c = column_of(exec, id, column)?;
            let t = exec.db.table(id)?;
            let (table_name, col) = (t.name.clone(), t.columns[c].clone());
            let refuse = |what: &str| {
                Err(Error::new(
                    "55000",
                    format!("column \"{}\" of relation \"{table_name}\" {what}", col.name),
                ))
            };
            if !col.not_null {
                return refuse("must be declared NOT NULL before identity can be added");
            }
            if col.identity.is_some() {
                return refuse("is already an identity column");
            }
            if col.default.is_some() {
                return refuse("already has a default value");
            }
            let seq = crate::engine::ddl::qualify_sequence(
                exec.db,
                &exec.db.table(id)?.schema,
                &crate::engine::ddl::identity_sequence(&table_name, &col.name, options),
            );
            let owner = (table_name.clone(), col.name.clone());
            crate::engine::sequences::save_catalog(exec, Vec::new());
            exec.db.sequences.borrow_mut().ensure(
                &seq,
                options,
                &col.data_type.pg_name(),
                owner,
            )?;
            save_table(exec, id)?;
            let target = &mut exec.db.table_mut(id)?.columns[c];
            target.identity = Some(*always);
            target.default = Some(ColumnDefault::Sequence(seq));
            Ok(())
        }
        AlterOp::SetDefault { column, default } => {
            let c = column_of(exec, id, column)?;
            save_table(exec, id)?;
            crate::engine::ddl::check_default(exec, default).map_err(Error::without_position)?;
            exec.db.table_mut(id)?.columns[c].default =
                Some(match crate::engine::ddl::nextval_of(default) {
                    Some(seq) => ColumnDefault::Sequence(crate::engine::ddl::qualify_sequence(
                        exec.db,
                        &exec.db.table(id)?.schema,
                        &seq,
                    )),
                    None => ColumnDefault::Expr(default.clone()),
                });
            Ok(())
        }
        AlterOp::DropDefault { column } => {
            let c = column_of(exec, id, column)?;
            save_table(exec, id)?;
            exec.db.table_mut(id)?.columns[c].default = None;
            Ok(())
        }
        AlterOp::SetNotNull { column } => {
            let c = column_of(exec, id, column)?;
            let t = exec.db.table(id)?;
            if t.heap.ids().any(|id| t.heap.with_value(id, c, crate::engine::value::Value::is_null))
            {
                return Err(Error::new(
                    "23502",
                    format!(
                        "column \"{}\" of relation \"{}\" contains null values",
                        column.name, t.name
                    ),
                ));
            }
            save_table(exec, id)?;
            exec.db.table_mut(id)?.columns[c].not_null = true;
            Ok(())
        }
        AlterOp::DropNotNull { column } => {
            let c = column_of(exec, id, column)?;
            let t = exec.db.table(id)?;
            if t.primary_key().is_some_and(|pk| pk.columns.contains(&c)) {
                return Err(Error::new(
                    "42P16",
                    format!("column \"{}\" is in a primary key", column.name),
                ));
            }
            save_table(exec, id)?;
            exec.db.table_mut(id)?.columns[c].not_null = false;
            Ok(())
        }
        AlterOp::SetType { column, data_type } => {
            let c = column_of(exec, id, column)?;
            crate::engine::alter_type::alter_column_type(exec, id, c, data_type)
        }
        AlterOp::DropColumn { name, if_exists, cascade } => {
            crate::engine::drop_column::drop_column(exec, id, name, *if_exists, *cascade)
        }
        AlterOp::AttachPartition { partition, bound } => {
            crate::engine::partition_ddl::attach(exec, id, partition, bound)
        }
        AlterOp::DetachPartition { partition } => {
            crate::engine::partition_ddl::detach(exec, id, partition)
        }
        AlterOp::RenameColumn { from, to } => {
            crate::engine::rename::rename_column(exec, id, from, to)
        }
        AlterOp::RenameTable(to) => crate::engine::rename::rename_table(exec, id, to),
        AlterOp::RenameConstraint { from, to } => {
            crate::engine::rename::rename_constraint(exec, id, from, to)
        }
        AlterOp::SetSchema(schema) => crate::engine::rename::set_schema(exec, id, schema),
    }
}

fn drop_constraint(
    exec: &mut Exec<'_>,
    id: TableId,
    name: &str,
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let table_name = exec.db.table(id)?.name.clone();
    let fk = exec.db.fks_of(id).find(|fk| fk.name == name).cloned();
    if let Some(fk) = fk {
        if fk.cloned.is_some() {
            return Err(Error::new(
                "42P16",
                format!("cannot drop inherited constraint \"{name}\" of relation \"{table_name}\""),
            ));
        }
        ri::check_not_pending(exec, fk.parent, "ALTER TABLE")?;
        // The constraint's copies go with it: their tables must have nothing pending either.
        let copies: Vec<TableId> = exec
            .db
            .fks
            .values()
            .filter(|f| {
                f.cloned.is_some_and(|(top, r)| top == fk.id && r == CloneRole::Referencing)
            })
            .map(|f| f.child)
            .collect();
        for child in copies {
            ri::check_not_pending(exec, child, "ALTER TABLE")?;
        }
        save_table(exec, id)?;
        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
        exec.db.fks.shift_remove(&fk.id);
        exec.db.table_mut(id)?.drop_fk_index(fk.id);
        return Ok(());
    }
    let t = exec.db.table(id)?;
    if let Some(u) = t.uniques.iter().find(|u| u.name == name).cloned() {
        let dependents: Vec<_> = exec
            .db
            .fks_referencing(id)
            .filter(|fk| {
                ri::matching_unique(t, &fk.parent_columns)
                    .is_some_and(|(i, _)| t.uniques[i].name == u.name)
            })
            .cloned()
            .collect();
        if !dependents.is_empty() && !cascade {
            let lines = dependents
                .iter()
                .map(|fk| {
                    let child =
                        exec.db.tables.get(&fk.child).map(|c| c.name.clone()).unwrap_or_default();
                    format!("constraint {} on table {child} depends on index {}", fk.name, u.name)
                })
                .collect::<Vec<_>>();
            return Err(Error::new("2BP01", format!("cannot drop constraint {} on table {table_name} because other objects depend on it", u.name))
                .with_detail(lines.join("\n"))
                .with_hint("Use DROP ... CASCADE to drop the dependent objects too."));
        }
        save_table(exec, id)?;
        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
        for fk in dependents {
            let child = exec.db.tables.get(&fk.child).map(|c| c.name.clone()).unwrap_or_default();
            exec.notices.push(Notice::notice(format!(
                "drop cascades to constraint {} on table {child}",
                fk.name
            )));
            let before = exec.db.table(fk.child)?.clone();
            exec.txn.undo.push(Undo::Table { id: fk.child, before: Some(Box::new(before)) });
            exec.db.fks.shift_remove(&fk.id);
            exec.db.table_mut(fk.child)?.drop_fk_index(fk.id);
        }
        let t = exec.db.table_mut(id)?;
        t.drop_unique(&u.name);
        return Ok(());
    }
    if t.checks.iter().any(|c| c.name == name) {
        save_table(exec, id)?;
        exec.db.table_mut(id)?.checks.retain(|c| c.name != name);
        return Ok(());
    }
    if if_exists {
        exec.notices.push(Notice::notice(format!(
            "constraint \"{name}\" of relation \"{table_name}\" does not exist, skipping"
        )));
        return Ok(());
    }
    Err(Error::new(
        "42704",
        format!("constraint \"{name}\" of relation \"{table_name}\" does not exist"),
    ))
}
