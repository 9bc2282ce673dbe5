//! Writing an export's rows as CSV, JSON or a workbook, to standard output or a file. What
//! each cell holds is the exchange's (`exchange/export/sheet.rs`).

use std::io::Write;

use serde_json::Value;

use clap::ValueEnum;

use crate::cli::output::{csv_error, write_error};
use crate::error::Result;
use crate::exchange::export::sheet::{csv_cell, Sheet, CODE_COLUMNS, DATE_COLUMNS};
use crate::service::api::ReportQuery;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    /// An Excel workbook: header frozen, codes as text, dates as date cells
    Xlsx,
}

impl Format {
    /// The format a file's name asks for: a workbook for .xlsx, JSON for .json, else CSV.
    /// An export to `report.xlsx` is then a workbook Excel opens, not CSV under that name.
    pub fn of_file(path: Option<&std::path::Path>) -> Format {
        let ext = path
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Format::Xlsx,
            Some("json") => Format::Json,
            _ => Format::Csv,
        }
    }
}

pub struct Options {
    pub format: Format,
    pub excel: bool,
    pub delimiter: char,
    pub output: Option<std::path::PathBuf>,
    /// Reports only: one period, one subtree, one status.
    pub filter: ReportQuery,
    /// Office files (`--excel`, .xlsx) speak it: Vietnamese headers and names.
    pub lang: crate::i18n::Lang,
}

pub fn write_rows(
    out: &mut dyn Write,
    sheet: &Sheet,
    rows: impl Iterator<Item = Result<Vec<Value>>>,
    opts: &Options,
) -> Result<()> {
    let headers = sheet.keys;
    let rows = rows.map(|r| r.map(|r| sheet.spoken(r)));
    let target = opts
        .output
        .as_ref()
        .map_or("standard output".to_string(), |p| p.display().to_string());
    let io = |e: std::io::Error| write_error(&target, e);
    match opts.format {
        Format::Xlsx => {
            let cols = crate::exchange::xlsx::Columns {
                dates: DATE_COLUMNS,
                codes: CODE_COLUMNS,
            };
            let bytes = crate::exchange::xlsx::write(headers, &sheet.titles(), rows, &cols)?;
            out.write_all(&bytes).map_err(io)?;
        }
        Format::Json => {
            let objs = rows
                .map(|r| r.map(|r| Value::Object(headers.iter().cloned().zip(r).collect())))
                .collect::<Result<Vec<Value>>>()?;
            serde_json::to_writer_pretty(&mut *out, &objs)
                .map_err(|e| write_error(&target, std::io::Error::from(e)))?;
            writeln!(out).map_err(io)?;
        }
        Format::Csv => {
            if opts.excel {
                out.write_all("\u{feff}".as_bytes()).map_err(io)?;
            }
            let mut w = csv::WriterBuilder::new()
                .delimiter(opts.delimiter as u8)
                .from_writer(&mut *out);
            let csv_err = |e: csv::Error| csv_error(&target, e);
            w.write_record(sheet.titles()).map_err(csv_err)?;
            for r in rows {
                let cells: Vec<String> = r?
                    .into_iter()
                    .zip(headers)
                    .map(|(v, h)| csv_cell(h, v, opts.excel))
                    .collect();
                w.write_record(&cells).map_err(csv_err)?;
            }
            w.flush().map_err(io)?;
        }
    }
    out.flush().map_err(io)
}
