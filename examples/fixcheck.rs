//! Fix verification at scale: every fix fksim prints after a 23503 is run in PostgreSQL.
//! Random scripts (the generator difftest uses) run through fksim's teaching console; for each
//! 23503 it diagnoses, for each fix with SQL it shows, PostgreSQL gets, in a fresh schema: the
//! script up to and including the failing statement (which must fail there too, with a foreign
//! key error), the diagnosis's first steps (ROLLBACK ...), the fix (inside the block, just
//! before the failed statement, when fksim says so), then the failed work (or the work the fix
//! says to run instead). Nothing from the fix on may print an ERROR or WARNING.
//!
//! usage: cargo run --release --example fixcheck -- [COUNT] [SEED] [BATCH]
//! (FIXCHECK_SHOW=N prints up to N failing checks in full; psql from PATH with the standard PG*
//! variables, as a role that may CREATE DATABASE)

mod randscript;

use std::collections::BTreeMap;

use fksim::console::Console;
use fksim::psqlscan::{ScriptItem, scan_script};
use fksim::teach::context::FailureContext;
use fksim::teach::diagnose::{Diagnosis, Fix};
use fksim::teach::prove::fix_script;
use randscript::{Rng, postgres, script};

/// One fix to run in PostgreSQL.
struct Check {
    /// What kind of failure it repairs (direction, statement, transaction).
    kind: String,
    /// The fix's title, numbers and script names taken out, to group exceptions by.
    title: String,
    /// The psql input: state, failing statement, steps, fix, work, between markers.
    sql: String,
}

/// The kind of failure, for the tally: direction, the failing command, and its transaction.
fn kind_of(ctx: &FailureContext, d: &Diagnosis) -> String {
    let command =
        ctx.statement.split_whitespace().next().unwrap_or("?").to_ascii_uppercase().to_string();
    let rows = if ctx.statement.contains("), (") || ctx.statement.contains("generate_series") {
        " multi-row"
    } else {
        ""
    };
    let block = if ctx.in_block { "in a block" } else { "autocommit" };
    format!("direction {} {command}{rows} {block}", d.direction)
}

/// `text` with digit runs as N, so fixes of the same shape group together.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs script `n` through fksim's console; a check for every fix of every 23503 diagnosed.
fn checks_of(script: &str, n: usize, first_id: usize, tally: &mut Tally) -> Vec<Check> {
    let mut console = Console::new(false, false);
    let mut before: Vec<String> = Vec::new();
    let mut checks = Vec::new();
    for item in scan_script(script) {
        let ScriptItem::Statement(text) = item else { continue };
        let mut out = String::new();
        console.run_statement(&text, &mut out);
        if let Some((ctx, d)) = console.last_diagnosis.take() {
            tally.failures += 1;
            tally.by_kind.entry(kind_of(&ctx, &d)).or_default().0 += 1;
            tally.dropped += d.dropped.len();
            for dropped in &d.dropped {
                if std::env::var_os("FIXCHECK_DROPPED").is_some() {
                    eprintln!("script {n}: {} not offered: {dropped}", ctx.statement);
                }
                *tally.dropped_shapes.entry(shape(dropped)).or_default() += 1;
            }
            let with_sql: Vec<&Fix> = d.fixes.iter().filter(|f| f.sql.is_some()).collect();
            if with_sql.is_empty() {
                tally.without_fix += 1;
            }
            for fix in with_sql {
                let id = first_id + checks.len();
                let schema = format!("wtb_c{id}");
                let mut text_sql = format!(
                    "ROLLBACK;\nCREATE SCHEMA {schema};\nSET search_path = {schema};\n\\echo ==== state {id} (script {n})\n"
                );
                for s in &before {
                    text_sql.push_str(s);
                    text_sql.push('\n');
                }
                text_sql.push_str(&format!("\\echo ==== fail {id}\n{}\n", text.trim()));
                text_sql.push_str(&format!("\\echo ==== fix {id}\n"));
                for s in fix_script(&ctx, &d, fix) {
                    text_sql.push_str(&s);
                    text_sql.push('\n');
                }
                text_sql.push_str(&format!(
                    "\\echo ==== end {id}\nROLLBACK;\nDROP SCHEMA {schema} CASCADE;\n"
                ));
                checks.push(Check {
                    kind: kind_of(&ctx, &d),
                    title: shape(&fix.title),
                    sql: text_sql,
                });
            }
        }
        // Queries change nothing: the state is the writes.
        if !text.trim_start().to_ascii_uppercase().starts_with("SELECT") {
            before.push(text.trim().to_string());
        }
    }
    checks
}

