//! One tree of the store as the layers above see it: logical keys and values in key order.
//! sled stays behind this type, so the service never names it. A grouped tree (see
//! `grouped`) is read through its groups: callers see one entry per logical key.

use std::ops::Bound;

use super::grouped;
use super::TreeId;
use crate::error::{Error, Result};

/// A key or value as the store hands it out: cheap to clone, derefs to bytes.
pub type Bytes = sled::IVec;

#[derive(Clone)]
pub struct Entries {
    tree: sled::Tree,
    /// Set for a grouped tree read by logical key; `None` reads sled's entries as they are.
    grouped: Option<TreeId>,
}

type Pair = Result<(Bytes, Bytes)>;
type Pairs<'a> = Box<dyn DoubleEndedIterator<Item = Pair> + 'a>;
type Keys = Box<dyn DoubleEndedIterator<Item = Result<Bytes>>>;

fn pair(r: sled::Result<(Bytes, Bytes)>) -> Pair {
    r.map_err(Error::from)
}

/// The entries of one group read from sled that `keep` keeps, or why it cannot be read.
fn open_group(
    t: TreeId,
    read: sled::Result<(Bytes, Bytes)>,
    keep: &dyn Fn(&[u8]) -> bool,
) -> Vec<Pair> {
    let (group, bytes) = match read {
        Ok(g) => g,
        Err(e) => return vec![Err(e.into())],
    };
    match grouped::open(&group, &bytes) {
        Err(e) => vec![Err(grouped::corrupt(t, &group, e))],
        Ok(pairs) => pairs
            .into_iter()
            .filter(|(k, _)| keep(k))
            .map(|(k, v)| Ok((Bytes::from(k), Bytes::from(v))))
            .collect(),
    }
}

impl Entries {
    pub(super) fn new(tree: sled::Tree, grouped: Option<TreeId>) -> Entries {
        Entries { tree, grouped }
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<Bytes>> {
        let key = key.as_ref();
        let Some(t) = self.grouped else {
            return Ok(self.tree.get(key)?);
        };
        let group = grouped::group_of(key);
        let Some(bytes) = self.tree.get(group)? else {
            return Ok(None);
        };
        let pairs = grouped::open(group, &bytes).map_err(|e| grouped::corrupt(t, group, e))?;
        Ok(pairs
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| Bytes::from(pairs[i].1)))
    }

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> Result<bool> {
        match self.grouped {
            None => Ok(self.tree.contains_key(key)?),
            Some(_) => Ok(self.get(key)?.is_some()),
        }
    }

