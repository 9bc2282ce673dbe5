//! The drawing primitives every screen uses: the theme, cutting text to a width, a line at
//! a row. A leaf: the screens draw with it, and the view that lays them out imports them.

use crate::domain::text::width;
use crate::tui::app::state::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

/// Colours from the 16-colour ANSI set only; with `NO_COLOR` every style is plain or bold/reverse.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    /// The cell under a text cursor: the field's own style turned inside out, so it shows on
    /// a reversed (focused) field and on a plain prompt alike.
    pub fn cursor(&self, field: Style) -> Style {
        if field.add_modifier.contains(Modifier::REVERSED) {
            Style::default().add_modifier(Modifier::UNDERLINED)
        } else {
            self.selected()
        }
    }
    /// The gutter mark of the selected row.
    pub fn marker(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn bad(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Red)
        } else {
            self.bold()
        }
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn tone(&self, t: Tone) -> Style {
        match t {
            Tone::Good => self.good(),
            Tone::Bad => self.bad(),
            Tone::Info => Style::default(),
        }
    }
}

/// Cuts or pads `s` to exactly `w` display columns. A cut ends in an ellipsis after the last
/// whole word that fits, so a reader never sees half a word ("dự báo t…"); only a single word
/// longer than half the room is cut inside.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return format!("{s}{}", " ".repeat(w - width(s)));
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut last_word_end = None;
    for c in s.chars() {
        let next = format!("{out}{c}");
        if width(&next) + 1 > w {
            if c == ' ' {
                last_word_end = Some(out.len());
            }
            break;
        }
        if c == ' ' && !out.ends_with(' ') {
            last_word_end = Some(out.len());
        }
        out = next;
    }
    if let Some(end) = last_word_end {
        let kept = out[..end].trim_end_matches([' ', ',', ';', ':', '·', '-']);
        if width(kept) * 2 >= w {
            out = kept.to_string();
        }
    }
    out.push('…');
    let pad = w.saturating_sub(width(&out));
    out + &" ".repeat(pad)
}

pub fn line_at(buf: &mut Buffer, area: Rect, row: u16, line: Line) {
    if row < area.height {
        buf.set_line(area.x, area.y + row, &line, area.width);
    }
}

pub fn plain<'a>(s: impl Into<String>, style: Style) -> Line<'a> {
    Line::from(Span::styled(s.into(), style))
}
