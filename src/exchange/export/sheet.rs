//! What a spreadsheet should see in an export: Vietnamese headers, names and words in an office
//! file, dates as DD/MM/YYYY, codes kept as text, and no cell that starts a formula.

use serde_json::Value;

use crate::domain::indicator::Indicator;
use crate::exchange::columns::{office_header, office_value, Table};
use crate::exchange::csv_table::guard_formula;

/// What is written: which table, its column keys, and whether for an office in Vietnamese.
pub struct Sheet<'a> {
    pub table: Table,
    pub keys: &'a [String],
    pub office: bool,
    pub cat: &'a [Indicator],
}

impl Sheet<'_> {
    /// The header row: Vietnamese headers in an office file, the keys otherwise.
    pub fn titles(&self) -> Vec<String> {
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
    pub fn spoken(&self, row: Vec<Value>) -> Vec<Value> {
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

/// A CSV cell as written: text as it is, a guard against formulas, and for Excel its dates
/// and codes as `excel_cell` gives them.
pub fn csv_cell(header: &str, v: Value, excel: bool) -> String {
    let cell = match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    };
    if excel && CODE_COLUMNS.contains(&header) {
        excel_cell(header, cell)
    } else if excel {
        guard_formula(excel_cell(header, cell))
    } else {
        guard_formula(cell)
    }
}
