//! Indicator reports from a spreadsheet: one row per unit and period, one column per
//! indicator; an empty cell means no figure.

use std::rc::Rc;

use super::{Columns, Planned, Row, Sink};
use crate::domain::account::Role;
use crate::domain::date::{fmt_time, parse_time};
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::{parse_value, Report, MAX_NARRATIVE};
use crate::domain::unit::Unit;
use crate::domain::workflow::{next_status, Status, Transition};
use crate::error::{Error, Problem, Result};
use crate::exchange::table_rows::Block;
use crate::service::api::Actor;
use crate::service::local::lineage::Holders;
use crate::service::local::{clean_text, LocalService};

/// What every row of one import shares.
struct Ctx<'a> {
    a: &'a Actor,
    at: i64,
    admin: bool,
    cat: Vec<Indicator>,
    /// Each indicator's column in the file, found once.
    places: Vec<Option<usize>>,
}

/// What the rows read so far leave for the next: each unit once, each (unit, period) as two
/// small numbers (a national file of a million rows needs a few megabytes here, not a string
/// per row), and the stored chunks, each inflated once rather than once per row.
struct Seen<'s> {
    ids: foldhash::HashMap<String, u32>,
    lines: foldhash::HashMap<(u32, Period), u64>,
    units: UnitMemo,
    stored: crate::store::reports::ReportReader<'s>,
}

impl LocalService {
    /// Plans and writes the rows block by block; each block is let go once read, so a
    /// national file's memory goes as the import goes.
    pub(super) fn plan_reports(
        &self,
        a: &Actor,
        blocks: &mut dyn Iterator<Item = Result<Block>>,
        map: &Columns,
        headers: &[String],
        sink: &mut Sink,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let cat = self.indicators_impl()?;
        let ctx = Ctx {
            a,
            at: sink.at,
            admin: self.scope(a)?.role == Role::Admin,
            places: cat.iter().map(|i| map.get(&i.code).copied()).collect(),
            cat,
        };
        let mut seen = Seen {
            ids: Default::default(),
            lines: Default::default(),
            units: UnitMemo::default(),
            stored: self.store.report_reader(),
        };
        for block in blocks {
            // A problem the reader meets further on joins those of the rows before it.
            let block = match block {
                Err(Error::Rejected {
                    problems: theirs, ..
                }) => {
                    problems.extend(theirs);
                    break;
                }
                other => other?,
            };
            for cells in block.iter() {
                if let Some(p) = super::width_problem(headers.len(), &cells) {
                    problems.push(p);
                    continue;
                }
                let r = Row::new(cells, map, headers);
                self.plan_report_row(&ctx, &r, &mut seen, sink, problems)?;
            }
        }
        Ok(())
    }

    fn plan_report_row(
        &self,
        ctx: &Ctx,
        r: &Row,
        seen: &mut Seen,
        sink: &mut Sink,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let before = problems.len();
        let Some((u, period)) = self.report_target(ctx.a, r, &mut seen.units, problems) else {
            return Ok(());
        };
        let key = format!("{}/{period}", u.code);
        let id = match seen.ids.get(&u.code) {
            Some(&id) => id,
            None => {
                let next = seen.ids.len() as u32;
                seen.ids.insert(u.code.clone(), next);
                next
            }
        };
        // Messages name the unit by its official code: the period tells which holder it was.
        let shown = format!("{}/{period}", u.official_code());
        if let Some(&first) = seen.lines.get(&(id, period)) {
            problems.push(super::repeated(r.line, &r.header("period"), &shown, first));
            return Ok(());
        }
        seen.lines.insert((id, period), r.line);
        let old: Option<Report> = seen.stored.report(&u.code, period)?;
        // A fill-in form's row left blank is no report: nothing is made or changed for it.
        let empty = |cell: Option<&str>| cell.is_none_or(str::is_empty);
        let blank = ["status", "narrative"].into_iter().all(|c| empty(r.get(c)))
            && ctx.places.iter().all(|&at| empty(r.at(at)));
        let base = r.get("base_revision").filter(|s| !s.is_empty());
        if blank && (old.is_none() || base.is_some()) {
            return Ok(());
        }
        // A form says which version it was filled from: a report saved since is never
        // overwritten with figures typed over the older one.
        if let Some(p) = base.and_then(|b| Self::changed_since(r, b, old.as_ref(), &key)) {
            problems.push(p);
            return Ok(());
        }
        let (rep, note) = self.report_from_row(ctx, r, &u, period, old.as_ref(), problems);
        // Approved is locked for everyone; operators also leave a submitted report alone.
        if let Some(o) = old.as_ref().filter(|o| **o != rep) {
            if o.status == Status::Approved {
                let when = period.to_string();
                problems.push(super::locked_row(r, "report", u.official_code(), &when));
            } else if !ctx.admin {
                if let Err(f) = next_status(o.status, Transition::Edit) {
                    problems.push(r.say(
                        "unit",
                        format!("report {shown} {}", f.en),
                        format!("báo cáo {shown} {}", f.vi),
                    ));
                }
            }
        }
        if problems.len() > before {
            return Ok(());
        }
        let p = Planned {
            key,
            old,
            new: rep,
            note,
        };
        let clean = problems.is_empty();
        sink.add(
            p,
            crate::domain::audit::Action::ReportImport,
            "report",
            clean,
        )
    }

