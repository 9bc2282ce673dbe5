//! Offline bundles between a district's store and the province's, and backups with restores.

use crate::common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use antq::domain::period::Period;
use antq::service::*;
use antq::store::TreeId;
use common::{actor, at, TempStore};
use jiff::civil::Date;

/// A store whose clock the test moves.
struct Office {
    _dir: TempStore,
    svc: LocalService,
    now: Arc<AtomicI64>,
}

impl Office {
    fn empty(t: i64) -> Office {
        let (dir, svc, now) = common::clocked(t);
        Office {
            _dir: dir,
            svc,
            now,
        }
    }

    fn set(&self, t: i64) {
        self.now.store(t, Ordering::SeqCst);
    }

    /// Every key and value of every tree: equal means nothing changed.
    fn raw(&self) -> Vec<(TreeId, Vec<u8>, Vec<u8>)> {
        common::raw(&self.svc)
    }

    fn backup(&self) -> Vec<u8> {
        let a = actor();
        let info = self.svc.backup_begin(&a).unwrap();
        let mut bytes = Vec::new();
        while (bytes.len() as u64) < info.len {
            bytes.extend(
                self.svc
                    .backup_chunk(&a, info.id, bytes.len() as u64)
                    .unwrap(),
            );
        }
        bytes
    }

    fn save(&self, unit: &str, vals: &[(&str, u32)]) {
        self.svc
            .save_report(
                &actor(),
                ReportInput {
                    unit: unit.into(),
                    period: Period::month(2024, 3),
                    values: vals
                        .iter()
                        .map(|(k, v)| (k.to_string(), Some(*v)))
                        .collect(),
                    narrative: None,
                    base_revision: None,
                },
            )
            .unwrap();
    }
}

/// The province loads the sample on 1 March; the district starts from a copy of it.
fn province_and_district() -> (Office, Office) {
    let p = Office::empty(at(2024, 3, 1));
    antq::sample::load(&p.svc, &actor()).unwrap();
    let d = Office::empty(at(2024, 3, 1));
    d.svc.restore(&actor(), &p.backup()).unwrap();
    // The province registers district 936's key the next day.
    p.set(at(2024, 3, 2));
    common::register_office(&p.svc, "936");
    p.set(at(2024, 3, 1));
    (p, d)
}

fn bundle_of(d: &Office) -> Vec<u8> {
    common::signed(
        d.svc
            .bundle_export(&actor(), "936", Date::constant(2024, 3, 5))
            .unwrap(),
        "936",
    )
}

