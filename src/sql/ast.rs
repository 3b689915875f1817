//! fksim's own statement tree: what `src/sql` hands to the engine. No sqlparser type leaks past it.
//!
//! Identifiers are already folded (lower case unless quoted). Positions are 1-based character
//! offsets into the statement text, as PostgreSQL reports them, `None` when unknown.

use crate::engine::settings::SetArg;
use crate::engine::types::DataType;
pub use crate::sql::ast_routine::{
    ArgMode, CreateFunction, CreateTrigger, FunctionArg, FunctionBody, FunctionRef, Returns,
    RowKind, RowType,
};
pub use crate::sql::ast_window::{CallClauses, FrameBound, FrameUnits, WindowFrame, WindowSpec};

/// A character position in the statement text (1-based), for `LINE n:` excerpts.
pub type Pos = Option<usize>;

/// A possibly schema-qualified name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectName {
    /// Schema, when written (`auth` in `auth.users`).
    pub schema: Option<String>,
    /// The object's own name.
    pub name: String,
    /// Where the name starts.
    pub pos: Pos,
}

/// An identifier with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// Folded name.
    pub name: String,
    /// Where it starts.
    pub pos: Pos,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// CREATE TABLE
    CreateTable(CreateTable),
    /// DROP TABLE [IF EXISTS] a, b [CASCADE | RESTRICT]
    DropTable { names: Vec<ObjectName>, if_exists: bool, cascade: bool },
    /// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table (keys) ...`
    CreateIndex(Box<crate::sql::ast_index::CreateIndex>),
    /// `ALTER INDEX [IF EXISTS] name RENAME TO new`
    AlterIndexRename { index: ObjectName, to: String, if_exists: bool },
    /// DROP INDEX [IF EXISTS] names
    DropIndex { names: Vec<ObjectName>, if_exists: bool },
    /// CREATE SCHEMA [IF NOT EXISTS] name [element ...]
    CreateSchema {
        /// The new schema.
        name: String,
        /// IF NOT EXISTS was written.
        if_not_exists: bool,
        /// The CREATE TABLE, VIEW, ... written after the name, in the order they run; created
        /// in the new schema, with it first on the search path.
        elements: Vec<Statement>,
    },
    /// `DROP SCHEMA [IF EXISTS] names [CASCADE]`
    DropSchema { names: Vec<String>, if_exists: bool, cascade: bool },
    /// ALTER TABLE [IF EXISTS] t op, op, ...
    AlterTable { table: ObjectName, if_exists: bool, ops: Vec<AlterOp> },
    /// `ALTER INDEX parent_index ATTACH PARTITION partition_index` (pg_dump's statement).
    AttachIndexPartition { index: ObjectName, partition: ObjectName },
    /// `TRUNCATE [TABLE] a, b [CASCADE | RESTRICT]`
    Truncate { tables: Vec<ObjectName>, cascade: bool, restart_identity: bool },
    /// INSERT
    Insert(Insert),
    /// UPDATE
    Update(Update),
    /// DELETE
    Delete(Delete),
    /// SELECT (or VALUES)
    Query(Query),
    /// BEGIN / START TRANSACTION
    Begin,
    /// COMMIT / END
    Commit,
    /// ROLLBACK / ABORT
    Rollback,
    /// SAVEPOINT name
    Savepoint(String),
    /// `ROLLBACK TO [SAVEPOINT] name`
    RollbackTo(String),
    /// `RELEASE [SAVEPOINT] name`
    Release(String),
    /// SET CONSTRAINTS {ALL | names} {DEFERRED | IMMEDIATE}; `names` is None for ALL.
    SetConstraints { names: Option<Vec<ObjectName>>, deferred: bool },
    /// CREATE [OR REPLACE] FUNCTION name(args) RETURNS type LANGUAGE {plpgsql|sql} AS $$ ... $$
    CreateFunction(CreateFunction),
    /// `DROP FUNCTION [IF EXISTS] name[(types)], ... [CASCADE]`
    DropFunction {
        names: Vec<FunctionRef>,
        if_exists: bool,
        cascade: bool,
        procedure: bool,
        /// DROP AGGREGATE: the messages say "aggregate".
        aggregate: bool,
    },
    /// `ALTER FUNCTION name[(types)] {SECURITY DEFINER | SECURITY INVOKER | SET search_path ...
    /// | RESET search_path}`; `search_path` is `Some(None)` for RESET.
    AlterFunction {
        function: FunctionRef,
        security_definer: Option<bool>,
        search_path: Option<Option<Vec<String>>>,
        stable: Option<bool>,
    },
    /// `DO [LANGUAGE plpgsql] $$ ... $$`: an anonymous PL/pgSQL block, run once.
    Do(crate::sql::plpgsql::PlBlock),
    /// `CALL p(args)`: the procedure's call as a query whose row is dropped.
    Call(Box<Query>),
    /// CREATE TRIGGER
    CreateTrigger(CreateTrigger),
    /// `CREATE [OR REPLACE] RULE` / `DROP RULE`.
    Rule(Box<crate::sql::rule::RuleStatement>),
    /// `DROP TRIGGER [IF EXISTS] name ON table [CASCADE]`
    DropTrigger { name: String, table: ObjectName, if_exists: bool },
    /// `SET [SESSION | LOCAL] name {TO | =} {value, ... | DEFAULT}`; `args` is None for DEFAULT.
    Set { name: String, args: Option<Vec<SetArg>>, local: bool },
    /// `SHOW name`
    Show(String),
    /// `EXPLAIN (COSTS OFF) statement`: the plan, not the rows.
    Explain(Box<Statement>),
    /// `RESET name`, or `RESET ALL` (None).
    Reset(Option<String>),
    /// `SELECT [pg_catalog.]set_config('name', 'value', is_local) [AS column]` as pg_dump
    /// writes it: one row, the value as SHOW would print it.
    SetConfig { name: String, value: String, local: bool, column: String },
    /// A statement about access or documentation (owners, grants, policies, comments, ...),
    /// recorded in the catalog.
    Admin(crate::sql::ast_admin::Admin),
    /// CREATE / DROP / ALTER ... RENAME / REFRESH of a view or materialized view.
    View(crate::sql::ast_view::ViewStatement),
    /// `CREATE SEQUENCE [IF NOT EXISTS] name options`
    CreateSequence { name: ObjectName, if_not_exists: bool, options: SequenceOptions },
    /// `ALTER SEQUENCE [IF EXISTS] name options`
    AlterSequence { name: ObjectName, if_exists: bool, options: SequenceOptions },
    /// `DROP SEQUENCE [IF EXISTS] names [CASCADE | RESTRICT]`
    DropSequence { names: Vec<ObjectName>, if_exists: bool, cascade: bool },
    /// `CREATE TYPE name AS ENUM ('label', ...)`
    CreateEnum { name: ObjectName, labels: Vec<String> },
    /// `DROP TYPE [IF EXISTS] names [CASCADE | RESTRICT]`
    DropType { names: Vec<ObjectName>, if_exists: bool },
    /// `CREATE [OR REPLACE] AGGREGATE`.
    CreateAggregate(Box<crate::sql::aggregate_def::CreateAggregate>),
    /// `CREATE DOMAIN name [AS] type [DEFAULT expr] [[CONSTRAINT n] NOT NULL | NULL | CHECK (...)]`
    CreateDomain {
        name: ObjectName,
        base: crate::engine::types::DataType,
        constraints: Vec<DomainConstraint>,
    },
    /// `DROP DOMAIN [IF EXISTS] names [CASCADE | RESTRICT]`
    DropDomain { names: Vec<ObjectName>, if_exists: bool },
    /// `CREATE DATABASE name [options]`
    CreateDatabase { name: String },
    /// `DROP DATABASE [IF EXISTS] name [WITH (FORCE)]`
    DropDatabase { name: String, if_exists: bool },
    /// `ALTER DATABASE name OWNER TO role` (`role` Some) or `... {SET | RESET} param`, a
    /// default for later sessions (None)
    AlterDatabaseOwner { name: String, role: Option<String> },
    /// `COPY table [(cols)] {FROM stdin | TO stdout}` in PostgreSQL's text format.
    Copy(Copy),
    /// `WITH ... INSERT | UPDATE | DELETE | SELECT` where a WITH query changes rows
    /// (`WITH moved AS (DELETE ... RETURNING *) INSERT ...`): the WITH queries run first, in
    /// order, then the statement, reading their rows.
    WithData {
        /// The WITH queries.
        with: Vec<Cte>,
        /// The statement.
        statement: Box<Statement>,
    },
    /// An empty statement (only `;`, or only comments): PostgreSQL answers nothing.
    Empty,
}

