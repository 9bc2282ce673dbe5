//! Writes too large for one sled transaction. sled holds every write of a transaction or a
//! batch until it ends (about 3 KB each), so a national import in one would need gigabytes;
//! single inserts free as they go. Large writes are therefore staged in their own tree, one
//! insert at a time, then switched in by one flushed marker, then copied into place the same
//! way. A store opened with the marker finishes the copy; staged writes without it are
//! dropped. Either way a kill leaves all or nothing.
//!
//! Each staged entry is an absolute put or remove, replayed in order, so copying twice gives
//! the same result as copying once.

use super::{Store, TreeId, WriteSet};
use crate::error::{Error, Result};

/// The staging tree; not in `TreeId::ALL`, so backups, restores and checks never see it.
pub(super) const TREE: &str = "staged";
/// Bytes of writes staged as one entry: one insert per write would double an import's cost.
const PACK: usize = 64 << 10;
/// Present while staged writes are being copied into place.
const MARKER: &[u8] = &[0];
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
}

impl Store {
    /// Starts staging: writes pushed here touch no record until `commit`.
    pub fn stage(&self) -> Result<Staging<'_>> {
        self.refuse_if_stopped()?;
        let tree = self.staging_tree()?;
        tree.clear()?;
        Ok(Staging {
            store: self,
            tree,
            next: 1,
            pack: Vec::new(),
        })
    }

    fn staging_tree(&self) -> Result<sled::Tree> {
        Ok(self.opened().db.open_tree(TREE)?)
    }

    /// On opening: finishes a switched-in staging, or drops one that never was.
    pub(super) fn recover_staged(&self) -> Result<()> {
        let tree = self.staging_tree()?;
        if tree.is_empty() {
            return Ok(());
        }
        if tree.contains_key(MARKER)? {
            self.copy_staged(&tree)?;
        }
        tree.clear()?;
        self.flush()
    }

    fn copy_staged(&self, tree: &sled::Tree) -> Result<()> {
        let trees = self.opened().trees.clone();
        // Reports are gathered per chunk, so each chunk is rewritten once per batch.
        let mut reports = super::packed::Pending::default();
        for entry in tree.range(1u64.to_be_bytes()..) {
            let (_, stored) = entry?;
            let pack = open_pack(&stored)?;
            let mut rest = pack.as_ref();
            while !rest.is_empty() {
                let (op, tail) = split_one(rest)?;
                rest = tail;
                let (t, k, v) = decode(op)?;
                match (t, v) {
                    (TreeId::Reports, v) => self.pend_report(&mut reports, &k, v.as_deref())?,
                    // Staged by an older binary: a retired index (see `TreeId::RETIRED`).
                    (t, _) if t.is_retired() => {}
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
        self.finish_reports(&mut reports)?;
        self.flush()?;
        crate::killpoint::reached("stage.copied");
        tree.remove(MARKER)?;
        self.flush()
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
        for (t, k, v) in ws.ops {
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

    /// Switches every staged write in, durably, and copies them into place.
    pub fn commit(mut self) -> Result<()> {
        self.write_pack()?;
        self.store.flush()?;
        crate::killpoint::reached("stage.flushed");
        self.tree.insert(MARKER, &[1])?;
        self.store.flush()?;
        crate::killpoint::reached("stage.marked");
        self.store.copy_staged(&self.tree)?;
        self.tree.clear()?;
        self.store.flush()
    }
}

impl Drop for Staging<'_> {
    /// Writes never switched in are dropped; a kill before this leaves them for the next open.
    fn drop(&mut self) {
        let _ = self.tree.clear();
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
