//! How the units screen's answers change the state.

use crate::tui::app::effects::Effect;
use crate::tui::app::loads::{refit, screen_load};
use crate::tui::app::selection::{follow, reveal_unit, selected_unit};
use crate::tui::app::state::{Screen, State, Tone, UnitRow};
use crate::tui::catalogue::texts;
use crate::tui::screens::units::data::{UnitEffect, UnitEvent};

/// The tree, a unit's detail, and a saved unit.
pub(crate) fn apply(s: &mut State, ev: UnitEvent) -> Vec<Effect> {
    match ev {
        UnitEvent::List(rows) => return show_tree(s, rows),
        UnitEvent::Detail(d) => s.unit_view.detail = *d,
        UnitEvent::Saved(u) => {
            let t = texts(s.lang);
            let code = crate::domain::unit::official_code(&u.code).to_string();
            s.say(Tone::Good, format!("{}: {code} {}", t.saved, u.name));
            s.form = None;
            // The cursor lands on the unit once the tree is loaded again.
            s.unit_view.select_next = Some(u.code.clone());
            return vec![
                UnitEffect::Load.into(),
                UnitEffect::Detail { code: u.code }.into(),
            ];
        }
    }
    vec![]
}

/// A new tree, keeping the cursor on the unit it was on.
fn show_tree(s: &mut State, rows: Vec<UnitRow>) -> Vec<Effect> {
    s.empty_store = rows.is_empty();
    let keep = s.unit_view.select_next.take().or_else(|| selected_unit(s));
    // Open the top levels so the tree shows something useful at once.
    for u in rows.iter().filter(|u| u.depth == 0 && !u.retired) {
        s.unit_view.expanded.insert(u.code.clone());
    }
    s.set_units(rows);
    if let Some(code) = keep {
        reveal_unit(s, &code);
        let codes: Vec<String> = s
            .visible_units()
            .iter()
            .map(|&i| s.units[i].code.clone())
            .collect();
        follow(&mut s.unit_view.cursor, codes.into_iter(), code);
    }
    refit(s);
    if s.screen == Screen::Units {
        return screen_load(s);
    }
    vec![]
}
