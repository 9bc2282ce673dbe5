//! Dashboard keys: the period, and drilling into the units still missing a report.

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
        Action::Open => {
            s.dash.drill = true;
            s.dash.cursor = Cursor::default();
            vec![]
        }
        Action::Back => {
            s.dash.drill = false;
            vec![]
        }
        Action::LoadSample if s.empty_store => vec![Effect::LoadSample],
        _ => vec![],
    }
}
