//! The store's files on disk: private modes, and leftovers of an interrupted snapshot.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::error::{Error, Result};

use crate::private_fs::{DIR_MODE, FILE_MODE};

/// Tightens every file and folder of the store that others may read, write or enter, when this
/// process owns it. Returns what it could not tighten, one line each, for the user to see.
pub fn tighten(store: &Path) -> Vec<String> {
    let me = rustix::process::geteuid().as_raw();
    loose(store)
        .into_iter()
        .filter(|(path, meta)| {
            let want = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
            let mode = meta.mode() & want;
            meta.uid() != me || fs::set_permissions(path, fs::Permissions::from_mode(mode)).is_err()
        })
        .map(|(p, m)| describe(&p, &m))
        .collect()
}

/// Every file or folder of the store that others may read, write or enter.
pub fn loose_modes(store: &Path) -> Vec<String> {
    loose(store).iter().map(|(p, m)| describe(p, m)).collect()
}

fn loose(store: &Path) -> Vec<(std::path::PathBuf, fs::Metadata)> {
    walk(store)
        .into_iter()
        .filter(|(_, m)| m.mode() & 0o077 != 0)
        .collect()
}

fn describe(path: &Path, meta: &fs::Metadata) -> String {
    let (mode, uid) = (meta.mode() & 0o777, meta.uid());
    let owner = crate::os_users::user_name(uid).unwrap_or_else(|| format!("uid {uid}"));
    format!(
        "{}: mode {mode:04o} lets other accounts read it (owner {owner}); run 'chmod -R go= {}' as {owner}",
        path.display(),
        path.display()
    )
}

/// The store folder and everything under it, without following links.
fn walk(root: &Path) -> Vec<(std::path::PathBuf, fs::Metadata)> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(p) = todo.pop() {
        let Ok(meta) = fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(rd) = fs::read_dir(&p) {
                todo.extend(rd.flatten().map(|e| e.path()));
            }
        }
        if !meta.file_type().is_symlink() {
            out.push((p, meta));
        }
    }
    out
}

/// sled writes a snapshot on every open, to `snap.N.generating` and then renames it. A kill
/// before the rename leaves that file behind, and sled 0.34.7 would then read it as the newest
/// snapshot and refuse the store as corrupt. The log still holds everything the snapshot did,
/// so the leftover is removed, under the same lock sled takes, so no live writer is touched.
pub fn clear_interrupted_snapshots(store: &Path) -> Result<()> {
    let Some(_lock) = lock(store)? else {
        return Ok(()); // a new store: nothing was ever written
    };
    for p in snapshots(store)
        .into_iter()
        .filter(|p| is_interrupted_snapshot(p))
    {
        fs::remove_file(&p).map_err(|e| Error::Io {
            detail: format!("cannot remove the unfinished snapshot {}: {e}", p.display()),
        })?;
    }
    Ok(())
}

/// Removes, under the store's lock, every snapshot not in `keep`.
pub fn remove_snapshots_except(store: &Path, keep: &[std::path::PathBuf]) -> Result<()> {
    let Some(_lock) = lock(store)? else {
        return Ok(());
    };
    for p in snapshots(store).iter().filter(|p| !keep.contains(p)) {
        let _ = fs::remove_file(p);
    }
    Ok(())
}

/// The lock sled takes on the store's `db` file; None when there is no such file yet. The
/// lock lasts as long as the returned file stays open.
fn lock(store: &Path) -> Result<Option<fs::File>> {
    let Ok(f) = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(store.join("db"))
    else {
        return Ok(None);
    };
    use rustix::fs::{flock, FlockOperation};
    if flock(&f, FlockOperation::NonBlockingLockExclusive).is_err() {
        return Err(Error::StoreLocked {
            path: store.display().to_string(),
        });
    }
    Ok(Some(f))
}

pub fn snapshots(store: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(store)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("snap."))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn is_interrupted_snapshot(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("snap.") && n.ends_with(".generating"))
}
