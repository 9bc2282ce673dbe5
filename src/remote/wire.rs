//! The bytes on the socket: a fixed handshake, then length-prefixed bincode frames with a size
//! limit and trailing bytes rejected.

use std::io::{Read, Write};

use bincode::Options;
use serde::{de::DeserializeOwned, Serialize};

use crate::error::Error;

/// Bumped whenever a request or reply changes shape.
pub const PROTOCOL_VERSION: u32 = 11;
pub const MAGIC: &[u8; 4] = b"ANTQ";
/// The greeting of a client that only listens for change notices.
pub const WATCH_MAGIC: &[u8; 4] = b"ANTW";
/// The largest frame either side accepts; bigger lengths are refused before allocating.
pub const MAX_FRAME: u32 = 16 << 20;

fn opts() -> impl Options {
    bincode::DefaultOptions::new()
        .with_limit(MAX_FRAME as u64)
        .reject_trailing_bytes()
}

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("connection closed")]
    Closed,
    #[error("frame of {0} bytes is larger than the {MAX_FRAME}-byte limit")]
    TooLarge(u32),
    #[error("malformed frame: {0}")]
    Malformed(String),
    #[error("truncated: the client went away in the middle of a frame")]
    Truncated,
    #[error("stalled: a greeting or request not whole within 5 s")]
    Stalled,
    #[error("server busy: {0} bytes of requests are already in flight")]
    Busy(u64),
    #[error("i/o: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for FrameError {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        match e.kind() {
            UnexpectedEof => FrameError::Truncated,
            WouldBlock | TimedOut => FrameError::Stalled,
            _ => FrameError::Io(e),
        }
    }
}

pub fn write_frame<T: Serialize>(w: &mut impl Write, v: &T) -> std::result::Result<(), FrameError> {
    let bytes = encode_frame(v)?;
    w.write_all(&bytes)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame. `started` is called once the first byte arrived, so a server can put a
/// deadline on the rest of a request without limiting how long a client may stay idle.
pub fn read_frame<T: DeserializeOwned, R: Read>(
    r: &mut R,
    started: impl FnOnce(&mut R),
) -> std::result::Result<T, FrameError> {
    read_frame_bounded(r, started, |_| Ok(()))
}

/// Like `read_frame`; `reserve` is asked for the frame's length before its body is read, and
/// what it returns is held until the frame is decoded (a server's memory budget). The body
/// grows as bytes arrive, so a frame that only claims a length holds no memory for it.
pub fn read_frame_bounded<T: DeserializeOwned, R: Read, G>(
    r: &mut R,
    started: impl FnOnce(&mut R),
    reserve: impl FnOnce(u32) -> std::result::Result<G, FrameError>,
) -> std::result::Result<T, FrameError> {
    let mut first = [0u8; 1];
    match r.read(&mut first) {
        Ok(0) => return Err(FrameError::Closed),
        Ok(_) => {}
        Err(e) => return Err(e.into()),
    }
    started(r);
    let mut rest = [0u8; 3];
    r.read_exact(&mut rest)?;
    let len = u32::from_be_bytes([first[0], rest[0], rest[1], rest[2]]);
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let _held = reserve(len)?;
    let mut body = Vec::with_capacity((len as usize).min(64 << 10));
    let got = r.take(len as u64).read_to_end(&mut body)?;
    if got < len as usize {
        return Err(FrameError::Truncated);
    }
    opts()
        .deserialize(&body)
        .map_err(|e| FrameError::Malformed(e.to_string()))
}

/// The bytes `write_frame` would send: length and body.
pub fn encode_frame<T: Serialize>(v: &T) -> std::result::Result<Vec<u8>, FrameError> {
    let body = opts().serialize(v).map_err(|e| match *e {
        bincode::ErrorKind::SizeLimit => FrameError::TooLarge(MAX_FRAME.saturating_add(1)),
        other => FrameError::Malformed(other.to_string()),
    })?;
    let len = u32::try_from(body.len()).map_err(|_| FrameError::TooLarge(u32::MAX))?;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let mut out = Vec::with_capacity(4 + body.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// The handshake is raw bytes, not bincode, so that any two versions understand it.
pub fn write_hello(w: &mut impl Write) -> std::io::Result<()> {
    write_greeting(w, MAGIC)
}

pub fn write_greeting(w: &mut impl Write, magic: &[u8; 4]) -> std::io::Result<()> {
    w.write_all(magic)?;
    w.write_all(&PROTOCOL_VERSION.to_be_bytes())?;
    w.flush()
}

pub fn read_hello(r: &mut impl Read) -> std::result::Result<u32, FrameError> {
    read_greeting(r).map(|(_, v)| v)
}

/// Reads a greeting: whether it is a watcher's, and its protocol version.
pub fn read_greeting(r: &mut impl Read) -> std::result::Result<(bool, u32), FrameError> {
    let mut b = [0u8; 8];
    // Connecting and leaving at once (a readiness probe) is not an error worth logging.
    if r.read(&mut b[..1])? == 0 {
        return Err(FrameError::Closed);
    }
    r.read_exact(&mut b[1..])?;
    let watch = match &b[..4] {
        m if m == MAGIC => false,
        m if m == WATCH_MAGIC => true,
        _ => {
            return Err(FrameError::Malformed(
                "not an antq client (bad greeting)".into(),
            ))
        }
    };
    Ok((watch, u32::from_be_bytes([b[4], b[5], b[6], b[7]])))
}

pub fn version_mismatch(client: u32, server: u32) -> Error {
    Error::invalid(
        "protocol",
        format!("this antq speaks protocol {client} but the server speaks {server}; install the same antq version on both"),
        format!("antq này dùng giao thức {client} nhưng máy chủ dùng {server}; hãy cài cùng phiên bản antq cho cả hai"),
    )
}
