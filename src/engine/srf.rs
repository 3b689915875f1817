//! Set-returning functions (generate_series, the JSON element and key functions): binding a call
//! in a select list or in FROM, and running the calls of one select list as PostgreSQL 10+'s
//! ProjectSet does: in lockstep, as many rows as the longest, the shorter ones padded with NULL.

use crate::engine::builtins::{
    ambiguous_function, is_postgres_function, no_matching_function, signature, unsupported_function,
};
use crate::engine::eval::eval;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, ScopeColumn, coerce};
use crate::engine::srf_rows::{SrfRows, start};
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, FromItem, Pos};

/// The set-returning functions fksim evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SrfFunc {
    /// `generate_series(start, stop [, step])` over integer or bigint: the type bounds the values.
    IntSeries(IntKind),
    /// `generate_series(start, stop [, step])` over numeric.
    NumericSeries,
    /// `jsonb_array_elements(jsonb)`
    JsonbArrayElements,
    /// `jsonb_array_elements_text(jsonb)`
    JsonbArrayElementsText,
    /// `jsonb_object_keys(jsonb)`
    JsonbObjectKeys,
    /// `json_array_elements(json)`
    JsonArrayElements,
    /// `json_array_elements_text(json)`
    JsonArrayElementsText,
    /// `json_object_keys(json)`
    JsonObjectKeys,
    /// `unnest(array)`: the elements as their output text (the caller reads them as the
    /// element type: see `typed`).
    Unnest,
    /// `generate_subscripts(array, dim)`
    GenerateSubscripts,
}

/// Which integer generate_series: the values stop short of the type's overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntKind {
    /// generate_series(integer, integer [, integer])
    Int4,
    /// generate_series(bigint, bigint [, bigint])
    Int8,
}

/// A set-returning call found while binding a select list. Its value is the row position just
/// past the input's columns at its index, filled in as the call produces rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SrfCall {
    /// Which function.
    pub func: SrfFunc,
    /// Its arguments, bound against the input row and the slots of the calls below it.
    pub args: Vec<Bound>,
    /// 1, or one more than the deepest call among its arguments: calls of one level run in
    /// lockstep, each level once per row of the level below.
    pub level: usize,
    /// Where the call starts (errors about its placement point here).
    pub pos: Pos,
}

/// The function's name as PostgreSQL prints it.
fn func_name(f: SrfFunc) -> &'static str {
    match f {
        SrfFunc::IntSeries(_) | SrfFunc::NumericSeries => "generate_series",
        SrfFunc::JsonbArrayElements => "jsonb_array_elements",
        SrfFunc::JsonbArrayElementsText => "jsonb_array_elements_text",
        SrfFunc::JsonbObjectKeys => "jsonb_object_keys",
        SrfFunc::JsonArrayElements => "json_array_elements",
        SrfFunc::JsonArrayElementsText => "json_array_elements_text",
        SrfFunc::JsonObjectKeys => "json_object_keys",
        SrfFunc::Unnest => "unnest",
        SrfFunc::GenerateSubscripts => "generate_subscripts",
    }
}

/// The argument types a call is resolved to and its result type, or None when `name` is not a
/// set-returning function fksim evaluates.
fn resolve(
    called: &str,
    name: &str,
    types: &[DataType],
    pos: Pos,
) -> Result<Option<(SrfFunc, Vec<DataType>, DataType)>> {
    let json = |f: SrfFunc, arg: DataType, out: DataType| match types {
        [t] if *t == arg || *t == DataType::Unknown => Ok(Some((f, vec![arg], out))),
        _ => Err(no_matching_function(called, types, pos)),
    };
    match name {
        "generate_series" => resolve_series(called, types, pos).map(Some),
        "jsonb_array_elements" => {
            json(SrfFunc::JsonbArrayElements, DataType::Jsonb, DataType::Jsonb)
        }
        "jsonb_array_elements_text" => {
            json(SrfFunc::JsonbArrayElementsText, DataType::Jsonb, DataType::Text)
        }
        "jsonb_object_keys" => json(SrfFunc::JsonbObjectKeys, DataType::Jsonb, DataType::Text),
        "json_array_elements" => json(SrfFunc::JsonArrayElements, DataType::Json, DataType::Json),
        "json_array_elements_text" => {
            json(SrfFunc::JsonArrayElementsText, DataType::Json, DataType::Text)
        }
        "json_object_keys" => json(SrfFunc::JsonObjectKeys, DataType::Json, DataType::Text),
        "unnest" => match types {
            [DataType::Array(e)] => Ok(Some((SrfFunc::Unnest, types.to_vec(), (**e).clone()))),
            _ => Err(no_matching_function(called, types, pos)),
        },
        "generate_subscripts" => match types {
            [a @ DataType::Array(_), d] if d.is_integer() || *d == DataType::Unknown => Ok(Some((
                SrfFunc::GenerateSubscripts,
                vec![a.clone(), DataType::Integer],
                DataType::Integer,
            ))),
            _ => Err(no_matching_function(called, types, pos)),
        },
        _ => Ok(None),
    }
}

