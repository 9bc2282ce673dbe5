//! Forms and the grid entry table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::chrome::edited_text;
use super::{fit, line_at, plain, Theme};
use crate::domain::text::width;
use crate::tui::app::state::{GridView, State};
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{suggest, Field, FieldKind, Form};

/// Columns a field's value needs at least, beside what follows it.
fn value_need(kind: &FieldKind) -> usize {
    match kind {
        FieldKind::Number => 11,
        FieldKind::Date | FieldKind::Unit => 12,
        FieldKind::Choice(opts) => opts.iter().map(|o| width(o)).max().unwrap_or(4) + 4,
        FieldKind::Text => 24,
    }
}

/// The label column: the longest label and its `*`, unless that leaves a value too little room.
fn label_width(f: &Form, w: usize) -> usize {
    let longest = f
        .fields
        .iter()
        .map(|x| width(&x.label) + 1)
        .max()
        .unwrap_or(8);
    let need = f
        .fields
        .iter()
        .filter(|x| x.kind != FieldKind::Text)
        .map(|x| value_need(&x.kind))
        .max()
        .unwrap_or(11);
    longest.min(w.saturating_sub(need + 2)).max(8)
}

/// What follows a field's value: its error, or the previous period's value and the sparkline
/// of the periods before it, from the first one reported. When `room` is short the sparkline
/// keeps its latest periods.
fn field_tail(prev: &str, fd: &Field, room: usize) -> Option<(String, bool)> {
    if let Some(e) = &fd.error {
        return Some((format!(" {e}"), true));
    }
    // After a clash each field shows the other person's value beside mine: ≠ where they differ.
    if let Some((who, theirs)) = &fd.theirs {
        let mine = if fd.value.is_empty() { "-" } else { &fd.value };
        let differs = mine != theirs;
        if !differs && theirs == "-" {
            return None;
        }
        let sign = if differs { "≠" } else { "=" };
        return Some((format!(" {sign} {who}: {theirs}"), differs));
    }
    let before = if fd.hint.is_empty() {
        String::new()
    } else {
        format!(" {prev}: {}", fd.hint)
    };
    let first = fd.history.iter().position(Option::is_some);
    let history = first.map_or(&[][..], |i| &fd.history[i..]);
    let cells = room.saturating_sub(width(&before) + 1).min(history.len());
    let spark = super::spark::sparkline(&history[history.len() - cells..]);
    match (before.is_empty(), spark.is_empty()) {
        (true, true) => None,
        (_, true) => Some((before, false)),
        _ => Some((format!("{before} {spark}"), false)),
    }
}

