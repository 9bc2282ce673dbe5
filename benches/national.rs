//! National scale against SQLite (`cargo bench --features bench --bench national`): the shipped registry plus
//! generated residential areas (100,000 units) and 1,000,000 monthly reports, imported,
//! exported, backed up and restored by the `antq` binary, and the same rows put through
//! SQLite (rusqlite, bundled) by this program. Every job runs in its own process, timed from
//! outside, with its peak RSS from the kernel; medians of `NATIONAL_RUNS` runs (default 3).
//! `NATIONAL_REPORTS` sets the number of reports (default 1,000,000). `NATIONAL_DIR` works in
//! that folder and keeps it (its data files are made once and reused); with
//! `NATIONAL_DATA_ONLY=1` the bench stops once the data files are there, for profiling a job.

// A bench is a test program: unwrap says what failed, and a measurement reads whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const ANTQ: &str = env!("CARGO_BIN_EXE_antq");
const UNITS: usize = 100_000;
const INDICATORS: [&str; 11] = [
    "tt_buoi",
    "tt_luot",
    "mh_so",
    "mh_tv",
    "to_giac",
    "pha_an",
    "hoa_giai",
    "lam_loi",
    "diem_nong",
    "hinh_su",
    "te_nan",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("sqlite") {
        sqlite_job(&args[2], &args[3..]);
        return;
    }
    if args.iter().any(|a| a == "--list") {
        println!("national: benchmark");
        return;
    }
    let runs: usize = env_num("NATIONAL_RUNS", 3);
    let reports: usize = env_num("NATIONAL_REPORTS", 1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let kept = std::env::var_os("NATIONAL_DIR").map(PathBuf::from);
    let d = kept.as_deref().unwrap_or(dir.path());
    std::fs::create_dir_all(d).unwrap();
    let (units_csv, reports_csv) = make_data(d, reports);
    println!(
        "data: {} units ({} MB), {} reports ({} MB)",
        UNITS,
        mb(&units_csv),
        reports,
        mb(&reports_csv)
    );
    if std::env::var_os("NATIONAL_DATA_ONLY").is_some() {
        println!("data in {}", d.display());
        return;
    }
    let mut rows = Vec::new();
    let fresh_antq = |name: &str| {
        let db = d.join(name);
        let _ = std::fs::remove_dir_all(&db);
        antq(&db, &["init"]);
        db
    };
    let fresh_sqlite = |name: &str| {
        let db = d.join(name);
        let _ = std::fs::remove_file(&db);
        sqlite_cmd("init", &[db.to_str().unwrap()]);
        db
    };
    // Imports: each run into a fresh store (units) or a store holding the units (reports).
    let u = units_csv.to_str().unwrap();
    let r = reports_csv.to_str().unwrap();
    let a = median(runs, || {
        let db = fresh_antq("a_units");
        timed_antq(&db, &["import", "units", u])
    });
    let s = median(runs, || {
        let db = fresh_sqlite("s_units.db");
        timed_sqlite("import_units", &[db.to_str().unwrap(), u])
    });
    rows.push(("import 100k units", a, s));
    let a = median(runs, || {
        let db = fresh_antq("a_full");
        antq(&db, &["import", "units", u]);
        timed_antq(&db, &["import", "reports", r])
    });
    let s = median(runs, || {
        let db = fresh_sqlite("s_full.db");
        sqlite_cmd("import_units", &[db.to_str().unwrap(), u]);
        timed_sqlite("import_reports", &[db.to_str().unwrap(), r])
    });
    rows.push(("import 1M reports", a, s));
    let (adb, sdb) = (d.join("a_full"), d.join("s_full.db"));
    let (a_out, s_out) = (d.join("a_export.csv"), d.join("s_export.csv"));
    let a = median(runs, || {
        timed_antq(&adb, &["export", "reports", "-o", a_out.to_str().unwrap()])
    });
    let s = median(runs, || {
        timed_sqlite(
            "export_reports",
            &[sdb.to_str().unwrap(), s_out.to_str().unwrap()],
        )
    });
    rows.push(("export 1M reports", a, s));
    // The export imports back, whole, into a store that has the units.
    let a = median(runs, || {
        let db = fresh_antq("a_again");
        antq(&db, &["import", "units", u]);
        timed_antq(&db, &["import", "reports", a_out.to_str().unwrap()])
    });
    rows.push(("re-import that export", a, rows[1].2));
    // The first open after a bulk import: the import settled the store before it ended.
    let a = median(runs, || timed_antq(&adb, &["units", "show", "31318"]));
    rows.push(("open + units show, after import", a, (f64::NAN, 0)));
    let a = median(runs.max(5), || (first_screen(&adb), 0));
    rows.push(("open + first screen, after import", a, (f64::NAN, 0)));
    // Every report rewritten over a store that holds them: the file grows, then compacts.
    let changed = d.join("changed.csv");
    bump_first_figure(&reports_csv, &changed);
    let again = d.join("a_again");
    let disk_before = du(&again);
    let a = timed_antq(&again, &["import", "reports", changed.to_str().unwrap()]);
    let disk_after_reimport = du(&again);
    let s = timed_sqlite(
        "import_reports",
        &[sdb.to_str().unwrap(), changed.to_str().unwrap()],
    );
    rows.push(("re-import 1M changed reports", a, s));
    let a = timed_antq(&again, &["compact"]);
    rows.push(("compact after that", a, (f64::NAN, 0)));
    let disk_compacted = du(&again);
    let a = median(runs, || timed_antq(&again, &["units", "show", "31318"]));
    rows.push(("open + units show, compacted", a, (f64::NAN, 0)));
    let a = median(runs.max(5), || (first_screen(&again), 0));
    rows.push(("open + first screen, re-imported", a, (f64::NAN, 0)));
    println!(
        "re-import: {} MB before, {} MB after (the import compacts by itself past 1.5x), {} MB after antq compact",
        disk_before >> 20,
        disk_after_reimport >> 20,
        disk_compacted >> 20
    );
    let (a_bk, s_bk) = (d.join("a.backup"), d.join("s.backup"));
    let a = median(runs, || {
        let _ = std::fs::remove_file(&a_bk);
        timed_antq(&adb, &["backup", a_bk.to_str().unwrap()])
    });
    let s = median(runs, || {
        let _ = std::fs::remove_file(&s_bk);
        timed_sqlite("backup", &[sdb.to_str().unwrap(), s_bk.to_str().unwrap()])
    });
    rows.push(("backup", a, s));
    let a = median(runs, || {
        let db = d.join("a_restored");
        let _ = std::fs::remove_dir_all(&db);
        timed_antq(&db, &["restore", a_bk.to_str().unwrap()])
    });
    let s = median(runs, || {
        let db = d.join("s_restored.db");
        let _ = std::fs::remove_file(&db);
        timed_sqlite("restore", &[s_bk.to_str().unwrap(), db.to_str().unwrap()])
    });
    rows.push(("restore", a, s));
    let raw = d.join("a_raw");
    let a = median(runs, || {
        let _ = std::fs::remove_dir_all(&raw);
        timed_antq(&adb, &["backup", "--raw", raw.to_str().unwrap()])
    });
    rows.push(("backup --raw", a, rows[rows.len() - 2].2));
    let a = median(runs, || {
        let db = d.join("a_raw_restored");
        let _ = std::fs::remove_dir_all(&db);
        timed_antq(&db, &["restore", raw.to_str().unwrap()])
    });
    rows.push(("restore raw (with its check)", a, s));
    let a = median(runs, || {
        timed_antq(&adb, &["summary", "--period", "2025-06", "--format", "csv"])
    });
    let s = median(runs, || {
        timed_sqlite("completeness", &[sdb.to_str().unwrap(), "2025-06"])
    });
    rows.push(("open + national summary", a, s));
    println!(
        "\n{:<34} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "job", "antq s", "antq MB", "sqlite s", "sqlite MB", "time×", "RSS×"
    );
    for (job, a, s) in &rows {
        if s.0.is_nan() {
            // antq only: no SQLite job does the same.
            // A pty run has no peak RSS of its own.
            let rss = if a.1 == 0 {
                "-".to_string()
            } else {
                (a.1 >> 10).to_string()
            };
            println!(
                "{:<34} {:>9.2} {:>9} {:>9} {:>9} {:>7} {:>7}",
                job, a.0, rss, "-", "-", "-", "-"
            );
            continue;
        }
        println!(
            "{:<34} {:>9.2} {:>9} {:>9.2} {:>9} {:>7.1} {:>7.1}",
            job,
            a.0,
            a.1 >> 10,
            s.0,
            s.1 >> 10,
            a.0 / s.0,
            a.1 as f64 / s.1 as f64
        );
    }
    let (ad, sd) = (du(&adb), du(&sdb));
    println!(
        "\ndisk: antq {} MB, sqlite {} MB, ratio {:.1}×",
        ad >> 20,
        sd >> 20,
        ad as f64 / sd as f64
    );
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len() >> 20).unwrap_or(0)
}

