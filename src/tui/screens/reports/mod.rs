//! Reports screen keys: the period and status filter, opening, submitting, approving,
//! returning, and the grid.

pub(crate) mod apply;
pub mod data;
pub mod state;
pub(crate) mod view;

use crate::domain::workflow::Status;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};
use crate::tui::keymap::Action;
use crate::tui::screens::reports::data::ReportEffect;

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    match a {
        Action::Left | Action::Right => {
            let from = s.reports.period;
            s.reports.period = shift_period(s, from, a == Action::Right);
            screen_load(s)
        }
        Action::CycleStatus => {
            // All → Chưa gửi (no report, draft or returned) → each status → all.
            let r = &mut s.reports;
            (r.status, r.only_not_sent) = match (r.status, r.only_not_sent) {
                (None, false) => (None, true),
                (None, true) => (Some(Status::Draft), false),
                (Some(Status::Draft), _) => (Some(Status::Submitted), false),
                (Some(Status::Submitted), _) => (Some(Status::Approved), false),
                (Some(Status::Approved), _) => (Some(Status::Returned), false),
                (Some(Status::Returned), _) => (None, false),
            };
            screen_load(s)
        }
        Action::Open | Action::Edit => match selected_report_unit(s) {
            Some(unit) => vec![data::open_form(unit, s.reports.period).into()],
            None => vec![],
        },
        Action::Add => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Palette,
                text: "report ".into(),
                cursor: None,
            };
            s.say(
                Tone::Info,
                format!(
                    "{}: report MÃ/CODE {}",
                    t.palette_hint.split(' ').next().unwrap_or(":"),
                    s.reports.period
                ),
            );
            vec![]
        }
        Action::Withdraw => {
            let Some(r) = selected_report(s) else {
                nothing_to_act_on(s);
                return vec![];
            };
            let (unit, period) = (r.unit.clone(), r.period);
            let text = format!(
                "{} {} — {period}? {}",
                t.confirm_withdraw,
                s.unit_label(&unit),
                t.yes_no
            );
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::Withdraw { unit, period },
                text,
            };
            vec![]
        }
        Action::Submit | Action::Approve | Action::Return => {
            let Some(r) = selected_report(s) else {
                nothing_to_act_on(s);
                return vec![];
            };
            let (unit, period, status) = (r.unit.clone(), r.period, r.status);
            act_on_report(s, a, unit, period, status)
        }
        Action::Grid => {
            let units = reporting_units(s, s.reports.period);
            vec![ReportEffect::LoadGrid {
                period: s.reports.period,
                units,
            }
            .into()]
        }
        Action::Back => {
            s.filters[Screen::Reports.index()].clear();
            refit(s);
            // Esc also leaves a `:under` subtree, back to every unit.
            if s.reports.under.take().is_some() {
                return screen_load(s);
            }
            vec![]
        }
        _ => vec![],
    }
}

/// A row without a report: say so, and how to start one, rather than "nothing selected".
fn nothing_to_act_on(s: &mut State) {
    let t = texts(s.lang);
    let msg = match selected_report_unit(s) {
        Some(unit) => format!(
            "{} {} {} — {}: {}",
            s.lang
                .pick("Chưa có báo cáo của", "There is no report yet for"),
            crate::domain::unit::official_code(&unit),
            s.unit_name(&unit),
            s.reports.period,
            s.lang.pick("Enter để nhập", "Enter starts one"),
        ),
        None => t.no_selection.to_string(),
    };
    s.say(Tone::Bad, msg);
}

/// Submit or approve (after a y/n), or return (with a reason): on the Reports list, or on the
/// report open read-only where it is being read.
pub(crate) fn act_on_report(
    s: &mut State,
    a: Action,
    unit: String,
    period: crate::domain::period::Period,
    status: Status,
) -> Vec<Effect> {
    let t = texts(s.lang);
    if let Some(why) = refused_at_once(s, a, status) {
        s.say(Tone::Bad, why);
        return vec![];
    }
    if a == Action::Return {
        // Sent back down either way: a submitted report is returned, an approved one
        // reopened for a correction.
        let (title, purpose) = if status == Status::Approved {
            (
                t.form_reopen,
                Purpose::ReopenReport {
                    unit: unit.clone(),
                    period,
                },
            )
        } else {
            (
                t.form_return,
                Purpose::ReturnReport {
                    unit: unit.clone(),
                    period,
                },
            )
        };
        s.form = Some(Form::new(
            format!("{title} {} · {period}", s.unit_label(&unit)),
            purpose,
            vec![Field::new("reason", t.reason, FieldKind::Text).required()],
        ));
        return vec![];
    }
    let (label, kind) = if a == Action::Submit {
        (
            t.confirm_submit,
            ConfirmKind::Submit {
                unit: unit.clone(),
                period,
            },
        )
    } else {
        (
            t.confirm_approve,
            ConfirmKind::Approve {
                unit: unit.clone(),
                period,
            },
        )
    };
    let text = format!("{label} {} — {period}? {}", s.unit_label(&unit), t.yes_no);
    s.overlay = Overlay::Confirm { kind, text };
    vec![]
}

/// Why an action cannot be taken on a report in this state or by this role, said before any
/// question or reason is asked.
fn refused_at_once(s: &State, a: Action, status: Status) -> Option<String> {
    let t = texts(s.lang);
    let st = status.label(s.lang);
    let deciding = matches!(a, Action::Approve | Action::Return);
    if deciding && !s.may_approve() {
        let role = s.role.map_or("", |r| r.label(s.lang));
        return Some(format!(
            "{} ({role}): {}",
            t.your_role, t.role_cannot_decide
        ));
    }
    let fits = match a {
        Action::Approve => status == Status::Submitted,
        Action::Return => matches!(status, Status::Submitted | Status::Approved),
        Action::Submit => status.editable(),
        _ => true,
    };
    (!fits).then(|| format!("{} ({st}): {}", t.report_is, t.not_in_this_state))
}
