//! A 23503 from rows already in the table: `ALTER TABLE ... VALIDATE CONSTRAINT`, or `ADD
//! CONSTRAINT ... FOREIGN KEY` checking the rows it finds. No row was written: the fixes clean up
//! the rows that point nowhere, or add the key NOT VALID first and VALIDATE after the clean-up.

use crate::engine::catalog::ForeignKey;
use crate::engine::database::Database;
use crate::engine::table::Table;
use crate::engine::value::Value;
use crate::teach::context::FailureContext;
use crate::teach::diagnose::{Diagnosis, Fix};
use crate::teach::sqltext::{fk_clause, literal, quote_ident, table_name};

/// How many refused rows are counted before the count says "at least".
const COUNT_LIMIT: usize = 1_000_000;

/// The diagnosis of VALIDATE CONSTRAINT (`adding` false) or ADD CONSTRAINT (`adding` true)
/// refusing rows of `fk`'s referencing table that were there before the statement.
pub fn existing_rows(
    db: &Database,
    fk: &ForeignKey,
    adding: bool,
    ctx: &FailureContext,
) -> Option<Diagnosis> {
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    let cols = |t: &Table, cs: &[usize]| cs.iter().map(|&c| t.columns[c].name.clone()).collect();
    let child_cols: Vec<String> = cols(child, &fk.child_columns);
    let parent_cols: Vec<String> = cols(parent, &fk.parent_columns);
    let refused = refused(db, fk)?;
    let first_text = refused.first.map(|k| {
        k.iter()
            .zip(&fk.child_columns)
            .map(|(v, &c)| literal(v, &child.columns[c].data_type))
            .collect::<Vec<_>>()
            .join(", ")
    });
    // ADD COLUMN ... REFERENCES: the rows got the new column's default, the column is gone again.
    let new_column = adding && {
        let added = added_columns(&ctx.statement);
        fk.child_columns.iter().any(|&c| added.contains(&child.columns[c].name))
    };
    let what = if new_column {
        "ADD COLUMN gave every row the table already has the new column's default, which the new key then checked"
    } else if adding {
        "ADD CONSTRAINT checks every row the table already has"
    } else {
        "VALIDATE CONSTRAINT checks every row the table already has"
    };
    let rows = |n: usize| {
        let more = if refused.capped { "more than " } else { "" };
        format!("{more}{n} row{} of {}", if n == 1 { "" } else { "s" }, table_name(child))
    };
    let mut found = Vec::new();
    if refused.missing > 0 {
        found.push(format!(
            "{} point{} at {}({}) values that do not exist{}",
            rows(refused.missing),
            if refused.missing == 1 { "s" } else { "" },
            table_name(parent),
            parent_cols.join(", "),
            first_text
                .map(|k| format!(" (the first one met: ({}) = ({k}))", child_cols.join(", ")))
                .unwrap_or_default(),
        ));
    }
    if refused.mixed > 0 {
        found.push(format!(
            "{} mix{} NULL and non-NULL in ({}), which MATCH FULL refuses",
            rows(refused.mixed),
            if refused.mixed == 1 { "es" } else { "" },
            child_cols.join(", ")
        ));
    }
    let summary = format!(
        "Direction 1, in rows already there: {what}, and {}. {}",
        found.join("; "),
        if new_column {
            format!("Neither the column nor \"{}\" was added.", fk.name)
        } else if adding {
            format!("No row was written by this statement; \"{}\" was not added.", fk.name)
        } else {
            format!(
                "No row was written by this statement; \"{}\" stays NOT VALID: new and changed rows are checked, the old ones are not trusted.",
                fk.name
            )
        },
    );
    if new_column {
        let fixes = new_column_fixes(fk, child, parent, &refused.keys);
        return Some(Diagnosis::new(1, summary, fixes, Vec::new(), ctx));
    }
    let mut fixes = Vec::new();
    let nullable = fk.child_columns.iter().all(|&c| !child.columns[c].not_null);
    let refused_rows = refused_condition(fk, child, parent);
    if let Some(rows) = &refused_rows {
        fixes.push(Fix::sql(
            "Delete the rows that point nowhere:",
            format!("DELETE FROM {} WHERE {rows};", table_name(child)),
        ));
        if nullable {
            let sets: Vec<String> =
                child_cols.iter().map(|c| format!("{} = NULL", quote_ident(c))).collect();
            fixes.push(Fix::sql(
                "Or keep them and clear their link (the key columns are nullable):",
                format!("UPDATE {} SET {} WHERE {rows};", table_name(child), sets.join(", ")),
            ));
        }
        let others_required = parent
            .columns
            .iter()
            .enumerate()
            .any(|(i, c)| !fk.parent_columns.contains(&i) && c.not_null && c.default.is_none());
        if !others_required && fk.child_columns.len() == 1 {
            fixes.push(Fix::sql(
                &format!("Or insert the missing {} rows:", table_name(parent)),
                format!(
                    "INSERT INTO {} ({}) SELECT DISTINCT {} FROM {} WHERE {rows};",
                    table_name(parent),
                    quote_ident(&parent_cols[0]),
                    quote_ident(&child_cols[0]),
                    table_name(child)
                ),
            ));
        }
    } else {
        fixes.push(Fix::advice(&format!(
            "Find the rows of {} whose ({}) has no row in {}: delete them, set their key to NULL, or insert the rows they name.",
            table_name(child),
            child_cols.join(", "),
            table_name(parent)
        )));
    }
    if adding {
        // The key guards new rows at once; the old ones are cleaned up, then VALIDATE.
        let add = format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {} NOT VALID;",
            table_name(child),
            quote_ident(&fk.name),
            fk_clause(db, fk, &fk.on_delete, None)
        );
        let validate = format!(
            "ALTER TABLE {} VALIDATE CONSTRAINT {};",
            table_name(child),
            quote_ident(&fk.name)
        );
        let mut instead: Vec<String> = fixes.iter().filter_map(|f| f.sql.clone()).take(1).collect();
        instead.push(validate);
        fixes.push(Fix {
            title: "Or add the key now without checking the old rows (NOT VALID: new and changed rows are checked at once), delete the rows that point nowhere, then VALIDATE:".into(),
            sql: Some(add),
            instead: Some(instead),
            inside_block: false,
        });
    }
    Some(Diagnosis::new(1, summary, fixes, Vec::new(), ctx))
}

