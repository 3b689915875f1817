//! Parses the statements real migration files and dumps carry that change nothing fksim keeps
//! or only record a name: ANALYZE, VACUUM, CHECKPOINT, DISCARD, LISTEN/UNLISTEN/NOTIFY,
//! ALTER ROLE/USER, ALTER EXTENSION, CREATE SCHEMA ... AUTHORIZATION, CREATE COLLATION / CAST /
//! TEXT SEARCH CONFIGURATION / EVENT TRIGGER, SECURITY LABEL, and ALTER TABLE's
//! ENABLE/DISABLE TRIGGER.

use sqlparser::tokenizer::Token;

use crate::error::{Error, Result};
use crate::sql::ast::{ObjectName, Statement};
use crate::sql::ast_admin::{Admin, ObjectKind, RoleChange, TriggerSet};
use crate::sql::cursor::Cursor;
use crate::sql::lex::Tokens;

/// Recognises the statements this module owns; None for anything else.
pub fn parse(tokens: &Tokens, text: &str) -> Option<Result<Statement>> {
    let mut c = Cursor::new(tokens, text);
    let admin = if c.eat("analyze") || c.eat("analyse") {
        maintain(&mut c, false)
    } else if c.eat("vacuum") {
        maintain(&mut c, true)
    } else if c.eat("checkpoint") {
        Ok(Admin::Checkpoint)
    } else if c.eat("discard") {
        discard(&mut c)
    } else if c.eat("listen") {
        c.ident().map(|ch| Admin::Listen(ch.name))
    } else if c.eat("unlisten") {
        if c.eat_token(&Token::Mul) {
            Ok(Admin::Unlisten(None))
        } else {
            c.ident().map(|ch| Admin::Unlisten(Some(ch.name)))
        }
    } else if c.eat("notify") {
        notify(&mut c)
    } else if c.eat_all(&["security", "label"]) {
        // PostgreSQL looks for a label provider first; a stock server has none.
        while !c.at_end() {
            c.advance();
        }
        Err(Error::new("22023", "no security label providers have been loaded"))
    } else if c.eat("alter") {
        if c.eat("role") || c.eat("user") {
            alter_role(&mut c)
        } else if c.eat("extension") {
            alter_extension(&mut c)
        } else if c.eat("table") {
            trigger_state(&mut c)?
        } else if c.is_word_at(0, "event")
            && c.is_word_at(1, "trigger")
            && !c.is_word_at(3, "owner")
        {
            c.eat_all(&["event", "trigger"]);
            alter_event_trigger(&mut c)
        } else {
            return None;
        }
    } else if c.eat("drop") {
        let kind = if c.eat("collation") {
            ObjectKind::Collation
        } else if c.eat_all(&["text", "search", "configuration"]) {
            ObjectKind::TextSearchConfiguration
        } else if c.eat_all(&["event", "trigger"]) {
            ObjectKind::EventTrigger
        } else {
            return None;
        };
        let if_exists = c.eat_all(&["if", "exists"]);
        c.list(Cursor::object_name).map(|names| {
            if !c.eat("cascade") {
                c.eat("restrict");
            }
            let names = names.into_iter().map(|n| n.name).collect();
            Admin::DropObject { kind, names, if_exists }
        })
    } else if c.eat("copy") && c.tokens.is(c.i, &Token::LParen) {
        // PostgreSQL's grammar has no COPY (query) FROM: a syntax error at that FROM.
        if c.skip_parens().is_err() || !c.is_word("from") {
            return None;
        }
        Err(c.syntax_error())
    } else if c.eat("create") {
        if c.eat("schema") {
            schema_authorization(&mut c)?
        } else if c.eat("collation") {
            create_named(&mut c, ObjectKind::Collation)
        } else if c.eat_all(&["text", "search", "configuration"]) {
            create_named(&mut c, ObjectKind::TextSearchConfiguration)
        } else if c.eat_all(&["event", "trigger"]) {
            create_event_trigger(&mut c)
        } else if c.eat("cast") {
            create_cast(&mut c)
        } else {
            return None;
        }
    } else {
        return None;
    };
    Some(admin.and_then(|a| c.finish().map(|()| Statement::Admin(a))))
}

