//! Report files sent to a server part by part. One request carries at most 16 MB, and a
//! national file is a hundred; so the client sends the rows in parts, which the server keeps
//! in a private temporary file, and then asks for the import, which reads them back block by
//! block as a local import reads its file. Nothing is written to the store until then.
//!
//! What clients can hold here is bounded: a few uploads per account (a new one past them lets
//! the account's oldest go, so parallel imports of one script work but abandoned uploads do
//! not pile up), a few overall (the oldest goes first), and a total of bytes past which the
//! oldest go too.

use std::collections::VecDeque;
use std::io::{BufReader, Read, Seek, Write};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::exchange::table_rows::{Block, Rows};

/// Uploads held at once, across accounts.
const MAX_UPLOADS: usize = 8;
/// Uploads one account holds at once.
const PER_ACCOUNT: usize = 4;
/// Bytes one upload may hold, as sent (a national export of a million reports is 290 MB so).
pub const MAX_UPLOAD: u64 = 1 << 30;
/// Bytes all uploads may hold together; past it the oldest are let go.
const MAX_TOTAL: u64 = 2 << 30;
/// A part's own bound, read back from the file: a request's (16 MB) with room to spare.
const MAX_PART: u64 = 64 << 20;

pub(crate) struct Uploads {
    held: Mutex<Vec<Upload>>,
    next: std::sync::atomic::AtomicU64,
    per_upload: u64,
    total: u64,
}

struct Upload {
    id: u64,
    owner: String,
    /// Unnamed (so private, and gone with the process), written part after part.
    file: std::fs::File,
    bytes: u64,
}

impl Default for Uploads {
    fn default() -> Uploads {
        Uploads::with_bounds(MAX_UPLOAD, MAX_TOTAL)
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Io {
        detail: format!("keeping the file sent for an import: {e}"),
    }
}

fn not_held() -> Error {
    Error::invalid(
        "upload",
        "the server no longer holds the file sent for this import (another was sent since, or the server restarted); import the file again",
        "máy chủ không còn giữ tệp đã gửi để nhập (đã có tệp khác gửi sau, hoặc máy chủ đã khởi động lại); hãy nhập lại tệp",
    )
}

impl Uploads {
    pub(crate) fn with_bounds(per_upload: u64, total: u64) -> Uploads {
        Uploads {
            held: Mutex::new(Vec::new()),
            next: std::sync::atomic::AtomicU64::new(1),
            per_upload,
            total,
        }
    }

    /// Adds rows to `owner`'s upload `id`; 0 starts a new one. Returns the upload's number.
    pub(crate) fn add(&self, owner: &str, id: u64, rows: &Rows) -> Result<u64> {
        let part = bincode::serialize(rows).map_err(|e| io(std::io::Error::other(e)))?;
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let at = if id == 0 {
            let mine: Vec<usize> = (0..held.len())
                .filter(|&i| held[i].owner == owner)
                .collect();
            if mine.len() >= PER_ACCOUNT {
                held.remove(mine[0]);
            }
            if held.len() >= MAX_UPLOADS {
                held.remove(0);
            }
            let file = tempfile::tempfile().map_err(io)?;
            let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let owner = owner.to_string();
            held.push(Upload {
                id,
                owner,
                file,
                bytes: 0,
            });
            held.len() - 1
        } else {
            held.iter()
                .position(|u| u.id == id && u.owner == owner)
                .ok_or_else(not_held)?
        };
        let adds = 8 + part.len() as u64;
        if held[at].bytes + adds > self.per_upload {
            held.remove(at);
            return Err(Error::invalid(
                "upload",
                format!("the file is larger than the server keeps for one import ({} MB as sent); split it into smaller files and import each", self.per_upload >> 20),
                format!("tệp lớn hơn mức máy chủ giữ cho một lần nhập ({} MB khi gửi); hãy chia thành các tệp nhỏ hơn rồi nhập từng tệp", self.per_upload >> 20),
            ));
        }
        let u = &mut held[at];
        u.file
            .write_all(&(part.len() as u64).to_le_bytes())
            .and_then(|()| u.file.write_all(&part))
            .map_err(io)?;
        u.bytes += adds;
        let id = u.id;
        // The oldest others go first when all together hold too much.
        while held.iter().map(|u| u.bytes).sum::<u64>() > self.total && held[0].id != id {
            held.remove(0);
        }
        Ok(id)
    }

    /// Takes `owner`'s upload `id` out, to import it: its rows, block by block.
    pub(crate) fn take(&self, owner: &str, id: u64) -> Result<Taken> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let at = held
            .iter()
            .position(|u| u.id == id && u.owner == owner)
            .ok_or_else(not_held)?;
        let mut u = held.remove(at);
        u.file.rewind().map_err(io)?;
        Ok(Taken {
            file: BufReader::with_capacity(1 << 16, u.file),
            left: u.bytes,
            blocks: VecDeque::new(),
        })
    }
}

/// An upload's rows as they are read back.
pub(crate) struct Taken {
    file: BufReader<std::fs::File>,
    left: u64,
    blocks: VecDeque<Block>,
}

