//! Differential testing against PostgreSQL: random schemas with random foreign keys and random
//! workloads, run through fksim (`--psql` output) and through psql, compared byte for byte.
//! Full table contents are printed after every transaction, so a lost or extra row shows.
//! On a difference the script is shrunk to a minimal one that still differs, and printed.
//!
//! usage: cargo run --release --example difftest -- [COUNT] [SEED] [BATCH]
//! (DIFFTEST_SHOW=1 prints the first script of each batch to standard error;
//! DIFFTEST_SHARES=1 only generates the scripts and counts the statements of each kind)
//! (DIFFTEST_JOINED=N: every query is the joined-table statement N of `randscript/joined.rs`,
//! to hunt one kind's differences: a seed then makes other scripts than without it)
//! (psql from PATH with the standard PG* variables; run as a role that may CREATE DATABASE)

mod randscript;

use fksim::verify::fksim_output;
use randscript::{Rng, postgres, script};

/// Removes statements (lines) while the difference persists.
fn shrink(sql: &str, db: &str) -> String {
    let mut lines: Vec<String> = sql.lines().map(String::from).collect();
    let differs = |lines: &[String]| {
        let s = lines.join("\n") + "\n";
        postgres(&s, db).map(|pg| pg != fksim_output(&s)).unwrap_or(false)
    };
    let mut chunk = lines.len() / 2;
    while chunk >= 1 {
        let mut i = 0;
        while i < lines.len() {
            let mut trial = lines.clone();
            trial.drain(i..(i + chunk).min(trial.len()));
            if !trial.is_empty() && differs(&trial) {
                lines = trial;
            } else {
                i += chunk;
            }
        }
        chunk /= 2;
    }
    lines.join("\n") + "\n"
}

/// The kinds of statement the tester must generate, each by a text it contains.
const KINDS: &[(&str, &str)] = &[
    ("joins", " JOIN "),
    ("FROM lists", " FROM s"),
    ("correlated subqueries", "(SELECT"),
    ("WITH", "WITH "),
    ("WITH RECURSIVE", "WITH RECURSIVE"),
    ("upserts", "ON CONFLICT"),
    ("unordered SELECTs", "SELECT"),
    ("UPDATE ... FROM", " FROM s"),
    ("DELETE ... USING", " USING s"),
    ("data-modifying WITH", " AS (DELETE"),
    ("DISTINCT ON", "DISTINCT ON"),
    ("set operations", "UNION"),
    ("window functions", " OVER ("),
    ("LATERAL", "LATERAL"),
    ("FILTER", "FILTER (WHERE"),
    ("string_agg/array_agg/json_agg", "_agg("),
    ("views", "CREATE VIEW"),
    ("EXPLAIN (COSTS OFF)", "EXPLAIN (COSTS OFF)"),
];

/// Prints how many of `scripts`' statements are of each kind (a statement may be of several).
fn print_shares(scripts: &[String]) {
    let statements: Vec<&str> = scripts.iter().flat_map(|s| s.lines()).collect();
    println!("{} scripts, {} statements", scripts.len(), statements.len());
    for (kind, text) in KINDS {
        let n = statements
            .iter()
            .filter(|l| match *kind {
                "FROM lists" => l.starts_with("SELECT") && l.contains(text) && l.contains(", s"),
                "unordered SELECTs" => {
                    l.starts_with("SELECT")
                        && !l.contains("ORDER BY id;")
                        && !l.contains("ORDER BY 1")
                }
                "UPDATE ... FROM" => l.starts_with("UPDATE") && l.contains(text),
                _ => l.contains(text),
            })
            .count();
        println!("{kind:>30}: {n:>7} ({:.1}%)", 100.0 * n as f64 / statements.len() as f64);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let batch: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(50).max(1);
    let db = format!("fksim_diff_{}", std::process::id());
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut done = 0;
    if std::env::var_os("DIFFTEST_SHARES").is_some() {
        let scripts: Vec<String> = (0..count).map(|i| script(&mut r, i)).collect();
        print_shares(&scripts);
        return;
    }
    while done < count {
        // Scripts share a database in batches: their table names never collide.
        let n = batch.min(count - done);
        let scripts: Vec<String> = (0..n).map(|i| script(&mut r, done + i)).collect();
        if std::env::var_os("DIFFTEST_SHOW").is_some() {
            eprint!("{}", scripts[0]);
        }
        let whole: String = scripts
            .iter()
            .enumerate()
            .map(|(i, s)| format!("\\echo ==== script {}\n{s}ROLLBACK;\n", done + i))
            .collect();
        let pg = match postgres(&whole, &db) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("difftest: {e}");
                std::process::exit(2);
            }
        };
        let fk = fksim_output(&whole);
        if pg != fk {
            // Find the first script that differs on its own and shrink it.
            for (i, s) in scripts.iter().enumerate() {
                let alone = postgres(s, &db).unwrap_or_default();
                if alone != fksim_output(s) {
                    let small = shrink(s, &db);
                    println!("DIFFERENCE in script {} (seed {seed}); shrunk:\n{small}", done + i);
                    let (p, f) = (postgres(&small, &db).unwrap_or_default(), fksim_output(&small));
                    print!(
                        "{}",
                        similar::TextDiff::from_lines(&p, &f)
                            .unified_diff()
                            .header("PostgreSQL", "fksim")
                    );
                    std::process::exit(1);
                }
            }
            println!(
                "DIFFERENCE in batch at {done} (seed {seed}) that no single script shows alone"
            );
            std::process::exit(1);
        }
        done += n;
        eprintln!("difftest: {done}/{count} identical so far");
    }
    println!("difftest: {count} scripts (seed {seed}) identical");
}
