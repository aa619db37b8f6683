#![no_main]
//! See `app::fuzz::event_form`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| app::fuzz::event_form(data));
