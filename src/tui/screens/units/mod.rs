//! Units screen keys: the tree, and the forms that add, edit, retire and merge units.

pub(crate) mod apply;
pub mod data;
pub(crate) mod detail;
pub mod state;
pub(crate) mod view;

use crate::domain::unit::UnitKind;
use crate::i18n::Lang;
use crate::tui::app::effects::Effect;
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{Field, FieldKind, Form, Purpose};
use crate::tui::keymap::Action;

pub(crate) fn kind_options(lang: Lang) -> Vec<String> {
    UnitKind::ALL
        .iter()
        .map(|k| k.label(lang).to_string())
        .collect()
}

pub(crate) fn unit_form(s: &State, edit: Option<&UnitRow>, parent: Option<String>) -> Form {
    let t = texts(s.lang);
    let kind = edit.map_or(UnitKind::Commune, |u| u.kind);
    let kind_idx = UnitKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    let mut fields = vec![];
    if edit.is_none() {
        fields.push(Field::new("code", t.code, FieldKind::Text).required());
    }
    fields.push(
        Field::new("name", t.name, FieldKind::Text)
            .required()
            .with_value(edit.map(|u| u.name.clone()).unwrap_or_default()),
    );
    fields.push(
        Field::new("kind", t.kind, FieldKind::Choice(kind_options(s.lang)))
            .with_value(kind_idx.to_string()),
    );
    fields.push(
        Field::new("parent", t.parent, FieldKind::Unit).with_value(
            edit.and_then(|u| u.parent.clone())
                .or(parent)
                .unwrap_or_default(),
        ),
    );
    if edit.is_none() {
        fields.push(Field::new("from", t.valid_from, FieldKind::Date));
    }
    fields.push(Field::new("notes", t.notes, FieldKind::Text));
    match edit {
        Some(u) => Form::new(
            format!("{} {}", t.form_unit_edit, s.unit_label(&u.code)),
            Purpose::EditUnit {
                code: u.code.clone(),
                revision: 0,
            },
            fields,
        ),
        None => Form::new(t.form_unit_add, Purpose::AddUnit, fields),
    }
}

pub(crate) fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    if a == Action::CycleStatus {
        s.unit_view.show_ended = !s.unit_view.show_ended;
        s.unit_view.cursor = Default::default();
        refit(s);
        return screen_load(s);
    }
    let Some(code) = selected_unit(s) else {
        if a == Action::Add {
            s.form = Some(unit_form(s, None, None));
        }
        return vec![];
    };
    let row = s.unit(&code).cloned();
    match a {
        Action::Right | Action::Open if row.as_ref().is_some_and(|u| u.has_children) => {
            if a == Action::Open && s.unit_view.expanded.contains(&code) {
                s.unit_view.expanded.remove(&code);
            } else {
                s.unit_view.expanded.insert(code);
            }
            vec![]
        }
        Action::Left => {
            if !s.unit_view.expanded.remove(&code) {
                // Already collapsed: go to the parent.
                if let Some(p) = row.and_then(|u| u.parent) {
                    if let Some(pos) = s.visible_units().iter().position(|&i| s.units[i].code == p)
                    {
                        s.unit_view.cursor.selected = pos;
                        let (n, h) = (s.visible_units().len(), s.list_height());
                        s.unit_view.cursor.fit(n, h);
                        return screen_load(s);
                    }
                }
            }
            refit(s);
            vec![]
        }
        Action::Add => {
            s.form = Some(unit_form(s, None, Some(code)));
            vec![]
        }
        Action::Edit => {
            let mut f = unit_form(s, row.as_ref(), None);
            if let (Purpose::EditUnit { revision, .. }, Some(u)) =
                (&mut f.purpose, &s.unit_view.detail.unit)
            {
                if u.code == code {
                    *revision = u.revision;
                    if let Some(n) = f.field_mut("notes") {
                        n.value = u.notes.clone();
                    }
                }
            }
            s.form = Some(f);
            vec![]
        }
        Action::Summary => crate::tui::overlays::summary::open_summary(s, None),
        Action::Retire => {
            let today = crate::tui::catalogue::date(s.lang, s.today);
            s.form = Some(Form::new(
                format!("{} {}", t.form_retire, s.unit_label(&code)),
                Purpose::Retire { code },
                vec![Field::new("on", t.last_day, FieldKind::Date)
                    .required()
                    .with_value(today)],
            ));
            vec![]
        }
        Action::Merge => {
            s.form = Some(Form::new(
                format!("{} {}", t.form_merge, s.unit_label(&code)),
                Purpose::Merge { code },
                vec![
                    Field::new("into", t.successor, FieldKind::Unit).required(),
                    Field::new("on", t.on_date, FieldKind::Date).required(),
                ],
            ));
            vec![]
        }
        Action::UndoUnitChange => {
            ask_undo(s, &code);
            vec![]
        }
        Action::Back => {
            s.filters[Screen::Units.index()].clear();
            refit(s);
            screen_load(s)
        }
        _ => vec![],
    }
}

/// `U`: asks to undo the selected unit's merge or retirement, saying which and from when.
fn ask_undo(s: &mut State, code: &str) {
    let t = texts(s.lang);
    let Some(u) = s.unit_view.detail.unit.as_ref().filter(|u| u.code == code) else {
        return;
    };
    let shown = u.official_code().to_string();
    let day = |d| crate::tui::catalogue::date(s.lang, d);
    let (merged, text) = match (u.successors.as_slice(), u.valid_to) {
        ([], None) => {
            let msg = format!("{shown}: {}", t.nothing_to_undo);
            s.say(Tone::Info, msg);
            return;
        }
        ([], Some(last)) => (
            false,
            format!(
                "{} {shown} {} ({} {})? {}",
                t.confirm_unretire,
                u.name,
                t.retired_after.to_lowercase(),
                day(last),
                t.yes_no
            ),
        ),
        ([one], _) => (
            true,
            format!(
                "{} {shown} → {} {} {}? {}",
                t.confirm_unmerge,
                crate::domain::unit::official_code(&one.unit),
                t.from_day,
                one.on.map(day).unwrap_or_default(),
                t.yes_no
            ),
        ),
        _ => {
            let msg = format!("{shown}: {}", t.split_no_undo);
            s.say(Tone::Info, msg);
            return;
        }
    };
    s.overlay = Overlay::Confirm {
        kind: ConfirmKind::UndoUnit {
            code: code.to_string(),
            merged,
        },
        text,
    };
}
