//! Converts the clauses of a call (`ORDER BY` inside it, `FILTER`, `OVER`) and named windows
//! (`WINDOW w AS (...)`) into fksim's AST; `OVER w` references are resolved here.

use sqlparser::ast as sp;
use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::{
    CallClauses, Expr, FrameBound, FrameUnits, OrderBy, Pos, WindowFrame, WindowSpec,
};
use crate::sql::expr::{Cx, unsupported};

/// A window as written: the window it copies (`OVER (w ...)` / `OVER w`) and its own parts.
pub struct WrittenWindow {
    /// The named window referenced, with where the OVER clause's window starts.
    pub base: Option<(String, Pos)>,
    /// `OVER w` without parentheses: the named window as it is.
    pub bare: bool,
    /// The parts written here.
    pub spec: WindowSpec,
}

/// The named windows of a SELECT, each resolved against the ones before it.
pub type NamedWindows = Vec<(String, WindowSpec)>;

impl Cx<'_> {
    /// Wraps `call` in its clauses when it has any.
    pub fn call_clauses(
        &self,
        f: &sp::Function,
        call: Expr,
        order_by: &[sp::OrderByExpr],
        pos: Pos,
    ) -> Result<Expr> {
        if f.filter.is_none() && f.over.is_none() && order_by.is_empty() {
            return Ok(call);
        }
        let filter = f.filter.as_ref().map(|e| self.expr(e)).transpose()?;
        let order_by = order_by.iter().map(|o| self.order_by_item(o)).collect::<Result<_>>()?;
        let over = match &f.over {
            None => None,
            Some(w) => {
                let at = self.over_pos(pos);
                let written = match w {
                    sp::WindowType::NamedWindow(n) => WrittenWindow {
                        base: Some((self.ident(n).name, at)),
                        bare: true,
                        spec: WindowSpec::default(),
                    },
                    sp::WindowType::WindowSpec(s) => self.written_window(s, at, at)?,
                };
                Some(self.unresolved(written))
            }
        };
        Ok(Expr::Call(Box::new(CallClauses { call, order_by, filter, over, pos })))
    }

    /// A window specification as written.
    /// `at`: where the reference to a named window is; `paren`: where the window starts.
    fn written_window(&self, s: &sp::WindowSpec, at: Pos, paren: Pos) -> Result<WrittenWindow> {
        let frame = match &s.window_frame {
            None => None,
            Some(f) => Some(WindowFrame {
                units: match f.units {
                    sp::WindowFrameUnits::Rows => FrameUnits::Rows,
                    sp::WindowFrameUnits::Range => FrameUnits::Range,
                    sp::WindowFrameUnits::Groups => FrameUnits::Groups,
                },
                start: self.frame_bound(&f.start_bound)?,
                end: match &f.end_bound {
                    None => FrameBound::CurrentRow,
                    Some(b) => self.frame_bound(b)?,
                },
                pos: self.frame_pos(paren),
                window_pos: paren,
            }),
        };
        Ok(WrittenWindow {
            base: s.window_name.as_ref().map(|n| (self.ident(n).name, at)),
            bare: false,
            spec: WindowSpec {
                partition_by: s.partition_by.iter().map(|e| self.expr(e)).collect::<Result<_>>()?,
                order_by: s
                    .order_by
                    .iter()
                    .map(|o| self.order_by_item(o))
                    .collect::<Result<_>>()?,
                frame,
                named: None,
            },
        })
    }

    fn frame_bound(&self, b: &sp::WindowFrameBound) -> Result<FrameBound> {
        Ok(match b {
            sp::WindowFrameBound::CurrentRow => FrameBound::CurrentRow,
            sp::WindowFrameBound::Preceding(None) => FrameBound::UnboundedPreceding,
            sp::WindowFrameBound::Following(None) => FrameBound::UnboundedFollowing,
            sp::WindowFrameBound::Preceding(Some(e)) => {
                FrameBound::Preceding(Box::new(self.expr(e)?))
            }
            sp::WindowFrameBound::Following(Some(e)) => {
                FrameBound::Following(Box::new(self.expr(e)?))
            }
        })
    }

    /// A written window kept for resolution: a reference is stored as a marker partition
    /// expression, replaced by `resolve_windows`.
    fn unresolved(&self, w: WrittenWindow) -> WindowSpec {
        match w.base {
            None => w.spec,
            Some((name, pos)) => {
                let mut spec = w.spec;
                spec.partition_by.insert(
                    0,
                    Expr::Function {
                        schema: Some(REF_SCHEMA.to_string()),
                        name,
                        args: Vec::new(),
                        star: w.bare,
                        distinct: false,
                        pos,
                    },
                );
                spec
            }
        }
    }

    /// The named windows of a SELECT (`WINDOW w AS (...), v AS (w ...)`).
    pub fn named_windows(&self, defs: &[sp::NamedWindowDefinition]) -> Result<NamedWindows> {
        let mut out: NamedWindows = Vec::new();
        for sp::NamedWindowDefinition(name, e) in defs {
            let name = self.ident(name);
            let paren = self.token_after(name.pos, 2);
            if out.iter().any(|(n, _)| *n == name.name) {
                return Err(Error::new(
                    "42P20",
                    format!("window \"{}\" is already defined", name.name),
                )
                .at(paren));
            }
            let spec = match e {
                sp::NamedWindowExpr::NamedWindow(n) => {
                    return Err(unsupported(format!("WINDOW {} AS {n}", name.name), name.pos));
                }
                sp::NamedWindowExpr::WindowSpec(s) => {
                    let w = self.written_window(s, name.pos, paren)?;
                    merge(&out, w)?
                }
            };
            out.push((name.name, spec));
        }
        Ok(out)
    }

    /// Where the window of the call at `pos` starts: the token after its OVER.
    fn over_pos(&self, pos: Pos) -> Pos {
        let items = &self.tokens.items;
        let start = pos.and_then(|p| items.iter().position(|(_, at, _)| *at + 1 == p))?;
        let mut i = start;
        let mut depth = 0usize;
        let mut groups = 0;
        while let Some((t, _, _)) = items.get(i) {
            match t {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        groups += 1;
                    }
                }
                Token::Word(w)
                    if depth == 0 && groups > 0 && w.value.eq_ignore_ascii_case("over") =>
                {
                    return items.get(i + 1).map(|(_, at, _)| at + 1);
                }
                _ => {}
            }
            i += 1;
        }
        None
    }
}

