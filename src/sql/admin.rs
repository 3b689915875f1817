//! Parses the access and documentation statements of real schemas (OWNER TO, COMMENT ON,
//! GRANT/REVOKE, default privileges, roles, extensions, row-level security, policies,
//! publications) from tokens: sqlparser knows only some of them, and none the way pg_dump and
//! Supabase migrations write all of them.

use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::{Ident, ObjectName, Statement};
use crate::sql::ast_admin::{
    Admin, CreatePolicy, Grant, ObjectKind, ObjectRef, ReplicaIdentity, RoleAttributes, RowSecurity,
};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the statements this module owns; None for anything else (sqlparser's turn).
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let admin = if c.eat("alter") {
        if c.eat_all(&["default", "privileges"]) {
            default_privileges(&mut c)
        } else if c.eat("publication") {
            alter_publication(&mut c)
        } else if c.eat("policy") {
            alter_policy(&mut c)
        } else {
            alter_owner_or_table(&mut c)?
        }
    } else if c.eat_all(&["comment", "on"]) {
        comment(&mut c)
    } else if c.is_word("grant") || c.is_word("revoke") {
        grant(&mut c)
    } else if c.eat("create") {
        if c.eat("extension") {
            create_extension(&mut c)
        } else if c.eat("policy") {
            create_policy(&mut c)
        } else if c.eat("publication") {
            create_publication(&mut c)
        } else if c.is_word("role") || c.is_word("user") || c.is_word("group") {
            create_role(&mut c)
        } else {
            return None;
        }
    } else if c.eat("drop") {
        if c.eat("extension") {
            let (names, if_exists) = drop_names(&mut c);
            names.map(|names| Admin::DropExtension { names, if_exists })
        } else if c.eat("publication") {
            let (names, if_exists) = drop_names(&mut c);
            names.map(|names| Admin::DropPublication { names, if_exists })
        } else if c.eat("role") || c.eat("user") || c.eat("group") {
            let (names, if_exists) = drop_names(&mut c);
            names.map(|names| Admin::DropRole { names, if_exists })
        } else if c.eat_all(&["owned", "by"]) {
            c.list(Cursor::ident).map(|roles| Admin::DropOwned { roles })
        } else if c.eat("policy") {
            drop_policy(&mut c)
        } else {
            return None;
        }
    } else {
        return None;
    };
    Some(admin.and_then(|a| {
        if !c.eat("cascade") {
            c.eat("restrict");
        }
        c.finish().map(|()| Statement::Admin(a))
    }))
}

/// The object kinds after ALTER / COMMENT ON / GRANT ... ON, longest spelling first.
const KINDS: &[(&[&str], ObjectKind)] = &[
    (&["materialized", "view"], ObjectKind::MaterializedView),
    (&["foreign", "table"], ObjectKind::Table),
    (&["table"], ObjectKind::Table),
    (&["column"], ObjectKind::Column),
    (&["constraint"], ObjectKind::Constraint),
    (&["sequence"], ObjectKind::Sequence),
    (&["view"], ObjectKind::View),
    (&["index"], ObjectKind::Index),
    (&["function"], ObjectKind::Function),
    (&["procedure"], ObjectKind::Procedure),
    (&["routine"], ObjectKind::Function),
    (&["schema"], ObjectKind::Schema),
    (&["type"], ObjectKind::Type),
    (&["domain"], ObjectKind::Domain),
    (&["extension"], ObjectKind::Extension),
    (&["trigger"], ObjectKind::Trigger),
    (&["policy"], ObjectKind::Policy),
    (&["publication"], ObjectKind::Publication),
    (&["role"], ObjectKind::Role),
    (&["database"], ObjectKind::Database),
    (&["collation"], ObjectKind::Collation),
    (&["cast"], ObjectKind::Cast),
    (&["text", "search", "configuration"], ObjectKind::TextSearchConfiguration),
    (&["event", "trigger"], ObjectKind::EventTrigger),
    (&["aggregate"], ObjectKind::Aggregate),
];

fn object_kind(c: &mut Cursor) -> Option<ObjectKind> {
    KINDS.iter().find(|(words, _)| c.eat_all(words)).map(|(_, k)| *k)
}