/// PostgreSQL's choice among generate_series(int4 | int8 | numeric, ...): the candidates every
/// argument converts to implicitly, then those with the most arguments of exactly their type;
/// a tie is "not unique". The timestamp forms take an interval, which fksim lacks.
fn resolve_series(
    called: &str,
    types: &[DataType],
    pos: Pos,
) -> Result<(SrfFunc, Vec<DataType>, DataType)> {
    let candidates = [DataType::Integer, DataType::BigInt, DataType::Numeric(None)];
    let converts = |from: &DataType, to: &DataType| match (from, to) {
        (DataType::Unknown, _) | (DataType::SmallInt, _) => true,
        (DataType::Integer, t) => *t != DataType::SmallInt,
        (DataType::BigInt, t) => matches!(t, DataType::BigInt | DataType::Numeric(_)),
        (DataType::Numeric(_), t) => matches!(t, DataType::Numeric(_)),
        _ => false,
    };
    let exact = |c: &DataType| types.iter().filter(|t| t.base() == *c).count();
    let viable: Vec<&DataType> = if matches!(types.len(), 2 | 3) {
        candidates.iter().filter(|c| types.iter().all(|t| converts(t, c))).collect()
    } else {
        Vec::new()
    };
    let best = viable.iter().map(|c| exact(c)).max().unwrap_or(0);
    let chosen: Vec<&DataType> = viable.into_iter().filter(|c| exact(c) == best).collect();
    match chosen.as_slice() {
        [c] => {
            let func = match c {
                DataType::Integer => SrfFunc::IntSeries(IntKind::Int4),
                DataType::BigInt => SrfFunc::IntSeries(IntKind::Int8),
                _ => SrfFunc::NumericSeries,
            };
            Ok((func, vec![(*c).clone(); types.len()], (*c).clone()))
        }
        [_, ..] => ambiguous_function(called, types, pos),
        [] if types
            .iter()
            .any(|t| matches!(t, DataType::Date | DataType::Timestamp | DataType::Timestamptz)) =>
        {
            Err(unsupported_function(called, types, pos))
        }
        [] => Err(no_matching_function(called, types, pos)),
    }
}

impl Binder {
    /// Binds a call to a set-returning function fksim evaluates, or gives None for any other
    /// name. The call must sit where this binder collects calls; elsewhere it is PostgreSQL's
    /// 0A000 naming the clause.
    pub fn bind_srf(
        &mut self,
        called: &str,
        name: &str,
        args: &[Expr],
        pos: Pos,
        scope: &Scope,
    ) -> Result<Option<(Bound, DataType)>> {
        if !is_srf_name(name) {
            return Ok(None);
        }
        let before = self.srf_count();
        let mut bound = Vec::new();
        for a in args {
            bound.push(self.bind(a, scope)?);
        }
        let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
        let Some((func, targets, ty)) = resolve(called, name, &types, pos)? else {
            return Ok(None);
        };
        let mut args = Vec::new();
        for ((b, t), target) in bound.into_iter().zip(&targets) {
            args.push(coerce(b, t, target, None)?.0);
        }
        let Some(srfs) = self.srfs.as_mut() else {
            return Err(self.srf_not_allowed(pos));
        };
        let level =
            1 + srfs.get(before..).unwrap_or(&[]).iter().map(|s| s.level).max().unwrap_or(0);
        srfs.push(SrfCall { func, args, level, pos });
        let slot = Bound::Column(scope.columns.len() + srfs.len() - 1);
        Ok(Some((typed(func, slot, &ty), ty)))
    }
}

/// True for the names [`Binder::bind_srf`] binds.
pub(crate) fn is_srf_name(name: &str) -> bool {
    matches!(
        name,
        "generate_series"
            | "jsonb_array_elements"
            | "jsonb_array_elements_text"
            | "jsonb_object_keys"
            | "json_array_elements"
            | "json_array_elements_text"
            | "json_object_keys"
            | "unnest"
            | "generate_subscripts"
    )
}

/// A call's value as its result type: unnest's elements come as text, read as the element type.
fn typed(func: SrfFunc, value: Bound, ty: &DataType) -> Bound {
    match func {
        SrfFunc::Unnest if !ty.is_text() => {
            Bound::Cast(Box::new(value), DataType::Text, ty.clone())
        }
        _ => value,
    }
}

/// Runs the set-returning calls of a select list over one input row, handing each row they make
/// (the input, then one value per call) to `emit`. Without calls the input row is the one row.
/// Calls of a level run in lockstep until all are done, an exhausted one reading NULL; when none
/// makes a row, the input row is gone. A call that would make more than `limit` rows is refused.
pub fn expand(
    srfs: &[SrfCall],
    input: &[Value],
    aggs: &[Value],
    ctx: &EvalContext,
    limit: usize,
    emit: &mut dyn FnMut(&[Value]) -> Result<()>,
) -> Result<()> {
    if srfs.is_empty() {
        return emit(input);
    }
    let mut row = input.to_vec();
    row.resize(input.len() + srfs.len(), Value::Null);
    let run = Run { srfs, base: input.len(), aggs, ctx, limit };
    run.level(1, &mut row, emit)
}

