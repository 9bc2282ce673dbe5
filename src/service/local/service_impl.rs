//! The `Service` trait on the embedded store: each method checks the actor, then calls the
//! rule that does the work.

use crate::domain::account::Account;
use crate::domain::assessment::{Assessment, Decision};
use crate::domain::audit::AuditEntry;
use crate::domain::exemplar::{Exemplar, ExemplarStatus};
use crate::domain::indicator::Indicator;
use crate::domain::period::Period;
use crate::domain::report::Report;
use crate::domain::task::{Task, TaskStatus};
use crate::domain::unit::Unit;
use crate::domain::workflow::Transition;
use crate::domain::Settings;
use crate::error::Result;
use crate::service::api::*;
use crate::store::{keys, TreeId};

use super::*;

impl Service for LocalService {
    fn whoami(&self, a: &Actor) -> Result<Account> {
        check_actor(a)?;
        self.account_of(a)
    }
    fn users(&self, a: &Actor) -> Result<Vec<Account>> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.store.records(TreeId::Users, b"").collect()
    }
    fn add_user(&self, a: &Actor, acc: Account) -> Result<Account> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.add_user_impl(a, acc)
    }
    fn remove_user(&self, a: &Actor, name: &str) -> Result<()> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.remove_user_impl(a, name)
    }
    fn unit(&self, a: &Actor, code: &str) -> Result<Unit> {
        check_actor(a)?;
        let code = &self.resolve_record(code)?;
        let u = self.load_unit(code)?;
        self.need_read_unit(a, code)?;
        Ok(u)
    }
    fn unit_on(&self, a: &Actor, code: &str, on: jiff::civil::Date) -> Result<Unit> {
        check_actor(a)?;
        let code = &self.resolve_strict(code, on, on)?;
        let u = self.load_unit(code)?;
        self.need_read_unit(a, code)?;
        Ok(u)
    }
    fn units(&self, a: &Actor, q: &UnitQuery) -> Result<Page<Unit>> {
        check_actor(a)?;
        let asked = match (&q.under, q.on) {
            (Some(u), Some(d)) => Some(self.resolve_on(u, d, d)?),
            (Some(u), None) => Some(self.resolve_record(u)?),
            _ => None,
        };
        let under = self.scoped_under(a, asked.as_deref())?;
        self.units_impl(&UnitQuery { under, ..q.clone() })
    }
    fn unit_path(&self, a: &Actor, code: &str) -> Result<Vec<Unit>> {
        check_actor(a)?;
        let code = &self.resolve_record(code)?;
        self.need_read(a, code)?;
        self.unit_path_impl(code)
    }
    fn add_unit(&self, a: &Actor, u: NewUnit) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.add_unit_impl(a, u)
    }
    fn edit_unit(&self, a: &Actor, code: &str, p: UnitPatch) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        let code = &self.resolve_record(code)?;
        self.edit_unit_impl(a, code, p)
    }
    fn unmerge_unit(&self, a: &Actor, code: &str) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        let code = &self.resolve_latest(code)?;
        self.unmerge_unit_impl(a, code)
    }
    fn unretire_unit(&self, a: &Actor, code: &str) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        let code = &self.resolve_latest(code)?;
        self.unretire_unit_impl(a, code)
    }
    fn retire_unit(&self, a: &Actor, code: &str, on: jiff::civil::Date) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        let code = &self.resolve_on(code, on, on)?;
        self.retire_unit_impl(a, code, on)
    }
    fn merge_units(
        &self,
        a: &Actor,
        from: &[String],
        into: &str,
        on: jiff::civil::Date,
    ) -> Result<Unit> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.merge_units_impl(a, from, into, on)
    }
    fn delete_unit(&self, a: &Actor, code: &str) -> Result<()> {
        check_actor(a)?;
        self.need_admin(a)?;
        let code = &self.resolve_record(code)?;
        self.delete_unit_impl(a, code)
    }
    fn indicators(&self, a: &Actor) -> Result<Vec<Indicator>> {
        check_actor(a)?;
        self.scope(a)?;
        self.indicators_impl()
    }
    fn put_indicator(&self, a: &Actor, ind: Indicator) -> Result<Indicator> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.put_indicator_impl(a, ind)
    }
    fn settings(&self, a: &Actor) -> Result<Settings> {
        check_actor(a)?;
        self.scope(a)?;
        self.load_settings()
    }
    fn set_settings(&self, a: &Actor, s: Settings) -> Result<Settings> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.set_settings_impl(a, s)
    }
    fn report(&self, a: &Actor, unit: &str, period: Period) -> Result<Option<Report>> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.need_read(a, unit)?;
        self.store.report(unit, period)
    }
    fn save_report(&self, a: &Actor, mut r: ReportInput) -> Result<Report> {
        check_actor(a)?;
        r.unit = self.at_period(&r.unit, r.period)?;
        self.load_unit(&r.unit)?;
        self.need_write(a, &r.unit)?;
        self.save_report_impl(a, r)
    }
    fn submit_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.load_unit(unit)?;
        self.need_write(a, unit)?;
        self.transition_report(a, unit, period, Transition::Submit, "")
    }
    fn approve_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.load_unit(unit)?;
        self.need_approve(a, unit)?;
        self.transition_report(a, unit, period, Transition::Approve, "")
    }
    fn return_report(&self, a: &Actor, unit: &str, period: Period, reason: &str) -> Result<Report> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.load_unit(unit)?;
        self.need_approve(a, unit)?;
        self.transition_report(a, unit, period, Transition::Return, reason)
    }
    fn withdraw_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Report> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.load_unit(unit)?;
        self.need_write(a, unit)?;
        self.transition_report(a, unit, period, Transition::Withdraw, "")
    }
    fn reopen_report(&self, a: &Actor, unit: &str, period: Period, reason: &str) -> Result<Report> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.load_unit(unit)?;
        self.need_approve(a, unit)?;
        self.transition_report(a, unit, period, Transition::Reopen, reason)
    }
    fn reports(&self, a: &Actor, q: &ReportQuery) -> Result<Page<Report>> {
        check_actor(a)?;
        let asked = self.under_at(q.under.as_deref(), q.period)?;
        let under = self.scoped_under(a, asked.as_deref())?;
        self.reports_impl(&ReportQuery { under, ..q.clone() })
    }
    fn completeness(&self, a: &Actor, period: Period, under: Option<&str>) -> Result<Completeness> {
        check_actor(a)?;
        let asked = self.under_at(under, Some(period))?;
        let under = self.scoped_under(a, asked.as_deref())?;
        self.completeness_cached(period, under.as_deref())
    }
    fn assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Option<Assessment>> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_read(a, unit)?;
        self.store
            .get(TreeId::Assessments, &keys::assessment(unit, year))
    }
    fn save_assessment(&self, a: &Actor, mut i: AssessmentInput) -> Result<Assessment> {
        check_actor(a)?;
        i.unit = self.at_year(&i.unit, i.year)?;
        self.load_unit(&i.unit)?;
        self.need_write(a, &i.unit)?;
        self.save_assessment_impl(a, i)
    }
    fn submit_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_write(a, unit)?;
        self.transition_assessment(a, unit, year, Transition::Submit, "")
    }
    fn approve_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_approve(a, unit)?;
        self.transition_assessment(a, unit, year, Transition::Approve, "")
    }
    fn return_assessment(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        reason: &str,
    ) -> Result<Assessment> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_approve(a, unit)?;
        self.transition_assessment(a, unit, year, Transition::Return, reason)
    }
    fn withdraw_assessment(&self, a: &Actor, unit: &str, year: i16) -> Result<Assessment> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_write(a, unit)?;
        self.transition_assessment(a, unit, year, Transition::Withdraw, "")
    }
    fn reopen_assessment(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        reason: &str,
    ) -> Result<Assessment> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_approve(a, unit)?;
        self.transition_assessment(a, unit, year, Transition::Reopen, reason)
    }
    fn assessments(
        &self,
        a: &Actor,
        year: Option<i16>,
        under: Option<&str>,
    ) -> Result<Vec<Assessment>> {
        check_actor(a)?;
        let asked = match (under, year) {
            (Some(u), Some(y)) => Some(self.at_year(u, y)?),
            (Some(u), None) => Some(self.resolve_record(u)?),
            _ => None,
        };
        let under = self.scoped_under(a, asked.as_deref())?;
        self.assessments_impl(year, under.as_deref())
    }
    fn select_exemplar(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        decision: Option<Decision>,
    ) -> Result<Exemplar> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.load_unit(unit)?;
        self.need_approve(a, unit)?;
        self.select_exemplar_impl(a, unit, year, decision)
    }
    fn set_exemplar_status(
        &self,
        a: &Actor,
        unit: &str,
        year: i16,
        status: ExemplarStatus,
        base_revision: Option<u64>,
    ) -> Result<Exemplar> {
        check_actor(a)?;
        let unit = &self.at_year(unit, year)?;
        self.need_approve(a, unit)?;
        self.set_exemplar_status_impl(a, unit, year, (status, base_revision))
    }
    fn exemplars(&self, a: &Actor, year: Option<i16>) -> Result<Vec<Exemplar>> {
        check_actor(a)?;
        let all = self.exemplars_impl(year)?;
        let mut out = Vec::new();
        for e in all {
            if self.can_read(a, &e.unit)? {
                out.push(e);
            }
        }
        Ok(out)
    }
    fn add_task(&self, a: &Actor, mut t: NewTask) -> Result<Task> {
        check_actor(a)?;
        self.resolve_in_place(&mut t.lead_unit);
        t.coordinating
            .iter_mut()
            .for_each(|c| self.resolve_in_place(c));
        self.need_write_lead(a, &t.lead_unit)?;
        self.add_task_impl(a, t)
    }
    fn task(&self, a: &Actor, id: u64) -> Result<Task> {
        check_actor(a)?;
        let t = self.load_task(id)?;
        self.need_read(a, &t.lead_unit)?;
        Ok(t)
    }
    fn edit_task(&self, a: &Actor, id: u64, mut p: TaskPatch) -> Result<Task> {
        check_actor(a)?;
        self.need_write(a, &self.load_task(id)?.lead_unit)?;
        if let Some(lead) = &mut p.lead_unit {
            self.resolve_in_place(lead);
            self.need_write_lead(a, lead)?;
        }
        p.coordinating
            .iter_mut()
            .flatten()
            .for_each(|c| self.resolve_in_place(c));
        self.edit_task_impl(a, id, p)
    }
    fn hand_over_task(&self, a: &Actor, id: u64, base_revision: Option<u64>) -> Result<Task> {
        check_actor(a)?;
        let successor = self.task_successor(id)?;
        let patch = TaskPatch {
            lead_unit: Some(successor),
            base_revision,
            ..TaskPatch::default()
        };
        self.edit_task(a, id, patch)
    }
    fn log_task(&self, a: &Actor, id: u64, text: &str, percent: Option<u8>) -> Result<Task> {
        check_actor(a)?;
        self.need_write(a, &self.load_task(id)?.lead_unit)?;
        self.log_task_impl(a, id, text, percent)
    }
    fn complete_task(&self, a: &Actor, id: u64) -> Result<Task> {
        check_actor(a)?;
        self.need_write(a, &self.load_task(id)?.lead_unit)?;
        self.close_task_impl(a, id, TaskStatus::Done, "")
    }
    fn cancel_task(&self, a: &Actor, id: u64, reason: &str) -> Result<Task> {
        check_actor(a)?;
        self.need_write(a, &self.load_task(id)?.lead_unit)?;
        self.close_task_impl(a, id, TaskStatus::Cancelled, reason)
    }
    fn tasks(&self, a: &Actor, q: &TaskQuery) -> Result<Page<Task>> {
        check_actor(a)?;
        let asked = q
            .under
            .as_deref()
            .map(|u| self.resolve_record(u))
            .transpose()?;
        let under = self.scoped_under(a, asked.as_deref())?;
        self.tasks_impl(&TaskQuery { under, ..q.clone() })
    }
    fn audit(&self, a: &Actor, q: &AuditQuery) -> Result<Page<AuditEntry>> {
        check_actor(a)?;
        // Others see only their own actions; the whole trail is the admin's.
        if self.scope(a)?.role != crate::domain::account::Role::Admin {
            return self.audit_impl(q, &|e| e.actor == a.name);
        }
        self.audit_impl(q, &|_| true)
    }
    fn bulk_load(&self, a: &Actor, b: Bulk) -> Result<()> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.bulk_impl(a, b)
    }
    fn check(&self, a: &Actor) -> Result<CheckSummary> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.full_check()
    }
    fn import(&self, a: &Actor, t: ImportTable, dry_run: bool) -> Result<ImportOutcome> {
        self.import_impl(a, t, dry_run)
    }
    fn import_stream(&self, a: &Actor, t: ImportStream, dry_run: bool) -> Result<ImportOutcome> {
        self.import_stream_impl(a, t, dry_run)
    }
    fn upload_part(
        &self,
        a: &Actor,
        upload: u64,
        rows: crate::exchange::table_rows::Rows,
    ) -> Result<u64> {
        self.upload_part_impl(a, upload, rows)
    }
    fn import_upload(
        &self,
        a: &Actor,
        upload: u64,
        head: ImportHead,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        self.import_upload_impl(a, upload, head, dry_run)
    }
    fn load_registry(&self, a: &Actor, f: RegistryFiles, dry_run: bool) -> Result<ImportOutcome> {
        self.load_registry_impl(a, f, dry_run)
    }
    fn backup_begin(&self, a: &Actor) -> Result<BackupInfo> {
        check_actor(a)?;
        self.backup_begin_impl(a)
    }
    fn backup_chunk(&self, a: &Actor, id: u64, offset: u64) -> Result<Vec<u8>> {
        check_actor(a)?;
        self.backup_chunk_impl(a, id, offset)
    }
    fn bundle_export(&self, a: &Actor, under: &str, since: jiff::civil::Date) -> Result<Vec<u8>> {
        check_actor(a)?;
        let under = &self.resolve_record(under)?;
        self.bundle_export_impl(a, under, since)
    }
    fn bundle_import(&self, a: &Actor, bytes: Vec<u8>, dry_run: bool) -> Result<BundleOutcome> {
        self.bundle_import_impl(a, bytes, dry_run)
    }
    fn register_office(
        &self,
        a: &Actor,
        unit: &str,
        public_key: Vec<u8>,
    ) -> Result<crate::domain::office::Office> {
        let unit = &self
            .resolve_record(unit)
            .unwrap_or_else(|_| unit.to_string());
        self.register_office_impl(a, unit, public_key)
    }
    fn offices(&self, a: &Actor) -> Result<Vec<crate::domain::office::Office>> {
        check_actor(a)?;
        self.need_admin(a)?;
        self.store
            .records(TreeId::Offices, b"")
            .collect::<Result<Vec<_>>>()
    }
    fn remove_office(&self, a: &Actor, unit: &str) -> Result<()> {
        let unit = &self
            .resolve_record(unit)
            .unwrap_or_else(|_| unit.to_string());
        self.remove_office_impl(a, unit)
    }
    fn conflicts(&self, a: &Actor) -> Result<Vec<ConflictInfo>> {
        check_actor(a)?;
        self.conflicts_impl(a)
    }
    fn resolve_conflict(&self, a: &Actor, entity: &str, take_incoming: bool) -> Result<()> {
        check_actor(a)?;
        self.resolve_conflict_impl(a, entity, take_incoming)
    }
    fn summary(&self, a: &Actor, period: Period, under: Option<&str>) -> Result<Summary> {
        check_actor(a)?;
        let under = self.under_at(under, Some(period))?;
        self.summary_impl(a, period, under.as_deref())
    }
    fn made_report(&self, a: &Actor, unit: &str, period: Period) -> Result<Option<MadeFigures>> {
        check_actor(a)?;
        let unit = &self.at_period(unit, period)?;
        self.need_read(a, unit)?;
        self.made_report_impl(unit, period)
    }
    fn trend(&self, a: &Actor, unit: &str, period: Period, scope: TrendScope) -> Result<Trend> {
        check_actor(a)?;
        let held = self.area_unit(unit, period)?;
        self.need_read(a, &held)?;
        self.trend_impl(a, &held, period, scope)
    }
}
