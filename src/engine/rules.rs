//! Rules (`CREATE RULE ... ON {INSERT | UPDATE | DELETE} ... DO [ALSO | INSTEAD] ...`): the rule
//! catalog and the rewrite of a statement on a table or view with rules. PostgreSQL rewrites
//! the statement into a list of queries, each run with its own end-of-query trigger firing (the
//! foreign-key checks included): for ON INSERT the original comes first, for ON UPDATE and ON
//! DELETE the rules' actions do (they must see the old rows). Each action runs as one statement
//! joined with the original's rows (`rule_action.rs`), as PostgreSQL's rewriter makes it; a conditional
//! INSTEAD rule leaves the original the rows for which its condition is not true.

use std::cell::Cell;

use crate::engine::catalog::TableId;
use crate::engine::database::{Database, Undo};
use crate::engine::exec::Exec;
use crate::engine::rule_action;
use crate::engine::subquery::constant;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Notice, Result};
use crate::render::psql::ResultSet;
use crate::sql::ast::{
    Expr, FromItem, InsertSource, ObjectName, Query, QueryBody, SelectItem, Statement,
};
use crate::sql::rule::{CreateRule, RuleEvent, RuleStatement};
use crate::sql::walk;

/// A relation's columns: (name, type) in order.
pub type Columns = Vec<(String, DataType)>;

/// The relation a rule belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleTarget {
    /// A table.
    Table(TableId),
    /// A view, by (schema, name).
    View(String, String),
}

/// A rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Its name (unique per relation; a relation's rules apply in name order).
    pub name: String,
    /// Its relation.
    pub target: RuleTarget,
    /// The event it rewrites.
    pub event: RuleEvent,
    /// WHERE condition over NEW and OLD.
    pub condition: Option<Expr>,
    /// DO INSTEAD.
    pub instead: bool,
    /// The commands, with their text (none: NOTHING).
    pub actions: Vec<(Statement, String)>,
}

thread_local! {
    /// Set while the statement a rule rewrote runs itself: its own rules are not applied again.
    static ORIGINAL: Cell<bool> = const { Cell::new(false) };
    /// How deep rule actions are nested (a rule whose action sets it off again recurses).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The relation a name finds, with its name and columns.
pub(crate) fn resolve(db: &Database, name: &ObjectName) -> Option<(RuleTarget, String, Columns)> {
    if let Some(id) = db.lookup(name) {
        let t = db.table(id).ok()?;
        let cols = t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect();
        return Some((RuleTarget::Table(id), t.name.clone(), cols));
    }
    let v = crate::engine::views::find(db, name)?;
    Some((RuleTarget::View(v.schema.clone(), v.name.clone()), v.name.clone(), v.columns.clone()))
}

fn save(exec: &mut Exec<'_>) {
    exec.txn.undo.push(Undo::Rules(Box::new(exec.db.rules.clone())));
}

/// CREATE [OR REPLACE] RULE.
pub fn create(exec: &mut Exec<'_>, r: &CreateRule) -> Result<()> {
    if r.event == RuleEvent::Select {
        return crate::engine::rules_select::create(exec, r);
    }
    if r.actions.iter().any(|(a, _)| matches!(a, Statement::Query(_))) {
        return Err(Error::unsupported(
            "rule actions other than INSERT, UPDATE, DELETE and NOTHING are not supported by fksim",
        ));
    }
    let Some((target, rel, columns)) = resolve(exec.db, &r.table) else {
        return Err(Error::undefined_table(&r.table.name));
    };
    if let RuleTarget::Table(id) = target {
        crate::engine::roles::check_table_owner(exec.db, id)?;
    }
    let existing = exec.db.rules.iter().position(|x| x.target == target && x.name == r.name);
    if existing.is_some() && !r.or_replace {
        return Err(Error::new(
            "42710",
            format!("rule \"{}\" for relation \"{rel}\" already exists", r.name),
        ));
    }
    // NEW and OLD must name columns of the relation, and only where the event has them.
    let check = |e: &mut Expr| -> Result<bool> {
        if let Expr::Column { table: Some(rec), name, pos } = e {
            let has = match rec.as_str() {
                "new" => r.event != RuleEvent::Delete,
                "old" => r.event != RuleEvent::Insert,
                _ => return Ok(false),
            };
            if !has {
                return Err(Error::new(
                    "42P01",
                    format!("invalid reference to FROM-clause entry for table \"{rec}\""),
                )
                .at(*pos)
                .with_hint(format!(
                    "There is an entry for table \"{rec}\", but it cannot be referenced from this part of the query."
                )));
            }
            if !columns.iter().any(|(c, _)| c == name) {
                return Err(Error::new(
                    "42703",
                    format!("column {} does not exist", format_args!("{rec}.{name}")),
                )
                .at(*pos));
            }
        }
        Ok(false)
    };
    let mut check = check;
    if let Some(c) = &r.condition {
        walk::expr(&mut c.clone(), &mut check)?;
    }
    for (a, _) in &r.actions {
        walk::statement(&mut a.clone(), &mut check)?;
    }
    let rule = Rule {
        name: r.name.clone(),
        target,
        event: r.event,
        condition: r.condition.clone(),
        instead: r.instead,
        actions: r.actions.clone(),
    };
    save(exec);
    match existing {
        Some(i) => exec.db.rules[i] = rule,
        None => exec.db.rules.push(rule),
    }
    Ok(())
}

/// Runs CREATE RULE or DROP RULE.
pub fn execute(exec: &mut Exec<'_>, r: &RuleStatement) -> Result<()> {
    match r {
        RuleStatement::Create(c) => create(exec, c),
        RuleStatement::Drop { name, table, if_exists } => drop(exec, name, table, *if_exists),
    }
}

/// The command tag of a rule statement.
pub fn command_tag(r: &RuleStatement) -> &'static str {
    match r {
        RuleStatement::Create(_) => "CREATE RULE",
        RuleStatement::Drop { .. } => "DROP RULE",
    }
}

