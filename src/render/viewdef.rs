//! psql's `\d VIEW` / `\d+ VIEW`, `\dv`, `\dm` and the views in `\d`'s list, and the view
//! definition as `pg_get_viewdef(v, true)` prints it for the query shapes fksim deparses.

use crate::engine::database::Database;
use crate::engine::types::DataType;
use crate::engine::views::{View, find};
use crate::render::deparse::deparse_expr;
use crate::render::psql::{TableView, render_view};
use crate::sql::ast::{
    BinaryOp, Expr, FromItem, JoinKind, Literal, ObjectName, Query, QueryBody, SelectItem,
};

/// `\d[+] NAME` for a view or materialized view; None when the name is no view.
pub fn describe_view(db: &Database, pattern: &str, verbose: bool) -> Option<String> {
    let name = match pattern.split_once('.') {
        Some((s, n)) => ObjectName { schema: Some(s.into()), name: n.into(), pos: None },
        None => ObjectName { schema: None, name: pattern.into(), pos: None },
    };
    let v = find(db, &name)?;
    let mut headers = vec!["Column", "Type", "Collation", "Nullable", "Default"];
    if verbose {
        headers.push("Storage");
        if v.materialized {
            headers.extend(["Compression", "Stats target"]);
        }
        headers.push("Description");
    }
    let rows = v
        .columns
        .iter()
        .map(|(n, t)| {
            let mut row = vec![n.clone(), t.pg_name(), String::new(), String::new(), String::new()];
            if verbose {
                row.push(storage(t).into());
                if v.materialized {
                    row.extend([String::new(), String::new()]);
                }
                row.push(String::new());
            }
            row
        })
        .collect();
    let mut footers = Vec::new();
    if verbose {
        footers.push("View definition:".to_string());
        footers.extend(view_definition(db, v).lines().map(String::from));
        footers.extend(crate::render::ruledef::view_rule_footers(db, &v.schema, &v.name));
        if v.materialized {
            footers.push("Access method: heap".to_string());
        }
        footers.extend(crate::engine::view_options::footer(v));
    }
    footers.extend(crate::render::describe::view_trigger_footers(db, &v.schema, &v.name));
    let kind = if v.materialized { "Materialized view" } else { "View" };
    let view = TableView {
        title: Some(format!("{kind} \"{}.{}\"", v.schema, v.name)),
        right_align: vec![false; headers.len()],
        headers: headers.into_iter().map(String::from).collect(),
        rows,
        footers,
        row_count: false,
    };
    Some(render_view(&view))
}

/// pg_attribute's storage of a type, as `\d+` names it.
pub(crate) fn storage(t: &DataType) -> &'static str {
    match t.base() {
        DataType::Numeric(_) | DataType::Inet | DataType::Cidr => "main",
        DataType::TsVector
        | DataType::Text
        | DataType::Varchar(_)
        | DataType::Char(_)
        | DataType::Json
        | DataType::Jsonb
        | DataType::Bytea
        | DataType::Array(_) => "extended",
        _ => "plain",
    }
}

/// `\d` (`kinds` empty: tables and views of both kinds), `\dv` (`["view"]`), `\dm`
/// (`["materialized view"]`): the relations of the visible schemas by schema and name.
pub fn relations_view(
    db: &Database,
    tables: Option<TableView>,
    kinds: &[&str],
) -> Option<TableView> {
    let mut rows: Vec<Vec<String>> = tables.map(|t| t.rows).unwrap_or_default();
    for v in db.views.list.values() {
        let kind = if v.materialized { "materialized view" } else { "view" };
        if db.search_path.contains(&v.schema) && (kinds.is_empty() || kinds.contains(&kind)) {
            rows.push(vec![v.schema.clone(), v.name.clone(), kind.into(), "postgres".into()]);
        }
    }
    if kinds.is_empty() || kinds.contains(&"sequence") {
        rows.extend(sequence_rows(db, None));
    }
    Some(relations_table(rows))
}

