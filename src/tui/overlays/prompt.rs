//! The one-line prompt: the filter as it is typed, quick add, and handing lines to the palette.

use crate::domain::task::parse_quick_add;
use crate::service::*;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;
use crate::tui::overlays::palette::palette;

pub(crate) fn key(s: &mut State, a: Action, kind: PromptKind, mut text: String) -> Vec<Effect> {
    match a {
        Action::Input(c) => text.push(c),
        Action::Backspace => {
            text.pop();
        }
        Action::ClearField => text.clear(),
        Action::NextField if kind == PromptKind::Palette => {
            crate::tui::overlays::palette::complete(s, &mut text)
        }
        Action::Back => {
            if kind == PromptKind::Filter {
                s.filters[s.screen.index()].clear();
                refit(s);
            }
            s.overlay = Overlay::None;
            return vec![];
        }
        Action::Save => {
            s.overlay = Overlay::None;
            return match kind {
                PromptKind::Filter => vec![],
                PromptKind::Palette => palette(s, &text),
                PromptKind::QuickAdd => quick_add(s, &text),
            };
        }
        _ => {}
    }
    if kind == PromptKind::Filter {
        s.filters[s.screen.index()] = text.clone();
        refit(s);
    }
    s.overlay = Overlay::Prompt { kind, text };
    if s.screen == Screen::Units {
        return screen_load(s);
    }
    vec![]
}

pub(crate) fn quick_add(s: &mut State, line: &str) -> Vec<Effect> {
    match parse_quick_add(line) {
        Ok(q) => {
            // Kept until the task is saved, so a refusal can give the line back.
            s.tasks.quick_add = Some(line.to_string());
            vec![Effect::AddTask(NewTask {
                title: q.title,
                details: String::new(),
                source: None,
                lead_unit: q.unit,
                coordinating: vec![],
                due: q.due,
                priority: q.priority,
            })]
        }
        Err(e) => {
            s.say(Tone::Bad, e.render(s.lang));
            // Keep what was typed so it can be fixed.
            s.overlay = Overlay::Prompt {
                kind: PromptKind::QuickAdd,
                text: line.to_string(),
            };
            vec![]
        }
    }
}
