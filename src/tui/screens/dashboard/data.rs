//! What the dashboard reads: the period's completeness and its trend, the reports waiting, the
//! overdue and coming tasks, an operator's returned reports and new tasks, and the grades.

use crate::domain::assessment::Grade;
use crate::domain::period::Period;
use crate::domain::task::Task;
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::service::*;
use crate::tui::app::state::DashboardData;

/// Everything the dashboard shows for a period, as the acting user may see it.
pub(crate) fn load(
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
        names: Default::default(),
    })
}

/// Units the dashboard shows first, at most a screenful of each list.
const FIRST_NAMES: usize = 40;

/// The names of the units the dashboard shows first, for the first screen, which is drawn
/// before the unit list has loaded. A unit that cannot be read keeps its code.
pub(crate) fn first_names(
    svc: &dyn Service,
    a: &Actor,
    d: &DashboardData,
) -> std::collections::HashMap<String, String> {
    let missing = d.completeness.iter().flat_map(|c| c.missing.iter());
    let reports = d.awaiting.iter().chain(&d.returned).map(|r| &r.unit);
    let exemplars = d.exemplars.iter().map(|e| &e.unit);
    let mut names = std::collections::HashMap::new();
    for code in missing
        .take(FIRST_NAMES)
        .chain(reports.take(FIRST_NAMES))
        .chain(exemplars.take(FIRST_NAMES))
    {
        if names.contains_key(code) {
            continue;
        }
        // By identity: a code may have been another unit's before.
        if let Ok(u) = svc.unit(a, &crate::domain::unit::exact(code)) {
            names.insert(code.clone(), u.name);
        }
    }
    names
}

/// The dashboard's completeness over the last periods of the same length, this one last; only
/// this one unless `earlier` (the screen keeps the earlier ones it has).
fn completeness_trend(
    svc: &dyn Service,
    a: &Actor,
    (period, earlier): (Period, bool),
    now: &Completeness,
) -> Result<Vec<Option<u64>>, Error> {
    let share =
        |c: &Completeness| (c.expected > 0).then(|| (c.submitted as u64 * 100) / c.expected as u64);
    let mut out = vec![share(now)];
    let mut p = period;
    while earlier && out.len() < TREND_PERIODS {
        let Some(prev) = p.prev() else { break };
        out.push(share(&svc.completeness(a, prev, None)?));
        p = prev;
    }
    out.reverse();
    Ok(out)
}

/// An operator's new tasks: open, led by (or shared with) their unit, given by someone else,
/// and not yet logged on by them.
fn new_tasks_for(
    svc: &dyn Service,
    a: &Actor,
    account: &crate::domain::account::Account,
) -> Result<Vec<Task>, Error> {
    let Some(unit) = account
        .unit
        .as_deref()
        .filter(|_| account.role == crate::domain::account::Role::Operator)
    else {
        return Ok(Vec::new());
    };
    // The account's unit exactly: an older holder of the same code is another unit.
    let ours = |u: &str| u == unit;
    let q = TaskQuery {
        limit: 200,
        ..Default::default()
    };
    Ok(svc
        .tasks(a, &q)?
        .items
        .into_iter()
        .filter(|t| ours(&t.lead_unit) || t.coordinating.iter().any(|c| ours(c)))
        .filter(|t| t.created_by != account.name && t.log.iter().all(|l| l.by != account.name))
        .collect())
}
