//! What the reports screen shows: the period, its filters, the rows and the units missing.

use std::collections::HashSet;

use jiff::civil::Date;

use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::workflow::Status;
use crate::tui::app::cursor::Cursor;

#[derive(Clone, Debug)]
pub struct ReportsView {
    pub period: Period,
    pub status: Option<Status>,
    /// Only this unit's subtree, set with `:under CODE`.
    pub under: Option<String>,
    pub rows: Vec<Report>,
    /// Units expected to report for the period that have no report yet (listed after the
    /// reports when no status filter is set), so a missing report opens with Enter.
    pub missing: Vec<String>,
    /// Every expected unit that has not submitted: no report, a draft or a returned one. The
    /// service's completeness list, so Reports and the dashboard count "Chưa gửi" alike.
    pub not_sent: HashSet<String>,
    /// `f` on "Chưa gửi": only those units.
    pub only_not_sent: bool,
    /// The period's deadline and the first second after it, for the late marks.
    pub deadline: Option<(Date, i64)>,
    pub cursor: Cursor,
    /// The period, filter and subtree the rows were loaded for: a reload of the same list keeps
    /// the cursor on its unit; another list starts where the cursor's row number was.
    pub shown: Option<(Period, Option<Status>, Option<String>)>,
}

/// One row of the reports list.
pub enum ReportItem<'a> {
    Report(&'a Report),
    Missing(&'a str),
}
