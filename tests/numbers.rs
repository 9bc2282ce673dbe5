//! Issue 23: numbers that add up. A quarter, half or year is the report filed for it, or made
//! from the shorter periods inside it (flows summed, stocks at their latest); the year of the
//! 2025 reform counts each event once.

use crate::common;

use antq::domain::made::Source;
use antq::domain::period::Period;
use antq::service::*;
use common::{actor, at, TempStore};

fn sample_at(t: i64) -> (TempStore, LocalService) {
    let s = TempStore::new();
    let mut svc = s.service();
    svc.set_clock(move || t);
    antq::sample::load(&svc, &actor()).unwrap();
    (s, svc)
}

fn file(svc: &LocalService, unit: &str, period: &str, vals: &[(&str, u32)]) {
    svc.save_report(&actor(), common::report_input(unit, period, vals))
        .unwrap();
    svc.submit_report(&actor(), unit, Period::parse(period).unwrap())
        .unwrap();
}

/// The chosen unit's row: (its totals by indicator code, where they come from, differs).
fn top(svc: &LocalService, period: &str, under: &str) -> (Vec<(String, u64)>, Source, bool) {
    let s = svc
        .summary(&actor(), Period::parse(period).unwrap(), Some(under))
        .unwrap();
    let r = &s.rows[0];
    let totals = s.indicators.iter().cloned().zip(r.totals.clone()).collect();
    (totals, r.source, r.differs)
}

fn value(totals: &[(String, u64)], code: &str) -> u64 {
    totals.iter().find(|(c, _)| c == code).map_or(0, |x| x.1)
}

#[test]
fn a_quarter_is_made_from_its_months_and_says_so() {
    let (_s, svc) = sample_at(at(2026, 10, 10));
    for (m, models) in [("07", 10), ("08", 11), ("09", 12)] {
        file(
            &svc,
            "31321",
            &format!("2026-{m}"),
            &[("tt_buoi", 4), ("mh_so", models)],
        );
    }
    let (t, source, differs) = top(&svc, "2026-Q3", "31321");
    assert_eq!(value(&t, "tt_buoi"), 12, "sessions are summed");
    assert_eq!(
        value(&t, "mh_so"),
        12,
        "active models are the latest month's"
    );
    assert_eq!(source, Source::Made { months: 3, of: 3 });
    assert!(!differs);
    // The year is made from the same months, and says it covers 3 of 12.
    let (t, source, _) = top(&svc, "2026", "31321");
    assert_eq!(value(&t, "tt_buoi"), 12);
    assert_eq!(source, Source::Made { months: 3, of: 12 });
    // The quarter's form opens with the made figures.
    let made = svc
        .made_report(&actor(), "31321", Period::parse("2026-Q3").unwrap())
        .unwrap()
        .unwrap();
    assert!(made.values.contains(&("tt_buoi".into(), 12)));
    assert!(made.values.contains(&("mh_so".into(), 12)));
    assert_eq!(made.source, Source::Made { months: 3, of: 3 });
    // Completeness keeps its meaning: no quarter report was filed.
    let s = svc
        .summary(&actor(), Period::parse("2026-Q3").unwrap(), Some("31321"))
        .unwrap();
    assert_eq!(s.rows[0].submitted, 0);
    assert_eq!((s.rows[0].made, s.rows[0].partial), (1, 0));
}

