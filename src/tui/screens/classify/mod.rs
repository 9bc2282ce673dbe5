//! Classify screen keys: the year, the assessment form, marking and selecting exemplars.

pub(crate) mod apply;
pub mod data;
pub mod state;
pub(crate) mod view;

use crate::domain::assessment::{Grade, Safety};
use crate::domain::exemplar::ExemplarStatus;
use crate::i18n::Lang;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};
use crate::tui::keymap::Action;

pub(crate) fn grade_options(lang: Lang) -> Vec<String> {
    let mut v = vec![texts(lang).grade_auto.to_string()];
    v.extend(Grade::ALL.iter().map(|g| g.label(lang).to_string()));
    v
}

pub(crate) fn safety_options(lang: Lang) -> Vec<String> {
    Safety::ALL
        .iter()
        .map(|x| x.label(lang).to_string())
        .collect()
}

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    match a {
        Action::Left | Action::Right => {
            s.classify.year += if a == Action::Right { 1 } else { -1 };
            s.classify.marked.clear();
            screen_load(s)
        }
        Action::CycleStatus => {
            s.classify.missing_only = !s.classify.missing_only;
            s.classify.cursor = Cursor::default();
            refit(s);
            vec![]
        }
        Action::Open | Action::Edit | Action::Add => open_assessment_form(s, a),
        Action::Approve | Action::Return if !s.may_approve() => {
            let role = s.role.map_or("", |r| r.label(s.lang));
            let why = format!("{} ({role}): {}", t.your_role, t.role_cannot_decide_grades);
            s.say(Tone::Bad, why);
            vec![]
        }
        Action::Submit | Action::Approve => {
            let Some(x) = selected_assessment(s).cloned() else {
                s.say(Tone::Bad, t.no_selection);
                return vec![];
            };
            let approve = a == Action::Approve;
            let label = if approve {
                t.confirm_approve_assessment
            } else {
                t.confirm_submit_assessment
            };
            let text = format!(
                "{label} {} — {}? {}",
                s.unit_label(&x.unit),
                x.year,
                t.yes_no
            );
            let kind = ConfirmKind::MoveAssessment {
                unit: x.unit,
                year: x.year,
                approve,
            };
            s.overlay = Overlay::Confirm { kind, text };
            vec![]
        }
        Action::Return => {
            let Some(x) = selected_assessment(s).cloned() else {
                s.say(Tone::Bad, t.no_selection);
                return vec![];
            };
            s.form = Some(Form::new(
                format!(
                    "{} {} · {}",
                    t.form_return_assessment,
                    s.unit_label(&x.unit),
                    x.year
                ),
                Purpose::ReturnAssessment {
                    unit: x.unit,
                    year: x.year,
                },
                vec![Field::new("reason", t.reason, FieldKind::Text).required()],
            ));
            vec![]
        }
        Action::Mark => {
            let Some(x) = selected_assessment(s).cloned() else {
                return vec![];
            };
            if x.grade(&s.classify.cutoffs) != Some(Grade::Excellent) {
                s.say(Tone::Bad, t.only_excellent);
            } else if !s.classify.marked.remove(&x.unit) {
                s.classify.marked.insert(x.unit);
            }
            vec![]
        }
        Action::ExemplarProgress => exemplar_progress(s),
        Action::SelectExemplars => exemplars_form(s),
        Action::Back => {
            s.filters[Screen::Classify.index()].clear();
            refit(s);
            vec![]
        }
        _ => vec![],
    }
}

/// The decision form for the units marked as next year's exemplars.
fn exemplars_form(s: &mut State) -> Vec<Effect> {
    let t = texts(s.lang);
    if s.classify.marked.is_empty() {
        s.say(Tone::Bad, t.nothing_marked);
        return vec![];
    }
    let year = s.classify.year + 1;
    let units: Vec<String> = s.classify.marked.iter().cloned().collect();
    s.form = Some(Form::new(
        format!("{} {year}: {}", t.form_exemplars, units.join(", ")),
        Purpose::Exemplars { year, units },
        vec![
            Field::new("number", t.decision_no, FieldKind::Text),
            Field::new("date", t.decision_date, FieldKind::Date),
            Field::new("issuer", t.issuer, FieldKind::Text),
        ],
    ));
    vec![]
}

