//! What the planner knows of a join of two tables under a GROUP BY or DISTINCT: the join
//! relation's row estimate and its cheapest path's cost (`joinplan.rs`), and the number of
//! groups estimated over each table's own columns, so that the aggregate planner of
//! `groupplan.rs` picks the HashAggregate or Sort + GroupAggregate PostgreSQL picks above the
//! join and the groups come in that plan's order.

use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext};
use crate::engine::groupplan::{RelEstimate, collect_columns, where_clauses};
use crate::engine::join::{bind_join, join_keys};
use crate::engine::joinplan::{base_table, estimate_sides, flatten_expr_and, join_size_and_cost};
use crate::engine::selectivity::flatten_and;
use crate::sql::ast::{BinaryOp, Expr, FromItem, JoinKind};

/// A join's two base relations, for estimate_num_groups.
#[derive(Debug, Clone)]
pub struct JoinRel {
    /// The left table's estimate under its own WHERE terms.
    pub(crate) left: RelEstimate,
    /// The right table's.
    pub(crate) right: RelEstimate,
    /// The left table's column count: joined column c >= width is the right's c - width.
    pub(crate) width: usize,
    /// Joined columns an inner join's equivalence classes make equal.
    pub(crate) equal: Vec<(usize, usize)>,
}

impl JoinRel {
    /// estimate_num_groups over the joined columns `vars`: add_unique_group_var drops a
    /// column known equal to one already kept (keeping the one with fewer distinct values),
    /// then each table's columns are clamped to it on their own and the shares multiply.
    pub(crate) fn vars_distinct(&self, vars: &[usize]) -> f64 {
        let nd = |c: usize| match c < self.width {
            true => self.left.column_ndistinct(c),
            false => self.right.column_ndistinct(c - self.width),
        };
        let mut kept: Vec<(usize, f64)> = Vec::new();
        for &v in vars {
            let here = nd(v);
            let known_equal =
                |k: usize| self.equal.iter().any(|&(a, b)| (a, b) == (k, v) || (b, a) == (k, v));
            match kept.iter().position(|&(k, _)| known_equal(k)) {
                Some(i) if kept[i].1 <= here => continue,
                Some(i) => {
                    kept.remove(i);
                }
                None => {}
            }
            kept.push((v, here));
        }
        let side = |left: bool| -> Vec<f64> {
            kept.iter().filter(|(c, _)| (*c < self.width) == left).map(|&(_, n)| n).collect()
        };
        self.left.rel_distinct(&side(true)) * self.right.rel_distinct(&side(false))
    }
}

/// The estimate for `FROM a [LEFT] JOIN b ON a.x = b.y [AND ...]` of two tables under
/// `selection`, when every WHERE term concerns one table and the ON clause is equalities to
/// hash on; None for what is not modelled (its groups then come in first-seen order). `used`
/// holds the joined columns the query reads (None: not known); a LEFT JOIN PostgreSQL removes
/// is the left table's estimate.
pub fn estimate(
    db: &Database,
    ctx: &EvalContext,
    from: &[FromItem],
    selection: Option<&Expr>,
    having: Option<&Bound>,
    used: Option<&[usize]>,
) -> Option<RelEstimate> {
    match from {
        [FromItem::Join { left, right, kind, on, using: None }] => {
            let clauses = (on.as_ref(), selection, having);
            joined(db, ctx, (left, right), *kind, clauses, used)
        }
        [left @ FromItem::Table { .. }, right @ FromItem::Table { .. }] => {
            // `FROM a, b WHERE a.x = b.y AND ...`: an inner join on WHERE's equalities between
            // the two tables.
            let (on, rest) = split_where(db, ctx, (left, right), selection?)?;
            let clauses = (Some(&on), rest.as_ref(), having);
            joined(db, ctx, (left, right), JoinKind::Inner, clauses, used)
        }
        _ => None,
    }
}

