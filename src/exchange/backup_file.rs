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

/// Writes the same bytes as `encode`, tree by tree, without holding the snapshot: the
/// payload streams through SHA-256, then the header's length and checksum are filled in.
pub struct StreamWriter<W: std::io::Write + std::io::Seek> {
    out: W,
    hash: sha2::Sha256,
    len: u64,
}

/// bincode's variable-length integers (its default options), as `encode` writes them.
fn varint(n: u64) -> Vec<u8> {
    if n < 251 {
        vec![n as u8]
    } else if n <= u64::from(u16::MAX) {
        let mut v = vec![251];
        v.extend_from_slice(&(n as u16).to_le_bytes());
        v
    } else if n <= u64::from(u32::MAX) {
        let mut v = vec![252];
        v.extend_from_slice(&(n as u32).to_le_bytes());
        v
    } else {
        let mut v = vec![253];
        v.extend_from_slice(&n.to_le_bytes());
        v
    }
}

impl<W: std::io::Write + std::io::Seek> StreamWriter<W> {
    /// Starts a backup: header placeholder, time, schema and the number of trees.
    pub fn new(mut out: W, created_at: i64, schema: u32, trees: usize) -> std::io::Result<Self> {
        out.write_all(&[0; envelope::HEADER])?;
        let mut w = StreamWriter {
            out,
            hash: sha2::Sha256::default(),
            len: 0,
        };
        w.put(&varint(((created_at << 1) ^ (created_at >> 63)) as u64))?;
        w.put(&varint(u64::from(schema)))?;
        w.put(&varint(trees as u64))?;
        Ok(w)
    }

    fn put(&mut self, b: &[u8]) -> std::io::Result<()> {
        use sha2::Digest;
        self.hash.update(b);
        self.len += b.len() as u64;
        self.out.write_all(b)
    }

    fn bytes(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.put(&varint(b.len() as u64))?;
        self.put(b)
    }

    /// Starts a tree of `entries` entries; then `entry` for each, in key order.
    pub fn tree(&mut self, name: &str, entries: usize) -> std::io::Result<()> {
        self.bytes(name.as_bytes())?;
        self.put(&varint(entries as u64))
    }

    pub fn entry(&mut self, k: &[u8], v: &[u8]) -> std::io::Result<()> {
        self.bytes(k)?;
        self.bytes(v)
    }

    /// Fills in the header; the length of the whole file.
    pub fn finish(mut self) -> std::io::Result<(W, u64)> {
        use sha2::Digest;
        let mut head = Vec::with_capacity(envelope::HEADER);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&VERSION.to_be_bytes());
        head.extend_from_slice(&self.len.to_be_bytes());
        head.extend_from_slice(&self.hash.finalize());
        self.out.seek(std::io::SeekFrom::Start(0))?;
        self.out.write_all(&head)?;
        self.out.flush()?;
        Ok((self.out, envelope::HEADER as u64 + self.len))
    }
}