#[test]
fn missing_months_make_a_partial_figure_and_a_filed_quarter_that_differs_is_flagged() {
    let (_s, svc) = sample_at(at(2026, 10, 10));
    file(&svc, "31321", "2026-07", &[("tt_buoi", 4)]);
    file(&svc, "31321", "2026-08", &[("tt_buoi", 5)]);
    let (t, source, _) = top(&svc, "2026-Q3", "31321");
    assert_eq!(value(&t, "tt_buoi"), 9);
    assert_eq!(source, Source::Made { months: 2, of: 3 });
    assert!(source.is_partial());
    // A filed quarter is used; with all three months in and a different sum, it is flagged.
    file(&svc, "31321", "2026-Q3", &[("tt_buoi", 10)]);
    let (t, source, differs) = top(&svc, "2026-Q3", "31321");
    assert_eq!(
        (value(&t, "tt_buoi"), source, differs),
        (10, Source::Filed, false)
    );
    file(&svc, "31321", "2026-09", &[("tt_buoi", 4)]);
    let (t, source, differs) = top(&svc, "2026-Q3", "31321");
    assert_eq!(
        (value(&t, "tt_buoi"), source, differs),
        (10, Source::Filed, true)
    );
    // A month that is not submitted does not count.
    let (_s2, svc2) = sample_at(at(2026, 10, 10));
    svc2.save_report(
        &actor(),
        common::report_input("31321", "2026-07", &[("tt_buoi", 4)]),
    )
    .unwrap();
    let (t, source, _) = top(&svc2, "2026-Q3", "31321");
    assert_eq!((value(&t, "tt_buoi"), source), (0, Source::Missing));
}

/// The old communes 31441 Nàng Mau and 31444 Vị Trung became the new Vị Thủy (31441) on
/// 01/07/2025.
#[test]
fn the_reform_year_counts_each_event_once_when_old_units_file_h1_and_new_ones_h2() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    file(&svc, "31441", "2025-H1", &[("tt_buoi", 3), ("mh_so", 2)]);
    file(&svc, "31444", "2025-H1", &[("tt_buoi", 5), ("mh_so", 4)]);
    for m in 7..=12 {
        file(
            &svc,
            "31441",
            &format!("2025-{m:02}"),
            &[("tt_buoi", 1), ("mh_so", 7)],
        );
    }
    let (t, source, _) = top(&svc, "2025", "31441");
    assert_eq!(value(&t, "tt_buoi"), 3 + 5 + 6, "each half once");
    assert_eq!(
        value(&t, "mh_so"),
        7,
        "the models of December, not June's added"
    );
    assert_eq!(source, Source::Made { months: 12, of: 12 });
}

#[test]
fn the_reform_year_counts_each_event_once_when_the_new_unit_files_the_whole_year() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    file(&svc, "31441", "2025-H1", &[("tt_buoi", 3)]);
    file(&svc, "31444", "2025-H1", &[("tt_buoi", 5)]);
    // The new commune's year report speaks for its whole area, the old communes' half too.
    file(&svc, "31441", "2025", &[("tt_buoi", 20)]);
    let s = svc
        .summary(&actor(), Period::parse("2025").unwrap(), Some("31441"))
        .unwrap();
    let col = s.indicators.iter().position(|c| c == "tt_buoi").unwrap();
    assert_eq!(s.rows[0].totals[col], 20);
    assert_eq!(s.rows[0].source, Source::Filed);
    assert_eq!(
        s.rows[0].absorbed.len(),
        2,
        "the old communes are listed, not added"
    );
}

#[test]
fn the_cli_marks_made_figures() {
    let s = TempStore::with_sample();
    for m in ["07", "08", "09"] {
        let p = format!("2026-{m}");
        s.stdout(&["report", "set", "31321", &p, "tt_buoi=4"]);
        s.stdout(&["report", "submit", "31321", &p]);
    }
    let out = s.stdout(&["summary", "--period", "2026-Q3", "--under", "31321"]);
    assert!(out.contains("Vị Thanh *"), "{out}");
    assert!(
        out.contains("* 31321 Vị Thanh: no report for 2026-Q3; figures made from 3 of 3 months"),
        "{out}"
    );
    let csv = s.stdout(&[
        "summary", "--period", "2026-Q3", "--under", "31321", "--format", "csv",
    ]);
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |h: &str| row[head.iter().position(|x| *x == h).unwrap()];
    assert_eq!(
        (col("tt_buoi"), col("source"), col("months")),
        ("12", "made", "3/3")
    );
}

