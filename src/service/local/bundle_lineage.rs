//! A merge, split or retirement travels as several unit records that name each other. Applied
//! by half (one side kept as a conflict, the other taken), it would leave one-sided links that
//! `check` refuses and that no backup restores. So linked units are one record for conflict
//! purposes: if one of them conflicts, all of them wait beside the local versions, and
//! resolving one resolves them all the same way.

use std::collections::BTreeSet;

use super::bundles::Verdict;
use super::LocalService;
use crate::domain::conflict::{Carried, Conflict};
use crate::domain::unit::Unit;
use crate::error::Result;
use crate::store::TreeId;

impl LocalService {
    /// Every unit linked to a conflicting carried unit, through links on either side, becomes
    /// a conflict too.
    pub(super) fn hold_lineage_together(
        &self,
        records: &[Carried],
        verdicts: &mut [Verdict],
    ) -> Result<()> {
        // Conflicting now, or still waiting from an earlier import of this bundle.
        let mut held: BTreeSet<String> = BTreeSet::new();
        for (c, v) in records.iter().zip(verdicts.iter()) {
            let Carried::Unit(u) = c else { continue };
            let waiting = self
                .store
                .contains(TreeId::Conflicts, c.entity().as_bytes())?;
            if waiting || matches!(v, Verdict::Conflict { .. }) {
                held.insert(u.code.clone());
            }
        }
        // Each carried unit and the carried units it is tied to, read once.
        let carried: Vec<&Unit> = records
            .iter()
            .filter_map(|c| match c {
                Carried::Unit(u) => Some(u),
                _ => None,
            })
            .collect();
        let mut ties = Vec::with_capacity(carried.len());
        for u in &carried {
            let local = self
                .store
                .get::<Unit>(TreeId::Units, &crate::store::keys::unit(&u.code))?;
            let mut linked = linked_codes(u, local.as_ref());
            // Holders of one code in turn: the old one's end makes room for the new one.
            let same_code = carried
                .iter()
                .filter(|o| o.code != u.code && o.official_code() == u.official_code());
            linked.extend(same_code.map(|o| o.code.clone()));
            linked.retain(|l| carried.iter().any(|o| &o.code == l));
            ties.push((u.code.clone(), linked));
        }
        // Spread through the ties until nothing more joins.
        loop {
            let before = held.len();
            for (code, linked) in &ties {
                if held.contains(code) || linked.iter().any(|l| held.contains(l)) {
                    held.insert(code.clone());
                    held.extend(linked.iter().cloned());
                }
            }
            if held.len() == before {
                break;
            }
        }
        for (c, v) in records.iter().zip(verdicts.iter_mut()) {
            let Carried::Unit(u) = c else { continue };
            if !held.contains(&u.code) || matches!(v, Verdict::Conflict { .. }) {
                continue;
            }
            let local = self.load_entity(&c.entity())?;
            if matches!(v, Verdict::Unchanged) && local.is_some() {
                continue;
            }
            let old: Option<Conflict> = self.store.get(TreeId::Conflicts, c.entity().as_bytes())?;
            if old.as_ref().is_some_and(|o| o.incoming.same_content(c)) {
                *v = Verdict::Unchanged;
                continue;
            }
            *v = Verdict::Conflict {
                local_rev: local.map_or(0, |l| l.revision()),
                old,
            };
        }
        self.hold_records_outside_life(records, verdicts)
    }

    /// A report or assessment applied must fit its unit as the unit stands after the import:
    /// when the unit's own change waits as a conflict, a record that needs it waits too.
    fn hold_records_outside_life(
        &self,
        records: &[Carried],
        verdicts: &mut [Verdict],
    ) -> Result<()> {
        let taken: std::collections::HashMap<&str, &Unit> = records
            .iter()
            .zip(verdicts.iter())
            .filter_map(|(c, v)| match (c, v) {
                (Carried::Unit(u), Verdict::Apply { .. }) => Some((u.code.as_str(), u)),
                _ => None,
            })
            .collect();
        for (c, v) in records.iter().zip(verdicts.iter_mut()) {
            if !matches!(v, Verdict::Apply { .. }) || self.fits_unit(c, &taken)? {
                continue;
            }
            let local = self.load_entity(&c.entity())?;
            let old: Option<Conflict> = self.store.get(TreeId::Conflicts, c.entity().as_bytes())?;
            *v = if old.as_ref().is_some_and(|o| o.incoming.same_content(c)) {
                Verdict::Unchanged
            } else {
                Verdict::Conflict {
                    local_rev: local.map_or(0, |l| l.revision()),
                    old,
                }
            };
        }
        Ok(())
    }

    /// Whether a report or assessment lies within its unit's life (the unit as `taken` will
    /// leave it, else as stored here).
    pub(super) fn fits_unit(
        &self,
        c: &Carried,
        taken: &std::collections::HashMap<&str, &Unit>,
    ) -> Result<bool> {
        let Some((code, from, to)) = c.span() else {
            return Ok(true);
        };
        let u = match taken.get(code) {
            Some(u) => Some((*u).clone()),
            None => self
                .store
                .get::<Unit>(TreeId::Units, &crate::store::keys::unit(code))?,
        };
        Ok(u.is_some_and(|u| u.overlaps(from, to)))
    }

    /// Taking these incoming units must leave the lineage whole, as a merge typed here would.
    pub(super) fn incoming_units_fit(&self, group: &[Conflict]) -> Result<()> {
        let changed: std::collections::HashMap<String, Unit> = group
            .iter()
            .filter_map(|c| match &c.incoming {
                Carried::Unit(u) => Some((u.code.clone(), u.clone())),
                _ => None,
            })
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        match self.lineage_problems(&changed)?.into_iter().next() {
            Some(e) => Err(crate::error::Error::invalid(
                "conflict",
                format!("the incoming version cannot be taken: {}; keep the local one, or change the local units first", e.en()),
                format!("không thể nhận bản đến: {}; hãy giữ bản tại chỗ, hoặc sửa các đơn vị tại chỗ trước", e.render(crate::i18n::Lang::Vi)),
            )),
            None => Ok(()),
        }
    }

    /// The conflicts held with `entity`: units linked to it, in either version, still waiting.
    pub(super) fn held_with(&self, c: &Conflict) -> Result<Vec<Conflict>> {
        let mut group = vec![c.clone()];
        let mut seen: BTreeSet<String> = BTreeSet::from([c.entity.clone()]);
        let mut i = 0;
        while i < group.len() {
            if let Carried::Unit(u) = &group[i].incoming {
                let local = self
                    .store
                    .get::<Unit>(TreeId::Units, &crate::store::keys::unit(&u.code))?;
                let mut linked = linked_codes(u, local.as_ref());
                for h in self.code_holders(u.official_code())? {
                    linked.insert(h.unit);
                }
                for code in linked {
                    let ent = format!("unit/{code}");
                    if !seen.insert(ent.clone()) {
                        continue;
                    }
                    if let Some(other) = self
                        .store
                        .get::<Conflict>(TreeId::Conflicts, ent.as_bytes())?
                    {
                        group.push(other);
                    }
                }
            }
            i += 1;
        }
        Ok(group)
    }
}

/// The units a unit names as predecessors or successors, in the incoming and the local version.
fn linked_codes(u: &Unit, local: Option<&Unit>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for v in std::iter::once(u).chain(local) {
        out.extend(v.successors.iter().map(|l| l.unit.clone()));
        out.extend(v.predecessors.iter().map(|l| l.unit.clone()));
    }
    out.remove(&u.code);
    out
}
