//! The five screens. Keys every list shares (quit, help, filter, palette, switching screens,
//! moving the cursor) are handled here; the rest go to the screen's own module.

pub mod classify;
pub mod dashboard;
pub mod reports;
pub mod tasks;
pub mod units;

use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Quit => {
            s.quit = true;
            return vec![];
        }
        Action::Help => {
            s.overlay = Overlay::Help { scroll: 0 };
            return vec![];
        }
        Action::Filter => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Filter,
                text: s.filter().to_string(),
                cursor: None,
            };
            return vec![];
        }
        Action::Palette => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Palette,
                text: String::new(),
                cursor: None,
            };
            return vec![];
        }
        Action::Screen(i) => {
            s.screen = s.screen.numbered(i);
            return screen_load(s);
        }
        Action::NextScreen | Action::PrevScreen => {
            s.screen = s.screen.step(if a == Action::NextScreen { 1 } else { -1 });
            return screen_load(s);
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            let moved = move_cursor(s, a);
            if moved && s.screen == Screen::Units {
                return screen_load(s);
            }
            return vec![];
        }
        _ => {}
    }
    match s.screen {
        Screen::Dashboard => dashboard::key(s, a),
        Screen::Units => units::key(s, a),
        Screen::Reports => reports::key(s, a),
        Screen::Tasks => tasks::key(s, a),
        Screen::Classify => classify::key(s, a),
    }
}

pub(crate) fn move_cursor(s: &mut State, a: Action) -> bool {
    let mut h = s.list_height();
    let (len, cur) = match s.screen {
        Screen::Dashboard if s.dash.drill => (s.missing_units().len(), &mut s.dash.cursor),
        Screen::Dashboard => {
            h = crate::tui::app::state::AWAITING_ROWS;
            (dashboard::inbox(s).len(), &mut s.dash.cursor)
        }
        Screen::Units => (s.visible_units().len(), &mut s.unit_view.cursor),
        Screen::Reports => (s.visible_reports().len(), &mut s.reports.cursor),
        Screen::Tasks if s.tasks.detail.is_some() => return false,
        Screen::Tasks => (s.visible_tasks().len(), &mut s.tasks.cursor),
        Screen::Classify if s.classify.missing_only => {
            (s.missing_assessments().len(), &mut s.classify.cursor)
        }
        Screen::Classify => (s.visible_assessments().len(), &mut s.classify.cursor),
    };
    let page = h as isize;
    let delta = match a {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Home => -(len as isize),
        Action::End => len as isize,
        _ => return false,
    };
    let before = cur.selected;
    cur.step(delta, len, h);
    before != cur.selected
}
