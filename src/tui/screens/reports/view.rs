//! Screen 3: the reports of a period, with the units still to report.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::domain::text::width;
use crate::tui::app::state::State;
use crate::tui::catalogue::{date, texts};
use crate::tui::view::paint::{fit, Theme};

use crate::tui::view::lists::*;

/// Column widths of the reports table, from every row loaded (not just the page), so the
/// columns stay put while scrolling.
fn report_columns(s: &State, w: usize) -> (usize, usize, usize) {
    let t = texts(s.lang);
    let codes = s.reports.rows.iter().map(|r| r.unit.as_str());
    let code_w = code_width(
        codes.chain(s.reports.missing.iter().map(String::as_str)),
        t.code,
    );
    let status_w = crate::domain::workflow::Status::ALL
        .iter()
        .map(|x| width(x.label(s.lang)))
        .chain([width(t.missing), width(t.status)])
        .max()
        .unwrap_or(10);
    // code, name, status, values (8), updated (16), late mark, the gaps, and the gutter.
    let fixed = code_w + status_w + 8 + 16 + width(t.late) + 7;
    (code_w, w.saturating_sub(fixed).max(10), status_w)
}

pub(crate) fn reports(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let vis = s.visible_reports();
    // The status is named only when it filters the list (f changes it, as the footer says).
    let status = match (s.reports.status, s.reports.only_not_sent) {
        (Some(x), _) => format!(" · {}: {}", t.status, x.label(s.lang)),
        (None, true) => format!(" · {}: {}", t.status, t.missing),
        (None, false) => String::new(),
    };
    let under = s
        .reports
        .under
        .as_ref()
        .map(|u| format!(" · {} {u} {}", t.under, s.unit_name(u)))
        .unwrap_or_default();
    let deadline = s
        .reports
        .deadline
        .map(|(d, _)| format!(" · {} {}", t.deadline, date(s.lang, d)))
        .unwrap_or_default();
    let heading = format!(
        "{} {}{status}{under} · {} {} · {} {}",
        t.period,
        s.reports.period,
        t.tab_reports,
        s.reports.rows.len(),
        t.missing,
        s.reports.not_sent.len()
    );
    // The deadline goes first when the line is full: the dashboard says it too.
    let full = format!("{heading}{deadline}");
    let shown = if width(&full) <= area.width as usize {
        full
    } else {
        heading
    };
    title(s, area, buf, theme, shown);
    let (code_w, name_w, status_w) = report_columns(s, area.width as usize);
    let line = |code: &str, name: &str, status: &str, values: &str, updated: &str, late: bool| {
        let code = crate::domain::unit::official_code(code);
        let mark = if late { t.late } else { "" };
        format!(
            "{} {} {} {values:>8}  {} {mark}",
            fit(code, code_w),
            fit(name, name_w),
            fit(status, status_w),
            fit(updated, 16),
        )
    };
    let header = line(t.code, t.unit, t.status, t.values, t.updated, false);
    rows(
        below(area, 1),
        buf,
        theme,
        header,
        &s.reports.cursor,
        vis.len(),
        |i| {
            let r = match s.report_item(vis[i]) {
                crate::tui::app::state::ReportItem::Report(r) => r,
                // Past the deadline every unsent row is late: the title gives the deadline and
                // the row turns red, rather than repeating a word on every row of a long list.
                crate::tui::app::state::ReportItem::Missing(code) => {
                    let late = s.reports.is_late(code, None, s.today);
                    let name = s.unit_name(code);
                    let style = if late { theme.bad() } else { theme.dim() };
                    return (line(code, &name, t.missing, "-", "", false), style);
                }
            };
            let style = match r.status {
                crate::domain::workflow::Status::Returned => theme.bad(),
                crate::domain::workflow::Status::Approved => theme.good(),
                _ => Style::default(),
            };
            let updated = crate::tui::catalogue::time(s.lang, r.updated_at);
            let late = s.reports.is_late(&r.unit, r.first_submitted_at, s.today);
            let values = r.values.len().to_string();
            let name = s.unit_name(&r.unit);
            let status = r.status.label(s.lang);
            (line(&r.unit, &name, status, &values, &updated, late), style)
        },
    );
}
