//! Reads a spreadsheet's CSV into a table of NFC text, whatever Excel or LibreOffice wrote:
//! UTF-8 with or without a BOM, `,` `;` or tab between fields, CRLF or LF line ends.
//! Files in other encodings are refused with a message that says how to re-save them.

use std::io::Read;
use std::path::Path;

use crate::domain::text;
use crate::error::{Error, Problem};

/// Larger files are refused before they are read whole; a national registry is about 2 MB.
pub const MAX_FILE: u64 = 64 << 20;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Each row with the file line it starts on (the header is line 1).
    pub rows: Vec<(u64, Vec<String>)>,
}

fn reject(what: &str, en: impl Into<String>, vi: impl Into<String>) -> Error {
    Error::Rejected {
        what: what.to_string(),
        problems: vec![Problem::new(0, "", en, vi)],
    }
}

/// Reads at most `MAX_FILE` bytes, so a huge file costs no memory before it is refused.
pub fn read_file(path: &Path) -> Result<Table, Error> {
    let what = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| {
        reject(
            &what,
            format!("cannot open the file ({e}); check the path"),
            format!("không mở được tệp ({e}); hãy kiểm tra đường dẫn"),
        )
    })?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE + 1).read_to_end(&mut bytes).map_err(|e| {
        reject(
            &what,
            format!("cannot read the file ({e})"),
            format!("không đọc được tệp ({e})"),
        )
    })?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(reject(
            &what,
            format!(
                "the file is larger than {} MB; split it into smaller files and import each",
                MAX_FILE >> 20
            ),
            format!(
                "tệp lớn hơn {} MB; hãy chia thành các tệp nhỏ hơn rồi nhập từng tệp",
                MAX_FILE >> 20
            ),
        ));
    }
    parse(&what, &bytes)
}

const RESAVE_EN: &str = "in Excel use Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'";
const RESAVE_VI: &str = "trong Excel chọn Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; trong LibreOffice đánh dấu 'Edit filter settings' rồi chọn 'Unicode (UTF-8)'";

/// Text from the file's bytes, or a message naming the encoding it seems to be in.
fn decode<'a>(what: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(bytes) {
        return Err(reject(
            what,
            format!("the file is UTF-16 (Excel's 'Unicode Text'), not UTF-8; {RESAVE_EN}"),
            format!("tệp ở dạng UTF-16 ('Unicode Text' của Excel), không phải UTF-8; {RESAVE_VI}"),
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count();
        Error::Rejected {
            what: what.to_string(),
            problems: vec![Problem::new(
                line as u64,
                "",
                format!("the file is not UTF-8 (byte {:#04x}); it looks like Windows-1258 or another old Vietnamese code page (TCVN3, VNI); {RESAVE_EN}", body[at]),
                format!("tệp không ở dạng UTF-8 (byte {:#04x}); có vẻ là Windows-1258 hoặc bảng mã cũ (TCVN3, VNI); {RESAVE_VI}", body[at]),
            )],
        }
    })
}

/// UTF-16 without a BOM: many NUL bytes in the first kilobyte, which text never has.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.len() >= 4 && head.iter().filter(|&&b| b == 0).count() * 4 >= head.len()
}

/// The separator used most in the header line, outside quotes; `,` when none is.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Excel keeps leading zeros only in a formula: `="00123"` reads back as `00123`.
pub fn unwrap_excel_text(cell: &str) -> &str {
    cell.strip_prefix("=\"")
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.contains('"'))
        .unwrap_or(cell)
}

/// Whether a spreadsheet would run the cell as a formula (= + - @, or a tab or CR before
/// one), or it already starts with the guard itself before such a cell.
fn needs_guard(s: &str) -> bool {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => needs_guard(&s[1..]),
        _ => false,
    }
}

