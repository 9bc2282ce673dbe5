//! The real binary in a pseudo-terminal: enter a report through the form, quit, and find the
//! report in `antq export reports`; the lock message, SIGTERM and a dropped terminal.

use crate::common;

use std::io::Read;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::TempStore;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};

fn antq(store: &TempStore, args: &[&str]) -> Pty {
    let db = store.path();
    Pty::antq(
        args,
        &[
            ("ANTQ_DB", db.as_os_str()),
            ("ANTQ_LANG", "en".as_ref()),
            ("USER", "tester".as_ref()),
        ],
    )
}

#[test]
fn enter_a_report_in_a_real_terminal() {
    let store = TempStore::with_sample();
    let mut t = antq(&store, &[]);
    t.wait_for("1 Dashboard", 20);
    // Ctrl-L repaints without asking the terminal anything (this one answers no queries).
    t.keys(&[0x0c]);
    t.keys(b"3");
    t.wait_for("Values  Updated", 20);
    t.keys(b":report 31441 2024-04\r");
    t.wait_for("Report entry", 20);
    t.keys(b"4\t310\t");
    t.keys(&[0x13]); // Ctrl-S
    t.wait_for("Saved: 31441 Nàng Mau (old) · 2024-04", 20);
    t.keys(b"q");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    let json: serde_json::Value =
        serde_json::from_str(&store.stdout(&["export", "reports", "--format", "json"])).unwrap();
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit"] == "31441" && r["period"] == "2024-04")
        .expect("report exported")
        .clone();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let col = |name: &str| text(&row[name]);
    assert_eq!(
        (
            col("status"),
            col("tt_buoi"),
            col("tt_luot"),
            col("updated_by")
        ),
        ("draft".into(), "4".into(), "310".into(), common::me())
    );
}

#[test]
fn a_locked_store_gets_the_plain_message_in_a_terminal() {
    let store = TempStore::with_sample();
    let _held = store.service();
    let mut t = antq(&store, &[]);
    let st = t.wait_exit();
    assert!(!st.success());
    t.wait_for("is already open in another antq process", 20);
    assert!(t.text().contains("antq serve --db"));
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_saved_data() {
    let store = TempStore::with_sample();
    let mut t = antq(&store, &[]);
    t.wait_for("1 Dashboard", 20);
    t.keys(b":report 31441 2024-04\r");
    t.wait_for("Report entry", 20);
    t.keys(b"7");
    t.keys(&[0x13]);
    t.wait_for("Saved: 31441 Nàng Mau (old) · 2024-04", 20);
    let pid = t.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let _ = t.wait_exit();
    // Leaving the alternate screen brings back the (empty) main screen.
    assert!(
        t.wait_gone("1 Dashboard", 5),
        "alternate screen left:\n{}",
        t.text()
    );
    let csv = store.stdout(&["export", "reports"]);
    assert!(csv
        .lines()
        .any(|l| l.starts_with("31441,") && l.contains(",2024-04,")));
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
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "antq did not exit"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    // The store is closed and flushed: another process can open it at once.
    assert!(store.stdout(&["check"]).starts_with("Check passed"));
}

fn antq_home(store: &TempStore, home: &std::path::Path) -> Pty {
    Pty::antq(
        &[],
        &[
            ("ANTQ_DB", store.path().as_os_str()),
            ("ANTQ_LANG", "en".as_ref()),
            ("USER", "tester".as_ref()),
            ("HOME", home.as_os_str()),
            ("XDG_STATE_HOME", "".as_ref()),
        ],
    )
}

#[test]
fn a_hang_up_mid_form_keeps_the_typed_values_and_the_next_start_resumes_them() {
    let store = TempStore::with_sample();
    let home = tempfile::tempdir().unwrap();
    let draft = home
        .path()
        .join(format!(".local/state/antq/draft-{}.json", common::me()));
    let mut t = antq_home(&store, home.path());
    t.wait_for("1 Dashboard", 20);
    t.keys(b"3");
    t.wait_for("Values  Updated", 20);
    t.keys(b":report 31441 2024-04\r");
    t.wait_for("Report entry", 20);
    // The last value is still in its field (never left) when the link drops.
    t.keys(b"7\t205\t3");
    // The focused (third) field shows the 3: the keys are handled, the value is in memory.
    t.wait_until("the third field holds 3", 20, |screen| {
        screen
            .lines()
            .any(|l| l.starts_with('▶') && l.split_whitespace().any(|w| w == "3" || w == "3_"))
    });
    let pid = t.child.process_id().expect("pid") as i32;
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(pid).unwrap(),
        rustix::process::Signal::HUP,
    )
    .unwrap();
    t.wait_exit();
    let saved = std::fs::read_to_string(&draft).expect("the draft is on disk");
    for part in ["31441", "2024-04", "\"7\"", "\"205\"", "\"3\""] {
        assert!(saved.contains(part), "{part} missing from {saved}");
    }
    // Nothing was saved to the store.
    let csv = store.stdout(&["export", "reports"]);
    assert!(
        !csv.lines()
            .any(|l| l.starts_with("31441,") && l.contains(",2024-04,")),
        "{csv}"
    );

    let mut t = antq_home(&store, home.path());
    t.wait_for("Unsaved entry from last time: 31441", 20);
    t.keys(b"y");
    t.wait_for("Unsaved entry restored", 20);
    t.wait_for("205", 5);
    t.keys(&[0x13]); // Ctrl-S
    t.wait_for("Saved: 31441 Nàng Mau (old) · 2024-04", 20);
    t.keys(b"q");
    t.wait_exit();
    assert!(!draft.exists(), "the draft is removed once saved");
    let csv = store.stdout(&["export", "reports"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("31441,") && l.contains(",2024-04,")),
        "{csv}"
    );
}

