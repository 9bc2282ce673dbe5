#![no_main]
//! Any bytes as a spreadsheet file: decoded or refused with problems, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    antq::exchange::fuzzing::csv_table(data);
});
