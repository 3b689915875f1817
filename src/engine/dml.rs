//! INSERT, UPDATE and DELETE: turning statements into row changes, in scan order, with RETURNING.

use crate::engine::access::{AccessPath, choose_path, filter_rows};
use crate::engine::catalog::TableId;
use crate::engine::dml_join::join_target;
use crate::engine::eval::{eval, holds};
use crate::engine::exec::{Exec, table_scope};
use crate::engine::expr::{Binder, Bound, Scope, ScopeColumn, coerce};
use crate::engine::query::{bind_select_list, run_query, values_rows};
use crate::engine::routines::TriggerOp;
use crate::engine::srf;
use crate::engine::statement_triggers;
use crate::engine::storage::RowId;
use crate::engine::stream::{RowStream, stream_query};
use crate::engine::subquery::SubPlans;
use crate::engine::types::DataType;
use crate::engine::upsert::{Outcome, Upsert};
use crate::engine::value::{Value, cast};
use crate::error::{Error, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    Delete, Expr, Ident, Insert, InsertSource, Query, QueryBody, SelectItem, Update,
};

/// What a data-changing statement returns: its RETURNING rows, if it had a RETURNING list.
pub type DmlResult = Result<Option<ResultSet>>;

/// INSERT.
pub fn insert(exec: &mut Exec<'_>, ins: &Insert) -> DmlResult {
    let table = exec.db.resolve(&ins.table)?;
    let t = exec.db.table(table)?;
    let ncols = t.columns.len();
    let _b = crate::engine::memory::building(format!("the rows of table \"{}\"", t.name));
    let targets = target_columns(t, &ins.columns)?;
    if !ins.overriding_system {
        for (k, &i) in targets.iter().enumerate() {
            let col = &t.columns[i];
            let given = match &ins.source {
                InsertSource::DefaultValues => false,
                InsertSource::Values(rows) => {
                    rows.iter().any(|r| r.get(k).is_some_and(|e| !matches!(e, Expr::Default)))
                }
                InsertSource::Query(_) => true,
            };
            if col.identity == Some(true) && given {
                return Err(Error::new(
                    "428C9",
                    format!("cannot insert a non-DEFAULT value into column \"{}\"", col.name),
                )
                .with_detail(format!(
                    "Column \"{}\" is an identity column defined as GENERATED ALWAYS.",
                    col.name
                ))
                .with_hint("Use OVERRIDING SYSTEM VALUE to override."));
            }
        }
    }
    let types: Vec<DataType> = t.columns.iter().map(|c| c.data_type.clone()).collect();
    let names: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
    let returning = bind_returning(exec, table, ins.alias.as_deref(), &ins.returning, &[])?;
    let assign_to =
        |v: Value, from: &DataType, col: usize| assign(v, from, &types[col], &names[col]);
    let mut conflict: Conflict<'_> = match &ins.on_conflict {
        Some(oc) => {
            let upsert =
                Upsert::bind(exec, table, oc, ins.alias.as_deref(), &mut |e, scope, col| {
                    bind_for_column(&mut Binder::for_clause("UPDATE"), e, scope, &types[col])
                })?;
            Some((upsert, &assign_to))
        }
        None => None,
    };
    // ON CONFLICT DO UPDATE fires the UPDATE statement triggers too, inside the INSERT ones.
    let upserts = ins
        .on_conflict
        .as_ref()
        .is_some_and(|oc| matches!(oc.action, crate::sql::ast::ConflictAction::Update { .. }));
    statement_triggers::before(exec, table, TriggerOp::Insert)?;
    if upserts {
        statement_triggers::before(exec, table, TriggerOp::Update)?;
    }
    let ctx = exec.ctx.clone();
    let mut out = Vec::new();
    let mut inserted = 0;
    match &ins.source {
        InsertSource::DefaultValues => {
            let values = complete_row(exec, table, &[], Vec::new())?;
            insert_one(exec, table, values, &mut conflict, &returning, &mut out, &mut inserted)?;
        }
        InsertSource::Values(rows) => {
            for row in rows {
                if row.len() > targets.len() {
                    return Err(Error::new(
                        "42601",
                        "INSERT has more expressions than target columns",
                    )
                    .at(crate::engine::expr::expr_pos(&row[targets.len()])));
                }
                if row.len() < targets.len() && !ins.columns.is_empty() {
                    return Err(Error::new(
                        "42601",
                        "INSERT has more target columns than expressions",
                    ));
                }
                // A single VALUES row is a select list to PostgreSQL: set-returning functions
                // may make it several rows.
                let mut binder = if rows.len() == 1 {
                    Binder { srfs: Some(Vec::new()), ..Binder::for_clause("VALUES") }
                } else {
                    Binder::for_clause("VALUES")
                };
                let mut bound = Vec::new();
                for (e, &col) in row.iter().zip(&targets) {
                    bound.push(match e {
                        Expr::Default => None,
                        e => Some(bind_for_column(&mut binder, e, &Scope::default(), &types[col])?),
                    });
                }
                let srfs = binder.srfs.unwrap_or_default();
                srf::expand(&srfs, &[], &[], &ctx, usize::MAX, &mut |r| {
                    let mut given = Vec::new();
                    for (b, &col) in bound.iter().zip(&targets) {
                        given.push(match b {
                            None => None,
                            Some((b, bt)) => {
                                let v = eval(b, r, &[], &ctx)?;
                                Some(assign(v, bt, &types[col], &names[col])?)
                            }
                        });
                    }
                    let values = complete_row(exec, table, &targets[..given.len()], given)?;
                    insert_one(
                        exec,
                        table,
                        values,
                        &mut conflict,
                        &returning,
                        &mut out,
                        &mut inserted,
                    )
                })?;
            }
        }
        InsertSource::Query(q) => {
            let rows = match &q.body {
                QueryBody::Values(rows) => {
                    let (types, rows) = values_rows(rows, &exec.ctx)?;
                    RowStream::from_rows(
                        types.into_iter().map(|t| (String::new(), t)).collect(),
                        rows,
                    )
                }
                _ => stream_query(exec.db, q, &exec.ctx)?,
            };
            if rows.columns.len() > targets.len() {
                return Err(Error::new("42601", "INSERT has more expressions than target columns"));
            }
            let columns = rows.columns.clone();
            exec.db.table_mut(table)?.reserve(rows.known_rows());
            // Every column given, in table order: the row is converted where it stands.
            let whole = columns.len() == ncols && targets.iter().enumerate().all(|(i, &t)| i == t);
            // Columns whose values already have the column's type need no conversion per row.
            let exact: Vec<bool> =
                columns.iter().zip(&targets).map(|((_, t), &col)| *t == types[col]).collect();
            rows.for_each(&ctx, |mut row| {
                for (i, v) in row.iter_mut().enumerate() {
                    if exact[i] {
                        continue;
                    }
                    let col = targets[i];
                    *v = assign(
                        std::mem::replace(v, Value::Null),
                        &columns[i].1,
                        &types[col],
                        &names[col],
                    )?;
                }
                let values = if whole {
                    row
                } else {
                    complete_row(
                        exec,
                        table,
                        &targets[..row.len()],
                        row.into_iter().map(Some).collect(),
                    )?
                };
                insert_one(exec, table, values, &mut conflict, &returning, &mut out, &mut inserted)
            })?;
        }
    }
    // Set last: statements a trigger function ran during this one set it too.
    exec.processed = inserted;
    if upserts {
        statement_triggers::after(exec, table, TriggerOp::Update)?;
    }
    statement_triggers::after(exec, table, TriggerOp::Insert)?;
    Ok(returning.map(|(columns, _)| ResultSet { columns, rows: out }))
}

