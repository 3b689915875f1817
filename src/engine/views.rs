//! Views and materialized views: their catalog, what they stand for in FROM, DROP with its
//! dependencies, and the materialized snapshot (updates through views are in `view_dml.rs`).

use indexmap::IndexMap;

use crate::engine::catalog::TableId;
use crate::engine::database::{Database, Undo};
use crate::engine::exec::Exec;
use crate::engine::expr::{EvalContext, Scope, ScopeColumn};
use crate::engine::query::{Relation, run_query};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{Expr, FromItem, ObjectName, Query, QueryBody, SelectItem};
use crate::sql::ast_view::{CheckOption, CreateView, ViewStatement};

/// One view or materialized view.
#[derive(Debug, Clone)]
pub struct View {
    /// Its schema.
    pub schema: String,
    /// Its name.
    pub name: String,
    /// Output column names and types.
    pub columns: Vec<(String, DataType)>,
    /// The query it stands for, its relation names qualified as they resolved at creation.
    pub query: Query,
    /// A materialized view.
    pub materialized: bool,
    /// A materialized view's rows (None: not populated, WITH NO DATA).
    pub rows: Option<Vec<Vec<Value>>>,
    /// WITH [LOCAL | CASCADED] CHECK OPTION.
    pub check_option: Option<CheckOption>,
    /// Created TEMP.
    pub temporary: bool,
    /// The relations the query reads, in the order it names them.
    pub uses: Vec<RelationRef>,
}

/// A relation a view reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelationRef {
    /// A table, with the columns the view reads by name (None: all of them, as `*` does).
    Table(TableId, Option<Vec<String>>),
    /// Another view, by (schema, name).
    View(String, String),
}

/// The views of a database by (schema, name), in creation order.
#[derive(Debug, Clone, Default)]
pub struct Views {
    /// The views.
    pub list: IndexMap<(String, String), View>,
}

impl Views {
    /// The view `name` in `schema`.
    pub fn get(&self, schema: &str, name: &str) -> Option<&View> {
        self.list.get(&(schema.to_string(), name.to_string()))
    }
}

/// The view a name finds: a qualified name in its schema; an unqualified one in the first
/// schema of the search path holding a table or view of that name.
pub fn find<'d>(db: &'d Database, name: &ObjectName) -> Option<&'d View> {
    match &name.schema {
        Some(s) => db.views.get(s, &name.name),
        None => {
            for s in &db.search_path {
                if db.lookup(&ObjectName { schema: Some(s.clone()), ..name.clone() }).is_some() {
                    return None;
                }
                if let Some(v) = db.views.get(s, &name.name) {
                    return Some(v);
                }
            }
            None
        }
    }
}

/// What a view stands for in FROM: its query's rows (a materialized view's snapshot), under
/// the view's column names; None when the name is no view.
pub fn relation(
    db: &Database,
    name: &ObjectName,
    alias: Option<&str>,
    ctx: &EvalContext,
) -> Result<Option<Relation>> {
    let Some(view) = find(db, name) else { return Ok(None) };
    let rows = if view.materialized {
        match &view.rows {
            Some(rows) => rows.clone(),
            None => {
                return Err(Error::new(
                    "55000",
                    format!("materialized view \"{}\" has not been populated", view.name),
                )
                .with_hint("Use the REFRESH MATERIALIZED VIEW command."));
            }
        }
    } else {
        run_view_query(db, &view.query, ctx)?.rows
    };
    let qualifier = Some(alias.unwrap_or(&view.name).to_string());
    let scope = Scope {
        columns: view
            .columns
            .iter()
            .map(|(n, t)| ScopeColumn {
                qualifier: qualifier.clone(),
                name: n.clone(),
                data_type: t.clone(),
            })
            .collect(),
    };
    let width = view.columns.len();
    let estimate = rows.len() as f64;
    Ok(Some(Relation { scope, rows, unique: vec![false; width], estimate }))
}

/// Runs a view's query on its own: the WITH queries of the statement naming it are not in
/// its scope.
fn run_view_query(
    db: &Database,
    q: &Query,
    ctx: &EvalContext,
) -> Result<crate::render::psql::ResultSet> {
    let own = EvalContext { ctes: Default::default(), ..ctx.clone() };
    run_query(db, q, &own)
}

