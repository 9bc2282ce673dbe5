//! Exemplars ("điển hình"): units chosen to be built as models in a year.

use serde::{Deserialize, Serialize};

use crate::domain::assessment::Decision;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExemplarStatus {
    Building,
    Achieved,
    NotAchieved,
}

impl ExemplarStatus {
    pub const ALL: [ExemplarStatus; 3] = [Self::Building, Self::Achieved, Self::NotAchieved];

    pub fn code(self) -> &'static str {
        match self {
            Self::Building => "building",
            Self::Achieved => "achieved",
            Self::NotAchieved => "not-achieved",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Building => lang.pick("Đang xây dựng", "Building"),
            Self::Achieved => lang.pick("Đạt", "Achieved"),
            Self::NotAchieved => lang.pick("Không đạt", "Not achieved"),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match crate::domain::text::fold(s).as_str() {
            "dang xay dung" | "building" => Some(Self::Building),
            "dat" | "achieved" => Some(Self::Achieved),
            "khong dat" | "not achieved" => Some(Self::NotAchieved),
            _ => None,
        }
    }
}

/// Chosen for `year` on the basis of the unit's assessment of `year - 1`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemplar {
    pub unit: String,
    pub year: i16,
    pub decision: Option<Decision>,
    pub status: ExemplarStatus,
    pub notes: String,
    pub revision: u64,
}

impl Exemplar {
    pub fn basis_year(&self) -> i16 {
        self.year - 1
    }

    pub fn key(&self) -> String {
        format!("{}/{}", self.year, self.unit)
    }
}
