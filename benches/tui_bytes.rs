//! Bytes written to the terminal per interaction, through the real crossterm backend, on the
//! sample at 80×24. Run with `cargo bench --bench tui_bytes`; prints one line per interaction.

use std::io::Write;
use std::sync::{Arc, Mutex};

use antq::error::Lang;
use antq::service::{Actor, LocalService};
use antq::tui::keymap::lookup;
use antq::tui::runtime::{dispatch, start};
use antq::tui::state::State;
use antq::tui::update::mode;
use antq::tui::view::{view, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

#[derive(Clone, Default)]
struct Counter(Arc<Mutex<Vec<u8>>>);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Rig {
    svc: LocalService,
    s: State,
    term: Terminal<CrosstermBackend<Counter>>,
    out: Counter,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let mut svc = LocalService::open(&dir.path().join("db")).unwrap();
        svc.set_clock(|| 1_712_714_400);
        svc.set_owner("bench");
        let a = Actor::new("bench");
        antq::sample::load(&svc, &a).unwrap();
        let s = start(
            &svc,
            &a,
            Lang::Vi,
            jiff::civil::Date::constant(2024, 4, 10),
            80,
            24,
        );
        let out = Counter::default();
        let term = Terminal::with_options(
            CrosstermBackend::new(out.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
            },
        )
        .unwrap();
        Rig {
            svc,
            s,
            term,
            out,
            _dir: dir,
        }
    }

    fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        if let Some(a) = lookup(mode(&self.s), &KeyEvent::new(code, mods)) {
            dispatch(&mut self.s, &self.svc, &Actor::new("bench"), a);
        }
    }

    /// Draws and returns the bytes that drawing wrote.
    fn draw(&mut self) -> usize {
        self.out.0.lock().unwrap().clear();
        let s = &self.s;
        self.term
            .draw(|f| view(s, Theme { color: true }, f))
            .unwrap();
        self.out.0.lock().unwrap().len()
    }

    fn step(&mut self, code: KeyCode, mods: KeyModifiers) -> usize {
        self.key(code, mods);
        self.draw()
    }
}

fn main() {
    let mut results: Vec<(&str, usize)> = Vec::new();
    let mut r = Rig::new();
    results.push(("first paint of the dashboard", r.draw()));

    r.step(KeyCode::Char('3'), KeyModifiers::NONE);
    results.push((
        "move the selection one row (reports list)",
        r.step(KeyCode::Down, KeyModifiers::NONE),
    ));

    // Units: open every district so the list is longer than the screen, then walk past the end.
    r.step(KeyCode::Char('2'), KeyModifiers::NONE);
    for code in ["930", "935", "936"] {
        r.s.unit_view.expanded.insert(code.to_string());
    }
    r.draw();
    let mut scroll = 0;
    for _ in 0..60 {
        let before = r.s.unit_view.cursor.offset;
        let n = r.step(KeyCode::Down, KeyModifiers::NONE);
        if r.s.unit_view.cursor.offset != before {
            scroll = n;
            break;
        }
    }
    results.push(("scroll a long list by one row (units tree)", scroll));
    results.push((
        "page down in a list (units tree)",
        r.step(KeyCode::PageDown, KeyModifiers::NONE),
    ));

    // The entry form for a unit without a report this period.
    r.step(KeyCode::Char('3'), KeyModifiers::NONE);
    for c in ":report 31441 2024-04".chars() {
        r.key(KeyCode::Char(c), KeyModifiers::NONE);
    }
    let open = r.step(KeyCode::Enter, KeyModifiers::NONE);
    results.push(("open the entry form", open));
    results.push((
        "type one digit in a field",
        r.step(KeyCode::Char('4'), KeyModifiers::NONE),
    ));
    results.push((
        "move to the next field",
        r.step(KeyCode::Tab, KeyModifiers::NONE),
    ));
    let mut whole = open;
    for v in ["31", "8", "71", "6", "2", "7", "2", "0", "1", "0"] {
        for c in v.chars() {
            whole += r.step(KeyCode::Char(c), KeyModifiers::NONE);
        }
        whole += r.step(KeyCode::Tab, KeyModifiers::NONE);
    }
    let save = r.step(KeyCode::Char('s'), KeyModifiers::CONTROL);
    whole += save;
    results.push(("save the form", save));
    results.push(("whole monthly report: open, 11 values, save", whole));

    println!(
        "{:<48} {:>8}",
        "interaction (80x24, sample, xterm-256color)", "bytes"
    );
    for (name, n) in results {
        println!("{name:<48} {n:>8}");
    }
}
