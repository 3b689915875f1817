//! The teaching text after an error: the diagnosis of a 23503, its fixes and warnings.

use colored::Colorize;

use crate::teach::diagnose::Diagnosis;

/// A diagnosis as fksim prints it under PostgreSQL's error.
pub fn render_diagnosis(d: &Diagnosis) -> String {
    let mut out = format!("{} {}\n", "why:".cyan().bold(), d.summary);
    out.push_str(&format!("{}\n", "fixes:".cyan().bold()));
    for (i, f) in d.fixes.iter().enumerate() {
        out.push_str(&format!("  {}. {}\n", i + 1, f.title));
        if let Some(sql) = &f.sql {
            for l in sql.lines() {
                out.push_str(&format!("       {}\n", l.green()));
            }
        }
    }
    for w in &d.warnings {
        out.push_str(&format!("{} {w}\n", "warning:".yellow().bold()));
    }
    out
}
