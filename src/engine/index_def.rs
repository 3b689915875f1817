//! CREATE INDEX as real schemas write it: expression keys, partial indexes (WHERE), INCLUDE
//! columns, per-key order and operator class, NULLS NOT DISTINCT and WITH options; the unique
//! ones enforced on the value of their key (an expression's value too), among the rows their
//! predicate admits; and the text `pg_get_indexdef` and `\d` print for each.

use std::collections::HashMap;

use crate::engine::database::{Undo, display_name};
use crate::engine::eval::{eval, truth};
use crate::engine::exec::{Exec, describe_key, table_scope};
use crate::engine::expr::{Binder, EvalContext};
use crate::engine::format::quote_ident;
use crate::engine::storage::RowId;
use crate::engine::table::{IndexDef, Table};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice, Result};
use crate::render::deparse::deparse_expr;
use crate::sql::ast::{Expr, UnaryOp};
use crate::sql::ast_index::{CreateIndex, IndexKey};

/// Everything about an index beyond its name, method and uniqueness.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexShape {
    /// The key elements.
    pub keys: Vec<KeyPart>,
    /// INCLUDE columns (positions).
    pub include: Vec<usize>,
    /// WHERE: the rows a partial index holds.
    pub predicate: Option<Expr>,
    /// NULLS NOT DISTINCT.
    pub nulls_not_distinct: bool,
    /// WITH (name, value) options, in the order written.
    pub options: Vec<(String, String)>,
}

/// One key element.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPart {
    /// A column position or an expression of the row.
    pub key: KeyOf,
    /// DESC.
    pub desc: bool,
    /// NULLS FIRST / LAST when it differs from the order's default.
    pub nulls_first: Option<bool>,
    /// A non-default operator class.
    pub opclass: Option<String>,
}

/// What a key element holds.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyOf {
    /// A column (position).
    Column(usize),
    /// An expression, with the type of its value.
    Expr(Expr, DataType),
}

impl IndexShape {
    /// A shape of plain ascending columns (a constraint's index).
    pub fn of_columns(columns: &[usize]) -> Self {
        IndexShape {
            keys: columns
                .iter()
                .map(|&c| KeyPart {
                    key: KeyOf::Column(c),
                    desc: false,
                    nulls_first: None,
                    opclass: None,
                })
                .collect(),
            ..IndexShape::default()
        }
    }

    /// The key columns when every key is a plain column and no predicate limits the rows:
    /// what the planner and foreign keys may use. Empty otherwise.
    pub fn plain_columns(&self) -> Vec<usize> {
        if self.predicate.is_some() {
            return Vec::new();
        }
        self.keys
            .iter()
            .map(|k| match k.key {
                KeyOf::Column(c) => Some(c),
                KeyOf::Expr(..) => None,
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default()
    }

    /// pg_index's `indkey` (0-based here): key columns then INCLUDE columns, an expression
    /// key as `usize::MAX` (attribute 0).
    pub fn index_attnums(&self) -> Vec<usize> {
        let keys = self.keys.iter().map(|k| match k.key {
            KeyOf::Column(c) => c,
            KeyOf::Expr(..) => usize::MAX,
        });
        keys.chain(self.include.iter().copied()).collect()
    }

    /// After column `c` was dropped: the positions above it move down.
    pub fn shift_columns_after(&mut self, c: usize) {
        let shift = |p: &mut usize| {
            if *p > c {
                *p -= 1;
            }
        };
        for k in &mut self.keys {
            if let KeyOf::Column(p) = &mut k.key {
                shift(p);
            }
        }
        self.include.iter_mut().for_each(shift);
    }

    /// Every column the index reads (keys, expressions, INCLUDE, predicate): changing one of
    /// them makes an update non-HOT.
    pub fn used_columns(&self, t: &Table) -> Vec<usize> {
        let mut names = Vec::new();
        for k in &self.keys {
            match &k.key {
                KeyOf::Column(c) => names.push(t.columns.get(*c).map(|c| c.name.clone())),
                KeyOf::Expr(e, _) => column_names(e, &mut names),
            }
        }
        if let Some(p) = &self.predicate {
            column_names(p, &mut names);
        }
        let mut out: Vec<usize> =
            names.into_iter().flatten().filter_map(|n| t.column_index(&n)).collect();
        out.extend(&self.include);
        out
    }

    /// Whether `keep` holds for every column of [`IndexShape::used_columns`]; an index on plain
    /// columns without a predicate is read without the list made (every UPDATE asks).
    pub fn all_used(&self, t: &Table, keep: impl Fn(&usize) -> bool) -> bool {
        let plain = self.predicate.is_none()
            && self.keys.iter().all(|k| matches!(k.key, KeyOf::Column(c) if c < t.columns.len()));
        if !plain {
            return self.used_columns(t).iter().all(keep);
        }
        self.keys.iter().all(|k| match k.key {
            KeyOf::Column(c) => keep(&c),
            KeyOf::Expr(..) => true,
        }) && self.include.iter().all(keep)
    }
}

/// Whether an expression mentions column `name`.
pub(crate) fn mentions_column(e: &Expr, name: &str) -> bool {
    let mut names = Vec::new();
    column_names(e, &mut names);
    names.iter().flatten().any(|n| n == name)
}

/// The column names an expression mentions.
fn column_names(e: &Expr, out: &mut Vec<Option<String>>) {
    let mut e = e.clone();
    let _ = crate::sql::walk::expr(&mut e, &mut |node: &mut Expr| {
        if let Expr::Column { name, .. } = node {
            out.push(Some(name.clone()));
        }
        Ok(false)
    });
}

/// The keys a unique index holds, and which row holds each; rows are found by their key
/// even after they are deleted, so a row put back by undo takes its key back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UniqueEntries {
    /// Key → the row that last took it (maybe dead since).
    holders: HashMap<Vec<Value>, RowId>,
    /// Row → its key.
    keys: HashMap<RowId, Vec<Value>>,
}

impl UniqueEntries {
    /// The live row holding `key`, if any.
    fn holder(&self, t: &Table, key: &[Value]) -> Option<RowId> {
        let h = *self.holders.get(key)?;
        (t.heap.is_live(h) && self.keys.get(&h).is_some_and(|k| k == key)).then_some(h)
    }

