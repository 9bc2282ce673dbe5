//! The service interface: the only door to data. Every call names the acting user.
//!
//! The embedded implementation (`local::LocalService`) and the `antq serve` client
//! (`remote::client::Client`) implement this same trait, so the TUI and CLI never know which
//! one they talk to.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::office::Office;

use crate::domain::assessment::{Assessment, Decision, Grade, Safety};
use crate::domain::audit::AuditEntry;
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::{Directive, Priority, Task, TaskStatus};
use crate::domain::unit::{Unit, UnitKind};
use crate::domain::workflow::Status;
use crate::domain::Settings;
use crate::error::Result;

/// Who is acting; the server will fill this from the socket's peer credentials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
}

impl Actor {
    pub fn new(name: &str) -> Actor {
        Actor {
            name: name.to_string(),
        }
    }

    /// The OS user running this process (see `os_users::current_user`).
    pub fn current() -> Actor {
        Actor {
            name: crate::os_users::current_user(),
        }
    }
}

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Offset of the next page, if there is one.
    pub next: Option<usize>,
    /// Where the next page starts, for listings that page by key rather than by offset.
    pub cursor: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UnitQuery {
    pub under: Option<String>,
    /// Units that existed on this day, under that day's parents (default: the current tree).
    pub on: Option<Date>,
    pub search: Option<String>,
    pub kind: Option<UnitKind>,
    pub include_retired: bool,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<String>,
    pub valid_from: Option<Date>,
    pub notes: String,
}

/// Fields left `None` are not changed. `parent: Some(None)` moves the unit to the top.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UnitPatch {
    /// The first day the new values hold; the old ones stay in history. None corrects them.
    pub from: Option<Date>,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    pub parent: Option<Option<String>>,
    pub notes: Option<String>,
    pub base_revision: Option<u64>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReportQuery {
    pub period: Option<Period>,
    pub status: Option<Status>,
    pub under: Option<String>,
    /// With no period and no unit: page by key instead of by offset, so reading every report
    /// costs one pass whatever the store's size. `Some("")` asks for the first page; each page
    /// gives the next one's `cursor`.
    pub after: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

/// Values to set (`Some`) or clear (`None`) on a draft report, created if missing.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportInput {
    pub unit: String,
    pub period: Period,
    pub values: Vec<(String, Option<u32>)>,
    pub narrative: Option<String>,
    pub base_revision: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub period: Period,
    pub deadline: Date,
    pub expected: usize,
    pub submitted: usize,
    pub on_time: usize,
    pub drafts: usize,
    pub returned: usize,
    pub awaiting_approval: usize,
    /// Expected units with nothing submitted, in tree order.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AssessmentInput {
    pub unit: String,
    pub year: i16,
    pub safety: Option<Safety>,
    pub score: Option<Option<u8>>,
    pub grade_override: Option<Option<Grade>>,
    pub decision: Option<Option<Decision>>,
    pub notes: Option<String>,
    /// Why a grade set by hand differs from the score's; required when it does.
    pub override_reason: Option<String>,
    pub base_revision: Option<u64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NewTask {
    pub title: String,
    pub details: String,
    pub source: Option<Directive>,
    pub lead_unit: String,
    pub coordinating: Vec<String>,
    pub due: Date,
    pub priority: Priority,
}

/// A change to a task; `None` keeps the field as it is.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub details: Option<String>,
    /// `Some(None)` removes the source directive.
    pub source: Option<Option<Directive>>,
    pub lead_unit: Option<String>,
    pub coordinating: Option<Vec<String>>,
    pub due: Option<Date>,
    pub priority: Option<Priority>,
    pub base_revision: Option<u64>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TaskQuery {
    pub overdue: bool,
    pub under: Option<String>,
    /// Statuses to include; empty means open tasks (Mới and Đang thực hiện).
    pub statuses: Vec<TaskStatus>,
    pub due_before: Option<Date>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AuditQuery {
    pub entity: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

/// Records written in bulk by the generator and importers.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Bulk {
    pub units: Vec<Unit>,
    pub reports: Vec<Report>,
    pub tasks: Vec<Task>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub records: u64,
    pub index_entries: u64,
    pub problems: Vec<String>,
}

/// What an import file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    Units,
    /// Links `from,to,on`: several rows with one `from` are a split, with one `to` a merge.
    Lineage,
    Reports,
    Assessments,
    Tasks,
}

/// A decoded spreadsheet: its header row as written, and its rows with their file lines.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportTable {
    pub kind: ImportKind,
    /// Names the problems' file.
    pub file: String,
    pub headers: Vec<String>,
    pub rows: crate::exchange::table_rows::Rows,
}