pub fn form(s: &State, f: &Form, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let w = area.width as usize;
    // A long unit name takes a second row rather than being cut.
    let (head, rest) = super::split_at_width(&f.title, w);
    line_at(buf, area, 0, plain(fit(&head, w), theme.bold()));
    let mut row = 1;
    if !rest.trim().is_empty() {
        line_at(buf, area, 1, plain(fit(rest.trim_start(), w), theme.bold()));
        row = 2;
    }
    // The form's message wraps (a clash says who saved and what Ctrl-S and Esc do).
    if let Some(e) = &f.error {
        for line in super::chrome::wrap_lines(e, w, 3) {
            line_at(buf, area, row, plain(fit(&line, w), theme.bad()));
            row += 1;
        }
    }
    let label_w = label_width(f, w);
    let avail = area.height.saturating_sub(row) as usize;
    // Keep the focused field in view when a long form does not fit.
    let start = f.focus.saturating_sub(avail.saturating_sub(4));
    for (i, fd) in f.fields.iter().enumerate().skip(start) {
        if row >= area.height {
            break;
        }
        let focused = i == f.focus;
        let room = w.saturating_sub(label_w + 2);
        let tail = field_tail(t.previous, fd, room.saturating_sub(value_need(&fd.kind)));
        let value_w = match (&tail, fd.kind == FieldKind::Text) {
            (None, true) => room,
            (Some((x, _)), true) => room.saturating_sub(width(x)).max(value_need(&fd.kind)),
            _ => value_need(&fd.kind).min(room),
        };
        // A text field squeezed by long labels (a report's narrative) takes the next line whole.
        let own_line = fd.kind == FieldKind::Text && value_w < 40 && w > 40;
        let marker = if focused {
            Span::styled("▶", theme.marker())
        } else {
            Span::raw(" ")
        };
        let star = if fd.required { "*" } else { " " };
        let label = format!("{}{star}", fd.label);
        if own_line {
            line_at(
                buf,
                area,
                row,
                Line::from(vec![marker, Span::raw(fit(&label, w - 1))]),
            );
            row += 1;
            if row >= area.height {
                break;
            }
            // A paragraph (the narrative) wraps over the rows left, up to six, and scrolls
            // down with the cursor.
            let rows = (area.height.saturating_sub(row) as usize).min(NARRATIVE_ROWS);
            let editing = focused && !f.read_only;
            for line in wrapped_value(fd, editing, (w - 3, rows), theme) {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(line);
                line_at(buf, area, row, Line::from(spans));
                row += 1;
            }
            continue;
        }
        let mut spans = vec![marker, Span::raw(format!("{} ", fit(&label, label_w)))];
        spans.extend(value_spans(fd, focused && !f.read_only, value_w, theme));
        if let Some((x, bad)) = tail {
            let rest = w.saturating_sub(label_w + 2 + value_w);
            let style = if bad { theme.bad() } else { theme.dim() };
            spans.push(Span::styled(fit(&x, rest).trim_end().to_string(), style));
        }
        line_at(buf, area, row, Line::from(spans));
        row += 1;
        if focused && fd.kind == FieldKind::Unit {
            for u in suggest(&s.units, &fd.value, 4) {
                if row >= area.height {
                    break;
                }
                line_at(
                    buf,
                    area,
                    row,
                    plain(
                        fit(
                            &format!(
                                "{}  → {} {}",
                                " ".repeat(label_w),
                                crate::domain::unit::official_code(&u.code),
                                u.name
                            ),
                            w,
                        ),
                        theme.dim(),
                    ),
                );
                row += 1;
            }
        }
    }
}

/// Rows a paragraph field may take.
const NARRATIVE_ROWS: usize = 6;

/// A text value word-wrapped to `cols`, at most `rows` rows: the rows around the cursor when
/// editing (the cursor drawn where it is), else the first rows, the last cut when more follow.
fn wrapped_value(
    fd: &Field,
    editing: bool,
    (cols, rows): (usize, usize),
    theme: Theme,
) -> Vec<Vec<Span<'static>>> {
    // Each row's text and the char index in the value where it starts.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let (mut rest, mut at) = (fd.value.as_str(), 0);
    while !rest.is_empty() {
        let (line, after) = super::split_at_width(rest, cols.saturating_sub(1).max(1));
        let taken = line.chars().count();
        let trimmed = after.trim_start();
        lines.push((at, line));
        at += taken + (after.chars().count() - trimmed.chars().count());
        rest = trimmed;
    }
    let cursor = crate::tui::forms::line_edit::cursor_at(&fd.value, fd.cursor);
    if lines.is_empty() {
        lines.push((0, String::new()));
    }
    let on = lines
        .iter()
        .rposition(|(start, _)| *start <= cursor)
        .unwrap_or(0);
    let first = if editing {
        (on + 1).saturating_sub(rows)
    } else {
        0
    };
    let shown = lines.len().min(first + rows);
    (first..shown)
        .map(|i| {
            let (start, text) = &lines[i];
            let more_below = !editing && i + 1 == shown && shown < lines.len();
            if more_below {
                return vec![Span::raw(format!("{text}…"))];
            }
            if !editing || i != on {
                return vec![Span::raw(text.clone())];
            }
            let chars: Vec<char> = text.chars().collect();
            let k = (cursor - start).min(chars.len());
            let before: String = chars[..k].iter().collect();
            match chars.get(k) {
                None => vec![Span::styled(format!("{before}_"), theme.selected())],
                Some(c) => vec![
                    Span::styled(before, theme.selected()),
                    Span::styled(c.to_string(), theme.cursor(theme.selected())),
                    Span::styled(chars[k + 1..].iter().collect::<String>(), theme.selected()),
                ],
            }
        })
        .collect()
}

