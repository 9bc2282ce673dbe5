//! Keys in an open form: typing, moving between fields, saving, leaving.

use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{suggest, FieldKind, Purpose};
use crate::tui::forms::line_edit::Edit;
use crate::tui::forms::submit::save_form;
use crate::tui::keymap::Action;
use crate::tui::screens::reports::data::AfterSave;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let Some(f) = s.form.as_mut() else {
        return vec![];
    };
    let editing = matches!(
        a,
        Action::Input(_)
            | Action::Backspace
            | Action::ClearField
            | Action::Save
            | Action::Left
            | Action::Right
            | Action::Text(_)
    );
    if f.read_only && editing {
        let msg = f.error.clone().unwrap_or_default();
        s.say(Tone::Bad, msg);
        return vec![];
    }
    if let (true, Action::Approve | Action::Return) = (f.read_only, a) {
        return act_on_shown_report(s, a);
    }
    match a {
        Action::Input(c) => {
            if let Some(msg) = f.input(c, t.digits_only) {
                s.say(Tone::Bad, msg);
            }
            vec![]
        }
        Action::Backspace => {
            f.backspace();
            vec![]
        }
        Action::ClearField => {
            f.clear();
            vec![]
        }
        Action::Left | Action::Right if f.focused_is_choice() => {
            f.cycle(a == Action::Right);
            vec![]
        }
        Action::Left => {
            f.edit(Edit::Left);
            vec![]
        }
        Action::Right => {
            f.edit(Edit::Right);
            vec![]
        }
        Action::Text(e) => {
            f.edit(e);
            vec![]
        }
        Action::PrevField => {
            f.prev_field();
            vec![]
        }
        Action::NextField => {
            accept_suggestion(s);
            if s.form.as_mut().is_some_and(|f| f.next_field()) {
                vec![]
            } else {
                save_form(s, AfterSave::Close)
            }
        }
        Action::Save => {
            accept_suggestion(s);
            save_form(s, AfterSave::Close)
        }
        Action::NextUnit => save_form(s, AfterSave::NextUnit),
        Action::PrevUnit => save_form(s, AfterSave::PrevUnit),
        Action::Back => {
            if f.dirty {
                s.overlay = Overlay::Confirm {
                    kind: ConfirmKind::DiscardForm,
                    text: t.unsaved_leave.to_string(),
                };
            } else {
                return close_form(s);
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Closes the form, back to the screen it was opened from.
pub(crate) fn close_form(s: &mut State) -> Vec<Effect> {
    s.form = None;
    match s.form_origin.take() {
        Some(screen) => {
            s.screen = screen;
            crate::tui::app::loads::screen_load(s)
        }
        None => vec![],
    }
}

/// v or r on a report shown read-only: the same question or reason form as on Reports.
fn act_on_shown_report(s: &mut State, a: Action) -> Vec<Effect> {
    let Some(Purpose::Report { unit, period, .. }) = s.form.as_ref().map(|f| f.purpose.clone())
    else {
        return vec![];
    };
    // Read-only means submitted or approved; the lists say which.
    let status = s
        .reports
        .rows
        .iter()
        .chain(&s.dash.data.awaiting)
        .chain(&s.dash.data.returned)
        .find(|r| r.unit == unit && r.period == period)
        .map_or(crate::domain::workflow::Status::Submitted, |r| r.status);
    crate::tui::screens::reports::act_on_report(s, a, unit, period, status)
}

/// Leaving a unit picker with a name typed takes the first matching unit's code.
pub(crate) fn accept_suggestion(s: &mut State) {
    let (Some(f), units) = (s.form.as_mut(), &s.units) else {
        return;
    };
    let field = &f.fields[f.focus];
    if field.kind != FieldKind::Unit
        || field.value.is_empty()
        || units.iter().any(|u| u.code == field.value)
    {
        return;
    }
    if let Some(u) = suggest(units, &field.value, 1).first() {
        // What a user would type: the code, or for an old holder of a reused code, `CODE@`.
        let code = if u.retired {
            crate::domain::unit::exact(&u.code)
        } else {
            crate::domain::unit::official_code(&u.code).to_string()
        };
        f.fields[f.focus].value = code;
        f.fields[f.focus].cursor = None;
    }
}
