//! Stores and backups written by the schema-6 antq, which kept one sled entry per unit and
//! per code index entry, open, restore and read the same under schema 7, which keeps them in
//! groups (`store::grouped`). The fixtures were made by the antq of commit 43555f6 (see
//! `tests/fixtures/schema6/README`): the Hậu Giang sample, then one dated edit of 31338.

use crate::common::{self, actor, TempStore};
use antq::service::api::{Service, UnitPatch};

const DIR: &str = "schema6";

fn expected(name: &str) -> String {
    common::fixture_text(DIR, name)
}

/// What the schema-6 binary showed; the units and codes now in groups, none left behind.
fn same_as_fixture(s: &TempStore) {
    assert_eq!(s.stdout(&["check"]), expected("check.txt"));
    assert_eq!(s.stdout(&["export", "units"]), expected("units.csv"));
    for on in ["2025", "2026"] {
        let day = format!("{on}-{}", if on == "2025" { "01-01" } else { "06-01" });
        assert_eq!(
            s.stdout(&["units", "show", "31338", "--on", &day]),
            expected(&format!("show_31338_{on}.txt"))
        );
    }
    let records = s
        .service()
        .store()
        .entries(antq::store::TreeId::Units)
        .len();
    let db = sled::open(s.path()).unwrap();
    let units = common::grouped_entries(&db, "unit_groups");
    let codes = common::grouped_entries(&db, "unit_code_groups");
    assert_eq!(units.len(), records);
    assert!(units.len() >= 120, "{}", units.len());
    assert_eq!(codes.len(), units.len(), "one code entry per unit");
    let groups = db.open_tree("unit_groups").unwrap().len();
    assert!(
        groups < units.len() / 2,
        "{groups} groups for {} units",
        units.len()
    );
    common::assert_schema_is_current(&db);
}

#[test]
fn a_schema_6_store_opens_with_its_units_in_groups() {
    same_as_fixture(&common::copied_fixture(DIR));
}

/// A kill after the units are grouped, before schema 7 is recorded, leaves schema 6 in
/// place; the next open groups them again and loses nothing.
#[test]
fn a_kill_while_grouping_is_finished_by_the_next_open() {
    let s = common::copied_fixture(DIR);
    common::killed_while_opening(&s, "migrate.grouped");
    same_as_fixture(&s);
}

#[test]
fn a_schema_6_backup_restores_into_groups() {
    same_as_fixture(&common::restored_fixture(DIR));
}

/// A schema-7 backup carries the groups as they are, and restores to the same store.
#[test]
fn a_backup_of_groups_restores_to_the_same_records() {
    let s = TempStore::with_sample();
    let file = s.path().with_extension("backup");
    s.stdout(&["backup", file.to_str().unwrap()]);
    let t = TempStore::new();
    let out = t.stdout(&["restore", file.to_str().unwrap()]);
    assert!(out.ends_with("check: no problems\n"), "{out}");
    assert_eq!(
        t.stdout(&["export", "units"]),
        s.stdout(&["export", "units"])
    );
    assert_eq!(
        t.service().store().digest().unwrap(),
        s.service().store().digest().unwrap()
    );
}

/// A group that cannot be read is named by `check`, with the reason, and nothing else is
/// called damaged because of it; a unit read from it says which record cannot be read.
#[test]
fn check_names_a_damaged_group() {
    let s = TempStore::with_sample();
    {
        let db = sled::open(s.path()).unwrap();
        let t = db.open_tree("unit_groups").unwrap();
        let (g, bytes) = t
            .iter()
            .map(|kv| kv.unwrap())
            .find(|(g, _)| g.as_ref() == b"3133")
            .unwrap();
        let mut cut = bytes.to_vec();
        cut.truncate(cut.len() - 3);
        t.insert(g, cut).unwrap();
        db.flush().unwrap();
    }
    let o = s.antq().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("unit_groups/3133: payload: an entry of "),
        "{out}"
    );
    assert!(out.contains("runs past the group's end"), "{out}");
    let o = s.antq().args(["units", "show", "31333"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unit_groups/3133"), "{err}");
}

/// Saves to two units of one group, from two threads at once, both land: each reads, merges
/// and writes the group in one transaction.
#[test]
fn saves_to_units_of_one_group_from_two_threads_both_land() {
    let s = TempStore::with_sample();
    let svc = s.service();
    let a = actor();
    let codes: Vec<String> = svc
        .store()
        .entries(antq::store::TreeId::Units)
        .keys_with_prefix(b"3133")
        .map(|k| String::from_utf8(k.unwrap().to_vec()).unwrap())
        .filter(|c| !c.contains('@'))
        .collect();
    assert!(codes.len() >= 2, "{codes:?}");
    std::thread::scope(|scope| {
        for code in &codes[..2] {
            let (svc, a) = (&svc, &a);
            scope.spawn(move || {
                for i in 0..20 {
                    let patch = UnitPatch {
                        notes: Some(format!("{code} lần {i}")),
                        ..Default::default()
                    };
                    svc.edit_unit(a, code, patch).unwrap();
                }
            });
        }
    });
    for code in &codes[..2] {
        assert_eq!(svc.unit(&a, code).unwrap().notes, format!("{code} lần 19"));
    }
    let check = svc.check(&a).unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}
