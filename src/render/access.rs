//! psql's `\dp` (access privileges and policies of relations) and `\du` (roles), as psql 15
//! prints them.

use crate::engine::admin::{ObjectKey, Policy, Privilege, SESSION_USER};
use crate::engine::admin_exec::valid_privileges;
use crate::engine::database::Database;
use crate::render::describe::deparse_condition;
use crate::render::psql::TableView;
use crate::sql::ast_admin::{ObjectKind, RoleAttributes};

/// The letters of an aclitem, in the order PostgreSQL prints them.
const ACL_LETTERS: &[(&str, char)] = &[
    ("insert", 'a'),
    ("select", 'r'),
    ("update", 'w'),
    ("delete", 'd'),
    ("truncate", 'D'),
    ("references", 'x'),
    ("trigger", 't'),
    ("execute", 'X'),
    ("usage", 'U'),
    ("create", 'C'),
    ("temporary", 'T'),
    ("connect", 'c'),
];

/// A psql name pattern (`c1*`, `public.t?`): `*` any run of characters, `?` one; without
/// a pattern everything matches.
fn matches(pattern: Option<&str>, text: &str) -> bool {
    fn glob(p: &[char], t: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len()).any(|i| glob(rest, &t[i..])),
            Some(('?', rest)) => !t.is_empty() && glob(rest, &t[1..]),
            Some((c, rest)) => t.first() == Some(c) && glob(rest, &t[1..]),
        }
    }
    match pattern {
        None => true,
        Some(p) => {
            let p: Vec<char> = p.replace('"', "").chars().collect();
            glob(&p, &text.chars().collect::<Vec<_>>())
        }
    }
}

/// The aclitems of an object as `\dp` lists them: the owner's full rights first, then each
/// grantee in the order of its first grant; empty when nothing was ever granted.
fn acl(privileges: &[&Privilege], all: &str) -> String {
    if privileges.is_empty() {
        return String::new();
    }
    acl_of(privileges, Some(all), SESSION_USER)
}

/// aclitems granted by `owner`: its own rights first when given, then each grantee in the
/// order of its first grant.
fn acl_of(privileges: &[&Privilege], owner_rights: Option<&str>, owner: &str) -> String {
    let mut grantees: Vec<&str> = Vec::new();
    for p in privileges {
        if !grantees.contains(&p.grantee.as_str()) {
            grantees.push(&p.grantee);
        }
    }
    let mut lines: Vec<String> =
        owner_rights.iter().map(|all| format!("{owner}={all}/{owner}")).collect();
    for g in grantees {
        let mut letters = String::new();
        for (name, letter) in ACL_LETTERS {
            if let Some(p) = privileges.iter().find(|p| p.grantee == g && p.privilege == *name) {
                letters.push(*letter);
                if p.grant_option {
                    letters.push('*');
                }
            }
        }
        let shown = if g == "public" { "" } else { g };
        lines.push(format!("{shown}={letters}/{owner}"));
    }
    lines.join("\n")
}

/// A policy as `\dp`'s Policies column shows it.
fn policy_text(db: &Database, p: &Policy) -> String {
    let mut out = p.name.clone();
    if !p.permissive {
        out.push_str(" (RESTRICTIVE)");
    }
    let letter = match p.command.as_str() {
        "select" => Some('r'),
        "insert" => Some('a'),
        "update" => Some('w'),
        "delete" => Some('d'),
        _ => None,
    };
    match letter {
        Some(l) => out.push_str(&format!(" ({l}):")),
        None => out.push(':'),
    }
    if let Some(u) = &p.using {
        out.push_str(&format!("\n  (u): {}", deparse_condition(db, u)));
    }
    if let Some(c) = &p.check {
        out.push_str(&format!("\n  (c): {}", deparse_condition(db, c)));
    }
    let mut roles: Vec<&str> =
        p.roles.iter().map(String::as_str).filter(|r| *r != "public").collect();
    if !roles.is_empty() {
        roles.sort_unstable();
        out.push_str(&format!("\n  to: {}", roles.join(", ")));
    }
    out
}

