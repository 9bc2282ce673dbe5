//! A generic form: labelled fields, one focused, each with its own kind of input.

use crate::domain::text;
use crate::tui::forms::line_edit::{self, Edit};
use crate::tui::keymap::Mode;

#[derive(Clone, Debug, PartialEq)]
pub enum FieldKind {
    Text,
    /// Digits only; `hint` shows e.g. the previous period's value.
    Number,
    Date,
    /// A unit code; suggestions come from the loaded unit list, matched ignoring accents.
    Unit,
    /// One of fixed options, changed with ←/→; `value` holds the option's index.
    Choice(Vec<String>),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    pub required: bool,
    pub hint: String,
    /// The figures of the periods before this one, oldest first, drawn as a sparkline.
    pub history: Vec<Option<u64>>,
    /// After a clash: who saved the other version, and their value for this field.
    pub theirs: Option<(String, String)>,
    pub error: Option<String>,
    /// Where typing goes, as a char index; `None` is after the last character.
    pub cursor: Option<usize>,
}

impl Field {
    pub fn new(key: &str, label: &str, kind: FieldKind) -> Field {
        let value = if matches!(kind, FieldKind::Choice(_)) {
            "0".into()
        } else {
            String::new()
        };
        Field {
            key: key.into(),
            label: label.into(),
            kind,
            value,
            required: false,
            hint: String::new(),
            history: Vec::new(),
            theirs: None,
            error: None,
            cursor: None,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn with_value(mut self, v: impl Into<String>) -> Field {
        self.value = v.into();
        self
    }

    pub fn with_hint(mut self, h: impl Into<String>) -> Field {
        self.hint = h.into();
        self
    }

    pub fn with_history(mut self, h: &[Option<u64>]) -> Field {
        self.history = h.to_vec();
        self
    }

    pub fn choice(&self) -> usize {
        self.value.parse().unwrap_or(0)
    }

    /// What the field shows: the chosen option for a choice, else the typed text.
    pub fn shown(&self) -> String {
        match &self.kind {
            FieldKind::Choice(opts) => opts.get(self.choice()).cloned().unwrap_or_default(),
            _ => self.value.clone(),
        }
    }
}

/// What the form is for; decides what saving does.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Report {
        unit: String,
        period: crate::domain::period::Period,
        revision: Option<u64>,
        /// The report's state when the form opened: what a read-only form may still do.
        status: crate::domain::workflow::Status,
    },
    AddUnit,
    EditUnit {
        code: String,
        revision: u64,
    },
    Retire {
        code: String,
    },
    Merge {
        code: String,
    },
    TaskLog {
        id: u64,
    },
    AddTask,
    /// `lead` and `with` are the task's unit identities when the form opened.
    EditTask {
        id: u64,
        revision: u64,
        lead: String,
        with: Vec<String>,
    },
    CancelTask {
        id: u64,
    },
    ReturnReport {
        unit: String,
        period: crate::domain::period::Period,
    },
    /// An approved report opened again for a correction.
    ReopenReport {
        unit: String,
        period: crate::domain::period::Period,
    },
    ReturnAssessment {
        unit: String,
        year: i16,
    },
    Assessment {
        unit: String,
        year: i16,
        revision: Option<u64>,
    },
    Exemplars {
        year: i16,
        units: Vec<String>,
    },
    ExemplarStatus {
        unit: String,
        year: i16,
        revision: u64,
    },
}

