//! Effects ask the service for something; their results come back to `update` as events.
//! This is the only place the TUI touches data, and only through the `Service` trait.

use crate::domain::assessment::{Assessment, Cutoffs};
use crate::domain::exemplar::Exemplar;
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::service::*;
use crate::tui::app::state::{DashboardData, TaskFilter, UnitRow};

#[derive(Clone, Debug)]
pub enum Effect {
    LoadUnits,
    LoadIndicators,
    LoadDashboard {
        period: Period,
        year: i16,
        today: jiff::civil::Date,
        /// Read the earlier periods' completeness for the trend: only when the period changes,
        /// not at every live refresh (their figures rarely move, and each is a query).
        earlier: bool,
    },
    LoadUnitDetail {
        code: String,
    },
    LoadReports {
        period: Period,
        status: Option<Status>,
        under: Option<String>,
    },
    OpenReportForm {
        unit: String,
        period: Period,
    },
    /// A code typed by the user: the unit that held it for the period.
    OpenTypedReport {
        code: String,
        period: Period,
    },
    SaveReport {
        input: ReportInput,
        then: AfterSave,
    },
    Submit {
        unit: String,
        period: Period,
    },
    Approve {
        unit: String,
        period: Period,
    },
    ReturnReport {
        unit: String,
        period: Period,
        reason: String,
    },
    Withdraw {
        unit: String,
        period: Period,
    },
    ReopenReport {
        unit: String,
        period: Period,
        reason: String,
    },
    /// Submit, approve or return (with a reason) one unit's assessment for a year.
    MoveAssessment {
        unit: String,
        year: i16,
        to: AssessmentMove,
    },
    LoadTasks {
        query: TaskQuery,
    },
    AddTask(NewTask),
    EditTask {
        id: u64,
        patch: TaskPatch,
    },
    LogTask {
        id: u64,
        text: String,
        percent: Option<u8>,
    },
    CompleteTask {
        id: u64,
    },
    HandOverTask {
        id: u64,
        revision: u64,
    },
    CancelTask {
        id: u64,
        reason: String,
    },
    LoadClassify {
        year: i16,
    },
    SaveAssessment(AssessmentInput),
    SelectExemplars {
        units: Vec<String>,
        year: i16,
        decision: Option<crate::domain::assessment::Decision>,
    },
    SetExemplarStatus {
        unit: String,
        year: i16,
        status: crate::domain::exemplar::ExemplarStatus,
        base_revision: Option<u64>,
    },
    AddUnit(NewUnit),
    EditUnit {
        code: String,
        patch: UnitPatch,
    },
    UndoUnit {
        code: String,
        merged: bool,
    },
    RetireUnit {
        code: String,
        on: jiff::civil::Date,
    },
    MergeUnit {
        code: String,
        into: String,
        on: jiff::civil::Date,
    },
    LoadSample,
    LoadHistory {
        entity: String,
    },
    LoadSummary {
        under: Option<String>,
        period: Period,
    },
    LoadConflicts,
    ResolveConflict {
        entity: String,
        take_incoming: bool,
    },
    /// The current version of a report whose save met a conflict.
    TheirVersion {
        unit: String,
        period: Period,
    },
    LoadGrid {
        period: Period,
        units: Vec<String>,
    },
    SaveGrid {
        inputs: Vec<(usize, ReportInput)>,
    },
}

/// Where an assessment goes next in its workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssessmentMove {
    Submit,
    Approve,
    Return { reason: String },
}

/// What to do after a report form saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Close,
    NextUnit,
    PrevUnit,
}

#[derive(Debug)]
pub enum Event {
    Units(Vec<UnitRow>),
    Indicators(Vec<Indicator>),
    Dashboard(Box<DashboardData>),
    UnitDetail(Box<crate::tui::app::state::UnitDetail>),
    Reports {
        rows: Vec<Report>,
        completeness: Box<Completeness>,
    },
    ReportForm {
        unit: Box<Unit>,
        period: Period,
        report: Option<Box<Report>>,
        previous: Option<Box<Report>>,
        /// With no report yet for a quarter, half or year: its figures made from the months.
        made: Option<Box<crate::service::MadeFigures>>,
        /// Its own figures over the periods before this one, for each field's sparkline.
        trend: Option<Box<crate::service::Trend>>,
    },
    ReportSaved {
        report: Box<Report>,
        then: AfterSave,
    },
    ReportChanged(Box<Report>),
    Tasks(Vec<Task>),
    TaskChanged(Box<Task>),
    Classify {
        rows: Vec<Assessment>,
        cutoffs: Cutoffs,
        exemplars_next: Vec<Exemplar>,
    },
    AssessmentSaved(Box<Assessment>),
    /// Submitted, approved or returned.
    AssessmentMoved(Box<Assessment>),
    ExemplarsSelected {
        year: i16,
        count: usize,
        errors: Vec<String>,
    },
    ExemplarStatusSet(Box<crate::domain::exemplar::Exemplar>),
    UnitSaved(Box<Unit>),
    SampleLoaded,
    History {
        entity: String,
        entries: Vec<crate::domain::audit::AuditEntry>,
    },
    Summary {
        under: Option<String>,
        summary: Box<Summary>,
        /// The unit's totals over the periods up to this one, for the sparklines.
        trend: Option<Box<crate::service::Trend>>,
    },
    Conflicts(Vec<ConflictInfo>),
    ConflictResolved {
        entity: String,
        take_incoming: bool,
    },
    TheirVersion(Box<Report>),
    Grid {
        period: Period,
        units: Vec<String>,
        reports: Vec<Option<Report>>,
    },
    GridSaved {
        saved: Vec<usize>,
        errors: Vec<(usize, Error)>,
    },
    Failed(Error),
}

/// Tasks shown by default: open ones, soonest due first.
pub fn task_query(overdue: bool, filter: TaskFilter) -> TaskQuery {
    TaskQuery {
        overdue,
        statuses: filter.statuses(),
        ..Default::default()
    }
}
