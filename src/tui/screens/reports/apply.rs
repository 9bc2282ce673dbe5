//! How the reports screen's answers change the state: the list, a step of the workflow, the
//! form and the grid.

use crate::domain::report::Report;
use crate::domain::workflow::Status;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::{dashboard_load, refit, step_to_unit};
use crate::tui::app::selection::{
    follow, report_row_units, reporting_units_matching, selected_report_unit,
};
use crate::tui::app::state::{Screen, State, Tone};
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{FieldKind, Purpose};
use crate::tui::forms::grid::open_grid;
use crate::tui::forms::report_form::open_report_form;
use crate::tui::screens::reports::data::{open_form, reports_load, ReportEvent};

pub(crate) fn apply(s: &mut State, ev: ReportEvent) -> Vec<Effect> {
    match ev {
        ev @ (ReportEvent::List { .. }
        | ReportEvent::Changed(..)
        | ReportEvent::TheirVersion(..)) => apply_list(s, ev),
        ev => apply_entry(s, ev),
    }
}

/// The report list, and a report moved by a step of its workflow or changed by someone else.
fn apply_list(s: &mut State, ev: ReportEvent) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        ReportEvent::List { rows, completeness } => {
            let list = Some((s.reports.period, s.reports.status, s.reports.under.clone()));
            let keep = selected_report_unit(s).filter(|_| s.reports.shown == list);
            s.reports.shown = list;
            s.reports.rows = rows;
            let c = *completeness;
            s.reports.deadline = Some((c.deadline, crate::domain::date::after_day(c.deadline)));
            s.reports.not_sent = c.missing.into_iter().collect();
            s.reports.missing = if s.reports.status.is_none() {
                let have: std::collections::HashSet<&str> =
                    s.reports.rows.iter().map(|r| r.unit.as_str()).collect();
                reporting_units_matching(s, s.reports.period, "")
                    .into_iter()
                    .filter(|u| !have.contains(u.as_str()))
                    .collect()
            } else {
                Vec::new()
            };
            if let Some(unit) = keep {
                let units = report_row_units(s);
                follow(&mut s.reports.cursor, units.into_iter(), unit);
            }
            refit(s);
        }
        ReportEvent::Changed(r) => {
            s.say(
                Tone::Good,
                format!(
                    "{} {} · {}: {}",
                    t.saved,
                    s.unit_label(&r.unit),
                    r.period,
                    r.status.label(s.lang)
                ),
            );
            let was_open = s.form.take().is_some();
            let decided = matches!(r.status, Status::Approved | Status::Returned);
            if decided && was_open && s.form_origin == Some(Screen::Dashboard) {
                return next_waiting_from_dashboard(s, &r);
            }
            if decided && !was_open {
                move_to_next_waiting(s, &r);
            }
            return vec![reports_load(s).into()];
        }
        ReportEvent::TheirVersion(r) => their_version(s, *r),
        _ => {}
    }
    vec![]
}

/// The report form and the grid, opened and saved.
fn apply_entry(s: &mut State, ev: ReportEvent) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        ReportEvent::Form {
            unit,
            period,
            report,
            previous,
            made,
            trend,
        } => {
            let loaded = (report.as_deref(), previous.as_deref());
            open_report_form(s, &unit, period, loaded, made.as_deref(), trend.as_deref());
            // A resumed draft or a palette `report` opens over Reports: if its list was never
            // loaded for what it shows, load it behind the form.
            let list = Some((s.reports.period, s.reports.status, s.reports.under.clone()));
            if s.reports.shown != list {
                return vec![reports_load(s).into()];
            }
        }
        ReportEvent::Saved { report, then } => {
            let done = format!(
                "{}: {} · {}",
                t.saved,
                s.unit_label(&report.unit),
                report.period
            );
            s.say(Tone::Good, done.clone());
            s.form = None;
            let mut fx = vec![reports_load(s).into()];
            fx.extend(step_to_unit(s, &report.unit, report.period, then, &done));
            return fx;
        }
        ReportEvent::Grid {
            period,
            units,
            reports,
        } => open_grid(s, period, units, reports),
        ReportEvent::GridSaved { saved, errors } => {
            if let Some(g) = s.grid.as_mut() {
                for r in &saved {
                    g.original[*r] = g.cells[*r].clone();
                    g.errors.remove(r);
                }
                for (r, e) in &errors {
                    g.errors.insert(*r, e.render(s.lang));
                }
            }
            let done = format!("{} {}", t.saved, reports_count(s.lang, saved.len()));
            if errors.is_empty() {
                s.say(Tone::Good, done);
            } else {
                let failed = reports_count(s.lang, errors.len());
                s.say(Tone::Bad, format!("{done}; {} {failed}", t.save_failed));
            }
        }
        _ => {}
    }
    vec![]
}

/// After a conflict the form keeps the operator's values, shows the other version beside each
/// field, and takes its revision: Ctrl-S then saves the operator's values over it on purpose.
fn their_version(s: &mut State, r: Report) {
    let t = texts(s.lang);
    let Some(f) = s.form.as_mut() else { return };
    if let Purpose::Report { revision, .. } = &mut f.purpose {
        *revision = Some(r.revision);
    }
    for fd in f
        .fields
        .iter_mut()
        .filter(|fd| fd.kind == FieldKind::Number)
    {
        let theirs = r
            .value(&fd.key)
            .map(|v| v.to_string())
            .unwrap_or_else(|| "-".into());
        fd.theirs = Some((r.updated_by.clone(), theirs));
    }
    let said = f.error.clone().unwrap_or_default();
    f.error = Some(format!(
        "{}. {}",
        said.trim_end_matches('.'),
        t.conflict_hint
    ));
}

/// "2 báo cáo", "1 report", "2 reports".
fn reports_count(lang: crate::i18n::Lang, n: usize) -> String {
    match (lang, n) {
        (crate::i18n::Lang::Vi, n) => format!("{n} báo cáo"),
        (crate::i18n::Lang::En, 1) => "1 report".to_string(),
        (crate::i18n::Lang::En, n) => format!("{n} reports"),
    }
}

/// Approving 30 reports is 30 × `v y`: the Reports cursor moves on to the next one waiting.
fn move_to_next_waiting(s: &mut State, done: &Report) {
    let vis = s.visible_reports();
    let at = s.reports.cursor.selected;
    let next = vis.iter().enumerate().skip(at + 1).find(|(_, &i)| {
        s.reports.rows.get(i).is_some_and(|r| {
            r.status == Status::Submitted && !(r.unit == done.unit && r.period == done.period)
        })
    });
    if let Some((pos, _)) = next {
        s.reports.cursor.selected = pos;
    }
}

/// From the dashboard, a decided report opens the next one waiting; after the last, the
/// dashboard again.
fn next_waiting_from_dashboard(s: &mut State, done: &Report) -> Vec<Effect> {
    let list = &s.dash.data.awaiting;
    let same = |r: &Report| r.unit == done.unit && r.period == done.period;
    let at = list.iter().position(same).map_or(0, |i| i + 1);
    let next = list
        .iter()
        .skip(at)
        .chain(list.iter().take(at))
        .find(|r| !same(r) && r.status == Status::Submitted)
        .map(|r| (r.unit.clone(), r.period));
    s.dash.data.awaiting.retain(|r| !same(r));
    let mut fx = vec![dashboard_load(s)];
    match next {
        Some((unit, period)) => fx.push(open_form(unit, period).into()),
        None => {
            s.form_origin = None;
            s.screen = Screen::Dashboard;
        }
    }
    fx
}
