//! Whole-tree scans that leave sled's page cache its size.
//!
//! sled's cache is split in 256 shards by page number, and a shard evicts only once 64 reads
//! of its pages have queued up. A scan reads each leaf about once, so on a national store no
//! shard ever fills its queue and the scan keeps every page it read: 125 MB of `compact`'s
//! 191 MB of heap (massif, BENCHMARKS.md). Every `EVERY` entries a scan reads the entry it
//! just gave 64 times more, which fills the queue of that entry's page: its shard then evicts
//! down to its share of the cache. Over a scan every shard takes its turn.

use sled::{IVec, Iter, Tree};

/// Entries between two refills. Measured on `compact` of a national store after a re-import:
/// 197 MB with none, 177 MB every 64, 168 MB every 32, 159 MB every 16, each step about 0.1 s
/// of its 1.8 s; `check` of the same store 185–203 MB every 32, 171–175 MB every 16.
const EVERY: usize = 16;
/// sled's `MAX_QUEUE_ITEMS`: the reads of a shard that make it evict.
const QUEUE: usize = 64;

/// A tree's entries in key order, as `Tree::iter` gives them.
pub struct Scan {
    tree: Tree,
    iter: Iter,
    seen: usize,
}

/// Scans `tree` whole (see the module's comment).
pub fn scan(tree: &Tree) -> Scan {
    scan_from(tree, std::ops::Bound::Unbounded)
}

/// Scans `tree` from `start` to its end.
pub fn scan_from(tree: &Tree, start: std::ops::Bound<Vec<u8>>) -> Scan {
    Scan {
        tree: tree.clone(),
        iter: tree.range::<Vec<u8>, _>((start, std::ops::Bound::Unbounded)),
        seen: 0,
    }
}

impl Iterator for Scan {
    type Item = sled::Result<(IVec, IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.iter.next()?;
        if let Ok((k, _)) = &item {
            self.seen += 1;
            if self.seen.is_multiple_of(EVERY) {
                for _ in 0..QUEUE {
                    // Only the read counts; what it finds is what `item` holds.
                    let _ = self.tree.get(k);
                }
            }
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scan gives what `iter` gives, in order, across many refills, from any start.
    #[test]
    fn a_scan_gives_every_entry_once_in_order() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let tree = db.open_tree("t").unwrap();
        for i in 0..1_000u32 {
            tree.insert(i.to_be_bytes(), vec![i as u8; 100]).unwrap();
        }
        let all = |it: Scan| it.map(|kv| kv.unwrap()).collect::<Vec<_>>();
        let plain: Vec<_> = tree.iter().map(|kv| kv.unwrap()).collect();
        assert_eq!(all(scan(&tree)), plain);
        let from = 700u32.to_be_bytes().to_vec();
        assert_eq!(
            all(scan_from(&tree, std::ops::Bound::Included(from))),
            plain[700..]
        );
        let from = 999u32.to_be_bytes().to_vec();
        assert!(all(scan_from(&tree, std::ops::Bound::Excluded(from))).is_empty());
    }
}
