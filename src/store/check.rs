//! `antq check` at the store level: every record decodes, every index entry points at a
//! record that names it, and no stored text holds a character typing would refuse.

use std::collections::BTreeSet;

use super::indexes::Indexed;
use super::{codec, files, meta, show_key, Store, TreeId};

#[derive(Debug, Default)]
pub struct CheckReport {
    pub records: u64,
    pub index_entries: u64,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Verifies that every record decodes and every index agrees with its records.
    pub fn check(&self) -> CheckReport {
        use crate::domain::*;
        // The audit (on a national store, about as much work as the rest together) is
        // checked on a second thread; its problems keep their place in the list.
        let (mut r, audit) = std::thread::scope(|scope| {
            let audit = scope.spawn(|| {
                let mut a = CheckReport::default();
                self.check_values::<super::audit::AuditPack>(stored_audit, &mut a);
                a
            });
            let mut r = CheckReport::default();
            r.problems.extend(files::loose_modes(&self.path));
            self.check_type::<unit::Unit>(&mut r);
            self.check_type::<indicator::Indicator>(&mut r);
            self.check_reports(&mut r);
            self.check_type::<assessment::Assessment>(&mut r);
            self.check_type::<exemplar::Exemplar>(&mut r);
            self.check_type::<task::Task>(&mut r);
            let audit = audit.join().unwrap_or_else(|_| CheckReport {
                problems: vec!["audit: the check of the audit stopped short".into()],
                ..CheckReport::default()
            });
            (r, audit)
        });
        r.records += audit.records;
        r.index_entries += audit.index_entries;
        r.problems.extend(audit.problems);
        self.check_type::<account::Account>(&mut r);
        self.check_type::<conflict::Conflict>(&mut r);
        self.check_type::<office::Office>(&mut r);
        if let Ok(Some(v)) = self.tree(TreeId::Meta).get(meta::SETTINGS) {
            if let Err(e) = codec::decode::<Settings>(&v) {
                r.problems.push(format!("meta/settings: {e}"));
            }
        }
        r
    }

    /// Each record's index entries are looked up one by one and counted, so a national check
    /// holds no set of them; only an index whose count is off is compared whole, to name the
    /// entries that have no record.
    fn check_type<T: Indexed>(&self, r: &mut CheckReport) {
        self.check_values::<T>(|v| codec::decode::<T>(v).map(|rec| vec![rec]), r);
    }

    /// `check_type` for a tree whose values may each hold several records (`decode`), stored
    /// under the first one's key, as packed audit entries are.
    pub(super) fn check_values<T: Indexed>(&self, decode: Decode<T>, r: &mut CheckReport) {
        let mut want: std::collections::BTreeMap<TreeId, u64> = Default::default();
        let mut index = IndexReader::default();
        for item in self.entries(T::TREE).scan() {
            let (k, v) = match item {
                Ok(kv) => kv,
                // A group that cannot be read, named with its reason.
                Err(crate::error::Error::Corrupt { what, detail }) => {
                    r.problems.push(format!("{what}: {detail}"));
                    continue;
                }
                Err(_) => {
                    r.problems.push(format!("{}: read error", T::TREE.label()));
                    continue;
                }
            };
            let recs = match decode(&v) {
                Ok(recs) => recs,
                Err(e) => {
                    r.problems
                        .push(format!("{}/{}: {e}", T::TREE.label(), show_key(&k)));
                    continue;
                }
            };
            if recs.first().map(Indexed::primary_key).as_deref() != Some(k.as_ref()) {
                r.problems.push(format!(
                    "{}/{}: stored under the wrong key",
                    T::TREE.label(),
                    show_key(&k)
                ));
            }
            for rec in &recs {
                r.records += rec.records();
                for (t, ik, iv) in rec.index_entries() {
                    *want.entry(t).or_default() += 1;
                    let stored = index.get(self, t, &ik);
                    if !stored.is_some_and(|v| rec.index_value_matches(t, &v, &iv)) {
                        r.problems.push(format!(
                            "{}: missing or stale entry {}",
                            t.label(),
                            show_key(&ik)
                        ));
                    }
                }
                r.problems.extend(text_problems(rec, &k));
            }
        }
        for &idx in T::INDEXES {
            let mut actual = 0;
            for item in self.entries(idx).scan() {
                match item {
                    Ok(_) => actual += 1,
                    Err(crate::error::Error::Corrupt { what, detail }) => {
                        r.problems.push(format!("{what}: {detail}"))
                    }
                    Err(_) => r.problems.push(format!("{}: read error", idx.label())),
                }
            }
            r.index_entries += actual;
            if actual != want.get(&idx).copied().unwrap_or(0) {
                self.name_orphans::<T>(idx, decode, r);
            }
        }
    }

