//! `EXPLAIN` of a statement a rule rewrites: PostgreSQL's rewriter turns it into a list of
//! queries and EXPLAIN prints the plan of each, a blank line between them ("Query rewrites to
//! nothing" when none is left). Each rule action becomes a query of its own: OLD read from the
//! original statement's target (joined in, with the original's WHERE and the rule's condition
//! added to the action's), NEW from what the original writes. For ON INSERT the original comes
//! first, for ON UPDATE and ON DELETE after the actions; an unconditional INSTEAD rule drops it.

use crate::engine::access::{AccessPath, choose_path};
use crate::engine::database::Database;
use crate::engine::exec::Exec;
use crate::engine::explain::{plan_query, plan_statement, refuse, scan_node, target};
use crate::engine::expr::Binder;
use crate::engine::rules::{self, Rule};
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::Result;
use crate::render::explain::{PlanNode, plan_lines};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, InsertSource, ObjectName, Query, QueryBody, SelectItem, Statement,
};
use crate::sql::rule::RuleEvent;
use crate::sql::walk;

/// The `QUERY PLAN` rows of `stmt`, whose relation has `rules` for its event.
pub fn explain(exec: &Exec<'_>, stmt: &Statement, rules: &[Rule]) -> Result<ResultSet> {
    let list = rewritten(exec.db, stmt, rules, 0)?;
    let mut lines = Vec::new();
    for (i, (s, own)) in list.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(plan_lines(&plan(exec, s, *own)?));
    }
    if list.is_empty() {
        lines.push("Query rewrites to nothing".to_string());
    }
    Ok(ResultSet {
        columns: vec![("QUERY PLAN".to_string(), DataType::Text)],
        rows: lines.into_iter().map(|l| vec![Value::Text(l)]).collect(),
    })
}

/// One rewritten query's plan: a DELETE ... USING or UPDATE ... FROM that an action referring
/// to OLD becomes is its target's modify node over the join (every column read, as the row
/// marks PostgreSQL takes on the joined relation keep it from an index-only scan).
fn plan(exec: &Exec<'_>, s: &Statement, original: bool) -> Result<PlanNode> {
    if !original && rules::apply_target(exec.db, s) {
        return Err(refuse("a rule action rewritten by rules again"));
    }
    let (word, table, alias, from, selection) = match s {
        Statement::Delete(d) if !d.using.is_empty() => {
            ("Delete", &d.table, &d.alias, &d.using, &d.selection)
        }
        Statement::Update(u) if !u.from.is_empty() => {
            ("Update", &u.table, &u.alias, &u.from, &u.selection)
        }
        Statement::Insert(i) => {
            if let InsertSource::Query(q) = &i.source
                && let QueryBody::Select(sel) = &q.body
                && sel.from.len() == 2
                && let Some(node) = constant_join(exec, &sel.from, sel.selection.as_ref())?
            {
                let t = exec.db.table(exec.db.resolve(&i.table)?)?;
                return Ok(PlanNode::new(format!("Insert on {}", target(t, None)), vec![node]));
            }
            return plan_statement(exec.db, &exec.ctx, s);
        }
        _ => return plan_statement(exec.db, &exec.ctx, s),
    };
    let t = exec.db.table(exec.db.resolve(table)?)?;
    let mut items = vec![FromItem::Table { name: table.clone(), alias: alias.clone() }];
    items.extend(from.iter().cloned());
    let node = match constant_join(exec, &items, selection.as_ref())? {
        Some(node) => node,
        None => {
            let join = select(vec![SelectItem::Wildcard], items, selection.clone());
            plan_query(exec.db, &exec.ctx, &join)?
        }
    };
    Ok(PlanNode::new(format!("{word} on {}", target(t, alias.as_deref())), vec![node]))
}

fn flatten(e: &Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::Binary { op: BinaryOp::And, left, right, .. } => {
            flatten(left, out);
            flatten(right, out);
        }
        other => out.push(other.clone()),
    }
}

