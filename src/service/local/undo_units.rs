//! Undoing a merge or a retirement entered by mistake, while nothing depends on it yet.

use std::collections::HashMap;

use jiff::civil::Date;

use super::LocalService;
use crate::domain::date::fmt_date;
use crate::domain::unit::{official_code, Unit};
use crate::error::{Entity, Error, Result};
use crate::service::api::Actor;
use crate::store::{keys, TreeId};

impl LocalService {
    /// Reopens a unit merged wholly into another, and takes the link off both sides.
    pub(super) fn unmerge_unit_impl(&self, a: &Actor, code: &str) -> Result<Unit> {
        self.write(a, |tx| {
            let old = self.load_unit(code)?;
            let shown = old.official_code().to_string();
            let (heir, on) = match old.successors.as_slice() {
                [one] => (one.unit.clone(), one.on.unwrap_or(Date::MIN)),
                [] => {
                    return Err(Error::state(
                        Entity::Unit,
                        &shown,
                        "was not merged into another unit; nothing to undo (for an earlier holder of the code, write CODE@)",
                        "không sáp nhập vào đơn vị nào; không có gì để hoàn tác (đơn vị trước đây mang mã này: ghi MÃ@)",
                    ))
                }
                _ => {
                    return Err(Error::state(
                        Entity::Unit,
                        &shown,
                        "was split into several units; a split is undone with a corrected lineage file (antq import lineage)",
                        "đã chia tách thành nhiều đơn vị; hãy sửa bằng tệp liên kết (antq import lineage)",
                    ))
                }
            };
            let recorded = self.merge_recorded_at(&old.code)?;
            self.nothing_recorded_since(&heir, on, recorded)?;
            let heir_old = self.load_unit(&heir)?;
            let mut u = old.clone();
            u.successors.clear();
            u.valid_to = None;
            let mut h = heir_old.clone();
            h.predecessors.retain(|l| l.unit != old.code);
            let changed: HashMap<String, Unit> =
                [(u.code.clone(), u.clone()), (h.code.clone(), h.clone())].into();
            if let Some(e) = self.lineage_problems(&changed)?.into_iter().next() {
                return Err(e);
            }
            u.revision += 1;
            h.revision += 1;
            tx.put(Some(&old), &u)?;
            tx.put(Some(&heir_old), &h)?;
            let heir_shown = official_code(&heir).to_string();
            let what = format!("no longer merged into {heir_shown} from {}", fmt_date(on));
            tx.audit(crate::domain::audit::Action::UnitUnmerge, format!("unit/{}", u.code), what);
            let what = format!("no longer receives {shown} from {}", fmt_date(on));
            tx.audit(crate::domain::audit::Action::UnitUnmerge, format!("unit/{}", h.code), what);
            Ok(u)
        })
    }

    /// Reopens a retired unit that nothing continued.
    pub(super) fn unretire_unit_impl(&self, a: &Actor, code: &str) -> Result<Unit> {
        self.write(a, |tx| {
            let old = self.load_unit(code)?;
            let shown = old.official_code().to_string();
            if !old.successors.is_empty() {
                return Err(Error::state(
                    Entity::Unit,
                    &shown,
                    "was merged or split, not retired; undo a merge with: antq units unmerge CODE",
                    "đã sáp nhập hoặc chia tách, không phải ngừng; hoàn tác sáp nhập bằng: antq units unmerge MÃ",
                ));
            }
            let Some(last) = old.valid_to else {
                return Err(Error::state(
                    Entity::Unit,
                    &shown,
                    "is not retired; nothing to undo",
                    "đang hoạt động; không có gì để hoàn tác",
                ));
            };
            let mut u = old.clone();
            u.valid_to = None;
            let changed: HashMap<String, Unit> = [(u.code.clone(), u.clone())].into();
            if let Some(e) = self.lineage_problems(&changed)?.into_iter().next() {
                return Err(e);
            }
            u.revision += 1;
            tx.put(Some(&old), &u)?;
            let what = format!("active again after {}", fmt_date(last));
            tx.audit(crate::domain::audit::Action::UnitUnretire, format!("unit/{}", u.code), what);
            Ok(u)
        })
    }

    /// When the merge of `code` was entered: its last `unit.merge` in the audit trail.
    fn merge_recorded_at(&self, code: &str) -> Result<i64> {
        for e in self.audit_trail(&format!("unit/{code}")) {
            let e = e?;
            if e.action == "unit.merge" {
                return Ok(e.at);
            }
        }
        // A merge loaded from a file or the registry: judged by every record, as before.
        Ok(i64::MIN)
    }

    /// A merge is undone only while the successor holds nothing written since the merge was
    /// entered that belongs after its day: no report or assessment for a period ending then or
    /// later, and no task due then or later. Records written before a back-dated merge do not
    /// count: they were the successor's own.
    fn nothing_recorded_since(&self, heir: &str, on: Date, recorded: i64) -> Result<()> {
        let prefix = keys::join(&[keys::Part::Code(heir)]);
        let reports = self
            .store
            .reports_of(heir)?
            .iter()
            .filter(|r| r.period.end() >= on && r.updated_at >= recorded)
            .count();
        let assessments = self
            .store
            .records::<crate::domain::assessment::Assessment>(TreeId::Assessments, &prefix)
            .filter(|x| {
                x.as_ref().map_or(true, |x| {
                    let written = x.history.iter().map(|s| s.at).max().unwrap_or(i64::MAX);
                    Date::new(x.year, 12, 31).is_ok_and(|d| d >= on) && written >= recorded
                })
            })
            .count();
        let mut tasks = 0;
        for k in self.store.keys_with_prefix(TreeId::TasksByUnit, &prefix) {
            let id = keys::tail_u64(&k?).unwrap_or(0);
            let written = |t: &crate::domain::task::Task| {
                t.log
                    .iter()
                    .map(|l| l.at)
                    .chain([t.created_at])
                    .max()
                    .unwrap_or(0)
            };
            if self
                .load_task(id)
                .map_or(true, |t| t.due >= on && written(&t) >= recorded)
            {
                tasks += 1;
            }
        }
        if reports + assessments + tasks == 0 {
            return Ok(());
        }
        let h = official_code(heir);
        let day = fmt_date(on);
        Err(Error::state(
            Entity::Unit,
            h,
            format!("has {reports} reports, {assessments} assessments and {tasks} tasks from {day} on, recorded since the merge, so the merge cannot be undone; correct those first"),
            format!("đã có {reports} báo cáo, {assessments} đánh giá và {tasks} nhiệm vụ từ ngày {day}, ghi sau khi sáp nhập, nên không thể hoàn tác; hãy xử lý chúng trước"),
        ))
    }
}
