//! The escape sequences the lean backend sends: cursor moves, chosen by length, and SGR
//! changes from one pen to the next; and when two cells look the same on the terminal.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The SGR state of the terminal: what the next printed character will look like.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Pen {
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) underline: Color,
    pub(super) modifier: Modifier,
}

impl Pen {
    pub(super) const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub(super) fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Attributes that show on a blank cell besides its background.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// A space whose only visible attribute is its background: its foreground, boldness and so on
/// cannot be seen, so any pen with that background prints it.
pub(super) fn plain_blank(c: &Cell) -> bool {
    c.symbol() == " " && !c.modifier.intersects(VISIBLE_ON_BLANK)
}

/// The pen can print `c` (or erase to it) without changing attributes.
pub(super) fn pen_fits(p: Pen, c: &Cell) -> bool {
    if plain_blank(c) {
        p.bg == c.bg && !p.modifier.intersects(VISIBLE_ON_BLANK)
    } else {
        p == Pen::of(c)
    }
}

/// The cells look the same on the terminal.
pub(super) fn same(a: &Cell, b: &Cell) -> bool {
    if plain_blank(a) && plain_blank(b) {
        return a.bg == b.bg;
    }
    a.symbol() == b.symbol()
        && a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

/// The shortest byte sequence that moves the cursor from `from` (None: unknown) to `to`.
pub(super) fn move_bytes(from: Option<(u16, u16)>, to: (u16, u16)) -> Vec<u8> {
    let (x, y) = to;
    let absolute = match (x, y) {
        (0, 0) => "\x1b[H".to_string(),
        (0, _) => format!("\x1b[{}H", y + 1),
        _ => format!("\x1b[{};{}H", y + 1, x + 1),
    };
    let Some((cx, cy)) = from else {
        return absolute.into_bytes();
    };
    if (cx, cy) == (x, y) {
        return Vec::new();
    }
    let mut best = absolute;
    let mut consider = |s: String| {
        if s.len() < best.len() {
            best = s;
        }
    };
    let vertical = vertical_move(cy, y);
    // Keep the column, then move along the row.
    consider(format!("{vertical}{}", horizontal_move(cx, x)));
    // Carriage return first, then down/up and right.
    let right = if x == 0 {
        String::new()
    } else {
        forward(x as u32)
    };
    consider(format!("\r{vertical}{right}"));
    if cy != y {
        // Row absolute (VPA) then along the row.
        consider(format!("\x1b[{}d{}", y + 1, horizontal_move(cx, x)));
    }
    best.into_bytes()
}

pub(super) fn vertical_move(from: u16, to: u16) -> String {
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => String::new(),
        // Line feed keeps the column (raw mode) and is one byte; never used to scroll, since
        // the target row is on screen.
        std::cmp::Ordering::Greater if to - from <= 3 => "\n".repeat((to - from) as usize),
        std::cmp::Ordering::Greater => format!("\x1b[{}B", to - from),
        std::cmp::Ordering::Less if from - to == 1 => "\x1b[A".into(),
        std::cmp::Ordering::Less => format!("\x1b[{}A", from - to),
    }
}

pub(super) fn forward(n: u32) -> String {
    if n == 1 {
        "\x1b[C".into()
    } else {
        format!("\x1b[{n}C")
    }
}

pub(super) fn horizontal_move(from: u16, to: u16) -> String {
    match to.cmp(&from) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Greater => {
            let rel = forward((to - from) as u32);
            let abs = format!("\x1b[{}G", to + 1);
            if abs.len() < rel.len() {
                abs
            } else {
                rel
            }
        }
        std::cmp::Ordering::Less => {
            let n = from - to;
            let mut options = vec![format!("\x1b[{n}D"), format!("\x1b[{}G", to + 1)];
            if n <= 4 {
                options.push("\x08".repeat(n as usize));
            }
            if to == 0 {
                options.push("\r".into());
            }
            options
                .into_iter()
                .min_by_key(|s| s.len())
                .unwrap_or_default()
        }
    }
}

/// Short SGR code for a colour: 30–37 and 90–97 (40–47, 100–107) for the 16 ANSI colours.
pub(super) fn color_code(c: Color, base: u8) -> String {
    match c {
        Color::Reset => (base + 9).to_string(),
        Color::Indexed(i) if i >= 16 => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
        named => match ansi_index(named) {
            i if i < 8 => (base + i).to_string(),
            i => (base + 60 + i - 8).to_string(),
        },
    }
}

