//! Reporting periods: month `2024-03`, quarter `2024-Q1`, half `2024-H1`, year `2024`.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PeriodKind {
    Month,
    Quarter,
    Half,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [Self::Month, Self::Quarter, Self::Half, Self::Year];

    pub fn months(self) -> u8 {
        match self {
            Self::Month => 1,
            Self::Quarter => 3,
            Self::Half => 6,
            Self::Year => 12,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Half => "half",
            Self::Year => "year",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Month => "Tháng",
            Self::Quarter => "Quý",
            Self::Half => "6 tháng",
            Self::Year => "Năm",
        }
    }

    pub fn parse(s: &str) -> Option<PeriodKind> {
        match crate::domain::text::fold(s).as_str() {
            "month" | "thang" | "m" => Some(Self::Month),
            "quarter" | "quy" | "q" => Some(Self::Quarter),
            "half" | "6 thang" | "h" => Some(Self::Half),
            "year" | "nam" | "y" => Some(Self::Year),
            _ => None,
        }
    }

    fn tag(self) -> u8 {
        self as u8
    }
}

/// A period is its year, its kind and its 1-based index within the year. It is decoded
/// through `Period::new`, so a frame or a file can never hold month 13.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodFields")]
pub struct Period {
    pub year: i16,
    pub kind: PeriodKind,
    pub index: u8,
}

/// A period's fields as they are stored and sent, before they are checked.
#[derive(Deserialize)]
#[serde(rename = "Period")]
struct PeriodFields {
    year: i16,
    kind: PeriodKind,
    index: u8,
}

impl TryFrom<PeriodFields> for Period {
    type Error = String;

    fn try_from(f: PeriodFields) -> Result<Period, String> {
        Period::new(f.year, f.kind, f.index).ok_or_else(|| {
            format!(
                "{} {} of {} is not a period",
                f.kind.code(),
                f.index,
                f.year
            )
        })
    }
}

impl Period {
    pub fn new(year: i16, kind: PeriodKind, index: u8) -> Option<Period> {
        let max = 12 / kind.months();
        ((1..=max).contains(&index) && (1900..=2200).contains(&year)).then_some(Period {
            year,
            kind,
            index,
        })
    }

    pub fn month(year: i16, m: u8) -> Period {
        Period::new(year, PeriodKind::Month, m).expect("valid month")
    }

    pub fn parse(s: &str) -> Result<Period, Error> {
        let t = s.trim().to_ascii_uppercase();
        let bad = || {
            Error::invalid(
                "period",
                format!("'{s}' is not a period; write 2024-03 (month), 2024-Q1, 2024-H1 or 2024"),
                format!("'{s}' không phải là kỳ báo cáo; hãy viết 2024-03 (tháng), 2024-Q1, 2024-H1 hoặc 2024"),
            )
        };
        // DHIS2 writes the same periods without a dash: 202403, 2024Q1, 2024S1.
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None if t.len() > 4 && t.is_char_boundary(4) => (&t[..4], Some(&t[4..])),
            None => (t.as_str(), None),
        };
        if y.len() != 4 {
            return Err(bad());
        }
        let year: i16 = y.parse().map_err(|_| bad())?;
        let (kind, idx) = match rest {
            None => (PeriodKind::Year, 1),
            Some(r) if r.starts_with('Q') => {
                (PeriodKind::Quarter, r[1..].parse().map_err(|_| bad())?)
            }
            Some(r) if r.starts_with('H') || r.starts_with('S') => {
                (PeriodKind::Half, r[1..].parse().map_err(|_| bad())?)
            }
            Some(r) if r.len() == 2 => (PeriodKind::Month, r.parse().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
        };
        Period::new(year, kind, idx).ok_or_else(bad)
    }

    pub fn start_month(self) -> u8 {
        (self.index - 1) * self.kind.months() + 1
    }

    pub fn start(self) -> Date {
        Date::new(self.year, self.start_month() as i8, 1).expect("period start")
    }

