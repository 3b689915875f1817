//! Dates and timestamps: PostgreSQL's ISO input forms and output text (session time zone UTC).

use crate::error::{Error, Result};

/// Microseconds in a day.
pub(crate) const USECS_PER_DAY: i64 = 86_400_000_000;

/// Days from 2000-01-01 to the civil date (proleptic Gregorian).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 - 10_957
}

/// The civil date of a day number counted from 2000-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 10_957 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn syntax(ty: &str, text: &str) -> Error {
    Error::new("22007", format!("invalid input syntax for type {ty}: \"{text}\""))
}

fn out_of_range(text: &str) -> Error {
    Error::new("22008", format!("date/time field value out of range: \"{text}\""))
}

/// Parses `YYYY-MM-DD` into days since 2000-01-01.
fn parse_ymd(s: &str, ty: &str, text: &str) -> Result<i64> {
    // `1962-02-18`, also with slashes (`1962/2/18`); a year written last is DateStyle MDY's
    // `2/18/1962`.
    let sep = if s.contains('/') { '/' } else { '-' };
    let mut parts: Vec<&str> = s.split(sep).collect();
    if sep == '/' && parts.len() == 3 && parts[0].len() <= 2 && parts[2].len() > 2 {
        parts.rotate_right(1);
    }
    let [y, m, d] = parts.as_slice() else { return Err(syntax(ty, text)) };
    let num = |p: &str| {
        p.parse::<i64>().ok().filter(|_| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(syntax(ty, text));
    };
    // A month past 12 might be a day written first: PostgreSQL suggests another DateStyle.
    if !(1..=12).contains(&m) {
        return Err(
            out_of_range(text).with_hint("Perhaps you need a different \"datestyle\" setting.")
        );
    }
    if d < 1 || d > days_in_month(y, m) || !(1..=294_276).contains(&y) {
        return Err(out_of_range(text));
    }
    Ok(days_from_civil(y, m, d))
}

/// `date` input.
pub fn parse_date(text: &str) -> Result<i32> {
    let days = parse_ymd(text.trim(), "date", text)?;
    i32::try_from(days).map_err(|_| Error::new("22008", format!("date out of range: \"{text}\"")))
}

/// `timestamp` / `timestamptz` input: `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]][zone]`, in microseconds
/// since 2000-01-01 00:00 (UTC for timestamptz; a zone offset is applied then).
pub fn parse_timestamp(text: &str, with_zone: bool) -> Result<i64> {
    let ty = if with_zone { "timestamp with time zone" } else { "timestamp without time zone" };
    let t = text.trim();
    let (date, rest) = match t.find([' ', 'T']) {
        Some(i) => (&t[..i], t[i + 1..].trim()),
        None => (t, ""),
    };
    let days = parse_ymd(date, ty, text)?;
    let (clock, zone) = match rest.find(['+', '-', 'Z', 'z']).or_else(|| rest.find(" UTC")) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let mut usecs = 0i64;
    if !clock.is_empty() {
        let parts: Vec<&str> = clock.trim().split(':').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return Err(syntax(ty, text));
        }
        let h: i64 = parts[0].parse().map_err(|_| syntax(ty, text))?;
        let m: i64 = parts[1].parse().map_err(|_| syntax(ty, text))?;
        let (s, frac) = match parts.get(2) {
            Some(sec) => match sec.split_once('.') {
                Some((s, f)) => (s.parse::<i64>().map_err(|_| syntax(ty, text))?, f),
                None => (sec.parse::<i64>().map_err(|_| syntax(ty, text))?, ""),
            },
            None => (0, ""),
        };
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(syntax(ty, text));
        }
        let mut f: String = frac.chars().take(7).collect();
        while f.len() < 7 {
            f.push('0');
        }
        let f7: i64 = f.parse().map_err(|_| syntax(ty, text))?;
        let micros = (f7 + 5) / 10;
        if h > 24 || m > 59 || s > 60 {
            return Err(out_of_range(text));
        }
        usecs = ((h * 60 + m) * 60 + s) * 1_000_000 + micros;
    }
    if zone.is_empty() && with_zone {
        // No zone written: the wall-clock time in the session zone.
        let local = days * USECS_PER_DAY + usecs;
        return Ok(crate::engine::timezone::session_local_to_instant(local));
    }
    if !zone.is_empty() {
        if !with_zone {
            // PostgreSQL ignores a zone given for a timestamp without time zone.
        } else if zone.eq_ignore_ascii_case("z") || zone.eq_ignore_ascii_case("utc") {
        } else {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let body = &zone[1..];
            let (hh, mm) = match body.split_once(':') {
                Some((h, m)) => (h, m),
                None if body.len() == 4 => (&body[..2], &body[2..]),
                None => (body, "0"),
            };
            let hh: i64 = hh.parse().map_err(|_| syntax(ty, text))?;
            let mm: i64 = mm.parse().map_err(|_| syntax(ty, text))?;
            usecs -= sign * (hh * 3600 + mm * 60) * 1_000_000;
        }
    }
    Ok(days * USECS_PER_DAY + usecs)
}

/// `date` output.
pub fn format_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(i64::from(days));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `timestamp` output; for timestamptz the wall-clock time in the session zone and its offset.
pub fn format_timestamp(usecs: i64, with_zone: bool) -> String {
    let offset = if with_zone { crate::engine::timezone::session_offset(usecs) } else { 0 };
    let usecs = usecs + offset * 1_000_000;
    let days = usecs.div_euclid(USECS_PER_DAY);
    let rem = usecs.rem_euclid(USECS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let secs = rem / 1_000_000;
    let micros = rem % 1_000_000;
    let mut s =
        format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    if micros > 0 {
        let f = format!("{micros:06}");
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    if with_zone {
        s.push_str(&crate::engine::timezone::format_offset(offset));
    }
    s
}

/// Midnight of a date as a timestamp.
pub fn date_to_timestamp(days: i32) -> i64 {
    i64::from(days) * USECS_PER_DAY
}

/// The date of a timestamp.
pub fn timestamp_to_date(usecs: i64) -> i32 {
    i32::try_from(usecs.div_euclid(USECS_PER_DAY)).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(parse_date("2000-01-01").ok(), Some(0));
        assert_eq!(format_date(parse_date("2024-02-29").unwrap_or(0)), "2024-02-29");
        assert_eq!(
            format_timestamp(parse_timestamp("2024-01-05 10:00:00+02", true).unwrap_or(0), true),
            "2024-01-05 08:00:00+00"
        );
        assert_eq!(
            format_timestamp(parse_timestamp("2024-01-05 10:00:00.120", false).unwrap_or(0), false),
            "2024-01-05 10:00:00.12"
        );
        assert!(parse_date("2024-13-01").is_err());
    }
}
