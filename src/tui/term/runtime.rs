//! The terminal loop: read keys, update, run effects, draw only when something changed.

use std::io::{BufWriter, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event as TermEvent, KeyEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, style};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::Terminal;

use crate::tui::term::lean_backend::LeanBackend;

use crate::error::Error;
use crate::i18n::Lang;
use crate::service::{Actor, Service};
use crate::tui::app::apply::apply;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::{init, refit, reload};
use crate::tui::app::runner;
use crate::tui::app::state::State;
use crate::tui::app::update::update;
use crate::tui::forms::report_form::offer_draft;
use crate::tui::keymap::{lookup, paste_actions, split_alt, Action};
use crate::tui::view::{asciify, view, Theme};

/// Runs an action and every effect it leads to, in order.
pub fn dispatch(s: &mut State, svc: &dyn Service, a: &Actor, action: Action) {
    let fx = update(s, action);
    run_effects(s, svc, a, fx);
}

pub fn run_effects(s: &mut State, svc: &dyn Service, a: &Actor, fx: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        let ev = runner::run(svc, a, s.lang, e);
        queue.extend(apply(s, ev));
    }
}

/// A fresh state with the first data loaded, as the first screen shows it.
pub fn start(
    svc: &dyn Service,
    a: &Actor,
    lang: Lang,
    today: jiff::civil::Date,
    width: u16,
    height: u16,
) -> State {
    let mut s = State::new(lang, &a.name, today);
    s.width = width;
    s.height = height;
    let fx = init(&s);
    run_effects(&mut s, svc, a, fx);
    s
}

/// Like `start`, with only what the first screen needs; the rest comes with
/// `after_first_paint` once it is drawn.
pub fn first_screen(
    svc: &dyn Service,
    a: &Actor,
    lang: Lang,
    today: jiff::civil::Date,
    (width, height): (u16, u16),
) -> State {
    let mut s = State::new(lang, &a.name, today);
    s.width = width;
    s.height = height;
    let fx = crate::tui::app::loads::first_paint(&s);
    run_effects(&mut s, svc, a, fx);
    s
}

/// The loads held back from the first screen.
pub fn after_first_paint(s: &mut State, svc: &dyn Service, a: &Actor) {
    let fx = crate::tui::app::loads::after_first_paint(s);
    run_effects(s, svc, a, fx);
}

pub fn resize(s: &mut State, w: u16, h: u16) {
    s.width = w;
    s.height = h;
    // Re-fit every list to the new height.
    let _ = update(s, Action::Repaint);
    s.repaint = false;
    refit(s);
}

fn restore_terminal() {
    let mut out = std::io::stdout();
    // Attributes are reset on both screens: a terminal without an alternate screen (GNU screen's
    // default) would otherwise show the shell's text in the last colour drawn.
    let _ = execute!(
        out,
        event::DisableBracketedPaste,
        style::SetAttribute(style::Attribute::Reset),
        cursor::Show,
        LeaveAlternateScreen,
        style::SetAttribute(style::Attribute::Reset)
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Opens the screens on `svc` until the user quits or the session ends (SIGTERM, SIGHUP).
/// The screens need a terminal on both ends; scripts get a plain message instead.
pub fn check_terminal() -> Result<(), Error> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "terminal",
            "antq's screens need a terminal; for scripts use the subcommands (antq --help)",
            "giao diện antq cần một terminal; khi chạy script hãy dùng các lệnh con (antq --help)",
        ));
    }
    Ok(())
}

