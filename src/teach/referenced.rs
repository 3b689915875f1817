//! Direction 2 of 23503: a referenced row was deleted, or its key changed, while rows still
//! point at it. Judged by the event that fired: a delete by ON DELETE, a key update by ON UPDATE.

use crate::engine::catalog::{Action, ColumnDefault, ForeignKey};
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::teach::context::FailureContext;
use crate::teach::diagnose::{Diagnosis, Fix};
use crate::teach::sqltext::{fk_clause, literal, quote_ident, table_name};

/// The diagnosis of a refused delete or key update of `key` in `fk`'s referenced table.
pub fn still_referenced(
    db: &Database,
    fk: &ForeignKey,
    key: &[Value],
    new_key: Option<&[Value]>,
    ctx: &FailureContext,
) -> Option<Diagnosis> {
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    let child_cols: Vec<&str> =
        fk.child_columns.iter().map(|&c| child.columns[c].name.as_str()).collect();
    let parent_cols: Vec<&str> =
        fk.parent_columns.iter().map(|&c| parent.columns[c].name.as_str()).collect();
    let key_text: Vec<String> = fk
        .parent_columns
        .iter()
        .zip(key)
        .map(|(&c, v)| literal(v, &parent.columns[c].data_type))
        .collect();
    let (event, action, clause) = match new_key {
        Some(_) => ("change the key of", &fk.on_update, "ON UPDATE"),
        None => ("delete", &fk.on_delete, "ON DELETE"),
    };
    let children = child.find_referencing(fk.id, key).len();
    let self_ref = fk.child == fk.parent;
    let mut summary = format!(
        "Direction 2: the statement tried to {event} {}({}) = ({}), which {} row{} of {} still reference{}; \"{}\" is {clause} {}, so PostgreSQL refused it.",
        table_name(parent),
        parent_cols.join(", "),
        key_text.join(", "),
        children,
        if children == 1 { "" } else { "s" },
        if self_ref { "the same table".to_string() } else { table_name(child) },
        if children == 1 { "s" } else { "" },
        fk.name,
        action.sql()
    );
    summary.push_str(match action {
        Action::Restrict => " RESTRICT is checked at the end of the statement like NO ACTION, but is never deferred and does not accept another row that supplies the same key by then.",
        Action::NoAction => " NO ACTION (the default) checks at the end of the statement (at COMMIT when deferred) and would have accepted another row supplying the same key.",
        // SET DEFAULT re-checks like NO ACTION: its default can be the very key that went.
        Action::SetDefault(_) => " SET DEFAULT wrote the column default into the referencing rows, and the default is this very key, so they still reference it.",
        Action::Cascade | Action::SetNull(_) => "",
    });
    let recreate = |on_delete: &Action, on_update: &Action| {
        let mut copy = fk.clone();
        copy.on_update = on_update.clone();
        format!(
            "ALTER TABLE {t} DROP CONSTRAINT {n}, ADD CONSTRAINT {n} {};",
            fk_clause(db, &copy, on_delete, None),
            t = table_name(child),
            n = quote_ident(&fk.name)
        )
    };
    let nullable = fk.child_columns.iter().all(|&c| !child.columns[c].not_null);
    let mut fixes = Vec::new();
    let mut warnings = Vec::new();
    match new_key {
        Some(_) => {
            fixes.push(Fix::sql(
                "Let key changes follow into the referencing rows (ON UPDATE CASCADE), in one atomic ALTER TABLE:",
                recreate(&fk.on_delete, &Action::Cascade),
            ));
            if nullable {
                fixes.push(Fix::sql(
                    &format!("Or clear the link when the key changes (ON UPDATE SET NULL; {} is nullable):", child_cols.join(", ")),
                    recreate(&fk.on_delete, &Action::SetNull(fk.child_columns.clone())),
                ));
            }
            if fk.deferrable && *action == Action::NoAction {
                fixes.push(Fix::advice(
                    &format!("Or, since \"{}\" is DEFERRABLE, change both sides in one transaction: SET CONSTRAINTS {} DEFERRED, update the key, update the referencing rows to it, COMMIT.", fk.name, quote_ident(&fk.name)),
                ));
            }
            if children > 0 {
                warnings.push(format!(
                    "ON UPDATE CASCADE rewrites the key in {children} row{} of {} without a word.",
                    if children == 1 { "" } else { "s" },
                    table_name(child)
                ));
            }
        }
        None => {
            let condition =
                delete_children_condition(fk, parent, &child_cols, &parent_cols, &key_text, ctx);
            fixes.push(Fix::sql(
                "Delete (or re-point) the referencing rows first:",
                format!("DELETE FROM {} WHERE {condition};", table_name(child)),
            ));
            fixes.push(Fix::sql(
                "Or let deletes of the parent take the children along (ON DELETE CASCADE), in one atomic ALTER TABLE:",
                recreate(&Action::Cascade, &fk.on_update),
            ));
            if nullable {
                fixes.push(Fix::sql(
                    &format!("Or keep the children and clear their link (ON DELETE SET NULL; {} is nullable):", child_cols.join(", ")),
                    recreate(&Action::SetNull(fk.child_columns.clone()), &fk.on_update),
                ));
            }
            if let Some(defaults) = default_key(child, fk) {
                let exists =
                    crate::engine::ri::find_parent(parent, fk, &defaults).ok().flatten().is_some();
                if exists {
                    fixes.push(Fix::sql(
                        "Or point the children at the default parent row (ON DELETE SET DEFAULT):",
                        recreate(&Action::SetDefault(fk.child_columns.clone()), &fk.on_update),
                    ));
                }
            }
            let (rows, tables) = cascade_count(db, fk, key);
            warnings.push(format!(
                "CASCADE deletes silently: with it, deleting this row would also delete {rows} row{} ({}) and print nothing about them.",
                if rows == 1 { "" } else { "s" },
                tables
            ));
        }
    }
    Some(Diagnosis::new(2, summary, fixes, warnings, ctx))
}

