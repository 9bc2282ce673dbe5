//! Codes as of a date, and the lineage rules checked on every change to units, whichever
//! door it came through.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

/// A changed unit's identity as a map of changed units keys it (`String` or `&str`).
pub(crate) trait Key: Borrow<str> + Hash + Eq {}
impl<K: Borrow<str> + Hash + Eq> Key for K {}

use jiff::civil::Date;

use super::LocalService;
use crate::domain::date::fmt_date;
use crate::domain::lineage;
use crate::domain::unit::{Link, Unit};
use crate::error::{Entity, Error, Result};
use crate::store::{keys, TreeId};

/// A code's holders, shared: a bulk import hands the same ones to every row naming the code.
pub(crate) type Holders = std::rc::Rc<[Holder]>;

/// Who held one official code, and when.
#[derive(Clone, Debug)]
pub(crate) struct Holder {
    pub from: Date,
    pub to: Date,
    pub unit: String,
}

impl LocalService {
    /// Every unit that held `code`, oldest first.
    pub(crate) fn code_holders(&self, code: &str) -> Result<Vec<Holder>> {
        let prefix = keys::code_prefix(code);
        let mut out = Vec::new();
        for kv in self.store.entries(TreeId::UnitCodes).scan_prefix(&prefix) {
            let (k, v) = kv?;
            if let Some((from, to, unit)) = keys::code_holder_from(&k, &v) {
                out.push(Holder { from, to, unit });
            }
        }
        Ok(out)
    }

    /// The unit a code names for something about `from..=to` (a period, a day): the holder on
    /// the last day, else the last holder during it, else the last one before it, so that the
    /// command can say why that unit cannot take it ("was merged into …").
    pub(crate) fn resolve_on(&self, s: &str, from: Date, to: Date) -> Result<String> {
        self.resolve_on_from(s, from, to, &mut |c| self.shared_holders(c))
    }

    /// `code_holders`, shared, as `resolve_on_from` and `resolve_strict_from` take them.
    pub(crate) fn shared_holders(&self, code: &str) -> Result<Holders> {
        Ok(self.code_holders(code)?.into())
    }

    /// `resolve_on`, reading a code's holders through `holders_of` (a bulk import's memo).
    pub(crate) fn resolve_on_from(
        &self,
        s: &str,
        from: Date,
        to: Date,
        holders_of: &mut dyn FnMut(&str) -> Result<Holders>,
    ) -> Result<String> {
        match self.resolve_strict_from(s, from, to, holders_of) {
            Err(Error::State { .. }) if !s.contains('@') => {
                let holders = holders_of(s)?;
                let before = holders.iter().rev().find(|h| h.from <= to);
                Ok(before
                    .or(holders.first())
                    .map(|h| h.unit.clone())
                    .unwrap_or_default())
            }
            other => other,
        }
    }

    /// Like `resolve_on`, but a code nobody held then is an error that lists its holders.
    pub(crate) fn resolve_strict(&self, s: &str, from: Date, to: Date) -> Result<String> {
        self.resolve_strict_from(s, from, to, &mut |c| self.shared_holders(c))
    }

    fn resolve_strict_from(
        &self,
        s: &str,
        from: Date,
        to: Date,
        holders_of: &mut dyn FnMut(&str) -> Result<Holders>,
    ) -> Result<String> {
        if let Some(id) = crate::domain::unit::exact_id(s) {
            self.load_unit(id)?;
            return Ok(id.to_string());
        }
        if s.contains('@') {
            self.load_unit(s)?;
            return Ok(s.to_string());
        }
        let holders = holders_of(s)?;
        if let Some(h) = pick_holder(&holders, from, to) {
            return Ok(h.unit.clone());
        }
        if holders.is_empty() {
            // Stores written before codes were indexed by date still find a unit by its key.
            return match self.store.contains(TreeId::Units, &keys::unit(s))? {
                true => Ok(s.to_string()),
                false => Err(Error::not_found(Entity::Unit, s)),
            };
        }
        Err(self.nobody_held(s, &holders, to))
    }

    /// A unit named without a date: the holder of the code today, else the unit whose identity
    /// it is (a unit that has ended), else its last holder. `@ID` and `CODE@DAY` are exact.
    pub(crate) fn resolve_record(&self, s: &str) -> Result<String> {
        if let Some(id) = crate::domain::unit::exact_id(s) {
            self.load_unit(id)?;
            return Ok(id.to_string());
        }
        let today = self.today();
        match self.resolve_strict(s, today, today) {
            Err(Error::State { .. }) if self.store.contains(TreeId::Units, &keys::unit(s))? => {
                Ok(s.to_string())
            }
            Err(Error::State { .. }) => self.resolve_on(s, today, today),
            other => other,
        }
    }

    /// The unit a code names for undoing a change to it: the latest holder that began by
    /// today, which is the one a merge or retirement just entered ended. An earlier holder is
    /// named exactly (`CODE@` or `CODE@DATE`).
    pub(crate) fn resolve_latest(&self, s: &str) -> Result<String> {
        if crate::domain::unit::exact_id(s).is_some() || s.contains('@') {
            return self.resolve_record(s);
        }
        let today = self.today();
        let holders = self.code_holders(s)?;
        match holders.iter().rev().find(|h| h.from <= today) {
            Some(h) => Ok(h.unit.clone()),
            None => self.resolve_record(s),
        }
    }

