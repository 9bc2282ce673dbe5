//! The roll-up summary overlay: opening it for the selection, showing it, and its keys.

use crate::domain::period::Period;
use crate::domain::unit::official_code;
use crate::service::Summary;
use crate::tui::app::effects::Effect;
use crate::tui::app::selection::selected_unit;
use crate::tui::app::state::{Overlay, Screen, State, Tone};
use crate::tui::catalogue::texts;
use crate::tui::keymap::Action;
use crate::tui::view::spark::sparkline;

/// The summary for the selected unit (units screen) or the reports screen's subtree.
pub fn open_summary(s: &mut State, period: Option<Period>) -> Vec<Effect> {
    let under = match s.screen {
        Screen::Units => selected_unit(s),
        _ => s.reports.under.clone(),
    };
    let period = period.unwrap_or_else(|| lived_through(s, under.as_deref(), s.reports.period));
    vec![Effect::LoadSummary { under, period }]
}

/// One unit's line of the summary (its counts, what it absorbed, how its figures were made),
/// and a line for each part it gave to another unit.
fn row_lines(s: &State, r: &crate::service::SummaryRow) -> Vec<String> {
    let t = texts(s.lang);
    let mut lines = Vec::new();
    let indent = "  ".repeat(r.depth as usize);
    let head: String = format!("{indent}{} {}", official_code(&r.code), r.name)
        .chars()
        .take(44)
        .collect();
    let pad = 45usize.saturating_sub(head.chars().count());
    let mut l = format!("{head}{}{:>4}/{}", " ".repeat(pad), r.submitted, r.expected);
    if !r.absorbed.is_empty() {
        let merged: Vec<&str> = r.absorbed.iter().map(|c| official_code(c)).collect();
        l.push_str(&format!("  (+{})", merged.join(" ")));
    }
    let made = r.source.describe(s.lang);
    if !made.is_empty() {
        l.push_str(&format!("  * {made}"));
    }
    if r.differs {
        l.push_str(&format!("  ≠ {}", t.summary_differs));
    }
    lines.push(l);
    for p in &r.parts {
        lines.push(format!(
            "{indent}  ({} {} {})",
            t.summary_part_of,
            official_code(&p.unit),
            p.name
        ));
    }
    lines
}

/// The screen's period, or for a unit that ended before it, its last period.
fn lived_through(s: &State, under: Option<&str>, p: Period) -> Period {
    let Some(u) = under.and_then(|c| s.unit(c)) else {
        return p;
    };
    match (u.valid_from, u.valid_to) {
        (_, Some(to)) if to < p.end() => {
            // The last period whose last day it saw.
            let q = Period::containing(to, p.kind);
            if q.end() > to {
                q.prev().unwrap_or(q)
            } else {
                q
            }
        }
        // A unit made later is summarised as today's area, as it was then: the service
        // says so, or that it has no history then.
        _ => p,
    }
}

