//! The audit trail: one entry per sled entry, or, for a bulk write, consecutive entries packed
//! into one (`AuditPack`, keyed by its first number). A national import writes a million audit
//! entries; packed, they cost a few thousand sled entries instead of a million. Each entry keeps
//! its own index entry by entity, so a record's history reads the same either way.

use serde::{Deserialize, Serialize};

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
    const INDEXES: &'static [TreeId] = &[TreeId::AuditByEntity];
    fn primary_key(&self) -> Vec<u8> {
        keys::audit(self.entries.first().map_or(0, |e| e.seq))
    }
    fn index_entries(&self) -> Vec<Entry> {
        self.entries
            .iter()
            .flat_map(|e| e.index_entries())
            .collect()
    }
}

/// Bytes of entries packed together: well inside the codec's limit for one record.
pub const PACK_BYTES: usize = 256 << 10;

/// About what an entry takes encoded.
pub fn size_of(e: &AuditEntry) -> usize {
    e.actor.len() + e.action.len() + e.entity.len() + e.summary.len() + 32
}

/// The entries one audit value holds, whichever form it has.
pub fn decode_any(v: &[u8]) -> std::result::Result<Vec<AuditEntry>, CodecError> {
    match v.get(1) {
        Some(&AuditPack::TAG) => {
            let pack: AuditPack = codec::decode(v)?;
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
        assert_eq!(pack.index_entries().len(), 2);
    }

    #[test]
    fn a_pack_out_of_order_or_empty_is_refused() {
        for entries in [vec![entry(7), entry(9)], vec![]] {
            let bytes = codec::encode(&AuditPack { entries }).unwrap();
            assert!(decode_any(&bytes).is_err());
        }
    }
}
