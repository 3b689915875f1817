//! The access and documentation catalog: roles, owners, grants, default privileges, comments,
//! extensions, row-level security, policies, replica identity and publications — recorded with
//! PostgreSQL's checks and errors, and kept for `\d` to show.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::engine::admin_exec::{alter_policy, create_extension, create_policy, drop_role, grant};
use crate::engine::catalog::TableId;
use crate::engine::database::{Database, Undo, display_name};
use crate::engine::exec::Exec;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{Expr, Ident, ObjectName};
use crate::sql::ast_admin::{Admin, Grant, ObjectKind, ObjectRef, ReplicaIdentity, RowSecurity};

/// The session user, owner of everything fksim creates.
pub const SESSION_USER: &str = "postgres";

/// PostgreSQL 15's predefined roles, which exist in every cluster.
const PREDEFINED_ROLES: &[&str] = &[
    "pg_database_owner",
    "pg_read_all_data",
    "pg_write_all_data",
    "pg_monitor",
    "pg_read_all_settings",
    "pg_read_all_stats",
    "pg_stat_scan_tables",
    "pg_read_server_files",
    "pg_write_server_files",
    "pg_execute_server_program",
    "pg_signal_backend",
    "pg_checkpoint",
];

/// An object a comment, owner or grant is attached to. Tables are held by id, so what is said
/// about a dropped table goes with it and never reaches a new table of the same name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ObjectKey {
    /// A table.
    Table(TableId),
    /// A column of a table.
    Column(TableId, String),
    /// A constraint of a table.
    Constraint(TableId, String),
    /// Anything else, by kind and name as written (qualified when written so).
    Named(ObjectKind, String),
}

/// A row-level security policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Its table.
    pub table: TableId,
    /// Its name.
    pub name: String,
    /// PERMISSIVE (true) or RESTRICTIVE.
    pub permissive: bool,
    /// all / select / insert / update / delete.
    pub command: String,
    /// The roles it applies to; empty means PUBLIC.
    pub roles: Vec<String>,
    /// USING condition.
    pub using: Option<Expr>,
    /// WITH CHECK condition.
    pub check: Option<Expr>,
}

/// One privilege held by a grantee on an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Privilege {
    /// The object.
    pub object: ObjectKey,
    /// Privilege name in lower case (`select`).
    pub privilege: String,
    /// Role holding it (`public` for PUBLIC).
    pub grantee: String,
    /// WITH GRANT OPTION.
    pub grant_option: bool,
}

/// Everything recorded about access and documentation.
#[derive(Debug, Clone, Default)]
pub struct AdminCatalog {
    /// Roles created by the script, with their attributes.
    pub roles: IndexMap<String, crate::sql::ast_admin::RoleAttributes>,
    /// Role memberships (role, member).
    pub memberships: Vec<(String, String)>,
    /// Owners other than the session user.
    pub owners: HashMap<ObjectKey, String>,
    /// COMMENT ON texts.
    pub comments: HashMap<ObjectKey, String>,
    /// Privileges granted, in grant order.
    pub privileges: Vec<Privilege>,
    /// Privileges an object's owner no longer holds (REVOKE ... FROM the owner): the owner's
    /// rights are all of them otherwise.
    pub owner_revoked: Vec<(ObjectKey, String)>,
    /// ALTER DEFAULT PRIVILEGES statements in effect, as given: (the roles whose new objects
    /// they are about, the schemas, the grant or revoke).
    pub default_privileges: Vec<(Vec<String>, Vec<String>, Grant)>,
    /// Extensions: name → schema.
    pub extensions: IndexMap<String, String>,
    /// Row-level security: (enabled, forced) per table.
    pub row_security: HashMap<TableId, (bool, bool)>,
    /// Replica identity other than DEFAULT.
    pub replica_identity: HashMap<TableId, ReplicaIdentity>,
    /// Policies in creation order.
    pub policies: Vec<Policy>,
    /// Publications: name → tables (None: FOR ALL TABLES).
    pub publications: IndexMap<String, Option<Vec<TableId>>>,
    /// Collations, casts, text search configurations and event triggers, by kind and name:
    /// recorded, never used.
    pub objects: indexmap::IndexSet<(ObjectKind, String)>,
}

