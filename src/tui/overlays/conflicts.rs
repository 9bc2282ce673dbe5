//! The bundle conflicts overlay: listing what two offices changed, keeping one side.

use crate::service::ConflictInfo;
use crate::tui::app::effects::Effect;
use crate::tui::app::state::{Overlay, State, Tone};
use crate::tui::catalogue::texts;
use crate::tui::keymap::Action;

pub fn show_conflicts(s: &mut State, items: Vec<ConflictInfo>) {
    if items.is_empty() {
        // After the last one is settled, the "kept"/"took" message stays on screen.
        if !matches!(s.overlay, Overlay::Conflicts { .. }) {
            s.say(Tone::Info, texts(s.lang).no_conflicts);
        }
        s.overlay = Overlay::None;
        return;
    }
    let selected = match &s.overlay {
        Overlay::Conflicts { selected, .. } => (*selected).min(items.len() - 1),
        _ => 0,
    };
    s.overlay = Overlay::Conflicts { items, selected };
}

pub fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let Overlay::Conflicts { items, selected } = &mut s.overlay else {
        return vec![];
    };
    match a {
        Action::Back => s.overlay = Overlay::None,
        Action::Down => *selected = (*selected + 1).min(items.len().saturating_sub(1)),
        Action::Up => *selected = selected.saturating_sub(1),
        Action::KeepLocal | Action::TakeIncoming => {
            if let Some(c) = items.get(*selected) {
                return vec![Effect::ResolveConflict {
                    entity: c.entity.clone(),
                    take_incoming: a == Action::TakeIncoming,
                }];
            }
        }
        _ => {}
    }
    vec![]
}
