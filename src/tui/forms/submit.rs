//! The one validated path from a form's fields to an effect: required fields, numbers, dates
//! and choices are checked here, and a field that fails keeps the form open with the reason.

use crate::domain::assessment::{Decision, Grade, Safety};
use crate::domain::exemplar::ExemplarStatus;
use crate::domain::report::parse_value;
use crate::domain::unit::UnitKind;
use crate::error::Error;
use crate::service::*;
use crate::tui::app::effects::Effect;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{FieldKind, Form, Purpose};
use crate::tui::forms::task_form;
use crate::tui::screens::classify::data::{AssessmentMove, ClassifyEffect};
use crate::tui::screens::reports::data::AfterSave;
use crate::tui::screens::reports::data::ReportEffect;
use crate::tui::screens::tasks::data::TaskEffect;
use crate::tui::screens::units::data::UnitEffect;

/// A report's values from (indicator code, typed text) pairs, for the form and the grid alike.
/// The first text that is not a count stops it, so nothing half-checked is saved.
pub fn report_values<'a>(
    cells: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<(String, Option<u32>)>, Error> {
    cells
        .into_iter()
        .map(|(code, text)| parse_value(code, text).map(|v| (code.to_string(), v)))
        .collect()
}

pub(crate) fn save_form(s: &mut State, then: AfterSave) -> Vec<Effect> {
    let lang = s.lang;
    let t = texts(lang);
    let Some(f) = s.form.as_mut() else {
        return vec![];
    };
    if !f.check_required(t.required) {
        return vec![];
    }
    f.error = None;
    let e = match f.purpose.clone() {
        // Nothing typed: nothing to save, so no empty draft appears. n/p still step on.
        Purpose::Report { unit, period, .. } if !f.dirty => {
            s.form = None;
            let done = format!("{}: {} · {period}", t.nothing_to_save, s.unit_label(&unit));
            s.say(Tone::Info, done.clone());
            return crate::tui::app::loads::step_to_unit(s, &unit, period, then, &done);
        }
        Purpose::Report {
            unit,
            period,
            revision,
            ..
        } => report_effect(f, unit, period, revision, then, lang),
        Purpose::AddUnit => add_unit_effect(f, lang),
        Purpose::EditUnit { code, revision } => Some(Effect::Units(UnitEffect::Edit {
            code,
            patch: UnitPatch {
                from: None,
                name: Some(f.value("name").to_string()),
                kind: Some(unit_kind(f)),
                parent: Some(Some(f.value("parent").trim().to_string()).filter(|p| !p.is_empty())),
                notes: Some(f.value("notes").to_string()),
                base_revision: (revision > 0).then_some(revision),
            },
        })),
        Purpose::Retire { code } => {
            let Ok(Some(on)) = f.date_value("on", lang) else {
                return vec![];
            };
            confirm_unit_change(s, ConfirmKind::Retire { code, on });
            return vec![];
        }
        Purpose::Merge { code } => {
            let Ok(Some(on)) = f.date_value("on", lang) else {
                return vec![];
            };
            let into = f.value("into").trim().to_string();
            confirm_unit_change(s, ConfirmKind::Merge { code, into, on });
            return vec![];
        }
        Purpose::TaskLog { id } => task_log_effect(f, id),
        Purpose::AddTask => task_form::read(f, lang)
            .ok()
            .map(|n| TaskEffect::Add(n).into()),
        Purpose::EditTask { id, .. } if !f.dirty => {
            s.form = None;
            s.say(Tone::Info, format!("{}: #{id}", t.nothing_to_save));
            return vec![];
        }
        Purpose::EditTask {
            id,
            revision,
            lead,
            with,
        } => task_form::read(f, lang).ok().map(|n| {
            Effect::Tasks(TaskEffect::Edit {
                id,
                patch: task_form::patch(n, revision, &lead, &with),
            })
        }),
        p @ (Purpose::CancelTask { .. }
        | Purpose::ReturnAssessment { .. }
        | Purpose::ReturnReport { .. }
        | Purpose::ReopenReport { .. }) => with_reason(p, f.value("reason").to_string()),
        Purpose::Assessment {
            unit,
            year,
            revision,
        } => assessment_effect(f, unit, year, revision),
        Purpose::ExemplarStatus {
            unit,
            year,
            revision,
        } => Some(Effect::Classify(ClassifyEffect::SetExemplarStatus {
            unit,
            year,
            base_revision: Some(revision),
            status: ExemplarStatus::ALL
                .get(f.choice("status"))
                .copied()
                .unwrap_or(ExemplarStatus::Building),
        })),
        Purpose::Exemplars { year, units } => exemplars_effect(f, year, units, lang),
    };
    e.into_iter().collect()
}

/// The kind chosen in a unit form; a commune, the commonest new unit, if none is.
/// The report the form holds, to save; None when a figure is not a number (shown on its field).
fn report_effect(
    f: &mut Form,
    unit: String,
    period: crate::domain::period::Period,
    revision: Option<u64>,
    then: AfterSave,
    lang: crate::i18n::Lang,
) -> Option<Effect> {
    let cells = f
        .fields
        .iter()
        .filter(|fd| fd.kind == FieldKind::Number)
        .map(|fd| (fd.key.as_str(), fd.value.as_str()));
    let values = match report_values(cells) {
        Ok(values) => values,
        Err(e) => {
            let key = e.field().unwrap_or_default().to_string();
            f.show_error(Some(&key), e.render(lang));
            return None;
        }
    };
    let narrative = Some(f.value("narrative").to_string());
    Some(Effect::Reports(ReportEffect::Save {
        input: ReportInput {
            unit,
            period,
            values,
            narrative,
            // An empty form expects nothing there (revision 0).
            base_revision: revision.or(Some(0)),
        },
        then,
    }))
}

