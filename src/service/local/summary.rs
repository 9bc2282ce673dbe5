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
use crate::domain::indicator::OverTime;
use crate::domain::made::{self, Figures, Source};
use crate::domain::period::{Period, PeriodKind};
use crate::domain::report::Report;
use crate::domain::unit::UnitKind;
use crate::domain::workflow::Status;
use crate::error::{Entity, Error, Result};
use crate::service::api::*;

/// The rows being built, with each unit's position and its parent's.
struct Table {
    rows: Vec<SummaryRow>,
    row_of: HashMap<String, usize>,
    parent_row: Vec<Option<usize>>,
    indicators: Vec<String>,
    /// How each indicator adds up over time, in `indicators`' order.
    rules: Vec<OverTime>,
    /// Each row's own figures over the period, before rolling up the tree.
    figs: Vec<Option<Figures>>,
}

impl Table {
    fn new(catalogue: &[(String, OverTime)], rows: usize) -> Table {
        Table {
            rows: Vec::with_capacity(rows),
            row_of: HashMap::with_capacity(rows),
            parent_row: Vec::with_capacity(rows),
            indicators: catalogue.iter().map(|(c, _)| c.clone()).collect(),
            rules: catalogue.iter().map(|(_, r)| *r).collect(),
            figs: Vec::with_capacity(rows),
        }
    }

    fn values(&self, r: &Report) -> Vec<Option<u64>> {
        values_of(&self.indicators, r)
    }

    /// Adds figures for another stretch of time (or another unit) to row `i`'s own.
    fn add_figures(&mut self, i: usize, f: &Figures) {
        match &mut self.figs[i] {
            Some(mine) => mine.add(f, &self.rules),
            None => self.figs[i] = Some(f.clone()),
        }
    }

