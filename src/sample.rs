//! The Hậu Giang sample, embedded in the binary so it loads from any folder.
//!
//! Loading goes through the service and skips whatever already exists, so loading twice
//! duplicates nothing.

use std::collections::BTreeMap;

/// The day the sample reads as of: just after its March 2024 deadline. The demo lives on it,
/// and screens that load the sample into a store move to its periods.
pub const DAY: jiff::civil::Date = jiff::civil::Date::constant(2024, 4, 10);

use serde::Deserialize;

use crate::domain::assessment::Decision;
use crate::domain::date::parse_date;
use crate::domain::indicator::{Indicator, OverTime};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::report::Report;
use crate::domain::task::{Directive, Priority, TaskStatus};
use crate::domain::unit::UnitKind;
use crate::domain::workflow::{Status, Step};
use crate::error::{Error, Result};
use crate::service::api::*;

pub const INDICATORS_CSV: &str = include_str!("../data/indicators.csv");
pub const UNITS_CSV: &str = include_str!("../data/units.csv");
pub const SAMPLE_JSON: &str = include_str!("../data/sample.json");
/// Hậu Giang's part of the 2025 reform: old units ending, the new communes, and the links.
pub const REFORM_UNITS_CSV: &str = include_str!("../data/reform-units.csv");
pub const REFORM_LINEAGE_CSV: &str = include_str!("../data/reform-lineage.csv");

#[derive(Deserialize)]
struct IndicatorRow {
    code: String,
    label_vi: String,
    label_en: String,
    unit_kinds: String,
    periods: String,
    order: u16,
    over_time: String,
}

#[derive(Deserialize)]
struct Sample {
    moves: Vec<MoveRow>,
    assessments_2023: Vec<(String, u8, String)>,
    assessment_decision: DecisionRow,
    exemplars_2024: Vec<String>,
    exemplar_decision: DecisionRow,
    tasks: Vec<TaskRow>,
    task_source: SourceRow,
    reports: Vec<ReportRow>,
}

/// A unit that stays but changes parent from a day, e.g. a province agency after the merger.
#[derive(Deserialize)]
struct MoveRow {
    unit: String,
    parent: String,
    from: String,
}

#[derive(Deserialize)]
struct DecisionRow {
    number: String,
    date: Option<String>,
    issuer: String,
}

#[derive(Deserialize)]
struct SourceRow {
    number: String,
    date: Option<String>,
    issuer: String,
    summary: String,
}

#[derive(Deserialize)]
struct TaskRow {
    title: String,
    details: String,
    unit: String,
    with: Vec<String>,
    due: String,
    priority: String,
    log: Vec<(String, u8)>,
    #[serde(default)]
    done: bool,
}

#[derive(Deserialize)]
struct ReportRow {
    unit: String,
    period: String,
    status: String,
    submitted: Option<String>,
    reason: Option<String>,
    values: BTreeMap<String, u32>,
}

fn bad(what: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid("sample", format!("{what}: {e}"), format!("{what}: {e}"))
}

/// Expands the kind groups used in `indicators.csv`.
pub fn parse_kinds(s: &str) -> Result<Vec<UnitKind>> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        match w {
            "communes" => out.extend([
                UnitKind::Commune,
                UnitKind::Ward,
                UnitKind::Township,
                UnitKind::SpecialZone,
            ]),
            "participants" => {
                out.extend([UnitKind::Agency, UnitKind::Enterprise, UnitKind::School])
            }
            other => out.push(UnitKind::parse(other)?),
        }
    }
    Ok(out)
}

