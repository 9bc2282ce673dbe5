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
        let mut held: BTreeSet<String> = BTreeSet::new();
        for (c, v) in records.iter().zip(verdicts.iter()) {
            if let (Carried::Unit(u), Verdict::Conflict { .. }) = (c, v) {
                held.insert(u.code.clone());
            }
        }
        // Spread through links until nothing more joins.
        loop {
            let before = held.len();
            for c in records {
                let Carried::Unit(u) = c else { continue };
                let local = self
                    .store
                    .get::<Unit>(TreeId::Units, &crate::store::keys::unit(&u.code))?;
                let linked = linked_codes(u, local.as_ref());
                if held.contains(&u.code) || linked.iter().any(|l| held.contains(l)) {
                    held.insert(u.code.clone());
                    held.extend(linked.into_iter().filter(|l| carries(records, l)));
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
            *v = Verdict::Conflict {
                local_rev: local.map_or(0, |l| l.revision()),
                old,
            };
        }
        Ok(())
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
                for code in linked_codes(u, local.as_ref()) {
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

fn carries(records: &[Carried], code: &str) -> bool {
    records
        .iter()
        .any(|c| matches!(c, Carried::Unit(u) if u.code == code))
}
