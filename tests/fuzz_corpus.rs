//! Replays the fuzzers' saved inputs (fuzz/corpus/TARGET/*) through the very checks the fuzz
//! targets run, so every input that ever found a bug stays a test in CI.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let ok = std::panic::catch_unwind(|| check(&bytes));
        assert!(ok.is_ok(), "{} panicked", path.display());
        n += 1;
    }
    n
}

#[test]
fn csv_corpus_replays_cleanly() {
    assert!(replay("csv_table", antq::exchange::fuzzing::csv_table) >= 10);
}

#[test]
fn bundle_corpus_replays_cleanly() {
    assert!(replay("bundle_file", antq::exchange::fuzzing::bundle_file) >= 3);
}

#[test]
fn the_checks_catch_what_they_claim_to() {
    // A sealed district bundle decodes and round-trips; its damaged copy is refused.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/bundle_file");
    let good = std::fs::read(dir.join("district.antqb")).unwrap();
    // It predates signing (format 1): its contents follow the envelope's header.
    let contents = &good[antq::exchange::envelope::HEADER..];
    let b = antq::exchange::bundle_file::decode(contents).expect("the saved bundle decodes");
    assert!(!b.records.is_empty());
    assert!(antq::exchange::bundle_file::decode(&contents[..contents.len() - 1]).is_err());
    // As a file it is refused: it is not signed.
    assert!(matches!(
        antq::exchange::bundle_file::open(&good),
        Err(antq::exchange::bundle_file::BundleError::Unsigned)
    ));
}
