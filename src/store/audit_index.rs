//! A group's index entry of audit packs (see `audit`): which entries of one pack belong to
//! which entities of the group, and the two forms it is stored in.

use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError, Record};

/// The entries of one pack in one group: (number after the pack's first, the entity after
/// the group's name), in number order. Stored like this (plain) up to schema 5.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupIndex {
    pub entries: Vec<(u32, String)>,
}

impl Record for GroupIndex {
    const TAG: u8 = 14;
    const VERSION: u16 = 1;
}

/// A group's index entry as stored since schema 6: each number as its step from the one
/// before, each entity as the bytes it shares with the one before and the rest, all deflated.
/// Plain, the index took twice the bytes of the audit packs it indexes (30 MB for 2,000,000
/// entries after a national re-import); its numbers climb by one or two and its entities share
/// their starts, so this form is a seventh of the size (4.3 MB; BENCHMARKS.md). Entries written
/// before (`GroupIndex`, tag 14) still read, and are left as they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeflatedGroupIndex {
    #[serde(with = "super::deflate::serde_value")]
    pub steps: Vec<(u32, u32, String)>,
}

impl Record for DeflatedGroupIndex {
    const TAG: u8 = 16;
    const VERSION: u16 = 1;
}

impl DeflatedGroupIndex {
    /// (step from the number before, bytes shared with the entity before, the rest).
    fn of(part: &GroupIndex) -> DeflatedGroupIndex {
        let (mut number, mut entity) = (0u32, "");
        let steps = part
            .entries
            .iter()
            .map(|(n, rest)| {
                let mut shared = entity
                    .bytes()
                    .zip(rest.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                while !rest.is_char_boundary(shared) {
                    shared -= 1;
                }
                let step = (
                    n.wrapping_sub(number),
                    shared as u32,
                    rest[shared..].to_string(),
                );
                (number, entity) = (*n, rest);
                step
            })
            .collect();
        DeflatedGroupIndex { steps }
    }

    fn expand(self) -> Result<GroupIndex, CodecError> {
        let bad = |why: &str| CodecError::Payload(format!("a group's audit index {why}"));
        let mut entries: Vec<(u32, String)> = Vec::with_capacity(self.steps.len());
        for (step, shared, tail) in self.steps {
            let (number, entity) = entries.last().map_or((0, ""), |(n, e)| (*n, e.as_str()));
            let number = number
                .checked_add(step)
                .ok_or_else(|| bad("numbers an entry past its pack"))?;
            let head = entity
                .get(..shared as usize)
                .ok_or_else(|| bad("shares more of an entity than the one before holds"))?;
            entries.push((number, format!("{head}{tail}")));
        }
        Ok(GroupIndex { entries })
    }
}

/// A group's index entry as this binary stores it.
pub fn encode_group(part: &GroupIndex) -> Vec<u8> {
    // Numbers and strings encode whatever they hold; the pack bounds their size.
    codec::encode(&DeflatedGroupIndex::of(part)).unwrap_or_default()
}

/// A group's index entry, whichever form it was stored in.
pub fn decode_group(v: &[u8]) -> Result<GroupIndex, CodecError> {
    match v.get(1) {
        Some(&DeflatedGroupIndex::TAG) => codec::decode::<DeflatedGroupIndex>(v)?.expand(),
        _ => codec::decode::<GroupIndex>(v),
    }
}

/// Whether two stored group index entries list the same entries, whichever their forms: a
/// schema-5 store keeps its plain entries, which `check` compares with the form a pack would
/// be indexed by now.
pub fn same_group(stored: &[u8], wanted: &[u8]) -> bool {
    stored == wanted
        || matches!((decode_group(stored), decode_group(wanted)), (Ok(a), Ok(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of both forms, pinned: stores written today must read tomorrow.
    #[test]
    fn both_forms_are_pinned_and_read_alike() {
        let part = GroupIndex {
            entries: vec![(3, "41/2024-04".into()), (4, "44/2024-04".into())],
        };
        let plain = codec::encode(&part).unwrap();
        // Magic, tag 14, version 1; two entries: offset 3, ten bytes of text, offset 4...
        let text = [&[2, 3, 10][..], b"41/2024-04", &[4, 10], b"44/2024-04"].concat();
        assert_eq!(plain, [&[codec::MAGIC, 14, 0, 1][..], &text].concat());
        // Magic, tag 16, version 1, the deflated length, then the raw deflate of the steps:
        // 3 from 0 sharing nothing; 1 from 3 sharing "4".
        let steps = [&[2, 3, 0, 10][..], b"41/2024-04", &[1, 1, 9], b"4/2024-04"].concat();
        let squeezed = super::super::deflate::deflate(&[&steps]);
        let head = [codec::MAGIC, 16, 0, 1, squeezed.len() as u8];
        let deflated = encode_group(&part);
        assert_eq!(deflated, [&head[..], &squeezed].concat());
        assert_eq!(decode_group(&plain).unwrap(), part);
        assert_eq!(decode_group(&deflated).unwrap(), part);
        assert!(same_group(&plain, &deflated));
    }

    /// A national pack's group entry: numbers climbing, entities sharing their starts, and a
    /// few that share only part of a Vietnamese letter.
    #[test]
    fn a_group_entry_shrinks_and_round_trips_whatever_its_text() {
        let mut entries: Vec<(u32, String)> = (0..2_000)
            .map(|i| {
                (
                    2 * i,
                    format!("{:03}/2024-{:02}", i * 3 % 1000, 1 + i / 334),
                )
            })
            .collect();
        // "Đàn" and "Đán" share "Đ" and then a byte that is only half of "à" (C3 A0) and
        // "á" (C3 A1): the shared part stops before it.
        for (i, e) in ["Đàn", "Đán", "Đa", "", "Đa"].into_iter().enumerate() {
            entries.push((4_000 + i as u32, e.to_string()));
        }
        let part = GroupIndex { entries };
        let plain = codec::encode(&part).unwrap();
        let deflated = encode_group(&part);
        assert!(
            deflated.len() * 5 < plain.len(),
            "{} of {}",
            deflated.len(),
            plain.len()
        );
        assert_eq!(decode_group(&deflated).unwrap(), part);
        let mut fewer = part.clone();
        fewer.entries.pop();
        assert!(!same_group(&plain, &encode_group(&fewer)));
        assert!(!same_group(&codec::encode(&fewer).unwrap(), &deflated));
        assert!(!same_group(b"not an entry", &deflated));
    }

    /// A forged entry that shares more than the entity before it holds, or numbers past the
    /// end, is refused in words, not by a panic.
    #[test]
    fn a_forged_entry_is_refused() {
        let forged = DeflatedGroupIndex {
            steps: vec![(1, 0, "41".into()), (1, 9, "x".into())],
        };
        let e = decode_group(&codec::encode(&forged).unwrap()).unwrap_err();
        assert!(e.to_string().contains("shares more of an entity"), "{e}");
        let forged = DeflatedGroupIndex {
            steps: vec![(u32::MAX, 0, "41".into()), (1, 0, "x".into())],
        };
        let e = decode_group(&codec::encode(&forged).unwrap()).unwrap_err();
        assert!(e.to_string().contains("numbers an entry past"), "{e}");
        let forged = DeflatedGroupIndex {
            steps: vec![(1, 0, "Đ".into()), (1, 1, "x".into())],
        };
        let e = decode_group(&codec::encode(&forged).unwrap()).unwrap_err();
        assert!(e.to_string().contains("shares more of an entity"), "{e}");
    }
}
