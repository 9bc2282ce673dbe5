//! Screen 4: follow-up tasks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::domain::text::width;
use crate::tui::app::state::{State, TaskFilter};
use crate::tui::catalogue::{date, texts};
use crate::tui::view::paint::{fit, Theme};

use crate::tui::view::lists::*;

pub(crate) fn tasks(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    if let Some(task) = &s.tasks.detail {
        return super::detail::task_detail(s, task, theme, area, buf);
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
