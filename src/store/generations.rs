//! Generations of the report chunks. A bulk write builds its chunks in a new tree, a
//! generation, instead of staging its writes and copying them into place. When it rewrites
//! most chunks, the chunks it left alone are copied into the generation, which then becomes
//! the report tree by one flushed write of its name in `layout`; the old tree is dropped.
//! Otherwise its chunks are copied into place (see `staged`). A generation that never became
//! the report tree is dropped when the store opens.
//!
//! `layout` is outside `TreeId::ALL`: backups, digests and compaction see the report tree by
//! its role, and a compacted or restored store keeps its chunks under the plain name again.

use super::{Store, TreeId};
use crate::error::{Error, Result};

/// The tree naming the report tree now; absent, it is `TreeId::Reports.name()`.
pub(super) const LAYOUT: &str = "layout";
const REPORTS: &[u8] = b"report_chunks";
/// Generations are named after the report tree: `report_chunks.g1`, `report_chunks.g2`…
const GENERATION: &str = ".g";

/// The name of the report tree now.
pub(super) fn current(db: &sled::Db) -> Result<Vec<u8>> {
    let Some(named) = db.open_tree(LAYOUT)?.get(REPORTS)? else {
        return Ok(plain().to_vec());
    };
    held(db, &named, LAYOUT)?;
    Ok(named.to_vec())
}

/// Refuses a name, read from `source`, that is no report tree of this store (a hand-edited or
/// damaged `layout` or staging marker): taken as given, the real report tree would look stale
/// and be dropped.
pub(super) fn held(db: &sled::Db, name: &[u8], source: &str) -> Result<()> {
    if is_report_tree(name) && db.tree_names().iter().any(|n| n.as_ref() == name) {
        return Ok(());
    }
    Err(Error::Corrupt {
        what: source.into(),
        detail: format!(
            "it names '{}' as the report tree, which this store does not hold; restore the store from a backup",
            String::from_utf8_lossy(name)
        ),
    })
}

fn plain() -> &'static [u8] {
    TreeId::Reports.name().as_bytes()
}

/// The generation after `current`.
pub(super) fn next(current: &[u8]) -> Vec<u8> {
    let number = current
        .strip_prefix(plain())
        .and_then(|rest| rest.strip_prefix(GENERATION.as_bytes()))
        .and_then(|n| std::str::from_utf8(n).ok()?.parse::<u64>().ok())
        .unwrap_or(0);
    format!("{}{GENERATION}{}", TreeId::Reports.name(), number + 1).into_bytes()
}

/// A tree that holds, or once held, report chunks.
fn is_report_tree(name: &[u8]) -> bool {
    name == plain()
        || name
            .strip_prefix(plain())
            .is_some_and(|rest| rest.starts_with(GENERATION.as_bytes()))
}

impl Store {
    /// Makes `name` the report tree, durably, and reads the chunks from it from now on.
    pub(super) fn flip_reports(&self, name: &[u8]) -> Result<()> {
        let db = self.opened().db.clone();
        db.open_tree(LAYOUT)?.insert(REPORTS, name)?;
        self.flush()?;
        let flipped = self.opened().with_reports(name)?;
        *self.open.write().unwrap_or_else(|p| p.into_inner()) = std::sync::Arc::new(flipped);
        Ok(())
    }

    /// Drops every report tree but the current one: a generation never switched in, or the
    /// tree a generation replaced.
    pub(super) fn drop_stale_report_trees(&self) -> Result<()> {
        let db = self.opened().db.clone();
        let now = current(&db)?;
        for name in db.tree_names() {
            if is_report_tree(&name) && name.as_ref() != now.as_slice() {
                db.drop_tree(&name)?;
            }
        }
        Ok(())
    }

    /// A new, empty generation after the current report tree.
    pub(super) fn new_generation(&self) -> Result<(Vec<u8>, sled::Tree)> {
        let db = self.opened().db.clone();
        let name = next(&current(&db)?);
        let tree = db.open_tree(&name)?;
        tree.clear()?;
        Ok((name, tree))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_follow_each_other_and_only_report_trees_count() {
        assert_eq!(next(b"report_chunks"), b"report_chunks.g1");
        assert_eq!(next(b"report_chunks.g1"), b"report_chunks.g2");
        assert_eq!(next(b"report_chunks.g41"), b"report_chunks.g42");
        assert!(is_report_tree(b"report_chunks"));
        assert!(is_report_tree(b"report_chunks.g7"));
        assert!(!is_report_tree(b"reports"));
        assert!(!is_report_tree(b"report_chunks_old"));
        assert!(!is_report_tree(b"audit"));
    }

    /// A `layout` naming a tree that is not a report tree of the store stops the open, and the
    /// report tree it would have dropped as stale is still there.
    #[test]
    fn a_layout_naming_no_report_tree_is_refused_and_drops_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let store = Store::open(&path).unwrap();
        store
            .tree(TreeId::Reports)
            .insert(b"chunk", b"kept".to_vec())
            .unwrap();
        let db = store.opened().db.clone();
        let (name, _) = store.new_generation().unwrap();
        assert_eq!(current(&db).unwrap(), plain());
        let layout = db.open_tree(LAYOUT).unwrap();
        layout.insert(REPORTS, name.clone()).unwrap();
        assert_eq!(current(&db).unwrap(), name);
        for bad in [&b"audit"[..], b"report_chunks.g9"] {
            layout.insert(REPORTS, bad).unwrap();
            assert!(current(&db).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        store.flush().unwrap();
        drop((layout, db, store));
        assert!(Store::open(&path).is_err());
        let db = sled::open(&path).unwrap();
        assert_eq!(db.open_tree(plain()).unwrap().len(), 1);
    }
}
