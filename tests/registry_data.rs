//! The shipped registry (`data/registry/`) holds the 2025 reform as it happened: counts, reused
//! codes, splits and pieces, provinces and special zones; and its first half imports today.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::TempStore;

fn file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/registry")
        .join(name)
}

struct Unit {
    name: String,
    kind: String,
    parent: String,
}

fn units(name: &str) -> BTreeMap<String, Unit> {
    let mut r = csv::Reader::from_path(file(name)).unwrap();
    r.records()
        .map(|x| {
            let x = x.unwrap();
            (
                x[0].to_string(),
                Unit {
                    name: x[1].to_string(),
                    kind: x[2].to_string(),
                    parent: x[3].to_string(),
                },
            )
        })
        .collect()
}

/// (successors by old code, predecessors by new code)
type Links = (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<String, BTreeSet<String>>,
);

fn lineage() -> Links {
    let mut r = csv::Reader::from_path(file("lineage-2025-07-01.csv")).unwrap();
    assert_eq!(r.headers().unwrap(), vec!["from", "to", "on"]);
    let (mut succ, mut pred): Links = Default::default();
    for x in r.records() {
        let x = x.unwrap();
        assert_eq!(&x[2], "2025-07-01");
        succ.entry(x[0].to_string())
            .or_default()
            .insert(x[1].to_string());
        pred.entry(x[1].to_string())
            .or_default()
            .insert(x[0].to_string());
    }
    (succ, pred)
}

fn count(u: &BTreeMap<String, Unit>, kinds: &[&str]) -> usize {
    u.values()
        .filter(|x| kinds.contains(&x.kind.as_str()))
        .count()
}

const COMMUNE: &[&str] = &["commune", "ward", "township", "special-zone"];
const DISTRICT: &[&str] = &["district", "urban-district", "town", "city"];

#[test]
fn both_registries_have_the_published_counts() {
    let old = units("units-2025-06-30.csv");
    let new = units("units-2025-07-01.csv");
    assert_eq!(count(&old, &["province", "central-city"]), 63);
    assert_eq!(count(&old, DISTRICT), 696);
    assert_eq!(count(&old, COMMUNE), 10_035);
    assert_eq!(count(&new, &["province", "central-city"]), 34);
    assert_eq!(count(&new, DISTRICT), 0, "the district level is gone");
    assert_eq!(
        (
            count(&new, &["commune"]),
            count(&new, &["ward"]),
            count(&new, &["special-zone"])
        ),
        (2_621, 687, 13)
    );
    // New communes sit directly under their province.
    for (code, u) in new
        .iter()
        .filter(|(_, u)| COMMUNE.contains(&u.kind.as_str()))
    {
        assert!(
            new[&u.parent].parent.is_empty(),
            "{code} is not under a province"
        );
    }
}

#[test]
fn the_reform_reuses_codes_and_splits_communes() {
    let old = units("units-2025-06-30.csv");
    let new = units("units-2025-07-01.csv");
    let (succ, pred) = lineage();
    let new_communes: Vec<&String> = new
        .iter()
        .filter(|(_, u)| COMMUNE.contains(&u.kind.as_str()))
        .map(|(c, _)| c)
        .collect();
    let reused = new_communes
        .iter()
        .filter(|c| pred[**c].contains(**c))
        .count();
    assert_eq!(reused, 3_316);
    let split = old
        .iter()
        .filter(|(c, u)| COMMUNE.contains(&u.kind.as_str()) && succ[*c].len() > 1)
        .count();
    assert_eq!(split, 471);
    let sizes: Vec<usize> = new_communes.iter().map(|c| pred[*c].len()).collect();
    assert_eq!(
        (sizes.iter().min(), sizes.iter().max()),
        (Some(&1), Some(&15))
    );
    // Every old commune continues somewhere; both ends of every link exist.
    for (c, u) in &old {
        if COMMUNE.contains(&u.kind.as_str()) {
            assert!(succ.contains_key(c), "{c} has no successor");
        }
    }
    for (from, tos) in &succ {
        assert!(old.contains_key(from), "{from}");
        assert!(tos.iter().all(|t| new.contains_key(t)), "{tos:?}");
    }
    // 00004: Trúc Bạch before, Ba Đình after.
    assert_eq!(old["00004"].name, "Trúc Bạch");
    assert_eq!(new["00004"].name, "Ba Đình");
    assert!(pred["00004"].contains("00004"));
    // Đại Mỗ (00634) went into five wards; the new Tây Mỗ carries its code.
    assert_eq!(succ["00634"].len(), 5);
    assert_eq!(new["00634"].name, "Tây Mỗ");
    assert_eq!(new["00637"].name, "Đại Mỗ");
    // Phường Yên Sở is made only of pieces of split communes.
    assert!(pred["00340"].iter().all(|p| succ[p].len() > 1));
}

#[test]
fn hau_giang_and_the_provinces_are_as_published() {
    let old = units("units-2025-06-30.csv");
    let new = units("units-2025-07-01.csv");
    let (succ, pred) = lineage();
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    // Xã Hỏa Lựu is 31338, old Tân Tiến's code, made of Hỏa Lựu, Tân Tiến and Hỏa Tiến.
    assert_eq!(
        (new["31338"].name.as_str(), new["31338"].parent.as_str()),
        ("Hỏa Lựu", "92")
    );
    assert_eq!(old["31338"].name, "Tân Tiến");
    assert_eq!(pred["31338"], set(&["31336", "31338", "31339"]));
    // Thuận Hưng (31483) was split between Xà Phiên and Mỹ Hương.
    let names: BTreeSet<&str> = succ["31483"].iter().map(|c| new[c].name.as_str()).collect();
    assert_eq!(names, ["Mỹ Hương", "Xà Phiên"].into_iter().collect());
    // Cần Thơ absorbed Hậu Giang and Sóc Trăng; An Giang took Kiên Giang's code.
    assert_eq!(pred["92"], set(&["92", "93", "94"]));
    assert_eq!(
        (new["91"].name.as_str(), old["91"].name.as_str()),
        ("An Giang", "Kiên Giang")
    );
    assert_eq!(pred["91"], set(&["89", "91"]));
    // Commune-less districts became special zones.
    assert_eq!(new[succ["755"].iter().next().unwrap()].name, "Côn Đảo");
    assert_eq!(new[succ["318"].iter().next().unwrap()].kind, "special-zone");
}

#[test]
fn the_registry_before_the_reform_imports_today() {
    let s = TempStore::new();
    s.stdout(&["init"]);
    let f = file("units-2025-06-30.csv");
    let out = s.stdout(&["import", "units", f.to_str().unwrap()]);
    assert!(out.starts_with("Saved. added: 10794 · updated: 0"), "{out}");
    let list = s.stdout(&["units", "list", "--under", "936"]);
    assert!(
        list.contains("31486") && list.contains("Vĩnh Thuận Đông"),
        "{list}"
    );
    assert!(s.stdout(&["check"]).starts_with("Check passed"));
}