/// What CREATE DOMAIN says about its values.
#[derive(Debug, Clone, PartialEq)]
pub enum DomainConstraint {
    /// DEFAULT expr
    Default(Expr),
    /// NOT NULL (true) or NULL (false)
    NotNull(bool),
    /// `[CONSTRAINT name] CHECK (expr)`, `VALUE` standing for the value
    Check { name: Option<String>, expr: Expr },
}

/// `COPY table [(cols)] FROM stdin` with the data lines psql sent after it, or `... TO stdout`.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// The table.
    pub table: ObjectName,
    /// Explicit column list (empty: all columns in order).
    pub columns: Vec<Ident>,
    /// FROM stdin (with its data lines, without the closing `\.`) or TO stdout.
    pub direction: CopyDirection,
    /// FORMAT, DELIMITER, NULL, HEADER, QUOTE, ESCAPE.
    pub format: CopyFormat,
    /// `COPY (query) TO stdout`: the query whose rows are written (`table` is then empty).
    pub query: Option<Box<Query>>,
}

/// How COPY's data is written: PostgreSQL's text format or CSV, and their options.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyFormat {
    /// FORMAT csv (false: text).
    pub csv: bool,
    /// HEADER: a first line of column names (skipped on input).
    pub header: bool,
    /// DELIMITER (tab in text, comma in CSV).
    pub delimiter: char,
    /// NULL string (`\N` in text, empty in CSV).
    pub null: String,
    /// QUOTE (CSV only).
    pub quote: char,
    /// ESCAPE (CSV only; the quote character unless given).
    pub escape: char,
}

