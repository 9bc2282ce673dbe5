//! Writes too large for one sled transaction. sled holds every write of a transaction or a
//! batch until it ends (about 3 KB each), so a national import in one would need gigabytes;
//! single inserts free as they go. Large writes are therefore staged in their own tree, one
//! insert at a time, then switched in by one flushed marker, then copied into place the same
//! way. A store opened with the marker finishes the copy; staged writes without it are
//! dropped. Either way a kill leaves all or nothing.
//!
//! Each staged entry is an absolute put or remove, replayed in order, so copying twice gives
//! the same result as copying once.
//!
//! Report writes are not staged one by one: they are merged into their chunks in a new
//! generation of the report tree (see `generations`). The marker says what becomes of it: it
//! replaces the report tree, or its chunks are copied into place. Either is done again whole
//! by an open that finds the marker.

use std::collections::HashSet;

use super::packed::{self, Pending};
use super::{Store, TreeId, WriteSet};
use crate::error::{Error, Result};

/// The staging tree; not in `TreeId::ALL`, so backups, restores and checks never see it.
pub(super) const TREE: &str = "staged";
/// Bytes of writes staged as one entry: one insert per write would double an import's cost.
const PACK: usize = 64 << 10;
/// Present while staged writes are being copied into place. Its value's first byte says what
/// becomes of the report generation named after it (`PACKS_ONLY`: there is none).
const MARKER: &[u8] = &[0];
const PACKS_ONLY: u8 = 1;
const COPY_CHUNKS: u8 = 2;
const FLIP: u8 = 3;
/// First byte of the key of a chunk the generation removed (`REMOVED` + chunk key), staged for
/// a copy into place. Packs are numbered from 1 and stay below it.
const REMOVED: u8 = 0xFE;
/// First byte of a deflated pack. A plain pack (written before packs were deflated, and still
/// read) starts with its first write's length, whose first byte is 0 for any write under 16 MB.
const DEFLATED: u8 = 0xDF;
/// Bytes a staged pack may inflate to: its writes of `PACK` bytes and one more of any size.
const MAX_PACK: usize = 1 << 30;

/// Staged writes not yet switched in.
pub struct Staging<'a> {
    store: &'a Store,
    tree: sled::Tree,
    next: u64,
    /// Encoded writes not yet staged; staged together once past `PACK` bytes.
    pack: Vec<u8>,
    /// Report writes not yet merged into the generation, per chunk.
    reports: Pending,
    generation: Option<Generation>,
    /// The marker is written: what is staged is the store's now, even if copying it fails.
    switched: bool,
}

/// The report chunks a staging has written so far, in a tree of their own.
struct Generation {
    name: Vec<u8>,
    tree: sled::Tree,
    /// Chunks merged into it (removed ones too): later changes merge into these, not the live.
    chunks: HashSet<Vec<u8>>,
    /// Chunks the write left without a report.
    removed: HashSet<Vec<u8>>,
}

