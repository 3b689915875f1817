//! The AST of calls with clauses: `agg(x ORDER BY y) FILTER (WHERE c) OVER (window)`.

use crate::sql::ast::{Expr, OrderBy, Pos};

/// A function call with an ORDER BY inside, FILTER or OVER (`call` is the `Expr::Function`).
#[derive(Debug, Clone, PartialEq)]
pub struct CallClauses {
    /// The call itself.
    pub call: Expr,
    /// `ORDER BY` inside the argument list (`string_agg(x, ',' ORDER BY x)`).
    pub order_by: Vec<OrderBy>,
    /// `FILTER (WHERE cond)`.
    pub filter: Option<Expr>,
    /// `OVER (...)` / `OVER name`, named windows already resolved.
    pub over: Option<WindowSpec>,
    /// Where the call starts.
    pub pos: Pos,
}

/// A window: `PARTITION BY ... ORDER BY ... frame`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WindowSpec {
    /// PARTITION BY expressions.
    pub partition_by: Vec<Expr>,
    /// ORDER BY items.
    pub order_by: Vec<OrderBy>,
    /// The frame clause, when written.
    pub frame: Option<WindowFrame>,
    /// For `OVER w`: the position of `w` in the WINDOW clause (PostgreSQL's window list has
    /// the named windows first, which decides how it stacks and sorts them).
    pub named: Option<usize>,
}

/// `{ROWS | RANGE | GROUPS} BETWEEN start AND end`.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowFrame {
    /// ROWS, RANGE or GROUPS.
    pub units: FrameUnits,
    /// Where the frame starts.
    pub start: FrameBound,
    /// Where it ends (CURRENT ROW when only a start is written).
    pub end: FrameBound,
    /// Where the start and end bounds are written (for errors).
    pub pos: (Pos, Pos),
    /// Where the window is written (its `(`), for errors about the whole frame.
    pub window_pos: Pos,
}

/// Frame units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameUnits {
    /// ROWS: physical rows.
    Rows,
    /// RANGE: by the ORDER BY value (peers together).
    Range,
    /// GROUPS: by peer groups.
    Groups,
}

/// One end of a frame.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameBound {
    /// UNBOUNDED PRECEDING
    UnboundedPreceding,
    /// `n PRECEDING`
    Preceding(Box<Expr>),
    /// CURRENT ROW
    CurrentRow,
    /// `n FOLLOWING`
    Following(Box<Expr>),
    /// UNBOUNDED FOLLOWING
    UnboundedFollowing,
}
