//! A ratatui backend for slow links: it remembers what the terminal shows and sends the fewest
//! bytes that turn that into the next frame.
//!
//! ratatui hands over the cells that changed; this backend collects them into the wanted
//! picture and, on `flush`, compares the whole picture with its copy of the terminal. It then
//! - scrolls a block of rows with a scroll region (DECSTBM + SU/SD) when rows moved up or down,
//! - moves the cursor by the shortest sequence (relative, CR/LF/BS, or absolute),
//! - re-prints a short run of unchanged cells instead of jumping over it,
//! - erases the rest of a row with EL when it becomes blank,
//! - changes SGR attributes only when they differ, with 16-colour codes where possible, and never
//!   resets them at the end of a frame,
//! - shows or hides the cursor only when that changes.
//!
//! It never asks the terminal anything (no cursor-position query), so it costs no round trips.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};

/// The longest run of unchanged cells worth re-printing rather than jumping over.
const MAX_GAP_FILL: usize = 8;

/// The SGR state of the terminal: what the next printed character will look like.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

pub struct LeanBackend<W: Write> {
    out: W,
    /// Bytes of the frame being built; written in one go on flush.
    pending: Vec<u8>,
    /// A fixed size (tests, benchmarks); None asks the terminal.
    fixed: Option<Size>,
    want: Buffer,
    /// What the terminal shows; None when unknown (start, clear), which repaints everything.
    shown: Option<Buffer>,
    /// The terminal's cursor; None when unknown (after the last column, a scroll region).
    cursor: Option<(u16, u16)>,
    pen: Option<Pen>,
    want_cursor: (u16, u16),
    want_visible: bool,
    visible: Option<bool>,
}

impl<W: Write> LeanBackend<W> {
    /// A backend for the terminal on `out`; its size is asked of the terminal.
    pub fn new(out: W) -> io::Result<Self> {
        let (w, h) = crossterm::terminal::size()?;
        Ok(Self::build(out, Size::new(w, h), None))
    }

    /// A backend of a fixed size, for tests and off-screen measurements.
    pub fn with_size(out: W, width: u16, height: u16) -> Self {
        let size = Size::new(width, height);
        Self::build(out, size, Some(size))
    }

    fn build(out: W, size: Size, fixed: Option<Size>) -> Self {
        LeanBackend {
            out,
            pending: Vec::with_capacity(4096),
            fixed,
            want: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            shown: None,
            cursor: None,
            pen: None,
            want_cursor: (0, 0),
            want_visible: true,
            visible: None,
        }
    }