impl Taken {
    /// Bytes the upload held, as sent.
    pub(crate) fn bytes(&self) -> u64 {
        self.left
    }

    fn next_part(&mut self) -> Result<Option<Rows>> {
        if self.left == 0 {
            return Ok(None);
        }
        let mut len = [0u8; 8];
        self.file.read_exact(&mut len).map_err(io)?;
        let len = u64::from_le_bytes(len);
        if len > MAX_PART || 8 + len > self.left {
            return Err(io(std::io::Error::other(
                "a part's length is out of bounds",
            )));
        }
        let mut part = vec![0u8; len as usize];
        self.file.read_exact(&mut part).map_err(io)?;
        self.left -= 8 + len;
        bincode::deserialize(&part)
            .map(Some)
            .map_err(|e| io(std::io::Error::other(e)))
    }
}

impl Iterator for Taken {
    type Item = Result<Block>;

    fn next(&mut self) -> Option<Result<Block>> {
        while self.blocks.is_empty() {
            match self.next_part() {
                Ok(Some(rows)) => self.blocks.extend(rows.into_blocks()),
                Ok(None) => return None,
                Err(e) => {
                    self.left = 0;
                    return Some(Err(e));
                }
            }
        }
        self.blocks.pop_front().map(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(from: u64, n: u64) -> Rows {
        (from..from + n)
            .map(|line| (line, vec![format!("3132{}", line % 10), "2024-05".into()]))
            .collect()
    }

    fn read_back(t: Taken) -> Vec<(u64, Vec<String>)> {
        t.flat_map(|b| {
            let b = b.unwrap();
            b.iter().map(|r| (r.line, r.to_vec())).collect::<Vec<_>>()
        })
        .collect()
    }

    #[test]
    fn parts_read_back_in_order_and_only_by_their_owner() {
        let u = Uploads::default();
        let id = u.add("op1", 0, &rows(2, 3)).unwrap();
        assert_eq!(u.add("op1", id, &rows(5, 2)).unwrap(), id);
        assert_eq!(
            u.add("op2", id, &rows(9, 1)).unwrap_err().en(),
            "upload: the server no longer holds the file sent for this import (another was sent since, or the server restarted); import the file again"
        );
        assert!(u.take("op2", id).is_err(), "another account's upload");
        let back = read_back(u.take("op1", id).unwrap());
        let mut want = rows(2, 3).to_vecs();
        want.extend(rows(5, 2).to_vecs());
        assert_eq!(back, want);
        assert!(u.take("op1", id).is_err(), "taken once");
    }

    #[test]
    fn an_account_holds_a_few_uploads_and_a_new_one_past_them_lets_its_oldest_go() {
        let u = Uploads::default();
        let mine: Vec<u64> = (0..PER_ACCOUNT)
            .map(|_| u.add("op1", 0, &rows(2, 1)).unwrap())
            .collect();
        let other = u.add("op2", 0, &rows(2, 1)).unwrap();
        // Parallel imports of one account each keep their own upload.
        for &id in &mine {
            assert_eq!(u.add("op1", id, &rows(3, 1)).unwrap(), id);
        }
        let newest = u.add("op1", 0, &rows(2, 1)).unwrap();
        assert!(
            u.add("op1", mine[0], &rows(3, 1)).is_err(),
            "its oldest went"
        );
        assert!(u.take("op2", other).is_ok(), "another account's stays");
        for &id in &mine[1..] {
            assert_eq!(read_back(u.take("op1", id).unwrap()).len(), 2);
        }
        assert_eq!(read_back(u.take("op1", newest).unwrap()).len(), 1);
    }

    #[test]
    fn bounds_refuse_an_upload_too_large_and_let_the_oldest_go() {
        let part = rows(2, 100);
        let size = 8 + bincode::serialize(&part).unwrap().len() as u64;
        let u = Uploads::with_bounds(size * 2, size * 3);
        let id = u.add("op1", 0, &part).unwrap();
        u.add("op1", id, &part).unwrap();
        assert_eq!(
            u.add("op1", id, &part).unwrap_err().en(),
            format!("upload: the file is larger than the server keeps for one import ({} MB as sent); split it into smaller files and import each", (size * 2) >> 20)
        );
        assert!(u.take("op1", id).is_err(), "a refused upload is let go");
        let a = u.add("a", 0, &part).unwrap();
        u.add("a", a, &part).unwrap();
        let b = u.add("b", 0, &part).unwrap();
        u.add("b", b, &part).unwrap();
        assert!(u.take("a", a).is_err(), "the oldest went to make room");
        assert_eq!(read_back(u.take("b", b).unwrap()).len(), 200);
        let many: Vec<u64> = (0..MAX_UPLOADS + 1)
            .map(|i| u.add(&format!("u{i}"), 0, &rows(2, 1)).unwrap())
            .collect();
        assert!(
            u.take("u0", many[0]).is_err(),
            "past the count, the oldest goes"
        );
        assert!(u.take("u1", many[1]).is_ok());
    }
}
