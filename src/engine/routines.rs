//! Functions and triggers: their catalog entries and CREATE/DROP FUNCTION and TRIGGER.

use crate::engine::builtins::signature as call_signature;
use crate::engine::catalog::TableId;
use crate::engine::database::{Database, Undo, display_name};
use crate::engine::exec::Exec;
use crate::engine::types::DataType;
use crate::error::{Error, Notice, Result};
use crate::sql::ast::{
    CreateFunction, CreateTrigger, Expr, FunctionArg, FunctionBody, FunctionRef, ObjectName,
    Returns,
};

/// A function: PL/pgSQL or SQL, a trigger function or one called in expressions.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Its schema.
    pub schema: String,
    /// Its name.
    pub name: String,
    /// `SET search_path` of the function, when given.
    pub search_path: Option<Vec<String>>,
    /// SECURITY DEFINER: the body runs as `owner`.
    pub security_definer: bool,
    /// STABLE or IMMUTABLE: one call per distinct argument list serves a whole statement.
    pub stable: bool,
    /// STRICT: a NULL argument makes the result NULL (what user aggregates look at).
    pub strict: bool,
    /// The role that created it.
    pub owner: String,
    /// Its arguments a call gives (IN, INOUT), in order.
    pub args: Vec<FunctionArg>,
    /// All its arguments as declared, OUT ones included (what `\df` shows).
    pub declared: Vec<FunctionArg>,
    /// What it returns.
    pub returns: Returns,
    /// The compiled body.
    pub body: FunctionBody,
    /// A procedure (CREATE PROCEDURE): called by CALL only.
    pub procedure: bool,
}

impl Function {
    /// The argument types, in order.
    pub fn arg_types(&self) -> Vec<DataType> {
        self.args.iter().map(|a| a.data_type.clone()).collect()
    }
}

/// Which row operation fired a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerOp {
    /// INSERT
    Insert,
    /// UPDATE
    Update,
    /// DELETE
    Delete,
    /// TRUNCATE (statement-level triggers only)
    Truncate,
}

impl TriggerOp {
    /// TG_OP's value.
    pub fn name(self) -> &'static str {
        match self {
            TriggerOp::Insert => "INSERT",
            TriggerOp::Update => "UPDATE",
            TriggerOp::Delete => "DELETE",
            TriggerOp::Truncate => "TRUNCATE",
        }
    }
}

/// A row-level trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Its name (unique per table; triggers fire in name order).
    pub name: String,
    /// The table it is on.
    pub table: TableId,
    /// BEFORE (true) or AFTER.
    pub before: bool,
    /// Fires on INSERT.
    pub on_insert: bool,
    /// Fires on UPDATE: `Some(columns)`, empty for any column.
    pub on_update: Option<Vec<usize>>,
    /// Fires on DELETE.
    pub on_delete: bool,
    /// Fires on TRUNCATE.
    pub on_truncate: bool,
    /// WHEN condition.
    pub when: Option<Expr>,
    /// (schema, name) of the function.
    pub function: (String, String),
    /// The arguments given to the function (TG_ARGV).
    pub args: Vec<String>,
    /// False after `ALTER TABLE ... DISABLE TRIGGER`: it does not fire.
    pub enabled: bool,
    /// FOR EACH ROW (true) or FOR EACH STATEMENT.
    pub row: bool,
    /// `REFERENCING OLD TABLE AS name`: what the function reads the changed rows' old images as.
    pub old_table: Option<String>,
    /// `REFERENCING NEW TABLE AS name`.
    pub new_table: Option<String>,
    /// An INSTEAD OF trigger's view (schema, name); its `table` is then [`VIEW_TRIGGER`].
    pub view: Option<(String, String)>,
    /// A constraint trigger's constraint (`CREATE CONSTRAINT TRIGGER`).
    pub constraint: Option<crate::engine::constraint_triggers::TriggerConstraint>,
    /// A clone of a partitioned table's row trigger: that table (`tgparentid`).
    pub parent: Option<TableId>,
}

impl Trigger {
    /// Does this trigger fire for `op`, given the old and new values of an UPDATE?
    pub fn fires_on(&self, op: TriggerOp, changed: impl Fn(usize) -> bool) -> bool {
        match op {
            TriggerOp::Insert => self.on_insert,
            TriggerOp::Delete => self.on_delete,
            TriggerOp::Truncate => self.on_truncate,
            TriggerOp::Update => match &self.on_update {
                None => false,
                Some(cols) => cols.is_empty() || cols.iter().any(|&c| changed(c)),
            },
        }
    }
}

