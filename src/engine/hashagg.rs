//! The hash table of PostgreSQL's HashAggregate (lib/simplehash.h as execGrouping.c
//! instantiates it): which order a hashed GROUP BY or DISTINCT emits its groups in.

/// `SH_FILLFACTOR`: the table grows once this share of its buckets is used.
const FILLFACTOR: f64 = 0.9;
/// `SH_GROW_MAX_DIB`: grow when an insert probes further than this from its optimal bucket...
const GROW_MAX_DIB: u32 = 25;
/// `SH_GROW_MAX_MOVE`: ...or would have to shift more than this many entries...
const GROW_MAX_MOVE: u32 = 150;
/// `SH_GROW_MIN_FILLFACTOR`: ...unless the table is emptier than this.
const GROW_MIN_FILLFACTOR: f64 = 0.1;
/// `SH_MAX_SIZE`: buckets are counted in 32 bits.
const MAX_SIZE: u64 = 1 << 32;

/// One used bucket: the stored hash (`SH_STORE_HASH`) and the group it holds.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The group key's hash (`TupleHashEntryData.hash`).
    hash: u32,
    /// Which group: equal keys are the same group, so this stands for `SH_EQUAL`.
    group: usize,
}

/// A `tuplehash_hash`: open addressing with robin-hood insertion.
#[derive(Debug)]
struct SimpleHash {
    /// The buckets; None is `SH_STATUS_EMPTY`.
    data: Vec<Option<Entry>>,
    /// `sizemask`: the size is a power of two.
    sizemask: u32,
    /// `grow_threshold`: members at which the next insert doubles the table.
    grow_threshold: u32,
    /// `members`: used buckets.
    members: u32,
}

impl SimpleHash {
    /// `SH_CREATE`: room for `nelements` at the fill factor.
    fn create(nelements: u32) -> Self {
        let size = (f64::from(nelements) / FILLFACTOR).min(MAX_SIZE as f64) as u64;
        let mut tb = SimpleHash { data: Vec::new(), sizemask: 0, grow_threshold: 0, members: 0 };
        tb.compute_parameters(size);
        tb
    }

    fn size(&self) -> u64 {
        u64::from(self.sizemask) + 1
    }

    /// `SH_COMPUTE_PARAMETERS`: at least 2 buckets, a power of two, and the grow threshold
    /// (a uint32 in C, so the product is truncated).
    fn compute_parameters(&mut self, newsize: u64) {
        let size = newsize.max(2).next_power_of_two().min(MAX_SIZE);
        self.data = vec![None; size as usize];
        self.sizemask = (size - 1) as u32;
        let fill = if size == MAX_SIZE { 0.98 } else { FILLFACTOR };
        self.grow_threshold = (size as f64 * fill) as u32;
    }

    fn bucket(&self, hash: u32) -> u32 {
        hash & self.sizemask
    }

    fn next(&self, i: u32) -> u32 {
        i.wrapping_add(1) & self.sizemask
    }

    /// `SH_DISTANCE_FROM_OPTIMAL`.
    fn distance(&self, optimal: u32, bucket: u32) -> u32 {
        if optimal <= bucket {
            bucket - optimal
        } else {
            (self.size() + u64::from(bucket) - u64::from(optimal)) as u32
        }
    }

    fn too_empty_to_grow(&self) -> bool {
        f64::from(self.members) / (self.size() as f64) < GROW_MIN_FILLFACTOR
    }

    /// `SH_GROW`: copy the entries over starting at the first bucket that is empty or holds
    /// an entry at its optimal position (computed with the new mask, as the C code does).
    fn grow(&mut self, newsize: u64) {
        let old = std::mem::take(&mut self.data);
        self.compute_parameters(newsize);
        let start = old
            .iter()
            .enumerate()
            .find(|(i, e)| e.is_none_or(|e| self.bucket(e.hash) as usize == *i))
            .map_or(0, |(i, _)| i);
        for i in 0..old.len() {
            let Some(e) = old[(start + i) % old.len()] else { continue };
            let mut cur = self.bucket(e.hash);
            while self.data[cur as usize].is_some() {
                cur = self.next(cur);
            }
            self.data[cur as usize] = Some(e);
        }
    }

