//! The pinyin stripper: no panic, and it never removes a Han character.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn han(text: &str) -> String {
    text.chars()
        .filter(|&c| digest::zh::punctuation::is_han(c))
        .collect()
}

fuzz_target!(|text: &str| {
    let stripped = digest::zh::pinyin::strip(text);
    assert_eq!(han(text), han(&stripped), "a Han character was removed from {text:?}");
});
