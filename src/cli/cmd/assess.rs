//! `antq assess`: yearly assessments and classification.

use crate::cli::output::{out, out_raw};
use clap::Subcommand;

use crate::cli::cmd::exemplar::{decision_arg, DecisionArgs};
use crate::cli::ctx::*;
use crate::cli::table::Table;
use crate::domain::assessment::{Grade, Safety};
use crate::error::{Error, Result};
use crate::service::api::*;

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
        /// Why --grade differs from the level the score gives (required then)
        #[arg(long)]
        reason: Option<String>,
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
    /// Take back an assessment you submitted, before it is approved
    Withdraw {
        unit: String,
        year: i16,
    },
    /// Open an approved assessment again for a correction (the level above), with a reason
    Reopen {
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

impl Ctx<'_> {
    pub(crate) fn assess(&self, c: AssessCmd) -> Result<()> {
        match c {
            AssessCmd::Set {
                unit,
                year,
                score,
                safety,
                grade,
                reason,
                notes,
                decision,
            } => {
                let year = year_arg(year)?;
                let decision = decision_arg(decision)?.map(Some);
                let safety = safety
                    .map(|s| {
                        Safety::parse(&s).ok_or_else(|| {
                            Error::invalid(
                                "safety",
                                format!("'{s}' is not a result; use đạt, chưa đạt or none"),
                                format!("'{s}' không hợp lệ; dùng đạt, chưa đạt hoặc none"),
                            )
                        })
                    })
                    .transpose()?;
                let grade = grade
                    .map(|g| Grade::parse(&g).ok_or_else(|| Error::invalid("grade", format!("'{g}' is not a level; use xuất sắc, khá, trung bình or yếu"), format!("'{g}' không phải mức xếp loại; dùng xuất sắc, khá, trung bình hoặc yếu"))))
                    .transpose()?;
                let x = self.svc.save_assessment(
                    self.a,
                    AssessmentInput {
                        unit,
                        year,
                        safety,
                        score: score.map(Some),
                        grade_override: grade.map(Some),
                        decision,
                        notes,
                        override_reason: reason,
                        base_revision: None,
                    },
                )?;
                self.saved(
                    format!(
                        "Đã lưu đánh giá {} năm {}.",
                        crate::domain::unit::official_code(&x.unit),
                        x.year
                    ),
                    format!(
                        "Saved assessment {} for {}.",
                        crate::domain::unit::official_code(&x.unit),
                        x.year
                    ),
                );
                Ok(())
            }
            AssessCmd::Submit { unit, year } => {
                self.svc.submit_assessment(self.a, &unit, year)?;
                self.saved(
                    format!("Đã gửi đánh giá {unit} năm {year}."),
                    format!("Submitted assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::Approve { unit, year } => {
                self.svc.approve_assessment(self.a, &unit, year)?;
                self.saved(
                    format!("Đã duyệt đánh giá {unit} năm {year}."),
                    format!("Approved assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::Return { unit, year, reason } => {
                self.svc.return_assessment(self.a, &unit, year, &reason)?;
                self.saved(
                    format!("Đã trả lại đánh giá {unit} năm {year}."),
                    format!("Returned assessment {unit} for {year}."),
                );
                Ok(())
            }
            AssessCmd::Withdraw { unit, year } => {
                self.svc.withdraw_assessment(self.a, &unit, year)?;
                self.saved(
                    format!("Đã rút lại đánh giá {unit} năm {year}; đánh giá trở về nháp."),
                    format!("Withdrew assessment {unit} for {year}; it is a draft again."),
                );
                Ok(())
            }
            AssessCmd::Reopen { unit, year, reason } => {
                self.svc.reopen_assessment(self.a, &unit, year, &reason)?;
                self.saved(
                    format!("Đã mở lại đánh giá {unit} năm {year} để sửa."),
                    format!("Reopened assessment {unit} for {year} for correction."),
                );
                Ok(())
            }
            AssessCmd::List { year, under } => self.assess_list(year, under.as_deref()),
        }
    }

    pub(crate) fn assess_list(&self, year: Option<i16>, under: Option<&str>) -> Result<()> {
        let cut = self.svc.settings(self.a)?.cutoffs;
        let list = self.svc.assessments(self.a, year, under)?;
        let mut t = Table::new(&[
            self.t("Năm", "Year"),
            self.t("Đơn vị", "Unit"),
            self.t("Điểm", "Score"),
            self.t("Xếp loại", "Level"),
            self.t("An toàn", "Safety"),
            self.t("Trạng thái", "Status"),
        ]);
        let mut counts = [0usize; 4];
        for x in &list {
            let g = x.grade(&cut);
            if let Some(g) = g {
                counts[Grade::ALL.iter().position(|a| *a == g).unwrap_or(0)] += 1;
            }
            t.row(vec![
                x.year.to_string(),
                x.unit.clone(),
                x.score.map(|s| s.to_string()).unwrap_or("-".into()),
                g.map(|g| g.label(self.lang)).unwrap_or("-").to_string(),
                x.safety.label(self.lang).to_string(),
                x.status.label(self.lang).to_string(),
            ]);
        }
        out_raw!("{}", t.render());
        let parts: Vec<String> = Grade::ALL
            .iter()
            .zip(counts)
            .map(|(g, n)| format!("{} {n}", g.label(self.lang)))
            .collect();
        out!(
            "{}{}",
            parts.join(", "),
            if cut.sample {
                self.t(" (ngưỡng điểm mẫu 90/70/50)", " (sample cut-offs 90/70/50)")
            } else {
                ""
            }
        );
        Ok(())
    }
}
