//! Parts of the dashboard read besides the period's own figures: the completeness trend and an
//! operator's new tasks.

use crate::domain::period::Period;
use crate::domain::task::Task;
use crate::error::Error;
use crate::service::*;

/// The dashboard's completeness over the last periods of the same length, this one last; only
/// this one unless `earlier` (the screen keeps the earlier ones it has).
pub(crate) fn completeness_trend(
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
pub(crate) fn new_tasks_for(
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
