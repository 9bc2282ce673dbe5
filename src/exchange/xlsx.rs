//! Excel workbooks (.xlsx): what offices keep their figures in. An export writes one sheet with
//! a frozen, bold header row, codes as text cells (00004 keeps its zeros, 2024-03 stays a
//! period) and dates as real date cells; an import reads the first sheet of any workbook into the
//! same table a CSV gives, so every row runs the same checks.

use std::io::Read;

use calamine::{Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::error::Error;
use crate::exchange::csv_table::{reject, Table, MAX_FILE};

/// A zip archive's first bytes: what an .xlsx file starts with.
pub fn looks_like_xlsx(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// What a workbook may unpack to. A small file can hold a "zip bomb" of gigabytes; the sheet
/// is parsed into memory, so its unpacked size is what is bounded.
const MAX_UNPACKED: u64 = 256 << 20;

fn not_a_workbook(what: &str, e: String) -> Error {
    reject(
        what,
        format!(
            "cannot be read as an Excel workbook ({e}); save it again as .xlsx, or as CSV UTF-8"
        ),
        format!(
            "không đọc được dạng bảng tính Excel ({e}); hãy lưu lại thành .xlsx, hoặc CSV UTF-8"
        ),
    )
}

/// Unpacks every part once, counting, and stops past the bound: the sizes a file declares
/// are not trusted.
fn check_unpacked(what: &str, bytes: &[u8], limit: u64) -> Result<(), Error> {
    let unreadable = |e: String| not_a_workbook(what, e);
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(e.to_string()))?;
        let left = limit.saturating_sub(total);
        total += std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|e| unreadable(e.to_string()))?;
        if total > limit {
            return Err(reject(
                what,
                format!(
                    "the workbook unpacks to more than {} MB; split it, or save it as CSV UTF-8",
                    limit >> 20
                ),
                format!(
                    "bảng tính giải nén ra hơn {} MB; hãy chia nhỏ, hoặc lưu thành CSV UTF-8",
                    limit >> 20
                ),
            ));
        }
    }
    Ok(())
}

/// The first sheet of the workbook whose first bytes are `head` and the rest `rest`.
pub fn read(what: &str, head: Vec<u8>, rest: impl Read) -> Result<Table, Error> {
    let mut bytes = head;
    rest.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            reject(
                what,
                format!("cannot read the file ({e})"),
                format!("không đọc được tệp ({e})"),
            )
        })?;
    let unreadable = |e: String| not_a_workbook(what, e);
    check_unpacked(what, &bytes, MAX_UNPACKED)?;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("no sheet".into()))?
        .map_err(|e| unreadable(e.to_string()))?;
    let mut table = Table::default();
    let first_row = sheet.start().map_or(0, |(r, _)| r as u64);
    for (i, row) in sheet.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if table.headers.is_empty() {
            table.headers = cells;
            continue;
        }
        // Lines as the spreadsheet numbers its rows.
        let line = first_row + i as u64 + 1;
        if !table.rows.push(line, cells) {
            return Err(reject(
                what,
                "the workbook is too large; split it and import each part",
                "bảng tính quá lớn; hãy chia nhỏ rồi nhập từng phần",
            ));
        }
    }
    if table.headers.is_empty() {
        return Err(reject(
            what,
            "the first sheet is empty; its first row must name the columns",
            "trang tính đầu tiên trống; dòng đầu phải là tên các cột",
        ));
    }
    Ok(table)
}

/// A cell as the CSV import reads text: whole numbers without ".0", dates as YYYY-MM-DD.
fn cell_text(d: &Data) -> String {
    let text = match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    };
    crate::domain::text::clean(&text)
}

/// What a column holds, for its cells' types.
pub struct Columns<'a> {
    pub dates: &'a [&'a str],
    pub codes: &'a [&'a str],
}

/// One sheet: the header bold and frozen, codes as text, dates as date cells, numbers as
/// numbers, everything else as text.
pub fn write(
    headers: &[String],
    titles: &[String],
    rows: impl Iterator<Item = crate::error::Result<Vec<Value>>>,
    cols: &Columns,
) -> crate::error::Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| Error::Io {
        detail: format!("xlsx: {e}"),
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let text = Format::new().set_num_format("@");
    for (c, h) in titles.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    for (r, row) in rows.enumerate() {
        let r = r as u32 + 1;
        for (c, (v, h)) in row?.into_iter().zip(headers).enumerate() {
            let c = c as u16;
            match v {
                Value::Null => {}
                Value::Number(n) => {
                    sheet
                        .write_number(r, c, n.as_f64().unwrap_or(0.0))
                        .map_err(failed)?;
                }
                Value::String(s) if cols.dates.contains(&h.as_str()) => {
                    match crate::domain::date::parse_date(h, &s) {
                        Ok(d) => {
                            let x = ExcelDateTime::from_ymd(
                                d.year() as u16,
                                d.month() as u8,
                                d.day() as u8,
                            )
                            .map_err(failed)?;
                            sheet
                                .write_datetime_with_format(r, c, &x, &date)
                                .map_err(failed)?;
                        }
                        Err(_) => {
                            sheet.write_string(r, c, &s).map_err(failed)?;
                        }
                    }
                }
                Value::String(s) if cols.codes.contains(&h.as_str()) => {
                    sheet
                        .write_string_with_format(r, c, &s, &text)
                        .map_err(failed)?;
                }
                Value::String(s) => {
                    sheet.write_string(r, c, &s).map_err(failed)?;
                }
                other => {
                    sheet
                        .write_string(r, c, other.to_string())
                        .map_err(failed)?;
                }
            }
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::check_unpacked;
    use std::io::Write;

    /// A small file that unpacks to more than the bound is refused before it is parsed.
    #[test]
    fn a_workbook_that_unpacks_past_the_bound_is_refused() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", deflated)
            .unwrap();
        zip.write_all(&vec![b' '; 3 << 20]).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 64 << 10, "packed small: {}", bytes.len());
        let e = check_unpacked("bomb.xlsx", &bytes, 2 << 20).unwrap_err();
        assert_eq!(
            e.en(),
            "bomb.xlsx: the workbook unpacks to more than 2 MB; split it, or save it as CSV UTF-8"
        );
        assert!(check_unpacked("ok.xlsx", &bytes, 4 << 20).is_ok());
    }
}
