//! A program in an 80×24 pseudo-terminal, with its screen read through vt100.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, in order.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once the program's side of the terminal is closed and every byte is read.
    ended: Arc<std::sync::atomic::AtomicBool>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// The program's own home, so no draft or setting of the real one leaks between tests.
    _home: Option<tempfile::TempDir>,
}

impl Pty {
    /// Starts `cmd`; the terminal stays open for as long as the test process lives.
    pub fn spawn(mut cmd: CommandBuilder) -> Pty {
        cmd.env("TERM", "xterm-256color");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let p = parser.clone();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = raw.clone();
        let ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let end = ended.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
            end.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let writer = pty.master.take_writer().unwrap();
        std::mem::forget(pty.master);
        Pty {
            parser,
            raw,
            ended,
            writer,
            child,
            _home: None,
        }
    }

    /// The real antq binary with the given arguments and environment.
    pub fn antq(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_antq"));
        cmd.args(args);
        // A home of its own unless the test gives one: a draft left by one test (a killed
        // form) would otherwise greet the next.
        let home = tempfile::tempdir().expect("temp home");
        cmd.env("HOME", home.path());
        cmd.env("XDG_STATE_HOME", "");
        cmd.env("XDG_CONFIG_HOME", "");
        for (k, v) in env {
            cmd.env(k, v);
        }
        Pty {
            _home: Some(home),
            ..Pty::spawn(cmd)
        }
    }

    /// Waits up to `secs` until everything the exited program wrote has been read.
    pub fn wait_output_end(&self, secs: u64) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if self.ended.load(std::sync::atomic::Ordering::SeqCst) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits up to `secs` for `needle` on the screen; returns how long it took.
    pub fn wait_for(&self, needle: &str, secs: u64) -> Duration {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if self.text().contains(needle) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting for {needle:?}; screen:\n{}", self.text());
    }

    /// Waits up to `secs` until the screen satisfies `cond`; `what` names it if it never does.
    pub fn wait_until(&self, what: &str, secs: u64, cond: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if cond(&self.text()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("timed out waiting until {what}; screen:\n{}", self.text());
    }

    /// Waits up to `secs` until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str, secs: u64) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if !self.text().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        false
    }

    pub fn keys(&mut self, b: &[u8]) {
        self.writer.write_all(b).unwrap();
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the program did not exit"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}
