//! A unit's figures over its last periods: what the sparklines draw.

use serde::{Deserialize, Serialize};

use crate::domain::period::Period;

/// How many periods a trend covers: a year of months, three years of quarters.
pub const TREND_PERIODS: usize = 12;

/// Whose figures a trend follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrendScope {
    /// The unit's own reports: what its report form is compared with.
    Own,
    /// Its summary's totals, itself and everything below it.
    Area,
}

/// Each indicator's figures over `periods`, oldest first; `None` where nothing was counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    pub periods: Vec<Period>,
    pub series: Vec<(String, Vec<Option<u64>>)>,
}

impl Trend {
    pub fn of(&self, indicator: &str) -> Option<&[Option<u64>]> {
        self.series
            .iter()
            .find(|(c, _)| c == indicator)
            .map(|(_, v)| v.as_slice())
    }
}
