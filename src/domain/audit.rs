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
