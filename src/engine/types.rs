//! SQL data types as the catalog records them, with PostgreSQL's names for them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// A column or expression type. Serial columns are integer types with a sequence default.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    /// int2
    SmallInt,
    /// int4
    Integer,
    /// int8
    BigInt,
    /// numeric, optionally with (precision, scale)
    Numeric(Option<(u32, u32)>),
    /// float4
    Real,
    /// float8
    Double,
    /// text
    Text,
    /// character varying, optionally with a length limit
    Varchar(Option<u32>),
    /// character (bpchar), blank-padded to its length
    Char(Option<u32>),
    /// boolean
    Boolean,
    /// uuid
    Uuid,
    /// json: the input text kept as given
    Json,
    /// jsonb: normalised
    Jsonb,
    /// date
    Date,
    /// timestamp without time zone
    Timestamp,
    /// timestamp with time zone
    Timestamptz,
    /// An enum type made by CREATE TYPE ... AS ENUM: values are label positions (`Value::Int`),
    /// so they compare in declaration order, and print as their labels.
    Enum(Rc<EnumType>),
    /// interval
    Interval,
    /// bytea: values are their hex text (`\\xdeadbeef`), which orders as the bytes do.
    Bytea,
    /// tsvector: values are PostgreSQL's normalised text (`'a':1 'b'`).
    TsVector,
    /// A one-dimensional array of the element type: values are its text (`{a,b}`).
    Array(Box<DataType>),
    /// A domain (CREATE DOMAIN): its base type's values, with its own NOT NULL, CHECKs and
    /// DEFAULT. Columns keep the base type and the domain beside it (`Column::domain`).
    Domain(Rc<DomainType>),
    /// oid: an unsigned 32-bit object identifier (`Value::Int`).
    Oid,
    /// inet: a host or network address, held as its output text.
    Inet,
    /// cidr: a network address, held as its output text.
    Cidr,
    /// regclass: a relation, held as the name PostgreSQL prints for it (quoted when it must be).
    /// fksim has no OIDs: a regclass compares by that name, and the catalogs' relation columns
    /// (`conrelid`, ...) are of this type, printing the name where PostgreSQL prints a number.
    Regclass,
    /// The type of an untyped string literal or NULL before it meets a context.
    Unknown,
}

/// An enum type: its name and labels in declaration order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumType {
    /// The schema it was created in.
    pub schema: String,
    /// Type name.
    pub name: String,
    /// Labels, in declaration order (a value is an index into them).
    pub labels: Vec<String>,
}

/// A domain: a base type with constraints.
#[derive(Debug, Clone)]
pub struct DomainType {
    /// The schema it was created in.
    pub schema: String,
    /// Domain name.
    pub name: String,
    /// The type its values have.
    pub base: DataType,
    /// NOT NULL
    pub not_null: bool,
    /// DEFAULT, for columns of the domain without their own.
    pub default: Option<crate::sql::ast::Expr>,
    /// CHECK constraints on VALUE: (name, expression).
    pub checks: Vec<(String, crate::sql::ast::Expr)>,
}

// A domain is identified by its schema and name.
impl PartialEq for DomainType {
    fn eq(&self, other: &Self) -> bool {
        (&self.schema, &self.name) == (&other.schema, &other.name)
    }
}
impl Eq for DomainType {}
impl std::hash::Hash for DomainType {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.schema.hash(state);
        self.name.hash(state);
    }
}

impl EnumType {
    /// Its name as `format_type` prints it: qualified when not visible (see [`shown_name`]).
    pub fn shown_name(&self) -> String {
        shown_name(&self.schema, &self.name)
    }
}

impl DomainType {
    /// Its name as `format_type` prints it: qualified when not visible (see [`shown_name`]).
    pub fn shown_name(&self) -> String {
        shown_name(&self.schema, &self.name)
    }
}

/// The enum types and domains of a database (its catalog owns them: CREATE TYPE and CREATE
/// DOMAIN are undone with their transaction).
#[derive(Debug, Clone, Default)]
pub struct UserTypes {
    /// Enum types by (schema, name).
    pub enums: HashMap<(String, String), Rc<EnumType>>,
    /// Domains by (schema, name).
    pub domains: HashMap<(String, String), Rc<DomainType>>,
}

impl UserTypes {
    /// The enum or domain `schema.name` (an enum and a domain never share a name in a schema).
    fn get(&self, schema: &str, name: &str) -> Option<DataType> {
        let key = (schema.to_string(), name.to_string());
        self.enums
            .get(&key)
            .map(|e| DataType::Enum(e.clone()))
            .or_else(|| self.domains.get(&key).map(|d| DataType::Domain(d.clone())))
    }

    /// True when `schema` has a type called `name` (CREATE TYPE / DOMAIN's 42710).
    pub fn exists(&self, schema: &str, name: &str) -> bool {
        self.get(schema, name).is_some()
    }

