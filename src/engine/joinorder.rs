//! The join order PostgreSQL's planner picks for an inner join of several base tables
//! (standard_join_search: level by level, each join relation's cheapest path kept, the hash
//! joins and index nested loops `joinplan.rs` costs), and that plan's rows in its order.
//! Serves `FROM a, b, c WHERE ...` and chains of inner `JOIN ... ON`; anything else (outer
//! joins, views, functions, joins without an equality between them) runs as written.

use rustc_hash::FxHashMap;

use crate::engine::access::{choose_path, filter_rows};
use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::groupplan::clamp_row_est;
use crate::engine::join::join_forced;
use crate::engine::joinplan::{
    Input, JoinChoice, SideEstimate, add_path, base_table, flatten_expr_and, hash_join_cost,
    join_selectivity, nested_loop_cost, side_of_table,
};
use crate::engine::query::{Relation, unique_columns};
use crate::engine::table::Table;
use crate::error::Result;
use crate::sql::ast::{BinaryOp, Expr, FromItem, JoinKind};

/// The most tables planned here (PostgreSQL's exhaustive search covers up to 12; fksim keeps
/// to small joins, without bushy plans).
const MAX_TABLES: usize = 5;

/// One base table of the join.
struct Base<'d> {
    table: &'d Table,
    alias: Option<String>,
    scope: Scope,
    /// Its own WHERE/ON terms, bound against its columns.
    terms: Vec<Bound>,
    side: SideEstimate,
    unique: Vec<bool>,
}

/// An equality between a column of one table and a column of another.
struct Edge<'e> {
    expr: &'e Expr,
    a: (usize, usize),
    b: (usize, usize),
    /// A single-column foreign key between the two: the referenced table's tuples, which
    /// make the join's size (get_foreign_key_join_selectivity).
    fk_tuples: Option<f64>,
}

/// How a join relation's rows are made.
#[derive(Debug, Clone)]
enum Node {
    Base(usize),
    /// A join probing with `outer`, hashing `inner` (or probing its index).
    Join {
        outer: Box<Node>,
        inner: Box<Node>,
        nested: bool,
    },
}

/// The paths kept for a join relation, with their (startup, total) costs.
type Paths = Vec<(Node, (f64, f64))>;

/// A join relation's cheapest path and what its rows hold.
struct Planned {
    node: Node,
    rows: f64,
    startup: f64,
    total: f64,
    /// Its columns: (base table, column).
    columns: Vec<(usize, usize)>,
}

