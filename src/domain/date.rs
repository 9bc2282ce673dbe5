//! Calendar dates and timestamps as the domain sees them.

use jiff::civil::Date;
use jiff::Timestamp;

use crate::error::Error;

/// Vietnam is UTC+7 all year; "today" and displayed times use it.
pub fn vn_offset() -> jiff::tz::Offset {
    jiff::tz::offset(7)
}

/// Parses `YYYY-MM-DD` or `DD/MM/YYYY`, rejecting impossible dates such as 30/02/2024.
pub fn parse_date(field: &str, s: &str) -> Result<Date, Error> {
    let s = s.trim();
    let parts: Option<(i16, i8, i8)> = if let Some((d, rest)) = s.split_once('/') {
        // A spreadsheet saving in Vietnamese writes 01/07/25: two-digit years are this century's.
        let year = |y: &str| -> Option<i16> {
            let n: i16 = y.parse().ok()?;
            Some(if y.len() == 2 { 2000 + n } else { n })
        };
        rest.split_once('/')
            .and_then(|(m, y)| Some((year(y)?, m.parse().ok()?, d.parse().ok()?)))
    } else {
        let mut it = s.splitn(3, '-');
        match (it.next(), it.next(), it.next()) {
            (Some(y), Some(m), Some(d)) if y.len() == 4 => {
                (|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))()
            }
            _ => None,
        }
    };
    let Some((y, m, d)) = parts else {
        return Err(Error::invalid(
            field,
            format!("'{s}' is not a date; write YYYY-MM-DD or DD/MM/YYYY"),
            format!("'{s}' không phải là ngày; hãy viết YYYY-MM-DD hoặc DD/MM/YYYY"),
        ));
    };
    if !(1900..=2200).contains(&y) {
        return Err(Error::invalid(
            field,
            format!("year {y} is out of range (1900–2200)"),
            format!("năm {y} nằm ngoài khoảng 1900–2200"),
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(Error::invalid(
            field,
            format!("'{s}' has no month {m}; write YYYY-MM-DD or DD/MM/YYYY"),
            format!("'{s}' không có tháng {m}; hãy viết YYYY-MM-DD hoặc DD/MM/YYYY"),
        ));
    }
    Date::new(y, m, d).map_err(|_| {
        Error::invalid(
            field,
            format!("{d:02}/{m:02}/{y} does not exist in the calendar"),
            format!("ngày {d:02}/{m:02}/{y} không có trong lịch"),
        )
    })
}

/// Parses a time as `fmt_time` prints it (`DD/MM/YYYY HH:MM`, Vietnam time), or ISO with a
/// space or `T`; a bare date means its midnight.
pub fn parse_time(field: &str, s: &str) -> Result<i64, Error> {
    let s = s.trim();
    let (d, hm) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = parse_date(field, d)?;
    // "09:00 SA", "02:30 CH" (LibreOffice in Vietnamese), "09:00 AM", "09:00 sáng".
    let (hm, pm) = match hm.map(|t| t.rsplit_once(' ')) {
        Some(Some((t, half))) => match crate::domain::text::fold(half).as_str() {
            "am" | "sa" | "sang" => (Some(t.trim()), Some(false)),
            "pm" | "ch" | "chieu" | "toi" => (Some(t.trim()), Some(true)),
            _ => (hm, None),
        },
        _ => (hm, None),
    };
    let (h, m) = match hm {
        None => (0, 0),
        Some(t) => {
            let mut it = t.splitn(3, ':');
            let h: Option<i8> = it.next().and_then(|x| x.parse().ok());
            let m: Option<i8> = it.next().and_then(|x| x.parse().ok());
            match (h, m) {
                (Some(h), Some(m)) if (0..24).contains(&h) && (0..60).contains(&m) => match pm {
                    Some(true) if h < 12 => (h + 12, m),
                    Some(false) if h == 12 => (0, m),
                    _ => (h, m),
                },
                _ => {
                    return Err(Error::invalid(
                        field,
                        format!("'{s}' is not a time; write DD/MM/YYYY HH:MM"),
                        format!("'{s}' không phải là thời điểm; hãy viết DD/MM/YYYY HH:MM"),
                    ))
                }
            }
        }
    };
    date.at(h, m, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(vn_offset()))
        .map(|z| z.timestamp().as_second())
        .map_err(|e| Error::invalid(field, e.to_string(), e.to_string()))
}

/// Dates print as DD/MM/YYYY, the way Vietnamese documents write them.
/// The first second after `d` ends, in Vietnam time: what "submitted by the deadline" is
/// measured against.
pub fn after_day(d: Date) -> i64 {
    d.tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::fixed(vn_offset())).ok())
        .map_or(i64::MAX, |z| z.timestamp().as_second())
}

