//! Roll-up summaries: indicator totals and completeness for a subtree, summed up the tree
//! and, for periods after a merge, through lineage into the successor.

use std::collections::HashMap;

use super::cache::{CachedUnit, UnitCache};
use super::LocalService;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::UnitKind;
use crate::domain::workflow::Status;
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

/// The rows being built, with each unit's position.
struct Table<'a> {
    rows: Vec<SummaryRow>,
    row_of: HashMap<&'a str, usize>,
    indicators: Vec<String>,
}

impl Table<'_> {
    /// Adds a submitted report's figures to a row.
    fn add(&mut self, i: usize, r: &Report) {
        if !r.counts_as_submitted() {
            return;
        }
        for (k, code) in self.indicators.iter().enumerate() {
            self.rows[i].totals[k] += u64::from(r.value(code).unwrap_or(0));
        }
    }
}

impl LocalService {
    pub(super) fn summary_impl(
        &self,
        a: &Actor,
        period: Period,
        under: Option<&str>,
    ) -> Result<Summary> {
        let under = self.scoped_under(a, under)?;
        let under = under.as_deref();
        let cache = self.cache()?;
        let sub = cache
            .subtree(under)
            .ok_or_else(|| Error::not_found(Entity::Unit, under.unwrap_or_default()))?;
        let indicators: Vec<String> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.periods.contains(&period.kind))
            .map(|i| i.code)
            .collect();
        let kinds = self.reporting_kinds(period)?;
        let mut t = rows_for(sub, period, &kinds, indicators);
        self.add_own_reports(&mut t, period)?;
        self.add_merged_reports(&mut t, &cache, period)?;
        roll_up(&mut t, &cache);
        Ok(Summary {
            period,
            indicators: t.indicators,
            rows: t.rows,
        })
    }

    /// Each unit's own report; the period index tells cheaply which ones were submitted.
    fn add_own_reports(&self, t: &mut Table, period: Period) -> Result<()> {
        let (_, cutoff) = self.deadline_cutoff(period)?;
        let idx = self.store.tree(TreeId::ReportsByPeriod);
        for i in 0..t.rows.len() {
            let code = t.rows[i].code.clone();
            let status = idx
                .get(keys::report_by_period(period, &code))?
                .and_then(|v| v.first().copied());
            if !status.is_some_and(|s| s == Status::Submitted.tag() || s == Status::Approved.tag())
            {
                continue;
            }
            let Some(r) = self
                .store
                .get::<Report>(TreeId::Reports, &keys::report(&code, period))?
            else {
                continue;
            };
            if t.rows[i].expected == 1 {
                t.rows[i].submitted = 1;
                t.rows[i].on_time = u32::from(r.first_submitted_at.is_some_and(|x| x < cutoff));
            }
            t.add(i, &r);
        }
        Ok(())
    }

    /// Units merged away before the period count towards their final successor.
    fn add_merged_reports(&self, t: &mut Table, cache: &UnitCache, period: Period) -> Result<()> {
        let gone = |u: &CachedUnit| {
            u.successor.is_some() && u.valid_to.is_some_and(|d| d < period.start())
        };
        for m in cache.preorder.iter().filter(|m| gone(m)) {
            let mut s = m.successor.clone();
            for _ in 0..16 {
                match s.as_deref().and_then(|c| cache.get(c)) {
                    Some(next) if gone(next) => s = next.successor.clone(),
                    _ => break,
                }
            }
            let Some(&i) = s.as_deref().and_then(|c| t.row_of.get(c)) else {
                continue;
            };
            let key = keys::report(&m.code, period);
            if let Some(r) = self.store.get::<Report>(TreeId::Reports, &key)? {
                t.rows[i].absorbed.push(m.code.clone());
                t.add(i, &r);
            }
        }
        Ok(())
    }
}

/// One row per unit that existed during the period, in tree order, with its depth.
fn rows_for<'a>(
    sub: &'a [CachedUnit],
    period: Period,
    kinds: &[UnitKind],
    indicators: Vec<String>,
) -> Table<'a> {
    let mut t = Table {
        rows: Vec::new(),
        row_of: HashMap::new(),
        indicators,
    };
    for u in sub
        .iter()
        .filter(|u| u.overlaps(period.start(), period.end()))
    {
        // Pre-order puts a parent before its children, so its depth is already known.
        let depth = u
            .parent
            .as_deref()
            .and_then(|p| t.row_of.get(p))
            .map_or(0, |&i| t.rows[i].depth.saturating_add(1));
        t.row_of.insert(u.code.as_str(), t.rows.len());
        t.rows.push(SummaryRow {
            code: u.code.clone(),
            name: u.name.clone(),
            depth,
            expected: u32::from(kinds.contains(&u.kind)),
            submitted: 0,
            on_time: 0,
            totals: vec![0; t.indicators.len()],
            absorbed: Vec::new(),
        });
    }
    t
}

/// Children come after their parents in pre-order: fold each row into its parent, last first.
fn roll_up(t: &mut Table, cache: &UnitCache) {
    for i in (0..t.rows.len()).rev() {
        let parent = cache.get(&t.rows[i].code).and_then(|u| u.parent.as_deref());
        let Some(&p) = parent.and_then(|p| t.row_of.get(p)) else {
            continue;
        };
        if p >= i {
            continue;
        }
        let (head, tail) = t.rows.split_at_mut(i);
        let (child, par) = (&tail[0], &mut head[p]);
        par.expected += child.expected;
        par.submitted += child.submitted;
        par.on_time += child.on_time;
        for (x, c) in par.totals.iter_mut().zip(&child.totals) {
            *x += c;
        }
    }
}
