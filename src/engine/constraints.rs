//! Building constraints from their definitions: column resolution, referenced keys, type
//! compatibility and PostgreSQL's generated names, with PostgreSQL's DDL errors.

use crate::engine::catalog::{
    Action, Column, ConstraintId, ForeignKey, TableId, UniqueConstraint, choose_name,
};
use crate::engine::database::{Database, display_name};
use crate::engine::ri::matching_unique;
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{Deferral, ForeignKeySpec, Ident, MatchType, Pos, RefAction};

/// True when a constraint called `name` exists anywhere in `schema` (PostgreSQL chooses
/// generated constraint names unique per schema).
pub fn constraint_name_taken(
    db: &Database,
    pending: &[&Table],
    schema: &str,
    name: &str,
    extra: &[String],
) -> bool {
    if extra.iter().any(|n| n == name) {
        return true;
    }
    let in_table = |t: &Table| {
        t.schema == schema
            && (t.uniques.iter().any(|u| u.name == name) || t.checks.iter().any(|c| c.name == name))
    };
    db.tables.values().any(in_table)
        || pending.iter().any(|t| in_table(t))
        || db.fks.values().any(|fk| {
            fk.name == name && db.tables.get(&fk.child).is_some_and(|t| t.schema == schema)
        })
}

/// Resolves column names of `table` for a key, with the foreign-key wording of the error.
pub fn resolve_key_columns(table: &Table, names: &[Ident], what: &str) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|n| {
            if SYSTEM_COLUMNS.contains(&n.name.as_str()) {
                return Err(Error::unsupported("system columns cannot be used in foreign keys"));
            }
            table.column_index(&n.name).ok_or_else(|| {
                Error::new("42703", format!("column \"{}\" {what} does not exist", n.name))
            })
        })
        .collect()
}

/// The system columns every table has besides its own (no user column may take their names).
const SYSTEM_COLUMNS: &[&str] = &["tableoid", "ctid", "xmin", "cmin", "xmax", "cmax"];

