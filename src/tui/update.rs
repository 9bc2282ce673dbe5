//! `update(&mut State, Action)` and `apply(&mut State, Event)`: every change of state happens
//! here and returns the effects to run.

use crate::domain::assessment::{Decision, Grade, Safety};
use crate::domain::date::parse_date;
use crate::domain::period::Period;
use crate::domain::report::parse_value;
use crate::domain::task::{parse_quick_add, TaskStatus};
use crate::domain::unit::UnitKind;
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::i18n::Lang;
use crate::service::*;
use crate::tui::catalogue::texts;
use crate::tui::effects::{task_query, AfterSave, Effect, Event};
use crate::tui::form::{suggest, Field, FieldKind, Form, Purpose};
use crate::tui::keymap::{Action, Mode};
use crate::tui::state::*;

/// The keymap mode for the current state.
pub fn mode(s: &State) -> Mode {
    match &s.overlay {
        Overlay::Help { .. } | Overlay::History { .. } => return Mode::Help,
        Overlay::Summary { .. } => return Mode::Summary,
        Overlay::Conflicts { .. } => return Mode::Conflicts,
        Overlay::Prompt { .. } => return Mode::Prompt,
        Overlay::Confirm { .. } => return Mode::Confirm,
        Overlay::None => {}
    }
    if s.grid.is_some() {
        return Mode::Grid;
    }
    if let Some(f) = &s.form {
        return f.mode();
    }
    match s.screen {
        Screen::Dashboard => Mode::Dashboard,
        Screen::Units => Mode::Units,
        Screen::Reports => Mode::Reports,
        Screen::Tasks => Mode::Tasks,
        Screen::Classify => Mode::Classify,
    }
}

/// Effects to run at start-up.
pub fn init(s: &State) -> Vec<Effect> {
    vec![Effect::LoadUnits, Effect::LoadIndicators, dashboard_load(s)]
}

fn dashboard_load(s: &State) -> Effect {
    Effect::LoadDashboard {
        period: s.dash.period,
        year: s.today.year(),
        today: s.today,
    }
}

fn reports_load(s: &State) -> Effect {
    Effect::LoadReports {
        period: s.reports.period,
        status: s.reports.status,
        under: s.reports.under.clone(),
    }
}

fn screen_load(s: &State) -> Vec<Effect> {
    match s.screen {
        Screen::Dashboard => vec![dashboard_load(s)],
        Screen::Units => selected_unit(s)
            .map(|code| vec![Effect::LoadUnitDetail { code }])
            .unwrap_or_default(),
        Screen::Reports => vec![reports_load(s)],
        Screen::Tasks => vec![Effect::LoadTasks {
            query: task_query(s.tasks.overdue_only, s.tasks.status),
        }],
        Screen::Classify => vec![Effect::LoadClassify {
            year: s.classify.year,
        }],
    }
}

pub(crate) fn selected_unit(s: &State) -> Option<String> {
    let vis = s.visible_units();
    vis.get(s.unit_view.cursor.selected)
        .map(|&i| s.units[i].code.clone())
}

pub(crate) fn say(s: &mut State, tone: Tone, msg: impl Into<String>) {
    s.message = Some((tone, msg.into()));
}

pub fn update(s: &mut State, a: Action) -> Vec<Effect> {
    if a == Action::ForceQuit {
        s.quit = true;
        return vec![];
    }
    if a == Action::Repaint {
        s.repaint = true;
        return vec![];
    }
    if !matches!(a, Action::Input(_) | Action::Backspace) {
        s.message = None;
    }
    match s.overlay.clone() {
        Overlay::Help { scroll } => return help_key(s, a, scroll),
        Overlay::History {
            title,
            lines,
            scroll,
        } => {
            s.overlay = match a {
                Action::Back => Overlay::None,
                Action::Down => Overlay::History {
                    title,
                    lines,
                    scroll: scroll + 1,
                },
                Action::Up => Overlay::History {
                    title,
                    lines,
                    scroll: scroll.saturating_sub(1),
                },
                _ => Overlay::History {
                    title,
                    lines,
                    scroll,
                },
            };
            return vec![];
        }
        Overlay::Summary { .. } => return crate::tui::panels::summary_key(s, a),
        Overlay::Conflicts { .. } => return crate::tui::panels::conflicts_key(s, a),
        Overlay::Confirm { kind, .. } => return confirm_key(s, a, kind),
        Overlay::Prompt { kind, text } => return prompt_key(s, a, kind, text),
        Overlay::None => {}
    }
    if s.grid.is_some() {
        return grid_key(s, a);
    }
    if s.form.is_some() {
        return form_key(s, a);
    }
    screen_key(s, a)
}

fn help_key(s: &mut State, a: Action, scroll: usize) -> Vec<Effect> {
    s.overlay = match a {
        Action::Back => Overlay::None,
        Action::Down => Overlay::Help { scroll: scroll + 1 },
        Action::Up => Overlay::Help {
            scroll: scroll.saturating_sub(1),
        },
        _ => Overlay::Help { scroll },
    };
    vec![]
}

