//! Service operations against temporary stores, through the `Service` trait.

use crate::common;

use antq::domain::account::{Account, Role};
use antq::domain::period::Period;
use antq::domain::task::{Priority, TaskStatus};
use antq::domain::unit::UnitKind;
use antq::service::*;
use common::{actor, at, user, TempStore};
use jiff::civil::Date;

fn sample() -> (TempStore, LocalService) {
    let s = TempStore::new();
    let svc = s.service();
    antq::sample::load(&svc, &actor()).unwrap();
    (s, svc)
}

fn input(unit: &str, p: &str, vals: &[(&str, u32)]) -> ReportInput {
    common::report_input(unit, p, vals)
}

#[test]
fn completeness_counts_on_time_against_the_deadline() {
    let s = TempStore::new();
    let mut svc = s.service();
    antq::sample::load(&svc, &actor()).unwrap();
    let a = actor();
    let p = Period::parse("2024-05").unwrap();
    svc.set_clock(move || at(2024, 6, 5)); // the deadline day itself is on time
    svc.save_report(&a, input("31441", "2024-05", &[("to_giac", 1)]))
        .unwrap();
    svc.submit_report(&a, "31441", p).unwrap();
    svc.set_clock(move || at(2024, 6, 6));
    svc.save_report(&a, input("31444", "2024-05", &[("to_giac", 1)]))
        .unwrap();
    svc.submit_report(&a, "31444", p).unwrap();
    let c = svc.completeness(&a, p, Some("935")).unwrap();
    assert_eq!((c.expected, c.submitted, c.on_time), (10, 2, 1));
    assert_eq!(c.deadline, Date::constant(2024, 6, 5));
    assert_eq!(c.missing.len(), 8);
    assert!(!c.missing.contains(&"31441".to_string()));
    // A later deadline setting changes the answer without touching the reports.
    let mut st = svc.settings(&a).unwrap();
    st.deadlines.month = 10;
    svc.set_settings(&a, st).unwrap();
    assert_eq!(svc.completeness(&a, p, Some("935")).unwrap().on_time, 2);
}

#[test]
fn completeness_follows_lineage_dates() {
    let (_s, svc) = sample();
    let a = actor();
    // After the reform, the merged communes are no longer expected; the new ones are, though
    // Hỏa Lựu carries Tân Tiến's old code.
    let c = svc
        .completeness(&a, Period::parse("2025-08").unwrap(), None)
        .unwrap();
    assert!(c.missing.contains(&"31338@2025-07-01".to_string()));
    assert!(!c.missing.contains(&"31338".to_string()));
    assert_eq!(c.expected, 35);
    let c = svc
        .completeness(&a, Period::parse("2024-03").unwrap(), None)
        .unwrap();
    assert!(!c.missing.contains(&"31338@2025-07-01".to_string()));
    assert_eq!(c.expected, 77);
}

