//! `EXPLAIN (COSTS OFF)` of a join of two base tables: the hash join or index nested loop
//! `joinplan.rs` picks, each side's WHERE terms filtering its scan, and the orphan check
//! (`LEFT JOIN ... WHERE b.key IS NULL`) as the anti join PostgreSQL makes of it.

use crate::engine::access::{AccessPath, choose_path, indexes};
use crate::engine::database::Database;
use crate::engine::exec::table_scope;
use crate::engine::explain::{base_table, columns_of, refuse, relation_of, scan_node, target};
use crate::engine::expr::{Binder, Bound, EvalContext, Scope};
use crate::engine::join::{bind_join, choose_join, join_keys};
use crate::engine::joinplan::{estimate_sides, flatten_expr_and};
use crate::engine::selectivity::flatten_and;
use crate::engine::table::Table;
use crate::error::Result;
use crate::render::explain::{Names, PlanNode, deparse, deparse_and};
use crate::sql::ast::{Expr, FromItem, JoinKind};

/// `FROM a [LEFT|RIGHT|FULL] JOIN b ON ...` of two base tables, as a hash join: the side
/// join.rs hashes, WHERE terms of one side filtering its scan, and the orphan check
/// (`LEFT JOIN ... WHERE b.key IS NULL`) as the anti join PostgreSQL makes of it.
pub(crate) fn plan_join(
    db: &Database,
    ctx: &EvalContext,
    (left, right): (&FromItem, &FromItem),
    kind: JoinKind,
    on: Option<&Expr>,
    selection: Option<&Expr>,
) -> Result<(Scope, PlanNode)> {
    let (Some((lt, la)), Some((rt, ra))) =
        (base_table(db, ctx, left)?, base_table(db, ctx, right)?)
    else {
        return Err(refuse("joins of anything but two tables"));
    };
    let (ls, rs) = (table_scope(lt, la.as_deref()), table_scope(rt, ra.as_deref()));
    let (scope, cond) = bind_join(&ls, &rs, on)?;
    let (mut lrel, mut rrel) = (relation_of(lt, ls.clone()), relation_of(rt, rs.clone()));
    estimate_sides(Some(lt), Some(rt), &mut lrel, &mut rrel, kind, on, selection);
    let kind_planned = lrel.side.as_ref().and_then(|s| s.kind).unwrap_or(kind);
    if lrel.side.as_ref().is_some_and(|s| s.key_constant) {
        return Err(refuse("a join whose key is equal to a constant"));
    }
    let keys = join_keys(&lrel, &rrel, cond.as_ref());
    if keys.is_empty() || kind == JoinKind::Cross {
        return Err(refuse("joins without an equality to hash on"));
    }
    let width = ls.columns.len();
    let choice = choose_join(&lrel, &rrel, &keys, cond.as_ref(), kind);
    let hash_left = choice.hash_left;
    // WHERE terms: one side's go to its scan; an IS NULL on the nullable side's join key makes
    // the outer join an anti join.
    let mut terms = Vec::new();
    if let Some(e) = selection {
        flatten_expr_and(e, &mut terms);
    }
    let (mut lterms, mut rterms) = (Vec::new(), Vec::new());
    let mut anti = false;
    for e in terms {
        let b = Binder::for_clause("WHERE").bind_condition(e, &scope, "WHERE")?;
        let mut cols = Vec::new();
        columns_of(&b, &mut cols);
        if let Bound::IsNull(inner, false) = &b
            && let Bound::Column(c) = **inner
        {
            let key_col = keys.iter().any(|&(l, r)| c == l || c == r + width);
            if key_col && kind == JoinKind::Left && c >= width {
                anti = true;
                continue;
            }
        }
        let left_only = cols.iter().all(|&c| c < width);
        let right_only = cols.iter().all(|&c| c >= width);
        let preserved_left = matches!(kind_planned, JoinKind::Inner | JoinKind::Left);
        let preserved_right = matches!(kind_planned, JoinKind::Inner | JoinKind::Right);
        if left_only && preserved_left {
            lterms.push(Binder::for_clause("WHERE").bind_condition(e, &ls, "WHERE")?);
        } else if right_only && preserved_right {
            rterms.push(Binder::for_clause("WHERE").bind_condition(e, &rs, "WHERE")?);
        } else {
            return Err(refuse("this WHERE clause on a join"));
        }
    }
    let side =
        |t: &Table, alias: Option<&str>, scope: &Scope, terms: &[Bound]| -> Result<PlanNode> {
            let filter = terms.iter().cloned().reduce(|a, b| Bound::And(Box::new(a), Box::new(b)));
            if choose_path(t, filter.as_ref()) != AccessPath::SeqScan {
                return Err(refuse("a join whose side is read through an index"));
            }
            scan_node(t, alias, filter.as_ref(), scope, None)
        };
    let lnode = side(lt, la.as_deref(), &ls, &lterms)?;
    let rnode = side(rt, ra.as_deref(), &rs, &rterms)?;
    let names = Names { scope: &scope, qualify: true };
    let mut conds = Vec::new();
    for &(l, r) in &keys {
        let (lb, rb) = (Bound::Column(l), Bound::Column(r + width));
        let (probe, build) = if hash_left && !anti { (rb, lb) } else { (lb, rb) };
        let text = |b: &Bound| deparse(b, &names).ok_or_else(|| refuse("this join condition"));
        conds.push(format!("({} = {})", text(&probe)?, text(&build)?));
    }
    let mut cond_terms = Vec::new();
    if let Some(c) = &cond {
        flatten_and(c, &mut cond_terms);
    }
    if cond_terms.len() != keys.len() {
        return Err(refuse("join conditions beside the hashed equalities"));
    }
    if choice.nested {
        if anti || choice.bitmap {
            return Err(refuse("this nested loop"));
        }
        let (outer, inner_t, inner_alias, inner_scope, inner_terms) = if hash_left {
            (rnode, lt, la.as_deref(), &ls, &lterms)
        } else {
            (lnode, rt, ra.as_deref(), &rs, &rterms)
        };
        let nl = nested_index_scan(
            inner_t,
            inner_alias,
            inner_scope,
            inner_terms,
            &keys,
            hash_left,
            &names,
            width,
        )?;
        let title = match kind_planned {
            JoinKind::Inner => "Nested Loop",
            _ => "Nested Loop Left Join",
        };
        return Ok((scope, PlanNode::new(title, vec![outer, nl])));
    }
    let title = match (kind_planned, hash_left, anti) {
        (JoinKind::Left, _, true) => "Hash Anti Join",
        (JoinKind::Inner, ..) => "Hash Join",
        (JoinKind::Left, false, _) | (JoinKind::Right, true, _) => "Hash Left Join",
        (JoinKind::Left, true, _) | (JoinKind::Right, false, _) => "Hash Right Join",
        _ => "Hash Full Join",
    };
    if anti && hash_left {
        return Err(refuse("this anti join"));
    }
    let (probe, build) = if hash_left { (rnode, lnode) } else { (lnode, rnode) };
    let hash = PlanNode::new("Hash", vec![build]);
    let cond_text =
        if conds.len() == 1 { conds.remove(0) } else { format!("({})", conds.join(" AND ")) };
    let node = PlanNode::new(title, vec![probe, hash]).detail("Hash Cond", cond_text);
    Ok((scope, node))
}

