//! Who is acting: the current role (`SET ROLE`, SECURITY DEFINER), role membership, and the
//! table privileges PostgreSQL checks before a statement touches a table.

use crate::engine::admin::{ObjectKey, SESSION_USER};
use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::settings::SetArg;
use crate::error::{Error, Result};

/// The role statements run as: the one `SET ROLE` chose, else the session user.
pub fn current_user(db: &Database) -> String {
    current_role(db).to_string()
}

/// [`current_user`], borrowed.
fn current_role(db: &Database) -> &str {
    match db.settings.value("role") {
        "none" => SESSION_USER,
        role => role,
    }
}

/// True when the current role is a superuser (the session user `postgres`, or a role created
/// SUPERUSER).
pub fn is_superuser(db: &Database) -> bool {
    role_is_superuser(db, current_role(db))
}

/// True when row security does not apply to the current role (superusers and BYPASSRLS).
pub fn bypasses_rls(db: &Database) -> bool {
    is_superuser(db) || db.admin.roles.get(&current_user(db)).is_some_and(|a| a.bypassrls)
}

/// PostgreSQL's check on `SET ROLE name`: the role must exist (`none` is the session user).
pub fn check_set_role(db: &Database, args: Option<&[SetArg]>) -> Result<()> {
    let Some([arg]) = args else { return Ok(()) };
    let (SetArg::Word(name) | SetArg::Str(name) | SetArg::Number(name)) = arg;
    if name == "none" || db.admin.role_exists(name) {
        Ok(())
    } else {
        Err(Error::new("22023", format!("role \"{name}\" does not exist")))
    }
}

/// Switches to a SECURITY DEFINER function's owner; returns the role to restore.
pub fn enter_definer(db: &mut Database, owner: &str) -> String {
    let before = db.settings.show("role").map(|s| s.1).unwrap_or_else(|_| "none".to_string());
    let role = if owner == SESSION_USER { "none" } else { owner };
    // The role existed when the function was created; a failure leaves the caller's role.
    let _ = db.settings.set_text("role", role);
    before
}

/// Back from a SECURITY DEFINER function.
pub fn leave_definer(db: &mut Database, before: String) {
    let _ = db.settings.set_text("role", &before);
}

/// Every role whose privileges `role` holds: itself, the roles it is a member of (directly or
/// not), and PUBLIC.
pub fn roles_of(db: &Database, role: &str) -> Vec<String> {
    let mut out = vec![role.to_string(), "public".to_string()];
    let mut i = 0;
    while i < out.len() {
        let member = out[i].clone();
        for (r, m) in &db.admin.memberships {
            if *m == member && !out.contains(r) {
                out.push(r.clone());
            }
        }
        i += 1;
    }
    out
}

/// True when `role` owns the table (the session user owns what has no recorded owner).
pub fn owns_table(db: &Database, table: TableId, role: &str) -> bool {
    let owner = table_owner(db, table);
    roles_of(db, role).iter().any(|r| r == owner)
}

/// 42501 unless the current role owns the table (or is a superuser): what ALTER TABLE, DROP
/// TABLE, CREATE POLICY and the like require.
pub fn check_table_owner(db: &Database, table: TableId) -> Result<()> {
    let user = current_user(db);
    if is_superuser(db) || owns_table(db, table, &user) {
        return Ok(());
    }
    Err(Error::new("42501", format!("must be owner of table {}", db.table(table)?.name)))
}

/// True when `role` is a superuser (the session user, or a role created SUPERUSER).
pub fn role_is_superuser(db: &Database, role: &str) -> bool {
    role == SESSION_USER || db.admin.roles.get(role).is_some_and(|a| a.superuser)
}

/// The role owning a table (the session user owns what has no recorded owner).
pub fn table_owner(db: &Database, table: TableId) -> &str {
    db.admin.owners.get(&ObjectKey::Table(table)).map_or(SESSION_USER, String::as_str)
}

/// True when `role` holds `privilege` on the table as its owner (or a member of the owning
/// role): the owner holds every privilege it did not revoke from itself.
fn holds_as_owner(db: &Database, table: TableId, role: &str, privilege: &str) -> bool {
    let key = ObjectKey::Table(table);
    owns_table(db, table, role)
        && !db.admin.owner_revoked.iter().any(|(k, p)| *k == key && p == privilege)
}

/// True when `role` holds `privilege` on the table: as a superuser, as its owner, or by a grant
/// to itself, a role it belongs to, or PUBLIC.
pub fn has_table_privilege(db: &Database, table: TableId, role: &str, privilege: &str) -> bool {
    if role_is_superuser(db, role) || holds_as_owner(db, table, role, privilege) {
        return true;
    }
    let holders = roles_of(db, role);
    db.admin.privileges.iter().any(|p| {
        p.object == ObjectKey::Table(table)
            && p.privilege == privilege
            && holders.contains(&p.grantee)
    })
}

/// True when `role` holds `privilege` on one column of the table, by a column grant.
pub fn has_column_privilege(
    db: &Database,
    table: TableId,
    column: &str,
    role: &str,
    privilege: &str,
) -> bool {
    let holders = roles_of(db, role);
    db.admin.privileges.iter().any(|p| {
        matches!(&p.object, ObjectKey::Column(t, c) if *t == table && c == column)
            && p.privilege == privilege
            && holders.contains(&p.grantee)
    })
}