/// `\dp [pattern]`: tables and sequences of the schemas on the search path.
pub fn privileges_view(db: &Database, pattern: Option<&str>) -> TableView {
    let (schema_pattern, name_pattern) = match pattern.and_then(|p| p.split_once('.')) {
        Some((s, n)) => (Some(s), Some(n)),
        None => (None, pattern),
    };
    let visible = |schema: &str| match schema_pattern {
        Some(s) => matches(Some(s), schema),
        None => db.search_path.iter().any(|p| p == schema),
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for t in db.tables.values() {
        if !visible(&t.schema) || !matches(name_pattern, &t.name) {
            continue;
        }
        let grants: Vec<&Privilege> =
            db.admin.privileges.iter().filter(|p| p.object == ObjectKey::Table(t.id)).collect();
        let policies: Vec<String> = db
            .admin
            .policies
            .iter()
            .filter(|p| p.table == t.id)
            .map(|p| policy_text(db, p))
            .collect();
        rows.push(vec![
            t.schema.clone(),
            t.name.clone(),
            "table".into(),
            acl(&grants, "arwdDxt"),
            String::new(),
            policies.join("\n"),
        ]);
    }
    let sequences = db.sequences.borrow();
    for key in sequences.map.keys() {
        let (schema, name) = key.split_once('.').unwrap_or(("public", key.as_str()));
        if !visible(schema) || !matches(name_pattern, name) {
            continue;
        }
        let grants: Vec<&Privilege> = db
            .admin
            .privileges
            .iter()
            .filter(|p| {
                matches!(&p.object, ObjectKey::Named(ObjectKind::Sequence, n)
                if sequences.find_text(n, &db.search_path).as_deref() == Some(key.as_str()))
            })
            .collect();
        rows.push(vec![
            schema.to_string(),
            name.to_string(),
            "sequence".into(),
            acl(&grants, "rwU"),
            String::new(),
            String::new(),
        ]);
    }
    rows.sort_by(|a, b| {
        (a[0].as_bytes(), a[1].as_bytes()).cmp(&(b[0].as_bytes(), b[1].as_bytes()))
    });
    TableView {
        title: Some("Access privileges".into()),
        headers: ["Schema", "Name", "Type", "Access privileges", "Column privileges", "Policies"]
            .map(String::from)
            .to_vec(),
        right_align: vec![false; 6],
        rows,
        footers: Vec::new(),
        row_count: true,
    }
}

/// `\ddp`: the default privileges ALTER DEFAULT PRIVILEGES set, per owner, schema and kind. A
/// global entry starts from the owner's own rights; one for a schema lists only what it adds.
pub fn default_privileges_view(db: &Database) -> TableView {
    type Entry = (String, String, &'static str);
    let mut entries: Vec<(Entry, Vec<Privilege>)> = Vec::new();
    for (owners, schemas, g) in &db.admin.default_privileges {
        let Some((kind, valid)) = valid_privileges(g.kind) else { continue };
        let privileges: Vec<String> = if g.privileges.is_empty() {
            valid.iter().map(|p| p.to_string()).collect()
        } else {
            g.privileges.clone()
        };
        let schemas = if schemas.is_empty() { vec![String::new()] } else { schemas.clone() };
        for owner in owners {
            for schema in &schemas {
                let key = (owner.clone(), schema.clone(), kind);
                let at = match entries.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        entries.push((key, Vec::new()));
                        entries.len() - 1
                    }
                };
                let list = &mut entries[at].1;
                for grantee in &g.grantees {
                    for p in &privileges {
                        let held = |x: &Privilege| x.grantee == grantee.name && x.privilege == *p;
                        list.retain(|x| !held(x));
                        if g.grant {
                            list.push(Privilege {
                                object: ObjectKey::Named(g.kind, String::new()),
                                privilege: p.clone(),
                                grantee: grantee.name.clone(),
                                grant_option: g.grant_option,
                            });
                        }
                    }
                }
            }
        }
    }
    // Owner, then schema with the global entries (no schema) last, then kind.
    entries.sort_by(|(a, _), (b, _)| {
        (a.0.as_bytes(), a.1.is_empty(), a.1.as_bytes(), a.2).cmp(&(
            b.0.as_bytes(),
            b.1.is_empty(),
            b.1.as_bytes(),
            b.2,
        ))
    });
    let rows = entries
        .iter()
        .map(|((owner, schema, kind), list)| {
            let refs: Vec<&Privilege> = list.iter().collect();
            let all = match *kind {
                "table" => "arwdDxt",
                "sequence" => "rwU",
                "function" => "X",
                _ => "UC",
            };
            let owner_rights = if schema.is_empty() { Some(all) } else { None };
            vec![
                owner.clone(),
                schema.clone(),
                kind.to_string(),
                acl_of(&refs, owner_rights, owner),
            ]
        })
        .collect();
    TableView {
        title: Some("Default access privileges".into()),
        headers: ["Owner", "Schema", "Type", "Access privileges"].map(String::from).to_vec(),
        right_align: vec![false; 4],
        rows,
        footers: Vec::new(),
        row_count: true,
    }
}

