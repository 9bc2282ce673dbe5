//! The audit trail: one entry per sled entry, or, for a bulk write, consecutive entries packed
//! into one (`AuditPack`, keyed by its first number). A national import writes a million audit
//! entries; packed, they cost a few thousand sled entries instead of a million.
//!
//! A single entry has its own index entry by entity (`audit_by_entity`). A pack's entries are
//! indexed by group (`audit_packs_by_entity`): one index entry per group of entities in the
//! pack, listing which entries are whose. The group is the entity's kind and the first two
//! characters of its record's code (`report/31441/2024-04` is in `report/31`): about a province
//! of codes, so an import's entries for neighbouring units share one index entry, and a record's
//! history reads one group's entries, whichever way its entries were written. (With the code
//! cut two characters short instead, a national import of 100,000 units and 1,000,000 reports
//! wrote 123,647 index entries: most runs of a hundred codes hold a few communes, and a unit
//! whose identity carries a date, `05809@2025-07-01`, was a group of its own.)

use serde::{Deserialize, Serialize};

pub use super::audit_index::{
    decode_group, encode_group, same_group, DeflatedGroupIndex, GroupIndex,
};
use super::codec::{self, CodecError, Record};
use super::indexes::{Entry, Indexed};
use super::{keys, show_key, Store, TreeId};
use crate::domain::audit::AuditEntry;
use crate::error::{Error, Result};

/// Consecutive audit entries written by one bulk command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPack {
    pub entries: Vec<AuditEntry>,
}

impl Record for AuditPack {
    const TAG: u8 = 13;
    const VERSION: u16 = 1;
}

impl Indexed for AuditPack {
    const TREE: TreeId = TreeId::Audit;
    const INDEXES: &'static [TreeId] = &[TreeId::AuditByEntity, TreeId::AuditPacksByEntity];
    fn primary_key(&self) -> Vec<u8> {
        keys::audit(self.first())
    }
    fn records(&self) -> u64 {
        self.entries.len() as u64
    }
    /// A pack of one is stored as its entry (see `decode_any`), and indexed as one.
    fn index_entries(&self) -> Vec<Entry> {
        match self.entries.as_slice() {
            [one] => one.index_entries(),
            _ => self.group_index(),
        }
    }
    fn index_value_matches(&self, index: TreeId, stored: &[u8], made: &[u8]) -> bool {
        match index {
            TreeId::AuditPacksByEntity => same_group(stored, made),
            _ => stored == made,
        }
    }
}

impl AuditPack {
    fn first(&self) -> u64 {
        self.entries.first().map_or(0, |e| e.seq)
    }

    /// One index entry per group of entities, keyed by the group and the pack's first number.
    fn group_index(&self) -> Vec<Entry> {
        let first = self.first();
        let mut groups: std::collections::BTreeMap<&str, Vec<(u32, String)>> = Default::default();
        for e in &self.entries {
            let group = group_of(&e.entity);
            // A pack holds a few thousand consecutive entries: the offset fits.
            let offset = u32::try_from(e.seq - first).unwrap_or(u32::MAX);
            let rest = e.entity[group.len()..].to_string();
            groups.entry(group).or_default().push((offset, rest));
        }
        groups
            .into_iter()
            .map(|(group, entries)| {
                let part = encode_group(&GroupIndex { entries });
                (
                    TreeId::AuditPacksByEntity,
                    keys::audit_by_entity(group, first),
                    part,
                )
            })
            .collect()
    }
}

/// The group an entity's packed audit entries are indexed under: its kind and the first two
/// characters of its second part (the record's code), e.g. `report/31` for
/// `report/31441/2024-04`; an entity without a second part is its own group.
pub fn group_of(entity: &str) -> &str {
    let Some(start) = entity.find('/').map(|i| i + 1) else {
        return entity;
    };
    let end = entity[start..]
        .find('/')
        .map_or(entity.len(), |i| start + i);
    let code = &entity[start..end];
    let keep = code.char_indices().nth(2).map_or(code.len(), |(i, _)| i);
    &entity[..start + keep]
}

/// A pack as stored since schema 4: its encoding deflated (a pack of import entries shrinks
/// tenfold). Packs written before (`AuditPack`, tag 13) still read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeflatedPack {
    #[serde(with = "super::deflate::serde_value")]
    pub pack: AuditPack,
}

impl Record for DeflatedPack {
    const TAG: u8 = 15;
    const VERSION: u16 = 1;
}