/// The assessment form: for the selected assessment, the unit picked on the missing list,
/// or a unit still to choose (Add). A record past draft opens read-only, saying why.
fn open_assessment_form(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    // On the missing list, the form opens for the selected unit.
    let missing = s
        .classify
        .missing_only
        .then(|| {
            s.missing_assessments()
                .get(s.classify.cursor.selected)
                .cloned()
        })
        .flatten();
    let sel = if a == Action::Add || s.classify.missing_only {
        None
    } else {
        selected_assessment(s).cloned()
    };
    let year = s.classify.year;
    // The unit is known from the selection or the missing list: it heads the form.
    let unit = sel
        .as_ref()
        .map(|x| x.unit.clone())
        .or(missing)
        .unwrap_or_default();
    let mut fields = vec![];
    if unit.is_empty() {
        fields.push(Field::new("unit", t.unit, FieldKind::Unit).required());
    }
    let safety_idx = sel.as_ref().map_or(0, |x| {
        Safety::ALL.iter().position(|v| *v == x.safety).unwrap_or(0)
    });
    let grade_idx = sel.as_ref().and_then(|x| x.grade_override).map_or(0, |g| {
        1 + Grade::ALL.iter().position(|v| *v == g).unwrap_or(0)
    });
    fields.push(
        Field::new("score", t.score, FieldKind::Number).with_value(
            sel.as_ref()
                .and_then(|x| x.score)
                .map(|v| v.to_string())
                .unwrap_or_default(),
        ),
    );
    fields.push(
        Field::new(
            "safety",
            t.safety,
            FieldKind::Choice(safety_options(s.lang)),
        )
        .with_value(safety_idx.to_string()),
    );
    fields.push(
        Field::new("grade", t.grade, FieldKind::Choice(grade_options(s.lang)))
            .with_value(grade_idx.to_string()),
    );
    fields.push(
        Field::new("reason", t.override_reason, FieldKind::Text).with_value(
            sel.as_ref()
                .map(|x| x.override_reason.clone())
                .unwrap_or_default(),
        ),
    );
    let title = format!(
        "{} {year} {}",
        t.form_assess,
        if unit.is_empty() {
            String::new()
        } else {
            s.unit_label(&unit)
        }
    );
    let locked = sel
        .as_ref()
        .filter(|x| !x.status.editable())
        .map(|x| x.status);
    let mut form = Form::new(
        title,
        Purpose::Assessment {
            unit,
            year,
            revision: sel.map(|x| x.revision),
        },
        fields,
    );
    if let Some(st) = locked {
        form.read_only = true;
        form.error = Some(format!("{} — {}", st.label(s.lang), t.read_only));
    }
    s.form = Some(form);
    vec![]
}

/// The selected unit's exemplar of the next year: its progress, chosen from the three states
/// in a small form (Ctrl-S saves, Esc leaves it as it was).
fn exemplar_progress(s: &mut State) -> Vec<Effect> {
    let t = texts(s.lang);
    let Some(unit) = selected_assessment(s).map(|x| x.unit.clone()) else {
        return vec![];
    };
    let year = s.classify.year + 1;
    let Some(x) = s.classify.exemplars_next.iter().find(|e| e.unit == unit) else {
        let msg = format!(
            "{}: {} {year} — {}",
            s.unit_label(&unit),
            t.not_an_exemplar,
            t.choose_exemplar_first
        );
        s.say(Tone::Bad, msg);
        return vec![];
    };
    let options: Vec<String> = ExemplarStatus::ALL
        .iter()
        .map(|x| x.label(s.lang).to_string())
        .collect();
    let now = ExemplarStatus::ALL
        .iter()
        .position(|v| *v == x.status)
        .unwrap_or(0);
    let title = format!("{} {year} · {}", t.exemplars_of, s.unit_label(&unit));
    s.form = Some(Form::new(
        title,
        Purpose::ExemplarStatus {
            unit,
            year,
            revision: x.revision,
        },
        vec![
            Field::new("status", t.exemplar_progress, FieldKind::Choice(options))
                .with_value(now.to_string()),
        ],
    ));
    vec![]
}
