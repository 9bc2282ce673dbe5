//! Everything the screens show, and nothing else. `view` reads it; only `update` and `apply`
//! change it.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::civil::Date;

use crate::domain::assessment::Cutoffs;
use crate::domain::indicator::Indicator;
use crate::domain::period::{Period, PeriodKind};
use crate::i18n::Lang;
pub use crate::tui::app::cursor::Cursor;
pub use crate::tui::app::unit_row::UnitRow;
use crate::tui::forms::form::Form;
use crate::tui::keymap::Mode;
// Each screen's own state lives in its folder; the whole state is gathered here.
pub use crate::tui::screens::classify::state::ClassifyView;
pub use crate::tui::screens::dashboard::state::{DashboardData, DashboardView, AWAITING_ROWS};
pub use crate::tui::screens::reports::state::{ReportItem, ReportsView};
pub use crate::tui::screens::tasks::state::{TaskFilter, TasksView};
pub use crate::tui::screens::units::state::{UnitDetail, UnitsView};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Units,
    Reports,
    Tasks,
    Classify,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Dashboard,
        Screen::Units,
        Screen::Reports,
        Screen::Tasks,
        Screen::Classify,
    ];

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The screen `step` tabs away, wrapping around.
    pub fn step(self, step: isize) -> Screen {
        let n = Screen::ALL.len() as isize;
        Screen::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }

    /// The screen for a number key (1 is the first); out of range stays put.
    pub fn numbered(self, i: u8) -> Screen {
        Screen::ALL.get(i as usize).copied().unwrap_or(self)
    }

    pub fn mode(self) -> Mode {
        match self {
            Screen::Dashboard => Mode::Dashboard,
            Screen::Units => Mode::Units,
            Screen::Reports => Mode::Reports,
            Screen::Tasks => Mode::Tasks,
            Screen::Classify => Mode::Classify,
        }
    }
}

/// Units as rows, indicators as columns, for one period.
#[derive(Clone, Debug)]
pub struct GridView {
    pub period: Period,
    pub units: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub cells: Vec<Vec<String>>,
    pub original: Vec<Vec<String>>,
    pub locked: Vec<bool>,
    pub revisions: Vec<Option<u64>>,
    pub row: usize,
    pub col: usize,
    pub row_offset: usize,
    pub col_offset: usize,
    pub errors: HashMap<usize, String>,
    /// The cell was just reached: the first digit typed replaces its value, as in a spreadsheet.
    pub arrived: bool,
}

