#![no_main]
//! Any bytes as a bundle or backup file: read or refused with a reason, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    antq::exchange::fuzzing::bundle_file(data);
});
