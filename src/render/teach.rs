//! The teaching text after an error: the diagnosis of a 23503, its fixes and warnings.

use colored::Colorize;

use crate::teach::cause::capitalised;
use crate::teach::diagnose::Diagnosis;

/// A diagnosis as fksim prints it under PostgreSQL's error.
pub fn render_diagnosis(d: &Diagnosis) -> String {
    let mut out = format!("{} {}\n", "why:".cyan().bold(), d.summary);
    for (i, h) in d.how.iter().enumerate() {
        let label = if i == 0 { "how:" } else { "    " };
        out.push_str(&format!("{} {h}\n", label.cyan().bold()));
    }
    out.push_str(&format!("{} {}\n", "where:".cyan().bold(), d.place));
    if !d.first.is_empty() {
        out.push_str(&format!("{}\n", "first:".cyan().bold()));
        for l in &d.first {
            out.push_str(&format!("       {}\n", l.green()));
        }
    }
    let heading = if d.fixes.iter().any(|f| f.sql.is_some()) {
        "fixes (each tried first on a copy of this state, followed by the work that failed, which then succeeded):"
    } else {
        "fixes:"
    };
    // No heading over no fixes (an exercise holds them back until its hints are used).
    if !d.fixes.is_empty() {
        out.push_str(&format!("{}\n", heading.cyan().bold()));
    }
    for (i, f) in d.fixes.iter().enumerate() {
        // "Or ..." reads wrong once the fixes before it were not proven and dropped.
        let title = match f.title.strip_prefix("Or ") {
            Some(rest) if i == 0 => capitalised(rest),
            _ => f.title.clone(),
        };
        out.push_str(&format!("  {}. {title}\n", i + 1));
        if let Some(sql) = &f.sql {
            for l in sql.lines() {
                out.push_str(&format!("       {}\n", l.green()));
            }
        }
        if f.inside_block {
            out.push_str("     (inside the transaction, just before the statement that failed)\n");
        }
        if let Some(work) = &f.instead {
            out.push_str("     then, in place of the work that failed:\n");
            for l in work {
                out.push_str(&format!("       {}\n", l.green()));
            }
        }
    }
    if d.fixes.iter().any(|f| f.sql.is_some()) {
        out.push_str(&format!("{} {}\n", "then:".cyan().bold(), d.then));
    }
    for w in &d.dropped {
        out.push_str(&format!("{} {w}\n", "not offered:".dimmed()));
    }
    for w in &d.warnings {
        out.push_str(&format!("{} {w}\n", "warning:".yellow().bold()));
    }
    out
}
