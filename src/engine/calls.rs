//! Function calls: binding scalar and aggregate calls with PostgreSQL's resolution errors
//! (set-returning calls are `srf.rs`'s), and the scalar functions fksim knows (`eval.rs` runs them).

use crate::engine::builtins;
use crate::engine::expr::{Binder, Bound, Scope, coerce};
use crate::engine::types::DataType;
use crate::error::{Error, Result};
use crate::sql::ast::{Expr, Pos};

/// Aggregate functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggKind {
    /// count(*)
    CountStar,
    /// count(x)
    Count,
    /// sum(x)
    Sum,
    /// min(x)
    Min,
    /// max(x)
    Max,
    /// avg(x)
    Avg,
    /// Aggregates that keep their inputs and fold them at the end (`aggcollect.rs`):
    /// string_agg, array_agg, json(b)_agg, json(b)_object_agg, bool_and, bool_or, every.
    Collect(crate::engine::aggcollect::Collector),
}

/// An aggregate call found while binding a grouped query.
#[derive(Debug, Clone, PartialEq)]
pub struct AggCall {
    /// Which aggregate.
    pub kind: AggKind,
    /// Its argument (None for count(*)).
    pub arg: Option<Bound>,
    /// The argument's type.
    pub arg_type: DataType,
    /// DISTINCT given.
    pub distinct: bool,
    /// The arguments after the first (string_agg's delimiter, json_object_agg's value).
    pub more: Vec<(Bound, DataType)>,
    /// `FILTER (WHERE ...)`: rows it does not hold for are not aggregated.
    pub filter: Option<Bound>,
    /// `ORDER BY` inside the call: the order the inputs are folded in.
    pub order_by: Vec<crate::engine::aggcollect::SortKey>,
    /// A user aggregate's steps (`user_aggregate.rs`).
    pub user: Option<Box<crate::engine::user_aggregate::UserFold>>,
}

/// Scalar functions fksim evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// A catalog function (`pg_get_constraintdef`, `format_type`, ...): see `catfuncs.rs`.
    Catalog(crate::engine::catfuncs::CatalogFn),
    /// coalesce(a, b, ...)
    Coalesce,
    /// nullif(a, b)
    NullIf,
    /// lower(text)
    Lower,
    /// upper(text)
    Upper,
    /// length(text)
    Length,
    /// abs(number)
    Abs,
    /// now() / current_timestamp
    Now,
    /// gen_random_uuid()
    GenRandomUuid,
    /// nextval(regclass)
    NextVal,
    /// currval(regclass)
    CurrVal,
    /// setval(regclass, bigint [, is_called])
    SetVal,
    /// The string, rounding, date/time and JSON built-ins of `scalars.rs`.
    Scalar(crate::engine::scalars::Scalar),
}

/// A function call being bound: how it was written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'a> {
    /// The schema written before the name (`pg_catalog`), if any.
    pub schema: Option<&'a str>,
    /// The function's own name.
    pub name: &'a str,
    /// `count(*)`.
    pub star: bool,
    /// DISTINCT given.
    pub distinct: bool,
    /// Where the call starts.
    pub pos: Pos,
}

impl Call<'_> {
    /// The name as written, schema-qualified or not, for error messages.
    fn called(&self) -> String {
        builtins::called_name(self.schema, self.name)
    }
}