fn confirm_key(s: &mut State, a: Action, kind: ConfirmKind) -> Vec<Effect> {
    match a {
        Action::Yes => {
            s.overlay = Overlay::None;
            match kind {
                ConfirmKind::Quit => {
                    s.quit = true;
                    vec![]
                }
                ConfirmKind::DiscardForm => {
                    s.form = None;
                    vec![]
                }
                ConfirmKind::DiscardGrid => {
                    s.grid = None;
                    vec![]
                }
                ConfirmKind::Submit { unit, period } => vec![Effect::Submit { unit, period }],
                ConfirmKind::Approve { unit, period } => vec![Effect::Approve { unit, period }],
                ConfirmKind::Complete { id } => vec![Effect::CompleteTask { id }],
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

fn prompt_key(s: &mut State, a: Action, kind: PromptKind, mut text: String) -> Vec<Effect> {
    match a {
        Action::Input(c) => text.push(c),
        Action::Backspace => {
            text.pop();
        }
        Action::ClearField => text.clear(),
        Action::Back => {
            if kind == PromptKind::Filter {
                s.filters[s.screen.index()].clear();
                refit(s);
            }
            s.overlay = Overlay::None;
            return vec![];
        }
        Action::Save => {
            s.overlay = Overlay::None;
            return match kind {
                PromptKind::Filter => vec![],
                PromptKind::Palette => palette(s, &text),
                PromptKind::QuickAdd => quick_add(s, &text),
            };
        }
        _ => {}
    }
    if kind == PromptKind::Filter {
        s.filters[s.screen.index()] = text.clone();
        refit(s);
    }
    s.overlay = Overlay::Prompt { kind, text };
    if s.screen == Screen::Units {
        return screen_load(s);
    }
    vec![]
}

fn quick_add(s: &mut State, line: &str) -> Vec<Effect> {
    match parse_quick_add(line) {
        Ok(q) => vec![Effect::AddTask(NewTask {
            title: q.title,
            details: String::new(),
            source: None,
            lead_unit: q.unit,
            coordinating: vec![],
            due: q.due,
            priority: q.priority,
        })],
        Err(e) => {
            say(s, Tone::Bad, e.render(s.lang));
            // Keep what was typed so it can be fixed.
            s.overlay = Overlay::Prompt {
                kind: PromptKind::QuickAdd,
                text: line.to_string(),
            };
            vec![]
        }
    }
}

fn palette(s: &mut State, line: &str) -> Vec<Effect> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let cmd = words
        .first()
        .map(|w| crate::domain::text::fold(w))
        .unwrap_or_default();
    let go = |s: &mut State, screen: Screen| {
        s.screen = screen;
        screen_load(s)
    };
    match cmd.as_str() {
        "dashboard" | "tongquan" | "home" => go(s, Screen::Dashboard),
        "units" | "donvi" => go(s, Screen::Units),
        "reports" | "baocao" => go(s, Screen::Reports),
        "tasks" | "nhiemvu" => go(s, Screen::Tasks),
        "classify" | "phanloai" => go(s, Screen::Classify),
        "help" | "trogiup" => {
            s.overlay = Overlay::Help { scroll: 0 };
            vec![]
        }
        "quit" | "q" | "thoat" => {
            s.quit = true;
            vec![]
        }
        "sample" | "mau" => vec![Effect::LoadSample],
        "conflicts" | "xungdot" => vec![Effect::LoadConflicts],
        "summary" | "tonghop" => match words.get(1).map(|w| Period::parse(w)) {
            Some(Err(e)) => {
                say(s, Tone::Bad, e.render(s.lang));
                vec![]
            }
            Some(Ok(p)) => crate::tui::panels::open_summary(s, Some(p)),
            None => crate::tui::panels::open_summary(s, None),
        },
        "history" | "lichsu" => match words
            .get(1)
            .map(|w| w.to_string())
            .or_else(|| selected_entity(s))
        {
            Some(entity) => vec![Effect::LoadHistory { entity }],
            None => {
                say(s, Tone::Bad, texts(s.lang).no_selection);
                vec![]
            }
        },
        "under" | "thuoc" => {
            let code = words.get(1).map(|w| w.to_string());
            if let Some(c) = code.as_ref().filter(|c| s.unit(c).is_none()) {
                let msg = Error::not_found(crate::error::Entity::Unit, c.as_str()).render(s.lang);
                say(s, Tone::Bad, msg);
                return vec![];
            }
            s.reports.under = code;
            s.screen = Screen::Reports;
            screen_load(s)
        }
        // Without a period, the one the reports screen shows.
        "report" | "baocao1" if words.len() == 2 => {
            s.screen = Screen::Reports;
            vec![Effect::OpenTypedReport {
                code: words[1].to_string(),
                period: s.reports.period,
            }]
        }
        "report" | "baocao1" if words.len() == 3 => match Period::parse(words[2]) {
            Ok(p) => {
                s.screen = Screen::Reports;
                vec![Effect::OpenTypedReport {
                    code: words[1].to_string(),
                    period: p,
                }]
            }
            Err(e) => {
                say(s, Tone::Bad, e.render(s.lang));
                vec![]
            }
        },
        "period" | "ky" if words.len() == 2 => match Period::parse(words[1]) {
            Ok(p) => {
                s.reports.period = p;
                s.dash.period = p;
                screen_load(s)
            }
            Err(e) => {
                say(s, Tone::Bad, e.render(s.lang));
                vec![]
            }
        },
        _ => {
            let t = texts(s.lang);
            say(
                s,
                Tone::Bad,
                format!("{}: {line} — {}", t.unknown_command, t.palette_hint),
            );
            vec![]
        }
    }
}

/// Keeps every list's selection inside its rows, e.g. after a resize.
pub fn refit_all(s: &mut State) {
    refit(s);
}

/// Keeps every list's selection inside its rows after the rows or the filter changed.
fn refit(s: &mut State) {
    let h = s.list_height();
    let n = s.visible_units().len();
    s.unit_view.cursor.fit(n, h);
    let n = s.visible_reports().len();
    s.reports.cursor.fit(n, h);
    let n = s.visible_tasks().len();
    s.tasks.cursor.fit(n, h);
    let n = s.visible_assessments().len();
    s.classify.cursor.fit(n, h);
    let n = s
        .dash
        .data
        .completeness
        .as_ref()
        .map_or(0, |c| c.missing.len());
    s.dash.cursor.fit(n, h.saturating_sub(4));
}

fn move_cursor(s: &mut State, a: Action) -> bool {
    let h = s.list_height();
    let (len, cur) = match s.screen {
        Screen::Dashboard if s.dash.drill => {
            let n = s
                .dash
                .data
                .completeness
                .as_ref()
                .map_or(0, |c| c.missing.len());
            (n, &mut s.dash.cursor)
        }
        Screen::Dashboard => return false,
        Screen::Units => (s.visible_units().len(), &mut s.unit_view.cursor),
        Screen::Reports => (s.visible_reports().len(), &mut s.reports.cursor),
        Screen::Tasks if s.tasks.detail.is_some() => return false,
        Screen::Tasks => (s.visible_tasks().len(), &mut s.tasks.cursor),
        Screen::Classify => (s.visible_assessments().len(), &mut s.classify.cursor),
    };
    let page = h as isize;
    let delta = match a {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Home => -(len as isize),
        Action::End => len as isize,
        _ => return false,
    };
    let before = cur.selected;
    cur.step(delta, len, h);
    before != cur.selected
}

fn screen_key(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Quit => {
            s.quit = true;
            return vec![];
        }
        Action::Help => {
            s.overlay = Overlay::Help { scroll: 0 };
            return vec![];
        }
        Action::Filter => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Filter,
                text: s.filter().to_string(),
            };
            return vec![];
        }
        Action::Palette => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Palette,
                text: String::new(),
            };
            return vec![];
        }
        Action::Screen(i) => {
            s.screen = Screen::ALL[i as usize % 5];
            return screen_load(s);
        }
        Action::NextScreen | Action::PrevScreen => {
            let i = s.screen.index();
            let i = if a == Action::NextScreen {
                (i + 1) % 5
            } else {
                (i + 4) % 5
            };
            s.screen = Screen::ALL[i];
            return screen_load(s);
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            let moved = move_cursor(s, a);
            if moved && s.screen == Screen::Units {
                return screen_load(s);
            }
            return vec![];
        }
        _ => {}
    }
    match s.screen {
        Screen::Dashboard => dashboard_key(s, a),
        Screen::Units => units_key(s, a),
        Screen::Reports => reports_key(s, a),
        Screen::Tasks => tasks_key(s, a),
        Screen::Classify => classify_key(s, a),
    }
}

