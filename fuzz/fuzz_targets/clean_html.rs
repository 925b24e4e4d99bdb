//! The HTML cleaning walk and the sanitiser: no panic, and nothing scriptable survives.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let body = digest::clean::html::clean(html, &|t: &str| t.to_string());
    let lower = body.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script survived: {}", body.html);
    assert!(!lower.contains("javascript:"), "javascript: URL survived: {}", body.html);
    let _ = digest::clean::html::sanitize(html);
});
