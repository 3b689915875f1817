//! The chain of causes behind a 23503, in sentences: the referential action that wrote the row
//! (SET DEFAULT's default, the CASCADE path that reached the blocking table), the trigger whose
//! function wrote it; and RESTRICT refusing where NO ACTION would have found the replacement.

use crate::engine::catalog::{Action, ForeignKey};
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::error::{Cause, FailedAt, Violation, ViolationKind};
use crate::teach::diagnose::Fix;
use crate::teach::sqltext::{fk_clause, literal, quote_ident, table_name};

/// The "how" lines of a diagnosis of `v` (a violation of `fk`), outermost cause first: each link
/// of the chain that produced the row, then how the last link met the failing check.
pub fn how(db: &Database, v: &Violation, fk: &ForeignKey) -> Vec<String> {
    let mut lines: Vec<String> = v.causes.iter().rev().filter_map(|c| link(db, c, v)).collect();
    lines.extend(last_link(db, v, fk));
    lines.extend(restrict_replaced(db, v, fk));
    lines.iter().map(|l| capitalised(l)).collect()
}

/// The subject of a direction-2 summary: not "the statement" when an action, a trigger or an
/// earlier statement of the transaction block (`in_block`) made the change that was refused.
pub fn reword_subject(db: &Database, v: &Violation, in_block: bool, summary: &str) -> String {
    const SUBJECT: &str = "the statement tried to";
    if v.kind != ViolationKind::StillReferenced {
        return summary.to_string();
    }
    let who = match v.causes.first() {
        Some(Cause::Action { constraint, new_key, .. }) if *constraint != v.constraint => {
            let Some(by) = db.fks.get(constraint) else { return summary.to_string() };
            let (clause, action) = match new_key {
                None => ("ON DELETE", &by.on_delete),
                Some(_) => ("ON UPDATE", &by.on_update),
            };
            format!("{clause} {} of \"{}\" tried to", action.sql(), by.name)
        }
        Some(Cause::Trigger { trigger, .. }) => format!("trigger \"{trigger}\" tried to"),
        _ if in_block && v.place != FailedAt::EndOfStatement => {
            "the transaction tried to".to_string()
        }
        _ => return summary.to_string(),
    };
    summary.replacen(SUBJECT, &who, 1)
}

/// `s` with its first letter upper case.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// `table(cols) = (values)` for a key of `fk`'s referenced table.
fn parent_key(db: &Database, fk: &ForeignKey, key: &[Value]) -> Option<String> {
    let parent = db.tables.get(&fk.parent)?;
    Some(format!("{}{}", table_name(parent), key_equals(parent, &fk.parent_columns, key)))
}

/// `(cols) = (values)`, the values as SQL literals of the columns' types.
fn key_equals(t: &Table, cols: &[usize], key: &[Value]) -> String {
    let values: Vec<String> =
        cols.iter().zip(key).map(|(&c, v)| literal(v, &t.columns[c].data_type)).collect();
    format!("({}) = ({})", column_list(t, cols), values.join(", "))
}

fn column_list(t: &Table, cols: &[usize]) -> String {
    cols.iter().map(|&c| t.columns[c].name.as_str()).collect::<Vec<_>>().join(", ")
}

/// One link of the chain as a sentence.
fn link(db: &Database, cause: &Cause, v: &Violation) -> Option<String> {
    match cause {
        Cause::Action { constraint, old_key, new_key } => {
            let fk = db.fks.get(constraint)?;
            let child = db.tables.get(&fk.child)?;
            let from = parent_key(db, fk, old_key)?;
            let (event, action) = match new_key {
                None => (format!("deleting {from}"), &fk.on_delete),
                Some(_) => (format!("changing the key {from}"), &fk.on_update),
            };
            let clause = if new_key.is_some() { "ON UPDATE" } else { "ON DELETE" };
            let did = match (action, new_key) {
                (Action::Cascade, None) => {
                    format!("deleted the {} rows that referenced it", table_name(child))
                }
                (Action::Cascade, Some(_)) => {
                    format!(
                        "wrote the new key into the {} rows that referenced it",
                        table_name(child)
                    )
                }
                (Action::SetNull(cols), _) => format!(
                    "set {} to NULL in the {} rows that referenced it",
                    column_list(child, cols),
                    table_name(child)
                ),
                (Action::SetDefault(cols), _) => format!(
                    "wrote the column default{} of {} into the {} rows that referenced it",
                    if cols.len() == 1 { "" } else { "s" },
                    column_list(child, cols),
                    table_name(child)
                ),
                _ => return None,
            };
            Some(format!("{event} ran {clause} {} of \"{}\", which {did}.", action.sql(), fk.name))
        }
        Cause::Trigger { trigger, function, table, timing, op } => {
            let by = format!(
                "trigger \"{trigger}\" ({timing} {op} on {table}), in its function {function}"
            );
            Some(match v.place {
                FailedAt::EndOfStatement => format!(
                    "the row was written by {by}, not by your statement itself; the CONTEXT lines say which of its statements."
                ),
                // A deferred check prints no CONTEXT: the function finished long ago.
                FailedAt::Commit | FailedAt::SetConstraints => format!(
                    "the row was written earlier in the transaction by {by}; its check was deferred until now."
                ),
            })
        }
        Cause::Omitted { links } => Some(format!("… {links} more actions down the chain …")),
        Cause::ExistingRows { .. } => None,
    }
}

