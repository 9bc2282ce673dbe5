//! Backups taken while others write, and restores into an empty store. Both stream: a
//! backup goes to a private file under the write lock, and a restore writes entry by entry,
//! so neither holds the store in memory.

use std::io::Read;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use super::LocalService;
use crate::error::{Error, Problem, Result};
use crate::exchange::backup_file::{self, Event};
use crate::service::api::*;
use crate::store::entries::Entries;
use crate::store::{meta, TreeId, SCHEMA_VERSION};

/// Snapshots not yet read to the end; the oldest is dropped past this many.
const MAX_PENDING: usize = 2;

/// Where a restore is writing: the backup's schema, and the table its entries go to.
#[derive(Default)]
struct Restoring {
    schema: u32,
    target: Option<Target>,
    /// A table this antq does not know: refused once the whole file is read and its checksum
    /// holds, so a damaged file is called damaged, not strange.
    unknown: Option<String>,
    /// Entries inserted so far.
    entries: u64,
}

enum Target {
    Tree(Entries),
    Reports(crate::store::packed::Pending),
    /// Units or codes from a backup of schema 6 or older, one entry each: grouped as they come.
    Grouped(TreeId, crate::store::grouped::PendingGroups),
    Skip,
}

/// A snapshot waiting to be read: a private temporary file, removed when dropped.
pub(crate) struct Held {
    file: tempfile::NamedTempFile,
    len: u64,
}

