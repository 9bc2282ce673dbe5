//! N clients against one `antq serve` (in this process) doing 80% reads and 20% writes.
//! Prints throughput and p50/p99 latency for N = 1, 10 and 100.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use antq::domain::period::Period;
use antq::remote::client::Client;
use antq::service::*;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let mut svc = LocalService::open(&db).unwrap();
        svc.set_owner(&antq::remote::users::current_user());
        antq::sample::load(&svc, &Actor::new(&antq::remote::users::current_user())).unwrap();
    }
    let socket: PathBuf = dir.path().join("antq.sock");
    let opts = antq::remote::server::Options {
        db: db.clone(),
        socket: socket.clone(),
        group: None,
    };
    std::thread::spawn(move || antq::remote::server::serve(&opts).unwrap());
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let communes: Vec<String> = {
        let c = Client::connect(&socket).unwrap();
        let a = Actor::new("-");
        c.units(
            &a,
            &UnitQuery {
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .into_iter()
        .filter(|u| u.kind.level() == antq::domain::unit::Level::Commune && u.valid_from.is_none())
        .map(|u| u.code)
        .collect()
    };
    println!(
        "{:>8} {:>8} {:>12} {:>10} {:>10}",
        "clients", "ops", "ops/s", "p50 ms", "p99 ms"
    );
    for n in [1usize, 10, 100] {
        let per = (2000 / n).max(20);
        let start = Instant::now();
        let threads: Vec<_> = (0..n)
            .map(|t| {
                let (socket, communes) = (socket.clone(), communes.clone());
                std::thread::spawn(move || {
                    let c = Client::connect(&socket).unwrap();
                    let a = Actor::new("-");
                    let unit = &communes[t % communes.len()];
                    let march = Period::parse("2024-03").unwrap();
                    let mut lat = Vec::with_capacity(per);
                    for i in 0..per {
                        let t0 = Instant::now();
                        match i % 5 {
                            0 => {
                                let input = ReportInput {
                                    unit: unit.clone(),
                                    period: Period::parse("2025-01").unwrap(),
                                    values: vec![("to_giac".into(), Some(i as u32))],
                                    narrative: None,
                                    base_revision: None,
                                };
                                c.save_report(&a, input).unwrap();
                            }
                            1 => {
                                c.report(&a, unit, march).unwrap();
                            }
                            2 => {
                                c.reports(
                                    &a,
                                    &ReportQuery {
                                        period: Some(march),
                                        limit: 50,
                                        ..Default::default()
                                    },
                                )
                                .unwrap();
                            }
                            3 => {
                                c.completeness(&a, march, Some("935")).unwrap();
                            }
                            _ => {
                                c.tasks(
                                    &a,
                                    &TaskQuery {
                                        limit: 50,
                                        ..Default::default()
                                    },
                                )
                                .unwrap();
                            }
                        }
                        lat.push(t0.elapsed());
                    }
                    lat
                })
            })
            .collect();
        let mut all: Vec<Duration> = threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        let wall = start.elapsed();
        all.sort();
        let pct = |p: f64| {
            all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0
        };
        println!(
            "{:>8} {:>8} {:>12.0} {:>10.2} {:>10.2}",
            n,
            all.len(),
            all.len() as f64 / wall.as_secs_f64(),
            pct(0.50),
            pct(0.99)
        );
    }
}