/// The rows of `from` joined in the order PostgreSQL's plan makes them, with the FROM list's
/// columns; None when the FROM list is not a join this planner serves.
pub fn run_planned(
    db: &Database,
    from: &[FromItem],
    selection: Option<&Expr>,
    ctx: &EvalContext,
) -> Result<Option<Relation>> {
    // One table is no join to order (flattening it would name at most one item).
    if let [FromItem::Table { .. }] = from {
        return Ok(None);
    }
    let mut items: Vec<(&Table, Option<String>)> = Vec::new();
    let mut exprs: Vec<&Expr> = Vec::new();
    if let Some(e) = selection {
        flatten_expr_and(e, &mut exprs);
    }
    for item in from {
        if !flatten(db, ctx, item, &mut items, &mut exprs) {
            return Ok(None);
        }
    }
    let single_join = from.len() == 1 && items.len() == 2;
    if items.len() < 2 || items.len() > MAX_TABLES || single_join {
        return Ok(None);
    }
    let mut bases: Vec<Base<'_>> = items
        .into_iter()
        .map(|(table, alias)| {
            let scope = table_scope(table, alias.as_deref());
            Base {
                table,
                alias,
                scope,
                terms: Vec::new(),
                side: side_of_table(table, &[]),
                unique: unique_columns(table),
            }
        })
        .collect();
    let mut full = Scope::default();
    let mut offsets = Vec::new();
    for b in &bases {
        offsets.push(full.columns.len());
        full.columns.extend(b.scope.columns.iter().cloned());
    }
    let locate = |c: usize| {
        let t = offsets.iter().rposition(|&o| o <= c).unwrap_or(0);
        (t, c - offsets[t])
    };
    let mut edges: Vec<Edge<'_>> = Vec::new();
    for e in exprs {
        let Ok(b) = Binder::for_clause("WHERE").bind_condition(e, &full, "WHERE") else {
            continue;
        };
        let mut cols = Vec::new();
        crate::engine::joinplan::collect_columns(&b, &mut cols);
        let mut tables: Vec<usize> = cols.iter().map(|&c| locate(c).0).collect();
        tables.dedup();
        tables.sort_unstable();
        tables.dedup();
        match tables[..] {
            [t] => {
                if let Ok(bound) =
                    Binder::for_clause("WHERE").bind_condition(e, &bases[t].scope, "WHERE")
                {
                    bases[t].terms.push(bound);
                }
            }
            [_, _] => {
                if let Bound::Binary(BinaryOp::Eq, l, _, r, _, _) = &b
                    && let (Bound::Column(x), Bound::Column(y)) = (&**l, &**r)
                {
                    edges.push(Edge { expr: e, a: locate(*x), b: locate(*y), fk_tuples: None });
                }
            }
            _ => {}
        }
    }
    for b in &mut bases {
        b.side = side_of_table(b.table, &b.terms);
    }
    for e in &mut edges {
        let fk = |(c, cc): (usize, usize), (p, pc): (usize, usize)| {
            db.fks_of(bases[c].table.id).any(|f| {
                f.parent == bases[p].table.id && f.child_columns == [cc] && f.parent_columns == [pc]
            })
        };
        if fk(e.a, e.b) {
            e.fk_tuples = Some(bases[e.b.0].side.rel.tuples);
        } else if fk(e.b, e.a) {
            e.fk_tuples = Some(bases[e.a.0].side.rel.tuples);
        }
    }
    let Some(plan) = search(&bases, &edges) else { return Ok(None) };
    let rel = execute(&plan.node, &bases, &edges, ctx)?;
    // Back to the FROM list's column order.
    let mut at = vec![0; bases.len()];
    let mut pos = 0;
    for t in node_tables(&plan.node) {
        at[t] = pos;
        pos += bases[t].scope.columns.len();
    }
    let order: Vec<usize> = (0..bases.len())
        .flat_map(|t| (0..bases[t].scope.columns.len()).map(move |c| (t, c)))
        .map(|(t, c)| at[t] + c)
        .collect();
    let rows = rel.rows.into_iter().map(|row| order.iter().map(|&i| row[i].clone()).collect());
    Ok(Some(Relation { scope: full, rows: rows.collect(), ..Default::default() }))
}

