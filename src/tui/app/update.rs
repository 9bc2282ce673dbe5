//! `update(&mut State, Action)`: the one entry for keys. It sends the action to the open
//! overlay, else the grid, else the form, else the screen, and returns the effects to run.

use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub fn update(s: &mut State, a: Action) -> Vec<Effect> {
    if a == Action::ForceQuit {
        s.quit = true;
        return vec![];
    }
    if a == Action::Repaint {
        s.repaint = true;
        return vec![];
    }
    if !matches!(a, Action::Input(_) | Action::Backspace) {
        s.message = None;
    }
    match s.overlay.clone() {
        Overlay::Help { scroll } => return crate::tui::overlays::help::key(s, a, scroll),
        Overlay::History {
            title,
            lines,
            scroll,
        } => return crate::tui::overlays::help::history_key(s, a, title, lines, scroll),
        Overlay::Summary { .. } => return crate::tui::overlays::summary::key(s, a),
        Overlay::Conflicts { .. } => return crate::tui::overlays::conflicts::key(s, a),
        Overlay::Confirm { kind, .. } => return crate::tui::overlays::confirm::key(s, a, kind),
        Overlay::Prompt { kind, text, cursor } => {
            return crate::tui::overlays::prompt::key(s, a, kind, text, cursor)
        }
        Overlay::None => {}
    }
    if s.grid.is_some() {
        return crate::tui::forms::grid::key(s, a);
    }
    if s.form.is_some() {
        return crate::tui::forms::keys::key(s, a);
    }
    crate::tui::screens::key(s, a)
}
