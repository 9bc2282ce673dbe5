//! Dashboard keys: the period, the reports waiting for approval, and the units still missing.

pub(crate) mod apply;
pub(crate) mod data;
pub mod state;
pub(crate) mod view;

use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;
use crate::tui::screens::reports::data::open_form;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Left | Action::Right => {
            let from = s.dash.period;
            s.dash.period = shift_period(s, from, a == Action::Right);
            s.dash.drill = false;
            vec![dashboard_load(s)]
        }
        // Enter shows the units still missing a report; on one of them, opens its form.
        Action::Open if s.dash.drill => {
            match s.missing_units().get(s.dash.cursor.selected).cloned() {
                Some(unit) => {
                    s.form_origin = Some(Screen::Dashboard);
                    vec![open_form(unit, s.dash.period).into()]
                }
                None => vec![],
            }
        }
        // Enter on a report waiting for approval opens it, read-only: v approves it there, r
        // returns it, and Esc comes back here.
        Action::Open => match inbox(s).get(s.dash.cursor.selected).cloned() {
            Some(r) => {
                s.form_origin = Some(Screen::Dashboard);
                vec![open_form(r.unit, r.period).into()]
            }
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

/// The list the dashboard opens reports from: an operator's returned reports, or the reports
/// waiting for approval.
pub(crate) fn inbox(s: &State) -> &[crate::domain::report::Report] {
    match s.role {
        Some(crate::domain::account::Role::Operator) => &s.dash.data.returned,
        _ => &s.dash.data.awaiting,
    }
}