impl Default for CopyFormat {
    fn default() -> Self {
        CopyFormat {
            csv: false,
            header: false,
            delimiter: '\t',
            null: "\\N".to_string(),
            quote: '"',
            escape: '"',
        }
    }
}

/// Which way a COPY moves rows.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyDirection {
    /// `FROM stdin`: the data lines, one row each.
    FromStdin(Vec<String>),
    /// `TO stdout`.
    ToStdout,
}

/// CREATE TABLE.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateTable {
    /// Table name.
    pub name: ObjectName,
    /// IF NOT EXISTS given.
    pub if_not_exists: bool,
    /// `CREATE TEMP TABLE` (or `TEMPORARY`).
    pub temporary: bool,
    /// `INHERITS (parent, ...)`.
    pub inherits: Vec<ObjectName>,
    /// Columns in order.
    pub columns: Vec<ColumnDef>,
    /// Table constraints in order of writing.
    pub constraints: Vec<TableConstraint>,
    /// `PARTITION BY ...`: a partitioned table.
    pub partition_by: Option<crate::sql::partition::PartitionSpec>,
    /// `PARTITION OF parent FOR VALUES ...`: a partition.
    pub partition_of: Option<crate::sql::partition::PartitionOf>,
    /// `(LIKE source [INCLUDING DEFAULTS])`: the source table and whether its defaults come too.
    pub like: Option<(ObjectName, bool)>,
}

/// A column definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    /// Column name.
    pub name: Ident,
    /// Its type (serial → Integer, bigserial → BigInt, smallserial → SmallInt, with `serial` set).
    pub data_type: DataType,
    /// True for serial/bigserial/smallserial: NOT NULL with a sequence default.
    pub serial: bool,
    /// Column constraints in order of writing.
    pub constraints: Vec<ColumnConstraint>,
}

/// A column constraint, with its optional `CONSTRAINT name`.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnConstraint {
    /// `CONSTRAINT name`, when given.
    pub name: Option<String>,
    /// What it says.
    pub kind: ColumnConstraintKind,
    /// Where the constraint starts.
    pub pos: Pos,
    /// `[NOT] DEFERRABLE [INITIALLY ...]` of a PRIMARY KEY or UNIQUE constraint.
    pub deferral: Deferral,
}

/// `[NOT] DEFERRABLE [INITIALLY {DEFERRED | IMMEDIATE}]` as written (None: not written).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deferral {
    /// DEFERRABLE (true) / NOT DEFERRABLE (false).
    pub deferrable: Option<bool>,
    /// INITIALLY DEFERRED (true) / INITIALLY IMMEDIATE (false).
    pub initially_deferred: Option<bool>,
    /// Where NOT DEFERRABLE and INITIALLY DEFERRED conflict (the later one), for the error.
    pub conflict_at: Pos,
}

