//! Operators on values: result types of `+ - * / % || = < ...`, their evaluation and PostgreSQL's errors.

use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, UnaryOp};

/// The result type of `l op r`, or PostgreSQL's 42883 error
/// `operator does not exist: integer + text` with its HINT
/// ("No operator matches the given name and argument types. You might need to add explicit type casts.").
/// Not called for AND/OR (the caller handles three-valued logic). `Unknown` operands (string
/// literals) have been coerced to the other side's type by the caller; both Unknown means text.
pub fn binary_result_type(op: BinaryOp, l: &DataType, r: &DataType) -> Result<DataType> {
    let _ = (op, l, r);
    Err(Error::unsupported("operators not implemented yet"))
}

/// Evaluates `l op r` (NULL in → NULL out for every operator here), with PostgreSQL's runtime
/// errors: `integer out of range` (22003), `division by zero` (22012), ...
pub fn eval_binary(op: BinaryOp, l: &Value, lt: &DataType, r: &Value, rt: &DataType) -> Result<Value> {
    let _ = (op, l, lt, r, rt);
    Err(Error::unsupported("operators not implemented yet"))
}

/// The result type of a unary operator (`NOT` needs boolean, `-`/`+` a number).
pub fn unary_result_type(op: UnaryOp, t: &DataType) -> Result<DataType> {
    let _ = (op, t);
    Err(Error::unsupported("operators not implemented yet"))
}

/// Evaluates a unary operator.
pub fn eval_unary(op: UnaryOp, v: &Value, t: &DataType) -> Result<Value> {
    let _ = (op, v, t);
    Err(Error::unsupported("operators not implemented yet"))
}

/// The common type two branches or list items resolve to (CASE, COALESCE, IN, UNION-like
/// contexts), as PostgreSQL's `select_common_type`: integers widen, integer+numeric → numeric,
/// unknown takes the other side, text-like mix → text; otherwise 42804
/// `CASE types integer and text cannot be matched` (`context` is "CASE", "COALESCE", ...).
pub fn common_type(context: &str, types: &[DataType]) -> Result<DataType> {
    let _ = (context, types);
    Err(Error::unsupported("type resolution not implemented yet"))
}
