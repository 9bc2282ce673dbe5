//! Screen 1: completeness, approvals, overdue tasks, classification counts, exemplars.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::assessment::Grade;
use crate::tui::app::state::{State, AWAITING_ROWS};
use crate::tui::catalogue::{date, number, texts};
use crate::tui::view::paint::{fit, line_at, plain, Theme};

pub(crate) fn draw(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let w = area.width as usize;
    if s.empty_store {
        return draw_empty(s, theme, area, buf);
    }
    let d = &s.dash.data;
    let mut row = 0;
    let Some(c) = &d.completeness else {
        line_at(buf, area, 0, plain(t.loading, theme.dim()));
        return;
    };
    let head = format!(
        "{} {}: {} {}/{} · {} {} · {} {}",
        t.completeness,
        c.period,
        t.submitted,
        number(s.lang, c.submitted as u64),
        number(s.lang, c.expected as u64),
        t.on_time,
        number(s.lang, c.on_time as u64),
        t.deadline,
        date(s.lang, c.deadline)
    );
    line_at(buf, area, row, plain(fit(&head, w), theme.bold()));
    row += 1;
    if s.dash.drill {
        return draw_missing(s, c, theme, area, buf, row);
    }
    row = draw_bar(s, c, theme, area, buf, row);
    let cols = Halves {
        area,
        w,
        half: w / 2,
    };
    row = draw_lists(s, theme, &cols, buf, row);
    draw_results(s, theme, &cols, buf, row);
}

/// A store with nothing in it: how to begin.
fn draw_empty(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    line_at(
        buf,
        area,
        2,
        plain(format!("  {}", t.empty_title), theme.bold()),
    );
    line_at(
        buf,
        area,
        4,
        plain(format!("  {}", t.empty_sample), Default::default()),
    );
    line_at(
        buf,
        area,
        5,
        plain(format!("  {}", t.empty_add), Default::default()),
    );
}

/// The units that have not reported, to pick one.
fn draw_missing(
    s: &State,
    c: &crate::service::Completeness,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
    mut row: u16,
) {
    let t = texts(s.lang);
    let w = area.width as usize;
    line_at(
        buf,
        area,
        row,
        plain(format!("{} ({})", t.missing, c.missing.len()), theme.bad()),
    );
    row += 1;
    let h = (area.height - row) as usize;
    for (i, code) in c
        .missing
        .iter()
        .enumerate()
        .skip(s.dash.cursor.offset)
        .take(h)
    {
        let style = if i == s.dash.cursor.selected {
            theme.selected()
        } else {
            Default::default()
        };
        let shown = crate::domain::unit::official_code(code);
        let text = format!("  {shown:<10} {}", s.unit_name_marked(code));
        line_at(buf, area, row, plain(fit(&text, w), style));
        row += 1;
    }
}

/// The share submitted as a bar, then conflicts waiting or the share over earlier periods.
fn draw_bar(
    s: &State,
    c: &crate::service::Completeness,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
    mut row: u16,
) -> u16 {
    let (t, d, w) = (texts(s.lang), &s.dash.data, area.width as usize);
    let pct = (c.submitted * 100).checked_div(c.expected).unwrap_or(100);
    let bar_w = 40;
    let filled = pct * bar_w / 100;
    line_at(
        buf,
        area,
        row,
        Line::from(vec![
            Span::styled("█".repeat(filled), theme.good()),
            Span::styled("░".repeat(bar_w - filled), theme.dim()),
            Span::raw(format!(
                " {pct}%  {} {} · {} {}",
                t.missing,
                c.missing.len(),
                t.awaiting,
                c.awaiting_approval
            )),
        ]),
    );
    row += 1;
    if d.conflicts > 0 {
        let text = format!("(!) {} {} — :conflicts", d.conflicts, t.conflicts_waiting);
        line_at(buf, area, row, plain(fit(&text, w), theme.bad()));
    } else if d.completeness_trend.iter().flatten().count() > 1 {
        // How this period compares with the ones before: a dozen cells.
        let spark = crate::tui::view::spark::sparkline(&d.completeness_trend);
        let text = format!("{} {spark}", t.completeness_trend);
        line_at(buf, area, row, plain(fit(&text, w), theme.dim()));
    }
    row += 1;
    row
}

/// The dashboard's two columns.
struct Halves {
    area: Rect,
    w: usize,
    half: usize,
}

impl Halves {
    fn left(&self, buf: &mut Buffer, r: u16, text: String, style: Style) {
        let area = Rect {
            width: self.half as u16,
            ..self.area
        };
        line_at(buf, area, r, plain(fit(&text, self.half), style))
    }