/// A spreadsheet as it is read: its header row, then its rows block by block. A problem the
/// reader meets further on (a bad quote, a byte that is not UTF-8) comes as an `Err` block.
pub struct ImportStream<'s> {
    pub head: ImportHead,
    pub blocks: &'s mut dyn Iterator<Item = Result<crate::exchange::table_rows::Block>>,
}

/// What an import needs besides its rows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportHead {
    pub kind: ImportKind,
    /// Names the problems' file.
    pub file: String,
    pub headers: Vec<String>,
}

/// Bytes of rows sent in one part of an upload, as the wire counts them: well under a
/// request's bound (16 MB) whatever the cells.
pub const UPLOAD_PART: usize = 4 << 20;
/// Bytes of an upload the server reads whole (a file of one figure per row): no more than one
/// request may carry, as before uploads.
pub const MAX_HELD_UPLOAD: u64 = 16 << 20;

impl ImportStream<'_> {
    /// Reads every block into a table.
    pub fn hold(self) -> Result<ImportTable> {
        let rows = crate::exchange::csv_table::hold_blocks(&self.head.file, self.blocks)?;
        let ImportHead {
            kind,
            file,
            headers,
        } = self.head;
        Ok(ImportTable {
            kind,
            file,
            headers,
            rows,
        })
    }
}

/// Sends a file's rows to `svc` in parts of about `UPLOAD_PART` bytes, until the file ends or
/// its reader meets a problem (returned with the upload, to list with the rows' own).
fn send_parts<S: Service + ?Sized>(
    svc: &S,
    a: &Actor,
    blocks: &mut dyn Iterator<Item = Result<crate::exchange::table_rows::Block>>,
) -> Result<(u64, Option<Vec<crate::error::Problem>>)> {
    let (mut upload, mut late) = (0, None);
    let mut part = crate::exchange::table_rows::Rows::default();
    let mut part_bytes = 0;
    for block in blocks {
        let block = match block {
            Err(crate::error::Error::Rejected { problems, .. }) => {
                late = Some(problems);
                break;
            }
            other => other?,
        };
        for row in block.iter() {
            // What the wire spends on a row: its line and count, and each cell's length.
            let bytes = 16 + row.len() * 8 + row.iter().map(str::len).sum::<usize>();
            if part_bytes + bytes > UPLOAD_PART && !part.is_empty() {
                upload = svc.upload_part(a, upload, std::mem::take(&mut part))?;
                part_bytes = 0;
            }
            part.push(row.line, row.iter());
            part_bytes += bytes;
        }
    }
    if !part.is_empty() || upload == 0 {
        upload = svc.upload_part(a, upload, part)?;
    }
    Ok((upload, late))
}

/// The official registry before and after a reform, and the reform's links.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegistryFiles {
    pub before: ImportTable,
    pub after: ImportTable,
    pub links: ImportTable,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// Keys of records added and updated, in file order: the first `KEPT` of each.
    pub added: Vec<String>,
    pub updated: Vec<String>,
    /// How many records were added and updated in all.
    pub added_total: usize,
    pub updated_total: usize,
    pub unchanged: usize,
    pub dry_run: bool,
}

impl ImportOutcome {
    /// Keys kept of each kind. A national import changes a million records: their keys took
    /// 40 MB of the server's memory and crossed the socket whole, to show eight of them.
    pub const KEPT: usize = 100;

    pub fn note_added(&mut self, key: &str) {
        self.added_total += 1;
        if self.added.len() < Self::KEPT {
            self.added.push(key.to_string());
        }
    }

    pub fn note_updated(&mut self, key: &str) {
        self.updated_total += 1;
        if self.updated.len() < Self::KEPT {
            self.updated.push(key.to_string());
        }
    }
}

/// A consistent snapshot held by the service until read to its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub id: u64,
    pub len: u64,
    pub records: u64,
}

