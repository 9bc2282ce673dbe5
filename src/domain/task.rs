//! Follow-up tasks from directives, with a progress log.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::date::serde_days;
use crate::i18n::Lang;

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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    Low,
    #[default]
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

impl Directive {
    /// "12/QĐ-BCĐ 15/02/2025 BCĐ 138 — summary", leaving out the parts not given.
    pub fn line(&self) -> String {
        let date = self.date.map(crate::domain::date::fmt_date);
        let head: Vec<&str> = [
            Some(self.number.as_str()),
            date.as_deref(),
            Some(&self.issuer),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
        match (head.is_empty(), self.summary.is_empty()) {
            (_, true) => head.join(" "),
            (true, false) => self.summary.clone(),
            (false, false) => format!("{} — {}", head.join(" "), self.summary),
        }
    }
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
    /// What names a task across stores, whose numbers are each store's own: who created it,
    /// and when.
    pub fn identity(&self) -> (&str, i64) {
        (&self.created_by, self.created_at)
    }

    /// Names of the fields an edit can change that differ between `self` and `other`.
    pub fn changed_fields(&self, other: &Task) -> Vec<&'static str> {
        let pairs = [
            ("title", self.title != other.title),
            ("unit", self.lead_unit != other.lead_unit),
            ("due", self.due != other.due),
            ("priority", self.priority != other.priority),
            ("with", self.coordinating != other.coordinating),
            ("source", self.source != other.source),
            ("details", self.details != other.details),
        ];
        pairs.into_iter().filter(|p| p.1).map(|p| p.0).collect()
    }