/// psql's "List of relations" of (schema, name, type, owner) rows, sorted by schema and name.
fn relations_table(mut rows: Vec<Vec<String>>) -> TableView {
    rows.sort_by(|a, b| (&a[0], &a[1]).cmp(&(&b[0], &b[1])));
    TableView {
        title: Some("List of relations".to_string()),
        headers: ["Schema", "Name", "Type", "Owner"].map(String::from).to_vec(),
        right_align: vec![false; 4],
        rows,
        footers: Vec::new(),
        row_count: true,
    }
}

/// `\ds [pattern]`'s rows: the sequences on the search path, or those a psql pattern
/// (`[schema.]name`, `*` and `?` wildcards) names.
fn sequence_rows(db: &Database, pattern: Option<&str>) -> Vec<Vec<String>> {
    let glob = crate::render::functions::glob;
    let (schema_pattern, name_pattern) = match pattern.map(|p| p.trim_matches('"')) {
        Some(p) => match p.split_once('.') {
            Some((s, n)) => (Some(s), Some(n)),
            None => (None, Some(p)),
        },
        None => (None, None),
    };
    let mut rows = Vec::new();
    for k in db.sequences.borrow().map.keys() {
        let (schema, name) = k.split_once('.').unwrap_or(("", k));
        let schema_ok = match schema_pattern {
            Some(p) => glob(p, schema),
            None => db.search_path.iter().any(|s| s == schema),
        };
        if schema_ok && name_pattern.is_none_or(|p| glob(p, name)) {
            rows.push(vec![schema.into(), name.into(), "sequence".into(), "postgres".into()]);
        }
    }
    rows
}

/// The relations of a FROM list: (qualifier, columns with their types).
type Relations = Vec<(String, Vec<(String, DataType)>)>;

fn relation_columns(db: &Database, name: &ObjectName) -> Vec<(String, DataType)> {
    if let Some(v) = find(db, name) {
        return v.columns.clone();
    }
    db.lookup(name)
        .and_then(|id| db.table(id).ok())
        .map(|t| t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect())
        .unwrap_or_default()
}

fn collect(db: &Database, item: &FromItem, out: &mut Relations) {
    match item {
        FromItem::Table { name, alias } => out
            .push((alias.clone().unwrap_or_else(|| name.name.clone()), relation_columns(db, name))),
        FromItem::Join { left, right, .. } => {
            collect(db, left, out);
            collect(db, right, out);
        }
        FromItem::Subquery { alias, columns, .. } => {
            out.push((alias.clone(), columns.iter().map(|c| (c.clone(), DataType::Text)).collect()))
        }
        FromItem::Function { .. } => {}
    }
}

/// The view's query as pg_get_viewdef's pretty form prints it.
pub fn view_definition(db: &Database, v: &View) -> String {
    format!("{};", query_text(db, &v.query, &v.columns))
}

fn query_text(db: &Database, q: &Query, columns: &[(String, DataType)]) -> String {
    query_text_as(db, q, columns, true)
}

/// A subquery inside a rule's condition or action (a sublink, or INSERT's SELECT), as
/// ruleutils prints it there: its columns named as the parser named them, its lines indented
/// by eight; outside pretty mode each operator expression in parentheses.
pub(crate) fn sublink_text(db: &Database, q: &Query, pretty: bool) -> String {
    let columns: Vec<(String, DataType)> = match &q.body {
        QueryBody::Select(s) => s
            .items
            .iter()
            .map(|i| match i {
                SelectItem::Expr { alias: Some(a), .. } => (a.clone(), DataType::Text),
                SelectItem::Expr { expr, .. } => {
                    (crate::engine::query::column_name(expr), DataType::Text)
                }
                _ => (String::new(), DataType::Text),
            })
            .collect(),
        _ => Vec::new(),
    };
    query_text_as(db, q, &columns, pretty).replace('\n', "\n        ")
}

