//! A whole input file as bytes: decoding, sniffing, extraction, cleaning, classification.
#![no_main]
use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;
#[path = "setup.rs"]
mod setup;

fuzz_target!(|bytes: &[u8]| {
    let (config, toolkit) = setup::setup();
    let input = Path::new("content/fuzz.md");
    if let Ok(raw) = digest::load::from_bytes(input, bytes)
        && let Ok(article) = digest::process_document(raw, config, toolkit)
    {
        inert::assert_inert(&article.body_html.text());
    }
});
