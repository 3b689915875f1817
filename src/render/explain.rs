//! EXPLAIN's text: a plan tree as PostgreSQL 15 prints it with COSTS OFF (`->` arrows, detail
//! lines under each node), and the plan's expressions as ruleutils.c deparses them there.

use crate::engine::expr::{Bound, Scope};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::sql::ast::{BinaryOp, UnaryOp};

/// One node of a plan as EXPLAIN shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanNode {
    /// The node's title: `Seq Scan on orders o`, `Hash Join`.
    pub title: String,
    /// Its detail lines: `Filter: (id = 1)`.
    pub details: Vec<String>,
    /// The nodes it reads from, outer first.
    pub children: Vec<PlanNode>,
}

impl PlanNode {
    /// A node with no details yet.
    pub fn new(title: impl Into<String>, children: Vec<PlanNode>) -> Self {
        PlanNode { title: title.into(), details: Vec::new(), children }
    }

    /// Adds a detail line `label: text`.
    pub fn detail(mut self, label: &str, text: String) -> Self {
        self.details.push(format!("{label}: {text}"));
        self
    }
}

/// The lines of the `QUERY PLAN` column: the root flush left, each child under an arrow six
/// columns further in, details two columns inside their node's arrow.
pub fn plan_lines(root: &PlanNode) -> Vec<String> {
    let mut out = Vec::new();
    walk(root, 0, &mut out);
    out
}

fn walk(node: &PlanNode, depth: usize, out: &mut Vec<String>) {
    if depth == 0 {
        out.push(node.title.clone());
    } else {
        out.push(format!("{}->  {}", " ".repeat(6 * (depth - 1) + 2), node.title));
    }
    let pad = if depth == 0 { 2 } else { 6 * depth + 2 };
    for d in &node.details {
        out.push(format!("{}{d}", " ".repeat(pad)));
    }
    for c in &node.children {
        walk(c, depth + 1, out);
    }
}

/// How a plan's expressions name columns: from `scope`, qualified when the plan reads more
/// than one relation.
pub struct Names<'a> {
    /// The columns a bound expression's positions refer to.
    pub scope: &'a Scope,
    /// Print `alias.column` rather than `column`.
    pub qualify: bool,
}

/// An AND list of conditions, as one (`(id = 1)`) or as `((a) AND (b))`; None when an
/// expression has a shape fksim does not deparse.
pub fn deparse_and(terms: &[&Bound], names: &Names<'_>) -> Option<String> {
    match terms {
        [one] => deparse(one, names),
        many => {
            let parts: Option<Vec<String>> = many.iter().map(|t| deparse(t, names)).collect();
            Some(format!("({})", parts?.join(" AND ")))
        }
    }
}

/// One expression as EXPLAIN prints it: every operator in parentheses, constants with their
/// type unless an integer or a boolean shows it.
pub fn deparse(b: &Bound, names: &Names<'_>) -> Option<String> {
    deparse_with(b, names, &|_| None)
}

