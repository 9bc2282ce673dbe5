//! The help and history overlays: scrolling and closing.

use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action, scroll: usize) -> Vec<Effect> {
    let (rows, page) = help_size(s);
    let last = rows.saturating_sub(page);
    let scroll = scroll.min(last);
    let scroll = match a {
        Action::Back => {
            s.overlay = Overlay::None;
            return vec![];
        }
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::Home => 0,
        Action::End => last,
        _ => scroll,
    };
    s.overlay = Overlay::Help {
        scroll: scroll.min(last),
    };
    vec![]
}

/// How many help lines there are for the screen under the overlay, and how many fit.
pub fn help_size(s: &State) -> (usize, usize) {
    let rows = crate::tui::keymap::help_entries(s.base_mode()).len();
    let page = usize::from(s.height).saturating_sub(7).max(1);
    (rows, page)
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
