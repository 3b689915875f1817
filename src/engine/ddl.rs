//! CREATE / DROP of schemas, tables and indexes, and TRUNCATE, with PostgreSQL's errors and NOTICEs.

use crate::engine::catalog::{Column, ColumnDefault, TableId, UniqueConstraint};
use crate::engine::constraints::{
    ForeignKeyRequest, build_foreign_key, build_unique, constraint_name_taken, resolve_deferral,
};
use crate::engine::database::{Database, Undo, display_name};
use crate::engine::exec::Exec;
use crate::engine::table::{CheckConstraint, Table};
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{
    ColumnConstraintKind, ColumnDef, CreateTable, Ident, ObjectName, TableConstraint,
    TableConstraintKind,
};

/// Builds a column from its definition (constraints other than NOT NULL/DEFAULT are collected by the caller).
pub fn build_column(table: &str, def: &ColumnDef) -> Column {
    let (data_type, domain) = match &def.data_type {
        crate::engine::types::DataType::Domain(d) => (d.base.clone(), Some(d.clone())),
        other => (other.clone(), None),
    };
    let mut col = Column {
        name: def.name.name.clone(),
        data_type,
        not_null: def.serial,
        default: None,
        identity: None,
        domain,
    };
    if def.serial {
        col.default = Some(ColumnDefault::Sequence(crate::engine::catalog::make_object_name(
            table,
            Some(&def.name.name),
            "seq",
        )));
    }
    for c in &def.constraints {
        match &c.kind {
            ColumnConstraintKind::NotNull | ColumnConstraintKind::PrimaryKey => col.not_null = true,
            ColumnConstraintKind::Identity { always, options } => {
                col.not_null = true;
                col.identity = Some(*always);
                col.default = Some(ColumnDefault::Sequence(identity_sequence(
                    table,
                    &def.name.name,
                    options,
                )));
            }
            ColumnConstraintKind::Default(e) => {
                col.default = Some(match nextval_of(e) {
                    Some(seq) => ColumnDefault::Sequence(seq),
                    None => ColumnDefault::Expr(e.clone()),
                })
            }
            _ => {}
        }
    }
    col
}

/// The table constraints a column's own constraints amount to (PRIMARY KEY, UNIQUE,
/// REFERENCES, CHECK on that column).
pub fn column_constraints_as_table(def: &ColumnDef) -> Vec<TableConstraint> {
    let me = || vec![Ident { name: def.name.name.clone(), pos: def.name.pos }];
    def.constraints
        .iter()
        .filter_map(|c| {
            let kind = match &c.kind {
                ColumnConstraintKind::PrimaryKey => TableConstraintKind::PrimaryKey(me()),
                ColumnConstraintKind::Unique => TableConstraintKind::Unique(me()),
                ColumnConstraintKind::References(spec) => {
                    TableConstraintKind::ForeignKey { columns: me(), spec: spec.clone() }
                }
                ColumnConstraintKind::Check(e) => TableConstraintKind::Check(e.clone()),
                _ => return None,
            };
            Some(TableConstraint { name: c.name.clone(), kind, pos: c.pos, deferral: c.deferral })
        })
        .collect()
}

