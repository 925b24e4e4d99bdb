/// Panics if `html` holds anything scriptable (digest's own rules, as the tests use them).
pub fn assert_inert(html: &str) {
    let found = digest::check::inert::scriptable(html, &[]);
    assert!(found.is_empty(), "{found:?} survived: {html}");
}
