//! The statements about access and documentation that real schemas carry (owners, grants,
//! roles, comments, row-level security, policies, publications, extensions), as fksim's tree.

use crate::sql::ast::{Expr, Ident, ObjectName, Pos};

/// The kind of object a statement names (`ALTER FUNCTION`, `COMMENT ON COLUMN`, `GRANT ... ON
/// SEQUENCE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    /// TABLE (and FOREIGN TABLE)
    Table,
    /// COLUMN
    Column,
    /// CONSTRAINT name ON table
    Constraint,
    /// SEQUENCE
    Sequence,
    /// VIEW
    View,
    /// MATERIALIZED VIEW
    MaterializedView,
    /// INDEX
    Index,
    /// FUNCTION
    Function,
    /// PROCEDURE
    Procedure,
    /// SCHEMA
    Schema,
    /// TYPE
    Type,
    /// DOMAIN
    Domain,
    /// EXTENSION
    Extension,
    /// TRIGGER name ON table
    Trigger,
    /// POLICY name ON table
    Policy,
    /// PUBLICATION
    Publication,
    /// ROLE
    Role,
    /// DATABASE
    Database,
    /// COLLATION
    Collation,
    /// CAST (source AS target)
    Cast,
    /// TEXT SEARCH CONFIGURATION
    TextSearchConfiguration,
    /// EVENT TRIGGER
    EventTrigger,
    /// AGGREGATE name(args)
    Aggregate,
}

impl ObjectKind {
    /// The words SQL uses for the kind (`MATERIALIZED VIEW`).
    pub fn sql(self) -> &'static str {
        match self {
            ObjectKind::Table => "TABLE",
            ObjectKind::Column => "COLUMN",
            ObjectKind::Constraint => "CONSTRAINT",
            ObjectKind::Sequence => "SEQUENCE",
            ObjectKind::View => "VIEW",
            ObjectKind::MaterializedView => "MATERIALIZED VIEW",
            ObjectKind::Index => "INDEX",
            ObjectKind::Function => "FUNCTION",
            ObjectKind::Procedure => "PROCEDURE",
            ObjectKind::Schema => "SCHEMA",
            ObjectKind::Type => "TYPE",
            ObjectKind::Domain => "DOMAIN",
            ObjectKind::Extension => "EXTENSION",
            ObjectKind::Trigger => "TRIGGER",
            ObjectKind::Policy => "POLICY",
            ObjectKind::Publication => "PUBLICATION",
            ObjectKind::Role => "ROLE",
            ObjectKind::Database => "DATABASE",
            ObjectKind::Collation => "COLLATION",
            ObjectKind::Cast => "CAST",
            ObjectKind::TextSearchConfiguration => "TEXT SEARCH CONFIGURATION",
            ObjectKind::EventTrigger => "EVENT TRIGGER",
            ObjectKind::Aggregate => "AGGREGATE",
        }
    }
}

/// An object named by a statement: dotted parts as written (`public.orders.note` for a
/// column), and for constraints, triggers and policies the table after ON.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectRef {
    /// Its kind.
    pub kind: ObjectKind,
    /// The dotted parts of its name, folded.
    pub parts: Vec<String>,
    /// `ON table` for constraints, triggers and policies.
    pub on: Option<ObjectName>,
    /// A function's argument list as written (`(uuid, text)`), when given.
    pub args: Option<String>,
    /// Where the name starts.
    pub pos: Pos,
}

/// GRANT or REVOKE of privileges on objects.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    /// GRANT (true) or REVOKE.
    pub grant: bool,
    /// Privileges in lower case (`select`, `usage`); empty for `ALL [PRIVILEGES]`.
    pub privileges: Vec<String>,
    /// The kind of the objects (TABLE when not written).
    pub kind: ObjectKind,
    /// The objects; with `all_in_schemas`, empty.
    pub objects: Vec<ObjectRef>,
    /// `ALL {TABLES | SEQUENCES | FUNCTIONS} IN SCHEMA s, ...`: the schemas.
    pub all_in_schemas: Vec<Ident>,
    /// Roles granted to or revoked from; `public` stands for PUBLIC.
    pub grantees: Vec<Ident>,
    /// WITH GRANT OPTION (GRANT) / GRANT OPTION FOR (REVOKE).
    pub grant_option: bool,
    /// `REFERENCES (col, ...)`: the columns REFERENCES is given on, when it is given on
    /// columns rather than the whole table (other column lists stand for the table).
    pub reference_columns: Vec<String>,
}

