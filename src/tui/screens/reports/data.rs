//! What the reports screen asks of the service, what comes back: the list, the report form,
//! the workflow steps and the grid. `apply.rs` beside it turns the answers into state.

use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::{exact, Unit};
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::service::{
    Actor, Completeness, MadeFigures, ReportInput, ReportQuery, Service, Trend, TrendScope,
    MAX_LIMIT,
};
use crate::tui::app::state::State;

/// A request about reports.
#[derive(Clone, Debug)]
pub enum ReportEffect {
    Load {
        period: Period,
        status: Option<Status>,
        under: Option<String>,
    },
    OpenForm {
        unit: String,
        period: Period,
    },
    /// A code typed by the user: the unit that held it for the period.
    OpenTyped {
        code: String,
        period: Period,
    },
    Save {
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
    Return {
        unit: String,
        period: Period,
        reason: String,
    },
    Withdraw {
        unit: String,
        period: Period,
    },
    Reopen {
        unit: String,
        period: Period,
        reason: String,
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

/// What to do after a report form saves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Close,
    NextUnit,
    PrevUnit,
}

/// Its answer.
#[derive(Debug)]
pub enum ReportEvent {
    List {
        rows: Vec<Report>,
        completeness: Box<Completeness>,
    },
    /// Moved by a step of its workflow.
    Changed(Box<Report>),
    /// The other version, after a save met a conflict.
    TheirVersion(Box<Report>),
    Form {
        unit: Box<Unit>,
        period: Period,
        report: Option<Box<Report>>,
        previous: Option<Box<Report>>,
        /// With no report yet for a quarter, half or year: its figures made from the months.
        made: Option<Box<MadeFigures>>,
        /// Its own figures over the periods before this one, for each field's sparkline.
        trend: Option<Box<Trend>>,
    },
    Saved {
        report: Box<Report>,
        then: AfterSave,
    },
    Grid {
        period: Period,
        units: Vec<String>,
        reports: Vec<Option<Report>>,
    },
    GridSaved {
        saved: Vec<usize>,
        errors: Vec<(usize, Error)>,
    },
}

/// The list again, as the screen's filters ask for it.
pub(crate) fn reports_load(s: &State) -> ReportEffect {
    ReportEffect::Load {
        period: s.reports.period,
        status: s.reports.status,
        under: s.reports.under.clone(),
    }
}

/// One unit's report form, for a period.
pub(crate) fn open_form(unit: String, period: Period) -> ReportEffect {
    ReportEffect::OpenForm { unit, period }
}

pub(crate) fn run(svc: &dyn Service, a: &Actor, e: ReportEffect) -> Result<ReportEvent, Error> {
    let changed = |r: Report| ReportEvent::Changed(Box::new(r));
    Ok(match e {
        ReportEffect::Load {
            period,
            status,
            under,
        } => ReportEvent::List {
            completeness: Box::new(svc.completeness(a, period, under.as_deref())?),
            rows: all_reports(svc, a, period, status, under)?,
        },
        ReportEffect::OpenForm { unit, period } => report_form(svc, a, unit, period)?,
        ReportEffect::OpenTyped { code, period } => {
            let u = svc
                .unit_on(a, &code, period.end())
                .or_else(|_| svc.unit(a, &code))?;
            report_form(svc, a, u.code, period)?
        }
        ReportEffect::Save { input, then } => ReportEvent::Saved {
            report: Box::new(svc.save_report(a, exact_input(input))?),
            then,
        },
        ReportEffect::Submit { unit, period } => {
            changed(svc.submit_report(a, &exact(&unit), period)?)
        }
        ReportEffect::Approve { unit, period } => {
            changed(svc.approve_report(a, &exact(&unit), period)?)
        }
        ReportEffect::Return {
            unit,
            period,
            reason,
        } => changed(svc.return_report(a, &exact(&unit), period, &reason)?),
        ReportEffect::Withdraw { unit, period } => {
            changed(svc.withdraw_report(a, &exact(&unit), period)?)
        }
        ReportEffect::Reopen {
            unit,
            period,
            reason,
        } => changed(svc.reopen_report(a, &exact(&unit), period, &reason)?),
        ReportEffect::TheirVersion { unit, period } => {
            match svc.report(a, &exact(&unit), period)? {
                Some(r) => ReportEvent::TheirVersion(Box::new(r)),
                None => {
                    let key = format!("{unit}/{period}");
                    return Err(Error::not_found(crate::error::Entity::Report, key));
                }
            }
        }
        ReportEffect::LoadGrid { period, units } => {
            let reports = units
                .iter()
                .map(|u| svc.report(a, &exact(u), period))
                .collect::<Result<Vec<_>, _>>()?;
            ReportEvent::Grid {
                period,
                units,
                reports,
            }
        }
        ReportEffect::SaveGrid { inputs } => {
            let mut saved = Vec::new();
            let mut errors = Vec::new();
            for (row, input) in inputs {
                match svc.save_report(a, exact_input(input)) {
                    Ok(_) => saved.push(row),
                    Err(e) => errors.push((row, e)),
                }
            }
            ReportEvent::GridSaved { saved, errors }
        }
    })
}

fn report_form(
    svc: &dyn Service,
    a: &Actor,
    unit: String,
    period: Period,
) -> Result<ReportEvent, Error> {
    let unit = exact(&unit);
    let report = svc.report(a, &unit, period)?.map(Box::new);
    let made = match report {
        None => svc.made_report(a, &unit, period)?.map(Box::new),
        Some(_) => None,
    };
    let u = svc.unit(a, &unit)?;
    let previous = match period.prev() {
        Some(p) => match svc.report(a, &unit, p)? {
            Some(r) => Some(Box::new(r)),
            None => predecessors_then(svc, a, &u, p)?.map(Box::new),
        },
        None => None,
    };
    // The sparklines are a help, not the form: a trend that can't be read leaves them out.
    let trend = match period.prev() {
        Some(p) => svc.trend(a, &unit, p, TrendScope::Own).ok().map(Box::new),
        None => None,
    };
    Ok(ReportEvent::Form {
        unit: Box::new(u),
        period,
        report,
        previous,
        made,
        trend,
    })
}

/// A new unit's previous period is its predecessors': their figures then, added up, as the
/// summary of today's area counts them.
fn predecessors_then(
    svc: &dyn Service,
    a: &Actor,
    u: &Unit,
    p: Period,
) -> Result<Option<Report>, Error> {
    if u.predecessors.is_empty() || u.valid_from.is_none_or(|f| f <= p.end()) {
        return Ok(None);
    }
    let sum = svc.summary(a, p, Some(&exact(&u.code)))?;
    let Some(top) = sum.rows.first().filter(|r| r.submitted > 0 || r.made > 0) else {
        return Ok(None);
    };
    let mut r = Report::new(&u.code, p, "", 0);
    for (code, v) in sum.indicators.iter().zip(&top.totals) {
        r.set_value(code, u32::try_from(*v).ok());
    }
    Ok(Some(r))
}

fn exact_input(input: ReportInput) -> ReportInput {
    ReportInput {
        unit: exact(&input.unit),
        ..input
    }
}

fn all_reports(
    svc: &dyn Service,
    a: &Actor,
    period: Period,
    status: Option<Status>,
    under: Option<String>,
) -> Result<Vec<Report>, Error> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let p = svc.reports(
            a,
            &ReportQuery {
                period: Some(period),
                status,
                under: under.clone(),
                after: None,
                offset,
                limit: MAX_LIMIT,
            },
        )?;
        out.extend(p.items);
        match p.next {
            Some(n) => offset = n,
            None => return Ok(out),
        }
    }
}
