//! Runs the maintenance, session and bookkeeping statements real files carry (ANALYZE, VACUUM,
//! CHECKPOINT, DISCARD, LISTEN/NOTIFY, ALTER ROLE, ALTER EXTENSION, CREATE SCHEMA ...
//! AUTHORIZATION, CREATE COLLATION / CAST / TEXT SEARCH CONFIGURATION / EVENT TRIGGER) with
//! PostgreSQL's checks and errors; what they would change fksim does not keep (statistics,
//! space, plans, notifications), or keeps only as a recorded name.

use crate::engine::admin::{ObjectKey, find_table};
use crate::engine::exec::Exec;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::ObjectName;
use crate::sql::ast_admin::{Admin, ObjectKind, RoleChange};

/// The extensions the reference server has installed files for (`pg_available_extensions`),
/// with their default versions.
pub(crate) const EXTENSION_VERSIONS: &[(&str, &str)] = &[
    ("adminpack", "2.1"),
    ("amcheck", "1.3"),
    ("autoinc", "1.0"),
    ("bloom", "1.0"),
    ("btree_gin", "1.3"),
    ("btree_gist", "1.7"),
    ("citext", "1.6"),
    ("cube", "1.5"),
    ("dblink", "1.2"),
    ("dict_int", "1.0"),
    ("dict_xsyn", "1.0"),
    ("earthdistance", "1.1"),
    ("file_fdw", "1.0"),
    ("fuzzystrmatch", "1.1"),
    ("hstore", "1.8"),
    ("insert_username", "1.0"),
    ("intagg", "1.1"),
    ("intarray", "1.5"),
    ("isn", "1.2"),
    ("lo", "1.1"),
    ("ltree", "1.2"),
    ("moddatetime", "1.0"),
    ("old_snapshot", "1.0"),
    ("pageinspect", "1.11"),
    ("pg_buffercache", "1.3"),
    ("pg_freespacemap", "1.2"),
    ("pg_prewarm", "1.2"),
    ("pg_stat_statements", "1.10"),
    ("pg_surgery", "1.0"),
    ("pg_trgm", "1.6"),
    ("pg_visibility", "1.2"),
    ("pg_walinspect", "1.0"),
    ("pgcrypto", "1.3"),
    ("pgrowlocks", "1.2"),
    ("pgstattuple", "1.5"),
    ("plpgsql", "1.0"),
    ("postgres_fdw", "1.1"),
    ("refint", "1.0"),
    ("seg", "1.4"),
    ("sslinfo", "1.2"),
    ("tablefunc", "1.0"),
    ("tcn", "1.0"),
    ("tsm_system_rows", "1.0"),
    ("tsm_system_time", "1.0"),
    ("unaccent", "1.1"),
    ("uuid-ossp", "1.1"),
    ("xml2", "1.1"),
];

fn in_block_error(what: &str) -> Error {
    Error::new("25001", format!("{what} cannot run inside a transaction block"))
}