fn shift_period(p: Period, forward: bool) -> Period {
    if forward { p.next() } else { p.prev() }.unwrap_or(p)
}

fn dashboard_key(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::Left | Action::Right => {
            s.dash.period = shift_period(s.dash.period, a == Action::Right);
            s.dash.drill = false;
            vec![dashboard_load(s)]
        }
        Action::Open => {
            s.dash.drill = !s.dash.drill;
            s.dash.cursor = Cursor::default();
            vec![]
        }
        Action::Back => {
            s.dash.drill = false;
            vec![]
        }
        Action::LoadSample if s.empty_store => vec![Effect::LoadSample],
        _ => vec![],
    }
}

fn kind_options(lang: Lang) -> Vec<String> {
    UnitKind::ALL
        .iter()
        .map(|k| k.label(lang).to_string())
        .collect()
}

fn unit_form(s: &State, edit: Option<&UnitRow>, parent: Option<String>) -> Form {
    let t = texts(s.lang);
    let kind_idx = edit
        .map(|u| UnitKind::ALL.iter().position(|k| *k == u.kind).unwrap_or(0))
        .unwrap_or(6);
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
            format!("{} {}", t.form_unit_edit, u.code),
            Purpose::EditUnit {
                code: u.code.clone(),
                revision: 0,
            },
            fields,
        ),
        None => Form::new(t.form_unit_add, Purpose::AddUnit, fields),
    }
}

