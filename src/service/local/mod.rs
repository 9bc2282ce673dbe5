//! The embedded service: validation and rules on top of the store in this process. This file
//! holds `LocalService`, its write path (`write`, `Tx`, group commit) and the shared checks; each
//! job lives in its own module, and `service_impl` maps the `Service` trait onto them.

mod access;
mod assessments;
mod backup;
mod bundle_lineage;
mod bundle_rules;
mod bundle_tasks;
mod bundles;
mod cache;
mod cache_snapshot;
mod import;
mod indicators;
mod lineage;
mod offices;
mod reports;
mod revisions;
mod service_impl;
mod summary;
mod tasks;
mod trend;
mod undo_units;
mod units;
mod users;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};

use crate::domain::audit::AuditEntry;
use crate::domain::period::Period;
use crate::domain::unit::Unit;
use crate::domain::Settings;
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::codec;
use crate::store::{keys, meta, Store, TreeId, WriteSet};
use cache::UnitCache;

type Clock = Box<dyn Fn() -> i64 + Send + Sync>;

pub struct LocalService {
    store: Store,
    /// Serialises read-validate-write sequences so checks see the state they write over.
    write_lock: Mutex<()>,
    /// Held exclusively while a large command's staged writes are copied into place, which
    /// takes many inserts; readers that ask for it see the store before or after, never between.
    visible: std::sync::RwLock<()>,
    units: RwLock<Option<Arc<UnitCache>>>,
    /// The OS user running this process, who is admin of the store.
    owner: String,
    /// Completeness answers by (period, subtree), dropped on any write that could change them.
    completeness: Mutex<HashMap<(Period, Option<String>), Completeness>>,
    /// Bumped by every write, so an answer computed across a write is never memoised.
    generation: AtomicU64,
    durable: GroupCommit,
    clock: Clock,
    /// Backups taken and not yet read to their end, by id.
    backups: Mutex<Vec<(u64, Arc<backup::Held>)>>,
    /// Report files being sent for an import, part by part.
    uploads: import::uploads::Uploads,
    /// A command wrote in bulk (through staging or a restore): the process that ran it settles
    /// the store before it ends (`store::compact::after_bulk`).
    wrote_in_bulk: std::sync::atomic::AtomicBool,
}

/// Group commit: a write is acknowledged only after a flush that started after it was applied;
/// concurrent writers share one flush instead of queueing for their own. Waiters sleep on a
/// condition variable, so no writer can be passed over while others flush (std mutexes are unfair).
#[derive(Default)]
struct GroupCommit {
    applied: AtomicU64,
    state: Mutex<FlushState>,
    done: Condvar,
}

#[derive(Default)]
struct FlushState {
    flushed: u64,
    flushing: bool,
}

impl GroupCommit {
    fn wait_flushed(&self, ticket: u64, flush: impl Fn() -> Result<()>) -> Result<()> {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if st.flushed >= ticket {
                return Ok(());
            }
            if !st.flushing {
                break;
            }
            st = self.done.wait(st).unwrap_or_else(|p| p.into_inner());
        }
        // This writer flushes for everyone applied before the flush starts.
        st.flushing = true;
        let target = self.applied.load(Ordering::SeqCst);
        drop(st);
        let result = flush();
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.flushing = false;
        if result.is_ok() {
            st.flushed = st.flushed.max(target);
        }
        self.done.notify_all();
        result
    }
}

/// Writes held in memory before a command starts staging them.
const SPILL_OPS: usize = 10_000;

/// One command in progress: its writes, its audit entries and its time.
pub(crate) struct Tx<'a> {
    pub ws: WriteSet,
    /// Writes moved out of memory once a command grows large (see `store::staged`).
    staging: Option<crate::store::staged::Staging<'a>>,
    store: &'a crate::store::Store,
    /// Set by a command that found nothing to change: nothing is written or flushed.
    pub discard: bool,
    pub at: i64,
    pub actor: &'a Actor,
    next_audit: u64,
    units_changed: bool,
    ws_task_id: Option<u64>,
    /// Audit entries not yet in `ws`: a bulk command packs them (see `store::audit`).
    audits: Vec<AuditEntry>,
}

