//! The unit tree kept whole in one entry, so an open's first screen reads one value instead of
//! every unit. The entry is derived: it is made from the units when missing, carries the units'
//! version it was made from (`meta::UNITS_VERSION`, raised by every write that touches a unit),
//! and counts only while that version is current. It lives in its own tree, outside
//! `TreeId::ALL`: backups never carry it, and a restore starts without one.

use super::{meta, Store, TreeId};
use crate::error::Result;

pub(super) const TREE: &str = "unit_snapshot";
const KEY: &[u8] = b"tree";

impl Store {
    /// The units' version: raised by every write that touches a unit.
    pub fn units_version(&self) -> Result<u64> {
        self.get_meta_u64(meta::UNITS_VERSION)
    }

    fn snapshot_tree(&self) -> Result<sled::Tree> {
        Ok(self.opened().db.open_tree(TREE)?)
    }

    /// The kept unit tree if it was made at `version`: the stored bytes themselves, not a copy
    /// (a national tree is about 15 MB, read at every open).
    pub fn unit_snapshot(&self, version: u64) -> Result<Option<super::entries::Bytes>> {
        let Some(v) = self.snapshot_tree()?.get(KEY)? else {
            return Ok(None);
        };
        Ok(v.get(..8)
            .filter(|tag| *tag == version.to_be_bytes())
            .map(|_| v.subslice(8, v.len() - 8)))
    }

    /// Keeps the unit tree made at `version`. Not flushed: lost, it is made again.
    pub fn keep_unit_snapshot(&self, version: u64, bytes: &[u8]) -> Result<()> {
        if self.stopped().is_some() {
            return Ok(());
        }
        let mut v = version.to_be_bytes().to_vec();
        v.extend_from_slice(bytes);
        self.snapshot_tree()?.insert(KEY, v)?;
        Ok(())
    }

    pub(super) fn drop_unit_snapshot(&self) -> Result<()> {
        self.snapshot_tree()?.clear()?;
        Ok(())
    }
}

/// The write that raises the units' version inside a transaction.
pub(super) fn raise_version(
    tx: &[sled::transaction::TransactionalTree],
) -> sled::transaction::ConflictableTransactionResult<(), crate::error::Error> {
    let m = &tx[TreeId::Meta as usize];
    let now = m
        .get(meta::UNITS_VERSION)?
        .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
        .unwrap_or(0);
    m.insert(meta::UNITS_VERSION, &(now + 1).to_be_bytes())?;
    Ok(())
}
