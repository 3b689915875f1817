//! Sequences (CREATE SEQUENCE's, serial and identity columns' counters; nextval / currval /
//! setval) and the other objects pg_dump writes beside tables: enum types.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::engine::exec::Exec;
use crate::engine::types::DataType;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{ObjectName, SequenceOptions};

/// The sequences, shared between the catalog and expression evaluation (nextval changes them
/// while a query runs). Like PostgreSQL's, they are not rolled back with a transaction.
pub type SharedSequences = Rc<RefCell<Sequences>>;

/// One sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// `AS` type: smallint, integer or bigint.
    pub type_name: String,
    /// The last value handed out (or set by setval), or START before the first call.
    pub last: i64,
    /// False until nextval first runs (or setval(..., false)): the next call returns `last`.
    pub is_called: bool,
    /// INCREMENT BY
    pub increment: i64,
    /// MINVALUE
    pub min: i64,
    /// MAXVALUE
    pub max: i64,
    /// START WITH
    pub start: i64,
    /// CYCLE
    pub cycle: bool,
    /// OWNED BY: (table, column), so dropping the table drops the sequence.
    pub owned_by: Option<(String, String)>,
}

/// All sequences by name, and this session's currval memory.
#[derive(Debug, Clone, Default)]
pub struct Sequences {
    /// Sequences by qualified name, `schema.name` (see [`key`]).
    pub map: HashMap<String, Sequence>,
    /// currval: the value nextval last returned in this session, per sequence.
    current: HashMap<String, i64>,
}

/// TRUNCATE ... RESTART IDENTITY: the sequences the table's columns own (serial and identity
/// columns) start over.
pub fn restart_owned(
    db: &crate::engine::database::Database,
    id: crate::engine::catalog::TableId,
) -> Result<()> {
    let t = db.table(id)?;
    let mut seqs = db.sequences.borrow_mut();
    let prefix = key(&t.schema, "");
    for (k, s) in seqs.map.iter_mut() {
        let owned = s.owned_by.as_ref().is_some_and(|(table, _)| *table == t.name);
        let identity = t.columns.iter().any(|c| {
            c.identity.is_some()
                && matches!(&c.default, Some(crate::engine::catalog::ColumnDefault::Sequence(q)) if q == k)
        });
        if (owned && k.starts_with(&prefix)) || identity {
            s.last = s.start;
            s.is_called = false;
        }
    }
    Ok(())
}

/// Before a change to which sequences exist, their names or owners: ROLLBACK puts the
/// definitions back (see [`Undo::SequenceCatalog`](crate::engine::database::Undo)).
pub fn save_catalog(exec: &mut Exec<'_>, renamed: Vec<(String, String)>) {
    let before = Box::new(exec.db.sequences.borrow().map.clone());
    exec.txn.undo.push(crate::engine::database::Undo::SequenceCatalog { before, renamed });
}

impl Sequences {
    /// Undoes a catalog change: the definitions of before, with the counters of now.
    pub fn restore_catalog(
        &mut self,
        mut before: HashMap<String, Sequence>,
        renamed: &[(String, String)],
    ) {
        for (k, s) in before.iter_mut() {
            let now = renamed.iter().find(|(old, _)| old == k).map_or(k.as_str(), |(_, new)| new);
            if let Some(n) = self.map.get(now) {
                (s.last, s.is_called) = (n.last, n.is_called);
            }
        }
        for (old, new) in renamed {
            if let Some(v) = self.current.remove(new) {
                self.current.insert(old.clone(), v);
            }
        }
        self.map = before;
    }

    /// Keeps a sequence (and this session's currval of it) under another key.
    pub fn rekey(&mut self, from: &str, to: &str) {
        if let Some(s) = self.map.remove(from) {
            self.map.insert(to.to_string(), s);
        }
        if let Some(v) = self.current.remove(from) {
            self.current.insert(to.to_string(), v);
        }
    }
}

/// The range of a sequence type (`AS` smallint, integer or bigint).
fn type_range(type_name: &str) -> (i64, i64) {
    match type_name {
        "smallint" | "int2" => (i16::MIN.into(), i16::MAX.into()),
        "integer" | "int" | "int4" => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN, i64::MAX),
    }
}

/// The key a sequence is kept under: its schema and name.
pub fn key(schema: &str, name: &str) -> String {
    format!("{schema}.{name}")
}

