//! A real `antq serve` process on a temporary socket, with real clients.

use crate::common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use antq::domain::period::Period;
use antq::remote::client::Client;
use antq::remote::{protocol, wire};
use antq::service::*;
use common::TempStore;

struct Server {
    store: TempStore,
    child: Option<Child>,
    log: PathBuf,
}

impl Server {
    fn start() -> Server {
        Server::start_on(TempStore::with_sample())
    }

    fn start_on(store: TempStore) -> Server {
        let log = store.dir.path().join("server.log");
        let mut s = Server {
            store,
            child: None,
            log,
        };
        s.spawn(&[]);
        s
    }

    fn socket(&self) -> PathBuf {
        self.store.dir.path().join("antq.sock")
    }

    fn spawn(&mut self, extra: &[&str]) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        // The socket is bound before the store opens: the server holds the store once it logs
        // "serving" (one more time than before, after a restart).
        let served_before = self.log_text().matches("serving ").count();
        let child = Command::new(env!("CARGO_BIN_EXE_antq"))
            .args(["serve", "--socket"])
            .arg(self.socket())
            .args(extra)
            .env("ANTQ_DB", self.store.path())
            // The log's lines are read in English here; Vietnamese is the default.
            .env("ANTQ_LANG", "en")
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        self.child = Some(child);
        let start = Instant::now();
        while UnixStream::connect(self.socket()).is_err()
            || self.log_text().matches("serving ").count() == served_before
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "server did not start:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().unwrap();
            c.wait().unwrap();
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn client(&self) -> Client {
        Client::connect(&self.socket()).unwrap()
    }

