#![allow(dead_code)]

pub mod os_users;
pub mod pty;

use std::path::PathBuf;

use antq::service::{Actor, LocalService};
use assert_cmd::Command;
use tempfile::TempDir;

/// 09:00 Vietnam time on a day, as the service's clock counts it.
pub fn at(y: i16, m: i8, d: i8) -> i64 {
    jiff::civil::Date::new(y, m, d)
        .unwrap()
        .at(9, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .unwrap()
        .timestamp()
        .as_second()
}

/// The OS user running the tests, as `id -un` names it: what antq records for CLI commands,
/// whatever `$USER` says.
pub fn me() -> String {
    let o = std::process::Command::new("id")
        .arg("-un")
        .output()
        .expect("id -un");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A test that needs a system part this machine lacks: under CI it fails (CI installs it),
/// elsewhere it says "SKIPPED: why" and passes. Returns whether the test may go on.
pub fn require(present: bool, why: &str) -> bool {
    if present {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why} (CI must install it: see .ci/run)");
    }
    // Straight to the process's stderr: the test harness captures eprintln!, and this must show.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
    false
}

/// A store whose service runs on a clock the test moves, starting at `t`.
pub fn clocked(
    t: i64,
) -> (
    TempStore,
    LocalService,
    std::sync::Arc<std::sync::atomic::AtomicI64>,
) {
    use std::sync::atomic::{AtomicI64, Ordering};
    let dir = TempStore::new();
    let mut svc = dir.service();
    let now = std::sync::Arc::new(AtomicI64::new(t));
    let n = now.clone();
    svc.set_clock(move || n.load(Ordering::SeqCst));
    (dir, svc, now)
}

/// Every key and value of every tree: equal means nothing changed.
pub fn raw(svc: &LocalService) -> Vec<(antq::store::TreeId, Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    for t in antq::store::TreeId::ALL {
        for (k, v) in svc.store().entries(t).iter().flatten() {
            out.push((t, k.to_vec(), v.to_vec()));
        }
    }
    out
}

/// Waits until something listens on `sock` (a server just started), at most 20 s.
pub fn wait_for_socket(sock: &std::path::Path) {
    let start = std::time::Instant::now();
    while std::os::unix::net::UnixStream::connect(sock).is_err() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "nothing listens on {}",
            sock.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A child process killed and reaped when the test is done with it, however it ends.
pub struct Kill(pub std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The signing key a test office uses: fixed per office, so bundles are reproducible.
pub fn office_key(office: &str) -> ed25519_dalek::SigningKey {
    let mut seed = [0u8; 32];
    for (i, b) in office.bytes().enumerate() {
        seed[i % 32] ^= b;
    }
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

/// The province accepts `office`'s bundles from now on.
pub fn register_office(svc: &dyn antq::service::Service, office: &str) {
    let k = office_key(office).verifying_key().to_bytes().to_vec();
    svc.register_office(&actor(), office, k).unwrap();
}

/// A bundle's contents as `office` sends them: signed with its key.
pub fn signed(contents: Vec<u8>, office: &str) -> Vec<u8> {
    antq::exchange::bundle_file::sign(contents, office, &office_key(office))
}

/// An account added by the test admin; acts as `name`.
pub fn user(
    svc: &LocalService,
    name: &str,
    role: antq::domain::account::Role,
    unit: Option<&str>,
) -> Actor {
    let acc = antq::domain::account::Account {
        name: name.into(),
        role,
        unit: unit.map(str::to_string),
        revision: 0,
    };
    use antq::service::Service;
    svc.add_user(&actor(), acc).unwrap();
    Actor::new(name)
}

/// Values to save on one report, expecting whatever is there (no base revision).
pub fn report_input(unit: &str, period: &str, vals: &[(&str, u32)]) -> antq::service::ReportInput {
    antq::service::ReportInput {
        unit: unit.into(),
        period: antq::domain::period::Period::parse(period).unwrap(),
        values: vals
            .iter()
            .map(|(k, v)| (k.to_string(), Some(*v)))
            .collect(),
        narrative: None,
        base_revision: None,
    }
}

/// A program's stderr, line by line, read in a thread of its own: a test blocks until the line
/// it waits for arrives, never for a length of time.
pub struct Lines {
    rx: std::sync::mpsc::Receiver<String>,
    /// Every line received so far.
    pub seen: Vec<String>,
}

impl Lines {
    pub fn of(stderr: std::process::ChildStderr) -> Lines {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Lines {
            rx,
            seen: Vec::new(),
        }
    }

    /// Blocks until a line holding `needle` arrives: false if the program ends, or `secs` pass,
    /// first.
    pub fn wait_for(&mut self, needle: &str, secs: u64) -> bool {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let left = until.saturating_duration_since(std::time::Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => {
                    let hit = line.contains(needle);
                    self.seen.push(line);
                    if hit {
                        return true;
                    }
                }
                Err(_) => return false,
            }
        }
    }

    /// Every line received up to now, the program still running.
    pub fn so_far(&mut self) -> String {
        self.seen.extend(self.rx.try_iter());
        self.seen.join("\n")
    }

    /// Every line, once the program has ended (its stderr closed).
    pub fn all(mut self) -> String {
        self.seen.extend(self.rx.iter());
        self.seen.join("\n")
    }
}

/// A file of the fixtures an older antq made (`tests/fixtures/DIR/`, see its README).
pub fn fixture(dir: &str, name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
}

/// A text of those fixtures: what the older antq printed.
pub fn fixture_text(dir: &str, name: &str) -> String {
    std::fs::read_to_string(fixture(dir, name)).unwrap()
}

/// A new store restored from the fixtures' stream backup; the restore's own check passed.
pub fn restored_fixture(dir: &str) -> TempStore {
    let s = TempStore::new();
    let out = s.stdout(&["restore", fixture(dir, "stream.backup").to_str().unwrap()]);
    assert!(out.ends_with("check: no problems\n"), "{out}");
    s
}

/// A new store holding a copy of the fixtures' store folder, not yet opened.
pub fn copied_fixture(dir: &str) -> TempStore {
    let s = TempStore::new();
    copy_dir(&fixture(dir, "store"), &s.path());
    s
}

/// Opens the store with `antq check`, killed at `point` of the opening's migration; fails if
/// it was not killed, since then the point was never reached.
pub fn killed_while_opening(s: &TempStore, point: &str) {
    use std::os::unix::process::ExitStatusExt;
    let o = s
        .antq()
        .env("ANTQ_KILL_AT", point)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(o.status.signal(), Some(9), "{o:?}");
}

/// The audit reads as the older antq showed it: each (entity, file) history, and the newest
/// 40 entries (`audit_newest.txt`).
pub fn assert_audit_as_fixture(s: &TempStore, dir: &str, histories: &[(&str, &str)]) {
    for (entity, file) in histories {
        assert_eq!(
            s.stdout(&["audit", "--entity", entity]),
            fixture_text(dir, file),
            "{entity}"
        );
    }
    assert_eq!(
        s.stdout(&["audit", "--limit", "40"]),
        fixture_text(dir, "audit_newest.txt")
    );
}

/// The store (opened raw) records this binary's schema: its migration was recorded.
pub fn assert_schema_is_current(db: &sled::Db) {
    let meta = db.open_tree("meta").unwrap();
    let schema = meta.get("schema").unwrap().unwrap();
    assert_eq!(schema.as_ref(), antq::store::SCHEMA_VERSION.to_be_bytes());
}

/// The entries of a grouped tree (`unit_groups`, `unit_code_groups`), read through its groups
/// as a schema-7 store keeps them; and no tree of schema 6's one-entry-per-unit layout is left.
pub fn grouped_entries(db: &sled::Db, name: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    for old in ["units", "unit_codes"] {
        assert!(
            !db.tree_names().iter().any(|n| n.as_ref() == old.as_bytes()),
            "schema 6's tree {old} is still there"
        );
    }
    let mut out = Vec::new();
    for kv in db.open_tree(name).unwrap().iter() {
        let (g, bytes) = kv.unwrap();
        for (k, v) in antq::store::grouped::open(&g, &bytes).unwrap() {
            out.push((k.to_vec(), v.to_vec()));
        }
    }
    out
}

/// Copies a folder and everything in it, keeping the files private as a store's are.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(to).expect("create the copy");
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    for e in std::fs::read_dir(from)
        .expect("read the template")
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy a store file");
        }
    }
}

