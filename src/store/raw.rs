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

/// Copies a raw backup's files into `store`, a new or empty folder; opening the store then
/// checks what was copied. A folder that is no raw backup, or of a newer antq, is refused.
pub fn restore_files(backup: &Path, store: &Path) -> Result<()> {
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
    let empty = fs::read_dir(store).map_or(true, |mut d| d.next().is_none());
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
    crate::private_fs::create_dir(store).map_err(|e| io(store, e))?;
    let _lock = swap::lock(store)?;
    copy_sled_files(backup, store).map(|_| ())
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
        if src.is_dir() {
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
        bytes += copy_one(&e.path(), &to.join(e.file_name()))?;
    }
    Ok(bytes)
}

fn copy_one(src: &Path, dst: &Path) -> Result<u64> {
    let mut from = fs::File::open(src).map_err(|e| io(src, e))?;
    let mut to = crate::private_fs::create_file(dst).map_err(|e| io(dst, e))?;
    let n = std::io::copy(&mut from, &mut to).map_err(|e| io(dst, e))?;
    to.sync_all().map_err(|e| io(dst, e))?;
    Ok(n)
}

fn io(p: &Path, e: std::io::Error) -> Error {
    Error::Io {
        detail: format!("{}: {e}", p.display()),
    }
}