/// Gathers the base tables of an inner join tree (in FROM order) and its ON terms.
fn flatten<'d, 'q>(
    db: &'d Database,
    ctx: &EvalContext,
    item: &'q FromItem,
    items: &mut Vec<(&'d Table, Option<String>)>,
    exprs: &mut Vec<&'q Expr>,
) -> bool {
    match item {
        FromItem::Table { alias, .. } => match base_table(db, ctx, item) {
            Some(t) => {
                items.push((t, alias.clone()));
                true
            }
            None => false,
        },
        FromItem::Join { left, right, kind: JoinKind::Inner, on: Some(on), using: None }
            if !crate::engine::lateral::is_lateral(right) =>
        {
            flatten_expr_and(on, exprs);
            flatten(db, ctx, left, items, exprs) && flatten(db, ctx, right, items, exprs)
        }
        _ => false,
    }
}

/// The base tables of a plan node, in the order its rows hold their columns.
fn node_tables(node: &Node) -> Vec<usize> {
    match node {
        Node::Base(t) => vec![*t],
        Node::Join { outer, inner, .. } => {
            let mut v = node_tables(outer);
            v.extend(node_tables(inner));
            v
        }
    }
}

/// standard_join_search over left-deep joins: level 2 joins each table with the later ones
/// it has an equality with, each further level a join relation with each table it has one
/// with; every join relation keeps its cheapest path, costed both ways round.
fn search(bases: &[Base<'_>], edges: &[Edge<'_>]) -> Option<Planned> {
    let n = bases.len();
    let mut rels: FxHashMap<u32, Paths> = FxHashMap::default();
    let mut planned: FxHashMap<u32, Planned> = FxHashMap::default();
    for (t, b) in bases.iter().enumerate() {
        let columns = (0..b.scope.columns.len()).map(|c| (t, c)).collect();
        let (rows, startup, total) = (b.side.rel.rows(), b.side.startup, b.side.total);
        planned.insert(1 << t, Planned { node: Node::Base(t), rows, startup, total, columns });
    }
    let mut levels: Vec<Vec<u32>> = vec![Vec::new(), (0..n).map(|t| 1u32 << t).collect()];
    let connected = |set: u32, t: usize| {
        edges.iter().any(|e| {
            (set & (1 << e.a.0) != 0 && e.b.0 == t) || (set & (1 << e.b.0) != 0 && e.a.0 == t)
        })
    };
    for level in 2..=n {
        let mut made: Vec<u32> = Vec::new();
        let mut sizes: FxHashMap<u32, (f64, Vec<(usize, usize)>)> = FxHashMap::default();
        for (i, &old) in levels[level - 1].iter().enumerate() {
            let others: Vec<usize> = if level == 2 {
                levels[1][i + 1..].iter().map(|m| m.trailing_zeros() as usize).collect()
            } else {
                (0..n).collect()
            };
            for t in others {
                if old & (1 << t) != 0 || !connected(old, t) {
                    continue;
                }
                let new = old | (1 << t);
                let (outer, inner) = (planned.get(&old)?, planned.get(&(1 << t))?);
                if let std::collections::hash_map::Entry::Vacant(slot) = sizes.entry(new) {
                    made.push(new);
                    let oi = input_of(outer, bases);
                    let ii = input_of(inner, bases);
                    let mut selec = 1.0;
                    for e in edges {
                        let one = keys_between(&outer.columns, &inner.columns, &[e]);
                        if one.is_empty() {
                            continue;
                        }
                        selec *= match e.fk_tuples {
                            Some(t) => 1.0 / t.max(1.0),
                            None => join_selectivity(&oi, &ii, &one),
                        };
                    }
                    let rows = clamp_row_est(outer.rows * inner.rows * selec);
                    let mut columns = outer.columns.clone();
                    columns.extend(inner.columns.iter().copied());
                    slot.insert((rows, columns));
                }
                let paths = rels.entry(new).or_default();
                add_join_paths(paths, outer, inner, bases, edges);
                add_join_paths(paths, inner, outer, bases, edges);
            }
        }
        for m in &made {
            let (rows, columns) = sizes.remove(m)?;
            let paths = rels.remove(m)?;
            let (node, (startup, total)) =
                paths.into_iter().min_by(|a, b| a.1.1.total_cmp(&b.1.1))?;
            // The join relation's columns follow the path chosen.
            let columns = match &node {
                Node::Join { .. } => node_tables(&node)
                    .into_iter()
                    .flat_map(|t| columns.iter().filter(move |c| c.0 == t).copied())
                    .collect(),
                Node::Base(_) => columns,
            };
            planned.insert(*m, Planned { node, rows, startup, total, columns });
        }
        if made.is_empty() {
            return None;
        }
        levels.push(made);
    }
    planned.remove(&((1u32 << n) - 1))
}

/// The paths add_paths_to_joinrel makes with `outer` outermost: a nested loop probing the
/// inner table's index, then the hash join.
fn add_join_paths(
    paths: &mut Paths,
    outer: &Planned,
    inner: &Planned,
    bases: &[Base<'_>],
    edges: &[Edge<'_>],
) {
    let (oi, ii) = (input_of(outer, bases), input_of(inner, bases));
    let all: Vec<&Edge<'_>> = edges.iter().collect();
    let keys = keys_between(&outer.columns, &inner.columns, &all);
    let node = |nested| Node::Join {
        outer: Box::new(outer.node.clone()),
        inner: Box::new(inner.node.clone()),
        nested,
    };
    if let Some((c, _)) = nested_loop_cost(&oi, &ii, &keys) {
        add_path(paths, node(true), c);
    }
    add_path(paths, node(false), hash_join_cost(&oi, &ii, &keys));
}

/// The cost model's view of a planned relation.
fn input_of<'a>(p: &Planned, bases: &'a [Base<'_>]) -> Input<'a> {
    if let Node::Base(t) = p.node {
        return Input::of_side(&bases[t].side, &bases[t].unique);
    }
    Input {
        rows: p.rows,
        startup: p.startup,
        total: p.total,
        origin: p.columns.iter().map(|&(t, c)| Some((&bases[t].side.rel, c))).collect(),
        unique: vec![false; p.columns.len()],
        side: None,
    }
}

/// The equalities between the two column lists: (outer position, inner position).
fn keys_between(
    outer: &[(usize, usize)],
    inner: &[(usize, usize)],
    edges: &[&Edge<'_>],
) -> Vec<(usize, usize)> {
    let pos = |cols: &[(usize, usize)], c: (usize, usize)| cols.iter().position(|&x| x == c);
    edges
        .iter()
        .filter_map(|e| match (pos(outer, e.a), pos(inner, e.b)) {
            (Some(o), Some(i)) => Some((o, i)),
            _ => match (pos(outer, e.b), pos(inner, e.a)) {
                (Some(o), Some(i)) => Some((o, i)),
                _ => None,
            },
        })
        .collect()
}

/// The rows of a plan node, in the order its plan makes them.
fn execute(
    node: &Node,
    bases: &[Base<'_>],
    edges: &[Edge<'_>],
    ctx: &EvalContext,
) -> Result<Relation> {
    match node {
        Node::Base(t) => {
            let b = &bases[*t];
            let filter =
                b.terms.iter().cloned().reduce(|x, y| Bound::And(Box::new(x), Box::new(y)));
            let path = choose_path(b.table, filter.as_ref());
            let mut rows = Vec::new();
            for id in filter_rows(b.table, filter.as_ref(), &path, ctx)? {
                if let Some(row) = b.table.heap.row(id) {
                    rows.push(row);
                }
            }
            let scope = table_scope(b.table, b.alias.as_deref());
            Ok(Relation { scope, rows, unique: b.unique.clone(), ..Default::default() })
        }
        Node::Join { outer, inner, nested } => {
            let l = execute(outer, bases, edges, ctx)?;
            let r = execute(inner, bases, edges, ctx)?;
            let (lt, rt) = (node_tables(outer), node_tables(inner));
            let on: Vec<&Expr> = edges
                .iter()
                .filter(|e| {
                    (lt.contains(&e.a.0) && rt.contains(&e.b.0))
                        || (lt.contains(&e.b.0) && rt.contains(&e.a.0))
                })
                .map(|e| e.expr)
                .collect();
            let mut scope = l.scope.clone();
            scope.columns.extend(r.scope.columns.iter().cloned());
            let mut cond: Option<Bound> = None;
            for e in on {
                let b = Binder::for_clause("JOIN").bind_condition(e, &scope, "JOIN/ON")?;
                cond = Some(match cond {
                    Some(c) => Bound::And(Box::new(c), Box::new(b)),
                    None => b,
                });
            }
            let choice = JoinChoice { hash_left: false, nested: *nested, bitmap: false };
            let mut rows = Vec::new();
            join_forced(&l, &r, JoinKind::Inner, cond.as_ref(), choice, ctx, &mut |row| {
                rows.push(std::mem::take(row));
                Ok(())
            })?;
            Ok(Relation { scope, rows, ..Default::default() })
        }
    }
}
