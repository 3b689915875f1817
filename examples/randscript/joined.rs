//! The random statements that join a child table with its parent along a generated foreign
//! key: UPDATE ... FROM, DELETE ... USING, data-modifying WITH, DISTINCT ON, json_agg,
//! UNION ALL, views and EXPLAIN (COSTS OFF), run after the workload changed the tables.

use super::{Fk, Keys, Rng};

/// One statement over `fk`'s child (`c`) and parent (`p`) tables, named `child` and `parent`;
/// `view` is a name the script may create a view under, `key` a key literal.
pub fn statement(
    r: &mut Rng,
    fk: &Fk,
    child: &str,
    parent: &str,
    view: &str,
    keys: Keys,
) -> String {
    let col = &fk.columns[0];
    let key = keys.lit(1 + r.below(6));
    let kind = r.below(11);
    match focus().unwrap_or(kind) {
        0 => format!(
            // The child rows take a value from their parent: each target row once, with the
            // first parent row the join meets.
            "UPDATE {child} c SET v = p.v || 'f' FROM {parent} p WHERE p.id = c.{col}{}{}",
            r.pick(&["", " AND p.k1 IS NOT NULL", " AND c.k2 IS NULL"]),
            r.pick(&["", " RETURNING c.id, p.id, c.v"]),
        ),
        1 => format!(
            "DELETE FROM {child} c USING {parent} p WHERE p.id = c.{col} AND p.k2 = {}{}",
            keys.lit(r.below(3)),
            r.pick(&["", " RETURNING c.id, p.v", " RETURNING *"]),
        ),
        2 => format!(
            // A parent deleted through a data-modifying WITH: its cascade or its refusal, and
            // the rows the WITH returned.
            "WITH gone AS (DELETE FROM {parent} WHERE id = {key} RETURNING id, v) SELECT * FROM gone"
        ),
        3 => match r.below(5) {
            // Grouped over a data-modifying WITH (a CTE Scan), a plain WITH query read once
            // (inlined) or a subquery in FROM (pulled up): groups in PostgreSQL's hash order.
            0 => format!(
                "WITH moved AS (UPDATE {child} SET v = v || 'w' WHERE {col} IS NOT NULL RETURNING id, {col}) SELECT * FROM moved WHERE id IS NOT NULL"
            ),
            1 => format!(
                "WITH moved AS (UPDATE {child} SET v = v || 'w' WHERE {} RETURNING id, {col}) SELECT {col}, count(*) FROM moved GROUP BY {col}",
                r.pick(&[&format!("{col} IS NOT NULL"), "k1 IS NULL", "true"])
            ),
            2 => format!(
                "WITH gone AS (DELETE FROM {child} WHERE k2 = {} RETURNING id, {col}, v) SELECT DISTINCT {col} FROM gone",
                keys.lit(r.below(3))
            ),
            3 => format!(
                "SELECT {col}, count(*), max(v) FROM (SELECT * FROM {child} WHERE {}) s GROUP BY {col}",
                r.pick(&["k1 IS NOT NULL", "true", "v <> 'v2'"])
            ),
            _ => format!(
                "WITH w AS (SELECT id, {col}, k1 FROM {child} WHERE {}) SELECT {}",
                r.pick(&["k2 IS NOT NULL", "true"]),
                r.pick(&[
                    &format!("DISTINCT {col} FROM w"),
                    &format!("{col}, count(*) FROM w GROUP BY {col}"),
                ]),
            ),
        },
        4 => format!(
            "SELECT DISTINCT ON ({col}) {col}, id, v FROM {child} ORDER BY {col}, id{}",
            r.pick(&["", " DESC"])
        ),
        5 => format!(
            // Beside an ordered aggregate (a sorted GroupAggregate) an unordered one meets a
            // group's rows in the order PostgreSQL's unstable Sort by the group key left them.
            "SELECT {col}, json_agg(id ORDER BY id), {} FROM {child} GROUP BY {col}",
            r.pick(&[
                "json_agg(v) FILTER (WHERE k1 IS NOT NULL)",
                "array_agg(id)",
                "string_agg(v, ','), array_agg(k2 ORDER BY k2 DESC)",
            ])
        ),
        6 => {
            // Set operations of one-table SELECTs, unordered: hashed or sorted, and which arm
            // fills the hash table, as PostgreSQL plans them.
            let op = r.pick(&[
                "UNION",
                "UNION ALL",
                "INTERSECT",
                "INTERSECT ALL",
                "EXCEPT",
                "EXCEPT ALL",
            ]);
            let (left, right) = match r.below(3) {
                0 => ("id, v".to_string(), format!("{col}, v")),
                1 => ("k1".to_string(), col.to_string()),
                _ => ("k1, k2".to_string(), "k2, k1".to_string()),
            };
            format!(
                "SELECT {left} FROM {parent} WHERE {} {op} SELECT {right} FROM {child} WHERE {}",
                r.pick(&["k1 IS NOT NULL", "true", "id <> 2"]),
                r.pick(&["k2 IS NOT NULL", "true", &format!("{col} IS NOT NULL")]),
            )
        }
        7 => format!(
            "CREATE VIEW {view} AS SELECT c.id, c.v, p.id AS pid, p.v AS pv FROM {child} c JOIN {parent} p ON p.id = c.{col};\nSELECT * FROM {view};\nSELECT pid, count(*) FROM {view} GROUP BY pid ORDER BY pid;\nDROP VIEW {view}"
        ),
        8 => format!(
            "EXPLAIN (COSTS OFF) {}",
            r.pick(&[
                &format!("SELECT * FROM {child} WHERE id = {key}"),
                &format!("SELECT * FROM {child} WHERE {col} = {key}"),
                &format!("DELETE FROM {parent} WHERE id = {key}"),
                &format!("SELECT * FROM {child} c JOIN {parent} p ON p.id = c.{col}"),
                &format!(
                    "SELECT * FROM {child} c WHERE NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{col})"
                ),
                &format!("SELECT k1, count(*) FROM {child} GROUP BY k1"),
            ])
        ),
        10 => {
            // Grouped or DISTINCT over the child joined with its parent (inner or LEFT),
            // unordered: a HashAggregate or a Sort + GroupAggregate / Unique above the hash
            // join, as PostgreSQL plans them (`join_group.rs`).
            let joins = [
                format!("{child} c JOIN {parent} p ON p.id = c.{col}"),
                format!("{parent} p JOIN {child} c ON c.{col} = p.id"),
                format!("{parent} p LEFT JOIN {child} c ON c.{col} = p.id"),
                format!("{child} c LEFT JOIN {parent} p ON p.id = c.{col}"),
                format!("{child} c, {parent} p WHERE p.id = c.{col}"),
            ];
            let join = &joins[r.below(joins.len())];
            let filter = r.pick(&["", "", " c.k1 IS NOT NULL", " p.k2 IS NOT NULL", " c.v <> 'v2'"]);
            let filter = match (filter, join.contains(" WHERE ")) {
                ("", _) => String::new(),
                (f, true) => format!(" AND{f}"),
                (f, false) => format!(" WHERE{f}"),
            };
            let distinct = format!("DISTINCT c.{col} FROM {join}{filter}");
            let shapes = [
                format!("p.v, count(*) FROM {join}{filter} GROUP BY p.v"),
                format!("p.id, p.v, count(c.id) FROM {join}{filter} GROUP BY p.id, p.v"),
                format!("c.k1, p.k2, count(*), max(c.v) FROM {join}{filter} GROUP BY c.k1, p.k2"),
                format!("p.k1, string_agg(c.v, ',') FROM {join}{filter} GROUP BY p.k1"),
                format!("DISTINCT p.v, c.k2 FROM {join}{filter}"),
                distinct,
                format!(
                    "p.k2, count(*) FILTER (WHERE c.k1 IS NOT NULL) FROM {join}{filter} GROUP BY p.k2 HAVING count(*) > 1"
                ),
            ];
            let shape = &shapes[r.below(shapes.len())];
            let explain = r.pick(&["", "", "EXPLAIN (COSTS OFF) "]);
            format!("{explain}SELECT {shape}")
        }
        _ => {
            // Correlated: each child with its parent's value; filtered by IN (subquery), a
            // semi join the children probe (in their scan's order).
            let filter = match r.below(3) {
                0 => "true".to_string(),
                1 => "k1 IS NOT NULL".to_string(),
                _ => format!("id IN (SELECT {col} FROM {child})"),
            };
            format!(
                "SELECT id, (SELECT p.v FROM {parent} p WHERE p.id = c.{col}) AS pv FROM {child} c WHERE {filter}"
            )
        }
    }
}

/// `DIFFTEST_JOINED=N`: every query is joined statement N (to hunt one kind's differences).
pub fn focus() -> Option<usize> {
    std::env::var("DIFFTEST_JOINED").ok().and_then(|v| v.parse().ok())
}
