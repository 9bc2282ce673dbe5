//! Offline bundles: what changed in one subtree since a date, in one small checksummed file
//! that a district office carries or mails to the province.
//!
//! Each record inside is encoded by the store's own codec, so a record written by an older
//! antq is migrated on read like any stored record.
//!
//! Format 2 is signed: the envelope holds the office's unit code, the contents and an Ed25519
//! signature over both. Only the importing store knows which key that office registered, so
//! reading a bundle takes two steps: `open` (envelope and shape), then `verify` (signature).

use bincode::Options;
use serde::{Deserialize, Serialize};

use crate::domain::conflict::Carried;
use crate::exchange::envelope::{self, EnvelopeError};
use crate::store::codec::{self, Record};

pub const MAGIC: &[u8; 8] = b"ANTQBNDL";
pub const VERSION: u16 = 2;
/// Domain separation: a signature made for anything else never verifies as a bundle's.
const SIGNED_CONTEXT: &[u8] = b"antq bundle v2\0";
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

/// The bundle's contents, unsigned: what `sign` seals.
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
    Ok(payload)
}

#[derive(Serialize, Deserialize)]
struct Signed {
    office: String,
    contents: Vec<u8>,
    signature: Vec<u8>,
}

/// A bundle file whose envelope is sound, before its signature is checked.
pub struct Opened {
    pub office: String,
    contents: Vec<u8>,
    signature: Vec<u8>,
}

impl Opened {
    pub fn contents(&self) -> &[u8] {
        &self.contents
    }
}

fn signed_message(office: &str, contents: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(SIGNED_CONTEXT.len() + office.len() + 1 + contents.len());
    m.extend_from_slice(SIGNED_CONTEXT);
    m.extend_from_slice(office.as_bytes());
    m.push(0);
    m.extend_from_slice(contents);
    m
}

/// Seals `contents` (from `encode`) as the file `office` sends, signed with its key.
pub fn sign(contents: Vec<u8>, office: &str, key: &ed25519_dalek::SigningKey) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let signature = key
        .sign(&signed_message(office, &contents))
        .to_bytes()
        .to_vec();
    let signed = Signed {
        office: office.to_string(),
        contents,
        signature,
    };
    // A Vec and two short fields always serialize.
    let payload = opts().serialize(&signed).unwrap_or_default();
    envelope::seal(MAGIC, VERSION, &payload)
}

/// Checks the envelope and reads which office says it sent the file.
pub fn open(bytes: &[u8]) -> Result<Opened, BundleError> {
    let (version, payload) =
        envelope::open(MAGIC, VERSION, bytes).map_err(BundleError::Envelope)?;
    if version < VERSION {
        return Err(BundleError::Unsigned);
    }
    let s: Signed = opts()
        .deserialize(payload)
        .map_err(|e| BundleError::Malformed(e.to_string()))?;
    Ok(Opened {
        office: s.office,
        contents: s.contents,
        signature: s.signature,
    })
}

/// The bundle inside, once its signature verifies with the office's registered key.
pub fn verify(o: &Opened, public_key: &[u8]) -> Result<Bundle, BundleError> {
    use ed25519_dalek::{Signature, VerifyingKey};
    let key = <[u8; 32]>::try_from(public_key)
        .ok()
        .and_then(|k| VerifyingKey::from_bytes(&k).ok())
        .ok_or(BundleError::BadSignature)?;
    let sig = <[u8; 64]>::try_from(o.signature.as_slice())
        .map(|s| Signature::from_bytes(&s))
        .map_err(|_| BundleError::BadSignature)?;
    key.verify_strict(&signed_message(&o.office, &o.contents), &sig)
        .map_err(|_| BundleError::BadSignature)?;
    decode(&o.contents)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    Envelope(EnvelopeError),
    /// The checksum held but the contents do not decode: a bug or a forged file.
    Malformed(String),
    /// Format 1: made before bundles were signed.
    Unsigned,
    /// The signature does not verify with the key the office registered.
    BadSignature,
}

impl BundleError {
    pub fn reason(&self) -> (String, String) {
        match self {
            BundleError::Envelope(e) => e.reason("bundle", "gói dữ liệu"),
            BundleError::Malformed(d) => (
                format!("the bundle's contents cannot be read ({d}); make it again with 'antq bundle export'"),
                format!("không đọc được nội dung gói ({d}); hãy tạo lại bằng 'antq bundle export'"),
            ),
            BundleError::Unsigned => (
                "the bundle is not signed (made by an older antq); make it again with 'antq bundle export --key OFFICE_KEY'".into(),
                "gói không có chữ ký (tạo bởi antq cũ); hãy tạo lại bằng 'antq bundle export --key KHÓA_VĂN_PHÒNG'".into(),
            ),
            BundleError::BadSignature => (
                "the signature does not match the key registered for this office: the file was altered or signed with another key; nothing was imported. Ask the office to export it again with its registered key".into(),
                "chữ ký không khớp khóa đã đăng ký của văn phòng này: tệp đã bị sửa hoặc ký bằng khóa khác; chưa nhập gì. Hãy đề nghị văn phòng xuất lại bằng khóa đã đăng ký".into(),
            ),
        }
    }
}

/// The contents (from `encode`) back as a bundle. Import never calls this on its own: only
/// through `verify`.
pub fn decode(payload: &[u8]) -> Result<Bundle, BundleError> {
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
