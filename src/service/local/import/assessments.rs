//! Yearly assessments from a spreadsheet: one row per unit and year.

use super::{duplicates, finish, parse_flag, Plan, Planned, Row};
use crate::domain::account::Role;
use crate::domain::assessment::{Assessment, Cutoffs, Decision, Grade, Safety};
use crate::domain::date::parse_date;
use crate::domain::workflow::{next_status, Status, Transition};
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
        let settings = self.load_settings()?;
        let cut = settings.cutoffs.clone();
        let at = self.now();
        let admin = self.scope(a)?.role == Role::Admin;
        let mut planned = Vec::new();
        let mut seen = Vec::new();
        for r in rows {
            let before = problems.len();
            let typed = r.get("unit").unwrap_or("");
            let year = r.parse("year", problems, parse_year);
            // A code names the unit that held it during the year.
            let id = match year {
                Some(y) => self.at_year(typed, y),
                None => self.resolve_record(typed),
            };
            let unit = match id.and_then(|id| self.need_write(a, &id).map(|_| id)) {
                Ok(id) => id,
                Err(e) => {
                    problems.push(r.problem("unit", &e));
                    continue;
                }
            };
            let unit = unit.as_str();
            let (Some(year), true) = (year, problems.len() == before) else {
                continue;
            };
            // Messages name the unit by its official code: the year tells which holder it was.
            let code = crate::domain::unit::official_code(unit);
            seen.push((r.line, format!("{code}/{year}")));
            let old: Option<Assessment> = self
                .store
                .get(TreeId::Assessments, &keys::assessment(unit, year))?;
            let mut x = old
                .clone()
                .unwrap_or_else(|| Assessment::new(unit, year, &a.name, at));
            fill_result(r, &cut, &mut x, problems);
            if let Some(st) = r.parse("status", problems, super::parse_status) {
                if st != Status::Draft && !admin && old.as_ref().is_none_or(|o| o.status != st) {
                    problems.push(r.say(
                        "status",
                        "only an admin may import assessments as submitted or approved; leave the status column out, then submit them for approval",
                        "chỉ quản trị viên được nhập đánh giá ở trạng thái đã gửi hoặc đã duyệt; hãy bỏ cột trạng thái rồi gửi để cấp trên duyệt",
                    ));
                }
                super::record_status(&mut x.history, &mut x.status, st, &a.name, at);
            }
            fill_decision(r, &mut x, problems);
            if let Some(n) = r.parse("notes", problems, |s| clean_text("notes", s, 4000)) {
                x.notes = n;
            }
            if let Some(n) = r.parse("grade_reason", problems, |s| {
                clean_text("grade_reason", s, 2000)
            }) {
                x.override_reason = n;
            }

            // Approved is locked for everyone; units also leave what they sent up as it is.
            if let Some(o) = old.as_ref().filter(|o| **o != x) {
                if o.status == Status::Approved {
                    problems.push(super::locked_row(r, "assessment", code, &year.to_string()));
                } else if !admin {
                    if let Err(f) = next_status(o.status, Transition::Edit) {
                        problems.push(r.say(
                            "unit",
                            format!("assessment {code}/{year} {}", f.en),
                            format!("đánh giá {code}/{year} {}", f.vi),
                        ));
                    }
                }
            }
            // The same rules as typing: Xuất sắc needs An toàn, an override needs a reason.
            if problems.len() == before {
                if let Err(e) = super::super::assessments::check_grade_rules(&mut x, &settings) {
                    let col = match e.field() {
                        Some("reason") => "grade_reason",
                        _ => "grade",
                    };
                    problems.push(r.problem(col, &e));
                }
            }
            if let Some(o) = &old {
                if *o != x {
                    x.revision = o.revision + 1;
                }
            }
            if problems.len() == before {
                let key = format!("{unit}/{year}");
                planned.push(Planned {
                    key,
                    old,
                    new: x,
                    note: None,
                });
            }
        }
        duplicates(&seen, &super::header_of(rows, "year"), problems);
        Ok(finish(
            planned,
            crate::domain::audit::Action::AssessmentImport,
            "assessment",
        ))
    }
}

/// Safety, score and grade. Without `grade_explicit`, a grade the score would not give is
/// taken as fixed by decision.
fn fill_result(r: &Row, cut: &Cutoffs, x: &mut Assessment, problems: &mut Vec<Problem>) {
    if let Some(s) = r.parse("safety", problems, parse_safety) {
        x.safety = s;
    }
    if let Some(s) = r.parse("score", problems, parse_score) {
        x.score = s;
    }
    let grade = r.optional("grade", problems, parse_grade);
    let explicit = r.parse("grade_explicit", problems, |s| {
        parse_flag("grade_explicit", s)
    });
    if let Some(g) = grade {
        let fixed = explicit.unwrap_or_else(|| g.is_some() && g != x.score.map(|s| cut.grade(s)));
        x.grade_override = if fixed { g } else { None };
    }
}

/// The decision's columns; a missing one keeps what is stored.
fn fill_decision(r: &Row, x: &mut Assessment, problems: &mut Vec<Problem>) {
    let number = r.get("decision_number");
    let date = r.optional("decision_date", problems, |s| {
        parse_date("decision_date", s)
    });
    let issuer = r.get("decision_issuer");
    if number.is_none() && date.is_none() && issuer.is_none() {
        return;
    }
    let old = x.decision.clone().unwrap_or(Decision {
        number: String::new(),
        date: None,
        issuer: String::new(),
    });
    let d = Decision {
        number: number.map_or(old.number, str::to_string),
        date: date.unwrap_or(old.date),
        issuer: issuer.map_or(old.issuer, str::to_string),
    };
    x.decision = (!d.number.is_empty() || d.date.is_some() || !d.issuer.is_empty()).then_some(d);
}

fn parse_safety(s: &str) -> Result<Safety> {
    Safety::parse(s).ok_or_else(|| {
        Error::invalid(
            "safety",
            format!("'{s}' is not a result; write Đạt, Chưa đạt or leave it empty"),
            format!("'{s}' không phải kết quả; hãy ghi Đạt, Chưa đạt hoặc để trống"),
        )
    })
}

fn parse_grade(s: &str) -> Result<Grade> {
    Grade::parse(s).ok_or_else(|| {
        Error::invalid(
            "grade",
            format!("'{s}' is not a grade; write Xuất sắc, Khá, Trung bình or Yếu"),
            format!("'{s}' không phải xếp loại; hãy ghi Xuất sắc, Khá, Trung bình hoặc Yếu"),
        )
    })
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
