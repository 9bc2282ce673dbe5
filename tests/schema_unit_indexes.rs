//! Stores and backups written by the schema-4 antq, which kept a children index and a name
//! index beside the units, open, restore and read the same under schema 5 (the unit cache
//! lists children; nothing read the name index). The fixtures were made by the antq of commit
//! f7ab0a4 (see `tests/fixtures/schema4/README`): the sample, three units added, one edited.

use crate::common::{self, TempStore};

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("schema4", name)
}

fn expected(name: &str) -> String {
    common::fixture_text("schema4", name)
}

/// What `antq` prints and its exit code, as the fixture's files hold them.
fn said(s: &TempStore, args: &[&str]) -> String {
    let o = s.antq().args(args).output().unwrap();
    let mut out = String::from_utf8_lossy(&o.stdout).to_string();
    out.push_str(&String::from_utf8_lossy(&o.stderr));
    if !o.status.success() {
        out.push_str(&format!("rc {}\n", o.status.code().unwrap_or(-1)));
    }
    out
}

/// What the schema-4 binary showed, the same refusals from the children it found, and its
/// two retired indexes emptied with schema 5 recorded. The refusals change nothing.
fn same_as_fixture(s: &TempStore) {
    assert_eq!(s.stdout(&["units", "list"]), expected("units_list.txt"));
    assert_eq!(
        s.stdout(&["units", "show", "31338", "--on", "2026-01-01"]),
        expected("show_31338.txt")
    );
    let before = s.service().store().digest().unwrap();
    assert_eq!(
        said(s, &["units", "delete", "31400"]),
        expected("delete_31400.txt")
    );
    let kind = said(s, &["units", "edit", "31400", "--kind", "khu dân cư"]);
    assert_eq!(kind, expected("kind_31400.txt"));
    assert_eq!(s.service().store().digest().unwrap(), before);
    let records = |check: &str| check.split(',').next().unwrap_or("").to_string();
    let check = s.stdout(&["check"]);
    assert_eq!(records(&check), records(&expected("check.txt")), "{check}");
    assert!(check.starts_with("Check passed: 576 records"), "{check}");
    let db = sled::open(s.path()).unwrap();
    for retired in ["units_by_parent", "unit_names"] {
        assert_eq!(db.open_tree(retired).unwrap().len(), 0, "{retired}");
    }
    assert!(common::grouped_entries(&db, "unit_code_groups").len() >= 123);
    common::assert_schema_is_current(&db);
}

#[test]
fn a_schema_4_store_drops_its_unit_indexes_on_opening() {
    let s = TempStore::new();
    common::copy_dir(&fixture("store"), &s.path());
    let db = sled::open(s.path()).unwrap();
    assert!(db.open_tree("units_by_parent").unwrap().len() >= 123);
    drop(db);
    same_as_fixture(&s);
}

#[test]
fn a_schema_4_backup_restores_without_its_unit_indexes() {
    same_as_fixture(&common::restored_fixture("schema4"));
}
