//! The official registry and the 2025 reform (`cargo bench --features bench --bench registry`): loading it in one
//! step or by files, and answering as of a day. Each load goes into a new, empty store.

// A bench is a test program: unwrap says what failed, and a measurement reads whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use antq::domain::period::Period;
use antq::service::*;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The official registry and its reform: loaded in one step, by files, and queried as of a day.
fn registry(c: &mut Criterion) {
    let a = Actor::new("bench");
    let fresh = || {
        let dir = tempfile::tempdir().unwrap();
        let mut svc = LocalService::open(&dir.path().join("db")).unwrap();
        svc.set_owner("bench");
        (dir, svc)
    };
    let mut g = c.benchmark_group("registry");
    g.sample_size(10);
    g.bench_function("baseline_parse_registry_files", |b| {
        b.iter(|| black_box(antq::registry::files().unwrap()))
    });
    g.bench_function("init_registry_dry_run", |b| {
        b.iter_with_setup(fresh, |(_d, svc)| {
            svc.load_registry(&a, antq::registry::files().unwrap(), true)
                .unwrap()
        })
    });
    g.bench_function("init_registry", |b| {
        b.iter_with_setup(fresh, |(d, svc)| {
            svc.load_registry(&a, antq::registry::files().unwrap(), false)
                .unwrap();
            (d, svc)
        })
    });
    // The same reform as an administrator applies it: three files, three transactions.
    let files = antq::registry::files().unwrap();
    let mut ends = files.before.clone();
    ends.headers = vec!["code".into(), "valid_to".into()];
    ends.rows = files
        .before
        .rows
        .to_vecs()
        .into_iter()
        .map(|(l, r)| (l, vec![r[0].clone(), "2025-06-30".into()]))
        .collect();
    let mut starts = files.after.clone();
    starts.headers.push("valid_from".into());
    starts.rows = starts
        .rows
        .to_vecs()
        .into_iter()
        .map(|(l, mut r)| {
            r.push("2025-07-01".into());
            (l, r)
        })
        .collect();
    let mut reform = ends.clone();
    reform.headers = starts.headers.clone();
    reform.headers.push("valid_to".into());
    reform.rows = ends
        .rows
        .to_vecs()
        .into_iter()
        .map(|(l, r)| {
            (
                l,
                vec![
                    r[0].clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r[1].clone(),
                ],
            )
        })
        .chain(starts.rows.to_vecs().into_iter().map(|(l, mut r)| {
            r.push(String::new());
            (l + 100_000, r)
        }))
        .collect();
    g.bench_function("reform_by_files_units_reform_lineage", |b| {
        b.iter_with_setup(fresh, |(d, svc)| {
            svc.import(&a, files.before.clone(), false).unwrap();
            svc.import(&a, reform.clone(), false).unwrap();
            svc.import(&a, files.links.clone(), false).unwrap();
            (d, svc)
        })
    });
    let (_d, svc) = fresh();
    svc.load_registry(&a, antq::registry::files().unwrap(), false)
        .unwrap();
    for ind in antq::sample::indicators().unwrap() {
        svc.put_indicator(&a, ind).unwrap();
    }
    let y2025 = Period::parse("2025").unwrap();
    let y2024 = Period::parse("2024").unwrap();
    g.bench_function("completeness_national_2025_3321_communes", |b| {
        b.iter(|| svc.completeness_uncached(y2025, None).unwrap())
    });
    g.bench_function("summary_national_2024_10035_communes", |b| {
        b.iter(|| svc.summary(&a, y2024, None).unwrap())
    });
    g.bench_function("unit_show_00004_on_2024_12_31", |b| {
        let d = jiff::civil::Date::constant(2024, 12, 31);
        b.iter(|| svc.unit_on(&a, "00004", d).unwrap())
    });
    g.bench_function("check_whole_registry_with_lineage", |b| {
        b.iter(|| svc.check(&a).unwrap())
    });
    g.finish();
}

criterion_group!(reform, registry);
criterion_main!(reform);
