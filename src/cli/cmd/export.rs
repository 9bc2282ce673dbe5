//! `antq export`: every record of one kind to stdout, as CSV or JSON.

use crate::domain::unit::{official_code, Unit};
use crate::exchange::columns::{keys, Table};
use jiff::civil::Date;
use std::collections::HashMap;
use std::io::Write;

use serde_json::{json, Value};

use crate::cli::output::all_pages;
use crate::domain::date::{fmt_iso, fmt_time};
use crate::domain::indicator::Indicator;
use crate::domain::task::TaskStatus;
use crate::error::{Error, Result};
use crate::service::api::*;

use super::export_filter;
pub use super::export_filter::parse_status;
use super::export_write;
pub use super::export_write::{Format, Options};

use clap::ValueEnum;
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportWhat {
    Units,
    /// The lineage links, `from,to,on`, as `antq import lineage` reads them
    Lineage,
    Indicators,
    Reports,
    Assessments,
    Exemplars,
    Tasks,
    Audit,
    /// One figure per row, `unit,period,indicator,value` (DHIS2's data value sets), for pivot
    /// tables and other systems; takes --period, --under and --status
    Values,
    /// A period's fill-in form: every unit still to report, its name, and a column per
    /// indicator (a draft's figures filled in), to complete in a spreadsheet and import back
    Form,
}

type Rows = (Vec<String>, Vec<Vec<Value>>);

fn opt_date(d: Option<jiff::civil::Date>) -> Value {
    d.map(|d| Value::String(fmt_iso(d))).unwrap_or(Value::Null)
}

fn time(t: Option<i64>) -> Value {
    t.map(|t| Value::String(fmt_time(t))).unwrap_or(Value::Null)
}

/// Every unit, ended ones included, in tree order.
fn all_units(svc: &dyn Service, a: &Actor) -> Result<Vec<crate::domain::unit::Unit>> {
    all_pages(|offset, limit| {
        svc.units(
            a,
            &UnitQuery {
                include_retired: true,
                offset,
                limit,
                ..Default::default()
            },
        )
    })
}

