//! Expressions printed back as PostgreSQL's `pg_get_expr` prints them (defaults and CHECKs in `\d`).

use crate::engine::types::DataType;
use crate::sql::ast::{Expr, Literal, UnaryOp};

/// A column DEFAULT as `\d` shows it: constants carry the column type (`'anon'::text`).
pub fn deparse_default(e: &Expr, column_type: &DataType) -> String {
    match e {
        Expr::Literal(Literal::String(s, _)) => format!("{}::{}", quote_literal(s), column_type.pg_name()),
        Expr::Literal(Literal::Number(n)) => typed_number(n, column_type),
        Expr::Unary { op: UnaryOp::Minus, expr } => match expr.as_ref() {
            Expr::Literal(Literal::Number(n)) => format!("'-{n}'::{}", column_type.pg_name()),
            _ => deparse_expr(e),
        },
        other => deparse_expr(other),
    }
}

/// get_const_expr's rules: integers print bare, decimals bare when they contain a point.
fn typed_number(n: &str, ty: &DataType) -> String {
    match ty {
        DataType::Integer => n.to_string(),
        DataType::Numeric(_) if n.contains(['.', 'e', 'E']) => n.to_string(),
        other => format!("'{n}'::{}", other.pg_name()),
    }
}

fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A general expression, with PostgreSQL's spacing.
pub fn deparse_expr(e: &Expr) -> String {
    match e {
        Expr::Literal(Literal::Null) => "NULL".to_string(),
        Expr::Literal(Literal::Bool(b)) => b.to_string(),
        Expr::Literal(Literal::Number(n)) => n.clone(),
        Expr::Literal(Literal::String(s, _)) => format!("{}::text", quote_literal(s)),
        Expr::Literal(Literal::Typed(t, s)) => format!("{}::{}", quote_literal(s), t.pg_name()),
        Expr::Column { table: Some(t), name, .. } => format!("{t}.{name}"),
        Expr::Column { name, .. } => name.clone(),
        Expr::Unary { op: UnaryOp::Not, expr } => format!("NOT {}", deparse_expr(expr)),
        Expr::Unary { op: UnaryOp::Minus, expr } => format!("- {}", deparse_expr(expr)),
        Expr::Unary { op: UnaryOp::Plus, expr } => format!("+ {}", deparse_expr(expr)),
        Expr::Binary { op, left, right, .. } => {
            let sym = match op {
                crate::sql::ast::BinaryOp::Like => "~~",
                other => other.symbol(),
            };
            format!("{} {sym} {}", operand(left), operand(right))
        }
        Expr::IsNull { expr, negated } => format!("{} IS {}NULL", operand(expr), if *negated { "NOT " } else { "" }),
        Expr::Function { name, args, star: true, .. } if args.is_empty() => format!("{name}(*)"),
        Expr::Function { name, args, .. } => format!("{name}({})", args.iter().map(deparse_expr).collect::<Vec<_>>().join(", ")),
        Expr::Cast { expr, to, .. } => format!("{}::{}", operand(expr), to.pg_name()),
        _ => "...".to_string(),
    }
}

fn operand(e: &Expr) -> String {
    match e {
        Expr::Binary { .. } => format!("({})", deparse_expr(e)),
        other => deparse_expr(other),
    }
}
