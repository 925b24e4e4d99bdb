//! Cleans an HTML body: walks the parsed tree once, dropping boilerplate (ads, QR-code
//! blocks, styles, scripts, comments, editor and 原标题 lines, empty elements), unwrapping
//! layout and stock-quote markup, and normalising every text node. What it removes but an
//! article needs (the original title, the editor, a byline) is handed back as a [`Harvest`].
//! Sanitising with ammonia runs afterwards as the last line of defence.

use std::collections::HashSet;
use std::sync::LazyLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

use crate::extract::boilerplate::{BODY_PREFIXES, BODY_TOKENS, PROMOTION_PHRASES};
use crate::markup::{BLOCKS, INLINES, escape_attr, escape_text};
use crate::zh::dateline;
use crate::zh::punctuation::trim_indentation;

/// What the cleaner found in the boilerplate it removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Harvest {
    pub original_title: Option<String>,
    pub editor: Option<String>,
    pub byline: Option<String>,
    /// Images that were part of removed blocks (QR codes, ads): not article images.
    pub removed_images: HashSet<String>,
}

/// The cleaned body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CleanBody {
    pub html: String,
    /// Plain text of each block, normalised, in order.
    pub paragraphs: Vec<String>,
    pub harvest: Harvest,
}

/// Elements removed with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "noscript", "template", "svg", "math", "head", "meta", "link",
    "title", "base", "audio", "video", "canvas", "nav", "aside", "header", "footer",
];
/// Containers that only carry layout: unwrapped (or made a paragraph if they hold text only).
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "center", "body", "html",
];

static ORIGINAL_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:原标题|原標題)\s*[:：]\s*(?P<title>.+)$").expect("valid regex")
});
static EDITOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(\[]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]\s*(?P<editor>[^）)\]]*)[）)\]]?$")
        .expect("valid regex")
});
/// The work code Sina appends to editor names (`刘万里 SF014`).
static WORK_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[A-Za-z]{1,4}[0-9]{2,6}$").expect("valid regex"));
static STOCK_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)realstock|/quotes?/|stock\.finance|finance\.sina\.com\.cn/(?:realstock|fund|futures)|quote\.eastmoney|gu\.qq\.com")
        .expect("valid regex")
});

/// Cleans `html`, normalising text with `normalise` (pinyin, punctuation, script).
pub fn clean(html: &str, normalise: &dyn Fn(&str) -> String) -> CleanBody {
    let html = crate::markup::limit_depth(html, crate::markup::MAX_DEPTH);
    let fragment = Html::parse_fragment(&html);
    let mut walker = Walker {
        normalise,
        out: CleanBody::default(),
        last: None,
    };
    let root = fragment.root_element();
    let mut html_out = String::with_capacity(html.len());
    walker.children(*root, &mut html_out, Context::default());
    let mut out = walker.out;
    out.html = html_out;
    out
}

#[derive(Clone, Copy, Default)]
struct Context {
    in_pre: bool,
    in_link: bool,
    /// Inside a block or inline element (text here is content, not layout whitespace).
    in_block: bool,
    /// Inside an inline element (or a link): blocks here are flattened to their content,
    /// since `<strong><p>…</p></strong>` is not valid and would not survive a second pass.
    in_inline: bool,
}

struct Walker<'a> {
    normalise: &'a dyn Fn(&str) -> String,
    out: CleanBody,
    /// The last character of text written in the current block.
    last: Option<char>,
}

