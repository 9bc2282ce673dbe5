//! Periodic indicator reports: one per (unit, period).

use serde::{Deserialize, Serialize};

use crate::domain::period::Period;
use crate::domain::workflow::{Status, Step};

pub const MAX_NARRATIVE: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub unit: String,
    pub period: Period,
    /// Indicator code → value, kept sorted by code.
    pub values: Vec<(String, u32)>,
    pub narrative: String,
    pub status: Status,
    pub return_reason: Option<String>,
    pub history: Vec<Step>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_by: String,
    pub updated_at: i64,
    /// Time of the first submission, which decides "on time".
    pub first_submitted_at: Option<i64>,
    pub revision: u64,
}

impl Report {
    pub fn new(unit: &str, period: Period, by: &str, at: i64) -> Report {
        Report {
            unit: unit.to_string(),
            period,
            values: Vec::new(),
            narrative: String::new(),
            status: Status::Draft,
            return_reason: None,
            history: vec![Step::created(by, at)],
            created_by: by.to_string(),
            created_at: at,
            updated_by: by.to_string(),
            updated_at: at,
            first_submitted_at: None,
            // A record's first revision is 1: a save that expects revision 0 expects nothing.
            revision: 1,
        }
    }

    pub fn value(&self, code: &str) -> Option<u32> {
        self.values
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .ok()
            .map(|i| self.values[i].1)
    }

    /// Sets or clears (None) one value, keeping the list sorted.
    pub fn set_value(&mut self, code: &str, v: Option<u32>) {
        match (
            self.values.binary_search_by(|(c, _)| c.as_str().cmp(code)),
            v,
        ) {
            (Ok(i), Some(v)) => self.values[i].1 = v,
            (Ok(i), None) => {
                self.values.remove(i);
            }
            (Err(i), Some(v)) => self.values.insert(i, (code.to_string(), v)),
            (Err(_), None) => {}
        }
    }

    pub fn key(&self) -> String {
        format!("{}/{}", self.unit, self.period)
    }

    /// Counted as submitted for completeness once it has been sent up and not returned.
    pub fn counts_as_submitted(&self) -> bool {
        matches!(self.status, Status::Submitted | Status::Approved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_sorted() {
        let mut r = Report::new("31338", Period::month(2024, 3), "a", 0);
        r.set_value("to_giac", Some(3));
        r.set_value("hoa_giai", Some(1));
        r.set_value("to_giac", Some(4));
        assert_eq!(
            r.values,
            vec![("hoa_giai".into(), 1), ("to_giac".into(), 4)]
        );
        r.set_value("hoa_giai", None);
        assert_eq!(r.value("hoa_giai"), None);
        assert_eq!(r.value("to_giac"), Some(4));
    }
}

/// Parses one typed value: empty clears it; negatives, fractions and overflow are refused.
pub fn parse_value(field: &str, s: &str) -> Result<Option<u32>, crate::error::Error> {
    use crate::error::Error;
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if s.trim().starts_with('-') {
        return Err(Error::invalid(
            field,
            format!(
                "'{}' is negative; counts are whole numbers from 0",
                s.trim()
            ),
            format!("'{}' là số âm; số liệu là số nguyên từ 0 trở lên", s.trim()),
        ));
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(
            field,
            format!(
                "'{}' is not a whole number; write the count in digits, e.g. 12",
                s.trim()
            ),
            format!(
                "'{}' không phải là số nguyên; hãy ghi số đếm bằng chữ số, ví dụ 12",
                s.trim()
            ),
        ));
    }
    t.parse::<u32>().map(Some).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "'{}' is too large (at most {}); check the figure",
                s.trim(),
                u32::MAX
            ),
            format!(
                "'{}' quá lớn (tối đa {}); hãy kiểm tra lại số liệu",
                s.trim(),
                u32::MAX
            ),
        )
    })
}

#[cfg(test)]
mod value_tests {
    use super::parse_value;

    #[test]
    fn values_parse_strictly() {
        assert_eq!(parse_value("x", "12").unwrap(), Some(12));
        assert!(parse_value("x", "1.200").is_err());
        assert!(parse_value("x", "1,5").is_err());
        assert_eq!(parse_value("x", " ").unwrap(), None);
        assert_eq!(
            parse_value("to_giac", "-3").unwrap_err().en(),
            "to_giac: '-3' is negative; counts are whole numbers from 0"
        );
        assert_eq!(
            parse_value("to_giac", "99999999999").unwrap_err().en(),
            "to_giac: '99999999999' is too large (at most 4294967295); check the figure"
        );
        assert!(parse_value("x", "3a").is_err());
    }
}
