//! What the classify screen asks of the service and what comes back: assessments through their
//! workflow, and exemplars. `apply.rs` turns the answers into state.

use crate::domain::assessment::{Assessment, Cutoffs, Decision};
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::unit::exact;
use crate::error::Error;
use crate::i18n::Lang;
use crate::service::{Actor, AssessmentInput, Service};
use crate::tui::app::state::State;

/// A request about assessments and exemplars.
#[derive(Clone, Debug)]
pub enum ClassifyEffect {
    Load {
        year: i16,
    },
    /// Submit, approve or return (with a reason) one unit's assessment for a year.
    Move {
        unit: String,
        year: i16,
        to: AssessmentMove,
    },
    Save(AssessmentInput),
    SelectExemplars {
        units: Vec<String>,
        year: i16,
        decision: Option<Decision>,
    },
    SetExemplarStatus {
        unit: String,
        year: i16,
        status: ExemplarStatus,
        base_revision: Option<u64>,
    },
}

/// Where an assessment goes next in its workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssessmentMove {
    Submit,
    Approve,
    Return { reason: String },
}

/// Its answer.
#[derive(Debug)]
pub enum ClassifyEvent {
    Loaded {
        rows: Vec<Assessment>,
        cutoffs: Cutoffs,
        exemplars_next: Vec<Exemplar>,
    },
    /// Submitted, approved or returned.
    Moved(Box<Assessment>),
    Saved(Box<Assessment>),
    ExemplarsSelected {
        year: i16,
        count: usize,
        errors: Vec<String>,
    },
    ExemplarStatusSet(Box<Exemplar>),
}

/// The year's assessments again.
pub(crate) fn classify_load(s: &State) -> ClassifyEffect {
    ClassifyEffect::Load {
        year: s.classify.year,
    }
}

pub(crate) fn run(
    svc: &dyn Service,
    a: &Actor,
    lang: Lang,
    e: ClassifyEffect,
) -> Result<ClassifyEvent, Error> {
    Ok(match e {
        ClassifyEffect::Load { year } => ClassifyEvent::Loaded {
            rows: svc.assessments(a, Some(year), None)?,
            cutoffs: svc.settings(a)?.cutoffs,
            exemplars_next: svc.exemplars(a, Some(year + 1))?,
        },
        ClassifyEffect::Move { unit, year, to } => {
            let unit = exact(&unit);
            let x = match to {
                AssessmentMove::Submit => svc.submit_assessment(a, &unit, year)?,
                AssessmentMove::Approve => svc.approve_assessment(a, &unit, year)?,
                AssessmentMove::Return { reason } => {
                    svc.return_assessment(a, &unit, year, &reason)?
                }
            };
            ClassifyEvent::Moved(Box::new(x))
        }
        ClassifyEffect::Save(i) => {
            let unit = exact(&i.unit);
            ClassifyEvent::Saved(Box::new(
                svc.save_assessment(a, AssessmentInput { unit, ..i })?,
            ))
        }
        ClassifyEffect::SelectExemplars {
            units,
            year,
            decision,
        } => select_exemplars(svc, a, &units, year, decision, lang),
        ClassifyEffect::SetExemplarStatus {
            unit,
            year,
            status,
            base_revision,
        } => ClassifyEvent::ExemplarStatusSet(Box::new(svc.set_exemplar_status(
            a,
            &exact(&unit),
            year,
            status,
            base_revision,
        )?)),
    })
}

/// Each marked unit made an exemplar; those refused are said, the rest go ahead.
fn select_exemplars(
    svc: &dyn Service,
    a: &Actor,
    units: &[String],
    year: i16,
    d: Option<Decision>,
    lang: Lang,
) -> ClassifyEvent {
    let mut count = 0;
    let mut errors = Vec::new();
    for u in units {
        match svc.select_exemplar(a, u, year, d.clone()) {
            Ok(_) => count += 1,
            Err(e) => errors.push(e.render(lang)),
        }
    }
    ClassifyEvent::ExemplarsSelected {
        year,
        count,
        errors,
    }
}
