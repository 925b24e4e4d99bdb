//! Markup vocabulary every stage may use (the elements an article keeps, inert markup,
//! nesting depth, escaping): a leaf module.

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

/// Removes what a page never shows and the extractor never reads, before parsing:
/// scripts (but JSON-LD, which holds metadata), styles, comments, inline SVG and noscript
/// blocks. Saved pages are half script by size, and html5ever tokenizes script text
/// character by character; a scan for the closing tag is many times faster.
pub fn strip_inert(html: &str) -> std::borrow::Cow<'_, str> {
    strip_inert_measured(html).0
}

/// [`strip_inert`], also giving the deepest element nesting of what is kept (as
/// [`limit_depth`] counts it), from the same scan.
pub fn strip_inert_measured(html: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        let (end, remove) = if rest.starts_with(b"!--") {
            // A comment ends at `-->`; an unclosed one runs to the end, as in a browser.
            let end = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            (end, true)
        } else if let Some(name) = ["script", "style", "svg", "noscript"]
            .into_iter()
            .find(|name| starts_with_tag(rest, name))
        {
            let open_end = tag_end(html, start);
            let json_ld = name == "script"
                && html[start..open_end]
                    .to_ascii_lowercase()
                    .contains("ld+json");
            (closing_tag_end(html, open_end, name), !json_ld)
        } else if rest
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        {
            // Any other tag is stepped over whole, so a `<script>` written inside one of
            // its attribute values is not taken for a tag.
            let end = tag_end(html, start);
            match tag_kind(&html[start..end]) {
                TagKind::Closing => depth = depth.saturating_sub(1),
                TagKind::Void => {}
                TagKind::Opening => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            if end - start > LONG_TAG {
                // Tracking and JSON attributes run to kilobytes a tag on portal pages, and
                // the tokenizer reads them character by character: keep only what is read.
                let buffer = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                buffer.push_str(&html[copied..start]);
                shorten_tag(&html[start..end], buffer);
                copied = end;
            }
            (end, false)
        } else {
            (start + 1, false)
        };
        if remove {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
        at = end.max(start + 1);
        if at >= html.len() {
            break;
        }
    }
    let text = match out {
        None => html.into(),
        Some(mut buffer) => {
            buffer.push_str(&html[copied.min(html.len())..]);
            buffer.into()
        }
    };
    (text, deepest)
}

/// Tags longer than this are rewritten with only the attributes extraction reads: the
/// tokenizer handles attributes a character at a time, and most of a portal page's tags
/// carry ones nobody reads (`onclick`, `target`, `data-*`, `width`).
const LONG_TAG: usize = 24;
/// Attributes extraction and cleaning read; every other one of a long tag is dropped.
const READ_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "data-src",
    "data-original",
    "data-lazy-src",
    "original",
    "alt",
    "title",
    "class",
    "id",
    "style",
    "hidden",
    "name",
    "property",
    "content",
    "itemprop",
    "http-equiv",
    "rel",
    "charset",
    "type",
    "datetime",
    "colspan",
    "rowspan",
    "lang",
];
/// Attribute values longer than this are tracking data, not addresses or text.
const LONGEST_VALUE: usize = 2048;

/// Writes `tag` with only the attributes in [`READ_ATTRIBUTES`] and values of sensible
/// length.
fn shorten_tag(tag: &str, out: &mut String) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let name_end = inner
        .find(|c: char| c.is_ascii_whitespace() || c == '/')
        .unwrap_or(inner.len());
    out.push('<');
    out.push_str(&inner[..name_end]);
    let bytes = inner.as_bytes();
    let mut i = name_end;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'/') && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &inner[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: Option<&str> = None;
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                let quote = bytes[i];
                let start = i + 1;
                let end = inner[start..]
                    .bytes()
                    .position(|b| b == quote)
                    .map_or(inner.len(), |p| start + p);
                value = Some(&inner[start..end]);
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = Some(&inner[start..i]);
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        let keep = READ_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name))
            && value.is_none_or(|v| v.len() <= LONGEST_VALUE);
        if keep {
            out.push(' ');
            out.push_str(name);
            if let Some(v) = value {
                out.push_str("=\"");
                if v.contains('"') {
                    out.push_str(&v.replace('"', "&quot;"));
                } else {
                    out.push_str(v);
                }
                out.push('"');
            }
        }
    }
    out.push('>');
}

