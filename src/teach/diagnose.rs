//! After a 23503: which direction it was, in one sentence, where it failed, and the fixes that
//! apply to this schema as runnable SQL (direction 1 here, direction 2 in `referenced`).

use std::collections::HashSet;

use crate::engine::catalog::{ForeignKey, TableId};
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::error::{Cause, Error, FailedAt, Violation, ViolationKind};
use crate::teach::context::FailureContext;
use crate::teach::sqltext::{literal, quote_ident, table_name};

/// One way out, with the SQL to run when there is some.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What to do, in a sentence.
    pub title: String,
    /// Runnable SQL, one statement per line: run it (after `Diagnosis::first`), then the work
    /// that failed (`FailureContext::work`). Only shown once proven to make that work succeed.
    pub sql: Option<String>,
    /// When the fix changes how the work is written: the work to run after it instead (shown,
    /// and proven, in place of the failed work).
    pub instead: Option<Vec<String>>,
    /// Proven only inside the transaction, just before the statement that failed (the rows it
    /// must change were written earlier in the same block).
    pub inside_block: bool,
}

impl Fix {
    /// A fix with SQL to run before the failed work.
    pub fn sql(title: &str, sql: String) -> Fix {
        Fix { title: title.to_string(), sql: Some(sql), instead: None, inside_block: false }
    }

    /// Advice without SQL: something to check, or a different way to write the work.
    pub fn advice(title: &str) -> Fix {
        Fix { title: title.to_string(), sql: None, instead: None, inside_block: false }
    }
}

/// What the teaching output says after a 23503.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Direction 1 or 2 (0 for MATCH FULL's mixed NULLs).
    pub direction: u8,
    /// What happened, in one sentence.
    pub summary: String,
    /// The chain of causes that produced the row, outermost first (empty: the statement
    /// wrote it).
    pub how: Vec<String>,
    /// The fixes that apply, best first.
    pub fixes: Vec<Fix>,
    /// Warnings (CASCADE deletes silently, with its row counts).
    pub warnings: Vec<String>,
    /// Where it failed and what the transaction lost, in a sentence.
    pub place: String,
    /// What to run before any fix (ROLLBACK while the transaction is aborted).
    pub first: Vec<String>,
    /// What to do after a fix.
    pub then: String,
    /// Fixes dropped because they did not make the failed work succeed on a copy of the state.
    pub dropped: Vec<String>,
}

impl Diagnosis {
    /// A diagnosis with the steps around its fixes taken from `ctx`.
    pub fn new(
        direction: u8,
        summary: String,
        fixes: Vec<Fix>,
        warnings: Vec<String>,
        ctx: &FailureContext,
    ) -> Diagnosis {
        Diagnosis {
            direction,
            summary,
            how: Vec::new(),
            fixes,
            warnings,
            place: ctx.where_text(),
            first: ctx.first_steps(),
            then: ctx.then_text(),
            dropped: Vec::new(),
        }
    }
}

/// The diagnosis of `err`, when it is a foreign-key violation whose constraint still exists.
/// `db` is the data as the failing check saw it (before any rollback).
pub fn diagnose(db: &Database, err: &Error, ctx: &FailureContext) -> Option<Diagnosis> {
    let v = err.violation.as_ref()?;
    // The engine knows where the check ran; the console knows the transaction around it.
    let ctx = &FailureContext { place: v.place, ..ctx.clone() };
    // ADD CONSTRAINT's key is not in the catalog: the error carries it.
    let existing = v.causes.iter().find_map(|c| match c {
        Cause::ExistingRows { adding } => Some(adding.as_deref()),
        _ => None,
    });
    if let Some(adding) = existing {
        let fk = adding.or_else(|| db.fks.get(&v.constraint).map(|f| &**f))?;
        return crate::teach::existing::existing_rows(db, fk, adding.is_some(), ctx);
    }
    let fk = db.fks.get(&v.constraint)?;
    let mut d = diagnose_key(db, v, fk, ctx)?;
    d.how = crate::teach::cause::how(db, v, fk);
    d.summary = crate::teach::cause::reword_subject(db, v, ctx.in_block, &d.summary);
    if let Some(fix) = crate::teach::cause::restrict_fix(db, v, fk) {
        d.fixes.insert(0, fix);
    }
    Some(d)
}

