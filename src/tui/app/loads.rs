//! What each screen loads, and keeping list selections inside their rows.

use crate::domain::period::Period;
use crate::tui::app::effects::Effect;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::screens::classify::data::classify_load;
use crate::tui::screens::reports::data::{open_form, reports_load, AfterSave};
use crate::tui::screens::tasks::data::tasks_load;
use crate::tui::screens::units::data::UnitEffect;

/// Effects to run at start-up, all of them (for a state made without a screen).
pub fn init(s: &State) -> Vec<Effect> {
    vec![
        UnitEffect::Load.into(),
        Effect::LoadIndicators,
        dashboard_load(s),
    ]
}

/// What the first screen needs: the dashboard with the names of the units it shows, without
/// its trend (a year of periods) and without the unit list (100,000 rows on a national
/// store); both follow once the screen is up (`after_first_paint`).
pub fn first_paint(s: &State) -> Vec<Effect> {
    let mut now = dashboard_load(s);
    if let Effect::LoadDashboard { earlier, names, .. } = &mut now {
        *earlier = false;
        *names = true;
    }
    vec![Effect::LoadIndicators, now]
}

/// What the first screen held back: the unit list, then the dashboard with its trend.
pub fn after_first_paint(s: &State) -> Vec<Effect> {
    let mut fx = vec![UnitEffect::Load.into()];
    if s.screen == Screen::Dashboard {
        fx.push(dashboard_load(s));
    }
    fx
}

pub fn dashboard_load(s: &State) -> Effect {
    let d = &s.dash.data;
    Effect::LoadDashboard {
        period: s.dash.period,
        year: s.today.year(),
        today: s.today,
        earlier: d.trend_of != Some(s.dash.period) || d.completeness_trend.len() < 2,
        names: false,
    }
}

pub(crate) fn screen_load(s: &State) -> Vec<Effect> {
    match s.screen {
        Screen::Dashboard => vec![dashboard_load(s)],
        Screen::Units => selected_unit(s)
            .map(|code| vec![UnitEffect::Detail { code }.into()])
            .unwrap_or_default(),
        Screen::Reports => vec![reports_load(s).into()],
        Screen::Tasks => vec![tasks_load(s).into()],
        Screen::Classify => vec![classify_load(s).into()],
    }
}

/// Keeps every list's selection inside its rows after the rows, the filter or the terminal
/// size changed.
pub fn refit(s: &mut State) {
    let h = s.list_height();
    let n = s.visible_units().len();
    s.unit_view.cursor.fit(n, h);
    let n = s.visible_reports().len();
    s.reports.cursor.fit(n, h);
    let n = s.visible_tasks().len();
    s.tasks.cursor.fit(n, h);
    let n = s.visible_assessments().len();
    s.classify.cursor.fit(n, h);
    let n = s.missing_units().len();
    s.dash.cursor.fit(n, h.saturating_sub(4));
}

/// What to load again after the server came back or announced a change.
pub fn reload(s: &State) -> Vec<Effect> {
    let mut fx = vec![UnitEffect::Load.into()];
    fx.extend(screen_load(s));
    fx
}

/// The period before or after `p`, but never one that has not begun: nothing can be reported
/// in it yet, and the message line says so.
pub(crate) fn shift_period(s: &mut State, p: Period, forward: bool) -> Period {
    let Some(to) = (if forward { p.next() } else { p.prev() }) else {
        return p;
    };
    if to.start() > s.today {
        let t = crate::tui::catalogue::texts(s.lang);
        s.say(Tone::Info, format!("{to}: {}", t.period_not_begun));
        return p;
    }
    to
}

/// After a report form closes with `n`/`p`, the form of the next or previous reporting unit; at
/// either end of the list, a message that there is none. `done` says what happened first.
pub(crate) fn step_to_unit(
    s: &mut State,
    unit: &str,
    period: Period,
    then: AfterSave,
    done: &str,
) -> Vec<Effect> {
    if then == AfterSave::Close {
        return vec![];
    }
    let list = reporting_units(s, period);
    let pos = list.iter().position(|u| u == unit);
    let next = match (pos, then) {
        (Some(i), AfterSave::NextUnit) => list.get(i + 1),
        (Some(i), AfterSave::PrevUnit) if i > 0 => list.get(i - 1),
        _ => None,
    };
    match next {
        Some(u) => vec![open_form(u.clone(), period).into()],
        None => {
            let t = texts(s.lang);
            s.say(Tone::Info, format!("{done} — {}", t.no_more_units));
            vec![]
        }
    }
}
