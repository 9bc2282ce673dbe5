//! Report commands and queries, and reporting completeness.

use super::{clamp_limit, clean_text, LocalService};
use crate::domain::date::fmt_date;
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::{Report, MAX_NARRATIVE};
use crate::domain::unit::{official_code, Unit, UnitKind};
use crate::domain::workflow::{next_status, Status, Step, Transition};
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::packed::Mark;
use std::collections::HashMap;

/// Above this many units, listings scan an index instead of probing unit by unit.
pub(super) const PROBE_LIMIT: usize = 2000;

impl LocalService {
    pub(super) fn report_unit(&self, code: &str, period: Period) -> Result<Unit> {
        self.may_report(self.load_unit(code)?, period)
    }

    /// The unit may have a report for `period`: the period has begun and the unit lived then.
    pub(super) fn may_report(&self, u: Unit, period: Period) -> Result<Unit> {
        self.may_report_unit(&u, period).map(|()| u)
    }

    /// `may_report` for a unit the caller keeps.
    pub(super) fn may_report_unit(&self, u: &Unit, period: Period) -> Result<()> {
        let code = u.code.as_str();
        if period.start() > self.today() {
            return Err(Error::invalid(
                "period",
                format!(
                    "{period} has not started yet; reports are entered once their period begins"
                ),
                format!("kỳ {period} chưa bắt đầu; chỉ nhập báo cáo khi kỳ đã bắt đầu"),
            ));
        }
        if !u.overlaps(period.start(), period.end()) {
            let (en, vi) = match (
                u.successor().map(crate::domain::unit::official_code),
                u.valid_to,
            ) {
                (Some(s), Some(to)) => (
                    format!(
                        "was merged into {s} from {}; report {period} under {s}",
                        fmt_date(to.tomorrow().unwrap_or(to))
                    ),
                    format!(
                        "đã sáp nhập vào {s} từ {}; hãy báo cáo kỳ {period} dưới {s}",
                        fmt_date(to.tomorrow().unwrap_or(to))
                    ),
                ),
                _ => (
                    format!("did not exist during {period}"),
                    format!("không tồn tại trong kỳ {period}"),
                ),
            };
            return Err(Error::state(Entity::Unit, code, en, vi));
        }
        Ok(())
    }

    pub(super) fn check_values(
        &self,
        u: &Unit,
        period: Period,
        values: &[(String, Option<u32>)],
    ) -> Result<()> {
        check_values_in(&self.indicators_impl()?, u, period, values)
    }
}