/// The `table` of a view's trigger: no table has it.
pub const VIEW_TRIGGER: TableId = TableId(u32::MAX);

/// The (schema, name) key of a function name as written, resolved on the search path.
fn function_key(db: &Database, name: &ObjectName) -> (String, String) {
    match &name.schema {
        Some(s) => (s.clone(), name.name.clone()),
        None => {
            let schema = db
                .search_path
                .iter()
                .find(|s| !crate::engine::overload::family(db, s, &name.name).is_empty());
            (schema.or(db.search_path.first()).cloned().unwrap_or_default(), name.name.clone())
        }
    }
}

pub(crate) fn save(exec: &mut Exec<'_>) {
    exec.txn
        .undo
        .push(Undo::Routines(Box::new((exec.db.functions.clone(), exec.db.triggers.clone()))));
}

/// CREATE [OR REPLACE] FUNCTION.
pub fn create_function(exec: &mut Exec<'_>, f: &CreateFunction) -> Result<()> {
    let key =
        match &f.name.schema {
            Some(s) => (s.clone(), f.name.name.clone()),
            None => (
                exec.db.search_path.first().cloned().ok_or_else(|| {
                    Error::new("3F000", "no schema has been selected to create in")
                })?,
                f.name.name.clone(),
            ),
        };
    if !exec.db.schemas.contains(&key.0) {
        return Err(Error::undefined_schema(&key.0));
    }
    let arg_types: Vec<DataType> =
        f.args.iter().filter(|a| a.mode.is_input()).map(|a| a.data_type.clone()).collect();
    let returns = crate::engine::fnresult::resolve_returns(exec.db, &f.returns)?;
    // Another function of this name with other argument types is an overload of it.
    let key = crate::engine::overload::find_exact(exec.db, &key.0, &key.1, &arg_types)
        .unwrap_or_else(|| {
            crate::engine::overload::key_for_new(exec.db, &key.0, &key.1, &arg_types)
        });
    let name = f.name.name.clone();
    if let Some(existing) = exec.db.functions.get(&key) {
        if !f.or_replace {
            return Err(Error::new(
                "42723",
                format!("function \"{name}\" already exists with same argument types"),
            ));
        }
        if existing.procedure != f.procedure {
            let kind = if existing.procedure { "procedure" } else { "function" };
            return Err(Error::new("42809", "cannot change routine kind")
                .with_detail(format!("\"{name}\" is a {kind}.")));
        }
        if existing.returns != returns {
            return Err(Error::new("42P13", "cannot change return type of existing function")
                .with_hint(format!(
                    "Use DROP FUNCTION {} first.",
                    call_signature(
                        &function_label(exec.db, &(key.0.clone(), name.clone()), None),
                        &arg_types
                    )
                )));
        }
    }
    if f.returns == Returns::Trigger && !f.args.is_empty() {
        return Err(Error::new("42P13", "trigger functions cannot have declared arguments")
            .with_hint("The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.")
            .with_context(format!("compilation of PL/pgSQL function \"{name}\" near line 1")));
    }
    let checked = crate::engine::body_check::bodies_checked(exec.db);
    match &f.body {
        FunctionBody::PlPgSql(block) if checked => {
            crate::engine::body_check::check_plpgsql(exec.db, block)?
        }
        FunctionBody::Unchecked(u) if checked => {
            return Err(crate::sql::plpgsql::shift_position(u.error.clone(), u.offset));
        }
        _ => {}
    }
    save(exec);
    let owner = crate::engine::roles::current_user(exec.db);
    exec.db.functions.insert(
        key.clone(),
        Function {
            schema: key.0.clone(),
            name,
            search_path: f.search_path.clone(),
            security_definer: f.security_definer,
            stable: f.stable,
            strict: f.strict,
            owner,
            args: f.args.iter().filter(|a| a.mode.is_input()).cloned().collect(),
            declared: f.args.clone(),
            returns,
            body: f.body.clone(),
            procedure: f.procedure,
        },
    );
    // Analysed once it exists, as PostgreSQL's validator does: a body may call itself.
    if checked && let Some(function) = exec.db.functions.get(&key).cloned() {
        crate::engine::body_check::check_sql(exec, &function, &f.body_at)?;
    }
    Ok(())
}

