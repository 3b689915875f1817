//! Trace events as an indented tree for people, summarised when a statement touches many rows.

use colored::Colorize;

use crate::trace::{CheckTiming, TraceEvent};

/// Events shown in full before a long trace is summarised.
const HEAD: usize = 24;
/// Events shown at the end of a summarised trace.
const TAIL: usize = 8;

/// One event as a line (without indentation), and its depth.
fn line(e: &TraceEvent) -> (usize, String) {
    match e {
        TraceEvent::Row { table, op, values, cascade_depth } => {
            (*cascade_depth, format!("{} {table} ({values})", op.bold()))
        }
        TraceEvent::Queued { name, what, timing, depth, .. } => {
            let when = match timing {
                CheckTiming::EndOfStatement => "at end of statement",
                CheckTiming::Deferred => "deferred to COMMIT",
            };
            (*depth + 1, format!("queued {} {what}, {when}", name.cyan()))
        }
        TraceEvent::CheckFired { name, lookup, found, passed, depth } => {
            let answer = if *found { "found" } else { "not found" };
            let verdict = if *passed {
                "ok".green().to_string()
            } else {
                "VIOLATION".red().bold().to_string()
            };
            (*depth, format!("check {}: look up {lookup} → {answer} → {verdict}", name.cyan()))
        }
        TraceEvent::CheckPassed { name, reason, depth } => {
            (*depth, format!("check {}: {reason} → {}", name.cyan(), "ok".green()))
        }
        TraceEvent::Action { name, action, table, rows, depth } => (
            *depth,
            format!(
                "{} {}: {rows} row{} of {table}",
                action.yellow().bold(),
                name.cyan(),
                if *rows == 1 { "" } else { "s" }
            ),
        ),
        TraceEvent::Trigger { name, table, timing, op, depth } => {
            (*depth, format!("trigger {} {timing} {op} on {table}", name.magenta()))
        }
        TraceEvent::DeferredPassed { count, reason } => (
            0,
            format!(
                "{reason}: {} → {}",
                if *count == 1 {
                    "the deferred check passed".to_string()
                } else {
                    format!("all {count} deferred checks passed")
                },
                "ok".green()
            ),
        ),
        TraceEvent::DeferredChecks { count, reason } => (
            0,
            format!(
                "{reason}: running {count} deferred check{}",
                if *count == 1 { "" } else { "s" }
            ),
        ),
    }
}

fn push(out: &mut String, e: &TraceEvent) {
    let (depth, text) = line(e);
    out.push_str(&format!("  {}{} {text}\n", "│ ".repeat(depth).dimmed(), "•".dimmed()));
}

/// The trace tree of one statement; empty when nothing happened.
pub fn render_trace(events: &[TraceEvent]) -> String {
    let mut out = String::new();
    if events.len() <= HEAD + TAIL + 1 {
        events.iter().for_each(|e| push(&mut out, e));
        return out;
    }
    events[..HEAD].iter().for_each(|e| push(&mut out, e));
    let hidden = &events[HEAD..events.len() - TAIL];
    let count = |f: fn(&TraceEvent) -> bool| hidden.iter().filter(|e| f(e)).count();
    let rows = count(|e| matches!(e, TraceEvent::Row { .. }));
    let queued = count(|e| matches!(e, TraceEvent::Queued { .. }));
    let checks =
        count(|e| matches!(e, TraceEvent::CheckFired { .. } | TraceEvent::CheckPassed { .. }));
    let other = hidden.len() - rows - queued - checks;
    out.push_str(&format!(
        "  {} {}\n",
        "⋮".dimmed(),
        format!("{} more events: {rows} row changes, {queued} checks queued, {checks} checks run, {other} other", hidden.len()).dimmed()
    ));
    events[events.len() - TAIL..].iter().for_each(|e| push(&mut out, e));
    out
}
