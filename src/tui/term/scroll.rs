//! Finding a block of rows that moved up or down between two frames, so a scroll region
//! (DECSTBM with IND/RI) can move them instead of printing them again.

use ratatui::buffer::{Buffer, Cell};

use super::ansi::{plain_blank, same};

/// Moving rows top..=bottom by `by` rows (positive: up, as IND at the bottom margin does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Scroll {
    pub(super) top: u16,
    pub(super) bottom: u16,
    pub(super) by: i32,
}

pub(super) fn row_hash(buf: &Buffer, y: u16) -> u64 {
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

pub(super) fn row_cost(a: &Buffer, ay: u16, b: &Buffer, by: u16) -> u32 {
    (0..a.area.width)
        .filter(|&x| !same(&a[(x, ay)], &b[(x, by)]))
        .count() as u32
}

pub(super) fn blank_cost(a: &Buffer, y: u16) -> u32 {
    (0..a.area.width)
        .filter(|&x| !same(&a[(x, y)], &Cell::EMPTY))
        .count() as u32
}

/// The scroll that saves the most, if any saves more than it costs. Candidate shifts come from
/// rows of the wanted picture that equal some other row of the shown one.
pub(super) fn best_scroll(want: &Buffer, shown: &Buffer) -> Option<Scroll> {
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

pub(super) fn scroll_overhead(op: Scroll) -> usize {
    // "\e[t;br", then "\e[bH" + n line feeds, or "\e[tH" (unless t is the top) + n × "\eM";
    // then "\e[r" and a cursor move afterwards.
    let digits = |v: u32| v.to_string().len();
    let (t, b) = (op.top as u32 + 1, op.bottom as u32 + 1);
    let n = op.by.unsigned_abs() as usize;
    let moves = if op.by > 0 {
        3 + digits(b) + n
    } else {
        (if t > 1 { 3 + digits(t) } else { 0 }) + 2 * n
    };
    4 + digits(t) + digits(b) + moves + 3 + 6
}

pub(super) fn apply_scroll(shown: &mut Buffer, op: Scroll) {
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