pub fn run(
    svc: &dyn Service,
    a: &Actor,
    lang: Lang,
    ascii: bool,
    today: jiff::civil::Date,
    notices: Option<std::sync::mpsc::Receiver<()>>,
) -> Result<(), Error> {
    check_terminal()?;
    let io = |e: std::io::Error| Error::Terminal {
        detail: e.to_string(),
    };
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, stop.clone()).map_err(io)?;
    }
    spawn_hangup_watchdog();
    let theme = Theme {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous_hook(info);
    }));
    terminal::enable_raw_mode().map_err(io)?;
    let mut out = BufWriter::with_capacity(16 * 1024, std::io::stdout());
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        event::EnableBracketedPaste
    )
    .map_err(io)?;
    let look = Look { theme, ascii };
    let result = (|| {
        let (w, h) = terminal::size().map_err(io)?;
        let mut s = first_screen(svc, a, lang, today, (w, h));
        let mut drafts = crate::tui::forms::draft::Keeper::new(&a.name);
        if let Some(d) = drafts.left_over() {
            offer_draft(&mut s, d);
        }
        let ctx = Ctx {
            svc,
            a,
            look,
            stop: &stop,
            notices: notices.as_ref(),
        };
        // ANTQ_PLAIN_OUTPUT=1 draws with ratatui's own crossterm output: the baseline the
        // bandwidth benchmark compares against.
        let r = if std::env::var_os("ANTQ_PLAIN_OUTPUT").is_some_and(|v| v == "1") {
            let term = Terminal::new(CrosstermBackend::new(out)).map_err(io)?;
            run_on(term, &mut s, &ctx, &mut drafts)
        } else {
            let term = Terminal::new(LeanBackend::new(out).map_err(io)?).map_err(io)?;
            run_on(term, &mut s, &ctx, &mut drafts)
        };
        r.map_err(io)
    })();
    restore_terminal();
    let _ = std::panic::take_hook();
    result
}

/// True once the terminal has gone (an SSH link dropped without SIGHUP reaching us): reads
/// then return end-of-file forever, so the loop must notice and leave.
/// crossterm can spin forever reading end-of-file from a terminal that was hung up while it
/// was waiting (an SSH session torn down). A watchdog checks the terminal twice a second and ends
/// the process when it is gone. Every save was flushed before it was acknowledged, so nothing
/// saved is lost by leaving without destructors.
fn spawn_hangup_watchdog() {
    std::thread::spawn(|| loop {
        std::thread::sleep(Duration::from_millis(500));
        if rustix::termios::tcgetattr(std::io::stdin()).is_err() {
            // The event loop normally sees the hang-up first and saves the draft; give it
            // time to finish before ending the process.
            std::thread::sleep(Duration::from_secs(1));
            std::process::exit(0);
        }
    });
}

enum Input {
    Ready,
    Quiet,
    Gone,
}

/// Waits on the terminal ourselves: crossterm's own wait spins forever on a hung-up terminal
/// (every read returns end-of-file), so hang-up must be seen before handing over to it.
fn wait_input(timeout: Duration) -> Input {
    use rustix::event::{poll, PollFd, PollFlags};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let ts = rustix::event::Timespec {
        tv_sec: timeout.as_secs() as i64,
        tv_nsec: timeout.subsec_nanos() as i64,
    };
    match poll(&mut fds, Some(&ts)) {
        Ok(0) => Input::Quiet,
        Ok(_)
            if fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
        {
            Input::Gone
        }
        // Readable with nothing to read is end-of-file: the terminal is gone even without HUP.
        Ok(_) if rustix::io::ioctl_fionread(&stdin).is_ok_and(|n| n == 0) => Input::Gone,
        Ok(_) => Input::Ready,
        Err(rustix::io::Errno::INTR) => Input::Quiet,
        Err(_) => Input::Gone,
    }
}

/// Draws only when the picture differs from the last one: a key that changes nothing on screen
/// (↑ at the top of a list) writes nothing at all.
struct Painter {
    shadow: Terminal<ratatui::backend::TestBackend>,
    last: Option<ratatui::buffer::Buffer>,
}

impl Painter {
    fn new() -> Painter {
        Painter {
            shadow: Terminal::new(ratatui::backend::TestBackend::new(80, 24))
                .expect("off-screen terminal"),
            last: None,
        }
    }

