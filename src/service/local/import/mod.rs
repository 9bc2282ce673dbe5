//! Spreadsheet imports: every row is checked against the file and the store before anything
//! is written; any problem refuses the whole file, listing every bad row.

mod assessments;
mod lineage;
mod long_values;
mod registry;
mod reports;
mod tasks;
mod units;
pub(super) mod uploads;

use std::collections::HashMap;

use super::{LocalService, Tx};
use crate::domain::text;
use crate::error::{Error, Problem, Result};
pub(crate) use crate::exchange::columns::Col;
use crate::exchange::columns::{columns, Table};
use crate::exchange::table_rows::Block;
use crate::service::api::*;

/// The columns an import of `kind` reads.
pub(crate) fn columns_for(
    kind: ImportKind,
    cat: &[crate::domain::indicator::Indicator],
) -> Vec<Col> {
    let table = match kind {
        ImportKind::Units => Table::Units,
        ImportKind::Lineage => Table::Lineage,
        ImportKind::Reports => Table::Reports,
        ImportKind::Assessments => Table::Assessments,
        ImportKind::Tasks => Table::Tasks,
    };
    columns(table, cat)
}

/// An approved record is locked on every path, an admin's file included: it is reopened first.
pub(super) fn locked_row(r: &Row, kind: &str, unit: &str, when: &str) -> Problem {
    let (vi_kind, cmd) = if kind == "report" {
        ("báo cáo", "report")
    } else {
        ("đánh giá", "assess")
    };
    r.say(
        "unit",
        format!("{kind} {unit}/{when} is approved and locked, and this row would change it; leave the row out, or have an approver reopen it first (antq {cmd} reopen {unit} {when} --reason …)"),
        format!("{vi_kind} {unit}/{when} đã được duyệt và bị khóa, dòng này sẽ sửa nó; hãy bỏ dòng này, hoặc đề nghị cấp duyệt mở lại trước (antq {cmd} reopen {unit} {when} --reason …)"),
    )
}

/// One row, read by canonical column name.
/// Canonical column name → its place in the row. Hashed with foldhash: each row of a
/// national import looks up a dozen columns, and std's SipHash made that a twentieth of it.
pub(super) type Columns = foldhash::HashMap<String, usize>;

pub(super) struct Row<'a> {
    pub line: u64,
    cells: crate::exchange::table_rows::RowCells<'a>,
    map: &'a Columns,
    headers: &'a [String],
}

impl<'a> Row<'a> {
    pub fn new(
        cells: crate::exchange::table_rows::RowCells<'a>,
        map: &'a Columns,
        headers: &'a [String],
    ) -> Row<'a> {
        Row {
            line: cells.line,
            cells,
            map,
            headers,
        }
    }

    /// The cell, or None when the file has no such column.
    pub fn get(&self, col: &str) -> Option<&'a str> {
        self.at(self.map.get(col).copied())
    }

    /// The cell at a column's place, found once for the whole file (None: the file has no such
    /// column): each row of a national file would otherwise look up a dozen indicators by name.
    pub fn at(&self, place: Option<usize>) -> Option<&'a str> {
        let cell = place.map(|i| self.cells.get(i).unwrap_or(""));
        cell.filter(|c| *c != long_values::NOT_GIVEN)
    }

    /// The column's name as the file writes it.
    pub fn header(&self, col: &str) -> String {
        self.map
            .get(col)
            .map_or(col.to_string(), |&i| self.headers[i].clone())
    }

    pub fn problem(&self, col: &str, e: &Error) -> Problem {
        Problem::from_error(self.line, &self.header(col), e)
    }

    pub fn say(&self, col: &str, en: impl Into<String>, vi: impl Into<String>) -> Problem {
        Problem::new(self.line, &self.header(col), en, vi)
    }

    /// Like `parse`, for a cell that may be empty: `Some(None)` is an empty cell.
    pub fn optional<T>(
        &self,
        col: &str,
        out: &mut Vec<Problem>,
        f: impl FnOnce(&str) -> std::result::Result<T, Error>,
    ) -> Option<Option<T>> {
        self.parse(col, out, |s| {
            if s.is_empty() {
                Ok(None)
            } else {
                f(s).map(Some)
            }
        })
    }

    /// Parses a present cell, recording a problem if it fails.
    pub fn parse<T>(
        &self,
        col: &str,
        out: &mut Vec<Problem>,
        f: impl FnOnce(&str) -> std::result::Result<T, Error>,
    ) -> Option<T> {
        self.parse_at(self.map.get(col).copied(), col, out, f)
    }

    /// `parse` for a column whose place was found once for the file.
    pub fn parse_at<T>(
        &self,
        place: Option<usize>,
        col: &str,
        out: &mut Vec<Problem>,
        f: impl FnOnce(&str) -> std::result::Result<T, Error>,
    ) -> Option<T> {
        let v = self.at(place)?;
        match f(v) {
            Ok(x) => Some(x),
            Err(e) => {
                out.push(self.problem(col, &e));
                None
            }
        }
    }
}