    /// The report changed after the form holding `base` (its revision then; 0 for none) was
    /// written: who changed it, and what to do.
    fn changed_since(r: &Row, base: &str, old: Option<&Report>, key: &str) -> Option<Problem> {
        let now = old.map_or(0, |o| o.revision);
        if base.parse::<u64>().ok() == Some(now) {
            return None;
        }
        let (who, at) = old.map_or((String::new(), String::new()), |o| {
            (o.updated_by.clone(), fmt_time(o.updated_at))
        });
        Some(r.say(
        "base_revision",
        format!("report {key} was saved by {who} at {at} after this form was written (revision {base}, now {now}); nothing of the file was imported: export the form again and enter your figures on it"),
        format!("báo cáo {key} đã được {who} lưu lúc {at} sau khi xuất biểu mẫu này (phiên bản {base}, nay {now}); chưa nhập gì từ tệp: hãy xuất lại biểu mẫu rồi nhập số liệu vào đó"),
    ))
    }

    /// The row's unit and period, once both exist and the actor may write there.
    fn report_target(
        &self,
        a: &Actor,
        r: &Row,
        units: &mut UnitMemo,
        problems: &mut Vec<Problem>,
    ) -> Option<(Rc<Unit>, Period)> {
        let typed = r.get("unit").unwrap_or("");
        let period = r.parse("period", problems, Period::parse)?;
        // A code names the unit that held it for the report's period.
        let unit = self
            .resolve_on_from(typed, period.start(), period.end(), &mut |c| {
                units.holders(self, c)
            })
            .and_then(|id| units.load(self, &id))
            .map_err(|e| problems.push(r.problem("unit", &e)))
            .ok();
        let u = unit?;
        if let Err(e) = self.need_write(a, &u.code) {
            problems.push(r.problem("unit", &e));
            return None;
        }
        match self.may_report_unit(&u, period) {
            Ok(()) => Some((u, period)),
            Err(e) => {
                problems.push(r.problem("period", &e));
                None
            }
        }
    }

    fn report_from_row(
        &self,
        ctx: &Ctx,
        r: &Row,
        u: &Unit,
        period: Period,
        old: Option<&Report>,
        problems: &mut Vec<Problem>,
    ) -> (Report, Option<String>) {
        let mut rep = old
            .cloned()
            .unwrap_or_else(|| Report::new(&u.code, period, &ctx.a.name, ctx.at));
        self.fill_values(ctx, r, u, &mut rep, problems);
        fill_texts(r, &mut rep, problems);
        fill_status(ctx, r, old, &mut rep, problems);
        let note = fill_stamps(ctx, r, old, &mut rep, problems);
        (rep, note)
    }

    fn fill_values(
        &self,
        ctx: &Ctx,
        r: &Row,
        u: &Unit,
        rep: &mut Report,
        problems: &mut Vec<Problem>,
    ) {
        let values: Vec<(String, Option<u32>)> = ctx
            .cat
            .iter()
            .zip(&ctx.places)
            .filter_map(|(i, &at)| {
                let v = r.parse_at(at, &i.code, problems, |s| parse_value(&i.code, s))?;
                Some((i.code.clone(), v))
            })
            .collect();
        let given: Vec<_> = values
            .iter()
            .filter(|(_, v)| v.is_some())
            .cloned()
            .collect();
        if let Err(e) =
            crate::service::local::reports::check_values_in(&ctx.cat, u, rep.period, &given)
        {
            let col = match &e {
                Error::Invalid { field, .. } => field.clone(),
                _ => String::new(),
            };
            problems.push(r.problem(&col, &e));
        }
        for (c, v) in &values {
            rep.set_value(c, *v);
        }
    }
}