/// Reads a backup as `decode` does, one entry at a time, handing each to `f`; the checksum
/// is known only at the end, so the caller must undo its writes when this fails.
pub fn read_stream<R: std::io::Read>(
    r: R,
    mut f: impl FnMut(Event) -> Result<(), (String, String)>,
) -> Result<(), (String, String)> {
    let mut r = r;
    let mut head = [0u8; envelope::HEADER];
    let got = read_full(&mut r, &mut head)?;
    if got < 8 || &head[..8] != MAGIC {
        return Err(envelope::EnvelopeError::NotOurs.reason("backup", "sao lưu"));
    }
    let damaged = |e: envelope::EnvelopeError| e.reason("backup", "sao lưu");
    if got < envelope::HEADER {
        return Err(damaged(envelope::EnvelopeError::Truncated {
            have: got as u64,
            need: envelope::HEADER as u64,
        }));
    }
    let version = u16::from_be_bytes([head[8], head[9]]);
    if version > VERSION {
        return Err(damaged(envelope::EnvelopeError::TooNew {
            found: version,
            supported: VERSION,
        }));
    }
    let len = u64::from_be_bytes(head[10..18].try_into().unwrap_or([0; 8]));
    let mut p = Payload {
        r: std::io::Read::take(&mut r, len),
        hash: sha2::Sha256::default(),
        read: 0,
        read_after_body: false,
    };
    // A damaged file is named as `decode` names it: length, then checksum, then contents.
    let mut refused = None;
    let body = read_events(&mut p, len, |e| {
        f(e).inspect_err(|x| refused = Some(x.clone()))
    });
    if let Some(x) = refused {
        return Err(x);
    }
    p.drain()?;
    let (read, inside) = (p.read, p.read_after_body);
    let hash = {
        use sha2::Digest;
        p.hash.finalize()
    };
    if read < len {
        return Err(damaged(envelope::EnvelopeError::Truncated {
            have: envelope::HEADER as u64 + read,
            need: envelope::HEADER as u64 + len,
        }));
    }
    let mut rest = [0u8; 1];
    if read_full(&mut r, &mut rest)? > 0 {
        let more = 1 + std::io::copy(&mut r, &mut std::io::sink()).unwrap_or(0);
        return Err(damaged(envelope::EnvelopeError::Trailing(more)));
    }
    if hash.as_slice() != &head[18..50] {
        return Err(damaged(envelope::EnvelopeError::Checksum));
    }
    body?;
    if inside {
        return Err(unreadable("trailing bytes inside"));
    }
    Ok(())
}

fn read_events<R: std::io::Read>(
    p: &mut Payload<R>,
    len: u64,
    mut f: impl FnMut(Event) -> Result<(), (String, String)>,
) -> Result<(), (String, String)> {
    let created_at = p.varint()?;
    let created_at = ((created_at >> 1) as i64) ^ -((created_at & 1) as i64);
    let schema = u32::try_from(p.varint()?).map_err(|_| unreadable("schema"))?;
    f(Event::Start { created_at, schema })?;
    for _ in 0..p.varint()? {
        let name = String::from_utf8(p.bytes(len)?).map_err(|_| unreadable("table name"))?;
        f(Event::Tree(name))?;
        for _ in 0..p.varint()? {
            let k = p.bytes(len)?;
            let v = p.bytes(len)?;
            f(Event::Entry(k, v))?;
        }
    }
    p.read_after_body = p.read < len;
    Ok(())
}

/// What a backup holds, in file order.
pub enum Event {
    Start { created_at: i64, schema: u32 },
    Tree(String),
    Entry(Vec<u8>, Vec<u8>),
}

fn unreadable(what: &str) -> (String, String) {
    (
        format!(
            "the backup's contents cannot be read ({what}); the file was damaged; copy it again"
        ),
        format!("không đọc được nội dung bản sao lưu ({what}); tệp đã bị hỏng; hãy chép lại"),
    )
}

fn read_full(r: &mut impl std::io::Read, buf: &mut [u8]) -> Result<usize, (String, String)> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err((
                    format!("cannot read the backup file ({e})"),
                    format!("không đọc được tệp sao lưu ({e})"),
                ))
            }
        }
    }
    Ok(got)
}

struct Payload<R> {
    r: R,
    hash: sha2::Sha256,
    read: u64,
    /// The contents ended before the payload did.
    read_after_body: bool,
}

impl<R: std::io::Read> Payload<R> {
    fn exact(&mut self, n: usize) -> Result<Vec<u8>, (String, String)> {
        use sha2::Digest;
        let mut buf = vec![0u8; n];
        let got = read_full(&mut self.r, &mut buf)?;
        self.read += got as u64;
        if got < n {
            return Err(envelope::EnvelopeError::Truncated {
                have: envelope::HEADER as u64 + self.read,
                need: envelope::HEADER as u64 + self.read + (n - got) as u64,
            }
            .reason("backup", "sao lưu"));
        }
        self.hash.update(&buf);
        Ok(buf)
    }

