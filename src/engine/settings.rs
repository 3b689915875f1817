//! Run-time parameters (`SET`, `SHOW`, `RESET`, `set_config`): the ones pg_dump headers and
//! psql scripts set, validated and displayed as PostgreSQL 15 does.

use std::collections::BTreeMap;

use crate::error::{Error, Result, Severity};
use crate::teach::sqltext::quote_ident;

/// What values a parameter takes, and so how it is checked and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// on/off (and PostgreSQL's other spellings); shown as `on` or `off`.
    Bool,
    /// One of a fixed list of words (case-insensitive); the error hint lists them.
    Enum(&'static [&'static str]),
    /// A duration in milliseconds, written bare or with a unit; shown in the largest exact unit.
    Millis,
    /// A list of identifiers (search_path): each element quoted as an identifier when SET.
    List,
    /// Free text.
    Text,
    /// client_encoding: an encoding name, shown in upper case.
    Encoding,
    /// A value fksim supports only as the reference server has it (`Fixed(accepted)`): any
    /// other value would change behaviour fksim does not model, so it is 0A000.
    Fixed(&'static [&'static str]),
    /// TimeZone: a zone of the tz database.
    Zone,
}

/// One known parameter.
struct Param {
    /// Name as SHOW heads its column (`TimeZone`); looked up case-insensitively.
    name: &'static str,
    /// Its kind.
    kind: Kind,
    /// The value a fresh psql session on the reference server shows.
    default: &'static str,
}

const MESSAGE_LEVELS: &[&str] =
    &["debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"];

const PARAMS: &[Param] = &[
    Param { name: "application_name", kind: Kind::Text, default: "psql" },
    Param { name: "check_function_bodies", kind: Kind::Bool, default: "on" },
    Param { name: "client_encoding", kind: Kind::Encoding, default: "UTF8" },
    Param { name: "client_min_messages", kind: Kind::Enum(MESSAGE_LEVELS), default: "notice" },
    Param {
        name: "DateStyle",
        kind: Kind::Fixed(&["ISO, MDY", "ISO", "ISO,MDY"]),
        default: "ISO, MDY",
    },
    Param { name: "default_table_access_method", kind: Kind::Text, default: "heap" },
    Param { name: "default_tablespace", kind: Kind::Text, default: "" },
    Param {
        name: "default_transaction_read_only",
        kind: Kind::Fixed(&["off", "false", "0", "no"]),
        default: "off",
    },
    Param {
        name: "default_with_oids",
        kind: Kind::Fixed(&["off", "false", "0", "no"]),
        default: "off",
    },
    Param { name: "escape_string_warning", kind: Kind::Bool, default: "on" },
    Param { name: "idle_in_transaction_session_timeout", kind: Kind::Millis, default: "0" },
    Param { name: "idle_session_timeout", kind: Kind::Millis, default: "0" },
    Param { name: "lock_timeout", kind: Kind::Millis, default: "0" },
    Param { name: "role", kind: Kind::Text, default: "none" },
    Param { name: "row_security", kind: Kind::Bool, default: "on" },
    Param { name: "search_path", kind: Kind::List, default: "\"$user\", public" },
    Param { name: "session_replication_role", kind: Kind::Fixed(&["origin"]), default: "origin" },
    Param {
        name: "standard_conforming_strings",
        kind: Kind::Fixed(&["on", "true", "1", "yes"]),
        default: "on",
    },
    Param { name: "statement_timeout", kind: Kind::Millis, default: "0" },
    Param { name: "TimeZone", kind: Kind::Zone, default: "Etc/UTC" },
    Param { name: "xmloption", kind: Kind::Enum(&["content", "document"]), default: "content" },
];

/// One argument of `SET name TO a, b`: how it was written decides how a list quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetArg {
    /// A bare word (`warning`, `public`), already folded.
    Word(String),
    /// A quoted string (`''`, `'UTF8'`).
    Str(String),
    /// A number as written (`0`, `-1`, `1.5`).
    Number(String),
}

impl SetArg {
    fn text(&self) -> &str {
        match self {
            SetArg::Word(s) | SetArg::Str(s) | SetArg::Number(s) => s,
        }
    }
}

/// The session's parameters that differ from the defaults, by lower-case name. Placeholder
/// parameters (`app.user_id`, any name with a dot) live here too once set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    changed: BTreeMap<String, String>,
}

