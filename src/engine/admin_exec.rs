//! The access statements that take more than recording: grants with their privilege checks,
//! extensions, policies (their conditions bound against the table), dropping roles.

use crate::engine::admin::{ObjectKey, Policy, Privilege, resolve, table_id, undefined_role};
use crate::engine::catalog::TableId;
use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::expr::Binder;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{Ident, ObjectName};
use crate::sql::ast_admin::{CreatePolicy, Grant, ObjectKind};

/// The privileges each object kind has, for PostgreSQL's 0LP01 on a wrong one.
pub(crate) fn valid_privileges(
    kind: ObjectKind,
) -> Option<(&'static str, &'static [&'static str])> {
    match kind {
        ObjectKind::Table | ObjectKind::View | ObjectKind::MaterializedView => Some((
            "table",
            &["select", "insert", "update", "delete", "truncate", "references", "trigger"],
        )),
        ObjectKind::Sequence => Some(("sequence", &["usage", "select", "update"])),
        ObjectKind::Schema => Some(("schema", &["usage", "create"])),
        ObjectKind::Function | ObjectKind::Procedure => Some(("function", &["execute"])),
        _ => None,
    }
}

pub(crate) fn grant(db: &mut Database, g: &Grant) -> Result<()> {
    for r in &g.grantees {
        db.admin.check_role(&r.name, true)?;
    }
    let mut keys = Vec::new();
    for object in &g.objects {
        if let Some(key) = resolve(db, object, false, &mut Vec::new())? {
            keys.push(key);
        }
    }
    for s in &g.all_in_schemas {
        if !db.schemas.contains(&s.name) {
            return Err(Error::undefined_schema(&s.name));
        }
        if g.kind == ObjectKind::Table {
            keys.extend(
                db.tables.values().filter(|t| t.schema == s.name).map(|t| ObjectKey::Table(t.id)),
            );
        }
    }
    let privileges: Vec<String> = match valid_privileges(g.kind) {
        Some((what, valid)) => {
            if let Some(bad) = g.privileges.iter().find(|p| !valid.contains(&p.as_str())) {
                return Err(Error::new(
                    "0LP01",
                    format!("invalid privilege type {} for {what}", bad.to_uppercase()),
                ));
            }
            if g.privileges.is_empty() && g.reference_columns.is_empty() {
                valid.iter().map(|p| p.to_string()).collect()
            } else {
                g.privileges.clone()
            }
        }
        None => g.privileges.clone(),
    };
    // REFERENCES (col, ...) is held on each column.
    for key in column_keys(db, &keys, &g.reference_columns)? {
        for grantee in &g.grantees {
            set_privilege(db, &key, &grantee.name, "references", g);
        }
    }
    for key in keys {
        for grantee in &g.grantees {
            for p in &privileges {
                set_privilege(db, &key, &grantee.name, p, g);
            }
        }
    }
    Ok(())
}

/// GRANT or REVOKE of one privilege on one object to one grantee.
fn set_privilege(db: &mut Database, key: &ObjectKey, grantee: &str, p: &str, g: &Grant) {
    let held = |x: &Privilege| x.object == *key && x.grantee == grantee && x.privilege == p;
    crate::engine::roles::record_owner_right(db, key, grantee, p, g);
    if g.grant {
        match db.admin.privileges.iter_mut().find(|x| held(x)) {
            Some(x) => x.grant_option |= g.grant_option,
            None => db.admin.privileges.push(Privilege {
                object: key.clone(),
                privilege: p.to_string(),
                grantee: grantee.to_string(),
                grant_option: g.grant_option,
            }),
        }
    } else if g.grant_option {
        db.admin.privileges.iter_mut().filter(|x| held(x)).for_each(|x| x.grant_option = false);
    } else {
        db.admin.privileges.retain(|x| !held(x));
    }
}

/// The column keys `REFERENCES (col, ...)` names on each table, or 42703 for a missing column.
fn column_keys(db: &Database, keys: &[ObjectKey], columns: &[String]) -> Result<Vec<ObjectKey>> {
    let mut out = Vec::new();
    for key in keys {
        let ObjectKey::Table(id) = key else { continue };
        let t = db.table(*id)?;
        for c in columns {
            if !t.columns.iter().any(|col| &col.name == c) {
                return Err(Error::new(
                    "42703",
                    format!("column \"{c}\" of relation \"{}\" does not exist", t.name),
                ));
            }
            out.push(ObjectKey::Column(*id, c.clone()));
        }
    }
    Ok(out)
}

pub(crate) fn create_extension(
    db: &mut Database,
    name: &Ident,
    if_not_exists: bool,
    schema: Option<&Ident>,
    notices: &mut Vec<Notice>,
) -> Result<()> {
    let schema = match schema {
        Some(s) if !db.schemas.contains(&s.name) => return Err(Error::undefined_schema(&s.name)),
        Some(s) => s.name.clone(),
        None => {
            db.creation_schema(&ObjectName { schema: None, name: name.name.clone(), pos: None })?
        }
    };
    if db.admin.extensions.contains_key(&name.name) || name.name == "plpgsql" {
        let msg = format!("extension \"{}\" already exists", name.name);
        if if_not_exists {
            notices.push(Notice::notice(format!("{msg}, skipping")));
            return Ok(());
        }
        return Err(Error::new("42710", msg));
    }
    if !crate::engine::maintenance::EXTENSION_VERSIONS.iter().any(|(n, _)| *n == name.name) {
        return Err(Error::new("58P01", format!("extension \"{}\" is not available", name.name))
            .with_detail(format!(
                "Could not open extension control file \"/usr/share/postgresql/15/extension/{}.control\": No such file or directory.",
                name.name
            ))
            .with_hint("The extension must first be installed on the system where PostgreSQL is running."));
    }
    db.admin.extensions.insert(name.name.clone(), schema);
    Ok(())
}

/// ALTER POLICY: `change` carries what is given (roles when `new_roles`); the rest stays.
pub(crate) fn alter_policy(
    db: &mut Database,
    change: &CreatePolicy,
    rename: Option<&Ident>,
    new_roles: bool,
) -> Result<()> {
    let id = table_id(db, &change.table)?;
    crate::engine::roles::check_table_owner(db, id)?;
    let Some(at) =
        db.admin.policies.iter().position(|p| p.table == id && p.name == change.name.name)
    else {
        return Err(Error::new(
            "42704",
            format!(
                "policy \"{}\" for table \"{}\" does not exist",
                change.name.name, change.table.name
            ),
        ));
    };
    if let Some(new) = rename {
        if db.admin.policies.iter().any(|p| p.table == id && p.name == new.name) {
            return Err(Error::new(
                "42710",
                format!(
                    "policy \"{}\" for table \"{}\" already exists",
                    new.name, change.table.name
                ),
            ));
        }
        db.admin.policies[at].name = new.name.clone();
        return Ok(());
    }
    for r in &change.roles {
        db.admin.check_role(&r.name, true)?;
    }
    check_policy_conditions(db, id, change)?;
    let p = &mut db.admin.policies[at];
    if new_roles {
        p.roles = change.roles.iter().map(|r| r.name.clone()).filter(|r| r != "public").collect();
    }
    if change.using.is_some() {
        p.using = change.using.clone();
    }
    if change.check.is_some() {
        p.check = change.check.clone();
    }
    Ok(())
}

/// A policy's conditions, bound as PostgreSQL binds them, so a wrong column fails when the
/// policy is made; what fksim cannot bind before it runs (a subquery) is let through.
fn check_policy_conditions(db: &Database, table: TableId, p: &CreatePolicy) -> Result<()> {
    let t = db.table(table)?;
    for e in p.using.iter().chain(&p.check) {
        let e = crate::engine::fncall::stand_in_calls(db, e)?;
        let bound =
            Binder::for_clause("POLICY").bind_condition(&e, &table_scope(t, None), "POLICY");
        if let Err(err) = bound
            && err.sqlstate() != "0A000"
        {
            return Err(err.without_position());
        }
    }
    Ok(())
}

pub(crate) fn create_policy(db: &mut Database, p: &CreatePolicy) -> Result<()> {
    let id = table_id(db, &p.table)?;
    crate::engine::roles::check_table_owner(db, id)?;
    for r in &p.roles {
        db.admin.check_role(&r.name, true)?;
    }
    if db.admin.policies.iter().any(|x| x.table == id && x.name == p.name.name) {
        return Err(Error::new(
            "42710",
            format!("policy \"{}\" for table \"{}\" already exists", p.name.name, p.table.name),
        ));
    }
    check_policy_conditions(db, id, p)?;
    let roles: Vec<String> =
        p.roles.iter().map(|r| r.name.clone()).filter(|r| r != "public").collect();
    db.admin.policies.push(Policy {
        table: id,
        name: p.name.name.clone(),
        permissive: p.permissive,
        command: p.command.clone(),
        roles,
        using: p.using.clone(),
        check: p.check.clone(),
    });
    Ok(())
}

pub(crate) fn drop_role(
    db: &mut Database,
    name: &str,
    if_exists: bool,
    notices: &mut Vec<Notice>,
) -> Result<()> {
    if !db.admin.roles.contains_key(name) {
        if db.admin.role_exists(name) {
            return Err(Error::new("55006", "current user cannot be dropped"));
        }
        if if_exists {
            notices.push(Notice::notice(format!("role \"{name}\" does not exist, skipping")));
            return Ok(());
        }
        return Err(undefined_role(name));
    }
    let exists = |key: &ObjectKey| still_exists(db, key);
    let depends = db.admin.privileges.iter().any(|p| p.grantee == name && exists(&p.object))
        || db.admin.owners.iter().any(|(k, o)| o == name && exists(k))
        || db
            .admin
            .policies
            .iter()
            .any(|p| db.tables.contains_key(&p.table) && p.roles.iter().any(|r| r == name));
    if depends {
        return Err(Error::unsupported(format!(
            "DROP ROLE of a role that still holds privileges, objects or policies is not supported by fksim; DROP OWNED BY {name} first"
        )));
    }
    db.admin.roles.shift_remove(name);
    db.admin.memberships.retain(|(r, m)| r != name && m != name);
    Ok(())
}

/// False for an object that was dropped: what was said about it (owner, grants) went with it.
pub(crate) fn still_exists(db: &Database, key: &ObjectKey) -> bool {
    match key {
        ObjectKey::Table(t) | ObjectKey::Column(t, _) | ObjectKey::Constraint(t, _) => {
            db.tables.contains_key(t)
        }
        ObjectKey::Named(ObjectKind::Sequence, n) => {
            db.sequences.borrow().find_text(n, &db.search_path).is_some()
        }
        ObjectKey::Named(ObjectKind::Schema, n) => db.schemas.contains(n),
        ObjectKey::Named(..) => true,
    }
}
