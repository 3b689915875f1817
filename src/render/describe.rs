//! psql's `\d TABLE` and `\dt`, as psql 15 prints them: the column table, then the indexes,
//! check constraints, foreign keys and "Referenced by" footers.

use crate::engine::catalog::{Action, ColumnDefault, ForeignKey};
use crate::engine::database::Database;
use crate::engine::routines::Trigger;
use crate::engine::table::Table;
use crate::render::deparse::{deparse_default, deparse_expr};
use crate::render::psql::{TableView, render_view};

/// `\d NAME`: the description of one table, or None when no relation has that name.
pub fn describe_table(db: &Database, pattern: &str) -> Option<String> {
    let (schema, name) = match pattern.split_once('.') {
        Some((s, n)) => (Some(s.to_string()), n.to_string()),
        None => (None, pattern.to_string()),
    };
    // A bare name means the table the search path finds first, as psql's visibility rule.
    let table = match schema {
        Some(s) => db.tables.values().find(|t| t.name == name && t.schema == s)?,
        None => db
            .search_path
            .iter()
            .find_map(|s| db.tables.values().find(|t| t.name == name && &t.schema == s))?,
    };
    let rows = table
        .columns
        .iter()
        .map(|c| {
            let default = match &c.default {
                None => String::new(),
                Some(ColumnDefault::Sequence(seq)) => {
                    format!("nextval('{}'::regclass)", qualified_if_hidden(db, &table.schema, seq))
                }
                Some(ColumnDefault::Expr(e)) => deparse_default(e, &c.data_type),
            };
            vec![
                c.name.clone(),
                c.data_type.pg_name(),
                String::new(),
                if c.not_null { "not null".into() } else { String::new() },
                default,
            ]
        })
        .collect();
    let mut footers = Vec::new();
    let mut indexes: Vec<(bool, String, String)> = table
        .uniques
        .iter()
        .map(|u| {
            let kind = if u.primary { "PRIMARY KEY" } else { "UNIQUE CONSTRAINT" };
            (
                u.primary,
                u.name.clone(),
                format!("    \"{}\" {kind}, btree ({})", u.name, column_list(table, &u.columns)),
            )
        })
        .collect();
    indexes.extend(table.indexes.iter().map(|i| {
        let unique = if i.unique { " UNIQUE," } else { "" };
        (
            false,
            i.name.clone(),
            format!("    \"{}\"{unique} btree ({})", i.name, column_list(table, &i.columns)),
        )
    }));
    indexes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    if !indexes.is_empty() {
        footers.push("Indexes:".to_string());
        footers.extend(indexes.into_iter().map(|i| i.2));
    }
    let mut checks: Vec<_> = table.checks.iter().collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    if !checks.is_empty() {
        footers.push("Check constraints:".to_string());
        footers.extend(
            checks.iter().map(|c| format!("    \"{}\" CHECK ({})", c.name, deparse_expr(&c.expr))),
        );
    }
    let mut own: Vec<&ForeignKey> = db.fks_of(table.id).collect();
    own.sort_by(|a, b| a.name.cmp(&b.name));
    if !own.is_empty() {
        footers.push("Foreign-key constraints:".to_string());
        footers
            .extend(own.iter().map(|fk| format!("    \"{}\" {}", fk.name, constraint_def(db, fk))));
    }
    let mut referencing: Vec<&ForeignKey> = db.fks_referencing(table.id).collect();
    referencing.sort_by(|a, b| a.name.cmp(&b.name));
    if !referencing.is_empty() {
        footers.push("Referenced by:".to_string());
        footers.extend(referencing.iter().map(|fk| {
            let child = db
                .tables
                .get(&fk.child)
                .map(|t| qualified_if_hidden(db, &t.schema, &t.name))
                .unwrap_or_default();
            format!("    TABLE \"{child}\" CONSTRAINT \"{}\" {}", fk.name, constraint_def(db, fk))
        }));
    }
    footers.extend(policy_footers(db, table));
    let publications = db.admin.publications_of(table.id);
    if !publications.is_empty() {
        footers.push("Publications:".to_string());
        footers.extend(publications.iter().map(|p| format!("    \"{p}\"")));
    }
    let mut triggers: Vec<&Trigger> = db.triggers.iter().filter(|t| t.table == table.id).collect();
    triggers.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    if !triggers.is_empty() {
        footers.push("Triggers:".to_string());
        footers.extend(triggers.iter().map(|t| format!("    {}", trigger_def(db, table, t))));
    }
    let view = TableView {
        title: Some(format!("Table \"{}.{}\"", table.schema, table.name)),
        headers: ["Column", "Type", "Collation", "Nullable", "Default"].map(String::from).to_vec(),
        right_align: vec![false; 5],
        rows,
        footers,
        row_count: false,
    };
    Some(render_view(&view))
}