    /// Changes a fixed size (the next frame repaints everything).
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.fixed = Some(Size::new(width, height));
        self.fit_to(Size::new(width, height));
    }

    /// Forgets what the terminal shows, so the next frame repaints it all (after the terminal
    /// was written to by someone else, or on the user's request).
    pub fn invalidate(&mut self) {
        self.shown = None;
        self.cursor = None;
        self.pen = None;
        self.visible = None;
    }

    pub fn writer(&self) -> &W {
        &self.out
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn fit_to(&mut self, size: Size) {
        if self.want.area.as_size() != size {
            self.want = Buffer::empty(Rect::new(0, 0, size.width, size.height));
            self.invalidate();
        }
    }

    fn current_size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => crossterm::terminal::size().map(|(w, h)| Size::new(w, h)),
        }
    }

    /// Builds the bytes that turn the shown picture into the wanted one.
    fn render(&mut self) {
        normalise_wide(&mut self.want);
        let mut shown = match self.shown.take() {
            Some(s) => s,
            None => {
                // Unknown screen: start from a blank one, with default colours for the erase.
                self.pending.extend_from_slice(b"\x1b[m\x1b[H\x1b[2J");
                self.pen = Some(Pen::DEFAULT);
                self.cursor = Some((0, 0));
                Buffer::empty(self.want.area)
            }
        };
        for _ in 0..3 {
            match best_scroll(&self.want, &shown) {
                Some(op) => self.scroll(&mut shown, op),
                None => break,
            }
        }
        for y in 0..self.want.area.height {
            self.render_row(&mut shown, y);
        }
        self.shown = Some(shown);
        self.finish_cursor();
    }

    fn scroll(&mut self, shown: &mut Buffer, op: Scroll) {
        self.erase_pen();
        let (t, b) = (op.top + 1, op.bottom + 1);
        let n = op.by.unsigned_abs();
        let count = if n == 1 { String::new() } else { n.to_string() };
        let dir = if op.by > 0 { 'S' } else { 'T' };
        let _ = write!(self.pending, "\x1b[{t};{b}r\x1b[{count}{dir}\x1b[r");
        // Resetting the region homes the cursor.
        self.cursor = Some((0, 0));
        apply_scroll(shown, op);
    }

    fn render_row(&mut self, shown: &mut Buffer, y: u16) {
        let w = self.want.area.width as usize;
        // A row that shares little with the old one (another tab, a form): erase it and
        // print only what is not blank, rather than overwrite it cell by cell.
        if row_repaint_cost(&self.want, y, None) + 6 < row_repaint_cost(&self.want, y, Some(shown))
        {
            let none = vec![false; w];
            self.move_to(shown, 0, y, &none);
            self.erase_pen();
            self.pending.extend_from_slice(b"\x1b[K");
            for x in 0..w {
                shown[(x as u16, y)] = Cell::EMPTY;
            }
        }
        let dirty = dirty_cells(&self.want, shown, y);
        if !dirty.iter().any(|d| *d) {
            return;
        }
        let tail = blank_tail(&self.want, y);
        let mut x = 0;
        while x < w {
            if !dirty[x] {
                x += 1;
                continue;
            }
            // The rest of the row is blank: erase it rather than print spaces.
            if x >= tail && dirty[x..].iter().filter(|d| **d).count() > 3 {
                self.move_to(shown, x as u16, y, &dirty);
                self.erase_pen();
                self.pending.extend_from_slice(b"\x1b[K");
                for cx in x..w {
                    shown[(cx as u16, y)] = Cell::EMPTY;
                }
                return;
            }
            self.move_to(shown, x as u16, y, &dirty);
            x += self.print(shown, x as u16, y);
        }
    }

    /// Prints the wanted cell at (x, y), with the cursor already there; returns its width.
    fn print(&mut self, shown: &mut Buffer, x: u16, y: u16) -> usize {
        let cell = self.want[(x, y)].clone();
        let width = cell.cell_width().max(1);
        if !self.pen.is_some_and(|p| pen_fits(p, &cell)) {
            self.set_pen(Pen::of(&cell));
        }
        // A control character in a cell would reach the terminal raw: show `?` instead.
        let symbol = crate::domain::text::printable(cell.symbol(), false);
        self.pending.extend_from_slice(symbol.as_bytes());
        shown[(x, y)] = cell;
        if width > 1 && x + 1 < self.want.area.width {
            shown[(x + 1, y)] = Cell::EMPTY;
        }
        let next = x + width;
        // At the last column the terminal's cursor waits to wrap: treat it as unknown.
        self.cursor = (next < self.want.area.width).then_some((next, y));
        width as usize
    }

    /// Moves the cursor to (x, y) by the cheapest way, which may be re-printing a short run of
    /// unchanged cells on the same row.
    fn move_to(&mut self, shown: &mut Buffer, x: u16, y: u16, dirty: &[bool]) {
        if let Some((cx, cy)) = self.cursor {
            if cy == y && cx < x {
                let fill = self.gap_fill_cost(cx, x, y, dirty);
                let jump = move_bytes(self.cursor, (x, y)).len();
                if fill.is_some_and(|f| f <= jump) {
                    let mut gx = cx;
                    while gx < x {
                        gx += self.print(shown, gx, y) as u16;
                    }
                    return;
                }
            }
        }
        let seq = move_bytes(self.cursor, (x, y));
        self.pending.extend_from_slice(&seq);
        self.cursor = Some((x, y));
    }

    /// Bytes needed to re-print cells cx..x, or None when that is not possible.
    fn gap_fill_cost(&self, cx: u16, x: u16, y: u16, dirty: &[bool]) -> Option<usize> {
        if (x - cx) as usize > MAX_GAP_FILL {
            return None;
        }
        let mut pen = self.pen?;
        let mut bytes = 0;
        for gx in cx..x {
            let cell = &self.want[(gx, y)];
            if dirty[gx as usize] || cell.cell_width() != 1 {
                return None;
            }
            if !pen_fits(pen, cell) {
                let p = Pen::of(cell);
                bytes += sgr(pen, p).len();
                pen = p;
            }
            bytes += cell.symbol().len();
        }
        Some(bytes)
    }

    /// Erasing fills with the pen's attributes: make sure they leave a default blank.
    fn erase_pen(&mut self) {
        if !self.pen.is_some_and(|p| pen_fits(p, &Cell::EMPTY)) {
            self.set_pen(Pen::DEFAULT);
        }
    }

    fn set_pen(&mut self, p: Pen) {
        match self.pen {
            Some(cur) if cur == p => {}
            Some(cur) => self.pending.extend_from_slice(&sgr(cur, p)),
            None => self.pending.extend_from_slice(&sgr_from_reset(p)),
        }
        self.pen = Some(p);
    }

    fn finish_cursor(&mut self) {
        if self.want_visible {
            let (x, y) = self.want_cursor;
            if self.cursor != Some((x, y)) {
                let seq = move_bytes(self.cursor, (x, y));
                self.pending.extend_from_slice(&seq);
                self.cursor = Some((x, y));
            }
        }
        if self.visible != Some(self.want_visible) {
            let seq: &[u8] = if self.want_visible {
                b"\x1b[?25h"
            } else {
                b"\x1b[?25l"
            };
            self.pending.extend_from_slice(seq);
            self.visible = Some(self.want_visible);
        }
    }
}