/// A record to write: the version it replaces, the new one, and its key for the summary.
pub(super) struct Planned<T> {
    pub key: String,
    pub old: Option<T>,
    pub new: T,
    /// Said in the audit entry, e.g. that a migration kept the file's historical stamps.
    pub note: Option<String>,
}

pub(super) type Writer = Box<dyn FnOnce(&mut Tx) -> Result<()>>;

pub(super) struct Plan {
    pub outcome: ImportOutcome,
    pub write: Writer,
}

/// Turns plans into the outcome and a writer; records equal to what is stored are skipped,
/// which makes importing the same file twice change nothing.
pub(super) fn finish<T>(
    planned: Vec<Planned<T>>,
    action: crate::domain::audit::Action,
    entity: &'static str,
) -> Plan
where
    T: crate::store::indexes::Indexed + PartialEq + 'static,
{
    let mut outcome = ImportOutcome::default();
    let todo: Vec<Planned<T>> = planned
        .into_iter()
        .filter(|p| tally(&mut outcome, p))
        .collect();
    Plan {
        outcome,
        write: Box::new(move |tx: &mut Tx| {
            todo.into_iter()
                .try_for_each(|p| write_planned(tx, p, action, entity))
        }),
    }
}

/// Counts a planned record in the outcome; whether it changes anything.
fn tally<T: PartialEq>(outcome: &mut ImportOutcome, p: &Planned<T>) -> bool {
    match &p.old {
        Some(o) if *o == p.new => {
            outcome.unchanged += 1;
            false
        }
        Some(_) => {
            outcome.note_updated(&p.key);
            true
        }
        None => {
            outcome.note_added(&p.key);
            true
        }
    }
}

/// Stores a changed record with its audit entry.
fn write_planned<T>(
    tx: &mut Tx,
    p: Planned<T>,
    action: crate::domain::audit::Action,
    entity: &str,
) -> Result<()>
where
    T: crate::store::indexes::Indexed,
{
    tx.put(p.old.as_ref(), &p.new)?;
    let what = if p.old.is_some() { "updated" } else { "added" };
    let note = p.note.map(|n| format!("; {n}")).unwrap_or_default();
    tx.audit(
        action,
        format!("{entity}/{}", p.key),
        format!("{what} from a file{note}"),
    );
    Ok(())
}

/// Takes planned records one at a time, writing each at once (unless it is a dry run or the
/// file already has a problem), so a national file is never held planned in memory.
pub(super) struct Sink<'s, 'tx> {
    pub outcome: ImportOutcome,
    pub at: i64,
    tx: Option<&'s mut Tx<'tx>>,
}

impl Sink<'_, '_> {
    pub fn add<T>(
        &mut self,
        p: Planned<T>,
        action: crate::domain::audit::Action,
        entity: &'static str,
        clean: bool,
    ) -> Result<()>
    where
        T: crate::store::indexes::Indexed + PartialEq,
    {
        let changed = tally(&mut self.outcome, &p);
        match self.tx.as_deref_mut() {
            Some(tx) if changed && clean => write_planned(tx, p, action, entity),
            _ => Ok(()),
        }
    }
}