/// Runs `run` as a call of `f` runs: with the function's own search path, and as its owner
/// when it is SECURITY DEFINER.
pub fn in_function_context<T>(
    exec: &mut Exec<'_>,
    f: &Function,
    run: impl FnOnce(&mut Exec<'_>) -> Result<T>,
) -> Result<T> {
    let saved_path = exec.db.search_path.clone();
    if let Some(path) = &f.search_path {
        exec.db.set_search_path(path.clone());
    }
    let saved_role =
        f.security_definer.then(|| crate::engine::roles::enter_definer(exec.db, &f.owner));
    let saved_user =
        std::mem::replace(&mut exec.ctx.current_user, crate::engine::roles::current_user(exec.db));
    let result = run(exec);
    exec.db.set_search_path(saved_path);
    exec.ctx.current_user = saved_user;
    if let Some(role) = saved_role {
        crate::engine::roles::leave_definer(exec.db, role);
    }
    result
}

/// What ALTER FUNCTION changes (None: left as it is).
#[derive(Debug, Clone, Default)]
pub struct FunctionChange {
    /// SECURITY DEFINER / INVOKER.
    pub security_definer: Option<bool>,
    /// SET search_path (Some(Some)) or RESET (Some(None)).
    pub search_path: Option<Option<Vec<String>>>,
    /// STABLE or IMMUTABLE (true), VOLATILE (false).
    pub stable: Option<bool>,
}

/// `ALTER FUNCTION ... {SECURITY DEFINER | SECURITY INVOKER | SET search_path | RESET |
/// STABLE | IMMUTABLE | VOLATILE}`.
pub fn alter_function(
    exec: &mut Exec<'_>,
    function: &FunctionRef,
    change: &FunctionChange,
) -> Result<()> {
    let key = find_function(exec.db, function)?;
    save(exec);
    let Some(f) = exec.db.functions.get_mut(&key) else { return Ok(()) };
    if let Some(definer) = change.security_definer {
        f.security_definer = definer;
    }
    if let Some(path) = &change.search_path {
        f.search_path = path.clone();
    }
    if let Some(stable) = change.stable {
        f.stable = stable;
    }
    Ok(())
}

/// The function a name (and, when written, its argument types) names; PostgreSQL's 42883
/// when none matches.
fn find_function(db: &Database, function: &FunctionRef) -> Result<(String, String)> {
    find_routine(db, function, false)
}

/// The function or procedure (`procedure`) a name names, with PostgreSQL's words when none
/// matches or it is of the other kind.
fn find_routine(
    db: &Database,
    function: &FunctionRef,
    procedure: bool,
) -> Result<(String, String)> {
    let kind = if procedure { "procedure" } else { "function" };
    let (schema, name) = function_key(db, &function.name);
    let family = crate::engine::overload::family(db, &schema, &name);
    let shown = display_name(&function.name);
    if function.arg_types.is_none() && family.len() > 1 {
        return Err(Error::new("42725", format!("{kind} name \"{shown}\" is not unique"))
            .with_hint("Specify the argument list to select the function unambiguously."));
    }
    let found = family.into_iter().find(|(_, f)| {
        function.arg_types.as_ref().is_none_or(|types| {
            types.iter().map(DataType::base).eq(f.arg_types().iter().map(DataType::base))
        })
    });
    match (found.map(|(k, f)| (k.clone(), f)), &function.arg_types) {
        (Some((key, f)), _) if f.procedure == procedure => return Ok(key),
        (Some((_, f)), Some(types)) => {
            let other = if f.procedure { "function" } else { "procedure" };
            return Err(Error::new(
                "42809",
                format!("{} is not a {other}", call_signature(&shown, types)),
            ));
        }
        _ => {}
    }
    Err(match &function.arg_types {
        None => Error::new("42883", format!("could not find a {kind} named \"{shown}\"")),
        Some(types) => {
            Error::new("42883", format!("{kind} {} does not exist", call_signature(&shown, types)))
        }
    })
}

/// Which DROP statement names the routines: its words follow it.
#[derive(Debug, Clone, Copy)]
pub struct RoutineKind {
    /// DROP PROCEDURE.
    pub procedure: bool,
    /// DROP AGGREGATE.
    pub aggregate: bool,
}

/// `DROP {FUNCTION|PROCEDURE|AGGREGATE} [IF EXISTS] ... [CASCADE]`.
pub fn drop_functions(
    exec: &mut Exec<'_>,
    names: &[FunctionRef],
    if_exists: bool,
    cascade: bool,
    routine: RoutineKind,
) -> Result<()> {
    let procedure = routine.procedure;
    let kind = match routine {
        RoutineKind { procedure: true, .. } => "procedure",
        RoutineKind { aggregate: true, .. } => "aggregate",
        _ => "function",
    };
    for function in names {
        let found = find_routine(exec.db, function, procedure).map_err(|mut e| {
            // DROP AGGREGATE names what it looked for as PostgreSQL does.
            if routine.aggregate && e.sqlstate() == "42883" {
                e.message = e.message.replacen("function ", "aggregate ", 1);
            }
            e
        });
        let key = match found {
            Ok(key) => key,
            Err(e) if if_exists && e.sqlstate() == "42883" => {
                let types = function.arg_types.as_deref().unwrap_or(&[]);
                let shown = format!(
                    "{}({})",
                    display_name(&function.name),
                    types.iter().map(written_type_name).collect::<Vec<_>>().join(",")
                );
                exec.notices
                    .push(Notice::notice(format!("{kind} {shown} does not exist, skipping")));
                continue;
            }
            Err(e) => return Err(e),
        };
        let dependents: Vec<(String, String)> = exec
            .db
            .triggers
            .iter()
            .filter(|t| t.function == key)
            .map(|t| (t.name.clone(), crate::engine::ddl::relation_label(exec.db, t.table)))
            .collect();
        let (types, name) = exec
            .db
            .functions
            .get(&key)
            .map(|f| (f.arg_types(), f.name.clone()))
            .unwrap_or_default();
        let shown = call_signature(&function_label(exec.db, &(key.0.clone(), name), None), &types);
        if !dependents.is_empty() && !cascade {
            let detail = dependents
                .iter()
                .map(|(t, table)| {
                    format!("trigger {t} on table {table} depends on function {shown}")
                })
                .collect::<Vec<_>>()
                .join("\n");
            return Err(Error::new(
                "2BP01",
                format!("cannot drop function {shown} because other objects depend on it"),
            )
            .with_detail(detail)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too."));
        }
        save(exec);
        if !dependents.is_empty() {
            let what: Vec<String> = dependents
                .iter()
                .map(|(t, table)| format!("trigger {t} on table {table}"))
                .collect();
            exec.notices.push(crate::engine::ddl::cascade_notice(&what));
        }
        exec.db.triggers.retain(|t| t.function != key);
        exec.db.functions.shift_remove(&key);
    }
    Ok(())
}

/// A type as the NOTICE of `DROP FUNCTION IF EXISTS f(...)` names it: the name the grammar
/// gave it, `pg_catalog.int4` for `integer` (the SQL-standard spellings), else its own.
fn written_type_name(ty: &DataType) -> String {
    let internal = match ty.base() {
        DataType::SmallInt => "int2",
        DataType::Integer => "int4",
        DataType::BigInt => "int8",
        DataType::Boolean => "bool",
        DataType::Real => "float4",
        DataType::Double => "float8",
        DataType::Numeric(_) => "numeric",
        DataType::Varchar(_) => "varchar",
        DataType::Char(_) => "bpchar",
        DataType::Timestamp => "timestamp",
        DataType::Timestamptz => "timestamptz",
        DataType::Interval => "interval",
        _ => return ty.pg_name(),
    };
    format!("pg_catalog.{internal}")
}

/// CREATE TRIGGER.
pub fn create_trigger(exec: &mut Exec<'_>, t: &CreateTrigger) -> Result<()> {
    if let Some(view) = crate::engine::instead_triggers::check_relation(exec.db, t)? {
        return crate::engine::instead_triggers::create(exec, t, view);
    }
    let table_id =
        exec.db.lookup(&t.table).ok_or_else(|| Error::undefined_table(&display_name(&t.table)))?;
    crate::engine::roles::check_table_privilege(exec.db, table_id, "trigger")?;
    let table = exec.db.table(table_id)?;
    if exec.db.triggers.iter().any(|x| x.table == table_id && x.name == t.name) {
        return Err(Error::new(
            "42710",
            format!("trigger \"{}\" for relation \"{}\" already exists", t.name, table.name),
        ));
    }
    let function = trigger_function(exec.db, &t.function)?;
    let on_update = match &t.on_update {
        None => None,
        Some(cols) => Some(
            cols.iter()
                .map(|c| {
                    table.column_index(&c.name).ok_or_else(|| {
                        Error::new(
                            "42703",
                            format!(
                                "column \"{}\" of relation \"{}\" does not exist",
                                c.name, table.name
                            ),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?,
        ),
    };
    if let Some(when) = &t.when {
        check_when(when, t)?;
    }
    let trigger = Trigger {
        name: t.name.clone(),
        table: table_id,
        before: t.before,
        on_insert: t.on_insert,
        on_update,
        on_delete: t.on_delete,
        on_truncate: t.on_truncate,
        when: t.when.clone(),
        function,
        args: t.args.clone(),
        enabled: true,
        row: t.for_each_row,
        old_table: None,
        new_table: None,
        view: None,
        constraint: None,
        parent: None,
    };
    let trigger = crate::engine::transition_tables::attach(trigger, t)?;
    let trigger = crate::engine::constraint_triggers::attach(exec, trigger, t.constraint);
    save(exec);
    exec.db.triggers.push(trigger);
    crate::engine::partition_triggers::reconcile(exec)
}

/// The function a trigger names: the overload without arguments, returning trigger.
pub(crate) fn trigger_function(db: &Database, written: &ObjectName) -> Result<(String, String)> {
    // The trigger function is the overload without arguments.
    let (schema, name) = function_key(db, written);
    let function =
        crate::engine::overload::find_exact(db, &schema, &name, &[]).unwrap_or((schema, name));
    match db.functions.get(&function) {
        None => {
            return Err(Error::new(
                "42883",
                format!("function {}() does not exist", display_name(written)),
            ));
        }
        Some(f) if f.returns != Returns::Trigger => {
            return Err(Error::new(
                "42P17",
                format!("function {} must return type trigger", display_name(written)),
            ));
        }
        Some(_) => {}
    }
    Ok(function)
}

/// PostgreSQL's checks on a WHEN condition: no OLD in INSERT triggers, no NEW in DELETE ones.
fn check_when(when: &Expr, t: &CreateTrigger) -> Result<()> {
    let mut when = when.clone();
    crate::sql::walk::expr(&mut when, &mut |e| {
        if let Expr::Column { table: Some(rec), pos, .. } = e {
            if !t.for_each_row && (rec == "old" || rec == "new") {
                return Err(Error::new(
                    "42P17",
                    "statement trigger's WHEN condition cannot reference column values",
                )
                .at(*pos));
            }
            let (kind, values) = match rec.as_str() {
                "old" if t.on_insert => ("INSERT", "OLD"),
                "new" if t.on_delete => ("DELETE", "NEW"),
                _ => return Ok(false),
            };
            return Err(Error::new(
                "42P17",
                format!("{kind} trigger's WHEN condition cannot reference {values} values"),
            )
            .at(*pos));
        }
        Ok(false)
    })
}

/// A function's name as PostgreSQL's object descriptions give it: qualified unless its schema
/// is on the search path (`path`, or the session's).
pub fn function_label(db: &Database, key: &(String, String), path: Option<&[String]>) -> String {
    if path.unwrap_or(&db.search_path).contains(&key.0) {
        key.1.clone()
    } else {
        format!("{}.{}", key.0, key.1)
    }
}

/// DROP TRIGGER [IF EXISTS] name ON table.
pub fn drop_trigger(
    exec: &mut Exec<'_>,
    name: &str,
    table: &ObjectName,
    if_exists: bool,
) -> Result<()> {
    let view =
        crate::engine::views::find(exec.db, table).map(|v| (v.schema.clone(), v.name.clone()));
    if let Some(view) = view.filter(|_| exec.db.lookup(table).is_none()) {
        return crate::engine::instead_triggers::drop(exec, name, &view, if_exists);
    }
    let Some(table_id) = exec.db.lookup(table) else {
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "relation \"{}\" does not exist, skipping",
                display_name(table)
            )));
            return Ok(());
        }
        return Err(Error::undefined_table(&display_name(table)));
    };
    let table_name = exec.db.table(table_id)?.name.clone();
    if !exec.db.triggers.iter().any(|t| t.table == table_id && t.name == name) {
        if if_exists {
            exec.notices.push(Notice::notice(format!(
                "trigger \"{name}\" for relation \"{table_name}\" does not exist, skipping"
            )));
            return Ok(());
        }
        return Err(Error::new(
            "42704",
            format!("trigger \"{name}\" for table \"{table_name}\" does not exist"),
        ));
    }
    crate::engine::partition_triggers::check_drop(exec.db, table_id, name)?;
    save(exec);
    exec.db.triggers.retain(|t| !(t.table == table_id && t.name == name));
    crate::engine::partition_triggers::reconcile(exec)
}
