//! Effects ask the service for something; their results come back to `update` as events.
//! Each screen declares its own requests and answers in its folder (`screens/*/data.rs`);
//! here they are gathered, with the few that belong to no screen.

use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::error::Error;
use crate::service::{ConflictInfo, Summary, Trend};
use crate::tui::app::state::DashboardData;
use crate::tui::screens::classify::data::{ClassifyEffect, ClassifyEvent};
use crate::tui::screens::reports::data::{ReportEffect, ReportEvent};
use crate::tui::screens::tasks::data::{TaskEffect, TaskEvent};
use crate::tui::screens::units::data::{UnitEffect, UnitEvent};

#[derive(Clone, Debug)]
pub enum Effect {
    Units(UnitEffect),
    Reports(ReportEffect),
    Tasks(TaskEffect),
    Classify(ClassifyEffect),
    LoadIndicators,
    LoadDashboard {
        period: Period,
        year: i16,
        today: jiff::civil::Date,
        /// Read the earlier periods' completeness for the trend: only when the period changes,
        /// not at every live refresh (their figures rarely move, and each is a query).
        earlier: bool,
        /// Read the names of the units the dashboard shows first: the first screen is drawn
        /// before the unit list has loaded.
        names: bool,
    },
    LoadSample,
    LoadHistory {
        entity: String,
    },
    LoadSummary {
        under: Option<String>,
        period: Period,
    },
    LoadConflicts,
    ResolveConflict {
        entity: String,
        take_incoming: bool,
    },
}

#[derive(Debug)]
pub enum Event {
    Units(UnitEvent),
    Reports(ReportEvent),
    Tasks(TaskEvent),
    Classify(ClassifyEvent),
    Indicators(Vec<Indicator>),
    Dashboard(Box<DashboardData>),
    SampleLoaded,
    History {
        entity: String,
        entries: Vec<crate::domain::audit::AuditEntry>,
    },
    Summary {
        under: Option<String>,
        summary: Box<Summary>,
        /// The unit's totals over the periods up to this one, for the sparklines.
        trend: Option<Box<Trend>>,
    },
    Conflicts(Vec<ConflictInfo>),
    ConflictResolved {
        entity: String,
        take_incoming: bool,
    },
    Failed(Error),
}

impl From<UnitEffect> for Effect {
    fn from(e: UnitEffect) -> Self {
        Effect::Units(e)
    }
}

impl From<ReportEffect> for Effect {
    fn from(e: ReportEffect) -> Self {
        Effect::Reports(e)
    }
}

impl From<TaskEffect> for Effect {
    fn from(e: TaskEffect) -> Self {
        Effect::Tasks(e)
    }
}

impl From<ClassifyEffect> for Effect {
    fn from(e: ClassifyEffect) -> Self {
        Effect::Classify(e)
    }
}
