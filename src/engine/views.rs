//! Views and materialized views: their catalog, what they stand for in FROM, DROP with its
//! dependencies, and the materialized snapshot (updates through views are in `view_dml.rs`).

use indexmap::IndexMap;

use crate::engine::catalog::TableId;
use crate::engine::database::{Database, Undo};
use crate::engine::exec::Exec;
use crate::engine::expr::{EvalContext, Scope};
use crate::engine::query::{Relation, run_query};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::engine::view_deps::view_dependents;
pub use crate::engine::view_deps::{
    check_type_change, drop_schema_dependents, drop_table_dependents, schema_dependents,
    table_dependents,
};
pub use crate::engine::view_kinds::{
    check_referenced_is_table, not_a_table, table_statement_on_view,
};
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
    /// Its options as written (`security_invoker`, `security_barrier`, `check_option`).
    pub options: Vec<(String, String)>,
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
        if self.list.is_empty() {
            return None;
        }
        self.list.get(&(schema.to_string(), name.to_string()))
    }
}

/// The view a name finds: a qualified name in its schema; an unqualified one in the first
/// schema of the search path holding a table or view of that name.
pub fn find<'d>(db: &'d Database, name: &ObjectName) -> Option<&'d View> {
    match &name.schema {
        Some(s) => db.views.get(s, &name.name),
        None if db.views.list.is_empty() => None,
        None => {
            for s in &db.search_path {
                if db.lookup_in(s, &name.name).is_some() {
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
    let scope = Scope::qualified(alias.unwrap_or(&view.name), &view.columns);
    let width = view.columns.len();
    let estimate = rows.len() as f64;
    Ok(Some(Relation { scope, rows, unique: vec![false; width], estimate, side: None }))
}

/// Runs a view's query on its own: the WITH queries of the statement naming it are not in
/// its scope.
pub(crate) fn run_view_query(
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
        ViewStatement::SetOptions { name, reset, if_exists, options } => {
            crate::engine::view_options::alter(exec, name, *reset, *if_exists, options).map(|()| 0)
        }
        ViewStatement::Refresh { name, with_data, concurrently: true } => {
            refuse_concurrent_refresh(exec.db, name, *with_data).map(|()| 0)
        }
        ViewStatement::Refresh { name, with_data, .. } => refresh(exec, name, *with_data),
    }
}

pub(crate) fn kind_word(materialized: bool) -> &'static str {
    if materialized { "materialized view" } else { "view" }
}

pub(crate) fn save(exec: &mut Exec<'_>) {
    exec.txn.undo.push(Undo::Views(Box::new(exec.db.views.clone())));
}

fn create(exec: &mut Exec<'_>, c: &CreateView) -> Result<usize> {
    crate::engine::view_options::validate(&c.options)?;
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
    let temporary = c.temporary || crate::engine::view_kinds::reads_temporary(exec, c, &uses)?;
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
        check_option: crate::engine::view_options::check_option(&c.options).or(c.check_option),
        temporary,
        uses,
        options: crate::engine::view_options::stored(&c.options, c.check_option),
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

/// The relations a query reads (tables and views, subqueries included).
pub(crate) fn query_uses(db: &Database, q: &Query) -> Vec<RelationRef> {
    qualify(db, &mut q.clone())
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
        FromItem::Subquery { query, .. } => uses.extend(qualify(db, query)),
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
    crate::engine::rules::forget_orphans(exec);
    Ok(())
}

/// `view v` / `materialized view v`, as dependency messages name a view.
pub(crate) fn label(db: &Database, key: &(String, String)) -> String {
    let materialized = db.views.get(&key.0, &key.1).is_some_and(|v| v.materialized);
    let name = if db.search_path.contains(&key.0) {
        key.1.clone()
    } else {
        format!("{}.{}", key.0, key.1)
    };
    format!("{} {name}", kind_word(materialized))
}

/// A view an ALTER names is not there: IF EXISTS makes it PostgreSQL's NOTICE, else 42P01.
pub(crate) fn missing(exec: &mut Exec<'_>, name: &ObjectName, if_exists: bool) -> Result<()> {
    if !if_exists {
        return Err(Error::undefined_table(&name.name));
    }
    exec.notices
        .push(Notice::notice(format!("relation \"{}\" does not exist, skipping", name.name)));
    Ok(())
}

/// `ALTER [MATERIALIZED] VIEW [IF EXISTS] name RENAME TO new`.
pub(crate) fn rename(
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
        return missing(exec, name, if_exists);
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
        rename_in_query(&mut v.query, &key, &new_key);
    }
    Ok(())
}

/// Points a query's references to relation `key` (schema, name) at `new_key`, as
/// PostgreSQL's views, which refer to relations by oid, follow a rename or a move: an
/// unaliased reference takes the new name, and so do the column references qualified by it.
pub(crate) fn rename_in_query(q: &mut Query, key: &(String, String), new_key: &(String, String)) {
    /// Retargets the FROM item; true when an unaliased reference was renamed.
    fn from(item: &mut FromItem, key: &(String, String), new_key: &(String, String)) -> bool {
        match item {
            FromItem::Table { name, alias } => {
                if name.schema.as_deref() == Some(key.0.as_str()) && name.name == key.1 {
                    name.schema = Some(new_key.0.clone());
                    name.name = new_key.1.clone();
                    return alias.is_none();
                }
                false
            }
            FromItem::Join { left, right, .. } => {
                let l = from(left, key, new_key);
                from(right, key, new_key) || l
            }
            FromItem::Subquery { query, .. } => {
                rename_in_query(query, key, new_key);
                false
            }
            FromItem::Function { .. } => false,
        }
    }
    let renamed = match &mut q.body {
        QueryBody::Select(s) => {
            // Every item is retargeted (no short circuit).
            let hits: Vec<bool> = s.from.iter_mut().map(|i| from(i, key, new_key)).collect();
            hits.contains(&true)
        }
        QueryBody::SetOp { left, right, .. } => {
            rename_in_query(left, key, new_key);
            rename_in_query(right, key, new_key);
            false
        }
        QueryBody::Values(_) => false,
    };
    if renamed && key.1 != new_key.1 {
        let _ = crate::sql::walk::query(q, &mut |e: &mut crate::sql::ast::Expr| {
            if let crate::sql::ast::Expr::Column { table: Some(t), .. } = e
                && *t == key.1
            {
                *t = new_key.1.clone();
            }
            Ok(false)
        });
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

/// REFRESH MATERIALIZED VIEW CONCURRENTLY: PostgreSQL's checks, in its order. It needs a unique
/// index on the materialized view, which fksim never has (it indexes tables only), so a
/// populated one is refused as PostgreSQL refuses one without such an index.
fn refuse_concurrent_refresh(db: &Database, name: &ObjectName, with_data: bool) -> Result<()> {
    if !with_data {
        return Err(Error::new(
            "42601",
            "CONCURRENTLY and WITH NO DATA options cannot be used together",
        ));
    }
    let Some(v) = find(db, name).filter(|v| v.materialized) else {
        // A view fails the lock's relation-kind check, a table the later one.
        let what = if find(db, name).is_some() {
            "a table or materialized view"
        } else if db.lookup(name).is_some() {
            "a materialized view"
        } else {
            return Err(Error::undefined_table(&name.name));
        };
        return Err(Error::new("42809", format!("\"{}\" is not {what}", name.name)));
    };
    if v.rows.is_none() {
        return Err(Error::new(
            "0A000",
            "CONCURRENTLY cannot be used when the materialized view is not populated",
        ));
    }
    Err(Error::new(
        "55000",
        format!("cannot refresh materialized view \"{}.{}\" concurrently", v.schema, v.name),
    )
    .with_hint(
        "Create a unique index with no WHERE clause on one or more columns of the materialized view.",
    ))
}