/// The kinds of column constraint.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnConstraintKind {
    /// NOT NULL
    NotNull,
    /// NULL (explicitly nullable)
    Null,
    /// DEFAULT expr
    Default(Expr),
    /// PRIMARY KEY
    PrimaryKey,
    /// UNIQUE
    Unique,
    /// REFERENCES table [(col)] ...
    References(ForeignKeySpec),
    /// CHECK (expr)
    Check(Expr),
    /// `GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]`
    Identity { always: bool, options: SequenceOptions },
}

/// A table constraint, with its optional `CONSTRAINT name`.
#[derive(Debug, Clone, PartialEq)]
pub struct TableConstraint {
    /// `CONSTRAINT name`, when given.
    pub name: Option<String>,
    /// What it says.
    pub kind: TableConstraintKind,
    /// Where the constraint starts.
    pub pos: Pos,
    /// `[NOT] DEFERRABLE [INITIALLY ...]` of a PRIMARY KEY or UNIQUE constraint.
    pub deferral: Deferral,
}

/// The kinds of table constraint.
#[derive(Debug, Clone, PartialEq)]
pub enum TableConstraintKind {
    /// PRIMARY KEY (cols)
    PrimaryKey(Vec<Ident>),
    /// UNIQUE (cols)
    Unique(Vec<Ident>),
    /// FOREIGN KEY (cols) REFERENCES ...
    ForeignKey { columns: Vec<Ident>, spec: ForeignKeySpec },
    /// CHECK (expr)
    Check(Expr),
    /// `{PRIMARY KEY | UNIQUE} USING INDEX index` (ALTER TABLE): an existing unique index
    /// becomes the constraint's.
    UsingIndex { primary: bool, index: Ident },
}

/// The REFERENCES part of a foreign key, shared by column and table forms.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKeySpec {
    /// Referenced table.
    pub table: ObjectName,
    /// Referenced columns; empty means the referenced table's primary key.
    pub columns: Vec<Ident>,
    /// MATCH type (SIMPLE when not written).
    pub match_type: MatchType,
    /// ON DELETE action.
    pub on_delete: RefAction,
    /// ON UPDATE action.
    pub on_update: RefAction,
    /// DEFERRABLE (true) / NOT DEFERRABLE (false) / not written (None).
    pub deferrable: Option<bool>,
    /// INITIALLY DEFERRED (true) / INITIALLY IMMEDIATE (false) / not written (None).
    pub initially_deferred: Option<bool>,
    /// NOT VALID (ALTER TABLE ADD CONSTRAINT only).
    pub not_valid: bool,
    /// Added by `ALTER TABLE ONLY`, which a partitioned table refuses.
    pub only: bool,
}

/// MATCH SIMPLE / FULL / PARTIAL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchType {
    /// MATCH SIMPLE (default): any NULL column skips the check.
    Simple,
    /// MATCH FULL: all or none NULL.
    Full,
    /// MATCH PARTIAL: PostgreSQL does not implement it.
    Partial,
}

/// A referential action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefAction {
    /// NO ACTION (default)
    NoAction,
    /// RESTRICT
    Restrict,
    /// CASCADE
    Cascade,
    /// SET NULL [(cols)]; `pos` is where the action's column list starts (for the ON UPDATE error).
    SetNull { columns: Option<Vec<Ident>>, pos: Pos },
    /// SET DEFAULT [(cols)]
    SetDefault { columns: Option<Vec<Ident>>, pos: Pos },
}