/// An object's name after its kind: dotted parts, `(args)` for routines, `ON table` for
/// constraints, triggers and policies.
fn object_ref(c: &mut Cursor, kind: ObjectKind) -> Result<ObjectRef> {
    let pos = c.pos();
    if kind == ObjectKind::Cast {
        let types = c.skip_parens()?.to_lowercase();
        return Ok(ObjectRef { kind, parts: vec![types], on: None, args: None, pos });
    }
    let parts: Vec<String> = c.dotted()?.into_iter().map(|p| p.name).collect();
    let args = match kind {
        ObjectKind::Function | ObjectKind::Procedure | ObjectKind::Aggregate
            if c.tokens.is(c.i, &Token::LParen) =>
        {
            Some(c.skip_parens()?)
        }
        _ => None,
    };
    let on = match kind {
        ObjectKind::Constraint | ObjectKind::Trigger | ObjectKind::Policy => {
            c.expect("on")?;
            c.eat("domain");
            Some(c.object_name()?)
        }
        _ => None,
    };
    Ok(ObjectRef { kind, parts, on, args, pos })
}

/// `ALTER kind name OWNER TO role`, or one of the ALTER TABLE forms kept here; None when the
/// statement is another ALTER (sqlparser's).
fn alter_owner_or_table(c: &mut Cursor) -> Option<Result<Admin>> {
    let kind = object_kind(c)?;
    let if_exists = c.eat_all(&["if", "exists"]);
    let table = kind == ObjectKind::Table;
    if table {
        c.eat("only");
    }
    let start = c.i;
    let object = object_ref(c, kind).ok()?;
    c.eat_token(&Token::Mul);
    if c.eat_all(&["owner", "to"]) {
        return Some(c.ident().map(|role| Admin::OwnerTo { object, role, if_exists }));
    }
    if !table {
        return None;
    }
    c.i = start;
    let name = c.object_name().ok()?;
    c.eat_token(&Token::Mul);
    let change = if c.eat("enable") {
        RowSecurity::Enable
    } else if c.eat("disable") {
        RowSecurity::Disable
    } else if c.eat("force") {
        RowSecurity::Force
    } else if c.eat_all(&["no", "force"]) {
        RowSecurity::NoForce
    } else if c.eat_all(&["replica", "identity"]) {
        let identity = if c.eat("default") {
            ReplicaIdentity::Default
        } else if c.eat("full") {
            ReplicaIdentity::Full
        } else if c.eat("nothing") {
            ReplicaIdentity::Nothing
        } else if c.eat_all(&["using", "index"]) {
            match c.ident() {
                Ok(i) => ReplicaIdentity::Index(i.name),
                Err(e) => return Some(Err(e)),
            }
        } else {
            return Some(Err(c.syntax_error()));
        };
        return Some(Ok(Admin::ReplicaIdentity { table: name, if_exists, identity }));
    } else {
        return None;
    };
    if !c.eat_all(&["row", "level", "security"]) {
        return None;
    }
    Some(Ok(Admin::RowSecurity { table: name, if_exists, change }))
}

fn comment(c: &mut Cursor) -> Result<Admin> {
    let Some(kind) = object_kind(c) else {
        let what = c.source_since(0);
        return Err(Error::unsupported(format!("{what} is not supported by fksim")));
    };
    let object = object_ref(c, kind)?;
    c.expect("is")?;
    let text = if c.eat("null") { None } else { Some(c.string()?) };
    Ok(Admin::Comment { object, text })
}