/// What `ALTER TABLE ... {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSecurity {
    /// ENABLE
    Enable,
    /// DISABLE
    Disable,
    /// FORCE
    Force,
    /// NO FORCE
    NoForce,
}

/// `REPLICA IDENTITY ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplicaIdentity {
    /// DEFAULT (the primary key)
    Default,
    /// FULL
    Full,
    /// NOTHING
    Nothing,
    /// USING INDEX name
    Index(String),
}

/// CREATE POLICY.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatePolicy {
    /// Policy name.
    pub name: Ident,
    /// Its table.
    pub table: ObjectName,
    /// AS PERMISSIVE (true, the default) or AS RESTRICTIVE.
    pub permissive: bool,
    /// FOR ALL / SELECT / INSERT / UPDATE / DELETE, lower case.
    pub command: String,
    /// TO roles (`public` when not written).
    pub roles: Vec<Ident>,
    /// USING (expr)
    pub using: Option<Expr>,
    /// WITH CHECK (expr)
    pub check: Option<Expr>,
}

/// A statement about access or documentation.
#[derive(Debug, Clone, PartialEq)]
pub enum Admin {
    /// `ALTER kind name OWNER TO role`
    OwnerTo { object: ObjectRef, role: Ident, if_exists: bool },
    /// `COMMENT ON kind name IS 'text' | NULL`
    Comment { object: ObjectRef, text: Option<String> },
    /// GRANT / REVOKE privileges
    Grant(Grant),
    /// `GRANT role, ... TO role, ...` / `REVOKE role, ... FROM role, ...`
    GrantRole { grant: bool, roles: Vec<Ident>, grantees: Vec<Ident> },
    /// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] {GRANT | REVOKE} ...`
    DefaultPrivileges { for_roles: Vec<Ident>, schemas: Vec<Ident>, grant: Grant },
    /// `CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]`
    CreateExtension { name: Ident, if_not_exists: bool, schema: Option<Ident> },
    /// `DROP EXTENSION [IF EXISTS] names [CASCADE]`
    DropExtension { names: Vec<Ident>, if_exists: bool },
    /// `ALTER TABLE t {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY`
    RowSecurity { table: ObjectName, if_exists: bool, change: RowSecurity },
    /// `ALTER TABLE t REPLICA IDENTITY ...`
    ReplicaIdentity { table: ObjectName, if_exists: bool, identity: ReplicaIdentity },
    /// CREATE POLICY
    CreatePolicy(CreatePolicy),
    /// `DROP POLICY [IF EXISTS] name ON table`
    DropPolicy { name: Ident, table: ObjectName, if_exists: bool },
    /// `ALTER POLICY name ON table {RENAME TO new | [TO roles] [USING (...)] [WITH CHECK (...)]}`
    AlterPolicy {
        name: Ident,
        table: ObjectName,
        rename: Option<Ident>,
        roles: Option<Vec<Ident>>,
        using: Option<Expr>,
        check: Option<Expr>,
    },
    /// `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE t, ...]`; tables None for ALL.
    CreatePublication { name: Ident, tables: Option<Vec<ObjectName>> },
    /// `ALTER PUBLICATION name {ADD | SET | DROP} TABLE t, ...`
    AlterPublication { name: Ident, op: String, tables: Vec<ObjectName> },
    /// `DROP PUBLICATION [IF EXISTS] names`
    DropPublication { names: Vec<Ident>, if_exists: bool },
    /// `CREATE {ROLE | USER | GROUP} name [[WITH] options]`: USER implies LOGIN.
    CreateRole {
        name: Ident,
        attributes: RoleAttributes,
        in_roles: Vec<Ident>,
        members: Vec<Ident>,
    },
    /// `DROP {ROLE | USER} [IF EXISTS] names`
    DropRole { names: Vec<Ident>, if_exists: bool },
    /// `DROP OWNED BY roles [CASCADE]`: the roles' privileges go (fksim's objects are all
    /// owned by what OWNER TO says; owned ones are dropped).
    DropOwned { roles: Vec<Ident> },
    /// `ANALYZE [tables]` / `VACUUM [ANALYZE] [tables]`: statistics and space, which fksim keeps
    /// none of; the tables must exist.
    Maintain { vacuum: bool, analyze: bool, tables: Vec<ObjectName> },
    /// CHECKPOINT
    Checkpoint,
    /// `DISCARD {ALL | PLANS | SEQUENCES | TEMP}`, the kind in upper case.
    Discard(String),
    /// `LISTEN channel`
    Listen(String),
    /// `UNLISTEN {channel | *}`
    Unlisten(Option<String>),
    /// `NOTIFY channel [, 'payload']`
    Notify { channel: String, payload: String },
    /// `ALTER {ROLE | USER} {name | ALL} ...`; `name` None for ALL.
    AlterRole { name: Option<Ident>, change: RoleChange },
    /// `ALTER EXTENSION name {UPDATE [TO v] | SET SCHEMA s}`
    AlterExtension { name: Ident, schema: Option<Ident> },
    /// `CREATE SCHEMA [IF NOT EXISTS] [name] AUTHORIZATION role` (name defaults to the role's)
    CreateSchemaOwned { name: String, role: Ident, if_not_exists: bool },
    /// CREATE COLLATION / CAST / TEXT SEARCH CONFIGURATION / EVENT TRIGGER: recorded by kind and
    /// name, with the event trigger's function.
    CreateObject {
        kind: ObjectKind,
        name: String,
        if_not_exists: bool,
        function: Option<ObjectName>,
    },
    /// `ALTER EVENT TRIGGER name {DISABLE | ENABLE ... | RENAME TO new}`
    AlterEventTrigger { name: String, rename: Option<String> },
    /// `DROP {COLLATION | TEXT SEARCH CONFIGURATION | EVENT TRIGGER} [IF EXISTS] names`
    DropObject { kind: ObjectKind, names: Vec<String>, if_exists: bool },
    /// `ALTER TABLE t {ENABLE | DISABLE} TRIGGER {name | ALL | USER}`
    TriggerState { table: ObjectName, if_exists: bool, which: TriggerSet, enable: bool },
}

