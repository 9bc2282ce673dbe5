//! Replacing the store's sled files with a rebuilt set, so that a kill at any moment leaves
//! either the whole old store or the whole new one, and the next open finishes the job.
//!
//! The store folder stays where it is and keeps its lock file, so no other antq can open the
//! store half switched. Inside it:
//! - `compact.new/` is a set being built. Until it is renamed it is nobody's: an open removes it.
//! - `compact.ready/` is a finished set (one rename decides the switch). From then on the switch
//!   goes forward: the old files move into `compact.old.tmp/`, which is renamed `compact.old/`
//!   once they are all there; then the new files move up out of `compact.ready/`, which goes;
//!   then `compact.old/` is removed.
//!
//! Each step is a rename that can be repeated, so finishing twice gives the same store.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock every antq process takes on a store before anything else, for as long as it holds
/// the store. It stays in the folder through a switch, unlike sled's own lock on `db`.
pub const LOCK: &str = "antq.lock";
const BUILDING: &str = "compact.new";
const READY: &str = "compact.ready";
const OLD_TMP: &str = "compact.old.tmp";
const OLD: &str = "compact.old";

/// The names of the folder's entries that belong to this module (they mark a folder as a store).
pub const OURS: [&str; 5] = [LOCK, BUILDING, READY, OLD_TMP, OLD];

/// Takes the store's lock, or says the store is in use. The lock lasts while the file is open.
/// On a full disk a store made before this lock existed cannot create it: it opens without it,
/// read-only, and sled's own lock still keeps out a second process.
pub fn lock(store: &Path) -> Result<Option<fs::File>> {
    let path = store.join(LOCK);
    let f = match crate::private_fs::open_private(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => return Ok(None),
        Err(e) => return Err(io(&path, e)),
    };
    use rustix::fs::{flock, FlockOperation};
    flock(&f, FlockOperation::NonBlockingLockExclusive).map_err(|_| Error::StoreLocked {
        path: store.display().to_string(),
    })?;
    Ok(Some(f))
}

/// A fresh, private folder to build a new set of files in (an unfinished one is dropped).
pub fn building(store: &Path) -> Result<PathBuf> {
    let dir = store.join(BUILDING);
    remove_all(&dir)?;
    crate::private_fs::create_dir(&dir).map_err(|e| io(&dir, e))?;
    Ok(dir)
}

/// Switches the store to the set built in `building`, durably. The caller holds the lock and
/// has closed sled on the old files.
pub fn switch(store: &Path) -> Result<()> {
    let (built, ready) = (store.join(BUILDING), store.join(READY));
    sync_dir(&built)?;
    fs::rename(&built, &ready).map_err(|e| io(&ready, e))?;
    sync_dir(store)?;
    crate::killpoint::reached("compact.ready");
    finish(store)
}

/// On opening, under the lock: drops a set never finished, and completes a switch begun.
pub fn finish(store: &Path) -> Result<()> {
    remove_all(&store.join(BUILDING))?;
    let (ready, old_tmp, old) = (store.join(READY), store.join(OLD_TMP), store.join(OLD));
    if ready.exists() {
        if !old.exists() {
            fs::create_dir_all(&old_tmp).map_err(|e| io(&old_tmp, e))?;
            move_sled_files(store, &old_tmp)?;
            sync_dir(&old_tmp)?;
            fs::rename(&old_tmp, &old).map_err(|e| io(&old, e))?;
            sync_dir(store)?;
            crate::killpoint::reached("compact.old");
        }
        move_sled_files(&ready, store)?;
        sync_dir(store)?;
        // Whatever is left is not sled's (a copy opened for its check leaves its own lock).
        remove_all(&ready)?;
        sync_dir(store)?;
        crate::killpoint::reached("compact.swapped");
    } else if old_tmp.exists() {
        // Not decided yet when old files began to move: impossible by the order above, but
        // any old file found there goes back where it was.
        move_sled_files(&old_tmp, store)?;
        remove_all(&old_tmp)?;
    }
    remove_all(&old)?;
    sync_dir(store)
}

/// sled's own files: its config, its log, its blobs and its snapshots.
pub(crate) fn is_sled_file(name: &str) -> bool {
    matches!(name, "conf" | "db" | "blobs") || name.starts_with("snap.")
}