#[test]
fn a_district_month_travels_in_a_few_kilobytes_and_twice_changes_nothing() {
    let (p, d) = province_and_district();
    d.set(at(2024, 3, 20));
    for code in [
        "31483", "31484", "31489", "31490", "31492", "31493", "31495",
    ] {
        d.save(code, &[("to_giac", 3), ("hoa_giai", 1)]);
    }
    let a = actor();
    let mut u = d.svc.unit(&a, "31483").unwrap();
    u.notes = "Cập nhật tại huyện".into();
    d.svc
        .edit_unit(
            &a,
            "31483",
            UnitPatch {
                notes: Some(u.notes.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    let b = bundle_of(&d);
    assert!(b.len() < 4096, "bundle is {} bytes", b.len());

    p.set(at(2024, 4, 2));
    let dry = p.svc.bundle_import(&a, b.clone(), true).unwrap();
    let before = p.raw();
    assert_eq!(p.raw(), before, "a dry run wrote");
    let o = p.svc.bundle_import(&a, b.clone(), false).unwrap();
    assert_eq!(o, dry);
    assert_eq!(o.added.len(), 7, "{o:?}");
    assert_eq!(o.updated, vec!["unit/31483".to_string()]);
    assert!(o.conflicts.is_empty());
    assert_eq!(p.svc.unit(&a, "31483").unwrap().notes, "Cập nhật tại huyện");
    let r = p
        .svc
        .report(&a, "31489", Period::month(2024, 3))
        .unwrap()
        .unwrap();
    assert_eq!(r.value("to_giac"), Some(3));

    let after = p.raw();
    let again = p.svc.bundle_import(&a, b, false).unwrap();
    assert_eq!(
        (
            again.added.len(),
            again.updated.len(),
            again.conflicts.len()
        ),
        (0, 0, 0)
    );
    assert_eq!(again.unchanged, 8);
    // Not a byte of the store changes, the audit counter included.
    assert_eq!(p.raw(), after);
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn changed_on_both_sides_keeps_both_until_an_admin_picks() {
    let (p, d) = province_and_district();
    let a = actor();
    d.set(at(2024, 3, 20));
    d.save("31484", &[("to_giac", 7)]);
    p.set(at(2024, 3, 21));
    p.save("31484", &[("to_giac", 9)]);
    let o = p.svc.bundle_import(&a, bundle_of(&d), false).unwrap();
    assert_eq!(o.conflicts, vec!["report/31484/2024-03".to_string()]);
    // The local version stays; the incoming one is listed beside it.
    let local = p
        .svc
        .report(&a, "31484", Period::month(2024, 3))
        .unwrap()
        .unwrap();
    assert_eq!(local.value("to_giac"), Some(9));
    let list = p.svc.conflicts(&a).unwrap();
    assert_eq!(list.len(), 1);
    // Field by field: each field holds both sides.
    let f = list[0]
        .fields
        .iter()
        .find(|f| f.key == "to_giac")
        .unwrap_or_else(|| panic!("{:?}", list[0]));
    assert_eq!((f.local.as_str(), f.incoming.as_str()), ("9", "7"));
    // Importing again adds no second conflict.
    let again = p.svc.bundle_import(&a, bundle_of(&d), false).unwrap();
    assert!(again.conflicts.is_empty());
    assert_eq!(p.svc.conflicts(&a).unwrap().len(), 1);

    p.svc
        .resolve_conflict(&a, "report/31484/2024-03", true)
        .unwrap();
    let now = p
        .svc
        .report(&a, "31484", Period::month(2024, 3))
        .unwrap()
        .unwrap();
    assert_eq!(now.value("to_giac"), Some(7));
    assert_eq!(now.revision, local.revision + 1);
    assert!(p.svc.conflicts(&a).unwrap().is_empty());
    let e = p
        .svc
        .resolve_conflict(&a, "report/31484/2024-03", true)
        .unwrap_err();
    assert_eq!(e.en(), "conflict: there is no conflict for report/31484/2024-03 (list them with: antq bundle conflicts)");
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn bad_bundles_are_refused_whole_with_a_reason() {
    let (p, d) = province_and_district();
    let a = actor();
    d.set(at(2024, 3, 20));
    d.save("31483", &[("to_giac", 1)]);
    let good = bundle_of(&d);
    let before = p.raw();
    let refuse = |bytes: Vec<u8>, msg: &str| {
        let e = p.svc.bundle_import(&a, bytes, false).unwrap_err();
        assert_eq!(e.en(), msg);
        assert_eq!(p.raw(), before, "refused bundle changed the store: {msg}");
    };
    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 0x55;
    refuse(flipped, "bundle: the checksum does not match: the file was damaged on the way; copy or send it again");
    refuse(
        good[..good.len() - 10].to_vec(),
        &format!(
            "bundle: the file is truncated ({} of {} bytes); copy or send it again",
            good.len() - 10,
            good.len()
        ),
    );
    let mut future = good.clone();
    future[8..10].copy_from_slice(&9u16.to_be_bytes());
    refuse(
        future,
        "bundle: the file has format 9, newer than this antq reads (2); upgrade antq",
    );
    refuse(
        b"code,name\n".to_vec(),
        "bundle: this is not an antq bundle file; check that you picked the right file",
    );

    // A unit added in the district before the bundle's date is not in it, nor in the province.
    d.set(at(2024, 3, 2));
    d.svc
        .add_unit(
            &a,
            NewUnit {
                code: "31483-KDC1".into(),
                name: "Ấp 1".into(),
                kind: antq::domain::unit::UnitKind::ResidentialArea,
                parent: Some("31483".into()),
                valid_from: None,
                notes: String::new(),
            },
        )
        .unwrap();
    d.set(at(2024, 3, 20));
    d.svc
        .add_task(
            &a,
            NewTask {
                title: "Tuần tra".into(),
                details: String::new(),
                source: None,
                lead_unit: "31483-KDC1".into(),
                coordinating: vec![],
                due: Date::constant(2024, 4, 30),
                priority: antq::domain::task::Priority::Normal,
            },
        )
        .unwrap();
    refuse(bundle_of(&d), "bundle: unit 31483-KDC1 is not known to this store; import the unit registry first, then the bundle");
    d.svc
        .add_unit(
            &a,
            NewUnit {
                code: "999".into(),
                name: "Huyện mới".into(),
                kind: antq::domain::unit::UnitKind::District,
                parent: Some("93".into()),
                valid_from: None,
                notes: String::new(),
            },
        )
        .unwrap();
    let other = d
        .svc
        .bundle_export(&a, "999", Date::constant(2024, 3, 5))
        .unwrap();
    refuse(common::signed(other, "936"), "bundle: the bundle is for unit 999, which this store does not know; import the unit registry first");
}

#[test]
fn backup_restores_into_an_empty_store_only_and_exports_match() {
    let (p, _d) = province_and_district();
    let a = actor();
    let bytes = p.backup();
    let q = Office::empty(at(2024, 4, 1));
    let check = q.svc.restore(&a, &bytes).unwrap();
    assert!(check.problems.is_empty());
    assert_eq!(q.raw(), p.raw(), "restored store differs from the original");
    let e = q.svc.restore(&a, &bytes).unwrap_err();
    assert!(e.en().starts_with("restore: the store "), "{}", e.en());
    assert!(e
        .en()
        .ends_with(" already holds data; restore only into a new, empty store (--db NEW_PATH)"));
    let mut bad = bytes.clone();
    bad[100] ^= 1;
    let r = Office::empty(at(2024, 4, 1));
    assert_eq!(
        r.svc.restore(&a, &bad).unwrap_err().en(),
        "restore: the checksum does not match: the file was damaged on the way; copy or send it again"
    );
    assert!(r.raw().iter().all(|(t, _, _)| *t == TreeId::Meta));
}

/// A whole backup (its checksum holds) with a table this antq does not know is refused by
/// name, and leaves nothing; a damaged one is called damaged whatever its bytes now read as.
#[test]
fn a_backup_with_an_unknown_table_is_refused_and_leaves_nothing() {
    use antq::exchange::backup_file::StreamWriter;
    let mut w = StreamWriter::new(std::io::Cursor::new(Vec::new()), 0, 3, 2).unwrap();
    w.tree("units", 0).unwrap();
    w.tree("secrets", 1).unwrap();
    w.entry(b"k", b"v").unwrap();
    let (out, _) = w.finish().unwrap();
    let r = Office::empty(at(2024, 4, 1));
    let before = r.raw();
    assert_eq!(
        r.svc.restore(&actor(), &out.into_inner()).unwrap_err().en(),
        "restore: the backup holds an unknown table 'secrets'; restore it with the antq that made it"
    );
    assert!(r.raw() == before);
}

#[test]
fn summary_rolls_up_the_tree_and_agrees_with_completeness() {
    let (p, _d) = province_and_district();
    let a = actor();
    p.set(at(2024, 4, 10));
    let march = Period::month(2024, 3);
    let s = p.svc.summary(&a, march, Some("93")).unwrap();
    let c = p.svc.completeness(&a, march, Some("93")).unwrap();
    let top = &s.rows[0];
    assert_eq!(top.code, "93");
    assert_eq!(
        (
            top.expected as usize,
            top.submitted as usize,
            top.on_time as usize
        ),
        (c.expected, c.submitted, c.on_time)
    );
    // Each total is the sum of the submitted reports below, counted once.
    let reports = p
        .svc
        .reports(
            &a,
            &ReportQuery {
                period: Some(march),
                under: Some("93".into()),
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    for (i, code) in s.indicators.iter().enumerate() {
        let want: u64 = reports
            .iter()
            .filter(|r| r.counts_as_submitted())
            .map(|r| u64::from(r.value(code).unwrap_or(0)))
            .sum();
        assert_eq!(top.totals[i], want, "{code}");
    }
    // A district's row holds exactly its own subtree.
    let d = s.rows.iter().find(|r| r.code == "930").unwrap();
    let own: u64 = reports
        .iter()
        .filter(|r| {
            r.counts_as_submitted()
                && [
                    "31318", "31321", "31324", "31327", "31330", "31333", "31336", "31338", "31339",
                ]
                .contains(&r.unit.as_str())
        })
        .map(|r| u64::from(r.value("to_giac").unwrap_or(0)))
        .sum();
    let ti = s.indicators.iter().position(|c| c == "to_giac").unwrap();
    assert_eq!(d.totals[ti], own);
    assert!(d.totals[ti] > 0 && d.totals[ti] < top.totals[ti]);
}

#[test]
fn after_a_merge_old_units_reports_count_towards_the_successor() {
    let (p, _d) = province_and_district();
    let a = actor();
    p.set(at(2025, 9, 10));
    // A district office that had not heard of the merge sent August under the old code.
    let mut r =
        antq::domain::report::Report::new("31338", Period::month(2025, 8), "op", at(2025, 9, 1));
    r.set_value("to_giac", Some(4));
    r.status = antq::domain::workflow::Status::Submitted;
    r.first_submitted_at = Some(at(2025, 9, 1));
    p.svc
        .bulk_load(
            &a,
            Bulk {
                reports: vec![r],
                ..Default::default()
            },
        )
        .unwrap();
    let s = p
        .svc
        .summary(&a, Period::month(2025, 8), Some("92"))
        .unwrap();
    let ti = s.indicators.iter().position(|c| c == "to_giac").unwrap();
    let hl = s
        .rows
        .iter()
        .find(|r| r.code == "31338@2025-07-01")
        .unwrap();
    assert_eq!(hl.absorbed, vec!["31338".to_string()]);
    assert_eq!(hl.totals[ti], 4);
    assert_eq!(s.rows[0].totals[ti], 4, "and on up to the city");
    assert!(
        s.rows.iter().all(|r| r.code != "31338"),
        "the old commune is not a row after the merge"
    );
    // Before the merge, 31338 keeps its own history under its old district.
    let m = p
        .svc
        .summary(&a, Period::month(2024, 3), Some("930"))
        .unwrap();
    let own = m.rows.iter().find(|r| r.code == "31338").unwrap();
    assert!(own.absorbed.is_empty());
    assert!(m.rows.iter().all(|r| r.code != "31338@2025-07-01"));
}

#[test]
fn a_task_number_made_in_both_offices_is_two_tasks_not_a_conflict() {
    let (p, d) = province_and_district();
    let a = actor();
    let task = |svc: &LocalService, title: &str| {
        svc.add_task(
            &a,
            NewTask {
                title: title.into(),
                details: String::new(),
                source: None,
                lead_unit: "31483".into(),
                coordinating: vec![],
                due: Date::constant(2024, 5, 31),
                priority: antq::domain::task::Priority::Normal,
            },
        )
        .unwrap()
    };
    // Both stores hand out the same next number, to different tasks, before the bundle's date.
    p.set(at(2024, 3, 2));
    let ours = task(&p.svc, "Tuần tra tỉnh");
    d.set(at(2024, 3, 3));
    let theirs = task(&d.svc, "Tuần tra huyện");
    assert_eq!(ours.id, theirs.id);
    d.set(at(2024, 3, 20));
    d.svc
        .log_task(&a, theirs.id, "Đã triển khai", Some(30))
        .unwrap();
    let o = p.svc.bundle_import(&a, bundle_of(&d), false).unwrap();
    assert!(o.conflicts.is_empty(), "{o:?}");
    assert_eq!(
        o.added.len(),
        1,
        "the district's task arrives under a number of its own"
    );
    assert_ne!(o.added[0], format!("task/{}", ours.id));
    assert_eq!(
        p.svc.task(&a, ours.id).unwrap().title,
        "Tuần tra tỉnh",
        "the province's task stays"
    );
}

fn table(kind: ImportKind, csv: &str) -> ImportTable {
    let t = antq::exchange::csv_table::parse("f.csv", csv.as_bytes()).unwrap();
    ImportTable {
        kind,
        file: "f.csv".into(),
        headers: t.headers,
        rows: t.rows,
    }
}

#[test]
fn an_operator_imports_drafts_for_its_own_commune_only() {
    use antq::domain::account::{Account, Role};
    let (p, _d) = province_and_district();
    p.set(at(2024, 4, 2));
    p.svc
        .add_user(
            &actor(),
            Account {
                name: "lan".into(),
                role: Role::Operator,
                unit: Some("31441".into()),
                revision: 0,
            },
        )
        .unwrap();
    let lan = Actor::new("lan");
    let ok = p.svc.import(
        &lan,
        table(
            ImportKind::Reports,
            "unit,period,to_giac\n31441,2024-02,5\n",
        ),
        false,
    );
    assert_eq!(ok.unwrap().added, vec!["31441/2024-02".to_string()]);
    let before = p.raw();
    // March is approved: the workflow holds for imports too.
    let e = p
        .svc
        .import(
            &lan,
            table(
                ImportKind::Reports,
                "unit,period,to_giac\n31441,2024-03,5\n",
            ),
            false,
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "f.csv: 1 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'unit': report 31441/2024-03 is approved and locked, and this row would change it; leave the row out, or have an approver reopen it first (antq report reopen 31441 2024-03 --reason …)"
    );
    let e = p
        .svc
        .import(
            &lan,
            table(
                ImportKind::Reports,
                "unit,period,to_giac,status\n31444,2024-03,1,\n31441,2024-04,2,approved\n",
            ),
            false,
        )
        .unwrap_err();
    let text = e.en();
    assert!(text.contains("line 2, column 'unit': "), "{text}");
    assert!(
        text.contains(
            "line 3, column 'status': only an admin may import reports as submitted or approved"
        ),
        "{text}"
    );
    let e = p
        .svc
        .import(
            &lan,
            table(ImportKind::Units, "code,name,kind,parent\nX,Y,xã,935\n"),
            false,
        )
        .unwrap_err();
    assert!(matches!(e, antq::error::Error::Forbidden { .. }), "{e:?}");
    assert_eq!(p.raw(), before, "refused imports wrote something");
}