#[test]
fn declining_the_draft_removes_it() {
    let store = TempStore::with_sample();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".local/state/antq");
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join(format!("draft-{}.json", common::me()));
    std::fs::write(
        &draft,
        r#"{"unit":"31441","period":"2024-04","values":[["tt_buoi","9"]]}"#,
    )
    .unwrap();
    let mut t = antq_home(&store, home.path());
    t.wait_for("Unsaved entry from last time: 31441", 20);
    t.keys(b"n");
    t.wait_gone("Unsaved entry", 5);
    t.keys(b"q");
    t.wait_exit();
    assert!(!draft.exists());
}

#[test]
fn a_paste_is_text_never_commands() {
    let store = TempStore::with_sample();
    let home = tempfile::tempdir().unwrap();
    let mut t = antq_home(&store, home.path());
    t.wait_for("1 Dashboard", 20);
    // On the dashboard, "3" would switch screens and "q" would quit.
    t.keys(b"\x1b[200~3q\x1b[201~");
    // Keys are handled in order: once the help the next key opens is shown and closed again,
    // the paste has been handled.
    t.keys(b"?");
    t.wait_for("Keys 1", 20);
    t.keys(b"\x1b");
    assert!(t.wait_gone("Keys 1", 20), "help did not close");
    assert!(t.child.try_wait().unwrap().is_none(), "the paste quit antq");
    let screen = t.text();
    assert!(
        screen.contains("Reporting completeness") && !screen.contains("Values  Updated"),
        "the paste switched screens: {screen}"
    );
    // In a field, the pasted digits are the value.
    t.keys(b"3");
    t.wait_for("Values  Updated", 20);
    t.keys(b":report 31441 2024-04\r");
    t.wait_for("Report entry", 20);
    t.keys(b"\x1b[200~4071\x1b[201~");
    t.wait_for("4071", 5);
    t.keys(b"\x1b");
    t.keys(b"y");
    t.keys(b"q");
    t.wait_exit();
}

/// The last SGR sequence in `bytes` (`ESC [ … m`), if any.
fn last_sgr(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut last = None;
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\x1b[") {
        let tail = &rest[i + 2..];
        let end = tail.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'));
        if let Some(e) = end {
            if tail[e..].starts_with('m') {
                last = Some(tail[..e].to_string());
            }
        }
        rest = tail;
    }
    last
}

#[test]
fn quitting_resets_colours_for_the_shell() {
    let store = TempStore::with_sample();
    let mut t = antq(&store, &[]);
    t.wait_for("1 Dashboard", 20);
    t.keys(b"q");
    let _ = t.wait_exit();
    assert!(t.wait_output_end(20), "the terminal's output never ended");
    let last = last_sgr(&t.raw()).expect("antq drew with colours");
    assert!(
        last.is_empty() || last == "0",
        "the last SGR is ESC[{last}m: a terminal without an alternate screen keeps it"
    );
}