impl Store {
    /// Starts staging: writes pushed here touch no record until `commit`.
    pub fn stage(&self) -> Result<Staging<'_>> {
        self.refuse_if_stopped()?;
        let tree = self.staging_tree()?;
        // A staging switched in whose copy failed is finished before anything else is staged.
        if tree.contains_key(MARKER)? {
            self.copy_staged(&tree)?;
        }
        tree.clear()?;
        Ok(Staging {
            store: self,
            tree,
            next: 1,
            pack: Vec::new(),
            reports: Pending::default(),
            generation: None,
            switched: false,
        })
    }

    fn staging_tree(&self) -> Result<sled::Tree> {
        Ok(self.opened().db.open_tree(TREE)?)
    }

    /// On opening: finishes a switched-in staging, or drops one that never was.
    pub(super) fn recover_staged(&self) -> Result<()> {
        let tree = self.staging_tree()?;
        if tree.contains_key(MARKER)? {
            self.copy_staged(&tree)?;
        } else {
            self.drop_stale_report_trees()?;
        }
        if tree.is_empty() {
            return Ok(());
        }
        tree.clear()?;
        self.flush()
    }

    fn copy_staged(&self, tree: &sled::Tree) -> Result<()> {
        let marker = tree.get(MARKER)?.unwrap_or_default();
        if let Some((&(COPY_CHUNKS | FLIP), name)) = marker.split_first() {
            super::generations::held(&self.opened().db, name, TREE)?;
        }
        let trees = self.opened().trees.clone();
        // Reports are gathered per chunk, so each chunk is rewritten once per batch.
        let mut reports = Pending::default();
        // Units and codes likewise, per group (see `grouped`).
        let mut groups = super::grouped::PendingGroups::default();
        for entry in tree.range(1u64.to_be_bytes().to_vec()..vec![REMOVED]) {
            let (_, stored) = entry?;
            let pack = open_pack(&stored)?;
            let mut rest = pack.as_ref();
            while !rest.is_empty() {
                let (op, tail) = split_one(rest)?;
                rest = tail;
                let (t, k, v) = decode(op)?;
                match (t, v) {
                    // Staged by a binary that staged report writes one by one.
                    (TreeId::Reports, v) => self.pend_report(&mut reports, &k, v.as_deref())?,
                    // Staged by an older binary: a retired index (see `TreeId::RETIRED`).
                    (t, _) if t.is_retired() => {}
                    (t, v) if t.is_grouped() => {
                        self.pend_group(&mut groups, t, &k, v.as_deref())?
                    }
                    (t, Some(v)) => {
                        trees[t as usize].insert(k, v)?;
                    }
                    (t, None) => {
                        trees[t as usize].remove(k)?;
                    }
                }
            }
            super::let_garbage_go(tree);
            crate::killpoint::reached("stage.copy");
        }
        self.write_groups(&mut groups)?;
        self.finish_reports(&mut reports)?;
        if let Some((&COPY_CHUNKS, name)) = marker.split_first() {
            self.copy_generation(tree, name)?;
        }
        self.flush()?;
        crate::killpoint::reached("stage.copied");
        if let Some((&FLIP, name)) = marker.split_first() {
            self.flip_reports(name)?;
            crate::killpoint::reached("stage.flipped");
        }
        self.drop_stale_report_trees()?;
        tree.remove(MARKER)?;
        self.flush()
    }

    /// Puts a generation's chunks, and its removals, into the report tree.
    fn copy_generation(&self, staging: &sled::Tree, name: &[u8]) -> Result<()> {
        let live = self.tree(TreeId::Reports);
        let generation = self.opened().db.open_tree(name)?;
        for (n, entry) in generation.iter().enumerate() {
            let (k, v) = entry?;
            live.insert(k, v)?;
            if n % 256 == 0 {
                super::let_garbage_go(&live);
                crate::killpoint::reached("stage.chunks");
            }
        }
        for entry in staging.scan_prefix([REMOVED]) {
            let (k, _) = entry?;
            live.remove(&k[1..])?;
        }
        Ok(())
    }
}

