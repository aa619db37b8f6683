#![no_main]
//! See `app::fuzz::ics_import`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| app::fuzz::ics_import(data));
