//! Rules printed back as `pg_get_ruledef` prints them: `\d`'s "Rules:" footer (pretty) and
//! `pg_rules.definition`, for the action shapes fksim runs (INSERT ... VALUES, UPDATE, DELETE).

use crate::engine::database::Database;
use crate::engine::rules::{Rule, RuleTarget};
use crate::engine::table::Table;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::render::deparse::{deparse_default, deparse_expr};
use crate::sql::ast::{Expr, InsertSource, ObjectName, Statement};
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
        out.push_str(&format!("\n   WHERE {}", expr(c, None, pretty)));
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

/// An expression, unqualified columns qualified by `owner`; outside pretty mode an operator
/// expression is in parentheses.
fn expr(e: &Expr, owner: Option<&str>, pretty: bool) -> String {
    let mut e = e.clone();
    if let Some(owner) = owner {
        let _ = walk::expr(&mut e, &mut |x| {
            if let Expr::Column { table: table @ None, .. } = x {
                *table = Some(owner.to_string());
            }
            Ok(false)
        });
    }
    let text = deparse_expr(&e);
    match e {
        Expr::Binary { .. } | Expr::Unary { .. } if !pretty => format!("({text})"),
        _ => text,
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
                    .map(|(e, &i)| value(e, &columns[i].1, pretty))
                    .collect();
                out.push_str(&format!("\n  VALUES ({})", values.join(", ")));
            }
            out
        }
        Statement::Delete(d) => {
            let owner = d.alias.clone().unwrap_or_else(|| d.table.name.clone());
            let mut out = format!(" DELETE FROM {}", shown(&d.table));
            if let Some(a) = &d.alias {
                out.push_str(&format!(" {a}"));
            }
            if let Some(w) = &d.selection {
                out.push_str(&format!("\n  WHERE {}", expr(w, Some(&owner), pretty)));
            }
            out
        }
        Statement::Update(u) => {
            let owner = u.alias.clone().unwrap_or_else(|| u.table.name.clone());
            let sets: Vec<String> = u
                .assignments
                .iter()
                .map(|(c, e)| format!("{} = {}", c.name, expr(e, Some(&owner), pretty)))
                .collect();
            let mut out = format!(" UPDATE {} SET {}", shown(&u.table), sets.join(", "));
            if let Some(w) = &u.selection {
                out.push_str(&format!("\n  WHERE {}", expr(w, Some(&owner), pretty)));
            }
            out
        }
        _ => String::new(),
    }
}

/// A VALUES item as the column's type takes it: a constant typed (`'x'::text`, `NULL::text`).
fn value(e: &Expr, ty: &DataType, pretty: bool) -> String {
    match e {
        Expr::Literal(crate::sql::ast::Literal::Null) => format!("NULL::{}", ty.base().pg_name()),
        Expr::Literal(_) => deparse_default(e, ty),
        other => expr(other, None, pretty),
    }
}