    /// The logical entries of the groups `groups` gives, kept if `keep` says so.
    fn through_groups<'a>(
        &self,
        t: TreeId,
        groups: impl DoubleEndedIterator<Item = sled::Result<(Bytes, Bytes)>> + 'a,
        keep: impl Fn(&[u8]) -> bool + 'a,
    ) -> Pairs<'a> {
        Box::new(groups.flat_map(move |g| open_group(t, g, &keep)))
    }

    pub fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> Pairs<'static> {
        let prefix = prefix.as_ref().to_vec();
        let Some(t) = self.grouped else {
            return Box::new(self.tree.scan_prefix(prefix).map(pair));
        };
        // A prefix as long as a group's key is in one group; a shorter one starts every
        // group it can reach.
        let groups: Box<dyn DoubleEndedIterator<Item = _>> = if prefix.len() >= grouped::GROUP_BYTES
        {
            let group = grouped::group_of(&prefix).to_vec();
            Box::new(
                self.tree
                    .get(&group)
                    .transpose()
                    .map(|r| r.map(|v| (Bytes::from(group), v)))
                    .into_iter(),
            )
        } else {
            Box::new(self.tree.scan_prefix(&prefix))
        };
        self.through_groups(t, groups, move |k| k.starts_with(&prefix))
    }

    /// Entries from `start` to the end.
    pub fn range_from(&self, start: Bound<Vec<u8>>) -> Pairs<'static> {
        let Some(t) = self.grouped else {
            return Box::new(
                self.tree
                    .range::<Vec<u8>, _>((start, Bound::Unbounded))
                    .map(pair),
            );
        };
        let first = match &start {
            Bound::Included(k) | Bound::Excluded(k) => {
                Bound::Included(grouped::group_of(k).to_vec())
            }
            Bound::Unbounded => Bound::Unbounded,
        };
        let groups = self.tree.range::<Vec<u8>, _>((first, Bound::Unbounded));
        self.through_groups(t, groups, move |k| match &start {
            Bound::Included(s) => k >= s.as_slice(),
            Bound::Excluded(s) => k > s.as_slice(),
            Bound::Unbounded => true,
        })
    }

    pub fn iter(&self) -> Pairs<'static> {
        match self.grouped {
            None => Box::new(self.tree.iter().map(pair)),
            Some(t) => self.through_groups(t, self.tree.iter(), |_| true),
        }
    }

    /// Every entry, read so that sled's page cache keeps its size (see `scan`).
    pub(super) fn scan(&self) -> Box<dyn Iterator<Item = Pair>> {
        let groups = super::scan::scan(&self.tree);
        match self.grouped {
            None => Box::new(groups.map(pair)),
            Some(t) => Box::new(groups.flat_map(move |g| open_group(t, g, &|_| true))),
        }
    }

    pub fn keys(&self) -> Keys {
        Box::new(self.iter().map(|kv| kv.map(|(k, _)| k)))
    }

    pub fn keys_with_prefix(&self, prefix: impl AsRef<[u8]>) -> Keys {
        Box::new(self.scan_prefix(prefix).map(|kv| kv.map(|(k, _)| k)))
    }

    /// Counts by walking the tree: sled keeps no count.
    pub fn len(&self) -> usize {
        match self.grouped {
            None => self.tree.iter().keys().count(),
            Some(_) => self.iter().count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// Lets sled free what earlier writes replaced (see `store::let_garbage_go`): a long run
    /// of inserts calls it now and then.
    pub fn let_garbage_go(&self) {
        super::let_garbage_go(&self.tree);
    }

    /// One write outside any transaction: only for a restore, which its marker makes all or
    /// nothing, and which must not hold every write in memory (see `staged`). A grouped
    /// tree's entry is merged into its group.
    pub fn insert_outside_transaction(&self, key: &[u8], value: &[u8]) -> Result<()> {
        match self.grouped {
            None => {
                self.tree.insert(key, value)?;
            }
            Some(t) => {
                let group = grouped::group_of(key);
                let change = grouped::Changes::from([(key.to_vec(), Some(value.to_vec()))]);
                let old = self.tree.get(group)?;
                let merged = grouped::merge(group, old.as_deref(), &change)
                    .map_err(|e| grouped::corrupt(t, group, e))?;
                if let Some(v) = merged {
                    self.tree.insert(group, v)?;
                }
            }
        }
        crate::killpoint::reached("restore.put");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(it: Pairs<'_>) -> Vec<(Vec<u8>, Vec<u8>)> {
        it.map(|kv| kv.unwrap())
            .map(|(k, v)| (k.to_vec(), v.to_vec()))
            .collect()
    }

    /// A grouped tree reads as the same entries kept one to a sled entry: whole, by prefix
    /// of any length, from any start, forwards and backwards, one by one and counted.
    #[test]
    fn a_grouped_tree_reads_as_a_plain_one() {
        let db = sled::Config::new().temporary(true).open().unwrap();
        let plain = Entries::new(db.open_tree("plain").unwrap(), None);
        let grouped = Entries::new(db.open_tree("grouped").unwrap(), Some(TreeId::Units));
        let keys: Vec<&[u8]> = vec![
            b"01",
            b"01@2025-07-01",
            b"001",
            b"00004-T00",
            b"00004-T01",
            b"31",
            b"313",
            b"3132",
            b"31321",
            b"31321@2025-07-01",
            b"31321\x00\x01",
            b"31999",
            b"32",
            b"4",
        ];
        for (i, k) in keys.iter().enumerate() {
            let v = vec![i as u8; i];
            plain.insert_outside_transaction(k, &v).unwrap();
            grouped.insert_outside_transaction(k, &v).unwrap();
        }
        assert_eq!(all(grouped.iter()), all(plain.iter()));
        assert_eq!(
            all(Box::new(grouped.iter().rev())),
            all(Box::new(plain.iter().rev()))
        );
        assert_eq!(grouped.len(), keys.len());
        assert!(db.open_tree("grouped").unwrap().len() < keys.len());
        for k in &keys {
            assert_eq!(grouped.get(k).unwrap(), plain.get(k).unwrap());
            for n in 0..=k.len() {
                let p = &k[..n];
                assert_eq!(
                    all(grouped.scan_prefix(p)),
                    all(plain.scan_prefix(p)),
                    "{p:?}"
                );
            }
            for start in [Bound::Included(k.to_vec()), Bound::Excluded(k.to_vec())] {
                let (g, p) = (grouped.range_from(start.clone()), plain.range_from(start));
                assert_eq!(all(g), all(p));
            }
        }
        assert_eq!(grouped.get(b"3133").unwrap(), None);
        assert!(all(grouped.scan_prefix(b"5")).is_empty());
    }
}
