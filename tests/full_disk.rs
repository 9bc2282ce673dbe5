//! A full disk under a running server: the failed change is reported plainly and never
//! appears, later changes are refused, reads go on, SIGTERM still removes the socket, and the
//! store opens clean once there is room. Needs root to mount a small tmpfs.

use crate::common;

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

    /// `antq serve` on the store in this tmpfs, once its socket listens.
    fn serve(&self) -> (Kill, PathBuf) {
        let sock = self.dir.path().join("antq.sock");
        let server = Kill(
            Command::new(env!("CARGO_BIN_EXE_antq"))
                .args(["serve", "--socket"])
                .arg(&sock)
                .env("ANTQ_DB", self.db())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        common::wait_for_socket(&sock);
        (server, sock)
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

    /// Fills the disk, then gives back `bytes` of it.
    fn fill_leaving(&self, bytes: u64) {
        self.fill();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(self.dir.path().join("fill"))
            .unwrap();
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(bytes)).unwrap();
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
    args.extend(["export", "reports", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&ok(&antq(db, &args))).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == "31444" && r["period"] == period)
        .map(|r| match &r["to_giac"] {
            serde_json::Value::Null => String::new(),
            v => v.to_string(),
        })
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
    let (mut server, sock) = small.serve();
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

/// A signed bundle from office 92 with 198 long reports (about 600 kB), made in a store outside the tmpfs.
/// Returns the bundle file; `small`'s store gets the office registered.
fn office_bundle(small: &Small, work: &Path) -> PathBuf {
    let office = work.join("office");
    ok(&antq(&office, &["init", "--sample"]));
    let key = work.join("key.txt");
    let public = ok(&antq(
        &office,
        &[
            "office",
            "keygen",
            "--unit",
            "92",
            "-o",
            key.to_str().unwrap(),
        ],
    ));
    ok(&antq(&small.db(), &["init", "--sample"]));
    ok(&antq(&small.db(), &["office", "add", "92", public.trim()]));
    let narrative = "y".repeat(3000);
    let mut csv = String::from("unit,period,tt_buoi,narrative\n");
    let codes = "31321 31333 31338 31340 31342 31348 31360 31366 31369 31378 31393 31396 31399 31408 31411 31420 31426 31432";
    for code in codes.split(' ') {
        for m in 1..=11 {
            csv.push_str(&format!("{code},2026-{m:02},{m},{narrative}\n"));
        }
    }
    let file = work.join("big.csv");
    std::fs::write(&file, csv).unwrap();
    ok(&antq(
        &office,
        &["import", "reports", file.to_str().unwrap()],
    ));
    let bundle = work.join("b.antq");
    ok(&antq(
        &office,
        &[
            "bundle",
            "export",
            "--under",
            "92",
            "--since",
            "2026-01-01",
            "-o",
            bundle.to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
        ],
    ));
    bundle
}

#[test]
fn a_bundle_import_that_fills_the_disk_saves_nothing_and_never_hangs() {
    if !common::require(
        rustix::process::getuid().is_root(),
        "this test needs root to mount a small tmpfs",
    ) {
        return;
    }
    let small = Small::mount().expect("mount a tmpfs");
    let work = tempfile::tempdir().unwrap();
    let bundle = office_bundle(&small, work.path());
    let db = small.db();
    let bundle_arg = bundle.to_str().unwrap();
    let count = |via: &[&str]| {
        let mut args = via.to_vec();
        args.extend(["export", "reports", "--format", "json"]);
        ok(&antq(&db, &args)).matches("\"unit\"").count()
    };
    let before = count(&[]);
    // Embedded: the disk has a little room, less than the import needs.
    small.fill_leaving(400 * 1024);
    let o = antq(&db, &["bundle", "import", bundle_arg]);
    assert!(!o.status.success());
    let shown = db.display();
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with(&format!(
            "error: the disk holding the store {shown} is full: this change was NOT saved"
        )),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(ok(&antq(&db, &["check"])).starts_with("Check passed"));
    assert_eq!(count(&[]), before, "nothing of the failed import shows");
    // Through the server: the failed import, then writes refused, reads going on, SIGTERM.
    let (server, sock) = small.serve();
    let via = ["--connect", sock.to_str().unwrap()];
    assert_eq!(count(&via), before);
    let mut args = via.to_vec();
    args.extend(["bundle", "import", bundle_arg]);
    assert!(!antq(&db, &args).status.success());
    for i in 0..6 {
        let mut args = via.to_vec();
        let v = format!("tt_buoi={i}");
        args.extend(["report", "set", "31441", "2026-11", &v]);
        let o = antq(&db, &args);
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("NOT saved"));
    }
    assert_eq!(
        count(&via),
        before,
        "reads go on and show nothing that failed"
    );
    let pid = rustix::process::Pid::from_raw(server.0.id() as i32).unwrap();
    // The exit is the condition: a thread waits for it, and a hang (the bug) fails after a
    // minute rather than holding the suite.
    let (exited, exit) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = exited.send(rustix::process::waitpid(
            Some(pid),
            rustix::process::WaitOptions::empty(),
        ));
    });
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let status = exit
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the server never exited after SIGTERM");
    assert!(status.is_ok(), "{status:?}");
    drop(server);
    // With room again the same bundle goes in whole.
    small.free();
    ok(&antq(&db, &["bundle", "import", bundle_arg]));
    assert_eq!(count(&[]), before + 198);
    assert!(ok(&antq(&db, &["check"])).starts_with("Check passed"));
}

#[test]
fn a_restore_that_fills_the_disk_leaves_no_store_behind() {
    if !common::require(
        rustix::process::getuid().is_root(),
        "this test needs root to mount a small tmpfs",
    ) {
        return;
    }
    let small = Small::mount().expect("mount a tmpfs");
    let work = tempfile::tempdir().unwrap();
    let source = work.path().join("source");
    ok(&antq(&source, &["init"]));
    ok(&antq(
        &source,
        &[
            "gen",
            "--units",
            "1000",
            "--reports",
            "20000",
            "--tasks",
            "10",
        ],
    ));
    let bak = work.path().join("source.bak");
    ok(&antq(&source, &["backup", bak.to_str().unwrap()]));
    small.fill_leaving(2 << 20);
    let db = small.db();
    let o = antq(&db, &["restore", bak.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "Nothing was restored; the new store folder {} was removed.\n",
            db.display()
        )),
        "{err}"
    );
    assert!(
        !db.exists(),
        "half a restore neither shows nor holds the disk"
    );
    // With room, the same backup restores whole.
    small.free();
    assert!(ok(&antq(&db, &["restore", bak.to_str().unwrap()])).contains("check: no problems"));
    assert_eq!(
        ok(&antq(&db, &["export", "units", "--format", "json"])),
        ok(&antq(&source, &["export", "units", "--format", "json"]))
    );
}
