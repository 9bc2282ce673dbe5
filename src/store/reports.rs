//! Reading and writing reports through their chunks (see `packed`), migrating schema 2's
//! one-entry-per-report layout, and checking chunks.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;

use super::packed::{self, Change, Mark, Pending};
use super::{show_key, Store, TreeId};
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::error::{Error, Result};

/// A chunk that cannot be read, named by its key.
pub(super) fn corrupt(k: &[u8], e: impl ToString) -> Error {
    Error::Corrupt {
        what: format!("{}/{}", TreeId::Reports.name(), show_key(k)),
        detail: e.to_string(),
    }
}

/// See `Store::report_reader`. It reads the store as it was when each chunk was opened: for
/// reads that do not follow their own writes (a bulk import's, whose writes are staged).
pub struct ReportReader<'s> {
    store: &'s Store,
    key: Vec<u8>,
    chunk: Option<packed::OwnedChunk>,
}

impl ReportReader<'_> {
    pub fn report(&mut self, unit: &str, period: Period) -> Result<Option<Report>> {
        let k = packed::chunk_key(period, unit);
        if k != self.key {
            let bytes = self.store.chunks().get(&k)?;
            self.chunk = bytes
                .map(|b| packed::OwnedChunk::open(&b).map_err(|e| corrupt(&k, e)))
                .transpose()?;
            self.key = k;
        }
        let Some(chunk) = &self.chunk else {
            return Ok(None);
        };
        chunk.report(unit).map_err(|e| corrupt(&self.key, e))
    }
}

impl Store {
    fn chunks(&self) -> sled::Tree {
        self.tree(TreeId::Reports)
    }

    /// One report: one get and a scan of its chunk.
    pub fn report(&self, unit: &str, period: Period) -> Result<Option<Report>> {
        self.in_slot(unit, period, |k, s| s.report().map_err(|e| corrupt(k, e)))?
            .transpose()
    }

