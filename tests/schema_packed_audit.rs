//! Stores and backups written by the schema-3 antq, whose bulk writes packed their audit
//! entries but indexed each entry on its own, open, restore and read the same under schema 4
//! (a pack's entries indexed by group). The fixtures were made by the antq of commit 77fe0d1
//! (see `tests/fixtures/schema3/README`): a bulk import of 3,534 reports, then one save.

use crate::common::{self, TempStore};

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("schema3", name)
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// What the schema-3 binary showed: each record's history, the newest audit entries, and
/// the number of records `check` reads; and the index is now one entry per group and pack.
fn same_as_fixture(s: &TempStore) {
    let history = |entity: &str| s.stdout(&["audit", "--entity", entity]);
    assert_eq!(
        history("report/G00-00-000/2024-01"),
        expected("history_G00-00-000_2024-01.txt")
    );
    assert_eq!(
        history("report/G00-04-005-8/2024-06"),
        expected("history_other.txt")
    );
    assert_eq!(
        s.stdout(&["audit", "--limit", "40"]),
        expected("audit_newest.txt")
    );
    let check = s.stdout(&["check"]);
    let before = expected("check.txt");
    assert!(before.starts_with("Check passed: 7694 records"), "{before}");
    assert!(check.starts_with("Check passed: 7694 records"), "{check}");
    let db = sled::open(s.path()).unwrap();
    let own = db.open_tree("audit_by_entity").unwrap().len();
    let packed = db.open_tree("audit_packs_by_entity").unwrap().len();
    assert!(own < 50, "{own} index entries of single audit entries");
    assert!((1..=200).contains(&packed), "{packed} group index entries");
    common::assert_schema_is_current(&db);
}

#[test]
fn a_schema_3_store_moves_its_pack_index_on_opening() {
    let s = TempStore::new();
    common::copy_dir(&fixture("store"), &s.path());
    same_as_fixture(&s);
}

/// A kill between two batches of the move leaves schema 3 recorded; the next open moves the
/// rest, and the batches already moved are moved again harmlessly.
#[test]
fn a_kill_while_moving_the_pack_index_is_finished_by_the_next_open() {
    let s = TempStore::new();
    common::copy_dir(&fixture("store"), &s.path());
    let o = s
        .antq()
        .env("ANTQ_KILL_AT", "migrate.audit")
        .arg("check")
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(o.status.signal(), Some(9), "{o:?}");
    same_as_fixture(&s);
}

#[test]
fn a_schema_3_backup_restores_with_its_pack_index_moved() {
    let s = TempStore::new();
    let out = s.stdout(&["restore", fixture("stream.backup").to_str().unwrap()]);
    assert!(out.ends_with("check: no problems\n"), "{out}");
    same_as_fixture(&s);
}
