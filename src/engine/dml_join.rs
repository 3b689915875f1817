//! `UPDATE ... FROM` and `DELETE ... USING`: the target table joined with other tables, each
//! target row taken once, with the first joined row that matched it.

use rustc_hash::FxHashSet;

use crate::engine::catalog::TableId;
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, Scope, ScopeColumn};
use crate::engine::join::{bind_join, join_rows};
use crate::engine::query::{from_relation, table_relation};
use crate::engine::storage::RowId;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::{Expr, FromItem, JoinKind};

/// A target row's slot, with the joined row it met first.
pub type JoinedTarget = (RowId, Vec<Value>);

/// The target's rows that `selection` joins with a row of `from`, in the order the join meets
/// them, each with the joined row it met first (the target's columns, its slot, then those of
/// `from`), and the scope that names that row's columns.
pub fn join_target(
    exec: &Exec<'_>,
    table: TableId,
    alias: Option<&str>,
    from: &[FromItem],
    selection: Option<&Expr>,
) -> Result<(Scope, Vec<JoinedTarget>)> {
    if crate::engine::partition::is_partitioned(exec.db, table) {
        return Err(crate::error::Error::unsupported(
            "UPDATE ... FROM or DELETE ... USING on a partitioned table is not supported by fksim",
        ));
    }
    let (db, ctx) = (&*exec.db, &exec.ctx);
    let t = db.table(table)?;
    let width = t.columns.len();
    let (mut target, ids) = table_relation(t, alias, ctx)?;
    // The slot rides along as a column no name can reach.
    for (row, id) in target.rows.iter_mut().zip(&ids) {
        row.push(Value::Int(i64::from(id.0)));
    }
    target.scope.columns.push(ScopeColumn {
        qualifier: None,
        name: "\0slot".into(),
        data_type: DataType::BigInt,
    });
    target.unique.push(false);
    let others = from_relation(db, from, ctx)?;
    let (scope, _) = bind_join(&target.scope, &others.scope, None)?;
    let cond = match selection {
        Some(e) => Some(Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE")?),
        None => None,
    };
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    join_rows(&target, &others, JoinKind::Inner, cond.as_ref(), ctx, &mut |row| {
        if let Value::Int(slot) = row[width] {
            let id = RowId(slot as u32);
            if seen.insert(id) {
                out.push((id, row));
            }
        }
        Ok(())
    })?;
    Ok((scope, out))
}
