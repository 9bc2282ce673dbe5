//! Running an effect: the one place the TUI calls the service. Each effect becomes one event
//! for `apply`.

use crate::domain::unit::exact;
use crate::error::Error;
use crate::service::*;

use crate::tui::app::effects::{Effect, Event};
use crate::tui::screens::dashboard::data::load;
use crate::tui::screens::{classify, reports, tasks, units};

/// Runs one effect against the service.
pub fn run(svc: &dyn Service, a: &Actor, lang: crate::i18n::Lang, e: Effect) -> Event {
    let r = match e {
        Effect::Reports(e) => reports::data::run(svc, a, e).map(Event::Reports),
        Effect::Tasks(e) => tasks::data::run(svc, a, e).map(Event::Tasks),
        Effect::Classify(e) => classify::data::run(svc, a, lang, e).map(Event::Classify),
        Effect::Units(e) => units::data::run(svc, a, e).map(Event::Units),
        e => run_other(svc, a, e),
    };
    r.unwrap_or_else(Event::Failed)
}

/// The dashboard, summaries, history, conflicts and the sample: the requests of no one screen.
fn run_other(svc: &dyn Service, a: &Actor, e: Effect) -> Result<Event, Error> {
    Ok(match e {
        // Routed to their screens by `run`.
        Effect::Reports(_) | Effect::Tasks(_) | Effect::Classify(_) | Effect::Units(_) => {
            return Err(misrouted());
        }
        Effect::LoadIndicators => Event::Indicators(svc.indicators(a)?),
        Effect::LoadDashboard {
            period,
            year,
            today,
            earlier,
            names,
        } => {
            let mut d = load(svc, a, (period, earlier), year, today)?;
            if names {
                d.names = crate::tui::screens::dashboard::data::first_names(svc, a, &d);
            }
            Event::Dashboard(Box::new(d))
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
    })
}

/// An effect sent to the wrong group: cannot happen, and is said plainly if it ever does.
fn misrouted() -> Error {
    Error::Server {
        detail: "an effect reached the wrong part of the screens; please report this".into(),
    }
}