/// Runs one of the statements this module owns (see [`crate::engine::admin::execute`]).
pub fn execute(exec: &mut Exec<'_>, stmt: &Admin) -> Result<()> {
    match stmt {
        Admin::Maintain { vacuum, tables, .. } => {
            if *vacuum && exec.txn.in_block {
                return Err(in_block_error("VACUUM"));
            }
            for name in tables {
                check_relation(exec, name)?;
            }
        }
        // Nothing is buffered: every change is already where it stays.
        Admin::Checkpoint => {}
        Admin::Discard(kind) => discard(exec, kind)?,
        // A session of its own: nothing else sends it notifications, and what it sends itself
        // is not delivered (see the README).
        Admin::Listen(_) | Admin::Unlisten(_) => {}
        Admin::Notify { payload, .. } => {
            if payload.len() >= 8000 {
                return Err(Error::new("22023", "payload string too long"));
            }
        }
        Admin::AlterRole { name, change } => {
            alter_role(exec, name.as_ref().map(|n| &n.name), change)?
        }
        Admin::AlterExtension { name, schema } => {
            let db = &mut *exec.db;
            let installed = name.name == "plpgsql" || db.admin.extensions.contains_key(&name.name);
            if !installed {
                return Err(Error::new(
                    "42704",
                    format!("extension \"{}\" does not exist", name.name),
                ));
            }
            match schema {
                Some(s) => {
                    if !db.schemas.contains(&s.name) {
                        return Err(Error::undefined_schema(&s.name));
                    }
                    db.admin.extensions.insert(name.name.clone(), s.name.clone());
                }
                None => {
                    let version = EXTENSION_VERSIONS
                        .iter()
                        .find(|(n, _)| *n == name.name)
                        .map_or("1.0", |(_, v)| v);
                    exec.notices.push(Notice::notice(format!(
                        "version \"{version}\" of extension \"{}\" is already installed",
                        name.name
                    )));
                }
            }
        }
        Admin::CreateSchemaOwned { name, role, if_not_exists } => {
            exec.db.admin.check_role(&role.name, false)?;
            let existed = exec.db.schemas.contains(name);
            crate::engine::ddl::create_schema(exec, name, *if_not_exists, &[])?;
            if !existed {
                exec.db
                    .admin
                    .owners
                    .insert(ObjectKey::Named(ObjectKind::Schema, name.clone()), role.name.clone());
            }
        }
        Admin::CreateObject { kind, name, if_not_exists, function } => {
            create_object(exec, *kind, name, *if_not_exists, function.as_ref())?
        }
        Admin::AlterEventTrigger { name, rename } => {
            let objects = &mut exec.db.admin.objects;
            let key = (ObjectKind::EventTrigger, name.clone());
            if !objects.contains(&key) {
                return Err(Error::new(
                    "42704",
                    format!("event trigger \"{name}\" does not exist"),
                ));
            }
            if let Some(new) = rename {
                let new_key = (ObjectKind::EventTrigger, new.clone());
                if objects.contains(&new_key) {
                    return Err(Error::new(
                        "42710",
                        format!("event trigger \"{new}\" already exists"),
                    ));
                }
                objects.shift_remove(&key);
                objects.insert(new_key);
            }
        }
        Admin::DropObject { kind, names, if_exists } => {
            for name in names {
                if exec.db.admin.objects.shift_remove(&(*kind, name.clone())) {
                    continue;
                }
                let what = kind.sql().to_lowercase();
                if *if_exists {
                    exec.notices.push(Notice::notice(format!(
                        "{what} \"{name}\" does not exist, skipping"
                    )));
                    continue;
                }
                let encoding =
                    if *kind == ObjectKind::Collation { " for encoding \"UTF8\"" } else { "" };
                return Err(Error::new(
                    "42704",
                    format!("{what} \"{name}\"{encoding} does not exist"),
                ));
            }
        }
        Admin::TriggerState { table, if_exists, which, enable } => {
            let Some(id) = find_table(exec.db, table, *if_exists, &mut exec.notices)? else {
                return Ok(());
            };
            crate::engine::trigger_state::set(exec, id, which, *enable)?
        }
        _ => return Err(Error::internal("not a maintenance statement")),
    }
    Ok(())
}

/// ANALYZE and VACUUM name tables (or materialized views) that must exist.
fn check_relation(exec: &Exec<'_>, name: &ObjectName) -> Result<()> {
    if exec.db.lookup(name).is_some() || crate::engine::views::find(exec.db, name).is_some() {
        return Ok(());
    }
    Err(Error::undefined_table(&crate::engine::database::display_name(name)))
}

/// DISCARD: plans and sequence caches fksim does not keep; ALL also resets the parameters.
fn discard(exec: &mut Exec<'_>, kind: &str) -> Result<()> {
    if kind == "ALL" && exec.txn.in_block {
        return Err(in_block_error("DISCARD ALL"));
    }
    if kind == "ALL" || kind == "TEMP" {
        drop_temporaries(exec)?;
    }
    if kind == "ALL" {
        let mut settings = exec.db.settings.clone();
        settings.reset_all();
        exec.txn
            .undo
            .push(crate::engine::database::Undo::Settings(Box::new(exec.db.settings.clone())));
        exec.db.replace_settings(settings);
    }
    Ok(())
}

