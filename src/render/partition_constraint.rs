//! A partition's implicit constraint as `pg_get_partition_constraintdef` prints it (psql's
//! `\d+` "Partition constraint:"): its ancestors' bounds and its own as one AND of
//! `IS NOT NULL`, `=` / `= ANY (ARRAY[...])` and range comparisons. Single-column keys of LIST and
//! RANGE; for a default or hash partition, or a multi-column range, fksim prints no line.

use crate::engine::database::Database;
use crate::engine::partition::{PartitionBound, RangeDatum};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;

/// A constant as a deparsed expression shows it: integers and numerics bare, the rest quoted
/// with their type.
fn constant(v: &Value, ty: &DataType) -> String {
    let text = v.to_text(ty);
    if matches!(ty, DataType::Integer | DataType::Numeric(_) | DataType::Boolean) {
        text
    } else {
        format!("'{}'::{ty}", text.replace('\'', "''"))
    }
}

/// The terms one level adds (None: a bound fksim does not print).
fn level_terms(db: &Database, table: &Table) -> Option<Vec<String>> {
    let of = table.partition_of.as_ref()?;
    let parent = db.tables.get(&of.parent)?;
    let key = parent.partition_key.as_ref()?;
    let [col] = key.columns[..] else { return None };
    let column = parent.columns.get(col)?;
    let (name, ty) = (crate::engine::format::quote_ident(&column.name), &column.data_type);
    Some(match &of.bound {
        PartitionBound::List(values) => {
            let given: Vec<String> =
                values.iter().filter(|v| !v.is_null()).map(|v| constant(v, ty)).collect();
            let test = match &given[..] {
                [] => None,
                [one] => Some(format!("({name} = {one})")),
                many => Some(format!("({name} = ANY (ARRAY[{}]))", many.join(", "))),
            };
            match (values.iter().any(Value::is_null), test) {
                (true, None) => vec![format!("({name} IS NULL)")],
                (true, Some(t)) => vec![format!("(({name} IS NULL) OR {t})")],
                (false, Some(t)) => vec![format!("({name} IS NOT NULL)"), t],
                (false, None) => return None,
            }
        }
        PartitionBound::Range { from, to } => {
            let mut out = vec![format!("({name} IS NOT NULL)")];
            if let [RangeDatum::Value(v)] = &from[..] {
                out.push(format!("({name} >= {})", constant(v, ty)));
            }
            if let [RangeDatum::Value(v)] = &to[..] {
                out.push(format!("({name} < {})", constant(v, ty)));
            }
            out
        }
        _ => return None,
    })
}

/// "Partition constraint: ..." for `\d+` of a partition.
pub fn footer(db: &Database, table: &Table) -> Option<String> {
    let mut chain = vec![table];
    while let Some(up) =
        chain.last().and_then(|t| t.partition_of.as_ref()).and_then(|o| db.tables.get(&o.parent))
    {
        chain.push(up);
    }
    let mut terms = Vec::new();
    for t in chain.iter().rev().filter(|t| t.partition_of.is_some()) {
        terms.extend(level_terms(db, t)?);
    }
    let text = match &terms[..] {
        [] => return None,
        [one] => one.clone(),
        many => format!("({})", many.join(" AND ")),
    };
    Some(format!("Partition constraint: {text}"))
}