/// How the innermost action met the failing check: the default it wrote has no parent, or the
/// rows it deleted or changed are still referenced.
fn last_link(db: &Database, v: &Violation, fk: &ForeignKey) -> Option<String> {
    let Some(Cause::Action { constraint, new_key, .. }) = v.causes.first() else { return None };
    let by = db.fks.get(constraint)?;
    let action = if new_key.is_some() { &by.on_update } else { &by.on_delete };
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    match v.kind {
        ViolationKind::NotPresent => {
            let written = format!(
                "The value it wrote, {}{}, has no row in {}",
                table_name(child),
                key_equals(child, &fk.child_columns, &v.key),
                table_name(parent)
            );
            Some(match action {
                Action::SetDefault(_) => format!(
                    "{written}: the default has no parent, so \"{}\" refused it. SET DEFAULT needs a {} row for the default value (or use SET NULL).",
                    fk.name,
                    table_name(parent)
                ),
                _ => format!("{written}, so \"{}\" refused it.", fk.name),
            })
        }
        ViolationKind::StillReferenced => {
            let what = if v.new_key.is_some() { "changing the key" } else { "deleting" };
            // SET DEFAULT writing back the key that went is said by the summary.
            if *constraint == fk.id && matches!(action, Action::SetDefault(_)) {
                return None;
            }
            Some(format!(
                "{what} {} that way was blocked at {} by \"{}\".",
                parent_key(db, fk, &v.key)?,
                table_name(child),
                fk.name
            ))
        }
        ViolationKind::MixedNulls => None,
    }
}

/// When RESTRICT refused a change NO ACTION would have accepted: the same key as NO ACTION,
/// in one atomic ALTER TABLE.
pub fn restrict_fix(db: &Database, v: &Violation, fk: &ForeignKey) -> Option<Fix> {
    restrict_replaced(db, v, fk)?;
    let child = db.tables.get(&fk.child)?;
    let mut copy = fk.clone();
    let clause = if v.new_key.is_some() {
        copy.on_update = Action::NoAction;
        "ON UPDATE"
    } else {
        copy.on_delete = Action::NoAction;
        "ON DELETE"
    };
    Some(Fix::sql(
        &format!(
            "Make it {clause} NO ACTION, which accepts the row that now supplies the key, in one atomic ALTER TABLE:"
        ),
        format!(
            "ALTER TABLE {t} DROP CONSTRAINT {n}, ADD CONSTRAINT {n} {};",
            fk_clause(db, &copy, &copy.on_delete, None),
            t = table_name(child),
            n = quote_ident(&fk.name)
        ),
    ))
}

/// RESTRICT refusing a change NO ACTION would have accepted: another row now has the old key.
fn restrict_replaced(db: &Database, v: &Violation, fk: &ForeignKey) -> Option<String> {
    if v.kind != ViolationKind::StillReferenced {
        return None;
    }
    let action = if v.new_key.is_some() { &fk.on_update } else { &fk.on_delete };
    if *action != Action::Restrict {
        return None;
    }
    let parent = db.tables.get(&fk.parent)?;
    crate::engine::ri::find_parent(parent, fk, &v.key).ok()??;
    Some(format!(
        "Another row of {} now has {}, so every referencing row still has a parent: NO ACTION would have accepted this statement. RESTRICT refuses as soon as a referenced key goes away, whatever replaces it.",
        table_name(parent),
        key_equals(parent, &fk.parent_columns, &v.key)
    ))
}
