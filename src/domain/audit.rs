//! The audit trail: every change writes one entry.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    /// The entity's key, e.g. "unit/31338" or "report/31338/2024-03".
    pub entity: String,
    pub summary: String,
}

/// What an audit entry records. Stored as its code (`report.approve`), so entries written
/// before this enum read the same; every action has its words, or this does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    UnitAdd,
    UnitEdit,
    UnitRetire,
    UnitUnretire,
    UnitMerge,
    UnitUnmerge,
    UnitDelete,
    UnitImport,
    UnitLineage,
    UnitRegistry,
    Report(Transition),
    ReportImport,
    Assessment(Transition),
    AssessmentImport,
    ExemplarSelect,
    ExemplarStatus,
    TaskAdd,
    TaskEdit,
    TaskLog,
    TaskDone,
    TaskCancel,
    TaskImport,
    BundleImport,
    BundleConflict,
    ConflictResolve,
    SettingsSet,
    IndicatorAdd,
    IndicatorEdit,
    OfficeRegister,
    OfficeRemove,
    UserSet,
    UserRemove,
    BulkLoad,
}

use crate::domain::workflow::Transition;

impl Action {
    /// Every action, each transition of reports and assessments included.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut v = vec![
            UnitAdd,
            UnitEdit,
            UnitRetire,
            UnitUnretire,
            UnitMerge,
            UnitUnmerge,
            UnitDelete,
            UnitImport,
            UnitLineage,
            UnitRegistry,
            ReportImport,
            AssessmentImport,
            ExemplarSelect,
            ExemplarStatus,
            TaskAdd,
            TaskEdit,
            TaskLog,
            TaskDone,
            TaskCancel,
            TaskImport,
            BundleImport,
            BundleConflict,
            ConflictResolve,
            SettingsSet,
            IndicatorAdd,
            IndicatorEdit,
            OfficeRegister,
            OfficeRemove,
            UserSet,
            UserRemove,
            BulkLoad,
        ];
        for t in Transition::ALL {
            v.push(Report(t));
            v.push(Assessment(t));
        }
        v
    }

    /// The stored code, e.g. `report.approve`.
    pub fn code(self) -> String {
        use Action::*;
        let fixed = match self {
            Report(t) => return format!("report.{}", t.verb()),
            Assessment(t) => return format!("assessment.{}", t.verb()),
            UnitAdd => "unit.add",
            UnitEdit => "unit.edit",
            UnitRetire => "unit.retire",
            UnitUnretire => "unit.unretire",
            UnitMerge => "unit.merge",
            UnitUnmerge => "unit.unmerge",
            UnitDelete => "unit.delete",
            UnitImport => "unit.import",
            UnitLineage => "unit.lineage",
            UnitRegistry => "unit.registry",
            ReportImport => "report.import",
            AssessmentImport => "assessment.import",
            ExemplarSelect => "exemplar.select",
            ExemplarStatus => "exemplar.status",
            TaskAdd => "task.add",
            TaskEdit => "task.edit",
            TaskLog => "task.log",
            TaskDone => "task.done",
            TaskCancel => "task.cancel",
            TaskImport => "task.import",
            BundleImport => "bundle.import",
            BundleConflict => "bundle.conflict",
            ConflictResolve => "conflict.resolve",
            SettingsSet => "settings.set",
            IndicatorAdd => "indicator.add",
            IndicatorEdit => "indicator.edit",
            OfficeRegister => "office.register",
            OfficeRemove => "office.remove",
            UserSet => "user.set",
            UserRemove => "user.remove",
            BulkLoad => "bulk.load",
        };
        fixed.to_string()
    }

    /// The action a stored code names, if any.
    pub fn from_code(code: &str) -> Option<Action> {
        Action::all().into_iter().find(|a| a.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each action is stored under its own code, and read back from it.
    #[test]
    fn every_action_has_its_own_code() {
        let all = Action::all();
        for a in &all {
            assert_eq!(Action::from_code(&a.code()), Some(*a), "{a:?}");
        }
        let mut codes: Vec<String> = all.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "two actions share a code");
    }
}