    fn nobody_held(&self, code: &str, holders: &[Holder], on: Date) -> Error {
        let list = |lang: crate::i18n::Lang| -> String {
            let v: Vec<String> = holders
                .iter()
                .map(|h| {
                    let name = self
                        .load_unit(&h.unit)
                        .map(|u| u.title(lang))
                        .unwrap_or_default();
                    format!("{name} ({}–{})", show_day(h.from), show_day(h.to))
                })
                .collect();
            v.join(", ")
        };
        Error::state(
            Entity::Unit,
            code,
            format!(
                "no unit held this code on {}; it belonged to {}; use a day in that time, or the code the unit had on {}",
                fmt_date(on),
                list(crate::i18n::Lang::En),
                fmt_date(on)
            ),
            format!(
                "không đơn vị nào mang mã này vào ngày {}; mã thuộc về {}; hãy dùng một ngày trong khoảng đó, hoặc mã của đơn vị vào ngày {}",
                fmt_date(on),
                list(crate::i18n::Lang::Vi),
                fmt_date(on)
            ),
        )
    }

    /// Checks the lineage rules on every changed unit and its neighbours: parents and
    /// children, both sides of each link, codes held by one unit at a time, and records that
    /// must stay inside their unit's life. `changed` holds the new versions by identity.
    pub(crate) fn lineage_problems<K: Key, V: Borrow<Unit>, S: BuildHasher>(
        &self,
        changed: &HashMap<K, V, S>,
    ) -> Result<Vec<Error>> {
        let cache = self.cache()?;
        let get = |c: &str| -> Option<Unit> {
            changed
                .get(c)
                .map(|u| u.borrow().clone())
                .or_else(|| self.load_unit(c).ok())
        };
        let mut look_at: Vec<String> = Vec::new();
        for u in changed.values().map(Borrow::borrow) {
            look_at.push(u.code.clone());
            look_at.extend(u.successors.iter().map(|l| l.unit.clone()));
            look_at.extend(u.predecessors.iter().map(|l| l.unit.clone()));
            if let Some(old) = cache.get(&u.code) {
                look_at.extend(old.successors.iter().map(|l| l.unit.clone()));
                look_at.extend(old.predecessors.iter().map(|l| l.unit.clone()));
            }
        }
        look_at.extend(self.children_of(&cache, changed));
        look_at.sort();
        look_at.dedup();
        let mut out = Vec::new();
        for code in &look_at {
            if let Some(u) = get(code) {
                out.extend(lineage::check_unit(&u, &get));
            }
        }
        out.extend(self.code_overlaps(changed)?);
        for u in changed.values() {
            out.extend(self.records_outside_life(u.borrow())?);
        }
        Ok(out)
    }

    /// Units that have, or had, a changed unit as their parent (and are not changed themselves).
    fn children_of<K: Key, V, S: BuildHasher>(
        &self,
        cache: &super::cache::UnitCache,
        changed: &HashMap<K, V, S>,
    ) -> Vec<String> {
        if changed.len() > 64 {
            return cache
                .preorder
                .iter()
                .filter(|c| c.all_parents().any(|p| changed.contains_key(p)))
                .map(|c| c.code.clone())
                .collect();
        }
        let mut out = Vec::new();
        for code in changed.keys().map(Borrow::borrow) {
            let Some(&i) = cache.pos.get(code) else {
                continue;
            };
            out.extend(
                cache.preorder[i + 1..cache.subtree_end[i]]
                    .iter()
                    .filter(|c| c.parent.as_deref() == Some(code))
                    .map(|c| c.code.clone()),
            );
        }
        // Children through an earlier parent are rare; the dated ones are found by `check`.
        out.extend(
            cache
                .preorder
                .iter()
                .filter(|c| !c.history.is_empty())
                .filter(|c| {
                    c.history
                        .iter()
                        .any(|v| v.parent.as_deref().is_some_and(|p| changed.contains_key(p)))
                })
                .map(|c| c.code.clone()),
        );
        out
    }