#[derive(Clone, Debug)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// A message for the whole form, e.g. the service's refusal.
    pub error: Option<String>,
    pub scroll: usize,
    /// Shown but not editable, e.g. an approved report.
    pub read_only: bool,
    /// The focus just arrived in this field: a digit typed into a number replaces the value,
    /// as in a spreadsheet cell; moving the cursor first edits it in place.
    pub arrived: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            dirty: false,
            error: None,
            scroll: 0,
            read_only: false,
            arrived: true,
        }
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    pub fn mode(&self) -> Mode {
        if self.read_only {
            return Mode::FormReadOnly;
        }
        match self.focused().kind {
            FieldKind::Number => Mode::FormNumber,
            _ => Mode::FormText,
        }
    }

    /// The option index chosen in a choice field; 0 when the form has no such field.
    pub fn choice(&self, key: &str) -> usize {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or(0, |f| f.choice())
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
            .unwrap_or("")
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn next_field(&mut self) -> bool {
        if self.focus + 1 < self.fields.len() {
            self.focus += 1;
            self.arrived = true;
            true
        } else {
            false
        }
    }

    pub fn prev_field(&mut self) {
        self.focus = self.focus.saturating_sub(1);
        self.arrived = true;
    }

    /// Types a character; returns a message when the field refuses it.
    pub fn input(&mut self, c: char, digits_only_msg: &str) -> Option<String> {
        let f = &mut self.fields[self.focus];
        if self.arrived && f.kind == FieldKind::Number && f.cursor.is_none() && c.is_ascii_digit() {
            f.value.clear();
        }
        match f.kind {
            FieldKind::Number if !c.is_ascii_digit() => return Some(digits_only_msg.to_string()),
            FieldKind::Number if f.value.len() >= 10 => return None,
            FieldKind::Choice(_) => {
                self.jump_to(c);
                return None;
            }
            _ => {}
        }
        if f.value.chars().count() >= 2000 {
            return None;
        }
        self.edit(Edit::Insert(c));
        None
    }

    /// A cursor move or delete in the focused field; choices have no cursor.
    pub fn edit(&mut self, e: Edit) {
        self.arrived = false;
        let f = &mut self.fields[self.focus];
        if matches!(f.kind, FieldKind::Choice(_)) {
            return;
        }
        if line_edit::apply(&mut f.value, &mut f.cursor, e) {
            f.error = None;
            self.dirty = true;
        }
    }

    /// A date field's value; a date that does not parse marks the field and gives `Err`.
    pub(crate) fn date_value(
        &mut self,
        key: &str,
        lang: crate::i18n::Lang,
    ) -> Result<Option<jiff::civil::Date>, ()> {
        let v = self.value(key).trim().to_string();
        if v.is_empty() {
            return Ok(None);
        }
        crate::domain::date::parse_date(key, &v)
            .map(Some)
            .map_err(|e| self.show_error(Some(key), e.reason(lang)))
    }

    pub fn backspace(&mut self) {
        self.edit(Edit::DeletePrev);
    }

    /// Ctrl-U: deletes up to the cursor, as in a shell.
    pub fn clear(&mut self) {
        self.edit(Edit::DeleteToStart);
    }

    pub fn focused_is_choice(&self) -> bool {
        matches!(self.fields[self.focus].kind, FieldKind::Choice(_))
    }

    /// ←/→ on a choice field.
    /// In a choice field, a typed letter selects the next option that starts with it (accents
    /// and case ignored), so "t" reaches Tỉnh at once and again steps to the next "t".
    fn jump_to(&mut self, c: char) {
        let f = &mut self.fields[self.focus];
        let FieldKind::Choice(opts) = &f.kind else {
            return;
        };
        let key = text::fold(&c.to_string());
        if key.is_empty() {
            return;
        }
        let n = opts.len();
        let starts = |i: usize| text::fold(&opts[i]).starts_with(&key);
        // From the top, unless the chosen option already starts with the letter: then the next.
        let cur = f.choice();
        let first = if cur < n && starts(cur) { cur + 1 } else { 0 };
        let hit = (0..n).map(|k| (first + k) % n).find(|&i| starts(i));
        if let Some(i) = hit {
            f.value = i.to_string();
            self.dirty = true;
        }
    }

    pub fn cycle(&mut self, forward: bool) {
        let f = &mut self.fields[self.focus];
        if let FieldKind::Choice(opts) = &f.kind {
            let n = opts.len().max(1);
            let i = f.choice();
            f.value = (if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            })
            .to_string();
            self.dirty = true;
        }
    }

    /// Marks empty required fields; true when all are filled.
    pub fn check_required(&mut self, msg: &str) -> bool {
        let mut ok = true;
        for f in &mut self.fields {
            if f.required && f.value.trim().is_empty() {
                f.error = Some(msg.to_string());
                ok = false;
            }
        }
        if !ok {
            self.focus = self
                .fields
                .iter()
                .position(|f| f.error.is_some())
                .unwrap_or(0);
            self.arrived = true;
        }
        ok
    }

    /// Puts a service error beside the field it names, or on the form.
    pub fn show_error(&mut self, field: Option<&str>, msg: String) {
        if let Some(i) = field.and_then(|k| self.fields.iter().position(|f| f.key == k)) {
            self.fields[i].error = Some(msg);
            self.focus = i;
            self.arrived = true;
        } else {
            self.error = Some(msg);
        }
    }
}

/// Unit suggestions for a picker: code prefix or folded-name substring.
pub fn suggest<'a>(
    units: &'a [crate::tui::app::unit_row::UnitRow],
    query: &str,
    max: usize,
) -> Vec<&'a crate::tui::app::unit_row::UnitRow> {
    let q = text::fold(query);
    if q.is_empty() {
        return vec![];
    }
    units
        .iter()
        .filter(|u| !u.retired && (u.code.to_lowercase().starts_with(&q) || u.folded.contains(&q)))
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_fields_take_digits_only() {
        let mut f = Form::new(
            "t",
            Purpose::AddUnit,
            vec![Field::new("n", "N", FieldKind::Number)],
        );
        assert_eq!(f.input('x', "digits"), Some("digits".into()));
        assert!(f.value("n").is_empty() && !f.dirty);
        f.input('4', "digits");
        f.input('2', "digits");
        assert_eq!(f.value("n"), "42");
        f.backspace();
        assert_eq!(f.value("n"), "4");
    }

    #[test]
    fn required_fields_are_flagged() {
        let mut f = Form::new(
            "t",
            Purpose::AddUnit,
            vec![
                Field::new("a", "A", FieldKind::Text),
                Field::new("b", "B", FieldKind::Text).required(),
            ],
        );
        assert!(!f.check_required("required"));
        assert_eq!(f.focus, 1);
        assert_eq!(f.fields[1].error.as_deref(), Some("required"));
    }
}
