//! Units and their code index, kept several entries to one sled entry ("a group").
//!
//! sled's cost is per entry, not per byte (see `packed`): a national unit import wrote two
//! entries per unit, 200,000 in all, and spent 40 % of its time in sled's inserts. Entries
//! whose keys share their first `GROUP_BYTES` bytes are kept together, in key order, under
//! that prefix: a commune, its residential areas and its neighbours with the same first four
//! digits share one group. Cutting keys at a fixed length keeps groups in key order, so groups
//! read in order give their entries in order, and a prefix reaches only its own groups.
//!
//! Above this module the trees keep their logical keys: `Entries`, `Store::get` and
//! `Store::records` read through the groups, and writes name logical keys, merged into their
//! groups as they are applied.

use std::collections::BTreeMap;

use super::codec::CodecError;
use super::{Store, TreeId};
use crate::error::{Error, Result};

/// Bytes of a key that name its group.
pub const GROUP_BYTES: usize = 4;
/// The first byte of every group: its layout. A newer one is refused.
/// 1: each entry as its key's length, key, value's length, value (lengths as LEB128).
pub const FORMAT: u8 = 1;

/// The group `key` is kept in.
pub fn group_of(key: &[u8]) -> &[u8] {
    &key[..key.len().min(GROUP_BYTES)]
}

/// One group's entries, borrowed from its bytes.
pub type Pairs<'a> = Vec<(&'a [u8], &'a [u8])>;

/// The last write of each key to one group: a value, or `None` to remove it.
pub type Changes = BTreeMap<Vec<u8>, Option<Vec<u8>>>;

fn bad(detail: impl Into<String>) -> CodecError {
    CodecError::Payload(detail.into())
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A length and the bytes after it.
fn take_len(bytes: &[u8]) -> std::result::Result<(usize, &[u8]), CodecError> {
    let mut n = 0usize;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= ((b & 0x7F) as usize) << (7 * i);
        if b & 0x80 == 0 {
            return Ok((n, &bytes[i + 1..]));
        }
    }
    Err(bad("a length is cut short or too long"))
}

fn take_bytes(bytes: &[u8]) -> std::result::Result<(&[u8], &[u8]), CodecError> {
    let (n, rest) = take_len(bytes)?;
    if n > rest.len() {
        return Err(bad(format!(
            "an entry of {n} bytes runs past the group's end"
        )));
    }
    Ok(rest.split_at(n))
}

/// The bytes of a group holding `pairs`, which are in strictly increasing key order.
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> Vec<u8> {
    let mut out = vec![FORMAT];
    for (k, v) in pairs {
        put_len(&mut out, k.len());
        out.extend_from_slice(k);
        put_len(&mut out, v.len());
        out.extend_from_slice(v);
    }
    out
}

/// The entries of the group stored under `group`, checked: a known format, every entry
/// whole, keys in strictly increasing order and each in this group.
pub fn open<'a>(group: &[u8], bytes: &'a [u8]) -> std::result::Result<Pairs<'a>, CodecError> {
    let (&format, mut rest) = bytes.split_first().ok_or_else(|| bad("empty"))?;
    if format != FORMAT {
        return Err(bad(format!(
            "group layout {format} is unknown (this antq reads {FORMAT})"
        )));
    }
    let mut pairs: Pairs<'a> = Vec::new();
    while !rest.is_empty() {
        let (k, tail) = take_bytes(rest)?;
        let (v, tail) = take_bytes(tail)?;
        rest = tail;
        if group_of(k) != group {
            return Err(bad(format!(
                "holds {}, which belongs to another group",
                super::show_key(k)
            )));
        }
        if pairs.last().is_some_and(|(last, _)| *last >= k) {
            return Err(bad(format!("{} is out of order", super::show_key(k))));
        }
        pairs.push((k, v));
    }
    if pairs.is_empty() {
        return Err(bad("holds no entry"));
    }
    Ok(pairs)
}

