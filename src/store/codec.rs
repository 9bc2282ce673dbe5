//! The one codec for stored values: a versioned envelope around a bincode payload.
//!
//! Layout: magic `0xA7`, a record tag byte, the schema version (u16 big-endian), then the
//! bincode payload. Older versions are migrated on read; newer ones are refused.

use bincode::Options;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub const MAGIC: u8 = 0xA7;
/// No single record may exceed this; it bounds memory on a corrupt or hostile value.
pub const MAX_RECORD: usize = 1 << 20;
const HEADER: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("too short ({0} bytes)")]
    TooShort(usize),
    #[error("bad magic byte {0:#04x}")]
    BadMagic(u8),
    #[error("record tag {found} where {expected} was expected")]
    WrongTag { expected: u8, found: u8 },
    #[error("version {found} is newer than this binary reads ({supported})")]
    TooNew { found: u16, supported: u16 },
    #[error("version {0} has no migration")]
    NoMigration(u16),
    #[error("larger than the {MAX_RECORD}-byte limit ({0} bytes)")]
    TooLarge(usize),
    #[error("payload: {0}")]
    Payload(String),
}

/// A type that can be stored. `TAG` identifies it; `VERSION` is its current schema.
pub trait Record: Serialize + DeserializeOwned {
    const TAG: u8;
    const VERSION: u16;
    /// The largest encoding accepted: every record but a few derived ones keeps `MAX_RECORD`.
    const LIMIT: usize = MAX_RECORD;

    /// Turns a payload written by an older `version` into the current type.
    fn migrate(version: u16, _payload: &[u8]) -> Result<Self, CodecError> {
        Err(CodecError::NoMigration(version))
    }
}

fn options() -> impl Options {
    options_up_to(MAX_RECORD)
}

fn options_up_to(limit: usize) -> impl Options {
    bincode::DefaultOptions::new()
        .with_limit(limit as u64)
        .reject_trailing_bytes()
}

/// Encodes a bincode payload with the store's options, for a value kept inside another
/// record's bytes (an audit pack's deflated entries).
pub fn encode_payload<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    options()
        .serialize(value)
        .map_err(|e| CodecError::Payload(e.to_string()))
}

/// Decodes a bincode payload with the store's options (limit, no trailing bytes).
pub fn decode_payload<T: DeserializeOwned>(payload: &[u8]) -> Result<T, CodecError> {
    options()
        .deserialize(payload)
        .map_err(|e| CodecError::Payload(e.to_string()))
}

