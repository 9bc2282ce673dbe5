//! The sled store: one tree per entity and per index, one codec, atomic flushed writes.

pub mod audit;
pub mod audit_index;
pub mod check;
pub mod codec;
pub mod compact;
pub mod deflate;
pub mod entries;
pub mod files;
pub mod full_disk;
mod generations;
pub mod grouped;
pub mod indexes;
pub mod keys;
pub mod packed;
pub mod raw;
pub mod reports;
pub mod scan;
pub mod staged;
pub mod swap;
pub mod trees;
pub mod unit_snapshot;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use crate::error::{Error, Result};
use codec::Record;
use indexes::Indexed;
pub use keys::show_key;
pub use trees::{meta, TreeId};

/// The schema this binary writes. A store with a higher number is refused.
/// 2: units have dated values and lineage links, and `unit_codes` says who held a code when.
/// 3: reports are packed per (period, group of codes) (see `packed`); `reports_by_period`
/// is gone.
/// 4: the entries of an audit pack are indexed by group of entities, one index entry per
/// group and pack (`audit_packs_by_entity`), not one per entry (see `audit`).
/// 5: units keep one index, who held a code when (`unit_codes`); the children and name
/// indexes are gone (the unit cache lists children and folds names), so a national unit import
/// writes half the entries. The report chunks may live in a generation the `layout` tree names
/// (see `generations`), which a schema-4 binary would not know to read.
/// 6: a group's index entry of audit packs is deflated (`audit::DeflatedGroupIndex`), which a
/// schema-5 binary cannot read. Plain entries from before stay as they are and still read.
/// 7: units and their code index are kept several entries to a sled entry, grouped by their
/// keys' first bytes (`grouped`), in the trees `unit_groups` and `unit_code_groups`; a
/// national unit import writes about 8,000 entries instead of 200,000.
pub const SCHEMA_VERSION: u32 = 7;

/// One put (with its value) or remove (without).
pub(crate) type Op = (TreeId, Vec<u8>, Option<Vec<u8>>);

/// Puts and removes to apply atomically, in order.
#[derive(Default)]
pub struct WriteSet {
    ops: Vec<Op>,
    /// Some write touches a unit: the units' version is raised with it.
    units: bool,
    /// The marks of the reports written, by their op's place in `ops`.
    marks: Vec<(usize, packed::Mark)>,
}

impl WriteSet {
    pub fn new() -> WriteSet {
        WriteSet::default()
    }

    pub fn raw_put(&mut self, t: TreeId, k: Vec<u8>, v: Vec<u8>) {
        self.units |= t == TreeId::Units;
        self.ops.push((t, k, Some(v)));
    }

    pub fn raw_remove(&mut self, t: TreeId, k: Vec<u8>) {
        self.units |= t == TreeId::Units;
        self.ops.push((t, k, None));
    }

    /// Stores `new` and brings its index entries in line, given the record it replaces.
    pub fn put<T: Indexed>(&mut self, old: Option<&T>, new: &T) -> Result<()> {
        self.units |= T::TREE == TreeId::Units;
        if let Some(old) = old {
            let keep: BTreeSet<(TreeId, Vec<u8>)> = new
                .index_entries()
                .into_iter()
                .map(|(t, k, _)| (t, k))
                .collect();
            for (t, k, _) in old.index_entries() {
                if !keep.contains(&(t, k.clone())) {
                    self.ops.push((t, k, None));
                }
            }
            let (ok, nk) = (old.primary_key(), new.primary_key());
            if ok != nk {
                self.ops.push((T::TREE, ok, None));
            }
        }
        let bytes = codec::encode(new).map_err(|e| {
            Error::invalid(
                "record",
                format!("is too large to store ({e})"),
                format!("quá lớn để lưu ({e})"),
            )
        })?;
        if let Some(mark) = new.mark() {
            self.marks.push((self.ops.len(), mark));
        }
        self.ops.push((T::TREE, new.primary_key(), Some(bytes)));
        for (t, k, v) in new.index_entries() {
            self.ops.push((t, k, Some(v)));
        }
        Ok(())
    }

    pub fn delete<T: Indexed>(&mut self, old: &T) {
        self.units |= T::TREE == TreeId::Units;
        for (t, k, _) in old.index_entries() {
            self.ops.push((t, k, None));
        }
        self.ops.push((T::TREE, old.primary_key(), None));
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }
}