/// The name part of a key, as messages show a sequence.
pub fn bare(key: &str) -> &str {
    key.split_once('.').map_or(key, |(_, n)| n)
}

/// The (schema, name) a regclass string names, each part folded as an identifier.
pub fn name_of(text: &str) -> (Option<String>, String) {
    let fold = |part: &str| match part.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(quoted) => quoted.to_string(),
        None => part.to_lowercase(),
    };
    match text.rsplit_once('.') {
        Some((schema, name)) => (Some(fold(schema)), fold(name)),
        None => (None, fold(text)),
    }
}

fn missing(name: &str) -> Error {
    Error::new("42P01", format!("relation \"{name}\" does not exist"))
}

impl Sequence {
    /// A sequence with PostgreSQL's defaults for the options not given.
    pub fn new(o: &SequenceOptions) -> Result<Sequence> {
        let type_name = match o.data_type.as_deref().unwrap_or("bigint") {
            "int2" | "smallint" => "smallint",
            "int4" | "int" | "integer" => "integer",
            "int8" | "bigint" => "bigint",
            other => {
                return Err(Error::new(
                    "22023",
                    "sequence type must be smallint, integer, or bigint".to_string(),
                )
                .with_detail(format!("type {other} given")));
            }
        };
        let mut s = Sequence {
            type_name: type_name.to_string(),
            last: 1,
            is_called: false,
            increment: 1,
            min: 1,
            max: type_range(type_name).1,
            start: 1,
            cycle: false,
            owned_by: None,
        };
        s.apply(o, true)?;
        Ok(s)
    }

    /// Applies CREATE or ALTER SEQUENCE options (OWNED BY is the caller's).
    pub fn apply(&mut self, o: &SequenceOptions, creating: bool) -> Result<()> {
        if let Some(inc) = o.increment {
            if inc == 0 {
                return Err(Error::new("22023", "INCREMENT must not be zero".to_string()));
            }
            self.increment = inc;
        }
        let (lo, hi) = type_range(&self.type_name);
        let ascending = self.increment > 0;
        match o.min {
            Some(Some(m)) => self.min = m,
            Some(None) => self.min = if ascending { 1 } else { lo },
            None if creating => self.min = if ascending { 1 } else { lo },
            None => {}
        }
        match o.max {
            Some(Some(m)) => self.max = m,
            Some(None) => self.max = if ascending { hi } else { -1 },
            None if creating => self.max = if ascending { hi } else { -1 },
            None => {}
        }
        if let Some(c) = o.cycle {
            self.cycle = c;
        }
        match o.start {
            Some(st) => self.start = st,
            None if creating => self.start = if ascending { self.min } else { self.max },
            None => {}
        }
        if creating {
            self.last = self.start;
        }
        if let Some(r) = o.restart {
            self.last = r;
            self.is_called = false;
        }
        Ok(())
    }
}

impl Sequences {
    /// The key of the sequence `name` in `schema`, or along the search path when unqualified.
    pub fn find(&self, schema: Option<&str>, name: &str, search_path: &[String]) -> Option<String> {
        match schema {
            Some(s) => Some(key(s, name)).filter(|k| self.map.contains_key(k)),
            None => search_path.iter().map(|s| key(s, name)).find(|k| self.map.contains_key(k)),
        }
    }

    /// The key of the sequence a regclass string (`'public.s'`, `'s'`) names.
    pub fn find_text(&self, text: &str, search_path: &[String]) -> Option<String> {
        let (schema, name) = name_of(text);
        self.find(schema.as_deref(), &name, search_path)
    }

    /// The key of the sequence a regclass string names, or 42P01 naming it as written.
    pub fn resolve_text(&self, text: &str, search_path: &[String]) -> Result<String> {
        self.find_text(text, search_path).ok_or_else(|| missing(text))
    }

    /// The named sequence, or PostgreSQL's error for a missing relation.
    pub fn get(&self, name: &str) -> Result<&Sequence> {
        self.map.get(name).ok_or_else(|| missing(name))
    }