/// Keeps the owner's own rights in step with a GRANT or REVOKE naming the owner: PostgreSQL
/// edits the owner's aclitem, so a REVOKE takes the right away from the owner too.
pub fn record_owner_right(
    db: &mut Database,
    key: &ObjectKey,
    grantee: &str,
    privilege: &str,
    g: &crate::sql::ast_admin::Grant,
) {
    let ObjectKey::Table(table) = key else { return };
    if table_owner(db, *table) != grantee || g.grant_option {
        return;
    }
    let revoked = &mut db.admin.owner_revoked;
    revoked.retain(|(k, p)| !(k == key && p == privilege));
    if !g.grant {
        revoked.push((key.clone(), privilege.to_string()));
    }
}

/// PostgreSQL's privilege check on a table for the current role: `privilege` is `select`,
/// `insert`, `update` or `delete`. Superusers and owners pass (unless the owner revoked the
/// privilege from itself); others need a grant to themselves, a role they belong to, or PUBLIC
/// (on the table or on all its columns).
pub fn check_table_privilege(db: &Database, table: TableId, privilege: &str) -> Result<()> {
    let user = current_user(db);
    if is_superuser(db) || holds_as_owner(db, table, &user, privilege) {
        return Ok(());
    }
    let holders = roles_of(db, &user);
    let t = db.table(table)?;
    // Names are looked up in a schema before the table is opened: USAGE is checked first.
    if t.schema != "public" && !schema_usable(db, &t.schema, &holders) {
        return Err(Error::new("42501", format!("permission denied for schema {}", t.schema)));
    }
    let granted = db.admin.privileges.iter().any(|p| {
        p.object == ObjectKey::Table(table)
            && p.privilege == privilege
            && holders.contains(&p.grantee)
    });
    if granted {
        return Ok(());
    }
    Err(Error::new("42501", format!("permission denied for table {}", t.name)))
}

/// ALTER DEFAULT PRIVILEGES in effect for a table the current role just created: the grants
/// they name are made on it (ON TABLES) and on the sequences of its serial and identity
/// columns (ON SEQUENCES), as PostgreSQL does at CREATE TABLE.
pub fn apply_default_privileges(db: &mut Database, table: TableId) -> Result<()> {
    use crate::sql::ast_admin::{ObjectKind, ObjectRef};
    let (schema, name) = {
        let t = db.table(table)?;
        (t.schema.clone(), t.name.clone())
    };
    let sequences: Vec<String> = db
        .sequences
        .borrow()
        .map
        .iter()
        .filter(|(_, s)| s.owned_by.as_ref().is_some_and(|(t, _)| *t == name))
        .map(|(n, _)| n.clone())
        .collect();
    let creator = current_user(db);
    let mut grants = Vec::new();
    for (for_roles, in_schemas, g) in &db.admin.default_privileges {
        let for_creator = for_roles.contains(&creator);
        let in_schema = in_schemas.is_empty() || in_schemas.contains(&schema);
        if for_creator && in_schema && matches!(g.kind, ObjectKind::Table | ObjectKind::Sequence) {
            grants.push(g.clone());
        }
    }
    let object = |kind, parts| ObjectRef { kind, parts, on: None, args: None, pos: None };
    for mut g in grants {
        g.objects = match g.kind {
            ObjectKind::Table => {
                vec![object(ObjectKind::Table, vec![schema.clone(), name.clone()])]
            }
            _ => sequences.iter().map(|s| object(ObjectKind::Sequence, vec![s.clone()])).collect(),
        };
        g.all_in_schemas.clear();
        crate::engine::admin_exec::grant(db, &g)?;
    }
    Ok(())
}

/// USAGE on a schema other than public, granted to one of `holders`.
fn schema_usable(db: &Database, schema: &str, holders: &[String]) -> bool {
    schema_granted(db, schema, "usage", holders)
}

/// `privilege` on `schema` granted to one of `holders`.
fn schema_granted(db: &Database, schema: &str, privilege: &str, holders: &[String]) -> bool {
    db.admin.privileges.iter().any(|p| {
        matches!(&p.object, ObjectKey::Named(crate::sql::ast_admin::ObjectKind::Schema, n) if n == schema)
            && p.privilege == privilege
            && holders.contains(&p.grantee)
    })
}

/// nextval's check: USAGE or UPDATE on the sequence, for roles other than superusers and the
/// owner of the table that owns it.
pub fn check_sequence_usage(db: &Database, sequence: &str) -> Result<()> {
    let user = current_user(db);
    if is_superuser(db) {
        return Ok(());
    }
    let owner_table = db.sequences.borrow().map.get(sequence).and_then(|s| s.owned_by.clone());
    if let Some((table, _)) = owner_table
        && let Some(t) = db.tables.values().find(|t| t.name == table)
        && owns_table(db, t.id, &user)
    {
        return Ok(());
    }
    let holders = roles_of(db, &user);
    let granted = db.admin.privileges.iter().any(|p| {
        matches!(&p.object, ObjectKey::Named(crate::sql::ast_admin::ObjectKind::Sequence, n)
            if db.sequences.borrow().find_text(n, &db.search_path).as_deref() == Some(sequence))
            && (p.privilege == "usage" || p.privilege == "update")
            && holders.contains(&p.grantee)
    });
    if granted {
        Ok(())
    } else {
        Err(Error::new(
            "42501",
            format!("permission denied for sequence {}", crate::engine::sequences::bare(sequence)),
        ))
    }
}

/// 42501 unless the current role may create objects in `schema`: superusers may, others need
/// CREATE on it (PostgreSQL 15 grants no one CREATE on public).
pub fn check_schema_create(db: &Database, schema: &str) -> Result<()> {
    if is_superuser(db) || schema_granted(db, schema, "create", &roles_of(db, &current_user(db))) {
        return Ok(());
    }
    Err(Error::new("42501", format!("permission denied for schema {schema}")))
}