    fn put(&mut self, key: Vec<Value>, row: RowId) {
        self.keys.insert(row, key.clone());
        self.holders.insert(key, row);
    }

    /// Gives a row put back by undo its key again.
    pub fn restore(&mut self, row: RowId) {
        if let Some(k) = self.keys.get(&row) {
            self.holders.insert(k.clone(), row);
        }
    }
}

/// The unique index made by CREATE UNIQUE INDEX over exactly these columns (plain keys, no
/// predicate: what a foreign key may reference), with the permutation that turns a key in
/// `columns` order into the index's order.
pub fn matching_unique_index(
    t: &Table,
    columns: &[usize],
) -> Option<(usize, smallvec::SmallVec<[usize; 4]>)> {
    t.indexes.iter().enumerate().find_map(|(i, ix)| {
        if !ix.unique || ix.columns.len() != columns.len() {
            return None;
        }
        let order: Option<smallvec::SmallVec<[usize; 4]>> =
            ix.columns.iter().map(|c| columns.iter().position(|x| x == c)).collect();
        order.map(|o| (i, o))
    })
}

/// The live row holding `key` in the unique index at position `index` of `t.indexes`.
pub fn find_in_unique_index(t: &Table, index: usize, key: &[Value]) -> Option<RowId> {
    let ix = t.indexes.get(index)?;
    if key.iter().any(Value::is_null) && !ix.shape.nulls_not_distinct {
        return None;
    }
    ix.entries.as_ref()?.holder(t, key)
}

/// DROP INDEX without CASCADE: refused while a foreign key references the table through it.
pub fn check_no_dependents(
    db: &crate::engine::database::Database,
    t: &Table,
    index: &str,
) -> Result<()> {
    for fk in db.fks.values().filter(|fk| fk.parent == t.id) {
        if crate::engine::ri::matching_unique(t, &fk.parent_columns).is_some() {
            continue;
        }
        let Some((i, _)) = matching_unique_index(t, &fk.parent_columns) else { continue };
        if t.indexes[i].name != index {
            continue;
        }
        let child = db.tables.get(&fk.child).map(|c| c.name.clone()).unwrap_or_default();
        return Err(Error::new(
            "2BP01",
            format!("cannot drop index {index} because other objects depend on it"),
        )
        .with_detail(format!("constraint {} on table {child} depends on index {index}", fk.name))
        .with_hint("Use DROP ... CASCADE to drop the dependent objects too."));
    }
    Ok(())
}

/// `CREATE [UNIQUE] INDEX ...`.
pub fn create_index(exec: &mut Exec<'_>, ci: &CreateIndex) -> Result<()> {
    if ci.concurrently && exec.txn.in_block {
        return Err(Error::new(
            "25001",
            "CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
        ));
    }
    let table = &ci.table;
    let id = exec.db.lookup(table).ok_or_else(|| Error::undefined_table(&display_name(table)))?;
    crate::engine::roles::check_table_owner(exec.db, id)?;
    let t = exec.db.table(id)?;
    let column = |c: &crate::sql::ast::Ident| {
        t.column_index(&c.name).ok_or_else(|| Error::undefined_column(&c.name))
    };
    let scope = table_scope(t, None);
    let mut keys = Vec::new();
    let mut names = Vec::new();
    for elem in &ci.keys {
        let (key, ty) = match &elem.key {
            IndexKey::Column(c) => {
                let c = column(c)?;
                names.push(t.columns[c].name.clone());
                (KeyOf::Column(c), t.columns[c].data_type.clone())
            }
            IndexKey::Expr(e) => {
                let (_, ty) = Binder::for_clause("index expressions").bind(e, &scope)?;
                names.push(figure_name(e));
                (KeyOf::Expr(e.clone(), ty.clone()), ty)
            }
        };
        if elem.opclass.is_none() {
            crate::engine::ddl::check_operator_class(exec.db, &ty, &ci.method)?;
        }
        // The order's default nulls placement is not recorded (ASC: LAST, DESC: FIRST).
        let nulls_first = elem.nulls_first.filter(|&f| f != elem.desc);
        keys.push(KeyPart { key, desc: elem.desc, nulls_first, opclass: elem.opclass.clone() });
    }
    let include = ci.include.iter().map(&column).collect::<Result<Vec<_>>>()?;
    names.extend(include.iter().map(|&c| t.columns[c].name.clone()));
    if let Some(p) = &ci.predicate {
        Binder::for_clause("index predicates").bind_condition(p, &scope, "WHERE")?;
    }
    let index_name = match &ci.name {
        Some(n) => n.clone(),
        None => crate::engine::catalog::choose_name(&t.name, Some(&names.join("_")), "idx", |n| {
            exec.db.relation_name_taken(&t.schema, n)
        }),
    };
    if exec.db.relation_name_taken(&t.schema, &index_name) {
        if ci.if_not_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{index_name}\" already exists, skipping"
            )));
            return Ok(());
        }
        return Err(Error::new("42P07", format!("relation \"{index_name}\" already exists")));
    }
    let shape = IndexShape {
        keys,
        include,
        predicate: ci.predicate.clone(),
        nulls_not_distinct: ci.nulls_not_distinct,
        options: ci.options.clone(),
    };
    let mut ix = IndexDef {
        // Given its creation id once it is made.
        id: crate::engine::catalog::ConstraintId(0),
        name: index_name,
        columns: shape.plain_columns(),
        unique: ci.unique,
        method: ci.method.clone(),
        shape,
        entries: None,
    };
    if ci.unique {
        let mut entries = UniqueEntries::default();
        for row in t.scan_ids() {
            let Some(values) = t.heap.row(row) else { continue };
            let Some(key) = index_key(t, &ix, &values, &exec.ctx)? else { continue };
            if entries.holder(t, &key).is_some() {
                return Err(Error::new(
                    "23505",
                    format!("could not create unique index \"{}\"", ix.name),
                )
                .with_detail(format!(
                    "Key ({})=({}) is duplicated.",
                    key_columns_text(t, &ix),
                    describe_key(key_types(t, &ix).iter(), &key)
                )));
            }
            entries.put(key, row);
        }
        ix.entries = Some(entries);
    }
    let before = t.clone();
    exec.txn.undo.push(Undo::Table { id, before: Some(Box::new(before)) });
    ix.id = exec.db.next_constraint_id();
    let t = exec.db.table_mut(id)?;
    t.indexes.push(ix);
    crate::engine::explain::record_index_build(t);
    Ok(())
}