fn units_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
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
        Action::Summary => crate::tui::panels::open_summary(s, None),
        Action::Retire => {
            let today = crate::tui::catalogue::date(s.lang, s.today);
            s.form = Some(Form::new(
                format!("{} {code}", t.form_retire),
                Purpose::Retire { code },
                vec![Field::new("on", t.last_day, FieldKind::Date)
                    .required()
                    .with_value(today)],
            ));
            vec![]
        }
        Action::Merge => {
            s.form = Some(Form::new(
                format!("{} {code}", t.form_merge),
                Purpose::Merge { code },
                vec![
                    Field::new("into", t.successor, FieldKind::Unit).required(),
                    Field::new("on", t.on_date, FieldKind::Date).required(),
                ],
            ));
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

/// The audit key of what is selected on the current screen, e.g. "report/31441/2024-03".
fn selected_entity(s: &State) -> Option<String> {
    if let Some(f) = &s.form {
        if let Purpose::Report { unit, period, .. } = &f.purpose {
            return Some(format!("report/{unit}/{period}"));
        }
    }
    match s.screen {
        Screen::Units => selected_unit(s).map(|c| format!("unit/{c}")),
        Screen::Reports => selected_report(s).map(|r| format!("report/{}/{}", r.unit, r.period)),
        Screen::Tasks => selected_task(s).map(|t| format!("task/{}", t.id)),
        Screen::Classify => {
            selected_assessment(s).map(|x| format!("assessment/{}/{}", x.unit, x.year))
        }
        Screen::Dashboard => None,
    }
}

fn selected_report(s: &State) -> Option<&crate::domain::report::Report> {
    s.visible_reports()
        .get(s.reports.cursor.selected)
        .and_then(|&i| s.reports.rows.get(i))
}

/// The unit of the selected row, whether it has a report or is missing one.
fn selected_report_unit(s: &State) -> Option<String> {
    let i = *s.visible_reports().get(s.reports.cursor.selected)?;
    Some(match s.report_item(i) {
        crate::tui::state::ReportItem::Report(r) => r.unit.clone(),
        crate::tui::state::ReportItem::Missing(c) => c.to_string(),
    })
}

/// Units that report for a period kind and existed during it, in tree order.
pub fn reporting_units(s: &State, p: Period) -> Vec<String> {
    reporting_units_matching(s, p, &s.filters[Screen::Reports.index()])
}

fn reporting_units_matching(s: &State, p: Period, filter: &str) -> Vec<String> {
    let f = crate::domain::text::fold(filter);
    s.units
        .iter()
        .filter(|u| {
            u.valid_from.is_none_or(|d| d <= p.end()) && u.valid_to.is_none_or(|d| d >= p.start())
        })
        .filter(|u| s.indicators.iter().any(|i| i.applies(u.kind, p.kind)))
        .filter(|u| f.is_empty() || u.folded.contains(&f) || u.code.starts_with(&f))
        .filter(|u| {
            s.reports
                .under
                .as_deref()
                .is_none_or(|under| s.is_within(&u.code, under))
        })
        .map(|u| u.code.clone())
        .collect()
}

fn reports_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    match a {
        Action::Left | Action::Right => {
            s.reports.period = shift_period(s.reports.period, a == Action::Right);
            screen_load(s)
        }
        Action::CycleStatus => {
            s.reports.status = match s.reports.status {
                None => Some(Status::Draft),
                Some(Status::Draft) => Some(Status::Submitted),
                Some(Status::Submitted) => Some(Status::Approved),
                Some(Status::Approved) => Some(Status::Returned),
                Some(Status::Returned) => None,
            };
            screen_load(s)
        }
        Action::Open | Action::Edit => match selected_report_unit(s) {
            Some(unit) => vec![Effect::OpenReportForm {
                unit,
                period: s.reports.period,
            }],
            None => vec![],
        },
        Action::Add => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::Palette,
                text: "report ".into(),
            };
            say(
                s,
                Tone::Info,
                format!(
                    "{}: report MÃ/CODE {}",
                    t.palette_hint.split(' ').next().unwrap_or(":"),
                    s.reports.period
                ),
            );
            vec![]
        }
        Action::Submit | Action::Approve => {
            let Some(r) = selected_report(s) else {
                say(s, Tone::Bad, t.no_selection);
                return vec![];
            };
            let (unit, period) = (r.unit.clone(), r.period);
            let (label, kind) = if a == Action::Submit {
                (
                    t.confirm_submit,
                    ConfirmKind::Submit {
                        unit: unit.clone(),
                        period,
                    },
                )
            } else {
                (
                    t.confirm_approve,
                    ConfirmKind::Approve {
                        unit: unit.clone(),
                        period,
                    },
                )
            };
            let text = format!(
                "{label} {unit} {} — {period}? {}",
                s.unit_name(&unit),
                t.yes_no
            );
            s.overlay = Overlay::Confirm { kind, text };
            vec![]
        }
        Action::Return => {
            let Some(r) = selected_report(s) else {
                say(s, Tone::Bad, t.no_selection);
                return vec![];
            };
            let (unit, period) = (r.unit.clone(), r.period);
            s.form = Some(Form::new(
                format!("{} {unit} {period}", t.form_return),
                Purpose::ReturnReport { unit, period },
                vec![Field::new("reason", t.reason, FieldKind::Text).required()],
            ));
            vec![]
        }
        Action::Grid => {
            let units = reporting_units(s, s.reports.period);
            vec![Effect::LoadGrid {
                period: s.reports.period,
                units,
            }]
        }
        Action::Back => {
            s.filters[Screen::Reports.index()].clear();
            refit(s);
            vec![]
        }
        _ => vec![],
    }
}

fn selected_task(s: &State) -> Option<&crate::domain::task::Task> {
    if let Some(d) = &s.tasks.detail {
        return Some(d);
    }
    s.visible_tasks()
        .get(s.tasks.cursor.selected)
        .map(|&i| &s.tasks.rows[i])
}

fn tasks_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let reload = |s: &mut State| {
        vec![Effect::LoadTasks {
            query: task_query(s.tasks.overdue_only, s.tasks.status),
        }]
    };
    match a {
        Action::ToggleOverdue => {
            s.tasks.overdue_only = !s.tasks.overdue_only;
            reload(s)
        }
        Action::ToggleMine => {
            s.tasks.mine = !s.tasks.mine;
            refit(s);
            vec![]
        }
        Action::CycleStatus => {
            s.tasks.status = match s.tasks.status {
                None => Some(TaskStatus::New),
                Some(TaskStatus::New) => Some(TaskStatus::InProgress),
                Some(TaskStatus::InProgress) => Some(TaskStatus::Done),
                Some(TaskStatus::Done) => Some(TaskStatus::Cancelled),
                Some(TaskStatus::Cancelled) => None,
            };
            reload(s)
        }
        Action::Open => {
            if s.tasks.detail.is_none() {
                s.tasks.detail = selected_task(s).cloned();
            }
            vec![]
        }
        Action::Back => {
            if s.tasks.detail.take().is_none() {
                s.filters[Screen::Tasks.index()].clear();
                refit(s);
            }
            vec![]
        }
        Action::Add if s.tasks.detail.is_none() => {
            s.overlay = Overlay::Prompt {
                kind: PromptKind::QuickAdd,
                text: String::new(),
            };
            vec![]
        }
        Action::Add | Action::Edit => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let id = task.id;
            s.form = Some(Form::new(
                format!("{} #{id}", t.form_log),
                Purpose::TaskLog { id },
                vec![
                    Field::new("text", t.text, FieldKind::Text).required(),
                    Field::new("percent", t.percent, FieldKind::Number),
                ],
            ));
            vec![]
        }
        Action::Complete => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let text = format!(
                "{} #{} {}? {}",
                t.confirm_done, task.id, task.title, t.yes_no
            );
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::Complete { id: task.id },
                text,
            };
            vec![]
        }
        Action::Cancel => {
            let Some(task) = selected_task(s) else {
                return vec![];
            };
            let id = task.id;
            s.form = Some(Form::new(
                format!("{} #{id}", t.form_cancel),
                Purpose::CancelTask { id },
                vec![Field::new("reason", t.reason, FieldKind::Text).required()],
            ));
            vec![]
        }
        _ => vec![],
    }
}