    fn cli(&self, args: &[&str]) -> std::process::Output {
        self.store
            .antq()
            .arg("--connect")
            .arg(self.socket())
            .args(args)
            .output()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

fn me() -> Actor {
    Actor::new("ignored: the server reads the socket")
}

fn input(unit: &str, p: &str, v: u32, base: Option<u64>) -> ReportInput {
    ReportInput {
        unit: unit.into(),
        period: Period::parse(p).unwrap(),
        values: vec![("to_giac".into(), Some(v))],
        narrative: None,
        base_revision: base,
    }
}

#[test]
fn cli_and_clients_work_through_the_server() {
    let srv = Server::start();
    let o = srv.cli(&["report", "set", "31441", "2024-04", "to_giac=3"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Saved report 31441 for 2024-04 (Draft).\n"
    );
    let c = srv.client();
    let r = c
        .report(&me(), "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(r.value("to_giac"), Some(3));
    // Bad input through the server gets the same plain message and exit code.
    let o = srv.cli(&["report", "set", "31441", "2024-04", "to_giac=-1"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: to_giac: '-1' is negative; counts are whole numbers from 0\n"
    );
    // The store is the server's: a command on it without --connect goes through the server.
    let o = srv.store.antq().args(["units", "list"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Vị Thủy"));
}

#[test]
fn the_second_of_two_saves_gets_the_conflict() {
    let srv = Server::start();
    let (a, b) = (srv.client(), srv.client());
    let base = a
        .save_report(&me(), input("31441", "2024-04", 1, None))
        .unwrap()
        .revision;
    a.save_report(&me(), input("31441", "2024-04", 2, Some(base)))
        .unwrap();
    let e = b
        .save_report(&me(), input("31441", "2024-04", 9, Some(base)))
        .unwrap_err();
    let who = antq::remote::users::current_user();
    assert!(
        e.en()
            .starts_with(&format!("report 31441/2024-04: changed by {who} at ")),
        "{}",
        e.en()
    );
    let r = b
        .report(&me(), "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(r.value("to_giac"), Some(2), "nothing overwritten");
}

#[test]
fn fifty_concurrent_writers_lose_nothing() {
    let srv = Server::start();
    let units: Vec<String> = {
        let c = srv.client();
        let all = c
            .units(
                &me(),
                &UnitQuery {
                    limit: MAX_LIMIT,
                    ..Default::default()
                },
            )
            .unwrap()
            .items;
        all.into_iter()
            .filter(|u| {
                u.kind.level() == antq::domain::unit::Level::Commune && u.valid_to.is_none()
            })
            .map(|u| u.code)
            .collect()
    };
    let n = units.len();
    let sock = srv.socket();
    let threads: Vec<_> = (0..50)
        .map(|t| {
            let (sock, units) = (sock.clone(), units.clone());
            std::thread::spawn(move || {
                let c = Client::connect(&sock).unwrap();
                let mut acked = Vec::new();
                for k in 0..4 {
                    let i = t * 4 + k;
                    // The communes as they are since the reform, in months they exist.
                    let period = format!("2026-{:02}", 1 + i / n);
                    c.save_report(&me(), input(&units[i % n], &period, i as u32, None))
                        .unwrap();
                    acked.push((units[i % n].clone(), period, i as u32));
                }
                acked
            })
        })
        .collect();
    let acked: Vec<_> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(acked.len(), 200);
    let c = srv.client();
    for (unit, period, v) in &acked {
        let r = c
            .report(&me(), unit, Period::parse(period).unwrap())
            .unwrap()
            .expect("acknowledged write present");
        assert_eq!(r.value("to_giac"), Some(*v));
    }
    assert!(c.check(&me()).unwrap().problems.is_empty());
}

#[test]
fn clients_reconnect_after_a_restart_and_lose_nothing_acknowledged() {
    let mut srv = Server::start();
    let c = srv.client();
    c.save_report(&me(), input("31441", "2024-04", 7, None))
        .unwrap();
    srv.kill9();
    srv.spawn(&[]);
    // The first call finds the old connection gone and says so; the next one reconnects.
    let first = c.report(&me(), "31441", Period::parse("2024-04").unwrap());
    let r = match first {
        Ok(r) => r,
        Err(e) => {
            assert!(
                e.en().contains("server stopped or unreachable"),
                "{}",
                e.en()
            );
            c.report(&me(), "31441", Period::parse("2024-04").unwrap())
                .unwrap()
        }
    };
    assert_eq!(r.unwrap().value("to_giac"), Some(7));
}

fn closed_by_server(mut s: UnixStream) -> bool {
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut buf = [0u8; 256];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn hostile_clients_are_closed_and_the_server_keeps_serving() {
    let srv = Server::start();
    let hello = |s: &mut UnixStream| {
        wire::write_hello(s).unwrap();
    };
    // Garbage instead of a greeting.
    let mut s = UnixStream::connect(srv.socket()).unwrap();
    s.write_all(b"GARBAGE!").unwrap();
    assert!(closed_by_server(s));
    // A length far beyond the limit.
    let mut s = UnixStream::connect(srv.socket()).unwrap();
    hello(&mut s);
    s.write_all(&u32::MAX.to_be_bytes()).unwrap();
    assert!(closed_by_server(s));
    // A frame that promises 100 bytes and ends after 10.
    let mut s = UnixStream::connect(srv.socket()).unwrap();
    hello(&mut s);
    s.write_all(&100u32.to_be_bytes()).unwrap();
    s.write_all(&[7u8; 10]).unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert!(closed_by_server(s));
    // A well-sized frame of nonsense.
    let mut s = UnixStream::connect(srv.socket()).unwrap();
    hello(&mut s);
    s.write_all(&4u32.to_be_bytes()).unwrap();
    s.write_all(&[0xff, 0xff, 0xff, 0xff]).unwrap();
    assert!(closed_by_server(s));
    // Half a request, then silence: closed after the deadline while others are served.
    let mut stall = UnixStream::connect(srv.socket()).unwrap();
    hello(&mut stall);
    stall.write_all(&[0, 0]).unwrap();
    let c = srv.client();
    assert!(
        c.whoami(&me()).is_ok(),
        "served while another client stalls"
    );
    assert!(closed_by_server(stall));
    // A client of another protocol version gets a plain refusal.
    let mut s = UnixStream::connect(srv.socket()).unwrap();
    s.write_all(wire::MAGIC).unwrap();
    s.write_all(&999u32.to_be_bytes()).unwrap();
    assert_eq!(wire::read_hello(&mut s).unwrap(), wire::PROTOCOL_VERSION);
    let resp: protocol::Response = wire::read_frame(&mut s, |_| {}).unwrap();
    assert_eq!(
        resp.unwrap_err().en(),
        format!(
            "protocol: this antq speaks protocol 999 but the server speaks {}; install the same antq version on both",
            wire::PROTOCOL_VERSION
        )
    );
    let log = srv.log_text();
    for needle in [
        "bad handshake",
        "larger than the",
        "truncated",
        "malformed frame",
        "stalled",
        "protocol 999",
    ] {
        assert!(
            log.to_lowercase().contains(&needle.to_lowercase()),
            "log lacks {needle:?}:\n{log}"
        );
    }
    assert!(c.whoami(&me()).is_ok(), "still serving");
}

/// Runs `antq --connect` as another OS user made for the test.
fn as_user(srv: &Server, name: &str, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let uid = id_of("-u", name);
    // The ops group as the primary group: the socket is 0660 and group-owned by it.
    let gid = id_of("-g", "antqtest-ops");
    Command::new(env!("CARGO_BIN_EXE_antq"))
        .arg("--connect")
        .arg(srv.socket())
        .args(args)
        .env("ANTQ_LANG", "en")
        .env_remove("ANTQ_DB")
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap()
}

fn id_of(flag: &str, name: &str) -> u32 {
    if flag == "-g" {
        return antq::remote::users::group_id(name).expect("test group exists");
    }
    let o = Command::new("id").args([flag, name]).output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
}

/// The test users for this test, or None (and SKIPPED said) where they cannot be made.
fn ensure_os_users() -> Option<common::os_users::Users> {
    match common::os_users::ensure() {
        Ok(users) => Some(users),
        Err(why) => {
            common::require(false, &why);
            None
        }
    }
}

#[test]
fn unknown_users_are_refused_and_operators_stay_in_their_commune() {
    let Some(_users) = ensure_os_users() else {
        return;
    };
    let mut srv = Server::start();
    // Let the test users reach the socket: a group-owned socket in a traversable folder.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(srv.store.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    srv.kill9();
    srv.spawn(&["--group", "antqtest-ops"]);
    let o = as_user(&srv, "antqtest1", &["units", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: user antqtest1 has no antq account; ask the province administrator to run: antq user add antqtest1 --role operator --unit CODE\n"
    );
    let o = srv.cli(&[
        "user",
        "add",
        "antqtest1",
        "--role",
        "operator",
        "--unit",
        "31441@",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = as_user(
        &srv,
        "antqtest1",
        &["report", "set", "31441", "2024-04", "to_giac=2"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = as_user(
        &srv,
        "antqtest1",
        &["report", "set", "31444", "2024-04", "to_giac=2"],
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: 31444 is outside your area (31441); ask an administrator if you need it\n"
    );
    // A refused request repeated cannot flood the log: at most 20 such lines per 10 s.
    for _ in 0..40 {
        as_user(
            &srv,
            "antqtest1",
            &["report", "set", "31444", "2024-04", "to_giac=2"],
        );
    }
    let refusals = srv
        .log_text()
        .lines()
        .filter(|l| l.contains("save_report refused"))
        .count();
    assert!((1..=21).contains(&refusals), "{refusals} refusal lines");
    let o = as_user(&srv, "antqtest1", &["units", "list", "--all"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("31441") && !out.contains("31444") && out.ends_with("1 units\n"),
        "{out}"
    );
    let o = as_user(&srv, "antqtest1", &["report", "list"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .skip(1)
            .filter(|l| !l.ends_with("reports"))
            .all(|l| l.starts_with("31441")),
        "{out}"
    );
    let o = as_user(
        &srv,
        "antqtest1",
        &["user", "add", "antqtest1", "--role", "admin"],
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: your role (operator) cannot do this; it needs admin or above\n"
    );
    assert!(
        srv.log_text().contains("antqtest1: refused"),
        "{}",
        srv.log_text()
    );
}

#[test]
fn sigterm_flushes_and_clients_see_server_stopped() {
    let mut srv = Server::start();
    let c = srv.client();
    c.save_report(&me(), input("31441", "2024-04", 5, None))
        .unwrap();
    let pid = srv.child.as_ref().unwrap().id();
    assert!(Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap()
        .success());
    let st = srv.child.take().unwrap().wait().unwrap();
    assert!(st.success());
    assert!(srv.log_text().contains("server stopped"));
    // Each line has a journald severity and an RFC 3339 time with its offset.
    for line in srv.log_text().lines() {
        let (level, rest) = line.split_at(3);
        assert!(["<3>", "<4>", "<6>"].contains(&level), "{line}");
        let time = rest.split(' ').next().unwrap();
        assert!(
            time.len() == 25 && time.ends_with("+07:00") && &time[10..11] == "T",
            "{line}"
        );
    }
    assert!(!srv.socket().exists(), "socket removed");
    let e = c
        .report(&me(), "31441", Period::parse("2024-04").unwrap())
        .unwrap_err();
    assert!(
        e.en().contains("server stopped or unreachable"),
        "{}",
        e.en()
    );
    let out = srv.store.stdout(&["export", "reports"]);
    assert!(out
        .lines()
        .any(|l| l.starts_with("31441,") && l.contains(",2024-04,")));
}

/// The screens of the real binary, connected to the server, in a pseudo-terminal.
fn screens(srv: &Server) -> common::pty::Pty {
    let sock = srv.socket();
    common::pty::Pty::antq(
        &["--connect", sock.to_str().unwrap()],
        &[("ANTQ_LANG", "en".as_ref())],
    )
}

/// Another user's dashboard shows the submission without a key pressed. How soon is a budget
/// (p99 < 1 s) measured by `benches/server_load.rs`, where a loaded machine cannot fail the
/// suite; here it must arrive.
#[test]
fn a_submitted_report_reaches_another_dashboard_unasked() {
    let srv = Server::start();
    let tui = screens(&srv);
    tui.wait_for("submitted 0/", 20);
    let period = antq::domain::period::Period::containing(
        antq::domain::date::today(jiff::Timestamp::now()),
        antq::domain::period::PeriodKind::Month,
    )
    .prev()
    .unwrap();
    let c = srv.client();
    c.save_report(&me(), input("31441", &period.to_string(), 1, None))
        .unwrap();
    c.submit_report(&me(), "31441", period).unwrap();
    let took = tui.wait_for("submitted 1/", 20);
    println!("the dashboard showed the submission after {took:?}");
}

#[test]
fn the_screens_reconnect_after_a_restart_and_keep_what_was_typed() {
    let mut srv = Server::start();
    let mut tui = screens(&srv);
    tui.wait_for("1 Dashboard", 20);
    tui.keys(b":report 31441 2024-04\r");
    tui.wait_for("Report entry", 10);
    tui.keys(b"42");
    srv.kill9();
    tui.keys(&[0x13]); // Ctrl-S while the server is down
    tui.wait_for("reconnecting", 10);
    assert!(
        tui.text().contains("42"),
        "typed value kept:\n{}",
        tui.text()
    );
    srv.spawn(&[]);
    tui.wait_for("Reconnected", 10);
    tui.keys(&[0x13]);
    tui.wait_for("Saved: 31441 Nàng Mau (old) · 2024-04", 10);
    let r = srv
        .client()
        .report(&me(), "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(r.value("tt_buoi"), Some(42));
}

#[test]
fn a_backup_through_the_server_while_clients_write_is_one_point_in_time() {
    let srv = Server::start();
    let units = ["31441", "31444", "31447", "31450"];
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // The backup starts only once every writer has saved twice: a condition, not a duration.
    let all_writing = std::sync::Arc::new(std::sync::Barrier::new(units.len() + 1));
    let writers: Vec<_> = units
        .iter()
        .map(|u| {
            let (sock, stop, u) = (srv.socket(), stop.clone(), u.to_string());
            let all_writing = all_writing.clone();
            std::thread::spawn(move || {
                let c = Client::connect(&sock).unwrap();
                let mut k = 0;
                while k < 2 || (!stop.load(std::sync::atomic::Ordering::SeqCst) && k < 2000) {
                    k += 1;
                    c.save_report(&me(), input(&u, "2024-04", k, None)).unwrap();
                    if k == 2 {
                        all_writing.wait();
                    }
                }
                k
            })
        })
        .collect();
    all_writing.wait();
    let file = srv.store.dir.path().join("live.antqbak");
    let o = srv.cli(&["backup", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Backed up to "));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in writers {
        assert!(w.join().unwrap() >= 2);
    }

    let restored = TempStore::new();
    let o = restored
        .antq()
        .args(["restore", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    restored.antq().arg("check").assert().success();
    // Each report's value is the count of its saves: its audit entries must agree exactly.
    // The figures are read from the JSON export, not scraped from a table.
    let exported: Vec<serde_json::Value> =
        serde_json::from_str(&restored.stdout(&["export", "reports", "--format", "json"])).unwrap();
    for u in units {
        let v = exported
            .iter()
            .find(|r| r["unit"] == u && r["period"] == "2024-04")
            .and_then(|r| r["to_giac"].as_u64())
            .unwrap_or_else(|| panic!("report {u} 2024-04 has no to_giac in the backup"))
            as u32;
        let audit = restored.stdout(&[
            "audit",
            "--entity",
            &format!("report/{u}/2024-04"),
            "--limit",
            "5000",
        ]);
        let saves = audit.lines().filter(|l| l.contains("report.save")).count() as u32;
        assert_eq!(
            saves, v,
            "report {u}: value {v} but {saves} saves in the audit trail"
        );
    }
}

#[test]
fn a_file_too_big_for_one_request_is_refused_with_how_to_split_it() {
    let srv = Server::start();
    let mut csv = String::from("code,name,kind,parent\n");
    let mut i = 0;
    while csv.len() < 18 << 20 {
        csv.push_str(&format!(
            "X{i:07},Ấp số {i} có tên dài để tệp vượt quá một khung,khu dân cư,31338\n"
        ));
        i += 1;
    }
    let f = srv.store.dir.path().join("big.csv");
    std::fs::write(&f, csv).unwrap();
    let o = srv.cli(&["import", "units", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: request: it is larger than the server takes at once (16 MB); split the file and send each part\n"
    );
    let c = srv.client();
    assert!(c.unit(&me(), "X0000000").is_err(), "nothing was imported");
    assert!(c.whoami(&me()).is_ok(), "the server still serves");
}

/// A report file larger than one request reaches the server part by part, and is imported
/// there all or nothing, as a local file is: a bad row in its last part refuses it whole.
#[test]
fn a_reports_file_larger_than_a_request_imports_through_the_server() {
    let store = TempStore::with_sample();
    store.stdout(&["gen", "--units", "1500", "--reports", "0", "--tasks", "0"]);
    let units = store.stdout(&["export", "units"]);
    let communes: Vec<&str> = units
        .lines()
        .filter(|l| l.starts_with('G'))
        .filter(|l| {
            [",commune,", ",ward,", ",township,"]
                .iter()
                .any(|k| l.contains(k))
        })
        .filter_map(|l| l.split(',').next())
        .collect();
    let srv = Server::start_on(store);
    let words = "Ấp Thạnh Lợi được tuần tra hằng đêm. ".repeat(300);
    let mut csv = String::from("unit,period,to_giac,narrative\n");
    let mut rows = 0;
    for month in 1..=12 {
        for c in &communes {
            csv.push_str(&format!("{c},2024-{month:02},{},{words}\n", rows % 7));
            rows += 1;
        }
    }
    assert!(csv.len() > 20 << 20, "{} bytes", csv.len());
    let bad = format!("{csv}{},2023-12,bảy,\n", communes[0]);
    let f = srv.store.dir.path().join("bad.csv");
    std::fs::write(&f, &bad).unwrap();
    let o = srv.cli(&["import", "reports", f.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {}: 1 problem(s); nothing was imported. Fix them and import again:\n  line {}, column 'to_giac': 'bảy' is not a whole number; write the count in digits, e.g. 12\n",
            f.display(),
            rows + 2
        )
    );
    let c = srv.client();
    let june = Period::parse("2024-06").unwrap();
    assert_eq!(
        c.report(&me(), communes[1], june).unwrap(),
        None,
        "nothing was written"
    );
    // A byte that is not UTF-8 two blocks in: listed with the bad figure before it.
    let mut late = csv.replacen(",0,", ",ba,", 1).into_bytes();
    late.extend_from_slice(b"G,2024-01,1,Tu\xe2n\n");
    let f = srv.store.dir.path().join("late.csv");
    std::fs::write(&f, &late).unwrap();
    let o = srv.cli(&["import", "reports", f.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {}: 2 problem(s); nothing was imported. Fix them and import again:\n  line 2, column 'to_giac': 'ba' is not a whole number; write the count in digits, e.g. 12\n  line {}: the file is not UTF-8 (byte 0xe2); it looks like Windows-1258 or another old Vietnamese code page (TCVN3, VNI); in Excel use Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'\n",
            f.display(),
            rows + 2
        )
    );
    let f = srv.store.dir.path().join("big.csv");
    std::fs::write(&f, &csv).unwrap();
    let o = srv.cli(&["import", "reports", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.starts_with(&format!("Saved. added: {rows} · updated: 0")),
        "{out}"
    );
    let r = c
        .report(&me(), communes[1], june)
        .unwrap()
        .expect("imported");
    assert_eq!(r.narrative, words.trim_end());
    let o = srv.cli(&["check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

/// One account's imports run side by side through the server (a script importing a district's
/// files in parallel): each keeps its own upload, however their parts interleave.
#[test]
fn one_accounts_uploads_side_by_side_through_the_server_all_land() {
    let srv = Server::start();
    let (one, two) = (srv.client(), srv.client());
    let months = ["2025-08", "2025-09", "2025-10"];
    let part = |month: &str| -> antq::exchange::table_rows::Rows {
        [(2, vec!["31333".to_string(), month.to_string(), "2".into()])]
            .into_iter()
            .collect()
    };
    let ids: Vec<u64> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let c = if i % 2 == 0 { &one } else { &two };
            c.upload_part(&me(), 0, part(m)).unwrap()
        })
        .collect();
    let head = ImportHead {
        kind: ImportKind::Reports,
        file: "sent.csv".into(),
        headers: vec!["unit".into(), "period".into(), "to_giac".into()],
    };
    for id in ids.iter().rev() {
        let o = one.import_upload(&me(), *id, head.clone(), false).unwrap();
        assert_eq!(o.added_total, 1);
    }
    for month in months {
        let p = Period::parse(month).unwrap();
        assert!(one.report(&me(), "31333", p).unwrap().is_some(), "{month}");
    }
}

#[test]
fn an_answer_too_large_for_one_frame_is_refused_and_exports_ask_in_halves() {
    let srv = Server::start();
    let c = srv.client();
    // 300 reports with the longest narrative allowed: about 18 MB, more than one frame.
    let narrative = "ệ".repeat(antq::domain::report::MAX_NARRATIVE);
    for chunk in 0..3 {
        let reports = (0..100)
            .map(|i| {
                let n = chunk * 100 + i;
                let p = Period::month(2000 + (n / 12) as i16, (n % 12 + 1) as u8);
                let mut r = antq::domain::report::Report::new("31441", p, "tester", 0);
                r.narrative = narrative.clone();
                r
            })
            .collect();
        c.bulk_load(
            &me(),
            Bulk {
                reports,
                ..Default::default()
            },
        )
        .unwrap();
    }
    let q = ReportQuery {
        // The old Nàng Mau, whose reports these are.
        under: Some("31441@".into()),
        limit: MAX_LIMIT,
        ..Default::default()
    };
    let e = c.reports(&me(), &q).unwrap_err();
    assert_eq!(
        e.en(),
        "answer: it is larger than one answer may be (16 MB); ask for less, e.g. a smaller --under subtree or a later --since date"
    );
    assert!(c.whoami(&me()).is_ok(), "the connection is still usable");
    // The export asks again in smaller pages and gets everything.
    let o = srv.cli(&["export", "reports"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    let rows = out.lines().filter(|l| l.starts_with("31441,")).count();
    assert!(rows >= 300, "only {rows} rows of 31441");
}

/// Compaction and a raw backup work on the store's files, which the server holds: both say
/// to stop the server, with or without --connect, and the store is as it was.
#[test]
fn commands_on_the_stores_files_are_refused_while_the_server_holds_them() {
    let srv = Server::start();
    let before = srv.store.exports();
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw");
    for args in [
        vec!["compact"],
        vec!["backup", "--raw", raw.to_str().unwrap()],
    ] {
        let what = if args[0] == "compact" {
            "compact"
        } else {
            "backup --raw"
        };
        let want = format!("error: {}: this works on the store's files, and antq serve holds them; stop the server (systemctl stop antq), run 'antq {what}' on the server machine, then start it again\n", args[0]);
        let direct = srv.store.antq().args(&args).output().unwrap();
        let connected = srv.cli(&args);
        for o in [direct, connected] {
            assert_eq!(o.status.code(), Some(1));
            assert_eq!(String::from_utf8_lossy(&o.stderr), want);
        }
    }
    assert!(!raw.exists());
    assert_eq!(srv.store.exports(), before);
}

#[test]
fn a_command_on_a_store_the_server_holds_goes_through_the_server() {
    let srv = Server::start();
    // No --connect: the store is held, and the server said where its socket is.
    let o = srv
        .store
        .antq()
        .args(["report", "set", "31441", "2024-04", "to_giac=6"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Saved report 31441 for 2024-04 (Draft).\n"
    );
    // The server has it, stamped with the OS user the socket names.
    let r = srv
        .client()
        .report(&me(), "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(r.value("to_giac"), Some(6));
    assert_eq!(r.updated_by, common::me());
}

#[test]
fn a_socket_that_never_answers_is_given_up_on_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("silent.sock");
    // Accepts (the kernel queues the connection) and never says a word.
    let _silent = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_antq"))
        .arg("--connect")
        .arg(&sock)
        .args(["units", "list"])
        .env("ANTQ_LANG", "en")
        .output()
        .unwrap();
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "error: server stopped or unreachable at {}",
            sock.display()
        )),
        "{err}"
    );
}

#[test]
fn readers_never_see_a_bulk_import_half_done() {
    let store = TempStore::with_sample();
    store.stdout(&["gen", "--units", "3000", "--reports", "0", "--tasks", "0"]);
    let units = store.stdout(&["export", "units"]);
    let communes: Vec<&str> = units
        .lines()
        .filter(|l| {
            l.starts_with('G')
                && [",commune,", ",ward,", ",township,"]
                    .iter()
                    .any(|k| l.contains(k))
        })
        .filter_map(|l| l.split(',').next())
        .collect();
    // Each unit's twelve months together: a half-copied import shows in any one month.
    let mut csv = String::from("unit,period,to_giac\n");
    for c in &communes {
        for m in 1..=12 {
            csv.push_str(&format!("{c},2024-{m:02},1\n"));
        }
    }
    let file = store.dir.path().join("many.csv");
    std::fs::write(&file, csv).unwrap();
    let srv = Server::start_on(store);
    let june = Period::parse("2024-06").unwrap();
    let count = move |c: &Client| {
        let q = ReportQuery {
            period: Some(june),
            limit: MAX_LIMIT,
            ..Default::default()
        };
        c.reports(&me(), &q)
            .unwrap()
            .items
            .iter()
            .filter(|r| r.unit.starts_with('G'))
            .count()
    };
    let reader = srv.client();
    assert_eq!(count(&reader), 0);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = {
        let (done, sock) = (done.clone(), srv.socket());
        std::thread::spawn(move || {
            let c = Client::connect(&sock).unwrap();
            let mut seen = std::collections::BTreeSet::new();
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                seen.insert(count(&c));
            }
            seen
        })
    };
    let o = srv.cli(&["import", "reports", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = watch.join().unwrap();
    let all = communes.len();
    assert_eq!(count(&reader), all);
    assert!(
        seen.iter().all(|&n| n == 0 || n == all),
        "a reader saw {seen:?} of {all} June reports"
    );
}

/// A server whose account is not in the --group it should give the socket to says so, and how
/// to fix it, instead of "Operation not permitted (os error 1)".
#[test]
fn a_socket_group_the_server_is_not_in_names_the_fix() {
    let Some(_users) = ensure_os_users() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let uid = id_of("-u", "antqtest1");
    std::os::unix::fs::chown(dir.path(), Some(uid), None).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["serve", "--group", "root", "--socket"])
        .arg(dir.path().join("antq.sock"))
        .arg("--db")
        .arg(dir.path().join("db"))
        .env("ANTQ_LANG", "en")
        .uid(uid)
        .gid(id_of("-g", "antqtest-ops"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: group: this server runs as antqtest1, which is not in group 'root', so it cannot give root the socket; add it (usermod -aG root antqtest1, or SupplementaryGroups=root in the systemd unit), then start again\n"
    );
    assert!(
        !dir.path().join("antq.sock").exists(),
        "no socket left behind"
    );
}

/// A user over the per-user cap is told so, by the server, with what to do; never "server
/// stopped or unreachable" while it runs.
#[test]
fn a_user_over_the_connection_cap_is_told_why() {
    let mut srv = Server::start();
    srv.kill9();
    srv.spawn(&["--max-per-user", "2"]);
    // Connections are kept until the server refuses one (the start-up probe's slot may still
    // be held for a moment, so the count is not assumed).
    let mut held = Vec::new();
    let refusal = loop {
        match Client::connect(&srv.socket()) {
            Ok(c) => held.push(c),
            Err(e) => break e,
        }
        assert!(held.len() <= 2, "the cap of 2 was not applied");
    };
    let me = antq::remote::users::current_user();
    assert_eq!(
        refusal.en(),
        format!("the server refused this connection: {me} already holds 2 connections; close other antq screens or commands, then try again")
    );
}

/// A local user with no account, on a store a running server holds, is told so at once by the
/// server: no waiting for the store, no "start antq serve" (it runs), one refusal in its log.
#[test]
fn a_local_user_without_an_account_is_answered_at_once_by_the_running_server() {
    let Some(_users) = ensure_os_users() else {
        return;
    };
    use std::os::unix::process::CommandExt;
    let store = TempStore::with_sample();
    let dir = store.dir.path();
    // The server runs as antqtest2, who owns the store; this user, root, has no account in it.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let chown = Command::new("chown")
        .args(["-R", "antqtest2"])
        .arg(store.path())
        .status()
        .unwrap();
    assert!(chown.success());
    let sock_dir = dir.join("run");
    std::fs::create_dir(&sock_dir).unwrap();
    Command::new("chown")
        .arg("antqtest2")
        .arg(&sock_dir)
        .status()
        .unwrap();
    let sock = sock_dir.join("antq.sock");
    let mut server = Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["serve", "--socket"])
        .arg(&sock)
        .env("ANTQ_DB", store.path())
        .env("ANTQ_LANG", "en")
        .uid(id_of("-u", "antqtest2"))
        .gid(id_of("-g", "antqtest-ops"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The server holds the store once it says it serves it (the socket itself is bound
    // before the store opens).
    let mut log = common::Lines::of(server.stderr.take().unwrap());
    assert!(
        log.wait_for("serving", 20),
        "server did not start: {:?}",
        log.seen
    );
    // Waiting for the store would end in another message: that the store is in use.
    let o = store
        .antq()
        .args(["units", "list"])
        .env("ANTQ_LOCK_WAIT_MS", "2000")
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(o.status.code(), Some(1));
    let me = antq::remote::users::current_user();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("error: user {me} has no antq account; ask the province administrator to run: antq user add {me} --role operator --unit CODE\n")
    );
    let log = log.all();
    let refusals = log.lines().filter(|l| l.contains(&me)).count();
    assert!(refusals <= 1, "one refusal, not one per retry:\n{log}");
}
