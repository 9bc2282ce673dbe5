//! Deflate for stored values that repeat themselves: a chunk's reports, an audit pack. sled
//! pays per byte written as well as per entry; these values shrink 3.6× and 10× (BENCHMARKS.md).
//! The fastest level: a chunk takes about 25 µs to deflate and 16 µs to inflate.

use std::io::{Read, Write};

use super::codec::CodecError;

pub fn deflate(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    for p in parts {
        // Writing into memory cannot fail.
        let _ = out.write_all(p);
    }
    out.finish().unwrap_or_default()
}

/// Inflates at most `max` bytes; more is refused before it is held.
pub fn inflate(deflated: &[u8], max: usize) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(max.min(deflated.len().saturating_mul(16)));
    let mut reader = flate2::read::DeflateDecoder::new(deflated).take(max as u64 + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|e| CodecError::Payload(format!("stored bytes do not inflate: {e}")))?;
    if out.len() > max {
        return Err(CodecError::Payload(format!(
            "stored bytes inflate to over {max} bytes"
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_trip_and_a_bound() {
        let text = b"report/31441/2024-04 added from a file ".repeat(100);
        let d = deflate(&[&text[..10], &text[10..]]);
        assert!(d.len() < text.len() / 10, "{}", d.len());
        assert_eq!(inflate(&d, text.len()).unwrap(), text);
        assert!(inflate(&d, text.len() - 1).is_err());
        assert!(inflate(b"not deflate at all", 1000).is_err());
    }
}