fn du(p: &Path) -> u64 {
    if p.is_file() {
        return std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(p)
        .map(|rd| rd.flatten().map(|e| du(&e.path())).sum())
        .unwrap_or(0)
}

/// The median (seconds, peak RSS in KB) of `runs` runs, by time.
fn median(runs: usize, mut f: impl FnMut() -> (f64, u64)) -> (f64, u64) {
    let mut v: Vec<(f64, u64)> = (0..runs.max(1)).map(|_| f()).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v[v.len() / 2]
}

/// Seconds from starting `antq` in an 80×24 pseudo-terminal until its first screen is drawn
/// (the footer's last key, `quit`, is written with the dashboard); then it is told to quit.
fn first_screen(db: &Path) -> f64 {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::{Read, Write};
    let home = tempfile::tempdir().unwrap();
    let size = PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pty = native_pty_system().openpty(size).unwrap();
    let mut cmd = CommandBuilder::new(ANTQ);
    cmd.args(["--db", db.to_str().unwrap(), "--lang", "en"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("ANTQ_LANG", "en");
    cmd.env("HOME", home.path());
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (mut seen, mut buf) = (Vec::new(), [0u8; 8192]);
    while !seen.windows(4).any(|w| w == b"quit") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "antq ended before its first screen");
        seen.extend_from_slice(&buf[..n]);
    }
    let took = start.elapsed().as_secs_f64();
    pty.master.take_writer().unwrap().write_all(b"q").unwrap();
    // Read on until it ends, so its writes never block on a full terminal.
    std::thread::spawn(move || while matches!(reader.read(&mut buf), Ok(n) if n > 0) {});
    child.wait().unwrap();
    took
}

fn antq(db: &Path, args: &[&str]) {
    let out = Command::new(ANTQ)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("ANTQ_LANG", "en")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "antq {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs a command under /usr/bin/time: its wall time and peak RSS (KB).
fn timed(cmd: &mut Command) -> (f64, u64) {
    let stats = tempfile::NamedTempFile::new().unwrap();
    let mut full = Command::new("/usr/bin/time");
    full.arg("-f").arg("%M").arg("-o").arg(stats.path());
    full.arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            full.env(k, v);
        }
    }
    let t = Instant::now();
    let out = full
        .output()
        .expect("/usr/bin/time (Debian package 'time')");
    let secs = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{:?}: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    let rss = std::fs::read_to_string(stats.path())
        .unwrap()
        .trim()
        .lines()
        .last()
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    (secs, rss)
}

