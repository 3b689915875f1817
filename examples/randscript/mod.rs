//! Random scripts for the differential testers (difftest, fixcheck): random schemas with random
//! foreign keys (chains, diamonds, self and mutual references, composite keys, MATCH FULL,
//! every action, deferrable) and random workloads (multi-row and bulk writes, transactions,
//! savepoints, SET CONSTRAINTS), and psql to run them on PostgreSQL.

mod joined;

use std::fmt::Write as _;
use std::process::{Command, Stdio};

/// xorshift64: the same seed gives the same scripts.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True `percent` times in 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The type and spacing of a script's key columns: dense or sparse integers, big integers past
/// 32 bits, or text, so every way fksim stores and indexes keys meets PostgreSQL.
#[derive(Clone, Copy)]
enum Keys {
    /// `int`, values `v * stride`.
    Int(i64),
    /// `bigint`, values `3000000000 + v`.
    Big,
    /// `text`, values `'v'`.
    Text,
}

impl Keys {
    fn pick(r: &mut Rng) -> Keys {
        match r.below(6) {
            0 => Keys::Int(1_000_003),
            1 => Keys::Int(-7),
            2 => Keys::Big,
            3 => Keys::Text,
            _ => Keys::Int(1),
        }
    }
    fn sql_type(self) -> &'static str {
        match self {
            Keys::Int(_) => "int",
            Keys::Big => "bigint",
            Keys::Text => "text",
        }
    }
    /// Key number `v` as a literal.
    fn lit(self, v: usize) -> String {
        match self {
            Keys::Int(stride) => (v as i64 * stride).to_string(),
            Keys::Big => (3_000_000_000 + v as i64).to_string(),
            Keys::Text => format!("'{v}'"),
        }
    }
    /// Key number `expr` (an integer expression) as an expression of the key type.
    fn expr(self, e: &str) -> String {
        match self {
            Keys::Int(stride) => format!("({e}) * {stride}"),
            Keys::Big => format!("3000000000 + ({e})"),
            Keys::Text => format!("CAST({e} AS text)"),
        }
    }
}

/// How many rows each table starts with when a script seeds its tables: keys 1 to 7 give
/// distinct (k1, k2) = (i % 4, i % 3).
const SEED_ROWS: usize = 7;

/// One generated foreign key: child columns → parent columns.
struct Fk {
    name: String,
    child: usize,
    parent: usize,
    columns: Vec<String>,
}

