//! Table statements that name a view or materialized view: PostgreSQL's wrong-kind errors
//! (DROP TABLE, TRUNCATE, COPY, ALTER TABLE, a foreign key referencing one), and the
//! ALTER TABLE ... RENAME that views accept.

use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::views::{find, kind_word, rename};
use crate::error::{Error, Result};
use crate::sql::ast::ObjectName;

/// DROP TABLE naming a view: PostgreSQL's wrong-kind error.
pub fn not_a_table(db: &Database, name: &ObjectName) -> Option<Error> {
    let v = find(db, name)?;
    Some(Error::new("42809", format!("\"{}\" is not a table", name.name)).with_hint(format!(
        "Use DROP {} to remove a {}.",
        if v.materialized { "MATERIALIZED VIEW" } else { "VIEW" },
        kind_word(v.materialized)
    )))
}

/// A foreign key may reference only a table: PostgreSQL's error when it names a view.
pub fn check_referenced_is_table(db: &Database, name: &ObjectName) -> Result<()> {
    if find(db, name).is_some() {
        return Err(Error::new(
            "42809",
            format!("referenced relation \"{}\" is not a table", name.name),
        ));
    }
    Ok(())
}

/// Statements on tables that name a view: ALTER TABLE ... RENAME works on views; the rest are
/// PostgreSQL's wrong-kind errors. Ok(false): not about a view.
pub fn table_statement_on_view(
    exec: &mut Exec<'_>,
    stmt: &crate::sql::ast::Statement,
) -> Result<bool> {
    use crate::sql::ast::{AlterOp, CopyDirection, Statement};
    match stmt {
        Statement::AlterTable { table, ops, .. } if let Some(v) = find(exec.db, table) => {
            let materialized = v.materialized;
            if let [AlterOp::RenameTable(new)] = ops.as_slice() {
                rename(exec, table, new, materialized, false)?;
                return Ok(true);
            }
            let action = match ops.first() {
                Some(AlterOp::AddColumn { .. }) => "ADD COLUMN",
                Some(AlterOp::DropColumn { .. }) => "DROP COLUMN",
                Some(AlterOp::AddConstraint(_)) => "ADD CONSTRAINT",
                Some(AlterOp::DropConstraint { .. }) => "DROP CONSTRAINT",
                Some(AlterOp::SetNotNull { .. }) => "ALTER COLUMN ... SET NOT NULL",
                Some(AlterOp::DropNotNull { .. }) => "ALTER COLUMN ... DROP NOT NULL",
                Some(AlterOp::SetType { .. }) => "ALTER COLUMN ... SET DATA TYPE",
                _ => {
                    return Err(Error::unsupported(format!(
                        "this ALTER TABLE on {} is not supported by fksim",
                        kind_word(materialized)
                    )));
                }
            };
            Err(Error::new(
                "42809",
                format!("ALTER action {action} cannot be performed on relation \"{}\"", v.name),
            )
            .with_detail(format!(
                "This operation is not supported for {}s.",
                kind_word(materialized)
            )))
        }
        Statement::Truncate { tables, .. } => {
            for n in tables {
                if find(exec.db, n).is_some() {
                    return Err(Error::new("42809", format!("\"{}\" is not a table", n.name)));
                }
            }
            Ok(false)
        }
        Statement::Copy(c) if let Some(v) = find(exec.db, &c.table) => {
            let kind = kind_word(v.materialized);
            Err(match c.direction {
                CopyDirection::ToStdout if v.materialized => {
                    return Ok(false);
                }
                CopyDirection::ToStdout => {
                    Error::new("42809", format!("cannot copy from {kind} \"{}\"", v.name))
                        .with_hint("Try the COPY (SELECT ...) TO variant.")
                }
                CopyDirection::FromStdin(_) if v.materialized => {
                    Error::new("42809", format!("cannot copy to {kind} \"{}\"", v.name))
                }
                CopyDirection::FromStdin(_) => {
                    Error::new("42809", format!("cannot copy to {kind} \"{}\"", v.name)).with_hint(
                        "To enable copying to a view, provide an INSTEAD OF INSERT trigger.",
                    )
                }
            })
        }
        _ => Ok(false),
    }
}

/// A view reading a temporary table or view is temporary itself (PostgreSQL's NOTICE says
/// so); a materialized view may read none.
pub fn reads_temporary(
    exec: &mut Exec<'_>,
    c: &crate::sql::ast_view::CreateView,
    uses: &[crate::engine::views::RelationRef],
) -> Result<bool> {
    use crate::engine::views::RelationRef;
    let db = &*exec.db;
    let temporary = uses.iter().any(|u| match u {
        RelationRef::Table(id, _) => db.tables.get(id).is_some_and(|t| t.temporary),
        RelationRef::View(s, n) => db.views.get(s, n).is_some_and(|v| v.temporary),
    });
    if !temporary {
        return Ok(false);
    }
    if c.materialized {
        return Err(Error::new(
            "0A000",
            "materialized views must not use temporary tables or views",
        ));
    }
    exec.notices.push(crate::error::Notice::notice(format!(
        "view \"{}\" will be a temporary view",
        c.name.name
    )));
    Ok(true)
}