/// A progress entry; None when the percentage is not 0–100 (shown on its field).
fn task_log_effect(f: &mut Form, id: u64) -> Option<Effect> {
    let percent = match f.value("percent").trim() {
        "" => None,
        p => match p.parse::<u8>() {
            Ok(v) if v <= 100 => Some(v),
            _ => {
                f.show_error(Some("percent"), "0–100".into());
                return None;
            }
        },
    };
    Some(Effect::Tasks(TaskEffect::Log {
        id,
        text: f.value("text").to_string(),
        percent,
    }))
}

/// The assessment the form holds; None when the score is not 0–100 (shown on its field).
fn assessment_effect(
    f: &mut Form,
    unit: String,
    year: i16,
    revision: Option<u64>,
) -> Option<Effect> {
    let unit = if unit.is_empty() {
        f.value("unit").trim().to_string()
    } else {
        unit
    };
    let score = match f.value("score").trim() {
        "" => None,
        v => match v.parse::<u8>() {
            Ok(n) if n <= 100 => Some(n),
            _ => {
                f.show_error(Some("score"), "0–100".into());
                return None;
            }
        },
    };
    let safety = Safety::ALL
        .get(f.choice("safety"))
        .copied()
        .unwrap_or(Safety::NotAssessed);
    let g = f.choice("grade");
    let grade_override = if g == 0 {
        None
    } else {
        Grade::ALL.get(g - 1).copied()
    };
    Some(Effect::Classify(ClassifyEffect::Save(AssessmentInput {
        unit,
        year,
        safety: Some(safety),
        score: Some(score),
        grade_override: Some(grade_override),
        decision: None,
        notes: None,
        override_reason: Some(f.value("reason").to_string()),
        base_revision: revision.or(Some(0)),
    })))
}

/// The exemplars chosen, with their decision; None when its date does not read.
fn exemplars_effect(
    f: &mut Form,
    year: i16,
    units: Vec<String>,
    lang: crate::i18n::Lang,
) -> Option<Effect> {
    let Ok(date) = f.date_value("date", lang) else {
        return None;
    };
    let (number, issuer) = (
        f.value("number").trim().to_string(),
        f.value("issuer").trim().to_string(),
    );
    let decision =
        (!number.is_empty() || date.is_some() || !issuer.is_empty()).then_some(Decision {
            number,
            date,
            issuer,
        });
    Some(
        ClassifyEffect::SelectExemplars {
            units,
            year,
            decision,
        }
        .into(),
    )
}

/// The step a reason form asks for: cancel, return or reopen, with the reason typed.
fn with_reason(p: Purpose, reason: String) -> Option<Effect> {
    Some(match p {
        Purpose::CancelTask { id } => TaskEffect::Cancel { id, reason }.into(),
        Purpose::ReturnAssessment { unit, year } => ClassifyEffect::Move {
            unit,
            year,
            to: AssessmentMove::Return { reason },
        }
        .into(),
        Purpose::ReturnReport { unit, period } => ReportEffect::Return {
            unit,
            period,
            reason,
        }
        .into(),
        Purpose::ReopenReport { unit, period } => ReportEffect::Reopen {
            unit,
            period,
            reason,
        }
        .into(),
        _ => return None,
    })
}

/// A new unit from the form; None when its date does not read (shown on its field).
fn add_unit_effect(f: &mut Form, lang: crate::i18n::Lang) -> Option<Effect> {
    let valid_from = f.date_value("from", lang).ok()?;
    Some(Effect::Units(UnitEffect::Add(NewUnit {
        code: f.value("code").trim().to_string(),
        name: f.value("name").to_string(),
        kind: unit_kind(f),
        parent: Some(f.value("parent").trim().to_string()).filter(|p| !p.is_empty()),
        valid_from,
        notes: f.value("notes").to_string(),
    })))
}

fn unit_kind(f: &Form) -> UnitKind {
    UnitKind::ALL
        .get(f.choice("kind"))
        .copied()
        .unwrap_or(UnitKind::Commune)
}

/// Retiring and merging ask first, with a line that says exactly what will happen (only an
/// admin can undo them, and only until something is recorded). The form stays open under it.
fn confirm_unit_change(s: &mut State, kind: ConfirmKind) {
    let t = texts(s.lang);
    let day = |d| crate::tui::catalogue::date(s.lang, d);
    let text = match &kind {
        ConfirmKind::Retire { code, on } => format!(
            "{} {}, {} {}? {}",
            t.form_retire,
            s.unit_label(code),
            t.last_day.to_lowercase(),
            day(*on),
            t.yes_no
        ),
        ConfirmKind::Merge { code, into, on } => format!(
            "{} {} → {}, {} {}? {}",
            t.form_merge,
            s.unit_label(code),
            s.unit_label(into),
            t.from_day,
            day(*on),
            t.yes_no
        ),
        _ => return,
    };
    s.overlay = Overlay::Confirm { kind, text };
}
