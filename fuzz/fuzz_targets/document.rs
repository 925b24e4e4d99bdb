//! A whole input file as bytes: decoding, sniffing, extraction, cleaning, classification.
#![no_main]
use std::path::Path;
use std::sync::OnceLock;

use digest::config::SiteConfig;
use digest::Toolkit;
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fn setup() -> &'static (SiteConfig, Toolkit) {
    static SETUP: OnceLock<(SiteConfig, Toolkit)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let toolkit = Toolkit::new().expect("OpenCC dictionaries load");
        (SiteConfig::default(), toolkit)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let (config, toolkit) = setup();
    let input = Path::new("content/fuzz.md");
    if let Ok(raw) = digest::load::from_bytes(input, bytes)
        && let Ok(article) = digest::process_document(raw, config, toolkit)
    {
        inert::assert_inert(&article.body_html);
    }
});