/// FigureIndexColname: a column's name, a function's name, a cast's operand's, else `expr`.
fn figure_name(e: &Expr) -> String {
    match e {
        Expr::Column { name, .. } => name.clone(),
        Expr::Function { name, .. } => name.clone(),
        Expr::Cast { expr, .. } => figure_name(expr),
        _ => "expr".to_string(),
    }
}

/// The key a row has in a unique index: None when the predicate leaves the row out, or
/// when a key value is NULL and NULLs are distinct.
pub fn index_key(
    t: &Table,
    ix: &IndexDef,
    values: &[Value],
    ctx: &EvalContext,
) -> Result<Option<Vec<Value>>> {
    let shape = &ix.shape;
    let needs_scope =
        shape.predicate.is_some() || shape.keys.iter().any(|k| matches!(k.key, KeyOf::Expr(..)));
    let scope = if needs_scope { Some(table_scope(t, None)) } else { None };
    if let (Some(p), Some(scope)) = (&shape.predicate, &scope) {
        let bound = Binder::for_clause("index predicates").bind_condition(p, scope, "WHERE")?;
        if truth(&eval(&bound, values, &[], ctx)?) != Some(true) {
            return Ok(None);
        }
    }
    let mut key = Vec::with_capacity(shape.keys.len());
    for k in &shape.keys {
        let v = match (&k.key, &scope) {
            (KeyOf::Column(c), _) => values.get(*c).cloned().unwrap_or(Value::Null),
            (KeyOf::Expr(e, _), Some(scope)) => {
                let (bound, _) = Binder::for_clause("index expressions").bind(e, scope)?;
                eval(&bound, values, &[], ctx)?
            }
            (KeyOf::Expr(..), None) => Value::Null,
        };
        if v.is_null() && !shape.nulls_not_distinct {
            return Ok(None);
        }
        key.push(v);
    }
    Ok(Some(key))
}

