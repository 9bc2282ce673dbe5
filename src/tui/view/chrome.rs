//! Tabs, the message and key-hint lines, overlays, and the too-small screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::{fit, line_at, plain, Theme, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::app::state::{Overlay, PromptKind, Screen, State};
use crate::tui::catalogue::texts;
use crate::tui::hints::footer;
use crate::tui::keymap::help_entries;

pub fn too_small(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let msg = format!(
        "{}: {} {MIN_WIDTH}×{MIN_HEIGHT}, {} {}×{}",
        t.too_small, t.need, t.have, area.width, area.height
    );
    let p = Paragraph::new(msg)
        .style(theme.bad())
        .wrap(Wrap { trim: true });
    p.render(area, buf);
}

pub fn tabs(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let names = [
        t.tab_dashboard,
        t.tab_units,
        t.tab_reports,
        t.tab_tasks,
        t.tab_classify,
    ];
    let mut spans = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, n);
        let style = if Screen::ALL[i] == s.screen {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    let used: usize = spans
        .iter()
        .map(|sp| crate::domain::text::width(&sp.content))
        .sum();
    let right = format!("{} ", s.user);
    let gap = (area.width as usize).saturating_sub(used + crate::domain::text::width(&right));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(right, theme.dim()));
    line_at(buf, area, 0, Line::from(spans));
}

/// Word-wraps `text` into at most `max_rows` rows of `cols` columns; the last row is cut with an
/// ellipsis only when even that many rows are not enough.
pub(super) fn wrap_lines(text: &str, cols: usize, max_rows: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let mut rest = text;
    while !rest.is_empty() && rows.len() + 1 < max_rows.max(1) {
        let (row, after) = super::split_at_width(rest, cols);
        rows.push(row);
        rest = after.trim_start();
    }
    if !rest.is_empty() {
        rows.push(rest.to_string());
    }
    rows
}

/// `text` word-wrapped onto the bottom rows (the message row, the hint row, and up as needed).
fn wrapped_from_bottom(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    let cols = area.width as usize;
    let rows = wrap_lines(text, cols, (area.height as usize).saturating_sub(3));
    let first = (area.height as usize).saturating_sub(rows.len()) as u16;
    for (i, row) in rows.into_iter().enumerate() {
        line_at(buf, area, first + i as u16, plain(fit(&row, cols), style));
    }
}