impl Staging<'_> {
    /// Adds writes in order after those already staged.
    pub fn push(&mut self, mut ws: WriteSet) -> Result<()> {
        if ws.units {
            let next = self.store.units_version()? + 1;
            ws.raw_put(
                TreeId::Meta,
                super::meta::UNITS_VERSION.to_vec(),
                next.to_be_bytes().to_vec(),
            );
        }
        let mut marks = ws.marks.into_iter().peekable();
        for (i, (t, k, v)) in ws.ops.into_iter().enumerate() {
            let mark = marks.next_if(|m| m.0 == i).map(|m| m.1);
            if t == TreeId::Reports {
                self.reports.add(&k, v.as_deref(), mark)?;
                if self.reports.is_full() {
                    self.merge_reports()?;
                }
                continue;
            }
            let op = encode(t, &k, v.as_deref());
            self.pack
                .extend_from_slice(&(op.len() as u32).to_be_bytes());
            self.pack.extend_from_slice(&op);
            if self.pack.len() >= PACK {
                self.write_pack()?;
            }
        }
        Ok(())
    }

    fn write_pack(&mut self) -> Result<()> {
        if !self.pack.is_empty() {
            // Deflated: staged writes repeat themselves, and sled holds, logs and later
            // compacts every byte staged (a national import stages about 180 MB).
            let pack = std::mem::take(&mut self.pack);
            let mut stored = vec![DEFLATED];
            stored.extend_from_slice(&super::deflate::deflate(&[&pack]));
            self.tree.insert(self.next.to_be_bytes(), stored)?;
            self.next += 1;
            super::let_garbage_go(&self.tree);
            crate::killpoint::reached("stage.pack");
        }
        Ok(())
    }

    /// Merges the gathered report writes into their chunks in the generation: each chunk as
    /// the generation has it, else as the report tree does.
    fn merge_reports(&mut self) -> Result<()> {
        if self.reports.is_empty() {
            return Ok(());
        }
        let generation = match self.generation.as_mut() {
            Some(g) => g,
            None => {
                let (name, tree) = self.store.new_generation()?;
                self.generation.insert(Generation {
                    name,
                    tree,
                    chunks: HashSet::new(),
                    removed: HashSet::new(),
                })
            }
        };
        let live = self.store.tree(TreeId::Reports);
        for (n, (key, changes)) in self.reports.drain().into_iter().enumerate() {
            let base = match generation.chunks.contains(&key) {
                true => generation.tree.get(&key)?,
                false => live.get(&key)?,
            };
            let merged = packed::merge(base.as_deref(), &changes)
                .map_err(|e| super::reports::corrupt(&key, e))?;
            match merged {
                Some(chunk) => {
                    generation.tree.insert(&key, chunk)?;
                    generation.removed.remove(&key);
                }
                None => {
                    generation.tree.remove(&key)?;
                    generation.removed.insert(key.clone());
                }
            }
            generation.chunks.insert(key);
            if n % 256 == 255 {
                super::let_garbage_go(&generation.tree);
            }
        }
        Ok(())
    }

    /// What the marker says of the generation. It replaces the report tree when the write
    /// changed at least half the chunks there are: the chunks it left alone are copied into it
    /// first. Otherwise its chunks will be copied into place, and its removals with them.
    fn settle_generation(&mut self) -> Result<Vec<u8>> {
        let Some(generation) = self.generation.as_ref() else {
            return Ok(vec![PACKS_ONLY]);
        };
        let live = self.store.tree(TreeId::Reports);
        let flip = generation.chunks.len() * 2 >= live.len();
        if flip {
            for (n, entry) in live.iter().enumerate() {
                let (k, v) = entry?;
                if !generation.chunks.contains(k.as_ref()) {
                    generation.tree.insert(k, v)?;
                }
                if n % 256 == 255 {
                    super::let_garbage_go(&generation.tree);
                }
            }
        } else {
            for k in &generation.removed {
                self.tree.insert([&[REMOVED][..], k].concat(), &[])?;
            }
        }
        let how = if flip { FLIP } else { COPY_CHUNKS };
        Ok([&[how][..], &generation.name].concat())
    }

    /// Switches every staged write in, durably, and copies them into place.
    pub fn commit(mut self) -> Result<()> {
        self.merge_reports()?;
        self.write_pack()?;
        let marker = self.settle_generation()?;
        self.store.flush()?;
        crate::killpoint::reached("stage.flushed");
        self.tree.insert(MARKER, marker)?;
        self.store.flush()?;
        self.switched = true;
        crate::killpoint::reached("stage.marked");
        self.store.copy_staged(&self.tree)?;
        self.tree.clear()?;
        self.store.flush()
    }
}

impl Drop for Staging<'_> {
    /// Writes never switched in are dropped, with their generation; a kill before this leaves
    /// them for the next open. Once switched in, a failed copy is finished by the next open.
    fn drop(&mut self) {
        if self.switched {
            return;
        }
        let _ = self.tree.clear();
        if let Some(g) = self.generation.take() {
            let _ = self.store.opened().db.drop_tree(&g.name);
        }
    }
}

fn encode(t: TreeId, k: &[u8], v: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(6 + k.len() + v.map_or(0, <[u8]>::len));
    out.push(t as u8);
    out.extend_from_slice(&(k.len() as u32).to_be_bytes());
    out.extend_from_slice(k);
    if let Some(v) = v {
        out.push(1);
        out.extend_from_slice(v);
    } else {
        out.push(0);
    }
    out
}

