//! Records that arrived in a bundle while the local copy had also changed: both are kept
//! until an admin picks one.

use serde::{Deserialize, Serialize};

use crate::domain::assessment::Assessment;
use crate::domain::report::Report;
use crate::domain::task::Task;
use crate::domain::unit::Unit;

/// One record carried by a bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Carried {
    Unit(Unit),
    Report(Report),
    Assessment(Assessment),
    Task(Task),
}

impl Carried {
    /// The audit trail's name for the record, e.g. `report/31338/2024-03`.
    pub fn entity(&self) -> String {
        match self {
            Carried::Unit(u) => format!("unit/{}", u.code),
            Carried::Report(r) => format!("report/{}", r.key()),
            Carried::Assessment(a) => format!("assessment/{}", a.key()),
            Carried::Task(t) => format!("task/{}", t.id),
        }
    }

    /// The unit the record belongs to, which decides scope.
    pub fn unit(&self) -> &str {
        match self {
            Carried::Unit(u) => &u.code,
            Carried::Report(r) => &r.unit,
            Carried::Assessment(a) => &a.unit,
            Carried::Task(t) => &t.lead_unit,
        }
    }

    pub fn revision(&self) -> u64 {
        match self {
            Carried::Unit(u) => u.revision,
            Carried::Report(r) => r.revision,
            Carried::Assessment(a) => a.revision,
            Carried::Task(t) => t.revision,
        }
    }

    pub fn set_revision(&mut self, rev: u64) {
        match self {
            Carried::Unit(u) => u.revision = rev,
            Carried::Report(r) => r.revision = rev,
            Carried::Assessment(a) => a.revision = rev,
            Carried::Task(t) => t.revision = rev,
        }
    }

    /// Same content, whatever the revision counters say.
    pub fn same_content(&self, other: &Carried) -> bool {
        let mut a = self.clone();
        a.set_revision(0);
        let mut b = other.clone();
        b.set_revision(0);
        a == b
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub entity: String,
    /// The version from the bundle; the local version stays in its own tree.
    pub incoming: Carried,
    /// Who made the bundle, and from which subtree.
    pub origin: String,
    pub received_at: i64,
    pub revision: u64,
}