    /// A new task, normal priority, not started.
    pub fn new(id: u64, title: &str, lead_unit: &str, due: Date, by: &str, at: i64) -> Task {
        Task {
            id,
            title: title.to_string(),
            details: String::new(),
            source: None,
            lead_unit: lead_unit.to_string(),
            coordinating: vec![],
            due,
            priority: Priority::Normal,
            status: TaskStatus::New,
            log: vec![],
            created_by: by.to_string(),
            created_at: at,
            revision: 0,
        }
    }

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

/// The progress log as one spreadsheet cell: one entry a line,
/// `DD/MM/YYYY HH:MM | user | 40% | text` (`-` when no percentage was given).
pub fn format_log(log: &[LogEntry]) -> String {
    log.iter()
        .map(|e| {
            let pct = e.percent.map_or("-".to_string(), |p| format!("{p}%"));
            let text = e.text.replace(['\r', '\n'], " ");
            format!(
                "{} | {} | {pct} | {text}",
                crate::domain::date::fmt_time(e.at),
                e.by
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads `format_log`'s output back.
pub fn parse_log(field: &str, s: &str) -> Result<Vec<LogEntry>, crate::error::Error> {
    use crate::error::Error;
    let bad = |line: &str| {
        Error::invalid(
            field,
            format!("'{line}' is not a log entry; write DD/MM/YYYY HH:MM | user | 40% | text"),
            format!("'{line}' không phải mục nhật ký; hãy viết DD/MM/YYYY HH:MM | người | 40% | nội dung"),
        )
    };
    let mut out = Vec::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.splitn(4, '|').map(str::trim).collect();
        let [at, by, pct, text] = parts[..] else {
            return Err(bad(line));
        };
        let at = crate::domain::date::parse_time(field, at)?;
        let percent = match pct {
            "-" | "" => None,
            p => match p.trim_end_matches('%').parse::<u8>() {
                Ok(v) if v <= 100 => Some(v),
                _ => return Err(bad(line)),
            },
        };
        out.push(LogEntry {
            at,
            by: by.to_string(),
            text: text.to_string(),
            percent,
        });
    }
    Ok(out)
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

/// A task typed on one line: `Kiểm tra mô hình @31338 due:30/06/2024 !cao +31441 src:12/KH`.
/// `+CODE` (repeated, or `+A,B`) adds coordinating units; `src:NUMBER` names the directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickTask {
    pub title: String,
    pub unit: String,
    pub due: Date,
    pub priority: Priority,
    pub coordinating: Vec<String>,
    pub source_number: Option<String>,
}

/// The parts of a quick-add line that were recognised, before the required ones are checked:
/// the full form starts from these.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuickParts {
    pub title: String,
    pub unit: Option<String>,
    pub due: Option<Date>,
    pub priority: Priority,
    pub coordinating: Vec<String>,
    pub source_number: Option<String>,
}

/// Reads the recognised parts of a quick-add line; a malformed date or priority is an error.
pub fn quick_parts(line: &str) -> Result<QuickParts, crate::error::Error> {
    use crate::error::Error;
    let mut title = Vec::new();
    let mut q = QuickParts::default();
    for w in line.split_whitespace() {
        if let Some(u) = w.strip_prefix('@') {
            q.unit = Some(u.to_string());
        } else if let Some(d) = w
            .strip_prefix("due:")
            .or_else(|| w.strip_prefix("han:"))
            .or_else(|| w.strip_prefix("hạn:"))
        {
            q.due = Some(crate::domain::date::parse_date("due", d)?);
        } else if let Some(p) = w.strip_prefix('!') {
            q.priority = Priority::parse(p).ok_or_else(|| {
                Error::invalid(
                    "priority",
                    format!("'{p}' is not a priority; use !low, !normal or !high"),
                    format!("'{p}' không phải mức ưu tiên; dùng !thap, !thuong hoặc !cao"),
                )
            })?;
        } else if let Some(codes) = w.strip_prefix('+').filter(|c| !c.is_empty()) {
            let more = codes.split(',').map(str::trim).filter(|c| !c.is_empty());
            q.coordinating.extend(more.map(str::to_string));
        } else if let Some(n) = w.strip_prefix("src:").or_else(|| w.strip_prefix("vb:")) {
            q.source_number = Some(n.to_string()).filter(|n| !n.is_empty());
        } else {
            title.push(w);
        }
    }
    q.title = title.join(" ");
    Ok(q)
}

pub fn parse_quick_add(line: &str) -> Result<QuickTask, crate::error::Error> {
    use crate::error::Error;
    let q = quick_parts(line)?;
    if q.title.is_empty() {
        return Err(Error::invalid(
            "title",
            "the title is empty",
            "tiêu đề đang để trống",
        ));
    }
    let unit = q.unit.ok_or_else(|| {
        Error::invalid(
            "unit",
            "name the lead unit with @CODE",
            "hãy ghi đơn vị chủ trì dạng @MÃ",
        )
    })?;
    let due = q.due.ok_or_else(|| {
        Error::invalid(
            "due",
            "give a due date with due:DD/MM/YYYY",
            "hãy ghi hạn dạng due:DD/MM/YYYY",
        )
    })?;
    Ok(QuickTask {
        title: q.title,
        unit,
        due,
        priority: q.priority,
        coordinating: q.coordinating,
        source_number: q.source_number,
    })
}

#[cfg(test)]
mod quick_tests {
    use super::*;

    #[test]
    fn quick_add_parses_the_example() {
        let q = parse_quick_add("Kiểm tra mô hình tự quản @31338 due:30/06/2024 !cao").unwrap();
        assert_eq!(q.title, "Kiểm tra mô hình tự quản");
        assert_eq!(q.unit, "31338");
        assert_eq!(q.due, Date::constant(2024, 6, 30));
        assert_eq!(q.priority, Priority::High);
    }

    #[test]
    fn quick_add_takes_coordinating_units_and_the_directive() {
        let q = parse_quick_add("Rà soát @31453 +31441,31447 +31450 src:12/KH-BCĐ due:30/06/2024")
            .unwrap();
        assert_eq!(q.title, "Rà soát");
        assert_eq!(q.coordinating, ["31441", "31447", "31450"]);
        assert_eq!(q.source_number.as_deref(), Some("12/KH-BCĐ"));
        // A lone "+" is a word of the title, not an empty unit.
        assert_eq!(
            parse_quick_add("A + B @1 due:1/1/2025").unwrap().title,
            "A + B"
        );
    }

    #[test]
    fn quick_add_errors_name_the_part() {
        assert_eq!(
            parse_quick_add("Việc @31338").unwrap_err().en(),
            "due: give a due date with due:DD/MM/YYYY"
        );
        assert_eq!(
            parse_quick_add("Việc due:01/01/2025").unwrap_err().en(),
            "unit: name the lead unit with @CODE"
        );
        assert_eq!(
            parse_quick_add("Việc @1 due:30/02/2025").unwrap_err().en(),
            "due: 30/02/2025 does not exist in the calendar"
        );
    }
}
