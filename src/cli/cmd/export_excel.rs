//! What a spreadsheet should see in an export: Vietnamese dates, and codes kept as text.

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
pub const CODE_COLUMNS: &[&str] = &["code", "unit", "parent", "successor", "lead_unit", "period"];

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
