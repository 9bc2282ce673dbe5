//! Bulk commands are all or nothing through a kill -9 at any moment: a units or reports import
//! large enough to stage its writes, the registry load (units and lineage in one command), a
//! lineage import, and a restore. After each kill the store opens, `antq check` passes, and
//! it holds either nothing of the command's rows or all of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ANTQ: &str = env!("CARGO_BIN_EXE_antq");
const COMMUNES: usize = 200;
const MONTHS: usize = 60;

fn antq(db: &Path, args: &[&str]) -> String {
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
    String::from_utf8(out.stdout).unwrap()
}

/// Runs the command, killing it after `after` unless it ended first; whether it was killed.
fn killed_after(db: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(ANTQ)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("ANTQ_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success(), "antq {args:?} failed without a kill");
            return false;
        }
        if start.elapsed() >= after {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn lines(db: &Path, what: &str) -> usize {
    antq(db, &["export", what])
        .lines()
        .count()
        .saturating_sub(1)
}

struct Files {
    dir: tempfile::TempDir,
    units: PathBuf,
    reports: PathBuf,
}

fn files() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    let mut u = String::from("code,name,kind,parent\nP1,Tỉnh Một,province,\n");
    for i in 0..COMMUNES {
        u.push_str(&format!("P1-{i:03},Xã Số {i},commune,P1\n"));
    }
    std::fs::write(&units, u).unwrap();
    let reports = dir.path().join("reports.csv");
    let mut r = String::from("unit,period,tt_buoi,tt_luot\n");
    for m in 0..MONTHS {
        for i in 0..COMMUNES {
            let p = format!("{}-{:02}", 2020 + m / 12, m % 12 + 1);
            r.push_str(&format!("P1-{i:03},{p},{},{m}\n", i % 7));
        }
    }
    std::fs::write(&reports, r).unwrap();
    Files {
        dir,
        units,
        reports,
    }
}

/// Kills `args` on copies of `base` at moments spread over its whole run (measured first,
/// unkilled), and checks each copy: it opens, passes `check`, and `count` is `none` or `all`.
fn all_or_nothing(
    base: &Path,
    args: &[&str],
    count: impl Fn(&Path) -> usize,
    none: usize,
    all: usize,
) {
    let work = tempfile::tempdir().unwrap();
    let whole = work.path().join("whole");
    copy_dir(base, &whole);
    let t = Instant::now();
    assert!(!killed_after(&whole, args, Duration::from_secs(600)));
    let typical = t.elapsed();
    assert_eq!(count(&whole), all, "{args:?} unkilled");
    let (mut kills, rounds) = (0, 10u32);
    for i in 0..rounds {
        let db = work.path().join(format!("round{i}"));
        copy_dir(base, &db);
        // From the very start to just past the typical end.
        let after = typical * (i + 1) / rounds + Duration::from_millis(u64::from(i) * 7 % 23);
        kills += u32::from(killed_after(&db, args, after));
        let n = count(&db);
        assert!(
            n == none || n == all,
            "{args:?} killed after {after:?}: {n} records, not {none} or {all}"
        );
        let check = antq(&db, &["check"]);
        assert!(check.starts_with("Check passed"), "{check}");
        std::fs::remove_dir_all(&db).unwrap();
    }
    assert!(
        kills >= rounds / 2,
        "only {kills} of {rounds} runs were killed"
    );
}

#[test]
fn a_killed_reports_import_leaves_all_or_nothing() {
    let f = files();
    let base = f.dir.path().join("base");
    antq(&base, &["init"]);
    antq(&base, &["import", "units", f.units.to_str().unwrap()]);
    let all = COMMUNES * MONTHS;
    all_or_nothing(
        &base,
        &["import", "reports", f.reports.to_str().unwrap()],
        |db| lines(db, "reports"),
        0,
        all,
    );
}

#[test]
fn a_killed_units_import_and_registry_load_leave_all_or_nothing() {
    let f = files();
    let base = f.dir.path().join("base");
    antq(&base, &["init"]);
    let units = |db: &Path| lines(db, "units");
    all_or_nothing(
        &base,
        &["import", "units", f.units.to_str().unwrap()],
        units,
        0,
        COMMUNES + 1,
    );
    // The registry load writes 14,006 units and 10,665 links in one command.
    let reg = f.dir.path().join("reg");
    antq(&reg, &["init", "--registry"]);
    let links = |db: &Path| lines(db, "lineage");
    let n = links(&reg);
    assert!(n > 10_000, "{n} lineage rows");
    all_or_nothing(&base, &["init", "--registry"], links, 0, n);
}

#[test]
fn a_killed_lineage_import_leaves_all_or_nothing() {
    // The registry's units with their links exported, then the links imported alone.
    let f = files();
    let full = f.dir.path().join("full");
    antq(&full, &["init", "--registry"]);
    let units = f.dir.path().join("registry-units.csv");
    let links = f.dir.path().join("registry-links.csv");
    antq(&full, &["export", "units", "-o", units.to_str().unwrap()]);
    antq(&full, &["export", "lineage", "-o", links.to_str().unwrap()]);
    let base = f.dir.path().join("base");
    antq(&base, &["init"]);
    antq(&base, &["import", "units", units.to_str().unwrap()]);
    let n = lines(&full, "lineage");
    all_or_nothing(
        &base,
        &["import", "lineage", links.to_str().unwrap()],
        |db| lines(db, "lineage"),
        0,
        n,
    );
}

#[test]
fn a_killed_restore_leaves_an_empty_store_or_the_whole_backup() {
    let f = files();
    let src = f.dir.path().join("src");
    antq(&src, &["init"]);
    antq(&src, &["import", "units", f.units.to_str().unwrap()]);
    antq(&src, &["import", "reports", f.reports.to_str().unwrap()]);
    let backup = f.dir.path().join("all.backup");
    antq(&src, &["backup", backup.to_str().unwrap()]);
    // A restore goes into a new store: here an empty folder.
    let empty = f.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    all_or_nothing(
        &empty,
        &["restore", backup.to_str().unwrap()],
        |db| lines(db, "reports"),
        0,
        COMMUNES * MONTHS,
    );
}
