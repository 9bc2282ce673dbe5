//! Reads a spreadsheet's CSV into a table of NFC text, whatever Excel or LibreOffice wrote:
//! UTF-8 with or without a BOM, `,` `;` or tab between fields, CRLF or LF line ends.
//! UTF-16 (Excel's "Unicode Text") and Windows-1258 (Excel's plain "CSV" on Vietnamese Windows)
//! are converted, and the table says so; TCVN3, VNI and anything else are refused with a
//! message that says how to re-save them.

use std::io::Read;

use crate::domain::text;
use crate::error::{Error, Problem};
use crate::exchange::table_rows::Block;
use unicode_normalization::UnicodeNormalization;

/// Larger files are refused as they are read. A table holds about its file's size, and cell
/// offsets are 32-bit; a national export of a million reports is under 100 MB.
pub const MAX_FILE: u64 = 1 << 30;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The encoding the file was converted from, when it was not UTF-8.
    pub converted_from: Option<&'static str>,
    pub headers: Vec<String>,
    /// Each row with the file line it starts on (the header is line 1).
    pub rows: crate::exchange::table_rows::Rows,
}

pub(crate) fn reject(what: &str, en: impl Into<String>, vi: impl Into<String>) -> Error {
    Error::Rejected {
        what: what.to_string(),
        problems: vec![Problem::new(0, "", en, vi)],
    }
}

pub(crate) fn too_large(what: &str) -> Error {
    reject(
        what,
        format!(
            "the file is larger than {} MB; split it into smaller files and import each",
            MAX_FILE >> 20
        ),
        format!(
            "tệp lớn hơn {} MB; hãy chia thành các tệp nhỏ hơn rồi nhập từng tệp",
            MAX_FILE >> 20
        ),
    )
}

const RESAVE_EN: &str = "in Excel use Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)'";
const RESAVE_VI: &str = "trong Excel chọn Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'; trong LibreOffice đánh dấu 'Edit filter settings' rồi chọn 'Unicode (UTF-8)'";

/// The encoding the first bytes show, when it is not UTF-8: UTF-16 by its BOM or its NULs,
/// Windows-1258 by bytes that are not UTF-8.
fn foreign_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some(encoding_rs::UTF_16BE);
    }
    if head.starts_with(&[0xFF, 0xFE]) || looks_utf16(head) {
        // Without a BOM, text in UTF-16LE has its NULs at odd offsets.
        let odd_nuls = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let even_nuls = head.iter().step_by(2).filter(|&&b| b == 0).count();
        return Some(if even_nuls > odd_nuls {
            encoding_rs::UTF_16BE
        } else {
            encoding_rs::UTF_16LE
        });
    }
    match std::str::from_utf8(head) {
        // A character cut by the 64 KB boundary is not a wrong encoding.
        Err(e) if e.error_len().is_some() => Some(encoding_rs::WINDOWS_1258),
        _ => None,
    }
}

/// Whether every character is one Vietnamese text uses: ASCII, a Vietnamese letter (a base
/// letter with its tone and vowel marks, or đ), or common typographic punctuation. TCVN3 or
/// VNI read as Windows-1258 gives letters like "¸" or "ä" that Vietnamese never writes.
fn reads_as_vietnamese(text: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    const MARKS: [char; 8] = [
        '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31B}',
    ];
    const PUNCTUATION: &str = "–—“”‘’…°\u{a0}«»•×€";
    text.chars().filter(|c| !c.is_ascii()).all(|c| {
        if PUNCTUATION.contains(c) || matches!(c, 'đ' | 'Đ') {
            return true;
        }
        let mut parts = std::iter::once(c).nfd();
        parts.next().is_some_and(|b| b.is_ascii_alphabetic()) && parts.all(|m| MARKS.contains(&m))
    })
}

fn not_text(what: &str) -> Error {
    reject(
        what,
        "the file is not text (it holds NUL bytes); check that this is the spreadsheet you meant",
        "tệp không phải văn bản (có byte NUL); hãy kiểm tra đã chọn đúng tệp bảng tính",
    )
}

/// A whole file in UTF-16 or Windows-1258 as UTF-8, or the reason it is refused.
fn convert(
    what: &str,
    enc: &'static encoding_rs::Encoding,
    head: Vec<u8>,
    rest: impl Read,
) -> Result<Vec<u8>, Error> {
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
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_large(what));
    }
    let (text, _, bad) = enc.decode(&bytes);
    if text.contains('\0') {
        return Err(not_text(what));
    }
    let text: String = text.nfc().collect();
    if enc == encoding_rs::WINDOWS_1258 && (bad || !reads_as_vietnamese(&text)) {
        let at = bytes.iter().find(|b| !b.is_ascii()).copied().unwrap_or(0);
        return Err(reject(
            what,
            format!("the file is not UTF-8 (byte {at:#04x}) and not Windows-1258 either; it looks like an old Vietnamese code page (TCVN3, VNI); {RESAVE_EN}"),
            format!("tệp không ở dạng UTF-8 (byte {at:#04x}) và cũng không phải Windows-1258; có vẻ là bảng mã cũ (TCVN3, VNI); {RESAVE_VI}"),
        ));
    }
    Ok(text.into_bytes())
}

