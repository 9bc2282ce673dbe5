//! Follow-up tasks from directives, with a progress log.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::date::serde_days;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TaskStatus {
    New,
    InProgress,
    Done,
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [Self::New, Self::InProgress, Self::Done, Self::Cancelled];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::New => lang.pick("Mới", "New"),
            Self::InProgress => lang.pick("Đang thực hiện", "In progress"),
            Self::Done => lang.pick("Hoàn thành", "Done"),
            Self::Cancelled => lang.pick("Hủy", "Cancelled"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::InProgress => "in-progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let f = crate::domain::text::fold(s).replace('-', " ");
        Self::ALL.into_iter().find(|t| {
            f == t.code().replace('-', " ") || f == crate::domain::text::fold(t.label(Lang::Vi))
        })
    }

    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::InProgress)
    }

    pub fn tag(self) -> u8 {
        self as u8
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    Low,
    Normal,
    High,
}

impl Priority {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Low => lang.pick("thấp", "low"),
            Self::Normal => lang.pick("thường", "normal"),
            Self::High => lang.pick("cao", "high"),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match crate::domain::text::fold(s).as_str() {
            "low" | "thap" => Some(Self::Low),
            "normal" | "thuong" | "binh thuong" => Some(Self::Normal),
            "high" | "cao" => Some(Self::High),
            _ => None,
        }
    }
}

/// The directive (chỉ đạo) a task comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    pub number: String,
    #[serde(with = "serde_days::opt")]
    pub date: Option<Date>,
    pub issuer: String,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub at: i64,
    pub by: String,
    pub text: String,
    pub percent: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: u64,
    pub title: String,
    pub details: String,
    pub source: Option<Directive>,
    pub lead_unit: String,
    pub coordinating: Vec<String>,
    #[serde(with = "serde_days")]
    pub due: Date,
    pub priority: Priority,
    pub status: TaskStatus,
    pub log: Vec<LogEntry>,
    pub created_by: String,
    pub created_at: i64,
    pub revision: u64,
}

impl Task {
    /// Overdue is derived, never stored: still open after its due date.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due < today
    }

    pub fn percent(&self) -> u8 {
        if self.status == TaskStatus::Done {
            return 100;
        }
        self.log.iter().rev().find_map(|e| e.percent).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(due: Date, status: TaskStatus) -> Task {
        Task {
            id: 1,
            title: "t".into(),
            details: String::new(),
            source: None,
            lead_unit: "93".into(),
            coordinating: vec![],
            due,
            priority: Priority::Normal,
            status,
            log: vec![],
            created_by: "a".into(),
            created_at: 0,
            revision: 0,
        }
    }

    #[test]
    fn overdue_is_derived() {
        let due = Date::constant(2024, 6, 30);
        let today = Date::constant(2024, 7, 1);
        assert!(task(due, TaskStatus::New).is_overdue(today));
        assert!(task(due, TaskStatus::InProgress).is_overdue(today));
        assert!(!task(due, TaskStatus::Done).is_overdue(today));
        assert!(!task(due, TaskStatus::Cancelled).is_overdue(today));
        assert!(!task(due, TaskStatus::New).is_overdue(due));
    }

    #[test]
    fn status_parse() {
        assert_eq!(
            TaskStatus::parse("đang thực hiện"),
            Some(TaskStatus::InProgress)
        );
        assert_eq!(
            TaskStatus::parse("in-progress"),
            Some(TaskStatus::InProgress)
        );
        assert_eq!(TaskStatus::parse("hủy"), Some(TaskStatus::Cancelled));
    }
}
