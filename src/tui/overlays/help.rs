//! The help and history overlays: scrolling and closing.

use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action, scroll: usize) -> Vec<Effect> {
    let (rows, page) = help_size(s);
    s.overlay = match scrolled(a, scroll, rows, page) {
        Some(scroll) => Overlay::Help { scroll },
        None => Overlay::None,
    };
    vec![]
}

/// How many help lines there are for the screen under the overlay, and how many fit.
pub fn help_size(s: &State) -> (usize, usize) {
    let rows = crate::tui::keymap::help_entries(s.base_mode()).len();
    (rows, page(s))
}

/// The lines an overlay box shows at this terminal height: the body between the tabs and
/// the message row, less the box's two borders.
pub(crate) fn page(s: &State) -> usize {
    usize::from(s.height).saturating_sub(5).max(1)
}

/// The new first line of a scrolled overlay of `rows` lines, `page` at a time; None closes it.
fn scrolled(a: Action, scroll: usize, rows: usize, page: usize) -> Option<usize> {
    let last = rows.saturating_sub(page);
    let scroll = scroll.min(last);
    let next = match a {
        Action::Back => return None,
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::Home => 0,
        Action::End => last,
        _ => scroll,
    };
    Some(next.min(last))
}

/// Scrolls or closes an entity's history (`:history`).
pub(crate) fn history_key(
    s: &mut State,
    a: Action,
    title: String,
    lines: Vec<String>,
    scroll: usize,
) -> Vec<Effect> {
    s.overlay = match scrolled(a, scroll, lines.len(), page(s)) {
        Some(scroll) => Overlay::History {
            title,
            lines,
            scroll,
        },
        None => Overlay::None,
    };
    vec![]
}
