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

use super::codec;
use super::keys;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::official_code;
use crate::error::{Error, Result};

/// The first byte of every chunk: its layout. A newer one is refused.
/// 1: each slot's record inline after its head. Still read; a chunk is written in format 2 the
/// next time it changes.
/// 2: the heads first, then every record of the chunk deflated together (3.6× smaller at
/// national size), so marks are read without inflating anything.
pub const CHUNK_FORMAT: u8 = 2;
const INLINE_FORMAT: u8 = 1;
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

/// A slot's head: its unit, mark, and where its record is among the chunk's record bytes.
struct Head<'a> {
    unit: &'a str,
    mark: Mark,
    record: std::ops::Range<usize>,
}

/// A chunk opened for reading: its heads, and its record bytes (in place for format 1,
/// inflated for format 2).
pub struct Chunk<'a> {
    heads: Vec<Head<'a>>,
    records: std::borrow::Cow<'a, [u8]>,
}

impl Chunk<'_> {
    /// The slots in unit order.
    pub fn slots(&self) -> Vec<Slot<'_>> {
        self.heads
            .iter()
            .map(|h| Slot {
                unit: h.unit,
                mark: h.mark,
                record: &self.records[h.record.clone()],
            })
            .collect()
    }

    /// The slot of `unit`, if any.
    pub fn find(&self, unit: &str) -> Option<Slot<'_>> {
        self.slots().into_iter().find(|s| s.unit == unit)
    }
}

/// A chunk opened once and kept: its units, and its records inflated.
pub struct OwnedChunk {
    units: Vec<(String, std::ops::Range<usize>)>,
    records: Vec<u8>,
}

impl OwnedChunk {
    pub fn open(bytes: &[u8]) -> std::result::Result<OwnedChunk, codec::CodecError> {
        let c = open(bytes)?;
        let units = c
            .heads
            .iter()
            .map(|h| (h.unit.to_string(), h.record.clone()));
        Ok(OwnedChunk {
            units: units.collect(),
            records: c.records.into_owned(),
        })
    }

    /// The report of `unit`, if the chunk holds one.
    pub fn report(&self, unit: &str) -> std::result::Result<Option<Report>, codec::CodecError> {
        let Some((_, at)) = self.units.iter().find(|(u, _)| u == unit) else {
            return Ok(None);
        };
        let record = self
            .records
            .get(at.clone())
            .ok_or_else(|| bad("a slot's record is cut short"))?;
        codec::decode(record).map(Some)
    }
}

/// Opens a chunk's bytes. Format 1, per slot: unit length (u16 BE), unit, status tag, 0 or 1
/// then a first-submission time (i64 BE), record length (u32 BE), record (the codec's
/// envelope). Format 2: the slot count (u32 BE), every slot's head as in format 1 without its
/// record, then the records in slot order, deflated as one stream.
pub fn open(bytes: &[u8]) -> std::result::Result<Chunk<'_>, codec::CodecError> {
    let (heads, tail, format) = heads(bytes)?;
    let records = match format {
        INLINE_FORMAT => std::borrow::Cow::Borrowed(bytes),
        _ => std::borrow::Cow::Owned(inflate(tail, heads.last().map_or(0, |h| h.record.end))?),
    };
    Ok(Chunk { heads, records })
}

/// Every slot's unit and mark, without reading a record.
pub fn marks(bytes: &[u8]) -> std::result::Result<Vec<(&str, Mark)>, codec::CodecError> {
    Ok(heads(bytes)?
        .0
        .into_iter()
        .map(|h| (h.unit, h.mark))
        .collect())
}

/// The heads of a chunk, what follows them (format 2's deflated records), and its format.
type Heads<'a> = (Vec<Head<'a>>, &'a [u8], u8);

