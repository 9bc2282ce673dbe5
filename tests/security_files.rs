//! Data at rest: private modes, identity from the real uid, and stores that survive a kill in the
//! middle of sled's snapshot.

use crate::common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use common::TempStore;

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut more: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            out.append(&mut more);
        }
        i += 1;
    }
    out
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().mode() & 0o777
}

fn assert_private(root: &Path) {
    for p in walk(root) {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&p), want, "{} is {:o}", p.display(), mode(&p));
    }
}

#[test]
fn a_new_store_is_private_to_its_owner() {
    let s = TempStore::with_sample();
    assert_private(&s.path());
}

#[test]
fn opening_a_loose_store_tightens_it() {
    let s = TempStore::with_sample();
    for p in walk(&s.path()) {
        let m = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
    }
    s.stdout(&["units", "list"]);
    assert_private(&s.path());
}

#[test]
fn check_reports_loose_modes_with_the_fix() {
    let s = TempStore::with_sample();
    let svc = s.service();
    // Loosened while open (by hand, or by a careless copy): check must say so.
    std::fs::set_permissions(s.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let r = antq::service::Service::check(&svc, &common::actor()).unwrap();
    let shown = s.path().display().to_string();
    let me = common::me();
    assert_eq!(
        r.problems,
        vec![format!(
            "{shown}: mode 0755 lets other accounts read it (owner {me}); run 'chmod -R go= {shown}' as {me}"
        )]
    );
}

#[test]
fn drafts_and_their_folder_are_private() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("state/antq/draft-x.json");
    let d = antq::tui::forms::draft::Draft {
        unit: "31441".into(),
        period: "2024-04".into(),
        values: vec![("tt_buoi".into(), "4".into())],
    };
    antq::tui::forms::draft::write(&path, &d, true).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    // A draft left loose by an older antq is replaced by a private one.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    antq::tui::forms::draft::write(&path, &d, false).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn identity_comes_from_the_real_uid_not_from_user() {
    let s = TempStore::with_sample();
    s.antq()
        .env("USER", "someone")
        .env("LOGNAME", "someone")
        .args(["report", "set", "31441", "2024-04", "to_giac=3"])
        .assert()
        .success();
    let audit = s.stdout(&["audit", "--entity", "report/31441/2024-04"]);
    assert!(audit.contains(&common::me()), "{audit}");
    assert!(!audit.contains("someone"), "{audit}");
    let csv = s.stdout(&["export", "reports"]);
    assert!(!csv.contains("someone"), "{csv}");
}

#[test]
fn a_snapshot_interrupted_by_a_kill_does_not_brick_the_store() {
    let s = TempStore::with_sample();
    let before = s.exports();
    // What a SIGKILL during sled's snapshot write leaves: an empty, newest-looking snapshot.
    std::fs::write(s.path().join("snap.FFFFFFFFFFFFFFF0.generating"), b"").unwrap();
    assert_eq!(s.exports(), before);
    assert!(s.stdout(&["check"]).starts_with("Check passed"));
    assert!(!s.path().join("snap.FFFFFFFFFFFFFFF0.generating").exists());
}

#[test]
fn a_leftover_is_not_touched_while_another_process_holds_the_store() {
    let s = TempStore::with_sample();
    let _held = s.service();
    let leftover = s.path().join("snap.FFFFFFFFFFFFFFF0.generating");
    std::fs::write(&leftover, b"").unwrap();
    let o = s.antq().args(["units", "list"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is already open in another antq process"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(leftover.exists(), "another process's snapshot is its own");
}

#[test]
fn a_damaged_store_says_what_to_do_and_never_points_elsewhere() {
    let s = TempStore::with_sample();
    // A finished snapshot whose checksum does not match: real damage, not a leftover.
    std::fs::write(s.path().join("snap.FFFFFFFFFFFFFFF0"), [7u8; 64]).unwrap();
    let o = s.antq().args(["units", "list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let p = s.path().display().to_string();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        damaged(&p, "its log holds damaged data")
    );
    let o = s
        .antq()
        .env("ANTQ_LANG", "vi")
        .args(["units", "list"])
        .output()
        .unwrap();
    let vi = String::from_utf8_lossy(&o.stderr);
    assert!(
        vi.starts_with(&format!("lỗi: kho dữ liệu {p} bị hỏng")),
        "{vi}"
    );
    assert!(!vi.contains("ANTQ_DB"), "{vi}");
}

#[test]
fn a_log_that_reads_as_empty_is_damage_not_a_new_store() {
    // Without a snapshot (a store only ever written in small steps), sled opens a log whose
    // start is garbage as an empty database.
    let s = TempStore::new();
    s.antq().arg("init").assert().success();
    spoil_the_log(&s);
    let o = s.antq().args(["units", "list"]).output().unwrap();
    let p = s.path().display().to_string();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        damaged(&p, "the log opens empty")
    );
    assert!(o.stdout.is_empty());
}

/// What antq says of a store it cannot read, and why.
fn damaged(p: &str, why: &str) -> String {
    format!("error: the store {p} is damaged and cannot be opened (its records cannot be read: {why}); nothing was changed. Keep the folder for inspection (mv {p} {p}.damaged), then restore the last backup into the same place: antq restore --db {p} BACKUP_FILE\n")
}

/// Garbage over the start of sled's log.
fn spoil_the_log(s: &TempStore) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(s.path().join("db"))
        .unwrap();
    f.seek(SeekFrom::Start(20)).unwrap();
    f.write_all(b"GARBAGEGARBAGEGARBAGE").unwrap();
}

#[test]
fn a_damaged_log_is_said_in_words_not_sleds_dump() {
    let s = TempStore::with_sample();
    spoil_the_log(&s);
    let o = s.antq().args(["units", "list"]).output().unwrap();
    let p = s.path().display().to_string();
    // The sample store was settled (opened once after its load), so sled has a snapshot and
    // finds the damage itself; a store without one would open empty, which antq refuses too.
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        damaged(&p, "its log holds damaged data")
    );
    assert!(o.stdout.is_empty());
    // In Vietnamese, the reason too.
    let o = s
        .antq()
        .env("ANTQ_LANG", "vi")
        .args(["units", "list"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "bị hỏng, không mở được (không đọc được các bản ghi: nhật ký của kho có dữ liệu hỏng)"
        ),
        "{o:?}"
    );
}

