//! User-defined aggregates (CREATE AGGREGATE): their catalog entry, the rewrite of a call into
//! the internal call the binder collects, and the fold of a group's inputs through the
//! transition and final functions.

use crate::engine::aggcollect::Collector;
use crate::engine::builtins;
use crate::engine::calls::{AggCall, AggKind, Call};
use crate::engine::database::Database;
use crate::engine::eval::eval;
use crate::engine::exec::Exec;
use crate::engine::expr::{Binder, Bound, EvalContext, Scope, ScopeColumn};
use crate::engine::overload::{self, FunctionKey};
use crate::engine::routines::Function;
use crate::engine::types::DataType;
use crate::engine::value::Value;
use crate::error::{Error, Result};
use crate::sql::aggregate_def::{AggregateDef, CreateAggregate};
use crate::sql::ast::{
    ArgMode, CreateFunction, Expr, FunctionArg, FunctionBody, Literal, ObjectName, Returns,
};
use crate::sql::walk;

/// The internal function a call of a user aggregate becomes: its arguments are the first
/// state, the transition step, the final step (or NULL), the step's strictness, then the
/// call's own arguments.
pub const CALL_NAME: &str = "fksim_user_aggregate";

/// The name the step sees the state under; the arguments are `fksim_arg1`, ...
const STATE: &str = "fksim_state";

/// How a user aggregate folds its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct UserFold {
    /// The state before any input (INITCOND).
    pub init: Value,
    /// The transition step over (state, arguments...).
    pub step: Bound,
    /// The final step over (state), when there is a FINALFUNC.
    pub finish: Option<Bound>,
    /// The transition function is STRICT: NULL inputs are skipped, and with no INITCOND the
    /// first non-NULL input is the state.
    pub strict: bool,
}

/// The function of that name taking exactly `types`, looked up as PostgreSQL does.
fn find_function(db: &Database, name: &ObjectName, types: &[DataType]) -> Result<FunctionKey> {
    let schemas = match &name.schema {
        Some(s) => vec![s.clone()],
        None => db.search_path.clone(),
    };
    schemas.iter().find_map(|s| overload::find_exact(db, s, &name.name, types)).ok_or_else(|| {
        let called = builtins::called_name(name.schema.as_deref(), &name.name);
        Error::new(
            "42883",
            format!("function {} does not exist", builtins::signature(&called, types)),
        )
    })
}

/// CREATE [OR REPLACE] AGGREGATE: stored as a function whose body names its steps.
pub fn create(exec: &mut Exec<'_>, a: &CreateAggregate) -> Result<()> {
    let mut step_types = vec![a.stype.clone()];
    step_types.extend(a.args.iter().cloned());
    let sfunc = find_function(exec.db, &a.sfunc, &step_types)?;
    let returns = exec.db.functions.get(&sfunc).map(|f| f.returns.clone());
    if returns != Some(Returns::Value(a.stype.clone())) {
        return Err(Error::new(
            "42804",
            format!("return type of transition function {} is not {}", a.sfunc.name, a.stype),
        ));
    }
    let strict = exec.db.functions.get(&sfunc).is_some_and(|f| f.strict);
    if strict && a.initcond.is_none() && a.args.first().map(DataType::base) != Some(a.stype.base())
    {
        return Err(Error::new(
            "42P13",
            "must not omit initial value when transition function is strict and transition type is not compatible with input type",
        ));
    }
    let (finalfunc, result) = match &a.finalfunc {
        Some(name) => {
            let key = find_function(exec.db, name, std::slice::from_ref(&a.stype))?;
            let ty = match exec.db.functions.get(&key).map(|f| &f.returns) {
                Some(Returns::Value(t)) => t.clone(),
                _ => a.stype.clone(),
            };
            (Some(key), ty)
        }
        None => (None, a.stype.clone()),
    };
    let def =
        AggregateDef { sfunc, stype: a.stype.clone(), initcond: a.initcond.clone(), finalfunc };
    let function = CreateFunction {
        name: a.name.clone(),
        or_replace: a.or_replace,
        security_definer: false,
        search_path: None,
        stable: false,
        strict: false,
        args: a
            .args
            .iter()
            .map(|t| FunctionArg {
                name: None,
                data_type: t.clone(),
                default: None,
                mode: ArgMode::In,
            })
            .collect(),
        returns: Returns::Value(result),
        body: FunctionBody::Aggregate(Box::new(def)),
        procedure: false,
        body_at: Vec::new(),
    };
    crate::engine::routines::create_function(exec, &function)
}

/// The body of `f` (a one-expression SQL function) over the named columns, cast to its type.
fn inline_over(f: &Function, columns: &[Expr], what: &str) -> Result<Expr> {
    let Some(body) = crate::engine::fncall::inline_body(f) else {
        return Err(Error::unsupported(format!(
            "an aggregate whose {what} {} is not a one-expression SQL function is not supported by fksim",
            f.name
        )));
    };
    let mut body = body.clone();
    walk::expr(&mut body, &mut |x| crate::engine::fncall::substitute(x, f, columns))?;
    Ok(match &f.returns {
        Returns::Value(ty) => Expr::Cast { expr: Box::new(body), to: ty.clone(), pos: None },
        _ => body,
    })
}