pub(super) fn underline_code(c: Color) -> String {
    match c {
        Color::Reset => "59".into(),
        Color::Rgb(r, g, b) => format!("58;2;{r};{g};{b}"),
        other => format!("58;5;{}", ansi_index(other)),
    }
}

pub(super) fn ansi_index(c: Color) -> u8 {
    match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Reset | Color::Rgb(..) => 0,
    }
}

const MODIFIER_ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

pub(super) fn sgr_params_from_reset(p: Pen) -> Vec<String> {
    let mut v: Vec<String> = MODIFIER_ON
        .iter()
        .filter(|(m, _)| p.modifier.contains(*m))
        .map(|(_, s)| s.to_string())
        .collect();
    if p.fg != Color::Reset {
        v.push(color_code(p.fg, 30));
    }
    if p.bg != Color::Reset {
        v.push(color_code(p.bg, 40));
    }
    if p.underline != Color::Reset {
        v.push(underline_code(p.underline));
    }
    v
}

pub(super) fn csi_m(params: &[String]) -> Vec<u8> {
    format!("\x1b[{}m", params.join(";")).into_bytes()
}

pub(super) fn sgr_from_reset(p: Pen) -> Vec<u8> {
    let params = sgr_params_from_reset(p);
    if params.is_empty() {
        return b"\x1b[m".to_vec();
    }
    csi_m(&[vec!["0".to_string()], params].concat())
}

/// The shorter of changing only what differs, or resetting and setting everything.
pub(super) fn sgr(from: Pen, to: Pen) -> Vec<u8> {
    if from == to {
        return Vec::new();
    }
    let mut v: Vec<String> = Vec::new();
    let removed = from.modifier - to.modifier;
    let added = to.modifier - from.modifier;
    let intensity = Modifier::BOLD | Modifier::DIM;
    let reset_intensity = removed.intersects(intensity);
    if reset_intensity {
        v.push("22".into());
    }
    for (m, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(m) {
            v.push(off.into());
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        v.push("25".into());
    }
    for (m, on) in MODIFIER_ON {
        let again = reset_intensity && intensity.contains(m) && to.modifier.contains(m);
        let blink_again = removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK)
            && (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK).contains(m)
            && to.modifier.contains(m);
        if added.contains(m) || again || blink_again {
            v.push(on.into());
        }
    }
    if from.fg != to.fg {
        v.push(color_code(to.fg, 30));
    }
    if from.bg != to.bg {
        v.push(color_code(to.bg, 40));
    }
    if from.underline != to.underline {
        v.push(underline_code(to.underline));
    }
    let incremental = csi_m(&v);
    let reset = sgr_from_reset(to);
    if reset.len() < incremental.len() {
        reset
    } else {
        incremental
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_pick_the_shortest_sequence() {
        assert_eq!(move_bytes(None, (0, 0)), b"\x1b[H");
        assert_eq!(move_bytes(None, (4, 2)), b"\x1b[3;5H");
        assert_eq!(move_bytes(Some((5, 2)), (6, 2)), b"\x1b[C");
        assert_eq!(move_bytes(Some((5, 2)), (4, 2)), b"\x08");
        assert_eq!(move_bytes(Some((5, 2)), (5, 3)), b"\n");
        assert_eq!(move_bytes(Some((30, 2)), (0, 3)).len(), 2);
        assert_eq!(move_bytes(Some((5, 9)), (5, 8)), b"\x1b[A");
    }

    #[test]
    fn sgr_sends_only_the_difference() {
        let plain = Pen::DEFAULT;
        let red = Pen {
            fg: Color::Red,
            ..plain
        };
        let bold_red = Pen {
            modifier: Modifier::BOLD,
            ..red
        };
        assert_eq!(sgr(plain, red), b"\x1b[31m");
        assert_eq!(sgr(red, bold_red), b"\x1b[1m");
        assert_eq!(sgr(bold_red, plain), b"\x1b[m");
        assert_eq!(sgr(plain, plain), b"");
        let grey = Pen {
            fg: Color::DarkGray,
            ..plain
        };
        assert_eq!(sgr(plain, grey), b"\x1b[90m");
    }
}
