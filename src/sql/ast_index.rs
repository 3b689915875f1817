//! The statement tree of CREATE INDEX: key elements (columns or expressions, each with its
//! order and operator class), INCLUDE columns, the partial index's predicate and its options.

use crate::sql::ast::{Expr, Ident, ObjectName};

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table [USING method]
/// (keys) [INCLUDE (cols)] [NULLS [NOT] DISTINCT] [WITH (options)] [WHERE predicate]`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateIndex {
    /// The name given, if any.
    pub name: Option<String>,
    /// The indexed table.
    pub table: ObjectName,
    /// The key elements, in order.
    pub keys: Vec<IndexElem>,
    /// INCLUDE: stored, not part of the key.
    pub include: Vec<Ident>,
    /// WHERE: a partial index holds only the rows where it is true.
    pub predicate: Option<Expr>,
    /// UNIQUE.
    pub unique: bool,
    /// NULLS NOT DISTINCT (PostgreSQL 15): NULL keys collide with each other.
    pub nulls_not_distinct: bool,
    /// The access method (`btree` when not given).
    pub method: String,
    /// WITH (name = value, ...), values as written.
    pub options: Vec<(String, String)>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
    /// CONCURRENTLY (refused inside a transaction block, as PostgreSQL does).
    pub concurrently: bool,
}

/// One key element of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexElem {
    /// A column or an expression.
    pub key: IndexKey,
    /// DESC.
    pub desc: bool,
    /// NULLS FIRST (true) / NULLS LAST (false), when written.
    pub nulls_first: Option<bool>,
    /// An operator class written after the key (`text_pattern_ops`).
    pub opclass: Option<String>,
}

/// What a key element indexes.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexKey {
    /// A plain column.
    Column(Ident),
    /// An expression of the row (`lower(email)`, `(a + b)`).
    Expr(Expr),
}