/// A random schema and workload, with table names unique to script `n`.
pub fn script(r: &mut Rng, n: usize) -> String {
    let tables = 2 + r.below(5);
    let name = |i: usize| format!("s{n}_t{i}");
    let mut sql = String::new();
    let mut fks: Vec<Fk> = Vec::new();
    let mut fk_cols: Vec<Vec<String>> = vec![Vec::new(); tables];
    let mut late: Vec<String> = Vec::new();
    let keys = Keys::pick(r);
    let ty = keys.sql_type();
    for (t, child_cols) in fk_cols.iter_mut().enumerate() {
        let mut cols = vec![
            format!("id {ty} PRIMARY KEY"),
            format!("k1 {ty}"),
            format!("k2 {ty}"),
            "v text".into(),
        ];
        let mut constraints = vec!["UNIQUE (k1, k2)".to_string()];
        let links = if t == 0 { usize::from(r.chance(30)) } else { 1 + r.below(2) };
        for j in 0..links {
            // Earlier tables, itself, or (added later by ALTER) a later one: chains, diamonds, self and mutual references.
            let parent = if r.chance(15) || t == 0 {
                t
            } else if r.chance(15) && t + 1 < tables {
                t + 1
            } else {
                r.below(t)
            };
            let composite = r.chance(35);
            let prefix = format!("f{j}");
            let not_null = r.chance(20) && parent < t;
            let default = if r.chance(30) {
                format!(" DEFAULT {}", keys.lit(r.below(3)))
            } else {
                String::new()
            };
            let null = if not_null { " NOT NULL" } else { "" };
            let columns: Vec<String> = if composite {
                vec![format!("{prefix}a"), format!("{prefix}b")]
            } else {
                vec![format!("{prefix}a")]
            };
            for c in &columns {
                cols.push(format!("{c} {ty}{null}{default}"));
            }
            let target = if composite { "(k1, k2)" } else { "(id)" };
            let action = |r: &mut Rng| {
                r.pick(&["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]).to_string()
            };
            let (del, upd) = (action(r), action(r));
            let matching = if composite && r.chance(40) { " MATCH FULL" } else { "" };
            let deferral = r.pick(&["", "", " DEFERRABLE", " DEFERRABLE INITIALLY DEFERRED"]);
            let fk_name = format!("s{n}_fk{t}_{j}");
            let clause = format!(
                "CONSTRAINT {fk_name} FOREIGN KEY ({}) REFERENCES {}{target}{matching} ON DELETE {del} ON UPDATE {upd}{deferral}",
                columns.join(", "),
                name(parent)
            );
            if parent > t {
                late.push(format!("ALTER TABLE {} ADD {clause};", name(t)));
            } else {
                constraints.push(clause);
            }
            child_cols.extend(columns.iter().cloned());
            fks.push(Fk { name: fk_name, child: t, parent, columns });
        }
        cols.extend(constraints);
        let _ = writeln!(sql, "CREATE TABLE {} ({});", name(t), cols.join(", "));
    }
    for l in late {
        sql.push_str(&l);
        sql.push('\n');
    }
    let mut next_id = 1;
    if r.chance(70) {
        // Rows that reference each other from the start, so deletes and key updates meet
        // children: row i of each table links to a random row of an earlier table, and to row
        // i / 2 of its own (a tree: 1 is the root, 2 and 3 its children, ...).
        for t in 0..tables {
            let mut rows = Vec::new();
            for i in 1..=SEED_ROWS {
                let mut v = vec![keys.lit(i), keys.lit(i % 4), keys.lit(i % 3), format!("'v{i}'")];
                for fk in fks.iter().filter(|f| f.child == t) {
                    let target = match fk.parent.cmp(&t) {
                        std::cmp::Ordering::Less => Some(1 + r.below(SEED_ROWS)),
                        std::cmp::Ordering::Equal if i > 1 => Some(i / 2),
                        _ => None,
                    };
                    match (target, fk.columns.len()) {
                        (None, n) => v.extend(std::iter::repeat_n("NULL".to_string(), n)),
                        (Some(j), 1) => v.push(keys.lit(j)),
                        (Some(j), _) => {
                            v.push(keys.lit(j % 4));
                            v.push(keys.lit(j % 3));
                        }
                    }
                }
                rows.push(format!("({})", v.join(", ")));
            }
            let _ = writeln!(sql, "INSERT INTO {} VALUES {};", name(t), rows.join(", "));
        }
        next_id = SEED_ROWS + 1;
    }
    let mut in_block = false;
    let dump = |sql: &mut String| {
        for t in 0..tables {
            let _ = writeln!(sql, "SELECT * FROM {} ORDER BY id;", name(t));
        }
    };
    let small = |r: &mut Rng| if r.chance(12) { "NULL".to_string() } else { keys.lit(r.below(4)) };
    // Conditions of every shape people write: some served by an index (equality, ranges, IN,
    // BETWEEN, IS NULL on a key), some not (arithmetic, a column no index leads with), so the
    // order PostgreSQL's plan meets rows in decides which bad row an error names.
    let text = matches!(keys, Keys::Text);
    let odd = if text { "id || '' < '5'" } else { "id % 2 = 0" };
    let third = if text { "id || '' >= '3'" } else { "id % 3 = 0" };
    let condition = |r: &mut Rng, next_id: usize| {
        let k = |r: &mut Rng| keys.lit(r.below(next_id + 1));
        match r.below(12) {
            0 => format!("k1 = {}", keys.lit(1)),
            1 => format!("k2 = {}", keys.lit(2)),
            2 => format!("id > {}", k(r)),
            3 => format!("id < {}", k(r)),
            4 => format!("id BETWEEN {} AND {}", k(r), k(r)),
            5 => format!("id IN ({}, {}, {})", k(r), k(r), k(r)),
            6 => format!("k1 IN ({}, {})", keys.lit(0), keys.lit(2)),
            7 => "k1 IS NULL".to_string(),
            8 => "k2 IS NULL".to_string(),
            9 => odd.to_string(),
            10 => third.to_string(),
            _ => "true".to_string(),
        }
    };
    let bump = if matches!(keys, Keys::Text) { "k1 || '1'" } else { "k1 + 1" };
    for _ in 0..(10 + r.below(25)) {
        let t = r.below(tables);
        // 20 to 29: mostly queries, so a script runs several after its writes.
        match r.below(30) {
            0..=6 => {
                let rows = 1 + r.below(3);
                let mut values = Vec::new();
                for _ in 0..rows {
                    let mut v =
                        vec![keys.lit(next_id), small(r), small(r), format!("'v{next_id}'")];
                    next_id += 1;
                    for _ in &fk_cols[t] {
                        v.push(small(r));
                    }
                    values.push(format!("({})", v.join(", ")));
                }
                let _ = writeln!(sql, "INSERT INTO {} VALUES {};", name(t), values.join(", "));
            }
            7..=9 => {
                let col = if !fk_cols[t].is_empty() && r.chance(50) {
                    fk_cols[t][r.below(fk_cols[t].len())].clone()
                } else {
                    r.pick(&["k1", "k2", "v"]).to_string()
                };
                let value = if col == "v" { format!("'u{}'", r.below(9)) } else { small(r) };
                // Sometimes a key set to itself: PostgreSQL's update is then HOT, and index scans
                // keep meeting the row where it was first stored.
                let value = if col != "v" && r.chance(15) { col.clone() } else { value };
                let cond = condition(r, next_id);
                let _ = writeln!(sql, "UPDATE {} SET {col} = {value} WHERE {cond};", name(t));
            }
            10 => {
                let _ = writeln!(
                    sql,
                    "UPDATE {} SET k1 = {bump} WHERE id = {};",
                    name(t),
                    keys.lit(1 + r.below(next_id))
                );
            }
            11 => {
                // An upsert: a new row or an existing id (ON CONFLICT decides).
                let id = keys.lit(1 + r.below(next_id + 1));
                let mut v = vec![id, small(r), small(r), format!("'p{}'", r.below(9))];
                for _ in &fk_cols[t] {
                    v.push(small(r));
                }
                let action = r.pick(&[
                    "DO NOTHING",
                    "DO UPDATE SET v = EXCLUDED.v",
                    "DO UPDATE SET k2 = EXCLUDED.k2, v = t.v || EXCLUDED.v WHERE t.k1 IS NOT NULL",
                ]);
                let _ = writeln!(
                    sql,
                    "INSERT INTO {} AS t VALUES ({}) ON CONFLICT (id) {action};",
                    name(t),
                    v.join(", ")
                );
                next_id += 1;
            }
            12..=13 => {
                let cond = if r.chance(20) {
                    format!("id = {}", keys.lit(1 + r.below(next_id)))
                } else {
                    condition(r, next_id)
                };
                let _ = writeln!(sql, "DELETE FROM {} WHERE {cond};", name(t));
            }
            14 if !in_block => {
                sql.push_str("BEGIN;\n");
                // Deferring every deferrable key at once: their checks wait for COMMIT or SET
                // CONSTRAINTS ... IMMEDIATE, where the failures are of another kind.
                if r.chance(40) {
                    sql.push_str("SET CONSTRAINTS ALL DEFERRED;\n");
                }
                in_block = true;
            }
            15 if in_block => {
                sql.push_str(r.pick(&["COMMIT;\n", "COMMIT;\n", "ROLLBACK;\n"]));
                in_block = false;
                dump(&mut sql);
            }
            16 if in_block => sql.push_str(r.pick(&[
                "SAVEPOINT sp;\n",
                "ROLLBACK TO SAVEPOINT sp;\n",
                "RELEASE SAVEPOINT sp;\n",
            ])),
            17 if in_block => sql.push_str(
                r.pick(&["SET CONSTRAINTS ALL DEFERRED;\n", "SET CONSTRAINTS ALL IMMEDIATE;\n"]),
            ),
            18 if !fks.is_empty() => {
                let fk = &fks[r.below(fks.len())];
                let _ =
                    writeln!(sql, "ALTER TABLE {} DROP CONSTRAINT {};", name(fk.child), fk.name);
            }
            19 if !fks.is_empty() => {
                let fk = &fks[r.below(fks.len())];
                let parent = r.below(tables);
                let target = if fk.columns.len() == 2 { "(k1, k2)" } else { "(id)" };
                let _ = writeln!(
                    sql,
                    "ALTER TABLE {} ADD CONSTRAINT {}x FOREIGN KEY ({}) REFERENCES {}{target} ON DELETE {};",
                    name(fk.child),
                    fk.name,
                    fk.columns.join(", "),
                    name(parent),
                    r.pick(&["CASCADE", "SET NULL", "NO ACTION"])
                );
            }
            _ if r.chance(30) => {
                // A bulk insert: rows made by generate_series, checked at the end of the statement.
                let rows = 1 + r.below(40);
                let (from, to) = (next_id, next_id + rows - 1);
                next_id += rows;
                let mut names = vec!["id".to_string(), "k1".into(), "k2".into(), "v".into()];
                let mut exprs = vec![
                    keys.expr("value"),
                    keys.expr("value % 4"),
                    keys.expr("value % 3"),
                    "'b'".into(),
                ];
                for c in &fk_cols[t] {
                    names.push(c.clone());
                    exprs.push(if r.chance(20) {
                        "NULL".into()
                    } else {
                        keys.expr(&format!("value % {}", 2 + r.below(4)))
                    });
                }
                let _ = writeln!(
                    sql,
                    "INSERT INTO {} ({}) SELECT {} FROM generate_series({from}, {to}) AS value;",
                    name(t),
                    names.join(", "),
                    exprs.join(", ")
                );
            }
            k if k >= 20 || r.chance(60) => {
                // A query without ORDER BY: its rows come in the order PostgreSQL's plan meets
                // them, groups in the order of its hash table.
                let cond = condition(r, next_id);
                let single: Vec<&Fk> = fks.iter().filter(|f| f.columns.len() == 1).collect();
                let pick_fk = |r: &mut Rng| single[r.below(single.len())];
                let shape = r.below(25);
                let shape = if joined::focus().is_some() { 21 } else { shape };
                let query = match shape {
                    21..=24 if !single.is_empty() => {
                        let fk = pick_fk(r);
                        let view = format!("s{n}_view");
                        let (c, p) = (name(fk.child), name(fk.parent));
                        joined::statement(r, fk, &c, &p, &view, keys)
                    }
                    16 => {
                        // JOIN ... USING: the merged column first in `*`. A table with itself
                        // on its key: other joins of two keyed tables hit plan choices (merge
                        // joins, which side is hashed after updates) fksim does not imitate,
                        // with ON as with USING.
                        let join = r.pick(&["", "LEFT ", "RIGHT "]);
                        let list = r.pick(&["*", "id, x.k1, y.v", "count(*)"]);
                        format!("SELECT {list} FROM {a} x {join}JOIN {a} y USING (id)", a = name(t))
                    }
                    17 => {
                        // Arrays: constructors, subscripts, operators, functions, unnest.
                        let e = r.pick(&[
                            "ARRAY[k1, k2] @> ARRAY[k1], (ARRAY[k1, k2])[2], array_length(ARRAY[k1, k2, id], 1)",
                            "unnest(ARRAY[k1, k2])",
                            "array_position(ARRAY[k1, k2], k2), array_remove(ARRAY[k1, k2, k1], k1)",
                            "array_to_string(ARRAY[k1, k2], '-', '?'), string_to_array(v, 'b')",
                            "ARRAY[id] || ARRAY[k1, k2] && ARRAY[k2], cardinality(ARRAY[v])",
                        ]);
                        format!("SELECT id, {e} FROM {} WHERE {cond}", name(t))
                    }
                    19 if !single.is_empty() => {
                        // A join whose sides WHERE filters: the filter decides the hashed side.
                        let fk = pick_fk(r);
                        let col = &fk.columns[0];
                        let filter = match r.below(7) {
                            0 => "c.k1 = 1".to_string(),
                            1 => "p.k2 = 0".to_string(),
                            2 => "c.k1 < 2".to_string(),
                            3 => "p.v = 'v3'".to_string(),
                            4 => "c.id > 3 AND p.k1 = 2".to_string(),
                            5 => "p.id = 2".to_string(),
                            _ => format!("c.{col} = 3"),
                        };
                        format!(
                            "SELECT c.id, p.id, p.v FROM {} c {} JOIN {} p ON p.id = c.{col} WHERE {filter}",
                            name(fk.child),
                            r.pick(&["", "LEFT"]),
                            name(fk.parent),
                        )
                    }
                    20 if !single.is_empty() => {
                        // Three tables along two keys, as a JOIN chain or a FROM list.
                        let fk = pick_fk(r);
                        let next: Vec<&&Fk> =
                            single.iter().filter(|f| f.child == fk.parent).collect();
                        let filter =
                            r.pick(&["", " AND a.k1 = 1", " AND b.k2 < 2", " AND c.v = 'v2'"]);
                        match next.first() {
                            Some(up) if r.chance(50) => format!(
                                "SELECT a.id, b.id, c.id FROM {} a JOIN {} b ON b.id = a.{} JOIN {} c ON c.id = b.{} WHERE true{filter}",
                                name(fk.child),
                                name(fk.parent),
                                fk.columns[0],
                                name(up.parent),
                                up.columns[0],
                            ),
                            Some(up) => format!(
                                "SELECT a.id, b.id, c.id FROM {} c, {} b, {} a WHERE b.id = a.{} AND c.id = b.{}{filter}",
                                name(up.parent),
                                name(fk.parent),
                                name(fk.child),
                                fk.columns[0],
                                up.columns[0],
                            ),
                            None => format!(
                                "SELECT a.id, b.id FROM {} b, {} a WHERE b.id = a.{}{}",
                                name(fk.parent),
                                name(fk.child),
                                fk.columns[0],
                                r.pick(&["", " AND a.k1 = 1", " AND b.k2 < 2"]),
                            ),
                        }
                    }
                    13 => {
                        // Window functions: WindowAgg's sorts decide the row order.
                        let w = r.pick(&[
                            "row_number() OVER (PARTITION BY k1 ORDER BY k2)",
                            "rank() OVER (ORDER BY k2 DESC), count(*) OVER ()",
                            "sum(length(v)) OVER (PARTITION BY k2 ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
                            "dense_rank() OVER (ORDER BY k1), lag(id) OVER (PARTITION BY k1 ORDER BY id)",
                            "first_value(v) OVER (PARTITION BY k1 ORDER BY v), ntile(2) OVER (ORDER BY id)",
                        ]);
                        format!("SELECT id, k1, {w} FROM {} WHERE {cond}", name(t))
                    }
                    14 => format!(
                        "SELECT k1, count(*) FILTER (WHERE k2 IS NOT NULL), string_agg(v, ',' ORDER BY id), array_agg(k2 ORDER BY k2 DESC) FROM {} GROUP BY k1",
                        name(t)
                    ),
                    15 if !single.is_empty() => {
                        // The top children per parent, through LATERAL.
                        let fk = pick_fk(r);
                        let (join, on) = if r.chance(50) {
                            (", LATERAL", "")
                        } else {
                            ("LEFT JOIN LATERAL", " ON true")
                        };
                        format!(
                            "SELECT p.id, c.id FROM {} p {join} (SELECT id FROM {} c WHERE c.{} = p.id ORDER BY id DESC LIMIT 2) c{on}",
                            name(fk.parent),
                            name(fk.child),
                            fk.columns[0],
                        )
                    }
                    5 if !single.is_empty() => {
                        // Parents with their children: a hash join probing with the children.
                        let fk = pick_fk(r);
                        format!(
                            "SELECT * FROM {} p {} JOIN {} c ON c.{} = p.id",
                            name(fk.parent),
                            r.pick(&["", "LEFT", "RIGHT", "FULL"]),
                            name(fk.child),
                            fk.columns[0]
                        )
                    }
                    6 if !single.is_empty() => {
                        // Children with their parents, and the orphan check.
                        let fk = pick_fk(r);
                        format!(
                            "SELECT c.id, p.v FROM {} c {} JOIN {} p ON p.id = c.{}{}",
                            name(fk.child),
                            r.pick(&["", "LEFT", "RIGHT", "FULL"]),
                            name(fk.parent),
                            fk.columns[0],
                            r.pick(&["", " WHERE p.id IS NULL", " WHERE c.k1 IS NOT NULL"])
                        )
                    }
                    7 if !single.is_empty() => {
                        // The other orphan check: a correlated [NOT] EXISTS.
                        let fk = pick_fk(r);
                        format!(
                            "SELECT * FROM {} c WHERE {}EXISTS (SELECT 1 FROM {} p WHERE p.id = c.{})",
                            name(fk.child),
                            r.pick(&["", "NOT "]),
                            name(fk.parent),
                            fk.columns[0]
                        )
                    }
                    8 if !single.is_empty() => {
                        // A count per parent, as a scalar subquery in the select list.
                        let fk = pick_fk(r);
                        format!(
                            "SELECT id, (SELECT count(*) FROM {} c WHERE c.{} = p.id) AS n FROM {} p",
                            name(fk.child),
                            fk.columns[0],
                            name(fk.parent)
                        )
                    }
                    9 => format!(
                        "SELECT id FROM {} a WHERE k1 {}IN (SELECT k2 FROM {} b WHERE b.id <> a.id) ORDER BY id",
                        name(t),
                        r.pick(&["", "NOT "]),
                        name(r.below(tables))
                    ),
                    10 => format!(
                        "WITH w AS (SELECT id, k1 FROM {} WHERE {cond}) SELECT * FROM w WHERE k1 IS NOT NULL",
                        name(t)
                    ),
                    11 if fks.iter().any(|f| f.child == f.parent && f.columns.len() == 1) => {
                        // Everything a cascade from one row would reach, through a self-reference.
                        let fk = fks
                            .iter()
                            .find(|f| f.child == f.parent && f.columns.len() == 1)
                            .expect("checked");
                        // UNION ALL keeps a depth so a cycle (a row its own ancestor) ends.
                        let start = keys.lit(1 + r.below(next_id));
                        if r.chance(50) {
                            format!(
                                "WITH RECURSIVE reach AS (SELECT id FROM {t} WHERE id = {start} UNION SELECT c.id FROM {t} c JOIN reach ON c.{} = reach.id) SELECT * FROM reach",
                                fk.columns[0],
                                t = name(fk.child)
                            )
                        } else {
                            format!(
                                "WITH RECURSIVE reach AS (SELECT id, 1 AS depth FROM {t} WHERE id = {start} UNION ALL SELECT c.id, depth + 1 FROM {t} c JOIN reach ON c.{} = reach.id WHERE depth < 4) SELECT * FROM reach",
                                fk.columns[0],
                                t = name(fk.child)
                            )
                        }
                    }
                    12 => format!(
                        "SELECT k1 FROM {} {} SELECT k2 FROM {} ORDER BY 1",
                        name(t),
                        r.pick(&["UNION", "UNION ALL", "INTERSECT", "EXCEPT ALL"]),
                        name(r.below(tables))
                    ),
                    0 => format!("SELECT k1, count(*) FROM {} GROUP BY k1", name(t)),
                    1 => format!("SELECT DISTINCT k2 FROM {} WHERE {cond}", name(t)),
                    2 => format!(
                        "SELECT k1, k2, count(*) FROM {} WHERE {cond} GROUP BY k1, k2",
                        name(t)
                    ),
                    _ => format!("SELECT * FROM {} WHERE {cond}", name(t)),
                };
                let _ = writeln!(sql, "{query};");
            }
            _ => {}
        }
    }
    if in_block {
        sql.push_str("COMMIT;\n");
    }
    dump(&mut sql);
    sql
}

/// What psql prints for `sql` in a fresh database.
pub fn postgres(sql: &str, db: &str) -> Result<String, String> {
    let admin =
        |q: &str| Command::new("psql").args(["-X", "-q", "-d", "postgres", "-c", q]).output();
    let _ = admin(&format!("DROP DATABASE IF EXISTS {db}"));
    let created = admin(&format!("CREATE DATABASE {db}")).map_err(|e| e.to_string())?;
    if !created.status.success() {
        return Err(format!(
            "no PostgreSQL server answers: {}",
            String::from_utf8_lossy(&created.stderr).trim()
        ));
    }
    // Through a file, not a pipe: psql's output would fill its pipe while we still write input.
    let input = std::env::temp_dir().join(format!("{db}.sql"));
    std::fs::write(&input, sql).map_err(|e| e.to_string())?;
    let file = std::fs::File::open(&input).map_err(|e| e.to_string())?;
    let out = Command::new("sh")
        .args(["-c", &format!("psql -X -a -q -d {db} 2>&1")])
        .stdin(Stdio::from(file))
        .stdout(Stdio::piped())
        .output()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&input);
    let _ = admin(&format!("DROP DATABASE {db}"));
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
