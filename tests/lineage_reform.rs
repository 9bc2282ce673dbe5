//! A small reform made by hand, with a split, a merge across districts, a reused code and a
//! district that became a special zone: identities, dated names, honest roll-ups at commune,
//! province and national level, and hostile files refused whole.

use crate::common;

use common::TempStore;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reform");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn write(s: &TempStore, name: &str, text: &str) -> String {
    let p = s.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// Old units, then the reform's new ones and the old ones' last day, with no links yet.
fn staged() -> TempStore {
    let s = TempStore::new();
    s.stdout(&["init"]);
    s.stdout(&["import", "units", &fixture("before.csv")]);
    s.stdout(&["import", "units", &fixture("reform-units.csv")]);
    s
}

fn reformed() -> TempStore {
    let s = staged();
    s.stdout(&["import", "lineage", &fixture("lineage.csv")]);
    // A year's tips: C1 was split, C2 and C3 merged, C4 reused its code; N1 is new.
    for (unit, v) in [("C1", 10), ("C2", 5), ("C3", 3), ("C4@", 1), ("N1", 100)] {
        s.stdout(&["report", "set", unit, "2025", &format!("to_giac={v}")]);
        s.stdout(&["report", "submit", unit, "2025"]);
    }
    s
}

/// `code → to_giac` from the summary's CSV.
fn tips(s: &TempStore, args: &[&str]) -> Vec<(String, u64)> {
    let mut a = vec!["summary", "--format", "csv"];
    a.extend_from_slice(args);
    let csv = s.stdout(&a);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let ti = header.iter().position(|h| *h == "to_giac").unwrap();
    lines
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_string(), c[ti].parse().unwrap())
        })
        .collect()
}

#[test]
fn a_code_names_the_unit_that_held_it_that_day() {
    let s = reformed();
    let old = s.stdout(&["units", "show", "C4", "--on", "2024-06-01"]);
    assert!(old.starts_with("Commune Xã D (C4)\n"), "{old}");
    assert!(old.contains("Path (01/06/2024): Province Hai › District Huyện Ba › Commune Xã D"));
    assert!(old.contains("Continued into (1):\n  01/07/2025  C4 Commune Xã D Mới\n"));
    let new = s.stdout(&["units", "show", "C4"]);
    assert!(new.starts_with("Commune Xã D Mới (C4)\n"), "{new}");
    assert!(new.contains(
        "Formed from (2):\n  01/07/2025  C1 Commune Xã A (part)\n  01/07/2025  C4 Commune Xã D\n"
    ));
    let split = s.stdout(&["units", "show", "C1", "--on", "2025-01-01"]);
    assert!(split.contains(
        "Continued into (2):\n  01/07/2025  N1 Commune Xã Mới (part)\n  01/07/2025  C4 Commune Xã D Mới (part)\n"
    ));
    // The district with no communes became a special zone; the province kept its code.
    assert!(s
        .stdout(&["units", "show", "Z1"])
        .contains("01/07/2025  D4 District Huyện Đảo"));
    let p = s.stdout(&["units", "show", "P1"]);
    assert!(p.starts_with("Province Một Hai (P1)\n") && p.contains("Formed from (2):"));
    s.fails_cleanly(
        &["units", "show", "N1", "--on", "2024-12-31"],
        "unit N1: no unit held this code on 31/12/2024; it belonged to Commune Xã Mới (01/07/2025–…); use a day in that time, or the code the unit had on 31/12/2024",
    );
    // Lists as they stood.
    let list = s.stdout(&["units", "list", "--on", "2024-12-31", "--under", "P1"]);
    assert!(
        list.contains("C3") && !list.contains("N1") && list.ends_with("6 units\n"),
        "{list}"
    );
    let list = s.stdout(&["units", "list", "--on", "2025-12-31"]);
    assert!(list.ends_with("4 units\n"), "{list}");
    s.antq().arg("check").assert().success();
}