pub(crate) fn undefined_role(name: &str) -> Error {
    Error::new("42704", format!("role \"{name}\" does not exist"))
}

impl AdminCatalog {
    /// True when a role of this name exists (the session user, the predefined roles, and those
    /// the script created).
    pub fn role_exists(&self, name: &str) -> bool {
        name == SESSION_USER || PREDEFINED_ROLES.contains(&name) || self.roles.contains_key(name)
    }

    pub(crate) fn check_role(&self, name: &str, allow_public: bool) -> Result<()> {
        if (allow_public && name == "public") || self.role_exists(name) {
            Ok(())
        } else {
            Err(undefined_role(name))
        }
    }

    /// The policies of a table, ordered by name as psql lists them.
    pub fn policies_of(&self, table: TableId) -> Vec<&Policy> {
        let mut out: Vec<&Policy> = self.policies.iter().filter(|p| p.table == table).collect();
        out.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        out
    }

    /// The publications a table is in, by name.
    pub fn publications_of(&self, table: TableId) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .publications
            .iter()
            .filter(|(_, tables)| tables.as_ref().is_none_or(|t| t.contains(&table)))
            .map(|(name, _)| name.as_str())
            .collect();
        out.sort_unstable();
        out
    }
}

/// Runs one access or documentation statement: checks as PostgreSQL checks, then records.
pub fn execute(exec: &mut Exec<'_>, stmt: &Admin) -> Result<()> {
    let before = exec.db.admin.clone();
    exec.txn.undo.push(Undo::Admin(Box::new(before)));
    let db = &mut *exec.db;
    match stmt {
        Admin::OwnerTo { object, role, if_exists } => {
            let Some(key) = resolve(db, object, *if_exists, &mut exec.notices)? else {
                return Ok(());
            };
            db.admin.check_role(&role.name, false)?;
            db.admin.owners.insert(key, role.name.clone());
        }
        Admin::Comment { object, text } => {
            let Some(key) = resolve(db, object, false, &mut exec.notices)? else { return Ok(()) };
            match text {
                Some(t) if !t.is_empty() => db.admin.comments.insert(key, t.clone()),
                _ => db.admin.comments.remove(&key),
            };
        }
        Admin::Grant(g) => grant(db, g)?,
        Admin::GrantRole { grant, roles, grantees } => {
            for r in roles.iter().chain(grantees) {
                db.admin.check_role(&r.name, false)?;
            }
            for r in roles {
                for m in grantees {
                    let pair = (r.name.clone(), m.name.clone());
                    db.admin.memberships.retain(|p| *p != pair);
                    if *grant {
                        db.admin.memberships.push(pair);
                    }
                }
            }
        }
        Admin::DefaultPrivileges { for_roles, schemas, grant } => {
            for r in for_roles.iter().chain(&grant.grantees) {
                db.admin.check_role(&r.name, true)?;
            }
            for s in schemas {
                if !db.schemas.contains(&s.name) {
                    return Err(Error::undefined_schema(&s.name));
                }
            }
            let names = |ids: &[Ident]| ids.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
            // Without FOR ROLE they are the current role's.
            let mut owners = names(for_roles);
            if owners.is_empty() {
                owners.push(crate::engine::roles::current_user(db));
            }
            db.admin.default_privileges.push((owners, names(schemas), grant.clone()));
        }
        Admin::CreateExtension { name, if_not_exists, schema } => {
            create_extension(db, name, *if_not_exists, schema.as_ref(), &mut exec.notices)?
        }
        Admin::DropExtension { names, if_exists } => {
            for n in names {
                if db.admin.extensions.shift_remove(&n.name).is_none() {
                    let msg = format!("extension \"{}\" does not exist", n.name);
                    if !*if_exists {
                        return Err(Error::new("42704", msg));
                    }
                    exec.notices.push(Notice::notice(format!("{msg}, skipping")));
                }
            }
        }
        Admin::RowSecurity { table, if_exists, change } => {
            let Some(id) = find_table(db, table, *if_exists, &mut exec.notices)? else {
                return Ok(());
            };
            crate::engine::roles::check_table_owner(db, id)?;
            let entry = db.admin.row_security.entry(id).or_default();
            match change {
                RowSecurity::Enable => entry.0 = true,
                RowSecurity::Disable => entry.0 = false,
                RowSecurity::Force => entry.1 = true,
                RowSecurity::NoForce => entry.1 = false,
            }
        }
        Admin::ReplicaIdentity { table, if_exists, identity } => {
            let Some(id) = find_table(db, table, *if_exists, &mut exec.notices)? else {
                return Ok(());
            };
            db.admin.replica_identity.insert(id, identity.clone());
        }
        Admin::CreatePolicy(p) => create_policy(db, p)?,
        Admin::AlterPolicy { name, table, rename, roles, using, check } => {
            let change = crate::sql::ast_admin::CreatePolicy {
                name: name.clone(),
                table: table.clone(),
                permissive: true,
                command: String::new(),
                roles: roles.clone().unwrap_or_default(),
                using: using.clone(),
                check: check.clone(),
            };
            alter_policy(db, &change, rename.as_ref(), roles.is_some())?
        }
        Admin::DropPolicy { name, table, if_exists } => {
            let id = table_id(db, table)?;
            crate::engine::roles::check_table_owner(db, id)?;
            let before = db.admin.policies.len();
            db.admin.policies.retain(|p| !(p.table == id && p.name == name.name));
            if db.admin.policies.len() == before {
                if !*if_exists {
                    return Err(Error::new(
                        "42704",
                        format!(
                            "policy \"{}\" for table \"{}\" does not exist",
                            name.name, table.name
                        ),
                    ));
                }
                exec.notices.push(Notice::notice(format!(
                    "policy \"{}\" for relation \"{}\" does not exist, skipping",
                    name.name,
                    display_name(table)
                )));
            }
        }
        Admin::CreatePublication { name, tables } => {
            if db.admin.publications.contains_key(&name.name) {
                return Err(Error::new(
                    "42710",
                    format!("publication \"{}\" already exists", name.name),
                ));
            }
            let ids = match tables {
                Some(t) => Some(t.iter().map(|n| table_id(db, n)).collect::<Result<Vec<_>>>()?),
                None => None,
            };
            db.admin.publications.insert(name.name.clone(), ids);
            // The reference server runs with wal_level = replica, as a default install does.
            exec.notices.push(Notice {
                hint: Some("Set wal_level to \"logical\" before creating subscriptions.".into()),
                ..Notice::warning("wal_level is insufficient to publish logical changes")
            });
        }
        Admin::AlterPublication { name, op, tables } => {
            let ids = tables.iter().map(|n| table_id(db, n)).collect::<Result<Vec<_>>>()?;
            let Some(entry) = db.admin.publications.get_mut(&name.name) else {
                return Err(Error::new(
                    "42704",
                    format!("publication \"{}\" does not exist", name.name),
                ));
            };
            let Some(list) = entry else {
                return Err(Error::new(
                    "55000",
                    format!("publication \"{}\" is defined as FOR ALL TABLES", name.name),
                )
                .with_detail(
                    "Tables cannot be added to or dropped from FOR ALL TABLES publications.",
                ));
            };
            match op.as_str() {
                "add" => {
                    list.extend(ids.iter().filter(|id| !list.contains(id)).collect::<Vec<_>>())
                }
                "set" => *list = ids,
                _ => list.retain(|id| !ids.contains(id)),
            }
        }
        Admin::DropPublication { names, if_exists } => {
            for n in names {
                if db.admin.publications.shift_remove(&n.name).is_none() {
                    let msg = format!("publication \"{}\" does not exist", n.name);
                    if !*if_exists {
                        return Err(Error::new("42704", msg));
                    }
                    exec.notices.push(Notice::notice(format!("{msg}, skipping")));
                }
            }
        }
        Admin::CreateRole { name, attributes, in_roles, members } => {
            if db.admin.role_exists(&name.name) {
                return Err(Error::new("42710", format!("role \"{}\" already exists", name.name)));
            }
            for r in in_roles.iter().chain(members) {
                db.admin.check_role(&r.name, false)?;
            }
            db.admin.roles.insert(name.name.clone(), attributes.clone());
            for r in in_roles {
                db.admin.memberships.push((r.name.clone(), name.name.clone()));
            }
            for m in members {
                db.admin.memberships.push((name.name.clone(), m.name.clone()));
            }
        }
        Admin::DropRole { names, if_exists } => {
            for n in names {
                drop_role(db, &n.name, *if_exists, &mut exec.notices)?;
            }
        }
        Admin::DropOwned { roles } => {
            for r in roles {
                db.admin.check_role(&r.name, false)?;
                let owns =
                    db.admin.owners.iter().any(|(k, o)| {
                        *o == r.name && crate::engine::admin_exec::still_exists(db, k)
                    });
                if owns {
                    return Err(Error::unsupported(
                        "DROP OWNED BY a role that owns objects is not supported by fksim",
                    ));
                }
                db.admin.privileges.retain(|p| p.grantee != r.name);
                // A policy loses the role; one left with no role at all is dropped.
                db.admin.policies.retain_mut(|p| {
                    let had = p.roles.len();
                    p.roles.retain(|x| *x != r.name);
                    !(had > 0 && p.roles.is_empty())
                });
                db.admin.default_privileges.retain(|(owners, _, g)| {
                    !owners.contains(&r.name) && !g.grantees.iter().any(|i| i.name == r.name)
                });
            }
        }
        _ => return crate::engine::maintenance::execute(exec, stmt),
    }
    Ok(())
}