    /// Index entries that no record of `T` makes.
    fn name_orphans<T: Indexed>(&self, idx: TreeId, decode: Decode<T>, r: &mut CheckReport) {
        let mut expected: BTreeSet<Vec<u8>> = BTreeSet::new();
        for (_, v) in self.entries(T::TREE).iter().flatten() {
            for rec in decode(&v).unwrap_or_default() {
                expected.extend(
                    rec.index_entries()
                        .into_iter()
                        .filter(|e| e.0 == idx)
                        .map(|e| e.1),
                );
            }
        }
        for k in self.entries(idx).keys().flatten() {
            if !expected.contains(k.as_ref()) {
                r.problems.push(format!(
                    "{}: entry {} has no record",
                    idx.label(),
                    show_key(&k)
                ));
            }
        }
    }
}

/// Reads index entries for `check`, keeping the last group it opened: a record's index
/// entries sort as the records do, so a grouped index is opened about once per group.
#[derive(Default)]
struct IndexReader {
    /// The tree and group last opened, and its entries.
    held: Option<(TreeId, Vec<u8>)>,
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl IndexReader {
    fn get(&mut self, store: &Store, t: TreeId, key: &[u8]) -> Option<Vec<u8>> {
        if !t.is_grouped() {
            return store.tree(t).get(key).ok().flatten().map(|v| v.to_vec());
        }
        let group = super::grouped::group_of(key);
        let held = matches!(&self.held, Some((ht, hg)) if *ht == t && hg == group);
        if !held {
            self.pairs = store
                .tree(t)
                .get(group)
                .ok()
                .flatten()
                .and_then(|b| {
                    super::grouped::open(group, &b).ok().map(|p| {
                        p.into_iter()
                            .map(|(k, v)| (k.to_vec(), v.to_vec()))
                            .collect()
                    })
                })
                .unwrap_or_default();
            self.held = Some((t, group.to_vec()));
        }
        let pairs = &self.pairs;
        let i = pairs
            .binary_search_by(|(k, _)| k.as_slice().cmp(key))
            .ok()?;
        Some(pairs[i].1.clone())
    }
}

/// An audit value as the pack it is, or a pack of its one entry (indexed as that entry).
fn stored_audit(v: &[u8]) -> Result<Vec<super::audit::AuditPack>, codec::CodecError> {
    super::audit::decode_any(v).map(|entries| vec![super::audit::AuditPack { entries }])
}

/// Reads the records one stored value holds.
pub(super) type Decode<T> = fn(&[u8]) -> Result<Vec<T>, codec::CodecError>;

/// A stored text with a character typing would refuse (from an older antq, or a forged file).
pub(super) fn text_problems<T: Indexed>(rec: &T, key: &[u8]) -> Vec<String> {
    rec.texts()
        .into_iter()
        .filter_map(|(field, text, multiline)| {
            let c = crate::domain::text::hidden_char(text, multiline)?;
            Some(format!(
                "{}/{}: {field} holds the invisible or control character {}; retype it",
                T::TREE.label(),
                show_key(key),
                crate::domain::text::show_char(c)
            ))
        })
        .collect()
}