/// `deparse`, aggregate results (`Bound::Agg`) printed as `agg` says (a HAVING filter).
pub fn deparse_with(
    b: &Bound,
    names: &Names<'_>,
    agg: &dyn Fn(usize) -> Option<String>,
) -> Option<String> {
    let deparse = |b: &Bound, names: &Names<'_>| deparse_with(b, names, agg);
    Some(match b {
        Bound::Agg(i) => agg(*i)?,
        Bound::Column(i) => {
            let c = names.scope.columns.get(*i)?;
            match (&c.qualifier, names.qualify) {
                (Some(q), true) => format!("{}.{}", quote_ident(q), quote_ident(&c.name)),
                _ => quote_ident(&c.name),
            }
        }
        Bound::Const(v) => constant(v, None),
        Bound::Literal(s, _) => format!("'{}'::text", s.replace('\'', "''")),
        Bound::Binary(op, l, lt, r, rt, _) => {
            let sym = match op {
                BinaryOp::Like => "~~",
                other => other.symbol(),
            };
            format!("({} {sym} {})", operand(l, lt, names, agg)?, operand(r, rt, names, agg)?)
        }
        Bound::And(..) => {
            let mut terms = Vec::new();
            crate::engine::selectivity::flatten_and(b, &mut terms);
            let parts: Option<Vec<String>> = terms.iter().map(|t| deparse(t, names)).collect();
            format!("({})", parts?.join(" AND "))
        }
        Bound::Or(..) => {
            let mut terms = Vec::new();
            flatten_or(b, &mut terms);
            let parts: Option<Vec<String>> = terms.iter().map(|t| deparse(t, names)).collect();
            format!("({})", parts?.join(" OR "))
        }
        // The planner folds NOT into a comparison (`NOT (id = 1)` is `id <> 1`).
        Bound::Unary(UnaryOp::Not, e, _) => match &**e {
            Bound::Binary(op, l, lt, r, rt, ty) if negated(*op).is_some() => {
                let op = negated(*op)?;
                deparse(
                    &Bound::Binary(op, l.clone(), lt.clone(), r.clone(), rt.clone(), ty.clone()),
                    names,
                )?
            }
            Bound::IsNull(x, neg) => deparse(&Bound::IsNull(x.clone(), !neg), names)?,
            _ => format!("(NOT {})", deparse(e, names)?),
        },
        Bound::Unary(UnaryOp::Minus, e, _) => format!("(- {})", deparse(e, names)?),
        Bound::IsNull(e, negated) => {
            format!("({} IS {}NULL)", deparse(e, names)?, if *negated { "NOT " } else { "" })
        }
        Bound::InList(e, items, negated) => {
            let ty = match &**e {
                Bound::Column(i) => names.scope.columns.get(*i)?.data_type.base(),
                _ => return None,
            };
            let values: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Bound::Const(v) if !v.is_null() => Some(array_item(&v.to_text(&ty))),
                    _ => None,
                })
                .collect();
            let (op, which) = if *negated { ("<>", "ALL") } else { ("=", "ANY") };
            format!(
                "({} {op} {which} ('{{{}}}'::{}[]))",
                deparse(e, names)?,
                values?.join(",").replace('\'', "''"),
                ty.pg_name()
            )
        }
        Bound::Cast(e, _, to) => format!("({})::{}", deparse(e, names)?, to.pg_name()),
        _ => return None,
    })
}

/// An operand of a binary operator: a constant takes its type from the operator's side.
fn operand(
    b: &Bound,
    ty: &DataType,
    names: &Names<'_>,
    agg: &dyn Fn(usize) -> Option<String>,
) -> Option<String> {
    let deparse = |b: &Bound, names: &Names<'_>| deparse_with(b, names, agg);
    // varchar has no operators of its own: PostgreSQL compares it as text.
    let varchar = matches!(ty.base(), DataType::Varchar(_));
    match b {
        Bound::Const(v) if varchar => Some(constant(v, Some(&DataType::Text))),
        Bound::Const(v) => Some(constant(v, Some(ty))),
        Bound::Column(_) if varchar => Some(format!("({})::text", deparse(b, names)?)),
        other => deparse(other, names),
    }
}

/// The comparison that is true exactly when `op` is false (for non-NULL operands).
fn negated(op: BinaryOp) -> Option<BinaryOp> {
    Some(match op {
        BinaryOp::Eq => BinaryOp::NotEq,
        BinaryOp::NotEq => BinaryOp::Eq,
        BinaryOp::Lt => BinaryOp::GtEq,
        BinaryOp::GtEq => BinaryOp::Lt,
        BinaryOp::Gt => BinaryOp::LtEq,
        BinaryOp::LtEq => BinaryOp::Gt,
        _ => return None,
    })
}

fn flatten_or<'b>(b: &'b Bound, out: &mut Vec<&'b Bound>) {
    match b {
        Bound::Or(l, r) => {
            flatten_or(l, out);
            flatten_or(r, out);
        }
        other => out.push(other),
    }
}

/// A constant as get_const_expr prints it: integers that fit int4 and are not negative bare,
/// booleans as true/false, everything else quoted with its type.
fn constant(v: &Value, ty: Option<&DataType>) -> String {
    match v {
        Value::Null => "NULL".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) if *n >= 0 && i32::try_from(*n).is_ok() => n.to_string(),
        Value::Int(n) if i32::try_from(*n).is_ok() => format!("'{n}'::integer"),
        Value::Int(n) => format!("'{n}'::bigint"),
        other => {
            let ty = ty.map(DataType::base).unwrap_or(DataType::Text);
            let text = other.to_text(&ty);
            format!("'{}'::{}", text.replace('\'', "''"), ty.pg_name())
        }
    }
}

/// An array element as array_out writes it: quoted when empty or holding a delimiter.
fn array_item(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.eq_ignore_ascii_case("null")
        && !s.chars().any(|c| matches!(c, '{' | '}' | ',' | '"' | '\\' | ' '));
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A name as quote_identifier writes it: quoted unless lower-case letters, digits and `_`.
fn quote_ident(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain { s.to_string() } else { format!("\"{}\"", s.replace('"', "\"\"")) }
}
