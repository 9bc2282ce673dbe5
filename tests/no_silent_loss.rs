//! Issue 22: no record is lost, overwritten behind the workflow's back, or left inconsistent.
//! Each test fails on the code before its fix, and checks that a refusal changed nothing.

use crate::common;

use antq::domain::account::{Account, Role};
use antq::domain::period::Period;
use antq::service::*;
use common::{actor, at, raw, user, TempStore};

fn sample_at(t: i64) -> (TempStore, LocalService) {
    let s = TempStore::new();
    let mut svc = s.service();
    svc.set_clock(move || t);
    antq::sample::load(&svc, &actor()).unwrap();
    (s, svc)
}

fn input(unit: &str, p: &str, vals: &[(&str, u32)], base: Option<u64>) -> ReportInput {
    ReportInput {
        base_revision: base,
        ..common::report_input(unit, p, vals)
    }
}

#[test]
fn two_people_creating_one_report_the_second_is_refused_and_nothing_changes() {
    let (_s, svc) = sample_at(at(2024, 4, 10));
    let (x, y) = (
        user(&svc, "x", Role::Operator, Some("935")),
        user(&svc, "y", Role::Operator, Some("935")),
    );
    // Both opened the empty form (revision 0: nothing there); x saves first.
    svc.save_report(&x, input("31441", "2024-04", &[("to_giac", 1)], Some(0)))
        .unwrap();
    let before = raw(&svc);
    let e = svc
        .save_report(&y, input("31441", "2024-04", &[("to_giac", 9)], Some(0)))
        .unwrap_err();
    assert_eq!(
        e.en(),
        "report 31441/2024-04: was created by x at 10/04/2024 09:00 after you opened it empty; nothing was saved: look at their version, then apply yours again"
    );
    assert!(raw(&svc) == before, "a refused save changed the store");
    // The same for a yearly assessment.
    let new_assessment = |base| AssessmentInput {
        unit: "31441".into(),
        year: 2024,
        safety: None,
        score: Some(Some(80)),
        grade_override: None,
        decision: None,
        notes: None,
        override_reason: None,
        base_revision: base,
    };
    svc.save_assessment(&x, new_assessment(Some(0))).unwrap();
    let before = raw(&svc);
    let e = svc
        .save_assessment(&y, new_assessment(Some(0)))
        .unwrap_err();
    assert!(e.en().contains("was created by x at"), "{}", e.en());
    assert!(raw(&svc) == before);
}

/// A province store on the sample and a district (office 936) restored from its backup.
fn province_and_district(t: i64) -> (Store, Store) {
    let p = Store::at(t);
    antq::sample::load(&p.svc, &actor()).unwrap();
    let d = Store::at(t);
    let (_, bytes) = read_backup(&p.svc, &actor()).unwrap();
    d.svc.restore(&actor(), &bytes).unwrap();
    common::register_office(&p.svc, "936");
    (p, d)
}

