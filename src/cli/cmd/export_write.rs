//! Writing an export's rows as CSV, JSON or a workbook; and what a spreadsheet should see in
//! one: Vietnamese headers, names, dates, and codes kept as text.

use std::io::Write;

use serde_json::Value;

use clap::ValueEnum;

use crate::cli::output::{csv_error, write_error};
use crate::domain::indicator::Indicator;
use crate::error::Result;
use crate::exchange::columns::{office_header, office_value, Table};
use crate::exchange::csv_table::guard_formula;
use crate::service::api::ReportQuery;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    /// An Excel workbook: header frozen, codes as text, dates as date cells
    Xlsx,
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

/// What is written: which table, its column keys, and whether for an office in Vietnamese.
pub struct Sheet<'a> {
    pub table: Table,
    pub keys: &'a [String],
    pub office: bool,
    pub cat: &'a [Indicator],
}

impl Sheet<'_> {
    /// The header row: Vietnamese headers in an office file, the keys otherwise.
    fn titles(&self) -> Vec<String> {
        self.keys
            .iter()
            .map(|k| {
                if self.office {
                    office_header(self.table, k, self.cat)
                } else {
                    k.clone()
                }
            })
            .collect()
    }

    /// A row's cells in the office's words, for an office file.
    fn spoken(&self, row: Vec<Value>) -> Vec<Value> {
        if !self.office {
            return row;
        }
        row.into_iter()
            .zip(self.keys)
            .map(|(v, k)| match v {
                // One figure per row names its indicator as offices do; import reads both.
                Value::String(code) if self.table == Table::Values && k == "indicator" => {
                    let label = self.cat.iter().find(|i| i.code == code);
                    Value::String(label.map_or(code, |i| i.label_vi.clone()))
                }
                Value::String(s) => Value::String(office_value(self.table, k, &s)),
                Value::Bool(b) => Value::String(office_value(self.table, k, &b.to_string())),
                other => other,
            })
            .collect()
    }
}

/// Columns holding dates, written DD/MM/YYYY for Excel.
pub const DATE_COLUMNS: &[&str] = &[
    "valid_from",
    "valid_to",
    "merged_on",
    "decision_date",
    "due",
    "source_date",
];
/// Columns holding codes, kept as text: Excel would drop leading zeros (00004 → 4) and
/// read 2024-03 as a date.
pub const CODE_COLUMNS: &[&str] = &[
    "code",
    "unit",
    "parent",
    "successor",
    "lead_unit",
    "period",
    "path",
    "indicator",
];

/// A cell as Excel should see it: Vietnamese dates, codes protected as text.
pub fn excel_cell(header: &str, cell: String) -> String {
    if DATE_COLUMNS.contains(&header) {
        if let Ok(d) = crate::domain::date::parse_date(header, &cell) {
            return crate::domain::date::fmt_date(d);
        }
    }
    // Every code, not only risky ones: a column of text sorts and filters as one kind.
    if CODE_COLUMNS.contains(&header) && !cell.is_empty() && !cell.contains('"') {
        return format!("=\"{cell}\"");
    }
    cell
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
                    .map(|(v, h)| {
                        let cell = match v {
                            Value::Null => String::new(),
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        if opts.excel && CODE_COLUMNS.contains(&h.as_str()) {
                            excel_cell(h, cell)
                        } else if opts.excel {
                            guard_formula(excel_cell(h, cell))
                        } else {
                            guard_formula(cell)
                        }
                    })
                    .collect();
                w.write_record(&cells).map_err(csv_err)?;
            }
            w.flush().map_err(io)?;
        }
    }
    out.flush().map_err(io)
}