fn query_text_as(db: &Database, q: &Query, columns: &[(String, DataType)], pretty: bool) -> String {
    let QueryBody::Select(s) = &q.body else { return " ...".to_string() };
    let expr_text = |rels: &Relations, e: &Expr| {
        let text = expr_text(rels, e);
        match e {
            Expr::Binary { .. } | Expr::Unary { .. } if !pretty => format!("({text})"),
            _ => text,
        }
    };
    let mut rels = Relations::new();
    s.from.iter().for_each(|i| collect(db, i, &mut rels));
    let mut items = Vec::new();
    for item in &s.items {
        match item {
            SelectItem::Wildcard => {
                for (r, cols) in &rels {
                    items.extend(cols.iter().map(|(c, _)| (format!("{r}.{c}"), c.clone())));
                }
            }
            SelectItem::QualifiedWildcard(q) => {
                for (r, cols) in rels.iter().filter(|(r, _)| r == q) {
                    items.extend(cols.iter().map(|(c, _)| (format!("{r}.{c}"), c.clone())));
                }
            }
            SelectItem::Expr { expr, .. } => {
                let natural = match expr {
                    Expr::Column { name, .. } => Some(name.clone()),
                    _ => Some("?column?".to_string()),
                };
                items.push((expr_text(&rels, expr), natural.unwrap_or_default()));
            }
        }
    }
    let list: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, (text, natural))| match columns.get(i) {
            Some((name, _)) if name != natural => format!("{text} AS {name}"),
            _ => text.clone(),
        })
        .collect();
    let mut out = format!(" SELECT {}", list.join(",\n    "));
    if !s.from.is_empty() {
        let from: Vec<String> = s.from.iter().map(|i| from_text(db, &rels, i)).collect();
        out.push_str(&format!("\n   FROM {}", from.join(",\n    ")));
    }
    if let Some(w) = &s.selection {
        out.push_str(&format!("\n  WHERE {}", expr_text(&rels, w)));
    }
    if !s.group_by.is_empty() {
        let g: Vec<String> = s.group_by.iter().map(|e| sort_item(&rels, e)).collect();
        out.push_str(&format!("\n  GROUP BY {}", g.join(", ")));
    }
    if let Some(h) = &s.having {
        out.push_str(&format!("\n HAVING {}", expr_text(&rels, h)));
    }
    if !q.order_by.is_empty() {
        let o: Vec<String> = q
            .order_by
            .iter()
            .map(|o| {
                let mut t = sort_item(&rels, &o.expr);
                if o.desc {
                    t.push_str(" DESC");
                }
                match (o.nulls_first, o.desc) {
                    (Some(true), false) => t.push_str(" NULLS FIRST"),
                    (Some(false), true) => t.push_str(" NULLS LAST"),
                    _ => {}
                }
                t
            })
            .collect();
        out.push_str(&format!("\n  ORDER BY {}", o.join(", ")));
    }
    if let Some(o) = &q.offset {
        out.push_str(&format!("\n OFFSET {}", deparse_expr(o)));
    }
    if let Some(l) = &q.limit {
        out.push_str(&format!("\n LIMIT {}", deparse_expr(l)));
    }
    out
}

fn from_text(db: &Database, rels: &Relations, item: &FromItem) -> String {
    match item {
        FromItem::Table { name, alias } => match alias {
            Some(a) => format!("{} {a}", name.name),
            None => name.name.clone(),
        },
        FromItem::Join { left, right, kind, on, using } => {
            let word = match kind {
                JoinKind::Inner => "JOIN",
                JoinKind::Left => "LEFT JOIN",
                JoinKind::Right => "RIGHT JOIN",
                JoinKind::Full => "FULL JOIN",
                JoinKind::Cross => "CROSS JOIN",
            };
            let on = match (on, using) {
                (Some(e), _) => format!(" ON {}", expr_text(rels, e)),
                (None, Some(u)) if !u.natural => format!(" USING ({})", u.columns.join(", ")),
                _ => String::new(),
            };
            format!("{}\n     {word} {}{on}", from_text(db, rels, left), from_text(db, rels, right))
        }
        FromItem::Subquery { query, alias, lateral, .. } => {
            let word = if *lateral { "LATERAL " } else { "" };
            format!("{word}( {}) {alias}", query_text(db, query, &[]))
        }
        FromItem::Function { name, args, .. } => {
            format!("{name}({})", args.iter().map(deparse_expr).collect::<Vec<_>>().join(", "))
        }
    }
}