fn selected_assessment(s: &State) -> Option<&crate::domain::assessment::Assessment> {
    s.visible_assessments()
        .get(s.classify.cursor.selected)
        .map(|&i| &s.classify.rows[i])
}

fn grade_options(lang: Lang) -> Vec<String> {
    let mut v = vec![texts(lang).grade_auto.to_string()];
    v.extend(Grade::ALL.iter().map(|g| g.label(lang).to_string()));
    v
}

fn safety_options(lang: Lang) -> Vec<String> {
    [Safety::NotAssessed, Safety::Passed, Safety::NotYet]
        .iter()
        .map(|x| x.label(lang).to_string())
        .collect()
}

fn classify_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    match a {
        Action::Left | Action::Right => {
            s.classify.year += if a == Action::Right { 1 } else { -1 };
            s.classify.marked.clear();
            screen_load(s)
        }
        Action::Open | Action::Edit | Action::Add => {
            let sel = if a == Action::Add {
                None
            } else {
                selected_assessment(s).cloned()
            };
            let year = s.classify.year;
            let mut fields = vec![];
            if sel.is_none() {
                fields.push(Field::new("unit", t.unit, FieldKind::Unit).required());
            }
            let safety_idx = sel.as_ref().map_or(0, |x| match x.safety {
                Safety::NotAssessed => 0,
                Safety::Passed => 1,
                Safety::NotYet => 2,
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
            let unit = sel.as_ref().map(|x| x.unit.clone()).unwrap_or_default();
            let title = format!(
                "{} {year} {}",
                t.form_assess,
                if unit.is_empty() {
                    String::new()
                } else {
                    format!("{unit} {}", s.unit_name(&unit))
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
        Action::Mark => {
            let Some(x) = selected_assessment(s).cloned() else {
                return vec![];
            };
            if x.grade(&s.classify.cutoffs) != Some(Grade::Excellent) {
                say(s, Tone::Bad, t.only_excellent);
            } else if !s.classify.marked.remove(&x.unit) {
                s.classify.marked.insert(x.unit);
            }
            vec![]
        }
        Action::SelectExemplars => {
            if s.classify.marked.is_empty() {
                say(s, Tone::Bad, t.nothing_marked);
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
        Action::Back => {
            s.filters[Screen::Classify.index()].clear();
            refit(s);
            vec![]
        }
        _ => vec![],
    }
}

fn form_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let units = s.units.clone();
    let Some(f) = s.form.as_mut() else {
        return vec![];
    };
    let editing = matches!(
        a,
        Action::Input(_)
            | Action::Backspace
            | Action::ClearField
            | Action::Save
            | Action::NextUnit
            | Action::PrevUnit
            | Action::Left
            | Action::Right
    );
    if f.read_only && editing {
        let msg = f.error.clone().unwrap_or_default();
        say(s, Tone::Bad, msg);
        return vec![];
    }
    match a {
        Action::Input(c) => {
            if let Some(msg) = f.input(c, t.digits_only) {
                say(s, Tone::Bad, msg);
            }
            vec![]
        }
        Action::Backspace => {
            f.backspace();
            vec![]
        }
        Action::ClearField => {
            f.clear();
            vec![]
        }
        Action::Left | Action::Right => {
            f.cycle(a == Action::Right);
            vec![]
        }
        Action::PrevField => {
            f.prev_field();
            vec![]
        }
        Action::NextField => {
            accept_suggestion(f, &units);
            if f.next_field() {
                vec![]
            } else {
                save_form(s, AfterSave::Close)
            }
        }
        Action::Save => {
            accept_suggestion(f, &units);
            save_form(s, AfterSave::Close)
        }
        Action::NextUnit => save_form(s, AfterSave::NextUnit),
        Action::PrevUnit => save_form(s, AfterSave::PrevUnit),
        Action::Back => {
            if f.dirty {
                s.overlay = Overlay::Confirm {
                    kind: ConfirmKind::DiscardForm,
                    text: t.unsaved_leave.to_string(),
                };
            } else {
                s.form = None;
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Leaving a unit picker with a name typed takes the first matching unit's code.
fn accept_suggestion(f: &mut Form, units: &[UnitRow]) {
    let field = &f.fields[f.focus];
    if field.kind != FieldKind::Unit
        || field.value.is_empty()
        || units.iter().any(|u| u.code == field.value)
    {
        return;
    }
    if let Some(u) = suggest(units, &field.value, 1).first() {
        let code = u.code.clone();
        f.fields[f.focus].value = code;
    }
}

fn field_date(f: &mut Form, key: &str, lang: Lang) -> Result<Option<jiff::civil::Date>, ()> {
    let v = f.value(key).trim().to_string();
    if v.is_empty() {
        return Ok(None);
    }
    parse_date(key, &v).map(Some).map_err(|e| {
        f.show_error(
            Some(key),
            e.render(lang)
                .split_once(": ")
                .map(|x| x.1.to_string())
                .unwrap_or_default(),
        )
    })
}

fn save_form(s: &mut State, then: AfterSave) -> Vec<Effect> {
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
        Purpose::Report {
            unit,
            period,
            revision,
        } => {
            let mut values = Vec::new();
            for fd in f
                .fields
                .clone()
                .iter()
                .filter(|fd| fd.kind == FieldKind::Number)
            {
                match parse_value(&fd.key, &fd.value) {
                    Ok(v) => values.push((fd.key.clone(), v)),
                    Err(e) => {
                        f.show_error(Some(&fd.key), e.render(lang));
                        return vec![];
                    }
                }
            }
            let narrative = Some(f.value("narrative").to_string());
            Effect::SaveReport {
                input: ReportInput {
                    unit,
                    period,
                    values,
                    narrative,
                    base_revision: revision,
                },
                then,
            }
        }
        Purpose::AddUnit => {
            let Ok(valid_from) = field_date(f, "from", lang) else {
                return vec![];
            };
            Effect::AddUnit(NewUnit {
                code: f.value("code").trim().to_string(),
                name: f.value("name").to_string(),
                kind: UnitKind::ALL[f
                    .fields
                    .iter()
                    .find(|x| x.key == "kind")
                    .map_or(6, |x| x.choice())],
                parent: Some(f.value("parent").trim().to_string()).filter(|p| !p.is_empty()),
                valid_from,
                notes: f.value("notes").to_string(),
            })
        }
        Purpose::EditUnit { code, revision } => Effect::EditUnit {
            code,
            patch: UnitPatch {
                from: None,
                name: Some(f.value("name").to_string()),
                kind: Some(
                    UnitKind::ALL[f
                        .fields
                        .iter()
                        .find(|x| x.key == "kind")
                        .map_or(6, |x| x.choice())],
                ),
                parent: Some(Some(f.value("parent").trim().to_string()).filter(|p| !p.is_empty())),
                notes: Some(f.value("notes").to_string()),
                base_revision: (revision > 0).then_some(revision),
            },
        },
        Purpose::Retire { code } => {
            let Ok(Some(on)) = field_date(f, "on", lang) else {
                return vec![];
            };
            Effect::RetireUnit { code, on }
        }
        Purpose::Merge { code } => {
            let Ok(Some(on)) = field_date(f, "on", lang) else {
                return vec![];
            };
            Effect::MergeUnit {
                code,
                into: f.value("into").trim().to_string(),
                on,
            }
        }
        Purpose::TaskLog { id } => {
            let percent = match f.value("percent").trim() {
                "" => None,
                p => match p.parse::<u8>() {
                    Ok(v) if v <= 100 => Some(v),
                    _ => {
                        f.show_error(Some("percent"), "0–100".into());
                        return vec![];
                    }
                },
            };
            Effect::LogTask {
                id,
                text: f.value("text").to_string(),
                percent,
            }
        }
        Purpose::CancelTask { id } => Effect::CancelTask {
            id,
            reason: f.value("reason").to_string(),
        },
        Purpose::ReturnReport { unit, period } => Effect::ReturnReport {
            unit,
            period,
            reason: f.value("reason").to_string(),
        },
        Purpose::Assessment {
            unit,
            year,
            revision,
        } => {
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
                        return vec![];
                    }
                },
            };
            let safety = [Safety::NotAssessed, Safety::Passed, Safety::NotYet][f
                .fields
                .iter()
                .find(|x| x.key == "safety")
                .map_or(0, |x| x.choice())
                .min(2)];
            let g = f
                .fields
                .iter()
                .find(|x| x.key == "grade")
                .map_or(0, |x| x.choice());
            let grade_override = if g == 0 {
                None
            } else {
                Grade::ALL.get(g - 1).copied()
            };
            Effect::SaveAssessment(AssessmentInput {
                unit,
                year,
                safety: Some(safety),
                score: Some(score),
                grade_override: Some(grade_override),
                decision: None,
                notes: None,
                base_revision: revision,
            })
        }
        Purpose::Exemplars { year, units } => {
            let Ok(date) = field_date(f, "date", lang) else {
                return vec![];
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
            Effect::SelectExemplars {
                units,
                year,
                decision,
            }
        }
    };
    vec![e]
}

fn grid_key(s: &mut State, a: Action) -> Vec<Effect> {
    let t = texts(s.lang);
    let h = s.list_height().saturating_sub(1);
    let Some(g) = s.grid.as_mut() else {
        return vec![];
    };
    let (rows, cols) = (g.units.len(), g.indicators.len());
    if rows == 0 || cols == 0 {
        if a == Action::Back {
            s.grid = None;
        }
        return vec![];
    }
    match a {
        Action::Input(c) if c.is_ascii_digit() => {
            if g.locked[g.row] {
                let msg = format!("{}: {}", g.units[g.row], t.locked_row);
                say(s, Tone::Bad, msg);
            } else if g.cells[g.row][g.col].len() < 10 {
                g.cells[g.row][g.col].push(c);
            }
        }
        Action::Input(_) => say(s, Tone::Bad, t.digits_only),
        Action::Backspace if !g.locked[g.row] => {
            g.cells[g.row][g.col].pop();
        }
        Action::ClearField if !g.locked[g.row] => g.cells[g.row][g.col].clear(),
        Action::NextField | Action::Right => {
            if g.col + 1 < cols {
                g.col += 1;
            } else if a == Action::NextField && g.row + 1 < rows {
                g.col = 0;
                g.row += 1;
            }
        }
        Action::PrevField | Action::Left => {
            if g.col > 0 {
                g.col -= 1;
            } else if a == Action::PrevField && g.row > 0 {
                g.row -= 1;
                g.col = cols - 1;
            }
        }
        Action::Up => g.row = g.row.saturating_sub(1),
        Action::Down => g.row = (g.row + 1).min(rows - 1),
        Action::Save => {
            let mut inputs = Vec::new();
            for r in g.dirty_rows() {
                let mut values = Vec::new();
                for (c, ind) in g.indicators.iter().enumerate() {
                    if g.cells[r][c] != g.original[r][c] {
                        match parse_value(&ind.code, &g.cells[r][c]) {
                            Ok(v) => values.push((ind.code.clone(), v)),
                            Err(e) => {
                                g.errors.insert(r, e.render(s.lang));
                            }
                        }
                    }
                }
                let input = ReportInput {
                    unit: g.units[r].clone(),
                    period: g.period,
                    values,
                    narrative: None,
                    base_revision: g.revisions[r],
                };
                inputs.push((r, input));
            }
            return if inputs.is_empty() {
                vec![]
            } else {
                vec![Effect::SaveGrid { inputs }]
            };
        }
        Action::Back => {
            if g.dirty_rows().is_empty() {
                s.grid = None;
                return screen_load(s);
            }
            s.overlay = Overlay::Confirm {
                kind: ConfirmKind::DiscardGrid,
                text: t.unsaved_leave.to_string(),
            };
        }
        _ => {}
    }
    if let Some(g) = s.grid.as_mut() {
        if g.row < g.row_offset {
            g.row_offset = g.row;
        } else if g.row >= g.row_offset + h.max(1) {
            g.row_offset = g.row + 1 - h.max(1);
        }
    }
    vec![]
}

/// What to load again after the server came back or announced a change.
pub fn reload(s: &State) -> Vec<Effect> {
    let mut fx = vec![Effect::LoadUnits];
    fx.extend(screen_load(s));
    fx
}

/// Applies a service result.
pub fn apply(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    if let Event::Failed(Error::Disconnected { .. }) = &ev {
        s.offline = true;
        say(s, Tone::Bad, t.reconnecting);
        return vec![];
    }
    if s.offline {
        s.offline = false;
        say(s, Tone::Good, t.reconnected);
    }
    match ev {
        Event::Units(rows) => {
            s.empty_store = rows.is_empty();
            // Open the top levels so the tree shows something useful at once.
            for u in rows.iter().filter(|u| u.depth == 0 && !u.retired) {
                s.unit_view.expanded.insert(u.code.clone());
            }
            s.set_units(rows);
            refit(s);
            if s.screen == Screen::Units {
                return screen_load(s);
            }
        }
        Event::Indicators(v) => s.indicators = v,
        Event::Dashboard(d) => {
            s.dash.data = *d;
            refit(s);
        }
        Event::UnitDetail(d) => s.unit_view.detail = *d,
        Event::Reports(rows) => {
            s.reports.rows = rows;
            s.reports.missing = if s.reports.status.is_none() {
                let have: std::collections::HashSet<&str> =
                    s.reports.rows.iter().map(|r| r.unit.as_str()).collect();
                reporting_units_matching(s, s.reports.period, "")
                    .into_iter()
                    .filter(|u| !have.contains(u.as_str()))
                    .collect()
            } else {
                Vec::new()
            };
            refit(s);
        }
        Event::ReportForm {
            unit,
            period,
            report,
            previous,
        } => open_report_form(s, &unit, period, report.as_deref(), previous.as_deref()),
        Event::ReportSaved { report, then } => {
            say(
                s,
                Tone::Good,
                format!("{}: {} {}", t.saved, report.unit, report.period),
            );
            s.form = None;
            let mut fx = vec![reports_load(s)];
            if then != AfterSave::Close {
                let list = reporting_units(s, report.period);
                let pos = list.iter().position(|u| *u == report.unit);
                let next = match (pos, then) {
                    (Some(i), AfterSave::NextUnit) => list.get(i + 1),
                    (Some(i), AfterSave::PrevUnit) if i > 0 => list.get(i - 1),
                    _ => None,
                };
                match next {
                    Some(u) => fx.push(Effect::OpenReportForm {
                        unit: u.clone(),
                        period: report.period,
                    }),
                    None => say(
                        s,
                        Tone::Info,
                        format!(
                            "{}: {} {} — {}",
                            t.saved, report.unit, report.period, t.no_more_units
                        ),
                    ),
                }
            }
            return fx;
        }
        Event::ReportChanged(r) => {
            say(
                s,
                Tone::Good,
                format!(
                    "{} {} {}: {}",
                    t.saved,
                    r.unit,
                    r.period,
                    r.status.label(s.lang)
                ),
            );
            s.form = None;
            return vec![reports_load(s)];
        }
        Event::Tasks(rows) => {
            if let Some(d) = &s.tasks.detail {
                s.tasks.detail = rows
                    .iter()
                    .find(|x| x.id == d.id)
                    .cloned()
                    .or(s.tasks.detail.take());
            }
            s.tasks.rows = rows;
            refit(s);
        }
        Event::TaskChanged(task) => {
            say(
                s,
                Tone::Good,
                format!("{}: #{} {}", t.saved, task.id, task.title),
            );
            s.form = None;
            if s.tasks.detail.as_ref().is_some_and(|d| d.id == task.id) {
                s.tasks.detail = Some(*task);
            }
            return vec![Effect::LoadTasks {
                query: task_query(s.tasks.overdue_only, s.tasks.status),
            }];
        }
        Event::Classify {
            rows,
            cutoffs,
            exemplars_next,
        } => {
            s.classify.rows = rows;
            s.classify.cutoffs = cutoffs;
            s.classify.exemplars_next = exemplars_next;
            refit(s);
        }
        Event::AssessmentSaved(x) => {
            say(s, Tone::Good, format!("{}: {} {}", t.saved, x.unit, x.year));
            s.form = None;
            return vec![Effect::LoadClassify {
                year: s.classify.year,
            }];
        }
        Event::ExemplarsSelected {
            year,
            count,
            errors,
        } => {
            s.form = None;
            s.classify.marked.clear();
            if errors.is_empty() {
                say(
                    s,
                    Tone::Good,
                    format!("{}: {} {year} ({count})", t.saved, t.exemplars_of),
                );
            } else {
                say(s, Tone::Bad, format!("{count} ✓; {}", errors.join("; ")));
            }
            return vec![Effect::LoadClassify {
                year: s.classify.year,
            }];
        }
        Event::UnitSaved(u) => {
            say(s, Tone::Good, format!("{}: {} {}", t.saved, u.code, u.name));
            s.form = None;
            return vec![Effect::LoadUnits, Effect::LoadUnitDetail { code: u.code }];
        }
        Event::SampleLoaded => {
            say(s, Tone::Good, t.sample_loaded);
            let mut fx = vec![Effect::LoadUnits, Effect::LoadIndicators];
            fx.extend(screen_load(s));
            return fx;
        }
        Event::Grid {
            period,
            units,
            reports,
        } => open_grid(s, period, units, reports),
        Event::GridSaved { saved, errors } => {
            if let Some(g) = s.grid.as_mut() {
                for r in &saved {
                    g.original[*r] = g.cells[*r].clone();
                    g.errors.remove(r);
                }
                for (r, e) in &errors {
                    g.errors.insert(*r, e.render(s.lang));
                }
            }
            if errors.is_empty() {
                say(s, Tone::Good, format!("{}: {}", t.saved, saved.len()));
            } else {
                say(s, Tone::Bad, format!("{}: {}", t.save_failed, errors.len()));
            }
        }
        Event::Failed(e) => return failed(s, e),
        Event::TheirVersion(r) => their_version(s, *r),
        Event::Summary { under, summary } => crate::tui::panels::show_summary(s, under, &summary),
        Event::Conflicts(items) => crate::tui::panels::show_conflicts(s, items),
        Event::ConflictResolved {
            entity,
            take_incoming,
        } => {
            let t = texts(s.lang);
            let which = if take_incoming {
                t.took_incoming
            } else {
                t.kept_local
            };
            say(s, Tone::Good, format!("{which}: {entity}"));
            return vec![Effect::LoadConflicts, dashboard_load(s)];
        }
        Event::History { entity, entries } => {
            let lines = entries
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {} {}",
                        crate::tui::catalogue::time(s.lang, e.at),
                        e.actor,
                        e.action,
                        e.summary
                    )
                })
                .collect();
            s.overlay = Overlay::History {
                title: entity,
                lines,
                scroll: 0,
            };
        }
    }
    vec![]
}

/// After a conflict the form keeps the operator's values, shows the other version beside each
/// field, and takes its revision: Ctrl-S then saves the operator's values over it on purpose.
fn their_version(s: &mut State, r: crate::domain::report::Report) {
    let t = texts(s.lang);
    let Some(f) = s.form.as_mut() else { return };
    if let Purpose::Report { revision, .. } = &mut f.purpose {
        *revision = Some(r.revision);
    }
    for fd in f
        .fields
        .iter_mut()
        .filter(|fd| fd.kind == FieldKind::Number)
    {
        let theirs = r
            .value(&fd.key)
            .map(|v| v.to_string())
            .unwrap_or_else(|| "-".into());
        fd.hint = format!("{} {}: {theirs}", t.their_version, r.updated_by);
    }
    f.error = Some(format!(
        "{} {}",
        f.error.clone().unwrap_or_default(),
        t.conflict_hint
    ));
}

fn failed(s: &mut State, e: Error) -> Vec<Effect> {
    let reload = match (&e, s.form.as_ref().map(|f| &f.purpose)) {
        (Error::Conflict { .. }, Some(Purpose::Report { unit, period, .. })) => {
            vec![Effect::TheirVersion {
                unit: unit.clone(),
                period: *period,
            }]
        }
        _ => vec![],
    };
    let msg = e.render(s.lang);
    if let Some(f) = s.form.as_mut() {
        let field = match &e {
            Error::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        let known = field
            .as_ref()
            .is_some_and(|k| f.fields.iter().any(|x| &x.key == k));
        let shown = if known {
            msg.split_once(": ")
                .map(|x| x.1.to_string())
                .unwrap_or(msg.clone())
        } else {
            msg.clone()
        };
        f.show_error(field.as_deref(), shown);
    }
    say(s, Tone::Bad, msg);
    reload
}

fn open_report_form(
    s: &mut State,
    unit: &crate::domain::unit::Unit,
    period: Period,
    report: Option<&crate::domain::report::Report>,
    previous: Option<&crate::domain::report::Report>,
) {
    let t = texts(s.lang);
    let mut fields: Vec<Field> = s
        .indicators
        .iter()
        .filter(|i| i.applies(unit.kind, period.kind))
        .map(|i| {
            let v = report
                .and_then(|r| r.value(&i.code))
                .map(|v| v.to_string())
                .unwrap_or_default();
            let hint = previous
                .and_then(|r| r.value(&i.code))
                .map(|v| crate::tui::catalogue::number(s.lang, v as u64))
                .unwrap_or_default();
            Field::new(&i.code, i.label(s.lang), FieldKind::Number)
                .with_value(v)
                .with_hint(hint)
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
        unit.code,
        unit.name,
        status.label(s.lang)
    );
    let mut f = Form::new(
        title,
        Purpose::Report {
            unit: unit.code.clone(),
            period,
            revision: report.map(|r| r.revision),
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
        say(s, Tone::Info, t.draft_restored);
    }
    s.form = Some(f);
    s.screen = Screen::Reports;
}

/// Offers the draft an earlier session left unsaved.
pub fn offer_draft(s: &mut State, d: crate::tui::draft::Draft) {
    let t = texts(s.lang);
    let text = format!(
        "{}: {} {} — {} ({} {}). {} {}",
        t.draft_offer,
        d.unit,
        s.unit_name(&d.unit),
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

fn open_grid(
    s: &mut State,
    period: Period,
    units: Vec<String>,
    reports: Vec<Option<crate::domain::report::Report>>,
) {
    // Columns: indicators that apply to any listed unit for this period kind.
    let kinds: Vec<UnitKind> = units
        .iter()
        .filter_map(|u| s.unit(u).map(|r| r.kind))
        .collect();
    let indicators: Vec<_> = s
        .indicators
        .iter()
        .filter(|i| kinds.iter().any(|k| i.applies(*k, period.kind)))
        .cloned()
        .collect();
    let cells: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            indicators
                .iter()
                .map(|i| {
                    r.as_ref()
                        .and_then(|r| r.value(&i.code))
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    s.grid = Some(GridView {
        period,
        locked: reports
            .iter()
            .map(|r| r.as_ref().is_some_and(|r| !r.status.editable()))
            .collect(),
        revisions: reports
            .iter()
            .map(|r| r.as_ref().map(|r| r.revision))
            .collect(),
        original: cells.clone(),
        cells,
        units,
        indicators,
        row: 0,
        col: 0,
        row_offset: 0,
        col_offset: 0,
        errors: Default::default(),
    });
}