/// The diagnosis of `v`, a violation of `fk` by a row change.
fn diagnose_key(
    db: &Database,
    v: &Violation,
    fk: &ForeignKey,
    ctx: &FailureContext,
) -> Option<Diagnosis> {
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    let child_cols: Vec<&str> =
        fk.child_columns.iter().map(|&c| child.columns[c].name.as_str()).collect();
    Some(match v.kind {
        ViolationKind::NotPresent => not_present(db, fk, child, parent, &child_cols, &v.key, ctx),
        ViolationKind::StillReferenced => {
            return crate::teach::referenced::still_referenced(
                db,
                fk,
                &v.key,
                v.new_key.as_deref(),
                ctx,
            );
        }
        ViolationKind::MixedNulls => Diagnosis::new(
            0,
            format!(
                "{} is MATCH FULL: the key ({}) must be all NULL or all set, and this row mixes them.",
                fk.name,
                child_cols.join(", ")
            ),
            vec![Fix::advice("Set every key column, or none of them.")],
            Vec::new(),
            ctx,
        ),
    })
}

/// A placeholder a NOT NULL column without default can take in a suggested INSERT.
fn placeholder(table: &Table, c: usize) -> String {
    let ty = &table.columns[c].data_type;
    if ty.is_numeric() {
        "0".into()
    } else {
        match ty {
            crate::engine::types::DataType::Boolean => "false".into(),
            crate::engine::types::DataType::Uuid => "gen_random_uuid()".into(),
            crate::engine::types::DataType::Json | crate::engine::types::DataType::Jsonb => {
                "'{}'".into()
            }
            crate::engine::types::DataType::Date
            | crate::engine::types::DataType::Timestamp
            | crate::engine::types::DataType::Timestamptz => "now()".into(),
            _ => format!("'{}'", table.columns[c].name),
        }
    }
}

