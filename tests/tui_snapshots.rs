//! Every screen at 80×24 on the sample, pinned as text snapshots (insta).

use crate::common;

use antq::i18n::Lang;
use antq::service::LocalService;
use antq::tui::app::state::State;
use antq::tui::keymap::{lookup, Action};
use antq::tui::term::runtime::{dispatch, start};
use antq::tui::view::{render_text, Theme};
use common::{actor, TempStore};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::Date;

const THEME: Theme = Theme { color: false };

fn setup(lang: Lang) -> (TempStore, LocalService, State) {
    let store = TempStore::new();
    let mut svc = store.service();
    // A fixed clock, so log and audit times in the pictures never change.
    svc.set_clock(|| 1_712_714_400);
    antq::sample::load(&svc, &actor()).unwrap();
    let s = start(&svc, &actor(), lang, Date::constant(2024, 4, 10), 80, 24);
    (store, svc, s)
}

fn keys(s: &mut State, svc: &LocalService, text: &str) {
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        if let Some(a) = lookup(s.mode(), &KeyEvent::new(code, KeyModifiers::NONE)) {
            dispatch(s, svc, &actor(), a);
        }
    }
}

fn act(s: &mut State, svc: &LocalService, a: Action) {
    dispatch(s, svc, &actor(), a);
}