fn timed_antq(db: &Path, args: &[&str]) -> (f64, u64) {
    let mut c = Command::new(ANTQ);
    c.arg("--db").arg(db).args(args).env("ANTQ_LANG", "en");
    timed(&mut c)
}

fn self_exe() -> PathBuf {
    std::env::current_exe().unwrap()
}

fn timed_sqlite(job: &str, args: &[&str]) -> (f64, u64) {
    let mut c = Command::new(self_exe());
    c.arg("sqlite").arg(job).args(args);
    timed(&mut c)
}

fn sqlite_cmd(job: &str, args: &[&str]) {
    let st = Command::new(self_exe())
        .arg("sqlite")
        .arg(job)
        .args(args)
        .status()
        .unwrap();
    assert!(st.success(), "sqlite {job}");
}

/// The registry's units as antq exports them, plus residential areas under today's communes
/// up to 100,000; and monthly reports for the communes before the reform, newest first.
fn make_data(d: &Path, reports: usize) -> (PathBuf, PathBuf) {
    let (units_csv, reports_csv) = (d.join("units.csv"), d.join("reports.csv"));
    if units_csv.exists() && reports_csv.exists() {
        return (units_csv, reports_csv);
    }
    let reg = d.join("registry");
    antq(&reg, &["init", "--registry"]);
    let reg_csv = d.join("registry.csv");
    antq(&reg, &["export", "units", "-o", reg_csv.to_str().unwrap()]);
    let mut rd = csv::Reader::from_path(&reg_csv).unwrap();
    let headers = rd.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (kind, to, change) = (col("kind"), col("valid_to"), col("values_from"));
    let all: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let commune = |r: &csv::StringRecord, kinds: &[&str]| kinds.contains(&&r[kind]);
    let today: Vec<&csv::StringRecord> = all
        .iter()
        .filter(|r| {
            commune(r, &["commune", "ward", "special-zone"])
                && r[to].is_empty()
                && r[change].is_empty()
        })
        .collect();
    let before: Vec<&csv::StringRecord> = all
        .iter()
        .filter(|r| {
            commune(r, &["commune", "ward", "township"])
                && &r[to] == "2025-06-30"
                && r[change].is_empty()
        })
        .collect();

    let mut w = csv::Writer::from_path(&units_csv).unwrap();
    w.write_record(&headers).unwrap();
    for r in &all {
        w.write_record(r).unwrap();
    }
    for i in 0..UNITS.saturating_sub(all.len()) {
        let c = today[i % today.len()];
        let n = i / today.len();
        let code = format!("{}-T{n:02}", &c[0]);
        let name = format!("Tổ dân phố {}", n + 1);
        w.write_record([
            code.as_str(),
            name.as_str(),
            "residential-area",
            &c[0],
            "2025-07-01",
            "",
            "",
            "",
            // path and level: import reads and ignores them.
            "",
            "",
        ])
        .unwrap();
    }
    w.flush().unwrap();

    let mut w = csv::Writer::from_path(&reports_csv).unwrap();
    let mut head = vec!["unit", "period"];
    head.extend(INDICATORS);
    w.write_record(&head).unwrap();
    let (mut y, mut m, mut k, mut seed) = (2025, 6, 0, 7u64);
    while k < reports {
        for u in &before {
            if k == reports {
                break;
            }
            let mut row = vec![u[0].to_string(), format!("{y}-{m:02}")];
            for _ in INDICATORS {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                row.push(((seed >> 33) % 20).to_string());
            }
            w.write_record(&row).unwrap();
            k += 1;
        }
        m -= 1;
        if m == 0 {
            (y, m) = (y - 1, 12);
        }
    }
    w.flush().unwrap();
    (units_csv, reports_csv)
}

