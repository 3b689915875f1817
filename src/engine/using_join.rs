//! JOIN ... USING and NATURAL JOIN: the merged columns a USING list makes, how names without
//! a qualifier and `*` see them, and the equality condition the join runs on (planned like ON).
//!
//! The joined row keeps every column of both sides (so `p.a` and `q.a` stay reachable); the
//! scope's `using` view lists what an unqualified name reaches and `*` shows, in PostgreSQL's
//! order: the merged columns first, then the left side's others, then the right side's.

use crate::engine::calls::Func;
use crate::engine::expr::{Binder, Bound, Scope, ScopeColumn, coerce};
use crate::engine::join::bind_join;
use crate::engine::ops;
use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{BinaryOp, Expr, JoinKind, JoinUsing, Pos};

/// A column that a name without qualifier reaches and `*` shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Visible {
    /// Column name.
    pub name: String,
    /// `USING (...) AS alias`: the name that also qualifies a merged column.
    pub alias: Option<String>,
    /// Its type.
    pub data_type: DataType,
    /// Its value: a column of the row, or a merged column's value (the left side's for INNER
    /// and LEFT joins, the right side's for RIGHT, COALESCE of both for FULL).
    pub value: Bound,
}

/// What names see of a relation with USING joins inside, in `*`'s order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsingView {
    /// The columns visible without qualifier.
    pub visible: Vec<Visible>,
}

impl Scope {
    /// The columns a name without qualifier reaches, in `*`'s order.
    pub fn visible(&self) -> Vec<Visible> {
        match &self.using {
            Some(u) => u.visible.clone(),
            None => self
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| !crate::engine::partition_tree::is_hidden(&c.name))
                .map(|(i, c)| Visible {
                    name: c.name.clone(),
                    alias: None,
                    data_type: c.data_type.clone(),
                    value: Bound::Column(i),
                })
                .collect(),
        }
    }

    /// Resolves a column reference to its value: a merged column of a USING join is computed
    /// from both sides' columns.
    pub fn resolve_bound(
        &self,
        qualifier: Option<&str>,
        name: &str,
        pos: Pos,
    ) -> Result<(Bound, DataType)> {
        if let Some(u) = &self.using
            && let Some(v) = find_visible(u, qualifier, name, pos)?
        {
            return Ok((v.value.clone(), v.data_type.clone()));
        }
        let (i, t) = self.resolve(qualifier, name, pos)?;
        Ok((Bound::Column(i), t))
    }
}

/// The visible column `name` (qualified by a USING alias, or not qualified) in `u`; an error
/// when an unqualified name reaches none or several.
pub(crate) fn find_visible<'u>(
    u: &'u UsingView,
    qualifier: Option<&str>,
    name: &str,
    pos: Pos,
) -> Result<Option<&'u Visible>> {
    let reaches =
        |v: &&Visible| v.name == name && qualifier.is_none_or(|q| v.alias.as_deref() == Some(q));
    let mut hits = u.visible.iter().filter(reaches);
    match (hits.next(), hits.next(), qualifier) {
        (Some(_), Some(_), _) => {
            Err(Error::new("42702", format!("column reference \"{name}\" is ambiguous")).at(pos))
        }
        (Some(v), None, _) => Ok(Some(v)),
        (None, _, None) => Err(Error::undefined_column(name).at(pos)),
        (None, _, Some(_)) => Ok(None),
    }
}

/// The row position a visible column reads first (a merged FULL column: its left side's).
pub(crate) fn first_column(b: &Bound) -> Option<usize> {
    match b {
        Bound::Column(i) => Some(*i),
        Bound::Cast(inner, ..) => first_column(inner),
        Bound::Func(_, args, _) => args.first().and_then(first_column),
        _ => None,
    }
}

/// The visible columns of `left` joined with `right` (no USING at this join), None when
/// neither side has a USING join inside.
pub(crate) fn combine(left: &Scope, right: &Scope) -> Option<Box<UsingView>> {
    if left.using.is_none() && right.using.is_none() {
        return None;
    }
    let width = left.columns.len();
    let mut visible = left.visible();
    visible.extend(right.visible().into_iter().map(|v| shifted(v, width)));
    Some(Box::new(UsingView { visible }))
}

fn shifted(v: Visible, by: usize) -> Visible {
    Visible { value: map_columns(&v.value, &|i| Bound::Column(i + by)), ..v }
}

/// `b` with each column reference replaced by `f(position)` (the shapes this file builds:
/// columns, casts, function calls, operators).
fn map_columns(b: &Bound, f: &dyn Fn(usize) -> Bound) -> Bound {
    match b {
        Bound::Column(i) => f(*i),
        Bound::Cast(inner, from, to) => {
            Bound::Cast(Box::new(map_columns(inner, f)), from.clone(), to.clone())
        }
        Bound::Func(func, args, t) => {
            Bound::Func(*func, args.iter().map(|a| map_columns(a, f)).collect(), t.clone())
        }
        Bound::Unary(op, inner, t) => Bound::Unary(*op, Box::new(map_columns(inner, f)), t.clone()),
        Bound::Binary(op, l, lt, r, rt, t) => Bound::Binary(
            *op,
            Box::new(map_columns(l, f)),
            lt.clone(),
            Box::new(map_columns(r, f)),
            rt.clone(),
            t.clone(),
        ),
        other => other.clone(),
    }
}