fn column(name: &str) -> Expr {
    Expr::Column { table: None, name: name.to_string(), pos: None }
}

/// The internal call (`CALL_NAME`) a call of aggregate `def` with `args` becomes.
pub fn rewrite_call(
    db: &Database,
    def: &AggregateDef,
    args: &mut Vec<Expr>,
    name: &mut String,
) -> Result<()> {
    let Some(sfunc) = db.functions.get(&def.sfunc) else { return Ok(()) };
    let mut columns = vec![column(STATE)];
    columns.extend((1..=args.len()).map(|i| column(&format!("fksim_arg{i}"))));
    let step = inline_over(sfunc, &columns, "transition function")?;
    let finish = match def.finalfunc.as_ref().and_then(|k| db.functions.get(k)) {
        Some(f) => inline_over(f, &[column(STATE)], "final function")?,
        None => Expr::Literal(Literal::Null),
    };
    let init = Expr::Cast {
        expr: Box::new(Expr::Literal(match &def.initcond {
            Some(s) => Literal::String(s.clone(), None),
            None => Literal::Null,
        })),
        to: def.stype.clone(),
        pos: None,
    };
    let mut all = vec![init, step, finish, Expr::Literal(Literal::Bool(sfunc.strict))];
    all.append(args);
    *args = all;
    *name = CALL_NAME.to_string();
    Ok(())
}

fn scope_of(columns: Vec<(String, DataType)>) -> Scope {
    Scope {
        columns: columns
            .into_iter()
            .map(|(name, data_type)| ScopeColumn { qualifier: None, name, data_type })
            .collect(),
        using: None,
    }
}

impl Binder {
    /// Binds the internal call a user aggregate's call became (see `rewrite_call`).
    pub(crate) fn bind_user_aggregate(
        &mut self,
        call: &Call<'_>,
        args: &[Expr],
        scope: &Scope,
    ) -> Result<(Bound, DataType)> {
        let [init, step, finish, strict, inputs @ ..] = args else {
            return Err(Error::unsupported("this aggregate call is not supported by fksim"));
        };
        let ctx = EvalContext::default();
        let (init, stype) = Binder::default().bind(init, &Scope::default())?;
        let init = eval(&init, &[], &[], &ctx)?;
        let strict = matches!(strict, Expr::Literal(Literal::Bool(true)));
        let (agg, _) =
            self.bind_aggregate(AggKind::Collect(Collector::User), call, inputs, scope)?;
        let Bound::Agg(i) = agg else { return Ok((agg, stype)) };
        let Some(a) = self.aggregates.as_mut().and_then(|l| l.get_mut(i)) else {
            return Ok((agg, stype));
        };
        let mut columns = vec![
            (STATE.to_string(), stype.clone()),
            ("fksim_arg1".to_string(), a.arg_type.clone()),
        ];
        for (k, (_, t)) in a.more.iter().enumerate() {
            columns.push((format!("fksim_arg{}", k + 2), t.clone()));
        }
        let (step, _) = Binder::default().bind(step, &scope_of(columns))?;
        let (finish, ty) = match finish {
            Expr::Literal(Literal::Null) => (None, stype.clone()),
            f => {
                let (b, t) =
                    Binder::default().bind(f, &scope_of(vec![(STATE.to_string(), stype)]))?;
                (Some(b), t)
            }
        };
        a.user = Some(Box::new(UserFold { init, step, finish, strict }));
        Ok((agg, ty))
    }
}

/// The aggregate's value over a group's inputs (each: its arguments, then ORDER BY keys), in
/// the order they are folded.
pub fn fold(a: &AggCall, rows: &[Vec<Value>]) -> Result<Value> {
    let Some(u) = &a.user else { return Ok(Value::Null) };
    let n = 1 + a.more.len();
    let ctx = EvalContext::default();
    let mut state = u.init.clone();
    // A strict step with no INITCOND takes the first non-NULL input as the state.
    let mut started = !(u.strict && state.is_null());
    let mut row = Vec::with_capacity(n + 1);
    for input in rows {
        let inputs = &input[..n.min(input.len())];
        if u.strict && (inputs.iter().any(Value::is_null) || (started && state.is_null())) {
            continue;
        }
        if !started {
            state = inputs.first().cloned().unwrap_or(Value::Null);
            started = true;
            continue;
        }
        row.clear();
        row.push(std::mem::replace(&mut state, Value::Null));
        row.extend_from_slice(inputs);
        state = eval(&u.step, &row, &[], &ctx)?;
    }
    match &u.finish {
        Some(f) => eval(f, &[state], &[], &ctx),
        None => Ok(state),
    }
}
