//! The date parser (RFC 2822, RFC 3339, Chinese dates, bare dates).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(published) = digest::extract::date::parse(text) {
        let _ = published.rfc3339();
        let _ = published.fixed();
        let _ = published.sort_key();
    }
});