/// The expression with its column references qualified and its constants typed as PostgreSQL
/// binds them, then deparsed.
fn expr_text(rels: &Relations, e: &Expr) -> String {
    deparse_expr(&bind(rels, e))
}

/// A GROUP BY or ORDER BY item: in parentheses unless a plain column (pretty mode).
fn sort_item(rels: &Relations, e: &Expr) -> String {
    match e {
        Expr::Column { .. } => expr_text(rels, e),
        _ => format!("({})", expr_text(rels, e)),
    }
}

fn column_type(rels: &Relations, e: &Expr) -> Option<DataType> {
    let Expr::Column { table, name, .. } = e else { return None };
    rels.iter()
        .filter(|(r, _)| table.as_ref().is_none_or(|t| t == r))
        .find_map(|(_, cols)| cols.iter().find(|(c, _)| c == name).map(|(_, t)| t.clone()))
}

fn bind(rels: &Relations, e: &Expr) -> Expr {
    match e {
        Expr::Column { table: None, name, pos } => {
            let owner = rels.iter().find(|(_, cols)| cols.iter().any(|(c, _)| c == name));
            Expr::Column { table: owner.map(|(r, _)| r.clone()), name: name.clone(), pos: *pos }
        }
        Expr::Between { expr, low, high, negated: false } => bind(
            rels,
            &Expr::Binary {
                op: BinaryOp::And,
                left: Box::new(Expr::Binary {
                    op: BinaryOp::GtEq,
                    left: expr.clone(),
                    right: low.clone(),
                    pos: None,
                }),
                right: Box::new(Expr::Binary {
                    op: BinaryOp::LtEq,
                    left: expr.clone(),
                    right: high.clone(),
                    pos: None,
                }),
                pos: None,
            },
        ),
        Expr::Binary { op, left, right, pos } => {
            let (mut l, mut r) = (bind(rels, left), bind(rels, right));
            let (lt, rt) = (column_type(rels, left), column_type(rels, right));
            if !matches!(op, BinaryOp::And | BinaryOp::Or) {
                if let Some(t) = &lt {
                    (l, r) = coerce_pair(l, r, t);
                } else if let Some(t) = &rt {
                    (r, l) = coerce_pair(r, l, t);
                }
            }
            Expr::Binary { op: *op, left: Box::new(l), right: Box::new(r), pos: *pos }
        }
        Expr::Unary { op, expr, pos } => {
            Expr::Unary { op: *op, expr: Box::new(bind(rels, expr)), pos: *pos }
        }
        Expr::IsNull { expr, negated } => {
            Expr::IsNull { expr: Box::new(bind(rels, expr)), negated: *negated }
        }
        Expr::Cast { expr, to, pos } => {
            Expr::Cast { expr: Box::new(bind(rels, expr)), to: to.clone(), pos: *pos }
        }
        Expr::InList { expr, list, negated } if list.len() == 1 => bind(
            rels,
            &Expr::Binary {
                op: if *negated { BinaryOp::NotEq } else { BinaryOp::Eq },
                left: expr.clone(),
                right: Box::new(list[0].clone()),
                pos: None,
            },
        ),
        Expr::InList { expr, list, negated } => {
            let t = column_type(rels, expr);
            let items = list
                .iter()
                .map(|x| match &t {
                    Some(t) => coerce_pair(bind(rels, expr), bind(rels, x), t).1,
                    None => bind(rels, x),
                })
                .collect();
            let array = Expr::Function {
                schema: None,
                name: "array".into(),
                args: items,
                star: false,
                distinct: false,
                pos: None,
            };
            let (expr, _) = match &t {
                Some(t) => coerce_pair(bind(rels, expr), Expr::Literal(Literal::Null), t),
                None => (bind(rels, expr), Expr::Literal(Literal::Null)),
            };
            Expr::Function {
                schema: None,
                name: if *negated { "<> all".into() } else { "= any".into() },
                args: vec![expr, array],
                star: false,
                distinct: false,
                pos: None,
            }
        }
        Expr::Function { schema, name, args, star, distinct, pos } => {
            let mut args: Vec<Expr> = args.iter().map(|a| bind(rels, a)).collect();
            // COALESCE and friends: a string constant takes the type of a column beside it.
            if schema.is_none() && matches!(name.as_str(), "coalesce" | "greatest" | "least") {
                let t = args.iter().find_map(|a| {
                    column_type(rels, a).or_else(|| match a {
                        Expr::Column { table: Some(q), name, .. } => column_type(
                            rels,
                            &Expr::Column { table: Some(q.clone()), name: name.clone(), pos: None },
                        ),
                        _ => None,
                    })
                });
                if let Some(t) = t {
                    for a in args.iter_mut() {
                        if matches!(a, Expr::Literal(Literal::String(..))) {
                            *a = Expr::Cast { expr: Box::new(a.clone()), to: t.clone(), pos: None };
                        }
                    }
                }
            }
            Expr::Function {
                schema: schema.clone(),
                name: name.clone(),
                args,
                star: *star,
                distinct: *distinct,
                pos: *pos,
            }
        }
        other => other.clone(),
    }
}

