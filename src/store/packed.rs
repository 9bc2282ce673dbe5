//! Reports packed one sled entry per (period, group of unit codes).
//!
//! sled's cost is per entry, not per byte: each insert clones its leaf, and leaves split at a
//! fixed count whatever their size. One entry per report (plus an index entry) made a national
//! import 10–30× slower than SQLite. Packing a period's reports for a group of codes into one
//! "chunk" cuts the entries a hundredfold; a period is one prefix scan of its chunks.
//!
//! The group is the unit's official code without its last two characters: a fixed-size bucket
//! of codes, read off the identity alone, so it needs no lookup and survives the 2025 reform
//! (districts are gone, codes stay). Communes 31300–31399 share a chunk; the residential areas
//! `31338-T00`…`31338-T99` share another.
//!
//! Above this module, reports keep their logical key `unit NUL period` (`keys::report`):
//! writes name it and this module finds the chunk.

use std::collections::BTreeMap;

use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::official_code;
use crate::error::{Error, Result};
use crate::store::{codec, keys};

/// The first byte of every chunk: its layout. A newer one is refused.
pub const CHUNK_FORMAT: u8 = 1;
/// Characters of the official code dropped to name its group.
const GROUP_DROP: usize = 2;

/// The group a unit's reports are packed with.
pub fn group(unit: &str) -> &str {
    let code = official_code(unit);
    let keep = code.chars().count().saturating_sub(GROUP_DROP);
    let end = code.char_indices().nth(keep).map_or(code.len(), |(i, _)| i);
    &code[..end]
}

/// The chunk holding `unit`'s report for `period`: `period group NUL`.
pub fn chunk_key(period: Period, unit: &str) -> Vec<u8> {
    keys::join(&[
        keys::Part::Raw(&period.key()),
        keys::Part::Code(group(unit)),
    ])
}

/// The unit and period of a logical report key (`keys::report`).
pub fn split_logical(k: &[u8]) -> Option<(&str, Period)> {
    let sep = k.iter().position(|&b| b == keys::SEP)?;
    let unit = std::str::from_utf8(&k[..sep]).ok()?;
    let rest = &k[sep + 1..];
    (rest.len() == 4).then_some(())?;
    Some((unit, Period::from_key(rest)?))
}

/// The period a chunk key starts with.
pub fn chunk_period(k: &[u8]) -> Option<Period> {
    Period::from_key(k.get(..4)?)
}

/// What listings and completeness need of a report, kept beside it so they never decode it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub status: u8,
    pub first_submitted_at: Option<i64>,
}

impl Mark {
    pub fn of(r: &Report) -> Mark {
        Mark {
            status: r.status.tag(),
            first_submitted_at: r.first_submitted_at,
        }
    }
}

/// One report inside a chunk, borrowed from the chunk's bytes.
#[derive(Clone, Copy, Debug)]
pub struct Slot<'a> {
    pub unit: &'a str,
    pub mark: Mark,
    pub record: &'a [u8],
}

impl Slot<'_> {
    pub fn report(&self) -> std::result::Result<Report, codec::CodecError> {
        codec::decode(self.record)
    }
}

fn bad(detail: impl Into<String>) -> codec::CodecError {
    codec::CodecError::Payload(detail.into())
}

/// The slots of a chunk in unit order. Layout: `CHUNK_FORMAT`, then per slot: unit length
/// (u16 BE), unit, status tag, 0 or 1 then a first-submission time (i64 BE), record length
/// (u32 BE), record (the codec's envelope).
pub fn slots(bytes: &[u8]) -> std::result::Result<Vec<Slot<'_>>, codec::CodecError> {
    match bytes.first() {
        Some(&CHUNK_FORMAT) => {}
        Some(&other) => return Err(bad(format!("chunk layout {other} is unknown"))),
        None => return Err(codec::CodecError::TooShort(0)),
    }
    let mut rest = &bytes[1..];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (slot, tail) = one_slot(rest).ok_or_else(|| bad("a chunk's slot is cut short"))?;
        out.push(slot);
        rest = tail;
    }
    Ok(out)
}