/// The columns a column list names, in its order (all columns for an empty list): 42703 for
/// one the table lacks, 42701 for one named twice.
pub fn target_columns(t: &crate::engine::table::Table, columns: &[Ident]) -> Result<Vec<usize>> {
    if columns.is_empty() {
        return Ok((0..t.columns.len()).collect());
    }
    let mut v = Vec::new();
    for c in columns {
        let i = t.column_index(&c.name).ok_or_else(|| {
            Error::new(
                "42703",
                format!("column \"{}\" of relation \"{}\" does not exist", c.name, t.name),
            )
            .at(c.pos)
        })?;
        if v.contains(&i) {
            return Err(Error::new(
                "42701",
                format!("column \"{}\" specified more than once", c.name),
            )
            .at(c.pos));
        }
        v.push(i);
    }
    Ok(v)
}

type Returning = Option<(Vec<(String, DataType)>, Vec<Bound>)>;

/// An INSERT's ON CONFLICT clause, with the conversion of assigned values to their columns.
type Conflict<'a> = Option<(Upsert, &'a dyn Fn(Value, &DataType, usize) -> Result<Value>)>;

fn insert_one(
    exec: &mut Exec<'_>,
    table: TableId,
    values: Vec<Value>,
    conflict: &mut Conflict<'_>,
    returning: &Returning,
    out: &mut Vec<Vec<Value>>,
    inserted: &mut u64,
) -> Result<()> {
    let target = table;
    let (table, values) = crate::engine::partition::insert_target(exec.db, table, values)?;
    let written = match conflict {
        None => exec.insert_row(table, values)?,
        // BEFORE triggers and the row's own constraints come before the arbiter, as in
        // ExecInsert: a NULL in a NOT NULL column fails even when the row would conflict.
        Some((upsert, assign)) => match exec.prepare_insert(table, values)? {
            None => None,
            Some(values) => match upsert.resolve(exec, table, values, *assign)? {
                Outcome::Insert(values) => Some(exec.insert_prepared(table, values)?),
                Outcome::Skip => None,
                Outcome::Update(row, new) => exec.update_row(table, row, new)?,
            },
        },
    };
    match written {
        Some(row) => {
            if let Some((upsert, _)) = conflict {
                upsert.touch(row);
            }
            *inserted += 1;
            collect_returning(exec, (target, table), row, &[], returning, out)
        }
        None => Ok(()),
    }
}