    /// `SH_INSERT_HASH_INTERNAL`; called for every input row, found or not, because the grow
    /// check at its top runs either way.
    fn insert(&mut self, new: Entry) {
        'restart: loop {
            if self.members >= self.grow_threshold && self.size() < MAX_SIZE {
                self.grow(self.size() * 2);
            }
            let mut cur = self.bucket(new.hash);
            let mut insertdist = 0u32;
            loop {
                let Some(entry) = self.data[cur as usize] else {
                    self.members += 1;
                    self.data[cur as usize] = Some(new);
                    return;
                };
                if entry.hash == new.hash && entry.group == new.group {
                    return;
                }
                let curdist = self.distance(self.bucket(entry.hash), cur);
                if insertdist > curdist {
                    // Robin hood: the new entry takes this bucket, the run behind it moves on.
                    let mut empty = cur;
                    let mut emptydist = 0u32;
                    loop {
                        empty = self.next(empty);
                        if self.data[empty as usize].is_none() {
                            break;
                        }
                        emptydist += 1;
                        if emptydist > GROW_MAX_MOVE && !self.too_empty_to_grow() {
                            self.grow_threshold = 0;
                            continue 'restart;
                        }
                    }
                    let mut m = empty;
                    while m != cur {
                        let prev = m.wrapping_sub(1) & self.sizemask;
                        self.data[m as usize] = self.data[prev as usize];
                        m = prev;
                    }
                    self.members += 1;
                    self.data[cur as usize] = Some(new);
                    return;
                }
                cur = self.next(cur);
                insertdist += 1;
                if insertdist > GROW_MAX_DIB && !self.too_empty_to_grow() {
                    self.grow_threshold = 0;
                    continue 'restart;
                }
            }
        }
    }

    /// `SH_START_ITERATE` + `SH_ITERATE`: from the first empty bucket, backwards, wrapping.
    fn iterate(&self) -> Vec<usize> {
        let start = self.data.iter().position(Option::is_none).unwrap_or(0);
        let n = self.data.len();
        (0..n).filter_map(|i| self.data[(start + n - i) % n].map(|e| e.group)).collect()
    }
}

/// The order a HashAggregate emits groups in. `rows` gives, for each input row in scan order,
/// its group key's hash (`pghash::hash_key`) and its group number; `nbuckets` is what
/// `hash_choose_num_buckets` chose (the planner's group estimate, capped by memory).
pub fn hash_agg_order(rows: impl IntoIterator<Item = (u32, usize)>, nbuckets: u64) -> Vec<usize> {
    let mut tb = SimpleHash::create(nbuckets.min(u64::from(u32::MAX)) as u32);
    for (hash, group) in rows {
        tb.insert(Entry { hash, group });
    }
    tb.iterate()
}

/// `hash_mem`: work_mem 4MB times hash_mem_multiplier 2.
const HASH_MEM: f64 = 8.0 * 1024.0 * 1024.0;
/// `HASHAGG_READ_BUFFER_SIZE`, `HASHAGG_WRITE_BUFFER_SIZE`: one block each.
const BLCKSZ: f64 = 8192.0;

/// `hash_agg_entry_size` (PostgreSQL 15, 16-byte chunk headers): the hash entry, the group's
/// first tuple, its per-group states and its transition values' memory.
pub fn entry_size(num_trans: usize, input_width: u64, transition_space: u64) -> u64 {
    const CHUNKHDRSZ: u64 = 16;
    let tuple_chunk = CHUNKHDRSZ + 16 + input_width;
    let pergroup = if num_trans > 0 { CHUNKHDRSZ + 16 * num_trans as u64 } else { 0 };
    let transition = if transition_space > 0 { CHUNKHDRSZ + transition_space } else { 0 };
    24 + tuple_chunk + pergroup + transition
}

