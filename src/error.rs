//! The one error type: a PostgreSQL-style error with its SQLSTATE, and the notices that travel beside results.

use std::fmt;

/// An error as PostgreSQL reports it: SQLSTATE, primary message and the optional fields psql
/// prints. Boxed, so a `Result` costs a pointer on the way out of every row-level call; the
/// fields read through to `ErrorData`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorData>);

impl std::ops::Deref for Error {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

/// What an error says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorData {
    /// The five-character SQLSTATE, e.g. `23503`.
    pub sqlstate: &'static str,
    /// The primary message (psql prints it after `ERROR:  `).
    pub message: String,
    /// `DETAIL:` line.
    pub detail: Option<String>,
    /// `HINT:` line.
    pub hint: Option<String>,
    /// `CONTEXT:` lines, innermost first, as PostgreSQL stacks them.
    pub context: Vec<String>,
    /// 1-based character position in the statement text, for the `LINE n:` excerpt.
    pub position: Option<usize>,
    /// An error inside a query a function ran: that query and the position in it
    /// (psql shows the excerpt from it and a `QUERY:` line).
    pub internal: Option<(String, usize)>,
    /// For a 23503: the foreign key and the key involved (the teaching diagnosis reads it;
    /// psql output never shows it).
    pub violation: Option<Box<Violation>>,
}

/// The two directions of SQLSTATE 23503, and MATCH FULL's mixed NULLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViolationKind {
    /// Direction 1: a referencing row names a key the referenced table does not have.
    NotPresent,
    /// Direction 2: a referenced row is deleted or changed while rows still point at it.
    StillReferenced,
    /// MATCH FULL: some but not all key columns NULL.
    MixedNulls,
}

/// Which foreign key a 23503 broke, how, and with which key values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The foreign key's id in the catalog.
    pub constraint: crate::engine::catalog::ConstraintId,
    /// Which direction.
    pub kind: ViolationKind,
    /// The key values (referencing columns for NotPresent, referenced for StillReferenced).
    pub key: Vec<crate::engine::value::Value>,
    /// For StillReferenced: the referenced row was deleted, or its key changed to this
    /// (the ON UPDATE action judged it, not ON DELETE).
    pub new_key: Option<Vec<crate::engine::value::Value>>,
    /// Where the check that failed ran.
    pub place: FailedAt,
    /// What produced the row change the check judged, innermost first (empty: the statement
    /// itself).
    pub causes: Vec<Cause>,
}

/// One link of the chain that produced the row a failing foreign-key check judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A referential action (CASCADE, SET NULL, SET DEFAULT) run for a referenced row deleted
    /// (`new_key` None) or whose key changed.
    Action {
        /// The foreign key whose action ran.
        constraint: crate::engine::catalog::ConstraintId,
        /// The referenced key that went away or changed.
        old_key: Vec<crate::engine::value::Value>,
        /// The key it changed to (an ON UPDATE action).
        new_key: Option<Vec<crate::engine::value::Value>>,
    },
    /// A user trigger's function.
    Trigger {
        /// The trigger's name.
        trigger: String,
        /// The function it ran, as CONTEXT names it (`f()`).
        function: String,
        /// The table the trigger is on.
        table: String,
        /// BEFORE or AFTER.
        timing: &'static str,
        /// INSERT, UPDATE or DELETE.
        op: &'static str,
    },
    /// Links of a long chain left out (a cascade down a deep self-reference).
    Omitted {
        /// How many.
        links: usize,
    },
    /// ALTER TABLE checking the rows already in the table: VALIDATE CONSTRAINT, or ADD
    /// CONSTRAINT, whose key is not in the catalog when the check fails (so it travels here).
    ExistingRows {
        /// The key being added (None: VALIDATE of a key in the catalog).
        adding: Option<Box<crate::engine::catalog::ForeignKey>>,
    },
}

