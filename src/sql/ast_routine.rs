//! The tree of CREATE FUNCTION, DROP FUNCTION and CREATE TRIGGER: arguments, result type, body.

use crate::engine::types::DataType;
use crate::sql::ast::{Expr, Ident, ObjectName, Statement};
use crate::sql::plpgsql::PlBlock;

/// `CREATE [OR REPLACE] FUNCTION`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFunction {
    /// Function name.
    pub name: ObjectName,
    /// OR REPLACE given.
    pub or_replace: bool,
    /// SECURITY DEFINER given: the body runs as the function's owner.
    pub security_definer: bool,
    /// `SET search_path = ...`: the schemas unqualified names resolve to while it runs.
    pub search_path: Option<Vec<String>>,
    /// STABLE or IMMUTABLE: the same arguments give the same result within a statement.
    pub stable: bool,
    /// STRICT (RETURNS NULL ON NULL INPUT).
    pub strict: bool,
    /// The arguments, in order.
    pub args: Vec<FunctionArg>,
    /// What it returns.
    pub returns: Returns,
    /// The compiled body.
    pub body: FunctionBody,
    /// CREATE PROCEDURE: called by CALL only.
    pub procedure: bool,
    /// For a LANGUAGE sql body: where each of its statements starts in the CREATE text (the
    /// char offset errors found at CREATE point from).
    pub body_at: Vec<usize>,
}

/// One argument of a function.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionArg {
    /// Its name, when it has one (`$n` reaches it either way).
    pub name: Option<String>,
    /// Its type.
    pub data_type: DataType,
    /// `DEFAULT expr` / `= expr`: the value when a call leaves it out.
    pub default: Option<Expr>,
    /// IN, OUT, INOUT or VARIADIC.
    pub mode: ArgMode,
}

/// How an argument passes: in, out (a column of the result), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgMode {
    /// IN (the default).
    In,
    /// OUT: a column of the result row, not an argument of calls.
    Out,
    /// INOUT: both.
    InOut,
    /// VARIADIC: the last argument, an array the call's trailing arguments fill.
    Variadic,
}

impl ArgMode {
    /// True for the arguments a call gives (IN, INOUT, VARIADIC).
    pub fn is_input(self) -> bool {
        self != ArgMode::Out
    }

    /// True for the arguments that are columns of the result (OUT, INOUT).
    pub fn is_output(self) -> bool {
        matches!(self, ArgMode::Out | ArgMode::InOut)
    }
}

/// A function's result.
#[derive(Debug, Clone, PartialEq)]
pub enum Returns {
    /// `RETURNS trigger`: called by triggers only.
    Trigger,
    /// `RETURNS void`.
    Void,
    /// `RETURNS type`: one value.
    Value(DataType),
    /// `RETURNS SETOF type`: a set of single values.
    SetOf(DataType),
    /// Rows of named columns: OUT arguments (`RETURNS record`), `RETURNS TABLE (...)`,
    /// `RETURNS [SETOF] table`.
    Rows(RowType),
}

/// The row a function returns.
#[derive(Debug, Clone, PartialEq)]
pub struct RowType {
    /// SETOF (or TABLE): any number of rows; else exactly one.
    pub set: bool,
    /// The columns (of the table, for `RETURNS SETOF table`: filled in at CREATE).
    pub columns: Vec<(String, DataType)>,
    /// How it was written.
    pub kind: RowKind,
}

/// How a row result was declared (what `\df` shows as its result type).
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// OUT arguments: `record` / `SETOF record`.
    Out,
    /// `RETURNS TABLE (...)`.
    Table,
    /// A table's row type: `RETURNS [SETOF] orders`.
    Relation(ObjectName),
    /// `RETURNS [SETOF] record` without OUT arguments: each call in FROM gives the columns
    /// with a column definition list (`f() AS t(a int, b text)`); `columns` is empty.
    Record,
}

/// A function body, compiled at CREATE time as PostgreSQL's validators do.
#[derive(Debug, Clone, PartialEq)]
pub enum FunctionBody {
    /// LANGUAGE plpgsql.
    PlPgSql(PlBlock),
    /// LANGUAGE sql: its statements with their text; the last one gives the result.
    Sql(Vec<(Statement, String)>),
    /// CREATE AGGREGATE: the functions it folds with (`user_aggregate.rs`).
    Aggregate(Box<crate::sql::aggregate_def::AggregateDef>),
    /// A body that does not compile, kept because `check_function_bodies` was off: calling
    /// it raises the error then, as PostgreSQL's first call does.
    Unchecked(Box<UncheckedBody>),
}

/// A body stored without compiling it (`check_function_bodies = off`).
#[derive(Debug, Clone, PartialEq)]
pub struct UncheckedBody {
    /// LANGUAGE sql (true) or plpgsql.
    pub sql: bool,
    /// The body's text.
    pub text: String,
    /// The compile error, its position counted in `text`.
    pub error: crate::error::Error,
    /// Where `text` starts in the CREATE statement (where the error points at CREATE).
    pub offset: usize,
}

/// A function named by DROP FUNCTION: argument types when written (`f(integer)`).
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionRef {
    /// Its name.
    pub name: ObjectName,
    /// The argument types written, None when the name stands alone.
    pub arg_types: Option<Vec<DataType>>,
}

/// `CREATE TRIGGER name {BEFORE|AFTER} events ON table [FOR [EACH] {ROW | STATEMENT}] [WHEN (...)]`
/// EXECUTE FUNCTION f().
#[derive(Debug, Clone, PartialEq)]
pub struct CreateTrigger {
    /// Trigger name.
    pub name: String,
    /// BEFORE (true) or AFTER.
    pub before: bool,
    /// INSERT given.
    pub on_insert: bool,
    /// UPDATE given: `Some(columns)`, empty for any column.
    pub on_update: Option<Vec<Ident>>,
    /// DELETE given.
    pub on_delete: bool,
    /// TRUNCATE given.
    pub on_truncate: bool,
    /// The table.
    pub table: ObjectName,
    /// WHEN condition over OLD and NEW.
    pub when: Option<Expr>,
    /// The trigger function.
    pub function: ObjectName,
    /// Arguments written after the function name, as text (TG_ARGV).
    pub args: Vec<String>,
    /// FOR EACH ROW (true) or FOR EACH STATEMENT (the default).
    pub for_each_row: bool,
    /// `REFERENCING {OLD | NEW} TABLE [AS] name ...`: (NEW, name) in the order written.
    pub transitions: Vec<(bool, String)>,
    /// INSTEAD OF (a view's row trigger); `before` is false.
    pub instead: bool,
    /// CREATE CONSTRAINT TRIGGER: its deferrability.
    pub constraint: Option<TriggerTiming>,
}

/// `[NOT] DEFERRABLE [INITIALLY {DEFERRED | IMMEDIATE}]` of a constraint trigger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TriggerTiming {
    /// DEFERRABLE.
    pub deferrable: bool,
    /// INITIALLY DEFERRED.
    pub initially_deferred: bool,
}
