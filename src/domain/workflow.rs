//! The approval workflow shared by reports and assessments.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl Status {
    pub const ALL: [Status; 4] = [Self::Draft, Self::Submitted, Self::Approved, Self::Returned];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Draft => lang.pick("Nháp", "Draft"),
            Status::Submitted => lang.pick("Đã gửi", "Submitted"),
            Status::Approved => lang.pick("Đã duyệt", "Approved"),
            Status::Returned => lang.pick("Trả lại", "Returned"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        let f = crate::domain::text::fold(s);
        Status::ALL
            .into_iter()
            .find(|st| f == st.code() || f == crate::domain::text::fold(st.label(Lang::Vi)))
    }

    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }

    pub fn tag(self) -> u8 {
        self as u8
    }
}

/// One step of the workflow: who moved the record to which status, when, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub status: Status,
    pub by: String,
    pub at: i64,
    pub note: String,
}

impl Step {
    /// The first step of every record: created as a draft.
    pub fn created(by: &str, at: i64) -> Step {
        Step {
            status: Status::Draft,
            by: by.to_string(),
            at,
            note: String::new(),
        }
    }
}

/// Whether the record was approved once and opened again since: its figures may differ from
/// what was approved first, and summaries and exports say so.
pub fn reopened(history: &[Step]) -> bool {
    history
        .iter()
        .position(|s| s.status == Status::Approved)
        .is_some_and(|i| i + 1 < history.len())
}

/// Why a transition is refused, in both languages.
pub struct Refusal {
    pub en: String,
    pub vi: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Edit,
    Submit,
    Approve,
    Return,
    /// The unit takes back what it submitted, before anyone approves it.
    Withdraw,
    /// The level above opens an approved record again for a correction, with a reason.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Self::Edit,
        Self::Submit,
        Self::Approve,
        Self::Return,
        Self::Withdraw,
        Self::Reopen,
    ];

    /// The verb of the audit action (`report.reopen`).
    pub fn verb(self) -> &'static str {
        match self {
            Transition::Edit => "save",
            Transition::Submit => "submit",
            Transition::Approve => "approve",
            Transition::Return => "return",
            Transition::Withdraw => "withdraw",
            Transition::Reopen => "reopen",
        }
    }

    /// "returned", "reopened": for messages.
    pub fn past(self) -> &'static str {
        match self {
            Transition::Reopen => "reopened",
            Transition::Withdraw => "withdrawn",
            Transition::Return => "returned",
            Transition::Approve => "approved",
            Transition::Submit => "submitted",
            Transition::Edit => "saved",
        }
    }

    /// "trả lại", "mở lại": for messages.
    pub fn verb_vi(self) -> &'static str {
        match self {
            Transition::Reopen => "mở lại",
            Transition::Withdraw => "rút lại",
            Transition::Return => "trả lại",
            Transition::Approve => "duyệt",
            Transition::Submit => "gửi",
            Transition::Edit => "lưu",
        }
    }

    /// Returning and reopening say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Transition::Return | Transition::Reopen)
    }
}

/// The state machine: Draft/Returned → Submitted → Approved or Returned.
pub fn next_status(from: Status, t: Transition) -> Result<Status, Refusal> {
    use Status::*;
    use Transition::*;
    let refuse = |en: &str, vi: &str| {
        Err(Refusal {
            en: en.to_string(),
            vi: vi.to_string(),
        })
    };
    match (from, t) {
        (Draft | Returned, Edit) => Ok(from),
        (Approved, Edit) => refuse(
            "is approved and locked; it cannot be changed",
            "đã được duyệt và bị khóa; không thể sửa",
        ),
        (Submitted, Edit) => refuse(
            "has been submitted; ask the approver to return it before editing",
            "đã được gửi; hãy đề nghị cấp duyệt trả lại trước khi sửa",
        ),
        (Draft | Returned, Submit) => Ok(Submitted),
        (Submitted, Submit) => refuse("is already submitted", "đã được gửi rồi"),
        (Approved, Submit) => refuse("is already approved", "đã được duyệt rồi"),
        (Submitted, Approve) => Ok(Approved),
        (Approved, Approve) => refuse("is already approved", "đã được duyệt rồi"),
        (Draft | Returned, Approve) => refuse(
            "has not been submitted yet; submit it first",
            "chưa được gửi; hãy gửi trước",
        ),
        (Submitted, Return) => Ok(Returned),
        (Approved, Return) => refuse(
            "is approved and locked; it cannot be returned",
            "đã được duyệt và bị khóa; không thể trả lại",
        ),
        (Draft | Returned, Return) => refuse(
            "has not been submitted, so there is nothing to return",
            "chưa được gửi nên không thể trả lại",
        ),
        (Submitted, Withdraw) => Ok(Draft),
        (Approved, Withdraw) => refuse(
            "is already approved; ask the level above to reopen it",
            "đã được duyệt; hãy đề nghị cấp trên mở lại",
        ),
        (Draft | Returned, Withdraw) => refuse(
            "has not been submitted, so there is nothing to withdraw",
            "chưa được gửi nên không có gì để rút lại",
        ),
        (Approved, Reopen) => Ok(Returned),
        (Draft | Submitted | Returned, Reopen) => refuse(
            "is not approved, so there is nothing to reopen",
            "chưa được duyệt nên không có gì để mở lại",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn happy_path_and_return_loop() {
        let s = next_status(Status::Draft, Transition::Submit).ok().unwrap();
        let r = next_status(s, Transition::Return).ok().unwrap();
        assert_eq!(r, Status::Returned);
        assert!(next_status(r, Transition::Edit).is_ok());
        let s = next_status(r, Transition::Submit).ok().unwrap();
        assert_eq!(
            next_status(s, Transition::Approve).ok(),
            Some(Status::Approved)
        );
    }

    #[test]
    fn approved_is_locked() {
        for t in [
            Transition::Edit,
            Transition::Submit,
            Transition::Return,
            Transition::Approve,
        ] {
            assert!(next_status(Status::Approved, t).is_err());
        }
        assert!(next_status(Status::Draft, Transition::Approve).is_err());
        assert!(next_status(Status::Submitted, Transition::Edit).is_err());
    }

    #[test]
    fn withdraw_before_approval_and_reopen_after_it() {
        let ok = |s, t| next_status(s, t).ok();
        assert_eq!(
            ok(Status::Submitted, Transition::Withdraw),
            Some(Status::Draft)
        );
        assert_eq!(ok(Status::Approved, Transition::Withdraw), None);
        assert_eq!(ok(Status::Draft, Transition::Withdraw), None);
        assert_eq!(
            ok(Status::Approved, Transition::Reopen),
            Some(Status::Returned)
        );
        for s in [Status::Draft, Status::Submitted, Status::Returned] {
            assert_eq!(ok(s, Transition::Reopen), None);
        }
        let step = |status| Step {
            status,
            by: "a".into(),
            at: 0,
            note: String::new(),
        };
        let approved = vec![
            step(Status::Draft),
            step(Status::Submitted),
            step(Status::Approved),
        ];
        assert!(!reopened(&approved));
        let mut again = approved.clone();
        again.push(step(Status::Returned));
        assert!(reopened(&again));
    }
}