/// WHERE's terms equating a column of `left` with one of `right` (ANDed: the join clause),
/// and the other terms (None when there are none); None without such an equality.
pub(crate) fn split_where(
    db: &Database,
    ctx: &EvalContext,
    (left, right): (&FromItem, &FromItem),
    selection: &Expr,
) -> Option<(Expr, Option<Expr>)> {
    let ((lt, la), (rt, ra)) = (joined_table(db, ctx, left)?, joined_table(db, ctx, right)?);
    let (ls, rs) = (table_scope(lt, la), table_scope(rt, ra));
    let width = ls.columns.len();
    let (scope, _) = bind_join(&ls, &rs, None).ok()?;
    let mut terms = Vec::new();
    flatten_expr_and(selection, &mut terms);
    let (mut on, mut rest) = (Vec::new(), Vec::new());
    for e in terms {
        let b = Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE").ok()?;
        let joins = matches!(&b, Bound::Binary(BinaryOp::Eq, x, _, y, _, _)
            if matches!((&**x, &**y), (Bound::Column(x), Bound::Column(y)) if (*x < width) != (*y < width)));
        match joins {
            true => on.push(e.clone()),
            false => rest.push(e.clone()),
        }
    }
    let and = |terms: Vec<Expr>| {
        terms.into_iter().reduce(|l, r| Expr::Binary {
            op: BinaryOp::And,
            left: Box::new(l),
            right: Box::new(r),
            pos: Default::default(),
        })
    };
    Some((and(on)?, and(rest)))
}

/// The estimate of the join of the tables `left` and `right` with `kind` on `on`, under
/// `selection` and `having`.
fn joined(
    db: &Database,
    ctx: &EvalContext,
    (left, right): (&FromItem, &FromItem),
    kind: JoinKind,
    (on, selection, having): (Option<&Expr>, Option<&Expr>, Option<&Bound>),
    used: Option<&[usize]>,
) -> Option<RelEstimate> {
    if !matches!(kind, JoinKind::Inner | JoinKind::Left) || !where_clauses(None, having).is_empty()
    {
        return None;
    }
    let kind = &kind;
    let EquiJoin { left: (lt, _), right: (rt, _), scope, mut lrel, mut rrel, keys } =
        equi_join(db, ctx, left, right, on)?;
    let width = lrel.scope.columns.len();
    estimate_sides(Some(lt), Some(rt), &mut lrel, &mut rrel, *kind, on, selection);
    let (lside, rside) = (lrel.side.as_deref()?, rrel.side.as_deref()?);
    let planned = lside.kind.unwrap_or(*kind);
    if lside.key_constant || lside.anti || lside.index_path.is_some() || rside.index_path.is_some()
    {
        return None;
    }
    // WHERE: each term on one table, a nullable side's only where it made the join inner.
    let mut terms = Vec::new();
    if let Some(e) = selection {
        flatten_expr_and(e, &mut terms);
    }
    for e in terms {
        let b = Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE").ok()?;
        let mut cols = Vec::new();
        if collect_columns(&b, &mut cols) || cols.is_empty() {
            return None;
        }
        let left_only = cols.iter().all(|&c| c < width);
        let right_only = cols.iter().all(|&c| c >= width);
        if !(left_only || (right_only && planned == JoinKind::Inner)) {
            return None;
        }
    }
    if planned == JoinKind::Left && unique_inner(rt, &keys) {
        // join_is_removable: a LEFT JOIN on the right table's whole unique key whose columns
        // nothing above the join reads is gone, and the left table's scan is all there is.
        if used?.iter().all(|&c| c < width) {
            return Some(lside.rel.clone().with_scan_total(lside.total));
        }
    }
    let (rows, total) = join_size_and_cost(&lrel, &rrel, &keys, *kind);
    let (l, r) = (lside.rel.clone(), rside.rel.clone());
    let equal = match planned {
        JoinKind::Inner => keys.iter().map(|&(a, b)| (a, b + width)).collect(),
        _ => Vec::new(),
    };
    Some(RelEstimate::of_join(JoinRel { left: l, right: r, width, equal }, rows, total))
}