pub fn show_summary(
    s: &mut State,
    under: Option<String>,
    sum: &Summary,
    trend: Option<&crate::service::Trend>,
) {
    let t = texts(s.lang);
    let Some(top) = sum.rows.first() else {
        s.overlay = Overlay::None;
        let code = under.unwrap_or_default();
        let msg = match s.lang {
            crate::i18n::Lang::Vi => format!("{code} không tồn tại trong kỳ {}", sum.period),
            crate::i18n::Lang::En => format!("{code} did not exist during {}", sum.period),
        };
        s.say(Tone::Bad, msg);
        return;
    };
    // The whole store may have several top units: add them up under one heading.
    let whole;
    let (top, title) = if under.is_none() {
        whole = whole_store(sum);
        (
            &whole,
            format!("{} {} · {}", t.summary_title, sum.period, t.summary_whole),
        )
    } else {
        let title = format!(
            "{} {} · {} {}",
            t.summary_title,
            sum.period,
            official_code(&top.code),
            top.name
        );
        (top, title)
    };
    let mut lines = Vec::new();
    lines.extend(sum.area_heading(s.lang));
    lines.extend([
        format!(
            "{} {}/{} · {} {}",
            t.summary_sent, top.submitted, top.expected, t.on_time, top.on_time
        ),
        format!(
            "{} {}",
            t.summary_units_on,
            crate::domain::date::fmt_date(sum.period.end())
        ),
    ]);
    lines.push(String::new());
    lines.push(match trend {
        Some(tr) => format!(
            "{} · {} {}",
            t.summary_totals,
            t.trend_since,
            tr.periods
                .first()
                .map(|p| p.to_string())
                .unwrap_or_default()
        ),
        None => t.summary_totals.to_string(),
    });
    for (i, code) in sum.indicators.iter().enumerate() {
        let label = s
            .indicators
            .iter()
            .find(|x| &x.code == code)
            .map_or(code.as_str(), |x| x.label(s.lang));
        // Each total beside its last periods', when the summary is of one unit.
        let spark = match trend {
            Some(t) => {
                let line = t.of(code).map(sparkline).unwrap_or_default();
                format!("{line:<width$}  ", width = crate::service::TREND_PERIODS)
            }
            None => String::new(),
        };
        lines.push(format!("  {:>8}  {spark}{label}", top.totals[i]));
    }
    if let Some(note) = made_note(s.lang, top) {
        lines.push(note);
    }
    // Under a unit, its own row is the heading; for the whole store every row is listed.
    let below = usize::from(under.is_some());
    if sum.rows.len() > below {
        lines.push(String::new());
        lines.push(t.summary_below.to_string());
    }
    for r in sum.rows.iter().skip(below) {
        lines.extend(row_lines(s, r));
    }
    if sum.rows.iter().any(|r| !r.absorbed.is_empty()) {
        lines.push(String::new());
        lines.push(format!("+ {}", t.summary_absorbed));
    }
    if sum.rows.iter().any(|r| !r.parts.is_empty()) {
        lines.push(t.summary_parts.to_string());
    }
    s.overlay = Overlay::Summary {
        under,
        period: sum.period,
        title,
        lines,
        scroll: 0,
    };
}

/// Says how many units' figures were made from shorter periods, and how many are partial.
fn made_note(lang: crate::i18n::Lang, top: &crate::service::SummaryRow) -> Option<String> {
    (top.made > 0).then(|| {
        lang.pick(
            &format!(
                "  * {} đơn vị: số liệu tính từ các kỳ ngắn hơn ({} thiếu kỳ)",
                top.made, top.partial
            ),
            &format!(
                "  * {} unit(s): figures made from shorter periods ({} partial)",
                top.made, top.partial
            ),
        )
        .to_string()
    })
}

/// The top-level rows added together.
fn whole_store(sum: &Summary) -> crate::service::SummaryRow {
    let mut all = crate::service::SummaryRow::empty(sum.indicators.len());
    for r in sum.rows.iter().filter(|r| r.depth == 0) {
        all.made += r.made;
        all.partial += r.partial;
        all.expected += r.expected;
        all.submitted += r.submitted;
        all.on_time += r.on_time;
        all.reopened += r.reopened;
        for (a, x) in all.totals.iter_mut().zip(&r.totals) {
            *a += x;
        }
    }
    all
}

pub fn key(s: &mut State, a: Action) -> Vec<Effect> {
    let shown = crate::tui::overlays::help::page(s);
    let Overlay::Summary {
        under,
        period,
        scroll,
        lines,
        ..
    } = &mut s.overlay
    else {
        return vec![];
    };
    match a {
        Action::Back => s.overlay = Overlay::None,
        Action::Down => {
            *scroll = (*scroll + 1).min(lines.len().saturating_sub(shown));
        }
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown | Action::PageUp => {
            let last = lines.len().saturating_sub(shown);
            *scroll = if a == Action::PageDown {
                (*scroll + shown).min(last)
            } else {
                scroll.saturating_sub(shown)
            };
        }
        Action::Left | Action::Right => {
            let next = if a == Action::Left {
                period.prev()
            } else {
                period.next()
            };
            if let Some(p) = next {
                return vec![Effect::LoadSummary {
                    under: under.clone(),
                    period: p,
                }];
            }
        }
        _ => {}
    }
    vec![]
}