/// Direction 1: the referencing row names a key that is not there.
fn not_present(
    db: &Database,
    fk: &ForeignKey,
    child: &Table,
    parent: &Table,
    child_cols: &[&str],
    key: &[Value],
    ctx: &FailureContext,
) -> Diagnosis {
    let parent_cols: Vec<&str> =
        fk.parent_columns.iter().map(|&c| parent.columns[c].name.as_str()).collect();
    let key_types: Vec<_> = fk.child_columns.iter().map(|&c| &child.columns[c].data_type).collect();
    let key_text: Vec<String> = key.iter().zip(&key_types).map(|(v, t)| literal(v, t)).collect();
    let summary = format!(
        "Direction 1: the row written to {} points at {}({}) = ({}), and no such row exists there, so \"{}\" refused it.",
        table_name(child),
        table_name(parent),
        parent_cols.join(", "),
        key_text.join(", "),
        fk.name
    );
    let mut fixes = Vec::new();
    // The parent first: its key columns from the failed row, placeholders for other required columns.
    let mut cols: Vec<String> = parent_cols.iter().map(|c| quote_ident(c)).collect();
    let mut vals = key_text.clone();
    for (i, col) in parent.columns.iter().enumerate() {
        if !fk.parent_columns.contains(&i) && col.not_null && col.default.is_none() {
            cols.push(quote_ident(&col.name));
            vals.push(placeholder(parent, i));
        }
    }
    let insert_parent = format!(
        "INSERT INTO {} ({}) VALUES ({});",
        table_name(parent),
        cols.join(", "),
        vals.join(", ")
    );
    fixes.push(Fix::sql(
        &format!("Insert the {} row first:", table_name(parent)),
        insert_parent.clone(),
    ));
    if fk.child_columns.iter().all(|&c| !child.columns[c].not_null) {
        fixes.push(Fix {
            instead: None,
            inside_block: false,
            title: format!(
                "If the link is optional, write NULL into {}: a foreign key never checks NULL{}.",
                child_cols.join(", "),
                if fk.match_full { " (MATCH FULL: all key columns NULL)" } else { "" }
            ),
            sql: None,
        });
    }
    let types: Vec<String> = fk
        .child_columns
        .iter()
        .zip(&fk.parent_columns)
        .map(|(&c, &p)| {
            format!(
                "{} {} → {} {}",
                child.columns[c].name,
                child.columns[c].data_type,
                parent.columns[p].name,
                parent.columns[p].data_type
            )
        })
        .collect();
    fixes.push(Fix {
        instead: None,
        inside_block: false,
        title: format!(
            "Check that {} really refers to {}({}): {}.",
            child_cols.join(", "),
            table_name(parent),
            parent_cols.join(", "),
            types.join(", ")
        ),
        sql: None,
    });
    if references_back(db, fk.parent, fk.child) {
        let n = quote_ident(&fk.name);
        let each_other = if fk.child == fk.parent {
            format!("{} references itself", table_name(child))
        } else {
            format!("{} and {} reference each other", table_name(child), table_name(parent))
        };
        let (sql, how) = if fk.deferrable && !fk.initially_deferred {
            (
                format!("SET CONSTRAINTS {n} DEFERRED;"),
                format!(
                    "\"{}\" is DEFERRABLE already: defer it in the transaction (or for good: ALTER TABLE {} ALTER CONSTRAINT {n} DEFERRABLE INITIALLY DEFERRED)",
                    fk.name,
                    table_name(child)
                ),
            )
        } else if fk.deferrable {
            (String::new(), "the check already waits for COMMIT".to_string())
        } else {
            (
                format!(
                    "ALTER TABLE {} ALTER CONSTRAINT {n} DEFERRABLE INITIALLY DEFERRED;",
                    table_name(child)
                ),
                "make the check wait for COMMIT".to_string(),
            )
        };
        let title = format!("{each_other}: {how}, and insert the rows of both in one transaction:");
        // At COMMIT the block is the work: the parent goes in just before COMMIT.
        let instead = match ctx.place {
            FailedAt::Commit if ctx.in_block => {
                let mut work = ctx.work();
                work.pop();
                work.extend([insert_parent.clone(), "COMMIT;".to_string()]);
                work
            }
            _ => vec![
                "BEGIN;".to_string(),
                ctx.statement.clone(),
                insert_parent.clone(),
                "COMMIT;".to_string(),
            ],
        };
        if sql.is_empty() {
            fixes.push(Fix {
                title: format!("{title} (for example)"),
                sql: Some("BEGIN;".into()),
                instead: Some(instead[1..].to_vec()),
                inside_block: false,
            });
        } else if sql.starts_with("SET") {
            let mut work = vec!["BEGIN;".to_string(), sql];
            work.extend(instead[1..].iter().cloned());
            fixes.push(Fix {
                title,
                sql: Some(work.remove(0)),
                instead: Some(work),
                inside_block: false,
            });
        } else {
            fixes.push(Fix { title, sql: Some(sql), instead: Some(instead), inside_block: false });
        }
    }
    if parent.schema == "auth" && parent.name == "users" {
        let user =
            format!("INSERT INTO auth.users ({}) VALUES ({});", cols.join(", "), vals.join(", "));
        fixes.push(Fix {
            title: "Supabase: let a trigger on auth.users create the row, so the user always exists first:".into(),
            sql: Some(trigger_pattern(child, child_cols)),
            instead: Some(vec![user]),
            inside_block: false,
        });
    }
    Diagnosis::new(1, summary, fixes, Vec::new(), ctx)
}

/// Does `from` reference `to` (directly or through other tables)?
fn references_back(db: &Database, from: TableId, to: TableId) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(t) = stack.pop() {
        if t == to {
            return true;
        }
        if seen.insert(t) {
            stack.extend(db.fks_of(t).map(|fk| fk.parent));
        }
    }
    false
}

/// The Supabase trigger that creates the profile row when a user signs up.
fn trigger_pattern(child: &Table, child_cols: &[&str]) -> String {
    // search_path = '' inside the function: every name must carry its schema.
    let t = format!("{}.{}", quote_ident(&child.schema), quote_ident(&child.name));
    let col = child_cols.first().copied().unwrap_or("id");
    format!(
        "CREATE FUNCTION public.handle_new_user() RETURNS trigger\nLANGUAGE plpgsql SECURITY DEFINER SET search_path = ''\nAS $$\nBEGIN\n  INSERT INTO {t} ({c}) VALUES (new.id);\n  RETURN new;\nEND;\n$$;\nCREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users\n  FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();",
        c = quote_ident(col)
    )
}
