//! The full task form, for a new task (from quick add's Tab) and for editing one.

use crate::domain::task::{Directive, Priority, QuickParts, Task};
use crate::domain::unit::official_code;
use crate::i18n::Lang;
use crate::service::{NewTask, TaskPatch};
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};

const PRIORITIES: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];

/// The form for a new task, filled from what a quick-add line already said.
pub fn new_task(lang: Lang, q: QuickParts) -> Form {
    let t = texts(lang);
    let due = q.due.map(crate::domain::date::fmt_date).unwrap_or_default();
    let source = Directive {
        number: q.source_number.unwrap_or_default(),
        ..Directive::default()
    };
    let fields = fields(
        lang,
        &q.title,
        q.unit.as_deref().unwrap_or(""),
        &due,
        q.priority,
        &q.coordinating.join(", "),
        Some(&source),
        "",
    );
    Form::new(t.form_task_add, Purpose::AddTask, fields)
}

/// The form for changing a task; codes show as their users know them.
pub fn edit_task(lang: Lang, task: &Task) -> Form {
    let t = texts(lang);
    let with: Vec<&str> = task.coordinating.iter().map(|c| official_code(c)).collect();
    let fields = fields(
        lang,
        &task.title,
        official_code(&task.lead_unit),
        &crate::domain::date::fmt_date(task.due),
        task.priority,
        &with.join(", "),
        task.source.as_ref(),
        &task.details,
    );
    let purpose = Purpose::EditTask {
        id: task.id,
        revision: task.revision,
        lead: task.lead_unit.clone(),
        with: task.coordinating.clone(),
    };
    Form::new(
        format!("{} #{}", t.form_task_edit, task.id),
        purpose,
        fields,
    )
}

#[allow(clippy::too_many_arguments)]
fn fields(
    lang: Lang,
    title: &str,
    lead: &str,
    due: &str,
    priority: Priority,
    with: &str,
    source: Option<&Directive>,
    details: &str,
) -> Vec<Field> {
    let t = texts(lang);
    let s = source.cloned().unwrap_or_default();
    let choice = PRIORITIES.iter().position(|p| *p == priority).unwrap_or(1);
    let options = PRIORITIES
        .iter()
        .map(|p| p.label(lang).to_string())
        .collect();
    let source_date = s
        .date
        .map(crate::domain::date::fmt_date)
        .unwrap_or_default();
    vec![
        Field::new("title", t.task_title, FieldKind::Text)
            .required()
            .with_value(title),
        Field::new("unit", t.lead, FieldKind::Unit)
            .required()
            .with_value(lead),
        Field::new("due", t.due, FieldKind::Date)
            .required()
            .with_value(due),
        Field::new("priority", t.priority, FieldKind::Choice(options))
            .with_value(choice.to_string()),
        Field::new("with", t.with_units, FieldKind::Text).with_value(with),
        Field::new("source.number", t.source_number, FieldKind::Text).with_value(s.number),
        Field::new("source.date", t.source_date, FieldKind::Date).with_value(source_date),
        Field::new("source.issuer", t.source_issuer, FieldKind::Text).with_value(s.issuer),
        Field::new("source", t.source_summary, FieldKind::Text).with_value(s.summary),
        Field::new("details", t.details, FieldKind::Text).with_value(details),
    ]
}

/// What the form holds, checked; a bad date marks its field and gives `Err`.
pub(crate) fn read(f: &mut Form, lang: Lang) -> Result<NewTask, ()> {
    let due = f.date_value("due", lang)?.ok_or(())?;
    let source_date = f.date_value("source.date", lang)?;
    let source = Directive {
        number: f.value("source.number").trim().to_string(),
        date: source_date,
        issuer: f.value("source.issuer").trim().to_string(),
        summary: f.value("source").trim().to_string(),
    };
    let priority = f
        .fields
        .iter()
        .find(|x| x.key == "priority")
        .map_or(Priority::Normal, |x| PRIORITIES[x.choice().min(2)]);
    Ok(NewTask {
        title: f.value("title").to_string(),
        details: f.value("details").to_string(),
        source: (source != Directive::default()).then_some(source),
        lead_unit: f.value("unit").trim().to_string(),
        coordinating: f
            .value("with")
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        due,
        priority,
    })
}

/// An edit sends every field; a code typed as shown maps back to the unit the task had, so an
/// untouched field is not read as a move to another holder of the code.
pub fn patch(n: NewTask, revision: u64, lead: &str, with: &[String]) -> TaskPatch {
    let same = |typed: String, old: &[String]| {
        old.iter()
            .find(|o| official_code(o) == typed)
            .cloned()
            .unwrap_or(typed)
    };
    TaskPatch {
        title: Some(n.title),
        details: Some(n.details),
        source: Some(n.source),
        lead_unit: Some(same(n.lead_unit, &[lead.to_string()])),
        coordinating: Some(n.coordinating.into_iter().map(|c| same(c, with)).collect()),
        due: Some(n.due),
        priority: Some(n.priority),
        base_revision: Some(revision),
    }
}