/// One ALTER TABLE operation.
#[derive(Debug, Clone, PartialEq)]
pub enum AlterOp {
    /// `ALTER [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]`
    AddIdentity { column: Ident, always: bool, options: SequenceOptions },
    /// ADD [CONSTRAINT name] ...
    AddConstraint(TableConstraint),
    /// `DROP CONSTRAINT [IF EXISTS] name [CASCADE]`
    DropConstraint { name: String, if_exists: bool, cascade: bool },
    /// VALIDATE CONSTRAINT name
    ValidateConstraint(String),
    /// `ALTER CONSTRAINT name [[NOT] DEFERRABLE] [INITIALLY {DEFERRED|IMMEDIATE}]`: both
    /// properties as written (unwritten ones are false, as in PostgreSQL 15).
    AlterConstraint {
        /// The constraint.
        name: String,
        /// DEFERRABLE (INITIALLY DEFERRED implies it).
        deferrable: bool,
        /// INITIALLY DEFERRED.
        initially_deferred: bool,
    },
    /// `ADD [COLUMN] [IF NOT EXISTS] def`
    AddColumn { column: ColumnDef, if_not_exists: bool },
    /// `DROP [COLUMN] [IF EXISTS] name [CASCADE]`
    DropColumn { name: Ident, if_exists: bool, cascade: bool },
    /// `ALTER [COLUMN] name SET DEFAULT expr`
    SetDefault { column: Ident, default: Expr },
    /// `ALTER [COLUMN] name DROP DEFAULT`
    DropDefault { column: Ident },
    /// `ALTER [COLUMN] name [SET DATA] TYPE type` (without USING)
    SetType { column: Ident, data_type: DataType },
    /// `ALTER [COLUMN] name SET NOT NULL`
    SetNotNull { column: Ident },
    /// `ALTER [COLUMN] name DROP NOT NULL`
    DropNotNull { column: Ident },
    /// `RENAME [COLUMN] a TO b`
    RenameColumn { from: Ident, to: Ident },
    /// RENAME TO name
    RenameTable(String),
    /// `RENAME CONSTRAINT a TO b`
    RenameConstraint { from: Ident, to: Ident },
    /// `SET SCHEMA s`
    SetSchema(Ident),
    /// `ATTACH PARTITION name FOR VALUES ... | DEFAULT`
    AttachPartition { partition: ObjectName, bound: crate::sql::partition::BoundSpec },
    /// `DETACH PARTITION name`
    DetachPartition { partition: ObjectName },
}

/// INSERT INTO table [(cols)] source [ON CONFLICT DO NOTHING] [RETURNING ...].
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// Target table.
    pub table: ObjectName,
    /// `AS alias` for the target (what ON CONFLICT DO UPDATE calls the existing row).
    pub alias: Option<String>,
    /// Explicit column list (empty: all columns in order).
    pub columns: Vec<Ident>,
    /// Where the rows come from.
    pub source: InsertSource,
    /// `ON CONFLICT [target] DO NOTHING | DO UPDATE ...`.
    pub on_conflict: Option<OnConflict>,
    /// OVERRIDING SYSTEM VALUE given: GENERATED ALWAYS identity columns take the values given.
    pub overriding_system: bool,
    /// RETURNING list (empty: none).
    pub returning: Vec<SelectItem>,
}

/// `ON CONFLICT [target] action` of an INSERT.
#[derive(Debug, Clone, PartialEq)]
pub struct OnConflict {
    /// Which unique constraint's conflicts it handles.
    pub target: ConflictTarget,
    /// What it does then.
    pub action: ConflictAction,
}

/// The conflict target.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictTarget {
    /// None written: any unique constraint (DO NOTHING only).
    Any,
    /// `(elements) [WHERE predicate]`: the unique indexes on exactly these columns and
    /// expressions whose predicate (if any) the WHERE implies.
    Columns {
        /// The columns and expressions, as written.
        elements: Vec<ConflictElement>,
        /// The WHERE that lets a partial unique index be inferred.
        predicate: Option<Expr>,
    },
    /// `ON CONSTRAINT name`
    Constraint(String),
}

/// One element of an ON CONFLICT inference list.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictElement {
    /// A column.
    Column(Ident),
    /// An expression over the row (`lower(email)`).
    Expr(Expr),
}

/// What ON CONFLICT does with a row that conflicts.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictAction {
    /// DO NOTHING: the row is not inserted.
    Nothing,
    /// `DO UPDATE SET ... [WHERE ...]`: the existing row is updated instead (EXCLUDED names the
    /// row proposed for insertion).
    Update {
        /// Assignments in order.
        assignments: Vec<(Ident, Expr)>,
        /// WHERE condition.
        selection: Option<Expr>,
    },
}

/// The rows of an INSERT.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertSource {
    /// VALUES (...), (...): each item may be `Expr::Default`.
    Values(Vec<Vec<Expr>>),
    /// INSERT ... SELECT
    Query(Box<Query>),
    /// DEFAULT VALUES
    DefaultValues,
}

/// UPDATE table [AS alias] SET col = expr, ... [WHERE ...] [RETURNING ...].
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// Target table.
    pub table: ObjectName,
    /// Alias for the target.
    pub alias: Option<String>,
    /// Assignments in order; the expression may be `Expr::Default`.
    pub assignments: Vec<(Ident, Expr)>,
    /// `FROM` items joined with the target (empty: none).
    pub from: Vec<FromItem>,
    /// WHERE condition.
    pub selection: Option<Expr>,
    /// RETURNING list.
    pub returning: Vec<SelectItem>,
}

