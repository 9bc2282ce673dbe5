//! A table from a file, whatever the office saved it as: an Excel workbook's first sheet, or
//! CSV in any of the encodings spreadsheets write. `-` is standard input.

use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::exchange::csv_table::{self, reject, Table};
use crate::exchange::xlsx;

/// Reads the file as it parses it, so only the table is held, never the raw bytes too.
/// `-` is standard input (`ssh office antq import reports - < r.xlsx`).
pub fn read_file(path: &Path) -> Result<Table, Error> {
    if path.as_os_str() == "-" {
        return table("stdin", std::io::stdin().lock());
    }
    let what = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| {
        reject(
            &what,
            format!("cannot open the file ({e}); check the path"),
            format!("không mở được tệp ({e}); hãy kiểm tra đường dẫn"),
        )
    })?;
    table(&what, std::io::BufReader::with_capacity(1 << 16, f))
}

/// The table in `src`: a workbook by its first bytes (whatever the file is called), else CSV.
pub fn table(what: &str, mut src: impl Read) -> Result<Table, Error> {
    let mut head = Vec::new();
    src.by_ref().take(4).read_to_end(&mut head).map_err(|e| {
        reject(
            what,
            format!("cannot read the file ({e})"),
            format!("không đọc được tệp ({e})"),
        )
    })?;
    if xlsx::looks_like_xlsx(&head) {
        return xlsx::read(what, head, src);
    }
    csv_table::parse_reader(what, std::io::Cursor::new(head).chain(src))
}