/// `ANALYZE [VERBOSE] [tables]` / `VACUUM [FULL | FREEZE | ANALYZE | (options)] [tables]`.
fn maintain(c: &mut Cursor, vacuum: bool) -> Result<Admin> {
    let mut verbose = false;
    if c.tokens.is(c.i, &Token::LParen) {
        let options = c.skip_parens()?.to_lowercase();
        verbose = options.split([',', '(', ')']).any(|o| {
            let words: Vec<&str> = o.split_whitespace().collect();
            words.first() == Some(&"verbose")
                && !matches!(words.get(1), Some(&"false" | &"off" | &"0"))
        });
    }
    let mut analyze = !vacuum;
    loop {
        if c.eat("verbose") {
            verbose = true;
        } else if c.eat("analyze") || c.eat("analyse") {
            analyze = true;
        } else if !(vacuum && (c.eat("full") || c.eat("freeze"))) {
            break;
        }
    }
    if verbose {
        let what = if vacuum { "VACUUM VERBOSE" } else { "ANALYZE VERBOSE" };
        return Err(Error::unsupported(format!("{what} is not supported by fksim")));
    }
    let tables = if c.at_end() {
        Vec::new()
    } else {
        c.list(|c| {
            let name = c.object_name()?;
            if c.tokens.is(c.i, &Token::LParen) {
                c.skip_parens()?;
            }
            Ok(name)
        })?
    };
    Ok(Admin::Maintain { vacuum, analyze, tables })
}

/// `DISCARD {ALL | PLANS | SEQUENCES | TEMP | TEMPORARY}`.
fn discard(c: &mut Cursor) -> Result<Admin> {
    for (word, kind) in [
        ("all", "ALL"),
        ("plans", "PLANS"),
        ("sequences", "SEQUENCES"),
        ("temp", "TEMP"),
        ("temporary", "TEMP"),
    ] {
        if c.eat(word) {
            return Ok(Admin::Discard(kind.to_string()));
        }
    }
    Err(c.syntax_error())
}

/// `NOTIFY channel [, 'payload']`.
fn notify(c: &mut Cursor) -> Result<Admin> {
    let channel = c.ident()?.name;
    let payload = if c.eat_token(&Token::Comma) { c.string()? } else { String::new() };
    Ok(Admin::Notify { channel, payload })
}

/// `ALTER {ROLE | USER} {name | ALL} ...`: attributes, RENAME TO, or `[IN DATABASE d] SET /
/// RESET` of a parameter for later sessions.
fn alter_role(c: &mut Cursor) -> Result<Admin> {
    let name = if c.eat("all") { None } else { Some(c.ident()?) };
    if c.eat_all(&["rename", "to"]) {
        return Ok(Admin::AlterRole { name, change: RoleChange::Rename(c.ident()?) });
    }
    if c.eat_all(&["in", "database"]) {
        c.ident()?;
    }
    if c.is_word("set") || c.is_word("reset") {
        while !c.at_end() {
            c.advance();
        }
        return Ok(Admin::AlterRole { name, change: RoleChange::Setting });
    }
    c.eat("with");
    let flags = crate::sql::admin::role_flags(c)?;
    Ok(Admin::AlterRole { name, change: RoleChange::Attributes(flags) })
}

/// `ALTER EXTENSION name {UPDATE [TO 'version'] | SET SCHEMA s}`.
fn alter_extension(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    if c.eat("update") {
        if c.eat("to") && c.string().is_err() {
            c.ident()?;
        }
        return Ok(Admin::AlterExtension { name, schema: None });
    }
    c.expect("set")?;
    c.expect("schema")?;
    let schema = c.ident()?;
    Ok(Admin::AlterExtension { name, schema: Some(schema) })
}