/// What an ALTER ROLE changes.
#[derive(Debug, Clone, PartialEq)]
pub enum RoleChange {
    /// `[WITH] option ...`: the attribute flags given.
    Attributes(Vec<(&'static str, bool)>),
    /// `RENAME TO new`
    Rename(Ident),
    /// `[IN DATABASE d] {SET | RESET} ...`: a default for the role's later sessions.
    Setting,
}

/// Which triggers ENABLE/DISABLE TRIGGER names.
#[derive(Debug, Clone, PartialEq)]
pub enum TriggerSet {
    /// ALL: the user triggers and the foreign keys' internal ones.
    All,
    /// USER: the triggers CREATE TRIGGER made.
    User,
    /// One trigger by name.
    Named(Ident),
}

/// The attributes of a role that `\du` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleAttributes {
    /// LOGIN
    pub login: bool,
    /// SUPERUSER
    pub superuser: bool,
    /// CREATEDB
    pub createdb: bool,
    /// CREATEROLE
    pub createrole: bool,
    /// REPLICATION
    pub replication: bool,
    /// BYPASSRLS
    pub bypassrls: bool,
    /// INHERIT (the default)
    pub inherit: bool,
}

impl RoleAttributes {
    /// Sets the attribute a role option names (`login`, `bypassrls`, ...).
    pub fn set(&mut self, flag: &str, on: bool) {
        let slot = match flag {
            "login" => &mut self.login,
            "superuser" => &mut self.superuser,
            "createdb" => &mut self.createdb,
            "createrole" => &mut self.createrole,
            "replication" => &mut self.replication,
            "bypassrls" => &mut self.bypassrls,
            _ => &mut self.inherit,
        };
        *slot = on;
    }
}
