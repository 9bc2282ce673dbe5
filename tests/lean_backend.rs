//! The lean backend must leave the terminal exactly as ratatui's own crossterm output does:
//! random sequences of frames go through both, into two vt100 emulators, and after every frame
//! the screens (cells, attributes, cursor) must match.

use antq::tui::term::lean_backend::LeanBackend;
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

const SYMBOLS: &[&str] = &[
    "a", "b", "x", " ", " ", " ", "ệ", "Đ", "ữ", "ế", "ộ", "─", "│", "国", "あ", "…", "▶",
];

fn styles() -> Vec<Style> {
    vec![
        Style::default(),
        Style::default(),
        Style::default().fg(Color::Red),
        Style::default().fg(Color::DarkGray),
        Style::default().bg(Color::Blue),
        Style::default().add_modifier(Modifier::REVERSED),
        Style::default().add_modifier(Modifier::BOLD),
        Style::default()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD),
        // vt100 keeps one intensity, so bold and dim are never combined here.
        Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC | Modifier::UNDERLINED),
        Style::default()
            .fg(Color::Indexed(200))
            .bg(Color::Indexed(3)),
        Style::default().fg(Color::Rgb(10, 200, 30)),
    ]
}

/// One change to the picture between frames.
#[derive(Clone, Debug)]
enum Step {
    /// Writes `len` cells from (x, y) with one symbol pattern and style.
    Write {
        x: u16,
        y: u16,
        len: u16,
        sym: usize,
        style: usize,
    },
    /// Moves rows top..=bottom by `by` (a list scrolling), keeping the rest.
    Shift {
        top: u16,
        bottom: u16,
        by: i16,
    },
    /// A fresh random row.
    Row {
        y: u16,
        seed: u64,
    },
    Cursor(Option<(u16, u16)>),
    Resize {
        w: u16,
        h: u16,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u16..40, 0u16..16, 1u16..30, 0..SYMBOLS.len(), 0usize..11)
            .prop_map(|(x, y, len, sym, style)| Step::Write { x, y, len, sym, style }),
        3 => (0u16..16, 0u16..16, -5i16..6)
            .prop_map(|(top, bottom, by)| Step::Shift { top, bottom, by }),
        2 => (0u16..16, any::<u64>()).prop_map(|(y, seed)| Step::Row { y, seed }),
        1 => proptest::option::of((0u16..40, 0u16..16)).prop_map(Step::Cursor),
        1 => (8u16..40, 3u16..16).prop_map(|(w, h)| Step::Resize { w, h }),
    ]
}

/// Puts a symbol at (x, y), keeping the buffer well formed: nothing but blanks right of a wide
/// character, and no wide character cut by the edge.
fn put(buf: &mut Buffer, x: u16, y: u16, sym: &str, style: Style) {
    let area = buf.area;
    if x >= area.width || y >= area.height {
        return;
    }
    let sym = if sym.cell_width() > 1 && x + 1 >= area.width {
        "w"
    } else {
        sym
    };
    if x > 0 && buf[(x - 1, y)].cell_width() > 1 {
        buf[(x - 1, y)].set_symbol(" ");
    }
    if buf[(x, y)].cell_width() > 1 && x + 1 < area.width {
        buf[(x + 1, y)] = Cell::EMPTY;
    }
    // Exactly this style: ratatui's set_style would add to the old modifiers.
    let cell = &mut buf[(x, y)];
    *cell = Cell::EMPTY;
    cell.set_symbol(sym);
    cell.fg = style.fg.unwrap_or(Color::Reset);
    cell.bg = style.bg.unwrap_or(Color::Reset);
    cell.modifier = style.add_modifier;
    if sym.cell_width() > 1 {
        if x + 2 < area.width && buf[(x + 1, y)].cell_width() > 1 {
            buf[(x + 2, y)] = Cell::EMPTY;
        }
        buf[(x + 1, y)] = Cell::EMPTY;
    }
}