/// Binds an expression assigned to a column: an untyped literal takes the column's type now,
/// so a bad one is reported at its position as PostgreSQL does.
fn bind_for_column(
    binder: &mut Binder,
    e: &Expr,
    scope: &Scope,
    ty: &DataType,
) -> Result<(Bound, DataType)> {
    let (b, bt) = binder.bind(e, scope)?;
    if bt == DataType::Unknown { coerce(b, bt, ty, None) } else { Ok((b, bt)) }
}

/// Converts a value to a column's type as an assignment does, naming the column in type errors.
pub(crate) fn assign(v: Value, from: &DataType, to: &DataType, column: &str) -> Result<Value> {
    if from == to {
        // A value of the column's own type (modifiers included) already fits it.
        return Ok(v);
    }
    let mismatch = || {
        Error::new(
            "42804",
            format!(
                "column \"{column}\" is of type {} but expression is of type {}",
                to.pg_name(),
                from.pg_name()
            ),
        )
        .with_hint("You will need to rewrite or cast the expression.")
    };
    if from.is_text()
        && *from != DataType::Unknown
        && !to.is_text()
        && !matches!(to, DataType::Json | DataType::Jsonb)
        && !v.is_null()
    {
        return Err(mismatch());
    }
    // No assignment cast between the types: PostgreSQL names the column, not the cast.
    cast(v, from, to, false).map_err(|e| if e.sqlstate() == "42846" { mismatch() } else { e })
}