pub fn fmt_date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

pub fn fmt_iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn today(now: Timestamp) -> Date {
    now.to_zoned(jiff::tz::TimeZone::fixed(vn_offset())).date()
}

/// Timestamps print in Vietnam time, to the minute.
/// A moment for scripts: RFC 3339 with Vietnam's offset, "2024-04-02T09:00:00+07:00".
pub fn rfc3339(secs: i64) -> String {
    match Timestamp::from_second(secs) {
        Ok(ts) => ts
            .to_zoned(jiff::tz::TimeZone::fixed(vn_offset()))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        Err(_) => secs.to_string(),
    }
}

pub fn fmt_time(secs: i64) -> String {
    match Timestamp::from_second(secs) {
        Ok(ts) => {
            let z = ts.to_zoned(jiff::tz::TimeZone::fixed(vn_offset()));
            format!("{} {:02}:{:02}", fmt_date(z.date()), z.hour(), z.minute())
        }
        Err(_) => secs.to_string(),
    }
}

/// Dates are stored as days since 1970-01-01 so their encoding never depends on a library.
pub mod serde_days {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn to_days(d: Date) -> i32 {
        let epoch = Date::constant(1970, 1, 1);
        (d - epoch).get_days()
    }

    pub fn from_days(n: i32) -> Option<Date> {
        Date::constant(1970, 1, 1)
            .checked_add(jiff::Span::new().days(n))
            .ok()
    }

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(to_days(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let n = i32::deserialize(d)?;
        from_days(n).ok_or_else(|| serde::de::Error::custom("date out of range"))
    }

    pub mod opt {
        use super::*;
        pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_some(&to_days(*d)),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            match Option::<i32>::deserialize(d)? {
                Some(n) => from_days(n)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom("date out of range")),
                None => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        let a = parse_date("due", "2024-06-30").unwrap();
        let b = parse_date("due", "30/06/2024").unwrap();
        assert_eq!(a, b);
        assert_eq!(fmt_date(a), "30/06/2024");
    }

    #[test]
    fn rejects_impossible_dates() {
        let e = parse_date("due", "30/02/2024").unwrap_err();
        assert_eq!(e.en(), "due: 30/02/2024 does not exist in the calendar");
        assert!(parse_date("due", "2023-02-29").is_err());
        assert!(parse_date("due", "2024-02-29").is_ok());
        assert!(parse_date("due", "hôm qua").is_err());
        assert!(parse_date("due", "1/1/99999").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = Date::constant(2025, 7, 1);
        let n = serde_days::to_days(d);
        assert_eq!(serde_days::from_days(n), Some(d));
        assert_eq!(serde_days::to_days(Date::constant(1970, 1, 2)), 1);
    }
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::*;

    /// What LibreOffice and Excel set to Vietnamese write back into a CSV.
    #[test]
    fn two_digit_years_and_vietnamese_half_days_read() {
        assert_eq!(
            parse_date("d", "01/07/25").unwrap(),
            Date::constant(2025, 7, 1)
        );
        let at = |s| fmt_time(parse_time("t", s).unwrap());
        assert_eq!(at("02/04/24 09:00 sáng"), "02/04/2024 09:00");
        assert_eq!(at("02/04/24 02:30 CH"), "02/04/2024 14:30");
        assert_eq!(at("02/04/2024 12:10 AM"), "02/04/2024 00:10");
        assert_eq!(at("02/04/2024 14:10"), "02/04/2024 14:10");
    }
}