/// The inner side of an index nested loop: an Index Scan on the index whose leading column is
/// the inner join key, its condition naming the outer column, the inner terms as its Filter.
#[allow(clippy::too_many_arguments)]
fn nested_index_scan(
    t: &Table,
    alias: Option<&str>,
    scope: &Scope,
    terms: &[Bound],
    keys: &[(usize, usize)],
    inner_left: bool,
    names: &Names<'_>,
    width: usize,
) -> Result<PlanNode> {
    let (index, key, outer) = indexes(t)
        .iter()
        .find_map(|i| {
            keys.iter().find_map(|&(l, r)| {
                let (inner, outer) = if inner_left { (l, r + width) } else { (r, l) };
                (i.columns.first() == Some(&inner)).then(|| (i.name.to_string(), inner, outer))
            })
        })
        .ok_or_else(|| refuse("this nested loop"))?;
    let own = Names { scope, qualify: false };
    let text =
        |b: &Bound, n: &Names<'_>| deparse(b, n).ok_or_else(|| refuse("this join condition"));
    let cond =
        format!("({} = {})", text(&Bound::Column(key), &own)?, text(&Bound::Column(outer), names)?);
    let mut node =
        PlanNode::new(format!("Index Scan using {index} on {}", target(t, alias)), vec![])
            .detail("Index Cond", cond);
    if !terms.is_empty() {
        let refs: Vec<&Bound> = terms.iter().collect();
        node = node
            .detail("Filter", deparse_and(&refs, &own).ok_or_else(|| refuse("this condition"))?);
    }
    Ok(node)
}
