//! A table's rows in one text buffer with cell offsets: a national file of a million rows
//! costs about its own size in memory, not a string per cell.

use serde::{Deserialize, Serialize};

/// Rows with the file line each starts on. Sent over the wire as plain vectors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<(u64, Vec<String>)>", into = "Vec<(u64, Vec<String>)>")]
pub struct Rows {
    text: String,
    /// Each cell's end in `text`; a cell starts where the one before it ends.
    ends: Vec<u32>,
    /// Each row's line and its first cell in `ends`.
    starts: Vec<(u64, u32)>,
}

/// One row, borrowed from its table.
#[derive(Clone, Copy, Debug)]
pub struct RowCells<'a> {
    pub line: u64,
    rows: &'a Rows,
    first: usize,
    end: usize,
}

impl Rows {
    /// Adds a row; false (and nothing added) once the table would pass 4 GB of text.
    pub fn push<S: AsRef<str>>(&mut self, line: u64, cells: impl IntoIterator<Item = S>) -> bool {
        let (text, ends) = (self.text.len(), self.ends.len());
        for c in cells {
            self.text.push_str(c.as_ref());
            let Ok(end) = u32::try_from(self.text.len()) else {
                self.text.truncate(text);
                self.ends.truncate(ends);
                return false;
            };
            self.ends.push(end);
        }
        self.starts.push((line, ends as u32));
        true
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Gives back what growing row by row reserved: up to half of a national file's rows.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<RowCells<'_>> {
        let &(line, first) = self.starts.get(i)?;
        let first = first as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.ends.len(), |s| s.1 as usize);
        Some(RowCells {
            line,
            rows: self,
            first,
            end,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = RowCells<'_>> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// Every row as owned cells, for code that rewrites a table.
    pub fn to_vecs(&self) -> Vec<(u64, Vec<String>)> {
        self.iter().map(|r| (r.line, r.to_vec())).collect()
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
        let from = if at == 0 {
            0
        } else {
            self.rows.ends[at - 1] as usize
        };
        self.rows.text.get(from..self.rows.ends[at] as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let me = *self;
        (0..me.len()).filter_map(move |i| me.get(i))
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
}
