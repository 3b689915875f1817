//! The foreign-key graph as an SVG picture: tables in layers (each below the tables it
//! references), a curve per key labelled with its columns and ON DELETE action. Every name is
//! XML-escaped: the picture holds text, never markup from the schema.

use super::graph::Edge;

/// Box height, gap between boxes in a layer, and distance between layers.
const BOX_H: usize = 34;
const GAP_X: usize = 60;
const LAYER_DY: usize = 120;
const MARGIN: usize = 30;

/// Width of a table's box: its name in a 13px monospace face, plus padding.
fn box_width(name: &str) -> usize {
    name.chars().count() * 8 + 28
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Each table's layer: 0 for tables that reference no other, else one below the lowest table
/// it references. Keys that close a cycle (found by a depth-first walk) are left out.
fn layers(n: usize, parents: &[Vec<usize>]) -> Vec<usize> {
    // 0 = unvisited, 1 = on the walk's stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut layer = vec![0usize; n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (t, ref mut next)) = stack.last_mut() {
            if let Some(&p) = parents[t].get(*next) {
                *next += 1;
                if state[p] == 0 {
                    state[p] = 1;
                    stack.push((p, 0));
                }
                continue;
            }
            // Every parent is done, or on the stack (a cycle's back edge: ignored).
            layer[t] = parents[t]
                .iter()
                .filter(|&&p| state[p] == 2)
                .map(|&p| layer[p] + 1)
                .max()
                .unwrap_or(0);
            state[t] = 2;
            stack.pop();
        }
    }
    layer
}

/// The picture of `tables` and `edges`.
pub(crate) fn render(tables: &[String], edges: &[Edge]) -> String {
    let n = tables.len();
    let index = |t: &str| tables.iter().position(|x| x == t);
    let mut parents = vec![Vec::new(); n];
    for e in edges {
        if let (Some(c), Some(p)) = (index(&e.child), index(&e.parent))
            && c != p
        {
            parents[c].push(p);
        }
    }
    let layer = layers(n, &parents);
    let depth = layer.iter().max().map_or(0, |m| m + 1);
    // Each layer's tables, ordered by where their parents sit (one barycentre pass).
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for t in 0..n {
        rows[layer[t]].push(t);
    }
    let mut order = vec![0f64; n];
    for row in &mut rows {
        let key = |t: usize| {
            let ps = &parents[t];
            if ps.is_empty() {
                t as f64
            } else {
                ps.iter().map(|&p| order[p]).sum::<f64>() / ps.len() as f64
            }
        };
        row.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
        for (i, &t) in row.iter().enumerate() {
            order[t] = i as f64;
        }
    }
    let row_width = |row: &[usize]| {
        row.iter().map(|&t| box_width(&tables[t])).sum::<usize>()
            + GAP_X * row.len().saturating_sub(1)
    };
    let width = rows.iter().map(|r| row_width(r)).max().unwrap_or(0).max(200) + 2 * MARGIN + 80;
    let height = depth.max(1) * LAYER_DY - (LAYER_DY - BOX_H) + 2 * MARGIN;
    // Box centres.
    let mut at = vec![(0usize, 0usize); n];
    for (l, row) in rows.iter().enumerate() {
        let mut x = (width - row_width(row)) / 2;
        for &t in row {
            let w = box_width(&tables[t]);
            at[t] = (x + w / 2, MARGIN + l * LAYER_DY + BOX_H / 2);
            x += w + GAP_X;
        }
    }
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fk-graph\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"monospace\" font-size=\"13\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n"
    );
    if n == 0 {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#777\">(no tables yet)</text>\n",
            width / 2,
            height / 2
        ));
    }
    for e in edges {
        let (Some(c), Some(p)) = (index(&e.child), index(&e.parent)) else { continue };
        let action = e.label.split(", ").next().unwrap_or_default();
        let colour = match action {
            "ON DELETE CASCADE" => "#c0392b",
            "ON DELETE SET NULL" | "ON DELETE SET DEFAULT" => "#d68910",
            _ => "#555",
        };
        let ((cx, cy), (px, py)) = (at[c], at[p]);
        let half = BOX_H / 2;
        let (path, lx, ly) = if c == p {
            // A self-reference: a loop on the box's right side.
            let r = box_width(&tables[c]) / 2;
            (
                format!(
                    "M{},{} C{},{} {},{} {},{}",
                    cx + r,
                    cy - 8,
                    cx + r + 60,
                    cy - 40,
                    cx + r + 60,
                    cy + 40,
                    cx + r,
                    cy + 8
                ),
                cx + r + 50,
                cy,
            )
        } else if layer[p] < layer[c] {
            let (y1, y2) = (cy - half, py + half);
            let bend = (y1 - y2) / 2;
            (
                format!("M{cx},{y1} C{cx},{} {px},{} {px},{y2}", y1 - bend, y2 + bend),
                (cx + px) / 2,
                (y1 + y2) / 2,
            )
        } else {
            // A key that closes a cycle points back up (or across) to a table drawn lower.
            let (y1, y2) = (cy + half, py - half);
            (
                format!("M{cx},{y1} C{cx},{} {px},{} {px},{y2}", y1 + 50, y2.saturating_sub(50)),
                (cx + px) / 2,
                (y1 + y2) / 2,
            )
        };
        out.push_str(&format!(
            "<g class=\"fk\" data-child=\"{}\" data-parent=\"{}\"><title>{} → {}: {}; {}</title>\
             <path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" marker-end=\"url(#arrow)\"/>\
             <text x=\"{lx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{}</text>\
             <text x=\"{lx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{colour}\">{}</text></g>\n",
            xml_escape(&e.child),
            xml_escape(&e.parent),
            xml_escape(&e.child),
            xml_escape(&e.parent),
            xml_escape(&e.columns),
            xml_escape(&e.label),
            ly.saturating_sub(2),
            xml_escape(&e.columns),
            ly + 11,
            xml_escape(action),
        ));
    }
    for (t, name) in tables.iter().enumerate() {
        let (x, y) = at[t];
        let w = box_width(name);
        out.push_str(&format!(
            "<g class=\"table\" data-name=\"{0}\"><rect x=\"{1}\" y=\"{2}\" width=\"{w}\" height=\"{BOX_H}\" rx=\"5\" fill=\"#eef4fb\" stroke=\"#2e5d8a\"/>\
             <text x=\"{x}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#123\">{0}</text></g>\n",
            xml_escape(name),
            x - w / 2,
            y - BOX_H / 2,
            y + 4,
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_sit_above_children_and_cycles_still_get_layers() {
        // 0 ← 1 ← 2, and 3 ↔ 4.
        let parents = vec![vec![], vec![0], vec![1, 0], vec![4], vec![3]];
        let l = layers(5, &parents);
        assert_eq!(&l[..3], &[0, 1, 2]);
        assert!(l[3] != l[4] && l[3].max(l[4]) == 1);
    }

    #[test]
    fn names_are_text_never_markup() {
        let tables = vec!["\"<img src=x onerror=alert(1)>\"".to_string()];
        let svg = render(&tables, &[]);
        assert!(!svg.contains("<img"), "{svg}");
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
    }
}