impl Tx<'_> {
    pub fn audit(&mut self, action: crate::domain::audit::Action, entity: String, summary: String) {
        let e = AuditEntry {
            seq: self.next_audit,
            at: self.at,
            actor: self.actor.name.clone(),
            action: action.code(),
            entity,
            summary,
        };
        self.next_audit += 1;
        self.audits.push(e);
    }

    /// Moves the audit entries held into `ws`: one sled entry each, or for a bulk command
    /// packed a few hundred kilobytes at a time. Entries and packs are small and fixed in
    /// shape; they always encode.
    fn flush_audits(&mut self, packed: bool) {
        use crate::store::audit::{size_of, AuditPack, DeflatedPack, PACK_BYTES};
        let entries = std::mem::take(&mut self.audits);
        if !packed || entries.len() < 2 {
            for e in &entries {
                let _ = self.ws.put(None, e);
            }
            return;
        }
        let (mut pack, mut bytes) = (Vec::new(), 0);
        for e in entries {
            bytes += size_of(&e);
            pack.push(e);
            if bytes >= PACK_BYTES {
                let pack = AuditPack {
                    entries: std::mem::take(&mut pack),
                };
                let _ = self.ws.put(None, &DeflatedPack { pack });
                bytes = 0;
            }
        }
        match pack.len() {
            0 => {}
            1 => {
                let _ = self.ws.put(None, &pack[0]);
            }
            _ => {
                let pack = AuditPack { entries: pack };
                let _ = self.ws.put(None, &DeflatedPack { pack });
            }
        }
    }

    pub fn put<T: crate::store::indexes::Indexed>(
        &mut self,
        old: Option<&T>,
        new: &T,
    ) -> Result<()> {
        if T::TREE == TreeId::Units {
            self.units_changed = true;
        }
        self.ws.put(old, new)?;
        // Audit entries count as the writes they become (an entry and its index entry each).
        if self.ws.len() + 2 * self.audits.len() >= SPILL_OPS {
            self.spill()?;
        }
        Ok(())
    }

    /// Moves the writes so far into staging, so a bulk command holds bounded memory.
    fn spill(&mut self) -> Result<()> {
        self.flush_audits(true);
        let ws = std::mem::take(&mut self.ws);
        match &mut self.staging {
            Some(s) => s.push(ws),
            None => {
                let mut s = self.store.stage()?;
                s.push(ws)?;
                self.staging = Some(s);
                Ok(())
            }
        }
    }
}

impl LocalService {
    pub fn open(path: &Path) -> Result<LocalService> {
        Ok(Self::with_store(Store::open(path)?))
    }

