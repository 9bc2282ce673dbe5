//! `antq exemplar`: exemplar selection and its decision.

use crate::cli::output::out_raw;
use clap::{Args, Subcommand};

use crate::cli::ctx::*;
use crate::cli::table::Table;
use crate::domain::assessment::Decision;
use crate::domain::date::parse_date;
use crate::domain::exemplar::ExemplarStatus;
use crate::error::{Error, Result};

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

/// A decision reference, if any of its options was given.
pub fn decision_arg(d: DecisionArgs) -> Result<Option<Decision>> {
    if d.number.is_none() && d.date.is_none() && d.issuer.is_none() {
        return Ok(None);
    }
    Ok(Some(Decision {
        number: d.number.unwrap_or_default(),
        date: d
            .date
            .map(|s| parse_date("decision-date", &s))
            .transpose()?,
        issuer: d.issuer.unwrap_or_default(),
    }))
}

impl Ctx<'_> {
    pub(crate) fn exemplar(&self, c: ExemplarCmd) -> Result<()> {
        match c {
            ExemplarCmd::Select {
                unit,
                year,
                decision,
            } => {
                let year = year_arg(year)?;
                let d = decision_arg(decision)?;
                let e = self.svc.select_exemplar(self.a, &unit, year, d)?;
                self.saved(
                    format!(
                        "Đã chọn {} làm điển hình năm {} và tạo nhiệm vụ theo dõi.",
                        crate::domain::unit::official_code(&e.unit),
                        e.year
                    ),
                    format!(
                        "Chose {} as an exemplar for {} and added a follow-up task.",
                        crate::domain::unit::official_code(&e.unit),
                        e.year
                    ),
                );
                Ok(())
            }
            ExemplarCmd::Status { unit, year, status } => {
                let s = ExemplarStatus::parse(&status).ok_or_else(|| {
                    Error::invalid(
                        "status",
                        format!("'{status}' is not valid; use đang xây dựng, đạt or không đạt"),
                        format!("'{status}' không hợp lệ; dùng đang xây dựng, đạt hoặc không đạt"),
                    )
                })?;
                self.svc.set_exemplar_status(self.a, &unit, year, s, None)?;
                self.saved(
                    format!("Đã cập nhật điển hình {unit} năm {year}."),
                    format!("Updated exemplar {unit} for {year}."),
                );
                Ok(())
            }
            ExemplarCmd::List { year } => {
                let mut t = Table::new(&[
                    self.t("Năm", "Year"),
                    self.t("Đơn vị", "Unit"),
                    self.t("Tên", "Name"),
                    self.t("Trạng thái", "Status"),
                ]);
                for e in self.svc.exemplars(self.a, year)? {
                    let name = self
                        .svc
                        .unit(self.a, &e.unit)
                        .map(|u| u.title(self.lang))
                        .unwrap_or_default();
                    t.row(vec![
                        e.year.to_string(),
                        e.unit.clone(),
                        name,
                        e.status.label(self.lang).to_string(),
                    ]);
                }
                out_raw!("{}", t.render());
                Ok(())
            }
        }
    }
}