/// The largest piece of a backup sent in one reply.
pub const BACKUP_CHUNK: usize = 4 << 20;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleOutcome {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    /// Changed on both sides: the local version stays, the incoming one is kept beside it.
    pub conflicts: Vec<String>,
    /// Behind the local version (an older bundle again): not applied.
    pub older: Vec<String>,
}

/// One conflict, described for a list: the entity and both versions field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictInfo {
    pub entity: String,
    pub origin: String,
    pub received_at: i64,
    pub fields: Vec<crate::domain::conflict::Field>,
}

/// One row of a roll-up: a unit and the totals of its subtree for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub code: String,
    pub name: String,
    pub depth: u8,
    pub expected: u32,
    pub submitted: u32,
    pub on_time: u32,
    /// Reports counted here that were approved, reopened and changed since: their figures
    /// are not the ones first approved.
    pub reopened: u32,
    /// One total per indicator of `Summary::indicators`, in that order.
    pub totals: Vec<u64>,
    /// Codes of merged units whose reports count here.
    pub absorbed: Vec<String>,
    /// Split units' figures shown here as "(part of X)": counted once, in the lowest row
    /// above all of X's successors, never in this row's own totals.
    pub parts: Vec<SummaryPart>,
    /// Where this unit's own figures come from: its report for the period, or made from the
    /// shorter periods inside it (with merged units' figures in it).
    pub source: crate::domain::made::Source,
    /// Its filed report differs from the complete set of shorter reports inside the period.
    pub differs: bool,
    /// Units counted in this row (itself and below) whose figures were made from shorter
    /// periods, and how many of those cover only part of the period.
    pub made: u32,
    pub partial: u32,
}