impl Binder {
    /// Binds a call to a scalar function, an aggregate or a set-returning function.
    pub(crate) fn bind_function(
        &mut self,
        call: &Call<'_>,
        args: &[Expr],
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        let Call { name, star, pos, .. } = *call;
        let called = &call.called();
        let agg = match name {
            "count" if star => Some(AggKind::CountStar),
            "count" => Some(AggKind::Count),
            "sum" => Some(AggKind::Sum),
            "min" => Some(AggKind::Min),
            "max" => Some(AggKind::Max),
            "avg" => Some(AggKind::Avg),
            _ => crate::engine::aggcollect::Collector::named(name).map(AggKind::Collect),
        };
        if name == crate::engine::user_aggregate::CALL_NAME {
            return self.bind_user_aggregate(call, args, scope);
        }
        if let Some(kind) = agg {
            return self.bind_aggregate(kind, call, args, scope);
        }
        if crate::engine::window::is_window_function(name) {
            return Err(Error::new(
                "42809",
                format!("window function {name} requires an OVER clause"),
            )
            .at(pos));
        }
        if let Some(srf) = self.bind_srf(called, name, args, pos, scope)? {
            return Ok(srf);
        }
        let before = self.srf_count();
        let mut bound = Vec::new();
        for a in args {
            bound.push(self.bind(a, scope)?);
        }
        if name == "coalesce" {
            self.refuse_srfs_since(
                before,
                "set-returning functions are not allowed in COALESCE".to_string(),
            )?;
        }
        let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
        if call.schema.is_none_or(|s| s == "pg_catalog")
            && let Some((f, ty)) = crate::engine::catfuncs::resolve(name, &types)
        {
            return Ok((
                Bound::Func(Func::Catalog(f), bound.into_iter().map(|b| b.0).collect(), ty.clone()),
                ty,
            ));
        }
        if call.schema.is_none_or(|s| s == "pg_catalog")
            && let Some(sig) = crate::engine::scalars::resolve(name, &types)
        {
            return crate::engine::scalars::apply(sig, bound);
        }
        let (func, ty) = match (name, types.as_slice()) {
            ("coalesce", [_, ..]) => {
                let exprs: Vec<&Expr> = args.iter().collect();
                (Func::Coalesce, crate::engine::expr::common_type_of("COALESCE", &types, &exprs)?)
            }
            ("nullif", [a, _]) => (Func::NullIf, a.clone()),
            ("lower", [t]) if t.is_text() => (Func::Lower, DataType::Text),
            ("upper", [t]) if t.is_text() => (Func::Upper, DataType::Text),
            ("length", [t]) if t.is_text() => (Func::Length, DataType::Integer),
            ("abs", [t]) if t.is_numeric() => (Func::Abs, t.clone()),
            // An untyped literal takes float8, numeric's preferred type.
            ("abs", [DataType::Unknown]) => (Func::Abs, DataType::Double),
            ("now", []) | ("current_timestamp", []) => (Func::Now, DataType::Timestamptz),
            ("current_date", []) => {
                let now = Bound::Func(Func::Now, Vec::new(), DataType::Timestamptz);
                let date = Bound::Cast(Box::new(now), DataType::Timestamptz, DataType::Date);
                return Ok((date, DataType::Date));
            }
            ("gen_random_uuid", []) => (Func::GenRandomUuid, DataType::Uuid),
            ("nextval", [t]) if t.is_text() || *t == DataType::Unknown => {
                (Func::NextVal, DataType::BigInt)
            }
            ("currval", [t]) if t.is_text() || *t == DataType::Unknown => {
                (Func::CurrVal, DataType::BigInt)
            }
            ("setval", [t, n]) | ("setval", [t, n, DataType::Boolean])
                if (t.is_text() || *t == DataType::Unknown) && n.is_integer() =>
            {
                (Func::SetVal, DataType::BigInt)
            }
            _ if crate::engine::array_funcs::is_internal(name) => {
                return Err(crate::engine::array_funcs::misuse(name, &types, pos));
            }
            _ if builtins::is_postgres_function(name) && !builtins::is_postgres_only(name) => {
                return Err(builtins::no_matching_function(called, &types, pos));
            }
            _ => return Err(builtins::unknown_function(call.schema, name, &types, pos)),
        };
        let ty = if ty == DataType::Unknown { DataType::Text } else { ty };
        let args = match func {
            Func::Coalesce => bound
                .into_iter()
                .map(|(b, t)| coerce(b, t, &ty, None).map(|x| x.0))
                .collect::<Result<Vec<_>>>()?,
            Func::Abs => bound
                .into_iter()
                .map(|(b, t)| coerce(b, t, &ty, None).map(|x| x.0))
                .collect::<Result<Vec<_>>>()?,
            // char(n) arguments lose their padding on the way to text, as length(bpchar) ignores it.
            _ => bound
                .into_iter()
                .map(|(b, t)| match t {
                    DataType::Unknown => coerce(b, t, &DataType::Text, None).map(|x| x.0),
                    DataType::Char(_) => Ok(Bound::Cast(Box::new(b), t, DataType::Text)),
                    _ => Ok(b),
                })
                .collect::<Result<Vec<_>>>()?,
        };
        Ok((Bound::Func(func, args, ty.clone()), ty))
    }

