//! A view's options (`CREATE VIEW v WITH (security_invoker = true)`, `ALTER VIEW v SET (...)` /
//! `RESET (...)`): PostgreSQL's three view reloptions, checked as it checks them and kept as
//! written, as `\d+` shows them (`Options: security_invoker=true`).

use crate::engine::exec::Exec;
use crate::engine::views::{View, find, save};
use crate::error::{Error, Result};
use crate::sql::ast::ObjectName;
use crate::sql::ast_view::CheckOption;

const BOOLEAN: [&str; 2] = ["security_barrier", "security_invoker"];

/// PostgreSQL's errors for an option list: an unknown name, a name given twice, a value its
/// option does not take.
pub fn validate(options: &[(String, String)]) -> Result<()> {
    for (i, (name, value)) in options.iter().enumerate() {
        if BOOLEAN.contains(&name.as_str()) {
            if crate::engine::settings::parse_bool(value).is_none() {
                return Err(Error::new(
                    "22023",
                    format!("invalid value for boolean option \"{name}\": {value}"),
                ));
            }
        } else if name == "check_option" {
            if !["local", "cascaded"].contains(&value.to_ascii_lowercase().as_str()) {
                return Err(Error::new(
                    "22023",
                    format!("invalid value for enum option \"check_option\": {value}"),
                )
                .with_detail("Valid values are \"local\" and \"cascaded\"."));
            }
        } else {
            return Err(Error::new("22023", format!("unrecognized parameter \"{name}\"")));
        }
        if options[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::new(
                "22023",
                format!("parameter \"{name}\" specified more than once"),
            ));
        }
    }
    Ok(())
}

/// The CHECK OPTION an option list sets (`check_option = local | cascaded`).
pub fn check_option(options: &[(String, String)]) -> Option<CheckOption> {
    let (_, v) = options.iter().find(|(n, _)| n == "check_option")?;
    Some(if v.eq_ignore_ascii_case("local") { CheckOption::Local } else { CheckOption::Cascaded })
}

/// The option list a view keeps: the one written, with `check_option` added for a
/// `WITH [LOCAL | CASCADED] CHECK OPTION` clause (PostgreSQL stores the clause so).
pub fn stored(options: &[(String, String)], clause: Option<CheckOption>) -> Vec<(String, String)> {
    let mut out = options.to_vec();
    if let Some(c) = clause
        && check_option(options).is_none()
    {
        let v = if c == CheckOption::Local { "local" } else { "cascaded" };
        out.push(("check_option".to_string(), v.to_string()));
    }
    out
}

/// `security_invoker` on: the view reads its tables with the privileges and row security of
/// the role that queries it, not of its owner.
pub fn security_invoker(v: &View) -> bool {
    v.options.iter().any(|(n, val)| {
        n == "security_invoker" && crate::engine::settings::parse_bool(val) == Some(true)
    })
}

/// `Options: a=b, c=d` (`\d+` of a view), when it has any.
pub fn footer(v: &View) -> Option<String> {
    (!v.options.is_empty()).then(|| {
        let list: Vec<String> = v.options.iter().map(|(n, val)| format!("{n}={val}")).collect();
        format!("Options: {}", list.join(", "))
    })
}

/// ALTER VIEW name SET (...) / RESET (...): a set option replaces its value in place or is
/// added at the end; RESET drops the names (unknown ones silently, as PostgreSQL does).
pub fn alter(
    exec: &mut Exec<'_>,
    name: &ObjectName,
    reset: bool,
    if_exists: bool,
    options: &[(String, String)],
) -> Result<()> {
    let Some(v) = find(exec.db, name) else {
        return crate::engine::views::missing(exec, name, if_exists);
    };
    if !reset {
        validate(options)?;
    }
    let key = (v.schema.clone(), v.name.clone());
    let mut list = v.options.clone();
    if reset {
        list.retain(|(n, _)| !options.iter().any(|(r, _)| r == n));
    } else {
        for (n, val) in options {
            match list.iter_mut().find(|(m, _)| m == n) {
                Some(slot) => slot.1 = val.clone(),
                None => list.push((n.clone(), val.clone())),
            }
        }
    }
    let mut changed = v.clone();
    changed.check_option = check_option(&list);
    changed.options = list;
    if changed.check_option.is_some() {
        crate::engine::view_dml::check_option_allowed(exec.db, &changed)?;
    }
    save(exec);
    exec.db.views.list.insert(key, changed);
    Ok(())
}
