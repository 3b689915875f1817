//! Expressions printed back as PostgreSQL's `pg_get_expr` prints them (defaults and CHECKs in `\d`).

use crate::engine::types::DataType;
use crate::sql::ast::{BinaryOp, Expr, Literal, UnaryOp};

/// A column DEFAULT as `\d` shows it: constants carry the column type (`'anon'::text`).
pub fn deparse_default(e: &Expr, column_type: &DataType) -> String {
    match e {
        Expr::Literal(Literal::String(s, _)) => {
            format!("{}::{}", quote_literal(s), column_type.pg_name())
        }
        Expr::Literal(Literal::Number(n)) => typed_number(n, column_type),
        Expr::Unary { op: UnaryOp::Minus, expr, .. } => match expr.as_ref() {
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
        Expr::Unary { op: UnaryOp::Not, expr, .. } => format!("NOT {}", deparse_expr(expr)),
        Expr::Unary { op: UnaryOp::Minus, expr, .. } => format!("- {}", deparse_expr(expr)),
        Expr::Unary { op: UnaryOp::Plus, expr, .. } => format!("+ {}", deparse_expr(expr)),
        Expr::Binary { op, left, right, .. } => {
            let sym = match op {
                crate::sql::ast::BinaryOp::Like => "~~",
                other => other.symbol(),
            };
            format!("{} {sym} {}", operand(*op, left, true), operand(*op, right, false))
        }
        Expr::IsNull { expr, negated } => {
            format!("{} IS {}NULL", parenthesized(expr), if *negated { "NOT " } else { "" })
        }
        Expr::Function { name, args, star: true, .. } if args.is_empty() => format!("{name}(*)"),
        // SQL's keyword functions, written without parentheses.
        Expr::Function { schema: None, name, args, .. }
            if args.is_empty()
                && matches!(
                    name.as_str(),
                    "current_user" | "session_user" | "current_role" | "current_date"
                ) =>
        {
            name.to_uppercase()
        }
        Expr::Function { schema, name, args, .. } => {
            let schema = schema.as_ref().map(|s| format!("{s}.")).unwrap_or_default();
            let args = args.iter().map(deparse_expr).collect::<Vec<_>>().join(", ");
            format!("{schema}{name}({args})")
        }
        // A label cast to its enum type is folded into an enum constant.
        Expr::Cast { expr, to: to @ crate::engine::types::DataType::Enum(_), .. }
            if matches!(expr.as_ref(), Expr::Literal(Literal::String(..))) =>
        {
            match expr.as_ref() {
                Expr::Literal(Literal::String(s, _)) => {
                    format!("{}::{}", quote_literal(s), to.pg_name())
                }
                _ => String::new(),
            }
        }
        Expr::Cast { expr, to, .. } => format!("{}::{}", parenthesized(expr), to.pg_name()),
        _ => "...".to_string(),
    }
}

/// Any operator expression in parentheses (under IS NULL, a cast, ...).
fn parenthesized(e: &Expr) -> String {
    match e {
        Expr::Binary { .. } => format!("({})", deparse_expr(e)),
        other => deparse_expr(other),
    }
}

/// Binding strength, as ruleutils.c's pretty printer ranks operators.
fn priority(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::And => 2,
        BinaryOp::Multiply | BinaryOp::Divide | BinaryOp::Modulo => 6,
        BinaryOp::Plus | BinaryOp::Minus => 5,
        _ => 4,
    }
}

/// An operand of `parent`, in parentheses only where pretty-printed PostgreSQL puts them:
/// comparisons under AND/OR go bare, as do tighter arithmetic and left-associative chains.
fn operand(parent: BinaryOp, e: &Expr, left: bool) -> String {
    let Expr::Binary { op, .. } = e else { return deparse_expr(e) };
    let (p, c) = (priority(parent), priority(*op));
    let bare = if p <= 2 {
        c > p || (c == p && *op == parent)
    } else {
        c > p && c >= 5 || (c == p && left && p >= 5)
    };
    if bare { deparse_expr(e) } else { format!("({})", deparse_expr(e)) }
}