/// GRANT/REVOKE of privileges on objects, or of roles to roles.
fn grant(c: &mut Cursor) -> Result<Admin> {
    let is_grant = c.eat("grant");
    if !is_grant {
        c.expect("revoke")?;
    }
    let grant_option_for = !is_grant && c.eat_all(&["grant", "option", "for"]);
    let mut privileges = Vec::new();
    let mut reference_columns = Vec::new();
    let mut all = false;
    if c.eat("all") {
        c.eat("privileges");
        all = true;
    } else {
        loop {
            let p = c.ident()?;
            let on_columns = p.name == "references" && c.tokens.is(c.i, &Token::LParen);
            if on_columns {
                c.expect_token(&Token::LParen)?;
                let cols = c.list(Cursor::ident)?;
                c.expect_token(&Token::RParen)?;
                reference_columns.extend(cols.into_iter().map(|c| c.name));
            } else {
                if c.tokens.is(c.i, &Token::LParen) {
                    c.skip_parens()?;
                }
                privileges.push(p.name);
            }
            if !c.eat_token(&Token::Comma) {
                break;
            }
        }
    }
    if !all && !c.is_word("on") {
        // GRANT role, ... TO role, ...: privileges were role names.
        c.expect(if is_grant { "to" } else { "from" })?;
        let grantees = c.list(Cursor::ident)?;
        if is_grant {
            c.eat_all(&["with", "admin", "option"]);
        }
        c.eat_all(&["granted", "by"]).then(|| c.ident()).transpose()?;
        let roles = privileges.into_iter().map(|name| Ident { name, pos: None }).collect();
        return Ok(Admin::GrantRole { grant: is_grant, roles, grantees });
    }
    c.expect("on")?;
    let mut g = grant_rest(c, is_grant)?;
    g.privileges = privileges;
    g.reference_columns = reference_columns;
    g.grant_option |= grant_option_for;
    Ok(Admin::Grant(g))
}

/// What follows `ON` in GRANT/REVOKE: objects, then `TO`/`FROM` grantees and options.
fn grant_rest(c: &mut Cursor, is_grant: bool) -> Result<Grant> {
    let mut all_in_schemas = Vec::new();
    let mut objects = Vec::new();
    let kind = if c.eat("all") {
        let kind = if c.eat("tables") {
            ObjectKind::Table
        } else if c.eat("sequences") {
            ObjectKind::Sequence
        } else if c.eat("functions") || c.eat("routines") {
            ObjectKind::Function
        } else if c.eat("procedures") {
            ObjectKind::Procedure
        } else {
            return Err(c.syntax_error());
        };
        c.expect("in")?;
        c.expect("schema")?;
        all_in_schemas = c.list(Cursor::ident)?;
        kind
    } else {
        let kind = object_kind(c).unwrap_or(ObjectKind::Table);
        objects = c.list(|c| object_ref(c, kind))?;
        kind
    };
    c.expect(if is_grant { "to" } else { "from" })?;
    let grantees = c.list(|c| {
        c.eat("group");
        c.ident()
    })?;
    let grant_option = is_grant && c.eat_all(&["with", "grant", "option"]);
    if c.eat_all(&["granted", "by"]) {
        c.ident()?;
    }
    Ok(Grant {
        grant: is_grant,
        privileges: Vec::new(),
        kind,
        objects,
        all_in_schemas,
        grantees,
        grant_option,
        reference_columns: Vec::new(),
    })
}

/// `ALTER DEFAULT PRIVILEGES [FOR {ROLE | USER} r, ...] [IN SCHEMA s, ...] GRANT|REVOKE
/// privileges ON {TABLES | SEQUENCES | FUNCTIONS | TYPES | SCHEMAS} TO|FROM roles`.
fn default_privileges(c: &mut Cursor) -> Result<Admin> {
    let mut for_roles = Vec::new();
    let mut schemas = Vec::new();
    loop {
        if c.eat("for") {
            if !c.eat("role") {
                c.expect("user")?;
            }
            for_roles = c.list(Cursor::ident)?;
        } else if c.eat("in") {
            c.expect("schema")?;
            schemas = c.list(Cursor::ident)?;
        } else {
            break;
        }
    }
    let is_grant = c.eat("grant");
    if !is_grant {
        c.expect("revoke")?;
        c.eat_all(&["grant", "option", "for"]);
    }
    let mut privileges = Vec::new();
    if c.eat("all") {
        c.eat("privileges");
    } else {
        privileges = c.list(Cursor::ident)?.into_iter().map(|p| p.name).collect();
    }
    c.expect("on")?;
    let kind = match c.ident()?.name.as_str() {
        "tables" => ObjectKind::Table,
        "sequences" => ObjectKind::Sequence,
        "functions" | "routines" => ObjectKind::Function,
        "types" => ObjectKind::Type,
        "schemas" => ObjectKind::Schema,
        _ => {
            c.i -= 1;
            return Err(c.syntax_error());
        }
    };
    c.expect(if is_grant { "to" } else { "from" })?;
    let grantees = c.list(Cursor::ident)?;
    let grant_option = is_grant && c.eat_all(&["with", "grant", "option"]);
    let grant = Grant {
        grant: is_grant,
        privileges,
        kind,
        objects: Vec::new(),
        all_in_schemas: Vec::new(),
        grantees,
        grant_option,
        reference_columns: Vec::new(),
    };
    Ok(Admin::DefaultPrivileges { for_roles, schemas, grant })
}

