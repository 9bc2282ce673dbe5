//! Roll-up summaries: indicator totals and completeness for a subtree as it stood on the
//! period's last day, summed up the tree, with the reports of units that ended before then
//! counted through lineage.
//!
//! The rule: the units expected are those that exist on the period's last day. A unit merged
//! wholly into one successor counts in that successor. A unit split between several counts
//! once, in the lowest row above all its successors, and each successor shows it as
//! "(part of X)" without adding it.

use crate::domain::workflow::reopened;
use std::collections::{HashMap, HashSet};

use super::cache::{DatedTree, UnitCache};
use super::LocalService;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::unit::UnitKind;
use crate::domain::workflow::Status;
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

/// The rows being built, with each unit's position and its parent's.
struct Table {
    rows: Vec<SummaryRow>,
    row_of: HashMap<String, usize>,
    parent_row: Vec<Option<usize>>,
    indicators: Vec<String>,
}

impl Table {
    fn figures(&self, r: &Report) -> Vec<u64> {
        self.indicators
            .iter()
            .map(|code| u64::from(r.value(code).unwrap_or(0)))
            .collect()
    }

    fn add(&mut self, i: usize, figures: &[u64]) {
        for (x, f) in self.rows[i].totals.iter_mut().zip(figures) {
            *x += f;
        }
    }

    /// The lowest row above (or at) every given row.
    fn common_row(&self, rows: &[usize]) -> Option<usize> {
        let chain = |mut i: usize| {
            let mut v = vec![i];
            while let Some(p) = self.parent_row[i] {
                v.push(p);
                i = p;
            }
            v
        };
        let mut common: Vec<usize> = chain(*rows.first()?);
        for &r in &rows[1..] {
            let up: HashSet<usize> = chain(r).into_iter().collect();
            common.retain(|x| up.contains(x));
        }
        common.first().copied()
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
        let tree = cache.on(period.end());
        let range = tree
            .subtree(&cache, under)
            .ok_or_else(|| self.not_then(under.unwrap_or_default(), period))?;
        let indicators: Vec<String> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.periods.contains(&period.kind))
            .map(|i| i.code)
            .collect();
        let kinds = self.reporting_kinds(period)?;
        let mut t = rows_for(&cache, &tree, range, period, &kinds, indicators);
        self.add_own_reports(&mut t, period)?;
        self.add_ended_reports(&mut t, &cache, period)?;
        roll_up(&mut t);
        Ok(Summary {
            period,
            indicators: t.indicators,
            rows: t.rows,
        })
    }

    fn not_then(&self, code: &str, period: Period) -> Error {
        Error::state(
            Entity::Unit,
            code,
            format!("did not exist on {}, the last day of {period}; summarise its successor, or a period it lived through", crate::domain::date::fmt_date(period.end())),
            format!("không tồn tại vào ngày {}, ngày cuối kỳ {period}; hãy tổng hợp đơn vị kế thừa, hoặc một kỳ nó còn tồn tại", crate::domain::date::fmt_date(period.end())),
        )
    }

    /// Each unit's own report; the period index tells cheaply which ones were submitted.
    fn add_own_reports(&self, t: &mut Table, period: Period) -> Result<()> {
        let (_, cutoff) = self.deadline_cutoff(period)?;
        let idx = self.store.entries(TreeId::ReportsByPeriod);
        for i in 0..t.rows.len() {
            let code = t.rows[i].code.clone();
            let status = idx
                .get(keys::report_by_period(period, &code))?
                .and_then(|v| v.first().copied());
            if !status.is_some_and(is_submitted) {
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
            let f = t.figures(&r);
            t.add(i, &f);
            t.rows[i].reopened += u32::from(reopened(&r.history));
        }
        Ok(())
    }

    /// Reports of units that ended before the period's last day, through their successors.
    fn add_ended_reports(&self, t: &mut Table, cache: &UnitCache, period: Period) -> Result<()> {
        let end = period.end();
        let prefix = period.key().to_vec();
        let idx = self.store.entries(TreeId::ReportsByPeriod);
        for kv in idx.scan_prefix(&prefix) {
            let (k, v) = kv?;
            if !v.first().copied().is_some_and(is_submitted) {
                continue;
            }
            let code = String::from_utf8_lossy(&k[prefix.len()..]).to_string();
            let Some(u) = cache.get(&code) else { continue };
            if u.exists_on(end) || u.successors.is_empty() {
                continue;
            }
            let successors = final_units(cache, &code, end);
            let finals: Vec<usize> = successors
                .iter()
                .filter_map(|c| t.row_of.get(c).copied())
                .collect();
            if finals.is_empty() {
                continue;
            }
            let Some(r) = self
                .store
                .get::<Report>(TreeId::Reports, &keys::report(&code, period))?
            else {
                continue;
            };
            let f = t.figures(&r);
            if successors.len() == 1 {
                t.rows[finals[0]].absorbed.push(code.clone());
                t.add(finals[0], &f);
                t.rows[finals[0]].reopened += u32::from(reopened(&r.history));
                continue;
            }
            for &i in &finals {
                t.rows[i].parts.push(SummaryPart {
                    unit: code.clone(),
                    name: u.name_on(u.valid_to.unwrap_or(end)).to_string(),
                    totals: f.clone(),
                });
            }
            // Counted once, where all its successors meet; or at the top of this summary.
            if let Some(i) = t.common_row(&finals).or((!t.rows.is_empty()).then_some(0)) {
                t.add(i, &f);
            }
        }
        Ok(())
    }
}

