//! PostgreSQL's "Perhaps you meant to reference the column ..." hint for an unknown column:
//! the closest column name of the relations in scope (parse_relation.c's fuzzy match).

use crate::engine::expr::ScopeColumn;

/// Farther than this (in edits) is no suggestion.
const MAX_FUZZY_DISTANCE: usize = 3;

/// The hint for column `name` (written `qualifier.name` when qualified) not found among
/// `columns`; None when no column is close, or two are equally close and a third ties.
pub fn hint(columns: &[ScopeColumn], qualifier: Option<&str>, name: &str) -> Option<String> {
    // The best distance so far and up to two columns at it; `None` in first with a distance
    // means that distance is taken by too many matches.
    let mut distance = MAX_FUZZY_DISTANCE + 1;
    let mut first: Option<&ScopeColumn> = None;
    let mut second: Option<&ScopeColumn> = None;
    let hidden = crate::engine::partition_tree::TABLEOID;
    for c in columns {
        let Some(relation) = c.qualifier.as_deref() else { continue };
        if c.name == hidden || c.name.is_empty() {
            continue;
        }
        // A qualified reference also pays for the distance of its qualifier.
        let penalty = qualifier.map_or(0, |q| levenshtein(q, relation));
        if penalty > MAX_FUZZY_DISTANCE || penalty > distance {
            continue;
        }
        let d = levenshtein(&c.name, name);
        if d > name.len() / 2 {
            continue;
        }
        let d = d + penalty;
        if d < distance {
            distance = d;
            first = Some(c);
            second = None;
        } else if d == distance {
            if second.is_some() {
                first = None;
                second = None;
            } else if first.is_some() {
                second = Some(c);
            }
        }
    }
    let label =
        |c: &ScopeColumn| format!("\"{}.{}\"", c.qualifier.as_deref().unwrap_or(""), c.name);
    match (first, second) {
        (Some(a), None) => Some(format!("Perhaps you meant to reference the column {}.", label(a))),
        (Some(a), Some(b)) => Some(format!(
            "Perhaps you meant to reference the column {} or the column {}.",
            label(a),
            label(b)
        )),
        _ => None,
    }
}

/// Edit distance in bytes, each insertion, deletion and substitution costing 1.
fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::levenshtein;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(levenshtein("amount", "amont"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
