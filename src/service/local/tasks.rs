//! Follow-up tasks: creation, progress log, closing, and due-date listings.

use std::iter::Peekable;

use super::{clamp_limit, clean_text, LocalService};
use crate::domain::task::{Directive, LogEntry, Task, TaskStatus};
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, TreeId};

type KeyIter = Box<dyn Iterator<Item = Result<(Vec<u8>, Vec<u8>)>>>;

impl LocalService {
    pub(super) fn load_task(&self, id: u64) -> Result<Task> {
        self.store
            .get(TreeId::Tasks, &keys::task(id))?
            .ok_or_else(|| Error::not_found(Entity::Task, id.to_string()))
    }

    /// A typed code replaced by the unit record it names today; a code that names nothing is
    /// left as typed, for the rule checks to refuse by name.
    pub(super) fn resolve_in_place(&self, code: &mut String) {
        if let Ok(id) = self.resolve_record(code) {
            *code = id;
        }
    }

    /// Rights to lead a task from `lead`: write access there, or, for a code that names no
    /// unit (refused later with its own message), at least an account.
    pub(super) fn need_write_lead(&self, a: &Actor, lead: &str) -> Result<()> {
        if self.store.contains(TreeId::Units, &keys::unit(lead))? {
            self.need_write(a, lead)
        } else {
            self.scope(a).map(|_| ())
        }
    }

    /// The unit must exist, be alive today and still be alive on the task's due date.
    fn check_task_unit(&self, field: &str, code: &str, due: jiff::civil::Date) -> Result<()> {
        let u = self.store.get::<crate::domain::unit::Unit>(TreeId::Units, &keys::unit(code))?.ok_or_else(|| {
            Error::invalid(field, format!("unit {code} does not exist (find codes with: antq units list --search NAME)"), format!("đơn vị {code} không tồn tại (tìm mã bằng: antq units list --search TÊN)"))
        })?;
        let Some(end) = u.valid_to else {
            return Ok(());
        };
        let shown = u.official_code();
        let heir = u.successor().map(crate::domain::unit::official_code);
        if end < self.today() {
            return Err(match heir {
                Some(s) => Error::invalid(
                    field,
                    format!("unit {shown} was merged into {s}; assign the task to {s}"),
                    format!("đơn vị {shown} đã sáp nhập vào {s}; hãy giao nhiệm vụ cho {s}"),
                ),
                None => Error::invalid(
                    field,
                    format!("unit {shown} is retired"),
                    format!("đơn vị {shown} đã ngừng hoạt động"),
                ),
            });
        }
        self.check_ends_after_due(field, &u, due)
    }

    /// A unit that ends before a task's due date cannot lead or join it; the successor is
    /// named. Imports run this too; "alive today" is for typing only, as files carry history.
    /// A unit that ends on `last` leads or helps with no open task due after it: the rule a
    /// task is typed under, applied where the unit is ended (a bundle is judged by it too).
    pub(super) fn check_no_task_outlives(&self, code: &str, last: jiff::civil::Date) -> Result<()> {
        for t in self.store.records::<Task>(TreeId::Tasks, b"") {
            let t = t?;
            let involved = t.lead_unit == code || t.coordinating.iter().any(|c| c == code);
            if !(t.status.is_open() && involved && t.due > last) {
                continue;
            }
            let (id, due) = (t.id, crate::domain::date::fmt_date(t.due));
            return Err(Error::state(
                Entity::Unit,
                code,
                format!("takes part in open task #{id} '{}', due {due}, after that day; hand the task to another unit (antq task edit {id} --unit CODE), move its due date, or close it first", t.title),
                format!("đang tham gia nhiệm vụ #{id} '{}' còn mở, hạn {due}, sau ngày đó; hãy giao nhiệm vụ cho đơn vị khác (antq task edit {id} --unit MÃ), dời hạn, hoặc đóng nhiệm vụ trước", t.title),
            ));
        }
        Ok(())
    }

