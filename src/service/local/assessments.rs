//! Yearly assessments and exemplar selection.

use super::{clean_text, LocalService};
use crate::domain::assessment::{Assessment, Decision, Grade};
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::task::{Directive, Priority, Task, TaskStatus};
use crate::domain::unit::{official_code, Level};
use crate::domain::workflow::{next_status, Status, Step, Transition};
use crate::error::{Entity, Error, Result};
use crate::service::api::*;
use crate::store::{keys, meta, TreeId};

fn clean_decision(d: Decision) -> Result<Decision> {
    Ok(Decision {
        number: clean_text("decision", &d.number, 100)?,
        date: d.date,
        issuer: clean_text("issuer", &d.issuer, 200)?,
    })
}

fn check_year(y: i16) -> Result<()> {
    if (2000..=2100).contains(&y) {
        Ok(())
    } else {
        Err(Error::invalid(
            "year",
            format!("{y} is out of range (2000–2100)"),
            format!("năm {y} nằm ngoài khoảng 2000–2100"),
        ))
    }
}

fn year_bounds(y: i16) -> (jiff::civil::Date, jiff::civil::Date) {
    (
        jiff::civil::Date::new(y, 1, 1).expect("year"),
        jiff::civil::Date::new(y, 12, 31).expect("year"),
    )
}

