//! Extraction of a scraped plain-text page (chrome, metadata lines, paragraphs).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = digest::extract::scraped::extract(std::path::Path::new("fuzz.txt"), text);
});