impl SummaryRow {
    /// A row with nothing counted yet, for `indicators` totals.
    pub fn empty(indicators: usize) -> SummaryRow {
        SummaryRow {
            code: String::new(),
            name: String::new(),
            depth: 0,
            expected: 0,
            submitted: 0,
            on_time: 0,
            reopened: 0,
            totals: vec![0; indicators],
            absorbed: Vec::new(),
            parts: Vec::new(),
            source: crate::domain::made::Source::Missing,
            differs: false,
            made: 0,
            partial: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPart {
    pub unit: String,
    pub name: String,
    pub totals: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub period: Period,
    pub indicators: Vec<String>,
    /// The chosen unit first, then the units below it in tree order.
    pub rows: Vec<SummaryRow>,
    /// For a unit made after the period: the units its area was then (its predecessors, or
    /// theirs), whose trees are the rows below it. Empty otherwise.
    pub area: Vec<AreaPart>,
}

impl Summary {
    /// "Today's area of 92 Cần Thơ, as it was in 2024: 93 Hậu Giang (old)", when the summary
    /// is of a unit made after its period.
    pub fn area_heading(&self, l: crate::i18n::Lang) -> Option<String> {
        let top = self.rows.first().filter(|_| !self.area.is_empty())?;
        let parts: Vec<String> = self
            .area
            .iter()
            .map(|p| {
                let code = crate::domain::unit::official_code(&p.unit);
                let mut x = format!("{code} {} ({})", p.name, l.pick("cũ", "old"));
                if p.shared {
                    x.push_str(l.pick(", một phần", ", in part"));
                }
                x
            })
            .collect();
        let code = crate::domain::unit::official_code(&top.code);
        let (name, period, parts) = (&top.name, self.period, parts.join("; "));
        Some(
            l.pick(
                &format!("Địa bàn hiện nay của {code} {name}, như trong kỳ {period}: {parts}"),
                &format!("Today's area of {code} {name}, as it was in {period}: {parts}"),
            )
            .to_string(),
        )
    }
}

/// A unit that is now part of a summary's unit, as it was in the summary's period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaPart {
    pub unit: String,
    pub name: String,
    /// Split between several successors: only part of it is in today's area, yet its whole
    /// figures are shown, once.
    pub shared: bool,
}

pub use super::trend::{Trend, TrendScope, TREND_PERIODS};

pub trait Service {
    // Accounts.
    /// The caller's own account, as the service resolves it.
    fn whoami(&self, a: &Actor) -> Result<crate::domain::account::Account>;
    fn users(&self, a: &Actor) -> Result<Vec<crate::domain::account::Account>>;
    fn add_user(
        &self,
        a: &Actor,
        acc: crate::domain::account::Account,
    ) -> Result<crate::domain::account::Account>;
    fn remove_user(&self, a: &Actor, name: &str) -> Result<()>;

    // Units.
    fn unit(&self, a: &Actor, code: &str) -> Result<Unit>;
    /// The unit that held `code` on `on`.
    fn unit_on(&self, a: &Actor, code: &str, on: Date) -> Result<Unit>;
    fn units(&self, a: &Actor, q: &UnitQuery) -> Result<Page<Unit>>;
    /// The unit and its ancestors, from the top down.
    fn unit_path(&self, a: &Actor, code: &str) -> Result<Vec<Unit>>;
    fn add_unit(&self, a: &Actor, u: NewUnit) -> Result<Unit>;
    fn edit_unit(&self, a: &Actor, code: &str, p: UnitPatch) -> Result<Unit>;
    fn retire_unit(&self, a: &Actor, code: &str, on: Date) -> Result<Unit>;
    fn merge_units(&self, a: &Actor, from: &[String], into: &str, on: Date) -> Result<Unit>;
    /// Undoes a whole merge while the successor has nothing recorded from the merge day on.
    fn unmerge_unit(&self, a: &Actor, code: &str) -> Result<Unit>;
    /// Reopens a retired unit.
    fn unretire_unit(&self, a: &Actor, code: &str) -> Result<Unit>;
    fn delete_unit(&self, a: &Actor, code: &str) -> Result<()>;

    // Catalogue and settings.
    fn indicators(&self, a: &Actor) -> Result<Vec<Indicator>>;
    fn put_indicator(&self, a: &Actor, ind: Indicator) -> Result<Indicator>;
    fn settings(&self, a: &Actor) -> Result<Settings>;
    fn set_settings(&self, a: &Actor, s: Settings) -> Result<Settings>;

    // Reports.
    fn report(&self, a: &Actor, unit: &str, period: Period) -> Result<Option<Report>>;
    fn save_report(&self, a: &Actor, r: ReportInput) -> Result<Report>;
    fn submit_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report>;
    fn approve_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report>;
    fn return_report(&self, a: &Actor, unit: &str, period: Period, reason: &str) -> Result<Report>;
    /// The unit takes back a submitted report, before approval, to correct it.
    fn withdraw_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report>;
    /// The level above opens an approved report again for a correction, with a reason.
    fn reopen_report(&self, a: &Actor, unit: &str, period: Period, reason: &str) -> Result<Report>;
    fn reports(&self, a: &Actor, q: &ReportQuery) -> Result<Page<Report>>;
    fn completeness(&self, a: &Actor, period: Period, under: Option<&str>) -> Result<Completeness>;

    // Assessments and exemplars.
    fn assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Option<Assessment>>;
    fn save_assessment(&self, a: &Actor, i: AssessmentInput) -> Result<Assessment>;
    fn submit_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment>;
    fn approve_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment>;
    fn return_assessment(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        reason: &str,
    ) -> Result<Assessment>;
    /// The unit takes back a submitted assessment, before approval.
    fn withdraw_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment>;
    /// The level above opens an approved assessment again, with a reason.
    fn reopen_assessment(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        reason: &str,
    ) -> Result<Assessment>;
    fn assessments(
        &self,
        a: &Actor,
        year: Option<i16>,
        under: Option<&str>,
    ) -> Result<Vec<Assessment>>;
    fn select_exemplar(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        decision: Option<Decision>,
    ) -> Result<Exemplar>;
    /// `base_revision`: the exemplar's revision the caller saw; a change since is refused.
    fn set_exemplar_status(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        status: ExemplarStatus,
        base_revision: Option<u64>,
    ) -> Result<Exemplar>;
    fn exemplars(&self, a: &Actor, year: Option<i16>) -> Result<Vec<Exemplar>>;

    // Tasks.
    fn add_task(&self, a: &Actor, t: NewTask) -> Result<Task>;
    fn task(&self, a: &Actor, id: u64) -> Result<Task>;
    /// Changes an open task's title, units, due date, priority, source or details.
    fn edit_task(&self, a: &Actor, id: u64, p: TaskPatch) -> Result<Task>;
    /// Moves an open task whose lead unit has ended to the one unit it continued into.
    fn hand_over_task(&self, a: &Actor, id: u64, base_revision: Option<u64>) -> Result<Task>;
    fn log_task(&self, a: &Actor, id: u64, text: &str, percent: Option<u8>) -> Result<Task>;
    fn complete_task(&self, a: &Actor, id: u64) -> Result<Task>;
    fn cancel_task(&self, a: &Actor, id: u64, reason: &str) -> Result<Task>;
    fn tasks(&self, a: &Actor, q: &TaskQuery) -> Result<Page<Task>>;

    // Audit and maintenance.
    fn audit(&self, a: &Actor, q: &AuditQuery) -> Result<Page<AuditEntry>>;
    fn bulk_load(&self, a: &Actor, b: Bulk) -> Result<()>;
    fn check(&self, a: &Actor) -> Result<CheckSummary>;

    // Exchange.
    /// Checks every row, then writes all or nothing (nothing at all with `dry_run`).
    fn import(&self, a: &Actor, t: ImportTable, dry_run: bool) -> Result<ImportOutcome>;
    /// Like `import`, reading the file as it goes where the import allows: the store's own
    /// import of reports holds one block of the file at a time, whatever its size. This
    /// default (the server's client) sends a report file in parts (`upload_part`), then has
    /// the server import them; other files go whole, as one request's bound allows.
    fn import_stream(&self, a: &Actor, t: ImportStream, dry_run: bool) -> Result<ImportOutcome> {
        if t.head.kind != ImportKind::Reports {
            return self.import(a, t.hold()?, dry_run);
        }
        // A report file of any size reaches a server part by part; the server imports it as
        // the store does a local file.
        let (upload, late) = send_parts(self, a, t.blocks)?;
        let head = t.head;
        let file = head.file.clone();
        let Some(late) = late else {
            return self.import_upload(a, upload, head, dry_run);
        };
        // What the reader met further on is listed with the problems of the rows before it,
        // as a local import lists them; nothing is written.
        let mut problems = match self.import_upload(a, upload, head, true) {
            Err(crate::error::Error::Rejected { problems, .. }) => problems,
            Err(e) => return Err(e),
            Ok(_) => Vec::new(),
        };
        problems.extend(late);
        problems.sort_by_key(|p| p.line);
        Err(crate::error::Error::Rejected {
            what: file,
            problems,
        })
    }
    /// Keeps rows of a file being sent for an import: `upload` 0 starts an upload (letting go
    /// of the caller's oldest past a few), another adds to it. Returns the upload's number.
    fn upload_part(
        &self,
        a: &Actor,
        upload: u64,
        rows: crate::exchange::table_rows::Rows,
    ) -> Result<u64>;
    /// Imports what an upload holds, all or nothing, and lets it go.
    fn import_upload(
        &self,
        a: &Actor,
        upload: u64,
        head: ImportHead,
        dry_run: bool,
    ) -> Result<ImportOutcome>;
    /// Loads the registry before and after a reform into an empty store, all or nothing.
    fn load_registry(&self, a: &Actor, f: RegistryFiles, dry_run: bool) -> Result<ImportOutcome>;
    fn backup_begin(&self, a: &Actor) -> Result<BackupInfo>;
    /// Up to `BACKUP_CHUNK` bytes from `offset`; reading the last one releases the snapshot.
    fn backup_chunk(&self, a: &Actor, id: u64, offset: u64) -> Result<Vec<u8>>;
    /// The bundle's contents, unsigned: the office signs them with its own key
    /// (`bundle_file::sign`), which never leaves the office.
    fn bundle_export(&self, a: &Actor, under: &str, since: Date) -> Result<Vec<u8>>;
    /// Registers (or replaces) the public key of the office answering for `unit` (admin).
    fn register_office(&self, a: &Actor, unit: &str, public_key: Vec<u8>) -> Result<Office>;
    fn offices(&self, a: &Actor) -> Result<Vec<Office>>;
    fn remove_office(&self, a: &Actor, unit: &str) -> Result<()>;
    fn bundle_import(&self, a: &Actor, bytes: Vec<u8>, dry_run: bool) -> Result<BundleOutcome>;
    fn conflicts(&self, a: &Actor) -> Result<Vec<ConflictInfo>>;
    /// Keeps the local version (`take_incoming` false) or replaces it with the bundle's.
    fn resolve_conflict(&self, a: &Actor, entity: &str, take_incoming: bool) -> Result<()>;
    fn summary(&self, a: &Actor, period: Period, under: Option<&str>) -> Result<Summary>;
    /// A unit's figures for a quarter, half or year made from its shorter reports, for a form
    /// that has no report yet; None for a month or when nothing inside was filed.
    fn made_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Option<MadeFigures>>;
    /// A unit's figures over the `TREND_PERIODS` periods that end with `period`.
    fn trend(&self, a: &Actor, unit: &str, period: Period, scope: TrendScope) -> Result<Trend>;
}

/// Figures made from the shorter periods inside a longer one, by indicator code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeFigures {
    pub values: Vec<(String, u64)>,
    pub source: crate::domain::made::Source,
}

/// Every report the actor may read, through any service: an export's rows. A page at a time,
/// by key for a whole store (one pass, never an offset), by offset where the actor's area
/// limits the listing. Each page says how to get the next; this follows whichever it says.
pub fn all_reports<'a>(
    svc: &'a dyn Service,
    a: &'a Actor,
) -> impl Iterator<Item = Result<crate::domain::report::Report>> + 'a {
    let mut buf = std::collections::VecDeque::new();
    let (mut next, mut limit) = (Some((String::new(), 0)), MAX_LIMIT);
    std::iter::from_fn(move || loop {
        if let Some(r) = buf.pop_front() {
            return Some(Ok(r));
        }
        let (after, offset) = next.take()?;
        let q = ReportQuery {
            after: Some(after.clone()),
            offset,
            limit,
            ..Default::default()
        };
        match svc.reports(a, &q) {
            Err(crate::error::Error::Invalid { field, .. }) if field == "answer" && limit > 1 => {
                limit /= 2;
                next = Some((after, offset));
            }
            Err(e) => return Some(Err(e)),
            Ok(p) => {
                buf.extend(p.items);
                next = match (p.cursor, p.next) {
                    (Some(c), _) => Some((c, 0)),
                    (None, Some(n)) => Some((after, n)),
                    (None, None) => None,
                };
            }
        }
    })
}

