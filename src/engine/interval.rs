//! interval: PostgreSQL's months / days / microseconds triple, its input forms (`1 day`,
//! `2 hours 30 minutes`, `01:30:00`, `... ago`), its output (`1 year 2 mons 3 days 04:05:06`)
//! and its arithmetic with dates and timestamps.

use crate::engine::datetime::{USECS_PER_DAY, civil_from_days, days_from_civil};
use crate::error::{Error, Result};

/// An interval: months and days stay apart from time, as in PostgreSQL (a month is not a
/// fixed number of days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Interval {
    /// Months (years are twelve).
    pub months: i32,
    /// Days.
    pub days: i32,
    /// Microseconds.
    pub micros: i64,
}

const USECS_PER_HOUR: i64 = 3_600_000_000;

impl Interval {
    /// The span used to order intervals (interval_cmp: a month is 30 days, a day 24 hours).
    pub fn sort_key(&self) -> i128 {
        (i128::from(self.months) * 30 + i128::from(self.days)) * i128::from(USECS_PER_DAY)
            + i128::from(self.micros)
    }

    /// `a + b` (`negate`: `a - b`).
    pub fn add(self, other: Interval, negate: bool) -> Interval {
        let s = if negate { -1 } else { 1 };
        Interval {
            months: self.months + s * other.months,
            days: self.days + s * other.days,
            micros: self.micros + i64::from(s) * other.micros,
        }
    }

    /// PostgreSQL's output (IntervalStyle postgres).
    pub fn to_text(&self) -> String {
        let mut parts = Vec::new();
        let (years, months) = (self.months / 12, self.months % 12);
        let unit =
            |n: i32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if years != 0 {
            parts.push(unit(years, "year", "years"));
        }
        if months != 0 {
            parts.push(unit(months, "mon", "mons"));
        }
        if self.days != 0 {
            parts.push(unit(self.days, "day", "days"));
        }
        if self.micros != 0 || parts.is_empty() {
            let negative = self.micros < 0;
            let m = self.micros.unsigned_abs();
            let secs = m / 1_000_000;
            let frac = m % 1_000_000;
            // A time part after a negative date part carries its own sign.
            let sign = if negative {
                "-"
            } else if parts.iter().any(|p| p.starts_with('-')) {
                "+"
            } else {
                ""
            };
            let mut t = format!("{sign}{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
            if frac > 0 {
                t.push_str(format!(".{frac:06}").trim_end_matches('0'));
            }
            parts.push(t);
        }
        parts.join(" ")
    }
}

/// interval input: `number unit` pairs, an `[-]HH:MM[:SS[.f]]` time, optional `ago`.
pub fn parse(text: &str) -> Result<Interval> {
    let bad = || Error::new("22007", format!("invalid input syntax for type interval: \"{text}\""));
    let mut out = Interval::default();
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Err(bad());
    }
    let mut i = 0;
    let mut ago = false;
    while i < words.len() {
        let w = &words[i];
        if w == "ago" && i + 1 == words.len() {
            ago = true;
            i += 1;
            continue;
        }
        if w.contains(':') {
            out.micros += parse_time(w).ok_or_else(bad)?;
            i += 1;
            continue;
        }
        // `1 day` or `1day`.
        let split = w.find(|c: char| c.is_alphabetic()).unwrap_or(w.len());
        let (number, mut unit) = (&w[..split], w[split..].to_string());
        let n: f64 = number.parse().map_err(|_| bad())?;
        if unit.is_empty() {
            match words.get(i + 1) {
                Some(u) => {
                    unit = u.clone();
                    i += 1;
                }
                // A bare number is seconds.
                None => unit = "seconds".into(),
            }
        }
        let micros = |per: f64| (n * per).round() as i64;
        match unit.trim_end_matches(',') {
            "year" | "years" | "y" | "yr" | "yrs" => out.months += (n * 12.0).round() as i32,
            "month" | "months" | "mon" | "mons" => out.months += n as i32,
            "week" | "weeks" | "w" => out.days += (n * 7.0) as i32,
            "day" | "days" | "d" => out.days += n as i32,
            "hour" | "hours" | "h" | "hr" | "hrs" => out.micros += micros(3_600_000_000.0),
            "minute" | "minutes" | "min" | "mins" | "m" => out.micros += micros(60_000_000.0),
            "second" | "seconds" | "sec" | "secs" | "s" => out.micros += micros(1_000_000.0),
            "millisecond" | "milliseconds" | "ms" | "msec" | "msecs" => {
                out.micros += micros(1_000.0)
            }
            "microsecond" | "microseconds" | "us" | "usec" | "usecs" => out.micros += micros(1.0),
            _ => return Err(bad()),
        }
        i += 1;
    }
    if ago {
        out = Interval::default().add(out, true);
    }
    Ok(out)
}

/// `[-]HH:MM[:SS[.ffffff]]` as microseconds.
fn parse_time(t: &str) -> Option<i64> {
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let parts: Vec<&str> = t.split(':').collect();
    let h: i64 = parts.first()?.parse().ok()?;
    let m: i64 = parts.get(1)?.parse().ok()?;
    let s: f64 = parts.get(2).map_or(Some(0.0), |s| s.parse().ok())?;
    if parts.len() > 3 {
        return None;
    }
    let us = h * USECS_PER_HOUR + m * 60_000_000 + (s * 1_000_000.0).round() as i64;
    Some(if negative { -us } else { us })
}

