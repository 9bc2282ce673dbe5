//! A program in an 80×24 pseudo-terminal, with its screen read through vt100.

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

/// What the reader thread has seen: the screen, every byte, and whether the output ended.
struct Seen {
    parser: vt100::Parser,
    raw: Vec<u8>,
    ended: bool,
}

/// `Seen`, and a signal on every change to it: waits block until the screen changes.
type Shared = Arc<(Mutex<Seen>, Condvar)>;

pub struct Pty {
    seen: Shared,
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
        let seen: Shared = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new(24, 80, 0),
                raw: Vec::new(),
                ended: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let shared = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = shared.0.lock().unwrap();
                s.raw.extend_from_slice(&buf[..n]);
                s.parser.process(&buf[..n]);
                shared.1.notify_all();
            }
            shared.0.lock().unwrap().ended = true;
            shared.1.notify_all();
        });
        let writer = pty.master.take_writer().unwrap();
        std::mem::forget(pty.master);
        Pty {
            seen,
            writer,
            child,
            _home: None,
        }
    }

    /// Blocks until `cond` holds of what was seen, woken by each change; how long it took, or
    /// None after `secs`.
    fn wait(&self, secs: u64, cond: impl Fn(&Seen) -> bool) -> Option<Duration> {
        let start = Instant::now();
        let limit = Duration::from_secs(secs);
        let (lock, changed) = &*self.seen;
        let mut s = lock.lock().unwrap();
        while !cond(&s) {
            let left = limit.checked_sub(start.elapsed())?;
            s = changed.wait_timeout(s, left).unwrap().0;
        }
        Some(start.elapsed())
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
        self.wait(secs, |s| s.ended).is_some()
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.seen.0.lock().unwrap().raw.clone()
    }

    pub fn text(&self) -> String {
        self.seen.0.lock().unwrap().parser.screen().contents()
    }

    /// Waits up to `secs` for `needle` on the screen; returns how long it took.
    pub fn wait_for(&self, needle: &str, secs: u64) -> Duration {
        self.wait(secs, |s| s.parser.screen().contents().contains(needle))
            .unwrap_or_else(|| panic!("timed out waiting for {needle:?}; screen:\n{}", self.text()))
    }

    /// Waits up to `secs` until the screen satisfies `cond`; `what` names it if it never does.
    pub fn wait_until(&self, what: &str, secs: u64, cond: impl Fn(&str) -> bool) {
        if self
            .wait(secs, |s| cond(&s.parser.screen().contents()))
            .is_none()
        {
            panic!("timed out waiting until {what}; screen:\n{}", self.text());
        }
    }

    /// Waits up to `secs` until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str, secs: u64) -> bool {
        self.wait(secs, |s| !s.parser.screen().contents().contains(needle))
            .is_some()
    }

    pub fn keys(&mut self, b: &[u8]) {
        self.writer.write_all(b).unwrap();
    }

    /// Waits for the program to end: its side of the terminal closes when it exits.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        assert!(self.wait_output_end(20), "the program did not exit");
        self.child.wait().unwrap()
    }
}