/// The open sled database: the store's own, or a private read-only copy of it.
struct Opened {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    /// The copy's folder, removed when the copy is closed.
    _copy: Option<std::sync::Arc<tempfile::TempDir>>,
}

impl Opened {
    fn new(db: sled::Db, copy: Option<tempfile::TempDir>) -> Result<Opened> {
        let reports = generations::current(&db)?;
        let trees = TreeId::EVERY
            .iter()
            .map(|&t| match t {
                TreeId::Reports => db.open_tree(&reports),
                _ => db.open_tree(t.name()),
            })
            .collect::<sled::Result<Vec<_>>>()?;
        Ok(Opened {
            db,
            trees,
            _copy: copy.map(std::sync::Arc::new),
        })
    }

    /// The same database with the report chunks read from `reports`.
    fn with_reports(&self, reports: &[u8]) -> Result<Opened> {
        let mut trees = self.trees.clone();
        trees[TreeId::Reports as usize] = self.db.open_tree(reports)?;
        Ok(Opened {
            db: self.db.clone(),
            trees,
            _copy: self._copy.clone(),
        })
    }

    /// The store's files as they are on disk, read from a private copy on another disk.
    fn copy_of(path: &Path) -> Result<Opened> {
        let shown = path.display().to_string();
        let copy = full_disk::read_only_copy(path).ok_or_else(|| disk_full(&shown))?;
        let db = open_sled(copy.path(), &shown)?;
        Opened::new(db, Some(copy))
    }
}

pub struct Store {
    open: std::sync::RwLock<std::sync::Arc<Opened>>,
    path: PathBuf,
    loose: Vec<String>,
    /// Why the store takes no more changes: a save failed, or its disk is full.
    stopped: std::sync::Mutex<Option<String>>,
    /// The store's own lock (`swap::LOCK`), held while the store is open.
    lock: Option<std::fs::File>,
}

/// sled's page cache. Its default (1 GB) is half a province server's memory; reads of a
/// national store stay as fast with this (BENCHMARKS.md).
const CACHE_BYTES: u64 = 64 << 20;

/// The page cache of a process that reads or writes a store end to end (an import, a backup,
/// a compaction): each page is wanted once, and sled holds about twice its cache in memory.
/// A national report import peaked at 313 MB with 64 MB and 273 MB with this, in the same time
/// (BENCHMARKS.md).
const BULK_CACHE_BYTES: u64 = 16 << 20;

static CACHE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(CACHE_BYTES);

/// Every store this process opens from now on gets the bulk job's smaller cache.
pub fn use_bulk_cache() {
    CACHE.store(BULK_CACHE_BYTES, std::sync::atomic::Ordering::Relaxed);
}

/// Opens sled on `dir`. Only explicit flushes write: a write whose flush failed must never
/// reach the disk later through a background flush. An open that fails for want of room may
/// already have written a snapshot of a log it could not finish; that snapshot is removed,
/// or every later open would find the log shorter than it claims and call the store corrupt.
fn open_sled(dir: &Path, shown: &str) -> Result<sled::Db> {
    let before = files::snapshots(dir);
    sled::Config::new()
        .path(dir)
        .cache_capacity(CACHE.load(std::sync::atomic::Ordering::Relaxed))
        .flush_every_ms(None)
        .open()
        .map_err(|e| {
            if full_disk::is_disk_full(&e) {
                let _ = files::remove_snapshots_except(dir, &before);
            }
            open_error(shown, e)
        })
}

