//! A bulk command packs its audit entries (`store::audit`): a few sled entries instead of one
//! per row, while each record's history, the audit listing and `check` read as before.

use crate::common::TempStore;

/// A store of 600 generated units and a file of 10,602 new reports (589 units × 18 months):
/// enough rows for the import to be a bulk write.
fn bulk_import() -> TempStore {
    static TEMPLATE: std::sync::OnceLock<TempStore> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(imported);
    let s = TempStore::new();
    crate::common::copy_dir(&template.path(), &s.path());
    s
}

fn imported() -> TempStore {
    let s = TempStore::new();
    s.antq().arg("init").assert().success();
    s.stdout(&["gen", "--units", "600", "--reports", "0", "--tasks", "0"]);
    let units: Vec<String> = s
        .stdout(&["units", "list"])
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (code, kind) = (w.next()?, w.next()?);
            ["Residential", "Commune", "Ward", "Township"]
                .contains(&kind)
                .then(|| code.to_string())
        })
        .collect();
    let mut csv = String::from("unit,period,tt_buoi\n");
    for m in 1..=18 {
        let period = format!("{}-{:02}", 2024 + (m - 1) / 12, (m - 1) % 12 + 1);
        for u in &units {
            csv.push_str(&format!("{u},{period},{m}\n"));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.csv");
    std::fs::write(&f, csv).unwrap();
    let out = s.stdout(&["import", "reports", f.to_str().unwrap()]);
    assert!(out.starts_with("Saved. added: 10602 "), "{out}");
    // The first keys, and the count of the rest from the total the server kept.
    let listing = out.lines().nth(1).unwrap_or("");
    assert!(listing.starts_with("  + "), "{out}");
    assert!(listing.ends_with(" … (+10594)"), "{out}");
    s
}

#[test]
fn a_bulk_import_packs_its_audit_entries_and_every_history_reads_the_same() {
    let s = bulk_import();
    {
        let db = sled::open(s.path()).unwrap();
        let audit = db.open_tree("audit").unwrap().len();
        let by_entity = db.open_tree("audit_by_entity").unwrap().len();
        let by_group = db.open_tree("audit_packs_by_entity").unwrap().len();
        assert!(audit < 200, "{audit} audit entries in sled for 10,602 rows");
        assert!(
            by_entity < 200,
            "{by_entity} index entries of single entries"
        );
        assert!(
            by_group < 2_000,
            "{by_group} group index entries for 10,602 rows"
        );
    }
    let history = s.stdout(&["audit", "--entity", "report/G00-00-000/2024-01"]);
    assert!(history.contains("added from a file"), "{history}");
    let newest = s.stdout(&["audit", "--limit", "3"]);
    assert!(newest.contains("report/"), "{newest}");
    assert!(s.stdout(&["check"]).starts_with("Check passed"));
}

/// A group's index entry of a pack that goes missing, or that no longer lists an entry, is
/// found by `check`.
#[test]
fn check_finds_a_packed_entry_without_its_index_entry() {
    // report/G00-00-000/2024-01 is indexed in the group report/G0.
    let group = b"report/G0\x00";
    for drop_one in [false, true] {
        let s = bulk_import();
        let shown = {
            let db = sled::open(s.path()).unwrap();
            let idx = db.open_tree("audit_packs_by_entity").unwrap();
            let (k, v) = idx
                .iter()
                .flatten()
                .find(|(k, _)| k.starts_with(group))
                .unwrap();
            if drop_one {
                let mut part = antq::store::audit::decode_group(&v).unwrap();
                assert_eq!(v[1], 16, "written deflated");
                part.entries.pop();
                idx.insert(&k, antq::store::audit::encode_group(&part))
                    .unwrap();
            } else {
                idx.remove(&k).unwrap();
            }
            db.flush().unwrap();
            format!(
                "audit_packs_by_entity: missing or stale entry {}",
                antq::store::show_key(&k)
            )
        };
        let o = s.antq().arg("check").output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(&shown), "{shown} in {out}");
    }
}