/// `hash_agg_set_limits`: the memory the hash table may use and the partitions a spill
/// makes (0 when it is not expected to spill).
fn set_limits(entry: f64, groups: f64) -> (f64, f64) {
    if groups * entry <= HASH_MEM {
        return (HASH_MEM, 0.0);
    }
    // hash_choose_num_partitions: a power of two between 4 and 1024.
    let limit = (HASH_MEM * 0.25 - BLCKSZ) / BLCKSZ;
    let wanted = 1.5 * groups * entry;
    let dpartitions = (1.0 + wanted / HASH_MEM).min(limit).clamp(4.0, 1024.0);
    let npartitions = (dpartitions as u64).next_power_of_two() as f64;
    let partition_mem = BLCKSZ + BLCKSZ * npartitions;
    let mem =
        if HASH_MEM > 4.0 * partition_mem { HASH_MEM - partition_mem } else { HASH_MEM * 0.75 };
    (mem, npartitions)
}

/// `hash_choose_num_buckets` over `hash_agg_entry_size`: the group estimate, capped at half
/// of the entries the hash table's memory holds.
pub fn choose_num_buckets(
    num_groups: f64,
    num_trans: usize,
    input_width: u64,
    transition_space: u64,
) -> u64 {
    let entry = entry_size(num_trans, input_width, transition_space);
    let (mem, _) = set_limits(entry as f64, num_groups);
    let max_nbuckets = (mem as u64 / entry) >> 1;
    // The Agg node holds the estimate as a long (truncated), then the table takes a uint32.
    (num_groups as u64).min(max_nbuckets).max(1)
}

/// cost_agg's disk costs of a HashAggregate expected to spill: (startup, total) to add.
pub fn spill_cost(num_groups: f64, entry: u64, input_rows: f64, input_width: u64) -> (f64, f64) {
    let entry = entry as f64;
    let (mem, partitions) = set_limits(entry, num_groups);
    let ngroups_limit = if mem > entry { (mem / entry).floor() } else { 1.0 };
    let nbatches = ((num_groups * entry) / mem).max(num_groups / ngroups_limit).ceil().max(1.0);
    let depth = (nbatches.ln() / partitions.max(2.0).ln()).ceil();
    // relation_byte_size: MAXALIGNed width plus a 24-byte tuple header, in blocks.
    let width = (input_width as f64 / 8.0).ceil() * 8.0;
    let pages = input_rows * (width + 24.0) / BLCKSZ;
    let written = pages * depth * 2.0;
    let read = pages * depth * 2.0;
    let cpu = depth * input_rows * 2.0 * 0.01;
    (written * 4.0 + cpu, written * 4.0 + read + cpu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizing_follows_the_fill_factor() {
        assert_eq!(SimpleHash::create(200).size(), 256);
        assert_eq!(SimpleHash::create(230).size(), 256);
        assert_eq!(SimpleHash::create(231).size(), 256);
        assert_eq!(SimpleHash::create(232).size(), 512);
        assert_eq!(SimpleHash::create(1).size(), 2);
        assert_eq!(SimpleHash::create(1070).size(), 2048);
        assert_eq!(SimpleHash::create(1).grow_threshold, 1);
    }

    #[test]
    fn iteration_runs_backwards_from_the_first_empty_bucket() {
        // Size 8: buckets 1, 3 and 6; the first empty bucket is 0, so 6, 3, 1 come out.
        let order = hash_agg_order([(1, 0), (3, 1), (6, 2), (3, 1)], 5);
        assert_eq!(order, vec![2, 1, 0]);
    }

    #[test]
    fn collisions_shift_and_tables_grow() {
        // Size 2, threshold 1: the second distinct key doubles the table to 4 first.
        let order = hash_agg_order([(0, 0), (4, 1), (1, 2)], 1);
        // Size 4 after it: 0 and 4 both want bucket 0, so 4 goes on to bucket 1 and 1 to
        // bucket 2; bucket 3 is the first empty one.
        assert_eq!(order, vec![2, 1, 0]);
    }
}
