/// Panics if `html` holds a script element, an event handler or a scriptable URL (the same
/// rules as tests/bad_input.rs). Text that merely mentions `javascript:` is fine.
pub fn assert_inert(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        assert!(
            !matches!(el.name(), "script" | "iframe" | "object" | "embed" | "svg" | "math" | "base" | "meta" | "style"),
            "<{}> survived: {html}",
            el.name()
        );
        for (name, value) in el.attrs() {
            assert!(!name.starts_with("on"), "{name}= survived: {html}");
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!squashed.starts_with(scheme), "{name}={value:?} survived: {html}");
            }
        }
    }
}