/// Each value names an indicator of the catalogue that applies to the unit and period.
pub(super) fn check_values_in(
    catalogue: &[crate::domain::indicator::Indicator],
    u: &Unit,
    period: Period,
    values: &[(String, Option<u32>)],
) -> Result<()> {
    {
        for (code, _) in values {
            let ind = catalogue.iter().find(|i| &i.code == code).ok_or_else(|| {
                Error::invalid(
                    code,
                    "no such indicator (see: antq indicators list)",
                    "không có chỉ tiêu này (xem: antq indicators list)",
                )
            })?;
            if !ind.applies(u.kind, period.kind) {
                return Err(Error::invalid(
                    code,
                    format!(
                        "does not apply to a {} for a {} period",
                        u.kind.label_en(),
                        period.kind.code()
                    ),
                    format!(
                        "không áp dụng cho {} ở kỳ {}",
                        u.kind.label_vi(),
                        period.kind.label_vi().to_lowercase()
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl LocalService {
    pub(super) fn save_report_impl(&self, a: &Actor, r: ReportInput) -> Result<Report> {
        let narrative = r
            .narrative
            .as_deref()
            .map(|n| clean_text("narrative", n, MAX_NARRATIVE))
            .transpose()?;
        self.write(a, |tx| {
            let u = self.report_unit(&r.unit, r.period)?;
            self.check_values(&u, r.period, &r.values)?;
            let old: Option<Report> = self.store.report(&r.unit, r.period)?;
            let key = format!("{}/{}", r.unit, r.period);
            let mut rep = match &old {
                Some(o) => {
                    self.check_revision(Entity::Report, &key, r.base_revision, o.revision)?;
                    next_status(o.status, Transition::Edit)
                        .map_err(|f| Error::state(Entity::Report, &key, f.en, f.vi))?;
                    o.clone()
                }
                None => Report::new(&r.unit, r.period, &a.name, tx.at),
            };
            for (code, v) in &r.values {
                rep.set_value(code, *v);
            }
            if let Some(n) = &narrative {
                rep.narrative = n.clone();
            }
            rep.updated_by = a.name.clone();
            rep.updated_at = tx.at;
            if old.is_some() {
                rep.revision += 1;
            }
            tx.put(old.as_ref(), &rep)?;
            // Only what changed: a form sends every field, most of them untouched.
            let before = |c: &str| old.as_ref().and_then(|o| o.value(c));
            let summary: Vec<String> = r
                .values
                .iter()
                .filter(|(c, v)| before(c) != *v)
                .map(|(c, v)| format!("{c}={}", v.map(|v| v.to_string()).unwrap_or_default()))
                .collect();
            tx.audit(
                crate::domain::audit::Action::Report(crate::domain::workflow::Transition::Edit),
                format!("report/{key}"),
                summary.join(" "),
            );
            Ok(rep)
        })
    }

    pub(super) fn transition_report(
        &self,
        a: &Actor,
        unit: &str,
        period: Period,
        t: Transition,
        reason: &str,
    ) -> Result<Report> {
        let reason = clean_text("reason", reason, 2000)?;
        if t.needs_reason() && reason.is_empty() {
            return Err(Error::invalid(
                "reason",
                format!("a {} report needs a reason (--reason TEXT)", t.past()),
                format!("{} báo cáo cần nêu lý do (--reason NỘI_DUNG)", t.verb_vi()),
            ));
        }
        let key = format!("{unit}/{period}");
        self.write(a, |tx| {
            self.load_unit(unit)?;
            let old: Report = self
                .store
                .report(unit, period)?
                .ok_or_else(|| Error::not_found(Entity::Report, &key))?;
            let status = next_status(old.status, t)
                .map_err(|f| Error::state(Entity::Report, &key, f.en, f.vi))?;
            if t == Transition::Approve {
                let name = self.load_unit(unit)?.name;
                let shown = (
                    format!("report {} {name} · {period}", official_code(unit)),
                    format!("báo cáo {} {name} kỳ {period}", official_code(unit)),
                );
                self.need_other_eyes(a, &format!("report/{key}"), &old.created_by, shown)?;
            }
            if t == Transition::Submit && old.values.is_empty() {
                return Err(Error::state(
                    Entity::Report,
                    &key,
                    "has no values yet; enter at least one indicator before submitting",
                    "chưa có số liệu; hãy nhập ít nhất một chỉ tiêu trước khi gửi",
                ));
            }
            let mut rep = old.clone();
            rep.status = status;
            rep.return_reason = t.needs_reason().then(|| reason.clone());
            if t == Transition::Submit && rep.first_submitted_at.is_none() {
                rep.first_submitted_at = Some(tx.at);
            }
            rep.history.push(Step {
                status,
                by: a.name.clone(),
                at: tx.at,
                note: reason.clone(),
            });
            rep.updated_by = a.name.clone();
            rep.updated_at = tx.at;
            rep.revision += 1;
            tx.put(Some(&old), &rep)?;
            tx.audit(
                crate::domain::audit::Action::Report(t),
                format!("report/{key}"),
                reason.clone(),
            );
            Ok(rep)
        })
    }

    pub(super) fn reports_impl(&self, q: &ReportQuery) -> Result<Page<Report>> {
        let limit = clamp_limit(q.limit);
        if q.period.is_none() && q.under.is_none() && q.after.is_some() {
            return self.reports_by_key(q, limit);
        }
        let status_ok = move |m: &Mark| q.status.is_none_or(|s| m.status == s.tag());
        let store = &self.store;
        let reports: Box<dyn Iterator<Item = Result<Report>> + '_> = match (q.period, &q.under) {
            (Some(p), Some(under)) => {
                let cache = self.cache()?;
                let tree = cache.on(p.end());
                let area = tree
                    .area(&cache, Some(under))
                    .ok_or_else(|| self.not_then(under, p))?;
                let marks: HashMap<String, Mark> =
                    self.store.period_marks(p)?.into_iter().collect();
                let codes: Vec<String> = area
                    .into_iter()
                    .map(|i| cache.preorder[tree.order[i]].code.clone())
                    .filter(|c| marks.get(c).is_some_and(status_ok))
                    .collect();
                // Neighbours in the tree share chunks: each is inflated once.
                let mut reader = store.report_reader();
                Box::new(
                    codes
                        .into_iter()
                        .filter_map(move |c| reader.report(&c, p).transpose()),
                )
            }
            (Some(p), None) => {
                let units: Vec<String> = self
                    .store
                    .period_marks(p)?
                    .into_iter()
                    .filter(|(_, m)| status_ok(m))
                    .map(|(u, _)| u)
                    .collect();
                // In chunk order: each chunk is inflated once.
                let mut reader = store.report_reader();
                Box::new(
                    units
                        .into_iter()
                        .filter_map(move |c| reader.report(&c, p).transpose()),
                )
            }
            (None, under) => {
                let cache = self.cache()?;
                let sub = cache.subtree(under.as_deref()).ok_or_else(|| {
                    Error::not_found(Entity::Unit, under.clone().unwrap_or_default())
                })?;
                let codes: Vec<String> = sub.iter().map(|u| u.code.clone()).collect();
                let periods = self.store.report_periods()?;
                // A large area reads every chunk once rather than each unit's every period.
                if codes.len() > PROBE_LIMIT {
                    let wanted: std::collections::HashSet<String> = codes.into_iter().collect();
                    return page_of(
                        store
                            .reports_from(None)
                            .map(|r| r.map(|(_, rep)| rep))
                            .filter(move |r| r.as_ref().map_or(true, |r| wanted.contains(&r.unit))),
                        q,
                        limit,
                    );
                }
                Box::new(codes.into_iter().flat_map(move |c| {
                    periods
                        .clone()
                        .into_iter()
                        .filter_map(move |p| store.report(&c, p).transpose())
                }))
            }
        };
        page_of(reports, q, limit)
    }

    /// Every report in key order, a page at a time from the previous page's last key.
    fn reports_by_key(&self, q: &ReportQuery, limit: usize) -> Result<Page<Report>> {
        let start = match q.after.as_deref() {
            Some("") | None => None,
            Some(c) => Some(cursor_key(c)?),
        };
        let mut items = Vec::new();
        let mut last: Option<Vec<u8>> = None;
        let mut more = false;
        for kv in self.store.reports_from(start) {
            let (pos, rep) = kv?;
            if items.len() == limit {
                more = true;
                break;
            }
            last = Some(pos);
            if q.status.is_none_or(|s| s == rep.status) {
                items.push(rep);
            }
        }
        Ok(Page {
            items,
            next: None,
            cursor: last.filter(|_| more).map(|k| hex(&k)),
        })
    }

    /// The period's deadline, and the first second after it (Vietnam time).
    pub(super) fn deadline_cutoff(&self, period: Period) -> Result<(jiff::civil::Date, i64)> {
        let deadline = self.load_settings()?.deadlines.deadline(period);
        Ok((deadline, crate::domain::date::after_day(deadline)))
    }

    /// Unit kinds that report for a period type, according to the catalogue.
    pub(super) fn reporting_kinds(&self, period: Period) -> Result<Vec<UnitKind>> {
        let cat: Vec<Indicator> = self.indicators_impl()?;
        let mut kinds: Vec<UnitKind> = UnitKind::ALL
            .into_iter()
            .filter(|k| cat.iter().any(|i| i.applies(*k, period.kind)))
            .collect();
        kinds.sort();
        Ok(kinds)
    }

    pub(super) fn completeness_impl(
        &self,
        period: Period,
        under: Option<&str>,
    ) -> Result<Completeness> {
        let (deadline, cutoff) = self.deadline_cutoff(period)?;
        let kinds = self.reporting_kinds(period)?;
        let cache = self.cache()?;
        // Expected: the units that exist on the period's last day, in that day's tree.
        let end = period.end();
        let tree = cache.on(end);
        let area = tree
            .area(&cache, under)
            .ok_or_else(|| self.not_then(under.unwrap_or_default(), period))?;
        let expected: Vec<&str> = area
            .into_iter()
            .map(|i| &cache.preorder[tree.order[i]])
            .filter(|u| kinds.contains(&u.kind_on(end)))
            .map(|u| u.code.as_str())
            .collect();
        let mut c = Completeness {
            period,
            deadline,
            expected: expected.len(),
            submitted: 0,
            on_time: 0,
            drafts: 0,
            returned: 0,
            awaiting_approval: 0,
            missing: Vec::new(),
        };
        // An area of a few units looks each up; a larger one reads the period's chunks once.
        let scanned = expected.len() > PROBE_LIMIT;
        // foldhash: a national period maps 100,000 codes here on every first screen.
        let marks: foldhash::HashMap<String, Mark> = if scanned {
            self.store.period_marks(period)?.into_iter().collect()
        } else {
            Default::default()
        };
        for code in expected {
            let mark = if scanned {
                marks.get(code).copied()
            } else {
                self.store.report_mark(code, period)?
            };
            let Some(mark) = mark else {
                c.missing.push(code.to_string());
                continue;
            };
            let (status, first) = (mark.status, mark.first_submitted_at);
            if status == Status::Submitted.tag() || status == Status::Approved.tag() {
                c.submitted += 1;
                c.awaiting_approval += usize::from(status == Status::Submitted.tag());
                c.on_time += usize::from(first.is_some_and(|t| t < cutoff));
            } else {
                c.returned += usize::from(status == Status::Returned.tag());
                c.drafts += usize::from(status == Status::Draft.tag());
                c.missing.push(code.to_string());
            }
        }
        Ok(c)
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A cursor as the previous page gave it: the hex of a report key.
fn cursor_key(c: &str) -> Result<Vec<u8>> {
    let bad = || {
        Error::invalid(
            "after",
            "the page cursor is not one antq gave; start again from the first page",
            "con trỏ trang không phải do antq cấp; hãy bắt đầu lại từ trang đầu",
        )
    };
    if !c.len().is_multiple_of(2) || c.len() > 256 {
        return Err(bad());
    }
    (0..c.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(c.get(i..i + 2).ok_or_else(bad)?, 16).map_err(|_| bad()))
        .collect()
}

/// One page of `reports`, skipping `q.offset` and, without a period, those of another status
/// (with one, the chunks' marks already chose them).
fn page_of(
    reports: impl Iterator<Item = Result<Report>>,
    q: &ReportQuery,
    limit: usize,
) -> Result<Page<Report>> {
    let keep = |r: &Report| q.period.is_some() || q.status.is_none_or(|s| s == r.status);
    super::paged(reports, keep, q.offset, limit)
}
