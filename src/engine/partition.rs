//! Partitioned tables: partition keys and bounds, the order PostgreSQL keeps partitions in,
//! routing a row to its partition, and the partition constraint a row written into a
//! partition directly must meet. A partitioned table holds no rows itself: its leaf
//! partitions do.

use std::cmp::Ordering;

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::eval::eval;
use crate::engine::exec::describe_row;
use crate::engine::expr::{Binder, EvalContext, Scope};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::{Value, cast, compare};
use crate::error::{Error, Result};
use crate::sql::ast::Expr;
use crate::sql::partition::{BoundDatum, BoundSpec, PartitionSpec, PartitionStrategy};

/// The key of a partitioned table (`PARTITION BY strategy (columns)`).
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionKey {
    /// RANGE, LIST or HASH.
    pub strategy: PartitionStrategy,
    /// Key column positions, in key order.
    pub columns: Vec<usize>,
}

/// One value of a range bound, resolved to the key column's type.
#[derive(Debug, Clone, PartialEq)]
pub enum RangeDatum {
    /// Below every value.
    MinValue,
    /// A value.
    Value(Value),
    /// Above every value.
    MaxValue,
}

/// A partition's bound, its values of the key columns' types.
#[derive(Debug, Clone, PartialEq)]
pub enum PartitionBound {
    /// `FROM (from) TO (to)`: from inclusive, to exclusive.
    Range {
        /// Lower bound.
        from: Vec<RangeDatum>,
        /// Upper bound.
        to: Vec<RangeDatum>,
    },
    /// `IN (values)` (NULL among them accepts NULL keys).
    List(Vec<Value>),
    /// `WITH (MODULUS m, REMAINDER r)`: the rows whose hash leaves remainder r.
    Hash {
        /// The modulus.
        modulus: u64,
        /// The remainder.
        remainder: u64,
    },
    /// `DEFAULT`: the rows no other partition takes.
    Default,
}

/// What makes a table a partition: its parent and bound.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionOf {
    /// The partitioned table.
    pub parent: TableId,
    /// The bound.
    pub bound: PartitionBound,
}

/// Resolves `PARTITION BY` against the table's columns.
pub fn partition_key(table: &Table, spec: &PartitionSpec) -> Result<PartitionKey> {
    if spec.strategy == PartitionStrategy::List && spec.columns.len() > 1 {
        return Err(Error::new(
            "42P17",
            "cannot use \"list\" partition strategy with more than one column",
        ));
    }
    let mut columns = Vec::new();
    for c in &spec.columns {
        let i = table.column_index(&c.name).ok_or_else(|| {
            Error::new(
                "42703",
                format!("column \"{}\" named in partition key does not exist", c.name),
            )
            .at(c.pos)
        })?;
        if spec.strategy == PartitionStrategy::Hash {
            crate::engine::partition_hash::check_key_type(&table.columns[i].data_type)?;
        }
        columns.push(i);
    }
    Ok(PartitionKey { strategy: spec.strategy, columns })
}

/// A primary key or unique constraint of a partitioned table must include every key column.
pub fn check_unique_covers_key(table: &Table) -> Result<()> {
    let Some(key) = &table.partition_key else { return Ok(()) };
    for u in &table.uniques {
        if let Some(&missing) = key.columns.iter().find(|c| !u.columns.contains(c)) {
            return Err(Error::new(
                "0A000",
                "unique constraint on partitioned table must include all partitioning columns",
            )
            .with_detail(format!(
                "{} constraint on table \"{}\" lacks column \"{}\" which is part of the partition key.",
                if u.primary { "PRIMARY KEY" } else { "UNIQUE" },
                table.name,
                table.columns[missing].name
            )));
        }
    }
    Ok(())
}

