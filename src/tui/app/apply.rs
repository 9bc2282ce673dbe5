//! `apply(&mut State, Event)`: a service result changes the state and may ask for more loads.

use crate::domain::audit_words::summary_words;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::report::Report;
use crate::domain::workflow::Status;
use crate::error::Error;
use crate::tui::app::effects::{task_query, Effect, Event};
use crate::tui::app::loads::*;
use crate::tui::app::selection::*;
use crate::tui::app::state::*;
use crate::tui::catalogue::texts;
use crate::tui::forms::form::{FieldKind, Purpose};
use crate::tui::forms::grid::open_grid;
use crate::tui::forms::report_form::open_report_form;

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
        ev @ (Event::Units(..)
        | Event::UnitDetail(..)
        | Event::UnitSaved(..)
        | Event::SampleLoaded) => apply_units(s, ev),
        ev @ (Event::Reports { .. } | Event::ReportChanged(..) | Event::TheirVersion(..)) => {
            apply_reports(s, ev)
        }
        ev @ (Event::ReportForm { .. }
        | Event::ReportSaved { .. }
        | Event::Grid { .. }
        | Event::GridSaved { .. }) => apply_report_entry(s, ev),
        ev @ (Event::Tasks(..) | Event::TaskChanged(..)) => apply_tasks(s, ev),
        ev @ (Event::Classify { .. }
        | Event::AssessmentMoved(..)
        | Event::AssessmentSaved(..)
        | Event::ExemplarsSelected { .. }
        | Event::ExemplarStatusSet(..)) => apply_classify(s, ev),
        ev => apply_other(s, ev),
    }
}

/// The unit tree, a unit's detail and the sample loaded.
fn apply_units(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        Event::Units(rows) => {
            s.empty_store = rows.is_empty();
            let keep = s.unit_view.select_next.take().or_else(|| selected_unit(s));
            // Open the top levels so the tree shows something useful at once.
            for u in rows.iter().filter(|u| u.depth == 0 && !u.retired) {
                s.unit_view.expanded.insert(u.code.clone());
            }
            s.set_units(rows);
            if let Some(code) = keep {
                reveal_unit(s, &code);
                let codes: Vec<String> = s
                    .visible_units()
                    .iter()
                    .map(|&i| s.units[i].code.clone())
                    .collect();
                follow(&mut s.unit_view.cursor, codes.into_iter(), code);
            }
            refit(s);
            if s.screen == Screen::Units {
                return screen_load(s);
            }
        }
        Event::UnitDetail(d) => s.unit_view.detail = *d,
        Event::UnitSaved(u) => {
            let code = crate::domain::unit::official_code(&u.code).to_string();
            s.say(Tone::Good, format!("{}: {code} {}", t.saved, u.name));
            s.form = None;
            // The cursor lands on the unit once the tree is loaded again.
            s.unit_view.select_next = Some(u.code.clone());
            return vec![Effect::LoadUnits, Effect::LoadUnitDetail { code: u.code }];
        }
        Event::SampleLoaded => {
            s.say(Tone::Good, t.sample_loaded);
            // The sample's data is from 2024: show its periods, not today's empty ones.
            let p = Period::containing(crate::sample::DAY, PeriodKind::Month);
            let month = p.prev().unwrap_or(p);
            (s.dash.period, s.reports.period) = (month, month);
            s.classify.year = crate::sample::DAY.year() - 1;
            let mut fx = vec![Effect::LoadUnits, Effect::LoadIndicators];
            fx.extend(screen_load(s));
            return fx;
        }
        _ => {}
    }
    vec![]
}

/// The report list, and a report moved by a step of its workflow or changed by someone else.
fn apply_reports(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        Event::Reports { rows, completeness } => {
            let list = Some((s.reports.period, s.reports.status, s.reports.under.clone()));
            let keep = selected_report_unit(s).filter(|_| s.reports.shown == list);
            s.reports.shown = list;
            s.reports.rows = rows;
            let c = *completeness;
            s.reports.deadline = Some((c.deadline, crate::domain::date::after_day(c.deadline)));
            s.reports.not_sent = c.missing.into_iter().collect();
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
            if let Some(unit) = keep {
                let units = report_row_units(s);
                follow(&mut s.reports.cursor, units.into_iter(), unit);
            }
            refit(s);
        }
        Event::ReportChanged(r) => {
            s.say(
                Tone::Good,
                format!(
                    "{} {} · {}: {}",
                    t.saved,
                    s.unit_label(&r.unit),
                    r.period,
                    r.status.label(s.lang)
                ),
            );
            let was_open = s.form.take().is_some();
            let decided = matches!(r.status, Status::Approved | Status::Returned);
            if decided && was_open && s.form_origin == Some(Screen::Dashboard) {
                return next_waiting_from_dashboard(s, &r);
            }
            if decided && !was_open {
                move_to_next_waiting(s, &r);
            }
            return vec![reports_load(s)];
        }
        Event::TheirVersion(r) => their_version(s, *r),
        _ => {}
    }
    vec![]
}

