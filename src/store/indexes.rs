//! Which tree each record lives in and which index entries it owns.
//!
//! Writes and `check` both derive index entries from these functions, so they cannot disagree.

use crate::domain::{
    assessment::Assessment, audit::AuditEntry, exemplar::Exemplar, indicator::Indicator,
    report::Report, task::Task, unit::Unit,
};
use crate::store::codec::Record;
use crate::store::keys;
use crate::store::trees::TreeId;

pub type Entry = (TreeId, Vec<u8>, Vec<u8>);

pub trait Indexed: Record {
    const TREE: TreeId;
    /// Index trees this record type owns, for `check`.
    const INDEXES: &'static [TreeId];
    fn primary_key(&self) -> Vec<u8>;
    fn index_entries(&self) -> Vec<Entry>;
    /// Free texts to hold to the rules typed input follows (no control, bidi or zero-width
    /// characters), as (field, text, may span lines), for `check`.
    fn texts(&self) -> Vec<(&'static str, &str, bool)> {
        Vec::new()
    }
    /// How many records this value holds, for `check`'s count (a pack holds several).
    fn records(&self) -> u64 {
        1
    }
    /// What a report's chunk keeps beside it (status, first submission), known before the
    /// record is encoded, so a bulk write need not decode it again to pack it.
    fn mark(&self) -> Option<super::packed::Mark> {
        None
    }
    /// Whether a stored index value is the one this record makes, for `check`: the same
    /// bytes, unless the index has kept an older form of the same value.
    fn index_value_matches(&self, _index: TreeId, stored: &[u8], made: &[u8]) -> bool {
        stored == made
    }
}

impl Indexed for Unit {
    const TREE: TreeId = TreeId::Units;
    const INDEXES: &'static [TreeId] = &[TreeId::UnitCodes];
    fn primary_key(&self) -> Vec<u8> {
        keys::unit(&self.code)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![(
            TreeId::UnitCodes,
            keys::code_held(self.official_code(), self.valid_from),
            keys::code_holder(self.valid_to, &self.code),
        )]
    }
    fn texts(&self) -> Vec<(&'static str, &str, bool)> {
        vec![("name", &self.name, false), ("notes", &self.notes, true)]
    }
}

impl Indexed for Indicator {
    const TREE: TreeId = TreeId::Indicators;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        self.code.as_bytes().to_vec()
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
}

/// Reports keep their logical key here; the store packs them into chunks (`packed`), which
/// carry each report's status and first submission, so they need no index.
impl Indexed for Report {
    const TREE: TreeId = TreeId::Reports;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        keys::report(&self.unit, self.period)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
    fn texts(&self) -> Vec<(&'static str, &str, bool)> {
        vec![("narrative", &self.narrative, true)]
    }
    fn mark(&self) -> Option<super::packed::Mark> {
        Some(super::packed::Mark::of(self))
    }
}

impl Indexed for Assessment {
    const TREE: TreeId = TreeId::Assessments;
    const INDEXES: &'static [TreeId] = &[TreeId::AssessmentsByYear];
    fn primary_key(&self) -> Vec<u8> {
        keys::assessment(&self.unit, self.year)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![(
            TreeId::AssessmentsByYear,
            keys::assessment_by_year(self.year, &self.unit),
            vec![],
        )]
    }
}

impl Indexed for Exemplar {
    const TREE: TreeId = TreeId::Exemplars;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        keys::exemplar(self.year, &self.unit)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
}

impl Indexed for Task {
    const TREE: TreeId = TreeId::Tasks;
    const INDEXES: &'static [TreeId] = &[
        TreeId::TasksByDue,
        TreeId::TasksByStatus,
        TreeId::TasksByUnit,
    ];
    fn primary_key(&self) -> Vec<u8> {
        keys::task(self.id)
    }
    fn index_entries(&self) -> Vec<Entry> {
        let lead = self.lead_unit.as_bytes().to_vec();
        let mut v = vec![
            (
                TreeId::TasksByDue,
                keys::task_by_due(self.due, self.id),
                lead.clone(),
            ),
            (
                TreeId::TasksByStatus,
                keys::task_by_status(self.status.tag(), self.due, self.id),
                lead,
            ),
        ];
        let mut units: Vec<&String> = std::iter::once(&self.lead_unit)
            .chain(self.coordinating.iter())
            .collect();
        units.sort();
        units.dedup();
        for u in units {
            v.push((TreeId::TasksByUnit, keys::task_by_unit(u, self.id), vec![]));
        }
        v
    }
    fn texts(&self) -> Vec<(&'static str, &str, bool)> {
        vec![
            ("title", &self.title, false),
            ("details", &self.details, true),
        ]
    }
}

impl Indexed for crate::domain::account::Account {
    const TREE: TreeId = TreeId::Users;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        self.name.as_bytes().to_vec()
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
}

impl Indexed for AuditEntry {
    const TREE: TreeId = TreeId::Audit;
    const INDEXES: &'static [TreeId] = &[TreeId::AuditByEntity];
    fn primary_key(&self) -> Vec<u8> {
        keys::audit(self.seq)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![(
            TreeId::AuditByEntity,
            keys::audit_by_entity(&self.entity, self.seq),
            vec![],
        )]
    }
}

impl Indexed for crate::domain::conflict::Conflict {
    const TREE: TreeId = TreeId::Conflicts;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        self.entity.as_bytes().to_vec()
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
}

impl Indexed for crate::domain::office::Office {
    const TREE: TreeId = TreeId::Offices;
    const INDEXES: &'static [TreeId] = &[];
    fn primary_key(&self) -> Vec<u8> {
        keys::unit(&self.unit)
    }
    fn index_entries(&self) -> Vec<Entry> {
        vec![]
    }
}