pub fn actor() -> Actor {
    Actor::new("tester")
}

/// A fresh store in a temporary folder; the folder goes when the value drops.
pub struct TempStore {
    pub dir: TempDir,
}

impl TempStore {
    pub fn new() -> TempStore {
        TempStore {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    /// The store opened in this process, owned (so administered) by the test actor.
    pub fn service(&self) -> LocalService {
        // An antq this test ran, or a handle it dropped, may hold the lock a moment after it
        // is done (sled's threads close its file last): wait until the lock is free, as the
        // CLI does, up to 10 s.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut svc = loop {
            match LocalService::open(&self.path()) {
                Err(antq::error::Error::StoreLocked { .. })
                    if std::time::Instant::now() < until =>
                {
                    std::thread::yield_now();
                }
                other => break other.expect("open store"),
            }
        };
        svc.set_owner(&actor().name);
        svc
    }

    /// `antq` against this store, in English unless a test asks otherwise.
    pub fn antq(&self) -> Command {
        let mut c = Command::cargo_bin("antq").expect("binary");
        c.env("ANTQ_DB", self.path())
            .env("ANTQ_LANG", "en")
            // Identity comes from the real uid; this must be ignored.
            .env("USER", "tester");
        c
    }

    /// The sample's units as they stood before the 2025 reform (plus the new Cần Thơ, 92,
    /// from 01/07/2025), with no reports: for unit commands the reform would pre-empt.
    pub fn before_reform() -> TempStore {
        let s = TempStore::new();
        s.antq().args(["init"]).assert().success();
        let units = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/units.csv");
        s.antq()
            .args(["import", "units"])
            .arg(units)
            .assert()
            .success();
        s
    }

    /// A store holding the sample: a copy of one `init --sample` made once per test binary
    /// (a closed sled store is a folder of files), which is as good and much cheaper than
    /// loading it again for each test.
    pub fn with_sample() -> TempStore {
        static TEMPLATE: std::sync::OnceLock<TempStore> = std::sync::OnceLock::new();
        // Under cargo's target/tmp, so the template a test binary keeps goes with `cargo clean`.
        let template = TEMPLATE.get_or_init(|| {
            let s = TempStore {
                dir: tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir"),
            };
            s.antq().args(["init", "--sample"]).assert().success();
            s
        });
        let s = TempStore::new();
        copy_dir(&template.path(), &s.path());
        s
    }

    /// What the store holds, as one value: if this is unchanged, nothing changed. Read in
    /// this process as a digest of every tree (records, indexes and meta); through exports
    /// when another process (a server) holds the store.
    pub fn snapshot(&self) -> String {
        // A compaction killed mid-switch has its files in `compact.ready`: an open finishes it.
        if !self.path().join("conf").exists() && !self.path().join("compact.ready").exists() {
            return "no store".into();
        }
        // The lock of a store just closed (here or by a command) may outlive it a moment, in a
        // child another test forked: block on sled's own lock (its `db` file) until it is
        // free, then open.
        loop {
            // antq's own lock first (a compaction holds it with sled closed), then sled's.
            for name in ["antq.lock", "db"] {
                let Ok(f) = std::fs::File::open(self.path().join(name)) else {
                    continue;
                };
                rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive).expect("flock");
            }
            match antq::store::Store::open(&self.path()).and_then(|s| s.digest()) {
                Ok(d) => return d.iter().map(|b| format!("{b:02x}")).collect(),
                // Taken again between the two: block on it once more.
                Err(antq::error::Error::StoreLocked { .. }) => continue,
                Err(e) => panic!("the store could not be read for a snapshot: {e}"),
            }
        }
    }

