//! A full disk under a running server: the failed change is reported plainly and never
//! appears, later changes are refused, reads go on, SIGTERM still removes the socket, and the
//! store opens clean once there is room. Needs root to mount a small tmpfs.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A 16 MB tmpfs, unmounted on drop.
struct Small {
    dir: tempfile::TempDir,
}

impl Small {
    fn mount() -> Option<Small> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Small { dir })
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    fn fill(&self) {
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=64k"])
            .arg(format!("of={}", self.dir.path().join("fill").display()))
            .stderr(Stdio::null())
            .status();
    }

    fn free(&self) {
        std::fs::remove_file(self.dir.path().join("fill")).unwrap();
    }
}

impl Drop for Small {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn antq(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(args)
        .env("ANTQ_DB", db)
        .env("ANTQ_LANG", "en")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn to_giac(db: &Path, via: &[&str], period: &str) -> String {
    let mut args = via.to_vec();
    args.extend(["export", "reports"]);
    let csv = ok(&antq(db, &args));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "to_giac").unwrap();
    csv.lines()
        .find(|l| l.starts_with(&format!("31444,{period},")))
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .unwrap_or_default()
}

use common::Kill;

#[test]
fn a_full_disk_loses_nothing_acknowledged_and_shows_nothing_that_failed() {
    if !common::require(
        rustix::process::getuid().is_root(),
        "this test needs root to mount a small tmpfs",
    ) {
        return;
    }
    let small = Small::mount().expect("mount a tmpfs");
    let db = small.db();
    ok(&antq(&db, &["init", "--sample"]));
    let sock = small.dir.path().join("antq.sock");
    let mut server = Kill(
        Command::new(env!("CARGO_BIN_EXE_antq"))
            .args(["serve", "--socket"])
            .arg(&sock)
            .env("ANTQ_DB", &db)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    common::wait_for_socket(&sock);
    let via = ["--connect", sock.to_str().unwrap()];
    // The socket is bound before the store opens: wait until the server answers.
    let mut args = via.to_vec();
    args.extend(["units", "list"]);
    ok(&antq(&db, &args));
    small.fill();
    // Save until the disk refuses; every save acknowledged before that is kept.
    let narrative = "x".repeat(3000);
    let mut acked = std::collections::BTreeMap::new();
    let mut failed = None;
    for i in 1..=400 {
        let period = format!("2019-{:02}", i % 12 + 1);
        let v = format!("to_giac={i}");
        let mut args = via.to_vec();
        args.extend([
            "report",
            "set",
            "31444",
            &period,
            &v,
            "--narrative",
            &narrative,
        ]);
        let o = antq(&db, &args);
        if o.status.success() {
            acked.insert(period, i.to_string());
        } else {
            failed = Some((period, i, String::from_utf8_lossy(&o.stderr).into_owned()));
            break;
        }
    }
    let (period, i, msg) = failed.expect("the disk filled up");
    let shown = db.display();
    assert_eq!(msg, format!("error: the disk holding the store {shown} is full: this change was NOT saved and will not appear. Until antq is restarted the store takes no more changes (reading still works). Free space on that disk (see: df -h {shown}), then restart 'antq serve' or run the command again\n"));
    // The next change is refused too, with why.
    let mut args = via.to_vec();
    args.extend(["report", "set", "31444", "2019-01", "to_giac=999"]);
    let o = antq(&db, &args);
    assert_eq!(String::from_utf8_lossy(&o.stderr), format!("error: the store {shown} takes no more changes: its disk is full; this change was NOT saved (reading still works). Free space on its disk, then restart 'antq serve' or run the command again\n"));
    // Reads go on, through the server and straight from the full disk; the failure is absent.
    let before = acked.get(&period).cloned().unwrap_or_default();
    assert_ne!(before, i.to_string());
    assert_eq!(to_giac(&db, &via, &period), before);
    assert_eq!(to_giac(&db, &[], &period), before);
    assert!(ok(&antq(&db, &["check"])).starts_with("Check passed"));
    // SIGTERM still removes the socket.
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(server.0.id() as i32).unwrap(),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    let _ = server.0.wait();
    assert!(!sock.exists(), "the socket is removed");
    // With room again, the store opens clean: every acknowledged save, nothing that failed.
    small.free();
    assert!(ok(&antq(&db, &["check"])).starts_with("Check passed"));
    for (p, v) in &acked {
        assert_eq!(&to_giac(&db, &[], p), v, "acknowledged save {p} lost");
    }
    assert_eq!(to_giac(&db, &[], &period), before);
    ok(&antq(
        &db,
        &["report", "set", "31444", "2019-01", "to_giac=5"],
    ));
}