fn fill_texts(r: &Row, rep: &mut Report, problems: &mut Vec<Problem>) {
    if let Some(n) = r.parse("narrative", problems, |s| {
        clean_text("narrative", s, MAX_NARRATIVE)
    }) {
        rep.narrative = n;
    }
    if let Some(s) = r.parse("return_reason", problems, |s| {
        clean_text("return_reason", s, 2000)
    }) {
        rep.return_reason = (!s.is_empty()).then_some(s);
    }
}

/// A status other than draft is an admin's to import; a change is recorded in the history.
fn fill_status(
    ctx: &Ctx,
    r: &Row,
    old: Option<&Report>,
    rep: &mut Report,
    problems: &mut Vec<Problem>,
) {
    let Some(st) = r.parse("status", problems, super::parse_status) else {
        return;
    };
    if st != Status::Draft && !ctx.admin && old.is_none_or(|o| o.status != st) {
        problems.push(r.say(
            "status",
            "only an admin may import reports as submitted or approved; leave the status column out and submit them",
            "chỉ quản trị viên được nhập báo cáo ở trạng thái đã gửi hoặc đã duyệt; hãy bỏ cột trạng thái rồi gửi báo cáo",
        ));
    }
    super::record_status(&mut rep.history, &mut rep.status, st, &ctx.a.name, ctx.at);
}

/// Submission time, who changed it last and the revision come from the server's clock and the
/// importing user. Only an admin's migration into the store (a new record) may keep the file's
/// historical stamps; it returns a note saying so, for the audit trail. An operator's file
/// stamps are ignored, so a back-dated "first submitted" can never make a report on time.
fn fill_stamps(
    ctx: &Ctx,
    r: &Row,
    old: Option<&Report>,
    rep: &mut Report,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let mut kept = Vec::new();
    // Stamps the import would ignore are not read at all: a spreadsheet that wrote them back
    // in its own way ("02/04/24 09:00 SA") must not block the figures.
    if old.is_none() && ctx.admin {
        let time = |col: &str, p: &mut Vec<Problem>| r.optional(col, p, |s| parse_time(col, s));
        let first = time("first_submitted", problems).flatten();
        let by = r.get("updated_by").filter(|s| !s.is_empty());
        let at = time("updated_at", problems).flatten();
        let rev = r.optional("revision", problems, |s| parse_value("revision", s));
        if let Some(t) = first {
            rep.first_submitted_at = Some(t);
            kept.push(format!("first submitted {}", fmt_time(t)));
        }
        if let (Some(by), Some(at)) = (by, at) {
            rep.updated_by = by.to_string();
            rep.updated_at = at;
            kept.push(format!("updated by {by} at {}", fmt_time(at)));
        }
        if let Some(Some(Some(v))) = rev {
            rep.revision = u64::from(v);
        }
    }
    if rep.first_submitted_at.is_none() && rep.counts_as_submitted() {
        rep.first_submitted_at = Some(ctx.at);
    }
    if let Some(o) = old.filter(|o| *o != rep) {
        rep.updated_by = ctx.a.name.clone();
        rep.updated_at = ctx.at;
        rep.revision = o.revision + 1;
    }
    (!kept.is_empty()).then(|| format!("kept the file's stamps: {}", kept.join(", ")))
}

/// Units and the holders of codes, read once per import instead of once or twice per row (a
/// national file names each commune once per period, and a sled scan for a code's holders
/// costs more than the rest of its row). Bounded: each map emptied past `UnitMemo::MAX`.
#[derive(Default)]
struct UnitMemo {
    units: foldhash::HashMap<String, Rc<Unit>>,
    holders: foldhash::HashMap<String, Holders>,
}

impl UnitMemo {
    const MAX: usize = 20_000;

    fn load(&mut self, svc: &LocalService, id: &str) -> Result<Rc<Unit>> {
        remembered(&mut self.units, id, || svc.load_unit(id).map(Rc::new))
    }

    fn holders(&mut self, svc: &LocalService, code: &str) -> Result<Holders> {
        remembered(&mut self.holders, code, || svc.shared_holders(code))
    }
}

/// The value kept for `key`, else `read`'s, kept; the map is emptied past `UnitMemo::MAX`.
/// Values are shared (`Rc`): a clone per row of a unit and its code's holders was a tenth of
/// a national import's allocations.
fn remembered<T: Clone>(
    kept: &mut foldhash::HashMap<String, T>,
    key: &str,
    read: impl FnOnce() -> Result<T>,
) -> Result<T> {
    if let Some(v) = kept.get(key) {
        return Ok(v.clone());
    }
    let v = read()?;
    if kept.len() >= UnitMemo::MAX {
        kept.clear();
    }
    kept.insert(key.to_string(), v.clone());
    Ok(v)
}
