//! A table from a file, whatever the office saved it as: an Excel workbook's first sheet, or
//! CSV in any of the encodings spreadsheets write. `-` is standard input.

use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::exchange::csv_table::{self, reject, TableStream};
use crate::exchange::xlsx;

/// The file's header row, and its rows as they are taken: a CSV file is read as the rows go,
/// so the raw bytes are never held, nor (for an import that streams) the whole table.
/// `-` is standard input (`ssh office antq import reports - < r.xlsx`).
pub fn stream_file(path: &Path) -> Result<TableStream<'static>, Error> {
    if path.as_os_str() == "-" {
        return stream("stdin", std::io::stdin().lock());
    }
    let what = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| {
        reject(
            &what,
            format!("cannot open the file ({e}); check the path"),
            format!("không mở được tệp ({e}); hãy kiểm tra đường dẫn"),
        )
    })?;
    stream(&what, std::io::BufReader::with_capacity(1 << 16, f))
}

/// The table in `src`: a workbook by its first bytes (whatever the file is called), else CSV.
pub fn stream<'r>(what: &str, mut src: impl Read + 'r) -> Result<TableStream<'r>, Error> {
    let mut head = Vec::new();
    src.by_ref().take(4).read_to_end(&mut head).map_err(|e| {
        reject(
            what,
            format!("cannot read the file ({e})"),
            format!("không đọc được tệp ({e})"),
        )
    })?;
    if xlsx::looks_like_xlsx(&head) {
        return xlsx::read(what, head, src).map(TableStream::held);
    }
    csv_table::stream_reader(what, std::io::Cursor::new(head).chain(src))
}
