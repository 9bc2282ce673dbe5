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
    },
}

impl Ctx<'_> {
    pub(crate) fn indicators(&self) -> Result<()> {
        let mut t = Table::new(&[
            self.t("Mã", "Code"),
            self.t("Chỉ tiêu", "Indicator"),
            self.t("Kỳ", "Periods"),
        ]);
        for i in self.svc.indicators(self.a)? {
            let periods: Vec<&str> = i.periods.iter().map(|p| p.code()).collect();
            t.row(vec![
                i.code.clone(),
                i.label(self.lang).to_string(),
                periods.join(" "),
            ]);
        }
        out_raw!("{}", t.render());
        Ok(())
    }

    pub(crate) fn indicator_set(
        &self,
        code: String,
        label_vi: Option<String>,
        label_en: Option<String>,
        kinds: Option<String>,
        periods: Option<String>,
        order: Option<u16>,
    ) -> Result<()> {
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
