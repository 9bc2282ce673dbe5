//! The one list of `Service` methods the socket carries, each marked `read` or `write`. The
//! request and reply types, the server's dispatch, which requests change data, and the client's
//! trait impl are all generated from it, so none of them can drift from another.
//!
//! `service_methods!(callback)` calls `callback! { read name(arg: mode Type, ...) -> Ret; ... }`.
//! Types are written as the caller sees them: the expansion site imports them.

macro_rules! service_methods {
    ($callback:ident) => {
        $callback! {
        read whoami() -> Account;
        read users() -> Vec<Account>;
        write add_user(acc: val Account) -> Account;
        write remove_user(name: str String) -> ();
        read unit(code: str String) -> Unit;
        read unit_on(code: str String, on: val jiff::civil::Date) -> Unit;
        read units(q: rf UnitQuery) -> Page<Unit>;
        read unit_path(code: str String) -> Vec<Unit>;
        write add_unit(u: val NewUnit) -> Unit;
        write edit_unit(code: str String, p: val UnitPatch) -> Unit;
        write retire_unit(code: str String, on: val jiff::civil::Date) -> Unit;
        write merge_units(from: slice Vec<String>, into: str String, on: val jiff::civil::Date) -> Unit;
        write unmerge_unit(code: str String) -> Unit;
        write unretire_unit(code: str String) -> Unit;
        write delete_unit(code: str String) -> ();
        read indicators() -> Vec<Indicator>;
        write put_indicator(ind: val Indicator) -> Indicator;
        read settings() -> Settings;
        write set_settings(s: val Settings) -> Settings;
        read report(unit: str String, period: val Period) -> Option<Report>;
        read made_report(unit: str String, period: val Period) -> Option<MadeFigures>;
        read trend(unit: str String, period: val Period, scope: val TrendScope) -> Trend;
        write save_report(r: val ReportInput) -> Report;
        write submit_report(unit: str String, period: val Period) -> Report;
        write approve_report(unit: str String, period: val Period) -> Report;
        write return_report(unit: str String, period: val Period, reason: str String) -> Report;
        write withdraw_report(unit: str String, period: val Period) -> Report;
        write reopen_report(unit: str String, period: val Period, reason: str String) -> Report;
        read reports(q: rf ReportQuery) -> Page<Report>;
        read completeness(period: val Period, under: optstr Option<String>) -> Completeness;
        read assessment(unit: str String, year: val i16) -> Option<Assessment>;
        write save_assessment(i: val AssessmentInput) -> Assessment;
        write submit_assessment(unit: str String, year: val i16) -> Assessment;
        write approve_assessment(unit: str String, year: val i16) -> Assessment;
        write return_assessment(unit: str String, year: val i16, reason: str String) -> Assessment;
        write withdraw_assessment(unit: str String, year: val i16) -> Assessment;
        write reopen_assessment(unit: str String, year: val i16, reason: str String) -> Assessment;
        read assessments(year: val Option<i16>, under: optstr Option<String>) -> Vec<Assessment>;
        write select_exemplar(unit: str String, year: val i16, decision: val Option<Decision>) -> Exemplar;
        write set_exemplar_status(unit: str String, year: val i16, status: val ExemplarStatus, base_revision: val Option<u64>) -> Exemplar;
        read exemplars(year: val Option<i16>) -> Vec<Exemplar>;
        write add_task(t: val NewTask) -> Task;
        read task(id: val u64) -> Task;
        write edit_task(id: val u64, p: val TaskPatch) -> Task;
        write hand_over_task(id: val u64, base_revision: val Option<u64>) -> Task;
        write log_task(id: val u64, text: str String, percent: val Option<u8>) -> Task;
        write complete_task(id: val u64) -> Task;
        write cancel_task(id: val u64, reason: str String) -> Task;
        read tasks(q: rf TaskQuery) -> Page<Task>;
        read audit(q: rf AuditQuery) -> Page<AuditEntry>;
        write bulk_load(b: val Bulk) -> ();
        read check() -> CheckSummary;
        write import(t: val ImportTable, dry_run: val bool) -> ImportOutcome;
        read upload_part(upload: val u64, rows: val crate::exchange::table_rows::Rows) -> u64;
        write import_upload(upload: val u64, head: val ImportHead, dry_run: val bool) -> ImportOutcome;
        write load_registry(f: val RegistryFiles, dry_run: val bool) -> ImportOutcome;
        read backup_begin() -> BackupInfo;
        read backup_chunk(id: val u64, offset: val u64) -> Vec<u8>;
        read bundle_export(under: str String, since: val jiff::civil::Date) -> Vec<u8>;
        write bundle_import(bytes: val Vec<u8>, dry_run: val bool) -> BundleOutcome;
        write register_office(unit: str String, public_key: val Vec<u8>) -> crate::domain::office::Office;
        read offices() -> Vec<crate::domain::office::Office>;
        write remove_office(unit: str String) -> ();
        read conflicts() -> Vec<ConflictInfo>;
        write resolve_conflict(entity: str String, take_incoming: val bool) -> ();
        read summary(period: val Period, under: optstr Option<String>) -> Summary;
        }
    };
}

pub(crate) use service_methods;