/// The report form and the grid, opened and saved.
fn apply_report_entry(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        Event::ReportForm {
            unit,
            period,
            report,
            previous,
            made,
            trend,
        } => {
            let loaded = (report.as_deref(), previous.as_deref());
            open_report_form(s, &unit, period, loaded, made.as_deref(), trend.as_deref());
            // A resumed draft or a palette `report` opens over Reports: if its list was never
            // loaded for what it shows, load it behind the form.
            let list = Some((s.reports.period, s.reports.status, s.reports.under.clone()));
            if s.reports.shown != list {
                return vec![reports_load(s)];
            }
        }
        Event::ReportSaved { report, then } => {
            let done = format!(
                "{}: {} · {}",
                t.saved,
                s.unit_label(&report.unit),
                report.period
            );
            s.say(Tone::Good, done.clone());
            s.form = None;
            let mut fx = vec![reports_load(s)];
            fx.extend(step_to_unit(s, &report.unit, report.period, then, &done));
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
            let done = format!("{} {}", t.saved, reports_count(s.lang, saved.len()));
            if errors.is_empty() {
                s.say(Tone::Good, done);
            } else {
                let failed = reports_count(s.lang, errors.len());
                s.say(Tone::Bad, format!("{done}; {} {failed}", t.save_failed));
            }
        }
        _ => {}
    }
    vec![]
}

/// The task list and a changed task.
fn apply_tasks(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        Event::Tasks(rows) => {
            if let Some(d) = &s.tasks.detail {
                s.tasks.detail = rows
                    .iter()
                    .find(|x| x.id == d.id)
                    .cloned()
                    .or(s.tasks.detail.take());
            }
            let keep = s.tasks.select_next.take().or_else(|| {
                s.visible_tasks()
                    .get(s.tasks.cursor.selected)
                    .map(|&i| s.tasks.rows[i].id)
            });
            s.tasks.rows = rows;
            if let Some(id) = keep {
                let ids: Vec<u64> = s
                    .visible_tasks()
                    .iter()
                    .map(|&i| s.tasks.rows[i].id)
                    .collect();
                follow(&mut s.tasks.cursor, ids.into_iter(), id);
            }
            refit(s);
        }
        Event::TaskChanged(task) => {
            s.tasks.quick_add = None;
            s.tasks.select_next = Some(task.id);
            s.say(
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
        _ => {}
    }
    vec![]
}

/// Classification: assessments and exemplars.
fn apply_classify(s: &mut State, ev: Event) -> Vec<Effect> {
    let t = texts(s.lang);
    match ev {
        Event::Classify {
            rows,
            cutoffs,
            exemplars_next,
        } => {
            let keep = selected_assessment(s)
                .map(|x| x.unit.clone())
                .filter(|_| s.classify.shown == Some(s.classify.year));
            s.classify.shown = Some(s.classify.year);
            s.classify.rows = rows;
            if let Some(unit) = keep {
                let units: Vec<String> = s
                    .visible_assessments()
                    .iter()
                    .map(|&i| s.classify.rows[i].unit.clone())
                    .collect();
                follow(&mut s.classify.cursor, units.into_iter(), unit);
            }
            // Placeholder cut-offs are said once, in words, where the grades are shown.
            if cutoffs.sample && s.message.is_none() {
                let c = &cutoffs;
                let note = format!(
                    "{} {}/{}/{} ({})",
                    t.sample_cutoffs, c.excellent, c.good, c.average, t.sample_cutoffs_fix
                );
                s.say(Tone::Info, note);
            }
            s.classify.cutoffs = cutoffs;
            s.classify.exemplars_next = exemplars_next;
            refit(s);
        }
        Event::AssessmentMoved(x) => {
            let status = x.status.label(s.lang);
            let shown = format!("{status}: {} · {}", s.unit_label(&x.unit), x.year);
            s.say(Tone::Good, shown);
            s.form = None;
            return vec![Effect::LoadClassify {
                year: s.classify.year,
            }];
        }
        Event::AssessmentSaved(x) => {
            let shown = format!("{}: {} · {}", t.saved, s.unit_label(&x.unit), x.year);
            s.say(Tone::Good, shown);
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
                s.say(
                    Tone::Good,
                    format!("{}: {} {year} ({count})", t.saved, t.exemplars_of),
                );
            } else {
                let chosen = format!("{}: {count}", t.exemplars_chosen);
                s.say(Tone::Bad, format!("{chosen}; {}", errors.join("; ")));
            }
            return vec![Effect::LoadClassify {
                year: s.classify.year,
            }];
        }
        Event::ExemplarStatusSet(x) => {
            s.form = None;
            let text = format!(
                "{}: {} {} · {} · {}",
                t.saved,
                t.exemplars_of,
                x.year,
                s.unit_label(&x.unit),
                x.status.label(s.lang)
            );
            s.say(Tone::Good, text);
            return vec![Effect::LoadClassify {
                year: s.classify.year,
            }];
        }
        _ => {}
    }
    vec![]
}