impl Store {
    /// Opens or creates the store, refusing a locked store or one from a newer schema. The
    /// folder and its files are made private to the owner (0700/0600). On a full disk the
    /// store opens read-only, from a copy.
    pub fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        refuse_foreign_folder(path)?;
        crate::private_fs::create_dir(path).map_err(|e| Error::Io {
            detail: format!("cannot create {shown}: {e}"),
        })?;
        let lock = swap::lock(path)?;
        swap::finish(path)?;
        files::clear_interrupted_snapshots(path)?;
        let existed = path.join("conf").exists();
        let (opened, stopped) = match open_sled(path, &shown) {
            Ok(db) => (Opened::new(db, None)?, None),
            // sled completes its last segment on opening; with no room, read a copy.
            Err(Error::DiskFull { .. }) => {
                (Opened::copy_of(path)?, Some("its disk is full".to_string()))
            }
            Err(e) => return Err(e),
        };
        let store = Store {
            open: std::sync::RwLock::new(std::sync::Arc::new(opened)),
            path: path.to_path_buf(),
            loose: files::tighten(path),
            stopped: std::sync::Mutex::new(stopped),
            lock,
        };
        if store.tree(TreeId::Meta).contains_key(meta::RESTORING)? {
            if store.stopped().is_some() {
                // Half a restore is nobody's data: show none of it until it can be emptied.
                return Err(Error::invalid(
                    "db",
                    format!("the store {shown} holds a restore that did not finish, and its disk is full: none of it is shown. Free space on that disk (see: df -h {shown}), then run the command again: the store is emptied then, ready for another restore"),
                    format!("kho {shown} chứa một lần phục hồi chưa xong và ổ đĩa của nó đã đầy: không hiển thị phần nào. Hãy giải phóng dung lượng (xem: df -h {shown}) rồi chạy lại lệnh: khi đó kho được làm trống, sẵn sàng phục hồi lại"),
                ));
            }
            store.abandon_restore()?;
        }
        store.check_schema(existed)?;
        if store.stopped().is_none() {
            store.recover_staged()?;
        }
        Ok(store)
    }

    fn opened(&self) -> std::sync::Arc<Opened> {
        self.open.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Files of the store that others may read and that this process could not tighten.
    pub fn loose_modes(&self) -> &[String] {
        &self.loose
    }

    /// A store that existed always has its schema record (written with its first flush): if
    /// it is gone, sled could not read the log and opened it as empty.
    fn check_schema(&self, existed: bool) -> Result<()> {
        let meta = self.tree(TreeId::Meta);
        match meta.get(meta::SCHEMA)? {
            Some(v) => {
                let found =
                    v.as_ref()
                        .try_into()
                        .map(u32::from_be_bytes)
                        .map_err(|_| Error::Corrupt {
                            what: "meta/schema".into(),
                            detail: "not 4 bytes".into(),
                        })?;
                if found > SCHEMA_VERSION {
                    return Err(Error::StoreTooNew {
                        path: self.path.display().to_string(),
                        found,
                        supported: SCHEMA_VERSION,
                    });
                }
                if found < SCHEMA_VERSION {
                    self.upgrade_from(found)?;
                } else if self.stopped().is_none() {
                    // A kill between recording the schema and dropping what it retired.
                    self.drop_retired()?;
                }
                Ok(())
            }
            None if existed => Err(Error::Damaged {
                path: self.path.display().to_string(),
                detail: "its records cannot be read: the log opens empty".into(),
            }),
            None => {
                meta.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
                self.flush()
            }
        }
    }

    /// Schema 1 had no code index: build it from the units. Schema 2 kept a report per entry:
    /// pack them. Then record the new schema, and only then drop what it replaced.
    fn upgrade_from(&self, found: u32) -> Result<()> {
        if found < grouped::SINCE_SCHEMA {
            self.migrate_groups()?;
            crate::killpoint::reached("migrate.grouped");
        }
        if found < 2 {
            let mut ws = WriteSet::new();
            for u in self.records::<crate::domain::unit::Unit>(TreeId::Units, b"") {
                let u = u?;
                for (t, k, v) in u.index_entries() {
                    if t == TreeId::UnitCodes {
                        ws.raw_put(t, k, v);
                    }
                }
            }
            self.apply(ws)?;
        }
        if found < 3 {
            self.migrate_reports()?;
            crate::killpoint::reached("migrate.packed");
        }
        if found < 4 {
            self.migrate_audit_index()?;
        }
        let meta = self.tree(TreeId::Meta);
        meta.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
        self.flush()?;
        self.drop_retired()?;
        self.flush()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One hash of every entry of every tree, records, indexes and meta alike: equal digests
    /// mean nothing was changed. Tests use it to show a refused command wrote nothing.
    pub fn digest(&self) -> Result<[u8; 32]> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for t in TreeId::ALL {
            h.update([t as u8]);
            for entry in self.tree(t).iter() {
                let (k, v) = entry?;
                h.update((k.len() as u64).to_be_bytes());
                h.update(&k);
                h.update((v.len() as u64).to_be_bytes());
                h.update(&v);
            }
        }
        Ok(h.finalize().into())
    }

    /// Marks the store as being restored into, durably, before anything is written.
    pub fn begin_restore(&self) -> Result<()> {
        self.refuse_if_stopped()?;
        self.drop_unit_snapshot()?;
        self.tree(TreeId::Meta).insert(meta::RESTORING, &[1])?;
        self.flush()?;
        crate::killpoint::reached("restore.begun");
        Ok(())
    }

    /// The restore is complete: everything written is flushed, then the marker goes.
    /// Brings what a backup of an older schema restored to this one (its reports were packed
    /// as they came), and records this schema.
    pub fn upgrade_restored(&self, schema: u32) -> Result<()> {
        if schema >= SCHEMA_VERSION {
            return Ok(());
        }
        if schema < 4 {
            self.migrate_audit_index()?;
        }
        let meta = self.tree(TreeId::Meta);
        meta.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
        Ok(())
    }

    pub fn end_restore(&self) -> Result<()> {
        self.flush()?;
        crate::killpoint::reached("restore.flushed");
        self.tree(TreeId::Meta).remove(meta::RESTORING)?;
        self.flush()
    }

    /// Empties the store again after a failed or interrupted restore. The marker goes last,
    /// after a flush, so a kill in here leaves it for the next open to finish.
    pub fn abandon_restore(&self) -> Result<()> {
        self.drop_unit_snapshot()?;
        for t in TreeId::ALL.into_iter().filter(|&t| t != TreeId::Meta) {
            self.tree(t).clear()?;
        }
        let m = self.tree(TreeId::Meta);
        for k in m.iter().keys().flatten() {
            if k.as_ref() != meta::RESTORING {
                m.remove(k)?;
            }
        }
        m.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
        self.flush()?;
        m.remove(meta::RESTORING)?;
        self.flush()
    }

    pub(crate) fn tree(&self, t: TreeId) -> sled::Tree {
        self.opened().trees[t as usize].clone()
    }

    /// One tree's entries by logical key, for reads an index answers faster than decoding
    /// records. A grouped tree is read through its groups.
    pub fn entries(&self, t: TreeId) -> entries::Entries {
        entries::Entries::new(self.tree(t), t.is_grouped().then_some(t))
    }

    /// One tree's sled entries as they are stored (a grouped tree's groups): what a backup
    /// carries and a restore writes back.
    pub fn stored_entries(&self, t: TreeId) -> entries::Entries {
        entries::Entries::new(self.tree(t), None)
    }

    pub fn get<T: Record>(&self, t: TreeId, key: &[u8]) -> Result<Option<T>> {
        match self.entries(t).get(key)? {
            Some(v) => codec::decode(&v).map(Some).map_err(|e| corrupt(t, key, e)),
            None => Ok(None),
        }
    }

    pub fn contains(&self, t: TreeId, key: &[u8]) -> Result<bool> {
        self.entries(t).contains_key(key)
    }

    pub fn get_meta_u64(&self, key: &[u8]) -> Result<u64> {
        Ok(self
            .tree(TreeId::Meta)
            .get(key)?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }

    /// Keys under `prefix` in order, without decoding values.
    pub fn keys_with_prefix(
        &self,
        t: TreeId,
        prefix: &[u8],
    ) -> impl DoubleEndedIterator<Item = Result<sled::IVec>> {
        self.entries(t).keys_with_prefix(prefix)
    }

    pub fn entries_with_prefix(
        &self,
        t: TreeId,
        prefix: &[u8],
    ) -> impl DoubleEndedIterator<Item = Result<(entries::Bytes, entries::Bytes)>> {
        self.entries(t).scan_prefix(prefix)
    }

    /// Decoded records under `prefix`, in key order.
    pub fn records<T: Record>(
        &self,
        t: TreeId,
        prefix: &[u8],
    ) -> impl DoubleEndedIterator<Item = Result<T>> + '_ {
        self.entries(t).scan_prefix(prefix).map(move |r| {
            let (k, v) = r?;
            codec::decode(&v).map_err(|e| corrupt(t, &k, e))
        })
    }

    /// Applies every write in one transaction across all trees, then flushes to disk, so the
    /// caller may report success only once the data would survive a crash.
    pub fn commit(&self, ws: WriteSet) -> Result<()> {
        self.apply(ws)?;
        crate::killpoint::reached("commit.applied");
        self.flush()
    }

    /// Like `commit` without the flush: for bulk loads that flush once at the end.
    pub fn apply(&self, ws: WriteSet) -> Result<()> {
        self.refuse_if_stopped()?;
        if ws.is_empty() {
            return Ok(());
        }
        let chunks = reports::by_chunk(&ws)?;
        let groups = grouped::PendingGroups::of_ops(&ws.ops);
        self.refuse_without_room(&ws, &chunks, &groups)?;
        let res: std::result::Result<(), TransactionError<Error>> =
            self.opened().trees.as_slice().transaction(|tx| {
                let plain = |op: &&Op| op.0 != TreeId::Reports && !op.0.is_grouped();
                for (t, k, v) in ws.ops.iter().filter(plain) {
                    let tree = &tx[*t as usize];
                    match v {
                        Some(v) => tree.insert(k.as_slice(), v.as_slice())?,
                        None => tree.remove(k.as_slice())?,
                    };
                }
                // Read, merge, write: sled runs the closure again if another writer changed
                // the chunk meanwhile, so two saves to one chunk both land.
                if ws.units {
                    unit_snapshot::raise_version(tx)?;
                }
                // Read, merge, write, as for report chunks below.
                for (t, group, changes) in groups.iter() {
                    let tree = &tx[t as usize];
                    let old = tree.get(group)?;
                    let merged = grouped::merge(group, old.as_deref(), changes).map_err(|e| {
                        ConflictableTransactionError::Abort(grouped::corrupt(t, group, e))
                    })?;
                    match merged {
                        Some(v) => tree.insert(group, v)?,
                        None => tree.remove(group)?,
                    };
                }
                let tree = &tx[TreeId::Reports as usize];
                for (k, changes) in &chunks {
                    let old = tree.get(k.as_slice())?;
                    let merged = packed::merge(old.as_deref(), changes).map_err(|e| {
                        ConflictableTransactionError::Abort(Error::Corrupt {
                            what: format!("{}/{}", TreeId::Reports.name(), show_key(k)),
                            detail: e.to_string(),
                        })
                    })?;
                    match merged {
                        Some(v) => tree.insert(k.as_slice(), v)?,
                        None => tree.remove(k.as_slice())?,
                    };
                }
                Ok::<(), ConflictableTransactionError<Error>>(())
            });
        match res {
            Ok(()) => Ok(()),
            Err(TransactionError::Storage(e)) => Err(self.stop(e)),
            Err(TransactionError::Abort(e)) => Err(e),
        }
    }

    /// sled writes a transaction's entries into its log as they come, and one that fails
    /// half way for want of room leaves the first half to be read back on the next open. So a
    /// write that may not fit is refused before any of it reaches the log: it needs its own
    /// bytes, the chunks it rewrites, and the log's segment it may open, twice over.
    fn refuse_without_room(
        &self,
        ws: &WriteSet,
        chunks: &std::collections::BTreeMap<
            Vec<u8>,
            std::collections::BTreeMap<String, packed::Change>,
        >,
        groups: &grouped::PendingGroups,
    ) -> Result<()> {
        const SEGMENT: u64 = 512 << 10;
        let mut bytes: u64 = ws
            .ops
            .iter()
            .map(|(_, k, v)| (k.len() + v.as_ref().map_or(0, Vec::len) + 32) as u64)
            .sum();
        let tree = self.tree(TreeId::Reports);
        for k in chunks.keys() {
            bytes += tree.get(k)?.map_or(0, |v| v.len() as u64);
        }
        for (t, group, _) in groups.iter() {
            bytes += self.tree(t).get(group)?.map_or(0, |v| v.len() as u64);
        }
        let Ok(st) = rustix::fs::statvfs(&self.path) else {
            return Ok(());
        };
        let free = st.f_bavail.saturating_mul(st.f_frsize);
        if free < 2 * (bytes + SEGMENT) {
            let full = std::io::Error::from_raw_os_error(28);
            return Err(self.stop(sled::Error::Io(full)));
        }
        Ok(())
    }

    /// Makes everything applied so far durable. A failure stops the store taking changes:
    /// what was not saved must never appear later, so nothing is flushed after it, and reads
    /// turn to a copy of what is on disk.
    pub fn flush(&self) -> Result<()> {
        self.refuse_if_stopped()?;
        self.opened().db.flush().map_err(|e| self.stop(e))?;
        Ok(())
    }

    /// Why the store takes no more changes, if it does not.
    pub fn stopped(&self) -> Option<String> {
        self.stopped
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn refuse_if_stopped(&self) -> Result<()> {
        match self.stopped() {
            Some(reason) => Err(Error::WritesStopped {
                path: self.path.display().to_string(),
                reason,
            }),
            None => Ok(()),
        }
    }

    fn stop(&self, e: sled::Error) -> Error {
        let full = full_disk::is_disk_full(&e);
        let reason = if full {
            "its disk is full".to_string()
        } else {
            format!("saving failed: {e}")
        };
        *self.stopped.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason.clone());
        // Memory now holds writes that were not saved, and sled refuses to take them back:
        // read the disk as it is instead, from a copy (it stays as it is; nothing is flushed).
        // Without room for a copy anywhere, memory stays as it is (see the README).
        if let Ok(copy) = Opened::copy_of(&self.path) {
            let mut open = self.open.write().unwrap_or_else(|p| p.into_inner());
            let failed = std::mem::replace(&mut *open, std::sync::Arc::new(copy));
            // Never dropped: sled flushes a database as it drops it, which would write what
            // was refused, or wait forever for room on a full disk.
            std::mem::forget(failed);
        }
        let path = self.path.display().to_string();
        if full {
            disk_full(&path)
        } else {
            Error::SaveFailed { path, reason }
        }
    }
}