/// DROP RULE [IF EXISTS] name ON table.
pub fn drop(exec: &mut Exec<'_>, name: &str, table: &ObjectName, if_exists: bool) -> Result<()> {
    let Some((target, rel, _)) = resolve(exec.db, table) else {
        return Err(Error::undefined_table(&table.name));
    };
    let Some(i) = exec.db.rules.iter().position(|x| x.target == target && x.name == name) else {
        let message = format!("rule \"{name}\" for relation \"{rel}\" does not exist");
        if if_exists {
            exec.notices.push(Notice::notice(format!("{message}, skipping")));
            return Ok(());
        }
        return Err(Error::new("42704", message));
    };
    save(exec);
    exec.db.rules.remove(i);
    Ok(())
}

/// A rule's relation is there, and so is every table its actions write.
fn alive(db: &Database, r: &Rule) -> bool {
    let target = match &r.target {
        RuleTarget::Table(id) => db.tables.contains_key(id),
        RuleTarget::View(s, n) => db.views.get(s, n).is_some(),
    };
    target && written(r).iter().all(|n| resolve(db, n).is_some())
}

/// The relations a rule's actions write.
fn written(r: &Rule) -> Vec<&ObjectName> {
    r.actions
        .iter()
        .filter_map(|(a, _)| match a {
            Statement::Insert(i) => Some(&i.table),
            Statement::Update(u) => Some(&u.table),
            Statement::Delete(d) => Some(&d.table),
            _ => None,
        })
        .collect()
}

/// DROP TABLE's dependency lines for the rules of relations that stay whose actions write or
/// read the tables `ids`: ("rule r on table c", "table t").
pub fn table_dependents(db: &Database, ids: &[TableId]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in &db.rules {
        if matches!(r.target, RuleTarget::Table(id) if ids.contains(&id)) {
            continue;
        }
        let mut uses: Vec<TableId> = written(r).into_iter().filter_map(|n| db.lookup(n)).collect();
        for (a, _) in &r.actions {
            if let Statement::Insert(i) = a
                && let InsertSource::Query(q) = &i.source
            {
                for u in crate::engine::views::query_uses(db, q) {
                    if let crate::engine::views::RelationRef::Table(id, _) = u {
                        uses.push(id);
                    }
                }
            }
        }
        let Some(&on) = uses.iter().find(|id| ids.contains(id)) else { continue };
        let owner = match &r.target {
            RuleTarget::Table(id) => {
                format!("table {}", crate::engine::ddl::relation_label(db, *id))
            }
            RuleTarget::View(s, n) => crate::engine::views::label(db, &(s.clone(), n.clone())),
        };
        out.push((
            format!("rule {} on {owner}", r.name),
            format!("table {}", crate::engine::ddl::relation_label(db, on)),
        ));
    }
    out
}

