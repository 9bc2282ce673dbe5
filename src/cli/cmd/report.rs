//! `antq report`: periodic reports: set, show, list, submit, approve, return, completeness.

use crate::cli::output::{out, out_raw};
use clap::Subcommand;

use crate::cli::ctx::*;
use crate::cli::output::all_pages;
use crate::cli::table::Table;
use crate::domain::date::fmt_date;
use crate::domain::period::Period;
use crate::domain::report::{parse_value, Report};
use crate::domain::unit::{exact, official_code};
use crate::domain::workflow::Status;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::service::api::*;

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
    /// Take back a report you submitted, before it is approved, to correct it
    Withdraw { unit: String, period: String },
    /// Open an approved report again for a correction (the level above), with a reason
    Reopen {
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
        /// JSON for scripts (times in RFC 3339)
        #[arg(long)]
        json: bool,
    },
    /// Submitted out of expected for a period, with the units still missing
    Completeness {
        #[arg(long)]
        period: String,
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
        /// JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

impl Ctx<'_> {
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per `report` subcommand: the table of what each does"
    )]
    pub(crate) fn report(&self, c: ReportCmd) -> Result<()> {
        match c {
            ReportCmd::Set {
                unit,
                period,
                values,
                narrative,
            } => {
                let period = Period::parse(&period)?;
                let mut parsed = Vec::new();
                for v in &values {
                    let (k, val) = v.split_once('=').ok_or_else(|| {
                        Error::invalid(
                            "values",
                            format!("'{v}' should look like INDICATOR=VALUE, e.g. to_giac=3"),
                            format!("'{v}' cần có dạng CHỈ_TIÊU=GIÁ_TRỊ, ví dụ to_giac=3"),
                        )
                    })?;
                    parsed.push((k.trim().to_string(), parse_value(k.trim(), val)?));
                }
                if parsed.is_empty() && narrative.is_none() {
                    return Err(Error::invalid(
                        "values",
                        "give at least one INDICATOR=VALUE or --narrative",
                        "hãy nhập ít nhất một CHỈ_TIÊU=GIÁ_TRỊ hoặc --narrative",
                    ));
                }
                let r = self.svc.save_report(
                    self.a,
                    ReportInput {
                        unit,
                        period,
                        values: parsed,
                        narrative,
                        base_revision: None,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã lưu báo cáo {} kỳ {} ({}).",
                        official_code(&r.unit),
                        r.period,
                        r.status.label(Lang::Vi)
                    ),
                    format!(
                        "Saved report {} for {} ({}).",
                        official_code(&r.unit),
                        r.period,
                        r.status.label(Lang::En)
                    ),
                );
                Ok(())
            }
            ReportCmd::Show { unit, period } => self.report_show(&unit, Period::parse(&period)?),
            ReportCmd::Submit { unit, period } => {
                let r = self
                    .svc
                    .submit_report(self.a, &unit, Period::parse(&period)?)?;
                self.saved(
                    format!("Đã gửi báo cáo {} kỳ {}.", official_code(&r.unit), r.period),
                    format!(
                        "Submitted report {} for {}.",
                        official_code(&r.unit),
                        r.period
                    ),
                );
                Ok(())
            }
            ReportCmd::Approve { unit, period } => {
                let r = self
                    .svc
                    .approve_report(self.a, &unit, Period::parse(&period)?)?;
                self.saved(
                    format!(
                        "Đã duyệt báo cáo {} kỳ {}.",
                        official_code(&r.unit),
                        r.period
                    ),
                    format!(
                        "Approved report {} for {}.",
                        official_code(&r.unit),
                        r.period
                    ),
                );
                Ok(())
            }
            ReportCmd::Return {
                unit,
                period,
                reason,
            } => {
                let r = self
                    .svc
                    .return_report(self.a, &unit, Period::parse(&period)?, &reason)?;
                self.saved(
                    format!(
                        "Đã trả lại báo cáo {} kỳ {}.",
                        official_code(&r.unit),
                        r.period
                    ),
                    format!(
                        "Returned report {} for {}.",
                        official_code(&r.unit),
                        r.period
                    ),
                );
                Ok(())
            }
            ReportCmd::Withdraw { unit, period } => {
                let r = self
                    .svc
                    .withdraw_report(self.a, &unit, Period::parse(&period)?)?;
                self.saved(
                    format!(
                        "Đã rút lại báo cáo {} kỳ {}; báo cáo trở về nháp.",
                        official_code(&r.unit),
                        r.period
                    ),
                    format!(
                        "Withdrew report {} for {}; it is a draft again.",
                        official_code(&r.unit),
                        r.period
                    ),
                );
                Ok(())
            }
            ReportCmd::Reopen {
                unit,
                period,
                reason,
            } => {
                let r = self
                    .svc
                    .reopen_report(self.a, &unit, Period::parse(&period)?, &reason)?;
                self.saved(
                    format!("Đã mở lại báo cáo {} kỳ {} để sửa; đơn vị sửa rồi gửi lại.", official_code(&r.unit), r.period),
                    format!("Reopened report {} for {} for correction; the unit corrects and submits it again.", official_code(&r.unit), r.period),
                );
                Ok(())
            }
            ReportCmd::List {
                period,
                status,
                under,
                json,
            } => self.report_list(period, status, under, json),
            ReportCmd::Completeness {
                period,
                under,
                json,
            } => self.completeness(&period, under.as_deref(), json),
        }
    }

    pub(crate) fn report_show(&self, unit: &str, period: Period) -> Result<()> {
        let r = self.svc.report(self.a, unit, period)?;
        // The unit the code named for this period, as it was then.
        let u = match &r {
            Some(r) => self.svc.unit(self.a, &exact(&r.unit))?,
            None => self
                .svc
                .unit_on(self.a, unit, period.end())
                .or_else(|_| self.svc.unit(self.a, unit))?,
        };
        let prev = match period.prev() {
            Some(p) => self.svc.report(self.a, &exact(&u.code), p)?,
            None => None,
        };
        let v = u.on(period.end());
        out!(
            "{} {} ({}) — {} {}",
            v.kind.label(self.lang),
            v.name,
            u.official_code(),
            self.t("kỳ", "period"),
            period
        );
        match &r {
            Some(r) => out!(
                "{}: {}",
                self.t("Trạng thái", "Status"),
                r.status.label(self.lang)
            ),
            None => out!("{}", self.t("Chưa có báo cáo.", "No report yet.")),
        }
        if let Some(reason) = r.as_ref().and_then(|r| r.return_reason.clone()) {
            out!("{}: {reason}", self.t("Lý do trả lại", "Returned because"));
        }
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Chỉ tiêu", "Indicator"),
            self.t("Giá trị", "Value"),
            self.t("Kỳ trước", "Previous"),
        ]);
        for i in self
            .svc
            .indicators(self.a)?
            .iter()
            .filter(|i| i.applies(u.kind, period.kind))
        {
            let v = |r: &Option<Report>| {
                r.as_ref()
                    .and_then(|r| r.value(&i.code))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            };
            t.row(vec![
                i.code.clone(),
                i.label(self.lang).to_string(),
                v(&r),
                v(&prev),
            ]);
        }
        out_raw!("{}", t.render());
        if let Some(r) = &r {
            if !r.narrative.is_empty() {
                out!("{}: {}", self.t("Thuyết minh", "Narrative"), r.narrative);
            }
            for s in &r.history {
                out!(
                    "  {} {} — {}{}",
                    crate::domain::date::fmt_time(s.at),
                    s.status.label(self.lang),
                    s.by,
                    if s.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", s.note)
                    }
                );
            }
        }
        Ok(())
    }

    pub(crate) fn report_list(
        &self,
        period: Option<String>,
        status: Option<String>,
        under: Option<String>,
        json: bool,
    ) -> Result<()> {
        let period = period.map(|p| Period::parse(&p)).transpose()?;
        let status = status
            .map(|s| {
                Status::parse(&s).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!(
                            "'{s}' is not a status; use draft, submitted, approved or returned"
                        ),
                        format!(
                            "'{s}' không phải trạng thái; dùng nháp, đã gửi, đã duyệt hoặc trả lại"
                        ),
                    )
                })
            })
            .transpose()?;
        let reports = all_pages(|offset, limit| {
            let q = ReportQuery {
                period,
                status,
                under: under.clone(),
                after: None,
                offset,
                limit,
            };
            self.svc.reports(self.a, &q)
        })?;
        if json {
            let items: Vec<serde_json::Value> = reports
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "unit": crate::domain::unit::official_code(&r.unit),
                        "period": r.period.to_string(),
                        "status": r.status.code(),
                        "values": r.values.iter().map(|(k, v)| (k.clone(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
                        "updated_by": r.updated_by,
                        "updated_at": crate::domain::date::rfc3339(r.updated_at),
                        "first_submitted": r.first_submitted_at.map(crate::domain::date::rfc3339),
                        "revision": r.revision,
                    })
                })
                .collect();
            return print_json(&items);
        }
        let mut t = Table::new(&[
            self.t("Đơn vị", "Unit"),
            self.t("Kỳ", "Period"),
            self.t("Trạng thái", "Status"),
            self.t("Số chỉ tiêu", "Values"),
            self.t("Cập nhật", "Updated"),
        ]);
        for r in &reports {
            t.row(vec![
                crate::domain::unit::official_code(&r.unit).to_string(),
                r.period.to_string(),
                r.status.label(self.lang).to_string(),
                r.values.len().to_string(),
                crate::domain::date::fmt_time(r.updated_at),
            ]);
        }
        self.print_counted(&t, reports.len(), "báo cáo", "reports");
        Ok(())
    }

    pub(crate) fn completeness(&self, period: &str, under: Option<&str>, json: bool) -> Result<()> {
        let c = self
            .svc
            .completeness(self.a, Period::parse(period)?, under)?;
        if json {
            return print_json(&serde_json::json!({
                "period": c.period.to_string(),
                "deadline": c.deadline.to_string(),
                "expected": c.expected,
                "submitted": c.submitted,
                "on_time": c.on_time,
                "awaiting_approval": c.awaiting_approval,
                "drafts": c.drafts,
                "returned": c.returned,
                "missing": c.missing.iter().map(|m| official_code(m)).collect::<Vec<_>>(),
            }));
        }
        match self.lang {
            Lang::Vi => out!("Kỳ {}: đã gửi {}/{}, đúng hạn {} (hạn {}); chờ duyệt {}, nháp {}, trả lại {}", c.period, c.submitted, c.expected, c.on_time, fmt_date(c.deadline), c.awaiting_approval, c.drafts, c.returned),
            Lang::En => out!("Period {}: submitted {}/{}, on time {} (deadline {}); awaiting approval {}, drafts {}, returned {}", c.period, c.submitted, c.expected, c.on_time, fmt_date(c.deadline), c.awaiting_approval, c.drafts, c.returned),
        }
        if !c.missing.is_empty() {
            out!("{}:", self.t("Chưa gửi", "Missing"));
            let end = c.period.end();
            for id in &c.missing {
                let name = self
                    .svc
                    .unit(self.a, &exact(id))
                    .map(|u| {
                        let v = u.on(end);
                        format!("{} {}", v.kind.label(self.lang), v.name)
                    })
                    .unwrap_or_default();
                out!("  {}  {name}", official_code(id));
            }
        }
        Ok(())
    }
}

/// Pretty JSON on stdout, for scripts.
pub(crate) fn print_json(v: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(|e| Error::Io {
        detail: format!("json: {e}"),
    })?;
    out_raw!("{text}\n");
    Ok(())
}
