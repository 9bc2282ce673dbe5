//! Tasks screen keys: filters, the detail view, quick add, progress logs, done and cancel.

pub(crate) mod apply;
pub mod data;
pub(crate) mod detail;
pub mod state;
pub(crate) mod view;

use crate::domain::task::{quick_parts, QuickParts};
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};
use crate::tui::forms::task_form;
use crate::tui::keymap::Action;
use data::tasks_load;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let reload = |s: &mut State| vec![tasks_load(s).into()];
    match a {
        Action::ToggleOverdue => {
            s.tasks.overdue_only = !s.tasks.overdue_only;
            reload(s)
        }
        Action::ToggleMine => {
            s.tasks.mine = !s.tasks.mine;
            refit(s);
            vec![]
        }
        Action::CycleStatus => {
            s.tasks.status = s.tasks.status.next();
            reload(s)
        }
        Action::Open => {
            if s.tasks.detail.is_none() {
                s.tasks.detail = selected_task(s).cloned();
            }
            vec![]
        }
        Action::Back => {
            if s.tasks.detail.take().is_none() {
                s.filters[Screen::Tasks.index()].clear();
                refit(s);
            }
            vec![]
        }
        Action::Add if s.tasks.detail.is_none() => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::QuickAdd,
                text: String::new(),
                cursor: None,
            };
            vec![]
        }
        Action::Edit => {
            match selected_task(s) {
                // A closed task is history: say so rather than open a form that cannot save.
                Some(task) if !task.status.is_open() => {
                    let msg = format!(
                        "#{} {}: {}",
                        task.id,
                        task.status.label(s.lang),
                        t.task_closed
                    );
                    s.say(Tone::Info, msg);
                }
                Some(task) => s.form = Some(task_form::edit_task(s.lang, task)),
                None => {}
            }
            vec![]
        }
        Action::Add | Action::LogProgress => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let id = task.id;
            s.form = Some(Form::new(
                format!("{} #{id}", t.form_log),
                Purpose::TaskLog { id },
                vec![
                    Field::new("text", t.text, FieldKind::Text).required(),
                    Field::new("percent", t.percent, FieldKind::Number),
                ],
            ));
            vec![]
        }
        Action::HandOver | Action::Complete | Action::Cancel => settle(s, a),
        _ => vec![],
    }
}

/// Hand over, complete or cancel the selected task: each asks first (a cancel, why).
fn settle(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    match a {
        Action::HandOver => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let lead = crate::domain::unit::official_code(&task.lead_unit);
            let text = format!(
                "{} #{} {} ({lead} {}) {}? {}",
                t.confirm_hand_over,
                task.id,
                task.title,
                s.unit_name(&task.lead_unit),
                t.hand_over_to,
                t.yes_no
            );
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::HandOver {
                    id: task.id,
                    revision: task.revision,
                },
                text,
            };
            vec![]
        }
        Action::Complete => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let text = format!(
                "{} #{} {}? {}",
                t.confirm_done, task.id, task.title, t.yes_no
            );
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::Complete { id: task.id },
                text,
            };
            vec![]
        }
        Action::Cancel => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let id = task.id;
            s.form = Some(Form::new(
                format!("{} #{id}", t.form_cancel),
                Purpose::CancelTask { id },
                vec![Field::new("reason", t.reason, FieldKind::Text).required()],
            ));
            vec![]
        }
        _ => vec![],
    }
}

/// Quick add's Tab: the full form, filled from what the line already says.
pub(crate) fn open_task_form(s: &mut State, line: &str) {
    let parts = match quick_parts(line) {
        Ok(q) => q,
        Err(e) => {
            s.say(Tone::Bad, e.render(s.lang));
            QuickParts {
                title: line.trim().to_string(),
                ..QuickParts::default()
            }
        }
    };
    s.form = Some(task_form::new_task(s.lang, parts));
}