/// sled frees what a write replaced only once every thread has moved past it, and a batch pins
/// one epoch for its whole length, so a long run of writes keeps it from noticing: a few hundred cheap reads let its collector
/// catch up, which bounds a bulk write's memory (units in batches of 1,000 took 284 MB without,
/// 78 MB with, in issue 27's measurements).
pub(crate) fn let_garbage_go(tree: &sled::Tree) {
    for _ in 0..256 {
        let _ = tree.get([]);
    }
}

/// sled would happily write its files into any folder; refuse one that holds something else.
fn refuse_foreign_folder(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    if path.is_file() {
        return Err(Error::CannotOpen {
            path: shown,
            detail: "it is a file, not a store folder".into(),
        });
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return Ok(());
    };
    let names: Vec<_> = entries.flatten().map(|e| e.file_name()).collect();
    // A store mid-switch may have its `conf` moved aside, never its compaction folders too.
    let ours = |name: &str| name == "conf" || swap::OURS.contains(&name);
    if !names.is_empty() && !names.iter().any(|n| n.to_str().is_some_and(ours)) {
        return Err(Error::CannotOpen {
            path: shown,
            detail: "the folder holds other files and is not an antq store".into(),
        });
    }
    Ok(())
}

fn disk_full(path: &str) -> Error {
    Error::DiskFull {
        path: path.to_string(),
    }
}

