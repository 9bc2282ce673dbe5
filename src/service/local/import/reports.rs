//! Indicator reports from a spreadsheet: one row per unit and period, one column per
//! indicator; an empty cell means no figure.

use super::{duplicates, finish, Plan, Planned, Row};
use crate::domain::account::Role;
use crate::domain::date::parse_time;
use crate::domain::period::Period;
use crate::domain::report::{parse_value, Report, MAX_NARRATIVE};
use crate::domain::workflow::{Status, Step};
use crate::error::{Error, Problem, Result};
use crate::service::api::Actor;
use crate::service::local::{clean_text, LocalService};
use crate::store::{keys, TreeId};

impl LocalService {
    pub(super) fn plan_reports(
        &self,
        a: &Actor,
        rows: &[Row],
        at: i64,
        problems: &mut Vec<Problem>,
    ) -> Result<Plan> {
        let admin = self.scope(a)?.role == Role::Admin;
        let cat = self.indicators_impl()?;
        let mut planned = Vec::new();
        let mut seen = Vec::new();
        for r in rows {
            let before = problems.len();
            let unit = r.get("unit").unwrap_or("");
            let period = r.parse("period", problems, Period::parse);
            let u = match self.load_unit(unit) {
                Ok(u) => Some(u),
                Err(e) => {
                    problems.push(r.problem("unit", &e));
                    None
                }
            };
            let (Some(u), Some(period)) = (u, period) else {
                continue;
            };
            if let Err(e) = self.need_write(a, unit) {
                problems.push(r.problem("unit", &e));
                continue;
            }
            if let Err(e) = self.report_unit(unit, period) {
                problems.push(r.problem("period", &e));
                continue;
            }
            seen.push((r.line, format!("{unit}/{period}")));
            let old: Option<Report> = self
                .store
                .get(TreeId::Reports, &keys::report(unit, period))?;
            let mut rep = old
                .clone()
                .unwrap_or_else(|| Report::new(unit, period, &a.name, at));
            let mut values = Vec::new();
            for i in &cat {
                if let Some(v) = r.parse(&i.code, problems, |s| parse_value(&i.code, s)) {
                    values.push((i.code.clone(), v));
                }
            }
            let given: Vec<_> = values
                .iter()
                .filter(|(_, v)| v.is_some())
                .cloned()
                .collect();
            if let Err(e) = self.check_values(&u, period, &given) {
                let col = match &e {
                    Error::Invalid { field, .. } => field.clone(),
                    _ => String::new(),
                };
                problems.push(r.problem(&col, &e));
            }
            for (c, v) in &values {
                rep.set_value(c, *v);
            }
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
            if let Some(st) = r.parse("status", problems, super::parse_status) {
                if st != Status::Draft && !admin && old.as_ref().is_none_or(|o| o.status != st) {
                    problems.push(r.say("status", "only an admin may import reports as submitted or approved; leave the status column out and submit them", "chỉ quản trị viên được nhập báo cáo ở trạng thái đã gửi hoặc đã duyệt; hãy bỏ cột trạng thái rồi gửi báo cáo"));
                }
                if st != rep.status {
                    rep.history.push(Step {
                        status: st,
                        by: a.name.clone(),
                        at,
                        note: "import".into(),
                    });
                    rep.status = st;
                }
            }
            let time = |col: &str, problems: &mut Vec<Problem>| {
                r.parse(col, problems, |s| {
                    if s.is_empty() {
                        Ok(None)
                    } else {
                        parse_time(col, s).map(Some)
                    }
                })
            };
            if let Some(t) = time("first_submitted", problems) {
                rep.first_submitted_at = t;
            }
            if rep.first_submitted_at.is_none()
                && matches!(rep.status, Status::Submitted | Status::Approved)
            {
                rep.first_submitted_at = Some(at);
            }
            match (r.get("updated_by"), time("updated_at", problems)) {
                (Some(by), Some(Some(t))) if !by.is_empty() => {
                    rep.updated_by = by.to_string();
                    rep.updated_at = t;
                }
                _ if old.as_ref() != Some(&rep) => {
                    rep.updated_by = a.name.clone();
                    rep.updated_at = at;
                }
                _ => {}
            }
            match &old {
                Some(o) if *o != rep => rep.revision = o.revision + 1,
                None => {
                    if let Some(Some(v)) = r.parse("revision", problems, |s| {
                        if s.is_empty() {
                            Ok(None)
                        } else {
                            parse_value("revision", s).map(|v| v.map(u64::from))
                        }
                    }) {
                        rep.revision = v;
                    }
                }
                _ => {}
            }
            if problems.len() == before {
                planned.push(Planned {
                    key: format!("{unit}/{period}"),
                    old,
                    new: rep,
                });
            }
        }
        duplicates(&seen, &super::header_of(rows, "period"), problems);
        Ok(finish(planned, "report.import", "report"))
    }
}
