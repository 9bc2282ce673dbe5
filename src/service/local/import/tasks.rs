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

impl LocalService {
    pub(super) fn plan_tasks(
        &self,
        a: &Actor,
        rows: &[Row],
        at: i64,
        problems: &mut Vec<Problem>,
    ) -> Result<Plan> {
        let existing: Vec<Task> = self
            .store
            .records(TreeId::Tasks, b"")
            .collect::<Result<_>>()?;
        let by_match: HashMap<(String, String, jiff::civil::Date), u64> = existing
            .iter()
            .map(|t| ((t.title.clone(), t.lead_unit.clone(), t.due), t.id))
            .collect();
        let mut next = self.store.get_meta_u64(meta::NEXT_TASK)?.max(1);
        let mut planned = Vec::new();
        let mut seen = Vec::new();
        for r in rows {
            let before = problems.len();
            let id = r
                .parse("id", problems, |s| {
                    if s.is_empty() {
                        return Ok(None);
                    }
                    s.parse::<u64>()
                        .ok()
                        .filter(|&n| n > 0 && n < 1 << 40)
                        .map(Some)
                        .ok_or_else(|| {
                            Error::invalid(
                                "id",
                                format!("'{s}' is not a task number"),
                                format!("'{s}' không phải số nhiệm vụ"),
                            )
                        })
                })
                .flatten();
            let title = r.parse("title", problems, |s| {
                let t = clean_text("title", s, 300)?;
                if t.is_empty() {
                    Err(Error::invalid(
                        "title",
                        "the title is empty",
                        "tiêu đề đang để trống",
                    ))
                } else {
                    Ok(t)
                }
            });
            let lead = r.get("lead_unit").unwrap_or("").to_string();
            if let Err(e) = self.load_unit(&lead) {
                problems.push(r.problem("lead_unit", &e));
            }
            let due = r.parse("due", problems, |s| parse_date("due", s));
            let (Some(title), Some(due), true) = (title, due, problems.len() == before) else {
                continue;
            };
            let id = id.or_else(|| by_match.get(&(title.clone(), lead.clone(), due)).copied());
            let old: Option<Task> = match id {
                Some(id) => self.store.get(TreeId::Tasks, &keys::task(id))?,
                None => None,
            };
            let id = id.unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            next = next.max(id + 1);
            seen.push((r.line, id.to_string()));
            let mut t = old.clone().unwrap_or_else(|| Task {
                id,
                title: title.clone(),
                details: String::new(),
                source: None,
                lead_unit: lead.clone(),
                coordinating: vec![],
                due,
                priority: Priority::Normal,
                status: TaskStatus::New,
                log: vec![],
                created_by: a.name.clone(),
                created_at: at,
                revision: 0,
            });
            t.title = title;
            t.lead_unit = lead;
            t.due = due;
            self.task_fields(r, &mut t, a, at, problems);
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
                });
            }
        }
        duplicates(&seen, &super::header_of(rows, "id"), problems);
        let plan = finish(planned, "task.import", "task");
        let write = plan.write;
        Ok(Plan {
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
        })
    }

    fn task_fields(&self, r: &Row, t: &mut Task, a: &Actor, at: i64, problems: &mut Vec<Problem>) {
        if let Some(c) = r.get("coordinating") {
            t.coordinating = c
                .split([' ', ','])
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            for c in &t.coordinating {
                if let Err(e) = self.load_unit(c) {
                    problems.push(r.problem("coordinating", &e));
                }
            }
        }
        if let Some(p) = r.parse("priority", problems, |s| {
            if s.is_empty() {
                return Ok(Priority::Normal);
            }
            Priority::parse(s).ok_or_else(|| {
                Error::invalid(
                    "priority",
                    format!("'{s}' is not a priority; write low, normal or high"),
                    format!("'{s}' không phải mức ưu tiên; hãy ghi thấp, thường hoặc cao"),
                )
            })
        }) {
            t.priority = p;
        }
        if let Some(s) = r.parse("status", problems, |s| {
            if s.is_empty() {
                return Ok(TaskStatus::New);
            }
            TaskStatus::parse(s).ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!(
                        "'{s}' is not a task status; write new, in-progress, done or cancelled"
                    ),
                    format!("'{s}' không phải trạng thái nhiệm vụ"),
                )
            })
        }) {
            t.status = s;
        }
        let text = |col: &str, max: usize, problems: &mut Vec<Problem>| {
            r.parse(col, problems, |s| clean_text(col, s, max))
        };
        if let Some(d) = text("details", 10_000, problems) {
            t.details = d;
        }
        let number = text("source_number", 100, problems);
        let issuer = text("source_issuer", 200, problems);
        let summary = text("source_summary", 2000, problems);
        let date = r.parse("source_date", problems, |s| {
            if s.is_empty() {
                Ok(None)
            } else {
                parse_date("source_date", s).map(Some)
            }
        });
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
        if let Some(log) = r.parse("log", problems, |s| parse_log("log", s)) {
            t.log = log;
        } else if let Some(Some(p)) = r.parse("percent", problems, |s| {
            if s.is_empty() {
                return Ok(None);
            }
            s.trim_end_matches('%')
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= 100)
                .map(Some)
                .ok_or_else(|| {
                    Error::invalid(
                        "percent",
                        format!("'{s}' is not a percentage from 0 to 100"),
                        format!("'{s}' không phải tỷ lệ từ 0 đến 100"),
                    )
                })
        }) {
            // A bare percentage is recorded as a progress entry, once.
            if t.percent() != p && t.status != TaskStatus::Done {
                t.log.push(LogEntry {
                    at,
                    by: a.name.clone(),
                    text: "imported".into(),
                    percent: Some(p),
                });
            }
        }
    }
}