    /// Binds an aggregate call (its arguments in an inner binder) and collects it.
    pub(crate) fn bind_aggregate(
        &mut self,
        kind: AggKind,
        call: &Call<'_>,
        args: &[Expr],
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        let pos = call.pos;
        // The arguments first, as PostgreSQL transforms them before it looks at the call.
        let mut inner = Binder {
            aggregates: None,
            srfs: self.srfs.as_ref().map(|_| Vec::new()),
            clause: self.clause,
            in_aggregate: self.aggregates.is_some(),
            subplans: None,
            windows: None,
        };
        let mut bound = Vec::new();
        for a in args {
            bound.push(inner.bind(a, scope)?);
        }
        inner.refuse_srfs_since(
            0,
            "aggregate function calls cannot contain set-returning function calls".to_string(),
        )?;
        if self.aggregates.is_none() {
            return Err(Error::new(
                "42803",
                match (self.in_aggregate, self.clause) {
                    (true, _) => "aggregate function calls cannot be nested".to_string(),
                    (false, "") => {
                        "aggregate functions are not allowed in this context".to_string()
                    }
                    (false, clause) => format!("aggregate functions are not allowed in {clause}"),
                },
            )
            .at(pos));
        }
        let (call, ty) = aggregate_call(kind, call, bound)?;
        let list = self.aggregates.get_or_insert_with(Vec::new);
        list.push(call);
        Ok((Bound::Agg(list.len() - 1), ty))
    }
}

/// The aggregate call of `kind` over bound arguments, and its result type.
pub(crate) fn aggregate_call(
    kind: AggKind,
    call: &Call<'_>,
    mut bound: Vec<(Bound, DataType)>,
) -> Result<(AggCall, DataType)> {
    let Call { distinct, pos, .. } = *call;
    let called = &call.called();
    {
        let types: Vec<DataType> = bound.iter().map(|b| b.1.clone()).collect();
        let no_such = || builtins::no_matching_function(called, &types, pos);
        if let AggKind::Collect(c) = kind {
            let ty = c.result_type(&mut bound).ok_or_else(no_such)?;
            let mut it = bound.into_iter();
            let (arg, arg_type) = it.next().ok_or_else(no_such)?;
            let call = AggCall {
                kind,
                arg: Some(arg),
                arg_type,
                distinct,
                more: it.collect(),
                filter: None,
                order_by: Vec::new(),
                user: None,
            };
            return Ok((call, ty));
        }
        let (arg, arg_type) = match (kind, bound.as_slice()) {
            (AggKind::CountStar, _) => (None, DataType::BigInt),
            (_, [(b, t)]) => (Some(b.clone()), t.clone()),
            _ => return Err(no_such()),
        };
        let ty = match kind {
            AggKind::CountStar | AggKind::Count => DataType::BigInt,
            AggKind::Sum => match &arg_type {
                DataType::SmallInt | DataType::Integer => DataType::BigInt,
                DataType::BigInt | DataType::Numeric(_) => DataType::Numeric(None),
                DataType::Real => DataType::Real,
                DataType::Double => DataType::Double,
                _ => return Err(no_such()),
            },
            AggKind::Avg => match &arg_type {
                t if t.is_integer() || matches!(t, DataType::Numeric(_)) => DataType::Numeric(None),
                DataType::Real | DataType::Double => DataType::Double,
                _ => return Err(no_such()),
            },
            AggKind::Min | AggKind::Max => arg_type.base(),
            AggKind::Collect(_) => return Err(no_such()),
        };
        let more = Vec::new();
        Ok((
            AggCall {
                kind,
                arg,
                arg_type,
                distinct,
                more,
                filter: None,
                order_by: Vec::new(),
                user: None,
            },
            ty,
        ))
    }
}