/// After a row is stored: the unique indexes made by CREATE UNIQUE INDEX take its key, in
/// creation order; a key another live row holds takes the row back out and fails with 23505.
pub fn enter_row(
    exec: &mut Exec<'_>,
    table: crate::engine::catalog::TableId,
    row: RowId,
) -> Result<()> {
    let t = exec.db.table(table)?;
    if !t.indexes.iter().any(|i| i.entries.is_some()) {
        return Ok(());
    }
    let Some(values) = t.heap.row(row) else { return Ok(()) };
    let mut keys = Vec::new();
    for (i, ix) in t.indexes.iter().enumerate() {
        let Some(entries) = &ix.entries else { continue };
        let Some(key) = index_key(t, ix, &values, &exec.ctx)? else { continue };
        if entries.holder(t, &key).is_some_and(|h| h != row) {
            let err = Error::new(
                "23505",
                format!("duplicate key value violates unique constraint \"{}\"", ix.name),
            )
            .with_detail(format!(
                "Key ({})=({}) already exists.",
                key_columns_text(t, ix),
                describe_key(key_types(t, ix).iter(), &key)
            ));
            exec.db.table_mut(table)?.unwrite_row(row);
            return Err(err);
        }
        keys.push((i, key));
    }
    let t = exec.db.table_mut(table)?;
    for (i, key) in keys {
        if let Some(entries) = t.indexes[i].entries.as_mut() {
            entries.put(key, row);
        }
    }
    Ok(())
}

/// The types of an index's key values.
fn key_types(t: &Table, ix: &IndexDef) -> Vec<DataType> {
    ix.shape
        .keys
        .iter()
        .map(|k| match &k.key {
            KeyOf::Column(c) => t.columns[*c].data_type.clone(),
            KeyOf::Expr(_, ty) => ty.clone(),
        })
        .collect()
}

/// The key columns as a 23505 DETAIL names them: `a, lower(c)`, `(a + b)`.
fn key_columns_text(t: &Table, ix: &IndexDef) -> String {
    ix.shape.keys.iter().map(|k| key_text(t, &k.key, true)).collect::<Vec<_>>().join(", ")
}

/// One key as pg_get_indexdef prints it (pretty: as `\d` and DETAIL lines show it).
fn key_text(t: &Table, key: &KeyOf, pretty: bool) -> String {
    match key {
        KeyOf::Column(c) => t.columns.get(*c).map(|c| quote_ident(&c.name)).unwrap_or_default(),
        KeyOf::Expr(e @ Expr::Function { .. }, _) => plain_or_pretty(e, pretty),
        KeyOf::Expr(e, _) => format!("({})", plain_or_pretty(e, pretty)),
    }
}

fn plain_or_pretty(e: &Expr, pretty: bool) -> String {
    if pretty { deparse_expr(e) } else { deparse_plain(e) }
}

