//! Bytes the real `antq --demo` writes to a pseudo-terminal (80×24, TERM=xterm-256color) per
//! interaction, with ratatui's plain crossterm output (ANTQ_PLAIN_OUTPUT=1) and with the lean
//! backend, against the budgets. Run with `cargo bench --bench bandwidth`.

// A bench is a test program: unwrap says what failed, and a measurement reads whole.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

struct Session {
    out: Arc<Mutex<(Vec<u8>, vt100::Parser)>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: tempfile::TempDir,
}

impl Session {
    fn start(plain: bool) -> Session {
        let home = tempfile::tempdir().unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_antq"));
        cmd.arg("--demo");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home.path());
        cmd.env("ANTQ_PLAIN_OUTPUT", if plain { "1" } else { "0" });
        cmd.env_remove("ANTQ_LANG");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let out = Arc::new(Mutex::new((Vec::new(), vt100::Parser::new(24, 80, 0))));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let o = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut g = o.lock().unwrap();
                g.0.extend_from_slice(&buf[..n]);
                g.1.process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        std::mem::forget(pty.master);
        Session {
            out,
            writer,
            child,
            _home: home,
        }
    }

    fn total(&self) -> usize {
        self.out.lock().unwrap().0.len()
    }

    fn row(&self, r: u16) -> String {
        let g = self.out.lock().unwrap();
        g.1.screen().contents_between(r, 0, r, 80)
    }

    /// Waits until nothing has been written for 250 ms.
    fn settle(&self) {
        let mut last = self.total();
        let mut quiet = Instant::now();
        let start = Instant::now();
        while quiet.elapsed() < Duration::from_millis(250) && start.elapsed().as_secs() < 10 {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.total();
            if now != last {
                last = now;
                quiet = Instant::now();
            }
        }
    }

    /// Sends keys and returns the bytes written in answer.
    fn keys(&mut self, k: &str) -> usize {
        let before = self.total();
        self.writer.write_all(k.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle();
        self.total() - before
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const DOWN: &str = "j";
const PAGE_DOWN: &str = "\x1b[6~";
const HOME: &str = "\x1b[H";
const TAB: &str = "\t";
const SAVE: &str = "\x13";

/// One run through every interaction; returns (name, bytes) in order.
fn measure(plain: bool) -> Vec<(&'static str, usize)> {
    let mut s = Session::start(plain);
    s.settle();
    let mut r = vec![("first paint of the dashboard", s.total())];
    s.keys("3");
    r.push(("move the selection one row (reports list)", s.keys(DOWN)));
    // Walk down until the first list row changes: that step scrolled the list.
    let first_row = s.row(3);
    let mut scroll = 0;
    for _ in 0..40 {
        let n = s.keys(DOWN);
        if s.row(3) != first_row {
            scroll = n;
            break;
        }
    }
    r.push(("scroll the list by one row", scroll));
    r.push(("page down in the list", s.keys(PAGE_DOWN)));
    // A held key: 20 × j at 33 ms (a typical key repeat), against the same 20 j sent at once,
    // which the program reads together and answers with one frame: the net change.
    s.keys(HOME);
    r.push((
        "20 x j in one burst (the net change)",
        s.keys(&DOWN.repeat(20)),
    ));
    s.keys(HOME);
    let before = s.total();
    for _ in 0..20 {
        s.writer.write_all(DOWN.as_bytes()).unwrap();
        s.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(33));
    }
    s.settle();
    r.push(("20 x j held (key repeat, 33 ms)", s.total() - before));
    // The first commune missing a report (a five-digit code; an agency or enterprise has fewer
    // indicators, so 12 values would run past its form), then its whole monthly report.
    s.keys(HOME);
    for _ in 0..40 {
        let selected = (3..22).map(|y| s.row(y)).find(|r| r.starts_with('▶'));
        let commune = selected.is_some_and(|r| {
            let code = r[3..].split_whitespace().next().unwrap_or("");
            code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) && r.contains("Chưa gửi")
        });
        if commune {
            break;
        }
        s.keys(DOWN);
    }
    let mut whole = s.keys("\r");
    let values = [
        "12", "345", "67", "89", "101", "23", "45", "678", "90", "12", "34", "56",
    ];
    let mut first_char = 0;
    let mut next_field = 0;
    for (i, v) in values.iter().enumerate() {
        for (j, c) in v.chars().enumerate() {
            let n = s.keys(&c.to_string());
            if i == 0 && j == 0 {
                first_char = n;
            }
            whole += n;
        }
        let n = s.keys(TAB);
        if i == 0 {
            next_field = n;
        }
        whole += n;
    }
    whole += s.keys(SAVE);
    r.push(("type one character into a form field", first_char));
    r.push(("move to the next form field", next_field));
    r.push(("whole monthly report: open, 12 values, save", whole));
    let before = s.total();
    std::thread::sleep(Duration::from_secs(10));
    r.push(("10 seconds idle", s.total() - before));
    let _ = s.keys("\x1b");
    r
}

fn main() {
    let budgets = [3000, 80, 50, 1500, 0, 0, 16, 60, 3000, 0];
    let plain = measure(true);
    let lean = measure(false);
    println!(
        "{:<46} {:>8} {:>8} {:>8}",
        "interaction (80x24, sample, xterm-256color)", "ratatui", "antq", "budget"
    );
    let net = lean[4].1;
    for (i, ((name, p), ((_, l), b))) in plain.iter().zip(lean.iter().zip(budgets)).enumerate() {
        // The held key's budget is twice its net change, measured in the same run.
        let b = if i == 5 { 2 * net } else { b };
        let flag = if i != 4 && *l > b { "  OVER" } else { "" };
        println!("{name:<46} {p:>8} {l:>8} {b:>8}{flag}");
    }
}
