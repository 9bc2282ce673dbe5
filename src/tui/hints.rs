//! The footer's key hints. Each hint names actions, never keys: the keys shown are looked up in
//! the keymap for the mode they are pressed in, so a hint cannot drift from what a key does.

use crate::domain::workflow::Status;
use crate::tui::app::state::State;
use crate::tui::catalogue::{texts, Texts};
use crate::tui::forms::form::{FieldKind, Purpose};
use crate::tui::keymap::{binding_for, Action, Mode};

/// One hint: the keys to press (each in its mode), how their labels join, and what they do.
pub struct Hint {
    pub keys: Vec<(Mode, Action)>,
    pub join: &'static str,
    pub words: &'static str,
}

impl Hint {
    /// The keys as the footer shows them, e.g. "↑↓", "n/p", "1-5", "^S"; None if a key is
    /// not bound in its mode.
    pub fn label(&self) -> Option<String> {
        let labels = self
            .keys
            .iter()
            .map(|(m, a)| binding_for(*m, *a).map(|b| b.short_label()))
            .collect::<Option<Vec<_>>>()?;
        Some(match self.join {
            // A range shows its ends only.
            "-" => format!("{}-{}", labels.first()?, labels.last()?),
            join => labels.join(join),
        })
    }
}

fn one(mode: Mode, action: Action, words: &'static str) -> Hint {
    Hint {
        keys: vec![(mode, action)],
        join: "",
        words,
    }
}

fn many(mode: Mode, actions: &[Action], join: &'static str, words: &'static str) -> Hint {
    Hint {
        keys: actions.iter().map(|a| (mode, *a)).collect(),
        join,
        words,
    }
}

/// The hints for the state's mode, in footer order.
pub fn footer(s: &State) -> Vec<Hint> {
    let t = texts(s.lang);
    let mode = s.mode();
    match mode {
        Mode::Help => vec![
            one(mode, Action::Back, t.hint_back),
            many(mode, &[Action::Up, Action::Down], "", t.hint_nav),
        ],
        Mode::Summary => vec![
            many(mode, &[Action::Left, Action::Right], "", t.hint_period),
            many(mode, &[Action::Up, Action::Down], "", t.hint_nav),
            one(mode, Action::Back, t.hint_back),
        ],
        Mode::Conflicts => vec![
            many(mode, &[Action::Up, Action::Down], "", t.hint_nav),
            one(mode, Action::KeepLocal, t.hint_keep_local),
            one(mode, Action::TakeIncoming, t.hint_take_incoming),
            one(mode, Action::Back, t.hint_back),
        ],
        Mode::Confirm => vec![
            one(mode, Action::Yes, t.hint_yes),
            one(mode, Action::No, t.hint_no),
        ],
        Mode::Prompt => vec![
            one(mode, Action::Save, t.hint_run),
            one(mode, Action::Back, t.hint_back),
        ],
        Mode::Grid => {
            let mut v = vec![
                one(mode, Action::NextField, t.hint_next),
                many(
                    mode,
                    &[Action::Up, Action::Down, Action::Left, Action::Right],
                    "",
                    t.hint_nav,
                ),
                one(mode, Action::Save, t.hint_save),
            ];
            v.push(one(mode, Action::Back, t.hint_back));
            v
        }
        Mode::FormNumber | Mode::FormText => form(s, mode, t),
        Mode::FormReadOnly => read_only_form(s, mode, t),
        Mode::Global => vec![],
        _ => screen(s, mode, t),
    }
}

fn focused_kind(s: &State) -> Option<FieldKind> {
    let f = s.form.as_ref()?;
    f.fields.get(f.focus).map(|fd| fd.kind.clone())
}

/// n/p: the next or previous unit's report.
fn page_units(mode: Mode, t: &Texts) -> Hint {
    many(
        mode,
        &[Action::NextUnit, Action::PrevUnit],
        "/",
        t.hint_next_unit,
    )
}

