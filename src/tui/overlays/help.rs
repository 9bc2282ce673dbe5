//! The help and history overlays: scrolling and closing.

use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action, scroll: usize) -> Vec<Effect> {
    s.overlay = match a {
        Action::Back => Overlay::None,
        Action::Down => Overlay::Help { scroll: scroll + 1 },
        Action::Up => Overlay::Help {
            scroll: scroll.saturating_sub(1),
        },
        _ => Overlay::Help { scroll },
    };
    vec![]
}

/// Scrolls or closes an entity's history (`:history`).
pub(crate) fn history_key(
    s: &mut State,
    a: Action,
    title: String,
    lines: Vec<String>,
    scroll: usize,
) -> Vec<Effect> {
    let scroll = match a {
        Action::Back => {
            s.overlay = Overlay::None;
            return vec![];
        }
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        _ => scroll,
    };
    s.overlay = Overlay::History {
        title,
        lines,
        scroll,
    };
    vec![]
}
