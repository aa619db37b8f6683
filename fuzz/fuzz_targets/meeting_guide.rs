#![no_main]
//! See `app::fuzz::meeting_guide`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| app::fuzz::meeting_guide(data));
