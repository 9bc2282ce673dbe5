//! Offline bundles: export what changed in a subtree since a date; import another store's
//! bundle, keeping both versions of anything changed on both sides.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;

use super::bundle_rules::*;
use super::LocalService;
use crate::domain::conflict::{Carried, Conflict};
use crate::domain::date::{fmt_date, serde_days};
use crate::domain::office::Office;
use crate::domain::period::Period;
use crate::domain::report::MAX_NARRATIVE;
use crate::domain::unit::{self, Unit, MAX_NOTES};
use crate::error::{Error, Problem, Result};
use crate::exchange::bundle_file::{self, Bundle, BundleHead};
use crate::service::api::*;
use crate::store::{keys, TreeId};

pub(super) enum Verdict {
    Unchanged,
    /// Behind the local version: an older bundle, or what the local version was approved from.
    Older,
    Apply {
        local: Option<Carried>,
    },
    Conflict {
        local_rev: u64,
        old: Option<Conflict>,
    },
}

/// Actions that bring in another store's change; they do not count as local edits.
const FOREIGN: [Action; 3] = [
    Action::BundleImport,
    Action::BundleConflict,
    Action::ConflictResolve,
];

use crate::domain::audit::Action;

impl LocalService {
    /// The record an audit entity names, as it is now; None once deleted.
    pub(super) fn load_entity(&self, entity: &str) -> Result<Option<Carried>> {
        let mut parts = entity.splitn(3, '/');
        let (kind, a, b) = (parts.next(), parts.next(), parts.next());
        Ok(match (kind, a, b) {
            (Some("unit"), Some(code), None) => self
                .store
                .get(TreeId::Units, &keys::unit(code))?
                .map(Carried::Unit),
            (Some("report"), Some(u), Some(p)) => match Period::parse(p) {
                Ok(p) => self.store.report(u, p)?.map(Carried::Report),
                Err(_) => None,
            },
            (Some("assessment"), Some(u), Some(y)) => match y.parse() {
                Ok(y) => self
                    .store
                    .get(TreeId::Assessments, &keys::assessment(u, y))?
                    .map(Carried::Assessment),
                Err(_) => None,
            },
            (Some("task"), Some(id), None) => match id.parse() {
                Ok(id) => self
                    .store
                    .get(TreeId::Tasks, &keys::task(id))?
                    .map(Carried::Task),
                Err(_) => None,
            },
            _ => None,
        })
    }

    pub(super) fn bundle_export_impl(
        &self,
        a: &Actor,
        under: &str,
        since: Date,
    ) -> Result<Vec<u8>> {
        self.load_unit(under)?;
        self.need_read(a, under)?;
        let cache = self.cache()?;
        let from = midnight(since);
        let mut entities = BTreeSet::new();
        // The audit trail is in time order: walk back from the newest entry to the date.
        for item in self.store.audit_newest_first() {
            let e = item?;
            if e.at < from {
                break;
            }
            entities.insert(e.entity);
        }
        let mut records = Vec::new();
        for ent in &entities {
            if let Some(c) = self.load_entity(ent)? {
                if cache.is_within(c.unit(), under) {
                    records.push(c);
                }
            }
        }
        // Units first, parents before children, so a reader can apply them in order.
        records.sort_by_key(|c| match c {
            Carried::Unit(u) => (0, u.kind.level() as u8),
            Carried::Report(_) => (1, 0),
            Carried::Assessment(_) => (2, 0),
            Carried::Task(_) => (3, 0),
        });
        let b = Bundle {
            head: BundleHead {
                origin: a.name.clone(),
                under: under.to_string(),
                since_days: serde_days::to_days(since),
                created_at: self.now(),
            },
            records,
        };
        bundle_file::encode(&b).map_err(|d| Error::Io {
            detail: format!("encoding the bundle: {d}"),
        })
    }

