//! How the dashboard's answer changes the state.

use crate::tui::app::loads::refit;
use crate::tui::app::state::{DashboardData, State};

/// The dashboard read for a period, merged with the trend the screen already holds.
pub(crate) fn show(s: &mut State, mut d: DashboardData) {
    // The dashboard brings the user's account: its role decides what footers offer.
    if let Some(acc) = &d.account {
        s.role = Some(acc.role);
        s.account_unit = acc.unit.clone();
    }
    // A refresh of the same period brings only this period's share: keep the earlier.
    let old = &s.dash.data;
    if d.completeness_trend.len() == 1 && old.trend_of == d.trend_of {
        if let Some((_, earlier)) = old.completeness_trend.split_last() {
            d.completeness_trend = [earlier, &d.completeness_trend[..]].concat();
        }
    }
    s.dash.data = d;
    refit(s);
}
