//! HASH partitioning: the row hash PostgreSQL routes by (`compute_partition_hash_value`),
//! the checks of a `FOR VALUES WITH (MODULUS m, REMAINDER r)` bound, and how it prints.

use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::partition::{PartitionBound, children};
use crate::engine::pghash::{
    hash_bytes_extended, hash_numeric_extended, hash_uint32_extended, hashint8extended,
};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// `HASH_PARTITION_SEED` (partition.h): the seed every partition hash starts from.
const HASH_PARTITION_SEED: u64 = 0x7A5B_2236_7996_DCFD;

/// `hash_combine64` (hashfn.h).
fn hash_combine64(a: u64, b: u64) -> u64 {
    a ^ b.wrapping_add(0x49a0_f4dd_15e5_a8e3).wrapping_add(a << 54).wrapping_add(a >> 7)
}

/// Whether fksim knows the extended hash function of a key column's type.
fn hashable(ty: &DataType) -> bool {
    ty.is_numeric()
        || matches!(
            ty,
            DataType::Text
                | DataType::Varchar(_)
                | DataType::Char(_)
                | DataType::Boolean
                | DataType::Uuid
                | DataType::Date
                | DataType::Timestamp
                | DataType::Timestamptz
        )
}

/// Refuses a hash key column whose type's hash fksim does not model.
pub fn check_key_type(ty: &DataType) -> Result<()> {
    if hashable(ty) {
        return Ok(());
    }
    Err(Error::unsupported(format!(
        "hash partitioning by a column of type {} is not supported by fksim",
        ty.pg_name()
    )))
}

/// The type's `hash...extended` support function on a non-NULL value.
fn value_hash(v: &Value, ty: &DataType, seed: u64) -> u64 {
    match (v, ty) {
        (Value::Int(i), DataType::BigInt) => hashint8extended(*i, seed),
        (Value::Int(i), _) => hash_uint32_extended(*i as i32 as u32, seed),
        (Value::Bool(b), _) => hash_uint32_extended(u32::from(*b), seed),
        (Value::Numeric(d), _) => hash_numeric_extended(*d, seed),
        (Value::Float(f), _) => {
            if *f == 0.0 {
                return seed;
            }
            let f = if f.is_nan() { f64::NAN } else { *f };
            hash_bytes_extended(&f.to_le_bytes(), seed)
        }
        // hashbpcharextended ignores trailing blanks.
        (Value::Text(s), DataType::Char(_)) => {
            hash_bytes_extended(s.trim_end_matches(' ').as_bytes(), seed)
        }
        (Value::Text(s), _) => hash_bytes_extended(s.as_bytes(), seed),
        (Value::Uuid(u), _) => hash_bytes_extended(&u.to_be_bytes(), seed),
        (Value::Date(d), _) => hash_uint32_extended(*d as u32, seed),
        (Value::Timestamp(t) | Value::Timestamptz(t), _) => hashint8extended(*t, seed),
        // Types refused by check_key_type never reach here.
        _ => 0,
    }
}

/// `compute_partition_hash_value`: each non-NULL key column's hash, combined.
pub fn row_hash(key: &[Value], types: &[DataType]) -> u64 {
    key.iter()
        .zip(types)
        .filter(|(v, _)| !v.is_null())
        .fold(0, |h, (v, ty)| hash_combine64(h, value_hash(v, ty, HASH_PARTITION_SEED)))
}

/// Checks a written `MODULUS m, REMAINDER r` (transformPartitionBound).
pub fn resolve(modulus: u64, remainder: u64) -> Result<PartitionBound> {
    if modulus == 0 || modulus > i32::MAX as u64 {
        return Err(Error::new(
            "42P16",
            "modulus for hash partition must be an integer value greater than zero",
        ));
    }
    if remainder >= modulus {
        return Err(Error::new("42P16", "remainder for hash partition must be less than modulus"));
    }
    Ok(PartitionBound::Hash { modulus, remainder })
}

/// A new hash bound against its siblings' (check_new_partition_bound): every modulus a factor
/// of the next larger one, and no remainder slot already taken.
pub fn check_new(
    db: &Database,
    parent: TableId,
    name: &str,
    (modulus, remainder): (u64, u64),
    pos: Option<usize>,
    attaching: Option<TableId>,
) -> Result<()> {
    // The siblings' bounds in PostgreSQL's order: by modulus, then remainder.
    let mut bounds: Vec<(u64, u64, String)> = Vec::new();
    for c in children(db, parent) {
        if Some(c) == attaching {
            continue;
        }
        let t = db.table(c)?;
        if let Some(PartitionBound::Hash { modulus, remainder }) =
            t.partition_of.as_ref().map(|o| &o.bound)
        {
            bounds.push((*modulus, *remainder, t.name.clone()));
        }
    }
    bounds.sort_by_key(|(m, r, _)| (*m, *r));
    let Some(greatest) = bounds.last().map(|b| b.0) else { return Ok(()) };
    let factor = |detail: String| {
        Error::new(
            "42P17",
            "every hash partition modulus must be a factor of the next larger modulus",
        )
        .with_detail(detail)
    };
    let offset = bounds.iter().rposition(|(m, r, _)| (*m, *r) <= (modulus, remainder));
    let next = match offset {
        None => bounds.first(),
        Some(o) => {
            let (prev, _, prev_name) = &bounds[o];
            if modulus % prev != 0 {
                return Err(factor(format!(
                    "The new modulus {modulus} is not divisible by {prev}, the modulus of existing partition \"{prev_name}\"."
                )));
            }
            bounds.get(o + 1)
        }
    };
    if let Some((next, _, next_name)) = next
        && next % modulus != 0
    {
        return Err(factor(format!(
            "The new modulus {modulus} is not a factor of {next}, the modulus of existing partition \"{next_name}\"."
        )));
    }
    // The slots PostgreSQL's boundinfo->indexes holds: remainder r of modulus m takes
    // r, r + m, ... below the greatest modulus.
    let mut slots: Vec<Option<&str>> = vec![None; greatest as usize];
    for (m, r, n) in &bounds {
        let mut i = *r;
        while i < greatest {
            slots[i as usize] = Some(n);
            i += m;
        }
    }
    let mut i = if remainder >= greatest { remainder % greatest } else { remainder };
    while i < greatest {
        if let Some(other) = slots[i as usize] {
            return Err(Error::new(
                "42P17",
                format!("partition \"{name}\" would overlap partition \"{other}\""),
            )
            .at(pos));
        }
        i += modulus;
    }
    Ok(())
}

/// The bound as `\d` and pg_get_expr print it.
pub fn bound_sql(modulus: u64, remainder: u64) -> String {
    format!("FOR VALUES WITH (modulus {modulus}, remainder {remainder})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combine_is_postgresqls() {
        assert_eq!(hash_combine64(0, 0), 0x49a0_f4dd_15e5_a8e3);
    }

    /// PostgreSQL 15 printed these (`SELECT hashint4extended(5, 8816678312871386365)`, ...).
    #[test]
    fn extended_hashes_are_postgresqls() {
        let seed = HASH_PARTITION_SEED;
        assert_eq!(
            value_hash(&Value::Int(5), &DataType::Integer, seed),
            -2840406021921404358i64 as u64
        );
        assert_eq!(
            value_hash(&Value::Int(5), &DataType::Integer, 0),
            -9138765687874534020i64 as u64
        );
        assert_eq!(
            value_hash(&Value::Text("abc".into()), &DataType::Text, seed),
            3628778498291917250
        );
    }
}
