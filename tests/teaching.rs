//! Golden files for the teaching output (diagnoses, trace trees, \whatif, \graph): each
//! `tests/teaching/*.sql` replayed as `fksim run FILE` prints, compared with its `.txt`.
//! `FKSIM_BLESS=1 cargo test --test teaching` rewrites the `.txt` files; review them in the diff.

use std::path::Path;

use fksim::console::Console;
use libtest_mimic::{Arguments, Failed, Trial};

fn check(sql: &Path) -> Result<(), Failed> {
    colored::control::set_override(false);
    let script = std::fs::read_to_string(sql).map_err(|e| format!("{}: {e}", sql.display()))?;
    let mut console = Console::new(false, true);
    let mut actual = String::new();
    console.run_script(&script, &mut actual);
    let golden = sql.with_extension("txt");
    if std::env::var_os("FKSIM_BLESS").is_some() {
        std::fs::write(&golden, &actual).map_err(|e| format!("{}: {e}", golden.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&golden)
        .map_err(|e| format!("{}: {e} (FKSIM_BLESS=1 makes it)", golden.display()))?;
    if expected == actual {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    Err(format!("teaching output changed:\n{}", diff.unified_diff().header("expected", "actual"))
        .into())
}

fn main() {
    let args = Arguments::from_args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/teaching");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let trials = files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Trial::test(name, move || check(&p))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