    fn right(&self, buf: &mut Buffer, r: u16, text: String, style: Style) {
        let area = Rect {
            x: self.area.x + self.half as u16,
            width: (self.w - self.half) as u16,
            ..self.area
        };
        line_at(buf, area, r, plain(fit(&text, self.w - self.half), style))
    }
}

/// Reports waiting (or returned, for an operator) on the left; tasks new or overdue on the right.
fn draw_lists(s: &State, theme: Theme, cols: &Halves, buf: &mut Buffer, mut row: u16) -> u16 {
    let (t, d) = (texts(s.lang), &s.dash.data);
    let inbox = crate::tui::screens::dashboard::inbox(s);
    // Empty lists share one dangling pointer: the role says which list this is.
    let title = if s.role == Some(crate::domain::account::Role::Operator) {
        format!("{} ({})", t.returned_inbox, inbox.len())
    } else {
        awaiting_title(t, d)
    };
    cols.left(buf, row, title, theme.bold());
    // An operator's new tasks come first, marked, then the overdue ones.
    let tasks: Vec<(&crate::domain::task::Task, bool)> = d
        .new_tasks
        .iter()
        .map(|x| (x, true))
        .chain(
            d.overdue
                .iter()
                .filter(|x| !d.new_tasks.iter().any(|n| n.id == x.id))
                .map(|x| (x, false)),
        )
        .collect();
    let heading = if d.new_tasks.is_empty() {
        format!(
            "{} ({}) · {} {}",
            t.overdue_short,
            d.overdue.len(),
            d.due_week.len(),
            t.due_week
        )
    } else {
        format!(
            "{} ({}) · {} ({})",
            t.new_tasks,
            d.new_tasks.len(),
            t.overdue_short,
            d.overdue.len()
        )
    };
    cols.right(buf, row, heading, theme.bold());
    row += 1;
    let cur = &s.dash.cursor;
    for i in 0..AWAITING_ROWS as u16 {
        let at = cur.offset + i as usize;
        if let Some(r) = inbox.get(at) {
            let (mark, style) = if at == cur.selected {
                ("▶", theme.selected())
            } else {
                (" ", Default::default())
            };
            let text = format!("{mark}{} {}", r.period, s.unit_label(&r.unit));
            cols.left(buf, row + i, text, style);
        }
        if let Some((task, new)) = tasks.get(i as usize) {
            let (mark, style) = if *new {
                ("+", theme.bold())
            } else {
                (" ", theme.bad())
            };
            let text = format!(
                "{mark}{} {} {}",
                date(s.lang, task.due),
                crate::domain::unit::official_code(&task.lead_unit),
                task.title
            );
            cols.right(buf, row + i, text, style);
        }
    }
    row += AWAITING_ROWS as u16 + 1;
    row
}

/// Last year's classification counts, and this year's exemplars.
fn draw_results(s: &State, theme: Theme, cols: &Halves, buf: &mut Buffer, mut row: u16) {
    let (t, d) = (texts(s.lang), &s.dash.data);
    let year = s.today.year();
    let counts: Vec<String> = Grade::ALL
        .iter()
        .zip(d.grade_counts)
        .map(|(g, n)| format!("{} {n}", g.label(s.lang)))
        .collect();
    cols.left(
        buf,
        row,
        format!("{} {}", t.classification_of, year - 1),
        theme.bold(),
    );
    cols.right(
        buf,
        row,
        format!("{} {year} ({})", t.exemplars_of, d.exemplars.len()),
        theme.bold(),
    );
    row += 1;
    cols.left(
        buf,
        row,
        format!(" {}", counts[..2].join(" · ")),
        Default::default(),
    );
    cols.left(
        buf,
        row + 1,
        format!(" {}", counts[2..].join(" · ")),
        Default::default(),
    );
    for (i, e) in d.exemplars.iter().take(5).enumerate() {
        cols.right(
            buf,
            row + i as u16,
            // The state first, so a long name never hides it.
            format!(" {} · {}", e.status.label(s.lang), s.unit_label(&e.unit)),
            Default::default(),
        );
    }
    if d.exemplars.is_empty() {
        cols.right(buf, row, format!(" {}", t.none), theme.dim());
    }
}

/// "Waiting for approval (397)": every report waiting in the period, and how many of them the
/// list holds when it holds fewer.
fn awaiting_title(
    t: &crate::tui::catalogue::Texts,
    d: &crate::tui::app::state::DashboardData,
) -> String {
    let total = d.completeness.as_ref().map_or(d.awaiting.len(), |c| {
        c.awaiting_approval.max(d.awaiting.len())
    });
    if total > d.awaiting.len() {
        format!(
            "{} ({total}; {} {})",
            t.awaiting,
            t.first_listed,
            d.awaiting.len()
        )
    } else {
        format!("{} ({total})", t.awaiting)
    }
}
