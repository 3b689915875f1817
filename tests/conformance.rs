//! Replays every `tests/conformance/*.sql` through fksim's psql-exact output and compares it
//! byte for byte with the `.out` PostgreSQL 15 printed for it (made by `regen.sh`).
//! Scripts listed in `tests/conformance/PENDING` (with the issue that will make them pass)
//! run as ignored tests until then: `cargo test --test conformance -- --include-ignored`.
//! `tests/interactive/*.sql` are replayed as `psql -X -a` without `-q` (command tags, `\x`,
//! `\timing`) against the `.out` its own `regen.sh` made; `Time:` lines are compared with the
//! number masked.

use std::path::{Path, PathBuf};

use fksim::engine::session::Session;
use fksim::runner::{PsqlSettings, run_psql, run_psql_with};
use libtest_mimic::{Arguments, Failed, Trial};

fn pending(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("PENDING"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split('#').next())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// `Time: 12.345 ms (00:01.234)` with the numbers masked: they differ on every run.
fn mask_times(text: &str) -> String {
    text.lines()
        .map(|l| {
            let timed = l.strip_prefix("Time: ").and_then(|r| r.split_once(" ms")).is_some_and(
                |(n, rest)| n.parse::<f64>().is_ok() && (rest.is_empty() || rest.starts_with(" (")),
            );
            if timed { "Time: #.### ms\n".to_string() } else { format!("{l}\n") }
        })
        .collect()
}

fn check(sql: &Path, interactive: bool) -> Result<(), Failed> {
    let script = std::fs::read_to_string(sql).map_err(|e| format!("{}: {e}", sql.display()))?;
    let expected_path = sql.with_extension("out");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let mut actual = String::new();
    let (expected, actual) = if interactive {
        let mut settings = PsqlSettings::default();
        run_psql_with(&mut Session::new(), &script, &mut settings, &mut actual);
        (mask_times(&expected), mask_times(&actual))
    } else {
        run_psql(&mut Session::new(), &script, &mut actual);
        (expected, actual)
    };
    if actual == expected {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    let name = sql.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Err(format!(
        "fksim differs from PostgreSQL:\n{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("{name} (PostgreSQL)"), &format!("{name} (fksim)"))
    )
    .into())
}

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut trials = Vec::new();
    for (dir, interactive) in [("conformance", false), ("interactive", true)] {
        let dir = root.join(dir);
        let pending = pending(&dir);
        let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "sql"))
                    .collect()
            })
            .unwrap_or_default();
        scripts.sort();
        trials.extend(scripts.into_iter().map(|sql| {
            let stem =
                sql.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let ignored = pending.contains(&stem);
            let name = if interactive { format!("interactive/{stem}") } else { stem };
            Trial::test(name, move || check(&sql, interactive)).with_ignored_flag(ignored)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
