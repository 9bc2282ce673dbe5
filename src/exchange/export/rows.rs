//! An export's rows, made from the records: which code names a unit for a period, the unit's
//! name beside it, and every kind's cells in the order `columns.rs` gives. No I/O: the CLI
//! reads the records through the service and writes what this returns.

use std::collections::HashMap;

use jiff::civil::Date;
use serde_json::{json, Value};

use crate::domain::assessment::{Assessment, Cutoffs};
use crate::domain::audit::AuditEntry;
use crate::domain::date::{fmt_iso, fmt_time};
use crate::domain::exemplar::Exemplar;
use crate::domain::indicator::Indicator;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::{official_code, Unit};
use crate::exchange::columns::{keys, Table};

/// Column keys and rows.
pub type Rows = (Vec<String>, Vec<Vec<Value>>);

fn opt_date(d: Option<jiff::civil::Date>) -> Value {
    d.map(|d| Value::String(fmt_iso(d))).unwrap_or(Value::Null)
}

fn time(t: Option<i64>) -> Value {
    t.map(|t| Value::String(fmt_time(t))).unwrap_or(Value::Null)
}

/// One row per unit version: the first values, then one row for each change with its day.
pub fn unit_rows(all: &[Unit], today: Date) -> Rows {
    let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.code.as_str(), u)).collect();
    let mut rows = Vec::new();
    for u in all {
        // The first values, then one row for each change with the day it took effect.
        let mut start = u.valid_from;
        let versions = u
            .history
            .iter()
            .map(|v| (v.until, v.name.as_str(), v.kind, v.parent.as_deref()))
            .chain(std::iter::once((
                Date::MAX,
                u.name.as_str(),
                u.kind,
                u.parent.as_deref(),
            )));
        for (i, (until, name, kind, parent)) in versions.enumerate() {
            let first = i == 0;
            // The ancestors as they stood on this version's last day (or today's, if current).
            let on = until.min(u.valid_to.unwrap_or(today).max(start.unwrap_or(today)));
            rows.push(vec![
                json!(u.official_code()),
                json!(name),
                json!(kind.code()),
                json!(parent.map(official_code)),
                if first {
                    opt_date(u.valid_from)
                } else {
                    json!(null)
                },
                if first {
                    opt_date(u.valid_to)
                } else {
                    json!(null)
                },
                if first { json!(null) } else { opt_date(start) },
                if first { json!(u.notes) } else { json!(null) },
                json!(path(&by_id, u, parent, on)),
                json!(kind.level() as u8 + 1),
            ]);
            start = until.tomorrow().ok();
        }
    }
    (keys(Table::Units, &[]), rows)
}

/// The official codes from the top of the tree down to the unit, as they stood on `on`.
fn path(by_id: &HashMap<&str, &Unit>, u: &Unit, parent: Option<&str>, on: Date) -> String {
    let mut codes = vec![u.official_code()];
    let mut up = parent;
    // Bounded: a tree never runs deeper than its units.
    while let Some(p) = up
        .and_then(|p| by_id.get(p))
        .filter(|_| codes.len() <= by_id.len())
    {
        codes.push(p.official_code());
        up = p.on(on).parent;
    }
    codes.reverse();
    codes.join("/")
}

/// A year's first and last day.
fn year_days(y: i16) -> (Date, Date) {
    (
        Date::new(y, 1, 1).unwrap_or(Date::MIN),
        Date::new(y, 12, 31).unwrap_or(Date::MAX),
    )
}

/// Who held each official code when, to write a unit the way an import will read it back,
/// and each unit's names, to write them beside the codes for people.
/// Hashed with foldhash: an export looks up every row's unit twice, and std's SipHash made that
/// a fifth of a national export.
pub struct CodeBook {
    holders: foldhash::HashMap<String, Vec<Held>>,
    units: foldhash::HashMap<String, Unit>,
}

/// First day, last day and identity of one holder of a code.
type Held = (Option<Date>, Option<Date>, String);

impl CodeBook {
    /// From every unit, ended ones included.
    pub fn new(all: Vec<Unit>) -> CodeBook {
        let mut holders: foldhash::HashMap<String, Vec<_>> = Default::default();
        for u in &all {
            holders
                .entry(u.official_code().to_string())
                .or_default()
                .push((u.valid_from, u.valid_to, u.code.clone()));
        }
        let units = all.into_iter().map(|u| (u.code.clone(), u)).collect();
        CodeBook { holders, units }
    }

    /// The unit's name with its kind on `on`, as the office knew it then ("Phường I").
    pub fn name(&self, id: &str, on: Date) -> Value {
        self.units.get(id).map_or(Value::Null, |u| {
            let v = u.on(on);
            json!(format!("{} {}", v.kind.label_vi(), v.name))
        })
    }

    /// The official code when it names this unit for `from..=to`, else the exact identity.
    pub fn reference(&self, id: &str, from: Date, to: Date) -> String {
        let code = official_code(id);
        let holders = self
            .holders
            .get(code)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let covers = |h: &&Held| h.0.is_none_or(|f| f <= to) && h.1.is_none_or(|t| to <= t);
        let overlaps = |h: &&Held| h.0.is_none_or(|f| f <= to) && h.1.is_none_or(|t| from <= t);
        let holder = holders
            .iter()
            .find(covers)
            .or_else(|| holders.iter().rev().find(overlaps));
        match holder {
            Some(h) if h.2 == id => code.to_string(),
            None if holders.len() <= 1 => code.to_string(),
            _ => crate::domain::unit::exact(id),
        }
    }
}

