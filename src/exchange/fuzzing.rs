//! The checks the fuzz targets run, shared with the test that replays their saved corpus,
//! so CI exercises exactly the code the fuzzer does.

use crate::error::Error;
use crate::exchange::{backup_file, bundle_file, csv_table, envelope};

/// Parses bytes as a CSV file and, on success, re-reads what it produced.
pub fn csv_table(data: &[u8]) {
    match csv_table::parse("fuzz.csv", data) {
        Ok(t) => {
            // Every row keeps the line it started on, in order, after the header.
            let mut last = 0;
            for r in t.rows.iter() {
                assert!(r.line > last, "lines out of order");
                last = r.line;
            }
        }
        Err(Error::Rejected { problems, .. }) => {
            assert!(!problems.is_empty(), "a refusal must say why");
        }
        Err(e) => panic!("unexpected error kind: {e:?}"),
    }
}

/// Reads bytes as bundle and backup files, and as a bundle's contents both bare and behind an
/// older envelope (a fuzzer cannot forge SHA-256 or a signature, so the decoders behind them are
/// fed directly). Contents that decode must encode back to the same bundle, and must verify
/// once signed with a key, and never with another.
pub fn bundle_file(data: &[u8]) {
    if let Ok(o) = bundle_file::open(data) {
        let _ = bundle_file::verify(&o, &[0u8; 32]);
    }
    for contents in [data, data.get(envelope::HEADER..).unwrap_or_default()] {
        if let Ok(b) = bundle_file::decode(contents) {
            let again = bundle_file::encode(&b).expect("a decoded bundle encodes");
            assert_eq!(bundle_file::decode(&again).as_ref(), Ok(&b));
            let key = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
            let file = bundle_file::sign(again, "936", &key);
            let o = bundle_file::open(&file).expect("a signed bundle opens");
            let other = ed25519_dalek::SigningKey::from_bytes(&[8u8; 32]);
            assert!(bundle_file::verify(&o, other.verifying_key().as_bytes()).is_err());
            let back = bundle_file::verify(&o, key.verifying_key().as_bytes());
            assert_eq!(back.as_ref(), Ok(&b));
        }
    }
    let _ = backup_file::decode(data);
    let _ = backup_file::decode(&envelope::seal(
        backup_file::MAGIC,
        backup_file::VERSION,
        data,
    ));
}
