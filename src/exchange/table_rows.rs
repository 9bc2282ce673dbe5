//! A table's rows in blocks of one text buffer with cell offsets: a national file of a million
//! rows costs about its own size in memory, not a string per cell. Blocks are small, so the
//! table grows without copying itself, and an import can let each block go once it is read.

use serde::{Deserialize, Serialize};

/// Rows with the file line each starts on. Sent over the wire as plain vectors.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "Vec<(u64, Vec<String>)>", into = "Vec<(u64, Vec<String>)>")]
pub struct Rows {
    blocks: Vec<Block>,
    /// Rows before each block, for reaching a row by its number.
    before: Vec<usize>,
    text_bytes: u64,
}

/// A run of rows sharing one text buffer.
#[derive(Clone, Debug, Default)]
pub struct Block {
    text: String,
    /// Each cell's length in `text`; a cell starts where the one before it ends.
    lens: Lens,
    /// Each row's line, its first cell in `lens`, and where its text starts.
    starts: Vec<(u64, u32, u32)>,
}

/// Cells' lengths: a byte each while every cell of the block is shorter than 255 bytes (a
/// national file's figures, dates and codes), four once one is not. A million rows of 23
/// cells took 92 MB as four-byte ends, and take 23 MB so.
#[derive(Clone, Debug)]
enum Lens {
    Short(Vec<u8>),
    Long(Vec<u32>),
}

impl Default for Lens {
    fn default() -> Lens {
        Lens::Short(Vec::new())
    }
}

impl Lens {
    fn len(&self) -> usize {
        match self {
            Lens::Short(v) => v.len(),
            Lens::Long(v) => v.len(),
        }
    }

    fn at(&self, i: usize) -> usize {
        match self {
            Lens::Short(v) => usize::from(v[i]),
            Lens::Long(v) => v[i] as usize,
        }
    }

    /// The bytes of cells `from..to`.
    fn sum(&self, from: usize, to: usize) -> usize {
        match self {
            Lens::Short(v) => v[from..to].iter().map(|&n| usize::from(n)).sum(),
            Lens::Long(v) => v[from..to].iter().map(|&n| n as usize).sum(),
        }
    }

    /// Adds a cell's length (under 4 GB: the table's text is bounded by that).
    fn push(&mut self, n: usize) {
        if let Lens::Short(v) = self {
            match u8::try_from(n) {
                Ok(short) if short < u8::MAX => return v.push(short),
                _ => *self = Lens::Long(v.iter().map(|&n| u32::from(n)).collect()),
            }
        }
        if let Lens::Long(v) = self {
            v.push(n as u32);
        }
    }

    fn truncate(&mut self, n: usize) {
        match self {
            Lens::Short(v) => v.truncate(n),
            Lens::Long(v) => v.truncate(n),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Lens::Short(v) => v.shrink_to_fit(),
            Lens::Long(v) => v.shrink_to_fit(),
        }
    }
}

/// Text a block holds before the next row starts a new one.
const BLOCK_TEXT: usize = 1 << 20;

/// The most text a table holds: past it a file is refused as too large.
const MAX_TEXT: u64 = u32::MAX as u64;

/// One row, borrowed from its table.
#[derive(Clone, Copy, Debug)]
pub struct RowCells<'a> {
    pub line: u64,
    block: &'a Block,
    first: usize,
    end: usize,
    /// Where the row's text starts.
    at: usize,
}

impl Rows {
    /// Adds a row; false (and nothing added) once the table would pass 4 GB of text.
    pub fn push<S: AsRef<str>>(&mut self, line: u64, cells: impl IntoIterator<Item = S>) -> bool {
        if self.blocks.last().is_none_or(Block::is_full) {
            self.seal_last();
            self.before.push(self.len());
            self.blocks.push(Block::default());
        }
        let block = self.blocks.last_mut().expect("a block was just made");
        let text = block.text.len();
        if !block.push(line, cells) {
            return false;
        }
        let added = (block.text.len() - text) as u64;
        if self.text_bytes + added > MAX_TEXT {
            block.pop();
            return false;
        }
        self.text_bytes += added;
        true
    }

