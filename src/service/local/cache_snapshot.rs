//! The unit cache kept in the store as one entry (`store::unit_snapshot`), so opening a
//! national store shows its first screen without reading and sorting 100,000 units.

use serde::{Deserialize, Serialize};

use super::cache::{CachedUnit, UnitCache};
use super::LocalService;
use crate::domain::unit::Unit;
use crate::error::Result;
use crate::store::codec::{self, Record};
use crate::store::TreeId;

/// The cache's units in pre-order, each with its folded names, and where each subtree ends.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot {
    units: Vec<(Unit, String)>,
    subtree_end: Vec<u32>,
}

impl Record for Snapshot {
    const TAG: u8 = 12;
    const VERSION: u16 = 1;
    /// A national tree takes about 15 MB.
    const LIMIT: usize = 1 << 30;
}

impl Snapshot {
    fn of(c: &UnitCache) -> Snapshot {
        Snapshot {
            units: c
                .preorder
                .iter()
                .map(|u| (u.to_unit(), u.folded.clone()))
                .collect(),
            subtree_end: c.subtree_end.iter().map(|&e| e as u32).collect(),
        }
    }

    fn into_cache(self) -> Option<UnitCache> {
        let n = self.units.len();
        let ends: Vec<usize> = self.subtree_end.into_iter().map(|e| e as usize).collect();
        // A subtree ends after its root and within the tree; anything else is no tree.
        let sound = ends.len() == n && ends.iter().enumerate().all(|(i, &e)| i < e && e <= n);
        sound.then(|| {
            let units = self.units.into_iter().map(|(u, f)| CachedUnit::new(u, f));
            UnitCache::assemble(units.collect(), ends)
        })
    }
}

impl LocalService {
    /// The unit cache: the kept one when it was made from the units as they are, else built
    /// from the units and kept. It is kept only under the write lock, so no write changes a
    /// unit between reading the version and reading the units; inside a write (the lock is
    /// this thread's) or while another write runs, it is built and not kept.
    pub(super) fn load_unit_cache(&self) -> Result<UnitCache> {
        let held = self.write_lock.try_lock().ok();
        let version = self.store.units_version()?;
        if let Some(bytes) = self.store.unit_snapshot(version)? {
            let kept = codec::decode::<Snapshot>(&bytes).ok();
            if let Some(c) = kept.and_then(Snapshot::into_cache) {
                return Ok(c);
            }
        }
        let c = self.unit_cache_from_records()?;
        if held.is_some() {
            self.keep_snapshot_of(version, &c)?;
        }
        Ok(c)
    }

    /// Makes and keeps the unit tree now, durably: the process that wrote in bulk does it,
    /// so the next open does not.
    pub fn keep_unit_tree(&self) -> Result<()> {
        if self.store.stopped().is_some() {
            return Ok(());
        }
        // Kept already at this version (a report import leaves the units alone, and a
        // compaction carries the kept tree along): reading it into a cache only to find it
        // there cost a national report import its peak memory (+37 MB).
        if self
            .store
            .unit_snapshot(self.store.units_version()?)?
            .is_none()
        {
            self.cache()?;
        }
        self.store.flush()
    }

    /// Keeps the unit cache as it is now, made at the current units' version. Only for a
    /// caller that holds the write lock and whose cache was built from the units as they are
    /// (a restore, after its check built it): the next open's first screen reads one entry.
    pub(super) fn keep_cache_as_built(&self) -> Result<()> {
        let version = self.store.units_version()?;
        let c = self.cache()?;
        self.keep_snapshot_of(version, &c)
    }

    /// Keeps `c` as the unit tree made at `version`. A tree too large to encode is not kept:
    /// the next open builds it from the units.
    fn keep_snapshot_of(&self, version: u64, c: &UnitCache) -> Result<()> {
        if let Ok(bytes) = codec::encode(&Snapshot::of(c)) {
            self.store.keep_unit_snapshot(version, &bytes)?;
        }
        Ok(())
    }

    fn unit_cache_from_records(&self) -> Result<UnitCache> {
        let all: Vec<Unit> = self
            .store
            .records(TreeId::Units, b"")
            .collect::<Result<_>>()?;
        Ok(UnitCache::build(all))
    }

    /// For `check`: a kept tree made at the current version must be the units' own tree.
    pub(super) fn unit_snapshot_problems(&self) -> Result<Vec<String>> {
        let version = self.store.units_version()?;
        let Some(bytes) = self.store.unit_snapshot(version)? else {
            return Ok(Vec::new());
        };
        let fresh = Snapshot::of(&self.unit_cache_from_records()?);
        let same = codec::decode::<Snapshot>(&bytes)
            .is_ok_and(|k| k.units == fresh.units && k.subtree_end == fresh.subtree_end);
        Ok(if same {
            Vec::new()
        } else {
            vec!["unit_snapshot: the kept unit tree is not the units' own; run any command that changes a unit, or restore from a backup".to_string()]
        })
    }
}