impl LocalService {
    #[allow(
        clippy::too_many_lines,
        reason = "each check of a save in the order a refusal must name it, then the one write"
    )]
    pub(super) fn save_assessment_impl(&self, a: &Actor, i: AssessmentInput) -> Result<Assessment> {
        check_year(i.year)?;
        if i.year > self.today().year() {
            return Err(Error::invalid(
                "year",
                format!(
                    "{} has not started yet; assess a year once it is under way",
                    i.year
                ),
                format!(
                    "năm {} chưa bắt đầu; chỉ đánh giá khi năm đã bắt đầu",
                    i.year
                ),
            ));
        }
        if let Some(Some(s)) = i.score {
            if s > 100 {
                return Err(Error::invalid(
                    "score",
                    format!("{s} is above 100; scores run from 0 to 100"),
                    format!("{s} lớn hơn 100; điểm từ 0 đến 100"),
                ));
            }
        }
        let notes = i
            .notes
            .as_deref()
            .map(|n| clean_text("notes", n, 4000))
            .transpose()?;
        let reason = i
            .override_reason
            .as_deref()
            .map(|r| clean_text("reason", r, 2000))
            .transpose()?;
        let decision = match i.decision.clone() {
            Some(Some(d)) => Some(Some(clean_decision(d)?)),
            other => other,
        };
        let key = format!("{}/{}", i.unit, i.year);
        self.write(a, |tx| {
            let u = self.load_unit(&i.unit)?;
            if u.kind.level() == Level::Province {
                return Err(Error::state(
                    Entity::Unit,
                    &u.code,
                    "is a province; the movement is classified for units below it",
                    "là cấp tỉnh; phong trào được phân loại cho các đơn vị bên dưới",
                ));
            }
            let (from, to) = year_bounds(i.year);
            if !u.overlaps(from, to) {
                return Err(Error::state(
                    Entity::Unit,
                    &u.code,
                    format!("did not exist in {}", i.year),
                    format!("không tồn tại trong năm {}", i.year),
                ));
            }
            let old: Option<Assessment> = self
                .store
                .get(TreeId::Assessments, &keys::assessment(&i.unit, i.year))?;
            let mut x = match &old {
                Some(o) => {
                    self.check_revision(Entity::Assessment, &key, i.base_revision, o.revision)?;
                    next_status(o.status, Transition::Edit)
                        .map_err(|f| Error::state(Entity::Assessment, &key, f.en, f.vi))?;
                    let mut x = o.clone();
                    x.revision += 1;
                    x
                }
                None => Assessment::new(&i.unit, i.year, &a.name, tx.at),
            };
            if let Some(s) = i.safety {
                x.safety = s;
            }
            if let Some(s) = i.score {
                x.score = s;
            }
            if let Some(g) = i.grade_override {
                x.grade_override = g;
            }
            if let Some(d) = &decision {
                x.decision = d.clone();
            }
            if let Some(n) = &notes {
                x.notes = n.clone();
            }
            if let Some(r) = &reason {
                x.override_reason = r.clone();
            }
            check_grade_rules(&mut x, &self.load_settings()?)?;
            tx.put(old.as_ref(), &x)?;
            tx.audit(
                crate::domain::audit::Action::Assessment(crate::domain::workflow::Transition::Edit),
                format!("assessment/{key}"),
                format!(
                    "score {}, safety {}",
                    x.score.map(|s| s.to_string()).unwrap_or("-".into()),
                    x.safety.code()
                ),
            );
            Ok(x)
        })
    }

    pub(super) fn transition_assessment(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        t: Transition,
        reason: &str,
    ) -> Result<Assessment> {
        let reason = clean_text("reason", reason, 2000)?;
        if t.needs_reason() && reason.is_empty() {
            return Err(Error::invalid(
                "reason",
                format!("an {} assessment needs a reason (--reason TEXT)", t.past()),
                format!("{} đánh giá cần nêu lý do (--reason NỘI_DUNG)", t.verb_vi()),
            ));
        }
        let key = format!("{unit}/{year}");
        self.write(a, |tx| {
            let old: Assessment = self
                .store
                .get(TreeId::Assessments, &keys::assessment(unit, year))?
                .ok_or_else(|| Error::not_found(Entity::Assessment, &key))?;
            let status = next_status(old.status, t)
                .map_err(|f| Error::state(Entity::Assessment, &key, f.en, f.vi))?;
            if t == Transition::Approve {
                let created_by = old.history.first().map_or("", |s| s.by.as_str());
                let (code, name) = (official_code(unit), self.load_unit(unit)?.name);
                let shown = (
                    format!("assessment {code} {name} · {year}"),
                    format!("đánh giá {code} {name} năm {year}"),
                );
                self.need_other_eyes(a, &format!("assessment/{key}"), created_by, shown)?;
            }
            let mut x = old.clone();
            x.status = status;
            x.return_reason = t.needs_reason().then(|| reason.clone());
            x.history.push(Step {
                status,
                by: a.name.clone(),
                at: tx.at,
                note: reason.clone(),
            });
            x.revision += 1;
            tx.put(Some(&old), &x)?;
            tx.audit(
                crate::domain::audit::Action::Assessment(t),
                format!("assessment/{key}"),
                reason.clone(),
            );
            Ok(x)
        })
    }

    pub(super) fn assessments_impl(
        &self,
        year: Option<i16>,
        under: Option<&str>,
    ) -> Result<Vec<Assessment>> {
        let cache = self.cache()?;
        if let Some(u) = under {
            cache
                .get(u)
                .ok_or_else(|| Error::not_found(Entity::Unit, u))?;
        }
        let prefix = year.map(|y| keys::year(y).to_vec()).unwrap_or_default();
        let mut out = Vec::new();
        for k in self
            .store
            .keys_with_prefix(TreeId::AssessmentsByYear, &prefix)
        {
            let k = k?;
            let y = keys::year_from(&k);
            let unit = String::from_utf8_lossy(&k[2..]).to_string();
            if under.is_some_and(|u| !cache.is_within(&unit, u)) {
                continue;
            }
            if let Some(x) = self
                .store
                .get(TreeId::Assessments, &keys::assessment(&unit, y))?
            {
                out.push(x);
            }
        }
        // Tree order reads like the paper lists: by district, then commune.
        out.sort_by_key(|x: &Assessment| {
            (
                x.year,
                cache.pos.get(&x.unit).copied().unwrap_or(usize::MAX),
            )
        });
        Ok(out)
    }

    pub(super) fn select_exemplar_impl(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        decision: Option<Decision>,
    ) -> Result<Exemplar> {
        check_year(year)?;
        let decision = decision.map(clean_decision).transpose()?;
        let cutoffs = self.load_settings()?.cutoffs;
        let key = format!("{year}/{unit}");
        self.write(a, |tx| {
            let u = self.load_unit(unit)?;
            let (from, to) = year_bounds(year);
            if !u.overlaps(from, to) {
                return Err(Error::state(Entity::Unit, unit, format!("does not exist in {year}"), format!("không tồn tại trong năm {year}")));
            }
            if self.store.contains(TreeId::Exemplars, &keys::exemplar(year, unit))? {
                return Err(Error::Duplicate { entity: Entity::Exemplar, key: key.clone() });
            }
            let basis = year - 1;
            let x: Assessment = self.store.get(TreeId::Assessments, &keys::assessment(unit, basis))?.ok_or_else(|| {
                Error::state(Entity::Unit, unit, format!("has no {basis} assessment; exemplars for {year} are chosen from {basis} results"), format!("chưa có kết quả đánh giá năm {basis}; điển hình năm {year} được chọn từ kết quả năm {basis}"))
            })?;
            if x.status != Status::Approved {
                return Err(Error::state(Entity::Assessment, format!("{unit}/{basis}"), "is not approved yet; approve it before choosing exemplars", "chưa được duyệt; hãy duyệt trước khi chọn điển hình"));
            }
            if x.grade(&cutoffs) != Some(Grade::Excellent) {
                return Err(Error::state(Entity::Unit, unit, format!("was not rated Xuất sắc (Excellent) in {basis}; only those units can be chosen"), format!("không xếp loại Xuất sắc năm {basis}; chỉ đơn vị Xuất sắc mới được chọn")));
            }
            let ex = Exemplar { unit: unit.to_string(), year, decision: decision.clone(), status: ExemplarStatus::Building, notes: String::new(), revision: 0 };
            tx.put(None, &ex)?;
            tx.audit(crate::domain::audit::Action::ExemplarSelect, format!("exemplar/{key}"), format!("based on {basis} assessment"));
            let task = self.exemplar_task(tx, &u.code, &u.name, year, decision.as_ref())?;
            tx.put(None, &task)?;
            tx.audit(crate::domain::audit::Action::TaskAdd, format!("task/{}", task.id), task.title.clone());
            Ok(ex)
        })
    }

    fn exemplar_task(
        &self,
        tx: &mut super::Tx,
        unit: &str,
        name: &str,
        year: i16,
        d: Option<&Decision>,
    ) -> Result<Task> {
        let id = self.next_task_id(tx)?;
        Ok(Task {
            id,
            title: format!("Xây dựng điển hình phong trào Toàn dân bảo vệ ANTQ năm {year}"),
            details: format!("{name}: chỉ đạo thực hiện có hiệu quả các tiêu chí điển hình."),
            source: d.map(|d| Directive {
                number: d.number.clone(),
                date: d.date,
                issuer: d.issuer.clone(),
                summary: format!("Lựa chọn xây dựng điển hình năm {year}"),
            }),
            lead_unit: unit.to_string(),
            coordinating: vec![],
            due: jiff::civil::Date::new(year, 12, 31).expect("year end"),
            priority: Priority::Normal,
            status: TaskStatus::New,
            log: vec![],
            created_by: tx.actor.name.clone(),
            created_at: tx.at,
            revision: 0,
        })
    }

    /// Reserves the next task id inside the current command.
    /// The next task number not yet used here. A bundle may have brought in numbers past the
    /// counter; those are skipped, never overwritten.
    pub(super) fn next_task_id(&self, tx: &mut super::Tx) -> Result<u64> {
        let mut current = tx
            .ws_task_id
            .unwrap_or(self.store.get_meta_u64(meta::NEXT_TASK)?.max(1));
        while self.store.contains(TreeId::Tasks, &keys::task(current))? {
            current += 1;
        }
        tx.ws_task_id = Some(current + 1);
        tx.ws.raw_put(
            TreeId::Meta,
            meta::NEXT_TASK.to_vec(),
            (current + 1).to_be_bytes().to_vec(),
        );
        Ok(current)
    }

    pub(super) fn set_exemplar_status_impl(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        (status, base): (ExemplarStatus, Option<u64>),
    ) -> Result<Exemplar> {
        let key = format!("{year}/{unit}");
        self.write(a, |tx| {
            let old: Exemplar = self
                .store
                .get(TreeId::Exemplars, &keys::exemplar(year, unit))?
                .ok_or_else(|| Error::not_found(Entity::Exemplar, &key))?;
            // The state the screen showed: a change by someone else since is not overwritten.
            if let Some(b) = base {
                self.check_changed(Entity::Exemplar, &key, b, old.revision)?;
            }
            let mut ex = old.clone();
            ex.status = status;
            ex.revision += 1;
            tx.put(Some(&old), &ex)?;
            tx.audit(
                crate::domain::audit::Action::ExemplarStatus,
                format!("exemplar/{key}"),
                status.code().to_string(),
            );
            Ok(ex)
        })
    }

    pub(super) fn exemplars_impl(&self, year: Option<i16>) -> Result<Vec<Exemplar>> {
        let prefix = year.map(|y| keys::year(y).to_vec()).unwrap_or_default();
        self.store.records(TreeId::Exemplars, &prefix).collect()
    }
}