    /// Adds a block read on its own (a file read as it streams past); false (and nothing
    /// added) once the table would pass 4 GB of text.
    pub fn push_block(&mut self, block: Block) -> bool {
        let added = block.text.len() as u64;
        if self.text_bytes + added > MAX_TEXT {
            return false;
        }
        self.seal_last();
        self.text_bytes += added;
        self.before.push(self.len());
        self.blocks.push(block);
        true
    }

    /// A full block gives back what growing row by row reserved.
    fn seal_last(&mut self) {
        if let Some(b) = self.blocks.last_mut() {
            b.seal();
        }
    }

    pub fn len(&self) -> usize {
        self.before.last().copied().unwrap_or(0) + self.blocks.last().map_or(0, Block::len)
    }

    /// Gives back what growing row by row reserved.
    pub fn shrink_to_fit(&mut self) {
        self.seal_last();
        self.blocks.shrink_to_fit();
        self.before.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<RowCells<'_>> {
        let b = self.before.partition_point(|&n| n <= i).checked_sub(1)?;
        self.blocks[b].get(i - self.before[b])
    }

    pub fn iter(&self) -> impl Iterator<Item = RowCells<'_>> + '_ {
        self.blocks.iter().flat_map(Block::iter)
    }

    /// The rows block by block, each let go when the next is taken: a national import reads
    /// its file once, and the file's memory goes as it is read.
    pub fn into_blocks(self) -> std::vec::IntoIter<Block> {
        self.blocks.into_iter()
    }

    /// Every row as owned cells, for code that rewrites a table.
    pub fn to_vecs(&self) -> Vec<(u64, Vec<String>)> {
        self.iter().map(|r| (r.line, r.to_vec())).collect()
    }
}

/// Equal rows, however they fall into blocks.
impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.line == b.line && a.iter().eq(b.iter()))
    }
}

impl Eq for Rows {}

impl Block {
    /// Adds a row; false (and nothing added) if the block's text would pass 4 GB.
    pub fn push<S: AsRef<str>>(&mut self, line: u64, cells: impl IntoIterator<Item = S>) -> bool {
        let (text, cells_before) = (self.text.len(), self.lens.len());
        for c in cells {
            self.text.push_str(c.as_ref());
            self.lens.push(c.as_ref().len());
        }
        if self.text.len() > u32::MAX as usize {
            self.text.truncate(text);
            self.lens.truncate(cells_before);
            return false;
        }
        self.starts.push((line, cells_before as u32, text as u32));
        true
    }

    /// Takes back the last row pushed.
    fn pop(&mut self) {
        if let Some((_, first, at)) = self.starts.pop() {
            self.text.truncate(at as usize);
            self.lens.truncate(first as usize);
        }
    }

    /// Whether the next row starts a new block.
    pub fn is_full(&self) -> bool {
        self.text.len() >= BLOCK_TEXT
    }