/// Today's Cần Thơ (92, from 01/07/2025) in March 2024 is old Hậu Giang (93) as it was then.
#[test]
fn a_unit_made_by_the_reform_summarises_its_area_as_it_was_before() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    let p = Period::parse("2024-03").unwrap();
    let today = svc.summary(&actor(), p, Some("92")).unwrap();
    let old = svc.summary(&actor(), p, Some("93")).unwrap();
    assert!(today.rows[0].code.starts_with("92"));
    assert_eq!(today.area.len(), 1);
    assert_eq!(today.area[0].unit, "93");
    assert_eq!(
        today.area_heading(antq::i18n::Lang::En).unwrap(),
        "Today's area of 92 Cần Thơ, as it was in 2024-03: 93 Hậu Giang (old)"
    );
    assert_eq!(
        today.rows[0].totals, old.rows[0].totals,
        "the same figures, once"
    );
    assert_eq!(
        (today.rows[0].expected, today.rows[0].submitted),
        (old.rows[0].expected, old.rows[0].submitted)
    );
    assert!(
        old.rows[0].submitted > 0,
        "the sample has March 2024 reports"
    );
    assert_eq!(today.rows.len(), old.rows.len() + 1);
    // A new commune's area then: the old communes that became it.
    let vi_thuy = svc.summary(&actor(), p, Some("31441")).unwrap();
    let codes: Vec<&str> = vi_thuy.area.iter().map(|a| a.unit.as_str()).collect();
    assert_eq!(codes, ["31441", "31444", "31450"]);
    // The old holder of a reused code is still reachable by its own identity.
    let old_vi_thuy = svc.summary(&actor(), p, Some("31441@")).unwrap();
    assert!(old_vi_thuy.area.is_empty());
    assert_eq!(old_vi_thuy.rows[0].code, "31441");
}

/// An approver of today's 92 summarises 2024 without naming a unit: their area, then.
#[test]
fn a_user_of_a_new_unit_summarises_a_period_before_it_existed() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    let boss = common::user(
        &svc,
        "boss",
        antq::domain::account::Role::Approver,
        Some("92"),
    );
    let p = Period::parse("2024-03").unwrap();
    let s = svc.summary(&boss, p, None).unwrap();
    assert_eq!(s.area.len(), 1);
    let old = svc.summary(&actor(), p, Some("93")).unwrap();
    assert_eq!(s.rows[0].totals, old.rows[0].totals);
}

/// Pre-reform periods work for a user tied to a new unit: their area, then.
#[test]
fn an_approver_of_a_new_unit_lists_and_counts_a_month_before_it_existed() {
    let (_s, svc) = sample_at(at(2025, 7, 20));
    let boss = common::user(
        &svc,
        "boss",
        antq::domain::account::Role::Approver,
        Some("92"),
    );
    let june = Period::parse("2025-06").unwrap();
    file(&svc, "31441", "2025-06", &[("tt_buoi", 2)]);
    let c = svc.completeness(&boss, june, None).unwrap();
    assert!(c.submitted >= 1);
    let old = svc.completeness(&actor(), june, Some("93")).unwrap();
    assert_eq!((c.expected, c.submitted), (old.expected, old.submitted));
    assert!(c.expected > 0);
    assert!(
        c.missing.iter().all(|u| !u.contains('@')),
        "old units, not new ones"
    );
    let q = ReportQuery {
        period: Some(june),
        ..ReportQuery::default()
    };
    let mine = svc.reports(&boss, &q).unwrap();
    let all = svc
        .reports(
            &actor(),
            &ReportQuery {
                under: Some("93".into()),
                ..q.clone()
            },
        )
        .unwrap();
    assert_eq!(mine.items.len(), all.items.len());
    assert!(
        mine.items.iter().any(|r| r.unit == "31441"),
        "the old Nàng Mau's June report"
    );
}

