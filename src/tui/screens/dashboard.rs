//! Dashboard keys: the period, the reports waiting for approval, and the units still missing.

use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Left | Action::Right => {
            s.dash.period = shift_period(s.dash.period, a == Action::Right);
            s.dash.drill = false;
            vec![dashboard_load(s)]
        }
        // Enter shows the units still missing a report; on one of them, opens its form.
        Action::Open if s.dash.drill => match s.missing_units().get(s.dash.cursor.selected) {
            Some(unit) => vec![Effect::OpenReportForm {
                unit: unit.clone(),
                period: s.dash.period,
            }],
            None => vec![],
        },
        // Enter on a report waiting for approval opens it (read-only: v approves on Reports).
        Action::Open => match s.dash.data.awaiting.get(s.dash.cursor.selected) {
            Some(r) => vec![Effect::OpenReportForm {
                unit: r.unit.clone(),
                period: r.period,
            }],
            None => toggle_missing(s),
        },
        Action::NextField => toggle_missing(s),
        Action::Back if s.dash.drill => toggle_missing(s),
        Action::Back => vec![],
        Action::LoadSample if s.empty_store => vec![Effect::LoadSample],
        _ => vec![],
    }
}

/// Tab: between the reports waiting for approval and the list of units still missing one.
fn toggle_missing(s: &mut State) -> Vec<Effect> {
    s.dash.drill = !s.dash.drill;
    s.dash.cursor = Cursor::default();
    vec![]
}
