//! The Reports list: which rows show, what each row is, and which are late.

use jiff::civil::Date;

use super::state::{ReportItem, ReportsView, State};

impl ReportsView {
    /// Submitted after the deadline, or not submitted and the deadline has passed.
    pub fn is_late(&self, unit: &str, first_submitted: Option<i64>, today: Date) -> bool {
        let Some((deadline, cutoff)) = self.deadline else {
            return false;
        };
        match first_submitted {
            Some(at) => at >= cutoff,
            None => self.not_sent.contains(unit) && today > deadline,
        }
    }
}

impl State {
    /// Rows of the reports list: indexes past the reports are missing units.
    pub fn visible_reports(&self) -> Vec<usize> {
        let f = crate::domain::text::fold(self.filter());
        (0..self.reports.rows.len() + self.reports.missing.len())
            .filter(|&i| {
                let code = match self.report_item(i) {
                    ReportItem::Report(r) => r.unit.as_str(),
                    ReportItem::Missing(c) => c,
                };
                if self.reports.only_not_sent && !self.reports.not_sent.contains(code) {
                    return false;
                }
                f.is_empty()
                    || code.starts_with(&f)
                    || self.unit(code).is_some_and(|u| u.folded.contains(&f))
            })
            .collect()
    }

    pub fn report_item(&self, i: usize) -> ReportItem<'_> {
        match self.reports.rows.get(i) {
            Some(r) => ReportItem::Report(r),
            None => ReportItem::Missing(&self.reports.missing[i - self.reports.rows.len()]),
        }
    }
}