pub fn indicators() -> Result<Vec<Indicator>> {
    let mut rdr = csv::Reader::from_reader(INDICATORS_CSV.as_bytes());
    let mut out = Vec::new();
    for row in rdr.deserialize::<IndicatorRow>() {
        let r = row.map_err(|e| bad("indicators.csv", e))?;
        let periods = r
            .periods
            .split_whitespace()
            .map(|p| {
                PeriodKind::parse(p)
                    .ok_or_else(|| bad("indicators.csv", format!("period type {p}")))
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(Indicator {
            code: r.code,
            label_vi: r.label_vi,
            label_en: r.label_en,
            unit_kinds: parse_kinds(&r.unit_kinds)?,
            periods,
            order: r.order,
            over_time: OverTime::parse(&r.over_time)
                .ok_or_else(|| bad("indicators.csv", format!("over_time {}", r.over_time)))?,
        });
    }
    Ok(out)
}

fn table(kind: ImportKind, name: &str, text: &str) -> Result<ImportTable> {
    let t = crate::exchange::csv_table::parse(name, text.as_bytes())?;
    Ok(ImportTable {
        kind,
        file: name.to_string(),
        headers: t.headers,
        rows: t.rows,
    })
}

fn decision(d: &DecisionRow) -> Result<Decision> {
    Ok(Decision {
        number: d.number.clone(),
        date: d
            .date
            .as_deref()
            .map(|s| parse_date("date", s))
            .transpose()?,
        issuer: d.issuer.clone(),
    })
}

/// Seconds at 09:00 Vietnam time on a day.
fn at_nine(day: &str, plus_days: i64) -> Result<i64> {
    let d = parse_date("date", day)?
        .checked_add(jiff::Span::new().days(plus_days))
        .map_err(|e| bad("date", e))?;
    let z = d
        .at(9, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(crate::domain::date::vn_offset()))
        .map_err(|e| bad("date", e))?;
    Ok(z.timestamp().as_second())
}

/// Builds a report with a believable history: drafted, submitted on the given day, then
/// approved or returned two days later.
fn build_report(r: &ReportRow) -> Result<Report> {
    let period = Period::parse(&r.period)?;
    let status = Status::parse(&r.status).ok_or_else(|| bad("report status", &r.status))?;
    let created = match &r.submitted {
        Some(s) => at_nine(s, -3)?,
        None => at_nine(&crate::domain::date::fmt_iso(period.end()), 1)?,
    };
    let mut rep = Report::new(&r.unit, period, "mau", created);
    for (k, v) in &r.values {
        rep.set_value(k, Some(*v));
    }
    rep.narrative = "Số liệu mẫu (sample data).".into();
    if let Some(s) = &r.submitted {
        let at = at_nine(s, 0)?;
        rep.first_submitted_at = Some(at);
        rep.history.push(Step {
            status: Status::Submitted,
            by: "mau".into(),
            at,
            note: String::new(),
        });
        rep.updated_at = at;
    }
    if matches!(status, Status::Approved | Status::Returned) {
        let at = at_nine(r.submitted.as_deref().unwrap_or("2024-01-01"), 2)?;
        let note = r.reason.clone().unwrap_or_default();
        rep.history.push(Step {
            status,
            by: "mau-duyet".into(),
            at,
            note: note.clone(),
        });
        rep.return_reason = (status == Status::Returned).then_some(note);
        rep.updated_by = "mau-duyet".into();
        rep.updated_at = at;
    }
    rep.status = status;
    rep.revision = rep.history.len() as u64;
    Ok(rep)
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub indicators: usize,
    pub units: usize,
    pub assessments: usize,
    pub exemplars: usize,
    pub tasks: usize,
    pub reports: usize,
    pub merges: usize,
}

impl Loaded {
    pub fn total(&self) -> usize {
        self.indicators
            + self.units
            + self.assessments
            + self.exemplars
            + self.tasks
            + self.reports
            + self.merges
    }
}

pub fn load(svc: &dyn Service, a: &Actor) -> Result<Loaded> {
    let sample: Sample = serde_json::from_str(SAMPLE_JSON).map_err(|e| bad("sample.json", e))?;
    refuse_other_data(svc, a)?;
    let mut n = Loaded::default();
    let existing: Vec<String> = svc.indicators(a)?.into_iter().map(|i| i.code).collect();
    for ind in indicators()? {
        if !existing.contains(&ind.code) {
            svc.put_indicator(a, ind)?;
            n.indicators += 1;
        }
    }
    if svc.unit(a, "93").is_err() {
        let t = table(ImportKind::Units, "data/units.csv", UNITS_CSV)?;
        n.units += svc.import(a, t, false)?.added_total;
    }
    let before = task_count(svc, a)?;
    load_assessments(svc, a, &sample, &mut n)?;
    load_tasks(svc, a, &sample, &mut n)?;
    // Exemplars bring their own follow-up tasks: count every task the load added.
    n.tasks = task_count(svc, a)? - before;
    if svc.unit(a, "93")?.valid_to.is_none() {
        load_reform(svc, a, &sample, &mut n)?;
    }
    // After the reform: some reports belong to the units it made.
    load_reports(svc, a, &sample, &mut n)?;
    Ok(n)
}

/// The sample goes into an empty store, or one that holds it already (loading it again adds
/// nothing). Into a store of other units (the registry, a province's own) it would mix made-up
/// figures with real ones: refused before anything is written.
fn refuse_other_data(svc: &dyn Service, a: &Actor) -> Result<()> {
    let q = UnitQuery {
        limit: 1,
        ..UnitQuery::default()
    };
    let has_units = !svc.units(a, &q)?.items.is_empty();
    if !has_units || svc.unit(a, "93-SVHTTDL").is_ok() {
        return Ok(());
    }
    Err(Error::Invalid {
        field: "--sample".into(),
        en: "this store already holds other units (the official registry or your own), and the sample's made-up figures would mix with them; nothing was loaded. Try the sample in a store of its own: antq --db /tmp/antq-sample init --sample, or antq --demo".into(),
        vi: "kho này đã có đơn vị khác (danh mục chính thức hoặc dữ liệu của đơn vị), số liệu giả lập của dữ liệu mẫu sẽ lẫn vào; chưa nạp gì. Hãy thử dữ liệu mẫu trong một kho riêng: antq --db /tmp/antq-mau init --sample, hoặc antq --demo".into(),
    })
}

/// Every task in the store, whatever its status.
fn task_count(svc: &dyn Service, a: &Actor) -> Result<usize> {
    let mut q = TaskQuery {
        statuses: crate::domain::task::TaskStatus::ALL.to_vec(),
        limit: crate::service::MAX_LIMIT,
        ..Default::default()
    };
    let mut n = 0;
    loop {
        let page = svc.tasks(a, &q)?;
        n += page.items.len();
        match page.next {
            Some(next) => q.offset = next,
            None => return Ok(n),
        }
    }
}

/// Applies the reform the way an administrator would: move what stays, end the old units
/// and add the new ones in one file, then link them in another.
fn load_reform(svc: &dyn Service, a: &Actor, s: &Sample, n: &mut Loaded) -> Result<()> {
    for m in &s.moves {
        let patch = UnitPatch {
            from: Some(parse_date("from", &m.from)?),
            parent: Some(Some(m.parent.clone())),
            ..Default::default()
        };
        svc.edit_unit(a, &m.unit, patch)?;
    }
    let t = table(ImportKind::Units, "data/reform-units.csv", REFORM_UNITS_CSV)?;
    n.units += svc.import(a, t, false)?.added_total;
    let t = table(
        ImportKind::Lineage,
        "data/reform-lineage.csv",
        REFORM_LINEAGE_CSV,
    )?;
    svc.import(a, t, false)?;
    n.merges += REFORM_LINEAGE_CSV.lines().count().saturating_sub(1);
    Ok(())
}

fn load_reports(svc: &dyn Service, a: &Actor, s: &Sample, n: &mut Loaded) -> Result<()> {
    let mut bulk = Bulk::default();
    for r in &s.reports {
        let rep = build_report(r)?;
        if svc
            .report(a, &crate::domain::unit::exact(&rep.unit), rep.period)?
            .is_none()
        {
            bulk.reports.push(rep);
        }
    }
    n.reports = bulk.reports.len();
    if !bulk.reports.is_empty() {
        svc.bulk_load(a, bulk)?;
    }
    Ok(())
}

fn load_assessments(svc: &dyn Service, a: &Actor, s: &Sample, n: &mut Loaded) -> Result<()> {
    // Approved long ago by the districts: recorded as a file of results (an import), not
    // approved by whoever loads the sample, which four eyes would refuse.
    let d = decision(&s.assessment_decision)?;
    let headers = [
        "unit",
        "year",
        "safety",
        "score",
        "status",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "notes",
    ];
    let mut rows = crate::exchange::table_rows::Rows::default();
    for (unit, score, safety) in &s.assessments_2023 {
        if svc.assessment(a, unit, 2023)?.is_some() {
            continue;
        }
        let line = rows.len() as u64 + 2;
        let date = d.date.map(crate::domain::date::fmt_iso).unwrap_or_default();
        let cells = [
            unit.as_str(),
            "2023",
            safety.as_str(),
            &score.to_string(),
            "approved",
            &d.number,
            &date,
            &d.issuer,
            "Điểm mẫu (sample values).",
        ]
        .map(str::to_string);
        rows.push(line, cells);
        n.assessments += 1;
    }
    if !rows.is_empty() {
        let table = ImportTable {
            kind: ImportKind::Assessments,
            file: "sample".into(),
            headers: headers.map(str::to_string).to_vec(),
            rows,
        };
        svc.import(a, table, false)?;
    }
    let d = decision(&s.exemplar_decision)?;
    let chosen: Vec<String> = svc
        .exemplars(a, Some(2024))?
        .into_iter()
        .map(|e| e.unit)
        .collect();
    for unit in &s.exemplars_2024 {
        if !chosen.contains(unit) {
            svc.select_exemplar(a, unit, 2024, Some(d.clone()))?;
            n.exemplars += 1;
        }
    }
    Ok(())
}

fn load_tasks(svc: &dyn Service, a: &Actor, s: &Sample, n: &mut Loaded) -> Result<()> {
    let src = Directive {
        number: s.task_source.number.clone(),
        date: s
            .task_source
            .date
            .as_deref()
            .map(|d| parse_date("date", d))
            .transpose()?,
        issuer: s.task_source.issuer.clone(),
        summary: s.task_source.summary.clone(),
    };
    let q = TaskQuery {
        statuses: TaskStatus::ALL.to_vec(),
        limit: MAX_LIMIT,
        ..Default::default()
    };
    let existing: Vec<(String, String)> = svc
        .tasks(a, &q)?
        .items
        .into_iter()
        .map(|t| (t.title, t.lead_unit))
        .collect();
    for t in &s.tasks {
        if existing.contains(&(t.title.clone(), t.unit.clone())) {
            continue;
        }
        let task = svc.add_task(
            a,
            NewTask {
                title: t.title.clone(),
                details: t.details.clone(),
                source: Some(src.clone()),
                lead_unit: t.unit.clone(),
                coordinating: t.with.clone(),
                due: parse_date("due", &t.due)?,
                priority: Priority::parse(&t.priority).unwrap_or(Priority::Normal),
            },
        )?;
        for (text, pct) in &t.log {
            svc.log_task(a, task.id, text, Some(*pct))?;
        }
        if t.done {
            svc.complete_task(a, task.id)?;
        }
        n.tasks += 1;
    }
    Ok(())
}