/// Fills in the columns not given with their defaults, in column order.
pub fn complete_row(
    exec: &mut Exec<'_>,
    table: TableId,
    targets: &[usize],
    mut given: Vec<Option<Value>>,
) -> Result<Vec<Value>> {
    let ncols = exec.db.table(table)?.columns.len();
    let mut values = Vec::with_capacity(ncols);
    for col in 0..ncols {
        let v = match targets.iter().position(|&t| t == col).and_then(|i| given[i].take()) {
            Some(v) => v,
            None => exec.default_value(table, col)?,
        };
        values.push(v);
    }
    Ok(values)
}

fn bind_returning(
    exec: &Exec<'_>,
    table: TableId,
    alias: Option<&str>,
    items: &[SelectItem],
    joined: &[ScopeColumn],
) -> Result<Returning> {
    if items.is_empty() {
        return Ok(None);
    }
    let t = exec.db.table(table)?;
    let mut scope = table_scope(t, alias);
    let qualifier = alias.unwrap_or(&t.name).to_string();
    scope.columns.push(crate::engine::partition_tree::tableoid_column(Some(qualifier)));
    // UPDATE ... FROM and DELETE ... USING return the joined tables' columns too.
    scope.columns.extend(joined.iter().cloned());
    let list = bind_select_list(items, &scope, &mut Binder::for_clause("RETURNING"))?;
    let columns = list.iter().map(|(n, _, t)| (n.clone(), t.clone())).collect();
    Ok(Some((columns, list.into_iter().map(|(_, b, _)| b).collect())))
}

/// Evaluates RETURNING over `row` of `table`, a table of the statement's `target` (itself or
/// a partition, whose row is read in the target's column order), followed by `joined`, the
/// values of the rows UPDATE ... FROM or DELETE ... USING joined it with.
fn collect_returning(
    exec: &Exec<'_>,
    (target, table): (TableId, TableId),
    row: crate::engine::storage::RowId,
    joined: &[Value],
    returning: &Returning,
    out: &mut Vec<Vec<Value>>,
) -> Result<()> {
    let Some((_, exprs)) = returning else { return Ok(()) };
    let Some(r) = exec.db.table(table)?.heap.row(row) else { return Ok(()) };
    let mut r = crate::engine::partition_map::convert_row(exec.db, table, target, r);
    r.push(crate::engine::partition_tree::tableoid_value(exec.db, table));
    r.extend_from_slice(joined);
    let mut vals = Vec::new();
    for b in exprs {
        vals.push(eval(b, &r, &[], &exec.ctx)?);
    }
    out.push(vals);
    Ok(())
}

/// The rows of `table` that satisfy `selection`, in the order PostgreSQL's plan meets them.
fn matching_rows(
    exec: &Exec<'_>,
    table: TableId,
    alias: Option<&str>,
    selection: &Option<Expr>,
    scope: Option<&Scope>,
) -> Result<Vec<crate::engine::storage::RowId>> {
    let t = exec.db.table(table)?;
    let mut binder = Binder { subplans: Some(Vec::new()), ..Binder::for_clause("WHERE") };
    let filter = match (selection, scope) {
        (Some(e), Some(scope)) => Some(binder.bind_condition(e, scope, "WHERE")?),
        (Some(e), None) => Some(binder.bind_condition(e, &table_scope(t, alias), "WHERE")?),
        (None, _) => None,
    };
    let mut plans = SubPlans::new(exec.db, &mut binder);
    if plans.is_empty() {
        let path = choose_path(t, filter.as_ref());
        return filter_rows(t, filter.as_ref(), &path, &exec.ctx);
    }
    // Correlated subqueries: a sequential scan, each row tested in turn.
    let mut rows = Vec::new();
    for id in filter_rows(t, None, &AccessPath::SeqScan, &exec.ctx)? {
        let Some(mut row) = t.heap.row(id) else { continue };
        plans.extend(&mut row, &[], &exec.ctx)?;
        if holds(filter.as_ref(), &row, &exec.ctx)? {
            rows.push(id);
        }
    }
    Ok(rows)
}

