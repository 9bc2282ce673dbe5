//! Screens 2–5: the unit tree with its detail pane, reports, tasks and classification.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{fit, line_at, plain, Theme};
use crate::domain::assessment::Grade;
use crate::domain::text::width;
use crate::tui::app::state::{Cursor, State, TaskFilter};
use crate::tui::catalogue::{date, number, texts};

/// Draws rows `cursor.offset..` of a list below a header line. The selected row is marked in
/// a one-column gutter and its first word (the code) is reversed: moving the selection then
/// repaints a dozen cells instead of two whole rows, which matters on a slow link.
fn rows(
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    header: String,
    cursor: &Cursor,
    n: usize,
    mut row: impl FnMut(usize) -> (String, Style),
) {
    let w = area.width as usize;
    let text_w = w.saturating_sub(1);
    line_at(
        buf,
        area,
        0,
        plain(format!(" {}", fit(&header, text_w)), theme.bold()),
    );
    let h = area.height.saturating_sub(1) as usize;
    for (line, i) in (cursor.offset..n).take(h).enumerate() {
        let (text, style) = row(i);
        let text = fit(&text, text_w);
        let spans = if i == cursor.selected {
            let (key, rest) = split_key(&text);
            vec![
                Span::styled("▶", theme.marker()),
                Span::styled(key, theme.selected()),
                Span::styled(rest, style),
            ]
        } else {
            vec![Span::raw(" "), Span::styled(text, style)]
        };
        line_at(buf, area, line as u16 + 1, Line::from(spans));
    }
}

/// Splits a row after its first word that has a letter or digit (the code), keeping any
/// leading marks and indentation with it.
fn split_key(text: &str) -> (String, String) {
    let mut seen = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            seen = true;
        } else if seen && c == ' ' {
            return (text[..i].to_string(), text[i..].to_string());
        }
    }
    (text.to_string(), String::new())
}

fn title(s: &State, area: Rect, buf: &mut Buffer, theme: Theme, text: String) {
    let t = texts(s.lang);
    let f = s.filter();
    let text = if f.is_empty() {
        text
    } else {
        format!("{text} · {}: {f}", t.filter)
    };
    line_at(
        buf,
        area,
        0,
        plain(fit(&text, area.width as usize), theme.dim()),
    );
}

fn below(area: Rect, skip: u16) -> Rect {
    Rect {
        y: area.y + skip,
        height: area.height.saturating_sub(skip),
        ..area
    }
}

pub fn units(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let vis = s.visible_units();
    // Units matching the filter, or every unit listed (not only the rows of open branches).
    let listed = if s.filter().is_empty() {
        s.units.iter().filter(|u| s.unit_listed(u)).count()
    } else {
        vis.len()
    };
    let which = if s.unit_view.show_ended {
        t.units_with_old
    } else {
        t.units_today
    };
    title(
        s,
        area,
        buf,
        theme,
        format!(
            "{} ({}) · {which}",
            t.tab_units,
            number(s.lang, listed as u64)
        ),
    );
    let list_w = 44.min(area.width);
    let list = Rect {
        width: list_w,
        ..below(area, 1)
    };
    rows(
        list,
        buf,
        theme,
        format!("{} / {}", t.code, t.name),
        &s.unit_view.cursor,
        vis.len(),
        |i| {
            let u = &s.units[vis[i]];
            let mark = if !u.has_children {
                " "
            } else if s.unit_view.expanded.contains(&u.code) {
                "▾"
            } else {
                "▸"
            };
            let indent = if s.filter().is_empty() {
                "  ".repeat(u.depth.min(6))
            } else {
                String::new()
            };
            let style = if u.retired {
                theme.dim()
            } else {
                Style::default()
            };
            let old = if u.retired { t.old_mark } else { "" };
            (
                format!(
                    "{indent}{mark} {} {}{old}",
                    crate::domain::unit::official_code(&u.code),
                    u.name
                ),
                style,
            )
        },
    );
    let detail = Rect {
        x: area.x + list_w + 1,
        width: area.width.saturating_sub(list_w + 1),
        ..below(area, 1)
    };
    super::unit_detail::unit_detail(s, theme, detail, buf);
}

/// The width of a code column: its longest code as users see it, or its header.
fn code_width<'a>(codes: impl Iterator<Item = &'a str>, header: &str) -> usize {
    codes
        .map(|c| width(crate::domain::unit::official_code(c)))
        .chain([width(header)])
        .max()
        .unwrap_or(5)
        .min(20)
}

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

