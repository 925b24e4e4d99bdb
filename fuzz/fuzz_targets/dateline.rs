//! Datelines and bylines (新华社北京1月1日电, 撰文丨…, （记者 …）).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = digest::zh::dateline::parse(text);
    let _ = digest::zh::dateline::strip_all(text);
    let _ = digest::zh::dateline::strip_leading(text);
    let _ = digest::zh::dateline::byline(text);
    let _ = digest::zh::dateline::trailing_reporter(text);
});
