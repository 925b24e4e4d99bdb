//! Front-matter splitting and parsing (YAML over a body) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = digest::extract::front_matter::split(text);
    let _ = digest::extract::front_matter::extract(std::path::Path::new("fuzz.md"), text);
});