/// A staged pack's writes, inflated if it was deflated.
fn open_pack(stored: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    match stored.split_first() {
        Some((&DEFLATED, deflated)) => super::deflate::inflate(deflated, MAX_PACK)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| Error::Corrupt {
                what: TREE.into(),
                detail: format!("a staged pack: {e}"),
            }),
        _ => Ok(std::borrow::Cow::Borrowed(stored)),
    }
}

/// The first length-prefixed write of a pack, and the rest.
fn split_one(b: &[u8]) -> Result<(&[u8], &[u8])> {
    let bad = || Error::Corrupt {
        what: TREE.into(),
        detail: "a staged pack is cut short".into(),
    };
    let len = b
        .get(..4)
        .and_then(|x| x.try_into().ok())
        .map(u32::from_be_bytes)
        .ok_or_else(bad)? as usize;
    let op = b.get(4..4 + len).ok_or_else(bad)?;
    Ok((op, &b[4 + len..]))
}

type Op = (TreeId, Vec<u8>, Option<Vec<u8>>);

fn decode(b: &[u8]) -> Result<Op> {
    let bad = || Error::Corrupt {
        what: TREE.into(),
        detail: "a staged write cannot be read".into(),
    };
    let t = *TreeId::EVERY
        .get(usize::from(*b.first().ok_or_else(bad)?))
        .ok_or_else(bad)?;
    let len = b
        .get(1..5)
        .and_then(|x| x.try_into().ok())
        .map(u32::from_be_bytes)
        .ok_or_else(bad)? as usize;
    let k = b.get(5..5 + len).ok_or_else(bad)?.to_vec();
    let v = match b.get(5 + len) {
        Some(1) => Some(b[6 + len..].to_vec()),
        Some(0) if b.len() == 6 + len => None,
        _ => return Err(bad()),
    };
    Ok((t, k, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;
    use crate::domain::report::Report;

    fn report(unit: &str, month: u8, value: u32) -> Report {
        let mut r = Report::new(unit, Period::month(2026, month), "test", 1);
        r.values.push(("tt_buoi".into(), value));
        r
    }

    fn value_of(store: &Store, unit: &str, month: u8) -> Option<u32> {
        let r = store.report(unit, Period::month(2026, month)).unwrap();
        r.map(|r| r.values[0].1)
    }

    fn report_trees(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = store
            .opened()
            .db
            .tree_names()
            .iter()
            .map(|n| String::from_utf8_lossy(n).to_string())
            .filter(|n| n.starts_with("report_chunks"))
            .collect();
        names.sort();
        names
    }

    /// A store with reports for 31301 and 31302 in months 1..=`months`: a chunk per month.
    fn store_with(months: u8) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut ws = WriteSet::new();
        for m in 1..=months {
            for unit in ["31301", "31302"] {
                ws.put(None, &report(unit, m, 1)).unwrap();
            }
        }
        store.apply(ws).unwrap();
        (dir, store)
    }

    /// The marks a bulk write packs come from the records as they were written, beside
    /// writes of other trees, and match what each stored report says, on both write paths.
    #[test]
    fn packed_marks_match_their_reports_whichever_way_they_are_written() {
        use crate::domain::workflow::Status;
        let (_dir, store) = store_with(1);
        let mut submitted = report("31303", 1, 5);
        submitted.status = Status::Submitted;
        submitted.first_submitted_at = Some(1_700_000_000);
        let mut ws = WriteSet::new();
        ws.raw_put(TreeId::Meta, b"other".to_vec(), b"x".to_vec());
        ws.put(None, &submitted).unwrap();
        ws.put(None, &report("31304", 1, 6)).unwrap();
        ws.raw_put(TreeId::Meta, b"other2".to_vec(), b"y".to_vec());
        let mut staging = store.stage().unwrap();
        staging.push(ws).unwrap();
        staging.commit().unwrap();
        let mut approved = report("31301", 1, 7);
        approved.status = Status::Approved;
        approved.first_submitted_at = Some(1_700_000_100);
        let mut ws = WriteSet::new();
        ws.put(None, &approved).unwrap();
        store.apply(ws).unwrap();
        let marks = store.period_marks(Period::month(2026, 1)).unwrap();
        assert_eq!(marks.len(), 4);
        for (unit, mark) in marks {
            let stored = store
                .report(&unit, Period::month(2026, 1))
                .unwrap()
                .unwrap();
            assert_eq!(mark, packed::Mark::of(&stored), "{unit}");
        }
        assert_eq!(
            store.report_mark("31303", Period::month(2026, 1)).unwrap(),
            Some(packed::Mark::of(&submitted))
        );
        assert!(store.check().ok());
    }

    /// Two batches of one staging change the same chunk: the second merges into the chunk
    /// the first wrote to the generation, nothing shows before the commit, and everything after
    /// it. Month 1 is one chunk of two, so the generation replaces the report tree.
    #[test]
    fn a_generation_that_rewrites_most_chunks_becomes_the_report_tree() {
        let (_dir, store) = store_with(2);
        assert_eq!(report_trees(&store), ["report_chunks"]);
        let mut staging = store.stage().unwrap();
        let mut ws = WriteSet::new();
        ws.put(None, &report("31303", 1, 3)).unwrap();
        ws.put(Some(&report("31301", 1, 1)), &report("31301", 1, 2))
            .unwrap();
        staging.push(ws).unwrap();
        staging.merge_reports().unwrap();
        let mut ws = WriteSet::new();
        ws.put(None, &report("31304", 1, 4)).unwrap();
        ws.delete(&report("31302", 1, 1));
        staging.push(ws).unwrap();
        assert_eq!(value_of(&store, "31303", 1), None);
        assert_eq!(value_of(&store, "31302", 1), Some(1));
        staging.commit().unwrap();
        let got: Vec<Option<u32>> = ["31301", "31302", "31303", "31304"]
            .iter()
            .map(|u| value_of(&store, u, 1))
            .collect();
        assert_eq!(got, [Some(2), None, Some(3), Some(4)]);
        // The chunk the write left alone came along.
        assert_eq!(value_of(&store, "31302", 2), Some(1));
        assert_eq!(report_trees(&store), ["report_chunks.g1"]);
        assert!(store.staging_tree().unwrap().is_empty());
        let path = store.path().to_path_buf();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(value_of(&store, "31304", 1), Some(4));
        assert_eq!(store.check().problems, Vec::<String>::new());
    }

    /// A write to two chunks of five: its chunk is copied into place, the chunk it emptied is
    /// removed, and the generation goes.
    #[test]
    fn a_generation_that_rewrites_few_chunks_is_copied_into_place() {
        let (_dir, store) = store_with(5);
        let mut staging = store.stage().unwrap();
        let mut ws = WriteSet::new();
        ws.put(Some(&report("31301", 1, 1)), &report("31301", 1, 5))
            .unwrap();
        staging.push(ws).unwrap();
        staging.merge_reports().unwrap();
        let mut ws = WriteSet::new();
        ws.delete(&report("31301", 2, 1));
        ws.delete(&report("31302", 2, 1));
        staging.push(ws).unwrap();
        staging.commit().unwrap();
        assert_eq!(value_of(&store, "31301", 1), Some(5));
        assert_eq!(value_of(&store, "31301", 2), None);
        assert_eq!(value_of(&store, "31302", 2), None);
        assert_eq!(value_of(&store, "31302", 3), Some(1));
        assert_eq!(store.tree(TreeId::Reports).len(), 4);
        assert_eq!(report_trees(&store), ["report_chunks"]);
        assert_eq!(store.check().problems, Vec::<String>::new());
    }

    /// A staging switched in whose copy failed (its marker written, its writes not yet in
    /// place) is finished by the next staging before that one clears the staging tree.
    #[test]
    fn a_switched_staging_left_behind_is_finished_before_the_next() {
        let (_dir, store) = store_with(1);
        let mut staging = store.stage().unwrap();
        let mut ws = WriteSet::new();
        ws.put(None, &report("31303", 1, 3)).unwrap();
        staging.push(ws).unwrap();
        staging.merge_reports().unwrap();
        staging.write_pack().unwrap();
        let marker = staging.settle_generation().unwrap();
        staging.tree.insert(MARKER, marker).unwrap();
        staging.switched = true;
        drop(staging);
        assert_eq!(value_of(&store, "31303", 1), None);
        let next = store.stage().unwrap();
        assert_eq!(value_of(&store, "31303", 1), Some(3));
        assert_eq!(report_trees(&store), ["report_chunks.g1"]);
        drop(next);
        assert_eq!(value_of(&store, "31303", 1), Some(3));
        assert_eq!(store.check().problems, Vec::<String>::new());
    }

    /// A staging marker naming a tree that is no generation (hand-edited or damaged) stops the
    /// open; the report tree it would have replaced and dropped is still there.
    #[test]
    fn a_marker_naming_no_generation_is_refused_and_drops_nothing() {
        let (dir, store) = store_with(1);
        let staging = store.staging_tree().unwrap();
        staging
            .insert(MARKER, [&[FLIP][..], b"audit"].concat())
            .unwrap();
        store.flush().unwrap();
        drop((staging, store));
        let path = dir.path().join("db");
        assert!(Store::open(&path).is_err());
        let db = sled::open(&path).unwrap();
        assert_eq!(db.open_tree("report_chunks").unwrap().len(), 1);
        assert!(db
            .open_tree(super::super::generations::LAYOUT)
            .unwrap()
            .is_empty());
    }

    /// A staging dropped before its commit leaves no generation behind, and neither does one
    /// a kill interrupted (the next open drops it).
    #[test]
    fn a_generation_never_switched_in_is_dropped() {
        let (dir, store) = store_with(1);
        let mut staging = store.stage().unwrap();
        let mut ws = WriteSet::new();
        ws.put(None, &report("31303", 1, 3)).unwrap();
        staging.push(ws).unwrap();
        staging.merge_reports().unwrap();
        assert_eq!(report_trees(&store), ["report_chunks", "report_chunks.g1"]);
        drop(staging);
        assert_eq!(report_trees(&store), ["report_chunks"]);
        // As a kill leaves it: a generation written and flushed, no marker.
        let (_, generation) = store.new_generation().unwrap();
        generation.insert(b"x", b"y".to_vec()).unwrap();
        store.flush().unwrap();
        drop(generation);
        drop(store);
        let store = Store::open(&dir.path().join("db")).unwrap();
        assert_eq!(report_trees(&store), ["report_chunks"]);
        assert_eq!(value_of(&store, "31301", 1), Some(1));
    }

    #[test]
    fn an_entry_reads_back_and_damage_is_refused() {
        let e = encode(TreeId::Reports, b"k1", Some(b"v"));
        assert_eq!(
            decode(&e).unwrap(),
            (TreeId::Reports, b"k1".to_vec(), Some(b"v".to_vec()))
        );
        let r = encode(TreeId::Units, b"", None);
        assert_eq!(decode(&r).unwrap(), (TreeId::Units, vec![], None));
        assert!(decode(&e[..4]).is_err());
        let mut x = r.clone();
        x.push(9);
        assert!(decode(&x).is_err());
        assert!(decode(&[200, 0, 0, 0, 0, 0]).is_err());
        let mut pack = (e.len() as u32).to_be_bytes().to_vec();
        pack.extend_from_slice(&e);
        assert_eq!(split_one(&pack).unwrap(), (&e[..], &[][..]));
        assert!(split_one(&pack[..pack.len() - 1]).is_err());
    }

    #[test]
    fn a_pack_reads_deflated_or_plain_and_damage_is_refused() {
        let e = encode(TreeId::Reports, b"k1", Some(b"v"));
        let mut plain = (e.len() as u32).to_be_bytes().to_vec();
        plain.extend_from_slice(&e);
        let mut deflated = vec![DEFLATED];
        deflated.extend_from_slice(&crate::store::deflate::deflate(&[&plain]));
        assert_eq!(open_pack(&plain).unwrap().as_ref(), &plain[..]);
        assert_eq!(open_pack(&deflated).unwrap().as_ref(), &plain[..]);
        let cut = &deflated[..deflated.len() / 2];
        assert!(open_pack(cut).is_err());
    }
}