/// Builds a PRIMARY KEY or UNIQUE constraint on `table` (not yet added).
pub fn build_unique(
    db: &Database,
    table: &Table,
    id: ConstraintId,
    name: Option<&str>,
    columns: &[Ident],
    primary: bool,
    pos: Pos,
) -> Result<UniqueConstraint> {
    let cols = columns
        .iter()
        .map(|c| {
            table.column_index(&c.name).ok_or_else(|| {
                Error::new("42703", format!("column \"{}\" named in key does not exist", c.name))
                    .at(pos)
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if primary && table.primary_key().is_some() {
        return Err(Error::new(
            "42P16",
            format!("multiple primary keys for table \"{}\" are not allowed", table.name),
        )
        .at(pos));
    }
    let name = match name {
        Some(n) => n.to_string(),
        None => {
            let label = if primary { "pkey" } else { "key" };
            let addition = if primary {
                None
            } else {
                Some(
                    cols.iter()
                        .map(|&c| table.columns[c].name.as_str())
                        .collect::<Vec<_>>()
                        .join("_"),
                )
            };
            choose_name(&table.name, addition.as_deref(), label, |n| {
                db.relation_name_taken(&table.schema, n)
                    || table.uniques.iter().any(|u| u.name == n)
                    || n == table.name
            })
        }
    };
    if db.relation_name_taken(&table.schema, &name) || table.uniques.iter().any(|u| u.name == name)
    {
        return Err(Error::new("42P07", format!("relation \"{name}\" already exists")));
    }
    Ok(UniqueConstraint {
        id,
        name,
        columns: cols,
        primary,
        deferrable: false,
        initially_deferred: false,
    })
}

/// `[NOT] DEFERRABLE [INITIALLY ...]` as stored: (deferrable, initially deferred);
/// INITIALLY DEFERRED alone implies DEFERRABLE.
pub fn resolve_deferral(d: Deferral) -> Result<(bool, bool)> {
    let initially = d.initially_deferred.unwrap_or(false);
    if initially && d.deferrable == Some(false) {
        return Err(Error::new(
            "42601",
            "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
        )
        .at(d.conflict_at));
    }
    Ok((d.deferrable.unwrap_or(initially), initially))
}

/// Everything needed to build one foreign key.
pub struct ForeignKeyRequest<'a> {
    /// `CONSTRAINT name`, when given.
    pub name: Option<&'a str>,
    /// Referencing column names.
    pub columns: &'a [Ident],
    /// The REFERENCES clause.
    pub spec: &'a ForeignKeySpec,
    /// Names already chosen in this statement but not yet stored.
    pub names_in_statement: &'a [String],
}

/// Builds a foreign key of `child` (which may be a table being created, and may be its own
/// parent), with PostgreSQL's checks in PostgreSQL's order.
pub fn build_foreign_key(
    db: &Database,
    child: &Table,
    id: ConstraintId,
    req: &ForeignKeyRequest<'_>,
) -> Result<ForeignKey> {
    let spec = req.spec;
    let name = match req.name {
        Some(n) => n.to_string(),
        None => {
            let addition =
                req.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join("_");
            choose_name(&child.name, Some(&addition), "fkey", |n| {
                constraint_name_taken(db, &[child], &child.schema, n, req.names_in_statement)
            })
        }
    };
    let self_reference = Database::schema_of(&spec.table) == child.schema
        && spec.table.name == child.name
        && db.lookup(&spec.table).is_none_or(|id| id == child.id);
    let parent: &Table = if self_reference {
        child
    } else {
        crate::engine::views::check_referenced_is_table(db, &spec.table)?;
        let pid = db
            .lookup(&spec.table)
            .ok_or_else(|| Error::undefined_table(&display_name(&spec.table)))?;
        db.table(pid)?
    };
    if spec.only && child.partition_key.is_some() {
        return Err(Error::new(
            "42809",
            format!(
                "cannot use ONLY for foreign key on partitioned table \"{}\" referencing relation \"{}\"",
                child.name, parent.name
            ),
        ));
    }
    check_persistence(child, parent)?;
    let child_columns =
        resolve_key_columns(child, req.columns, "referenced in foreign key constraint")?;
    let set_columns = |action: &RefAction| -> Result<Option<Vec<usize>>> {
        match action {
            RefAction::SetNull { columns: Some(cols), .. }
            | RefAction::SetDefault { columns: Some(cols), .. } => {
                let resolved =
                    resolve_key_columns(child, cols, "referenced in foreign key constraint")?;
                for (c, n) in resolved.iter().zip(cols) {
                    if !child_columns.contains(c) {
                        return Err(Error::new(
                            "42P10",
                            format!(
                                "column \"{}\" referenced in ON DELETE SET action must be part of foreign key",
                                n.name
                            ),
                        ));
                    }
                }
                Ok(Some(resolved))
            }
            _ => Ok(None),
        }
    };
    let delete_set = set_columns(&spec.on_delete)?;
    let parent_columns = if spec.columns.is_empty() {
        let pk = parent.primary_key().ok_or_else(|| {
            Error::new(
                "42830",
                format!("there is no primary key for referenced table \"{}\"", parent.name),
            )
        })?;
        if pk.deferrable {
            return Err(Error::new(
                "55000",
                format!(
                    "cannot use a deferrable primary key for referenced table \"{}\"",
                    parent.name
                ),
            ));
        }
        pk.columns.clone()
    } else {
        let cols =
            resolve_key_columns(parent, &spec.columns, "referenced in foreign key constraint")?;
        let unique = (matching_unique(parent, &cols).is_some()
            || crate::engine::index_def::matching_unique_index(parent, &cols).is_some())
            && {
                let mut sorted = cols.clone();
                sorted.sort_unstable();
                sorted.windows(2).all(|w| w[0] != w[1])
            };
        if !unique {
            return Err(Error::new(
                "42830",
                format!(
                    "there is no unique constraint matching given keys for referenced table \"{}\"",
                    parent.name
                ),
            ));
        }
        if matching_unique(parent, &cols).is_some_and(|(i, _)| parent.uniques[i].deferrable) {
            return Err(Error::new(
                "55000",
                format!(
                    "cannot use a deferrable unique constraint for referenced table \"{}\"",
                    parent.name
                ),
            ));
        }
        cols
    };
    // The creator owns a table that references itself.
    if !self_reference {
        crate::engine::ri_acl::check_references(db, parent, &parent_columns)?;
    }
    if child_columns.len() != parent_columns.len() {
        return Err(Error::new(
            "42830",
            "number of referencing and referenced columns for foreign key disagree",
        ));
    }
    for (&c, &p) in child_columns.iter().zip(&parent_columns) {
        check_key_types(&name, &child.columns[c], &parent.columns[p])?;
    }
    if spec.match_type == MatchType::Partial {
        return Err(Error::unsupported("MATCH PARTIAL not yet implemented"));
    }
    let (deferrable, initially_deferred) = resolve_deferral(Deferral {
        deferrable: spec.deferrable,
        initially_deferred: spec.initially_deferred,
        conflict_at: None,
    })?;
    let action = |a: &RefAction, set_cols: Option<Vec<usize>>| match a {
        RefAction::NoAction => Action::NoAction,
        RefAction::Restrict => Action::Restrict,
        RefAction::Cascade => Action::Cascade,
        RefAction::SetNull { .. } => {
            Action::SetNull(set_cols.unwrap_or_else(|| child_columns.clone()))
        }
        RefAction::SetDefault { .. } => {
            Action::SetDefault(set_cols.unwrap_or_else(|| child_columns.clone()))
        }
    };
    Ok(ForeignKey {
        id,
        name,
        child: child.id,
        child_columns: child_columns.clone(),
        parent: parent.id,
        parent_columns,
        match_full: spec.match_type == MatchType::Full,
        on_delete: action(&spec.on_delete, delete_set),
        on_update: action(&spec.on_update, None),
        deferrable,
        initially_deferred,
        validated: !spec.not_valid,
        cloned: None,
    })
}

/// Keys stay within one kind of table: a permanent table's rows must not point at rows that
/// vanish with the session, and a temporary table may only reference temporary ones.
fn check_persistence(child: &Table, parent: &Table) -> Result<()> {
    match (child.temporary, parent.temporary) {
        (false, true) => Err(Error::new(
            "42P16",
            "constraints on permanent tables may reference only permanent tables",
        )),
        (true, false) => Err(Error::new(
            "42P16",
            "constraints on temporary tables may reference only temporary tables",
        )),
        _ => Ok(()),
    }
}

/// A foreign key's column pair must have an equality operator PostgreSQL can index: else the
/// key "cannot be implemented" (at creation, and when ALTER COLUMN TYPE changes a key column).
pub fn check_key_types(name: &str, child: &Column, parent: &Column) -> Result<()> {
    let (ct, pt) = (&child.data_type, &parent.data_type);
    if key_types_compatible(ct, pt) {
        return Ok(());
    }
    Err(Error::new("42804", format!("foreign key constraint \"{name}\" cannot be implemented"))
        .with_detail(format!(
            "Key columns \"{}\" and \"{}\" are of incompatible types: {} and {}.",
            child.name,
            parent.name,
            ct.base().pg_name(),
            pt.base().pg_name()
        )))
}

/// Whether a referencing column of type `fk` can reference a column of type `pk`: PostgreSQL
/// needs an equality operator of the referenced column's operator family, directly or after an
/// implicit cast of the referencing type.
pub fn key_types_compatible(fk: &DataType, pk: &DataType) -> bool {
    use DataType as T;
    match (fk, pk) {
        (a, b) if a.is_integer() && b.is_integer() => true,
        (a, b) if a.is_text() && b.is_text() => true,
        (a, T::Numeric(_)) if a.is_integer() => true,
        (T::Numeric(_), T::Numeric(_)) => true,
        (a, T::Real | T::Double) if a.is_integer() || matches!(a, T::Real | T::Double) => true,
        (T::Timestamp | T::Timestamptz | T::Date, T::Timestamp | T::Timestamptz) => true,
        // cidr is binary-coercible to inet: both sides compare with inet's equality.
        (T::Inet | T::Cidr, T::Inet | T::Cidr) => true,
        // The integers cast to oid implicitly.
        (a, T::Oid) if a.is_integer() => true,
        (a, b) => a.base() == b.base() && !matches!(a, T::Json),
    }
}

/// The table that names a table id, for messages.
pub fn table_name(db: &Database, id: TableId) -> String {
    db.tables.get(&id).map(|t| t.name.clone()).unwrap_or_default()
}