/// The base table a join side names, and its alias: not a table with inheritance children
/// (an Append of its tables).
fn joined_table<'a>(
    db: &'a Database,
    ctx: &EvalContext,
    item: &'a FromItem,
) -> Option<(&'a crate::engine::table::Table, Option<&'a str>)> {
    let FromItem::Table { alias, name } = item else { return None };
    let t = base_table(db, ctx, item)?;
    let id = db.resolve(name).ok()?;
    (!crate::engine::inherit::has_children(db, id)).then_some((t, alias.as_deref()))
}

/// True when the join `keys` (left column, right column) equate every column of one of the
/// right table's immediate unique keys (relation_has_unique_index_for).
fn unique_inner(t: &crate::engine::table::Table, keys: &[(usize, usize)]) -> bool {
    let covered = |cols: &[usize]| cols.iter().all(|c| keys.iter().any(|&(_, r)| r == *c));
    let constraints = t.uniques.iter().filter(|u| !u.deferrable).map(|u| &u.columns[..]);
    let indexes = t.indexes.iter().filter(|i| i.unique).map(|i| &i.columns[..]);
    constraints.chain(indexes).any(covered)
}

/// The left table and its alias when PostgreSQL removes the LEFT JOIN that `from` is
/// (join_is_removable): the right table joined on a whole unique key by equalities alone,
/// and none of its columns read above the join (`used`: the joined columns the query reads).
pub fn join_removed<'a>(
    db: &'a Database,
    ctx: &EvalContext,
    from: &'a [FromItem],
    used: &[usize],
) -> Option<(&'a crate::engine::table::Table, Option<&'a str>)> {
    let [FromItem::Join { left, right, kind: JoinKind::Left, on, using: None }] = from else {
        return None;
    };
    let join = equi_join(db, ctx, left, right, on.as_ref())?;
    let width = join.lrel.scope.columns.len();
    let removed = unique_inner(join.right.0, &join.keys) && used.iter().all(|&c| c < width);
    removed.then_some(join.left)
}

/// A join of two base tables on equalities alone: its tables and aliases, its scope, each
/// side as a join input, and the key pairs (left column, right column) it hashes on.
struct EquiJoin<'a> {
    left: (&'a crate::engine::table::Table, Option<&'a str>),
    right: (&'a crate::engine::table::Table, Option<&'a str>),
    scope: crate::engine::expr::Scope,
    lrel: crate::engine::query::Relation,
    rrel: crate::engine::query::Relation,
    keys: Vec<(usize, usize)>,
}

/// The join of the tables `left` and `right` on `on`, when `on` is only equalities to hash on.
fn equi_join<'a>(
    db: &'a Database,
    ctx: &EvalContext,
    left: &'a FromItem,
    right: &'a FromItem,
    on: Option<&Expr>,
) -> Option<EquiJoin<'a>> {
    let ((lt, la), (rt, ra)) = (joined_table(db, ctx, left)?, joined_table(db, ctx, right)?);
    let (ls, rs) = (table_scope(lt, la), table_scope(rt, ra));
    let (scope, cond) = bind_join(&ls, &rs, on).ok()?;
    let lrel = crate::engine::explain::relation_of(lt, ls);
    let rrel = crate::engine::explain::relation_of(rt, rs);
    let keys = join_keys(&lrel, &rrel, cond.as_ref());
    let mut cond_terms = Vec::new();
    if let Some(c) = &cond {
        flatten_and(c, &mut cond_terms);
    }
    (!keys.is_empty() && cond_terms.len() == keys.len()).then_some(EquiJoin {
        left: (lt, la),
        right: (rt, ra),
        scope,
        lrel,
        rrel,
        keys,
    })
}
