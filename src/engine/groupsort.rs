//! The order a sorted GroupAggregate's aggregates meet their group's rows: PostgreSQL sorts
//! the input by the GROUP BY keys (tuplesort's quicksort, not stable, comparing the keys
//! only), so rows that share a group come out in the order that sort leaves them.

use std::cmp::Ordering;

use crate::engine::pgsort::pg_qsort;
use crate::engine::value::{Value, sort_cmp};

/// Each input row's place after the Sort by the group keys: `arrivals[i]` is row i's group,
/// `keys[g]` group g's key (ascending, NULLs last, as the GROUP BY's Sort orders them).
pub fn sorted_ranks(arrivals: &[u32], keys: &[Vec<Value>]) -> Vec<u32> {
    let mut rows: Vec<(u32, u32)> =
        arrivals.iter().enumerate().map(|(i, &g)| (i as u32, g)).collect();
    let key = |g: u32| keys.get(g as usize).map(Vec::as_slice).unwrap_or(&[]);
    pg_qsort(&mut rows, &mut |a, b| {
        key(a.1)
            .iter()
            .zip(key(b.1))
            .map(|(x, y)| sort_cmp(x, y))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let mut rank = vec![0; arrivals.len()];
    for (at, (row, _)) in rows.iter().enumerate() {
        rank[*row as usize] = at as u32;
    }
    rank
}

/// Puts a group's collected inputs (each ending with its row's arrival place) in the order
/// the plan feeds them (`rank`: the sorted places; None: arrival order), and drops the places.
pub fn reorder(rows: &mut [Vec<Value>], rank: Option<&[u32]>) {
    let place = |r: &Vec<Value>| match r.last() {
        Some(Value::Int(i)) => usize::try_from(*i).unwrap_or(0),
        _ => 0,
    };
    if let Some(rank) = rank {
        rows.sort_by_key(|r| rank.get(place(r)).copied().unwrap_or(0));
    }
    for r in rows.iter_mut() {
        r.pop();
    }
}
