//! `fksim tour` and `run --step`: scripts played a statement at a time, with their narration.

use std::io::{BufRead, IsTerminal, Write};

use colored::Colorize;

use crate::console::Console;
use crate::psqlscan::{ScriptItem, scan_script};

/// The core scenarios, in the order the tour walks them (compiled in, so the tour runs anywhere).
pub const TOUR: &[(&str, &str)] = &[
    ("child before parent", include_str!("../scenarios/01_child_before_parent.sql")),
    ("NULL foreign keys", include_str!("../scenarios/02_null_foreign_keys.sql")),
    ("wrong column or type", include_str!("../scenarios/03_wrong_column_or_type.sql")),
    ("parent delete blocked", include_str!("../scenarios/04_parent_delete_blocked.sql")),
    ("RESTRICT against NO ACTION", include_str!("../scenarios/05_restrict_vs_no_action.sql")),
    ("CASCADE down a chain", include_str!("../scenarios/06_cascade_chain.sql")),
    ("SET NULL", include_str!("../scenarios/07_set_null.sql")),
    ("SET DEFAULT", include_str!("../scenarios/08_set_default.sql")),
    ("changing an action", include_str!("../scenarios/09_change_action.sql")),
    ("circular references", include_str!("../scenarios/10_circular_deferrable.sql")),
    ("RESTRICT is never deferred", include_str!("../scenarios/11_restrict_not_deferrable.sql")),
    ("SET NULL column lists", include_str!("../scenarios/12_set_null_column_list.sql")),
    ("profiles and auth.users", include_str!("../scenarios/13_profiles_auth_users.sql")),
    ("MATCH FULL against MATCH SIMPLE", include_str!("../scenarios/14_match_full_vs_simple.sql")),
    ("ON UPDATE CASCADE", include_str!("../scenarios/15_on_update_cascade.sql")),
    ("ALTER CONSTRAINT", include_str!("../scenarios/16_alter_constraint.sql")),
    ("a self-referencing tree", include_str!("../scenarios/17_self_reference_tree.sql")),
    ("NOT VALID and VALIDATE", include_str!("../scenarios/18_not_valid_validate.sql")),
    (
        "TRUNCATE and DROP blocked by a key",
        include_str!("../scenarios/19_truncate_drop_blocked.sql"),
    ),
];

/// Waits for Enter (true) or `q` (false) when standard input is a terminal; never waits otherwise.
fn pause(out: &mut impl Write) -> bool {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return true;
    }
    let _ = write!(out, "{}", "── Enter: next statement, q: stop ──".dimmed());
    let _ = out.flush();
    let mut answer = String::new();
    if stdin.lock().read_line(&mut answer).is_err() {
        return false;
    }
    !answer.trim().eq_ignore_ascii_case("q")
}

/// Plays `script` on `console`, writing as it goes and pausing after each statement.
/// Returns false when the user stopped.
pub fn step(console: &mut Console, script: &str, out: &mut impl Write) -> bool {
    crate::interrupt::install(true);
    for item in scan_script(script) {
        let is_statement = matches!(item, ScriptItem::Statement(_) | ScriptItem::CopyIn { .. });
        let mut text = String::new();
        // Ctrl-C during the statement cancels it; at the pause it leaves, as before.
        let busy = crate::interrupt::busy(&console.session.cancel);
        console.run_item(item, &mut text);
        drop(busy);
        let _ = out.write_all(text.as_bytes());
        if console.quit {
            return false;
        }
        if is_statement && !pause(out) {
            return false;
        }
    }
    true
}

/// The guided walk through the core scenarios, each on a fresh database with the trace on.
pub fn tour(out: &mut impl Write) {
    for (i, (title, script)) in TOUR.iter().enumerate() {
        let _ = writeln!(out, "\n{}\n", format!("━━ {}/{}: {title} ━━", i + 1, TOUR.len()).bold());
        let mut console = Console::new(true, true);
        if !step(&mut console, script, out) {
            let _ = writeln!(out);
            return;
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        "That is the tour. `fksim` opens the REPL; `fksim exercise list` has exercises.".bold()
    );
}