pub fn encode<T: Record>(value: &T) -> Result<Vec<u8>, CodecError> {
    let payload = options_up_to(T::LIMIT)
        .serialize(value)
        .map_err(|e| match *e {
            bincode::ErrorKind::SizeLimit => CodecError::TooLarge(T::LIMIT + 1),
            other => CodecError::Payload(other.to_string()),
        })?;
    if payload.len() + HEADER > T::LIMIT {
        return Err(CodecError::TooLarge(payload.len() + HEADER));
    }
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.push(MAGIC);
    out.push(T::TAG);
    out.extend_from_slice(&T::VERSION.to_be_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, CodecError> {
    if bytes.len() > T::LIMIT {
        return Err(CodecError::TooLarge(bytes.len()));
    }
    if bytes.len() < HEADER {
        return Err(CodecError::TooShort(bytes.len()));
    }
    if bytes[0] != MAGIC {
        return Err(CodecError::BadMagic(bytes[0]));
    }
    if bytes[1] != T::TAG {
        return Err(CodecError::WrongTag {
            expected: T::TAG,
            found: bytes[1],
        });
    }
    let version = u16::from_be_bytes([bytes[2], bytes[3]]);
    let payload = &bytes[HEADER..];
    match version.cmp(&T::VERSION) {
        std::cmp::Ordering::Equal => options_up_to(T::LIMIT)
            .deserialize(payload)
            .map_err(|e| CodecError::Payload(e.to_string())),
        std::cmp::Ordering::Less => T::migrate(version, payload),
        std::cmp::Ordering::Greater => Err(CodecError::TooNew {
            found: version,
            supported: T::VERSION,
        }),
    }
}

macro_rules! record {
    ($t:ty, $tag:expr, $ver:expr) => {
        impl Record for $t {
            const TAG: u8 = $tag;
            const VERSION: u16 = $ver;
        }
    };
}

use crate::domain::{
    account::Account, assessment::Assessment, audit::AuditEntry, exemplar::Exemplar,
    indicator::Indicator, report::Report, task::Task, unit::Unit, Settings,
};

impl Record for Unit {
    const TAG: u8 = 1;
    const VERSION: u16 = 2;
    fn migrate(version: u16, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => Ok(decode_payload::<crate::domain::unit::UnitV1>(payload)?.into()),
            v => Err(CodecError::NoMigration(v)),
        }
    }
}
impl Record for Indicator {
    const TAG: u8 = 2;
    const VERSION: u16 = 2;
    fn migrate(version: u16, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => Ok(decode_payload::<crate::domain::indicator::IndicatorV1>(payload)?.into()),
            v => Err(CodecError::NoMigration(v)),
        }
    }
}
record!(Report, 3, 1);
impl Record for Assessment {
    const TAG: u8 = 4;
    const VERSION: u16 = 2;
    fn migrate(version: u16, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => Ok(decode_payload::<crate::domain::assessment::AssessmentV1>(payload)?.into()),
            v => Err(CodecError::NoMigration(v)),
        }
    }
}
record!(Exemplar, 5, 1);
record!(Task, 6, 1);
record!(AuditEntry, 7, 1);
impl Record for Settings {
    const TAG: u8 = 8;
    const VERSION: u16 = 3;
    fn migrate(version: u16, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => Ok(decode_payload::<crate::domain::SettingsV1>(payload)?.into()),
            2 => Ok(decode_payload::<crate::domain::SettingsV2>(payload)?.into()),
            v => Err(CodecError::NoMigration(v)),
        }
    }
}
record!(Account, 9, 1);
record!(crate::domain::conflict::Conflict, 10, 1);
record!(crate::domain::office::Office, 11, 1);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct NoteV1 {
        text: String,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Note {
        text: String,
        pinned: bool,
    }

    impl Record for NoteV1 {
        const TAG: u8 = 200;
        const VERSION: u16 = 1;
    }

    impl Record for Note {
        const TAG: u8 = 200;
        const VERSION: u16 = 2;
        fn migrate(version: u16, payload: &[u8]) -> Result<Self, CodecError> {
            match version {
                1 => {
                    let old: NoteV1 = decode_payload(payload)?;
                    Ok(Note {
                        text: old.text,
                        pinned: false,
                    })
                }
                v => Err(CodecError::NoMigration(v)),
            }
        }
    }

    #[test]
    fn migrates_older_versions_on_read() {
        let old = encode(&NoteV1 {
            text: "xin chào".into(),
        })
        .unwrap();
        let new: Note = decode(&old).unwrap();
        assert_eq!(
            new,
            Note {
                text: "xin chào".into(),
                pinned: false
            }
        );
    }

    #[test]
    fn refuses_newer_versions() {
        let new = encode(&Note {
            text: "a".into(),
            pinned: true,
        })
        .unwrap();
        assert_eq!(
            decode::<NoteV1>(&new).unwrap_err(),
            CodecError::TooNew {
                found: 2,
                supported: 1
            }
        );
    }

    #[test]
    fn rejects_trailing_bytes_and_garbage() {
        let mut b = encode(&NoteV1 { text: "a".into() }).unwrap();
        b.push(0);
        assert!(matches!(decode::<NoteV1>(&b), Err(CodecError::Payload(_))));
        assert_eq!(
            decode::<NoteV1>(&[1, 2]).unwrap_err(),
            CodecError::TooShort(2)
        );
        assert_eq!(
            decode::<NoteV1>(&[0, 200, 0, 1]).unwrap_err(),
            CodecError::BadMagic(0)
        );
        assert!(matches!(
            decode::<Unit>(&[MAGIC, 200, 0, 1]),
            Err(CodecError::WrongTag { .. })
        ));
    }

    #[test]
    fn enforces_size_limit() {
        let big = NoteV1 {
            text: "x".repeat(MAX_RECORD),
        };
        assert!(matches!(encode(&big), Err(CodecError::TooLarge(_))));
        // A length prefix claiming a huge string must not allocate it.
        let mut b = vec![MAGIC, 200, 0, 1, 0xFC];
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode::<NoteV1>(&b).is_err());
    }
}
