//! Markup helpers every stage may use: a leaf module.

/// Deepest element nesting kept. Real articles nest a dozen levels; a hostile page with
/// 100,000 took html5ever half a minute (its scope checks walk the open-element stack) and
/// then overflowed the stack of the recursive walk.
pub const MAX_DEPTH: usize = 200;

/// Drops the tags (not the text) of elements nested deeper than `max`, with a scan of the
/// markup that does not build a tree. Unbalanced markup is handled approximately; what it
/// lets through is parsed and sanitised as usual.
pub fn limit_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    // Cheap exit: fewer tags than the limit cannot nest deeper than it.
    if html.matches('<').count() <= max {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    // For each open element: whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let Some(end) = tail.find('>') else {
            out.push_str(tail);
            rest = "";
            break;
        };
        let tag = &tail[..=end];
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with("</");
        let void = tag.ends_with("/>")
            || name.is_empty()
            || matches!(
                name.as_str(),
                "br" | "hr"
                    | "img"
                    | "input"
                    | "meta"
                    | "link"
                    | "wbr"
                    | "source"
                    | "col"
                    | "area"
                    | "base"
                    | "embed"
                    | "track"
                    | "param"
            );
        let keep = if closing {
            open.pop().unwrap_or(true)
        } else if void {
            open.len() < max
        } else {
            let keep = open.len() < max;
            open.push(keep);
            keep
        };
        if keep {
            out.push_str(tag);
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out.into()
}