/// DELETE FROM table [AS alias] [WHERE ...] [RETURNING ...].
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// Target table.
    pub table: ObjectName,
    /// Alias for the target.
    pub alias: Option<String>,
    /// `USING` items joined with the target (empty: none).
    pub using: Vec<FromItem>,
    /// WHERE condition.
    pub selection: Option<Expr>,
    /// RETURNING list.
    pub returning: Vec<SelectItem>,
}

/// A query: a SELECT or VALUES body with ORDER BY / LIMIT / OFFSET.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// `WITH [RECURSIVE]` queries, in order (each sees the ones before it).
    pub with: Vec<Cte>,
    /// The body.
    pub body: QueryBody,
    /// ORDER BY items.
    pub order_by: Vec<OrderBy>,
    /// LIMIT expression.
    pub limit: Option<Expr>,
    /// OFFSET expression.
    pub offset: Option<Expr>,
}

impl Query {
    /// The expression of a query that is one select-list expression and nothing else
    /// (`SELECT auth.uid()`, `SELECT $1 * 2`), with its alias.
    pub fn lone_expression(&self) -> Option<(&Expr, Option<&String>)> {
        let QueryBody::Select(s) = &self.body else { return None };
        let plain = self.with.is_empty()
            && self.order_by.is_empty()
            && self.limit.is_none()
            && self.offset.is_none()
            && !s.distinct
            && s.distinct_on.is_empty()
            && s.from.is_empty()
            && s.selection.is_none()
            && s.group_by.is_empty()
            && s.having.is_none();
        match s.items.as_slice() {
            [SelectItem::Expr { expr, alias }] if plain => Some((expr, alias.as_ref())),
            _ => None,
        }
    }
}

/// One `name [(columns)] AS (query)` of a WITH clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Cte {
    /// The name the query's rows go by.
    pub name: String,
    /// Column names given (empty: the query's own).
    pub columns: Vec<String>,
    /// The query.
    pub query: Query,
    /// For a data-modifying WITH query (`name AS (DELETE ... RETURNING ...)`): the statement,
    /// whose RETURNING rows it names (`query` is then unused).
    pub dml: Option<Box<Statement>>,
    /// Written under `WITH RECURSIVE`: the query may read its own rows.
    pub recursive: bool,
}

/// A query body.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryBody {
    /// SELECT ...
    Select(Box<Select>),
    /// VALUES (...), (...)
    Values(Vec<Vec<Expr>>),
    /// `left UNION | INTERSECT | EXCEPT [ALL] right`
    SetOp {
        /// Which operation.
        op: SetOp,
        /// ALL given (duplicates kept).
        all: bool,
        /// Left operand.
        left: Box<Query>,
        /// Right operand.
        right: Box<Query>,
    },
}

/// Set operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOp {
    /// UNION
    Union,
    /// INTERSECT
    Intersect,
    /// EXCEPT
    Except,
}

/// `SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    /// DISTINCT given.
    pub distinct: bool,
    /// `DISTINCT ON (exprs)`: the first row of each run of equal values (empty: none).
    pub distinct_on: Vec<Expr>,
    /// The select list.
    pub items: Vec<SelectItem>,
    /// FROM items (comma-separated list; joins nest inside).
    pub from: Vec<FromItem>,
    /// WHERE condition.
    pub selection: Option<Expr>,
    /// GROUP BY expressions.
    pub group_by: Vec<Expr>,
    /// HAVING condition.
    pub having: Option<Expr>,
}

/// One item of a select or RETURNING list.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectItem {
    /// `*`
    Wildcard,
    /// `t.*`
    QualifiedWildcard(String),
    /// expr [AS alias]
    Expr { expr: Expr, alias: Option<String> },
}

/// A FROM item.
#[derive(Debug, Clone, PartialEq)]
pub enum FromItem {
    /// A table, with optional alias.
    Table { name: ObjectName, alias: Option<String> },
    /// A set-returning function such as `generate_series(1, 10) AS g(n)`: `alias` names the
    /// relation, `column_alias` its single column; `column_defs` is a column definition list
    /// (`f() AS t(a int, b text)`, each with its place), for a function returning `record`.
    Function {
        schema: Option<String>,
        name: String,
        args: Vec<Expr>,
        alias: Option<String>,
        column_alias: Option<String>,
        column_defs: Vec<(String, crate::engine::types::DataType, Pos)>,
        pos: Pos,
    },
    /// A join: `on` its ON condition, `using` its USING list or NATURAL (`using_join.rs`).
    Join {
        left: Box<FromItem>,
        right: Box<FromItem>,
        kind: JoinKind,
        on: Option<Expr>,
        using: Option<Box<JoinUsing>>,
    },
    /// `[LATERAL] (query) alias [(columns)]`: a subquery in FROM (`lateral`: it may read the
    /// FROM items before it, and runs again for each of their rows).
    Subquery { query: Box<Query>, alias: String, columns: Vec<String>, lateral: bool },
}

