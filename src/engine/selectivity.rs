//! Restriction selectivity as PostgreSQL estimates it for a table without statistics
//! (`clauselist_selectivity` and the operators' default estimators), and the WHERE clause
//! shapes the estimates need.

use crate::engine::expr::Bound;
use crate::engine::groupplan::RelEstimate;
use crate::engine::value::Value;

const CPU_OPERATOR_COST: f64 = 0.0025;
use crate::sql::ast::{BinaryOp, UnaryOp};

/// `DEFAULT_EQ_SEL`.
const DEFAULT_EQ_SEL: f64 = 0.005;
/// `DEFAULT_INEQ_SEL`.
const DEFAULT_INEQ_SEL: f64 = 1.0 / 3.0;
/// `DEFAULT_RANGE_INEQ_SEL`: both ends of a range on one column.
const DEFAULT_RANGE_INEQ_SEL: f64 = 0.005;
/// `DEFAULT_UNK_SEL`: IS NULL without statistics (and `DEFAULT_MATCH_SEL` for LIKE).
const DEFAULT_UNK_SEL: f64 = 0.005;

impl RelEstimate {
    /// `clauselist_selectivity` of an AND tree: the product, except that a `>`-type and a
    /// `<`-type bound on the same column count together as one range.
    pub(crate) fn clauselist_selectivity(&self, clauses: &[&Bound]) -> f64 {
        let mut sel = 1.0;
        let mut ranges: Vec<(usize, bool, bool)> = Vec::new();
        for &c in clauses {
            if let Some((col, upper)) = range_bound(c) {
                match ranges.iter_mut().find(|r| r.0 == col) {
                    Some(r) if upper => r.2 = true,
                    Some(r) => r.1 = true,
                    None => ranges.push((col, !upper, upper)),
                }
                continue;
            }
            sel *= self.clause_selectivity(c);
        }
        for (_, lower, upper) in ranges {
            sel *= if lower && upper { DEFAULT_RANGE_INEQ_SEL } else { DEFAULT_INEQ_SEL };
        }
        sel
    }

    /// `clause_selectivity` for one clause, as PostgreSQL estimates it with no statistics.
    fn clause_selectivity(&self, b: &Bound) -> f64 {
        match b {
            Bound::Const(Value::Bool(true)) => 1.0,
            Bound::Const(_) => 0.0,
            Bound::And(..) => {
                let mut clauses = Vec::new();
                flatten_and(b, &mut clauses);
                self.clauselist_selectivity(&clauses)
            }
            Bound::Or(l, r) => {
                let (s1, s2) = (self.clause_selectivity(l), self.clause_selectivity(r));
                s1 + s2 - s1 * s2
            }
            Bound::Unary(UnaryOp::Not, e, _) => self.not_selectivity(e),
            Bound::IsNull(_, negated) => {
                if *negated {
                    1.0 - DEFAULT_UNK_SEL
                } else {
                    DEFAULT_UNK_SEL
                }
            }
            // A boolean column alone is `col = true`.
            Bound::Column(c) => self.eq_selectivity(*c),
            Bound::Binary(op, l, _, r, _, _) => match (op, var_and_const(l, r)) {
                (BinaryOp::Eq, Some((col, null))) => {
                    if null {
                        0.0
                    } else {
                        self.eq_selectivity(col)
                    }
                }
                (BinaryOp::NotEq, Some((col, null))) => {
                    if null {
                        0.0
                    } else {
                        1.0 - self.eq_selectivity(col)
                    }
                }
                (BinaryOp::Eq, None) => DEFAULT_EQ_SEL,
                (BinaryOp::NotEq, None) => 1.0 - DEFAULT_EQ_SEL,
                (BinaryOp::Like | BinaryOp::ILike, _) => DEFAULT_UNK_SEL,
                (BinaryOp::NotLike | BinaryOp::NotILike, _) => 1.0 - DEFAULT_UNK_SEL,
                _ => DEFAULT_INEQ_SEL,
            },
            // scalararraysel: `= ANY` sums the elements' selectivities (distinct elements are
            // disjoint events), `<> ALL` sums their complements less one each; a NULL element
            // matches nothing. Out of range, the independent combination instead.
            Bound::InList(e, items, negated) => {
                let s1 = match strip_relabel(e) {
                    Bound::Column(c) => self.eq_selectivity(*c),
                    _ => DEFAULT_EQ_SEL,
                };
                let (mut independent, mut disjoint) =
                    if *negated { (1.0, 1.0) } else { (0.0, 0.0) };
                for item in items {
                    let null = is_const(item) == Some(true);
                    if *negated {
                        let s2 = if null { 0.0 } else { 1.0 - s1 };
                        independent *= s2;
                        disjoint += s2 - 1.0;
                    } else {
                        let s2 = if null { 0.0 } else { s1 };
                        independent = independent + s2 - independent * s2;
                        disjoint += s2;
                    }
                }
                if (0.0..=1.0).contains(&disjoint) { disjoint } else { independent }
            }
            _ => DEFAULT_INEQ_SEL,
        }
    }

