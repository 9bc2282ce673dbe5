//! The one-line prompt: the filter as it is typed, quick add, and handing lines to the palette.

use crate::domain::task::{parse_quick_add, Directive};
use crate::service::*;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::forms::line_edit::{self, Edit};
use crate::tui::keymap::Action;
use crate::tui::overlays::palette::palette;
use crate::tui::screens::tasks::data::TaskEffect;

pub(crate) fn key(
    s: &mut State,
    a: Action,
    kind: PromptKind,
    mut text: String,
    mut cursor: Option<usize>,
) -> Vec<Effect> {
    let edit = match a {
        Action::Input(c) if text.chars().count() < 2000 => Some(Edit::Insert(c)),
        Action::Backspace => Some(Edit::DeletePrev),
        Action::ClearField => Some(Edit::DeleteToStart),
        Action::Left => Some(Edit::Left),
        Action::Right => Some(Edit::Right),
        Action::Text(e) => Some(e),
        _ => None,
    };
    if let Some(e) = edit {
        line_edit::apply(&mut text, &mut cursor, e);
    }
    match a {
        Action::NextField if kind == PromptKind::Palette => {
            crate::tui::overlays::palette::complete(s, &mut text);
            cursor = None;
        }
        Action::NextField if kind == PromptKind::QuickAdd => {
            s.overlay = Overlay::None;
            crate::tui::screens::tasks::open_task_form(s, &text);
            return vec![];
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
    s.overlay = Overlay::Prompt { kind, text, cursor };
    if s.screen == Screen::Units {
        return screen_load(s);
    }
    vec![]
}

pub(crate) fn quick_add(s: &mut State, line: &str) -> Vec<Effect> {
    // An operator's tasks are their own unit's unless the line names another with @.
    let own = s
        .account_unit
        .as_ref()
        .filter(|_| s.role == Some(crate::domain::account::Role::Operator))
        .filter(|_| !line.split_whitespace().any(|w| w.starts_with('@')));
    let line = match own {
        Some(unit) => format!("{line} @{}", crate::domain::unit::official_code(unit)),
        None => line.to_string(),
    };
    let line = line.as_str();
    match parse_quick_add(line) {
        Ok(q) => {
            // Kept until the task is saved, so a refusal can give the line back.
            s.tasks.quick_add = Some(line.to_string());
            vec![Effect::Tasks(TaskEffect::Add(NewTask {
                title: q.title,
                details: String::new(),
                source: q.source_number.map(|number| Directive {
                    number,
                    ..Directive::default()
                }),
                lead_unit: q.unit,
                coordinating: q.coordinating,
                due: q.due,
                priority: q.priority,
            }))]
        }
        Err(e) => {
            s.say(Tone::Bad, e.render(s.lang));
            // Keep what was typed so it can be fixed.
            s.overlay = Overlay::Prompt {
                kind: PromptKind::QuickAdd,
                text: line.to_string(),
                cursor: None,
            };
            vec![]
        }
    }
}
