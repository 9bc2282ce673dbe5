//! Store and query benchmarks at national scale: 100k units, 1M reports, 100k tasks.
//!
//! The data set is generated once (deterministically) into `target/bench-data/` and reused.
//! `ANTQ_BENCH_SCALE=small` uses a tenth of the size for a quick run.

// A bench is a test program: unwrap says what failed, and a measurement reads whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use antq::domain::period::Period;
use antq::service::*;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

struct Scale {
    units: usize,
    reports: usize,
    tasks: usize,
}

fn scale() -> Scale {
    match std::env::var("ANTQ_BENCH_SCALE").as_deref() {
        Ok("small") => Scale {
            units: 10_000,
            reports: 100_000,
            tasks: 10_000,
        },
        _ => Scale {
            units: 100_000,
            reports: 1_000_000,
            tasks: 100_000,
        },
    }
}

fn dataset(s: &Scale) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(format!("db-{}-{}-{}", s.units, s.reports, s.tasks));
    let done = dir.join("complete");
    if done.exists() {
        return dir.join("db");
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let t = Instant::now();
    let mut svc = LocalService::open(&dir.join("db")).unwrap();
    svc.set_owner("bench");
    let a = Actor::new("bench");
    for ind in antq::sample::indicators().unwrap() {
        svc.put_indicator(&a, ind).unwrap();
    }
    let cat = svc.indicators(&a).unwrap();
    let bulk = antq::gen::generate(
        &antq::gen::Spec {
            units: s.units,
            reports: s.reports,
            tasks: s.tasks,
            seed: 1,
        },
        &cat,
    );
    svc.bulk_load(&a, bulk).unwrap();
    svc.store().flush().unwrap();
    eprintln!(
        "generated {} units, {} reports, {} tasks in {:.1?}",
        s.units,
        s.reports,
        s.tasks,
        t.elapsed()
    );
    std::fs::write(&done, b"").unwrap();
    dir.join("db")
}

fn open(path: &Path) -> LocalService {
    let mut svc = LocalService::open(path).unwrap();
    svc.set_owner("bench");
    svc
}

fn benches(c: &mut Criterion) {
    let s = scale();
    let path = dataset(&s);
    let a = Actor::new("bench");

    let mut g = c.benchmark_group("open");
    g.sample_size(10);
    g.bench_function("open_store", |b| b.iter(|| drop(black_box(open(&path)))));
    g.bench_function("open_store_and_build_unit_cache", |b| {
        b.iter(|| {
            let svc = open(&path);
            black_box(
                svc.units(
                    &a,
                    &UnitQuery {
                        limit: 1,
                        ..Default::default()
                    },
                )
                .unwrap(),
            );
        })
    });
    g.finish();

    let svc = open(&path);
    let district = "G01-03";
    let march = Period::parse("2024-03").unwrap();
    svc.units(
        &a,
        &UnitQuery {
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap();

    let mut g = c.benchmark_group("screen_queries");
    g.bench_function("baseline_sled_get", |b| {
        let t = svc.store().entries(antq::store::TreeId::Units);
        b.iter(|| black_box(t.get(district.as_bytes()).unwrap()))
    });
    g.bench_function("reports_page_period_under_district", |b| {
        let q = ReportQuery {
            period: Some(march),
            under: Some(district.into()),
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.reports(&a, &q).unwrap()))
    });
    g.bench_function("reports_page_period_whole_country", |b| {
        let q = ReportQuery {
            period: Some(march),
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.reports(&a, &q).unwrap()))
    });
    g.bench_function("folded_search_all_units_no_match", |b| {
        let q = UnitQuery {
            search: Some("khong co ten nay".into()),
            include_retired: true,
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.units(&a, &q).unwrap()))
    });
    g.bench_function("folded_search_all_units_page", |b| {
        let q = UnitQuery {
            search: Some("vinh thuan".into()),
            include_retired: true,
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.units(&a, &q).unwrap()))
    });
    g.bench_function("completeness_district", |b| {
        b.iter(|| black_box(svc.completeness_uncached(march, Some(district)).unwrap()))
    });
    g.bench_function("completeness_province", |b| {
        b.iter(|| black_box(svc.completeness_uncached(march, Some("G01")).unwrap()))
    });
    g.bench_function("completeness_whole_country", |b| {
        b.iter(|| black_box(svc.completeness_uncached(march, None).unwrap()))
    });
    // The roll-up reads each unit's report and sums indicators; completeness (above) only
    // reads the period index, so it is the baseline for the extra work.
    g.bench_function("summary_district", |b| {
        b.iter(|| black_box(svc.summary(&a, march, Some(district)).unwrap()))
    });
    g.bench_function("summary_province", |b| {
        b.iter(|| black_box(svc.summary(&a, march, Some("G01")).unwrap()))
    });
    g.bench_function("summary_whole_country", |b| {
        b.iter(|| black_box(svc.summary(&a, march, None).unwrap()))
    });
    // A quarter with no quarter reports is made from its months: three more lookups a unit
    // (issue 23). The month summaries above are its baseline.
    let q1 = Period::parse("2024-Q1").unwrap();
    g.bench_function("summary_province_quarter_from_months", |b| {
        b.iter(|| black_box(svc.summary(&a, q1, Some("G01")).unwrap()))
    });
    g.bench_function("summary_whole_country_quarter_from_months", |b| {
        b.iter(|| black_box(svc.summary(&a, q1, None).unwrap()))
    });
    g.bench_function("completeness_whole_country_memoised", |b| {
        b.iter(|| black_box(svc.completeness(&a, march, None).unwrap()))
    });
    g.bench_function("tasks_overdue_page", |b| {
        let q = TaskQuery {
            overdue: true,
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.tasks(&a, &q).unwrap()))
    });
    g.bench_function("tasks_overdue_page_under_district", |b| {
        let q = TaskQuery {
            overdue: true,
            under: Some(district.into()),
            limit: 50,
            ..Default::default()
        };
        b.iter(|| black_box(svc.tasks(&a, &q).unwrap()))
    });
    g.finish();

    let mut g = c.benchmark_group("writes");
    g.sample_size(30);
    g.bench_function("baseline_sled_insert_flush", |b| {
        let t = svc.store().entries(antq::store::TreeId::Meta);
        let mut i = 0u64;
        b.iter(|| {
            i += 1;
            t.insert_outside_transaction(b"bench", &i.to_be_bytes())
                .unwrap();
            svc.store().flush().unwrap();
        })
    });
    g.bench_function("save_report_with_flush", |b| {
        let mut i = 0u32;
        b.iter(|| {
            i += 1;
            let input = ReportInput {
                unit: "G01-03-004".into(),
                period: Period::parse("2026-01").unwrap(),
                values: vec![("to_giac".into(), Some(i))],
                narrative: None,
                base_revision: None,
            };
            black_box(svc.save_report(&a, input).unwrap())
        })
    });
    g.finish();
}

