//! The command palette (`:`): screen names, periods, reports by code, summary, history.

use crate::domain::period::Period;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::screens::reports::data::ReportEffect;

/// The palette's commands in English, as Tab completes them.
pub const COMMANDS_EN: &[&str] = &[
    "dashboard",
    "units",
    "reports",
    "report",
    "tasks",
    "classify",
    "period",
    "under",
    "summary",
    "history",
    "conflicts",
    "sample",
    "help",
    "quit",
];

/// The same commands in Vietnamese, written without marks (typed marks are folded away):
/// `baocao` with a code opens that report.
pub const COMMANDS_VI: &[&str] = &[
    "tongquan", "donvi", "baocao", "nhiemvu", "phanloai", "ky", "thuoc", "tonghop", "lichsu",
    "xungdot", "mau", "trogiup", "thoat",
];

/// Completes the command word of a palette line: one match is written out, several are
/// completed to what they share and listed in the message.
pub(crate) fn complete(s: &mut State, text: &mut String) {
    if text.contains(' ') {
        return;
    }
    let typed = crate::domain::text::fold(text);
    // Tab offers the user's language's names; the other language's still run when typed.
    let names = match s.lang {
        crate::i18n::Lang::Vi => COMMANDS_VI,
        crate::i18n::Lang::En => COMMANDS_EN,
    };
    let hits: Vec<&str> = names
        .iter()
        .copied()
        .filter(|c| c.starts_with(&typed))
        .collect();
    match hits.as_slice() {
        [] => {
            let t = texts(s.lang);
            s.say(
                Tone::Bad,
                format!("{}: {text} — {}", t.unknown_command, t.palette_hint),
            );
        }
        [one] => *text = format!("{one} "),
        many => {
            let first = many[0];
            let shared = (typed.len()..=first.len())
                .rev()
                .find(|&n| many.iter().all(|c| c.starts_with(&first[..n])))
                .unwrap_or(typed.len());
            *text = first[..shared].to_string();
            s.say(Tone::Info, many.join("  "));
        }
    }
}

pub(crate) fn palette(s: &mut State, line: &str) -> Vec<Effect> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let cmd = words
        .first()
        .map(|w| crate::domain::text::fold(w))
        .unwrap_or_default();
    let go = |s: &mut State, screen: Screen| {
        s.screen = screen;
        screen_load(s)
    };
    match cmd.as_str() {
        "dashboard" | "tongquan" | "home" => go(s, Screen::Dashboard),
        "units" | "donvi" => go(s, Screen::Units),
        "reports" | "baocao" if words.len() == 1 => go(s, Screen::Reports),
        "tasks" | "nhiemvu" => go(s, Screen::Tasks),
        "classify" | "phanloai" => go(s, Screen::Classify),
        "help" | "trogiup" => {
            s.overlay = Overlay::Help { scroll: 0 };
            vec![]
        }
        "quit" | "q" | "thoat" => {
            s.quit = true;
            vec![]
        }
        "sample" | "mau" => vec![Effect::LoadSample],
        "conflicts" | "xungdot" => vec![Effect::LoadConflicts],
        "summary" | "tonghop" => match words.get(1).map(|w| Period::parse(w)) {
            Some(Err(e)) => {
                s.say(Tone::Bad, e.render(s.lang));
                vec![]
            }
            Some(Ok(p)) => crate::tui::overlays::summary::open_summary(s, Some(p)),
            None => crate::tui::overlays::summary::open_summary(s, None),
        },
        "history" | "lichsu" => match words
            .get(1)
            .map(|w| w.to_string())
            .or_else(|| selected_entity(s))
        {
            Some(entity) => vec![Effect::LoadHistory { entity }],
            None => {
                s.say(Tone::Bad, texts(s.lang).no_selection);
                vec![]
            }
        },
        "under" | "thuoc" => {
            // A code the tree here does not list (an old unit of the user's area, say) is
            // the service's to resolve: it answers with the area, or says why not.
            let code = words.get(1).map(|w| w.to_string());
            s.reports.under = code;
            s.screen = Screen::Reports;
            screen_load(s)
        }
        // Without a period, the one the reports screen shows.
        "report" | "baocao" if words.len() == 2 => {
            s.screen = Screen::Reports;
            vec![ReportEffect::OpenTyped {
                code: words[1].to_string(),
                period: s.reports.period,
            }
            .into()]
        }
        "report" | "baocao" if words.len() == 3 => match Period::parse(words[2]) {
            Ok(p) => {
                s.screen = Screen::Reports;
                vec![ReportEffect::OpenTyped {
                    code: words[1].to_string(),
                    period: p,
                }
                .into()]
            }
            Err(e) => {
                s.say(Tone::Bad, e.render(s.lang));
                vec![]
            }
        },
        "period" | "ky" if words.len() == 2 => match Period::parse(words[1]) {
            Ok(p) => {
                s.reports.period = p;
                s.dash.period = p;
                screen_load(s)
            }
            Err(e) => {
                s.say(Tone::Bad, e.render(s.lang));
                vec![]
            }
        },
        _ => {
            let t = texts(s.lang);
            s.say(
                Tone::Bad,
                format!("{}: {line} — {}", t.unknown_command, t.palette_hint),
            );
            vec![]
        }
    }
}
