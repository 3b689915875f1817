//! Integer and boolean expressions compiled once into a small tree that a hot loop evaluates per
//! row without `Result`s, clones or type dispatch: `%`, `+`, comparisons, CASE, AND/OR, IS NULL
//! over integer columns and constants. Anything else, and any row where the fast path cannot be
//! sure of the answer (an overflow, a division by zero, a value that is not an integer), falls
//! back to `eval::eval`, which then gives the exact value or PostgreSQL's error: these
//! expressions have no side effects, so evaluating again is safe.

use crate::engine::eval::eval;
use crate::engine::expr::{Bound, EvalContext};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::sql::ast::BinaryOp;

/// A value the fast path computes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    Null,
    Int(i64),
    Bool(bool),
}

impl Scalar {
    /// The value `eval` gives for it.
    pub fn value(self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Int(i) => Value::Int(i),
            Scalar::Bool(b) => Value::Bool(b),
        }
    }
}

/// Where a compiled expression reads its columns: a row of values, or a heap slot read in
/// place (`heap::Slot`). None where the fast path does not handle the column's value.
pub trait Cells {
    /// The value of column `i` as the fast path holds it.
    fn cell(&self, i: usize) -> Option<Scalar>;
}

impl Cells for [Value] {
    #[inline(always)]
    fn cell(&self, i: usize) -> Option<Scalar> {
        Some(match self.get(i)? {
            Value::Int(v) => Scalar::Int(*v),
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Null => Scalar::Null,
            _ => return None,
        })
    }
}

/// Integer arithmetic.
#[derive(Debug, Clone, Copy)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Rem,
}

/// A compiled expression.
#[derive(Debug, Clone)]
pub enum Node {
    Const(Scalar),
    /// The value at this row position (an integer or NULL, else the fast path gives up).
    Column(usize),
    /// Integer arithmetic whose result must lie in `lo..=hi` (the result type's range).
    Arith(Arith, Box<Node>, Box<Node>, i64, i64),
    /// An integer comparison.
    Compare(BinaryOp, Box<Node>, Box<Node>),
    /// An integer comparison of a column with a constant (`amount > 250`), the commonest WHERE
    /// term, tested without walking two operand nodes.
    CompareConst(BinaryOp, usize, i64),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    IsNull(Box<Node>, bool),
    Case(Vec<(Node, Node)>, Box<Node>),
}

/// An expression with its fast form, when it has one.
#[derive(Debug)]
pub struct FastExpr<'b> {
    bound: &'b Bound,
    fast: Option<Node>,
}

impl<'b> FastExpr<'b> {
    /// Compiles `bound` (its fast form, if every part of it has one).
    pub fn new(bound: &'b Bound) -> Self {
        FastExpr { bound, fast: compile(bound) }
    }

    /// The expression compiled.
    pub fn bound(&self) -> &'b Bound {
        self.bound
    }

    /// The expression's value over `row`, as `eval` gives it.
    #[inline]
    pub fn eval(&self, row: &[Value], ctx: &EvalContext) -> Result<Value> {
        if let Some(n) = &self.fast
            && let Some(s) = operand(n, row)
        {
            return Ok(s.value());
        }
        eval(self.bound, row, &[], ctx)
    }

    /// Whether the condition is true over `cells`: None where the fast path cannot tell
    /// (the caller then reads the row and asks [`Self::holds`]).
    #[inline]
    pub fn holds_fast<C: Cells + ?Sized>(&self, cells: &C) -> Option<bool> {
        self.fast.as_ref().and_then(|n| operand(n, cells)).map(|s| s == Scalar::Bool(true))
    }

    /// The compiled form, when every part of the expression has one.
    pub fn node(&self) -> Option<&Node> {
        self.fast.as_ref()
    }

    /// Whether the condition is true over `row` (as WHERE keeps rows).
    #[inline]
    pub fn holds(&self, row: &[Value], ctx: &EvalContext) -> Result<bool> {
        if let Some(n) = &self.fast
            && let Some(s) = operand(n, row)
        {
            return Ok(s == Scalar::Bool(true));
        }
        Ok(matches!(eval(self.bound, row, &[], ctx)?, Value::Bool(true)))
    }
}