    /// Row totals from each row's own figures, and where they came from.
    fn settle_figures(&mut self, period: Period) {
        let of = u32::from(period.kind.months());
        for i in 0..self.rows.len() {
            let Some(f) = &self.figs[i] else { continue };
            for (x, v) in self.rows[i].totals.iter_mut().zip(f.totals()) {
                *x += v;
            }
            if self.rows[i].source != Source::Filed {
                let source = Source::Made {
                    months: f.months.min(of),
                    of,
                };
                self.rows[i].source = source;
                self.rows[i].made = 1;
                self.rows[i].partial = u32::from(source.is_partial());
            }
        }
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
        // The period's indicators and how each adds up over time, read once.
        let catalogue: Vec<(String, OverTime)> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.periods.contains(&period.kind))
            .map(|i| (i.code, i.over_time))
            .collect();
        let kinds = self.reporting_kinds(period)?;
        let mut area = Vec::new();
        let mut t = match tree.subtree(&cache, under) {
            Some(range) => rows_for(&cache, &tree, range, period, &kinds, &catalogue),
            // A unit made later: today's area as it was then, its predecessors' trees.
            None => {
                let code = under.unwrap_or_default();
                let roots = cache.area_then(code, period.end());
                if roots.is_empty() {
                    return Err(self.not_then(code, period));
                }
                let u = cache.get(code).ok_or_else(|| self.not_then(code, period))?;
                area = roots
                    .iter()
                    .map(|r| AreaPart {
                        unit: r.clone(),
                        name: cache
                            .get(r)
                            .map_or("", |x| x.name_on(period.end()))
                            .to_string(),
                        shared: cache.get(r).is_some_and(|x| x.successors.len() > 1),
                    })
                    .collect();
                let top = (code, u.name.as_str());
                area_rows(&cache, &tree, top, &roots, period, &kinds, &catalogue)
            }
        };
        self.add_own_reports(&mut t, period)?;
        self.add_ended_reports(&mut t, &cache, period)?;
        t.settle_figures(period);
        roll_up(&mut t);
        Ok(Summary {
            period,
            indicators: t.indicators,
            rows: t.rows,
            area,
        })
    }

    /// The unit a summary's code means: today's holder of the code when it was made later
    /// from others (today's area, as it was then); otherwise the holder in the period. An
    /// earlier holder is named exactly (`CODE@`).
    pub(super) fn area_unit(&self, code: &str, period: Period) -> Result<String> {
        let plain = !code.contains('@') && crate::domain::unit::exact_id(code).is_none();
        if plain {
            if let Ok(today) = self.resolve_record(code) {
                let cache = self.cache()?;
                let later = cache.get(&today).is_some_and(|u| {
                    u.valid_from.is_some_and(|f| f > period.end()) && !u.predecessors.is_empty()
                });
                if later {
                    return Ok(today);
                }
            }
        }
        self.at_period(code, period)
    }

    /// Why a unit has no area in a period, and which code to use instead.
    pub(super) fn not_then(&self, code: &str, period: Period) -> Error {
        let day = crate::domain::date::fmt_date(period.end());
        let shown = crate::domain::unit::official_code(code);
        let cache = self.cache();
        let u = cache.as_ref().ok().and_then(|c| c.get(code));
        let name = u.map(|u| u.name.clone()).unwrap_or_default();
        let successors: Vec<String> = match (&cache, u) {
            (Ok(c), Some(u)) => final_units(c, code, period.end())
                .iter()
                .filter(|s| s.as_str() != u.code)
                .map(|s| {
                    let n = c.get(s).map(|x| x.name.clone()).unwrap_or_default();
                    format!("{} {n}", crate::domain::unit::official_code(s))
                })
                .collect(),
            _ => Vec::new(),
        };
        let (en_fix, vi_fix) = if successors.is_empty() {
            (
                "choose a period it lived through".to_string(),
                "hãy chọn một kỳ nó còn tồn tại".to_string(),
            )
        } else {
            let to = successors.join(", ");
            (
                format!("its area is now in {to}: choose that, or a period it lived through"),
                format!(
                    "địa bàn của nó nay thuộc {to}: hãy chọn đơn vị đó, hoặc một kỳ nó còn tồn tại"
                ),
            )
        };
        Error::state(
            Entity::Unit,
            format!("{shown} {name}").trim_end(),
            format!("did not exist on {day}, the last day of {period}; {en_fix}"),
            format!("không tồn tại vào ngày {day}, ngày cuối kỳ {period}; {vi_fix}"),
        )
    }

    /// Whether a unit submitted a report for `period`, from the period index alone.
    fn submitted_report_exists(&self, code: &str, period: Period) -> Result<bool> {
        Ok(self
            .store
            .report_mark(code, period)?
            .is_some_and(|m| is_submitted(m.status)))
    }

    /// A unit's report for `period` if it was submitted (the period index tells cheaply).
    pub(super) fn submitted_report(&self, code: &str, period: Period) -> Result<Option<Report>> {
        let status = self.store.report_mark(code, period)?.map(|m| m.status);
        if !status.is_some_and(is_submitted) {
            return Ok(None);
        }
        self.store.report(code, period)
    }

    /// A unit's figures for `period` from its own submitted reports: the one filed for it, or
    /// (`parts_only`) made from the shorter periods inside it.
    pub(super) fn own_figures(
        &self,
        (indicators, rules): (&[String], &[OverTime]),
        code: &str,
        period: Period,
        parts_only: bool,
    ) -> Result<Option<Figures>> {
        let mut failed = None;
        let mut filed = |p: Period| match self.submitted_report(code, p) {
            Ok(r) => r.map(|r| values_of(indicators, &r)),
            Err(e) => {
                failed.get_or_insert(e);
                None
            }
        };
        let f = if parts_only {
            made::from_parts(period, rules, &mut filed)
        } else {
            made::over(period, rules, &mut filed)
        };
        failed.map_or(Ok(f), Err)
    }

    pub(super) fn made_report_impl(
        &self,
        unit: &str,
        period: Period,
    ) -> Result<Option<MadeFigures>> {
        if period.kind == PeriodKind::Month {
            return Ok(None);
        }
        let kind = self.load_unit(unit)?.kind;
        let catalogue: Vec<_> = self
            .indicators_impl()?
            .into_iter()
            .filter(|i| i.applies(kind, period.kind))
            .collect();
        let codes: Vec<String> = catalogue.iter().map(|i| i.code.clone()).collect();
        let rules: Vec<OverTime> = catalogue.iter().map(|i| i.over_time).collect();
        let Some(f) = self.own_figures((&codes, &rules), unit, period, true)? else {
            return Ok(None);
        };
        let of = u32::from(period.kind.months());
        Ok(Some(MadeFigures {
            values: codes
                .into_iter()
                .zip(&f.values)
                .filter_map(|(c, v)| v.map(|v| (c, v.value)))
                .collect(),
            source: Source::Made {
                months: f.months.min(of),
                of,
            },
        }))
    }

    /// Each unit's own report, or its figures made from the shorter periods inside this one.
    fn add_own_reports(&self, t: &mut Table, period: Period) -> Result<()> {
        let (_, cutoff) = self.deadline_cutoff(period)?;
        let long = period.kind != PeriodKind::Month;
        for i in 0..t.rows.len() {
            let code = t.rows[i].code.clone();
            let made = if long {
                self.own_figures((&t.indicators, &t.rules), &code, period, true)?
            } else {
                None
            };
            let Some(r) = self.submitted_report(&code, period)? else {
                if let Some(m) = made {
                    t.add_figures(i, &m);
                }
                continue;
            };
            if t.rows[i].expected == 1 {
                t.rows[i].submitted = 1;
                t.rows[i].on_time = u32::from(r.first_submitted_at.is_some_and(|x| x < cutoff));
            }
            let filed = Figures::filed(period, t.values(&r));
            // A filed report is preferred, but never silently over complete months that differ.
            t.rows[i].differs = made.is_some_and(|m| {
                m.months == u32::from(period.kind.months()) && m.totals() != filed.totals()
            });
            t.rows[i].source = Source::Filed;
            t.add_figures(i, &filed);
            t.rows[i].reopened += u32::from(reopened(&r.history));
        }
        Ok(())
    }

    /// Figures of units that ended during the period, through their successors. A successor's
    /// own report for the whole period already speaks for its whole area, predecessors
    /// included: theirs are then listed, not added, so nothing counts twice.
    fn add_ended_reports(&self, t: &mut Table, cache: &UnitCache, period: Period) -> Result<()> {
        let (start, end) = (period.start(), period.end());
        // The units that continued into this summary's rows: those that ended during the
        // period, and any that ended earlier yet still filed for it (an office that had not
        // heard of the merge). Found from the rows, so a district's summary stays a district's
        // work; each once, in tree order.
        let mut ended: Vec<usize> = Vec::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = t.rows.iter().map(|r| r.code.as_str()).collect();
        while let Some(c) = stack.pop() {
            let Some(u) = cache.get(c) else { continue };
            for l in &u.predecessors {
                if seen.insert(l.unit.as_str()) {
                    stack.push(l.unit.as_str());
                }
            }
            let Some(to) = u.valid_to.filter(|to| *to < end) else {
                continue;
            };
            if start <= to || self.submitted_report_exists(c, period)? {
                ended.extend(cache.pos.get(c));
            }
        }
        ended.sort_unstable();
        ended.dedup();
        for u in ended.into_iter().map(|i| &cache.preorder[i]) {
            if u.successors.is_empty() {
                continue;
            }
            let code = u.code.clone();
            let successors = final_units(cache, &code, end);
            let finals: Vec<usize> = successors
                .iter()
                .filter_map(|c| t.row_of.get(c).copied())
                .collect();
            if finals.is_empty() {
                continue;
            }
            let Some(f) = self.own_figures((&t.indicators, &t.rules), &code, period, false)? else {
                continue;
            };
            if let Some(r) = self.submitted_report(&code, period)? {
                for &i in &finals {
                    t.rows[i].reopened += u32::from(reopened(&r.history));
                }
            }
            if successors.len() == 1 {
                let i = finals[0];
                t.rows[i].absorbed.push(code.clone());
                if t.rows[i].source != Source::Filed {
                    t.add_figures(i, &f);
                }
                continue;
            }
            for &i in &finals {
                t.rows[i].parts.push(SummaryPart {
                    unit: code.clone(),
                    name: u.name_on(u.valid_to.unwrap_or(end)).to_string(),
                    totals: f.totals(),
                });
            }
            // Counted once, where all its successors meet; or at the top of this summary.
            if let Some(i) = t.common_row(&finals).or((!t.rows.is_empty()).then_some(0)) {
                t.add(i, &f.totals());
            }
        }
        Ok(())
    }
}

