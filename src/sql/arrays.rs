//! Array syntax sqlparser reads and fksim binds as calls: subscripts and slices (`a[1]`,
//! `a[1:2]`), the operators `<@` and `&&`, `ARRAY(subquery)`, and `unnest(...)` in FROM with
//! several arrays or WITH ORDINALITY (the engine's `array_funcs.rs` evaluates them).

use sqlparser::ast as sp;

use crate::error::Result;
use crate::sql::ast::{Expr, FromItem, Literal, Pos, Query, QueryBody, Select, SelectItem};
use crate::sql::expr::{Cx, unsupported};

/// The call name of a subscript `a[i]` (an internal name: it has a space).
pub const SUBSCRIPT: &str = "array subscript";
/// The call name of a slice `a[lo:hi]`.
pub const SLICE: &str = "array slice";
/// The call name of `a <@ b`.
pub const CONTAINED: &str = "array <@";
/// The call name of `a && b`.
pub const OVERLAP: &str = "array &&";
/// The call name of `ARRAY(subquery)`: its one argument already makes the array.
pub const OF_SUBQUERY: &str = "ARRAY (subquery)";

impl Cx<'_> {
    /// `root[i]...` and `root[lo:hi]...`, one call per subscript.
    pub(crate) fn subscripts(
        &self,
        root: &sp::Expr,
        chain: &[sp::AccessExpr],
        pos: Pos,
    ) -> Result<Expr> {
        // `t.col[1]`: the dotted names before the first subscript are the column's.
        let dots =
            chain.iter().take_while(|a| matches!(a, sp::AccessExpr::Dot(sp::Expr::Identifier(_))));
        let names: Vec<sp::Ident> = dots
            .filter_map(|a| match a {
                sp::AccessExpr::Dot(sp::Expr::Identifier(i)) => Some(i.clone()),
                _ => None,
            })
            .collect();
        let (root, chain) = match root {
            sp::Expr::Identifier(first) if !names.is_empty() => {
                let parts = std::iter::once(first.clone()).chain(names.iter().cloned()).collect();
                (sp::Expr::CompoundIdentifier(parts), &chain[names.len()..])
            }
            _ => (root.clone(), chain),
        };
        let mut out = self.expr(&root)?;
        let bound = |b: &Option<sp::Expr>, omitted: &str| match b {
            Some(e) => self.expr(e),
            None => Ok(Expr::Literal(Literal::Number(omitted.to_string()))),
        };
        for access in chain {
            out = match access {
                sp::AccessExpr::Subscript(sp::Subscript::Index { index }) => {
                    self.call(SUBSCRIPT, vec![out, self.expr(index)?], pos)
                }
                sp::AccessExpr::Subscript(sp::Subscript::Slice {
                    lower_bound,
                    upper_bound,
                    stride: None,
                }) => {
                    // An omitted bound is the array's own, which no int4 lies beyond.
                    let lo = bound(lower_bound, "-2147483648")?;
                    let hi = bound(upper_bound, "2147483647")?;
                    self.call(SLICE, vec![out, lo, hi], pos)
                }
                other => return Err(unsupported(format!("the field access {other}"), pos)),
            };
        }
        Ok(out)
    }

    /// A function's arguments in FROM, all written without names.
    pub(crate) fn plain_args(&self, args: &[sp::FunctionArg], pos: Pos) -> Result<Vec<sp::Expr>> {
        args.iter()
            .map(|a| match a {
                sp::FunctionArg::Unnamed(sp::FunctionArgExpr::Expr(e)) => Ok(e.clone()),
                other => Err(unsupported(format!("the argument {other}"), pos)),
            })
            .collect()
    }

    /// `ARRAY(subquery)`: the subquery's values in its order, `{}` when it has none (the
    /// engine runs it as a sublink: `subquery.rs`).
    pub(crate) fn array_of_subquery(&self, q: &sp::Query, pos: Pos) -> Result<Expr> {
        let inner = Expr::Subquery(Box::new(self.query(q)?));
        Ok(self.call(OF_SUBQUERY, vec![inner], pos))
    }

    /// `unnest(a, b, ...) [WITH ORDINALITY] [AS t(cols)]` in FROM. One array without
    /// ordinality is a set-returning function item; otherwise the arrays run in lockstep as a
    /// select list's calls do (the shorter ones padded with NULL), beside a counter as long as
    /// the longest.
    pub(crate) fn unnest_item(
        &self,
        arrays: &[sp::Expr],
        ordinality: bool,
        alias: Option<&sp::TableAlias>,
        pos: Pos,
    ) -> Result<FromItem> {
        let args = arrays.iter().map(|a| self.expr(a)).collect::<Result<Vec<_>>>()?;
        let relation = alias.map(|a| self.ident(&a.name).name);
        let mut columns: Vec<String> =
            alias.iter().flat_map(|a| &a.columns).map(|c| self.ident(&c.name).name).collect();
        if let ([arg], false) = (args.as_slice(), ordinality) {
            too_many_columns(relation.as_deref().unwrap_or("unnest"), columns.len())?;
            return Ok(FromItem::Function {
                name: "unnest".into(),
                schema: None,
                args: vec![arg.clone()],
                alias: relation,
                column_alias: columns.first().cloned(),
                column_defs: Vec::new(),
                pos,
            });
        }
        let mut items = Vec::new();
        for (i, a) in args.iter().enumerate() {
            // One array under an alias without column names: the column takes the alias.
            let name = match (&relation, args.len()) {
                (Some(r), 1) if columns.is_empty() => r.clone(),
                _ => "unnest".to_string(),
            };
            let name = columns.get(i).cloned().unwrap_or(name);
            items.push((self.call("unnest", vec![a.clone()], pos), name));
        }
        if ordinality {
            let lengths = args.iter().map(|a| self.call("cardinality", vec![a.clone()], pos));
            let longest = self.call("greatest", lengths.collect(), pos);
            let one = Expr::Literal(Literal::Number("1".into()));
            let series = self.call("generate_series", vec![one, longest], pos);
            let name = columns.get(args.len()).cloned().unwrap_or_else(|| "ordinality".into());
            items.push((series, name));
        }
        columns.clear();
        let lateral = args.iter().any(crate::sql::walk::names_column);
        let query = Query {
            body: QueryBody::Select(Box::new(Select {
                items: items
                    .into_iter()
                    .map(|(expr, name)| SelectItem::Expr { expr, alias: Some(name) })
                    .collect(),
                ..empty_select()
            })),
            ..empty_query()
        };
        Ok(FromItem::Subquery {
            query: Box::new(query),
            alias: relation.unwrap_or_else(|| "unnest".into()),
            columns,
            lateral,
        })
    }
}

/// A SELECT with nothing in it yet.
pub(crate) fn empty_select() -> Select {
    Select {
        distinct: false,
        distinct_on: Vec::new(),
        items: Vec::new(),
        from: Vec::new(),
        selection: None,
        group_by: Vec::new(),
        having: None,
    }
}

/// A query of an empty SELECT.
pub(crate) fn empty_query() -> Query {
    Query {
        with: Vec::new(),
        body: QueryBody::Select(Box::new(empty_select())),
        order_by: Vec::new(),
        limit: None,
        offset: None,
    }
}

/// PostgreSQL's 42P10 for more column aliases than a one-column function in FROM has.
pub(crate) fn too_many_columns(relation: &str, given: usize) -> Result<()> {
    if given > 1 {
        return Err(crate::error::Error::new(
            "42P10",
            format!("table \"{relation}\" has 1 columns available but {given} columns specified"),
        ));
    }
    Ok(())
}