/// Evaluates a written bound against the parent's key.
pub fn resolve_bound(
    parent: &Table,
    spec: &BoundSpec,
    partition: &str,
    ctx: &EvalContext,
) -> Result<PartitionBound> {
    let Some(key) = &parent.partition_key else {
        return Err(Error::new("42809", format!("\"{}\" is not partitioned", parent.name)));
    };
    let types: Vec<DataType> =
        key.columns.iter().map(|&c| parent.columns[c].data_type.clone()).collect();
    let value = |e: &Expr, ty: &DataType| -> Result<Value> {
        let (b, bt) = Binder::for_clause("partition bound").bind(e, &Scope::default())?;
        cast(eval(&b, &[], &[], ctx)?, &bt, ty, false)
    };
    let at = match spec {
        BoundSpec::List(_, pos) | BoundSpec::Range { pos, .. } | BoundSpec::Hash { pos, .. } => {
            *pos
        }
        BoundSpec::Default => None,
    };
    let wrong = |what: &str| {
        Error::new("42P16", format!("invalid bound specification for a {what} partition")).at(at)
    };
    Ok(match (spec, key.strategy) {
        (BoundSpec::Default, PartitionStrategy::Hash) => {
            return Err(Error::new(
                "42P16",
                "a hash-partitioned table may not have a default partition",
            ));
        }
        (BoundSpec::Default, _) => PartitionBound::Default,
        (BoundSpec::Hash { modulus, remainder, .. }, PartitionStrategy::Hash) => {
            crate::engine::partition_hash::resolve(*modulus, *remainder)?
        }
        (BoundSpec::List(values, _), PartitionStrategy::List) => PartitionBound::List(
            values.iter().map(|(e, _)| value(e, &types[0])).collect::<Result<_>>()?,
        ),
        (BoundSpec::Range { from, to, from_pos, .. }, PartitionStrategy::Range) => {
            let datums = |list: &[BoundDatum]| -> Result<Vec<RangeDatum>> {
                if list.len() != types.len() {
                    return Err(Error::new(
                        "42P16",
                        "FROM must specify exactly one value per partitioning column",
                    ));
                }
                list.iter()
                    .zip(&types)
                    .map(|(d, ty)| {
                        Ok(match d {
                            BoundDatum::MinValue => RangeDatum::MinValue,
                            BoundDatum::MaxValue => RangeDatum::MaxValue,
                            BoundDatum::Value(e) => RangeDatum::Value(value(e, ty)?),
                        })
                    })
                    .collect()
            };
            let (from, to) = (datums(from)?, datums(to)?);
            if compare_bounds(&from, &to) != Ordering::Less {
                return Err(Error::new(
                    "42P17",
                    format!("empty range bound specified for partition \"{partition}\""),
                )
                .with_detail(format!(
                    "Specified lower bound ({}) is greater than or equal to upper bound ({}).",
                    datums_sql(&from, &types),
                    datums_sql(&to, &types)
                ))
                .at(from_pos.first().copied().flatten()));
            }
            PartitionBound::Range { from, to }
        }
        (_, PartitionStrategy::List) => return Err(wrong("list")),
        (_, PartitionStrategy::Range) => return Err(wrong("range")),
        (_, PartitionStrategy::Hash) => return Err(wrong("hash")),
    })
}

