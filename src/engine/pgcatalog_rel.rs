//! The relation catalogs generated from fksim's own catalog: `pg_namespace`, `pg_class`,
//! `pg_attribute`, `pg_index`, `pg_type`, `pg_proc` and `pg_trigger` (with the four internal
//! `RI_ConstraintTrigger_*` triggers PostgreSQL creates for each foreign key).
//!
//! OIDs are `oids.rs`'s: the `oid` of `pg_class` and the columns pointing at relations
//! (`attrelid`, `indrelid`, `tgrelid`, ...) are OIDs, as in PostgreSQL, which `::regclass`
//! prints as names.

use crate::engine::catalog::{Action, TableId};
use crate::engine::database::Database;
pub use crate::engine::oids::namespace_oid;
use crate::engine::oids::{index_oid, ri_trigger_oid, table_oid};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// A generated catalog: its columns and rows.
pub type Generated = (Vec<(&'static str, DataType)>, Vec<Vec<Value>>);

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn int(i: i64) -> Value {
    Value::Int(i)
}

/// The OID of a table id, 0 when there is none.
pub fn regclass_of(db: &Database, id: Option<TableId>) -> Value {
    match id.and_then(|id| db.table(id).ok()) {
        Some(t) => int(table_oid(t.id)),
        None => int(0),
    }
}

/// The OID of a type in `pg_type` (PostgreSQL's numbers for the built-in types).
pub fn type_oid(t: &DataType) -> i64 {
    match t {
        DataType::SmallInt => 21,
        DataType::Integer => 23,
        DataType::BigInt => 20,
        DataType::Numeric(_) => 1700,
        DataType::Real => 700,
        DataType::Double => 701,
        DataType::Text | DataType::Unknown => 25,
        DataType::Varchar(_) => 1043,
        DataType::Char(_) => 1042,
        DataType::Boolean => 16,
        DataType::Uuid => 2950,
        DataType::Json => 114,
        DataType::Jsonb => 3802,
        DataType::Date => 1082,
        DataType::Timestamp => 1114,
        DataType::Timestamptz => 1184,
        DataType::Interval => 1186,
        DataType::Bytea => 17,
        DataType::TsVector => 3614,
        DataType::Oid => 26,
        DataType::Inet => 869,
        DataType::Cidr => 650,
        DataType::Regclass => 2205,
        DataType::Array(e) => match **e {
            DataType::SmallInt => 1005,
            DataType::Integer => 1007,
            DataType::BigInt => 1016,
            DataType::Text => 1009,
            DataType::Varchar(_) => 1015,
            DataType::Numeric(_) => 1231,
            DataType::Boolean => 1000,
            DataType::Uuid => 2951,
            DataType::Double => 1022,
            DataType::Real => 1021,
            DataType::Inet => 1041,
            DataType::Cidr => 651,
            _ => 2277,
        },
        // User types: a stable number from the name, above the built-in range.
        DataType::Enum(e) => user_type_oid(&e.schema, &e.name),
        DataType::Domain(d) => user_type_oid(&d.schema, &d.name),
    }
}

/// A stable number from the type's name (its schema's too, outside `public`).
fn user_type_oid(schema: &str, name: &str) -> i64 {
    let hash = |text: &str| 100_000 + text.bytes().fold(0i64, |h, b| (h * 31 + b as i64) % 900_000);
    if schema == "public" { hash(name) } else { hash(&format!("{schema}.{name}")) }
}

/// A column's `atttypmod`: -1, or the declared length / precision as PostgreSQL stores it.
pub fn type_modifier(t: &DataType) -> i64 {
    match t {
        DataType::Varchar(Some(n)) | DataType::Char(Some(n)) => *n as i64 + 4,
        DataType::Numeric(Some((p, s))) => ((*p as i64) << 16 | *s as i64) + 4,
        _ => -1,
    }
}

/// `pg_namespace`.
pub fn pg_namespace(db: &Database) -> Generated {
    let cols =
        vec![("oid", DataType::Oid), ("nspname", DataType::Text), ("nspowner", DataType::Oid)];
    let mut names: Vec<&str> = vec!["pg_toast", "pg_catalog", "public", "information_schema"];
    for s in &db.schemas {
        if !names.contains(&s.as_str()) {
            names.push(s);
        }
    }
    let rows =
        names.into_iter().map(|n| vec![int(namespace_oid(db, n)), text(n), int(10)]).collect();
    (cols, rows)
}

/// An index of a table as the catalogs show it: (name, columns, unique, primary, method).
pub struct IndexRow {
    /// The index's name (a constraint's index has the constraint's name).
    pub name: String,
    /// Column positions (0-based).
    pub columns: Vec<usize>,
    /// UNIQUE (or PRIMARY KEY).
    pub unique: bool,
    /// PRIMARY KEY.
    pub primary: bool,
    /// Access method.
    pub method: String,
    /// Keys, INCLUDE, predicate and options.
    pub shape: crate::engine::index_def::IndexShape,
}

/// The indexes of a table, in creation order: constraint indexes, then CREATE INDEX ones.
pub fn table_indexes(t: &Table) -> Vec<IndexRow> {
    let mut out: Vec<IndexRow> = t
        .uniques
        .iter()
        .map(|u| IndexRow {
            name: u.name.clone(),
            columns: u.columns.clone(),
            unique: true,
            primary: u.primary,
            method: "btree".into(),
            shape: crate::engine::index_def::IndexShape::of_columns(&u.columns),
        })
        .collect();
    out.extend(t.indexes.iter().map(|i| IndexRow {
        name: i.name.clone(),
        columns: i.shape.index_attnums(),
        unique: i.unique,
        primary: false,
        method: i.method.clone(),
        shape: i.shape.clone(),
    }));
    out
}

/// `pg_class`: tables and their indexes.
pub fn pg_class(db: &Database) -> Generated {
    let cols = vec![
        ("oid", DataType::Oid),
        ("relname", DataType::Text),
        ("relnamespace", DataType::Oid),
        ("relowner", DataType::Oid),
        ("relam", DataType::Oid),
        ("reltuples", DataType::Real),
        ("relhasindex", DataType::Boolean),
        ("relisshared", DataType::Boolean),
        ("relpersistence", DataType::Text),
        ("relkind", DataType::Text),
        ("relnatts", DataType::SmallInt),
        ("relchecks", DataType::SmallInt),
        ("relhasrules", DataType::Boolean),
        ("relhastriggers", DataType::Boolean),
        ("relhassubclass", DataType::Boolean),
        ("relrowsecurity", DataType::Boolean),
        ("relispartition", DataType::Boolean),
        ("relpartbound", DataType::Text),
    ];
    let mut rows = Vec::new();
    for t in db.tables.values() {
        let persistence = if t.temporary { "t" } else { "p" };
        let ns = int(namespace_oid(db, &t.schema));
        let indexes = table_indexes(t);
        let has_triggers = db.triggers.iter().any(|tr| tr.table == t.id)
            || db.fks.values().any(|fk| fk.child == t.id || fk.parent == t.id);
        let has_subclass = crate::engine::inherit::has_children(db, t.id);
        rows.push(vec![
            int(table_oid(t.id)),
            text(&t.name),
            ns.clone(),
            int(10),
            int(2),
            Value::Float(-1.0),
            Value::Bool(!indexes.is_empty()),
            Value::Bool(false),
            text(persistence),
            text(if t.partition_key.is_some() { "p" } else { "r" }),
            int(t.columns.len() as i64),
            int(t.checks.len() as i64),
            Value::Bool(false),
            Value::Bool(has_triggers),
            Value::Bool(has_subclass),
            Value::Bool(false),
            Value::Bool(t.partition_of.is_some()),
            match &t.partition_of {
                Some(_) => text(&crate::engine::partition::bound_sql(db, t)),
                None => Value::Null,
            },
        ]);
        for ix in indexes {
            rows.push(vec![
                int(index_oid(t, &ix.name)),
                text(&ix.name),
                ns.clone(),
                int(10),
                int(403),
                Value::Float(0.0),
                Value::Bool(false),
                Value::Bool(false),
                text(persistence),
                text("i"),
                int(ix.columns.len() as i64),
                int(0),
                Value::Bool(false),
                Value::Bool(false),
                Value::Bool(false),
                Value::Bool(false),
                Value::Bool(false),
                Value::Null,
            ]);
        }
    }
    (cols, rows)
}

/// The system columns every table has, with their attnum and type OID.
const SYSTEM_COLUMNS: &[(&str, i64, i64)] = &[
    ("tableoid", -6, 26),
    ("cmax", -5, 29),
    ("xmax", -4, 28),
    ("cmin", -3, 29),
    ("xmin", -2, 28),
    ("ctid", -1, 27),
];

/// `pg_attribute`: each table's columns (and system columns), and each index's key columns.
pub fn pg_attribute(db: &Database) -> Generated {
    let cols = vec![
        ("attrelid", DataType::Oid),
        ("attname", DataType::Text),
        ("atttypid", DataType::Oid),
        ("attlen", DataType::SmallInt),
        ("attnum", DataType::SmallInt),
        ("atttypmod", DataType::Integer),
        ("attnotnull", DataType::Boolean),
        ("atthasdef", DataType::Boolean),
        ("attidentity", DataType::Text),
        ("attisdropped", DataType::Boolean),
        ("attislocal", DataType::Boolean),
        ("attinhcount", DataType::Integer),
    ];
    let mut rows = Vec::new();
    for t in db.tables.values() {
        let rel = int(table_oid(t.id));
        for (i, c) in t.columns.iter().enumerate() {
            let identity = match c.identity {
                Some(true) => "a",
                Some(false) => "d",
                None => "",
            };
            rows.push(vec![
                rel.clone(),
                text(&c.name),
                int(type_oid(&c.data_type)),
                int(type_length(&c.data_type)),
                int(i as i64 + 1),
                int(type_modifier(&c.data_type)),
                Value::Bool(c.not_null),
                Value::Bool(c.default.is_some()),
                text(identity),
                Value::Bool(false),
                Value::Bool(true),
                int(0),
            ]);
        }
        for (name, num, typ) in SYSTEM_COLUMNS {
            let len = if *typ == 27 { 6 } else { 4 };
            rows.push(vec![
                rel.clone(),
                text(name),
                int(*typ),
                int(len),
                int(*num),
                int(-1),
                Value::Bool(true),
                Value::Bool(false),
                text(""),
                Value::Bool(false),
                Value::Bool(true),
                int(0),
            ]);
        }
        for ix in table_indexes(t) {
            let irel = int(index_oid(t, &ix.name));
            for (k, &c) in ix.columns.iter().enumerate() {
                let Some(col) = t.columns.get(c) else { continue };
                rows.push(vec![
                    irel.clone(),
                    text(&col.name),
                    int(type_oid(&col.data_type)),
                    int(type_length(&col.data_type)),
                    int(k as i64 + 1),
                    int(type_modifier(&col.data_type)),
                    Value::Bool(false),
                    Value::Bool(false),
                    text(""),
                    Value::Bool(false),
                    Value::Bool(true),
                    int(0),
                ]);
            }
        }
    }
    (cols, rows)
}

/// `attlen`: the fixed width of a type, -1 for variable-length ones.
fn type_length(t: &DataType) -> i64 {
    match t {
        DataType::SmallInt => 2,
        DataType::Integer | DataType::Real | DataType::Date | DataType::Oid => 4,
        DataType::Regclass => 4,
        DataType::BigInt | DataType::Double | DataType::Timestamp | DataType::Timestamptz => 8,
        DataType::Boolean => 1,
        DataType::Uuid | DataType::Interval => 16,
        _ => -1,
    }
}

/// An int2vector's text form: the column numbers separated by spaces.
pub fn int2vector(columns: &[usize]) -> String {
    // An expression key is attribute 0 (its position here is usize::MAX).
    columns.iter().map(|c| c.wrapping_add(1).to_string()).collect::<Vec<_>>().join(" ")
}

/// `pg_index`.
pub fn pg_index(db: &Database) -> Generated {
    let cols = vec![
        ("indexrelid", DataType::Oid),
        ("indrelid", DataType::Oid),
        ("indnatts", DataType::SmallInt),
        ("indnkeyatts", DataType::SmallInt),
        ("indisunique", DataType::Boolean),
        ("indnullsnotdistinct", DataType::Boolean),
        ("indisprimary", DataType::Boolean),
        ("indisexclusion", DataType::Boolean),
        ("indimmediate", DataType::Boolean),
        ("indisvalid", DataType::Boolean),
        ("indisready", DataType::Boolean),
        ("indislive", DataType::Boolean),
        ("indkey", DataType::Text),
    ];
    let mut rows = Vec::new();
    for t in db.tables.values() {
        for ix in table_indexes(t) {
            rows.push(vec![
                int(index_oid(t, &ix.name)),
                int(table_oid(t.id)),
                int(ix.columns.len() as i64),
                int(ix.shape.keys.len() as i64),
                Value::Bool(ix.unique),
                Value::Bool(ix.shape.nulls_not_distinct),
                Value::Bool(ix.primary),
                Value::Bool(false),
                Value::Bool(true),
                Value::Bool(true),
                Value::Bool(true),
                Value::Bool(true),
                Value::Text(int2vector(&ix.columns)),
            ]);
        }
    }
    (cols, rows)
}

/// The built-in types `pg_type` lists: (oid, name, length, category).
const BUILTIN_TYPES: &[(i64, &str, i64, &str)] = &[
    (16, "bool", 1, "B"),
    (17, "bytea", -1, "U"),
    (20, "int8", 8, "N"),
    (21, "int2", 2, "N"),
    (22, "int2vector", -1, "A"),
    (23, "int4", 4, "N"),
    (25, "text", -1, "S"),
    (26, "oid", 4, "N"),
    (114, "json", -1, "U"),
    (650, "cidr", -1, "I"),
    (700, "float4", 4, "N"),
    (701, "float8", 8, "N"),
    (869, "inet", -1, "I"),
    (1042, "bpchar", -1, "S"),
    (1043, "varchar", -1, "S"),
    (1082, "date", 4, "D"),
    (1114, "timestamp", 8, "D"),
    (1184, "timestamptz", 8, "D"),
    (1186, "interval", 16, "T"),
    (1700, "numeric", -1, "N"),
    (2205, "regclass", 4, "N"),
    (2950, "uuid", 16, "U"),
    (3614, "tsvector", -1, "U"),
    (3802, "jsonb", -1, "U"),
];

/// `pg_type`: the built-in types fksim has, and the enums and domains of the database.
pub fn pg_type(db: &Database) -> Generated {
    let cols = vec![
        ("oid", DataType::Oid),
        ("typname", DataType::Text),
        ("typnamespace", DataType::Oid),
        ("typlen", DataType::SmallInt),
        ("typtype", DataType::Text),
        ("typcategory", DataType::Text),
        ("typbasetype", DataType::Oid),
    ];
    let mut rows: Vec<Vec<Value>> = BUILTIN_TYPES
        .iter()
        .map(|(oid, name, len, cat)| {
            vec![int(*oid), text(name), int(11), int(*len), text("b"), text(cat), int(0)]
        })
        .collect();
    for ((schema, name), t) in crate::engine::catfuncs::user_types(db) {
        let (kind, base) = match &t {
            DataType::Domain(d) => ("d", type_oid(&d.base)),
            _ => ("e", 0),
        };
        rows.push(vec![
            int(type_oid(&t)),
            text(&name),
            int(crate::engine::oids::namespace_oid(db, &schema)),
            int(type_length(&t)),
            text(kind),
            text(if kind == "e" { "E" } else { "U" }),
            int(base),
        ]);
    }
    (cols, rows)
}

/// The referential-integrity trigger functions: (name, pg_proc oid).
fn ri_function(action: &Action, delete: bool) -> (&'static str, i64) {
    match (action, delete) {
        (Action::Cascade, true) => ("RI_FKey_cascade_del", 1646),
        (Action::Cascade, false) => ("RI_FKey_cascade_upd", 1647),
        (Action::Restrict, true) => ("RI_FKey_restrict_del", 1648),
        (Action::Restrict, false) => ("RI_FKey_restrict_upd", 1649),
        (Action::SetNull(_), true) => ("RI_FKey_setnull_del", 1650),
        (Action::SetNull(_), false) => ("RI_FKey_setnull_upd", 1651),
        (Action::SetDefault(_), true) => ("RI_FKey_setdefault_del", 1652),
        (Action::SetDefault(_), false) => ("RI_FKey_setdefault_upd", 1653),
        (Action::NoAction, true) => ("RI_FKey_noaction_del", 1654),
        (Action::NoAction, false) => ("RI_FKey_noaction_upd", 1655),
    }
}

/// The OID fksim gives a user function in `pg_proc`.
fn function_oid(index: usize) -> i64 {
    200_000 + index as i64
}

/// `pg_proc`: the RI trigger functions and the user's functions.
pub fn pg_proc(db: &Database) -> Generated {
    let cols = vec![
        ("oid", DataType::Oid),
        ("proname", DataType::Text),
        ("pronamespace", DataType::Oid),
        ("prokind", DataType::Text),
        ("prosecdef", DataType::Boolean),
        ("provolatile", DataType::Text),
        ("pronargs", DataType::SmallInt),
    ];
    let mut rows = Vec::new();
    rows.push(vec![
        int(1644),
        text("RI_FKey_check_ins"),
        int(11),
        text("f"),
        Value::Bool(false),
        text("v"),
        int(0),
    ]);
    rows.push(vec![
        int(1645),
        text("RI_FKey_check_upd"),
        int(11),
        text("f"),
        Value::Bool(false),
        text("v"),
        int(0),
    ]);
    for a in [
        Action::Cascade,
        Action::Restrict,
        Action::SetNull(Vec::new()),
        Action::SetDefault(Vec::new()),
        Action::NoAction,
    ] {
        for delete in [true, false] {
            let (name, oid) = ri_function(&a, delete);
            rows.push(vec![
                int(oid),
                text(name),
                int(11),
                text("f"),
                Value::Bool(false),
                text("v"),
                int(0),
            ]);
        }
    }
    rows.sort_by_key(|r| match r[0] {
        Value::Int(i) => i,
        _ => 0,
    });
    for (i, f) in db.functions.values().enumerate() {
        rows.push(vec![
            int(function_oid(i)),
            text(&f.name),
            int(namespace_oid(db, &f.schema)),
            text("f"),
            Value::Bool(f.security_definer),
            text(if f.stable { "s" } else { "v" }),
            int(f.args.len() as i64),
        ]);
    }
    (cols, rows)
}

/// `pg_trigger`: the user's triggers and the internal RI triggers of each foreign key (an
/// `_a_` pair of action triggers on the referenced table, a `_c_` pair of check triggers on the
/// referencing one), as PostgreSQL creates them.
pub fn pg_trigger(db: &Database) -> Generated {
    let cols = vec![
        ("oid", DataType::Oid),
        ("tgrelid", DataType::Oid),
        ("tgparentid", DataType::Oid),
        ("tgname", DataType::Text),
        ("tgfoid", DataType::Oid),
        ("tgtype", DataType::SmallInt),
        ("tgenabled", DataType::Text),
        ("tgisinternal", DataType::Boolean),
        ("tgconstrrelid", DataType::Oid),
        ("tgconstrindid", DataType::Oid),
        ("tgconstraint", DataType::Oid),
        ("tgdeferrable", DataType::Boolean),
        ("tginitdeferred", DataType::Boolean),
        ("tgnargs", DataType::SmallInt),
        ("tgoldtable", DataType::Text),
        ("tgnewtable", DataType::Text),
    ];
    let mut rows: Vec<(i64, Vec<Value>)> = Vec::new();
    for fk in db.fks.values() {
        let child = regclass_of(db, Some(fk.child));
        let parent = regclass_of(db, Some(fk.parent));
        let (del, del_oid) = ri_function(&fk.on_delete, true);
        let (upd, upd_oid) = ri_function(&fk.on_update, false);
        // Only NO ACTION triggers follow the key's deferrability; the others fire at once.
        let deferrable = |name: &str| name.contains("noaction") || name.contains("check");
        // ALTER TABLE ... DISABLE TRIGGER ALL turns off the RI triggers on that table.
        let state = |t| {
            if db.table(t).is_ok_and(|t| t.ri_triggers_disabled) { "D" } else { "O" }
        };
        let (on_parent, on_child) = (state(fk.parent), state(fk.child));
        let specs = [
            (
                ri_trigger_oid(fk.id, 0),
                "a",
                parent.clone(),
                child.clone(),
                del_oid,
                9,
                deferrable(del),
            ),
            (
                ri_trigger_oid(fk.id, 1),
                "a",
                parent.clone(),
                child.clone(),
                upd_oid,
                17,
                deferrable(upd),
            ),
            (ri_trigger_oid(fk.id, 2), "c", child.clone(), parent.clone(), 1644, 5, true),
            (ri_trigger_oid(fk.id, 3), "c", child, parent, 1645, 17, true),
        ];
        for (oid, kind, on, other, foid, tgtype, follows) in specs {
            let enabled = if kind == "a" { on_parent } else { on_child };
            rows.push((
                oid,
                vec![
                    int(oid),
                    on,
                    int(0),
                    text(&format!("RI_ConstraintTrigger_{kind}_{oid}")),
                    int(foid),
                    int(tgtype),
                    text(enabled),
                    Value::Bool(true),
                    other,
                    int(0),
                    int(crate::engine::oids::constraint_oid(fk.id)),
                    Value::Bool(follows && fk.deferrable),
                    Value::Bool(follows && fk.initially_deferred),
                    int(0),
                    Value::Null,
                    Value::Null,
                ],
            ));
        }
    }
    for (i, tr) in db.triggers.iter().enumerate() {
        let oid = 3_000_000 + i as i64;
        let mut tgtype = i64::from(tr.row);
        if tr.before {
            tgtype |= 2;
        }
        if tr.on_insert {
            tgtype |= 4;
        }
        if tr.on_delete {
            tgtype |= 8;
        }
        if tr.on_update.is_some() {
            tgtype |= 16;
        }
        if tr.on_truncate {
            tgtype |= 32;
        }
        if tr.view.is_some() {
            tgtype |= 64;
        }
        let foid = db.functions.get_index_of(&tr.function).map_or(0, function_oid);
        rows.push((
            oid,
            vec![
                int(oid),
                match &tr.view {
                    Some((_, view)) => text(view),
                    None => regclass_of(db, Some(tr.table)),
                },
                int(tr
                    .parent
                    .and_then(|p| {
                        db.triggers.iter().position(|u| u.table == p && u.name == tr.name)
                    })
                    .map_or(0, |j| 3_000_000 + j as i64)),
                text(&tr.name),
                int(foid),
                int(tgtype),
                text(if tr.enabled { "O" } else { "D" }),
                Value::Bool(false),
                int(0),
                int(0),
                int(tr.constraint.map_or(0, |c| c.id.0 as i64)),
                Value::Bool(tr.constraint.is_some_and(|c| c.deferrable)),
                Value::Bool(tr.constraint.is_some_and(|c| c.initially_deferred)),
                int(tr.args.len() as i64),
                tr.old_table.as_deref().map_or(Value::Null, text),
                tr.new_table.as_deref().map_or(Value::Null, text),
            ],
        ));
    }
    (cols, rows.into_iter().map(|(_, r)| r).collect())
}

/// The `pg_type` name of a built-in type OID.
pub fn builtin_type_name(oid: i64) -> Option<&'static str> {
    BUILTIN_TYPES.iter().find(|t| t.0 == oid).map(|t| t.1)
}