/// The byte after the `>` that ends the tag opened at `start`, quoted attribute values
/// skipped (the end of the text when it never ends).
fn tag_end(html: &str, start: usize) -> usize {
    // Jumps from quote to quote with memchr: portal tags carry long attribute values.
    let bytes = html.as_bytes();
    let mut at = start;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|b| memchr::memchr3(b'>', b'"', b'\'', b))
    {
        let at_mark = at + found;
        match bytes[at_mark] {
            b'>' => return at_mark + 1,
            quote => match memchr::memchr(quote, &bytes[at_mark + 1..]) {
                Some(close) => at = at_mark + 1 + close + 1,
                None => break,
            },
        }
    }
    html.len()
}

/// Whether `rest` (after `<`) opens the element `name` (case-insensitive).
fn starts_with_tag(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && matches!(rest[name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
}

/// The byte just past `</name…>` from `from` on (the end of the text when unclosed).
fn closing_tag_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html.get(at..).and_then(|r| r.find("</")) {
        let start = at + offset;
        if starts_with_tag(&bytes[start + 2..], name) {
            return html[start..]
                .find('>')
                .map_or(html.len(), |e| start + e + 1);
        }
        at = start + 2;
    }
    html.len()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_styles_and_comments_but_not_json_ld() {
        let page = "<head><script>var a = '<p>x</p>';</script><STYLE>p{}</STYLE>\
            <script type=\"application/ld+json\">{\"datePublished\":\"2024-01-17\"}</script></head>\
            <body><!-- note --><p>正文</p><svg><text>图</text></svg><noscript>开启</noscript></body>";
        let stripped = strip_inert(page);
        assert_eq!(
            stripped,
            "<head><script type=\"application/ld+json\">{\"datePublished\":\"2024-01-17\"}</script></head><body><p>正文</p></body>"
        );
    }

    #[test]
    fn long_tags_keep_only_what_is_read() {
        let tracking = "x".repeat(3000);
        let tag = format!(
            "<a href=\"/a.html\" data-track='{tracking}' onclick=\"go()\" class=\"link\">文</a>"
        );
        assert_eq!(
            strip_inert(&tag),
            "<a href=\"/a.html\" class=\"link\">文</a>"
        );
        let long_href = format!("<a href=\"https://ad.example/{tracking}\" id=x>广告</a>");
        assert_eq!(strip_inert(&long_href), "<a id=\"x\">广告</a>");
        let short = "<p class=\"a\" data-x=\"1\">短</p>";
        assert_eq!(strip_inert(short), short);
    }

    #[test]
    fn unclosed_and_lookalikes() {
        assert_eq!(strip_inert("<p>a</p><script>never closed"), "<p>a</p>");
        assert_eq!(strip_inert("<p>a<!-- open"), "<p>a");
        assert_eq!(
            strip_inert("<scripture>经</scripture>"),
            "<scripture>经</scripture>"
        );
        assert_eq!(strip_inert("a < b"), "a < b");
        // A tag written inside an attribute value is not a tag (and the attribute, which
        // nothing reads, goes).
        assert_eq!(
            strip_inert("<img srcset=\"data:x,<svg onload=1>\"><p>正文</p>"),
            "<img><p>正文</p>"
        );
        assert_eq!(
            strip_inert("<a title='<svg>'>文</a>"),
            "<a title='<svg>'>文</a>"
        );
    }
}