fn apply(model: &mut Buffer, s: &Step) {
    let area = model.area;
    let styles = styles();
    match *s {
        Step::Write {
            x,
            y,
            len,
            sym,
            style,
        } => {
            let mut cx = x;
            for i in 0..len {
                let sy = SYMBOLS[(sym + i as usize * (sym % 3)) % SYMBOLS.len()];
                put(model, cx, y, sy, styles[style]);
                cx += sy.cell_width().max(1);
            }
        }
        Step::Shift { top, bottom, by } => {
            let (t, b) = (top.min(bottom) as i32, top.max(bottom) as i32);
            let b = b.min(area.height as i32 - 1);
            if t > b {
                return;
            }
            let old = model.clone();
            for y in t..=b {
                let from = y + by as i32;
                for x in 0..area.width {
                    model[(x, y as u16)] = if (t..=b).contains(&from) {
                        old[(x, from as u16)].clone()
                    } else {
                        Cell::EMPTY
                    };
                }
            }
        }
        Step::Row { y, seed } => {
            let mut r = seed;
            let mut x = 0;
            while x < area.width {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let sy = SYMBOLS[(r >> 33) as usize % SYMBOLS.len()];
                put(model, x, y, sy, styles[(r >> 50) as usize % styles.len()]);
                x += sy.cell_width().max(1);
            }
        }
        Step::Cursor(_) | Step::Resize { .. } => {}
    }
}

/// Cells look the same: same text and attributes. A blank cell shows only its background,
/// inverse and underline: an erased cell and a printed space, or two blanks whose foreground
/// or boldness differ, cannot be told apart (ratatui's own diff relies on this too, leaving
/// the trailing half of a replaced wide character to the terminal).
fn looks_same(x: &vt100::Cell, y: &vt100::Cell) -> bool {
    let blank = |c: &vt100::Cell| c.contents().trim().is_empty();
    let common = x.bgcolor() == y.bgcolor()
        && x.inverse() == y.inverse()
        && x.underline() == y.underline()
        && x.is_wide() == y.is_wide();
    if blank(x) && blank(y) {
        // An inverse blank shows its foreground colour.
        return common && (!x.inverse() || x.fgcolor() == y.fgcolor());
    }
    common
        && x.contents() == y.contents()
        && x.fgcolor() == y.fgcolor()
        && x.bold() == y.bold()
        && x.dim() == y.dim()
        && x.italic() == y.italic()
        && x.is_wide_continuation() == y.is_wide_continuation()
}

fn vt_color(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        other => vt100::Color::Idx(named.iter().position(|n| *n == other).unwrap() as u8),
    }
}

/// The terminal cell shows what the frame asked for (same visibility rules as `looks_same`).
fn shows(v: &vt100::Cell, m: &Cell, covered: bool) -> bool {
    if covered {
        return v.is_wide_continuation();
    }
    let inverse = m.modifier.contains(Modifier::REVERSED);
    let common = v.bgcolor() == vt_color(m.bg)
        && v.inverse() == inverse
        && v.underline() == m.modifier.contains(Modifier::UNDERLINED)
        && v.is_wide() == (m.cell_width() > 1);
    if v.contents().trim().is_empty() && m.symbol().trim().is_empty() {
        return common && (!inverse || v.fgcolor() == vt_color(m.fg));
    }
    common
        && v.contents() == m.symbol()
        && v.fgcolor() == vt_color(m.fg)
        && v.bold() == m.modifier.contains(Modifier::BOLD)
        && v.dim() == m.modifier.contains(Modifier::DIM)
        && v.italic() == m.modifier.contains(Modifier::ITALIC)
}

fn describe(c: &vt100::Cell) -> String {
    format!(
        "{:?} fg {:?} bg {:?} bold {} inverse {}",
        c.contents(),
        c.fgcolor(),
        c.bgcolor(),
        c.bold(),
        c.inverse()
    )
}

