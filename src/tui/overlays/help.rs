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