/// A text cell as exported: one apostrophe before anything a spreadsheet would run as a
/// formula (`=HYPERLINK(…)`, DDE), so it shows as text. `unguard` takes it off on import.
pub fn guard_formula(cell: String) -> String {
    if needs_guard(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

fn clean_cell(raw: &str) -> String {
    text::clean(unguard_formula(unwrap_excel_text(raw.trim())))
}

/// Every line end as LF: the csv reader miscounts lines after CRLF (it reports the line
/// before), and old Mac spreadsheets end lines with a bare CR.
fn unify_line_ends(body: &str) -> std::borrow::Cow<'_, str> {
    if !body.contains('\r') {
        return std::borrow::Cow::Borrowed(body);
    }
    std::borrow::Cow::Owned(body.replace("\r\n", "\n").replace('\r', "\n"))
}

pub fn parse(what: &str, bytes: &[u8]) -> Result<Table, Error> {
    let body = decode(what, bytes)?;
    let body = unify_line_ends(body);
    let body = body.as_ref();
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(body))
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut table = Table::default();
    let mut problems = Vec::new();
    for rec in rd.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Problem::new(
                    line,
                    "",
                    format!("cannot be read as CSV ({e}); check for an unclosed quote"),
                    format!("không đọc được dạng CSV ({e}); hãy kiểm tra dấu ngoặc kép chưa đóng"),
                ));
                break;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let cells: Vec<String> = rec.iter().map(clean_cell).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if table.headers.is_empty() {
            table.headers = cells;
            continue;
        }
        table.rows.push((line, cells));
    }
    if table.headers.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            0,
            "",
            "the file is empty; the first line must name the columns",
            "tệp trống; dòng đầu phải là tên các cột",
        ));
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(Error::Rejected {
            what: what.to_string(),
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolons_and_crlf() {
        let t = parse(
            "f",
            "\u{feff}code;name\r\n31338;Tân Tiến\r\n;\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(t.headers, vec!["code", "name"]);
        assert_eq!(t.rows, vec![(2, vec!["31338".into(), "Tân Tiến".into()])]);
    }

    #[test]
    fn bare_cr_line_ends_keep_line_numbers() {
        let t = parse("f", b"code,name\r31338,A\r31339,B\r").unwrap();
        assert_eq!(t.rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn decomposed_text_becomes_nfc() {
        let t = parse("f", "name\nTa\u{302}n Tie\u{302}\u{301}n\n".as_bytes()).unwrap();
        assert_eq!(t.rows[0].1[0], "Tân Tiến");
    }

    #[test]
    fn formula_guards_round_trip_for_any_text() {
        for s in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-5",
            "@SUM(A1)",
            "'=x",
            "''=x",
            "'plain",
            "plain",
            "",
            "'",
        ] {
            let g = guard_formula(s.to_string());
            assert!(
                !matches!(g.chars().next(), Some('=' | '+' | '-' | '@')),
                "{g}"
            );
            assert_eq!(unguard_formula(&g), s, "{s}");
        }
        assert_eq!(guard_formula("=1+2".into()), "'=1+2");
        assert_eq!(guard_formula("Xã Hỏa Lựu".into()), "Xã Hỏa Lựu");
    }

    #[test]
    fn excel_text_formula_unwrapped() {
        let t = parse("f", b"code,period\n=\"00004\",=\"2024-03\"\n").unwrap();
        assert_eq!(t.rows[0].1, vec!["00004", "2024-03"]);
    }

    #[test]
    fn legacy_encodings_named() {
        let e = parse("f", b"name\nT\xe2n Ti\xd5n\n").unwrap_err();
        assert!(
            e.en().contains("line 2: the file is not UTF-8"),
            "{}",
            e.en()
        );
        assert!(e.en().contains("Windows-1258"));
        let mut u16 = vec![0xFF, 0xFE];
        u16.extend("code\n".encode_utf16().flat_map(|c| c.to_le_bytes()));
        assert!(parse("f", &u16).unwrap_err().en().contains("UTF-16"));
    }
}
