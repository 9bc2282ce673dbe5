//! Running an effect: the one place the TUI calls the service. Each effect becomes one event
//! for `apply`.

use crate::domain::assessment::{Assessment, Grade};
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::exact;
use crate::domain::unit::Unit;
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::service::*;
use crate::tui::app::dashboard_data::{completeness_trend, new_tasks_for};
use crate::tui::app::state::{DashboardData, UnitRow};

use crate::tui::app::effects::{AssessmentMove, Effect, Event};

/// Loads the whole unit tree in pre-order with depths, for lists and pickers.
fn units(svc: &dyn Service, a: &Actor) -> Result<Vec<UnitRow>, Error> {
    let mut all: Vec<Unit> = Vec::new();
    let mut offset = 0;
    loop {
        let p = svc.units(
            a,
            &UnitQuery {
                include_retired: true,
                offset,
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )?;
        all.extend(p.items);
        match p.next {
            Some(n) => offset = n,
            None => break,
        }
    }
    let mut depth: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let parents: std::collections::HashSet<String> =
        all.iter().filter_map(|u| u.parent.clone()).collect();
    Ok(all
        .into_iter()
        .map(|u| {
            let d = u
                .parent
                .as_ref()
                .and_then(|p| depth.get(p))
                .map_or(0, |d| d + 1);
            depth.insert(u.code.clone(), d);
            UnitRow {
                // The kind word too, as people say it: "/phuong tan" finds Phường Tân An.
                folded: crate::domain::text::fold(&format!(
                    "{} {} {}",
                    u.kind.label(crate::i18n::Lang::En),
                    u.kind.label(crate::i18n::Lang::Vi),
                    u.name
                )),
                has_children: parents.contains(&u.code),
                retired: u.valid_to.is_some(),
                valid_from: u.valid_from,
                valid_to: u.valid_to,
                depth: d,
                code: u.code,
                name: u.name,
                kind: u.kind,
                parent: u.parent,
            }
        })
        .collect())
}

fn dashboard(
    svc: &dyn Service,
    a: &Actor,
    (period, earlier): (Period, bool),
    year: i16,
    today: jiff::civil::Date,
) -> Result<DashboardData, Error> {
    let completeness = svc.completeness(a, period, None)?;
    let completeness_trend = completeness_trend(svc, a, (period, earlier), &completeness)?;
    let awaiting = svc
        .reports(
            a,
            // The period's index keeps this fast at national scale.
            &ReportQuery {
                period: Some(period),
                status: Some(Status::Submitted),
                limit: 200,
                ..Default::default()
            },
        )?
        .items;
    let overdue = svc
        .tasks(
            a,
            &TaskQuery {
                overdue: true,
                limit: 200,
                ..Default::default()
            },
        )?
        .items;
    let week = today
        .checked_add(jiff::Span::new().days(8))
        .unwrap_or(today);
    let due_week = svc
        .tasks(
            a,
            &TaskQuery {
                due_before: Some(week),
                limit: 200,
                ..Default::default()
            },
        )?
        .items
        .into_iter()
        .filter(|t| t.due >= today)
        .collect();
    // An operator's inbox: what the level above sent back, whatever the period.
    let account = svc.whoami(a)?;
    let returned = if account.role == crate::domain::account::Role::Operator {
        let q = ReportQuery {
            status: Some(Status::Returned),
            limit: 200,
            ..Default::default()
        };
        svc.reports(a, &q)?.items
    } else {
        Vec::new()
    };
    let new_tasks = new_tasks_for(svc, a, &account)?;
    // Only admins may list conflicts; nobody else is asked (the server would log a refusal
    // at every dashboard).
    let conflicts = if account.role == crate::domain::account::Role::Admin {
        svc.conflicts(a).map_or(0, |c| c.len())
    } else {
        0
    };
    let cutoffs = svc.settings(a)?.cutoffs;
    let mut grade_counts = [0; 4];
    // Results are the approved grades: a submitted one may still change.
    for x in svc.assessments(a, Some(year - 1), None)? {
        if x.status != Status::Approved {
            continue;
        }
        if let Some(g) = x.grade(&cutoffs) {
            grade_counts[Grade::ALL.iter().position(|v| *v == g).unwrap_or(0)] += 1;
        }
    }
    let exemplars = svc.exemplars(a, Some(year))?;
    Ok(DashboardData {
        completeness: Some(completeness),
        awaiting,
        returned,
        account: Some(account),
        overdue,
        due_week,
        new_tasks,
        grade_counts,
        exemplars,
        completeness_trend,
        trend_of: Some(period),
        conflicts,
    })
}

fn unit_detail(
    svc: &dyn Service,
    a: &Actor,
    code: &str,
) -> Result<crate::tui::app::state::UnitDetail, Error> {
    let id = code;
    let code = &exact(code);
    let unit = svc.unit(a, code)?;
    // Ancestors only: the unit itself heads the pane.
    let mut path: Vec<String> = svc
        .unit_path(a, code)?
        .into_iter()
        .map(|u| u.name)
        .collect();
    path.pop();
    // A new unit's classification history is its predecessors' before it.
    let formed_from: Vec<&str> = unit.predecessors.iter().map(|l| l.unit.as_str()).collect();
    let mut assessments: Vec<Assessment> = svc
        .assessments(a, None, Some(code))?
        .into_iter()
        .filter(|x| x.unit == id || formed_from.contains(&x.unit.as_str()))
        .collect();
    assessments.sort_by_key(|x| std::cmp::Reverse(x.year));
    let open_tasks = svc
        .tasks(
            a,
            &TaskQuery {
                under: Some(code.into()),
                limit: 5,
                ..Default::default()
            },
        )?
        .items;
    let mut recent_reports: Vec<Report> = svc
        .reports(
            a,
            &ReportQuery {
                under: Some(code.into()),
                limit: MAX_LIMIT,
                ..Default::default()
            },
        )?
        .items
        .into_iter()
        .filter(|r| r.unit == id)
        .collect();
    recent_reports.sort_by_key(|r| std::cmp::Reverse(r.period));
    recent_reports.truncate(5);
    Ok(crate::tui::app::state::UnitDetail {
        unit: Some(unit),
        path,
        assessments,
        open_tasks,
        recent_reports,
    })
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

fn select_exemplars(
    svc: &dyn Service,
    a: &Actor,
    units: &[String],
    year: i16,
    d: Option<crate::domain::assessment::Decision>,
    lang: crate::i18n::Lang,
) -> Event {
    let mut count = 0;
    let mut errors = Vec::new();
    for u in units {
        match svc.select_exemplar(a, u, year, d.clone()) {
            Ok(_) => count += 1,
            Err(e) => errors.push(e.render(lang)),
        }
    }
    Event::ExemplarsSelected {
        year,
        count,
        errors,
    }
}

/// Runs one effect against the service.
pub fn run(svc: &dyn Service, a: &Actor, lang: crate::i18n::Lang, e: Effect) -> Event {
    let r = match e {
        e @ (Effect::LoadReports { .. }
        | Effect::OpenReportForm { .. }
        | Effect::SaveReport { .. }
        | Effect::Submit { .. }
        | Effect::Approve { .. }
        | Effect::ReturnReport { .. }
        | Effect::Withdraw { .. }
        | Effect::ReopenReport { .. }
        | Effect::TheirVersion { .. }
        | Effect::LoadGrid { .. }
        | Effect::SaveGrid { .. }) => run_reports(svc, a, e),
        e @ (Effect::LoadTasks { .. }
        | Effect::AddTask(..)
        | Effect::EditTask { .. }
        | Effect::LogTask { .. }
        | Effect::CompleteTask { .. }
        | Effect::HandOverTask { .. }
        | Effect::CancelTask { .. }) => run_tasks(svc, a, e),
        e @ (Effect::LoadClassify { .. }
        | Effect::MoveAssessment { .. }
        | Effect::SaveAssessment(..)
        | Effect::SelectExemplars { .. }
        | Effect::SetExemplarStatus { .. }) => run_classify(svc, a, lang, e),
        e @ (Effect::LoadUnits
        | Effect::LoadUnitDetail { .. }
        | Effect::AddUnit(..)
        | Effect::EditUnit { .. }
        | Effect::UndoUnit { .. }
        | Effect::RetireUnit { .. }
        | Effect::MergeUnit { .. }) => run_units(svc, a, e),
        e => run_other(svc, a, e),
    };
    r.unwrap_or_else(Event::Failed)
}

/// Reports: the list, the form, the workflow and the grid.
fn run_reports(svc: &dyn Service, a: &Actor, e: Effect) -> Result<Event, Error> {
    Ok(match e {
        Effect::LoadReports {
            period,
            status,
            under,
        } => Event::Reports {
            completeness: Box::new(svc.completeness(a, period, under.as_deref())?),
            rows: all_reports(svc, a, period, status, under)?,
        },
        Effect::OpenReportForm { unit, period } => report_form(svc, a, unit, period)?,
        Effect::SaveReport { input, then } => Event::ReportSaved {
            report: Box::new(svc.save_report(a, exact_input(input))?),
            then,
        },
        Effect::Submit { unit, period } => {
            Event::ReportChanged(Box::new(svc.submit_report(a, &exact(&unit), period)?))
        }
        Effect::Approve { unit, period } => {
            Event::ReportChanged(Box::new(svc.approve_report(a, &exact(&unit), period)?))
        }
        Effect::ReturnReport {
            unit,
            period,
            reason,
        } => Event::ReportChanged(Box::new(svc.return_report(
            a,
            &exact(&unit),
            period,
            &reason,
        )?)),
        Effect::Withdraw { unit, period } => {
            Event::ReportChanged(Box::new(svc.withdraw_report(a, &exact(&unit), period)?))
        }
        Effect::ReopenReport {
            unit,
            period,
            reason,
        } => Event::ReportChanged(Box::new(svc.reopen_report(
            a,
            &exact(&unit),
            period,
            &reason,
        )?)),
        Effect::TheirVersion { unit, period } => match svc.report(a, &exact(&unit), period)? {
            Some(r) => Event::TheirVersion(Box::new(r)),
            None => Event::Failed(Error::not_found(
                crate::error::Entity::Report,
                format!("{unit}/{period}"),
            )),
        },
        Effect::LoadGrid { period, units } => {
            let reports = units
                .iter()
                .map(|u| svc.report(a, &exact(u), period))
                .collect::<Result<Vec<_>, _>>()?;
            Event::Grid {
                period,
                units,
                reports,
            }
        }
        Effect::SaveGrid { inputs } => {
            let mut saved = Vec::new();
            let mut errors = Vec::new();
            for (row, input) in inputs {
                match svc.save_report(a, exact_input(input)) {
                    Ok(_) => saved.push(row),
                    Err(e) => errors.push((row, e)),
                }
            }
            Event::GridSaved { saved, errors }
        }
        _ => return Err(misrouted()),
    })
}

/// Follow-up tasks.
fn run_tasks(svc: &dyn Service, a: &Actor, e: Effect) -> Result<Event, Error> {
    Ok(match e {
        Effect::LoadTasks { query } => {
            let mut out = Vec::new();
            let mut q = query;
            q.limit = MAX_LIMIT;
            loop {
                let p = svc.tasks(a, &q)?;
                out.extend(p.items);
                match p.next {
                    Some(n) => q.offset = n,
                    None => break,
                }
            }
            Event::Tasks(out)
        }
        Effect::AddTask(t) => Event::TaskChanged(Box::new(svc.add_task(a, t)?)),
        Effect::EditTask { id, patch } => {
            Event::TaskChanged(Box::new(svc.edit_task(a, id, patch)?))
        }
        Effect::LogTask { id, text, percent } => {
            Event::TaskChanged(Box::new(svc.log_task(a, id, &text, percent)?))
        }
        Effect::CompleteTask { id } => Event::TaskChanged(Box::new(svc.complete_task(a, id)?)),
        Effect::HandOverTask { id, revision } => {
            Event::TaskChanged(Box::new(svc.hand_over_task(a, id, Some(revision))?))
        }
        Effect::CancelTask { id, reason } => {
            Event::TaskChanged(Box::new(svc.cancel_task(a, id, &reason)?))
        }
        _ => return Err(misrouted()),
    })
}

/// Assessments and exemplars.
fn run_classify(
    svc: &dyn Service,
    a: &Actor,
    lang: crate::i18n::Lang,
    e: Effect,
) -> Result<Event, Error> {
    Ok(match e {
        Effect::LoadClassify { year } => Event::Classify {
            rows: svc.assessments(a, Some(year), None)?,
            cutoffs: svc.settings(a)?.cutoffs,
            exemplars_next: svc.exemplars(a, Some(year + 1))?,
        },
        Effect::MoveAssessment { unit, year, to } => {
            let unit = exact(&unit);
            let x = match to {
                AssessmentMove::Submit => svc.submit_assessment(a, &unit, year)?,
                AssessmentMove::Approve => svc.approve_assessment(a, &unit, year)?,
                AssessmentMove::Return { reason } => {
                    svc.return_assessment(a, &unit, year, &reason)?
                }
            };
            Event::AssessmentMoved(Box::new(x))
        }
        Effect::SaveAssessment(i) => Event::AssessmentSaved(Box::new(svc.save_assessment(
            a,
            AssessmentInput {
                unit: exact(&i.unit),
                ..i
            },
        )?)),
        Effect::SelectExemplars {
            units,
            year,
            decision,
        } => select_exemplars(svc, a, &units, year, decision, lang),
        Effect::SetExemplarStatus {
            unit,
            year,
            status,
            base_revision,
        } => Event::ExemplarStatusSet(Box::new(svc.set_exemplar_status(
            a,
            &exact(&unit),
            year,
            status,
            base_revision,
        )?)),
        _ => return Err(misrouted()),
    })
}

/// The unit tree and its changes.
fn run_units(svc: &dyn Service, a: &Actor, e: Effect) -> Result<Event, Error> {
    Ok(match e {
        Effect::LoadUnits => Event::Units(units(svc, a)?),
        Effect::LoadUnitDetail { code } => Event::UnitDetail(Box::new(unit_detail(svc, a, &code)?)),
        Effect::AddUnit(n) => Event::UnitSaved(Box::new(svc.add_unit(a, n)?)),
        Effect::EditUnit { code, patch } => {
            Event::UnitSaved(Box::new(svc.edit_unit(a, &exact(&code), patch)?))
        }
        Effect::UndoUnit { code, merged } => {
            let code = exact(&code);
            Event::UnitSaved(Box::new(if merged {
                svc.unmerge_unit(a, &code)?
            } else {
                svc.unretire_unit(a, &code)?
            }))
        }
        Effect::RetireUnit { code, on } => {
            Event::UnitSaved(Box::new(svc.retire_unit(a, &exact(&code), on)?))
        }
        Effect::MergeUnit { code, into, on } => {
            Event::UnitSaved(Box::new(svc.merge_units(a, &[exact(&code)], &into, on)?))
        }
        _ => return Err(misrouted()),
    })
}

/// The dashboard, summaries, history, conflicts and the sample.
fn run_other(svc: &dyn Service, a: &Actor, e: Effect) -> Result<Event, Error> {
    Ok(match e {
        Effect::LoadIndicators => Event::Indicators(svc.indicators(a)?),
        Effect::LoadDashboard {
            period,
            year,
            today,
            earlier,
        } => Event::Dashboard(Box::new(dashboard(svc, a, (period, earlier), year, today)?)),
        Effect::OpenTypedReport { code, period } => {
            let u = svc
                .unit_on(a, &code, period.end())
                .or_else(|_| svc.unit(a, &code))?;
            report_form(svc, a, u.code, period)?
        }
        Effect::LoadHistory { entity } => {
            let q = AuditQuery {
                entity: Some(entity.clone()),
                offset: 0,
                limit: 200,
            };
            Event::History {
                entries: svc.audit(a, &q)?.items,
                entity,
            }
        }
        Effect::LoadSummary { under, period } => {
            let unit = under.as_deref().map(exact);
            let summary = Box::new(svc.summary(a, period, unit.as_deref())?);
            // A help beside the totals: a trend that can't be read leaves it out.
            let trend = unit
                .and_then(|u| svc.trend(a, &u, period, TrendScope::Area).ok())
                .map(Box::new);
            Event::Summary {
                summary,
                under,
                trend,
            }
        }
        Effect::LoadConflicts => Event::Conflicts(svc.conflicts(a)?),
        Effect::ResolveConflict {
            entity,
            take_incoming,
        } => {
            svc.resolve_conflict(a, &entity, take_incoming)?;
            Event::ConflictResolved {
                entity,
                take_incoming,
            }
        }
        Effect::LoadSample => {
            crate::sample::load(svc, a)?;
            Event::SampleLoaded
        }
        _ => return Err(misrouted()),
    })
}

/// An effect sent to the wrong group: cannot happen, and is said plainly if it ever does.
fn misrouted() -> Error {
    Error::Server {
        detail: "an effect reached the wrong part of the screens; please report this".into(),
    }
}

fn report_form(svc: &dyn Service, a: &Actor, unit: String, period: Period) -> Result<Event, Error> {
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
    Ok(Event::ReportForm {
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