/// Whether the open form is a report's (n/p page, v/r decide).
fn report_form_open(s: &State) -> bool {
    s.form
        .as_ref()
        .is_some_and(|f| matches!(f.purpose, Purpose::Report { .. }))
}

fn form(s: &State, mode: Mode, t: &Texts) -> Vec<Hint> {
    let report = report_form_open(s);
    let mut v = vec![
        one(mode, Action::NextField, t.hint_next),
        one(mode, Action::Save, t.hint_save),
    ];

    // n/p step to the next unit's report; on other forms they are typing or nothing.
    if report && mode == Mode::FormNumber {
        v.push(page_units(mode, t));
    }
    v.push(one(mode, Action::Back, t.hint_back));
    // Ctrl-U clears a filled text field (a number is replaced by typing over it). It goes last,
    // so its coming and going repaints only its own cells on a slow link.
    let filled = s
        .form
        .as_ref()
        .and_then(|f| f.fields.get(f.focus))
        .is_some_and(|fd| !fd.value.is_empty());
    if mode == Mode::FormText && filled && focused_kind(s) == Some(FieldKind::Text) {
        v.push(one(mode, Action::ClearField, t.hint_clear));
    }
    v
}

/// A report shown read-only is acted on where it is: approved, returned, or paged past.
fn read_only_form(s: &State, mode: Mode, t: &Texts) -> Vec<Hint> {
    let report = report_form_open(s);
    let status = s.form.as_ref().and_then(|f| match f.purpose {
        Purpose::Report { status, .. } => Some(status),
        _ => None,
    });
    let mut v = Vec::new();
    // A submitted report is approved or returned; an approved one can only be reopened.
    match status {
        Some(Status::Submitted) if s.may_approve() => {
            v.push(one(mode, Action::Approve, t.hint_approve));
            v.push(one(mode, Action::Return, t.hint_return));
        }
        Some(Status::Approved) if s.may_approve() => {
            v.push(one(mode, Action::Return, t.hint_reopen));
        }
        _ => {}
    }
    if report {
        v.push(page_units(mode, t));
    }
    v.push(one(mode, Action::Back, t.hint_back));
    v
}

/// Whether the row selected on Classification was chosen as an exemplar of the next year.
fn selected_is_exemplar(s: &State) -> bool {
    crate::tui::app::selection::selected_assessment(s)
        .is_some_and(|x| s.classify.exemplars_next.iter().any(|e| e.unit == x.unit))
}

/// Whether the row selected on Units is a unit that has ended (merged or retired).
fn selected_unit_ended(s: &State) -> bool {
    let vis = s.visible_units();
    vis.get(s.unit_view.cursor.selected)
        .and_then(|&i| s.units.get(i))
        .is_some_and(|u| u.retired)
}

