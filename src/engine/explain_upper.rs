//! EXPLAIN's nodes above a query's scan: the HAVING `Filter` of an aggregate, window functions
//! (a `WindowAgg` over the `Sort` of its PARTITION BY and ORDER BY), DISTINCT ON (`Unique` over
//! a `Sort`) and LIMIT / OFFSET (`Limit`), as PostgreSQL's planner stacks them.

use crate::engine::calls::{AggCall, AggKind};
use crate::engine::explain::refuse;
use crate::engine::expr::Bound;
use crate::engine::window::WindowCall;
use crate::error::Result;
use crate::render::explain::{Names, PlanNode, deparse, deparse_with};
use crate::sql::ast::{Expr, Literal, Query};

/// One sort key: the expression, DESC, and NULLS FIRST as written (None: the default).
pub(crate) type SortSpec = (Bound, bool, Option<bool>);

/// `count(*)`, `sum(total)`: an aggregate call as a plan's filter prints it; None for the
/// shapes fksim does not deparse (FILTER, ORDER BY inside, collecting and user aggregates).
fn agg_text(a: &AggCall, names: &Names<'_>) -> Option<String> {
    if a.filter.is_some() || !a.order_by.is_empty() || a.user.is_some() || !a.more.is_empty() {
        return None;
    }
    let name = match a.kind {
        AggKind::CountStar => return Some("count(*)".to_string()),
        AggKind::Count => "count",
        AggKind::Sum => "sum",
        AggKind::Min => "min",
        AggKind::Max => "max",
        AggKind::Avg => "avg",
        AggKind::Collect(_) => return None,
    };
    let arg = deparse(a.arg.as_ref()?, names)?;
    let distinct = if a.distinct { "DISTINCT " } else { "" };
    Some(format!("{name}({distinct}{arg})"))
}

/// The `Filter:` line HAVING puts on the aggregate node. Terms without an aggregate the
/// planner moves into the scan's WHERE; fksim refuses those rather than guess their place.
pub(crate) fn having_filter(
    having: &Bound,
    aggregates: &[AggCall],
    names: &Names<'_>,
) -> Result<String> {
    let mut terms = Vec::new();
    crate::engine::selectivity::flatten_and(having, &mut terms);
    if terms.iter().any(|t| !crate::engine::selectivity::has_aggregate(t)) {
        return Err(refuse("HAVING conditions without an aggregate"));
    }
    let agg = |i: usize| aggregates.get(i).and_then(|a| agg_text(a, names));
    let parts: Option<Vec<String>> = terms.iter().map(|t| deparse_with(t, names, &agg)).collect();
    let parts = parts.ok_or_else(|| refuse("this HAVING clause"))?;
    Ok(if parts.len() == 1 { parts.concat() } else { format!("({})", parts.join(" AND ")) })
}

/// `Sort Key:` text: each key with DESC and a NULLS clause where it is not the default.
pub(crate) fn sort_keys(keys: &[SortSpec], names: &Names<'_>) -> Result<String> {
    let mut out = Vec::new();
    for (b, desc, nulls_first) in keys {
        let mut k = deparse(b, names).ok_or_else(|| refuse("this ORDER BY"))?;
        if *desc {
            k.push_str(" DESC");
        }
        match (nulls_first, desc) {
            (Some(true), false) => k.push_str(" NULLS FIRST"),
            (Some(false), true) => k.push_str(" NULLS LAST"),
            _ => {}
        }
        out.push(k);
    }
    Ok(out.join(", "))
}

/// True when `sorted` (the order the rows already come in) serves `wanted`: wanted is a
/// prefix of it, key by key, with the same direction and NULLs placement.
pub(crate) fn sorted_prefix(wanted: &[SortSpec], sorted: &[SortSpec]) -> bool {
    let norm = |(b, desc, nf): &SortSpec| (b.clone(), *desc, nf.unwrap_or(*desc));
    wanted.len() <= sorted.len() && wanted.iter().zip(sorted).all(|(w, s)| norm(w) == norm(s))
}

/// The sort the query's window functions read their rows in: PARTITION BY then ORDER BY.
/// One window specification only; several stack WindowAgg nodes in an order fksim does not
/// reproduce, and those are refused.
pub(crate) fn window_keys(windows: &[WindowCall]) -> Result<Vec<SortSpec>> {
    let spec = |w: &WindowCall| {
        let mut keys: Vec<SortSpec> =
            w.partition.iter().map(|b| (b.clone(), false, None)).collect();
        for k in &w.order {
            let nulls = (k.nulls_first != k.desc).then_some(k.nulls_first);
            keys.push((k.key.clone(), k.desc, nulls));
        }
        keys
    };
    let Some(first) = windows.first() else { return Ok(Vec::new()) };
    let keys = spec(first);
    if windows.iter().any(|w| spec(w) != keys || w.frame != first.frame) {
        return Err(refuse("window functions over different windows"));
    }
    Ok(keys)
}

/// The WindowAgg node over `input`, sorted first unless `sorted` already serves the window.
pub(crate) fn window_node(
    keys: &[SortSpec],
    input: PlanNode,
    sorted: bool,
    names: &Names<'_>,
) -> Result<PlanNode> {
    let input = if keys.is_empty() || sorted {
        input
    } else {
        PlanNode::new("Sort", vec![input]).detail("Sort Key", sort_keys(keys, names)?)
    };
    Ok(PlanNode::new("WindowAgg", vec![input]))
}

/// DISTINCT ON's sort: the ORDER BY, then the DISTINCT ON expressions it does not name (all
/// of them without ORDER BY), each ascending.
pub(crate) fn distinct_on_keys(order: &[SortSpec], distinct_on: &[Bound]) -> Vec<SortSpec> {
    let mut keys = order.to_vec();
    for d in distinct_on {
        if !keys.iter().any(|k| k.0 == *d) {
            keys.push((d.clone(), false, None));
        }
    }
    keys
}

/// limit_needed: a Limit node unless LIMIT is absent, ALL or NULL and OFFSET absent, NULL or 0.
pub(crate) fn limit_needed(q: &Query) -> bool {
    let count = q.limit.as_ref().is_some_and(|e| !matches!(e, Expr::Literal(Literal::Null)));
    let offset = q.offset.as_ref().is_some_and(|e| match e {
        Expr::Literal(Literal::Null) => false,
        Expr::Literal(Literal::Number(n)) => n.parse::<f64>().is_ok_and(|n| n != 0.0),
        _ => true,
    });
    count || offset
}