fn heads(bytes: &[u8]) -> std::result::Result<Heads<'_>, codec::CodecError> {
    let cut = || bad("a chunk's slot is cut short");
    let format = *bytes.first().ok_or(codec::CodecError::TooShort(0))?;
    let mut rest = &bytes[1..];
    let mut out = Vec::new();
    match format {
        INLINE_FORMAT => {
            while !rest.is_empty() {
                let (unit, mark, len, tail) = one_head(rest).ok_or_else(cut)?;
                let at = bytes.len() - tail.len();
                let (_, tail) = take(tail, len).ok_or_else(cut)?;
                out.push(Head {
                    unit,
                    mark,
                    record: at..at + len,
                });
                rest = tail;
            }
        }
        CHUNK_FORMAT => {
            let (n, tail) = take(rest, 4).ok_or_else(cut)?;
            rest = tail;
            let mut at = 0;
            for _ in 0..u32::from_be_bytes(n.try_into().map_err(|_| cut())?) {
                let (unit, mark, len, tail) = one_head(rest).ok_or_else(cut)?;
                out.push(Head {
                    unit,
                    mark,
                    record: at..at + len,
                });
                at += len;
                rest = tail;
            }
        }
        other => return Err(bad(format!("chunk layout {other} is unknown"))),
    }
    Ok((out, rest, format))
}

/// The most record bytes a chunk may say it holds: its slots (a hundred codes, each with its
/// residential areas' own chunk) at the largest record the codec takes.
const MAX_RECORDS: usize = 256 * codec::MAX_RECORD;

/// Format 2's records: exactly `len` bytes inflated, or the chunk is refused. A forged length
/// is bounded before anything is allocated.
fn inflate(deflated: &[u8], len: usize) -> std::result::Result<Vec<u8>, codec::CodecError> {
    if len > MAX_RECORDS {
        return Err(bad(
            "a chunk says it holds more record bytes than any chunk can",
        ));
    }
    let out = super::deflate::inflate(deflated, len)?;
    if out.len() != len {
        return Err(bad("a chunk's records are not the length its slots say"));
    }
    Ok(out)
}

fn take(b: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (b.len() >= n).then(|| b.split_at(n))
}

/// A slot's head: its unit, its mark, its record's length, and the bytes after it.
fn one_head(b: &[u8]) -> Option<(&str, Mark, usize, &[u8])> {
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
    let len = u32::from_be_bytes(n.try_into().ok()?) as usize;
    let mark = Mark {
        status: head[0],
        first_submitted_at,
    };
    Some((std::str::from_utf8(unit).ok()?, mark, len, b))
}

fn put_head(out: &mut Vec<u8>, unit: &str, mark: Mark, record_len: usize) {
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
    out.extend_from_slice(&(record_len as u32).to_be_bytes());
}

/// A chunk in format 2 from its slots in unit order.
fn encode(slots: &[(&str, Mark, &[u8])]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + slots.len() * 24);
    out.push(CHUNK_FORMAT);
    out.extend_from_slice(&(slots.len() as u32).to_be_bytes());
    for (unit, mark, record) in slots {
        put_head(&mut out, unit, *mark, record.len());
    }
    let records: Vec<&[u8]> = slots.iter().map(|s| s.2).collect();
    out.extend_from_slice(&super::deflate::deflate(&records));
    out
}

/// A change to one slot: a report's encoded record (with its mark), or its removal.
pub type Change = Option<(Mark, Vec<u8>)>;

/// The chunk `old` with `changes` (per unit, the last one wins) applied; `None` when no slot
/// is left. Written in the current format whatever `old`'s was.
pub fn merge(
    old: Option<&[u8]>,
    changes: &BTreeMap<String, Change>,
) -> std::result::Result<Option<Vec<u8>>, codec::CodecError> {
    let opened = old.map(open).transpose()?;
    let kept = opened.as_ref().map(Chunk::slots).unwrap_or_default();
    let mut out: Vec<(&str, Mark, &[u8])> = Vec::with_capacity(kept.len() + changes.len());
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
            out.push((s.unit, s.mark, s.record));
            continue;
        }
        let (unit, change) = changes.next().expect("peeked");
        if kept.peek().is_some_and(|s| s.unit == unit) {
            kept.next();
        }
        if let Some((mark, record)) = change {
            out.push((unit, *mark, record));
        }
    }
    Ok((!out.is_empty()).then(|| encode(&out)))
}