/// Row-number columns, folded: read and ignored.
const ROW_NUMBER_HEADERS: &[&str] = &["stt", "tt", "so tt", "so thu tu", "no", "no.", "#"];

/// Maps the header row to canonical columns, refusing unknown, repeated and missing ones.
pub(super) fn map_headers(
    headers: &[String],
    cols: &[Col],
    problems: &mut Vec<Problem>,
) -> Columns {
    let mut map = Columns::default();
    for (i, h) in headers.iter().enumerate() {
        let f = text::fold(h).replace(['_', '-'], " ");
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = cols.iter().find(|c| {
            c.name.replace('_', " ") == f || c.aliases.iter().any(|a| text::fold(a) == f)
        });
        // Spreadsheets number their rows (STT); such a column carries no data.
        if ROW_NUMBER_HEADERS.contains(&f.as_str()) {
            continue;
        }
        match found {
            Some(c) if map.contains_key(&c.name) => problems.push(Problem::new(
                1,
                h,
                format!("the column for '{}' appears twice; remove one", c.name),
                format!("cột '{}' xuất hiện hai lần; hãy bỏ một cột", c.name),
            )),
            Some(c) => {
                map.insert(c.name.clone(), i);
            }
            None if h.is_empty() => problems.push(Problem::new(
                1,
                &format!("#{}", i + 1),
                "the column has no name; name it or delete it",
                "cột chưa có tên; hãy đặt tên hoặc xóa cột",
            )),
            None => {
                let known: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                problems.push(Problem::new(
                    1,
                    h,
                    format!("unknown column; the columns are {}", known.join(", ")),
                    format!("cột không xác định; các cột là {}", known.join(", ")),
                ));
            }
        }
    }
    for c in cols.iter().filter(|c| c.required) {
        if !map.contains_key(&c.name) {
            problems.push(Problem::new(
                1,
                "",
                format!(
                    "the column '{}' is missing (also accepted: {})",
                    c.name,
                    c.aliases.join(", ")
                ),
                format!(
                    "thiếu cột '{}' (cũng nhận: {})",
                    c.name,
                    c.aliases.join(", ")
                ),
            ));
        }
    }
    map
}

/// Rows with fewer fields than the header, or extra filled fields, are refused.
fn check_widths(t: &ImportTable, problems: &mut Vec<Problem>) {
    let n = t.headers.len();
    problems.extend(t.rows.iter().filter_map(|cells| width_problem(n, &cells)));
}

/// A row with fewer cells than the header, or values past its last column.
pub(super) fn width_problem(
    n: usize,
    cells: &crate::exchange::table_rows::RowCells,
) -> Option<Problem> {
    let line = cells.line;
    if cells.len() < n {
        Some(Problem::new(
            line,
            "",
            format!(
                "has {} fields but the header has {n}; a column is missing in this row",
                cells.len()
            ),
            format!(
                "có {} ô nhưng dòng tiêu đề có {n}; dòng này thiếu cột",
                cells.len()
            ),
        ))
    } else if cells.iter().skip(n).any(|c| !c.is_empty()) {
        Some(Problem::new(
            line,
            "",
            format!("has {} fields but the header has {n}; remove the extra values or name their column", cells.len()),
            format!("có {} ô nhưng dòng tiêu đề có {n}; hãy xóa giá trị thừa hoặc đặt tên cột cho chúng", cells.len()),
        ))
    } else {
        None
    }
}

/// A column's name as the file writes it.
pub(super) fn header_of(rows: &[Row], col: &str) -> String {
    rows.first().map_or(col.to_string(), |r| r.header(col))
}

/// A record's second row.
pub(super) fn repeated(line: u64, col: &str, key: &str, first: u64) -> Problem {
    Problem::new(
        line,
        col,
        format!("{key} appears again (first on line {first}); keep one row per record"),
        format!("{key} lặp lại (lần đầu ở dòng {first}); mỗi bản ghi chỉ một dòng"),
    )
}