#[test]
fn dashboard() {
    let (_t, _svc, s) = setup(Lang::Vi);
    insta::assert_snapshot!("dashboard_vi", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn dashboard_english_ascii() {
    let (_t, _svc, s) = setup(Lang::En);
    insta::assert_snapshot!("dashboard_en_ascii", render_text(&s, THEME, true, 80, 24));
}

#[test]
fn dashboard_missing_drill_down() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    act(&mut s, &svc, Action::NextField);
    insta::assert_snapshot!("dashboard_missing", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn units() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, "2jjj");
    act(&mut s, &svc, Action::Right);
    act(&mut s, &svc, Action::Down);
    act(&mut s, &svc, Action::Down);
    act(&mut s, &svc, Action::Down);
    insta::assert_snapshot!("units", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn reports() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, "3");
    insta::assert_snapshot!("reports", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn report_form() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, ":report 31441 2024-04\n4\t31");
    insta::assert_snapshot!("report_form", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn grid() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, "3t");
    insta::assert_snapshot!("grid", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn tasks_and_detail() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, "4");
    insta::assert_snapshot!("tasks", render_text(&s, THEME, false, 80, 24));
    act(&mut s, &svc, Action::End);
    act(&mut s, &svc, Action::Open);
    insta::assert_snapshot!("task_detail", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn classification() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, "5");
    insta::assert_snapshot!("classify", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn help_overlay() {
    let (_t, svc, mut s) = setup(Lang::En);
    keys(&mut s, &svc, "3?");
    insta::assert_snapshot!("help_reports_en", render_text(&s, THEME, false, 80, 24));
}

#[test]
fn too_small() {
    let (_t, _svc, s) = setup(Lang::Vi);
    insta::assert_snapshot!("too_small", render_text(&s, THEME, false, 60, 20));
}

#[test]
fn summary_overlay_english_ascii() {
    let (_t, svc, mut s) = setup(Lang::En);
    // The old province, as of the sample's March 2024 (f lists the old units too).
    keys(&mut s, &svc, "2f/hau giang\njt");
    insta::assert_snapshot!("summary_en_ascii", render_text(&s, THEME, true, 80, 24));
}

#[test]
fn conflicts_overlay_english() {
    let (_t, svc, mut s) = setup(Lang::En);
    let a = actor();
    let (_, bytes) = antq::service::read_backup(&svc, &a).unwrap();
    let other = TempStore::new();
    let mut d = other.service();
    d.set_clock(|| 1_712_714_400);
    d.restore(&a, &bytes).unwrap();
    let input = |v| antq::service::ReportInput {
        unit: "31484".into(),
        period: antq::domain::period::Period::month(2024, 3),
        values: vec![("to_giac".into(), Some(v))],
        narrative: None,
        base_revision: None,
    };
    use antq::service::Service;
    d.save_report(&a, input(7)).unwrap();
    svc.save_report(&a, input(9)).unwrap();
    common::register_office(&svc, "936");
    let b = d
        .bundle_export(&a, "936", Date::constant(2024, 4, 1))
        .unwrap();
    svc.bundle_import(&a, common::signed(b, "936"), false)
        .unwrap();
    // The dashboard tells an admin that conflicts wait.
    keys(&mut s, &svc, "21");
    insta::assert_snapshot!(
        "dashboard_conflicts_en",
        render_text(&s, THEME, false, 80, 24)
    );
    keys(&mut s, &svc, ":conflicts\n");
    insta::assert_snapshot!("conflicts_en", render_text(&s, THEME, false, 80, 24));
}

/// A message wider than the screen goes on two rows instead of being cut.
#[test]
fn a_long_message_wraps_onto_the_hint_row() {
    let (_t, _svc, mut s) = setup(Lang::Vi);
    let msg = "unit: đơn vị 31447 đã sáp nhập vào 31453 từ 01/07/2025; hãy giao nhiệm vụ cho 31453 (Vĩnh Thuận Đông) hoặc đặt hạn sớm hơn";
    s.message = Some((antq::tui::app::state::Tone::Bad, msg.to_string()));
    let text = render_text(&s, THEME, false, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    let shown = format!("{} {}", rows[22].trim_end(), rows[23].trim_end());
    assert_eq!(shown, msg, "{text}");
}

/// A long narrative gets a line of its own, scrolls to keep the cursor in view, and Home shows
/// its start.
#[test]
fn a_long_narrative_wraps_over_several_rows() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, ":report 31441 2024-04\n");
    let n = s.form.as_ref().unwrap().fields.len();
    for _ in 1..n {
        act(&mut s, &svc, Action::NextField);
    }
    let text = "Tình hình an ninh trật tự ổn định, các mô hình tự quản hoạt động đều, không có điểm nóng phát sinh trong kỳ";
    for c in text.chars() {
        act(&mut s, &svc, Action::Input(c));
    }
    // The whole paragraph reads on rows of its own, word by word, the cursor after it.
    let (rows, screen) = narrative_row(&s);
    assert!(rows.len() >= 2, "{screen}");
    assert_eq!(rows.join(" "), format!("{text}_"), "{screen}");
    act(
        &mut s,
        &svc,
        Action::Text(antq::tui::forms::line_edit::Edit::Start),
    );
    let (rows, screen) = narrative_row(&s);
    assert_eq!(rows.join(" "), text, "{screen}");
    assert_eq!(s.form.as_ref().unwrap().value("narrative"), text);
}

/// The rows under the narrative's label, trimmed, and the whole screen for messages.
fn narrative_row(s: &State) -> (Vec<String>, String) {
    let screen = render_text(s, THEME, false, 80, 24);
    let rows = screen
        .lines()
        .skip_while(|l| !l.contains("Thuyết minh"))
        .skip(1)
        .map(|l| l.trim().to_string())
        .take_while(|l| !l.is_empty())
        .collect();
    (rows, screen)
}

/// After the reform the sample holds reused codes (`31441` old and new). No screen, form, list,
/// question or message shows the store's identity (`CODE@DATE`): users see codes and names.
/// Key sequences that reach every screen, overlay and prompt of the sample.
const WALKS: &[&str] = &[
    "1",
    "1\t",
    "2",
    "2jjj",
    "2f",
    "2jjjt",
    "3",
    "3\n",
    "3s",
    "3v",
    "3r",
    "3w",
    "3t",
    "4",
    "4\n",
    "4j\n",
    "5",
    "5f",
    "5jj\n",
    "3:summary\n",
    "3:period 2025-06\n",
    "2:under 93\n",
    "3jv",
    "3jjv",
    "3js",
    "3jjjr",
    "5s",
    "5v",
    "5jjs",
    "5f\n",
    "2jm",
    "2jr",
    "2jje",
    "1\n",
    "1j\n",
    "3:period 2025-06\n\n",
    "4jjjjH",
    "5ll",
    "5lls",
];

#[test]
fn no_screen_shows_a_store_identity() {
    let store = TempStore::new();
    let mut svc = store.service();
    svc.set_clock(|| 1_791_597_600); // 10/10/2026 09:00
    antq::sample::load(&svc, &actor()).unwrap();
    let today = Date::constant(2026, 10, 10);
    let mut leaks = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        for walk in WALKS {
            let mut s = start(&svc, &actor(), lang, today, 80, 24);
            keys(&mut s, &svc, walk);
            let screen = render_text(&s, THEME, false, 80, 24);
            let message = s.message.as_ref().map(|m| m.1.clone()).unwrap_or_default();
            let shown = format!("{screen}\n{message}");
            for line in shown.lines() {
                let at = line.find('@');
                let dated = at.is_some_and(|i| {
                    let rest = &line[i + 1..];
                    rest.starts_with('-')
                        || rest.len() >= 10 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                });
                if dated {
                    leaks.push(format!("{lang:?} {walk:?}: {line}"));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "store identities shown:\n{}",
        leaks.join("\n")
    );
}

/// Every screen the walks reach, at 80×24, in Vietnamese and in `--lang en --ascii`: the title,
/// the message and the key hints are never cut, and where a list column is too narrow for its text
/// the cut ("…", or "~" in ASCII) comes after a whole word: the word before it is one that the same
/// screen shows whole at 200 columns.
#[test]
fn no_screen_cuts_text_at_80_columns() {
    let mut cuts = Vec::new();
    // Before the reform (the sample's own year) and after it.
    for (clock, today) in [
        (1_712_714_400, Date::constant(2024, 4, 10)),
        (1_791_597_600, Date::constant(2026, 10, 10)),
    ] {
        cuts.extend(cut_lines(clock, today));
    }
    assert!(cuts.is_empty(), "text cut at 80×24:\n{}", cuts.join("\n"));
}

fn cut_lines(clock: i64, today: Date) -> Vec<String> {
    let store = TempStore::new();
    let mut svc = store.service();
    svc.set_clock(move || clock);
    antq::sample::load(&svc, &actor()).unwrap();
    let mut cuts = Vec::new();
    for (lang, ascii, mark) in [(Lang::Vi, false, '…'), (Lang::En, true, '~')] {
        for walk in WALKS {
            let mut narrow = start(&svc, &actor(), lang, today, 80, 24);
            keys(&mut narrow, &svc, walk);
            let screen = render_text(&narrow, THEME, ascii, 80, 24);
            let mut wide = start(&svc, &actor(), lang, today, 200, 24);
            keys(&mut wide, &svc, walk);
            let whole = render_text(&wide, THEME, ascii, 200, 24);
            let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            let words: std::collections::HashSet<String> = whole
                .split(|c: char| c.is_whitespace() || c == mark)
                .map(bare)
                .collect();
            let lines: Vec<&str> = screen.lines().collect();
            for (row, line) in lines.iter().enumerate() {
                let Some(at) = line.find(mark) else { continue };
                let never_cut = row <= 1 || row + 2 >= lines.len();
                let word = bare(line[..at].rsplit(' ').next().unwrap_or(""));
                if never_cut || !words.contains(&word) {
                    cuts.push(format!("{today} {lang:?} {walk:?}: {line}"));
                }
            }
        }
    }
    cuts
}

#[test]
#[ignore]
fn dump_walk() {
    let store = TempStore::new();
    let mut svc = store.service();
    svc.set_clock(|| 1_791_597_600);
    antq::sample::load(&svc, &actor()).unwrap();
    let today = Date::constant(2026, 10, 10);
    let walk = std::env::var("WALK").unwrap().replace("\\n", "\n");
    let lang = if std::env::var("EN").is_ok() {
        Lang::En
    } else {
        Lang::Vi
    };
    let mut s = start(&svc, &actor(), lang, today, 80, 24);
    keys(&mut s, &svc, &walk);
    println!("{}", render_text(&s, THEME, lang == Lang::En, 80, 24));
}

/// In Vietnamese the palette's commands are Vietnamese words: its hint names them, Tab offers
/// them, and `baocao` with a code and a period opens that report as `report` does.
#[test]
fn the_palette_speaks_vietnamese() {
    let (_t, svc, mut s) = setup(Lang::Vi);
    keys(&mut s, &svc, ":xyz\n");
    let said = s.message.as_ref().map(|m| m.1.clone()).unwrap_or_default();
    assert!(said.contains(":baocao MÃ KỲ :thuoc MÃ"), "{said}");
    assert!(!said.contains(":units"), "{said}");
    keys(&mut s, &svc, ":t\t");
    let said = s.message.as_ref().map(|m| m.1.clone()).unwrap_or_default();
    assert_eq!(said, "tongquan  thuoc  tonghop  trogiup  thoat");
    s.overlay = antq::tui::app::state::Overlay::None;
    keys(&mut s, &svc, ":baocao 31441 2024-04\n");
    let f = s.form.as_ref().expect("the report form");
    assert!(f.title.contains("31441 Nàng Mau · 2024-04"), "{}", f.title);
}
