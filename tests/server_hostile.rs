//! One local account tries to knock the server over: a thousand connections that never greet,
//! trickle a byte at a time, or claim 16 MiB frames and stall. A real client is still served
//! and the server's memory stays bounded. Needs root (to act as other OS users); the figures
//! printed go to BENCHMARKS.md.

use crate::common;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use antq::remote::client::Client;
use antq::remote::wire;
use antq::service::*;
use common::TempStore;

const CHILD_SOCKET: &str = "ANTQ_TEST_HOSTILE_SOCKET";
const CHILD_MODE: &str = "ANTQ_TEST_HOSTILE_MODE";
const HOSTILE: usize = 500;
const SECS: u64 = 10;
/// Calls the real client makes during the attack.
const CALLS: usize = 30;

/// One hostile connection, by kind: silent, half a greeting, a byte every 2 s, or a claimed
/// 16 MiB frame with 4 MiB sent and then silence.
fn open_hostile(sock: &Path, kind: usize) -> Option<UnixStream> {
    let mut s = UnixStream::connect(sock).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(2))).ok()?;
    match kind % 4 {
        0 => {}
        1 => s.write_all(&wire::MAGIC[..2]).ok()?,
        2 => s.write_all(wire::MAGIC).ok()?,
        _ => {
            wire::write_hello(&mut s).ok()?;
            s.write_all(&wire::MAX_FRAME.to_be_bytes()).ok()?;
            s.write_all(&vec![0u8; 4 << 20]).ok()?;
        }
    }
    Some(s)
}

/// Not a test: the hostile program, run by the test below as another OS user (`--ignored
/// --exact`). Holds as many hostile connections as the server lets it, reopening the ones it
/// closes, for SECS seconds.
#[test]
#[ignore = "a helper program the hostile-connections test runs as another user"]
fn child_holds_hostile_connections() {
    let Some(sock) = std::env::var_os(CHILD_SOCKET) else {
        return;
    };
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut l = getrlimit(Resource::Nofile);
    l.current = l.maximum;
    let _ = setrlimit(Resource::Nofile, l);
    let sock = PathBuf::from(sock);
    let mut held: Vec<Option<UnixStream>> = (0..HOSTILE).map(|_| None).collect();
    let until = Instant::now() + Duration::from_secs(SECS);
    let mut round = 0;
    while Instant::now() < until {
        for (i, h) in held.iter_mut().enumerate() {
            let dead = match h {
                Some(s) => {
                    // The trickler sends one more byte; a closed socket is reopened.
                    i % 4 == 2 && round % 10 == 0 && s.write_all(&[0]).is_err()
                }
                None => true,
            };
            if dead {
                *h = open_hostile(&sock, i);
            }
        }
        round += 1;
        if round == 1 {
            println!("holding");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn spawn_hostile(sock: &Path, user: &str) -> Child {
    let uid = id_of("-u", user);
    // The socket's group, so the socket lets it in as it lets operators in.
    let gid = antq::remote::users::group_id(common::os_users::GROUP).unwrap();
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "server_hostile::child_holds_hostile_connections",
            "--nocapture",
        ])
        .env(CHILD_SOCKET, sock)
        .env(CHILD_MODE, "1")
        .uid(uid)
        .gid(gid)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn id_of(flag: &str, name: &str) -> u32 {
    let o = Command::new("id").args([flag, name]).output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
}

/// Resident memory now and at its peak, in MB, from /proc.
fn rss_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

use common::Kill;

#[test]
fn a_thousand_hostile_connections_leave_real_clients_served_in_bounded_memory() {
    if std::env::var_os(CHILD_SOCKET).is_some()
        || !common::require(
            rustix::process::getuid().is_root(),
            "this test needs root to act as two other OS users",
        )
    {
        return;
    }
    let _users = common::os_users::ensure().unwrap();
    let store = TempStore::with_sample();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(store.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let sock = store.dir.path().join("antq.sock");
    let mut server = Kill(
        Command::new(env!("CARGO_BIN_EXE_antq"))
            .args(["serve", "--group", common::os_users::GROUP, "--socket"])
            .arg(&sock)
            .env("ANTQ_DB", store.path())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut log = common::Lines::of(server.0.stderr.take().unwrap());
    let pid = server.0.id();
    common::wait_for_socket(&sock);
    // antqtest1 has an account (so it gets past the greeting); antqtest2 has none.
    let admin = Client::connect(&sock).unwrap();
    let a = Actor::new("ignored");
    admin
        .add_user(
            &a,
            antq::domain::account::Account {
                name: "antqtest1".into(),
                role: antq::domain::account::Role::Operator,
                unit: Some("31441".into()),
                revision: 0,
            },
        )
        .unwrap();
    let (rss_before, _) = rss_mb(pid);
    let _h1 = Kill(spawn_hostile(&sock, "antqtest1"));
    let _h2 = Kill(spawn_hostile(&sock, "antqtest2"));
    // The attack is under way once the server has refused the account that holds its cap.
    assert!(
        log.wait_for("đang giữ 64 kết nối", 60),
        "no connection was refused: {:?}",
        log.seen
    );

    // A real client, connecting afresh each time as an operator's screen would. Here it must
    // be served; its latencies are printed, and budgets for them belong in the benches
    // (`benches/server_load.rs`), where a loaded machine cannot fail the suite.
    let mut lat = Vec::new();
    let mut peak_fds = 0;
    for _ in 0..CALLS {
        let t = Instant::now();
        let c = Client::connect(&sock).expect("a real client connects during the attack");
        let page = c.units(&a, &UnitQuery::default()).expect("and is served");
        assert!(!page.items.is_empty());
        lat.push(t.elapsed());
        peak_fds = peak_fds.max(open_fds(pid));
    }
    let (rss_now, rss_peak) = rss_mb(pid);
    lat.sort();
    let p = |q: f64| lat[((lat.len() - 1) as f64 * q) as usize];
    let text = log.so_far();
    let lines = text.lines().count();
    let _ = writeln!(
        std::io::stderr(),
        "hostile: 2×{HOSTILE} connections attempted; server held at most {peak_fds} descriptors; real client: {} calls, median {:?}, p99 {:?}, max {:?}; RSS {rss_before:.0} MB before, {rss_now:.0} MB now, peak {rss_peak:.0} MB; {lines} log lines",
        lat.len(),
        p(0.5),
        p(0.99),
        lat.last().unwrap()
    );
    assert!(rss_peak < 300.0, "peak RSS {rss_peak} MB");
    assert!(lines < 400, "the log is rate-limited: {lines} lines");
    // The log speaks the server's language, Vietnamese by default.
    assert!(
        text.contains("đang giữ 64 kết nối") && text.contains("antq serve: từ chối kết nối của"),
        "{text}"
    );
}
