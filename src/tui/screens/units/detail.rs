//! The Units screen's detail pane: the selected unit's path, dates, lineage, grades, tasks
//! and recent reports.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::app::state::State;
use crate::tui::catalogue::{date, texts};
use crate::tui::view::paint::{fit, line_at, plain, Theme};

pub(super) fn unit_detail(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let w = area.width as usize;
    let d = &s.unit_view.detail;
    let Some(u) = &d.unit else { return };
    // An empty list (a filter that matches nothing) shows no unit beside it.
    if crate::tui::app::selection::selected_unit(s).as_deref() != Some(u.code.as_str()) {
        return;
    }
    let mut lines: Vec<Line> = vec![
        plain(
            fit(&format!("{} {}", u.kind.label(s.lang), u.name), w),
            theme.bold(),
        ),
        plain(
            fit(&format!("{}: {}", t.code, u.official_code()), w),
            Style::default(),
        ),
        plain(
            fit(&format!("{}: {}", t.path, d.path.join(" › ")), w),
            Style::default(),
        ),
    ];
    lines.extend(dated_lines(s, u, w, theme));
    let cut = &s.classify.cutoffs;
    lines.push(plain(t.assessments, theme.bold()));
    for x in d.assessments.iter().take(3) {
        let g = x.grade(cut).map(|g| g.label(s.lang)).unwrap_or("-");
        let whose = if x.unit == u.code {
            String::new()
        } else {
            let code = crate::domain::unit::official_code(&x.unit);
            format!(" · {code} {}{}", s.unit_name(&x.unit), t.old_mark)
        };
        lines.push(plain(
            fit(
                &format!(
                    " {} · {} {} · {g} · {}{whose}",
                    x.year,
                    t.score,
                    x.score.map(|v| v.to_string()).unwrap_or("-".into()),
                    x.safety.label(s.lang)
                ),
                w,
            ),
            Style::default(),
        ));
    }
    lines.push(plain(t.open_tasks, theme.bold()));
    for task in d.open_tasks.iter().take(3) {
        let style = if task.is_overdue(s.today) {
            theme.bad()
        } else {
            Style::default()
        };
        lines.push(plain(
            fit(&format!(" {} {}", date(s.lang, task.due), task.title), w),
            style,
        ));
    }
    lines.push(plain(t.recent_reports, theme.bold()));
    for r in d.recent_reports.iter().take(4) {
        lines.push(plain(
            fit(&format!(" {} · {}", r.period, r.status.label(s.lang)), w),
            Style::default(),
        ));
    }
    for (i, l) in lines.into_iter().take(area.height as usize).enumerate() {
        line_at(buf, area, i as u16, l);
    }
}

/// Earlier names and parents, then the links each way with their dates.
fn dated_lines(
    s: &State,
    u: &crate::domain::unit::Unit,
    w: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    use crate::domain::unit::official_code;
    let t = texts(s.lang);
    let mut out = Vec::new();
    let mut from = u.valid_from;
    for v in &u.history {
        let span = format!(
            "{}–{}",
            from.map(|d| date(s.lang, d))
                .unwrap_or_else(|| t.open_start.into()),
            date(s.lang, v.until)
        );
        let parent = v.parent.as_deref().map(official_code).unwrap_or("-");
        out.push(plain(
            fit(
                &format!("{span}: {} {} ({parent})", v.kind.label(s.lang), v.name),
                w,
            ),
            theme.dim(),
        ));
        from = v.until.tomorrow().ok();
    }
    let span = format!(
        "{}: {} – {}",
        t.existed,
        u.valid_from
            .map(|d| date(s.lang, d))
            .unwrap_or_else(|| t.open_start.into()),
        u.valid_to
            .map(|d| date(s.lang, d))
            .unwrap_or_else(|| t.open_end.into())
    );
    out.push(plain(fit(&span, w), Style::default()));
    let split = u.successors.len() > 1;
    for (label, links, style) in [
        (t.merged_from, &u.predecessors, Style::default()),
        (t.merged_into, &u.successors, theme.bad()),
    ] {
        let Some(first) = links.first() else { continue };
        let on = first
            .on
            .map(|d| format!(" {}", date(s.lang, d)))
            .unwrap_or_default();
        out.push(plain(fit(&format!("{label}{on}:"), w), style));
        const SHOWN: usize = 6;
        for l in links.iter().take(SHOWN) {
            let name = s.unit(&l.unit).map(|r| r.name.clone()).unwrap_or_default();
            let part = if split && std::ptr::eq(links, &u.successors) {
                t.part
            } else {
                ""
            };
            let line = format!(" {} {name}{part}", official_code(&l.unit));
            out.push(plain(fit(&line, w), Style::default()));
        }
        if links.len() > SHOWN {
            out.push(plain(
                fit(&format!(" +{}", links.len() - SHOWN), w),
                theme.dim(),
            ));
        }
    }
    if u.successors.is_empty() {
        if let Some(to) = u.valid_to {
            out.push(plain(
                fit(&format!("{}: {}", t.retired_after, date(s.lang, to)), w),
                theme.bad(),
            ));
        }
    }
    out
}
