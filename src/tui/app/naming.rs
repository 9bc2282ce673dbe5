//! How the screens name a unit: its code and name, never the store's identity.

use crate::domain::unit::official_code;
use crate::tui::app::state::State;
use crate::tui::app::unit_row::UnitRow;

impl State {
    /// Takes the unit rows, with the indexes that name them cheaply while drawing.
    pub fn set_units(&mut self, units: Vec<UnitRow>) {
        self.unit_index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        self.live_holder = units
            .iter()
            .filter(|u| u.valid_to.is_none_or(|to| to >= self.today))
            .map(|u| (official_code(&u.code).to_string(), u.code.clone()))
            .collect();
        self.units = units;
    }

    /// A unit as users name it: its code and name, never the store's identity; an old holder
    /// of a reused code says "(cũ)".
    pub fn unit_label(&self, id: &str) -> String {
        let code = official_code(id);
        // A unit the list does not hold (outside the user's area) shows its code once.
        if self.unit(id).is_none() {
            return match self.dash.data.names.get(id) {
                Some(name) => format!("{code} {name}"),
                None => code.to_string(),
            };
        }
        format!("{code} {}", self.unit_name_marked(id))
    }

    /// A unit's name, with "(cũ)" when it has ended and another unit holds its code today.
    pub fn unit_name_marked(&self, id: &str) -> String {
        let Some(u) = self.unit(id) else {
            // Before the unit list has loaded, the first screen's names.
            return match self.dash.data.names.get(id) {
                Some(name) => name.clone(),
                None => official_code(id).to_string(),
            };
        };
        let ended = u.valid_to.is_some_and(|to| to < self.today);
        let reused = ended
            && self
                .live_holder
                .get(official_code(id))
                .is_some_and(|holder| *holder != u.code);
        let old = if reused {
            crate::tui::catalogue::texts(self.lang).old_mark
        } else {
            ""
        };
        format!("{}{old}", u.name)
    }

    /// Whether the user's role approves and returns (approvers and admins). Until the account
    /// has loaded, every key is offered and the service decides.
    pub fn may_approve(&self) -> bool {
        self.role
            .is_none_or(|r| r >= crate::domain::account::Role::Approver)
    }
}