/// A field's text, or a message naming the old code page the file seems to be in.
fn field_text<'a>(what: &str, line: u64, raw: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(raw).map_err(|e| {
        let at = e.valid_up_to();
        Error::Rejected {
            what: what.to_string(),
            problems: vec![Problem::new(
                line,
                "",
                format!("the file is not UTF-8 (byte {:#04x}); it looks like Windows-1258 or another old Vietnamese code page (TCVN3, VNI); {RESAVE_EN}", raw[at]),
                format!("tệp không ở dạng UTF-8 (byte {:#04x}); có vẻ là Windows-1258 hoặc bảng mã cũ (TCVN3, VNI); {RESAVE_VI}", raw[at]),
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
fn sniff_delimiter(head: &[u8]) -> u8 {
    let first = head
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .unwrap_or(b"");
    let first = String::from_utf8_lossy(first);
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

/// Every line end as LF, as the bytes stream past: the csv reader miscounts lines after CRLF
/// (it reports the line before), and old Mac spreadsheets end lines with a bare CR.
/// It also bounds a line's length, so one endless field cannot fill memory.
struct LineEnds<R> {
    inner: R,
    after_cr: bool,
    /// Lines ended so far, and bytes since the last line end.
    lines: u64,
    line_len: usize,
    too_long: bool,
}

/// The longest line read: a narrative is at most a few thousand characters.
const MAX_LINE: usize = 1 << 20;

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut w = 0;
            for r in 0..n {
                let b = buf[r];
                if b == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                let b = if b == b'\r' { b'\n' } else { b };
                if b == b'\n' {
                    self.lines += 1;
                    self.line_len = 0;
                } else {
                    self.line_len += 1;
                    if self.line_len > MAX_LINE {
                        self.too_long = true;
                        return Err(std::io::Error::other("line too long"));
                    }
                }
                buf[w] = b;
                w += 1;
            }
            if w > 0 {
                return Ok(w);
            }
        }
    }
}

pub fn parse(what: &str, bytes: &[u8]) -> Result<Table, Error> {
    parse_reader(what, bytes)
}

/// Parses the whole CSV into a table.
pub fn parse_reader(what: &str, src: impl Read) -> Result<Table, Error> {
    stream_reader(what, src)?.hold()
}

/// A table as it is read: its header row now, its rows block by block as they are taken, so
/// an import of any size holds one block of the file at a time. A problem further on (a bad
/// quote, a byte that is not UTF-8) comes as the block that meets it.
pub struct TableStream<'r> {
    /// The encoding the file was converted from, when it was not UTF-8.
    pub converted_from: Option<&'static str>,
    pub headers: Vec<String>,
    rows: Source<'r>,
}

enum Source<'r> {
    Csv(Box<CsvRows<'r>>),
    Held(std::vec::IntoIter<Block>),
}

impl<'r> TableStream<'r> {
    /// A table already read whole (a workbook, which is unzipped whole anyway).
    pub fn held(t: Table) -> TableStream<'static> {
        TableStream {
            converted_from: t.converted_from,
            headers: t.headers,
            rows: Source::Held(t.rows.into_blocks()),
        }
    }

    /// Reads the rest into a table.
    pub fn hold(mut self) -> Result<Table, Error> {
        let what = match &self.rows {
            Source::Csv(c) => c.what.clone(),
            Source::Held(_) => String::new(),
        };
        let (converted_from, headers) = (self.converted_from, std::mem::take(&mut self.headers));
        Ok(Table {
            converted_from,
            headers,
            rows: hold_blocks(&what, &mut self)?,
        })
    }
}

/// Blocks read one by one, held together as a table's rows.
pub fn hold_blocks(
    what: &str,
    blocks: &mut dyn Iterator<Item = Result<Block, Error>>,
) -> Result<crate::exchange::table_rows::Rows, Error> {
    let mut rows = crate::exchange::table_rows::Rows::default();
    for block in blocks {
        if !rows.push_block(block?) {
            return Err(too_large(what));
        }
    }
    rows.shrink_to_fit();
    Ok(rows)
}