/// Runs a view statement.
pub fn run(exec: &mut Exec<'_>, stmt: &ViewStatement) -> Result<usize> {
    match stmt {
        ViewStatement::Create(c) => create(exec, c),
        ViewStatement::Drop { names, materialized, if_exists, cascade } => {
            drop(exec, names, *materialized, *if_exists, *cascade).map(|()| 0)
        }
        ViewStatement::Rename { name, new_name, materialized, if_exists } => {
            rename(exec, name, new_name, *materialized, *if_exists).map(|()| 0)
        }
        ViewStatement::Refresh { name, with_data } => refresh(exec, name, *with_data),
    }
}

fn kind_word(materialized: bool) -> &'static str {
    if materialized { "materialized view" } else { "view" }
}

fn save(exec: &mut Exec<'_>) {
    exec.txn.undo.push(Undo::Views(Box::new(exec.db.views.clone())));
}

fn create(exec: &mut Exec<'_>, c: &CreateView) -> Result<usize> {
    let schema = exec.db.creation_schema(&c.name)?;
    let existing = exec.db.views.get(&schema, &c.name.name).cloned();
    let taken = existing.is_none() && exec.db.relation_name_taken(&schema, &c.name.name);
    match &existing {
        Some(v) if c.or_replace && !v.materialized && !c.materialized => {}
        Some(v) if c.or_replace && v.materialized => {
            return Err(Error::new("42809", format!("\"{}\" is not a view", c.name.name)));
        }
        _ if taken || existing.is_some() => {
            if c.if_not_exists {
                exec.notices.push(Notice::notice(format!(
                    "relation \"{}\" already exists, skipping",
                    c.name.name
                )));
                return Ok(0);
            }
            return Err(Error::new(
                "42P07",
                format!("relation \"{}\" already exists", c.name.name),
            ));
        }
        _ => {}
    }
    let mut query = c.query.clone();
    let uses = qualify(exec.db, &mut query);
    let result = run_view_query(exec.db, &query, &exec.ctx)?;
    if c.columns.len() > result.columns.len() {
        return Err(Error::new("42601", "CREATE VIEW specifies more column names than columns"));
    }
    let mut columns = result.columns.clone();
    for (i, n) in c.columns.iter().enumerate() {
        columns[i].0 = n.clone();
    }
    for (i, (n, _)) in columns.iter().enumerate() {
        if columns[..i].iter().any(|(m, _)| m == n) {
            return Err(Error::new("42701", format!("column \"{n}\" specified more than once")));
        }
    }
    for (_, t) in columns.iter_mut() {
        if *t == DataType::Unknown {
            *t = DataType::Text;
        }
    }
    if let Some(old) = &existing {
        check_replacement(old, &columns)?;
    }
    let rows = (c.materialized && c.with_data).then(|| result.rows.clone());
    let filled = rows.as_ref().map_or(0, Vec::len);
    save(exec);
    let view = View {
        schema: schema.clone(),
        name: c.name.name.clone(),
        columns,
        query,
        materialized: c.materialized,
        rows,
        check_option: c.check_option,
        temporary: c.temporary,
        uses,
    };
    if view.check_option.is_some() {
        crate::engine::view_dml::check_option_allowed(exec.db, &view)?;
    }
    exec.db.views.list.insert((schema, c.name.name.clone()), view);
    Ok(filled)
}

/// CREATE OR REPLACE VIEW keeps the old columns (names and types) in order; it may add some.
fn check_replacement(old: &View, new: &[(String, DataType)]) -> Result<()> {
    if new.len() < old.columns.len() {
        return Err(Error::new("42P16", "cannot drop columns from view"));
    }
    for ((on, ot), (nn, nt)) in old.columns.iter().zip(new) {
        if on != nn {
            return Err(Error::new(
                "42P16",
                format!("cannot change name of view column \"{on}\" to \"{nn}\""),
            )
            .with_hint(
                "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.",
            ));
        }
        if ot != nt {
            return Err(Error::new(
                "42P16",
                format!(
                    "cannot change data type of view column \"{on}\" from {} to {}",
                    ot.pg_name(),
                    nt.pg_name()
                ),
            ));
        }
    }
    Ok(())
}