/// The province's classification rules: Xuất sắc only with "An toàn" recognition (when the
/// province keeps that setting on), and a reason for a level that the score does not give.
pub(in crate::service::local) fn check_grade_rules(
    x: &mut Assessment,
    s: &crate::domain::Settings,
) -> Result<()> {
    use crate::domain::assessment::{Grade, Safety};
    use crate::i18n::Lang::{En, Vi};
    let year = x.year;
    if s.excellent_needs_safe
        && x.grade(&s.cutoffs) == Some(Grade::Excellent)
        && x.safety != Safety::Passed
    {
        let (en, vi) = (
            x.safety.label(En).to_lowercase(),
            x.safety.label(Vi).to_lowercase(),
        );
        return Err(Error::invalid(
            "grade",
            format!("Excellent is only for a unit recognised 'An toàn' (passed) in {year}, and this one is {en}; record the An toàn result as passed, or choose another level"),
            format!("Xuất sắc chỉ dành cho đơn vị được công nhận \"An toàn\" (Đạt) năm {year}, đơn vị này: {vi}; hãy ghi kết quả An toàn là Đạt, hoặc chọn mức khác"),
        ));
    }
    match x.disagreeing_override(&s.cutoffs) {
        Some((set, scored)) if x.override_reason.trim().is_empty() => {
            let score = x.score.unwrap_or(0);
            Err(Error::invalid(
                "reason",
                format!("the level {} differs from {}, which the score {score} gives under the province's cut-offs; give the reason", set.label(En), scored.label(En)),
                format!("mức {} khác mức {} mà điểm {score} cho theo ngưỡng của tỉnh; hãy ghi lý do", set.label(Vi), scored.label(Vi)),
            ))
        }
        Some(_) => Ok(()),
        None => {
            // A reason only explains a disagreement; none is left to explain.
            x.override_reason.clear();
            Ok(())
        }
    }
}
