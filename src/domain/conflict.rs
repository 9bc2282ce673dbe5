//! Records that arrived in a bundle while the local copy had also changed: both are kept
//! until an admin picks one.

use serde::{Deserialize, Serialize};

use crate::domain::assessment::Assessment;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;
use crate::i18n::Lang;

/// One record carried by a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Carried {
    Unit(Unit),
    Report(Report),
    Assessment(Assessment),
    Task(Task),
}

impl Carried {
    /// The audit trail's name for the record, e.g. `report/31338/2024-03`.
    pub fn entity(&self) -> String {
        match self {
            Carried::Unit(u) => format!("unit/{}", u.code),
            Carried::Report(r) => format!("report/{}", r.key()),
            Carried::Assessment(a) => format!("assessment/{}", a.key()),
            Carried::Task(t) => format!("task/{}", t.id),
        }
    }

    /// The unit the record belongs to, which decides scope.
    pub fn unit(&self) -> &str {
        match self {
            Carried::Unit(u) => &u.code,
            Carried::Report(r) => &r.unit,
            Carried::Assessment(a) => &a.unit,
            Carried::Task(t) => &t.lead_unit,
        }
    }

    pub fn revision(&self) -> u64 {
        match self {
            Carried::Unit(u) => u.revision,
            Carried::Report(r) => r.revision,
            Carried::Assessment(a) => a.revision,
            Carried::Task(t) => t.revision,
        }
    }

    pub fn set_revision(&mut self, rev: u64) {
        match self {
            Carried::Unit(u) => u.revision = rev,
            Carried::Report(r) => r.revision = rev,
            Carried::Assessment(a) => a.revision = rev,
            Carried::Task(t) => t.revision = rev,
        }
    }

    /// The unit and the days a report or assessment is about; None for units and tasks.
    pub fn span(&self) -> Option<(&str, jiff::civil::Date, jiff::civil::Date)> {
        match self {
            Carried::Report(r) => Some((&r.unit, r.period.start(), r.period.end())),
            Carried::Assessment(a) => {
                let from = jiff::civil::Date::new(a.year, 1, 1).ok()?;
                let to = jiff::civil::Date::new(a.year, 12, 31).ok()?;
                Some((&a.unit, from, to))
            }
            _ => None,
        }
    }

    /// Approved is locked: an incoming version never replaces it until it is reopened.
    pub fn locked(&self) -> bool {
        match self {
            Carried::Report(r) => r.status == crate::domain::workflow::Status::Approved,
            Carried::Assessment(a) => a.status == crate::domain::workflow::Status::Approved,
            _ => false,
        }
    }

    /// When a locked record was approved, if it is: the last approval in its history.
    pub fn approved_at(&self) -> Option<(&str, i64)> {
        let history = match self {
            Carried::Report(r) => &r.history,
            Carried::Assessment(a) => &a.history,
            _ => return None,
        };
        if !self.locked() {
            return None;
        }
        let step = history
            .iter()
            .rev()
            .find(|s| s.status == crate::domain::workflow::Status::Approved)?;
        Some((step.by.as_str(), step.at))
    }

    /// The version the local one was submitted, approved or returned from: the same figures,
    /// and a workflow history the local one continues.
    pub fn is_ancestor_of(&self, local: &Carried) -> bool {
        match (self, local) {
            (Carried::Report(i), Carried::Report(l)) => {
                i.values == l.values
                    && i.narrative == l.narrative
                    && i.history.len() < l.history.len()
                    && l.history.starts_with(&i.history)
            }
            (Carried::Assessment(i), Carried::Assessment(l)) => {
                let mut same = i.clone();
                (same.status, same.history, same.return_reason, same.revision) = (
                    l.status,
                    l.history.clone(),
                    l.return_reason.clone(),
                    l.revision,
                );
                same == *l && i.history.len() < l.history.len() && l.history.starts_with(&i.history)
            }
            _ => false,
        }
    }

    /// Saved before the local version was: a bundle made earlier than the one already applied.
    pub fn saved_before(&self, local: &Carried) -> bool {
        match (self, local) {
            (Carried::Report(i), Carried::Report(l)) => i.updated_at < l.updated_at,
            _ => false,
        }
    }

    /// Same content, whatever the revision counters say.
    pub fn same_content(&self, other: &Carried) -> bool {
        let mut a = self.clone();
        a.set_revision(0);
        let mut b = other.clone();
        b.set_revision(0);
        a == b
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub entity: String,
    /// The version from the bundle; the local version stays in its own tree.
    pub incoming: Carried,
    /// Who made the bundle, and from which subtree.
    pub origin: String,
    pub received_at: i64,
    pub revision: u64,
}

/// One field of a conflicting record, as each side has it ("-" when a side lacks it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// A field name (`status`, `notes`…) or an indicator code.
    pub key: String,
    pub local: String,
    pub incoming: String,
}

impl Field {
    /// The field's name in the user's language; indicator codes stay as they are.
    pub fn label(&self, lang: Lang) -> String {
        let (vi, en) = match self.key.as_str() {
            "name" => ("tên", "name"),
            "kind" => ("loại", "kind"),
            "parent" => ("cấp trên", "parent"),
            "notes" => ("ghi chú", "notes"),
            "status" => ("trạng thái", "status"),
            "updated" => ("cập nhật", "updated"),
            "narrative" => ("thuyết minh", "narrative"),
            "safety" => ("an toàn", "safety"),
            "score" => ("điểm", "score"),
            "title" => ("tiêu đề", "title"),
            "due" => ("hạn", "due"),
            "progress" => ("tiến độ", "progress"),
            "log" => ("nhật ký", "log entries"),
            _ => return self.key.clone(),
        };
        lang.pick(vi, en).to_string()
    }

    /// A side's value in the user's language: codes of statuses, kinds and results become labels.
    pub fn shown(&self, value: &str, lang: Lang) -> String {
        use crate::domain::{
            assessment::Safety, task::TaskStatus, unit::UnitKind, workflow::Status,
        };
        match self.key.as_str() {
            "status" => Status::parse(value)
                .map(|s| s.label(lang))
                .or_else(|| TaskStatus::parse(value).map(|s| s.label(lang)))
                .map_or(value.to_string(), str::to_string),
            "safety" => {
                Safety::parse(value).map_or(value.to_string(), |s| s.label(lang).to_string())
            }
            "kind" => {
                UnitKind::parse(value).map_or(value.to_string(), |k| k.label(lang).to_string())
            }
            _ => value.to_string(),
        }
    }
}
