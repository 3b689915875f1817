//! Expressions printed back as PostgreSQL's `pg_get_expr` prints them (defaults and CHECKs in `\d`).

use crate::engine::types::DataType;
use crate::sql::ast::{BinaryOp, Expr, Literal, UnaryOp};

/// A column DEFAULT as `\d` shows it. An untyped string takes the column's type as a
/// constant (`'anon'::text`); the implicit cast PostgreSQL adds to reach the column type from
/// any other expression is invisible (a smallint default `3` shows as `3`).
pub fn deparse_default(e: &Expr, column_type: &DataType) -> String {
    match e {
        Expr::Literal(Literal::String(s, _)) => typed_const(s, column_type),
        other => deparse_expr(other),
    }
}

/// A constant written as text and taken as type `ty`, as ruleutils' get_const_expr prints it:
/// the value in the type's output form, then `::type` except for non-negative integers,
/// decimals with a point, and booleans.
fn typed_const(text: &str, ty: &DataType) -> String {
    let base = ty.base();
    let shown = crate::engine::value::Value::parse(text, &base)
        .map(|v| v.to_text(&base))
        .unwrap_or_else(|_| text.to_string());
    match base {
        DataType::Integer if !shown.starts_with('-') => shown,
        DataType::Numeric(_)
            if shown.starts_with(|c: char| c.is_ascii_digit())
                && shown.contains(['.', 'e', 'E']) =>
        {
            shown
        }
        DataType::Boolean if shown == "t" => "true".to_string(),
        DataType::Boolean if shown == "f" => "false".to_string(),
        _ => format!("{}::{}", quote_literal(&shown), base.pg_name()),
    }
}

/// A numeric literal (with its sign folded in, as the parser folds it): integer if it fits
/// int4, bigint if it fits int8, numeric otherwise.
fn number_const(n: &str, negative: bool) -> String {
    let text = if negative { format!("-{n}") } else { n.to_string() };
    let ty = match text.parse::<i64>() {
        Ok(v) if i32::try_from(v).is_ok() => DataType::Integer,
        Ok(_) => DataType::BigInt,
        Err(_) => DataType::Numeric(None),
    };
    typed_const(&text, &ty)
}

fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A general expression, with PostgreSQL's spacing.
pub fn deparse_expr(e: &Expr) -> String {
    match e {
        Expr::Literal(Literal::Null) => "NULL".to_string(),
        Expr::Literal(Literal::Bool(b)) => b.to_string(),
        Expr::Literal(Literal::Number(n)) => number_const(n, false),
        Expr::Literal(Literal::String(s, _)) => format!("{}::text", quote_literal(s)),
        Expr::Literal(Literal::Typed(t, s)) => typed_const(s, t),
        Expr::Unary { op: UnaryOp::Minus, expr, .. }
            if matches!(expr.as_ref(), Expr::Literal(Literal::Number(_))) =>
        {
            match expr.as_ref() {
                Expr::Literal(Literal::Number(n)) => number_const(n, true),
                _ => String::new(),
            }
        }
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
        Expr::Function { name, args, .. } if name.ends_with(" any") || name.ends_with(" all") => {
            let (op, which) = name.split_once(' ').unwrap_or_default();
            let arg = |i: usize| args.get(i).map(deparse_expr).unwrap_or_default();
            format!("{} {op} {} ({})", arg(0), which.to_uppercase(), arg(1))
        }
        Expr::Function { name, args, .. } if name == "array" => {
            format!("ARRAY[{}]", args.iter().map(deparse_expr).collect::<Vec<_>>().join(", "))
        }
        // The SQL-syntax functions print in upper case (CoalesceExpr, MinMaxExpr, NullIfExpr).
        Expr::Function { schema: None, name, args, .. }
            if matches!(name.as_str(), "coalesce" | "greatest" | "least" | "nullif") =>
        {
            let args = args.iter().map(deparse_expr).collect::<Vec<_>>().join(", ");
            format!("{}({args})", name.to_uppercase())
        }
        Expr::Function { schema, name, args, .. } => {
            let schema = schema.as_ref().map(|s| format!("{s}.")).unwrap_or_default();
            let args = args.iter().map(deparse_expr).collect::<Vec<_>>().join(", ");
            format!("{schema}{name}({args})")
        }
        // A string cast to a type is folded into a constant of that type.
        Expr::Cast { expr, to, .. }
            if matches!(expr.as_ref(), Expr::Literal(Literal::String(..))) =>
        {
            match expr.as_ref() {
                Expr::Literal(Literal::String(s, _)) => typed_const(s, to),
                _ => String::new(),
            }
        }
        Expr::Cast { expr, to, .. } => format!("{}::{}", parenthesized(expr), to.pg_name()),
        Expr::Subquery(q) => match q.lone_expression() {
            Some((e, alias)) => {
                let name = alias.cloned().unwrap_or_else(|| crate::engine::query::column_name(e));
                format!("( SELECT {} AS {name})", deparse_expr(e))
            }
            None => "...".to_string(),
        },
        _ => "...".to_string(),
    }
}

/// `e` with each call of a user function as PostgreSQL's parser bound it: the name qualified
/// only when its schema is not on the search path, and string constants given as arguments
/// taken as the parameter's type (`authorize('x')` shows as `authorize('x'::app_permission)`).
pub fn bound_calls(db: &crate::engine::database::Database, e: &Expr) -> Expr {
    let mut e = e.clone();
    let path = db.search_path.clone();
    let _ = crate::sql::walk::expr(&mut e, &mut |x: &mut Expr| {
        if let Expr::Function { schema, name, args, .. } = x {
            let found = match schema {
                Some(s) => db.functions.get_key_value(&(s.clone(), name.clone())),
                None => {
                    path.iter().find_map(|s| db.functions.get_key_value(&(s.clone(), name.clone())))
                }
            };
            if let Some((key, f)) = found {
                *schema = (!path.contains(&key.0)).then(|| key.0.clone());
                for (a, p) in args.iter_mut().zip(&f.args) {
                    if let Expr::Literal(Literal::String(..)) = a {
                        *a = Expr::Cast {
                            expr: Box::new(a.clone()),
                            to: p.data_type.clone(),
                            pos: None,
                        };
                    }
                }
            }
        }
        Ok(false)
    });
    e
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
    // `x = ANY (ARRAY[...])` (a ScalarArrayOpExpr) is never a simple operand.
    if let Expr::Function { name, .. } = e
        && (name.ends_with(" any") || name.ends_with(" all"))
    {
        return format!("({})", deparse_expr(e));
    }
    let Expr::Binary { op, .. } = e else { return deparse_expr(e) };
    let (p, c) = (priority(parent), priority(*op));
    let bare = if p <= 2 {
        c > p || (c == p && *op == parent)
    } else {
        c > p && c >= 5 || (c == p && left && p >= 5)
    };
    if bare { deparse_expr(e) } else { format!("({})", deparse_expr(e)) }
}
