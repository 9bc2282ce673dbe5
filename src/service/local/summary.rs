//! Roll-up summaries: indicator totals and completeness for a subtree, summed up the tree
//! and, for periods after a merge, through lineage into the successor.

use std::collections::HashMap;

use super::LocalService;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::workflow::Status;
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

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
        let (start, end) = (period.start(), period.end());
        let kinds = self.reporting_kinds(period)?;
        let (_, cutoff) = self.deadline_cutoff(period)?;
        let indicators: Vec<String> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.periods.contains(&period.kind))
            .map(|i| i.code)
            .collect();
        let mut rows: Vec<SummaryRow> = Vec::new();
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        for u in sub.iter().filter(|u| u.overlaps(start, end)) {
            // Pre-order puts a parent before its children, so its depth is already known.
            let depth = u
                .parent
                .as_deref()
                .and_then(|p| row_of.get(p))
                .map_or(0, |&i| rows[i].depth.saturating_add(1));
            row_of.insert(u.code.as_str(), rows.len());
            rows.push(SummaryRow {
                code: u.code.clone(),
                name: u.name.clone(),
                depth,
                expected: u32::from(kinds.contains(&u.kind)),
                submitted: 0,
                on_time: 0,
                totals: vec![0; indicators.len()],
                absorbed: Vec::new(),
            });
        }
        let add = |row: &mut SummaryRow, r: &Report| {
            if !r.counts_as_submitted() {
                return;
            }
            for (i, code) in indicators.iter().enumerate() {
                row.totals[i] += u64::from(r.value(code).unwrap_or(0));
            }
        };
        // Each unit's own report; the period index tells cheaply which ones were submitted.
        let idx = self.store.tree(TreeId::ReportsByPeriod);
        for row in rows.iter_mut() {
            let submitted = idx
                .get(keys::report_by_period(period, &row.code))?
                .and_then(|v| v.first().copied())
                .is_some_and(|st| st == Status::Submitted.tag() || st == Status::Approved.tag());
            if !submitted {
                continue;
            }
            if let Some(r) = self
                .store
                .get::<Report>(TreeId::Reports, &keys::report(&row.code, period))?
            {
                if row.expected == 1 && r.counts_as_submitted() {
                    row.submitted = 1;
                    row.on_time = u32::from(r.first_submitted_at.is_some_and(|t| t < cutoff));
                }
                add(row, &r);
            }
        }
        // Units merged away before the period count towards their final successor.
        for m in cache
            .preorder
            .iter()
            .filter(|m| m.successor.is_some() && m.valid_to.is_some_and(|t| t < start))
        {
            let mut s = m.successor.clone();
            let mut hops = 0;
            while let Some(c) = s.clone() {
                match cache.get(&c) {
                    Some(cu)
                        if cu.successor.is_some()
                            && cu.valid_to.is_some_and(|t| t < start)
                            && hops < 16 =>
                    {
                        s = cu.successor.clone();
                        hops += 1;
                    }
                    _ => break,
                }
            }
            let Some(&i) = s.as_deref().and_then(|c| row_of.get(c)) else {
                continue;
            };
            if let Some(r) = self
                .store
                .get::<Report>(TreeId::Reports, &keys::report(&m.code, period))?
            {
                rows[i].absorbed.push(m.code.clone());
                add(&mut rows[i], &r);
            }
        }
        // Children after parents in pre-order: fold each row into its parent, last first.
        for i in (0..rows.len()).rev() {
            let parent = cache.get(&rows[i].code).and_then(|u| u.parent.clone());
            if let Some(&p) = parent.as_deref().and_then(|p| row_of.get(p)) {
                if p < i {
                    let (head, tail) = rows.split_at_mut(i);
                    let (child, par) = (&tail[0], &mut head[p]);
                    par.expected += child.expected;
                    par.submitted += child.submitted;
                    par.on_time += child.on_time;
                    for (t, c) in par.totals.iter_mut().zip(&child.totals) {
                        *t += c;
                    }
                }
            }
        }
        Ok(Summary {
            period,
            indicators,
            rows,
        })
    }
}
