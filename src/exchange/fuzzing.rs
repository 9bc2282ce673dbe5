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
            for (line, _) in &t.rows {
                assert!(*line > last, "lines out of order");
                last = *line;
            }
        }
        Err(Error::Rejected { problems, .. }) => {
            assert!(!problems.is_empty(), "a refusal must say why");
        }
        Err(e) => panic!("unexpected error kind: {e:?}"),
    }
}

/// Reads bytes as bundle and backup files, both as they come and sealed with a valid checksum
/// (a fuzzer cannot forge SHA-256, so only sealing reaches the decoders behind it). A bundle
/// that decodes must encode back to the same bundle.
pub fn bundle_file(data: &[u8]) {
    let sealed = envelope::seal(bundle_file::MAGIC, bundle_file::VERSION, data);
    for bytes in [data, &sealed] {
        if let Ok(b) = bundle_file::decode(bytes) {
            let again = bundle_file::encode(&b).expect("a decoded bundle encodes");
            assert_eq!(bundle_file::decode(&again).as_ref(), Ok(&b));
        }
    }
    let _ = backup_file::decode(data);
    let _ = backup_file::decode(&envelope::seal(
        backup_file::MAGIC,
        backup_file::VERSION,
        data,
    ));
}
