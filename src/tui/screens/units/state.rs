//! What the units screen shows: the tree's open branches, the cursor, the unit in detail.

use std::collections::HashSet;

use crate::domain::assessment::Assessment;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::tui::app::cursor::Cursor;

#[derive(Clone, Debug, Default)]
pub struct UnitDetail {
    pub unit: Option<Unit>,
    pub path: Vec<String>,
    pub assessments: Vec<Assessment>,
    pub open_tasks: Vec<Task>,
    pub recent_reports: Vec<Report>,
}

#[derive(Clone, Debug, Default)]
pub struct UnitsView {
    pub expanded: HashSet<String>,
    pub cursor: Cursor,
    pub detail: UnitDetail,
    /// The unit to select when the tree loads next (one just added or edited).
    pub select_next: Option<String>,
    /// Ended units (before the reform, merged, retired) are listed too, marked "cũ".
    pub show_ended: bool,
}
