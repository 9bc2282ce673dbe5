//! Backups: every tree of the store, key by key, as one checksummed file. Values are kept as
//! stored (already in the codec's envelope), so a restore writes back exactly what was read.

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::exchange::envelope::{self, EnvelopeError};

pub const MAGIC: &[u8; 8] = b"ANTQBKUP";
pub const VERSION: u16 = 1;

/// One tree's keys and values, in key order.
pub type Entries = Vec<(Vec<u8>, Vec<u8>)>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub created_at: i64,
    pub schema: u32,
    /// Tree name → its entries in key order.
    pub trees: Vec<(String, Entries)>,
}

fn opts() -> impl Options {
    bincode::DefaultOptions::new().reject_trailing_bytes()
}

pub fn encode(s: &Snapshot) -> Vec<u8> {
    // Serialising plain vectors and strings cannot fail without a size limit.
    let payload = opts().serialize(s).unwrap_or_default();
    envelope::seal(MAGIC, VERSION, &payload)
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot, (String, String)> {
    let (_v, payload) = envelope::open(MAGIC, VERSION, bytes)
        .map_err(|e: EnvelopeError| e.reason("backup", "sao lưu"))?;
    // No value can be longer than the payload that holds it.
    opts()
        .with_limit(payload.len() as u64)
        .deserialize(payload)
        .map_err(|e| {
            (
                format!("the backup's contents cannot be read ({e})"),
                format!("không đọc được nội dung bản sao lưu ({e})"),
            )
        })
}