/// After DROP TABLE / DROP VIEW / DROP SCHEMA: a relation's rules go with it.
pub fn forget_orphans(exec: &mut Exec<'_>) {
    let keep: Vec<bool> = exec.db.rules.iter().map(|r| alive(exec.db, r)).collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    save(exec);
    let mut keep = keep.into_iter();
    exec.db.rules.retain(|_| keep.next().unwrap_or(true));
}

/// The rules of a relation for an event, in name order.
pub fn rules_for<'d>(db: &'d Database, target: &RuleTarget, event: RuleEvent) -> Vec<&'d Rule> {
    let mut list: Vec<&Rule> =
        db.rules.iter().filter(|r| &r.target == target && r.event == event).collect();
    list.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    list
}

/// Runs a statement on a relation with rules for its event as PostgreSQL's rewriter would;
/// None when no rule applies (the statement runs as it is).
pub fn apply(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<Option<ResultSet>>> {
    if ORIGINAL.with(|o| o.replace(false)) || exec.db.rules.is_empty() {
        return Ok(None);
    }
    if let Statement::Explain(inner) = stmt {
        let Some(rules) = explained_rules(exec.db, inner) else { return Ok(None) };
        return crate::engine::explain_rules::explain(exec, inner, &rules).map(|r| Some(Some(r)));
    }
    let (name, event, returning) = match stmt {
        Statement::Insert(i) => (&i.table, RuleEvent::Insert, !i.returning.is_empty()),
        Statement::Update(u) => (&u.table, RuleEvent::Update, !u.returning.is_empty()),
        Statement::Delete(d) => (&d.table, RuleEvent::Delete, !d.returning.is_empty()),
        _ => return Ok(None),
    };
    let Some((target, rel, columns)) = resolve(exec.db, name) else { return Ok(None) };
    let rules: Vec<Rule> = rules_for(exec.db, &target, event).into_iter().cloned().collect();
    if rules.is_empty() {
        return Ok(None);
    }
    let depth = DEPTH.with(|d| d.get());
    if depth >= 16 {
        return Err(Error::new(
            "42P17",
            format!("infinite recursion detected in rules for relation \"{rel}\""),
        ));
    }
    let instead = rules.iter().any(|r| r.instead && r.condition.is_none());
    if returning && rules.iter().any(|r| r.instead) {
        let word = event.word();
        return Err(Error::new(
            "0A000",
            format!("cannot perform {word} RETURNING on relation \"{rel}\""),
        )
        .with_hint(format!(
            "You need an unconditional ON {word} DO INSTEAD rule with a RETURNING clause."
        )));
    }
    DEPTH.with(|d| d.set(depth + 1));
    let result = rewrite(exec, stmt, &rules, &columns, instead);
    DEPTH.with(|d| d.set(depth));
    result.map(Some)
}

/// The rules that rewrite a statement under EXPLAIN, when any do.
pub(crate) fn explained_rules(db: &Database, stmt: &Statement) -> Option<Vec<Rule>> {
    if !apply_target(db, stmt) {
        return None;
    }
    let (name, event) = match stmt {
        Statement::Insert(i) => (&i.table, RuleEvent::Insert),
        Statement::Update(u) => (&u.table, RuleEvent::Update),
        Statement::Delete(d) => (&d.table, RuleEvent::Delete),
        _ => return None,
    };
    let (target, _, _) = resolve(db, name)?;
    Some(rules_for(db, &target, event).into_iter().cloned().collect())
}

/// True when a relation's rules rewrite this statement.
pub(crate) fn apply_target(db: &Database, stmt: &Statement) -> bool {
    let (name, event) = match stmt {
        Statement::Insert(i) => (&i.table, RuleEvent::Insert),
        Statement::Update(u) => (&u.table, RuleEvent::Update),
        Statement::Delete(d) => (&d.table, RuleEvent::Delete),
        _ => return false,
    };
    resolve(db, name).is_some_and(|(target, _, _)| !rules_for(db, &target, event).is_empty())
}

/// One row the statement touches: OLD and NEW as the rules (and INSTEAD OF triggers) see them.
pub(crate) struct Images {
    /// OLD (UPDATE, DELETE).
    pub old: Option<Vec<Value>>,
    /// NEW (INSERT, UPDATE).
    pub new: Option<Vec<Value>>,
}

fn rewrite(
    exec: &mut Exec<'_>,
    stmt: &Statement,
    rules: &[Rule],
    columns: &[(String, DataType)],
    instead: bool,
) -> Result<Option<ResultSet>> {
    let conditional: Vec<&Expr> =
        rules.iter().filter(|r| r.instead).filter_map(|r| r.condition.as_ref()).collect();
    let mut result = None;
    let images = match stmt {
        Statement::Insert(ins) => {
            let images = insert_images(exec, ins, columns)?;
            if !instead {
                // The original goes first, with the rows no conditional INSTEAD rule took.
                let kept: Vec<&Images> = images
                    .iter()
                    .map(|im| Ok((im, !any_holds(exec, &conditional, im, columns)?)))
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .filter_map(|(im, keep)| keep.then_some(im))
                    .collect();
                let original = if conditional.is_empty() {
                    stmt.clone()
                } else {
                    constant_insert(ins, &kept, columns)
                };
                if !kept.is_empty() {
                    result = run_original(exec, &original)?;
                }
            }
            images
        }
        Statement::Update(_) | Statement::Delete(_) => change_images(exec, stmt, columns)?,
        _ => return Ok(None),
    };
    // An UPDATE's or DELETE's rows join an action that reads them or follows its WHERE.
    let filtered = match stmt {
        Statement::Update(u) => u.selection.is_some(),
        Statement::Delete(d) => d.selection.is_some(),
        _ => true,
    };
    for rule in rules {
        for (action, _) in &rule.actions {
            let cond = rule.condition.as_ref();
            let joined = filtered || rule_action::reads_images(action, cond)?;
            let stmt = rule_action::statement(action, cond, rule.event, &images, columns, joined)?;
            crate::engine::session::run_own_query(exec, &stmt)?;
        }
    }
    if !instead && !matches!(stmt, Statement::Insert(_)) {
        let mut original = stmt.clone();
        if !conditional.is_empty() {
            narrow(&mut original, &conditional)?;
        }
        result = run_original(exec, &original)?;
    }
    Ok(result)
}

/// OLD (and for UPDATE, NEW) of each row an UPDATE or DELETE picks, in scan order.
pub(crate) fn change_images(
    exec: &Exec<'_>,
    stmt: &Statement,
    columns: &[(String, DataType)],
) -> Result<Vec<Images>> {
    match stmt {
        Statement::Update(up) => {
            let own = up.alias.clone().unwrap_or_else(|| up.table.name.clone());
            let mut items: Vec<SelectItem> = vec![SelectItem::QualifiedWildcard(own)];
            for (c, _) in columns {
                let e = up
                    .assignments
                    .iter()
                    .find(|(i, _)| &i.name == c)
                    .map(|(_, e)| e.clone())
                    .unwrap_or(Expr::Column { table: None, name: c.clone(), pos: None });
                items.push(SelectItem::Expr { expr: e, alias: None });
            }
            let (alias, from) = (up.alias.as_deref(), &up.from);
            let rows = select_rows(exec, &up.table, alias, from, &up.selection, items)?;
            let n = columns.len();
            Ok(rows
                .into_iter()
                .map(|r| Images { old: Some(r[..n].to_vec()), new: Some(r[n..].to_vec()) })
                .collect())
        }
        Statement::Delete(del) => {
            let own = del.alias.clone().unwrap_or_else(|| del.table.name.clone());
            let items = vec![SelectItem::QualifiedWildcard(own)];
            let (alias, using) = (del.alias.as_deref(), &del.using);
            let rows = select_rows(exec, &del.table, alias, using, &del.selection, items)?;
            Ok(rows.into_iter().map(|r| Images { old: Some(r), new: None }).collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// Runs the statement a rule rewrote, without its rules.
fn run_original(exec: &mut Exec<'_>, stmt: &Statement) -> Result<Option<ResultSet>> {
    ORIGINAL.with(|o| o.set(true));
    let r = crate::engine::session::run_statement(exec, stmt);
    ORIGINAL.with(|o| o.set(false));
    r
}

/// The rows of `table` (joined with `from`) a WHERE picks, with `items` evaluated on each.
fn select_rows(
    exec: &Exec<'_>,
    table: &ObjectName,
    alias: Option<&str>,
    from: &[FromItem],
    selection: &Option<Expr>,
    items: Vec<SelectItem>,
) -> Result<Vec<Vec<Value>>> {
    let mut q = select_query(items)?;
    if let QueryBody::Select(s) = &mut q.body {
        s.from = vec![FromItem::Table { name: table.clone(), alias: alias.map(str::to_string) }];
        s.from.extend(from.iter().cloned());
        s.selection = selection.clone();
    }
    Ok(crate::engine::subquery::run(exec.db, &q, &exec.ctx)?.rows)
}

/// `SELECT items` with nothing else, to fill in.
pub(crate) fn select_query(items: Vec<SelectItem>) -> Result<Query> {
    let Statement::Query(mut q) = crate::sql::parse_statement("SELECT 1")? else {
        return Err(Error::unsupported("rules"));
    };
    if let QueryBody::Select(s) = &mut q.body {
        s.items = items;
    }
    Ok(q)
}

/// The rows an INSERT would add, completed with defaults and in the columns' types.
pub(crate) fn insert_images(
    exec: &mut Exec<'_>,
    ins: &crate::sql::ast::Insert,
    columns: &[(String, DataType)],
) -> Result<Vec<Images>> {
    let targets: Vec<usize> = if ins.columns.is_empty() {
        (0..columns.len()).collect()
    } else {
        ins.columns
            .iter()
            .map(|c| {
                columns
                    .iter()
                    .position(|(n, _)| n == &c.name)
                    .ok_or_else(|| Error::undefined_column(&c.name))
            })
            .collect::<Result<_>>()?
    };
    let typed = |r: ResultSet| -> Vec<Vec<Option<(Value, DataType)>>> {
        let types: Vec<DataType> = r.columns.iter().map(|(_, t)| t.clone()).collect();
        r.rows
            .into_iter()
            .map(|row| {
                row.into_iter().zip(types.iter()).map(|(v, t)| Some((v, t.clone()))).collect()
            })
            .collect()
    };
    let rows: Vec<Vec<Option<(Value, DataType)>>> = match &ins.source {
        InsertSource::DefaultValues => vec![vec![None; targets.len()]],
        InsertSource::Query(q) => typed(crate::engine::subquery::run(exec.db, q, &exec.ctx)?),
        InsertSource::Values(list) => {
            let mut out = Vec::new();
            for row in list {
                let mut vals = Vec::new();
                for e in row {
                    if *e == Expr::Default {
                        vals.push(None);
                        continue;
                    }
                    let q = select_query(vec![SelectItem::Expr { expr: e.clone(), alias: None }])?;
                    let r = crate::engine::subquery::run(exec.db, &q, &exec.ctx)?;
                    vals.push(
                        typed(r).into_iter().next().and_then(|r| r.into_iter().next()).flatten(),
                    );
                }
                out.push(vals);
            }
            out
        }
    };
    let table = match exec.db.lookup(&ins.table) {
        Some(id) if exec.db.table(id).is_ok() => Some(id),
        _ => None,
    };
    let mut images = Vec::new();
    for given in rows {
        let mut row = Vec::with_capacity(columns.len());
        for (col, (name, ty)) in columns.iter().enumerate() {
            let given = targets
                .iter()
                .position(|&t| t == col)
                .and_then(|i| given.get(i).cloned().flatten());
            let v = match given {
                Some((v, from)) => crate::engine::dml::assign(v, &from, ty, name)?,
                None => match table {
                    Some(id) => exec.default_value(id, col)?,
                    None => Value::Null,
                },
            };
            row.push(v);
        }
        images.push(Images { old: None, new: Some(row) });
    }
    Ok(images)
}

/// The INSERT of exactly these rows, every column given.
fn constant_insert(
    ins: &crate::sql::ast::Insert,
    rows: &[&Images],
    columns: &[(String, DataType)],
) -> Statement {
    let mut out = ins.clone();
    out.columns = columns
        .iter()
        .map(|(n, _)| crate::sql::ast::Ident { name: n.clone(), pos: None })
        .collect();
    out.source = InsertSource::Values(
        rows.iter()
            .filter_map(|im| im.new.as_ref())
            .map(|r| r.iter().zip(columns).map(|(v, (_, t))| constant(v, t)).collect())
            .collect(),
    );
    Statement::Insert(out)
}

/// `items` evaluated over one row of a relation: its columns (bare or qualified by `relation`)
/// put in as the row's values.
pub(crate) fn substitute_columns(
    exec: &Exec<'_>,
    relation: &str,
    columns: &[(String, DataType)],
    row: &[Value],
    items: &[SelectItem],
) -> Result<ResultSet> {
    let mut items = items.to_vec();
    for i in &mut items {
        if let SelectItem::Expr { expr, alias } = i {
            if alias.is_none()
                && let Expr::Column { name, .. } = expr
            {
                *alias = Some(name.clone());
            }
            walk::expr(expr, &mut |x| {
                let Expr::Column { table, name, .. } = x else { return Ok(false) };
                if table.as_deref().is_some_and(|t| t != relation) {
                    return Ok(false);
                }
                let Some(i) = columns.iter().position(|(c, _)| c == name) else {
                    return Ok(false);
                };
                *x = constant(row.get(i).unwrap_or(&Value::Null), &columns[i].1);
                Ok(true)
            })?;
        }
    }
    crate::engine::subquery::run(exec.db, &select_query(items)?, &exec.ctx)
}

/// NEW.x and OLD.x in `e` replaced by the row's values.
fn substitute(e: &mut Expr, im: &Images, columns: &[(String, DataType)]) -> Result<()> {
    walk::expr(e, &mut |x| replace(x, im, columns))
}

fn replace(x: &mut Expr, im: &Images, columns: &[(String, DataType)]) -> Result<bool> {
    let Expr::Column { table: Some(rec), name, .. } = x else { return Ok(false) };
    let row = match rec.as_str() {
        "new" => &im.new,
        "old" => &im.old,
        _ => return Ok(false),
    };
    let Some(i) = columns.iter().position(|(c, _)| c == name) else { return Ok(false) };
    let v = row.as_ref().and_then(|r| r.get(i)).cloned().unwrap_or(Value::Null);
    *x = constant(&v, &columns[i].1);
    Ok(true)
}

/// True when `cond` holds for the row.
fn holds(
    exec: &Exec<'_>,
    cond: &Expr,
    im: &Images,
    columns: &[(String, DataType)],
) -> Result<bool> {
    let mut e = cond.clone();
    substitute(&mut e, im, columns)?;
    let q = select_query(vec![SelectItem::Expr { expr: e, alias: None }])?;
    let r = crate::engine::subquery::run(exec.db, &q, &exec.ctx)?;
    Ok(matches!(r.rows.first().and_then(|r| r.first()), Some(Value::Bool(true))))
}

fn any_holds(
    exec: &Exec<'_>,
    conds: &[&Expr],
    im: &Images,
    columns: &[(String, DataType)],
) -> Result<bool> {
    for c in conds {
        if holds(exec, c, im, columns)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Adds `AND (cond) IS NOT TRUE` for each conditional INSTEAD rule to an UPDATE's or DELETE's
/// WHERE, OLD read as the target's columns and NEW as what the UPDATE assigns.
fn narrow(stmt: &mut Statement, conds: &[&Expr]) -> Result<()> {
    let (selection, alias, table, assignments) = match stmt {
        Statement::Update(u) => {
            (&mut u.selection, u.alias.clone(), u.table.name.clone(), u.assignments.clone())
        }
        Statement::Delete(d) => {
            (&mut d.selection, d.alias.clone(), d.table.name.clone(), Vec::new())
        }
        _ => return Ok(()),
    };
    let qualifier = alias.unwrap_or(table);
    for c in conds {
        let mut e = (*c).clone();
        walk::expr(&mut e, &mut |x| {
            let Expr::Column { table: Some(rec), name, pos } = x else { return Ok(false) };
            let assigned =
                assignments.iter().find(|(i, _)| &i.name == name).map(|(_, e)| e.clone());
            *x = match (rec.as_str(), assigned) {
                ("new", Some(e)) => e,
                ("new" | "old", _) => {
                    Expr::Column { table: Some(qualifier.clone()), name: name.clone(), pos: *pos }
                }
                _ => return Ok(false),
            };
            Ok(true)
        })?;
        let not_true = Expr::IsBool { expr: Box::new(e), value: true, negated: true };
        *selection = Some(match selection.take() {
            Some(s) => Expr::Binary {
                op: crate::sql::ast::BinaryOp::And,
                left: Box::new(s),
                right: Box::new(not_true),
                pos: None,
            },
            None => not_true,
        });
    }
    Ok(())
}