    /// Creates a serial or identity column's sequence (of the column's type unless the
    /// options say otherwise) if it does not exist yet.
    pub fn ensure(
        &mut self,
        name: &str,
        options: &SequenceOptions,
        type_name: &str,
        owner: (String, String),
    ) -> Result<()> {
        if !self.map.contains_key(name) {
            let mut o = options.clone();
            o.data_type = o.data_type.or_else(|| Some(type_name.to_string()));
            let mut s = Sequence::new(&o)?;
            s.owned_by = Some(owner);
            self.map.insert(name.to_string(), s);
        }
        Ok(())
    }

    /// nextval: advances the sequence, with PostgreSQL's errors at its limits.
    pub fn nextval(&mut self, name: &str) -> Result<i64> {
        let s = self.map.get_mut(name).ok_or_else(|| missing(name))?;
        let v = if !s.is_called {
            s.last
        } else {
            match s.last.checked_add(s.increment) {
                Some(n) if n >= s.min && n <= s.max => n,
                _ if s.cycle => {
                    if s.increment > 0 {
                        s.min
                    } else {
                        s.max
                    }
                }
                _ => {
                    let (which, limit) =
                        if s.increment > 0 { ("maximum", s.max) } else { ("minimum", s.min) };
                    return Err(Error::new(
                        "2200H",
                        format!(
                            "nextval: reached {which} value of sequence \"{}\" ({limit})",
                            bare(name)
                        ),
                    ));
                }
            }
        };
        s.last = v;
        s.is_called = true;
        self.current.insert(name.to_string(), v);
        Ok(v)
    }

    /// currval: what nextval last returned here in this session.
    pub fn currval(&self, name: &str) -> Result<i64> {
        self.get(name)?;
        self.current.get(name).copied().ok_or_else(|| {
            Error::new(
                "55000",
                format!(
                    "currval of sequence \"{}\" is not yet defined in this session",
                    bare(name)
                ),
            )
        })
    }

    /// setval: sets the last value (and whether nextval moves past it first).
    pub fn setval(&mut self, name: &str, value: i64, is_called: bool) -> Result<i64> {
        let s = self.map.get_mut(name).ok_or_else(|| missing(name))?;
        if value < s.min || value > s.max {
            return Err(Error::new(
                "22003",
                format!(
                    "setval: value {value} is out of bounds for sequence \"{}\" ({}..{})",
                    bare(name),
                    s.min,
                    s.max
                ),
            ));
        }
        s.last = value;
        s.is_called = is_called;
        Ok(value)
    }

    /// Drops the sequences a dropped table's columns owned.
    pub fn drop_owned_by(&mut self, schema: &str, table: &str) {
        let prefix = key(schema, "");
        self.map.retain(|k, s| {
            !k.starts_with(&prefix) || s.owned_by.as_ref().is_none_or(|(t, _)| t != table)
        });
    }
}

/// OWNED BY t.c: checks the column exists and returns (table, column).
fn owner(exec: &Exec<'_>, parts: &[crate::sql::ast::Ident]) -> Result<(String, String)> {
    let (table, column) = match parts {
        [t, c] => (ObjectName { schema: None, name: t.name.clone(), pos: t.pos }, c),
        [s, t, c] => {
            (ObjectName { schema: Some(s.name.clone()), name: t.name.clone(), pos: t.pos }, c)
        }
        _ => {
            return Err(Error::new("42601", "invalid OWNED BY option".to_string())
                .with_hint("Specify OWNED BY table.column or OWNED BY NONE.".to_string()));
        }
    };
    let id = exec.db.resolve(&table)?;
    let t = exec.db.table(id)?;
    if !t.columns.iter().any(|c| c.name == column.name) {
        return Err(Error::new(
            "42703",
            format!("column \"{}\" of relation \"{}\" does not exist", column.name, t.name),
        ));
    }
    Ok((t.name.clone(), column.name.clone()))
}