/// CREATE TABLE: the table, its keys, checks and foreign keys, all or nothing.
pub fn create_table(exec: &mut Exec<'_>, ct: &CreateTable) -> Result<()> {
    let schema = exec.db.creation_schema(&ct.name)?;
    if !exec.db.schemas.contains(&schema) {
        return Err(Error::undefined_schema(&schema).at(ct.name.pos));
    }
    crate::engine::roles::check_schema_create(exec.db, &schema).map_err(|e| e.at(ct.name.pos))?;
    if exec.db.lookup(&ct.name).is_some() || exec.db.relation_name_taken(&schema, &ct.name.name) {
        if ct.if_not_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" already exists, skipping",
                ct.name.name
            )));
            return Ok(());
        }
        return Err(Error::new("42P07", format!("relation \"{}\" already exists", ct.name.name)));
    }
    if ct.partition_of.is_some() {
        return crate::engine::partition_ddl::create_partition(exec, ct, schema);
    }
    let mut columns = match &ct.like {
        Some((source, defaults)) => {
            crate::engine::inherit::like_columns(exec.db, source, *defaults)?
        }
        None => Vec::new(),
    };
    for def in &ct.columns {
        if columns.iter().any(|c: &Column| c.name == def.name.name) {
            return Err(Error::new(
                "42701",
                format!("column \"{}\" specified more than once", def.name.name),
            ));
        }
        for c in &def.constraints {
            if let ColumnConstraintKind::Default(e) = &c.kind {
                check_default(exec, e)?;
            }
        }
        columns.push(build_column(&ct.name.name, def));
    }
    let (columns, inherits) = crate::engine::inherit::inherited_columns(
        exec.db,
        &ct.inherits,
        columns,
        &mut exec.notices,
    )?;
    let id = exec.db.next_table_id();
    let mut table = Table::new(id, schema, ct.name.name.clone(), columns);
    table.temporary = ct.temporary;
    // CHECK constraints are inherited (keys are not).
    for parent in &inherits {
        let checks = exec.db.table(*parent)?.checks.clone();
        for c in checks {
            if !table.checks.iter().any(|k| k.name == c.name) {
                let id = exec.db.next_constraint_id();
                table.checks.push(CheckConstraint { id, ..c });
            }
        }
    }
    table.inherits = inherits;
    let mut constraints: Vec<TableConstraint> =
        ct.columns.iter().flat_map(column_constraints_as_table).collect();
    constraints.extend(ct.constraints.iter().cloned());
    // Checks are stored with the table, then the primary key's index is made, then the other
    // unique ones, then foreign keys: the order PostgreSQL creates (and so numbers and fires)
    // them in.
    constraints.sort_by_key(|c| match c.kind {
        TableConstraintKind::Check(_) => 0,
        TableConstraintKind::PrimaryKey(_) => 1,
        TableConstraintKind::Unique(_) | TableConstraintKind::UsingIndex { .. } => 2,
        TableConstraintKind::ForeignKey { .. } => 3,
    });
    let mut fks = Vec::new();
    let mut names = Vec::new();
    if let Some(spec) = &ct.partition_by {
        table.partition_key = Some(crate::engine::partition::partition_key(&table, spec)?);
    }
    for c in &constraints {
        add_constraint_to(exec.db, &mut table, c, &mut fks, &mut names)?;
    }
    crate::engine::partition::check_unique_covers_key(&table)?;
    for c in &mut table.columns {
        if let Some(ColumnDefault::Sequence(written)) = &c.default {
            let seq = qualify_sequence(exec.db, &table.schema, written);
            c.default = Some(ColumnDefault::Sequence(seq.clone()));
            let owner = (table.name.clone(), c.name.clone());
            let options = ct.columns.iter().filter(|d| d.name.name == c.name).find_map(|d| {
                d.constraints.iter().find_map(|k| match &k.kind {
                    ColumnConstraintKind::Identity { options, .. } => Some(options.clone()),
                    _ => None,
                })
            });
            let options = options.unwrap_or_default();
            crate::engine::sequences::save_catalog(exec, Vec::new());
            exec.db.sequences.borrow_mut().ensure(&seq, &options, &c.data_type.pg_name(), owner)?;
        }
    }
    exec.txn.undo.push(Undo::Table { id, before: None });
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    for fk in &fks {
        table.add_fk_index(fk.id, fk.child_columns.clone());
    }
    exec.db.insert_table(table);
    for fk in fks {
        exec.db.fks.insert(fk.id, std::rc::Rc::new(fk));
    }
    crate::engine::partition_ddl::reconcile_foreign_keys(exec)?;
    let creator = crate::engine::roles::current_user(exec.db);
    let owned = creator != crate::engine::admin::SESSION_USER;
    if owned || !exec.db.admin.default_privileges.is_empty() {
        exec.txn.undo.push(Undo::Admin(Box::new(exec.db.admin.clone())));
        if owned {
            exec.db.admin.owners.insert(crate::engine::admin::ObjectKey::Table(id), creator);
        }
        crate::engine::roles::apply_default_privileges(exec.db, id)?;
    }
    Ok(())
}

