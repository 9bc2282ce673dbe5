//! Stores and backups written by the schema-3 antq, whose bulk writes packed their audit
//! entries but indexed each entry on its own, open, restore and read the same under schema 4
//! (a pack's entries indexed by group). The fixtures were made by the antq of commit 77fe0d1
//! (see `tests/fixtures/schema3/README`): a bulk import of 3,534 reports, then one save.

use crate::common::{self, TempStore};

const DIR: &str = "schema3";

/// What the schema-3 binary showed: each record's history, the newest audit entries, and
/// the number of records `check` reads; and the index is now one entry per group and pack.
fn same_as_fixture(s: &TempStore) {
    common::assert_audit_as_fixture(
        s,
        DIR,
        &[
            (
                "report/G00-00-000/2024-01",
                "history_G00-00-000_2024-01.txt",
            ),
            ("report/G00-04-005-8/2024-06", "history_other.txt"),
        ],
    );
    let check = s.stdout(&["check"]);
    let before = common::fixture_text(DIR, "check.txt");
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
    same_as_fixture(&common::copied_fixture(DIR));
}

/// A kill between two batches of the move leaves schema 3 recorded; the next open moves the
/// rest, and the batches already moved are moved again harmlessly.
#[test]
fn a_kill_while_moving_the_pack_index_is_finished_by_the_next_open() {
    let s = common::copied_fixture(DIR);
    common::killed_while_opening(&s, "migrate.audit");
    same_as_fixture(&s);
}

#[test]
fn a_schema_3_backup_restores_with_its_pack_index_moved() {
    same_as_fixture(&common::restored_fixture(DIR));
}