/// The join an action reading OLD makes in the common case: two tables whose joining
/// equalities all meet a constant (`t2.b = old.a` with the original's `a = 1`). PostgreSQL's
/// equivalence classes give each side its own `column = constant` filter and leave the join
/// nothing to check: a Nested Loop, the side an index reads first. None for other shapes.
fn constant_join(
    exec: &Exec<'_>,
    items: &[FromItem],
    selection: Option<&Expr>,
) -> Result<Option<PlanNode>> {
    let mut sides = Vec::new();
    for item in items {
        let Some((t, alias)) = crate::engine::explain::base_table(exec.db, &exec.ctx, item)? else {
            return Ok(None);
        };
        let by = alias.clone().unwrap_or_else(|| t.name.clone());
        sides.push((t, alias, by));
    }
    let ([a, b], Some(selection)) = (&sides[..], selection) else { return Ok(None) };
    // Which side a column reference reads: its qualifier, or the one table that has it.
    let side_of = |e: &Expr| -> Option<(usize, String)> {
        let Expr::Column { table, name, .. } = e else { return None };
        let found: Vec<usize> = [a, b]
            .iter()
            .enumerate()
            .filter(|(_, (t, _, by))| {
                table.as_ref().is_none_or(|q| q == by) && t.column_index(name).is_some()
            })
            .map(|(i, _)| i)
            .collect();
        match found[..] {
            [i] => Some((i, name.clone())),
            _ => None,
        }
    };
    let mut terms = Vec::new();
    flatten(selection, &mut terms);
    let mut constants: Vec<((usize, String), Expr)> = Vec::new();
    let mut joins = Vec::new();
    let mut own: Vec<(usize, Expr)> = Vec::new();
    for term in &terms {
        if let Expr::Binary { op: BinaryOp::Eq, left, right, .. } = term {
            match (side_of(left), side_of(right)) {
                (Some(l), Some(r)) if l.0 != r.0 => {
                    joins.push((l, r));
                    continue;
                }
                (Some(c), None) if !walk::names_column(right) => {
                    constants.push((c, (**right).clone()));
                    continue;
                }
                (None, Some(c)) if !walk::names_column(left) => {
                    constants.push((c, (**left).clone()));
                    continue;
                }
                _ => {}
            }
        }
        // Any other term reading the columns of one side only filters that side's scan.
        let mut reads = Vec::new();
        let mut t = term.clone();
        walk::expr(&mut t, &mut |x| {
            if matches!(x, Expr::Column { .. }) {
                reads.push(side_of(x).map(|s| s.0));
            }
            Ok(false)
        })?;
        match reads.first() {
            Some(Some(i)) if reads.iter().all(|r| *r == Some(*i)) => own.push((*i, term.clone())),
            _ => return Ok(None),
        }
    }
    // Each joining equality passes a constant of one of its columns to the other.
    for (l, r) in &joins {
        let known =
            |c: &(usize, String)| constants.iter().find(|(k, _)| k == c).map(|x| x.1.clone());
        match (known(l), known(r)) {
            (Some(v), None) => constants.push((r.clone(), v)),
            (None, Some(v)) => constants.push((l.clone(), v)),
            (Some(_), Some(_)) => {}
            (None, None) => return Ok(None),
        }
    }
    let mut scans = Vec::new();
    for (i, (t, alias, _)) in [a, b].iter().enumerate() {
        let filter = and(constants
            .iter()
            .filter(|((s, _), _)| *s == i)
            .map(|((_, c), v)| Expr::Binary {
                op: BinaryOp::Eq,
                left: Box::new(Expr::Column { table: None, name: c.clone(), pos: None }),
                right: Box::new(v.clone()),
                pos: None,
            })
            .chain(own.iter().filter(|(s, _)| *s == i).map(|(_, e)| e.clone()))
            .collect());
        let scope = crate::engine::exec::table_scope(t, alias.as_deref());
        let bound = filter
            .map(|e| Binder::for_clause("WHERE").bind_condition(&e, &scope, "WHERE"))
            .transpose()?;
        let indexed = !matches!(choose_path(t, bound.as_ref()), AccessPath::SeqScan);
        scans.push((indexed, scan_node(t, alias.as_deref(), bound.as_ref(), &scope, None)?));
    }
    let (second, first) = (scans.pop(), scans.pop());
    let (Some((ia, na)), Some((ib, nb))) = (first, second) else { return Ok(None) };
    let children = match (ia, ib) {
        (true, false) => vec![na, nb],
        (false, true) => vec![nb, na],
        _ => return Err(refuse("this join of a rule action")),
    };
    Ok(Some(PlanNode::new("Nested Loop", children)))
}

