//! `antq audit`, `antq check` and `antq gen`: the trail, the integrity check, synthetic data.

use crate::cli::ctx::*;
use crate::cli::output::{out, out_raw};
use crate::cli::table::Table;
use crate::error::{Error, Result};
use crate::service::api::*;

impl Ctx<'_> {
    pub(crate) fn audit(&self, entity: Option<String>, limit: usize, json: bool) -> Result<()> {
        let page = self.svc.audit(
            self.a,
            &AuditQuery {
                entity,
                offset: 0,
                limit,
            },
        )?;
        if json {
            let items: Vec<serde_json::Value> = page
                .items
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "seq": e.seq,
                        "at": crate::domain::date::rfc3339(e.at),
                        "actor": e.actor,
                        "action": e.action,
                        "entity": shown_entity(&e.entity),
                        "summary": crate::domain::audit_words::summary_words(&e.action, &e.summary, self.lang),
                    })
                })
                .collect();
            return super::report::print_json(&items);
        }
        let mut t = Table::new(&[
            "#",
            self.t("Lúc", "At"),
            self.t("Người", "Actor"),
            self.t("Thao tác", "Action"),
            self.t("Đối tượng", "Entity"),
            self.t("Nội dung", "Summary"),
        ]);
        for e in page.items {
            t.row(vec![
                e.seq.to_string(),
                crate::domain::date::fmt_time(e.at),
                e.actor,
                e.action.clone(),
                shown_entity(&e.entity),
                crate::domain::audit_words::summary_words(&e.action, &e.summary, self.lang),
            ]);
        }
        out_raw!("{}", t.render());
        Ok(())
    }

    pub(crate) fn check(&self, json: bool) -> Result<()> {
        let r = self.svc.check(self.a)?;
        if json {
            super::report::print_json(&serde_json::json!({
                "records": r.records,
                "index_entries": r.index_entries,
                "problems": r.problems,
            }))?;
            return if r.problems.is_empty() {
                Ok(())
            } else {
                Err(Error::CheckFailed {
                    problems: r.problems.len(),
                })
            };
        }
        for p in &r.problems {
            out!("{p}");
        }
        if r.problems.is_empty() {
            self.saved(
                format!(
                    "Kiểm tra đạt: {} bản ghi, {} mục chỉ mục.",
                    r.records, r.index_entries
                ),
                format!(
                    "Check passed: {} records, {} index entries.",
                    r.records, r.index_entries
                ),
            );
            Ok(())
        } else {
            Err(Error::CheckFailed {
                problems: r.problems.len(),
            })
        }
    }

    pub(crate) fn gen(&self, units: usize, reports: usize, tasks: usize, seed: u64) -> Result<()> {
        if self.svc.indicators(self.a)?.is_empty() {
            for ind in crate::sample::indicators()? {
                self.svc.put_indicator(self.a, ind)?;
            }
        }
        let cat = self.svc.indicators(self.a)?;
        let bulk = crate::gen::generate(
            &crate::gen::Spec {
                units,
                reports,
                tasks,
                seed,
            },
            &cat,
        );
        let (u, r, t) = (bulk.units.len(), bulk.reports.len(), bulk.tasks.len());
        self.svc.bulk_load(self.a, bulk)?;
        self.saved(
            format!("Đã sinh {u} đơn vị, {r} báo cáo, {t} nhiệm vụ."),
            format!("Generated {u} units, {r} reports, {t} tasks."),
        );
        Ok(())
    }
}

/// "unit/31432", never the store's identity of a reused code ("unit/31432@2025-07-01").
fn shown_entity(entity: &str) -> String {
    match entity.split_once('/') {
        Some((kind, key)) => format!("{kind}/{}", crate::domain::unit::official_code(key)),
        None => entity.to_string(),
    }
}
