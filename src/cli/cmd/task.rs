//! `antq task`: follow-up tasks: add, edit, log, done, cancel, show, list.

use crate::cli::output::out;
use clap::{Args, Subcommand};

use crate::cli::ctx::*;
use crate::cli::output::all_pages;
use crate::cli::table::Table;
use crate::domain::date::{fmt_date, parse_date};
use crate::domain::task::{Directive, Priority, TaskStatus};
use crate::error::{Error, Result};
use crate::service::api::*;

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
        #[command(flatten)]
        source: SourceArgs,
        /// Coordinating units, comma-separated
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        with: Vec<String>,
        /// thấp/low, thường/normal, cao/high
        #[arg(long, default_value = "normal")]
        priority: String,
        #[arg(long, default_value = "")]
        details: String,
    },
    /// Change an open task: title, lead unit, due date, priority, coordinating units, source (any --source option replaces the whole source), details
    Edit {
        id: u64,
        #[arg(long)]
        title: Option<String>,
        /// Lead unit
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Coordinating units, comma-separated; an empty value removes them all
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        with: Option<Vec<String>>,
        /// thấp/low, thường/normal, cao/high
        #[arg(long)]
        priority: Option<String>,
        #[arg(long)]
        details: Option<String>,
        #[command(flatten)]
        source: SourceArgs,
        /// Remove the source directive
        #[arg(long = "no-source", conflicts_with_all = ["source", "source_number", "source_date", "source_issuer"])]
        no_source: bool,
    },
    /// Hand an open task of an ended unit over to the unit it continued into
    Handover { id: u64 },
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