impl Walker<'_> {
    fn children(&mut self, node: NodeRef<'_, Node>, out: &mut String, ctx: Context) {
        // Text split only by comments (ad markers) is one text: normalised in pieces, a
        // comma after `长(cháng)<!-- ad -->` would not see the character before it.
        let mut text = String::new();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => text.push_str(t),
                Node::Comment(_) => {}
                _ => {
                    self.text(&text, out, ctx);
                    text.clear();
                    self.node(child, out, ctx);
                }
            }
        }
        self.text(&text, out, ctx);
    }

    fn node(&mut self, node: NodeRef<'_, Node>, out: &mut String, ctx: Context) {
        match node.value() {
            Node::Text(text) => self.text(text, out, ctx),
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    self.element(element, out, ctx);
                }
            }
            // Comments (including commented-out ad lists), doctypes, processing instructions.
            _ => {}
        }
    }

    /// Normalises a piece of a block's text in the context of the character before it
    /// (pinyin and full-width punctuation depend on it), even across inline elements: a
    /// second pass, which sees the pieces joined, must find nothing left to change.
    fn normalise_after(&mut self, text: &str) -> String {
        let normalised = match self.last {
            Some(prev) => {
                let joined = (self.normalise)(&format!("{prev}{text}"));
                match joined.strip_prefix(prev) {
                    Some(rest) => rest.to_string(),
                    None => (self.normalise)(text),
                }
            }
            None => (self.normalise)(text),
        };
        if let Some(c) = normalised.chars().last() {
            self.last = Some(c);
        }
        normalised
    }

    fn text(&mut self, text: &str, out: &mut String, ctx: Context) {
        if ctx.in_pre {
            escape_text(text, out);
        } else if ctx.in_block {
            let normalised = self.normalise_after(text);
            escape_text(&normalised, out);
        } else if !text.trim().is_empty() {
            // Loose text between blocks (e.g. `<div>text<p>…</p></div>`) becomes a
            // paragraph of its own.
            let text = (self.normalise)(trim_indentation(text.trim()));
            if self.harvest_line(&text) {
                return; // an editor, byline or 原标题 line, as in a <p>
            }
            self.out.paragraphs.push(text.clone());
            out.push_str("<p>");
            escape_text(&text, out);
            // As after any block, so cleaning its own output changes nothing.
            out.push_str("</p>\n");
        }
    }

    fn element(&mut self, el: ElementRef<'_>, out: &mut String, ctx: Context) {
        let name = el.value().name();
        if DROPPED.contains(&name) {
            return;
        }
        if is_boilerplate(el) {
            self.harvest_from_block(el);
            self.remember_images(el);
            return;
        }
        let is_block = name == "h1"
            || BLOCKS.contains(&name)
            || (CONTAINERS.contains(&name) && !has_block_descendant(el));
        if ctx.in_inline && is_block && !ctx.in_pre {
            return self.children(*el, out, ctx);
        }
        match name {
            "br" => out.push_str("<br>"),
            "hr" => out.push_str("<hr>"),
            "img" => self.image(el, out),
            "a" => self.link(el, out, ctx),
            "h1" => self.block(el, "h2", out, ctx),
            _ if BLOCKS.contains(&name) => self.block(el, name, out, ctx),
            _ if INLINES.contains(&name) => self.inline(el, name, out, ctx),
            _ if CONTAINERS.contains(&name) && !has_block_descendant(el) && !ctx.in_pre => {
                self.block(el, "p", out, ctx)
            }
            // span, font and unknown elements: keep the content, lose the element. Inside
            // <pre>, spans carry syntax-highlighting classes and are kept.
            "span" if ctx.in_pre => self.inline(el, "span", out, ctx),
            _ => self.children(*el, out, ctx),
        }
    }

    fn block(&mut self, el: ElementRef<'_>, tag: &str, out: &mut String, ctx: Context) {
        let ctx = Context {
            in_pre: ctx.in_pre || tag == "pre",
            in_block: true,
            ..ctx
        };
        let mut inner = String::new();
        // A block separates text, unless it is dropped: then a second pass will not see it.
        let before = self.last.take();
        self.children(*el, &mut inner, ctx);
        self.last = None;
        let text = block_text(&inner);
        let is_leaf = !matches!(
            tag,
            "ul" | "ol"
                | "table"
                | "thead"
                | "tbody"
                | "tfoot"
                | "tr"
                | "dl"
                | "blockquote"
                | "figure"
        );
        if is_leaf && !ctx.in_pre && self.harvest_line(&text) {
            self.last = before;
            return;
        }
        if text.trim().is_empty() && !inner.contains("<img") && !matches!(tag, "td" | "th") {
            self.last = before;
            return; // empty element
        }
        if is_leaf && tag != "pre" && !text.trim().is_empty() {
            self.out.paragraphs.push(text.trim().to_string());
        }
        let inner = if ctx.in_pre {
            inner
        } else {
            trim_leading_indent(&inner)
        };
        push_element(el, tag, &inner, ctx.in_pre, out);
        if !ctx.in_pre || tag == "pre" {
            out.push('\n');
        }
    }

    fn inline(&mut self, el: ElementRef<'_>, tag: &str, out: &mut String, ctx: Context) {
        let in_text = ctx.in_block;
        let ctx = Context {
            in_pre: ctx.in_pre || tag == "code",
            in_block: true,
            in_inline: true,
            ..ctx
        };
        let mut inner = String::new();
        self.children(*el, &mut inner, ctx);
        if inner.trim().is_empty() && !ctx.in_pre {
            // An empty <strong>　</strong>: keep the spacing (within text), not the element.
            if in_text {
                out.push_str(&inner);
            }
            return;
        }
        push_element(el, tag, &inner, ctx.in_pre, out);
    }

    fn link(&mut self, el: ElementRef<'_>, out: &mut String, ctx: Context) {
        let href = el.value().attr("href").unwrap_or("").trim();
        let is_keyword = el
            .value()
            .classes()
            .any(|c| c.eq_ignore_ascii_case("keyword"));
        let usable = href.starts_with("http://")
            || href.starts_with("https://")
            || href.starts_with("mailto:")
            || href.starts_with('#');
        if ctx.in_link || is_keyword || STOCK_LINK.is_match(href) || !usable {
            self.children(*el, out, ctx);
            return;
        }
        let mut inner = String::new();
        self.children(
            *el,
            &mut inner,
            Context {
                in_link: true,
                in_inline: true,
                ..ctx
            },
        );
        if inner.trim().is_empty() {
            return;
        }
        out.push_str("<a href=\"");
        escape_attr(href, out);
        out.push_str("\">");
        out.push_str(&inner);
        out.push_str("</a>");
    }

    fn image(&mut self, el: ElementRef<'_>, out: &mut String) {
        let Some(src) = el.value().attr("src").map(str::trim) else {
            return;
        };
        let src = if let Some(rest) = src.strip_prefix("//") {
            format!("https://{rest}")
        } else {
            src.to_string()
        };
        if !(src.starts_with("https://") || src.starts_with("http://")) {
            return;
        }
        out.push_str("<img src=\"");
        escape_attr(&src, out);
        out.push('"');
        if let Some(alt) = el.value().attr("alt") {
            out.push_str(" alt=\"");
            escape_attr(&(self.normalise)(alt), out);
            out.push('"');
        }
        // Lazy loading; and no referrer, as portals block images requested with a foreign
        // one. Written here, in a fixed order: ammonia's `set_tag_attribute_value` adds its
        // attributes from a hash map, so their order changed from build to build.
        out.push_str(" loading=\"lazy\" referrerpolicy=\"no-referrer\">");
    }

    /// Recognises metadata lines that are boilerplate in the body; returns true if `text`
    /// was one (and must not be emitted).
    fn harvest_line(&mut self, text: &str) -> bool {
        let text = text.trim();
        if let Some(caps) = ORIGINAL_TITLE.captures(text) {
            self.out.harvest.original_title = Some(caps["title"].trim().to_string());
            return true;
        }
        if let Some(caps) = EDITOR_LINE.captures(text) {
            let editor = editor_name(&caps["editor"]);
            if !editor.is_empty() {
                self.out.harvest.editor = Some(editor);
            }
            return true;
        }
        if let Some(names) = dateline::byline(text) {
            self.out.harvest.byline = Some(names);
            return true;
        }
        text.chars().count() < 60 && PROMOTION_PHRASES.iter().any(|p| text.contains(p))
    }

    fn harvest_from_block(&mut self, el: ElementRef<'_>) {
        let text: String = el.text().collect();
        let text = (self.normalise)(trim_indentation(text.trim()));
        self.harvest_line(&text);
    }

    fn remember_images(&mut self, el: ElementRef<'_>) {
        for img in el.descendants().filter_map(ElementRef::wrap) {
            if img.value().name() == "img"
                && let Some(src) = img.value().attr("src")
            {
                let src = match src.strip_prefix("//") {
                    Some(rest) => format!("https://{rest}"),
                    None => src.to_string(),
                };
                self.out.harvest.removed_images.insert(src);
            }
        }
    }
}