/// A logical write turned into its chunk and slot change; the record is decoded for its mark
/// unless the writer gave it.
pub fn change_of(
    key: &[u8],
    value: Option<&[u8]>,
    mark: Option<Mark>,
) -> Result<(Vec<u8>, String, Change)> {
    let (unit, period) = split_logical(key).ok_or_else(|| Error::Corrupt {
        what: format!("reports/{}", keys::show_key(key)),
        detail: "not a report's key".into(),
    })?;
    let change = match (value, mark) {
        (Some(v), Some(mark)) => Some((mark, v.to_vec())),
        (Some(v), None) => {
            let r: Report = codec::decode(v).map_err(|e| Error::Corrupt {
                what: format!("reports/{}", keys::show_key(key)),
                detail: e.to_string(),
            })?;
            Some((Mark::of(&r), v.to_vec()))
        }
        (None, _) => None,
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
    pub const FULL: usize = 8 << 20;

    pub fn add(&mut self, key: &[u8], value: Option<&[u8]>, mark: Option<Mark>) -> Result<()> {
        let (chunk, unit, change) = change_of(key, value, mark)?;
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

    fn units_marks_records(c: &[u8]) -> Vec<(String, Mark, Vec<u8>)> {
        open(c)
            .unwrap()
            .slots()
            .iter()
            .map(|s| (s.unit.to_string(), s.mark, s.record.to_vec()))
            .collect()
    }

    #[test]
    fn merging_keeps_units_in_order_replaces_and_removes() {
        let a = merge(None, &changes(&[("b", Some(1)), ("a", Some(2))]))
            .unwrap()
            .unwrap();
        let got: Vec<_> = units_marks_records(&a).into_iter().map(|s| s.0).collect();
        assert_eq!(got, ["a", "b"]);
        let b = merge(
            Some(&a),
            &changes(&[("a", None), ("c", Some(3)), ("b", Some(4))]),
        )
        .unwrap()
        .unwrap();
        let want = [
            ("b".to_string(), mark(4), vec![4; 3]),
            ("c".to_string(), mark(3), vec![3; 3]),
        ];
        assert_eq!(units_marks_records(&b), want);
        let marks: Vec<_> = marks(&b).unwrap();
        assert_eq!(marks, [("b", mark(4)), ("c", mark(3))]);
        assert_eq!(
            merge(Some(&b), &changes(&[("b", None), ("c", None)])).unwrap(),
            None
        );
    }

    /// The layout of format 2, byte for byte: the heads, then the records deflated. A change
    /// here must come with a new `CHUNK_FORMAT`.
    #[test]
    fn golden_chunk_bytes() {
        let c = merge(None, &changes(&[("31338", Some(2)), ("31339", None)]))
            .unwrap()
            .unwrap();
        let heads: &[u8] = &[
            2, // format
            0, 0, 0, 1, // slots
            0, 5, b'3', b'1', b'3', b'3', b'8', // unit
            2, 1, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x02, // status, first submitted
            0, 0, 0, 3, // record length
        ];
        assert_eq!(&c[..heads.len()], heads);
        assert_eq!(inflate(&c[heads.len()..], 3).unwrap(), [2, 2, 2]);
        assert_eq!(
            units_marks_records(&c),
            [("31338".into(), mark(2), vec![2; 3])]
        );
    }

    /// A chunk written in format 1 (records inline) still reads, and its next write is in
    /// format 2 with the same slots.
    #[test]
    fn a_format_1_chunk_reads_and_is_rewritten_in_format_2() {
        let old: &[u8] = &[
            1, // format
            0, 1, b'a', 2, 1, 0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x02, 0, 0, 0, 3, 2, 2, 2, // a
            0, 1, b'b', 0, 0, 0, 0, 0, 1, 7, // b
        ];
        let want = vec![
            ("a".to_string(), mark(2), vec![2; 3]),
            ("b".to_string(), mark(0), vec![7]),
        ];
        assert_eq!(units_marks_records(old), want);
        assert_eq!(marks(old).unwrap(), [("a", mark(2)), ("b", mark(0))]);
        let new = merge(Some(old), &changes(&[("c", Some(5))]))
            .unwrap()
            .unwrap();
        assert_eq!(new[0], CHUNK_FORMAT);
        let mut want = want;
        want.push(("c".to_string(), mark(5), vec![5; 3]));
        assert_eq!(units_marks_records(&new), want);
    }

    #[test]
    fn a_cut_or_unknown_chunk_is_refused() {
        let c = merge(None, &changes(&[("a", Some(1))])).unwrap().unwrap();
        assert!(open(&c[..c.len() - 1]).is_err());
        assert!(open(&c[..8]).is_err());
        let mut newer = c.clone();
        newer[0] = 9;
        assert_eq!(
            open(&newer).err().unwrap().to_string(),
            "payload: chunk layout 9 is unknown"
        );
        // A slot count that promises more records than the stream holds.
        let mut longer = c.clone();
        longer[4] = 2;
        assert!(open(&longer).is_err());
    }
}
