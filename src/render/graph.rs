//! The foreign-key graph of a schema: an ASCII list for the terminal, DOT and Mermaid to export.

use crate::engine::catalog::ForeignKey;
use crate::engine::database::Database;
use crate::teach::sqltext::table_name;

/// The output formats of `fksim graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Lines for the terminal.
    Ascii,
    /// Graphviz.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

struct Edge {
    child: String,
    parent: String,
    columns: String,
    label: String,
}

fn action_label(fk: &ForeignKey) -> String {
    let mut parts = Vec::new();
    parts.push(format!("ON DELETE {}", fk.on_delete.sql()));
    parts.push(format!("ON UPDATE {}", fk.on_update.sql()));
    if fk.match_full {
        parts.push("MATCH FULL".into());
    }
    if fk.deferrable {
        parts.push(
            if fk.initially_deferred { "DEFERRABLE INITIALLY DEFERRED" } else { "DEFERRABLE" }
                .into(),
        );
    }
    if !fk.validated {
        parts.push("NOT VALID".into());
    }
    parts.join(", ")
}

fn edges(db: &Database) -> Vec<Edge> {
    db.fks
        .values()
        .filter_map(|fk| {
            let (child, parent) = (db.tables.get(&fk.child)?, db.tables.get(&fk.parent)?);
            let cols = |t: &crate::engine::table::Table, cs: &[usize]| {
                cs.iter().map(|&c| t.columns[c].name.clone()).collect::<Vec<_>>().join(", ")
            };
            Some(Edge {
                child: table_name(child),
                parent: table_name(parent),
                columns: format!(
                    "{} → {}",
                    cols(child, &fk.child_columns),
                    cols(parent, &fk.parent_columns)
                ),
                label: action_label(fk),
            })
        })
        .collect()
}

fn node_id(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect()
}

/// The graph of every table and foreign key in `db`.
pub fn render_graph(db: &Database, format: GraphFormat) -> String {
    let edges = edges(db);
    let tables: Vec<String> = db.tables.values().map(table_name).collect();
    let mut out = String::new();
    match format {
        GraphFormat::Ascii => {
            if edges.is_empty() {
                out.push_str("(no foreign keys)\n");
            }
            for e in &edges {
                out.push_str(&format!(
                    "{} ──({})──▶ {}\n    {}\n",
                    e.child, e.columns, e.parent, e.label
                ));
            }
            let linked: Vec<&String> = tables
                .iter()
                .filter(|t| !edges.iter().any(|e| &e.child == *t || &e.parent == *t))
                .collect();
            if !linked.is_empty() {
                out.push_str(&format!(
                    "unlinked: {}\n",
                    linked.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ));
            }
        }
        GraphFormat::Dot => {
            out.push_str("digraph foreign_keys {\n  rankdir=LR;\n  node [shape=box];\n");
            for t in &tables {
                out.push_str(&format!("  \"{t}\";\n"));
            }
            for e in &edges {
                out.push_str(&format!(
                    "  \"{}\" -> \"{}\" [label=\"{}\\n{}\"];\n",
                    e.child, e.parent, e.columns, e.label
                ));
            }
            out.push_str("}\n");
        }
        GraphFormat::Mermaid => {
            out.push_str("flowchart LR\n");
            for t in &tables {
                out.push_str(&format!("  {}[\"{t}\"]\n", node_id(t)));
            }
            for e in &edges {
                out.push_str(&format!(
                    "  {} -- \"{}<br/>{}\" --> {}\n",
                    node_id(&e.child),
                    e.columns,
                    e.label,
                    node_id(&e.parent)
                ));
            }
        }
    }
    out
}
