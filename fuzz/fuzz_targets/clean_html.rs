//! The HTML cleaning walk and the sanitiser: no panic, and nothing scriptable survives.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fuzz_target!(|html: &str| {
    let body = digest::clean::html::clean(html, &|t: &str| t.to_string());
    inert::assert_inert(&digest::clean::html::sanitize(&body.html));
    inert::assert_inert(&digest::clean::html::sanitize(html));
});
