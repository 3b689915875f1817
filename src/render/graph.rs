//! The foreign-key graph of a schema: an ASCII list for the terminal, DOT and Mermaid to
//! export, SVG (laid out in `svg`) for the browser.

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
    /// A picture, laid out in layers (`fksim serve`).
    Svg,
}

/// One foreign key as the renderers draw it.
pub(crate) struct Edge {
    /// The referencing table.
    pub child: String,
    /// The referenced table.
    pub parent: String,
    /// `child columns → parent columns`.
    pub columns: String,
    /// Its actions and options (`ON DELETE CASCADE, ON UPDATE NO ACTION`).
    pub label: String,
    deferrable: bool,
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
                deferrable: fk.deferrable,
            })
        })
        .collect()
}

/// The cycles of the graph, each as a closed path of table names (`[a, b, a]`; a
/// self-reference is `[t, t]`), each strongly connected group of tables once, in table order;
/// and whether one of the group's keys is DEFERRABLE.
fn cycles(tables: &[String], edges: &[Edge]) -> Vec<(Vec<String>, bool)> {
    let n = tables.len();
    let index = |t: &str| tables.iter().position(|x| x == t);
    let mut next = vec![Vec::new(); n];
    for e in edges {
        if let (Some(c), Some(p)) = (index(&e.child), index(&e.parent)) {
            next[c].push(p);
        }
    }
    // Reachability by a walk from each table (schemas are small).
    let reach: Vec<Vec<bool>> = (0..n)
        .map(|start| {
            let mut seen = vec![false; n];
            let mut stack = next[start].clone();
            while let Some(t) = stack.pop() {
                if !std::mem::replace(&mut seen[t], true) {
                    stack.extend(&next[t]);
                }
            }
            seen
        })
        .collect();
    let mut done = vec![false; n];
    let mut out = Vec::new();
    for start in 0..n {
        if done[start] || !reach[start][start] {
            continue;
        }
        let group: Vec<usize> = (0..n).filter(|&t| reach[start][t] && reach[t][start]).collect();
        group.iter().for_each(|&t| done[t] = true);
        // The shortest way back to `start` through the group.
        let mut back: Vec<Option<usize>> = vec![None; n];
        let mut queue = std::collections::VecDeque::from([start]);
        let mut path = None;
        while let Some(t) = queue.pop_front() {
            for &p in &next[t] {
                if p == start {
                    let mut walk = vec![start];
                    let mut at = t;
                    while at != start {
                        walk.push(at);
                        at = back[at].unwrap_or(start);
                    }
                    walk.push(start);
                    let last = walk.len() - 1;
                    walk[1..last].reverse();
                    path = Some(walk);
                    break;
                }
                if group.contains(&p) && back[p].is_none() && p != start {
                    back[p] = Some(t);
                    queue.push_back(p);
                }
            }
            if path.is_some() {
                break;
            }
        }
        let Some(path) = path else { continue };
        let any_deferrable = edges.iter().any(|e| {
            let (Some(c), Some(p)) = (index(&e.child), index(&e.parent)) else { return false };
            group.contains(&c) && group.contains(&p) && e.deferrable
        });
        out.push((path.iter().map(|&t| tables[t].clone()).collect(), any_deferrable));
    }
    out
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
            for (path, deferrable) in cycles(&tables, &edges) {
                if path.len() == 2 {
                    out.push_str(&format!(
                        "self-reference: {} (insert a row's parent before it, or leave the key NULL)\n",
                        path[0]
                    ));
                } else if deferrable {
                    out.push_str(&format!(
                        "cycle: {} (a key in it is DEFERRABLE: insert rows that reference each other in one transaction, that key deferred)\n",
                        path.join(" → ")
                    ));
                } else {
                    out.push_str(&format!(
                        "cycle: {} (no key in it is DEFERRABLE: insert one side with its key NULL and UPDATE it after, or make a key DEFERRABLE with ALTER CONSTRAINT)\n",
                        path.join(" → ")
                    ));
                }
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
        GraphFormat::Svg => out.push_str(&super::svg::render(&tables, &edges)),
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