fn create_extension(c: &mut Cursor) -> Result<Admin> {
    let if_not_exists = c.eat_all(&["if", "not", "exists"]);
    let name = c.ident()?;
    c.eat("with");
    let mut schema = None;
    loop {
        if c.eat("schema") {
            schema = Some(c.ident()?);
        } else if c.eat("version") {
            if c.string().is_err() {
                c.ident()?;
            }
        } else if !c.eat("cascade") {
            break;
        }
    }
    Ok(Admin::CreateExtension { name, if_not_exists, schema })
}

/// `name, ...` after DROP kind, with IF EXISTS.
fn drop_names(c: &mut Cursor) -> (Result<Vec<Ident>>, bool) {
    let if_exists = c.eat_all(&["if", "exists"]);
    (c.list(Cursor::ident), if_exists)
}

fn drop_policy(c: &mut Cursor) -> Result<Admin> {
    let if_exists = c.eat_all(&["if", "exists"]);
    let name = c.ident()?;
    c.expect("on")?;
    let table = c.object_name()?;
    Ok(Admin::DropPolicy { name, table, if_exists })
}

/// `ALTER POLICY name ON table {RENAME TO new | [TO roles] [USING (...)] [WITH CHECK (...)]}`.
fn alter_policy(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    c.expect("on")?;
    let table = c.object_name()?;
    let rename = if c.eat_all(&["rename", "to"]) { Some(c.ident()?) } else { None };
    let roles = if c.eat("to") { Some(c.list(Cursor::ident)?) } else { None };
    let using = if c.eat("using") { Some(parenthesised_expr(c)?) } else { None };
    let check = if c.eat_all(&["with", "check"]) { Some(parenthesised_expr(c)?) } else { None };
    Ok(Admin::AlterPolicy { name, table, rename, roles, using, check })
}

fn create_policy(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    c.expect("on")?;
    let table = c.object_name()?;
    let mut permissive = true;
    if c.eat("as") {
        if c.eat("restrictive") {
            permissive = false;
        } else {
            c.expect("permissive")?;
        }
    }
    let mut command = "all".to_string();
    if c.eat("for") {
        command = c.ident()?.name;
        if !["all", "select", "insert", "update", "delete"].contains(&command.as_str()) {
            c.i -= 1;
            return Err(c.syntax_error());
        }
    }
    let mut roles = Vec::new();
    if c.eat("to") {
        roles = c.list(Cursor::ident)?;
    }
    let using = if c.eat("using") { Some(parenthesised_expr(c)?) } else { None };
    let check = if c.eat_all(&["with", "check"]) { Some(parenthesised_expr(c)?) } else { None };
    Ok(Admin::CreatePolicy(CreatePolicy { name, table, permissive, command, roles, using, check }))
}

/// `( expr )`, parsed by the expression parser with its positions kept: everything outside
/// the parentheses is blanked out, so errors point into the statement as PostgreSQL's do.
fn parenthesised_expr(c: &mut Cursor) -> Result<crate::sql::ast::Expr> {
    let from =
        c.tokens.items.get(c.i).map(|(_, start, _)| *start).ok_or_else(|| c.syntax_error())?;
    c.skip_parens()?;
    let to = c.tokens.items.get(c.i - 1).map(|(_, start, _)| *start + 1).unwrap_or(from);
    let blanked: String = c
        .text
        .chars()
        .enumerate()
        .map(|(k, ch)| if (from..to).contains(&k) || ch == '\n' { ch } else { ' ' })
        .collect();
    crate::sql::parse_expression(&blanked)
}