/// pg_get_serial_sequence: the sequence a serial or identity column owns, qualified and
/// quoted as PostgreSQL prints it; the table as SQL names it, the column exactly as given.
pub fn owned_by_column(
    db: &crate::engine::database::Database,
    table: &str,
    column: &str,
) -> Result<Option<String>> {
    let (schema, name) = name_of(table);
    let written = ObjectName { schema, name, pos: None };
    let t = db
        .lookup(&written)
        .and_then(|id| db.table(id).ok())
        .ok_or_else(|| missing(&crate::engine::database::display_name(&written)))?;
    if t.column_index(column).is_none() {
        return Err(Error::new(
            "42703",
            format!("column \"{column}\" of relation \"{}\" does not exist", t.name),
        ));
    }
    let prefix = key(&t.schema, "");
    let seqs = db.sequences.borrow();
    let mut owned: Vec<&String> = seqs
        .map
        .iter()
        .filter(|(k, s)| {
            k.starts_with(&prefix)
                && s.owned_by.as_ref().is_some_and(|(tb, c)| *tb == t.name && c == column)
        })
        .map(|(k, _)| k)
        .collect();
    owned.sort();
    let quote = crate::engine::format::quote_ident;
    Ok(owned.first().map(|k| format!("{}.{}", quote(&t.schema), quote(bare(k)))))
}

/// CREATE SEQUENCE.
pub fn create(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    if_not_exists: bool,
    o: &SequenceOptions,
) -> Result<()> {
    let schema = exec.db.creation_schema(name)?;
    let exists = exec.db.sequences.borrow().map.contains_key(&key(&schema, &name.name))
        || exec.db.relation_name_taken(&schema, &name.name);
    if exists {
        if if_not_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" already exists, skipping",
                name.name
            )));
            return Ok(());
        }
        return Err(Error::new("42P07", format!("relation \"{}\" already exists", name.name)));
    }
    let mut s = Sequence::new(o)?;
    if let Some(Some(parts)) = &o.owned_by {
        s.owned_by = Some(owner(exec, parts)?);
    }
    save_catalog(exec, Vec::new());
    exec.db.sequences.borrow_mut().map.insert(key(&schema, &name.name), s);
    Ok(())
}

/// ALTER SEQUENCE.
pub fn alter(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    if_exists: bool,
    o: &SequenceOptions,
) -> Result<()> {
    let found =
        exec.db.sequences.borrow().find(name.schema.as_deref(), &name.name, &exec.db.search_path);
    let Some(seq) = found else {
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                name.name
            )));
            return Ok(());
        }
        return Err(missing(&name.name));
    };
    if let Some(to) = &o.rename {
        return crate::engine::rename::rename_sequence(exec, &seq, to);
    }
    if let Some(schema) = &o.set_schema {
        return crate::engine::rename::move_sequence(exec, &seq, schema);
    }
    let owned = match &o.owned_by {
        Some(Some(parts)) => Some(Some(owner(exec, parts)?)),
        Some(None) => Some(None),
        None => None,
    };
    // OWNED BY alone changes the catalog; any other option gives the sequence new storage,
    // so ROLLBACK returns its counter too, to where the ALTER found it.
    if *o == (SequenceOptions { owned_by: o.owned_by.clone(), ..SequenceOptions::default() }) {
        save_catalog(exec, Vec::new());
    } else if let Some(before) = exec.db.sequences.borrow().map.get(&seq) {
        let undo =
            crate::engine::database::Undo::SequenceState(seq.clone(), Box::new(before.clone()));
        exec.txn.undo.push(undo);
    }
    let mut seqs = exec.db.sequences.borrow_mut();
    let s = seqs.map.get_mut(&seq).ok_or_else(|| missing(&name.name))?;
    s.apply(o, false)?;
    if let Some(owned) = owned {
        s.owned_by = owned;
    }
    Ok(())
}

/// `DROP SEQUENCE [CASCADE]`.
pub fn drop(
    exec: &mut Exec<'_>,
    names: &[ObjectName],
    if_exists: bool,
    cascade: bool,
) -> Result<()> {
    let mut found = Vec::new();
    for n in names {
        let seq =
            exec.db.sequences.borrow().find(n.schema.as_deref(), &n.name, &exec.db.search_path);
        if let Some(seq) = seq {
            found.push(seq);
        } else {
            if !if_exists {
                return Err(Error::new("42P01", format!("sequence \"{}\" does not exist", n.name)));
            }
            exec.notices
                .push(Notice::notice(format!("sequence \"{}\" does not exist, skipping", n.name)));
        }
    }
    drop_defaults_using(exec, &found, names.len(), cascade)?;
    save_catalog(exec, Vec::new());
    let mut seqs = exec.db.sequences.borrow_mut();
    for seq in found {
        seqs.map.remove(&seq);
    }
    Ok(())
}