/// What was counted.
#[derive(Default)]
struct Tally {
    /// 23503s fksim diagnosed.
    failures: usize,
    /// Of them, with no fix with SQL left to show.
    without_fix: usize,
    /// Fixes fksim's own proof dropped.
    dropped: usize,
    /// Why, by shape.
    dropped_shapes: BTreeMap<String, usize>,
    /// Fixes run in PostgreSQL.
    checks: usize,
    /// Of them, the failed work then succeeded.
    passed: usize,
    /// The failing statement did not fail with a foreign key error in PostgreSQL.
    state_differs: usize,
    /// By kind of failure: (failures, fixes run, fixes that passed).
    by_kind: BTreeMap<String, (usize, usize, usize)>,
    /// Failing fixes by shape: count and the first example (psql input, what PostgreSQL said).
    exceptions: BTreeMap<String, (usize, String, String)>,
}

/// Runs `checks` in one PostgreSQL database and counts which fixes made the work succeed.
fn run_checks(checks: &[Check], db: &str, tally: &mut Tally, show: &mut usize) {
    let mut input = String::from("SET client_min_messages = warning;\n");
    for c in checks {
        input.push_str(&c.sql);
    }
    let out = match postgres(&input, db) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fixcheck: {e}");
            std::process::exit(2);
        }
    };
    // Each check's region of the output: what the failing statement said, what the fix and
    // the work said.
    let mut regions: BTreeMap<usize, (String, String)> = BTreeMap::new();
    let mut current: Option<(usize, bool)> = None;
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("==== ") {
            let mut words = rest.split_whitespace();
            let what = words.next().unwrap_or("");
            let id: usize = words.next().and_then(|w| w.parse().ok()).unwrap_or(usize::MAX);
            current = match what {
                "fail" => Some((id, false)),
                "fix" => Some((id, true)),
                _ => None,
            };
            regions.entry(id).or_default();
            continue;
        }
        if let Some((id, after_fix)) = current {
            let r = regions.entry(id).or_default();
            let target = if after_fix { &mut r.1 } else { &mut r.0 };
            target.push_str(line);
            target.push('\n');
        }
    }
    for (i, c) in checks.iter().enumerate() {
        let id = tally.checks + i;
        let (failed, after) = regions.remove(&id).unwrap_or_default();
        let entry = tally.by_kind.entry(c.kind.clone()).or_default();
        entry.1 += 1;
        if !failed.contains("foreign key") {
            tally.state_differs += 1;
            continue;
        }
        let complaint = after
            .lines()
            .find(|l| l.contains("ERROR:") || l.contains("WARNING:"))
            .map(String::from);
        match complaint {
            None => {
                tally.passed += 1;
                entry.2 += 1;
            }
            Some(why) => {
                let e = tally
                    .exceptions
                    .entry(c.title.clone())
                    .or_insert_with(|| (0, c.sql.clone(), after.clone()));
                e.0 += 1;
                if *show > 0 {
                    *show -= 1;
                    eprintln!(
                        "---- failing fix: {}\n{}---- PostgreSQL:\n{after}{why}\n",
                        c.title, c.sql
                    );
                }
            }
        }
    }
    tally.checks += checks.len();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let batch: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(40).max(1);
    let mut show: usize =
        std::env::var("FIXCHECK_SHOW").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let db = format!("wtb_fixcheck_{}", std::process::id());
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut tally = Tally::default();
    let mut done = 0;
    while done < count {
        let n = batch.min(count - done);
        let mut checks = Vec::new();
        for i in 0..n {
            let s = script(&mut r, done + i);
            // Ids continue across the batch, from where the tally stands.
            let first_id = tally.checks + checks.len();
            let more = checks_of(&s, done + i, first_id, &mut tally);
            checks.extend(more);
        }
        run_checks(&checks, &db, &mut tally, &mut show);
        done += n;
        eprintln!(
            "fixcheck: {done}/{count} scripts, {} failures, {}/{} fixes made the work succeed",
            tally.failures, tally.passed, tally.checks
        );
    }
    report(&tally, count, seed);
}

/// The rates, by kind of failure, and every exception by shape with its first example.
fn report(t: &Tally, count: usize, seed: u64) {
    let judged = t.checks - t.state_differs;
    println!(
        "fixcheck: {count} scripts (seed {seed}): {} foreign-key failures diagnosed, {} with no fix with SQL; {} fixes shown, {} dropped by fksim's own proof",
        t.failures, t.without_fix, t.checks, t.dropped
    );
    println!(
        "fixcheck: {}/{judged} fixes made the failed work succeed in PostgreSQL ({:.2}%); {} not judged (PostgreSQL did not fail there)",
        t.passed,
        if judged == 0 { 100.0 } else { 100.0 * t.passed as f64 / judged as f64 },
        t.state_differs
    );
    for (kind, (failures, n, ok)) in &t.by_kind {
        println!("  {kind}: {failures} failures, {ok}/{n} fixes passed");
    }
    for (shape, n) in &t.dropped_shapes {
        println!("  not offered ({n}x): {shape}");
    }
    for (title, (n, sql, after)) in &t.exceptions {
        println!("EXCEPTION ({n}x): {title}\n{sql}---- PostgreSQL:\n{after}");
    }
}