/// DISCARD TEMP: the session's temporary tables (with the keys between them and the views
/// on them) and temporary views go, quietly, as when the session ends.
fn drop_temporaries(exec: &mut Exec<'_>) -> Result<()> {
    let names: Vec<ObjectName> = exec
        .db
        .tables
        .values()
        .filter(|t| t.temporary)
        .map(|t| ObjectName { schema: Some(t.schema.clone()), name: t.name.clone(), pos: None })
        .collect();
    let notices = exec.notices.len();
    if !names.is_empty() {
        crate::engine::ddl::drop_tables(exec, &names, true, true)?;
    }
    exec.notices.truncate(notices);
    if exec.db.views.list.values().any(|v| v.temporary) {
        crate::engine::views::save(exec);
        exec.db.views.list.retain(|_, v| !v.temporary);
    }
    Ok(())
}

/// ALTER ROLE: attributes as `\du` shows them, or a new name everywhere the role is recorded.
fn alter_role(exec: &mut Exec<'_>, name: Option<&String>, change: &RoleChange) -> Result<()> {
    let admin = &mut exec.db.admin;
    let Some(name) = name else {
        // ALTER ROLE ALL takes only SET/RESET.
        return Ok(());
    };
    admin.check_role(name, false)?;
    match change {
        RoleChange::Setting => {}
        RoleChange::Attributes(flags) => {
            if let Some(attributes) = admin.roles.get_mut(name) {
                for (flag, on) in flags {
                    attributes.set(flag, *on);
                }
            }
        }
        RoleChange::Rename(new) => {
            if name == crate::engine::admin::SESSION_USER {
                return Err(Error::new("0A000", "session user cannot be renamed"));
            }
            if admin.role_exists(&new.name) {
                return Err(Error::new("42710", format!("role \"{}\" already exists", new.name)));
            }
            let Some(attributes) = admin.roles.shift_remove(name) else {
                return Err(Error::new("42939", format!("role name \"{name}\" is reserved")));
            };
            admin.roles.insert(new.name.clone(), attributes);
            let rename = |r: &mut String| {
                if r == name {
                    *r = new.name.clone();
                }
            };
            for (role, member) in &mut admin.memberships {
                rename(role);
                rename(member);
            }
            admin.owners.values_mut().for_each(rename);
            admin.privileges.iter_mut().for_each(|p| rename(&mut p.grantee));
            admin.policies.iter_mut().for_each(|p| p.roles.iter_mut().for_each(rename));
            for (owners, _, grant) in &mut admin.default_privileges {
                owners.iter_mut().for_each(rename);
                grant.grantees.iter_mut().for_each(|g| rename(&mut g.name));
            }
        }
    }
    Ok(())
}

/// CREATE COLLATION / TEXT SEARCH CONFIGURATION / EVENT TRIGGER / CAST: the name is recorded
/// (COMMENT ON finds it), with PostgreSQL's errors for a second one.
fn create_object(
    exec: &mut Exec<'_>,
    kind: ObjectKind,
    name: &str,
    if_not_exists: bool,
    function: Option<&ObjectName>,
) -> Result<()> {
    if let Some(f) = function {
        let exists = exec.db.functions.keys().any(|(s, n)| {
            *n == f.name && f.schema.as_ref().map_or(exec.db.search_path.contains(s), |w| w == s)
        });
        if !exists {
            return Err(Error::new(
                "42883",
                format!("function {}() does not exist", crate::engine::database::display_name(f)),
            ));
        }
    }
    let key = (kind, name.to_string());
    if exec.db.admin.objects.contains(&key) {
        let what = kind.sql().to_lowercase();
        return Err(match kind {
            ObjectKind::Collation if if_not_exists => {
                exec.notices
                    .push(Notice::notice(format!("collation \"{name}\" already exists, skipping")));
                return Ok(());
            }
            // PostgreSQL has no check of its own here: its catalog's unique index says it.
            ObjectKind::TextSearchConfiguration => Error::new(
                "23505",
                "duplicate key value violates unique constraint \"pg_ts_config_cfgname_index\"",
            )
            .with_detail(format!("Key (cfgname, cfgnamespace)=({name}, 2200) already exists.")),
            _ => Error::new("42710", format!("{what} \"{name}\" already exists")),
        });
    }
    exec.db.admin.objects.insert(key);
    Ok(())
}