    /// `NOT e`: the planner first pushes NOT down (`negate_clause`): `NOT a > b` is `a <= b`,
    /// De Morgan for AND and OR, IS NULL flips; what it cannot negate gets 1 - s.
    fn not_selectivity(&self, e: &Bound) -> f64 {
        let negated = |op: BinaryOp| match op {
            BinaryOp::Eq => Some(BinaryOp::NotEq),
            BinaryOp::NotEq => Some(BinaryOp::Eq),
            BinaryOp::Lt => Some(BinaryOp::GtEq),
            BinaryOp::LtEq => Some(BinaryOp::Gt),
            BinaryOp::Gt => Some(BinaryOp::LtEq),
            BinaryOp::GtEq => Some(BinaryOp::Lt),
            BinaryOp::Like => Some(BinaryOp::NotLike),
            BinaryOp::NotLike => Some(BinaryOp::Like),
            BinaryOp::ILike => Some(BinaryOp::NotILike),
            BinaryOp::NotILike => Some(BinaryOp::ILike),
            _ => None,
        };
        match e {
            Bound::Unary(UnaryOp::Not, inner, _) => self.clause_selectivity(inner),
            Bound::And(l, r) => {
                let (s1, s2) = (self.not_selectivity(l), self.not_selectivity(r));
                s1 + s2 - s1 * s2
            }
            Bound::Or(l, r) => self.not_selectivity(l) * self.not_selectivity(r),
            Bound::IsNull(x, neg) => self.clause_selectivity(&Bound::IsNull(x.clone(), !neg)),
            Bound::InList(x, items, neg) => {
                self.clause_selectivity(&Bound::InList(x.clone(), items.clone(), !neg))
            }
            Bound::Binary(op, l, lt, r, rt, ty) => match negated(*op) {
                Some(op) => self.clause_selectivity(&Bound::Binary(
                    op,
                    l.clone(),
                    lt.clone(),
                    r.clone(),
                    rt.clone(),
                    ty.clone(),
                )),
                None => 1.0 - self.clause_selectivity(e),
            },
            _ => 1.0 - self.clause_selectivity(e),
        }
    }

    /// `var_eq_const` without statistics: one row for a unique column, else 1/ndistinct.
    fn eq_selectivity(&self, col: usize) -> f64 {
        if self.unique.get(col).copied().unwrap_or(false) && self.tuples >= 1.0 {
            return 1.0 / self.tuples;
        }
        1.0 / self.column_ndistinct(col)
    }
}

pub(crate) fn flatten_and<'b>(b: &'b Bound, out: &mut Vec<&'b Bound>) {
    match b {
        Bound::And(l, r) => {
            flatten_and(l, out);
            flatten_and(r, out);
        }
        other => out.push(other),
    }
}

/// Casts the planner sees through (binary-compatible relabelling and casts of constants,
/// which it folds).
fn strip_relabel(b: &Bound) -> &Bound {
    match b {
        Bound::Cast(inner, _, _) => strip_relabel(inner),
        other => other,
    }
}

fn is_const(b: &Bound) -> Option<bool> {
    match strip_relabel(b) {
        Bound::Const(v) => Some(v.is_null()),
        Bound::Literal(..) => Some(false),
        _ => None,
    }
}