/// Cells right of a wide character are hidden by it; make them blank in the wanted picture so
/// comparisons never see stale content there (ratatui does not send them).
fn normalise_wide(buf: &mut Buffer) {
    let area = buf.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let w = buf[(x, y)].cell_width().max(1);
            for k in 1..w {
                if x + k < area.width {
                    buf[(x + k, y)] = Cell::EMPTY;
                }
            }
            x += w;
        }
    }
}

/// Attributes that show on a blank cell besides its background.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// A space whose only visible attribute is its background: its foreground, boldness and so on
/// cannot be seen, so any pen with that background prints it.
fn plain_blank(c: &Cell) -> bool {
    c.symbol() == " " && !c.modifier.intersects(VISIBLE_ON_BLANK)
}

/// The pen can print `c` (or erase to it) without changing attributes.
fn pen_fits(p: Pen, c: &Cell) -> bool {
    if plain_blank(c) {
        p.bg == c.bg && !p.modifier.intersects(VISIBLE_ON_BLANK)
    } else {
        p == Pen::of(c)
    }
}

/// The cells look the same on the terminal.
fn same(a: &Cell, b: &Cell) -> bool {
    if plain_blank(a) && plain_blank(b) {
        return a.bg == b.bg;
    }
    a.symbol() == b.symbol()
        && a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

/// Which cells of row y must be printed. Printing over either half of a wide character on the
/// terminal erases both halves, so such neighbours are printed again too.
fn dirty_cells(want: &Buffer, shown: &Buffer, y: u16) -> Vec<bool> {
    let w = want.area.width as usize;
    let mut dirty: Vec<bool> = (0..w)
        .map(|x| !same(&want[(x as u16, y)], &shown[(x as u16, y)]))
        .collect();
    let shown_w: Vec<u16> = (0..w)
        .map(|x| shown[(x as u16, y)].cell_width().max(1))
        .collect();
    let want_w: Vec<u16> = (0..w)
        .map(|x| want[(x as u16, y)].cell_width().max(1))
        .collect();
    // Covered cells (right halves) belong to the character on their left.
    let covered = |widths: &[u16]| {
        let mut c = vec![false; w];
        let mut x = 0;
        while x < w {
            for k in 1..widths[x] as usize {
                if x + k < w {
                    c[x + k] = true;
                }
            }
            x += widths[x] as usize;
        }
        c
    };
    let (shown_cov, want_cov) = (covered(&shown_w), covered(&want_w));
    loop {
        let mut changed = false;
        for x in 0..w {
            if !dirty[x] {
                continue;
            }
            let reach = if want_cov[x] { 1 } else { want_w[x] as usize };
            for c in x..(x + reach).min(w) {
                let mut mark = |i: usize| {
                    if !dirty[i] {
                        dirty[i] = true;
                        changed = true;
                    }
                };
                if shown_cov[c] && c > 0 {
                    mark(c - 1);
                }
                if shown_w[c] > 1 && c + 1 < w {
                    mark(c + 1);
                }
                if c > x {
                    mark(c);
                }
            }
            // A wanted right half is printed by its left neighbour.
            if want_cov[x] && x > 0 {
                let i = x - 1;
                if !dirty[i] {
                    dirty[i] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Right halves are never printed themselves.
    for x in 0..w {
        if want_cov[x] {
            dirty[x] = false;
        }
    }
    dirty
}

/// Roughly the bytes that turn row y of `shown` (None: a blank row) into `want` cell by cell:
/// the text of the changed cells, except that a changed blank tail costs one erase.
fn row_repaint_cost(want: &Buffer, y: u16, shown: Option<&Buffer>) -> usize {
    let tail = blank_tail(want, y);
    let mut bytes = 0;
    let mut tail_dirty = false;
    for x in 0..want.area.width {
        let a = &want[(x, y)];
        let unchanged = match shown {
            Some(b) => same(a, &b[(x, y)]),
            None => same(a, &Cell::EMPTY),
        };
        if unchanged {
            continue;
        }
        if (x as usize) < tail {
            bytes += a.symbol().len();
        } else {
            tail_dirty = true;
        }
    }
    bytes + if tail_dirty { 3 } else { 0 }
}

/// The first column from which row y of `want` is blank in default colours.
fn blank_tail(want: &Buffer, y: u16) -> usize {
    let w = want.area.width as usize;
    let mut tail = w;
    while tail > 0 && same(&want[(tail as u16 - 1, y)], &Cell::EMPTY) {
        tail -= 1;
    }
    tail
}

/// Moving rows top..=bottom by `by` rows (positive: up, as SU does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scroll {
    top: u16,
    bottom: u16,
    by: i32,
}

fn row_hash(buf: &Buffer, y: u16) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for x in 0..buf.area.width {
        let c = &buf[(x, y)];
        c.symbol().hash(&mut h);
        c.bg.hash(&mut h);
        // Blanks that look alike hash alike.
        if !plain_blank(c) {
            c.fg.hash(&mut h);
            c.modifier.bits().hash(&mut h);
        }
    }
    h.finish()
}

fn row_cost(a: &Buffer, ay: u16, b: &Buffer, by: u16) -> u32 {
    (0..a.area.width)
        .filter(|&x| !same(&a[(x, ay)], &b[(x, by)]))
        .count() as u32
}

fn blank_cost(a: &Buffer, y: u16) -> u32 {
    (0..a.area.width)
        .filter(|&x| !same(&a[(x, y)], &Cell::EMPTY))
        .count() as u32
}

/// The scroll that saves the most, if any saves more than it costs. Candidate shifts come from
/// rows of the wanted picture that equal some other row of the shown one.
fn best_scroll(want: &Buffer, shown: &Buffer) -> Option<Scroll> {
    let h = want.area.height as i32;
    let want_h: Vec<u64> = (0..h as u16).map(|y| row_hash(want, y)).collect();
    let shown_h: Vec<u64> = (0..h as u16).map(|y| row_hash(shown, y)).collect();
    let mut shifts = std::collections::BTreeSet::new();
    for y in 0..h {
        if want_h[y as usize] == shown_h[y as usize] {
            continue;
        }
        for sy in 0..h {
            if sy != y && shown_h[sy as usize] == want_h[y as usize] {
                shifts.insert(sy - y);
            }
        }
    }
    if shifts.is_empty() {
        return None;
    }
    let stay: Vec<u32> = (0..h as u16).map(|y| row_cost(want, y, shown, y)).collect();
    let blank: Vec<u32> = (0..h as u16).map(|y| blank_cost(want, y)).collect();
    let prefix = |v: &[u32]| {
        let mut p = vec![0u64; v.len() + 1];
        for (i, x) in v.iter().enumerate() {
            p[i + 1] = p[i] + *x as u64;
        }
        p
    };
    let (stay_p, blank_p) = (prefix(&stay), prefix(&blank));
    let mut best: Option<(i64, Scroll)> = None;
    for &k in &shifts {
        let n = k.unsigned_abs() as i32;
        let moved: Vec<u32> = (0..h)
            .map(|y| {
                let from = y + k;
                if (0..h).contains(&from) {
                    row_cost(want, y as u16, shown, from as u16)
                } else {
                    // Never chosen: no row comes from off the screen.
                    u32::MAX
                }
            })
            .collect();
        let moved_p = prefix(&moved);
        let sum = |p: &[u64], a: i32, b: i32| (p[(b + 1) as usize] - p[a as usize]) as i64;
        for t in 0..h {
            for b in (t + n)..h {
                // Rows that receive moved content, and rows left blank by the scroll.
                let (kept, fresh) = if k > 0 {
                    ((t, b - n), (b - n + 1, b))
                } else {
                    ((t + n, b), (t, t + n - 1))
                };
                let after = sum(&moved_p, kept.0, kept.1) + sum(&blank_p, fresh.0, fresh.1);
                let before = sum(&stay_p, t, b);
                let op = Scroll {
                    top: t as u16,
                    bottom: b as u16,
                    by: k,
                };
                let gain = before - after - scroll_overhead(op) as i64;
                if gain > 0 && best.is_none_or(|(g, _)| gain > g) {
                    best = Some((gain, op));
                }
            }
        }
    }
    best.map(|(_, op)| op)
}

fn scroll_overhead(op: Scroll) -> usize {
    // "\e[t;br" + "\e[nS" + "\e[r" + a cursor move afterwards.
    let digits = |v: u32| v.to_string().len();
    let n = op.by.unsigned_abs();
    4 + digits(op.top as u32 + 1)
        + digits(op.bottom as u32 + 1)
        + 3
        + if n == 1 { 0 } else { digits(n) }
        + 3
        + 6
}

fn apply_scroll(shown: &mut Buffer, op: Scroll) {
    let (t, b) = (op.top as i32, op.bottom as i32);
    let w = shown.area.width;
    let rows: Vec<Vec<Cell>> = (t..=b)
        .map(|y| (0..w).map(|x| shown[(x, y as u16)].clone()).collect())
        .collect();
    for y in t..=b {
        let from = y + op.by;
        for x in 0..w {
            shown[(x, y as u16)] = if (t..=b).contains(&from) {
                rows[(from - t) as usize][x as usize].clone()
            } else {
                Cell::EMPTY
            };
        }
    }
}

/// The shortest byte sequence that moves the cursor from `from` (None: unknown) to `to`.
fn move_bytes(from: Option<(u16, u16)>, to: (u16, u16)) -> Vec<u8> {
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

fn vertical_move(from: u16, to: u16) -> String {
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

fn forward(n: u32) -> String {
    if n == 1 {
        "\x1b[C".into()
    } else {
        format!("\x1b[{n}C")
    }
}

fn horizontal_move(from: u16, to: u16) -> String {
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
fn color_code(c: Color, base: u8) -> String {
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

fn underline_code(c: Color) -> String {
    match c {
        Color::Reset => "59".into(),
        Color::Rgb(r, g, b) => format!("58;2;{r};{g};{b}"),
        other => format!("58;5;{}", ansi_index(other)),
    }
}

fn ansi_index(c: Color) -> u8 {
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

fn sgr_params_from_reset(p: Pen) -> Vec<String> {
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

fn csi_m(params: &[String]) -> Vec<u8> {
    format!("\x1b[{}m", params.join(";")).into_bytes()
}

fn sgr_from_reset(p: Pen) -> Vec<u8> {
    let params = sgr_params_from_reset(p);
    if params.is_empty() {
        return b"\x1b[m".to_vec();
    }
    csi_m(&[vec!["0".to_string()], params].concat())
}

/// The shorter of changing only what differs, or resetting and setting everything.
fn sgr(from: Pen, to: Pen) -> Vec<u8> {
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

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let area = self.want.area;
        for (x, y, cell) in content {
            if x < area.width && y < area.height {
                self.want[(x, y)] = cell.clone();
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.want_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.want_visible = true;
        Ok(())
    }

    /// Where the cursor will be after this frame; the terminal is never asked.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = self.want_cursor;
        Ok(Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        self.want_cursor = (p.x, p.y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> io::Result<()> {
        // ratatui clears before a full redraw (start, resize, Ctrl-L); start over from a known
        // blank screen, which the next flush erases for real.
        let size = self.current_size()?;
        self.want = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.invalidate();
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.current_size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.current_size()?,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        let size = self.current_size()?;
        self.fit_to(size);
        self.render();
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        self.out.flush()
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