    pub fn with_store(store: Store) -> LocalService {
        LocalService {
            store,
            write_lock: Mutex::new(()),
            visible: std::sync::RwLock::new(()),
            units: RwLock::new(None),
            owner: Actor::current().name,
            completeness: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
            durable: GroupCommit::default(),
            clock: Box::new(|| jiff::Timestamp::now().as_second()),
            backups: Mutex::new(Vec::new()),
            uploads: Default::default(),
            wrote_in_bulk: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Names the user who owns the store and is its admin (by default the current OS user).
    pub fn set_owner(&mut self, name: &str) {
        self.owner = name.to_string();
    }

    /// Replaces the clock, for tests that need a fixed "now".
    pub fn set_clock(&mut self, f: impl Fn() -> i64 + Send + Sync + 'static) {
        self.clock = Box::new(f);
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    pub fn today(&self) -> jiff::civil::Date {
        crate::domain::date::today(
            jiff::Timestamp::from_second(self.now()).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        )
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether a command of this service wrote in bulk, so that its process should settle the
    /// store after closing it.
    pub fn wrote_in_bulk(&self) -> bool {
        self.wrote_in_bulk.load(Ordering::SeqCst)
    }

    /// Compacts the store (admin only): rewrites it into fresh files holding only what is live,
    /// and closes it. Needs the store to itself, so never through a server.
    pub fn compact(self, a: &Actor) -> Result<crate::store::compact::Compacted> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.store.compact()
    }

    /// Runs a command: validation and writes happen under one lock, then one flushed commit.
    pub(crate) fn write<T>(&self, a: &Actor, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        check_actor(a)?;
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut tx = Tx {
            ws: WriteSet::new(),
            staging: None,
            store: &self.store,
            discard: false,
            at: self.now(),
            actor: a,
            next_audit: self.store.get_meta_u64(meta::NEXT_AUDIT)?,
            units_changed: false,
            ws_task_id: None,
            audits: Vec::new(),
        };
        let out = f(&mut tx)?;
        if tx.discard {
            return Ok(out);
        }
        let bulk = tx.staging.is_some();
        tx.flush_audits(bulk);
        tx.ws.raw_put(
            TreeId::Meta,
            meta::NEXT_AUDIT.to_vec(),
            tx.next_audit.to_be_bytes().to_vec(),
        );
        let changed = tx.units_changed;
        match tx.staging.take() {
            Some(mut s) => {
                s.push(std::mem::take(&mut tx.ws))?;
                let hidden = self.visible.write().unwrap_or_else(|p| p.into_inner());
                let done = s.commit();
                drop(hidden);
                if done.is_err() {
                    self.invalidate(true);
                }
                done?;
                self.wrote_in_bulk.store(true, Ordering::SeqCst);
            }
            None => {
                self.store.apply(tx.ws)?;
                crate::killpoint::reached("write.applied");
            }
        }
        self.invalidate(changed);
        let ticket = self.durable.applied.fetch_add(1, Ordering::SeqCst) + 1;
        drop(_guard);
        // Other writers may apply while this one waits: one flush then covers them all.
        if let Err(e) = self.durable.wait_flushed(ticket, || self.store.flush()) {
            // The store now reads what is on disk: answers computed from memory are stale.
            self.invalidate(true);
            return Err(e);
        }
        Ok(out)
    }

    /// Runs a read that must not see a large command half copied into place (see `visible`).
    /// Not for a read that takes the write lock itself, such as a backup.
    pub fn whole<T>(&self, read: impl FnOnce() -> T) -> T {
        let _seen = self.visible.read().unwrap_or_else(|p| p.into_inner());
        read()
    }

    /// Drops derived answers after a write; the unit tree only when units changed.
    fn invalidate(&self, units_changed: bool) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.completeness
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        if units_changed {
            *self.units.write().unwrap_or_else(|p| p.into_inner()) = None;
        }
    }

    /// Computes completeness afresh, bypassing the memo (for benchmarks and diagnostics).
    pub fn completeness_uncached(
        &self,
        period: Period,
        under: Option<&str>,
    ) -> Result<Completeness> {
        self.completeness_impl(period, under)
    }

    pub(crate) fn completeness_cached(
        &self,
        period: Period,
        under: Option<&str>,
    ) -> Result<Completeness> {
        let key = (period, under.map(str::to_string));
        if let Some(c) = self
            .completeness
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(c.clone());
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let c = self.completeness_impl(period, under)?;
        let mut memo = self.completeness.lock().unwrap_or_else(|p| p.into_inner());
        if self.generation.load(Ordering::SeqCst) != generation {
            return Ok(c);
        }
        if memo.len() > 256 {
            memo.clear();
        }
        memo.insert(key, c.clone());
        Ok(c)
    }

    pub(crate) fn cache(&self) -> Result<Arc<UnitCache>> {
        if let Some(c) = self
            .units
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            return Ok(c.clone());
        }
        let c = Arc::new(self.load_unit_cache()?);
        *self.units.write().unwrap_or_else(|p| p.into_inner()) = Some(c.clone());
        Ok(c)
    }

    pub(crate) fn load_unit(&self, code: &str) -> Result<Unit> {
        self.store
            .get(TreeId::Units, &keys::unit(code))?
            .ok_or_else(|| Error::not_found(Entity::Unit, code))
    }

    pub(crate) fn load_settings(&self) -> Result<Settings> {
        match self.store.entries(TreeId::Meta).get(meta::SETTINGS)? {
            Some(v) => codec::decode(&v).map_err(|e| Error::Corrupt {
                what: "meta/settings".into(),
                detail: e.to_string(),
            }),
            None => Ok(Settings::default()),
        }
    }

    fn set_settings_impl(&self, a: &Actor, s: Settings) -> Result<Settings> {
        s.cutoffs.validate()?;
        s.deadlines.validate()?;
        self.write(a, |tx| {
            let bytes = codec::encode(&s).map_err(|e| Error::Io {
                detail: e.to_string(),
            })?;
            tx.ws.raw_put(TreeId::Meta, meta::SETTINGS.to_vec(), bytes);
            tx.audit(
                crate::domain::audit::Action::SettingsSet,
                "settings".into(),
                format!(
                    "cut-offs {}/{}/{}, deadlines {}/{}/{}/{} days",
                    s.cutoffs.excellent,
                    s.cutoffs.good,
                    s.cutoffs.average,
                    s.deadlines.month,
                    s.deadlines.quarter,
                    s.deadlines.half,
                    s.deadlines.year
                ),
            );
            Ok(s.clone())
        })
    }

    /// A page of the entries `keep` lets through, newest first; offsets count only those, so
    /// a user's own history never drops out behind other people's entries.
    fn audit_impl(
        &self,
        q: &AuditQuery,
        keep: &dyn Fn(&AuditEntry) -> bool,
    ) -> Result<Page<AuditEntry>> {
        let limit = clamp_limit(q.limit);
        let entries: Box<dyn Iterator<Item = Result<AuditEntry>>> = match &q.entity {
            Some(e) => Box::new(self.audit_trail(e)),
            None => Box::new(self.store.audit_newest_first()),
        };
        paged(entries, keep, q.offset, limit)
    }

    fn bulk_impl(&self, a: &Actor, b: Bulk) -> Result<()> {
        check_actor(a)?;
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        // Readers see the store before the load or after it, never a part of it.
        let hidden = self.visible.write().unwrap_or_else(|p| p.into_inner());
        let (nu, nr, nt) = (b.units.len(), b.reports.len(), b.tasks.len());
        let loaded = self.bulk_put_all(b);
        self.invalidate(true);
        self.wrote_in_bulk.store(true, Ordering::SeqCst);
        drop(hidden);
        drop(_guard);
        loaded?;
        self.write(a, |tx| {
            tx.audit(
                crate::domain::audit::Action::BulkLoad,
                "store".into(),
                format!("{nu} units, {nr} reports, {nt} tasks"),
            );
            Ok(())
        })
    }
}

impl LocalService {
    fn bulk_put_all(&self, b: Bulk) -> Result<()> {
        let mut next_task = self.store.get_meta_u64(meta::NEXT_TASK)?.max(1);
        self.bulk_put(&b.units)?;
        self.bulk_put(&b.reports)?;
        // Tasks get fresh ids so a bulk load never overwrites existing tasks.
        let mut tasks = b.tasks;
        for t in &mut tasks {
            t.id = next_task;
            next_task += 1;
        }
        self.bulk_put(&tasks)?;
        self.store
            .entries(TreeId::Meta)
            .insert_outside_transaction(meta::NEXT_TASK, &next_task.to_be_bytes())
    }

