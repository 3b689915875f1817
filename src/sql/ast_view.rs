//! The statement tree of views and materialized views: CREATE / DROP / ALTER ... RENAME /
//! REFRESH.

use crate::sql::ast::{ObjectName, Query};

/// A view statement.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewStatement {
    /// `CREATE [OR REPLACE] [TEMP] [MATERIALIZED] VIEW name [(cols)] AS query [options]`.
    Create(Box<CreateView>),
    /// `DROP [MATERIALIZED] VIEW [IF EXISTS] names [CASCADE | RESTRICT]`.
    Drop {
        /// The views named.
        names: Vec<ObjectName>,
        /// MATERIALIZED VIEW written.
        materialized: bool,
        /// IF EXISTS given.
        if_exists: bool,
        /// CASCADE given.
        cascade: bool,
    },
    /// `ALTER [MATERIALIZED] VIEW [IF EXISTS] name RENAME TO new`.
    Rename {
        /// The view.
        name: ObjectName,
        /// Its new name.
        new_name: String,
        /// MATERIALIZED VIEW written.
        materialized: bool,
        /// IF EXISTS given.
        if_exists: bool,
    },
    /// `ALTER VIEW [IF EXISTS] name SET (option = value, ...)` / `RESET (option, ...)`.
    SetOptions {
        /// The view.
        name: ObjectName,
        /// RESET (the options' values are not used).
        reset: bool,
        /// IF EXISTS given.
        if_exists: bool,
        /// The options named, with their values.
        options: Vec<(String, String)>,
    },
    /// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]`.
    Refresh {
        /// The materialized view.
        name: ObjectName,
        /// False for WITH NO DATA.
        with_data: bool,
        /// CONCURRENTLY given.
        concurrently: bool,
    },
}

/// How a view's WITH CHECK OPTION checks new rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOption {
    /// `WITH LOCAL CHECK OPTION`: this view's condition only.
    Local,
    /// `WITH [CASCADED] CHECK OPTION`: this view's and those of the views under it.
    Cascaded,
}

/// CREATE VIEW / CREATE MATERIALIZED VIEW.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateView {
    /// The view's name.
    pub name: ObjectName,
    /// Column names given (empty: the query's own).
    pub columns: Vec<String>,
    /// The query it stands for.
    pub query: Query,
    /// OR REPLACE given.
    pub or_replace: bool,
    /// TEMP / TEMPORARY given.
    pub temporary: bool,
    /// A materialized view.
    pub materialized: bool,
    /// IF NOT EXISTS given (materialized views).
    pub if_not_exists: bool,
    /// WITH [LOCAL | CASCADED] CHECK OPTION.
    pub check_option: Option<CheckOption>,
    /// False for a materialized view created WITH NO DATA.
    pub with_data: bool,
    /// `WITH (name = value, ...)`: security_invoker, security_barrier, check_option.
    pub options: Vec<(String, String)>,
}

impl ViewStatement {
    /// psql's command tag (`rows`: the rows a materialized view was filled with).
    pub fn tag(&self, rows: usize) -> String {
        match self {
            ViewStatement::Create(c) if c.materialized && c.with_data => format!("SELECT {rows}"),
            ViewStatement::Create(c) if c.materialized => "CREATE MATERIALIZED VIEW".into(),
            ViewStatement::Create(_) => "CREATE VIEW".into(),
            ViewStatement::Drop { materialized: true, .. } => "DROP MATERIALIZED VIEW".into(),
            ViewStatement::Drop { .. } => "DROP VIEW".into(),
            ViewStatement::Rename { materialized: true, .. } => "ALTER MATERIALIZED VIEW".into(),
            ViewStatement::Rename { .. } | ViewStatement::SetOptions { .. } => "ALTER VIEW".into(),
            ViewStatement::Refresh { .. } => "REFRESH MATERIALIZED VIEW".into(),
        }
    }
}