/// The dashboard, overlays, failures and the rest.
fn apply_other(s: &mut State, ev: Event) -> Vec<Effect> {
    match ev {
        Event::Indicators(v) => s.indicators = v,
        Event::Dashboard(d) => {
            // The dashboard brings the user's account: its role decides what footers offer.
            if let Some(acc) = &d.account {
                s.role = Some(acc.role);
                s.account_unit = acc.unit.clone();
            }
            let mut d = *d;
            // A refresh of the same period brings only this period's share: keep the earlier.
            let old = &s.dash.data;
            if d.completeness_trend.len() == 1 && old.trend_of == d.trend_of {
                if let Some((_, earlier)) = old.completeness_trend.split_last() {
                    d.completeness_trend = [earlier, &d.completeness_trend[..]].concat();
                }
            }
            s.dash.data = d;
            refit(s);
        }
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

/// After a conflict the form keeps the operator's values, shows the other version beside each
/// field, and takes its revision: Ctrl-S then saves the operator's values over it on purpose.
pub(crate) fn their_version(s: &mut State, r: crate::domain::report::Report) {
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
        fd.theirs = Some((r.updated_by.clone(), theirs));
    }
    let said = f.error.clone().unwrap_or_default();
    f.error = Some(format!(
        "{}. {}",
        said.trim_end_matches('.'),
        t.conflict_hint
    ));
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
            vec![Effect::TheirVersion {
                unit: unit.clone(),
                period: *period,
            }]
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

/// "2 báo cáo", "1 report", "2 reports".
fn reports_count(lang: crate::i18n::Lang, n: usize) -> String {
    match (lang, n) {
        (crate::i18n::Lang::Vi, n) => format!("{n} báo cáo"),
        (crate::i18n::Lang::En, 1) => "1 report".to_string(),
        (crate::i18n::Lang::En, n) => format!("{n} reports"),
    }
}

/// Approving 30 reports is 30 × `v y`: the Reports cursor moves on to the next one waiting.
fn move_to_next_waiting(s: &mut State, done: &Report) {
    let vis = s.visible_reports();
    let at = s.reports.cursor.selected;
    let next = vis.iter().enumerate().skip(at + 1).find(|(_, &i)| {
        s.reports.rows.get(i).is_some_and(|r| {
            r.status == Status::Submitted && !(r.unit == done.unit && r.period == done.period)
        })
    });
    if let Some((pos, _)) = next {
        s.reports.cursor.selected = pos;
    }
}

/// From the dashboard, a decided report opens the next one waiting; after the last, the
/// dashboard again.
fn next_waiting_from_dashboard(s: &mut State, done: &Report) -> Vec<Effect> {
    let list = &s.dash.data.awaiting;
    let same = |r: &Report| r.unit == done.unit && r.period == done.period;
    let at = list.iter().position(same).map_or(0, |i| i + 1);
    let next = list
        .iter()
        .skip(at)
        .chain(list.iter().take(at))
        .find(|r| !same(r) && r.status == Status::Submitted)
        .map(|r| (r.unit.clone(), r.period));
    s.dash.data.awaiting.retain(|r| !same(r));
    let mut fx = vec![dashboard_load(s)];
    match next {
        Some((unit, period)) => fx.push(Effect::OpenReportForm { unit, period }),
        None => {
            s.form_origin = None;
            s.screen = Screen::Dashboard;
        }
    }
    fx
}