impl Source<'_> {
    fn next_block(&mut self) -> Result<Option<Block>, Error> {
        match self {
            Source::Csv(c) => c.next_block(),
            Source::Held(blocks) => Ok(blocks.next()),
        }
    }
}

impl Iterator for TableStream<'_> {
    type Item = Result<Block, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rows.next_block().transpose()
    }
}

/// Parses CSV as it is read: the first 64 KB tell the encoding and the separator.
pub fn stream_reader<'r>(what: &str, mut src: impl Read + 'r) -> Result<TableStream<'r>, Error> {
    let unreadable = |e: std::io::Error| {
        reject(
            what,
            format!("cannot read the file ({e})"),
            format!("không đọc được tệp ({e})"),
        )
    };
    let mut head = Vec::new();
    src.by_ref()
        .take(1 << 16)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    if head.len() >= 4 && head.iter().all(|&b| b == 0) {
        return Err(not_text(what));
    }
    if let Some(enc) = foreign_encoding(&head) {
        let utf8 = convert(what, enc, head, src)?;
        let mut t = stream_utf8(what, utf8, std::io::empty())?;
        t.converted_from = Some(if enc == encoding_rs::WINDOWS_1258 {
            "Windows-1258"
        } else {
            "UTF-16"
        });
        return Ok(t);
    }
    stream_utf8(what, head, src)
}

/// Streams UTF-8 CSV whose first bytes are `head` and the rest `src`.
fn stream_utf8<'r>(
    what: &str,
    mut head: Vec<u8>,
    src: impl Read + 'r,
) -> Result<TableStream<'r>, Error> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        head.drain(..3);
    }
    let delimiter = sniff_delimiter(&head);
    let stream: Box<dyn Read + 'r> = Box::new(std::io::Cursor::new(head).chain(src));
    let stream = LineEnds {
        inner: stream.take(MAX_FILE + 1),
        after_cr: false,
        lines: 0,
        line_len: 0,
        too_long: false,
    };
    let rd = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(stream);
    let mut rows = CsvRows {
        what: what.to_string(),
        rd,
        rec: csv::ByteRecord::new(),
        done: false,
    };
    let Some((_, headers)) = rows.next_row()? else {
        return Err(reject(
            what,
            "the file is empty; the first line must name the columns",
            "tệp trống; dòng đầu phải là tên các cột",
        ));
    };
    Ok(TableStream {
        converted_from: None,
        headers,
        rows: Source::Csv(Box::new(rows)),
    })
}

/// CSV rows as the reader meets them.
struct CsvRows<'r> {
    what: String,
    rd: csv::Reader<LineEnds<std::io::Take<Box<dyn Read + 'r>>>>,
    rec: csv::ByteRecord,
    /// Set at the end of the file and after a problem: nothing more is read.
    done: bool,
}

