//! Replays every `tests/conformance/*.sql` through fksim's psql-exact output and compares it
//! byte for byte with the `.out` PostgreSQL 15 printed for it (made by `regen.sh`).
//! Scripts listed in `tests/conformance/PENDING` (with the issue that will make them pass)
//! run as ignored tests until then: `cargo test --test conformance -- --include-ignored`.

use std::path::{Path, PathBuf};

use fksim::engine::session::Session;
use fksim::runner::run_psql;
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

fn check(sql: &Path) -> Result<(), Failed> {
    let script = std::fs::read_to_string(sql).map_err(|e| format!("{}: {e}", sql.display()))?;
    let expected_path = sql.with_extension("out");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let mut actual = String::new();
    run_psql(&mut Session::new(), &script, &mut actual);
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
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let pending = pending(&dir);
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "sql"))
                .collect()
        })
        .unwrap_or_default();
    scripts.sort();
    let trials = scripts
        .into_iter()
        .map(|sql| {
            let name =
                sql.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let ignored = pending.contains(&name);
            Trial::test(name, move || check(&sql)).with_ignored_flag(ignored)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