    /// Writes records in chunks, replacing any with the same key along with their index entries.
    fn bulk_put<T: crate::store::indexes::Indexed>(&self, items: &[T]) -> Result<()> {
        for chunk in items.chunks(5000) {
            let mut ws = WriteSet::new();
            for item in chunk {
                let old: Option<T> = self.store.get(T::TREE, &item.primary_key())?;
                ws.put(old.as_ref(), item)?;
            }
            self.store.apply(ws)?;
        }
        Ok(())
    }
}

/// The page of `items` that `keep` lets through, after skipping `offset` of those; `next` is
/// the offset of the page after it, if any.
pub(super) fn paged<T>(
    items: impl Iterator<Item = Result<T>>,
    keep: impl Fn(&T) -> bool,
    offset: usize,
    limit: usize,
) -> Result<Page<T>> {
    let mut out = Vec::new();
    let mut next = None;
    let mut seen = 0;
    for item in items {
        let item = item?;
        if !keep(&item) {
            continue;
        }
        if seen >= offset {
            if out.len() == limit {
                next = Some(seen);
                break;
            }
            out.push(item);
        }
        seen += 1;
    }
    Ok(Page {
        items: out,
        next,
        cursor: None,
    })
}

pub(crate) fn check_actor(a: &Actor) -> Result<()> {
    if a.name.trim().is_empty() {
        return Err(Error::invalid(
            "actor",
            "no acting user was given",
            "chưa có người thực hiện",
        ));
    }
    Ok(())
}

pub(crate) fn clamp_limit(l: usize) -> usize {
    if l == 0 {
        DEFAULT_LIMIT
    } else {
        l.min(MAX_LIMIT)
    }
}

/// Free text fields: NFC, trimmed, bounded, no control characters other than newlines.
pub(crate) fn clean_text(field: &str, s: &str, max: usize) -> Result<String> {
    let t = crate::domain::text::clean(s);
    if t.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("is longer than {max} characters"),
            format!("dài quá {max} ký tự"),
        ));
    }
    if let Some(c) = crate::domain::text::hidden_char(&t, true) {
        let c = crate::domain::text::show_char(c);
        return Err(Error::invalid(
            field,
            format!("contains the invisible or control character {c}; retype it without it"),
            format!("chứa ký tự ẩn hoặc ký tự điều khiển {c}; hãy gõ lại không có ký tự đó"),
        ));
    }
    Ok(t)
}

