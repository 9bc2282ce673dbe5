//! Follow-up tasks from a spreadsheet. A row with an id updates that task; a row without
//! one matches an existing task by title, lead unit and due date, or adds a new task.

use std::collections::HashMap;

use super::{duplicates, finish, Plan, Planned, Row};
use crate::domain::date::parse_date;
use crate::domain::task::{parse_log, Directive, LogEntry, Priority, Task, TaskStatus};
use crate::error::{Error, Problem, Result};
use crate::service::api::Actor;
use crate::service::local::{clean_text, LocalService};
use crate::store::{keys, meta, TreeId};
use jiff::civil::Date;

/// The columns that identify a task: its number if given, else title, lead unit and due date.
struct Head {
    id: Option<u64>,
    title: String,
    lead: String,
    due: Date,
}

impl LocalService {
    pub(super) fn plan_tasks(
        &self,
        a: &Actor,
        rows: &[Row],
        at: i64,
        problems: &mut Vec<Problem>,
    ) -> Result<Plan> {
        let heads: Vec<Option<Head>> = rows.iter().map(|r| self.task_head(r, problems)).collect();
        let by_match: HashMap<(String, String, Date), u64> = self
            .store
            .records::<Task>(TreeId::Tasks, b"")
            .map(|t| t.map(|t| ((t.title, t.lead_unit, t.due), t.id)))
            .collect::<Result<_>>()?;
        // New numbers start past the store's counter and every number the file gives.
        let given = heads
            .iter()
            .flatten()
            .filter_map(|h| h.id)
            .max()
            .unwrap_or(0);
        let mut next = self
            .store
            .get_meta_u64(meta::NEXT_TASK)?
            .max(given + 1)
            .max(1);
        let mut planned = Vec::new();
        let mut seen = Vec::new();
        for (r, head) in rows.iter().zip(heads) {
            let Some(h) = head else { continue };
            let before = problems.len();
            let id = h.id.or_else(|| {
                by_match
                    .get(&(h.title.clone(), h.lead.clone(), h.due))
                    .copied()
            });
            let old: Option<Task> = match id {
                Some(id) => self.store.get(TreeId::Tasks, &keys::task(id))?,
                None => None,
            };
            let id = id.unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            seen.push((r.line, id.to_string()));
            let mut t = old
                .clone()
                .unwrap_or_else(|| Task::new(id, &h.title, &h.lead, h.due, &a.name, at));
            (t.title, t.lead_unit, t.due) = (h.title, h.lead, h.due);
            self.task_links(r, &mut t, problems);
            fill_fields(r, &mut t, problems);
            fill_progress(r, &mut t, a, at, problems);
            // Units must last until the due date, as when typed; an unchanged task (a file
            // exported and read back) is left as it is.
            let moved = old.as_ref().is_none_or(|o| {
                (&o.lead_unit, o.due, &o.coordinating) != (&t.lead_unit, t.due, &t.coordinating)
            });
            if moved && problems.len() == before {
                self.units_last_until_due(r, &t, problems)?;
            }
            if let Some(o) = &old {
                if *o != t {
                    t.revision = o.revision + 1;
                }
            }
            if problems.len() == before {
                planned.push(Planned {
                    key: id.to_string(),
                    old,
                    new: t,
                    note: None,
                });
            }
        }
        duplicates(&seen, &super::header_of(rows, "id"), problems);
        Ok(with_counter(
            finish(planned, crate::domain::audit::Action::TaskImport, "task"),
            next,
        ))
    }

    fn task_head(&self, r: &Row, problems: &mut Vec<Problem>) -> Option<Head> {
        let before = problems.len();
        let id = r.optional("id", problems, parse_id).flatten();
        let title = r.parse("title", problems, parse_title);
        let typed = r.get("lead_unit").unwrap_or("");
        let lead = match self.resolve_record(typed) {
            Ok(id) => id,
            Err(e) => {
                problems.push(r.problem("lead_unit", &e));
                typed.to_string()
            }
        };
        let due = r.parse("due", problems, |s| parse_date("due", s));
        match (title, due, problems.len() == before) {
            (Some(title), Some(due), true) => Some(Head {
                id,
                title,
                lead,
                due,
            }),
            _ => None,
        }
    }

    fn units_last_until_due(&self, r: &Row, t: &Task, problems: &mut Vec<Problem>) -> Result<()> {
        let cols = std::iter::once(("lead_unit", &t.lead_unit))
            .chain(t.coordinating.iter().map(|c| ("coordinating", c)));
        for (col, code) in cols {
            let Ok(u) = self.load_unit(code) else {
                continue;
            };
            if let Err(e) = self.check_ends_after_due(col, &u, t.due) {
                problems.push(r.problem(col, &e));
            }
        }
        Ok(())
    }

    fn task_links(&self, r: &Row, t: &mut Task, problems: &mut Vec<Problem>) {
        let Some(c) = r.get("coordinating") else {
            return;
        };
        t.coordinating.clear();
        for c in c.split([' ', ',']).filter(|c| !c.is_empty()) {
            match self.resolve_record(c) {
                Ok(id) => t.coordinating.push(id),
                Err(e) => problems.push(r.problem("coordinating", &e)),
            }
        }
    }
}

