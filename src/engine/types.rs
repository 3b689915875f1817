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
    /// Type name.
    pub name: String,
    /// Labels, in declaration order (a value is an index into them).
    pub labels: Vec<String>,
}

thread_local! {
    /// The enum types defined so far. The parser turns type names into `DataType`s without a
    /// catalog at hand, so the types it may meet are kept here, per thread as sessions are.
    static ENUMS: RefCell<HashMap<String, Rc<EnumType>>> = RefCell::new(HashMap::new());
}

/// The enum type of this name, if one was created.
pub fn find_enum(name: &str) -> Option<Rc<EnumType>> {
    ENUMS.with(|m| m.borrow().get(name).cloned())
}

/// Records a new enum type (CREATE TYPE).
pub fn define_enum(e: EnumType) {
    ENUMS.with(|m| m.borrow_mut().insert(e.name.clone(), Rc::new(e)));
}

/// Forgets every enum type: a new session starts without the last one's types.
pub fn clear_enums() {
    ENUMS.with(|m| m.borrow_mut().clear());
}

/// Forgets an enum type (DROP TYPE); true if it existed.
pub fn drop_enum(name: &str) -> bool {
    ENUMS.with(|m| m.borrow_mut().remove(name).is_some())
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
            DataType::Enum(e) => e.name.clone(),
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
