//! Building the report form from a loaded report, and offering an unsaved draft back.

use crate::domain::period::Period;
use crate::domain::workflow::Status;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};

pub(crate) fn open_report_form(
    s: &mut State,
    unit: &crate::domain::unit::Unit,
    period: Period,
    (report, previous): (
        Option<&crate::domain::report::Report>,
        Option<&crate::domain::report::Report>,
    ),
    made: Option<&crate::service::MadeFigures>,
    trend: Option<&crate::service::Trend>,
) {
    let t = texts(s.lang);
    let mut fields: Vec<Field> = s
        .indicators
        .iter()
        .filter(|i| i.applies(unit.kind, period.kind))
        .map(|i| {
            let filed = report.and_then(|r| r.value(&i.code)).map(u64::from);
            let from_months = made
                .and_then(|m| m.values.iter().find(|(c, _)| *c == i.code))
                .map(|(_, v)| *v);
            let v = filed
                .or(from_months)
                .map(|v| v.to_string())
                .unwrap_or_default();
            let hint = previous
                .and_then(|r| r.value(&i.code))
                .map(|v| crate::tui::catalogue::number(s.lang, v as u64))
                .unwrap_or_default();
            let history = trend.and_then(|t| t.of(&i.code)).unwrap_or_default();
            Field::new(&i.code, i.label(s.lang), FieldKind::Number)
                .with_value(v)
                .with_hint(hint)
                .with_history(history)
        })
        .collect();
    fields.push(
        Field::new("narrative", t.narrative, FieldKind::Text)
            .with_value(report.map(|r| r.narrative.clone()).unwrap_or_default()),
    );
    let status = report.map_or(Status::Draft, |r| r.status);
    let title = format!(
        "{} · {} {} · {period} · {}",
        t.form_report,
        crate::domain::unit::official_code(&unit.code),
        unit.name,
        status.label(s.lang)
    );
    let mut f = Form::new(
        title,
        Purpose::Report {
            unit: unit.code.clone(),
            period,
            revision: report.map(|r| r.revision),
            status,
        },
        fields,
    );
    if let Some(r) = report.filter(|r| !r.status.editable()) {
        f.read_only = true;
        f.error = Some(format!("{} — {}", r.status.label(s.lang), t.read_only));
    }
    if let Some(reason) = report.and_then(|r| r.return_reason.clone()) {
        f.error = Some(format!("{}: {reason}", t.reason));
    }
    // Filled from the months for the unit to confirm or correct: nothing is saved until then.
    if let Some(m) = made {
        f.dirty = true;
        f.error = Some(format!(
            "{} {} — {}",
            t.filled_from,
            m.source.describe(s.lang),
            t.confirm_or_correct
        ));
    }
    let resumed = s
        .resume
        .take_if(|d| d.unit == unit.code && d.period == period.to_string());
    if let Some(d) = resumed.filter(|_| !f.read_only) {
        for (key, value) in d.values {
            if let Some(field) = f.fields.iter_mut().find(|x| x.key == key) {
                field.value = value;
            }
        }
        f.dirty = true;
        s.say(Tone::Info, t.draft_restored);
    }
    s.form = Some(f);
    s.screen = Screen::Reports;
}

/// Offers the draft an earlier session left unsaved.
pub fn offer_draft(s: &mut State, d: crate::tui::forms::draft::Draft) {
    let t = texts(s.lang);
    let text = format!(
        "{}: {} — {} ({} {}). {} {}",
        t.draft_offer,
        s.unit_label(&d.unit),
        d.period,
        d.values.len(),
        t.draft_fields,
        t.draft_resume,
        t.yes_no
    );
    s.resume = Some(d);
    s.overlay = Overlay::Confirm {
        kind: ConfirmKind::ResumeDraft,
        text,
    };
}