/// A table by name, or 42P01 without a position (as these statements report it).
pub(crate) fn table_id(db: &Database, name: &ObjectName) -> Result<TableId> {
    db.lookup(name).ok_or_else(|| Error::undefined_table(&display_name(name)))
}

/// A table by name; with IF EXISTS a missing one gives PostgreSQL's NOTICE and None.
pub(crate) fn find_table(
    db: &Database,
    name: &ObjectName,
    if_exists: bool,
    notices: &mut Vec<Notice>,
) -> Result<Option<TableId>> {
    match db.lookup(name) {
        Some(id) => Ok(Some(id)),
        None if if_exists => {
            notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                name.name
            )));
            Ok(None)
        }
        // PostgreSQL reports no position for a missing relation of these statements.
        None => Err(Error::undefined_table(&display_name(name))),
    }
}

/// The key of the object a statement names, checking that it exists where fksim has a
/// catalog for its kind (tables, columns, constraints, schemas, functions, roles).
pub(crate) fn resolve(
    db: &Database,
    object: &ObjectRef,
    if_exists: bool,
    notices: &mut Vec<Notice>,
) -> Result<Option<ObjectKey>> {
    let as_name = |parts: &[String]| -> ObjectName {
        let mut parts = parts.to_vec();
        let name = parts.pop().unwrap_or_default();
        ObjectName { schema: parts.pop(), name, pos: object.pos }
    };
    let written = object.parts.join(".");
    Ok(Some(match object.kind {
        // ALTER TABLE also names sequences (pg_dump's `ALTER TABLE seq OWNER TO`).
        ObjectKind::Table
            if db.lookup(&as_name(&object.parts)).is_none()
                && db
                    .sequences
                    .borrow()
                    .find(
                        as_name(&object.parts).schema.as_deref(),
                        &as_name(&object.parts).name,
                        &db.search_path,
                    )
                    .is_some() =>
        {
            ObjectKey::Named(ObjectKind::Sequence, written)
        }
        // ALTER TABLE also names views (pg_dump's `ALTER TABLE v OWNER TO`).
        ObjectKind::Table | ObjectKind::View | ObjectKind::MaterializedView
            if crate::engine::views::find(db, &as_name(&object.parts)).is_some() =>
        {
            ObjectKey::Named(object.kind, written)
        }
        ObjectKind::Table => {
            let Some(id) = find_table(db, &as_name(&object.parts), if_exists, notices)? else {
                return Ok(None);
            };
            ObjectKey::Table(id)
        }
        ObjectKind::Column => {
            let (column, table) = object.parts.split_last().unwrap_or((&written, &[]));
            let table_name = as_name(table);
            let id = table_id(db, &table_name)?;
            if !db.table(id)?.columns.iter().any(|c| &c.name == column) {
                return Err(Error::new(
                    "42703",
                    format!(
                        "column \"{column}\" of relation \"{}\" does not exist",
                        display_name(&table_name)
                    ),
                ));
            }
            ObjectKey::Column(id, column.clone())
        }
        ObjectKind::Constraint => {
            let on = object.on.clone().unwrap_or_else(|| as_name(&[]));
            let id = table_id(db, &on)?;
            let t = db.table(id)?;
            let exists = t.uniques.iter().any(|u| u.name == written)
                || t.checks.iter().any(|c| c.name == written)
                || db.fks_of(id).any(|fk| fk.name == written);
            if !exists {
                return Err(Error::new(
                    "42704",
                    format!("constraint \"{written}\" for table \"{}\" does not exist", t.name),
                ));
            }
            ObjectKey::Constraint(id, written)
        }
        ObjectKind::Schema => {
            if !db.schemas.contains(&written) {
                return Err(Error::undefined_schema(&written));
            }
            ObjectKey::Named(ObjectKind::Schema, written)
        }
        ObjectKind::Function | ObjectKind::Procedure => {
            let name = as_name(&object.parts);
            let exists = db.functions.values().any(|f| {
                f.name == name.name
                    && name
                        .schema
                        .as_ref()
                        .map_or(db.search_path.contains(&f.schema), |w| *w == f.schema)
            });
            if !exists {
                let args = object.args.clone().unwrap_or_default();
                return Err(Error::new(
                    "42883",
                    format!("{} {written}{args} does not exist", object.kind.sql().to_lowercase()),
                ));
            }
            ObjectKey::Named(object.kind, written)
        }
        ObjectKind::Role => {
            db.admin.check_role(&written, false)?;
            ObjectKey::Named(ObjectKind::Role, written)
        }
        ObjectKind::Collation | ObjectKind::TextSearchConfiguration | ObjectKind::EventTrigger
            if !db.admin.objects.contains(&(object.kind, as_name(&object.parts).name)) =>
        {
            let name = as_name(&object.parts).name;
            let message = match object.kind {
                ObjectKind::Collation => {
                    format!("collation \"{written}\" for encoding \"UTF8\" does not exist")
                }
                kind => format!("{} \"{name}\" does not exist", kind.sql().to_lowercase()),
            };
            return Err(Error::new("42704", message));
        }
        ObjectKind::Collation | ObjectKind::TextSearchConfiguration => {
            ObjectKey::Named(object.kind, as_name(&object.parts).name)
        }
        ObjectKind::Extension if !db.admin.extensions.contains_key(&written) => {
            return Err(Error::new("42704", format!("extension \"{written}\" does not exist")));
        }
        other => ObjectKey::Named(other, written),
    }))
}
