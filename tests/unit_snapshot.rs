//! The unit tree kept as one entry (`store::unit_snapshot`): made by the first command that
//! needs the tree, replaced after any unit change, never carried by a backup, and checked.

use crate::common::TempStore;

/// The store's sled, opened once per look: a handle this process has just dropped may hold
/// sled's lock a moment longer, so a look never opens it twice in a row.
fn sled_of(s: &TempStore) -> sled::Db {
    sled::open(s.path()).unwrap()
}

fn kept(db: &sled::Db) -> Option<(u64, Vec<u8>)> {
    let v = db
        .open_tree("unit_snapshot")
        .unwrap()
        .get("tree")
        .unwrap()?;
    let version = u64::from_be_bytes(v[..8].try_into().unwrap());
    Some((version, v[8..].to_vec()))
}

fn units_version(db: &sled::Db) -> u64 {
    let meta = db.open_tree("meta").unwrap();
    meta.get("units_version")
        .unwrap()
        .map_or(0, |v| u64::from_be_bytes(v.as_ref().try_into().unwrap()))
}

#[test]
fn the_kept_tree_follows_every_unit_change() {
    let s = TempStore::with_sample();
    s.stdout(&["units", "list"]);
    let db = sled_of(&s);
    let (made_at, _) = kept(&db).expect("kept by the first listing");
    assert_eq!(made_at, units_version(&db));
    drop(db);
    s.stdout(&["units", "edit", "31321", "--name", "Vị Thanh Mới"]);
    assert!(
        units_version(&sled_of(&s)) > made_at,
        "a unit change raises the version"
    );
    // The tree kept before the change is not used: the listing shows the new name.
    let list = s.stdout(&["units", "list"]);
    assert!(list.contains("Vị Thanh Mới"), "{list}");
    let db = sled_of(&s);
    assert_eq!(kept(&db).unwrap().0, units_version(&db));
    drop(db);
    assert!(s.stdout(&["check"]).starts_with("Check passed"));
}

/// A kept tree that is not the units' own (a forged raw backup, a bug) is found by `check`,
/// whatever it says; a report of it changes nothing.
#[test]
fn check_finds_a_kept_tree_that_is_not_the_units_own() {
    let s = TempStore::with_sample();
    s.stdout(&["units", "list"]);
    let db = sled_of(&s);
    let (version, mut bytes) = kept(&db).unwrap();
    let name = "Vị Thanh".as_bytes();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("the name is in the kept tree");
    bytes[at + name.len() - 1] = b'X';
    {
        let mut v = version.to_be_bytes().to_vec();
        v.extend_from_slice(&bytes);
        db.open_tree("unit_snapshot")
            .unwrap()
            .insert("tree", v)
            .unwrap();
        db.flush().unwrap();
    }
    drop(db);
    let o = s.antq().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains(
        "unit_snapshot: the kept unit tree is not the units' own; run any command that changes a unit, or restore from a backup"
    ));
}

/// A backup carries the units, not the kept tree: the restored store makes its own.
#[test]
fn a_backup_does_not_carry_the_kept_tree() {
    let s = TempStore::with_sample();
    s.stdout(&["units", "list"]);
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.antq");
    s.stdout(&["backup", b.to_str().unwrap()]);
    let bytes = std::fs::read(&b).unwrap();
    assert!(!bytes.windows(13).any(|w| w == b"unit_snapshot"));
    let t = TempStore::new();
    t.stdout(&["restore", b.to_str().unwrap()]);
    // The restore, a bulk write, made its own from the units it restored.
    let db = sled_of(&t);
    assert!(kept(&db).is_some_and(|(v, _)| v == units_version(&db)));
    drop(db);
    assert_eq!(t.stdout(&["units", "list"]), s.stdout(&["units", "list"]));
}

/// A bulk write keeps the new tree before it ends, so the next open reads one entry.
#[test]
fn a_bulk_write_keeps_the_tree_before_it_ends() {
    let s = TempStore::new();
    s.antq().arg("init").assert().success();
    s.stdout(&["gen", "--units", "50", "--reports", "100", "--tasks", "5"]);
    let db = sled_of(&s);
    let (made_at, _) = kept(&db).expect("kept by the bulk write");
    assert_eq!(made_at, units_version(&db));
    assert!(made_at > 0);
}

/// A restore keeps the tree its check built, before it returns: a restore through the
/// service (as `antq serve` runs it, with no command around it to settle the store) leaves
/// the next open one entry to read, and that entry is the restored units' own tree.
#[test]
fn a_restore_keeps_the_tree_its_check_built() {
    let s = TempStore::with_sample();
    let (_, bytes) =
        antq::service::api::read_backup(&s.service(), &crate::common::actor()).unwrap();
    let t = TempStore::new();
    let svc = t.service();
    let c = svc.restore(&crate::common::actor(), &bytes).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let store = svc.store();
    let version = store.units_version().unwrap();
    assert!(store.unit_snapshot(version).unwrap().is_some());
    drop(svc);
    assert!(t.stdout(&["check"]).starts_with("Check passed"));
    assert_eq!(t.stdout(&["units", "list"]), s.stdout(&["units", "list"]));
}
