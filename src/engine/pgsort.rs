//! PostgreSQL's in-memory sort (lib/sort_template.h, the qsort tuplesort runs): not stable,
//! so rows that tie on every ORDER BY key come out in the order this exact algorithm leaves.

use std::cmp::Ordering;

/// `ST_MED3`: the median of three positions.
fn med3<T>(
    v: &[T],
    a: usize,
    b: usize,
    c: usize,
    cmp: &mut impl FnMut(&T, &T) -> Ordering,
) -> usize {
    if cmp(&v[a], &v[b]) == Ordering::Less {
        if cmp(&v[b], &v[c]) == Ordering::Less {
            b
        } else if cmp(&v[a], &v[c]) == Ordering::Less {
            c
        } else {
            a
        }
    } else if cmp(&v[b], &v[c]) == Ordering::Greater {
        b
    } else if cmp(&v[a], &v[c]) == Ordering::Less {
        a
    } else {
        c
    }
}

/// `ST_SWAPN`: swaps `n` elements starting at `a` with those starting at `b`.
fn swapn<T>(v: &mut [T], a: usize, b: usize, n: usize) {
    for i in 0..n {
        v.swap(a + i, b + i);
    }
}

/// `ST_SORT`: Bentley and McIlroy's quicksort as PostgreSQL has it: insertion sort below 7
/// elements, an early return when already sorted, median-of-three (ninther above 40) pivot,
/// three-way partitioning, recursion on the smaller side.
pub fn pg_qsort<T>(v: &mut [T], cmp: &mut impl FnMut(&T, &T) -> Ordering) {
    let (mut lo, mut n) = (0usize, v.len());
    loop {
        let a = lo;
        if n < 7 {
            for pm in a + 1..a + n {
                let mut pl = pm;
                while pl > a && cmp(&v[pl - 1], &v[pl]) == Ordering::Greater {
                    v.swap(pl, pl - 1);
                    pl -= 1;
                }
            }
            return;
        }
        if (a + 1..a + n).all(|pm| cmp(&v[pm - 1], &v[pm]) != Ordering::Greater) {
            return;
        }
        let mut pm = a + n / 2;
        if n > 7 {
            let mut pl = a;
            let mut pn = a + n - 1;
            if n > 40 {
                let d = n / 8;
                pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
                pm = med3(v, pm - d, pm, pm + d, cmp);
                pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
            }
            pm = med3(v, pl, pm, pn, cmp);
        }
        v.swap(a, pm);
        let (mut pa, mut pb) = (a + 1, a + 1);
        // pc and pd may step below a + 1 (to a), never below a: the pivot at a stops them.
        let (mut pc, mut pd) = (a + n - 1, a + n - 1);
        loop {
            while pb <= pc {
                let r = cmp(&v[pb], &v[a]);
                if r == Ordering::Greater {
                    break;
                }
                if r == Ordering::Equal {
                    v.swap(pa, pb);
                    pa += 1;
                }
                pb += 1;
            }
            while pb <= pc {
                let r = cmp(&v[pc], &v[a]);
                if r == Ordering::Less {
                    break;
                }
                if r == Ordering::Equal {
                    v.swap(pc, pd);
                    pd -= 1;
                }
                pc -= 1;
            }
            if pb > pc {
                break;
            }
            v.swap(pb, pc);
            pb += 1;
            pc -= 1;
        }
        let pn = a + n;
        let d1 = (pa - a).min(pb - pa);
        swapn(v, a, pb - d1, d1);
        let d1 = (pd - pc).min(pn - pd - 1);
        swapn(v, pb, pn - d1, d1);
        let d1 = pb - pa;
        let d2 = pd - pc;
        if d1 <= d2 {
            if d1 > 1 {
                pg_qsort(&mut v[a..a + d1], cmp);
            }
            if d2 <= 1 {
                return;
            }
            lo = pn - d2;
            n = d2;
        } else {
            if d2 > 1 {
                pg_qsort(&mut v[pn - d2..pn], cmp);
            }
            if d1 <= 1 {
                return;
            }
            n = d1;
        }
    }
}

/// tuplesort's bounded sort (a Sort under a LIMIT of `bound` rows, counting OFFSET): once
/// more than twice the bound have arrived, a heap of the `bound` first rows in reversed
/// order (make_bounded_heap), unheapified at the end (sort_bounded_heap). Rows that tie come
/// out in the heap's order, not quicksort's. Leaves the first `bound` rows, sorted.
pub fn pg_sort_bounded<T>(v: &mut Vec<T>, bound: usize, cmp: &mut impl FnMut(&T, &T) -> Ordering) {
    if bound == 0 || v.len() <= bound.saturating_mul(2) {
        pg_qsort(v, cmp);
        return;
    }
    let mut rev = |a: &T, b: &T| cmp(b, a);
    let mut heap: Vec<T> = Vec::with_capacity(bound);
    for item in v.drain(..) {
        if heap.len() < bound {
            // tuplesort_heap_insert: sift up.
            heap.push(item);
            let mut j = heap.len() - 1;
            while j > 0 {
                let i = (j - 1) >> 1;
                if rev(&heap[j], &heap[i]) != Ordering::Less {
                    break;
                }
                heap.swap(i, j);
                j = i;
            }
        } else if rev(&item, &heap[0]) != Ordering::Greater {
            // Not below the largest kept: discarded.
        } else {
            heap[0] = item;
            sift_down(&mut heap, &mut rev);
        }
    }
    let mut n = heap.len();
    while n > 1 {
        heap.swap(0, n - 1);
        n -= 1;
        sift_down(&mut heap[..n], &mut rev);
    }
    *v = heap;
}

/// tuplesort_heap_replace_top: the entry at the top sinks to its place.
fn sift_down<T>(h: &mut [T], cmp: &mut impl FnMut(&T, &T) -> Ordering) {
    let n = h.len();
    let mut i = 0;
    loop {
        let mut j = 2 * i + 1;
        if j >= n {
            break;
        }
        if j + 1 < n && cmp(&h[j], &h[j + 1]) == Ordering::Greater {
            j += 1;
        }
        if cmp(&h[i], &h[j]) != Ordering::Greater {
            break;
        }
        h.swap(i, j);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_any_sort() {
        let mut v: Vec<i64> = (0..500).map(|i| (i * 7919) % 263).collect();
        let mut expected = v.clone();
        expected.sort();
        pg_qsort(&mut v, &mut |a, b| a.cmp(b));
        assert_eq!(v, expected);
    }

    #[test]
    fn small_inputs_keep_ties_in_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e'), (2, 'f')];
        pg_qsort(&mut v, &mut |a, b| a.0.cmp(&b.0));
        assert_eq!(v, vec![(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c'), (2, 'f')]);
    }

    #[test]
    fn larger_inputs_reorder_ties() {
        // Seven elements take the quicksort path: ties equal to the pivot move.
        let mut v = vec![(1, 'a'), (2, 'b'), (1, 'c'), (2, 'd'), (1, 'e'), (2, 'f'), (0, 'g')];
        pg_qsort(&mut v, &mut |a, b| a.0.cmp(&b.0));
        let keys: Vec<i32> = v.iter().map(|p| p.0).collect();
        assert_eq!(keys, vec![0, 1, 1, 1, 2, 2, 2]);
    }
}
