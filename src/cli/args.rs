//! Command-line arguments (clap). Values that need domain validation stay strings here, so
//! bad input gets the domain's message and exit code 1 rather than a usage error.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "antq",
    version,
    about = "Phong trào Toàn dân bảo vệ an ninh Tổ quốc: units, reports, assessments and follow-up tasks",
    long_about = None
)]
pub struct Cli {
    /// Store location [default: $XDG_DATA_HOME/antq/db, i.e. ~/.local/share/antq/db]
    #[arg(long, global = true, env = "ANTQ_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of messages and labels [default: `lang` in ~/.config/antq/config, else vi]
    #[arg(long, global = true, env = "ANTQ_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// Talk to an `antq serve` on this socket instead of opening the store
    #[arg(long, global = true, env = "ANTQ_SOCKET", value_name = "SOCKET")]
    pub connect: Option<PathBuf>,

    /// Open the screens on a temporary copy of the Hậu Giang sample, removed at exit
    #[arg(long)]
    pub demo: bool,

    /// ASCII borders and Vietnamese without accents, for terminals without Vietnamese fonts
    #[arg(long, global = true)]
    pub ascii: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server: own the store and serve clients on a Unix socket (foreground)
    Serve {
        /// The socket to listen on (mode 0660)
        #[arg(long, value_name = "PATH")]
        socket: PathBuf,
        /// The group allowed to connect, e.g. antq-operators
        #[arg(long)]
        group: Option<String>,
        /// Requests run at once (default: twice the cores, 4 to 16); 0 runs each on its
        /// connection's thread
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=256))]
        workers: Option<u16>,
        /// Connections one OS user may hold at once (a screen holds two)
        #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
        max_per_user: u16,
    },
    /// Create the store (and optionally load the Hậu Giang sample)
    Init {
        /// Load the sample data; loading it again adds nothing
        #[arg(long)]
        sample: bool,
        /// Load the official registry shipped with antq (data/registry): the units before
        /// 1 July 2025 as history, today's units, and the reform's links; into an empty store
        #[arg(long, conflicts_with = "sample")]
        registry: bool,
        /// With --registry: check everything, write nothing
        #[arg(long, requires = "registry")]
        dry_run: bool,
    },
    /// Administrative units and participants
    #[command(subcommand)]
    Units(UnitsCmd),
    /// The indicator catalogue
    #[command(subcommand)]
    Indicators(IndicatorsCmd),
    /// Operator accounts: OS user name → role and unit
    #[command(subcommand)]
    User(UserCmd),
    /// Classification cut-offs and report deadlines
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Periodic indicator reports
    #[command(subcommand)]
    Report(ReportCmd),
    /// Yearly assessments (An toàn, classification)
    #[command(subcommand)]
    Assess(AssessCmd),
    /// Exemplars (điển hình)
    #[command(subcommand)]
    Exemplar(ExemplarCmd),
    /// Follow-up tasks from directives
    #[command(subcommand)]
    Task(TaskCmd),
    /// Write records as CSV or JSON (to stdout, or to a file with -o)
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// For a double-click in Excel or LibreOffice: a BOM, DD/MM/YYYY dates, codes kept as text
        #[arg(long)]
        excel: bool,
        /// Field separator for CSV, e.g. ';' for Excel set to Vietnamese regional format
        #[arg(long, value_name = "CHAR", default_value_t = ',')]
        delimiter: char,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read units, reports, assessments or tasks from a CSV file; every row is checked first
    /// and nothing is written if any row is wrong
    Import {
        #[arg(value_enum)]
        what: ImportWhat,
        file: PathBuf,
        /// Check the file and say what would change, without writing
        #[arg(long)]
        dry_run: bool,
    },
    /// Offline bundles: carry a district's changes to the province as one small file
    #[command(subcommand)]
    Bundle(BundleCmd),
    /// Offices whose signed bundles this store accepts, and their keys
    #[command(subcommand)]
    Office(OfficeCmd),
    /// Write a consistent snapshot of the whole store to FILE (works while others write)
    Backup { file: PathBuf },
    /// Load a backup into a new, empty store (--db), then check it
    Restore { file: PathBuf },
    /// Indicator totals and completeness for a subtree, rolled up the tree and through merges
    Summary {
        /// 2024-03, 2024-Q1, 2024-H1 or 2024
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: SummaryFormat,
    },
    /// Show the audit trail, newest first
    Audit {
        /// Only entries for one entity, e.g. unit/31338 or report/31338/2024-03
        #[arg(long)]
        entity: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Verify that every record decodes and every index agrees with its records
    Check,
    /// Generate deterministic synthetic data (for benchmarks and trials)
    Gen {
        #[arg(long, default_value_t = 1000)]
        units: usize,
        #[arg(long, default_value_t = 10000)]
        reports: usize,
        #[arg(long, default_value_t = 1000)]
        tasks: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ImportWhat {
    Units,
    /// Links `from,to,on`: several rows with one `from` are a split, with one `to` a merge
    Lineage,
    Reports,
    Assessments,
    Tasks,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum OfficeCmd {
    /// At the office: make its signing key (kept in FILE, private) and print the public half
    Keygen {
        /// The unit the office answers for, e.g. 936
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// At the province: accept bundles signed with KEY for UNIT's subtree
    Add { unit: String, key: String },
    /// The registered offices and their keys
    List,
    /// Stop accepting bundles from the office of UNIT
    Remove { unit: String },
}

#[derive(Subcommand, Debug)]
pub enum BundleCmd {
    /// Write what changed under a unit since a date into one file
    Export {
        #[arg(long, value_name = "CODE")]
        under: String,
        /// First day of changes to include (YYYY-MM-DD or DD/MM/YYYY)
        #[arg(long, value_name = "DATE")]
        since: String,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The office's private key file, from 'antq office keygen'
        #[arg(long, value_name = "KEY_FILE")]
        key: PathBuf,
    },
    /// Apply a bundle; records changed here too are kept side by side as conflicts
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// List the conflicts left by bundle imports
    Conflicts,
    /// Settle a conflict by keeping the local or the incoming version
    Resolve {
        /// The record, e.g. report/31338/2024-03
        entity: String,
        #[arg(long, value_enum)]
        keep: KeepSide,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeepSide {
    Local,
    Incoming,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportWhat {
    Units,
    /// The lineage links, `from,to,on`, as `antq import lineage` reads them
    Lineage,
    Indicators,
    Reports,
    Assessments,
    Exemplars,
    Tasks,
    Audit,
}

#[derive(Subcommand, Debug)]
pub enum UnitsCmd {
    /// List units in tree order
    List {
        /// Only this unit and those below it
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Match names ignoring accents ("vinh thuan dong"), or a code prefix
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Include retired and merged units (a search always includes them)
        #[arg(long)]
        all: bool,
        /// The units that existed on this day, under that day's parents
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Show the unit holding a code (today, or --on DATE): its dated names and parents,
    /// predecessors and successors
    Show {
        code: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Add a unit
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// xã, phường, thị trấn, huyện, khu dân cư, cơ quan… or commune, ward, district…
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        /// First day the unit exists (YYYY-MM-DD or DD/MM/YYYY)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Change a unit's name, kind, parent or notes
    Edit {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// New parent code; "-" moves the unit to the top
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// The first day the new name, kind or parent hold; the old ones stay as history.
        /// Without it the current values are corrected.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
    /// Retire a unit: its last day is --on (default today)
    Retire {
        code: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Merge units into a successor from a date; history stays with the old units
    Merge {
        #[arg(required = true)]
        codes: Vec<String>,
        #[arg(long, value_name = "CODE")]
        into: String,
        /// First day of the merged unit
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Delete a unit that has no reports, tasks, assessments or units below it
    Delete { code: String },
}

#[derive(Subcommand, Debug)]
pub enum IndicatorsCmd {
    /// List the catalogue
    List,
    /// Add an indicator or change one; omitted options keep their current values
    Set {
        code: String,
        #[arg(long = "vi", value_name = "LABEL")]
        label_vi: Option<String>,
        #[arg(long = "en", value_name = "LABEL")]
        label_en: Option<String>,
        /// Unit kinds it applies to, space-separated; "communes" and "participants" are groups
        #[arg(long)]
        kinds: Option<String>,
        /// Period types, space-separated: month quarter half year
        #[arg(long)]
        periods: Option<String>,
        #[arg(long)]
        order: Option<u16>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Add an account or change one
    Add {
        name: String,
        /// viewer, operator, approver or admin
        #[arg(long)]
        role: String,
        /// The top of the subtree the account works in (not needed for admin)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
    },
    List,
    Remove {
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum SettingsCmd {
    /// Show the classification cut-offs and report deadlines
    Show,
    /// Change cut-offs (e.g. 90/70/50) or deadlines (days after a period ends)
    Set {
        /// Minimum scores for Xuất sắc/Khá/Trung bình, e.g. 90/70/50
        #[arg(long)]
        cutoffs: Option<String>,
        #[arg(long = "deadline-month", value_name = "DAYS")]
        month: Option<u16>,
        #[arg(long = "deadline-quarter", value_name = "DAYS")]
        quarter: Option<u16>,
        #[arg(long = "deadline-half", value_name = "DAYS")]
        half: Option<u16>,
        #[arg(long = "deadline-year", value_name = "DAYS")]
        year: Option<u16>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReportCmd {
    /// Set values on a draft or returned report (created if missing); IND= clears a value
    Set {
        unit: String,
        period: String,
        #[arg(value_name = "IND=VALUE")]
        values: Vec<String>,
        #[arg(long)]
        narrative: Option<String>,
    },
    /// Show one report with every indicator that applies
    Show { unit: String, period: String },
    /// Send a report up for approval
    Submit { unit: String, period: String },
    /// Approve a submitted report; it is then locked
    Approve { unit: String, period: String },
    /// Return a submitted report with a reason
    Return {
        unit: String,
        period: String,
        #[arg(long)]
        reason: String,
    },
    /// List reports
    List {
        #[arg(long)]
        period: Option<String>,
        /// nháp/draft, đã gửi/submitted, đã duyệt/approved, trả lại/returned
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
    /// Submitted out of expected for a period, with the units still missing
    Completeness {
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum AssessCmd {
    /// Set a yearly assessment (created if missing)
    Set {
        unit: String,
        year: i16,
        #[arg(long)]
        score: Option<u8>,
        /// đạt, chưa đạt, or not assessed
        #[arg(long)]
        safety: Option<String>,
        /// Fix the level regardless of the score: xuất sắc, khá, trung bình, yếu
        #[arg(long)]
        grade: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    Submit {
        unit: String,
        year: i16,
    },
    Approve {
        unit: String,
        year: i16,
    },
    Return {
        unit: String,
        year: i16,
        #[arg(long)]
        reason: String,
    },
    /// List assessments with score, level and An toàn result
    List {
        #[arg(long)]
        year: Option<i16>,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExemplarCmd {
    /// Choose a unit rated Xuất sắc last year as this year's exemplar (adds a follow-up task)
    Select {
        unit: String,
        year: i16,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Record the outcome: đang xây dựng, đạt, không đạt
    Status {
        unit: String,
        year: i16,
        status: String,
    },
    List {
        #[arg(long)]
        year: Option<i16>,
    },
}

#[derive(Args, Debug)]
pub struct DecisionArgs {
    /// Decision number, e.g. 123/QĐ-BCĐ
    #[arg(long = "decision")]
    pub number: Option<String>,
    #[arg(long = "decision-date", value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long = "issuer")]
    pub issuer: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum TaskCmd {
    /// Add a follow-up task
    Add {
        #[arg(long)]
        title: String,
        /// Lead unit
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The directive it comes from (summary)
        #[arg(long)]
        source: Option<String>,
        #[arg(long = "source-number")]
        source_number: Option<String>,
        #[arg(long = "source-date", value_name = "DATE")]
        source_date: Option<String>,
        #[arg(long = "source-issuer")]
        source_issuer: Option<String>,
        /// Coordinating units, comma-separated
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        with: Vec<String>,
        /// thấp/low, thường/normal, cao/high
        #[arg(long, default_value = "normal")]
        priority: String,
        #[arg(long, default_value = "")]
        details: String,
    },
    /// Add a progress note
    Log {
        id: u64,
        text: String,
        #[arg(long)]
        percent: Option<u8>,
    },
    /// Mark a task done
    Done { id: u64 },
    /// Cancel a task with a reason
    Cancel {
        id: u64,
        #[arg(long)]
        reason: String,
    },
    /// Show one task with its progress log
    Show { id: u64 },
    /// List tasks by due date; open tasks unless --all or --status
    List {
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        status: Option<String>,
    },
}
