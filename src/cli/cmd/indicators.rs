//! `antq indicators`: the indicator catalogue.

use crate::cli::output::out_raw;
use clap::Subcommand;

use crate::cli::ctx::*;
use crate::cli::table::Table;
use crate::error::{Error, Result};

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
        /// How months add up into longer periods: sum (flows) or last (stocks)
        #[arg(long, value_name = "sum|last")]
        over_time: Option<String>,
    },
}

impl Ctx<'_> {
    pub(crate) fn indicators(&self) -> Result<()> {
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Chỉ tiêu", "Indicator"),
            self.t("Kỳ", "Periods"),
            self.t("Cộng theo thời gian", "Over time"),
        ]);
        for i in self.svc.indicators(self.a)? {
            let periods: Vec<String> = i
                .periods
                .iter()
                .map(|p| match self.lang {
                    crate::i18n::Lang::Vi => p.label_vi().to_lowercase(),
                    crate::i18n::Lang::En => p.code().to_string(),
                })
                .collect();
            t.row(vec![
                i.code.clone(),
                i.label(self.lang).to_string(),
                periods.join(" "),
                i.over_time.label(self.lang).to_string(),
            ]);
        }
        out_raw!("{}", t.render());
        Ok(())
    }

    pub(crate) fn indicator_set(&self, set: IndicatorsCmd) -> Result<()> {
        let IndicatorsCmd::Set {
            code,
            label_vi,
            label_en,
            kinds,
            periods,
            order,
            over_time,
        } = set
        else {
            return self.indicators();
        };
        let old = self
            .svc
            .indicators(self.a)?
            .into_iter()
            .find(|i| i.code == code);
        let is_new = old.is_none();
        let mut ind = old.unwrap_or(crate::domain::indicator::Indicator {
            code: code.clone(),
            label_vi: String::new(),
            label_en: String::new(),
            unit_kinds: vec![],
            periods: vec![],
            order: 1000,
            over_time: crate::domain::indicator::OverTime::Sum,
        });
        if let Some(v) = label_vi {
            ind.label_vi = v;
        }
        if let Some(v) = label_en {
            ind.label_en = v;
        }
        if let Some(k) = kinds {
            ind.unit_kinds = crate::sample::parse_kinds(&k)?;
        }
        if let Some(p) = periods {
            ind.periods = p
                .split_whitespace()
                .map(|w| {
                    crate::domain::period::PeriodKind::parse(w).ok_or_else(|| {
                        Error::invalid(
                            "periods",
                            format!("'{w}' is not a period type; use month, quarter, half or year"),
                            format!(
                                "'{w}' không phải loại kỳ; dùng month, quarter, half hoặc year"
                            ),
                        )
                    })
                })
                .collect::<Result<_>>()?;
        }
        if let Some(o) = order {
            ind.order = o;
        }
        if let Some(w) = over_time {
            ind.over_time = crate::domain::indicator::OverTime::parse(&w).ok_or_else(|| {
                Error::invalid(
                    "over-time",
                    format!("'{w}' is not a way to add up over time; use sum (flows: sessions, cases) or last (stocks: models, households)"),
                    format!("'{w}' không phải cách cộng theo thời gian; dùng sum (cộng dồn: buổi, vụ) hoặc last (số cuối kỳ: mô hình, hộ)"),
                )
            })?;
        }
        let ind = self.svc.put_indicator(self.a, ind)?;
        if is_new {
            self.saved(
                format!("Đã thêm chỉ tiêu {}.", ind.code),
                format!("Added indicator {}.", ind.code),
            );
        } else {
            self.saved(
                format!("Đã lưu chỉ tiêu {}.", ind.code),
                format!("Saved indicator {}.", ind.code),
            );
        }
        Ok(())
    }
}
