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

/// Declares the actions with a code of their own, once: the enum's variants and their codes.
macro_rules! actions {
    ($($name:ident => $code:literal,)*) => {
        /// What an audit entry records. Stored as its code (`report.approve`), so entries written
        /// before this enum read the same; every action has its words, or this does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Action {
            Report(Transition),
            Assessment(Transition),
            $($name,)*
        }

        /// Each action that is not a workflow step, with its stored code.
        const FIXED: &[(Action, &str)] = &[$((Action::$name, $code),)*];
    };
}

actions! {
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
}

use crate::domain::workflow::Transition;

impl Action {
    /// Every action, each transition of reports and assessments included.
    pub fn all() -> impl Iterator<Item = Action> {
        let steps = Transition::ALL
            .into_iter()
            .flat_map(|t| [Action::Report(t), Action::Assessment(t)]);
        FIXED.iter().map(|(a, _)| *a).chain(steps)
    }

    /// The stored code, e.g. `report.approve`.
    pub fn code(self) -> String {
        match self {
            Action::Report(t) => format!("report.{}", t.verb()),
            Action::Assessment(t) => format!("assessment.{}", t.verb()),
            fixed => FIXED
                .iter()
                .find(|(a, _)| *a == fixed)
                .map_or_else(String::new, |(_, c)| c.to_string()),
        }
    }

    /// The action a stored code names, if any; read without building any code.
    pub fn from_code(code: &str) -> Option<Action> {
        let step = |verb: &str| Transition::ALL.into_iter().find(|t| t.verb() == verb);
        if let Some(verb) = code.strip_prefix("report.") {
            if let Some(t) = step(verb) {
                return Some(Action::Report(t));
            }
        }
        if let Some(verb) = code.strip_prefix("assessment.") {
            if let Some(t) = step(verb) {
                return Some(Action::Assessment(t));
            }
        }
        FIXED.iter().find(|(_, c)| *c == code).map(|(a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each action is stored under its own code, and read back from it.
    #[test]
    fn every_action_has_its_own_code() {
        let all: Vec<Action> = Action::all().collect();
        for a in &all {
            assert_eq!(Action::from_code(&a.code()), Some(*a), "{a:?}");
        }
        let mut codes: Vec<String> = all.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "two actions share a code");
    }
}