#[test]
fn roll_ups_count_each_report_once_across_the_change() {
    let s = reformed();
    // Commune level: N1's own year report speaks for its whole area, so the merged C2 and C3
    // (5 and 3, their part of the year) are listed, not added again; C1's split share is shown
    // beside N1 and C4, and counted in neither.
    let y = tips(&s, &["--period", "2025", "--under", "P1"]);
    assert_eq!(
        y,
        [
            ("P1".to_string(), 111),
            ("C4".to_string(), 1),
            ("N1".to_string(), 100),
            ("Z1".to_string(), 0),
        ]
    );
    // Province and national level: the split commune counts once, 100+1+10.
    let national = tips(&s, &["--period", "2025"]);
    assert_eq!(national[0], ("P1".to_string(), 111));
    let text = s.stdout(&["summary", "--period", "2025", "--under", "N1"]);
    assert!(
        text.contains("Xã Mới (+C2 C3)") && text.contains("(part of C1 Xã A)"),
        "{text}"
    );
    // Expected: the units that exist on the period's last day.
    let c = s.stdout(&["report", "completeness", "--period", "2025"]);
    assert!(c.starts_with("Period 2025: submitted 1/3,"), "{c}");
    let c = s.stdout(&["report", "completeness", "--period", "2024"]);
    assert!(c.starts_with("Period 2024: submitted 0/4,"), "{c}");
    // History is not rewritten: 2024 has both old provinces, under their old names.
    let old = s.stdout(&["summary", "--period", "2024"]);
    assert!(
        old.contains("\nP1      Một ") && old.contains("\nP2      Hai "),
        "{old}"
    );
    assert!(!old.contains("Một Hai"));
    // Under a unit as of the period: D1 in 2024, and nothing of it in 2025.
    assert_eq!(tips(&s, &["--period", "2024", "--under", "D1"]).len(), 3);
    s.fails_cleanly(
        &["summary", "--period", "2025", "--under", "D1"],
        "unit D1 Huyện Một: did not exist on 31/12/2025, the last day of 2025; choose a period it lived through",
    );
}

#[test]
fn exports_of_units_and_links_load_into_a_new_store_unchanged() {
    let s = reformed();
    let units = write(&s, "u.csv", &s.stdout(&["export", "units"]));
    let links = write(&s, "l.csv", &s.stdout(&["export", "lineage"]));
    let t = TempStore::new();
    t.stdout(&["init"]);
    t.stdout(&["import", "units", &units]);
    t.stdout(&["import", "lineage", &links]);
    for what in ["units", "lineage"] {
        assert_eq!(
            t.stdout(&["export", what]),
            s.stdout(&["export", what]),
            "{what}"
        );
    }
    assert!(t
        .stdout(&["import", "lineage", &links])
        .contains("unchanged: 11"));
    t.antq().arg("check").assert().success();
}

#[test]
fn hostile_lineage_files_are_refused_whole_with_their_lines() {
    let s = staged();
    let file = |name: &str, body: &str| write(&s, name, &format!("from,to,on\n{body}"));
    let refused = |name: &str, body: &str, msg: &str| {
        let f = file(name, body);
        s.fails_cleanly(&["import", "lineage", &f], &format!("{f}: {msg}"));
    };
    refused(
        "levels.csv",
        "C2,N1,2025-07-01\nD1,N1,2025-07-01\n",
        "1 problem(s); nothing was imported. Fix them and import again:\n  line 3, column 'from': unit D1: a District cannot continue into Commune N1: the levels differ",
    );
    refused(
        "cycle.csv",
        "C1,N1,2025-07-01\nN1,C1,2025-07-01\n",
        "2 problem(s); nothing was imported. Fix them and import again:\n  line 3, column 'from': unit N1: no unit held this code on 30/06/2025; it belonged to Commune Xã Mới (01/07/2025–…); use a day in that time, or the code the unit had on 30/06/2025\n  line 3, column 'to': unit C1: no unit held this code on 01/07/2025; it belonged to Commune Xã A (…–30/06/2025); use a day in that time, or the code the unit had on 01/07/2025",
    );
    refused(
        "early.csv",
        "C2,N1,2025-06-01\n",
        "1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'to': unit N1: no unit held this code on 01/06/2025; it belonged to Commune Xã Mới (01/07/2025–…); use a day in that time, or the code the unit had on 01/06/2025",
    );
    refused(
        "rows.csv",
        "C2,N1,2025-07-01\nC2,N1,2025-07-01\nXX,N1,2025-07-01\nC3,N1,31/02/2025\n",
        "3 problem(s); nothing was imported. Fix them and import again:\n  line 3, column 'from': C2 → N1 appears again (first on line 2); keep one row per record\n  line 4, column 'from': unit XX: not found (find codes with: antq units list --search NAME)\n  line 5, column 'on': 31/02/2025 does not exist in the calendar",
    );
    refused(
        "itself.csv",
        "C2,C2,2024-07-01\n",
        "1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'to': C2 is the same unit on both days; a unit that only changes its name or parent is changed with: antq units edit C2 --from DATE",
    );
    // The same links whole still go in, with --dry-run first.
    let out = s.stdout(&["import", "lineage", &fixture("lineage.csv"), "--dry-run"]);
    assert!(out.starts_with("Checked; nothing written."), "{out}");
}

