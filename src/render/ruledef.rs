//! Rules printed back as `pg_get_ruledef` prints them: `\d`'s "Rules:" footer (pretty) and
//! `pg_rules.definition`, for the action shapes fksim runs (INSERT ... VALUES, UPDATE, DELETE).

use crate::engine::database::Database;
use crate::engine::rules::{Rule, RuleTarget};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::render::deparse::{deparse_default, deparse_expr};
use crate::sql::ast::{Expr, FromItem, InsertSource, ObjectName, Statement};
use crate::sql::walk;

/// `\d`'s "Rules:" footer of a table.
pub fn rule_footers(db: &Database, table: &Table) -> Vec<String> {
    footers(db, &RuleTarget::Table(table.id), "    ")
}

/// `\d+`'s "Rules:" footer of a view (psql indents a view's rules by one space).
pub fn view_rule_footers(db: &Database, schema: &str, name: &str) -> Vec<String> {
    footers(db, &RuleTarget::View(schema.to_string(), name.to_string()), " ")
}

fn footers(db: &Database, target: &RuleTarget, indent: &str) -> Vec<String> {
    let mut rules: Vec<&Rule> = db.rules.iter().filter(|r| &r.target == target).collect();
    if rules.is_empty() {
        return Vec::new();
    }
    rules.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut out = vec!["Rules:".to_string()];
    for r in rules {
        let def = rule_definition(db, r, true);
        let def = def.strip_prefix("CREATE RULE ").unwrap_or(&def);
        out.push(format!("{indent}{}", def.trim_end_matches(';')));
    }
    out
}

/// `pg_rules`: PostgreSQL's own two rules on `pg_settings`, then the user's.
pub fn pg_rules(db: &Database) -> crate::engine::pgcatalog_rel::Generated {
    let text = |s: &str| Value::Text(s.to_string());
    let cols = vec![
        ("schemaname", DataType::Text),
        ("tablename", DataType::Text),
        ("rulename", DataType::Text),
        ("definition", DataType::Text),
    ];
    let mut rows = vec![
        vec![
            text("pg_catalog"),
            text("pg_settings"),
            text("pg_settings_n"),
            text(
                "CREATE RULE pg_settings_n AS\n    ON UPDATE TO pg_catalog.pg_settings DO INSTEAD NOTHING;",
            ),
        ],
        vec![
            text("pg_catalog"),
            text("pg_settings"),
            text("pg_settings_u"),
            text(
                "CREATE RULE pg_settings_u AS\n    ON UPDATE TO pg_catalog.pg_settings\n   WHERE (new.name = old.name) DO  SELECT set_config(old.name, new.setting, false) AS set_config;",
            ),
        ],
    ];
    for r in &db.rules {
        let (schema, name) = relation(db, &r.target);
        if name.is_empty() {
            continue;
        }
        rows.push(vec![
            text(&schema),
            text(&name),
            text(&r.name),
            text(&rule_definition(db, r, false)),
        ]);
    }
    (cols, rows)
}

/// The relation's (schema, name).
fn relation(db: &Database, target: &RuleTarget) -> (String, String) {
    match target {
        RuleTarget::Table(id) => {
            db.table(*id).map(|t| (t.schema.clone(), t.name.clone())).unwrap_or_default()
        }
        RuleTarget::View(s, n) => (s.clone(), n.clone()),
    }
}

fn columns_of(db: &Database, name: &ObjectName) -> Vec<(String, DataType)> {
    if let Some(t) = db.lookup(name).and_then(|id| db.table(id).ok()) {
        return t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect();
    }
    crate::engine::views::find(db, name).map(|v| v.columns.clone()).unwrap_or_default()
}

/// `pg_get_ruledef(oid, pretty)`.
pub fn rule_definition(db: &Database, r: &Rule, pretty: bool) -> String {
    let (schema, name) = relation(db, &r.target);
    let table =
        if pretty && db.search_path.contains(&schema) { name } else { format!("{schema}.{name}") };
    let mut out = format!("CREATE RULE {} AS\n    ON {} TO {table}", r.name, r.event.word());
    if let Some(c) = &r.condition {
        out.push_str(&format!("\n   WHERE {}", expr(db, c, None, pretty, &condition_outer(r))));
    }
    out.push_str(" DO ");
    if r.instead {
        out.push_str("INSTEAD ");
    }
    match r.actions.as_slice() {
        [] => out.push_str("NOTHING;"),
        [(one, _)] => {
            out.push_str(&action(db, one, pretty));
            out.push(';');
        }
        many => {
            out.push('(');
            for (a, _) in many {
                out.push_str(&action(db, a, pretty));
                // ruleutils indents (and so ends each action with a newline) in both modes.
                out.push_str(";\n");
            }
            out.push_str(");");
        }
    }
    out
}

