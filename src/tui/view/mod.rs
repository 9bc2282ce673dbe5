//! `view(&State)`: draws the state. Nothing here changes it.

mod chrome;
mod forms;
pub(crate) mod lists;
pub(crate) mod paint;
pub(crate) mod panels;
pub mod spark;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Frame;

use crate::tui::app::state::{Screen, State};
pub use paint::{fit, line_at, plain, Theme};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn view(s: &State, theme: Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        chrome::too_small(s, theme, area, f.buffer_mut());
        return;
    }
    let buf = f.buffer_mut();
    chrome::tabs(s, theme, area, buf);
    let body = Rect {
        x: 0,
        y: 1,
        width: area.width,
        height: area.height - 3,
    };
    if let Some(g) = &s.grid {
        forms::grid(s, g, theme, body, buf);
    } else if let Some(form) = &s.form {
        forms::form(s, form, theme, body, buf);
    } else {
        match s.screen {
            Screen::Dashboard => crate::tui::screens::dashboard::view::draw(s, theme, body, buf),
            Screen::Units => crate::tui::screens::units::view::units(s, theme, body, buf),
            Screen::Reports => crate::tui::screens::reports::view::reports(s, theme, body, buf),
            Screen::Tasks => crate::tui::screens::tasks::view::tasks(s, theme, body, buf),
            Screen::Classify => crate::tui::screens::classify::view::classify(s, theme, body, buf),
        }
    }
    chrome::bottom(s, theme, area, buf);
    chrome::overlay(s, theme, area, buf);
}

/// Rewrites every cell as ASCII: Vietnamese letters lose their marks, lines become - | +.
pub fn asciify(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let sym = cell.symbol();
            if sym.is_ascii() {
                continue;
            }
            let a = to_ascii(sym);
            cell.set_symbol(&a);
        }
    }
}

pub fn to_ascii(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            '─' | '━' | '═' => '-',
            '│' | '┃' | '║' => '|',
            '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' => {
                '+'
            }
            '…' => '~',
            '█' => '#',
            // A sparkline's levels, low to high.
            '▁' => '_',
            '▂' => '.',
            '▃' => ',',
            '▄' => '-',
            '▅' => '=',
            '▆' => '+',
            '▇' => '*',
            '░' => '.',
            '★' => '*',
            '‹' => '<',
            '›' => '>',
            '→' => '>',
            '←' => '<',
            '↑' => '^',
            '↓' => 'v',
            // A collapsed or open tree node reads + and -, never like the selection's >.
            '▶' => '>',
            '▸' => '+',
            '▾' => '-',
            '·' | '•' => '-',
            '✓' | '✔' => '*',
            '–' | '—' => '-',
            '≥' => '>',
            '×' => 'x',
            c if c.is_ascii() => c,
            _ => '?',
        })
        .collect()
}

/// Draws the state into an in-memory terminal and returns its text, one line per row.
pub fn render_text(s: &State, theme: Theme, ascii: bool, w: u16, h: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut term = ratatui::Terminal::new(backend).expect("test terminal");
    term.draw(|f| {
        view(s, theme, f);
        if ascii {
            asciify(f.buffer_mut());
        }
    })
    .expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::width;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("Tân Tiến", 10), "Tân Tiến  ");
        // A cut comes after a whole word, never inside one ("Vĩnh Th…").
        assert_eq!(fit("Vĩnh Thuận Đông", 8), "Vĩnh…   ");
        assert_eq!(fit("Vĩnh Thuận Đông", 13), "Vĩnh Thuận…  ");
        assert_eq!(width(&fit("Vĩnh Thuận Đông", 8)), 8);
        // One word longer than half the room is cut inside, rather than leave the room empty.
        assert_eq!(fit("Nghĩa Thành Phú", 6), "Nghĩa…");
        assert_eq!(fit("Tuyêntruyền", 6), "Tuyên…");
    }

    #[test]
    fn ascii_transliteration() {
        assert_eq!(to_ascii("Tân Tiến"), "Tan Tien");
        assert_eq!(to_ascii("Đồng │ ─"), "Dong | -");
        // The selection, a collapsed node and an open one read differently.
        assert_eq!(to_ascii("▶▸▾"), ">+-");
    }
}

/// Splits `text` at the last space that keeps the first part within `cols` columns (or at
/// `cols` when there is none).
pub(crate) fn split_at_width(text: &str, cols: usize) -> (String, &str) {
    let mut used = 0;
    let mut cut = text.len();
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        let w = crate::domain::text::width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            cut = i;
            break;
        }
        if c == ' ' {
            last_space = Some(i);
        }
        used += w;
    }
    let at = match last_space {
        // Always take something, so callers that loop on the rest finish.
        _ if cut == 0 => text.chars().next().map_or(0, char::len_utf8),
        // The first character that does not fit is a space: the line ends right there.
        _ if text[cut..].starts_with(' ') => cut,
        Some(sp) if cut < text.len() && sp > 0 => sp,
        _ => cut,
    };
    (text[..at].to_string(), &text[at..])
}

#[cfg(test)]
mod split_tests {
    use super::*;

    #[test]
    fn splits_at_a_space_within_the_width_and_always_moves_on() {
        assert_eq!(
            split_at_width("một hai ba", 7),
            ("một hai".to_string(), " ba")
        );
        assert_eq!(split_at_width("abcdef", 3), ("abc".to_string(), "def"));
        assert_eq!(split_at_width("短い", 1), ("短".to_string(), "い"));
        assert_eq!(split_at_width("ngắn", 10), ("ngắn".to_string(), ""));
        let lines = crate::tui::view::panels::wrap("một hai ba bốn năm", 8);
        assert_eq!(lines, ["một hai", "  ba bốn", "  năm"]);
    }
}
