//! Yearly assessments: "An toàn về ANTT" recognition and the movement's classification.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::date::serde_days;
use crate::domain::workflow::{Status, Step};
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Safety {
    NotAssessed,
    Passed,
    NotYet,
}

impl Safety {
    /// In the order forms offer them.
    pub const ALL: [Safety; 3] = [Safety::NotAssessed, Safety::Passed, Safety::NotYet];

    pub fn code(self) -> &'static str {
        match self {
            Safety::NotAssessed => "not-assessed",
            Safety::Passed => "passed",
            Safety::NotYet => "not-yet",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Safety::NotAssessed => lang.pick("Chưa đánh giá", "Not assessed"),
            Safety::Passed => lang.pick("Đạt", "Passed"),
            Safety::NotYet => lang.pick("Chưa đạt", "Not yet"),
        }
    }

    pub fn parse(s: &str) -> Option<Safety> {
        match crate::domain::text::fold(s).replace('-', " ").as_str() {
            "dat" | "passed" | "pass" | "yes" => Some(Safety::Passed),
            "chua dat" | "not yet" | "notyet" | "fail" | "no" => Some(Safety::NotYet),
            "chua danh gia" | "not assessed" | "none" | "" => Some(Safety::NotAssessed),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    Excellent,
    Good,
    Average,
    Weak,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Self::Excellent, Self::Good, Self::Average, Self::Weak];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::Excellent => lang.pick("Xuất sắc", "Excellent"),
            Grade::Good => lang.pick("Khá", "Good"),
            Grade::Average => lang.pick("Trung bình", "Average"),
            Grade::Weak => lang.pick("Yếu", "Weak"),
        }
    }

    pub fn parse(s: &str) -> Option<Grade> {
        let f = crate::domain::text::fold(s);
        Grade::ALL.into_iter().find(|g| {
            f == crate::domain::text::fold(g.label(Lang::Vi))
                || f == g.label(Lang::En).to_lowercase()
        })
    }
}

/// Score cut-offs for each grade, set by the province.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cutoffs {
    pub excellent: u8,
    pub good: u8,
    pub average: u8,
    /// True while the values are the sample's placeholders, not a province's decision.
    pub sample: bool,
}

impl Default for Cutoffs {
    fn default() -> Self {
        Cutoffs {
            excellent: 90,
            good: 70,
            average: 50,
            sample: true,
        }
    }
}

impl Cutoffs {
    pub fn grade(&self, score: u8) -> Grade {
        if score >= self.excellent {
            Grade::Excellent
        } else if score >= self.good {
            Grade::Good
        } else if score >= self.average {
            Grade::Average
        } else {
            Grade::Weak
        }
    }

    pub fn validate(&self) -> Result<(), Error> {
        if self.excellent <= 100 && self.good < self.excellent && self.average < self.good {
            Ok(())
        } else {
            Err(Error::invalid(
                "cutoffs",
                "cut-offs must satisfy 100 ≥ excellent > good > average",
                "ngưỡng điểm phải thỏa 100 ≥ xuất sắc > khá > trung bình",
            ))
        }
    }
}

/// A decision (quyết định) reference: number, date and issuer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub number: String,
    #[serde(with = "serde_days::opt")]
    pub date: Option<Date>,
    pub issuer: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub unit: String,
    pub year: i16,
    pub safety: Safety,
    pub score: Option<u8>,
    /// Set when the decision fixes the grade regardless of the score.
    pub grade_override: Option<Grade>,
    pub decision: Option<Decision>,
    pub status: Status,
    pub return_reason: Option<String>,
    pub history: Vec<Step>,
    pub notes: String,
    pub revision: u64,
    /// Why the grade differs from what the score gives under the province's cut-offs.
    pub override_reason: String,
}

/// The stored shape before override reasons (schema 1).
#[derive(Deserialize)]
pub struct AssessmentV1 {
    pub unit: String,
    pub year: i16,
    pub safety: Safety,
    pub score: Option<u8>,
    pub grade_override: Option<Grade>,
    pub decision: Option<Decision>,
    pub status: Status,
    pub return_reason: Option<String>,
    pub history: Vec<Step>,
    pub notes: String,
    pub revision: u64,
}

impl From<AssessmentV1> for Assessment {
    fn from(o: AssessmentV1) -> Assessment {
        Assessment {
            unit: o.unit,
            year: o.year,
            safety: o.safety,
            score: o.score,
            grade_override: o.grade_override,
            decision: o.decision,
            status: o.status,
            return_reason: o.return_reason,
            history: o.history,
            notes: o.notes,
            revision: o.revision,
            override_reason: String::new(),
        }
    }
}

impl Assessment {
    /// A new draft, not yet assessed, created by `by` at `at`.
    pub fn new(unit: &str, year: i16, by: &str, at: i64) -> Assessment {
        Assessment {
            unit: unit.to_string(),
            year,
            safety: Safety::NotAssessed,
            score: None,
            grade_override: None,
            decision: None,
            status: Status::Draft,
            return_reason: None,
            history: vec![Step::created(by, at)],
            notes: String::new(),
            // A record's first revision is 1: a save that expects revision 0 expects nothing.
            revision: 1,
            override_reason: String::new(),
        }
    }

    pub fn grade(&self, c: &Cutoffs) -> Option<Grade> {
        self.grade_override.or(self.score.map(|s| c.grade(s)))
    }

    /// The grade set by hand when the score under the cut-offs gives another one.
    pub fn disagreeing_override(&self, c: &Cutoffs) -> Option<(Grade, Grade)> {
        let set = self.grade_override?;
        let scored = c.grade(self.score?);
        (set != scored).then_some((set, scored))
    }

    pub fn key(&self) -> String {
        format!("{}/{}", self.unit, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_from_cutoffs_and_override() {
        let c = Cutoffs::default();
        assert_eq!(c.grade(90), Grade::Excellent);
        assert_eq!(c.grade(89), Grade::Good);
        assert_eq!(c.grade(50), Grade::Average);
        assert_eq!(c.grade(49), Grade::Weak);
        let mut a = Assessment {
            unit: "31338".into(),
            year: 2023,
            safety: Safety::Passed,
            score: Some(72),
            grade_override: None,
            decision: None,
            status: Status::Draft,
            return_reason: None,
            history: vec![],
            notes: String::new(),
            revision: 0,
            override_reason: String::new(),
        };
        assert_eq!(a.grade(&c), Some(Grade::Good));
        assert_eq!(a.disagreeing_override(&c), None);
        a.grade_override = Some(Grade::Excellent);
        assert_eq!(a.grade(&c), Some(Grade::Excellent));
        assert_eq!(
            a.disagreeing_override(&c),
            Some((Grade::Excellent, Grade::Good))
        );
        a.grade_override = Some(Grade::Good);
        assert_eq!(a.disagreeing_override(&c), None);
    }

    #[test]
    fn cutoffs_must_descend() {
        assert!(Cutoffs::default().validate().is_ok());
        let bad = Cutoffs {
            good: 95,
            ..Cutoffs::default()
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn parse_labels() {
        assert_eq!(Grade::parse("xuat sac"), Some(Grade::Excellent));
        assert_eq!(Grade::parse("Khá"), Some(Grade::Good));
        assert_eq!(Safety::parse("Chưa đạt"), Some(Safety::NotYet));
    }
}
