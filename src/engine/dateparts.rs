//! date_trunc and EXTRACT / date_part on dates and timestamps (the session's time zone is
//! applied by `timezone.rs` before and after).

use rust_decimal::Decimal;

use crate::engine::datetime::{USECS_PER_DAY, civil_from_days, days_from_civil};
use crate::engine::value::Value;
use crate::error::{Error, Result};

/// date_trunc on microseconds since 2000-01-01; None for a unit it does not know.
pub fn truncate(unit: &str, usecs: i64) -> Option<i64> {
    let days = usecs.div_euclid(USECS_PER_DAY);
    let (y, m, _) = civil_from_days(days);
    let day_start = |d: i64| d * USECS_PER_DAY;
    let year_start = |y: i64| day_start(days_from_civil(y, 1, 1));
    let step = |n: i64| usecs.div_euclid(n) * n;
    Some(match unit {
        "microseconds" => usecs,
        "milliseconds" => step(1_000),
        "second" => step(1_000_000),
        "minute" => step(60_000_000),
        "hour" => step(3_600_000_000),
        "day" => day_start(days),
        // ISO weeks start on Monday; 2000-01-01 was a Saturday.
        "week" => day_start(days - (days + 5).rem_euclid(7)),
        "month" => day_start(days_from_civil(y, m, 1)),
        "quarter" => day_start(days_from_civil(y, (m - 1) / 3 * 3 + 1, 1)),
        "year" => year_start(y),
        "decade" => year_start(y.div_euclid(10) * 10),
        "century" => year_start((y - 1).div_euclid(100) * 100 + 1),
        "millennium" => year_start((y - 1).div_euclid(1000) * 1000 + 1),
        _ => return None,
    })
}

/// EXTRACT's value of `unit` (numeric, with EXTRACT's scale) from a date or timestamp.
pub fn date_part(unit: &str, v: &Value, extract: bool) -> Result<Decimal> {
    let (usecs, is_date, type_name) = match v {
        Value::Date(d) => (i64::from(*d) * USECS_PER_DAY, true, "date"),
        Value::Timestamp(t) => (*t, false, "timestamp without time zone"),
        Value::Timestamptz(t) => (
            t + crate::engine::timezone::session_offset(*t) * 1_000_000,
            false,
            "timestamp with time zone",
        ),
        _ => return Ok(Decimal::ZERO),
    };
    let days = usecs.div_euclid(USECS_PER_DAY);
    let of_day = usecs.rem_euclid(USECS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let int = |n: i64| Decimal::from(n);
    // EXTRACT gives seconds with six decimals, milliseconds with three.
    let scaled = |n: i64, scale: u32| {
        let mut x = Decimal::new(n, scale);
        if !extract {
            x = x.normalize();
        }
        x
    };
    let time_unit = matches!(
        unit,
        "hour"
            | "minute"
            | "second"
            | "milliseconds"
            | "microseconds"
            | "timezone"
            | "timezone_hour"
            | "timezone_minute"
    );
    if is_date && time_unit {
        return Err(Error::unsupported(format!("unit \"{unit}\" not supported for type date")));
    }
    let iso_dow = (days + 5).rem_euclid(7) + 1;
    Ok(match unit {
        "year" => int(y),
        "month" => int(m),
        "day" => int(d),
        "hour" => int(of_day / 3_600_000_000),
        "minute" => int(of_day / 60_000_000 % 60),
        "second" => scaled(of_day % 60_000_000, 6),
        "milliseconds" => scaled(of_day % 60_000_000, 3),
        "microseconds" => int(of_day % 60_000_000),
        "dow" => int(iso_dow % 7),
        "isodow" => int(iso_dow),
        "doy" => int(days - days_from_civil(y, 1, 1) + 1),
        "quarter" => int((m - 1) / 3 + 1),
        "decade" => int(y.div_euclid(10)),
        "century" => int((y - 1).div_euclid(100) + 1),
        "millennium" => int((y - 1).div_euclid(1000) + 1),
        "julian" if is_date => int(days + 2_451_545),
        "epoch" if is_date => int((days + 10_957) * 86_400),
        "epoch" => scaled(usecs + 10_957 * USECS_PER_DAY, 6),
        "week" => int(iso_week(days)),
        "timezone" | "timezone_hour" | "timezone_minute" if type_name.ends_with("zone") => int(0),
        _ => {
            return Err(Error::new(
                "22023",
                format!("unit \"{unit}\" not recognized for type {type_name}"),
            ));
        }
    })
}

/// The ISO 8601 week number of a day.
fn iso_week(days: i64) -> i64 {
    let monday = days - (days + 5).rem_euclid(7);
    let thursday = monday + 3;
    let (y, _, _) = civil_from_days(thursday);
    (thursday - days_from_civil(y, 1, 1)) / 7 + 1
}
