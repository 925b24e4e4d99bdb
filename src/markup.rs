//! Markup vocabulary every stage may use (the elements an article keeps, nesting depth,
//! escaping): a leaf module.

/// Block elements an article body keeps as they are (cleaning, and the extractor's writer).
pub const BLOCKS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
];
/// Inline elements kept as they are (attributes are filtered separately).
pub const INLINES: &[&str] = &[
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "code", "mark", "small",
    "abbr", "q", "cite", "kbd",
];
/// Deepest element nesting kept. Real articles nest a dozen levels; a hostile page nested
/// far deeper made html5ever crawl (its scope checks walk the open-element stack) and then
/// overflowed the stack of the recursive walk.
pub const MAX_DEPTH: usize = 200;

/// Drops the tags (not the text) of elements nested deeper than `max`, with a scan of the
/// markup that does not build a tree. Unbalanced markup is handled approximately; what it
/// lets through is parsed and sanitised as usual.
pub fn limit_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    // Cheap exits: fewer tags than the limit cannot nest deeper than it, and most pages
    // never come near it (a scan without output tells).
    if html.matches('<').count() <= max || deepest(html) <= max {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    // For each open element: whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html;
    while let Some((before, tag, after)) = next_tag(rest) {
        out.push_str(before);
        let keep = match tag_kind(tag) {
            TagKind::Closing => open.pop().unwrap_or(true),
            TagKind::Void => open.len() < max,
            TagKind::Opening => {
                let keep = open.len() < max;
                open.push(keep);
                keep
            }
        };
        if keep {
            out.push_str(tag);
        }
        rest = after;
    }
    out.push_str(rest);
    out.into()
}

/// The deepest element nesting in `html`, counted as [`limit_depth`] counts it.
fn deepest(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some((_, tag, after)) = next_tag(rest) {
        match tag_kind(tag) {
            TagKind::Closing => depth = depth.saturating_sub(1),
            TagKind::Void => {}
            TagKind::Opening => {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        rest = after;
    }
    deepest
}

/// Text before the next tag, the tag, and the rest; `None` when no complete tag is left.
fn next_tag(rest: &str) -> Option<(&str, &str, &str)> {
    let start = rest.find('<')?;
    let end = rest[start..].find('>')? + start;
    Some((&rest[..start], &rest[start..=end], &rest[end + 1..]))
}

enum TagKind {
    Opening,
    Closing,
    Void,
}

fn tag_kind(tag: &str) -> TagKind {
    const VOID: &[&[u8]] = &[
        b"br", b"hr", b"img", b"input", b"meta", b"link", b"wbr", b"source", b"col", b"area",
        b"base", b"embed", b"track", b"param",
    ];
    let bytes = tag.as_bytes();
    if bytes.starts_with(b"</") {
        return TagKind::Closing;
    }
    let name = &bytes[bytes
        .iter()
        .position(|&b| b != b'<' && b != b'/')
        .unwrap_or(bytes.len())..];
    let name = &name[..name
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len())];
    if bytes.ends_with(b"/>")
        || name.is_empty()
        || (name.len() <= 6 && VOID.iter().any(|v| v.eq_ignore_ascii_case(name)))
    {
        TagKind::Void
    } else {
        TagKind::Opening
    }
}

/// Escapes plain text for HTML or XML text content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_text(text, &mut out);
    out
}

/// Appends `text` escaped for HTML or XML text content.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Appends `text` escaped for a double-quoted attribute value.
pub fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}
