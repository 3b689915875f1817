//! PostgreSQL's hash functions (`hash_bytes`, `hashint4`, `hashtext`, ...) for the values a
//! hashed GROUP BY or DISTINCT puts in its table: the hash decides the order rows come out in.

use rust_decimal::Decimal;

use crate::engine::types::DataType;
use crate::engine::value::Value;

/// Bob Jenkins' `mix()` from `src/common/hashfn.c`.
fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(4);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(6);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(8);
    *b = b.wrapping_add(*a);
    *a = a.wrapping_sub(*c);
    *a ^= c.rotate_left(16);
    *c = c.wrapping_add(*b);
    *b = b.wrapping_sub(*a);
    *b ^= a.rotate_left(19);
    *a = a.wrapping_add(*c);
    *c = c.wrapping_sub(*b);
    *c ^= b.rotate_left(4);
    *b = b.wrapping_add(*a);
}

/// Bob Jenkins' `final()` from `src/common/hashfn.c`.
fn finalize(a: &mut u32, b: &mut u32, c: &mut u32) {
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(14));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(11));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(25));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(16));
    *a ^= *c;
    *a = a.wrapping_sub(c.rotate_left(4));
    *b ^= *a;
    *b = b.wrapping_sub(a.rotate_left(14));
    *c ^= *b;
    *c = c.wrapping_sub(b.rotate_left(24));
}

fn word(k: &[u8]) -> u32 {
    k.iter().take(4).enumerate().fold(0u32, |w, (i, &byte)| w | u32::from(byte) << (8 * i))
}

/// `hash_bytes` (hash_any): the little-endian build, whose aligned and unaligned paths agree.
pub fn hash_bytes(k: &[u8]) -> u32 {
    hash_bytes_state(k, 0).2
}

/// `hash_bytes_extended` (hash_any_extended): the 64-bit hash with a seed.
pub fn hash_bytes_extended(k: &[u8], seed: u64) -> u64 {
    let (_, b, c) = hash_bytes_state(k, seed);
    u64::from(b) << 32 | u64::from(c)
}

/// The body `hash_bytes` and `hash_bytes_extended` share: the final (a, b, c).
fn hash_bytes_state(k: &[u8], seed: u64) -> (u32, u32, u32) {
    // PostgreSQL takes the length as a C int; keys here are far shorter than 2^31 bytes.
    let len = k.len() as u32;
    let mut a = 0x9e37_79b9u32.wrapping_add(len).wrapping_add(3_923_095);
    let (mut b, mut c) = (a, a);
    seed_state(&mut a, &mut b, &mut c, seed);
    let mut rest = k;
    while rest.len() >= 12 {
        a = a.wrapping_add(word(&rest[0..4]));
        b = b.wrapping_add(word(&rest[4..8]));
        c = c.wrapping_add(word(&rest[8..12]));
        mix(&mut a, &mut b, &mut c);
        rest = &rest[12..];
    }
    // The last 11 bytes; the lowest byte of c is reserved for the length, so bytes 8..11
    // go to c shifted up by one byte.
    if rest.len() > 8 {
        c = c.wrapping_add(word(&rest[8..]) << 8);
    }
    if rest.len() > 4 {
        b = b.wrapping_add(word(&rest[4..]));
    }
    if !rest.is_empty() {
        a = a.wrapping_add(word(rest));
    }
    finalize(&mut a, &mut b, &mut c);
    (a, b, c)
}

/// The extended functions' seeding: a nonzero seed is mixed in before the key.
fn seed_state(a: &mut u32, b: &mut u32, c: &mut u32, seed: u64) {
    if seed != 0 {
        *a = a.wrapping_add((seed >> 32) as u32);
        *b = b.wrapping_add(seed as u32);
        mix(a, b, c);
    }
}

/// `hash_bytes_uint32_extended` (hash_uint32_extended): one 4-byte key with a seed.
pub fn hash_uint32_extended(k: u32, seed: u64) -> u64 {
    let mut a = 0x9e37_79b9u32.wrapping_add(4).wrapping_add(3_923_095);
    let (mut b, mut c) = (a, a);
    seed_state(&mut a, &mut b, &mut c, seed);
    a = a.wrapping_add(k);
    finalize(&mut a, &mut b, &mut c);
    u64::from(b) << 32 | u64::from(c)
}

/// `hashint8extended`: folds the high half into the low one, as `hashint8` does.
pub fn hashint8extended(v: i64, seed: u64) -> u64 {
    hash_uint32_extended(fold_int8(v), seed)
}