/// Flags keys that appear on more than one line.
pub(super) fn duplicates(keys: &[(u64, String)], col: &str, problems: &mut Vec<Problem>) {
    let mut first: HashMap<&str, u64> = HashMap::new();
    for (line, k) in keys {
        if let Some(&l) = first.get(k.as_str()) {
            problems.push(repeated(*line, col, k, l));
        } else {
            first.insert(k, *line);
        }
    }
}

impl LocalService {
    pub(super) fn import_impl(
        &self,
        a: &Actor,
        t: ImportTable,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        if streams(&t.kind, &t.headers) {
            let mut blocks = t.rows.into_blocks().map(Ok);
            let head = ImportHead {
                kind: t.kind,
                file: t.file,
                headers: t.headers,
            };
            let s = ImportStream {
                head,
                blocks: &mut blocks,
            };
            return self.import_stream_impl(a, s, dry_run);
        }
        super::check_actor(a)?;
        // Units enter their own reports and self-assessments; the registry and tasks are the
        // admin's. Each row is then checked against the importer's own units.
        if !matches!(t.kind, ImportKind::Reports | ImportKind::Assessments) {
            self.need_admin(a)?;
        }
        let cat = self.indicators_impl()?;
        let mut problems = Vec::new();
        // A long file, one figure per row, is read as the wide one it stands for.
        let t = if long_values::is_long(t.kind, &t.headers) {
            long_values::widen(&t, &cat, &mut problems)
        } else {
            t
        };
        let cols = columns_for(t.kind, &cat);
        let map = map_headers(&t.headers, &cols, &mut problems);
        check_widths(&t, &mut problems);
        if !problems.is_empty() {
            return Err(rejected(&t.file, problems));
        }
        if t.kind == ImportKind::Reports {
            let mut blocks = t.rows.into_blocks().map(Ok);
            return self.write_reports(a, &t.file, &t.headers, &map, &mut blocks, dry_run);
        }
        let rows: Vec<Row> = t
            .rows
            .iter()
            .map(|c| Row::new(c, &map, &t.headers))
            .collect();
        // Planned once, under the write lock: a national file is not read twice.
        self.write(a, |tx| {
            let mut problems = Vec::new();
            let p = match t.kind {
                ImportKind::Units => self.plan_units(a, &rows, tx.at, &mut problems),
                ImportKind::Lineage => self.plan_lineage(&rows, &mut problems),
                ImportKind::Reports => unreachable!("reports are written as they are planned"),
                ImportKind::Assessments => self.plan_assessments(a, &rows, &mut problems),
                ImportKind::Tasks => self.plan_tasks(a, &rows, tx.at, &mut problems),
            }?;
            if problems.is_empty() && !dry_run {
                (p.write)(tx)?;
            }
            end_import(&t.file, p.outcome, problems, dry_run, tx)
        })
    }

    /// Reports, read from the file as they are planned and written: one block of the file is
    /// held at a time, whatever its size. The other kinds, and the long shape of reports,
    /// look across rows, so they are read whole first.
    pub(super) fn import_stream_impl(
        &self,
        a: &Actor,
        t: ImportStream,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        let h = &t.head;
        if !streams(&h.kind, &h.headers) {
            return self.import_impl(a, t.hold()?, dry_run);
        }
        super::check_actor(a)?;
        let cols = columns_for(h.kind, &self.indicators_impl()?);
        let mut problems = Vec::new();
        let map = map_headers(&h.headers, &cols, &mut problems);
        if !problems.is_empty() {
            return Err(rejected(&h.file, problems));
        }
        self.write_reports(a, &h.file, &h.headers, &map, t.blocks, dry_run)
    }

    /// Plans and writes reports block by block, under the write lock, all or nothing.
    fn write_reports(
        &self,
        a: &Actor,
        file: &str,
        headers: &[String],
        map: &Columns,
        blocks: &mut dyn Iterator<Item = Result<Block>>,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        self.write(a, |tx| {
            let mut problems = Vec::new();
            let mut sink = Sink {
                outcome: ImportOutcome::default(),
                at: tx.at,
                tx: (!dry_run).then_some(&mut *tx),
            };
            self.plan_reports(a, blocks, map, headers, &mut sink, &mut problems)?;
            end_import(file, sink.outcome, problems, dry_run, tx)
        })
    }
}