pub fn reports(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
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

pub fn tasks(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    if let Some(task) = &s.tasks.detail {
        return super::task_detail::task_detail(s, task, theme, area, buf);
    }
    let vis = s.visible_tasks();
    let mut flags = vec![match s.tasks.status {
        TaskFilter::Open => t.filter_open,
        TaskFilter::Only(x) => x.label(s.lang),
        TaskFilter::All => t.all,
    }
    .to_string()];
    if s.tasks.overdue_only {
        flags.push(t.filter_overdue.into());
    }
    if s.tasks.mine {
        flags.push(t.filter_mine.into());
    }
    title(
        s,
        area,
        buf,
        theme,
        format!("{} ({}) · {}", t.tab_tasks, vis.len(), flags.join(" · ")),
    );
    let code_w = code_width(s.tasks.rows.iter().map(|x| x.lead_unit.as_str()), t.lead);
    // The overdue column only when a listed task is overdue.
    let any_over = s.tasks.rows.iter().any(|x| x.is_overdue(s.today));
    let flag_w = if any_over { width(t.overdue) + 1 } else { 0 };
    let header = format!(
        "{:>4} {:<10} {}{} {:>4} {}",
        "#",
        t.due,
        " ".repeat(flag_w),
        fit(t.lead, code_w),
        "%",
        t.task
    );
    rows(
        below(area, 1),
        buf,
        theme,
        header,
        &s.tasks.cursor,
        vis.len(),
        |i| {
            let x = &s.tasks.rows[vis[i]];
            let over = x.is_overdue(s.today);
            let flag = if over { t.overdue } else { "" };
            let style = if over { theme.bad() } else { Style::default() };
            (
                format!(
                    "{:>4} {:<10} {}{} {:>4} {}",
                    x.id,
                    date(s.lang, x.due),
                    fit(flag, flag_w),
                    fit(crate::domain::unit::official_code(&x.lead_unit), code_w),
                    x.percent(),
                    x.title
                ),
                style,
            )
        },
    );
}

/// `f` on Classify: the units still without an assessment for the year.
fn missing_assessments(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let missing = s.missing_assessments();
    let head = format!(
        "{} {} · {} ({})",
        t.year,
        s.classify.year,
        t.not_assessed,
        missing.len()
    );
    title(s, area, buf, theme, head);
    let header = format!("  {:<10} {}", t.code, t.unit);
    rows(
        below(area, 1),
        buf,
        theme,
        header,
        &s.classify.cursor,
        missing.len(),
        |i| {
            let code = &missing[i];
            let shown = crate::domain::unit::official_code(code);
            (format!("  {shown:<10} {}", s.unit_name(code)), theme.dim())
        },
    );
}

pub fn classify(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    if s.classify.missing_only {
        return missing_assessments(s, theme, area, buf);
    }
    let t = texts(s.lang);
    let vis = s.visible_assessments();
    let c = &s.classify;
    let mut counts = [0usize; 4];
    for x in &c.rows {
        if let Some(g) = x.grade(&c.cutoffs) {
            counts[Grade::ALL.iter().position(|v| *v == g).unwrap_or(0)] += 1;
        }
    }
    let counts: Vec<String> = Grade::ALL
        .iter()
        .zip(counts)
        .map(|(g, n)| format!("{} {n}", g.label(s.lang)))
        .collect();
    title(
        s,
        area,
        buf,
        theme,
        format!(
            "{} {} · {} · {} {}: {}",
            t.year,
            c.year,
            counts.join(" · "),
            t.exemplars_of,
            c.year + 1,
            c.exemplars_next.len()
        ),
    );
    let code_w = code_width(c.rows.iter().map(|x| x.unit.as_str()), t.code);
    // The name takes what the other columns leave, so the status column is never cut.
    let status_w = crate::domain::workflow::Status::ALL
        .iter()
        .map(|x| width(x.label(s.lang)))
        .chain([width(t.status)])
        .max()
        .unwrap_or(10);
    let fixed = 2 + code_w + 1 + 1 + 5 + 1 + 11 + 1 + 9 + 1 + status_w + 1;
    let name_w = (area.width as usize).saturating_sub(fixed).clamp(12, 40);
    let header = format!(
        "  {} {} {:>5} {:<11} {:<9} {}",
        fit(t.code, code_w),
        fit(t.unit, name_w),
        t.score,
        t.grade,
        t.safety,
        t.status
    );
    let chosen: std::collections::HashSet<&str> =
        c.exemplars_next.iter().map(|e| e.unit.as_str()).collect();
    rows(
        below(area, 1),
        buf,
        theme,
        header,
        &c.cursor,
        vis.len(),
        |i| {
            let x = &c.rows[vis[i]];
            let mark = if c.marked.contains(&x.unit) {
                "✓"
            } else if chosen.contains(x.unit.as_str()) {
                "★"
            } else {
                " "
            };
            let g = x.grade(&c.cutoffs);
            let style = if g == Some(Grade::Excellent) {
                theme.good()
            } else if g == Some(Grade::Weak) {
                theme.bad()
            } else {
                Style::default()
            };
            let gl = g.map(|g| g.label(s.lang)).unwrap_or("-");
            (
                format!(
                    "{mark} {} {} {:>5} {} {} {}",
                    fit(crate::domain::unit::official_code(&x.unit), code_w),
                    fit(&s.unit_name(&x.unit), name_w),
                    x.score.map(|v| v.to_string()).unwrap_or("-".into()),
                    fit(gl, 11),
                    fit(x.safety.label(s.lang), 9),
                    x.status.label(s.lang)
                ),
                style,
            )
        },
    );
}