/// psql's "Policies" footer: its heading tells whether row security is enabled and forced;
/// each policy shows its kind, command, roles and conditions as `pg_get_expr` prints them.
fn policy_footers(db: &Database, table: &Table) -> Vec<String> {
    let (enabled, forced) = db.admin.row_security.get(&table.id).copied().unwrap_or_default();
    let policies = db.admin.policies_of(table.id);
    let heading = match (enabled, forced, policies.is_empty()) {
        (true, false, false) => "Policies:",
        (true, true, false) => "Policies (forced row security enabled):",
        (true, false, true) => "Policies (row security enabled): (none)",
        (true, true, true) => "Policies (forced row security enabled): (none)",
        (false, _, false) => "Policies (row security disabled):",
        (false, _, true) => return Vec::new(),
    };
    let mut out = vec![heading.to_string()];
    for p in policies {
        let mut line = format!("    POLICY \"{}\"", p.name);
        if !p.permissive {
            line.push_str(" AS RESTRICTIVE");
        }
        if p.command != "all" {
            line.push_str(&format!(" FOR {}", p.command.to_uppercase()));
        }
        if !p.roles.is_empty() {
            line.push_str(&format!("\n      TO {}", p.roles.join(",")));
        }
        if let Some(e) = &p.using {
            line.push_str(&format!("\n      USING ({})", deparse_condition(e)));
        }
        if let Some(e) = &p.check {
            line.push_str(&format!("\n      WITH CHECK ({})", deparse_condition(e)));
        }
        out.push(line);
    }
    out
}

/// `pg_get_expr` of a policy condition: an operator expression comes back in parentheses, a
/// constant, column or function call does not.
fn deparse_condition(e: &crate::sql::ast::Expr) -> String {
    use crate::sql::ast::Expr;
    match e {
        Expr::Literal(_) | Expr::Column { .. } | Expr::Function { .. } | Expr::Cast { .. } => {
            deparse_expr(e)
        }
        other => format!("({})", deparse_expr(other)),
    }
}

/// `pg_get_triggerdef(oid, true)` after its `CREATE TRIGGER `, as psql shows it.
fn trigger_def(db: &Database, table: &Table, t: &Trigger) -> String {
    let mut events = Vec::new();
    if t.on_insert {
        events.push("INSERT".to_string());
    }
    if t.on_delete {
        events.push("DELETE".to_string());
    }
    match &t.on_update {
        Some(cols) if !cols.is_empty() => {
            events.push(format!("UPDATE OF {}", column_list(table, cols)))
        }
        Some(_) => events.push("UPDATE".to_string()),
        None => {}
    }
    let when = t.when.as_ref().map(|w| format!("WHEN ({}) ", deparse_expr(w))).unwrap_or_default();
    let (schema, name) = &t.function;
    let function =
        if db.search_path.contains(schema) { name.clone() } else { format!("{schema}.{name}") };
    format!(
        "{} {} {} ON {} FOR EACH ROW {when}EXECUTE FUNCTION {function}()",
        t.name,
        if t.before { "BEFORE" } else { "AFTER" },
        events.join(" OR "),
        qualified_if_hidden(db, &table.schema, &table.name)
    )
}