fn create_publication(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    let mut tables = Some(Vec::new());
    if c.eat("for") {
        if c.eat_all(&["all", "tables"]) {
            tables = None;
        } else {
            c.expect("table")?;
            tables = Some(c.list(publication_table)?);
        }
    }
    if c.eat("with") {
        c.skip_parens()?;
    }
    Ok(Admin::CreatePublication { name, tables })
}

/// A table in a publication's list (`ONLY t`, `t *` and column lists are not kept).
fn publication_table(c: &mut Cursor) -> Result<ObjectName> {
    c.eat("only");
    let name = c.object_name()?;
    c.eat_token(&Token::Mul);
    if c.tokens.is(c.i, &Token::LParen) {
        return Err(Error::unsupported("publication column lists are not supported by fksim"));
    }
    if c.is_word("where") {
        return Err(Error::unsupported("publication row filters are not supported by fksim"));
    }
    Ok(name)
}

fn alter_publication(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    if c.eat_all(&["owner", "to"]) {
        let object = ObjectRef {
            kind: ObjectKind::Publication,
            parts: vec![name.name.clone()],
            on: None,
            args: None,
            pos: name.pos,
        };
        return Ok(Admin::OwnerTo { object, role: c.ident()?, if_exists: false });
    }
    let op = c.ident()?.name;
    if !["add", "set", "drop"].contains(&op.as_str()) {
        c.i -= 1;
        return Err(c.syntax_error());
    }
    c.expect("table")?;
    let tables = c.list(publication_table)?;
    Ok(Admin::AlterPublication { name, op, tables })
}

/// `CREATE {ROLE | USER | GROUP} name [[WITH] option ...]`: the attributes `\du` shows and the
/// memberships are kept; passwords and limits are accepted and not kept (fksim has no
/// authentication).
fn create_role(c: &mut Cursor) -> Result<Admin> {
    let user = c.eat("user");
    if !user && !c.eat("role") {
        c.expect("group")?;
    }
    let name = c.ident()?;
    c.eat("with");
    let mut attributes = RoleAttributes { login: user, inherit: true, ..Default::default() };
    let (mut in_roles, mut members) = (Vec::new(), Vec::new());
    while !c.at_end() {
        if c.eat("in") {
            if !c.eat("role") {
                c.expect("group")?;
            }
            in_roles.extend(c.list(Cursor::ident)?);
        } else if c.eat("role") || c.eat("user") || c.eat("admin") {
            members.extend(c.list(Cursor::ident)?);
        } else if let Some((flag, on)) = role_option(c)? {
            attributes.set(flag, on);
        }
    }
    Ok(Admin::CreateRole { name, attributes, in_roles, members })
}

/// The attribute flags of `ALTER ROLE name [WITH] option ...`, in order.
pub(crate) fn role_flags(c: &mut Cursor) -> Result<Vec<(&'static str, bool)>> {
    let mut out = Vec::new();
    while !c.at_end() {
        out.extend(role_option(c)?);
    }
    Ok(out)
}

/// One role option other than a membership: a flag (`LOGIN`, `NOSUPERUSER`) with its value, or
/// None for those accepted and not kept (passwords, validity, connection limits: fksim has no
/// authentication).
fn role_option(c: &mut Cursor) -> Result<Option<(&'static str, bool)>> {
    const FLAGS: [&str; 7] =
        ["login", "superuser", "createdb", "createrole", "replication", "bypassrls", "inherit"];
    if let Some(flag) = FLAGS.iter().find(|f| c.is_word(f) || c.is_word(&format!("no{f}"))) {
        let on = c.eat(flag);
        if !on {
            c.i += 1;
        }
        return Ok(Some((flag, on)));
    }
    if c.eat("encrypted") || c.eat("password") || c.eat("valid") || c.eat("until") {
        // The value that follows, if any, is skipped with it.
        if c.string().is_err() {
            c.eat("null");
        }
    } else if c.eat("connection") {
        c.expect("limit")?;
        c.eat_token(&Token::Minus);
        c.i += 1;
    } else {
        c.ident()?;
    }
    Ok(None)
}