/// An expression, unqualified columns qualified by `owner`, its subqueries printed with the
/// table names of `outer` taken; outside pretty mode an operator expression is in parentheses.
fn expr(db: &Database, e: &Expr, owner: Option<&str>, pretty: bool, outer: &[String]) -> String {
    let mut e = e.clone();
    if let Some(owner) = owner {
        qualify(&mut e, owner);
    }
    lift(db, &mut e, pretty, outer, false);
    let text = deparse_expr(&e);
    match e {
        Expr::Binary { .. } | Expr::Unary { .. } if !pretty => format!("({text})"),
        _ => text,
    }
}

/// Unqualified columns outside subqueries qualified by `owner`.
fn qualify(e: &mut Expr, owner: &str) {
    let _ = walk::expr(e, &mut |x| {
        Ok(match x {
            Expr::Column { table: table @ None, .. } => {
                *table = Some(owner.to_string());
                false
            }
            Expr::InSubquery { expr: lhs, .. } => {
                qualify(lhs, owner);
                true
            }
            Expr::Exists { .. } | Expr::Subquery(_) => true,
            _ => false,
        })
    });
}

/// Replaces the subqueries (sublinks) of an expression by their printed text, as ruleutils'
/// get_sublink_expr prints them: `(EXISTS (...))`, `(x IN (...))`, `(...)`; NOT IN and NOT
/// EXISTS as NOT over them; in pretty mode an operator's operand gains parentheses.
fn lift(db: &Database, e: &mut Expr, pretty: bool, outer: &[String], under_op: bool) {
    let sub = |q: &crate::sql::ast::Query| sublink(db, q, pretty, outer);
    let (text, negated) = match e {
        Expr::Exists { query, negated } => (format!("(EXISTS ({}))", sub(query)), *negated),
        Expr::InSubquery { expr: x, query, negated, .. } => {
            lift(db, x, pretty, outer, false);
            (format!("({} IN ({}))", deparse_expr(x), sub(query)), *negated)
        }
        Expr::Subquery(query) => (format!("({})", sub(query)), false),
        Expr::Binary { op, left, right, .. } => {
            let op = !matches!(op, crate::sql::ast::BinaryOp::And | crate::sql::ast::BinaryOp::Or);
            lift(db, left, pretty, outer, op);
            lift(db, right, pretty, outer, op);
            return;
        }
        Expr::Unary { expr: x, .. } => return lift(db, x, pretty, outer, false),
        other => {
            let _ = walk::expr(other, &mut |x| {
                Ok(match x {
                    Expr::Exists { .. } | Expr::InSubquery { .. } | Expr::Subquery(_) => {
                        lift(db, x, pretty, outer, false);
                        true
                    }
                    _ => false,
                })
            });
            return;
        }
    };
    let text = if pretty && under_op && !negated { format!("({text})") } else { text };
    let shown = Expr::Column { table: None, name: text, pos: None };
    *e = if negated {
        Expr::Unary { op: crate::sql::ast::UnaryOp::Not, expr: Box::new(shown), pos: None }
    } else {
        shown
    };
}

/// A subquery under a rule: a table of the enclosing query's (`outer`) is renamed `name_1`.
fn sublink(db: &Database, q: &crate::sql::ast::Query, pretty: bool, outer: &[String]) -> String {
    let mut q = q.clone();
    rename_clashes(&mut q, outer);
    crate::render::viewdef::sublink_text(db, &q, pretty)
}

/// set_rtable_names: a FROM table of a subquery named as a table of the enclosing query gets
/// the name `name_1`, its qualified columns with it.
fn rename_clashes(q: &mut crate::sql::ast::Query, outer: &[String]) {
    let crate::sql::ast::QueryBody::Select(s) = &mut q.body else { return };
    let mut renamed: Vec<(String, String)> = Vec::new();
    for item in &mut s.from {
        if let FromItem::Table { name, alias: alias @ None } = item
            && outer.contains(&name.name)
        {
            let new = format!("{}_1", name.name);
            renamed.push((name.name.clone(), new.clone()));
            *alias = Some(new);
        }
    }
    if renamed.is_empty() {
        return;
    }
    let _ = walk::query(q, &mut |x| {
        if let Expr::Column { table: Some(t), .. } = x
            && let Some((_, new)) = renamed.iter().find(|(old, _)| old == t)
        {
            *t = new.clone();
        }
        Ok(false)
    });
}

