//! Replays every corpus file (`tests/corpus/*/*.sql`: sample databases, pg_dump output) and
//! every corpus list (`tests/corpus/*/*.list`: files replayed in order as one script, as a
//! project's migrations are applied) through fksim's psql-exact output, followed by its
//! directory's `workload.psql` when there is one, and compares the result byte for byte with
//! the `.out` PostgreSQL 15 printed for the same input (made by `tests/corpus/regen.sh`).

use std::path::{Path, PathBuf};

use fksim::engine::session::Session;
use fksim::runner::run_psql;
use libtest_mimic::{Arguments, Failed, Trial};

fn read(path: &Path) -> Result<String, Failed> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// A list's files, one path a line relative to the list (blank lines and `#` comments skipped).
fn listed(list: &Path) -> Result<String, Failed> {
    let dir = list.parent().unwrap_or(Path::new("."));
    let mut script = String::new();
    for line in read(list)?.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with('#') {
            script.push_str(&read(&dir.join(line))?);
        }
    }
    Ok(script)
}

fn check(sql: &Path) -> Result<(), Failed> {
    let mut script =
        if sql.extension().is_some_and(|x| x == "list") { listed(sql)? } else { read(sql)? };
    let workload = sql.with_file_name("workload.psql");
    if workload.exists() {
        script.push_str(&read(&workload)?);
    }
    let expected = read(&sql.with_extension("out"))?;
    let mut actual = String::new();
    run_psql(&mut Session::new(), &script, &mut actual);
    if actual == expected {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    Err(format!(
        "fksim differs from PostgreSQL:\n{}",
        diff.unified_diff().context_radius(3).header("PostgreSQL", "fksim")
    )
    .into())
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext) || ext.is_empty() && p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut trials = Vec::new();
    for dir in files_in(&root, "") {
        let group = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for sql in files_in(&dir, "sql").into_iter().chain(files_in(&dir, "list")) {
            let stem =
                sql.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            trials.push(Trial::test(format!("{group}/{stem}"), move || check(&sql)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
