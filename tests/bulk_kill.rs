//! Bulk commands are all or nothing through a kill -9 at every step that matters: a units or
//! reports import large enough to stage its writes, the registry load (units and lineage in
//! one command), a lineage import, and a restore. Each run is killed at a named progress point
//! (`ANTQ_KILL_AT`, compiled into debug builds only), so every machine, loaded or idle, reaches
//! the same states. After each kill the store opens, `antq check` passes, and it holds either
//! nothing of the command's rows or all of them.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// Runs the command to be killed with SIGKILL at `point` (`name:pass`); fails if it was not,
/// since then the point was never reached and the round tested nothing.
fn killed_at(db: &Path, args: &[&str], point: &str) {
    let out = Command::new(ANTQ)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("ANTQ_LANG", "en")
        .env("ANTQ_KILL_AT", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        Some(9),
        "antq {args:?} was not killed at {point}: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
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

/// Where a staged command is killed: inside staging, before and after its switch, while it
/// is copied into place, and after the copy.
const STAGED: &[&str] = &[
    "stage.pack:1",
    "stage.pack:2",
    "stage.flushed",
    "stage.marked",
    "stage.copy:1",
    "stage.copy:2",
    "stage.copied",
];

/// A reports import into a store without reports builds a new generation of the report
/// tree and switches it in: killed also once the switch is written, before the old tree goes.
const FLIPPED: &[&str] = &["stage.flipped"];

/// A reports import that changes few of the chunks there are: its chunks are copied into
/// place from their generation; killed there too.
const CHUNKS_COPIED: &[&str] = &[
    "stage.pack:1",
    "stage.flushed",
    "stage.marked",
    "stage.copy:1",
    "stage.chunks:1",
    "stage.copied",
];

/// The three states of a staged command, for the longer ones: staging, switched, copying.
const STAGED_SHORT: &[&str] = &["stage.pack:2", "stage.marked", "stage.copy:2"];

/// Runs `args` unkilled on a copy of `base`, then killed at each of `points` on fresh copies,
/// and checks each copy: it opens, passes `check`, and `count` is `none` or `all`.
fn all_or_nothing(
    base: &Path,
    args: &[&str],
    points: &[&str],
    count: impl Fn(&Path) -> usize,
    none: usize,
    all: usize,
) {
    let work = tempfile::tempdir().unwrap();
    let whole = work.path().join("whole");
    copy_dir(base, &whole);
    antq(&whole, args);
    assert_eq!(count(&whole), all, "{args:?} unkilled");
    for (i, point) in points.iter().enumerate() {
        let db = work.path().join(format!("round{i}"));
        copy_dir(base, &db);
        killed_at(&db, args, point);
        let n = count(&db);
        assert!(
            n == none || n == all,
            "{args:?} killed at {point}: {n} records, not {none} or {all}"
        );
        let check = antq(&db, &["check"]);
        assert!(check.starts_with("Check passed"), "{check}");
        std::fs::remove_dir_all(&db).unwrap();
    }
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
        &[STAGED, FLIPPED].concat(),
        |db| lines(db, "reports"),
        0,
        all,
    );
}

/// A second import, of 20 more months: a third of the chunks the store will hold.
#[test]
fn a_killed_reports_import_into_a_store_with_reports_leaves_all_or_nothing() {
    let f = files();
    let base = f.dir.path().join("base");
    antq(&base, &["init"]);
    antq(&base, &["import", "units", f.units.to_str().unwrap()]);
    antq(&base, &["import", "reports", f.reports.to_str().unwrap()]);
    let more = f.dir.path().join("more.csv");
    let mut r = String::from("unit,period,tt_buoi,tt_luot\n");
    for m in MONTHS..MONTHS + 20 {
        for i in 0..COMMUNES {
            let p = format!("{}-{:02}", 2020 + m / 12, m % 12 + 1);
            r.push_str(&format!("P1-{i:03},{p},{},{m}\n", i % 5));
        }
    }
    std::fs::write(&more, r).unwrap();
    let before = COMMUNES * MONTHS;
    all_or_nothing(
        &base,
        &["import", "reports", more.to_str().unwrap()],
        CHUNKS_COPIED,
        |db| lines(db, "reports"),
        before,
        before + COMMUNES * 20,
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
        &["write.applied"],
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
    all_or_nothing(&base, &["init", "--registry"], STAGED_SHORT, links, 0, n);
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
        STAGED_SHORT,
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
        &[
            "restore.begun",
            "restore.put:1",
            "restore.put:300",
            "restore.flushed",
        ],
        |db| lines(db, "reports"),
        0,
        COMMUNES * MONTHS,
    );
}