/// `old` (a group's bytes, if it exists) with `changes` made: `None` if nothing is left.
pub fn merge(
    group: &[u8],
    old: Option<&[u8]>,
    changes: &Changes,
) -> std::result::Result<Option<Vec<u8>>, CodecError> {
    let old = old.map(|b| open(group, b)).transpose()?.unwrap_or_default();
    let mut merged: Pairs<'_> = Vec::with_capacity(old.len() + changes.len());
    let mut old = old.into_iter().peekable();
    for (k, v) in changes {
        while let Some(pair) = old.next_if(|(ok, _)| *ok < k.as_slice()) {
            merged.push(pair);
        }
        old.next_if(|(ok, _)| *ok == k.as_slice());
        if let Some(v) = v {
            merged.push((k, v));
        }
    }
    merged.extend(old);
    Ok((!merged.is_empty()).then(|| encode(merged)))
}

/// The group that cannot be read, named by its tree and key.
pub(super) fn corrupt(t: TreeId, group: &[u8], e: CodecError) -> Error {
    Error::Corrupt {
        what: format!("{}/{}", t.name(), super::show_key(group)),
        detail: e.to_string(),
    }
}

/// Changes to groups, gathered so each group is rewritten once per batch.
#[derive(Default)]
pub struct PendingGroups {
    groups: BTreeMap<(TreeId, Vec<u8>), Changes>,
    bytes: usize,
}

/// Bytes of changes held before they are written: a national unit import's are about 40 MB.
const PENDING_BYTES: usize = 8 << 20;

impl PendingGroups {
    pub fn add(&mut self, t: TreeId, key: &[u8], value: Option<&[u8]>) {
        self.bytes += key.len() + value.map_or(0, <[u8]>::len) + 48;
        self.groups
            .entry((t, group_of(key).to_vec()))
            .or_default()
            .insert(key.to_vec(), value.map(<[u8]>::to_vec));
    }

    pub fn is_full(&self) -> bool {
        self.bytes >= PENDING_BYTES
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The changes of one write set's grouped ops, by group, for a transaction.
    pub fn of_ops(ops: &[super::Op]) -> PendingGroups {
        let mut p = PendingGroups::default();
        for (t, k, v) in ops.iter().filter(|op| op.0.is_grouped()) {
            p.add(*t, k, v.as_deref());
        }
        p
    }

    pub fn iter(&self) -> impl Iterator<Item = (TreeId, &[u8], &Changes)> {
        self.groups.iter().map(|((t, g), c)| (*t, g.as_slice(), c))
    }
}

/// The first schema that keeps units in groups: an older backup's unit tables are grouped as
/// they restore.
pub const SINCE_SCHEMA: u32 = 7;

impl Store {
    /// Adds one change to `pending`, and writes the batch once it is full.
    pub fn pend_group(
        &self,
        pending: &mut PendingGroups,
        t: TreeId,
        key: &[u8],
        value: Option<&[u8]>,
    ) -> Result<()> {
        pending.add(t, key, value);
        if pending.is_full() {
            self.write_groups(pending)?;
        }
        Ok(())
    }

    /// Writes pending group changes outside any transaction, for writes that a marker or the
    /// schema record makes all or nothing (a staged copy, a migration, a restore).
    pub fn write_groups(&self, pending: &mut PendingGroups) -> Result<()> {
        for (n, (t, group, changes)) in pending.iter().enumerate() {
            let tree = self.tree(t);
            let old = tree.get(group)?;
            match merge(group, old.as_deref(), changes).map_err(|e| corrupt(t, group, e))? {
                Some(v) => tree.insert(group, v)?,
                None => tree.remove(group)?,
            };
            if n % 256 == 255 {
                super::let_garbage_go(&tree);
            }
        }
        *pending = PendingGroups::default();
        Ok(())
    }