#[test]
fn the_systemd_unit_keeps_files_private_and_descriptors_ample() {
    let unit = include_str!("../data/deploy/antq.service");
    for line in ["UMask=0077", "StateDirectoryMode=0700", "LimitNOFILE="] {
        assert!(unit.lines().any(|l| l.starts_with(line)), "{line} missing");
    }
}

#[test]
fn a_loose_store_of_another_owner_is_left_alone_and_named() {
    if !common::require(
        rustix::process::getuid().is_root(),
        "this test needs root to give the store to another user",
    ) {
        return;
    }
    let s = TempStore::with_sample();
    let nobody = rustix::fs::Uid::from_raw(65534);
    for p in walk(&s.path()) {
        rustix::fs::chown(&p, Some(nobody), None).unwrap();
    }
    std::fs::set_permissions(s.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = s.antq().args(["units", "list"]).output().unwrap();
    assert!(o.status.success());
    let shown = s.path().display().to_string();
    let owner = antq::remote::users::user_name(65534).unwrap_or_else(|| "uid 65534".into());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("warning: {shown}: mode 0755 lets other accounts read it (owner {owner}); run 'chmod -R go= {shown}' as {owner}\n")
    );
    assert_eq!(mode(&s.path()), 0o755, "not this user's to change");
}

#[test]
fn a_read_only_copy_left_by_a_killed_process_is_removed() {
    let s = TempStore::with_sample();
    let base = ["/dev/shm".into(), std::env::temp_dir()]
        .into_iter()
        .find(|b: &PathBuf| b.is_dir())
        .unwrap();
    // What a kill -9 leaves: a copy of the store under the name of a process that is gone.
    let orphan = base.join("antq-readonly-999999999-test");
    std::fs::create_dir_all(orphan.join("db")).unwrap();
    std::fs::write(orphan.join("db/conf"), b"personal data").unwrap();
    let copy = antq::store::full_disk::read_only_copy(&s.path()).expect("room for a copy");
    assert!(!orphan.exists(), "the orphaned copy is removed");
    assert!(copy.path().join("db").exists() || copy.path().join("conf").exists());
    assert_eq!(mode(copy.path()), 0o700);
}

#[test]
fn a_socket_another_account_planted_at_the_servers_path_is_never_used() {
    if !common::require(
        rustix::process::getuid().is_root(),
        "this test needs root to give a socket to another user",
    ) {
        return;
    }
    let s = TempStore::with_sample();
    let _held = s.service();
    // A server was killed; its note stays, and another account binds the path it names.
    let sock = s.dir.path().join("planted.sock");
    let planted = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    planted.set_nonblocking(true).unwrap();
    rustix::fs::chown(&sock, Some(rustix::fs::Uid::from_raw(65534)), None).unwrap();
    std::fs::write(
        s.path().join("serve.socket"),
        format!("{}\n", sock.display()),
    )
    .unwrap();
    let o = s
        .antq()
        .env("ANTQ_LOCK_WAIT_MS", "0")
        .args(["units", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("is already open in another antq process"));
    assert!(
        planted.accept().is_err(),
        "nothing connected to the planted socket"
    );
}

/// The shipped systemd unit keeps the daemon to its store, its socket folder and Unix sockets:
/// systemd's own rating of it, offline, is 2.0 or lower ("OK" or "SAFE").
#[test]
fn the_shipped_systemd_unit_rates_safe() {
    let analyze = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::require(
        analyze,
        "systemd-analyze is not installed (Debian's systemd package) to rate data/deploy/antq.service",
    ) {
        return;
    }
    let unit = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/deploy/antq.service");
    let o = std::process::Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&unit)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let level: f64 = text
        .lines()
        .find_map(|l| l.split("Overall exposure level for antq.service: ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no rating in:\n{text}\n{}",
                String::from_utf8_lossy(&o.stderr)
            )
        });
    assert!(level <= 2.0, "exposure {level}:\n{text}");
}

/// A settings file that is a device or a FIFO is refused at once: never read forever, never
/// waited on.
#[test]
fn a_settings_file_that_is_not_a_file_is_refused_at_once() {
    let s = TempStore::with_sample();
    let conf = s.dir.path().join("conf/antq");
    std::fs::create_dir_all(&conf).unwrap();
    std::os::unix::fs::symlink("/dev/zero", conf.join("config")).unwrap();
    let run = || {
        s.antq()
            .env("XDG_CONFIG_HOME", s.dir.path().join("conf"))
            .args(["units", "list"])
            .output()
            .unwrap()
    };
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("config: is not a regular file"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::remove_file(conf.join("config")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(conf.join("config"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let o = run();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a regular file"));
}