/// `\dt`: the tables of the visible schemas.
pub fn list_tables(db: &Database) -> Option<String> {
    tables_view(db).map(|v| render_view(&v))
}

/// `\dt`'s table, for psql's printers (aligned or expanded).
pub fn tables_view(db: &Database) -> Option<TableView> {
    let mut tables: Vec<&Table> =
        db.tables.values().filter(|t| db.search_path.contains(&t.schema)).collect();
    if tables.is_empty() {
        return None;
    }
    tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    let view = TableView {
        title: Some("List of relations".to_string()),
        headers: ["Schema", "Name", "Type", "Owner"].map(String::from).to_vec(),
        right_align: vec![false; 4],
        rows: tables
            .iter()
            .map(|t| {
                vec![t.schema.clone(), t.name.clone(), "table".to_string(), "postgres".to_string()]
            })
            .collect(),
        footers: Vec::new(),
        row_count: true,
    };
    Some(view)
}

/// `\dn`'s table: the schemas by name, with the owners a fresh PostgreSQL 15 database has.
pub fn schemas_view(db: &Database) -> TableView {
    let mut names: Vec<&String> = db.schemas.iter().collect();
    names.sort();
    TableView {
        title: Some("List of schemas".into()),
        headers: vec!["Name".into(), "Owner".into()],
        right_align: vec![false, false],
        rows: names
            .iter()
            .map(|n| {
                let owner = if *n == "public" { "pg_database_owner" } else { "postgres" };
                vec![(*n).clone(), owner.into()]
            })
            .collect(),
        footers: Vec::new(),
        row_count: true,
    }
}

/// A relation name as `regclass` prints it: qualified unless its schema is on the search path.
fn qualified_if_hidden(db: &Database, schema: &str, name: &str) -> String {
    if db.search_path.iter().any(|s| s == schema) {
        name.to_string()
    } else {
        format!("{schema}.{name}")
    }
}

fn column_list(t: &Table, columns: &[usize]) -> String {
    columns.iter().map(|&c| t.columns[c].name.as_str()).collect::<Vec<_>>().join(", ")
}

/// `pg_get_constraintdef` of a foreign key.
pub fn constraint_def(db: &Database, fk: &ForeignKey) -> String {
    let (Some(child), Some(parent)) = (db.tables.get(&fk.child), db.tables.get(&fk.parent)) else {
        return String::new();
    };
    let mut s = format!(
        "FOREIGN KEY ({}) REFERENCES {}({})",
        column_list(child, &fk.child_columns),
        qualified_if_hidden(db, &parent.schema, &parent.name),
        column_list(parent, &fk.parent_columns)
    );
    if fk.match_full {
        s.push_str(" MATCH FULL");
    }
    let action = |a: &Action, key_columns: &[usize]| -> Option<String> {
        match a {
            Action::NoAction => None,
            Action::SetNull(cols) | Action::SetDefault(cols) if cols.as_slice() != key_columns => {
                Some(format!("{} ({})", a.sql(), column_list(child, cols)))
            }
            other => Some(other.sql().to_string()),
        }
    };
    if let Some(a) = action(&fk.on_update, &fk.child_columns) {
        s.push_str(&format!(" ON UPDATE {a}"));
    }
    if let Some(a) = action(&fk.on_delete, &fk.child_columns) {
        s.push_str(&format!(" ON DELETE {a}"));
    }
    if fk.deferrable {
        s.push_str(" DEFERRABLE");
    }
    if fk.initially_deferred {
        s.push_str(" INITIALLY DEFERRED");
    }
    if !fk.validated {
        s.push_str(" NOT VALID");
    }
    s
}