/// Takes a backup through any service, embedded or remote: one snapshot, read piece by piece.
pub fn read_backup(svc: &dyn Service, a: &Actor) -> Result<(BackupInfo, Vec<u8>)> {
    let mut bytes = Vec::new();
    let info = copy_backup(svc, a, &mut bytes)?;
    Ok((info, bytes))
}

/// Like `read_backup`, writing each piece to `out` as it arrives.
pub fn copy_backup(
    svc: &dyn Service,
    a: &Actor,
    out: &mut dyn std::io::Write,
) -> Result<BackupInfo> {
    let info = svc.backup_begin(a)?;
    let mut got = 0u64;
    while got < info.len {
        let chunk = svc.backup_chunk(a, info.id, got)?;
        if chunk.is_empty() {
            break;
        }
        got += chunk.len() as u64;
        out.write_all(&chunk)
            .map_err(|e| crate::error::Error::File {
                path: "the backup file".into(),
                detail: format!("cannot write ({e})"),
            })?;
    }
    if got != info.len {
        return Err(crate::error::Error::Server {
            detail: format!(
                "the backup stopped at {} of {} bytes; try again",
                got, info.len
            ),
        });
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::ImportOutcome;

    #[test]
    fn an_outcome_keeps_its_first_keys_and_counts_them_all() {
        let mut o = ImportOutcome::default();
        for i in 0..ImportOutcome::KEPT + 5 {
            o.note_added(&format!("a{i}"));
        }
        o.note_updated("u0");
        assert_eq!(
            (o.added_total, o.updated_total),
            (ImportOutcome::KEPT + 5, 1)
        );
        assert_eq!(o.added.len(), ImportOutcome::KEPT);
        assert_eq!((o.added[0].as_str(), o.updated[0].as_str()), ("a0", "u0"));
        assert_eq!(o.added.last().map(String::as_str), Some("a99"));
    }
}