/// The existing rows the key refuses: how many name a missing key, how many mix NULLs (MATCH
/// FULL), whether counting stopped at `COUNT_LIMIT`, the first missing key (scan order) and
/// the first few distinct ones.
struct Refused {
    missing: usize,
    mixed: usize,
    capped: bool,
    first: Option<Vec<Value>>,
    keys: Vec<Vec<Value>>,
}

/// Distinct missing keys kept to name in an INSERT of the parents.
const KEYS_KEPT: usize = 20;

/// The columns an `ALTER TABLE ... ADD COLUMN` statement adds.
fn added_columns(statement: &str) -> Vec<String> {
    use crate::sql::ast::{AlterOp, Statement};
    match crate::sql::parse_statement(statement) {
        Ok(Statement::AlterTable { ops, .. }) => ops
            .iter()
            .filter_map(|op| match op {
                AlterOp::AddColumn { column, .. } => Some(column.name.name.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// ADD COLUMN ... REFERENCES whose default has no parent: the parents first, or no default.
fn new_column_fixes(
    fk: &ForeignKey,
    child: &Table,
    parent: &Table,
    keys: &[Vec<Value>],
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let others_required = parent
        .columns
        .iter()
        .enumerate()
        .any(|(i, c)| !fk.parent_columns.contains(&i) && c.not_null && c.default.is_none());
    if !others_required && !keys.is_empty() && keys.len() < KEYS_KEPT {
        let cols: Vec<String> =
            fk.parent_columns.iter().map(|&c| quote_ident(&parent.columns[c].name)).collect();
        let rows: Vec<String> = keys
            .iter()
            .map(|k| {
                let vals: Vec<String> = k
                    .iter()
                    .zip(&fk.parent_columns)
                    .map(|(v, &c)| literal(v, &parent.columns[c].data_type))
                    .collect();
                format!("({})", vals.join(", "))
            })
            .collect();
        fixes.push(Fix::sql(
            &format!("Insert the {} row the default names first:", table_name(parent)),
            format!(
                "INSERT INTO {} ({}) VALUES {};",
                table_name(parent),
                cols.join(", "),
                rows.join(", ")
            ),
        ));
    }
    fixes.push(Fix::advice(&format!(
        "Or add the column without that default: the rows of {} already there get NULL, which the key never checks; fill them in afterwards.",
        table_name(child)
    )));
    fixes
}

fn refused(db: &Database, fk: &ForeignKey) -> Option<Refused> {
    let child = db.tables.get(&fk.child)?;
    let parent = db.tables.get(&fk.parent)?;
    let mut r = Refused { missing: 0, mixed: 0, capped: false, first: None, keys: Vec::new() };
    for row in crate::engine::ri::refused_rows(parent, child, fk) {
        let (key, mixed) = row.ok()?;
        if mixed {
            r.mixed += 1;
        } else {
            r.missing += 1;
            r.first.get_or_insert_with(|| key.to_vec());
            if r.keys.len() < KEYS_KEPT && !r.keys.iter().any(|k| k[..] == key[..]) {
                r.keys.push(key.to_vec());
            }
        }
        if r.missing + r.mixed >= COUNT_LIMIT {
            r.capped = true;
            break;
        }
    }
    (r.missing + r.mixed > 0).then_some(r)
}

/// A WHERE condition selecting the rows the key refuses, in SQL fksim runs too: `col IS NOT
/// NULL AND col NOT IN (...)` for one column; an anti-join through the referencing table's
/// single-column primary key for several; None otherwise.
fn refused_condition(fk: &ForeignKey, child: &Table, parent: &Table) -> Option<String> {
    let c = |i: usize| quote_ident(&child.columns[i].name);
    let p = |i: usize| quote_ident(&parent.columns[i].name);
    // MATCH FULL refuses a key with some NULLs too: only the all-NULL key is left alone.
    let joiner = if fk.match_full { " OR " } else { " AND " };
    let set: Vec<String> =
        fk.child_columns.iter().map(|&i| format!("{} IS NOT NULL", c(i))).collect();
    let set = if set.len() > 1 && fk.match_full {
        format!("({})", set.join(joiner))
    } else {
        set.join(joiner)
    };
    if let ([child_col], [parent_col]) = (fk.child_columns.as_slice(), fk.parent_columns.as_slice())
    {
        return Some(format!(
            "{set} AND {} NOT IN (SELECT {pc} FROM {} WHERE {pc} IS NOT NULL)",
            c(*child_col),
            table_name(parent),
            pc = p(*parent_col)
        ));
    }
    let pk = child.uniques.iter().find(|u| u.primary)?;
    let [pk] = pk.columns.as_slice() else { return None };
    let on: Vec<String> = fk
        .child_columns
        .iter()
        .zip(&fk.parent_columns)
        .map(|(&ci, &pi)| format!("r.{} = c.{}", p(pi), c(ci)))
        .collect();
    let set_c: Vec<String> =
        fk.child_columns.iter().map(|&i| format!("c.{} IS NOT NULL", c(i))).collect();
    let set_c = format!("({})", set_c.join(joiner));
    Some(format!(
        "{k} IN (SELECT c.{k} FROM {} AS c LEFT JOIN {} AS r ON {} WHERE {set_c} AND r.{} IS NULL)",
        table_name(child),
        table_name(parent),
        on.join(" AND "),
        p(fk.parent_columns[0]),
        k = c(*pk)
    ))
}