/// Orders two range bounds (partition_rbound_cmp): MINVALUE / MAXVALUE end the comparison.
fn compare_bounds(a: &[RangeDatum], b: &[RangeDatum]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = match (x, y) {
            (RangeDatum::MinValue, RangeDatum::MinValue)
            | (RangeDatum::MaxValue, RangeDatum::MaxValue) => return Ordering::Equal,
            (RangeDatum::MinValue, _) | (_, RangeDatum::MaxValue) => Ordering::Less,
            (RangeDatum::MaxValue, _) | (_, RangeDatum::MinValue) => Ordering::Greater,
            (RangeDatum::Value(x), RangeDatum::Value(y)) => {
                compare(x, y).unwrap_or(Ordering::Equal)
            }
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Orders a row's key against a range bound.
fn compare_key(key: &[Value], bound: &[RangeDatum]) -> Ordering {
    for (v, d) in key.iter().zip(bound) {
        let o = match d {
            RangeDatum::MinValue => return Ordering::Greater,
            RangeDatum::MaxValue => return Ordering::Less,
            RangeDatum::Value(b) => compare(v, b).unwrap_or(Ordering::Equal),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Whether a non-default bound takes this key (a hash bound needs the key's hash: see
/// `child_for`).
pub fn bound_accepts(bound: &PartitionBound, key: &[Value]) -> bool {
    match bound {
        PartitionBound::Default | PartitionBound::Hash { .. } => false,
        PartitionBound::List(values) => values.iter().any(|v| {
            if key[0].is_null() {
                v.is_null()
            } else {
                compare(v, &key[0]) == Some(Ordering::Equal)
            }
        }),
        PartitionBound::Range { from, to } => {
            !key.iter().any(Value::is_null)
                && compare_key(key, from) != Ordering::Less
                && compare_key(key, to) == Ordering::Less
        }
    }
}

/// Whether two bounds of the same parent overlap.
pub fn bounds_overlap(a: &PartitionBound, b: &PartitionBound) -> bool {
    match (a, b) {
        (PartitionBound::List(x), PartitionBound::List(y)) => x.iter().any(|v| {
            y.iter().any(|w| (v.is_null() && w.is_null()) || compare(v, w) == Some(Ordering::Equal))
        }),
        (
            PartitionBound::Range { from: f1, to: t1 },
            PartitionBound::Range { from: f2, to: t2 },
        ) => compare_bounds(f1, t2) == Ordering::Less && compare_bounds(f2, t1) == Ordering::Less,
        (PartitionBound::Default, PartitionBound::Default) => true,
        _ => false,
    }
}

/// Sort order of partitions: range by lower bound, list by smallest value (NULL last), the
/// default partition last.
fn bound_order(a: &PartitionBound, b: &PartitionBound) -> Ordering {
    let list_min = |v: &[Value]| -> Option<Value> {
        v.iter()
            .filter(|x| !x.is_null())
            .min_by(|x, y| compare(x, y).unwrap_or(Ordering::Equal))
            .cloned()
    };
    match (a, b) {
        (PartitionBound::Default, PartitionBound::Default) => Ordering::Equal,
        (PartitionBound::Default, _) => Ordering::Greater,
        (_, PartitionBound::Default) => Ordering::Less,
        (PartitionBound::Range { from: x, .. }, PartitionBound::Range { from: y, .. }) => {
            compare_bounds(x, y)
        }
        (
            PartitionBound::Hash { modulus: m1, remainder: r1 },
            PartitionBound::Hash { modulus: m2, remainder: r2 },
        ) => (m1, r1).cmp(&(m2, r2)),
        (PartitionBound::List(x), PartitionBound::List(y)) => match (list_min(x), list_min(y)) {
            (Some(x), Some(y)) => compare(&x, &y).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        _ => Ordering::Equal,
    }
}

/// The partitions of `id`, in PostgreSQL's bound order.
pub fn children(db: &Database, id: TableId) -> Vec<TableId> {
    let mut kids: Vec<&Table> = db
        .tables
        .values()
        .filter(|t| t.partition_of.as_ref().is_some_and(|p| p.parent == id))
        .collect();
    kids.sort_by(|a, b| match (&a.partition_of, &b.partition_of) {
        (Some(x), Some(y)) => bound_order(&x.bound, &y.bound),
        _ => Ordering::Equal,
    });
    kids.into_iter().map(|t| t.id).collect()
}

/// Whether a table is partitioned (holds no rows of its own).
pub fn is_partitioned(db: &Database, id: TableId) -> bool {
    db.tables.get(&id).is_some_and(|t| t.partition_key.is_some())
}

/// The tables holding the rows of `id`: itself, or its leaf partitions in bound order.
pub fn leaves(db: &Database, id: TableId) -> smallvec::SmallVec<[TableId; 1]> {
    if !is_partitioned(db, id) {
        // Most tables: no allocation (a cascade asks once per row it reaches).
        return smallvec::smallvec![id];
    }
    children(db, id).into_iter().flat_map(|c| leaves(db, c)).collect()
}

/// Every partition below `id`, each before its own partitions, in bound order.
pub fn descendants(db: &Database, id: TableId) -> Vec<TableId> {
    let mut out = Vec::new();
    for c in children(db, id) {
        out.push(c);
        out.extend(descendants(db, c));
    }
    out
}

/// `id` and the tables it is a partition of, nearest first.
pub fn ancestors(db: &Database, id: TableId) -> Vec<TableId> {
    let mut out = vec![id];
    let mut at = id;
    while let Some(p) = db.tables.get(&at).and_then(|t| t.partition_of.as_ref()) {
        out.push(p.parent);
        at = p.parent;
    }
    out
}

/// The partition of `parent` (one level) that takes a row.
fn child_for(db: &Database, parent: TableId, values: &[Value]) -> Result<Option<TableId>> {
    let p = db.table(parent)?;
    let Some(key) = &p.partition_key else { return Ok(None) };
    let k: Vec<Value> = key.columns.iter().map(|&c| values[c].clone()).collect();
    let kids = children(db, parent);
    let hash = (key.strategy == PartitionStrategy::Hash).then(|| {
        let types: Vec<DataType> =
            key.columns.iter().map(|&c| p.columns[c].data_type.clone()).collect();
        crate::engine::partition_hash::row_hash(&k, &types)
    });
    let mut default = None;
    for c in kids {
        let Some(of) = &db.table(c)?.partition_of else { continue };
        let takes = match (&of.bound, hash) {
            (PartitionBound::Hash { modulus, remainder }, Some(h)) => h % modulus == *remainder,
            (bound, _) => bound_accepts(bound, &k),
        };
        if of.bound == PartitionBound::Default {
            default = Some(c);
        } else if takes {
            return Ok(Some(c));
        }
    }
    Ok(default)
}

/// The leaf partition a row written into `table` goes to (`table` itself when it is not
/// partitioned) and the row in that partition's column order, or PostgreSQL's error when
/// none takes it.
pub fn route(db: &Database, table: TableId, values: &[Value]) -> Result<(TableId, Vec<Value>)> {
    let mut at = table;
    let mut values = values.to_vec();
    while is_partitioned(db, at) {
        match child_for(db, at, &values)? {
            Some(c) => {
                values = crate::engine::partition_map::convert_row(db, at, c, values);
                at = c;
            }
            None => {
                let p = db.table(at)?;
                let key = p.partition_key.as_ref().map(|k| k.columns.clone()).unwrap_or_default();
                let names =
                    key.iter().map(|&c| p.columns[c].name.as_str()).collect::<Vec<_>>().join(", ");
                let vals = describe_row(
                    key.iter().map(|&c| &p.columns[c].data_type),
                    &key.iter().map(|&c| values[c].clone()).collect::<Vec<_>>(),
                );
                return Err(Error::new(
                    "23514",
                    format!("no partition of relation \"{}\" found for row", p.name),
                )
                .with_detail(format!(
                    "Partition key of the failing row contains ({names}) = ({vals})."
                )));
            }
        }
    }
    Ok((at, values))
}

/// Whether a row (in `table`'s column order) meets `table`'s partition constraint at every
/// level above it.
pub fn fits(db: &Database, table: TableId, values: &[Value]) -> Result<bool> {
    let mut at = table;
    let mut values = std::borrow::Cow::Borrowed(values);
    while let Some(of) = &db.table(at)?.partition_of {
        if let Some(map) = crate::engine::partition_map::column_map(db, at, of.parent) {
            values = std::borrow::Cow::Owned(crate::engine::partition_map::convert(
                &Some(map),
                values.into_owned(),
            ));
        }
        if child_for(db, of.parent, &values)? != Some(at) {
            return Ok(false);
        }
        at = of.parent;
    }
    Ok(true)
}

/// A row written straight into a partition must fit its bound.
pub fn check_partition_constraint(db: &Database, table: TableId, values: &[Value]) -> Result<()> {
    if fits(db, table, values)? {
        return Ok(());
    }
    let t = db.table(table)?;
    Err(Error::new(
        "23514",
        format!("new row for relation \"{}\" violates partition constraint", t.name),
    )
    .with_detail(format!(
        "Failing row contains ({}).",
        describe_row(t.columns.iter().map(|c| &c.data_type), values)
    )))
}

/// A bound value as pg_get_expr prints it in a bound: numbers and booleans bare, the rest
/// quoted.
fn datum_sql(v: &Value, ty: &DataType) -> String {
    if v.is_null() {
        return "NULL".to_string();
    }
    let text = v.to_text(ty);
    if ty.is_numeric() || ty.is_integer() || matches!(ty, DataType::Boolean) {
        text
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

fn datums_sql(list: &[RangeDatum], types: &[DataType]) -> String {
    list.iter()
        .zip(types)
        .map(|(d, ty)| match d {
            RangeDatum::MinValue => "MINVALUE".to_string(),
            RangeDatum::MaxValue => "MAXVALUE".to_string(),
            RangeDatum::Value(v) => datum_sql(v, ty),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A partition's bound as `\d` prints it: `FOR VALUES FROM (0) TO (10)`, `DEFAULT`.
pub fn bound_sql(db: &Database, table: &Table) -> String {
    let Some(of) = &table.partition_of else { return String::new() };
    let types: Vec<DataType> = db
        .tables
        .get(&of.parent)
        .and_then(|p| {
            p.partition_key
                .as_ref()
                .map(|k| k.columns.iter().map(|&c| p.columns[c].data_type.clone()).collect())
        })
        .unwrap_or_default();
    match &of.bound {
        PartitionBound::Default => "DEFAULT".to_string(),
        PartitionBound::List(values) => format!(
            "FOR VALUES IN ({})",
            values
                .iter()
                .map(|v| datum_sql(v, types.first().unwrap_or(&DataType::Text)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        PartitionBound::Hash { modulus, remainder } => {
            crate::engine::partition_hash::bound_sql(*modulus, *remainder)
        }
        PartitionBound::Range { from, to } => format!(
            "FOR VALUES FROM ({}) TO ({})",
            datums_sql(from, &types),
            datums_sql(to, &types)
        ),
    }
}

/// A partitioned table's key as `\d` prints it: `RANGE (a, b)`.
pub fn key_sql(table: &Table) -> Option<String> {
    let key = table.partition_key.as_ref()?;
    let cols =
        key.columns.iter().map(|&c| table.columns[c].name.as_str()).collect::<Vec<_>>().join(", ");
    Some(format!("{} ({cols})", key.strategy.sql()))
}

/// The table a row written into `table` is stored in, with the row in its column order: its
/// partition when `table` is partitioned (checked against the partition constraint when it
/// is a partition itself).
pub fn insert_target(
    db: &Database,
    table: TableId,
    values: Vec<Value>,
) -> Result<(TableId, Vec<Value>)> {
    let t = db.table(table)?;
    if t.partition_key.is_some() {
        return route(db, table, &values);
    }
    if t.partition_of.is_some() {
        check_partition_constraint(db, table, &values)?;
    }
    Ok((table, values))
}

/// Whether `name` is a partitioned table (read through its partitions, not its own heap).
pub fn names_partitioned(db: &Database, name: &crate::sql::ast::ObjectName) -> bool {
    db.lookup(name).is_some_and(|id| is_partitioned(db, id))
}

/// A partitioned table read as PostgreSQL's Append reads it: each leaf partition's rows in
/// bound order, under the partitioned table's name (or the alias).
pub fn scan_partitions(
    db: &Database,
    id: TableId,
    alias: &str,
    ctx: &EvalContext,
) -> Result<crate::engine::query::Relation> {
    use crate::engine::partition_tree::{tableoid_column, tableoid_value};
    let t = db.table(id)?;
    let mut scope = crate::engine::exec::table_scope(t, Some(alias));
    // Each row carries the partition it is stored in, for `tableoid`.
    scope.columns.push(tableoid_column(Some(alias.to_string())));
    let mut rel = crate::engine::query::Relation {
        scope,
        rows: Vec::new(),
        unique: vec![false; t.columns.len() + 1],
        estimate: 0.0,
        side: None,
    };
    for leaf in leaves(db, id) {
        let (part, _) = crate::engine::query::table_relation(db.table(leaf)?, Some(alias), ctx)?;
        rel.estimate += part.estimate;
        let oid = tableoid_value(db, leaf);
        let map = crate::engine::partition_map::column_map(db, leaf, id);
        rel.rows.extend(part.rows.into_iter().map(|r| {
            let mut r = crate::engine::partition_map::convert(&map, r);
            r.push(oid.clone());
            r
        }));
    }
    Ok(rel)
}

/// Where an overlap error points: a range bound's first lower value, or the first listed
/// value the other partition already takes.
pub fn overlap_pos(
    spec: &BoundSpec,
    new: &PartitionBound,
    other: &PartitionBound,
) -> Option<usize> {
    match (spec, new, other) {
        (
            BoundSpec::Range { from_pos, to_pos, .. },
            PartitionBound::Range { from, to },
            PartitionBound::Range { from: other_from, .. },
        ) => {
            // check_new_partition_bound: a lower bound inside the other partition points at
            // the lower value that decided it; a range running into it, at the upper value.
            let decided = |a: &[RangeDatum], b: &[RangeDatum]| {
                a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(0)
            };
            if compare_bounds(other_from, from) != Ordering::Greater {
                from_pos.get(decided(other_from, from)).copied().flatten()
            } else {
                to_pos.get(decided(other_from, to)).copied().flatten()
            }
        }
        (
            BoundSpec::List(written, _),
            PartitionBound::List(values),
            PartitionBound::List(taken),
        ) => values.iter().zip(written).find_map(|(v, (_, pos))| {
            let hit = taken
                .iter()
                .any(|w| (v.is_null() && w.is_null()) || compare(v, w) == Some(Ordering::Equal));
            if hit { *pos } else { None }
        }),
        _ => None,
    }
}
