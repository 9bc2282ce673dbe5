//! `antq export reports --period/--under/--status`: the reports a filter chooses.

use serde_json::Value;

use crate::domain::indicator::Indicator;
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

/// `export form --period P [--under CODE]`: the units still to report in P (no report, a draft
/// or a returned one), each with its name and its draft's figures, one column per indicator of
/// the period. The import reads it back like any reports file (it skips `unit_name`).
pub fn fill_in_form(
    svc: &dyn Service,
    a: &Actor,
    q: &ReportQuery,
    cat: &[Indicator],
) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let Some(period) = q.period else {
        return Err(Error::invalid(
            "period",
            "a fill-in form is for one period: add --period (2026-11, 2026-Q4, 2026-H2, 2026)",
            "biểu mẫu nhập là của một kỳ: hãy thêm --period (2026-11, 2026-Q4, 2026-H2, 2026)",
        ));
    };
    let inds: Vec<&Indicator> = cat
        .iter()
        .filter(|i| i.periods.contains(&period.kind))
        .collect();
    let mut headers = vec![
        "unit".to_string(),
        "unit_name".into(),
        "period".into(),
        "base_revision".into(),
    ];
    headers.extend(inds.iter().map(|i| i.code.clone()));
    let c = svc.completeness(a, period, q.under.as_deref())?;
    let mut rows = Vec::with_capacity(c.missing.len());
    for id in &c.missing {
        // The name it had in the period, as the office knew it then.
        let name = svc
            .unit(a, &crate::domain::unit::exact(id))
            .map(|u| {
                let v = u.on(period.end());
                format!("{} {}", v.kind.label_vi(), v.name)
            })
            .unwrap_or_default();
        let draft = svc.report(a, &crate::domain::unit::exact(id), period)?;
        let mut row = vec![
            Value::String(crate::domain::unit::official_code(id).to_string()),
            Value::String(name),
            Value::String(period.to_string()),
            // What the import checks nobody saved since (0: no report yet).
            Value::from(draft.as_ref().map_or(0, |r| r.revision)),
        ];
        row.extend(inds.iter().map(|i| {
            draft
                .as_ref()
                .and_then(|r| r.value(&i.code))
                .map_or(Value::Null, Value::from)
        }));
        rows.push(row);
    }
    Ok((headers, rows))
}
