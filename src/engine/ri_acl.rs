//! The privileges referential integrity runs with: REFERENCES on the referenced table when a
//! key is made (checkFkeyPermissions), and the rights of a table's owner for the queries the
//! RI triggers run on it, which run as that owner whoever changed the rows (ri_PerformCheck).

use crate::engine::catalog::{Action, ForeignKey};
use crate::engine::database::Database;
use crate::engine::ri::{only, quote_ident_always, ri_generate_qual, ri_query_context};
use crate::engine::roles::{
    current_user, has_column_privilege, has_table_privilege, role_is_superuser, table_owner,
};
use crate::engine::table::Table;
use crate::error::{Error, Result};

/// 42501 `permission denied for table x`.
fn denied(t: &Table) -> Error {
    Error::new("42501", format!("permission denied for table {}", t.name))
}

/// checkFkeyPermissions: the current role needs REFERENCES on the referenced table, or on each
/// of the referenced columns.
pub fn check_references(db: &Database, parent: &Table, columns: &[usize]) -> Result<()> {
    let user = current_user(db);
    if has_table_privilege(db, parent.id, &user, "references") {
        return Ok(());
    }
    for &c in columns {
        let Some(col) = parent.columns.get(c) else { continue };
        if !has_column_privilege(db, parent.id, &col.name, &user, "references") {
            return Err(denied(parent));
        }
    }
    Ok(())
}

/// The table's owner holds `privileges` on it (a superuser owner holds all).
fn owner_holds(db: &Database, t: &Table, privileges: &[&str]) -> bool {
    let owner = table_owner(db, t.id);
    role_is_superuser(db, owner)
        || privileges.iter().all(|p| has_table_privilege(db, t.id, owner, p))
}

/// RI_FKey_check's query on the referenced table (and ri_Check_Pk_Match's, which is the same
/// with the referenced table's own types): `SELECT ... FOR KEY SHARE` runs as the referenced
/// table's owner, who needs SELECT and UPDATE on it.
pub fn check_parent_query(db: &Database, fk: &ForeignKey, own_types: bool) -> Result<()> {
    let (Ok(child), Ok(parent)) = (db.table(fk.child), db.table(fk.parent)) else { return Ok(()) };
    if owner_holds(db, parent, &["select", "update"]) {
        return Ok(());
    }
    let relname =
        format!("{}.{}", quote_ident_always(&parent.schema), quote_ident_always(&parent.name));
    let quals = fk
        .parent_columns
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let pk_ty = &parent.columns[p].data_type;
            let param_ty =
                if own_types { pk_ty } else { &child.columns[fk.child_columns[i]].data_type };
            ri_generate_qual(
                &quote_ident_always(&parent.columns[p].name),
                pk_ty,
                &format!("${}", i + 1),
                param_ty,
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = format!("SELECT 1 FROM {} x WHERE {quals} FOR KEY SHARE OF x", only(parent, relname));
    Err(denied(parent).with_context(format!("SQL statement \"{sql}\"")))
}

/// The query a referenced row's action runs on the referencing table, as that table's owner:
/// NO ACTION and RESTRICT look rows up (`SELECT ... FOR KEY SHARE`: SELECT and UPDATE),
/// CASCADE deletes or updates them, SET NULL and SET DEFAULT update them (SELECT for the WHERE).
/// NO ACTION first asks the referenced table whether another row now has the key.
pub fn check_action_query(
    db: &Database,
    fk: &ForeignKey,
    action: &Action,
    on_update: bool,
) -> Result<()> {
    if *action == Action::NoAction {
        check_parent_query(db, fk, true)?;
    }
    let Ok(child) = db.table(fk.child) else { return Ok(()) };
    let needs: &[&str] = match action {
        Action::NoAction | Action::Restrict => &["select", "update"],
        Action::Cascade if !on_update => &["select", "delete"],
        _ => &["select", "update"],
    };
    if owner_holds(db, child, needs) {
        return Ok(());
    }
    Err(denied(child).with_context(ri_query_context(db, fk, action, on_update)))
}
