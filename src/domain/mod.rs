//! Plain types and rules. No I/O, no storage, no terminal.

pub mod account;
pub mod assessment;
pub mod audit;
pub mod conflict;
pub mod date;
pub mod exemplar;
pub mod indicator;
pub mod lineage;
pub mod office;
pub mod period;
pub mod report;
pub mod task;
pub mod text;
pub mod unit;
pub mod workflow;

use serde::{Deserialize, Serialize};

/// Province-wide settings stored as data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub cutoffs: assessment::Cutoffs,
    pub deadlines: period::Deadlines,
}
