//! Yearly assessments from a spreadsheet: one row per unit and year.

use super::{duplicates, finish, parse_flag, Plan, Planned, Row};
use crate::domain::assessment::{Assessment, Decision, Grade, Safety};
use crate::domain::date::parse_date;
use crate::domain::workflow::Step;
use crate::error::{Error, Problem, Result};
use crate::service::api::Actor;
use crate::service::local::{clean_text, LocalService};
use crate::store::{keys, TreeId};

impl LocalService {
    pub(super) fn plan_assessments(
        &self,
        a: &Actor,
        rows: &[Row],
        problems: &mut Vec<Problem>,
    ) -> Result<Plan> {
        let cut = self.load_settings()?.cutoffs;
        let at = self.now();
        let mut planned = Vec::new();
        let mut seen = Vec::new();
        for r in rows {
            let before = problems.len();
            let unit = r.get("unit").unwrap_or("");
            if let Err(e) = self.load_unit(unit) {
                problems.push(r.problem("unit", &e));
            }
            let year = r.parse("year", problems, parse_year);
            let (Some(year), true) = (year, problems.len() == before) else {
                continue;
            };
            seen.push((r.line, format!("{unit}/{year}")));
            let old: Option<Assessment> = self
                .store
                .get(TreeId::Assessments, &keys::assessment(unit, year))?;
            let mut x = old
                .clone()
                .unwrap_or_else(|| Assessment::new(unit, year, &a.name, at));
            if let Some(s) = r.parse("safety", problems, |s| {
                Safety::parse(s).ok_or_else(|| {
                    Error::invalid(
                        "safety",
                        format!("'{s}' is not a result; write Đạt, Chưa đạt or leave it empty"),
                        format!("'{s}' không phải kết quả; hãy ghi Đạt, Chưa đạt hoặc để trống"),
                    )
                })
            }) {
                x.safety = s;
            }
            if let Some(s) = r.parse("score", problems, parse_score) {
                x.score = s;
            }
            let grade = r.parse("grade", problems, |s| {
                if s.is_empty() {
                    return Ok(None);
                }
                Grade::parse(s).map(Some).ok_or_else(|| {
                    Error::invalid(
                        "grade",
                        format!("'{s}' is not a grade; write Xuất sắc, Khá, Trung bình or Yếu"),
                        format!(
                            "'{s}' không phải xếp loại; hãy ghi Xuất sắc, Khá, Trung bình hoặc Yếu"
                        ),
                    )
                })
            });
            let explicit = r.parse("grade_explicit", problems, |s| {
                parse_flag("grade_explicit", s)
            });
            if let Some(g) = grade {
                // Without the flag, a grade the score would not give is taken as fixed by decision.
                let fixed =
                    explicit.unwrap_or_else(|| g.is_some() && g != x.score.map(|s| cut.grade(s)));
                x.grade_override = if fixed { g } else { None };
            }
            if let Some(st) = r.parse("status", problems, super::parse_status) {
                if st != x.status {
                    x.history.push(Step {
                        status: st,
                        by: a.name.clone(),
                        at,
                        note: "import".into(),
                    });
                    x.status = st;
                }
            }
            let number = r.get("decision_number");
            let date = r.parse("decision_date", problems, |s| {
                if s.is_empty() {
                    Ok(None)
                } else {
                    parse_date("decision_date", s).map(Some)
                }
            });
            let issuer = r.get("decision_issuer");
            if number.is_some() || date.is_some() || issuer.is_some() {
                let old_d = x.decision.clone();
                let d = Decision {
                    number: number.map(str::to_string).unwrap_or_else(|| {
                        old_d.as_ref().map(|d| d.number.clone()).unwrap_or_default()
                    }),
                    date: date.unwrap_or_else(|| old_d.as_ref().and_then(|d| d.date)),
                    issuer: issuer.map(str::to_string).unwrap_or_else(|| {
                        old_d.as_ref().map(|d| d.issuer.clone()).unwrap_or_default()
                    }),
                };
                x.decision =
                    (!d.number.is_empty() || d.date.is_some() || !d.issuer.is_empty()).then_some(d);
            }
            if let Some(n) = r.parse("notes", problems, |s| clean_text("notes", s, 4000)) {
                x.notes = n;
            }
            if let Some(o) = &old {
                if *o != x {
                    x.revision = o.revision + 1;
                }
            }
            if problems.len() == before {
                planned.push(Planned {
                    key: format!("{unit}/{year}"),
                    old,
                    new: x,
                });
            }
        }
        duplicates(&seen, &super::header_of(rows, "year"), problems);
        Ok(finish(planned, "assessment.import", "assessment"))
    }
}

fn parse_year(s: &str) -> Result<i16> {
    s.parse::<i16>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| {
            Error::invalid(
                "year",
                format!("'{s}' is not a year between 2000 and 2100"),
                format!("'{s}' không phải năm trong khoảng 2000–2100"),
            )
        })
}

fn parse_score(s: &str) -> Result<Option<u8>> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(n) if (0..=100).contains(&n) => Ok(Some(n as u8)),
        Ok(n) if n < 0 => Err(Error::invalid(
            "score",
            format!("'{s}' is negative; a score is 0 to 100"),
            format!("'{s}' là số âm; điểm từ 0 đến 100"),
        )),
        _ => Err(Error::invalid(
            "score",
            format!("'{s}' is not a score from 0 to 100"),
            format!("'{s}' không phải điểm từ 0 đến 100"),
        )),
    }
}
