//! Overloaded user functions: several of one name with different argument types. Where each is
//! kept in the catalog, and which one a call picks, as PostgreSQL's func_select_candidate
//! does: exact matches first, then the preferred type of each argument's category (double
//! precision for numbers, text for strings and for untyped literals).

use crate::engine::builtins::{ambiguous_function, signature};
use crate::engine::database::Database;
use crate::engine::expr::{Binder, Scope};
use crate::engine::routines::Function;
use crate::engine::types::DataType;
use crate::error::Result;
use crate::sql::ast::{Expr, Pos};

/// A function's catalog key: (schema, name).
pub type FunctionKey = (String, String);

/// The key a new function is stored under: its name, or when another function already has
/// that name, its name with its argument types (`f(integer, text)`), which no plain name is.
pub fn key_for_new(db: &Database, schema: &str, name: &str, arg_types: &[DataType]) -> FunctionKey {
    let plain = (schema.to_string(), name.to_string());
    if db.functions.contains_key(&plain) {
        (schema.to_string(), signature(name, arg_types))
    } else {
        plain
    }
}

/// Every function named `name` in `schema`, with its key.
pub fn family<'a>(
    db: &'a Database,
    schema: &str,
    name: &str,
) -> Vec<(&'a FunctionKey, &'a Function)> {
    db.functions.iter().filter(|(_, f)| f.schema == schema && f.name == name).collect()
}

/// The function of that name and schema taking exactly these argument types.
pub fn find_exact(
    db: &Database,
    schema: &str,
    name: &str,
    types: &[DataType],
) -> Option<FunctionKey> {
    family(db, schema, name)
        .into_iter()
        .find(|(_, f)| {
            f.arg_types().iter().map(DataType::base).eq(types.iter().map(DataType::base))
        })
        .map(|(k, _)| k.clone())
}

/// The category PostgreSQL puts a type in, and whether it is the category's preferred type.
fn category(ty: &DataType) -> (char, bool) {
    match ty.base() {
        DataType::SmallInt | DataType::Integer | DataType::BigInt | DataType::Numeric(_) => {
            ('N', false)
        }
        DataType::Real => ('N', false),
        DataType::Double => ('N', true),
        DataType::Text => ('S', true),
        DataType::Varchar(_) | DataType::Char(_) => ('S', false),
        DataType::Boolean => ('B', true),
        DataType::Date | DataType::Timestamp => ('D', false),
        DataType::Timestamptz => ('D', true),
        _ => ('U', false),
    }
}

/// Which of the functions sharing `key`'s name a call with these arguments means: the one,
/// or PostgreSQL's 42725 when several fit equally. A lone function is returned as it is (its
/// own checks word a call that does not fit).
pub fn choose(db: &Database, key: &FunctionKey, args: &[Expr], pos: Pos) -> Result<FunctionKey> {
    let Some(f) = db.functions.get(key) else { return Ok(key.clone()) };
    let family = family(db, &f.schema, &f.name);
    if family.len() < 2 {
        return Ok(key.clone());
    }
    // Only an argument that does not depend on a row has a type before the statement runs.
    let types: Vec<Option<DataType>> = args
        .iter()
        .map(|a| match a {
            Expr::NamedArg { value, .. } => value,
            other => other,
        })
        .map(|a| {
            Binder::default()
                .bind(a, &Scope::default())
                .ok()
                .map(|b| b.1)
                .filter(|t| *t != DataType::Unknown)
        })
        .collect();
    let named = |f: &Function| {
        args.iter().all(|a| match a {
            Expr::NamedArg { name, .. } => f.args.iter().any(|d| d.name.as_deref() == Some(name)),
            _ => true,
        })
    };
    let mut candidates: Vec<(&FunctionKey, &Function)> = family
        .into_iter()
        .filter(|(_, f)| {
            let required = f.args.iter().filter(|a| a.default.is_none()).count();
            args.len() <= f.args.len() && args.len() >= required && named(f)
        })
        .filter(|(_, f)| {
            types.iter().zip(&f.args).all(|(t, d)| {
                t.as_ref().is_none_or(|t| crate::engine::fncall::castable(t, &d.data_type))
            })
        })
        .collect();
    if candidates.len() < 2 {
        return Ok(candidates.first().map_or(key, |c| c.0).clone());
    }
    // Most arguments of exactly their type; then most of the preferred type where a cast is
    // needed; then, for untyped arguments, a string type (text first).
    let score_rounds: [&dyn Fn(&Function) -> usize; 3] = [
        &|f| {
            types
                .iter()
                .zip(&f.args)
                .filter(|(t, d)| t.as_ref().is_some_and(|t| t.base() == d.data_type.base()))
                .count()
        },
        &|f| {
            types
                .iter()
                .zip(&f.args)
                .filter(|(t, d)| {
                    t.as_ref().is_some_and(|t| t.base() != d.data_type.base())
                        && category(&d.data_type).1
                })
                .count()
        },
        &|f| {
            types
                .iter()
                .zip(&f.args)
                .filter(|(t, d)| t.is_none() && category(&d.data_type) == ('S', true))
                .count()
        },
    ];
    for score in score_rounds {
        let best = candidates.iter().map(|c| score(c.1)).max().unwrap_or(0);
        candidates.retain(|c| score(c.1) == best);
        if candidates.len() == 1 {
            return Ok(candidates[0].0.clone());
        }
    }
    let shown: Vec<DataType> =
        types.iter().map(|t| t.clone().unwrap_or(DataType::Unknown)).collect();
    ambiguous_function(&f.name, &shown, pos)
}