    fn paint<B: ratatui::backend::Backend>(
        &mut self,
        term: &mut Terminal<B>,
        s: &State,
        theme: Theme,
        ascii: bool,
    ) -> std::io::Result<()> {
        let err = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
        let size = term.size().map_err(|e| err(&e))?;
        if self.shadow.backend().buffer().area.as_size() != size {
            self.shadow.backend_mut().resize(size.width, size.height);
            self.shadow
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
                .map_err(|e| err(&e))?;
            self.last = None;
        }
        let frame = |f: &mut ratatui::Frame| {
            view(s, theme, f);
            if ascii {
                asciify(f.buffer_mut());
            }
        };
        self.shadow.draw(frame).map_err(|e| err(&e))?;
        let picture = self.shadow.backend().buffer().clone();
        if self.last.as_ref() == Some(&picture) {
            return Ok(());
        }
        term.draw(frame).map_err(|e| err(&e))?;
        self.last = Some(picture);
        Ok(())
    }

    /// After Ctrl-L or a resize the terminal must be redrawn whatever the picture.
    fn forget(&mut self) {
        self.last = None;
    }
}

/// How often the screens try a server that went away.
const RETRY_EVERY: Duration = Duration::from_secs(2);

/// The look of the screens: colours and ASCII.
#[derive(Clone, Copy)]
struct Look {
    theme: Theme,
    ascii: bool,
}

fn run_on<B: Backend<Error = std::io::Error>>(
    mut term: Terminal<B>,
    s: &mut State,
    ctx: &Ctx,
    drafts: &mut crate::tui::forms::draft::Keeper,
) -> std::io::Result<()> {
    let r = event_loop(s, &mut term, ctx, drafts);
    // restore_terminal() afterwards shows the cursor; ratatui's own drop would try again and
    // print an error on a terminal that is already gone.
    std::mem::forget(term);
    r
}

/// What the event loop works with besides the state and the terminal.
struct Ctx<'a> {
    svc: &'a dyn Service,
    a: &'a Actor,
    look: Look,
    stop: &'a AtomicBool,
    notices: Option<&'a std::sync::mpsc::Receiver<()>>,
}

fn event_loop<B: Backend<Error = std::io::Error>>(
    s: &mut State,
    term: &mut Terminal<B>,
    ctx: &Ctx,
    drafts: &mut crate::tui::forms::draft::Keeper,
) -> std::io::Result<()> {
    let r = event_loop_inner(s, term, ctx, drafts);
    // Leaving for any reason (quit, hang-up, SIGTERM, an error): keep what was typed.
    drafts.sync(s.form.as_ref(), std::mem::take(&mut s.discard_draft), true);
    r
}