    /// Reads what is left of the payload, so its checksum can be checked.
    fn drain(&mut self) -> Result<(), (String, String)> {
        use sha2::Digest;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = read_full(&mut self.r, &mut buf)?;
            if n == 0 {
                return Ok(());
            }
            self.hash.update(&buf[..n]);
            self.read += n as u64;
        }
    }

    fn varint(&mut self) -> Result<u64, (String, String)> {
        let tag = self.exact(1)?[0];
        let wide = |b: Vec<u8>| {
            let mut a = [0u8; 8];
            a[..b.len()].copy_from_slice(&b);
            u64::from_le_bytes(a)
        };
        Ok(match tag {
            0..=250 => u64::from(tag),
            251 => wide(self.exact(2)?),
            252 => wide(self.exact(4)?),
            253 => wide(self.exact(8)?),
            _ => return Err(unreadable("a length")),
        })
    }

    /// A length-prefixed byte string; no longer than the payload that holds it.
    fn bytes(&mut self, payload: u64) -> Result<Vec<u8>, (String, String)> {
        let n = self.varint()?;
        if n > payload.saturating_sub(self.read) {
            return Err(envelope::EnvelopeError::Truncated {
                have: envelope::HEADER as u64 + payload,
                need: envelope::HEADER as u64 + self.read + n,
            }
            .reason("backup", "sao lưu"));
        }
        self.exact(n as usize)
    }
}

#[cfg(test)]
mod stream_tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            created_at: -1_700_000_000,
            schema: 2,
            trees: vec![
                ("meta".into(), vec![(b"schema".to_vec(), vec![0, 0, 0, 2])]),
                (
                    "reports".into(),
                    (0..300u32)
                        .map(|i| (i.to_be_bytes().to_vec(), vec![7; i as usize * 300]))
                        .collect(),
                ),
                ("empty".into(), vec![]),
            ],
        }
    }

    fn streamed(s: &Snapshot) -> Vec<u8> {
        let mut w = StreamWriter::new(
            std::io::Cursor::new(Vec::new()),
            s.created_at,
            s.schema,
            s.trees.len(),
        )
        .unwrap();
        for (name, entries) in &s.trees {
            w.tree(name, entries.len()).unwrap();
            for (k, v) in entries {
                w.entry(k, v).unwrap();
            }
        }
        w.finish().unwrap().0.into_inner()
    }

    fn read_back(bytes: &[u8]) -> Result<Snapshot, (String, String)> {
        let mut s = Snapshot::default();
        read_stream(bytes, |e| {
            match e {
                Event::Start { created_at, schema } => {
                    (s.created_at, s.schema) = (created_at, schema)
                }
                Event::Tree(n) => s.trees.push((n, vec![])),
                Event::Entry(k, v) => s.trees.last_mut().unwrap().1.push((k, v)),
            }
            Ok(())
        })?;
        Ok(s)
    }

    #[test]
    fn streaming_writes_and_reads_the_same_bytes_as_encode() {
        let s = sample();
        let bytes = streamed(&s);
        assert_eq!(bytes, encode(&s));
        assert_eq!(read_back(&bytes).unwrap(), s);
    }

    #[test]
    fn streaming_read_names_each_damage_as_decode_does() {
        let bytes = encode(&sample());
        let mut bad = bytes.clone();
        *bad.last_mut().unwrap() ^= 1;
        let mut long = bytes.clone();
        long.push(0);
        for b in [
            &bad,
            &long,
            &bytes[..bytes.len() - 5].to_vec(),
            &b"ANTQBUND".to_vec(),
        ] {
            assert_eq!(read_back(b).unwrap_err(), decode(b).unwrap_err());
        }
    }
}