/// The lean screen must show the frame exactly, and equal the plain screen wherever that one
/// shows the frame too. (ratatui's plain output can leave the stale half of a replaced wide
/// character coloured; the lean backend repaints it.) Returns the cells where plain was off.
fn compare(
    plain: &vt100::Screen,
    lean: &vt100::Screen,
    model: &Buffer,
    cursor_shown: bool,
    ctx: &str,
) -> usize {
    let (rows, cols) = lean.size();
    let mut plain_off = 0;
    for r in 0..rows {
        let mut covered = false;
        for c in 0..cols {
            let m = &model[(c, r)];
            let (p, l) = (plain.cell(r, c).unwrap(), lean.cell(r, c).unwrap());
            assert!(
                shows(l, m, covered),
                "{ctx}: cell ({r},{c}) should be {:?} {:?}/{:?} {:?}, lean shows {}\nplain:\n{}\nlean:\n{}",
                m.symbol(),
                m.fg,
                m.bg,
                m.modifier,
                describe(l),
                plain.contents(),
                lean.contents()
            );
            if shows(p, m, covered) {
                assert!(
                    covered || looks_same(p, l),
                    "{ctx}: cell ({r},{c}): plain {} lean {}",
                    describe(p),
                    describe(l)
                );
            } else {
                plain_off += 1;
            }
            covered = !covered && m.cell_width() > 1;
        }
    }
    assert_eq!(
        plain.hide_cursor(),
        lean.hide_cursor(),
        "{ctx}: cursor visibility"
    );
    if cursor_shown {
        assert_eq!(
            plain.cursor_position(),
            lean.cursor_position(),
            "{ctx}: cursor"
        );
    }
    plain_off
}

/// A writer whose bytes the test can take after each frame.
#[derive(Clone, Default)]
struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

struct Pair {
    plain: Terminal<CrosstermBackend<Sink>>,
    lean: Terminal<LeanBackend<Sink>>,
    out_plain: Sink,
    out_lean: Sink,
    vt_plain: vt100::Parser,
    vt_lean: vt100::Parser,
    bytes_plain: usize,
    bytes_lean: usize,
}

impl Pair {
    fn new(w: u16, h: u16) -> Pair {
        let fixed = |w, h| TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        let (out_plain, out_lean) = (Sink::default(), Sink::default());
        Pair {
            plain: Terminal::with_options(CrosstermBackend::new(out_plain.clone()), fixed(w, h))
                .unwrap(),
            lean: Terminal::with_options(
                LeanBackend::with_size(out_lean.clone(), w, h),
                fixed(w, h),
            )
            .unwrap(),
            out_plain,
            out_lean,
            vt_plain: vt100::Parser::new(h, w, 0),
            vt_lean: vt100::Parser::new(h, w, 0),
            bytes_plain: 0,
            bytes_lean: 0,
        }
    }

    fn frame(&mut self, model: &Buffer, cursor: Option<(u16, u16)>, ctx: &str) {
        let draw = |f: &mut ratatui::Frame| {
            let area = f.area();
            let buf = f.buffer_mut();
            for y in 0..area.height.min(model.area.height) {
                for x in 0..area.width.min(model.area.width) {
                    buf[(x, y)] = model[(x, y)].clone();
                }
            }
            if let Some((x, y)) = cursor {
                f.set_cursor_position((x.min(area.width - 1), y.min(area.height - 1)));
            }
        };
        self.plain.draw(draw).unwrap();
        self.lean.draw(draw).unwrap();
        let (p, l) = (self.out_plain.take(), self.out_lean.take());
        self.bytes_plain += p.len();
        self.bytes_lean += l.len();
        self.vt_plain.process(&p);
        self.vt_lean.process(&l);
        no_su_sd(&l, ctx);
        compare(
            self.vt_plain.screen(),
            self.vt_lean.screen(),
            model,
            cursor.is_some(),
            ctx,
        );
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.lean.backend_mut().set_size(w, h);
        self.plain.resize(Rect::new(0, 0, w, h)).unwrap();
        self.lean.resize(Rect::new(0, 0, w, h)).unwrap();
        self.vt_plain.screen_mut().set_size(h, w);
        self.vt_lean.screen_mut().set_size(h, w);
    }
}

