//! What depends on views: the views reading a table, a column, a schema or another view, as
//! DROP ... `[CASCADE]`, DROP SCHEMA and ALTER COLUMN TYPE report and remove them.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::views::{RelationRef, label, save};
use crate::error::{Error, Result};

/// The views that read `target`, directly or through other views, depth first in creation
/// order: each with what it depends on, as PostgreSQL's DETAIL lines say it.
pub(crate) fn view_dependents(
    db: &Database,
    target: &RelationRef,
) -> Vec<((String, String), String)> {
    let mut out: Vec<((String, String), String)> = Vec::new();
    collect_dependents(db, target, &target_label(db, target), &mut out);
    out
}

fn target_label(db: &Database, target: &RelationRef) -> String {
    match target {
        RelationRef::Table(id, _) => {
            format!("table {}", crate::engine::ddl::relation_label(db, *id))
        }
        RelationRef::View(s, n) => label(db, &(s.clone(), n.clone())),
    }
}

fn collect_dependents(
    db: &Database,
    target: &RelationRef,
    on: &str,
    out: &mut Vec<((String, String), String)>,
) {
    for (key, v) in &db.views.list {
        if out.iter().any(|(k, _)| k == key) {
            continue;
        }
        let reads = v.uses.iter().any(|u| match (u, target) {
            (RelationRef::Table(a, cols), RelationRef::Table(b, Some(only))) => {
                a == b && cols.as_ref().is_none_or(|c| c.iter().any(|c| only.contains(c)))
            }
            (RelationRef::Table(a, _), RelationRef::Table(b, None)) => a == b,
            (a, b) => a == b,
        });
        if reads {
            out.push((key.clone(), on.to_string()));
            let me = RelationRef::View(key.0.clone(), key.1.clone());
            collect_dependents(db, &me, &label(db, key), out);
        }
    }
}

/// DROP TABLE's dependency lines for the views reading the tables `ids` (views among the
/// tables' dependents), to report or cascade to.
pub fn table_dependents(db: &Database, ids: &[TableId]) -> Vec<(String, String)> {
    view_keys_on_tables(db, ids, None).into_iter().map(|(k, on)| (label(db, &k), on)).collect()
}

fn view_keys_on_tables(
    db: &Database,
    ids: &[TableId],
    column: Option<&str>,
) -> Vec<((String, String), String)> {
    let mut out = Vec::new();
    for &id in ids {
        let only = column.map(|c| vec![c.to_string()]);
        let mut deps = view_dependents(db, &RelationRef::Table(id, only));
        if let Some(c) = column {
            let table = crate::engine::ddl::relation_label(db, id);
            let direct = format!("table {table}");
            for d in deps.iter_mut() {
                if d.1 == direct {
                    d.1 = format!("column {c} of table {table}");
                }
            }
        }
        for d in deps {
            if !out.iter().any(|(k, _)| *k == d.0) {
                out.push(d);
            }
        }
    }
    out
}

/// The views reading column `column` of table `id` (directly or through other views), each
/// with what it depends on.
pub fn column_dependents(
    db: &Database,
    id: TableId,
    column: &str,
) -> Vec<((String, String), String)> {
    view_keys_on_tables(db, &[id], Some(column))
}

/// DROP SCHEMA's dependency lines for the views in `schema` and the views elsewhere reading its
/// tables (`ids`: the tables of the schemas dropped).
pub fn schema_dependents(db: &Database, schema: &str, ids: &[TableId]) -> Vec<(String, String)> {
    let mut found: Vec<((String, String), String)> = Vec::new();
    let inside: Vec<TableId> = ids
        .iter()
        .copied()
        .filter(|id| db.tables.get(id).is_some_and(|t| t.schema == schema))
        .collect();
    for (key, on) in view_keys_on_tables(db, &inside, None) {
        if key.0 != schema {
            found.push((key, on));
        }
    }
    // The views elsewhere reading the schema's tables come with the tables, then the views in
    // the schema, as PostgreSQL reports them.
    for (key, _) in db.views.list.iter().filter(|(k, _)| k.0 == schema) {
        found.push((key.clone(), format!("schema {schema}")));
    }
    found.into_iter().map(|(k, on)| (label(db, &k), on)).collect()
}

/// DROP SCHEMA ... CASCADE: removes the views in the schemas and those reading their tables.
pub fn drop_schema_dependents(exec: &mut Exec<'_>, schemas: &[&String], ids: &[TableId]) {
    let mut keys: Vec<(String, String)> =
        exec.db.views.list.keys().filter(|k| schemas.contains(&&k.0)).cloned().collect();
    keys.extend(view_keys_on_tables(exec.db, ids, None).into_iter().map(|(k, _)| k));
    if keys.is_empty() {
        return;
    }
    save(exec);
    for k in keys {
        exec.db.views.list.shift_remove(&k);
    }
}

/// After DROP TABLE ... CASCADE: removes the views reading the dropped tables.
pub fn drop_table_dependents(exec: &mut Exec<'_>, ids: &[TableId]) {
    let keys = view_keys_on_tables(exec.db, ids, None);
    if keys.is_empty() {
        return;
    }
    save(exec);
    for (k, _) in keys {
        exec.db.views.list.shift_remove(&k);
    }
}

/// ALTER COLUMN ... TYPE of a column a view reads: PostgreSQL's refusal, naming the first
/// view's rule.
pub fn check_type_change(db: &Database, id: TableId, column: &str) -> Result<()> {
    let direct = RelationRef::Table(id, Some(vec![column.to_string()]));
    for v in db.views.list.values() {
        let reads = v.uses.iter().any(|u| match (u, &direct) {
            (RelationRef::Table(a, cols), RelationRef::Table(b, _)) => {
                a == b && cols.as_ref().is_none_or(|c| c.iter().any(|c| c == column))
            }
            _ => false,
        });
        if reads {
            return Err(Error::new(
                "0A000",
                "cannot alter type of a column used by a view or rule",
            )
            .with_detail(format!(
                "rule _RETURN on {} depends on column \"{column}\"",
                label(db, &(v.schema.clone(), v.name.clone()))
            )));
        }
    }
    Ok(())
}
