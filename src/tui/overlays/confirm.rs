//! The yes/no overlay, and what each answer does.

use crate::domain::period::Period;
use crate::tui::app::effects::{AssessmentMove, Effect};
use crate::tui::app::state::*;
use crate::tui::keymap::Action;

pub(crate) fn key(s: &mut State, a: Action, kind: ConfirmKind) -> Vec<Effect> {
    match a {
        Action::Yes => {
            s.overlay = Overlay::None;
            match kind {
                ConfirmKind::Quit => {
                    s.quit = true;
                    vec![]
                }
                ConfirmKind::DiscardForm => crate::tui::forms::keys::close_form(s),
                ConfirmKind::DiscardGrid => {
                    s.grid = None;
                    vec![]
                }
                ConfirmKind::Submit { unit, period } => vec![Effect::Submit { unit, period }],
                ConfirmKind::Approve { unit, period } => vec![Effect::Approve { unit, period }],
                ConfirmKind::Withdraw { unit, period } => vec![Effect::Withdraw { unit, period }],
                ConfirmKind::Complete { id } => vec![Effect::CompleteTask { id }],
                ConfirmKind::HandOver { id, revision } => {
                    vec![Effect::HandOverTask { id, revision }]
                }
                ConfirmKind::MoveAssessment {
                    unit,
                    year,
                    approve,
                } => vec![Effect::MoveAssessment {
                    unit,
                    year,
                    to: if approve {
                        AssessmentMove::Approve
                    } else {
                        AssessmentMove::Submit
                    },
                }],
                ConfirmKind::Retire { code, on } => vec![Effect::RetireUnit { code, on }],
                ConfirmKind::UndoUnit { code, merged } => vec![Effect::UndoUnit { code, merged }],
                ConfirmKind::Merge { code, into, on } => {
                    vec![Effect::MergeUnit { code, into, on }]
                }
                ConfirmKind::ResumeDraft => match s
                    .resume
                    .as_ref()
                    .and_then(|d| Period::parse(&d.period).ok().map(|p| (d.unit.clone(), p)))
                {
                    Some((unit, period)) => vec![Effect::OpenReportForm { unit, period }],
                    None => vec![],
                },
            }
        }
        Action::No | Action::Back => {
            s.overlay = Overlay::None;
            if kind == ConfirmKind::ResumeDraft {
                s.resume = None;
                s.discard_draft = true;
            }
            vec![]
        }
        _ => vec![],
    }
}
