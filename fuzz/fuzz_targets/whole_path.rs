//! Bytes -> files -> load -> check -> compare -> every renderer, and the
//! changes report of the negotiation against itself. See docs/fuzzing.md.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = stance::harness::run(data);
});