/// An expression as ruleutils prints it without pretty-printing: every operator expression
/// in its own parentheses, a cast's operand too.
fn deparse_plain(e: &Expr) -> String {
    match e {
        Expr::Binary { op, left, right, .. } => {
            let sym = match op {
                crate::sql::ast::BinaryOp::Like => "~~",
                other => other.symbol(),
            };
            format!("({} {sym} {})", deparse_plain(left), deparse_plain(right))
        }
        Expr::IsNull { expr, negated } => {
            format!("({} IS {}NULL)", deparse_plain(expr), if *negated { "NOT " } else { "" })
        }
        Expr::Unary { op: UnaryOp::Not, expr, .. } => format!("(NOT {})", deparse_plain(expr)),
        Expr::Cast { expr, to, .. } if !matches!(expr.as_ref(), Expr::Literal(_)) => {
            format!("({})::{}", deparse_plain(expr), to.pg_name())
        }
        Expr::Function { schema, name, args, star: false, .. }
            if !matches!(name.as_str(), "coalesce" | "greatest" | "least" | "nullif" | "array")
                && !name.contains(' ') =>
        {
            let schema = schema.as_ref().map(|s| format!("{s}.")).unwrap_or_default();
            let args = args.iter().map(deparse_plain).collect::<Vec<_>>().join(", ");
            format!("{schema}{name}({args})")
        }
        other => deparse_expr(other),
    }
}

/// What follows `USING ` in pg_get_indexdef: the method, keys, INCLUDE, NULLS NOT DISTINCT,
/// WITH and WHERE (pretty: as `\d` lists the index).
pub fn index_tail(t: &Table, method: &str, shape: &IndexShape, pretty: bool) -> String {
    let keys = shape
        .keys
        .iter()
        .map(|k| {
            let mut s = key_text(t, &k.key, pretty);
            if let Some(o) = &k.opclass {
                s.push(' ');
                s.push_str(o);
            }
            if k.desc {
                s.push_str(" DESC");
            }
            match k.nulls_first {
                Some(true) => s.push_str(" NULLS FIRST"),
                Some(false) => s.push_str(" NULLS LAST"),
                None => {}
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!("{method} ({keys})");
    if !shape.include.is_empty() {
        let cols = shape.include.iter().map(|&c| key_text(t, &KeyOf::Column(c), pretty));
        out.push_str(&format!(" INCLUDE ({})", cols.collect::<Vec<_>>().join(", ")));
    }
    if shape.nulls_not_distinct {
        out.push_str(" NULLS NOT DISTINCT");
    }
    if !shape.options.is_empty() {
        let opts = shape.options.iter().map(|(k, v)| {
            if quote_ident(v) == *v { format!("{k}={v}") } else { format!("{k}='{v}'") }
        });
        out.push_str(&format!(" WITH ({})", opts.collect::<Vec<_>>().join(", ")));
    }
    if let Some(p) = &shape.predicate {
        out.push_str(&format!(" WHERE {}", plain_or_pretty(p, pretty)));
    }
    out
}

/// `pg_get_indexdef(oid)`.
pub fn index_statement(
    t: &Table,
    name: &str,
    unique: bool,
    method: &str,
    shape: &IndexShape,
) -> String {
    format!(
        "CREATE {}INDEX {} ON {}.{} USING {}",
        if unique { "UNIQUE " } else { "" },
        quote_ident(name),
        quote_ident(&t.schema),
        quote_ident(&t.name),
        index_tail(t, method, shape, false)
    )
}

/// The rows of `\d INDEX`: (column name, type, key?, definition), and the index's predicate.
pub fn index_columns(t: &Table, shape: &IndexShape) -> Vec<(String, DataType, bool, String)> {
    let mut out: Vec<_> = shape
        .keys
        .iter()
        .map(|k| match &k.key {
            KeyOf::Column(c) => {
                let col = &t.columns[*c];
                (col.name.clone(), col.data_type.clone(), true, quote_ident(&col.name))
            }
            KeyOf::Expr(e, ty) => (figure_name(e), ty.clone(), true, key_text(t, &k.key, true)),
        })
        .collect();
    out.extend(shape.include.iter().map(|&c| {
        let col = &t.columns[c];
        (col.name.clone(), col.data_type.clone(), false, quote_ident(&col.name))
    }));
    out
}

/// The `pg_indexes` view: one row per index of a table, with its CREATE INDEX statement.
pub fn pg_indexes(
    db: &crate::engine::database::Database,
) -> crate::engine::pgcatalog_rel::Generated {
    let cols = vec![
        ("schemaname", DataType::Text),
        ("tablename", DataType::Text),
        ("indexname", DataType::Text),
        ("tablespace", DataType::Text),
        ("indexdef", DataType::Text),
    ];
    let mut rows = Vec::new();
    for t in db.tables.values() {
        for ix in crate::engine::pgcatalog_rel::table_indexes(t) {
            let def = index_statement(t, &ix.name, ix.unique, &ix.method, &ix.shape);
            rows.push(vec![
                Value::Text(t.schema.clone()),
                Value::Text(t.name.clone()),
                Value::Text(ix.name),
                Value::Null,
                Value::Text(def),
            ]);
        }
    }
    (cols, rows)
}