fn is_boilerplate(el: ElementRef<'_>) -> bool {
    let value = el.value();
    let id = value.id().into_iter();
    value.classes().chain(id).any(|token| {
        let token = token.to_ascii_lowercase();
        BODY_TOKENS.contains(&token.as_str())
            || BODY_PREFIXES.iter().any(|p| token.starts_with(p))
            || token.contains("qrcode")
    })
}

fn has_block_descendant(el: ElementRef<'_>) -> bool {
    el.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|d| {
            let name = d.value().name();
            BLOCKS.contains(&name) || CONTAINERS.contains(&name) || name == "h1"
        })
}

/// Writes `<tag>inner</tag>`, keeping the class only inside code blocks.
fn push_element(el: ElementRef<'_>, tag: &str, inner: &str, keep_class: bool, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    if keep_class {
        push_class(el, out);
    }
    out.push('>');
    out.push_str(inner);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Keeps a `class` attribute (syntax-highlighting classes inside code blocks only).
fn push_class(el: ElementRef<'_>, out: &mut String) {
    if let Some(class) = el.value().attr("class") {
        out.push_str(" class=\"");
        escape_attr(class, out);
        out.push('"');
    }
}

/// Removes ideographic-space indentation at the start of a block's content.
fn trim_leading_indent(inner: &str) -> String {
    // The indentation is the first text in the block; tags before it (e.g. <strong>) are
    // skipped over, and indentation on both sides of a tag (`　　<strong>　　正文`) goes, so
    // cleaning the result again changes nothing.
    let mut rest = inner;
    let mut prefix = String::new();
    let mut changed = false;
    loop {
        while rest.starts_with('<') {
            match rest.find('>') {
                Some(end) => {
                    prefix.push_str(&rest[..=end]);
                    rest = &rest[end + 1..];
                }
                None => break,
            }
        }
        let trimmed = trim_indentation(rest);
        if trimmed.len() == rest.len() {
            break;
        }
        changed = true;
        rest = trimmed;
        if !rest.starts_with('<') {
            break;
        }
    }
    if !changed {
        return inner.to_string();
    }
    prefix + rest
}

