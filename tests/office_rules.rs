//! The same rules at both ends of a bundle: what the province would refuse, the office is told
//! before the file travels; what the office may send (its predecessors' records), the province
//! takes.

use crate::common;

use common::TempStore;

/// A province with the sample, and an office store restored from its backup, with office
/// `unit` keyed and registered. Returns (province, office, key file).
fn province_and_office(unit: &str) -> (TempStore, TempStore, String) {
    let p = TempStore::with_sample();
    let file = p.dir.path().join("p.antqbak");
    p.stdout(&["backup", file.to_str().unwrap()]);
    let d = TempStore::new();
    d.stdout(&["restore", file.to_str().unwrap()]);
    d.stdout(&["settings", "set", "--four-eyes", "no"]);
    let key = d
        .dir
        .path()
        .join("office.key")
        .to_str()
        .unwrap()
        .to_string();
    let public = d.stdout(&["office", "keygen", "--unit", unit, "-o", &key]);
    p.stdout(&["office", "add", unit, public.trim()]);
    (p, d, key)
}

fn export_args<'a>(under: &'a str, since: &'a str, out: &'a str, key: &'a str) -> Vec<&'a str> {
    vec![
        "bundle", "export", "--under", under, "--since", since, "-o", out, "--key", key,
    ]
}

#[test]
fn an_office_that_approved_its_own_unit_is_told_before_the_bundle_travels() {
    let (_p, d, key) = province_and_office("31441");
    for step in ["set", "submit", "approve"] {
        let mut args = vec!["report", step, "31441", "2026-11"];
        if step == "set" {
            args.push("tt_buoi=3");
        }
        d.stdout(&args);
    }
    let out = d.dir.path().join("b.antqb");
    let out = out.to_str().unwrap();
    let today = jiff::Zoned::now().date().to_string();
    let o = d
        .antq()
        .args(export_args("31441", &today, out, &key))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: bundle: report 31441 2026-11 was approved here by "),
        "{err}"
    );
    assert!(
        err.contains("but the office's own unit is approved by the level above, which would refuse the whole bundle; reopen it (antq report reopen 31441 2026-11 --reason …), submit it, then export again"),
        "{err}"
    );
    assert!(!std::path::Path::new(out).exists(), "no file is written");
    // Reopened and submitted again, the bundle goes, and the province takes it.
    d.stdout(&[
        "report",
        "reopen",
        "31441",
        "2026-11",
        "--reason",
        "cấp trên duyệt",
    ]);
    d.stdout(&["report", "submit", "31441", "2026-11"]);
    d.stdout(&export_args("31441", &today, out, &key));
}

#[test]
fn the_province_takes_what_the_office_may_send_about_its_predecessors() {
    let (p, d, key) = province_and_office("92");
    // A 2024 report of an old Hậu Giang ward is the history of today's Cần Thơ.
    d.stdout(&["report", "set", "31318", "2024-05", "to_giac=4"]);
    let out = d.dir.path().join("b.antqb");
    let out = out.to_str().unwrap();
    d.stdout(&export_args("92", "2020-01-01", out, &key));
    let got = p.stdout(&["bundle", "import", out]);
    assert!(got.starts_with("Saved. added: 1 · updated: 0 · "), "{got}");
    assert!(p
        .stdout(&["report", "show", "31318", "2024-05"])
        .contains(" 4"));
    assert!(p.stdout(&["check"]).starts_with("Check passed"));
}

#[test]
fn an_office_key_names_the_identity_meant_and_weak_keys_are_refused() {
    let p = TempStore::with_sample();
    // 31441 is today's Vị Thủy; the old Nàng Mau commune held the code until 30/06/2025.
    let key = p.dir.path().join("old.key");
    let o = p
        .antq()
        .args(["office", "keygen", "--unit", "31441@", "-o"])
        .arg(&key)
        .output()
        .unwrap();
    let hint = String::from_utf8_lossy(&o.stderr);
    assert!(hint.contains("antq office add 31441@ "), "{hint}");
    let key = p.dir.path().join("new.key");
    let o = p
        .antq()
        .args(["office", "keygen", "--unit", "31441", "-o"])
        .arg(&key)
        .output()
        .unwrap();
    let hint = String::from_utf8_lossy(&o.stderr);
    assert!(hint.contains("antq office add 31441 "), "{hint}");
    let zeros = "0".repeat(64);
    p.fails_cleanly(
        &["office", "add", "92", &zeros],
        "key: is not an office public key (64 hex digits, as 'antq office keygen' prints it)",
    );
}