fn event_loop_inner<B: Backend<Error = std::io::Error>>(
    s: &mut State,
    term: &mut Terminal<B>,
    ctx: &Ctx,
    drafts: &mut crate::tui::forms::draft::Keeper,
) -> std::io::Result<()> {
    let Ctx {
        svc,
        a,
        look,
        stop,
        notices,
    } = *ctx;
    let Look { theme, ascii } = look;
    let mut painter = Painter::new();
    painter.paint(term, s, theme, ascii)?;
    after_first_paint(s, svc, a);
    painter.paint(term, s, theme, ascii)?;
    let mut last_retry = std::time::Instant::now();
    let mut pace = Pace::default();
    while !stop.load(Ordering::Relaxed) {
        // Waiting is silent: a timeout only re-checks the stop flag and writes nothing, unless
        // a frame held back while keys were arriving is now due.
        let input = wait_input(pace.wait());
        if matches!(input, Input::Quiet) && pace.quiet() {
            painter.paint(term, s, theme, ascii)?;
            continue;
        }
        if matches!(input, Input::Gone) {
            break;
        }
        // A resize arrives through crossterm's signal pipe, not the terminal: ask without waiting.
        if matches!(input, Input::Quiet) && !event::poll(Duration::ZERO)? {
            // Background work only: retry a lost server, or refresh after a change notice.
            // Either draws only if the picture changed.
            let retry = s.offline && last_retry.elapsed() >= RETRY_EVERY;
            let notice = notices.is_some_and(|rx| rx.try_iter().count() > 0);
            if retry || notice {
                last_retry = std::time::Instant::now();
                let fx = reload(s);
                run_effects(s, svc, a, fx);
                painter.paint(term, s, theme, ascii)?;
            }
            continue;
        }
        let mut changed = false;
        // Apply everything already typed, in order, then draw once. Only read what crossterm
        // says is complete, so a stray end-of-file can never block here.
        while !s.quit && event::poll(Duration::from_millis(20))? {
            match event::read()? {
                TermEvent::Key(k) if k.kind != KeyEventKind::Release => {
                    for k in split_alt(k) {
                        if let Some(action) = lookup(s.mode(), &k) {
                            dispatch(s, svc, a, action);
                            changed = true;
                        }
                    }
                }
                // A paste is text for the field being edited, never key commands.
                TermEvent::Paste(text) => {
                    for action in paste_actions(s.mode(), &text) {
                        dispatch(s, svc, a, action);
                        changed = true;
                    }
                }
                TermEvent::Resize(w, h) => {
                    resize(s, w, h);
                    painter.forget();
                    term.autoresize()
                        .map_err(|e| std::io::Error::other(e.to_string()))?;
                    changed = true;
                }
                _ => {}
            }
        }
        if s.quit {
            break;
        }
        if s.repaint {
            s.repaint = false;
            // resize() clears and forgets the screen without asking the terminal where its
            // cursor is (clear() does, which costs a round trip on a slow link).
            let area = term.get_frame().area();
            term.resize(area)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            painter.forget();
            changed = true;
        }
        if changed {
            drafts.sync(s.form.as_ref(), std::mem::take(&mut s.discard_draft), false);
            pace.held = true;
            if pace.due() {
                painter.paint(term, s, theme, ascii)?;
                pace.drawn();
            }
        }
    }
    Ok(())
}

/// While keys keep coming (a held key), frames are drawn less and less often: the first at
/// once, then after `FIRST_GAP`, and each gap twice the last (at most `LONGEST_GAP`). A slow link
/// then carries a few frames the user can follow rather than every step in between, and the
/// last frame of a burst is drawn as soon as the keys stop.
const FIRST_GAP: Duration = Duration::from_millis(200);
const LONGEST_GAP: Duration = Duration::from_secs(2);

struct Pace {
    last: std::time::Instant,
    gap: Duration,
    /// A change not drawn yet.
    held: bool,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace {
            last: std::time::Instant::now() - LONGEST_GAP,
            gap: FIRST_GAP,
            held: false,
        }
    }
}

impl Pace {
    fn due(&self) -> bool {
        self.held && self.last.elapsed() >= self.gap
    }

    /// A frame drawn while keys were still coming: the next one waits longer.
    fn drawn(&mut self) {
        if self.last.elapsed() < self.gap * 2 {
            self.gap = (self.gap * 2).min(LONGEST_GAP);
        } else {
            self.gap = FIRST_GAP;
        }
        self.held = false;
        self.last = std::time::Instant::now();
    }

    /// The keys stopped: draw what is held now, and the next key draws at once.
    fn quiet(&mut self) -> bool {
        let draw = self.held;
        self.held = false;
        self.gap = FIRST_GAP;
        self.last = std::time::Instant::now() - LONGEST_GAP;
        draw
    }

    /// How long to wait for input: a little, when a frame is held, to see whether the keys
    /// stopped; else a quarter second.
    fn wait(&self) -> Duration {
        if self.held {
            Duration::from_millis(60)
        } else {
            Duration::from_millis(250)
        }
    }
}
