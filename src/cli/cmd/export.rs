//! `antq export`: every record of one kind to stdout or a file, as CSV, JSON or a workbook. The
//! records come through the service; their rows are the exchange's (`exchange/export/`).

use std::io::Write;

use serde_json::Value;

use crate::cli::output::all_pages;
use crate::domain::indicator::Indicator;
use crate::domain::task::TaskStatus;
use crate::domain::unit::Unit;
use crate::error::{Error, Result};
use crate::exchange::columns::{keys, Table};
use crate::exchange::export::rows::*;
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

/// Every unit, ended ones included, in tree order.
fn all_units(svc: &dyn Service, a: &Actor) -> Result<Vec<Unit>> {
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

fn code_book(svc: &dyn Service, a: &Actor) -> Result<CodeBook> {
    Ok(CodeBook::new(all_units(svc, a)?))
}

fn all_tasks(svc: &dyn Service, a: &Actor) -> Result<Vec<crate::domain::task::Task>> {
    all_pages(|offset, limit| {
        svc.tasks(
            a,
            &TaskQuery {
                statuses: TaskStatus::ALL.to_vec(),
                offset,
                limit,
                ..Default::default()
            },
        )
    })
}

fn all_audit(svc: &dyn Service, a: &Actor) -> Result<Vec<crate::domain::audit::AuditEntry>> {
    all_pages(|offset, limit| {
        let q = AuditQuery {
            offset,
            limit,
            entity: None,
        };
        svc.audit(a, &q)
    })
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

pub fn run(svc: &dyn Service, a: &Actor, what: ExportWhat, opts: &Options) -> Result<()> {
    check_options(what, opts)?;
    let cat = svc.indicators(a)?;
    let codes;
    type RowIter<'r> = Box<dyn Iterator<Item = Result<Vec<Value>>> + 'r>;
    let (headers, rows): (Vec<String>, RowIter) = match what {
        // Reports stream: a national export holds one page at a time.
        ExportWhat::Reports => {
            codes = code_book(svc, a)?;
            let (cat, codes) = (&cat, &codes);
            let rows = chosen_reports(svc, a, &opts.filter)
                .map(move |r| r.map(|r| report_row(r, cat, codes)));
            (keys(Table::Reports, cat), Box::new(rows))
        }
        ExportWhat::Values => {
            codes = code_book(svc, a)?;
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
    let sheet = crate::exchange::export::sheet::Sheet {
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
    let today = crate::domain::date::today(jiff::Timestamp::now());
    Ok(match what {
        ExportWhat::Units => unit_rows(&all_units(svc, a)?, today),
        ExportWhat::Lineage => lineage_rows(&all_units(svc, a)?),
        ExportWhat::Indicators => indicator_rows(cat),
        ExportWhat::Reports | ExportWhat::Values => unreachable!("reports stream"),
        ExportWhat::Form => unreachable!("needs the filter"),
        ExportWhat::Assessments => {
            let cut = svc.settings(a)?.cutoffs;
            assessment_rows(svc.assessments(a, None, None)?, &cut, &code_book(svc, a)?)
        }
        ExportWhat::Exemplars => exemplar_rows(svc.exemplars(a, None)?, &code_book(svc, a)?),
        ExportWhat::Tasks => task_rows(all_tasks(svc, a)?, &code_book(svc, a)?, today),
        ExportWhat::Audit => audit_rows(all_audit(svc, a)?),
    })
}
