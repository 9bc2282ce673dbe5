//! A unit's figures over the last periods of one length, for the sparklines beside a report's
//! fields and a summary's totals: "is 12 tips a lot for us?" is read against the year before.

use super::LocalService;
use crate::domain::indicator::OverTime;
use crate::domain::period::Period;
use crate::error::Result;
use crate::service::api::{Actor, Trend, TrendScope, TREND_PERIODS};

impl LocalService {
    /// `unit`'s figures for the `TREND_PERIODS` periods that end with `period`, oldest first.
    /// `Own` reads its own reports (filed, or made from shorter ones); `Area` its summary's
    /// totals, through lineage. A period with nothing counted is `None`.
    pub(super) fn trend_impl(
        &self,
        a: &Actor,
        unit: &str,
        period: Period,
        scope: TrendScope,
    ) -> Result<Trend> {
        let mut periods = vec![period];
        while periods.len() < TREND_PERIODS {
            match periods.last().and_then(|p| p.prev()) {
                Some(p) => periods.push(p),
                None => break,
            }
        }
        periods.reverse();
        let catalogue: Vec<(String, OverTime)> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.periods.contains(&period.kind))
            .map(|i| (i.code, i.over_time))
            .collect();
        let mut series: Vec<(String, Vec<Option<u64>>)> = catalogue
            .iter()
            .map(|(code, _)| (code.clone(), Vec::with_capacity(periods.len())))
            .collect();
        for p in &periods {
            let values = match scope {
                TrendScope::Own => match self.at_period(unit, *p) {
                    Ok(holder) => self.own_values(&catalogue, &holder, *p)?,
                    // Before a merged unit began, its figures are its predecessors', as the
                    // summary of its area counts them.
                    Err(_) => self.area_values(a, &catalogue, unit, *p),
                },
                TrendScope::Area => self.area_values(a, &catalogue, unit, *p),
            };
            for ((_, s), v) in series.iter_mut().zip(values) {
                s.push(v);
            }
        }
        Ok(Trend { periods, series })
    }

    fn own_values(
        &self,
        catalogue: &[(String, OverTime)],
        holder: &str,
        p: Period,
    ) -> Result<Vec<Option<u64>>> {
        let (codes, rules): (Vec<String>, Vec<OverTime>) = catalogue.iter().cloned().unzip();
        let f = self.own_figures((&codes, &rules), holder, p, false)?;
        Ok(match f {
            Some(f) => f.values.iter().map(|v| v.map(|v| v.value)).collect(),
            None => vec![None; catalogue.len()],
        })
    }

    /// The summary's top row for `p`; nothing when the unit's area did not exist then.
    fn area_values(
        &self,
        a: &Actor,
        catalogue: &[(String, OverTime)],
        unit: &str,
        p: Period,
    ) -> Vec<Option<u64>> {
        let summary = self
            .under_at(Some(unit), Some(p))
            .and_then(|u| self.summary_impl(a, p, u.as_deref()));
        let Some((s, top)) = summary
            .ok()
            .and_then(|s| s.rows.first().cloned().map(|t| (s, t)))
        else {
            return vec![None; catalogue.len()];
        };
        let counted = top.submitted > 0 || top.made > 0;
        catalogue
            .iter()
            .map(|(code, _)| {
                let i = s.indicators.iter().position(|c| c == code)?;
                counted.then(|| top.totals.get(i).copied()).flatten()
            })
            .collect()
    }
}
