//! Stores and backups written by the schema-5 antq, which kept each group's index entry of
//! audit packs as plain bytes, open, restore and read the same under schema 6 (new entries
//! deflated, old ones left as they are). The fixtures were made by the antq of commit 2ab89f9
//! (see `tests/fixtures/schema5/README`): a bulk import of 3,534 reports, then one save.

use crate::common::{self, TempStore};

const DIR: &str = "schema5";

fn expected(name: &str) -> String {
    common::fixture_text(DIR, name)
}

/// The tags (the codec's second byte) of the group index entries, in key order.
fn group_index_tags(s: &TempStore) -> Vec<u8> {
    let db = sled::open(s.path()).unwrap();
    let idx = db.open_tree("audit_packs_by_entity").unwrap();
    idx.iter().values().map(|v| v.unwrap()[1]).collect()
}

/// What the schema-5 binary showed: each record's history, the newest audit entries, and
/// the number of records `check` reads.
fn same_as_fixture(s: &TempStore) {
    common::assert_audit_as_fixture(
        s,
        DIR,
        &[
            (
                "report/G00-00-000/2024-01",
                "history_G00-00-000_2024-01.txt",
            ),
            ("report/G00-09-004-7/2024-06", "history_other.txt"),
        ],
    );
    let check = s.stdout(&["check"]);
    assert_eq!(check, expected("check.txt"));
    assert!(check.starts_with("Check passed: 7694 records"), "{check}");
    common::assert_schema_is_current(&sled::open(s.path()).unwrap());
}

/// The store opens as schema 6 and reads as it did; its plain index entries stay plain (and
/// pass `check`), and the next import's are deflated, so a record's history reads both.
#[test]
fn a_schema_5_store_reads_its_plain_group_index_and_deflates_new_entries() {
    let s = TempStore::new();
    common::copy_dir(&common::fixture(DIR, "store"), &s.path());
    same_as_fixture(&s);
    assert_eq!(
        group_index_tags(&s),
        vec![14, 14, 14],
        "plain entries stay plain"
    );
    // The import the fixture was made with (big enough to be packed), each figure raised by
    // 6, but for the unit with a report saved since.
    let mut csv = String::from("unit,period,tt_buoi\n");
    for line in s.stdout(&["export", "units"]).lines().skip(1) {
        let (code, level) = (
            line.split(',').next().unwrap(),
            line.rsplit(',').next().unwrap(),
        );
        if !["1", "2"].contains(&level) && code != "G00-00-000" {
            for month in 1..=6 {
                csv.push_str(&format!("{code},2024-{month:02},{}\n", month + 6));
            }
        }
    }
    let again = s.dir.path().join("again.csv");
    std::fs::write(&again, csv).unwrap();
    let out = s.stdout(&["import", "reports", again.to_str().unwrap()]);
    assert!(out.starts_with("Saved. added: 0 · updated: 3528"), "{out}");
    let tags = group_index_tags(&s);
    assert_eq!(tags.iter().filter(|&&t| t == 14).count(), 3, "{tags:?}");
    assert!(tags.iter().filter(|&&t| t == 16).count() >= 1, "{tags:?}");
    let history = s.stdout(&["audit", "--entity", "report/G00-09-004-7/2024-01"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 3, "{history}");
    assert!(lines[1].contains("updated from a file"), "{history}");
    assert!(lines[2].contains("added from a file"), "{history}");
    let check = s.stdout(&["check"]);
    assert!(check.starts_with("Check passed: 11222 records"), "{check}");
}

#[test]
fn a_schema_5_backup_restores_and_reads_the_same() {
    same_as_fixture(&common::restored_fixture(DIR));
}