fn find(name: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

fn unrecognized(name: &str) -> Error {
    Error::new("42704", format!("unrecognized configuration parameter \"{name}\""))
}

fn invalid_value(name: &str, value: &str) -> Error {
    Error::new("22023", format!("invalid value for parameter \"{name}\": \"{value}\""))
}

impl Settings {
    /// The value SHOW prints, with the column name SHOW uses.
    pub fn show(&self, name: &str) -> Result<(String, String)> {
        let key = name.to_lowercase();
        match find(&key) {
            Some(p) => Ok((
                p.name.to_string(),
                self.changed.get(&key).cloned().unwrap_or_else(|| p.default.to_string()),
            )),
            None => match self.changed.get(&key) {
                Some(v) if key.contains('.') => Ok((key, v.clone())),
                _ => Err(unrecognized(name)),
            },
        }
    }

    /// The TimeZone in force, as SHOW prints it; read twice a statement, so without the
    /// allocations of [`Settings::show`].
    pub fn time_zone(&self) -> &str {
        self.value("timezone")
    }

    /// The value of the known parameter `key` (lower case), as SHOW prints it, without the
    /// allocations of [`Settings::show`] (read on every statement: TimeZone, role).
    pub fn value(&self, key: &str) -> &str {
        match self.changed.get(key) {
            Some(v) => v,
            None => find(key).map_or("", |p| p.default),
        }
    }

    /// `SET name TO args` (`None`: `TO DEFAULT`). Returns the value as SHOW will print it.
    pub fn set(&mut self, name: &str, args: Option<&[SetArg]>) -> Result<String> {
        let key = name.to_lowercase();
        let Some(args) = args else {
            return self.reset(&key).map(|()| self.show(&key).map(|s| s.1).unwrap_or_default());
        };
        let param = find(&key);
        let value = match param.map(|p| p.kind) {
            Some(Kind::List) => args
                .iter()
                .map(|a| match a {
                    SetArg::Word(w) | SetArg::Str(w) => quote_ident(w),
                    SetArg::Number(n) => n.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ if args.len() > 1 => {
                let shown = param.map_or(key.as_str(), |p| p.name);
                return Err(Error::new("22023", format!("SET {shown} takes only one argument")));
            }
            _ => args.first().map(|a| a.text().to_string()).unwrap_or_default(),
        };
        self.set_text(&key, &value)
    }

    /// `set_config(name, value, false)`: the value is taken as written, never re-quoted.
    /// Returns the value as SHOW will print it.
    pub fn set_text(&mut self, name: &str, value: &str) -> Result<String> {
        let key = name.to_lowercase();
        let Some(param) = find(&key) else {
            if !key.contains('.') {
                return Err(unrecognized(name));
            }
            self.changed.insert(key, value.to_string());
            return Ok(value.to_string());
        };
        let shown = match param.kind {
            Kind::Bool => match parse_bool(value) {
                Some(b) => if b { "on" } else { "off" }.to_string(),
                None => {
                    return Err(Error::new(
                        "22023",
                        format!("parameter \"{}\" requires a Boolean value", param.name),
                    ));
                }
            },
            Kind::Enum(values) => {
                let lower = value.to_lowercase();
                match values.iter().find(|v| **v == lower) {
                    Some(v) => v.to_string(),
                    None => {
                        return Err(invalid_value(param.name, value)
                            .with_hint(format!("Available values: {}.", values.join(", "))));
                    }
                }
            }
            Kind::Millis => show_millis(parse_millis(param.name, value)?),
            Kind::List | Kind::Text if param.name == "default_tablespace" && !value.is_empty() => {
                return Err(invalid_value(param.name, value)
                    .with_detail(format!("Tablespace \"{value}\" does not exist.")));
            }
            Kind::List | Kind::Text
                if param.name == "default_table_access_method" && value != "heap" =>
            {
                return Err(invalid_value(param.name, value)
                    .with_detail(format!("Table access method \"{value}\" does not exist.")));
            }
            Kind::List | Kind::Text => value.to_string(),
            Kind::Encoding => match value.to_uppercase().replace('-', "").as_str() {
                "UTF8" | "UNICODE" => "UTF8".to_string(),
                "SQL_ASCII" | "LATIN1" | "WIN1252" => value.to_uppercase(),
                _ => return Err(invalid_value(param.name, value)),
            },
            Kind::Zone => match crate::engine::timezone::lookup(value) {
                // SHOW names the zone as the tz database spells it.
                Some(tz) => tz
                    .iana_name()
                    .filter(|n| *n != "UTC" || value.eq_ignore_ascii_case("utc"))
                    .unwrap_or(value)
                    .to_string(),
                None => return Err(crate::engine::timezone::unknown_zone(value)),
            },
            Kind::Fixed(accepted) => {
                if !accepted.iter().any(|a| a.eq_ignore_ascii_case(value)) {
                    return Err(Error::unsupported(format!(
                        "{} = '{value}' is not supported by fksim (it models {} = '{}')",
                        param.name, param.name, param.default
                    )));
                }
                if param.name == "TimeZone" { value.to_string() } else { param.default.to_string() }
            }
        };
        if shown == param.default {
            self.changed.remove(&key);
        } else {
            self.changed.insert(key, shown.clone());
        }
        Ok(shown)
    }

    /// `RESET name`: back to the default (an unknown name is an error, as in PostgreSQL).
    pub fn reset(&mut self, name: &str) -> Result<()> {
        let key = name.to_lowercase();
        if find(&key).is_none() && !key.contains('.') {
            return Err(unrecognized(name));
        }
        self.changed.remove(&key);
        Ok(())
    }

    /// Placeholders (`request.jwt.claims`) set in `during` but unknown here stay defined, as
    /// empty strings: PostgreSQL keeps a placeholder once created, even when the SET LOCAL
    /// that created it ends.
    pub fn keep_placeholders(&mut self, during: &Settings) {
        for key in during.changed.keys() {
            if key.contains('.') && !self.changed.contains_key(key) {
                self.changed.insert(key.clone(), String::new());
            }
        }
    }

    /// `RESET ALL` (which leaves `role` as it is: GUC_NO_RESET_ALL).
    pub fn reset_all(&mut self) {
        self.changed.retain(|name, _| name == "role");
    }

    /// True when client_min_messages lets a message of `severity` through (INFO always is).
    pub fn sends(&self, severity: Severity) -> bool {
        let level = self.changed.get("client_min_messages").map_or("notice", String::as_str);
        let rank = |l: &str| MESSAGE_LEVELS.iter().position(|m| *m == l).unwrap_or(6);
        match severity {
            Severity::Info => true,
            Severity::Notice => rank(level) <= rank("notice"),
            Severity::Warning => rank(level) <= rank("warning"),
        }
    }

    /// The schemas search_path names, in order: `$user` is the current role (`SET ROLE`'s, else
    /// the session user `postgres`).
    pub fn search_path(&self) -> Vec<String> {
        let raw = self.show("search_path").map(|s| s.1).unwrap_or_default();
        let user = self.changed.get("role").map_or("postgres", String::as_str);
        split_identifiers(&raw)
            .into_iter()
            .map(|s| if s == "$user" { user.to_string() } else { s })
            .collect()
    }
}

/// PostgreSQL's `parse_bool`: on/off, true/false, yes/no, 1/0 and unique prefixes of them.
pub(crate) fn parse_bool(value: &str) -> Option<bool> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    let prefix_of = |word: &str, min: usize| v.len() >= min && word.starts_with(v.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || v == "1" || prefix_of("on", 2) {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || v == "0" || prefix_of("off", 2) {
        Some(false)
    } else {
        None
    }
}

/// A duration parameter's value in milliseconds: a bare number is milliseconds.
fn parse_millis(name: &str, value: &str) -> Result<i64> {
    let v = value.trim();
    let split = v.find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.')).unwrap_or(v.len());
    let (number, unit) = v.split_at(split);
    let number: f64 = number.parse().map_err(|_| invalid_value(name, value))?;
    let factor = match unit.trim() {
        "" | "ms" => 1.0,
        "us" => 0.001,
        "s" => 1000.0,
        "min" => 60_000.0,
        "h" => 3_600_000.0,
        "d" => 86_400_000.0,
        _ => {
            return Err(invalid_value(name, value).with_hint(
                "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
            ));
        }
    };
    let ms = (number * factor).round();
    if !(0.0..=2_147_483_647.0).contains(&ms) {
        return Err(Error::new(
            "22023",
            format!(
                "{ms} ms is outside the valid range for parameter \"{name}\" (0 .. 2147483647)"
            ),
        ));
    }
    Ok(ms as i64)
}

/// A duration in the largest unit that divides it exactly, as SHOW prints it.
fn show_millis(ms: i64) -> String {
    if ms == 0 {
        return "0".to_string();
    }
    for (unit, size) in [("d", 86_400_000), ("h", 3_600_000), ("min", 60_000), ("s", 1000)] {
        if ms % size == 0 {
            return format!("{}{unit}", ms / size);
        }
    }
    format!("{ms}ms")
}

/// PostgreSQL's `SplitIdentifierString` on a comma-separated list: quoted elements keep their
/// case (and `""` is an element with an empty name), bare ones fold to lower case.
fn split_identifiers(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut name = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        name.push('"');
                        continue;
                    }
                    break;
                }
                name.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                name.push(c);
                chars.next();
            }
            name = name.trim_end().to_lowercase();
        }
        out.push(name);
        for c in chars.by_ref() {
            if c == ',' {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_show_in_their_largest_exact_unit() {
        let mut s = Settings::default();
        assert_eq!(s.set_text("statement_timeout", "60000").unwrap(), "1min");
        assert_eq!(s.set_text("statement_timeout", "1500").unwrap(), "1500ms");
        assert_eq!(s.set_text("statement_timeout", "90min").unwrap(), "90min");
        assert_eq!(s.set_text("statement_timeout", "0").unwrap(), "0");
    }

    #[test]
    fn search_path_lists_quote_what_they_must() {
        let mut s = Settings::default();
        let args = [SetArg::Str("a, b".into()), SetArg::Word("public".into())];
        assert_eq!(s.set("search_path", Some(&args)).unwrap(), "\"a, b\", public");
        assert_eq!(s.search_path(), vec!["a, b".to_string(), "public".to_string()]);
        s.set_text("search_path", "").unwrap();
        assert!(s.search_path().is_empty());
        s.reset("search_path").unwrap();
        assert_eq!(s.search_path(), vec!["postgres".to_string(), "public".to_string()]);
    }

    #[test]
    fn client_min_messages_filters_notices() {
        let mut s = Settings::default();
        assert!(s.sends(Severity::Notice));
        s.set_text("client_min_messages", "warning").unwrap();
        assert!(!s.sends(Severity::Notice) && s.sends(Severity::Warning));
        assert!(s.set_text("nosuch", "1").is_err());
    }
}