/// Puts the schema each FROM name resolves to into the query (PostgreSQL binds names at CREATE
/// VIEW) and lists the relations it reads.
fn qualify(db: &Database, q: &mut Query) -> Vec<RelationRef> {
    let mut uses = Vec::new();
    let ctes: Vec<String> = q.with.iter().map(|c| c.name.clone()).collect();
    let columns = referenced_columns(q);
    match &mut q.body {
        QueryBody::Select(s) => {
            let star = s.items.iter().any(|i| !matches!(i, SelectItem::Expr { .. }));
            for item in &mut s.from {
                qualify_from(db, item, &ctes, &columns, star, &mut uses);
            }
        }
        QueryBody::SetOp { left, right, .. } => {
            uses.extend(qualify(db, left));
            uses.extend(qualify(db, right));
        }
        QueryBody::Values(_) => {}
    }
    for cte in &mut q.with {
        uses.extend(qualify(db, &mut cte.query));
    }
    let mut nested = Vec::new();
    let _ = crate::sql::walk::query(q, &mut |e: &mut Expr| match e {
        Expr::InSubquery { query, .. } | Expr::Exists { query, .. } | Expr::Subquery(query) => {
            nested.extend(qualify(db, query));
            Ok(true)
        }
        _ => Ok(false),
    });
    uses.extend(nested);
    let mut seen = Vec::new();
    uses.retain(|u| {
        let fresh = !seen.contains(u);
        seen.push(u.clone());
        fresh
    });
    uses
}

fn qualify_from(
    db: &Database,
    item: &mut FromItem,
    ctes: &[String],
    columns: &[String],
    star: bool,
    uses: &mut Vec<RelationRef>,
) {
    match item {
        FromItem::Table { name, .. } => {
            if name.schema.is_none() && ctes.contains(&name.name) {
                return;
            }
            if let Some(v) = find(db, name) {
                name.schema = Some(v.schema.clone());
                uses.push(RelationRef::View(v.schema.clone(), v.name.clone()));
            } else if let Some(id) = db.lookup(name)
                && let Ok(t) = db.table(id)
            {
                name.schema = Some(t.schema.clone());
                let used = (!star).then(|| {
                    t.columns
                        .iter()
                        .filter(|c| columns.contains(&c.name))
                        .map(|c| c.name.clone())
                        .collect()
                });
                uses.push(RelationRef::Table(id, used));
            }
        }
        FromItem::Join { left, right, .. } => {
            qualify_from(db, left, ctes, columns, star, uses);
            qualify_from(db, right, ctes, columns, star, uses);
        }
        FromItem::Function { .. } => {}
    }
}

/// Every column name a query mentions (a superset of those it reads of each table).
fn referenced_columns(q: &Query) -> Vec<String> {
    let mut names = Vec::new();
    let mut copy = q.clone();
    let _ = crate::sql::walk::query(&mut copy, &mut |e: &mut Expr| {
        if let Expr::Column { name, .. } = e {
            names.push(name.clone());
        }
        Ok(false)
    });
    names
}

/// The relation kind word of a name that is no view, for "is not a view" errors.
fn not_a_view(db: &Database, name: &ObjectName, materialized: bool) -> Option<Error> {
    if let Some(v) = find(db, name)
        && v.materialized != materialized
    {
        let (is_not, hint) = if materialized {
            ("materialized view", "Use DROP VIEW to remove a view.")
        } else {
            ("view", "Use DROP MATERIALIZED VIEW to remove a materialized view.")
        };
        return Some(
            Error::new("42809", format!("\"{}\" is not a {is_not}", name.name)).with_hint(hint),
        );
    }
    if db.lookup(name).is_some() {
        return Some(
            Error::new("42809", format!("\"{}\" is not a {}", name.name, kind_word(materialized)))
                .with_hint("Use DROP TABLE to remove a table."),
        );
    }
    None
}

fn drop(
    exec: &mut Exec<'_>,
    names: &[ObjectName],
    materialized: bool,
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let mut keys: Vec<(String, String)> = Vec::new();
    for n in names {
        if let Some(e) = not_a_view(exec.db, n, materialized) {
            return Err(e);
        }
        match find(exec.db, n) {
            Some(v) => keys.push((v.schema.clone(), v.name.clone())),
            None => {
                let missing = format!("{} \"{}\"", kind_word(materialized), n.name);
                if !if_exists {
                    return Err(Error::new("42P01", format!("{missing} does not exist")));
                }
                exec.notices.push(Notice::notice(format!("{missing} does not exist, skipping")));
            }
        }
    }
    let mut deps = Vec::new();
    for k in &keys {
        deps.extend(
            view_dependents(exec.db, &RelationRef::View(k.0.clone(), k.1.clone()))
                .into_iter()
                .filter(|(d, _)| !keys.contains(d)),
        );
    }
    if !deps.is_empty() {
        let lines: Vec<(String, String)> =
            deps.iter().map(|(d, on)| (label(exec.db, d), on.clone())).collect();
        if !cascade {
            let what = match keys.as_slice() {
                [k] if names.len() == 1 => Some(label(exec.db, k)),
                _ => None,
            };
            return Err(crate::engine::ddl::depends_error(what.as_deref(), &lines));
        }
        let what: Vec<String> = lines.into_iter().map(|(o, _)| o).collect();
        exec.notices.push(crate::engine::ddl::cascade_notice(&what));
    }
    save(exec);
    for (d, _) in deps {
        exec.db.views.list.shift_remove(&d);
    }
    for k in keys {
        exec.db.views.list.shift_remove(&k);
    }
    Ok(())
}

