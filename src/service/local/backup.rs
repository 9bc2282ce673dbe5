//! Backups taken while others write, and restores into an empty store.

use std::sync::Arc;

use super::LocalService;
use crate::error::{Error, Problem, Result};
use crate::exchange::backup_file::{self, Snapshot};
use crate::service::api::*;
use crate::store::{meta, TreeId, SCHEMA_VERSION};

/// Entries written per sled batch during a restore.
const RESTORE_BATCH: usize = 10_000;

/// Snapshots not yet read to the end; the oldest is dropped past this many.
const MAX_PENDING: usize = 2;

fn refuse(en: impl Into<String>, vi: impl Into<String>) -> Error {
    Error::Rejected {
        what: "restore".into(),
        problems: vec![Problem::new(0, "", en, vi)],
    }
}

impl LocalService {
    pub(super) fn backup_begin_impl(&self, a: &Actor) -> Result<BackupInfo> {
        self.need_admin(a)?;
        // Holding the write lock makes the copy one point in time: every write applies under it.
        let snap = {
            let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
            let mut s = Snapshot {
                created_at: self.now(),
                schema: SCHEMA_VERSION,
                trees: Vec::new(),
            };
            for t in TreeId::ALL {
                let entries = self
                    .store
                    .tree(t)
                    .iter()
                    .map(|r| r.map(|(k, v)| (k.to_vec(), v.to_vec())))
                    .collect::<sled::Result<Vec<_>>>()?;
                s.trees.push((t.name().to_string(), entries));
            }
            s
        };
        let records = snap.trees.iter().map(|(_, e)| e.len() as u64).sum();
        let bytes = backup_file::encode(&snap);
        let mut pending = self.backups.lock().unwrap_or_else(|p| p.into_inner());
        let id = pending.iter().map(|(id, _)| *id).max().unwrap_or(0) + 1;
        if pending.len() >= MAX_PENDING {
            pending.remove(0);
        }
        let len = bytes.len() as u64;
        pending.push((id, Arc::new(bytes)));
        Ok(BackupInfo { id, len, records })
    }

    pub(super) fn backup_chunk_impl(&self, a: &Actor, id: u64, offset: u64) -> Result<Vec<u8>> {
        self.need_admin(a)?;
        let mut pending = self.backups.lock().unwrap_or_else(|p| p.into_inner());
        let Some(i) = pending.iter().position(|(x, _)| *x == id) else {
            return Err(Error::invalid(
                "backup",
                "this backup is no longer held (another backup started since); start again",
                "bản sao lưu này không còn được giữ (đã có lần sao lưu khác); hãy làm lại",
            ));
        };
        let bytes = pending[i].1.clone();
        let start = (offset as usize).min(bytes.len());
        let end = (start + BACKUP_CHUNK).min(bytes.len());
        if end == bytes.len() {
            pending.remove(i);
        }
        Ok(bytes[start..end].to_vec())
    }

    /// Writes a backup into this store, which must hold no records; then checks it.
    pub fn restore(&self, a: &Actor, bytes: &[u8]) -> Result<CheckSummary> {
        self.need_admin(a)?;
        let snap = backup_file::decode(bytes).map_err(|(en, vi)| refuse(en, vi))?;
        if snap.schema > SCHEMA_VERSION {
            return Err(Error::StoreTooNew {
                path: "backup".into(),
                found: snap.schema,
                supported: SCHEMA_VERSION,
            });
        }
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let used = TreeId::ALL.iter().any(|&t| {
            let tree = self.store.tree(t);
            if t == TreeId::Meta {
                tree.iter()
                    .keys()
                    .flatten()
                    .any(|k| k.as_ref() != meta::SCHEMA)
            } else {
                !tree.is_empty()
            }
        });
        if used {
            return Err(refuse(
                format!("the store {} already holds data; restore only into a new, empty store (--db NEW_PATH)", self.store.path().display()),
                format!("kho {} đã có dữ liệu; chỉ phục hồi vào kho mới, trống (--db ĐƯỜNG_DẪN_MỚI)", self.store.path().display()),
            ));
        }
        let mut problems = Vec::new();
        for (name, _) in &snap.trees {
            if !TreeId::ALL.iter().any(|t| t.name() == name) {
                problems.push(Problem::new(0, "", format!("the backup holds an unknown table '{name}'; restore it with the antq that made it"), format!("bản sao lưu có bảng lạ '{name}'; hãy phục hồi bằng antq đã tạo ra nó")));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Rejected {
                what: "restore".into(),
                problems,
            });
        }
        for (name, entries) in snap.trees {
            let Some(&t) = TreeId::ALL.iter().find(|t| t.name() == name) else {
                continue;
            };
            // Small batches: one batch of a national table holds gigabytes in sled's memory.
            let mut it = entries.into_iter().peekable();
            while it.peek().is_some() {
                let mut batch = sled::Batch::default();
                for (k, v) in it.by_ref().take(RESTORE_BATCH) {
                    batch.insert(k, v);
                }
                self.store.tree(t).apply_batch(batch)?;
                self.store.flush()?;
            }
        }
        self.store.flush()?;
        drop(_guard);
        self.invalidate(true);
        self.full_check()
    }
}
