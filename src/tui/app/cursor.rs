//! The selection of a scrolling list: which row, and which row is at the top.

/// A scrolling selection.
#[derive(Clone, Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` within `len` rows and keeps the selection inside a `height`-row window.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        let s = (self.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        self.selected = s;
        self.fit(len, height);
    }

    pub fn fit(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if len == 0 {
            self.selected = 0;
        } else if self.selected >= len {
            self.selected = len - 1;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}