fn is_submitted(tag: u8) -> bool {
    tag == Status::Submitted.tag() || tag == Status::Approved.tag()
}

/// The units alive on `end` that `code` continued into, through any chain of links.
fn final_units(cache: &UnitCache, code: &str, end: jiff::civil::Date) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![code.to_string()];
    while let Some(c) = stack.pop() {
        if seen.len() > 4096 || !seen.insert(c.clone()) {
            continue;
        }
        let Some(u) = cache.get(&c) else { continue };
        if u.exists_on(end) {
            out.push(c);
        } else {
            stack.extend(u.successors.iter().map(|l| l.unit.clone()));
        }
    }
    out.sort();
    out
}

/// One row per unit alive on the period's last day, in that day's tree order.
fn rows_for(
    cache: &UnitCache,
    tree: &DatedTree,
    range: std::ops::Range<usize>,
    period: Period,
    kinds: &[UnitKind],
    indicators: Vec<String>,
) -> Table {
    let end = period.end();
    let top = tree.depth.get(range.start).copied().unwrap_or(0);
    let mut t = Table {
        rows: Vec::with_capacity(range.len()),
        row_of: HashMap::with_capacity(range.len()),
        parent_row: Vec::with_capacity(range.len()),
        indicators,
    };
    for pos in range {
        let u = &cache.preorder[tree.order[pos]];
        let parent = u.parent_on(end).and_then(|p| t.row_of.get(p).copied());
        t.row_of.insert(u.code.clone(), t.rows.len());
        t.parent_row.push(parent);
        t.rows.push(SummaryRow {
            code: u.code.clone(),
            name: u.name_on(end).to_string(),
            depth: u8::try_from(tree.depth[pos].saturating_sub(top)).unwrap_or(u8::MAX),
            expected: u32::from(kinds.contains(&u.kind_on(end))),
            submitted: 0,
            on_time: 0,
            reopened: 0,
            totals: vec![0; t.indicators.len()],
            absorbed: Vec::new(),
            parts: Vec::new(),
        });
    }
    t
}

/// Children come after their parents in pre-order: fold each row into its parent, last first.
fn roll_up(t: &mut Table) {
    for i in (0..t.rows.len()).rev() {
        let Some(p) = t.parent_row[i] else { continue };
        if p >= i {
            continue;
        }
        let (head, tail) = t.rows.split_at_mut(i);
        let (child, par) = (&tail[0], &mut head[p]);
        par.expected += child.expected;
        par.submitted += child.submitted;
        par.on_time += child.on_time;
        par.reopened += child.reopened;
        for (x, c) in par.totals.iter_mut().zip(&child.totals) {
            *x += c;
        }
    }
}