impl Cx<'_> {
    /// The position of the token `n` tokens after the one at `pos`.
    fn token_after(&self, pos: Pos, n: usize) -> Pos {
        let items = &self.tokens.items;
        let i = pos.and_then(|p| items.iter().position(|(_, o, _)| *o + 1 >= p))?;
        items.get(i + n).map(|(_, o, _)| o + 1).or(pos)
    }

    /// The position of the `(` just before `pos` (a subquery's span starts inside it).
    pub(crate) fn paren_before(&self, pos: Pos) -> Pos {
        let items = &self.tokens.items;
        let i = pos.and_then(|p| items.iter().position(|(_, o, _)| *o + 1 >= p))?;
        match i.checked_sub(1).and_then(|j| items.get(j)) {
            Some((Token::LParen, o, _)) => Some(o + 1),
            _ => pos,
        }
    }

    /// Where a window's frame bounds are written: the window's tokens from `at` (its `(` or
    /// name) are searched for ROWS / RANGE / GROUPS at the window's own level.
    fn frame_pos(&self, at: Pos) -> (Pos, Pos) {
        let items = &self.tokens.items;
        let Some(mut i) = at.and_then(|p| items.iter().position(|(_, o, _)| *o + 1 >= p)) else {
            return (None, None);
        };
        let word = |i: usize, w: &str| matches!(items.get(i), Some((Token::Word(x), _, _)) if x.value.eq_ignore_ascii_case(w));
        let pos = |i: usize| items.get(i).map(|(_, o, _)| o + 1);
        let mut depth = 0i32;
        while let Some((t, _, _)) = items.get(i) {
            match t {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth -= 1;
                    if depth <= 0 {
                        break;
                    }
                }
                _ if depth == 1 && (word(i, "rows") || word(i, "range") || word(i, "groups")) => {
                    if !word(i + 1, "between") {
                        return (pos(i + 1), None);
                    }
                    let mut j = i + 2;
                    while items.get(j).is_some() && !word(j, "and") {
                        j += 1;
                    }
                    return (pos(i + 2), pos(j + 1));
                }
                _ => {}
            }
            i += 1;
        }
        (None, None)
    }
}

/// The schema marking a window reference inside `WindowSpec::partition_by` until resolved.
const REF_SCHEMA: &str = " window ref";

/// The window a reference stands for, with PostgreSQL's errors for what it may not override.
fn merge(named: &NamedWindows, w: WrittenWindow) -> Result<WindowSpec> {
    let Some((name, pos)) = w.base else {
        return Ok(w.spec);
    };
    let Some((_, base)) = named.iter().find(|(n, _)| *n == name) else {
        return Err(Error::new("42704", format!("window \"{name}\" does not exist")).at(pos));
    };
    if w.bare {
        let named_at = named.iter().position(|(n, _)| *n == name);
        return Ok(WindowSpec { named: named_at, ..base.clone() });
    }
    let refuse = |m: String| Err(Error::new("42P20", m).at(pos));
    if !w.spec.partition_by.is_empty() {
        return refuse(format!("cannot override PARTITION BY clause of window \"{name}\""));
    }
    if !w.spec.order_by.is_empty() && !base.order_by.is_empty() {
        return refuse(format!("cannot override ORDER BY clause of window \"{name}\""));
    }
    if base.frame.is_some() {
        let e = Error::new(
            "42P20",
            format!("cannot copy window \"{name}\" because it has a frame clause"),
        );
        let e = if w.spec.order_by.is_empty() && w.spec.frame.is_none() {
            e.with_hint("Omit the parentheses in this OVER clause.")
        } else {
            e
        };
        return Err(e.at(pos));
    }
    Ok(WindowSpec {
        partition_by: base.partition_by.clone(),
        order_by: if w.spec.order_by.is_empty() { base.order_by.clone() } else { w.spec.order_by },
        frame: w.spec.frame,
        named: None,
    })
}

/// Resolves the window references in `e` (and the calls nested in it) against `named`.
pub fn resolve_windows(named: &NamedWindows, e: &mut Expr) -> Result<()> {
    crate::sql::walk::expr(e, &mut |x| {
        if let Expr::Call(c) = x
            && let Some(spec) = &mut c.over
            && let Some(Expr::Function { schema: Some(s), name, star, pos, .. }) =
                spec.partition_by.first()
            && s == REF_SCHEMA
        {
            let (name, bare, pos) = (name.clone(), *star, *pos);
            spec.partition_by.remove(0);
            let written =
                WrittenWindow { base: Some((name, pos)), bare, spec: std::mem::take(spec) };
            *spec = merge(named, written)?;
        }
        Ok(false)
    })
}

/// `ORDER BY` items for use by this module.
impl Cx<'_> {
    fn order_by_item(&self, o: &sp::OrderByExpr) -> Result<OrderBy> {
        self.order_by_pub(o)
    }
}