/// Spreadsheet import and bundles at national scale, against parsing alone as a baseline.
fn exchange(c: &mut Criterion) {
    let s = scale();
    let path = dataset(&s);
    let a = Actor::new("bench");
    let svc = open(&path);
    let all = svc
        .units(
            &a,
            &UnitQuery {
                include_retired: true,
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap();
    // The national registry as CSV: every unit, every page.
    let mut csv = String::from("code,name,kind,parent\n");
    let mut offset = 0;
    let mut page = all;
    loop {
        for u in &page.items {
            csv.push_str(&format!(
                "{},\"{}\",{},{}\n",
                u.code,
                u.name,
                u.kind.code(),
                u.parent.as_deref().unwrap_or("")
            ));
        }
        match page.next {
            Some(n) if n != offset => {
                offset = n;
                page = svc
                    .units(
                        &a,
                        &UnitQuery {
                            include_retired: true,
                            offset,
                            limit: MAX_LIMIT,
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            _ => break,
        }
    }
    eprintln!("national registry: {} bytes", csv.len());
    let mut g = c.benchmark_group("exchange");
    g.sample_size(10);
    g.bench_function("csv_parse_national_registry", |b| {
        b.iter(|| black_box(antq::exchange::csv_table::parse("units.csv", csv.as_bytes()).unwrap()))
    });
    g.bench_function("import_national_registry_dry_run", |b| {
        b.iter(|| {
            let t = antq::exchange::csv_table::parse("units.csv", csv.as_bytes()).unwrap();
            let table = ImportTable {
                kind: ImportKind::Units,
                file: "units.csv".into(),
                headers: t.headers,
                rows: t.rows,
            };
            black_box(svc.import(&a, table, true).unwrap())
        })
    });
    g.finish();
    district_month(c);
}

/// A district's month on the sample: every commune of Long Mỹ (936) enters all indicators for
/// 2024-04 and submits. Prints the bundle's size; times its export and its import.
fn district_month(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut district = LocalService::open(&dir.path().join("d")).unwrap();
    district.set_owner("bench");
    let a = Actor::new("bench");
    antq::sample::load(&district, &a).unwrap();
    let (_, backup) = read_backup(&district, &a).unwrap();
    let today = antq::domain::date::today(jiff::Timestamp::now());
    let april = Period::parse("2024-04").unwrap();
    let cat = district.indicators(&a).unwrap();
    let communes: Vec<String> = district
        .units(
            &a,
            &UnitQuery {
                under: Some("936".into()),
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .into_iter()
        .filter(|u| u.kind.level() == antq::domain::unit::Level::Commune)
        .map(|u| u.code)
        .collect();
    for (i, code) in communes.iter().enumerate() {
        let kind = district.unit(&a, code).unwrap().kind;
        let values = cat
            .iter()
            .filter(|x| x.applies(kind, april.kind))
            .enumerate()
            .map(|(j, x)| (x.code.clone(), Some((i * 7 + j * 13) as u32 % 400)))
            .collect();
        district
            .save_report(
                &a,
                ReportInput {
                    unit: code.clone(),
                    period: april,
                    values,
                    narrative: Some("Tình hình ANTT ổn định.".into()),
                    base_revision: None,
                },
            )
            .unwrap();
        district.submit_report(&a, code, april).unwrap();
    }
    let key = ed25519_dalek::SigningKey::from_bytes(&[36u8; 32]);
    let bundle = antq::exchange::bundle_file::sign(
        district.bundle_export(&a, "936", today).unwrap(),
        "936",
        &key,
    );
    eprintln!(
        "district-month bundle (936, {} communes, {} indicators): {} bytes",
        communes.len(),
        cat.len(),
        bundle.len()
    );
    let mut province = LocalService::open(&dir.path().join("p")).unwrap();
    province.set_owner("bench");
    province.restore(&a, &backup).unwrap();
    province
        .register_office(&a, "936", key.verifying_key().to_bytes().to_vec())
        .unwrap();
    let mut g = c.benchmark_group("bundle");
    g.bench_function("export_district_month", |b| {
        b.iter(|| black_box(district.bundle_export(&a, "936", today).unwrap()))
    });
    // After the first import, each one finds every record unchanged: the idempotent path.
    province.bundle_import(&a, bundle.clone(), false).unwrap();
    g.bench_function("import_district_month_again", |b| {
        b.iter(|| black_box(province.bundle_import(&a, bundle.clone(), false).unwrap()))
    });
    g.finish();
}

criterion_group!(store, benches, exchange);
criterion_main!(store);