impl Indexed for DeflatedPack {
    const TREE: TreeId = TreeId::Audit;
    const INDEXES: &'static [TreeId] = AuditPack::INDEXES;
    fn primary_key(&self) -> Vec<u8> {
        self.pack.primary_key()
    }
    fn index_entries(&self) -> Vec<Entry> {
        self.pack.index_entries()
    }
    fn records(&self) -> u64 {
        self.pack.records()
    }
}

/// Bytes of entries packed together: well inside the codec's limit for one record.
pub const PACK_BYTES: usize = 256 << 10;
const _: () = assert!(4 * PACK_BYTES <= super::deflate::MAX_INFLATED);

/// About what an entry takes encoded.
pub fn size_of(e: &AuditEntry) -> usize {
    e.actor.len() + e.action.len() + e.entity.len() + e.summary.len() + 32
}

/// The entries one audit value holds, whichever form it has.
pub fn decode_any(v: &[u8]) -> std::result::Result<Vec<AuditEntry>, CodecError> {
    let pack = match v.get(1) {
        Some(&AuditPack::TAG) => Some(codec::decode::<AuditPack>(v)?),
        Some(&DeflatedPack::TAG) => Some(codec::decode::<DeflatedPack>(v)?.pack),
        _ => None,
    };
    match pack {
        Some(pack) => {
            let consecutive = pack.entries.windows(2).all(|w| w[1].seq == w[0].seq + 1);
            if pack.entries.is_empty() || !consecutive {
                return Err(CodecError::Payload(
                    "a pack of audit entries is empty or not consecutive".into(),
                ));
            }
            Ok(pack.entries)
        }
        _ => codec::decode::<AuditEntry>(v).map(|e| vec![e]),
    }
}

fn corrupt(k: &[u8], e: CodecError) -> Error {
    Error::Corrupt {
        what: format!("{}/{}", TreeId::Audit.name(), show_key(k)),
        detail: e.to_string(),
    }
}

impl Store {
    /// The numbers of an entity's audit entries, newest first: from its own index entries and
    /// from its group's entries in the packs.
    pub fn audit_numbers(&self, entity: &str) -> Result<Vec<u64>> {
        let mut seqs = Vec::new();
        let own = keys::join(&[keys::Part::Code(entity)]);
        for k in self.keys_with_prefix(TreeId::AuditByEntity, &own) {
            seqs.extend(keys::tail_u64(&k?));
        }
        let group = group_of(entity);
        let rest = &entity[group.len()..];
        let packs = keys::join(&[keys::Part::Code(group)]);
        for kv in self.tree(TreeId::AuditPacksByEntity).scan_prefix(&packs) {
            let (k, v) = kv?;
            let first = keys::tail_u64(&k).unwrap_or(0);
            let part = decode_group(&v).map_err(|e| Error::Corrupt {
                what: format!("{}/{}", TreeId::AuditPacksByEntity.name(), show_key(&k)),
                detail: e.to_string(),
            })?;
            let mine = part.entries.iter().filter(|(_, r)| r == rest);
            seqs.extend(mine.map(|(offset, _)| first + u64::from(*offset)));
        }
        seqs.sort_unstable_by(|a, b| b.cmp(a));
        seqs.dedup();
        Ok(seqs)
    }

    /// Schema 3 indexed each packed entry on its own: each pack's entries move to its group
    /// index entries, a few packs per transaction. Run again after a kill, it finishes.
    pub(super) fn migrate_audit_index(&self) -> Result<()> {
        let mut ws = super::WriteSet::new();
        for kv in self.tree(TreeId::Audit).iter() {
            let (k, v) = kv?;
            if !matches!(v.get(1), Some(&AuditPack::TAG | &DeflatedPack::TAG)) {
                continue;
            }
            let pack = AuditPack {
                entries: decode_any(&v).map_err(|e| corrupt(&k, e))?,
            };
            for e in &pack.entries {
                for (t, ik, _) in e.index_entries() {
                    ws.raw_remove(t, ik);
                }
            }
            for (t, ik, iv) in pack.index_entries() {
                ws.raw_put(t, ik, iv);
            }
            if ws.len() >= 2000 {
                self.apply(std::mem::take(&mut ws))?;
                crate::killpoint::reached("migrate.audit");
            }
        }
        self.apply(ws)
    }

