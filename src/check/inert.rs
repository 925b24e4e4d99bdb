//! What must never be in a published page: anything that runs script. The test suite checks
//! every built page with this, and the fuzzers check cleaned bodies with it.

/// Describes every scriptable part of `html` (a page or a fragment): script elements other
/// than digest's own (`own_scripts`: `src` endings, with no inline code), frames, plugins,
/// SVG/MathML, `<base>`, `<style>`, `<meta http-equiv>`, event handlers, `javascript:`,
/// `vbscript:` and `data:` URLs, and CSS expressions. Text that merely mentions
/// `javascript:` is fine. Empty means inert.
pub fn scriptable(html: &str, own_scripts: &[&str]) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        match name {
            "iframe" | "object" | "embed" | "frame" | "frameset" | "base" | "svg" | "math"
            | "style" => found.push(format!("<{name}>")),
            "script" => {
                let src = el.attr("src").unwrap_or("");
                let inline = node
                    .descendants()
                    .filter_map(|d| d.value().as_text())
                    .any(|t| !t.trim().is_empty());
                if inline || !own_scripts.iter().any(|own| src.ends_with(own)) {
                    found.push(format!("<script src={src:?}>"));
                }
            }
            "meta" if el.attr("http-equiv").is_some() => found.push("<meta http-equiv>".into()),
            _ => {}
        }
        for (attr, value) in el.attrs() {
            if attr.starts_with("on") {
                found.push(format!("event handler {attr}={value:?}"));
            }
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|scheme| squashed.starts_with(scheme))
            {
                found.push(format!("{attr}={value:?}"));
            }
            if attr == "style" && squashed.contains("expression(") {
                found.push(format!("CSS expression in {value:?}"));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_runs_and_passes_what_does_not() {
        let own = ["search.js"];
        assert!(scriptable("<p>javascript: is a word here</p>", &own).is_empty());
        assert!(scriptable("<script src=\"../search.js\"></script>", &own).is_empty());
        for bad in [
            "<script>alert(1)</script>",
            "<script src=\"search.js\">alert(1)</script>",
            "<script src=\"https://evil.example/x.js\"></script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<iframe src=x></iframe>",
            "<meta http-equiv=refresh content=0>",
            "<p style=\"width: expression(alert(1))\">x</p>",
        ] {
            assert!(!scriptable(bad, &own).is_empty(), "{bad} passed");
        }
    }
}