/// One row per link, as `antq import lineage` reads them: codes as of their own days.
pub fn lineage_rows(all: &[Unit]) -> Rows {
    let mut rows = Vec::new();
    for u in all {
        for l in &u.successors {
            rows.push(vec![
                json!(u.official_code()),
                json!(official_code(&l.unit)),
                opt_date(l.on),
            ]);
        }
    }
    (keys(Table::Lineage, &[]), rows)
}

pub fn indicator_rows(cat: &[Indicator]) -> Rows {
    let rows = cat
        .iter()
        .map(|i| {
            vec![
                json!(i.code),
                json!(i.label_vi),
                json!(i.label_en),
                json!(i
                    .unit_kinds
                    .iter()
                    .map(|k| k.code())
                    .collect::<Vec<_>>()
                    .join(" ")),
                json!(i
                    .periods
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(" ")),
                json!(i.order),
                json!(i.over_time.code()),
            ]
        })
        .collect();
    (keys(Table::Indicators, &[]), rows)
}

/// One report: its unit, period, workflow, figures and words.
pub fn report_row(r: Report, cat: &[Indicator], codes: &CodeBook) -> Vec<Value> {
    let mut row = vec![
        json!(codes.reference(&r.unit, r.period.start(), r.period.end())),
        codes.name(&r.unit, r.period.end()),
        json!(r.period.to_string()),
        json!(r.status.code()),
        time(r.first_submitted_at),
        json!(r.updated_by),
        time(Some(r.updated_at)),
        json!(r.revision),
    ];
    row.extend(cat.iter().map(|i| json!(r.value(&i.code))));
    row.push(json!(r.return_reason));
    row.push(json!(r.narrative));
    // Approved once, then reopened and changed: not the figures first approved.
    let reopened = crate::domain::workflow::reopened(&r.history);
    row.push(if reopened { json!("yes") } else { Value::Null });
    row
}

/// One figure per row, as DHIS2's data value sets and pivot tables want them.
pub fn value_rows(r: Report, cat: &[Indicator], codes: &CodeBook) -> Vec<Vec<Value>> {
    let unit = json!(codes.reference(&r.unit, r.period.start(), r.period.end()));
    let name = codes.name(&r.unit, r.period.end());
    cat.iter()
        .filter_map(|i| {
            let v = r.value(&i.code)?;
            Some(vec![
                unit.clone(),
                json!(r.period.to_string()),
                json!(i.code),
                json!(v),
                name.clone(),
            ])
        })
        .collect()
}

pub fn assessment_rows(all: Vec<Assessment>, cut: &Cutoffs, codes: &CodeBook) -> Rows {
    let rows = all
        .into_iter()
        .map(|x| {
            let d = x.decision.clone();
            let (from, to) = year_days(x.year);
            vec![
                json!(codes.reference(&x.unit, from, to)),
                codes.name(&x.unit, to),
                json!(x.year),
                json!(x.safety.code()),
                json!(x.score),
                json!(x.grade(cut).map(|g| g.label(crate::i18n::Lang::Vi))),
                json!(x.grade_override.is_some()),
                json!(x.override_reason),
                json!(x.status.code()),
                json!(d.as_ref().map(|d| d.number.clone())),
                opt_date(d.as_ref().and_then(|d| d.date)),
                json!(d.as_ref().map(|d| d.issuer.clone())),
                json!(x.notes),
            ]
        })
        .collect();
    (keys(Table::Assessments, &[]), rows)
}

pub fn exemplar_rows(all: Vec<Exemplar>, codes: &CodeBook) -> Rows {
    let rows = all
        .into_iter()
        .map(|e| {
            let (from, to) = year_days(e.year);
            vec![
                json!(e.year),
                json!(codes.reference(&e.unit, from, to)),
                codes.name(&e.unit, to),
                json!(e.basis_year()),
                json!(e.status.code()),
                json!(e.decision.as_ref().map(|d| d.number.clone())),
                opt_date(e.decision.as_ref().and_then(|d| d.date)),
                json!(e.decision.as_ref().map(|d| d.issuer.clone())),
            ]
        })
        .collect();
    (keys(Table::Exemplars, &[]), rows)
}

/// One row per task, units named by today's codes.
pub fn task_rows(all: Vec<Task>, codes: &CodeBook, today: Date) -> Rows {
    let now = |id: &String| codes.reference(id, today, today);
    let rows = all
        .into_iter()
        .map(|t| {
            let s = t.source.clone().unwrap_or_default();
            vec![
                json!(t.id),
                json!(t.title),
                json!(now(&t.lead_unit)),
                json!(t.coordinating.iter().map(now).collect::<Vec<_>>().join(" ")),
                json!(fmt_iso(t.due)),
                json!(t.priority.label(crate::i18n::Lang::En)),
                json!(t.status.code()),
                json!(t.percent()),
                json!(s.number),
                opt_date(s.date),
                json!(s.issuer),
                json!(s.summary),
                json!(crate::domain::task::format_log(&t.log)),
                json!(t.details),
            ]
        })
        .collect();
    (keys(Table::Tasks, &[]), rows)
}

/// The audit trail, oldest first.
pub fn audit_rows(mut all: Vec<AuditEntry>) -> Rows {
    all.reverse();
    let rows = all
        .into_iter()
        .map(|e| {
            vec![
                json!(e.seq),
                time(Some(e.at)),
                json!(e.actor),
                json!(e.action),
                json!(e.entity),
                json!(e.summary),
            ]
        })
        .collect();
    (keys(Table::Audit, &[]), rows)
}