#[test]
fn stale_revision_is_refused_with_who_and_when() {
    let s = TempStore::new();
    let mut svc = s.service();
    svc.set_clock(|| at(2024, 4, 10));
    antq::sample::load(&svc, &actor()).unwrap();
    let a = actor();
    let b = user(&svc, "b", Role::Operator, Some("935"));
    let r = svc
        .save_report(&a, input("31441", "2024-04", &[("to_giac", 1)]))
        .unwrap();
    let mut theirs = input("31441", "2024-04", &[("to_giac", 2)]);
    theirs.base_revision = Some(r.revision);
    svc.save_report(&b, theirs).unwrap();
    let mut stale = input("31441", "2024-04", &[("to_giac", 9)]);
    stale.base_revision = Some(r.revision);
    let e = svc.save_report(&a, stale).unwrap_err();
    assert_eq!(
        e.en(),
        "report 31441/2024-04: changed by b at 10/04/2024 09:00 since you opened it (revision 1, now 2); nothing was saved: look at their version, then apply yours again"
    );
    let now = svc
        .report(&a, "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(now.value("to_giac"), Some(2));
}

#[test]
fn clearing_a_value_and_narrative() {
    let (_s, svc) = sample();
    let a = actor();
    svc.save_report(
        &a,
        input("31441", "2024-04", &[("to_giac", 1), ("hoa_giai", 2)]),
    )
    .unwrap();
    let mut i = input("31441", "2024-04", &[]);
    i.values = vec![("hoa_giai".into(), None)];
    i.narrative = Some("Ổn định".into());
    let r = svc.save_report(&a, i).unwrap();
    assert_eq!(r.values, vec![("to_giac".to_string(), 1)]);
    assert_eq!(r.narrative, "Ổn định");
}

#[test]
fn empty_report_cannot_be_submitted() {
    let (_s, svc) = sample();
    let a = actor();
    let mut i = input("31441", "2024-04", &[]);
    i.narrative = Some("chưa có số liệu".into());
    svc.save_report(&a, i).unwrap();
    let e = svc
        .submit_report(&a, "31441", Period::parse("2024-04").unwrap())
        .unwrap_err();
    assert_eq!(
        e.en(),
        "report 31441/2024-04: has no values yet; enter at least one indicator before submitting"
    );
}

#[test]
fn paging_walks_every_report_once() {
    let (_s, svc) = sample();
    let a = actor();
    svc.bulk_load(
        &a,
        antq::gen::generate(
            &antq::gen::Spec {
                units: 500,
                reports: 3000,
                tasks: 0,
                seed: 3,
            },
            &svc.indicators(&a).unwrap(),
        ),
    )
    .unwrap();
    for q in [
        ReportQuery {
            period: Some(Period::parse("2024-01").unwrap()),
            limit: 37,
            ..Default::default()
        },
        ReportQuery {
            period: Some(Period::parse("2024-01").unwrap()),
            under: Some("G00-01".into()),
            limit: 7,
            ..Default::default()
        },
        ReportQuery {
            under: Some("G00-02".into()),
            limit: 11,
            ..Default::default()
        },
    ] {
        let mut seen = Vec::new();
        let mut q = q;
        loop {
            let p = svc.reports(&a, &q).unwrap();
            assert!(p.items.len() <= q.limit);
            seen.extend(p.items.iter().map(|r| (r.unit.clone(), r.period)));
            match p.next {
                Some(n) => q.offset = n,
                None => break,
            }
        }
        let mut dedup = seen.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), seen.len(), "no duplicates across pages");
        let all = svc
            .reports(
                &a,
                &ReportQuery {
                    offset: 0,
                    limit: MAX_LIMIT,
                    ..q.clone()
                },
            )
            .unwrap();
        assert_eq!(all.items.len(), seen.len().min(MAX_LIMIT));
        assert!(!seen.is_empty());
    }
}

