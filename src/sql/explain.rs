//! `EXPLAIN [(options)] statement`: the options fksim can honour (COSTS OFF) checked at the
//! parser's boundary; the plan itself is the engine's (`engine/explain.rs`).

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast::Statement;

/// Accepts `EXPLAIN (COSTS OFF) statement` (other options at their defaults) and wraps the
/// converted statement; costs and run times fksim cannot compute as PostgreSQL does, so
/// anything that would print them is refused.
pub fn explain(
    analyze: bool,
    verbose: bool,
    format: bool,
    options: Option<&[sp::UtilityOption]>,
    statement: Statement,
) -> Result<Statement> {
    let refuse = |what: &str| Err(Error::unsupported(format!("{what} is not supported by fksim")));
    if analyze {
        return refuse("EXPLAIN ANALYZE");
    }
    if verbose || format {
        return refuse("EXPLAIN with options other than COSTS OFF");
    }
    let mut costs = true;
    for o in options.unwrap_or_default() {
        let value = o.arg.as_ref().map(|a| a.to_string().to_lowercase());
        let on = match value.as_deref() {
            None | Some("true" | "on" | "1") => true,
            Some("false" | "off" | "0") => false,
            Some(_) => {
                let name = o.name.value.to_lowercase();
                return Err(Error::new("22023", format!("{name} requires a Boolean value")));
            }
        };
        match o.name.value.to_lowercase().as_str() {
            "costs" => costs = on,
            "analyze" if on => return refuse("EXPLAIN ANALYZE"),
            "analyze" | "verbose" | "summary" | "timing" | "buffers" | "settings" | "wal"
                if !on => {}
            name => {
                return refuse(&format!("EXPLAIN option {}", name.to_uppercase()));
            }
        }
    }
    if costs {
        return refuse("EXPLAIN without COSTS OFF");
    }
    Ok(Statement::Explain(Box::new(statement)))
}
