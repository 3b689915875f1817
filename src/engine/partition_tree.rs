//! What a query sees of a partition tree: `pg_partition_tree(regclass)` in FROM, and the
//! `tableoid` system column (as a regclass, fksim's OID of a relation) that tells which
//! partition a row of a partitioned table lives in.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::eval::eval;
use crate::engine::expr::{Binder, EvalContext, Scope, ScopeColumn, coerce};
use crate::engine::oids::table_oid;
use crate::engine::partition::{children, is_partitioned};
use crate::engine::pgcatalog_rel::regclass_of;
use crate::engine::query::Relation;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::FromItem;

/// The scope name of the hidden `tableoid` column: no user column can be named so, and `*`
/// skips it (see `is_hidden`).
pub const TABLEOID: &str = "\0tableoid";

/// Whether a scope column is one `*` does not show (a system column, an internal slot).
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('\0')
}

/// The hidden `tableoid` column of a relation qualified by `qualifier`.
pub fn tableoid_column(qualifier: Option<String>) -> ScopeColumn {
    ScopeColumn { qualifier, name: TABLEOID.to_string(), data_type: DataType::Regclass }
}

/// The `tableoid` value of a row stored in `table`: the table's OID (regclass output names it).
pub fn tableoid_value(db: &Database, table: TableId) -> Value {
    match db.table(table) {
        Ok(t) => Value::Int(table_oid(t.id)),
        Err(_) => Value::Null,
    }
}

/// `pg_partition_tree(rel)` in FROM (None for any other item): the relation and every
/// partition below it, breadth first, with its parent, whether it is a leaf, and its level
/// below `rel`. A table that is neither partitioned nor a partition gives no rows.
pub fn function_relation(
    db: &Database,
    item: &FromItem,
    ctx: &EvalContext,
) -> Result<Option<Relation>> {
    let FromItem::Function { name, args, alias, pos, .. } = item else { return Ok(None) };
    if name != "pg_partition_tree" {
        return Ok(None);
    }
    let [arg] = &args[..] else {
        let types = vec![DataType::Unknown; args.len()];
        return Err(crate::engine::builtins::no_matching_function(name, &types, *pos));
    };
    let (b, t) = Binder::for_clause("FROM").bind(arg, &Scope::default())?;
    let (b, _) = coerce(b, t, &DataType::Regclass, None)?;
    let root = match eval(&b, &[], &[], ctx)? {
        Value::Int(oid) => db.tables.values().find(|t| table_oid(t.id) == oid).map(|t| t.id),
        _ => None,
    };
    let mut rows = Vec::new();
    if let Some(root) = root
        && (is_partitioned(db, root) || db.table(root)?.partition_of.is_some())
    {
        let mut level: Vec<TableId> = vec![root];
        let mut depth = 0;
        while !level.is_empty() {
            let mut next = Vec::new();
            for id in level {
                let parent = db.table(id)?.partition_of.as_ref().map(|p| p.parent);
                rows.push(vec![
                    regclass_of(db, Some(id)),
                    match parent {
                        Some(_) => regclass_of(db, parent),
                        None => Value::Null,
                    },
                    Value::Bool(!is_partitioned(db, id)),
                    Value::Int(depth),
                ]);
                // find_inheritance_children: each table's partitions in OID order.
                let mut kids = children(db, id);
                kids.sort();
                next.extend(kids);
            }
            level = next;
            depth += 1;
        }
    }
    let qualifier = Some(alias.clone().unwrap_or_else(|| name.clone()));
    let columns = [
        ("relid", DataType::Regclass),
        ("parentrelid", DataType::Regclass),
        ("isleaf", DataType::Boolean),
        ("level", DataType::Integer),
    ]
    .into_iter()
    .map(|(n, t)| ScopeColumn { qualifier: qualifier.clone(), name: n.to_string(), data_type: t })
    .collect();
    let estimate = rows.len() as f64;
    Ok(Some(Relation {
        scope: Scope { columns, using: None },
        rows,
        unique: vec![false; 4],
        estimate,
        side: None,
    }))
}

/// Whether a SELECT's list, WHERE or GROUP BY reads `tableoid` (its one table is then read
/// with the column, which plain scans do not carry).
pub fn reads_tableoid(s: &crate::sql::ast::Select) -> bool {
    let mut found = false;
    let exprs = s
        .items
        .iter()
        .filter_map(|i| match i {
            crate::sql::ast::SelectItem::Expr { expr, .. } => Some(expr),
            _ => None,
        })
        .chain(&s.selection)
        .chain(&s.group_by);
    for e in exprs {
        let _ = crate::sql::walk::read::expr(e, &mut |x| {
            found |= matches!(x, crate::sql::ast::Expr::Column { name, .. } if name == "tableoid");
            Ok(false)
        });
    }
    found
}

/// A plain table's rows with their `tableoid` (see `reads_tableoid`).
pub fn with_tableoid(db: &Database, id: TableId, mut rel: Relation) -> Relation {
    let qualifier = rel.scope.columns.first().and_then(|c| c.qualifier.clone());
    rel.scope.columns.push(tableoid_column(qualifier));
    rel.unique.push(false);
    let oid = tableoid_value(db, id);
    for r in &mut rel.rows {
        r.push(oid.clone());
    }
    rel
}