/// The column defaults drawing from sequences about to be dropped: PostgreSQL's 2BP01, or
/// with CASCADE the defaults go (identity columns' sequences are the columns' own).
fn drop_defaults_using(
    exec: &mut Exec<'_>,
    seqs: &[String],
    named: usize,
    cascade: bool,
) -> Result<()> {
    use crate::engine::catalog::ColumnDefault;
    let mut users = Vec::new();
    let mut deps = Vec::new();
    for seq in seqs {
        for t in exec.db.tables.values() {
            for (c, col) in t.columns.iter().enumerate() {
                if col.identity.is_none()
                    && matches!(&col.default, Some(ColumnDefault::Sequence(k)) if k == seq)
                {
                    let table = crate::engine::ddl::relation_label(exec.db, t.id);
                    let shown = match seq.split_once('.') {
                        Some((s, n)) if exec.db.search_path.iter().any(|p| p == s) => n.to_string(),
                        _ => seq.clone(),
                    };
                    deps.push((
                        format!("default value for column {} of table {table}", col.name),
                        format!("sequence {shown}"),
                    ));
                    users.push((t.id, c));
                }
            }
        }
    }
    if deps.is_empty() {
        return Ok(());
    }
    if !cascade {
        let what = (named == 1).then(|| deps[0].1.clone());
        return Err(crate::engine::ddl::depends_error(what.as_deref(), &deps));
    }
    let what: Vec<String> = deps.into_iter().map(|(o, _)| o).collect();
    exec.notices.push(crate::engine::ddl::cascade_notice(&what));
    for (id, c) in users {
        crate::engine::alter::save_table(exec, id)?;
        exec.db.table_mut(id)?.columns[c].default = None;
    }
    Ok(())
}

/// CREATE TYPE ... AS ENUM.
pub fn create_enum(exec: &mut Exec<'_>, name: &ObjectName, labels: &[String]) -> Result<()> {
    use crate::engine::types::EnumType;
    // PostgreSQL points at no name when CREATE TYPE / DOMAIN has no schema to create in.
    let schema = exec.db.creation_schema(name).map_err(Error::without_position)?;
    if exec.db.types.exists(&schema, &name.name) {
        return Err(Error::new("42710", format!("type \"{}\" already exists", name.name)));
    }
    for l in labels {
        if l.len() > 63 {
            return Err(Error::new("22P02", format!("invalid enum label \"{l}\""))
                .with_detail("Labels must be 63 bytes or less.".to_string()));
        }
    }
    let mut types = exec.db.types.clone();
    let e = EnumType { schema: schema.clone(), name: name.name.clone(), labels: labels.to_vec() };
    types.enums.insert((schema, name.name.clone()), std::rc::Rc::new(e));
    exec.txn.undo.push(crate::engine::database::Undo::Types(Box::new(exec.db.types.clone())));
    exec.db.replace_types(types);
    Ok(())
}

/// DROP TYPE (enum types only).
pub fn drop_types(exec: &mut Exec<'_>, names: &[ObjectName], if_exists: bool) -> Result<()> {
    let mut found = Vec::new();
    for n in names {
        let path = &exec.db.search_path;
        match exec.db.types.find(n.schema.as_deref(), &n.name, path) {
            Some(DataType::Enum(e)) => found.push(e),
            _ if !if_exists => {
                return Err(Error::new("42704", format!("type \"{}\" does not exist", n.name)));
            }
            _ => {
                // The notice names the type as written, schema included.
                let written = match &n.schema {
                    Some(s) => format!("{s}.{}", n.name),
                    None => n.name.clone(),
                };
                exec.notices
                    .push(Notice::notice(format!("type \"{written}\" does not exist, skipping")));
            }
        }
    }
    for e in &found {
        crate::engine::domains::check_unused(exec.db, &e.shown_name(), |c| match &c.data_type {
            DataType::Enum(x) if x == e => Some(c.data_type.clone()),
            DataType::Array(a) if matches!(&**a, DataType::Enum(x) if x == e) => {
                Some(c.data_type.clone())
            }
            _ => None,
        })?;
    }
    let mut types = exec.db.types.clone();
    for e in found {
        types.enums.remove(&(e.schema.clone(), e.name.clone()));
    }
    exec.txn.undo.push(crate::engine::database::Undo::Types(Box::new(exec.db.types.clone())));
    exec.db.replace_types(types);
    Ok(())
}