    pub(super) fn check_ends_after_due(
        &self,
        field: &str,
        u: &crate::domain::unit::Unit,
        due: jiff::civil::Date,
    ) -> Result<()> {
        let Some(end) = u.valid_to else {
            return Ok(());
        };
        let shown = u.official_code();
        let heir = u.successor().map(crate::domain::unit::official_code);
        if end < due {
            let last = crate::domain::date::fmt_date(end);
            let fix_en = heir.map_or_else(
                || "give a due date on or before then".to_string(),
                |s| format!("give a due date on or before then, or assign the task to {s}"),
            );
            let fix_vi = heir.map_or_else(
                || "hãy đặt hạn không muộn hơn ngày đó".to_string(),
                |s| format!("hãy đặt hạn không muộn hơn ngày đó, hoặc giao cho {s}"),
            );
            return Err(Error::invalid(
                field,
                format!("unit {shown} ends on {last}, before the due date; {fix_en}"),
                format!("đơn vị {shown} chấm dứt ngày {last}, trước hạn; {fix_vi}"),
            ));
        }
        Ok(())
    }

    fn clean_source(source: Option<Directive>) -> Result<Option<Directive>> {
        source
            .map(|mut d| {
                d.number = clean_text("source.number", &d.number, 100)?;
                d.issuer = clean_text("source.issuer", &d.issuer, 200)?;
                d.summary = clean_text("source", &d.summary, 2000)?;
                Ok(d)
            })
            .transpose()
    }

    fn clean_title(title: &str) -> Result<String> {
        let title = clean_text("title", title, 300)?;
        if title.is_empty() {
            return Err(Error::invalid(
                "title",
                "the title is empty",
                "tiêu đề đang để trống",
            ));
        }
        Ok(title)
    }

    pub(super) fn add_task_impl(&self, a: &Actor, t: NewTask) -> Result<Task> {
        let title = Self::clean_title(&t.title)?;
        let details = clean_text("details", &t.details, 10_000)?;
        let source = Self::clean_source(t.source)?;
        self.write(a, |tx| {
            self.check_task_unit("unit", &t.lead_unit, t.due)?;
            for c in &t.coordinating {
                self.check_task_unit("with", c, t.due)?;
            }
            let id = self.next_task_id(tx)?;
            let mut task = Task::new(id, &title, &t.lead_unit, t.due, &a.name, tx.at);
            task.details = details.clone();
            task.source = source.clone();
            task.coordinating = t.coordinating.clone();
            task.priority = t.priority;
            tx.put(None, &task)?;
            tx.audit(
                crate::domain::audit::Action::TaskAdd,
                format!("task/{id}"),
                title.clone(),
            );
            Ok(task)
        })
    }

    fn change_task(
        &self,
        a: &Actor,
        id: u64,
        action: crate::domain::audit::Action,
        f: impl FnOnce(&mut Task, i64) -> Result<String>,
    ) -> Result<Task> {
        self.write(a, |tx| {
            let old = self.load_task(id)?;
            if !old.status.is_open() {
                return Err(Error::state(
                    Entity::Task,
                    id.to_string(),
                    format!(
                        "is already {}; it cannot be changed",
                        old.status.label(crate::i18n::Lang::En).to_lowercase()
                    ),
                    format!(
                        "đã ở trạng thái {}; không thể thay đổi",
                        old.status.label(crate::i18n::Lang::Vi)
                    ),
                ));
            }
            let mut t = old.clone();
            let summary = f(&mut t, tx.at)?;
            t.revision += 1;
            tx.put(Some(&old), &t)?;
            tx.audit(action, format!("task/{id}"), summary);
            Ok(t)
        })
    }

    pub(super) fn edit_task_impl(&self, a: &Actor, id: u64, p: TaskPatch) -> Result<Task> {
        let title = p.title.as_deref().map(Self::clean_title).transpose()?;
        let details = p
            .details
            .as_deref()
            .map(|d| clean_text("details", d, 10_000))
            .transpose()?;
        let source = p.source.clone().map(Self::clean_source).transpose()?;
        self.change_task(a, id, crate::domain::audit::Action::TaskEdit, |t, _| {
            self.check_revision(Entity::Task, &id.to_string(), p.base_revision, t.revision)?;
            let before = t.clone();
            if let Some(v) = title {
                t.title = v;
            }
            if let Some(v) = details {
                t.details = v;
            }
            if let Some(v) = source {
                t.source = v;
            }
            if let Some(v) = &p.lead_unit {
                t.lead_unit = v.clone();
            }
            if let Some(v) = &p.coordinating {
                t.coordinating = v.clone();
            }
            if let Some(v) = p.due {
                t.due = v;
            }
            if let Some(v) = p.priority {
                t.priority = v;
            }
            // Units the edit leaves alone are not re-checked: an old task under a merged
            // unit can still have its title or details fixed.
            let due_moved = before.due != t.due;
            if due_moved || before.lead_unit != t.lead_unit {
                self.check_task_unit("unit", &t.lead_unit, t.due)?;
            }
            if due_moved || before.coordinating != t.coordinating {
                for c in &t.coordinating {
                    self.check_task_unit("with", c, t.due)?;
                }
            }
            let changed = before.changed_fields(t);
            if changed.is_empty() {
                return Err(Error::invalid(
                    "task",
                    "nothing to change: the values are the same as the task's",
                    "không có gì thay đổi: các giá trị giống nhiệm vụ hiện có",
                ));
            }
            Ok(changed.join(", "))
        })
    }