fn screen(s: &State, mode: Mode, t: &Texts) -> Vec<Hint> {
    let lr = |words| many(mode, &[Action::Left, Action::Right], "", words);
    let help = one(mode, Action::Help, t.hint_help);
    match mode {
        Mode::Dashboard if s.empty_store => vec![
            one(mode, Action::LoadSample, t.hint_sample),
            Hint {
                keys: vec![(mode, Action::Screen(1)), (Mode::Units, Action::Add)],
                join: " ",
                words: t.hint_add,
            },
            help,
            one(mode, Action::Quit, t.hint_quit),
        ],
        Mode::Dashboard => vec![
            lr(t.hint_period),
            one(mode, Action::Open, t.hint_open),
            one(
                mode,
                Action::NextField,
                if s.dash.drill { t.awaiting } else { t.missing },
            ),
            many(
                mode,
                &(0..5).map(Action::Screen).collect::<Vec<_>>(),
                "-",
                t.hint_screens,
            ),
            help,
            one(mode, Action::Quit, t.hint_quit),
        ],
        // An ended unit can't be retired or merged again; its end can be undone.
        Mode::Units if selected_unit_ended(s) => vec![
            lr(t.hint_expand),
            one(mode, Action::Filter, t.hint_filter),
            one(mode, Action::Edit, t.hint_edit),
            one(mode, Action::Summary, t.hint_summary),
            one(mode, Action::UndoUnitChange, t.hint_undo),
            help,
        ],
        Mode::Units => vec![
            lr(t.hint_expand),
            one(mode, Action::Filter, t.hint_filter),
            one(mode, Action::Add, t.hint_add),
            one(mode, Action::Edit, t.hint_edit),
            one(mode, Action::Summary, t.hint_summary),
            one(mode, Action::Retire, t.hint_retire),
            one(mode, Action::Merge, t.hint_merge),
            help,
        ],
        // Each role is offered what it may do: units submit and withdraw, the level above
        // approves and returns.
        Mode::Reports if s.may_approve() => vec![
            lr(t.hint_period),
            one(mode, Action::Open, t.hint_open),
            one(mode, Action::Approve, t.hint_approve),
            one(mode, Action::Return, t.hint_return),
            one(mode, Action::Grid, t.hint_grid),
            one(mode, Action::CycleStatus, t.hint_status),
            help,
        ],
        Mode::Reports => vec![
            lr(t.hint_period),
            one(mode, Action::Open, t.hint_open),
            one(mode, Action::Submit, t.hint_submit),
            one(mode, Action::Withdraw, t.hint_withdraw),
            one(mode, Action::Grid, t.hint_grid),
            one(mode, Action::CycleStatus, t.hint_status),
            help,
        ],
        Mode::Tasks | Mode::Classify => work_screen(s, mode, t),
        _ => vec![],
    }
}

/// The hints of the screens where work is followed up: tasks and classification.
fn work_screen(s: &State, mode: Mode, t: &Texts) -> Vec<Hint> {
    let lr = |words| many(mode, &[Action::Left, Action::Right], "", words);
    let help = one(mode, Action::Help, t.hint_help);
    match mode {
        Mode::Tasks if s.tasks.detail.is_some() => vec![
            one(mode, Action::LogProgress, t.hint_log),
            one(mode, Action::Edit, t.hint_edit),
            one(mode, Action::Complete, t.hint_done),
            one(mode, Action::Cancel, t.hint_cancel),
            one(mode, Action::Back, t.hint_back),
            help,
        ],
        Mode::Tasks => vec![
            one(mode, Action::Open, t.hint_open),
            one(mode, Action::Add, t.hint_add),
            one(mode, Action::Edit, t.hint_edit),
            one(mode, Action::LogProgress, t.hint_log),
            one(mode, Action::ToggleOverdue, t.hint_overdue),
            one(mode, Action::CycleStatus, t.hint_status),
            one(mode, Action::Complete, t.hint_done),
            help,
        ],
        Mode::Classify if s.classify.missing_only => vec![
            lr(t.hint_year),
            one(mode, Action::Open, t.hint_edit),
            one(mode, Action::CycleStatus, t.all),
            help,
        ],
        Mode::Classify if s.may_approve() => vec![
            lr(t.hint_year),
            one(mode, Action::Open, t.hint_edit),
            one(mode, Action::Submit, t.hint_submit),
            one(mode, Action::Approve, t.hint_approve),
            many(
                mode,
                &[Action::Mark, Action::SelectExemplars],
                "/",
                t.hint_select,
            ),
            one(mode, Action::ExemplarProgress, t.hint_progress),
            one(mode, Action::CycleStatus, t.hint_not_assessed),
            help,
        ]
        .into_iter()
        .filter(|h| h.keys[0].1 != Action::ExemplarProgress || selected_is_exemplar(s))
        .collect(),
        Mode::Classify => vec![
            lr(t.hint_year),
            one(mode, Action::Open, t.hint_edit),
            one(mode, Action::Submit, t.hint_submit),
            one(mode, Action::CycleStatus, t.hint_not_assessed),
            help,
        ],
        _ => vec![],
    }
}