/// A column of type `t` against a constant: the constant takes the column's type (a string
/// literal becomes a typed constant; an integer literal against numeric is cast); a varchar
/// column compares as text.
fn coerce_pair(col: Expr, other: Expr, t: &DataType) -> (Expr, Expr) {
    let cast = |e: Expr, to: DataType| Expr::Cast { expr: Box::new(e), to, pos: None };
    match (t.base(), &other) {
        (DataType::Varchar(_) | DataType::Char(_), Expr::Literal(Literal::String(..))) => {
            (cast(col, DataType::Text), other)
        }
        (DataType::Text, _) => (col, other),
        (base, Expr::Literal(Literal::String(..))) => (col.clone(), cast(other, base)),
        (DataType::Numeric(_), Expr::Literal(Literal::Number(n))) if !n.contains('.') => {
            (col, cast(other, DataType::Numeric(None)))
        }
        _ => (col, other),
    }
}

/// The meta-commands views add or change, for the console and the script runner: `\d`,
/// `\dv`, `\dm`, `\ds` (sequences) without a pattern, and `\d[+] NAME` when NAME is a view. None: not a view
/// matter (the caller's own handling applies).
pub fn meta(
    db: &Database,
    name: &str,
    args: &str,
    quiet: bool,
    tables: impl FnOnce() -> Option<TableView>,
) -> Option<String> {
    let kinds: &[&str] = match (name, args.is_empty()) {
        ("d", true) if !db.views.list.is_empty() || !db.sequences.borrow().map.is_empty() => &[],
        ("dv", true) => &["view"],
        ("ds", true) => &["sequence"],
        ("ds", false) => {
            let view = relations_table(sequence_rows(db, Some(args.trim())));
            if view.rows.is_empty() && !quiet {
                return Some(format!("Did not find any relation named \"{}\".\n", args.trim()));
            }
            return Some(render_view(&view));
        }
        ("dm", true) => &["materialized view"],
        ("d" | "d+", false) => {
            let verbose = name == "d+";
            let texts: Vec<String> = args
                .split_whitespace()
                .map(|p| describe_view(db, p, verbose))
                .collect::<Option<Vec<String>>>()?;
            return Some(texts.concat());
        }
        _ => return None,
    };
    let base = if kinds.is_empty() { tables() } else { None };
    let view = relations_view(db, base, kinds)?;
    if view.rows.is_empty() && !quiet {
        return Some("Did not find any relations.\n".to_string());
    }
    Some(render_view(&view))
}