/// Adds one table constraint to a table being built or altered. Foreign keys are returned
/// through `fks` (the caller stores them), with their names kept in `names`.
pub fn add_constraint_to(
    db: &mut Database,
    table: &mut Table,
    c: &TableConstraint,
    fks: &mut Vec<crate::engine::catalog::ForeignKey>,
    names: &mut Vec<String>,
) -> Result<()> {
    if let Some(n) = &c.name {
        let dup = table.uniques.iter().any(|u| &u.name == n)
            || table.checks.iter().any(|k| &k.name == n)
            || names.contains(n)
            || db.fks.values().any(|fk| fk.child == table.id && &fk.name == n);
        if dup {
            return Err(Error::new(
                "42710",
                format!("constraint \"{n}\" for relation \"{}\" already exists", table.name),
            ));
        }
    }
    match &c.kind {
        TableConstraintKind::UsingIndex { .. } => {
            return Err(Error::internal("USING INDEX reached add_constraint_to"));
        }
        TableConstraintKind::PrimaryKey(cols) | TableConstraintKind::Unique(cols) => {
            let primary = matches!(c.kind, TableConstraintKind::PrimaryKey(_));
            let (deferrable, initially_deferred) = resolve_deferral(c.deferral)?;
            let id = db.next_constraint_id();
            let u = UniqueConstraint {
                deferrable,
                initially_deferred,
                ..build_unique(db, table, id, c.name.as_deref(), cols, primary, c.pos)?
            };
            if primary {
                for &col in &u.columns {
                    table.columns[col].not_null = true;
                }
            }
            let cols_text =
                u.columns.iter().map(|&i| table.columns[i].name.clone()).collect::<Vec<_>>();
            let name = u.name.clone();
            table.add_unique(u).map_err(|(_, dup)| {
                let key = table
                    .heap
                    .row(dup)
                    .map(|r| {
                        cols_text
                            .iter()
                            .map(|n| {
                                let i = table.column_index(n).unwrap_or(0);
                                r[i].to_text(&table.columns[i].data_type)
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                Error::new("23505", format!("could not create unique index \"{name}\""))
                    .with_detail(format!("Key ({})=({key}) is duplicated.", cols_text.join(", ")))
            })?;
            crate::engine::explain::record_index_build(table);
        }
        TableConstraintKind::Check(expr) => {
            let id = db.next_constraint_id();
            let name = match &c.name {
                Some(n) => n.clone(),
                None => {
                    let cols = referenced_columns(expr);
                    let addition = if cols.len() == 1 { Some(cols[0].clone()) } else { None };
                    crate::engine::catalog::choose_name(
                        &table.name,
                        addition.as_deref(),
                        "check",
                        |n| constraint_name_taken(db, &[table], &table.schema, n, names),
                    )
                }
            };
            // Bound now, so an unknown function or column fails here, not at every INSERT.
            crate::engine::expr::Binder::for_clause("check constraints").bind_condition(
                &crate::engine::fncall::stand_in_calls(db, expr)?,
                &crate::engine::exec::table_scope(table, None),
                "CHECK",
            )?;
            names.push(name.clone());
            table.checks.push(CheckConstraint { id, name, expr: expr.clone() });
        }
        TableConstraintKind::ForeignKey { columns, spec } => {
            let id = db.next_constraint_id();
            let req = ForeignKeyRequest {
                name: c.name.as_deref(),
                columns,
                spec,
                names_in_statement: names,
            };
            let fk = build_foreign_key(db, table, id, &req)?;
            names.push(fk.name.clone());
            fks.push(fk);
        }
    }
    Ok(())
}

/// Distinct column names an expression mentions, in order of appearance.
fn referenced_columns(e: &crate::sql::ast::Expr) -> Vec<String> {
    use crate::sql::ast::Expr as E;
    let mut out: Vec<String> = Vec::new();
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match e {
            E::Column { name, .. } if !out.contains(name) => {
                out.push(name.clone());
            }
            E::Unary { expr, .. }
            | E::IsNull { expr, .. }
            | E::IsBool { expr, .. }
            | E::Cast { expr, .. } => stack.push(expr),
            E::Binary { left, right, .. } | E::IsDistinctFrom { left, right, .. } => {
                stack.push(right);
                stack.push(left);
            }
            E::InList { expr, list, .. } => {
                stack.extend(list.iter().rev());
                stack.push(expr);
            }
            E::Between { expr, low, high, .. } => {
                stack.push(high);
                stack.push(low);
                stack.push(expr);
            }
            E::Function { args, .. } => stack.extend(args.iter().rev()),
            E::Case { operand, whens, else_result } => {
                if let Some(e) = else_result {
                    stack.push(e);
                }
                for (a, b) in whens.iter().rev() {
                    stack.push(b);
                    stack.push(a);
                }
                if let Some(o) = operand {
                    stack.push(o);
                }
            }
            _ => {}
        }
    }
    out
}

/// A relation as PostgreSQL's object descriptions name it: qualified unless on the search path.
pub fn relation_label(db: &Database, id: TableId) -> String {
    match db.tables.get(&id) {
        Some(t) if db.search_path.contains(&t.schema) => t.name.clone(),
        Some(t) => format!("{}.{}", t.schema, t.name),
        None => String::new(),
    }
}

/// The NOTICE a CASCADE drop gives for the objects it takes along (`what` as "table x", ...).
pub fn cascade_notice(what: &[String]) -> Notice {
    let lines: Vec<String> = what.iter().map(|w| format!("drop cascades to {w}")).collect();
    if lines.len() == 1 {
        Notice::notice(lines[0].clone())
    } else {
        let mut n = Notice::notice(format!("drop cascades to {} other objects", lines.len()));
        n.detail = Some(lines.join("\n"));
        n
    }
}

/// The 2BP01 error a drop without CASCADE gives, from (object, what it depends on) pairs.
/// `what` is the one object the statement named; a statement naming several (even the same
/// one twice) gets PostgreSQL's plural wording, which names none of them.
pub(crate) fn depends_error(what: Option<&str>, deps: &[(String, String)]) -> Error {
    let lines: Vec<String> = deps.iter().map(|(o, on)| format!("{o} depends on {on}")).collect();
    let message = match what {
        Some(what) => format!("cannot drop {what} because other objects depend on it"),
        None => "cannot drop desired object(s) because other objects depend on them".to_string(),
    };
    Error::new("2BP01", message)
        .with_detail(lines.join("\n"))
        .with_hint("Use DROP ... CASCADE to drop the dependent objects too.")
}

/// The foreign keys of tables outside `ids` that reference tables in `ids`, as (object, on).
fn outside_references(db: &Database, ids: &[TableId], parent: TableId) -> Vec<(String, String)> {
    db.fks
        .values()
        .filter(|fk| fk.parent == parent && !ids.contains(&fk.child) && fk.cloned.is_none())
        .map(|fk| {
            (
                format!("constraint {} on table {}", fk.name, relation_label(db, fk.child)),
                format!("table {}", relation_label(db, parent)),
            )
        })
        .collect()
}

/// `DROP TABLE [IF EXISTS] ... [CASCADE]`.
pub fn drop_tables(
    exec: &mut Exec<'_>,
    names: &[ObjectName],
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let mut ids: Vec<TableId> = Vec::new();
    for n in names {
        if let Some(id) = exec.db.lookup(n) {
            ids.push(id);
            continue;
        }
        if let Some(e) = crate::engine::views::not_a_table(exec.db, n) {
            return Err(e);
        }
        // DropErrorMsgNonExistent: a missing schema is named as such; otherwise only the
        // table's own name is shown, even when it was written qualified.
        let (code, missing) = match &n.schema {
            Some(s) if !exec.db.schemas.contains(s) => ("3F000", format!("schema \"{s}\"")),
            _ => ("42P01", format!("table \"{}\"", n.name)),
        };
        if !if_exists {
            return Err(Error::new(code, format!("{missing} does not exist")));
        }
        exec.notices.push(Notice::notice(format!("{missing} does not exist, skipping")));
    }
    for &id in &ids {
        crate::engine::roles::check_table_owner(exec.db, id)?;
    }
    let named = ids.len();
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    crate::engine::partition_ddl::add_partitions(exec.db, &mut ids);
    // Inheritance children that stay (with the keys onto them), then foreign keys from tables
    // that stay onto tables that go.
    let mut deps: Vec<(String, String)> = Vec::new();
    for &id in &ids {
        for child in crate::engine::inherit::children_of(exec.db, id) {
            if ids.contains(&child) {
                continue;
            }
            if cascade {
                return Err(Error::unsupported(
                    "DROP TABLE ... CASCADE of a table with inheritance children is not supported by fksim",
                ));
            }
            deps.push((
                format!("table {}", relation_label(exec.db, child)),
                format!("table {}", relation_label(exec.db, id)),
            ));
            deps.extend(outside_references(exec.db, &ids, child));
        }
    }
    // PostgreSQL collects each named table's dependents depth first (post-order) in list order
    // and reports the collection back to front: the last-named table's dependents come first,
    // each table's in creation order.
    deps.extend(ids.iter().rev().flat_map(|&id| outside_references(exec.db, &ids, id)));
    // A partition of a referenced partitioned table that stays: the key onto the tree
    // depends on it.
    let onto_tree = crate::engine::partition_fk::keys_onto_partitions(exec.db, &ids, named);
    deps.extend(onto_tree.iter().map(|(_, dep)| dep.clone()));
    deps.extend(crate::engine::views::table_dependents(exec.db, &ids));
    deps.extend(crate::engine::rules::table_dependents(exec.db, &ids));
    if !deps.is_empty() {
        if !cascade {
            // One named table (its partitions go with it): the singular message.
            let what = match ids.first() {
                Some(id) if named == 1 => Some(format!("table {}", relation_label(exec.db, *id))),
                _ => None,
            };
            return Err(depends_error(what.as_deref(), &deps));
        }
        let what: Vec<String> = deps.iter().map(|(o, _)| o.clone()).collect();
        exec.notices.push(cascade_notice(&what));
    }
    for &id in &ids {
        crate::engine::ri::check_not_pending(exec, id, "DROP TABLE")?;
    }
    let dropped: Vec<(String, String)> = ids
        .iter()
        .filter_map(|id| exec.db.tables.get(id).map(|t| (t.schema.clone(), t.name.clone())))
        .collect();
    crate::engine::views::drop_table_dependents(exec, &ids);
    if !onto_tree.is_empty() {
        exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
        for (fk, _) in &onto_tree {
            let child = exec.db.fks.get(fk).map(|f| f.child);
            exec.db.fks.shift_remove(fk);
            if let Some(child) = child {
                crate::engine::alter::save_table(exec, child)?;
                exec.db.table_mut(child)?.drop_fk_index(*fk);
            }
        }
    }
    remove_tables(exec, &ids)?;
    crate::engine::partition_ddl::reconcile_foreign_keys(exec)?;
    // A serial or OWNED BY sequence goes with its table.
    crate::engine::sequences::save_catalog(exec, Vec::new());
    let mut seqs = exec.db.sequences.borrow_mut();
    for (schema, t) in &dropped {
        seqs.drop_owned_by(schema, t);
    }
    Ok(())
}

/// Removes tables with their foreign keys (both ends) and triggers, undoably.
fn remove_tables(exec: &mut Exec<'_>, ids: &[TableId]) -> Result<()> {
    exec.txn.undo.push(Undo::ForeignKeys(Box::new(exec.db.fks.clone())));
    let gone: Vec<_> = exec
        .db
        .fks
        .values()
        .filter(|fk| ids.contains(&fk.parent) || ids.contains(&fk.child))
        .map(|fk| (fk.id, fk.child))
        .collect();
    for (fk, child) in gone {
        exec.db.fks.shift_remove(&fk);
        if !ids.contains(&child) {
            let before = exec.db.table(child)?.clone();
            exec.txn.undo.push(Undo::Table { id: child, before: Some(Box::new(before)) });
            exec.db.table_mut(child)?.drop_fk_index(fk);
        }
    }
    // A table's triggers go with it.
    if exec.db.triggers.iter().any(|t| ids.contains(&t.table)) {
        exec.txn
            .undo
            .push(Undo::Routines(Box::new((exec.db.functions.clone(), exec.db.triggers.clone()))));
        exec.db.triggers.retain(|t| !ids.contains(&t.table));
    }
    for &id in ids {
        if let Some(t) = exec.db.remove_table(id) {
            exec.txn.undo.push(Undo::Table { id, before: Some(Box::new(t)) });
        }
    }
    // And its rules.
    crate::engine::rules::forget_orphans(exec);
    Ok(())
}

/// PostgreSQL's default operator classes for gist and gin: without btree_gist / btree_gin,
/// only their own types (jsonb for gin here) can be indexed by them.
pub(crate) fn check_operator_class(
    db: &crate::engine::database::Database,
    ty: &crate::engine::types::DataType,
    method: &str,
) -> Result<()> {
    use crate::engine::types::DataType;
    let has = |ext: &str| db.admin.extensions.contains_key(ext);
    let ok = match method {
        "gist" => has("btree_gist"),
        "gin" => matches!(ty, DataType::Jsonb) || has("btree_gin"),
        _ => true,
    };
    if ok {
        return Ok(());
    }
    Err(Error::new(
        "42704",
        format!(
            "data type {} has no default operator class for access method \"{method}\"",
            ty.pg_name()
        ),
    )
    .with_hint(
        "You must specify an operator class for the index or define a default operator class for the data type.",
    ))
}

/// `DROP INDEX [IF EXISTS] names`: indexes made by CREATE INDEX; a constraint's index goes
/// with its constraint.
pub fn drop_indexes(exec: &mut Exec<'_>, names: &[ObjectName], if_exists: bool) -> Result<()> {
    let mut found = Vec::new();
    for n in names {
        let schemas = match &n.schema {
            Some(s) if !exec.db.schemas.contains(s) => {
                let msg = format!("schema \"{s}\" does not exist");
                if !if_exists {
                    return Err(Error::new("3F000", msg));
                }
                exec.notices.push(Notice::notice(format!("{msg}, skipping")));
                continue;
            }
            Some(s) => vec![s.clone()],
            None => exec.db.search_path.clone(),
        };
        let in_schemas = |t: &&crate::engine::table::Table| schemas.contains(&t.schema);
        let tables = || exec.db.tables.values().filter(in_schemas);
        if let Some(t) = tables().find(|t| t.indexes.iter().any(|i| i.name == n.name)) {
            crate::engine::index_def::check_no_dependents(exec.db, t, &n.name)?;
            found.push((t.id, n.name.clone()));
        } else if let Some((t, u)) =
            tables().find_map(|t| t.uniques.iter().find(|u| u.name == n.name).map(|u| (t, u)))
        {
            return Err(Error::new(
                "2BP01",
                format!(
                    "cannot drop index {0} because constraint {0} on table {1} requires it",
                    u.name, t.name
                ),
            )
            .with_hint(format!(
                "You can drop constraint {} on table {} instead.",
                u.name, t.name
            )));
        } else if exec.db.lookup(n).is_some() {
            return Err(Error::new("42809", format!("\"{}\" is not an index", n.name))
                .with_hint("Use DROP TABLE to remove a table."));
        } else if if_exists {
            exec.notices
                .push(Notice::notice(format!("index \"{}\" does not exist, skipping", n.name)));
        } else {
            return Err(Error::new("42704", format!("index \"{}\" does not exist", n.name)));
        }
    }
    for (id, name) in found {
        let before = exec.db.table(id)?.clone();
        exec.txn.undo.push(Undo::Table { id, before: Some(Box::new(before)) });
        exec.db.table_mut(id)?.indexes.retain(|i| i.name != name);
    }
    Ok(())
}

/// `TRUNCATE [CASCADE] [RESTART IDENTITY]`: refuses when a table outside the list references
/// one inside it.
pub fn truncate(
    exec: &mut Exec<'_>,
    names: &[ObjectName],
    cascade: bool,
    restart_identity: bool,
) -> Result<()> {
    let mut ids = Vec::new();
    for n in names {
        let id = exec.db.lookup(n).ok_or_else(|| Error::undefined_table(&display_name(n)))?;
        // "TRUNCATE foo, foo" is fine: the repeat is skipped before any check.
        if ids.contains(&id) {
            continue;
        }
        crate::engine::roles::check_table_privilege(exec.db, id, "truncate")?;
        crate::engine::ri::check_not_pending(exec, id, "TRUNCATE")?;
        ids.push(id);
    }
    crate::engine::partition_ddl::add_partitions(exec.db, &mut ids);
    if cascade {
        // ExecuteTruncateGuts: rounds of referencing tables until none is left, each round's
        // tables in OID order, each checked as it joins.
        loop {
            let added = find_referencing_tables(exec.db, &ids);
            if added.is_empty() {
                break;
            }
            for child in added {
                let c = exec.db.table(child)?.name.clone();
                exec.notices.push(Notice::notice(format!("truncate cascades to table \"{c}\"")));
                crate::engine::ri::check_not_pending(exec, child, "TRUNCATE")?;
                ids.push(child);
            }
        }
    } else {
        // heap_truncate_check_FKs: the named tables in list order, and for the first one that
        // is referenced from outside the list, the referencing table with the lowest OID.
        for &parent in &ids {
            let outside = find_referencing_tables(exec.db, &[parent]);
            if let Some(&child) = outside.iter().find(|c| !ids.contains(c)) {
                let c = exec.db.table(child)?.name.clone();
                let p = exec.db.table(parent)?.name.clone();
                return Err(Error::new(
                    "0A000",
                    "cannot truncate a table referenced in a foreign key constraint",
                )
                .with_detail(format!("Table \"{c}\" references \"{p}\"."))
                .with_hint(format!(
                    "Truncate table \"{c}\" at the same time, or use TRUNCATE ... CASCADE."
                )));
            }
        }
    }
    use crate::engine::{routines::TriggerOp, statement_triggers};
    for &id in &ids {
        statement_triggers::before(exec, id, TriggerOp::Truncate)?;
    }
    for &id in &ids {
        let before = exec.db.table(id)?.clone();
        exec.txn.undo.push(Undo::Table { id, before: Some(Box::new(before)) });
        exec.db.table_mut(id)?.truncate();
        if restart_identity {
            let before = exec.db.sequences.borrow().map.clone();
            exec.txn.undo.push(Undo::Sequences(Box::new(before)));
            crate::engine::sequences::restart_owned(exec.db, id)?;
        }
    }
    for &id in &ids {
        statement_triggers::after(exec, id, TriggerOp::Truncate)?;
    }
    Ok(())
}

/// heap_truncate_find_FKs: the tables outside `ids` with a foreign key onto one of `ids`, once
/// each, in OID order (table ids grow in creation order as PostgreSQL's OIDs do).
fn find_referencing_tables(db: &Database, ids: &[TableId]) -> Vec<TableId> {
    let mut found: Vec<TableId> = db
        .fks
        .values()
        .filter(|fk| ids.contains(&fk.parent) && !ids.contains(&fk.child))
        .map(|fk| fk.child)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// CREATE SCHEMA, then its elements with the new schema first on the search path (so their
/// unqualified names are made, and looked up, there).
pub fn create_schema(
    exec: &mut Exec<'_>,
    name: &str,
    if_not_exists: bool,
    elements: &[crate::sql::ast::Statement],
) -> Result<()> {
    create_schema_only(exec, name, if_not_exists)?;
    if elements.is_empty() {
        return Ok(());
    }
    let path = exec.db.search_path.clone();
    let mut inner = path.clone();
    inner.insert(0, name.to_string());
    exec.db.set_search_path(inner);
    let result = elements
        .iter()
        .try_for_each(|e| crate::engine::session::run_statement(exec, e).map(|_| ()));
    exec.db.set_search_path(path);
    result
}

/// CREATE SCHEMA without elements.
fn create_schema_only(exec: &mut Exec<'_>, name: &str, if_not_exists: bool) -> Result<()> {
    if exec.db.schemas.contains(name) {
        if if_not_exists {
            exec.notices
                .push(Notice::notice(format!("schema \"{name}\" already exists, skipping")));
            return Ok(());
        }
        return Err(Error::new("42P06", format!("schema \"{name}\" already exists")));
    }
    exec.txn.undo.push(Undo::Schemas(Box::new(exec.db.schemas.clone())));
    exec.db.schemas.insert(name.to_string());
    Ok(())
}

/// `DROP SCHEMA [CASCADE]`: the named schemas go together, with one report of what depends on
/// them (the last-named schema's dependents first, as for DROP TABLE).
pub fn drop_schemas(
    exec: &mut Exec<'_>,
    names: &[String],
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let mut schemas: Vec<&String> = Vec::new();
    for name in names {
        if exec.db.schemas.contains(name) {
            schemas.push(name);
        } else if if_exists {
            exec.notices
                .push(Notice::notice(format!("schema \"{name}\" does not exist, skipping")));
        } else {
            return Err(Error::undefined_schema(name));
        }
    }
    let named = schemas.len();
    let mut seen = std::collections::HashSet::new();
    schemas.retain(|s| seen.insert(*s));
    let ids: Vec<TableId> =
        exec.db.tables.values().filter(|t| schemas.contains(&&t.schema)).map(|t| t.id).collect();
    let functions: Vec<(String, String)> =
        exec.db.functions.keys().filter(|(s, _)| schemas.contains(&s)).cloned().collect();
    let mut deps = Vec::new();
    for name in schemas.iter().rev() {
        let schema = format!("schema {name}");
        // A partition goes with its partitioned table, unnamed.
        let listed = |t: &Table| {
            &t.schema == *name && t.partition_of.as_ref().is_none_or(|o| !ids.contains(&o.parent))
        };
        for &id in ids.iter().filter(|&&id| exec.db.tables.get(&id).is_some_and(listed)) {
            deps.push((format!("table {}", relation_label(exec.db, id)), schema.clone()));
            deps.extend(outside_references(exec.db, &ids, id));
        }
        deps.extend(crate::engine::views::schema_dependents(exec.db, name, &ids));
        for f in functions.iter().filter(|f| &f.0 == *name) {
            let shown = exec.db.functions.get(f).map_or(f.1.as_str(), |x| x.name.as_str());
            let label = format!("function {}.{shown}()", f.0);
            deps.push((label.clone(), schema.clone()));
            for t in exec.db.triggers.iter().filter(|t| &t.function == f && !ids.contains(&t.table))
            {
                deps.push((
                    format!("trigger {} on table {}", t.name, relation_label(exec.db, t.table)),
                    label.clone(),
                ));
            }
        }
    }
    if !deps.is_empty() {
        if !cascade {
            let what = match schemas.as_slice() {
                [name] if named == 1 => Some(format!("schema {name}")),
                _ => None,
            };
            return Err(depends_error(what.as_deref(), &deps));
        }
        let what: Vec<String> = deps.iter().map(|(o, _)| o.clone()).collect();
        exec.notices.push(cascade_notice(&what));
    }
    crate::engine::views::drop_schema_dependents(exec, &schemas, &ids);
    remove_tables(exec, &ids)?;
    if !functions.is_empty() {
        exec.txn
            .undo
            .push(Undo::Routines(Box::new((exec.db.functions.clone(), exec.db.triggers.clone()))));
        exec.db.triggers.retain(|t| !functions.contains(&t.function));
        exec.db.functions.retain(|k, _| !functions.contains(k));
    }
    let names: Vec<String> = schemas.into_iter().cloned().collect();
    exec.txn.undo.push(Undo::Schemas(Box::new(exec.db.schemas.clone())));
    exec.db.schemas.retain(|s| !names.contains(s));
    Ok(())
}

/// The key of the sequence a column default names (a serial or identity column's, or the one
/// `nextval('name'::regclass)` names): an existing one along the search path, else a new one
/// in the table's schema.
pub fn qualify_sequence(db: &Database, table_schema: &str, written: &str) -> String {
    use crate::engine::sequences::{key, name_of};
    let (schema, name) = name_of(written);
    db.sequences
        .borrow()
        .find(schema.as_deref(), &name, &db.search_path)
        .unwrap_or_else(|| key(schema.as_deref().unwrap_or(table_schema), &name))
}

/// The sequence a `DEFAULT nextval('name'::regclass)` draws from, so such a column behaves
/// (and is described) as a serial column does.
pub fn nextval_of(e: &crate::sql::ast::Expr) -> Option<String> {
    use crate::sql::ast::{Expr, Literal};
    match e {
        Expr::Function { name, args, .. } if name == "nextval" => match args.as_slice() {
            [Expr::Literal(Literal::String(s, _))] => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A DEFAULT is bound when it is stored, as PostgreSQL does: an unknown function or column
/// fails the CREATE or ALTER, not every later INSERT. A `DEFAULT nextval('name'::regclass)`
/// must name an existing sequence, as the regclass cast looks it up.
pub fn check_default(exec: &Exec<'_>, e: &crate::sql::ast::Expr) -> Result<()> {
    use crate::engine::expr::{Binder, Scope};
    use crate::sql::ast::{Expr, Literal};
    if let Expr::Function { name, args, .. } = e
        && name == "nextval"
        && let [Expr::Literal(Literal::String(text, pos))] = args.as_slice()
        && exec.db.sequences.borrow().find_text(text, &exec.db.search_path).is_none()
    {
        return Err(Error::new("42P01", format!("relation \"{text}\" does not exist")).at(*pos));
    }
    let e = crate::engine::fncall::stand_in_calls(exec.db, e)?;
    Binder::for_clause("DEFAULT expressions").bind(&e, &Scope::default()).map(|_| ()).map_err(|e| {
        if e.sqlstate() == "42703" {
            Error::new("42P10", "cannot use column reference in DEFAULT expression").at(e.position)
        } else {
            e
        }
    })
}

/// The name of an identity column's sequence: `SEQUENCE NAME` if given, else `t_c_seq`.
pub fn identity_sequence(
    table: &str,
    column: &str,
    o: &crate::sql::ast::SequenceOptions,
) -> String {
    match &o.name {
        Some(n) => n.name.clone(),
        None => crate::engine::catalog::make_object_name(table, Some(column), "seq"),
    }
}
