//! A save the user was told about survives SIGKILL; a second process gets a plain lock message.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use antq::domain::period::Period;
use antq::service::*;
use common::{actor, TempStore};

const CHILD_ENV: &str = "ANTQ_TEST_CHILD_DB";
const SAVES: u32 = 25;

/// Not a test: the program the kill test runs (`--ignored --exact`). Saves reports one by one,
/// announcing each after the service returns, then waits to be killed without ever closing
/// the store.
#[test]
#[ignore = "a helper program the kill test runs as a child"]
fn child_saves_then_hangs() {
    let Some(db) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut svc = LocalService::open(std::path::Path::new(&db)).unwrap();
    svc.set_owner(&actor().name);
    let a = actor();
    for i in 0..SAVES {
        let input = ReportInput {
            unit: "31441".into(),
            period: Period::parse("2024-04").unwrap(),
            values: vec![("to_giac".into(), Some(i))],
            narrative: None,
            base_revision: None,
        };
        svc.save_report(&a, input).unwrap();
        println!("saved {i}");
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

#[test]
fn acknowledged_save_survives_sigkill() {
    let s = TempStore::new();
    {
        let svc = s.service();
        antq::sample::load(&svc, &actor()).unwrap();
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "durability::child_saves_then_hangs",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, s.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut last = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("saved ") {
            last = Some(n.parse::<u32>().unwrap());
            if last == Some(SAVES - 1) {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL: no destructors, no sled shutdown flush
    child.wait().unwrap();
    assert_eq!(last, Some(SAVES - 1));
    let svc = s.service();
    let r = svc
        .report(&actor(), "31441", Period::parse("2024-04").unwrap())
        .unwrap()
        .expect("report survived");
    assert_eq!(r.value("to_giac"), Some(SAVES - 1));
    assert!(svc.check(&actor()).unwrap().problems.is_empty());
}

#[test]
fn second_process_gets_a_plain_lock_message() {
    let s = TempStore::with_sample();
    let _held = s.service();
    let t = std::time::Instant::now();
    let o = s
        .antq()
        .env("ANTQ_LOCK_WAIT_MS", "300")
        .args(["units", "list"])
        .output()
        .unwrap();
    assert!(
        t.elapsed() >= std::time::Duration::from_millis(300),
        "it waits first"
    );
    assert_eq!(o.status.code(), Some(1));
    let p = s.path().display().to_string();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("error: the store {p} is already open in another antq process; close it, or run one 'antq serve --db {p}' for everyone to share\n")
    );
    let o = s
        .antq()
        .env("ANTQ_LANG", "vi")
        .env("ANTQ_LOCK_WAIT_MS", "0")
        .args(["check"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).starts_with(&format!(
        "lỗi: kho dữ liệu {p} đang được một tiến trình antq khác mở"
    )));
}

#[test]
fn a_command_waits_for_another_to_finish_with_the_store() {
    let s = TempStore::with_sample();
    let held = s.service();
    // The hold ends only once the command is waiting for it (a debug build says so).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
        .args(["report", "set", "31441", "2024-04", "to_giac=3"])
        .env("ANTQ_DB", s.path())
        .env("ANTQ_LANG", "en")
        .env("ANTQ_LOCK_WAIT_MS", "60000")
        .env("ANTQ_SAY_AT", "lock.wait")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "reached lock.wait\n");
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Saved report 31441 for 2024-04 (Draft).\n"
    );
}
