//! Drawing the exchange overlays: the roll-up summary and the bundle conflicts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::{fit, Theme};
use crate::tui::app::state::{Overlay, State};
use crate::tui::catalogue::texts;

/// Where an overlay box goes: over the whole body, between the tabs and the message row, so
/// nothing of the screen behind shows cut at its edges.
pub(crate) fn overlay_rect(area: Rect) -> Rect {
    Rect {
        x: 0,
        y: 1,
        width: area.width,
        height: area.height.saturating_sub(3),
    }
}

/// Draws the overlay if it is one of these; false otherwise.
pub fn draw(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) -> bool {
    let rect = overlay_rect(area);
    match &s.overlay {
        Overlay::Summary {
            title,
            lines,
            scroll,
            ..
        } => {
            text_box(rect, buf, title, lines, *scroll, texts(s.lang).none);
            true
        }
        Overlay::Conflicts { items, selected } => {
            conflicts(s, theme, rect, buf, items, *selected);
            true
        }
        _ => false,
    }
}

/// A titled, scrollable box of text lines, for the summary and the audit history. The scroll
/// stops where the last line shows.
pub(crate) fn text_box(
    rect: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: &[String],
    scroll: usize,
    empty: &str,
) {
    Clear.render(rect, buf);
    let inner = rect.height.saturating_sub(2) as usize;
    let w = rect.width.saturating_sub(2) as usize;
    // Long lines wrap, their continuation indented, so nothing is cut at 80 columns.
    let wrapped: Vec<String> = lines.iter().flat_map(|l| wrap(l, w)).collect();
    let start = scroll.min(wrapped.len().saturating_sub(inner));
    let mut shown: Vec<Line> = wrapped
        .iter()
        .skip(start)
        .take(inner)
        .map(|l| Line::from(fit(l, w)))
        .collect();
    if shown.is_empty() {
        shown.push(Line::from(empty.to_string()));
    }
    Paragraph::new(shown)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", fit(title, w.saturating_sub(2)))),
        )
        .render(rect, buf);
}

fn conflicts(
    s: &State,
    theme: Theme,
    rect: Rect,
    buf: &mut Buffer,
    items: &[crate::service::ConflictInfo],
    selected: usize,
) {
    let t = texts(s.lang);
    Clear.render(rect, buf);
    let w = rect.width.saturating_sub(2) as usize;
    let inner = rect.height.saturating_sub(2) as usize;
    // The list takes up to a third of the box; the chosen conflict's two versions fill the rest.
    let list_h = items.len().min(inner / 3).max(1);
    let first = selected.saturating_sub(list_h - 1);
    let mut lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(list_h)
        .map(|(i, c)| {
            let text = fit(
                &format!("{} ({} {})", c.entity, t.conflict_from, c.origin),
                w.saturating_sub(2),
            );
            if i == selected {
                Line::from(vec![
                    Span::styled("▶ ", theme.marker()),
                    Span::styled(text, theme.bold()),
                ])
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect();
    lines.push(Line::from(""));
    if let Some(c) = items.get(selected) {
        let half = w.saturating_sub(1) / 2;
        lines.push(Line::from(vec![
            Span::styled(fit(t.conflict_local, half), theme.bold()),
            Span::raw(" "),
            Span::styled(fit(t.conflict_incoming, half), theme.bold()),
        ]));
        for f in &c.fields {
            let label = f.label(s.lang);
            let style = if f.local == f.incoming {
                theme.dim()
            } else {
                theme.bold()
            };
            let side = |v: &str| fit(&format!("{label}: {}", f.shown(v, s.lang)), half);
            lines.push(Line::from(vec![
                Span::styled(side(&f.local), style),
                Span::raw(" "),
                Span::styled(side(&f.incoming), style),
            ]));
        }
    }
    Paragraph::new(lines.into_iter().take(inner).collect::<Vec<_>>())
        .block(Block::default().borders(Borders::ALL).title(format!(
            " {} ({}) ",
            t.conflicts_title,
            items.len()
        )))
        .render(rect, buf);
}

/// `text` in lines at most `cols` wide, broken at spaces; later lines are indented two.
pub(crate) fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.to_string();
    let mut first = true;
    while !rest.is_empty() {
        let room = if first { cols } else { cols.saturating_sub(2) }.max(1);
        let (line, more) = super::split_at_width(&rest, room);
        let line = if first { line } else { format!("  {line}") };
        out.push(line);
        rest = more.trim_start().to_string();
        first = false;
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}