/// `col op const` or `const op col`: the column, and whether the constant is NULL.
fn var_and_const(l: &Bound, r: &Bound) -> Option<(usize, bool)> {
    match (strip_relabel(l), strip_relabel(r)) {
        (Bound::Column(c), other) | (other, Bound::Column(c)) => {
            is_const(other).map(|null| (*c, null))
        }
        _ => None,
    }
}

/// A `col < const`-type clause: the column, and whether it bounds it from above.
fn range_bound(b: &Bound) -> Option<(usize, bool)> {
    let Bound::Binary(op, l, _, r, _, _) = b else { return None };
    let upper = match op {
        BinaryOp::Lt | BinaryOp::LtEq => true,
        BinaryOp::Gt | BinaryOp::GtEq => false,
        _ => return None,
    };
    let (col, _) = var_and_const(l, r)?;
    // `const < col` bounds the column from below.
    let flipped = !matches!(strip_relabel(l), Bound::Column(_));
    Some((col, upper != flipped))
}

/// True when an aggregate's result appears in `b` (a HAVING condition that stays there).
pub(crate) fn has_aggregate(b: &Bound) -> bool {
    match b {
        Bound::Agg(_) => true,
        Bound::Const(_) | Bound::Literal(..) | Bound::Column(_) | Bound::SubPlan(_) => false,
        Bound::Unary(_, e, _)
        | Bound::Cast(e, _, _)
        | Bound::IsNull(e, _)
        | Bound::IsBool(e, ..) => has_aggregate(e),
        Bound::Binary(_, l, _, r, _, _)
        | Bound::And(l, r)
        | Bound::Or(l, r)
        | Bound::IsDistinct(l, r, _) => has_aggregate(l) || has_aggregate(r),
        Bound::InList(e, items, _) => has_aggregate(e) || items.iter().any(has_aggregate),
        Bound::Func(_, args, _) => args.iter().any(has_aggregate),
        Bound::Case(arms, other) => {
            other.as_deref().is_some_and(has_aggregate)
                || arms.iter().any(|(c, r)| has_aggregate(c) || has_aggregate(r))
        }
    }
}

/// What evaluating a condition costs per row (cost_qual_eval): one operator cost per operator
/// or function, half the list per `IN` (it stops at the first match, on average halfway)
/// unless the list is hashed.
pub(crate) fn qual_cost(b: &Bound) -> f64 {
    match b {
        Bound::Const(_) | Bound::Literal(..) | Bound::Column(_) | Bound::Agg(_) => 0.0,
        // cost_subplan is far more: a scan per row.
        Bound::SubPlan(_) => 100.0 * CPU_OPERATOR_COST,
        Bound::And(l, r) | Bound::Or(l, r) => qual_cost(l) + qual_cost(r),
        Bound::Unary(_, e, _) | Bound::IsNull(e, _) | Bound::IsBool(e, ..) => {
            CPU_OPERATOR_COST + qual_cost(e)
        }
        Bound::Binary(_, l, _, r, _, _) | Bound::IsDistinct(l, r, _) => {
            CPU_OPERATOR_COST + qual_cost(l) + qual_cost(r)
        }
        // Nine or more constants make a hashed array: one hash and one comparison a row.
        Bound::InList(e, items, _)
            if items.len() >= 9 && items.iter().all(crate::engine::access::is_constant) =>
        {
            2.0 * CPU_OPERATOR_COST + qual_cost(e)
        }
        Bound::InList(e, items, _) => {
            CPU_OPERATOR_COST * items.len() as f64 * 0.5
                + qual_cost(e)
                + items.iter().map(qual_cost).sum::<f64>()
        }
        Bound::Case(arms, other) => {
            arms.iter().map(|(c, v)| qual_cost(c) + qual_cost(v)).sum::<f64>()
                + other.as_deref().map_or(0.0, qual_cost)
        }
        // A cast between types is a function call unless it only relabels.
        Bound::Cast(e, ..) => CPU_OPERATOR_COST + qual_cost(e),
        Bound::Func(_, args, _) => CPU_OPERATOR_COST + args.iter().map(qual_cost).sum::<f64>(),
    }
}