/// The counter moves past every number the import used, in the same transaction.
fn with_counter(plan: Plan, next: u64) -> Plan {
    let write = plan.write;
    Plan {
        outcome: plan.outcome,
        write: Box::new(move |tx| {
            write(tx)?;
            tx.ws_task_id = Some(next);
            tx.ws.raw_put(
                TreeId::Meta,
                meta::NEXT_TASK.to_vec(),
                next.to_be_bytes().to_vec(),
            );
            Ok(())
        }),
    }
}

fn fill_fields(r: &Row, t: &mut Task, problems: &mut Vec<Problem>) {
    if let Some(p) = r.optional("priority", problems, parse_priority) {
        t.priority = p.unwrap_or(Priority::Normal);
    }
    if let Some(s) = r.optional("status", problems, parse_task_status) {
        t.status = s.unwrap_or(TaskStatus::New);
    }
    let text =
        |col: &str, max: usize, p: &mut Vec<Problem>| r.parse(col, p, |s| clean_text(col, s, max));
    if let Some(d) = text("details", 10_000, problems) {
        t.details = d;
    }
    let number = text("source_number", 100, problems);
    let issuer = text("source_issuer", 200, problems);
    let summary = text("source_summary", 2000, problems);
    let date = r.optional("source_date", problems, |s| parse_date("source_date", s));
    if number.is_some() || issuer.is_some() || summary.is_some() || date.is_some() {
        let old = t.source.clone().unwrap_or_default();
        let d = Directive {
            number: number.unwrap_or(old.number),
            date: date.unwrap_or(old.date),
            issuer: issuer.unwrap_or(old.issuer),
            summary: summary.unwrap_or(old.summary),
        };
        t.source = (d != Directive::default()).then_some(d);
    }
}

/// The log column replaces the log; without it, a bare percentage is noted once as progress.
fn fill_progress(r: &Row, t: &mut Task, a: &Actor, at: i64, problems: &mut Vec<Problem>) {
    if let Some(mut log) = r.parse("log", problems, |s| parse_log("log", s)) {
        keep_stored_times(&mut log, &t.log);
        t.log = log;
        return;
    }
    let Some(Some(p)) = r.optional("percent", problems, parse_percent) else {
        return;
    };
    if t.percent() != p && t.status != TaskStatus::Done {
        t.log.push(LogEntry {
            at,
            by: a.name.clone(),
            text: "imported".into(),
            percent: Some(p),
        });
    }
}

/// The file writes times to the minute: an entry the store holds, read back, keeps the
/// stored time to the second (and its line breaks), so re-importing an export changes nothing.
fn keep_stored_times(log: &mut [LogEntry], stored: &[LogEntry]) {
    use crate::domain::date::fmt_time;
    for e in log.iter_mut() {
        let same = stored.iter().find(|o| {
            o.by == e.by
                && o.text.replace(['\r', '\n'], " ") == e.text
                && o.percent == e.percent
                && fmt_time(o.at) == fmt_time(e.at)
        });
        if let Some(o) = same {
            e.at = o.at;
            e.text = o.text.clone();
        }
    }
}

fn parse_id(s: &str) -> Result<u64> {
    s.parse::<u64>()
        .ok()
        .filter(|&n| n > 0 && n < 1 << 40)
        .ok_or_else(|| {
            Error::invalid(
                "id",
                format!("'{s}' is not a task number"),
                format!("'{s}' không phải số nhiệm vụ"),
            )
        })
}

fn parse_title(s: &str) -> Result<String> {
    let t = clean_text("title", s, 300)?;
    if t.is_empty() {
        return Err(Error::invalid(
            "title",
            "the title is empty",
            "tiêu đề đang để trống",
        ));
    }
    Ok(t)
}

fn parse_priority(s: &str) -> Result<Priority> {
    Priority::parse(s).ok_or_else(|| {
        Error::invalid(
            "priority",
            format!("'{s}' is not a priority; write low, normal or high"),
            format!("'{s}' không phải mức ưu tiên; hãy ghi thấp, thường hoặc cao"),
        )
    })
}

fn parse_task_status(s: &str) -> Result<TaskStatus> {
    TaskStatus::parse(s).ok_or_else(|| {
        Error::invalid(
            "status",
            format!("'{s}' is not a task status; write new, in-progress, done or cancelled"),
            format!("'{s}' không phải trạng thái nhiệm vụ; hãy ghi mới, đang thực hiện, hoàn thành hoặc hủy"),
        )
    })
}

fn parse_percent(s: &str) -> Result<u8> {
    s.trim_end_matches('%')
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| {
            Error::invalid(
                "percent",
                format!("'{s}' is not a percentage from 0 to 100"),
                format!("'{s}' không phải tỷ lệ từ 0 đến 100"),
            )
        })
}
