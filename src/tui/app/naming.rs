//! How the screens name a unit: its code and name, never the store's identity.

use crate::tui::app::state::State;

impl State {
    /// A unit as users name it: its code and name, never the store's identity; an old holder
    /// of a reused code says "(cũ)".
    pub fn unit_label(&self, id: &str) -> String {
        let code = crate::domain::unit::official_code(id);
        format!("{code} {}", self.unit_name_marked(id))
    }

    /// A unit's name, with "(cũ)" when it has ended and another unit holds its code today.
    pub fn unit_name_marked(&self, id: &str) -> String {
        let Some(u) = self.unit(id) else {
            return crate::domain::unit::official_code(id).to_string();
        };
        let ended = u.valid_to.is_some_and(|to| to < self.today);
        let code = crate::domain::unit::official_code(id);
        let reused = ended
            && self.units.iter().any(|o| {
                o.code != u.code
                    && crate::domain::unit::official_code(&o.code) == code
                    && o.valid_to.is_none_or(|to| to >= self.today)
            });
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