/// The table names the rule's condition is printed among: those of its first action (the
/// FROM list of an INSERT's SELECT, else the table it writes).
fn condition_outer(r: &Rule) -> Vec<String> {
    match r.actions.first().map(|(a, _)| a) {
        Some(Statement::Insert(i)) => match &i.source {
            InsertSource::Query(q) => match &q.body {
                crate::sql::ast::QueryBody::Select(s) => s
                    .from
                    .iter()
                    .filter_map(|f| match f {
                        FromItem::Table { name, alias } => {
                            Some(alias.clone().unwrap_or_else(|| name.name.clone()))
                        }
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => vec![i.table.name.clone()],
        },
        Some(Statement::Update(u)) => vec![u.table.name.clone()],
        Some(Statement::Delete(d)) => vec![d.table.name.clone()],
        _ => Vec::new(),
    }
}

fn action(db: &Database, s: &Statement, pretty: bool) -> String {
    let shown = |n: &ObjectName| match &n.schema {
        Some(s) if !db.search_path.contains(s) => format!("{s}.{}", n.name),
        _ => n.name.clone(),
    };
    match s {
        Statement::Insert(ins) => {
            let columns = columns_of(db, &ins.table);
            let targets: Vec<usize> = if ins.columns.is_empty() {
                (0..columns.len()).collect()
            } else {
                ins.columns
                    .iter()
                    .filter_map(|c| columns.iter().position(|(n, _)| n == &c.name))
                    .collect()
            };
            let mut out = format!(" INSERT INTO {}", shown(&ins.table));
            if let InsertSource::Values(rows) = &ins.source
                && let [row] = rows.as_slice()
            {
                let names: Vec<&str> =
                    targets.iter().take(row.len()).map(|&i| columns[i].0.as_str()).collect();
                out.push_str(&format!(" ({})", names.join(", ")));
                let values: Vec<String> = row
                    .iter()
                    .zip(&targets)
                    .map(|(e, &i)| value(db, e, &columns[i].1, pretty, &ins.table.name))
                    .collect();
                out.push_str(&format!("\n  VALUES ({})", values.join(", ")));
            }
            if let InsertSource::Query(q) = &ins.source {
                let mut q = (**q).clone();
                let n = match &q.body {
                    crate::sql::ast::QueryBody::Select(s) => s.items.len(),
                    _ => targets.len(),
                };
                let names: Vec<&str> =
                    targets.iter().take(n).map(|&i| columns[i].0.as_str()).collect();
                out.push_str(&format!(" ({}) ", names.join(", ")));
                // The SELECT's own string constants stay untyped.
                if let crate::sql::ast::QueryBody::Select(s) = &mut q.body {
                    for item in &mut s.items {
                        if let crate::sql::ast::SelectItem::Expr { expr: e, .. } = item
                            && let Expr::Literal(crate::sql::ast::Literal::String(text, _)) = e
                        {
                            let name = format!("'{}'", text.replace('\'', "''"));
                            *e = Expr::Column { table: None, name, pos: None };
                        }
                    }
                }
                out.push_str(&sublink(db, &q, pretty, std::slice::from_ref(&ins.table.name)));
            }
            out
        }
        Statement::Delete(d) => {
            let owner = d.alias.clone().unwrap_or_else(|| d.table.name.clone());
            let outer = [d.table.name.clone()];
            let mut out = format!(" DELETE FROM {}", shown(&d.table));
            if let Some(a) = &d.alias {
                out.push_str(&format!(" {a}"));
            }
            if let Some(w) = &d.selection {
                out.push_str(&format!("\n  WHERE {}", expr(db, w, Some(&owner), pretty, &outer)));
            }
            out
        }
        Statement::Update(u) => {
            let owner = u.alias.clone().unwrap_or_else(|| u.table.name.clone());
            let outer = [u.table.name.clone()];
            let sets: Vec<String> = u
                .assignments
                .iter()
                .map(|(c, e)| format!("{} = {}", c.name, expr(db, e, Some(&owner), pretty, &outer)))
                .collect();
            let mut out = format!(" UPDATE {} SET {}", shown(&u.table), sets.join(", "));
            if let Some(w) = &u.selection {
                out.push_str(&format!("\n  WHERE {}", expr(db, w, Some(&owner), pretty, &outer)));
            }
            out
        }
        _ => String::new(),
    }
}

/// A VALUES item as the column's type takes it: a constant typed (`'x'::text`, `NULL::text`).
fn value(db: &Database, e: &Expr, ty: &DataType, pretty: bool, target: &str) -> String {
    match e {
        Expr::Literal(crate::sql::ast::Literal::Null) => format!("NULL::{}", ty.base().pg_name()),
        Expr::Literal(_) => deparse_default(e, ty),
        other => expr(db, other, None, pretty, &[target.to_string()]),
    }
}
