//! The outer layer of bundle and backup files: magic, format version, length and SHA-256,
//! so a damaged, truncated or foreign file is refused before anything inside is trusted.
//!
//! Layout: 8-byte magic, format version (u16 BE), payload length (u64 BE), SHA-256 of the
//! payload (32 bytes), then the payload. Nothing may follow it.

use sha2::{Digest, Sha256};

pub const HEADER: usize = 8 + 2 + 8 + 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    NotOurs,
    Truncated { have: u64, need: u64 },
    TooNew { found: u16, supported: u16 },
    Checksum,
    Trailing(u64),
}

impl EnvelopeError {
    /// The reason in English and Vietnamese, naming the kind of file.
    pub fn reason(&self, kind_en: &str, kind_vi: &str) -> (String, String) {
        use EnvelopeError::*;
        match self {
            NotOurs => (
                format!("this is not an antq {kind_en} file; check that you picked the right file"),
                format!("đây không phải tệp {kind_vi} của antq; hãy kiểm tra đã chọn đúng tệp"),
            ),
            Truncated { have, need } => (
                format!("the file is truncated ({have} of {need} bytes); copy or send it again"),
                format!("tệp bị cắt cụt ({have} trên {need} byte); hãy chép hoặc gửi lại"),
            ),
            TooNew { found, supported } => (
                format!("the file has format {found}, newer than this antq reads ({supported}); upgrade antq"),
                format!("tệp có định dạng {found}, mới hơn mức antq này đọc được ({supported}); hãy nâng cấp antq"),
            ),
            Checksum => (
                "the checksum does not match: the file was damaged on the way; copy or send it again".into(),
                "mã kiểm tra không khớp: tệp đã bị hỏng khi chuyển; hãy chép hoặc gửi lại".into(),
            ),
            Trailing(n) => (
                format!("{n} unexpected bytes follow the data; the file was damaged; copy or send it again"),
                format!("có {n} byte thừa sau dữ liệu; tệp đã bị hỏng; hãy chép hoặc gửi lại"),
            ),
        }
    }
}

pub fn seal(magic: &[u8; 8], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_be_bytes());
    out.extend_from_slice(&Sha256::digest(payload));
    out.extend_from_slice(payload);
    out
}

/// The payload and its format version, once magic, length, version and checksum agree.
pub fn open<'a>(
    magic: &[u8; 8],
    supported: u16,
    bytes: &'a [u8],
) -> Result<(u16, &'a [u8]), EnvelopeError> {
    if bytes.len() < 8 || &bytes[..8] != magic {
        return Err(EnvelopeError::NotOurs);
    }
    if bytes.len() < HEADER {
        return Err(EnvelopeError::Truncated {
            have: bytes.len() as u64,
            need: HEADER as u64,
        });
    }
    let version = u16::from_be_bytes([bytes[8], bytes[9]]);
    if version > supported {
        return Err(EnvelopeError::TooNew {
            found: version,
            supported,
        });
    }
    let len = u64::from_be_bytes(bytes[10..18].try_into().unwrap_or([0; 8]));
    let have = (bytes.len() - HEADER) as u64;
    if have < len {
        return Err(EnvelopeError::Truncated {
            have: bytes.len() as u64,
            need: HEADER as u64 + len,
        });
    }
    if have > len {
        return Err(EnvelopeError::Trailing(have - len));
    }
    let payload = &bytes[HEADER..];
    if Sha256::digest(payload).as_slice() != &bytes[18..50] {
        return Err(EnvelopeError::Checksum);
    }
    Ok((version, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_damage_is_named() {
        let m = b"ANTQTEST";
        let f = seal(m, 1, b"hello");
        assert_eq!(open(m, 1, &f).unwrap(), (1, &b"hello"[..]));
        assert_eq!(open(b"ANTQOTHR", 1, &f), Err(EnvelopeError::NotOurs));
        assert!(matches!(
            open(m, 1, &f[..f.len() - 2]),
            Err(EnvelopeError::Truncated { .. })
        ));
        assert!(matches!(
            open(m, 0, &f),
            Err(EnvelopeError::TooNew { found: 1, .. })
        ));
        let mut bad = f.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(open(m, 1, &bad), Err(EnvelopeError::Checksum));
        let mut long = f.clone();
        long.push(0);
        assert_eq!(open(m, 1, &long), Err(EnvelopeError::Trailing(1)));
    }
}
