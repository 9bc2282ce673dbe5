//! The names of the sled trees, and the keys of the meta tree.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TreeId {
    Meta,
    Units,
    /// Retired in schema 5 (the unit cache lists a unit's children); kept, like the other
    /// retired trees, so the numbers of the trees after it stay what they were.
    UnitsByParent,
    /// Retired in schema 5: nothing read it (search folds the cached names).
    UnitNames,
    Indicators,
    Reports,
    /// Retired in schema 3 (chunks carry what it held); kept so the numbers of the trees
    /// after it, written into staged writes, stay what they were.
    ReportsByPeriod,
    Assessments,
    AssessmentsByYear,
    Exemplars,
    Tasks,
    TasksByDue,
    TasksByStatus,
    TasksByUnit,
    Audit,
    AuditByEntity,
    Users,
    Conflicts,
    Offices,
    UnitCodes,
    /// Where the entries of an audit pack are, by entity: one entry per (group of entities,
    /// pack) instead of one per audit entry (schema 4; see `store::audit`).
    AuditPacksByEntity,
}

impl TreeId {
    /// Trees no schema since writes, emptied when a store opens (`Store::drop_retired`).
    pub const RETIRED: [TreeId; 3] = [
        TreeId::UnitsByParent,
        TreeId::UnitNames,
        TreeId::ReportsByPeriod,
    ];

    /// Trees kept several entries to a sled entry, read and written by logical key through
    /// their groups (schema 7; see `grouped`).
    pub const fn is_grouped(self) -> bool {
        matches!(self, TreeId::Units | TreeId::UnitCodes)
    }

    pub const fn is_retired(self) -> bool {
        matches!(
            self,
            TreeId::UnitsByParent | TreeId::UnitNames | TreeId::ReportsByPeriod
        )
    }

    /// Every tree the store holds data in: what backups, digests, checks and compaction see.
    /// `EVERY` without the retired trees.
    pub const ALL: [TreeId; 18] = {
        let mut out = [TreeId::Meta; 18];
        let (mut i, mut j) = (0, 0);
        while i < Self::EVERY.len() {
            if !Self::EVERY[i].is_retired() {
                out[j] = Self::EVERY[i];
                j += 1;
            }
            i += 1;
        }
        out
    };

    /// Every tree in number order, retired ones too: `t as usize` indexes this.
    pub const EVERY: [TreeId; 21] = [
        TreeId::Meta,
        TreeId::Units,
        TreeId::UnitsByParent,
        TreeId::UnitNames,
        TreeId::Indicators,
        TreeId::Reports,
        TreeId::ReportsByPeriod,
        TreeId::Assessments,
        TreeId::AssessmentsByYear,
        TreeId::Exemplars,
        TreeId::Tasks,
        TreeId::TasksByDue,
        TreeId::TasksByStatus,
        TreeId::TasksByUnit,
        TreeId::Audit,
        TreeId::AuditByEntity,
        TreeId::Users,
        TreeId::Conflicts,
        TreeId::Offices,
        TreeId::UnitCodes,
        TreeId::AuditPacksByEntity,
    ];

    /// What messages call the tree: a grouped tree by what it holds (`units`), not by the
    /// sled tree its groups are kept in.
    pub fn label(self) -> &'static str {
        match self {
            TreeId::Units => "units",
            TreeId::UnitCodes => "unit_codes",
            t => t.name(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TreeId::Meta => "meta",
            TreeId::Units => "unit_groups",
            TreeId::UnitsByParent => "units_by_parent",
            TreeId::UnitNames => "unit_names",
            TreeId::Indicators => "indicators",
            TreeId::Reports => "report_chunks",
            TreeId::ReportsByPeriod => "reports_by_period",
            TreeId::Assessments => "assessments",
            TreeId::AssessmentsByYear => "assessments_by_year",
            TreeId::Exemplars => "exemplars",
            TreeId::Tasks => "tasks",
            TreeId::TasksByDue => "tasks_by_due",
            TreeId::TasksByStatus => "tasks_by_status",
            TreeId::TasksByUnit => "tasks_by_unit",
            TreeId::Audit => "audit",
            TreeId::AuditByEntity => "audit_by_entity",
            TreeId::Users => "users",
            TreeId::Conflicts => "conflicts",
            TreeId::Offices => "offices",
            TreeId::UnitCodes => "unit_code_groups",
            TreeId::AuditPacksByEntity => "audit_packs_by_entity",
        }
    }
}

/// Schema 2's reports, one entry per report under its logical key; read once to migrate.
pub const OLD_REPORTS: &str = "reports";

pub mod meta {
    pub const SCHEMA: &[u8] = b"schema";
    pub const SETTINGS: &[u8] = b"settings";
    pub const NEXT_TASK: &[u8] = b"next_task_id";
    pub const NEXT_AUDIT: &[u8] = b"next_audit_seq";
    /// Present while a restore is writing: a store opened with it is emptied again.
    pub const RESTORING: &[u8] = b"restoring";
    /// Raised by every write that touches a unit (see `unit_snapshot`).
    pub const UNITS_VERSION: &[u8] = b"units_version";
}

#[cfg(test)]
mod tests {
    use super::TreeId;

    #[test]
    fn every_tree_sits_at_its_number_and_all_leaves_out_only_the_retired() {
        for (i, t) in TreeId::EVERY.iter().enumerate() {
            assert_eq!(*t as usize, i);
        }
        let kept: Vec<TreeId> = TreeId::EVERY
            .into_iter()
            .filter(|t| !TreeId::RETIRED.contains(t))
            .collect();
        assert_eq!(TreeId::ALL.to_vec(), kept);
        for t in TreeId::EVERY {
            assert_eq!(t.is_retired(), TreeId::RETIRED.contains(&t), "{t:?}");
        }
    }
}