impl GridView {
    pub fn dirty_rows(&self) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&r| self.cells[r] != self.original[r])
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PromptKind {
    Palette,
    Filter,
    QuickAdd,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConfirmKind {
    Quit,
    DiscardForm,
    DiscardGrid,
    Submit {
        unit: String,
        period: Period,
    },
    Approve {
        unit: String,
        period: Period,
    },
    Withdraw {
        unit: String,
        period: Period,
    },
    Complete {
        id: u64,
    },
    HandOver {
        id: u64,
        revision: u64,
    },
    MoveAssessment {
        unit: String,
        year: i16,
        approve: bool,
    },
    Retire {
        code: String,
        on: Date,
    },
    Merge {
        code: String,
        into: String,
        on: Date,
    },
    /// Undo a merge (`merged`) or a retirement.
    UndoUnit {
        code: String,
        merged: bool,
    },
    /// Reopen the report form left unsaved by the last session (held in `State::resume`).
    ResumeDraft,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// An entity's audit trail, newest first.
    History {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// The roll-up summary of a subtree for a period; ←→ change the period.
    Summary {
        under: Option<String>,
        period: Period,
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// Records changed on both sides of a bundle, for an admin to settle one by one.
    Conflicts {
        items: Vec<crate::service::ConflictInfo>,
        selected: usize,
    },
    Prompt {
        kind: PromptKind,
        text: String,
        /// A char index into `text`; `None` is after the last character.
        cursor: Option<usize>,
    },
    Confirm {
        kind: ConfirmKind,
        text: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

#[derive(Clone)]
pub struct State {
    /// A draft from an earlier session, offered at start and applied when its form opens.
    pub resume: Option<crate::tui::forms::draft::Draft>,
    /// Set when the user declines the draft; the runtime then removes it.
    pub discard_draft: bool,
    pub lang: Lang,
    pub user: String,
    pub today: Date,
    pub width: u16,
    pub height: u16,
    pub screen: Screen,
    pub overlay: Overlay,
    pub message: Option<(Tone, String)>,
    pub units: Vec<UnitRow>,
    pub unit_index: HashMap<String, usize>,
    /// Official code → the identity of the unit holding it today, built with the rows.
    pub live_holder: HashMap<String, String>,
    pub filters: [String; 5],
    pub empty_store: bool,
    pub dash: DashboardView,
    pub unit_view: UnitsView,
    pub reports: ReportsView,
    pub tasks: TasksView,
    pub classify: ClassifyView,
    pub form: Option<Form>,
    /// Where Esc on a form returns to, when it was opened from another screen (the dashboard).
    pub form_origin: Option<Screen>,
    /// The user's role, once loaded: footers offer only what it may do.
    pub role: Option<crate::domain::account::Role>,
    /// The unit the user's account is tied to, if any (an operator's own unit).
    pub account_unit: Option<String>,
    pub grid: Option<GridView>,
    pub indicators: Vec<Indicator>,
    pub quit: bool,
    /// The server went away; the runtime retries and everything typed stays where it is.
    pub offline: bool,
    /// Set by Ctrl-L: the runtime clears the terminal before the next draw.
    pub repaint: bool,
}

impl State {
    /// The keymap mode for the current state: an overlay first, then the grid or a form, then
    /// the screen.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::Help { .. } | Overlay::History { .. } => return Mode::Help,
            Overlay::Summary { .. } => return Mode::Summary,
            Overlay::Conflicts { .. } => return Mode::Conflicts,
            Overlay::Prompt { .. } => return Mode::Prompt,
            Overlay::Confirm { .. } => return Mode::Confirm,
            Overlay::None => {}
        }
        self.base_mode()
    }

    /// The mode under any overlay: the grid, the form, or the screen.
    pub fn base_mode(&self) -> Mode {
        if self.grid.is_some() {
            return Mode::Grid;
        }
        if let Some(f) = &self.form {
            return f.mode();
        }
        self.screen.mode()
    }

    /// The units the dashboard lists as still missing a report for its period.
    pub fn missing_units(&self) -> &[String] {
        self.dash
            .data
            .completeness
            .as_ref()
            .map_or(&[], |c| c.missing.as_slice())
    }

    /// Shows a message on the message line.
    pub fn say(&mut self, tone: Tone, msg: impl Into<String>) {
        self.message = Some((tone, msg.into()));
    }

    pub fn new(lang: Lang, user: &str, today: Date) -> State {
        // The period being reported now: the last month that has ended.
        let current = Period::containing(today, PeriodKind::Month)
            .prev()
            .unwrap_or(Period::month(today.year(), 1));
        State {
            resume: None,
            discard_draft: false,
            lang,
            user: user.to_string(),
            today,
            width: 80,
            height: 24,
            screen: Screen::Dashboard,
            overlay: Overlay::None,
            message: None,
            units: Vec::new(),
            unit_index: HashMap::new(),
            live_holder: HashMap::new(),
            filters: Default::default(),
            empty_store: false,
            dash: DashboardView {
                period: current,
                data: DashboardData::default(),
                drill: false,
                cursor: Cursor::default(),
            },
            unit_view: UnitsView::default(),
            reports: ReportsView {
                period: current,
                status: None,
                under: None,
                rows: Vec::new(),
                missing: Vec::new(),
                not_sent: HashSet::new(),
                only_not_sent: false,
                deadline: None,
                cursor: Cursor::default(),
                shown: None,
            },
            tasks: TasksView::default(),
            classify: ClassifyView {
                year: today.year() - 1,
                rows: Vec::new(),
                cutoffs: Cutoffs::default(),
                marked: BTreeSet::new(),
                exemplars_next: Vec::new(),
                cursor: Cursor::default(),
                shown: None,
                missing_only: false,
            },
            form: None,
            form_origin: None,
            role: None,
            account_unit: None,
            grid: None,
            indicators: Vec::new(),
            quit: false,
            offline: false,
            repaint: false,
        }
    }

    pub fn unit(&self, code: &str) -> Option<&UnitRow> {
        self.unit_index.get(code).map(|&i| &self.units[i])
    }

    pub fn unit_name(&self, code: &str) -> String {
        self.unit(code)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    /// True when `code` is `under` or lies below it.
    pub fn is_within(&self, code: &str, under: &str) -> bool {
        let mut cur = Some(code.to_string());
        for _ in 0..64 {
            match cur {
                Some(c) if c == under => return true,
                Some(c) => cur = self.unit(&c).and_then(|u| u.parent.clone()),
                None => return false,
            }
        }
        false
    }

    pub fn filter(&self) -> &str {
        &self.filters[self.screen.index()]
    }

    /// Rows a list can show between the header and the two bottom lines.
    pub fn list_height(&self) -> usize {
        (self.height as usize).saturating_sub(5).max(1)
    }

    /// Unit rows shown on the Units screen: the expanded tree, or every match of the filter.
    /// Whether the Units screen lists this unit: today's tree, or ended ones on request.
    pub fn unit_listed(&self, u: &crate::tui::app::unit_row::UnitRow) -> bool {
        self.unit_view.show_ended || !u.retired
    }

    pub fn visible_units(&self) -> Vec<usize> {
        let f = crate::domain::text::fold(&self.filters[Screen::Units.index()]);
        if !f.is_empty() {
            return (0..self.units.len())
                .filter(|&i| {
                    self.unit_listed(&self.units[i])
                        && (self.units[i].folded.contains(&f)
                            || self.units[i].code.to_lowercase().starts_with(&f))
                })
                .collect();
        }
        let mut out = Vec::new();
        let mut hidden_below: Option<usize> = None;
        for (i, u) in self.units.iter().enumerate() {
            if !self.unit_listed(u) {
                continue;
            }
            if let Some(d) = hidden_below {
                if u.depth > d {
                    continue;
                }
                hidden_below = None;
            }
            out.push(i);
            if u.has_children && !self.unit_view.expanded.contains(&u.code) {
                hidden_below = Some(u.depth);
            }
        }
        out
    }

    pub fn visible_tasks(&self) -> Vec<usize> {
        let f = crate::domain::text::fold(self.filter());
        (0..self.tasks.rows.len())
            .filter(|&i| {
                let t = &self.tasks.rows[i];
                (!self.tasks.mine || t.created_by == self.user)
                    && (f.is_empty()
                        || crate::domain::text::fold(&t.title).contains(&f)
                        || t.lead_unit.starts_with(&f)
                        || self
                            .unit(&t.lead_unit)
                            .is_some_and(|u| u.folded.contains(&f)))
            })
            .collect()
    }

    /// Units below province level that exist on the year's last day (the units a year
    /// expects, as for reports: a unit merged during the year is assessed in its successor)
    /// and have no assessment, in tree order, matching the filter.
    pub fn missing_assessments(&self) -> Vec<String> {
        let f = crate::domain::text::fold(self.filter());
        let year = self.classify.year;
        let Ok(last) = Date::new(year, 12, 31) else {
            return Vec::new();
        };
        let have: HashSet<&str> = self.classify.rows.iter().map(|a| a.unit.as_str()).collect();
        self.units
            .iter()
            .filter(|u| u.kind.level() != crate::domain::unit::Level::Province)
            .filter(|u| {
                u.valid_from.is_none_or(|d| d <= last) && u.valid_to.is_none_or(|d| d >= last)
            })
            .filter(|u| !have.contains(u.code.as_str()))
            .filter(|u| f.is_empty() || u.code.starts_with(&f) || u.folded.contains(&f))
            .map(|u| u.code.clone())
            .collect()
    }

    pub fn visible_assessments(&self) -> Vec<usize> {
        let f = crate::domain::text::fold(self.filter());
        (0..self.classify.rows.len())
            .filter(|&i| {
                let a = &self.classify.rows[i];
                f.is_empty()
                    || a.unit.starts_with(&f)
                    || self.unit(&a.unit).is_some_and(|u| u.folded.contains(&f))
            })
            .collect()
    }
}