/// `view v` / `materialized view v`, as dependency messages name a view.
fn label(db: &Database, key: &(String, String)) -> String {
    let materialized = db.views.get(&key.0, &key.1).is_some_and(|v| v.materialized);
    let name = if db.search_path.contains(&key.0) {
        key.1.clone()
    } else {
        format!("{}.{}", key.0, key.1)
    };
    format!("{} {name}", kind_word(materialized))
}

/// The views that read `target`, directly or through other views, depth first in creation
/// order: each with what it depends on, as PostgreSQL's DETAIL lines say it.
fn view_dependents(db: &Database, target: &RelationRef) -> Vec<((String, String), String)> {
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

/// ALTER TABLE ... DROP COLUMN: the views reading the column (RESTRICT refuses, CASCADE drops
/// them); the lines for PostgreSQL's DETAIL.
pub fn column_dependents(db: &Database, id: TableId, column: &str) -> Vec<(String, String)> {
    view_keys_on_tables(db, &[id], Some(column))
        .into_iter()
        .map(|(k, on)| (label(db, &k), on))
        .collect()
}

/// Drops the views reading a dropped column (ALTER TABLE ... DROP COLUMN ... CASCADE).
pub fn drop_column_dependents(exec: &mut Exec<'_>, id: TableId, column: &str) {
    let keys = view_keys_on_tables(exec.db, &[id], Some(column));
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

fn rename(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    new_name: &str,
    materialized: bool,
    if_exists: bool,
) -> Result<()> {
    let Some(v) = find(exec.db, name) else {
        if exec.db.lookup(name).is_some() {
            return Err(Error::new(
                "42809",
                format!("\"{}\" is not a {}", name.name, kind_word(materialized)),
            ));
        }
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                name.name
            )));
            return Ok(());
        }
        return Err(Error::undefined_table(&name.name));
    };
    let key = (v.schema.clone(), v.name.clone());
    if exec.db.relation_name_taken(&key.0, new_name) {
        return Err(Error::new("42P07", format!("relation \"{new_name}\" already exists")));
    }
    save(exec);
    let Some(idx) = exec.db.views.list.get_index_of(&key) else { return Ok(()) };
    let Some((_, mut view)) = exec.db.views.list.shift_remove_index(idx) else { return Ok(()) };
    view.name = new_name.to_string();
    let new_key = (key.0.clone(), new_name.to_string());
    exec.db.views.list.shift_insert(idx, new_key.clone(), view);
    // Views reading the renamed one follow it, as they refer to it by oid in PostgreSQL.
    for v in exec.db.views.list.values_mut() {
        for u in v.uses.iter_mut() {
            if *u == RelationRef::View(key.0.clone(), key.1.clone()) {
                *u = RelationRef::View(new_key.0.clone(), new_key.1.clone());
            }
        }
        rename_in_query(&mut v.query, &key, new_name);
    }
    Ok(())
}

fn rename_in_query(q: &mut Query, key: &(String, String), new_name: &str) {
    fn from(item: &mut FromItem, key: &(String, String), new_name: &str) {
        match item {
            FromItem::Table { name, alias } => {
                if name.schema.as_deref() == Some(key.0.as_str()) && name.name == key.1 {
                    if alias.is_none() {
                        *alias = Some(name.name.clone());
                    }
                    name.name = new_name.to_string();
                }
            }
            FromItem::Join { left, right, .. } => {
                from(left, key, new_name);
                from(right, key, new_name);
            }
            FromItem::Function { .. } => {}
        }
    }
    match &mut q.body {
        QueryBody::Select(s) => s.from.iter_mut().for_each(|i| from(i, key, new_name)),
        QueryBody::SetOp { left, right, .. } => {
            rename_in_query(left, key, new_name);
            rename_in_query(right, key, new_name);
        }
        QueryBody::Values(_) => {}
    }
}