/// Which referencing rows to delete first: those of every row the failing DELETE targets
/// (a multi-row DELETE blocks on each), else those of the one key reported.
fn delete_children_condition(
    fk: &ForeignKey,
    parent: &Table,
    child_cols: &[&str],
    parent_cols: &[&str],
    key_text: &[String],
    ctx: &FailureContext,
) -> String {
    let quoted = |cols: &[&str]| cols.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ");
    let targets_parent = crate::sql::parse_statement(&ctx.statement).ok().and_then(|s| match s {
        crate::sql::ast::Statement::Delete(d) => Some(d.table.name == parent.name),
        _ => None,
    });
    // A self-reference deletes a whole subtree: only the one key is safe to name.
    if targets_parent == Some(true)
        && fk.child != fk.parent
        && let Some(rows) = crate::sql::delete_rows_text(&ctx.statement)
    {
        {
            let (l, r) = if child_cols.len() == 1 { ("", "") } else { ("(", ")") };
            return format!(
                "{l}{}{r} IN (SELECT {} FROM {rows})",
                quoted(child_cols),
                quoted(parent_cols)
            );
        }
    }
    child_cols
        .iter()
        .zip(key_text)
        .map(|(c, v)| format!("{} = {v}", quote_ident(c)))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The constant default values of the referencing columns, if every one has one.
fn default_key(child: &Table, fk: &ForeignKey) -> Option<Vec<Value>> {
    fk.child_columns
        .iter()
        .map(|&c| match &child.columns[c].default {
            Some(ColumnDefault::Expr(crate::sql::ast::Expr::Literal(
                crate::sql::ast::Literal::Number(n),
            ))) => crate::engine::expr::number_literal(n).ok().map(|(v, _)| v),
            Some(ColumnDefault::Expr(crate::sql::ast::Expr::Literal(
                crate::sql::ast::Literal::String(s, _),
            ))) => Value::parse(s, &child.columns[c].data_type).ok(),
            _ => None,
        })
        .collect()
}

/// How many rows a cascade of `fk` (as if it were ON DELETE CASCADE) from `key` would delete,
/// and from which tables: through `fk` itself again (a tree) and every CASCADE below.
fn cascade_count(db: &Database, fk: &ForeignKey, key: &[Value]) -> (usize, String) {
    let mut per_table: Vec<(String, usize)> = Vec::new();
    let mut frontier: Vec<(&ForeignKey, Vec<Value>)> = vec![(fk, key.to_vec())];
    let mut seen = std::collections::HashSet::new();
    let mut total = 0;
    while let Some((f, k)) = frontier.pop() {
        let Some(child) = db.tables.get(&f.child) else { continue };
        for row in child.find_referencing(f.id, &k) {
            if !child.heap.is_live(row) || !seen.insert((f.child, row)) {
                continue;
            }
            total += 1;
            match per_table.iter_mut().find(|(n, _)| *n == table_name(child)) {
                Some(e) => e.1 += 1,
                None => per_table.push((table_name(child), 1)),
            }
            if total > 1_000_000 {
                break;
            }
            let next = db
                .fks_referencing(f.child)
                .filter(|n| n.id == fk.id || n.on_delete == Action::Cascade);
            for next in next {
                if let Some(key) = child.heap.key(row, &next.parent_columns) {
                    frontier.push((next, key.into_vec()));
                }
            }
        }
    }
    let tables =
        per_table.iter().map(|(t, n)| format!("{n} from {t}")).collect::<Vec<_>>().join(", ");
    (total, if tables.is_empty() { "none now".into() } else { tables })
}