    /// The audit entry numbered `seq`: its own sled entry, or inside the pack before it.
    pub fn audit_entry(&self, seq: u64) -> Result<Option<AuditEntry>> {
        let tree = self.tree(TreeId::Audit);
        let Some(kv) = tree.range(..=keys::audit(seq)).next_back() else {
            return Ok(None);
        };
        let (k, v) = kv?;
        let entries = decode_any(&v).map_err(|e| corrupt(&k, e))?;
        Ok(entries.into_iter().find(|e| e.seq == seq))
    }

    /// Every audit entry, newest first.
    pub fn audit_newest_first(&self) -> impl Iterator<Item = Result<AuditEntry>> {
        self.tree(TreeId::Audit).iter().rev().flat_map(|kv| {
            let entries = kv
                .map_err(Error::from)
                .and_then(|(k, v)| decode_any(&v).map_err(|e| corrupt(&k, e)));
            let out: Vec<Result<AuditEntry>> = match entries {
                Ok(es) => es.into_iter().rev().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            out
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64) -> AuditEntry {
        AuditEntry {
            seq,
            at: 1_700_000_000,
            actor: "an".into(),
            action: "report.import".into(),
            entity: format!("report/3133{seq}/2024-01"),
            summary: "added from a file".into(),
        }
    }

    #[test]
    fn a_pack_and_a_single_entry_read_alike() {
        let pack = AuditPack {
            entries: vec![entry(7), entry(8)],
        };
        let bytes = codec::encode(&pack).unwrap();
        assert_eq!(&bytes[..4], &[codec::MAGIC, 13, 0, 1]);
        assert_eq!(decode_any(&bytes).unwrap(), pack.entries);
        let one = codec::encode(&entry(9)).unwrap();
        assert_eq!(decode_any(&one).unwrap(), vec![entry(9)]);
        assert_eq!(pack.primary_key(), keys::audit(7));
        // Entities 31337 and 31338 share the group report/31.
        let index = pack.index_entries();
        assert_eq!(index.len(), 1);
        let (tree, key, value) = &index[0];
        assert_eq!(*tree, TreeId::AuditPacksByEntity);
        assert_eq!(key, &keys::audit_by_entity("report/31", 7));
        let part = decode_group(value).unwrap();
        let want = vec![
            (0, "337/2024-01".to_string()),
            (1, "338/2024-01".to_string()),
        ];
        assert_eq!(part.entries, want);
    }

    #[test]
    fn groups_are_a_kind_and_two_characters_of_a_code() {
        assert_eq!(group_of("report/31441/2024-04"), "report/31");
        assert_eq!(group_of("report/31338-T07/2025-06"), "report/31");
        assert_eq!(group_of("unit/05809@2025-07-01"), "unit/05");
        assert_eq!(group_of("unit/01"), "unit/01");
        assert_eq!(group_of("task/7"), "task/7");
        assert_eq!(group_of("store"), "store");
        assert_eq!(group_of("unit/Đàn"), "unit/Đà");
        assert_eq!(group_of("assessment/93-SVHTTDL/2024"), "assessment/93");
    }

    /// The bytes of a group's index entry, pinned: stores written today must read tomorrow.
    #[test]
    fn group_index_bytes_are_pinned() {
        let part = GroupIndex {
            entries: vec![(3, "41/2024-04".into())],
        };
        let bytes = codec::encode(&part).unwrap();
        // Magic, tag 14, version 1; then one entry: offset 3 and ten bytes of text (varints).
        let want: Vec<u8> = [&[codec::MAGIC, 14, 0, 1, 1, 3, 10][..], b"41/2024-04"].concat();
        assert_eq!(bytes, want);
        assert_eq!(codec::decode::<GroupIndex>(&bytes).unwrap(), part);
    }

    /// A pack's groups are indexed in the deflated form, and `check` takes the plain form
    /// of the same entries as a match.
    #[test]
    fn a_pack_indexes_its_groups_deflated() {
        let pack = AuditPack {
            entries: vec![entry(7), entry(8)],
        };
        let (_, _, made) = &pack.index_entries()[0];
        assert_eq!(made[1], DeflatedGroupIndex::TAG);
        let plain = codec::encode(&decode_group(made).unwrap()).unwrap();
        assert_eq!(plain[1], GroupIndex::TAG);
        assert!(pack.index_value_matches(TreeId::AuditPacksByEntity, &plain, made));
        let other = AuditPack {
            entries: vec![entry(7), entry(9)],
        };
        let (_, _, made_other) = &other.index_entries()[0];
        assert!(!pack.index_value_matches(TreeId::AuditPacksByEntity, &plain, made_other));
    }
}
