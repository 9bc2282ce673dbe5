//! What the dashboard shows: the data read for its period, and where its cursor is.

use crate::domain::exemplar::Exemplar;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::service::Completeness;
use crate::tui::app::cursor::Cursor;

#[derive(Clone, Debug, Default)]
pub struct DashboardData {
    pub completeness: Option<Completeness>,
    pub awaiting: Vec<Report>,
    /// An operator's reports sent back for correction, in every period, until submitted again.
    pub returned: Vec<Report>,
    /// The user's account, read with the dashboard (whose inbox depends on it).
    pub account: Option<crate::domain::account::Account>,
    pub overdue: Vec<Task>,
    pub due_week: Vec<Task>,
    /// An operator's open tasks given to their unit by someone else, until they log on them.
    pub new_tasks: Vec<Task>,
    pub grade_counts: [usize; 4],
    pub exemplars: Vec<Exemplar>,
    /// Bundle conflicts waiting for an admin (0 for everyone else).
    pub conflicts: usize,
    /// Percent submitted in each period up to `trend_of`, oldest first (None: none expected).
    pub completeness_trend: Vec<Option<u64>>,
    pub trend_of: Option<Period>,
    /// Names of the units shown first (store identity → name), read with the first screen's
    /// dashboard, before the unit list has loaded.
    pub names: std::collections::HashMap<String, String>,
}

/// Rows the dashboard gives the reports waiting for approval.
pub const AWAITING_ROWS: usize = 6;

#[derive(Clone, Debug)]
pub struct DashboardView {
    pub period: Period,
    pub data: DashboardData,
    /// Drill-down: the list of units still missing, when open.
    pub drill: bool,
    /// On the missing list when drilled, else on the reports waiting for approval.
    pub cursor: Cursor,
}
