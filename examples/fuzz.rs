//! A time-boxed fuzzer for every entry point that takes user text: psql-exact replay, the
//! teaching console (meta-commands included) and scenario checking. Inputs are token soups,
//! random bytes, and mutations of the conformance scripts; a panic saves the input and fails.
//!
//! usage: cargo run --release --example fuzz -- [SECONDS] [SEED] [MEMORY]
//!
//! MEMORY (`32MB`, bytes) runs every input under that memory budget (`--memory-limit`), so
//! the out-of-memory path (53200) is fuzzed too.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use fksim::console::Console;
use fksim::engine::session::Session;
use fksim::runner::run_psql;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "SELECT",
    "INSERT",
    "INTO",
    "VALUES",
    "UPDATE",
    "SET",
    "DELETE",
    "FROM",
    "WHERE",
    "CREATE",
    "TABLE",
    "DROP",
    "ALTER",
    "ADD",
    "CONSTRAINT",
    "FOREIGN",
    "KEY",
    "PRIMARY",
    "UNIQUE",
    "REFERENCES",
    "ON",
    "CASCADE",
    "RESTRICT",
    "NULL",
    "DEFAULT",
    "DEFERRABLE",
    "INITIALLY",
    "DEFERRED",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "RELEASE",
    "TO",
    "MATCH",
    "FULL",
    "t",
    "p",
    "c",
    "id",
    "p_id",
    "int",
    "text",
    "jsonb",
    "uuid",
    "numeric(3,1)",
    "(",
    ")",
    ",",
    ";",
    "'",
    "\"",
    "$$",
    "$x$",
    "--",
    "/*",
    "*/",
    "::",
    "=",
    "<>",
    "+",
    "-",
    "*",
    "/",
    "%",
    "||",
    "->>",
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "1e400",
    "'{\"a\":'",
    "\\d",
    "\\i",
    "\\whatif",
    "\\trace on",
    "\\graph",
    "\\dn",
    "\\preset supabase",
    "\n",
    " ",
    "\0",
    "é",
    "\u{7}",
    "CASE",
    "WHEN",
    "THEN",
    "END",
    "IN",
    "EXISTS",
    "NOT",
    "AND",
    "OR",
    "IS",
    "TRIGGER",
    "FUNCTION",
    "RETURNS",
    "trigger",
    "LANGUAGE",
    "plpgsql",
    "AS",
    "NEW.id",
];

fn soup(r: &mut Rng) -> String {
    let n = r.below(60);
    (0..n).map(|_| TOKENS[r.below(TOKENS.len())]).collect::<Vec<_>>().join(if r.below(2) == 0 {
        " "
    } else {
        ""
    })
}

fn bytes(r: &mut Rng) -> String {
    let n = r.below(200);
    let b: Vec<u8> = (0..n).map(|_| r.next() as u8).collect();
    String::from_utf8_lossy(&b).into_owned()
}

fn mutate(r: &mut Rng, seeds: &[String]) -> String {
    let mut s: Vec<char> = seeds[r.below(seeds.len())].chars().collect();
    for _ in 0..=r.below(8) {
        if s.is_empty() {
            break;
        }
        let i = r.below(s.len());
        match r.below(4) {
            0 => {
                s.remove(i);
            }
            1 => s.insert(i, TOKENS[r.below(TOKENS.len())].chars().next().unwrap_or(' ')),
            2 => {
                let j = r.below(s.len());
                s.swap(i, j);
            }
            _ => {
                let end = (i + r.below(40)).min(s.len());
                let chunk: Vec<char> = s[i..end].to_vec();
                let at = r.below(s.len());
                for (k, c) in chunk.into_iter().enumerate() {
                    s.insert(at + k, c);
                }
            }
        }
    }
    s.into_iter().collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(60);
    let seed: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0x5eed_f00d);
    if let Some(size) = args.get(3) {
        match fksim::engine::memory::parse_size(size) {
            Ok(bytes) => fksim::engine::memory::set_process_limit(bytes),
            Err(e) => {
                eprintln!("fuzz: {e}");
                std::process::exit(2);
            }
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut seeds: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if seeds.is_empty() {
        seeds.push("CREATE TABLE p (id int PRIMARY KEY);\n".into());
    }
    // What the inputs write to relative paths (`\o FILE`, `\copy ... TO 'file'`) lands in a
    // scratch directory, not in the checkout.
    let scratch = std::env::temp_dir().join(format!("fksim-fuzz-{}", std::process::id()));
    if std::fs::create_dir_all(&scratch).is_ok() {
        let _ = std::env::set_current_dir(&scratch);
    }
    std::panic::set_hook(Box::new(|_| {}));
    let mut r = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let input = match r.below(3) {
            0 => soup(&mut r),
            1 => bytes(&mut r),
            _ => mutate(&mut r, &seeds),
        };
        let ok = catch_unwind(AssertUnwindSafe(|| {
            let mut out = String::new();
            run_psql(&mut Session::new(), &input, &mut out);
            let mut console = Console::new(true, true);
            console.run_script(&input, &mut out);
            let _ = fksim::scenario::check_script(Path::new("fuzz.sql"), &input);
        }))
        .is_ok();
        runs += 1;
        if !ok {
            let crash =
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fuzz-crash-{seed}-{runs}.sql"));
            let _ = std::fs::write(&crash, &input);
            eprintln!("panic after {runs} inputs; input saved to {}", crash.display());
            std::process::exit(1);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!("fuzz: {runs} inputs in {seconds} s (seed {seed}), no panic");
}
