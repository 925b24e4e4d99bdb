//! A saved web page as bytes: decoding, the article found by the density scorer, metadata,
//! then cleaning; nothing scriptable may come out.
#![no_main]
use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;
#[path = "setup.rs"]
mod setup;

fuzz_target!(|bytes: &[u8]| {
    let (config, toolkit) = setup::setup();
    let input = Path::new("content/fuzz.html");
    // Whatever the bytes, they are read as a saved page.
    let Ok(mut raw) = digest::load::from_bytes(input, bytes) else {
        return;
    };
    raw.shape = digest::load::Shape::WebPage;
    raw.front_matter = false;
    if let Ok(article) = digest::process_document(raw, config, toolkit) {
        inert::assert_inert(&article.body_html.text());
        assert!(!article.title.is_empty());
    }
});