fn run(w: u16, h: u16, steps: &[Step]) -> (usize, usize) {
    let mut pair = Pair::new(w, h);
    let mut model = Buffer::empty(Rect::new(0, 0, w, h));
    let mut cursor = None;
    pair.frame(&model, cursor, "first frame");
    for (i, s) in steps.iter().enumerate() {
        match s {
            Step::Resize { w, h } => {
                let mut next = Buffer::empty(Rect::new(0, 0, *w, *h));
                for y in 0..(*h).min(model.area.height) {
                    let mut x = 0;
                    while x < (*w).min(model.area.width) {
                        let c = model[(x, y)].clone();
                        put(&mut next, x, y, c.symbol(), c.style());
                        x += c.cell_width().max(1);
                    }
                }
                model = next;
                pair.resize(*w, *h);
            }
            Step::Cursor(c) => cursor = *c,
            other => apply(&mut model, other),
        }
        pair.frame(&model, cursor, &format!("after step {i} {s:?}"));
    }
    (pair.bytes_plain, pair.bytes_lean)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn same_screen_as_plain_output(
        w in 10u16..40,
        h in 3u16..16,
        steps in proptest::collection::vec(step(), 1..25),
    ) {
        run(w, h, &steps);
    }
}

#[test]
fn bottom_right_cell_and_last_column() {
    let (w, h) = (12, 4);
    let steps = vec![
        Step::Write {
            x: 11,
            y: 3,
            len: 1,
            sym: 0,
            style: 5,
        },
        Step::Write {
            x: 10,
            y: 0,
            len: 2,
            sym: 6,
            style: 2,
        },
        Step::Write {
            x: 10,
            y: 3,
            len: 1,
            sym: 13,
            style: 0,
        },
        Step::Cursor(Some((11, 3))),
        Step::Write {
            x: 0,
            y: 3,
            len: 12,
            sym: 1,
            style: 3,
        },
    ];
    run(w, h, &steps);
}

#[test]
fn wide_characters_replaced_by_narrow_ones_and_back() {
    let steps = vec![
        Step::Write {
            x: 0,
            y: 0,
            len: 5,
            sym: 13,
            style: 0,
        },
        Step::Write {
            x: 1,
            y: 0,
            len: 3,
            sym: 0,
            style: 2,
        },
        Step::Write {
            x: 0,
            y: 0,
            len: 6,
            sym: 14,
            style: 6,
        },
        Step::Write {
            x: 3,
            y: 0,
            len: 1,
            sym: 6,
            style: 0,
        },
    ];
    run(20, 3, &steps);
}

/// The Linux console, vt100 and vt220 have no SU/SD (`CSI n S`, `CSI n T`): a frame that used
/// them would leave rows unmoved there, under the right labels' neighbours.
fn no_su_sd(out: &[u8], ctx: &str) {
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] == 0x1b && out[i + 1] == b'[' {
            let mut j = i + 2;
            while j < out.len() && (out[j].is_ascii_digit() || out[j] == b';' || out[j] == b'?') {
                j += 1;
            }
            let fin = out.get(j).copied().unwrap_or(0);
            assert!(
                fin != b'S' && fin != b'T',
                "{ctx}: the lean output scrolls with SU/SD: {:?}",
                String::from_utf8_lossy(&out[i..=j.min(out.len() - 1)])
            );
            i = j;
        }
        i += 1;
    }
}

#[test]
fn a_scrolled_list_costs_a_scroll_region_not_a_repaint() {
    // A full list of 8 random rows, then the same list moved up by one row.
    let rows: Vec<Step> = (1..=8).map(|y| Step::Row { y, seed: y as u64 }).collect();
    let (plain_before, lean_before) = run(40, 10, &rows);
    let mut scrolled = rows.clone();
    scrolled.push(Step::Shift {
        top: 1,
        bottom: 8,
        by: 1,
    });
    let (plain_after, lean_after) = run(40, 10, &scrolled);
    let (plain, lean) = (plain_after - plain_before, lean_after - lean_before);
    assert!(plain > 500, "plain output re-sent {plain} bytes");
    // "\e[2;9r\e[9H\n\e[r" and erasing the row that came free.
    assert!(
        lean < 40,
        "the lean scroll cost {lean} bytes (plain: {plain})"
    );
}
