#![no_main]
//! See `app::fuzz::rrule`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| app::fuzz::rrule(data));