    /// The enum or domain a name means: a qualified one in its schema, an unqualified one the
    /// first found along `path` (as PostgreSQL's TypenameGetTypid).
    pub fn find(&self, schema: Option<&str>, name: &str, path: &[String]) -> Option<DataType> {
        match schema {
            Some(s) => self.get(s, name),
            None => path.iter().find_map(|s| self.get(s, name)),
        }
    }
}

/// What the parser and `format_type` see: the session's user types and search path.
#[derive(Default)]
struct Visible {
    /// A copy of the catalog's enum types and domains.
    types: UserTypes,
    /// The search path unqualified type names resolve along.
    path: Vec<String>,
}

thread_local! {
    /// The user types the parser can see: a copy of the catalog's, installed by the session
    /// that parses or runs (the parser turns type names into `DataType`s without a catalog at
    /// hand), and the search path, which decides how type names print. Sessions sharing a
    /// thread each install their own before parsing.
    static VISIBLE: RefCell<Visible> = RefCell::new(Visible::default());
}

/// Makes `types` the ones the parser sees.
pub fn install(types: &UserTypes) {
    VISIBLE.with(|v| v.borrow_mut().types.clone_from(types));
}

/// Makes `path` the search path type names resolve and print along.
pub fn install_path(path: &[String]) {
    VISIBLE.with(|v| {
        let mut v = v.borrow_mut();
        v.path.clear();
        v.path.extend_from_slice(path);
    });
}

/// The enum or domain a type name means, through the installed catalog and search path.
pub fn find(schema: Option<&str>, name: &str) -> Option<DataType> {
    VISIBLE.with(|v| {
        let v = v.borrow();
        v.types.find(schema, name, &v.path)
    })
}

/// A user type's name as PostgreSQL's `format_type` prints it: bare when it is visible (the
/// first type of that name along the search path is this one), else schema-qualified; each
/// part quoted when it must be.
pub fn shown_name(schema: &str, name: &str) -> String {
    let visible = VISIBLE.with(|v| {
        let v = v.borrow();
        let first = v.path.iter().find(|s| v.types.get(s, name).is_some());
        first.is_some_and(|s| s == schema)
    });
    let name = crate::engine::format::quote_ident(name);
    if visible { name } else { format!("{}.{name}", crate::engine::format::quote_ident(schema)) }
}

impl DataType {
    /// True for the types psql right-aligns (numbers).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            DataType::SmallInt
                | DataType::Integer
                | DataType::BigInt
                | DataType::Numeric(_)
                | DataType::Real
                | DataType::Double
        )
    }

    /// True for the integer types.
    pub fn is_integer(&self) -> bool {
        matches!(self, DataType::SmallInt | DataType::Integer | DataType::BigInt)
    }

    /// True for text-like types (text, varchar, char, unknown literals).
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            DataType::Text | DataType::Varchar(_) | DataType::Char(_) | DataType::Unknown
        )
    }

    /// The type's name as PostgreSQL prints it in error messages (`format_type`), e.g. `integer`,
    /// `character varying(5)`, `numeric(8,2)`.
    pub fn pg_name(&self) -> String {
        match self {
            DataType::SmallInt => "smallint".into(),
            DataType::Integer => "integer".into(),
            DataType::BigInt => "bigint".into(),
            DataType::Numeric(None) => "numeric".into(),
            DataType::Numeric(Some((p, s))) => format!("numeric({p},{s})"),
            DataType::Real => "real".into(),
            DataType::Double => "double precision".into(),
            DataType::Text => "text".into(),
            DataType::Varchar(None) => "character varying".into(),
            DataType::Varchar(Some(n)) => format!("character varying({n})"),
            DataType::Char(None) => "bpchar".into(),
            DataType::Char(Some(n)) => format!("character({n})"),
            DataType::Boolean => "boolean".into(),
            DataType::Uuid => "uuid".into(),
            DataType::Json => "json".into(),
            DataType::Jsonb => "jsonb".into(),
            DataType::Date => "date".into(),
            DataType::Timestamp => "timestamp without time zone".into(),
            DataType::Timestamptz => "timestamp with time zone".into(),
            DataType::Enum(e) => e.shown_name(),
            DataType::Bytea => "bytea".into(),
            DataType::Interval => "interval".into(),
            DataType::TsVector => "tsvector".into(),
            DataType::Array(e) => format!("{}[]", e.pg_name()),
            DataType::Domain(d) => d.shown_name(),
            DataType::Regclass => "regclass".into(),
            DataType::Oid => "oid".into(),
            DataType::Inet => "inet".into(),
            DataType::Cidr => "cidr".into(),
            DataType::Unknown => "unknown".into(),
        }
    }

    /// The type without its modifier (`character varying(5)` → `character varying`), as in
    /// "Key columns ... are of incompatible types: text and integer."
    pub fn base(&self) -> DataType {
        match self {
            DataType::Domain(d) => d.base.base(),
            DataType::Numeric(_) => DataType::Numeric(None),
            DataType::Varchar(_) => DataType::Varchar(None),
            DataType::Char(_) => DataType::Char(None),
            other => other.clone(),
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pg_name())
    }
}
