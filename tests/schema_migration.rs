//! Stores and backups written by the schema-2 antq (one entry per report, a period index
//! beside) open, restore and read the same under schema 3 (reports packed per chunk). The
//! fixtures were made by the antq of commit 11015d5: the sample, 40 generated units and 500
//! generated reports, compacted; its exports of reports and units; and its stream backup.

use crate::common::{self, TempStore};

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("schema2", name)
}

/// A JSON export as a set of records, keyed by what names each: the order of an export
/// follows the stored layout, which is what changed.
fn records(json: &str, key: &[&str]) -> Vec<(String, serde_json::Value)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out: Vec<(String, serde_json::Value)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let k: Vec<String> = key.iter().map(|f| r[f].to_string()).collect();
            (k.join("/"), r.clone())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn same_as_fixture(s: &TempStore) {
    let reports = s.stdout(&["export", "reports", "--format", "json"]);
    let want = std::fs::read_to_string(fixture("reports.json")).unwrap();
    let (got, want) = (
        records(&reports, &["unit", "period"]),
        records(&want, &["unit", "period"]),
    );
    assert_eq!(got.len(), 516);
    assert!(got == want, "the reports differ from schema 2's export");
    let units = s.stdout(&["export", "units", "--format", "json"]);
    let want = std::fs::read_to_string(fixture("units.json")).unwrap();
    assert_eq!(units, want);
}

#[test]
fn a_schema_2_store_opens_migrates_and_reads_the_same() {
    let s = TempStore::new();
    common::copy_dir(&fixture("store"), &s.path());
    assert!(s
        .stdout(&["check"])
        .starts_with("Check passed: 1115 records"));
    same_as_fixture(&s);
    // Migrated once: the old tables are gone, the chunks hold every report.
    let db = sled::open(s.path()).unwrap();
    let names: Vec<String> = db
        .tree_names()
        .iter()
        .map(|n| String::from_utf8_lossy(n).to_string())
        .collect();
    assert!(!names.contains(&"reports".to_string()), "{names:?}");
    common::assert_schema_is_current(&db);
    assert!(db.open_tree("reports_by_period").unwrap().is_empty());
    let chunks = db.open_tree("report_chunks").unwrap().len();
    assert!(
        (1..=200).contains(&chunks),
        "{chunks} chunks for 516 reports"
    );
}

/// A kill while the reports are being packed leaves schema 2 in place; the next open packs
/// them again and loses nothing.
#[test]
fn a_kill_while_migrating_is_finished_by_the_next_open() {
    let s = TempStore::new();
    common::copy_dir(&fixture("store"), &s.path());
    let o = s
        .antq()
        .env("ANTQ_KILL_AT", "migrate.packed")
        .arg("check")
        .output()
        .unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(o.status.signal(), Some(9), "{o:?}");
    assert!(s
        .stdout(&["check"])
        .starts_with("Check passed: 1115 records"));
    same_as_fixture(&s);
}

#[test]
fn a_schema_2_backup_restores_into_chunks() {
    let s = TempStore::new();
    let out = s.stdout(&["restore", fixture("stream.backup").to_str().unwrap()]);
    assert!(out.ends_with("check: no problems\n"), "{out}");
    assert!(s
        .stdout(&["check"])
        .starts_with("Check passed: 1115 records"));
    same_as_fixture(&s);
}

/// Listing the reports of an area reads each unit's periods for a small area and every chunk
/// once for a large one (over 2,000 units): both give every report of the area, once.
#[test]
fn an_areas_reports_are_listed_whole_whatever_its_size() {
    let s = TempStore::new();
    s.antq().arg("init").assert().success();
    s.stdout(&[
        "gen",
        "--units",
        "2100",
        "--reports",
        "4000",
        "--tasks",
        "1",
    ]);
    let keys = |json: &str| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut k: Vec<(String, String)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["unit"].to_string(), r["period"].to_string()))
            .collect();
        k.sort();
        k
    };
    let all = keys(&s.stdout(&["export", "reports", "--format", "json"]));
    assert_eq!(all.len(), 4000);
    assert_eq!(keys(&s.stdout(&["report", "list", "--json"])), all);
    let small = keys(&s.stdout(&["report", "list", "--under", "G00-00", "--json"]));
    assert!(!small.is_empty() && small.len() < all.len());
    assert!(small.iter().all(|k| all.binary_search(k).is_ok()));
}
