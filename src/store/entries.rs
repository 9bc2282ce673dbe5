//! One tree of the store as the layers above see it: raw keys and values in key order. sled
//! stays behind this type, so the service never names it.

use std::ops::Bound;

use crate::error::{Error, Result};

/// A key or value as the store hands it out: cheap to clone, derefs to bytes.
pub type Bytes = sled::IVec;

#[derive(Clone)]
pub struct Entries(sled::Tree);

type Pair = Result<(Bytes, Bytes)>;

fn pair(r: sled::Result<(Bytes, Bytes)>) -> Pair {
    r.map_err(Error::from)
}

impl Entries {
    pub(super) fn new(tree: sled::Tree) -> Entries {
        Entries(tree)
    }

    pub fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<Bytes>> {
        Ok(self.0.get(key)?)
    }

    pub fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> impl DoubleEndedIterator<Item = Pair> {
        self.0.scan_prefix(prefix).map(pair)
    }

    /// Entries from `start` to the end.
    pub fn range_from(&self, start: Bound<Vec<u8>>) -> impl DoubleEndedIterator<Item = Pair> {
        self.0
            .range::<Vec<u8>, _>((start, Bound::Unbounded))
            .map(pair)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Pair> {
        self.0.iter().map(pair)
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = Result<Bytes>> {
        self.0.iter().keys().map(|k| k.map_err(Error::from))
    }

    pub fn keys_with_prefix(
        &self,
        prefix: impl AsRef<[u8]>,
    ) -> impl DoubleEndedIterator<Item = Result<Bytes>> {
        self.0
            .scan_prefix(prefix)
            .keys()
            .map(|k| k.map_err(Error::from))
    }

    /// Counts by walking the tree: sled keeps no count.
    pub fn len(&self) -> usize {
        self.0.iter().keys().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Lets sled free what earlier writes replaced (see `store::let_garbage_go`): a long run
    /// of inserts calls it now and then.
    pub fn let_garbage_go(&self) {
        super::let_garbage_go(&self.0);
    }

    /// One write outside any transaction: only for a restore, which its marker makes all or
    /// nothing, and which must not hold every write in memory (see `staged`).
    pub fn insert_outside_transaction(&self, key: &[u8], value: &[u8]) -> Result<()> {
        self.0.insert(key, value)?;
        crate::killpoint::reached("restore.put");
        Ok(())
    }
}
