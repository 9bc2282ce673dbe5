//! Plain types and rules. No I/O, no storage, no terminal.

pub mod account;
pub mod assessment;
pub mod audit;
pub mod audit_words;
pub mod conflict;
pub mod date;
pub mod exemplar;
pub mod indicator;
pub mod lineage;
pub mod made;
pub mod office;
pub mod period;
pub mod report;
pub mod task;
pub mod text;
pub mod unit;
pub mod workflow;

use serde::{Deserialize, Serialize};

/// Province-wide settings stored as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub cutoffs: assessment::Cutoffs,
    pub deadlines: period::Deadlines,
    /// Xuất sắc only for a unit recognised "An toàn" (Đạt) that year. The regulation leaves
    /// this to the province; on unless a province turns it off.
    pub excellent_needs_safe: bool,
    /// Four eyes: nobody approves a report or assessment they entered themselves. On unless
    /// a province turns it off (a one-person office).
    pub four_eyes: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            cutoffs: assessment::Cutoffs::default(),
            deadlines: period::Deadlines::default(),
            excellent_needs_safe: true,
            four_eyes: true,
        }
    }
}

/// The stored shape before the four-eyes setting (schema 2).
#[derive(Deserialize)]
pub struct SettingsV2 {
    pub cutoffs: assessment::Cutoffs,
    pub deadlines: period::Deadlines,
    pub excellent_needs_safe: bool,
}

impl From<SettingsV2> for Settings {
    fn from(o: SettingsV2) -> Settings {
        Settings {
            cutoffs: o.cutoffs,
            deadlines: o.deadlines,
            excellent_needs_safe: o.excellent_needs_safe,
            four_eyes: true,
        }
    }
}

/// The stored shape before the "Xuất sắc needs An toàn" setting (schema 1).
#[derive(Deserialize)]
pub struct SettingsV1 {
    pub cutoffs: assessment::Cutoffs,
    pub deadlines: period::Deadlines,
}

impl From<SettingsV1> for Settings {
    fn from(o: SettingsV1) -> Settings {
        Settings {
            cutoffs: o.cutoffs,
            deadlines: o.deadlines,
            excellent_needs_safe: true,
            four_eyes: true,
        }
    }
}
