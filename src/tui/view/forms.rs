//! Forms and the grid entry table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{fit, line_at, plain, Theme};
use crate::tui::app::state::{GridView, State};
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{suggest, FieldKind, Form};

pub fn form(s: &State, f: &Form, theme: Theme, area: Rect, buf: &mut Buffer) {
    let t = texts(s.lang);
    let w = area.width as usize;
    line_at(buf, area, 0, plain(fit(&f.title, w), theme.bold()));
    let mut row = 1;
    if let Some(e) = &f.error {
        line_at(buf, area, row, plain(fit(e, w), theme.bad()));
        row += 1;
    }
    let label_w = f
        .fields
        .iter()
        .map(|x| crate::domain::text::width(&x.label))
        .max()
        .unwrap_or(10)
        .min(34)
        + 2;
    let avail = area.height.saturating_sub(row) as usize;
    // Keep the focused field in view when a long form does not fit.
    let start = f.focus.saturating_sub(avail.saturating_sub(4));
    for (i, fd) in f.fields.iter().enumerate().skip(start) {
        if row >= area.height {
            break;
        }
        let focused = i == f.focus;
        let star = if fd.required { "*" } else { " " };
        let value_w = 14.max(w.saturating_sub(label_w + 34));
        let shown = match &fd.kind {
            FieldKind::Choice(_) => format!("‹ {} ›", fd.shown()),
            _ if focused => format!("{}_", fd.value),
            _ => fd.value.clone(),
        };
        // The focused field is marked in the gutter and only its text is reversed, so moving
        // between fields repaints a few cells rather than two whole lines.
        let value = fit(&shown, value_w);
        let (text, pad) = if focused {
            let used = crate::domain::text::width(&shown).min(value_w);
            split_cols(&value, used.max(1))
        } else {
            (value, String::new())
        };
        let mut spans = vec![
            if focused {
                Span::styled("▶", theme.marker())
            } else {
                Span::raw(" ")
            },
            Span::raw(format!(
                "{} ",
                fit(&format!("{}{star}", fd.label), label_w - 2)
            )),
            Span::styled(
                text,
                if focused {
                    theme.selected()
                } else {
                    Style::default()
                },
            ),
            Span::raw(pad),
        ];
        if let Some(e) = &fd.error {
            spans.push(Span::styled(format!(" {e}"), theme.bad()));
        } else if !fd.hint.is_empty() {
            spans.push(Span::styled(
                format!(" {}: {}", t.previous, fd.hint),
                theme.dim(),
            ));
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
                            &format!("{}  → {} {}", " ".repeat(label_w), u.code, u.name),
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
    let unit_w = 18;
    let cell_w = 7;
    let ncols = ((w - unit_w) / (cell_w + 1)).max(1);
    let col_start = if g.col >= ncols { g.col + 1 - ncols } else { 0 };
    let mut head = vec![Span::styled(fit(t.unit, unit_w), theme.bold())];
    for ind in g.indicators.iter().skip(col_start).take(ncols) {
        head.push(Span::styled(
            format!(" {}", fit(&ind.code, cell_w)),
            theme.bold(),
        ));
    }
    line_at(buf, area, 1, Line::from(head));
    let label = g
        .indicators
        .get(g.col)
        .map(|i| i.label(s.lang).to_string())
        .unwrap_or_default();
    let h = area.height.saturating_sub(3) as usize;
    for (line, r) in (g.row_offset..g.units.len()).take(h).enumerate() {
        let dirty = g.cells[r] != g.original[r];
        let name = format!(
            "{}{} {}",
            if dirty { "*" } else { " " },
            g.units[r],
            s.unit_name(&g.units[r])
        );
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
