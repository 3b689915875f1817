//! `\dT`: the enum types and domains, as psql lists them (names as `format_type` prints them).

use crate::engine::admin::ObjectKey;
use crate::engine::database::Database;
use crate::render::functions::glob;
use crate::render::psql::TableView;
use crate::sql::ast_admin::ObjectKind;

/// `\dT [pattern]`: schema, name and description of each user type the pattern (`name`,
/// `schema.name`, `*` for any characters) matches, or of each visible one. fksim lists its
/// own types only: PostgreSQL's built-in ones (which an unqualified pattern can match too)
/// are not in its catalog.
pub fn types_view(db: &Database, pattern: Option<&str>) -> TableView {
    // Quotes only keep a part as written: fksim's patterns are case-sensitive already.
    let (schema_pattern, name_pattern) = match pattern.map(|p| p.replace('"', "")) {
        Some(p) => match p.split_once('.') {
            Some((s, n)) => (Some(s.to_string()), Some(n.to_string())),
            None => (None, Some(p.to_string())),
        },
        None => (None, None),
    };
    let mut rows: Vec<Vec<String>> = crate::engine::catfuncs::user_types(db)
        .into_iter()
        .filter(|((schema, name), t)| match &schema_pattern {
            Some(s) => glob(s, schema),
            // pg_type_is_visible: the first type of that name on the search path is this one.
            None => db.types.find(None, name, &db.search_path).as_ref() == Some(t),
        })
        .filter(|((_, name), t)| {
            name_pattern.as_deref().is_none_or(|n| glob(n, name) || glob(n, &t.pg_name()))
        })
        .map(|((schema, name), t)| {
            let description = [ObjectKind::Type, ObjectKind::Domain]
                .into_iter()
                .flat_map(|k| [(k, name.clone()), (k, format!("{schema}.{name}"))])
                .find_map(|(k, written)| db.admin.comments.get(&ObjectKey::Named(k, written)))
                .cloned()
                .unwrap_or_default();
            vec![schema, t.pg_name(), description]
        })
        .collect();
    rows.sort();
    TableView {
        title: Some("List of data types".into()),
        headers: ["Schema", "Name", "Description"].map(String::from).to_vec(),
        right_align: vec![false; 3],
        rows,
        footers: Vec::new(),
        row_count: true,
    }
}