impl Ctx<'_> {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per `task` subcommand: the table of what each does"
    )]
    pub(crate) fn task(&self, c: TaskCmd) -> Result<()> {
        match c {
            TaskCmd::Add {
                title,
                unit,
                due,
                source,
                with,
                priority,
                details,
            } => {
                let due = parse_date("due", &due)?;
                let priority = parse_priority(&priority)?;
                let source = source.directive()?;
                let coordinating = codes(with);
                let t = self.svc.add_task(
                    self.a,
                    NewTask {
                        title,
                        details,
                        source,
                        lead_unit: unit,
                        coordinating,
                        due,
                        priority,
                    },
                )?;
                self.saved(
                    format!("Đã thêm nhiệm vụ #{}, hạn {}.", t.id, fmt_date(t.due)),
                    format!("Added task #{}, due {}.", t.id, fmt_date(t.due)),
                );
                Ok(())
            }
            TaskCmd::Edit {
                id,
                title,
                unit,
                due,
                with,
                priority,
                details,
                source,
                no_source,
            } => {
                let source = match source.directive()? {
                    Some(d) => Some(Some(d)),
                    None => no_source.then_some(None),
                };
                let p = TaskPatch {
                    title,
                    details,
                    source,
                    lead_unit: unit,
                    coordinating: with.map(codes),
                    due: due.map(|d| parse_date("due", &d)).transpose()?,
                    priority: priority.as_deref().map(parse_priority).transpose()?,
                    base_revision: None,
                };
                let t = self.svc.edit_task(self.a, id, p)?;
                self.saved(
                    format!(
                        "Đã sửa nhiệm vụ #{}: {}, hạn {}.",
                        t.id,
                        t.title,
                        fmt_date(t.due)
                    ),
                    format!(
                        "Changed task #{}: {}, due {}.",
                        t.id,
                        t.title,
                        fmt_date(t.due)
                    ),
                );
                Ok(())
            }
            TaskCmd::Log { id, text, percent } => {
                let t = self.svc.log_task(self.a, id, &text, percent)?;
                self.saved(
                    format!("Đã ghi tiến độ nhiệm vụ #{} ({}%).", t.id, t.percent()),
                    format!("Logged progress on task #{} ({}%).", t.id, t.percent()),
                );
                Ok(())
            }
            TaskCmd::Done { id } => {
                self.svc.complete_task(self.a, id)?;
                self.saved(
                    format!("Nhiệm vụ #{id} đã hoàn thành."),
                    format!("Task #{id} is done."),
                );
                Ok(())
            }
            TaskCmd::Cancel { id, reason } => {
                self.svc.cancel_task(self.a, id, &reason)?;
                self.saved(
                    format!("Đã hủy nhiệm vụ #{id}."),
                    format!("Cancelled task #{id}."),
                );
                Ok(())
            }
            TaskCmd::Handover { id } => {
                let t = self.svc.hand_over_task(self.a, id, None)?;
                let lead = crate::domain::unit::official_code(&t.lead_unit);
                self.saved(
                    format!("Đã bàn giao nhiệm vụ #{id} cho {lead}."),
                    format!("Handed task #{id} over to {lead}."),
                );
                Ok(())
            }
            TaskCmd::Show { id } => self.task_show(id),
            TaskCmd::List {
                overdue,
                under,
                all,
                status,
            } => {
                let statuses = match (all, status) {
                    (_, Some(s)) => vec![TaskStatus::parse(&s).ok_or_else(|| {
                        Error::invalid(
                            "status",
                            format!(
                                "'{s}' is not a status; use new, in-progress, done or cancelled"
                            ),
                            format!(
                                "'{s}' không hợp lệ; dùng mới, đang thực hiện, hoàn thành hoặc hủy"
                            ),
                        )
                    })?],
                    (true, None) => TaskStatus::ALL.to_vec(),
                    (false, None) => vec![],
                };
                self.task_list(TaskQuery {
                    overdue,
                    under,
                    statuses,
                    due_before: None,
                    offset: 0,
                    limit: MAX_LIMIT,
                })
            }
        }
    }

    pub(crate) fn task_list(&self, q: TaskQuery) -> Result<()> {
        let today = crate::domain::date::today(jiff::Timestamp::now());
        let tasks = all_pages(|offset, limit| {
            self.svc.tasks(
                self.a,
                &TaskQuery {
                    offset,
                    limit,
                    ..q.clone()
                },
            )
        })?;
        let mut t = Table::new(&[
            "#",
            self.t("Hạn", "Due"),
            "",
            self.t("Đơn vị", "Unit"),
            self.t("Trạng thái", "Status"),
            "%",
            self.t("Nhiệm vụ", "Task"),
        ]);
        for x in &tasks {
            let flag = if x.is_overdue(today) {
                self.t("QUÁ HẠN", "OVERDUE")
            } else {
                ""
            };
            t.row(vec![
                x.id.to_string(),
                fmt_date(x.due),
                flag.to_string(),
                crate::domain::unit::official_code(&x.lead_unit).to_string(),
                x.status.label(self.lang).to_string(),
                x.percent().to_string(),
                x.title.clone(),
            ]);
        }
        self.print_counted(&t, tasks.len(), "nhiệm vụ", "tasks");
        Ok(())
    }

    pub(crate) fn task_show(&self, id: u64) -> Result<()> {
        let t = self.svc.task(self.a, id)?;
        let l = self.lang;
        out!("#{} {}", t.id, t.title);
        out!(
            "{}: {}  {}: {}  {}: {}",
            self.t("Hạn", "Due"),
            fmt_date(t.due),
            self.t("Ưu tiên", "Priority"),
            t.priority.label(l),
            self.t("Trạng thái", "Status"),
            t.status.label(l)
        );
        let plain = |c: &String| crate::domain::unit::official_code(c).to_string();
        let with: Vec<String> = t.coordinating.iter().map(plain).collect();
        out!(
            "{}: {}{}",
            self.t("Chủ trì", "Lead"),
            plain(&t.lead_unit),
            if with.is_empty() {
                String::new()
            } else {
                format!("; {}: {}", self.t("phối hợp", "with"), with.join(", "))
            }
        );
        if let Some(s) = &t.source {
            out!("{}: {}", self.t("Nguồn", "Source"), s.line());
        }
        if !t.details.is_empty() {
            out!("{}", t.details);
        }
        for e in &t.log {
            out!(
                "  {} {}{}: {}",
                crate::domain::date::fmt_time(e.at),
                e.by,
                e.percent.map(|p| format!(" ({p}%)")).unwrap_or_default(),
                e.text
            );
        }
        Ok(())
    }
}

fn parse_priority(p: &str) -> Result<Priority> {
    Priority::parse(p).ok_or_else(|| {
        Error::invalid(
            "priority",
            format!("'{p}' is not a priority; use low, normal or high"),
            format!("'{p}' không hợp lệ; dùng thấp, thường hoặc cao"),
        )
    })
}

/// The directive a task comes from. On `edit`, any of these replaces the whole source.
#[derive(Args, Debug)]
pub struct SourceArgs {
    /// The directive it comes from (summary)
    #[arg(long)]
    source: Option<String>,
    #[arg(long = "source-number")]
    source_number: Option<String>,
    #[arg(long = "source-date", value_name = "DATE")]
    source_date: Option<String>,
    #[arg(long = "source-issuer")]
    source_issuer: Option<String>,
}

impl SourceArgs {
    /// The directive, or none when no option was given.
    fn directive(self) -> Result<Option<Directive>> {
        let SourceArgs {
            source,
            source_number,
            source_date,
            source_issuer,
        } = self;
        if source.is_none()
            && source_number.is_none()
            && source_date.is_none()
            && source_issuer.is_none()
        {
            return Ok(None);
        }
        Ok(Some(Directive {
            number: source_number.unwrap_or_default(),
            date: source_date
                .map(|d| parse_date("source-date", &d))
                .transpose()?,
            issuer: source_issuer.unwrap_or_default(),
            summary: source.unwrap_or_default(),
        }))
    }
}

fn codes(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
