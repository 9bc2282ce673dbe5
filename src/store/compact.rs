//! Compaction: sled's file never shrinks, and every open rewrites its free space, so a store
//! that was written over in bulk grows and opens slowly. Compacting streams the live trees into
//! a fresh set of files beside the old ones, opens that set once (so sled writes its snapshot
//! there, not at the user's next open), and switches to it (`swap.rs`). A kill at any point
//! leaves the old store or the new one, whole.

use std::path::Path;

use super::{open_sled, swap, Store, TreeId};
use crate::error::Result;

/// What compaction did, in bytes on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compacted {
    pub before: u64,
    pub after: u64,
    /// Bytes of keys and values: what the store holds.
    pub live: u64,
}

/// Entries written per batch: bigger batches are slower, and pile up more garbage.
const BATCH: usize = 1_000;
/// Batches between flushes of the copy.
const FLUSH_EVERY: usize = 64;
/// A store smaller than this is never compacted after a bulk write: it opens fast anyway.
/// `ANTQ_COMPACT_MIN_BYTES` sets another floor (0: whenever the files outgrow the data).
pub const AUTO_MIN_BYTES: u64 = 64 << 20;

fn auto_min_bytes() -> u64 {
    std::env::var("ANTQ_COMPACT_MIN_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(AUTO_MIN_BYTES)
}

impl Store {
    /// Bytes the store's files take on disk (as `du` counts them).
    pub fn disk_bytes(&self) -> u64 {
        disk_bytes(&self.path)
    }

    /// Rewrites the store into fresh files holding only its live entries, and switches to
    /// them. The store is closed by this; open it again to go on.
    pub fn compact(self) -> Result<Compacted> {
        self.refuse_if_stopped()?;
        let before = self.disk_bytes();
        let dir = swap::building(&self.path)?;
        let built = self.copy_live(&dir).and_then(|live| {
            settle(&dir, &self.path.display().to_string())?;
            Ok(live)
        });
        let live = match built {
            Ok(live) => live,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(e);
            }
        };
        crate::killpoint::reached("compact.built");
        let (path, lock) = self.close();
        swap::switch(&path)?;
        let done = Compacted {
            before,
            after: disk_bytes(&path),
            live,
        };
        remember(&path, &done);
        drop(lock);
        Ok(done)
    }

    /// Every entry of every tree into a new sled in `dir`, in batches, then flushed. Returns
    /// the bytes of the keys and values copied.
    fn copy_live(&self, dir: &Path) -> Result<u64> {
        let db = open_sled(dir, &dir.display().to_string())?;
        let (mut batches, mut live) = (0, 0u64);
        for t in TreeId::ALL {
            let to = db.open_tree(t.name())?;
            let mut batch = sled::Batch::default();
            let mut held = 0;
            for entry in super::scan::scan(&self.tree(t)) {
                let (k, v) = entry?;
                live += (k.len() + v.len()) as u64;
                batch.insert(k, v);
                held += 1;
                if held == BATCH {
                    to.apply_batch(std::mem::take(&mut batch))?;
                    held = 0;
                    batches += 1;
                    // Flushing now and then is faster than one flush at the end (a 266 MB store:
                    // 14.5 s to 9.4 s; BENCHMARKS.md).
                    if batches % FLUSH_EVERY == 0 {
                        db.flush()?;
                    }
                    super::let_garbage_go(&to);
                    crate::killpoint::reached("compact.copy");
                }
            }
            to.apply_batch(batch)?;
        }
        // The kept unit tree goes along (derived, and tagged with the units' version).
        let kept = self.opened().db.open_tree(super::unit_snapshot::TREE)?;
        let to = db.open_tree(super::unit_snapshot::TREE)?;
        for entry in kept.iter() {
            let (k, v) = entry?;
            to.insert(k, v)?;
        }
        db.flush()?;
        Ok(live)
    }

    /// Closes sled, keeping the store's lock, so its files may be switched.
    fn close(self) -> (std::path::PathBuf, Option<std::fs::File>) {
        let Store { path, lock, .. } = self;
        (path, lock)
    }
}

/// Opens a set of files once and closes it: sled writes its snapshot on opening, so the first
/// open after a bulk write pays the log's replay here, not on the user's first screen.
fn settle(dir: &Path, shown: &str) -> Result<()> {
    // Nobody else can hold a set being built (the store's lock is ours): a lock found here is
    // sled's own threads, still closing the copy.
    let db = when_released(30_000, || open_sled(dir, shown))?;
    db.flush()?;
    Ok(())
}

