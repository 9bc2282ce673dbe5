//! `antq export reports --period/--under/--status`: the reports a filter chooses.

use crate::error::{Error, Result};
use crate::service::api::*;

/// `--status`: a report's state, in either language.
pub fn parse_status(s: &str) -> Result<crate::domain::workflow::Status> {
    crate::domain::workflow::Status::parse(s).ok_or_else(|| {
        Error::invalid(
            "status",
            format!("'{s}' is not a status; write draft, submitted, approved or returned"),
            format!("'{s}' không phải trạng thái; hãy ghi nháp, đã gửi, đã duyệt hoặc trả lại"),
        )
    })
}

/// The reports a filter chooses, a page at a time.
pub fn matching_reports<'a>(
    svc: &'a dyn Service,
    a: &'a Actor,
    q: ReportQuery,
) -> impl Iterator<Item = Result<crate::domain::report::Report>> + 'a {
    let mut buf = std::collections::VecDeque::new();
    let mut offset = 0;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if let Some(r) = buf.pop_front() {
            return Some(Ok(r));
        }
        if done {
            return None;
        }
        let page = ReportQuery {
            offset,
            limit: MAX_LIMIT,
            ..q.clone()
        };
        match svc.reports(a, &page) {
            Ok(p) => {
                offset += p.items.len();
                done = p.items.len() < MAX_LIMIT;
                buf.extend(p.items);
            }
            Err(e) => {
                done = true;
                return Some(Err(e));
            }
        }
    })
}
