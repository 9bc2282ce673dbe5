//! What is selected on each screen, read from the state.

use crate::domain::period::Period;
use crate::tui::app::state::*;
use crate::tui::forms::form::Purpose;

pub(crate) fn selected_unit(s: &State) -> Option<String> {
    let vis = s.visible_units();
    vis.get(s.unit_view.cursor.selected)
        .map(|&i| s.units[i].code.clone())
}

/// The audit key of what is selected on the current screen, e.g. "report/31441/2024-03".
pub(crate) fn selected_entity(s: &State) -> Option<String> {
    if let Some(f) = &s.form {
        if let Purpose::Report { unit, period, .. } = &f.purpose {
            return Some(format!("report/{unit}/{period}"));
        }
    }
    match s.screen {
        Screen::Units => selected_unit(s).map(|c| format!("unit/{c}")),
        Screen::Reports => selected_report(s).map(|r| format!("report/{}/{}", r.unit, r.period)),
        Screen::Tasks => selected_task(s).map(|t| format!("task/{}", t.id)),
        Screen::Classify => {
            selected_assessment(s).map(|x| format!("assessment/{}/{}", x.unit, x.year))
        }
        Screen::Dashboard => None,
    }
}

pub(crate) fn selected_report(s: &State) -> Option<&crate::domain::report::Report> {
    s.visible_reports()
        .get(s.reports.cursor.selected)
        .and_then(|&i| s.reports.rows.get(i))
}

/// The unit of the selected row, whether it has a report or is missing one.
pub(crate) fn selected_report_unit(s: &State) -> Option<String> {
    let i = *s.visible_reports().get(s.reports.cursor.selected)?;
    Some(match s.report_item(i) {
        crate::tui::app::state::ReportItem::Report(r) => r.unit.clone(),
        crate::tui::app::state::ReportItem::Missing(c) => c.to_string(),
    })
}

/// Units that report for a period kind and existed during it, in tree order.
pub fn reporting_units(s: &State, p: Period) -> Vec<String> {
    reporting_units_matching(s, p, &s.filters[Screen::Reports.index()])
}

pub(crate) fn reporting_units_matching(s: &State, p: Period, filter: &str) -> Vec<String> {
    let f = crate::domain::text::fold(filter);
    s.units
        .iter()
        .filter(|u| {
            u.valid_from.is_none_or(|d| d <= p.end()) && u.valid_to.is_none_or(|d| d >= p.start())
        })
        .filter(|u| s.indicators.iter().any(|i| i.applies(u.kind, p.kind)))
        .filter(|u| f.is_empty() || u.folded.contains(&f) || u.code.starts_with(&f))
        .filter(|u| {
            s.reports
                .under
                .as_deref()
                .is_none_or(|under| s.is_within(&u.code, under))
        })
        .map(|u| u.code.clone())
        .collect()
}

pub(crate) fn selected_task(s: &State) -> Option<&crate::domain::task::Task> {
    if let Some(d) = &s.tasks.detail {
        return Some(d);
    }
    s.visible_tasks()
        .get(s.tasks.cursor.selected)
        .map(|&i| &s.tasks.rows[i])
}

pub(crate) fn selected_assessment(s: &State) -> Option<&crate::domain::assessment::Assessment> {
    s.visible_assessments()
        .get(s.classify.cursor.selected)
        .map(|&i| &s.classify.rows[i])
}

/// Puts a list's cursor back on the row `key` names after its rows were reloaded or re-sorted,
/// so a key pressed next acts on the item the operator was looking at, not on its old row.
pub(crate) fn follow<K: PartialEq>(cursor: &mut Cursor, keys: impl Iterator<Item = K>, key: K) {
    if let Some(pos) = keys.into_iter().position(|k| k == key) {
        cursor.selected = pos;
    }
}

/// The unit of each visible row of the reports list, in order.
pub(crate) fn report_row_units(s: &State) -> Vec<String> {
    s.visible_reports()
        .into_iter()
        .map(|i| match s.report_item(i) {
            ReportItem::Report(r) => r.unit.clone(),
            ReportItem::Missing(c) => c.to_string(),
        })
        .collect()
}

/// Opens the tree down to `code`, so the unit is a visible row.
pub(crate) fn reveal_unit(s: &mut State, code: &str) {
    let mut up = s.unit(code).and_then(|u| u.parent.clone());
    while let Some(p) = up {
        up = s.unit(&p).and_then(|u| u.parent.clone());
        s.unit_view.expanded.insert(p);
    }
}