    pub(super) fn log_task_impl(
        &self,
        a: &Actor,
        id: u64,
        text: &str,
        percent: Option<u8>,
    ) -> Result<Task> {
        let text = clean_text("text", text, 4000)?;
        if text.is_empty() {
            return Err(Error::invalid(
                "text",
                "the progress note is empty",
                "nội dung tiến độ đang để trống",
            ));
        }
        if let Some(p) = percent {
            if p > 100 {
                return Err(Error::invalid(
                    "percent",
                    format!("{p} is above 100"),
                    format!("{p} lớn hơn 100"),
                ));
            }
        }
        self.change_task(a, id, crate::domain::audit::Action::TaskLog, |t, at| {
            t.log.push(LogEntry {
                at,
                by: a.name.clone(),
                text: text.clone(),
                percent,
            });
            if t.status == TaskStatus::New {
                t.status = TaskStatus::InProgress;
            }
            Ok(match percent {
                Some(p) => format!("{p}%: {text}"),
                None => text.clone(),
            })
        })
    }

    pub(super) fn close_task_impl(
        &self,
        a: &Actor,
        id: u64,
        status: TaskStatus,
        reason: &str,
    ) -> Result<Task> {
        let reason = clean_text("reason", reason, 2000)?;
        if status == TaskStatus::Cancelled && reason.is_empty() {
            return Err(Error::invalid(
                "reason",
                "cancelling a task needs a reason",
                "hủy nhiệm vụ cần nêu lý do",
            ));
        }
        let action = if status == TaskStatus::Done {
            crate::domain::audit::Action::TaskDone
        } else {
            crate::domain::audit::Action::TaskCancel
        };
        self.change_task(a, id, action, |t, at| {
            t.status = status;
            let text = if status == TaskStatus::Done {
                "Hoàn thành".to_string()
            } else {
                format!("Hủy: {reason}")
            };
            t.log.push(LogEntry {
                at,
                by: a.name.clone(),
                text: text.clone(),
                percent: (status == TaskStatus::Done).then_some(100),
            });
            Ok(text)
        })
    }

    pub(super) fn tasks_impl(&self, q: &TaskQuery) -> Result<Page<Task>> {
        let limit = clamp_limit(q.limit);
        let statuses: Vec<TaskStatus> = if q.overdue || q.statuses.is_empty() {
            vec![TaskStatus::New, TaskStatus::InProgress]
        } else {
            q.statuses.clone()
        };
        let mut before = q.due_before;
        if q.overdue {
            let today = self.today();
            before = Some(before.map_or(today, |b| b.min(today)));
        }
        let cache = match &q.under {
            Some(u) => {
                let c = self.cache()?;
                c.get(u).ok_or_else(|| Error::not_found(Entity::Unit, u))?;
                Some(c)
            }
            None => None,
        };
        if let (Some(c), Some(u)) = (&cache, &q.under) {
            // A merged unit's open tasks are its successor's to finish: they list here too.
            let codes = c.with_history(u);
            if codes.len() <= super::reports::PROBE_LIMIT {
                return self.tasks_of_units(&codes, &statuses, before, q.offset, limit);
            }
        }
        let iters: Vec<Peekable<KeyIter>> = statuses
            .iter()
            .map(|s| {
                let it: KeyIter = Box::new(
                    self.store
                        .entries_with_prefix(TreeId::TasksByStatus, &[s.tag()])
                        .map(|r| r.map(|(k, v)| (k[1..].to_vec(), v.to_vec()))),
                );
                it.peekable()
            })
            .collect();
        let merged = MergeByKey { iters };
        let mut items = Vec::new();
        let mut next = None;
        let mut i = 0;
        for r in merged {
            let (k, lead) = r?;
            if let Some(b) = before {
                if keys::day_from(&k).is_some_and(|d| d >= b) {
                    break;
                }
            }
            if let (Some(c), Some(u)) = (&cache, &q.under) {
                if !c.is_within(&String::from_utf8_lossy(&lead), u) {
                    continue;
                }
            }
            if i >= q.offset {
                if items.len() == limit {
                    next = Some(i);
                    break;
                }
                let id = keys::tail_u64(&k).unwrap_or(0);
                items.push(self.load_task(id)?);
            }
            i += 1;
        }
        Ok(Page {
            items,
            next,
            cursor: None,
        })
    }
}