impl CsvRows<'_> {
    /// The rows up to a block's worth of text.
    fn next_block(&mut self) -> Result<Option<Block>, Error> {
        let mut block = Block::default();
        while !block.is_full() {
            let Some((line, cells)) = self.next_row()? else {
                break;
            };
            if !block.push(line, cells) {
                self.done = true;
                return Err(too_large(&self.what));
            }
        }
        block.seal();
        Ok((!block.is_empty()).then_some(block))
    }

    /// The next row that has any text, with its line; None at the end of the file.
    fn next_row(&mut self) -> Result<Option<(u64, Vec<String>)>, Error> {
        while !self.done {
            let row = self.read_row();
            if row.is_err() {
                self.done = true;
            }
            match row? {
                None => self.done = true,
                Some((_, cells)) if cells.iter().all(String::is_empty) => {}
                Some(row) => return Ok(Some(row)),
            }
        }
        Ok(None)
    }

    fn read_row(&mut self) -> Result<Option<(u64, Vec<String>)>, Error> {
        let what = self.what.as_str();
        match self.rd.read_byte_record(&mut self.rec) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => return Err(self.unreadable(e)),
        }
        if self.rd.position().byte() > MAX_FILE {
            return Err(too_large(what));
        }
        let line = self.rec.position().map_or(0, |p| p.line());
        let mut cells = Vec::with_capacity(self.rec.len());
        for raw in self.rec.iter() {
            cells.push(clean_cell(field_text(what, line, raw)?));
        }
        Ok(Some((line, cells)))
    }

    /// Why the reader stopped: a line past its bound, the file unreadable, or bad CSV.
    fn unreadable(&self, e: csv::Error) -> Error {
        let what = self.what.as_str();
        if self.rd.get_ref().too_long {
            let line = self.rd.get_ref().lines + 1;
            return Error::Rejected {
                what: what.to_string(),
                problems: vec![Problem::new(
                    line,
                    "",
                    format!("is longer than {} MB; a row this long is not a spreadsheet row: check that this is the right file", MAX_LINE >> 20),
                    format!("dài hơn {} MB; dòng dài như vậy không phải một dòng bảng tính: hãy kiểm tra đã chọn đúng tệp", MAX_LINE >> 20),
                )],
            };
        }
        if let csv::ErrorKind::Io(io) = e.kind() {
            return reject(
                what,
                format!("cannot read the file ({io})"),
                format!("không đọc được tệp ({io})"),
            );
        }
        let line = e.position().map_or(0, |p| p.line());
        Error::Rejected {
            what: what.to_string(),
            problems: vec![Problem::new(
                line,
                "",
                format!("cannot be read as CSV ({e}); check for an unclosed quote"),
                format!("không đọc được dạng CSV ({e}); hãy kiểm tra dấu ngoặc kép chưa đóng"),
            )],
        }
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
        assert_eq!(
            t.rows.to_vecs(),
            vec![(2, vec!["31338".into(), "Tân Tiến".into()])]
        );
    }

    #[test]
    fn bare_cr_line_ends_keep_line_numbers() {
        let t = parse("f", b"code,name\r31338,A\r31339,B\r").unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    #[test]
    fn decomposed_text_becomes_nfc() {
        let t = parse("f", "name\nTa\u{302}n Tie\u{302}\u{301}n\n".as_bytes()).unwrap();
        assert_eq!(t.rows.to_vecs()[0].1[0], "Tân Tiến");
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
        assert_eq!(t.rows.to_vecs()[0].1, vec!["00004", "2024-03"]);
    }

    #[test]
    fn windows_1258_and_utf16_are_converted_old_code_pages_refused() {
        // "Tân Tiến" as Windows-1258 writes it: â = E2, ế = ê (EA) + acute (EC).
        let t = parse("f", b"name\nT\xe2n Ti\xea\xecn\n").unwrap();
        assert_eq!(t.converted_from, Some("Windows-1258"));
        assert_eq!(t.rows.to_vecs(), vec![(2, vec!["Tân Tiến".to_string()])]);
        let mut u16 = vec![0xFF, 0xFE];
        u16.extend(
            "code\nTân Tiến\n"
                .encode_utf16()
                .flat_map(|c| c.to_le_bytes()),
        );
        let t = parse("f", &u16).unwrap();
        assert_eq!(t.converted_from, Some("UTF-16"));
        assert_eq!(t.rows.to_vecs(), vec![(2, vec!["Tân Tiến".to_string()])]);
        // Big-endian without a BOM.
        let be: Vec<u8> = "code\nX\n"
            .encode_utf16()
            .flat_map(|c| c.to_be_bytes())
            .collect();
        assert_eq!(parse("f", &be).unwrap().headers, vec!["code"]);
        // TCVN3 ("T©n Ti\xd5n") and VNI ("Vieät" with ä) read as nothing Vietnamese writes.
        for old in [&b"name\nT\xa9n Ti\xd5n\n"[..], b"name\nVie\xe4t Nam\n"] {
            let e = parse("f", old).unwrap_err();
            assert!(e.en().contains("(TCVN3, VNI)"), "{}", e.en());
        }
        assert_eq!(parse("f", b"ok\n").unwrap().converted_from, None);
    }

    /// Counts what the parser has read of its source.
    struct Counted<'a>(&'a [u8], std::rc::Rc<std::cell::Cell<usize>>);

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1.set(self.1.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn a_stream_reads_the_file_as_its_blocks_are_taken() {
        let mut csv = String::from("unit,period,narrative\n");
        for i in 0..40_000 {
            csv.push_str(&format!("{:05},2024-05,Tuần tra ban đêm số {i}\n", i % 997));
        }
        assert!(csv.len() > 1_500_000, "{}", csv.len());
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let mut t = stream_reader("f", Counted(csv.as_bytes(), read.clone())).unwrap();
        assert_eq!(t.headers, vec!["unit", "period", "narrative"]);
        let first = t.next().unwrap().unwrap();
        assert!(
            read.get() < csv.len() * 3 / 4,
            "{} of {} bytes read for the first block",
            read.get(),
            csv.len()
        );
        let rest: Vec<Block> = t.collect::<Result<_, _>>().unwrap();
        assert_eq!(read.get(), csv.len());
        let streamed: Vec<(u64, Vec<String>)> = std::iter::once(&first)
            .chain(&rest)
            .flat_map(|b| b.iter().map(|r| (r.line, r.to_vec())))
            .collect();
        assert_eq!(streamed, parse("f", csv.as_bytes()).unwrap().rows.to_vecs());
        assert_eq!(streamed.len(), 40_000);
        assert_eq!(streamed[39_999].0, 40_001);
    }
}