/// Moves every sled file of `from` into `to`, one rename each (a repeat finds fewer to move).
fn move_sled_files(from: &Path, to: &Path) -> Result<()> {
    let names: Vec<_> = fs::read_dir(from)
        .map_err(|e| io(from, e))?
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_str().is_some_and(is_sled_file))
        .collect();
    for name in names {
        let target = to.join(&name);
        // A folder is not replaced by rename: an earlier, interrupted move left this one.
        if target.is_dir() {
            remove_all(&target)?;
        }
        fs::rename(from.join(&name), &target).map_err(|e| io(&target, e))?;
        crate::killpoint::reached("compact.moved");
    }
    Ok(())
}

fn remove_all(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(dir, e)),
        _ => Ok(()),
    }
}

/// Makes the folder's renames durable.
fn sync_dir(dir: &Path) -> Result<()> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))
}

fn io(p: &Path, e: std::io::Error) -> Error {
    Error::Io {
        detail: format!("{}: {e}", p.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(p: &Path, text: &str) {
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn read(p: &Path) -> String {
        fs::read_to_string(p).unwrap()
    }

    /// A store folder with old files, and a new set ready beside them.
    fn ready_store() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        let s = d.path();
        for (name, text) in [("conf", "old"), ("db", "old"), ("snap.1", "old")] {
            write(&s.join(name), text);
        }
        write(&s.join("blobs/7"), "old");
        write(&s.join(LOCK), "");
        let b = building(s).unwrap();
        for (name, text) in [("conf", "new"), ("db", "new"), ("snap.9", "new")] {
            write(&b.join(name), text);
        }
        write(&b.join("blobs/8"), "new");
        d
    }

    fn assert_new(s: &Path) {
        assert_eq!(read(&s.join("db")), "new");
        assert_eq!(read(&s.join("conf")), "new");
        assert_eq!(read(&s.join("snap.9")), "new");
        assert_eq!(read(&s.join("blobs/8")), "new");
        assert!(!s.join("snap.1").exists() && !s.join("blobs/7").exists());
        for gone in [BUILDING, READY, OLD_TMP, OLD] {
            assert!(!s.join(gone).exists(), "{gone} is left");
        }
        assert!(s.join(LOCK).exists());
    }

    #[test]
    fn a_switch_replaces_every_sled_file_and_keeps_the_lock() {
        let d = ready_store();
        switch(d.path()).unwrap();
        assert_new(d.path());
    }

    #[test]
    fn a_set_never_made_ready_is_dropped_and_the_old_store_stays() {
        let d = ready_store();
        finish(d.path()).unwrap();
        assert_eq!(read(&d.path().join("db")), "old");
        assert_eq!(read(&d.path().join("blobs/7")), "old");
        assert!(!d.path().join(BUILDING).exists());
    }

    /// Every state a kill can leave after the set is ready finishes as the new store.
    #[test]
    fn a_switch_interrupted_anywhere_finishes_on_the_next_open() {
        // Old files half moved aside.
        let d = ready_store();
        let s = d.path();
        fs::rename(s.join(BUILDING), s.join(READY)).unwrap();
        fs::create_dir(s.join(OLD_TMP)).unwrap();
        fs::rename(s.join("db"), s.join(OLD_TMP).join("db")).unwrap();
        finish(s).unwrap();
        assert_new(s);
        // Old files all aside, new ones half moved up (their blobs first).
        let d = ready_store();
        let s = d.path();
        fs::rename(s.join(BUILDING), s.join(READY)).unwrap();
        fs::create_dir(s.join(OLD)).unwrap();
        for n in ["conf", "db", "snap.1", "blobs"] {
            fs::rename(s.join(n), s.join(OLD).join(n)).unwrap();
        }
        fs::rename(s.join(READY).join("blobs"), s.join("blobs")).unwrap();
        fs::rename(s.join(READY).join("db"), s.join("db")).unwrap();
        finish(s).unwrap();
        assert_new(s);
        // Finishing again changes nothing.
        finish(s).unwrap();
        assert_new(s);
    }

    #[test]
    fn a_second_lock_on_the_same_store_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let held = lock(d.path()).unwrap();
        assert!(matches!(lock(d.path()), Err(Error::StoreLocked { .. })));
        drop(held);
        lock(d.path()).unwrap();
    }
}