/// A timestamp (microseconds since 2000-01-01) plus or minus an interval: months first (the
/// day clamped to the month's length), then days, then time.
pub fn shift(usecs: i64, iv: Interval, negate: bool) -> Result<i64> {
    let s = if negate { -1 } else { 1 };
    let days = usecs.div_euclid(USECS_PER_DAY);
    let of_day = usecs.rem_euclid(USECS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let total = y * 12 + (m - 1) + i64::from(s * iv.months);
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let last =
        days_from_civil(if nm == 12 { ny + 1 } else { ny }, if nm == 12 { 1 } else { nm + 1 }, 1)
            - days_from_civil(ny, nm, 1);
    let days = days_from_civil(ny, nm, d.min(last)) + i64::from(s * iv.days);
    let out = days
        .checked_mul(USECS_PER_DAY)
        .and_then(|x| x.checked_add(of_day))
        .and_then(|x| x.checked_add(i64::from(s) * iv.micros));
    out.ok_or_else(|| Error::new("22008", "timestamp out of range"))
}

/// `timestamp - timestamp`: days and time, as PostgreSQL's interval_justify_hours leaves them.
pub fn between(a: i64, b: i64) -> Interval {
    let diff = a - b;
    let days = diff / USECS_PER_DAY;
    Interval { months: 0, days: days as i32, micros: diff - days * USECS_PER_DAY }
}

/// `l + r` or `l - r` where an interval is involved (or timestamps are subtracted), the
/// result of type `ty`.
pub fn eval(
    minus: bool,
    l: &crate::engine::value::Value,
    r: &crate::engine::value::Value,
    ty: &crate::engine::types::DataType,
) -> Result<crate::engine::value::Value> {
    use crate::engine::types::DataType;
    use crate::engine::value::Value as V;
    let midnight = |d: &i32| i64::from(*d) * USECS_PER_DAY;
    let moved = |t: i64, iv: &Interval| shift(t, *iv, minus);
    let time =
        |t: i64| if *ty == DataType::Timestamptz { V::Timestamptz(t) } else { V::Timestamp(t) };
    Ok(match (l, r) {
        (V::Interval(a), V::Interval(b)) => V::Interval(a.add(*b, minus)),
        (V::Timestamp(t) | V::Timestamptz(t), V::Interval(iv)) => time(moved(*t, iv)?),
        (V::Date(d), V::Interval(iv)) => time(moved(midnight(d), iv)?),
        (V::Interval(iv), V::Timestamp(t) | V::Timestamptz(t)) => time(shift(*t, *iv, false)?),
        (V::Interval(iv), V::Date(d)) => time(shift(midnight(d), *iv, false)?),
        (V::Timestamp(a) | V::Timestamptz(a), V::Timestamp(b) | V::Timestamptz(b)) => {
            V::Interval(between(*a, *b))
        }
        _ => return Err(Error::internal("interval operands")),
    })
}

/// `interval * factor` (interval_mul): the fractions of months and days cascade down to days
/// and time, a month counting 30 days.
pub fn multiply(span: Interval, factor: f64) -> Result<Interval> {
    scale(span, |x| x * factor)
}

/// `interval / divisor` (interval_div).
pub fn divide(span: Interval, divisor: f64) -> Result<Interval> {
    if divisor == 0.0 {
        return Err(Error::new("22012", "division by zero"));
    }
    scale(span, |x| x / divisor)
}

/// Applies `f` to each field, cascading fractional months and days down as PostgreSQL does.
fn scale(span: Interval, f: impl Fn(f64) -> f64) -> Result<Interval> {
    const DAYS_PER_MONTH: f64 = 30.0;
    const SECS_PER_DAY: f64 = 86_400.0;
    let out_of_range = || Error::new("22008", "interval out of range");
    let whole = |x: f64| -> Result<i32> {
        if x.is_nan() || x > f64::from(i32::MAX) || x < f64::from(i32::MIN) {
            return Err(out_of_range());
        }
        Ok(x as i32)
    };
    // TSROUND: microsecond precision.
    let ts_round = |x: f64| (x * 1_000_000.0).round_ties_even() / 1_000_000.0;
    let months = f(f64::from(span.months));
    let days = f(f64::from(span.days));
    let mut result = Interval { months: whole(months)?, days: whole(days)?, micros: 0 };
    let month_remainder_days = ts_round((months - f64::from(result.months)) * DAYS_PER_MONTH);
    let mut sec_remainder = ts_round(
        (days - f64::from(result.days) + month_remainder_days
            - f64::from(month_remainder_days as i32))
            * SECS_PER_DAY,
    );
    if sec_remainder.abs() >= SECS_PER_DAY {
        let carried = (sec_remainder / SECS_PER_DAY) as i32;
        result.days += carried;
        sec_remainder -= f64::from(carried) * SECS_PER_DAY;
    }
    result.days += month_remainder_days as i32;
    let micros = (f(span.micros as f64) + sec_remainder * 1_000_000.0).round_ties_even();
    if micros.is_nan() || micros >= i64::MAX as f64 || micros < i64::MIN as f64 {
        return Err(out_of_range());
    }
    result.micros = micros as i64;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        parse(text).map(|i| i.to_text()).unwrap_or_else(|e| e.message.clone())
    }

    #[test]
    fn input_and_output() {
        assert_eq!(show("1 day"), "1 day");
        assert_eq!(show("2 hours 30 minutes"), "02:30:00");
        assert_eq!(show("1 year 2 months 3 days 04:05:06.5"), "1 year 2 mons 3 days 04:05:06.5");
        assert_eq!(show("1 day ago"), "-1 days");
        assert_eq!(show("-1 day 2 hours"), "-1 days +02:00:00");
        assert_eq!(show("7 days"), "7 days");
        assert_eq!(show("0"), "00:00:00");
    }
}