pub fn bottom(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    let msg_row = area.height - 2;
    let line = match (&s.overlay, &s.message) {
        (Overlay::Prompt { kind, text, cursor }, _) => {
            let t = texts(s.lang);
            let label = match kind {
                PromptKind::Palette => ":".to_string(),
                PromptKind::Filter => format!("{}: ", t.filter),
                PromptKind::QuickAdd => format!("{}: ", t.quick_add),
            };
            let room = (area.width as usize).saturating_sub(crate::domain::text::width(&label) + 1);
            let mut spans = vec![Span::styled(label, theme.bold())];
            spans.extend(edited_text(text, *cursor, room, Style::default(), theme));
            Line::from(spans)
        }
        // A question too long for its row goes on over the hint row and up, whole: the
        // user answers what it says.
        (Overlay::Confirm { text, .. }, _)
            if crate::domain::text::width(text) > area.width as usize =>
        {
            return wrapped_from_bottom(buf, area, text, theme.bold());
        }
        (Overlay::Confirm { text, .. }, _) => plain(text.clone(), theme.bold()),
        // A message too long for its row takes the hint row too, and rows above it when it
        // needs them, rather than being cut.
        (_, Some((tone, m))) if crate::domain::text::width(m) > area.width as usize => {
            return wrapped_from_bottom(buf, area, m, theme.tone(*tone));
        }
        (_, Some((tone, m))) => plain(m.clone(), theme.tone(*tone)),
        _ => Line::default(),
    };
    line_at(
        buf,
        area,
        msg_row,
        Line::from(Span::raw(" ".repeat(area.width as usize))),
    );
    line_at(buf, area, msg_row, line);
    // An open prompt takes the message row; a message about it (a quick add refused) goes on
    // the hint row so it is seen while the line is fixed.
    if let (Overlay::Prompt { .. }, Some((tone, m))) = (&s.overlay, &s.message) {
        let shown = fit(m, area.width as usize);
        line_at(buf, area, area.height - 1, plain(shown, theme.tone(*tone)));
        return;
    }
    // Quick add's syntax stays in view below the line being typed.
    if let Overlay::Prompt {
        kind: PromptKind::QuickAdd,
        ..
    } = &s.overlay
    {
        // The example date is the end of this month, as a user would type it.
        let day = s.today.last_of_month();
        let hint = texts(s.lang)
            .quick_add_hint
            .replace("NGÀY", &crate::domain::date::fmt_date(day))
            .replace("DATE", &crate::domain::date::fmt_date(day));
        let hint = fit(&hint, area.width as usize);
        line_at(buf, area, area.height - 1, plain(hint, theme.dim()));
        return;
    }
    let mut shown: Vec<(String, &str)> = footer(s)
        .into_iter()
        .filter_map(|h| Some((h.label()?, h.words)))
        .collect();
    // Hints that don't fit are left out whole, from the end, keeping the last (help or back):
    // `?` lists every key.
    let needs = |v: &[(String, &str)]| -> usize {
        v.iter()
            .map(|(k, w)| crate::domain::text::width(k) + 1 + crate::domain::text::width(w) + 2)
            .sum::<usize>()
            .saturating_sub(2)
    };
    while shown.len() > 2 && needs(&shown) > area.width as usize {
        shown.remove(shown.len() - 2);
    }
    let mut spans = Vec::new();
    for (i, (key, words)) in shown.iter().enumerate() {
        let gap = if i + 1 < shown.len() { "  " } else { "" };
        spans.push(Span::styled(key.clone(), theme.bold()));
        spans.push(Span::styled(format!(" {words}{gap}"), theme.dim()));
    }
    line_at(buf, area, area.height - 1, Line::from(spans));
}

pub fn overlay(s: &State, theme: Theme, area: Rect, buf: &mut Buffer) {
    if crate::tui::view::panels::draw(s, theme, area, buf) {
        return;
    }
    if let Overlay::History {
        title,
        lines,
        scroll,
    } = &s.overlay
    {
        let rect = crate::tui::view::panels::overlay_rect(area);
        let none = texts(s.lang).none;
        crate::tui::view::panels::text_box(rect, buf, title, lines, *scroll, none);
        return;
    }
    let Overlay::Help { scroll } = s.overlay else {
        return;
    };
    let t = texts(s.lang);
    let screen_mode = s.base_mode();
    let mut lines: Vec<Line> = Vec::new();
    for b in help_entries(screen_mode) {
        let label = b.key_label();
        lines.push(Line::from(vec![
            Span::styled(fit(&label, 11), theme.bold()),
            Span::raw(b.help(s.lang)),
        ]));
    }
    let rect = crate::tui::view::panels::overlay_rect(area);
    Clear.render(rect, buf);
    let inner = rect.height.saturating_sub(2) as usize;
    let total = lines.len();
    let start = scroll.min(total.saturating_sub(inner));
    let shown: Vec<Line> = lines.into_iter().skip(start).take(inner).collect();
    // The title says where the page is when there is more than one (PgDn, End).
    let title = if total > inner {
        let end = (start + inner).min(total);
        format!(" {} {}–{end}/{total} ", t.help_title, start + 1)
    } else {
        format!(" {} ", t.help_title)
    };
    Paragraph::new(shown)
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(rect, buf);
}

/// A line being edited, `room` columns wide, scrolled so the cursor shows: the cursor is `_`
/// after the text, or the character under it drawn apart from the text's own style.
pub fn edited_text(
    text: &str,
    cursor: Option<usize>,
    room: usize,
    style: Style,
    theme: Theme,
) -> Vec<Span<'static>> {
    let (before, under, after) = crate::tui::forms::line_edit::window(text, cursor, room);
    let at_end = crate::tui::forms::line_edit::cursor_at(text, cursor) >= text.chars().count();
    if at_end {
        return vec![Span::styled(format!("{before}_"), style)];
    }
    vec![
        Span::styled(before, style),
        Span::styled(under, theme.cursor(style)),
        Span::styled(after, style),
    ]
}