/// `hash_bytes_uint32` (hash_uint32): one 4-byte key.
pub fn hash_uint32(k: u32) -> u32 {
    let mut a = 0x9e37_79b9u32.wrapping_add(4).wrapping_add(3_923_095);
    let (mut b, mut c) = (a, a);
    a = a.wrapping_add(k);
    finalize(&mut a, &mut b, &mut c);
    c
}

/// `murmurhash32` (common/hashfn.h): the finaliser `TupleHashTableHash_internal` applies.
pub fn murmurhash32(data: u32) -> u32 {
    let mut h = data;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h
}

/// `hashint4` (also hashint2, date's hash and bool's `hashchar`: all hash the value as int32).
pub fn hashint4(v: i32) -> u32 {
    hash_uint32(v as u32)
}

/// `hashint8`: folds the high half into the low one so that values fitting int32 hash as
/// `hashint4` does (cross-type hash joins rely on it).
pub fn hashint8(v: i64) -> u32 {
    hash_uint32(fold_int8(v))
}

/// The int8 hashes' folding of the high half into the low one.
fn fold_int8(v: i64) -> u32 {
    let hihalf = (v >> 32) as u32;
    v as u32 ^ if v >= 0 { hihalf } else { !hihalf }
}

/// `hashfloat8`: zero (and minus zero) hash to 0, NaNs to one value, others by their bytes.
/// `hashfloat4` widens to float8 first, so real hashes the same way.
pub fn hashfloat8(v: f64) -> u32 {
    if v == 0.0 {
        return 0;
    }
    let v = if v.is_nan() { f64::NAN } else { v };
    hash_bytes(&v.to_le_bytes())
}

/// `hash_numeric`: hash_any over the base-10000 digits without leading or trailing zero
/// digits, xor the weight (the scale and sign take no part, so 1.0 and 1 hash alike).
pub fn hash_numeric(d: Decimal) -> u32 {
    match numeric_digits(d) {
        // Zero, whatever its scale: PG_RETURN_UINT32(-1).
        None => u32::MAX,
        Some((bytes, weight)) => hash_bytes(&bytes) ^ weight as u32,
    }
}

/// `hash_numeric_extended`: as `hash_numeric`, 64-bit and seeded (zero hashes to seed - 1).
pub fn hash_numeric_extended(d: Decimal, seed: u64) -> u64 {
    match numeric_digits(d) {
        None => seed.wrapping_sub(1),
        Some((bytes, weight)) => hash_bytes_extended(&bytes, seed) ^ i64::from(weight) as u64,
    }
}

/// The base-10000 digits `hash_numeric` hashes (as the bytes of int16s) and the weight of the
/// first; None for zero.
fn numeric_digits(d: Decimal) -> Option<(Vec<u8>, i32)> {
    let digits = d.mantissa().unsigned_abs().to_string();
    let scale = d.scale() as usize;
    // Split the decimal digits at the point, then pad both sides to whole NBASE digits.
    let (int_part, frac_part) = if digits.len() > scale {
        digits.split_at(digits.len() - scale)
    } else {
        ("", digits.as_str())
    };
    let frac_padded = format!("{}{frac_part}", "0".repeat(scale - frac_part.len()));
    let int_groups = int_part.len().div_ceil(4);
    let mut decimal = "0".repeat(int_groups * 4 - int_part.len());
    decimal.push_str(int_part);
    decimal.push_str(&frac_padded);
    decimal.push_str(&"0".repeat((4 - frac_padded.len() % 4) % 4));
    let nbase: Vec<u16> = decimal
        .as_bytes()
        .chunks(4)
        .map(|g| g.iter().fold(0u16, |n, &b| n * 10 + u16::from(b - b'0')))
        .collect();
    let first = nbase.iter().position(|&g| g != 0)?;
    let weight = int_groups as i32 - 1 - first as i32;
    let last = nbase.iter().rposition(|&g| g != 0).unwrap_or(first);
    Some((nbase[first..=last].iter().flat_map(|g| g.to_le_bytes()).collect(), weight))
}

