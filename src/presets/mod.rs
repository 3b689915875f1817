//! Ready-made starting databases (`fksim --preset NAME`, `\preset NAME`): SQL run before the user's.

use crate::engine::session::Session;
use crate::error::{Error, Result};
use crate::psqlscan::{ScriptItem, scan_script};
use crate::sql::parse_statement;

/// The presets fksim knows, with their SQL.
pub const PRESETS: &[(&str, &str)] = &[("supabase", include_str!("supabase.sql"))];

/// Runs preset `name` on `session`. Fails, naming the known presets, for an unknown name, and
/// with the statement's error if the preset does not apply (e.g. its schema already exists).
pub fn apply(session: &mut Session, name: &str) -> Result<()> {
    let Some((_, sql)) = PRESETS.iter().find(|(n, _)| *n == name) else {
        let known = PRESETS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        return Err(Error::new("22023", format!("unknown preset \"{name}\""))
            .with_hint(format!("Known presets: {known}.")));
    };
    for item in scan_script(sql) {
        if let ScriptItem::Statement(text) = item {
            let stmt = parse_statement(&text)?;
            session.execute(&stmt).result?;
        }
    }
    Ok(())
}