    /// Whether the record changed here, other than by an import, since `from`.
    fn changed_locally(&self, entity: &str, from: i64) -> Result<bool> {
        for e in self.audit_trail(entity) {
            let e = e?;
            if e.at < from {
                return Ok(false);
            }
            let foreign = Action::from_code(&e.action).is_some_and(|a| FOREIGN.contains(&a));
            if !foreign {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Refuses a bundle whose subtree or units this store does not know.
    fn check_bundle_units(&self, b: &Bundle) -> Result<()> {
        let cache = self.cache()?;
        if cache.get(&b.head.under).is_none() {
            return Err(refuse(
                format!("the bundle is for unit {}, which this store does not know; import the unit registry first", b.head.under),
                format!("gói dữ liệu dành cho đơn vị {}, kho này chưa có; hãy nhập danh mục đơn vị trước", b.head.under),
            ));
        }
        let carried = carried_units(b);
        let mut unknown: Vec<&str> = b
            .records
            .iter()
            .map(Carried::unit)
            .chain(b.records.iter().filter_map(|c| match c {
                Carried::Unit(u) => u.parent.as_deref(),
                _ => None,
            }))
            .filter(|u| cache.get(u).is_none() && !carried.contains_key(u))
            .collect();
        unknown.sort();
        unknown.dedup();
        if unknown.is_empty() {
            return Ok(());
        }
        Err(Error::Rejected {
            what: "bundle".into(),
            problems: unknown.iter().map(|u| Problem::new(0, "", format!("unit {u} is not known to this store; import the unit registry first, then the bundle"), format!("kho này chưa có đơn vị {u}; hãy nhập danh mục đơn vị trước rồi nhập gói"))).collect(),
        })
    }

    /// Applies a bundle only if a registered office signed it, it stays inside that office's
    /// subtree, and every record passes the checks typed input passes. Refused whole otherwise.
    pub(super) fn bundle_import_impl(
        &self,
        a: &Actor,
        bytes: Vec<u8>,
        dry_run: bool,
    ) -> Result<BundleOutcome> {
        super::check_actor(a)?;
        self.need_admin(a)?;
        let (office, b) = self.verified_bundle(&bytes)?;
        self.check_bundle_units(&b)?;
        self.check_bundle_scope(&office, &b)?;
        self.check_bundle_records(&office, &b)?;
        let from = conflict_horizon(&office, &b);
        let planned = self.apply_bundle(&b, from, None)?;
        // Nothing to write (an import repeated): no transaction, no flush.
        let idle =
            planned.added.is_empty() && planned.updated.is_empty() && planned.conflicts.is_empty();
        if dry_run || idle {
            return Ok(planned);
        }
        self.write(a, |tx| {
            let out = self.apply_bundle(&b, from, Some(tx))?;
            let mut seen = office.clone();
            seen.last_import_at = Some(tx.at);
            tx.put(Some(&office), &seen)?;
            Ok(out)
        })
    }

    /// The office the file names must be registered here, and its key must verify the file.
    fn verified_bundle(&self, bytes: &[u8]) -> Result<(Office, Bundle)> {
        let reason = |e: bundle_file::BundleError| {
            let (en, vi) = e.reason();
            refuse(en, vi)
        };
        let opened = bundle_file::open(bytes).map_err(reason)?;
        let code = &opened.office;
        // Checked before it is shown in any message: the file may say anything.
        if unit::validate_id("office", code).is_err() {
            return Err(refuse(
                "it does not name a valid office code; nothing was imported",
                "gói không ghi mã văn phòng hợp lệ; chưa nhập gì",
            ));
        }
        let office: Office = self
            .store
            .get(TreeId::Offices, &keys::unit(code))?
            .ok_or_else(|| refuse(
                format!("it is signed as office {code}, which is not registered here; nothing was imported. If {code} is a real office, register its public key with: antq office add {code} KEY"),
                format!("gói được ký với danh nghĩa văn phòng {code}, chưa đăng ký ở đây; chưa nhập gì. Nếu {code} đúng là một văn phòng, hãy đăng ký khóa công khai: antq office add {code} KHÓA"),
            ))?;
        let b = bundle_file::verify(&opened, &office.public_key).map_err(reason)?;
        let head_ok = unit::validate_id("under", &b.head.under).is_ok()
            && crate::domain::text::hidden_char(&b.head.origin, false).is_none();
        if !head_ok {
            return Err(refuse(
                "its header holds a unit code or a sender name that antq would not accept as typed; nothing was imported",
                "phần đầu gói có mã đơn vị hoặc tên người gửi mà antq không chấp nhận khi gõ; chưa nhập gì",
            ));
        }
        Ok((office, b))
    }

    /// Every record lies in the office's subtree; units strictly below its own unit.
    fn check_bundle_scope(&self, office: &Office, b: &Bundle) -> Result<()> {
        let cache = self.cache()?;
        let root = office.unit.as_str();
        let carried = carried_units(b);
        // With the bundle's units in place of the store's: a parent change is judged as it
        // would stand after the import, which is also what finds a cycle.
        let parent_of = |c: &str| match carried.get(c) {
            Some(u) => u.parent.clone(),
            None => cache.get(c).and_then(|u| u.parent.clone()),
        };
        // Lineage as this store holds it, never as the bundle claims it: a carried link must
        // not pull an outside unit into the office's area.
        let successors_of = |c: &str| -> Vec<String> {
            cache
                .get(c)
                .map(|u| u.successors.iter().map(|l| l.unit.clone()).collect())
                .unwrap_or_default()
        };
        // A unit that became part of the office's area is its history, as the sender's own
        // scope counts it: inside through its parents, or through what it continued into.
        let inside = |code: &str| reaches_through_lineage(code, root, &parent_of, &successors_of);
        let own =
            |code: &str| code == root || lineage_leads_to(code, root, &|c: &str| successors_of(c));
        let mut problems = Vec::new();
        if !cache.is_within(&b.head.under, root) {
            problems.push(outside(&b.head.under, root));
        }
        for c in &b.records {
            let code = c.unit();
            let was_outside = cache.get(code).is_some() && !cache.is_within(code, root);
            if was_outside || inside(code) != Reach::Inside {
                problems.push(match inside(code) {
                    Reach::Cycle => cycle(code),
                    _ => outside(code, root),
                });
            } else if matches!(c, Carried::Unit(_)) && own(code) && self.changes(c)? {
                problems.push(own_unit(root));
            }
        }
        problems.dedup();
        if problems.is_empty() {
            return Ok(());
        }
        Err(Error::Rejected {
            what: "bundle".into(),
            problems,
        })
    }

    /// Whether the record differs from what is stored here.
    fn changes(&self, c: &Carried) -> Result<bool> {
        Ok(!self
            .load_entity(&c.entity())?
            .is_some_and(|l| l.same_content(c)))
    }

    /// The checks each record would pass if typed: codes, names, kinds under their parents,
    /// text hygiene, indicator values and workflow state an office may set.
    fn check_bundle_records(&self, office: &Office, b: &Bundle) -> Result<()> {
        let carried = carried_units(b);
        let mut problems = Vec::new();
        for c in &b.records {
            if let Err(e) = self.check_carried(office, c, &carried) {
                problems.push(refused_record(&format!("{}: ", c.entity()), &e));
            }
        }
        // Dates, links and parents over time, as a units file or a merge is checked.
        if problems.is_empty() {
            let changed: HashMap<String, Unit> = carried
                .values()
                .map(|u| (u.code.clone(), (*u).clone()))
                .collect();
            for e in self.lineage_problems(&changed)? {
                problems.push(refused_record("", &e));
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(Error::Rejected {
            what: "bundle".into(),
            problems,
        })
    }

    fn unit_as_imported(&self, code: &str, carried: &HashMap<&str, &Unit>) -> Result<Unit> {
        match carried.get(code) {
            Some(u) => Ok((*u).clone()),
            None => self.load_unit(code),
        }
    }

    fn check_carried(
        &self,
        office: &Office,
        c: &Carried,
        carried: &HashMap<&str, &Unit>,
    ) -> Result<()> {
        // The office's own unit and its predecessors are approved by the level above; an
        // approval the receiver already holds is not the office's doing.
        let own = c.unit() == office.unit || self.cache()?.continues_into(c.unit(), &office.unit);
        let below_office = !own || !self.changes(c)?;
        match c {
            Carried::Unit(u) => {
                unit::validate_id("code", &u.code)?;
                unit::validate_name(&u.name)?;
                same_clean("notes", &u.notes, MAX_NOTES)?;
                let parent = match &u.parent {
                    Some(p) => Some(self.unit_as_imported(p, carried)?),
                    None => None,
                };
                unit::validate_parent_kind(u, parent.as_ref())
            }
            Carried::Report(r) => {
                let u = self.unit_as_imported(&r.unit, carried)?;
                exists_during(&u, c)?;
                let values: Vec<(String, Option<u32>)> = r
                    .values
                    .iter()
                    .map(|(k, v)| (k.clone(), Some(*v)))
                    .collect();
                self.check_values(&u, r.period, &values)?;
                same_clean("narrative", &r.narrative, MAX_NARRATIVE)?;
                approvable_by_office(r.status, below_office, &r.unit)
            }
            Carried::Assessment(x) => {
                let u = self.unit_as_imported(&x.unit, carried)?;
                exists_during(&u, c)?;
                same_clean("notes", &x.notes, 4000)?;
                same_clean("reason", &x.override_reason, 2000)?;
                // This province's classification rules, as if the assessment were typed here.
                super::assessments::check_grade_rules(&mut x.clone(), &self.load_settings()?)?;
                approvable_by_office(x.status, below_office, &x.unit)
            }
            Carried::Task(t) => {
                let lead = self.unit_as_imported(&t.lead_unit, carried)?;
                self.check_ends_after_due("lead_unit", &lead, t.due)?;
                same_clean("title", &t.title, 300)?;
                same_clean("details", &t.details, 10_000)?;
                Ok(())
            }
        }
    }

    /// What the bundle does to each record; with a transaction, also does it.
    fn apply_bundle(
        &self,
        b: &Bundle,
        from: i64,
        mut tx: Option<&mut super::Tx>,
    ) -> Result<BundleOutcome> {
        let since = serde_days::from_days(b.head.since_days).unwrap_or(Date::MIN);
        let origin = format!("{} · {} · {}", b.head.origin, b.head.under, fmt_date(since));
        let mut out = BundleOutcome::default();
        let mut numbers = self.task_numbers()?;
        let mut records = Vec::with_capacity(b.records.len());
        let mut verdicts = Vec::with_capacity(b.records.len());
        for c in &b.records {
            let c = self.as_local_task(c, &mut numbers)?;
            verdicts.push(self.verdict(&c, &c.entity(), from)?);
            records.push(c);
        }
        self.hold_lineage_together(&records, &mut verdicts)?;
        for (c, verdict) in records.iter().zip(verdicts) {
            let ent = c.entity();
            match verdict {
                Verdict::Unchanged => out.unchanged += 1,
                Verdict::Older => out.older.push(ent.clone()),
                Verdict::Conflict { local_rev, old } => {
                    out.conflicts.push(ent.clone());
                    if let Some(tx) = tx.as_deref_mut() {
                        let conflict = Conflict {
                            entity: ent.clone(),
                            incoming: c.clone(),
                            origin: origin.clone(),
                            received_at: tx.at,
                            revision: old.as_ref().map_or(0, |o| o.revision + 1),
                        };
                        tx.put(old.as_ref(), &conflict)?;
                        let note = format!(
                            "kept both: local revision {local_rev}, incoming from {origin}"
                        );
                        tx.audit(
                            crate::domain::audit::Action::BundleConflict,
                            ent.clone(),
                            note,
                        );
                    }
                }
                Verdict::Apply { local } => {
                    let list = if local.is_some() {
                        &mut out.updated
                    } else {
                        &mut out.added
                    };
                    list.push(ent.clone());
                    if let Some(tx) = tx.as_deref_mut() {
                        put_carried(tx, local.as_ref(), c)?;
                        tx.audit(
                            crate::domain::audit::Action::BundleImport,
                            ent.clone(),
                            format!("from {origin}"),
                        );
                    }
                }
            }
        }
        if let Some(tx) = tx {
            numbers.write(tx);
        }
        Ok(out)
    }

    /// Same content is nothing to do; a record changed here too since the bundle's date is a
    /// conflict, unless that conflict is already kept.
    fn verdict(&self, c: &Carried, ent: &str, from: i64) -> Result<Verdict> {
        let local = self.load_entity(ent)?;
        let Some(l) = &local else {
            return Ok(Verdict::Apply { local });
        };
        if l.same_content(c) {
            return Ok(Verdict::Unchanged);
        }
        if c.is_ancestor_of(l) {
            return Ok(Verdict::Older);
        }
        // Tasks arrive renumbered (`as_local_task`): the same entity is the same record.
        if !self.changed_locally(ent, from)? {
            if c.saved_before(l) {
                return Ok(Verdict::Older);
            }
            // Approved is locked: the incoming version waits beside it as a conflict.
            if !l.locked() {
                return Ok(Verdict::Apply { local });
            }
        }
        let old: Option<Conflict> = self.store.get(TreeId::Conflicts, ent.as_bytes())?;
        if old.as_ref().is_some_and(|o| o.incoming.same_content(c)) {
            return Ok(Verdict::Unchanged);
        }
        Ok(Verdict::Conflict {
            local_rev: l.revision(),
            old,
        })
    }

    pub(super) fn conflicts_impl(&self, a: &Actor) -> Result<Vec<ConflictInfo>> {
        self.need_admin(a)?;
        let mut out = Vec::new();
        for c in self.store.records::<Conflict>(TreeId::Conflicts, b"") {
            let c = c?;
            let local = self.load_entity(&c.entity)?;
            let fields = side_by_side(
                &local.as_ref().map(describe).unwrap_or_default(),
                &describe(&c.incoming),
            );
            out.push(ConflictInfo {
                entity: c.entity.clone(),
                origin: c.origin.clone(),
                received_at: c.received_at,
                fields,
            });
        }
        Ok(out)
    }

    pub(super) fn resolve_conflict_impl(
        &self,
        a: &Actor,
        entity: &str,
        take_incoming: bool,
    ) -> Result<()> {
        self.need_admin(a)?;
        self.write(a, |tx| {
            let c: Conflict = self.store.get(TreeId::Conflicts, entity.as_bytes())?.ok_or_else(|| {
                Error::invalid("conflict", format!("there is no conflict for {entity} (list them with: antq bundle conflicts)"), format!("không có xung đột nào cho {entity} (xem bằng: antq bundle conflicts)"))
            })?;
            // Linked units (a merge's both sides) are settled together, all one way.
            let which = if take_incoming { "incoming" } else { "local" };
            let group = self.held_with(&c)?;
            if take_incoming {
                self.incoming_units_fit(&group)?;
                let none = std::collections::HashMap::new();
                if !self.fits_unit(&c.incoming, &none)? {
                    return Err(Error::invalid(
                        "conflict",
                        format!("{entity}: its unit did not exist then, here; keep the local version, or take the unit's incoming version first"),
                        format!("{entity}: đơn vị của nó không tồn tại vào thời gian đó ở đây; hãy giữ bản tại chỗ, hoặc nhận bản đến của đơn vị trước"),
                    ));
                }
            }
            for c in group {
                tx.ws.delete(&c);
                if take_incoming {
                    let local = self.load_entity(&c.entity)?;
                    if let Some(l) = local.as_ref().filter(|l| l.locked()) {
                        return Err(locked_here(l));
                    }
                    put_carried(tx, local.as_ref(), &c.incoming)?;
                }
                tx.audit(crate::domain::audit::Action::ConflictResolve, c.entity.clone(), format!("kept the {which} version"));
            }
            Ok(())
        })
    }
}