/// The rows of `table` (of each of its leaf partitions when it is partitioned, read under
/// the name the statement gave it) that satisfy `selection`; `scope`, when the caller has it,
/// is `table_scope(table, alias)`.
fn target_rows(
    exec: &Exec<'_>,
    table: TableId,
    alias: Option<&str>,
    name: &str,
    selection: &Option<Expr>,
    scope: Option<&Scope>,
) -> Result<Vec<(TableId, RowId)>> {
    if !crate::engine::partition::is_partitioned(exec.db, table) {
        let rows = matching_rows(exec, table, alias, selection, scope)?;
        return Ok(rows.into_iter().map(|r| (table, r)).collect());
    }
    let mut out = Vec::new();
    for leaf in crate::engine::partition::leaves(exec.db, table) {
        let rows = matching_rows(exec, leaf, Some(alias.unwrap_or(name)), selection, None)?;
        out.extend(rows.into_iter().map(|r| (leaf, r)));
    }
    Ok(out)
}

/// UPDATE.
pub fn update(exec: &mut Exec<'_>, up: &Update) -> DmlResult {
    let table = crate::engine::inherit::resolve_scanned(exec.db, &up.table)?;
    let t = exec.db.table(table)?;
    let (scope, joined) = if up.from.is_empty() {
        (table_scope(t, up.alias.as_deref()), None)
    } else {
        let (scope, rows) =
            join_target(exec, table, up.alias.as_deref(), &up.from, up.selection.as_ref())?;
        (scope, Some(rows))
    };
    let mut sets: Vec<(usize, Option<(Bound, DataType)>)> = Vec::new();
    let mut binder = Binder { subplans: Some(Vec::new()), ..Binder::for_clause("UPDATE") };
    for (col, e) in &up.assignments {
        let i = t.column_index(&col.name).ok_or_else(|| {
            Error::new(
                "42703",
                format!("column \"{}\" of relation \"{}\" does not exist", col.name, t.name),
            )
            .at(col.pos)
        })?;
        if sets.iter().any(|(c, _)| *c == i) {
            return Err(Error::new(
                "42601",
                format!("multiple assignments to same column \"{}\"", col.name),
            ));
        }
        if t.columns[i].identity == Some(true) && !matches!(e, Expr::Default) {
            return Err(Error::new(
                "428C9",
                format!("column \"{}\" can only be updated to DEFAULT", col.name),
            )
            .with_detail(format!(
                "Column \"{}\" is an identity column defined as GENERATED ALWAYS.",
                col.name
            )));
        }
        sets.push((
            i,
            match e {
                Expr::Default => None,
                e => Some(bind_for_column(&mut binder, e, &scope, &t.columns[i].data_type)?),
            },
        ));
    }
    let types: Vec<DataType> = t.columns.iter().map(|c| c.data_type.clone()).collect();
    let joined_columns = match joined {
        Some(_) => &scope.columns[t.columns.len() + 1..],
        None => &[],
    };
    let returning =
        bind_returning(exec, table, up.alias.as_deref(), &up.returning, joined_columns)?;
    statement_triggers::before(exec, table, TriggerOp::Update)?;
    // With FROM, the expressions see the joined row; without, the row itself. A partitioned
    // table's rows are its leaf partitions', found before any is changed.
    let (rows, joined_rows): (Vec<(TableId, RowId)>, Vec<Vec<Value>>) = match joined {
        Some(rows) => rows.into_iter().map(|(r, j)| ((table, r), j)).unzip(),
        None => (
            target_rows(
                exec,
                table,
                up.alias.as_deref(),
                &up.table.name,
                &up.selection,
                Some(&scope),
            )?,
            Vec::new(),
        ),
    };
    // Correlated subqueries in SET read the table as the statement found it: their values
    // for every row come first.
    let mut subplan_values = Vec::new();
    let mut plans = SubPlans::new(exec.db, &mut binder);
    if !plans.is_empty() {
        for (i, &(leaf, row)) in rows.iter().enumerate() {
            let mut r = match joined_rows.get(i) {
                Some(j) => j.clone(),
                None => exec.db.table(leaf)?.heap.row(row).unwrap_or_default(),
            };
            let width = r.len();
            plans.extend(&mut r, &[], &exec.ctx)?;
            subplan_values.push(r.split_off(width));
        }
    }
    drop(plans);
    let mut out = Vec::new();
    let mut updated = 0;
    for (i, (leaf, row)) in rows.into_iter().enumerate() {
        exec.ctx.cancel.check()?;
        let Some(current) = exec.db.table(leaf)?.heap.row(row) else { continue };
        let current = crate::engine::partition_map::convert_row(exec.db, leaf, table, current);
        let width = current.len();
        let mut seen = match joined_rows.get(i) {
            Some(j) => j.clone(),
            None => current,
        };
        if let Some(values) = subplan_values.get_mut(i) {
            seen.append(values);
        }
        let mut new = seen[..width].to_vec();
        // `sets` holds one entry per assignment, in order: the column's name as written.
        for ((col, e), (target, _)) in sets.iter().zip(&up.assignments) {
            new[*col] = match e {
                None => exec.default_value(table, *col)?,
                Some((b, bt)) => {
                    assign(eval(b, &seen, &[], &exec.ctx)?, bt, &types[*col], &target.name)?
                }
            };
        }
        if let Some((into, new_row)) =
            crate::engine::partition_dml::update_row(exec, table, leaf, row, new)?
        {
            updated += 1;
            let from = joined_rows.get(i).map_or(&[][..], |j| &j[width + 1..]);
            collect_returning(exec, (table, into), new_row, from, &returning, &mut out)?;
        }
    }
    exec.processed = updated;
    statement_triggers::after(exec, table, TriggerOp::Update)?;
    Ok(returning.map(|(columns, _)| ResultSet { columns, rows: out }))
}