/// Names are not secret to those they border: an operator of the new Vị Thủy reads the units
/// above it and the old communes it was formed from, not a neighbour's record.
#[test]
fn an_operator_sees_the_names_on_its_path_and_lineage() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    let op = common::user(
        &svc,
        "op",
        antq::domain::account::Role::Operator,
        Some("31441"),
    );
    assert_eq!(svc.unit(&op, "92").unwrap().name, "Cần Thơ");
    assert_eq!(svc.unit(&op, "31444@").unwrap().name, "Vị Trung");
    let e = svc.unit(&op, "31321").unwrap_err();
    assert!(e.en().contains("is outside your area"), "{}", e.en());
}

/// A merged unit's open tasks are its successor's: Nàng Mau's (old 31441) show for the new Vị
/// Thủy's operator.
#[test]
fn a_successor_sees_the_open_tasks_of_the_units_it_was_formed_from() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    let inherited: Vec<u64> = svc
        .tasks(&actor(), &TaskQuery::default())
        .unwrap()
        .items
        .iter()
        .filter(|t| ["31441", "31444", "31450"].contains(&t.lead_unit.as_str()))
        .map(|t| t.id)
        .collect();
    assert!(
        !inherited.is_empty(),
        "the sample has an old commune's open task"
    );
    let op = common::user(
        &svc,
        "op",
        antq::domain::account::Role::Operator,
        Some("31441"),
    );
    let mine: Vec<u64> = svc
        .tasks(&op, &TaskQuery::default())
        .unwrap()
        .items
        .iter()
        .map(|t| t.id)
        .collect();
    for id in inherited {
        assert!(mine.contains(&id), "task {id} is missing from {mine:?}");
    }
}

/// An approver hands an ended unit's open task over to its successor in one step; a task of a
/// unit still active is refused with why.
#[test]
fn an_ended_units_task_is_handed_over_in_one_step() {
    let (_s, svc) = sample_at(at(2026, 1, 20));
    let old = svc
        .tasks(&actor(), &TaskQuery::default())
        .unwrap()
        .items
        .into_iter()
        .find(|t| t.lead_unit == "31441")
        .expect("the sample has an open task of old Nàng Mau");
    let boss = common::user(
        &svc,
        "boss",
        antq::domain::account::Role::Approver,
        Some("92"),
    );
    let t = svc
        .hand_over_task(&boss, old.id, Some(old.revision))
        .unwrap();
    assert_eq!(t.lead_unit, "31441@2025-07-01");
    let e = svc.hand_over_task(&boss, old.id, None).unwrap_err();
    assert_eq!(
        e.en(),
        format!("task {}: its lead unit 31441 Vị Thủy is still active; there is nothing to hand over (change the lead with e)", old.id)
    );
}

/// The same figures through `antq serve`: the area heading and the made quarter cross the wire.
#[test]
fn through_the_server_the_area_and_made_figures_arrive_whole() {
    let s = TempStore::with_sample();
    let sock = s.dir.path().join("antq.sock");
    let _server = common::Kill(
        std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
            .args(["serve", "--socket"])
            .arg(&sock)
            .env("ANTQ_DB", s.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    common::wait_for_socket(&sock);
    let via = |args: &[&str]| {
        let mut all = vec!["--connect", sock.to_str().unwrap()];
        all.extend(args);
        s.stdout(&all)
    };
    let out = via(&["summary", "--period", "2024", "--under", "92"]);
    assert!(
        out.contains("Today's area of 92 Cần Thơ, as it was in 2024: 93 Hậu Giang (old)"),
        "{out}"
    );
    for m in ["07", "08", "09"] {
        let p = format!("2026-{m}");
        via(&["report", "set", "31321", &p, "tt_buoi=4"]);
        via(&["report", "submit", "31321", &p]);
    }
    let out = via(&["summary", "--period", "2026-Q3", "--under", "31321"]);
    assert!(out.contains("figures made from 3 of 3 months"), "{out}");
    let out = via(&[
        "report",
        "completeness",
        "--period",
        "2025-06",
        "--under",
        "92",
    ]);
    assert!(out.starts_with("Period 2025-06: submitted "), "{out}");
}