/// The range of an integer type, None for other types.
fn int_range(t: &DataType) -> Option<(i64, i64)> {
    match t {
        DataType::SmallInt => Some((i64::from(i16::MIN), i64::from(i16::MAX))),
        DataType::Integer => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
        DataType::BigInt => Some((i64::MIN, i64::MAX)),
        _ => None,
    }
}

/// The compiled form of `b`, if every part of it has one.
pub fn compile(b: &Bound) -> Option<Node> {
    let boxed = |b: &Bound| compile(b).map(Box::new);
    Some(match b {
        Bound::Const(Value::Null) => Node::Const(Scalar::Null),
        Bound::Const(Value::Int(i)) => Node::Const(Scalar::Int(*i)),
        Bound::Const(Value::Bool(v)) => Node::Const(Scalar::Bool(*v)),
        Bound::Column(i) => Node::Column(*i),
        Bound::Binary(op, l, lt, r, rt, ty) => {
            int_range(lt)?;
            int_range(rt)?;
            match op {
                BinaryOp::Eq
                | BinaryOp::NotEq
                | BinaryOp::Lt
                | BinaryOp::LtEq
                | BinaryOp::Gt
                | BinaryOp::GtEq => match (&**l, &**r) {
                    (Bound::Column(c), Bound::Const(Value::Int(k))) => {
                        Node::CompareConst(*op, *c, *k)
                    }
                    _ => Node::Compare(*op, boxed(l)?, boxed(r)?),
                },
                BinaryOp::Plus | BinaryOp::Minus | BinaryOp::Multiply | BinaryOp::Modulo => {
                    let (lo, hi) = int_range(ty)?;
                    let a = match op {
                        BinaryOp::Plus => Arith::Add,
                        BinaryOp::Minus => Arith::Sub,
                        BinaryOp::Multiply => Arith::Mul,
                        _ => Arith::Rem,
                    };
                    Node::Arith(a, boxed(l)?, boxed(r)?, lo, hi)
                }
                _ => return None,
            }
        }
        Bound::And(l, r) => Node::And(boxed(l)?, boxed(r)?),
        Bound::Or(l, r) => Node::Or(boxed(l)?, boxed(r)?),
        Bound::IsNull(e, negated) => Node::IsNull(boxed(e)?, *negated),
        Bound::Case(arms, otherwise) => {
            let arms = arms
                .iter()
                .map(|(c, r)| Some((compile(c)?, compile(r)?)))
                .collect::<Option<_>>()?;
            let otherwise = match otherwise {
                Some(e) => boxed(e)?,
                None => Box::new(Node::Const(Scalar::Null)),
            };
            Node::Case(arms, otherwise)
        }
        _ => return None,
    })
}

/// An operand: constants and columns read without a call (most operands are one of them).
#[inline(always)]
pub fn operand<C: Cells + ?Sized>(n: &Node, row: &C) -> Option<Scalar> {
    match n {
        Node::Const(s) => Some(*s),
        Node::Column(i) => row.cell(*i),
        Node::CompareConst(op, c, b) => compare_const(*op, row.cell(*c)?, *b),
        _ => run(n, row),
    }
}

