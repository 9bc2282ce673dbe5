//! Deflate for stored values that repeat themselves: a chunk's reports, an audit pack. sled
//! pays per byte written as well as per entry; these values shrink 3.6× and 10× (BENCHMARKS.md).
//! The fastest level: a chunk takes about 25 µs to deflate and 16 µs to inflate.
//! Both are raw deflate (RFC 1951), as flate2's `DeflateEncoder` writes it.

use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use super::codec::CodecError;

thread_local! {
    // Kept per thread and reset for each value: setting a compressor up afresh (its window
    // and tables) cost more than deflating a 1 KB chunk, a tenth of a national import.
    static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
    static DECOMPRESSOR: RefCell<Decompress> = RefCell::new(Decompress::new(false));
}

/// The parts deflated as one stream (raw deflate, no header).
pub fn deflate(parts: &[&[u8]]) -> Vec<u8> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(total / 2 + 64);
    COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        for p in parts {
            compress_all(c, p, FlushCompress::None, &mut out);
        }
        compress_all(c, &[], FlushCompress::Finish, &mut out);
    });
    out
}

/// Feeds `input` whole; with `Finish`, until the stream has ended.
fn compress_all(c: &mut Compress, mut input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64));
        }
        let before = c.total_in();
        // Compressing into memory fails only on a misuse of the stream, which this is not.
        let Ok(status) = c.compress_vec(input, out, flush) else {
            return;
        };
        input = &input[(c.total_in() - before) as usize..];
        let done = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            _ => input.is_empty(),
        };
        if done {
            return;
        }
    }
}

/// Inflates at most `max` bytes; more is refused before it is held.
pub fn inflate(deflated: &[u8], max: usize) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(max.min(deflated.len().saturating_mul(16)).max(64));
    DECOMPRESSOR.with_borrow_mut(|d| {
        d.reset(false);
        let mut input = deflated;
        loop {
            if out.len() == out.capacity() {
                if out.len() > max {
                    return Err(CodecError::Payload(format!(
                        "stored bytes inflate to over {max} bytes"
                    )));
                }
                // Never room for more than one byte past the limit.
                let room = out.capacity().min(max + 1 - out.len());
                out.reserve_exact(room.max(1));
            }
            let (before_in, before_out) = (d.total_in(), d.total_out());
            let status = d
                .decompress_vec(input, &mut out, FlushDecompress::Finish)
                .map_err(|e| CodecError::Payload(format!("stored bytes do not inflate: {e}")))?;
            input = &input[(d.total_in() - before_in) as usize..];
            if status == Status::StreamEnd {
                break;
            }
            // No progress: the bytes end before their stream does.
            let stuck = d.total_out() == before_out && d.total_in() == before_in;
            if stuck {
                return Err(CodecError::Payload(
                    "stored bytes do not inflate: they end before their stream does".into(),
                ));
            }
        }
        if out.len() > max {
            return Err(CodecError::Payload(format!(
                "stored bytes inflate to over {max} bytes"
            )));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The most a value read through `serde_value` may inflate to. An audit pack closes past its
/// size (`audit::PACK_BYTES`, 256 KB) with one more entry, and a group's index entry lists part
/// of one pack's entries: either is well within this.
pub const MAX_INFLATED: usize = 1 << 20;

/// A value encoded as the codec encodes a payload, then deflated, as one byte string: a pack
/// (whose one field encodes as its entries alone) or a group's index entry. For
/// `#[serde(with = ...)]`.
pub mod serde_value {
    use crate::store::deflate::{deflate, inflate, MAX_INFLATED};
    use serde::de::{DeserializeOwned, Error as _};
    use serde::{ser::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        let payload = crate::store::codec::encode_payload(value)
            .map_err(|e| S::Error::custom(e.to_string()))?;
        s.serialize_bytes(&deflate(&[&payload]))
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        let bytes = Vec::<u8>::deserialize(d)?;
        let payload = inflate(&bytes, MAX_INFLATED).map_err(|e| D::Error::custom(e.to_string()))?;
        crate::store::codec::decode_payload(&payload).map_err(|e| D::Error::custom(e.to_string()))
    }
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
        assert!(inflate(&d[..d.len() / 2], text.len()).is_err());
        // The kept compressor starts each value afresh: the same bytes every time, and the
        // same bytes as a compressor set up for this value alone.
        let once = {
            use std::io::Write;
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
            e.write_all(&text).unwrap();
            e.finish().unwrap()
        };
        assert_eq!(deflate(&[&text]), once);
        assert_eq!(deflate(&[b"other"]).len(), deflate(&[b"other"]).len());
        assert_eq!(deflate(&[&text]), once);
        assert_eq!(inflate(&deflate(&[]), 0).unwrap(), b"");
    }
}
