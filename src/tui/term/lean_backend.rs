//! A ratatui backend for slow links: it remembers what the terminal shows and sends the fewest
//! bytes that turn that into the next frame.
//!
//! ratatui hands over the cells that changed; this backend collects them into the wanted
//! picture and, on `flush`, compares the whole picture with its copy of the terminal. It then
//! - scrolls a block of rows with a scroll region (DECSTBM, then IND or RI at its margin) when
//!   rows moved up or down,
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

use super::ansi::{move_bytes, pen_fits, same, sgr, sgr_from_reset, Pen};
use super::scroll::{apply_scroll, best_scroll, Scroll};

/// The longest run of unchanged cells worth re-printing rather than jumping over.
const MAX_GAP_FILL: usize = 8;

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
        let n = op.by.unsigned_abs() as usize;
        // IND and RI at the region's margins, which every VT100 has; SU/SD are missing on the
        // Linux console, vt100 and vt220, where they left rows unmoved and mislabelled.
        let _ = write!(self.pending, "\x1b[{t};{b}r");
        if op.by > 0 {
            // Line feed at the bottom margin is IND in one byte.
            let _ = write!(self.pending, "\x1b[{b}H");
            self.pending.extend(std::iter::repeat_n(b'\n', n));
        } else {
            // Setting the region homes the cursor on a VT100, but not on every emulator (pyte):
            // say where the top margin is.
            let _ = write!(self.pending, "\x1b[{t}H");
            for _ in 0..n {
                self.pending.extend_from_slice(b"\x1bM");
            }
        }
        self.pending.extend_from_slice(b"\x1b[r");
        // Resetting the region homes the cursor on a VT100, yet some emulators leave it where
        // it was (pyte, as checked from a pty): the next write moves there itself.
        self.cursor = None;
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
