//! Partitioning clauses: `PARTITION BY`, `PARTITION OF ... FOR VALUES`, and the bounds of
//! `ATTACH PARTITION`, converted from sqlparser into fksim's own types.

use sqlparser::ast as sp;

use crate::error::Result;
use crate::sql::ast::{Expr, Ident, ObjectName, Pos};
use crate::sql::expr::{Cx, unsupported};

/// How a partitioned table divides its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionStrategy {
    /// `RANGE`: each partition holds a range of keys.
    Range,
    /// `LIST`: each partition holds listed values.
    List,
    /// `HASH`: rows go by the hash of their key.
    Hash,
}

impl PartitionStrategy {
    /// The word psql's "Partition key:" line shows.
    pub fn sql(self) -> &'static str {
        match self {
            PartitionStrategy::Range => "RANGE",
            PartitionStrategy::List => "LIST",
            PartitionStrategy::Hash => "HASH",
        }
    }
}

/// `PARTITION BY strategy (columns)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionSpec {
    /// RANGE, LIST or HASH.
    pub strategy: PartitionStrategy,
    /// The key columns, as written.
    pub columns: Vec<Ident>,
}

/// One value of a range bound.
#[derive(Debug, Clone, PartialEq)]
pub enum BoundDatum {
    /// `MINVALUE`.
    MinValue,
    /// `MAXVALUE`.
    MaxValue,
    /// A constant expression.
    Value(Expr),
}

/// A partition bound as written: `FOR VALUES ...` or `DEFAULT`.
#[derive(Debug, Clone, PartialEq)]
pub enum BoundSpec {
    /// `FROM (..) TO (..)`.
    Range {
        /// Lower bound (inclusive).
        from: Vec<BoundDatum>,
        /// Upper bound (exclusive).
        to: Vec<BoundDatum>,
        /// Where each lower bound value is written (errors point there).
        from_pos: Vec<Pos>,
        /// Where each upper bound value is written.
        to_pos: Vec<Pos>,
        /// Where the bound's first word after `FOR VALUES` is.
        pos: Pos,
    },
    /// `IN (..)`, each value with where it is written, and where `IN` is.
    List(Vec<(Expr, Pos)>, Pos),
    /// `WITH (MODULUS m, REMAINDER r)`.
    Hash {
        /// The modulus.
        modulus: u64,
        /// The remainder.
        remainder: u64,
        /// Where `WITH` is.
        pos: Pos,
    },
    /// `DEFAULT`.
    Default,
}

/// `PARTITION OF parent bound` of a CREATE TABLE.
#[derive(Debug, Clone, PartialEq)]
pub struct PartitionOf {
    /// The partitioned table.
    pub parent: ObjectName,
    /// The partition's bound.
    pub bound: BoundSpec,
    /// Where the bound starts, for errors that point at it.
    pub pos: Pos,
}

impl Cx<'_> {
    /// The `PARTITION BY` expression sqlparser reads as a call: `RANGE (a, b)`.
    pub fn partition_spec(&self, e: &sp::Expr) -> Result<PartitionSpec> {
        let sp::Expr::Function(f) = e else {
            return Err(unsupported(format!("PARTITION BY {e}"), None));
        };
        let strategy = match f.name.to_string().to_ascii_lowercase().as_str() {
            "range" => PartitionStrategy::Range,
            "list" => PartitionStrategy::List,
            "hash" => PartitionStrategy::Hash,
            other => {
                return Err(crate::error::Error::new(
                    "42601",
                    format!("unrecognized partitioning strategy \"{other}\""),
                ));
            }
        };
        let sp::FunctionArguments::List(list) = &f.args else {
            return Err(unsupported(format!("PARTITION BY {e}"), None));
        };
        let mut columns = Vec::new();
        for arg in &list.args {
            match arg {
                sp::FunctionArg::Unnamed(sp::FunctionArgExpr::Expr(sp::Expr::Identifier(i))) => {
                    columns.push(self.ident(i))
                }
                other => {
                    return Err(unsupported(
                        format!("partitioning by the expression {other}"),
                        None,
                    ));
                }
            }
        }
        Ok(PartitionSpec { strategy, columns })
    }

    /// A `FOR VALUES ...` / `DEFAULT` bound.
    pub fn bound_spec(&self, v: &sp::ForValues) -> Result<BoundSpec> {
        let datum = |d: &sp::PartitionBoundValue| -> Result<BoundDatum> {
            Ok(match d {
                sp::PartitionBoundValue::MinValue => BoundDatum::MinValue,
                sp::PartitionBoundValue::MaxValue => BoundDatum::MaxValue,
                sp::PartitionBoundValue::Expr(e) => BoundDatum::Value(self.expr(e)?),
            })
        };
        let datum_pos = |d: &sp::PartitionBoundValue| match d {
            sp::PartitionBoundValue::Expr(e) => self.pos_of(e),
            _ => None,
        };
        // The word after the first `FOR VALUES`, where a wrong kind of bound is reported.
        let pos = (1..self.tokens.items.len())
            .find(|&j| {
                self.tokens.is_kw(j - 1, sqlparser::keywords::Keyword::FOR)
                    && self.tokens.is_kw(j, sqlparser::keywords::Keyword::VALUES)
            })
            .and_then(|j| self.tokens.items.get(j + 1))
            .map(|(_, start, _)| start + 1);
        Ok(match v {
            sp::ForValues::In(values) => BoundSpec::List(
                values
                    .iter()
                    .map(|e| Ok((self.expr(e)?, self.pos_of(e))))
                    .collect::<Result<_>>()?,
                pos,
            ),
            sp::ForValues::From { from, to } => BoundSpec::Range {
                from: from.iter().map(datum).collect::<Result<_>>()?,
                to: to.iter().map(datum).collect::<Result<_>>()?,
                from_pos: from.iter().map(datum_pos).collect(),
                to_pos: to.iter().map(datum_pos).collect(),
                pos,
            },
            sp::ForValues::With { modulus, remainder } => {
                BoundSpec::Hash { modulus: *modulus, remainder: *remainder, pos }
            }
            sp::ForValues::Default => BoundSpec::Default,
        })
    }
}

/// `ALTER INDEX name ATTACH PARTITION name`, which sqlparser does not read.
pub fn parse_attach_index(
    tokens: &crate::sql::lex::Tokens,
    text: &str,
) -> Option<Result<crate::sql::ast::Statement>> {
    let mut c = crate::sql::cursor::Cursor::new(tokens, text);
    if !c.eat_all(&["alter", "index"]) {
        return None;
    }
    let index = match c.object_name() {
        Ok(n) => n,
        Err(e) => return Some(Err(e)),
    };
    if !c.eat_all(&["attach", "partition"]) {
        return None;
    }
    let stmt = c
        .object_name()
        .map(|partition| crate::sql::ast::Statement::AttachIndexPartition { index, partition });
    Some(stmt.and_then(|s| c.finish().map(|()| s)))
}
