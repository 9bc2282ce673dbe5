//! One task in full on the Tasks screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::app::state::State;
use crate::tui::catalogue::{date, texts};
use crate::tui::view::paint::{plain, Theme};

/// A task in full: long titles, directives, details and notes wrap rather than being cut.
pub(super) fn task_detail(
    s: &State,
    task: &crate::domain::task::Task,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = texts(s.lang);
    let named = |code: &str| {
        let plain_code = crate::domain::unit::official_code(code);
        format!("{plain_code} {}", s.unit_name(code))
            .trim_end()
            .to_string()
    };
    let due_style = if task.is_overdue(s.today) {
        theme.bad()
    } else {
        Style::default()
    };
    let mut lines = vec![
        plain(format!("#{} {}", task.id, task.title), theme.bold()),
        plain(
            format!(
                "{}: {} · {}: {} · {}: {} · {}%",
                t.due,
                date(s.lang, task.due),
                t.priority,
                task.priority.label(s.lang),
                t.status,
                task.status.label(s.lang),
                task.percent()
            ),
            due_style,
        ),
        plain(
            format!("{}: {}", t.lead, named(&task.lead_unit)),
            Style::default(),
        ),
    ];
    if !task.coordinating.is_empty() {
        let with: Vec<String> = task.coordinating.iter().map(|c| named(c)).collect();
        lines.push(plain(
            format!("{}: {}", t.with_label, with.join("; ")),
            Style::default(),
        ));
    }
    if let Some(src) = &task.source {
        lines.push(plain(
            format!("{}: {}", t.source, src.line()),
            Style::default(),
        ));
    }
    if !task.details.is_empty() {
        lines.push(plain(task.details.clone(), Style::default()));
    }
    lines.push(Line::default());
    lines.push(plain(t.log, theme.bold()));
    for e in task.log.iter().rev() {
        let pct = e.percent.map(|p| format!(" {p}%")).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    " {} {}{pct}: ",
                    crate::tui::catalogue::time(s.lang, e.at),
                    e.by
                ),
                theme.dim(),
            ),
            Span::raw(e.text.clone()),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