/// `ALTER TABLE [IF EXISTS] [ONLY] t {ENABLE [REPLICA | ALWAYS] | DISABLE} TRIGGER {name | ALL
/// | USER}`; None for the other ALTER TABLE forms.
fn trigger_state(c: &mut Cursor) -> Option<Result<Admin>> {
    let if_exists = c.eat_all(&["if", "exists"]);
    c.eat("only");
    let table = c.object_name().ok()?;
    c.eat_token(&Token::Mul);
    let enable = if c.eat("enable") {
        if !c.eat("replica") {
            c.eat("always");
        }
        true
    } else if c.eat("disable") {
        false
    } else {
        return None;
    };
    if !c.eat("trigger") {
        return None;
    }
    let which = if c.eat("all") {
        TriggerSet::All
    } else if c.eat("user") {
        TriggerSet::User
    } else {
        match c.ident() {
            Ok(name) => TriggerSet::Named(name),
            Err(e) => return Some(Err(e)),
        }
    };
    Some(Ok(Admin::TriggerState { table, if_exists, which, enable }))
}

/// `CREATE SCHEMA [IF NOT EXISTS] [name] AUTHORIZATION role`; None without AUTHORIZATION.
fn schema_authorization(c: &mut Cursor) -> Option<Result<Admin>> {
    let if_not_exists = c.eat_all(&["if", "not", "exists"]);
    let name = if c.is_word("authorization") { None } else { Some(c.ident().ok()?) };
    if !c.eat("authorization") {
        return None;
    }
    Some(c.ident().map(|role| Admin::CreateSchemaOwned {
        name: name.map_or_else(|| role.name.clone(), |n| n.name),
        role,
        if_not_exists,
    }))
}

/// `CREATE {COLLATION | TEXT SEARCH CONFIGURATION} [IF NOT EXISTS] name {(...) | FROM x}`.
fn create_named(c: &mut Cursor, kind: ObjectKind) -> Result<Admin> {
    let if_not_exists = c.eat_all(&["if", "not", "exists"]);
    let name = c.object_name()?;
    if c.eat("from") {
        c.object_name()?;
    } else {
        c.skip_parens()?;
    }
    Ok(Admin::CreateObject { kind, name: name.name, if_not_exists, function: None })
}

/// `CREATE EVENT TRIGGER name ON event [WHEN TAG IN (...) [AND ...]] EXECUTE {FUNCTION |
/// PROCEDURE} f()`.
fn create_event_trigger(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?;
    c.expect("on")?;
    c.ident()?;
    if c.eat("when") {
        loop {
            c.ident()?;
            c.expect("in")?;
            c.skip_parens()?;
            if !c.eat("and") {
                break;
            }
        }
    }
    c.expect("execute")?;
    if !c.eat("function") {
        c.expect("procedure")?;
    }
    let function: ObjectName = c.object_name()?;
    c.expect_token(&Token::LParen)?;
    c.expect_token(&Token::RParen)?;
    Ok(Admin::CreateObject {
        kind: ObjectKind::EventTrigger,
        name: name.name,
        if_not_exists: false,
        function: Some(function),
    })
}

/// `CREATE CAST (source AS target) {WITH FUNCTION f(...) | WITHOUT FUNCTION | WITH INOUT} [AS
/// {ASSIGNMENT | IMPLICIT}]`: recorded by its `(source AS target)` text.
fn create_cast(c: &mut Cursor) -> Result<Admin> {
    let types = c.skip_parens()?.to_lowercase();
    if c.eat("with") {
        if c.eat("function") {
            c.object_name()?;
            if c.tokens.is(c.i, &Token::LParen) {
                c.skip_parens()?;
            }
        } else {
            c.expect("inout")?;
        }
    } else {
        c.expect("without")?;
        c.expect("function")?;
    }
    if c.eat("as") && !c.eat("assignment") {
        c.expect("implicit")?;
    }
    Ok(Admin::CreateObject {
        kind: ObjectKind::Cast,
        name: types,
        if_not_exists: false,
        function: None,
    })
}

/// `ALTER EVENT TRIGGER name {DISABLE | ENABLE [REPLICA | ALWAYS] | RENAME TO new}` (OWNER TO is
/// the access statements').
fn alter_event_trigger(c: &mut Cursor) -> Result<Admin> {
    let name = c.ident()?.name;
    let rename = if c.eat_all(&["rename", "to"]) {
        Some(c.ident()?.name)
    } else {
        if !c.eat("disable") {
            c.expect("enable")?;
            if !c.eat("replica") {
                c.eat("always");
            }
        }
        None
    };
    Ok(Admin::AlterEventTrigger { name, rename })
}