/// `\du`'s Attributes cell.
fn attributes_text(a: &RoleAttributes) -> String {
    [
        (a.superuser, "Superuser"),
        (!a.inherit, "No inheritance"),
        (a.createrole, "Create role"),
        (a.createdb, "Create DB"),
        (!a.login, "Cannot login"),
        (a.replication, "Replication"),
        (a.bypassrls, "Bypass RLS"),
    ]
    .iter()
    .filter(|(shown, _)| *shown)
    .map(|(_, text)| *text)
    .collect::<Vec<_>>()
    .join(", ")
}

/// `\du [pattern]`: the roles, without PostgreSQL's predefined `pg_` ones.
pub fn roles_view(db: &Database, pattern: Option<&str>) -> TableView {
    let superuser = RoleAttributes {
        login: true,
        superuser: true,
        createdb: true,
        createrole: true,
        replication: true,
        bypassrls: true,
        inherit: true,
    };
    let mut roles: Vec<(&str, &RoleAttributes)> = vec![(SESSION_USER, &superuser)];
    roles.extend(db.admin.roles.iter().map(|(n, a)| (n.as_str(), a)));
    roles.retain(|(n, _)| matches(pattern, n));
    roles.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let rows = roles
        .iter()
        .map(|(name, a)| {
            let member_of: Vec<&str> = db
                .admin
                .memberships
                .iter()
                .filter(|(_, m)| m == name)
                .map(|(r, _)| r.as_str())
                .collect();
            vec![name.to_string(), attributes_text(a), format!("{{{}}}", member_of.join(","))]
        })
        .collect();
    TableView {
        title: Some("List of roles".into()),
        headers: ["Role name", "Attributes", "Member of"].map(String::from).to_vec(),
        right_align: vec![false; 3],
        rows,
        footers: Vec::new(),
        row_count: false,
    }
}

/// The view of a catalog meta-command (`\\dp`, `\\z`, `\\du`, `\\dg`, `\\df`, `\\dT`) with
/// its pattern.
pub fn meta_view(db: &Database, command: &str, args: &str) -> Option<TableView> {
    let pattern = Some(args.trim()).filter(|a| !a.is_empty());
    match command {
        "dp" | "z" => Some(privileges_view(db, pattern)),
        "du" | "dg" => Some(roles_view(db, pattern)),
        "ddp" => Some(default_privileges_view(db)),
        "df" => Some(crate::render::functions::functions_view(db, pattern)),
        "da" => Some(crate::render::functions::aggregates_view(db, pattern)),
        "dT" => Some(crate::render::datatypes::types_view(db, pattern)),
        _ => None,
    }
}