fn take(b: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (b.len() >= n).then(|| b.split_at(n))
}

fn one_slot(b: &[u8]) -> Option<(Slot<'_>, &[u8])> {
    let (n, b) = take(b, 2)?;
    let (unit, b) = take(b, u16::from_be_bytes([n[0], n[1]]) as usize)?;
    let (head, mut b) = take(b, 2)?;
    let first_submitted_at = match head[1] {
        0 => None,
        1 => {
            let (t, tail) = take(b, 8)?;
            b = tail;
            Some(i64::from_be_bytes(t.try_into().ok()?))
        }
        _ => return None,
    };
    let (n, b) = take(b, 4)?;
    let (record, b) = take(b, u32::from_be_bytes(n.try_into().ok()?) as usize)?;
    let slot = Slot {
        unit: std::str::from_utf8(unit).ok()?,
        mark: Mark {
            status: head[0],
            first_submitted_at,
        },
        record,
    };
    Some((slot, b))
}

fn put_slot(out: &mut Vec<u8>, unit: &str, mark: Mark, record: &[u8]) {
    out.extend_from_slice(&(unit.len() as u16).to_be_bytes());
    out.extend_from_slice(unit.as_bytes());
    out.push(mark.status);
    match mark.first_submitted_at {
        Some(t) => {
            out.push(1);
            out.extend_from_slice(&t.to_be_bytes());
        }
        None => out.push(0),
    }
    out.extend_from_slice(&(record.len() as u32).to_be_bytes());
    out.extend_from_slice(record);
}

/// A change to one slot: a report's encoded record (with its mark), or its removal.
pub type Change = Option<(Mark, Vec<u8>)>;

/// The chunk `old` with `changes` (per unit, the last one wins) applied; `None` when no slot
/// is left.
pub fn merge(
    old: Option<&[u8]>,
    changes: &BTreeMap<String, Change>,
) -> std::result::Result<Option<Vec<u8>>, codec::CodecError> {
    let kept = match old {
        Some(b) => slots(b)?,
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(old.map_or(64, <[u8]>::len) + 512);
    out.push(CHUNK_FORMAT);
    let mut kept = kept.into_iter().peekable();
    let mut changes = changes.iter().peekable();
    loop {
        let take_old = match (kept.peek(), changes.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(s), Some((u, _))) => s.unit < u.as_str(),
        };
        if take_old {
            let s = kept.next().expect("peeked");
            put_slot(&mut out, s.unit, s.mark, s.record);
            continue;
        }
        let (unit, change) = changes.next().expect("peeked");
        if kept.peek().is_some_and(|s| s.unit == unit) {
            kept.next();
        }
        if let Some((mark, record)) = change {
            put_slot(&mut out, unit, *mark, record);
        }
    }
    Ok((out.len() > 1).then_some(out))
}

/// The report of `unit` in a chunk's bytes.
pub fn find<'a>(
    bytes: &'a [u8],
    unit: &str,
) -> std::result::Result<Option<Slot<'a>>, codec::CodecError> {
    Ok(slots(bytes)?.into_iter().find(|s| s.unit == unit))
}

/// A logical write turned into its chunk and slot change; the record is decoded once for
/// its mark.
pub fn change_of(key: &[u8], value: Option<&[u8]>) -> Result<(Vec<u8>, String, Change)> {
    let (unit, period) = split_logical(key).ok_or_else(|| Error::Corrupt {
        what: format!("reports/{}", super::show_key(key)),
        detail: "not a report's key".into(),
    })?;
    let change = match value {
        Some(v) => {
            let r: Report = codec::decode(v).map_err(|e| Error::Corrupt {
                what: format!("reports/{}", super::show_key(key)),
                detail: e.to_string(),
            })?;
            Some((Mark::of(&r), v.to_vec()))
        }
        None => None,
    };
    Ok((chunk_key(period, unit), unit.to_string(), change))
}

/// Logical report writes gathered per chunk, so a bulk write rewrites each chunk once per
/// batch instead of once per report. Bounded: the caller applies it past `FULL` bytes.
#[derive(Default)]
pub struct Pending {
    chunks: BTreeMap<Vec<u8>, BTreeMap<String, Change>>,
    bytes: usize,
}