    pub fn end(self) -> Date {
        let last = self.start_month() + self.kind.months() - 1;
        Date::new(self.year, last as i8, 1)
            .expect("period month")
            .last_of_month()
    }

    /// The periods one level shorter that make this one up: a year's halves, a half's
    /// quarters, a quarter's months; a month has none.
    pub fn parts(self) -> Vec<Period> {
        let (kind, n) = match self.kind {
            PeriodKind::Month => return Vec::new(),
            PeriodKind::Quarter => (PeriodKind::Month, 3),
            PeriodKind::Half => (PeriodKind::Quarter, 2),
            PeriodKind::Year => (PeriodKind::Half, 2),
        };
        let first = (self.start_month() - 1) / kind.months();
        (1..=n)
            .filter_map(|i| Period::new(self.year, kind, first + i))
            .collect()
    }

    /// Months since year 0 of the period's last month: which of two figures is later.
    pub fn last_month_number(self) -> u32 {
        let m = u32::from(self.start_month() + self.kind.months() - 1);
        u32::try_from(self.year).unwrap_or(0) * 12 + m
    }

    pub fn contains(self, d: Date) -> bool {
        self.start() <= d && d <= self.end()
    }

    /// The same period one step earlier (the previous month, quarter, …).
    pub fn prev(self) -> Option<Period> {
        if self.index > 1 {
            Period::new(self.year, self.kind, self.index - 1)
        } else {
            Period::new(self.year - 1, self.kind, 12 / self.kind.months())
        }
    }

    pub fn next(self) -> Option<Period> {
        if self.index < 12 / self.kind.months() {
            Period::new(self.year, self.kind, self.index + 1)
        } else {
            Period::new(self.year + 1, self.kind, 1)
        }
    }

    /// The period of `kind` that holds `d`.
    pub fn containing(d: Date, kind: PeriodKind) -> Period {
        let idx = (d.month() as u8 - 1) / kind.months() + 1;
        Period::new(d.year(), kind, idx).expect("date within range")
    }

    /// Four order-preserving bytes: year, start month, then kind (shorter spans first).
    pub fn key(self) -> [u8; 4] {
        let y = (self.year as u16).to_be_bytes();
        [y[0], y[1], self.start_month(), self.kind.tag()]
    }

    pub fn from_key(k: &[u8]) -> Option<Period> {
        if k.len() < 4 {
            return None;
        }
        let year = u16::from_be_bytes([k[0], k[1]]) as i16;
        let kind = *PeriodKind::ALL.get(k[3] as usize)?;
        let m = k[2];
        if m == 0 || !(m - 1).is_multiple_of(kind.months()) {
            return None;
        }
        Period::new(year, kind, (m - 1) / kind.months() + 1)
    }
}

impl Ord for Period {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.key().cmp(&o.key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Month => write!(f, "{}-{:02}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            PeriodKind::Half => write!(f, "{}-H{}", self.year, self.index),
            PeriodKind::Year => write!(f, "{}", self.year),
        }
    }
}

/// Days after a period's end by which its report is due, per period kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub month: u16,
    pub quarter: u16,
    pub half: u16,
    pub year: u16,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            month: 5,
            quarter: 10,
            half: 15,
            year: 20,
        }
    }
}

