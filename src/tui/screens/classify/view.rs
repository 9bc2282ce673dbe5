//! Screen 5: classification and exemplars, or the units with no assessment.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::domain::assessment::Grade;
use crate::domain::text::width;
use crate::tui::app::state::State;
use crate::tui::catalogue::texts;
use crate::tui::view::paint::{fit, Theme};

use crate::tui::view::lists::*;

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

pub(crate) fn classify(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
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
