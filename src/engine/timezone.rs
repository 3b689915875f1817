//! The session time zone (`SET timezone` / `SET TIME ZONE`): zone lookup in the IANA database
//! (jiff's bundled copy, so output does not depend on the host), UTC offsets at an instant, and
//! local times turned into instants, as timestamptz input, output and casts need them.

use std::cell::RefCell;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::error::{Error, Result};

/// Seconds from the Unix epoch to PostgreSQL's (2000-01-01 00:00 UTC).
const PG_EPOCH_UNIX_SECS: i64 = 946_684_800;

thread_local! {
    /// The zone of the session now running on this thread (None: UTC), installed by the
    /// session before it parses, runs or prints, like the parser's user types.
    static SESSION_ZONE: RefCell<Option<(String, TimeZone)>> = const { RefCell::new(None) };
}

/// The zone named `name` (case-insensitive, as PostgreSQL matches names); None when unknown.
pub fn lookup(name: &str) -> Option<TimeZone> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("utc")
        || n.eq_ignore_ascii_case("z")
        || n.eq_ignore_ascii_case("zulu")
    {
        return Some(TimeZone::UTC);
    }
    jiff::tz::db().get(n).ok()
}

/// The error SET gives for a zone it does not know.
pub fn unknown_zone(name: &str) -> Error {
    Error::new("22023", format!("invalid value for parameter \"TimeZone\": \"{name}\""))
}

/// Makes the zone named by the TimeZone setting the one this thread's values use.
pub fn install(name: &str) {
    SESSION_ZONE.with(|z| {
        let mut z = z.borrow_mut();
        if z.as_ref().is_some_and(|(n, _)| n == name) {
            return;
        }
        *z = match lookup(name) {
            Some(tz) if tz != TimeZone::UTC => Some((name.to_string(), tz)),
            _ => None,
        };
    });
}

/// The UTC offset in seconds of `tz` at the instant `usecs` (PostgreSQL epoch).
pub fn offset_in(tz: &TimeZone, usecs: i64) -> i64 {
    let secs = usecs.div_euclid(1_000_000) + PG_EPOCH_UNIX_SECS;
    match Timestamp::from_second(secs) {
        Ok(ts) => i64::from(tz.to_offset(ts).seconds()),
        Err(_) => 0,
    }
}

/// The session zone's UTC offset in seconds at the instant `usecs`.
pub fn session_offset(usecs: i64) -> i64 {
    SESSION_ZONE.with(|z| z.borrow().as_ref().map_or(0, |(_, tz)| offset_in(tz, usecs)))
}

/// The instant of local time `local` (microseconds since 2000-01-01 on the wall clock) in
/// `tz`: in a gap the offset before it applies, in a fold the later (standard-time) instant,
/// as PostgreSQL's DetermineTimeZoneOffset does.
pub fn local_to_instant_in(tz: &TimeZone, local: i64) -> i64 {
    const DAY: i64 = 86_400_000_000;
    let before = offset_in(tz, local - DAY);
    let after = offset_in(tz, local + DAY);
    let at = |off: i64| local - off * 1_000_000;
    if offset_in(tz, at(after)) == after { at(after) } else { at(before) }
}

/// The instant of a local time in the session zone.
pub fn session_local_to_instant(local: i64) -> i64 {
    SESSION_ZONE.with(|z| match z.borrow().as_ref() {
        Some((_, tz)) => local_to_instant_in(tz, local),
        None => local,
    })
}

/// An offset as ISO output writes it after a time: `+00`, `-05`, `+05:30`, `-00:25:21`.
pub fn format_offset(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    match (m, s) {
        (0, 0) => format!("{sign}{h:02}"),
        (_, 0) => format!("{sign}{h:02}:{m:02}"),
        _ => format!("{sign}{h:02}:{m:02}:{s:02}"),
    }
}

/// `timezone(zone, ...)` / `AT TIME ZONE`'s zone: a name, or an error PostgreSQL's wording.
pub fn zone_argument(name: &str) -> Result<TimeZone> {
    lookup(name).ok_or_else(|| Error::new("22023", format!("time zone \"{name}\" not recognized")))
}