    /// A reader that keeps the last chunk it opened: reports read in chunk order (a bulk
    /// import's rows, a period's listing) inflate each chunk once instead of once per report.
    pub fn report_reader(&self) -> ReportReader<'_> {
        ReportReader {
            store: self,
            key: Vec::new(),
            chunk: None,
        }
    }

    /// One report's mark (status, first submission) without decoding it.
    pub fn report_mark(&self, unit: &str, period: Period) -> Result<Option<Mark>> {
        let k = packed::chunk_key(period, unit);
        let Some(bytes) = self.chunks().get(&k)? else {
            return Ok(None);
        };
        let marks = packed::marks(&bytes).map_err(|e| corrupt(&k, e))?;
        Ok(marks.into_iter().find(|(u, _)| *u == unit).map(|(_, m)| m))
    }

    /// `read` of the slot holding `unit`'s report for `period` (and its chunk's key), if any.
    fn in_slot<R>(
        &self,
        unit: &str,
        period: Period,
        read: impl FnOnce(&[u8], packed::Slot) -> R,
    ) -> Result<Option<R>> {
        let k = packed::chunk_key(period, unit);
        let Some(bytes) = self.chunks().get(&k)? else {
            return Ok(None);
        };
        let chunk = packed::open(&bytes).map_err(|e| corrupt(&k, e))?;
        Ok(chunk.find(unit).map(|s| read(&k, s)))
    }

    /// Every unit's mark (status, first submission) for a period, from its chunks alone.
    pub fn period_marks(&self, period: Period) -> Result<Vec<(String, Mark)>> {
        let mut out = Vec::new();
        for kv in self.chunks().scan_prefix(period.key()) {
            let (k, v) = kv?;
            for (unit, mark) in packed::marks(&v).map_err(|e| corrupt(&k, e))? {
                out.push((unit.to_string(), mark));
            }
        }
        Ok(out)
    }

    /// Every report's unit and period, read from the chunks' heads without inflating their
    /// records: what a check across units needs of a national store's reports.
    pub fn each_report_place(&self, mut visit: impl FnMut(&str, Period)) -> Result<()> {
        for kv in super::scan::scan(&self.chunks()) {
            let (k, v) = kv?;
            let period =
                packed::chunk_period(&k).ok_or_else(|| corrupt(&k, "its key names no period"))?;
            for (unit, _) in packed::marks(&v).map_err(|e| corrupt(&k, e))? {
                visit(unit, period);
            }
        }
        Ok(())
    }

    /// The periods that have any report, in order: one seek per period, not a scan.
    pub fn report_periods(&self) -> Result<Vec<Period>> {
        let tree = self.chunks();
        let mut out = Vec::new();
        let mut from: Vec<u8> = Vec::new();
        while let Some(kv) = tree.range(from.clone()..).next() {
            let (k, _) = kv?;
            let p = packed::chunk_period(&k).ok_or_else(|| corrupt(&k, "no period"))?;
            out.push(p);
            match u32::from_be_bytes(p.key()).checked_add(1) {
                Some(next) => from = next.to_be_bytes().to_vec(),
                None => break,
            }
        }
        Ok(out)
    }

    /// One unit's reports in period order.
    pub fn reports_of(&self, unit: &str) -> Result<Vec<Report>> {
        let mut out = Vec::new();
        for p in self.report_periods()? {
            if let Some(r) = self.report(unit, p)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Every report in stored order (period, group, unit), after the position `after` (a
    /// position this iterator handed out), with the position of each.
    pub fn reports_from(&self, after: Option<Vec<u8>>) -> ReportsFrom {
        let start = match &after {
            Some(pos) => Bound::Included(chunk_of_position(pos).to_vec()),
            None => Bound::Unbounded,
        };
        ReportsFrom {
            chunks: Box::new(super::scan::scan_from(&self.chunks(), start)),
            ready: VecDeque::new(),
            after,
        }
    }

    /// Applies gathered report writes outside any transaction (a bulk copy or a restore,
    /// which their own markers make all or nothing). Each chunk is rewritten once.
    pub(super) fn apply_pending(&self, pending: &mut Pending) -> Result<()> {
        let tree = self.chunks();
        for (n, (k, changes)) in pending.drain().into_iter().enumerate() {
            let old = tree.get(&k)?;
            match packed::merge(old.as_deref(), &changes).map_err(|e| corrupt(&k, e))? {
                Some(v) => tree.insert(k, v)?,
                None => tree.remove(k)?,
            };
            if n % 256 == 255 {
                super::let_garbage_go(&tree);
            }
        }
        Ok(())
    }

    /// Adds a logical report write (`keys::report` and its record) for `apply_pending`.
    pub fn pend_report(
        &self,
        pending: &mut Pending,
        key: &[u8],
        value: Option<&[u8]>,
    ) -> Result<()> {
        pending.add(key, value, None)?;
        if pending.is_full() {
            self.apply_pending(pending)?;
        }
        Ok(())
    }

    /// Finishes what `pend_report` gathered.
    pub fn finish_reports(&self, pending: &mut Pending) -> Result<()> {
        self.apply_pending(pending)
    }

    /// Schema 2 kept one entry per report: pack them into chunks. Each write is absolute, so
    /// a migration cut short is simply done again on the next open; the old tree goes only
    /// after the new schema number is flushed.
    pub(super) fn migrate_reports(&self) -> Result<()> {
        let db = self.opened().db.clone();
        let old = db.open_tree(super::trees::OLD_REPORTS)?;
        let mut pending = Pending::default();
        for kv in old.iter() {
            let (k, v) = kv?;
            self.pend_report(&mut pending, &k, Some(&v))?;
        }
        self.finish_reports(&mut pending)?;
        self.tree(TreeId::ReportsByPeriod).clear()?;
        self.flush()
    }

    /// Drops what older schemas kept and this one does not, once the new schema is recorded:
    /// schema 2's report tree, schema 6's unit trees, and the entries of every retired tree
    /// (`TreeId::RETIRED`).
    pub(super) fn drop_retired(&self) -> Result<()> {
        let db = self.opened().db.clone();
        let old = super::grouped::OLD_TREES.map(|(name, _)| name);
        for name in [super::trees::OLD_REPORTS].iter().chain(&old) {
            if db
                .tree_names()
                .iter()
                .any(|n| n.as_ref() == name.as_bytes())
            {
                db.drop_tree(name.as_bytes())?;
            }
        }
        for t in super::TreeId::RETIRED {
            let tree = self.tree(t);
            if !tree.is_empty() {
                tree.clear()?;
            }
        }
        Ok(())
    }

    /// `check` for reports: every chunk reads, each slot's record decodes, sits in the chunk
    /// its unit and period name, in unit order, with the mark its record makes.
    pub(super) fn check_reports(&self, r: &mut super::check::CheckReport) {
        for item in super::scan::scan(&self.chunks()) {
            let Ok((k, v)) = item else {
                r.problems
                    .push(format!("{}: read error", TreeId::Reports.name()));
                continue;
            };
            let chunk = match packed::open(&v) {
                Ok(c) => c,
                Err(e) => {
                    r.problems
                        .push(format!("{}/{}: {e}", TreeId::Reports.name(), show_key(&k)));
                    continue;
                }
            };
            let mut last: Option<&str> = None;
            for s in chunk.slots() {
                r.records += 1;
                // Named only when there is a problem: a national check reads a million slots.
                let at = || format!("{}/{}/{}", TreeId::Reports.name(), show_key(&k), s.unit);
                if last.is_some_and(|l| l >= s.unit) {
                    r.problems
                        .push(format!("{}: out of order in its chunk", at()));
                }
                last = Some(s.unit);
                match s.report() {
                    Ok(rep) => check_slot(&k, &s, &rep, &at, r),
                    Err(e) => r.problems.push(format!("{}: {e}", at())),
                }
            }
        }
    }
}

fn check_slot(
    chunk: &[u8],
    s: &packed::Slot,
    rep: &Report,
    at: &dyn Fn() -> String,
    r: &mut super::check::CheckReport,
) {
    if rep.unit != s.unit || packed::chunk_key(rep.period, &rep.unit) != chunk {
        r.problems
            .push(format!("{}: stored under the wrong key", at()));
    }
    if Mark::of(rep) != s.mark {
        r.problems
            .push(format!("{}: missing or stale status", at()));
    }
    let key = super::keys::report(&rep.unit, rep.period);
    r.problems.extend(super::check::text_problems(rep, &key));
}

/// The chunk key a position starts with (its group ends at the first NUL after the period).
fn chunk_of_position(pos: &[u8]) -> &[u8] {
    let end = pos
        .iter()
        .skip(4)
        .position(|&b| b == super::keys::SEP)
        .map_or(pos.len(), |i| i + 5);
    &pos[..end]
}

/// Slot changes per chunk key.
pub type ChunkChanges = BTreeMap<Vec<u8>, BTreeMap<String, Change>>;

type ChunkIter = Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>>;

/// See `Store::reports_from`.
pub struct ReportsFrom {
    chunks: ChunkIter,
    ready: VecDeque<Result<(Vec<u8>, Report)>>,
    after: Option<Vec<u8>>,
}

impl ReportsFrom {
    fn fill(&mut self, k: &[u8], v: &[u8]) {
        let chunk = match packed::open(v) {
            Ok(c) => c,
            Err(e) => return self.ready.push_back(Err(corrupt(k, e))),
        };
        for s in chunk.slots() {
            let mut pos = k.to_vec();
            pos.extend_from_slice(s.unit.as_bytes());
            if self.after.as_ref().is_some_and(|a| &pos <= a) {
                continue;
            }
            let rep = s.report().map_err(|e| corrupt(k, e));
            self.ready.push_back(rep.map(|r| (pos, r)));
        }
    }
}

impl Iterator for ReportsFrom {
    type Item = Result<(Vec<u8>, Report)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(x) = self.ready.pop_front() {
                return Some(x);
            }
            match self.chunks.next()? {
                Ok((k, v)) => self.fill(&k, &v),
                Err(e) => return Some(Err(e.into())),
            }
        }
    }
}

/// Logical report writes of one transaction, per chunk, the last per unit winning.
pub(super) fn by_chunk(ws: &super::WriteSet) -> Result<ChunkChanges> {
    let mut out = ChunkChanges::new();
    let mut marks = ws.marks.iter().peekable();
    for (i, (t, k, v)) in ws.ops.iter().enumerate() {
        let mark = marks.next_if(|m| m.0 == i).map(|m| m.1);
        if *t == TreeId::Reports {
            let (chunk, unit, change) = packed::change_of(k, v.as_deref(), mark)?;
            out.entry(chunk).or_default().insert(unit, change);
        }
    }
    Ok(out)
}