/// The hash PostgreSQL's default hash opclass for `ty` gives a non-NULL value, or None when
/// fksim does not model it (json has no hash opclass; jsonb hashes its binary form).
pub fn hash_value(v: &Value, ty: &DataType) -> Option<u32> {
    Some(match (v, ty) {
        (Value::Int(i), DataType::BigInt) => hashint8(*i),
        (Value::Int(i), _) => hashint4(*i as i32),
        (Value::Bool(b), _) => hashint4(i32::from(*b)),
        (Value::Numeric(d), _) => hash_numeric(*d),
        (Value::Float(f), _) => hashfloat8(*f),
        // hashbpchar ignores trailing blanks, as bpchar comparison does.
        (Value::Text(s), DataType::Char(_)) => hash_bytes(s.trim_end_matches(' ').as_bytes()),
        (Value::Text(s), _) => hash_bytes(s.as_bytes()),
        (Value::Uuid(u), _) => hash_bytes(&u.to_be_bytes()),
        (Value::Date(d), _) => hashint4(*d),
        (Value::Timestamp(t) | Value::Timestamptz(t), _) => hashint8(*t),
        (Value::Null, _) => 0,
        (Value::Json(_) | Value::Jsonb(_) | Value::Interval(_), _) => return None,
    })
}

/// `TupleHashTableHash_internal` with hash_iv 0: rotate left one bit per column, xor the
/// column's hash (NULL contributes 0), then `murmurhash32` the result.
pub fn hash_key(values: &[Value], types: &[DataType]) -> Option<u32> {
    let mut key = 0u32;
    for (v, ty) in values.iter().zip(types) {
        key = key.rotate_left(1);
        if !v.is_null() {
            key ^= hash_value(v, ty)?;
        }
    }
    Some(murmurhash32(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PostgreSQL 15 printed these (`SELECT hashint4(5), ...`); hashes are signed there.
    fn pg(n: i64) -> u32 {
        n as i32 as u32
    }

    #[test]
    fn integers_hash_as_postgresql_does() {
        assert_eq!(hashint4(5), pg(-1330264708));
        assert_eq!(hashint4(-5), pg(1412886042));
        assert_eq!(hashint4(0), pg(-272711505));
        assert_eq!(hashint4(1), pg(-1905060026));
        assert_eq!(hashint8(3_000_000_000), pg(778767573));
        assert_eq!(hashint8(-3_000_000_000), pg(425352551));
        // int8 values that fit int32 hash as int4 does.
        assert_eq!(hashint8(5), hashint4(5));
        assert_eq!(hashint8(-5), hashint4(-5));
    }

    #[test]
    fn text_hashes_its_bytes() {
        assert_eq!(hash_bytes(b"abc"), pg(-785388649));
        assert_eq!(hash_bytes(b""), pg(-1477818771));
        assert_eq!(hash_bytes(b"hello world!"), pg(1400155871));
        assert_eq!(
            hash_bytes("a much longer string here with 30+ chars".as_bytes()),
            pg(-21143154)
        );
        assert_eq!(hash_bytes("é".as_bytes()), pg(-983094517));
        let ty = DataType::Char(Some(4));
        assert_eq!(hash_value(&Value::Text("ab  ".into()), &ty), Some(pg(1718550461)));
    }

    #[test]
    fn numeric_hash_ignores_scale_and_sign() {
        let n = |s: &str| hash_numeric(s.parse().unwrap_or_default());
        assert_eq!(n("1.0"), pg(1324868424));
        assert_eq!(n("1"), pg(1324868424));
        assert_eq!(n("12345.678"), pg(573919094));
        assert_eq!(n("0"), pg(-1));
        assert_eq!(n("0.000"), pg(-1));
        assert_eq!(n("-3.5"), pg(-36063454));
        assert_eq!(n("0.00012"), pg(1267246686));
        assert_eq!(n("100000000"), pg(1324868426));
        assert_eq!(n("-0.5"), pg(-1968164085));
    }

    #[test]
    fn other_types_hash_as_their_opclass_does() {
        let uuid = 0xa0ee_bc99_9c0b_4ef8_bb6d_6bb9_bd38_0a11u128;
        assert_eq!(hash_value(&Value::Uuid(uuid), &DataType::Uuid), Some(pg(1154666245)));
        assert_eq!(hashfloat8(1.5), pg(630860146));
        assert_eq!(hashfloat8(-0.0), 0);
        assert_eq!(hash_value(&Value::Float(1.5), &DataType::Real), Some(pg(630860146)));
        // date 2024-01-02 is day 8767 since 2000-01-01.
        assert_eq!(hash_value(&Value::Date(8767), &DataType::Date), Some(pg(-555957077)));
        let ts = 757_479_845_000_000i64; // 2024-01-02 03:04:05
        assert_eq!(hash_value(&Value::Timestamp(ts), &DataType::Timestamp), Some(pg(-1717080021)));
        assert_eq!(hash_value(&Value::Bool(true), &DataType::Boolean), Some(hashint4(1)));
        assert_eq!(hash_value(&Value::Json("{}".into()), &DataType::Json), None);
    }
}