#[test]
fn folded_search_finds_nfd_and_unaccented_queries() {
    let (_s, svc) = sample();
    let a = actor();
    for q in [
        "vinh thuan dong",
        "Vĩnh Thuận Đông",
        "Vi\u{0303}nh Thua\u{0323}\u{0302}n \u{0110}o\u{0302}ng",
        "THUAN DONG",
    ] {
        let p = svc
            .units(
                &a,
                &UnitQuery {
                    search: Some(q.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        // The current unit of that name; the old commune of 2024 is found with retired ones.
        let codes: Vec<&str> = p.items.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["31453@2025-07-01"], "query {q:?}");
    }
    let p = svc
        .units(
            &a,
            &UnitQuery {
                search: Some("vi".into()),
                under: Some("935".into()),
                include_retired: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(p
        .items
        .iter()
        .all(|u| u.code.starts_with("31") || u.code == "935"));
    assert!(p.items.len() >= 6);
}

#[test]
fn kind_change_that_strands_children_is_refused() {
    let (_s, svc) = sample();
    let a = actor();
    let e = svc
        .edit_unit(
            &a,
            "935",
            UnitPatch {
                kind: Some(UnitKind::Commune),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "kind: Township 31441 (Nàng Mau) below it could no longer sit under a Commune"
    );
    assert_eq!(svc.unit(&a, "935").unwrap().kind, UnitKind::District);
}

#[test]
fn task_listing_by_status_and_due() {
    let (_s, svc) = sample();
    let a = actor();
    let t = svc
        .add_task(
            &a,
            NewTask {
                title: "Việc".into(),
                details: String::new(),
                source: None,
                lead_unit: "31441".into(),
                coordinating: vec![],
                due: Date::constant(2030, 1, 1),
                priority: Priority::High,
            },
        )
        .unwrap();
    svc.cancel_task(&a, t.id, "Không còn cần").unwrap();
    let q = TaskQuery {
        statuses: vec![TaskStatus::Cancelled],
        ..Default::default()
    };
    let got = svc.tasks(&a, &q).unwrap();
    assert_eq!(got.items.iter().map(|t| t.id).collect::<Vec<_>>(), [t.id]);
    let before = TaskQuery {
        statuses: TaskStatus::ALL.to_vec(),
        due_before: Some(Date::constant(2024, 7, 1)),
        ..Default::default()
    };
    let got = svc.tasks(&a, &before).unwrap();
    assert!(got.items.iter().all(|t| t.due < Date::constant(2024, 7, 1)));
    assert_eq!(got.items.len(), 3);
}

#[test]
fn every_change_writes_an_audit_entry_with_its_actor() {
    let (_s, svc) = sample();
    let who = Actor::new("canbo.xa");
    svc.add_user(
        &actor(),
        Account {
            name: "canbo.xa".into(),
            role: Role::Operator,
            unit: Some("935".into()),
            revision: 0,
        },
    )
    .unwrap();
    let before = svc.audit(&actor(), &AuditQuery::default()).unwrap().items[0].seq;
    svc.save_report(&who, input("31441", "2024-04", &[("to_giac", 1)]))
        .unwrap();
    svc.submit_report(&who, "31441", Period::parse("2024-04").unwrap())
        .unwrap();
    let items = svc
        .audit(
            &who,
            &AuditQuery {
                limit: 2,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert_eq!(
        items.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["report.submit", "report.save"]
    );
    assert!(items
        .iter()
        .all(|e| e.actor == "canbo.xa" && e.seq > before));
    // A refused command writes no audit entry.
    let _ = svc.approve_report(&who, "31441", Period::parse("2024-05").unwrap());
    assert_eq!(
        svc.audit(
            &who,
            &AuditQuery {
                limit: 1,
                ..Default::default()
            }
        )
        .unwrap()
        .items[0]
            .seq,
        items[0].seq
    );
}

#[test]
fn calls_need_an_actor() {
    let (_s, svc) = sample();
    let e = svc.unit(&Actor::new(" "), "93").unwrap_err();
    assert_eq!(e.en(), "actor: no acting user was given");
}

#[test]
fn sample_reports_pass_the_same_validation_as_typed_ones() {
    let (_s, svc) = sample();
    let a = actor();
    let cat = svc.indicators(&a).unwrap();
    let all = svc
        .reports(
            &a,
            &ReportQuery {
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert_eq!(all.len(), 16);
    for r in all {
        let u = svc.unit(&a, &antq::domain::unit::exact(&r.unit)).unwrap();
        assert!(u.overlaps(r.period.start(), r.period.end()));
        for (code, _) in &r.values {
            let ind = cat.iter().find(|i| &i.code == code).unwrap();
            assert!(ind.applies(u.kind, r.period.kind), "{code} on {}", r.unit);
        }
    }
    assert!(svc.check(&a).unwrap().problems.is_empty());
}

#[test]
fn newer_schema_is_refused_plainly() {
    let s = TempStore::new();
    drop(s.service());
    {
        // sled's flusher thread may hold the lock for a moment after the service is dropped.
        let mut tries = 0;
        let db = loop {
            match sled::open(s.path()) {
                Ok(db) => break db,
                Err(e) if tries > 100 => panic!("store still locked: {e}"),
                Err(_) => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
        };
        db.open_tree("meta")
            .unwrap()
            .insert("schema", &99u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    // As above: wait out sled's own lock before reading the answer.
    let mut tries = 0;
    let e = loop {
        let e = LocalService::open(&s.path()).err().unwrap();
        if !e.en().contains("already open") || tries > 100 {
            break e;
        }
        tries += 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(
        e.en(),
        format!(
            "the store {} has schema 99, newer than this antq understands ({}); upgrade antq",
            s.path().display(),
            antq::store::SCHEMA_VERSION
        )
    );
}

#[test]
fn unknown_users_are_refused_with_whom_to_ask() {
    let (_s, svc) = sample();
    let e = svc
        .units(&Actor::new("lan"), &UnitQuery::default())
        .unwrap_err();
    assert_eq!(e.en(), "user lan has no antq account; ask the province administrator to run: antq user add lan --role operator --unit CODE");
}

#[test]
fn a_commune_operator_stays_in_its_commune() {
    let (_s, svc) = sample();
    // The old Nàng Mau: 31441 names the new Vị Thủy today.
    let op = user(&svc, "xa.nangmau", Role::Operator, Some("31441@"));
    // Writes inside.
    svc.save_report(&op, input("31441", "2024-04", &[("to_giac", 1)]))
        .unwrap();
    // Writes and reads outside are refused, and change nothing.
    let e = svc
        .save_report(&op, input("31444", "2024-04", &[("to_giac", 1)]))
        .unwrap_err();
    assert_eq!(
        e.en(),
        "31444 is outside your area (31441); ask an administrator if you need it"
    );
    assert!(svc
        .report(&actor(), "31444", Period::parse("2024-04").unwrap())
        .unwrap()
        .is_none());
    assert!(svc
        .report(&op, "31338", Period::parse("2024-03").unwrap())
        .is_err());
    assert!(svc.unit(&op, "31444").is_err());
    // Listings show only its own subtree, whatever it asks for.
    let units = svc
        .units(
            &op,
            &UnitQuery {
                include_retired: true,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert_eq!(
        units.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(),
        ["31441"]
    );
    let found = svc
        .units(
            &op,
            &UnitQuery {
                search: Some("vinh".into()),
                include_retired: true,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert!(found.is_empty());
    assert!(svc
        .reports(
            &op,
            &ReportQuery {
                under: Some("93".into()),
                ..Default::default()
            }
        )
        .is_err());
    let all = svc
        .reports(
            &op,
            &ReportQuery {
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert!(all.iter().all(|r| r.unit == "31441"));
    let c = svc
        .completeness(&op, Period::parse("2024-03").unwrap(), None)
        .unwrap();
    assert_eq!(c.expected, 1);
    assert!(svc
        .tasks(
            &op,
            &TaskQuery {
                statuses: TaskStatus::ALL.to_vec(),
                ..Default::default()
            }
        )
        .unwrap()
        .items
        .iter()
        .all(|t| t.lead_unit == "31441"));
    assert!(svc
        .exemplars(&op, None)
        .unwrap()
        .iter()
        .all(|e| e.unit == "31441"));
    // It may not approve, nor touch units or the catalogue.
    svc.submit_report(&op, "31441", Period::parse("2024-04").unwrap())
        .unwrap();
    let e = svc
        .approve_report(&op, "31441", Period::parse("2024-04").unwrap())
        .unwrap_err();
    assert_eq!(
        e.en(),
        "your role (operator) cannot do this; it needs approver or above"
    );
    assert!(svc
        .retire_unit(&op, "31441", Date::constant(2025, 1, 1))
        .is_err());
    assert!(svc.check(&op).is_err());
}

#[test]
fn viewers_read_and_approvers_approve_below_their_unit() {
    let (_s, svc) = sample();
    let viewer = user(&svc, "xem.935", Role::Viewer, Some("935"));
    assert!(svc
        .report(&viewer, "31441", Period::parse("2024-03").unwrap())
        .unwrap()
        .is_some());
    let e = svc
        .save_report(&viewer, input("31441", "2024-04", &[("to_giac", 1)]))
        .unwrap_err();
    assert_eq!(
        e.en(),
        "your role (viewer) cannot do this; it needs operator or above"
    );
    let district = user(&svc, "duyet.930", Role::Approver, Some("930"));
    svc.approve_report(&district, "31338", Period::parse("2024-03").unwrap())
        .unwrap();
    let commune = user(&svc, "duyet.31441", Role::Approver, Some("31441@"));
    svc.save_report(&commune, input("31441", "2024-05", &[("to_giac", 1)]))
        .unwrap();
    svc.submit_report(&commune, "31441", Period::parse("2024-05").unwrap())
        .unwrap();
    let e = svc
        .approve_report(&commune, "31441", Period::parse("2024-05").unwrap())
        .unwrap_err();
    assert_eq!(
        e.en(),
        "approvers approve the units below their own, not 31441 itself; ask the level above"
    );
}

#[test]
fn only_admins_manage_users() {
    let (_s, svc) = sample();
    let op = user(&svc, "op", Role::Operator, Some("935"));
    let e = svc
        .add_user(
            &op,
            Account {
                name: "x".into(),
                role: Role::Admin,
                unit: None,
                revision: 0,
            },
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "your role (operator) cannot do this; it needs admin or above"
    );
    let e = svc
        .add_user(
            &actor(),
            Account {
                name: "y".into(),
                role: Role::Operator,
                unit: None,
                revision: 0,
            },
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "unit: every role but admin needs a unit (--unit CODE)"
    );
    svc.remove_user(&actor(), "op").unwrap();
    assert!(svc.units(&op, &UnitQuery::default()).is_err());
}

#[test]
fn reports_page_by_key_once_each_and_refuse_a_forged_cursor() {
    let (_s, svc) = sample();
    let a = actor();
    // Each page starts after the last key of the one before: every report once, in key order.
    let (mut seen, mut after) = (Vec::new(), String::new());
    loop {
        let q = ReportQuery {
            after: Some(after.clone()),
            limit: 3,
            ..Default::default()
        };
        let p = svc.reports(&a, &q).unwrap();
        assert!(p.items.len() <= 3 && p.next.is_none());
        seen.extend(p.items.iter().map(|r| format!("{}/{}", r.unit, r.period)));
        match p.cursor {
            Some(c) => after = c,
            None => break,
        }
    }
    let by_offset = svc
        .reports(
            &a,
            &ReportQuery {
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert_eq!(seen.len(), by_offset.len());
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "no report twice");
    // An operator asking by key still sees only its own area.
    let op = user(&svc, "op.key", Role::Operator, Some("31441@"));
    let mine = svc
        .reports(
            &op,
            &ReportQuery {
                after: Some(String::new()),
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
    assert!(
        !mine.is_empty() && mine.iter().all(|r| r.unit == "31441"),
        "{mine:?}"
    );
    let e = svc
        .reports(
            &a,
            &ReportQuery {
                after: Some("zz".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "after: the page cursor is not one antq gave; start again from the first page"
    );
}

#[test]
fn only_admins_undo_merges_and_operators_edit_tasks_only_in_their_area() {
    let (_s, svc) = sample();
    let op = user(&svc, "op", Role::Operator, Some("31453"));
    let approver = user(&svc, "ap", Role::Approver, Some("93"));
    let merged = svc.unit(&actor(), "31447@").unwrap();
    for who in [&op, &approver] {
        let e = svc.unmerge_unit(who, "31447@").unwrap_err();
        assert!(e.en().starts_with("your role ("), "{}", e.en());
        assert!(svc.unretire_unit(who, "31447@").is_err());
    }
    assert_eq!(svc.unit(&actor(), "31447@").unwrap(), merged);
    // Task 6 is led by the old province: outside an operator of 31453, whose edit changes nothing.
    let before = svc.task(&actor(), 6).unwrap();
    let patch = TaskPatch {
        title: Some("x".into()),
        ..Default::default()
    };
    let e = svc.edit_task(&op, 6, patch.clone()).unwrap_err();
    assert!(e.en().contains("outside your area"), "{}", e.en());
    // Nor can a task inside the area be handed to a unit outside it.
    let inside = svc
        .add_task(
            &op,
            NewTask {
                title: "Trong huyện".into(),
                details: String::new(),
                source: None,
                lead_unit: "31453".into(),
                coordinating: vec![],
                due: jiff::civil::Date::constant(2027, 6, 30),
                priority: antq::domain::task::Priority::Normal,
            },
        )
        .unwrap();
    let moved = TaskPatch {
        lead_unit: Some("31441".into()),
        ..Default::default()
    };
    let e = svc.edit_task(&op, inside.id, moved).unwrap_err();
    assert!(e.en().contains("outside your area"), "{}", e.en());
    assert_eq!(svc.task(&actor(), 6).unwrap(), before);
    assert_eq!(svc.task(&actor(), inside.id).unwrap(), inside);
}

/// A unit that is an account's area cannot be deleted: a new unit taking its code would fall
/// into that account's hands. `check` names such an account if one is ever left behind.
#[test]
fn a_unit_with_accounts_cannot_be_deleted() {
    let s = TempStore::new();
    let svc = s.service();
    antq::sample::load(&svc, &actor()).unwrap();
    svc.add_unit(
        &actor(),
        NewUnit {
            code: "TMP1".into(),
            name: "Tổ thử".into(),
            kind: UnitKind::ResidentialArea,
            parent: Some("31338".into()),
            valid_from: None,
            notes: String::new(),
        },
    )
    .unwrap();
    user(&svc, "totruong", Role::Operator, Some("TMP1"));
    let e = svc.delete_unit(&actor(), "TMP1").unwrap_err();
    assert_eq!(
        e.en(),
        "unit TMP1: is the area of the account(s) totruong, so it cannot be deleted; move them to another unit (antq user add NAME --role ROLE --unit CODE) or remove them (antq user remove NAME) first"
    );
    assert!(svc.unit(&actor(), "TMP1").is_ok(), "nothing deleted");
    svc.remove_user(&actor(), "totruong").unwrap();
    svc.delete_unit(&actor(), "TMP1").unwrap();
    assert!(svc.check(&actor()).unwrap().problems.is_empty());
}

/// The reader that keeps its last chunk reads what a plain read does, in any order: chunk
/// after chunk, back to an earlier one, a unit its chunk lacks, a chunk that does not exist.
#[test]
fn a_report_reader_reads_what_a_plain_read_does_in_any_order() {
    let (_s, svc) = sample();
    let store = svc.store();
    let mut all = Vec::new();
    for r in store.reports_from(None) {
        let (_, r) = r.unwrap();
        all.push((r.unit.clone(), r.period));
    }
    assert!(all.len() > 10, "the sample has reports: {}", all.len());
    // Some reports share a chunk, so the kept chunk is read more than once.
    let keys: Vec<Vec<u8>> = all
        .iter()
        .map(|(u, p)| antq::store::packed::chunk_key(*p, u))
        .collect();
    assert!(keys.windows(2).any(|w| w[0] == w[1]));
    let p = all[0].1;
    let mut asks = all.clone();
    asks.extend(all.iter().rev().cloned());
    asks.push(("NOBODY".into(), p));
    asks.push((all[0].0.clone(), Period::parse("1990-01").unwrap()));
    let mut reader = store.report_reader();
    let mut found = 0;
    for (unit, period) in &asks {
        let plain = store.report(unit, *period).unwrap();
        found += usize::from(plain.is_some());
        assert_eq!(
            reader.report(unit, *period).unwrap(),
            plain,
            "{unit} {period}"
        );
    }
    assert_eq!(found, 2 * all.len());
}

/// An upload is imported by the account that sent it, as that account; one a viewer sends is
/// refused, and a file of one figure per row (read whole) is bounded as one request was.
#[test]
fn uploads_import_as_their_sender_and_long_files_stay_bounded() {
    let (_s, svc) = sample();
    let a = actor();
    let rows: antq::exchange::table_rows::Rows = [
        (2, vec!["31441".to_string(), "2024-05".into(), "3".into()]),
        (3, vec!["31444".to_string(), "2024-05".into(), "4".into()]),
    ]
    .into_iter()
    .collect();
    let head = |headers: &[&str]| ImportHead {
        kind: ImportKind::Reports,
        file: "sent.csv".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
    };
    user(&svc, "xem", Role::Viewer, Some("935"));
    let viewer = Actor::new("xem");
    assert_eq!(
        svc.upload_part(&viewer, 0, rows.clone()).unwrap_err().en(),
        "your role (viewer) cannot do this; it needs operator or above"
    );
    let id = svc.upload_part(&a, 0, rows.clone()).unwrap();
    let other = Actor::new("xem");
    let taken = svc.import_upload(&other, id, head(&["unit", "period", "to_giac"]), false);
    assert!(taken.is_err(), "another account cannot import this upload");
    let o = svc
        .import_upload(&a, id, head(&["unit", "period", "to_giac"]), false)
        .unwrap();
    assert_eq!(o.added_total, 2);
    let p = Period::parse("2024-05").unwrap();
    let r = svc.report(&a, "31444", p).unwrap().unwrap();
    assert_eq!(r.values, vec![("to_giac".to_string(), 4)]);
    // Past one request's worth, a long file is refused before anything is read into the store.
    let before = svc.report(&a, "31441", p).unwrap();
    let mut id = 0;
    let line = vec![
        "31441".to_string(),
        "2024-05".into(),
        "to_giac".into(),
        "9".into(),
    ];
    let part: antq::exchange::table_rows::Rows =
        (0..200_000).map(|i| (i + 2, line.clone())).collect();
    for _ in 0..3 {
        id = svc.upload_part(&a, id, part.clone()).unwrap();
    }
    let e = svc
        .import_upload(
            &a,
            id,
            head(&["unit", "period", "indicator", "value"]),
            false,
        )
        .unwrap_err();
    assert_eq!(
        e.en(),
        "file: a file of one figure per row is read whole, and this one is larger than the server takes at once (16 MB); split it, or send it with a column per indicator"
    );
    assert_eq!(
        svc.report(&a, "31441", p).unwrap(),
        before,
        "nothing changed"
    );
}