impl Pending {
    /// Bytes of records held before a batch is applied.
    pub const FULL: usize = 32 << 20;

    pub fn add(&mut self, key: &[u8], value: Option<&[u8]>) -> Result<()> {
        let (chunk, unit, change) = change_of(key, value)?;
        self.bytes += unit.len() + change.as_ref().map_or(0, |c| c.1.len()) + 64;
        self.chunks.entry(chunk).or_default().insert(unit, change);
        Ok(())
    }

    pub fn is_full(&self) -> bool {
        self.bytes >= Self::FULL
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Every gathered chunk change, in key order, leaving this empty.
    pub fn drain(&mut self) -> BTreeMap<Vec<u8>, BTreeMap<String, Change>> {
        self.bytes = 0;
        std::mem::take(&mut self.chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(s: u8) -> Mark {
        Mark {
            status: s,
            first_submitted_at: (s > 0).then_some(1_700_000_000 + s as i64),
        }
    }

    fn changes(items: &[(&str, Option<u8>)]) -> BTreeMap<String, Change> {
        items
            .iter()
            .map(|(u, s)| (u.to_string(), s.map(|s| (mark(s), vec![s; 3]))))
            .collect()
    }

    #[test]
    fn groups_are_codes_without_their_last_two_characters() {
        assert_eq!(group("31338"), "313");
        assert_eq!(group("31338@2025-07-01"), "313");
        assert_eq!(group("31338-T05"), "31338-T");
        assert_eq!(group("93"), "");
        assert_eq!(group("Ấp Mỹ"), "Ấp ");
    }

    #[test]
    fn a_chunk_key_starts_with_its_period_and_never_runs_into_a_longer_group() {
        let p = Period::month(2025, 6);
        let k = chunk_key(p, "31338");
        assert!(k.starts_with(&p.key()));
        assert_eq!(chunk_period(&k), Some(p));
        assert!(!chunk_key(p, "3133801").starts_with(&k));
        assert_eq!(
            split_logical(&keys::report("31338@2025-07-01", p)),
            Some(("31338@2025-07-01", p))
        );
    }

    #[test]
    fn merging_keeps_units_in_order_replaces_and_removes() {
        let a = merge(None, &changes(&[("b", Some(1)), ("a", Some(2))]))
            .unwrap()
            .unwrap();
        let got: Vec<_> = slots(&a).unwrap().iter().map(|s| s.unit).collect();
        assert_eq!(got, ["a", "b"]);
        let b = merge(
            Some(&a),
            &changes(&[("a", None), ("c", Some(3)), ("b", Some(4))]),
        )
        .unwrap()
        .unwrap();
        let got: Vec<_> = slots(&b)
            .unwrap()
            .iter()
            .map(|s| (s.unit, s.mark, s.record.to_vec()))
            .collect();
        assert_eq!(
            got,
            [("b", mark(4), vec![4; 3]), ("c", mark(3), vec![3; 3])]
        );
        assert_eq!(
            merge(Some(&b), &changes(&[("b", None), ("c", None)])).unwrap(),
            None
        );
    }

    /// The chunk layout, byte for byte: a change here must come with a new `CHUNK_FORMAT`.
    #[test]
    fn golden_chunk_bytes() {
        let c = merge(None, &changes(&[("31338", Some(2)), ("31339", None)]))
            .unwrap()
            .unwrap();
        let want: &[u8] = &[
            1, // format
            0, 5, b'3', b'1', b'3', b'3', b'8', // unit
            2, 1, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x02, // status, first submitted
            0, 0, 0, 3, 2, 2, 2, // record
        ];
        assert_eq!(c, want);
    }

    #[test]
    fn a_cut_or_unknown_chunk_is_refused() {
        let c = merge(None, &changes(&[("a", Some(1))])).unwrap().unwrap();
        assert!(slots(&c[..c.len() - 1]).is_err());
        let mut newer = c.clone();
        newer[0] = 9;
        assert_eq!(
            slots(&newer).unwrap_err().to_string(),
            "payload: chunk layout 9 is unknown"
        );
    }
}
