//! `antq settings`: classification cut-offs and report deadlines.

use crate::cli::output::out;
use clap::Subcommand;

use crate::cli::ctx::*;
use crate::error::{Error, Result};

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
        /// Xuất sắc only for units recognised "An toàn" that year: yes (the default) or no
        #[arg(long = "excellent-needs-safe", value_name = "YES|NO")]
        excellent_needs_safe: Option<String>,
        /// Four eyes: nobody approves what they entered themselves: yes (the default) or no
        #[arg(long = "four-eyes", value_name = "YES|NO")]
        four_eyes: Option<String>,
    },
}

impl Ctx<'_> {
    pub(crate) fn settings(&self, c: SettingsCmd) -> Result<()> {
        let mut s = self.svc.settings(self.a)?;
        let SettingsCmd::Set {
            cutoffs,
            month,
            quarter,
            half,
            year,
            excellent_needs_safe,
            four_eyes,
        } = c
        else {
            let c = &s.cutoffs;
            let d = &s.deadlines;
            out!(
                "{}: {}/{}/{}{}",
                self.t(
                    "Ngưỡng điểm Xuất sắc/Khá/Trung bình",
                    "Cut-offs Excellent/Good/Average"
                ),
                c.excellent,
                c.good,
                c.average,
                if c.sample {
                    self.t(" (giá trị mẫu)", " (sample values)")
                } else {
                    ""
                }
            );
            out!(
                "{}: {}/{}/{}/{}",
                self.t(
                    "Hạn nộp sau kỳ (ngày) tháng/quý/6 tháng/năm",
                    "Deadline days after month/quarter/half/year"
                ),
                d.month,
                d.quarter,
                d.half,
                d.year
            );
            out!(
                "{}: {}",
                self.t(
                    "Xuất sắc chỉ khi được công nhận An toàn",
                    "Excellent only when recognised An toàn"
                ),
                self.yes_no(s.excellent_needs_safe)
            );
            out!(
                "{}: {}",
                self.t(
                    "Bốn mắt: không ai tự duyệt hồ sơ mình đã nhập",
                    "Four eyes: nobody approves what they entered"
                ),
                self.yes_no(s.four_eyes)
            );
            return Ok(());
        };
        if let Some(v) = excellent_needs_safe {
            s.excellent_needs_safe = yes_or_no("excellent-needs-safe", &v)?;
        }
        if let Some(v) = four_eyes {
            s.four_eyes = yes_or_no("four-eyes", &v)?;
        }
        if let Some(text) = cutoffs {
            let parts: Vec<Option<u8>> = text.split('/').map(|p| p.trim().parse().ok()).collect();
            let [Some(e), Some(g), Some(a)] = parts[..] else {
                return Err(Error::invalid(
                    "cutoffs",
                    format!("'{text}' should be three scores like 90/70/50"),
                    format!("'{text}' cần có dạng ba mức điểm như 90/70/50"),
                ));
            };
            s.cutoffs = crate::domain::assessment::Cutoffs {
                excellent: e,
                good: g,
                average: a,
                sample: false,
            };
        }
        for (slot, v) in [
            (&mut s.deadlines.month, month),
            (&mut s.deadlines.quarter, quarter),
            (&mut s.deadlines.half, half),
            (&mut s.deadlines.year, year),
        ] {
            if let Some(v) = v {
                *slot = v;
            }
        }
        self.svc.set_settings(self.a, s)?;
        self.saved("Đã lưu cấu hình.".into(), "Settings saved.".into());
        Ok(())
    }
}

/// A yes/no option as typed: yes, có, true, 1 or no, không, false, 0.
fn yes_or_no(field: &str, v: &str) -> Result<bool> {
    match crate::domain::text::fold(v).as_str() {
        "yes" | "co" | "true" | "1" => Ok(true),
        "no" | "khong" | "false" | "0" => Ok(false),
        _ => Err(Error::invalid(
            field,
            format!("'{v}' should be yes or no"),
            format!("'{v}' cần là có hoặc không (yes/no)"),
        )),
    }
}

impl Ctx<'_> {
    fn yes_no(&self, on: bool) -> &'static str {
        if on {
            self.lang.pick("có", "yes")
        } else {
            self.lang.pick("không", "no")
        }
    }
}