impl LocalService {
    pub(super) fn upload_part_impl(
        &self,
        a: &Actor,
        upload: u64,
        rows: crate::exchange::table_rows::Rows,
    ) -> Result<u64> {
        super::check_actor(a)?;
        let s = self.scope(a)?;
        Self::role_at_least(&s, crate::domain::account::Role::Operator)?;
        self.uploads.add(&a.name, upload, &rows)
    }

    pub(super) fn import_upload_impl(
        &self,
        a: &Actor,
        upload: u64,
        head: ImportHead,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        super::check_actor(a)?;
        let mut taken = self.uploads.take(&a.name, upload)?;
        // Only reports in the wide shape are imported as they are read: anything else is
        // held whole, which the server allows no bigger than one request.
        let frame = MAX_HELD_UPLOAD;
        if !streams(&head.kind, &head.headers) && taken.bytes() > frame {
            return Err(Error::invalid(
                "file",
                format!("a file of one figure per row is read whole, and this one is larger than the server takes at once ({} MB); split it, or send it with a column per indicator", frame >> 20),
                format!("tệp mỗi dòng một số liệu được đọc cả tệp, và tệp này lớn hơn mức máy chủ nhận một lần ({} MB); hãy chia nhỏ, hoặc gửi dạng mỗi chỉ tiêu một cột", frame >> 20),
            ));
        }
        let t = ImportStream {
            head,
            blocks: &mut taken,
        };
        self.import_stream_impl(a, t, dry_run)
    }
}

/// Whether an import reads its file as it goes: reports in the wide shape.
fn streams(kind: &ImportKind, headers: &[String]) -> bool {
    *kind == ImportKind::Reports && !long_values::is_long(*kind, headers)
}

/// The import's outcome, or every problem found, by line; nothing is written when there are
/// problems, on a dry run, or when the file changes nothing (no transaction, no flush).
fn end_import(
    file: &str,
    mut outcome: ImportOutcome,
    mut problems: Vec<Problem>,
    dry_run: bool,
    tx: &mut Tx,
) -> Result<ImportOutcome> {
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(rejected(file, problems));
    }
    if dry_run {
        outcome.dry_run = true;
        tx.discard = true;
    } else if outcome.added_total + outcome.updated_total == 0 {
        tx.discard = true;
    }
    Ok(outcome)
}

pub(super) fn rejected(file: &str, problems: Vec<Problem>) -> Error {
    Error::Rejected {
        what: file.to_string(),
        problems,
    }
}

/// A yes/no cell: `true`, `x`, `có`, `1` and their opposites.
pub(super) fn parse_flag(field: &str, s: &str) -> Result<bool> {
    match text::fold(s).as_str() {
        "true" | "yes" | "x" | "co" | "1" | "dung" => Ok(true),
        "false" | "no" | "" | "khong" | "0" | "sai" => Ok(false),
        _ => Err(Error::invalid(
            field,
            format!("'{s}' is not yes or no; write true or false"),
            format!("'{s}' không phải có/không; hãy viết true hoặc false"),
        )),
    }
}

/// A report or assessment status; empty means a draft.
pub(super) fn parse_status(s: &str) -> Result<crate::domain::workflow::Status> {
    use crate::domain::workflow::Status;
    if s.is_empty() {
        return Ok(Status::Draft);
    }
    Status::parse(s).ok_or_else(|| {
        Error::invalid(
            "status",
            format!("'{s}' is not a status; write draft, submitted, approved or returned"),
            format!("'{s}' không phải trạng thái; hãy ghi nháp, đã gửi, đã duyệt hoặc trả lại"),
        )
    })
}

/// Moves a record to an imported status, noting the step in its history.
pub(super) fn record_status(
    history: &mut Vec<crate::domain::workflow::Step>,
    status: &mut crate::domain::workflow::Status,
    to: crate::domain::workflow::Status,
    by: &str,
    at: i64,
) {
    if *status != to {
        history.push(crate::domain::workflow::Step {
            status: to,
            by: by.to_string(),
            at,
            note: "import".into(),
        });
        *status = to;
    }
}