#[test]
fn unit_files_cannot_strand_children_or_drop_reports() {
    let s = TempStore::new();
    s.stdout(&["init"]);
    s.stdout(&["import", "units", &fixture("before.csv")]);
    // A province cannot end while its districts go on.
    let f = write(&s, "p.csv", "code,valid_to\nP1,2025-06-30\n");
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 2 problem(s); nothing was imported. Fix them and import again:\n  unit D1: sits under P1 from … to …, but P1 exists only from … to 30/06/2025; end it, move it or link it to a successor first\n  unit D2: sits under P1 from … to …, but P1 exists only from … to 30/06/2025; end it, move it or link it to a successor first"),
    );
    // A backdated last day would drop an approved report from every summary.
    s.stdout(&["report", "set", "C1", "2025-03", "to_giac=1"]);
    s.stdout(&["report", "submit", "C1", "2025-03"]);
    s.stdout(&["settings", "set", "--four-eyes", "no"]);
    s.stdout(&["report", "approve", "C1", "2025-03"]);
    let f = write(&s, "c.csv", "code,valid_to\nC1,2025-02-28\n");
    s.fails_cleanly(
        &["import", "units", &f],
        &format!("{f}: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'code': unit C1: has a report for 2025-03 (Approved) outside its new dates (… to 28/02/2025); keep the dates or move the report first"),
    );
    // A row with a first day names the unit holding the code that day: C2 gets its start.
    let f = write(
        &s,
        "start.csv",
        "code,name,kind,parent,valid_from\nC2,Xã B,commune,D1,2020-01-01\n",
    );
    s.stdout(&["import", "units", &f]);
    assert!(s
        .stdout(&["units", "show", "C2"])
        .contains("Existed: 01/01/2020 – …"));
}

#[test]
fn check_finds_a_one_sided_link_in_a_forged_store() {
    let s = reformed();
    {
        let svc = s.service();
        let mut u = antq::service::Service::unit(&svc, &common::actor(), "N1").unwrap();
        let old = u.clone();
        u.predecessors.retain(|l| l.unit != "C2");
        let mut ws = antq::store::WriteSet::new();
        ws.put(Some(&old), &u).unwrap();
        svc.store().commit(ws).unwrap();
    }
    let o = s.antq().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "units/C2: continues into N1, but N1 does not list it as a predecessor\n"
    );
}

#[test]
fn merges_typed_on_the_command_line_follow_the_same_rules() {
    let s = TempStore::new();
    s.stdout(&["init"]);
    s.stdout(&["import", "units", &fixture("before.csv")]);
    // A province cannot merge while its districts go on.
    s.fails_cleanly(
        &["units", "merge", "P2", "--into", "P1", "--on", "2025-07-01"],
        "unit D3: sits under P2 from … to …, but P2 exists only from … to 30/06/2025; end it, move it or link it to a successor first",
    );
    // A commune-less district may become a special zone.
    s.stdout(&[
        "units",
        "add",
        "--code",
        "Z1",
        "--name",
        "Đảo",
        "--kind",
        "đặc khu",
        "--parent",
        "P2",
        "--from",
        "2025-07-01",
    ]);
    let out = s.stdout(&["units", "merge", "D4", "--into", "Z1", "--on", "2025-07-01"]);
    assert_eq!(out, "Merged D4 into Z1 (Đảo) from 01/07/2025.\n");
    // A district with communes cannot: they would be left under a unit that ended.
    s.fails_cleanly(
        &["units", "merge", "D1", "--into", "Z1", "--on", "2025-07-01"],
        "unit C1: sits under D1 from … to …, but D1 exists only from … to 30/06/2025; end it, move it or link it to a successor first",
    );
    // Nor can a district continue into a plain commune.
    s.stdout(&[
        "units",
        "add",
        "--code",
        "N9",
        "--name",
        "Mới",
        "--kind",
        "xã",
        "--parent",
        "P1",
        "--from",
        "2025-07-01",
    ]);
    s.fails_cleanly(
        &["units", "merge", "D2", "--into", "N9", "--on", "2025-07-01"],
        "into: District D2 and Commune N9 are at different levels",
    );
    s.antq().arg("check").assert().success();
}

#[test]
fn check_finds_a_report_outside_its_units_life_in_a_forged_store() {
    use antq::domain::period::{Period, PeriodKind};
    let s = reformed();
    {
        let svc = s.service();
        let year = |y| Period::new(y, PeriodKind::Year, 1).unwrap();
        let a = common::actor();
        let mut r = antq::service::Service::report(&svc, &a, "C1", year(2025))
            .unwrap()
            .unwrap();
        // C1 ended with the reform; a report of 2026 never went through the service's rules.
        r.period = year(2026);
        let mut ws = antq::store::WriteSet::new();
        ws.put(None, &r).unwrap();
        svc.store().commit(ws).unwrap();
    }
    let o = s.antq().arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "reports/C1/2026: its unit did not exist during the period\n"
    );
}