impl Deadlines {
    pub fn days(&self, k: PeriodKind) -> u16 {
        match k {
            PeriodKind::Month => self.month,
            PeriodKind::Quarter => self.quarter,
            PeriodKind::Half => self.half,
            PeriodKind::Year => self.year,
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        for (name, d) in [
            ("month", self.month),
            ("quarter", self.quarter),
            ("half", self.half),
            ("year", self.year),
        ] {
            if d > 366 {
                return Err(Error::invalid(
                    &format!("deadline-{name}"),
                    format!("{d} days is more than a year; use 0–366"),
                    format!("{d} ngày là quá một năm; hãy dùng 0–366"),
                ));
            }
        }
        Ok(())
    }

    pub fn deadline(&self, p: Period) -> Date {
        p.end()
            .checked_add(jiff::Span::new().days(self.days(p.kind) as i64))
            .expect("deadline in range")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_print_round_trip() {
        for s in ["2024-03", "2024-Q1", "2024-H2", "2024", "2023-12"] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Period::parse("2024-q4").unwrap().to_string(), "2024-Q4");
    }

    /// A frame from a socket cannot make a period whose first day would panic.
    #[test]
    fn an_impossible_period_does_not_decode() {
        let bad = r#"{"year":2024,"kind":"Month","index":13}"#;
        assert!(serde_json::from_str::<Period>(bad).is_err());
        let good = r#"{"year":2024,"kind":"Month","index":12}"#;
        assert_eq!(
            serde_json::from_str::<Period>(good).unwrap(),
            Period::month(2024, 12)
        );
        let bytes = bincode::serialize(&(2024i16, 1u32, 0u8)).unwrap();
        assert!(
            bincode::deserialize::<Period>(&bytes).is_err(),
            "index 0 of a quarter"
        );
        let p = Period::new(2024, PeriodKind::Half, 2).unwrap();
        let bytes = bincode::serialize(&p).unwrap();
        assert_eq!(bincode::deserialize::<Period>(&bytes).unwrap(), p);
    }

    #[test]
    fn reads_dhis2_period_spellings() {
        for (dhis2, ours) in [
            ("202403", "2024-03"),
            ("2024Q1", "2024-Q1"),
            ("2024S2", "2024-H2"),
            ("2024H1", "2024-H1"),
            ("2024", "2024"),
        ] {
            assert_eq!(Period::parse(dhis2).unwrap().to_string(), ours);
        }
        for bad in ["202413", "2024Q5", "2024S3", "20243", "2024W1", "2024Ã1"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_bad_periods() {
        for s in [
            "2024-13", "2024-00", "2024-Q5", "2024-H3", "24-03", "2024-3", "abc", "",
        ] {
            assert!(Period::parse(s).is_err(), "{s} should fail");
        }
        let e = Period::parse("2024-13").unwrap_err();
        assert!(e.en().starts_with("period: '2024-13' is not a period"));
    }

    #[test]
    fn bounds_and_order() {
        let q1 = Period::parse("2024-Q1").unwrap();
        assert_eq!(q1.start(), Date::constant(2024, 1, 1));
        assert_eq!(q1.end(), Date::constant(2024, 3, 31));
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(feb.end(), Date::constant(2024, 2, 29));
        let mut v: Vec<Period> = ["2024-Q2", "2023", "2024-01", "2024-04", "2023-12"]
            .iter()
            .map(|s| Period::parse(s).unwrap())
            .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(|p| p.to_string()).collect();
        assert_eq!(s, ["2023", "2023-12", "2024-01", "2024-04", "2024-Q2"]);
        for p in &v {
            assert_eq!(Period::from_key(&p.key()), Some(*p));
        }
    }

    #[test]
    fn prev_next_cross_years() {
        let jan = Period::parse("2024-01").unwrap();
        assert_eq!(jan.prev().unwrap().to_string(), "2023-12");
        assert_eq!(
            Period::parse("2024-Q4")
                .unwrap()
                .next()
                .unwrap()
                .to_string(),
            "2025-Q1"
        );
    }

    #[test]
    fn deadline_is_end_plus_days() {
        let d = Deadlines::default();
        assert_eq!(
            d.deadline(Period::parse("2024-03").unwrap()),
            Date::constant(2024, 4, 5)
        );
        let custom = Deadlines {
            quarter: 15,
            ..Deadlines::default()
        };
        assert_eq!(
            custom.deadline(Period::parse("2024-Q4").unwrap()),
            Date::constant(2025, 1, 15)
        );
    }
}