impl LocalService {
    /// Records, indexes and texts, then every lineage rule.
    pub(crate) fn full_check(&self) -> Result<CheckSummary> {
        // Lineage and the kept unit tree are checked on a thread of their own while the store
        // is (on a national store each is about half a second of a 2.3 s check); their
        // findings count only if every record decodes, so a damaged store reports that first.
        let (r, links) = std::thread::scope(|scope| {
            let links = scope.spawn(|| -> Result<Vec<String>> {
                let mut out = self.lineage_check_all()?;
                out.extend(self.unit_snapshot_problems()?);
                Ok(out)
            });
            let r = self.store.check();
            let links = links.join().unwrap_or_else(|_| {
                Ok(vec!["units: the check of lineage stopped short".to_string()])
            });
            (r, links)
        });
        let mut problems = r.problems;
        if problems.is_empty() {
            problems.extend(links?);
            // An account whose unit is gone would work in whatever unit takes the code next.
            for acc in self
                .store
                .records::<crate::domain::account::Account>(TreeId::Users, b"")
            {
                let acc = acc?;
                if let Some(u) = acc.unit.as_deref().filter(|u| self.load_unit(u).is_err()) {
                    problems.push(format!(
                        "account {}: its unit {u} does not exist; move it (antq user add {} --role ROLE --unit CODE) or remove it",
                        acc.name, acc.name
                    ));
                }
            }
        }
        Ok(CheckSummary {
            records: r.records,
            index_entries: r.index_entries,
            problems,
        })
    }

    /// A unit named for a period: the code's holder then.
    fn at_period(&self, unit: &str, p: Period) -> Result<String> {
        self.resolve_on(unit, p.start(), p.end())
    }

    pub(crate) fn at_year(&self, unit: &str, year: i16) -> Result<String> {
        let (from, to) = year_days(year)?;
        self.resolve_on(unit, from, to)
    }

    /// A listing's `--under`, resolved as of its period (or today).
    fn under_at(&self, under: Option<&str>, p: Option<Period>) -> Result<Option<String>> {
        match (under, p) {
            (Some(u), Some(p)) => self.area_unit(u, p).map(Some),
            (Some(u), None) => self.resolve_record(u).map(Some),
            (None, _) => Ok(None),
        }
    }
}

fn year_days(year: i16) -> Result<(jiff::civil::Date, jiff::civil::Date)> {
    let bad = |_| {
        Error::invalid(
            "year",
            format!("{year} is not a year antq can hold"),
            format!("{year} không phải năm hợp lệ"),
        )
    };
    Ok((
        jiff::civil::Date::new(year, 1, 1).map_err(bad)?,
        jiff::civil::Date::new(year, 12, 31).map_err(bad)?,
    ))
}