    /// Two units may share a code only over days that do not overlap.
    fn code_overlaps<K: Key, V: Borrow<Unit>, S: BuildHasher>(
        &self,
        changed: &HashMap<K, V, S>,
    ) -> Result<Vec<Error>> {
        let mut out = Vec::new();
        let mut by_code: HashMap<&str, Vec<(Date, Date, &str)>> = HashMap::new();
        for u in changed.values().map(Borrow::borrow) {
            by_code.entry(u.official_code()).or_default().push((
                u.valid_from.unwrap_or(Date::MIN),
                u.valid_to.unwrap_or(Date::MAX),
                &u.code,
            ));
        }
        for (code, mut spans) in by_code {
            let stored = self.code_holders(code)?;
            for h in stored
                .iter()
                .filter(|h| !changed.contains_key(h.unit.as_str()))
            {
                spans.push((h.from, h.to, &h.unit));
            }
            spans.sort();
            for w in spans.windows(2) {
                if w[1].0 <= w[0].1 {
                    out.push(Error::state(
                        Entity::Unit,
                        w[1].2,
                        format!(
                            "holds code {code} from {}, while {} still holds it until {}; end that unit first or give this one a later start",
                            show_day(w[1].0), w[0].2, show_day(w[0].1)
                        ),
                        format!(
                            "mang mã {code} từ {}, trong khi {} vẫn mang mã này đến {}; hãy cho đơn vị đó kết thúc trước hoặc đặt ngày bắt đầu muộn hơn",
                            show_day(w[1].0), w[0].2, show_day(w[0].1)
                        ),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// A report or assessment about a time the unit did not exist would vanish from every
    /// summary: refuse the change that would leave it there.
    fn records_outside_life(&self, u: &Unit) -> Result<Vec<Error>> {
        let mut out = Vec::new();
        // The period comes first: only a report outside the unit's life is read.
        for p in self.store.report_periods()? {
            if u.overlaps(p.start(), p.end()) {
                continue;
            }
            let Some(r) = self.store.report(&u.code, p)? else {
                continue;
            };
            {
                out.push(Error::state(
                    Entity::Unit,
                    u.code.clone(),
                    format!(
                        "has a report for {} ({}) outside its new dates ({} to {}); keep the dates or move the report first",
                        r.period, r.status.label(crate::i18n::Lang::En), show_opt(u.valid_from), show_opt(u.valid_to)
                    ),
                    format!(
                        "có báo cáo kỳ {} ({}) nằm ngoài thời gian mới ({} đến {}); hãy giữ ngày cũ hoặc chuyển báo cáo trước",
                        r.period, r.status.label(crate::i18n::Lang::Vi), show_opt(u.valid_from), show_opt(u.valid_to)
                    ),
                ));
            }
        }
        Ok(out)
    }
}

impl LocalService {
    /// Every lineage rule over the whole store, for `check`: one line per broken rule.
    pub(crate) fn lineage_check_all(&self) -> Result<Vec<String>> {
        let units: HashMap<String, Unit> = self
            .store
            .records::<Unit>(TreeId::Units, b"")
            .map(|u| u.map(|u| (u.code.clone(), u)))
            .collect::<Result<_>>()?;
        let get = |c: &str| units.get(c).cloned();
        let mut out = Vec::new();
        let mut by_code: HashMap<&str, Vec<(Date, Date, &str)>> = HashMap::new();
        for u in units.values() {
            out.extend(
                lineage::check_unit(u, &get)
                    .iter()
                    .map(|e| format!("units/{}: {}", u.code, detail(e))),
            );
            by_code.entry(u.official_code()).or_default().push((
                u.valid_from.unwrap_or(Date::MIN),
                u.valid_to.unwrap_or(Date::MAX),
                &u.code,
            ));
        }
        for (code, mut spans) in by_code {
            spans.sort();
            for w in spans.windows(2).filter(|w| w[1].0 <= w[0].1) {
                out.push(format!(
                    "units/{}: holds code {code} while {} still holds it; end one of them",
                    w[1].2, w[0].2
                ));
            }
        }
        // The store's own check decodes every report; here the chunks' heads are enough.
        self.store.each_report_place(|unit, period| {
            let inside = units
                .get(unit)
                .is_some_and(|u| u.overlaps(period.start(), period.end()));
            if !inside {
                out.push(format!(
                    "reports/{unit}/{period}: its unit did not exist during the period"
                ));
            }
        })?;
        out.sort();
        Ok(out)
    }
}

fn detail(e: &Error) -> String {
    match e {
        Error::State { en, .. } => en.clone(),
        other => other.to_string(),
    }
}

/// The holder on the last day, else the latest one that overlaps the time.
fn pick_holder(holders: &[Holder], from: Date, to: Date) -> Option<&Holder> {
    holders
        .iter()
        .find(|h| h.from <= to && to <= h.to)
        .or_else(|| holders.iter().rev().find(|h| h.from <= to && from <= h.to))
}

fn show_day(d: Date) -> String {
    if d == Date::MIN || d == Date::MAX {
        "…".into()
    } else {
        fmt_date(d)
    }
}

fn show_opt(d: Option<Date>) -> String {
    d.map_or("…".into(), fmt_date)
}

/// Records that `from` continues (wholly or partly) into `to` from `on`.
pub(crate) fn link(units: &mut HashMap<String, Unit>, from: &str, to: &str, on: Date) {
    if let Some(f) = units.get_mut(from) {
        if f.valid_to.is_none() {
            f.valid_to = on.yesterday().ok();
        }
        if !f.successors.iter().any(|l| l.unit == to) {
            f.successors.push(Link::new(to, on));
        }
    }
    if let Some(t) = units.get_mut(to) {
        if !t.predecessors.iter().any(|l| l.unit == from) {
            t.predecessors.push(Link::new(from, on));
        }
    }
}
