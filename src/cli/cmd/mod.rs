//! The subcommands, one module per group, each with its arguments and its handlers (the
//! shape atuin uses). `dispatch` sends a parsed command to its group.

pub mod assess;
pub mod exchange;
pub mod exemplar;
pub mod export;
mod export_filter;
mod export_write;
pub mod indicators;
pub mod init;
pub mod maintenance;
pub mod office;
pub mod report;
pub mod settings;
pub mod task;
pub mod units;
pub mod users;

use std::path::PathBuf;

use clap::Subcommand;

use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::i18n::Lang;
use crate::service::api::*;
use assess::AssessCmd;
use exchange::{BundleCmd, ImportWhat, SummaryFormat};
use exemplar::ExemplarCmd;
use export::{ExportWhat, Format};
use indicators::IndicatorsCmd;
use office::OfficeCmd;
use report::ReportCmd;
use settings::SettingsCmd;
use task::TaskCmd;
use units::UnitsCmd;
use users::UserCmd;

/// Every command that works on an open store or a server: all but `serve` and `restore`,
/// which need the store folder itself.
#[derive(Subcommand, Debug)]
pub enum Data {
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
    /// Write records as CSV, JSON or an Excel workbook (to stdout, or to a file with -o)
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        /// The file's format; without it, -o's extension says (.xlsx, .json), else csv
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// For a double-click in Excel or LibreOffice: a BOM, DD/MM/YYYY dates, codes kept as text
        #[arg(long)]
        excel: bool,
        /// Field separator for CSV, e.g. ';' for Excel set to Vietnamese regional format
        #[arg(long, value_name = "CHAR", default_value_t = ',')]
        delimiter: char,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Reports of this period only (2024-03, 2024-Q1, 2024-H1, 2024)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Reports of this unit and everything below it
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// Reports in this state (draft, submitted, approved, returned)
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
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
    Backup {
        file: PathBuf,
        /// Copy the store's files into the new folder FILE instead: restores at disk speed,
        /// but only into the same antq version (not through a server)
        #[arg(long)]
        raw: bool,
    },
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
        /// JSON for scripts (times in RFC 3339)
        #[arg(long)]
        json: bool,
    },
    /// Verify that every record decodes and every index agrees with its records
    Check {
        /// JSON for scripts: the counts and every problem
        #[arg(long)]
        json: bool,
    },
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

pub fn dispatch(svc: &dyn Service, lang: Lang, cmd: Data) -> Result<()> {
    let a = Actor::current();
    let ctx = Ctx { svc, a: &a, lang };
    match cmd {
        Data::Init {
            registry: true,
            dry_run,
            ..
        } => ctx.init_registry(dry_run),
        Data::Init { sample, .. } => ctx.init(sample),
        Data::Units(c) => ctx.units(c),
        Data::Indicators(IndicatorsCmd::List) => ctx.indicators(),
        Data::Indicators(set) => ctx.indicator_set(set),
        Data::Settings(c) => ctx.settings(c),
        Data::User(c) => ctx.user(c),
        Data::Report(c) => ctx.report(c),
        Data::Assess(c) => ctx.assess(c),
        Data::Exemplar(c) => ctx.exemplar(c),
        Data::Task(c) => ctx.task(c),
        Data::Export {
            what,
            format,
            excel,
            delimiter,
            output,
            period,
            under,
            status,
        } => {
            let filter = ReportQuery {
                period: period
                    .as_deref()
                    .map(crate::domain::period::Period::parse)
                    .transpose()?,
                status: status.as_deref().map(export::parse_status).transpose()?,
                under,
                ..Default::default()
            };
            let opts = export::Options {
                format: format.unwrap_or_else(|| Format::of_file(output.as_deref())),
                excel,
                delimiter,
                output,
                filter,
                lang,
            };
            export::run(svc, &a, what, &opts)
        }
        Data::Import {
            what,
            file,
            dry_run,
        } => exchange::import(&ctx, what, &file, dry_run),
        Data::Bundle(c) => exchange::bundle(&ctx, c),
        Data::Office(c) => office::office(&ctx, c),
        Data::Backup { file, .. } => exchange::backup(&ctx, &file),
        Data::Summary {
            period,
            under,
            format,
        } => exchange::summary(&ctx, &period, under.as_deref(), format),
        Data::Audit {
            entity,
            limit,
            json,
        } => ctx.audit(entity, limit, json),
        Data::Check { json } => ctx.check(json),
        Data::Gen {
            units,
            reports,
            tasks,
            seed,
        } => ctx.gen(units, reports, tasks, seed),
    }
}