/// The text of serialised inline HTML (tags removed, entities decoded).
fn block_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// An editor's name without the work code portals append (`刘万里 SF014` → `刘万里`).
pub fn editor_name(raw: &str) -> String {
    WORK_CODE.replace(raw.trim(), "").trim().to_string()
}

/// The final allow-list: whatever the walker let through, nothing scriptable survives.
pub fn sanitize(html: &str) -> String {
    static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            // Exactly what the walker emits: kept blocks and inlines, links, images, breaks.
            .add_tags(BLOCKS.iter().chain(INLINES))
            .add_tags(["span", "a", "img", "br", "hr"])
            .add_tag_attributes("a", ["href"])
            .add_tag_attributes("img", ["src", "alt", "loading", "referrerpolicy"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("th", ["colspan", "rowspan"])
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("pre", ["class"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        builder
    });
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_on_both_sides_of_a_leading_tag() {
        assert_eq!(
            trim_leading_indent("\u{3000}\u{3000}<strong>\u{3000}\u{3000}知识产权</strong>"),
            "<strong>知识产权</strong>"
        );
        assert_eq!(
            trim_leading_indent("<strong>\u{3000}知识</strong>\u{3000}产权"),
            "<strong>知识</strong>\u{3000}产权"
        );
        assert_eq!(trim_leading_indent("知识产权"), "知识产权");
    }

    fn identity(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn removes_sina_boilerplate_and_harvests_metadata() {
        let html = r#"<div>
<p class="ori_titlesource">　　原标题：上海要打造“首选地”</p>
<p cms-style="font-L">　　正文以<span id="stock_sz300959"><a href="https://finance.sina.com.cn/realstock/company/sz300959/nc.shtml" class="keyword" target="_blank">线上线下</a></span><span id="quote_sz300959"></span>相结合。</p><!-- news_keyword_pub,stock,sz300959 -->
<!--article_adlist[<p><img src="//n.sinaimg.cn/ad.jpg"/></p>]article_adlist-->
<style>.appendQr_wrap{border:1px}</style>
<div class="clearfix appendQr_wrap"><div class="appendQr_normal"><img src="https://n.sinaimg.cn/qr.png"></div><div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div>
<p class="article-editor">责任编辑：刘万里 SF014</p>
</div>"#;
        let body = clean(html, &identity);
        assert_eq!(body.html, "<p>正文以线上线下相结合。</p>\n");
        assert_eq!(
            body.harvest.original_title.as_deref(),
            Some("上海要打造“首选地”")
        );
        assert_eq!(body.harvest.editor.as_deref(), Some("刘万里"));
        assert!(
            body.harvest
                .removed_images
                .contains("https://n.sinaimg.cn/qr.png")
        );
        assert_eq!(body.paragraphs, vec!["正文以线上线下相结合。"]);
    }

    #[test]
    fn byline_paragraph_is_harvested() {
        let body = clean(
            "<p>　　撰文丨杨旗 宋佳音</p><p>　　10月28日，会议举行。</p>",
            &identity,
        );
        assert_eq!(body.harvest.byline.as_deref(), Some("杨旗 宋佳音"));
        assert_eq!(body.html, "<p>10月28日，会议举行。</p>\n");
    }

    #[test]
    fn scripts_handlers_and_bad_urls_never_survive() {
        let html = r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="data:image/png;base64,AAAA" onerror="x()"><iframe src="https://e.vil"></iframe></p>"#;
        let cleaned = sanitize(&clean(html, &identity).html);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript",
            "data:",
            "iframe",
        ] {
            assert!(!cleaned.contains(bad), "{bad} in {cleaned}");
        }
        assert!(cleaned.contains('a') && cleaned.contains('b'));
    }

    #[test]
    fn text_only_divs_become_paragraphs_and_empty_ones_go() {
        let body = clean("<div>一段文字</div><div> </div><p>\u{3000}</p>", &identity);
        assert_eq!(body.html, "<p>一段文字</p>\n");
    }

    #[test]
    fn normaliser_applies_to_text_but_not_code() {
        let upper = |s: &str| s.replace('x', "X");
        let body = clean("<p>x<code>x</code></p><pre><code>x</code></pre>", &upper);
        assert_eq!(
            body.html,
            "<p>X<code>x</code></p>\n<pre><code>x</code></pre>\n"
        );
    }

    #[test]
    fn ordinary_links_are_kept() {
        let body = clean(
            r#"<p>见<a href="https://www.cnipa.gov.cn/" target="_blank">国家知识产权局</a>。</p>"#,
            &identity,
        );
        assert_eq!(
            body.html,
            "<p>见<a href=\"https://www.cnipa.gov.cn/\">国家知识产权局</a>。</p>\n"
        );
        let safe = sanitize(&body.html);
        assert!(
            safe.contains("rel=\"noopener noreferrer nofollow\""),
            "{safe}"
        );
    }

    /// Images come out the same every build: lazy, without referrer, attributes in order
    /// (a hash map once ordered the last two differently from one build to the next).
    #[test]
    fn images_are_written_the_same_every_time() {
        let body = clean(
            r#"<p>图<img src="//img.example.cn/a.jpg" alt="图" loading="eager" onerror="x()"></p>"#,
            &identity,
        );
        let expected = r#"<img src="https://img.example.cn/a.jpg" alt="图" loading="lazy" referrerpolicy="no-referrer">"#;
        for _ in 0..8 {
            let safe = sanitize(&body.html);
            assert!(safe.contains(expected), "{safe}");
        }
    }
}