/// Where a foreign-key check that failed was run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailedAt {
    /// At the end of the statement (an immediate constraint; RESTRICT; the actions).
    #[default]
    EndOfStatement,
    /// At `SET CONSTRAINTS ... IMMEDIATE`, which runs the checks deferred so far.
    SetConstraints,
    /// At COMMIT, which runs every deferred check (the whole transaction is rolled back).
    Commit,
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error with a SQLSTATE and message only.
    pub fn new(sqlstate: &'static str, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorData {
            sqlstate,
            message: message.into(),
            detail: None,
            hint: None,
            context: Vec::new(),
            position: None,
            internal: None,
            violation: None,
        }))
    }

    /// An error with a user-given SQLSTATE (RAISE ... USING ERRCODE); each distinct code is
    /// stored once for the life of the process.
    pub fn with_code(mut self, code: &str) -> Self {
        static CODES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
        if let Ok(mut codes) = CODES.lock() {
            self.sqlstate = match codes.iter().find(|c| **c == code) {
                Some(c) => c,
                None => {
                    let leaked: &'static str = Box::leak(code.to_string().into_boxed_str());
                    codes.push(leaked);
                    leaked
                }
            };
        }
        self
    }

    /// Attaches what a 23503 broke.
    pub fn with_violation(mut self, violation: Violation) -> Self {
        self.violation = Some(Box::new(violation));
        self
    }

    /// Adds the next outer link to a 23503's chain of causes (other errors are left alone).
    pub fn with_cause(mut self, cause: impl FnOnce() -> Cause) -> Self {
        if let Some(v) = self.violation.as_mut() {
            v.causes.push(cause());
        }
        self
    }

    /// The SQLSTATE code.
    pub fn sqlstate(&self) -> &'static str {
        self.sqlstate
    }

    /// Adds a DETAIL line.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a HINT line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Appends a CONTEXT line (outer contexts are pushed after inner ones).
    pub fn with_context(mut self, context: impl Into<String>) -> Self {
        self.context.push(context.into());
        self
    }

    /// Drops the position: PostgreSQL gives none for errors in some statements' expressions
    /// (a policy's conditions).
    pub fn without_position(mut self) -> Self {
        self.position = None;
        self
    }

    /// Sets the position, unless one is already set.
    pub fn at(mut self, position: Option<usize>) -> Self {
        if self.position.is_none() {
            self.position = position;
        }
        self
    }

    /// 42601: `syntax error at or near "tok"`.
    pub fn syntax_near(token: &str, position: Option<usize>) -> Self {
        Error::new("42601", format!("syntax error at or near \"{token}\"")).at(position)
    }

    /// 42601: syntax error at end of input.
    pub fn syntax_at_end(position: Option<usize>) -> Self {
        Error::new("42601", "syntax error at end of input").at(position)
    }

    /// 0A000: a feature fksim (or PostgreSQL) does not support.
    pub fn unsupported(what: impl Into<String>) -> Self {
        Error::new("0A000", what)
    }

    /// 42P01: relation does not exist.
    pub fn undefined_table(name: &str) -> Self {
        Error::new("42P01", format!("relation \"{name}\" does not exist"))
    }

    /// 3F000: schema does not exist.
    pub fn undefined_schema(name: &str) -> Self {
        Error::new("3F000", format!("schema \"{name}\" does not exist"))
    }

    /// 42703: column does not exist.
    pub fn undefined_column(name: &str) -> Self {
        Error::new("42703", format!("column \"{name}\" does not exist"))
    }

    /// 42703: a qualified column does not exist (PostgreSQL does not quote `t.c` here).
    pub fn undefined_qualified_column(qualifier: &str, name: &str) -> Self {
        Error::new("42703", format!("column {qualifier}.{name} does not exist"))
    }

    /// 25P02: the transaction is aborted.
    pub fn in_failed_transaction() -> Self {
        Error::new(
            "25P02",
            "current transaction is aborted, commands ignored until end of transaction block",
        )
    }

    /// 54000: a statement larger than fksim is willing to hold.
    pub fn too_large(what: impl Into<String>) -> Self {
        Error::new("54000", what)
    }

    /// 57014: the statement was cancelled (Ctrl-C), as PostgreSQL words it.
    pub fn query_canceled() -> Self {
        Error::new("57014", "canceling statement due to user request")
    }

    /// 57014: the statement ran past its time limit, as PostgreSQL words it.
    pub fn statement_timeout() -> Self {
        Error::new("57014", "canceling statement due to statement timeout")
    }

    /// XX000: an internal invariant broke; reported, never a panic.
    pub fn internal(what: impl Into<String>) -> Self {
        Error::new("XX000", what)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ERROR:  {}", self.message)?;
        if let Some(d) = &self.detail {
            write!(f, "\nDETAIL:  {d}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\nHINT:  {h}")?;
        }
        for c in &self.context {
            write!(f, "\nCONTEXT:  {c}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Severity of a message that does not abort the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// `INFO:`
    Info,
    /// `NOTICE:`
    Notice,
    /// `WARNING:`
    Warning,
}

/// A NOTICE or WARNING the server sends beside a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// NOTICE or WARNING.
    pub severity: Severity,
    /// Primary message.
    pub message: String,
    /// `DETAIL:` line.
    pub detail: Option<String>,
    /// `HINT:` line.
    pub hint: Option<String>,
    /// `CONTEXT:` lines.
    pub context: Vec<String>,
}

impl Notice {
    /// A NOTICE.
    // Named after the severity, like its siblings `info` and `warning`.
    #[allow(clippy::self_named_constructors)]
    pub fn notice(message: impl Into<String>) -> Self {
        Notice {
            severity: Severity::Notice,
            message: message.into(),
            detail: None,
            hint: None,
            context: Vec::new(),
        }
    }

    /// An INFO message (RAISE INFO).
    pub fn info(message: impl Into<String>) -> Self {
        Notice {
            severity: Severity::Info,
            message: message.into(),
            detail: None,
            hint: None,
            context: Vec::new(),
        }
    }

    /// A WARNING.
    pub fn warning(message: impl Into<String>) -> Self {
        Notice {
            severity: Severity::Warning,
            message: message.into(),
            detail: None,
            hint: None,
            context: Vec::new(),
        }
    }
}