fn select(items: Vec<SelectItem>, from: Vec<FromItem>, selection: Option<Expr>) -> Query {
    Query {
        with: Vec::new(),
        body: QueryBody::Select(Box::new(crate::sql::ast::Select {
            distinct: false,
            distinct_on: Vec::new(),
            items,
            from,
            selection,
            group_by: Vec::new(),
            having: None,
        })),
        order_by: Vec::new(),
        limit: None,
        offset: None,
    }
}

fn and(terms: Vec<Expr>) -> Option<Expr> {
    terms.into_iter().reduce(|l, r| Expr::Binary {
        op: BinaryOp::And,
        left: Box::new(l),
        right: Box::new(r),
        pos: None,
    })
}

/// What the original statement is to a rule action: its target as a FROM item, its WHERE, and
/// what OLD.x and NEW.x read.
struct Original {
    event: RuleEvent,
    from: Vec<FromItem>,
    selection: Option<Expr>,
    old: Vec<(String, Expr)>,
    new: Vec<(String, Expr)>,
}

/// `e` with its bare column references qualified by `by` (the original's target).
fn qualified(e: &Expr, by: &str, columns: &[(String, DataType)]) -> Result<Expr> {
    let mut e = e.clone();
    walk::expr(&mut e, &mut |x| {
        if let Expr::Column { table: table @ None, name, .. } = x
            && columns.iter().any(|(c, _)| c == name)
        {
            *table = Some(by.to_string());
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(e)
}

fn original(stmt: &Statement, columns: &[(String, DataType)]) -> Result<Original> {
    let column = |by: &str, name: &str| Expr::Column {
        table: Some(by.to_string()),
        name: name.to_string(),
        pos: None,
    };
    let of = |table: &ObjectName, alias: &Option<String>, more: &[FromItem]| {
        let by = alias.clone().unwrap_or_else(|| table.name.clone());
        let mut from = vec![FromItem::Table { name: table.clone(), alias: alias.clone() }];
        from.extend(more.iter().cloned());
        let old: Vec<(String, Expr)> =
            columns.iter().map(|(c, _)| (c.clone(), column(&by, c))).collect();
        (by, from, old)
    };
    Ok(match stmt {
        Statement::Delete(d) => {
            let (by, from, old) = of(&d.table, &d.alias, &d.using);
            let selection = d.selection.as_ref().map(|e| qualified(e, &by, columns)).transpose()?;
            Original { event: RuleEvent::Delete, from, selection, old, new: Vec::new() }
        }
        Statement::Update(u) => {
            let (by, from, old) = of(&u.table, &u.alias, &u.from);
            let selection = u.selection.as_ref().map(|e| qualified(e, &by, columns)).transpose()?;
            let mut new = old.clone();
            for (c, e) in &mut new {
                if let Some((_, given)) = u.assignments.iter().find(|(i, _)| &i.name == c) {
                    if *given == Expr::Default {
                        return Err(refuse("a rule reading DEFAULT through NEW"));
                    }
                    *e = qualified(given, &by, columns)?;
                }
            }
            Original { event: RuleEvent::Update, from, selection, old, new }
        }
        Statement::Insert(i) if i.on_conflict.is_none() => {
            let InsertSource::Values(rows) = &i.source else {
                return Err(refuse("an INSERT ... SELECT rewritten by rules"));
            };
            let [row] = &rows[..] else {
                return Err(refuse("a multi-row INSERT rewritten by rules"));
            };
            let mut new = Vec::new();
            for (n, (c, ty)) in columns.iter().enumerate() {
                let at = if i.columns.is_empty() {
                    Some(n)
                } else {
                    i.columns.iter().position(|x| &x.name == c)
                };
                let e = match at.and_then(|k| row.get(k)) {
                    Some(Expr::Default) => {
                        return Err(refuse("a rule reading DEFAULT through NEW"));
                    }
                    Some(e) => e.clone(),
                    None => constant(&Value::Null, ty),
                };
                new.push((c.clone(), e));
            }
            let from = vec![FromItem::Table { name: i.table.clone(), alias: None }];
            Original { event: RuleEvent::Insert, from, selection: None, old: Vec::new(), new }
        }
        _ => return Err(refuse("this statement rewritten by rules")),
    })
}

/// OLD.x or NEW.x replaced, when `x` is one.
fn replace(x: &mut Expr, o: &Original) -> bool {
    let Expr::Column { table: Some(rec), name, .. } = x else { return false };
    let list = match rec.as_str() {
        "old" => &o.old,
        "new" => &o.new,
        _ => return false,
    };
    let Some((_, e)) = list.iter().find(|(c, _)| c == name) else { return false };
    *x = e.clone();
    true
}

/// One rule action as the query PostgreSQL's rewriter makes of it.
fn action(o: &Original, rule: &Rule, stmt: &Statement) -> Result<Statement> {
    let mut s = stmt.clone();
    let mut used = false;
    walk::statement(&mut s, &mut |x| {
        let hit = replace(x, o);
        used |= hit;
        Ok(hit)
    })?;
    let mut cond = Vec::new();
    if let Some(c) = &rule.condition {
        let mut c = c.clone();
        walk::expr(&mut c, &mut |x| Ok(replace(x, o)))?;
        cond.push(c);
    }
    cond.extend(o.selection.clone());
    // An INSERT's NEW is its VALUES: nothing to join.
    let join = o.event != RuleEvent::Insert && (used || !cond.is_empty());
    if o.event == RuleEvent::Insert && !cond.is_empty() {
        return Err(refuse("a conditional rule on INSERT"));
    }
    match &mut s {
        Statement::Delete(d) => {
            d.selection = and(d.selection.take().into_iter().chain(cond).collect());
            if join {
                d.using.extend(o.from.iter().cloned());
            }
        }
        Statement::Update(u) => {
            u.selection = and(u.selection.take().into_iter().chain(cond).collect());
            if join {
                u.from.extend(o.from.iter().cloned());
            }
        }
        Statement::Insert(i) if join => {
            let InsertSource::Values(rows) = &i.source else {
                return Err(refuse("a rule action INSERT ... SELECT"));
            };
            let [row] = &rows[..] else {
                return Err(refuse("a multi-row rule action INSERT"));
            };
            let items =
                row.iter().map(|e| SelectItem::Expr { expr: e.clone(), alias: None }).collect();
            let q = select(items, o.from.clone(), and(cond));
            i.source = InsertSource::Query(Box::new(q));
        }
        Statement::Insert(_) => {}
        _ => return Err(refuse("this rule action")),
    }
    Ok(s)
}

/// The queries PostgreSQL's rewriter makes of `stmt`, in the order they run (true: the
/// original itself, whose rules are not applied again).
fn rewritten(
    db: &Database,
    stmt: &Statement,
    rules: &[Rule],
    depth: usize,
) -> Result<Vec<(Statement, bool)>> {
    if rules.iter().any(|r| r.instead && r.condition.is_some()) {
        return Err(refuse("a statement rewritten by conditional INSTEAD rules"));
    }
    if depth > 16 {
        return Err(refuse("rules that rewrite their own actions again and again"));
    }
    // DO INSTEAD NOTHING alone leaves nothing to plan.
    if rules.iter().all(|r| r.instead && r.actions.is_empty()) {
        return Ok(Vec::new());
    }
    let columns = match stmt {
        Statement::Insert(i) => rules::resolve(db, &i.table),
        Statement::Update(u) => rules::resolve(db, &u.table),
        Statement::Delete(d) => rules::resolve(db, &d.table),
        _ => None,
    }
    .ok_or_else(|| refuse("this statement rewritten by rules"))?
    .2;
    let o = original(stmt, &columns)?;
    let mut actions = Vec::new();
    for rule in rules {
        for (a, _) in &rule.actions {
            let a = action(&o, rule, a)?;
            // An action on a relation with rules of its own is rewritten in turn.
            match rules::explained_rules(db, &a) {
                Some(more) => actions.extend(rewritten(db, &a, &more, depth + 1)?),
                None => actions.push((a, false)),
            }
        }
    }
    let keep = !rules.iter().any(|r| r.instead);
    let mut out = Vec::new();
    if keep && o.event == RuleEvent::Insert {
        out.push((stmt.clone(), true));
    }
    out.extend(actions);
    if keep && o.event != RuleEvent::Insert {
        out.push((stmt.clone(), true));
    }
    Ok(out)
}