    /// Every export concatenated, read by `antq` itself: for comparing two stores, or a
    /// store this process must not open first.
    pub fn exports(&self) -> String {
        let mut out = String::new();
        for what in [
            "units",
            "lineage",
            "indicators",
            "reports",
            "assessments",
            "exemplars",
            "tasks",
            "audit",
        ] {
            let o = self
                .antq()
                .args(["export", what, "--format", "json"])
                .output()
                .expect("export");
            assert!(o.status.success(), "export {what} failed");
            out.push_str(&String::from_utf8_lossy(&o.stdout));
        }
        out
    }

    /// Runs `args`, expects exit code 1 with exactly `msg` on stderr, and no change in the store.
    pub fn fails_cleanly(&self, args: &[&str], msg: &str) {
        let before = self.snapshot();
        let o = self.antq().args(args).output().expect("run");
        assert_eq!(o.status.code(), Some(1), "exit code for {args:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("error: {msg}\n"),
            "stderr for {args:?}"
        );
        assert!(o.stdout.is_empty(), "no success output for {args:?}");
        assert_eq!(self.snapshot(), before, "store changed after {args:?}");
    }

    pub fn stdout(&self, args: &[&str]) -> String {
        let o = self.antq().args(args).output().expect("run");
        assert!(
            o.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).expect("utf-8")
    }
}