/// After a bulk write: opens the store once (so its next open is fast), and compacts it when
/// its files have grown past half again what a compacted store would take, e.g. after a full
/// re-import.
/// `starting` is told the size it starts from, before a compaction's wait.
pub fn after_bulk(path: &Path, starting: &dyn Fn(u64)) -> Result<Option<Compacted>> {
    let store = open_when_released(path)?;
    let disk = store.disk_bytes();
    if disk < auto_min_bytes() || store.stopped().is_some() {
        return Ok(None);
    }
    // Files within 1.5× of what the last compaction left need no count of the live data
    // (a full scan, about a second per 100 MB of it): they cannot be past 1.5× of it now,
    // unless much was deleted, which bulk writes do not do.
    if last_compacted(path).is_some_and(|after| disk as f64 <= after * 1.5) {
        return Ok(None);
    }
    let live = store.live_bytes()?;
    let compacted = live as f64 * overhead(path, live);
    if (disk as f64) <= compacted * 1.5 {
        return Ok(None);
    }
    starting(disk);
    store.compact().map(Some)
}

/// Opens a store this process has just closed: sled's threads may hold its lock a moment
/// after the close returns. Another process that takes it meanwhile is waited for as long as
/// any command waits (`ANTQ_LOCK_WAIT_MS`, 5 s).
pub fn open_when_released(path: &Path) -> Result<Store> {
    let wait = std::env::var("ANTQ_LOCK_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    when_released(wait, || Store::open(path))
}

/// Runs `open` until it stops finding the store locked, or `wait_ms` have passed.
fn when_released<T>(wait_ms: u64, mut open: impl FnMut() -> Result<T>) -> Result<T> {
    let until = std::time::Instant::now() + std::time::Duration::from_millis(wait_ms);
    loop {
        match open() {
            Err(crate::error::Error::StoreLocked { .. }) if std::time::Instant::now() < until => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Where the last compaction's sizes are kept: how much disk a compacted store takes for its
/// data depends on the data's shape, so the store's own last figure says it best.
const RECORD: &str = "antq.compacted";
/// Disk per byte of keys and values in a freshly compacted store when none was measured yet,
/// or when the store has since grown past twice the data it had then (its shape has changed:
/// a store of units only took 4.2× its bytes, where packed reports and packed audit entries
/// take about 1.5×: 1,002 MB for about 650 MB at national size; BENCHMARKS.md). Schema 2's
/// small entries took 3.3× and more, which is why this was 6.0 before reports were packed.
const DEFAULT_OVERHEAD: f64 = 2.0;

fn overhead(store: &Path, live_now: u64) -> f64 {
    match last_record(store) {
        Some((after, live)) if live * 2.0 >= live_now as f64 => after / live,
        _ => DEFAULT_OVERHEAD,
    }
}

/// The disk a store took right after its last compaction, if it had one.
fn last_compacted(store: &Path) -> Option<f64> {
    last_record(store).map(|(after, _)| after)
}

/// The last compaction's disk and live bytes, as `remember` wrote them.
fn last_record(store: &Path) -> Option<(f64, f64)> {
    let read = std::fs::read_to_string(store.join(RECORD)).ok()?;
    let mut nums = read.split_whitespace().map(|n| n.parse::<f64>().ok());
    match (nums.next().flatten(), nums.next().flatten()) {
        (Some(after), Some(live)) if live > 0.0 && after > 0.0 => Some((after, live)),
        _ => None,
    }
}

/// Keeps the sizes of the compaction just done; without them the default serves.
fn remember(store: &Path, c: &Compacted) {
    let path = store.join(RECORD);
    if let Ok(mut f) = crate::private_fs::create_file(&path) {
        use std::io::Write;
        let _ = writeln!(f, "{} {}", c.after, c.live);
    }
}

impl Store {
    /// Bytes of every key and value: what the store holds, whatever its files take.
    pub fn live_bytes(&self) -> Result<u64> {
        let mut n = 0u64;
        for t in TreeId::ALL {
            for entry in super::scan::scan(&self.tree(t)) {
                let (k, v) = entry?;
                n += (k.len() + v.len()) as u64;
            }
        }
        Ok(n)
    }
}

/// Bytes under `dir` as allocated on disk.
fn disk_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0;
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                todo.push(e.path());
            } else {
                total += m.blocks() * 512;
            }
        }
    }
    total
}
