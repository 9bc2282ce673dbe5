//! The yes/no overlay, and what each answer does.

use crate::domain::period::Period;
use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::keymap::Action;
use crate::tui::screens::classify::data::{AssessmentMove, ClassifyEffect};
use crate::tui::screens::reports::data::ReportEffect;
use crate::tui::screens::tasks::data::TaskEffect;
use crate::tui::screens::units::data::UnitEffect;

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
                ConfirmKind::Submit { unit, period } => {
                    vec![ReportEffect::Submit { unit, period }.into()]
                }
                ConfirmKind::Approve { unit, period } => {
                    vec![ReportEffect::Approve { unit, period }.into()]
                }
                ConfirmKind::Withdraw { unit, period } => {
                    vec![ReportEffect::Withdraw { unit, period }.into()]
                }
                ConfirmKind::Complete { id } => vec![TaskEffect::Complete { id }.into()],
                ConfirmKind::HandOver { id, revision } => {
                    vec![TaskEffect::HandOver { id, revision }.into()]
                }
                ConfirmKind::MoveAssessment {
                    unit,
                    year,
                    approve,
                } => vec![ClassifyEffect::Move {
                    unit,
                    year,
                    to: if approve {
                        AssessmentMove::Approve
                    } else {
                        AssessmentMove::Submit
                    },
                }
                .into()],
                ConfirmKind::Retire { code, on } => vec![UnitEffect::Retire { code, on }.into()],
                ConfirmKind::UndoUnit { code, merged } => {
                    vec![UnitEffect::Undo { code, merged }.into()]
                }
                ConfirmKind::Merge { code, into, on } => {
                    vec![UnitEffect::Merge { code, into, on }.into()]
                }
                ConfirmKind::ResumeDraft => match s
                    .resume
                    .as_ref()
                    .and_then(|d| Period::parse(&d.period).ok().map(|p| (d.unit.clone(), p)))
                {
                    Some((unit, period)) => vec![ReportEffect::OpenForm { unit, period }.into()],
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