fn refresh(exec: &mut Exec<'_>, name: &ObjectName, with_data: bool) -> Result<usize> {
    let Some(v) = find(exec.db, name) else {
        if exec.db.lookup(name).is_some() {
            return Err(Error::new(
                "42809",
                format!("\"{}\" is not a materialized view", name.name),
            ));
        }
        return Err(Error::undefined_table(&name.name).at(name.pos));
    };
    if !v.materialized {
        return Err(Error::new("42809", format!("\"{}\" is not a materialized view", name.name)));
    }
    let key = (v.schema.clone(), v.name.clone());
    let rows = if with_data {
        Some(run_view_query(exec.db, &v.query.clone(), &exec.ctx)?.rows)
    } else {
        None
    };
    let n = rows.as_ref().map_or(0, Vec::len);
    save(exec);
    if let Some(v) = exec.db.views.list.get_mut(&key) {
        v.rows = rows;
    }
    Ok(n)
}

/// DROP TABLE naming a view: PostgreSQL's wrong-kind error.
pub fn not_a_table(db: &Database, name: &ObjectName) -> Option<Error> {
    let v = find(db, name)?;
    Some(Error::new("42809", format!("\"{}\" is not a table", name.name)).with_hint(format!(
        "Use DROP {} to remove a {}.",
        if v.materialized { "MATERIALIZED VIEW" } else { "VIEW" },
        kind_word(v.materialized)
    )))
}

/// A foreign key may reference only a table: PostgreSQL's error when it names a view.
pub fn check_referenced_is_table(db: &Database, name: &ObjectName) -> Result<()> {
    if find(db, name).is_some() {
        return Err(Error::new(
            "42809",
            format!("referenced relation \"{}\" is not a table", name.name),
        ));
    }
    Ok(())
}

/// Statements on tables that name a view: ALTER TABLE ... RENAME works on views; the rest are
/// PostgreSQL's wrong-kind errors. Ok(false): not about a view.
pub fn table_statement_on_view(
    exec: &mut Exec<'_>,
    stmt: &crate::sql::ast::Statement,
) -> Result<bool> {
    use crate::sql::ast::{AlterOp, CopyDirection, Statement};
    match stmt {
        Statement::AlterTable { table, ops, .. } if let Some(v) = find(exec.db, table) => {
            let materialized = v.materialized;
            if let [AlterOp::RenameTable(new)] = ops.as_slice() {
                rename(exec, table, new, materialized, false)?;
                return Ok(true);
            }
            let action = match ops.first() {
                Some(AlterOp::AddColumn { .. }) => "ADD COLUMN",
                Some(AlterOp::DropColumn { .. }) => "DROP COLUMN",
                Some(AlterOp::AddConstraint(_)) => "ADD CONSTRAINT",
                Some(AlterOp::DropConstraint { .. }) => "DROP CONSTRAINT",
                Some(AlterOp::SetNotNull { .. }) => "ALTER COLUMN ... SET NOT NULL",
                Some(AlterOp::DropNotNull { .. }) => "ALTER COLUMN ... DROP NOT NULL",
                Some(AlterOp::SetType { .. }) => "ALTER COLUMN ... SET DATA TYPE",
                _ => {
                    return Err(Error::unsupported(format!(
                        "this ALTER TABLE on {} is not supported by fksim",
                        kind_word(materialized)
                    )));
                }
            };
            Err(Error::new(
                "42809",
                format!("ALTER action {action} cannot be performed on relation \"{}\"", v.name),
            )
            .with_detail(format!(
                "This operation is not supported for {}s.",
                kind_word(materialized)
            )))
        }
        Statement::Truncate { tables, .. } => {
            for n in tables {
                if find(exec.db, n).is_some() {
                    return Err(Error::new("42809", format!("\"{}\" is not a table", n.name)));
                }
            }
            Ok(false)
        }
        Statement::Copy(c) if let Some(v) = find(exec.db, &c.table) => {
            let kind = kind_word(v.materialized);
            Err(match c.direction {
                CopyDirection::ToStdout if v.materialized => {
                    return Ok(false);
                }
                CopyDirection::ToStdout => {
                    Error::new("42809", format!("cannot copy from {kind} \"{}\"", v.name))
                        .with_hint("Try the COPY (SELECT ...) TO variant.")
                }
                CopyDirection::FromStdin(_) if v.materialized => {
                    Error::new("42809", format!("cannot copy to {kind} \"{}\"", v.name))
                }
                CopyDirection::FromStdin(_) => {
                    Error::new("42809", format!("cannot copy to {kind} \"{}\"", v.name)).with_hint(
                        "To enable copying to a view, provide an INSTEAD OF INSERT trigger.",
                    )
                }
            })
        }
        _ => Ok(false),
    }
}