/// A report's values in the order of `indicators`.
fn values_of(indicators: &[String], r: &Report) -> Vec<Option<u64>> {
    indicators
        .iter()
        .map(|code| r.value(code).map(u64::from))
        .collect()
}

fn is_submitted(tag: u8) -> bool {
    tag == Status::Submitted.tag() || tag == Status::Approved.tag()
}

/// The units alive on `end` that `code` continued into, through any chain of links.
pub(super) fn final_units(cache: &UnitCache, code: &str, end: jiff::civil::Date) -> Vec<String> {
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
    catalogue: &[(String, OverTime)],
) -> Table {
    let end = period.end();
    let top = tree.depth.get(range.start).copied().unwrap_or(0);
    let mut t = Table::new(catalogue, range.len());
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
            ..SummaryRow::empty(t.indicators.len())
        });
        t.figs.push(None);
    }
    t
}

/// A summary of today's unit `top` for a period before it existed: a heading row, then each
/// predecessor's tree as it stood on the period's last day.
fn area_rows(
    cache: &UnitCache,
    tree: &DatedTree,
    (code, name): (&str, &str),
    roots: &[String],
    period: Period,
    kinds: &[UnitKind],
    catalogue: &[(String, OverTime)],
) -> Table {
    let mut t = Table::new(catalogue, tree.order.len().min(1024));
    t.row_of.insert(code.to_string(), 0);
    t.parent_row.push(None);
    t.figs.push(None);
    t.rows.push(SummaryRow {
        code: code.to_string(),
        name: name.to_string(),
        depth: 0,
        ..SummaryRow::empty(t.indicators.len())
    });
    for root in roots {
        let Some(range) = tree.subtree(cache, Some(root)) else {
            continue;
        };
        let part = rows_for(cache, tree, range, period, kinds, catalogue);
        let offset = t.rows.len();
        for (i, mut row) in part.rows.into_iter().enumerate() {
            row.depth = row.depth.saturating_add(1);
            t.row_of.insert(row.code.clone(), offset + i);
            t.parent_row
                .push(Some(part.parent_row[i].map_or(0, |p| p + offset)));
            t.figs.push(None);
            t.rows.push(row);
        }
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
        par.made += child.made;
        par.partial += child.partial;
        for (x, c) in par.totals.iter_mut().zip(&child.totals) {
            *x += c;
        }
    }
}
