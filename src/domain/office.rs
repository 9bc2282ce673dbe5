//! Offices the province accepts bundles from: one Ed25519 public key per office, bound to the
//! unit whose subtree it answers for.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// The unit the office answers for; its bundles may only touch this subtree.
    pub unit: String,
    /// Ed25519 public key, 32 bytes.
    pub public_key: Vec<u8>,
    pub added_by: String,
    pub added_at: i64,
    /// When a bundle from this office was last applied here: local changes after it are
    /// conflicts, whatever date a bundle claims.
    pub last_import_at: Option<i64>,
}

/// A public key as people copy it: 64 hex digits.
pub fn key_hex(key: &[u8]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn parse_key_hex(s: &str) -> Option<[u8; 32]> {
    let s = s.trim();
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_hex_and_bad_text_is_refused() {
        let k: Vec<u8> = (0..32).collect();
        let h = key_hex(&k);
        assert_eq!(parse_key_hex(&h).unwrap().to_vec(), k);
        assert!(parse_key_hex(&h[1..]).is_none());
        assert!(parse_key_hex(&h.replace('0', "g")).is_none());
        assert!(parse_key_hex(&"é".repeat(32)).is_none());
    }
}
