//! The catalog's vocabulary: columns, unique and foreign-key constraints, and PostgreSQL's generated names.

use crate::engine::types::DataType;
use crate::sql::ast::Expr;

/// Identifies a table for its whole life (never reused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId(pub u32);

/// Identifies a constraint; ids grow in creation order, which is the order PostgreSQL fires
/// its triggers in (trigger OIDs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConstraintId(pub u64);

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Its type.
    pub data_type: DataType,
    /// NOT NULL (also implied by PRIMARY KEY).
    pub not_null: bool,
    /// DEFAULT expression, as written (serial columns get `nextval`).
    pub default: Option<ColumnDefault>,
    /// An identity column: Some(true) for GENERATED ALWAYS, Some(false) for BY DEFAULT (its
    /// sequence is in `default`).
    pub identity: Option<bool>,
    /// The domain the column was declared with (`data_type` is its base type).
    pub domain: Option<std::rc::Rc<crate::engine::types::DomainType>>,
}

/// Where a column's default comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnDefault {
    /// DEFAULT expr
    Expr(Expr),
    /// serial: the next value of the named sequence.
    Sequence(String),
}

/// A PRIMARY KEY or UNIQUE constraint; each has a unique index.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueConstraint {
    /// Creation order.
    pub id: ConstraintId,
    /// Constraint (and index) name.
    pub name: String,
    /// Column positions in the table, in key order.
    pub columns: Vec<usize>,
    /// PRIMARY KEY rather than UNIQUE.
    pub primary: bool,
    /// DEFERRABLE.
    pub deferrable: bool,
    /// INITIALLY DEFERRED.
    pub initially_deferred: bool,
}

impl UniqueConstraint {
    /// What `\d` and `pg_get_constraintdef` append: ` DEFERRABLE [INITIALLY DEFERRED]`.
    pub fn deferral_suffix(&self) -> &'static str {
        match (self.deferrable, self.initially_deferred) {
            (true, true) => " DEFERRABLE INITIALLY DEFERRED",
            (true, false) => " DEFERRABLE",
            _ => "",
        }
    }
}

/// A referential action, resolved to column positions of the referencing table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// NO ACTION: checked at the end of the statement (or deferred), after looking for a
    /// replacement parent row.
    NoAction,
    /// RESTRICT: checked at the end of the statement, never deferred, no replacement lookup.
    Restrict,
    /// CASCADE the delete or the new key.
    Cascade,
    /// SET NULL on these referencing columns (all key columns unless a list was given).
    SetNull(Vec<usize>),
    /// SET DEFAULT on these referencing columns.
    SetDefault(Vec<usize>),
}

impl Action {
    /// The action's SQL words, as `\d` and the teaching output print them.
    pub fn sql(&self) -> &'static str {
        match self {
            Action::NoAction => "NO ACTION",
            Action::Restrict => "RESTRICT",
            Action::Cascade => "CASCADE",
            Action::SetNull(_) => "SET NULL",
            Action::SetDefault(_) => "SET DEFAULT",
        }
    }
}

/// A foreign key: `child (child_columns) REFERENCES parent (parent_columns)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// Creation order (the order PostgreSQL fires the constraints' triggers).
    pub id: ConstraintId,
    /// Constraint name.
    pub name: String,
    /// The referencing table.
    pub child: TableId,
    /// Referencing column positions.
    pub child_columns: Vec<usize>,
    /// The referenced table.
    pub parent: TableId,
    /// Referenced column positions (a primary key or unique constraint's columns).
    pub parent_columns: Vec<usize>,
    /// MATCH FULL (else MATCH SIMPLE).
    pub match_full: bool,
    /// ON DELETE action.
    pub on_delete: Action,
    /// ON UPDATE action.
    pub on_update: Action,
    /// DEFERRABLE.
    pub deferrable: bool,
    /// INITIALLY DEFERRED.
    pub initially_deferred: bool,
    /// False for NOT VALID until VALIDATE CONSTRAINT succeeds.
    pub validated: bool,
    /// A copy PostgreSQL makes of a partitioned table's foreign key: the constraint it was
    /// cloned from, and which half it carries. None for a constraint made by the user.
    pub cloned: Option<(ConstraintId, CloneRole)>,
}

/// Which half of a foreign key on partitioned tables a cloned constraint carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloneRole {
    /// On a partition of the referencing table: checks its rows' parents (same name).
    Referencing,
    /// Toward a partition of the referenced table: runs the actions when its rows change.
    Referenced,
}

/// Maximum identifier length in bytes (NAMEDATALEN - 1).
pub const MAX_IDENTIFIER_LEN: usize = 63;

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, shortening the longer of name1/name2
/// until the whole fits in 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut len1 = name1.len();
    let mut len2 = name2.map_or(0, str::len);
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    while len1 + len2 > MAX_IDENTIFIER_LEN.saturating_sub(overhead) {
        if len1 > len2 {
            len1 -= 1;
        } else if len2 > 0 {
            len2 -= 1;
        } else {
            break;
        }
    }
    let mut out = String::new();
    out.push_str(clip_to_char_boundary(name1, len1));
    if let Some(n2) = name2 {
        out.push('_');
        out.push_str(clip_to_char_boundary(n2, len2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// PostgreSQL's `ChooseConstraintName` / `ChooseRelationName`: the first of `name`, `name1`,
/// `name2`, ... (the number goes on the label) that `taken` does not reject.
pub fn choose_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut pass = 0u32;
    loop {
        let modlabel = if pass == 0 { label.to_string() } else { format!("{label}{pass}") };
        let candidate = make_object_name(name1, name2, &modlabel);
        if !taken(&candidate) {
            return candidate;
        }
        pass += 1;
    }
}

/// Cuts `s` to at most `len` bytes without splitting a character (pg_mbcliplen).
fn clip_to_char_boundary(s: &str, len: usize) -> &str {
    let mut end = len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Truncates an identifier to 63 bytes, as the parser does (PostgreSQL also emits a NOTICE).
pub fn truncate_identifier(name: &str) -> &str {
    clip_to_char_boundary(name, MAX_IDENTIFIER_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_postgres() {
        assert_eq!(
            make_object_name("orders", Some("customer_id"), "fkey"),
            "orders_customer_id_fkey"
        );
        assert_eq!(make_object_name("t", None, "pkey"), "t_pkey");
        let long = "a".repeat(40);
        let name = make_object_name(&long, Some(&long), "fkey");
        assert_eq!(name.len(), 63);
        assert_eq!(
            choose_name("kids", Some("parent_id"), "fkey", |n| n == "kids_parent_id_fkey"),
            "kids_parent_id_fkey1"
        );
    }
}