    /// Schema 6 kept a unit and a code index entry per sled entry, under these names: they
    /// are packed into groups. Anything a killed run of this left behind is dropped first.
    pub(super) fn migrate_groups(&self) -> Result<()> {
        let db = self.opened().db.clone();
        for (old, t) in OLD_TREES {
            self.tree(t).clear()?;
            let mut pending = PendingGroups::default();
            for kv in db.open_tree(old)?.iter() {
                let (k, v) = kv?;
                self.pend_group(&mut pending, t, &k, Some(&v))?;
            }
            self.write_groups(&mut pending)?;
        }
        self.flush()
    }
}

/// The trees schema 6 kept one entry per unit and per code in, and the grouped trees that
/// replace them.
pub const OLD_TREES: [(&str, TreeId); 2] =
    [("units", TreeId::Units), ("unit_codes", TreeId::UnitCodes)];

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(list: &[(&str, Option<&str>)]) -> Changes {
        list.iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.map(|v| v.as_bytes().to_vec())))
            .collect()
    }

    /// The layout, byte for byte: what a schema-7 store holds on disk.
    #[test]
    fn a_group_is_its_format_then_each_entry_with_its_lengths() {
        let bytes = encode([(&b"31321"[..], &b"ab"[..]), (b"31333", &[0u8; 130][..])]);
        let mut want = vec![1, 5];
        want.extend_from_slice(b"31321");
        want.push(2);
        want.extend_from_slice(b"ab");
        want.push(5);
        want.extend_from_slice(b"31333");
        want.extend_from_slice(&[0x82, 0x01]);
        want.extend_from_slice(&[0; 130]);
        assert_eq!(bytes, want);
        let pairs = open(b"3133", &bytes).unwrap_err();
        assert!(pairs
            .to_string()
            .contains("31321, which belongs to another group"));
        let one = encode([(&b"31321"[..], &b"ab"[..])]);
        let pairs = open(b"3132", &one).unwrap();
        assert_eq!(pairs, vec![(&b"31321"[..], &b"ab"[..])]);
    }

    #[test]
    fn merging_puts_replaces_and_removes_in_key_order() {
        let g = b"3133";
        let first = merge(
            g,
            None,
            &changes(&[("31339", Some("c")), ("31333", Some("a"))]),
        )
        .unwrap()
        .unwrap();
        let second = merge(
            g,
            Some(&first),
            &changes(&[("31333", None), ("31338", Some("b")), ("31339", Some("C"))]),
        )
        .unwrap()
        .unwrap();
        let pairs = open(g, &second).unwrap();
        assert_eq!(
            pairs,
            vec![(&b"31338"[..], &b"b"[..]), (&b"31339"[..], &b"C"[..])]
        );
        let gone = merge(
            g,
            Some(&second),
            &changes(&[("31338", None), ("31339", None)]),
        );
        assert_eq!(gone.unwrap(), None);
    }

    #[test]
    fn damaged_groups_are_refused_with_the_reason() {
        let g = b"3133";
        let twice = encode([(&b"31333"[..], &b"a"[..]), (b"31333", b"b")]);
        assert!(open(g, &twice)
            .unwrap_err()
            .to_string()
            .contains("out of order"));
        let mut cut = encode([(&b"31333"[..], &b"abc"[..])]);
        cut.pop();
        assert!(open(g, &cut).unwrap_err().to_string().contains("runs past"));
        assert!(open(g, &[2, 1, b'3', 0])
            .unwrap_err()
            .to_string()
            .contains("layout 2"));
        assert!(open(g, &[FORMAT])
            .unwrap_err()
            .to_string()
            .contains("no entry"));
    }

    /// Cutting keys at a fixed length keeps groups in key order, whatever the keys' lengths.
    #[test]
    fn groups_sort_as_their_keys_do() {
        let mut keys: Vec<&[u8]> = vec![
            b"01",
            b"01@2025",
            b"001",
            b"00004-T00",
            b"31",
            b"313",
            b"3132",
            b"31321",
            b"31321@2025-07-01",
            b"31999",
            b"32",
            b"",
        ];
        keys.sort();
        let groups: Vec<&[u8]> = keys.iter().map(|k| group_of(k)).collect();
        let mut sorted = groups.clone();
        sorted.sort();
        assert_eq!(groups, sorted);
    }
}