/// What a terminal without SU/SD shows for `bytes`: pyte (like the Linux console, vt100 and
/// vt220) has no scroll-up/down codes, so a frame that used them would show stale rows.
/// pyte emulates a terminal without SU/SD; without it a test says SKIPPED (fails under CI).
fn pyte_present() -> bool {
    let pyte = std::process::Command::new("python3")
        .args(["-c", "import pyte"])
        .status()
        .is_ok_and(|s| s.success());
    common::require(
        pyte,
        "python3 with pyte emulates a terminal without SU/SD (pip install pyte)",
    )
}

fn screen_without_su_sd(bytes: &[u8]) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = "import pyte,sys\ns=pyte.Screen(80,24)\npyte.ByteStream(s).feed(sys.stdin.buffer.read())\nprint('\\n'.join(s.display))";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(bytes).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn a_terminal_without_su_sd_shows_each_scrolled_code_beside_its_own_name() {
    if !pyte_present() {
        return;
    }
    let store = TempStore::with_sample();
    let mut t = antq(&store, &[]);
    t.wait_for("1 Dashboard", 20);
    t.keys(b"3");
    t.wait_for("Values  Updated", 20);
    // Each key its own frame: the next goes once the list has moved.
    for keys in [&b"\x1b[6~"[..], b"jjj", b"\x1b[6~", b"kk"] {
        let before = t.text();
        t.keys(keys);
        t.wait_until("the list moved", 20, |now| now != before);
    }
    // Keys are handled in order: once help has opened and closed, every frame is written.
    t.keys(b"?");
    t.wait_for("Keys 1", 20);
    t.keys(b"\x1b");
    assert!(t.wait_gone("Keys 1", 20), "help did not close");
    let screen = screen_without_su_sd(&t.raw()).expect("pyte renders the output");
    t.keys(b"q");
    t.wait_exit();
    // Codes are read as of the listed period (its first day is enough: the sample's units
    // change only on 01/07/2025).
    let period = screen
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().nth(1))
        .expect("the period in the title");
    let on = format!("{period}-01");
    let header: Vec<char> = screen.lines().nth(2).unwrap_or("").chars().collect();
    let col = |word: &str| {
        let h: String = header.iter().collect();
        h.find(word)
            .map(|b| h[..b].chars().count())
            .expect("column")
    };
    let (name_at, status_at) = (col("Unit"), col("Status"));
    let rows: Vec<&str> = screen.lines().skip(3).take(19).collect();
    let mut checked = 0;
    for row in &rows {
        let cells: Vec<char> = row.chars().collect();
        let code: String = cells[1..name_at].iter().collect();
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let name: String = cells[name_at..status_at].iter().collect();
        let name = name.trim().trim_end_matches('…');
        let show = store.stdout(&["units", "show", code, "--on", &on]);
        let title = show.lines().next().unwrap_or("");
        assert!(
            title.contains(name),
            "row {row:?} shows {name:?} beside {code}, which is {title:?}\n{screen}"
        );
        checked += 1;
    }
    assert!(checked >= 15, "{screen}");
    assert_eq!(
        screen.matches('▶').count(),
        1,
        "one selection mark\n{screen}"
    );
}

/// A screen change that the lean backend draws with a scroll region (the dashboard giving way to
/// a report form) shows whole on a terminal that leaves the cursor where it was when the region
/// is reset (pyte): every write after a scroll says where it goes.
#[test]
fn a_form_opened_over_the_dashboard_shows_whole_without_su_sd() {
    if !pyte_present() {
        return;
    }
    let store = TempStore::with_sample();
    let mut t = antq(&store, &[]);
    t.wait_for("1 Dashboard", 20);
    t.keys(b":report 31441 2024-04\r");
    t.wait_for("Report entry", 20);
    t.wait_for("Esc back", 20);
    let screen = screen_without_su_sd(&t.raw()).expect("pyte renders the output");
    t.keys(b"\x1b");
    t.wait_for("Values  Updated", 20);
    t.keys(b"q");
    t.wait_exit();
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[0].starts_with(" 1 Dashboard  2 Units"), "{screen}");
    assert!(
        rows[1].starts_with("Report entry · 31441 Nàng Mau · 2024-04"),
        "{screen}"
    );
    assert!(rows[2].starts_with("▶Propaganda sessions"), "{screen}");
    // Nothing of the dashboard is left below the form.
    assert!(!screen.contains("Overdue"), "{screen}");
    assert_eq!(screen.matches("1 Dashboard").count(), 1, "{screen}");
}
