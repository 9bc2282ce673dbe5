//! `apply(&mut State, Event)`: a service result changes the state and may ask for more loads.

use crate::domain::audit_words::summary_words;
use crate::domain::period::{Period, PeriodKind};
use crate::error::Error;
use crate::tui::app::effects::{Effect, Event};
use crate::tui::app::loads::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::Purpose;
use crate::tui::screens::reports::data::ReportEffect;
use crate::tui::screens::units::data::UnitEffect;

/// "report/31318/2024-03" as "Lịch sử: báo cáo 31318 I · 2024-03".
fn history_title(s: &State, entity: &str) -> String {
    let t = texts(s.lang);
    let mut parts = entity.split('/');
    let kind = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let what = match kind {
        "unit" => t.entity_unit,
        "report" => t.entity_report,
        "assessment" => t.entity_assessment,
        "task" => t.entity_task,
        _ => return format!("{}: {entity}", t.history),
    };
    let named = match rest.first() {
        Some(code) if kind != "task" => {
            let shown = crate::domain::unit::official_code(code);
            let name = s.unit_name(code);
            let tail = match &rest[1..] {
                [] => String::new(),
                more => format!(" · {}", more.join("/")),
            };
            format!("{shown} {name}{tail}")
        }
        _ => format!("#{}", rest.join("/")),
    };
    format!("{}: {what} {}", t.history, named.trim_end())
}

/// Applies a service result: an offline notice first, then each area's events.
pub fn apply(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    if let Event::Failed(Error::Disconnected { .. }) = &ev {
        s.offline = true;
        s.say(Tone::Bad, t.reconnecting);
        return vec![];
    }
    if s.offline {
        s.offline = false;
        s.say(Tone::Good, t.reconnected);
    }
    match ev {
        Event::Units(ev) => crate::tui::screens::units::apply::apply(s, ev),
        Event::SampleLoaded => sample_loaded(s),
        Event::Reports(ev) => crate::tui::screens::reports::apply::apply(s, ev),
        Event::Tasks(ev) => crate::tui::screens::tasks::apply::apply(s, ev),
        Event::Classify(ev) => crate::tui::screens::classify::apply::apply(s, ev),
        ev => apply_other(s, ev),
    }
}

/// The sample loaded: the screens move to its periods.
fn sample_loaded(s: &mut State) -> Vec<Effect> {
    s.say(Tone::Good, texts(s.lang).sample_loaded);
    // The sample's data is from 2024: show its periods, not today's empty ones.
    let p = Period::containing(crate::sample::DAY, PeriodKind::Month);
    let month = p.prev().unwrap_or(p);
    (s.dash.period, s.reports.period) = (month, month);
    s.classify.year = crate::sample::DAY.year() - 1;
    let mut fx = vec![UnitEffect::Load.into(), Effect::LoadIndicators];
    fx.extend(screen_load(s));
    fx
}

/// The dashboard, overlays, failures and the rest.
fn apply_other(s: &mut State, ev: Event) -> Vec<Effect> {
    match ev {
        Event::Indicators(v) => s.indicators = v,
        Event::Dashboard(d) => crate::tui::screens::dashboard::apply::show(s, *d),
        Event::Failed(e) => return failed(s, e),
        Event::Summary {
            under,
            summary,
            trend,
        } => crate::tui::overlays::summary::show_summary(s, under, &summary, trend.as_deref()),
        Event::Conflicts(items) => crate::tui::overlays::conflicts::show_conflicts(s, items),
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
            s.say(Tone::Good, format!("{which}: {entity}"));
            return vec![Effect::LoadConflicts, dashboard_load(s)];
        }
        Event::History { entity, entries } => {
            let lines = entries
                .iter()
                .map(|e| {
                    format!(
                        "{} {}: {} — {}",
                        crate::tui::catalogue::time(s.lang, e.at),
                        e.actor,
                        crate::tui::catalogue::action_words(&e.action, s.lang),
                        summary_words(&e.action, &e.summary, s.lang)
                    )
                })
                .collect();
            s.overlay = Overlay::History {
                title: history_title(s, &entity),
                lines,
                scroll: 0,
            };
        }
        _ => {}
    }
    vec![]
}

/// The error as the screens say it: a unit not found is looked up on the Units screen, not
/// with a command the screens' user may have no shell for.
fn screen_words(e: &Error, lang: crate::i18n::Lang) -> String {
    match e {
        Error::NotFound {
            entity: crate::error::Entity::Unit,
            key,
        } => lang
            .pick(
                &format!("không có đơn vị {key}; tìm mã ở màn hình Đơn vị: 2, rồi / và tên (f: cả đơn vị cũ)"),
                &format!("unit {key}: not found; find codes on the Units screen: 2, then / and a name (f: old units too)"),
            )
            .to_string(),
        _ => e.render(lang),
    }
}

pub(crate) fn failed(s: &mut State, e: Error) -> Vec<Effect> {
    let reload = match (&e, s.form.as_ref().map(|f| &f.purpose)) {
        (Error::Conflict { .. }, Some(Purpose::Report { unit, period, .. })) => {
            vec![ReportEffect::TheirVersion {
                unit: unit.clone(),
                period: *period,
            }
            .into()]
        }
        _ => vec![],
    };
    let msg = screen_words(&e, s.lang);
    if let Some(line) = s.tasks.quick_add.take() {
        s.overlay = Overlay::Prompt {
            kind: PromptKind::QuickAdd,
            text: line,
            cursor: None,
        };
    }
    if let Some(f) = s.form.as_mut() {
        let field = e.field().filter(|k| f.fields.iter().any(|x| x.key == *k));
        let shown = match field {
            Some(_) => e.reason(s.lang),
            None => msg.clone(),
        };
        f.show_error(field, shown);
    }
    // A clash is told on the form, above the two versions; the message row keeps the keys.
    if reload.is_empty() {
        s.say(Tone::Bad, msg);
    } else {
        s.message = None;
    }
    reload
}