/// The reports file with every row's first figure raised by one: each report changes.
fn bump_first_figure(from: &Path, to: &Path) {
    let mut rd = csv::Reader::from_path(from).unwrap();
    let mut w = csv::Writer::from_path(to).unwrap();
    w.write_record(rd.headers().unwrap()).unwrap();
    for r in rd.records() {
        let mut row: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
        let v: u32 = row[2].parse().unwrap_or(0);
        row[2] = (v + 1).to_string();
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

/// The SQLite side, run as a child of this program so it is measured as antq is.
fn sqlite_job(job: &str, a: &[String]) {
    use rusqlite::Connection;
    match job {
        "init" => {
            let c = Connection::open(&a[0]).unwrap();
            c.execute_batch(
                "PRAGMA journal_mode=WAL;
                 CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                   parent TEXT, valid_from TEXT, valid_to TEXT, history TEXT);
                 CREATE INDEX units_by_parent ON units(parent, code);
                 CREATE TABLE reports (unit TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL,
                   vals TEXT NOT NULL, narrative TEXT, PRIMARY KEY (unit, period));
                 CREATE INDEX reports_by_period ON reports(period, unit);",
            )
            .unwrap();
        }
        "import_units" => {
            let mut c = Connection::open(&a[0]).unwrap();
            let tx = c.transaction().unwrap();
            {
                let mut st = tx
                    .prepare(
                        "INSERT INTO units VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT(code) DO UPDATE SET history = coalesce(history, '') || excluded.name",
                    )
                    .unwrap();
                let mut rd = csv::Reader::from_path(&a[1]).unwrap();
                for r in rd.records() {
                    let r = r.unwrap();
                    st.execute(rusqlite::params![
                        &r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6]
                    ])
                    .unwrap();
                }
            }
            tx.commit().unwrap();
        }
        "import_reports" => {
            let mut c = Connection::open(&a[0]).unwrap();
            let tx = c.transaction().unwrap();
            {
                let mut known = tx.prepare("SELECT 1 FROM units WHERE code = ?1").unwrap();
                let mut st = tx
                    .prepare("INSERT OR REPLACE INTO reports VALUES (?1, ?2, 'draft', ?3, '')")
                    .unwrap();
                let mut rd = csv::Reader::from_path(&a[1]).unwrap();
                for r in rd.records() {
                    let r = r.unwrap();
                    assert!(known.exists([&r[0]]).unwrap(), "unknown unit {}", &r[0]);
                    let vals: Vec<&str> = r.iter().skip(2).collect();
                    st.execute(rusqlite::params![&r[0], &r[1], vals.join(",")])
                        .unwrap();
                }
            }
            tx.commit().unwrap();
        }
        "export_reports" => {
            let c = Connection::open(&a[0]).unwrap();
            let mut w = csv::Writer::from_path(&a[1]).unwrap();
            let mut st = c
                .prepare("SELECT unit, period, status, vals, narrative FROM reports ORDER BY unit, period")
                .unwrap();
            let mut q = st.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let (u, p, s, v, n): (String, String, String, String, String) = (
                    r.get(0).unwrap(),
                    r.get(1).unwrap(),
                    r.get(2).unwrap(),
                    r.get(3).unwrap(),
                    r.get(4).unwrap(),
                );
                let mut row = vec![u, p, s];
                row.extend(v.split(',').map(str::to_string));
                row.push(n);
                w.write_record(&row).unwrap();
            }
            w.flush().unwrap();
        }
        "backup" => {
            let c = Connection::open(&a[0]).unwrap();
            c.execute("VACUUM INTO ?1", [&a[1]]).unwrap();
        }
        "restore" => {
            let src = Connection::open(&a[0]).unwrap();
            let mut dst = Connection::open(&a[1]).unwrap();
            let b = rusqlite::backup::Backup::new(&src, &mut dst).unwrap();
            b.run_to_completion(1024, std::time::Duration::ZERO, None)
                .unwrap();
        }
        "completeness" => {
            let c = Connection::open(&a[0]).unwrap();
            let n: i64 = c
                .query_row(
                    "SELECT count(*) FROM reports WHERE period = ?1",
                    [&a[1]],
                    |r| r.get(0),
                )
                .unwrap();
            println!("{n}");
        }
        other => panic!("unknown sqlite job {other}"),
    }
}