/// The scope of `left` joined with `right` and the join condition: ON's, or for USING and
/// NATURAL the equality of each merged pair of columns.
pub fn bind(
    left: &Scope,
    right: &Scope,
    on: Option<&Expr>,
    using: Option<&JoinUsing>,
    kind: JoinKind,
) -> Result<(Scope, Option<Bound>)> {
    let Some(u) = using else { return bind_join(left, right, on) };
    let (mut scope, _) = bind_join(left, right, None)?;
    let width = left.columns.len();
    let lv = left.visible();
    let rv: Vec<Visible> = right.visible().into_iter().map(|v| shifted(v, width)).collect();
    let names = if u.natural {
        let mut names: Vec<String> = Vec::new();
        for v in &lv {
            if rv.iter().any(|r| r.name == v.name) && !names.contains(&v.name) {
                names.push(v.name.clone());
            }
        }
        names
    } else {
        for (i, n) in u.columns.iter().enumerate() {
            if u.columns[..i].contains(n) {
                return Err(Error::new(
                    "42701",
                    format!("column name \"{n}\" appears more than once in USING clause"),
                ));
            }
        }
        u.columns.clone()
    };
    let (mut merged, mut cond) = (Vec::new(), None);
    let (mut used_l, mut used_r) = (Vec::new(), Vec::new());
    for name in names {
        let li = find_side(&lv, &name, "left")?;
        let ri = find_side(&rv, &name, "right")?;
        let (l, r) = (&lv[li], &rv[ri]);
        let ty = ops::common_type("JOIN/USING", &[l.data_type.clone(), r.data_type.clone()])?;
        let ty = if ty == DataType::Unknown { DataType::Text } else { ty };
        let eq = equality(l, r)?;
        cond = Some(match cond {
            None => eq,
            Some(c) => Bound::And(Box::new(c), Box::new(eq)),
        });
        let (lb, _) = coerce(l.value.clone(), l.data_type.clone(), &ty, None)?;
        let (rb, _) = coerce(r.value.clone(), r.data_type.clone(), &ty, None)?;
        let value = match kind {
            JoinKind::Right => rb,
            JoinKind::Full => Bound::Func(Func::Coalesce, vec![lb, rb], ty.clone()),
            _ => lb,
        };
        merged.push(Visible { name, alias: u.alias.clone(), data_type: ty, value });
        used_l.push(li);
        used_r.push(ri);
    }
    let mut visible = merged;
    visible.extend(lv.into_iter().enumerate().filter(|(i, _)| !used_l.contains(i)).map(|x| x.1));
    visible.extend(rv.into_iter().enumerate().filter(|(i, _)| !used_r.contains(i)).map(|x| x.1));
    scope.using = Some(Box::new(UsingView { visible }));
    Ok((scope, cond))
}

/// The one visible column `name` of a join's side, with PostgreSQL's errors.
fn find_side(side: &[Visible], name: &str, which: &str) -> Result<usize> {
    let mut hits = side.iter().enumerate().filter(|(_, v)| v.name == name);
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Ok(i),
        (Some(_), Some(_)) => Err(Error::new(
            "42702",
            format!("common column name \"{name}\" appears more than once in {which} table"),
        )),
        (None, _) => Err(Error::new(
            "42703",
            format!("column \"{name}\" specified in USING clause does not exist in {which} table"),
        )),
    }
}

/// `l = r` bound as an ON condition would be: the operator chosen for the two types.
fn equality(l: &Visible, r: &Visible) -> Result<Bound> {
    let column = |name: &str, t: &DataType| ScopeColumn {
        qualifier: None,
        name: name.to_string(),
        data_type: t.clone(),
    };
    let pair =
        Scope { columns: vec![column("l", &l.data_type), column("r", &r.data_type)], using: None };
    let e = Expr::Binary {
        op: BinaryOp::Eq,
        left: Box::new(Expr::Column { table: None, name: "l".into(), pos: None }),
        right: Box::new(Expr::Column { table: None, name: "r".into(), pos: None }),
        pos: None,
    };
    let b = Binder::for_clause("JOIN conditions").bind_condition(&e, &pair, "JOIN/USING")?;
    let sides = [l.value.clone(), r.value.clone()];
    Ok(map_columns(&b, &|i| sides[i].clone()))
}

/// A USING or NATURAL join of two base tables written as the ON condition it stands for
/// (`l.a = r.a AND ...`), for the planner's estimates of the two sides; None when a side's
/// columns are not all under one qualifier.
pub fn on_equivalent(left: &Scope, right: &Scope, using: &JoinUsing) -> Option<Expr> {
    let find = |s: &Scope, name: &str| {
        s.columns.iter().find(|c| c.name == name).and_then(|c| c.qualifier.clone())
    };
    let names: Vec<String> = if using.natural {
        let mut names = Vec::new();
        for c in &left.columns {
            if right.columns.iter().any(|r| r.name == c.name) && !names.contains(&c.name) {
                names.push(c.name.clone());
            }
        }
        names
    } else {
        using.columns.clone()
    };
    let column = |table: String, name: &str| {
        Box::new(Expr::Column { table: Some(table), name: name.to_string(), pos: None })
    };
    let mut on: Option<Expr> = None;
    for name in &names {
        let eq = Expr::Binary {
            op: BinaryOp::Eq,
            left: column(find(left, name)?, name),
            right: column(find(right, name)?, name),
            pos: None,
        };
        on = Some(match on {
            None => eq,
            Some(c) => Expr::Binary {
                op: BinaryOp::And,
                left: Box::new(c),
                right: Box::new(eq),
                pos: None,
            },
        });
    }
    on
}
