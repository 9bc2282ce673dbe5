//! The real binary in a pseudo-terminal: enter a report through the form, quit, and find the
//! report in `antq export reports`.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TempStore;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {needle:?}; screen:\n{}", self.text());
    }
}

#[test]
fn enter_a_report_in_a_real_terminal() {
    let store = TempStore::with_sample();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_antq"));
    cmd.env("ANTQ_DB", store.path());
    cmd.env("ANTQ_LANG", "en");
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "tester");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut w = pty.master.take_writer().unwrap();
    let screen = Screen { parser };
    screen.wait_for("1 Dashboard");
    // Ctrl-L repaints without asking the terminal anything (this one answers no queries).
    w.write_all(&[0x0c]).unwrap();
    w.write_all(b"3").unwrap();
    screen.wait_for("Status: all");
    w.write_all(b":report 31441 2024-04\r").unwrap();
    screen.wait_for("Report entry");
    w.write_all(b"4\t310\t").unwrap();
    w.write_all(&[0x13]).unwrap(); // Ctrl-S
    screen.wait_for("Saved: 31441 2024-04");
    w.write_all(b"q").unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "antq did not quit"
        );
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(status.success(), "{status:?}");
    let csv = store.stdout(&["export", "reports"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row = csv
        .lines()
        .find(|l| l.starts_with("31441,2024-04,"))
        .expect("report exported");
    let cells: Vec<&str> = row.split(',').collect();
    let col = |name: &str| cells[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        (
            col("status"),
            col("tt_buoi"),
            col("tt_luot"),
            col("updated_by")
        ),
        ("draft", "4", "310", "tester")
    );
}

/// Starts the binary in a pseudo-terminal and returns the screen reader and the child.
fn spawn(
    store: &TempStore,
    args: &[&str],
) -> (
    Screen,
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn Write + Send>,
) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_antq"));
    cmd.args(args);
    cmd.env("ANTQ_DB", store.path());
    cmd.env("ANTQ_LANG", "en");
    cmd.env("TERM", "xterm-256color");
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let w = pty.master.take_writer().unwrap();
    // Keep the master open for the child's lifetime.
    std::mem::forget(pty.master);
    (Screen { parser }, child, w)
}

fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>) -> portable_pty::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "antq did not exit"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn a_locked_store_gets_the_plain_message_in_a_terminal() {
    let store = TempStore::with_sample();
    let _held = store.service();
    let (screen, mut child, _w) = spawn(&store, &[]);
    let st = wait_exit(&mut child);
    assert!(!st.success());
    screen.wait_for("is already open in another antq process");
    assert!(screen.text().contains("antq serve --db"));
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_saved_data() {
    let store = TempStore::with_sample();
    let (screen, mut child, mut w) = spawn(&store, &[]);
    screen.wait_for("1 Dashboard");
    w.write_all(b":report 31441 2024-04\r").unwrap();
    screen.wait_for("Report entry");
    w.write_all(b"7").unwrap();
    w.write_all(&[0x13]).unwrap();
    screen.wait_for("Saved: 31441 2024-04");
    let pid = child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = wait_exit(&mut child);
    // Leaving the alternate screen brings back the (empty) main screen.
    assert!(
        !screen.text().contains("1 Dashboard"),
        "alternate screen left:\n{}",
        screen.text()
    );
    let csv = store.stdout(&["export", "reports"]);
    assert!(csv.lines().any(|l| l.starts_with("31441,2024-04,")));
}

#[test]
fn closing_the_terminal_ends_antq_and_frees_the_store() {
    let store = TempStore::with_sample();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_antq"));
    cmd.env("ANTQ_DB", store.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    // Read until the first screen is up, then let go of our copy of the terminal.
    let mut reader = pty.master.try_clone_reader().unwrap();
    let seen = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 4096];
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => parser.process(&buf[..n]),
            }
            if parser.screen().contents().contains("1 Tổng quan") {
                return true;
            }
        }
        false
    });
    assert!(seen.join().unwrap(), "the dashboard never appeared");
    drop(pty.master); // the SSH link drops
    let _ = wait_exit(&mut child);
    // The store is closed and flushed: another process can open it at once.
    assert!(store.stdout(&["check"]).starts_with("Check passed"));
}
