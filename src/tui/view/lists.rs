//! What the list screens (2–5) share: rows with a selection gutter, titles, code columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::paint::{fit, line_at, plain, Theme};
use crate::domain::text::width;
use crate::tui::app::state::{Cursor, State};
use crate::tui::catalogue::texts;

/// Draws rows `cursor.offset..` of a list below a header line. The selected row is marked in
/// a one-column gutter and its first word (the code) is reversed: moving the selection then
/// repaints a dozen cells instead of two whole rows, which matters on a slow link.
pub(crate) fn rows(
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
pub(crate) fn split_key(text: &str) -> (String, String) {
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

pub(crate) fn title(s: &State, area: Rect, buf: &mut Buffer, theme: Theme, text: String) {
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

pub(crate) fn below(area: Rect, skip: u16) -> Rect {
    Rect {
        y: area.y + skip,
        height: area.height.saturating_sub(skip),
        ..area
    }
}

/// The width of a code column: its longest code as users see it, or its header.
pub(crate) fn code_width<'a>(codes: impl Iterator<Item = &'a str>, header: &str) -> usize {
    codes
        .map(|c| width(crate::domain::unit::official_code(c)))
        .chain([width(header)])
        .max()
        .unwrap_or(5)
        .min(20)
}