/// A store whose clock the test moves.
struct Store {
    _dir: TempStore,
    svc: LocalService,
    now: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Store {
    fn at(t: i64) -> Store {
        let (_dir, svc, now) = common::clocked(t);
        Store { _dir, svc, now }
    }

    fn set(&self, t: i64) {
        self.now.store(t, std::sync::atomic::Ordering::SeqCst);
    }

    fn save(&self, unit: &str, p: &str, v: u32) {
        self.svc
            .save_report(&actor(), input(unit, p, &[("to_giac", v)], None))
            .unwrap();
    }

    fn to_giac(&self, unit: &str, p: &str) -> Option<u32> {
        let r = self.svc.report(&actor(), unit, Period::parse(p).unwrap());
        r.unwrap().and_then(|r| r.value("to_giac"))
    }

    /// What changed in the district since `since`, signed by office 936.
    fn bundle(&self, since: jiff::civil::Date) -> Vec<u8> {
        let b = self.svc.bundle_export(&actor(), "936", since).unwrap();
        common::signed(b, "936")
    }
}

#[test]
fn an_older_bundle_imported_again_does_not_roll_figures_back() {
    let (p, d) = province_and_district(at(2024, 4, 1));
    let since = jiff::civil::Date::constant(2024, 4, 1);
    d.set(at(2024, 4, 10));
    d.save("31483", "2024-04", 7);
    let april = d.bundle(since);
    d.set(at(2024, 5, 10));
    d.save("31483", "2024-04", 8);
    let may = d.bundle(since);

    p.set(at(2024, 5, 11));
    p.svc.bundle_import(&actor(), may, false).unwrap();
    assert_eq!(p.to_giac("31483", "2024-04"), Some(8));
    let before = raw(&p.svc);
    let o = p.svc.bundle_import(&actor(), april, false).unwrap();
    assert_eq!(o.older, vec!["report/31483/2024-04".to_string()], "{o:?}");
    assert!(o.updated.is_empty() && o.conflicts.is_empty(), "{o:?}");
    assert_eq!(p.to_giac("31483", "2024-04"), Some(8));
    assert!(raw(&p.svc) == before, "an older bundle changed the store");
}

#[test]
fn a_bundle_never_replaces_an_approved_report() {
    let (p, d) = province_and_district(at(2024, 4, 1));
    let a = actor();
    let apr = Period::parse("2024-04").unwrap();
    d.set(at(2024, 4, 10));
    d.save("31483", "2024-04", 7);
    d.svc.submit_report(&a, "31483", apr).unwrap();
    p.set(at(2024, 4, 11));
    p.svc
        .bundle_import(&a, d.bundle(jiff::civil::Date::constant(2024, 4, 1)), false)
        .unwrap();
    p.set(at(2024, 4, 12));
    let approver = Actor::new("tinh");
    let acc = Account {
        name: "tinh".into(),
        role: Role::Approver,
        unit: Some("93".into()),
        revision: 0,
    };
    p.svc.add_user(&a, acc).unwrap();
    p.svc.approve_report(&approver, "31483", apr).unwrap();
    // Another bundle moves the province's horizon past the approval.
    d.set(at(2024, 4, 13));
    d.save("31484", "2024-04", 1);
    p.set(at(2024, 4, 14));
    p.svc
        .bundle_import(
            &a,
            d.bundle(jiff::civil::Date::constant(2024, 4, 13)),
            false,
        )
        .unwrap();
    // The district, which never heard of the approval, returns and edits its copy.
    d.set(at(2024, 4, 20));
    d.svc.return_report(&a, "31483", apr, "sửa").unwrap();
    d.save("31483", "2024-04", 9);
    p.set(at(2024, 4, 21));
    let o = p
        .svc
        .bundle_import(
            &a,
            d.bundle(jiff::civil::Date::constant(2024, 4, 15)),
            false,
        )
        .unwrap();
    assert_eq!(
        o.conflicts,
        vec!["report/31483/2024-04".to_string()],
        "{o:?}"
    );
    assert_eq!(p.to_giac("31483", "2024-04"), Some(7), "approved stays");
    // Keeping the incoming version is refused until the report is reopened.
    let before = raw(&p.svc);
    let e = p
        .svc
        .resolve_conflict(&a, "report/31483/2024-04", true)
        .unwrap_err();
    assert_eq!(
        e.en(),
        "conflict: report/31483/2024-04: the local report is approved and locked; reopen it first (antq report reopen 31483 2024-04 --reason …), then keep the incoming version"
    );
    assert!(raw(&p.svc) == before);
}

#[test]
fn a_backup_that_fails_its_check_leaves_nothing_and_a_good_one_restores_next() {
    let (_s, svc) = sample_at(at(2024, 4, 10));
    let (_, good) = read_backup(&svc, &actor()).unwrap();
    // A stray index entry: the check's kind of problem, as a damaged store would have.
    svc.store()
        .entries(antq::store::TreeId::UnitCodes)
        .insert_outside_transaction(b"99\x0099999", b"")
        .unwrap();
    let (_, bad) = read_backup(&svc, &actor()).unwrap();

    let target = TempStore::new();
    let into = target.service();
    let empty = raw(&into);
    let c = into.restore(&actor(), &bad).unwrap();
    assert!(
        !c.problems.is_empty(),
        "the damaged backup passed its check"
    );
    assert!(
        raw(&into) == empty,
        "a backup that fails its check left data behind"
    );
    let c = into.restore(&actor(), &good).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert!(into.check(&actor()).unwrap().problems.is_empty());
}

#[test]
fn an_export_in_a_users_area_holds_every_report_past_a_thousand() {
    let (_s, svc) = sample_at(at(2026, 12, 1));
    let a = actor();
    let q = UnitQuery {
        under: Some("92".into()),
        limit: MAX_LIMIT,
        ..Default::default()
    };
    let units = svc.units(&a, &q).unwrap().items;
    let mut reports = Vec::new();
    // Every period of the units' life so far: months, quarters, halves and years.
    let mut periods: Vec<String> = (7..=12).map(|m| format!("2025-{m:02}")).collect();
    periods.extend((1..=11).map(|m| format!("2026-{m:02}")));
    periods.extend(
        [
            "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
        ]
        .map(String::from),
    );
    periods.extend(["2025-H2", "2026-H1", "2026-H2", "2025", "2026"].map(String::from));
    for p in &periods {
        for u in &units {
            let p = Period::parse(p).unwrap();
            let mut r = antq::domain::report::Report::new(&u.code, p, "gen", at(2026, 12, 1));
            r.set_value("to_giac", Some(1));
            reports.push(r);
        }
    }
    let loaded: Vec<String> = reports.iter().map(|r| r.key()).collect();
    svc.bulk_load(
        &a,
        Bulk {
            reports,
            ..Default::default()
        },
    )
    .unwrap();
    let viewer = user(&svc, "xem", Role::Viewer, Some("92"));
    let in_area = svc
        .reports(
            &viewer,
            &ReportQuery {
                limit: 1,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(in_area.next.is_some());
    let all: Vec<_> = all_reports(&svc, &viewer).map(Result::unwrap).collect();
    assert!(all.len() > MAX_LIMIT, "only {} reports", all.len());
    let mut keys: Vec<_> = all.iter().map(|r| r.key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), all.len(), "a report came twice");
    for k in &loaded {
        assert!(
            keys.binary_search(k).is_ok(),
            "report {k} is missing from the export"
        );
    }
}

fn new_unit(code: &str, parent: &str, from: Option<jiff::civil::Date>) -> NewUnit {
    NewUnit {
        code: code.into(),
        name: format!("Ấp {code}"),
        kind: antq::domain::unit::UnitKind::ResidentialArea,
        parent: Some(parent.into()),
        valid_from: from,
        notes: String::new(),
    }
}

#[test]
fn a_unit_added_by_hand_lives_inside_its_parents_life() {
    let (_s, svc) = sample_at(at(2026, 12, 1));
    let a = actor();
    let d = jiff::civil::Date::constant;
    // A commune that starts in 2026; with no first day, its new hamlet starts with it.
    svc.add_unit(
        &a,
        NewUnit {
            kind: antq::domain::unit::UnitKind::Commune,
            ..new_unit("99100", "92", Some(d(2026, 1, 1)))
        },
    )
    .unwrap();
    let u = svc.add_unit(&a, new_unit("99101", "99100", None)).unwrap();
    assert_eq!(u.valid_from, Some(d(2026, 1, 1)));
    // A hamlet under a commune that ended in the 2025 reform ends with it.
    let u = svc
        .add_unit(&a, new_unit("99102", "31483", Some(d(2024, 1, 1))))
        .unwrap();
    assert_eq!(u.valid_to, Some(d(2025, 6, 30)));
    assert!(svc.check(&a).unwrap().problems.is_empty());
    // A first day before the parent exists is refused, and nothing changes.
    let before = raw(&svc);
    let e = svc
        .add_unit(&a, new_unit("99103", "99100", Some(d(2025, 1, 1))))
        .unwrap_err();
    assert_eq!(
        e.en(),
        "from: 01/01/2025 falls outside the life of its parent 99100 Ấp 99100 (01/01/2026 – …); give a first day inside it, or the parent that held the area on 01/01/2025"
    );
    assert!(raw(&svc) == before);
}

#[test]
fn a_unit_withdraws_before_approval_and_the_level_above_reopens_after_it() {
    let (_s, svc) = sample_at(at(2024, 4, 10));
    let op = user(&svc, "xa", Role::Operator, Some("31441"));
    let boss = user(&svc, "huyen", Role::Approver, Some("935"));
    let apr = Period::parse("2024-04").unwrap();
    svc.save_report(&op, input("31441", "2024-04", &[("to_giac", 5)], Some(0)))
        .unwrap();
    svc.submit_report(&op, "31441", apr).unwrap();
    let r = svc.withdraw_report(&op, "31441", apr).unwrap();
    assert_eq!(r.status, antq::domain::workflow::Status::Draft);
    svc.submit_report(&op, "31441", apr).unwrap();
    svc.approve_report(&boss, "31441", apr).unwrap();

    // After approval: the unit cannot take it back, nor reopen it; a reopen needs a reason.
    let before = raw(&svc);
    let e = svc.withdraw_report(&op, "31441", apr).unwrap_err();
    assert_eq!(
        e.en(),
        "report 31441/2024-04: is already approved; ask the level above to reopen it"
    );
    let e = svc.reopen_report(&op, "31441", apr, "sai số").unwrap_err();
    assert!(e.en().contains("operator"), "{}", e.en());
    let e = svc.reopen_report(&boss, "31441", apr, " ").unwrap_err();
    assert_eq!(
        e.en(),
        "reason: a reopened report needs a reason (--reason TEXT)"
    );
    assert!(
        raw(&svc) == before,
        "a refused withdraw or reopen changed the store"
    );

    let r = svc
        .reopen_report(&boss, "31441", apr, "sai số tố giác")
        .unwrap();
    assert_eq!(r.status, antq::domain::workflow::Status::Returned);
    assert_eq!(r.return_reason.as_deref(), Some("sai số tố giác"));
    svc.save_report(
        &op,
        input("31441", "2024-04", &[("to_giac", 6)], Some(r.revision)),
    )
    .unwrap();
    svc.submit_report(&op, "31441", apr).unwrap();
    svc.approve_report(&boss, "31441", apr).unwrap();
    // Summaries say that a figure changed after approval; the audit says who and why.
    let s = svc.summary(&actor(), apr, Some("31441")).unwrap();
    let col = s.indicators.iter().position(|i| i == "to_giac").unwrap();
    assert_eq!((s.rows[0].reopened, s.rows[0].totals[col]), (1, 6));
    let audit = svc
        .audit(
            &actor(),
            &AuditQuery {
                entity: Some("report/31441/2024-04".into()),
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
    let actions: Vec<_> = audit
        .items
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert!(actions.contains(&("report.withdraw", "xa")), "{actions:?}");
    assert!(actions.contains(&("report.reopen", "huyen")), "{actions:?}");
}

#[test]
fn assessments_withdraw_and_reopen_the_same_way() {
    let (_s, svc) = sample_at(at(2024, 12, 20));
    let op = user(&svc, "xa", Role::Operator, Some("31441"));
    let boss = user(&svc, "huyen", Role::Approver, Some("935"));
    let new = AssessmentInput {
        unit: "31441".into(),
        year: 2024,
        safety: None,
        score: Some(Some(75)),
        grade_override: None,
        decision: None,
        notes: None,
        override_reason: None,
        base_revision: None,
    };
    svc.save_assessment(&op, new).unwrap();
    svc.submit_assessment(&op, "31441", 2024).unwrap();
    svc.withdraw_assessment(&op, "31441", 2024).unwrap();
    svc.submit_assessment(&op, "31441", 2024).unwrap();
    svc.approve_assessment(&boss, "31441", 2024).unwrap();
    let before = raw(&svc);
    let e = svc.withdraw_assessment(&op, "31441", 2024).unwrap_err();
    assert_eq!(
        e.en(),
        "assessment 31441/2024: is already approved; ask the level above to reopen it"
    );
    assert!(raw(&svc) == before);
    let x = svc
        .reopen_assessment(&boss, "31441", 2024, "điểm sai")
        .unwrap();
    assert_eq!(x.status, antq::domain::workflow::Status::Returned);
}

#[test]
fn four_eyes_nobody_approves_what_they_entered_unless_the_province_turns_it_off() {
    let (_s, svc) = sample_at(at(2026, 11, 10));
    let tinh = user(&svc, "tinh", Role::Approver, Some("92"));
    let other = user(&svc, "tinh2", Role::Approver, Some("92"));
    let oct = Period::parse("2026-10").unwrap();
    svc.save_report(&tinh, input("31441", "2026-10", &[("to_giac", 2)], Some(0)))
        .unwrap();
    svc.submit_report(&tinh, "31441", oct).unwrap();
    let before = raw(&svc);
    let e = svc.approve_report(&tinh, "31441", oct).unwrap_err();
    assert_eq!(
        e.en(),
        "report 31441 Vị Thủy · 2026-10: you entered it yourself, and four eyes are required: another approver approves it (an admin can turn this off: antq settings set --four-eyes no)"
    );
    assert!(raw(&svc) == before);
    // Somebody who only edited it counts as having entered it too.
    svc.return_report(&other, "31441", oct, "thiếu").unwrap();
    svc.save_report(&other, input("31441", "2026-10", &[("to_giac", 3)], None))
        .unwrap();
    svc.submit_report(&tinh, "31441", oct).unwrap();
    assert!(svc.approve_report(&other, "31441", oct).is_err());
    let third = user(&svc, "tinh3", Role::Approver, Some("92"));
    svc.approve_report(&third, "31441", oct).unwrap();
    // The same for a self-assessment; a one-person office turns the rule off.
    let x = AssessmentInput {
        unit: "31441".into(),
        year: 2026,
        safety: None,
        score: Some(Some(70)),
        grade_override: None,
        decision: None,
        notes: None,
        override_reason: None,
        base_revision: Some(0),
    };
    svc.save_assessment(&tinh, x).unwrap();
    svc.submit_assessment(&tinh, "31441", 2026).unwrap();
    assert!(svc.approve_assessment(&tinh, "31441", 2026).is_err());
    let mut st = svc.settings(&actor()).unwrap();
    st.four_eyes = false;
    svc.set_settings(&actor(), st).unwrap();
    svc.approve_assessment(&tinh, "31441", 2026).unwrap();
}

fn new_task(title: &str, unit: &str) -> NewTask {
    NewTask {
        title: title.into(),
        details: String::new(),
        source: None,
        lead_unit: unit.into(),
        coordinating: Vec::new(),
        due: jiff::civil::Date::constant(2024, 6, 30),
        priority: antq::domain::task::Priority::Normal,
    }
}

#[test]
fn task_numbers_never_collide_across_bundles() {
    let (p, d) = province_and_district(at(2024, 4, 1));
    let a = actor();
    let since = jiff::civil::Date::constant(2024, 4, 1);
    // Both sides add a task with the same next number, independently.
    d.set(at(2024, 4, 2));
    let ours = d
        .svc
        .add_task(&a, new_task("Rà soát ấp 1", "31483"))
        .unwrap();
    p.set(at(2024, 4, 3));
    let theirs = p.svc.add_task(&a, new_task("Họp tỉnh", "31318")).unwrap();
    assert_eq!(ours.id, theirs.id, "the same number on both sides");
    p.set(at(2024, 4, 5));
    let dry = p.svc.bundle_import(&a, d.bundle(since), true).unwrap();
    let o = p.svc.bundle_import(&a, d.bundle(since), false).unwrap();
    assert_eq!(o, dry);
    assert!(
        o.conflicts.is_empty(),
        "two different tasks are no conflict: {o:?}"
    );
    assert_eq!(o.added.len(), 1, "{o:?}");
    // The province's own task is untouched; the district's has a number of its own here.
    assert_eq!(p.svc.task(&a, theirs.id).unwrap().title, "Họp tỉnh");
    let q = TaskQuery {
        limit: MAX_LIMIT,
        ..Default::default()
    };
    let tasks = p.svc.tasks(&a, &q).unwrap().items;
    let carried = tasks.iter().find(|t| t.title == "Rà soát ấp 1").unwrap();
    assert_ne!(carried.id, theirs.id);
    // The next task added at the province takes a free number, and the store stays whole.
    let next = p.svc.add_task(&a, new_task("Tiếp theo", "31318")).unwrap();
    assert!(next.id != carried.id && next.id != theirs.id);
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
    // The same bundle again changes nothing; a later change to the district's task updates it.
    let before = raw(&p.svc);
    let o = p.svc.bundle_import(&a, d.bundle(since), false).unwrap();
    assert!(
        o.added.is_empty() && o.updated.is_empty() && o.conflicts.is_empty(),
        "{o:?}"
    );
    assert!(raw(&p.svc) == before);
    d.set(at(2024, 4, 10));
    d.svc.log_task(&a, ours.id, "Đã họp ấp", Some(50)).unwrap();
    p.set(at(2024, 4, 11));
    let o = p.svc.bundle_import(&a, d.bundle(since), false).unwrap();
    assert_eq!(o.updated, vec![format!("task/{}", carried.id)], "{o:?}");
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn a_task_carried_in_is_not_overwritten_by_the_next_one_added() {
    let (p, d) = province_and_district(at(2024, 4, 1));
    let a = actor();
    d.set(at(2024, 4, 2));
    d.svc.add_task(&a, new_task("Một", "31483")).unwrap();
    let office = d.svc.add_task(&a, new_task("Hai", "31483")).unwrap();
    p.set(at(2024, 4, 5));
    p.svc
        .bundle_import(&a, d.bundle(jiff::civil::Date::constant(2024, 4, 1)), false)
        .unwrap();
    let t = p.svc.add_task(&a, new_task("Tỉnh", "31318")).unwrap();
    assert!(t.id > office.id, "took number {} of a carried task", t.id);
    assert_eq!(p.svc.task(&a, office.id).unwrap().title, "Hai");
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn a_unit_cannot_be_retired_while_it_takes_part_in_an_open_task_due_later() {
    let (_s, svc) = sample_at(at(2026, 11, 10));
    let a = actor();
    let d = jiff::civil::Date::constant;
    let commune = NewUnit {
        kind: antq::domain::unit::UnitKind::Commune,
        ..new_unit("99100", "92", Some(d(2026, 1, 1)))
    };
    svc.add_unit(&a, commune).unwrap();
    let t = NewTask {
        due: d(2026, 12, 31),
        ..new_task("Tuần tra", "99100")
    };
    let t = svc.add_task(&a, t).unwrap();
    let before = raw(&svc);
    let e = svc.retire_unit(&a, "99100", d(2026, 11, 30)).unwrap_err();
    assert_eq!(
        e.en(),
        format!("unit 99100: takes part in open task #{} 'Tuần tra', due 31/12/2026, after that day; hand the task to another unit (antq task edit {} --unit CODE), move its due date, or close it first", t.id, t.id)
    );
    assert!(raw(&svc) == before);
    svc.complete_task(&a, t.id).unwrap();
    svc.retire_unit(&a, "99100", d(2026, 11, 30)).unwrap();
    assert!(svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn a_merge_carried_by_a_bundle_is_applied_whole_or_held_whole() {
    let d8 = jiff::civil::Date::constant;
    let p = Store::at(at(2026, 10, 20));
    let a = actor();
    antq::sample::load(&p.svc, &a).unwrap();
    for code in ["99100", "99101"] {
        let u = NewUnit {
            kind: antq::domain::unit::UnitKind::Commune,
            ..new_unit(code, "92", Some(d8(2026, 1, 1)))
        };
        p.svc.add_unit(&a, u).unwrap();
    }
    let d = Store::at(at(2026, 11, 1));
    let (_, bytes) = read_backup(&p.svc, &a).unwrap();
    d.svc.restore(&a, &bytes).unwrap();
    p.set(at(2026, 11, 2));
    common::register_office(&p.svc, "92");
    // The province notes something on X; the office merges X into Y.
    p.set(at(2026, 11, 5));
    let notes = UnitPatch {
        notes: Some("Ghi chú của tỉnh".into()),
        ..Default::default()
    };
    p.svc.edit_unit(&a, "99100", notes).unwrap();
    d.set(at(2026, 11, 6));
    d.svc
        .merge_units(&a, &["99100".to_string()], "99101", d8(2026, 11, 1))
        .unwrap();
    let b = d.svc.bundle_export(&a, "92", d8(2026, 11, 2)).unwrap();
    let b = common::signed(b, "92");

    p.set(at(2026, 11, 7));
    let o = p.svc.bundle_import(&a, b, false).unwrap();
    let mut held = o.conflicts.clone();
    held.sort();
    assert_eq!(
        held,
        vec!["unit/99100".to_string(), "unit/99101".to_string()],
        "{o:?}"
    );
    assert!(
        p.svc.check(&a).unwrap().problems.is_empty(),
        "half a merge was applied"
    );
    // Taking the incoming side of one takes the whole merge.
    p.svc.resolve_conflict(&a, "unit/99100", true).unwrap();
    assert!(p.svc.conflicts(&a).unwrap().is_empty());
    assert_eq!(
        p.svc.unit(&a, "99100").unwrap().valid_to,
        Some(d8(2026, 10, 31))
    );
    assert!(p.svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn a_back_dated_merge_is_undone_by_what_was_written_after_it_was_entered() {
    let (_s, mut svc) = sample_at(at(2026, 11, 10));
    let a = actor();
    let oct1 = jiff::civil::Date::constant(2026, 10, 1);
    // Vị Thủy's October report was written before anyone entered the merge.
    svc.save_report(&a, input("31441", "2026-10", &[("to_giac", 4)], Some(0)))
        .unwrap();
    svc.set_clock(|| at(2026, 11, 11));
    svc.merge_units(&a, &["31340".to_string()], "31441", oct1)
        .unwrap();
    // The code names the merge just made, not the 2025 reform's.
    let u = svc.unmerge_unit(&a, "31340").unwrap();
    assert!(u.successors.is_empty() && u.valid_to.is_none(), "{u:?}");
    assert!(svc.check(&a).unwrap().problems.is_empty());
    // Entered again, then a report written since for a month after the merge day: refused.
    svc.merge_units(&a, &["31340".to_string()], "31441", oct1)
        .unwrap();
    svc.set_clock(|| at(2026, 11, 12));
    svc.save_report(&a, input("31441", "2026-11", &[("to_giac", 1)], Some(0)))
        .unwrap();
    let before = raw(&svc);
    let e = svc.unmerge_unit(&a, "31340").unwrap_err();
    assert_eq!(
        e.en(),
        "unit 31441: has 1 reports, 0 assessments and 0 tasks from 01/10/2026 on, recorded since the merge, so the merge cannot be undone; correct those first"
    );
    assert!(raw(&svc) == before);
}
