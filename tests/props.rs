//! Random sequences of operations, valid or not, keep every index consistent with its records.

use crate::common;

use antq::domain::period::Period;
use antq::domain::task::Priority;
use antq::domain::unit::UnitKind;
use antq::service::*;
use common::{actor, TempStore};
use jiff::civil::Date;
use proptest::prelude::*;

const CODES: [&str; 8] = ["P1", "D1", "D2", "C1", "C2", "C3", "H1", "H2"];
const KINDS: [UnitKind; 4] = [
    UnitKind::Province,
    UnitKind::District,
    UnitKind::Commune,
    UnitKind::ResidentialArea,
];
const INDS: [&str; 4] = ["to_giac", "hoa_giai", "ho_dk", "nope"];

#[derive(Debug, Clone)]
enum Op {
    AddUnit(usize, usize, usize),
    Move(usize, usize),
    Rename(usize, u8),
    Save(usize, u8, usize, u32),
    Submit(usize, u8),
    Approve(usize, u8),
    Return(usize, u8),
    AddTask(usize, u16),
    Log(u64, u8),
    Done(u64),
    Merge(usize, usize),
    Retire(usize),
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8usize, 0..4usize, 0..8usize).prop_map(|(c, k, p)| Op::AddUnit(c, k, p)),
        (0..8usize, 0..8usize).prop_map(|(c, p)| Op::Move(c, p)),
        (0..8usize, any::<u8>()).prop_map(|(c, n)| Op::Rename(c, n)),
        (0..8usize, 1..4u8, 0..4usize, any::<u32>()).prop_map(|(c, m, i, v)| Op::Save(c, m, i, v)),
        (0..8usize, 1..4u8).prop_map(|(c, m)| Op::Submit(c, m)),
        (0..8usize, 1..4u8).prop_map(|(c, m)| Op::Approve(c, m)),
        (0..8usize, 1..4u8).prop_map(|(c, m)| Op::Return(c, m)),
        (0..8usize, 0..400u16).prop_map(|(c, d)| Op::AddTask(c, d)),
        (1..6u64, 0..120u8).prop_map(|(t, p)| Op::Log(t, p)),
        (1..6u64).prop_map(Op::Done),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Op::Merge(a, b)),
        (0..8usize).prop_map(Op::Retire),
        (0..8usize).prop_map(Op::Delete),
    ]
}

fn month(m: u8) -> Period {
    Period::month(2024, m)
}

fn apply(svc: &LocalService, a: &Actor, op: &Op) {
    let c = |i: usize| CODES[i].to_string();
    let _ = match op {
        Op::AddUnit(ci, k, p) => svc
            .add_unit(
                a,
                NewUnit {
                    code: c(*ci),
                    name: format!("Đơn vị {}", CODES[*ci]),
                    kind: KINDS[*k],
                    parent: (*k > 0).then(|| c(*p)),
                    valid_from: None,
                    notes: String::new(),
                },
            )
            .map(|_| ()),
        Op::Move(ci, p) => svc
            .edit_unit(
                a,
                &c(*ci),
                UnitPatch {
                    parent: Some(Some(c(*p))),
                    ..Default::default()
                },
            )
            .map(|_| ()),
        Op::Rename(ci, n) => svc
            .edit_unit(
                a,
                &c(*ci),
                UnitPatch {
                    name: Some(format!("Tên mới {n}")),
                    ..Default::default()
                },
            )
            .map(|_| ()),
        Op::Save(ci, m, i, v) => svc
            .save_report(
                a,
                ReportInput {
                    unit: c(*ci),
                    period: month(*m),
                    values: vec![(INDS[*i].into(), Some(*v))],
                    narrative: None,
                    base_revision: None,
                },
            )
            .map(|_| ()),
        Op::Submit(ci, m) => svc.submit_report(a, &c(*ci), month(*m)).map(|_| ()),
        Op::Approve(ci, m) => svc.approve_report(a, &c(*ci), month(*m)).map(|_| ()),
        Op::Return(ci, m) => svc
            .return_report(a, &c(*ci), month(*m), "sửa lại")
            .map(|_| ()),
        Op::AddTask(ci, d) => svc
            .add_task(
                a,
                NewTask {
                    title: "Việc".into(),
                    details: String::new(),
                    source: None,
                    lead_unit: c(*ci),
                    coordinating: vec![],
                    due: Date::constant(2024, 1, 1)
                        .checked_add(jiff::Span::new().days(*d as i64))
                        .unwrap(),
                    priority: Priority::Normal,
                },
            )
            .map(|_| ()),
        Op::Log(t, p) => svc.log_task(a, *t, "tiến độ", Some(*p)).map(|_| ()),
        Op::Done(t) => svc.complete_task(a, *t).map(|_| ()),
        Op::Merge(x, y) => svc
            .merge_units(a, &[c(*x)], &c(*y), Date::constant(2025, 7, 1))
            .map(|_| ()),
        Op::Retire(x) => svc
            .retire_unit(a, &c(*x), Date::constant(2025, 1, 1))
            .map(|_| ()),
        Op::Delete(x) => svc.delete_unit(a, &c(*x)),
    };
}

static SUCCEEDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn audit_len(svc: &LocalService, a: &Actor) -> usize {
    svc.audit(
        a,
        &AuditQuery {
            limit: MAX_LIMIT,
            ..Default::default()
        },
    )
    .unwrap()
    .items
    .len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn indexes_stay_consistent(ops in proptest::collection::vec(op(), 1..60)) {
        let s = TempStore::new();
        let svc = s.service();
        let a = actor();
        for ind in antq::sample::indicators().unwrap() {
            svc.put_indicator(&a, ind).unwrap();
        }
        // A small tree to start from, so most operations have something to act on.
        for (ci, k, p) in [(0, 0, 0), (1, 1, 0), (2, 1, 0), (3, 2, 1), (4, 2, 1), (5, 2, 2)] {
            apply(&svc, &a, &Op::AddUnit(ci, k, p));
        }
        let base = audit_len(&svc, &a);
        for op in &ops {
            apply(&svc, &a, op);
        }
        SUCCEEDED.fetch_add(audit_len(&svc, &a) - base, std::sync::atomic::Ordering::Relaxed);
        let report = svc.check(&a).unwrap();
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        // Listings built from indexes agree with a full scan of the records.
        let all = svc.reports(&a, &ReportQuery { limit: MAX_LIMIT, ..Default::default() }).unwrap().items;
        for m in 1..4u8 {
            let by_period = svc.reports(&a, &ReportQuery { period: Some(month(m)), limit: MAX_LIMIT, ..Default::default() }).unwrap().items;
            let mut want: Vec<_> = all.iter().filter(|r| r.period == month(m)).map(|r| r.unit.clone()).collect();
            let mut got: Vec<_> = by_period.iter().map(|r| r.unit.clone()).collect();
            want.sort();
            got.sort();
            prop_assert_eq!(got, want);
        }
        // The unit tree never holds a cycle.
        let units = svc.units(&a, &UnitQuery { include_retired: true, limit: MAX_LIMIT, ..Default::default() }).unwrap().items;
        for u in &units {
            let path = svc.unit_path(&a, &u.code).unwrap();
            prop_assert!(path.len() <= units.len());
            let mut codes: Vec<_> = path.iter().map(|p| p.code.clone()).collect();
            codes.sort();
            codes.dedup();
            prop_assert_eq!(codes.len(), path.len());
        }
    }
}

#[test]
fn random_operations_mostly_do_something() {
    // Guards the property above against a generator whose operations all fail.
    indexes_stay_consistent();
    assert!(SUCCEEDED.load(std::sync::atomic::Ordering::Relaxed) > 100);
}
