//! N clients against one `antq serve` process doing 80% reads and 20% writes.
//! The server is the real binary in its own process; clients connect first, then start together.
//! Prints throughput and p50/p99 latency (all, reads, writes) for N = 1, 10 and 100.

// A bench is a test program: unwrap says what failed, and a measurement reads whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use antq::domain::period::Period;
use antq::remote::client::Client;
use antq::service::*;

/// Operations per run, spread over the clients.
const OPS: usize = 6000;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(db: &Path, socket: &Path, extra: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["serve", "--db"])
        .arg(db)
        .arg("--socket")
        .arg(socket)
        // Every benchmark client is the same OS user: lift the per-user cap above 100.
        .args(["--max-per-user", "1000"])
        .args(extra)
        .stderr(Stdio::null())
        .spawn()
        .expect("start antq serve");
    while std::os::unix::net::UnixStream::connect(socket).is_err() {
        std::thread::sleep(Duration::from_millis(10));
    }
    Server(child)
}

fn communes(socket: &Path) -> Vec<String> {
    let c = Client::connect(socket).unwrap();
    // The communes of March 2024, before the 2025 reform, which the mix reads and writes.
    let q = UnitQuery {
        on: Some(jiff::civil::Date::constant(2024, 3, 31)),
        limit: MAX_LIMIT,
        ..Default::default()
    };
    c.units(&Actor::new("-"), &q)
        .unwrap()
        .items
        .into_iter()
        .filter(|u| u.kind.level() == antq::domain::unit::Level::Commune)
        .map(|u| u.code)
        .collect()
}

/// One operation of the mix; returns whether it was a write.
fn op(c: &Client, unit: &str, i: usize) -> bool {
    let a = Actor::new("-");
    let march = Period::parse("2024-03").unwrap();
    match i % 5 {
        0 => {
            let input = ReportInput {
                unit: unit.to_string(),
                period: Period::parse("2025-01").unwrap(),
                values: vec![("to_giac".into(), Some(i as u32))],
                narrative: None,
                base_revision: None,
            };
            c.save_report(&a, input).unwrap();
            return true;
        }
        1 => drop(c.report(&a, unit, march).unwrap()),
        2 => {
            let q = ReportQuery {
                period: Some(march),
                limit: 50,
                ..Default::default()
            };
            drop(c.reports(&a, &q).unwrap())
        }
        3 => drop(c.completeness(&a, march, Some("935")).unwrap()),
        _ => {
            let q = TaskQuery {
                limit: 50,
                ..Default::default()
            };
            drop(c.tasks(&a, &q).unwrap())
        }
    }
    false
}

type Sample = (bool, Duration);

fn run(socket: &Path, communes: &[String], n: usize) -> (Duration, Vec<Sample>) {
    let per = OPS / n;
    let barrier = Arc::new(Barrier::new(n + 1));
    let threads: Vec<_> = (0..n)
        .map(|t| {
            let (socket, unit) = (socket.to_path_buf(), communes[t % communes.len()].clone());
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let c = Client::connect(&socket).unwrap();
                barrier.wait();
                (0..per)
                    .map(|i| {
                        let t0 = Instant::now();
                        let w = op(&c, &unit, i + t);
                        (w, t0.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    let all = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    (start.elapsed(), all)
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    v[((v.len() as f64 * p) as usize).min(v.len() - 1)].as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let me = antq::remote::users::current_user();
        let mut svc = LocalService::open(&db).unwrap();
        svc.set_owner(&me);
        antq::sample::load(&svc, &Actor::new(&me)).unwrap();
    }
    // The baseline first: every request on its connection's own thread.
    for (name, extra) in [
        (
            "thread per connection (--workers 0)",
            &["--workers", "0"][..],
        ),
        ("worker pool (default)", &[][..]),
    ] {
        let socket: PathBuf = dir.path().join(format!("antq{}.sock", extra.len()));
        let _server = start_server(&db, &socket, extra);
        println!("{name}");
        table(&socket);
    }
    let socket = dir.path().join("notice.sock");
    let _server = start_server(&db, &socket, &[]);
    notice_latency(&socket);
}

/// How soon another user's screens hear of a saved change: from the save's reply to the
/// notice on a watching connection (what redraws a dashboard unasked). Budget: p99 < 1 s.
fn notice_latency(socket: &Path) {
    let notices = antq::remote::client::watch(socket);
    let c = Client::connect(socket).unwrap();
    // The watcher is listening once a first change reaches it.
    op(&c, "31441", 0);
    notices.recv_timeout(Duration::from_secs(30)).unwrap();
    let mut lat = Vec::new();
    for i in 1..=100 {
        while notices.try_recv().is_ok() {}
        op(&c, "31441", i * 5);
        let t0 = Instant::now();
        notices.recv_timeout(Duration::from_secs(30)).unwrap();
        lat.push(t0.elapsed());
    }
    println!(
        "change notice to a watching screen, 100 saves: p50 {:.2} ms, p99 {:.2} ms",
        pct(&mut lat.clone(), 0.5),
        pct(&mut lat, 0.99)
    );
}

fn table(socket: &Path) {
    let communes = communes(socket);
    println!(
        "{:>7} {:>6} {:>8} {:>7} {:>7} {:>9} {:>9}",
        "clients", "ops", "ops/s", "p50 ms", "p99 ms", "p99 read", "p99 write"
    );
    for n in [1usize, 10, 100] {
        let (wall, all) = run(socket, &communes, n);
        let mut lat: Vec<Duration> = all.iter().map(|s| s.1).collect();
        let mut reads: Vec<Duration> = all.iter().filter(|s| !s.0).map(|s| s.1).collect();
        let mut writes: Vec<Duration> = all.iter().filter(|s| s.0).map(|s| s.1).collect();
        println!(
            "{:>7} {:>6} {:>8.0} {:>7.2} {:>7.2} {:>9.2} {:>9.2}",
            n,
            lat.len(),
            lat.len() as f64 / wall.as_secs_f64(),
            pct(&mut lat, 0.50),
            pct(&mut lat, 0.99),
            pct(&mut reads, 0.99),
            pct(&mut writes, 0.99),
        );
    }
}