/// A field's value `cols` wide. The focused field is marked in the gutter and only its text is
/// reversed, so moving between fields repaints a few cells rather than two whole lines.
fn value_spans(fd: &Field, focused: bool, cols: usize, theme: Theme) -> Vec<Span<'static>> {
    if let FieldKind::Choice(_) = fd.kind {
        let shown = format!("‹ {} ›", fd.shown());
        return pad_focused(fit(&shown, cols), width(&shown), focused, theme);
    }
    if !focused {
        return vec![Span::raw(fit(&fd.value, cols))];
    }
    let mut spans = edited_text(&fd.value, fd.cursor, cols, theme.selected(), theme);
    let used: usize = spans.iter().map(|x| width(&x.content)).sum();
    spans.push(Span::raw(" ".repeat(cols.saturating_sub(used))));
    spans
}

fn pad_focused(value: String, used: usize, focused: bool, theme: Theme) -> Vec<Span<'static>> {
    if !focused {
        return vec![Span::raw(value)];
    }
    let (text, pad) = split_cols(&value, used.max(1));
    vec![Span::styled(text, theme.selected()), Span::raw(pad)]
}

/// Splits a padded string after `cols` display columns.
fn split_cols(s: &str, cols: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += w;
    }
    (s.to_string(), String::new())
}

pub fn grid(s: &State, g: &GridView, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let w = area.width as usize;
    line_at(
        buf,
        area,
        0,
        plain(
            fit(
                &format!(
                    "{} · {} {} · {} {}",
                    t.grid,
                    t.period,
                    g.period,
                    g.units.len(),
                    t.unit.to_lowercase()
                ),
                w,
            ),
            theme.bold(),
        ),
    );
    let unit_w = 24;
    let cell_w = 7;
    let ncols = (w.saturating_sub(unit_w + 2) / (cell_w + 1)).max(1);
    let col_start = if g.col >= ncols { g.col + 1 - ncols } else { 0 };
    // Columns are numbered; the current column's whole label is on the last row. A ‹ or ›
    // says more columns are beside, reached with ←→.
    let more_left = if col_start > 0 { "‹" } else { " " };
    let mut head = vec![Span::styled(
        fit(&format!("{} {more_left}", t.unit), unit_w),
        theme.bold(),
    )];
    for n in (col_start..g.indicators.len()).take(ncols) {
        head.push(Span::styled(format!(" {:>cell_w$}", n + 1), theme.bold()));
    }
    if col_start + ncols < g.indicators.len() {
        head.push(Span::styled(" ›", theme.bold()));
    }
    line_at(buf, area, 1, Line::from(head));
    let label = g
        .indicators
        .get(g.col)
        .map(|i| format!("{}/{} {}", g.col + 1, g.indicators.len(), i.label(s.lang)))
        .unwrap_or_default();
    let h = area.height.saturating_sub(3) as usize;
    for (line, r) in (g.row_offset..g.units.len()).take(h).enumerate() {
        let dirty = g.cells[r] != g.original[r];
        let mark = if dirty { "*" } else { " " };
        let name = format!("{mark}{}", s.unit_label(&g.units[r]));
        let row_style = if g.locked[r] {
            theme.dim()
        } else if g.errors.contains_key(&r) {
            theme.bad()
        } else {
            Style::default()
        };
        let mut spans = vec![Span::styled(fit(&name, unit_w), row_style)];
        for c in (col_start..g.indicators.len()).take(ncols) {
            let v = &g.cells[r][c];
            let style = if r == g.row && c == g.col {
                theme.selected()
            } else {
                row_style
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(format!("{v:>cell_w$}"), style));
        }
        line_at(buf, area, line as u16 + 2, Line::from(spans));
    }
    let foot = match g.errors.get(&g.row) {
        Some(e) => plain(fit(e, w), theme.bad()),
        None => plain(fit(&label, w), theme.dim()),
    };
    line_at(buf, area, area.height - 1, foot);
}