/// One input row's expansion.
struct Run<'a> {
    srfs: &'a [SrfCall],
    /// Where the calls' slots start in the row.
    base: usize,
    aggs: &'a [Value],
    ctx: &'a EvalContext,
    limit: usize,
}

impl Run<'_> {
    fn level(
        &self,
        level: usize,
        row: &mut Vec<Value>,
        emit: &mut dyn FnMut(&[Value]) -> Result<()>,
    ) -> Result<()> {
        let mut running = Vec::new();
        let mut deeper = false;
        for (i, s) in self.srfs.iter().enumerate() {
            deeper |= s.level > level;
            if s.level == level {
                let mut args = Vec::with_capacity(s.args.len());
                for a in &s.args {
                    args.push(eval(a, row, self.aggs, self.ctx)?);
                }
                let rows = start(s.func, &args)?;
                check_size(func_name(s.func), &rows, self.limit)?;
                running.push((self.base + i, rows));
            }
        }
        loop {
            let mut any = false;
            for (slot, rows) in &mut running {
                row[*slot] = match rows.next() {
                    Some(v) => {
                        any = true;
                        v
                    }
                    None => Value::Null,
                };
            }
            if !any {
                return Ok(());
            }
            if deeper {
                self.level(level + 1, row, emit)?;
            } else {
                emit(row)?;
            }
        }
    }
}

/// Refuses a call that would make more rows than fksim holds per statement.
fn check_size(name: &str, rows: &SrfRows, limit: usize) -> Result<()> {
    let count = rows.remaining();
    if count > limit as u128 {
        return Err(Error::too_large(format!(
            "{name} would produce {count} rows; fksim holds at most {limit} per statement"
        )));
    }
    Ok(())
}

/// The one column of a function in FROM, of type `ty`: named by the column alias, else `value`
/// for the functions whose result column PostgreSQL names so, else the relation alias, else the
/// function's name; qualified by the relation alias or the function's name.
pub fn function_column(item: &FromItem, ty: DataType) -> ScopeColumn {
    let FromItem::Function { name, alias, column_alias, .. } = item else {
        return ScopeColumn { qualifier: None, name: String::new(), data_type: ty };
    };
    let named_value = matches!(
        name.as_str(),
        "jsonb_array_elements"
            | "jsonb_array_elements_text"
            | "json_array_elements"
            | "json_array_elements_text"
    );
    let column = match (column_alias, alias) {
        (Some(c), _) => c.clone(),
        (None, _) if named_value => "value".to_string(),
        (None, Some(a)) => a.clone(),
        (None, None) => name.clone(),
    };
    let qualifier = alias.clone().unwrap_or_else(|| name.clone());
    ScopeColumn { qualifier: Some(qualifier), name: column, data_type: ty }
}

/// A set-returning function in FROM: the scope naming its one column, and its rows. The column
/// is named by the column alias, else `value` for the functions whose result column PostgreSQL
/// names so, else the relation alias, else the function's name.
pub fn from_function(item: &FromItem, ctx: &EvalContext, limit: usize) -> Result<(Scope, SrfRows)> {
    from_function_over(item, &Scope::default(), &[], ctx, limit)
}

/// A function in FROM whose arguments may read `row` of the FROM items before it (`outer`).
pub fn from_function_over(
    item: &FromItem,
    outer: &Scope,
    row: &[Value],
    ctx: &EvalContext,
    limit: usize,
) -> Result<(Scope, SrfRows)> {
    let FromItem::Function { name, args, pos, .. } = item else {
        return Err(Error::internal("not a function in FROM"));
    };
    let mut binder = Binder::for_clause("FROM");
    let mut bound = Vec::new();
    for a in args {
        bound.push(binder.bind(a, outer)?);
    }
    let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
    let Some((func, targets, ty)) = resolve(name, name, &types, *pos)? else {
        return Err(if is_postgres_function(name) {
            let sig = signature(name, &types);
            Error::unsupported(format!("function {sig} in FROM is not supported by fksim")).at(*pos)
        } else {
            no_matching_function(name, &types, *pos)
        });
    };
    let mut values = Vec::new();
    for ((b, t), target) in bound.into_iter().zip(&targets) {
        let (b, _) = coerce(b, t, target, None)?;
        values.push(eval(&b, row, &[], ctx)?);
    }
    let mut rows = start(func, &values)?;
    check_size(name, &rows, limit)?;
    if func == SrfFunc::Unnest && !ty.is_text() {
        let read = |v: Value| match v {
            Value::Text(s) => Value::parse(&s, &ty),
            other => Ok(other),
        };
        let values = rows.map(read).collect::<Result<Vec<Value>>>()?;
        rows = SrfRows::Values(values.into_iter());
    }
    let scope = Scope { columns: vec![function_column(item, ty)], using: None };
    Ok((scope, rows))
}
