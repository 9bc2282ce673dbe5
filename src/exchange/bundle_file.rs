//! Offline bundles: what changed in one subtree since a date, in one small checksummed file
//! that a district office carries or mails to the province.
//!
//! Each record inside is encoded by the store's own codec, so a record written by an older
//! antq is migrated on read like any stored record.

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::domain::conflict::Carried;
use crate::exchange::envelope::{self, EnvelopeError};
use crate::store::codec::{self, Record};

pub const MAGIC: &[u8; 8] = b"ANTQBNDL";
pub const VERSION: u16 = 1;
/// A bundle decodes into memory whole; district-months are kilobytes.
pub const MAX_PAYLOAD: u64 = 256 << 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleHead {
    /// The user who made it.
    pub origin: String,
    /// The subtree it covers.
    pub under: String,
    /// Changes on or after this day (days since 1970-01-01).
    pub since_days: i32,
    pub created_at: i64,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    head: BundleHead,
    records: Vec<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    pub head: BundleHead,
    pub records: Vec<Carried>,
}

fn opts() -> impl Options {
    bincode::DefaultOptions::new()
        .with_limit(MAX_PAYLOAD)
        .reject_trailing_bytes()
}

fn encode_one(c: &Carried) -> Result<Vec<u8>, codec::CodecError> {
    match c {
        Carried::Unit(x) => codec::encode(x),
        Carried::Report(x) => codec::encode(x),
        Carried::Assessment(x) => codec::encode(x),
        Carried::Task(x) => codec::encode(x),
    }
}

fn decode_one(b: &[u8]) -> Result<Carried, String> {
    use crate::domain::{assessment::Assessment, report::Report, task::Task, unit::Unit};
    let tag = b.get(1).copied().unwrap_or(0);
    let r = match tag {
        t if t == Unit::TAG => codec::decode(b).map(Carried::Unit),
        t if t == Report::TAG => codec::decode(b).map(Carried::Report),
        t if t == Assessment::TAG => codec::decode(b).map(Carried::Assessment),
        t if t == Task::TAG => codec::decode(b).map(Carried::Task),
        t => return Err(format!("record of unknown kind {t}")),
    };
    r.map_err(|e| e.to_string())
}

pub fn encode(b: &Bundle) -> Result<Vec<u8>, String> {
    let records = b
        .records
        .iter()
        .map(encode_one)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let payload = opts()
        .serialize(&Payload {
            head: b.head.clone(),
            records,
        })
        .map_err(|e| e.to_string())?;
    Ok(envelope::seal(MAGIC, VERSION, &payload))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    Envelope(EnvelopeError),
    /// The checksum held but the contents do not decode: a bug or a forged file.
    Malformed(String),
}

impl BundleError {
    pub fn reason(&self) -> (String, String) {
        match self {
            BundleError::Envelope(e) => e.reason("bundle", "gói dữ liệu"),
            BundleError::Malformed(d) => (
                format!("the bundle's contents cannot be read ({d}); make it again with 'antq bundle export'"),
                format!("không đọc được nội dung gói ({d}); hãy tạo lại bằng 'antq bundle export'"),
            ),
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let (_version, payload) =
        envelope::open(MAGIC, VERSION, bytes).map_err(BundleError::Envelope)?;
    let p: Payload = opts()
        .deserialize(payload)
        .map_err(|e| BundleError::Malformed(e.to_string()))?;
    let records = p
        .records
        .iter()
        .map(|r| decode_one(r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(BundleError::Malformed)?;
    Ok(Bundle {
        head: p.head,
        records,
    })
}