/// `USING (columns) [AS alias]` or `NATURAL` on a join: the columns both sides share merge.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinUsing {
    /// The columns named in USING (empty for NATURAL: the common ones).
    pub columns: Vec<String>,
    /// NATURAL given.
    pub natural: bool,
    /// `USING (...) AS alias`: the name that qualifies the merged columns.
    pub alias: Option<String>,
}

/// Join kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinKind {
    /// `[INNER] JOIN`
    Inner,
    /// `LEFT [OUTER] JOIN`
    Left,
    /// `RIGHT [OUTER] JOIN`
    Right,
    /// `FULL [OUTER] JOIN`
    Full,
    /// CROSS JOIN (or a comma)
    Cross,
}

/// ORDER BY item.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderBy {
    /// The expression (an integer literal means a select-list position).
    pub expr: Expr,
    /// DESC given.
    pub desc: bool,
    /// NULLS FIRST (Some(true)) / NULLS LAST (Some(false)) / default (None).
    pub nulls_first: Option<bool>,
}

/// Expressions.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal.
    Literal(Literal),
    /// A column reference, maybe qualified by table or alias (also `NEW.col` / `OLD.col`).
    Column { table: Option<String>, name: String, pos: Pos },
    /// Unary operator.
    Unary { op: UnaryOp, expr: Box<Expr>, pos: Pos },
    /// Binary operator (comparison, arithmetic, AND/OR, `||`, LIKE, JSON operators).
    Binary { op: BinaryOp, left: Box<Expr>, right: Box<Expr>, pos: Pos },
    /// `expr IS [NOT] NULL`
    IsNull { expr: Box<Expr>, negated: bool },
    /// `expr IS [NOT] TRUE / FALSE`: `value` is the truth value tested.
    IsBool { expr: Box<Expr>, value: bool, negated: bool },
    /// `expr IS [NOT] DISTINCT FROM expr`
    IsDistinctFrom { left: Box<Expr>, right: Box<Expr>, negated: bool },
    /// `expr [NOT] IN (list)`
    InList { expr: Box<Expr>, list: Vec<Expr>, negated: bool },
    /// `expr [NOT] IN (subquery)`
    InSubquery { expr: Box<Expr>, query: Box<Query>, negated: bool, pos: Pos },
    /// `[NOT] EXISTS (subquery)`
    Exists { query: Box<Query>, negated: bool },
    /// (subquery) returning one value
    Subquery(Box<Query>),
    /// `expr [NOT] BETWEEN low AND high`
    Between { expr: Box<Expr>, low: Box<Expr>, high: Box<Expr>, negated: bool },
    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`
    Case { operand: Option<Box<Expr>>, whens: Vec<(Expr, Expr)>, else_result: Option<Box<Expr>> },
    /// expr::type or CAST(expr AS type)
    Cast { expr: Box<Expr>, to: DataType, pos: Pos },
    /// A function call; `star` for `count(*)`; `schema` as written (`pg_catalog.lower(...)`).
    Function {
        schema: Option<String>,
        name: String,
        args: Vec<Expr>,
        star: bool,
        distinct: bool,
        pos: Pos,
    },
    /// DEFAULT (in VALUES lists and SET col = DEFAULT only).
    Default,
    /// `$n` parameter.
    Param(usize),
    /// `name => value`, an argument of a call given by name.
    NamedArg { name: String, value: Box<Expr> },
    /// A subquery that reads columns of the query around it (made by the engine, not parsed).
    Correlated(Box<Correlated>),
    /// Inside a correlated subquery: the value of its `n`th outer reference (0-based).
    Outer(usize),
    /// A call with `ORDER BY` inside, `FILTER` or `OVER` (`ast_window.rs`).
    Call(Box<CallClauses>),
}

/// A correlated subquery: run again for each outer row, with `Expr::Outer(n)` standing for the
/// value of `outer[n]` in that row.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlated {
    /// How its result is used.
    pub kind: SubLink,
    /// The subquery, its outer references replaced by `Expr::Outer`.
    pub query: Query,
    /// The outer references, as written (bound in the outer query).
    pub outer: Vec<Expr>,
    /// The type of its one column (`Boolean` for EXISTS).
    pub result: DataType,
}

/// How a subquery's result is used.
#[derive(Debug, Clone, PartialEq)]
pub enum SubLink {
    /// `[NOT] EXISTS (subquery)`
    Exists {
        /// NOT EXISTS.
        negated: bool,
    },
    /// `expr [NOT] IN (subquery)`
    In {
        /// The value looked for.
        expr: Box<Expr>,
        /// NOT IN.
        negated: bool,
    },
    /// `(subquery)` as a value.
    Scalar,
    /// `ARRAY(subquery)`: its rows' values as an array.
    Array,
}

/// Literal values as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// NULL
    Null,
    /// TRUE / FALSE
    Bool(bool),
    /// A number as written (`42`, `12.5`, `1e3`): integer if it fits, numeric otherwise.
    Number(String),
    /// A quoted string: type unknown until context decides; errors converting it point at it.
    String(String, Pos),
    /// A typed literal such as `DATE '2024-01-01'`.
    Typed(DataType, String),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// NOT
    Not,
    /// -
    Minus,
    /// +
    Plus,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// +
    Plus,
    /// -
    Minus,
    /// *
    Multiply,
    /// /
    Divide,
    /// %
    Modulo,
    /// =
    Eq,
    /// <> or !=
    NotEq,
    /// <
    Lt,
    /// <=
    LtEq,
    /// >
    Gt,
    /// >=
    GtEq,
    /// AND
    And,
    /// OR
    Or,
    /// ||
    Concat,
    /// LIKE
    Like,
    /// NOT LIKE
    NotLike,
    /// ILIKE
    ILike,
    /// NOT ILIKE
    NotILike,
    /// `~`: matches a regular expression
    Regex,
    /// `~*`: matches, ignoring case
    RegexI,
    /// `!~`
    NotRegex,
    /// `!~*`
    NotRegexI,
    /// -> (json field or element)
    JsonGet,
    /// ->> (json field or element as text)
    JsonGetText,
    /// @> (jsonb contains)
    JsonContains,
    /// ? (jsonb has key)
    JsonHasKey,
}

impl BinaryOp {
    /// The operator as written in SQL, for error messages (`operator does not exist: integer + text`).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Plus => "+",
            BinaryOp::Minus => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
            BinaryOp::Eq => "=",
            BinaryOp::NotEq => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::LtEq => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::GtEq => ">=",
            BinaryOp::And => "AND",
            BinaryOp::Or => "OR",
            BinaryOp::Concat => "||",
            BinaryOp::Like => "~~",
            BinaryOp::NotLike => "!~~",
            BinaryOp::ILike => "~~*",
            BinaryOp::NotILike => "!~~*",
            BinaryOp::Regex => "~",
            BinaryOp::RegexI => "~*",
            BinaryOp::NotRegex => "!~",
            BinaryOp::NotRegexI => "!~*",
            BinaryOp::JsonGet => "->",
            BinaryOp::JsonGetText => "->>",
            BinaryOp::JsonContains => "@>",
            BinaryOp::JsonHasKey => "?",
        }
    }
}

/// The options of CREATE / ALTER SEQUENCE; None where the statement does not say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SequenceOptions {
    /// `AS type`: the type's name (smallint, integer, bigint).
    pub data_type: Option<String>,
    /// `INCREMENT BY n`
    pub increment: Option<i64>,
    /// `START WITH n`
    pub start: Option<i64>,
    /// `RESTART WITH n`
    pub restart: Option<i64>,
    /// `MINVALUE n` (Some(Some)) or `NO MINVALUE` (Some(None)).
    pub min: Option<Option<i64>>,
    /// `MAXVALUE n` or `NO MAXVALUE`.
    pub max: Option<Option<i64>>,
    /// `CYCLE` / `NO CYCLE`
    pub cycle: Option<bool>,
    /// `OWNED BY t.c` (Some(Some)) or `OWNED BY NONE` (Some(None)).
    pub owned_by: Option<Option<Vec<Ident>>>,
    /// `SEQUENCE NAME n` (identity columns only).
    pub name: Option<ObjectName>,
    /// `ALTER SEQUENCE s RENAME TO n`.
    pub rename: Option<String>,
    /// `ALTER SEQUENCE s SET SCHEMA n`.
    pub set_schema: Option<String>,
}
