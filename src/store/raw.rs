//! Raw backups: the store's sled files copied as they are on disk after a flush, with no writer
//! in between, into a private folder; and restored by copying them back into a new store. A
//! copy goes at disk speed, but only the same antq reads it: the stream backup is the one to
//! keep for years.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{swap, Store, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// The note that makes a folder a raw backup, and says of which schema.
const NOTE: &str = "antq-raw-backup";

impl Store {
    /// Copies the store's files into `to`, a folder that must not exist yet. The caller keeps
    /// writers out and has flushed. Returns the bytes copied.
    pub fn copy_files(&self, to: &Path) -> Result<u64> {
        if to.exists() {
            return Err(Error::invalid(
                "backup",
                format!(
                    "{} already exists; a raw backup goes into a new folder",
                    to.display()
                ),
                format!(
                    "{} đã có; bản sao lưu thô ghi vào một thư mục mới",
                    to.display()
                ),
            ));
        }
        crate::private_fs::create_dir(to).map_err(|e| io(to, e))?;
        let copied = copy_sled_files(&self.path, to);
        let noted = copied.and_then(|n| {
            let mut f = crate::private_fs::create_file(&to.join(NOTE)).map_err(|e| io(to, e))?;
            writeln!(f, "schema {SCHEMA_VERSION}").map_err(|e| io(to, e))?;
            f.sync_all().map_err(|e| io(to, e))?;
            Ok(n)
        });
        if noted.is_err() {
            let _ = fs::remove_dir_all(to);
        }
        noted
    }
}

/// A raw backup copied beside an empty store, under the store's lock, waiting to be checked
/// (`copy` opens as a store of its own) and then switched in as a compaction is. A kill before
/// the switch leaves the store empty (the next open drops the copy); after it, the whole copy.
pub struct StagedRestore {
    store: std::path::PathBuf,
    _lock: Option<fs::File>,
    pub copy: std::path::PathBuf,
}

impl StagedRestore {
    /// The checked copy becomes the store.
    pub fn switch(self) -> Result<()> {
        swap::switch(&self.store)
    }

    /// The copy goes; the store stays empty.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.copy);
    }
}

/// Copies a raw backup's files beside `store`, a new or empty folder (a copy a kill left
/// unfinished is dropped first). A folder that is no raw backup, or of a newer antq, is refused.
pub fn stage_restore(backup: &Path, store: &Path) -> Result<StagedRestore> {
    let note = fs::read_to_string(backup.join(NOTE)).map_err(|_| {
        Error::invalid(
            "restore",
            format!(
                "{} is not a raw antq backup (it has no {NOTE} note)",
                backup.display()
            ),
            format!(
                "{} không phải bản sao lưu thô của antq (không có tệp {NOTE})",
                backup.display()
            ),
        )
    })?;
    let schema: u32 = note
        .trim()
        .strip_prefix("schema ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX);
    if schema > SCHEMA_VERSION {
        return Err(Error::StoreTooNew {
            path: backup.display().to_string(),
            found: schema,
            supported: SCHEMA_VERSION,
        });
    }
    crate::private_fs::create_dir(store).map_err(|e| io(store, e))?;
    let lock = swap::lock(store)?;
    swap::finish(store)?;
    let empty = fs::read_dir(store)
        .map_err(|e| io(store, e))?
        .flatten()
        .all(|e| e.file_name() == swap::LOCK);
    if !empty {
        return Err(Error::invalid(
            "restore",
            format!(
                "{} is not empty; restore only into a new, empty store (--db NEW_PATH)",
                store.display()
            ),
            format!(
                "{} không trống; chỉ phục hồi vào kho mới, trống (--db ĐƯỜNG_DẪN_MỚI)",
                store.display()
            ),
        ));
    }
    let copy = swap::building(store)?;
    let staged = StagedRestore {
        store: store.to_path_buf(),
        _lock: lock,
        copy,
    };
    if let Err(e) = copy_sled_files(backup, &staged.copy) {
        staged.abandon();
        return Err(e);
    }
    Ok(staged)
}

/// Copies sled's files (`conf`, `db`, `blobs/`, finished snapshots), each synced.
fn copy_sled_files(from: &Path, to: &Path) -> Result<u64> {
    let mut bytes = 0;
    for e in fs::read_dir(from).map_err(|e| io(from, e))?.flatten() {
        let name = e.file_name();
        let Some(n) = name.to_str().filter(|n| swap::is_sled_file(n)) else {
            continue;
        };
        if n.ends_with(".generating") {
            continue;
        }
        let (src, dst) = (e.path(), to.join(&name));
        let kind = fs::symlink_metadata(&src)
            .map_err(|e| io(&src, e))?
            .file_type();
        if !kind.is_dir() && !kind.is_file() {
            return Err(not_a_store_file(&src));
        }
        if kind.is_dir() {
            crate::private_fs::create_dir(&dst).map_err(|e| io(&dst, e))?;
            bytes += copy_sled_files_in(&src, &dst)?;
        } else {
            bytes += copy_one(&src, &dst)?;
        }
    }
    fs::File::open(to)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(to, e))?;
    Ok(bytes)
}

/// Every file of a sled folder (its blobs).
fn copy_sled_files_in(from: &Path, to: &Path) -> Result<u64> {
    let mut bytes = 0;
    for e in fs::read_dir(from).map_err(|e| io(from, e))?.flatten() {
        let src = e.path();
        if !fs::symlink_metadata(&src).is_ok_and(|m| m.file_type().is_file()) {
            return Err(not_a_store_file(&src));
        }
        bytes += copy_one(&src, &to.join(e.file_name()))?;
    }
    Ok(bytes)
}

/// A link or a device where sled keeps plain files: a folder put together by hand, whose link
/// could make a restore copy any file its user can read into the store.
fn not_a_store_file(p: &Path) -> Error {
    Error::invalid(
        "restore",
        format!("{} is not a plain file; a raw backup holds only the store's own files, copy them again from the store", p.display()),
        format!("{} không phải tệp thường; bản sao lưu thô chỉ chứa các tệp của kho, hãy chép lại từ kho", p.display()),
    )
}

fn copy_one(src: &Path, dst: &Path) -> Result<u64> {
    let mut from = fs::File::open(src).map_err(|e| io(src, e))?;
    let mut to = crate::private_fs::create_file(dst).map_err(|e| io(dst, e))?;
    let n = std::io::copy(&mut from, &mut to).map_err(|e| io(dst, e))?;
    to.sync_all().map_err(|e| io(dst, e))?;
    crate::killpoint::reached("raw.copy");
    Ok(n)
}

fn io(p: &Path, e: std::io::Error) -> Error {
    Error::Io {
        detail: format!("{}: {e}", p.display()),
    }
}