/// DELETE.
pub fn delete(exec: &mut Exec<'_>, del: &Delete) -> DmlResult {
    let table = crate::engine::inherit::resolve_scanned(exec.db, &del.table)?;
    let alias = del.alias.as_deref();
    // With USING, RETURNING also names the joined tables, known once the join is bound.
    let mut returning = match del.using.is_empty() {
        true => bind_returning(exec, table, alias, &del.returning, &[])?,
        false => None,
    };
    statement_triggers::before(exec, table, TriggerOp::Delete)?;
    let (rows, joined_rows): (Vec<(TableId, RowId)>, Vec<Vec<Value>>) = if del.using.is_empty() {
        (target_rows(exec, table, alias, &del.table.name, &del.selection, None)?, Vec::new())
    } else {
        let (scope, rows) = join_target(exec, table, alias, &del.using, del.selection.as_ref())?;
        let width = exec.db.table(table)?.columns.len();
        returning =
            bind_returning(exec, table, alias, &del.returning, &scope.columns[width + 1..])?;
        rows.into_iter().map(|(id, j)| ((table, id), j[width + 1..].to_vec())).unzip()
    };
    let mut out = Vec::new();
    let mut deleted = 0;
    for (i, (leaf, row)) in rows.into_iter().enumerate() {
        exec.ctx.cancel.check()?;
        let from = joined_rows.get(i).map_or(&[][..], Vec::as_slice);
        collect_returning(exec, (table, leaf), row, from, &returning, &mut out)?;
        if exec.delete_row(leaf, row)? {
            deleted += 1;
        }
    }
    exec.processed = deleted;
    statement_triggers::after(exec, table, TriggerOp::Delete)?;
    Ok(returning.map(|(columns, _)| ResultSet { columns, rows: out }))
}

/// SELECT as a statement.
pub fn select(exec: &mut Exec<'_>, q: &Query) -> DmlResult {
    run_query(exec.db, q, &exec.ctx).map(Some)
}