fn refuse(en: impl Into<String>, vi: impl Into<String>) -> Error {
    Error::Rejected {
        what: "restore".into(),
        problems: vec![Problem::new(0, "", en, vi)],
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Io {
        detail: format!("writing the backup: {e}"),
    }
}

impl LocalService {
    pub(super) fn backup_begin_impl(&self, a: &Actor) -> Result<BackupInfo> {
        self.need_admin(a)?;
        // Holding the write lock makes the copy one point in time: every write applies under it.
        let (held, records) = {
            let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
            self.write_snapshot()?
        };
        let mut pending = self.backups.lock().unwrap_or_else(|p| p.into_inner());
        let id = pending.iter().map(|(id, _)| *id).max().unwrap_or(0) + 1;
        if pending.len() >= MAX_PENDING {
            pending.remove(0);
        }
        let len = held.len;
        pending.push((id, Arc::new(held)));
        Ok(BackupInfo { id, len, records })
    }

    /// Every tree into a private temporary file (0600), in the backup format.
    fn write_snapshot(&self) -> Result<(Held, u64)> {
        let file = tempfile::NamedTempFile::new().map_err(io)?;
        let out = std::io::BufWriter::with_capacity(1 << 20, file.reopen().map_err(io)?);
        let mut w =
            backup_file::StreamWriter::new(out, self.now(), SCHEMA_VERSION, TreeId::ALL.len())
                .map_err(io)?;
        let mut records = 0;
        for t in TreeId::ALL {
            let tree = self.store.stored_entries(t);
            // sled counts by walking the tree; the format needs the count first.
            let n = tree.len();
            w.tree(t.name(), n).map_err(io)?;
            for kv in tree.iter().take(n) {
                let (k, v) = kv?;
                w.entry(&k, &v).map_err(io)?;
            }
            records += n as u64;
        }
        let (out, len) = w.finish().map_err(io)?;
        out.into_inner()
            .map_err(|e| io(e.into_error()))?
            .sync_all()
            .map_err(io)?;
        Ok((Held { file, len }, records))
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
        let held = pending[i].1.clone();
        let start = offset.min(held.len);
        let end = (start + BACKUP_CHUNK as u64).min(held.len);
        let mut buf = vec![0u8; (end - start) as usize];
        held.file
            .as_file()
            .read_exact_at(&mut buf, start)
            .map_err(io)?;
        if end == held.len {
            pending.remove(i);
        }
        Ok(buf)
    }

    /// Writes a backup into this store, which must hold no records; then checks it.
    pub fn restore(&self, a: &Actor, bytes: &[u8]) -> Result<CheckSummary> {
        self.restore_from(a, bytes)
    }

    /// A raw backup (admin only): the store's files copied into the new folder `to`, flushed
    /// first and with writers held off, so the copy is one point in time. Returns its bytes.
    pub fn backup_raw(&self, a: &Actor, to: &std::path::Path) -> Result<u64> {
        self.need_admin(a)?;
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.store.flush()?;
        self.store.copy_files(to)
    }

    /// Like `restore`, reading the backup as it goes. A marker makes it all or nothing: a
    /// restore that fails or is killed leaves the store empty again (on the next open). A
    /// backup whose check finds problems is not kept: the summary lists them, the store is empty.
    pub fn restore_from(&self, a: &Actor, r: impl Read) -> Result<CheckSummary> {
        self.need_admin(a)?;
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.refuse_used()?;
        self.store.begin_restore()?;
        let mut into = Restoring::default();
        let mut failed: Option<Error> = None;
        let read = backup_file::read_stream(r, |e| {
            let step = self.restore_event(e, &mut into);
            step.map_err(|x| {
                let shown = (x.to_string(), x.render(crate::i18n::Lang::Vi));
                failed = Some(x);
                shown
            })
        });
        let read = read.and_then(|()| {
            self.finish_restoring(&mut into).map_err(|x| {
                let shown = (x.to_string(), x.render(crate::i18n::Lang::Vi));
                failed = Some(x);
                shown
            })
        });
        if let Err((en, vi)) = read {
            self.store.abandon_restore()?;
            self.invalidate(true);
            return Err(failed.unwrap_or_else(|| refuse(en, vi)));
        }
        // The copy counts only once it passes its check, while the marker still stands: a
        // backup that fails leaves the store empty, so a corrected one can be restored next.
        self.invalidate(true);
        let checked = self.full_check();
        if !checked.as_ref().is_ok_and(|c| c.problems.is_empty()) {
            self.store.abandon_restore()?;
            self.invalidate(true);
            return checked;
        }
        self.store.end_restore()?;
        // The check built the unit cache; kept now, the restored store's first open reads it
        // instead of every unit (a national restore: about 0.2 s less).
        self.keep_cache_as_built()?;
        self.store.flush()?;
        self.wrote_in_bulk
            .store(true, std::sync::atomic::Ordering::SeqCst);
        drop(_guard);
        checked
    }

    fn restore_event(&self, e: Event, into: &mut Restoring) -> Result<()> {
        match e {
            Event::Start { schema, .. } if schema > SCHEMA_VERSION => Err(Error::StoreTooNew {
                path: "backup".into(),
                found: schema,
                supported: SCHEMA_VERSION,
            }),
            Event::Start { schema, .. } => {
                into.schema = schema;
                Ok(())
            }
            Event::Tree(name) => {
                self.finish_target(into)?;
                let target = self.target_of(&name, into.schema);
                if target.is_none() {
                    into.unknown.get_or_insert(name);
                }
                into.target = Some(target.unwrap_or(Target::Skip));
                Ok(())
            }
            Event::Entry(k, v) => match &mut into.target {
                None => Err(refuse(
                    "an entry comes before its table",
                    "có mục đứng trước bảng của nó",
                )),
                // One insert at a time: sled frees as it goes (see store::staged).
                Some(Target::Tree(t)) => {
                    into.entries += 1;
                    if into.entries.is_multiple_of(1000) {
                        t.let_garbage_go();
                    }
                    t.insert_outside_transaction(&k, &v)
                }
                Some(Target::Reports(p)) => self.store.pend_report(p, &k, Some(&v)),
                Some(Target::Grouped(t, p)) => self.store.pend_group(p, *t, &k, Some(&v)),
                Some(Target::Skip) => Ok(()),
            },
        }
    }

    /// Where a backup's table goes. Before schema 3 a report was one entry under its logical
    /// key, with a period index beside it: the reports are packed as they come, the index
    /// dropped (the chunks carry it).
    fn target_of(&self, name: &str, schema: u32) -> Option<Target> {
        if schema < 3 && name == crate::store::trees::OLD_REPORTS {
            return Some(Target::Reports(Default::default()));
        }
        // An index an older schema kept (the period index before 3, the unit children and
        // names before 5): what it held is derived now.
        if schema < SCHEMA_VERSION && TreeId::RETIRED.iter().any(|t| t.name() == name) {
            return Some(Target::Skip);
        }
        if schema < crate::store::grouped::SINCE_SCHEMA {
            if let Some((_, t)) = crate::store::grouped::OLD_TREES
                .iter()
                .find(|o| o.0 == name)
            {
                return Some(Target::Grouped(*t, Default::default()));
            }
        }
        let t = TreeId::ALL.iter().find(|t| t.name() == name)?;
        Some(Target::Tree(self.store.stored_entries(*t)))
    }

    /// Ends the table being restored; at the end of the file, refuses one it did not know.
    fn finish_target(&self, into: &mut Restoring) -> Result<()> {
        match &mut into.target {
            Some(Target::Reports(p)) => self.store.finish_reports(p)?,
            Some(Target::Grouped(_, p)) => self.store.write_groups(p)?,
            _ => {}
        }
        Ok(())
    }

    fn finish_restoring(&self, into: &mut Restoring) -> Result<()> {
        self.finish_target(into)?;
        match &into.unknown {
            Some(name) => Err(refuse(
                format!("the backup holds an unknown table '{name}'; restore it with the antq that made it"),
                format!("bản sao lưu có bảng lạ '{name}'; hãy phục hồi bằng antq đã tạo ra nó"),
            )),
            None => self.store.upgrade_restored(into.schema),
        }
    }

    fn refuse_used(&self) -> Result<()> {
        let used = TreeId::ALL.iter().any(|&t| {
            let tree = self.store.entries(t);
            if t == TreeId::Meta {
                tree.keys().flatten().any(|k| k.as_ref() != meta::SCHEMA)
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
        Ok(())
    }
}