/// A lock held elsewhere is "in use"; anything else sled refuses is damage, and the fix is the
/// last backup, in this same place.
fn open_error(shown: &str, e: sled::Error) -> Error {
    match &e {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            Error::StoreLocked {
                path: shown.to_string(),
            }
        }
        sled::Error::Io(io) if full_disk::is_io_full(io) => disk_full(shown),
        sled::Error::Io(io) => Error::StoreUnreadable {
            path: shown.to_string(),
            detail: io.to_string(),
        },
        // sled's own words carry a Debug dump ("at file offset None backtrace ()").
        sled::Error::Corruption { .. } => Error::Damaged {
            path: shown.to_string(),
            detail: "its records cannot be read: its log holds damaged data".into(),
        },
        _ => Error::Damaged {
            path: shown.to_string(),
            detail: e.to_string(),
        },
    }
}

fn corrupt(t: TreeId, key: &[u8], e: codec::CodecError) -> Error {
    Error::Corrupt {
        what: format!("{}/{}", t.label(), show_key(key)),
        detail: e.to_string(),
    }
}

/// A sled failure outside the cases `open` names: the store failed for a reason it cannot say
/// better.
impl From<sled::Error> for Error {
    /// sled shows an I/O error as Rust's Debug text (`Os { code: 28, kind: StorageFull … }`);
    /// the user reads the system's own words instead, and a full disk said plainly.
    fn from(e: sled::Error) -> Self {
        let detail = match &e {
            sled::Error::Io(io) if full_disk::is_io_full(io) => {
                "the disk is full (no space left on device); this change was NOT saved: free space on the disk, then run it again".to_string()
            }
            sled::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        };
        Error::Io { detail }
    }
}

#[cfg(test)]
mod sled_errors {
    #[test]
    fn a_full_disk_is_said_in_words_not_debug_text() {
        let full = sled::Error::Io(std::io::Error::from_raw_os_error(28));
        let shown = super::Error::from(full).en();
        assert_eq!(shown, "storage failed: the disk is full (no space left on device); this change was NOT saved: free space on the disk, then run it again");
        let other = sled::Error::Io(std::io::Error::from_raw_os_error(5));
        let shown = super::Error::from(other).en();
        assert!(
            !shown.contains("Os {") && shown.contains("os error 5"),
            "{shown}"
        );
    }
}