    /// Gives back what growing row by row reserved.
    pub fn seal(&mut self) {
        self.text.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<RowCells<'_>> {
        let &(line, first, at) = self.starts.get(i)?;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.lens.len(), |s| s.1 as usize);
        Some(RowCells {
            line,
            block: self,
            first: first as usize,
            end,
            at: at as usize,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = RowCells<'_>> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

impl<'a> RowCells<'a> {
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn len(&self) -> usize {
        self.end - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        let at = self.first + i;
        if at >= self.end {
            return None;
        }
        let lens = &self.block.lens;
        let from = self.at + lens.sum(self.first, at);
        self.block.text.get(from..from + lens.at(at))
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let me = *self;
        let mut from = me.at;
        (me.first..me.end).map(move |cell| {
            let to = from + me.block.lens.at(cell);
            // Cells were pushed whole, so they start and end on characters.
            let text = me.block.text.get(from..to).unwrap_or_default();
            from = to;
            text
        })
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl From<Vec<(u64, Vec<String>)>> for Rows {
    fn from(v: Vec<(u64, Vec<String>)>) -> Rows {
        let mut rows = Rows::default();
        rows.extend(v);
        rows
    }
}

impl From<Rows> for Vec<(u64, Vec<String>)> {
    fn from(r: Rows) -> Self {
        r.to_vecs()
    }
}

impl FromIterator<(u64, Vec<String>)> for Rows {
    fn from_iter<I: IntoIterator<Item = (u64, Vec<String>)>>(it: I) -> Rows {
        let mut rows = Rows::default();
        rows.extend(it);
        rows
    }
}

impl Extend<(u64, Vec<String>)> for Rows {
    /// Rows past 4 GB of text are dropped; files that large are refused before this.
    fn extend<I: IntoIterator<Item = (u64, Vec<String>)>>(&mut self, it: I) {
        for (line, cells) in it {
            if !self.push(line, cells) {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_back_with_empty_ones_and_empty_rows() {
        let v = vec![
            (2, vec!["31338".to_string(), "".into(), "Tân Tiến".into()]),
            (3, vec![]),
            (5, vec!["".into(), "x".into()]),
        ];
        let r = Rows::from(v.clone());
        assert_eq!(r.len(), 3);
        assert_eq!(r.to_vecs(), v);
        let first = r.get(0).unwrap();
        assert_eq!(
            (first.line, first.len(), first.get(2)),
            (2, 3, Some("Tân Tiến"))
        );
        assert_eq!(first.get(3), None);
        assert!(r.get(1).unwrap().is_empty());
        assert_eq!(r.get(2).unwrap().get(0), Some(""));
        assert!(r.get(3).is_none());
    }

    /// A block takes four bytes a cell from its first cell of 255 bytes or more; the cells
    /// before it and after read back the same.
    #[test]
    fn a_long_cell_widens_its_block_and_every_cell_reads_back() {
        let cell = |n: usize| "ạ".repeat(n);
        let v: Vec<(u64, Vec<String>)> = vec![
            (2, vec!["31338".into(), cell(84), "".into()]),
            (3, vec![cell(85), "x".into()]),
            (4, vec!["7".into(), cell(40_000), "8".into()]),
            (5, vec!["".into(), "y".into()]),
        ];
        let r = Rows::from(v[..1].to_vec());
        assert!(
            matches!(r.blocks[0].lens, Lens::Short(_)),
            "252 bytes fit a byte"
        );
        let r = Rows::from(v[..2].to_vec());
        assert!(
            matches!(r.blocks[0].lens, Lens::Long(_)),
            "255 bytes do not"
        );
        assert_eq!(r.to_vecs(), v[..2]);
        let r = Rows::from(v.clone());
        assert_eq!(r.to_vecs(), v);
        for (i, (_, cells)) in v.iter().enumerate() {
            let row = r.get(i).unwrap();
            for (c, want) in cells.iter().enumerate() {
                assert_eq!(row.get(c), Some(want.as_str()), "row {i} cell {c}");
            }
            assert_eq!(row.get(cells.len()), None);
        }
    }

    #[test]
    fn rows_across_blocks_read_back_in_order_by_number_and_block_by_block() {
        let long = "x".repeat(BLOCK_TEXT / 3);
        let v: Vec<(u64, Vec<String>)> = (0..10)
            .map(|i| (i + 2, vec![format!("{i}"), long.clone()]))
            .collect();
        let r = Rows::from(v.clone());
        assert!(r.blocks.len() > 2, "{} blocks", r.blocks.len());
        assert_eq!(r.len(), 10);
        assert_eq!(r.to_vecs(), v);
        for (i, (line, cells)) in v.iter().enumerate() {
            let got = r.get(i).unwrap();
            assert_eq!((got.line, got.to_vec()), (*line, cells.clone()));
        }
        assert!(r.get(10).is_none());
        let by_block: Vec<u64> = r
            .clone()
            .into_blocks()
            .flat_map(|b| b.iter().map(|c| c.line).collect::<Vec<_>>())
            .collect();
        assert_eq!(by_block, (2..12).collect::<Vec<_>>());
        assert!(Rows::default().get(0).is_none());
    }
}