/// Evaluates a compiled expression; None where `eval` must decide (or report an error).
fn run<C: Cells + ?Sized>(n: &Node, row: &C) -> Option<Scalar> {
    Some(match n {
        Node::Const(s) => *s,
        Node::Column(i) => row.cell(*i)?,
        Node::Arith(op, l, r, lo, hi) => {
            let (a, b) = match (operand(l, row)?, operand(r, row)?) {
                (Scalar::Int(a), Scalar::Int(b)) => (a, b),
                (Scalar::Null, _) | (_, Scalar::Null) => return Some(Scalar::Null),
                _ => return None,
            };
            let v = match op {
                Arith::Add => a.checked_add(b)?,
                Arith::Sub => a.checked_sub(b)?,
                Arith::Mul => a.checked_mul(b)?,
                Arith::Rem if b == 0 => return None,
                Arith::Rem => a.checked_rem(b).unwrap_or(0),
            };
            if v < *lo || v > *hi {
                return None;
            }
            Scalar::Int(v)
        }
        Node::Compare(op, l, r) => {
            let (a, b) = match (operand(l, row)?, operand(r, row)?) {
                (Scalar::Int(a), Scalar::Int(b)) => (a, b),
                (Scalar::Null, _) | (_, Scalar::Null) => return Some(Scalar::Null),
                _ => return None,
            };
            compare(*op, a, b)
        }
        Node::CompareConst(op, c, b) => compare_const(*op, row.cell(*c)?, *b)?,
        Node::And(l, r) => match (operand(l, row)?, operand(r, row)?) {
            (Scalar::Bool(false), _) | (_, Scalar::Bool(false)) => Scalar::Bool(false),
            (Scalar::Bool(true), Scalar::Bool(true)) => Scalar::Bool(true),
            _ => Scalar::Null,
        },
        Node::Or(l, r) => match (operand(l, row)?, operand(r, row)?) {
            (Scalar::Bool(true), _) | (_, Scalar::Bool(true)) => Scalar::Bool(true),
            (Scalar::Bool(false), Scalar::Bool(false)) => Scalar::Bool(false),
            _ => Scalar::Null,
        },
        Node::IsNull(e, negated) => Scalar::Bool((operand(e, row)? == Scalar::Null) != *negated),
        Node::Case(arms, otherwise) => {
            for (c, r) in arms {
                if run(c, row)? == Scalar::Bool(true) {
                    return operand(r, row);
                }
            }
            operand(otherwise, row)?
        }
    })
}

/// A column's value compared with a constant (None for a value that is not an integer).
#[inline(always)]
fn compare_const(op: BinaryOp, a: Scalar, b: i64) -> Option<Scalar> {
    match a {
        Scalar::Int(a) => Some(compare(op, a, b)),
        Scalar::Null => Some(Scalar::Null),
        Scalar::Bool(_) => None,
    }
}

/// An integer comparison's answer.
#[inline(always)]
fn compare(op: BinaryOp, a: i64, b: i64) -> Scalar {
    Scalar::Bool(match op {
        BinaryOp::Eq => a == b,
        BinaryOp::NotEq => a != b,
        BinaryOp::Lt => a < b,
        BinaryOp::LtEq => a <= b,
        BinaryOp::Gt => a > b,
        _ => a >= b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i64) -> Box<Bound> {
        Box::new(Bound::Const(Value::Int(i)))
    }

    fn col() -> Box<Bound> {
        Box::new(Bound::Column(0))
    }

    fn bin(op: BinaryOp, l: Box<Bound>, r: Box<Bound>) -> Box<Bound> {
        let t = DataType::Integer;
        let ty = if matches!(op, BinaryOp::Plus | BinaryOp::Modulo) {
            t.clone()
        } else {
            DataType::Boolean
        };
        Box::new(Bound::Binary(op, l, t.clone(), r, t, ty))
    }

    #[test]
    fn the_fast_path_agrees_with_eval_and_leaves_errors_to_it() {
        let ctx = EvalContext::default();
        // CASE WHEN v % 100 = 0 THEN 5000 ELSE v % 1000 + 1 END
        let case = Bound::Case(
            vec![(
                *bin(BinaryOp::Eq, bin(BinaryOp::Modulo, col(), int(100)), int(0)),
                Bound::Const(Value::Int(5000)),
            )],
            Some(bin(BinaryOp::Plus, bin(BinaryOp::Modulo, col(), int(1000)), int(1))),
        );
        let f = FastExpr::new(&case);
        assert!(f.fast.is_some());
        for v in [Value::Int(100), Value::Int(1234), Value::Null] {
            let row = [v];
            assert_eq!(f.eval(&row, &ctx).ok(), eval(&case, &row, &[], &ctx).ok());
        }
        // Overflow: the fast path gives up, eval reports integer out of range.
        let plus = bin(BinaryOp::Plus, col(), int(1));
        let f = FastExpr::new(&plus);
        let err =
            f.eval(&[Value::Int(i64::from(i32::MAX))], &ctx).map_err(|e| e.sqlstate().to_string());
        assert_eq!(err, Err("22003".to_string()));
        let rem = bin(BinaryOp::Modulo, col(), int(0));
        let err =
            FastExpr::new(&rem).eval(&[Value::Int(1)], &ctx).map_err(|e| e.sqlstate().to_string());
        assert_eq!(err, Err("22012".to_string()));
    }
}