fn units(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let all = all_units(svc, a)?;
    let by_id: HashMap<&str, &Unit> = all.iter().map(|u| (u.code.as_str(), u)).collect();
    let mut rows = Vec::new();
    for u in &all {
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
            let today = crate::domain::date::today(jiff::Timestamp::now());
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
    Ok((keys(Table::Units, &[]), rows))
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

fn year_days(y: i16) -> (Date, Date) {
    (
        Date::new(y, 1, 1).unwrap_or(Date::MIN),
        Date::new(y, 12, 31).unwrap_or(Date::MAX),
    )
}

/// Who held each official code when, to write a unit the way an import will read it back,
/// and each unit's names, to write them beside the codes for people.
struct CodeBook {
    holders: HashMap<String, Vec<Held>>,
    units: HashMap<String, Unit>,
}

/// First day, last day and identity of one holder of a code.
type Held = (Option<Date>, Option<Date>, String);

impl CodeBook {
    fn new(svc: &dyn Service, a: &Actor) -> Result<CodeBook> {
        let all = all_units(svc, a)?;
        let mut holders: HashMap<String, Vec<_>> = Default::default();
        for u in &all {
            holders
                .entry(u.official_code().to_string())
                .or_default()
                .push((u.valid_from, u.valid_to, u.code.clone()));
        }
        let units = all.into_iter().map(|u| (u.code.clone(), u)).collect();
        Ok(CodeBook { holders, units })
    }

    /// The unit's name with its kind on `on`, as the office knew it then ("Phường I").
    fn name(&self, id: &str, on: Date) -> Value {
        self.units.get(id).map_or(Value::Null, |u| {
            let v = u.on(on);
            json!(format!("{} {}", v.kind.label_vi(), v.name))
        })
    }

    /// The official code when it names this unit for `from..=to`, else the exact identity.
    fn reference(&self, id: &str, from: Date, to: Date) -> String {
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
fn lineage(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let all = all_units(svc, a)?;
    let mut rows = Vec::new();
    for u in &all {
        for l in &u.successors {
            rows.push(vec![
                json!(u.official_code()),
                json!(official_code(&l.unit)),
                opt_date(l.on),
            ]);
        }
    }
    Ok((keys(Table::Lineage, &[]), rows))
}

fn indicators(cat: &[Indicator]) -> Rows {
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

fn report_row(r: crate::domain::report::Report, cat: &[Indicator], codes: &CodeBook) -> Vec<Value> {
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

fn assessments(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let cut = svc.settings(a)?.cutoffs;
    let codes = CodeBook::new(svc, a)?;
    let rows = svc
        .assessments(a, None, None)?
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
                json!(x.grade(&cut).map(|g| g.label(crate::i18n::Lang::Vi))),
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
    Ok((keys(Table::Assessments, &[]), rows))
}

fn exemplars(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let codes = CodeBook::new(svc, a)?;
    let rows = svc
        .exemplars(a, None)?
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
    Ok((keys(Table::Exemplars, &[]), rows))
}

fn tasks(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let all = all_pages(|offset, limit| {
        svc.tasks(
            a,
            &TaskQuery {
                statuses: TaskStatus::ALL.to_vec(),
                offset,
                limit,
                ..Default::default()
            },
        )
    })?;
    let codes = CodeBook::new(svc, a)?;
    let today = crate::domain::date::today(jiff::Timestamp::now());
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
    Ok((keys(Table::Tasks, &[]), rows))
}

fn audit(svc: &dyn Service, a: &Actor) -> Result<Rows> {
    let mut all = all_pages(|offset, limit| {
        svc.audit(
            a,
            &AuditQuery {
                offset,
                limit,
                entity: None,
            },
        )
    })?;
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
    Ok((keys(Table::Audit, &[]), rows))
}

fn table_of(what: ExportWhat) -> Table {
    match what {
        ExportWhat::Units => Table::Units,
        ExportWhat::Lineage => Table::Lineage,
        ExportWhat::Indicators => Table::Indicators,
        ExportWhat::Reports | ExportWhat::Form => Table::Reports,
        ExportWhat::Values => Table::Values,
        ExportWhat::Assessments => Table::Assessments,
        ExportWhat::Exemplars => Table::Exemplars,
        ExportWhat::Tasks => Table::Tasks,
        ExportWhat::Audit => Table::Audit,
    }
}

fn check_options(what: ExportWhat, opts: &Options) -> Result<()> {
    if !opts.delimiter.is_ascii() || opts.delimiter == '"' || opts.delimiter.is_ascii_alphanumeric()
    {
        return Err(Error::invalid(
            "delimiter",
            format!(
                "'{}' cannot separate fields; use ',', ';' or a tab",
                opts.delimiter
            ),
            format!(
                "'{}' không dùng làm dấu phân cách được; hãy dùng ',', ';' hoặc tab",
                opts.delimiter
            ),
        ));
    }
    use std::io::IsTerminal;
    if matches!(opts.format, Format::Xlsx)
        && opts.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(Error::invalid(
            "format",
            "a workbook is a file, not text for the screen; add -o FILE.xlsx, or redirect: > FILE.xlsx",
            "bảng tính là một tệp, không phải chữ để xem trên màn hình; hãy thêm -o TỆP.xlsx, hoặc chuyển hướng: > TỆP.xlsx",
        ));
    }
    let q = &opts.filter;
    if !matches!(
        what,
        ExportWhat::Reports | ExportWhat::Form | ExportWhat::Values
    ) && (q.period.is_some() || q.status.is_some() || q.under.is_some())
    {
        return Err(Error::invalid(
            "period",
            "--period, --under and --status choose reports; export reports with them, or leave them out",
            "--period, --under và --status dùng để chọn báo cáo; hãy xuất reports với chúng, hoặc bỏ chúng đi",
        ));
    }
    Ok(())
}

/// The reports the filter chooses (all of them without one), a page at a time.
fn chosen_reports<'s>(
    svc: &'s dyn Service,
    a: &'s Actor,
    q: &ReportQuery,
) -> Box<dyn Iterator<Item = Result<crate::domain::report::Report>> + 's> {
    if q.period.is_some() || q.status.is_some() || q.under.is_some() {
        Box::new(export_filter::matching_reports(svc, a, q.clone()))
    } else {
        Box::new(all_reports(svc, a))
    }
}

/// One figure per row, as DHIS2's data value sets and pivot tables want them.
fn value_rows(
    r: crate::domain::report::Report,
    cat: &[Indicator],
    codes: &CodeBook,
) -> Vec<Vec<Value>> {
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

pub fn run(svc: &dyn Service, a: &Actor, what: ExportWhat, opts: &Options) -> Result<()> {
    check_options(what, opts)?;
    let cat = svc.indicators(a)?;
    let codes;
    type RowIter<'r> = Box<dyn Iterator<Item = Result<Vec<Value>>> + 'r>;
    let (headers, rows): (Vec<String>, RowIter) = match what {
        // Reports stream: a national export holds one page at a time.
        ExportWhat::Reports => {
            codes = CodeBook::new(svc, a)?;
            let (cat, codes) = (&cat, &codes);
            let rows = chosen_reports(svc, a, &opts.filter)
                .map(move |r| r.map(|r| report_row(r, cat, codes)));
            (keys(Table::Reports, cat), Box::new(rows))
        }
        ExportWhat::Values => {
            codes = CodeBook::new(svc, a)?;
            let (cat, codes) = (&cat, &codes);
            let rows = chosen_reports(svc, a, &opts.filter).flat_map(move |r| match r {
                Ok(r) => value_rows(r, cat, codes).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            });
            (keys(Table::Values, cat), Box::new(rows))
        }
        ExportWhat::Form => {
            let (h, rows) = export_filter::fill_in_form(svc, a, &opts.filter, &cat)?;
            (h, Box::new(rows.into_iter().map(Ok)))
        }
        other => {
            let (h, rows) = collected(svc, a, other, &cat)?;
            (h, Box::new(rows.into_iter().map(Ok)))
        }
    };
    let office =
        (opts.excel || matches!(opts.format, Format::Xlsx)) && opts.lang == crate::i18n::Lang::Vi;
    let sheet = export_write::Sheet {
        table: table_of(what),
        keys: &headers,
        office,
        cat: &cat,
    };
    let write = |out: &mut dyn Write| export_write::write_rows(out, &sheet, rows, opts);
    match &opts.output {
        Some(path) => crate::cli::output::write_file_with(path, write),
        None => write(&mut std::io::stdout().lock()),
    }
}

fn collected(svc: &dyn Service, a: &Actor, what: ExportWhat, cat: &[Indicator]) -> Result<Rows> {
    Ok(match what {
        ExportWhat::Units => units(svc, a)?,
        ExportWhat::Lineage => lineage(svc, a)?,
        ExportWhat::Indicators => indicators(cat),
        ExportWhat::Reports | ExportWhat::Values => unreachable!("reports stream"),
        ExportWhat::Form => unreachable!("needs the filter"),
        ExportWhat::Assessments => assessments(svc, a)?,
        ExportWhat::Exemplars => exemplars(svc, a)?,
        ExportWhat::Tasks => tasks(svc, a)?,
        ExportWhat::Audit => audit(svc, a)?,
    })
}