impl LocalService {
    /// Tasks led by any of `units`, via the per-unit index: cheaper than walking every task
    /// when the subtree is small.
    fn tasks_of_units(
        &self,
        units: &[&str],
        statuses: &[TaskStatus],
        before: Option<jiff::civil::Date>,
        offset: usize,
        limit: usize,
    ) -> Result<Page<Task>> {
        let lead_ok: std::collections::HashSet<&str> = units.iter().copied().collect();
        let mut found = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for u in units {
            let prefix = keys::join(&[keys::Part::Code(u)]);
            for k in self.store.keys_with_prefix(TreeId::TasksByUnit, &prefix) {
                let id = keys::tail_u64(&k?).unwrap_or(0);
                if !ids.insert(id) {
                    continue;
                }
                let t = self.load_task(id)?;
                if lead_ok.contains(t.lead_unit.as_str())
                    && statuses.contains(&t.status)
                    && before.is_none_or(|b| t.due < b)
                {
                    found.push(t);
                }
            }
        }
        found.sort_by_key(|t| (t.due, t.id));
        let next = (found.len() > offset + limit).then_some(offset + limit);
        let items = found.into_iter().skip(offset).take(limit).collect();
        Ok(Page {
            items,
            next,
            cursor: None,
        })
    }
}

/// Merges iterators that are each sorted by key into one sorted stream.
struct MergeByKey {
    iters: Vec<Peekable<KeyIter>>,
}

impl Iterator for MergeByKey {
    type Item = Result<(Vec<u8>, Vec<u8>)>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut best: Option<(usize, Vec<u8>)> = None;
        for i in 0..self.iters.len() {
            match self.iters[i].peek() {
                Some(Err(_)) => return self.iters[i].next(),
                Some(Ok((k, _))) if best.as_ref().is_none_or(|(_, bk)| k < bk) => {
                    best = Some((i, k.clone()));
                }
                Some(Ok(_)) => {}
                None => {}
            }
        }
        best.and_then(|(b, _)| self.iters[b].next())
    }
}

impl LocalService {
    /// The one unit alive today that an open task's ended lead unit continued into.
    pub(super) fn task_successor(&self, id: u64) -> Result<String> {
        let t = self.load_task(id)?;
        let cache = self.cache()?;
        let today = self.today();
        let lead = cache
            .get(&t.lead_unit)
            .ok_or_else(|| Error::not_found(Entity::Unit, &t.lead_unit))?;
        let shown = |c: &str| {
            let name = cache.get(c).map_or("", |u| u.name.as_str());
            format!("{} {name}", crate::domain::unit::official_code(c))
        };
        if lead.exists_on(today) {
            return Err(Error::state(
                Entity::Task,
                id.to_string(),
                format!("its lead unit {} is still active; there is nothing to hand over (change the lead with e)", shown(&lead.code)),
                format!("đơn vị chủ trì {} vẫn đang hoạt động; không có gì để bàn giao (đổi đơn vị chủ trì bằng e)", shown(&lead.code)),
            ));
        }
        let finals = super::summary::final_units(&cache, &t.lead_unit, today);
        match finals.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(Error::state(
                Entity::Task,
                id.to_string(),
                format!("its lead unit {} ended with no successor; choose a new lead with e", shown(&lead.code)),
                format!("đơn vị chủ trì {} đã ngừng, không có đơn vị kế thừa; hãy chọn đơn vị chủ trì mới bằng e", shown(&lead.code)),
            )),
            many => {
                let names: Vec<String> = many.iter().map(|c| shown(c)).collect();
                Err(Error::state(
                    Entity::Task,
                    id.to_string(),
                    format!("its lead unit {} was split into {}; choose one as the new lead with e", shown(&lead.code), names.join(", ")),
                    format!("đơn vị chủ trì {} đã chia thành {}; hãy chọn một đơn vị chủ trì mới bằng e", shown(&lead.code), names.join(", ")),
                ))
            }
        }
    }
}
